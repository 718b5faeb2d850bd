"""Which text recipe should ``model: auto`` use? A leave-one-dataset-out (LODO) choice (issue 12).

Text sets available offline: Medical Abstracts (5 classes, the test split shipped in
../shared/data), a short-text variant of it (the first 12 words of each abstract, a separate
dataset: short texts are where issue 12's user saw the seed's default fail), and Hallmarks of
Cancer (10 top-level hallmarks, multilabel, the 1,580 abstracts with at least one; built from
the authors' archive, extracted under --work). No third short-text, many-class corpus exists
offline (scikit-learn's 20 newsgroups downloads at run time; no NLTK / datasets corpora are
installed).

Protocol: every dataset is written as a CSV under --work and read by mednn's ``text`` reader;
every candidate recipe runs through ``mednn.pipeline.train`` with ``model.name: auto`` plus the
recipe's overrides (the text featurizer default ``tfidf``; one stratified 65/15/20 split, seed 0;
at most --epochs epochs with early stopping on validation loss, patience 3; explain, report and
the pipeline's own baselines off). TF-IDF + logistic regression is mednn's ``linear`` reference
baseline (``mednn.evaluation.baselines``: TF-IDF word 1-2 grams, C chosen on validation), fitted
once per dataset on the same split (``read_and_split`` of the same config) instead of once per
recipe. Macro-F1 on probabilities: argmax for multiclass, 0.5 per label for multilabel, for the
networks and the baseline alike. For each left-out dataset D, every recipe is ranked by
validation macro-F1 on each OTHER dataset; the best mean rank is "chosen for D" and its TEST
macro-F1 on D is reported beside today's default (the first recipe) and the baseline, with a
paired bootstrap 95% CI of each difference (the same resampled test rows for both). D's own
numbers never choose D's recipe.

Tuned column: ``mednn tune`` (mednn.tuning: Optuna TPE, median pruning, validation only) on the
same config (``model: auto``, so the text recipe is where the search starts) within
--tune-budget per dataset, trials scored on validation macro-F1 (the metric reported here),
then its best config trained as a normal run. The study reads the same split (the same config's
``read_and_split``); its train + validation row ids and the run's test row ids are asserted
equal to the baseline's. Compared with TF-IDF + logistic regression by a paired bootstrap CI.

    python benchmarks/text_defaults_across_datasets.py --data ../shared/data \
        --out benchmarks/results/text_defaults_across_datasets.json
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np  # noqa: E402

from _common import (  # noqa: E402
    ci_text, lodo_choice, machine, merged_tuned_column, print_table, print_tuned, read_merge_target, tune_or_record,
    tuned_arguments, tuned_no_result, tuned_summary, tuning_info, wants_tuning, write_json,
)

# name -> overrides on top of `model.name=auto`; the first is today's default (tfidf + mlp [5], lr 1e-3)
RECIPES = {
    "default [5]": [],
    "[64]": ["model.hidden_sizes=[64]"],
    "[256]": ["model.hidden_sizes=[256]"],
    "[256] drop.2": ["model.hidden_sizes=[256]", "model.dropout=0.2"],
    "[256] lr1e-2": ["model.hidden_sizes=[256]", "train.lr=0.01"],
    "[256] +char3-5": ["model.hidden_sizes=[256]", "featurize.name=tfidf", "featurize.char_ngrams=[3,5]"],
}
DEFAULT = "default [5]"
# today's default with its own training budget (train.epochs 100, patience 20), not ranked: the
# recipes share a small budget, which the slow-learning [5] network may need more of
TODAY_FULL = ["train.epochs=100", "train.early_stopping.patience=20"]
HALLMARKS = ("Sustaining proliferative signaling", "Resisting cell death", "Genomic instability and mutation",
             "Activating invasion and metastasis", "Evading growth suppressors", "Tumor promoting inflammation",
             "Inducing angiogenesis", "Enabling replicative immortality", "Avoiding immune destruction",
             "Cellular energetics")


# --------------------------------------------------------------------------- datasets

def build_datasets(root: Path, work: Path, max_train: int | None) -> dict[str, tuple[list[str], str]]:
    """name -> (config overrides for data.*, note). CSVs are written under ``work``."""
    import tarfile

    import pandas as pd

    work.mkdir(parents=True, exist_ok=True)
    out = {}
    ma = pd.read_csv(root / "medical_abstracts/medical_tc_test.csv")
    data = ["data.format=text", "data.text_columns=text", "data.label=label", "data.task=multiclass"]
    ma.rename(columns={"medical_abstract": "text", "condition_label": "label"}).to_csv(work / "ma.csv", index=False)
    out["medical_abstracts"] = ([f"data.path={work / 'ma.csv'}", *data], "5 classes, whole abstracts")
    short = ma.assign(medical_abstract=[" ".join(t.split()[:12]) for t in ma["medical_abstract"]])
    short.rename(columns={"medical_abstract": "text", "condition_label": "label"}).to_csv(work / "ma_short.csv",
                                                                                         index=False)
    out["medical_abstracts_short"] = ([f"data.path={work / 'ma_short.csv'}", *data],
                                      "5 classes, first 12 words of each abstract")
    hoc = work / "Hallmarks-of-Cancer"
    if not hoc.exists():
        with tarfile.open(root / "hallmarks_of_cancer/hoc_sb895_3bc6e6d.tar.gz") as tar:
            tar.extractall(work, filter="data")
    rows = []
    for label_file in sorted((hoc / "labels").glob("*.txt")):
        found = set()
        for sentence in label_file.read_text(encoding="utf-8").split("<"):
            for label in sentence.split("AND"):
                top = label.split("--")[0].strip()
                if top in HALLMARKS:
                    found.add(top)
        if found:
            text = " ".join((hoc / "text" / label_file.name).read_text(encoding="utf-8").split())
            rows.append({"text": text, **{f"h{i}": int(h in found) for i, h in enumerate(HALLMARKS)}})
    pd.DataFrame(rows).to_csv(work / "hoc.csv", index=False)
    out["hallmarks_of_cancer"] = ([f"data.path={work / 'hoc.csv'}", "data.format=text", "data.text_columns=text",
                                   f"data.label=[{','.join(f'h{i}' for i in range(10))}]", "data.task=multilabel"],
                                  f"10 hallmarks, multilabel, {len(rows)} abstracts with >= 1")
    return out


# --------------------------------------------------------------------------- one run

def common_overrides(args) -> list[str]:
    return [f"seed={args.seed}", "model.name=auto", "split.method=stratified", "split.val_fraction=0.15",
            "split.test_fraction=0.2", f"train.epochs={args.epochs}", "train.early_stopping.patience=3",
            "train.progress=false", "train.checkpoint_every=0", "explain.enabled=false", "report.enabled=false",
            "evaluate.baselines=none", "evaluate.bootstrap=100"]


def decide(kind: str, prob: np.ndarray) -> np.ndarray:
    return (prob >= 0.5).astype(int) if kind == "multilabel" else prob.argmax(axis=1)


def macro_f1(kind: str, y: np.ndarray, pred: np.ndarray) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(np.asarray(y).astype(int), pred, average="macro", zero_division=0))


def run_recipe(cfg, out: Path):
    """Train through the pipeline; val / test probabilities in split order, seconds, epochs."""
    import json

    import pandas as pd

    from mednn.pipeline import train

    t0 = time.perf_counter()
    train(cfg, out, overwrite=True)
    seconds = time.perf_counter() - t0
    frame = pd.read_csv(out / "predictions.csv")
    metrics = json.loads((out / "metrics.json").read_text())
    return frame, seconds, metrics


def probs_from_frame(frame, class_names, split: str, ids) -> np.ndarray:
    """The split's probabilities in the order of ``ids`` (the baseline's rows)."""
    part = frame[frame["split"] == split].astype({"id": str}).set_index("id").loc[[str(i) for i in ids]]
    cols = [f"p:{c}" for c in class_names]
    missing = [c for c in cols if c not in part.columns]
    if missing:
        raise SystemExit(f"predictions.csv has no columns {missing[:3]}; columns: {list(part.columns)[:20]}")
    return part[cols].to_numpy(dtype=float)


def logistic(cfg):
    from mednn.evaluation.baselines import baseline_features, linear_baseline
    from mednn.recipes import apply_auto_recipe
    from mednn.pipeline import read_and_split

    t0 = time.perf_counter()
    dataset, splits, _ = read_and_split(apply_auto_recipe(cfg))
    features, _ = baseline_features("text", splits)
    targets = {s: np.asarray(p.targets) for s, p in splits.items()}
    prob, info = linear_baseline(dataset.task, features, targets, seed=cfg.seed)
    return prob, targets, dataset.task, splits, time.perf_counter() - t0, info


def tune_text(name, cfg, splits, class_names, budget, work: Path):
    """``mednn tune`` on this dataset's config: test probabilities in ``splits.test`` order and what
    the study did."""
    import pandas as pd

    from mednn.tuning import run_study, tune

    out = work / "tune" / name
    t0 = time.perf_counter()
    study = run_study(cfg, out, budget=budget, metric="f1_macro")
    trainval = {str(i) for part in (splits.train, splits.val) for i in part.ids}
    seen = {str(i) for i in study.row_ids}
    assert seen == trainval, f"{name}: the study used {len(seen)} rows, not the split's {len(trainval)} train + val"
    run = tune(cfg, out, budget=budget, metric="f1_macro")  # the budget is spent: trains the best config
    seconds = time.perf_counter() - t0
    frame = pd.read_csv(run / "predictions.csv")
    test_ids = frame.loc[frame["split"] == "test", "id"].astype(str)
    assert sorted(test_ids) == sorted(str(i) for i in splits.test.ids), f"{name}: the tuned run's test rows differ"
    info = tuning_info(run, seconds, budget, f"study rows == split train+val ({len(trainval)}); "
                                             f"run test rows == split test ({len(test_ids)})")
    return probs_from_frame(frame, class_names, "test", splits.test.ids), info


def paired_f1_ci(kind, y, pred_a, pred_b, n_boot=1000, seed=0):
    """macro-F1(a) - macro-F1(b) on the same test rows, with a paired bootstrap 95% CI."""
    rng = np.random.default_rng(seed)
    y = np.asarray(y).astype(int)
    diffs = []
    for _ in range(n_boot):
        i = rng.integers(0, len(y), len(y))
        diffs.append(macro_f1(kind, y[i], pred_a[i]) - macro_f1(kind, y[i], pred_b[i]))
    lo, hi = np.percentile(diffs, [2.5, 97.5])
    return {"diff": macro_f1(kind, y, pred_a) - macro_f1(kind, y, pred_b), "ci95": [float(lo), float(hi)]}


# --------------------------------------------------------------------------- tuned column only

def merge_tuned(args, sets, work: Path) -> None:
    """--merge-into: add the tuned column to a full run's JSON without rerunning the recipes, with
    that run's own overrides. TF-IDF + logistic regression is refitted on the same split and must
    match the stored test macro-F1 (the proof that the rows are the same)."""
    from mednn.config import load_config

    old = read_merge_target(args)
    common = old["common_overrides"]
    for name, (data_overrides, note) in sets.items():
        if name not in old["per_dataset"] or not wants_tuning(args, name):
            continue
        entry, res = old["per_dataset"][name], old["lodo"][name]
        base = data_overrides + common
        lr_prob, targets, task, splits, _, _ = logistic(load_config(None, base))
        kind, y_test = task.kind, targets["test"]
        lr_pred = decide(kind, lr_prob["test"])
        if abs(macro_f1(kind, y_test, lr_pred) - entry["logistic"]["test_f1"]) > 1e-9:
            raise SystemExit(f"{name}: TF-IDF + LR refitted scores {macro_f1(kind, y_test, lr_pred):.6f}, the JSON "
                             f"{entry['logistic']['test_f1']:.6f}: not the same split; rerun fully instead of merging")
        got = tune_or_record(entry, "test_f1", args.tune_budget, f"{name} /",
                             lambda: tune_text(name, load_config(None, base), splits, task.class_names,
                                               args.tune_budget, work))
        if got is None:
            write_json(args.out, old)
            continue
        p_test, info = got
        pred = decide(kind, p_test)
        entry["tuned"] = {"test_f1": macro_f1(kind, y_test, pred), **info}
        res.update({"tuned_test_f1": entry["tuned"]["test_f1"],
                    "tuned_minus_logistic": paired_f1_ci(kind, y_test, pred, lr_pred)})
        print(f"  {name} / tuned: test {entry['tuned']['test_f1']:.3f} vs TF-IDF + LR "
              f"{entry['logistic']['test_f1']:.3f}, "
              f"{info['trials']} ({info['seconds_wall']}s)", file=sys.stderr, flush=True)
        write_json(args.out, old)  # after every dataset: a stopped run keeps what it finished
    tuned = [d for d in old["lodo"] if "tuned_minus_logistic" in old["lodo"][d]]
    old["summary"].update(tuned_summary(old["lodo"], tuned, args.tune_budget, "tuned_minus_logistic"))
    old["summary"]["tuned_no_result"] = tuned_no_result(old["per_dataset"], "test_f1")
    old["tuned_column"] = merged_tuned_column("merged into the full run above with its common_overrides: the "
                                              "recipes were not rerun; TF-IDF + logistic regression was refitted "
                                              "on the same split and matched the stored test macro-F1", __doc__)
    write_json(args.out, old)
    _print_tuned(old, tuned, args.tune_budget)


def _print_tuned(result, tuned, budget) -> None:
    per, lodo, rows = result["per_dataset"], result["lodo"], []
    for d in tuned:
        v = lodo[d]["tuned_minus_logistic"]
        rows.append({"dataset": d, "default [5]": per[d]["recipes"][DEFAULT]["test_f1"],
                     "today 100ep": per[d].get("today_full", {}).get("test_f1"),
                     f"tuned@{budget}": lodo[d]["tuned_test_f1"], "tfidf+LR": per[d]["logistic"]["test_f1"],
                     "tuned-LR [95% CI]": ci_text(v),
                     "tune s": per[d]["tuned"]["seconds_wall"], "trials": per[d]["tuned"]["trials"]})
    won = [d for d in tuned if lodo[d]["tuned_minus_logistic"]["diff"] > 0]
    print_tuned(rows, tuned, won, budget, "TF-IDF + LR's test macro-F1")


# --------------------------------------------------------------------------- main

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--work", default=None, help="where the CSVs and runs go (default: a temporary folder)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--only", nargs="*", help="datasets to run (default: all)")
    ap.add_argument("--recipes", nargs="*", help="recipes to run (default: all)")
    ap.add_argument("--out", default="benchmarks/results/text_defaults_across_datasets.json")
    tuned_arguments(ap)
    args = ap.parse_args()
    import torch

    from mednn.config import load_config

    torch.set_num_threads(1)
    t_all = time.perf_counter()
    work = Path(args.work or tempfile.mkdtemp(prefix="mednn_text_defaults_"))
    sets = build_datasets(Path(args.data), work, None)
    if args.only:
        sets = {k: v for k, v in sets.items() if k in args.only}
    if args.merge_into:
        merge_tuned(args, sets, work)
        return
    recipes = {k: v for k, v in RECIPES.items() if not args.recipes or k in args.recipes or k == DEFAULT}
    per, preds = {}, {}
    for name, (data_overrides, note) in sets.items():
        t0 = time.perf_counter()
        base = data_overrides + common_overrides(args)
        lr_prob, targets, task, splits, lr_s, lr_info = logistic(load_config(None, base))
        kind = task.kind
        y_val, y_test = targets["val"], targets["test"]
        entry = {"note": note, "task": kind, "classes": len(task.class_names),
                 "n": {s: len(p) for s, p in splits.items()},
                 "mean_words": float(np.mean([len(t.split()) for t in splits.train.inputs])), "recipes": {}}
        preds[name] = {"y_test": y_test, "kind": kind, "logistic": decide(kind, lr_prob["test"])}
        entry["logistic"] = {"val_f1": macro_f1(kind, y_val, decide(kind, lr_prob["val"])),
                             "test_f1": macro_f1(kind, y_test, preds[name]["logistic"]),
                             "seconds": round(lr_s, 1), **lr_info}
        for rname, overrides in recipes.items():
            cfg = load_config(None, base + overrides)
            frame, seconds, metrics = run_recipe(cfg, work / "runs" / f"{name}__{re.sub(r'[^A-Za-z0-9]+', '_', rname)}")
            p_val = probs_from_frame(frame, task.class_names, "val", splits.val.ids)
            p_test = probs_from_frame(frame, task.class_names, "test", splits.test.ids)
            preds[name][rname] = decide(kind, p_test)
            entry["recipes"][rname] = {"val_f1": macro_f1(kind, y_val, decide(kind, p_val)),
                                       "test_f1": macro_f1(kind, y_test, preds[name][rname]),
                                       "seconds": round(seconds, 1),
                                       "epochs": (metrics.get("training") or {}).get("epochs_run")}
            print(f"  {name} / {rname}: val {entry['recipes'][rname]['val_f1']:.3f} test "
                  f"{entry['recipes'][rname]['test_f1']:.3f} ({seconds:.0f}s)", file=sys.stderr, flush=True)
        frame, seconds, metrics = run_recipe(load_config(None, base + TODAY_FULL), work / "runs" / f"{name}__today_full")
        preds[name]["today_full"] = decide(kind, probs_from_frame(frame, task.class_names, "test", splits.test.ids))
        entry["today_full"] = {"test_f1": macro_f1(kind, y_test, preds[name]["today_full"]),
                               "seconds": round(seconds, 1),
                               "epochs": (metrics.get("training") or {}).get("epochs_run")}
        print(f"  {name} / today full budget: test {entry['today_full']['test_f1']:.3f} ({seconds:.0f}s)",
              file=sys.stderr, flush=True)
        got = wants_tuning(args, name) and tune_or_record(
            entry, "test_f1", args.tune_budget, f"{name} /",
            lambda: tune_text(name, load_config(None, base), splits, task.class_names, args.tune_budget, work))
        if got:
            p_test, info = got
            preds[name]["tuned"] = decide(kind, p_test)
            entry["tuned"] = {"test_f1": macro_f1(kind, y_test, preds[name]["tuned"]), **info}
            print(f"  {name} / tuned: test {entry['tuned']['test_f1']:.3f}, {info['trials']} "
                  f"({info['seconds_wall']}s)", file=sys.stderr, flush=True)
        entry["seconds"] = round(time.perf_counter() - t0, 1)
        per[name] = entry
        print(f"{name}: {entry['seconds']}s", file=sys.stderr, flush=True)

    names = list(recipes)
    ranks, choices = lodo_choice({d: {r: e["recipes"][r]["val_f1"] for r in names} for d, e in per.items()}, names)
    rows, lodo = [], {}
    for d, e in per.items():
        chosen = choices[d]
        p, y, kind = preds[d], preds[d]["y_test"], preds[d]["kind"]
        res = {"chosen": chosen, "chosen_test_f1": e["recipes"][chosen]["test_f1"],
               "default_test_f1": e["recipes"][DEFAULT]["test_f1"], "logistic_test_f1": e["logistic"]["test_f1"],
               "chosen_minus_default": paired_f1_ci(kind, y, p[chosen], p[DEFAULT]),
               "chosen_minus_logistic": paired_f1_ci(kind, y, p[chosen], p["logistic"]),
               "default_minus_logistic": paired_f1_ci(kind, y, p[DEFAULT], p["logistic"]),
               "today_full_test_f1": e["today_full"]["test_f1"],
               "chosen_minus_today_full": paired_f1_ci(kind, y, p[chosen], p["today_full"]),
               "today_full_minus_logistic": paired_f1_ci(kind, y, p["today_full"], p["logistic"])}
        if "tuned" in p:
            res["tuned_test_f1"] = e["tuned"]["test_f1"]
            res["tuned_minus_logistic"] = paired_f1_ci(kind, y, p["tuned"], p["logistic"])
            res["tuned_minus_default"] = paired_f1_ci(kind, y, p["tuned"], p[DEFAULT])
        lodo[d] = res

        def ci(k):
            return ci_text(res.get(k))

        rows.append({"dataset": d, "chosen (LODO)": chosen, "chosen": res["chosen_test_f1"],
                     "default": res["default_test_f1"], "today 100ep": res["today_full_test_f1"], "tfidf+LR": res["logistic_test_f1"],
                     "chosen-default": ci("chosen_minus_default"), "chosen-LR": ci("chosen_minus_logistic"),
                     "chosen-today100": ci("chosen_minus_today_full"),
                     "today100-LR": ci("today_full_minus_logistic"), "tuned": res.get("tuned_test_f1"),
                     "tuned-LR": ci("tuned_minus_logistic"), "tune s": e.get("tuned", {}).get("seconds_wall"),
                     "s": e["seconds"]})
    overall_rank = {r: float(np.mean([ranks[d][r] for d in per])) for r in names}
    best_overall = min(names, key=lambda r: (overall_rank[r], names.index(r)))
    diffs = [lodo[d]["chosen_minus_default"]["diff"] for d in per]
    diffs_full = [lodo[d]["chosen_minus_today_full"]["diff"] for d in per]
    print("test macro-F1 (multilabel: macro-F1 over the 10 hallmarks at 0.5)")
    print_table(rows, list(rows[0]))
    print()
    print_table([{"recipe": r, "mean val rank (all)": overall_rank[r],
                  "mean test macro-F1": float(np.mean([per[d]["recipes"][r]["test_f1"] for d in per]))}
                 for r in names], ["recipe", "mean val rank (all)", "mean test macro-F1"])
    summary = {"best_overall_by_validation_rank": best_overall, "overall_mean_val_rank": overall_rank,
               "lodo_chosen_minus_default_mean": float(np.mean(diffs)),
               "lodo_chosen_beats_default": int(sum(v > 0 for v in diffs)), "datasets": len(diffs),
               "lodo_chosen_minus_today_full_budget_mean": float(np.mean(diffs_full)),
               "lodo_chosen_significantly_below_logistic": [d for d in per
                                                            if lodo[d]["chosen_minus_logistic"]["ci95"][1] < 0],
               "seconds_total": round(time.perf_counter() - t_all, 1)}
    tuned = [d for d in per if "tuned_minus_logistic" in lodo[d]]
    if tuned:
        summary.update(tuned_summary(lodo, tuned, args.tune_budget, "tuned_minus_logistic"))
    if args.tune_budget:
        summary["tuned_no_result"] = tuned_no_result(per, "test_f1")
    print(f"\nbest recipe over all datasets by validation rank: {best_overall}; LODO chosen - default test "
          f"macro-F1: mean {summary['lodo_chosen_minus_default_mean']:+.4f}, better on "
          f"{summary['lodo_chosen_beats_default']} of {len(diffs)}; significantly below TF-IDF + LR on "
          f"{summary['lodo_chosen_significantly_below_logistic'] or 'none'}; total {summary['seconds_total']}s")
    if tuned:
        print()
        _print_tuned({"per_dataset": per, "lodo": lodo}, tuned, args.tune_budget)
    write_json(args.out, {"machine": machine(), "recipes": recipes, "common_overrides": common_overrides(args),
                          "today_full_budget_overrides": TODAY_FULL,
                          "protocol": __doc__.split("\n\n")[2].strip(),
                          "tuned_protocol": __doc__.split("\n\n")[3].strip(), "per_dataset": per, "ranks": ranks,
                          "lodo": lodo, "summary": summary})


if __name__ == "__main__":
    main()
