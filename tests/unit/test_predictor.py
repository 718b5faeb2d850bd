"""The Predictor: one home of probabilities -> decision, saved and reloaded without drift."""

import csv

import numpy as np
import pytest

from mednn.config import EvaluateConfig, load_config
from mednn.data.base import Task
from mednn.predictor import Predictor, _fit_temperature

FAST = ["train.epochs=5", "train.progress=false", "explain.enabled=false", "report.enabled=false",
        "evaluate.bootstrap=0", "train.threads=1"]


def _logits(scale, n=4000, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    calibrated = 2.0 * y - 1.0 + rng.normal(size=n)  # the true log-odds are 2 * this
    return scale * calibrated, y


def test_overconfident_logits_are_tempered_and_the_evidence_is_recorded():
    z, y = _logits(6.0)  # 3x over-confident
    t, info = _fit_temperature(z, y, "binary")
    assert 2.5 < t < 3.5 and info["method"] == "temperature"
    held = info["val_nll_held_out"]
    assert held["temperature"] < held["none"]


@pytest.mark.parametrize("seed", range(6))
def test_a_temperature_is_kept_exactly_when_it_helps_held_out_patients(seed):
    # already calibrated logits on 60 patients: a fitted T is often an accident of the sample
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, 60)
    z = 2 * (2.0 * y - 1 + rng.normal(size=60))
    t, info = _fit_temperature(z, y, "binary")
    held = info["val_nll_held_out"]
    assert (t == 1.0) == (held["temperature"] >= held["none"])
    if seed == 0:  # one sample where the fitted T (about 1.3) would not have helped
        assert t == 1.0 and info["method"] == "none" and "did not lower" in info["note"]


def test_separating_validation_predictions_keep_t_one():
    y = np.array([0] * 20 + [1] * 20)
    z = np.where(y == 1, 30.0, -30.0)
    t, info = _fit_temperature(z, y, "binary")
    assert t == 1.0 and "separate the classes" in info["note"]


def test_decide_is_the_threshold_for_every_caller():
    p = Predictor(task=Task("binary", ("healthy", "disease")), featurizer=None, model=None, modality="tabular")
    p.fit_posthoc(np.array([-2.0, -1.0, 1.0, 2.0] * 10), np.array([0, 0, 1, 1] * 10),
                  EvaluateConfig(calibrate="none", threshold="fixed", fixed_threshold=0.7))
    assert p.threshold == 0.7
    prob = np.array([0.69, 0.7, 0.95])
    assert p.decide(prob).tolist() == [0, 1, 1]
    frame = p.prediction_frame(["a", "b", "c"], prob)
    assert list(frame.columns) == ["id", "predicted", "p:healthy", "p:disease"]
    assert list(frame["predicted"]) == ["healthy", "disease", "disease"]
    assert [r["predicted"] for r in p.records([0, 1, 2], prob)] == ["healthy", "disease", "disease"]


def test_saved_and_reloaded_predictor_reproduces_the_runs_predictions(tmp_path):
    from mednn.pipeline import read_and_split, train

    run = train(load_config(None, ["data.path=breast-cancer", *FAST]), tmp_path / "run")
    predictor = Predictor.load(run)
    assert predictor.task.positive_class == "malignant" and predictor.threshold is not None
    _, splits, _ = read_and_split(predictor.config)
    prob = predictor.predict_proba(splits.test)
    recorded = [r for r in csv.DictReader(open(run / "predictions.csv")) if r["split"] == "test"]
    np.testing.assert_allclose(prob, [float(r["p:malignant"]) for r in recorded], atol=2e-6)
    assert [r["predicted"] for r in recorded] == [predictor.task.class_names[i] for i in predictor.decide(prob)]


def test_an_edited_predictor_file_is_refused(tmp_path):
    import json

    from mednn.errors import MednnError
    from mednn.pipeline import train

    run = train(load_config(None, ["data.path=breast-cancer", *FAST]), tmp_path / "run")
    state = json.loads((run / "predictor.json").read_text())
    state["task"]["class_names"] = state["task"]["class_names"][::-1]  # would flip every diagnosis
    (run / "predictor.json").write_text(json.dumps(state))
    with pytest.raises(MednnError, match="predictor.json"):
        Predictor.load(run)


def test_runs_report_conformal_coverage_and_predictions_carry_sets_and_uncertainty(tmp_path):
    import json

    from mednn.pipeline import train
    from mednn.scoring import predict_file

    # the seed's network (model: auto's recipe is confident enough that LAC may give an empty set)
    run = train(load_config(None, ["data.path=breast-cancer", "model.name=mlp", *FAST,
                                   "evaluate.conformal.coverage=0.9"]),
                tmp_path / "run")
    metrics = json.loads((run / "metrics.json").read_text())
    splits = json.loads((run / "data.json").read_text())["splits"]  # split sizes live in data.json
    conformal = metrics["conformal"]
    assert conformal["target_coverage"] == 0.9 and conformal["n_calibration"] == splits["val"]["n"]
    assert 0.75 <= conformal["coverage"]["value"] <= 1.0
    assert metrics["referral"]["uncertainty"] == "1 - top probability"
    assert metrics["referral"]["curve"][0]["n_kept"] == splits["test"]["n"]
    rows = list(csv.DictReader(open(run / "predictions.csv")))
    assert {"set:90%", "uncertainty"} <= set(rows[0])
    for r in rows:
        members = r["set:90%"].split(" | ")
        assert set(members) <= {"benign", "malignant"} and members != [""]
    # mednn predict writes the same columns for new patients
    from sklearn.datasets import load_breast_cancer

    new = tmp_path / "new.csv"
    load_breast_cancer(as_frame=True).frame.drop(columns=["target"]).head(5).to_csv(new, index=False)
    predicted = list(csv.DictReader(open(predict_file(run, new, tmp_path / "p.csv"))))
    assert len(predicted) == 5 and "set:90%" in predicted[0] and "uncertainty" in predicted[0]
    # the report says it in words, with the referral curve
    from mednn.reports.html import build_report
    from mednn.runs import load_run

    page = build_report(load_run(run, model=False))
    assert 'id="uncertainty"' in page and "split conformal prediction" in page
    assert "Referral curve" in page and "0 classes" not in page


@pytest.mark.parametrize("layout", ["header-less", "tab-separated"])
def test_records_reach_a_run_trained_on_a_headerless_or_tab_separated_table(tmp_path, layout):
    """`mednn serve` hands records to the Predictor as a CSV it writes (header row, commas);
    a run trained on a header-less or TSV file must read them by column name, silently."""
    import warnings

    from mednn.pipeline import train

    rng = np.random.default_rng(0)
    rows = [(round(float(a), 3), round(float(b), 3), int(a + b > 0)) for a, b in rng.normal(size=(80, 2))]
    if layout == "header-less":
        path = tmp_path / "t.csv"
        path.write_text("".join(f"{a},{b},{y}\n" for a, b, y in rows))
        keys = ["data.header=false", "data.column_names=[age, dose, outcome]"]
    else:
        path = tmp_path / "t.tsv"
        path.write_text("age\tdose\toutcome\n" + "".join(f"{a}\t{b}\t{y}\n" for a, b, y in rows))
        keys = []
    run = train(load_config(None, [f"data.path={path}", "data.label=outcome", *keys, *FAST]), tmp_path / "run")
    predictor = Predictor.load(run)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no delimiter or header warning per request
        dataset = predictor.read_records([{"age": 1.5, "dose": 0.5}, {"age": -2.0, "dose": -1.0}])
    prob = predictor.predict_proba(dataset)
    assert prob.shape == (2,) and prob[0] > prob[1]


def test_a_labelled_file_of_an_image_run_is_read_by_the_image_reader_that_claims_it(tmp_path):
    """predictor._format_of asks the image readers' own sniff (it dispatched by hand beside
    them): class folders, an IDX folder, a manifest (a .csv.gz one too) and, for anything no image
    reader claims, the run's own format."""
    from mednn.data.readers import READERS, _load_builtin_readers
    from mednn.predictor import _format_of

    _load_builtin_readers()
    run = READERS.get("medmnist")
    classes = tmp_path / "folders"
    (classes / "benign").mkdir(parents=True)
    assert _format_of(run, classes) == "image_folder"
    manifest = tmp_path / "images.csv.gz"
    manifest.write_bytes(b"")
    assert _format_of(run, manifest) == "image_csv"
    other = tmp_path / "scan.xyz"
    other.write_bytes(b"\0")
    assert _format_of(READERS.get("image_folder"), other) == "image_folder"
