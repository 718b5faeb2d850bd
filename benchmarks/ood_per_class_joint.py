"""A threshold per predicted class, each class at the run's confidence (before) or all classes at once
(Bonferroni, ``mednn.ood.base.class_confidence``; since 2026-12-07 evening), beside one pooled threshold:
the ID test flag rate per case and seed, the exchangeable re-splits of validation + test, the PneumoniaMNIST
training images the run never used (exchangeable with validation), and the foreign sets.

Reads the components ``ood_calibration.py collect`` kept (no training):

    python benchmarks/ood_per_class_joint.py --work /tmp/ood11-cal --seeds 0,1,2,3,4,5,6,7 \
        --out benchmarks/results/ood_per_class_joint.json
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ood_calibration as oc  # noqa: E402
from _common import machine, print_table, write_json  # noqa: E402

CALIBRATIONS = {"pooled": ("pac", None), "per class, each at 90%": ("pac_class", lambda c, k: c),
                "per class, all at once": ("pac_class", None)}


def rows_of(path: Path) -> list[dict]:
    import mednn.ood.base as base

    library = base.class_confidence
    out = []
    try:
        for label, (how, override) in CALIBRATIONS.items():
            base.class_confidence = override or library
            for row in oc.analyse_per_class(path):
                if row["calibration"] == how:
                    out.append({**row, "calibration": label})
    finally:
        base.class_confidence = library
    return out


def summary(rows: list[dict]) -> list[dict]:
    out = []
    for case in dict.fromkeys(r["case"] for r in rows):
        for label in CALIBRATIONS:
            mine = [r for r in rows if r["case"] == case and r["calibration"] == label]
            k = sum(round(r["test_flag_rate"] * r["n_test"]) for r in mine)
            n = sum(r["n_test"] for r in mine)
            low, high = oc.wilson(k, n)
            unused = [v for r in mine for key, v in r.items()
                      if key.startswith("flagged ") and oc.IN_DISTRIBUTION in key]
            share_over = np.mean([r["exchangeable_share_over_target"] for r in mine])
            exchangeable = 100 * np.mean([r["exchangeable_mean"] for r in mine])
            foreign_flagged = np.mean([v for r in mine for v in oc._foreign(r, "flagged ")])
            rates = [100 * r["test_flag_rate"] for r in mine]
            out.append({"case": case, "calibration": label, "seeds": len(mine),
                        "test per seed (%)": " / ".join(f"{v:.1f}" for v in rates),
                        "mean (range)": f"{np.mean(rates):.2f} ({min(rates):.1f}-{max(rates):.1f})",
                        "seeds > 5%": f"{sum(v > 5 for v in rates)}/{len(rates)}",
                        "pooled (Wilson 95%)": f"{100 * k / n:.2f} ({100 * low:.1f}-{100 * high:.1f})",
                        "exchangeable mean / P(>5%)": f"{exchangeable:.2f} / {share_over:.3f}",
                        "unused training images (%)": f"{100 * np.mean(unused):.2f}" if unused else "",
                        "classes with own threshold": "/".join(str(r["classes with own threshold"]) for r in mine),
                        "foreign AUROC": f"{np.mean([v for r in mine for v in oc._foreign(r, 'auroc ')]):.4f}",
                        "foreign flagged (%)": f"{100 * foreign_flagged:.1f}"})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/mednn-ood-calibration"))
    parser.add_argument("--only", default="tables,heart_failure,images_2d,images_2d_breast,text,text_notes,"
                        "molecules,images_3d")
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--draws", type=int, default=oc.DRAWS)
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    oc.DRAWS = args.draws
    import functools

    import mednn.ood.base as base

    base.threshold_rank = functools.lru_cache(maxsize=None)(base.threshold_rank)  # the same (n, fpr, c) each draw
    rows = []
    for case in args.only.split(","):
        for seed in (int(s) for s in args.seeds.split(",")):
            path = args.work / f"{case}_seed{seed}.npz"
            if path.is_file():
                rows += rows_of(path)
    table = summary(rows)
    print_table(table, list(table[0]))
    write_json(args.out, {"machine": {**machine(), "load_average": os.getloadavg()}, "fpr": oc.FPR,
                          "confidence": oc.CONFIDENCE, "draws": oc.DRAWS, "summary": table,
                          "results": rows})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
