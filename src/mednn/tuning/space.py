"""The search space of ``mednn tune``: what is searched for each model, featurizer and for
training (:data:`MODEL_SPACES`, :data:`FEATURIZER_SPACES`, :func:`train_space`), how sampled
values become config keys (:func:`trial_overrides`) and where the config itself lies in the
space (:func:`config_values`, the study's first trial).

Add a model's search space to ``MODEL_SPACES`` (names are ``model.*`` hparams, or the
combined keys that :func:`trial_overrides` turns into hparams).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..config import RunConfig, validate_config


@dataclass(frozen=True)
class Param:
    """One searched setting: ``key`` is a dotted config key (or a combined key such as
    ``model.width``); ``kind`` float / int / categorical."""

    key: str
    kind: str
    low: float | None = None
    high: float | None = None
    log: bool = False
    choices: tuple = ()

    def suggest(self, trial) -> Any:
        if self.kind == "float":
            return trial.suggest_float(self.key, self.low, self.high, log=self.log)
        if self.kind == "int":
            return trial.suggest_int(self.key, int(self.low), int(self.high), log=self.log)
        return trial.suggest_categorical(self.key, list(self.choices))

    def describe(self) -> dict[str, Any]:
        if self.kind == "categorical":
            return {"key": self.key, "choices": list(self.choices)}
        return {"key": self.key, "low": self.low, "high": self.high, "log": self.log}


def _dropout(high: float = 0.5, low: float = 0.0) -> Param:
    return Param("model.dropout", "float", low, high)


# model name -> its searched hparams. `model.width` + `model.depth` + `model.shape` become
# hidden_sizes (constant: [64, 64]; halving: [64, 32], the shape of the table recipe),
# `model.base_channels` becomes the CNN's channels (see trial_overrides).
MODEL_SPACES: dict[str, list[Param]] = {
    "mlp": [Param("model.width", "categorical", choices=(8, 16, 32, 64, 128, 256)),
            Param("model.depth", "int", 1, 3), Param("model.shape", "categorical", choices=("constant", "halving")),
            _dropout()],
    "small_cnn": [Param("model.base_channels", "categorical", choices=(16, 32)), _dropout()],
    "resnet18": [_dropout()], "resnet34": [_dropout()], "resnet50": [_dropout()], "densenet121": [_dropout()],
    "textcnn": [Param("model.embedding_dim", "categorical", choices=(64, 128, 256)),
                Param("model.num_filters", "categorical", choices=(50, 100, 200)), _dropout(0.6, 0.1)],
    "transformer": [Param("model.width", "categorical", choices=(64, 128, 256)), _dropout()],
    "dmpnn": [Param("model.hidden_size", "categorical", choices=(150, 300, 600)),
              Param("model.depth", "int", 2, 6), Param("model.ffn_layers", "int", 1, 3), _dropout(0.4)],
}

# featurizer name -> its searched options (the table and image featurizers have none worth searching).
# `featurize.char_ngram_range` "none" / "3-5" becomes the TF-IDF's char_ngrams (None / [3, 5]).
FEATURIZER_SPACES: dict[str, list[Param]] = {
    "tfidf": [Param("featurize.max_features", "categorical", choices=(5000, 20000, 50000)),
              Param("featurize.min_df", "categorical", choices=(1, 2, 5)),
              Param("featurize.ngram_max", "categorical", choices=(1, 2)),
              Param("featurize.char_ngram_range", "categorical", choices=("none", "3-5"))],
    "ecfp": [Param("featurize.radius", "int", 1, 3), Param("featurize.n_bits", "categorical", choices=(1024, 2048)),
             Param("featurize.use_counts", "categorical", choices=(False, True))],
    "wordpiece": [Param("featurize.vocab_size", "categorical", choices=(4000, 8000, 16000))],
    "bpe": [Param("featurize.vocab_size", "categorical", choices=(4000, 8000, 16000))],
}


def train_space(cfg: RunConfig) -> list[Param]:
    """Learning rate, weight decay, batch size, epochs (the config's ``train.epochs`` is the
    upper bound) and ensemble size."""
    lr = (1e-3, 0.3) if cfg.train.optimizer == "sgd" else (1e-4, 3e-2)
    epochs = cfg.train.epochs
    return [
        Param("train.lr", "float", *lr, log=True),
        Param("train.weight_decay", "float", 1e-6, 1e-2, log=True),
        Param("train.batch_size", "categorical", choices=(16, 32, 64, 128, 256)),
        Param("train.epochs", "int", max(1, epochs // 4), epochs),
        Param("train.ensemble", "categorical", choices=(1, 3)),
    ]


def search_space(cfg: RunConfig, model: str, featurizer: str) -> list[Param]:
    """The declared space for this config: training, the model's and the featurizer's."""
    return train_space(cfg) + MODEL_SPACES.get(model, []) + FEATURIZER_SPACES.get(featurizer, [])


def trial_overrides(values: dict[str, Any]) -> dict[str, Any]:
    """Sampled values -> dotted config keys (combined keys resolved into the model's hparams)."""
    out = dict(values)
    if "model.width" in out:
        width, depth = int(out.pop("model.width")), int(out.pop("model.depth", 1))
        halving = out.pop("model.shape", "constant") == "halving"
        out["model.hidden_sizes"] = [max(4, width >> i) if halving else width for i in range(depth)]
    if "model.base_channels" in out:
        c = int(out.pop("model.base_channels"))
        out["model.channels"] = [c, 2 * c, 4 * c]
    if "featurize.ngram_max" in out:
        out["featurize.ngram_range"] = [1, int(out.pop("featurize.ngram_max"))]
    if "featurize.char_ngram_range" in out:
        text = str(out.pop("featurize.char_ngram_range"))
        out["featurize.char_ngrams"] = None if text == "none" else [int(n) for n in text.split("-")]
    return out


def config_values(cfg: RunConfig, space: list[Param], featurizer_params: dict[str, Any]) -> dict[str, Any]:
    """The point of ``space`` that is ``cfg`` itself (numbers clipped into their range): the
    study's first trial, so that a short budget still compares the config's own settings
    (``model: auto``: the recipe chosen across datasets) with what the search finds. A value the
    space cannot hold (a width that is not a choice) and a model hparam the config leaves to the
    model's default are left out, so the sampler draws them. ``featurizer_params``: the
    featurizer's effective options (its defaults included).

    >>> config_values(cfg, search_space(cfg, "mlp", "tabular"), {})["model.shape"]  # doctest: +SKIP
    'halving'
    """
    tree = cfg.to_dict()
    known: dict[str, Any] = {f"train.{k}": v for k, v in tree["train"].items()}
    known.update({f"model.{k}": v for k, v in cfg.model.hparams.items()})
    known.update({f"featurize.{k}": v for k, v in featurizer_params.items()})
    sizes = cfg.model.hparams.get("hidden_sizes")
    if isinstance(sizes, list) and sizes:
        width, depth = int(sizes[0]), len(sizes)
        known.update({"model.width": width, "model.depth": depth})
        for shape in ("constant", "halving"):
            if trial_overrides({"model.width": width, "model.depth": depth, "model.shape": shape})[
                    "model.hidden_sizes"] == list(sizes):
                known["model.shape"] = shape
                break
    channels = cfg.model.hparams.get("channels")
    if isinstance(channels, list) and channels:
        known["model.base_channels"] = channels[0]
    if "featurize.ngram_range" in known:
        known["featurize.ngram_max"] = list(known["featurize.ngram_range"])[-1]
    if "featurize.char_ngrams" in known:
        grams = known["featurize.char_ngrams"]
        known["featurize.char_ngram_range"] = "none" if not grams else "-".join(str(int(n)) for n in grams)
    values = {}
    for param in space:
        value = known.get(param.key)
        if value is None or isinstance(value, (list, dict)):
            continue
        if param.kind == "categorical":
            if value in param.choices:
                values[param.key] = value
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            value = min(max(value, param.low), param.high)
            values[param.key] = int(round(value)) if param.kind == "int" else float(value)
    return values


def apply_overrides(cfg: RunConfig, overrides: dict[str, Any]) -> RunConfig:
    """A new validated config: ``cfg`` with dotted keys replaced."""
    tree = cfg.to_dict()
    for dotted, value in overrides.items():
        node = tree
        *parents, last = dotted.split(".")
        for k in parents:
            node = node.setdefault(k, {})
        node[last] = value
    return validate_config(tree, "tuned config")
