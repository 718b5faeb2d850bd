"""Federated averaging against pooled training and against each site training alone.

A config's training split is divided into ``--sites`` simulated hospitals with label skew:
for every class, the shares of its training rows that go to each site are drawn from a
Dirichlet(``--alpha``) distribution (smaller alpha, more different sites), seeded. Then,
with the same model, featurizer, validation and test split:

- pooled      ``mednn.training.loop.fit`` on all training rows (the upper bound FedAvg aims at);
- federated   ``mednn.federation.SimulatedSites`` (one ClientApp process per site on the
              in-process engine, FedAvg, one local epoch per round, ``train.epochs`` rounds)
              driving the same ``fit``, as ``privacy.federated.site_column`` does in ``mednn train``;
- site k      ``fit`` on site k's rows only (what a hospital gets without collaborating).

Reports test AUROC of the positive class and accuracy at 0.5 (binary tasks), the training
rows and the training time on this machine.

    python benchmarks/federated.py --config configs/pneumoniamnist.yaml \
        --set data.path=../shared/data/medmnist/pneumoniamnist.npz --out benchmarks/results/federated_pneumoniamnist.json
    python benchmarks/federated.py --config src/mednn/configs/breast_cancer.yaml --seeds 0,1,2 \
        --out benchmarks/results/federated_breast_cancer.json
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402


def assign_sites(targets, n_sites: int, alpha: float, seed: int):
    """Site index per training row: each class's rows split by Dirichlet(alpha) shares."""
    import numpy as np

    rng = np.random.default_rng(seed)
    y = np.asarray(targets).astype(int)
    site = np.empty(len(y), dtype=int)
    for c in np.unique(y):
        rows = rng.permutation(np.flatnonzero(y == c))
        shares = rng.dirichlet([alpha] * n_sites)
        cuts = (np.cumsum(shares)[:-1] * len(rows)).round().astype(int)
        for k, part in enumerate(np.split(rows, cuts)):
            site[part] = k
    return site


def run(config: str, overrides: list[str], seed: int, n_sites: int, alpha: float) -> list[dict]:
    import numpy as np
    import torch
    from sklearn.metrics import roc_auc_score

    from mednn.config import load_config
    from mednn.models import build_model, load_model_modules
    from mednn.pipeline import make_featurizer, read_and_split
    from mednn.training.losses import targets_for_loss
    from mednn.federation import SimulatedSites
    from mednn.training.loop import MiniBatchEpochs, fit, predict_logits
    from mednn.training.losses import to_probabilities
    from mednn.training.seeding import seed_everything, set_threads

    cfg = load_config(config, [*overrides, f"seed={seed}", "train.progress=false", "train.ensemble=1"])
    data, splits, _ = read_and_split(cfg)
    task = data.task
    if task.kind != "binary":
        raise SystemExit("this benchmark reports binary metrics; pick a binary config")
    featurizer = make_featurizer(cfg, data)
    featurizer.fit(splits.train)
    feats = {s: featurizer.transform(getattr(splits, s)) for s in ("val", "test")}
    y_val, y_test = targets_for_loss(task, splits.val.targets), np.asarray(splits.test.targets).astype(int)
    site_of = assign_sites(splits.train.targets, n_sites, alpha, seed)
    load_model_modules()
    name = cfg.model.name if cfg.model.name != "auto" else {"images": "small_cnn"}.get(data.modality, "mlp")
    device = torch.device("cpu")
    make_augment = getattr(featurizer, "make_augment", None) if cfg.train.augment else None

    def new_model():
        return build_model(name, task=task, input_shape=featurizer.input_shape, **cfg.model.hparams)

    def scored(setting: str, model, n_train: int, seconds: float) -> dict:
        prob = to_probabilities(task, predict_logits(model, feats["test"])).numpy().reshape(-1)
        return {"seed": seed, "setting": setting, "n_train": n_train,
                "test_auroc": float(roc_auc_score(y_test, prob)),
                "test_acc_at_0.5": float(((prob >= 0.5).astype(int) == y_test).mean()),
                "train_s": round(seconds, 1)}

    def central(setting: str, part) -> dict:
        generator = seed_everything(seed)
        model = new_model()
        set_threads(cfg.train.threads, sum(p.numel() for p in model.parameters()))
        augment = make_augment(cfg.train.augment, seed) if make_augment else None
        t0 = time.perf_counter()
        fit(model, featurizer.transform(part), targets_for_loss(task, part.targets), feats["val"], y_val, task=task,
            cfg=cfg.train, generator=generator, device=device, strategy=MiniBatchEpochs(augment=augment))
        return scored(setting, model, len(part), time.perf_counter() - t0)

    rows = [central("pooled", splits.train)]
    train = splits.train.subset(np.arange(len(splits.train)))
    train.meta = dict(train.meta, site=np.asarray([f"site {k + 1}" for k in site_of], dtype=object))
    fed_cfg = cfg.privacy.federated.model_copy(update={"site_column": "site"})
    sim_cfg = cfg.model_copy(update={"privacy": cfg.privacy.model_copy(update={"federated": fed_cfg})})
    generator = seed_everything(seed)
    model = new_model()
    sites = SimulatedSites(sim_cfg, model=model, name=name, featurizer=featurizer, train_part=train,
                           make_augment=make_augment)
    with sites as rounds:
        t0 = time.perf_counter()  # the sites' start-up (imports, data hand-over) is not counted
        fit(model, None, None, feats["val"], y_val, task=task, cfg=cfg.train, generator=generator, device=device,
            strategy=rounds)
        rows.append(scored("federated (FedAvg)", model, len(splits.train), time.perf_counter() - t0))
    for k in range(n_sites):
        part = splits.train.subset(np.flatnonzero(site_of == k))
        counts = np.bincount(np.asarray(part.targets).astype(int), minlength=2)
        row = central(f"site {k + 1} alone", part)
        row["class_counts"] = counts.tolist()
        rows.append(row)
    for row in rows:
        print({k: (round(v, 3) if isinstance(v, float) else v) for k, v in row.items()}, flush=True)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", required=True)
    ap.add_argument("--set", action="append", default=[], help="config override key=value")
    ap.add_argument("--seeds", default="0")
    ap.add_argument("--sites", type=int, default=3)
    ap.add_argument("--alpha", type=float, default=0.5, help="Dirichlet concentration of the label skew")
    ap.add_argument("--out", default=None)
    args = ap.parse_args()

    runs = []
    for seed in (int(s) for s in args.seeds.split(",")):
        runs += run(args.config, args.set, seed, args.sites, args.alpha)
    summary = []
    for setting in dict.fromkeys(r["setting"] for r in runs):
        mine = [r for r in runs if r["setting"] == setting]
        summary.append({
            "setting": setting, "seeds": len(mine),
            "n_train": statistics.mean(r["n_train"] for r in mine),
            "test_auroc": statistics.mean(r["test_auroc"] for r in mine),
            "test_auroc_sd": statistics.stdev(r["test_auroc"] for r in mine) if len(mine) > 1 else None,
            "test_acc_at_0.5": statistics.mean(r["test_acc_at_0.5"] for r in mine),
            "train_s": statistics.mean(r["train_s"] for r in mine),
        })
    print()
    print_table(summary, list(summary[0]))
    import torch

    write_json(args.out, {
        "benchmark": "federated",
        "config": args.config, "overrides": args.set, "sites": args.sites, "alpha": args.alpha,
        "site_split": "per class, Dirichlet(alpha) shares of the training rows per site (seeded); "
                      "validation and test splits shared",
        "federated": "FedAvg, one process per site, 1 local epoch per round, train.epochs rounds, "
                     "model selection on the coordinator's validation split",
        "torch": torch.__version__,
        "summary": summary,
        "runs": runs,
        "machine": machine(),
    })


if __name__ == "__main__":
    main()
