"""Probability calibration: temperature scaling, and the reliability curve that shows it.

:class:`TemperatureScaler` learns one temperature T > 0 on validation logits (minimising
the negative log-likelihood of ``logits / T``); ``transform`` turns logits into calibrated
probabilities. One T keeps the ranking of the scores, so AUROC does not change, only the
confidence. State round-trips through ``to_dict`` / ``from_dict`` (JSON, no pickle).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import ConfigError, DataError, NotFittedError, problem
from . import _kernels as K
from .metrics import calibration_inputs

CLASSIFICATION_KINDS = ("binary", "multiclass", "multilabel")


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.exp(-np.logaddexp(0.0, -z))  # no overflow for large |z|


def _softmax(z: np.ndarray) -> np.ndarray:
    shifted = z - z.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)


def _check_logits(logits: Any, task_kind: str) -> np.ndarray:
    z = np.asarray(logits, dtype=np.float64)
    if task_kind == "binary" and z.ndim == 2 and z.shape[1] == 1:
        z = z[:, 0]
    expected = "(n,) or (n, 1)" if task_kind == "binary" else "(n, n_outputs)"
    if z.ndim != (1 if task_kind == "binary" else 2):
        raise DataError(problem(f"Logits of a {task_kind} task must have shape {expected}", got=f"shape {z.shape}"))
    if not np.all(np.isfinite(z)):
        raise DataError(problem("The logits contain NaN or infinite values",
                                fix="check the model's outputs (a diverged training run gives NaN)"))
    return z


class TemperatureScaler:
    """Temperature scaling (Guo et al., 2017) with the scikit-learn contract.

    >>> rng = np.random.default_rng(0)
    >>> y = rng.integers(0, 2, 2000)
    >>> x = 2.0 * y - 1.0 + rng.normal(size=2000)  # calibrated logit: 2x
    >>> scaler = TemperatureScaler("binary").fit(6.0 * x, y)  # 3x over-confident
    >>> bool(2.5 < scaler.temperature_ < 3.5)
    True
    """

    def __init__(self, task_kind: str = "binary", *, min_temperature: float = 0.01, max_temperature: float = 100.0):
        self.task_kind = task_kind
        self.min_temperature = min_temperature
        self.max_temperature = max_temperature

    def fit(self, logits: np.ndarray, y_true: np.ndarray) -> "TemperatureScaler":
        """Learn ``temperature_`` on (validation) logits and targets of ``task_kind``; returns self."""
        from scipy.optimize import minimize_scalar

        task_kind = self.task_kind

        if task_kind not in CLASSIFICATION_KINDS:
            raise ConfigError(problem(f"Temperature scaling applies to classification, not {task_kind!r}",
                                      fix="set evaluate.calibrate: none"))
        if not 0.0 < self.min_temperature < self.max_temperature:
            raise ConfigError(problem("TemperatureScaler needs 0 < min_temperature < max_temperature",
                                      got=(self.min_temperature, self.max_temperature)))
        z = _check_logits(logits, task_kind)
        nll = self._objective(z, y_true, task_kind)
        # NLL is convex in 1/T, hence unimodal in log T: a bounded Brent search finds the optimum.
        found = minimize_scalar(nll, bounds=(np.log(self.min_temperature), np.log(self.max_temperature)),
                                method="bounded", options={"xatol": 1e-7})
        self.temperature_ = float(np.exp(found.x))
        self.task_kind_ = task_kind
        self.nll_before_ = float(nll(0.0))
        self.nll_after_ = float(found.fun)
        return self

    @staticmethod
    def _objective(z: np.ndarray, y_true: Any, task_kind: str):
        """Mean NLL of ``z / exp(log_t)`` as a function of log T (float64 throughout)."""
        y = np.asarray(y_true, dtype=np.float64)
        if len(y) != len(z) or len(z) == 0:
            raise DataError(problem("Temperature scaling needs as many targets as logits, at least one",
                                    got=f"{len(y)} targets and {len(z)} logits"))
        if task_kind == "multiclass":
            if y.ndim != 1 or np.any(y != np.round(y)) or y.min() < 0 or y.max() >= z.shape[1]:
                raise DataError(problem(f"Multiclass targets must be class indices 0..{z.shape[1] - 1}",
                                        got=f"shape {y.shape}"))
            picked = z[np.arange(len(z)), y.astype(np.int64)]

            def nll(log_t: float) -> float:
                scale = np.exp(-log_t)
                scaled = z * scale
                top = scaled.max(axis=1)
                log_norm = top + np.log(np.exp(scaled - top[:, None]).sum(axis=1))
                return float(np.mean(log_norm - picked * scale))

            return nll
        if y.shape != z.shape:
            raise DataError(problem(f"{task_kind.capitalize()} targets must have the shape of the logits",
                                    got=f"{y.shape} and {z.shape}"))
        present = ~np.isnan(y)  # multilabel: a missing label is left out of the likelihood
        if not np.all((y[present] == 0) | (y[present] == 1)) or not present.any():
            raise DataError(problem(f"{task_kind.capitalize()} targets must be 0 or 1 (NaN = missing label)"))
        z_p, y_p = z[present], y[present]

        def nll(log_t: float) -> float:
            scaled = z_p * np.exp(-log_t)
            return float(np.mean(np.logaddexp(0.0, scaled) - y_p * scaled))

        return nll

    def transform(self, logits: np.ndarray) -> np.ndarray:
        """Calibrated probabilities: binary (n,) = P(positive), multiclass (n, C), multilabel (n, L)."""
        self._check_fitted()
        z = _check_logits(logits, self.task_kind_) / self.temperature_
        return _softmax(z) if self.task_kind_ == "multiclass" else _sigmoid(z)

    def _check_fitted(self) -> None:
        if not hasattr(self, "temperature_"):
            raise NotFittedError("TemperatureScaler is used before fit(); call fit(val_logits, val_targets)")

    def to_dict(self) -> dict[str, Any]:
        """JSON state: ``{"method", "temperature", "task_kind", "nll_before", "nll_after"}``."""
        self._check_fitted()
        return {"method": "temperature", "temperature": self.temperature_, "task_kind": self.task_kind_,
                "nll_before": self.nll_before_, "nll_after": self.nll_after_}

    @classmethod
    def from_dict(cls, state: dict[str, Any]) -> "TemperatureScaler":
        """Rebuild a fitted scaler from :meth:`to_dict` output."""
        try:
            scaler = cls(str(state["task_kind"]))
            scaler.temperature_ = float(state["temperature"])
            scaler.task_kind_ = str(state["task_kind"])
            scaler.nll_before_ = float(state.get("nll_before", np.nan))
            scaler.nll_after_ = float(state.get("nll_after", np.nan))
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(problem("The calibration state is incomplete", got=f"{type(exc).__name__}",
                                    expected="keys 'temperature' and 'task_kind'")) from None
        if not scaler.temperature_ > 0 or scaler.task_kind_ not in CLASSIFICATION_KINDS:
            raise DataError(problem("The calibration state is invalid",
                                    expected="temperature > 0 and a classification task"))
        return scaler


def reliability_curve(y_true: np.ndarray, prob: np.ndarray, n_bins: int = 15) -> dict[str, np.ndarray]:
    """Equal-width bins of confidence for a reliability diagram.

    Binary (prob (n,) = P(positive)): mean P(positive) against the fraction of positives per
    bin; multiclass (prob (n, C)): top-class confidence against accuracy. Returns
    ``bin_edges`` (n_bins + 1,), ``confidence`` and ``accuracy`` (n_bins,; NaN for an empty
    bin) and ``count`` (n_bins,). ``sum(count * |confidence - accuracy|) / n`` is the ECE.

    >>> curve = reliability_curve(np.array([0, 1, 1]), np.array([0.1, 0.8, 0.9]), n_bins=2)
    >>> curve["count"].tolist(), curve["accuracy"].tolist()
    ([1, 2], [0.0, 1.0])
    """
    if not isinstance(n_bins, (int, np.integer)) or n_bins < 1:
        raise ConfigError(problem("The number of calibration bins must be a positive integer", got=n_bins))
    y = np.asarray(y_true)
    prob = np.asarray(prob, dtype=np.float64)
    if len(y) != len(prob) or prob.ndim not in (1, 2):
        raise DataError(problem("reliability_curve() needs y_true (n,) and probabilities (n,) or (n, C)",
                                got=f"shapes {y.shape} and {prob.shape}"))
    confidence, outcome = calibration_inputs(y.astype(np.int64), prob)
    count, conf_sum, outcome_sum = K.Grouping(K.calibration_bins(confidence, n_bins), n_bins,
                                              confidence, outcome)(K.ones(len(y)))
    return {
        "bin_edges": np.linspace(0.0, 1.0, n_bins + 1),
        "confidence": K.divide(conf_sum[0], count[0]),
        "accuracy": K.divide(outcome_sum[0], count[0]),
        "count": count[0].astype(np.int64),
    }
