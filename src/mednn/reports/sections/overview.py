"""The page's title, the run summary table and the "how to read" limitations."""

from __future__ import annotations

from typing import Any

from ..view import ReportRun, fmt


def title(run: ReportRun) -> str:
    report = run.record.config.report
    return str(report.title) if report.title else f"Model report: {run.record.config.name}"


def _task_text(run: ReportRun) -> str:
    text = run.kind
    if run.class_names:
        text += " — " + ("targets: " if run.kind == "regression" else "classes: ") + ", ".join(
            run.display(n) for n in run.class_names[:20])
        if len(run.class_names) > 20:
            text += f", … ({len(run.class_names)} in all)"
    if run.positive and run.kind == "binary":
        text += f" (positive class: {run.display(run.positive)})"
    return text


def section(run: ReportRun) -> list[tuple[str, str]]:
    """The run summary: model, size, task, data, modality, date, seed, versions."""
    from ... import __version__

    record = run.record
    model = record.model
    # unset hyperparameters (None: the model's default) say nothing to a reader ("channels=None")
    shown = ", ".join(f"{k}={v}" for k, v in [(k, v) for k, v in model.hparams.items() if v is not None][:6]
                      if not isinstance(v, (dict, list)) or len(str(v)) < 40)
    rows = [
        ("Model", model.name + (f" ({shown})" if shown else "")),
        ("Trainable parameters", fmt(model.n_parameters)),
        ("Task", _task_text(run)),
        ("Data source", str(record.data.source)),
        ("Modality", record.modality),
        ("Date", record.provenance.created),
        ("Seed", str(record.provenance.seed)),
        ("mednn version (training)", str(record.provenance.versions.get("mednn", "not recorded"))),
        ("mednn version (report)", __version__),
    ]
    privacy = record.privacy
    if isinstance(privacy, dict) and privacy.get("epsilon") is not None:
        rows.append(("Differential privacy", f"ε = {fmt(privacy.get('epsilon'), 2)}, δ = {privacy.get('delta', '?')}"))
    return rows


def limitations(run: ReportRun, metrics: dict[str, Any]) -> list[str]:
    """What every number on the page does and does not promise."""
    n_test = metrics.get("n_test")
    items = [
        "All metrics are measured on a held-out test set"
        + (f" of {fmt(n_test)} samples{run.split_units('test')}" if n_test is not None else "")
        + " that was not used for training, for choosing the best epoch, for calibration or for the threshold.",
        f"Each metric has a {metrics['confidence_label'].replace(' CI', '')} confidence interval from bootstrap "
        f"resampling of the test set's {run.bootstrap_unit}"
        + (f" ({fmt(metrics['bootstrap'])} resamples)" if metrics.get("bootstrap") else "")
        + ". A wide interval means the test set is too small to measure the metric precisely. The interval does "
          "not cover retraining, other hospitals, devices, populations or later time periods"
        + (" (the external validation section shows the other data sets evaluated so far)."
           if run.record.evaluations else "."),
        "The reliability diagram shows whether predicted probabilities can be read as risks: a model can rank "
        "patients well (high AUROC) and still be badly calibrated.",
        "Explanations show what the model relied on, not what causes the condition.",
        "This model is a research result, not a medical device. It has not been validated prospectively and must "
        "not be used for clinical decisions on its own.",
    ]
    if run.kind == "regression":
        items[2] = "Residual plots show whether the model systematically over- or under-estimates some values."
    methods = {e.get("ci_method") for e in run.record.metrics.test.values() if isinstance(e, dict)}
    if methods & {"wilson", "wilson_jaccard", "wilson_mean", "separation"}:  # evaluation/intervals.py
        items.insert(2, "Where every bootstrap resample gives the same value (a perfect score on a small set), the "
                        "interval comes from the counts instead, never 1.000 to 1.000: a proportion's Wilson interval"
                        + (", and for an AUROC of 1.000 a lower bound from the positives and negatives it ranked "
                           "apart (AUROC is at least sensitivity × specificity at a threshold between them)"
                           if "separation" in methods else "") + ".")
    if metrics.get("small_test"):
        items.insert(0, "The test set is small: the metrics and their confidence intervals are unreliable "
                        "(see the warning under “Performance on the test set”).")
    return items
