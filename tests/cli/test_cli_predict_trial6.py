"""Defects a new user's trial (trial 6) found in `predict` / `evaluate` / the report, each walked
through the CLI: DICOM ids, console lines for out-of-distribution records."""

import csv

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
