"""Scoring new data with a finished run: ``mednn predict`` and ``mednn evaluate``.

Both load the run's :class:`~mednn.predictor.Predictor` (files checked against the manifest),
read the input the way the run read its training data, and write or return results; neither
needs the original code path or data.

- :func:`predict_file`: any input the run's modality reads, labels not needed -> a CSV with
  one row per sample (``id`` = the input's own id column when it has one, otherwise the row
  number / the image's path, a DICOM's keyed pseudonym; layout in ``docs/run-directory.md``).
  Any record flagged out of distribution or far outside the training range is named in one
  console line (:mod:`mednn.inference.alerts`), also by :func:`evaluate_file`.
- :func:`evaluate_file`: labelled input (e.g. another site) -> metrics with bootstrap CIs at
  the run's threshold; a file holding one class reports the metrics that are defined and
  names those that are not.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import numpy as np

from .errors import ConfigError, DataError, plural, problem
from .predictor import Predictor, frame_to_csv


def predict_file(run_dir: str | Path, input_path: str | Path, out: str | Path | None = None, *,
                 overwrite: bool = False, data_overrides: list[str] | None = None) -> Path:
    """Predict a file with a finished run; write ``out`` (CSV) atomically and return its path.

    An existing ``out`` is replaced only when it is a predictions table mednn wrote (its header
    says so), never another file (``overwrite`` is accepted for older callers and changes
    nothing); it is never the input or a file of the run. Inputs that could not be predicted are
    listed beside it (``OUT.skipped.csv``, ``OUT.invalid_molecules.csv``) under the same rule; if
    any write fails, none of this call's files is left behind.
    ``data_overrides``: reader keys (``data.delimiter=;``) for this file (mednn.data.overrides).
    """
    from .data.overrides import with_reader_overrides
    from .runs import load_run, read_manifest

    read_manifest(run_dir)  # a folder that is no run at all is named as such first
    # before any work: never the input, never inside a run, a parent that exists and is writable
    out = _check_out(out if out is not None else _default_out(Path(input_path)), PREDICTION_HEADER,
                     [input_path, run_dir])
    run = load_run(run_dir)
    predictor = Predictor.from_run(run)
    predictor.data_config = with_reader_overrides(predictor.data_config,
                                                  _skip_unreadable_by_default(predictor, data_overrides))
    dataset = predictor.read(input_path, labels=False)
    assessment = predictor.assess_new(dataset)
    frame = predictor.prediction_frame(list(dataset.ids), assessment["prob"], assessment=assessment)
    _with_patients(frame, predictor, dataset)
    _warn_shift(run, dataset, predictor)  # unlabelled rows are checked for shift as evaluate checks a site
    files: dict[Path, Any] = {out: lambda f: frame_to_csv(frame, f)}  # streamed: a full disk is one line
    for name, text in _side_tables(dataset).items():
        # inputs that could not be predicted (invalid molecules, unreadable files) are listed
        side = _check_out(out.with_name(f"{out.stem}.{name}"), SIDE_TABLE_HEADERS[name], [input_path, run_dir])
        files[side] = text
        warnings.warn(f"{plural(len(dataset.notes.get(name.removesuffix('.csv'), [])), 'input')} could not be "
                      f"predicted; listed in {side}", stacklevel=2)
    _warn_ignored(dataset, input_path)
    files_ignored = (dataset.notes.get("ignored") or {}).get("count")
    if files_ignored:  # a notes.txt beside the scans: counted and typed, never named
        warnings.warn(f"{files_ignored} file(s) of {input_path} are not images and were not read "
                      f"({', '.join(dataset.notes['ignored'].get('types') or [])})", stacklevel=2)
    _write_all(files)
    _warn_unseen_categories(assessment.get("unseen_categories"), Path(input_path).name, out)
    _warn_stereo_blind(predictor, dataset)
    # after the write, so that a failed write is the only line: the run's own training samples,
    _site_samples(run, dataset, Path(input_path).name, "predict")
    # then any record flagged out of distribution (or with a value far outside the training range) is one
    # line, once the output is written (a failed write is the only line then)
    for finding in _warn_unusual(run, predictor, dataset, assessment.get("out_of_distribution"),
                                 Path(input_path).name, far=assessment.get("far")):
        if finding.severity == "info":  # as train and evaluate print it: mednn: info: [id] message
            finding.warn(stacklevel=2)
    return out


def _with_patients(frame, predictor, dataset) -> None:
    """The input's own ``data.patient_column`` beside ``id`` when the file carries it, or the
    patient ``data.patient_from`` derives (as ``patient_id``; trial 16: only ``row-N`` ids), so
    that a user can group the predictions by patient: the file's value, written to the user's own
    output as the id column is (the run directory itself never stores a patient id)."""
    from .data.patients import patient_groups

    cfg = predictor.data_config
    column = cfg.patient_column or ("patient_id" if cfg.patient_from is not None else None)
    groups = patient_groups(dataset)
    if column and groups is not None and len(groups) == len(frame) and column not in frame.columns:
        frame.insert(1, column, np.asarray(groups, dtype=object))


def _skip_unreadable_by_default(predictor, overrides: list[str] | None) -> list[str]:
    """An image run scores every readable file of a batch: unless ``--set data.on_unreadable=...``
    says otherwise, unreadable files (a multi-frame DICOM among 2D files, trial 11) are skipped,
    each listed with its reason in ``OUT.skipped.csv`` and counted in a warning line."""
    from .config import parse_override

    given = list(overrides or [])
    if predictor.modality != "images" or any(parse_override(t)[0] == "data.on_unreadable" for t in given):
        return given
    return [*given, "data.on_unreadable=skip"]


def _warn_unseen_categories(unseen, source: str, out: Path) -> None:
    """One line when records hold a category training never saw (a typo, another coding, an
    emoji): the columns and counts, never the values; each record's columns are in ``out``."""
    if unseen is None:
        return
    from collections import Counter

    per_column = Counter(c for columns in unseen.tolist() if columns for c in columns.split("; "))
    if not per_column:
        return
    rows = sum(bool(columns) for columns in unseen.tolist())
    listed = ", ".join(f"'{c}': {k}" for c, k in sorted(per_column.items()))
    warnings.warn(f"{rows} of {plural(len(unseen), 'record')} of {source} {'holds' if rows == 1 else 'hold'} a category never "
                  f"seen in training (records per column: {listed}): the model reads it as no known category, so their "
                  f"predictions are less reliable; each record's columns are in column unseen_categories of "
                  f"{out.name}; fix: check the spelling and coding of those columns against the training data",
                  stacklevel=3)


# the first line of what predict writes: a file starting otherwise is not mednn's to replace
PREDICTION_HEADER = "id,"
SIDE_TABLE_HEADERS = {"skipped.csv": "id,path,reason", "invalid_molecules.csv": "row,id,reason"}


def _check_out(path: Path, header: str, inputs: list) -> Path:
    """The write policy (:func:`mednn.runs.check_output_file`): an existing file is replaced only
    when its first line is the header mednn writes for this output."""
    from .runs import check_output_file

    def ours(existing: Path) -> bool:
        with open(existing, encoding="utf-8", errors="replace", newline="") as f:
            first = f.readline(4096)
        return first.startswith(header) and (header != PREDICTION_HEADER or "predicted" in first)

    return check_output_file(path, inputs=inputs, ours=ours, kind="predictions file")


def _side_tables(dataset) -> dict[str, str]:
    from .runs import side_tables

    return side_tables(dataset)


def _write_all(files: dict[Path, Any]) -> None:
    """Write each file atomically (text, or a function writing to the open file); if one fails,
    remove those this call wrote before it."""
    from .runs import open_atomic

    written: list[Path] = []
    existed = {path for path in files if path.exists()}
    try:
        for path, content in files.items():
            with open_atomic(path, newline="") as f:  # an OS error (disk full) is one line
                content(f) if callable(content) else f.write(content)
            written.append(path)
    except BaseException:
        for path in written:
            if path not in existed:
                path.unlink(missing_ok=True)
        raise


def _default_out(input_path: Path) -> Path:
    if input_path.is_dir():  # a folder of images: the table goes beside it
        return input_path.with_name(f"{input_path.name}.predictions.csv")
    return input_path.with_name(f"{input_path.name.split('.')[0]}.predictions.csv")


def evaluate_file(run_dir: str | Path, data_path: str | Path, *, n_bootstrap: int | None = None,
                  data_overrides: list[str] | None = None) -> dict[str, Any]:
    """Metrics (with bootstrap CIs) of a finished run on new labelled data, e.g. an external site,
    with the site checked for shift against the run's training profile and its calibration
    (:func:`mednn.evaluation.external.assess_site`: ``findings``, ``shift``, ``calibration``).
    ``data_overrides``: reader keys (``data.missing_values=['-']``) for this file (mednn.data.overrides)."""
    from .data.overrides import with_reader_overrides
    from .data.patients import patient_groups
    from .evaluation import evaluate
    from .evaluation.external import assess_site
    from .runs import load_run

    n_bootstrap = _bootstrap_count(n_bootstrap)
    run = load_run(run_dir)
    predictor = Predictor.from_run(run)
    predictor.data_config = with_reader_overrides(predictor.data_config, data_overrides)
    dataset = predictor.read(data_path, labels=True)
    from .privacy.levels import screen_category_levels

    # the site's meta values become subgroup names in the evaluation's JSON
    screen_category_levels(dataset, predictor.data_config.options.get("allow_identifier_columns") or (), features=False)
    task = predictor.task
    if dataset.task.kind != task.kind or list(dataset.task.class_names) != list(task.class_names):
        raise DataError(problem(
            f"The labels of {data_path} do not match the run's task ({task.kind}, {len(task.class_names)} classes)",
            fix="use the same label column and coding as the training data (or data.label_map)"))
    _warn_ignored(dataset, data_path)
    features = predictor.featurizer.transform(dataset)
    logits = predictor.logits(features)
    prob = predictor.proba_from_logits(logits)
    cfg_eval = predictor.config.evaluate
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # undefined metrics are listed below instead
        metrics = evaluate(task, dataset.targets, prob, threshold=predictor.threshold,
                           n_bootstrap=cfg_eval.bootstrap if n_bootstrap is None else n_bootstrap,
                           confidence=cfg_eval.confidence, seed=predictor.config.seed,
                           groups=patient_groups(dataset))  # the site's patients, when its file names them
    undefined = dict(sorted(_undefined(metrics)))  # metric -> the reason evaluate() gave
    result: dict[str, Any] = {
        "task": task.kind,
        "data": str(data_path),
        "n": len(dataset),
        "threshold": predictor.threshold,
        "metrics": metrics,
    }
    if task.kind != "regression":  # no classes to count: the label's summary is shift.label
        result["class_counts"] = dataset.class_counts()
    seen = _seen_in_training(run, dataset, Path(data_path).name, result)
    profile = run.record.profile.as_dict() if run.record.profile is not None else None
    train_split = run.record.data.splits.get("train")
    site = assess_site(profile, dataset, predictor.featurizer, task=task, prob=prob, metrics=metrics,
                       conformal=predictor.conformal, confidence=cfg_eval.confidence, where=Path(data_path).name,
                       train_class_counts=train_split.class_counts if train_split else None,
                       n_train=train_split.n if train_split else 0, target_scaler=predictor.target_scaler)
    # what reading the site's file noticed (duplicates removed, empty texts ...), the records flagged
    # out of distribution (issue 19), then the shift check's
    findings = list(dataset.findings or ()) + seen
    flags = None
    if predictor.ood is not None:
        result["ood"], flags = _ood_result(predictor, features, logits, dataset, prob)
    findings += _warn_unusual(run, predictor, dataset, flags, Path(data_path).name)
    findings += list(site.pop("findings"))
    result.update(site)
    if findings:
        result["findings"] = [f.to_dict() for f in findings]
    for key in ("skipped", "invalid_molecules"):  # what the reader left out, each with its row and reason
        if dataset.notes.get(key):
            result[key] = list(dataset.notes[key])
    if undefined:
        reasons = list(dict.fromkeys(r for r in undefined.values() if r))  # each distinct reason once
        result["undefined"] = {
            "metrics": list(undefined),
            "why": "; ".join(reasons[:3]) + ("; ..." if len(reasons) > 3 else "") if reasons else "not defined on these data",
        }
    return result


def _warn_ignored(dataset, input_path) -> None:
    """One line naming the columns of a table that are not model inputs (predict and evaluate)."""
    ignored = dataset.notes.get("ignored_columns")
    if ignored:
        one = len(ignored) == 1
        warnings.warn(f"{plural(len(ignored), 'column')} of {input_path} {'is' if one else 'are'} not "
                      f"{'a model input' if one else 'model inputs'} and {'was' if one else 'were'} ignored: "
                      f"{', '.join(map(str, ignored[:10]))}{', ...' if len(ignored) > 10 else ''}", stacklevel=3)


def _seen_in_training(run, dataset, where: str, result: dict[str, Any]) -> list:
    """The site's patients and samples the run was trained on: counts into ``result``
    (``patients``, ``samples_seen_in_training``), and their ``split_leakage`` findings."""
    patients, seen = _site_patients(run, dataset, where)
    if patients is not None:
        result["patients"] = patients
    samples, copied = _site_samples(run, dataset, where, "evaluate")
    if samples is not None:
        result["samples_seen_in_training"] = samples
    return [f for f in (seen, copied) if f is not None]


def _site_patients(run, dataset, where: str):
    """The site's patients (``data.patient_column`` / ``data.patient_from`` in its file): their
    count and how many the run's training split held (matched by the run's short keyed hashes,
    :mod:`mednn.data.patient_keys`), and a ``split_leakage`` finding when more than chance
    explains; (None, None) when the file names no patients."""
    from .data.patients import patient_groups
    from .findings import Finding

    groups = patient_groups(dataset)
    if groups is None:
        return None, None
    out: dict[str, Any] = {"n": int(len(np.unique(groups.astype(str))))}
    stored = run.record.data.groups.train_keys if run.record.data.groups is not None else None
    if stored is None:  # a run from before the keys, or trained without patient ids
        return out, None
    from .data.patient_keys import seen_in_training

    seen = seen_in_training(stored, groups)
    out["seen_in_training"] = {k: seen[k] for k in ("matched", "rows", "by_chance")}
    if not seen["shared"]:
        return out, None
    finding = Finding(
        "split_leakage", "warning",
        f"{where}: {seen['matched']} of {seen['patients']} patients ({seen['rows']} of {len(groups)} rows) were in "
        f"the run's training split (matched by hashed ids; about {seen['by_chance']:g} would match by chance): "
        "these metrics are optimistic; evaluate on patients the model never saw", count=seen["rows"])
    finding.warn(stacklevel=3)
    return out, finding


_SAMPLE_WORDS = {"tabular": ("rows", "the feature values of every row"), "molecules": ("molecules", "canonical SMILES"),
                 "text": ("texts", "the texts"),
                 "images": ("images", "the decoded pixels after the run's resize; a resampled or lossy re-encoded "
                            "copy does not match")}


def _site_samples(run, dataset, where: str, command: str):
    """The file's samples identical to a training sample of the run (matched by the run's short
    keyed hashes, :mod:`mednn.data.sample_keys`): their counts, and a ``split_leakage`` finding
    (and its console line) when more match than chance and the run's own test repeats explain;
    (None, None) for a run from before the keys or inputs with no fingerprint."""
    from .data.sample_keys import samples_seen
    from .findings import Finding

    stored = run.record.data.sample_keys
    seen = samples_seen(stored, dataset.inputs) if stored else None
    if seen is None:
        return None, None
    counts = {k: seen[k] for k in ("n", "matched", "expected")}
    if not seen["shared"]:
        return counts, None
    what, how = _SAMPLE_WORDS.get(dataset.modality, ("samples", "their inputs"))
    advice = ("these metrics are optimistic, this is not external validation" if command == "evaluate"
              else "these predictions are not a test of the model")
    finding = Finding(
        "split_leakage", "warning",
        f"{where}: {seen['matched']} of {seen['n']} {what} are the run's training {what} (matched by keyed hashes "
        f"of {how}; about {seen['expected']:g} would match by chance or as honest repeats): {advice}; "
        "use data the model never saw", count=seen["matched"])
    if command == "predict":  # evaluate's end-of-command summary prints it, after the write
        finding.warn(stacklevel=3)
    return counts, finding


def _ood_result(predictor: Predictor, features: Any, logits, records: Any = None, prob=None):
    """``mednn evaluate``'s ``ood`` summary of a site's records (``logits``: the model's, already
    computed), with the conformal coverage of its flagged records and the others apart, and the
    records' flags."""
    from .inference.ood import assess, coverage_by_flag
    from .ood.run import ood_summary

    flagged, _ = assess(predictor.ood, predictor, features, logits, records=records)
    from .data.patients import patient_groups

    summary = ood_summary(predictor.ood, flagged["out_of_distribution"], flagged["ood_score"],
                          patient_groups(records) if records is not None else None)
    if predictor.conformal is not None and prob is not None and predictor.task.kind != "multilabel":
        summary["conformal"] = coverage_by_flag(predictor.conformal, prob, records.targets,
                                                flagged["out_of_distribution"], predictor.task.class_names)
    return summary, flagged["out_of_distribution"]


def _warn_unusual(run, predictor: Predictor, dataset, flags, where: str, far=None) -> list:
    """The findings on records not to trust: ``out_of_distribution`` for exactly the records the
    scorer flagged (a warning, shown at once, when more than its false-positive rate explains; else
    ``info`` for the caller to show), and ``impossible_values`` / ``extreme_values`` warnings, shown
    at once, for records holding values no patient can have / far outside the training range (trial
    6: one impossible record got a confident answer and no word; trial 9: those records were counted
    as flagged while the scorer had flagged none). Each names its count, its first records and
    (``rows``) their 0-based positions in the file as read, and the columns (names and counts)."""
    from .findings import Finding
    from .inference.alerts import far_outside, flagged_detail, flagged_line, value_lines
    from .ood.run import ood_finding

    profile = run.record.profile.as_dict() if run.record.profile is not None else None
    if far is None:  # predict has it from Predictor.assess_new, the check serve answers with too
        far = far_outside(profile, dataset, predictor.featurizer)
    flags = np.zeros(len(dataset), dtype=bool) if flags is None else np.asarray(flags, dtype=bool)
    flagged = tuple(np.flatnonzero(flags).tolist())
    found = []
    from .data.patients import patient_groups

    patients = patient_groups(dataset)
    finding = ood_finding(flags, predictor.ood.fpr, where, patients) if predictor.ood is not None else None
    if finding is not None:
        found.append(Finding(finding.id, finding.severity, f"{finding.message} ({flagged_detail(dataset.ids, flags)})",
                             count=finding.count, rows=flagged))
    elif (line := flagged_line(dataset.ids, flags, where)) is not None:
        # no more flags than chance explains: info (predict / evaluate's summary print it after writing)
        found.append(Finding("out_of_distribution", "info", line, count=len(flagged), rows=flagged))
    for kind, records, columns, message in value_lines(dataset.ids, far, where):
        found.append(Finding(kind, "warning", message, count=int(records.sum()), columns=columns,
                             rows=tuple(np.flatnonzero(records).tolist())))
    for each in found:
        if each.severity == "warning":
            each.warn(stacklevel=3)
    return found


def _warn_stereo_blind(predictor: Predictor, dataset) -> None:
    """One ``stereoisomers_alike`` line when the run's molecule featurizer gives stereoisomers of
    the file identical inputs (trial 12: L- and D-alanine, one prediction and no word)."""
    if predictor.modality != "molecules":
        return
    from .featurizers.molecule_stereo import stereo_blind_finding

    name = predictor.config.featurize.name if predictor.config is not None else None
    finding = stereo_blind_finding(dataset.inputs, predictor.featurizer, dataset.ids, name)
    if finding is not None:
        finding.warn(stacklevel=3)


def _warn_shift(run, dataset, predictor: Predictor) -> None:
    """One warning line per shifted column of new rows (more missing, all zero, out of the training
    range, unseen categories ...), from the run's training profile; nothing when it has none."""
    from .evaluation.shift import check_shift

    if run.record.profile is None:
        return
    for finding in check_shift(run.record.profile.as_dict(), dataset, predictor.featurizer).findings:
        if finding.severity == "warning":
            finding.warn(stacklevel=3)


def _bootstrap_count(n: int | None) -> int | None:
    """``--bootstrap`` within the range ``evaluate.bootstrap`` allows in a config."""
    if n is None:
        return None
    from .config import EvaluateConfig

    bounds = {k: getattr(m, k) for m in EvaluateConfig.model_fields["bootstrap"].metadata
              for k in ("ge", "le") if getattr(m, k, None) is not None}
    low, high = bounds.get("ge", 0), bounds.get("le", 100_000)
    if isinstance(n, bool) or not isinstance(n, int) or not low <= n <= high:
        raise ConfigError(problem("--bootstrap is out of range", got=n,
                                  expected=f"a whole number from {low} to {high} (as evaluate.bootstrap)"))
    return n


def _undefined(node: Any, prefix: str = "") -> list[tuple[str, str | None]]:
    """(metric path, reason) of every metric without a value."""
    out: list[tuple[str, str | None]] = []
    if isinstance(node, dict):
        if set(node) >= {"value", "ci95"}:
            value = node["value"]
            if value is None or (isinstance(value, float) and np.isnan(value)):
                out.append((prefix, node.get("reason")))
            return out
        for key, child in node.items():
            if key in ("confusion_matrix",):
                continue
            out += _undefined(child, f"{prefix}.{key}" if prefix else str(key))
    return out
