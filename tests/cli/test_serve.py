"""mednn serve: the HTTP API predicts what `mednn predict` predicts, and refuses bad records by name."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from mednn.config import load_config  # noqa: E402
from tests.cli.conftest import breast_cancer_run  # noqa: E402


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    return breast_cancer_run(tmp_path_factory, "train.epochs=5", "evaluate.bootstrap=20")


@pytest.fixture(scope="module")
def client(run_dir):
    from mednn.serving import make_app

    return TestClient(make_app(run_dir))


def _records(n=4):
    from sklearn.datasets import load_breast_cancer

    return load_breast_cancer(as_frame=True).frame.drop(columns=["target"]).head(n)


def test_predictions_match_the_run_and_the_card_describes_it(client, run_dir, tmp_path):
    from mednn.scoring import predict_file as predict

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


def test_concurrent_requests_are_batched_and_a_bad_one_fails_alone(run_dir, client, monkeypatch):
    import asyncio

    import httpx

    from mednn.inference.records import TableRecords
    from mednn.serving import make_app

    reads = []
    original = TableRecords.read
    monkeypatch.setattr(TableRecords, "read", lambda self, rows: reads.append(len(rows)) or original(self, rows))

    records = _records(6).to_dict(orient="records")
    alone = [client.post("/predict", json={"records": [r]}).json()["predictions"][0] for r in records]
    bad = dict(records[0], **{"mean area": "sky-high"})

    async def burst():
        app = make_app(run_dir)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as ac:
            bodies = [{"records": [r]} for r in records] + [{"records": [bad]}]
            return await asyncio.gather(*(ac.post("/predict", json=b) for b in bodies))

    reads.clear()
    replies = asyncio.run(burst())
    assert [r.status_code for r in replies] == [200] * 6 + [422]
    assert max(reads) > 1  # requests were read together
    assert "sky-high" not in replies[-1].text
    for reply, expected in zip(replies, alone):
        got = reply.json()["predictions"][0]
        assert got["record"] == 0 and got["predicted"] == expected["predicted"]
        assert got["p:malignant"] == pytest.approx(expected["p:malignant"], abs=1e-6)


def test_image_runs_are_served_from_uploads_as_predict_scores_the_files(tmp_path, squares_npz, cli):
    import base64
    import csv
    import io

    from PIL import Image

    from mednn.pipeline import train
    from mednn.scoring import predict_file
    from mednn.serving import make_app

    run = train(load_config(None, [f"data.path={squares_npz()}", "model.name=small_cnn", "model.channels=[4]",
                                   "train.epochs=3", "train.progress=false", "explain.enabled=false",
                                   "report.enabled=false", "evaluate.bootstrap=0"]), tmp_path / "img")
    rng = np.random.default_rng(1)
    folder = tmp_path / "new_images"
    folder.mkdir()
    blobs = []
    for i in range(4):
        x = rng.integers(0, 60, (16, 16)).astype(np.uint8)
        if i % 2:
            x[4:12, 4:12] = 220
        buf = io.BytesIO()
        Image.fromarray(x).save(buf, format="PNG")
        blobs.append(buf.getvalue())
        (folder / f"{i:06d}.png").write_bytes(buf.getvalue())
    client = TestClient(make_app(run))
    assert client.get("/model").json()["inputs"]["input_shape"][-2:] == [16, 16]
    multipart = client.post("/predict", files=[("files", (f"x{i}.png", b, "image/png")) for i, b in enumerate(blobs)])
    assert multipart.status_code == 200, multipart.text
    as_json = client.post("/predict", json={"images": [{"name": f"s{i}.png", "data": base64.b64encode(b).decode()}
                                                       for i, b in enumerate(blobs)]}).json()
    served = [p["p:1"] for p in multipart.json()["predictions"]]
    assert [p["record"] for p in multipart.json()["predictions"]] == [0, 1, 2, 3]
    assert served == [p["p:1"] for p in as_json["predictions"]]
    filed = list(csv.DictReader(open(predict_file(run, folder, tmp_path / "p.csv"))))
    assert np.allclose(served, [float(r["p:1"]) for r in filed], atol=1e-6)
    bad = client.post("/predict", files=[("files", ("notes.txt", b"MRN 12345", "text/plain"))])
    assert bad.status_code == 422 and "12345" not in bad.text


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
    # a note sent under another key is named as such, not called an empty note
    wrong = client.post("/predict", json={"records": [{"note": "Fractured wrist."}, {"text": "Fever, cough."}]})
    assert wrong.status_code == 422 and "record 1 of the request (0-based) holds none of the run's text column(s) 'note'" in wrong.text
    assert "Fever" not in wrong.text and "empty_text" not in wrong.text


def test_empty_records_missing_and_unknown_fields_are_named_in_a_requests_words(client):
    records = _records(2).to_dict(orient="records")
    empty = client.post("/predict", json={"records": [records[0], {k: None for k in records[1]}]})
    assert empty.status_code == 422 and empty.json()["detail"].startswith("record 1 of the request (0-based): no feature given")
    absent = dict(records[0])
    absent.pop("mean texture")
    absent["mean textur"] = 1.0
    lacking = client.post("/predict", json={"records": [records[0], absent]})
    detail = lacking.json()["detail"]
    assert lacking.status_code == 422 and "record 1 of the request (0-based) lacks field 'mean texture'" in detail
    assert "did you mean 'mean textur'" in detail and "not in the file" not in detail
    extra = [{**records[0], "patient_name": "Zebulon Quackenbush", "ssn": "123-45-6789"}, records[1]]
    body = client.post("/predict", json={"records": extra}).json()
    assert body["ignored_fields"] == ["patient_name", "ssn"] and len(body["predictions"]) == 2
    assert "Zebulon" not in str(body) and "123-45-6789" not in str(body)
    assert "ignored_fields" not in client.post("/predict", json={"records": records}).json()
