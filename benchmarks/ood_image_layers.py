"""Which layers of an image network should the OOD score read? Variants of ``image_embedding``
measured on the same trained networks over several seeds (issue 19 item 4, round 4).

For each image case of ``benchmarks/ood.py`` (PneumoniaMNIST 2D, BreastMNIST 2D, AdrenalMNIST3D)
and seed, the case's run is trained (or read back from ``--runs``, e.g. the runs
``benchmarks/ood_calibration.py collect`` left), and every split and foreign set is passed once
through its network, keeping what :func:`mednn.ood.run.ood_inputs` gives the scorer: the
embedding (the final linear layer's input), each feature-map stage's pooled output
(:class:`mednn.ood.image_layers.StageFeatures`, no code per model), the logits and the intensity
statistics. Every variant is then a function of these arrays, fitted on the training split,
calibrated on validation exactly as :class:`mednn.ood.OODScorer` does (components centred on their
validation median, scaled to their ``1 - fpr`` quantile, summed; the threshold the
training-conditional one at 90% confidence, the default), and measured by its flag rates on ID
test and on 1,000 unused training images (PneumoniaMNIST: exchangeable with validation) and its
AUROC against each foreign set. Nothing here looks at the test split to choose a setting.

    python benchmarks/ood_image_layers.py --data /work/shared/data --runs /tmp/mednn-ood-calibration \\
        --seeds 0,1,2 --out benchmarks/results/ood_image_layers.json
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ood as bench  # noqa: E402
from _common import machine, print_table, write_json  # noqa: E402
from ood_image_variants import class_mahalanobis, out_of_range  # noqa: E402

CASES = ("images_2d", "images_2d_breast", "images_3d")
FPR, CONFIDENCE = 0.05, 0.9
DEFAULT, CHOSEN = "default: Mahalanobis(embedding) + intensity", "+ the first two stages as one component (mean)"
RESPLIT = (DEFAULT, CHOSEN)  # the exchangeability check (2,000 re-splits) for the default before and after


def _arrays(predictor, features) -> dict[str, np.ndarray]:
    from mednn.ood.embedding import final_layer_inputs
    from mednn.ood.image_layers import StageFeatures
    from mednn.ood.images import intensity_statistics

    stages, logits = StageFeatures(), []
    embedding = final_layer_inputs(predictor.model, stages.wrap(
        lambda net: logits.append(predictor.logits(features, network=net)) or logits[-1]))
    out = {"embedding": embedding, "logits": np.asarray(logits[0]).reshape(len(embedding), -1),
           "stats": intensity_statistics(features)}
    out.update({f"stage{i}": s for i, s in enumerate(stages.features())})
    return out


def collect(case: str, seed: int, data: Path, work: Path, runs: Path | None) -> dict[str, dict[str, np.ndarray]]:
    from mednn.config import load_config
    from mednn.pipeline import train
    from mednn.pipeline.preparation import read_and_split
    from mednn.predictor import Predictor

    folder = work / case
    folder.mkdir(parents=True, exist_ok=True)
    cache = folder / f"arrays_{seed}.npz"
    if cache.is_file():
        out: dict[str, dict[str, np.ndarray]] = {}
        with np.load(cache) as stored:
            for key in stored.files:
                name, field = key.split("||")
                out.setdefault(name, {})[field] = stored[key]
        return out
    overrides, sets = bench.CASES[case](data, folder, 2000)
    cfg = load_config(None, [*bench.QUIET, *overrides, f"name=ood_{case}", f"seed={seed}"])
    run = (runs / case / f"run_{seed}") if runs else folder / f"run_{seed}"
    if not (run / "predictor.json").is_file():
        run = folder / f"run_{seed}"
        train(cfg, run, overwrite=True)
    predictor = Predictor.load(run)
    _, splits, _ = read_and_split(cfg)
    out = {}
    t0 = time.perf_counter()
    for split in ("train", "val", "test"):
        part = getattr(splits, split)
        out[split] = {**_arrays(predictor, predictor.featurizer.transform(part)), "labels": np.asarray(part.targets)}
    for name, path in sets.items():
        out[name] = _arrays(predictor, predictor.featurizer.transform(predictor.read(path, labels=False)))
    print(f"{case} seed {seed}: arrays in {time.perf_counter() - t0:.1f} s (load {os.getloadavg()[0]:.1f})")
    np.savez(cache, **{f"{name}||{field}": v for name, fields in out.items() for field, v in fields.items()})
    return out


# --- the variants ----------------------------------------------------------------------------

def gaussian(train: np.ndarray, labels: np.ndarray | None = None):
    """Mahalanobis distance to one Gaussian (labels None) or to the nearest class mean under one
    shared (tied) Ledoit-Wolf covariance (Lee et al. 2018): the image-variants benchmark's."""
    labels = np.zeros(len(train)) if labels is None else labels.reshape(len(train), -1)[:, 0]
    return class_mahalanobis(train, labels)


def per_class_gaussian(train: np.ndarray, labels: np.ndarray):
    """Class means and one covariance per class (no tying): the nearest class's distance."""
    labels = labels.reshape(len(train), -1)[:, 0]
    fitted = [gaussian(train[labels == c]) for c in np.unique(labels)]
    return lambda x: np.min([f(x) for f in fitted], axis=0)


def knn(ref: np.ndarray, k: int = 10):
    mean, std = ref.mean(0), ref.std(0) + 1e-6
    ref = (ref - mean) / std

    def score(x):
        x = (x - mean) / std
        squared = (x ** 2).sum(1)[:, None] + (ref ** 2).sum(1)[None, :] - 2 * x @ ref.T
        return np.sqrt(np.maximum(np.partition(squared, k - 1, axis=1)[:, k - 1], 0))
    return score


def variants(tr: dict) -> dict[str, list]:
    """name -> [(component function of a set's arrays, floor), ...] fitted on ``tr`` (training)."""
    stages = sorted(k for k in tr if k.startswith("stage"))
    labels = tr["labels"]
    emb = (lambda a, f=gaussian(tr["embedding"]): f(a["embedding"]), 1e-9)
    emb_class = (lambda a, f=gaussian(tr["embedding"], labels): f(a["embedding"]), 1e-9)
    inten = (lambda a, f=out_of_range(tr["stats"]): f(a["stats"]), 0.5)

    def stage_parts(names, labelled=None, per_class=False):
        parts = []
        for s in names:
            if per_class:
                f = per_class_gaussian(tr[s], labels)
            else:
                f = gaussian(tr[s], labels if labelled else None)
            parts.append((lambda a, f=f, s=s: f(a[s]), 1e-9))
        return parts

    def mean_of(parts):
        """One component: the mean of the stage distances, each divided by its training median."""
        medians = [np.median(f(tr)) for f, _ in parts]
        return (lambda a: np.mean([f(a) / m for (f, _), m in zip(parts, medians)], axis=0), 1e-9)

    def stacked_knn(names, k=10):
        f = knn(np.concatenate([tr[s] for s in names], 1), k)
        return (lambda a: f(np.concatenate([a[s] for s in names], 1)), 1e-9)

    early = stages[:2]
    all_stages = stage_parts(stages)
    out = {
        "default: Mahalanobis(embedding) + intensity": [emb, inten],
        "+ every stage, one Gaussian each": [emb, *all_stages, inten],
        "+ every stage, tied class-conditional": [emb_class, *stage_parts(stages, labelled=True), inten],
        "+ every stage, per-class covariance": [emb, *stage_parts(stages, per_class=True), inten],
        "+ the first two stages": [emb, *stage_parts(early), inten],
        "+ the first stage": [emb, *stage_parts(stages[:1]), inten],
        "+ every stage as one component (mean)": [emb, mean_of(all_stages), inten],
        "+ every stage, no intensity": [emb, *all_stages],
        "every stage + embedding as one component (mean), + intensity": [mean_of([emb, *all_stages]), inten],
        "+ kNN k=10 on the first two stages (standardised)": [
            emb, (lambda a, f=knn(np.concatenate([tr[s] for s in early], 1)):
                  f(np.concatenate([a[s] for s in early], 1)), 1e-9), inten],
        "tied class-conditional embedding + intensity": [emb_class, inten],
        "+ the first two stages as one component (mean)": [emb, mean_of(stage_parts(early)), inten],
        "+ kNN k=10 on every stage (standardised)": [emb, stacked_knn(stages), inten],
        "+ kNN k=10 on the first stage (standardised)": [emb, stacked_knn(stages[:1]), inten],
        "+ kNN k=5 on the first two stages": [emb, stacked_knn(early, 5), inten],
        "+ kNN k=20 on the first two stages": [emb, stacked_knn(early, 20), inten],
        "+ kNN k=10 on the first two stages + embedding": [stacked_knn([*early, "embedding"]), inten],
    }
    return out


def calibrated(components: list, val: dict):
    from mednn.ood.base import threshold_at

    raw = np.column_stack([f(val) for f, _ in components])
    center = np.median(raw, axis=0)
    scale = np.maximum(np.quantile(raw, 1 - FPR, axis=0) - center, [floor for _, floor in components])

    def score(a):
        return ((np.column_stack([f(a) for f, _ in components]) - center) / scale).sum(1)
    threshold, _ = threshold_at(score(val), FPR, CONFIDENCE)
    return score, threshold


def exchangeable(components: list, val: dict, test: dict, observed: float, draws: int = 2000) -> dict:
    """Validation and test pooled and split again at random (same sizes, ``draws`` times), the
    calibration refitted on each new validation part: the test flag rate when test *is* like
    validation (its mean; the share of draws above 5%) and the share of draws flagging at least the
    observed rate (small: the test split differs from validation beyond chance)."""
    from mednn.ood.base import threshold_rank

    raw = np.vstack([np.column_stack([f(part) for f, _ in components]) for part in (val, test)])
    floors = np.asarray([floor for _, floor in components])
    n_val, rng, rates = len(raw) - len(test["embedding"]), np.random.default_rng(0), []
    rank = threshold_rank(n_val, FPR, CONFIDENCE)
    for _ in range(draws):
        order = rng.permutation(len(raw))
        v, t = raw[order[:n_val]], raw[order[n_val:]]
        center = np.median(v, axis=0)
        scale = np.maximum(np.quantile(v, 1 - FPR, axis=0) - center, floors)
        threshold = np.sort(((v - center) / scale).sum(1))[rank - 1]
        rates.append(float(np.mean(((t - center) / scale).sum(1) > threshold)))
    rates = np.asarray(rates)
    return {"mean_rate": float(rates.mean()), "share_above_5pct": float(np.mean(rates > FPR)),
            "shift_p": float(np.mean(rates >= observed - 1e-12))}


def measure(case: str, seed: int, arrays: dict) -> list[dict]:
    foreign = [k for k in arrays if k not in ("train", "val", "test")]
    rows = []
    for name, components in variants(arrays["train"]).items():
        t0 = time.perf_counter()
        score, threshold = calibrated(components, arrays["val"])
        test = score(arrays["test"])
        seconds = time.perf_counter() - t0
        row = {"case": case, "seed": seed, "variant": name, "val_flag_rate": float(np.mean(score(arrays["val"]) >
                                                                                            threshold)),
               "test_flag_rate": float(np.mean(test > threshold)), "n_test": len(test),
               "fit_seconds": round(seconds, 2)}
        if name in RESPLIT:
            row["exchangeable"] = exchangeable(components, arrays["val"], arrays["test"], row["test_flag_rate"])
        for set_name in foreign:
            s = score(arrays[set_name])
            row[set_name] = {**bench.detection(test, s), "flag_rate": float(np.mean(s > threshold)), "n": len(s)}
        rows.append(row)
    return rows


def short(name: str) -> str:
    for old, new in (("(in-distribution) unused PneumoniaMNIST training images", "unused"), ("(degenerate) ", ""),
                     ("constant frames: black, white, 10 greys", "constant"), ("ID test ", ""),
                     ("PneumoniaMNIST test (chest X-ray)", "chest"), ("BreastMNIST (ultrasound)", "breast"),
                     (" (nibabel)", ""), ("chest X-rays piled into volumes (PneumoniaMNIST)", "piled")):
        name = name.replace(old, new)
    return name[:12]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/mednn-ood-image-layers"))
    parser.add_argument("--runs", type=Path, default=None, help="read trained runs <case>/run_<seed> from here")
    parser.add_argument("--only", default=",".join(CASES))
    parser.add_argument("--seeds", default="0")
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    started = {"load_average": os.getloadavg(), **machine()}
    rows = []
    for case in args.only.split(","):
        for seed in [int(s) for s in args.seeds.split(",")]:
            if case == "images_3d" and seed and not (args.runs and (args.runs / case / f"run_{seed}").is_dir()):
                continue  # one 3D seed (training a 3D network is the slow part)
            rows += measure(case, seed, collect(case, seed, args.data, args.work, args.runs))
            table = [{"variant": r["variant"][:44], "val": r["val_flag_rate"], "test": r["test_flag_rate"],
                      **{short(k): f"{v['auroc']:.3f}/{v['flag_rate']:.2f}" for k, v in r.items()
                         if isinstance(v, dict) and "auroc" in v}} for r in rows if r["case"] == case and r["seed"] == seed]
            print(f"--- {case} seed {seed}")
            print_table(table, list(table[0]))
            write_json(args.out, {"machine": started, "load_average_end": os.getloadavg(), "results": rows})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
