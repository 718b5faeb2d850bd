"""The data section: split sizes, class balance (table and chart), features, missing values,
patient grouping, what the reader left out (counts per reason) and the reader's notes."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..view import ReportRun, fmt, group_unit, groups_source, is_number, plural

_MAX_FEATURES_SHOWN = 12
_MAX_MISSING_SHOWN = 15
_TOKEN = re.compile(r"^[\w.\-/:+]{1,48}$")


def _balance(run: ReportRun) -> tuple[list[str], list[tuple[str, list[str]]], str | None]:
    splits = run.record.data.splits
    counts = {name: dict(split.class_counts) for name, split in splits.items() if split.class_counts}
    classes: list[str] = list(run.class_names) if run.kind != "regression" else []
    for split_counts in counts.values():
        classes += [c for c in split_counts if c not in classes]
    rows = []
    if counts and run.kind != "regression":
        for c in classes:
            cells = []
            for s in counts:
                n = counts[s].get(c, 0)
                total = splits[s].n or sum(counts[s].values())
                cells.append(f"{n:,} ({100 * n / total:.1f}%)" if total else f"{n:,}")
            rows.append((run.display(c), cells))
    chart = None
    if rows:
        from ..plots import class_balance_png, png_data_uri

        ylabel = "% of the split with the label" if run.kind == "multilabel" else "% of the split"
        shown = {split: {run.display(c): n for c, n in per.items()} for split, per in counts.items()}
        chart = png_data_uri(class_balance_png(shown, totals={s: p.n for s, p in splits.items()}, ylabel=ylabel,
                                               xlabel="label" if run.kind == "multilabel" else "class"))
    return list(counts), rows, chart


def safe_notes(notes: Any) -> list[tuple[str, str]]:
    """Reader notes that cannot hold patient text: numbers, flags, number lists, single tokens."""
    if not isinstance(notes, dict):
        return []
    rows = []
    for key, value in notes.items():
        if isinstance(value, bool) or is_number(value):
            rows.append((str(key), fmt(value)))
        elif isinstance(value, list) and value and len(value) <= 8 and all(is_number(v) for v in value):
            rows.append((str(key), " × ".join(fmt(v) for v in value)))
        elif isinstance(value, str) and _TOKEN.match(value):
            rows.append((str(key), value))
    return rows


def _reason_rows(reasons: Counter) -> list[tuple[str, int]]:
    # a reason is a short message written by mednn; anything long may quote the input, so cut it
    rows = [(r if len(r) <= 80 else r[:77] + "…", n) for r, n in reasons.most_common(10)]
    rest = sum(reasons.values()) - sum(n for _, n in rows)
    return rows + ([("other reasons", rest)] if rest else [])


def skipped_summary(run: ReportRun) -> list[dict[str, Any]]:
    """Skipped / invalid inputs as counts per reason; the rows themselves may hold patient data."""
    out = []
    tables = run.run.side_tables()
    for name, frame in tables.items():
        column = next((c for c in frame.columns if c.lower() in ("reason", "error", "problem")), None)
        reasons = Counter(frame[column].astype(str)) if column else Counter({"unspecified": len(frame)})
        out.append({"source": name, "n": len(frame), "reasons": _reason_rows(reasons)})
    data = run.record.data
    for key, name in (("skipped", "skipped.csv"), ("invalid_molecules", "invalid_molecules.csv")):
        count = getattr(data, key)
        if count and name not in tables:  # a count without its table
            out.append({"source": "data.json", "n": count, "reasons": [("unspecified", count)]})
    return out


def _groups_text(run: ReportRun) -> str | None:
    data = run.record.data
    groups = data.groups
    if groups is None:
        return None
    unit = group_unit(run.record)
    leakage = getattr(data, "leakage", None) or {}
    shared = sum(int(n) for n in (leakage.get("shared_groups") or {}).values() if is_number(n))
    text = f"Samples were grouped by {groups_source(run.record)} ({plural(groups.n_groups, unit)}). "
    if shared:
        return text + (f"{fmt(shared)} {unit}(s) appear in more than one split: the test set is not made of unseen "
                       f"{unit}s (see the split_leakage finding).")
    return text + f"No {unit} appears in more than one split, so the test set holds unseen {unit}s."


def _missing_labels(run: ReportRun) -> str | None:
    missing = run.record.data.missing_labels or {}
    labels = missing.get("per_label") or {}
    total = missing.get("cells")
    if not total:
        return None
    worst = sorted(labels.items(), key=lambda kv: -kv[1])[:5]
    return (f"{fmt(total)} label values are missing across {sum(1 for v in labels.values() if v)} of "
            f"{len(run.class_names)} labels (most: " + ", ".join(f"{run.display(k)} {fmt(v)}" for k, v in worst)
            + "); a missing label is left out of that label's loss and metrics, not counted as negative.")


def section(run: ReportRun) -> dict[str, Any]:
    data = run.record.data
    split_names, balance_rows, chart = _balance(run)
    features = list(data.feature_names)
    missing_rows = sorted(((str(k), int(v)) for k, v in (data.missing or {}).items() if v > 0), key=lambda kv: -kv[1])
    return {
        "n_by_split": [(s, fmt(p.n), fmt(p.n_patients) if p.n_patients is not None else "—")
                       for s, p in data.splits.items()],
        "units": (run.unit + "s").capitalize() if any(p.n_patients is not None for p in data.splits.values())
        else None,
        "missing_labels": _missing_labels(run),
        "splits": split_names,
        "balance_rows": balance_rows,
        "balance_chart": chart,
        "balance_caption": "positives per label" if run.kind == "multilabel" else "samples per class",
        "n_features": data.n_features,
        "feature_preview": [str(f) for f in features[:_MAX_FEATURES_SHOWN]],
        "more_features": max(0, len(features) - _MAX_FEATURES_SHOWN),
        "missing_rows": missing_rows[:_MAX_MISSING_SHOWN],
        "more_missing": max(0, len(missing_rows) - _MAX_MISSING_SHOWN),
        "groups": _groups_text(run),
        "notes": safe_notes(data.notes),
        "skipped": skipped_summary(run),
    }
