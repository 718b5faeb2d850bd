"""'None' is not a default missing marker (diabetes-130 writes it for "not measured"): such cells
stay a category and the reader's note counts them, with the fix (trial 6, defect 15)."""

import numpy as np
import pandas as pd


def _write(tmp_path):
    rng = np.random.default_rng(0)
    n = 120
    glu = rng.choice(["None", "Norm", ">200"], n, p=[0.8, 0.1, 0.1])
    path = tmp_path / "d.csv"
    pd.DataFrame({"age": rng.integers(20, 90, n), "max_glu_serum": glu,
                  "readmitted": rng.choice(["NO", "YES"], n)}).to_csv(path, index=False)
    return path, int((glu == "None").sum())


def test_none_cells_are_a_counted_category_not_silently_missing(cli, tmp_path):
    path, n_none = _write(tmp_path)
    code, stdout, err = cli("inspect", "--data", path, "--set", "data.label=readmitted", "--no-label-issues")
    assert code == 0, err
    assert f"column 'max_glu_serum' has {n_none} cells reading 'None'" in stdout
    assert "data.missing_values: ['None']" in stdout


def test_none_listed_as_a_marker_is_missing_and_not_counted_as_a_category(cli, tmp_path):
    path, n_none = _write(tmp_path)
    code, stdout, err = cli("inspect", "--data", path, "--set", "data.label=readmitted", "--no-label-issues",
                            "--set", "data.missing_values=['None']")
    assert code == 0, err
    assert "cells reading 'None'" not in stdout and f"column 'max_glu_serum' has {n_none} missing values" in stdout
