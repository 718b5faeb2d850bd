"""Which table MLP recipe should ``model: auto`` use? A leave-one-dataset-out (LODO) choice.

For every table dataset in ../shared/data (Pima, Wisconsin breast cancer, heart failure,
hepatitis, chronic kidney disease when an ARFF reader is installed, Indian liver patients,
cervical cancer (Biopsy), stroke, diabetes 130 hospitals (readmitted < 30 days; a random
subsample of --diabetes-rows rows, split by patient)) and every candidate recipe below, the
data is split once (65/15/20, stratified; grouped by patient where there are patients), the
table is featurized with mednn's ``tabular`` featurizer fitted on train, and the MLP trained by
mednn's loop (Adam, early stopping on validation loss, best weights restored).

Protocol: for each left-out dataset D, every recipe is ranked by validation AUROC on each
OTHER dataset; the recipe with the best mean rank is "chosen for D", and its TEST AUROC on D is
reported beside today's default (the first recipe), logistic regression (L2, C chosen on
validation AUROC) and LightGBM (early stopping on validation), on the same test rows, with a
paired bootstrap 95% CI of the difference. D's own validation or test numbers never choose
D's recipe. The recipe a new default should be is the one with the best mean validation rank
over all datasets; it should replace today's only if LODO shows it does not lose on left-out
data.

Tuned column: ``mednn tune`` (mednn.tuning: Optuna TPE, median pruning, k-fold over train +
validation under 1,000 rows, validation AUROC) within --tune-budget per dataset, then its best
config trained as a normal run (``model: auto``, mednn's own reader and featurizer). The table
is written to a CSV with the benchmark's split as its split column (``split.method: file``), so
the study reads exactly this split's train + validation rows (asserted against the study's row
ids) and the run's test predictions are the same test rows as every other column (asserted).
The tuned network is compared with the better baseline on test AUROC (paired bootstrap CI).

    python benchmarks/defaults_across_datasets.py --data ../shared/data \
        --out benchmarks/results/defaults_across_datasets.json
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np  # noqa: E402

from _common import (  # noqa: E402
    best_baseline, ci_text, lodo_choice, machine, merged_tuned_column, print_table, print_tuned, read_merge_target,
    tune_or_record, tuned_arguments, tuned_no_result, tuned_summary, tuning_info, wants_tuning, write_json,
)

# name -> (hidden_sizes, dropout, weight_decay, lr); the first is today's default
# (mlp hidden_sizes [5], dropout 0, train.weight_decay 0, train.lr 1e-3)
RECIPES = {
    "default [5]": ([5], 0.0, 0.0, 1e-3),
    "[16]": ([16], 0.0, 0.0, 1e-3),
    "[64]": ([64], 0.0, 0.0, 1e-3),
    "[64] drop.2 wd1e-4": ([64], 0.2, 1e-4, 1e-3),
    "[64,32]": ([64, 32], 0.0, 0.0, 1e-3),
    "[64,32] drop.2 wd1e-4": ([64, 32], 0.2, 1e-4, 1e-3),
    "[16] lr1e-2 wd1e-4": ([16], 0.0, 1e-4, 1e-2),
    "[64] lr1e-2": ([64], 0.0, 0.0, 1e-2),
}
DEFAULT = "default [5]"


def auto_recipe_name() -> str | None:
    """The recipe above that ``model: auto`` trains on a table today (mednn.recipes), if listed."""
    from mednn.config import TrainConfig
    from mednn.recipes import AUTO_RECIPES

    auto = AUTO_RECIPES.get("tabular", {})
    want = (list(auto.get("model", {}).get("hidden_sizes", [5])), float(auto.get("model", {}).get("dropout", 0.0)),
            float(auto.get("train", {}).get("weight_decay", 0.0)),
            float(auto.get("train", {}).get("lr", TrainConfig().lr)))
    return next((k for k, v in RECIPES.items() if (list(v[0]), *map(float, v[1:])) == want), None)


# --------------------------------------------------------------------------- datasets

def _csv(path, na_values=("?",), **kw):
    import pandas as pd

    return pd.read_csv(path, na_values=list(na_values), **kw)


def load_tables(root: Path, diabetes_rows: int, seed: int, only=None):
    """name -> (features DataFrame, 0/1 targets, groups or None, note)."""
    out = {}
    f = _csv(root / "pima_diabetes/pima-indians-diabetes.data.csv", header=None)
    out["pima"] = (f.iloc[:, :8], f.iloc[:, 8].to_numpy(), None, "")
    f = _csv(root / "uci_breast_cancer_wisconsin/breast-cancer-wisconsin.data", header=None)
    out["wisconsin"] = (f.iloc[:, 1:10], (f.iloc[:, 10] == 4).to_numpy().astype(int), None, "id dropped")
    f = _csv(root / "uci_heart_failure/heart_failure_clinical_records_dataset.csv")
    out["heart_failure"] = (f.drop(columns=["DEATH_EVENT"]), f["DEATH_EVENT"].to_numpy(), None, "")
    f = _csv(root / "uci_hepatitis/hepatitis.data", header=None)
    out["hepatitis"] = (f.iloc[:, 1:], (f.iloc[:, 0] == 1).to_numpy().astype(int), None, "positive: DIE")
    try:
        from mednn.config import DataConfig
        from mednn.data.readers import read_dataset

        ds = read_dataset(DataConfig(format="arff", path=str(root / "uci_chronic_kidney_disease/"
                                                              "chronic_kidney_disease_full.arff"), label="class"))
        y = np.asarray(ds.targets)
        positive = ds.task.class_names.index("ckd") if "ckd" in ds.task.class_names else 1
        out["kidney"] = (ds.inputs, (y == positive).astype(int), None, "mednn ARFF reader")
    except Exception as exc:  # no ARFF reader in this tree
        print(f"skipping chronic kidney disease: {type(exc).__name__}: {str(exc)[:120]}", file=sys.stderr)
    f = _csv(root / "uci_ilpd/Indian_Liver_Patient_Dataset_ILPD.csv", header=None)
    out["liver"] = (f.iloc[:, :10], (f.iloc[:, 10] == 1).to_numpy().astype(int), None, "positive: liver patient")
    f = _csv(root / "uci_cervical_cancer/risk_factors_cervical_cancer.csv")
    out["cervical"] = (f.drop(columns=["Hinselmann", "Schiller", "Citology", "Biopsy"]), f["Biopsy"].to_numpy(),
                       None, "target Biopsy; the other 3 test results dropped")
    f = _csv(root / "stroke_prediction/healthcare-dataset-stroke-data.csv", na_values=["N/A", "?"])
    out["stroke"] = (f.drop(columns=["id", "stroke"]), f["stroke"].to_numpy(), None, "id dropped")
    if not only or "diabetes130" in only:
        f = _csv(root / "uci_diabetes_130/diabetic_data.csv.gz", low_memory=False)
        f = f.sample(n=min(diabetes_rows, len(f)), random_state=seed).reset_index(drop=True)
        for c in ("diag_1", "diag_2", "diag_3"):  # ICD-9 codes are categories (the file mixes "250.83" and "V57")
            f[c] = f[c].astype(str).where(f[c].notna())
        out["diabetes130"] = (f.drop(columns=["encounter_id", "patient_nbr", "readmitted"]),
                              (f["readmitted"] == "<30").to_numpy().astype(int), f["patient_nbr"].to_numpy(),
                              f"random {len(f)} of 101,766 encounters; split by patient")
    for name, (x, y, g, note) in out.items():
        x.columns = [str(c) for c in x.columns]
        out[name] = (x.reset_index(drop=True), np.asarray(y, dtype=np.int64), g, note)
    return out


# --------------------------------------------------------------------------- one dataset

def prepare(name, x, y, groups, seed):
    """mednn Datasets for train / val / test (mednn's split) and the featurized tensors."""
    from mednn.data.base import Dataset, Task
    from mednn.data.splits import split_indices
    from mednn.featurizers.tabular import TabularFeaturizer

    ds = Dataset(inputs=x, targets=y, task=Task("binary", ("no", "yes")), ids=np.arange(len(y)),
                 groups=groups, source=name)
    index = split_indices(ds, "group" if groups is not None else "stratified", 0.15, 0.2, seed=seed)
    parts = {s: ds.subset(index[s]) for s in ("train", "val", "test")}
    featurizer = TabularFeaturizer(missing="impute").fit(parts["train"])
    features = {s: featurizer.transform(p) for s, p in parts.items()}
    return parts, features


def train_recipe(recipe, parts, features, seed):
    import torch

    from mednn.config import TrainConfig
    from mednn.data.base import Task
    from mednn.models.tabular import build_mlp
    from mednn.training.loop import fit, predict_logits
    from mednn.training.seeding import seed_everything

    hidden, dropout, wd, lr = recipe
    task = Task("binary", ("no", "yes"))
    generator = seed_everything(seed)
    torch.set_num_threads(1)
    model = build_mlp(task=task, input_shape=tuple(features["train"].shape[1:]), hidden_sizes=hidden, dropout=dropout)
    cfg = TrainConfig(lr=lr, weight_decay=wd, progress=False, checkpoint_every=0)  # epochs 100, batch 64, patience 20
    y = {s: torch.as_tensor(parts[s].targets, dtype=torch.float32) for s in ("train", "val")}
    t0 = time.perf_counter()
    result = fit(model, features["train"], y["train"], features["val"], y["val"], task=task, cfg=cfg,
                 generator=generator, device=torch.device("cpu"))
    seconds = time.perf_counter() - t0
    prob = {s: torch.sigmoid(predict_logits(model, features[s]).reshape(-1)).numpy() for s in ("val", "test")}
    return prob, seconds, result.epochs_run


def logistic(parts, features):
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    t0 = time.perf_counter()
    x = {s: features[s].numpy() for s in features}
    best = None
    for c in (0.001, 0.01, 0.1, 1.0, 10.0, 100.0):
        m = LogisticRegression(C=c, max_iter=2000).fit(x["train"], parts["train"].targets)
        auc = roc_auc_score(parts["val"].targets, m.predict_proba(x["val"])[:, 1])
        if best is None or auc > best[0]:
            best = (auc, c, m)
    prob = {s: best[2].predict_proba(x[s])[:, 1] for s in ("val", "test")}
    return prob, time.perf_counter() - t0, {"C": best[1]}


def lightgbm(parts):
    try:
        import lightgbm as lgb
    except ImportError:
        return None
    import pandas as pd

    t0 = time.perf_counter()
    raw = parts["train"].inputs
    categorical = [c for c in raw.columns
                   if not (pd.api.types.is_numeric_dtype(raw[c]) or pd.api.types.is_bool_dtype(raw[c]))]
    categories = {c: sorted(raw[c].dropna().astype(str).unique()) for c in categorical}

    def frame(part):  # text columns as pandas categories over the training categories (LightGBM's own handling)
        f = part.inputs.copy()
        for c in categorical:
            text = f[c].astype(str)
            f[c] = pd.Categorical(text.where(f[c].notna() & text.isin(categories[c])), categories=categories[c])
        f.columns = [f"f{i}" for i in range(f.shape[1])]  # LightGBM refuses some characters in names
        return f

    train, val, test = frame(parts["train"]), frame(parts["val"]), frame(parts["test"])
    model = lgb.LGBMClassifier(n_estimators=1000, learning_rate=0.05, num_leaves=31, n_jobs=1, verbose=-1,
                               random_state=0)
    model.fit(train, parts["train"].targets, eval_set=[(val, parts["val"].targets)], eval_metric="auc",
              callbacks=[lgb.early_stopping(50, verbose=False)])
    prob = {"val": model.predict_proba(val)[:, 1], "test": model.predict_proba(test)[:, 1]}
    return prob, time.perf_counter() - t0, {"trees": int(model.best_iteration_ or model.n_estimators)}


def tune_table(name, x, y, groups, parts, seed, budget, work: Path):
    """``mednn tune`` on this dataset's own split: test-row probabilities in ``parts["test"]``
    order, and what the study did."""
    import pandas as pd

    from mednn.config import load_config
    from mednn.tuning import run_study, tune

    split = np.empty(len(y), dtype=object)
    for s in ("train", "val", "test"):
        split[np.asarray(parts[s].ids, dtype=np.int64)] = s
    frame = x.copy()
    frame["mednn_row"] = np.arange(len(y))
    frame["mednn_label"] = y
    frame["mednn_split"] = split
    overrides = [f"seed={seed}", "data.format=csv", "data.label=mednn_label", "data.task=binary",
                 "data.class_names=[0,1]", "data.id_column=mednn_row", "data.split_column=mednn_split",
                 "split.method=file", "split.val_fraction=0.15", "split.test_fraction=0.2", "model.name=auto",
                 "train.progress=false", "explain.enabled=false", "report.enabled=false",
                 "evaluate.baselines=none", "evaluate.bootstrap=20"]
    categorical = [str(c) for c in x.columns
                   if not (pd.api.types.is_numeric_dtype(x[c]) or pd.api.types.is_bool_dtype(x[c]))]
    if categorical:  # the benchmark's own categories (diabetes 130's ICD-9 codes mix "250.83" and "V57")
        # quoted: a header-less table's columns are numbers, which YAML would read as integers
        overrides.append("data.categorical_columns=[" + ",".join(f"'{c}'" for c in categorical) + "]")
    if groups is not None:
        frame["mednn_patient"] = groups
        overrides.append("data.patient_column=mednn_patient")
    work.mkdir(parents=True, exist_ok=True)
    path = work / f"{name}.csv"
    frame.to_csv(path, index=False)
    cfg = load_config(None, [f"data.path={path}", *overrides])
    out = work / f"{name}-tune"
    t0 = time.perf_counter()
    study = run_study(cfg, out, budget=budget, metric="auroc")
    trainval = {int(i) for s in ("train", "val") for i in parts[s].ids}
    seen = {int(i) for i in study.row_ids}
    assert seen == trainval, f"{name}: the study used {len(seen)} rows, not the split's {len(trainval)} train + val"
    run = tune(cfg, out, budget=budget, metric="auroc")  # the study's budget is spent: trains the best config
    seconds = time.perf_counter() - t0
    pred = pd.read_csv(run / "predictions.csv")
    test = pred[pred["split"] == "test"].astype({"id": int}).set_index("id")
    want = [int(i) for i in parts["test"].ids]
    assert sorted(test.index) == sorted(want), f"{name}: the tuned run's test rows differ from the benchmark's"
    info = tuning_info(run, seconds, budget, f"study rows == split train+val ({len(trainval)}); "
                                                 f"run test rows == split test ({len(want)})")
    return test.loc[want, "p:1"].to_numpy(dtype=float), info


def auroc(y, p) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, p)) if len(np.unique(y)) == 2 else float("nan")


def _auroc_rows(y: np.ndarray, p: np.ndarray) -> np.ndarray:
    """AUROC of every row of (B, n) labels / scores at once (Mann-Whitney with average ranks)."""
    from scipy.stats import rankdata

    ranks = rankdata(p, axis=1)
    n_pos = y.sum(axis=1)
    n_neg = y.shape[1] - n_pos
    with np.errstate(invalid="ignore", divide="ignore"):
        return ((ranks * y).sum(axis=1) - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def paired_diff_ci(y, p_a, p_b, n_boot=1000, seed=0):
    """AUROC(a) - AUROC(b) on the same rows, with a paired bootstrap 95% CI (the same resampled
    rows for both; a resample with one class only is skipped)."""
    rng = np.random.default_rng(seed)
    i = rng.integers(0, len(y), (n_boot, len(y)))
    yb = np.asarray(y)[i].astype(float)
    diffs = _auroc_rows(yb, np.asarray(p_a)[i]) - _auroc_rows(yb, np.asarray(p_b)[i])
    diffs = diffs[np.isfinite(diffs)]
    lo, hi = np.percentile(diffs, [2.5, 97.5])
    return {"diff": auroc(y, p_a) - auroc(y, p_b), "ci95": [float(lo), float(hi)]}


# --------------------------------------------------------------------------- tuned column only

def merge_tuned(args, tables, work: Path) -> None:
    """--merge-into: add the tuned column to a full run's JSON without rerunning the recipe grid.
    The baselines are refitted on the same split and must match the stored test AUROCs (the
    proof that the rows are the same); the tuned network is compared with the better one."""
    old = read_merge_target(args)
    for name, (x, y, groups, note) in tables.items():
        if name not in old["per_dataset"] or not wants_tuning(args, name):
            continue
        entry, res = old["per_dataset"][name], old["lodo"][name]
        parts, features = prepare(name, x, y, groups, args.seed)
        y_test = parts["test"].targets
        probs = {"logistic": logistic(parts, features)[0]["test"], "lightgbm": lightgbm(parts)[0]["test"]}
        for b, p in probs.items():
            if len(y_test) != entry["n_test"] or abs(auroc(y_test, p) - entry[b]["test_auroc"]) > 1e-9:
                raise SystemExit(f"{name}: {b} refitted scores {auroc(y_test, p):.6f}, the JSON "
                                 f"{entry[b]['test_auroc']:.6f}: "
                                 "not the same split; rerun the benchmark fully instead of merging")
        got = tune_or_record(entry, "test_auroc", args.tune_budget, name,
                             lambda: tune_table(name, x, y, groups, parts, args.seed, args.tune_budget, work))
        if got is None:
            write_json(args.out, old)
            continue
        p_test, info = got
        entry["tuned"] = {"test_auroc": auroc(y_test, p_test), **info}
        best = best_baseline({b: entry[b]["test_auroc"] for b in probs})
        res.update({"best_baseline": best, "tuned_test_auroc": entry["tuned"]["test_auroc"],
                    "tuned_minus_best_baseline": paired_diff_ci(y_test, p_test, probs[best])})
        print(f"  {name} tuned: test AUROC {entry['tuned']['test_auroc']:.3f} vs {best} "
              f"{entry[best]['test_auroc']:.3f}, "
              f"{info['trials']} ({info['seconds_wall']}s)", file=sys.stderr, flush=True)
        write_json(args.out, old)  # after every dataset: a stopped run keeps what it finished
    tuned = [d for d in old["lodo"] if "tuned_minus_best_baseline" in old["lodo"][d]]
    old["summary"].update(tuned_summary(old["lodo"], tuned, args.tune_budget, "tuned_minus_best_baseline", ties=True))
    old["summary"]["tuned_no_result"] = tuned_no_result(old["per_dataset"], "test_auroc")
    old["tuned_column"] = merged_tuned_column("merged into the full run above: the recipe grid was not rerun; "
                                              "logistic regression and LightGBM were refitted on the same split "
                                              "and matched the stored test AUROCs, and the tuned network is "
                                              "compared with the better", __doc__)
    write_json(args.out, old)
    _print_tuned(old["lodo"], tuned, args.tune_budget, old["per_dataset"])


def _print_tuned(lodo, tuned, budget, per) -> None:
    rows = []
    for d in tuned:
        r, best = lodo[d], lodo[d]["best_baseline"]
        v = r["tuned_minus_best_baseline"]
        rows.append({"dataset": d, "default [5]": per[d]["recipes"][DEFAULT]["test_auroc"],
                     "auto": per[d]["recipes"].get(auto_recipe_name(), {}).get("test_auroc"),
                     f"tuned@{budget}": r["tuned_test_auroc"],
                     "best baseline": f"{best} {per[d][best]['test_auroc']:.3f}",
                     "tuned-best [95% CI]": ci_text(v),
                     "tune s": per[d]["tuned"]["seconds_wall"], "trials": per[d]["tuned"]["trials"]})
    won = [d for d in tuned if lodo[d]["tuned_minus_best_baseline"]["diff"] > 0]
    print_tuned(rows, tuned, won, budget, "the best baseline's test AUROC", "; target: at least two thirds")


# --------------------------------------------------------------------------- main

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--diabetes-rows", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--only", nargs="*", help="datasets to run (default: all)")
    ap.add_argument("--out", default="benchmarks/results/defaults_across_datasets.json")
    ap.add_argument("--work", default=None, help="where the tuning studies go (default: a temporary folder)")
    tuned_arguments(ap)
    args = ap.parse_args()
    import tempfile

    work = Path(args.work or tempfile.mkdtemp(prefix="mednn_defaults_tune_"))
    t_all = time.perf_counter()
    import warnings

    warnings.filterwarnings("ignore", message=".*eval_set.*")  # lightgbm 4.7 renames the argument
    tables = load_tables(Path(args.data), args.diabetes_rows, args.seed, args.only)
    if args.only:
        tables = {k: v for k, v in tables.items() if k in args.only}
    if args.merge_into:
        merge_tuned(args, tables, work)
        return
    per = {}
    for name, (x, y, groups, note) in tables.items():
        t0 = time.perf_counter()
        parts, features = prepare(name, x, y, groups, args.seed)
        y_val, y_test = parts["val"].targets, parts["test"].targets
        entry = {"n": len(y), "positives": int(y.sum()), "n_features": int(features["train"].shape[1]),
                 "n_test": len(y_test), "note": note, "recipes": {}}
        probs = {}
        for rname, recipe in RECIPES.items():
            prob, seconds, epochs = train_recipe(recipe, parts, features, args.seed)
            probs[rname] = prob
            entry["recipes"][rname] = {"val_auroc": auroc(y_val, prob["val"]),
                                       "test_auroc": auroc(y_test, prob["test"]),
                                       "seconds": round(seconds, 2), "epochs": epochs}
        prob, seconds, info = logistic(parts, features)
        probs["logistic"] = prob
        entry["logistic"] = {"test_auroc": auroc(y_test, prob["test"]), "seconds": round(seconds, 2), **info}
        got = lightgbm(parts)
        if got is not None:
            probs["lightgbm"] = got[0]
            entry["lightgbm"] = {"test_auroc": auroc(y_test, got[0]["test"]), "seconds": round(got[1], 2), **got[2]}
        got = wants_tuning(args, name) and tune_or_record(
            entry, "test_auroc", args.tune_budget, name,
            lambda: tune_table(name, x, y, groups, parts, args.seed, args.tune_budget, work))
        if got:
            p_test, info = got
            probs["tuned"] = {"test": p_test}
            entry["tuned"] = {"test_auroc": auroc(y_test, p_test), **info}
            print(f"  {name} tuned: test AUROC {entry['tuned']['test_auroc']:.3f}, {info['trials']} "
                  f"({info['seconds_wall']}s)", file=sys.stderr, flush=True)
        entry["_probs"], entry["_y_test"] = probs, y_test
        entry["seconds"] = round(time.perf_counter() - t0, 1)
        per[name] = entry
        print(f"{name}: {entry['seconds']}s", file=sys.stderr, flush=True)

    # ranks of the recipes by validation AUROC within each dataset (1 = best)
    names = list(RECIPES)
    ranks, choices = lodo_choice({d: {r: e["recipes"][r]["val_auroc"] for r in names} for d, e in per.items()}, names)
    rows, lodo = [], {}
    auto = auto_recipe_name()
    for d, e in per.items():
        chosen = choices[d]
        y = e["_y_test"]
        p = e["_probs"]
        res = {"chosen": chosen, "chosen_test_auroc": e["recipes"][chosen]["test_auroc"],
               "default_test_auroc": e["recipes"][DEFAULT]["test_auroc"],
               "logistic_test_auroc": e["logistic"]["test_auroc"],
               "lightgbm_test_auroc": e.get("lightgbm", {}).get("test_auroc"),
               "chosen_minus_default": paired_diff_ci(y, p[chosen]["test"], p[DEFAULT]["test"]),
               "chosen_minus_logistic": paired_diff_ci(y, p[chosen]["test"], p["logistic"]["test"]),
               "default_minus_logistic": paired_diff_ci(y, p[DEFAULT]["test"], p["logistic"]["test"])}
        if "lightgbm" in p:
            res["chosen_minus_lightgbm"] = paired_diff_ci(y, p[chosen]["test"], p["lightgbm"]["test"])
            res["default_minus_lightgbm"] = paired_diff_ci(y, p[DEFAULT]["test"], p["lightgbm"]["test"])
        best = best_baseline({"logistic": res["logistic_test_auroc"], "lightgbm": res["lightgbm_test_auroc"]})
        res["best_baseline"] = best
        res["default_minus_best_baseline"] = paired_diff_ci(y, p[DEFAULT]["test"], p[best]["test"])
        if auto:
            res["auto_recipe"] = auto
            res["auto_recipe_test_auroc"] = e["recipes"][auto]["test_auroc"]
            res["auto_recipe_minus_best_baseline"] = paired_diff_ci(y, p[auto]["test"], p[best]["test"])
        if "tuned" in p:
            res["tuned_test_auroc"] = e["tuned"]["test_auroc"]
            res["tuned_minus_best_baseline"] = paired_diff_ci(y, p["tuned"]["test"], p[best]["test"])
            res["tuned_minus_default"] = paired_diff_ci(y, p["tuned"]["test"], p[DEFAULT]["test"])
        lodo[d] = res

        def ci(k):
            return ci_text(res.get(k))

        rows.append({"dataset": d, "n": e["n"], "chosen (LODO)": chosen, "chosen": res["chosen_test_auroc"],
                     "default": res["default_test_auroc"], "logreg": res["logistic_test_auroc"],
                     "lightgbm": res["lightgbm_test_auroc"], "chosen-default": ci("chosen_minus_default"),
                     "chosen-logreg": ci("chosen_minus_logistic"), "chosen-lgbm": ci("chosen_minus_lightgbm"),
                     "auto": res.get("auto_recipe_test_auroc"), "tuned": res.get("tuned_test_auroc"),
                     "best base": best,
                     "tuned-best base": ci("tuned_minus_best_baseline"),
                     "mlp s": e["recipes"][chosen]["seconds"], "lgbm s": e.get("lightgbm", {}).get("seconds"),
                     "tune s": e.get("tuned", {}).get("seconds_wall"), "s": e["seconds"]})
    overall_rank = {r: float(np.mean([ranks[d][r] for d in per])) for r in names}
    best_overall = min(names, key=lambda r: (overall_rank[r], names.index(r)))
    diffs = [lodo[d]["chosen_minus_default"]["diff"] for d in per]
    print_table(rows, list(rows[0]))
    print()
    print_table([{"recipe": r, "mean val rank (all)": overall_rank[r],
                  "mean test auroc": float(np.mean([per[d]["recipes"][r]["test_auroc"] for d in per]))}
                 for r in names], ["recipe", "mean val rank (all)", "mean test auroc"])
    summary = {"best_overall_by_validation_rank": best_overall, "overall_mean_val_rank": overall_rank,
               "lodo_chosen_minus_default_mean": float(np.mean(diffs)),
               "lodo_chosen_beats_default": int(sum(v > 0 for v in diffs)), "datasets": len(diffs),
               "seconds_total": round(time.perf_counter() - t_all, 1)}
    summary["default_significantly_below_best_baseline"] = [
        d for d in per if lodo[d]["default_minus_best_baseline"]["ci95"][1] < 0]
    tuned = [d for d in per if "tuned_minus_best_baseline" in lodo[d]]
    if args.tune_budget:
        summary.update(tuned_summary(lodo, tuned, args.tune_budget, "tuned_minus_best_baseline", ties=True))
        summary["tuned_no_result"] = tuned_no_result(per, "test_auroc")
        print()
        _print_tuned(lodo, tuned, args.tune_budget, per)
    print(f"\nbest recipe over all datasets by validation rank: {best_overall}; LODO chosen - default test AUROC: "
          f"mean {summary['lodo_chosen_minus_default_mean']:+.4f}, better on {summary['lodo_chosen_beats_default']} "
          f"of {len(diffs)}; total {summary['seconds_total']}s")
    for e in per.values():
        e.pop("_probs")
        e.pop("_y_test")
    write_json(args.out, {"machine": machine(), "recipes": {k: {"hidden_sizes": v[0], "dropout": v[1],
                                                                 "weight_decay": v[2], "lr": v[3]}
                                                             for k, v in RECIPES.items()},
                          "protocol": __doc__.split("\n\n")[2].strip(), "per_dataset": per, "ranks": ranks,
                          "tuned_protocol": __doc__.split("\n\n")[3].strip(), "lodo": lodo, "summary": summary})


if __name__ == "__main__":
    main()
