"""The report is built from data a run directory holds, and a run directory may come from
anyone: script planted in any string field of any run file must reach the page as text only.

Every string value (and, in a second pass, every key) of config.yaml, model.json, data.json,
metrics.json and explanations.json, and every cell of the CSV files, gets event-handler and
script payloads; the rebuilt report is then parsed and must hold no script, no SVG, no event
handler attribute, and no image that is not an inline PNG.
"""

from __future__ import annotations

import base64
import csv
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from mednn.reports import build_report

from test_report_html import TINY_PNG_URI, make_run

PAYLOADS = (
    "<script>alert(1)</script>",
    "<svg onload=alert(2)>",
    "<img src=x onerror=alert(3)>",
    "\"><svg/onload=alert(4)>",
    "'><img src=x onerror=alert(5)>",
)
PAYLOAD = "".join(PAYLOADS)  # all of them in every field: one report build checks them all
TINY_PNG = TINY_PNG_URI.split(",", 1)[1]


def _explanations() -> list[dict]:
    """A section of every kind the explainers write, every field filled."""
    return [
        {"title": "SHAP", "caption": "intro", "method": "shap", "seconds": 0.5,
         "figures": [{"png": TINY_PNG, "alt": "bars", "caption": "id 7 · correct"}],
         "tables": [{"caption": "ranking", "columns": ["rank", "column"], "rows": [[1, "age"], [2, "dose"]]}],
         "notes": ["a note"], "warnings": ["a warning"], "rules": "|--- age <= 50\n|   |--- predicts sick"},
        {"title": "Text", "caption": "notes",
         "highlights": [{"heading": "Note n1", "detail": "true: a", "error": True,
                         "tokens": [{"text": "fever", "score": 1.0, "muted": False},
                                    {"text": " and", "score": -0.5, "muted": True}]}]},
        {"title": "Old", "html": "<p>old text</p>"},
    ]


def _inject(value, payload: str, keys: bool):
    if isinstance(value, str):
        return value + payload
    if isinstance(value, list):
        return [_inject(v, payload, keys) for v in value]
    if isinstance(value, dict):
        # a figure's PNG stays a PNG so that its caption is drawn (a poisoned PNG is tested below)
        return {(k + payload if keys else k): v if k == "png" else _inject(v, payload, keys)
                for k, v in value.items()}
    return value


def _poison(run: Path, payload: str, *, keys: bool) -> None:
    (run / "explanations.json").write_text(json.dumps(_explanations()), encoding="utf-8")
    for name in ("model.json", "data.json", "metrics.json", "explanations.json", "manifest.json"):
        path = run / name
        if path.is_file():
            path.write_text(json.dumps(_inject(json.loads(path.read_text()), payload, keys)), encoding="utf-8")
    config = yaml.safe_load((run / "config.yaml").read_text())
    config["report"] = {"title": "Report"}
    (run / "config.yaml").write_text(yaml.safe_dump(_inject(config, payload, keys)), encoding="utf-8")
    for name in ("predictions.csv", "history.csv", "skipped.csv"):
        path = run / name
        rows = list(csv.reader(path.open(encoding="utf-8")))
        # the header keeps its names (the report looks columns up by them); every cell is poisoned
        body = [[cell + payload for cell in row] for row in rows[1:]]
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows([rows[0], *body])


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def _assert_inert(html: str, payload: str) -> None:
    for part in PAYLOADS:
        assert part not in html, part
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in ("script", "svg", "iframe", "object", "embed", "link", "base", "form"), tag
        handlers = [a for a in attrs if a.lower().startswith("on")]
        assert not handlers, (tag, handlers)
        if tag == "img":
            src = attrs.get("src") or ""
            assert src.startswith("data:image/png;base64,"), src[:60]
            assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
        for name in ("href", "style"):
            assert "alert" not in (attrs.get(name) or ""), (tag, name)


@pytest.mark.parametrize("kind", ["binary", "multiclass"])
def test_script_in_any_value_of_a_run_file_is_shown_as_text(tmp_path, kind):
    payload = PAYLOAD
    run = make_run(tmp_path, kind, input_shape=(1, 8, 8) if kind == "multiclass" else (30,))
    _poison(run, payload, keys=False)
    html = build_report(run)
    _assert_inert(html, payload)
    # the payload did reach the page, escaped: the test is not passing because nothing was shown
    escaped = payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace('"', "&#34;").replace("'", "&#39;")
    assert html.count(escaped) >= 10
    for field in ("intro", "a warning", "a note", "id 7 · correct", "ranking", "predicts sick", "fever",
                  "true: a", "Note n1", "age"):
        assert field + escaped in html, field
    assert "old text" in html  # an old HTML section: its text only


def test_script_in_any_key_of_a_run_file_is_shown_as_text(tmp_path):
    run = make_run(tmp_path, "binary")
    _poison(run, PAYLOAD, keys=True)
    _assert_inert(build_report(run), PAYLOAD)


def test_a_figure_that_is_not_a_png_never_becomes_an_image(tmp_path):
    run = make_run(tmp_path, "binary")
    svg = base64.b64encode(b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>").decode()
    sections = _explanations()
    sections[0]["figures"] = [{"png": svg, "alt": "x", "caption": ""},
                              {"png": 'x" onerror="alert(1)', "alt": "y", "caption": ""}]
    (run / "explanations.json").write_text(json.dumps(sections), encoding="utf-8")
    html = build_report(run)
    _assert_inert(html, "alert(1)")
    assert svg not in html and "2 figure(s) of this section are not PNG images" in html
