"""The fitted decision function of a run, as one object: :class:`Predictor`.

A Predictor owns what turns a new patient's data into a decision: the task and its class
names, the run's reader settings (so new files are read as the training files were), the
fitted featurizer, the network (or ensemble), the regression target scaler, the calibration
temperature and the operating threshold. ``mednn predict``, ``mednn evaluate``, ``mednn serve``,
the report and training itself go through it, so "probabilities -> decision" is written once
(:func:`mednn.evaluation.decision.decide`) and applied identically everywhere.

It is saved as ``predictor.json`` beside the model files of a run and loaded from the run
directory alone (no pickle; every file checked against the manifest first)::

    predictor = Predictor.load("runs/breast_cancer")
    dataset = predictor.read("new_patients.csv")           # no label column needed
    prob = predictor.predict_proba(dataset)
    predictor.decide(prob)                                 # class indices at the run's threshold
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

# reading a new file with the run's reader settings: mednn.data.new_files (these names stay importable here)
from .data.new_files import format_of as _format_of, has_column as _has_column  # noqa: F401
from .errors import ConfigError, DataError, problem
from .evaluation.decision import decide
# a fitted temperature outside this range is a degenerate fit, not a calibration (the schema checks it on load)
from .runs.schema import HIGHEST_TEMPERATURE, LOWEST_TEMPERATURE


@dataclass
class Predictor:
    """Featurizer + model + target scaler + temperature + threshold, with the task they serve."""

    task: Any  # mednn.data.base.Task
    featurizer: Any
    model: Any
    modality: str
    data_config: Any = None  # the run's DataConfig: how new files are read
    deid: bool = False  # notes are de-identified before anything sees them
    target_scaler: Any = None
    temperature: float = 1.0
    threshold: Any = None  # binary: float; multilabel: one per label; else None
    calibration: dict[str, Any] = field(default_factory=lambda: {"method": "none"})
    threshold_rule: dict[str, Any] | None = None
    conformal: Any = None  # mednn.evaluation.conformal.ConformalPredictor, fitted on validation
    device: str = "cpu"
    config: Any = None  # the run's RunConfig, when loaded from a run
    metrics: dict[str, Any] = field(default_factory=dict)  # the run's metrics.json, when loaded
    model_name: str | None = None
    threads: int | None = None  # intra-op threads for the network (None: by model size)
    ood: Any = None  # the fitted mednn.ood scorer (None: none; issue 19), applied by mednn.inference.ood
    profile: dict[str, Any] | None = None  # the run's training profile: impossible / far-out values of new records
    # the run's key of DICOM image ids (image_ids.key; None: MEDNN_DEID_SECRET, or a run made before issue 19)
    image_id_key: bytes | None = field(default=None, repr=False)

    # --- fitting on validation data (after training) ---------------------------------------

    def fit_posthoc(self, val_logits: np.ndarray, y_val: np.ndarray, evaluate_cfg) -> "Predictor":
        """Calibrate on validation logits (temperature scaling, kept only where it helps) and
        choose the operating threshold on the calibrated validation probabilities."""
        kind = self.task.kind
        self.temperature, self.calibration = 1.0, {"method": "none"}
        if kind != "regression" and evaluate_cfg.calibrate == "temperature":
            self.temperature, self.calibration = _fit_temperature(val_logits, y_val, kind)
        val_prob = self.proba_from_logits(val_logits)
        if kind != "regression":
            from .evaluation import ece

            self.calibration["val_ece_before"] = _ece(ece, kind, y_val, _activate(kind, val_logits, 1.0))
            self.calibration["val_ece_after"] = _ece(ece, kind, y_val, val_prob)
        from .evaluation.thresholds import threshold_rule

        # multilabel: a label with one class on validation, or ranking below chance there, keeps a fixed cut, named
        self.threshold_rule = threshold_rule(evaluate_cfg, kind, y_val, val_prob, self.task.class_names)
        self.threshold = self.threshold_rule.get("value") if self.threshold_rule else None
        self.conformal = None
        if evaluate_cfg.conformal.coverage is not None and kind != "multilabel":
            from .evaluation.conformal import ConformalPredictor

            self.conformal = ConformalPredictor(evaluate_cfg.conformal.coverage, evaluate_cfg.conformal.method,
                                                kind).fit(val_prob, y_val)
        return self

    # --- applying ---------------------------------------------------------------------------

    def logits(self, features: Any, *, batch_size: int = 1024, network=None) -> np.ndarray:
        """Raw outputs of the model (or of one ``network`` of an ensemble), computed with the
        thread count training chose for it (one thread for a small network: more only
        spin-wait, 25x slower on a busy machine)."""
        import torch

        from .inference.forward import predict_logits
        from .inference.threads import thread_count

        network = self.model if network is None else network
        before = torch.get_num_threads()
        threads = thread_count(self.threads, _parameter_count(network))
        if threads != before:
            torch.set_num_threads(threads)
        try:
            return predict_logits(network, features, batch_size=batch_size, device=self.device).numpy()
        finally:
            if threads != before:
                torch.set_num_threads(before)

    def proba_from_logits(self, logits: np.ndarray) -> np.ndarray:
        """Calibrated probabilities (classification) or values in the target's units (regression)."""
        if self.task.kind == "regression":
            return self.target_scaler.inverse(np.asarray(logits))
        return _activate(self.task.kind, logits, self.temperature)

    def predict_proba(self, dataset) -> np.ndarray:
        """Probabilities per class (binary: of the positive class) or predicted values."""
        return self.proba_from_logits(self.logits(self.featurizer.transform(dataset)))

    def assess(self, features: Any, prob: np.ndarray | None = None, records: Any = None) -> dict[str, Any]:
        """Probabilities plus what a clinician needs to weigh them, per record:

        - ``sets`` (classification) / ``intervals`` (regression): the conformal prediction set
          or interval at the run's coverage (when the run fitted one);
        - ``uncertainty``: the ensemble members' spread (standard deviation of their calibrated
          probabilities, mean over classes) when the model is an ensemble, otherwise
          ``1 - the largest class probability``; ``uncertainty_kind`` says which. None for
          multilabel and regression (whose intervals are the uncertainty);
        - ``ood_score`` / ``out_of_distribution``: how unlike the training data each record is,
          and whether it is above the threshold chosen on validation (when the run has a scorer;
          ``records``: the Dataset ``features`` were made from, which the text and molecule scorers read).
        """
        from .inference.ood import assess
        from .models.ensemble import members_of

        flags = None
        if prob is None:
            logits = None
            if self.ood is not None:  # its forward pass gives the logits too: the network runs once
                flags, logits = assess(self.ood, self, features, records=records)
            prob = self.proba_from_logits(self.logits(features) if logits is None else logits)
        out: dict[str, Any] = {"prob": prob, "sets": None, "intervals": None, "uncertainty": None,
                               "uncertainty_kind": None}
        kind = self.task.kind
        if self.conformal is not None:
            if kind == "regression":
                out["intervals"] = self.conformal.predict_intervals(prob)
            else:
                out["sets"] = self.conformal.predict_sets(prob)
        if kind in ("binary", "multiclass"):
            members = members_of(self.model)
            if len(members) > 1:
                each = np.stack([self.proba_from_logits(self.logits(features, network=m)) for m in members])
                spread = each.std(axis=0)
                out["uncertainty"] = spread if spread.ndim == 1 else spread.mean(axis=1)
                out["uncertainty_kind"] = "ensemble spread"
            else:
                p = np.column_stack([1 - prob, prob]) if kind == "binary" else np.asarray(prob)
                out["uncertainty"] = 1 - p.max(axis=1)
                out["uncertainty_kind"] = "1 - top probability"
        if self.ood is not None:  # issue 19: a flag per record, the prediction is kept
            out.update(flags if flags is not None else assess(self.ood, self, features, records=records)[0])
        return out

    def assess_new(self, dataset) -> dict[str, Any]:
        """:meth:`assess` of new records (predict, serve), plus ``unseen_categories``: per record
        the categorical columns whose value training never saw (tables; names, never values), and
        ``far``: :func:`mednn.inference.alerts.far_outside` (column -> per record, a value no patient
        can have or far outside the training range), the one check predict and serve both say."""
        from .inference.alerts import far_outside
        from .inference.ood import unseen_categories

        features = self.featurizer.transform(dataset)
        unseen = unseen_categories(self.featurizer, len(dataset.ids))  # read before another transform
        out = self.assess(features, records=dataset)
        if unseen is not None:
            out["unseen_categories"] = unseen
        out["far"] = far_outside(self.profile, dataset, self.featurizer)
        return out

    def decide(self, prob: np.ndarray) -> np.ndarray:
        """Class indices, 0/1 per label, or values: the one place a threshold is applied."""
        return decide(self.task.kind, prob, self.threshold)

    def read(self, path: str | Path, *, labels: bool = False):
        """Read a file (or folder of images) the way the run read its training data.

        ``labels=False`` needs no label column; ``labels=True`` codes the labels against the
        run's own classes, so a file holding one class (a file of controls) reads fine.
        """
        from .data.dicom_privacy import image_ids_keyed
        from .data.readers import read_dataset

        with image_ids_keyed(self.image_id_key):  # DICOM images named as the run names its own
            dataset = read_dataset(self._reader_config(path, labels=labels), labels=labels, task=self.task)
        if len(dataset) == 0:
            raise DataError(problem(f"{path} holds no samples", fix="check the path"))
        return self._deidentified(dataset)

    def _deidentified(self, dataset):
        if not self.deid:
            return dataset
        from .privacy.deid_steps import deidentify_for_prediction

        return deidentify_for_prediction(dataset)

    def record_reader(self):
        """The :class:`~mednn.inference.records.RecordReader` of this run (made once; its
        modality's spec names it): how records sent as JSON, or uploaded files, are read with
        the run's own reader checks."""
        reader = self.__dict__.get("_record_reader")
        if reader is None:
            from .inference.records import record_reader
            from .modalities import modality_spec

            name = modality_spec(self.modality).record_reader
            if name is None:
                raise ConfigError(problem(f"A {self.modality} run cannot read served records: its modality names "
                                          "no record reader", fix="use mednn predict on a file"))
            cfg = self._reader_config("the request", labels=False).model_copy(
                update={"id_column": None, "patient_column": None, "meta_columns": []})
            reader = self.__dict__["_record_reader"] = record_reader(name, cfg, self.featurizer)
        return reader

    def read_records(self, records: list[dict[str, Any]]):
        """Records (column -> value dicts, e.g. a JSON request) read as the run reads a file,
        in memory; ids are the records' positions (0, 1, ...)."""
        reader = self.record_reader()
        return self._deidentified(reader.read(reader.prepare(records).rows))

    def read_uploads(self, uploads: list[tuple[str, bytes]]):
        """Files sent to ``mednn serve`` (name, bytes), decoded in memory as :meth:`read`
        decodes a folder of them (the run's record reader: images); ids are the uploads' positions."""
        return self.record_reader().read(uploads)

    def _reader_config(self, path: str | Path, labels: bool = True):
        from .data.new_files import reader_config

        return reader_config(self.data_config, path, self.featurizer.reader_settings(self.data_config) or {},
                             labels)

    # --- tables of predictions ------------------------------------------------------------

    def prediction_frame(self, ids, prob, targets=None, split=None, assessment=None):
        """The predictions table (layout in docs/run-directory.md) at the run's operating
        point, with each record's conformal set / interval and uncertainty when given."""
        frame = prediction_frame(self.task, ids, prob, self.decide(prob), targets=targets, split=split)
        if assessment is not None:
            names = list(self.task.class_names)
            if assessment["sets"] is not None:
                sets = np.asarray(assessment["sets"], dtype=bool)
                codes, where = np.unique(sets @ (1 << np.arange(sets.shape[1], dtype=np.int64)), return_inverse=True)
                text = np.array([" | ".join(c for j, c in enumerate(names) if code >> j & 1) for code in codes.tolist()],
                                dtype=object)
                frame[f"set:{_percent(self.conformal.coverage)}"] = text[where.reshape(-1)]
            if assessment["intervals"] is not None:
                lower, upper = assessment["intervals"]
                for j, c in enumerate(names):
                    frame[f"lower:{c}"], frame[f"upper:{c}"] = lower[:, j], upper[:, j]
            if assessment["uncertainty"] is not None:
                frame["uncertainty"] = np.asarray(assessment["uncertainty"], dtype=np.float64)
            from .inference.ood import add_columns

            add_columns(frame, assessment)  # ood_score, out_of_distribution (issue 19)
        return frame

    def records(self, ids, prob, assessment=None) -> list[dict[str, Any]]:
        """Predictions as JSON-ready dicts (numbers stay numbers), one per sample."""
        out = self._records(ids, prob)
        if assessment is not None:
            names = list(self.task.class_names)
            for i, row in enumerate(out):
                if assessment["sets"] is not None:
                    row["set"] = [c for c, keep in zip(names, assessment["sets"][i]) if keep]
                    row["set_coverage"] = self.conformal.coverage
                if assessment["intervals"] is not None:
                    lower, upper = assessment["intervals"]
                    row["interval"] = {c: [_finite(lower[i, j]), _finite(upper[i, j])] for j, c in enumerate(names)}
                    row["interval_coverage"] = self.conformal.coverage
                if assessment["uncertainty"] is not None:
                    row["uncertainty"] = float(assessment["uncertainty"][i])
            from .inference.ood import add_fields

            add_fields(out, assessment)  # issue 19: a flagged record's set or interval is marked
        return out

    def _records(self, ids, prob) -> list[dict[str, Any]]:
        names = list(self.task.class_names)
        kind = self.task.kind
        pred = self.decide(prob)
        out = []
        if kind == "binary":
            for i, id_ in enumerate(ids):
                p = float(prob[i])
                out.append({"record": id_, "predicted": names[int(pred[i])], f"p:{names[0]}": 1.0 - p,
                            f"p:{names[1]}": p})
        elif kind == "multiclass":
            for i, id_ in enumerate(ids):
                row = {"record": id_, "predicted": names[int(pred[i])]}
                row.update({f"p:{c}": float(v) for c, v in zip(names, prob[i])})
                out.append(row)
        elif kind == "multilabel":
            for i, id_ in enumerate(ids):
                row = {"record": id_}
                row.update({f"p:{c}": float(v) for c, v in zip(names, prob[i])})
                row.update({f"predicted:{c}": int(v) for c, v in zip(names, pred[i])})
                out.append(row)
        else:
            values = np.asarray(prob).reshape(len(ids), -1)
            for i, id_ in enumerate(ids):
                out.append({"record": id_, **{f"predicted:{c}": float(v) for c, v in zip(names, values[i])}})
        return out

    # --- persistence --------------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        return {
            "task": self.task.to_dict(),
            "positive_class": self.task.positive_class,
            "modality": self.modality,
            "temperature": float(self.temperature),
            "calibration": self.calibration,
            "threshold": self.threshold_rule,
            "target_scaler": self.target_scaler.state_dict() if self.target_scaler is not None else None,
            "conformal": self.conformal.state_dict() if self.conformal is not None else None,
            "deid": bool(self.deid),
        }

    @classmethod
    def load(cls, run_dir: str | Path, *, device: str = "cpu") -> "Predictor":
        """The Predictor of a finished run (files checked against the manifest first)."""
        from .runs import load_run

        run = load_run(run_dir, device=device)
        return cls.from_run(run, device=device)

    @classmethod
    def from_run(cls, run, *, device: str = "cpu") -> "Predictor":
        """The Predictor of a :class:`mednn.runs.LoadedRun` (its record's values were checked on load)."""
        from .inference.scaler import TargetScaler

        record = run.record
        conformal = None
        if record.conformal is not None:
            from .evaluation.conformal import ConformalPredictor

            conformal = ConformalPredictor.from_state(record.conformal.state())
        scaler = TargetScaler.from_state(record.target_scaler.model_dump()) if record.target_scaler else None
        rule = record.threshold.model_dump(exclude_none=True) if record.threshold is not None else None
        return cls(task=record.task.to_task(), featurizer=run.featurizer, model=run.model, modality=record.modality,
                   data_config=record.config.data, deid=record.deid, target_scaler=scaler,
                   temperature=record.temperature, threshold=record.threshold_value,
                   calibration=record.calibration.model_dump(exclude_none=True), threshold_rule=rule,
                   conformal=conformal, device=device, config=record.config, metrics=run.metrics,
                   model_name=record.model.name, threads=record.config.train.threads, ood=_ood(run),
                   profile=record.profile.as_dict() if record.profile is not None else None,
                   image_id_key=run.image_id_key())


# --- helpers --------------------------------------------------------------------------------

_PARAMETER_COUNTS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _ood(run):
    """The run's out-of-distribution scorer (issue 19), None for a run without one."""
    state = run.ood_state() if hasattr(run, "ood_state") else None
    if state is None:
        return None
    from .inference.ood import scorer_from_state

    return scorer_from_state(state)


def _parameter_count(network) -> int:
    """The network's parameter count, counted once (a served request should not walk them)."""
    count = _PARAMETER_COUNTS.get(network)
    if count is None:
        count = _PARAMETER_COUNTS[network] = sum(p.numel() for p in network.parameters())
    return count


def _activate(kind: str, logits: np.ndarray, temperature: float) -> np.ndarray:
    """Softmax / sigmoid of ``logits / temperature`` (float64, no overflow)."""
    z = np.asarray(logits, dtype=np.float64) / temperature
    if kind == "multiclass":
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)
    p = np.exp(-np.logaddexp(0.0, -z))
    return p.reshape(-1) if kind == "binary" else p


def _percent(coverage: float) -> str:
    return f"{100 * coverage:g}%"


def _finite(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def _nll(kind: str, y: np.ndarray, prob: np.ndarray) -> float:
    eps = 1e-12
    if kind == "multiclass":
        return float(-np.mean(np.log(np.clip(prob[np.arange(len(y)), y.astype(int)], eps, 1.0))))
    y = np.asarray(y, dtype=np.float64)
    mask = ~np.isnan(y)
    p = np.clip(prob, eps, 1 - eps)
    ll = np.where(y == 1, np.log(p), np.log(1 - p))
    return float(-ll[mask].mean())


def _fit_temperature(val_logits: np.ndarray, y_val: np.ndarray, kind: str) -> tuple[float, dict[str, Any]]:
    """Temperature scaling, kept only where it helps patients it was not fitted on.

    On the fitting data a temperature always lowers the NLL, so that says nothing. The check is
    cross-fitted: T is fitted on one half of the validation split and scored on the other, both
    ways; the full-validation T is kept only when those held-out NLLs beat T = 1's.
    """
    from .evaluation import TemperatureScaler

    z = np.asarray(val_logits, dtype=np.float64)
    y = np.asarray(y_val)
    ts = TemperatureScaler(kind).fit(z, y)
    t = float(ts.temperature_)
    info: dict[str, Any] = {"method": "temperature", "fitted_temperature": t}
    if not LOWEST_TEMPERATURE <= t <= HIGHEST_TEMPERATURE:
        # validation predictions that separate the classes perfectly drive T -> 0
        info.update(method="none", temperature=1.0,
                    note=f"temperature scaling skipped: the fit ran to T = {t:.3g} (validation predictions "
                         "separate the classes); kept T = 1")
        return 1.0, info
    rng = np.random.default_rng(0)
    order = rng.permutation(len(y))
    halves = (order[: len(y) // 2], order[len(y) // 2:])
    held_out_t, held_out_1 = 0.0, 0.0
    for fit_idx, test_idx in (halves, halves[::-1]):
        try:
            t_half = float(TemperatureScaler(kind).fit(z[fit_idx], y[fit_idx]).temperature_)
        except Exception:  # noqa: BLE001 - a half too small or one-class: no evidence either way
            t_half = 1.0
        t_half = min(max(t_half, LOWEST_TEMPERATURE), HIGHEST_TEMPERATURE)
        held_out_t += _nll(kind, y[test_idx], _activate(kind, z[test_idx], t_half)) * len(test_idx)
        held_out_1 += _nll(kind, y[test_idx], _activate(kind, z[test_idx], 1.0)) * len(test_idx)
    info["val_nll_held_out"] = {"temperature": held_out_t / len(y), "none": held_out_1 / len(y)}
    if held_out_t >= held_out_1:
        info.update(method="none", temperature=1.0,
                    note=f"temperature scaling (T = {t:.3g}) did not lower the validation NLL of held-out "
                         "halves; kept T = 1")
        return 1.0, info
    info["temperature"] = t
    return t, info


def _ece(fn, kind: str, y, prob) -> float | None:
    if kind == "multilabel":
        values = []
        for j in range(y.shape[1]):
            m = ~np.isnan(y[:, j])
            if m.any():
                values.append(fn(y[m, j].astype(int), prob[m, j]))
        return float(np.nanmean(values)) if values else None
    return float(fn(y, prob))


def prediction_frame(task, ids, prob, pred, targets=None, split=None):
    """The predictions table as a DataFrame (numbers stay numbers; written with
    :func:`frame_to_csv`); ``pred`` comes from :meth:`Predictor.decide`."""
    import pandas as pd

    names = np.array(list(task.class_names), dtype=object)
    n = len(ids)
    prob = np.asarray(prob, dtype=np.float64)
    columns: dict[str, Any] = {"id": np.asarray(ids, dtype=object)}
    if split is not None:
        columns["split"] = np.asarray(split, dtype=object)
    if task.kind in ("binary", "multiclass"):
        p = np.column_stack([1 - prob, prob]) if task.kind == "binary" else prob.reshape(n, -1)
        if targets is not None:
            columns["target"] = names[np.asarray(targets).astype(int)]
        columns["predicted"] = names[np.asarray(pred).astype(int)]
        columns.update({f"p:{c}": p[:, j] for j, c in enumerate(names)})
    elif task.kind == "multilabel":
        if targets is not None:
            t = np.asarray(targets, dtype=np.float64)
            columns.update({f"target:{c}": pd.array(np.where(np.isnan(t[:, j]), pd.NA, t[:, j]), dtype="Int64")
                            for j, c in enumerate(names)})
        columns.update({f"p:{c}": prob[:, j] for j, c in enumerate(names)})
        columns.update({f"predicted:{c}": np.asarray(pred)[:, j].astype(int) for j, c in enumerate(names)})
    else:
        values = prob.reshape(n, -1)
        if targets is not None:
            t = np.asarray(targets, dtype=np.float64).reshape(n, -1)
            columns.update({f"target:{c}": t[:, j] for j, c in enumerate(names)})
        columns.update({f"predicted:{c}": values[:, j] for j, c in enumerate(names)})
    return pd.DataFrame(columns)


from .runs.files import frame_to_csv  # noqa: E402,F401  (one CSV layout: runs writes predictions.csv with it)
