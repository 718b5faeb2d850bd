"""Numbers that cannot mislead: metrics the data leave undefined are null with a reason (never
a 0 or 1 the model did not earn), every interval contains its point estimate, and a patient-level
bootstrap resamples patients, not rows."""

from __future__ import annotations

import numpy as np
import pytest

from mednn.data.base import Task
from mednn.evaluation import evaluate
from mednn.evaluation import metrics as M
from mednn.evaluation.bootstrap import bootstrap_ci, contain_point, percentile_interval
from tests.metric_entries import metric_entries

BINARY = Task("binary", ("healthy", "sick"))


@pytest.mark.filterwarnings("ignore::mednn.evaluation.metrics.UndefinedMetricWarning")
def test_one_class_external_file_reports_undefined_only_what_needs_both_classes():
    # an external file of patients who all have the disease: AUPRC would be 1.000 whatever the
    # ranking, and there is no healthy patient for a specificity
    rng = np.random.default_rng(0)
    y = np.ones(60, dtype=int)
    prob = rng.uniform(0.2, 0.95, 60)
    out = evaluate(BINARY, y, prob, threshold=0.5, n_bootstrap=50)
    for key in ("auroc", "auprc"):
        assert out[key]["value"] is None and out[key]["ci95"] is None, key
        assert "only class 'sick'" in out[key]["reason"], key
    assert out["specificity"]["value"] is None
    assert "no sample of class 'healthy'" in out["specificity"]["reason"]
    # defined: every call of sick is right (PPV 1), every call of healthy wrong (NPV 0)
    assert out["ppv"]["value"] == 1.0 and out["npv"]["value"] == 0.0
    assert out["sensitivity"]["value"] == pytest.approx(np.mean(prob >= 0.5))
    assert out["accuracy"]["value"] == pytest.approx(np.mean(prob >= 0.5))


@pytest.mark.filterwarnings("ignore::mednn.evaluation.metrics.UndefinedMetricWarning")
def test_a_controls_only_site_file_keeps_its_npv_and_the_ppv_of_calls_it_got_wrong():
    # trial3 item 8: 37 controls, 3 called positive; NPV is 34/34, PPV of 'sick' is 0. F1 (the
    # harmonic mean of PPV and a sensitivity these data cannot give) is undefined (trial4 a/b:
    # it was "0.000 (0.000 to 0.000)"), and so are the averages over both classes
    y = np.zeros(37, dtype=int)
    prob = np.r_[np.full(3, 0.8), np.full(34, 0.2)]
    out = evaluate(BINARY, y, prob, threshold=0.5, n_bootstrap=50)
    assert out["npv"]["value"] == 1.0 and out["npv"]["ci95"][0] < 1.0
    assert out["ppv"]["value"] == 0.0 and out["f1"]["value"] is None
    assert "no sample of class 'sick'" in out["f1"]["reason"]
    for key in ("balanced_accuracy", "f1_macro"):
        assert out[key]["value"] is None and out[key]["ci95"] is None, key
        assert "only class 'healthy'" in out[key]["reason"], key
    assert out["per_class"]["sick"]["ppv"]["value"] == 0.0
    assert out["specificity"]["value"] == pytest.approx(34 / 37)
    assert out["auroc"]["value"] is None and out["sensitivity"]["value"] is None
    assert "no sample of class 'sick'" in out["sensitivity"]["reason"]
    # nothing called positive: PPV has a zero denominator, and says so
    none_called = evaluate(BINARY, y, np.full(37, 0.2), threshold=0.5, n_bootstrap=0)
    assert none_called["ppv"]["value"] is None and "called positive" in none_called["ppv"]["reason"]


@pytest.mark.filterwarnings("ignore::mednn.evaluation.metrics.UndefinedMetricWarning")
def test_one_class_multiclass_file_counts_the_classes_it_called():
    task = Task("multiclass", ("a", "b", "c"))
    y = np.zeros(30, dtype=int)
    prob = np.tile([0.5, 0.3, 0.2], (30, 1))
    prob[::3] = [0.2, 0.6, 0.2]  # a third called 'b': its PPV is 0; no macro average of one class
    out = evaluate(task, y, prob, n_bootstrap=0)
    assert out["per_class"]["b"]["ppv"]["value"] == 0.0 and out["ppv"]["value"] is None
    assert "only class 'a'" in out["ppv"]["reason"]
    assert out["per_class"]["c"]["ppv"]["value"] is None  # never called 'c'
    assert "called positive" in out["per_class"]["c"]["ppv"]["reason"]
    assert out["per_class"]["b"]["sensitivity"]["value"] is None
    assert "no sample of class 'b'" in out["per_class"]["b"]["sensitivity"]["reason"]
    assert out["accuracy"]["value"] == pytest.approx(20 / 30)


def test_pure_functions_agree_with_evaluate_on_undefined():
    with pytest.warns(M.UndefinedMetricWarning):
        assert np.isnan(M.auprc([1, 1, 1], [0.2, 0.5, 0.9]))
    with pytest.warns(M.UndefinedMetricWarning):
        assert np.isnan(M.npv([1, 1, 1], [1, 1, 1]))  # nothing called negative
    with pytest.warns(M.UndefinedMetricWarning):
        assert np.isnan(M.ppv([0, 0, 0], [0, 0, 0]))  # nothing called positive
    assert M.npv([1, 1, 1], [1, 0, 1]) == 0.0 and M.ppv([0, 0, 0], [1, 0, 1]) == 0.0


def _skewed_calibration(n=150, seed=7):
    """Well-calibrated probabilities: ECE on the data is small, and every resample adds noise
    to a sum of absolute values, so the resamples lie above it."""
    rng = np.random.default_rng(seed)
    prob = rng.uniform(0.05, 0.95, n)
    y = (rng.random(n) < prob).astype(int)
    return y, prob


def test_old_percentile_interval_excluded_the_ece_point_and_the_new_one_contains_it():
    y, prob = _skewed_calibration()
    point = M.ece(y, prob)
    from mednn.evaluation.bootstrap import bootstrap_indices

    values = np.array([M.ece(y[i], prob[i]) for block in bootstrap_indices(len(y), 400, 0) for i in block])
    old_low, _ = percentile_interval(values)
    assert old_low > point  # the case of the issue: ECE 0.103 with CI 0.111-0.226
    low, high = bootstrap_ci(M.ece, y, prob, n_resamples=400, seed=0)
    assert low <= point <= high and low == pytest.approx(point)
    out = evaluate(BINARY, y, prob, n_bootstrap=400, seed=0)
    for path, entry in metric_entries(out):
        if entry["ci95"] is not None:
            assert entry["ci95"][0] <= entry["value"] <= entry["ci95"][1], path


def test_contain_point_only_widens():
    bounds = np.array([[0.2, 0.5, np.nan], [0.4, 0.7, np.nan]])
    out = contain_point(bounds, np.array([0.3, 0.8, 0.1]))
    assert out.tolist()[0][:2] == [0.2, 0.5] and out.tolist()[1][:2] == [0.4, 0.8]
    assert np.isnan(out[:, 2]).all()


def _repeated_patients(n_patients=30, per_patient=8, seed=0):
    """Rows of one patient share their label and most of their score: 8 rows are not 8
    independent observations."""
    rng = np.random.default_rng(seed)
    patient_y = rng.integers(0, 2, n_patients)
    patient_y[:2] = [0, 1]
    patient_score = rng.normal(0, 1, n_patients) + 0.8 * patient_y
    groups = np.repeat(np.arange(n_patients), per_patient)
    y = patient_y[groups]
    score = 1 / (1 + np.exp(-(patient_score[groups] + rng.normal(0, 0.1, len(groups)))))
    return y, score, np.array([f"P{g:03d}" for g in groups])


def test_patient_bootstrap_resamples_patients_and_is_wider():
    y, score, groups = _repeated_patients()
    rows = evaluate(BINARY, y, score, n_bootstrap=300, seed=1)
    patients = evaluate(BINARY, y, score, n_bootstrap=300, seed=1, groups=groups)
    assert rows["bootstrap"]["unit"] == "row" and rows["bootstrap"]["n_units"] == len(y)
    assert patients["bootstrap"]["unit"] == "patient" and patients["bootstrap"]["n_units"] == 30
    assert patients["auroc"]["value"] == rows["auroc"]["value"]  # same point estimate
    width = {name: out["auroc"]["ci95"][1] - out["auroc"]["ci95"][0] for name, out in
             (("rows", rows), ("patients", patients))}
    assert width["patients"] > 1.8 * width["rows"]


def test_patient_bootstrap_equals_the_per_resample_loop():
    y, score, groups = _repeated_patients(n_patients=12, per_patient=5, seed=2)
    out = evaluate(BINARY, y, score, n_bootstrap=120, seed=4, groups=groups)
    expected = bootstrap_ci(M.auroc, y, score, n_resamples=120, seed=4, groups=groups)
    assert out["auroc"]["ci95"] == pytest.approx(expected, rel=1e-9)


def test_one_patient_per_row_gives_the_row_bootstrap():
    y, score, _ = _repeated_patients(n_patients=40, per_patient=1, seed=5)
    rows = evaluate(BINARY, y, score, n_bootstrap=100, seed=2)
    same = evaluate(BINARY, y, score, n_bootstrap=100, seed=2, groups=np.array([f"P{i:03d}" for i in range(len(y))]))
    assert same["auroc"] == rows["auroc"] and same["bootstrap"]["unit"] == "patient"


def _resample_macro(y, pred, classes, index, metric):
    """The oracle: a macro average over the fixed ``classes`` on one resample (scikit-learn's
    per-class F1 / recall), None where a class of the set is not drawn."""
    from sklearn.metrics import f1_score, recall_score

    yy, pp = y[index], pred[index]
    if not set(classes) <= set(yy.tolist()):
        return None
    score = f1_score if metric == "f1_macro" else recall_score
    return float(np.mean(score(yy, pp, labels=classes, average=None, zero_division=0)))


@pytest.mark.filterwarnings("ignore::mednn.evaluation.metrics.UndefinedMetricWarning")
@pytest.mark.parametrize("metric", ["f1_macro", "balanced_accuracy"])
def test_macro_interval_and_point_average_over_one_fixed_class_set(metric):
    # trial4 a: a resample that missed a class averaged over the others (macro F1 0.481, CI 0.459
    # to 1.000); now every resample averages over the classes present in the data, or is dropped
    from mednn.evaluation.bootstrap import bootstrap_indices

    task = Task("multiclass", ("a", "b", "c"))
    rng = np.random.default_rng(3)
    y = np.r_[np.zeros(30, int), np.ones(25, int), np.full(2, 2)]  # 'c': 2 samples, undrawn in ~13%
    prob = rng.dirichlet([1, 1, 1], len(y))
    prob[np.arange(len(y)), y] += rng.uniform(0, 1.2, len(y))
    prob /= prob.sum(axis=1, keepdims=True)
    pred = prob.argmax(axis=1)
    out = evaluate(task, y, prob, n_bootstrap=300, seed=5)
    values = [_resample_macro(y, pred, [0, 1, 2], i, metric) for block in bootstrap_indices(len(y), 300, 5)
              for i in block]
    kept = np.array([v for v in values if v is not None])
    assert 0.7 * 300 < len(kept) < 300  # some resamples lack 'c' and are dropped, not averaged over a, b
    point = _resample_macro(y, pred, [0, 1, 2], np.arange(len(y)), metric)
    assert out[metric]["value"] == pytest.approx(point)
    want = contain_point(percentile_interval(kept), point)
    assert out[metric]["ci95"] == pytest.approx(list(want), abs=1e-6)


@pytest.mark.filterwarnings("ignore::mednn.evaluation.metrics.UndefinedMetricWarning")
def test_a_macro_average_over_a_class_drawn_in_few_resamples_has_no_interval():
    def run(n_singletons):
        names = ("a", "b") + tuple(f"rare{k}" for k in range(n_singletons))
        y = np.r_[np.zeros(40, int), np.ones(40, int), np.arange(2, 2 + n_singletons)]
        prob = np.full((len(y), len(names)), 0.1 / max(n_singletons, 1))
        prob[:, :2] = [0.6, 0.3]
        prob[40:80, :2] = [0.3, 0.6]
        prob /= prob.sum(axis=1, keepdims=True)
        return evaluate(Task("multiclass", names), y, prob, n_bootstrap=200, seed=0)["f1_macro"]

    assert run(1)["ci95"] is not None  # one class of 1 sample: drawn in ~63% of the resamples
    two = run(2)  # two such classes: both drawn in ~40% only
    assert two["value"] is not None and two["ci95"] is None
    assert "bootstrap resamples" in two["ci_reason"]
