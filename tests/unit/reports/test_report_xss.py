"""The report is built from data a run directory holds, and a run directory may come from
anyone: script planted in any string field of a run's record must reach the page as text only.

Every string value (and, in a second pass, every key of the free-form blocks) of the run's
record, the text fields of its config, its explanation sections and every cell of its CSV files
get event-handler and script payloads; the files are re-hashed as an attacker with write access
to an unsigned run could, the run is loaded back, and the report must hold no script, no SVG,
no event handler attribute, and no image that is not an inline PNG.
"""

from __future__ import annotations

import base64
import csv
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from test_report_html import TINY_PNG_URI, make_run, report_of

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
         "figures": [{"png": TINY_PNG, "alt": "bars", "caption": "test record 7 · correct"}],
         "tables": [{"caption": "ranking", "columns": ["rank", "column"], "rows": [[1, "age"], [2, "dose"]]}],
         "notes": ["a note"], "warnings": ["a warning"], "rules": "|--- age <= 50\n|   |--- predicts sick"},
        {"title": "Text", "caption": "notes",
         "highlights": [{"heading": "Note: test record 1", "detail": "true: a", "error": True,
                         "tokens": [{"text": "fever", "score": 1.0, "muted": False},
                                    {"text": " and", "score": -0.5, "muted": True}]}]},
        {"title": "Old", "html": "<p>old text</p>"},
    ]


# fields whose values are validated choices (a poisoned one is refused on load, as it should be)
PROTECTED = {"kind", "id", "severity", "config"}
CHOICES = {"CalibrationRecord": {"method"}, "BootstrapRecord": {"unit"}}  # per-record choice fields


def _inject(value, payload: str, keys: bool):
    """``payload`` appended to every string of a record part (and to the keys of free-form blocks)."""
    from pydantic import BaseModel

    from mednn.findings import Finding

    if isinstance(value, BaseModel):
        keep = PROTECTED | CHOICES.get(type(value).__name__, set())
        return {name: getattr(value, name) if name in keep else _inject(getattr(value, name), payload, keys)
                for name in type(value).model_fields}
    if isinstance(value, Finding):
        return {**value.to_dict(), "message": value.message + payload,
                "columns": [c + payload for c in value.columns]}
    if isinstance(value, str):
        return value + payload
    if isinstance(value, (list, tuple)):
        return [_inject(v, payload, keys) for v in value]
    if isinstance(value, dict):
        # a figure's PNG stays a PNG so that its caption is drawn (a poisoned PNG is tested below)
        return {(k + payload if keys else k): v if k == "png" else _inject(v, payload, keys)
                for k, v in value.items()}
    return value


def _poisoned_run(root: Path, kind: str, payload: str, *, keys: bool) -> Path:
    """A run whose every text field carries ``payload``."""
    from mednn.config import load_config
    from mednn.runs import RunRecord, load_run

    run = make_run(root, kind, input_shape=(1, 8, 8) if kind == "multiclass" else (30,))
    record = load_run(run, model=False).record
    fields = _inject(record, payload, keys)
    config = record.config.to_dict()
    config["name"] += payload
    config["data"]["path"] += payload
    config["report"] = {"title": "Report" + payload, "intended_use": "use" + payload, "limitations": "l" + payload}
    fields["config"] = load_config(None, base=config)
    poisoned = RunRecord.model_validate(fields)
    for name in ("predictions.csv", "history.csv", "skipped.csv"):
        path = run / name
        rows = list(csv.reader(path.open(encoding="utf-8")))
        # the header keeps its names (the report looks columns up by them); every cell is poisoned
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows([rows[0], *[[cell + payload for cell in row] for row in rows[1:]]])
    _rewrite(run, poisoned, _inject(_explanations(), payload, keys))
    return run


def _rewrite(run: Path, record, sections) -> None:
    """Write a record's files and explanations into the run and re-hash it, as an attacker with
    write access to an unsigned run could."""
    from mednn.runs import build_manifest
    from mednn.runs.files import dumps
    from mednn.runs.record_io import plain, write_record

    class Folder:
        def write_text(self, name, text):
            (run / name).parent.mkdir(exist_ok=True)
            (run / name).write_text(text, encoding="utf-8")

        def write_json(self, name, obj):
            self.write_text(name, dumps(obj) + "\n")

    write_record(Folder(), record)
    featurizer = json.loads((run / "featurizer.json").read_text())
    Folder().write_json("featurizer.json", {**featurizer, "name": record.featurizer.name,
                                            "params": record.featurizer.params})
    Folder().write_json("explanations.json", sections)
    (run / "manifest.json").write_text(dumps(build_manifest(run, extra=plain(record.provenance))))


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
    html = report_of(_poisoned_run(tmp_path, kind, payload, keys=False))
    _assert_inert(html, payload)
    # the payload did reach the page, escaped: the test is not passing because nothing was shown
    escaped = payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace('"', "&#34;").replace("'", "&#39;")
    assert html.count(escaped) >= 10
    for field in ("intro", "a warning", "a note", "test record 7 · correct", "ranking", "predicts sick", "fever",
                  "true: a", "Note: test record 1", "age", "Report", "synthetic.csv", "feature_3", "mlp",
                  *(["youden"] if kind == "binary" else [])):
        assert field + escaped in html, field
    assert "old text" in html  # an old HTML section: its text only


def test_script_in_any_key_of_a_run_file_is_shown_as_text(tmp_path):
    _assert_inert(report_of(_poisoned_run(tmp_path, "binary", PAYLOAD, keys=True)), PAYLOAD)


def test_a_figure_that_is_not_a_png_never_becomes_an_image(tmp_path):
    from mednn.runs import load_run

    run = make_run(tmp_path, "binary")
    svg = base64.b64encode(b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>").decode()
    sections = _explanations()
    sections[0]["figures"] = [{"png": svg, "alt": "x", "caption": ""},
                              {"png": 'x" onerror="alert(1)', "alt": "y", "caption": ""}]
    _rewrite(run, load_run(run, model=False).record, sections)
    html = report_of(run)
    _assert_inert(html, "alert(1)")
    assert svg not in html and "2 figure(s) of this section are not PNG images" in html


def test_record_ids_stored_by_an_older_mednn_are_not_shown(tmp_path):
    """Runs written before explanations named "test record N" stored ids (MRNs) in captions,
    headings, warnings and the LIME agreement table; re-rendering such a run hides them."""
    from mednn.runs import load_run

    run = make_run(tmp_path, "binary")
    _rewrite(run, load_run(run, model=False).record, [
        {"title": "SHAP", "caption": "intro",
         "figures": [{"png": TINY_PNG, "alt": "bars", "caption": "id MRN8405355 · error · target ckd"}],
         "tables": [{"caption": "Agreement", "columns": ["patient", "ρ"], "rows": [["MRN8836550", 0.9]]}],
         "warnings": ["For patient MRN3674561 SHAP and LIME disagree"]},
        {"title": "Text", "caption": "notes", "highlights": [{"heading": "Note MRN1447678", "detail": "true: a",
                                                            "error": False, "tokens": []}]},
    ])
    html = report_of(run)
    assert "MRN" not in html
    assert "record (id not shown) · error" in html and "For one record SHAP" in html and "Note (id not shown)" in html
