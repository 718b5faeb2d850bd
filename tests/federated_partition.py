"""Three hospitals cut from the bundled breast-cancer records: the partition the Flower tests
compare with today's in-process FedAvg."""

from __future__ import annotations

from pathlib import Path

import numpy as np


def hospital_partition(tmp: Path, common: list[str], *, seed: int, missing_column: str, ward: bool = False):
    """Write a pooled CSV with a hospital column (5% of ``missing_column`` blank), one training
    file per hospital from today's split of it, and the coordinator's file (its val and test
    rows, marked in a ``split`` column). Returns (pooled config, {site: file}, holdout file)."""
    import pandas as pd
    from sklearn.datasets import load_breast_cancer

    from mednn.config import load_config
    from mednn.pipeline import read_and_split

    frame = load_breast_cancer(as_frame=True).frame.iloc[:, [0, 1, 2, 7, 20, 27, 30]]
    rng = np.random.default_rng(seed)
    frame.insert(0, "rid", [f"r{i}" for i in range(len(frame))])
    frame["hospital"] = rng.choice(["north", "south", "east"], len(frame), p=[0.5, 0.3, 0.2])
    frame["target"] = np.where(frame["target"] == 1, "benign", "malignant")
    if ward:
        frame["ward"] = rng.choice(["a", "b", "c"], len(frame))
    frame.loc[rng.random(len(frame)) < 0.05, missing_column] = np.nan
    pooled = tmp / "pooled.csv"
    frame.to_csv(pooled, index=False)
    cfg = load_config(None, [f"data.path={pooled}", "privacy.federated.site_column=hospital",
                             "privacy.federated.processes=false", *common])
    _, _, index = read_and_split(cfg)
    train_rows = frame.iloc[index["train"]]
    files = {}
    for site in ("east", "north", "south"):
        files[site] = tmp / f"{site}.csv"
        train_rows[train_rows["hospital"] == site].assign(split="train").to_csv(files[site], index=False)
    holdout = tmp / "holdout.csv"
    pd.concat([frame.iloc[index["val"]].assign(split="val"),
               frame.iloc[index["test"]].assign(split="test")]).to_csv(holdout, index=False)
    return cfg, files, holdout


def assert_pooled_image_statistics(run: Path, pooled: np.ndarray) -> dict:
    """The federated run's image featurizer holds the statistics of a fit on the pooled pixels
    (n, C, H, W); returns the run's featurizer state."""
    import json

    from mednn.data.base import Dataset, Task
    from mednn.featurizers import build_featurizer

    state = json.loads((run / "featurizer.json").read_text())["state"]
    expected = build_featurizer("image").fit(Dataset(
        inputs=pooled, targets=np.zeros(len(pooled), np.int64), task=Task("binary", ("0", "1")),
        ids=np.arange(len(pooled)).astype(str), modality="images")).state_dict()
    np.testing.assert_allclose(state["mean"] + state["std"], expected["mean"] + expected["std"], rtol=1e-10)
    return state
