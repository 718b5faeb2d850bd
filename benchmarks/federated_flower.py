"""Federated training on Flower across site processes: pooled vs FedAvg vs FedProx vs sites alone.

Two datasets, each divided into ``--sites`` hospitals with label skew (per class,
Dirichlet(``--alpha``) shares of the training rows, as benchmarks/federated.py), every site's
rows written to its own file in a temporary folder; the validation and test rows go to the
coordinator's file:

- ``breast_cancer``: the Wisconsin records (scikit-learn), split as ``mednn train`` splits them,
  with the built-in breast-cancer config; one CSV per site;
- ``pneumoniamnist``: PneumoniaMNIST 28x28 (``--medmnist``), the file's own train / val / test
  split (the official test split held out), configs/pneumoniamnist.yaml; one ``.npz`` per site
  (``train_images`` / ``train_labels``), the coordinator's ``.npz`` holds ``val_*`` and ``test_*``.

Settings, each an ordinary run directory:

- pooled          ``mednn train`` on all training rows (the same val/test rows);
- FedAvg/FedProx  ``mednn federated server`` + one ``mednn federated site`` process per
                  hospital over gRPC on 127.0.0.1 (each site reads only its file);
- site k alone    ``mednn train`` on site k's rows only.

Reported per setting: test AUROC with the run's 95% bootstrap CI (metrics.json), and the
difference from pooled with a paired bootstrap 95% CI on the same test resamples; for the
Flower runs the rounds per minute (the coordinator's mean wall time per round: message, local
epochs, aggregation, validation) and the bytes per round MEASURED on the wire: the sites connect
to a relay in this process that forwards every byte to the coordinator and reads both
directions as HTTP/2 frames, decodes each gRPC message as Flower's ServerMessage /
ClientMessage and credits its bytes (frame headers included) to the coordinator's phase
(``train`` rounds; ``hello`` / statistics queries / ``setup`` before them). The coordinator's
own count of the weight payload (``metrics.json`` -> ``federated.bytes_per_round``) is kept
alongside.

    python benchmarks/federated_flower.py --out benchmarks/results/federated_flower.json
    python benchmarks/federated_flower.py --datasets pneumoniamnist --rounds 15 --parallel
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402
from federated import assign_sites  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PHASES_BEFORE_ROUNDS = ("hello", "counts", "spread", "deviations", "setup")


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


# --- bytes on the wire ---------------------------------------------------------------------

class WireMeter:
    """A TCP relay on 127.0.0.1 between the sites and the coordinator that counts what crosses it.

    ``bytes[(direction, phase)]``: ``down`` is coordinator -> sites, ``up`` sites -> coordinator;
    ``phase`` is the ``phase`` of the coordinator's Flower fit message (a site's reply is
    credited to the message it answers), ``reconnect`` for the end of the run, ``http2`` for
    HTTP/2 frames that carry no message (SETTINGS, HEADERS, PING, WINDOW_UPDATE, the preface).
    """

    def __init__(self, upstream_port: int):
        self.upstream = upstream_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.lock = threading.Lock()
        self.bytes: dict[tuple[str, str], int] = defaultdict(int)
        self.messages: dict[tuple[str, str], int] = defaultdict(int)
        self.socket_bytes = {"down": 0, "up": 0}
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            try:  # the coordinator may not listen yet: the site sees a dropped connection and retries
                upstream = socket.create_connection(("127.0.0.1", self.upstream))
            except OSError:
                client.close()
                continue
            link = {"phase": "none"}
            for src, dst, direction in ((client, upstream, "up"), (upstream, client, "down")):
                threading.Thread(target=self._pump, args=(src, dst, direction, link), daemon=True).start()

    def _pump(self, src, dst, direction: str, link: dict) -> None:
        frames = _Frames(self, direction, link)
        try:
            while True:
                data = src.recv(1 << 16)
                if not data:
                    break
                dst.sendall(data)
                frames.feed(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def credit(self, direction: str, phase: str, n: int, message: bool) -> None:
        with self.lock:
            self.bytes[(direction, phase)] += n
            self.messages[(direction, phase)] += int(message)

    def summary(self, n_sites: int) -> dict:
        rounds = self.messages[("down", "train")] / n_sites
        before = sum(v for (_, p), v in self.bytes.items() if p in PHASES_BEFORE_ROUNDS)
        total = sum(self.bytes.values())
        return {
            "rounds_seen": rounds,
            "sent_per_round": round(self.bytes[("down", "train")] / rounds) if rounds else None,
            "received_per_round": round(self.bytes[("up", "train")] / rounds) if rounds else None,
            "before_rounds": before,
            "http2_control_total": self.bytes[("down", "http2")] + self.bytes[("up", "http2")],
            "total": total,
            "by_phase": {f"{d} {p}": v for (d, p), v in sorted(self.bytes.items())},
        }


class _Frames:
    """One direction of one connection read as HTTP/2 frames (h2c, prior knowledge, as gRPC's
    insecure channel speaks it); DATA frames reassembled into gRPC length-prefixed messages."""

    def __init__(self, meter: WireMeter, direction: str, link: dict):
        self.meter, self.direction, self.link = meter, direction, link
        self.buf = bytearray()
        self.preface = 24 if direction == "up" else 0  # "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
        self.streams: dict[int, list] = {}  # stream id -> [message bytes so far, frame overhead so far]

    def feed(self, data: bytes) -> None:
        self.buf += data
        if self.preface:
            take = min(self.preface, len(self.buf))
            self.meter.credit(self.direction, "http2", take, False)
            del self.buf[:take]
            self.preface -= take
        while len(self.buf) >= 9:
            length = int.from_bytes(self.buf[:3], "big")
            if len(self.buf) < 9 + length:
                return
            kind, flags = self.buf[3], self.buf[4]
            stream = int.from_bytes(self.buf[5:9], "big") & 0x7FFFFFFF
            payload = bytes(self.buf[9:9 + length])
            del self.buf[:9 + length]
            if kind != 0:  # not DATA
                self.meter.credit(self.direction, "http2", 9 + length, False)
                continue
            overhead = 9
            if flags & 0x8:  # PADDED
                pad = payload[0]
                overhead += 1 + pad
                payload = payload[1:len(payload) - pad]
            state = self.streams.setdefault(stream, [bytearray(), 0])
            state[0] += payload
            state[1] += overhead
            self._messages(state)

    def _messages(self, state: list) -> None:
        body = state[0]
        while len(body) >= 5:
            n = int.from_bytes(body[1:5], "big")
            if len(body) < 5 + n:
                return
            compressed, message = body[0], bytes(body[5:5 + n])
            del body[:5 + n]
            phase = "compressed" if compressed else self._phase(message)
            self.meter.credit(self.direction, phase, 5 + n + state[1], True)
            state[1] = 0

    def _phase(self, message: bytes) -> str:
        from flwr.proto.transport_pb2 import ServerMessage

        if self.direction == "up":  # a site's reply answers the coordinator's last message to it
            return self.link["phase"]
        msg = ServerMessage.FromString(message)
        which = msg.WhichOneof("msg")
        phase = msg.fit_ins.config["phase"].string if which == "fit_ins" else which.removesuffix("_ins")
        self.link["phase"] = phase
        return phase


# --- runs -----------------------------------------------------------------------------------

def _metrics(run: Path) -> dict:
    return json.loads((run / "metrics.json").read_text())


def flower(ds: dict, tmp: Path, strategy: str, mu: float) -> dict:
    port = _free_port()
    meter = WireMeter(port)
    out = tmp / f"run-{strategy}"
    config, overrides, files = str(ds["config"]), ds["overrides"], ds["files"]
    t0 = time.perf_counter()
    server = subprocess.Popen(_cli("federated", "server", config, "--sites", str(len(files)), "--address",
                                   f"127.0.0.1:{port}", "--data", str(ds["holdout"]), "--out", str(out),
                                   "--overwrite", "--strategy", strategy, "--mu", str(mu), "--quiet",
                                   *_sets(overrides)),
                              env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sites = [subprocess.Popen(_cli("federated", "site", config, "--data", str(path), "--server",
                                   f"127.0.0.1:{meter.port}", "--name", name, *_sets(overrides)),
                              env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for name, path in files.items()]
    _, err = server.communicate()
    for site in sites:
        site.communicate()
    wall = time.perf_counter() - t0
    meter.close()
    if server.returncode != 0:
        raise RuntimeError(f"coordinator failed:\n{err[-2000:]}")
    metrics = _metrics(out)
    fed = metrics["federated"]
    wire = meter.summary(len(files))
    if wire["rounds_seen"] != fed["rounds_run"]:
        raise RuntimeError(f"the relay saw {wire['rounds_seen']} rounds, the coordinator ran {fed['rounds_run']}")
    label = "FedAvg" if strategy == "fedavg" else f"FedProx (mu={mu:g})"
    n_train = json.loads((out / "data.json").read_text())["splits"]["train"]["n"]  # split sizes: data.json
    return {"setting": f"{label}, Flower", "run": out, "n_train": n_train,
            "rounds": fed["rounds_run"], "best_round": fed["best_round"],
            "rounds_per_min": round(60 / fed["seconds_per_round"], 2),
            "wire_bytes_sent_per_round": wire["sent_per_round"],
            "wire_bytes_received_per_round": wire["received_per_round"],
            "payload_bytes_sent_per_round": fed["bytes_per_round"]["sent"],
            "payload_bytes_received_per_round": fed["bytes_per_round"]["received"],
            "wire": wire, "wall_s": round(wall, 1)}


def central(ds: dict, tmp: Path, name: str, train_file: Path) -> dict:
    data = ds["combine"](train_file, tmp / name.replace(" ", "_"))
    out = tmp / f"run-{name.replace(' ', '_')}"
    t0 = time.perf_counter()
    proc = subprocess.run(_cli("train", str(ds["config"]), "--out", str(out), "--overwrite", "--quiet", "--set",
                               f"data.path={data}", "--set", "split.method=file", *_sets(ds["overrides"])),
                          env=_env(), capture_output=True, text=True)
    row = {"setting": name, "n_train": ds["n_rows"](train_file), "wall_s": round(time.perf_counter() - t0, 1)}
    if proc.returncode == 2:  # e.g. a site whose rows hold one class: mednn train refuses it, in one line
        return dict(row, note=proc.stderr.strip().splitlines()[-1][:120])
    if proc.returncode != 0:
        raise RuntimeError(f"{name} failed:\n{proc.stderr[-2000:]}")
    return dict(row, run=out)


def _test_scores(run: Path):
    """(ids, class index, P(positive)) of a run's test rows, from predictions.csv."""
    import pandas as pd

    task = json.loads((run / "predictor.json").read_text())["task"]  # the run's one copy of its task
    names = task["class_names"]
    frame = pd.read_csv(run / "predictions.csv", dtype={"id": str, "target": str})
    frame = frame[frame["split"] == "test"].sort_values("id")
    y = frame["target"].map({c: i for i, c in enumerate(names)}).to_numpy()
    return frame["id"].to_numpy(), y, frame[f"p:{names[-1]}"].to_numpy(), names


def score(rows: list[dict], n_bootstrap: int, seed: int) -> None:
    """Test AUROC [95% CI] of each run, and its difference from pooled with a paired bootstrap CI."""
    import numpy as np

    sys.path.insert(0, str(SRC))
    from mednn.data.base import Task
    from mednn.evaluation.baselines import paired_difference

    ids0, y0, p0, names = _test_scores(rows[0]["run"])
    for row in rows:
        run = row.pop("run", None)
        if run is None:
            continue
        auroc = _metrics(run)["test"]["auroc"]
        row["test_auroc"], row["test_auroc_ci95"] = auroc["value"], auroc.get("ci95")
        if row is rows[0]:
            continue
        ids, y, p, _ = _test_scores(run)
        if not (np.array_equal(ids, ids0) and np.array_equal(y, y0)):
            raise RuntimeError(f"{row['setting']}: its test rows differ from pooled's")
        diff = paired_difference(Task("binary", tuple(names)), y, p, p0, metric="auroc", n_bootstrap=n_bootstrap,
                                 seed=seed)
        row["auroc_minus_pooled"], row["auroc_minus_pooled_ci95"] = diff["difference"], diff["ci95"]


# --- the datasets ---------------------------------------------------------------------------

def breast_cancer(tmp: Path, args) -> dict:
    import numpy as np
    import pandas as pd
    from sklearn.datasets import load_breast_cancer

    sys.path.insert(0, str(SRC))
    from mednn.config import load_config
    from mednn.pipeline import read_and_split

    config = SRC / "mednn" / "configs" / "breast_cancer.yaml"
    frame = load_breast_cancer(as_frame=True).frame
    frame.insert(0, "rid", [f"r{i}" for i in range(len(frame))])
    frame["target"] = np.where(frame["target"] == 1, "benign", "malignant")
    pooled = tmp / "pooled.csv"
    frame.to_csv(pooled, index=False)
    rounds = args.rounds or 60
    overrides = ["data.format=csv", "data.label=target", "data.id_column=rid", "data.split_column=split",
                 f"train.epochs={rounds}", "train.threads=1", "train.progress=false",
                 f"evaluate.bootstrap={args.bootstrap}", "explain.enabled=false", "report.enabled=false",
                 f"seed={args.seed}"]
    cfg = load_config(config, [f"data.path={pooled}", "data.format=csv", "data.label=target",
                               "data.id_column=rid", f"seed={args.seed}"])
    _, splits, index = read_and_split(cfg)
    site_of = assign_sites(splits.train.targets, args.sites, args.alpha, args.seed)
    files, counts = {}, {}
    for k in range(args.sites):
        name = f"site{k + 1}"
        part = frame.iloc[index["train"][site_of == k]]
        files[name] = tmp / f"{name}.csv"
        part.assign(split="train").to_csv(files[name], index=False)
        counts[name] = {c: int((part["target"] == c).sum()) for c in ("benign", "malignant")}
    holdout = tmp / "holdout.csv"
    pd.concat([frame.iloc[index["val"]].assign(split="val"),
               frame.iloc[index["test"]].assign(split="test")]).to_csv(holdout, index=False)
    pooled_train = tmp / "pooled_train.csv"
    frame.iloc[index["train"]].assign(split="train").to_csv(pooled_train, index=False)

    def combine(train_file: Path, stem: Path) -> Path:
        path = stem.with_suffix(".csv")
        pd.concat([pd.read_csv(train_file), pd.read_csv(holdout)]).to_csv(path, index=False)
        return path

    return {"config": config, "overrides": overrides, "files": files, "class_counts": counts,
            "holdout": holdout, "pooled_train": pooled_train, "combine": combine,
            "n_rows": lambda path: len(pd.read_csv(path)), "rounds": rounds,
            "site_files": "one CSV per site (its training rows); the coordinator's CSV holds the val and test rows"}


def pneumoniamnist(tmp: Path, args) -> dict:
    import numpy as np

    source = Path(args.medmnist)
    if not source.is_file():
        raise SystemExit(f"{source} does not exist; pass --medmnist PATH/pneumoniamnist.npz")
    config = ROOT / "configs" / "pneumoniamnist.yaml"
    rounds = args.rounds or 10
    overrides = [f"train.epochs={rounds}", "train.ema=null", "train.threads=1", "train.progress=false",
                 f"privacy.federated.local_epochs={args.local_epochs}", f"evaluate.bootstrap={args.bootstrap}",
                 "explain.enabled=false", "report.enabled=false", f"seed={args.seed}"]
    with np.load(source) as archive:
        arrays = {k: archive[k] for k in archive.files}
    y = arrays["train_labels"].reshape(-1)
    site_of = assign_sites(y, args.sites, args.alpha, args.seed)
    files, counts = {}, {}
    for k in range(args.sites):
        name = f"site{k + 1}"
        rows = np.flatnonzero(site_of == k)
        files[name] = tmp / f"{name}.npz"
        np.savez(files[name], train_images=arrays["train_images"][rows], train_labels=arrays["train_labels"][rows])
        counts[name] = {c: int((y[rows] == i).sum()) for i, c in enumerate(("normal", "pneumonia"))}
    holdout = tmp / "holdout.npz"
    np.savez(holdout, **{k: v for k, v in arrays.items() if not k.startswith("train_")})
    pooled_train = tmp / "pooled_train.npz"
    np.savez(pooled_train, train_images=arrays["train_images"], train_labels=arrays["train_labels"])

    def combine(train_file: Path, stem: Path) -> Path:
        path = stem.with_suffix(".npz")
        with np.load(train_file) as train, np.load(holdout) as rest:
            np.savez(path, **{k: train[k] for k in train.files}, **{k: rest[k] for k in rest.files})
        return path

    def n_rows(path: Path) -> int:
        with np.load(path) as archive:
            return len(archive["train_labels"])

    return {"config": config, "overrides": overrides, "files": files, "class_counts": counts,
            "holdout": holdout, "pooled_train": pooled_train, "combine": combine, "n_rows": n_rows,
            "rounds": rounds,
            "site_files": "one .npz per site (train_images / train_labels of its rows); the coordinator's .npz holds "
                          "the file's val and official test split"}


DATASETS = {"breast_cancer": breast_cancer, "pneumoniamnist": pneumoniamnist}


def bench(name: str, tmp: Path, args) -> dict:
    tmp.mkdir(parents=True, exist_ok=True)
    ds = DATASETS[name](tmp, args)
    jobs = [functools.partial(central, ds, tmp, "pooled", ds["pooled_train"]),
            functools.partial(flower, ds, tmp, "fedavg", 0.0),
            functools.partial(flower, ds, tmp, "fedprox", args.mu),
            *(functools.partial(central, ds, tmp, f"{site} alone", path) for site, path in ds["files"].items())]
    load = [round(v, 1) for v in os.getloadavg()]
    t0 = time.perf_counter()
    if args.parallel:  # every setting at once: the machine's other load is shared out among more processes
        with ThreadPoolExecutor(len(jobs)) as pool:
            rows = [f.result() for f in [pool.submit(job) for job in jobs]]
    else:
        rows = [job() for job in jobs]
    for row, site in zip(rows[3:], ds["files"]):
        row["class_counts"] = ds["class_counts"][site]
    score(rows, args.bootstrap, args.seed)
    columns = ["setting", "n_train", "test_auroc", "test_auroc_ci95", "auroc_minus_pooled",
               "auroc_minus_pooled_ci95", "rounds", "best_round", "rounds_per_min", "wire_bytes_sent_per_round",
               "wire_bytes_received_per_round", "wall_s", "class_counts", "note"]
    print(f"\n{name}")
    print_table(rows, columns)
    return {"config": str(Path(ds["config"]).relative_to(ROOT)), "overrides": ds["overrides"],
            "rounds_or_epochs": ds["rounds"], "site_files": ds["site_files"],
            "settings_run": "concurrently" if args.parallel else "one after another",
            "load_average_before": load, "load_average_after": [round(v, 1) for v in os.getloadavg()],
            "rows": rows, "seconds_total": round(time.perf_counter() - t0, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", default="breast_cancer,pneumoniamnist")
    ap.add_argument("--medmnist", default=str(ROOT.parent / "shared" / "data" / "medmnist" / "pneumoniamnist.npz"))
    ap.add_argument("--sites", type=int, default=3)
    ap.add_argument("--alpha", type=float, default=0.5, help="Dirichlet concentration of the label skew")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rounds", type=int, default=None,
                    help="train.epochs: rounds (federated) or epochs (default 60 breast_cancer, 10 pneumoniamnist)")
    ap.add_argument("--local-epochs", type=int, default=1, help="privacy.federated.local_epochs (pneumoniamnist)")
    ap.add_argument("--mu", type=float, default=0.1, help="FedProx's proximal weight")
    ap.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples of the CIs")
    ap.add_argument("--parallel", action="store_true",
                    help="run a dataset's settings concurrently (on a shared, loaded machine: wall time, not speed)")
    ap.add_argument("--workdir", default=None, help="default: a temporary folder, removed afterwards")
    ap.add_argument("--out", default=None)
    args = ap.parse_args()

    names = [n.strip() for n in args.datasets.split(",") if n.strip()]
    unknown = [n for n in names if n not in DATASETS]
    if unknown:
        raise SystemExit(f"unknown dataset(s) {unknown}; choose from {sorted(DATASETS)}")
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mednn-federated-flower-") as scratch:
        root = Path(args.workdir) if args.workdir else Path(scratch)
        results: dict[str, dict] = {}
        for name in names:  # the JSON is rewritten after each dataset: a stopped run keeps what finished
            results[name] = bench(name, root / name, args)
            _write(args, results, t0)


def _write(args, results: dict, t0: float) -> None:
    write_json(args.out, {
        "benchmark": "federated_flower", "sites": args.sites, "alpha": args.alpha, "seed": args.seed,
        "mu": args.mu, "bootstrap": args.bootstrap,
        "site_split": "per class, Dirichlet(alpha) shares of the training rows per site (seeded, "
                      "benchmarks/federated.py's assign_sites); validation and test rows at the coordinator",
        "transport": "Flower gRPC client/server API on 127.0.0.1, one process per site and one coordinator",
        "test_auroc_ci95": "the run's own percentile bootstrap (evaluate.bootstrap resamples of the test rows)",
        "auroc_minus_pooled_ci95": "paired percentile bootstrap: the setting and pooled scored on the same "
                                   "resamples of the test rows (mednn.evaluation.baselines.paired_difference)",
        "wire_bytes": "measured: bytes of the gRPC messages of the train phase (HTTP/2 DATA frames, headers "
                      "included) per round, summed over the sites; sent = coordinator -> sites, received = sites -> "
                      "coordinator; HTTP/2 control frames and the phases before the rounds are listed in 'wire'",
        "payload_bytes": "the coordinator's count: bytes of the serialised weight arrays per round, summed over "
                         "the sites (metrics.json federated.bytes_per_round)",
        "rounds_per_min": "60 / the coordinator's mean wall time per round (send, local epochs, aggregate, validate)",
        "wall_s": "wall time of the setting on this machine, process start-up and file reading included (with "
                  "--parallel, the settings ran at the same time and share the CPUs)",
        "datasets": results, "seconds_total": round(time.perf_counter() - t0, 1), "machine": machine(),
    })


if __name__ == "__main__":
    main()
