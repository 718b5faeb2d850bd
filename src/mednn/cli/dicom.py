"""The DICOM branch of ``mednn deid`` (:mod:`mednn.privacy.dicom`): one summary line."""

from __future__ import annotations

import warnings
from pathlib import Path

import typer


def deid_dicom(input: Path, out: Path, *, dates: str, retain: list[str], keep_private: list[str],
               skip_failed: bool, layout: str, ocr: str = "auto") -> None:
    from ..privacy.dicom import DicomDeidOptions, deidentify_dicom
    from ..privacy.dicom.keys import key_is_secret

    if not key_is_secret():
        warnings.warn("MEDNN_DEID_SECRET is not set: new UIDs, pseudonyms and date shifts use a public default "
                      "key, so anyone can recompute them; set a project key for real data", stacklevel=1)
    options = DicomDeidOptions(dates=dates, retain=tuple(retain), keep_private=tuple(keep_private),
                               skip_failed=skip_failed, layout=layout, ocr=ocr)
    with warnings.catch_warnings():
        # pydicom warns about over-long values of the input, quoting nothing but lengths; the
        # report holds what matters, and a warning per element would bury the summary
        warnings.simplefilter("ignore", UserWarning)
        report = deidentify_dicom(input, out, options)
    blanked = sum(1 for f in report["files"] if f["pixels"]["pixels_blanked"])
    typer.echo(f"{out}: {report['files_written']} DICOM file(s) de-identified and verified "
               f"({blanked} with burned-in text blanked, {report['other_files_ignored']} non-DICOM file(s) ignored; "
               f"layout {report['layout']}{' (class folders kept)' if report['layout'] == 'classes' else ''}); "
               f"report: {out / 'deid_report.json'}")
    if report["ocr"] == "not installed":
        warnings.warn("the written pixels were checked by the text detector only: the OCR engine is not installed "
                      "(pip install 'mednn[dicom-ocr]' && pip install --no-deps rapidocr-onnxruntime==1.4.4)",
                      stacklevel=1)
