"""Multilabel notes through the CLI, as a user walks them: train (``model: auto``) on 0/1 label
columns or on one delimited column, predict unlabelled notes, evaluate labelled ones, rebuild
the report. The metrics are checked against scikit-learn on the very probabilities and calls
the run wrote, so a wrong average fails here."""

import json

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import f1_score, roc_auc_score

LABELS = ["fever", "cough", "rash"]
FAST = ["--set", "train.epochs=15", "--set", "train.lr=0.02", "--set", "evaluate.bootstrap=30",
        "--set", "train.progress=false", "--set", "explain.enabled=false", "--set", "report.enabled=false",
        "--set", "train.threads=1", "--set", "model.name=auto", "--set", "evaluate.baselines=none",
        "--set", "featurize.char_ngrams=null"]
WORDS = {"fever": ["febrile", "pyrexia", "temperature"], "cough": ["cough", "sputum", "wheeze"],
         "rash": ["rash", "erythema", "pruritus"]}
FILLER = ["patient", "seen", "today", "reports", "history", "ward", "plan", "review", "stable", "noted"]


def _notes(n, seed, all_negative=None):
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        has = {name: int(rng.random() < p) for name, p in zip(LABELS, (0.45, 0.35, 0.25))}
        if all_negative:
            has[all_negative] = 0
        words = list(rng.choice(FILLER, 8))
        for name, on in has.items():
            if on:
                words += list(rng.choice(WORDS[name], 2))
        rng.shuffle(words)
        rows.append({"note_id": f"n{seed}-{i:03d}", "note": " ".join(words) + f" visit {i}", **has})
    frame = pd.DataFrame(rows)
    frame["codes"] = [";".join(c for c in LABELS if r[c]) or "none" for _, r in frame.iterrows()]
    return frame


def _config(tmp_path, frame, delimited):
    frame.to_csv(tmp_path / "notes.csv", index=False)
    text = (f"name: notes\ndata: {{format: text, path: {tmp_path / 'notes.csv'}, text_columns: note, "
            "id_column: note_id, task: multilabel, ")
    text += ("label: codes, label_delimiter: ';'}\n" if delimited else f"label: [{', '.join(LABELS)}]}}\n")
    (tmp_path / "notes.yaml").write_text(text + "model: {name: auto}\n")
    return tmp_path / "notes.yaml"


def _read_predictions(path):
    return pd.read_csv(path, keep_default_na=False, dtype=str)


def _check_against_sklearn(block, names, y, prob, thresholds):
    pred = (prob >= np.asarray(thresholds)).astype(int)
    assert block["f1_micro"]["value"] == pytest.approx(f1_score(y, pred, average="micro"), abs=1e-9)
    assert block["f1_macro"]["value"] == pytest.approx(
        f1_score(y, pred, average="macro", zero_division=np.nan), abs=1e-9)
    assert block["f1_samples"]["value"] == pytest.approx(
        f1_score(y, pred, average="samples", zero_division=1.0), abs=1e-9)
    for metric in ("f1_micro", "f1_macro", "auroc"):
        low, high = block[metric]["ci95"]
        assert low <= block[metric]["value"] <= high
    for j, name in enumerate(names):
        entry = block["per_label"][name]
        assert entry["support"] == int(y[:, j].sum()) and entry["n"] == len(y)
        assert entry["f1"]["value"] == pytest.approx(f1_score(y[:, j], pred[:, j], zero_division=np.nan), abs=1e-9)
        assert entry["auroc"]["value"] == pytest.approx(roc_auc_score(y[:, j], prob[:, j]), abs=1e-9)
        assert entry["auroc"]["ci95"] is not None


@pytest.mark.parametrize("delimited", [False, True], ids=["0/1 columns", "delimited column"])
def test_multilabel_notes_train_predict_evaluate_report(cli, tmp_path, delimited):
    frame = _notes(240, seed=0)
    code, _, err = cli("train", _config(tmp_path, frame, delimited), "--out", tmp_path / "run", *FAST)
    assert code == 0, err
    run = tmp_path / "run"
    metrics = json.loads((run / "metrics.json").read_text())
    predictor = json.loads((run / "predictor.json").read_text())  # the one copy of task and threshold
    names = predictor["task"]["class_names"]
    assert set(LABELS) <= set(names) and predictor["task"]["kind"] == "multilabel"
    assert ("none" in names) == delimited  # the delimited file's own "none" is a label like any other
    rule = predictor["threshold"]
    assert rule["chosen_on"] == "val" and len(rule["value"]) == len(names)
    assert "uncertainty_note" in metrics and "conformal" not in metrics

    # metrics.json's test block against scikit-learn on predictions.csv's own probabilities and calls
    pred_csv = _read_predictions(run / "predictions.csv")
    test = pred_csv[pred_csv["split"] == "test"]
    y = test[[f"target:{c}" for c in names]].astype(int).to_numpy()
    prob = test[[f"p:{c}" for c in names]].astype(float).to_numpy()
    calls = test[[f"predicted:{c}" for c in names]].astype(int).to_numpy()
    assert np.array_equal(calls, (prob >= np.asarray(rule["value"])).astype(int))
    block = metrics["test"]
    # the CSV keeps 6 significant digits (ties can move an AUROC a little); the calls are exact
    assert block["f1_micro"]["value"] == pytest.approx(f1_score(y, calls, average="micro"), abs=1e-9)
    assert block["f1_macro"]["value"] == pytest.approx(f1_score(y, calls, average="macro", zero_division=np.nan),
                                                       abs=1e-9)
    for j, name in enumerate(names):
        assert block["per_label"][name]["support"] == int(y[:, j].sum())
        assert block["per_label"][name]["auroc"]["value"] == pytest.approx(roc_auc_score(y[:, j], prob[:, j]),
                                                                           abs=1e-3)

    # unlabelled notes: one probability and one call per label, named by the label
    new = _notes(12, seed=1).drop(columns=[*LABELS, "codes"])
    new.to_csv(tmp_path / "new.csv", index=False)
    code, _, err = cli("predict", run, tmp_path / "new.csv", "--out", tmp_path / "new.predictions.csv")
    assert code == 0, err
    out = _read_predictions(tmp_path / "new.predictions.csv")
    assert list(out.columns) == ["id", *[f"p:{c}" for c in names], *[f"predicted:{c}" for c in names],
                                 "ood_score", "out_of_distribution"]  # mednn.ood (issue 19)
    assert list(out["id"]) == list(new["note_id"])
    p_new = out[[f"p:{c}" for c in names]].astype(float).to_numpy()
    assert ((p_new >= 0) & (p_new <= 1)).all()
    assert np.array_equal(out[[f"predicted:{c}" for c in names]].astype(int).to_numpy(),
                          (p_new >= np.asarray(rule["value"])).astype(int))

    # labelled notes from elsewhere: `mednn evaluate` against scikit-learn on the same outputs
    other = _notes(90, seed=2)
    other.to_csv(tmp_path / "other.csv", index=False)
    code, stdout, err = cli("evaluate", run, "--data", tmp_path / "other.csv", "--out", tmp_path / "eval.json")
    assert code == 0, err
    result = json.loads((tmp_path / "eval.json").read_text())
    other.drop(columns=[*LABELS, "codes"]).to_csv(tmp_path / "other_text.csv", index=False)
    code, _, err = cli("predict", run, tmp_path / "other_text.csv", "--out", tmp_path / "other.p.csv")
    assert code == 0, err
    scored = _read_predictions(tmp_path / "other.p.csv")
    y_other = np.column_stack([[int(c in s.split(";")) for s in other["codes"]] for c in names])
    from mednn.predictor import Predictor

    predictor = Predictor.load(run)
    prob_other = predictor.predict_proba(predictor.read(tmp_path / "other_text.csv"))  # the same outputs, unrounded
    assert np.allclose(prob_other, scored[[f"p:{c}" for c in names]].astype(float).to_numpy(), atol=1e-5)
    assert result["threshold"] == rule["value"]
    _check_against_sklearn(result["metrics"], names, y_other, prob_other, result["threshold"])
    assert "micro" in stdout.lower()

    # the report: a per-label table keyed by label names, with each label's threshold
    code, _, err = cli("report", run)
    assert code == 0, err
    html = (run / "report.html").read_text()
    assert "Per label" in html and "Threshold" in html and "micro average" in html
    for name in names:
        assert f"<td>{name}</td>" in html
    assert "not computed for multilabel" in html

    # one request to the HTTP API: the same probabilities and calls, keyed by label name
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    from mednn.serving import make_app

    client = TestClient(make_app(run))
    body = client.post("/predict", json={"records": [{"note": new["note"][0]}, {"note": new["note"][1]}]})
    assert body.status_code == 200, body.text
    served = body.json()["predictions"]
    assert np.allclose([[p[f"p:{c}"] for c in names] for p in served], p_new[:2], atol=1e-5)
    assert all(p[f"predicted:{c}"] == int(p[f"p:{c}"] >= t) for p in served for c, t in zip(names, rule["value"]))


def test_a_label_never_positive_in_training_is_kept_and_named_not_fatal(cli, tmp_path):
    frame = _notes(160, seed=3, all_negative="rash")
    code, _, err = cli("train", _config(tmp_path, frame, delimited=False), "--out", tmp_path / "run", *FAST)
    assert code == 0, err
    metrics = json.loads((tmp_path / "run" / "metrics.json").read_text())
    data = json.loads((tmp_path / "run" / "data.json").read_text())
    assert data["notes"]["labels_one_class_in_train"] == ["rash"]
    threshold = json.loads((tmp_path / "run" / "predictor.json").read_text())["threshold"]
    assert threshold["fixed_labels"] == ["rash"] and threshold["value"][2] == 0.5
    rash = metrics["test"]["per_label"]["rash"]
    assert rash["support"] == 0 and rash["auroc"]["value"] is None and rash["f1"]["value"] is None
    # the averages run over the labels where they are defined, as scikit-learn's zero_division=nan
    f1s = [metrics["test"]["per_label"][c]["f1"]["value"] for c in ("fever", "cough")]
    assert metrics["test"]["f1_macro"]["value"] == pytest.approx(np.mean(f1s))
    code, _, err = cli("report", tmp_path / "run")
    assert code == 0, err
    assert "keep a fixed threshold: rash (0.5" in (tmp_path / "run" / "report.html").read_text()


def test_every_label_one_class_in_training_is_refused_by_name(cli, tmp_path):
    frame = _notes(60, seed=4)
    for c in LABELS:
        frame[c] = 0
    code, _, err = cli("train", _config(tmp_path, frame, delimited=False), "--out", tmp_path / "run", *FAST)
    assert code == 2 and "Every label has a single class" in err and "Traceback" not in err
