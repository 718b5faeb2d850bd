"""The DICOM branch of ``mednn deid`` (:mod:`mednn.privacy.dicom`): one summary line."""

from __future__ import annotations

import warnings
from pathlib import Path

import typer


def deid_dicom(input: Path, out: Path, *, dates: str, retain: list[str], keep_private: list[str],
               skip_failed: bool, layout: str, ocr: str = "auto") -> None:
    from ..privacy.dicom import DicomDeidOptions, deidentify_dicom
    options = DicomDeidOptions(dates=dates, retain=tuple(retain), keep_private=tuple(keep_private),
                               skip_failed=skip_failed, layout=layout, ocr=ocr)
    from ..errors import DataError

    try:
        with warnings.catch_warnings():
            # pydicom warns about over-long values of the input, quoting nothing but lengths; the
            # report holds what matters, and a warning per element would bury the summary
            warnings.simplefilter("ignore", UserWarning)
            report = deidentify_dicom(input, out, options, progress=FileProgress())
    except DataError as exc:  # --skip-failed: the others were written; say what was blanked in them
        if getattr(exc, "report", None) is not None:
            _warn_blanked(exc.report)
        raise
    _warn_blanked(report)
    blanked = sum(1 for f in report["files"] if f["pixels"]["pixels_blanked"])
    typer.echo(f"{out}: {report['files_written']} DICOM file(s) de-identified and verified "
               f"({blanked} with burned-in text blanked, {report['other_files_ignored']} non-DICOM file(s) ignored; "
               f"layout {report['layout']}{' (class folders kept)' if report['layout'] == 'classes' else ''}); "
               f"report: {out / 'deid_report.json'}")
    if report["ocr"] == "not installed":
        warnings.warn("the written pixels were checked by the text detector only: the OCR engine is not installed "
                      "(pip install 'mednn[dicom-ocr]' && pip install --no-deps rapidocr-onnxruntime==1.4.4)",
                      stacklevel=1)


PROGRESS_SECONDS = 10.0  # at most one progress line per this many seconds


class FileProgress:
    """``progress(done, total)`` for :func:`mednn.privacy.dicom.deidentify_dicom`: a line on stderr
    at most every :data:`PROGRESS_SECONDS` (counts, elapsed time and an estimate; never a file
    name), so a study of thousands of slices, each cleaned, written, read back and OCR-read, is
    not silent for minutes (trial 15: 120 files, 9.5 minutes without a word)."""

    def __init__(self) -> None:
        import time

        self.clock = time.perf_counter
        self.start = self.last = self.clock()

    def __call__(self, done: int, total: int) -> None:
        from ..training.progress import format_duration

        now = self.clock()
        if done >= total or now - self.last < PROGRESS_SECONDS:
            return
        self.last = now
        elapsed = now - self.start
        left = elapsed / done * (total - done)
        typer.echo(f"deid: {done} of {total} DICOM files de-identified and verified ({format_duration(elapsed)} "
                   f"elapsed, about {format_duration(left)} left)", err=True)


def _warn_blanked(report: dict) -> None:
    """One line when pixels were blanked as text in files other than ultrasound whose header did
    not say BurnedInAnnotation YES: there a found "text" may be anatomy; the user should look."""
    other = [f for f in report["files"] if f["pixels"]["pixels_blanked"] and f.get("modality") != "US"
             and not f["pixels"].get("header_said_burned_in")]
    if other:
        shown = ", ".join(f"#{f['index']} ({f['pixels']['pixels_blanked']} of {f['pixels']['pixels_per_frame']} px)"
                          for f in other[:5])
        warnings.warn(f"{len(other)} written file(s), not ultrasound and without BurnedInAnnotation YES, had pixels "
                      "blanked as burned-in text: "
                      f"{shown}{' ...' if len(other) > 5 else ''}; look at them before use (deid_report.json "
                      "lists every file's blanked pixels)", stacklevel=1)

