"""A missing optional explainer package does not throw away a trained model."""

import json

from mednn.config import load_config
from mednn.pipeline import train


def test_run_finishes_with_a_note_when_an_explainer_package_is_missing(tmp_path, monkeypatch):
    import mednn.explain.base as base

    def no_shap(ctx, modality):
        raise ModuleNotFoundError("No module named 'shap'", name="shap")

    monkeypatch.setattr(base, "explain", no_shap)
    cfg = load_config(None, ["data.path=breast-cancer", "train.epochs=3", "train.progress=false",
                             "evaluate.bootstrap=10"])
    run = train(cfg, tmp_path / "run")
    sections = json.loads((run / "explanations.json").read_text())
    assert sections[0]["title"] == "Explanations skipped"
    assert "mednn[explain]" in sections[0]["notes"][0] and "shap" in sections[0]["notes"][0]
    assert "Explanations skipped" in (run / "report.html").read_text()
