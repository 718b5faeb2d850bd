"""Training on an image set larger than the process's memory cap: ``data.cache`` against memory.

The set: the MedMNIST images of ``--data`` (PneumoniaMNIST, 28x28 gray) resized once to 224x224
and replicated, each replica shifted (np.roll) and mirrored differently so that no two files
are equal, written as PNG files listed in a CSV manifest under ``--work`` (in /tmp, never in
the repository). Its decoded size is at least ``--factor`` times ``--cap-gib``.

Memory cap. With ``--cgroup-mib N`` (root, cgroup v1 memory controller writable) every worker
runs in a fresh memory cgroup limited to N MiB: it joins the group between fork and exec, so all
it allocates, torch included, is charged from its first instruction. That is a cap on resident
memory, enforced: before the runs a child that touches 1.25 N MiB must be OOM-killed (recorded
as ``enforcement_probe``). The group is also charged the page cache its reads bring in; that
part is reclaimed, not fatal, when the group reaches N (``cgroup_failcnt`` counts those hits),
so a worker is only killed if its own memory exceeds N. Each row reports the group's peak
(``memory.max_usage_in_bytes``, page cache included), failcnt and OOM kills, the worker's peak
resident memory (``VmHWM``) and ``ru_maxrss``; the set is ``--factor`` times N.
Without a writable cgroup (or without ``--cgroup-mib``): ``--cap-gib`` is checked against
each worker's ``VmHWM`` and a hard limit is imposed with
``resource.setrlimit(RLIMIT_AS, --address-space-gib)`` before torch is imported, below the
decoded size of the set, so a process that tried to hold (or map) the whole set would fail with
MemoryError. RLIMIT_AS cannot be the RSS cap itself: torch, NumPy, pandas and the thread
stacks reserve ~1.6-1.9 GB of address space that is never resident (a worker on 600 images
peaks at ~2.2 GB of VmPeak for ~0.55 GB of RSS), so ``--address-space-gib`` is the RSS cap plus
that reservation. Scenarios, each one epoch of mednn's ``fit`` (tiny CNN, batch 128, Adam, batched flip
augmentation, plus fit's validation pass):

- ``memory``        the in-memory reader + featurizer on the first ``--small`` images (fits the cap)
- ``cache_small``   the same images read through ``data.cache`` (cache already built)
- ``cache_build``   the whole set: first read builds the cache (decode once, stream to disk)
- ``cache_cold``    the whole set again: cache reused (files hashed, nothing decoded), and the
                    cache file evicted from the page cache first (posix_fadvise DONTNEED), so
                    the epoch really reads from disk

On the whole set the featurizer's statistics are computed over every training image (a full
streaming pass over the cache; ``--fixed-stats``: mean 0.5 / std 0.5 in every scenario), but
the timed epoch trains on ``--epoch-images`` training images drawn at random from the whole set
(default: as many as the in-memory epoch, so both epochs have the same length; 0 = all): on the
shared 2-core machine a full epoch of the whole set would take tens of minutes per scenario.
The sample's rows lie all over the cache file, so its reads are those of a full epoch;
``full_epoch_s`` projects the full epoch from the measured throughput.

Throughput = training images per second of the epoch (the validation pass included in the
time, after an untimed warm-up epoch on 256 images); ``slowdown`` = mean in-memory throughput /
scenario throughput (target <= 1.3); ``paired_slowdowns``: each cache run against the in-memory
runs just before and after it (the load drifts by 2x within minutes on the shared machine, see
each row's ``load_average``).

    sudo python benchmarks/images_out_of_core.py --data ../shared/data/medmnist/pneumoniamnist.npz \
        --work /tmp/mednn_ooc --cgroup-mib 2048 --small 8000 --fixed-stats \
        --scenarios memory,cache_cold,memory,cache_cold,memory \
        --out benchmarks/results/images_out_of_core.json
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402

SIDE = 224
BATCH = 128
GIB = 1 << 30


# --- the synthetic set (parent process) ----------------------------------------------------------


def make_set(data: str, work: Path, n_full: int, n_small: int) -> dict:
    """PNG files + manifests; reused when a previous call wrote the same set."""
    import numpy as np

    stamp = work / "set.json"
    wanted = {"data": str(Path(data).resolve()), "n_full": n_full, "side": SIDE}
    if stamp.is_file() and json.loads(stamp.read_text()).get("set") == wanted:
        info = json.loads(stamp.read_text())
        if info.get("n_small") != n_small:  # the in-memory subset is the first n_small rows
            rows = (work / "full.csv").read_text().splitlines()
            (work / "small.csv").write_text("\n".join(rows[:n_small + 1]) + "\n")
            info["n_small"] = n_small
            stamp.write_text(json.dumps(info))
        return info
    import torch
    from PIL import Image

    from mednn.data.image_decoding import resize

    t0 = time.perf_counter()
    with np.load(data) as archive:
        images = np.concatenate([archive[f"{s}_images"] for s in ("train", "val", "test")])
        labels = np.concatenate([archive[f"{s}_labels"] for s in ("train", "val", "test")]).reshape(-1)
    big = resize(torch.from_numpy(images[:, None]), (SIDE, SIDE))[:, 0].numpy()  # ~300 MB, parent only
    folder = work / "png"
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["path,label,split"]
    for i in range(n_full):
        source, replica = i % len(big), i // len(big)
        image = np.roll(big[source], (replica * 7) % SIDE, axis=1)
        if replica % 2:
            image = image[:, ::-1]
        name = f"png/{i:06d}.png"
        # stored without compression: encoding and decoding 65k files at level 1 took ~2x longer here
        Image.fromarray(np.ascontiguousarray(image)).save(work / name, compress_level=0)
        split = "val" if i % 40 == 1 else "test" if i % 40 == 2 else "train"
        rows.append(f"{name},{int(labels[source])},{split}")
    (work / "full.csv").write_text("\n".join(rows) + "\n")
    (work / "small.csv").write_text("\n".join(rows[:n_small + 1]) + "\n")
    info = {"set": wanted, "n_full": n_full, "n_small": n_small, "write_seconds": time.perf_counter() - t0,
            "png_bytes": sum(p.stat().st_size for p in folder.iterdir())}
    stamp.write_text(json.dumps(info))
    return info


# --- the memory cap: a cgroup v1 memory controller, or RLIMIT_AS where none is writable -----------

CGROUP_ROOT = Path("/sys/fs/cgroup/memory")


class MemoryCgroup:
    """A cgroup v1 memory group with a hard limit that every worker joins before exec.

    The limit counts what the kernel charges to the group: the workers' anonymous memory and
    the page cache their reads bring in (reclaimed, not fatal, when the group reaches the limit;
    ``failcnt`` counts those hits). The limit is read back after writing it (the kernel rounds it
    to pages). Before each worker the previous worker's page cache is emptied from the group
    (``force_empty``) and the peak (``max_usage_in_bytes``) and ``failcnt`` are reset, so each row
    reports its own peak."""

    def __init__(self, name: str, limit_bytes: int):
        self.path = CGROUP_ROOT / name
        self.path.mkdir(exist_ok=True)
        self._write("memory.limit_in_bytes", limit_bytes)
        self.swap_limited = False
        if (self.path / "memory.memsw.limit_in_bytes").exists() and _swap_bytes() > 0:
            # memory + swap capped too, so the limit cannot be dodged by swapping. (Only with
            # swap: the kernel then charges memory+swap first, and a 6.x kernel counted none of
            # the hits of the equal limits in either failcnt here.)
            with contextlib.suppress(OSError):
                self._write("memory.memsw.limit_in_bytes", limit_bytes)
                self.swap_limited = True
        self.limit_bytes = self._read("memory.limit_in_bytes")
        self._oom_base = 0
        if self.limit_bytes > limit_bytes:
            raise OSError(f"the kernel kept a limit of {self.limit_bytes} bytes")

    @classmethod
    def create(cls, name: str, limit_bytes: int) -> tuple["MemoryCgroup | None", str]:
        """The group, or None and why not (no cgroup v1 memory controller, or not writable)."""
        if not (CGROUP_ROOT / "memory.limit_in_bytes").exists():
            return None, f"no cgroup v1 memory controller at {CGROUP_ROOT}"
        try:
            return cls(name, limit_bytes), ""
        except OSError as exc:
            with contextlib.suppress(OSError):
                (CGROUP_ROOT / name).rmdir()
            return None, f"cannot create and limit {CGROUP_ROOT / name} ({exc})"

    def _write(self, name: str, value: int) -> None:
        (self.path / name).write_text(f"{value}\n")

    def _read(self, name: str) -> int:
        return int((self.path / name).read_text().split()[0])

    def reset(self) -> None:
        with contextlib.suppress(OSError):  # EBUSY only when a task is still inside
            self._write("memory.force_empty", 0)
        self._write("memory.max_usage_in_bytes", 0)
        self._write("memory.failcnt", 0)
        if self.swap_limited:
            self._write("memory.memsw.max_usage_in_bytes", 0)
            self._write("memory.memsw.failcnt", 0)
        self._oom_base = self._oom_kills()  # a cumulative counter: reported since this reset

    def _oom_kills(self) -> int:
        oom = dict(line.split() for line in (self.path / "memory.oom_control").read_text().splitlines())
        return int(oom.get("oom_kill", 0))

    def join(self) -> None:
        """Run in the forked child before exec (subprocess's preexec_fn): the worker and all it
        allocates, torch included, are charged to the group from its first instruction."""
        (self.path / "cgroup.procs").write_text(f"{os.getpid()}\n")

    def stats(self) -> dict:
        stat = dict(line.split() for line in (self.path / "memory.stat").read_text().splitlines())
        return {"cgroup_limit_mib": self.limit_bytes / (1 << 20),
                "cgroup_max_usage_mib": self._read("memory.max_usage_in_bytes") / (1 << 20),
                "cgroup_failcnt": self._read("memory.failcnt")
                + (self._read("memory.memsw.failcnt") if self.swap_limited else 0),
                "cgroup_oom_kills": self._oom_kills() - self._oom_base,
                "cgroup_cache_mib_after": int(stat.get("cache", 0)) / (1 << 20)}

    def remove(self) -> None:
        self.reset()
        self.path.rmdir()


def _swap_bytes() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("SwapTotal:"):
            return int(line.split()[1]) * 1024
    return 0


def probe(group: MemoryCgroup, mib: int) -> dict:
    """Is the limit enforced? A child in the group touches ``mib`` MiB of anonymous memory."""
    group.reset()
    code = f"import numpy as np; a = np.ones({mib} << 20, np.uint8); print(int(a.sum() > 0))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, preexec_fn=group.join)
    return {"touched_mib": mib, "returncode": proc.returncode, "killed": proc.returncode < 0, **group.stats()}


# --- one measurement (worker process) ------------------------------------------------------------


def worker(args) -> dict:
    limit = int(args.address_space_gib * GIB)
    if limit:  # the fallback cap (no writable cgroup): before torch maps anything
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    import numpy as np
    import torch

    from mednn.config import load_config
    from mednn.featurizers.images import make_augment
    from mednn.pipeline import make_featurizer, read_and_split
    from mednn.training.losses import targets_for_loss
    from mednn.training.loop import MiniBatchEpochs, fit

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    work = Path(args.work)
    manifest = work / ("small.csv" if args.scenario in ("memory", "cache_small") else "full.csv")
    overrides = [f"data.path={manifest}", "data.format=image_csv", "data.label=label", "data.split_column=split",
                 f"data.size={SIDE}", "data.color=gray", "split.method=file", "featurize.name=image", "seed=0"]
    if args.scenario != "memory":
        overrides.append(f"data.cache={work / 'cache'}")
    if args.fixed_stats:  # no statistics pass over the whole set (its time is not the epoch's)
        overrides += ["featurize.mean=0.5", "featurize.std=0.5"]
    cfg = load_config(None, overrides)
    t0 = time.perf_counter()
    dataset, splits, _ = read_and_split(cfg)
    read_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    featurizer = make_featurizer(cfg, dataset)
    featurizer.fit(splits.train)
    features = {s: featurizer.transform(p) for s, p in splits.items()}
    targets = {s: targets_for_loss(dataset.task, p.targets) for s, p in splits.items()}
    featurize_s = time.perf_counter() - t0
    # an untimed epoch on 256 training images through the same containers first: a fresh
    # process's first epoch pays one-time costs (allocator growth, kernels, the prefetch thread)
    # that took 2-6 s here and would otherwise swamp the comparison
    warm = splits.train.subset(np.arange(min(256, len(splits.train))))
    warm_cfg = cfg.train.model_copy(update={"epochs": 1, "batch_size": BATCH, "checkpoint_every": 0})
    fit(tiny_cnn(), featurizer.transform(warm), targets_for_loss(dataset.task, warm.targets),
        featurizer.transform(warm), targets_for_loss(dataset.task, warm.targets), task=dataset.task,
        cfg=warm_cfg, generator=torch.Generator().manual_seed(1), device=torch.device("cpu"),
        strategy=MiniBatchEpochs(make_augment({"flip": True}, 1)))
    evicted = False
    if args.scenario == "cache_cold":
        inputs = dataset.inputs
        fd = os.open(inputs.path, os.O_RDONLY)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)  # only this file leaves the page cache
        os.close(fd)
        evicted = True
    train_x, train_y, n_train = features["train"], targets["train"], len(splits.train)
    val_x, val_y = features["val"], targets["val"]
    if args.epoch_images and args.epoch_images < n_train:
        # a random sample of the training rows, spread over the whole cache file, so every
        # batch reads records from anywhere in it as a full epoch would
        rows = np.sort(np.random.default_rng(0).choice(n_train, args.epoch_images, replace=False))
        part = splits.train.subset(rows)
        train_x, train_y = featurizer.transform(part), targets_for_loss(dataset.task, part.targets)
        # the validation pass in the same proportion to the epoch as on the whole set
        n_val = max(1, round(len(splits.val) * args.epoch_images / n_train))
        part = splits.val.subset(np.sort(np.random.default_rng(1).choice(len(splits.val), n_val, replace=False)))
        val_x, val_y = featurizer.transform(part), targets_for_loss(dataset.task, part.targets)
    model = tiny_cnn()
    train_cfg = cfg.train.model_copy(update={"epochs": 1, "batch_size": BATCH, "checkpoint_every": 0})
    t0 = time.perf_counter()
    result = fit(model, train_x, train_y, val_x, val_y, task=dataset.task,
                 cfg=train_cfg, generator=torch.Generator().manual_seed(0), device=torch.device("cpu"),
                 strategy=MiniBatchEpochs(make_augment({"flip": True}, 0)))
    epoch_s = time.perf_counter() - t0
    epoch_images = len(train_x)
    decoded = float(np.prod(dataset.inputs.shape)) * np.dtype(dataset.inputs.dtype).itemsize
    status = {line.split(":")[0]: line.split()[1] for line in Path("/proc/self/status").read_text().splitlines()
              if line.startswith(("VmPeak", "VmHWM"))}
    return {"scenario": args.scenario, "images": len(dataset), "n_train": n_train, "epoch_images": epoch_images,
            "decoded_gib": decoded / GIB, "read_s": read_s, "featurize_s": featurize_s, "epoch_s": epoch_s,
            "train_images_per_s": epoch_images / epoch_s, "full_epoch_s": n_train / (epoch_images / epoch_s),
            "val_auroc": result.history[-1].get("val_auroc"),
            "peak_rss_mib": int(status["VmHWM"]) / 1024, "vm_peak_mib": int(status["VmPeak"]) / 1024,
            # ru_maxrss: the kernel's own peak; it includes the forked parent's resident size
            # (kept across exec), which VmHWM does not
            "ru_maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "cap_mib": args.cap_gib * 1024, "address_space_limit_mib": (limit / (1 << 20)) or None,
            "evicted_from_page_cache": evicted,
            "cache": dataset.notes.get("cache")}


def tiny_cnn():
    """A few thousand weights; an 8x8 stride-8 stem keeps compute small, so the data path shows."""
    import torch.nn as nn

    return nn.Sequential(nn.Conv2d(1, 8, 8, stride=8), nn.ReLU(), nn.Conv2d(8, 16, 3, stride=2), nn.ReLU(),
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="../shared/data/medmnist/pneumoniamnist.npz")
    ap.add_argument("--work", default="/tmp/mednn_images_out_of_core")
    ap.add_argument("--cgroup-mib", type=int, default=None,
                    help="cap every worker with a cgroup v1 memory limit of this many MiB (needs a writable "
                         f"{CGROUP_ROOT}, e.g. root); the set is --factor times this. Without a writable "
                         "cgroup: RLIMIT_AS of --address-space-gib instead, with a message")
    ap.add_argument("--cap-gib", type=float, default=1.0,
                    help="without --cgroup-mib: cap on each worker's peak resident memory (VmHWM)")
    ap.add_argument("--address-space-gib", type=float, default=3.0, help="RLIMIT_AS of every worker (fallback)")
    ap.add_argument("--factor", type=float, default=3.05, help="decoded set size / cap")
    ap.add_argument("--small", type=int, default=3000, help="images of the in-memory comparison")
    ap.add_argument("--threads", type=int, default=1,
                    help="torch threads per worker (1: on a loaded 2-core machine a second OpenMP "
                         "thread makes single batches take 10-100x longer at random)")
    ap.add_argument("--epoch-images", type=int, default=None,
                    help="train on this many randomly sampled training images of the whole set "
                         "(0: all; default: as many as the in-memory scenario trains on)")
    ap.add_argument("--scenarios", default="memory,cache_build,cache_small,memory,cache_small,cache_cold",
                    help="run in this order; repeat memory and a cache scenario, interleaved, against drift")
    ap.add_argument("--fixed-stats", action="store_true",
                    help="normalise with mean 0.5 / std 0.5 in every scenario instead of fitting them on "
                         "the training images (skips a streaming pass over the whole set per run)")
    ap.add_argument("--keep-cgroup", action="store_true", help="do not remove the cgroup at the end")
    ap.add_argument("--out", default=None)
    ap.add_argument("--worker", action="store_true")
    ap.add_argument("--scenario", default=None)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args)))
        return
    work = Path(args.work)
    group, enforced, probe_row = None, "rlimit_as", None
    if args.cgroup_mib:
        group, why = MemoryCgroup.create(f"mednn_ooc_{os.getpid()}", args.cgroup_mib << 20)
        if group is None:
            print(f"note: {why}; falling back to RLIMIT_AS = {args.address_space_gib} GiB of address space "
                  f"(not an RSS cap: torch reserves ~1.6-1.9 GB it never touches) with a {args.cgroup_mib} MiB "
                  "cap on peak RSS checked, not enforced", flush=True)
        else:
            enforced, args.address_space_gib = "cgroup_v1_memory", 0.0
        args.cap_gib = args.cgroup_mib / 1024
    try:
        rows, info, probe_row = run_all(args, work, group)
    finally:
        if group is not None and not args.keep_cgroup:
            group.remove()
    memory = [r["train_images_per_s"] for r in rows if r["scenario"] == "memory" and "error" not in r]
    reference = sum(memory) / len(memory) if memory else None  # mean of the in-memory repeats
    for r in rows:
        if "error" not in r:
            r["rss_under_cap"] = r["peak_rss_mib"] < r["cap_mib"]
            if reference is not None:
                r["slowdown"] = reference / r["train_images_per_s"]
    pairs = paired_slowdowns(rows)
    print_table(rows, ["scenario", "images", "decoded_gib", "read_s", "featurize_s", "epoch_images", "epoch_s",
                       "train_images_per_s", "slowdown", "full_epoch_s", "peak_rss_mib", "ru_maxrss_mib",
                       "cgroup_max_usage_mib", "cgroup_failcnt", "cgroup_oom_kills", "cap_mib", "rss_under_cap"])
    for scenario, values in pairs.items():
        print(f"{scenario}: slowdown against the adjacent in-memory runs {', '.join(f'{v:.2f}' for v in values)}")
    write_json(args.out, {"benchmark": "images_out_of_core", "machine": machine(), "set": info,
                          "cap_gib": args.cap_gib, "cap_enforced_by": enforced, "cgroup_mib": args.cgroup_mib,
                          "enforcement_probe": probe_row, "address_space_gib": args.address_space_gib or None,
                          "factor": args.factor, "threads": args.threads, "fixed_stats": args.fixed_stats,
                          "batch_size": BATCH, "side": SIDE,
                          "epoch_images": args.epoch_images, "paired_slowdowns": pairs, "rows": rows,
                          "load_average_at_end": os.getloadavg()})


def run_all(args, work: Path, group: "MemoryCgroup | None") -> tuple[list[dict], dict, dict | None]:
    n_full = int(args.factor * args.cap_gib * GIB / (SIDE * SIDE)) + 1
    if group is None and n_full * SIDE * SIDE <= args.address_space_gib * GIB:
        print(f"note: the set ({n_full * SIDE * SIDE / GIB:.2f} GiB) fits in the address-space limit", flush=True)
    # in a child, so this process stays small while the workers run
    subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
                    f"from images_out_of_core import make_set; make_set({args.data!r}, __import__('pathlib')"
                    f".Path({str(work)!r}), {n_full}, {args.small})"], check=True)
    info = make_set(args.data, work, n_full, args.small)
    if args.epoch_images is None:  # the in-memory epoch's length: per-image figures on equal epochs
        args.epoch_images = sum(line.endswith(",train") for line in (work / "small.csv").read_text().splitlines())
    print(f"set: {n_full} PNG files ({n_full * SIDE * SIDE / GIB:.2f} GiB decoded, {info['png_bytes'] / GIB:.2f} GiB "
          f"of PNG) written in {info['write_seconds']:.0f} s; cap {args.cap_gib:.2f} GiB", flush=True)
    probe_row = None
    if group is not None:
        probe_row = probe(group, int(args.cap_gib * 1024 * 1.25))
        print(f"cgroup {group.path}: limit {group.limit_bytes >> 20} MiB; a child touching "
              f"{probe_row['touched_mib']} MiB {'was killed' if probe_row['killed'] else 'was NOT killed'} "
              f"(rc {probe_row['returncode']}, oom kills {probe_row['cgroup_oom_kills']})", flush=True)
    rows = []
    for scenario in args.scenarios.split(","):
        cmd = [sys.executable, __file__, "--worker", "--scenario", scenario, "--work", str(work),
               "--cap-gib", str(args.cap_gib), "--address-space-gib", str(args.address_space_gib),
               "--threads", str(args.threads), "--epoch-images", str(args.epoch_images)]
        cmd += ["--fixed-stats"] if args.fixed_stats else []
        if group is not None:
            group.reset()
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, preexec_fn=group.join if group else None)
        wall = time.perf_counter() - t0
        usage = group.stats() if group is not None else {}
        if proc.returncode != 0:
            lines = proc.stderr.strip().splitlines()
            reason = lines[-1][:300] if lines else f"exit status {proc.returncode}"
            rows.append({"scenario": scenario, "error": reason, "returncode": proc.returncode, **usage,
                         "load_average": os.getloadavg()})
            print(f"{scenario}: failed (rc {proc.returncode}): {reason}", flush=True)
            continue
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        row.update(usage, wall_s=wall, load_average=os.getloadavg())
        rows.append(row)
        print(f"{scenario}: {row['epoch_s']:.1f} s epoch, {row['train_images_per_s']:.0f} img/s, "
              f"peak RSS {row['peak_rss_mib']:.0f} MiB"
              + (f", cgroup peak {usage['cgroup_max_usage_mib']:.0f} MiB, failcnt {usage['cgroup_failcnt']}"
                 if usage else ""), flush=True)
    return rows, info, probe_row


def paired_slowdowns(rows: list[dict]) -> dict[str, list[float]]:
    """Each cache run against the mean of the in-memory runs just before and after it."""
    ok = [r for r in rows if "error" not in r]
    pairs: dict[str, list[float]] = {}
    for i, r in enumerate(ok):
        if r["scenario"] == "memory":
            continue
        before = next((x for x in reversed(ok[:i]) if x["scenario"] == "memory"), None)
        after = next((x for x in ok[i + 1:] if x["scenario"] == "memory"), None)
        near = [x["train_images_per_s"] for x in (before, after) if x is not None]
        if near:
            pairs.setdefault(r["scenario"], []).append(sum(near) / len(near) / r["train_images_per_s"])
    return pairs


if __name__ == "__main__":
    main()
