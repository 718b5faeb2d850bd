"""The regression target scaler: standardised with training statistics, inverted at inference."""

from __future__ import annotations

import numpy as np

from ..errors import ModelError, NotFittedError, problem


class TargetScaler:
    """Standardise regression targets with training statistics (fit on train only).

    >>> scaler = TargetScaler().fit(y_train)  # doctest: +SKIP
    >>> values = scaler.inverse(network_outputs)  # doctest: +SKIP
    """

    def fit(self, y: np.ndarray) -> "TargetScaler":
        y = np.asarray(y, dtype=np.float64).reshape(len(y), -1)
        self.mean_ = np.nanmean(y, axis=0)
        std = np.nanstd(y, axis=0)
        self.std_ = np.where(std > 0, std, 1.0)
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "mean_"):
            raise NotFittedError("TargetScaler is used before fit(); call fit(train_targets) first")

    def transform(self, y: np.ndarray) -> np.ndarray:
        self._check_fitted()
        y = np.asarray(y, dtype=np.float64).reshape(len(y), -1)
        return ((y - self.mean_) / self.std_).astype(np.float32)

    def inverse(self, y: np.ndarray) -> np.ndarray:
        self._check_fitted()
        return np.asarray(y, dtype=np.float64) * self.std_ + self.mean_

    def state_dict(self) -> dict:
        self._check_fitted()
        return {"mean": self.mean_.tolist(), "std": self.std_.tolist()}

    @classmethod
    def from_state(cls, state: dict) -> "TargetScaler":
        """A fitted scaler from :meth:`state_dict`; values that are not finite (or a standard
        deviation that is not positive) are refused: they would turn every prediction into NaN."""
        s = cls()
        try:
            s.mean_ = np.asarray(state["mean"], dtype=np.float64).reshape(-1)
            s.std_ = np.asarray(state["std"], dtype=np.float64).reshape(-1)
        except (KeyError, TypeError, ValueError):
            raise ModelError(problem("The target scaler's state is not {'mean': [...], 'std': [...]}",
                                     fix="retrain the run")) from None
        if s.mean_.shape != s.std_.shape or not (np.isfinite(s.mean_).all() and np.isfinite(s.std_).all()
                                                 and (s.std_ > 0).all()):
            raise ModelError(problem("The target scaler's mean and standard deviation must be finite "
                                     "(and the deviation positive), one per output", fix="retrain the run"))
        return s
