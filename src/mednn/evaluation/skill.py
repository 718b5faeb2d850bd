"""Findings from a run's own test metrics: a network that cannot be told from chance (or does
worse than predicting the mean), and conformal sets that miss their coverage target.

Both are said on the console and at the top of the report, not left for a reader to spot in a
table. They compare an interval with a fixed reference, so they speak only when the test
split's own uncertainty allows it.

>>> no_skill_findings("binary", {"auroc": {"value": 0.39, "ci95": [0.21, 0.58]}})[0].id
'no_skill'
>>> no_skill_findings("binary", {"auroc": {"value": 0.81, "ci95": [0.74, 0.88]}})
[]
"""

from __future__ import annotations

import math
from typing import Any

from ..findings import Finding


def _interval(entry: Any) -> tuple[float | None, float | None, float | None]:
    if not isinstance(entry, dict):
        return None, None, None
    low, high = entry.get("ci95") or (None, None)
    return entry.get("value"), low, high


def no_skill_findings(kind: str, test: dict[str, Any], where: str = "test", cut_short: str = "") -> list[Finding]:
    """``no_skill`` when the test AUROC's interval reaches 0.5 (classification) or the test R²
    is not above 0 (regression: no better than predicting the training mean). ``where``
    names the data in the message ("test", or an evaluated site's file); ``cut_short`` says
    how training ended early when ``train.budget`` stopped it (an undertrained network is then
    the first suspect, before labels or the split)."""
    if kind == "regression":
        value, low, high = _interval(test.get("r2"))
        if value is None or (high is not None and high > 0 and value > 0):
            return []
        return [Finding("no_skill", "warning",
                        f"{where} R² {value:.3f} (95% CI {_ci(low, high)}): the network predicts no better than "
                        f"the mean of {'the training targets' if where == 'test' else 'these targets'}; check the "
                        "label column (its unit and scale), the split (by patient?) and the features before using it"
                        + cut_short)]
    value, low, high = _interval(test.get("auroc"))
    if value is None or low is None or low > 0.5:
        return []
    if high is not None and high < 0.5:
        what = "below chance: its ranking is reversed, which suggests swapped labels or a broken split"
    else:
        data = "this test split" if where == "test" else "this site's data"  # a site file is no test split
        what = f"not distinguishable from chance on {data} (more {'test ' if where == 'test' else ''}data, or a better model, is needed)"
    return [Finding("no_skill", "warning", f"{where} AUROC {value:.3f} (95% CI {_ci(low, high)}) is {what}{cut_short}")]


def below_chance_label_findings(threshold: dict[str, Any] | None, class_names: list[str]) -> list[Finding]:
    """``label_below_chance``, one per multilabel label whose validation AUROC is below 0.5 beyond
    chance, its 95% upper bound under 0.5 (``threshold["below_chance_labels"]``, set by :func:`~mednn.evaluation.thresholds.threshold_rule`):
    its scores rank the wrong way round there, so no threshold was tuned on them."""
    inverted = (threshold or {}).get("below_chance_labels") or {}
    if not inverted:
        return []
    cuts = dict(zip(class_names, threshold.get("value") or []))
    upper = threshold.get("below_chance_upper") or {}

    def bound(name: str) -> str:
        return f" (95% CI upper bound {upper[name]:.3f})" if isinstance(upper.get(name), float) else ""

    return [Finding("label_below_chance", "warning",
                    f"label '{name}': validation AUROC {auroc:.3f}{bound(name)}, below chance (its scores rank the label's "
                    "negatives above its positives); a threshold chosen on them would be meaningless, so it is "
                    f"kept at {cuts.get(name, 0.5):g} (evaluate.fixed_threshold) and the label's test calls and "
                    "metrics are unreliable: check its coding and its positives per split")
            for name, auroc in inverted.items()]


def coverage_findings(conformal: dict[str, Any] | None, where: str = "the test split") -> list[Finding]:
    """``conformal_undercoverage`` when the coverage interval on ``where`` lies below the target,
    and below what a calibration on ``n_calibration`` records can give by chance (split conformal
    coverage, given its calibration set, follows a Beta law: 45 records at 90% fall to 82% one
    time in 40), so a small validation split alone does not raise it."""
    if not conformal or conformal.get("target_coverage") is None:
        return []
    target = float(conformal["target_coverage"])
    floor = _chance_floor(target, conformal.get("n_calibration"))
    value, low, high = _interval(conformal.get("coverage"))
    if value is None or high is None or high >= floor:
        return []
    slack = (f" (a calibration on {conformal['n_calibration']} records can give {floor:.1%} by chance)"
             if floor < target else "")
    return [Finding("conformal_undercoverage", "warning",
                    f"the conformal sets / intervals covered {value:.1%} of {where} (95% CI {_ci(low, high, percent=True)}), "
                    f"below their {target:.0%} target{slack}: validation and "
                    f"{'test' if where == 'the test split' else 'these data'} differ (a shift, or records of one "
                    "patient split apart), so the stated coverage does not hold here")]


def _chance_floor(target: float, n_calibration: Any) -> float:
    """The 2.5% quantile of the coverage a split conformal calibration on ``n_calibration``
    records gives (Beta(k, n + 1 - k), k = ceil((n + 1) * target)); the target when unknown.

    >>> round(_chance_floor(0.9, 45), 3), _chance_floor(0.9, None)
    (0.817, 0.9)
    """
    if not isinstance(n_calibration, int) or isinstance(n_calibration, bool) or n_calibration < 1:
        return target
    rank = math.ceil((n_calibration + 1) * target)
    if rank > n_calibration:  # the sets hold everything: coverage 1
        return target
    from scipy.stats import beta

    return min(target, float(beta.ppf(0.025, rank, n_calibration + 1 - rank)))


def _ci(low: float | None, high: float | None, percent: bool = False) -> str:
    if low is None or high is None:
        return "not computed"
    return f"{low:.1%} to {high:.1%}" if percent else f"{low:.3f} to {high:.3f}"
