"""Built-in tabular datasets that need no network: ``breast-cancer`` and ``digits``.

Selected with ``data.path: breast-cancer`` (``format: auto`` recognises the names, or set
``data.format: builtin``). Both come bundled with scikit-learn:

* ``breast-cancer``: Wisconsin diagnostic breast cancer, 569 tumours x 30 features, binary with
  class names ``["benign", "malignant"]`` and malignant as the positive class. scikit-learn
  codes malignant as 0, so the targets are re-coded (malignant = 1).
* ``digits``: 1,797 handwritten digits as 8x8 images flattened to 64 pixel columns,
  multiclass ``"0"`` .. ``"9"``. ``notes["image_shape"] = [8, 8]`` lets the report draw
  first-layer weights as images.

Add one by writing a loader returning ``(DataFrame, targets, Task, description)`` and an entry
in ``_BUILTIN``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, ClassVar

import numpy as np

from ..errors import ConfigError
from .base import Dataset, Task
from .readers import READERS, Reader


# the label column each built-in dataset's records call their label (known without loading them)
_LABELS = {"breast-cancer": "diagnosis", "digits": "digit"}


def _breast_cancer() -> tuple[Any, np.ndarray, Task, dict[str, Any]]:
    import pandas as pd
    from sklearn.datasets import load_breast_cancer

    bunch = load_breast_cancer()
    # scikit-learn: 0 = malignant, 1 = benign; mednn: positive class (1) = malignant
    if list(bunch.target_names) != ["malignant", "benign"]:  # pragma: no cover - guards a sklearn change
        raise RuntimeError("scikit-learn changed the breast-cancer class coding")
    targets = (1 - bunch.target).astype(np.int64)
    frame = pd.DataFrame(bunch.data.astype(np.float64), columns=[str(c) for c in bunch.feature_names])
    return frame, targets, Task("binary", ("benign", "malignant")), {"label_columns": [_LABELS["breast-cancer"]]}


def _digits() -> tuple[Any, np.ndarray, Task, dict[str, Any]]:
    import pandas as pd
    from sklearn.datasets import load_digits

    bunch = load_digits()
    columns = [f"pixel_{r}_{c}" for r in range(8) for c in range(8)]
    frame = pd.DataFrame(bunch.data.astype(np.float64), columns=columns)
    task = Task("multiclass", tuple(str(d) for d in range(10)))
    return frame, bunch.target.astype(np.int64), task, {"label_columns": [_LABELS["digits"]], "image_shape": [8, 8]}


# name -> (loader, task kind, n samples, description); n is fixed so listing loads nothing
_BUILTIN: dict[str, tuple[Callable[[], tuple], str, int, str]] = {
    "breast-cancer": (
        _breast_cancer,
        "binary",
        569,
        "Wisconsin diagnostic breast cancer: 30 features of cell nuclei; malignant (212) vs benign (357)",
    ),
    "digits": (
        _digits,
        "multiclass",
        1797,
        "Handwritten digits 0-9 as 8x8 grey images (64 pixel columns); the seed's small image task",
    ),
}


def list_builtin() -> list[dict[str, Any]]:
    """Name, task, sample count and description of every built-in dataset (``mednn datasets``).

    >>> [d["name"] for d in list_builtin()]
    ['breast-cancer', 'digits']
    """
    return [
        {"name": name, "task": kind, "n": n, "description": text}
        for name, (_, kind, n, text) in _BUILTIN.items()
    ]


def builtin_label(name: str) -> str:
    """The label column of built-in dataset ``name``: a user's file of the same records (to
    predict or evaluate with a run trained on it) names its label so."""
    if name not in _BUILTIN:
        raise ConfigError(f"Unknown built-in dataset {name!r}; valid: {', '.join(_BUILTIN)}")
    return _LABELS[name]


def load_builtin(name: str) -> Dataset:
    """The built-in dataset ``name`` with default settings (see :class:`BuiltinReader`)."""
    from ..config import DataConfig

    return BuiltinReader().read(DataConfig(path=name, format="builtin"), BuiltinReader.Options())


@READERS.register("builtin")
class BuiltinReader(Reader):
    """Reads a built-in dataset named by ``data.path``; it takes no format keys."""

    name: ClassVar[str] = "builtin"
    modality: ClassVar[str] = "tabular"

    @classmethod
    def sniff(cls, path: Path) -> bool:
        text = str(path)
        return text in _BUILTIN and not Path(text).exists()

    def read(self, cfg, options) -> Dataset:
        name = str(cfg.path)
        if name not in _BUILTIN:
            import difflib

            close = difflib.get_close_matches(name, list(_BUILTIN), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise ConfigError(
                f"Unknown built-in dataset {name!r}; {hint}valid: {', '.join(_BUILTIN)}; "
                "fix: set data.path to one of them or to a file"
            )
        loader, kind, _, _ = _BUILTIN[name]
        for key in ("id_column", "patient_column"):
            if getattr(cfg, key) is not None:
                raise ConfigError(f"data.{key} does not apply to the built-in dataset {name!r}; fix: remove it")
        if cfg.meta_columns:
            raise ConfigError(f"data.meta_columns does not apply to the built-in dataset {name!r}; fix: remove it")
        if cfg.task is not None and cfg.task != kind:
            raise ConfigError(
                f"The built-in dataset {name!r} is a {kind} task; got data.task {cfg.task!r}; "
                "fix: remove data.task or set it to " + repr(kind)
            )
        frame, targets, task, notes = loader()
        label = notes["label_columns"][0]
        if cfg.labels and cfg.labels != [label]:
            raise ConfigError(
                f"The built-in dataset {name!r} has one label, {label!r}; got data.label {cfg.label!r}; "
                "fix: remove data.label"
            )
        if cfg.positive_class is not None:
            if task.kind != "binary":
                raise ConfigError(f"data.positive_class applies to binary tasks; {name!r} is {task.kind}; fix: remove it")
            if cfg.positive_class not in task.class_names:
                raise ConfigError(
                    f"data.positive_class {cfg.positive_class!r} is not a class of {name!r}; "
                    f"expected one of {', '.join(task.class_names)}"
                )
            if cfg.positive_class != task.positive_class:
                targets = 1 - targets
                task = Task("binary", (task.class_names[1], task.class_names[0]))
        if cfg.feature_columns is not None:
            unknown = [c for c in cfg.feature_columns if c not in frame.columns]
            if unknown:
                raise ConfigError(
                    f"data.feature_columns names {unknown[0]!r}, which {name!r} does not have; "
                    f"valid: {', '.join(frame.columns[:8])}, ..."
                )
            frame = frame[list(cfg.feature_columns)].copy()
        notes.update(
            {
                "format": "builtin",
                "positive_class": f"'{task.positive_class}' (fixed for this dataset)" if task.positive_class else None,
                "categorical_columns": [],
                "missing_counts": {},
                "missing_policy": "impute",
            }
        )
        if notes["positive_class"] is None:
            del notes["positive_class"]
        ids = np.array([f"row-{i + 1}" for i in range(len(targets))], dtype=object)
        return Dataset(
            inputs=frame,
            targets=targets,
            task=task,
            ids=ids,
            feature_names=[str(c) for c in frame.columns],
            modality="tabular",
            source=name,
            notes=notes,
        )
