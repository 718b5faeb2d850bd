"""Every identifier column of a table is named in one message, so one edit fixes them all: trial
12's `inspect` named encounter_id, and only on the next run patient_nbr."""

import numpy as np
import pandas as pd


def _visits(tmp_path, with_email=False):
    rng = np.random.default_rng(5)
    n = 200
    frame = pd.DataFrame({
        "encounter_id": rng.permutation(n) * 11 + 50_000,
        "patient_nbr": np.repeat(np.arange(n // 4) * 7 + 1_000, 4),
        "age": rng.integers(20, 90, n),
        "glucose": rng.normal(110, 20, n).round(1),
        "readmitted": rng.choice(["early", "no"], n),
    })
    if with_email:
        frame["contact"] = [f"person{i}@example.org" for i in range(n)]
    frame.to_csv(tmp_path / "visits.csv", index=False)
    return tmp_path / "visits.csv"


def test_two_identifier_columns_are_named_in_one_message(cli, tmp_path):
    path = _visits(tmp_path, with_email=True)
    code, _, err = cli("inspect", "--data", path, "--set", "data.label=readmitted", "--no-label-issues")
    assert code == 2 and "Traceback" not in err
    line = [x for x in err.splitlines() if "mednn: error" in x][0]
    assert "3 columns look like identifiers" in line
    assert all(f"column '{c}'" in line for c in ("encounter_id", "patient_nbr", "contact"))
    assert "set patient_nbr as data.patient_column" in line and "data.drop_columns: [encounter_id, contact]" in line
    assert "@example.org" not in err and "person0" not in err  # counts and column names only
    code, _, err = cli("inspect", "--data", path, "--set", "data.label=readmitted", "--set", "data.id_column=encounter_id",
                       "--set", "data.patient_column=patient_nbr", "--set", "data.drop_columns=[contact]",
                       "--no-label-issues")
    assert code == 0, err


def test_one_identifier_column_keeps_its_own_message(cli, tmp_path):
    path = _visits(tmp_path)
    code, _, err = cli("inspect", "--data", path, "--set", "data.label=readmitted", "--set", "data.id_column=encounter_id",
                       "--no-label-issues")
    assert code == 2 and "column 'patient_nbr' looks like the person of repeated measurements" in err
    assert "columns look like identifiers" not in err
