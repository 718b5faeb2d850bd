"""The ``tabular`` featurizer: a table of raw columns -> a float32 matrix for an MLP.

Fitted on the training split only: numeric columns are imputed with their training median
and standardised with the training mean / standard deviation (population std, as
scikit-learn's StandardScaler; a constant column gets std 1); categorical (text) columns are
imputed with their most frequent training category and one-hot encoded over the training
categories (a category first seen at transform time becomes an all-zero block and is counted
in ``transform_report_``). ``min_frequency=k`` (default 1: every category) keeps a column only
for categories seen at least k times in training; the rarer ones share one ``<other>`` column
per categorical column, which a category first seen at transform time joins too (a column of
~700 ICD-9 codes, most seen a handful of times, then costs a few hundred inputs instead of
700). With ``missing="error"`` a missing value is refused instead of
imputed. A table lacking a training column is a DataError naming it, which is how
``mednn predict`` catches mismatched inputs; extra columns are ignored and reported.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from ..data.columns import category_strings, decimal_comma_hint
from ..errors import ConfigError, DataError
from ..errors import plural as _plural
from .base import FEATURIZERS, Featurizer




_FLOAT32_MAX = float(np.finfo(np.float32).max)
OTHER = "<other>"  # the shared column of the categories rarer than min_frequency
# pd.factorize merges values that compare equal (True, 1 and 1.0) although category_strings
# writes them apart ("True", "1"); columns whose values are of these kinds only cannot mix them
_FACTORIZE_SAFE = {"string", "integer", "floating", "mixed-integer-float", "boolean", "empty"}
_STATE_KEYS = ("columns", "numeric", "categorical", "median", "mean", "std", "categories", "mode", "missing", "scale")


def _as_frame(x: Any):
    """The raw table of a Dataset (or a DataFrame / 2-D array given directly) and a source name."""
    import pandas as pd

    source = "the input table"
    feature_names = None
    if hasattr(x, "inputs") and hasattr(x, "task"):  # a Dataset
        source = x.source or source
        feature_names = x.feature_names
        x = x.inputs
    if isinstance(x, pd.DataFrame):
        frame = x.copy()
        frame.columns = [str(c) for c in frame.columns]
        return frame.reset_index(drop=True), source
    if isinstance(x, np.ndarray) and x.ndim == 2:
        names = feature_names if feature_names and len(feature_names) == x.shape[1] else None
        return pd.DataFrame(x, columns=names or [str(i) for i in range(x.shape[1])]), source
    raise DataError(
        f"{source}: the tabular featurizer needs a table of columns; got {type(x).__name__}; "
        "fix: use a featurizer for this modality (featurize.name)"
    )


def _category_codes(series) -> tuple[np.ndarray, list[str]]:
    """Each row's index into a list of distinct category texts (-1: missing), the texts as
    :func:`~mednn.data.columns.category_strings` writes them. Formatting each distinct value
    once instead of each cell is what makes a 100,000-row table fast; two distinct values may
    share a text (``1`` and ``"1"``)."""
    import pandas as pd

    if pd.api.types.infer_dtype(series, skipna=True) in _FACTORIZE_SAFE:
        codes, uniques = pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=True)
        texts = category_strings(pd.Series(np.asarray(uniques, dtype=object), dtype=object)).tolist()
    else:  # mixed kinds: format every cell, then factorize the texts
        codes, uniques = pd.factorize(category_strings(series).to_numpy(dtype=object), use_na_sentinel=True)
        texts = [str(t) for t in uniques]
    return np.asarray(codes, dtype=np.int64), texts


def pd_index(values: list[str]):
    import pandas as pd

    return pd.Index(values, dtype=object)


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if np.isfinite(value) else None


def _same_number(known: list[str], texts: list[str], found: np.ndarray) -> np.ndarray:
    """``found`` (each text's index in ``known``, -1: none) with a text that is no known category
    matched to the one category that writes the same number: "1.01" (a CSV read as numbers) is
    the category "1.010" a run trained on ARFF's nominal values knows, and 1.010 sent as a JSON
    number is too. Categories writing one number twice ("1", "1.0") match nothing this way."""
    missed = [i for i, t in enumerate(texts) if found[i] < 0 and _number(t) is not None]
    if not missed:
        return found
    by_number: dict[float, int] = {}
    for j, text in enumerate(known):
        value = _number(text)
        if value is not None:
            by_number[value] = -1 if value in by_number else j  # -1: two categories, no match
    found = found.copy()
    for i in missed:
        found[i] = by_number.get(_number(texts[i]), -1)
    return found


@FEATURIZERS.register("tabular")
class TabularFeaturizer(Featurizer):
    """Standardise numeric columns, one-hot encode categorical ones, impute missing values.

    >>> f = TabularFeaturizer().fit(train)  # doctest: +SKIP
    >>> f.transform(test).shape, f.input_shape
    (torch.Size([114, 30]), (30,))

    ``missing="auto"`` takes the reader's ``data.missing`` policy recorded in
    ``Dataset.notes`` (``impute`` when there is none). ``categorical_columns=None`` treats
    every non-numeric column as categorical. ``min_frequency`` (``featurize.min_frequency``)
    pools categories seen fewer times in training into one ``<other>`` column per column.
    """

    name = "tabular"
    data_options = ("missing",)  # data.missing is the table featurizer's policy too

    def __init__(
        self,
        scale: bool = True,
        missing: Literal["auto", "impute", "error"] = "auto",
        categorical_columns: list[str] | None = None,
        min_frequency: int = 1,
    ):
        self.scale = scale
        self.missing = missing
        self.categorical_columns = categorical_columns
        self.min_frequency = min_frequency

    def params(self) -> dict[str, Any]:
        return {"scale": self.scale, "missing": self.missing, "categorical_columns": self.categorical_columns,
                "min_frequency": self.min_frequency}

    def reader_settings(self, data) -> dict[str, Any]:
        """New rows are read for the fitted columns (missing ones named, extra ones listed)."""
        columns = getattr(self, "columns_", None)
        if columns is None or data.feature_columns is not None:
            return {}
        return {"feature_columns": list(columns)}

    # ------------------------------------------------------------------ fit
    def _fit(self, train) -> None:
        import pandas as pd

        if self.missing not in ("auto", "impute", "error"):
            raise DataError(
                f"The 'missing' option of the tabular featurizer must be auto, impute or error; got {self.missing!r}"
            )
        if isinstance(self.min_frequency, bool) or not isinstance(self.min_frequency, int) or self.min_frequency < 1:
            raise ConfigError(
                f"featurize.min_frequency must be a whole number of at least 1; got {self.min_frequency!r}; "
                "fix: write e.g. featurize.min_frequency=10, or 1 to keep every category"
            )
        frame, source = _as_frame(train)
        if len(frame) == 0:
            raise DataError(f"{source}: the training split is empty; fix: check the split fractions")
        policy = self.missing
        if policy == "auto":
            notes = getattr(train, "notes", None) or {}
            policy = notes.get("missing_policy", "impute")
        explicit = list(self.categorical_columns or [])
        for name in explicit:
            if name not in frame.columns:
                raise DataError(
                    f"{source}: categorical column '{name}' is not a feature column; fix: correct featurize.categorical_columns"
                )
        self.missing_ = policy
        self.columns_ = list(frame.columns)
        self.categorical_ = [
            c for c in self.columns_
            if c in explicit or not (pd.api.types.is_numeric_dtype(frame[c]) or pd.api.types.is_bool_dtype(frame[c]))
        ]
        self.numeric_ = [c for c in self.columns_ if c not in self.categorical_]
        self.median_, self.mean_, self.std_ = [], [], []
        for name in self.numeric_:
            values = self._numeric_column(frame[name], name, source, getattr(train, "ids", None))
            absent = np.isnan(values)
            if absent.all():
                raise DataError(
                    f"{source}: column '{name}' has no value in the training split; "
                    "fix: drop it (data.drop_columns) or fill it in"
                )
            self._check_missing(name, int(absent.sum()), source)
            median = float(np.median(values[~absent]))
            values = np.where(absent, median, values)
            mean, std = float(values.mean()), float(values.std())
            # a constant column would divide by zero; it carries no information either way
            if not np.isfinite(std) or std <= 1e-12 * max(1.0, abs(mean)):
                std = 1.0
            self.median_.append(median)
            self.mean_.append(mean)
            self.std_.append(std)
        self.categories_: dict[str, list[str]] = {}
        self.rare_: dict[str, list[str]] = {}
        self.mode_: dict[str, str] = {}
        for name in self.categorical_:
            codes, texts = _category_codes(frame[name])
            present = codes >= 0
            counts: dict[str, int] = {}
            for text, k in zip(texts, np.bincount(codes[present], minlength=len(texts)).tolist()):
                counts[text] = counts.get(text, 0) + k
            if not counts:
                raise DataError(
                    f"{source}: column '{name}' has no value in the training split; "
                    "fix: drop it (data.drop_columns) or fill it in"
                )
            self._check_missing(name, int((~present).sum()), source)
            self.categories_[name] = sorted(c for c, k in counts.items() if k >= self.min_frequency)
            self.rare_[name] = sorted(c for c, k in counts.items() if k < self.min_frequency)
            top = max(counts.values())
            self.mode_[name] = sorted(c for c, k in counts.items() if k == top)[0]
        self.feature_names_ = self._feature_names()

    def _feature_names(self) -> list[str]:
        names: list[str] = []
        for name in self.columns_:
            if name in self.categories_:
                names.extend(f"{name}={c}" for c in self.categories_[name])
                if self.rare_.get(name):
                    names.append(f"{name}={OTHER}")
            else:
                names.append(name)
        return names

    def _check_missing(self, name: str, count: int, source: str) -> None:
        if count and self.missing_ == "error":
            raise DataError(
                f"{source}: column '{name}' has {_plural(count, 'missing value')}; "
                "fix: set data.missing: impute (featurize.missing: impute) or clean the file"
            )

    @staticmethod
    def _numeric_column(series, name: str, source: str, ids=None) -> np.ndarray:
        """``ids``: the records' ids, by which a refused cell's records are named (never its value)."""
        import pandas as pd

        values = pd.to_numeric(series, errors="coerce")
        refused = (values.isna() & series.notna()).to_numpy()
        bad = int(refused.sum())
        if bad:
            from ..findings import row_references

            where = f" ({row_references(ids, np.flatnonzero(refused))})" if ids is not None and len(ids) == len(
                refused) else ""
            raise DataError(
                f"{source}: numeric column '{name}' has {_plural(bad, 'non-numeric value')}{where}; "
                f"fix: {decimal_comma_hint(series)}clean those cells or mark them as missing (data.missing_values)"
            )
        values = values.to_numpy(dtype=np.float64)
        infinite = int(np.isinf(values).sum())
        if infinite:
            raise DataError(
                f"{source}: column '{name}' has {_plural(infinite, 'infinite value')}; fix: replace them with numbers"
            )
        TabularFeaturizer._check_float32(values, name, source)
        return values

    @staticmethod
    def _check_float32(values: np.ndarray, name: str, source: str) -> None:
        # the network computes in float32: a larger value (1e300) becomes inf and a silent
        # probability of 0 or 1, so it is refused; the value itself is never printed
        with np.errstate(invalid="ignore", over="ignore"):
            overflow = np.isinf(values) | (np.abs(values) > _FLOAT32_MAX)
        if overflow.any():
            raise DataError(
                f"{source}: numeric column '{name}' has {_plural(int(overflow.sum()), 'value')} too large for the "
                "model's 32-bit numbers; fix: check the units of that column or mark those cells as missing"
            )

    # ------------------------------------------------------------------ transform
    @property
    def input_shape(self) -> tuple[int, ...]:
        self.check_fitted()
        return (len(self.feature_names_),)

    def known_texts(self, name: str, texts: np.ndarray) -> np.ndarray:
        """The category texts of column ``name`` of new rows (object array, None: missing) with
        a text the training data never wrote but whose number one training category writes
        ("1.01" for the ARFF category "1.010") replaced by that category, as :meth:`transform`
        encodes it; the site shift check counts categories this way too."""
        known = [*self.categories_.get(name, []), *self.rare_.get(name, [])]
        distinct = sorted({t for t in texts.tolist() if isinstance(t, str)})
        found = _same_number(known, distinct, pd_index(known).get_indexer(distinct))
        swap = {t: known[j] for t, j in zip(distinct, found.tolist()) if j >= 0 and known[j] != t}
        if not swap:
            return texts
        return np.array([swap.get(t, t) if isinstance(t, str) else t for t in texts.tolist()], dtype=object)

    def transform(self, dataset):
        """Encode a Dataset (or DataFrame) into a float32 tensor of shape (n, d)."""
        import pandas as pd
        import torch

        self.check_fitted()
        frame, source = _as_frame(dataset)
        absent = [c for c in self.columns_ if c not in frame.columns]
        if absent:
            shown = ", ".join(f"'{c}'" for c in absent[:5]) + (", ..." if len(absent) > 5 else "")
            raise DataError(
                f"{source}: {_plural(len(absent), 'column')} the model was trained on "
                f"{'is' if len(absent) == 1 else 'are'} missing ({shown}); fix: supply the same columns as the training data"
            )
        report: dict[str, Any] = {
            "extra_columns": [c for c in frame.columns if c not in self.columns_],
            "unknown_categories": {},
            "unknown_category_rows": {},  # column -> positions of the rows with an unseen category
            "imputed": {},
        }
        # one float32 matrix filled column block by column block (no float64 one-hot blocks to
        # concatenate and convert: a 100,000-row table with ~2,000 one-hot columns)
        matrix = np.zeros((len(frame), len(self.feature_names_)), dtype=np.float32)
        stats = {name: (self.median_[i], self.mean_[i], self.std_[i]) for i, name in enumerate(self.numeric_)}
        ready = self._float_columns(frame)
        offset = 0
        for name in self.columns_:
            if name in ready:
                values, n_missing = ready[name]
                if n_missing:
                    self._check_missing(name, n_missing, source)
                    report["imputed"][name] = n_missing
                matrix[:, offset] = values
                offset += 1
                continue
            if name in stats:
                median, mean, std = stats[name]
                values = self._numeric_column(frame[name], name, source, getattr(dataset, "ids", None))
                missing = np.isnan(values)
                if missing.any():
                    self._check_missing(name, int(missing.sum()), source)
                    report["imputed"][name] = int(missing.sum())
                    values = np.where(missing, median, values)
                if self.scale:
                    values = (values - mean) / std
                self._check_float32(values, name, source)
                matrix[:, offset] = values
                offset += 1
                continue
            categories = self.categories_[name]
            rare = self.rare_.get(name, [])
            other = len(categories) if rare else -1  # the <other> column's index in this block
            codes, texts = _category_codes(frame[name])
            missing = codes < 0
            if missing.any():
                self._check_missing(name, int(missing.sum()), source)
                report["imputed"][name] = int(missing.sum())
            # every distinct text -> its column in this block (-1: none); the imputed mode last
            column = _same_number(categories, texts, pd.Index(categories).get_indexer(texts + [self.mode_[name]]))
            seen = _same_number(rare, texts, pd.Index(rare).get_indexer(texts)) >= 0 if rare else \
                np.zeros(len(texts), dtype=bool)
            unseen = np.append((column[:-1] < 0) & ~seen, False)
            column = np.where(column < 0, other, column)
            rows_code = np.where(missing, len(texts), codes)
            unknown = unseen[rows_code]
            if unknown.any():
                report["unknown_categories"][name] = int(unknown.sum())
                report["unknown_category_rows"][name] = np.flatnonzero(unknown)
            hot = column[rows_code]
            rows = np.flatnonzero(hot >= 0)
            matrix[rows, offset + hot[rows]] = 1.0
            offset += len(categories) + (1 if rare else 0)
        self.transform_report_ = report
        return torch.from_numpy(matrix)

    def _float_columns(self, frame) -> dict[str, tuple[np.ndarray, int]]:
        """The numeric columns already stored as float64, imputed and scaled in one block:
        {name: (values, missing count)}. The same arithmetic as the column-by-column path, element
        for element; columns of another type, or holding a value the checks refuse, are left to it
        (so its messages stay the same)."""
        dtypes = frame.dtypes
        position = {name: i for i, name in enumerate(self.numeric_)}
        names = [name for name in self.numeric_ if dtypes[name] == np.float64]
        if not names:
            return {}
        same = len(names) == frame.shape[1] and list(frame.columns) == names  # no selection needed
        block = (frame if same else frame[names]).to_numpy(dtype=np.float64, copy=True)
        index = [position[name] for name in names]
        median = np.array([self.median_[i] for i in index])
        missing = np.isnan(block)
        with np.errstate(invalid="ignore", over="ignore"):
            refused = np.isinf(block) | (np.abs(block) > _FLOAT32_MAX)
            block = np.where(missing, median, block)
            if self.scale:
                block = (block - np.array([self.mean_[i] for i in index])) / np.array([self.std_[i] for i in index])
            refused |= np.isinf(block) | (np.abs(block) > _FLOAT32_MAX)
        refused = refused.any(axis=0)
        counts = missing.sum(axis=0).tolist()
        return {name: (block[:, j], counts[j]) for j, name in enumerate(names) if not refused[j]}

    # ------------------------------------------------------------------ state
    def _state(self) -> dict[str, Any]:
        return {
            "columns": list(self.columns_),
            "numeric": list(self.numeric_),
            "categorical": list(self.categorical_),
            "median": [float(v) for v in self.median_],
            "mean": [float(v) for v in self.mean_],
            "std": [float(v) for v in self.std_],
            "categories": {k: list(v) for k, v in self.categories_.items()},
            "mode": dict(self.mode_),
            "rare": {k: list(v) for k, v in self.rare_.items() if v},
            "missing": self.missing_,
            "scale": bool(self.scale),
            "feature_names": list(self.feature_names_),
        }

    def _load(self, state: dict[str, Any]) -> None:
        absent = [k for k in _STATE_KEYS if k not in state]
        if absent:
            raise DataError(
                f"The tabular featurizer state lacks {', '.join(absent)}; fix: re-train the run (featurizer.json is incomplete)"
            )
        self.columns_ = list(state["columns"])
        self.numeric_ = list(state["numeric"])
        self.categorical_ = list(state["categorical"])
        self.median_ = [float(v) for v in state["median"]]
        self.mean_ = [float(v) for v in state["mean"]]
        self.std_ = [float(v) for v in state["std"]]
        self.categories_ = {k: [str(c) for c in v] for k, v in state["categories"].items()}
        self.mode_ = {k: str(v) for k, v in state["mode"].items()}
        # runs saved before min_frequency have no rare categories
        self.rare_ = {k: [str(c) for c in v] for k, v in state.get("rare", {}).items()}
        self.missing_ = state["missing"]
        self.scale = bool(state["scale"])
        if not (len(self.numeric_) == len(self.median_) == len(self.mean_) == len(self.std_)):
            raise DataError("The tabular featurizer state is inconsistent; fix: re-train the run")
        self.feature_names_ = self._feature_names()

    # ------------------------------------------------------------------ federated statistics
    def summary(self, train, query: dict[str, Any] | None = None) -> dict[str, Any]:
        """At a site: per numeric column the count, sum and missing cells of its values; per
        categorical column the count of each category (category names are values of the
        data, docs/federated.md); then the counts and sums of squares ``merge`` asks for."""
        from . import federated

        frame, source = _as_frame(train)
        if len(frame) == 0:
            raise DataError(f"{source}: the site's file has no rows; fix: check the file")
        if query is not None:
            numeric = {c: self._numeric_column(frame[c], c, source) for c in next(iter(query.values()))}
            if "counts" in query:
                return federated.counts_at_or_below(numeric, query["counts"])
            if "spread" in query:
                return federated.squares_about(numeric, query["spread"])
            filled = {c: np.where(np.isnan(v), query["deviations"][c][0], v) for c, v in numeric.items()}
            return federated.squares_about(filled, {c: m for c, (_, m) in query["deviations"].items()})
        policy = self.missing
        if policy == "auto":
            policy = (getattr(train, "notes", None) or {}).get("missing_policy", "impute")
        explicit = set(self.categorical_columns or [])
        import pandas as pd

        columns: dict[str, Any] = {}
        for name in frame.columns:
            series = frame[name]
            if name not in explicit and (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)):
                values = self._numeric_column(series, name, source)
                present = values[~np.isnan(values)]
                columns[name] = {"kind": "numeric", "n": int(present.size), "sum": float(present.sum()),
                                 "missing": int(values.size - present.size)}
                continue
            codes, texts = _category_codes(series)
            counts: dict[str, int] = {}
            for text, k in zip(texts, np.bincount(codes[codes >= 0], minlength=len(texts)).tolist()):
                counts[text] = counts.get(text, 0) + k
            columns[name] = {"kind": "categorical", "counts": counts, "missing": int((codes < 0).sum())}
        return {"columns": list(frame.columns), "stats": columns, "missing_policy": policy, "n": int(len(frame))}

    def merge(self, summaries: list[dict[str, Any]], ask=None) -> "TabularFeaturizer":
        """At the coordinator: the state :meth:`fit` gives on the sites' pooled rows (medians to
        ~1e-10 of a column's spread, by :func:`mednn.featurizers.federated.order_statistics`)."""
        from . import federated

        columns, numeric, categorical = self._merge_columns(summaries)
        self.missing_, self.columns_ = summaries[0]["missing_policy"], list(columns)
        self.numeric_, self.categorical_ = numeric, categorical
        total = {c: sum(s["stats"][c]["n"] for s in summaries) for c in numeric}
        missing = {c: sum(s["stats"][c]["missing"] for s in summaries) for c in columns}
        for c in columns:
            self._check_missing(c, missing[c], "the sites' files")
        sums = {c: sum(s["stats"][c]["sum"] for s in summaries) for c in numeric}
        found = federated.order_statistics(ask, {c: federated.median_ranks(total[c]) for c in numeric}, total, sums)
        medians = {c: float(np.mean(found[c])) for c in numeric}
        rows = {c: total[c] + missing[c] for c in numeric}
        means = {c: (sums[c] + missing[c] * medians[c]) / rows[c] for c in numeric}
        deviations = ask({"deviations": {c: [medians[c], means[c]] for c in numeric}}) if numeric else []
        self.median_, self.mean_, self.std_ = [], [], []
        for c in numeric:
            std = float(np.sqrt(sum(d[c] for d in deviations) / rows[c]))
            if not np.isfinite(std) or std <= 1e-12 * max(1.0, abs(means[c])):
                std = 1.0  # as fit: a constant column carries no information
            self.median_.append(medians[c])
            self.mean_.append(means[c])
            self.std_.append(std)
        self.categories_, self.rare_, self.mode_ = {}, {}, {}
        for c in categorical:
            counts: dict[str, int] = {}
            for s in summaries:
                for k, v in s["stats"][c]["counts"].items():
                    counts[k] = counts.get(k, 0) + int(v)
            self.categories_[c] = sorted(k for k, v in counts.items() if v >= self.min_frequency)
            self.rare_[c] = sorted(k for k, v in counts.items() if v < self.min_frequency)
            top = max(counts.values())
            self.mode_[c] = sorted(k for k, v in counts.items() if v == top)[0]
        self.feature_names_ = self._feature_names()
        self.fitted_ = True
        return self

    def _merge_columns(self, summaries: list[dict[str, Any]]) -> tuple[list[str], list[str], list[str]]:
        """The columns every site has, split into numeric and categorical (the same at every site)."""
        columns = summaries[0]["columns"]
        for i, s in enumerate(summaries[1:], start=2):
            if s["columns"] != columns:
                raise DataError(f"Site {i} has other columns than site 1; fix: give every site a file with the "
                                "same columns (same config)")
        for name in self.categorical_columns or []:
            if name not in columns:
                raise DataError(f"the sites' files: categorical column '{name}' is not a feature column; fix: "
                                "correct featurize.categorical_columns")
        numeric, categorical = [], []
        for col in columns:
            kinds = {s["stats"][col]["kind"] for s in summaries}
            if len(kinds) > 1:
                raise DataError(f"Column '{col}' is numbers at some sites and text at others; fix: list it in "
                                "featurize.categorical_columns, or clean the files")
            empty = (sum(s["stats"][col]["n"] for s in summaries) == 0 if kinds == {"numeric"}
                     else not any(s["stats"][col]["counts"] for s in summaries))
            if empty:
                raise DataError(f"Column '{col}' has no value at any site; fix: drop it (data.drop_columns) or "
                                "fill it in")
            (numeric if kinds == {"numeric"} else categorical).append(col)
        return list(columns), numeric, categorical
