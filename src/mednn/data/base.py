"""The in-memory dataset type shared by every modality, and the explicit task.

A :class:`Dataset` holds inputs (a NumPy array, a pandas DataFrame of raw table columns, or
a list of texts / molecules / file references), targets, sample ids, optional groups
(patient id) and per-sample metadata. Readers in ``data/<modality>.py`` build one; splits in
``data/splits.py`` cut it by index. Nothing here guesses the task from the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np

from ..errors import DataError
from ..findings import Finding

TaskKind = Literal["binary", "multiclass", "multilabel", "regression"]
TASK_KINDS: tuple[str, ...] = ("binary", "multiclass", "multilabel", "regression")
SPLITS: tuple[str, ...] = ("train", "val", "test")


@dataclass(frozen=True)
class Task:
    """What is predicted.

    ``class_names``: binary -> [negative, positive]; multiclass -> one per class (index =
    label); multilabel -> one per label; regression -> one per target column.
    """

    kind: TaskKind
    class_names: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.kind not in TASK_KINDS:
            raise DataError(f"Unknown task {self.kind!r}; expected one of {', '.join(TASK_KINDS)}")
        if self.kind == "binary" and len(self.class_names) != 2:
            raise DataError(f"A binary task needs exactly 2 classes; got {len(self.class_names)}")
        if self.kind == "multiclass" and len(self.class_names) < 2:
            raise DataError("A multiclass task needs at least 2 classes; got 1")
        if not self.class_names:
            raise DataError("A task needs at least one class / target name")

    @property
    def positive_class(self) -> str | None:
        return self.class_names[1] if self.kind == "binary" else None

    @property
    def n_outputs(self) -> int:
        """Width of the network's output layer."""
        return 1 if self.kind == "binary" else len(self.class_names)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "class_names": list(self.class_names)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Task":
        return cls(kind=d["kind"], class_names=tuple(d["class_names"]))


@dataclass
class Dataset:
    """Samples of one modality, indexed together.

    targets: binary / multiclass -> int64 (n,); multilabel -> float32 (n, L) with NaN for a
    missing label; regression -> float32 (n, T). ``split`` holds the file's own split
    ("train" / "val" / "test") where it has one, else None. ``findings`` are what the reader
    noticed about the file (:class:`~mednn.findings.Finding` records: duplicates removed,
    repeated measures, empty texts dropped ...); their ``rows`` are rows of the file, so a
    subset keeps them unchanged.
    """

    inputs: Any
    targets: np.ndarray
    task: Task
    ids: np.ndarray
    groups: np.ndarray | None = None
    meta: dict[str, np.ndarray] = field(default_factory=dict)
    split: np.ndarray | None = None
    feature_names: list[str] | None = None
    modality: str = "tabular"
    source: str = ""
    notes: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def __post_init__(self) -> None:
        n = len(self.ids)
        if len(self.targets) != n or _length(self.inputs) != n:
            raise DataError(
                f"Inputs, targets and ids of {self.source or 'the dataset'} differ in length "
                f"({_length(self.inputs)}, {len(self.targets)}, {n})"
            )

    def __len__(self) -> int:
        return len(self.ids)

    def subset(self, index: np.ndarray) -> "Dataset":
        index = np.asarray(index)
        return replace(
            self,
            inputs=_take(self.inputs, index),
            targets=self.targets[index],
            ids=self.ids[index],
            groups=None if self.groups is None else self.groups[index],
            meta={k: v[index] for k, v in self.meta.items()},
            split=None if self.split is None else self.split[index],
            findings=list(self.findings),
        )

    def label_mask(self) -> np.ndarray:
        """True where a label is present (multilabel / multi-task regression may miss some)."""
        if self.targets.dtype.kind == "f":
            return ~np.isnan(self.targets)
        return np.ones(self.targets.shape, dtype=bool)

    def class_counts(self) -> dict[str, int]:
        """Per-class counts (positives per label for multilabel); {} for regression."""
        kind = self.task.kind
        if kind in ("binary", "multiclass"):
            counts = np.bincount(self.targets.astype(int), minlength=len(self.task.class_names))
            return {name: int(c) for name, c in zip(self.task.class_names, counts)}
        if kind == "multilabel":
            return {
                name: int(np.nansum(self.targets[:, j] == 1))
                for j, name in enumerate(self.task.class_names)
            }
        return {}


def add_finding(findings: list[Finding], finding: Finding) -> None:
    """Append ``finding`` to a reader's list and show it as one console line unless it is ``info``
    (the record goes to ``Dataset.findings``, ``data.json`` and the report; the line is for the
    person watching)."""
    findings.append(finding)
    if finding.severity != "info":
        finding.warn(stacklevel=3)


def row_ids(rows, prefix: str = "row") -> np.ndarray:
    """The default ids of records when no ``data.id_column`` is declared, the same in every reader:
    ``row-<file row>`` (the header line is row 1, so a CSV's first record is ``row-2``; JSON lines
    start at ``row-1``), ``record-<n>`` for an SDF record. Never a bare number, which would read
    like one of the file's own ids."""
    return np.array([f"{prefix}-{int(r)}" for r in rows], dtype=object)


def _length(x: Any) -> int:
    return x.shape[0] if hasattr(x, "shape") else len(x)


def _take(x: Any, index: np.ndarray) -> Any:
    if hasattr(x, "iloc"):
        return x.iloc[index].reset_index(drop=True)
    if hasattr(x, "shape"):
        return x[index]
    return [x[i] for i in index]
