"""The model card section: the reporting checklist (TRIPOD+AI, CLAIM) as rows, one per topic."""

from __future__ import annotations

from typing import Any

from ...evaluation.metrics import COLUMN_LABELS, METRICS, metric_short
from ..view import ReportRun, fmt, is_metric, is_number, plain_text

_MAX_CARD_TEXT = 2_000


def _key_text(key: Any, kind: str = "multiclass") -> str:
    """A metric key by its registry name for the run's task kind ("AUROC"; a multilabel run's
    accuracy is "Per-label (Hamming) accuracy"), any other key in words ("n samples")."""
    key = str(key)
    if key in METRICS or (key in COLUMN_LABELS and COLUMN_LABELS[key].is_metric):
        return metric_short(key, kind).split(" (")[0] if kind != "multilabel" else metric_short(key, kind)
    return key.replace("_", " ")


def _card_text(value: Any, depth: int = 0, kind: str = "multiclass") -> str:
    """A model-card value (text, numbers, lists, nested tables) as one line of plain text."""
    if isinstance(value, dict) and is_metric(value) and set(value) <= {"value", "ci95"}:
        ci = value.get("ci95")
        if isinstance(ci, list) and len(ci) == 2 and all(is_number(x) for x in ci):
            return f"{fmt(value['value'])} ({fmt(ci[0])} to {fmt(ci[1])})"
        return fmt(value["value"])
    if isinstance(value, dict):
        if depth > 3:
            return "…"
        parts = [f"{_key_text(k, kind)}: {_card_text(v, depth + 1, kind)}" for k, v in value.items() if v is not None]
        text = "; ".join(parts) if depth == 0 else "(" + "; ".join(parts) + ")"
    elif isinstance(value, list):
        text = ", ".join(_card_text(v, depth + 1, kind) for v in value[:50]) + (", …" if len(value) > 50 else "")
    else:
        text = fmt(value)
    return text if len(text) <= _MAX_CARD_TEXT else text[:_MAX_CARD_TEXT] + "…"


def section(run: ReportRun) -> dict[str, Any] | None:
    """The reporting checklist (``model_card.json``) as rows: one per topic, with the TRIPOD+AI and
    CLAIM items it answers. A run written before model cards existed gets one built from its files."""
    from ..model_card import MISSING_INTENDED_USE, MISSING_LIMITATIONS, build_model_card

    # from the record: the content model_card.json holds, at full precision so that a number is
    # rounded once, as in the report's body (0.8635 rounded again read 0.864 beside the body's 0.863)
    card = build_model_card(run.run, digits=None)
    entries = card.get("items") if isinstance(card, dict) else None
    if not isinstance(entries, list):
        return None
    rows: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("topic"), str):
            continue
        row = rows.setdefault(entry["topic"], {"topic": entry["topic"], "tripod": [], "claim": [],
                                               "value": _card_text(entry.get("value"), kind=run.kind),
                                               "source": plain_text(entry.get("source") or ""),
                                               "missing": entry.get("value") in (MISSING_INTENDED_USE, MISSING_LIMITATIONS)})
        key = {"TRIPOD+AI": "tripod", "CLAIM": "claim"}.get(str(entry.get("checklist")))
        if key is not None and entry.get("item") is not None:
            row[key].append(plain_text(entry["item"]))
    if not rows:
        return None
    checklists = card.get("checklists") if isinstance(card.get("checklists"), dict) else {}
    return {"rows": [{**r, "tripod": ", ".join(r["tripod"]) or "—", "claim": ", ".join(r["claim"]) or "—"}
                     for r in rows.values()],
            "checklists": [plain_text(v) for v in checklists.values()],
            "missing": [r["topic"] for r in rows.values() if r["missing"]]}
