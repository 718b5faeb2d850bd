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

import numpy as np

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
        # no interval (evaluate.bootstrap: 0) is no reason to doubt a positive R² (fix17a: lipo's 0.676 was flagged)
        if value is None or (value > 0 and (high is None or high > 0)):
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


def labels_reversed_findings(kind: str, targets, prob, class_names, where: str) -> list[Finding]:
    """``labels_reversed`` when the network ranks the negatives of ``where`` (an external site)
    above its positives beyond chance: the Hanley-McNeil 95% upper bound of its AUROC under 0.5
    (:func:`~mednn.evaluation.thresholds.below_chance_bound`, at least 10 of each value). A model
    that ranks well at home and the other way round at a site most often meets labels coded the
    other way there (the positive class written as the negative one, or the complementary label),
    not a model that learned the opposite. Binary: the site's label; multilabel: each label (by its
    column name). Class values are never named (a log may hold the finding)."""
    from .metrics import auroc
    from .thresholds import below_chance_bound

    y, p = np.asarray(targets, dtype=float), np.asarray(prob, dtype=float)
    if kind == "binary":
        y, p, names = y.reshape(-1, 1), (p[:, -1] if p.ndim == 2 else p).reshape(-1, 1), ["label"]
    elif kind == "multilabel":
        names = [str(n) for n in class_names]
    else:
        return []
    reversed_: list[str] = []
    columns: list[str] = []
    for j, name in enumerate(names):
        known = ~np.isnan(y[:, j])
        yj = y[known, j].astype(int)
        if len(np.unique(yj)) < 2:
            continue
        value = float(auroc(yj, p[known, j]))
        bound = below_chance_bound(yj, value)
        if bound is not None:
            columns.append(name)
            reversed_.append(f"{'the label' if kind == 'binary' else f'label {name!r}'}: AUROC {value:.3f} "
                             f"(95% upper bound {bound:.3f}, Hanley-McNeil)")
    if not reversed_:
        return []
    return [Finding("labels_reversed", "warning",
                    f"{where} ranks below chance beyond doubt ({'; '.join(reversed_)}): the model ranks this site's "
                    "negatives above its positives, as when a site codes the positive class the other way or records "
                    "the complementary label; its metrics mean little until that is checked; fix: check how the site "
                    "codes the label, and if it is the other way, evaluate again with --set "
                    "data.label_map={site value: class name, ...}", count=len(reversed_),
                    columns=tuple(columns) if kind == "multilabel" else ())]


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
