"""Trial 8: a category never seen in training (a typo 'Femal', another coding, emoji or
right-to-left text) was silent at predict and serve: no line, not flagged, an ood_score like a
known category's. Now each record names its unseen columns (never the value) in predict's
``unseen_categories`` column and serve's field, and predict says one console line per file."""

import csv
import warnings

import pandas as pd
import pytest

from .conftest import FAST

ODD = ["Femal", "F \U0001F469\u200D\u2695\uFE0F \u05e9\u05dc\u05d5\u05dd", "M"]  # a typo, emoji + Hebrew, a known one


@pytest.fixture
def table_run(cli, patients_csv, tmp_path):
    code, _, err = cli("train", "--data", patients_csv, "--set", "data.label=outcome", "--set", "data.id_column=record",
                       "--set", "data.patient_column=patient", "--set", "model.hidden_sizes=[8]",
                       "--out", tmp_path / "run", *FAST)
    assert code == 0, err
    return tmp_path / "run"


def _new_records(patients_csv):
    frame = pd.read_csv(patients_csv).head(3).drop(columns=["outcome"])
    return frame.assign(record=["n1", "n2", "n3"], sex=ODD)


def test_predict_names_records_with_unseen_categories_by_column_never_by_value(cli, table_run, patients_csv, tmp_path):
    path = tmp_path / "new.csv"
    _new_records(patients_csv).to_csv(path, index=False)
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        code, out, err = cli("predict", table_run, path, "--out", tmp_path / "p.csv")
    assert code == 0, err
    rows = {r["id"]: r for r in csv.DictReader(open(tmp_path / "p.csv", encoding="utf-8"))}
    assert [rows[i]["unseen_categories"] for i in ("n1", "n2", "n3")] == ["sex", "sex", ""]
    lines = [str(w.message) for w in shown if "never seen in training" in str(w.message)]
    assert len(lines) == 1 and "2 of 3 records" in lines[0] and "'sex': 2" in lines[0]
    for value in ("Femal", "\u05e9\u05dc\u05d5\u05dd", "\U0001F469"):
        assert value not in lines[0] and value not in out + err


def test_serve_names_records_with_unseen_categories(table_run, patients_csv):
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    from mednn.serving import make_app

    client = TestClient(make_app(table_run))
    records = _new_records(patients_csv).drop(columns=["record", "patient"]).to_dict(orient="records")
    response = client.post("/predict", json={"records": records})
    assert response.status_code == 200, response.text
    predictions = response.json()["predictions"]
    assert [p.get("unseen_categories") for p in predictions] == [["sex"], ["sex"], None]
    assert "Femal" not in response.text
