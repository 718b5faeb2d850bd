"""Label typos: a class of very few rows whose name is nearly another class's name.

One ``daed`` among ``dead`` / ``alive`` rows silently makes a binary task a 3-class one (trial5
#12). :func:`label_typo_findings` names such classes (class names are labels, not patient
values), the other class each is close to, and their rows, with one label map that fixes them all.
"""

from __future__ import annotations

import numpy as np

from ..findings import Finding, row_references
from .base import Dataset

# a class this small (rows) can be a typo; not a share of the rows: MTS-Dialog's 5 GYNHX notes
# (gynaecological history) beside 282 GENHX are one letter apart and no typo
TYPO_MAX_ROWS = 3
# ... when the other class has at least this many times its rows
TYPO_RATIO = 5
# typos are accidents: more classes than this that read as typos are a label of many rare
# classes named alike ('grp01' ... 'grp27'), which class_too_small counts
MAX_TYPO_CLASSES = 3


def _distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap of neighbours) from ``a`` to ``b``."""
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[-1]


def near_name(name: str, other: str) -> bool:
    """Whether ``name`` reads as a misspelling of ``other``: equal but for case and spaces, or one
    edit apart (two for names of 6+ characters)."""
    a, b = " ".join(name.split()).lower(), " ".join(other.split()).lower()
    if a == b:
        return True
    if not a or not b or a.replace(".", "").isdigit() or b.replace(".", "").isdigit():
        return False  # numbers ('1', '2') are codes, not words
    return _distance(a, b) <= (2 if min(len(a), len(b)) >= 6 else 1)


def label_typo_findings(dataset: Dataset) -> list[Finding]:
    """One ``label_typo`` warning for the classes of at most :data:`TYPO_MAX_ROWS` rows whose
    name is near (:func:`near_name`) a class with :data:`TYPO_RATIO` times its rows: each such
    class with its rows, and one ``data.label_map`` that folds every one of them (trial 8: two
    warnings each gave a map fixing only its own typo, so applying one kept the other)."""
    task = dataset.task
    if task is None or task.kind not in ("binary", "multiclass") or len(dataset) == 0:
        return []
    y = np.asarray(dataset.targets).reshape(-1).astype(np.int64)
    names = [str(c) for c in task.class_names]
    counts = np.bincount(y, minlength=len(names))
    typos: dict[str, str] = {}  # typo class -> the class it is nearly
    parts, typo_rows = [], []
    for j, name in enumerate(names):
        if not 0 < counts[j] <= TYPO_MAX_ROWS:
            continue
        close = [k for k, other in enumerate(names) if k != j and counts[k] >= TYPO_RATIO * counts[j]
                 and near_name(name, other)]
        if not close:
            continue
        typos[name] = other = names[max(close, key=lambda k: counts[k])]
        rows = np.flatnonzero(y == j)
        ids = row_references(dataset.ids, rows)
        typo_rows.extend(rows.tolist())
        parts.append(f"class {name!r} is nearly the name of class {other!r} ({int(counts[names.index(other)])} rows) "
                     f"and has {int(counts[j])} row(s): {ids}")
    if not typos or len(typos) > MAX_TYPO_CLASSES:
        return []
    mapping = ", ".join(f"{c!r}: {typos.get(c, c)!r}" for c in names)
    what = "a typo makes it a class of its own" if len(typos) == 1 else "typos make them classes of their own"
    return [Finding(
        "label_typo", "warning", f"{'; '.join(parts)}: {what} ({len(names)} classes); fix: correct those rows, "
        f"or set data.label_map: {{{mapping}}}", count=int(sum(counts[names.index(t)] for t in typos)),
        rows=tuple(sorted(typo_rows)))]


def numeric_typo_problem(values, column: str, source: str, rows=None) -> str | None:
    """A numeric label that reads as binary but for at most :data:`TYPO_MAX_ROWS` rows of other
    values (one "2" among 0/1): the one-line problem naming those rows (``rows``: file rows),
    with the fix; None otherwise. The task cannot be inferred, but the advice is the typo, not
    ``data.task``."""
    from .columns import row_list

    text = np.asarray([str(v) for v in values], dtype=object)
    levels, counts = np.unique(text, return_counts=True)
    if len(levels) < 3:
        return None
    order = np.argsort(-counts, kind="stable")
    main, rare = order[:2], order[2:]
    n_rare = int(counts[rare].sum())
    if n_rare > TYPO_MAX_ROWS or counts[main].min() < TYPO_RATIO * counts[rare].max():
        return None
    odd = ~np.isin(text, levels[main])
    where = f" ({row_list(np.asarray(rows)[odd])})" if rows is not None else ""
    first, second = sorted(levels[main], key=lambda v: (len(v), v))
    return (f"{source}: [label_typo] label '{column}' reads as binary ({first} / {second} in {len(text) - n_rare} of "
            f"{len(text)} rows) but {n_rare} row(s) hold another value{where}: a typo? fix: correct or remove those "
            "rows, or set data.task: multiclass if it is a real class")

