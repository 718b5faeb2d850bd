"""Label leakage check (mednn.data.label_leakage) on every shared clinical table: its false
alarms, its hits on cervical cancer (Schiller, Hinselmann and Citology recorded with Biopsy) and
on leaks planted into each table, and the scores the bars were chosen from.

Each table is read and split as ``mednn train`` would (mednn's reader, mednn's split); the check
sees the training split only. Per table: the highest score of a two-valued column, of another
column, the flagged columns, and for the planted leaks whether each was flagged:

- ``test90``: a yes/no column that agrees with the label at sensitivity = specificity = 0.90
  (AUROC 0.90: a second test of the same outcome), expected flagged;
- ``test80``: the same at 0.80 (AUROC 0.80), below the bar: expected missed (the check's limit);
- ``copy``: the label plus noise, AUROC about 0.995 (regression: Spearman about 0.97), expected flagged.

    python benchmarks/label_leakage.py --data ../shared/data --out benchmarks/results/label_leakage.json
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402

TABLES = [  # name, file, config overrides (label first)
    ("pima", "pima_diabetes/pima-indians-diabetes.data.csv", ["data.label=column_9", "data.header=false"]),
    ("breast_wisconsin", "uci_breast_cancer_wisconsin/breast-cancer-wisconsin.data",
     ["data.label=column_11", "data.header=false", "data.drop_columns=[column_1]"]),
    ("heart_failure", "uci_heart_failure/heart_failure_clinical_records_dataset.csv", ["data.label=DEATH_EVENT"]),
    ("hepatitis", "uci_hepatitis/hepatitis.data", ["data.label=column_1", "data.header=false"]),
    ("kidney", "uci_chronic_kidney_disease/chronic_kidney_disease_full.arff", ["data.label=class"]),
    ("ilpd", "uci_ilpd/Indian_Liver_Patient_Dataset_ILPD.csv", ["data.label=column_11", "data.header=false"]),
    ("stroke", "stroke_prediction/healthcare-dataset-stroke-data.csv", ["data.label=stroke", "data.id_column=id"]),
    ("diabetes130", "uci_diabetes_130/diabetic_data.csv.gz",
     ["data.label=readmitted", "data.id_column=encounter_id", "data.patient_column=patient_nbr",
      "data.categorical_columns=[diag_1, diag_2, diag_3]"]),
    ("parkinsons", "uci_parkinsons_telemonitoring/parkinsons_updrs.data",
     ["data.label=total_UPDRS", "data.patient_column=subject#", "data.task=regression"]),
    ("cervical", "uci_cervical_cancer/risk_factors_cervical_cancer.csv", ["data.label=Biopsy"]),
]


def _read(root: Path, file: str, overrides: list[str]):
    from mednn.config import load_config
    from mednn.pipeline import read_and_split

    dataset, _, index = read_and_split(load_config(None, [f"data.path={root / file}", *overrides]))
    y = np.asarray(dataset.targets)
    return dataset, index, (y[:, 0] if y.ndim == 2 else y)


def _planted(y: np.ndarray, kind: str, seed: int) -> dict:
    """The planted columns for labels ``y`` (see the module docstring)."""
    rng = np.random.default_rng(seed)
    if kind == "regression":
        y = y.astype(np.float64)
        return {"copy": y + rng.normal(0, 0.25 * np.nanstd(y), len(y))}
    positive = y == np.unique(y)[-1] if kind == "binary" else y == np.unique(y)[0]
    planted = {}
    for name, accuracy in (("test90", 0.90), ("test80", 0.80)):
        agree = rng.random(len(y)) < accuracy
        planted[name] = np.where(agree == positive, "yes", "no")  # "yes" where the test agrees with a positive
    planted["copy"] = positive + rng.normal(0, 0.2, len(y))
    return planted


def one_table(root: Path, name: str, file: str, overrides: list[str], seed: int) -> dict:
    from mednn.data.label_leakage import column_evidence, label_leakage

    t0 = time.perf_counter()
    dataset, index, y = _read(root, file, overrides)
    kind, frame, train = dataset.task.kind, dataset.inputs, np.asarray(index["train"])
    best = {"two-valued": (None, ""), "other": (None, "")}
    for column in frame.columns:
        evidence = column_evidence(frame[column].iloc[train], y[train], kind)
        if evidence is None:
            continue
        key = "two-valued" if frame[column].nunique() == 2 else "other"
        if best[key][0] is None or evidence[0] > best[key][0]:
            best[key] = (evidence[0], str(column))
    t1 = time.perf_counter()
    found = label_leakage(dataset, index)
    seconds = time.perf_counter() - t1
    flagged = list(found[0].columns) if found else []
    row = {"table": name, "rows": len(frame), "train": len(train), "columns": frame.shape[1], "task": kind,
           "best two-valued": best["two-valued"][0], "its column": best["two-valued"][1],
           "best other": best["other"][0], "column ": best["other"][1],
           "flagged": ", ".join(flagged) or "-", "check s": round(seconds, 2), "read s": round(t1 - t0, 2)}
    for plant, values in _planted(y, kind, seed).items():
        dataset.inputs = frame.assign(**{f"planted_{plant}": values})
        hit = label_leakage(dataset, index)
        row[plant] = f"planted_{plant}" in (hit[0].columns if hit else ())
    dataset.inputs = frame
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--out", default="benchmarks/results/label_leakage.json")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    rows = [one_table(Path(args.data), name, file, overrides, args.seed) for name, file, overrides in TABLES]
    print_table(rows, list(rows[0]))
    write_json(args.out, {"machine": machine(), "rows": rows})


if __name__ == "__main__":
    main()
