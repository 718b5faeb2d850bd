"""Findings: what a reader, a data check, training or an evaluation noticed about the data.

A finding is a typed record with a stable id (as scikit-learn's warnings have classes), shown
as one console line, listed at the top of the report, written to ``data.json`` (and to an
external evaluation's file) and tested by id. It holds counts, column names and row numbers,
never a value from the data, so it can go into logs.

Add a new kind of finding by adding its id to :data:`FINDING_IDS` with one line saying what it
means; ``docs/findings.md`` lists the same table (a test keeps the two equal).

>>> f = Finding("duplicates_removed", "warning", "12 duplicate rows removed", count=12, removed=True)
>>> Finding.from_dict(f.to_dict()) == f
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["info", "warning", "refuse"]
SEVERITIES: tuple[str, ...] = ("info", "warning", "refuse")

# id -> what it means (the documented table; ids are stable: never rename one)
FINDING_IDS: dict[str, str] = {
    "repeated_measures": "rows look like repeated measurements of fewer people than rows; split and bootstrap by person",
    "conflicting_duplicates": "identical inputs carry different labels",
    "duplicate_samples": "samples repeat another sample exactly (kept)",
    "salt_forms": "different salts or charge forms of one parent molecule: kept apart, one input to the model",
    "stereoisomers_alike": "molecules differing only in stereochemistry get identical inputs (the featurizer encodes no stereo)",
    "extreme_values": "a numeric column holds values far outside the rest of it (an entry or unit error?)",
    "impossible_values": "a column named as a clinical quantity (age, BMI, glucose ...) holds values no patient can have",
    "duplicates_removed": "identical records were removed by the duplicates policy",
    "identifier_column": "a column holds identifiers (names, ids, contact details) and is not used as a feature",
    "identifiers_in_notes": "notes of a run trained without privacy.deid hold identifiers (names, ids, phones ...)",
    "dicom_identities": "DICOM headers still hold names or identifiers (inspect; element keywords and counts only)",
    "class_too_small": "a class has too few samples in a split for its metrics to mean much",
    "class_imbalance": "one class is a small share of the training split",
    "rebalanced_twice": "class weights and a balanced sampler both rebalance the classes",
    "missing_values": "a column has missing values",
    "zeros_as_missing": "a numeric column holds zeros far below its other values: missing values written as 0?",
    "integer_codes": "numeric columns hold a few whole numbers, probably category codes",
    "label_typo": "a class of very few rows is named nearly as another class: a typo that adds a class?",
    "split_leakage": "a patient or an identical sample is in more than one split",
    "suspect_labels": "training samples whose label a cross-validated model confidently disputes",
    "empty_text_dropped": "records whose text was empty were dropped by the empty-text policy",
    "format_guessed": "data.format: auto read the file by its content (no extension says its format); set data.format to choose",
    "unlabelled_dropped": "records without any label were left out (a record with no label teaches nothing)",
    "few_intensity_levels": "images take very few distinct intensity levels",
    "mixed_images": "images differ in channels, modality or aspect ratio",
    "skipped_inputs": "inputs that could not be read were left out and listed in the run",
    "files_ignored": "files in an image folder that are not an image type were not read (count and types in data.json)",
    "best_epoch_last": "the best validation score came at the last epoch: training longer may help",
    "training_loss_rose": "the training loss ended well above its lowest value: the learning rate is likely too high",
    "training_unstable": "the training loss jumped far above its lowest value during training: the learning rate is likely too high",
    "training_loss_at_chance": "the training loss stopped falling without going below the loss of predicting without the inputs: nothing was learned (learning rate?)",
    "dataset_shift": "an external data set differs from the training data in a column or statistic",
    "labels_reversed": "an external site's labels rank below chance beyond doubt: the site may code the labels the other way",
    "out_of_distribution": "records unlike the training data were flagged",
    "no_skill": "the network cannot be told from chance on the test split (AUROC interval reaching 0.5, R² not above 0)",
    "label_below_chance": "a multilabel label ranks below chance on validation (AUROC under 0.5): its threshold was not tuned",
    "conformal_undercoverage": "the conformal sets or intervals cover less of the test split than their target",
    "label_leakage": "a feature column alone carries the label on the training split: recorded with or from the outcome?",
    "explanations_cut": "explain.budget ran out before every explanation method had run: what was explained and what was cut",
    "few_patients": "a validation or test split holds very few patients: its metrics and intervals are unreliable",
}


def console_line(severity: str, text: str) -> str:
    """The one form of a console line mednn prints for a finding or a warning,
    ``mednn: <severity>: <text>`` (:meth:`Finding.line`, the CLI's warning formatter)."""
    return f"mednn: {severity}: {text}"


class ShownFinding(UserWarning):
    """The Python warning of a finding shown as it happens (:meth:`Finding.warn`): one subclass per
    severity, whose ``severity`` the console line names, ``mednn: <severity>: [id] ...``
    (:meth:`Finding.line`). The CLI tells a finding from any other warning by this class."""

    severity: str = "warning"


class FindingInfo(ShownFinding):
    """A finding of severity ``info`` (``predict``, which has no summary, shows them as they happen)."""

    severity = "info"


class FindingWarning(ShownFinding):
    """A finding of severity ``warning``."""

    severity = "warning"


class FindingRefusal(ShownFinding):
    """A finding of severity ``refuse``: the data was refused for it (shown as ``mednn: refuse: ...``)."""

    severity = "refuse"


# severity -> the warning class that shows it
SHOWN_AS: dict[str, type[ShownFinding]] = {c.severity: c for c in (FindingInfo, FindingWarning, FindingRefusal)}


@dataclass(frozen=True)
class Finding:
    """One thing noticed about the data: ``id`` from :data:`FINDING_IDS`, ``severity``
    (``info`` | ``warning`` | ``refuse``), a ``message`` of counts and column names, and where it
    applies: ``count`` (how many rows / records / columns), ``columns``, ``removed`` (True when the
    rows were taken out of the data) and ``rows`` (0-based row numbers of the input file)."""

    id: str
    severity: Severity
    message: str
    count: int | None = None
    columns: tuple[str, ...] = field(default_factory=tuple)
    removed: bool = False
    rows: tuple[int, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.id not in FINDING_IDS:
            raise ValueError(f"unknown finding id {self.id!r}; add it to mednn.findings.FINDING_IDS")
        if self.severity not in SEVERITIES:
            raise ValueError(f"finding severity must be one of {SEVERITIES}, got {self.severity!r}")
        object.__setattr__(self, "columns", tuple(str(c) for c in self.columns))
        object.__setattr__(self, "rows", tuple(int(r) for r in self.rows))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "severity": self.severity, "message": self.message, "count": self.count,
                "columns": list(self.columns), "removed": self.removed, "rows": list(self.rows)}

    @classmethod
    def from_dict(cls, value: dict[str, Any]) -> Finding:
        return cls(id=value["id"], severity=value["severity"], message=value["message"],
                   count=value.get("count"), columns=tuple(value.get("columns") or ()),
                   removed=bool(value.get("removed", False)), rows=tuple(value.get("rows") or ()))

    def text(self) -> str:
        """``[id] message``: the finding as an entry of a list (``mednn inspect``) and as the
        message of its Python warning (:meth:`warn`)."""
        return f"[{self.id}] {self.message}"

    def line(self) -> str:
        """The console line, the same wherever a finding is printed (trial 9: two forms in one
        command): ``mednn: warning: [id] message`` as a shown Python warning reads."""
        return console_line(self.severity, self.text())

    def warn(self, stacklevel: int = 2) -> None:
        """Show the finding now as a Python warning of its severity's class (:data:`SHOWN_AS`),
        which the CLI prints as :meth:`line`."""
        import warnings

        warnings.warn(self.text(), SHOWN_AS[self.severity], stacklevel=stacklevel + 1)


SHOWN_ROWS = 5  # records one finding or console line names (then ", ...")
# ids mednn made (file rows, SDF records, an array file's samples, DICOM pseudonyms): shown as they are
OWN_REFERENCE = re.compile(r"(row|record)-\d+|(train|val|test|image)-\d{5,}|dicom-[0-9a-f]{16}")


def row_references(ids: Any, rows: Any = None, limit: int = SHOWN_ROWS) -> str:
    """The records a finding or a console line is about, for its message, the same everywhere:
    ``ids`` are the data's ids (all of them), ``rows`` the 0-based positions named (None: every
    id). The first ``limit`` are named: by mednn's own references (``row-3`` = file row 3,
    ``record-7``, ``test-00012`` of an array file, ``dicom-<hex>``) when every id is one, else by position in reading order
    (``#4`` = the 4th record read, the 4th line of a predictions file): the data's own ids may be
    record numbers or file paths holding a patient's name, which never go into a log.

    >>> row_references(["row-2", "row-3", "row-17"], [1, 2])
    'row-3, row-17'
    >>> row_references(["MRN4471902", "MRN4471903"], [1])
    "record #2 (in reading order; the data's own ids are not shown)"
    >>> row_references([f"row-{i}" for i in range(2, 12)])
    'row-2, row-3, row-4, row-5, row-6, ...'
    """
    ids = [str(i) for i in (ids.tolist() if hasattr(ids, "tolist") else list(ids))]
    rows = list(range(len(ids))) if rows is None else [int(r) for r in rows]
    more = ", ..." if len(rows) > limit else ""
    shown = rows[:limit]
    if all(OWN_REFERENCE.fullmatch(ids[r]) for r in shown):
        return ", ".join(ids[r] for r in shown) + more
    positions = ", ".join(f"#{r + 1}" for r in shown)
    return (f"record{'s' if len(rows) > 1 else ''} {positions}{more} "
            "(in reading order; the data's own ids are not shown)")
