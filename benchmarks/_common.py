"""Shared helpers of the benchmark scripts: timing, peak memory, tables, JSON output."""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> dict:
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
    }


def run_worker(script: str, args: list[str]) -> dict:
    """Run one measurement in a fresh process (clean peak memory, no warm caches shared)."""
    proc = subprocess.run([sys.executable, script, "--worker", *args], capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"worker {args} failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def print_table(rows: list[dict], columns: list[str]) -> None:
    widths = {c: max(len(c), *(len(_fmt(r.get(c))) for r in rows)) for c in columns}
    print(" | ".join(c.ljust(widths[c]) for c in columns))
    print("-|-".join("-" * widths[c] for c in columns))
    for r in rows:
        print(" | ".join(_fmt(r.get(c)).ljust(widths[c]) for c in columns))


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:.3f}"
    return "" if v is None else str(v)


def write_json(path: str | None, payload: dict) -> None:
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path}")


def lodo_choice(scores: dict[str, dict[str, float]], names: list[str]) -> tuple[dict[str, dict[str, float]],
                                                                                 dict[str, str]]:
    """Leave-one-dataset-out choice of a default: ``scores[dataset][recipe]`` is a validation score
    (higher is better). Returns the recipes' ranks per dataset (1 = best) and, for each dataset,
    the recipe with the best mean rank over the *other* datasets (ties: the earlier name)."""
    import numpy as np

    ranks = {}
    for d, by_recipe in scores.items():
        vals = np.array([by_recipe[r] for r in names])
        order = (-vals).argsort(kind="stable")
        r = np.empty(len(names))
        r[order] = np.arange(1, len(names) + 1)
        ranks[d] = dict(zip(names, r.tolist()))
    chosen = {}
    for d in scores:
        others = [o for o in scores if o != d] or [d]
        mean_rank = {r: float(np.mean([ranks[o][r] for o in others])) for r in names}
        chosen[d] = min(names, key=lambda r: (mean_rank[r], names.index(r)))
    return ranks, chosen


def tune_budget_arg(text: str) -> str | None:
    """``--tune-budget``: a duration for ``mednn tune`` ("15m", "90s"), or none / 0 for no tuning."""
    if str(text).strip().lower() in ("none", "0", "off", ""):
        return None
    from mednn.tuning import parse_budget

    parse_budget(text)
    return str(text)


def tuning_info(run_dir, seconds_wall: float, budget: str, row_check: str) -> dict:
    """What the benchmark JSON keeps of one ``mednn tune`` folder: the budget, the trials by
    state, the best trial, the time spent, and how the train + validation rows were checked."""
    import json
    from pathlib import Path

    summary = json.loads((Path(run_dir) / "tuning.json").read_text())
    states: dict[str, int] = {}
    for t in summary["trials"]:
        states[t["state"]] = states.get(t["state"], 0) + 1
    best = summary.get("best") or {}
    return {"budget": budget, "budget_seconds": summary["budget_seconds"], "metric": summary["metric"],
            "validation": summary["validation"], "pruner": summary["pruner"], "trials": states,
            "best_trial": best.get("number"), "best_val": best.get("value"), "best_params": best.get("params"),
            "seconds_in_trials": summary["seconds_in_trials"], "seconds_wall": round(seconds_wall, 1),
            "rows_checked": row_check}


def best_baseline(scores: dict[str, float | None]) -> str:
    """The baseline with the best test score (the strictest one to beat; ties: the first)."""
    named = [(k, v) for k, v in scores.items() if v is not None]
    return max(named, key=lambda kv: kv[1])[0]


def multitask_score(y, p, *, regression: bool) -> float:
    """Mean AUROC over the tasks with both classes present (missing labels skipped), or RMSE
    over the present labels: MoleculeNet's metrics for one- and multi-task sets."""
    import numpy as np
    from sklearn.metrics import roc_auc_score

    y = np.asarray(y, dtype=float).reshape(len(y), -1)
    p = np.asarray(p, dtype=float).reshape(len(p), -1)
    if regression:
        m = ~np.isnan(y)
        return float(np.sqrt(np.mean((y[m] - p[m]) ** 2)))
    values = []
    for j in range(y.shape[1]):
        m = ~np.isnan(y[:, j])
        if len(np.unique(y[m, j])) == 2:
            values.append(roc_auc_score(y[m, j], p[m, j]))
    return float(np.mean(values)) if values else float("nan")


def tuned_no_result(per: dict, score_key: str) -> dict[str, str]:
    """Datasets whose study gave no tuned network (e.g. no trial finished within the budget): the reason."""
    return {d: e["tuned"]["error"] for d, e in per.items() if e.get("tuned", {}).get(score_key) is None
            and "error" in e.get("tuned", {})}


def tuned_summary(lodo: dict, tuned: list[str], budget, diff_key: str, *, ties: bool = False) -> dict:
    """The tuned column's summary: the datasets where tuned mednn beats the baseline's mean
    (``lodo[d][diff_key]["diff"] > 0``), ties it (with ``ties``) and is significantly below it."""
    out = {"tune_budget_per_dataset": budget, "tuned_datasets": len(tuned),
           "tuned_beats_best_baseline_mean": [d for d in tuned if lodo[d][diff_key]["diff"] > 0]}
    if ties:
        out["tuned_ties_best_baseline"] = [d for d in tuned if lodo[d][diff_key]["diff"] == 0]
    out["tuned_significantly_below_best_baseline"] = [d for d in tuned if lodo[d][diff_key]["ci95"][1] < 0]
    return out


def ci_text(v: dict | None) -> str:
    """A paired difference with its 95% CI as a table cell: ``+0.012 [-0.004, +0.031]`` ("" for none)."""
    if v is None or v.get("ci95") is None:
        return ""
    return f"{v['diff']:+.3f} [{v['ci95'][0]:+.3f}, {v['ci95'][1]:+.3f}]"


# --------------------------------------------------------------------------- the tuned column
# of the leave-one-dataset-out benchmarks (defaults_across_datasets.py, text_defaults_across_datasets.py)

def tuned_arguments(ap) -> None:
    """The options of the tuned column: the study's budget, which datasets, and merging into a full run."""
    ap.add_argument("--tune-budget", default="15m", type=tune_budget_arg,
                    help="mednn tune's budget per dataset (15m, 90s; none: no tuned column)")
    ap.add_argument("--tune-only", nargs="*", help="datasets to tune (default: every dataset run)")
    ap.add_argument("--merge-into", default=None, help="a full run's JSON: add only the tuned column to it")


def wants_tuning(args, name: str) -> bool:
    """Whether dataset ``name`` gets a tuned column (a budget, and --tune-only names it or is unset)."""
    return bool(args.tune_budget) and (not args.tune_only or name in args.tune_only)


def read_merge_target(args) -> dict:
    """``--merge-into``'s full run (refused without a --tune-budget: merging adds only the tuned column)."""
    if not args.tune_budget:
        raise SystemExit("--merge-into adds the tuned column: give a --tune-budget")
    return json.loads(Path(args.merge_into).read_text())


def tune_or_record(entry: dict, score_key: str, budget: str, label: str, tune):
    """``tune()``'s result, or None when the study gave no network (e.g. no trial finished within
    the budget): the reason is then recorded in ``entry["tuned"]`` and printed, not hidden."""
    from mednn.errors import MednnError

    try:
        return tune()
    except MednnError as exc:
        entry["tuned"] = {score_key: None, "budget": budget, "error": str(exc)}
        print(f"  {label} tuned: {exc}", file=sys.stderr, flush=True)
        return None


def merged_tuned_column(how: str, doc: str) -> dict:
    """The JSON's ``tuned_column`` note of a ``--merge-into`` run: when, where, how, and the
    protocol (the fourth paragraph of the benchmark's docstring)."""
    return {"merged": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(),
            "how": how, "protocol": doc.split("\n\n")[3].strip()}


def print_tuned(rows: list[dict], tuned: list[str], won: list[str], budget, beats: str, target: str = "") -> None:
    """The tuned column's table and its one-line verdict (``beats``: what it was compared with)."""
    if rows:
        print_table(rows, list(rows[0]))
    print(f"tuned ({budget} per dataset) beats {beats} on {len(won)} of {len(tuned)} "
          f"({', '.join(won) or 'none'}){target}")
