"""The sweep behind the MedMNIST configs: training variants, many seeds, single networks and ensembles.

Each variant is a list of config overrides on ``configs/<set>.yaml``; each (set, variant, seed)
trains one network with mednn's own pieces (reader, featurizer, ``fit`` with the config's
augmentation, early stopping and weight average) and records validation and test AUROC and
accuracy at 0.5, with and without left-right flip test-time averaging, plus the test
probabilities. Ensembles of K are then formed from disjoint groups of K seeds of the same
variant (seeds 0..K-1, K..2K-1, ...), averaging probabilities as ``train.ensemble`` does.

The sweep is for choosing a config, so it reports validation numbers beside test numbers:
choose on validation; the test columns say how much of a gain survives. Final numbers come
from ``benchmarks/medmnist.py`` on the CPU with the chosen config. Runs are spread over
``--procs`` worker processes (one thread each); ``--device cuda`` shares one GPU between them.

    python benchmarks/medmnist_variants.py --data-dir ../shared/data/medmnist --device cuda \
        --seeds 10 --procs 14 --out benchmarks/results/medmnist_variants.json
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ENSEMBLE_SIZES = (3, 5)

# the variants tried, as overrides of the set's config. Every run is one network
# (train.ensemble=1); ensembles are formed afterwards. BreastMNIST's variants start from the
# config as it was before the sweep (epoch chosen on validation AUROC; weight average per variant)
_EMA = ["train.early_stopping.monitor=auroc", "train.ema=0.99"]
_NO_EMA = ["train.early_stopping.monitor=auroc", "train.ema=null"]
_ONE_CONV = ["model.convs_per_block=1"]
_LIGHT = ["model.channels=[16, 32, 64]", "model.convs_per_block=1"]
_STRONG_AUG = ["train.augment={flip: true, rotate: 20, zoom: 0.15, contrast: 0.2, intensity: 0.1}"]
VARIANTS: dict[str, dict[str, list[str]]] = {
    "breastmnist": {
        "base": _NO_EMA,
        "ema": _EMA,
        "one_conv": _ONE_CONV + _NO_EMA,
        "one_conv_ema": _ONE_CONV + _EMA,
        "c16-32-64": ["model.channels=[16, 32, 64]"] + _EMA,
        "light": _LIGHT + _EMA,
        "c24-48-96_one_conv": ["model.channels=[24, 48, 96]", "model.convs_per_block=1"] + _EMA,
        "one_conv_dropout0.3": _ONE_CONV + ["model.dropout=0.3"] + _EMA,
        "adamw_wd0.05": ["train.optimizer=adamw", "train.weight_decay=0.05"] + _EMA,
        "lr3e-4": ["train.lr=0.0003"] + _EMA,
        "batch32": ["train.batch_size=32"] + _EMA,
        "strong_aug": _STRONG_AUG + _EMA,
        "one_conv_strong_aug": _ONE_CONV + _STRONG_AUG + _EMA,
        "200_epochs": ["train.epochs=200", "train.early_stopping.patience=200"] + _EMA,
        "select_on_val_loss": _EMA + ["train.early_stopping.monitor=loss"],  # the config since the sweep
    },
    "pneumoniamnist": {
        "base": [],  # the config as it is (weight average, epoch chosen on validation AUROC)
        "one_conv": _ONE_CONV,
        "c16-32-64": ["model.channels=[16, 32, 64]"],
        "light": _LIGHT,
        "c24-48-96_one_conv": ["model.channels=[24, 48, 96]", "model.convs_per_block=1"],
    },
}


def run_one(job: tuple) -> dict:
    """Train one network; its metrics and test / validation probabilities (one worker process)."""
    dataset, variant, seed, device_name, data_dir, extra = job
    import numpy as np
    import torch
    from sklearn.metrics import roc_auc_score

    from mednn.config import load_config
    from mednn.models import build_model, load_model_modules
    from mednn.pipeline import make_featurizer, read_and_split
    from mednn.training.losses import targets_for_loss
    from mednn.training.loop import MiniBatchEpochs, fit, predict_logits
    from mednn.training.seeding import seed_everything

    torch.set_num_threads(1)
    overrides = [f"seed={seed}", f"train.device={device_name}", "train.threads=1", "train.ensemble=1",
                 *VARIANTS[dataset][variant], *extra]
    if data_dir:
        overrides.append(f"data.path={Path(data_dir) / (dataset + '.npz')}")
    cfg = load_config(ROOT / "configs" / f"{dataset}.yaml", overrides)
    generator = seed_everything(cfg.seed)
    data, splits, _ = read_and_split(cfg)
    featurizer = make_featurizer(cfg, data)
    featurizer.fit(splits.train)
    features = {s: featurizer.transform(p) for s, p in splits.items()}
    targets = {s: targets_for_loss(data.task, p.targets) for s, p in splits.items()}
    load_model_modules()
    model = build_model(cfg.model.name, task=data.task, input_shape=featurizer.input_shape, **cfg.model.hparams)
    augment = featurizer.make_augment(cfg.train.augment, cfg.seed,
                                      class_counts=list(splits.train.class_counts().values()))
    device = torch.device(device_name)
    t0 = time.perf_counter()
    result = fit(model, features["train"], targets["train"], features["val"], targets["val"], task=data.task,
                 cfg=cfg.train, generator=generator, device=device, strategy=MiniBatchEpochs(augment=augment))
    row = {"dataset": dataset, "variant": variant, "seed": seed, "best_epoch": result.best_epoch,
           "train_seconds": round(time.perf_counter() - t0, 2), "device": device_name}
    for split in ("val", "test"):
        feats = features[split]
        prob = torch.sigmoid(predict_logits(model, feats, device=device).reshape(-1)).numpy()
        flipped = torch.sigmoid(predict_logits(model, _Flipped(feats), device=device).reshape(-1)).numpy()
        y = np.asarray(getattr(splits, split).targets).reshape(-1).astype(int)
        for tag, p in (("", prob), ("_flip_tta", (prob + flipped) / 2)):
            row[f"{split}_auroc{tag}"] = float(roc_auc_score(y, p))
            row[f"{split}_acc{tag}"] = float(((p >= 0.5).astype(int) == y).mean())
        row[f"{split}_prob"] = [round(float(v), 6) for v in prob]
        row[f"{split}_y"] = y.tolist()
    print(json.dumps({k: v for k, v in row.items() if not isinstance(v, list)}), flush=True)
    return row


class _Flipped:
    """A Batchable's batches mirrored left-right (flip test-time augmentation)."""

    def __init__(self, feats):
        self.feats = feats

    def __len__(self):
        return len(self.feats)

    def batch(self, index):
        return self.feats.batch(index).flip(-1)


def _metrics(prob, y) -> tuple[float, float]:
    import numpy as np
    from sklearn.metrics import roc_auc_score

    prob, y = np.asarray(prob), np.asarray(y)
    return float(roc_auc_score(y, prob)), float(((prob >= 0.5).astype(int) == y).mean())


def summarise(runs: list[dict]) -> list[dict]:
    """Per (set, variant): mean over seeds of single networks, and of disjoint K-ensembles."""
    import numpy as np

    rows = []
    for dataset, variants in VARIANTS.items():
        for variant in variants:
            mine = sorted((r for r in runs if r["dataset"] == dataset and r["variant"] == variant),
                          key=lambda r: r["seed"])
            if not mine:
                continue
            row = {"dataset": dataset, "variant": variant, "seeds": len(mine)}
            for key in ("val_auroc", "val_acc", "test_auroc", "test_acc", "test_auroc_flip_tta", "test_acc_flip_tta"):
                row[key] = statistics.mean(r[key] for r in mine)
            row["test_acc_sd"] = statistics.stdev(r["test_acc"] for r in mine) if len(mine) > 1 else None
            row["train_s"] = statistics.mean(r["train_seconds"] for r in mine)
            for k in ENSEMBLE_SIZES:
                groups = [mine[i:i + k] for i in range(0, len(mine) - k + 1, k)]
                if not groups:
                    continue
                scores = {split: [_metrics(np.mean([r[f"{split}_prob"] for r in g], 0), g[0][f"{split}_y"])
                                  for g in groups] for split in ("val", "test")}
                row[f"ens{k}_n"] = len(groups)
                for split in ("val", "test"):
                    row[f"ens{k}_{split}_auroc"] = statistics.mean(s[0] for s in scores[split])
                    row[f"ens{k}_{split}_acc"] = statistics.mean(s[1] for s in scores[split])
            rows.append(row)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", default=None, help="folder with <set>.npz (default: each config's data.path)")
    ap.add_argument("--sets", default=",".join(VARIANTS))
    ap.add_argument("--variants", default="", help="comma-separated set:variant pairs (default: all)")
    ap.add_argument("--seeds", type=int, default=5, help="seeds 0..N-1 per variant")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--procs", type=int, default=2, help="worker processes")
    ap.add_argument("--set", action="append", default=[], help="extra override for every run (e.g. a "
                    "smoke test: --set train.epochs=2)")
    ap.add_argument("--out", default=None)
    args = ap.parse_args()

    wanted = set(filter(None, args.variants.split(",")))
    jobs = [(d, v, seed, args.device, args.data_dir, tuple(args.set))
            for d in args.sets.split(",") for v in VARIANTS[d] for seed in range(args.seeds)
            if not wanted or f"{d}:{v}" in wanted]
    jobs.sort(key=lambda j: j[0] != "pneumoniamnist")  # the longest runs first
    t0 = time.perf_counter()
    with mp.get_context("spawn").Pool(args.procs) as pool:
        runs = pool.map(run_one, jobs, chunksize=1)
    rows = summarise(runs)
    columns = ["dataset", "variant", "seeds", "val_auroc", "val_acc", "test_auroc", "test_acc",
               "test_acc_flip_tta", *(f"ens{k}_{s}_{m}" for k in ENSEMBLE_SIZES for s in ("val", "test")
                                      for m in ("auroc", "acc")), "train_s"]
    print()
    print_table(rows, columns)
    import torch

    write_json(args.out, {
        "benchmark": "medmnist_variants",
        "purpose": "choosing the configs: validation beside test, single networks and disjoint-seed ensembles",
        "device": args.device,
        "gpu": torch.cuda.get_device_name(0) if args.device == "cuda" and torch.cuda.is_available() else None,
        "torch": torch.__version__,
        "metrics": "AUROC of the class-1 probability and accuracy at 0.5 (MedMNIST's evaluator); _flip_tta: "
                   "the mean of the image's and its left-right mirror's probabilities",
        "ensembles": f"disjoint groups of K seeds of one variant (K in {list(ENSEMBLE_SIZES)}), probabilities "
                     "averaged; ens<K>_n groups per variant",
        "variants": {d: {v: VARIANTS[d][v] for v in VARIANTS[d]} for d in args.sets.split(",")},
        "extra_overrides": args.set,
        "seconds_total": round(time.perf_counter() - t0, 1),
        "summary": rows,
        "runs": [{k: v for k, v in r.items() if not k.endswith(("_prob", "_y"))} for r in runs],
        "machine": machine(),
    })


if __name__ == "__main__":
    main()
