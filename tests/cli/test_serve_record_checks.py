"""serve names the record and column of a value it refuses, and flags a value no patient can have
as predict does (one check, :func:`mednn.inference.alerts.far_outside`, for both paths): trial 12's
serve answered an age of 670 with no flag while predict warned, and refused one record's text
glucose without naming the record."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402


@pytest.fixture(scope="module")
def stroke_run(tmp_path_factory):
    from mednn.config import load_config
    from mednn.pipeline import train

    folder = tmp_path_factory.mktemp("stroke")
    rng = np.random.default_rng(4)
    n = 240
    frame = pd.DataFrame({"age": rng.integers(20, 85, n), "glucose": rng.normal(105, 25, n).round(1),
                          "smoker": rng.choice(["yes", "no"], n), "num_medications": rng.poisson(8, n)})
    frame["stroke"] = np.where(0.04 * (frame["age"] - 55) + 0.02 * (frame["glucose"] - 105)
                               + rng.normal(0, 1, n) > 0.5, "stroke", "none")
    frame.to_csv(folder / "stroke.csv", index=False)
    cfg = load_config(None, [f"data.path={folder / 'stroke.csv'}", "data.label=stroke", "train.epochs=5",
                             "train.threads=1", "train.progress=false", "explain.enabled=false",
                             "report.enabled=false", "evaluate.bootstrap=20"])
    return train(cfg, folder / "run"), frame.drop(columns=["stroke"])


@pytest.fixture(scope="module")
def client(stroke_run):
    from mednn.serving import make_app

    return TestClient(make_app(stroke_run[0]))


def _records(frame, n=3):
    return [{k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
            for row in frame.head(n).to_dict(orient="records")]


def test_text_in_a_numeric_column_names_the_record_and_column_not_the_value(client, stroke_run):
    for n, at in ((1, 0), (3, 2)):
        records = _records(stroke_run[1], n)
        records[at]["glucose"] = "sky-high"
        answer = client.post("/predict", json={"records": records})
        detail = answer.json()["detail"]
        assert answer.status_code == 422 and "'glucose'" in detail and "sky-high" not in detail
        assert f"record {at}" in detail or f"row {at}" in detail, detail


def test_an_impossible_age_is_flagged_by_serve_as_by_predict(client, stroke_run, tmp_path, cli):
    records = _records(stroke_run[1], 3)
    records[1]["age"] = 670
    predictions = client.post("/predict", json={"records": records}).json()["predictions"]
    assert predictions[1]["impossible_values"] == ["age"] and "extreme_values" in predictions[1]
    assert "impossible_values" not in predictions[0] and "impossible_values" not in predictions[2]
    path = tmp_path / "new.csv"
    pd.DataFrame(records).to_csv(path, index=False)
    with pytest.warns(UserWarning, match=r"\[impossible_values\] 1 of 3 records of new.csv .*row-3"):
        code, _, err = cli("predict", stroke_run[0], path, "--out", tmp_path / "p.csv")
    assert code == 0, err


def test_a_negative_count_is_impossible_at_serve_and_at_predict(client, stroke_run, tmp_path, cli):
    """Trial 13, item 7: a column whose training values were all >= 0 (a count) flags a negative
    new value, within two range widths of the training range (-4 medications), at both paths."""
    records = _records(stroke_run[1], 3)
    records[2]["num_medications"] = -4
    predictions = client.post("/predict", json={"records": records}).json()["predictions"]
    assert predictions[2]["impossible_values"] == ["num_medications"]
    assert "impossible_values" not in predictions[0] and "impossible_values" not in predictions[1]
    path = tmp_path / "negative.csv"
    pd.DataFrame(records).to_csv(path, index=False)
    with pytest.warns(UserWarning, match=r"\[impossible_values\] 1 of 3 records of negative.csv .*row-4.*num_medications"):
        code, _, err = cli("predict", stroke_run[0], path, "--out", tmp_path / "p.csv")
    assert code == 0, err
