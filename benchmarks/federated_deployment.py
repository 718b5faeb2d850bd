"""Flower's Deployment Engine on one machine: seconds per message with real processes.

A SuperLink, ``--sites`` SuperNodes (each on its own hospital's CSV, label-skewed Dirichlet
shares of the Wisconsin breast-cancer training rows, as benchmarks/federated.py) and one
``mednn federated run`` of ``--rounds`` rounds, all on 127.0.0.1, through the CLI of the mednn
source tree ``--src`` (default: this one). Reported: the run's wall time, the coordinator's
mean seconds per round (``metrics.json`` -> ``federated.seconds_per_round``: one training
message to every site in parallel, their local epochs, aggregation; validation not included),
the seconds per message over the whole run (wall time of ``mednn federated run`` / messages
per site: hello, the featurizer's statistics, setup, one per round), the load average, and the
test AUROC against pooled training on the same split.

``--legacy`` drives a tree from before the one-package federation (commit b82ff26: Flower's
subprocess isolation, a fresh ClientApp process per message, no ``--log`` option) to measure
the "before" on the same machine and load:

    git worktree add /tmp/mednn-before b82ff26
    python benchmarks/federated_deployment.py --src /tmp/mednn-before/src --legacy --out before.json
    python benchmarks/federated_deployment.py --out benchmarks/results/federated_deployment.json
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402
from federated import assign_sites  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
COMMON = ["data.label=target", "data.id_column=rid", "data.positive_class=malignant", "model.name=mlp",
          "model.hidden_sizes=[16]", "train.lr=0.01", "train.threads=1", "train.batch_size=32",
          "train.progress=false", "evaluate.bootstrap=100", "explain.enabled=false", "report.enabled=false",
          "train.early_stopping.enabled=false"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def partition(tmp: Path, n_sites: int, alpha: float, seed: int):
    """Hospital files (train rows), the coordinator's file (val/test rows) and the pooled file."""
    import numpy as np
    import pandas as pd
    from sklearn.datasets import load_breast_cancer
    from sklearn.model_selection import train_test_split

    frame = load_breast_cancer(as_frame=True).frame
    frame.insert(0, "rid", [f"r{i}" for i in range(len(frame))])
    frame["target"] = np.where(frame["target"] == 1, "benign", "malignant")
    train, rest = train_test_split(frame, test_size=0.35, random_state=seed, stratify=frame["target"])
    val, test = train_test_split(rest, test_size=0.5, random_state=seed, stratify=rest["target"])
    site_of = assign_sites((train["target"] == "malignant").astype(int), n_sites, alpha, seed)
    files = {}
    for k in range(n_sites):
        files[f"site{k + 1}"] = tmp / f"site{k + 1}.csv"
        train[site_of == k].assign(split="train").to_csv(files[f"site{k + 1}"], index=False)
    holdout = tmp / "holdout.csv"
    pd.concat([val.assign(split="val"), test.assign(split="test")]).to_csv(holdout, index=False)
    pooled = tmp / "pooled.csv"
    pd.concat([train.assign(split="train"), val.assign(split="val"),
               test.assign(split="test")]).to_csv(pooled, index=False)
    return files, holdout, pooled


def _start(args, env, log: Path):
    return subprocess.Popen([sys.executable, "-m", "mednn", *args], env=env, stdout=log.open("w"),
                            stderr=subprocess.STDOUT, start_new_session=True)


def _stop(proc) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
            proc.wait(timeout=15)
            return
        except (ProcessLookupError, subprocess.TimeoutExpired):
            continue


def deployment(args, tmp: Path, files: dict, holdout: Path, config: Path, env: dict) -> dict:
    """One `mednn federated run` against a SuperLink and its SuperNodes; its timings."""
    address = f"127.0.0.1:{_free_port()}"
    logs = (lambda name: ["--log", str(tmp / f"{name}-flwr.log")]) if not args.legacy else (lambda name: [])
    procs = [_start(["federated", "superlink", "--address", address, "--insecure", *logs("superlink")], env,
                    tmp / "superlink.log")]
    procs += [_start(["federated", "supernode", str(config), "--data", str(path), "--superlink", address,
                      "--insecure", "--name", name, "--runtime-port", str(_free_port()), *logs(name)],
                     env, tmp / f"{name}.log") for name, path in files.items()]
    try:
        time.sleep(5)  # the SuperNodes connect
        load = os.getloadavg()[0]
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "mednn", "federated", "run", str(config), "--sites",
                               str(len(files)), "--superlink", address, "--insecure", "--data", str(holdout),
                               "--out", str(tmp / "fed"), "--wait", "300"], env=env, capture_output=True, text=True,
                              timeout=3600)
        wall = time.perf_counter() - t0
        if done.returncode != 0:
            raise SystemExit(f"mednn federated run failed: {done.stderr[-2000:]}")
    finally:
        for proc in procs:
            _stop(proc)
    metrics = json.loads((tmp / "fed" / "metrics.json").read_text())
    fed = metrics["federated"]
    # per site: hello, the table featurizer's statistics, setup, one per round (the legacy tree
    # does not count them: its hello + ~9 statistics queries + setup are taken as 11)
    messages = fed.get("messages_per_site") or 11 + fed["rounds_run"]
    return {"messages_per_site": messages, "wall_s": round(wall, 1), "rounds": fed["rounds_run"], "seconds_per_round": fed["seconds_per_round"],
            "seconds_per_message": round(wall / messages, 2), "load_1min_at_start": round(load, 2),
            "load_1min_at_end": round(os.getloadavg()[0], 2), "test_auroc": metrics["test"]["auroc"]["value"]}


def pooled_auroc(tmp: Path, pooled: Path, env: dict, rounds: int) -> float:
    subprocess.run([sys.executable, "-m", "mednn", "train", "--data", str(pooled), "--out", str(tmp / "pooled"),
                    "--set", "data.split_column=split", *[a for c in COMMON for a in ("--set", c)],
                    "--set", f"train.epochs={rounds}", "--quiet"], env=env, check=True, capture_output=True)
    return json.loads((tmp / "pooled" / "metrics.json").read_text())["test"]["auroc"]["value"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", default=str(ROOT / "src"), help="the mednn source tree to run")
    ap.add_argument("--legacy", action="store_true", help="a tree from before the one-package federation")
    ap.add_argument("--sites", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--alpha", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    env = dict(os.environ, PYTHONPATH=args.src)
    with tempfile.TemporaryDirectory(prefix="mednn-fed-bench-") as folder:
        tmp = Path(folder)
        files, holdout, pooled = partition(tmp, args.sites, args.alpha, args.seed)
        config = tmp / "fed.yaml"
        lines = [f"data.path={holdout}", "data.split_column=split", *COMMON, f"train.epochs={args.rounds}"]
        subprocess.run([sys.executable, "-c", "import sys; from mednn.config import dump_config, load_config; "
                        "open(sys.argv[1], 'w').write(dump_config(load_config(None, sys.argv[2:])))",
                        str(config), *lines], env=env, check=True)
        row = deployment(args, tmp, files, holdout, config, env)
        row["pooled_test_auroc"] = pooled_auroc(tmp, pooled, env, args.rounds)
    row = {"tree": "before (subprocess isolation)" if args.legacy else "after (long-lived ClientApp)", **row}
    print_table([row], list(row))
    write_json(args.out, {"benchmark": "federated_deployment", "sites": args.sites, "rounds": args.rounds,
                          "alpha": args.alpha, "seed": args.seed, "src": args.src, "result": row,
                          "machine": machine()})


if __name__ == "__main__":
    main()
