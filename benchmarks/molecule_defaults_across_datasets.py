"""Which molecule recipe should ``model: auto`` use? A leave-one-dataset-out (LODO) choice (issue 12).

Datasets: the MoleculeNet files in ../shared/data/moleculenet (chemprop's copies): classification
BACE, BBBP, ClinTox (2 tasks), SIDER (27 tasks), ToxCast (a seeded subsample: --toxcast-rows
random rows and --toxcast-tasks random tasks among those with at least 20 positives and 20
negatives in those rows) and MUV (17 tasks, 0.2% positives: every row with a positive label plus
random other rows up to --muv-rows); regression ESOL (delaney), FreeSolv and Lipophilicity.
Every file is read and standardised by mednn's ``smiles`` reader (the subsamples are written as
CSVs under --work first), so a molecule the reader cannot handle is reported, not a crash.

Protocol: each dataset is cut once by mednn's balanced scaffold split (what ``split.method:
auto`` does for molecules) with mednn's default fractions (65/15/20), seed 0; every candidate
recipe is featurized on train with mednn's featurizer and trained by mednn's loop (Adam, at most
100 epochs, batch 64, early stopping on validation loss with patience 20, best weights
restored: ``TrainConfig``'s defaults, which ``model: auto`` keeps). The metric is the mean
per-task AUROC over the tasks with both classes in the split (classification) or RMSE
(regression). For each left-out dataset D, every recipe is ranked by its validation metric on
each OTHER dataset (ranks are scale-free, so classification and regression sets rank together;
the per-kind choice is reported too); the recipe with the best mean rank is "chosen for D" and
its TEST metric on D is reported beside today's default (the first recipe) and mednn's
molecule reference baseline (ECFP4 + random forest, ``mednn.evaluation.baselines``, fitted on
the same train rows), with a paired bootstrap 95% CI of each difference
(``baselines.paired_difference``: the same resampled test molecules for both models). D's own
numbers never choose D's recipe. The D-MPNN (``dmpnn`` on ``molgraph``) is an unranked reference
with --dmpnn: ``model: auto`` cannot switch the model or the featurizer, only fill their keys.

    python benchmarks/molecule_defaults_across_datasets.py --data ../shared/data/moleculenet \
        --out benchmarks/results/molecule_defaults_across_datasets.json
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np  # noqa: E402

from _common import ci_text, lodo_choice, machine, multitask_score, print_table, write_json  # noqa: E402

# name -> (featurizer, featurizer options, mlp hidden_sizes, dropout, weight_decay); the first is
# today's default under `model: auto` (ecfp radius 2, 2048 bits + mlp [5], no dropout / decay,
# lr 1e-3). Options are those of mednn's `ecfp` featurizer (`ecfp+rdkit2d`: its ecfp part).
RECIPES = {
    "default [5]": ("ecfp", {}, [5], 0.0, 0.0),
    "[64]": ("ecfp", {}, [64], 0.0, 0.0),
    "[256]": ("ecfp", {}, [256], 0.0, 0.0),
    "[256] drop.2": ("ecfp", {}, [256], 0.2, 0.0),
    "[256] drop.2 wd1e-4": ("ecfp", {}, [256], 0.2, 1e-4),
    "[256,128] drop.2": ("ecfp", {}, [256, 128], 0.2, 0.0),
    "[256] drop.2 counts": ("ecfp", {"use_counts": True}, [256], 0.2, 0.0),
    "[256] drop.2 r3": ("ecfp", {"radius": 3}, [256], 0.2, 0.0),
    "[256] drop.2 1024 bits": ("ecfp", {"n_bits": 1024}, [256], 0.2, 0.0),
    # the 43 "fast" RDKit descriptors (rdMolDescriptors.Properties): "all" 217 take ten times as long
    "[256] drop.2 ecfp+rdkit2d": ("ecfp+rdkit2d", {"rdkit2d": {"descriptors": "fast"}}, [256], 0.2, 0.0),
}
DEFAULT = "default [5]"

# name -> (file, SMILES column, label columns or None for all, task, note)
SETS = {
    "bace": ("bace.csv", "mol", ["Class"], "binary", ""),
    "bbbp": ("bbbp.csv", "smiles", ["p_np"], "binary", ""),
    "clintox": ("clintox.csv", "smiles", None, "multilabel", "2 tasks"),
    "sider": ("sider.csv", "smiles", None, "multilabel", "27 tasks"),
    "toxcast": ("toxcast.csv.gz", "smiles", None, "multilabel", "subsample"),
    "muv": ("muv.csv.gz", "smiles", None, "multilabel", "subsample"),
    "esol": ("delaney.csv", "smiles", ["logp"], "regression", "log solubility (column named logp)"),
    "freesolv": ("freesolv.csv", "smiles", ["freesolv"], "regression", ""),
    "lipo": ("lipo.csv", "smiles", ["lipo"], "regression", ""),
}


# --------------------------------------------------------------------------- datasets

def subsample(name: str, root: Path, work: Path, args) -> tuple[Path, list[str], str]:
    """Write the subsample of a big set as a CSV under ``work``; returns (path, labels, note)."""
    import pandas as pd

    rng = np.random.default_rng(args.seed)
    frame = pd.read_csv(root / SETS[name][0], dtype=str, keep_default_na=False)
    labels = [c for c in frame.columns if c != "smiles"]
    values = frame[labels].apply(pd.to_numeric, errors="coerce").to_numpy()
    if name == "toxcast":
        rows = np.sort(rng.choice(len(frame), min(args.toxcast_rows, len(frame)), replace=False))
        sub = values[rows]
        enough = [j for j in range(len(labels)) if (sub[:, j] == 1).sum() >= 20 and (sub[:, j] == 0).sum() >= 20]
        tasks = sorted(rng.choice(enough, min(args.toxcast_tasks, len(enough)), replace=False).tolist())
        note = (f"random {len(rows)} of {len(frame)} rows, random {len(tasks)} of {len(labels)} tasks "
                f"(of the {len(enough)} with >= 20 positives and negatives in those rows)")
    else:  # muv: every row with a positive, plus random others
        positive = np.flatnonzero((values == 1).any(axis=1))
        others = np.setdiff1d(np.arange(len(frame)), positive)
        extra = rng.choice(others, max(0, min(args.muv_rows - len(positive), len(others))), replace=False)
        rows = np.sort(np.concatenate([positive, extra]))
        tasks = list(range(len(labels)))
        note = (f"all {len(positive)} rows with a positive label + random {len(extra)} others "
                f"({len(rows)} of {len(frame)} rows), all {len(labels)} tasks")
    chosen = [labels[j] for j in tasks]
    path = work / f"{name}.csv"
    frame.iloc[rows][["smiles", *chosen]].to_csv(path, index=False)
    return path, chosen, note


def load_sets(root: Path, work: Path, args, names: list[str]) -> dict:
    """name -> (mednn Dataset, note), read by mednn's smiles reader."""
    from mednn.config import DataConfig
    from mednn.data.readers import read_dataset

    out = {}
    for name, (file, smiles_col, labels, kind, note) in SETS.items():
        if name not in names:
            continue
        path = root / file
        if name in ("toxcast", "muv"):
            path, labels, note = subsample(name, root, work, args)
        kw = {"format": "smiles", "path": str(path), "smiles_column": smiles_col, "task": kind}
        if labels:
            kw["label"] = labels if len(labels) > 1 else labels[0]
        ds = read_dataset(DataConfig(**kw))
        out[name] = (ds, note)
    return out


# --------------------------------------------------------------------------- scoring

def score(kind: str, y, p) -> float:
    return multitask_score(y, p, regression=kind == "regression")


def paired(task, y, p_a, p_b, seed: int) -> dict:
    """metric(a) - metric(b) on the same test molecules with mednn's paired bootstrap 95% CI."""
    from mednn.evaluation.baselines import PRIMARY_METRIC, paired_difference

    metric = PRIMARY_METRIC[task.kind]
    shape = (lambda v: np.asarray(v).reshape(len(v), -1)) if task.kind == "regression" else np.asarray
    got = paired_difference(task, np.asarray(y), shape(p_a), shape(p_b), metric=metric, n_bootstrap=1000,
                            seed=seed)
    ci = got["ci95"]
    worse = ci is not None and (ci[1] < 0 if metric == "auroc" else ci[0] > 0)
    better = ci is not None and (ci[0] > 0 if metric == "auroc" else ci[1] < 0)
    return {"diff": got["difference"], "ci95": ci, "significantly_worse": worse, "significantly_better": better}


# --------------------------------------------------------------------------- models

def featurize(ds, parts, featurizer: str, options: dict, cache: dict):
    key = (featurizer, repr(sorted(options.items())))
    if key not in cache:
        from mednn.featurizers import build_featurizer, load_featurizer_modules

        load_featurizer_modules()
        t0 = time.perf_counter()
        params = {"options": options} if featurizer == "ecfp+rdkit2d" else dict(options)
        f = build_featurizer(featurizer, params).fit(parts["train"])
        cache[key] = ({s: f.transform(p) for s, p in parts.items()}, time.perf_counter() - t0)
    return cache[key]


def train_net(model_name, hparams, wd, task, parts, features, seed, epochs=None, patience=None):
    """Train with mednn's loop; returns ({val, test}: predictions in the targets' units), seconds, epochs."""
    import torch

    from mednn.config import TrainConfig
    from mednn.models import build_model, load_model_modules
    from mednn.training.loop import fit, predict_logits
    from mednn.training.losses import TargetScaler, targets_for_loss
    from mednn.training.seeding import seed_everything

    load_model_modules()
    generator = seed_everything(seed)
    torch.set_num_threads(1)
    scaler = TargetScaler().fit(parts["train"].targets) if task.kind == "regression" else None
    y = {s: targets_for_loss(task, parts[s].targets, scaler) for s in ("train", "val")}
    shape = getattr(features["train"], "shape", None)
    input_shape = tuple(shape[1:]) if shape is not None else None
    if model_name == "dmpnn":
        from mednn.featurizers.molecules import ATOM_FDIM, BOND_FDIM

        extra = features["train"].extra
        input_shape = (ATOM_FDIM, BOND_FDIM, 0 if extra is None else extra.shape[1])
    model = build_model(model_name, task=task, input_shape=input_shape, **hparams)
    kw = {"weight_decay": wd, "progress": False, "checkpoint_every": 0}
    if epochs:
        kw["epochs"] = epochs
    if patience:
        kw["early_stopping"] = {"patience": patience}
    cfg = TrainConfig(**kw)
    t0 = time.perf_counter()
    result = fit(model, features["train"], y["train"], features["val"], y["val"], task=task, cfg=cfg,
                 generator=generator, device=torch.device("cpu"))
    seconds = time.perf_counter() - t0
    out = {}
    for s in ("val", "test"):
        logits = predict_logits(model, features[s])
        if task.kind == "regression":
            out[s] = scaler.inverse(logits.numpy()).reshape(len(logits), -1)
        else:
            prob = torch.sigmoid(logits).numpy()
            out[s] = prob.reshape(-1) if task.kind == "binary" else prob
    return out, seconds, result.epochs_run


def random_forest(ds, parts, seed):
    """mednn's molecule reference baseline: ECFP4 (radius 2, 2048 bits) + random forest."""
    from mednn.evaluation.baselines import BASELINES, baseline_features
    from mednn.pipeline import Splits

    t0 = time.perf_counter()
    splits = Splits(parts["train"], parts["val"], parts["test"])
    features, _ = baseline_features("molecules", splits)
    targets = {s: np.asarray(p.targets) for s, p in parts.items()}
    probs, params = BASELINES.get("random_forest")(ds.task, features, targets, seed=seed, threads=1)
    if ds.task.kind == "regression":
        probs = {s: np.asarray(v).reshape(len(v), -1) for s, v in probs.items()}
    trees = params.get("trees") if isinstance(params, dict) and "trees" in params else None
    return probs, time.perf_counter() - t0, trees


# --------------------------------------------------------------------------- main

def run_dataset(name, ds, note, args):
    """Every recipe, the random forest (and the D-MPNN) on one dataset: (entry, predictions, test targets)."""
    from mednn.data.splits import split_indices

    t0 = time.perf_counter()
    kind = ds.task.kind
    index = split_indices(ds, "scaffold", 0.15, 0.2, seed=args.seed)
    parts = {s: ds.subset(index[s]) for s in ("train", "val", "test")}
    y_val, y_test = np.asarray(parts["val"].targets), np.asarray(parts["test"].targets)
    entry = {"n": len(ds), "kind": kind, "class_names": list(ds.task.class_names),
             "tasks": len(ds.task.class_names) if kind != "binary" else 1,
             "n_train": len(parts["train"]), "n_val": len(y_val), "n_test": len(y_test),
             "invalid_molecules": len(ds.notes.get("invalid_molecules", [])),
             "invalid_reasons": sorted({i["reason"] for i in ds.notes.get("invalid_molecules", [])}),
             "note": note, "metric": "rmse" if kind == "regression" else "mean task auroc", "recipes": {}}
    cache: dict = {}
    p = {}
    for rname, (featurizer, options, hidden, dropout, wd) in RECIPES.items():
        features, f_seconds = featurize(ds, parts, featurizer, options, cache)
        prob, seconds, epochs = train_net("mlp", {"hidden_sizes": hidden, "dropout": dropout}, wd, ds.task,
                                          parts, features, args.seed)
        p[rname] = prob
        entry["recipes"][rname] = {"val": score(kind, y_val, prob["val"]), "test": score(kind, y_test, prob["test"]),
                                   "seconds": round(seconds, 2), "featurize_seconds": round(f_seconds, 2),
                                   "epochs": epochs}
        print(f"  {name} {rname}: val {entry['recipes'][rname]['val']:.3f} test "
              f"{entry['recipes'][rname]['test']:.3f} ({seconds:.1f}s, {epochs} ep)", file=sys.stderr, flush=True)
    prob, seconds, trees = random_forest(ds, parts, args.seed)
    p["ecfp_rf"] = prob
    entry["ecfp_rf"] = {"val": score(kind, y_val, prob["val"]), "test": score(kind, y_test, prob["test"]),
                        "seconds": round(seconds, 2), "trees_per_task": trees}
    if args.dmpnn:
        features, f_seconds = featurize(ds, parts, "molgraph", {}, cache)
        prob, seconds, epochs = train_net("dmpnn", {}, 0.0, ds.task, parts, features, args.seed,
                                          epochs=args.dmpnn_epochs, patience=10)
        p["dmpnn"] = prob
        entry["dmpnn"] = {"val": score(kind, y_val, prob["val"]), "test": score(kind, y_test, prob["test"]),
                          "seconds": round(seconds, 2), "epochs": epochs,
                          "budget": f"{args.dmpnn_epochs} epochs, patience 10"}
    entry["seconds"] = round(time.perf_counter() - t0, 1)
    print(f"{name}: {entry['seconds']}s (rf {entry['ecfp_rf']['test']:.3f})", file=sys.stderr, flush=True)
    return entry, p, y_test


def save(cache: Path, name: str, entry: dict, p: dict, y_test) -> None:
    """One dataset's results (``--cache``): its entry as JSON, its predictions as .npz (no pickle)."""
    import json

    cache.mkdir(parents=True, exist_ok=True)
    models = list(p)
    arrays = {f"{k}_{s}": np.asarray(p[m][s]) for k, m in enumerate(models) for s in ("val", "test")}
    np.savez(cache / f"{name}.npz", y_test=np.asarray(y_test, dtype=np.float64), **arrays)
    (cache / f"{name}.json").write_text(json.dumps({"entry": entry, "models": models}), encoding="utf-8")


def load(cache: Path, name: str):
    import json

    saved = json.loads((cache / f"{name}.json").read_text(encoding="utf-8"))
    with np.load(cache / f"{name}.npz", allow_pickle=False) as data:
        p = {m: {s: data[f"{k}_{s}"] for s in ("val", "test")} for k, m in enumerate(saved["models"])}
        y_test = data["y_test"]
    entry = saved["entry"]
    if entry["kind"] == "binary":
        y_test = y_test.astype(np.int64)
    return entry, p, y_test


def _task(entry: dict):
    from mednn.data.base import Task

    return Task(entry["kind"], tuple(entry["class_names"]))


def _ci(v) -> str:
    if v is None or v["ci95"] is None:
        return ""
    mark = " *" if v["significantly_worse"] else ""
    return ci_text(v) + mark


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="../shared/data/moleculenet")
    ap.add_argument("--work", default=None, help="where the subsampled CSVs go (default: a temporary folder)")
    ap.add_argument("--toxcast-rows", type=int, default=2000)
    ap.add_argument("--toxcast-tasks", type=int, default=50)
    ap.add_argument("--muv-rows", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--only", nargs="*", help="datasets to run (default: all)")
    ap.add_argument("--dmpnn", action="store_true", help="also train the D-MPNN (unranked reference; slow on CPU)")
    ap.add_argument("--dmpnn-epochs", type=int, default=30)
    ap.add_argument("--cache", default=None, help="keep each dataset's results here and reuse them (parallel runs)")
    ap.add_argument("--no-summary", action="store_true", help="only fill --cache for --only's datasets")
    ap.add_argument("--note", default="", help="a line kept in the JSON (e.g. how the cache was filled)")
    ap.add_argument("--out", default="benchmarks/results/molecule_defaults_across_datasets.json")
    args = ap.parse_args()
    t_all = time.perf_counter()
    cache = Path(args.cache) if args.cache else None
    per, preds = {}, {}
    wanted = [d for d in SETS if not args.only or d in args.only]
    todo = [d for d in wanted if cache is None or not (cache / f"{d}.json").is_file()]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.work or tmp)
        work.mkdir(parents=True, exist_ok=True)
        sets = load_sets(Path(args.data), work, args, todo) if todo else {}
    for name in wanted:
        if name in sets:
            entry, p, y_test = run_dataset(name, *sets[name], args)
            if cache is not None:
                save(cache, name, entry, p, y_test)
        else:
            entry, p, y_test = load(cache, name)
        per[name], preds[name] = entry, (p, y_test, _task(entry))
    if args.no_summary:
        return
    names = list(RECIPES)

    def signed(d, r):  # higher is better for the ranking
        v = per[d]["recipes"][r]["val"]
        return -v if per[d]["kind"] == "regression" else v

    val_scores = {d: {r: signed(d, r) for r in names} for d in per}
    ranks, choices = lodo_choice(val_scores, names)
    families = {"classification": [d for d in per if per[d]["kind"] != "regression"],
                "regression": [d for d in per if per[d]["kind"] == "regression"]}
    by_kind = {}
    for fam, members in families.items():
        if len(members) >= 2:
            by_kind.update(lodo_choice({d: val_scores[d] for d in members}, names)[1])
    rows, lodo = [], {}
    for d, e in per.items():
        p, y, task = preds[d]
        chosen = choices[d]
        res = {"chosen": chosen, "chosen_test": e["recipes"][chosen]["test"], "default_test": e["recipes"][DEFAULT]["test"],
               "ecfp_rf_test": e["ecfp_rf"]["test"],
               "chosen_minus_default": paired(task, y, p[chosen]["test"], p[DEFAULT]["test"], args.seed),
               "chosen_minus_ecfp_rf": paired(task, y, p[chosen]["test"], p["ecfp_rf"]["test"], args.seed),
               "default_minus_ecfp_rf": paired(task, y, p[DEFAULT]["test"], p["ecfp_rf"]["test"], args.seed)}
        if d in by_kind:
            k = by_kind[d]
            res.update({"chosen_by_kind": k, "chosen_by_kind_test": e["recipes"][k]["test"],
                        "chosen_by_kind_minus_ecfp_rf": paired(task, y, p[k]["test"], p["ecfp_rf"]["test"], args.seed)})
        if "dmpnn" in p:
            res["dmpnn_test"] = e["dmpnn"]["test"]
            res["dmpnn_minus_ecfp_rf"] = paired(task, y, p["dmpnn"]["test"], p["ecfp_rf"]["test"], args.seed)
        lodo[d] = res
        rows.append({"dataset": d, "metric": "RMSE" if e["kind"] == "regression" else "AUROC", "n": e["n"],
                     "chosen (LODO)": chosen, "chosen": res["chosen_test"], "default": res["default_test"],
                     "ECFP+RF": res["ecfp_rf_test"], "dmpnn": res.get("dmpnn_test"),
                     "chosen-default": _ci(res["chosen_minus_default"]), "chosen-RF": _ci(res["chosen_minus_ecfp_rf"]),
                     "default-RF": _ci(res["default_minus_ecfp_rf"]),
                     "mlp s": e["recipes"][chosen]["seconds"], "rf s": e["ecfp_rf"]["seconds"], "s": e["seconds"]})
    overall_rank = {r: float(np.mean([ranks[d][r] for d in per])) for r in names}
    best_overall = min(names, key=lambda r: (overall_rank[r], names.index(r)))
    kind_best = {}
    for fam, members in families.items():
        if members:
            mr = {r: float(np.mean([ranks[d][r] for d in members])) for r in names}
            kind_best[fam] = {"best": min(names, key=lambda r: (mr[r], names.index(r))), "mean_val_rank": mr}
    print_table(rows, list(rows[0]))
    print("\n(* : the difference's 95% CI lies entirely on the worse side)\n")
    print_table([{"recipe": r, "mean val rank (all)": overall_rank[r],
                  **{f"rank {fam}": kind_best[fam]["mean_val_rank"][r] for fam in kind_best}} for r in names],
                ["recipe", "mean val rank (all)", *[f"rank {fam}" for fam in kind_best]])
    worse = {k: [d for d in per if lodo[d][k]["significantly_worse"]]
             for k in ("chosen_minus_ecfp_rf", "default_minus_ecfp_rf", "chosen_minus_default")}
    summary = {"best_overall_by_validation_rank": best_overall, "best_by_kind": {k: v["best"] for k, v in kind_best.items()},
               "overall_mean_val_rank": overall_rank,
               "lodo_chosen_significantly_worse_than_ecfp_rf": worse["chosen_minus_ecfp_rf"],
               "default_significantly_worse_than_ecfp_rf": worse["default_minus_ecfp_rf"],
               "lodo_chosen_significantly_worse_than_default": worse["chosen_minus_default"],
               "lodo_chosen_better_than_default": [d for d in per if lodo[d]["chosen_minus_default"]["significantly_better"]],
               "datasets": len(per), "seconds_datasets_sum": round(sum(e["seconds"] for e in per.values()), 1),
               "seconds_this_process": round(time.perf_counter() - t_all, 1), "note": args.note}
    print(f"\nbest recipe over all datasets by validation rank: {best_overall}; by kind: {summary['best_by_kind']}")
    print(f"LODO chosen significantly worse than ECFP+RF on: {worse['chosen_minus_ecfp_rf'] or 'none'}; "
          f"today's default on: {worse['default_minus_ecfp_rf'] or 'none'}; chosen significantly worse than "
          f"the default on: {worse['chosen_minus_default'] or 'none'}; datasets' wall time summed "
          f"{summary['seconds_datasets_sum']}s")
    write_json(args.out, {"machine": machine(),
                          "recipes": {k: {"featurizer": v[0], "featurizer_options": v[1], "hidden_sizes": v[2],
                                          "dropout": v[3], "weight_decay": v[4]} for k, v in RECIPES.items()},
                          "protocol": __doc__.split("\n\n")[2].strip(), "per_dataset": per, "ranks": ranks,
                          "lodo": lodo, "summary": summary})


if __name__ == "__main__":
    main()
