"""Commands about data: the built-in datasets, de-identification."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import app


@app.command()
def datasets() -> None:
    """List the built-in datasets (no network needed), modalities, file formats, featurizers and models."""
    from ..data.builtin import list_builtin
    from ..data.readers import READERS, _load_builtin_readers

    for row in list_builtin():
        typer.echo(f"{row['name']:<16} {row['task']:<11} n={row['n']:<6} {row['description']}")
    from ..featurizers import FEATURIZERS, load_featurizer_modules
    from ..models import MODELS, load_model_modules

    _load_builtin_readers()
    load_featurizer_modules()
    load_model_modules()
    from ..modalities import modality_names

    typer.echo("modalities: " + ", ".join(modality_names()))
    typer.echo("formats: " + ", ".join(READERS.names()))
    typer.echo("featurizers: " + ", ".join(FEATURIZERS.names()))
    typer.echo("models: " + ", ".join(MODELS.names()))


@app.command()
def deid(
    input: Path = typer.Argument(..., help="CSV / TSV / JSONL of notes."),
    out: Path = typer.Option(..., "--out", help="Where to write the de-identified copy."),
    text_column: list[str] = typer.Option(["text"], "--text-column", help="Column(s) holding free text."),
    patient_column: str = typer.Option(None, "--patient-column", help="Patient id (for consistent date shifts)."),
    shift_dates: bool = typer.Option(False, "--shift-dates", help="Shift dates per patient instead of masking."),
) -> None:
    """Replace names, dates, phone numbers, ids, addresses... in clinical notes."""
    from ..privacy.deid import deidentify_file

    summary = deidentify_file(input, out, text_columns=text_column, patient_column=patient_column,
                              date_shift=shift_dates)
    typer.echo(f"{out}: " + ", ".join(f"{k} {v}" for k, v in sorted(summary.get("counts", {}).items())))


@app.command()
def inspect(
    config: Path = typer.Argument(None, help="YAML config whose data and split to check."),
    set_: list[str] = typer.Option([], "--set", help="Override a key, e.g. --set data.label=outcome"),
    data: str = typer.Option(None, "--data", help="Quick flag: data.path."),
    out: Path = typer.Option(None, "--out", help="Also write the findings as JSON here."),
    labels: bool = typer.Option(True, "--label-issues/--no-label-issues",
                                help="Screen the training labels for likely errors (classification)."),
) -> None:
    """Check data before training: balance, missing values, duplicates, leakage across splits,
    and training samples whose label looks wrong."""
    from ..config import load_config
    from ..data.quality import inspect_dataset
    from ..pipeline import read_and_split
    from ..runs import dumps, write_text_atomic

    cfg = load_config(config, overrides=([f"data.path={data}"] if data else []) + list(set_))
    dataset, splits, index = read_and_split(cfg)
    report = inspect_dataset(dataset, index)
    if labels and dataset.task.kind in ("binary", "multiclass"):
        report["label_issues"] = _label_issues(cfg, dataset, splits.train)
        report["findings"] += _label_findings(report["label_issues"])
    typer.echo(f"{dataset.source or cfg.data.path}: {report['n']} samples, {dataset.modality}, {dataset.task.kind}")
    for name, part in report["splits"].items():
        balance = ", ".join(f"{c} {n}" for c, n in part["class_counts"].items())
        patients = f" ({part['n_patients']} patients)" if "n_patients" in part else ""
        typer.echo(f"  {name:<5} {part['n']:>7}{patients}  {balance}")
    for finding in report["findings"]:
        typer.echo(f"  - {finding.line()}")
    if not report["findings"]:
        typer.echo("  - no problems found")
    if out is not None:
        report["findings"] = [f.to_dict() for f in report["findings"]]
        write_text_atomic(out, dumps(report) + "\n")


def _label_findings(found: dict) -> list:
    """The label screen as findings: the suspects (ids are the data's own sample ids), or why it was skipped."""
    from ..findings import Finding

    if found.get("n_suspect"):
        shown = ", ".join(s["id"] for s in found["suspects"][:5])
        return [Finding("suspect_labels", "warning",
                        f"{found['n_suspect']} of {found['n_checked']} training samples may be mislabelled (a "
                        f"cross-validated model is confident they belong to another class), most likely first: "
                        f"{shown}; re-read them", count=found["n_suspect"])]
    if found.get("note"):
        return [Finding("suspect_labels", "info", f"label screening {found['note']}")]
    return []


def _label_issues(cfg, dataset, train) -> dict:
    """Confident-learning screen of the training labels (:mod:`mednn.data.label_issues`)."""
    from ..data.label_issues import feature_matrix, label_issues
    from ..pipeline import make_featurizer

    featurizer = make_featurizer(cfg, dataset)
    featurizer.fit(train)
    x, why_not = feature_matrix(featurizer.transform(train))
    if x is None:
        return {"n_suspect": None, "note": f"skipped: {why_not}"}
    return label_issues(x, train.targets, dataset.task.class_names, ids=train.ids, seed=cfg.seed)
