"""One training epoch on PneumoniaMNIST four ways, same model, same flip + rotate augmentation.

(a) usual    the MedMNIST-examples pipeline: a ``torch.utils.data.Dataset`` whose ``__getitem__``
             scales one image and applies MONAI's array transforms ``RandFlip`` + ``RandRotate``
             per sample, batched by a ``DataLoader`` (num_workers=0; on 2 cores more workers were
             slower, see shared/PEERS.md). MONAI meta-data tracking is switched off so batches are
             plain tensors (the fastest form of this pipeline; MetaTensors would slow the model).
(a') usual_cl the same pipeline with the model's weights in the memory format mednn's ``fit``
             uses (channels-last for convolutional networks on the CPU): (a) against (a') is the
             gain of the memory format alone, (a') against (b) the gain of the data path alone.
(b) mednn    ``ImageFeaturizer`` (uint8 tensor in memory, normalised per batch) + ``make_augment``
             (batched torch ops) + ``mednn.training.loop.fit`` for one epoch.
(c) minimal  a hand-written loop over the same uint8 tensor with the same batched augmentation
             and memory format (so (b) against (c) is the toolkit's own overhead).

Each epoch = one pass over the 4,708 training images (batch 128, Adam 1e-3, shuffled) plus one
validation pass (524 images, AUROC), because ``fit`` always validates; all four do both. Inputs
are normalised with mean 0.5 / std 0.5 (MedMNIST). torchvision is not used. The four paths are
interleaved (a, a', b, c, a, a', b, c, ...) so drift on the shared machine hits all alike; the median of
``--repeats`` is reported, after an untimed two-batch warm-up of each path. A last row times the
data path alone (one epoch of augmented training batches, no model). Threads:
``torch.set_num_threads(--threads)`` (default 1) on every side. ``--device cuda`` keeps the
images on the GPU for (b) and (c); (a) moves each collated batch there, as the examples do.

    python benchmarks/images_pipeline_speed.py --data ../shared/data/medmnist/pneumoniamnist.npz \
        --out benchmarks/results/images_pipeline_speed.json
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402

ROTATE_DEGREES = 15.0
BATCH = 128
LR = 1e-3


def load(path: str):
    """mednn's reader, featurizer, splits and targets for the .npz at ``path``."""
    from mednn.config import load_config
    from mednn.pipeline import make_featurizer, read_and_split
    from mednn.training.losses import targets_for_loss

    cfg = load_config(None, [f"data.path={path}", "data.format=medmnist", "split.method=file",
                             "featurize.name=image", "featurize.mean=0.5", "featurize.std=0.5"])
    dataset, splits, _ = read_and_split(cfg)
    featurizer = make_featurizer(cfg, dataset)
    featurizer.fit(splits.train)
    return cfg, dataset.task, splits, featurizer, {
        s: targets_for_loss(dataset.task, p.targets) for s, p in splits.items()
    }


def new_model(spec: str, task, input_shape, seed: int):
    """``spec``: a registered model name, optionally with hparams after slashes, e.g.
    ``small_cnn/channels=16-32-64/convs_per_block=1`` (a '-' separated value is a list)."""
    import torch

    from mednn.models import build_model, load_model_modules

    name, *pairs = spec.split("/")
    hparams = {}
    for pair in pairs:
        key, value = pair.split("=")
        hparams[key] = [int(v) for v in value.split("-")] if "-" in value else int(value)
    load_model_modules()
    torch.manual_seed(seed)
    return build_model(name, task=task, input_shape=input_shape, **hparams)


def auroc(y, prob) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, prob))


def run_usual(model, splits, task, seed: int, max_batches: int | None, device, channels_last: bool = False) -> float:
    """(a) per-sample Dataset + MONAI transforms + DataLoader; ``channels_last``: (a') the same
    with the model's weights in mednn's CPU memory format (separates the data path's gain)."""
    import numpy as np
    import torch
    from monai.data import set_track_meta
    from monai.transforms import Compose, RandFlip, RandRotate

    set_track_meta(False)

    class NpzDataset(torch.utils.data.Dataset):
        def __init__(self, images, labels, transform=None):
            self.images, self.labels, self.transform = images, labels, transform

        def __len__(self):
            return len(self.images)

        def __getitem__(self, i):
            x = torch.as_tensor(self.images[i], dtype=torch.float32).div_(255.0).sub_(0.5).div_(0.5)
            if self.transform is not None:
                x = self.transform(x)
            return x, torch.tensor(self.labels[i], dtype=torch.float32)

    aug = Compose([
        RandFlip(prob=0.5, spatial_axis=1),  # left-right, as mednn's flip: True
        RandRotate(range_x=math.radians(ROTATE_DEGREES), prob=1.0, padding_mode="border"),
    ])
    aug.set_random_state(seed=seed)
    train = NpzDataset(np.asarray(splits.train.inputs), np.asarray(splits.train.targets), aug)
    val = NpzDataset(np.asarray(splits.val.inputs), np.asarray(splits.val.targets))
    g = torch.Generator().manual_seed(seed)
    train_loader = torch.utils.data.DataLoader(train, batch_size=BATCH, shuffle=True, num_workers=0, generator=g)
    val_loader = torch.utils.data.DataLoader(val, batch_size=1024, shuffle=False, num_workers=0)

    t0 = time.perf_counter()
    model.to(device)
    _memory_format(model, device, channels_last)
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    model.train()
    for b, (x, y) in enumerate(train_loader):
        if max_batches is not None and b >= max_batches:
            break
        x, y = x.to(device), y.to(device)
        opt.zero_grad()
        loss = loss_fn(model(x).reshape(-1), y)
        loss.backward()
        opt.step()
    model.eval()
    probs, ys = [], []
    with torch.no_grad():
        for x, y in val_loader:
            probs.append(torch.sigmoid(model(x.to(device)).reshape(-1)).cpu())
            ys.append(y)
    auroc(torch.cat(ys).numpy(), torch.cat(probs).numpy())
    return time.perf_counter() - t0


def run_mednn(model, cfg, task, features, targets, seed: int, max_batches: int | None, device) -> float:
    """(b) featurizer Batchable + make_augment + mednn's fit() for one epoch."""
    import torch

    from mednn.config import TrainConfig
    from mednn.featurizers.images import make_augment
    from mednn.training.loop import MiniBatchEpochs, fit

    train_cfg = TrainConfig(optimizer="adam", lr=LR, batch_size=BATCH, epochs=1, threads=None,
                            early_stopping={"monitor": "auroc"})
    augment = make_augment({"flip": True, "rotate": ROTATE_DEGREES}, seed)
    train_x, train_y = features["train"], targets["train"]
    if max_batches is not None:
        n = min(len(train_x), max_batches * BATCH)
        train_x = _Head(train_x, n)
        train_y = train_y[:n]
    t0 = time.perf_counter()
    fit(model, train_x, train_y, features["val"], targets["val"], task=task, cfg=train_cfg,
        generator=torch.Generator().manual_seed(seed), device=device,
        strategy=MiniBatchEpochs(augment=augment))
    return time.perf_counter() - t0


class _Head:
    """The first ``n`` images of a Batchable (only for the --max-batches smoke runs)."""

    def __init__(self, feats, n):
        self.feats, self.n = feats, n

    def __len__(self):
        return self.n

    def batch(self, index):
        return self.feats.batch(index)


def run_minimal(model, features, targets, seed: int, max_batches: int | None, device) -> float:
    """(c) hand-written loop over the same uint8 tensor, same batched augmentation."""
    import torch

    from mednn.featurizers.images import make_augment

    data, y_all = features["train"].data, targets["train"].to(device)
    val_data, y_val = features["val"].data, targets["val"]
    augment = make_augment({"flip": True, "rotate": ROTATE_DEGREES}, seed)
    g = torch.Generator().manual_seed(seed)
    t0 = time.perf_counter()
    model.to(device)
    _memory_format(model, device, True)
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    model.train()
    perm = torch.randperm(len(data), generator=g).to(device)
    for b, start in enumerate(range(0, len(data), BATCH)):
        if max_batches is not None and b >= max_batches:
            break
        idx = perm[start:start + BATCH]
        x = data.index_select(0, idx).float().mul_(2.0 / 255.0).sub_(1.0)  # (x/255 - 0.5) / 0.5
        x = augment(x, None)
        opt.zero_grad()
        loss = loss_fn(model(x).reshape(-1), y_all.index_select(0, idx))
        loss.backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        prob = torch.sigmoid(model(val_data.float().mul_(2.0 / 255.0).sub_(1.0)).reshape(-1)).cpu()
    auroc(y_val.numpy(), prob.numpy())
    return time.perf_counter() - t0


def _memory_format(model, device, wanted: bool) -> None:
    """Put the weights in the memory format mednn's fit() uses on this device (if ``wanted``)."""
    from mednn.training.loop import cpu_memory_format

    fmt = cpu_memory_format(model, device) if wanted else None
    if fmt is not None:
        model.to(memory_format=fmt)


def data_only(splits, features, seed: int, device) -> dict[str, float]:
    """Seconds to produce one epoch of augmented training batches, no model: per-sample vs batched."""
    import numpy as np
    import torch
    from monai.data import set_track_meta
    from monai.transforms import Compose, RandFlip, RandRotate

    from mednn.featurizers.images import make_augment

    set_track_meta(False)
    images, labels = np.asarray(splits.train.inputs), np.asarray(splits.train.targets)
    aug = Compose([RandFlip(prob=0.5, spatial_axis=1),
                   RandRotate(range_x=math.radians(ROTATE_DEGREES), prob=1.0, padding_mode="border")])
    aug.set_random_state(seed=seed)

    class NpzDataset(torch.utils.data.Dataset):
        def __len__(self):
            return len(images)

        def __getitem__(self, i):
            x = torch.as_tensor(images[i], dtype=torch.float32).div_(255.0).sub_(0.5).div_(0.5)
            return aug(x), torch.tensor(labels[i], dtype=torch.float32)

    loader = torch.utils.data.DataLoader(NpzDataset(), batch_size=BATCH, shuffle=True, num_workers=0,
                                         generator=torch.Generator().manual_seed(seed))
    t0 = time.perf_counter()
    for x, _ in loader:
        x = x.to(device)
    _sync(device)
    usual = time.perf_counter() - t0
    augment = make_augment({"flip": True, "rotate": ROTATE_DEGREES}, seed)
    feats = features["train"]
    t0 = time.perf_counter()
    perm = torch.randperm(len(feats), generator=torch.Generator().manual_seed(seed))
    for start in range(0, len(feats), BATCH):
        x = augment(feats.batch(perm[start:start + BATCH].numpy()), None)
    _sync(device)
    return {"usual": usual, "batched": time.perf_counter() - t0}


def _sync(device) -> None:
    import torch

    if device.type == "cuda":
        torch.cuda.synchronize()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/data/medmnist/pneumoniamnist.npz")
    ap.add_argument("--models", default="small_cnn", help="comma-separated registered image models, each "
                    "optionally with hparams: small_cnn/channels=16-32-64/convs_per_block=1")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--device", default="cpu", help="cpu or cuda (mednn and minimal keep the images there)")
    ap.add_argument("--max-batches", default="", help="per model, e.g. 'resnet18=2': time only the "
                    "first N training batches (a partial epoch) for slow models")
    ap.add_argument("--out", default=None)
    args = ap.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    limits = dict(item.rsplit("=", 1) for item in args.max_batches.split(",") if item)
    cfg, task, splits, featurizer, targets = load(args.data)
    features = {s: featurizer.transform(p).to(device) for s, p in splits.items() if s != "test"}
    shape = featurizer.input_shape
    rows, raw, data_rows = [], {}, []
    for r in range(args.repeats):
        data_rows.append(data_only(splits, features, r, device))
    for name in args.models.split(","):
        max_batches = int(limits[name]) if name in limits else None
        # untimed warm-up of every path (imports, first-call allocations, cuDNN autotuning)
        run_usual(new_model(name, task, shape, 0), splits, task, 0, 2, device)
        run_usual(new_model(name, task, shape, 0), splits, task, 0, 2, device, channels_last=True)
        run_mednn(new_model(name, task, shape, 0), cfg, task, features, targets, 0, 2, device)
        run_minimal(new_model(name, task, shape, 0), features, targets, 0, 2, device)
        times: dict[str, list[float]] = {"usual": [], "usual_cl": [], "mednn": [], "minimal": []}
        for r in range(args.repeats):
            seed = r
            times["usual"].append(run_usual(new_model(name, task, shape, seed), splits, task, seed,
                                            max_batches, device))
            times["usual_cl"].append(run_usual(new_model(name, task, shape, seed), splits, task, seed,
                                               max_batches, device, channels_last=True))
            times["mednn"].append(run_mednn(new_model(name, task, shape, seed), cfg, task, features,
                                            targets, seed, max_batches, device))
            times["minimal"].append(run_minimal(new_model(name, task, shape, seed), features, targets,
                                                seed, max_batches, device))
            print(f"{name} repeat {r + 1}: " + ", ".join(f"{k} {v[-1]:.2f}s" for k, v in times.items()),
                  flush=True)
        med = {k: statistics.median(v) for k, v in times.items()}
        rows.append({
            "model": name,
            "device": str(device),
            "batches": "all" if max_batches is None else str(max_batches),
            "usual_s": med["usual"], "usual_cl_s": med["usual_cl"], "mednn_s": med["mednn"],
            "minimal_s": med["minimal"],
            "speedup_usual/mednn": med["usual"] / med["mednn"],
            "speedup_usual_cl/mednn": med["usual_cl"] / med["mednn"],
            "overhead_mednn/minimal-1": med["mednn"] / med["minimal"] - 1,
            # paired within a repeat (run back to back), less exposed to drift on a shared machine
            "paired_speedup": statistics.median(u / m for u, m in zip(times["usual"], times["mednn"])),
            "paired_overhead": statistics.median(m / c - 1 for m, c in zip(times["mednn"], times["minimal"])),
        })
        raw[name] = times
    data_med = {k: statistics.median(d[k] for d in data_rows) for k in ("usual", "batched")}
    rows.append({
        "model": "(data only: augmented batches, no model)", "device": str(device), "batches": "all",
        "usual_s": data_med["usual"], "usual_cl_s": None, "mednn_s": data_med["batched"], "minimal_s": None,
        "speedup_usual/mednn": data_med["usual"] / data_med["batched"], "speedup_usual_cl/mednn": None,
        "overhead_mednn/minimal-1": None,
        "paired_speedup": statistics.median(d["usual"] / d["batched"] for d in data_rows), "paired_overhead": None,
    })
    print()
    print_table(rows, list(rows[0]))
    targets_met = {
        r["model"]: {"speedup_at_least_3x": r["speedup_usual/mednn"] >= 3,
                     "overhead_at_most_5pct": r["overhead_mednn/minimal-1"] <= 0.05}
        for r in rows if r["overhead_mednn/minimal-1"] is not None
    }
    for model_name, met in targets_met.items():
        print(f"targets ({model_name}, {device}): {met}")
    write_json(args.out, {
        "benchmark": "images_pipeline_speed",
        "dataset": Path(args.data).name,
        "device": str(device),
        "gpu": torch.cuda.get_device_name(0) if device.type == "cuda" else None,
        "torch": torch.__version__,
        "epoch": f"{len(splits.train)} training images (batch {BATCH}, Adam {LR}) + validation pass over "
                 f"{len(splits.val)} images (AUROC)",
        "augmentation": f"flip left-right p=0.5 + rotate uniform +-{ROTATE_DEGREES} deg (border padding)",
        "threads": args.threads,
        "repeats": args.repeats,
        "statistic": "median seconds per epoch (after an untimed 2-batch warm-up of each path)",
        "usual": "torch Dataset, per-sample MONAI RandFlip + RandRotate (track_meta off), DataLoader "
                 "num_workers=0, batches moved to the device",
        "usual_cl": "the same, with the model's weights in the memory format mednn's fit() uses on this "
                    "device (channels-last on the CPU for convolutional networks; unchanged on CUDA)",
        "mednn": "ImageFeaturizer ImageBatches (stored on the device) + make_augment + "
                 "mednn.training.loop.fit(epochs=1)",
        "minimal": "hand-written loop over the same uint8 tensor, same batched augmentation, torch.optim.Adam, "
                   "weights in the same memory format as mednn's",
        "rows": rows,
        "seconds": raw,
        "data_only_seconds": data_rows,
        "targets": targets_met,
        "machine": machine(),
        "note": "shared machine; absolute times drift, ratios come from interleaved repeats in one process",
    })


if __name__ == "__main__":
    main()
