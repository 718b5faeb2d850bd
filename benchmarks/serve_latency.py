"""Load on `mednn serve`: requests/s and latency percentiles of single-record predictions,
against a minimal FastAPI + torch server that does only the forward pass.

Serves a breast-cancer run on the loopback interface (never another machine) and sends
single-record POST /predict requests from concurrent clients (threads of one process, one
keep-alive connection each, requests pre-encoded so the client costs little CPU). Settings:

- ``minimal FastAPI+torch``: a FastAPI app (uvicorn, httptools, no access log) whose endpoint
  takes ``{"records": [{column: number}]}`` with a pydantic model, puts the 30 values in a
  tensor in the run's column order and returns the network's sigmoid: no reader checks, no
  featurizer, no calibration, no limits, no audit. The reference for the ratio.
- ``mednn serve``: the same run through `mednn serve` (rate limit off for the measurement,
  audit log on), without keys and with an API key.

The run is trained here into a temporary folder unless --run is given. Each setting gets a
warm-up, then ``--requests`` requests; latency is per request, from send to the last byte.
Bounded: --requests per setting in total, each request capped at 30 s.

    python benchmarks/serve_latency.py --clients 20 --requests 5000 --out benchmarks/results/serve_latency.json
"""


import argparse
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
MAX_SECONDS = 300  # per setting: a server that stops answering ends the setting, not the machine's afternoon


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def train_run(folder: Path) -> Path:
    out = folder / "bc"
    subprocess.run([*MEDNN, "train", "--data", "breast-cancer", "--epochs", "5", "--quiet", "--out", str(out),
                    "--set", "report.enabled=false", "--set", "explain.enabled=false"], check=True)
    return out


def one_record() -> dict:
    from sklearn.datasets import load_breast_cancer

    return load_breast_cancer(as_frame=True).frame.drop(columns=["target"]).iloc[0].to_dict()


# --- the reference server ----------------------------------------------------------------------

def minimal_server(run: str, port: int) -> None:
    """FastAPI + torch, the forward pass only (run with --minimal-server RUN PORT)."""
    import torch
    import uvicorn
    from fastapi import FastAPI
    from pydantic import BaseModel

    from mednn.runs import load_run

    loaded = load_run(run)
    network = loaded.model.eval()
    columns = list(loaded.featurizer.columns_)
    torch.set_num_threads(1)

    class Body(BaseModel):
        records: list[dict[str, float]]

    app = FastAPI()

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok"}

    @app.post("/predict")
    def predict(body: Body) -> dict:
        x = torch.tensor([[r[c] for c in columns] for r in body.records], dtype=torch.float32)
        with torch.no_grad():
            p = torch.sigmoid(network(x).reshape(-1))
        return {"predictions": [{"p": float(v)} for v in p]}

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


# --- load --------------------------------------------------------------------------------------

def start(args: list[str], port: int) -> subprocess.Popen:
    server = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
                s.sendall(b"GET /health HTTP/1.1\r\nHost: b\r\n\r\n")
                if s.recv(64).startswith(b"HTTP/1.1 200"):
                    return server
        except OSError:
            if server.poll() is not None:
                raise RuntimeError(f"server exited: {server.stderr.read()[-2000:]}")
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not answer /health within 120 s")


def _read_response(sock: socket.socket, buffer: bytearray) -> int:
    """Read one HTTP response (Content-Length framed) from ``sock``; return its status."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise OSError("connection closed")
        buffer += chunk
    head, _, rest = bytes(buffer).partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise OSError("connection closed")
        rest += chunk
    buffer[:] = rest[length:]
    return int(head[9:12])


def load(port: int, request: bytes, clients: int, total: int) -> dict:
    """``total`` requests shared by ``clients`` threads; latencies of the successful ones."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    left = [total]
    deadline = time.perf_counter() + MAX_SECONDS

    def client() -> None:
        sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        buffer = bytearray()
        while True:
            with lock:
                if left[0] == 0 or time.perf_counter() > deadline:
                    break
                left[0] -= 1
            t0 = time.perf_counter()
            try:
                sock.sendall(request)
                status = _read_response(sock, buffer)
            except OSError:
                status = -1
                sock.close()
                sock = socket.create_connection(("127.0.0.1", port), timeout=30)
                buffer.clear()
            elapsed = time.perf_counter() - t0
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                if status == 200:
                    latencies.append(elapsed)
        sock.close()

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


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def http_request(body: bytes, headers: dict[str, str]) -> bytes:
    lines = ["POST /predict HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json",
             f"Content-Length: {len(body)}", *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + body


def measure(args, run: Path, folder: Path) -> list[dict]:
    key_file = folder / "keys.json"
    key = subprocess.run([*MEDNN, "serve-keys", "new", "--out", str(key_file), "--id", "bench"], check=True,
                         capture_output=True, text=True).stdout.strip()
    body = json.dumps({"records": [one_record()]}).encode("utf-8")
    settings = [("minimal FastAPI+torch", None, {}), ("mednn serve, no auth", [], {}),
                ("mednn serve, API key", ["--api-keys", str(key_file)], {"Authorization": f"Bearer {key}"})]
    rows = []
    for setting, extra, headers in settings:
        port = free_port()
        if extra is None:
            command = [sys.executable, __file__, "--minimal-server", str(run), str(port)]
        else:
            command = [*MEDNN, "serve", str(run), "--port", str(port), "--rate-limit", "0",
                       "--audit-log", str(folder / f"audit-{port}.log"), *extra]
        server = start(command, port)
        try:
            request = http_request(body, headers)
            load(port, request, min(args.clients, 4), 200)  # warm-up, not counted
            cpu = cpu_seconds(server.pid)
            result = load(port, request, args.clients, args.requests)
            # the server's own CPU per request: what the load on the machine changes least
            result["server_cpu_ms_per_request"] = round((cpu_seconds(server.pid) - cpu) * 1000 / args.requests, 3)
        finally:
            server.terminate()
            server.wait(timeout=30)
        rows.append({"setting": setting, "clients": args.clients, **result,
                     "load_average_1min_after": round(os.getloadavg()[0], 2)})
    return rows


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--minimal-server":
        minimal_server(sys.argv[2], int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", type=Path, help="A served run (default: train breast-cancer for 5 epochs here).")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=5000, help="Requests per setting (all clients together).")
    parser.add_argument("--out", default="benchmarks/results/serve_latency.json")
    args = parser.parse_args()
    if not 1 <= args.clients <= 200 or not 1 <= args.requests <= 100_000:
        parser.error("--clients 1..200 and --requests 1..100000 keep the benchmark bounded")
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="mednn-serve-bench-") as tmp:
        folder = Path(tmp)
        rows = measure(args, args.run or train_run(folder), folder)
    reference = rows[0]
    for row in rows[1:]:
        row["p99_vs_minimal"] = round(row["p99_ms"] / reference["p99_ms"], 2)
        row["throughput_vs_minimal"] = round(row["requests_per_s"] / reference["requests_per_s"], 2)
    for row in rows[1:]:
        row["cpu_vs_minimal"] = round(row["server_cpu_ms_per_request"] / reference["server_cpu_ms_per_request"], 2)
    print_table(rows, ["setting", "clients", "requests", "ok", "requests_per_s", "p50_ms", "p99_ms", "max_ms",
                       "server_cpu_ms_per_request", "p99_vs_minimal", "throughput_vs_minimal", "cpu_vs_minimal",
                       "load_average_1min_after"])
    target = {"p99_ms_below": 50, "requests_per_s_at_least": 1000, "clients": 20}
    print(f"load average before: {', '.join(f'{v:.2f}' for v in load_before)} (1, 5, 15 min) on "
          f"{os.cpu_count()} CPUs; target on an idle 2-core machine: p99 < 50 ms, >= 1,000 requests/s")
    write_json(args.out, {"benchmark": "serve_latency", "machine": machine(), "target": target,
                          "load_average_1_5_15_min_before": load_before,
                          "load_average_1_5_15_min_at_end": os.getloadavg(), "results": rows})


if __name__ == "__main__":
    main()
