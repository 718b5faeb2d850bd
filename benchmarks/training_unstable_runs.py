"""Which finished runs the ``training_unstable`` rule would flag (issue 19 item 2): every
``history.csv`` under the given folders, each ensemble member's training loss through
:func:`mednn.pipeline.fitting.loss_spike` with epoch 1's loss as the scale (stricter than the
chance loss a run uses when it trains: a run this does not flag is not flagged in training).

    python benchmarks/training_unstable_runs.py runs/ /tmp/benchmark-runs
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from types import SimpleNamespace

from mednn.pipeline.fitting import loss_spike


def _members(path: Path) -> dict[str, list[dict[str, float]]]:
    members: dict[str, list[dict[str, float]]] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            value = row.get("train_loss")
            members.setdefault(row.get("member") or "1", []).append(
                {"train_loss": float(value) if value not in (None, "") else float("nan")})
    return members


def main(folders: list[str]) -> int:
    paths = sorted({p for folder in folders for p in Path(folder).rglob("history.csv")})
    fired = 0
    for path in paths:
        for member, history in _members(path).items():
            found = loss_spike(SimpleNamespace(history=history), None)
            if found is not None:
                fired += 1
                epoch, loss, least, low = found
                print(f"flagged: {path} member {member}: epoch {epoch} loss {loss:.4g}, lowest before {least:.4g} "
                      f"(epoch {low})")
    print(f"{len(paths)} histories, {fired} member(s) flagged")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:] or ["runs"]))
