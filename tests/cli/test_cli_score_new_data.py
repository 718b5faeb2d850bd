"""Every path a user walks, both ways through the CLI: train on a format, then predict /
evaluate new data of that format without labels, with one class, with extra or missing columns."""

import csv
import json

import numpy as np
import pandas as pd
import pytest

FAST = ["--set", "train.epochs=30", "--set", "train.lr=0.02", "--set", "evaluate.bootstrap=20",
        "--set", "train.progress=false", "--set", "explain.enabled=false", "--set", "report.enabled=false",
        "--set", "train.threads=1"]
COLUMNS = ["pregnancies", "glucose", "bmi", "age", "outcome"]


def _pima_like(n=200, seed=0):
    rng = np.random.default_rng(seed)
    glucose = rng.normal(120, 30, n).round()
    bmi = rng.normal(32, 6, n).round(1)
    age = rng.integers(21, 80, n)
    risk = 0.04 * (glucose - 120) + 0.1 * (bmi - 32) + rng.normal(0, 1, n)
    return pd.DataFrame({"pregnancies": rng.integers(0, 10, n), "glucose": glucose, "bmi": bmi, "age": age,
                         "outcome": (risk > 0.3).astype(int)})


@pytest.fixture
def headerless_run(cli, tmp_path):
    frame = _pima_like()
    frame.to_csv(tmp_path / "pima.csv", header=False, index=False)
    config = tmp_path / "pima.yaml"
    config.write_text(
        "name: pima\n"
        f"data: {{format: csv, path: {tmp_path / 'pima.csv'}, header: false, column_names: {COLUMNS}, "
        "label: outcome, task: binary, positive_class: 1}\n"
        "model: {name: mlp, hidden_sizes: [8]}\n")
    code, out, err = cli("train", config, "--out", tmp_path / "run", *FAST)
    assert code == 0, err
    return tmp_path / "run"


def test_headerless_table_predicts_new_patients_without_the_label_column(cli, headerless_run, tmp_path):
    new = _pima_like(7, seed=1).drop(columns=["outcome"])
    new.to_csv(tmp_path / "new.csv", header=False, index=False)
    code, out, err = cli("predict", headerless_run, tmp_path / "new.csv", "--out", tmp_path / "p.csv")
    assert code == 0, err
    rows = list(csv.DictReader(open(tmp_path / "p.csv")))
    assert len(rows) == 7 and {r["predicted"] for r in rows} <= {"0", "1"}
    # ids are the file's row numbers when it has no id column (documented)
    assert rows[0]["id"] != rows[1]["id"]


def test_evaluate_on_a_file_of_controls_reports_what_is_defined(cli, headerless_run, tmp_path):
    controls = _pima_like(60, seed=2)
    controls["outcome"] = 0
    controls.to_csv(tmp_path / "controls.csv", header=False, index=False)
    code, out, err = cli("evaluate", headerless_run, "--data", tmp_path / "controls.csv",
                         "--out", tmp_path / "eval.json")
    assert code == 0, err
    result = json.loads((tmp_path / "eval.json").read_text())
    assert result["n"] == 60 and result["class_counts"] == {"0": 60, "1": 0}
    assert result["metrics"]["specificity"]["value"] is not None
    assert "auroc" in result["undefined"]["metrics"]


def test_extra_columns_are_ignored_and_listed_missing_ones_are_named(cli, patients_csv, tmp_path):
    code, _, err = cli("train", "--data", patients_csv, "--set", "data.label=outcome",
                       "--set", "data.id_column=record", "--set", "data.patient_column=patient",
                       "--out", tmp_path / "run", *FAST)
    assert code == 0, err
    new = pd.read_csv(patients_csv).drop(columns=["outcome"]).head(5)
    new["ward"] = "B"
    new.to_csv(tmp_path / "extra.csv", index=False)
    with pytest.warns(UserWarning, match="ward"):
        code, _, err = cli("predict", tmp_path / "run", tmp_path / "extra.csv", "--out", tmp_path / "p.csv")
    assert code == 0, err
    rows = list(csv.DictReader(open(tmp_path / "p.csv")))
    assert [r["id"] for r in rows] == list(new["record"])  # the input's own id column is kept
    new.drop(columns=["marker"]).to_csv(tmp_path / "missing.csv", index=False)
    code, _, err = cli("predict", tmp_path / "run", tmp_path / "missing.csv", "--out", tmp_path / "q.csv")
    assert code == 2 and "marker" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "q.csv").exists()


def _png_folder(root, n_per_class=24, seed=0):
    from PIL import Image

    rng = np.random.default_rng(seed)
    for label in ("normal", "pneumonia"):
        (root / label).mkdir(parents=True)
        for i in range(n_per_class):
            x = rng.integers(0, 60, (20, 20)).astype(np.uint8)
            if label == "pneumonia":
                x[5:15, 5:15] = 220
            Image.fromarray(x).save(root / label / f"{label}_{i:03d}.png")


def test_image_folder_run_scores_a_flat_folder_a_single_file_a_dicom_and_a_manifest(cli, tmp_path):
    from PIL import Image

    _png_folder(tmp_path / "train")
    (tmp_path / "train" / "normal" / "readme.txt").write_text("scanner notes")
    code, _, err = cli("train", "--data", tmp_path / "train", "--set", "data.format=image_folder",
                       "--set", "data.size=16", "--set", "model.name=small_cnn", "--set", "model.channels=[4]",
                       "--out", tmp_path / "run", *FAST[:2], "--set", "train.epochs=4", *FAST[4:])
    assert code == 0, err
    # a file that is no image is not read, and said so: an info finding (count and type, no name)
    data = json.loads((tmp_path / "run" / "data.json").read_text())
    ignored = [f for f in data["findings"] if f["id"] == "files_ignored"]
    assert [(f["severity"], f["count"]) for f in ignored] == [("info", 1)] and "readme" not in ignored[0]["message"]
    code, out, _ = cli("inspect", "--data", tmp_path / "train", "--set", "data.format=image_folder",
                       "--no-label-issues")
    assert code == 0 and "files_ignored" in out and "no problems found" not in out
    flat = tmp_path / "incoming"
    flat.mkdir()
    rng = np.random.default_rng(5)
    for i in range(3):
        x = rng.integers(0, 60, (24, 24)).astype(np.uint8)  # another size: resized as in training
        Image.fromarray(x).save(flat / f"scan_{i}.png")
    (flat / "notes.txt").write_text("not an image")
    with pytest.warns(UserWarning, match=r"1 file\(s\) of .* are not images and were not read \(\.txt\)"):
        code, _, err = cli("predict", tmp_path / "run", flat, "--out", tmp_path / "flat.csv")
    assert code == 0, err
    rows = list(csv.DictReader(open(tmp_path / "flat.csv")))
    assert sorted(r["id"] for r in rows) == ["scan_0.png", "scan_1.png", "scan_2.png"]
    assert {r["predicted"] for r in rows} <= {"normal", "pneumonia"}

    code, _, err = cli("predict", tmp_path / "run", flat / "scan_1.png", "--out", tmp_path / "one.csv")
    assert code == 0, err
    assert len(list(csv.DictReader(open(tmp_path / "one.csv")))) == 1

    pydicom = pytest.importorskip("pydicom")
    dicom = pydicom.data.get_testdata_file("CT_small.dcm")
    code, _, err = cli("predict", tmp_path / "run", dicom, "--out", tmp_path / "dcm.csv")
    assert code == 0, err
    assert len(list(csv.DictReader(open(tmp_path / "dcm.csv")))) == 1

    manifest = tmp_path / "manifest.csv"
    pd.DataFrame({"path": [str(p) for p in sorted(flat.glob("*.png"))]}).to_csv(manifest, index=False)
    code, _, err = cli("predict", tmp_path / "run", manifest, "--out", tmp_path / "manifest_pred.csv")
    assert code == 0, err
    assert len(list(csv.DictReader(open(tmp_path / "manifest_pred.csv")))) == 3


def test_notes_run_predicts_unlabelled_notes_and_evaluates_one_class(cli, tmp_path):
    infection = ["fever and productive cough", "pneumonia with fever", "cough, fever and chills"]
    injury = ["ankle sprain after a fall", "fractured wrist", "wrist fracture from a fall"]
    rows = []
    for i in range(80):
        body = (infection if i % 2 == 0 else injury)[i // 2 % 3]
        rows.append({"id": i, "note": f"Visit {i}: {body}.", "label": "infection" if i % 2 == 0 else "injury"})
    pd.DataFrame(rows).to_csv(tmp_path / "notes.csv", index=False)
    code, _, err = cli("train", "--data", tmp_path / "notes.csv", "--set", "data.format=text",
                       "--set", "data.text_columns=note", "--set", "data.label=label", "--set", "data.id_column=id",
                       "--set", "featurize.name=tfidf", "--set", "model.hidden_sizes=[8]",
                       "--out", tmp_path / "run", *FAST)
    assert code == 0, err
    pd.DataFrame({"note": ["Fever and cough since Monday.", "Fell and sprained an ankle."]}).to_csv(
        tmp_path / "new.csv", index=False)
    code, _, err = cli("predict", tmp_path / "run", tmp_path / "new.csv", "--out", tmp_path / "p.csv")
    assert code == 0, err
    assert len(list(csv.DictReader(open(tmp_path / "p.csv")))) == 2
    pd.DataFrame([r for r in rows if r["label"] == "injury"][:10]).to_csv(tmp_path / "injuries.csv", index=False)
    code, _, err = cli("evaluate", tmp_path / "run", "--data", tmp_path / "injuries.csv",
                       "--out", tmp_path / "e.json")
    assert code == 0, err
    assert json.loads((tmp_path / "e.json").read_text())["n"] == 10


def test_the_same_pixels_as_png_and_as_8bit_dicom_get_the_same_predictions(cli, tmp_path):
    from PIL import Image

    from dicom_files import write_dicom

    _png_folder(tmp_path / "train", n_per_class=12)
    code, _, err = cli("train", "--data", tmp_path / "train", "--set", "data.format=image_folder",
                       "--set", "data.size=16", "--set", "model.name=small_cnn", "--set", "model.channels=[4]",
                       "--out", tmp_path / "run", *FAST[:2], "--set", "train.epochs=3", *FAST[4:])
    assert code == 0, err
    rng = np.random.default_rng(9)
    for i in range(4):
        x = rng.integers(0, 60, (20, 20)).astype(np.uint8)  # no window tags, far from the 0-255 range
        if i % 2:
            x[5:15, 5:15] = 200
        Image.fromarray(x).save((tmp_path / "png").mkdir(exist_ok=True) or tmp_path / "png" / f"img{i}.png")
        uid = f"1.2.826.0.1.3680043.2.1125.{i + 7}"  # one study per image: four samples, not a series
        write_dicom(tmp_path / "dcm" / f"img{i}.dcm", x, study=uid, series=uid + ".1", instance=uid + ".1.1")
    results = {}
    for kind in ("png", "dcm"):
        code, _, err = cli("predict", tmp_path / "run", tmp_path / kind, "--out", tmp_path / f"{kind}.csv")
        assert code == 0, err
        rows = pd.read_csv(tmp_path / f"{kind}.csv")
        if kind == "dcm":  # DICOM files are named by keyed pseudonyms of their paths, as in a run
            from mednn.data.dicom_privacy import image_id, image_ids_keyed
            from mednn.runs import load_run

            assert all(i.startswith("dicom-") for i in rows["id"])
            with image_ids_keyed(load_run(tmp_path / "run").image_id_key()):  # the run's key names them
                rows["id"] = rows["id"].map({image_id(f"img{i}.dcm", "dicom"): f"img{i}.dcm" for i in range(4)})
        rows["id"] = rows["id"].str.replace(r"\.(png|dcm)$", "", regex=True)
        results[kind] = rows.sort_values("id").reset_index(drop=True)
    columns = [c for c in results["png"].columns if c.startswith("p:") or c in ("predicted", "ood_score", "out_of_distribution")]
    assert columns and any(c.startswith("p:") for c in columns)
    pd.testing.assert_frame_equal(results["png"][["id", *columns]], results["dcm"][["id", *columns]])
