"""A multilabel (or multiclass) report lists each metric once, its averaging named (trial 15,
issue 19 item 1): the averaged F1 is macro F1 (evaluate() writes it as ``f1`` and ``f1_macro``,
one value), and a macro average over the same k of n labels in every column says so once."""

from __future__ import annotations

import json
import re

from test_report_honesty import _section, _text
from test_report_html import _ci, make_run, report_of

OVER = {"n": 3, "of": 4, "unit": "labels"}


def _block(f1: float, ppv: float) -> dict:
    return {"auroc": _ci(0.9), "f1": _ci(f1), "f1_macro": _ci(f1), "f1_micro": _ci(0.7),
            "ppv": {**_ci(ppv), "averaged_over": OVER}}


def _run(tmp_path):
    names = ["a", "b", "c", "d"]
    metrics = {"test": _block(0.635, 0.603), "val": _block(0.666, 0.653),
               "bootstrap": {"n_resamples": 50, "seed": 0, "confidence": 0.95}}
    return make_run(tmp_path, "multilabel", names=names, metrics=metrics,
                    threshold={"method": "youden", "value": [0.4, 0.5, 0.6, 0.5], "chosen_on": "val"})


def _rows(section: str) -> list[str]:
    return [_text(row) for row in re.findall(r"<tr>(.*?)</tr>", section, flags=re.S)]


def test_the_multilabel_headline_shows_macro_f1_once_and_each_coverage_once(tmp_path):
    run = _run(tmp_path)
    rows = _rows(_section(report_of(run), "performance"))
    f1 = [r for r in rows if "0.635" in r]
    assert len(f1) == 1 and "macro average" in f1[0], f1
    assert len([r for r in rows if "micro average" in r]) == 1
    (ppv,) = [r for r in rows if "0.603" in r]
    assert ppv.count("over 3 of 4 labels") == 1 and "0.653" in ppv, ppv
    card = json.loads((run / "model_card.json").read_text())
    item = next(e for e in card["items"] if e["topic"] == "Performance with confidence intervals")
    metrics = item["value"]["metrics"]
    assert "f1_macro" in metrics and "f1" not in metrics


def test_a_column_on_other_labels_keeps_its_own_note():
    from mednn.reports.view import metric_row

    label, cells = metric_row("PPV", [{"value": 0.6, "averaged_over": OVER}, {"value": 0.7}], "95% CI")
    assert label == "PPV" and cells == ["0.600, over 3 of 4 labels", "0.700"]
