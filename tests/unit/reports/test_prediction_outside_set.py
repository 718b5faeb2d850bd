"""Trial 5: on ILPD 33 of 117 test records were predicted '2' while their 90% conformal set was
{'1'}, and the report called single-class sets "a confident answer" without a word on it. The
run now counts such records and the report explains the disagreement."""

from types import SimpleNamespace

import numpy as np

from mednn.evaluation.conformal import ConformalPredictor
from mednn.pipeline.finishing import _outside_set
from mednn.reports.sections.uncertainty import section


def test_records_whose_prediction_is_not_in_their_set_are_counted():
    rng = np.random.default_rng(0)
    p1 = rng.uniform(size=200)
    y = (rng.uniform(size=200) < p1).astype(int)
    cp = ConformalPredictor(coverage=0.9, method="lac", task_kind="binary").fit(p1[:100], y[:100])
    prob = p1[100:]
    # a threshold far from 0.5: records between 0.5 and 0.8 get class 0 from the threshold
    predictor = SimpleNamespace(decide=lambda p: (np.asarray(p) >= 0.8).astype(int), conformal=cp)
    out = _outside_set(predictor, prob)
    sets = cp.predict_sets(prob)
    decided = (prob >= 0.8).astype(int)
    expected = int((~sets[np.arange(len(prob)), decided]).sum())
    assert out["n"] == expected and expected > 0
    assert out["fraction"] == expected / len(prob)


def test_the_report_explains_the_disagreement():
    conformal = {"target_coverage": 0.9, "coverage": {"value": 0.91, "ci95": [0.85, 0.95]}, "n_calibration": 100,
                 "set_size": {"distribution": {"1": 80, "2": 20}}, "singleton_fraction": 0.8,
                 "prediction_outside_set": {"n": 33, "fraction": 0.282}}
    metrics = SimpleNamespace(conformal=conformal, referral=None, uncertainty_note=None, ood=None)
    run = SimpleNamespace(record=SimpleNamespace(metrics=metrics), kind="binary", subject="patient",
                          split_samples=lambda *a: "100 validation patients", split_n=lambda s: 100)
    text = " ".join(section(run)["lines"])
    assert "For 33 test patients (28.2%) the predicted class is not in the set" in text
    conformal["prediction_outside_set"] = {"n": 0, "fraction": 0.0}
    assert "not in the set" not in " ".join(section(run)["lines"])
