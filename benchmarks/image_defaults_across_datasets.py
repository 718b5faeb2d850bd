"""Which image recipe should ``model: auto`` use? A leave-one-dataset-out (LODO) choice (issue 12).

Image sets available offline: BreastMNIST and PneumoniaMNIST (2D, 28x28), AdrenalMNIST3D (3D,
28^3), each with the file's official train / val / test split, and two tasks built from MNIST
(not medical; public handwritten digits, added so that LODO has more than three sets to leave
out): "mnist_even_odd" (even vs odd digit) and "mnist_4v9" (4 vs 9), each --mnist-train random
training and --mnist-val validation images from MNIST's training file and up to --mnist-test
images of the official test file (seed 0), written as MedMNIST-layout .npz files under --work.
Larger MedMNIST sets (over 4 MiB) are not available offline. For CPU time, a training split
larger than --max-train (PneumoniaMNIST's 4,708) is cut to a random --max-train of its images;
validation and test stay the published ones.

Protocol: every candidate recipe runs through ``mednn.pipeline.train`` with the dataset's own
split (``split.method: file``), the ``image`` featurizer (statistics fitted on train), at most
--epochs epochs with early stopping on validation loss (patience --patience, best weights
restored), one thread, seed 0; calibration, explain, report and the pipeline's own baselines
off. Today's default is the first recipe: ``small_cnn`` with today's training settings (Adam lr
1e-3, batch 64, no augmentation, no weight decay) at the same capped budget. Logistic regression
on downsampled pixels is mednn's ``linear`` reference baseline (``mednn.evaluation.baselines``:
pixels average-pooled to 16x16, 8x8x8 for volumes, standardised, C chosen on validation) fitted
once per dataset on the same split. For each left-out dataset D, every recipe is ranked by
validation AUROC on each OTHER dataset; the best mean rank is "chosen for D" and its TEST AUROC
on D is reported beside today's default and the pixel baseline on the same rows, with a paired
bootstrap 95% CI of each difference (1,000 resamples of the test rows). D's own numbers never
choose D's recipe. A recipe should become ``model: auto``'s only if LODO shows it does not lose
on left-out data.

Each (dataset, recipe) run is one unit of work written to --work/units/ as soon as it ends, so
an interrupted benchmark resumes where it stopped; --jobs units run at once (one thread each).

    python benchmarks/image_defaults_across_datasets.py --data ../shared/data --work /tmp/imgdef \
        --out benchmarks/results/image_defaults_across_datasets.json

The committed results (2 cores shared with other jobs, load 15-45): only the first three recipes
finished on the 2D sets and the first two on AdrenalMNIST3D (one 3D run took 26-34 minutes)
within the time available. ``image_defaults_across_datasets.json``: all five sets, default vs
augmentation (``--recipes "aug rot10 zoom.1" --no-train``); ``..._2d.json``: the four 2D sets,
three recipes (``--only breastmnist pneumoniamnist mnist_even_odd mnist_4v9 --recipes
"aug rot10 zoom.1" "cosine wd1e-4" --no-train``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np  # noqa: E402

from _common import lodo_choice, machine, print_table, write_json  # noqa: E402
from defaults_across_datasets import auroc, paired_diff_ci  # noqa: E402

# name -> overrides on top of `model.name=small_cnn`; the first is today's default (small_cnn
# [32,64,128] x2 convs in 2D / [16,32,64] x1 in 3D, Adam lr 1e-3, batch 64, wd 0, no augmentation)
RECIPES = {
    "default": [],
    "aug rot10 zoom.1": ["train.augment={rotate: 10, zoom: 0.1}"],
    "aug flip rot10 zoom.1": ["train.augment={flip: true, rotate: 10, zoom: 0.1}"],
    "cosine wd1e-4": ["train.schedule=cosine", "train.weight_decay=0.0001"],
    "ema.99": ["train.ema=0.99"],
    "aug rot10 zoom.1 cosine wd1e-4 ema.99": ["train.augment={rotate: 10, zoom: 0.1}", "train.schedule=cosine",
                                              "train.weight_decay=0.0001", "train.ema=0.99"],
    "lr3e-3": ["train.lr=0.003"],
}
DEFAULT = "default"
BASELINE = "pixel_logreg"
MEDMNIST = {"breastmnist": "2D 28x28 breast ultrasound; 1 = normal or benign",
            "pneumoniamnist": "2D 28x28 pediatric chest X-ray; 1 = pneumonia",
            "adrenalmnist3d": "3D 28^3 adrenal gland masks from CT; 1 = hyperplasia"}


# --------------------------------------------------------------------------- datasets

def _mnist_task(root: Path, work: Path, name: str, positive, keep, n_train: int, n_val: int, n_test: int,
                seed: int) -> Path:
    """A binary MNIST task as a MedMNIST-layout .npz: train / val drawn from MNIST's training
    file, test from its test file (the digits ``keep`` only; label 1 for ``positive``)."""
    from mednn.data.images import _find_idx_file, _IDX_STEMS, read_idx

    path = work / f"{name}.npz"
    if path.exists():
        return path
    folder = root / "mnist"
    arrays = {}
    for split in ("train", "test"):
        x = read_idx(_find_idx_file(folder, _IDX_STEMS[(split, "images")]), "images")[:, 0]
        y = read_idx(_find_idx_file(folder, _IDX_STEMS[(split, "labels")]), "labels")
        arrays[split] = (x, y)
    rng = np.random.default_rng(seed)
    x, y = arrays["train"]
    rows = rng.permutation(np.flatnonzero(np.isin(y, keep)))
    train, val = rows[:n_train], rows[n_train:n_train + n_val]
    xt, yt = arrays["test"]
    test = np.sort(rng.permutation(np.flatnonzero(np.isin(yt, keep)))[:n_test])
    label = lambda v: np.isin(v, positive).astype(np.uint8).reshape(-1, 1)  # noqa: E731
    np.savez(path, train_images=x[train], train_labels=label(y[train]), val_images=x[val],
             val_labels=label(y[val]), test_images=xt[test], test_labels=label(yt[test]))
    return path


def build_datasets(root: Path, work: Path, args) -> dict[str, tuple[list[str], str]]:
    """name -> (config overrides for data.*, note)."""
    work.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, note in MEDMNIST.items():
        path = root / "medmnist" / (name + ".npz")
        with np.load(path) as f:
            arrays = {k: f[k] for k in f.files}
        n_train = len(arrays["train_labels"])
        if n_train > args.max_train:  # a random subset of the training rows; val and test as published
            keep = np.sort(np.random.default_rng(args.seed).permutation(n_train)[:args.max_train])
            arrays.update(train_images=arrays["train_images"][keep], train_labels=arrays["train_labels"][keep])
            path = work / f"{name}_train{args.max_train}.npz"
            if not path.exists():
                np.savez(path, **arrays)
            note += f"; official split, {args.max_train} random of its {n_train} training images"
        else:
            note += "; official split"
        out[name] = ([f"data.path={path}", "data.format=medmnist"], note)
    sizes = (args.mnist_train, args.mnist_val, args.mnist_test, args.seed)
    even = _mnist_task(root, work, "mnist_even_odd", [0, 2, 4, 6, 8], list(range(10)), *sizes)
    out["mnist_even_odd"] = ([f"data.path={even}", "data.format=medmnist"],
                             f"MNIST (not medical) even vs odd digit; {args.mnist_train}/{args.mnist_val} random "
                             f"train/val from MNIST train, {args.mnist_test} of MNIST test")
    four_nine = _mnist_task(root, work, "mnist_4v9", [9], [4, 9], *sizes)
    out["mnist_4v9"] = ([f"data.path={four_nine}", "data.format=medmnist"],
                        f"MNIST (not medical) 4 vs 9; {args.mnist_train}/{args.mnist_val} random train/val from "
                        f"MNIST train, {args.mnist_test} of MNIST test")
    return out


# --------------------------------------------------------------------------- one unit of work

def common_overrides(args) -> list[str]:
    return [f"seed={args.seed}", "model.name=small_cnn", "split.method=file", f"train.epochs={args.epochs}",
            f"train.early_stopping.patience={args.patience}", "train.threads=1", "train.device=cpu",
            "train.progress=false", "train.checkpoint_every=0", "evaluate.calibrate=none",
            "evaluate.baselines=none", "evaluate.bootstrap=0", "explain.enabled=false", "report.enabled=false"]


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")


def run_unit(dataset: str, recipe: str, overrides: list[str], work: str) -> str:
    """Train one recipe on one dataset (or fit the pixel baseline) and write its validation and
    test scores of class 1, by sample id, to work/units/DATASET__RECIPE.json."""
    import pandas as pd
    import torch

    from mednn.config import load_config

    torch.set_num_threads(1)
    target = Path(work) / "units" / f"{dataset}__{_slug(recipe)}.json"
    cfg = load_config(None, overrides)
    t0 = time.perf_counter()
    if recipe == BASELINE:
        from mednn.evaluation.baselines import baseline_features, linear_baseline
        from mednn.pipeline import read_and_split

        ds, splits, _ = read_and_split(cfg)
        features, text = baseline_features("images", splits)
        targets = {s: np.asarray(p.targets) for s, p in splits.items()}
        prob, info = linear_baseline(ds.task, features, targets, seed=cfg.seed)
        out = {s: {"ids": [str(i) for i in getattr(splits, s).ids], "y": targets[s].astype(int).tolist(),
                   "p": np.asarray(prob[s], dtype=float).tolist()} for s in ("val", "test")}
        out.update(info=info, features=text, n={s: len(p) for s, p in splits.items()},
                   shape=list(np.asarray(splits.train.inputs).shape[1:]),
                   positives={s: int(np.sum(targets[s])) for s in ("train", "val", "test")})
    else:
        from mednn.pipeline import train

        run = Path(work) / "runs" / f"{dataset}__{_slug(recipe)}"
        train(cfg, run, overwrite=True)
        metrics = json.loads((run / "metrics.json").read_text())
        frame = pd.read_csv(run / "predictions.csv").astype({"id": str})
        positive = f"p:{json.loads((run / 'predictor.json').read_text())['task']['class_names'][1]}"
        out = {s: dict(zip(["ids", "p"], [frame.loc[frame["split"] == s, "id"].tolist(),
                                          frame.loc[frame["split"] == s, positive].astype(float).tolist()]))
               for s in ("val", "test")}
        training = metrics.get("training") or {}
        out.update(epochs=training.get("epochs_run"), best_epoch=training.get("best_epoch"))
    out["seconds"] = round(time.perf_counter() - t0, 1)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(out))
    return f"{dataset} / {recipe}: {out['seconds']}s"


def _aligned(unit: dict, split: str, ids: list[str]) -> np.ndarray:
    by_id = dict(zip(unit[split]["ids"], unit[split]["p"]))
    return np.array([by_id[i] for i in ids], dtype=float)


# --------------------------------------------------------------------------- main

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--work", default=None, help="where the MNIST .npz files, runs and unit results go")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--patience", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2, help="units of work at once (one thread each)")
    ap.add_argument("--max-train", type=int, default=1500,
                    help="larger MedMNIST training splits are cut to a random subset of this size")
    ap.add_argument("--mnist-train", type=int, default=1000)
    ap.add_argument("--mnist-val", type=int, default=300)
    ap.add_argument("--mnist-test", type=int, default=1000)
    ap.add_argument("--only", nargs="*", help="datasets to run (default: all)")
    ap.add_argument("--recipes", nargs="*", help="recipes to run (default: all)")
    ap.add_argument("--no-train", action="store_true",
                    help="only aggregate the units already in --work (datasets with missing units are reported apart)")
    ap.add_argument("--out", default="benchmarks/results/image_defaults_across_datasets.json")
    args = ap.parse_args()
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    t_all = time.perf_counter()
    work = Path(args.work or tempfile.mkdtemp(prefix="mednn_image_defaults_"))
    sets = build_datasets(Path(args.data), work, args)
    if args.only:
        sets = {k: v for k, v in sets.items() if k in args.only}
    recipes = {k: v for k, v in RECIPES.items() if not args.recipes or k in args.recipes or k == DEFAULT}
    units = [(d, BASELINE, data) for d, (data, _) in sets.items()]
    units += [(d, r, data + common_overrides(args) + o) for r, o in recipes.items() for d, (data, _) in sets.items()]
    todo = [u for u in units if not (work / "units" / f"{u[0]}__{_slug(u[1])}.json").exists()]
    print(f"{len(units) - len(todo)} of {len(units)} units already done in {work}", file=sys.stderr, flush=True)
    if not args.no_train:
        with ProcessPoolExecutor(args.jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = [pool.submit(run_unit, d, r, o, str(work)) for d, r, o in todo]
            for f in as_completed(futures):
                print(f"  {f.result()}", file=sys.stderr, flush=True)
    # --no-train: a dataset some recipe has not finished on is left out of the LODO choice and
    # reported on its own (the recipes that did finish there, beside the pixel baseline)
    missing = {d for d, r, _ in todo if not (work / "units" / f"{d}__{_slug(r)}.json").exists()}
    incomplete = {}
    for d in sorted(missing):
        if not (work / "units" / f"{d}__{BASELINE}.json").exists():
            continue
        base = json.loads((work / "units" / f"{d}__{BASELINE}.json").read_text())
        y, done = np.asarray(base["test"]["y"]), {}
        for r in recipes:
            path = work / "units" / f"{d}__{_slug(r)}.json"
            if path.exists():
                unit = json.loads(path.read_text())
                p = _aligned(unit, "test", base["test"]["ids"])
                done[r] = {"val_auroc": auroc(base["val"]["y"], _aligned(unit, "val", base["val"]["ids"])),
                           "test_auroc": auroc(y, p), "seconds": unit["seconds"],
                           "minus_pixel_logreg": paired_diff_ci(y, p, base["test"]["p"])}
        incomplete[d] = {"note": sets[d][1], "shape": base["shape"], "n": base["n"],
                         "pixel_logreg_test_auroc": auroc(y, base["test"]["p"]), "recipes_finished": done,
                         "recipes_not_finished": [r for r in recipes if r not in done]}
        print(f"{d}: left out of the LODO choice (not finished: {incomplete[d]['recipes_not_finished']}); "
              + ", ".join(f"{r} test {v['test_auroc']:.3f} ({v['minus_pixel_logreg']['diff']:+.3f} "
                          f"[{v['minus_pixel_logreg']['ci95'][0]:+.3f}, {v['minus_pixel_logreg']['ci95'][1]:+.3f}] "
                          f"vs pixel LR {incomplete[d]['pixel_logreg_test_auroc']:.3f})" for r, v in done.items()))
    sets = {d: v for d, v in sets.items() if d not in missing}

    per, probs = {}, {}
    for d, (_, note) in sets.items():
        base = json.loads((work / "units" / f"{d}__{BASELINE}.json").read_text())
        ids = {s: base[s]["ids"] for s in ("val", "test")}
        y = {s: np.asarray(base[s]["y"]) for s in ("val", "test")}
        probs[d] = {"y_test": y["test"], BASELINE: np.asarray(base["test"]["p"])}
        entry = {"note": note, "shape": base["shape"], "n": base["n"], "positives": base["positives"],
                 "pixel_logreg": {"val_auroc": auroc(y["val"], base["val"]["p"]),
                                  "test_auroc": auroc(y["test"], base["test"]["p"]), "seconds": base["seconds"],
                                  "features": base["features"], **base["info"]},
                 "recipes": {}}
        unit_seconds = base["seconds"]
        for r in recipes:
            unit = json.loads((work / "units" / f"{d}__{_slug(r)}.json").read_text())
            p = {s: _aligned(unit, s, ids[s]) for s in ("val", "test")}
            probs[d][r] = p["test"]
            entry["recipes"][r] = {"val_auroc": auroc(y["val"], p["val"]), "test_auroc": auroc(y["test"], p["test"]),
                                   "seconds": unit["seconds"], "epochs": unit["epochs"],
                                   "best_epoch": unit["best_epoch"]}
            unit_seconds += unit["seconds"]
        entry["seconds"] = round(unit_seconds, 1)
        per[d] = entry

    names = list(recipes)
    ranks, choices = lodo_choice({d: {r: e["recipes"][r]["val_auroc"] for r in names} for d, e in per.items()}, names)
    rows, lodo = [], {}
    for d, e in per.items():
        chosen = choices[d]
        p, y = probs[d], probs[d]["y_test"]
        res = {"chosen": chosen, "chosen_test_auroc": e["recipes"][chosen]["test_auroc"],
               "default_test_auroc": e["recipes"][DEFAULT]["test_auroc"],
               "pixel_logreg_test_auroc": e["pixel_logreg"]["test_auroc"],
               "chosen_minus_default": paired_diff_ci(y, p[chosen], p[DEFAULT]),
               "chosen_minus_pixel_logreg": paired_diff_ci(y, p[chosen], p[BASELINE]),
               "default_minus_pixel_logreg": paired_diff_ci(y, p[DEFAULT], p[BASELINE])}
        lodo[d] = res

        def ci(k):
            v = res[k]
            return f"{v['diff']:+.3f} [{v['ci95'][0]:+.3f}, {v['ci95'][1]:+.3f}]"

        rows.append({"dataset": d, "chosen (LODO)": chosen, "chosen": res["chosen_test_auroc"],
                     "default": res["default_test_auroc"], "pixel LR": res["pixel_logreg_test_auroc"],
                     "chosen-default": ci("chosen_minus_default"), "chosen-LR": ci("chosen_minus_pixel_logreg"),
                     "default-LR": ci("default_minus_pixel_logreg"),
                     "chosen s": e["recipes"][chosen]["seconds"], "default s": e["recipes"][DEFAULT]["seconds"],
                     "LR s": e["pixel_logreg"]["seconds"]})
    overall_rank = {r: float(np.mean([ranks[d][r] for d in per])) for r in names}
    best_overall = min(names, key=lambda r: (overall_rank[r], names.index(r)))
    diffs = [lodo[d]["chosen_minus_default"]["diff"] for d in per]
    print("test AUROC (class 1), LODO choice by mean validation-AUROC rank on the other datasets")
    print_table(rows, list(rows[0]))
    print()
    print_table([{"recipe": r, "mean val rank (all)": overall_rank[r],
                  "mean test auroc": float(np.mean([per[d]["recipes"][r]["test_auroc"] for d in per])),
                  "seconds (all sets)": round(sum(per[d]["recipes"][r]["seconds"] for d in per), 1)}
                 for r in names], ["recipe", "mean val rank (all)", "mean test auroc", "seconds (all sets)"])
    summary = {"best_overall_by_validation_rank": best_overall, "overall_mean_val_rank": overall_rank,
               "lodo_chosen_minus_default_mean": float(np.mean(diffs)),
               "lodo_chosen_beats_default": int(sum(v > 0 for v in diffs)), "datasets": len(diffs),
               "lodo_chosen_significantly_below_default": [d for d in per
                                                           if lodo[d]["chosen_minus_default"]["ci95"][1] < 0],
               "lodo_chosen_significantly_below_pixel_logreg": [
                   d for d in per if lodo[d]["chosen_minus_pixel_logreg"]["ci95"][1] < 0],
               "default_significantly_below_pixel_logreg": [
                   d for d in per if lodo[d]["default_minus_pixel_logreg"]["ci95"][1] < 0],
               "unit_seconds_total": round(sum(e["seconds"] for e in per.values()), 1),
               "wall_seconds_this_invocation": round(time.perf_counter() - t_all, 1), "jobs": args.jobs}
    print(f"\nbest recipe over all datasets by validation rank: {best_overall}; LODO chosen - default test AUROC: "
          f"mean {summary['lodo_chosen_minus_default_mean']:+.4f}, better on {summary['lodo_chosen_beats_default']} "
          f"of {len(diffs)}; chosen significantly below pixel LR on "
          f"{summary['lodo_chosen_significantly_below_pixel_logreg'] or 'none'}; units "
          f"{summary['unit_seconds_total']}s of one thread; this invocation {summary['wall_seconds_this_invocation']}s "
          f"with {args.jobs} jobs")
    write_json(args.out, {"machine": machine(), "recipes": recipes, "common_overrides": common_overrides(args),
                          "protocol": __doc__.split("\n\n")[2].strip(), "per_dataset": per, "ranks": ranks,
                          "lodo": lodo, "summary": summary, "not_in_lodo": incomplete,
                          "candidates_not_compared": [r for r in RECIPES if r not in recipes]})


if __name__ == "__main__":
    main()
