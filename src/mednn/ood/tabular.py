"""``table_ranges``: is a row unlike the training rows, column by column or as a whole?

Three components on the featurized row (numbers standardised, categories one-hot, as the
network sees it):

- ``columns_out_of_range``: how many columns lie outside their robust training range, the
  0.5%-99.5% training quantiles widened by a quarter of their span on each side (a column that
  was constant in training is out of range at any other value). A cholesterol of 0 where
  training never went below 3 mmol/L is one such column.
- ``column_gap``: the emptiest neighbourhood among the columns: per column, the half-width of
  the interval around the value that holds about 1.5% of the training values (a 1-D nearest-neighbour
  distance on a 257-point quantile sketch), over its 95th percentile on the training rows, log
  scale, largest over the columns. It sees values inside the range but where training had
  (almost) none: glucose in mmol/L (4-11) in a file whose glucose is in mg/dL (44-199) and 0
  where missing.
- ``mahalanobis``: the Mahalanobis distance from the training mean, with the Ledoit-Wolf
  shrinkage covariance (well defined with more columns than rows and with one-hot columns),
  which catches rows whose columns are each plausible but whose combination is not.

Only summaries of the training rows are kept (quantiles, mean, precision matrix), never a row.
"""

from __future__ import annotations

import numpy as np

from ..errors import ConfigError, problem
from .base import OOD_SCORERS, OODInputs, OODScorer, as_matrix, mahalanobis, shrunk_precision

MAX_FULL_COVARIANCE = 1024  # columns; above, a diagonal covariance (a d x d matrix grows as d^2)
SKETCH_POINTS = 257  # quantiles per column at 0, 1/256, ..., 1
GAP_POINT = 4  # the 4th nearest of 257 quantiles: about 1.5% of the training values around a value


@OOD_SCORERS.register("table_ranges")
class TableRangeScorer(OODScorer):
    """Columns out of their robust training range + Mahalanobis distance (Ledoit-Wolf).

    >>> rng = np.random.default_rng(0)
    >>> s = TableRangeScorer().fit(OODInputs(features=rng.normal(size=(300, 4))),
    ...                            OODInputs(features=rng.normal(size=(100, 4))))
    >>> bool(s.predict(OODInputs(features=np.array([[0.0, 0.0, 0.0, 40.0]])))[0])
    True
    """

    name = "table_ranges"
    needs = ("features",)
    components = ("columns_out_of_range", "column_gap", "mahalanobis")
    floors = (0.5, 1e-9, 1e-9)  # one column out of range scores 2 when validation has (almost) none
    learnt = ("low_", "high_", "sketch_", "gap_scale_", "mean_", "precision_")

    def __init__(self, fpr: float = 0.05, quantile: float = 0.005, margin: float = 0.25,
                 max_rows: int = 100_000, seed: int = 0):
        super().__init__(fpr)
        self.quantile = quantile
        self.margin = margin
        self.max_rows = max_rows
        self.seed = seed

    def _check_params(self) -> None:
        super()._check_params()
        if not 0 <= self.quantile < 0.5:
            raise ConfigError(problem("The 'quantile' parameter of TableRangeScorer must be in [0, 0.5)",
                                      got=self.quantile))
        if not 0 <= self.margin <= 10:
            raise ConfigError(problem("The 'margin' parameter of TableRangeScorer must be in [0, 10]", got=self.margin))

    def _fit_reference(self, train: OODInputs) -> None:
        x = as_matrix(train.features, "features")
        if len(x) > self.max_rows:  # its own generator: the training RNG is never touched
            x = x[np.sort(np.random.default_rng(self.seed).choice(len(x), self.max_rows, replace=False))]
        x = np.where(np.isfinite(x), x, np.nan)
        low, high = np.nanquantile(x, [self.quantile, 1 - self.quantile], axis=0)
        span = high - low
        self.low_ = np.nan_to_num(low - self.margin * span)
        self.high_ = np.nan_to_num(high + self.margin * span)
        x = np.where(np.isnan(x), np.nanmean(x, axis=0), x)
        x = np.nan_to_num(x)
        self.sketch_ = np.quantile(x, np.linspace(0, 1, SKETCH_POINTS), axis=0)
        # each column's gap over its 95th percentile on the training rows; at least 1% of its range
        floor = 0.01 * (self.sketch_[-1] - self.sketch_[0]) + 1e-9
        self.gap_scale_ = np.maximum(np.quantile(self._gaps(x), 0.95, axis=0), floor)
        self.mean_ = x.mean(axis=0)
        self.precision_ = shrunk_precision(x, MAX_FULL_COVARIANCE)

    def _components(self, x: OODInputs) -> np.ndarray:
        values = as_matrix(x.features, "features")
        if values.shape[1] != len(self.mean_):
            from ..errors import DataError

            raise DataError(problem("The featurized records do not have the columns the scorer was fitted on",
                                    got=values.shape[1], expected=str(len(self.mean_))))
        finite = np.isfinite(values)
        tolerance = 1e-6 * (1 + np.maximum(np.abs(self.low_), np.abs(self.high_)))
        outside = ~finite | (values < self.low_ - tolerance) | (values > self.high_ + tolerance)
        centred = np.where(finite, values, self.mean_) - self.mean_
        gap = np.log1p(self._gaps(centred + self.mean_) / self.gap_scale_).max(axis=1)
        return np.column_stack([outside.sum(axis=1).astype(np.float64), gap, mahalanobis(centred, self.precision_)])

    def _gaps(self, values: np.ndarray) -> np.ndarray:
        """Per record and column: the distance to the GAP_POINT-th nearest of the column's sketch
        points (they are sorted, so the nearest ones lie within GAP_POINT places of the value's)."""
        n_points = len(self.sketch_)
        window = np.arange(2 * GAP_POINT)
        out = np.empty(values.shape)
        for j in range(values.shape[1]):
            start = np.clip(np.searchsorted(self.sketch_[:, j], values[:, j]) - GAP_POINT, 0, n_points - 2 * GAP_POINT)
            index = start[:, None] + window[None, :]
            distance = np.abs(values[:, j, None] - self.sketch_[index, j])
            out[:, j] = np.partition(distance, GAP_POINT - 1, axis=1)[:, GAP_POINT - 1]
        return out

    def _check_reference(self) -> None:
        d = len(self.mean_)
        if np.shape(self.low_) != (d,) or np.shape(self.high_) != (d,):
            raise ValueError("range shape")
        if np.shape(self.precision_) not in ((d,), (d, d)):
            raise ValueError("precision shape")
        if np.shape(self.sketch_) != (SKETCH_POINTS, d) or np.shape(self.gap_scale_) != (d,):
            raise ValueError("sketch shape")

    def out_of_range_columns(self, x: OODInputs) -> np.ndarray:
        """How many records have each featurized column out of its training range (counts)."""
        self.check_fitted()
        values = as_matrix(x.features, "features")
        return ((values < self.low_) | (values > self.high_) | ~np.isfinite(values)).sum(axis=0)
