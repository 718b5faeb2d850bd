"""The seed's MLP (mednn) against scikit-learn's MLPClassifier, same architecture and epochs.

Datasets: `digits` (bundled with scikit-learn) and full MNIST from IDX files (--mnist DIR, e.g.
../shared/data/mnist). Networks: 64-5-10 on digits; 784-5-10 (the seed's) and 784-128-10 on
MNIST. Both sides get the same inputs (pixels / max), the same training rows, Adam with lr 1e-3,
batch 200 and the same number of epochs; mednn also validates on held-out training rows every
epoch (counted in its time). Each measurement runs in its own process (time and peak memory);
the two sides alternate, one run per seed, so a busy machine slows both alike. Both sides use
one thread, so CPU time (process time) is reported beside wall time: on a shared machine it is
the steadier measure, and the ratio is taken from it.

    python benchmarks/mlp_vs_sklearn.py --mnist ../shared/data/mnist --out benchmarks/results/mlp_vs_sklearn.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np  # noqa: E402

from _common import machine, peak_rss_mb, print_table, run_worker, write_json  # noqa: E402


def load(dataset: str, mnist_dir: str | None, seed: int):
    """(x_train, y_train, x_val, y_val, x_test, y_test) as float32 in [0, 1] and int64."""
    import numpy as np

    if dataset == "digits":
        from sklearn.datasets import load_digits
        from sklearn.model_selection import train_test_split

        d = load_digits()
        x, y = (d.data / 16.0).astype(np.float32), d.target.astype(np.int64)
        x_tr, x_te, y_tr, y_te = train_test_split(x, y, test_size=0.25, stratify=y, random_state=seed)
    else:
        from mednn.config import DataConfig
        from mednn.data.readers import read_dataset

        ds = read_dataset(DataConfig(format="idx", path=mnist_dir))
        x = ds.inputs.reshape(len(ds), -1).astype(np.float32) / 255.0
        y = ds.targets.astype(np.int64)
        train, test = ds.split == "train", ds.split == "test"
        x_tr, y_tr, x_te, y_te = x[train], y[train], x[test], y[test]
    rng = np.random.default_rng(seed)
    perm = rng.permutation(len(x_tr))
    n_val = len(x_tr) // 10
    val, tr = perm[:n_val], perm[n_val:]
    return x_tr[tr], y_tr[tr], x_tr[val], y_tr[val], x_te, y_te


def pipeline_worker(mnist_dir: str, seed: int) -> None:
    """The seed's example as a user runs it: configs/mnist_seed.yaml through the whole pipeline."""
    import json as _json
    import tempfile

    from mednn.config import load_config
    from mednn.pipeline import train

    root = Path(__file__).resolve().parent.parent
    cfg = load_config(root / "configs" / "mnist_seed.yaml",
                      [f"data.path={mnist_dir}", f"seed={seed}", "train.progress=false", "report.enabled=false",
                       "explain.enabled=false", "evaluate.bootstrap=0"])
    with tempfile.TemporaryDirectory() as tmp:
        run = train(cfg, Path(tmp) / "run")
        metrics = _json.loads((run / "metrics.json").read_text())
    print(json.dumps({"seconds": metrics["training"]["seconds"], "cpu_seconds": None,
                      "test_accuracy": metrics["test"]["accuracy"]["value"], "peak_rss_mb": peak_rss_mb()}))


def worker(side: str, dataset: str, hidden: int, epochs: int, threads: int, mnist_dir: str | None, seed: int):

    if side == "pipeline":
        return pipeline_worker(mnist_dir, seed)

    x_tr, y_tr, x_va, y_va, x_te, y_te = load(dataset, mnist_dir, seed)
    if side == "sklearn":
        import warnings

        from sklearn.exceptions import ConvergenceWarning
        from sklearn.neural_network import MLPClassifier
        from threadpoolctl import threadpool_limits

        with threadpool_limits(threads), warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            clf = MLPClassifier((hidden,), max_iter=epochs, batch_size=200, learning_rate_init=1e-3,
                                random_state=seed, shuffle=True, tol=0.0, n_iter_no_change=epochs + 1)
            t0, c0 = time.perf_counter(), time.process_time()
            clf.fit(x_tr, y_tr)
            seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
            acc = float((clf.predict(x_te) == y_te).mean())
    else:
        import torch

        from mednn.config import TrainConfig
        from mednn.data.base import Task
        from mednn.models.tabular import build_mlp
        from mednn.training.loop import fit, predict_logits
        from mednn.training.seeding import seed_everything, set_threads

        set_threads(threads)
        task = Task("multiclass", tuple(str(i) for i in range(10)))
        gen = seed_everything(seed)
        model = build_mlp(task=task, input_shape=(x_tr.shape[1],), hidden_sizes=[hidden])
        cfg = TrainConfig(optimizer="adam", lr=1e-3, batch_size=200, epochs=epochs, progress=False,
                          early_stopping={"enabled": False})
        t0, c0 = time.perf_counter(), time.process_time()
        fit(model, torch.as_tensor(x_tr), torch.as_tensor(y_tr), torch.as_tensor(x_va), torch.as_tensor(y_va),
            task=task, cfg=cfg, generator=gen, device=torch.device("cpu"))
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        acc = float((predict_logits(model, torch.as_tensor(x_te)).argmax(1).numpy() == y_te).mean())
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "test_accuracy": acc, "peak_rss_mb": peak_rss_mb(),
                      "n_train": int(len(x_tr)), "n_test": int(len(x_te))}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mnist", help="folder with the MNIST IDX files (skip MNIST if absent)")
    ap.add_argument("--threads", type=int, default=1, help="threads for both sides (torch / BLAS)")
    ap.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--seeds", default="0,1,2", help="one run per seed and side; accuracy mean, median time")
    ap.add_argument("--out", help="write the results as JSON here")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--side"), ap.add_argument("--dataset"), ap.add_argument("--hidden", type=int)
    ap.add_argument("--epochs", type=int)
    a = ap.parse_args()
    if a.worker:
        worker(a.side, a.dataset, a.hidden, a.epochs, a.threads, a.mnist, a.seed)
        return
    cells = [("digits", 5, 200)]
    if a.mnist:
        cells += [("mnist", 5, 20), ("mnist", 128, 20)]
    seeds = [int(v) for v in a.seeds.split(",")]
    rows = []
    for dataset, hidden, epochs in cells:
        in_dim = 64 if dataset == "digits" else 784
        row = {"dataset": dataset, "network": f"{in_dim}-{hidden}-10", "epochs": epochs, "threads": a.threads,
               "seeds": len(seeds)}
        runs: dict[str, list[dict]] = {"mednn": [], "sklearn": []}
        for seed in seeds:
            for side in ("mednn", "sklearn"):  # alternate the sides
                args = ["--side", side, "--dataset", dataset, "--hidden", str(hidden), "--epochs", str(epochs),
                        "--threads", str(a.threads), "--seed", str(seed)]
                if a.mnist:
                    args += ["--mnist", a.mnist]
                runs[side].append(run_worker(__file__, args))
        for side, ms in runs.items():
            acc = np.array([m["test_accuracy"] for m in ms])
            row[f"{side}_wall_s"] = float(np.median([m["seconds"] for m in ms]))
            row[f"{side}_cpu_s"] = float(np.median([m["cpu_seconds"] for m in ms]))
            row[f"{side}_acc"] = float(acc.mean())
            row[f"{side}_acc_sd"] = float(acc.std(ddof=1)) if len(acc) > 1 else 0.0
            row[f"{side}_peak_mb"] = float(max(m["peak_rss_mb"] for m in ms))
        row["speedup_cpu"] = row["sklearn_cpu_s"] / row["mednn_cpu_s"]
        row["speedup_wall"] = row["sklearn_wall_s"] / row["mednn_wall_s"]
        rows.append(row)
        print_table([row], list(row))
    if a.mnist:
        # the seed's example through the pipeline, as configured for users (standardised inputs,
        # lr 0.005, validation split carved from the training file): accuracy target >= 0.89
        ms = [run_worker(__file__, ["--side", "pipeline", "--mnist", a.mnist, "--seed", str(seed)]) for seed in seeds]
        acc = np.array([m["test_accuracy"] for m in ms])
        pipeline_row = {"config": "configs/mnist_seed.yaml (784-5-10)", "seeds": len(seeds),
                        "train_wall_s": float(np.median([m["seconds"] for m in ms])),
                        "test_acc": float(acc.mean()), "test_acc_sd": float(acc.std(ddof=1)) if len(acc) > 1 else 0.0,
                        "peak_mb": float(max(m["peak_rss_mb"] for m in ms))}
        print_table([pipeline_row], list(pipeline_row))
    print()
    print_table(rows, list(rows[0]))
    write_json(a.out, {"benchmark": "mlp_vs_sklearn", "machine": machine(), "rows": rows,
                       "pipeline": pipeline_row if a.mnist else None})


if __name__ == "__main__":
    main()
