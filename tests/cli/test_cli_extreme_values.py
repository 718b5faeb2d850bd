"""Impossible values (one glucose of 1e30, one age of -4000) are named at inspect and train, by
column and row, never by value (trial 6, defect 2): as impossible_values in columns named as a
clinical quantity, as extreme_values in others (a marker of 1e30); skewed honest counts stay quiet,
and no cell is named twice."""

import json

import numpy as np
import pandas as pd

from mednn.data.extreme_values import extreme_cells

from .conftest import FAST


def _table(n: int = 400, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    glucose = rng.lognormal(np.log(100), 0.3, n).round(1)
    return pd.DataFrame({"age": rng.integers(1, 83, n), "glucose": glucose,
                         "er_visits": rng.poisson(0.2, n) + np.where(rng.random(n) < 0.01, 60, 0),  # honest skew
                         "z": rng.normal(0, 1, n),
                         "stroke": np.where(glucose + rng.normal(0, 20, n) > 120, "yes", "no")})


def test_honest_skewed_columns_are_quiet_and_impossible_cells_are_found():
    frame = _table()
    assert extreme_cells(frame.drop(columns="stroke")) == []
    frame.loc[5, "glucose"], frame.loc[9, "age"] = 1e30, -4000
    assert extreme_cells(frame.drop(columns="stroke")) == [{"column": "age", "rows": [9]},
                                                           {"column": "glucose", "rows": [5]}]


def test_inspect_and_train_name_the_columns_not_the_values(cli, tmp_path):
    clean = tmp_path / "clean.csv"
    _table().to_csv(clean, index=False)
    code, stdout, err = cli("inspect", "--data", clean, "--set", "data.label=stroke", "--no-label-issues")
    assert code == 0, err
    assert "[extreme_values]" not in stdout
    frame = _table()
    frame.loc[5, "glucose"], frame.loc[9, "age"], frame.loc[12, "z"] = 1e30, -4000, 1e30
    path = tmp_path / "huge.csv"
    frame.to_csv(path, index=False)
    code, stdout, err = cli("inspect", "--data", path, "--set", "data.label=stroke", "--no-label-issues")
    assert code == 0, err
    line = [x for x in stdout.splitlines() if "[impossible_values]" in x]
    assert line and "'age' (age, years: 1 impossible (row-11))" in line[0]  # the row named, never its value
    assert "'glucose' (glucose, mg/dL: 1 impossible (row-7))" in line[0]
    extreme = [x for x in stdout.splitlines() if "[extreme_values]" in x]
    assert extreme and "z (1 row: row-14)" in extreme[0] and "age" not in extreme[0]
    for shown in (line[0], extreme[0]):
        assert "4000" not in shown and "1e+30" not in shown and "1e30" not in shown
    code, _, err = cli("train", "--data", path, "--set", "data.label=stroke", "--out", tmp_path / "run", *FAST,
                       "--set", "train.epochs=2", "--set", "explain.enabled=false", "--set", "report.enabled=false")
    assert code == 0, err
    found = json.loads((tmp_path / "run" / "data.json").read_text())["findings"]
    assert [f["columns"] for f in found if f["id"] == "impossible_values"] == [["age", "glucose"]]
    assert [f["columns"] for f in found if f["id"] == "extreme_values"] == [["z"]]
