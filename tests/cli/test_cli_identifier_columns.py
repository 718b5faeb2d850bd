"""End to end: a column of patient names is refused as a feature, and no planted name reaches
featurizer.json, data.json, report.html or any other file of the run."""

import re

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


def test_ids_from_the_id_column_never_reach_the_report_card_or_console(cli, tmp_path):
    """Explained records are named "test record N" (their place among the test rows of
    predictions.csv), never by the MRN in data.id_column: the report is shown to clinicians."""
    rng = np.random.default_rng(3)
    n = 160
    marker = rng.normal(0, 1, n)
    mrns = [f"MRN{8405300 + 7 * i}" for i in range(n)]  # recognisable: no other number looks like it
    frame = pd.DataFrame({"mrn": mrns, "age": rng.normal(60, 10, n).round(1), "marker": marker,
                          "outcome": np.where(marker + rng.normal(0, 0.8, n) > 0, "disease", "healthy")})
    path = tmp_path / "ids.csv"
    frame.to_csv(path, index=False)
    out = tmp_path / "run"
    code, stdout, err = cli("train", "--data", str(path), "--set", "data.label=outcome", "--set", "data.id_column=mrn",
                            *FAST, "--set", "explain.n_samples=4", "--set", "explain.methods=[shap,lime]",
                            "--out", out)
    assert code == 0, err
    predictions = (out / "predictions.csv").read_text()
    assert sum(m in predictions for m in mrns) > 20  # the ids are the user's own output: they stay there
    report = (out / "report.html").read_text()
    for text in (report, (out / "model_card.json").read_text(), stdout + err):
        assert not [m for m in mrns if m in text]
    assert len(re.findall(r"test record \d+ · ", report)) >= 8  # 4 records named under SHAP and under LIME


@pytest.mark.parametrize("command", ["inspect", "train"])
def test_a_dob_column_gets_one_line_naming_dates_and_the_key(cli, tmp_path, command):
    rng = np.random.default_rng(5)
    n = 120
    dob = (pd.Timestamp("1940-01-01") + pd.to_timedelta(rng.integers(0, 20_000, n), unit="D")).strftime("%Y-%m-%d")
    frame = pd.DataFrame({"age": rng.normal(60, 10, n).round(1), "dob": list(dob),
                          "outcome": rng.choice(["yes", "no"], n)})
    path = tmp_path / "dob.csv"
    frame.to_csv(path, index=False)
    args = ["--out", tmp_path / "run", "--quiet"] if command == "train" else ["--no-label-issues"]
    code, stdout, err = cli(command, "--data", str(path), "--set", "data.label=outcome", *FAST, *args)
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2 and len(lines) == 1, err
    assert "column 'dob' holds dates" in err and "data.drop_columns: [dob]" in err and "free text" not in err
    assert not any(d in stdout + err for d in dob)
    code, _, err = cli(command, "--data", str(path), "--set", "data.label=outcome", "--set", "data.drop_columns=[dob]",
                       *FAST, *args)
    assert code == 0, err


@pytest.mark.parametrize("casing", [str.lower, str.upper])
def test_names_in_one_case_under_a_neutral_header_never_reach_the_run(cli, tmp_path, casing):
    """fix12 #2: a 'contact' column of "maria lopez", "john o'brien" ... trained as one-hot
    categories (its values in featurizer.json); a column of clinical words in one case still trains."""
    rng = np.random.default_rng(2)
    n = 150
    marker = rng.normal(0, 1, n)
    people = [casing(p) for p in ("maria lopez", "john o'brien", "wei chen", "fatima ali", "linda nguyen",
                                  "carlos hernandez-lopez", "sarah wilson", "david miller")]
    words = [casing(w) for w in ("heart failure", "metformin", "left", "yes", "atrial fibrillation", "copd")]
    frame = pd.DataFrame({"contact": [people[i % len(people)] for i in range(n)], "marker": marker,
                          "finding": [words[i % len(words)] for i in range(n)],
                          "outcome": np.where(marker + rng.normal(0, 0.5, n) > 0, "disease", "healthy")})
    path = tmp_path / "contacts.csv"
    frame.to_csv(path, index=False)
    args = ["train", "--data", str(path), "--set", "data.label=outcome", *FAST, "--set", "train.epochs=2",
            "--set", "explain.enabled=false", "--quiet"]
    code, stdout, err = cli(*args, "--out", tmp_path / "refused")
    assert code == 2 and "column 'contact'" in err and "person names" in err and "finding" not in err, err
    assert not (tmp_path / "refused").exists() and not any(p in (stdout + err).lower() for p in people)
    code, _, err = cli(*args, "--set", "data.drop_columns=[contact]", "--out", tmp_path / "run")
    assert code == 0, err
    assert casing("metformin") in (tmp_path / "run" / "featurizer.json").read_text()  # the clinical words trained
