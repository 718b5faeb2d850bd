"""End to end (trial 3, item 4): a text column whose categories hold names, phone numbers or
dates inside free text ("pt John Smith 555-123-4567 seen 3/4/2019") is refused when a run
trains, and none of its text reaches any file of the run (featurizer.json, data.json,
profile.json, report.html ...); honest category codes are not refused."""

import numpy as np
import pandas as pd
import pytest

from .conftest import FAST

PLANTED = ["Smith", "555-123-4567", "3/4/2019", "garcia", "2019-03-04", "Okafor", "2018-11-30"]


def _table(path, **text_columns):
    rng = np.random.default_rng(3)
    n = 160
    marker = rng.normal(0, 1, n)
    frame = pd.DataFrame({"age": rng.normal(60, 10, n).round(1), "marker": marker,
                          "work": rng.choice(["Govt_job", "Private", "Self-employed", "children"], n),
                          "outcome": np.where(marker + rng.normal(0, 0.5, n) > 0, "disease", "healthy")})
    for name, levels in text_columns.items():
        frame[name] = [levels[i % len(levels)] for i in range(n)]
    frame.to_csv(path, index=False)
    return path


def _run_text(run) -> str:
    return "\n".join(p.read_text(errors="replace") for p in sorted(run.rglob("*")) if p.is_file())


def _planted(text: str) -> list[str]:
    return [p for p in PLANTED if p in text]


def _train(cli, path, out, *extra):
    return cli("train", "--data", str(path), "--set", "data.label=outcome", *FAST, "--set", "train.epochs=3",
               "--set", "explain.enabled=false", *extra, "--out", out, "--quiet")


@pytest.mark.parametrize("levels", [
    ["pt John Smith 555-123-4567 seen 3/4/2019"],  # one note repeated on every row
    ["ref by maria garcia 2019-03-04", "ref by Margaret Okafor 2018-11-30", "self"],
])
def test_free_text_with_identifiers_is_refused_and_never_echoed(cli, tmp_path, levels):
    out = tmp_path / "run"
    code, stdout, err = _train(cli, _table(tmp_path / "t.csv", referral=levels), out)
    assert code == 2 and "column 'referral'" in err and "identifier_column" in err, err
    assert "data.drop_columns: [referral]" in err and "privacy.deid" in err and len(err.strip().splitlines()) == 1
    assert not _planted(stdout + err) and not out.exists()


def test_dropped_the_run_holds_none_of_it_and_profile_categories_are_hashed(cli, tmp_path):
    levels = ["ref by maria garcia 2019-03-04", "ref by Margaret Okafor 2018-11-30", "self"]
    path = _table(tmp_path / "t.csv", referral=levels, site=["north wing", "south wing"])
    out = tmp_path / "run"
    code, _, err = _train(cli, path, out, "--set", "data.drop_columns=[referral]")
    assert code == 0, err
    text = _run_text(out)
    assert not _planted(text) and "Govt_job" in (out / "featurizer.json").read_text()
    # profile.json keeps category shares under hashed keys, never the category text
    profile = (out / "profile.json").read_text()
    assert "sha256" in profile and not any(c in profile for c in ("Govt_job", "Self-employed", "north wing"))


def test_a_meta_column_with_identifiers_is_refused(cli, tmp_path):
    path = _table(tmp_path / "t.csv", seen_by=["seen by Dr Ana Lopez on 2019-03-04", "seen by Dr Wei Chen on 2019-05-06"])
    code, _, err = _train(cli, path, tmp_path / "run", "--set", "data.meta_columns=[seen_by]")
    assert code == 2 and "column 'seen_by'" in err and "data.meta_columns" in err and "Lopez" not in err, err


def test_an_evaluated_sites_meta_column_is_screened_too(cli, tmp_path):
    """External evaluation writes the site's meta values as subgroup names: screened the same way."""
    out = tmp_path / "run"
    code, _, err = _train(cli, _table(tmp_path / "t.csv", ward=["north", "south"]), out, "--set", "data.meta_columns=[ward]")
    assert code == 0, err
    site = _table(tmp_path / "site.csv", ward=["seen by Dr Ana Lopez on 2019-03-04", "seen by Dr Wei Chen 2019-05-06"])
    code, stdout, err = cli("evaluate", out, "--data", site, "--out", tmp_path / "eval.json")
    assert code == 2 and "column 'ward'" in err and "identifier_column" in err, err
    assert "Lopez" not in stdout + err and not (tmp_path / "eval.json").exists()
