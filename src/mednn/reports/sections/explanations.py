"""Explanations (explanations.json) as template data: every string escaped by the template,
figures shown only when their base64 decodes to a PNG, sections of schema 1 (stored HTML) as
their text only, and the record ids that runs written before ``record_ref`` stored ("id 8405355 ·",
"Note n1", "For patient 8405355") left out: an id may be an MRN from the user's id column."""

from __future__ import annotations

import base64
import binascii
import re
from html.parser import HTMLParser
from typing import Any

from ..view import ReportRun, fmt, is_number, plain_text

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_MAX_PNG_BYTES = 8_000_000
_MAX_TABLE_ROWS = 200
# where runs written before explain.base.record_ref put a record's id (its value is never shown)
_LEGACY_ID = re.compile(r"^(id|Note) (?!test record)[^\s·:]+|\bFor patient [^\s·:]+")
_ID_HIDDEN = "(id not shown)"
_HIGHLIGHT_RGB = {True: "220,38,38", False: "37,99,235"}  # red: towards the explained class; blue: away


def _png_uri(value: Any) -> str | None:
    """A ``data:`` URI of stored base64 text when it decodes to a PNG, else None: only bytes that
    are really a PNG reach an ``<img>``, re-encoded by us (the stored text is never pasted)."""
    if not isinstance(value, str) or len(value) > _MAX_PNG_BYTES * 4 // 3 + 4:
        return None
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None
    if not raw.startswith(_PNG_SIGNATURE):
        return None
    from ..plots import png_data_uri

    return png_data_uri(raw)


def _hidden(match: re.Match) -> str:
    word = match.group(0).split(" ")[0]
    return {"id": "record " + _ID_HIDDEN, "Note": "Note " + _ID_HIDDEN}.get(word, "For one record")


def _no_id(value: Any) -> str:
    """A stored text field as text, a record id written by an older mednn replaced."""
    return _LEGACY_ID.sub(_hidden, plain_text(value))


def _cell(value: Any) -> str:
    if value is None:
        return "not defined"
    if isinstance(value, float):
        return fmt(value)
    return plain_text(value)


class _TextOnly(HTMLParser):
    """The text of an HTML fragment (explanations.json of schema 1 stored HTML): tags,
    attributes, scripts and styles are dropped, the text is kept to be escaped again."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropped = 0
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        if tag in ("img", "svg", "iframe", "object", "embed", "script", "style", "video", "audio"):
            self.dropped += 1
        if tag in ("p", "br", "li", "tr", "h3", "h4", "div", "figure"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _legacy_text(fragment: str) -> tuple[list[str], int]:
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    text = "".join(parser.parts)
    paragraphs = [" ".join(p.split()) for p in text.split("\n")]
    return [p for p in paragraphs if p], parser.dropped


def _highlight(item: Any) -> dict[str, Any] | None:
    if not isinstance(item, dict) or not isinstance(item.get("tokens"), list):
        return None
    tokens = [t for t in item["tokens"] if isinstance(t, dict) and isinstance(t.get("text"), str)]
    scores = [float(t["score"]) if is_number(t.get("score")) else 0.0 for t in tokens]
    scale = max((abs(v) for v in scores), default=0.0)
    shown = []
    for token, score in zip(tokens, scores):
        alpha = min(1.0, abs(score) / scale) * 0.6 if scale > 0 else 0.0
        shown.append({"text": token["text"], "rgb": _HIGHLIGHT_RGB[score > 0], "alpha": f"{alpha:.2f}",
                      "score": f"{score:+.3g}", "muted": bool(token.get("muted"))})
    return {"heading": _no_id(item.get("heading")), "detail": plain_text(item.get("detail")),
            "error": bool(item.get("error")), "tokens": shown}


def _table_data(item: Any) -> dict[str, Any] | None:
    if not isinstance(item, dict) or not isinstance(item.get("rows"), list):
        return None
    columns = [plain_text(c) for c in item.get("columns") or []] if isinstance(item.get("columns"), list) else []
    rows = [[_cell(c) for c in row] for row in item["rows"][:_MAX_TABLE_ROWS] if isinstance(row, list)]
    if columns and columns[0] == "patient":  # an older LIME agreement table: its first column held ids
        columns[0], rows = "record", [[_ID_HIDDEN, *row[1:]] for row in rows]
    return {"caption": _no_id(item.get("caption")), "columns": columns, "rows": rows}


def _seconds_text(value: Any) -> str | None:
    if not is_number(value) or value < 0:
        return None
    return "< 0.1 s" if value < 0.1 else f"{value:.1f} s"


def _list(item: dict[str, Any], key: str) -> list[Any]:
    value = item.get(key)
    return value if isinstance(value, list) else []


def section(run: ReportRun) -> tuple[list[dict[str, Any]], list[str]]:
    """explanations.json as template data. Every string is escaped by the template; figures
    are shown only when their base64 decodes to a PNG. Sections of schema 1 (stored HTML)
    are shown as their text only."""
    sections, notes = [], []
    for i, item in enumerate(run.run.explanations()):
        if not isinstance(item, dict):
            notes.append(f"explanations.json entry {i + 1} is not an object and was left out.")
            continue
        title = plain_text(item.get("title")) or f"Explanation {i + 1}"
        out: dict[str, Any] = {"title": title, "caption": plain_text(item.get("caption")), "figures": [],
                               "tables": [], "highlights": [], "rules": plain_text(item.get("rules")),
                               "notes": [plain_text(n) for n in _list(item, "notes") if plain_text(n)],
                               "warnings": [_no_id(w) for w in _list(item, "warnings") if plain_text(w)],
                               "seconds": _seconds_text(item.get("seconds"))}
        if isinstance(item.get("html"), str):  # schema 1: HTML is never rendered, only its text
            paragraphs, dropped = _legacy_text(item["html"])
            out["notes"] = paragraphs + out["notes"]
            if dropped:
                out["notes"].append(f"{dropped} embedded element(s) of this section were stored as HTML and are "
                                    "not shown; re-run training to redraw it.")
        bad = 0
        for fig in _list(item, "figures"):
            uri = _png_uri(fig.get("png")) if isinstance(fig, dict) else None
            if uri is None:
                bad += 1
                continue
            out["figures"].append({"uri": uri, "alt": plain_text(fig.get("alt")) or title,
                                   "caption": _no_id(fig.get("caption"))})
        if bad:
            out["notes"].append(f"{bad} figure(s) of this section are not PNG images and were left out.")
        for tab in _list(item, "tables"):
            data = _table_data(tab)
            if data is not None:
                out["tables"].append(data)
        for high in _list(item, "highlights"):
            data = _highlight(high)
            if data is not None:
                out["highlights"].append(data)
        sections.append(out)
    return sections, notes
