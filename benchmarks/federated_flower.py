"""Federated training on Flower across site processes: pooled vs FedAvg vs FedProx vs sites alone.

The Wisconsin breast-cancer records (scikit-learn) are split as ``mednn train`` splits them;
the training rows are divided into ``--sites`` hospitals with label skew (per class,
Dirichlet(``--alpha``) shares, as benchmarks/federated.py), each written to its own file; the
validation and test rows go to the coordinator's file. With the built-in breast-cancer config:

- pooled          ``mednn train`` on all training rows (one file, the same val/test rows);
- FedAvg/FedProx  ``mednn federated server`` + one ``mednn federated site`` process per
                  hospital over gRPC on 127.0.0.1 (each site reads only its file);
- site k alone    ``mednn train`` on site k's rows only.

Reports test AUROC (from each run's metrics.json), and for the Flower runs the rounds per
minute (the coordinator's wall time per round: message, local epochs, aggregation) and the
bytes of weights sent and received per round.

    python benchmarks/federated_flower.py --out benchmarks/results/federated_flower_breast_cancer.json
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402
from federated import assign_sites  # noqa: E402

SRC = Path(__file__).resolve().parents[1] / "src"
CONFIG = SRC / "mednn" / "configs" / "breast_cancer.yaml"


def _sets(overrides: list[str]) -> list[str]:
    return [a for o in overrides for a in ("--set", o)]


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "mednn", *args]


def _env() -> dict:
    return dict(os.environ, PYTHONPATH=str(SRC))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _auroc(run: Path) -> float:
    return json.loads((run / "metrics.json").read_text())["test"]["auroc"]["value"]


def flower(tmp: Path, overrides: list[str], files: dict[str, Path], strategy: str, mu: float) -> dict:
    address = f"127.0.0.1:{_free_port()}"
    out = tmp / f"run-{strategy}"
    server = subprocess.Popen(_cli("federated", "server", str(CONFIG), "--sites", str(len(files)), "--address",
                                   address, "--data", str(tmp / "holdout.csv"), "--out", str(out), "--overwrite",
                                   "--strategy", strategy, "--mu", str(mu), "--quiet", *_sets(overrides)),
                              env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sites = [subprocess.Popen(_cli("federated", "site", str(CONFIG), "--data", str(path), "--server", address,
                                   "--name", name, *_sets(overrides)),
                              env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for name, path in files.items()]
    _, err = server.communicate()
    for site in sites:
        site.wait()
    if server.returncode != 0:
        raise RuntimeError(f"coordinator failed:\n{err[-2000:]}")
    fed = json.loads((out / "metrics.json").read_text())["federated"]
    label = "FedAvg" if strategy == "fedavg" else f"FedProx (mu={mu:g})"
    return {"setting": f"{label}, Flower", "n_train": sum(s["n_train"] for s in fed["sites"]),
            "test_auroc": _auroc(out), "rounds": fed["rounds_run"], "best_round": fed["best_round"],
            "rounds_per_min": round(60 / fed["seconds_per_round"], 1),
            "bytes_sent_per_round": fed["bytes_per_round"]["sent"],
            "bytes_received_per_round": fed["bytes_per_round"]["received"]}


def central(tmp: Path, overrides: list[str], name: str, train_file: Path, holdout: Path) -> dict:
    import pandas as pd

    frame = pd.concat([pd.read_csv(train_file), pd.read_csv(holdout)])
    path = tmp / f"{name.replace(' ', '_')}.csv"
    frame.to_csv(path, index=False)
    out = tmp / f"run-{name.replace(' ', '_')}"
    proc = subprocess.run(_cli("train", str(CONFIG), "--out", str(out), "--overwrite", "--quiet", "--set",
                               f"data.path={path}", "--set", "split.method=file", *_sets(overrides)),
                          env=_env(), capture_output=True, text=True)
    row = {"setting": name, "n_train": len(pd.read_csv(train_file))}
    if proc.returncode == 2:  # e.g. a site whose rows hold one class: mednn train refuses it, in one line
        return dict(row, test_auroc=None, note=proc.stderr.strip().splitlines()[-1][:120])
    if proc.returncode != 0:
        raise RuntimeError(f"{name} failed:\n{proc.stderr[-2000:]}")
    return dict(row, test_auroc=_auroc(out))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sites", type=int, default=3)
    ap.add_argument("--alpha", type=float, default=0.5, help="Dirichlet concentration of the label skew")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rounds", type=int, default=60, help="train.epochs: rounds (federated) or epochs")
    ap.add_argument("--mu", type=float, default=0.1, help="FedProx's proximal weight")
    ap.add_argument("--workdir", default="/tmp/mednn-federated-flower")
    ap.add_argument("--out", default=None)
    args = ap.parse_args()

    import numpy as np
    import pandas as pd
    from sklearn.datasets import load_breast_cancer

    sys.path.insert(0, str(SRC))
    from mednn.config import load_config
    from mednn.pipeline import read_and_split

    tmp = Path(args.workdir)
    tmp.mkdir(parents=True, exist_ok=True)
    frame = load_breast_cancer(as_frame=True).frame
    frame.insert(0, "rid", [f"r{i}" for i in range(len(frame))])
    frame["target"] = np.where(frame["target"] == 1, "benign", "malignant")
    pooled = tmp / "pooled.csv"
    frame.to_csv(pooled, index=False)
    common = ["data.format=csv", "data.label=target", "data.id_column=rid", "data.split_column=split",
              f"train.epochs={args.rounds}", "train.threads=1", "train.progress=false", "evaluate.bootstrap=100",
              "explain.enabled=false", "report.enabled=false", f"seed={args.seed}"]
    cfg = load_config(CONFIG, [f"data.path={pooled}", "data.format=csv", "data.label=target",
                               "data.id_column=rid", f"seed={args.seed}"])
    _, splits, index = read_and_split(cfg)
    site_of = assign_sites(splits.train.targets, args.sites, args.alpha, args.seed)
    files = {}
    for k in range(args.sites):
        files[f"site{k + 1}"] = tmp / f"site{k + 1}.csv"
        frame.iloc[index["train"][site_of == k]].assign(split="train").to_csv(files[f"site{k + 1}"], index=False)
    pd.concat([frame.iloc[index["val"]].assign(split="val"),
               frame.iloc[index["test"]].assign(split="test")]).to_csv(tmp / "holdout.csv", index=False)
    pooled_train = tmp / "pooled_train.csv"
    frame.iloc[index["train"]].assign(split="train").to_csv(pooled_train, index=False)

    t0 = time.perf_counter()
    rows = [central(tmp, common, "pooled", pooled_train, tmp / "holdout.csv")]
    rows.append(flower(tmp, common, files, "fedavg", 0.0))
    rows.append(flower(tmp, common, files, "fedprox", args.mu))
    for name, path in files.items():
        row = central(tmp, common, f"{name} alone", path, tmp / "holdout.csv")
        y = pd.read_csv(path)["target"]
        row["class_counts"] = {c: int((y == c).sum()) for c in ("benign", "malignant")}
        rows.append(row)
    columns = ["setting", "n_train", "test_auroc", "rounds", "best_round", "rounds_per_min",
               "bytes_sent_per_round", "bytes_received_per_round", "class_counts", "note"]
    print_table(rows, columns)
    write_json(args.out, {
        "benchmark": "federated_flower", "config": str(CONFIG.relative_to(SRC.parent)), "overrides": common,
        "sites": args.sites, "alpha": args.alpha, "seed": args.seed, "mu": args.mu,
        "transport": "Flower gRPC client/server API on 127.0.0.1, one process per site and one coordinator",
        "bytes": "payload bytes of the weight arrays (numpy serialisation), summed over the sites; gRPC framing "
                 "and the control messages are not counted",
        "rounds_per_min": "60 / the coordinator's mean wall time per round (send, local epochs, aggregate)",
        "rows": rows, "seconds_total": round(time.perf_counter() - t0, 1), "machine": machine(),
    })


if __name__ == "__main__":
    main()
