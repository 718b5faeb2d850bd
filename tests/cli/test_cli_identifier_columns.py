"""End to end: a column of patient names is refused as a feature, and no planted name reaches
featurizer.json, data.json, report.html or any other file of the run."""

import numpy as np
import pandas as pd
import pytest

from .conftest import FAST

NAMES = ["Margaret Okafor", "Thaddeus Whitcombe", "Maria Garcia", "Wei Chen", "Aisha Khan", "Robert Johnson",
         "Linda Nguyen", "James Brown", "Fatima Ali", "David Miller", "Sarah Wilson", "Carlos Lopez",
         "Emily Davis", "Ahmed Hassan", "Laura Martin"]


@pytest.fixture
def named_csv(tmp_path):
    rng = np.random.default_rng(1)
    n = 150
    marker = rng.normal(0, 1, n)
    frame = pd.DataFrame({
        "name": [NAMES[i % 15] for i in range(n)],  # 15 distinct names over 150 rows
        "age": rng.normal(60, 10, n).round(1), "marker": marker,
        "sex": rng.choice(["F", "M"], n), "blood": rng.choice(["A+", "O-", "B+", "AB+"], n),
        "outcome": np.where(marker + rng.normal(0, 0.5, n) > 0, "disease", "healthy"),
    })
    path = tmp_path / "named.csv"
    frame.to_csv(path, index=False)
    return path


def _run_text(run) -> str:
    return "\n".join(p.read_text(errors="replace") for p in sorted(run.rglob("*")) if p.is_file())


def _planted(text: str) -> list[str]:
    return [n for n in NAMES if n in text]


@pytest.mark.parametrize("fix", [[], ["--set", "data.drop_columns=[name]"], ["--set", "data.patient_column=name"]])
def test_a_names_column_never_reaches_the_run(cli, named_csv, tmp_path, fix):
    out = tmp_path / "run"
    code, stdout, err = cli("train", "--data", str(named_csv), "--set", "data.label=outcome", *FAST,
                            "--set", "train.epochs=3", "--set", "explain.enabled=false", *fix, "--out", out, "--quiet")
    if not fix:
        assert code == 2 and "column 'name'" in err and "person names" in err
        assert not _planted(stdout + err) and not out.exists()
        return
    assert code == 0, err
    for file in ("featurizer.json", "data.json", "report.html"):
        assert (out / file).is_file()
    assert not _planted(_run_text(out))


def test_the_opt_in_keeps_the_column_and_its_values_show_up(cli, named_csv, tmp_path):
    """The check above can fail: opted in, the names are in featurizer.json and data.json."""
    out = tmp_path / "run"
    code, _, err = cli("train", "--data", str(named_csv), "--set", "data.label=outcome", *FAST,
                       "--set", "train.epochs=3", "--set", "explain.enabled=false",
                       "--set", "data.allow_identifier_columns=[name]", "--out", out, "--quiet")
    assert code == 0, err
    assert _planted((out / "featurizer.json").read_text()) and _planted((out / "data.json").read_text())
