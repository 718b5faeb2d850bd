"""A site's columns checked against the training profile: one row per flagged column and check,
one ``dataset_shift`` finding per check and severity.

Checks (thresholds in :data:`THRESHOLDS`, documented in ``docs/external-validation.md``):

- ``missing``: the column is missing in a larger share of the site's rows than in training;
- ``all_zero``: every value at the site is 0, which training makes unlikely (missing written as 0);
- ``constant``: one value in every site row, which training makes unlikely;
- ``zeros``: many more zeros than in training;
- ``out_of_range``: values outside the training range (0.5th to 99.5th percentile);
- ``unseen_categories``: categories never seen in training (counted by their hashed keys);
- ``distance``: the distribution differs (PSI over the training quantile bins, and a chi-square
  test so that a small site's noise is not called shift).

Rows and messages hold column names, counts and shares, never a value from the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ...errors import plural
from .sketch import MIN_VALUES, categorical_site_counts, distance, numeric_site_counts, value_share

# (info, warning): the smallest statistic that makes a row a note and a warning
THRESHOLDS: dict[str, tuple[float, float]] = {
    "missing": (0.05, 0.20),  # rise of the missing share (site - training)
    "zeros": (0.02, 0.10),  # rise of the zero share among present values
    "out_of_range": (0.05, 0.20),  # share of present site values outside the training range (expected ~1%)
    # share of present site values of a category unseen in training: each such row gets an all-zero
    # one-hot block, so a renamed category in a few percent of the rows is a warning already
    "unseen_categories": (0.0, 0.02),
    "distance": (0.10, 0.25),  # population stability index
}
# a share, distance or single value counts only when chance (binomial / chi-square test against the
# training statistic) is below this over all the columns checked (Bonferroni: P_VALUE / columns), so
# a small site's noise is not a shift and a wide table does not raise alarms by its width alone
P_VALUE = 0.001
OUTSIDE_RANGE = 0.01  # the training share outside its own 0.5-99.5% range
MIN_ROWS = 5  # fewer affected rows never make a row (one odd record is not a shifted site)
UNSEEN_ROWS = 20  # this many rows of unseen categories are a warning whatever their share
_RANK = {"ok": 0, "info": 1, "warning": 2}


@dataclass(frozen=True)
class ShiftRow:
    """One flagged check of one column: the statistic in training and at the site."""

    column: str
    check: str
    statistic: str
    training: float | None
    site: float | None
    count: int
    n: int
    severity: str

    def to_dict(self) -> dict[str, Any]:
        return {"column": self.column, "check": self.check, "statistic": self.statistic, "training": self.training,
                "site": self.site, "count": self.count, "n": self.n, "severity": self.severity}


def _grade(check: str, value: float, count: int) -> str:
    info, warning = THRESHOLDS[check]
    if count < MIN_ROWS or value <= 0 and info == 0:
        return "ok"
    if check == "unseen_categories" and count >= UNSEEN_ROWS:
        return "warning"
    return "warning" if value >= warning else ("info" if value >= info else "ok")


def _unlikely(count: int, n: int, share: float, n_train: int, alpha: float) -> bool:
    """``count`` of ``n`` site rows or more is unlikely (below ``alpha``) if each has the
    training ``share`` (estimated from ``n_train`` rows: half a row added, so a share of 0 seen
    in a finite training set is not taken as impossible)."""
    from scipy.stats import binom

    if n == 0 or count == 0:
        return False
    p = min(1.0, (share * n_train + 0.5) / (n_train + 1))
    return float(binom.sf(count - 1, n, p)) < alpha


def _capped(severity: str, option: dict[str, Any]) -> str:
    cap = option.get("max_severity")
    return cap if cap is not None and _RANK[severity] > _RANK[cap] else severity


class _Column:
    """The checks of one column, collecting its flagged rows."""

    def __init__(self, name: str, profile: dict[str, Any], values: np.ndarray, option: dict[str, Any],
                 alpha: float):
        self.name, self.profile, self.option, self.alpha = name, profile, option, alpha
        self.values = values
        self.rows: list[ShiftRow] = []

    def add(self, check: str, statistic: str, training, site, count: int, n: int, severity: str) -> None:
        severity = _capped(severity, self.option)
        if severity != "ok":
            self.rows.append(ShiftRow(self.name, check, statistic, _number(training), _number(site), int(count),
                                      int(n), severity))

    def missing(self, n_missing: int) -> None:
        if "missing" in self.option.get("skip", ()):
            return
        n = self.values.size
        site = n_missing / n if n else 0.0
        trained = float(self.profile.get("missing") or 0.0)
        rise = site - trained
        if rise <= 0 or not _unlikely(n_missing, n, trained, self.profile["n"], self.alpha):
            return
        grade = "warning" if n_missing == n else _grade("missing", rise, n_missing)
        self.add("missing", "missing share", trained, site, n_missing, n, grade)

    def single_value(self, value: Any, n: int) -> bool:
        """Every site value is ``value``: a row (all_zero / constant) when training makes that less
        likely than ``alpha`` (its share to the power of the site's values); True if flagged."""
        if "constant" in self.option.get("skip", ()):
            return False
        share = value_share(self.profile, self.name, value)
        if share ** n >= self.alpha or (share == 0 and self.profile["kind"] == "categorical"):  # unseen: said below
            return False
        if self.profile["kind"] == "numeric" and value == 0 and not _binary(self.profile):
            self.add("all_zero", "zero share", self.profile.get("zero"), 1.0, n, n, "warning")
        else:
            self.add("constant", "share of the site's one value", share, 1.0, n, n, "warning")
        return True

    def distance(self, train_shares: np.ndarray, site_counts: np.ndarray, n_train_present: int) -> None:
        n = int(site_counts.sum())
        if n < MIN_VALUES or n_train_present < MIN_VALUES:
            return
        psi, p = distance(train_shares, n_train_present, site_counts)
        if p < self.alpha:
            self.add("distance", "population stability index", 0.0, psi, n, n, _grade("distance", psi, n))


def _binary(profile: dict[str, Any]) -> bool:
    """A 0/1 column in training (sex, a yes/no flag): its 0 is a value, not a missing value
    written as 0, so a site of all 0s is ``constant``, not ``all_zero``. Told by the training
    profile's range and bin edges (runs saved before this check have them too)."""
    seen = set(profile.get("bin_edges") or []) | set(profile.get("range") or [])
    return bool(seen) and seen <= {0.0, 1.0}


def _number(value: Any) -> float | None:
    if value is None:
        return None
    value = float(value)
    return round(value, 6) if np.isfinite(value) else None


def _numeric(column: _Column) -> None:
    values = np.asarray(column.values, dtype=np.float64)
    present = values[np.isfinite(values)]
    profile = column.profile
    column.missing(values.size - present.size)
    if present.size < MIN_ROWS:
        return
    zero_train = float(profile.get("zero") or 0.0)
    zeros = int((present == 0).sum())
    if present.min() == present.max() and column.single_value(float(present[0]), present.size):
        return  # the range and the distance would only repeat it
    n_train = round(profile["n"] * (1 - float(profile.get("missing") or 0.0)))
    rise = zeros / present.size - zero_train
    if rise > 0 and _unlikely(zeros, present.size, zero_train, n_train, column.alpha):
        column.add("zeros", "zero share", zero_train, zeros / present.size, zeros, present.size,
                   _grade("zeros", rise, zeros))
    if profile.get("range") is None or present.size < MIN_VALUES:
        return
    low, high = profile["range"]
    outside = int(((present < low) | (present > high)).sum())
    if _unlikely(outside, present.size, OUTSIDE_RANGE, n_train, column.alpha):
        column.add("out_of_range", "share outside the training 0.5-99.5% range", OUTSIDE_RANGE,
                   outside / present.size, outside, present.size,
                   _grade("out_of_range", outside / present.size, outside))
    column.distance(np.asarray(profile["bin_shares"]), numeric_site_counts(profile, present), n_train)


def _categorical(column: _Column) -> None:
    texts = [t for t in np.asarray(column.values, dtype=object).tolist()]
    present = [t for t in texts if isinstance(t, str)]
    profile = column.profile
    column.missing(len(texts) - len(present))
    if len(present) < MIN_ROWS:
        return
    shares, counts, unseen_rows, unseen = categorical_site_counts(profile, column.name, present)
    if len(set(present)) == 1 and column.single_value(present[0], len(present)):
        return
    n_train = round(profile["n"] * (1 - float(profile.get("missing") or 0.0)))
    expected = float(profile.get("seen_once") or 0.0)  # the share of new samples with a new category
    if not profile.get("truncated") and _unlikely(unseen_rows, len(present), expected, n_train, column.alpha):
        column.add("unseen_categories", f"share of rows in {plural(unseen, 'unseen category')}",
                   expected, unseen_rows / len(present), unseen_rows, len(present),
                   _grade("unseen_categories", unseen_rows / len(present), unseen_rows))
    column.distance(shares, counts, n_train)


def compare_columns(profile: dict[str, Any], columns: dict[str, np.ndarray]) -> list[ShiftRow]:
    """The flagged rows of every profiled column the site has (in the profile's order)."""
    rows: list[ShiftRow] = []
    options = profile.get("options") or {}
    alpha = P_VALUE / max(1, sum(name in columns for name in profile["columns"]))
    for name, column_profile in profile["columns"].items():
        if name not in columns:
            continue
        column = _Column(name, column_profile, columns[name], options.get(name) or {}, alpha)
        (_categorical if column_profile["kind"] == "categorical" else _numeric)(column)
        rows += column.rows
    return rows
