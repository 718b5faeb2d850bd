"""explain.budget on a whole 3D run (issue 19): how long the explanations of a run take with the
default budget (a quarter of ``train.budget``) against no limit, and what the run says was cut.

Generated volumes of trial 16's shape (25x41x33), ``small_cnn``, ``train.budget`` as given, every
image method on ``explain.n_samples`` test volumes; each run once through ``mednn train``. Prints
a table and writes JSON.

Run: ``PYTHONPATH=src python benchmarks/explain_budget.py --work /tmp/explain_budget --out OUT.json``
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

SHAPE = (25, 41, 33)


def _volumes(path: Path) -> Path:
    rng = np.random.default_rng(0)
    arrays = {}
    for split, n in (("train", 48), ("val", 16), ("test", 16)):
        y = np.arange(n) % 2
        x = rng.integers(0, 60, (n, *SHAPE)).astype(np.uint8)
        x[y == 1, 8:16, 12:28, 10:22] = 200  # a bright block in the positives
        arrays[f"{split}_images"], arrays[f"{split}_labels"] = x, y.reshape(-1, 1).astype(np.uint8)
    np.savez(path, **arrays)
    return path


def _run(data: Path, out: Path, train_budget: str, n_samples: int, explain_budget: str | None) -> dict:
    from mednn.cli.main import main

    args = ["train", "--data", str(data), "--out", str(out), "--overwrite", "--set", "model.name=small_cnn",
            "--set", f"train.budget={train_budget}", "--set", "train.epochs=200", "--set", "train.progress=false",
            "--set", "evaluate.bootstrap=200", "--set", f"explain.n_samples={n_samples}", "--set", "train.threads=1"]
    if explain_budget is not None:
        args += ["--set", f"explain.budget={explain_budget}"]
    started = time.perf_counter()
    code = main(args)
    wall = time.perf_counter() - started
    manifest = json.loads((out / "manifest.json").read_text())
    findings = json.loads((out / "data.json").read_text())["findings"]
    cut = [f for f in findings if f["id"] == "explanations_cut"]
    return {"exit": code, "wall_seconds": round(wall, 1), "seconds_per_step": manifest.get("seconds_per_step"),
            "explanations_cut": cut[0]["message"] if cut else None, "samples_not_explained": cut[0]["count"] if cut else 0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/explain_budget"))
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--train-budget", default="20s")
    parser.add_argument("--n-samples", type=int, default=16)
    parser.add_argument("--skip-unlimited", action="store_true", help="only the run with the default budget")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    data = _volumes(args.work / "volumes.npz")
    results = {}
    for label, budget in (("default (a quarter of train.budget)", None), ("no limit (explain.budget: 1h)", "1h")):
        if budget is not None and args.skip_unlimited:
            continue
        results[label] = _run(data, args.work / ("default" if budget is None else "unlimited"), args.train_budget,
                              args.n_samples, budget)
    print(f"| explain.budget | train s | explain s | run wall s | samples not explained | (train.budget {args.train_budget}, "
          f"{args.n_samples} test volumes {'x'.join(map(str, SHAPE))})")
    print("| --- | --- | --- | --- | --- |")
    for label, r in results.items():
        steps = r["seconds_per_step"] or {}
        print(f"| {label} | {steps.get('train')} | {steps.get('explain')} | {r['wall_seconds']} | {r['samples_not_explained']} |")
    for label, r in results.items():
        if r["explanations_cut"]:
            print(f"{label}: {r['explanations_cut']}")
    if args.out is not None:
        args.out.write_text(json.dumps({"train_budget": args.train_budget, "n_samples": args.n_samples,
                                        "shape": SHAPE, "results": results}, indent=2))


if __name__ == "__main__":
    main()
