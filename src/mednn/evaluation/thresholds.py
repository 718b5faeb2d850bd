"""Decision thresholds for binary (and per-label multilabel) scores.

:class:`ThresholdSelector` picks the cut on validation scores; a sample is called positive
when ``score >= threshold_`` (scikit-learn's ROC convention). Methods: ``youden``
(maximises sensitivity + specificity - 1 on the ROC curve; the middle of the best interval), ``f1`` (maximises
the F1 score of the positive calls, the middle of the best interval likewise: for multilabel runs judged by micro /
macro F1, where Youden's J calls rare labels too often), ``sensitivity`` (the highest threshold that reaches
``target_sensitivity``), ``fixed``.
"""

from __future__ import annotations

import difflib
import warnings
from typing import Any

import numpy as np

from ..errors import ConfigError, DataError, NotFittedError, problem
from .metrics import UndefinedMetricWarning, auroc as _auroc

METHODS = ("youden", "f1", "sensitivity", "fixed")


def roc_points(y_true: np.ndarray, score: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(fpr, tpr, thresholds) at every distinct score, thresholds descending (no +inf start).

    >>> fpr, tpr, thresholds = roc_points(np.array([0, 1, 1]), np.array([0.2, 0.9, 0.4]))
    >>> thresholds.tolist(), tpr.tolist()
    ([0.9, 0.4, 0.2], [0.5, 1.0, 1.0])
    """
    order = np.argsort(-score, kind="stable")
    s, y = score[order], y_true[order]
    last = np.r_[np.flatnonzero(s[1:] != s[:-1]), len(s) - 1]  # last sample of each tie group
    true_pos = np.cumsum(y)[last]
    false_pos = (last + 1) - true_pos
    return false_pos / false_pos[-1], true_pos / true_pos[-1], s[last]


class ThresholdSelector:
    """Choose the decision threshold on validation data (scikit-learn contract).

    ``fit(score, y_true)``: score (n,) and y (n,) 0/1 -> ``threshold_`` a float; or score (n, L)
    and y (n, L) with NaN = missing -> ``threshold_`` an array, one per label. Where a
    label has only one class present the ``fixed`` value is used, with a warning.

    >>> y, score = np.array([0, 0, 1, 1]), np.array([0.1, 0.4, 0.35, 0.8])
    >>> ThresholdSelector("youden").fit(score, y).threshold_  # J is best for cuts in (0.4, 0.8]
    0.6000000000000001
    >>> ThresholdSelector("sensitivity", target_sensitivity=1.0).fit(score, y).threshold_
    0.35
    """

    def __init__(self, method: str = "youden", target_sensitivity: float = 0.9, fixed: float = 0.5):
        self.method = method
        self.target_sensitivity = target_sensitivity
        self.fixed = fixed

    def _check_params(self) -> None:
        if self.method not in METHODS:
            close = difflib.get_close_matches(str(self.method), METHODS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ConfigError(problem(f"Unknown threshold method {self.method!r}{hint}",
                                      expected=", ".join(METHODS), fix="set evaluate.threshold"))
        if not 0.0 < float(self.target_sensitivity) <= 1.0:
            raise ConfigError(problem("target_sensitivity is out of range", got=self.target_sensitivity,
                                      expected="a number in (0, 1]", fix="set evaluate.target_sensitivity: 0.9"))
        if not np.isfinite(float(self.fixed)):
            raise ConfigError(problem("The fixed threshold must be a finite number", got=self.fixed,
                                      fix="set evaluate.fixed_threshold: 0.5"))

    def fit(self, score: np.ndarray, y_true: np.ndarray) -> "ThresholdSelector":
        """Learn ``threshold_`` from scores and targets; returns self."""
        self._check_params()
        y = np.asarray(y_true, dtype=np.float64)
        s = np.asarray(score, dtype=np.float64)
        if y.shape != s.shape or y.ndim not in (1, 2):
            raise DataError(problem("ThresholdSelector.fit() needs scores and targets of one shape, (n,) or (n, L)",
                                    got=f"shapes {s.shape} and {y.shape}"))
        if not np.all(np.isfinite(s)):
            raise DataError(problem("The scores contain NaN or infinite values", fix="check the model's outputs"))
        present = ~np.isnan(y)
        if not np.all((y[present] == 0) | (y[present] == 1)):
            raise DataError(problem("ThresholdSelector is binary: targets must be 0 or 1 (NaN = missing label)",
                                    fix="for a multiclass task use the top class instead of a threshold"))
        if y.ndim == 1:
            self.threshold_ = self._select(y[present].astype(np.int64), s[present], "the targets")
        else:
            self.threshold_ = np.array([
                self._select(y[present[:, j], j].astype(np.int64), s[present[:, j], j], f"label {j}")
                for j in range(y.shape[1])
            ])
        return self

    def _select(self, y: np.ndarray, s: np.ndarray, where: str) -> float:
        if self.method == "fixed":
            return float(self.fixed)
        n_pos = int(y.sum())
        if n_pos == 0 or n_pos == len(y):
            warnings.warn(f"Cannot choose a {self.method} threshold: {where} hold only one class; "
                          f"using the fixed threshold {float(self.fixed)}", UndefinedMetricWarning, stacklevel=3)
            return float(self.fixed)
        fpr, tpr, thresholds = roc_points(y, s)
        if self.method in ("youden", "f1"):
            if self.method == "youden":
                gain = tpr - fpr
            else:  # F1 = 2 TP / (TP + FP + P) at each cut
                positives, negatives = int(y.sum()), len(y) - int(y.sum())
                gain = 2 * tpr * positives / (tpr * positives + fpr * negatives + positives)
            best = int(np.argmax(gain))  # first maximum = the highest such threshold
            # Every cut in (next lower score, best score] gives the same J on the validation
            # data; the highest one sits on the edge of the positive scores, so a test patient
            # just below it flips. The middle of the interval keeps a margin on both sides.
            if best + 1 < len(thresholds):
                return float((thresholds[best] + thresholds[best + 1]) / 2)
            return float(thresholds[best])
        # tpr is a ratio of counts; the tolerance keeps e.g. 9/10 >= 0.9 despite rounding
        return float(thresholds[np.argmax(tpr >= self.target_sensitivity - 1e-12)])

    def predict(self, score: np.ndarray) -> np.ndarray:
        """0/1 calls: ``score >= threshold_``."""
        self._check_fitted()
        return (np.asarray(score, dtype=np.float64) >= self.threshold_).astype(np.int64)

    def _check_fitted(self) -> None:
        if not hasattr(self, "threshold_"):
            raise NotFittedError("ThresholdSelector is used before fit(); call fit(val_scores, val_targets)")

    def to_dict(self) -> dict[str, Any]:
        """JSON state, as metrics.json's ``threshold`` block: ``{"method", "value"}``."""
        self._check_fitted()
        value = self.threshold_.tolist() if isinstance(self.threshold_, np.ndarray) else self.threshold_
        return {"method": self.method, "value": value}


def threshold_rule(ev, kind: str, y_val, prob_val, names=None) -> dict[str, Any] | None:
    """``metrics.json``'s ``threshold``: the rule of :class:`~mednn.config.EvaluateConfig` ``ev``
    fitted on validation scores (binary: one value; multilabel: one per label; other tasks: None).
    The network and every baseline use it. A multilabel label with one class on validation, or
    whose validation AUROC is below 0.5 beyond chance (its upper 95% bound, :func:`auroc_upper`,
    under 0.5, with at least :data:`MIN_BELOW_CHANCE` positives and negatives: its scores rank the
    negatives above the positives, a cut tuned on them is meaningless, Youden then picks 0.98 or
    0.02), keeps ``evaluate.fixed_threshold`` and is named (``names``: the labels) in
    ``fixed_labels`` / ``below_chance_labels``. An AUROC under 0.5 within chance (0.48 on 36
    rows) is tuned as any other."""
    def selector():
        return ThresholdSelector(method=ev.threshold, target_sensitivity=ev.target_sensitivity,
                                 fixed=ev.fixed_threshold)

    if kind == "binary":
        out = {"method": ev.threshold, "value": float(selector().fit(prob_val, y_val).threshold_), "chosen_on": "val"}
        if ev.threshold == "sensitivity":
            out["target_sensitivity"] = ev.target_sensitivity
        return out
    if kind != "multilabel":
        return None
    names = list(names) if names is not None else [f"label {j}" for j in range(y_val.shape[1])]
    values, fixed, inverted, upper = [], [], {}, {}
    for j, name in enumerate(names):
        present = ~np.isnan(y_val[:, j])
        yj, score = y_val[present, j].astype(int), prob_val[present, j]
        auroc = float(_auroc(yj, score)) if len(np.unique(yj)) == 2 else None
        bound = below_chance_bound(yj, auroc) if auroc is not None and ev.threshold != "fixed" else None
        if auroc is None:
            fixed.append(name)
        elif bound is not None:
            inverted[name], upper[name] = round(auroc, 4), round(bound, 4)
        # one fallback where no cut can be tuned, as ThresholdSelector's own for one class
        values.append(float(selector().fit(score, yj).threshold_) if auroc is not None and name not in inverted
                      else float(ev.fixed_threshold))
    out = {"method": ev.threshold, "value": values, "chosen_on": "val"}
    if fixed:
        out["fixed_labels"] = fixed
    if inverted:
        out["below_chance_labels"] = inverted
        out["below_chance_upper"] = upper  # each one's Hanley-McNeil 95% upper bound
    if fixed or inverted:
        out["note"] = "; ".join(part for part in (
            f"{len(fixed)} label(s) have one class only on validation; their threshold is evaluate.fixed_threshold "
            f"({float(ev.fixed_threshold)})" if fixed else "",
            f"{len(inverted)} label(s) rank below chance on validation (AUROC under 0.5); their threshold is "
            f"evaluate.fixed_threshold ({float(ev.fixed_threshold)}), not tuned" if inverted else "") if part)
    return out


# fewer validation positives (or negatives) than this give no below-chance verdict: the label
# is too small to say (data.quality's class_too_small names it, from 10)
MIN_BELOW_CHANCE = 10


def auroc_upper(auroc: float, n_positive: int, n_negative: int, z: float = 1.959964) -> float:
    """The upper bound of the Hanley-McNeil (1982) normal interval of an AUROC measured on
    ``n_positive`` positives and ``n_negative`` negatives.

    >>> round(auroc_upper(0.483, 12, 24), 3), round(auroc_upper(0.2, 40, 60), 3)
    (0.685, 0.285)
    """
    q1, q2 = auroc / (2 - auroc), 2 * auroc ** 2 / (1 + auroc)
    var = (auroc * (1 - auroc) + (n_positive - 1) * (q1 - auroc ** 2)
           + (n_negative - 1) * (q2 - auroc ** 2)) / max(n_positive * n_negative, 1)
    return float(auroc + z * np.sqrt(max(var, 0.0)))


def below_chance_bound(y: np.ndarray, auroc: float) -> float | None:
    """The upper bound of the 95% interval of an AUROC under 0.5 when it is below chance beyond
    doubt (enough of both values, the bound itself under 0.5); None otherwise: a validation
    label's threshold (:func:`threshold_rule`) and an external site's labels
    (:func:`~mednn.evaluation.skill.labels_reversed_findings`)."""
    if auroc >= 0.5:
        return None
    n_positive, n_negative = int(np.sum(y == 1)), int(np.sum(y == 0))
    if min(n_positive, n_negative) < MIN_BELOW_CHANCE:
        return None
    bound = auroc_upper(auroc, n_positive, n_negative)
    return bound if bound < 0.5 else None
