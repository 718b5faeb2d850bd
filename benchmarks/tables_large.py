"""A 100,000-row table: mednn's `model: auto` MLP beside LightGBM and logistic regression.

The UCI diabetes 130 hospitals table (101,766 encounters; positive: readmitted within 30 days;
split 65/15/20 by patient with mednn's group split, seed 0): the table featurized by mednn's
``tabular`` featurizer as ``mednn train`` would (the settings ``model: auto`` resolves to for
this training split's size, from :mod:`mednn.recipes`), the MLP trained by mednn's loop; beside
it the same recipe without its large-data part (what ``model: auto`` trained before),
LightGBM (early stopping on validation, as in benchmarks/defaults_across_datasets.py) and
logistic regression (L2, C chosen on validation). Timed: the featurizer (fit + transform of
the three splits) and the training of each model, wall and CPU seconds, the MLP and LightGBM
interleaved over --repeats; test AUROC with paired bootstrap 95% CIs of the differences on the
same test rows. ``--end-to-end`` also times ``mednn train`` (evaluate.baselines none,
explanations off) against a plain pandas + LightGBM script on the same file, interleaved.

    python benchmarks/tables_large.py --data ../shared/data --out benchmarks/results/tables_large.json
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np  # noqa: E402

from _common import machine, print_table, write_json  # noqa: E402
from defaults_across_datasets import auroc, lightgbm, load_tables, logistic, paired_diff_ci  # noqa: E402

FILE = "uci_diabetes_130/diabetic_data.csv.gz"


def load(root: Path, seed: int):
    """mednn Datasets of the train / val / test splits of the whole table."""
    from mednn.data.base import Dataset, Task
    from mednn.data.splits import split_indices

    x, y, groups, _ = load_tables(root, 10**9, seed, only=["diabetes130"])["diabetes130"]
    ds = Dataset(inputs=x, targets=y, task=Task("binary", ("no", "yes")), ids=np.arange(len(y)),
                 groups=groups, source="diabetes130")
    index = split_indices(ds, "group", 0.15, 0.2, seed=seed)
    return {s: ds.subset(index[s]) for s in ("train", "val", "test")}


def auto_config(n_train: int | None):
    """What `model: auto` resolves to on a table (with its large-data part when n_train is given)."""
    from mednn.config import load_config
    from mednn.recipes import apply_auto_recipe

    return apply_auto_recipe(load_config(None, ["data.path=breast-cancer"]), n_train=n_train, task_kind="binary")


def featurize(cfg, parts):
    from mednn.featurizers.tabular import TabularFeaturizer

    t0, c0 = time.perf_counter(), time.process_time()
    featurizer = TabularFeaturizer(missing="impute", **cfg.featurize.options).fit(parts["train"])
    features = {s: featurizer.transform(p) for s, p in parts.items()}
    return features, {"seconds": time.perf_counter() - t0, "cpu_seconds": time.process_time() - c0,
                      "inputs": int(features["train"].shape[1])}


def train_mlp(cfg, parts, features, seed: int):
    """mednn's MLP as `mednn train` builds and trains it (one intra-op thread, as set_threads
    picks for a network this small)."""
    import torch

    from mednn.data.base import Task
    from mednn.models.tabular import build_mlp
    from mednn.training.loop import fit, predict_logits
    from mednn.training.seeding import seed_everything, set_threads

    task = Task("binary", ("no", "yes"))
    generator = seed_everything(seed)
    model = build_mlp(task=task, input_shape=tuple(features["train"].shape[1:]), **cfg.model.hparams)
    threads = set_threads(cfg.train.threads, sum(p.numel() for p in model.parameters()))
    train_cfg = cfg.train.model_copy(update={"progress": False, "checkpoint_every": 0})
    y = {s: torch.as_tensor(parts[s].targets, dtype=torch.float32) for s in ("train", "val")}
    t0, c0 = time.perf_counter(), time.process_time()
    result = fit(model, features["train"], y["train"], features["val"], y["val"], task=task, cfg=train_cfg,
                 generator=generator, device=torch.device("cpu"))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    prob = {s: torch.sigmoid(predict_logits(model, features[s]).reshape(-1)).numpy() for s in ("val", "test")}
    return prob, {"seconds": seconds, "cpu_seconds": cpu, "epochs": result.epochs_run,
                  "best_epoch": result.best_epoch, "threads": threads}


def timed(fn, *args):
    c0 = time.process_time()
    prob, seconds, info = fn(*args)
    return prob, {"seconds": seconds, "cpu_seconds": time.process_time() - c0, **info}


def settings(cfg) -> dict:
    es = cfg.train.early_stopping
    return {"model": cfg.model.hparams, "featurize": cfg.featurize.options, "batch_size": cfg.train.batch_size,
            "lr": cfg.train.lr, "weight_decay": cfg.train.weight_decay, "epochs": cfg.train.epochs,
            "patience": es.patience, "monitor": es.monitor}


# --------------------------------------------------------------------------- end to end

LIGHTGBM_SCRIPT = '''
import sys, time, numpy as np, pandas as pd, lightgbm as lgb
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupShuffleSplit
t0 = time.perf_counter()
f = pd.read_csv(sys.argv[1], na_values=["?"], low_memory=False)
y = (f["readmitted"] == "<30").to_numpy().astype(int)
x = f.drop(columns=["encounter_id", "patient_nbr", "readmitted"])
for c in x.columns:
    if not pd.api.types.is_numeric_dtype(x[c]):
        x[c] = x[c].astype("category")
rest, test = next(GroupShuffleSplit(1, test_size=0.2, random_state=0).split(x, y, f["patient_nbr"]))
tr, va = next(GroupShuffleSplit(1, test_size=0.15 / 0.8, random_state=0).split(
    x.iloc[rest], y[rest], f["patient_nbr"].iloc[rest]))
tr, va = rest[tr], rest[va]
m = lgb.LGBMClassifier(n_estimators=1000, learning_rate=0.05, n_jobs=1, verbose=-1, random_state=0)
m.fit(x.iloc[tr], y[tr], eval_set=[(x.iloc[va], y[va])], eval_metric="auc",
      callbacks=[lgb.early_stopping(50, verbose=False)])
print("test AUROC", roc_auc_score(y[test], m.predict_proba(x.iloc[test])[:, 1]), "seconds", time.perf_counter() - t0)
'''

MEDNN_CONFIG = """name: diabetes130
seed: 0
data:
  format: csv
  path: {path}
  label: readmitted
  label_map: {{"<30": "yes", ">30": "no", "NO": "no"}}
  class_names: ["no", "yes"]
  positive_class: "yes"
  id_column: encounter_id
  patient_column: patient_nbr
  categorical_columns: [diag_1, diag_2, diag_3]
split:
  method: group
model:
  name: auto
train:
  progress: false
evaluate:
  baselines: none
explain:
  enabled: false
"""


def _process(cmd: list[str], env=None) -> dict:
    """Wall seconds and the child's CPU seconds of one command."""
    before = os.times()
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    after = os.times()
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[:4]} failed:\n{proc.stderr[-2000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return {"seconds": wall, "cpu_seconds": cpu, "stdout": proc.stdout[-500:]}


def end_to_end(root: Path, repeats: int) -> dict:
    path = (root / FILE).resolve()
    src = Path(__file__).resolve().parents[1] / "src"
    env = {**os.environ, "PYTHONPATH": str(src)}
    out: dict[str, list] = {"lightgbm_script": [], "mednn_train": []}
    with tempfile.TemporaryDirectory() as tmp:
        script, config = Path(tmp) / "lgbm.py", Path(tmp) / "diabetes.yaml"
        script.write_text(LIGHTGBM_SCRIPT)
        config.write_text(MEDNN_CONFIG.format(path=path))
        for k in range(repeats):  # interleaved: A B A B
            out["lightgbm_script"].append(_process([sys.executable, str(script), str(path)]))
            run = _process([sys.executable, "-m", "mednn", "train", str(config), "--out", f"{tmp}/run{k}"], env=env)
            metrics = json.loads((Path(tmp) / f"run{k}" / "metrics.json").read_text())
            run["test_auroc"] = metrics["test"]["auroc"]["value"]
            out["mednn_train"].append(run)
    return out


# --------------------------------------------------------------------------- main

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeats", type=int, default=3, help="interleaved MLP / LightGBM timings")
    ap.add_argument("--no-before", action="store_true", help="skip the recipe without its large-data part (slow)")
    ap.add_argument("--end-to-end", type=int, default=0, metavar="N", help="also time mednn train vs a script N times")
    ap.add_argument("--out", default="benchmarks/results/tables_large.json")
    args = ap.parse_args()
    import warnings

    warnings.filterwarnings("ignore", message=".*eval_set.*")  # lightgbm 4.7 renames the argument
    t_all = time.perf_counter()
    load_start = os.getloadavg()
    parts = load(Path(args.data), args.seed)
    y_test = parts["test"].targets
    n_train = len(parts["train"])
    after_cfg, before_cfg = auto_config(n_train), auto_config(None)
    print(f"train/val/test {n_train}/{len(parts['val'])}/{len(y_test)}; positives in test {int(y_test.sum())}",
          file=sys.stderr, flush=True)

    features, feat_info = featurize(after_cfg, parts)
    runs: dict[str, list] = {"mlp": [], "lightgbm": []}
    probs = {}
    for k in range(args.repeats):  # interleaved: the MLP, then LightGBM, on the same machine state
        prob, info = train_mlp(after_cfg, parts, features, args.seed)
        runs["mlp"].append(info)
        probs["mlp"] = prob  # same seed: every repeat gives the same network
        prob, info = timed(lightgbm, parts)
        runs["lightgbm"].append(info)
        probs["lightgbm"] = prob
        print(f"repeat {k + 1}: mlp {runs['mlp'][-1]['seconds']:.1f}s, lightgbm {info['seconds']:.1f}s",
              file=sys.stderr, flush=True)
    probs["logistic"], lr_info = timed(logistic, parts, features)
    entries = {
        "mlp": {"settings": settings(after_cfg), "featurize": feat_info, "runs": runs["mlp"]},
        "lightgbm": {"runs": runs["lightgbm"]},
        "logistic": {"runs": [lr_info]},
    }
    if not args.no_before:
        before_features, before_feat = featurize(before_cfg, parts)
        probs["mlp_before"], info = train_mlp(before_cfg, parts, before_features, args.seed)
        del before_features
        entries["mlp_before"] = {"settings": settings(before_cfg), "featurize": before_feat, "runs": [info]}
    for name, entry in entries.items():
        entry["test_auroc"] = auroc(y_test, probs[name]["test"])
        entry["val_auroc"] = auroc(parts["val"].targets, probs[name]["val"])
        for key in ("seconds", "cpu_seconds"):
            entry[f"median_{key}"] = float(np.median([r[key] for r in entry["runs"]]))

    pairs = [("mlp", "lightgbm"), ("mlp", "logistic"), ("mlp", "mlp_before"), ("mlp_before", "lightgbm")]
    diffs = {f"{a}-{b}": paired_diff_ci(y_test, probs[a]["test"], probs[b]["test"]) for a, b in pairs
             if a in probs and b in probs}
    # the ratio the issue's target is about: the MLP's training time over LightGBM's, pair by pair
    ratio = {key: [m[key] / g[key] for m, g in zip(runs["mlp"], runs["lightgbm"])]
             for key in ("seconds", "cpu_seconds")}
    summary = {f"mlp_over_lightgbm_{key}": {"median": float(np.median(v)), "min": float(np.min(v)),
                                            "max": float(np.max(v))} for key, v in ratio.items()}
    if "mlp_before" in entries:
        summary["mlp_before_over_lightgbm_cpu_seconds"] = (entries["mlp_before"]["median_cpu_seconds"]
                                                           / entries["lightgbm"]["median_cpu_seconds"])
    e2e = end_to_end(Path(args.data), args.end_to_end) if args.end_to_end else None

    rows = []
    for name, entry in entries.items():
        rows.append({"model": name, "inputs": entry.get("featurize", {}).get("inputs"),
                     "epochs": entry["runs"][0].get("epochs"), "best epoch": entry["runs"][0].get("best_epoch"),
                     "fit s (median)": entry["median_seconds"], "fit CPU s": entry["median_cpu_seconds"],
                     "featurize s": entry.get("featurize", {}).get("seconds"),
                     "val AUROC": entry["val_auroc"], "test AUROC": entry["test_auroc"]})
    print_table(rows, list(rows[0]))
    print()
    for key, d in diffs.items():
        print(f"test AUROC {key}: {d['diff']:+.4f} [{d['ci95'][0]:+.4f}, {d['ci95'][1]:+.4f}]")
    for key, v in summary.items():
        print(f"{key}: {v if isinstance(v, float) else v['median']:.2f}")
    if e2e:
        for name, rs in e2e.items():
            print(f"end to end {name}: median {np.median([r['seconds'] for r in rs]):.1f}s wall, "
                  f"{np.median([r['cpu_seconds'] for r in rs]):.1f}s CPU over {len(rs)}")
    load_end = os.getloadavg()
    print(f"load average at start {load_start[0]:.1f}, at end {load_end[0]:.1f}; total {time.perf_counter() - t_all:.0f}s")
    write_json(args.out, {"machine": machine(), "load_average": {"start": list(load_start), "end": list(load_end)},
                          "protocol": __doc__.split("\n\n")[1].strip(), "n": {s: len(p) for s, p in parts.items()},
                          "test_positives": int(y_test.sum()), "models": entries, "diffs": diffs, "summary": summary,
                          "end_to_end": e2e, "seconds_total": round(time.perf_counter() - t_all, 1)})


if __name__ == "__main__":
    main()
