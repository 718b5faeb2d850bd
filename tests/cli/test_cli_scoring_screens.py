"""Columns a run trained on are not screened again on a batch of new rows (identifier and
free-text screens belong to the training data): a small batch where a count column's whole
numbers are mostly distinct, or a code column has many distinct values, is scored by predict,
evaluate and the served records, as the training file was."""

import numpy as np
import pandas as pd
import pytest

from .conftest import FAST


def _table(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    procedures = rng.integers(1, 90, n)  # whole numbers named like a count: 'num_' reads as an id word
    diag = rng.choice([f"D{i:03d}" for i in range(40)], n)  # a code column of 40 categories
    risk = 0.04 * (procedures - 45) + rng.normal(0, 1, n)
    return pd.DataFrame({"num_lab_procedures": procedures, "diag_1": diag, "age": rng.normal(60, 9, n).round(1),
                         "outcome": np.where(risk > 0, "readmitted", "home")})


@pytest.fixture(scope="module")
def run_and_batch(tmp_path_factory):
    from mednn.cli.main import main

    root = tmp_path_factory.mktemp("scoring")
    train, batch = root / "train.csv", root / "batch.csv"
    _table(600, 0).to_csv(train, index=False)
    _table(40, 1).to_csv(batch, index=False)
    out = root / "run"
    code = main(["train", "--data", str(train), "--set", "data.label=outcome", *FAST, "--set", "train.epochs=3",
                 "--set", "explain.enabled=false", "--set", "report.enabled=false", "--out", str(out), "--quiet"])
    assert code == 0
    return out, batch


def test_the_batch_would_be_refused_as_training_data(cli, run_and_batch, tmp_path):
    """The guard: the same 40 rows as a training file are refused (so the tests below can fail)."""
    _, batch = run_and_batch
    code, _, err = cli("train", "--data", batch, "--set", "data.label=outcome", *FAST, "--out", tmp_path / "r",
                       "--quiet")
    assert code == 2 and "num_lab_procedures" in err


def test_predict_and_evaluate_score_a_small_batch(cli, run_and_batch, tmp_path):
    run, batch = run_and_batch
    code, _, err = cli("predict", run, batch, "--out", tmp_path / "p.csv")
    assert code == 0, err
    assert len(pd.read_csv(tmp_path / "p.csv")) == 40
    code, _, err = cli("evaluate", run, "--data", batch, "--out", tmp_path / "e.json")
    assert code == 0, err


def test_served_records_score_a_small_batch(run_and_batch):
    from mednn.predictor import Predictor

    run, batch = run_and_batch
    predictor = Predictor.load(run)
    records = pd.read_csv(batch).drop(columns="outcome").to_dict(orient="records")
    dataset = predictor.read_records(records)
    assert len(predictor.predict_proba(dataset)) == 40
