"""Identical inputs in one file: ``data.duplicates`` decides what is kept, and says so.

Two notes with the same text, two molecules with the same standardised SMILES, two table rows
with the same feature values: when their labels agree one is a copy; when they disagree the file
contradicts itself. The policy (``data.duplicates``):

- ``drop_conflicting``: every row of a group whose labels disagree is removed (neither label is
  known to be right), and copies with the same label are kept once;
- ``keep_first``: the first row of each group is kept with its label (the others removed);
- ``merge_labels``: each group becomes one record carrying all its labels, so a multiclass
  target becomes multilabel (a note filed under two specialties has both); refused for binary
  and regression targets, where two labels cannot both hold;
- ``keep_all``: every row is kept (identical rows can be different people with the same values);
- ``refuse``: any repeated input is an error naming its rows;
- ``auto`` (the default): the modality's ``ModalitySpec.duplicates``: ``drop_conflicting`` for
  notes, ``keep_all`` for tables, molecules and images (docs/findings.md says why).

With several targets (multilabel, multi-target regression) a blank label is unknown, not a
value: rows that agree wherever both know a label are copies, not a conflict, and the record
kept (``drop_conflicting``, ``keep_first``) takes the labels any of them knows.

Nothing is dropped silently: every removed row is in exactly one finding with ``removed: true``
and its 0-based file row in ``rows`` (kept rows + removed rows = rows read), and a group with
conflicting labels is always a ``conflicting_duplicates`` warning, whatever the policy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from ..errors import ConfigError, DataError
from ..findings import Finding
from .base import Task, add_finding

@dataclass
class Deduplicated:
    """What :func:`resolve_duplicates` kept: ``keep`` (positions into the inputs given), the
    targets and task of the kept records (``merge_labels`` may make the task multilabel), the
    findings, and counts for ``Dataset.notes``."""

    keep: np.ndarray
    targets: np.ndarray
    task: Task
    findings: list[Finding] = field(default_factory=list)
    notes: dict[str, Any] = field(default_factory=dict)


def resolve_policy(policy: str, modality: str) -> str:
    """``auto`` -> the modality's policy (its spec's ``duplicates``); other names unchanged.

    Why the defaults differ (docs/findings.md): two identical clinical notes are one note filed
    twice, and a note filed under two labels has no single true label; identical table rows are
    often different patients with the same coarse values, and replicate assays of one molecule
    are separate measurements, so those are kept and reported.
    """
    if policy != "auto":
        return policy
    from ..modalities import modality_spec

    return modality_spec(modality).duplicates


def resolve_duplicates(keys: Sequence[Any], targets: np.ndarray, task: Task, *, policy: str, rows: np.ndarray,
                       what: str, source: str, modality: str, first_row: int = 1) -> Deduplicated:
    """Apply ``data.duplicates`` to records whose inputs are ``keys`` (texts, SMILES, row keys).

    ``rows``: each record's 0-based data row in the file (for the findings); ``first_row``: the
    file's number of data row 0 in messages (2 for a CSV with a header line). ``what`` names the
    records in messages ("notes", "molecules", "table rows").

    >>> out = resolve_duplicates(["a", "b", "a"], np.array([0, 1, 1]), Task("binary", ("no", "yes")),
    ...                          policy="drop_conflicting", rows=np.arange(3), what="notes", source="x.csv",
    ...                          modality="text")
    >>> out.keep.tolist(), [(f.id, f.rows) for f in out.findings]
    ([1], [('conflicting_duplicates', (0, 2))])
    """
    policy = resolve_policy(policy, modality)
    rows = np.asarray(rows)
    targets = np.asarray(targets)
    group, first = _groups(keys)
    sizes = np.bincount(group, minlength=len(first))
    conflicting = _conflicting(group, targets, len(first))
    n_copies = int((sizes - 1).sum())
    notes = {"duplicates_policy": policy, "duplicates_removed": 0,
             "duplicate_label_conflicts": int(conflicting.sum())}
    everything = np.arange(len(group))
    if n_copies == 0:
        return Deduplicated(everything, targets, task, [], notes)
    in_conflict = conflicting[group]
    is_first = np.zeros(len(group), dtype=bool)
    is_first[first] = True
    if policy == "refuse":
        copies = np.sort(rows[~is_first])[:10] + first_row
        raise DataError(f"{source}: {_n(n_copies, _one(what) + ' repeats', what + ' repeat')} an earlier "
                        f"one exactly (rows {', '.join(map(str, copies))}{' ...' if n_copies > 10 else ''}); fix: "
                        "remove them, or set data.duplicates: drop_conflicting, keep_first, merge_labels or keep_all")
    if policy == "merge_labels":
        targets, task = _merged(group, first, targets, task, conflicting, source)
    elif policy in ("drop_conflicting", "keep_first"):
        targets = _known_values_merged(targets, group, first, conflicting)
    findings: list[Finding] = []
    n_groups, n_conflict_rows = int(conflicting.sum()), int(in_conflict.sum())
    if policy == "drop_conflicting":
        keep = everything[is_first & ~in_conflict]
        if n_groups:
            add_finding(findings, Finding(
                "conflicting_duplicates", "warning",
                f"{_n(n_groups, 'group', 'groups')} of identical {what} carry different labels: all {n_conflict_rows} of "
                f"their rows removed{_class_loss(targets, task, in_conflict)} (data.duplicates: drop_conflicting); "
                f"to keep them set data.duplicates: "
                f"{'merge_labels (all their labels) or ' if task.kind == 'multiclass' else ''}keep_first",
                count=n_conflict_rows, removed=True, rows=np.sort(rows[in_conflict])))
        _copies_removed(findings, rows[~is_first & ~in_conflict], what, policy)
    elif policy in ("keep_first", "merge_labels"):
        keep = everything[is_first]
        if n_groups:
            kept = ("the first row's label was kept" if policy == "keep_first"
                    else "each group is one record with all their labels (the task is multilabel)")
            add_finding(findings, Finding(
                "conflicting_duplicates", "warning",
                f"{_n(n_groups, 'group', 'groups')} of identical {what} ({n_conflict_rows} rows) carry different labels: "
                f"{kept} (data.duplicates: {policy})", count=n_groups, rows=np.sort(rows[in_conflict])))
        _copies_removed(findings, rows[~is_first], what, policy, conflicts=n_groups)
    else:  # keep_all
        keep = everything
        _kept_all(findings, rows, is_first, in_conflict, n_groups, what)
    notes["duplicates_removed"] = int(len(group) - len(keep))
    if policy == "merge_labels":
        return Deduplicated(keep, targets, task, findings, notes)  # targets are already one per group
    return Deduplicated(keep, targets[keep], task, findings, notes)


def _groups(keys: Sequence[Any]) -> tuple[np.ndarray, np.ndarray]:
    """Group number of each record (in order of first appearance) and each group's first record."""
    seen: dict[Any, int] = {}
    group = np.fromiter((seen.setdefault(k, len(seen)) for k in keys), dtype=np.int64, count=len(keys))
    _, first = np.unique(group, return_index=True)
    return group, first


def _target_keys(targets: np.ndarray) -> np.ndarray:
    """One integer per distinct target (NaN = missing counts as a value of its own)."""
    if targets.ndim == 1:
        return np.unique(targets, return_inverse=True)[1].reshape(-1)
    flat = targets.reshape(len(targets), -1).astype(np.float64)
    marked = np.concatenate([np.isnan(flat), np.nan_to_num(flat, nan=0.0)], axis=1)
    return np.unique(marked, axis=0, return_inverse=True)[1].reshape(-1)


def _conflicting(group: np.ndarray, targets: np.ndarray, n_groups: int) -> np.ndarray:
    """True for each group whose records carry more than one distinct target. Several targets
    (multilabel, multi-target regression): a blank (NaN) is unknown, not a value, so rows conflict
    only where two of them know a target and disagree."""
    if len(group) == 0:
        return np.zeros(0, dtype=bool)
    if targets.ndim == 2 and np.issubdtype(targets.dtype, np.floating):
        low, high = _known_range(group, targets, n_groups)
        with np.errstate(invalid="ignore"):
            return np.any(high > low, axis=1)
    pairs = np.unique(np.stack([group, _target_keys(targets)], axis=1), axis=0)
    return np.bincount(pairs[:, 0], minlength=n_groups) > 1


def _known_range(group: np.ndarray, targets: np.ndarray, n_groups: int) -> tuple[np.ndarray, np.ndarray]:
    """Per group and target, the smallest and largest known value (NaN where no row knows it)."""
    low = np.full((n_groups, targets.shape[1]), np.nan)
    high = np.full((n_groups, targets.shape[1]), np.nan)
    np.fmin.at(low, group, targets.astype(np.float64))
    np.fmax.at(high, group, targets.astype(np.float64))
    return low, high


def _known_values_merged(targets: np.ndarray, group: np.ndarray, first: np.ndarray,
                         conflicting: np.ndarray) -> np.ndarray:
    """Several targets: the first row of each agreeing group takes the values any of its rows
    know (a blank in one copy is filled from another); other rows are unchanged."""
    if targets.ndim != 2 or not np.issubdtype(targets.dtype, np.floating) or len(first) == len(group):
        return targets
    known = _known_range(group, targets, len(first))[1].astype(targets.dtype)
    out = targets.copy()
    agree = np.flatnonzero(~conflicting)
    out[first[agree]] = known[agree]
    return out


def _merged(group: np.ndarray, first: np.ndarray, targets: np.ndarray, task: Task, conflicting: np.ndarray,
            source: str) -> tuple[np.ndarray, Task]:
    """One target per group holding every label of the group: multiclass -> multilabel 0/1
    columns (one per class), multilabel -> the union (a label missing in every row stays missing)."""
    if task.kind in ("binary", "regression"):
        if not conflicting.any():
            return targets[first], task
        what = "two classes of a binary task" if task.kind == "binary" else "two values of a regression target"
        raise ConfigError(f"{source}: data.duplicates: merge_labels cannot merge {what} into one record (they cannot "
                          "both hold); fix: set data.duplicates: drop_conflicting or keep_first")
    n_groups = len(first)
    if task.kind == "multiclass":
        if not conflicting.any():
            return targets[first], task
        merged = np.zeros((n_groups, len(task.class_names)), dtype=np.float32)
        merged[group, targets.astype(np.int64)] = 1.0
        return merged, Task("multilabel", task.class_names)
    merged = np.full((n_groups, targets.shape[1]), np.nan, dtype=np.float32)
    np.fmax.at(merged, group, targets.astype(np.float32))
    return merged, task


def _class_loss(targets: np.ndarray, task: Task, removed: np.ndarray) -> str:
    """``; class 'X' lost most: 12 of 51 rows (24%)`` for a single-label task, else '': a class
    shrunk by the removal changes what the model can learn of it (issue 19: one class fell from
    371 notes to 26; trial 15: the finding gave no class)."""
    if task.kind not in ("binary", "multiclass") or targets.ndim != 1 or not removed.any():
        return ""
    labels = targets.astype(np.int64)
    n = len(task.class_names)
    total = np.bincount(labels, minlength=n)[:n]
    lost = np.bincount(labels[removed], minlength=n)[:n]
    share = np.divide(lost, total, out=np.zeros(n), where=total > 0)
    k = int(np.argmax(share))
    return f"; class {task.class_names[k]!r} lost most: {lost[k]} of {total[k]} rows ({share[k]:.0%})"


def _copies_removed(findings: list[Finding], removed_rows: np.ndarray, what: str, policy: str,
                    conflicts: int = 0) -> None:
    if len(removed_rows) == 0:
        return
    severity = "warning" if conflicts else "info"
    add_finding(findings, Finding(
        "duplicates_removed", severity,
        f"{_n(len(removed_rows), _one(what) + ' was a copy', what + ' were copies')} of an earlier one and "
        f"removed (data.duplicates: {policy})", count=len(removed_rows), removed=True, rows=np.sort(removed_rows)))


def _kept_all(findings: list[Finding], rows: np.ndarray, is_first: np.ndarray, in_conflict: np.ndarray,
              n_groups: int, what: str) -> None:
    copies = rows[~is_first]
    if len(copies):
        add_finding(findings, Finding(
            "duplicate_samples", "info",
            f"{_n(len(copies), _one(what) + ' repeats', what + ' repeat')} an earlier one exactly "
            "(kept: data.duplicates: keep_all)", count=len(copies), rows=np.sort(copies)))
    if n_groups:
        add_finding(findings, Finding(
            "conflicting_duplicates", "warning",
            f"{_n(n_groups, 'group', 'groups')} of identical {what} ({int(in_conflict.sum())} rows) carry different labels "
            "and are all kept (data.duplicates: keep_all): check them for labelling errors, or set "
            "data.duplicates: drop_conflicting", count=n_groups, rows=np.sort(rows[in_conflict])))


def _n(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _one(what: str) -> str:
    """"notes" -> "note", "table rows" -> "table row"."""
    return what[:-1] if what.endswith("s") else what
