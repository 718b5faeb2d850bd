"""``mednn deid STUDY --out CLEAN`` for DICOM: read every file of a study (a file, a folder,
nested series), de-identify header and pixels, write it under a pseudonymous name, read it
back and verify it, and only then publish the folder (temporary folder + rename).

Output layout: ``CLEAN/study-<id>/series-<id>/<id>.dcm`` (ids derived from the new UIDs: the
input's folder and file names, which often hold a patient's name, are never reused), or for a
training folder of class sub-folders ``CLEAN/<class>/<id>.dcm`` (:mod:`.layout`), and
``CLEAN/deid_report.json`` with counts per file. A file that cannot be de-identified and
verified is never written; by default nothing is then written at all.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from dataclasses import replace as replace_options
from pathlib import Path
from typing import Any, Callable, Sequence

# the report's name and mark are the image readers' too: they refuse to train on an export without classes
from ...data.dicom_privacy import DEID_REPORT_NAME as REPORT_NAME
from ...data.dicom_privacy import DEID_REPORT_TOOL as REPORT_TOOL
from ...data.image_decoding import DICOM_SUFFIXES, is_dicom_file
from ...errors import ConfigError, DataError
from ...outputs import make_partial_folder, partial_name, remove_partial, sweep_partials
from .header import HeaderPolicy, clean_header
from .keys import project_key, pseudonym
from .layout import AUTO, choose_layout
from .pixels import CannotClean, clean_pixels
from .profile import RETAIN_OPTIONS, method_codes
from .verify import verify_dataset, verify_pixels

LAYOUTS = ("auto", "study", "series", "flat", "classes")
OCR_MODES = ("auto", "require", "off")


@dataclass
class DicomDeidOptions:
    """The choices of one export (see :func:`deidentify_dicom`)."""

    secret: str | None = None  # else MEDNN_DEID_SECRET; 16+ characters, required (new UIDs, pseudonyms, shifts)
    dates: str = "shift"  # "shift" (per patient, 113107) or "remove"
    max_shift_days: int = 365
    retain: Sequence[str] = ()  # names from profile.RETAIN_OPTIONS
    keep_private: Sequence[str] = ()  # "CREATOR,GGGG,EE": private elements reviewed as safe (113111)
    skip_failed: bool = False  # write the files that passed even when some failed (exit code still 2)
    layout: str = "auto"  # "study": study-*/series-*/*.dcm; "series": series-*/*.dcm; "flat": *.dcm;
    # "classes": <first-level folder of the input>/[series-*/]*.dcm (a training folder's class
    # sub-folders kept); "auto": "classes" for a training folder of class sub-folders, else "study"
    # (:func:`mednn.privacy.dicom.layout.choose_layout`)
    ocr: str = "auto"  # verification reads the written pixels: "auto" (when installed), "require", "off"

    def policy(self) -> HeaderPolicy:
        if self.layout not in LAYOUTS:
            raise ConfigError(f"The layout must be one of {', '.join(LAYOUTS)}; got {self.layout!r}")
        if self.ocr not in OCR_MODES:
            raise ConfigError(f"The OCR option must be one of {', '.join(OCR_MODES)}; got {self.ocr!r}")
        if self.ocr == "require":
            from .ocr import ENGINE, available

            if not available():
                raise ConfigError(f"--dicom-ocr require: the OCR engine ({ENGINE}) is not installed; fix: "
                                  "pip install 'mednn[dicom-ocr]' && pip install --no-deps rapidocr-onnxruntime==1.4.4, "
                                  "or pass --dicom-ocr auto")
        if self.dates not in ("shift", "remove"):
            raise ConfigError(f"The dates option must be 'shift' or 'remove'; got {self.dates!r}")
        unknown = [r for r in self.retain if r not in RETAIN_OPTIONS]
        if unknown:
            raise ConfigError(f"Unknown retain option(s) {', '.join(unknown)}; expected some of {', '.join(RETAIN_OPTIONS)}")
        options = set(self.retain) | {"clean_pixels"}
        if self.dates == "shift":
            options.add("modified_dates")
        keep = frozenset(parse_private(k) for k in self.keep_private)
        if keep:
            options.add("safe_private")
        key = project_key(self.secret, purpose="DICOM de-identification (keyed new UIDs, patient pseudonyms and "
                          "date shifts)")
        return HeaderPolicy(key=key, options=frozenset(options),
                            max_shift_days=int(self.max_shift_days), keep_private=keep)


def parse_private(text: str) -> tuple[str, int, int]:
    """``"GEMS_PARM_01,0043,27"`` -> ``("GEMS_PARM_01", 0x0043, 0x27)`` (creator, odd group, element byte)."""
    parts = [p.strip() for p in str(text).split(",")]
    try:
        creator, group, element = parts[0].upper(), int(parts[1], 16), int(parts[2], 16)
    except (IndexError, ValueError):
        raise ConfigError(f"A private element to keep is written CREATOR,GGGG,EE (hex); got {text!r}") from None
    if not group & 1 or not 0 <= element <= 0xFF or not creator:
        raise ConfigError(f"A private element to keep needs a creator, an odd group and an element byte; got {text!r}")
    return creator, group, element


def is_dicom_input(path: str | Path) -> bool:
    """True for a DICOM file, or a folder holding at least one (what `mednn deid` hands to this module)."""
    path = Path(path)
    if path.is_dir():
        return any(is_dicom_file(p) for p in _walk(path))
    return path.is_file() and is_dicom_file(path)


def _walk(folder: Path) -> list[Path]:
    """The visible files under ``folder`` in sorted path order, as ``LC_ALL=C sort`` lists them
    (os.walk gives a folder's files before its sub-folders': ``z.dcm`` before ``a/1.dcm``), so the
    position an error names is one a user can count."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root) / f for f in files if not f.startswith("."))
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix().encode("utf-8", "surrogateescape"))


@dataclass
class _Outcome:
    index: int
    output: str | None = None
    report: dict[str, Any] = field(default_factory=dict)
    reason: str | None = None
    size: int | None = None  # bytes: with the position, finds a refused file without naming its path


def check_output(input: Path, out: Path) -> bool:
    """Refuse an ``--out`` that would write into the input, into a run or over an unrelated
    folder; return True when ``out`` is a previous output of this command (to be replaced)."""
    src, dst = input.resolve(), out.resolve()
    if dst == src or src in dst.parents:
        raise ConfigError(f"--out {out} is inside the input; fix: write the de-identified copy to a folder outside it")
    if dst in src.parents:
        raise ConfigError(f"--out {out} contains the input; fix: choose a new folder for the de-identified copy")
    for folder in [dst, *dst.parents]:
        if (folder / "manifest.json").is_file() and (folder / "config.yaml").is_file():
            raise ConfigError(f"--out {out} is inside the run directory {folder}; fix: choose a folder outside every run")
    if not dst.exists():
        return False
    report = dst / REPORT_NAME
    previous = False
    if dst.is_dir() and report.is_file():
        try:
            previous = json.loads(report.read_text(encoding="utf-8")).get("tool") == REPORT_TOOL
        except (OSError, ValueError, AttributeError):
            previous = False
    if dst.is_dir() and not any(dst.iterdir()):
        return True
    if not previous:
        raise ConfigError(f"--out {out} already exists and is not an earlier `mednn deid` output; "
                          "fix: choose a new folder (mednn replaces only its own earlier outputs)")
    return True


def _read(path: Path):
    import pydicom
    from pydicom.errors import InvalidDicomError

    if path.stat().st_size == 0:
        raise CannotClean("it is empty")
    try:
        return pydicom.dcmread(path, force=path.name.lower().endswith(DICOM_SUFFIXES))
    except InvalidDicomError:
        raise CannotClean("it is not a readable DICOM file (no DICOM preamble or header)") from None
    except OSError:
        raise CannotClean("it is not a readable DICOM file (it cannot be opened)") from None
    except (EOFError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        raise CannotClean("it is not a readable DICOM file (truncated, or its header is damaged)") from None


def _known_syntax(ds) -> None:
    """Pixels under a transfer syntax UID that DICOM does not define cannot be decoded, so
    burned-in text cannot be looked for: say so (the UID is no patient data), rather than let
    the decoder's error read as a header that cannot be written back."""
    from pydicom.uid import UID

    syntax = getattr(getattr(ds, "file_meta", None), "TransferSyntaxUID", None)
    if "PixelData" in ds and syntax and not UID(str(syntax)).is_transfer_syntax:
        raise CannotClean(f"its transfer syntax {syntax} is not one DICOM defines, so its pixels cannot be "
                          "decoded and burned-in text cannot be looked for (re-export it from the PACS "
                          "in a standard syntax such as Explicit VR Little Endian)")


def _output_name(ds, key: bytes, index: int, taken: set[str], layout: str, group: str = "") -> str:
    """``group``: the class folder kept by the classes layout, ending in "/*" for a file that lay
    in a deeper folder (a series of that class: kept as a pseudonymous series folder)."""
    study = pseudonym("study", ds.get("StudyInstanceUID", "") or f"no-study-{index}", key, 10)
    series = pseudonym("series", ds.get("SeriesInstanceUID", "") or f"no-series-{index}", key, 10)
    instance = pseudonym("instance", ds.get("SOPInstanceUID", "") or f"no-instance-{index}", key, 16)
    folder = {"study": f"study-{study}/series-{series}/", "series": f"series-{series}/", "flat": "",
              "classes": (f"{group[:-2]}/series-{series}/" if group.endswith("/*") else f"{group}/")
              if group else ""}[layout]
    # the same instance twice in the input (a copy, or a fragment of a file beside it): keep both
    # under distinct file names, in any folder, never one over the other
    stem, n = instance, 2
    while stem in taken:
        stem = f"{instance}-{n}"
        n += 1
    taken.add(stem)
    return f"{folder}{stem}.dcm"


def _one_file(path: Path, index: int, policy: HeaderPolicy, tmp: Path, taken: set[str],
              options: DicomDeidOptions, group: str = "") -> _Outcome:
    import pydicom

    outcome = _Outcome(index, size=path.stat().st_size if path.is_file() else None)
    try:
        ds = _read(path)
        if "SOPClassUID" not in ds and "PixelData" not in ds:
            raise CannotClean("it holds no DICOM image or SOP instance")
        _known_syntax(ds)
        header = clean_header(ds, policy)
        pixels = clean_pixels(ds)
        name = _output_name(ds, policy.key, index, taken, options.layout, group)
        target = tmp / name
        target.parent.mkdir(parents=True, exist_ok=True)
        ds.save_as(target, enforce_file_format=True)
        written = pydicom.dcmread(target)  # read back once: the header and the pixels are checked on it
        check = verify_dataset(written, header.removed, policy.options, policy.keep_private)
        if pixels.has_pixels:
            verify_pixels(written, check, pixels.mask, pixels.fill, header.removed, options.ocr)
    except CannotClean as exc:
        outcome.reason = str(exc)
        return outcome
    except (ValueError, TypeError, AttributeError, OverflowError, KeyError):
        # pydicom refuses to write a value it cannot encode: the file cannot be shown clean
        outcome.reason = "it could not be written back (a header value does not fit its value representation)"
        return outcome
    if not check.passed:
        target.unlink()
        outcome.reason = "verification failed: " + "; ".join(check.problems[:5])
        return outcome
    outcome.output = name
    outcome.report = {"index": index, "output": name, "patient": header.patient,
                      "modality": str(ds.get("Modality", "") or "").strip().upper(),
                      "date_offset_applied": header.offset_days is not None,
                      "actions": dict(sorted(header.counts.items())), "pixels": pixels.to_dict(),
                      "verification": check.to_dict()}
    return outcome


HEADER_SAMPLE = 500  # headers read by inspect's screen (pixels are never read): a study of thousands stays quick


def header_identity_finding(input: str | Path):
    """A ``dicom_identities`` warning (:class:`~mednn.findings.Finding`) when the DICOM files
    under ``input`` still hold names or identifiers in their headers (:func:`.header.identity_keywords`;
    at most :data:`HEADER_SAMPLE` headers read, in path order), or None: counts and element
    keywords, never a value or a file name. mednn never copies a header into a run; the warning is
    for a folder that was meant to be de-identified before it is trained on or shared."""
    import pydicom

    from ...findings import Finding
    from .header import identity_keywords

    path = Path(input)
    files = [p for p in (_walk(path) if path.is_dir() else [path]) if p.is_file() and is_dicom_file(p)]
    if not files:
        return None
    counts: dict[str, int] = {}
    holding = 0
    for file in files[:HEADER_SAMPLE]:
        try:
            keywords = identity_keywords(pydicom.dcmread(file, stop_before_pixels=True, force=True))
        except Exception:  # an unreadable file is the reader's to name; this screen only counts
            continue
        holding += bool(keywords)
        for keyword in keywords:
            counts[keyword] = counts.get(keyword, 0) + 1
    if not holding:
        return None
    read = min(len(files), HEADER_SAMPLE)
    of = f"{holding} of {read} DICOM headers" + (f" read (of {len(files)} files)" if read < len(files) else "")
    listed = ", ".join(f"{k} {n}" for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return Finding("dicom_identities", "warning",
                   f"{of} still name or identify people or places ({listed}); a run reads only the pixels and "
                   "names images by keyed pseudonyms, but fix: de-identify the folder before training on it or "
                   "sharing it (mednn deid DATA --out CLEAN)", count=holding)


def list_inputs(input: Path) -> tuple[list[Path], int]:
    """``(DICOM files in sorted path order, number of other files ignored)``."""
    if not input.exists():
        raise DataError(f"{input} does not exist; fix: pass a DICOM file or a folder of DICOM files")
    if input.is_file():
        return [input], 0
    everything = _walk(input)
    files = [p for p in everything if is_dicom_file(p)]
    if not files:
        raise DataError(f"{input} holds no DICOM file ({len(everything)} other file(s)); "
                        "fix: pass a folder of DICOM files (.dcm, or files with the DICM preamble)")
    return files, len(everything) - len(files)


def _class_folder(input: Path, path: Path, layout: str) -> str:
    """With ``layout="classes"``: the first folder below ``input`` that holds ``path`` (its class,
    as `mednn train --data FOLDER` reads one sub-folder per class), "" for a file at the top. Only
    this level's names are kept, as the user wrote them: deeper folders and file names, which
    often hold a patient's name, are replaced like every other layout's (a deeper folder, one
    series of that class, by a pseudonymous series folder: ``"<class>/*"``)."""
    if layout != "classes" or not input.is_dir():
        return ""
    parts = path.relative_to(input).parts
    return "" if len(parts) < 2 else parts[0] if len(parts) == 2 else f"{parts[0]}/*"


def deidentify_dicom(input: str | Path, out: str | Path, options: DicomDeidOptions | None = None,
                     progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """De-identify a DICOM file or study folder into ``out``; return the report (counts only).
    ``progress(done, total)`` is called after each file (counts only: ``mednn deid`` prints a
    line from it every 10 s; the library prints nothing).

    Raises :class:`~mednn.errors.DataError` naming the files that could not be de-identified
    and verified, by their 1-based position in sorted path order (never by a path, which may
    hold a name); nothing is written then, unless ``options.skip_failed``.

    >>> deidentify_dicom("study/", "clean/", DicomDeidOptions(secret="a project key of 16+ chars"))  # doctest: +SKIP
    {'files_written': 12, 'files_failed': 0, ...}
    """
    options = options or DicomDeidOptions()
    policy = options.policy()
    input, out = Path(input), Path(out)
    files, ignored = list_inputs(input)
    if options.layout == AUTO:
        options = replace_options(options, layout=choose_layout(input, files))
    replace = check_output(input, out)
    out.parent.mkdir(parents=True, exist_ok=True)
    sweep_partials(out)  # what a killed earlier run left
    tmp = make_partial_folder(out)  # locked while this process writes it
    try:
        taken: set[str] = set()
        outcomes = []
        for i, path in enumerate(files):
            outcomes.append(_one_file(path, i + 1, policy, tmp, taken, options,
                                      _class_folder(input, path, options.layout)))
            if progress is not None:
                progress(i + 1, len(files))
        failed = [o for o in outcomes if o.reason is not None]
        report = _report(outcomes, len(files), ignored, policy, options)
        if failed and not options.skip_failed:
            raise DataError(_failure_message(failed, len(files), written=False))
        (tmp / REPORT_NAME).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        _publish(tmp, out, replace)
    finally:
        remove_partial(tmp)
    if failed:
        error = DataError(_failure_message(failed, len(files), written=True))
        error.report = report  # what was written: the CLI still summarises it
        raise error
    return report


def _publish(tmp: Path, out: Path, replace: bool) -> None:
    """Put the finished folder in place; an earlier output is swapped out only once the new one is complete."""
    if replace and out.exists():
        old = partial_name(out)
        os.replace(out, old)
        os.replace(tmp, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, out)


def _failure_message(failed: list[_Outcome], total: int, written: bool) -> str:
    shown = "; ".join(f"file #{o.index}{'' if o.size is None else f' ({o.size:,} bytes)'}: {o.reason}"
                      for o in failed[:3])
    more = f" (and {len(failed) - 3} more)" if len(failed) > 3 else ""
    tail = ("the others were written and the report lists the refused files" if written else
            "nothing was written; fix: remove or repair those files, or pass --skip-failed to write the others")
    return (f"{len(failed)} of {total} DICOM file(s) could not be de-identified and verified "
            f"(numbered among the DICOM files in sorted path order): {shown}{more}; {tail}")


def _ocr_name(mode: str) -> str:
    if mode == "off":
        return "off"
    from .ocr import available, engine_name

    return engine_name() if available() else "not installed"


def _report(outcomes: list[_Outcome], total: int, ignored: int, policy: HeaderPolicy,
            options: DicomDeidOptions) -> dict[str, Any]:
    from ... import __version__

    return {
        "tool": REPORT_TOOL,
        "mednn_version": __version__,
        "method_codes": [{"code": c, "meaning": m} for c, m in method_codes(policy.options)],
        "dates": options.dates,
        "layout": options.layout,
        "ocr": _ocr_name(options.ocr),
        "key": "project key",  # never a public default (mednn.privacy.deid.dateshift.require_secret)
        "files_in": total,
        "files_written": sum(o.output is not None for o in outcomes),
        "files_failed": sum(o.reason is not None for o in outcomes),
        "other_files_ignored": ignored,
        "files": [o.report for o in outcomes if o.output is not None],
        "failed": [{"index": o.index, "bytes": o.size, "reason": o.reason} for o in outcomes if o.reason is not None],
    }
