"""End to end: the built-in breast-cancer table through mednn.pipeline.train, explained."""

from __future__ import annotations

import json
import re

import pytest

pytest.importorskip("shap")

from mednn.config import load_config  # noqa: E402


def test_breast_cancer_run_has_table_explanations(tmp_path):
    from mednn.pipeline import train

    cfg = load_config(None, [
        "data.path=breast-cancer", "train.epochs=3", "train.threads=1", "train.progress=false",
        "evaluate.bootstrap=20", "explain.n_samples=3",
    ])
    run = train(cfg, tmp_path / "run")
    sections = json.loads((run / "explanations.json").read_text())
    titles = [s["title"] for s in sections]
    assert titles == ["Tables: global feature importance (SHAP)", "Tables: per-patient contributions (SHAP)",
                      "Tables: per-patient contributions (LIME)", "Tables: surrogate decision tree",
                      "Tables: first-layer weights"]
    assert len(sections[1]["figures"]) == 3 and len(sections[2]["figures"]) == 3
    ranked = [row[1] for row in sections[0]["tables"][0]["rows"]]
    assert len(ranked) == 15 and len(set(ranked)) == 15  # top 15 of the 30 cytology features
    assert re.search(r"class for \d+%", sections[3]["caption"])
    assert all(s["seconds"] >= 0 for s in sections)
    report = (run / "report.html").read_text()
    for title in titles:  # the report kept every section (none was refused as external content)
        assert title in report
