"""The extreme_values check (mednn.data.extreme_values) on every shared clinical table: its false
alarms on the honest tables, its hits on two impossible cells planted into each, and its false
alarms on random subsamples (small files are where a robust range is least sure).

Each table is read as ``mednn train`` reads it (mednn's reader, the same overrides as
benchmarks/label_leakage.py). Planted per table: the numeric column with the most distinct
values gets 1e30 in one row and the next one gets -4000 times its spread below its minimum in
another (trial 6: one glucose 1e30, one age -4000); both are expected flagged, nothing else.

    python benchmarks/extreme_values.py --data ../shared/data --out benchmarks/results/extreme_values.json
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402
from label_leakage import TABLES  # noqa: E402


def _frame(root: Path, file: str, overrides: list[str]):
    from mednn.config import load_config
    from mednn.data.readers import read_dataset

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_dataset(load_config(None, [f"data.path={root / file}", *overrides]).data).inputs


def one_table(root: Path, name: str, file: str, overrides: list[str], seed: int, subsamples: int) -> dict:
    from mednn.data.extreme_values import extreme_cells

    frame = _frame(root, file, overrides)
    numeric = [c for c in frame.columns if frame[c].dtype.kind in "if" and frame[c].nunique() >= 3]
    honest = extreme_cells(frame)
    planted, hits = frame.copy(), "n/a"
    order = sorted(numeric, key=lambda c: -frame[c].nunique())[:2]
    if len(order) == 2:
        rng = np.random.default_rng(seed)
        rows = rng.choice(len(frame), 2, replace=False)
        a, b = order
        planted[a] = planted[a].astype(float)
        planted[b] = planted[b].astype(float)
        planted.iloc[rows[0], planted.columns.get_loc(a)] = 1e30
        spread = float(np.nanmax(frame[b]) - np.nanmin(frame[b]))
        planted.iloc[rows[1], planted.columns.get_loc(b)] = float(np.nanmin(frame[b])) - 4000 * max(spread, 1.0)
        found = {c["column"]: c["rows"] for c in extreme_cells(planted)}
        hits = f"{int(found.get(a) == [rows[0]]) + int(found.get(b) == [rows[1]])}/2"
        hits += "" if set(found) <= {a, b} else " +other"
    rng = np.random.default_rng(seed)
    alarms = 0
    for n in (50, 100, 300):
        for _ in range(subsamples):
            sub = frame.iloc[rng.choice(len(frame), min(n, len(frame)), replace=False)]
            alarms += int(bool(extreme_cells(sub)))
    return {"table": name, "rows": len(frame), "numeric_columns": len(numeric),
            "false_alarms_full": sum(len(c["rows"]) for c in honest),
            "flagged_columns": ", ".join(c["column"] for c in honest) or "-", "planted_found": hits,
            "subsamples": 3 * subsamples, "subsample_alarms": alarms}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="the shared data folder (../shared/data)")
    parser.add_argument("--out", default=None, help="JSON results file")
    parser.add_argument("--subsamples", type=int, default=20, help="random subsamples per size (50, 100, 300 rows)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    root = Path(args.data)
    rows = [one_table(root, name, file, overrides, args.seed, args.subsamples) for name, file, overrides in TABLES]
    print_table(rows, ["table", "rows", "numeric_columns", "false_alarms_full", "flagged_columns", "planted_found",
                       "subsamples", "subsample_alarms"])
    write_json(args.out, {"machine": machine(), "rows": rows})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
