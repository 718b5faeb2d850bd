"""Out-of-distribution flags per record at prediction time (issue 19), without training code.

The run's scorer (:mod:`mednn.ood`, fitted on the training split and thresholded on
validation when the run was trained) is rebuilt from ``predictor.json``'s ``ood`` and
``ood.safetensors`` (:func:`scorer_from_state`); :func:`assess` gives each record an
``ood_score`` and an ``out_of_distribution`` flag through the Predictor's own network;
:func:`add_columns` / :func:`add_fields` put them into the predictions table and the served
records. A flagged record keeps its prediction; its conformal set or interval is marked
(``coverage_applies`` false, and in served records a ``coverage_note``): the coverage guarantee
is for records like the validation data. :func:`coverage_by_flag`: ``mednn evaluate``'s coverage
of the flagged and the other records apart.
"""

from __future__ import annotations

from typing import Any

import numpy as np

COVERAGE_NOTE = "out of distribution: the set's coverage guarantee does not apply to this record"


def scorer_from_state(state: dict[str, Any]):
    """The fitted scorer of a run (``LoadedRun.ood_state()``)."""
    from ..ood.run import scorer_from_state as rebuild

    return rebuild(state)


def assess(scorer: Any, predictor: Any, features: Any, logits: np.ndarray | None = None,
           records: Any = None) -> tuple[dict[str, np.ndarray], np.ndarray | None]:
    """``ood_score`` (float) and ``out_of_distribution`` (bool) per record, and the model's logits
    for the records when the scorer's forward pass gave them (else ``logits`` as passed, or None).
    ``logits``: the model's outputs when the caller has them already; ``records``: the Dataset
    ``features`` were made from (a text scorer reads the raw texts, a molecule scorer the SMILES)."""
    from ..ood.run import ood_inputs

    inputs = ood_inputs(scorer, predictor, features, logits, records=records)
    scores = scorer.score(inputs)
    flags = (scores > scorer.threshold_) | colour_mismatch(predictor, records, len(scores))
    return {"ood_score": scores, "out_of_distribution": flags}, inputs.model_logits


def colour_mismatch(predictor: Any, records: Any, n: int) -> np.ndarray:
    """Per record, True for a colour image sent to a run trained on grey images, or a grey one
    sent to a run none of whose training images was grey: reading it for the run converted it
    (``notes["colour_images"]`` / ``["grey_images"]``, :func:`mednn.data.image_conform.to_run_colour`),
    so neither the network nor the scorer's statistics see the difference (issue 19: a magenta
    picture was not flagged). Only where the run's images were read as they are: a run whose config
    set ``data.color`` itself (files converted on purpose) expects either kind."""
    out = np.zeros(n, dtype=bool)
    notes = (getattr(records, "notes", None) or {}) if records is not None else {}
    featurizer = getattr(predictor, "featurizer", None)
    shape = getattr(featurizer, "source_shape_", None)
    config = getattr(predictor, "data_config", None)
    if shape is None or (config.options if config is not None else {}).get("color", "auto") != "auto":
        return out
    if int(shape[0]) == 1:
        rows = notes.get("colour_images")
    else:
        rows = notes.get("grey_images") if getattr(featurizer, "grey_images_", None) == 0 else None
    if rows:
        out[[r for r in rows if 0 <= r < n]] = True
    return out


def unseen_categories(featurizer: Any, n: int) -> np.ndarray | None:
    """Per record, the categorical columns (names only, never the values) whose value the run
    never saw in training, joined by "; " ("" for none), from the last ``featurizer.transform``;
    None for a featurizer without categorical columns. The network reads such a value as no
    known category (its one-hot block all zero, or the rare-category column); the
    ``table_ranges`` OOD score does not count it (docs/ood.md): it is said here instead."""
    rows = (getattr(featurizer, "transform_report_", None) or {}).get("unknown_category_rows")
    if rows is None or not getattr(featurizer, "categories_", None):
        return None
    named: list[list[str]] = [[] for _ in range(n)]
    for column, positions in rows.items():
        for i in np.asarray(positions, dtype=np.int64).tolist():
            if i < n:
                named[i].append(str(column))
    return np.array(["; ".join(c) for c in named], dtype=object)


def add_columns(frame: Any, assessment: dict[str, Any]) -> None:
    """Add ``ood_score`` and ``out_of_distribution`` to a predictions table (in place), and, when
    the records have conformal sets or intervals, ``coverage_applies``: false for a flagged record,
    whose set or interval carries no coverage guarantee; ``unseen_categories`` when given."""
    if assessment.get("unseen_categories") is not None:
        frame["unseen_categories"] = assessment["unseen_categories"]
    if assessment.get("ood_score") is None:
        return
    flags = np.asarray(assessment["out_of_distribution"], dtype=bool)
    frame["ood_score"] = np.asarray(assessment["ood_score"], dtype=np.float64)
    frame["out_of_distribution"] = flags
    if assessment.get("sets") is not None or assessment.get("intervals") is not None:
        frame["coverage_applies"] = ~flags


def add_fields(rows: list[dict[str, Any]], assessment: dict[str, Any]) -> None:
    """Add the score and the flag to served records (in place); a flagged record's conformal set
    or interval gets a ``coverage_note``; a record with a category never seen in training gets
    ``unseen_categories`` (the column names), one with values no patient can have or far outside
    the training range ``impossible_values`` / ``extreme_values`` (the column names)."""
    unseen = assessment.get("unseen_categories")
    if unseen is not None:
        for row, columns in zip(rows, unseen):
            if columns:
                row["unseen_categories"] = columns.split("; ")
    if assessment.get("far"):  # as predict's impossible_values / extreme_values lines (trial 12: age 670)
        from .alerts import record_alerts

        for row, alerts in zip(rows, record_alerts(assessment["far"], len(rows))):
            row.update(alerts)
    if assessment.get("ood_score") is None:
        return
    for i, row in enumerate(rows):
        flagged = bool(assessment["out_of_distribution"][i])
        row["ood_score"] = float(assessment["ood_score"][i])
        row["out_of_distribution"] = flagged
        if "set" in row or "interval" in row:
            row["coverage_applies"] = not flagged
            if flagged:
                row["coverage_note"] = COVERAGE_NOTE


def coverage_by_flag(conformal: Any, prob: np.ndarray, targets: np.ndarray, flags: np.ndarray,
                     class_names: Any = None) -> dict[str, Any]:
    """The conformal sets' (intervals') coverage of a labelled set's flagged records and of the
    others apart: the promise holds for the others only (``mednn evaluate``'s ``ood.conformal``)."""
    from ..evaluation.conformal import coverage_summary

    flags = np.asarray(flags, dtype=bool)
    groups = {"out_of_distribution": np.where(flags, "flagged", "not_flagged")}
    summary = coverage_summary(conformal, prob, targets, class_names=class_names, groups=groups)
    by_flag = summary.get("subgroups", {}).get("out_of_distribution", {})
    return {"target_coverage": summary["target_coverage"], "records_without_guarantee": int(flags.sum()),
            "not_flagged": by_flag.get("not_flagged"), "flagged": by_flag.get("flagged"),
            "note": "the coverage guarantee holds for records like the validation data, not for flagged records"}
