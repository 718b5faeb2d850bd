"""Which image OOD score flags the fewest in-distribution test images without losing the foreign
ones? Variants of the image scorer measured on the same trained networks (issue 19 item 4).

For each image case of ``benchmarks/ood.py`` (PneumoniaMNIST 2D, BreastMNIST 2D, AdrenalMNIST3D)
one run is trained (``--reuse``: an earlier one is read back), and the records of every split and
foreign set are passed once through its network, keeping the final linear layer's input (the
embedding ``embedding_knn`` reads), each conv block's output average-pooled, the logits and
:func:`mednn.ood.images.intensity_statistics`. Every variant is then a function of these arrays:
fitted on the training split, calibrated on validation exactly as :class:`mednn.ood.OODScorer`
does (each component centred on its validation median, scaled to its ``1 - fpr`` quantile,
summed; the threshold the conformal quantile), and measured by its ID test flag rate and AUROC
against each foreign set. Nothing here looks at the test split to choose a setting.

    python benchmarks/ood_image_variants.py --data /work/shared/data --out benchmarks/results/ood_image_variants.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ood as bench  # noqa: E402
from _common import machine, print_table, write_json  # noqa: E402

CASES = ("images_2d", "images_2d_breast", "images_3d")


# --- the arrays of each set ------------------------------------------------------------------

def _arrays(predictor, features) -> dict[str, np.ndarray]:
    """The embedding, each block's pooled output, the logits and the intensity statistics."""
    import torch

    from mednn.ood.embedding import final_layer_inputs
    from mednn.ood.images import intensity_statistics

    blocks = list(predictor.model.backbone[0]) if hasattr(predictor.model, "backbone") else []
    pooled: dict[int, list[np.ndarray]] = {i: [] for i in range(len(blocks))}

    def keep(i):
        def hook(module, inputs, output):
            pooled[i].append(output.detach().float().flatten(2).mean(2).cpu().numpy())
        return hook

    handles = [b.register_forward_hook(keep(i)) for i, b in enumerate(blocks)]
    logits: list[np.ndarray] = []
    try:
        with torch.no_grad():
            embedding = final_layer_inputs(predictor.model,
                                           lambda net: logits.append(predictor.logits(features, network=net))
                                           or logits[-1])
    finally:
        for h in handles:
            h.remove()
    out = {"embedding": embedding, "logits": np.asarray(logits[0]).reshape(len(embedding), -1),
           "stats": intensity_statistics(features)}
    for i, parts in pooled.items():
        out[f"block{i}"] = np.concatenate(parts)
    return out


def collect(case: str, data: Path, work: Path, n_train: int, reuse: bool) -> dict[str, dict[str, np.ndarray]]:
    from mednn.config import load_config
    from mednn.pipeline import read_and_split, train
    from mednn.predictor import Predictor

    (work / case).mkdir(parents=True, exist_ok=True)
    cache = work / case / "arrays.npz"
    if reuse and cache.is_file():
        out: dict[str, dict[str, np.ndarray]] = {}
        with np.load(cache) as stored:
            for key in stored.files:
                name, field = key.split("||")
                out.setdefault(name, {})[field] = stored[key]
        return out
    overrides, sets = bench.CASES[case](data, work / case, n_train)
    cfg = load_config(None, [*bench.QUIET, *overrides, f"name=ood_{case}"])
    run = work / case / "run"
    if not (reuse and (run / "predictor.json").is_file()):
        train(cfg, run, overwrite=True)
    predictor = Predictor.load(run)
    _, splits, _ = read_and_split(cfg)
    out = {}
    for split in ("train", "val", "test"):
        part = getattr(splits, split)
        out[split] = {**_arrays(predictor, predictor.featurizer.transform(part)), "labels": np.asarray(part.targets)}
    for name, path in sets.items():
        out[name] = _arrays(predictor, predictor.featurizer.transform(predictor.read(path, labels=False)))
    np.savez(cache, **{f"{name}||{field}": v for name, fields in out.items() for field, v in fields.items()})
    return out


# --- the variants: components fitted on train, calibrated on val -----------------------------

def knn(ref: np.ndarray, query: np.ndarray, ks: tuple[int, ...]) -> np.ndarray:
    """The mean distance to the k-th nearest training records over ``ks``."""
    ref, query = ref.astype(np.float64), query.astype(np.float64)
    squared = (query ** 2).sum(1)[:, None] + (ref ** 2).sum(1)[None, :] - 2 * query @ ref.T
    d = np.sqrt(np.maximum(np.sort(squared, axis=1)[:, :max(ks)], 0))
    return d[:, [k - 1 for k in ks]].mean(axis=1)


def standardise(train: np.ndarray, spread: np.ndarray):
    mean, std = train.mean(0), spread.std(0) + 1e-6
    return lambda x: (x - mean) / std


def unit(x: np.ndarray) -> np.ndarray:
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def class_mahalanobis(train: np.ndarray, labels: np.ndarray):
    """Class means + one shared Ledoit-Wolf covariance; the distance to the nearest class mean."""
    from sklearn.covariance import LedoitWolf

    classes = np.unique(labels)
    means = np.stack([train[labels == c].mean(0) for c in classes])
    precision = LedoitWolf().fit(train - means[np.searchsorted(classes, labels)]).precision_

    def score(x):
        d = [np.einsum("ij,jk,ik->i", x - m, precision, x - m) for m in means]
        return np.sqrt(np.maximum(np.min(d, axis=0), 0))
    return score


def predicted_class(logits: np.ndarray) -> np.ndarray:
    return (logits[:, 0] > 0).astype(int) if logits.shape[1] == 1 else logits.argmax(axis=1)


def out_of_range(train_stats: np.ndarray, quantile: float = 0.005, margin: float = 0.25):
    low, high = np.quantile(train_stats, [quantile, 1 - quantile], axis=0)
    span = high - low
    low, high = low - margin * span, high + margin * span
    return lambda s: ((s < low - 1e-9) | (s > high + 1e-9)).sum(1).astype(np.float64)


def variants(tr: dict) -> dict[str, list]:
    """name -> [(component function of a set's arrays, floor), ...] fitted on ``tr`` (training)."""
    e, b1 = tr["embedding"], tr.get("block1", tr["embedding"])
    z = standardise(e, e)
    zb = standardise(b1, b1)
    rng = np.random.default_rng(0)
    half = e[np.sort(rng.choice(len(e), len(e) // 2, replace=False))]
    by_prediction = class_mahalanobis(e, predicted_class(tr["logits"]))
    intensity = (lambda a, f=out_of_range(tr["stats"]): f(a["stats"]), 0.5)
    out = {f"knn k={k}": [(lambda a, k=k: knn(e, a["embedding"], (k,)), 1e-9)] for k in (1, 5, 10, 20, 50)}
    out.update({
        "knn mean of k=1..20": [(lambda a: knn(e, a["embedding"], tuple(range(1, 21))), 1e-9)],
        "knn k=10, half the reference": [(lambda a: knn(half, a["embedding"], (10,)), 1e-9)],
        "knn k=10, unit length": [(lambda a: knn(unit(e), unit(a["embedding"]), (10,)), 1e-9)],
        "knn k=10, standardised": [(lambda a: knn(z(e), z(a["embedding"]), (10,)), 1e-9)],
        "knn k=10 on block 2 + final (standardised)": [
            (lambda a: knn(np.c_[zb(b1), z(e)], np.c_[zb(a.get("block1", a["embedding"])), z(a["embedding"])],
                           (10,)), 1e-9)],
        "Mahalanobis to the nearest class": [(lambda a, f=class_mahalanobis(e, tr["labels"]): f(a["embedding"]),
                                              1e-9)],
        "Mahalanobis, one Gaussian": [(lambda a, f=class_mahalanobis(e, np.zeros(len(e))): f(a["embedding"]),
                                       1e-9)],
        "Mahalanobis to the nearest predicted class": [(lambda a, f=by_prediction: f(a["embedding"]), 1e-9)],
        "Mahalanobis (predicted class) + intensity": [(lambda a, f=by_prediction: f(a["embedding"]), 1e-9),
                                                      intensity],
        "Mahalanobis (one Gaussian) + intensity": [
            (lambda a, f=class_mahalanobis(e, np.zeros(len(e))): f(a["embedding"]), 1e-9), intensity],
        "Mahalanobis (predicted class) + knn k=10 + intensity": [
            (lambda a, f=by_prediction: f(a["embedding"]), 1e-9), (lambda a: knn(e, a["embedding"], (10,)), 1e-9),
            intensity],
        "Mahalanobis (class) on block 2 + on final": [
            (lambda a, f=class_mahalanobis(b1, tr["labels"]): f(a.get("block1", a["embedding"])), 1e-9),
            (lambda a, f=class_mahalanobis(e, tr["labels"]): f(a["embedding"]), 1e-9)],
        "intensity only": [intensity],
        "knn k=10 + intensity (image_knn)": [(lambda a: knn(e, a["embedding"], (10,)), 1e-9), intensity],
        "knn mean k=1..20 + intensity": [(lambda a: knn(e, a["embedding"], tuple(range(1, 21))), 1e-9), intensity],
    })
    return out


def calibrated(components: list, val: dict, fpr: float = 0.05):
    """Score function and threshold, calibrated as OODScorer.fit does."""
    from mednn.ood.base import threshold_at

    raw = np.column_stack([f(val) for f, _ in components])
    center = np.median(raw, axis=0)
    scale = np.maximum(np.quantile(raw, 1 - fpr, axis=0) - center, [floor for _, floor in components])

    def score(a):
        return ((np.column_stack([f(a) for f, _ in components]) - center) / scale).sum(1)
    threshold, _ = threshold_at(score(val), fpr)
    return score, threshold


def measure(case: str, arrays: dict) -> list[dict]:
    foreign = [k for k in arrays if k not in ("train", "val", "test")]
    rows = []
    for name, components in variants(arrays["train"]).items():
        score, threshold = calibrated(components, arrays["val"])
        test = score(arrays["test"])
        row = {"case": case, "variant": name, "val_flag_rate": float(np.mean(score(arrays["val"]) > threshold)),
               "test_flag_rate": float(np.mean(test > threshold)), "n_test": len(test)}
        for set_name in foreign:
            s = score(arrays[set_name])
            row[set_name] = {**bench.detection(test, s), "flag_rate": float(np.mean(s > threshold)), "n": len(s)}
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/mednn-ood-image-variants"))
    parser.add_argument("--only", default=",".join(CASES))
    parser.add_argument("--n-train", type=int, default=2000)
    parser.add_argument("--reuse", action="store_true", help="read back runs an earlier call trained")
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    started = {"load_average": os.getloadavg(), **machine()}
    rows = []
    for case in args.only.split(","):
        arrays = collect(case, args.data, args.work, args.n_train, args.reuse)
        rows += measure(case, arrays)
        table = [{"case": r["case"], "variant": r["variant"], "val": r["val_flag_rate"], "test": r["test_flag_rate"],
                  **{k[:28]: f"{v['auroc']:.3f}/{v['flag_rate']:.2f}" for k, v in r.items() if isinstance(v, dict)}}
                 for r in rows if r["case"] == case]
        print_table(table, list(table[0]))
        write_json(args.out, {"machine": started, "load_average_end": os.getloadavg(), "results": rows})
    print(json.dumps({"load_average_end": os.getloadavg()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
