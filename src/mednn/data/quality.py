"""Data quality checks (seed section 5.1): class balance, missing values, duplicates, labels
that disagree on identical inputs, and leakage of patients or identical samples across splits.

Everything here is counts and column names, never values, so the findings can go into logs,
``data.json`` and the report. Each finding is a :class:`~mednn.findings.Finding` with a stable id
(``class_too_small``, ``class_imbalance``, ``missing_values``, ``integer_codes``,
``duplicate_samples``, ``conflicting_duplicates``, ``split_leakage``, ``skipped_inputs``,
``few_patients``);
the reader's own findings (``Dataset.findings``: duplicates removed, repeated measures, empty
texts dropped ...) come first. ``mednn inspect`` prints them before any training. The summary
also counts patients per split and the missing labels of multi-task targets.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from ..errors import plural
from ..findings import Finding
from .base import Dataset
from .label_typos import label_typo_findings
from .patients import patient_groups, patients_per_split
from .clinical_ranges import impossible_value_findings, table_impossible_cells, zero_marker_advice
from .extreme_values import extreme_value_findings
from .rare_labels import listed, rare_label_findings
from .splits import _row_keys, leakage_report

# a class with fewer training samples than this is flagged
FEW_SAMPLES = 20
# a class with fewer validation (test) samples than this is flagged: the operating threshold
# (the test metrics) rest on that many samples of it
FEW_EVAL_SAMPLES = 10
# a majority / minority ratio above this is flagged as imbalance
IMBALANCE_RATIO = 4.0
# zeros_as_missing: at least this many zeros, a gap from 0 this many usual steps wide, and this many
# distinct other values (fewer: a code or a small count, where 0 is a real value)
ZERO_MIN_ROWS, ZERO_GAP_STEPS, ZERO_MIN_LEVELS = 3, 5.0, 10
ZERO_WARN_SHARE = 0.05  # below this share of rows in every flagged column, zeros_as_missing is a note:
# breast-cancer Wisconsin's 13 zero-concavity cells (2%) pass the gap test but are plausibly real
# a numeric column of whole numbers with 3..this many distinct values looks like a code
CODE_MAX_VALUES = 10
# a validation or test split holding fewer patients than this is flagged: its metrics, intervals
# and conformal calibration rest on that many independent people, however many samples it holds
FEW_PATIENTS = 10


def probably_categorical(dataset: Dataset) -> list[str]:
    """Numeric table columns that look like integer codes (e.g. chest-pain type 1-4): whole
    numbers only, 3 to ``CODE_MAX_VALUES`` distinct values, each seen at least twice on average,
    not a measurement rounded to a step (blood pressure in tens).
    Columns already treated as categorical (``data.categorical_columns``, text) are left out;
    0/1 indicators are not flagged (one-hot encoding them changes nothing)."""
    import pandas as pd

    frame = dataset.inputs
    if not isinstance(frame, pd.DataFrame):
        return []
    already = set(dataset.notes.get("categorical_columns") or [])
    flagged = []
    for name in frame.columns:
        col = frame[name]
        if name in already or not pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col):
            continue
        values = col.dropna().to_numpy(dtype=np.float64)
        if values.size == 0 or not np.all(np.isfinite(values)) or not np.all(values == np.round(values)):
            continue
        levels = np.unique(values)
        if 3 <= len(levels) <= CODE_MAX_VALUES and values.size >= 2 * len(levels) and not _rounded_amount(levels):
            flagged.append(str(name))
    return flagged


def _rounded_amount(levels: np.ndarray) -> bool:
    """Whole numbers that read as a measurement rounded to a step, not as codes: values beyond
    what a code list reaches (blood pressure 60-180), or all multiples of 5 or more (a step of 10)."""
    if np.max(np.abs(levels)) > 2 * CODE_MAX_VALUES:
        return True
    return int(np.gcd.reduce(np.abs(levels).astype(np.int64))) >= 5


def duplicate_report(dataset: Dataset) -> dict[str, int]:
    """How many samples repeat an earlier one exactly, and in how many repeated groups the
    labels disagree (a label-noise signal: the same input cannot have two diagnoses)."""
    keys = _row_keys(dataset.inputs)
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    repeated = counts[inverse] > 1
    n_repeats = int((counts[counts > 1] - 1).sum())
    conflicting = 0
    if repeated.any() and dataset.task.kind in ("binary", "multiclass"):
        labels = np.asarray(dataset.targets)
        for group in np.flatnonzero(counts > 1):
            members = np.flatnonzero(inverse == group)
            conflicting += int(len(np.unique(labels[members])) > 1)
    return {"duplicate_samples": n_repeats, "duplicate_groups": int((counts > 1).sum()),
            "groups_with_conflicting_labels": conflicting}


def inspect_dataset(dataset: Dataset, splits: dict[str, np.ndarray], *, split_checks: bool = True,
                    in_run: bool = False, split_method: str | None = None,
                    rebalanced: str | None = None) -> dict[str, Any]:
    """What the checks found about a dataset and its split: counts, and ``findings`` as
    :class:`~mednn.findings.Finding` records (stable ids, counts and column names, never values).
    ``split_checks``: also run the modality's data checks that ``mednn train`` runs before training
    (:func:`mednn.data.split_checks.split_findings`: label leakage, image checks); a caller that
    already ran them (the run writer, after :func:`mednn.pipeline.prepare`) passes False.
    ``in_run``: the findings go into a run directory (which lists the skipped inputs).
    ``split_method``: the config's ``split.method`` (molecules: a chosen random split is no defect).
    ``rebalanced``: the config setting that already weights the classes (:func:`rebalanced_by`).

    >>> report = inspect_dataset(dataset, split_indices(dataset))  # doctest: +SKIP
    >>> [f.id for f in report["findings"]]  # doctest: +SKIP
    ['class_imbalance', 'missing_values']
    """
    parts = {name: dataset.subset(index) for name, index in splits.items()}
    balance = {name: part.class_counts() for name, part in parts.items()}
    missing = dataset.notes.get("missing_counts") or {}
    codes = probably_categorical(dataset)
    duplicates = duplicate_report(dataset)
    leakage = leakage_report(dataset, splits)
    impossible = table_impossible_cells(dataset)  # named once: not again as extreme values or zeros
    known = {c.column: {*c.rows, *c.zero_rows} for c in impossible}
    checked = [*label_typo_findings(dataset), *_balance_findings(dataset, balance.get("train", {}), rebalanced),
               *_few_eval_findings(dataset, balance), *rare_label_findings(parts, FEW_SAMPLES, FEW_EVAL_SAMPLES),
               *_missing_findings(missing, len(dataset)), *_none_findings(dataset),
               *impossible_value_findings(dataset, impossible),
               *zero_findings(dataset, skip={c.column for c in impossible if c.zero_rows}),
               *extreme_value_findings(dataset, known), *_code_findings(codes),
               *_duplicate_findings(duplicates, dataset),
               *_leakage_findings(leakage, dataset, split_method),
               *_skipped_findings(dataset, in_run)]
    if split_checks:
        from .split_checks import split_findings

        checked += split_findings(dataset, splits)
    patients = patients_per_split(dataset, splits)
    checked += _few_patient_findings(patients or {}, {name: len(part) for name, part in parts.items()})
    # the reader's findings come first (they hold the rows); a check the reader already made is not repeated
    told = {f.id for f in dataset.findings}
    findings = [*dataset.findings, *(f for f in checked if f.id not in told)]
    summary = {name: {"n": len(part), "class_counts": balance[name]} for name, part in parts.items()}
    for name, count in (patients or {}).items():
        summary[name]["n_patients"] = count
    return {
        "n": len(dataset),
        "modality": dataset.modality,
        "task": dataset.task.to_dict(),
        "splits": summary,
        "n_patients": None if patients is None else len(np.unique(np.asarray(patient_groups(dataset)).astype(str))),
        "missing": missing,
        "missing_labels": missing_labels(dataset),
        "probably_categorical": codes,
        "duplicates": duplicates,
        "leakage": leakage,
        "findings": findings,
    }


def missing_labels(dataset: Dataset) -> dict[str, Any]:
    """Missing label cells of a multi-task target (multilabel, several regression targets): the
    total, the samples missing at least one, and per label. Single-label tasks have none (a row
    without its label is refused or left out with a finding by the reader).

    >>> missing_labels(dataset)  # doctest: +SKIP
    {'cells': 1200, 'samples_with_any': 700, 'per_label': {'NR-AR': 570, ...}}
    """
    present = dataset.label_mask()
    if present.ndim == 1:
        return {"cells": 0, "samples_with_any": 0, "per_label": {}}
    absent = ~present
    return {"cells": int(absent.sum()), "samples_with_any": int(absent.any(axis=1).sum()),
            "per_label": {name: int(n) for name, n in zip(dataset.task.class_names, absent.sum(axis=0))}}


def rebalanced_by(train: Any) -> str | None:
    """The setting of the config's ``train`` section that already rebalances the classes
    (``train.class_weights: balanced``, its own weights, or ``train.sampler: balanced``), or None."""
    weights, sampler = getattr(train, "class_weights", "none"), getattr(train, "sampler", "shuffle")
    if weights == "balanced" or isinstance(weights, dict):
        by = "train.class_weights: balanced" if weights == "balanced" else "train.class_weights"
        return f"{by} and {BALANCED_SAMPLER}" if sampler == "balanced" else by
    return BALANCED_SAMPLER if sampler == "balanced" else None


BALANCED_SAMPLER = "train.sampler: balanced"


def _balance_findings(dataset: Dataset, train_counts: dict[str, int], rebalanced: str | None = None) -> list[Finding]:
    if not train_counts or dataset.task.kind not in ("binary", "multiclass"):
        return []
    found = _too_small({name: n for name, n in train_counts.items() if n < FEW_SAMPLES}, "training",
                       f"{FEW_SAMPLES}", "metrics for {it} will be unreliable (consider more data, augmentation "
                       "or class weights)")
    present = {c: n for c, n in train_counts.items() if n > 0}
    if present and max(present.values()) / min(present.values()) > IMBALANCE_RATIO:
        rare = min(present, key=present.get)
        share = present[rare] / sum(present.values())  # never "0%" for a class that is there (trial 8: 2 of 779)
        shown = f"{share:.0%}" if share >= 0.01 else f"{share:.1%}" if share >= 0.001 else "under 0.1%"
        advice = (f"{rebalanced} {'are' if ' and ' in rebalanced else 'is'} set to counter it; " if rebalanced else  # trial 13
                  "consider train.class_weights: balanced or train.sampler: balanced, and ")
        found.append(Finding("class_imbalance", "warning",
                             f"classes are imbalanced: '{rare}' is {shown} of the training split; {advice}"
                             "read sensitivity / balanced accuracy rather than accuracy", count=present[rare]))
        if rebalanced and f" and {BALANCED_SAMPLER}" in rebalanced:
            found.append(_rebalanced_twice(rebalanced, rare, present))
    return found


def _rebalanced_twice(rebalanced: str, rare: str, present: dict[str, int]) -> Finding:
    """``rebalanced_twice``: balanced batches already give each class an equal share of the loss,
    so class weights on top weigh the rare class again (trial 16): with ``balanced`` weights its
    loss counts (largest class / rarest class) times the largest one's, and probabilities lean to it."""
    weights = rebalanced.removesuffix(f" and {BALANCED_SAMPLER}")
    ratio = max(present.values()) / present[rare]
    effect = (f"together they weigh '{rare}' about {ratio:.1f} times the largest class (either alone makes the "
              "classes equal), which pushes its probabilities up" if weights.endswith("balanced")
              else f"the weights now multiply classes whose batches are already equal, '{rare}' included")
    return Finding("rebalanced_twice", "warning", f"{weights} and {BALANCED_SAMPLER} both rebalance the classes: "
                   f"{effect}; fix: keep one of the two", count=present[rare])


def _few_eval_findings(dataset: Dataset, balance: dict[str, dict[str, int]]) -> list[Finding]:
    """``class_too_small`` for a class with fewer than :data:`FEW_EVAL_SAMPLES` validation or
    test samples (none at all included): what is chosen or measured on it rests on a handful."""
    if dataset.task.kind not in ("binary", "multiclass"):
        return []
    rests = {"val": "the operating threshold and validation metrics rest", "test": "{its} test metrics rest"}
    found = []
    for split, what in rests.items():
        small = {name: n for name, n in (balance.get(split) or {}).items() if n < FEW_EVAL_SAMPLES}
        found += _too_small(small, split, f"{FEW_EVAL_SAMPLES}", f"{what} on them, so read their intervals: more "
                            "data, or a larger split.val_fraction / split.test_fraction")
    return found


def _too_small(small: dict[str, int], split: str, fewer_than: str, advice: str) -> list[Finding]:
    """``class_too_small``: one finding for one small class, one for several (trial 7: 41 lines for
    MTS-Dialog's 20 sections); ``{it}`` / ``{its}`` in ``advice`` read "it" / "its" or "them" / "their"."""
    if not small:
        return []
    if len(small) == 1:
        (name, n), = small.items()
        return [Finding("class_too_small", "warning", f"class '{name}' has only {n} {split} "
                        f"sample{'s' if n != 1 else ''} (fewer than {fewer_than}); "
                        f"{advice.format(it='it', its='its')}", count=n)]
    named = [(name, str(n)) for name, n in sorted(small.items(), key=lambda kv: kv[1])]
    return [Finding("class_too_small", "warning", f"{len(small)} classes have fewer than {fewer_than} {split} "
                    f"samples: {listed(named)}; {advice.format(it='them', its='their')}", count=len(small))]


def _missing_findings(missing: dict[str, int], n: int) -> list[Finding]:
    return [Finding("missing_values", "info", f"column '{column}' has {count} missing values ({count / n:.0%})",
                    count=count, columns=(column,))
            for column, count in sorted(missing.items(), key=lambda kv: -kv[1])[:5]]


def _none_findings(dataset: Dataset) -> list[Finding]:
    """Cells reading 'None' kept as a category (not a default missing marker): counted, with the fix."""
    counts = dataset.notes.get("none_as_category") or {}
    return [Finding("missing_values", "info", f"column '{column}' has {count} cells reading 'None' ({count / len(dataset):.0%}), "
                    "kept as a category ('None' is not a default missing marker); if they mean missing, set "
                    "data.missing_values: ['None']", count=count, columns=(column,))
            for column, count in sorted(counts.items(), key=lambda kv: -kv[1])[:5]]


def zeros_far_below(values: np.ndarray) -> int:
    """How many zeros ``values`` (a numeric column, NaN = missing) holds when they read as missing
    values written as 0, else 0: no negative values, at least :data:`ZERO_MIN_ROWS` zeros and
    :data:`ZERO_MIN_LEVELS` distinct other values, and a gap from 0 to the smallest other value at
    least :data:`ZERO_GAP_STEPS` times the median step between the 21 smallest of them (insulin 0,
    then 14, 15, 16 ...; pregnancies 0, 1, 2 ... is a count), or twice that step when 0 is also at
    least 3 times as common as any other value."""
    values = np.asarray(values, dtype=np.float64)
    values = values[np.isfinite(values)]
    zeros = int((values == 0).sum())
    if zeros < ZERO_MIN_ROWS or (values < 0).any():
        return 0
    levels, repeats = np.unique(values[values != 0], return_counts=True)
    if levels.size < ZERO_MIN_LEVELS:
        return 0
    gap = levels[0] / float(np.median(np.diff(levels[:21])))
    # a sparse column (few rows over a wide range) has wide steps: there 0 also stands out by
    # being far more common than any other value
    return zeros if gap >= ZERO_GAP_STEPS or (gap >= 2 and zeros >= 3 * repeats.max()) else 0


def zero_findings(dataset: Dataset, skip: set[str] | None = None) -> list[Finding]:
    """One ``zeros_as_missing`` finding naming the numeric feature columns whose zeros read as
    missing values (:func:`zeros_far_below`), with counts; never a value. A warning when some
    column has them in :data:`ZERO_WARN_SHARE` of the rows or more, else a note. ``skip``: columns
    whose zeros ``impossible_values`` already names (a BMI of 0 cannot be)."""
    import pandas as pd

    frame = dataset.inputs
    if not isinstance(frame, pd.DataFrame) or len(frame) == 0:
        return []
    already = set(dataset.notes.get("categorical_columns") or [])
    numeric = [c for c in frame.columns if c not in already and pd.api.types.is_numeric_dtype(frame[c])
               and not pd.api.types.is_bool_dtype(frame[c])]
    counts = {str(c): zeros_far_below(frame[c].to_numpy(dtype=np.float64)) for c in numeric
              if str(c) not in (skip or set())}
    flagged = {c: k for c, k in sorted(counts.items(), key=lambda kv: -kv[1]) if k}
    if not flagged:
        return []
    n = len(frame)
    listed = ", ".join(f"'{c}' ({k} rows, {k / n:.0%})" for c, k in flagged.items())
    marker = "or " + zero_marker_advice(frame, list(flagged), not_real=skip or ())
    severity = "warning" if max(flagged.values()) >= ZERO_WARN_SHARE * n else "info"
    return [Finding("zeros_as_missing", severity, f"{len(flagged)} numeric column(s) hold 0 far below their other "
                    f"values: {listed}; missing values written as 0? They are used as real zeros, not imputed; fix: if "
                    f"0 means 'not measured' there, leave those cells empty in the file, {marker}",
                    count=sum(flagged.values()), columns=tuple(flagged))]


def _code_findings(codes: list[str]) -> list[Finding]:
    if not codes:
        return []
    shown = ", ".join(f"'{c}'" for c in codes[:8]) + (", ..." if len(codes) > 8 else "")
    return [Finding("integer_codes", "warning",
                    f"{len(codes)} numeric column(s) hold only a few whole numbers, like codes (e.g. chest-pain "
                    f"type 1-4): {shown}; they are scaled as amounts: if the numbers name categories, list them "
                    "in data.categorical_columns to one-hot encode them", count=len(codes), columns=tuple(codes))]


def _duplicate_findings(duplicates: dict[str, int], dataset: Dataset) -> list[Finding]:
    if dataset.modality == "molecules" and "duplicates_policy" in dataset.notes:
        return []  # the reader compared whole structures (salts kept apart) and said what it found
    found = []
    if duplicates["duplicate_samples"]:
        found.append(Finding("duplicate_samples", "info",
                             f"{duplicates['duplicate_samples']} samples repeat another sample exactly",
                             count=duplicates["duplicate_samples"]))
    if duplicates["groups_with_conflicting_labels"]:
        found.append(Finding("conflicting_duplicates", "warning",
                             f"{duplicates['groups_with_conflicting_labels']} groups of identical samples carry "
                             "different labels: check them for labelling errors",
                             count=duplicates["groups_with_conflicting_labels"]))
    return found


def _leakage_findings(leakage: dict[str, Any], dataset: Dataset | None = None,
                      split_method: str | None = None) -> list[Finding]:
    """The fix depends on what is set: with patients known, a shared patient comes from the file's
    own split column and identical rows are different patients' (or one patient under two ids).
    Molecules' groups are scaffolds: :func:`mednn.data.scaffolds.scaffold_leakage_findings`."""
    if dataset is not None and dataset.notes.get("groups") == "scaffold":
        from .scaffolds import scaffold_leakage_findings

        return scaffold_leakage_findings(leakage, split_method)
    patients = dataset is not None and dataset.groups is not None
    own_split = dataset is not None and dataset.split is not None
    found = []
    for pair, n in (leakage["shared_groups"] or {}).items():
        if n:
            fix = ("put each patient's rows in one split in the file's split column (data.split_column), or remove "
                   "data.split_column to let mednn split by patient" if own_split
                   else "set data.patient_column so the split is patient-level")
            found.append(Finding("split_leakage", "warning",
                                 f"{n} patients appear in both the {pair.replace('-', ' and the ')} split; fix: {fix}",
                                 count=n))
    for pair, n in leakage["duplicate_rows"].items():
        if n:
            a, b = pair.split("-")
            if patients:
                two = ", or one patient in two splits of data.split_column" if own_split else ""
                fix = (f"these are rows of different patients (or of one patient under two ids in "
                       f"data.patient_column{two}); fix: remove the copies, or give one patient one id{' and one split' if own_split else ''}")
            else:
                fix = ("fix: remove the copies, or set data.patient_column so that one patient's samples stay in "
                       "one split")
            found.append(Finding("split_leakage", "warning",
                                 f"{plural(n, f'{b} sample')} {'is' if n == 1 else 'are'} identical to a {a} sample "
                                 f"(the {b} score is optimistic); {fix}", count=n))
    return found


def _few_patient_findings(patients: dict[str, int], samples: dict[str, int]) -> list[Finding]:
    """A warning per validation / test split of fewer than FEW_PATIENTS patients (patient ids known)."""
    use = {"val": "the threshold, calibration and conformal intervals fitted on it",
           "test": "the test metrics and their confidence intervals"}
    return [Finding("few_patients", "warning",
                    f"the {'validation' if name == 'val' else 'test'} split holds {samples.get(name, 0)} samples "
                    f"from only {n} patient{'' if n == 1 else 's'} (fewer than {FEW_PATIENTS}): {use[name]} rest "
                    f"on {n} independent people, so intervals over {n} patients are wide and unreliable; fix: add "
                    "patients, or raise split.val_fraction / split.test_fraction", count=n)
            for name, n in patients.items() if name in use and n < FEW_PATIENTS]


def _skipped_findings(dataset: Dataset, in_run: bool = False) -> list[Finding]:
    """Skipped inputs, counted: data lines of a file (ARFF) named by line, files by count; the run
    directory is named only for a run (``mednn inspect`` writes none)."""
    from .columns import row_list

    found = []
    for key, what in (("skipped", "unreadable files were skipped"),
                      ("invalid_molecules", "invalid molecules were skipped")):
        entries = dataset.notes.get(key) or []
        if not entries:
            continue
        n = len(entries)
        lines = [e["row"] for e in entries if isinstance(e, dict) and "row" in e]
        if key == "skipped" and len(lines) == n:
            listed = row_list(lines).replace("row", "line", 1)
            text = f"{plural(n, 'data line')} could not be read and {'was' if n == 1 else 'were'} skipped ({listed})"
        else:
            text = f"{n} {what}"
        where = "; they are listed in the run directory (skipped.csv)" if in_run else \
            ("" if len(lines) == n else "; mednn train lists them in the run directory")
        found.append(Finding("skipped_inputs", "warning", text + where, count=n, removed=True))
    return found + _ignored_findings(dataset)


def _ignored_findings(dataset: Dataset) -> list[Finding]:
    """Files of an image folder that are no image type (``notes["ignored"]``): counted, never named."""
    ignored = dataset.notes.get("ignored")
    if not isinstance(ignored, dict) or not ignored.get("count"):
        return []
    return [Finding("files_ignored", "info", f"{ignored['count']} file(s) that are not images "
                    f"({', '.join(ignored.get('types') or [])}) were not read", count=int(ignored["count"]))]
