"""How often the OOD flag fires on in-distribution test records, and why (issue 19 item 4: "a flag
rate <= 5% on in-distribution test data").

For every case of ``benchmarks/ood.py`` and several seeds, one run is trained (the case's own
overrides, ``seed=S``), and the raw components of its scorer (before centring and scaling) are
kept for the validation split, the test split and each foreign set (``collect``). Everything else
is computed from those arrays, without retraining (``analyse``):

- the test flag rate of each calibration with a Wilson 95% interval;
- an exchangeability check: validation and test are pooled and split again at random (same
  sizes, 2,000 times), the calibration refitted on the new validation part: the distribution of
  the test flag rate when test *is* exchangeable with validation. Its mean is the calibration's
  expected false-positive rate (a bias from fitting the scaling on the calibration points shows
  here), its upper tail the sampling noise, and the share of draws at or above the observed rate
  a permutation p-value for "the test split is shifted";
- the same draws scored on the records left out of each draw's validation part: the share of
  draws whose false-positive rate on them exceeds the target (what a training-conditional
  threshold bounds by ``1 - confidence``);
- AUROC against each foreign set under each calibration (a scaling fitted on half of validation
  changes the weights of the components, the threshold alone never changes an AUROC).

    python benchmarks/ood_calibration.py collect --data /work/shared/data --seeds 0,1,2
    python benchmarks/ood_calibration.py analyse --out benchmarks/results/ood_calibration.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402

FPR, CONFIDENCE, DRAWS = 0.05, 0.9, 2000


# --- collecting the raw components ------------------------------------------------------------

def collect_case(case: str, seed: int, data: Path, work: Path, n_train: int, reuse: bool = False) -> Path:
    """Train the case's run with ``seed`` and save its scorer's raw components per record set."""
    import ood as bench
    from mednn.config import load_config
    from mednn.ood.run import ood_inputs, predicted_class
    from mednn.pipeline import train
    from mednn.pipeline.preparation import read_and_split
    from mednn.predictor import Predictor

    folder = work / case
    folder.mkdir(parents=True, exist_ok=True)
    overrides, sets = bench.CASES[case](data, folder, n_train)
    cfg = load_config(None, [*bench.QUIET, *overrides, f"name=ood_{case}", f"seed={seed}"])
    t0 = time.perf_counter()
    run = folder / f"run_{seed}"
    if not (reuse and (run / "manifest.json").is_file()):  # reuse: a run this script trained before
        run = train(cfg, run, overwrite=True)
    seconds = time.perf_counter() - t0
    sets.update(bench.site_sets(case, run, folder, next(o for o in overrides if o.startswith("data.path="))[10:]))
    predictor = Predictor.load(run)
    scorer = predictor.ood
    _, splits, _ = read_and_split(cfg)

    arrays = {}

    def keep(key, features, records):
        """The raw components under ``key``, and the predicted class under ``class:key`` (binary
        and multiclass runs: the groups of a per-class threshold, ``predicted_class``)."""
        inputs = ood_inputs(scorer, predictor, features, records=records)
        arrays[key] = scorer._components(inputs)
        logits = inputs.model_logits if inputs.model_logits is not None else predictor.logits(features)
        groups = predicted_class(predictor.task.kind, logits)
        if groups is not None:
            arrays[f"class:{key}"] = groups

    for name in ("val", "test"):
        keep(f"split:{name}", predictor.featurizer.transform(getattr(splits, name)), getattr(splits, name))
    for name, path in sets.items():
        dataset = predictor.read(path, labels=False)
        keep(f"foreign:{name}", predictor.featurizer.transform(dataset), dataset)
    out = work / f"{case}_seed{seed}.npz"
    np.savez(out, **arrays)
    meta = {"case": case, "seed": seed, "method": scorer.name, "components": list(scorer.components),
            "floors": list(scorer.floors), "threshold": scorer.threshold_, "train_seconds": round(seconds, 1),
            "load_average": os.getloadavg()}
    out.with_suffix(".json").write_text(json.dumps(meta))
    return out


# --- calibrations, as functions of the raw validation components -------------------------------

def conformal_index(n: int, fpr: float) -> int:
    """1-based rank of the conformal (1 - fpr) quantile among n scores (n + 1 when too few)."""
    return int(np.ceil((n + 1) * (1 - fpr)))


def pac_index(n: int, fpr: float, confidence: float) -> int:
    """Smallest rank k with P(Binomial(n, 1 - fpr) >= k) <= 1 - confidence (n + 1 when none):
    the k-th smallest score is exceeded by at most ``fpr`` of the population with probability
    ``confidence`` over the validation draw (Vovk 2012; Bates et al. 2021)."""
    from scipy.stats import binom

    ks = np.arange(1, n + 1)
    ok = binom.sf(ks - 1, n, 1 - fpr) <= 1 - confidence
    return int(ks[ok][0]) if ok.any() else n + 1


def fit_scaling(raw: np.ndarray, floors: np.ndarray, fpr: float) -> tuple[np.ndarray, np.ndarray]:
    center = np.median(raw, axis=0)
    return center, np.maximum(np.quantile(raw, 1 - fpr, axis=0) - center, floors)


def threshold_of(scores: np.ndarray, rank: int) -> float:
    ordered = np.sort(scores)
    return float(ordered[min(rank, len(ordered)) - 1])


def calibrate(val: np.ndarray, floors: np.ndarray, how: str, rng: np.random.Generator | None = None):
    """(center, scale, threshold) of calibration ``how`` fitted on raw validation components:
    ``conformal`` (main: scaling and threshold on all of validation), ``pac`` (the same scaling,
    the training-conditional rank), ``split`` / ``split_pac`` (scaling on one half, threshold on
    the other)."""
    if how.startswith("split"):
        order = (rng or np.random.default_rng(0)).permutation(len(val))
        fit_part, cal_part = val[order[: len(val) // 2]], val[order[len(val) // 2:]]
    else:
        fit_part = cal_part = val
    center, scale = fit_scaling(fit_part, floors, FPR)
    scores = ((cal_part - center) / scale).sum(axis=1)
    n = len(scores)
    rank = pac_index(n, FPR, CONFIDENCE) if how.endswith("pac") else conformal_index(n, FPR)
    return center, scale, threshold_of(scores, rank)


CALIBRATIONS = ("conformal", "pac", "split", "split_pac")


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return float("nan"), float("nan")
    p = k / n
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    return float(centre - half), float(centre + half)


def exchangeable_draws(val: np.ndarray, test: np.ndarray, floors: np.ndarray, how: str, seed: int = 0):
    """Test flag rates when validation and test are pooled and split again at random."""
    rng = np.random.default_rng(seed)
    pooled, n_val = np.concatenate([val, test]), len(val)
    rates = np.empty(DRAWS)
    for d in range(DRAWS):
        order = rng.permutation(len(pooled))
        center, scale, threshold = calibrate(pooled[order[:n_val]], floors, how, rng)
        rates[d] = np.mean(((pooled[order[n_val:]] - center) / scale).sum(axis=1) > threshold)
    return rates


def analyse_one(path: Path) -> list[dict]:
    from sklearn.metrics import roc_auc_score

    meta = json.loads(path.with_suffix(".json").read_text())
    arrays = dict(np.load(path))
    val, test = arrays.pop("split:val"), arrays.pop("split:test")
    floors = np.asarray(meta["floors"], dtype=np.float64)
    rows = []
    for how in CALIBRATIONS:
        center, scale, threshold = calibrate(val, floors, how)
        score = lambda raw: ((raw - center) / scale).sum(axis=1)  # noqa: E731
        k, n = int(np.sum(score(test) > threshold)), len(test)
        draws = exchangeable_draws(val, test, floors, how)
        row = {"case": meta["case"], "seed": meta["seed"], "calibration": how, "n_val": len(val), "n_test": n,
               "val_flag_rate": float(np.mean(score(val) > threshold)), "test_flag_rate": k / n,
               "test_wilson": tuple(round(v, 3) for v in wilson(k, n)), "exchangeable_mean": float(draws.mean()),
               "exchangeable_p95": float(np.quantile(draws, 0.95)),
               "exchangeable_share_over_target": float(np.mean(draws > FPR)),
               "shift_p_value": float(np.mean(draws >= k / n))}
        for name, raw in arrays.items():
            foreign = name.split(":", 1)[1]
            y = np.r_[np.zeros(n), np.ones(len(raw))]
            row[f"auroc {foreign}"] = float(roc_auc_score(y, np.r_[score(test), score(raw)])) if len(raw) else None
            row[f"flagged {foreign}"] = float(np.mean(score(raw) > threshold)) if len(raw) else None
        rows.append(row)
    return rows


def leave_one_out(rows: list[dict], limit: float = 0.15) -> list[dict]:
    """For each case, the calibration the *other* cases choose: among those whose exchangeable
    draws exceed the target on the left-out records in at most ``limit`` of draws (averaged over
    the other cases' runs; 0.1 promised + the left-out records' own sampling noise), the one that
    flags the most foreign records there. The choice never looks at the held-out case."""
    cases = sorted({r["case"] for r in rows})
    out = []
    for held in cases:
        others = [r for r in rows if r["case"] != held]
        stats = {}
        for how in CALIBRATIONS:
            mine = [r for r in others if r["calibration"] == how]
            foreign = [v for r in mine for k, v in r.items() if k.startswith("flagged ") and v is not None
                       and "(in-distribution)" not in k]
            stats[how] = (float(np.mean([r["exchangeable_share_over_target"] for r in mine])), float(np.mean(foreign)))
        allowed = [h for h in CALIBRATIONS if stats[h][0] <= limit] or list(CALIBRATIONS)
        chosen = max(allowed, key=lambda h: stats[h][1])
        out.append({"held_out": held, "chosen": chosen,
                    **{f"{h} over/foreign": f"{stats[h][0]:.2f}/{stats[h][1]:.2f}" for h in CALIBRATIONS}})
    return out


def per_case(rows: list[dict], pairs=(("conformal", "before"), ("pac", "after"))) -> list[dict]:
    """One line per case: the test flag rate per seed before (``conformal``) and after (``pac``),
    pooled over seeds with a Wilson interval, the exchangeable draws and the foreign flag rates
    (``pairs``: which calibrations, under which labels)."""
    out = []
    for case in dict.fromkeys(r["case"] for r in rows):
        line = {"case": case}
        for how, label in pairs:
            mine = [r for r in rows if r["case"] == case and r["calibration"] == how]
            k = sum(round(r["test_flag_rate"] * r["n_test"]) for r in mine)
            n = sum(r["n_test"] for r in mine)
            low, high = wilson(k, n)
            foreign = [v for r in mine for key, v in r.items() if key.startswith("flagged ") and v is not None
                       and "(in-distribution)" not in key]
            line.update({"n val/test": f"{mine[0]['n_val']}/{mine[0]['n_test']}", "seeds": len(mine),
                         f"{label} per seed": " / ".join(f"{100 * r['test_flag_rate']:.1f}" for r in mine),
                         f"{label} pooled": f"{100 * k / n:.1f} ({100 * low:.1f}-{100 * high:.1f})",
                         f"{label} P(>5%)": f"{np.mean([r['exchangeable_share_over_target'] for r in mine]):.2f}",
                         f"{label} foreign": f"{100 * np.mean(foreign):.1f}" if foreign else "",
                         f"{label} AUROC": f"{np.mean([v for r in mine for v in _foreign(r, 'auroc ')]):.4f}"
                         if foreign else "",
                         f"{label} shift p": " / ".join(f"{r['shift_p_value']:.2f}" for r in mine)})
        out.append(line)
    return out


# --- one threshold, or one per predicted class (evaluate.ood.per_class) --------------------------

PER_CLASS = ("pac", "pac_class")  # the training-conditional threshold pooled / per predicted class


def calibrate_classes(val: np.ndarray, groups: np.ndarray | None, floors: np.ndarray, how: str):
    """(center, scale, threshold, offsets): ``pac``, and for ``pac_class`` the offsets of a threshold
    per predicted class (:func:`mednn.ood.base.class_offsets`, the library's own rule; None without
    predicted classes, regression, or when no class has enough records)."""
    from mednn.ood.base import class_offsets

    center, scale, threshold = calibrate(val, floors, "pac")
    offsets = None
    if how == "pac_class" and groups is not None:
        offsets, _ = class_offsets(((val - center) / scale).sum(axis=1), groups, threshold, FPR, CONFIDENCE)
    return center, scale, threshold, offsets


def class_scores(raw: np.ndarray, groups: np.ndarray | None, calibration) -> np.ndarray:
    from mednn.ood.base import with_class_offsets

    center, scale, _, offsets = calibration
    return with_class_offsets(((raw - center) / scale).sum(axis=1), groups, offsets)


def exchangeable_class_draws(val, val_groups, test, test_groups, floors, how: str, seed: int = 0) -> np.ndarray:
    """:func:`exchangeable_draws` with the records' predicted classes carried along."""
    rng = np.random.default_rng(seed)
    pooled, n_val = np.concatenate([val, test]), len(val)
    groups = None if val_groups is None else np.concatenate([val_groups, test_groups])
    rates = np.empty(DRAWS)
    for d in range(DRAWS):
        order = rng.permutation(len(pooled))
        fit, rest = order[:n_val], order[n_val:]
        calibration = calibrate_classes(pooled[fit], None if groups is None else groups[fit], floors, how)
        rates[d] = np.mean(class_scores(pooled[rest], None if groups is None else groups[rest], calibration)
                           > calibration[2])
    return rates


def analyse_per_class(path: Path) -> list[dict]:
    """One row per calibration of :data:`PER_CLASS` for one collected run."""
    from sklearn.metrics import roc_auc_score

    meta = json.loads(path.with_suffix(".json").read_text())
    arrays = dict(np.load(path))
    classes = {k[len("class:"):]: arrays.pop(k) for k in list(arrays) if k.startswith("class:")}
    val, test = arrays.pop("split:val"), arrays.pop("split:test")
    g_val, g_test = classes.get("split:val"), classes.get("split:test")
    floors = np.asarray(meta["floors"], dtype=np.float64)
    rows = []
    for how in PER_CLASS:
        calibration = calibrate_classes(val, g_val, floors, how)
        threshold, offsets = calibration[2], calibration[3]
        flagged_test = class_scores(test, g_test, calibration) > threshold
        k, n = int(flagged_test.sum()), len(test)
        draws = exchangeable_class_draws(val, g_val, test, g_test, floors, how)
        row = {"case": meta["case"], "seed": meta["seed"], "calibration": how, "n_val": len(val), "n_test": n,
               "classes with own threshold": 0 if offsets is None else int(np.count_nonzero(offsets)),
               "val_flag_rate": float(np.mean(class_scores(val, g_val, calibration) > threshold)),
               "test_flag_rate": k / n, "test_wilson": tuple(round(v, 3) for v in wilson(k, n)),
               "exchangeable_mean": float(draws.mean()), "exchangeable_p95": float(np.quantile(draws, 0.95)),
               "exchangeable_share_over_target": float(np.mean(draws > FPR)),
               "shift_p_value": float(np.mean(draws >= k / n))}
        if g_val is not None:  # the classes' shares and flag rates: what a change of mix does
            row["val class shares"] = [round(float(np.mean(g_val == c)), 3) for c in range(int(g_val.max()) + 1)]
            row["test class shares"] = [round(float(np.mean(g_test == c)), 3) for c in range(int(g_test.max()) + 1)]
            row["test flag rate per class"] = [round(float(flagged_test[g_test == c].mean()), 3)
                                               for c in np.unique(g_test)]
        for name, raw in arrays.items():
            foreign, scores = name.split(":", 1)[1], class_scores(raw, classes.get(name), calibration)
            y = np.r_[np.zeros(n), np.ones(len(raw))]
            test_scores = class_scores(test, g_test, calibration)
            row[f"auroc {foreign}"] = float(roc_auc_score(y, np.r_[test_scores, scores])) if len(raw) else None
            row[f"flagged {foreign}"] = float(np.mean(scores > threshold)) if len(raw) else None
        rows.append(row)
    return rows


IN_DISTRIBUTION = "(in-distribution)"  # benchmarks/ood.py's check sets exchangeable with training: not foreign


def _foreign(row: dict, prefix: str) -> list[float]:
    return [v for k, v in row.items() if k.startswith(prefix) and v is not None and IN_DISTRIBUTION not in k]


def leave_one_out_per_class(rows: list[dict], limit: float = 0.15) -> list[dict]:
    """For each case, whether the *other* cases choose a threshold per predicted class. The rule,
    fixed before the comparison was run: among the calibrations whose exchangeable draws exceed the
    target in at most ``limit`` of draws (as :func:`leave_one_out`), the one with fewer runs (case x
    seed) flagging more than 5% of their test split (issue 19 item 4's requirement); on a tie, the
    one flagging more foreign records (mean over the other cases' foreign sets)."""
    cases = sorted({r["case"] for r in rows})
    out = []
    for held in cases:
        stats = {}
        for how in PER_CLASS:
            mine = [r for r in rows if r["case"] != held and r["calibration"] == how]
            stats[how] = (sum(r["test_flag_rate"] > FPR for r in mine),
                          float(np.mean([r["exchangeable_share_over_target"] for r in mine])),
                          float(np.mean([v for r in mine for v in _foreign(r, "flagged ")])))
        allowed = [h for h in PER_CLASS if stats[h][1] <= limit] or list(PER_CLASS)
        chosen = min(allowed, key=lambda h: (stats[h][0], -stats[h][2]))
        out.append({"held_out": held, "chosen": chosen,
                    **{f"{h} runs>5% / P(>5%) / foreign": f"{stats[h][0]} / {stats[h][1]:.2f} / {stats[h][2]:.3f}"
                       for h in PER_CLASS}})
    return out


COLUMNS = ["case", "seed", "calibration", "n_val", "n_test", "val_flag_rate", "test_flag_rate", "test_wilson",
           "exchangeable_mean", "exchangeable_p95", "exchangeable_share_over_target", "shift_p_value"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=("collect", "analyse", "per_class"))
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/mednn-ood-calibration"))
    parser.add_argument("--only", default="tables,heart_failure,images_2d,images_2d_breast,text,text_notes,"
                        "molecules,molecules_lipo,images_3d")
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--n-train", type=int, default=2000)
    parser.add_argument("--out", default=None)
    parser.add_argument("--reuse", action="store_true", help="collect: use a run trained before in --work")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    cases, seeds = args.only.split(","), [int(s) for s in args.seeds.split(",")]
    if args.step == "collect":
        for case in cases:
            for seed in seeds:
                print(f"--- {case} seed {seed} (load {os.getloadavg()[0]:.1f})", flush=True)
                collect_case(case, seed, args.data, args.work, args.n_train, args.reuse)
        return 0
    rows = []
    for case in cases:
        for seed in seeds:
            path = args.work / f"{case}_seed{seed}.npz"
            if path.is_file():
                rows += (analyse_per_class if args.step == "per_class" else analyse_one)(path)
    if args.step == "per_class":
        return report_per_class(args.out, rows)
    print_table(rows, COLUMNS)
    summary = per_case(rows)
    print_table(summary, list(summary[0]))
    choices = leave_one_out(rows)
    print_table(choices, list(choices[0]))
    write_json(args.out, {"machine": {**machine(), "load_average": os.getloadavg()}, "fpr": FPR,
                          "confidence": CONFIDENCE, "draws": DRAWS, "results": rows, "per_case": summary,
                          "leave_one_out": choices})
    return 0


def report_per_class(out: str | None, rows: list[dict]) -> int:
    print_table(rows, [*COLUMNS[:5], "classes with own threshold", *COLUMNS[5:], "test flag rate per class"])
    summary = per_case(rows, (("pac", "pooled"), ("pac_class", "per class")))
    print_table(summary, list(summary[0]))
    choices = leave_one_out_per_class(rows)
    print_table(choices, list(choices[0]))
    write_json(out, {"machine": {**machine(), "load_average": os.getloadavg()}, "fpr": FPR, "confidence": CONFIDENCE,
                     "draws": DRAWS, "results": rows, "per_case": summary, "leave_one_out": choices})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
