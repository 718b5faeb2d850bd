"""Split conformal prediction: prediction sets (classes) and intervals (regression) with a
coverage guarantee, fitted on the validation split.

For exchangeable patients, a set built at ``coverage = 1 - alpha`` contains the true class of a
new patient with probability at least ``1 - alpha`` (Vovk et al.; Angelopoulos & Bates, "A
gentle introduction to conformal prediction", 2021). The guarantee is marginal: over patients,
not for each one, which is why the per-subgroup coverage is reported beside it.

- ``lac`` (least ambiguous classifier): score ``1 - p(true class)``; sets hold every class
  with ``p >= 1 - q`` (or the most probable class where none reaches it). Smallest sets on
  average.
- ``aps`` (adaptive prediction sets): score = the probability mass of the classes ranked at
  or above the true one; sets grow where the model is unsure. Deterministic (no random tie
  breaking), so coverage is at least, not exactly, the target.
- regression: absolute residuals in the target's units; interval ``prediction +- q``.

:class:`ConformalPredictor` follows the scikit-learn contract (``fit`` on validation
probabilities and targets, learnt ``quantile_``); :func:`coverage_summary` measures it on test.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import ConfigError, NotFittedError, problem
from .intervals import wilson_interval

METHODS = ("lac", "aps")


def _class_probabilities(kind: str, prob: np.ndarray) -> np.ndarray:
    prob = np.asarray(prob, dtype=np.float64)
    if kind == "binary":
        p = prob.reshape(-1)
        return np.column_stack([1 - p, p])
    return prob


def _aps_scores(prob: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Mass of the classes ranked at or above ``labels`` (ties ranked by class order)."""
    true_p = prob[np.arange(len(labels)), labels]
    above = (prob > true_p[:, None]) | ((prob == true_p[:, None]) & (np.arange(prob.shape[1]) <= labels[:, None]))
    return (prob * above).sum(axis=1)


def conformal_rank(n: int, coverage: float) -> int:
    """The 1-based rank ceil((n + 1) * coverage) among n sorted scores: the finite-sample
    correction (n + 1 or more: too few scores for this coverage)."""
    return int(np.ceil((n + 1) * coverage))


def conformal_quantile(scores: np.ndarray, coverage: float) -> float:
    """The ceil((n + 1) * coverage) / n empirical quantile (:func:`conformal_rank`)."""
    scores = np.sort(np.asarray(scores, dtype=np.float64))
    n = len(scores)
    rank = conformal_rank(n, coverage)
    if rank > n:  # too few validation patients for this coverage: the set must hold everything
        return float("inf")
    return float(scores[rank - 1])


class ConformalPredictor:
    """Prediction sets / intervals at a target coverage, fitted on validation data.

    >>> rng = np.random.default_rng(0)
    >>> p = rng.dirichlet([1, 1, 1], 500); y = np.array([rng.choice(3, p=row) for row in p])
    >>> cp = ConformalPredictor(coverage=0.9, task_kind="multiclass").fit(p, y)
    >>> sets = cp.predict_sets(p)
    >>> bool(np.mean(sets[np.arange(500), y]) >= 0.88)
    True
    """

    def __init__(self, coverage: float = 0.9, method: str = "lac", task_kind: str = "multiclass"):
        self.coverage = coverage
        self.method = method
        self.task_kind = task_kind

    def fit(self, prob: np.ndarray, y: np.ndarray) -> "ConformalPredictor":
        """Learn the score quantile on (validation) probabilities / predictions and targets; returns self."""
        kind = self.task_kind
        if not 0.0 < float(self.coverage) < 1.0:
            raise ConfigError(problem("evaluate.conformal.coverage is out of range", got=self.coverage,
                                      expected="a number in (0, 1), e.g. 0.9"))
        if self.method not in METHODS:
            raise ConfigError(problem(f"Unknown conformal method {self.method!r}", expected=", ".join(METHODS),
                                      fix="set evaluate.conformal.method"))
        if kind == "multilabel":
            raise ConfigError(problem("Conformal sets are not built for multilabel tasks",
                                      fix="set evaluate.conformal.coverage: null"))
        y = np.asarray(y)
        if kind == "regression":
            pred = np.asarray(prob, dtype=np.float64).reshape(len(y), -1)
            target = y.astype(np.float64).reshape(len(y), -1)
            self.quantile_ = [conformal_quantile(np.abs(target[m, j] - pred[m, j]), self.coverage)
                              for j in range(target.shape[1]) for m in [~np.isnan(target[:, j])]]
        else:
            p = _class_probabilities(kind, prob)
            labels = y.astype(int)
            scores = 1 - p[np.arange(len(labels)), labels] if self.method == "lac" else _aps_scores(p, labels)
            self.quantile_ = conformal_quantile(scores, self.coverage)
        self.kind_ = kind
        self.n_calibration_ = int(len(y))
        return self

    def _check(self) -> None:
        if not hasattr(self, "quantile_"):
            raise NotFittedError("ConformalPredictor is not fitted; call fit(val_prob, val_y) first")

    def predict_sets(self, prob: np.ndarray) -> np.ndarray:
        """Boolean (n, k): class j is in the set of patient i."""
        self._check()
        p = _class_probabilities(self.kind_, prob)
        q = self.quantile_
        if self.method == "lac":
            sets = p >= 1 - q - 1e-12
            # an empty set (no class plausible enough) is shown as the most probable class: a
            # larger set only raises coverage, and a clinician is never handed "no diagnosis"
            empty = ~sets.any(axis=1)
            sets[empty, p[empty].argmax(axis=1)] = True
            return sets
        order = np.argsort(-p, axis=1, kind="stable")
        ranked = np.take_along_axis(p, order, axis=1)
        # class j is in the set exactly when its score (the mass ranked at or above it) is <= q,
        # the rule the quantile was fitted with
        keep_ranked = np.cumsum(ranked, axis=1) <= q + 1e-12
        keep_ranked[:, 0] = True  # never an empty set
        sets = np.zeros_like(keep_ranked)
        np.put_along_axis(sets, order, keep_ranked, axis=1)
        return sets

    def predict_intervals(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(lower, upper) arrays of shape (n, targets) for regression."""
        self._check()
        v = np.asarray(values, dtype=np.float64).reshape(len(values), -1)
        q = np.asarray(self.quantile_, dtype=np.float64)
        return v - q, v + q

    def state_dict(self) -> dict[str, Any]:
        self._check()
        q = self.quantile_
        return {"coverage": self.coverage, "method": self.method, "kind": self.kind_,
                "n_calibration": self.n_calibration_,
                "quantile": [None if np.isinf(v) else v for v in q] if isinstance(q, list)
                else (None if np.isinf(q) else q)}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> "ConformalPredictor":
        cp = cls(coverage=float(state["coverage"]), method=str(state["method"]), task_kind=str(state["kind"]))
        q = state["quantile"]
        cp.quantile_ = [float("inf") if v is None else float(v) for v in q] if isinstance(q, list) \
            else (float("inf") if q is None else float(q))
        cp.kind_, cp.n_calibration_ = str(state["kind"]), int(state.get("n_calibration", 0))
        return cp


def coverage_summary(cp: ConformalPredictor, prob: np.ndarray, y: np.ndarray, *, class_names=None,
                     groups: dict[str, np.ndarray] | None = None, confidence: float = 0.95) -> dict[str, Any]:
    """Empirical coverage on test (Wilson CI), set sizes / interval widths, per-subgroup coverage."""
    y = np.asarray(y)
    if cp.kind_ == "regression":
        lower, upper = cp.predict_intervals(prob)
        t = y.astype(np.float64).reshape(len(y), -1)
        mask = ~np.isnan(t)
        covered_cells = (t >= lower) & (t <= upper)
        covered = np.where(mask, covered_cells, True).all(axis=1)
        widths = (upper - lower)[:, 0]
        extra: dict[str, Any] = {"interval_width": [None if np.isinf(w) else float(w) for w in (upper - lower)[0]]}
    else:
        sets = cp.predict_sets(prob)
        covered = sets[np.arange(len(y)), y.astype(int)]
        sizes = sets.sum(axis=1)
        widths = sizes
        names = list(class_names or range(sets.shape[1]))
        extra = {
            "set_size": {"mean": float(sizes.mean()) if len(sizes) else None,
                         "distribution": {str(k): int((sizes == k).sum()) for k in range(1, sets.shape[1] + 1)}},
            "singleton_fraction": float((sizes == 1).mean()) if len(sizes) else None,
            "class_names": [str(c) for c in names],
        }
    k, n = int(covered.sum()), int(len(covered))
    out = {"target_coverage": cp.coverage, "method": cp.method if cp.kind_ != "regression" else "absolute residual",
           "n_calibration": cp.n_calibration_,
           "coverage": {"value": k / n if n else None, "ci95": list(wilson_interval(k, n, confidence)) if n else None}, **extra}
    if groups:
        out["subgroups"] = {}
        for column, values in groups.items():
            values = np.asarray(values).astype(str)
            out["subgroups"][column] = {
                g: {"n": int((values == g).sum()),
                    "coverage": float(covered[values == g].mean()),
                    "mean_size": float(np.mean(widths[values == g]))}
                for g in sorted(set(values))
            }
    return out


def referral_curve(correct: np.ndarray, uncertainty: np.ndarray, steps: int = 11) -> list[dict[str, float]]:
    """Accuracy of the cases the model keeps when the most uncertain fraction is referred to a
    clinician: one point per referred fraction 0, 0.1, ..., (steps - 1) / steps... up to 0.9."""
    correct = np.asarray(correct, dtype=np.float64)
    order = np.argsort(-np.asarray(uncertainty, dtype=np.float64), kind="stable")  # most uncertain first
    n = len(correct)
    points = []
    for i in range(steps - 1):
        fraction = i / (steps - 1)
        referred = int(round(fraction * n))
        kept = order[referred:]
        if len(kept) == 0:
            break
        points.append({"referred": fraction, "n_kept": int(len(kept)), "accuracy_kept": float(correct[kept].mean())})
    return points
