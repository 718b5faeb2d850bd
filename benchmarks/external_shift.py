"""External validation with shift checks on public tables: does ``mednn evaluate`` name the
columns that changed, and only those?

Protocol (real data from ``--data``, i.e. ``../shared/data``):

- **stroke** (Kaggle healthcare stroke data, 5,110 rows): ``Residence_type`` is used as a site.
  A run is trained on 80% of the urban patients (its own train/val/test split); 20% of them are
  kept as an unseen *urban* site (same population: no shift expected), the rural patients are a
  genuinely different site, and a copy of the rural site gets injected faults: ``bmi`` 90%
  missing, ``avg_glucose_level`` written as 0, ``age`` in months (out of range) and
  ``work_type`` recoded (unseen categories).
- **pima** (Pima Indians diabetes, 768 rows): zeros that mean "missing" (glucose, blood pressure,
  skinfold, insulin, BMI) are recoded as missing for training (60%); the other 40% is evaluated
  once coded the same way (no shift expected) and once as the raw file writes it, zeros for
  missing — the real-world "missing written as 0".

For each site: AUROC with its 95% CI beside the internal test set, the ECE on the site, and the
shift warnings: which columns, how many injected faults were found, and warnings on columns
that were not changed (false alarms; on the unchanged sites every warning is one). ``--timing``
also times the profile and the check on the 101,766-row diabetes 130 table.

    python benchmarks/external_shift.py --data ../shared/data --out benchmarks/results/external_shift.json
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402

SETTINGS = ["train.progress=false", "explain.enabled=false", "report.enabled=false", "evaluate.bootstrap=500",
            "train.threads=1", "evaluate.baselines=none"]


def _stroke(root: Path, tmp: Path, seed: int) -> tuple[Path, dict[str, tuple[Path, set[str]]], list[str]]:
    frame = pd.read_csv(root / "stroke_prediction/healthcare-dataset-stroke-data.csv", na_values=["N/A"])
    frame = frame.drop(columns=["id"])
    urban = frame[frame["Residence_type"] == "Urban"].drop(columns=["Residence_type"])
    rural = frame[frame["Residence_type"] == "Rural"].drop(columns=["Residence_type"]).reset_index(drop=True)
    rng = np.random.default_rng(seed)
    held = rng.random(len(urban)) < 0.2
    paths = {"stroke_train": urban[~held], "urban_holdout": urban[held], "rural": rural}
    faulty = rural.copy()
    faulty.loc[rng.random(len(faulty)) < 0.9, "bmi"] = np.nan
    faulty["avg_glucose_level"] = 0.0
    faulty["age"] = faulty["age"] * 12
    faulty["work_type"] = faulty["work_type"].replace({"Govt_job": "government", "Self-employed": "self"})
    paths["rural_faults"] = faulty
    out = {}
    for name, part in paths.items():
        path = tmp / f"{name}.csv"
        part.to_csv(path, index=False)
        out[name] = path
    injected = {"bmi", "avg_glucose_level", "age", "work_type"}
    sites = {"urban_holdout": (out["urban_holdout"], set()), "rural": (out["rural"], set()),
             "rural_faults": (out["rural_faults"], injected)}
    return out["stroke_train"], sites, ["data.label=stroke"]


PIMA = ["pregnancies", "glucose", "blood_pressure", "skinfold", "insulin", "bmi", "pedigree", "age", "diabetes"]
PIMA_ZERO_MEANS_MISSING = ["glucose", "blood_pressure", "skinfold", "insulin", "bmi"]


def _pima(root: Path, tmp: Path, seed: int) -> tuple[Path, dict[str, tuple[Path, set[str]]], list[str]]:
    raw = pd.read_csv(root / "pima_diabetes/pima-indians-diabetes.data.csv", header=None, names=PIMA)
    coded = raw.copy()
    coded[PIMA_ZERO_MEANS_MISSING] = coded[PIMA_ZERO_MEANS_MISSING].replace(0, np.nan)
    rng = np.random.default_rng(seed)
    site = rng.random(len(raw)) < 0.4
    files = {"pima_train": coded[~site], "pima_coded": coded[site], "pima_raw": raw[site]}
    out = {}
    for name, part in files.items():
        out[name] = tmp / f"{name}.csv"
        part.to_csv(out[name], index=False)
    # the columns whose zeros stand for missing at that site (BMI and glucose have few: 1% of rows)
    expected = {c for c in PIMA_ZERO_MEANS_MISSING if (raw.loc[site, c] == 0).mean() >= 0.03}
    sites = {"pima_coded": (out["pima_coded"], set()), "pima_raw": (out["pima_raw"], expected)}
    return out["pima_train"], sites, ["data.label=diabetes"]


def _metric(entry) -> str:
    if not isinstance(entry, dict) or entry.get("value") is None:
        return "undefined"
    ci = entry.get("ci95") or [None, None]
    return f"{entry['value']:.3f} [{ci[0]:.3f}, {ci[1]:.3f}]" if ci[0] is not None else f"{entry['value']:.3f}"


def _site_row(dataset: str, site: str, result: dict, expected: set[str], seconds: float) -> dict:
    warned = sorted({r["column"] for r in result["shift"]["rows"] if r["severity"] == "warning"})
    noted = sorted({r["column"] for r in result["shift"]["rows"] if r["severity"] == "info"} - set(warned))
    return {"dataset": dataset, "site": site, "n": result["n"], "auroc": _metric(result["metrics"].get("auroc")),
            "ece": round(result["calibration"]["ece"], 3) if result.get("calibration") else None,
            "warned_columns": ", ".join(warned) or "—", "notes": ", ".join(noted) or "—",
            "faults_found": f"{len(expected & set(warned))}/{len(expected)}" if expected else "—",
            "false_warnings": len(set(warned) - expected), "seconds": round(seconds, 2)}


def run_dataset(name: str, make, root: Path, seed: int) -> list[dict]:
    from mednn.config import load_config
    from mednn.pipeline import train
    from mednn.runs import load_run
    from mednn.scoring import evaluate_file

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        train_path, sites, settings = make(root, tmp, seed)
        t0 = time.perf_counter()
        run = train(load_config(None, [f"data.path={train_path}", f"seed={seed}", *settings, *SETTINGS]), tmp / "run")
        train_seconds = time.perf_counter() - t0
        record = load_run(run, model=False).record
        rows = [{"dataset": name, "site": "internal test", "n": record.data.splits["test"].n,
                 "auroc": _metric(record.metrics.test.get("auroc")),
                 "ece": round(record.metrics.test["ece"]["value"], 3), "warned_columns": "—", "notes": "—",
                 "faults_found": "—", "false_warnings": None, "seconds": round(train_seconds, 1)}]
        for site, (path, expected) in sites.items():
            t0 = time.perf_counter()
            result = evaluate_file(run, path, n_bootstrap=500)
            rows.append(_site_row(name, site, result, expected, time.perf_counter() - t0))
    return rows


# --- false alarms and detection on many sites, through the library (no training needed) ---------

def _tables(root: Path) -> dict[str, pd.DataFrame]:
    """Feature tables of three datasets (labels dropped: the shift check reads features only)."""
    stroke = pd.read_csv(root / "stroke_prediction/healthcare-dataset-stroke-data.csv", na_values=["N/A"])
    pima = pd.read_csv(root / "pima_diabetes/pima-indians-diabetes.data.csv", header=None, names=PIMA)
    pima[PIMA_ZERO_MEANS_MISSING] = pima[PIMA_ZERO_MEANS_MISSING].replace(0, np.nan)
    diabetes = pd.read_csv(root / "uci_diabetes_130/diabetic_data.csv.gz", na_values=["?"], low_memory=False)
    for c in ("diag_1", "diag_2", "diag_3"):
        diabetes[c] = diabetes[c].astype(str).where(diabetes[c].notna())
    return {"stroke": stroke.drop(columns=["id", "stroke"]), "pima": pima.drop(columns=["diabetes"]),
            "diabetes130": diabetes.drop(columns=["encounter_id", "readmitted"])}


def _profiled(frame: pd.DataFrame, rng) -> tuple[dict, object, pd.DataFrame]:
    """Profile of 70% of the rows (by patient for diabetes 130); the other rows are the population
    sites are drawn from."""
    from mednn.evaluation.shift import training_profile
    from mednn.featurizers.tabular import TabularFeaturizer

    if "patient_nbr" in frame:
        patients = frame["patient_nbr"].unique()
        train_patients = set(rng.choice(patients, int(0.7 * len(patients)), replace=False).tolist())
        in_train = frame["patient_nbr"].isin(train_patients).to_numpy()
        frame = frame.drop(columns=["patient_nbr"])
    else:
        in_train = rng.random(len(frame)) < 0.7
    train = _as_dataset(frame[in_train].reset_index(drop=True))
    featurizer = TabularFeaturizer().fit(train)
    return training_profile(train, featurizer, "tabular"), featurizer, frame[~in_train].reset_index(drop=True)


def _as_dataset(frame: pd.DataFrame):
    from mednn.data.base import Dataset, Task

    return Dataset(inputs=frame, targets=np.zeros(len(frame), dtype=np.int64), task=Task("binary", ("no", "yes")),
                   ids=np.arange(len(frame)))


def _inject(site: pd.DataFrame, fault: str, strength: float, column: str, rng) -> pd.DataFrame:
    site = site.copy()
    rows = rng.random(len(site)) < strength
    if fault == "missing":
        site.loc[rows, column] = np.nan
    elif fault == "zeros":
        site.loc[rows & site[column].notna().to_numpy(), column] = 0.0
    elif fault == "out_of_range":  # a unit change (e.g. kg written as g): values times 1000
        site.loc[rows, column] = site.loc[rows, column] * 1000
    elif fault == "unseen_categories":
        site.loc[rows & site[column].notna().to_numpy(), column] = "recoded"
    return site


FAULT_COLUMNS = {"stroke": {"missing": "bmi", "zeros": "avg_glucose_level", "out_of_range": "bmi",
                            "unseen_categories": "work_type"},
                 "pima": {"missing": "glucose", "zeros": "bmi", "out_of_range": "age"},
                 "diabetes130": {"missing": "num_lab_procedures", "zeros": "num_medications",
                                 "out_of_range": "time_in_hospital", "unseen_categories": "medical_specialty"}}


def many_sites(root: Path, seed: int, n_sites: int, sizes: tuple[int, ...]) -> list[dict]:
    """Per dataset and site size: the share of same-population sites with a warning / a note (false
    alarms), and per injected fault and strength the share of sites where it was found."""
    from mednn.evaluation.shift import check_shift

    rng = np.random.default_rng(seed)
    rows = []
    for name, frame in _tables(root).items():
        profile, featurizer, population = _profiled(frame, rng)
        for size in sizes:
            if size > len(population):
                continue
            sites = [population.iloc[rng.choice(len(population), size, replace=False)] for _ in range(n_sites)]
            results = [check_shift(profile, _as_dataset(site), featurizer).rows for site in sites]
            rows.append({"dataset": name, "site_rows": size, "fault": "none (same population)", "strength": "—",
                         "any_warning": _share(any(r.severity == "warning" for r in found) for found in results),
                         "any_note": _share(bool(found) for found in results)})
            for fault, column in FAULT_COLUMNS[name].items():
                for strength in (0.1, 0.3, 0.9):
                    hits = []
                    for site in sites:
                        found = check_shift(profile, _as_dataset(_inject(site, fault, strength, column, rng)),
                                            featurizer).rows
                        hits.append([r.severity for r in found if r.column == column and r.check in _CHECKS[fault]])
                    rows.append({"dataset": name, "site_rows": size, "fault": f"{fault} ({column})",
                                 "strength": strength, "any_warning": _share("warning" in h for h in hits),
                                 "any_note": _share(bool(h) for h in hits)})
    return rows


_CHECKS = {"missing": ("missing",), "zeros": ("zeros", "all_zero"), "out_of_range": ("out_of_range", "distance"),
           "unseen_categories": ("unseen_categories",)}


def _share(flags) -> float:
    flags = list(flags)
    return round(sum(flags) / len(flags), 3) if flags else float("nan")


def timing(root: Path) -> dict:
    """Profile and check time on the 101,766-row diabetes 130 table (featurizer fitted first)."""
    from mednn.data.base import Dataset, Task
    from mednn.evaluation.shift import check_shift, training_profile
    from mednn.featurizers.tabular import TabularFeaturizer

    frame = pd.read_csv(root / "uci_diabetes_130/diabetic_data.csv.gz", na_values=["?"], low_memory=False)
    for c in ("diag_1", "diag_2", "diag_3"):
        frame[c] = frame[c].astype(str).where(frame[c].notna())
    frame = frame.drop(columns=["encounter_id", "patient_nbr", "readmitted"])
    data = Dataset(inputs=frame, targets=np.zeros(len(frame), dtype=np.int64), task=Task("binary", ("no", "yes")),
                   ids=np.arange(len(frame)))
    featurizer = TabularFeaturizer().fit(data)
    t0 = time.perf_counter()
    profile = training_profile(data, featurizer, "tabular")
    profile_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    check_shift(profile, data, featurizer)
    import json

    return {"rows": len(frame), "columns": frame.shape[1], "profile_seconds": round(profile_seconds, 2),
            "check_seconds": round(time.perf_counter() - t0, 2), "profile_kib": round(len(json.dumps(profile)) / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", default="benchmarks/results/external_shift.json")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timing", action="store_true", help="also time the profile on diabetes 130")
    parser.add_argument("--sites", type=int, default=50, help="same-population sites drawn per dataset and size")
    args = parser.parse_args()
    rows = run_dataset("stroke", _stroke, args.data, args.seed) + run_dataset("pima", _pima, args.data, args.seed)
    print_table(rows, ["dataset", "site", "n", "auroc", "ece", "warned_columns", "notes", "faults_found",
                       "false_warnings", "seconds"])
    payload = {"machine": machine(), "load": os.getloadavg(), "seed": args.seed, "rows": rows}
    if args.sites:
        payload["many_sites"] = many_sites(args.data, args.seed, args.sites, (50, 200, 1000))
        print_table(payload["many_sites"], ["dataset", "site_rows", "fault", "strength", "any_warning", "any_note"])
    if args.timing:
        payload["timing"] = timing(args.data)
        print(payload["timing"])
    write_json(args.out, payload)


if __name__ == "__main__":
    main()
