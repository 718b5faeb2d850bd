"""The out-of-distribution scorer of a run: fitted after training, applied to every record.

What the rest of mednn calls (each a few lines at its call site):

- :func:`fit_run_ood` (training): the modality's scorer (its ``ModalitySpec.ood_scorer``) fitted
  on the training split and thresholded on validation, or None (``evaluate.ood: null``, DP-SGD
  and federated runs, a modality without one). It runs after training, with its own generator,
  so the run's weights and numbers are the same with and without it.
- :func:`ood_inputs`: what a scorer reads about records through the Predictor's network; the
  per-record flags at prediction time are :mod:`mednn.inference.ood`'s (``Predictor.assess``).
- :func:`ood_metrics` (metrics.json's ``ood``), :func:`ood_summary` (``mednn evaluate``'s) and
  :func:`ood_finding`: the ``out_of_distribution`` finding when more records are flagged than the
  false-positive rate explains (one-sided binomial test).
- :func:`scorer_from_state`: a scorer rebuilt from ``predictor.json``'s ``ood`` + ``ood.safetensors``.
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any

import numpy as np

from ..errors import ModelError, problem
from ..findings import Finding
from .base import CALIBRATION_PARAMS, OOD_SCORERS, OODInputs, OODScorer, as_matrix

SCORER_MODULES = ("tabular", "embedding", "text", "images", "molecules")
FINDING_P_VALUE = 0.01  # more flags than fpr explains at this one-sided binomial level


def load_scorers() -> None:
    for name in SCORER_MODULES:
        importlib.import_module(f"{__package__}.{name}")


def build_scorer(name: str, **params: Any) -> OODScorer:
    """A registered scorer built from the parameters its ``__init__`` takes and the calibration's
    (``fpr``, ``confidence``: every scorer's); others are ignored."""
    load_scorers()
    cls = OOD_SCORERS.get(name)
    accepted = inspect.signature(cls.__init__).parameters
    scorer = cls(**{k: v for k, v in params.items() if k in accepted})
    return scorer.set_params(**{k: params[k] for k in CALIBRATION_PARAMS if k in params})


def scorer_from_state(state: dict[str, Any]) -> OODScorer:
    """The fitted scorer saved by ``state_dict`` (read back from the run)."""
    if not (isinstance(state, dict) and isinstance(state.get("name"), str) and isinstance(state.get("params"), dict)):
        raise ModelError(problem("predictor.json's 'ood' is not a saved out-of-distribution scorer",
                                 fix="restore the run's files or retrain it"))
    # a run saved before the threshold had a confidence: the conformal (average) threshold
    params = {"confidence": None, **state["params"]}
    return build_scorer(state["name"], **params).load_state_dict(state)


def skip_reason(cfg: Any, modality: str, splits: Any = None) -> str | None:
    """Why a run fits no scorer (None: it fits one)."""
    from ..modalities import modality_spec

    if cfg.evaluate.ood is None:
        return "switched off (evaluate.ood: null)"
    if cfg.privacy.dp:
        return ("not fitted: a DP-SGD run keeps nothing computed from training records beyond its private weights "
                "(a reference of training embeddings or column ranges would not be private)")
    if cfg.privacy.federated.site_column:
        return "not fitted: in federated training the sites' records stay at the sites"
    if modality_spec(modality).ood_scorer is None:
        return f"no out-of-distribution scorer is registered for {modality}"
    if splits is not None and (splits.train is None or not len(splits.train)):
        return "not fitted: this process holds no training records (a federated coordinator)"
    return None


def fit_run_ood(cfg: Any, predictor: Any, splits: Any, features: dict[str, Any], **params: Any) -> OODScorer | None:
    """The run's scorer, fitted on ``splits.train`` and thresholded on ``splits.val``, or None.

    ``predictor``: the run's :class:`~mednn.predictor.Predictor` (its model, featurizer and
    ``logits``); ``features``: the featurized splits the run already has; ``params``: scorer
    settings beyond ``evaluate.ood``'s (benchmarks compare variants with them).
    """
    from ..modalities import modality_spec

    if skip_reason(cfg, predictor.modality, splits) is not None:
        return None
    ood = cfg.evaluate.ood
    settings = {**ood.model_dump(), "task_kind": predictor.task.kind, "seed": cfg.seed, **params}
    scorer = build_scorer(modality_spec(predictor.modality).ood_scorer, **settings)
    train_features, train_records = features.get("train"), splits.train
    if train_features is None:
        train_features = predictor.featurizer.transform(splits.train)
    limit = getattr(scorer, "reference_size", None)
    if limit is not None and "embedding" in scorer.needs and len(splits.train) > limit:
        # only the reference's records go through the network (its own generator, as the scorer's)
        index = np.sort(np.random.default_rng(cfg.seed).choice(len(splits.train), limit, replace=False))
        train_records = splits.train.subset(index)
        train_features = predictor.featurizer.transform(train_records)
    train = ood_inputs(scorer, predictor, train_features, records=train_records)
    return scorer.fit(train, ood_inputs(scorer, predictor, features["val"], records=splits.val))


def predicted_class(task_kind: str, logits: Any) -> np.ndarray | None:
    """Each record's predicted class from the model's raw outputs, the groups of a per-class
    threshold: binary: logit > 0 (1) or not (0), whatever the run's decision threshold, so the
    groups are the same at fitting and at prediction; multiclass: the largest logit; other tasks:
    None (one group).

    >>> predicted_class("binary", np.array([[-1.0], [2.0]])).tolist(), predicted_class("regression", [[1.0]])
    ([0, 1], None)
    """
    if task_kind not in ("binary", "multiclass") or logits is None:
        return None
    logits = np.asarray(logits, dtype=np.float64).reshape(len(logits), -1)
    if task_kind == "binary":
        return (logits[:, -1] > 0).astype(np.int64)
    return logits.argmax(axis=1).astype(np.int64)


def ood_inputs(scorer: OODScorer, predictor: Any, features: Any, logits: np.ndarray | None = None,
               records: Any = None) -> OODInputs:
    """What ``scorer`` reads about the records of ``features``, through the predictor's network.

    ``logits``: the model's outputs for ``features`` when the caller has them (not computed
    again). The result's ``model_logits`` are those outputs, also when the pass that captured the
    embedding of a single network gave them, so a caller needs no second forward pass.
    ``records``: the records ``features`` were made from (a Dataset, or a list of inputs), for
    scorers that read the raw input (``texts``, ``smiles``); ``"images"`` in a scorer's ``needs``
    means the featurized images themselves. ``groups``: each record's predicted class
    (:func:`predicted_class`) when the scorer reads them (``evaluate.ood.per_class``)."""
    from .embedding import final_layer_inputs

    out = OODInputs()
    if "texts" in scorer.needs:
        if records is None:
            raise ModelError(f"the {scorer.name} scorer reads the records' texts; its caller passed only "
                             "their features")
        from ..featurizers.text import texts_of

        out.texts = texts_of(records)
    if "smiles" in scorer.needs:
        if records is None:
            raise ModelError(f"the {scorer.name} scorer reads the records' SMILES; pass records= with the features")
        out.smiles = [str(s) for s in getattr(records, "inputs", records)]
    if "features" in scorer.needs:
        out.features = as_matrix(features, "featurized records")
    if "images" in scorer.needs:
        out.images = features
    if "embedding" in scorer.needs:
        passes: list[np.ndarray] = []
        forward = lambda net: passes.append(predictor.logits(features, network=net)) or passes[-1]  # noqa: E731
        if "layers" in scorer.needs:  # the image scorer's stages, read in the same pass
            from .image_layers import StageFeatures

            stages = StageFeatures()
            forward = stages.wrap(forward)
        out.embedding = final_layer_inputs(predictor.model, forward)
        if "layers" in scorer.needs:
            out.layers = stages.features()
        if logits is None and len(passes) == 1:  # one network: its pass gave the model's own logits
            logits = passes[0]
    if "logits" in scorer.needs:
        out.logits = np.asarray(predictor.logits(features) if logits is None else logits)
        logits = out.logits
    if scorer.reads_groups() and predictor.task.kind in ("binary", "multiclass"):  # a threshold per predicted class
        if logits is None:
            logits = predictor.logits(features)
        out.groups = predicted_class(predictor.task.kind, logits)
    out.model_logits = logits
    return out


def flagged_units(flags: np.ndarray, patients: Any = None) -> tuple[str, int, int]:
    """(unit, n, k): what the binomial test counts. Records by default; patients when ``patients``
    (one id per record) shows repeats, a patient counting as flagged when most (more than half)
    of their records are: near-identical recordings of one patient are flagged together, so
    counting them as independent records overstates the evidence (trial 16: 12 of 60 wine rows
    of 29 patients, "p < 0.001")."""
    flags = np.asarray(flags, dtype=bool)
    if patients is not None and len(patients) == len(flags):
        ids = np.asarray(patients).astype(str)
        unique, inverse = np.unique(ids, return_inverse=True)
        if len(unique) < len(flags):
            share = np.bincount(inverse, weights=flags.astype(float)) / np.bincount(inverse)
            return "patient", len(unique), int((share > 0.5).sum())
    return "record", len(flags), int(flags.sum())


def ood_finding(flags: np.ndarray, fpr: float, where: str, patients: Any = None) -> Finding | None:
    """The ``out_of_distribution`` finding when the flagged share of ``flags`` is above ``fpr``
    beyond chance (one-sided binomial test at :data:`FINDING_P_VALUE`, over the units of
    :func:`flagged_units`: patients when ``patients`` shows repeats); counts only."""
    flags = np.asarray(flags, dtype=bool)
    records = int(flags.sum())
    unit, n, k = flagged_units(flags, patients)
    if n == 0 or k <= fpr * n:
        return None
    p_value = binomial_p_value(k, n, fpr)
    if p_value >= FINDING_P_VALUE:
        return None
    if unit == "patient":
        what = (f"{k} of {n} patients of {where} ({k / n:.0%}; {records} of {len(flags)} records, a patient "
                "counted when most of their records are flagged)")
    else:
        what = f"{k} of {n} records of {where} ({k / n:.0%}; the test counts records as independent)"
    return Finding("out_of_distribution", "warning",
                   f"{what} are unlike the training data, where {fpr:.0%} would be flagged by chance "
                   f"(binomial {p_text(p_value)}); their predictions and conformal sets are less reliable",
                   count=records)


def p_text(p_value: float) -> str:
    """A p-value as a reader expects it: "p < 0.001" below 0.001 (a float's 0 or 1e-300 is
    no more meaningful than that), else two significant digits.

    >>> p_text(0.0), p_text(3e-12), p_text(0.0123)
    ('p < 0.001', 'p < 0.001', 'p = 0.012')
    """
    return "p < 0.001" if p_value < 0.001 else f"p = {p_value:.2g}"


def binomial_p_value(k: int, n: int, rate: float) -> float:
    """P(X >= k) for X ~ Binomial(n, rate)."""
    from scipy.stats import binom

    return float(binom.sf(k - 1, n, rate))


def ood_summary(scorer: OODScorer, flags: np.ndarray, scores: np.ndarray, patients: Any = None) -> dict[str, Any]:
    """How many of a set of records were flagged, against the scorer's target rate (the p-value
    over :func:`flagged_units`: patients when ``patients`` shows repeats)."""
    flags = np.asarray(flags, dtype=bool)
    n, k = len(flags), int(flags.sum())
    unit, units, flagged = flagged_units(flags, patients)
    out = {"method": scorer.name, "fpr_target": float(scorer.fpr), "promise": scorer.promise(),
           "threshold": float(scorer.threshold_), "n": n, "n_flagged": k, "flag_rate": k / n if n else None,
           "p_value": binomial_p_value(flagged, units, scorer.fpr) if n else None, "p_value_unit": unit,
           "median_score": float(np.median(scores)) if n else None}
    if unit == "patient":
        out.update(n_patients=units, patients_flagged=flagged)
    return out


def ood_metrics(cfg: Any, modality: str, scorer: OODScorer | None,
                assessments: dict[str, dict[str, Any]], splits: Any = None) -> tuple[dict[str, Any], list[Finding]]:
    """metrics.json's ``ood`` (the method, its target and threshold, the validation and test flag
    rates, or why there is none) and the run's ``out_of_distribution`` finding when the test split
    is flagged beyond the target (stored with the run's other findings, in data.json)."""
    if scorer is None:
        reason = skip_reason(cfg, modality, splits)
        return ({"ood": {"skipped": reason}} if reason else {}), []
    out = scorer.describe()
    test = assessments["test"]
    flags = np.asarray(test["out_of_distribution"], dtype=bool)
    patients = _patients(splits.test) if splits is not None else None
    unit, n, k = flagged_units(flags, patients)
    out.update(test_flag_rate=float(flags.mean()) if len(flags) else None, test_n_flagged=int(flags.sum()),
               test_p_value=binomial_p_value(k, n, scorer.fpr) if n else None, test_p_value_unit=unit)
    if unit == "patient":
        out.update(test_n_patients=n, test_patients_flagged=k)
    reference = getattr(scorer, "fingerprints_", getattr(scorer, "reference_", None))  # molecules: their own
    if reference is not None:
        out["n_reference"] = int(len(reference))
    finding = ood_finding(flags, scorer.fpr, "the test split", patients)
    return {"ood": out}, [finding] if finding is not None else []


def _patients(dataset: Any) -> np.ndarray | None:
    from ..data.patients import patient_groups

    return patient_groups(dataset) if dataset is not None else None
