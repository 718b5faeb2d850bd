"""mednn serve: the HTTP API predicts what `mednn predict` predicts, and refuses bad records by name."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from mednn.config import load_config  # noqa: E402


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    from mednn.pipeline import train

    cfg = load_config(None, ["data.path=breast-cancer", "train.epochs=5", "train.threads=1", "train.progress=false",
                             "evaluate.bootstrap=20", "explain.enabled=false", "report.enabled=false"])
    return train(cfg, tmp_path_factory.mktemp("runs") / "bc")


@pytest.fixture(scope="module")
def client(run_dir):
    from mednn.serving import make_app

    return TestClient(make_app(run_dir))


def _records(n=4):
    from sklearn.datasets import load_breast_cancer

    return load_breast_cancer(as_frame=True).frame.drop(columns=["target"]).head(n)


def test_predictions_match_the_run_and_the_card_describes_it(client, run_dir, tmp_path):
    from mednn.pipeline import predict

    assert client.get("/health").json() == {"status": "ok"}
    card = client.get("/model").json()
    assert card["task"] == "binary" and card["class_names"] == ["benign", "malignant"]
    assert len(card["inputs"]["columns"]) == 30 and "auroc" in card["test_metrics"]
    records = _records()
    body = client.post("/predict", json={"records": records.to_dict(orient="records")}).json()
    assert [p["record"] for p in body["predictions"]] == [0, 1, 2, 3] and body["skipped"] == 0
    # the same rows through `mednn predict` from a file give the same probabilities
    import csv

    path = tmp_path / "rows.csv"
    records.to_csv(path, index=False)
    filed = list(csv.DictReader(open(predict(run_dir, path, tmp_path / "p.csv"))))
    served = [p["p:malignant"] for p in body["predictions"]]
    assert np.allclose(served, [float(r["p:malignant"]) for r in filed], atol=1e-6)
    for p in body["predictions"]:
        assert p["predicted"] == ("malignant" if p["p:malignant"] >= card["threshold"] else "benign")


def test_bad_requests_name_the_problem_without_echoing_values(client):
    assert client.post("/predict", json={"rows": []}).status_code == 422
    missing = client.post("/predict", json={"records": [{"mean radius": 13.37}]})
    assert missing.status_code == 422 and "mean texture" in missing.json()["detail"]
    records = _records(2).to_dict(orient="records")
    records[1]["mean area"] = "sky-high"
    bad = client.post("/predict", json={"records": records})
    detail = bad.json()["detail"]
    assert bad.status_code == 422 and "'mean area'" in detail and "sky-high" not in detail
    assert "13.37" not in missing.json()["detail"] and "mednn-serve-" not in detail  # no values, no temp paths


def test_image_runs_are_refused_with_the_alternative(tmp_path, squares_npz, cli):
    from mednn.errors import ConfigError
    from mednn.pipeline import train
    from mednn.serving import make_app

    run = train(load_config(None, [f"data.path={squares_npz()}", "model.name=small_cnn", "model.channels=[4]",
                                   "train.epochs=1", "train.progress=false", "explain.enabled=false",
                                   "report.enabled=false", "evaluate.bootstrap=0"]), tmp_path / "img")
    with pytest.raises(ConfigError, match="use mednn predict"):
        make_app(run)
    code, _, err = cli("serve", run)  # refused before any port is bound
    assert code == 2 and "use mednn predict" in err and "Traceback" not in err


def test_notes_are_served_through_the_runs_deidentification(tmp_path):
    from mednn.pipeline import train
    from mednn.serving import make_app

    infection = ["fever and productive cough", "pneumonia with fever", "cough, fever and chills"]
    injury = ["ankle sprain after a fall", "fractured wrist", "wrist fracture from a fall"]
    rows = ["id,note,label"]
    for i in range(60):  # visit numbers keep the notes distinct (identical notes are read once)
        body = (infection if i % 2 == 0 else injury)[i // 2 % 3]
        rows.append(f'{i},"Visit {i}: {body}.",{"infection" if i % 2 == 0 else "injury"}')
    (tmp_path / "notes.csv").write_text("\n".join(rows) + "\n")
    run = train(load_config(None, base={
        "data": {"format": "text", "path": str(tmp_path / "notes.csv"), "text_columns": "note", "label": "label",
                 "id_column": "id", "task": "binary", "positive_class": "infection"},
        "featurize": {"name": "tfidf", "min_df": 1}, "model": {"name": "mlp", "hidden_sizes": [8]},
        "train": {"epochs": 80, "lr": 0.05, "batch_size": 16, "progress": False, "threads": 1},
        "evaluate": {"bootstrap": 0}, "explain": {"enabled": False}, "report": {"enabled": False},
        "privacy": {"deid": True},
    }), tmp_path / "run")
    client = TestClient(make_app(run))
    assert client.get("/model").json()["inputs"] == {"text_columns": ["note"]}
    reply = client.post("/predict", json={"records": [
        {"note": "Mr. Okonkwo Hartwell, MRN 4400123, has fever and productive cough."},
        {"note": "Fractured wrist after a fall at home."},
        {"note": "Fractured wrist after a fall at home."},  # identical notes each get their prediction
    ]})
    assert reply.status_code == 200, reply.text
    assert [p["predicted"] for p in reply.json()["predictions"]] == ["infection", "injury", "injury"], reply.text
    assert [p["record"] for p in reply.json()["predictions"]] == [0, 1, 2]
    assert "Okonkwo" not in reply.text and "4400123" not in reply.text
