"""End to end: a tiny clinical-note CSV through read -> de-identify -> split -> featurize -> train
-> evaluate -> explain -> run directory, for tfidf+mlp and wordpiece+textcnn. No file of the run
may hold the planted identifiers."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mednn.config import load_config

NAMES = ["Okonkwo", "Hartwell", "Kowalczyk", "Abernathy", "Fairweather", "Quigley"]
INFECTION = ["fever and productive cough", "cough with fever and chills", "pneumonia with fever",
             "fever, cough and crackles", "chills, fever and wet cough", "high fever and cough"]
INJURY = ["ankle sprain after a fall", "fractured wrist from a fall", "twisted ankle at football",
          "wrist pain after falling", "sprained ankle with swelling", "fall with a wrist fracture"]


def _write_notes(path, n=72):
    rng = np.random.default_rng(0)
    lines = ["note_id,patient,note,label"]
    for i in range(n):
        infection = i % 2 == 0
        body = (INFECTION if infection else INJURY)[rng.integers(6)]
        name = NAMES[i % len(NAMES)]
        note = f"Mr. {name} seen on 0{1 + i % 9}/1{i % 10}/2023, MRN {4400000 + i}: {body}. Call 617-555-01{i % 100:02d}."
        lines.append(f'{i},p{i % 20},"{note}",{"infection" if infection else "injury"}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


WORDPIECE = {"name": "wordpiece", "vocab_size": 200, "max_length": 48, "min_frequency": 1}
TEXTCNN = {"name": "textcnn", "embedding_dim": 16, "num_filters": 8, "dropout": 0.0}


@pytest.mark.parametrize("featurizer,model,members", [
    ({"name": "tfidf", "min_df": 1}, {"name": "mlp", "hidden_sizes": [8]}, 1),
    (WORDPIECE, TEXTCNN, 1),
    (WORDPIECE, TEXTCNN, 2),  # an ensemble: token attributions averaged over its members
])
def test_text_run_end_to_end(tmp_path, featurizer, model, members):
    from mednn.pipeline import train

    data = tmp_path / "notes.csv"
    _write_notes(data)
    cfg = load_config(None, base={
        "name": "notes", "seed": 0,
        "data": {"format": "text", "path": str(data), "text_columns": "note", "label": "label",
                 "patient_column": "patient", "id_column": "note_id", "task": "binary",
                 "positive_class": "infection"},
        "split": {"method": "group"},
        "featurize": featurizer, "model": model,
        "train": {"epochs": 25, "batch_size": 16, "lr": 0.01, "progress": False, "threads": 1, "ensemble": members},
        "evaluate": {"bootstrap": 50},
        "explain": {"n_samples": 3},
        "privacy": {"deid": True},
    })
    run = train(cfg, tmp_path / "run")
    metrics = json.loads((run / "metrics.json").read_text())
    assert metrics["test"]["accuracy"]["value"] >= 0.9
    everything = "\n".join(p.read_text(errors="ignore") for p in run.rglob("*") if p.is_file()
                           and p.suffix in (".json", ".csv", ".html", ".yaml", ".txt"))
    for name in NAMES:
        assert name not in everything and name.lower() not in everything.lower()
    assert "617-555" not in everything and "4400001" not in everything
    # the vocabulary was learnt from placeholders, and the report explains de-identified notes
    assert '"name":' in (run / "featurizer.json").read_text()
    assert "Text: token attributions" in (run / "report.html").read_text()
