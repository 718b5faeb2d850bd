"""A "site" that is the run's own training data is named as such, without a patient column:
the run keeps short keyed hashes of its training samples (table rows' feature values,
canonical molecules; never a value) and evaluate / predict count the file's samples that match
(trial 6, defect 1)."""

import json

import numpy as np
import pandas as pd
import pytest

from .conftest import FAST

RINGS = ["c1ccccc1", "C1CCCCC1", "c1ccncc1", "C1CCNCC1", "c1ccoc1", "C1CCOC1", "c1ccsc1", "c1cnccn1"]
CHAINS = ["C", "CC", "CCC", "CCCC", "CCCCC"]


def _rows(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    marker = rng.normal(0, 1, n)
    return pd.DataFrame({"age": rng.normal(60, 9, n).round(1), "marker": marker.round(3),
                         "sex": rng.choice(["F", "M"], n),
                         "outcome": np.where(marker + rng.normal(0, 0.6, n) > 0, "disease", "healthy")})


def _train(cli, path, out, *settings):
    code, _, err = cli("train", "--data", path, "--out", out, *FAST, "--set", "train.epochs=3",
                       "--set", "explain.enabled=false", "--set", "report.enabled=false", *settings)
    assert code == 0, err


@pytest.fixture(scope="module")
def table_run(tmp_path_factory):
    from mednn.cli.main import main

    root = tmp_path_factory.mktemp("again")
    _rows(300, 0).to_csv(root / "train.csv", index=False)
    assert main(["train", "--data", str(root / "train.csv"), "--out", str(root / "run"), *FAST,
                 "--set", "train.epochs=3", "--set", "explain.enabled=false", "--set", "report.enabled=false",
                 "--set", "data.label=outcome", "--quiet"]) == 0
    return root


def _leaks(path):
    result = json.loads(path.read_text())
    return result, [f for f in result.get("findings", []) if f["id"] == "split_leakage"]


def test_a_table_of_training_rows_is_not_external_validation(cli, table_run, tmp_path):
    text = (table_run / "run" / "data.json").read_text()
    stored = json.loads(text)["sample_keys"]
    assert stored["keys"] and set(stored) == {"salt", "bits", "keys", "repeat_rate"}  # hashes, no value
    site = tmp_path / "site.csv"
    _rows(300, 0).to_csv(site, index=False)  # the training file itself (about 60% of it was the train split)
    code, out, err = cli("evaluate", table_run / "run", "--data", site, "--out", tmp_path / "e.json")
    assert code == 0, err
    assert "not external validation" in out  # the summary's line, printed once the evaluation is written
    result, leaks = _leaks(tmp_path / "e.json")
    assert leaks and "rows are the run's training rows" in leaks[0]["message"]
    assert 150 <= result["samples_seen_in_training"]["matched"] <= 300


def test_new_rows_are_not_flagged_and_predict_says_it_in_one_line(cli, table_run, tmp_path):
    site = tmp_path / "site.csv"
    _rows(200, 7).to_csv(site, index=False)
    code, _, err = cli("evaluate", table_run / "run", "--data", site, "--out", tmp_path / "e.json")
    assert code == 0, err
    result, leaks = _leaks(tmp_path / "e.json")
    assert not leaks and result["samples_seen_in_training"]["matched"] <= 15
    _rows(300, 0).drop(columns="outcome").to_csv(tmp_path / "again.csv", index=False)
    with pytest.warns(UserWarning, match="rows are the run's training rows.*not a test of the model"):
        code, _, err = cli("predict", table_run / "run", tmp_path / "again.csv", "--out", tmp_path / "p.csv")
    assert code == 0, err


def test_training_molecules_evaluated_again_are_named(cli, tmp_path):
    rows = [{"smiles": f"{ring}{chain}{tail}", "active": active} for ring in RINGS for chain in CHAINS
            for tail, active in (("O", 1), ("N", 1), ("C", 0), ("F", 0))]
    path = tmp_path / "mols.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    _train(cli, path, tmp_path / "run", "--set", "data.label=active", "--set", "model.hidden_sizes=[16]")
    code, out, err = cli("evaluate", tmp_path / "run", "--data", path, "--out", tmp_path / "e.json")
    assert code == 0, err
    _, leaks = _leaks(tmp_path / "e.json")
    assert leaks and "molecules are the run's training molecules" in leaks[0]["message"]
    assert "canonical SMILES" in leaks[0]["message"]
