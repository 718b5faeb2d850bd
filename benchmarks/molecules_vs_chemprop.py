"""mednn vs chemprop on six MoleculeNet sets: same molecules, same split indices, same seeds.

For every set and seed, the molecules are read and standardised once by mednn's reader and
split by mednn (BBBP by scaffold, the others at random: 80/10/10). The same rows, in the same
order, with a ``split`` column, go to chemprop (``--splits-column``), so both train, select
on and test the same molecules. Both are scored here with the same code from their test
predictions: ROC-AUC averaged over tasks (missing labels skipped) or RMSE.

Training time per epoch: mednn's own per-epoch wall time (training + validation, from
``history.csv``); chemprop's from two runs of its CLI, ``(T(E) - T(3)) / (E - 3)`` for E
epochs, so that start-up, featurisation and testing cancel out. Both use one thread
(``OMP_NUM_THREADS=1``, ``train.threads=1``) and the CPU.

chemprop lives in its own virtual environment with the project's CPU torch::

    python -m venv benchmarks/.venv-chemprop
    benchmarks/.venv-chemprop/bin/pip install torch==2.13.0   # the CPU build (see README)
    echo "torch==2.13.0" > /tmp/c.txt && benchmarks/.venv-chemprop/bin/pip install chemprop -c /tmp/c.txt

Run (long: about an hour for 6 sets x 3 seeds on one core)::

    .venv/bin/python benchmarks/molecules_vs_chemprop.py --data ../shared/data/moleculenet \
        --chemprop benchmarks/.venv-chemprop/bin/chemprop --out benchmarks/results/molecules_vs_chemprop.json
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np  # noqa: E402

from _common import multitask_score  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

# set -> (file, mednn config, split, metric, published chemprop D-MPNN from shared/data/MANIFEST.md)
SETS = {
    "bbbp": ("bbbp.csv", "bbbp.yaml", "scaffold", "roc_auc", "0.737 ± 0.001"),
    "clintox": ("clintox.csv", "clintox.yaml", "random", "roc_auc", "0.864 ± 0.017"),
    "sider": ("sider.csv", "sider.yaml", "random", "roc_auc", "0.676 ± 0.014"),
    "esol": ("delaney.csv", "esol.yaml", "random", "rmse", "0.555 ± 0.047"),
    "freesolv": ("freesolv.csv", "freesolv.yaml", "random", "rmse", "1.075 ± 0.054"),
    "lipo": ("lipo.csv", "lipo.yaml", "random", "rmse", "0.555 ± 0.023"),
}
VAL_FRACTION = TEST_FRACTION = 0.1


def score(metric: str, y, p) -> float:
    return multitask_score(y, p, regression=metric == "rmse")


def prepare(name: str, data_dir: Path, seed: int, work: Path):
    """Read + standardise with mednn, split, and write chemprop's CSV with a split column."""
    from mednn.config import load_config
    from mednn.data.readers import read_dataset
    from mednn.data.splits import split_indices

    file, config, split, _, _ = SETS[name]
    cfg = load_config(ROOT / "configs" / config, [f"data.path={data_dir / file}", f"seed={seed}",
                                                  f"split.method={split}",
                                                  f"split.val_fraction={VAL_FRACTION}",
                                                  f"split.test_fraction={TEST_FRACTION}"])
    dataset = read_dataset(cfg.data)
    parts = split_indices(dataset, split, VAL_FRACTION, TEST_FRACTION, seed)
    label = np.empty(len(dataset), dtype=object)
    for part, index in parts.items():
        label[index] = part
    targets = np.asarray(dataset.targets, dtype=float).reshape(len(dataset), -1)
    columns = [f"t{j}" for j in range(targets.shape[1])]  # plain names: chemprop splits on spaces
    path = work / f"{name}-{seed}.csv"
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["smiles", *columns, "split"])
        for s, row, part in zip(dataset.inputs, targets, label):
            w.writerow([s, *["" if np.isnan(v) else repr(float(v)) for v in row], part])
    return cfg, dataset, parts, path, columns


def run_mednn(cfg, dataset, parts, work: Path, metric: str) -> dict:
    from mednn.pipeline import read_and_split, train

    # the pipeline must cut exactly the rows chemprop gets
    _, _, index = read_and_split(cfg)
    assert all(np.array_equal(index[k], parts[k]) for k in parts), "mednn split differs"
    cfg = cfg.model_copy(deep=True)
    cfg.train.threads = 1
    cfg.train.progress = False
    cfg.train.device = "cpu"
    cfg.evaluate.bootstrap = 0
    cfg.explain.enabled = False
    cfg.report.enabled = False
    out = work / f"mednn-{cfg.name}-{cfg.seed}"
    t0 = time.perf_counter()
    run = train(cfg, out, overwrite=True)
    wall = time.perf_counter() - t0
    history = list(csv.DictReader(open(run / "history.csv")))
    per_epoch = float(np.mean([float(r["seconds"]) for r in history]))
    test = dataset.subset(parts["test"])
    by_id = {r["id"]: r for r in csv.DictReader(open(run / "predictions.csv")) if r["split"] == "test"}
    names = list(dataset.task.class_names)
    if dataset.task.kind == "binary":
        keys = [f"p:{names[1]}"]
    elif dataset.task.kind == "multilabel":
        keys = [f"p:{n}" for n in names]
    else:
        keys = [f"predicted:{n}" for n in names]
    pred = np.array([[float(by_id[str(i)][k]) for k in keys] for i in test.ids])
    return {"score": score(metric, test.targets, pred), "s_per_epoch": per_epoch,
            "epochs": len(history), "wall_s": wall}


def run_chemprop(exe: str, path: Path, columns: list[str], kind: str, seed: int, epochs: int, work: Path) -> tuple[float, np.ndarray, list[str]]:
    out = work / f"chemprop-{path.stem}-{epochs}"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [exe, "train", "--data-path", str(path), "-s", "smiles", "--target-columns", *columns,
           "--splits-column", "split", "-t", "regression" if kind == "regression" else "classification",
           "--metrics", "rmse" if kind == "regression" else "roc", "--epochs", str(epochs), "-n", "0",
           "--accelerator", "cpu", "--devices", "1", "--pytorch-seed", str(seed), "--data-seed", str(seed),
           "-o", str(out)]
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"chemprop failed on {path.name}:\n{proc.stderr[-3000:]}")
    rows = list(csv.DictReader(open(out / "model_0" / "test_predictions.csv")))
    return wall, np.array([[float(r[c]) for c in columns] for r in rows]), [r["smiles"] for r in rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "moleculenet")
    parser.add_argument("--chemprop", default=str(ROOT / "benchmarks" / ".venv-chemprop" / "bin" / "chemprop"))
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--epochs", type=int, default=50, help="chemprop epochs (its default)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "molecules_vs_chemprop.json")
    args = parser.parse_args(argv)

    import torch

    torch.set_num_threads(1)
    os.environ["OMP_NUM_THREADS"] = "1"
    seeds = [int(s) for s in args.seeds.split(",")]
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="mednn-bench-") as tmp:
        work = Path(tmp)
        for name in args.sets.split(","):
            _, _, split, metric, published = SETS[name]
            entry = {"split": split, "metric": metric, "published_chemprop": published, "seeds": seeds,
                     "mednn": [], "chemprop": [], "chemprop_wall_3_epochs": None}
            for seed in seeds:
                cfg, dataset, parts, path, columns = prepare(name, args.data, seed, work)
                entry["model"] = {"featurize": cfg.featurize.name, **cfg.featurize.options,
                                  "model": cfg.model.name, **cfg.model.hparams}
                entry["n"] = {k: int(len(v)) for k, v in parts.items()}
                entry["mednn"].append(run_mednn(cfg, dataset, parts, work, metric))
                if entry["chemprop_wall_3_epochs"] is None:
                    entry["chemprop_wall_3_epochs"] = run_chemprop(args.chemprop, path, columns, dataset.task.kind,
                                                                   seed, 3, work)[0]
                wall, pred, smiles = run_chemprop(args.chemprop, path, columns, dataset.task.kind, seed,
                                                  args.epochs, work)
                test = dataset.subset(parts["test"])
                if smiles != list(test.inputs):
                    raise RuntimeError(f"chemprop's test rows of {name} differ from mednn's")
                entry["chemprop"].append({
                    "score": score(metric, test.targets, pred),
                    "s_per_epoch": (wall - entry["chemprop_wall_3_epochs"]) / (args.epochs - 3),
                    "epochs": args.epochs, "wall_s": wall,
                })
                print(f"{name} seed {seed}: mednn {entry['mednn'][-1]['score']:.3f} "
                      f"({entry['mednn'][-1]['s_per_epoch']:.2f} s/epoch), chemprop "
                      f"{entry['chemprop'][-1]['score']:.3f} ({entry['chemprop'][-1]['s_per_epoch']:.2f} s/epoch)",
                      flush=True)
            results[name] = entry
    table(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    meta = {"threads": 1, "device": "cpu", "torch": torch.__version__, "python": sys.version.split()[0],
            "val_fraction": VAL_FRACTION, "test_fraction": TEST_FRACTION}
    args.out.write_text(json.dumps({"meta": meta, "results": results}, indent=2))
    print(f"wrote {args.out}")
    return 0


def _stat(runs: list[dict], key: str) -> str:
    values = np.array([r[key] for r in runs])
    return f"{values.mean():.3f} ± {values.std(ddof=1) if len(values) > 1 else 0:.3f}"


def table(results: dict) -> None:
    print("| set | split | metric | mednn | chemprop | chemprop published | mednn s/epoch | chemprop s/epoch |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, e in results.items():
        arrow = "↑" if e["metric"] == "roc_auc" else "↓"
        print(f"| {name} | {e['split']} | {e['metric']} {arrow} | {_stat(e['mednn'], 'score')} | "
              f"{_stat(e['chemprop'], 'score')} | {e['published_chemprop']} | "
              f"{_stat(e['mednn'], 's_per_epoch')} | {_stat(e['chemprop'], 's_per_epoch')} |")


if __name__ == "__main__":
    sys.exit(main())
