"""Which image recipe should ``model: auto`` use? A leave-one-dataset-out (LODO) choice (issues 12, 21).

Datasets (all offline): BreastMNIST and PneumoniaMNIST (2D 28x28; PneumoniaMNIST's 4,708
training images cut to a random --max-train), each also resized to 64x64 and 128x128
(bilinear upsampling of the 28x28 files: the same information at the pixel counts a user's
images have; MedMNIST+'s 64/128 files are not available offline), AdrenalMNIST3D (3D 28^3),
two MNIST tasks (not medical: even vs odd, 4 vs 9; --mnist-train / --mnist-val random images
of MNIST's training file, --mnist-test of its test file) and a FOLDER set built here because
../shared has no raw image folder: --folder-images PneumoniaMNIST training images that are not
in the PneumoniaMNIST subset above, upsampled to mixed sizes (40% 225x225 as in the brain-MRI
folder of issue 21, the rest 120-320 pixels a side with aspect ratios 0.75-1.33) and written as
gray JPEG (quality 90) and PNG files, one subfolder per class, read by the ``image_folder``
reader with mednn's stratified 65/15/20 split.

Candidates are rules from the data to settings, defined in :func:`mednn.recipes.image_recipe`
and fitted to one time budget per run (--budget seconds, the rule's own estimate of seconds
per epoch decides the epochs): ``default`` (today's small_cnn at the stored size, batch 64,
no augmentation), ``cnn`` (small_cnn, images above 64 pixels resized to 64, flips /
rotations / zoom in 2D), ``cnn_native`` (the same at the stored size), ``effnet_probe`` and
``effnet_finetune`` (EfficientNet-Lite0 from ImageNet weights, frozen / fine-tuned, at most
64 pixels). On volumes the EfficientNet candidates fall back to ``cnn`` (identical settings run once).

Protocol: every run goes through ``mednn.pipeline.train`` (split of the file, or the folder's
split; featurizer statistics fitted on train; early stopping on validation loss with best
weights restored), one thread, seed 0; calibration, explanations, the report and the
pipeline's own baselines off. Logistic regression on downsampled pixels (mednn's ``linear``
reference baseline: 16x16, 8^3 for volumes) is fitted per dataset on the same split. LODO:
for each left-out dataset GROUP (a source and its resized copies leave together), every
candidate is ranked by validation AUROC on each dataset of the OTHER groups; the best mean
rank is the choice for that group, and its test AUROC on each left-out dataset is compared
with today's default and the pixel baseline (paired bootstrap 95% CI, 1,000 resamples).

Each (dataset, settings) run is one unit written to --work/units/ when it ends, so an
interrupted benchmark resumes; --jobs units run at once.

    python benchmarks/image_defaults_across_datasets.py --data ../shared/data --work /tmp/imgdef \
        --budget 90 --out benchmarks/results/image_defaults_across_datasets.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np  # noqa: E402

from _common import ci_text, machine, print_table, write_json  # noqa: E402
from defaults_across_datasets import auroc, paired_diff_ci  # noqa: E402

CANDIDATES = ("default", "cnn", "cnn_native", "effnet_probe", "effnet_finetune")
DEFAULT = "default"
BASELINE = "pixel_logreg"
MEDMNIST = {"breastmnist": "2D breast ultrasound; 1 = normal or benign",
            "pneumoniamnist": "2D pediatric chest X-ray; 1 = pneumonia",
            "adrenalmnist3d": "3D 28^3 adrenal gland masks from CT; 1 = hyperplasia"}
SIZES = (28, 64, 128)


# --------------------------------------------------------------------------- datasets

def _resized(arrays: dict, size: int) -> dict:
    import torch

    from mednn.data.image_decoding import resize

    out = dict(arrays)
    for key in [k for k in arrays if k.endswith("_images")]:
        x = torch.from_numpy(np.ascontiguousarray(arrays[key][:, None]))
        out[key] = resize(x, (size, size))[:, 0].numpy()
    return out


def _mnist_task(root: Path, work: Path, name: str, positive, keep, args) -> Path:
    from mednn.data.image_arrays import _IDX_STEMS, _find_idx_file, read_idx

    path = work / f"{name}.npz"
    if path.exists():
        return path
    arrays = {}
    for split in ("train", "test"):
        x = read_idx(_find_idx_file(root / "mnist", _IDX_STEMS[(split, "images")]), "images")[:, 0]
        y = read_idx(_find_idx_file(root / "mnist", _IDX_STEMS[(split, "labels")]), "labels")
        arrays[split] = (x, y)
    rng = np.random.default_rng(args.seed)
    x, y = arrays["train"]
    rows = rng.permutation(np.flatnonzero(np.isin(y, keep)))
    train, val = rows[:args.mnist_train], rows[args.mnist_train:args.mnist_train + args.mnist_val]
    xt, yt = arrays["test"]
    test = np.sort(rng.permutation(np.flatnonzero(np.isin(yt, keep)))[:args.mnist_test])
    label = lambda v: np.isin(v, positive).astype(np.uint8).reshape(-1, 1)  # noqa: E731
    np.savez(path, train_images=x[train], train_labels=label(y[train]), val_images=x[val],
             val_labels=label(y[val]), test_images=xt[test], test_labels=label(yt[test]))
    return path


def _folder_set(arrays: dict, unused: np.ndarray, work: Path, args) -> Path:
    """PneumoniaMNIST training images outside the benchmark's subset, as a folder of JPEG / PNG
    files of mixed sizes (see the module docstring)."""
    from PIL import Image

    folder = work / "folder_pneumonia"
    if (folder / ".done").exists():
        return folder
    rng = np.random.default_rng(args.seed + 1)
    rows = rng.permutation(unused)[:args.folder_images]
    names = {0: "normal", 1: "pneumonia"}
    for i, row in enumerate(rows):
        label = int(arrays["train_labels"][row, 0])
        if rng.random() < 0.4:
            height = width = 225
        else:
            side = int(rng.integers(120, 321))
            aspect = float(np.exp(rng.uniform(np.log(0.75), np.log(1.333))))
            height, width = side, max(8, int(round(side * aspect)))
        image = Image.fromarray(arrays["train_images"][row]).resize((width, height), Image.BILINEAR)
        target = folder / names[label] / f"img{i:04d}.{'jpg' if i % 2 else 'png'}"
        target.parent.mkdir(parents=True, exist_ok=True)
        image.save(target, quality=90) if i % 2 else image.save(target)
    (folder / ".done").write_text("")
    return folder


def build_datasets(root: Path, work: Path, args) -> dict[str, dict]:
    """name -> {"data": overrides, "note", "group", "n_train", "shape"}."""
    work.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, note in MEDMNIST.items():
        with np.load(root / "medmnist" / (name + ".npz")) as f:
            arrays = {k: f[k] for k in f.files}
        n_train = len(arrays["train_labels"])
        rng = np.random.default_rng(args.seed)
        order = rng.permutation(n_train)
        if n_train > args.max_train:
            keep = np.sort(order[:args.max_train])
            if name == "pneumoniamnist":
                folder = _folder_set(arrays, np.sort(order[args.max_train:]), work, args)
                out["folder_pneumonia"] = {
                    "data": [f"data.path={folder}", "data.format=image_folder", "split.method=stratified"],
                    "note": f"{args.folder_images} PneumoniaMNIST training images outside the pneumoniamnist subset, "
                            "upsampled to mixed sizes (40% 225x225), gray JPEG/PNG, class folders",
                    "group": "folder", "n_train": None, "shape": None}
            arrays.update(train_images=arrays["train_images"][keep], train_labels=arrays["train_labels"][keep])
            note += f"; official val/test, {args.max_train} random of its {n_train} training images"
        sizes = SIZES if arrays["train_images"].ndim == 3 else (28,)
        for size in sizes:
            label = name if size == 28 else f"{name}@{size}"
            path = work / f"{label}.npz"
            if not path.exists():
                np.savez(path, **(arrays if size == 28 else _resized(arrays, size)))
            out[label] = {"data": [f"data.path={path}", "data.format=medmnist", "split.method=file"],
                          "note": note + ("" if size == 28 else f"; upsampled 28 -> {size}"), "group": name}
    for name, positive, keep in (("mnist_even_odd", [0, 2, 4, 6, 8], list(range(10))), ("mnist_4v9", [9], [4, 9])):
        path = _mnist_task(root, work, name, positive, keep, args)
        out[name] = {"data": [f"data.path={path}", "data.format=medmnist", "split.method=file"],
                     "note": f"MNIST (not medical) {name[6:]}; {args.mnist_train}/{args.mnist_val}/{args.mnist_test}",
                     "group": name}
    return out


def split_summary(data: list[str], seed: int) -> tuple[int, tuple[int, ...]]:
    """Training count and image shape (C, *spatial) of a dataset, as mednn reads and splits it."""
    from mednn.config import load_config
    from mednn.pipeline import read_and_split

    _, splits, _ = read_and_split(load_config(None, data + [f"seed={seed}"]))
    return len(splits.train), tuple(int(s) for s in np.asarray(splits.train.inputs[:1]).shape[1:])


# --------------------------------------------------------------------------- one unit of work

def common_overrides(args) -> list[str]:
    return [f"seed={args.seed}", "train.threads=1", "train.device=cpu", "train.progress=false",
            "train.checkpoint_every=0", "evaluate.calibrate=none", "evaluate.baselines=none",
            "evaluate.bootstrap=0", "explain.enabled=false", "report.enabled=false"]


def candidate_overrides(candidate: str, n_train: int, shape, budget: float) -> tuple[list[str], str]:
    """The candidate's settings for this data as config overrides, and its console line."""
    from mednn.recipes import image_recipe

    recipe = image_recipe(candidate, n_train=n_train, shape=tuple(shape), budget_seconds=budget)
    out = []
    for section, values in recipe.overrides().items():
        out += [f"{section}.{key}={json.dumps(value)}" for key, value in values.items()]
    return out, recipe.line()


def unit_key(dataset: str, overrides: list[str]) -> str:
    return f"{dataset.replace('@', '_')}__{hashlib.sha1(' '.join(sorted(overrides)).encode()).hexdigest()[:10]}"


def run_unit(dataset: str, key: str, overrides: list[str], work: str, line: str) -> str:
    """Train one setting on one dataset (or fit the pixel baseline) and write its validation
    and test scores of class 1, by sample id, to work/units/KEY.json."""
    import pandas as pd
    import torch

    from mednn.config import load_config

    torch.set_num_threads(1)
    target = Path(work) / "units" / f"{key}.json"
    cfg = load_config(None, overrides)
    t0 = time.perf_counter()
    if line == BASELINE:
        from mednn.evaluation.baselines import baseline_features, linear_baseline
        from mednn.pipeline import read_and_split

        ds, splits, _ = read_and_split(cfg)
        features, text = baseline_features("images", splits)
        targets = {s: np.asarray(p.targets) for s, p in splits.items()}
        prob, info = linear_baseline(ds.task, features, targets, seed=cfg.seed)
        out = {s: {"ids": [str(i) for i in getattr(splits, s).ids], "y": targets[s].astype(int).tolist(),
                   "p": np.asarray(prob[s], dtype=float).tolist()} for s in ("val", "test")}
        out.update(info=info, features=text, n={s: len(p) for s, p in splits.items()},
                   shape=list(np.asarray(splits.train.inputs[:1]).shape[1:]),
                   positives={s: int(np.sum(targets[s])) for s in ("train", "val", "test")})
    else:
        from mednn.pipeline import train

        run = Path(work) / "runs" / key
        train(cfg, run, overwrite=True)
        metrics = json.loads((run / "metrics.json").read_text())
        frame = pd.read_csv(run / "predictions.csv").astype({"id": str})
        positive = f"p:{json.loads((run / 'predictor.json').read_text())['task']['class_names'][1]}"
        out = {s: dict(zip(["ids", "p"], [frame.loc[frame["split"] == s, "id"].tolist(),
                                          frame.loc[frame["split"] == s, positive].astype(float).tolist()]))
               for s in ("val", "test")}
        training = metrics.get("training") or {}
        out.update(epochs=training.get("epochs_run"), best_epoch=training.get("best_epoch"), line=line)
    out["seconds"] = round(time.perf_counter() - t0, 1)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(out))
    return f"{dataset} / {line[:90]}: {out['seconds']}s"


def _aligned(unit: dict, split: str, ids: list[str]) -> np.ndarray:
    by_id = dict(zip(unit[split]["ids"], unit[split]["p"]))
    return np.array([by_id[i] for i in ids], dtype=float)


# --------------------------------------------------------------------------- choice and tables

def lodo_by_group(val: dict[str, dict[str, float]], groups: dict[str, str], names: list[str]):
    """Rank per dataset (1 = best validation AUROC; ties share the mean rank) and, per group,
    the candidate with the best mean rank over the datasets of the other groups."""
    from scipy.stats import rankdata

    ranks = {d: dict(zip(names, rankdata([-val[d][n] for n in names]))) for d in val}
    choice = {}
    for group in sorted(set(groups.values())):
        others = [d for d in val if groups[d] != group]
        if not others:  # nothing left to choose from: no LODO choice for this group
            continue
        mean = {n: float(np.mean([ranks[d][n] for d in others])) for n in names}
        choice[group] = min(names, key=lambda n: (mean[n], names.index(n)))
    return ranks, choice


def summarise(sets: dict, plan: dict, work: Path, args) -> dict:
    """Per-dataset scores, the LODO choice and its comparison with the default and the pixel baseline."""
    per, probs = {}, {}
    for d, info in sets.items():
        base = json.loads((work / "units" / f"{plan[d][BASELINE][0]}.json").read_text())
        ids = {s: base[s]["ids"] for s in ("val", "test")}
        y = {s: np.asarray(base[s]["y"]) for s in ("val", "test")}
        probs[d] = {"y": y["test"], BASELINE: np.asarray(base["test"]["p"])}
        entry = {"note": info["note"], "group": info["group"], "shape": base["shape"], "n": base["n"],
                 "positives": base["positives"],
                 "pixel_logreg": {"val_auroc": auroc(y["val"], base["val"]["p"]),
                                  "test_auroc": auroc(y["test"], base["test"]["p"]), "seconds": base["seconds"]},
                 "candidates": {}}
        for c in CANDIDATES:
            unit = json.loads((work / "units" / f"{plan[d][c][0]}.json").read_text())
            p = {s: _aligned(unit, s, ids[s]) for s in ("val", "test")}
            probs[d][c] = p["test"]
            entry["candidates"][c] = {"val_auroc": auroc(y["val"], p["val"]), "test_auroc": auroc(y["test"], p["test"]),
                                      "seconds": unit["seconds"], "epochs": unit["epochs"],
                                      "best_epoch": unit["best_epoch"], "settings": unit["line"]}
        per[d] = entry
    names = list(CANDIDATES)
    groups = {d: per[d]["group"] for d in per}
    ranks, choice = lodo_by_group({d: {c: per[d]["candidates"][c]["val_auroc"] for c in names} for d in per},
                                  groups, names)
    lodo = {}
    for d, e in per.items():
        if groups[d] not in choice:
            continue
        chosen, p, y = choice[groups[d]], probs[d], probs[d]["y"]
        lodo[d] = {"chosen": chosen, "chosen_test_auroc": e["candidates"][chosen]["test_auroc"],
                   "chosen_seconds": e["candidates"][chosen]["seconds"],
                   "chosen_minus_default": paired_diff_ci(y, p[chosen], p[DEFAULT]),
                   "chosen_minus_pixel_logreg": paired_diff_ci(y, p[chosen], p[BASELINE]),
                   "default_minus_pixel_logreg": paired_diff_ci(y, p[DEFAULT], p[BASELINE])}
    return {"per_dataset": per, "ranks": ranks, "choice_by_left_out_group": choice, "lodo": lodo}


def print_tables(result: dict) -> None:
    per, lodo = result["per_dataset"], result["lodo"]
    rows = [{"dataset": d, "train": e["n"]["train"], "test": e["n"]["test"], "pixel LR": e["pixel_logreg"]["test_auroc"],
             **{c: f"{v['test_auroc']:.3f} ({v['seconds']:.0f}s, {v['epochs']}ep)" for c, v in e["candidates"].items()}}
            for d, e in per.items()]
    print("test AUROC (seconds of the whole run, epochs run) per candidate")
    print_table(rows, list(rows[0]))
    if not lodo:
        print("\nLODO: fewer than two dataset groups finished every candidate; no choice made")
        return
    rows = [{"dataset": d, "chosen (LODO)": v["chosen"], "chosen": v["chosen_test_auroc"], "s": v["chosen_seconds"],
             "default": per[d]["candidates"][DEFAULT]["test_auroc"], "pixel LR": per[d]["pixel_logreg"]["test_auroc"],
             "chosen-default": ci_text(v["chosen_minus_default"]), "chosen-LR": ci_text(v["chosen_minus_pixel_logreg"]),
             "default-LR": ci_text(v["default_minus_pixel_logreg"])} for d, v in lodo.items()]
    print("\nLODO: the choice without the left-out dataset's group, on its test split")
    print_table(rows, list(rows[0]))


def partial_scores(d: str, plan: dict, work: Path) -> dict:
    """Test AUROC of the pixel baseline and of each candidate that finished on dataset ``d``."""
    base = json.loads((work / "units" / f"{plan[d][BASELINE][0]}.json").read_text())
    y = np.asarray(base["test"]["y"])
    out = {BASELINE: {"test_auroc": auroc(y, base["test"]["p"]), "seconds": base["seconds"]}}
    for c in CANDIDATES:
        path = work / "units" / f"{plan[d][c][0]}.json"
        if path.exists():
            unit = json.loads(path.read_text())
            p = _aligned(unit, "test", base["test"]["ids"])
            out[c] = {"test_auroc": auroc(y, p), "seconds": unit["seconds"], "epochs": unit["epochs"],
                      "settings": unit["line"], "minus_pixel_logreg": paired_diff_ci(y, p, base["test"]["p"])}
    return out


# --------------------------------------------------------------------------- main

def _plan(sets: dict, args) -> dict[str, dict[str, tuple[str, list[str], str]]]:
    """dataset -> candidate -> (unit key, overrides, settings line); identical settings share a unit."""
    plan = {}
    for d, info in sets.items():
        n_train, shape = split_summary(info["data"], args.seed)
        info["n_train"], info["shape"] = n_train, list(shape)
        base = info["data"] + common_overrides(args)
        plan[d] = {BASELINE: (unit_key(d, base + ["baseline"]), base, BASELINE)}
        for c in CANDIDATES:
            overrides, line = candidate_overrides(c, n_train, shape, args.budget)
            plan[d][c] = (unit_key(d, base + overrides), base + overrides, line)
    return plan


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--work", default=None, help="where the derived files, runs and unit results go")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--budget", type=float, default=90.0, help="seconds of training per run the rules plan for")
    ap.add_argument("--jobs", type=int, default=2, help="units of work at once (one thread each)")
    ap.add_argument("--max-train", type=int, default=1000)
    ap.add_argument("--folder-images", type=int, default=500)
    ap.add_argument("--mnist-train", type=int, default=1000)
    ap.add_argument("--mnist-val", type=int, default=300)
    ap.add_argument("--mnist-test", type=int, default=1000)
    ap.add_argument("--only", nargs="*", help="datasets to run, in this order (default: all)")
    ap.add_argument("--no-train", action="store_true", help="only summarise the units already in --work")
    ap.add_argument("--out", default="benchmarks/results/image_defaults_across_datasets.json")
    args = ap.parse_args()
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    t_all, load_start = time.perf_counter(), os.getloadavg()
    work = Path(args.work or tempfile.mkdtemp(prefix="mednn_image_defaults_"))
    sets = build_datasets(Path(args.data), work, args)
    if args.only:  # in the order given: the first run first
        sets = {k: sets[k] for k in args.only if k in sets}
    plan = _plan(sets, args)
    units = {key: (d, overrides, line) for d in plan for key, overrides, line in plan[d].values()}
    todo = {k: u for k, u in units.items() if not (work / "units" / f"{k}.json").exists()}
    print(f"{len(units) - len(todo)} of {len(units)} units already done in {work}", file=sys.stderr, flush=True)
    if not args.no_train and todo:
        with ProcessPoolExecutor(args.jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = [pool.submit(run_unit, d, k, o, str(work), line) for k, (d, o, line) in todo.items()]
            for f in as_completed(futures):
                print(f"  {f.result()}", file=sys.stderr, flush=True)
    exists = lambda key: (work / "units" / f"{key}.json").exists()  # noqa: E731
    done = {d: info for d, info in sets.items() if all(exists(key) for key, _, _ in plan[d].values())}
    not_run = sorted(set(sets) - set(done))
    if not_run:
        print(f"left out of the LODO choice (units missing): {', '.join(not_run)}", file=sys.stderr)
    partial = {d: partial_scores(d, plan, work) for d in not_run if exists(plan[d][BASELINE][0])}
    result = summarise(done, plan, work, args) if done else {"per_dataset": {}, "lodo": {}}
    if done:
        print_tables(result)
    for d, scores in partial.items():
        print(f"{d} (not every candidate finished): pixel LR {scores[BASELINE]['test_auroc']:.3f}; "
              + "; ".join(f"{c} {v['test_auroc']:.3f} ({v['minus_pixel_logreg']['diff']:+.3f} vs LR)"
                          for c, v in scores.items() if c != BASELINE))
    write_json(args.out, {"machine": {**machine(), "load_average_start": load_start, "load_average_end": os.getloadavg()},
                          "budget_seconds_per_run": args.budget,
                          "common_overrides": common_overrides(args), "protocol": __doc__.split("\n\n")[3].strip(),
                          "datasets": {d: {k: v for k, v in info.items() if k != "data"} for d, info in sets.items()},
                          "not_run": not_run, "partial": partial, **result,
                          "wall_seconds_this_invocation": round(time.perf_counter() - t_all, 1), "jobs": args.jobs})


if __name__ == "__main__":
    main()
