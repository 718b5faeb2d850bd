"""What every out-of-distribution scorer shares: its inputs, its calibration and its contract.

A scorer computes one or more *components* per record (a distance, a count of columns outside
their training range, ...), each larger for records less like the training data. Fitting has
two steps, the scikit-learn contract's ``fit(train, val)`` returning self:

1. the reference, learnt from the training split (``_fit_reference``): ranges, a covariance,
   a subsample of training embeddings;
2. the calibration, on the validation split, which the reference never saw: each component is
   centred on its validation median and scaled by the distance from there to its validation
   ``1 - fpr`` quantile, the record's score is the sum of its scaled components (a sum, not the
   largest: a count that is 0 for most records must not hide the ranking of a distance), and the threshold
   is a rank among the validation scores (:func:`threshold_rank`): with ``confidence`` c (default
   0.9) at most ``fpr`` of new records exchangeable with validation are flagged, with probability c
   over the validation draw; with ``confidence`` None the conformal ``(1 - fpr)`` quantile, which
   holds ``fpr`` on average over draws only.

A record is flagged when its score is above the threshold. With one component a score of 2
means "twice as far beyond the validation median as the validation records at their 1 - fpr
quantile"; each column out of its training range adds 2 to a table's score.

>>> rng = np.random.default_rng(0)
>>> train, val = OODInputs(features=rng.normal(size=(200, 3))), OODInputs(features=rng.normal(size=(100, 3)))
>>> scorer = OOD_SCORERS.get("table_ranges")(fpr=0.05).fit(train, val)  # doctest: +SKIP
>>> scorer.predict(OODInputs(features=np.full((1, 3), 50.0)))  # doctest: +SKIP
array([ True])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import ConfigError, ModelError, NotFittedError, problem
from ..registry import Registry

OOD_SCORERS: Registry = Registry("out-of-distribution scorer")

# learnt attributes every scorer has (the subclass adds its reference's in `learnt`)
CALIBRATION = ("center_", "scale_", "threshold_", "val_flag_rate_", "n_calibration_")
# settings every scorer shares (the threshold's), beyond its own __init__ arguments
CALIBRATION_PARAMS = ("fpr", "confidence", "per_class")
# learnt by a threshold per predicted class (absent in a run saved before them: one threshold)
GROUP_CALIBRATION = ("group_offsets_", "group_sizes_")


@dataclass
class OODInputs:
    """What a scorer reads about each record (rows aligned; a scorer names the fields it needs).

    ``features``: the featurized rows (tables); ``embedding``: the input of the network's final
    linear layer (ensemble members side by side); ``logits``: the network's raw outputs;
    ``texts``: the records' raw texts (text runs: what the text scorer measures in the input itself);
    ``images``: the featurized images as the featurizer gives them (the batches the network
    reads), for the image scorer's own statistics of the pixels;
    ``smiles``: the records' SMILES, for the molecule scorer (``molecule_domain``);
    ``layers``: per feature-map stage of an image network, its pooled output (n, channels)
    (:mod:`.image_layers`), for the image scorer's layer ensemble;
    ``groups``: each record's predicted class (``mednn.ood.run.predicted_class``), the groups of a
    threshold per predicted class (None: one group).
    """

    features: np.ndarray | None = None
    embedding: np.ndarray | None = None
    logits: np.ndarray | None = None
    model_logits: np.ndarray | None = None  # the model's outputs when a pass computed them (not read by scorers)
    texts: list[str] | None = None
    images: Any = None
    smiles: list[str] | None = None
    layers: list[np.ndarray] | None = None
    groups: np.ndarray | None = None

    def __len__(self) -> int:
        for value in (self.features, self.embedding, self.logits, self.texts, self.smiles):
            if value is not None:
                return len(value)
        return 0

    def take(self, index: np.ndarray) -> OODInputs:
        out = OODInputs(*(None if v is None else v[index] for v in (self.features, self.embedding, self.logits)))
        out.texts = None if self.texts is None else [self.texts[i] for i in np.arange(len(self.texts))[index]]
        out.smiles = None if self.smiles is None else [self.smiles[i] for i in np.arange(len(self.smiles))[index]]
        out.groups = None if self.groups is None else np.asarray(self.groups)[index]
        return out


def threshold_rank(n: int, fpr: float, confidence: float | None = None) -> int:
    """The 1-based rank among ``n`` sorted validation scores of the threshold (``n + 1``: too few).

    ``confidence`` None: the conformal ``(1 - fpr)`` quantile, rank ``ceil((n + 1)(1 - fpr))``: the
    false-positive rate is at most ``fpr`` *on average* over validation draws (a single draw can
    give 7% on a test set of a few hundred). ``confidence`` c: the smallest rank k with
    P(Binomial(n, 1 - fpr) >= k) <= 1 - c, the training-conditional ("PAC") threshold: with
    probability c over the validation draw the false-positive rate is at most ``fpr`` (the k-th
    smallest of n scores is beyond the population's 1 - fpr quantile unless k of n fall below it;
    Vovk 2012, Bates et al. 2021).

    >>> threshold_rank(500, 0.05), threshold_rank(500, 0.05, 0.9), threshold_rank(40, 0.05, 0.9)
    (476, 482, 41)
    """
    if confidence is None:
        from ..evaluation.conformal import conformal_rank

        return conformal_rank(n, 1 - fpr)
    from scipy.stats import binom

    ranks = np.arange(1, n + 1)
    ok = binom.sf(ranks - 1, n, 1 - fpr) <= 1 - confidence
    return int(ranks[ok][0]) if ok.any() else n + 1


def threshold_at(scores: np.ndarray, fpr: float, confidence: float | None = None) -> tuple[float, str | None]:
    """The threshold on validation ``scores`` (:func:`threshold_rank`) and, when validation is too
    small for it, the largest score with a note saying so."""
    scores = np.sort(np.asarray(scores, dtype=np.float64))
    rank = threshold_rank(len(scores), fpr, confidence)
    if rank <= len(scores):
        return float(scores[rank - 1]), None
    wanted = f"a {fpr:.0%} false-positive rate" + ("" if confidence is None else f" with {confidence:.0%} confidence")
    return float(scores[-1]), (f"the validation split has {len(scores)} records, too few for {wanted}; "
                               "the threshold is its largest score")


def promise(fpr: float, confidence: float | None, n: int, note: str | None = None,
            class_sizes: list[int] | None = None) -> str:
    """What the threshold promises, in words (predictor.json's and metrics.json's ``ood``).
    ``class_sizes``: with a threshold per predicted class, the validation records of each class.

    >>> promise(0.05, 0.9, 500).split(" (")[0]
    'at most 5% of records like the validation set are flagged, with 90% confidence'
    >>> promise(0.05, 0.9, 524, class_sizes=[135, 389])
    'at most 5% of records like the validation set are flagged in every predicted class at once, with 90% confidence (a threshold per predicted class, chosen on its 135 and 389 validation records)'
    """
    where, flagged = f"(threshold chosen on {n} validation records)", "flagged"
    if class_sizes and not note:
        sizes = [str(k) for k in class_sizes]
        listed = sizes[0] if len(sizes) == 1 else f"{', '.join(sizes[:-1])} and {sizes[-1]}"
        where = f"(a threshold per predicted class, chosen on its {listed} validation records)"
        flagged = "flagged in every predicted class at once"
    if note:  # the largest of n scores: beyond the population's 1 - fpr quantile with probability 1 - (1 - fpr)^n
        return (f"at most {fpr:.0%} of records like the validation set are flagged, with only "
                f"{1 - (1 - fpr) ** n:.0%} confidence: too few validation records {where}")
    if confidence is None:
        return (f"on average over validation sets, at most {fpr:.0%} of records like the validation set are "
                f"{flagged} {where}")
    return f"at most {fpr:.0%} of records like the validation set are {flagged}, with {confidence:.0%} confidence {where}"


def class_offsets(scores: np.ndarray, groups: np.ndarray | None, threshold: float, fpr: float,
                  confidence: float | None) -> tuple[np.ndarray | None, np.ndarray | None]:
    """A threshold per predicted class as offsets: per class index, ``threshold`` (the pooled one)
    minus the class's own (:func:`threshold_at` on its validation ``scores``), and the validation
    records per class; (None, None) without groups, or when a class validation predicts has too few
    records for the rule: then one pooled threshold for all. (A small class keeping the pooled
    threshold beside the others' own breaks the pooled promise: the pooled threshold holds the
    rate over the mix, not for the small class, whose rate the others no longer offset; measured on
    Pima: more than 5% of exchangeable test rows flagged in 28% of draws instead of 12%.) A record's
    score plus its class's offset is above ``threshold`` exactly when its score is above its
    class's threshold.
    Mondrian (class-conditional) conformal calibration (Vovk et al. 2005, "Algorithmic learning in a
    random world"): the promise holds in every predicted class at once (each class's threshold at
    :func:`class_confidence`), so also when the classes' mix differs from validation's.

    >>> scores, classes = np.r_[np.arange(100.0), np.arange(100.0) + 50], np.repeat([0, 1], 100)
    >>> offsets, sizes = class_offsets(scores, classes, 140.0, 0.05, None)  # own thresholds 95, 145
    >>> offsets.tolist(), sizes.tolist()
    ([45.0, -5.0], [100, 100])
    """
    if groups is None or len(scores) == 0:
        return None, None
    groups = np.asarray(groups, dtype=np.int64)
    sizes = np.bincount(groups).astype(np.int64)
    offsets = np.zeros(len(sizes), dtype=np.float64)
    present = np.flatnonzero(sizes)
    each = class_confidence(confidence, len(present))
    for group in present:
        own_threshold, note = threshold_at(scores[groups == group], fpr, each)
        if note is not None:  # too few records for the rule: one pooled threshold for all
            return None, None
        offsets[group] = threshold - own_threshold
    return offsets, sizes


def class_confidence(confidence: float | None, n_classes: int) -> float | None:
    """The confidence of each class's threshold so that all ``n_classes`` hold ``fpr`` *at once* with
    ``confidence`` (Bonferroni: 1 - (1 - c) / K). Each at ``c`` alone holds all at once only with about
    c ** K (0.81 for two classes at 90%), and with it the rate over an unknown mix of predicted classes.
    The conformal (average) threshold, ``confidence`` None, needs no correction: averages add up.

    >>> class_confidence(0.9, 2), class_confidence(0.9, 1), class_confidence(None, 3)
    (0.95, 0.9, None)
    """
    if confidence is None or n_classes <= 1:
        return confidence
    return round(1 - (1 - confidence) / n_classes, 12)


def with_class_offsets(scores: np.ndarray, groups: np.ndarray | None, offsets: np.ndarray | None) -> np.ndarray:
    """``scores`` plus each record's class offset (:func:`class_offsets`; a class validation never
    predicted: 0); unchanged without offsets."""
    if offsets is None:
        return scores
    groups = np.asarray(groups, dtype=np.int64)
    known = (groups >= 0) & (groups < len(offsets))
    return scores + np.where(known, offsets[np.clip(groups, 0, len(offsets) - 1)], 0.0)


class OODScorer:
    """The scikit-learn contract: ``__init__`` stores settings, ``fit(train, val)`` returns self
    and sets the learnt attributes (names ending in ``_``), ``score`` / ``predict`` before
    ``fit`` raise :class:`~mednn.errors.NotFittedError`, ``state_dict`` / ``load_state_dict``
    hold everything as numbers and arrays (saved as JSON + safetensors, never pickle).

    A subclass sets ``name``, ``needs`` (the :class:`OODInputs` fields it reads),
    ``components`` (one name per column its ``_components`` returns), ``floors`` (the smallest
    scale of each component, for components that are mostly 0 on validation), ``learnt`` (its
    reference's attributes) and implements ``_fit_reference(train)`` and ``_components(x)``.
    """

    name: str = ""
    needs: tuple[str, ...] = ()
    components: tuple[str, ...] = ()
    floors: tuple[float, ...] = ()
    learnt: tuple[str, ...] = ()

    def __init__(self, fpr: float = 0.05, confidence: float | None = 0.9, per_class: bool | str = "auto"):
        self.fpr = fpr
        self.confidence = confidence
        self.per_class = per_class

    # --- the settings --------------------------------------------------------------------------

    def get_params(self) -> dict[str, Any]:
        """The settings: the subclass's ``__init__`` arguments and the calibration's (``fpr``,
        ``confidence``), which every scorer shares."""
        import inspect

        names = [k for k in inspect.signature(type(self).__init__).parameters if k != "self"]
        return {k: getattr(self, k) for k in dict.fromkeys([*names, *CALIBRATION_PARAMS])}

    def set_params(self, **params: Any) -> OODScorer:
        """Change settings before ``fit`` (the scikit-learn contract); unknown names raise."""
        unknown = set(params) - set(self.get_params())
        if unknown:
            raise ConfigError(problem(f"{type(self).__name__} has no setting {sorted(unknown)[0]!r}",
                                      expected=", ".join(sorted(self.get_params()))))
        for key, value in params.items():
            setattr(self, key, value)
        return self

    def _check_params(self) -> None:
        if isinstance(self.fpr, bool) or not isinstance(self.fpr, (int, float)) or not 0 < self.fpr <= 0.5:
            raise ConfigError(problem(f"The 'fpr' parameter of {type(self).__name__} must be a rate in (0, 0.5]",
                                      got=self.fpr, fix="set evaluate.ood.fpr, e.g. 0.05"))
        c = self.confidence
        if c is not None and (isinstance(c, bool) or not isinstance(c, (int, float)) or not 0.5 <= c < 1):
            raise ConfigError(problem(f"The 'confidence' parameter of {type(self).__name__} must be a probability "
                                      "in [0.5, 1) or None", got=c, fix="set evaluate.ood.confidence, e.g. 0.9"))
        if not (isinstance(self.per_class, bool) or self.per_class == "auto"):
            raise ConfigError(problem(f"The 'per_class' parameter of {type(self).__name__} must be true, false or auto",
                                      got=self.per_class, fix="set evaluate.ood.per_class"))

    # --- fitting -------------------------------------------------------------------------------

    def fit(self, train: OODInputs, val: OODInputs) -> OODScorer:
        """Learn the reference from ``train``; calibrate the threshold on ``val``."""
        self._check_params()
        for part, inputs in (("training", train), ("validation", val)):
            missing = [k for k in self.needs if getattr(inputs, k) is None]
            if missing:
                raise ModelError(f"{type(self).__name__} needs the {', '.join(missing)} of the {part} records")
            if len(inputs) == 0:
                raise ModelError(f"{type(self).__name__} cannot be fitted: the {part} split is empty")
        self._fit_reference(train)
        raw = self._calibration_components(train, val)
        center = np.median(raw, axis=0)
        upper = np.quantile(raw, 1 - self.fpr, axis=0)
        self.center_ = center.astype(np.float64)
        self.scale_ = np.maximum(upper - center, np.asarray(self.floors, dtype=np.float64)).astype(np.float64)
        scores = self._combine(raw)
        threshold, self.threshold_note_ = self._threshold(scores)
        self.threshold_ = float(threshold)
        # per predicted class only when the calibration records are validation's own (a scorer that
        # adds records, the molecules' scaffold folds, has no predicted class for them: one threshold)
        groups = val.groups if self.thresholds_per_class() and len(raw) == len(val) else None
        self.group_offsets_, self.group_sizes_ = self._group_offsets(scores, groups)
        self.val_flag_rate_ = float(np.mean(self._shifted(scores, groups) > self.threshold_))
        self.n_calibration_ = int(len(raw))
        return self

    def _group_offsets(self, scores: np.ndarray, groups: np.ndarray | None) -> tuple[np.ndarray | None, ...]:
        if groups is not None and (np.shape(groups) != scores.shape or np.min(groups, initial=0) < 0):
            raise ModelError(f"{type(self).__name__}: the groups must be one class index (>= 0) per validation record")
        return class_offsets(scores, groups, self.threshold_, self.fpr, self.confidence)

    def _shifted(self, scores: np.ndarray, groups: np.ndarray | None) -> np.ndarray:
        offsets = getattr(self, "group_offsets_", None)
        if offsets is not None and groups is None:
            raise ModelError(f"{type(self).__name__} has a threshold per predicted class: its inputs need each "
                             "record's predicted class (OODInputs.groups; mednn.ood.run.ood_inputs gives them)")
        return with_class_offsets(scores, groups, offsets)

    def reads_groups(self) -> bool:
        """Whether the records' predicted classes are read: a fitted scorer with a threshold per
        class, or an unfitted one set to fit them (``per_class``)."""
        if hasattr(self, "threshold_"):
            return getattr(self, "group_offsets_", None) is not None
        return self.thresholds_per_class()

    def thresholds_per_class(self) -> bool:
        """Whether ``fit`` chooses a threshold per predicted class: ``per_class`` true, or "auto"
        and the score reads the network's embedding (docs/ood.md, "Per predicted class": classes sit
        in different regions of the embedding, so its distances depend on the class; a score of the
        input alone, as the molecule and table scorers', does not, and offsets by class only move
        whole foreign sets: BBBP's AUROC against BACE 0.87 -> 0.75)."""
        if self.per_class == "auto":
            return "embedding" in self.needs
        return bool(self.per_class)

    def _fit_reference(self, train: OODInputs) -> None:
        raise NotImplementedError

    def _calibration_components(self, train: OODInputs, val: OODInputs) -> np.ndarray:
        """The raw components the scaling and threshold are chosen on: validation's (a scorer may
        add records scored like new ones, e.g. the molecule scorer's scaffold folds)."""
        return self._components(val)

    def _threshold(self, scores: np.ndarray) -> tuple[float, str | None]:
        """The threshold on the calibration scores and a note when it promises less (:func:`threshold_at`)."""
        return threshold_at(scores, self.fpr, self.confidence)

    def _components(self, x: OODInputs) -> np.ndarray:
        """(n, len(components)) raw component values, larger = less like the training data."""
        raise NotImplementedError

    def _combine(self, raw: np.ndarray) -> np.ndarray:
        z = (np.asarray(raw, dtype=np.float64) - self.center_) / self.scale_
        return z.sum(axis=1)

    # --- applying ------------------------------------------------------------------------------

    def check_fitted(self) -> None:
        if not hasattr(self, "threshold_"):
            raise NotFittedError(f"{type(self).__name__} is used before fit(); call fit(train, val) first")

    def score(self, x: OODInputs) -> np.ndarray:
        """The score per record (larger: less like the training data; above ``threshold_``: flagged);
        with a threshold per predicted class, the combined score plus its class's offset
        (``group_offsets_``), so that the one ``threshold_`` applies to every record."""
        self.check_fitted()
        if len(x) == 0:
            return np.zeros(0)
        return self._shifted(self._combine(self._components(x)), x.groups)

    def component_scores(self, x: OODInputs) -> dict[str, np.ndarray]:
        """Each component, scaled as in the score (what made a record's score high)."""
        self.check_fitted()
        z = (self._components(x) - self.center_) / self.scale_
        return {name: z[:, j] for j, name in enumerate(self.components)}

    def predict(self, x: OODInputs) -> np.ndarray:
        """True where a record is out of distribution."""
        return self.score(x) > self.threshold_

    # --- persistence ---------------------------------------------------------------------------

    def state_dict(self) -> dict[str, Any]:
        self.check_fitted()
        learnt = {k: getattr(self, k) for k in (*CALIBRATION, *self.learnt)}
        if getattr(self, "group_offsets_", None) is not None:
            learnt.update({k: getattr(self, k) for k in GROUP_CALIBRATION})
        return {"name": self.name, "params": self.get_params(), "learnt": learnt,
                "threshold_note": getattr(self, "threshold_note_", None), "promise": self.promise()}

    def load_state_dict(self, state: dict[str, Any]) -> OODScorer:
        """Restore a fitted scorer from :meth:`state_dict` (as read back from a run)."""
        try:
            if state["name"] != self.name:
                raise ValueError("name")
            learnt = state["learnt"]
            for key in (*CALIBRATION, *self.learnt):
                value = learnt[key]
                setattr(self, key, np.asarray(value) if isinstance(value, list) else value)
            self.center_ = np.asarray(self.center_, dtype=np.float64)
            self.scale_ = np.asarray(self.scale_, dtype=np.float64)
            if np.shape(self.center_) != (len(self.components),) or np.shape(self.scale_) != (len(self.components),):
                raise ValueError("calibration shape")
            if not (np.isfinite(self.scale_).all() and (self.scale_ > 0).all()):
                raise ValueError("calibration scale")
            self.threshold_, self.n_calibration_ = float(self.threshold_), int(self.n_calibration_)
            self.val_flag_rate_ = float(self.val_flag_rate_)
            self._load_group_offsets(learnt)
            self.threshold_note_ = state.get("threshold_note")
            self._check_reference()
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(problem(f"the saved state of the out-of-distribution scorer {self.name!r} is not valid",
                                     got=str(exc) or type(exc).__name__, fix="restore predictor.json / ood.safetensors "
                                     "or retrain the run")) from None
        return self

    def _load_group_offsets(self, learnt: dict[str, Any]) -> None:
        """The thresholds per predicted class; a run saved before them (or fitted without) has none."""
        if learnt.get("group_offsets_") is None:
            self.group_offsets_ = self.group_sizes_ = None
            return
        offsets = np.asarray(learnt["group_offsets_"], dtype=np.float64)
        sizes = np.asarray(learnt["group_sizes_"], dtype=np.int64)
        if offsets.ndim != 1 or offsets.shape != sizes.shape or not np.isfinite(offsets).all() or (sizes < 0).any():
            raise ValueError("group offsets")
        self.group_offsets_, self.group_sizes_ = offsets, sizes

    def _check_reference(self) -> None:
        """Raise ValueError when a loaded reference is inconsistent (shapes)."""

    def promise(self) -> str:
        """What the fitted threshold promises about records like the validation set, in words."""
        self.check_fitted()
        return promise(self.fpr, self.confidence, self.n_calibration_, getattr(self, "threshold_note_", None),
                       class_sizes=self._own_class_sizes())

    def _own_class_sizes(self) -> list[int] | None:
        """The validation records of each predicted class (None: one threshold)."""
        if getattr(self, "group_offsets_", None) is None:
            return None
        return [int(k) for k in self.group_sizes_ if k]

    def describe(self) -> dict[str, Any]:
        """The fitted scorer in a few numbers (metrics.json's ``ood``)."""
        self.check_fitted()
        out = {"method": self.name, "components": list(self.components), "fpr_target": float(self.fpr),
               "confidence": self.confidence, "promise": self.promise(), "threshold": self.threshold_,
               "val_flag_rate": self.val_flag_rate_, "n_calibration": self.n_calibration_}
        if getattr(self, "threshold_note_", None):
            out["note"] = self.threshold_note_
        if getattr(self, "group_offsets_", None) is not None:  # a threshold per predicted class
            out["per_class"] = {"offsets": [float(v) for v in self.group_offsets_],
                                "n_calibration": [int(k) for k in self.group_sizes_]}
        return out


def as_matrix(value: Any, what: str) -> np.ndarray:
    """A 2-D float array of ``value`` (a tensor or an array), one row per record."""
    if hasattr(value, "detach"):
        value = value.detach().cpu().numpy()
    if not isinstance(value, np.ndarray):
        raise ModelError(f"the {what} of the records are not an array (got {type(value).__name__})")
    return np.asarray(value, dtype=np.float64).reshape(len(value), -1)


def shrunk_precision(x: np.ndarray, max_full: int) -> np.ndarray:
    """The inverse of the Ledoit-Wolf shrinkage covariance of ``x`` (well defined with fewer rows
    than columns); a diagonal one (a vector) above ``max_full`` columns or with under 2 rows."""
    if x.shape[1] > max_full or len(x) < 2:
        return 1.0 / np.maximum(x.var(axis=0), 1e-6)
    from sklearn.covariance import LedoitWolf

    return LedoitWolf().fit(x).precision_


def mahalanobis(centred: np.ndarray, precision: np.ndarray) -> np.ndarray:
    """Each centred row's Mahalanobis distance under ``precision`` (a matrix, or a diagonal vector)."""
    if precision.ndim == 1:
        squared = (centred ** 2 * precision).sum(axis=1)
    else:
        squared = np.einsum("ij,jk,ik->i", centred, precision, centred)
    return np.sqrt(np.maximum(squared, 0.0))


def robust_range(x: np.ndarray, quantile: float = 0.005, margin: float = 0.25) -> tuple[np.ndarray, np.ndarray]:
    """Per column, the ``quantile`` / ``1 - quantile`` training quantiles widened by ``margin``
    of their span on each side: the range a value is "out of" (image intensity statistics, a
    text's form, molecule descriptors; ``table_ranges`` does the same with missing values).

    >>> low, high = robust_range(np.arange(101.0)[:, None], quantile=0.1, margin=0.5)
    >>> float(low[0]), float(high[0])
    (-30.0, 130.0)
    """
    low, high = np.quantile(x, [quantile, 1 - quantile], axis=0)
    span = high - low
    return low - margin * span, high + margin * span


def out_of_range(x: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Per row, how many columns lie outside ``[low, high]`` (a range from :func:`robust_range`)."""
    return ((x < low) | (x > high)).sum(axis=1).astype(np.float64)
