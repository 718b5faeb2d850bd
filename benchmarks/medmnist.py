"""mednn on three MedMNIST v2 sets beside the published MedMNIST v2 numbers.

Runs ``configs/pneumoniamnist.yaml``, ``configs/breastmnist.yaml`` and
``configs/adrenalmnist3d.yaml`` through ``mednn.pipeline.train`` (one run directory each, under
``--runs``), then recomputes the MedMNIST metrics from the run's ``predictions.csv``: test AUROC
of the class-1 probability and accuracy at threshold 0.5 on it (as ``medmnist/evaluator.py``
does for binary tasks), next to ``metrics.json``'s own values. The published rows (test AUC /
ACC, read in the MedMNIST website's ``v2.html``; see shared/data/MANIFEST.md) are the
ResNet-18 (28) row (for the 3D set: ResNet-18 + 3D, the same network at 28^3) and the best
published AUC and ACC of any method. Training time is ``metrics.json``'s ``training.seconds``
(the loop, validation included) on this machine's CPU with the threads the config sets.
The JSON is rewritten after every run, so an interrupted benchmark keeps what finished.

    python benchmarks/medmnist.py --out benchmarks/results/medmnist.json
    python benchmarks/medmnist.py --only breastmnist --seeds 1,2 --append --out benchmarks/results/medmnist.json
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# test AUC / ACC from MedMNIST v2 (website v2.html, the paper's tables; see shared/data/MANIFEST.md)
PUBLISHED = {
    "pneumoniamnist": {
        "ResNet-18 (28)": (0.944, 0.854), "ResNet-18 (224)": (0.956, 0.864),
        "ResNet-50 (28)": (0.948, 0.854), "ResNet-50 (224)": (0.962, 0.884),
        "auto-sklearn": (0.942, 0.855), "AutoKeras": (0.947, 0.878),
        "Google AutoML Vision": (0.991, 0.946),
    },
    "breastmnist": {
        "ResNet-18 (28)": (0.901, 0.863), "ResNet-18 (224)": (0.891, 0.833),
        "ResNet-50 (28)": (0.857, 0.812), "ResNet-50 (224)": (0.866, 0.842),
        "auto-sklearn": (0.836, 0.803), "AutoKeras": (0.871, 0.831),
        "Google AutoML Vision": (0.919, 0.861),
    },
    "adrenalmnist3d": {
        "ResNet-18 + 2.5D": (0.718, 0.772), "ResNet-18 + 3D": (0.827, 0.721),
        "ResNet-18 + ACS": (0.839, 0.754), "ResNet-50 + 2.5D": (0.732, 0.763),
        "ResNet-50 + 3D": (0.828, 0.745), "ResNet-50 + ACS": (0.828, 0.758),
        "auto-sklearn": (0.828, 0.802), "AutoKeras": (0.804, 0.705),
    },
}
REFERENCE_ROW = {"pneumoniamnist": "ResNet-18 (28)", "breastmnist": "ResNet-18 (28)",
                 "adrenalmnist3d": "ResNet-18 + 3D"}
DATASETS = ("pneumoniamnist", "breastmnist", "adrenalmnist3d")


def medmnist_metrics(run_dir: Path) -> dict:
    """Test AUROC of the class-1 probability and accuracy at 0.5, from predictions.csv."""
    import numpy as np
    from sklearn.metrics import roc_auc_score

    names = json.loads((run_dir / "predictor.json").read_text(encoding="utf-8"))["task"]["class_names"]
    with open(run_dir / "predictions.csv", newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["split"] == "test"]
    y = np.array([names.index(r["target"]) for r in rows])
    p1 = np.array([float(r[f"p:{names[1]}"]) for r in rows])
    return {"auroc": float(roc_auc_score(y, p1)), "acc_at_0.5": float(((p1 >= 0.5).astype(int) == y).mean()),
            "n_test": len(rows)}


def best_published(dataset: str, column: int) -> tuple[str, float]:
    name, values = max(PUBLISHED[dataset].items(), key=lambda kv: kv[1][column])
    return name, values[column]


def run_one(config: Path, seed: int, overrides: list[str], runs: Path) -> dict:
    from mednn.config import load_config
    from mednn.pipeline import train

    cfg = load_config(config, [*overrides, f"seed={seed}", "train.progress=false"])
    out = runs / f"{cfg.name}-seed{seed}"
    t0 = time.perf_counter()
    train(cfg, out, overwrite=True)
    wall = time.perf_counter() - t0
    meta = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    ours = medmnist_metrics(out)
    training = meta["training"]
    return {
        "dataset": config.stem, "seed": seed, "run_dir": str(out),
        "model": cfg.model.name, "epochs": cfg.train.epochs, "threads": training.get("threads"),
        "auroc": ours["auroc"], "acc_at_0.5": ours["acc_at_0.5"],
        "metrics_json_auroc": meta["test"]["auroc"]["value"],
        "metrics_json_accuracy": meta["test"]["accuracy"]["value"],
        "threshold": (meta.get("threshold") or {}).get("value"),
        "best_epoch": training["best_epoch"], "epochs_run": training["epochs_run"],
        "train_seconds": training["seconds"], "pipeline_seconds": round(wall, 1),
    }


def summarise(runs: list[dict]) -> list[dict]:
    rows = []
    for ds in DATASETS:
        mine = [r for r in runs if r["dataset"] == ds]
        if not mine:
            continue
        auc = statistics.mean(r["auroc"] for r in mine)
        acc = statistics.mean(r["acc_at_0.5"] for r in mine)
        ref_name = REFERENCE_ROW[ds]
        ref_auc, ref_acc = PUBLISHED[ds][ref_name]
        best_auc_name, best_auc = best_published(ds, 0)
        best_acc_name, best_acc = best_published(ds, 1)
        rows.append({
            "dataset": ds, "seeds": len(mine), "model": mine[0]["model"],
            "AUC": auc, "ACC": acc,
            "AUC_sd": statistics.stdev(r["auroc"] for r in mine) if len(mine) > 1 else None,
            "ACC_sd": statistics.stdev(r["acc_at_0.5"] for r in mine) if len(mine) > 1 else None,
            "train_s": statistics.mean(r["train_seconds"] for r in mine),
            "reference": ref_name, "ref_AUC": ref_auc, "ref_ACC": ref_acc,
            "beats_ref_AUC": auc > ref_auc, "beats_ref_ACC": acc > ref_acc,
            "best_AUC": f"{best_auc:.3f} ({best_auc_name})", "gap_AUC": auc - best_auc,
            "best_ACC": f"{best_acc:.3f} ({best_acc_name})", "gap_ACC": acc - best_acc,
        })
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default=",".join(DATASETS), help="comma-separated subset of " + ", ".join(DATASETS))
    ap.add_argument("--seeds", default="0")
    ap.add_argument("--data-dir", default=None, help="folder with the .npz files (default: each config's data.path)")
    ap.add_argument("--set", action="append", default=[], help="extra config override key=value (all sets)")
    ap.add_argument("--runs", default="runs/medmnist-benchmark", help="where the run directories go")
    ap.add_argument("--out", default=None, help="JSON results file")
    ap.add_argument("--append", action="store_true",
                    help="keep the runs already in --out (other datasets / seeds) and add these")
    args = ap.parse_args()

    seeds = [int(s) for s in args.seeds.split(",")]
    runs_dir = Path(args.runs)
    results: list[dict] = []
    previous = Path(args.out) if args.out else None
    if args.append and previous is not None and previous.is_file():
        wanted = {(ds, seed) for ds in args.only.split(",") for seed in seeds}
        kept = json.loads(previous.read_text(encoding="utf-8"))["runs"]
        results = [r for r in kept if (r["dataset"], r["seed"]) not in wanted]
    for ds in args.only.split(","):
        config = ROOT / "configs" / f"{ds}.yaml"
        overrides = list(args.set)
        if args.data_dir:
            overrides.insert(0, f"data.path={Path(args.data_dir) / (ds + '.npz')}")
        for seed in seeds:
            row = run_one(config, seed, overrides, runs_dir)
            results.append(row)
            print(f"{ds} seed {seed}: AUC {row['auroc']:.3f} ACC@0.5 {row['acc_at_0.5']:.3f} "
                  f"train {row['train_seconds']:.0f}s (best epoch {row['best_epoch']}/{row['epochs_run']})",
                  flush=True)
            if previous:
                _write(previous, results, args)
    print()
    table = summarise(results)
    print_table(table, ["dataset", "seeds", "model", "AUC", "ACC", "train_s", "reference", "ref_AUC", "ref_ACC",
                        "beats_ref_AUC", "beats_ref_ACC", "best_AUC", "gap_AUC", "best_ACC", "gap_ACC"])
    if previous:
        _write(previous, results, args)


def _write(path: Path, results: list[dict], args) -> None:
    write_json(str(path), {
        "benchmark": "medmnist",
        "protocol": "MedMNIST v2: file's own split, mean/std 0.5, Adam 1e-3, batch 128, model of the best "
                    "validation AUROC epoch; test AUROC of the class-1 probability and accuracy at 0.5 "
                    "(uncalibrated). Departures per set are documented in each config.",
        "published_source": "MedMNIST website v2.html benchmark tables (shared/data/MANIFEST.md); "
                            "published values are means over 3 runs",
        "overrides": args.set,
        "summary": summarise(results),
        "runs": results,
        "published": {ds: {k: {"auc": v[0], "acc": v[1]} for k, v in rows.items()} for ds, rows in PUBLISHED.items()},
        "machine": machine(),
        "note": "2 CPU cores shared with whatever else ran (the README says what ran alongside); times drift",
    })


if __name__ == "__main__":
    main()
