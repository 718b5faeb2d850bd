"""Defects a new user's trial (trial 6) found in `predict` / `evaluate` / the report, each walked
through the CLI: DICOM ids, console lines for out-of-distribution records."""

import csv
import json
import warnings

import numpy as np
import pandas as pd
import pytest

FAST = ["--set", "train.epochs=3", "--set", "train.lr=0.02", "--set", "evaluate.bootstrap=20",
        "--set", "train.progress=false", "--set", "explain.enabled=false", "--set", "report.enabled=false",
        "--set", "train.threads=1"]


def test_predict_names_dicom_files_by_the_runs_pseudonyms_never_their_paths(cli, tmp_path):
    pytest.importorskip("pydicom")
    from dicom_files import write_dicom

    rng = np.random.default_rng(0)
    k = 0
    for label in ("benign", "malignant"):
        for i in range(10):
            x = rng.integers(0, 60, (20, 20)).astype(np.uint8)
            if label == "malignant":
                x[5:15, 5:15] = 200
            uid = f"1.2.826.0.1.3680043.2.1125.{k + 7}"
            k += 1
            # exports are often filed under the patient's name
            write_dicom(tmp_path / "scans" / label / f"Quigley_Marguerite_MRN{k:04d}.dcm", x, study=uid,
                        series=uid + ".1", instance=uid + ".1.1")
    code, _, err = cli("train", "--data", tmp_path / "scans", "--set", "data.format=image_folder",
                       "--set", "data.size=16", "--set", "model.name=small_cnn", "--set", "model.channels=[4]",
                       "--out", tmp_path / "run", *FAST)
    assert code == 0, err
    run_ids = set(pd.read_csv(tmp_path / "run" / "predictions.csv")["id"])
    assert run_ids and all(i.startswith("dicom-") for i in run_ids)
    code, _, err = cli("predict", tmp_path / "run", tmp_path / "scans", "--out", tmp_path / "p.csv")
    assert code == 0, err
    text = (tmp_path / "p.csv").read_text()
    assert "Quigley" not in text and "MRN" not in text
    ids = [r["id"] for r in csv.DictReader(open(tmp_path / "p.csv"))]
    assert len(ids) == 20 and run_ids <= set(ids)  # the same image has the same id in the run and here


@pytest.fixture
def table_run(cli, patients_csv, tmp_path):
    code, _, err = cli("train", "--data", patients_csv, "--set", "data.label=outcome", "--set", "data.id_column=record",
                       "--set", "data.patient_column=patient", "--set", "model.hidden_sizes=[8]",
                       "--out", tmp_path / "run", *FAST)
    assert code == 0, err
    return tmp_path / "run"


def _one_impossible_record(patients_csv, path, **values):
    frame = pd.read_csv(patients_csv).head(1).assign(record="new1", **values)
    frame.to_csv(path, index=False)
    return path


def _cli_lines(cli, *args):
    """Exit code, stderr and the warning lines a CLI call shows (in-process, pytest records them)."""
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        code, _, err = cli(*args)
    return code, err, [str(w.message) for w in shown]


def test_predict_one_impossible_record_is_named_on_the_console_without_its_value(cli, table_run, patients_csv,
                                                                                tmp_path):
    new = _one_impossible_record(patients_csv, tmp_path / "one.csv", age=-4000.0)
    code, err, shown = _cli_lines(cli, "predict", table_run, new, "--out", tmp_path / "p.csv")
    assert code == 0, err
    lines = [line for line in shown if "[extreme_values]" in line]
    assert len(lines) == 1, shown  # one line: the count, the record, the column, never the value
    # the record as every finding names it (mednn.findings.row_references): its position, never the
    # file's own id (an id column may hold record numbers)
    assert "record #1 (in reading order" in lines[0] and "new1" not in lines[0]
    assert "1 of 1 record" in lines[0] and "age (1 record)" in lines[0]
    assert not any("4000" in line for line in shown)
    # an ordinary record gets no such line
    ordinary = _one_impossible_record(patients_csv, tmp_path / "ok.csv")
    code, err, shown = _cli_lines(cli, "predict", table_run, ordinary, "--out", tmp_path / "q.csv")
    assert code == 0 and not any("flagged as unlike" in line or "far outside" in line for line in shown), shown


def test_predict_names_a_value_no_patient_can_have_even_within_reach_of_the_training_range(cli, table_run,
                                                                                         patients_csv, tmp_path):
    """Trial 7 (#7): a glucose of -95 was flagged OOD but not named: it is within two range widths.
    An age of 150 (training ages about 35-85) is not far outside by that rule, and impossible."""
    new = _one_impossible_record(patients_csv, tmp_path / "old.csv", age=150.0)
    code, err, shown = _cli_lines(cli, "predict", table_run, new, "--out", tmp_path / "p.csv")
    assert code == 0, err
    lines = [line for line in shown if "values no patient can have: age (1 record)" in line]
    assert len(lines) == 1 and "far outside the training range: age" not in lines[0], shown
    assert not any("150" in line for line in shown)


def test_evaluate_a_few_records_names_those_far_outside_the_training_range(cli, table_run, patients_csv, tmp_path):
    frame = pd.read_csv(patients_csv).iloc[:6].copy()
    frame.loc[2, "marker"] = 1e30
    frame.to_csv(tmp_path / "few.csv", index=False)
    code, err, shown = _cli_lines(cli, "evaluate", table_run, "--data", tmp_path / "few.csv", "--out", tmp_path / "e.json")
    assert code == 0, err
    out = "\n".join(shown)
    lines = [line for line in (out + err).splitlines() if "far outside the training range" in line]
    assert len(lines) == 1 and "record #3 (in reading order" in lines[0] and "marker (1 record)" in lines[0], out + err
    assert "r0002" not in out + err
    assert "1e+30" not in out + err and "1e30" not in out + err
    findings = json.loads((tmp_path / "e.json").read_text())["findings"]
    assert [(f["count"], f["rows"]) for f in findings if f["id"] == "extreme_values"] == [(1, [2])]


def test_images_saved_in_other_units_than_training_are_named_never_silent(cli, tmp_path):
    nib = pytest.importorskip("nibabel")
    rng = np.random.default_rng(0)

    def volume(label):
        x = rng.integers(0, 60, (8, 8, 8)).astype(np.float32)  # NIfTI runs keep float intensities
        if label == "b":
            x[2:6, 2:6, 2:6] = 220
        return x

    for label in ("a", "b"):
        (tmp_path / "train" / label).mkdir(parents=True)
        for i in range(16):
            nib.save(nib.Nifti1Image(volume(label), np.eye(4)), tmp_path / "train" / label / f"v{i}.nii.gz")
    code, _, err = cli("train", "--data", tmp_path / "train", "--set", "data.format=image_folder",
                       "--set", "model.name=small_cnn", "--set", "model.channels=[4]", "--out", tmp_path / "run",
                       *FAST, "--set", "evaluate.baselines=none")
    assert code == 0, err
    # the intensity check needs only the run (profile.json's training contrast range, featurizer.json's
    # scale), never the training images: they are gone before predict
    import shutil

    shutil.rmtree(tmp_path / "train")
    same = volume("b")
    for name, x in (("same", same), ("unit", same / 255.0), ("x1000", (same * 1000).astype(np.int32))):
        (tmp_path / name).mkdir()
        nib.save(nib.Nifti1Image(x, np.eye(4)), tmp_path / name / "scan.nii.gz")
    code, err, shown = _cli_lines(cli, "predict", tmp_path / "run", tmp_path / "same", "--out", tmp_path / "a.csv")
    assert code == 0 and not any("other units" in line for line in shown), shown
    for name in ("unit", "x1000"):
        code, err, shown = _cli_lines(cli, "predict", tmp_path / "run", tmp_path / name,
                                      "--out", tmp_path / f"{name}.csv")
        lines = [line for line in shown if "[extreme_values] 1 of 1 image of" in line and "other units" in line]
        assert code == 0 and len(lines) == 1 and "record #1 (in reading order" in lines[0] and "0-255" in lines[0], shown
        assert "scan.nii.gz" not in lines[0]  # a file name may hold a patient's name


def test_a_run_trained_with_data_flag_is_named_after_its_data_file(cli, patients_csv, tmp_path):
    """Trial 6 (#11): `mednn train --data stroke.csv` wrote "Model report: run"."""
    from mednn.runs import load_run

    code, _, err = cli("train", "--data", patients_csv, "--set", "data.label=outcome", "--set", "data.id_column=record",
                       "--set", "model.hidden_sizes=[4]", "--out", tmp_path / "run", *FAST[:-6],
                       "--set", "report.enabled=true", "--set", "explain.enabled=false", "--set", "train.threads=1")
    assert code == 0, err
    assert load_run(tmp_path / "run", model=False).record.config.name == "patients"  # not "run"
    assert "Model report: patients" in (tmp_path / "run" / "report.html").read_text(encoding="utf-8")
    numeric = tmp_path / "2024.csv"  # a stem YAML would read as a number stays the name, as text
    numeric.write_bytes(patients_csv.read_bytes())
    for name, extra in (("2024", []), ("mine", ["--set", "name=mine"])):  # --set name wins
        code, _, err = cli("train", "--data", numeric, "--set", "data.label=outcome", "--set", "data.id_column=record",
                           *extra,
                           "--set", "model.hidden_sizes=[4]", "--out", tmp_path / f"run-{name}", *FAST)
        assert code == 0, err
        assert load_run(tmp_path / f"run-{name}", model=False).record.config.name == name
