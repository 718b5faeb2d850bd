"""Data that breaks assumptions: what mednn's readers say about public files nobody wrote a config for.

Four checks on ../shared/data (paths from ``--data-root``):

1. Reading (``data.format: auto``, no other reader key): UCI ``.data`` files with and without a
   header line and a CSV of abstracts: which format was chosen, the rows read, the findings.
2. Conflicting duplicates (Medical Abstracts, test file): rows read / kept / removed and the
   groups whose labels disagree, under each ``data.duplicates`` policy.
3. The repeated-measures check alone on nine tables: a finding where rows repeat people
   (telemonitoring, diabetes 130's ``patient_nbr``), none where every row is a different person.
4. Repeated measures (Parkinson's telemonitoring: 5,875 recordings of 42 patients): the
   ``repeated_measures`` finding, then the same mednn run split by row (what a user gets without
   a patient key, ``subject#`` allowed as a feature over mednn's refusal: every patient is in train
   and test) and split by patient (``data.patient_column: subject#``), with test RMSE and its 95% interval from a row
   bootstrap and from a patient bootstrap (``evaluate(..., groups=...)``).

    python benchmarks/real_data_assumptions.py --data-root ../shared/data \\
        --out benchmarks/results/real_data_assumptions.json
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402

READS = [  # file, label, task
    ("uci_parkinsons_telemonitoring/parkinsons_updrs.data", "total_UPDRS", "regression"),
    ("uci_breast_cancer_wisconsin/breast-cancer-wisconsin.data", "column_11", None),
    ("uci_hepatitis/hepatitis.data", "column_1", None),
    ("medical_abstracts/medical_tc_test.csv", "condition_label", None),
]


def _read(path: Path, **keys):
    from mednn.config import DataConfig
    from mednn.data.readers import read_dataset

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the findings are recorded below
        return read_dataset(DataConfig(path=str(path), **{k: v for k, v in keys.items() if v is not None}))


def reading(root: Path) -> list[dict]:
    from mednn.data.readers import READERS, _load_builtin_readers

    _load_builtin_readers()
    rows = []
    for name, label, task in READS:
        path = root / name
        by_extension = [n for n in READERS.names() if READERS.get(n).sniff(path)]
        try:
            ds = _read(path, label=label, task=task)
            guess = next((f for f in ds.findings if f.id == "format_guessed"), None)
            rows.append({"file": name.split("/")[-1], "extension claimed by": ", ".join(by_extension) or "none",
                         "read as": f"{ds.modality} ({ds.notes.get('format', 'text')})", "rows": len(ds),
                         "findings": ", ".join(sorted({f.id for f in ds.findings})) or "-",
                         "how": guess.message.split(": ", 1)[-1][:90] if guess else "by extension"})
        except Exception as exc:  # noqa: BLE001 - a benchmark records what a user would see
            rows.append({"file": name.split("/")[-1], "extension claimed by": ", ".join(by_extension) or "none",
                         "read as": f"error: {str(exc)[:120]}", "rows": 0, "findings": "-", "how": "-"})
    return rows


def duplicates(root: Path) -> list[dict]:
    path = root / "medical_abstracts/medical_tc_test.csv"
    rows = []
    for policy in ("drop_conflicting", "keep_first", "merge_labels", "keep_all"):
        ds = _read(path, format="text", text_columns="medical_abstract", label="condition_label", duplicates=policy)
        removed = sum(f.count or 0 for f in ds.findings if f.removed)
        conflict = next((f for f in ds.findings if f.id == "conflicting_duplicates"), None)
        rows.append({"policy": policy, "rows read": ds.notes["rows_read"], "kept": len(ds), "removed": removed,
                     "kept + removed": len(ds) + removed, "conflicting groups": ds.notes["duplicate_label_conflicts"],
                     "task": ds.task.kind, "conflict finding": conflict.severity if conflict else "-"})
    return rows


DETECTION = [  # file, label (left out), header; every table in ../shared/data with a person per row, and two without
    ("uci_parkinsons_telemonitoring/parkinsons_updrs.data", "total_UPDRS", True),
    ("uci_diabetes_130/diabetic_data.csv.gz", "readmitted", True),
    ("pima_diabetes/pima-indians-diabetes.data.csv", None, False),
    ("uci_heart_failure/heart_failure_clinical_records_dataset.csv", "DEATH_EVENT", True),
    ("uci_ilpd/Indian_Liver_Patient_Dataset_ILPD.csv", None, False),
    ("uci_cervical_cancer/risk_factors_cervical_cancer.csv", "Biopsy", True),
    ("stroke_prediction/healthcare-dataset-stroke-data.csv", "stroke", True),
    ("uci_breast_cancer_wisconsin/breast-cancer-wisconsin.data", None, False),
    ("uci_hepatitis/hepatitis.data", "column_1", False),
]


def detection(root: Path) -> list[dict]:
    """The repeated-measures check alone on each table (the label column left out): a warning
    where rows repeat people, none where every row is a different person."""
    import pandas as pd

    from mednn.data.repeated import repeated_measures

    rows = []
    for name, label, header in DETECTION:
        path = root / name
        if not path.exists():
            continue
        frame = pd.read_csv(path, na_values=["?"], header=0 if header else None)
        frame.columns = [str(c) if header else f"column_{c + 1}" for c in frame.columns]
        label = label or frame.columns[-1]
        start = time.perf_counter()
        found = repeated_measures(frame.drop(columns=[label]), features=[c for c in frame.columns if c != label])
        rows.append({"table": name.split("/")[-1], "rows": len(frame), "finding": found.columns[0] if found else "-",
                     "groups": found.count if found else None, "fix": found.message.split("fix: set ")[-1] if found else "-",
                     "seconds": round(time.perf_counter() - start, 2)})
    return rows


def repeated(root: Path, epochs: int, seed: int) -> dict:
    from mednn.config import load_config
    from mednn.data.base import Task
    from mednn.evaluation import evaluate
    from mednn.pipeline import train

    path = root / "uci_parkinsons_telemonitoring/parkinsons_updrs.data"
    # without a patient key mednn refuses `subject#` as a feature (it names the person); the row split
    # below is what a user gets who overrides that refusal and so trains on every patient
    ds = _read(path, label="total_UPDRS", task="regression", drop_columns=["motor_UPDRS"],
               allow_identifier_columns=["subject#"])
    finding = next(f for f in ds.findings if f.id == "repeated_measures")
    out: dict = {"finding": finding.to_dict(), "runs": []}
    import pandas as pd

    subjects = pd.read_csv(path)["subject#"].astype(str).to_numpy()
    for split, extra in (("by row (no patient key)", ["data.allow_identifier_columns=[subject#]"]), ("by patient (data.patient_column)",
                                                            ["data.patient_column=subject#"])):
        with tempfile.TemporaryDirectory() as tmp:
            cfg = load_config(None, [f"data.path={path}", "data.label=total_UPDRS", "data.task=regression",
                                     "data.drop_columns=[motor_UPDRS]", f"train.epochs={epochs}", f"seed={seed}",
                                     "train.progress=false", "explain.enabled=false", "report.enabled=false",
                                     "evaluate.baselines=none", "train.threads=1", *extra])
            start = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                run = train(cfg, Path(tmp) / "run")
            seconds = time.perf_counter() - start
            pred = pd.read_csv(run / "predictions.csv")
            test = pred[pred["split"] == "test"]
            rows = test["id"].str.removeprefix("row-").astype(int).to_numpy() - 2  # file row -> 0-based data row
            y, p = test["target:total_UPDRS"].to_numpy(float), test["predicted:total_UPDRS"].to_numpy(float)
            task = Task("regression", ("total_UPDRS",))
            by_row = evaluate(task, y, p, n_bootstrap=1000, seed=seed)
            by_patient = evaluate(task, y, p, n_bootstrap=1000, seed=seed, groups=subjects[rows])
            train_ids = pred[pred["split"] != "test"]["id"].str.removeprefix("row-").astype(int).to_numpy() - 2
            shared = len(set(subjects[rows]) & set(subjects[train_ids]))
            out["runs"].append({"split": split, "test rows": len(test), "test patients": len(set(subjects[rows])),
                                "test patients also in train or val": shared, "RMSE": by_row["rmse"]["value"],
                                "row bootstrap CI": by_row["rmse"]["ci95"],
                                "patient bootstrap CI": by_patient["rmse"]["ci95"], "seconds": round(seconds, 1)})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-root", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", default="benchmarks/results/real_data_assumptions.json")
    parser.add_argument("--epochs", type=int, default=60)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    load = os.getloadavg()
    result = {"machine": machine(), "load_before": [round(v, 1) for v in load]}
    result["reading"] = reading(args.data_root)
    print_table(result["reading"], ["file", "extension claimed by", "read as", "rows", "findings", "how"])
    result["duplicates"] = duplicates(args.data_root)
    print_table(result["duplicates"], list(result["duplicates"][0]))
    result["detection"] = detection(args.data_root)
    print_table(result["detection"], list(result["detection"][0]))
    result["repeated_measures"] = repeated(args.data_root, args.epochs, args.seed)
    print(result["repeated_measures"]["finding"]["message"])
    print_table(result["repeated_measures"]["runs"], list(result["repeated_measures"]["runs"][0]))
    result["load_after"] = [round(v, 1) for v in os.getloadavg()]
    write_json(args.out, result)


if __name__ == "__main__":
    main()
