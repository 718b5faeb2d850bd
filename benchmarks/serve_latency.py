"""Load on `mednn serve`: requests/s and latency percentiles of single-record predictions.

Serves a breast-cancer run on the loopback interface (never another machine) and sends
single-record POST /predict requests from concurrent clients (threads, one keep-alive connection
each), once without authentication and once with an API key, so the cost of the key check, the
limits and the audit log shows. The run is trained here into a temporary folder unless --run is
given. Bounded: --requests per setting in total, each request capped at 30 s.

    python benchmarks/serve_latency.py --clients 20 --requests 1000 --out benchmarks/results/serve_latency.json
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402

MEDNN = [sys.executable, "-m", "mednn"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def train_run(folder: Path) -> Path:
    out = folder / "bc"
    subprocess.run([*MEDNN, "train", "--data", "breast-cancer", "--epochs", "5", "--quiet", "--out", str(out),
                    "--set", "report.enabled=false", "--set", "explain.enabled=false"], check=True)
    return out


def one_record() -> bytes:
    from sklearn.datasets import load_breast_cancer

    record = load_breast_cancer(as_frame=True).frame.drop(columns=["target"]).iloc[0].to_dict()
    return json.dumps({"records": [record]}).encode("utf-8")


def start_server(run: Path, port: int, folder: Path, key_file: Path | None) -> subprocess.Popen:
    args = [*MEDNN, "serve", str(run), "--port", str(port), "--rate-limit", "0",
            "--audit-log", str(folder / f"audit-{port}.log")]
    if key_file is not None:
        args += ["--api-keys", str(key_file)]
    server = subprocess.Popen(args, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            if server.poll() is not None:
                raise RuntimeError(f"mednn serve exited: {server.stderr.read()[-2000:]}")
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("mednn serve did not answer /health within 60 s")


def load(port: int, body: bytes, headers: dict[str, str], clients: int, total: int) -> dict:
    """``total`` requests shared by ``clients`` threads; latencies of the successful ones."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    left = [total]

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                if left[0] == 0:
                    break
                left[0] -= 1
            t0 = time.perf_counter()
            try:
                conn.request("POST", "/predict", body=body, headers={"Content-Type": "application/json", **headers})
                response = conn.getresponse()
                response.read()
                status = response.status
            except OSError:
                status = -1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = time.perf_counter() - t0
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                if status == 200:
                    latencies.append(elapsed)
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    lat = np.array(latencies) if latencies else np.array([np.nan])
    return {"requests": total, "ok": len(latencies), "statuses": {str(k): v for k, v in sorted(statuses.items())},
            "seconds": round(wall, 3), "requests_per_s": round(len(latencies) / wall, 1),
            "p50_ms": round(float(np.percentile(lat, 50)) * 1000, 1),
            "p99_ms": round(float(np.percentile(lat, 99)) * 1000, 1),
            "max_ms": round(float(lat.max()) * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", type=Path, help="A served run (default: train breast-cancer for 5 epochs here).")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=1000, help="Requests per setting (all clients together).")
    parser.add_argument("--out", default="benchmarks/results/serve_latency.json")
    args = parser.parse_args()
    if not 1 <= args.clients <= 200 or not 1 <= args.requests <= 100_000:
        parser.error("--clients 1..200 and --requests 1..100000 keep the benchmark bounded")
    rows = []
    with tempfile.TemporaryDirectory(prefix="mednn-serve-bench-") as tmp:
        folder = Path(tmp)
        run = args.run or train_run(folder)
        key_file = folder / "keys.json"
        key = subprocess.run([*MEDNN, "serve-keys", "new", "--out", str(key_file), "--id", "bench"], check=True,
                             capture_output=True, text=True).stdout.strip()
        body = one_record()
        settings = (("no auth", None, {}), ("API key", key_file, {"Authorization": f"Bearer {key}"}))
        for setting, keys, headers in settings:
            port = free_port()
            server = start_server(run, port, folder, keys)
            try:
                load(port, body, headers, min(args.clients, 4), 40)  # warm-up, not counted
                result = load(port, body, headers, args.clients, args.requests)
            finally:
                server.terminate()
                server.wait(timeout=30)
            audit_lines = sum(1 for _ in open(folder / f"audit-{port}.log", encoding="utf-8"))
            rows.append({"setting": setting, "clients": args.clients, **result, "audit_lines": audit_lines})
    print_table(rows, ["setting", "clients", "requests", "ok", "requests_per_s", "p50_ms", "p99_ms", "max_ms"])
    write_json(args.out, {"benchmark": "serve_latency", "machine": machine(),
                          "load_average_1_5_15_min_at_end": os.getloadavg(), "results": rows})


if __name__ == "__main__":
    main()
