"""The extreme_values check (mednn.data.extreme_values) on every shared clinical table: its false
alarms on the honest tables, its hits on two impossible cells planted into each, and its false
alarms on random subsamples (small files are where a robust range is least sure).

Each table is read as ``mednn train`` reads it (mednn's reader, the same overrides as
benchmarks/label_leakage.py). Planted per table: the numeric column with the most distinct
values gets 1e30 in one row and the next one gets -4000 times its spread below its minimum in
another (trial 6: one glucose 1e30, one age -4000); both are expected flagged, nothing else.

The impossible_values check (mednn.data.clinical_ranges) is measured on EVERY table of the shared
folder (the clinical tables above, read as mednn reads them, with their documented column names
where the file has no header line, as a user's own file would have; and every other CSV there:
molecules, notes, id mappings, read with pandas): the columns it recognises (quantity, unit), its
alarms (impossible cells and zeros read as missing), and its hits on cells planted into each
recognised column (trial 7's age of 670 and BMI of -28: a value 5.36 times the upper bound and -28).

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


# documented column names (the UCI .names files) of the header-less tables, by file position
NAMES = {
    "pima": ["Pregnancies", "Glucose", "BloodPressure", "SkinThickness", "Insulin", "BMI",
             "DiabetesPedigreeFunction", "Age", "Outcome"],
    "breast_wisconsin": ["Sample code number", "Clump Thickness", "Uniformity of Cell Size",
                         "Uniformity of Cell Shape", "Marginal Adhesion", "Single Epithelial Cell Size", "Bare Nuclei",
                         "Bland Chromatin", "Normal Nucleoli", "Mitoses", "Class"],
    "hepatitis": ["Class", "AGE", "SEX", "STEROID", "ANTIVIRALS", "FATIGUE", "MALAISE", "ANOREXIA", "LIVER BIG",
                  "LIVER FIRM", "SPLEEN PALPABLE", "SPIDERS", "ASCITES", "VARICES", "BILIRUBIN", "ALK PHOSPHATE",
                  "SGOT", "ALBUMIN", "PROTIME", "HISTOLOGY"],
    "ilpd": ["Age", "Gender", "TB", "DB", "Alkphos", "Sgpt", "Sgot", "TP", "ALB", "A/G Ratio", "Selector"],
}


def _named(name: str, frame):
    """The frame with its documented column names when the file had none (``column_<k>``)."""
    if name not in NAMES:
        return frame
    return frame.rename(columns={f"column_{k + 1}": n for k, n in enumerate(NAMES[name])})


def _other_tables(root: Path, read: set[str]) -> list[tuple[str, object]]:
    """Every other CSV of the shared folder (molecules, notes, mappings), read with pandas."""
    import pandas as pd

    out = []
    for path in sorted(root.rglob("*.csv*")):
        rel = str(path.relative_to(root))
        if rel in read or "medmnist" in rel or path.suffix not in (".csv", ".gz"):
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out.append((rel, pd.read_csv(path, low_memory=False)))
    return out


def impossible_row(name: str, frame) -> dict:
    """The impossible_values check on one table: recognised columns, alarms, planted hits."""
    from mednn.data.clinical_ranges import _units, column_words, impossible_cells, quantity_of

    recognised, planted, expected = [], frame.copy(), {}
    for column in frame.columns:
        quantity = quantity_of(column)
        if quantity is None or frame[column].dtype.kind not in "if":
            continue
        values = frame[column].to_numpy(dtype=float, na_value=np.nan)
        units = _units(quantity, column_words(column), values[np.isfinite(values)])
        recognised.append(f"{column}={quantity.name}[{'/'.join(u.name for u in units) or 'unit?'}]")
        if units and len(frame) >= 2:
            high = max(u.high for u in units)
            planted[column] = planted[column].astype(float)
            planted.iloc[0, planted.columns.get_loc(column)] = 5.36 * high  # an age of 670 for 125
            planted.iloc[1, planted.columns.get_loc(column)] = -28.0
            expected[str(column)] = {0, 1}
    honest = impossible_cells(frame)
    found = {c.column: set(c.rows) for c in impossible_cells(planted)}
    hits = sum(len(rows & found.get(col, set())) for col, rows in expected.items())
    return {"table": name, "rows": len(frame), "recognised": "; ".join(recognised) or "-",
            "impossible_cells": sum(len(c.rows) for c in honest),
            "zero_cells": sum(len(c.zero_rows) for c in honest),
            "alarm_columns": ", ".join(f"{c.column} ({len(c.rows)} + {len(c.zero_rows)} zeros)" for c in honest) or "-",
            "planted_found": f"{hits}/{2 * len(expected)}" if expected else "n/a"}


def impossible_rows(root: Path) -> list[dict]:
    rows, read = [], set()
    for name, file, overrides in TABLES:
        rows.append(impossible_row(name, _named(name, _frame(root, file, overrides))))
        read.add(file)
    for rel, frame in _other_tables(root, read):
        rows.append(impossible_row(rel, frame))
    return rows


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
    impossible = impossible_rows(root)
    print()
    print_table(impossible, ["table", "rows", "recognised", "impossible_cells", "zero_cells", "alarm_columns",
                             "planted_found"])
    write_json(args.out, {"machine": machine(), "rows": rows, "impossible_values": impossible})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
