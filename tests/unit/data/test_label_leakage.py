"""Label leakage (trials 3 and 4, item 6): a feature column that alone carries the label on the
training split is named in a ``label_leakage`` warning when a run trains or is inspected; honest
predictors (scikit-learn's breast cancer, wine, diabetes, a fair yes/no risk factor) raise none."""

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from mednn.config import load_config
from mednn.data.label_leakage import auroc_either_way, label_leakage, leaking_columns
from mednn.pipeline import prepare, read_and_split
from tests.recording import RecordingReporter


def _frame(n=400, seed=0):
    rng = np.random.default_rng(seed)
    marker = rng.normal(0, 1, n)
    y = (marker + rng.normal(0, 1, n) > 0).astype(np.int64)  # a fair predictor, AUROC about 0.85
    frame = pd.DataFrame({"age": rng.normal(60, 10, n), "marker": marker,
                          "sex": rng.choice(["F", "M"], n),
                          "score": y * 10 + rng.normal(0, 1, n),            # recorded from the outcome
                          "result": np.where(y == 1, "positive", "negative")})  # a copy of the label as text
    frame.loc[::7, "score"] = np.nan  # missing cells are left out, not counted against it
    return frame, y


def test_auroc_matches_a_direct_count_with_ties():
    x = np.array([0.1, 0.4, 0.4, 0.8, 0.2, 0.4])
    pos = np.array([False, True, False, True, False, True])
    pairs = [(a > b) + 0.5 * (a == b) for a in x[pos] for b in x[~pos]]
    assert auroc_either_way(x, pos) == pytest.approx(np.mean(pairs))
    assert auroc_either_way(-x, pos) == pytest.approx(np.mean(pairs))


def test_the_near_copies_are_named_and_the_fair_predictor_is_not():
    frame, y = _frame()
    assert leaking_columns(frame, y, "binary") == ["score", "result"]
    codes = np.array([0, 1, 2] * 100)
    multi = pd.DataFrame({"stage": codes * 3.0 + np.random.default_rng(1).normal(0, 0.5, 300),
                          "noise": np.random.default_rng(2).normal(0, 1, 300)})
    assert leaking_columns(multi, codes, "multiclass") == ["stage"]
    target = np.random.default_rng(3).normal(0, 1, 300)
    assert leaking_columns(pd.DataFrame({"log_copy": np.exp(target), "x": target + np.random.default_rng(4).normal(
        0, 1, 300)}), target, "regression") == ["log_copy"]


def test_the_finding_names_the_columns_and_the_fix():
    frame, y = _frame()
    dataset = SimpleNamespace(inputs=frame, targets=y, task=SimpleNamespace(kind="binary"))
    (finding,) = label_leakage(dataset, {"train": np.arange(300), "val": np.arange(300, 400)})
    assert finding.id == "label_leakage" and finding.severity == "warning" and list(finding.columns) == ["score", "result"]
    assert "columns 'score' (AUROC 1.00), 'result' (AUROC 1.00) alone carry the label" in finding.message
    assert "data.drop_columns: [score, result]" in finding.message and "positive" not in finding.message


@pytest.mark.parametrize("name", ["breast-cancer", "wine", "diabetes"])
def test_honest_features_raise_none(tmp_path, name):
    from sklearn import datasets

    if name == "breast-cancer":
        args = ["data.path=breast-cancer"]
    else:
        bunch = getattr(datasets, f"load_{name}")(as_frame=True)
        frame = bunch.frame.rename(columns={"target": "y"})
        if name == "wine":
            frame["y"] = frame["y"].map(lambda v: f"c{v}")
        frame.to_csv(tmp_path / "d.csv", index=False)
        args = [f"data.path={tmp_path / 'd.csv'}", "data.label=y"] + (["data.task=regression"] if name == "diabetes" else [])
    dataset, _, index = read_and_split(load_config(None, args))
    assert label_leakage(dataset, index) == []


def test_training_prints_it_and_keeps_it(tmp_path):
    frame, y = _frame()
    frame["outcome"] = np.where(y == 1, "ill", "well")
    frame.to_csv(tmp_path / "t.csv", index=False)

    said = RecordingReporter()
    cfg = load_config(None, [f"data.path={tmp_path / 't.csv'}", "data.label=outcome", "train.progress=false"])
    prepared = prepare(cfg, tmp_path / "run", reporter=said)
    assert [list(f.columns) for f in prepared.findings if f.id == "label_leakage"] == [["score", "result"]]
    assert any("[label_leakage]" in line and "'score'" in line and "'result'" in line for line in said.lines)


def _second_test(n=600, seed=5, prevalence=0.07):
    """A rare outcome with a yes/no test recorded with it (sensitivity 0.96, specificity 0.88, as
    cervical cancer's Schiller beside Biopsy), a co-test done on the same visit, and honest columns."""
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < prevalence).astype(np.int64)
    test = np.where(y == 1, rng.random(n) < 0.96, rng.random(n) < 0.12).astype(np.int64)
    cotest = test * (rng.random(n) < np.where(y == 1, 0.5, 0.15))  # positive only where the first test is
    smoker = np.where(y == 1, rng.random(n) < 0.5, rng.random(n) < 0.2).astype(np.int64)  # AUROC about 0.65
    frame = pd.DataFrame({"age": rng.normal(40, 10, n), "smoker": smoker, "test": test, "cotest": cotest,
                          "sex": rng.choice(["F", "M"], n)})
    return frame, y


def test_a_yes_no_test_recorded_with_a_rare_outcome_is_named_with_its_companion():
    frame, y = _second_test()
    dataset = SimpleNamespace(inputs=frame, targets=y, task=SimpleNamespace(kind="binary"))
    (finding,) = label_leakage(dataset, {"train": np.arange(len(y))})
    assert list(finding.columns) == ["test", "cotest"] and finding.severity == "warning"
    assert "may be recorded with or from the outcome: check" in finding.message
    assert "data.drop_columns: [test, cotest]" in finding.message


def test_a_fair_yes_no_risk_factor_is_not_named():
    frame, y = _second_test()
    assert leaking_columns(frame.drop(columns=["test"]), y, "binary") == []


def test_a_part_of_a_regression_label_is_named():
    rng = np.random.default_rng(6)
    part, rest = rng.normal(20, 8, 500), rng.normal(8, 2.5, 500)
    total = part + rest  # as total_UPDRS = motor_UPDRS + the non-motor parts (Spearman about 0.95)
    frame = pd.DataFrame({"part": part, "age": rng.normal(60, 8, 500) + 0.1 * total})
    assert leaking_columns(frame, total, "regression") == ["part"]
