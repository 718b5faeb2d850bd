"""What ``auto`` means for each modality: the default model (``model: auto``, the modality's spec in
:mod:`mednn.modalities`) and the recipe of settings it brings, chosen across datasets rather than
on any one of them.

A modality's spec names its recipe (``ModalitySpec.recipe``); under that key :data:`AUTO_RECIPES`
holds the settings chosen across datasets, :data:`LARGE_DATA_RECIPES` what a large training
split adds, and :data:`SIZED_RECIPES` a rule from the training split to settings (images). Add
a recipe only with the leave-one-dataset-out evidence of ``benchmarks/defaults_across_datasets.py``
(the comment above each says what was measured).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import numpy as np

from .config import RunConfig
from .registry import Registry


def recipe_name(modality: str) -> str | None:
    """The key of ``modality``'s ``model: auto`` recipe (its spec's ``recipe``; None: none)."""
    from .modalities import modality_spec

    return modality_spec(modality).recipe


def model_name(cfg: RunConfig, modality: str) -> str:
    """``model.name``, or the modality's default model (its spec's) for ``auto``."""
    if cfg.model.name != "auto":
        return cfg.model.name
    from .modalities import modality_spec

    return modality_spec(modality).model


# Chosen leave-one-dataset-out over nine public tables (benchmarks/defaults_across_datasets.py,
# results in benchmarks/results/defaults_across_datasets.json): best mean validation-AUROC rank
# over all of them. The seed's 5 hidden units at lr 1e-3 underfit small tables (test AUROC on
# heart failure 0.71 against 0.93 for logistic regression, hepatitis 0.82 against 0.95, both
# significantly below). The recipe chosen without each left-out table (this one for 5 of 9, the
# same network without dropout and weight decay for 4) was significantly below neither logistic
# regression nor LightGBM on any, and gained 0.029 test AUROC on average over the seed's default.
# `model: mlp` keeps the seed's network; only `model: auto` takes the recipe.
#
# Text (issue 12): chosen leave-one-dataset-out over the text sets available offline
# (benchmarks/text_defaults_across_datasets.py, results in
# benchmarks/results/text_defaults_across_datasets.json): Medical Abstracts (5 classes), its
# first-12-words variant (short texts) and Hallmarks of Cancer (10 labels, multilabel); one
# split, seed 0, 40 epochs at most, patience 3. The seed's 5 hidden units on TF-IDF underfit:
# test macro-F1 0.46 / 0.41 / 0.14 at its full 100-epoch budget against 0.57 / 0.44 / 0.54 for
# TF-IDF + logistic regression (significantly below on two). Word 1-2 grams + character 3-5
# grams into 256 hidden units was chosen without each left-out set (best validation macro-F1 on
# all three) and scored 0.58 / 0.53 / 0.59: never significantly below logistic regression
# (paired bootstrap; above it on the short and multilabel sets) and +0.27 on average over the
# seed's default at the same budget. Only 3 sets, one seed: the choice among the [256] variants
# without character n-grams was not stable. The featurize keys apply only when the featurizer
# is the modality's default (``featurize.name`` auto or tfidf).
#
# Molecules (issue 12): chosen leave-one-dataset-out over the nine MoleculeNet files
# (benchmarks/molecule_defaults_across_datasets.py, results in
# benchmarks/results/molecule_defaults_across_datasets.json): BACE, BBBP, ClinTox, SIDER, ToxCast
# (2,000 rows x 50 tasks subsampled), MUV (3,000 rows, every positive kept), ESOL, FreeSolv,
# Lipophilicity; mednn's scaffold split 65/15/20, seed 0, TrainConfig's defaults; mean per-task
# test AUROC or RMSE. Among ten MLP recipes (widths, dropout, weight decay, ECFP radius / bits /
# counts, RDKit descriptors) ECFP4 + the 43 fast RDKit descriptors into 256 hidden units with
# dropout 0.2 had the best validation rank on every set but one and was chosen without each
# left-out set. On the left-out sets it was never significantly below ECFP4 + random forest
# (mednn's molecule baseline; above it on ToxCast, ESOL, FreeSolv and Lipophilicity: RMSE 0.98 /
# 1.32 / 0.80 against 1.73 / 2.54 / 0.99) and significantly better than the seed's default
# (ECFP4 + [5]) on 8 of 9 (BBBP: +0.009, CI includes 0), which is itself significantly below the
# forest on SIDER and MUV. One split, one seed; D-MPNN not compared here (molgraph + dmpnn stay
# opt-in). The recipe's featurizer replaces `featurize: auto` only where the config sets no
# featurize keys; `mednn tune` still searches the plain ECFP featurizer.
#
# Images (issue 12, superseded by the size-aware rule of issue 21 at the end of this file): no
# static recipe; `model: auto` kept small_cnn with today's settings, by the evidence. Measured leave-one-dataset-out (benchmarks/image_defaults_across_datasets.py, results
# in benchmarks/results/image_defaults_across_datasets{,_2d}.json) over BreastMNIST,
# PneumoniaMNIST (1,500 of its training images), AdrenalMNIST3D (official splits) and two MNIST
# tasks (even/odd, 4 vs 9; 1,000 training images); 8 epochs at most, patience 3, seed 0. Today's
# default was never significantly below logistic regression on 16x16 (8^3) pixels (test AUROC
# 0.882 / 0.954 / 0.882 / 0.996 / 1.000 against 0.809 / 0.932 / 0.818 / 0.939 / 0.992).
# Augmentation (rotate 10, zoom 0.1) ranked best on validation in 2D, but chosen without
# AdrenalMNIST3D it lost there: 0.832 against 0.882 (paired bootstrap difference -0.050, 95% CI
# -0.096 to -0.005) and no longer above the pixel baseline. On the four 2D sets neither it nor a
# cosine schedule with weight decay 1e-4 (tied with it on mean validation rank) moved test AUROC
# significantly (+0.002 on average over the default). A 2D-only recipe would need the data's
# shape, which this function does not see (it runs before the data is read); not worth it for
# that gain. Only 5 sets, one 3D, one seed; the other candidates in the benchmark did not finish
# on the shared CPU.
AUTO_RECIPES: dict[str, dict[str, dict[str, Any]]] = {
    "tabular": {"model": {"hidden_sizes": [64, 32], "dropout": 0.2}, "train": {"weight_decay": 1e-4}},
    "text": {"model": {"hidden_sizes": [256]}, "train": {}, "featurize": {"char_ngrams": [3, 5]}},
    "molecules": {"model": {"hidden_sizes": [256], "dropout": 0.2}, "train": {},
                  "featurize": {"name": "ecfp+rdkit2d", "options": {"rdkit2d": {"descriptors": "fast"}}}},
}


# Large tables (issue 12): from LARGE_TABLE_ROWS training rows on, `model: auto` on a table
# also takes these settings (the table recipe above still gives the network). Measured on the
# diabetes 130 hospitals table (67,544 training encounters, split by patient;
# benchmarks/tables_large.py, results in benchmarks/results/tables_large.json). With the
# small-table settings the MLP ran ~1,050 optimizer steps per epoch over 2,279 inputs (three
# ICD-9 columns of ~700 codes, most seen a handful of times) for 26 epochs: 55 CPU-seconds
# against LightGBM's ~3. Pooling the codes seen fewer than 50 times (636 inputs) and batches of
# 512 cut an epoch to ~0.5 CPU-seconds. On binary tasks the validation AUROC there peaks after
# one or two epochs while the validation loss keeps falling for several more (it gains on
# calibration, which temperature scaling handles afterwards, as ranking degrades): early
# stopping on the validation AUROC with patience 5 stopped after 6 epochs in every run, with
# the best validation AUROC of the variants tried (batch 128-1024, lr 3e-4-2e-3, pooling at 20,
# 50 or 100, dropout 0.5 with weight decay 1e-3). Tables below the threshold (all nine of
# benchmarks/defaults_across_datasets.py, diabetes 130 subsampled to 13,001 training rows there)
# keep the settings chosen across datasets unchanged.
LARGE_TABLE_ROWS = 20_000
LARGE_DATA_RECIPES: dict[str, dict[str, dict[str, Any]]] = {
    "tabular": {"train": {"batch_size": 512, "epochs": 30, "early_stopping": {"patience": 5}},
                "featurize": {"min_frequency": 50}},
}
LARGE_BINARY_MONITOR = "auroc"  # early stopping of a large binary table

# recipe key -> a rule from the training split to settings:
# ``rule(cfg, asked, train, *, device, log) -> RunConfig`` (images: :func:`apply_image_recipe`)
SIZED_RECIPES: Registry = Registry("size-aware recipe")


def large_data_recipe(recipe: str | None, n_train: int | None, task_kind: str | None = None) -> dict[str, dict[str, Any]]:
    """The settings ``model: auto`` adds to ``recipe`` for a training split of ``n_train`` rows
    ({} when none)."""
    if recipe not in LARGE_DATA_RECIPES or n_train is None or n_train < LARGE_TABLE_ROWS:
        return {}
    recipe = copy.deepcopy(LARGE_DATA_RECIPES[recipe])
    if task_kind == "binary":
        recipe["train"]["early_stopping"]["monitor"] = LARGE_BINARY_MONITOR
    return recipe


def _fill_unset(tree: dict[str, Any], section, values: dict[str, Any]) -> None:
    """Write ``values`` into ``tree`` where ``section`` (a validated config section) leaves
    the key unset, nested sections key by key."""
    for key, value in values.items():
        if isinstance(value, dict) and key in tree and isinstance(tree[key], dict):
            inner = getattr(section, key, None) if key in section.model_fields_set else None
            if inner is None:
                tree[key].update(value)
            else:
                _fill_unset(tree[key], inner, value)
        elif key not in section.model_fields_set:
            tree[key] = value


def apply_auto_recipe(cfg: RunConfig, n_train: int | None = None, task_kind: str | None = None) -> RunConfig:
    """``model: auto`` on a modality whose recipe is in ``AUTO_RECIPES``: its model hparams and
    training settings fill in what the config leaves unset (a key the config sets always wins);
    its featurizer arguments too, when the featurizer is the recipe's: the one its ``featurize``
    names (which replaces ``featurize: auto`` when the config sets no featurizer keys), else the
    modality's default one. Given the training split's size ``n_train`` (and the task's kind), a
    large table also takes :func:`large_data_recipe` (the same rules; ``mednn train`` passes them
    once the data is split).

    >>> apply_auto_recipe(load_config(None, ["data.path=breast-cancer"])).model.hidden_sizes  # doctest: +SKIP
    [64, 32]
    """
    from .data.readers import reader_for
    from .featurizers import default_featurizer

    if cfg.model.name != "auto":
        return cfg
    modality = reader_for(cfg.data).modality
    key = recipe_name(modality)
    recipe = AUTO_RECIPES.get(key) if key is not None else None
    if recipe is None:
        return cfg
    large = large_data_recipe(key, n_train, task_kind)
    tree = cfg.to_dict()
    default_name = default_featurizer(modality)
    uses_default = cfg.featurize.name in ("auto", default_name)
    for key, value in {**recipe["model"], **large.get("model", {})}.items():
        tree["model"].setdefault(key, copy.deepcopy(value))
    train = {**recipe["train"], **large.get("train", {})}
    # train.augment is one key: a config that sets any of it replaces the recipe's whole
    # augmentation (`train.augment: {}` switches it off); it needs the default featurizer's
    # make_augment (the image featurizer's)
    if "augment" in cfg.train.model_fields_set or not uses_default:
        train.pop("augment", None)
    _fill_unset(tree["train"], cfg.train, copy.deepcopy(train))
    featurize = {**recipe.get("featurize", {}), **large.get("featurize", {})}
    own, name = featurize.pop("name", None), cfg.featurize.name
    # a recipe's own featurizer replaces `featurize: auto` only where the config sets no featurizer
    # keys: those were written for the default featurizer (e.g. the best trial of `mednn tune`)
    if own is not None and name == "auto" and not cfg.featurize.options:
        tree["featurize"]["name"] = name = own
    if (name == own) if own is not None else name in ("auto", default_name):
        for key, value in featurize.items():
            tree["featurize"].setdefault(key, copy.deepcopy(value))
    return RunConfig.model_validate(tree)


# ---------------------------------------------------------------------------------------------
# Images (issue 21): size-aware defaults. `model: auto` on images picks input size, network,
# augmentation, epochs and batch size from the training split (count, image shape, 2D / 3D) and
# a time budget (`train.budget`; default IMAGE_BUDGET_SECONDS for the device kind). Each
# candidate below is a rule from the data to settings; which candidate `auto` uses is
# IMAGE_CHOICE, chosen leave-one-dataset-out (benchmarks/image_defaults_across_datasets.py,
# results in docs/benchmarks.md, "Image defaults").

IMAGE_CANDIDATES = ("default", "cnn", "cnn_native", "effnet_probe", "effnet_finetune")
IMAGE_BUDGET_SECONDS = {"cpu": 300.0, "cuda": 1200.0}
IMAGE_MAX_SIDE = 64  # 2D images above this are resized to it (3D: volumes above 64 per side)
IMAGE_AUGMENT_2D = {"flip": True, "rotate": 15.0, "zoom": 0.1}
# milliseconds per training sample (forward + backward + step, 2 CPU threads) per input pixel,
# measured on this project's 2-core machine: small_cnn 7.5 ms at 64x64, 1.7 at 28x28, 5.7 at
# 28^3; EfficientNet-Lite0 8.4 ms at 64x64 (fine-tuned), 1.3 (frozen); a GPU is taken as 20x faster
_MS_PER_PIXEL = {"small_cnn": 1.9e-3, "small_cnn_3d": 2.6e-4, "effnet": 2.1e-3, "effnet_frozen": 3.5e-4}
_REFERENCE = "2-core CPU, a GPU taken as 20x faster"  # what _MS_PER_PIXEL was measured on, as the line says
_OVERHEAD = 1.5  # validation pass, augmentation, data movement: measured epochs took 1.3-1.6x the steps


@dataclass(frozen=True)
class ImageRecipe:
    """The settings `model: auto` chose for an image set, and why (one console line)."""

    candidate: str
    network: str
    size: tuple[int, ...] | None  # featurize.size; None keeps the stored size
    model: dict[str, Any]
    train: dict[str, Any]
    seconds_per_epoch: float
    budget_seconds: float
    source_shape: tuple[int, ...]
    size_set: bool = False  # the config sets the size (data.size / featurize.size): the recipe keeps it

    def overrides(self) -> dict[str, dict[str, Any]]:
        featurize = {"size": list(self.size)} if self.size is not None else {}
        return {"model": {"name": self.network, **self.model}, "train": dict(self.train), "featurize": featurize}

    def line(self, used: dict[str, Any] | None = None) -> str:
        """The console line; ``used``: the train settings the run actually uses (the config's
        ``train`` section once filled), so that an epoch count or batch size the user set is the
        one printed, never the recipe's own."""
        used = used or {}
        epochs, batch = used.get("epochs", self.train["epochs"]), used.get("batch_size", self.train["batch_size"])
        shape = "x".join(str(s) for s in self.source_shape[1:])
        size = "x".join(str(s) for s in self.size) + f" (from {shape})" if self.size else shape
        size += " (the size the config sets)" if self.size_set else ""
        extra = ""
        if "freeze" in self.model:
            extra = ", linear probe" if self.model["freeze"] is True else ", fine-tuned from ImageNet"
        aug = _augment_words(used.get("augment", self.train.get("augment")))
        budget = (f"a budget of {_duration(self.budget_seconds)} at ~{self.seconds_per_epoch:.1f} s/epoch: a reference "
                  f"cost from an idle {_REFERENCE}, not measured here; a loaded machine takes longer, and training "
                  "says the pace it measures")
        why = (f"epochs fitted to {budget}" if epochs == self.train["epochs"]
               else f"epochs as set in train.epochs; the recipe would fit {self.train['epochs']} to {budget}")
        return (f"image recipe (model: auto, {self.candidate}): {self.network}{extra} at {size}, {aug}, "
                f"{epochs} epochs x batch {batch} ({why})")


_AUGMENT_WORDS = (("flip", "flips"), ("rotate", "rotations"), ("zoom", "zoom"), ("intensity", "intensity"),
                  ("contrast", "contrast"), ("noise", "noise"))


def _augment_words(augment: dict[str, Any] | None) -> str:
    """What ``train.augment`` does, in the recipe line's words: only the transforms it enables."""
    augment = augment or {}
    words = "/".join(word for key, word in _AUGMENT_WORDS if augment.get(key))
    if not words:
        return "no augmentation"
    return words + (" (minority classes only)" if augment.get("minority_only") else "")


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


def parse_seconds(value: Any) -> float | None:
    """``train.budget`` as seconds: a number, or text such as ``90s``, ``5m``, ``1h`` (None: unset)."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().lower()
    units = {"s": 1.0, "m": 60.0, "h": 3600.0}
    try:
        return float(text[:-1]) * units[text[-1]] if text[-1] in units else float(text)
    except (ValueError, IndexError):
        return None


def _image_size(shape: tuple[int, ...], candidate: str) -> tuple[int, ...] | None:
    """featurize.size for images of ``shape`` (C, *spatial): None keeps it."""
    spatial = shape[1:]
    if candidate in ("default", "cnn_native") or max(spatial) <= IMAGE_MAX_SIDE:
        return None
    return tuple(IMAGE_MAX_SIDE for _ in spatial)


def image_recipe(candidate: str, *, n_train: int, shape: tuple[int, ...], budget_seconds: float | None = None,
                 device: str = "cpu", size_set: bool = False) -> ImageRecipe:
    """The settings of one candidate rule for a training split of ``n_train`` images of ``shape``
    (C, H, W) or (C, D, H, W), fitted to ``budget_seconds`` (default: by device kind).
    ``size_set``: the config sets the input size, which the recipe keeps (and fits epochs to).

    >>> image_recipe("cnn", n_train=400, shape=(1, 225, 225)).size
    (64, 64)
    """
    if candidate not in IMAGE_CANDIDATES:
        raise ValueError(f"unknown image candidate {candidate!r}; valid: {', '.join(IMAGE_CANDIDATES)}")
    volumetric = len(shape) == 4
    if volumetric and candidate.startswith("effnet"):
        candidate = "cnn"  # no pretrained 3D backbone ships: volumes keep the small CNN
    budget = budget_seconds or IMAGE_BUDGET_SECONDS["cuda" if device == "cuda" else "cpu"]
    size = None if size_set else _image_size(shape, candidate)
    spatial = size or shape[1:]
    pixels = float(np.prod(spatial))
    model: dict[str, Any] = {}
    train: dict[str, Any] = {"batch_size": 32 if n_train < 1000 else 64}
    if candidate.startswith("effnet"):
        network, frozen = "pretrained_efficientnet_lite0", candidate == "effnet_probe"
        model["freeze"] = frozen
        # below 64 pixels the stem keeps the resolution: 4x the pixels through the blocks
        pixels *= 4 if min(spatial) < 64 else 1
        per_sample = _MS_PER_PIXEL["effnet_frozen" if frozen else "effnet"] * pixels
        train["lr"] = 1e-3 if frozen else 3e-4
        max_epochs = 40 if frozen else 30
    else:
        network = "small_cnn"
        per_sample = _MS_PER_PIXEL["small_cnn_3d" if volumetric else "small_cnn"] * pixels
        max_epochs = 100 if candidate == "default" else 60
    if candidate in ("cnn", "cnn_native", "effnet_finetune") and not volumetric:
        train["augment"] = dict(IMAGE_AUGMENT_2D)
    if candidate == "default":
        train["batch_size"] = 64
    per_sample /= 20.0 if device == "cuda" else 1.0
    seconds_per_epoch = max(n_train, 1) * per_sample / 1000.0 * _OVERHEAD
    epochs = int(min(max_epochs, max(3, 0.9 * budget // max(seconds_per_epoch, 1e-3))))
    train["epochs"] = epochs
    train["early_stopping"] = {"patience": 20 if candidate == "default" else max(5, epochs // 4)}
    return ImageRecipe(candidate, network, size, model, train, round(seconds_per_epoch, 2), budget, tuple(shape),
                       size_set)


# Which candidate `model: auto` uses, by kind of data. NOT the LODO choice: on the shared 2-core
# machine (load ~22) 20 of the benchmark's 35 runs finished (docs/benchmarks.md, "Image
# defaults", 2026-12-06); over the three groups that finished (BreastMNIST 28/64, a folder of
# mixed sizes, AdrenalMNIST3D) the LODO choice for the folder was today's default, because no
# other finished group has images above 64 pixels, and it was significantly below the pixel
# baseline there (0.600 vs 0.958). What decided: (1) the budget: a 2D image above 64 pixels costs (side/64)^2 more per epoch (a
# 225x225 folder ~12x), which the folder paid with 33 minutes and a lower AUROC (0.784,
# against 0.844 at 64x64 with flips and rotations and 0.813 for pixel logistic regression);
# (2) the finished runs: `cnn` was never significantly below the pixel baseline (BreastMNIST 28:
# +0.080 [+0.009, +0.157]; 64: +0.020; the mixed-size folder: -0.014 [-0.082, +0.060]) nor below
# today's default (-0.013 and -0.008, CIs include 0), while on the folder today's default at the
# stored 225x225 got 3 epochs in the same budget and 0.600 (-0.358 below the pixel baseline;
# `cnn` +0.344 [+0.190, +0.489] above it); (3) the pretrained EfficientNet-Lite0 did
# not win (linear probe -0.119 [-0.199, -0.034] below the default at 28x28), so `auto` does not
# choose it. Volumes keep small_cnn at their size without augmentation (issue 12: augmentation
# lost on AdrenalMNIST3D); no 3D run of this benchmark finished.
IMAGE_CHOICE = {"2d": "cnn", "3d": "cnn"}


def choose_image_recipe(*, n_train: int, shape: tuple[int, ...], budget_seconds: float | None = None,
                        device: str = "cpu", size_set: bool = False) -> ImageRecipe:
    """The recipe `model: auto` uses for this image set (:data:`IMAGE_CHOICE`)."""
    kind = "3d" if len(shape) == 4 else "2d"
    return image_recipe(IMAGE_CHOICE[kind], n_train=n_train, shape=shape, budget_seconds=budget_seconds,
                        device=device, size_set=size_set)


@SIZED_RECIPES.register("images")
def apply_image_recipe(cfg: RunConfig, asked: RunConfig, train, *, device: str = "cpu", log=None) -> RunConfig:
    """``model: auto`` on images: the settings of :func:`choose_image_recipe` for the training
    split ``train`` (a :class:`~mednn.data.base.Dataset` of images) fill what ``asked`` (the
    config as written) leaves unset, and the choice is logged in one line. A named model comes
    back unchanged.

    >>> cfg = apply_image_recipe(cfg, asked, splits.train, log=print)  # doctest: +SKIP
    image recipe (model: auto, cnn): small_cnn at 64x64 (from 225x225), flips/rotations/zoom, ...
    """
    from .featurizers import default_featurizer

    if asked.model.name != "auto":
        return cfg
    shape = tuple(int(s) for s in train.inputs.shape[1:])
    budget = parse_seconds(getattr(asked.train, "budget", None))
    # a size the config sets wins: data.size (the reader already resized to it) or featurize.size
    own = asked.featurize.options.get("size")
    size_set = own is not None or "size" in (asked.data.model_extra or {})
    if own is not None:
        sides = own if isinstance(own, (list, tuple)) else [own] * (len(shape) - 1)
        shape = shape[:1] + tuple(int(s) for s in sides)
    recipe = choose_image_recipe(n_train=len(train), shape=shape, budget_seconds=budget, device=device,
                                 size_set=size_set)
    values = recipe.overrides()
    tree = cfg.to_dict()
    tree["model"] = {**values["model"], **asked.model.hparams}
    if "augment" in asked.train.model_fields_set:
        values["train"].pop("augment", None)
    _fill_unset(tree["train"], asked.train, values["train"])
    if asked.featurize.name in ("auto", default_featurizer(train.modality)):
        for key, value in values["featurize"].items():
            tree["featurize"].setdefault(key, value)
    if log is not None:  # the epochs and batch size the run uses: a user's --epochs 4 is printed, not 60
        log(recipe.line(used=tree["train"]))
    return RunConfig.model_validate(tree)


def apply_data_recipe(cfg: RunConfig, asked: RunConfig, train, *, device: str = "cpu", log=None) -> RunConfig:
    """What ``model: auto`` takes from the training split ``train`` once the data is split: the
    large-data settings of the modality's recipe (:func:`apply_auto_recipe` with the split's
    size) and its size-aware rule (:data:`SIZED_RECIPES`); ``cfg`` unchanged when it has none.

    >>> cfg = apply_data_recipe(cfg, asked, splits.train, device="cpu", log=print)  # doctest: +SKIP
    """
    key = recipe_name(train.modality)
    if key in LARGE_DATA_RECIPES:
        cfg = apply_auto_recipe(asked, n_train=len(train), task_kind=train.task.kind)
    if key is not None and key in SIZED_RECIPES:
        cfg = SIZED_RECIPES.get(key)(cfg, asked, train, device=device, log=log)
    return cfg
