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
    input: Path = typer.Argument(..., help="CSV / TSV / JSONL of notes, or a DICOM file / study folder."),
    out: Path = typer.Option(..., "--out", help="Where to write the de-identified copy (a new file or folder)."),
    text_column: list[str] = typer.Option([], "--text-column", help="Column(s) holding free text: repeat the flag or "
                                          "give a comma list (a,b). Default: the one column of notes, found as "
                                          "mednn train finds it."),
    patient_column: str = typer.Option(None, "--patient-column", help="Patient id (for consistent date shifts)."),
    shift_dates: bool = typer.Option(False, "--shift-dates", help="Shift dates per patient instead of masking."),
    spans: Path = typer.Option(None, "--spans", help="Also write one row per found span: row, column, start, end, type."),
    language: str = typer.Option("en", "--language", help="Language of the notes: en or es."),
    encoding: str = typer.Option("utf-8", "--encoding", help="Encoding of the input file."),
    tagger: bool = typer.Option(False, "--tagger", help="Also run the neural token tagger (English; docs/deid.md)."),
    second_opinion: bool = typer.Option(False, "--second-opinion", help="Drop the rules' cue-less name and place "
                                        "spans the neural tagger reads as clearly not PHI (English; docs/deid.md)."),
    id_columns: str = typer.Option("refuse", "--id-columns", help="Columns other than the notes that hold "
                                   "identifiers (names, MRNs, dates of birth; the patient column too): refuse the "
                                   "file naming them, pseudonymise them (needs MEDNN_DEID_SECRET) or drop them."),
    keep_column: list[str] = typer.Option([], "--keep-column", help="A column reviewed as safe: copied unchanged "
                                     "(repeat the flag or give a comma list)."),
    overwrite: bool = typer.Option(False, "--overwrite", hidden=True, help="Accepted for older scripts: --out and "
                                   "--spans are always new files (mednn never replaces a file it did not make)."),
    dicom_dates: str = typer.Option("shift", "--dicom-dates", help="DICOM: 'shift' dates per patient or 'remove' them."),
    retain: list[str] = typer.Option([], "--retain", help="DICOM: keep patient_characteristics, device_identity "
                                     "or institution_identity (PS3.15 options)."),
    keep_private: list[str] = typer.Option([], "--keep-private", help="DICOM: a reviewed safe private element "
                                           "CREATOR,GGGG,EE to keep (all others are removed)."),
    skip_failed: bool = typer.Option(False, "--skip-failed", help="DICOM: write the files that pass even if others fail."),
    dicom_layout: str = typer.Option("auto", "--dicom-layout", help="DICOM output folders: study (study/series/file), "
                                     "series (series/file), flat (files only), classes (the input's class sub-folders kept, "
                                     "files renamed inside them: a training folder stays trainable) or auto (classes for a "
                                     "folder of class sub-folders each holding several patients' images, else study)."),
    dicom_ocr: str = typer.Option("auto", "--dicom-ocr", help="DICOM: OCR the written pixels for removed values: "
                                  "auto (when the engine is installed), require, or off."),
) -> None:
    """Replace names, dates, phone numbers, ids, addresses... in clinical notes; de-identify
    DICOM studies (PS3.15 Basic Profile, burned-in text, verified) when INPUT is DICOM."""
    from ..privacy.dicom import is_dicom_input
    from .runs import ignored_overwrite

    ignored_overwrite(overwrite)
    if is_dicom_input(input):
        from .dicom import deid_dicom

        return deid_dicom(input, out, dates=dicom_dates, retain=retain, keep_private=keep_private,
                          skip_failed=skip_failed, layout=dicom_layout, ocr=dicom_ocr)
    from ..privacy.deid import deidentify_file

    _check_deid_outputs(input, [out] + ([spans] if spans is not None else []))
    summary = deidentify_file(input, out, text_columns=text_column or None, patient_column=patient_column,
                              date_shift=shift_dates, spans=spans, encoding=encoding, language=language,
                              id_columns=id_columns, keep_columns=keep_column, **({"tagger": True} if tagger else {}),
                              **({"second_opinion": True} if second_opinion else {}))
    found = ", ".join(f"{k} {v}" for k, v in sorted(summary.get("counts", {}).items()) if v) or "no identifiers found"
    detected = f" (text column {', '.join(summary['text_columns'])}, detected)" if summary["text_columns_detected"] else ""
    ids = summary["id_columns"]
    done = {"pseudonymise": "pseudonymised", "drop": "dropped"}.get(ids["action"], "")
    id_note = f"; identifier columns {done}: {', '.join(ids['columns'])}" if ids["columns"] else ""
    if summary["kept_columns"]:
        id_note += f"; kept as reviewed (--keep-column): {', '.join(summary['kept_columns'])}"
    if summary["ages_top_coded"]:
        id_note += f"; ages over 89 written as 90+: {', '.join(summary['ages_top_coded'])}"
    rows = "1 note (the whole .txt file)" if summary.get("one_note") else f"{summary['rows']} rows{detected}"
    typer.echo(f"{out}: {rows}, {summary['texts_changed']} texts changed; {found}"
               + (f"; {summary['spans']} spans in {spans}" if spans is not None else "") + id_note)


def _check_deid_outputs(input: Path, outputs: list[Path]) -> None:
    """Before any work: never the input, never inside a run or the input's folder... and never
    an existing file: a de-identified table carries no mark of mednn's, so an existing --out
    cannot be told from the user's own file and is never replaced (issue 22)."""
    from ..runs import check_output_file

    if len(outputs) == 2 and outputs[0] == outputs[1]:
        from ..errors import DataError

        raise DataError(f"--out and --spans are the same file {outputs[0]}; fix: give them different names")
    examples = (f"{input.stem}.deid{input.suffix or '.csv'}", f"{input.stem}.spans.csv")
    for path, what, example in zip(outputs, ("--out", "--spans"), examples):
        check_output_file(path, inputs=[input], new_only=True, what=what, kind="de-identified copy", example=example)


@app.command()
def inspect(
    config: Path = typer.Argument(None, help="YAML config whose data and split to check."),
    set_: list[str] = typer.Option([], "--set", help="Override a key, e.g. --set data.label=outcome"),
    data: str = typer.Option(None, "--data", help="Quick flag: data.path."),
    out: Path = typer.Option(None, "--out", help="Also write the findings as JSON here."),
    labels: bool = typer.Option(True, "--label-issues/--no-label-issues",
                                help="Screen the training labels for likely errors (classification)."),
) -> None:
    """Check data before training: balance, missing values, duplicates, leakage across splits, the
    checks `train` runs (label leakage, image checks),
    and training samples whose label looks wrong."""
    import warnings

    from ..config import load_config
    from ..data.quality import inspect_dataset, rebalanced_by
    from ..findings import ShownFinding
    from ..pipeline import read_and_split
    from ..runs import check_output_file, dumps, write_text_atomic

    cfg = load_config(config, overrides=([f"data.path={data}"] if data else []) + list(set_))
    if out is not None:  # before any work: never an input, never inside a run, never over a file not ours
        check_output_file(out, inputs=[config, cfg.data.path], ours=_is_inspect_report, kind="inspect report")
    with warnings.catch_warnings(record=True) as caught:  # the reader's findings: listed below, shown once
        dataset, splits, index = read_and_split(cfg)
        report = inspect_dataset(dataset, index, split_method=cfg.split.method, rebalanced=rebalanced_by(cfg.train))
    listed = {f.text() for f in report["findings"]}
    for shown in caught:  # warnings that are no listed finding still reach the console
        if not (issubclass(shown.category, ShownFinding) and str(shown.message) in listed):
            warnings.showwarning(shown.message, shown.category, shown.filename, shown.lineno)
    if dataset.modality == "images":  # headers never reach a run, but a folder may have skipped `mednn deid`
        from ..privacy.dicom.files import header_identity_finding

        report["findings"] += [f for f in [header_identity_finding(cfg.data.path)] if f is not None]
    if labels and dataset.task.kind in ("binary", "multiclass"):
        report["label_issues"] = _label_issues(cfg, dataset, splits.train)
        report["findings"] += _label_findings(report["label_issues"])
    typer.echo(f"{dataset.source or cfg.data.path}: {report['n']} samples, {dataset.modality}, {dataset.task.kind}")
    for name, part in report["splits"].items():
        balance = ", ".join(f"{c} {n}" for c, n in part["class_counts"].items())
        patients = f" ({part['n_patients']} patients)" if "n_patients" in part else ""
        typer.echo(f"  {name:<5} {part['n']:>7}{patients}  {balance}")
    for finding in report["findings"]:
        typer.echo(f"  - {finding.severity}: {finding.text()}")
    if not report["findings"]:
        typer.echo("  - no problems found")
    if out is not None:
        report["findings"] = [f.to_dict() for f in report["findings"]]
        write_text_atomic(out, dumps({"written_by": INSPECT_MARKER, **report}) + "\n")


INSPECT_MARKER = "mednn inspect"  # the first key of what `inspect --out` writes: how a rerun knows its file


def _is_inspect_report(path: Path) -> bool:
    from ..runs.targets import starts_with

    return starts_with(path, '{\n  "written_by": "' + INSPECT_MARKER + '"')


def _label_findings(found: dict) -> list:
    """The label screen as findings: the suspects (ids are the data's own sample ids), or why it was skipped."""
    from ..findings import Finding

    if found.get("n_suspect"):
        ids = [str(s["id"]) for s in found["suspects"][:5]]
        if all(i.startswith(("row-", "record-")) for i in ids):  # mednn's own row references: safe to print
            where = "most likely first: " + ", ".join(ids)
        else:  # ids from the data's id column may be record numbers: never on a console or in a log
            where = "listed with their ids, most likely first, in the report (mednn inspect --out FILE)"
        return [Finding("suspect_labels", "warning",
                        f"{found['n_suspect']} of {found['n_checked']} training samples may be mislabelled (a "
                        f"cross-validated model is confident they belong to another class), {where}; re-read them",
                        count=found["n_suspect"])]
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
