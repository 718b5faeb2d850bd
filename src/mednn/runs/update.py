"""Changing a finished run through its own commands: an external evaluation, the rebuilt
report, the tuning summary. Nothing else ever writes into a run.

Each change loads the run (every file checked against the manifest, the signature when
``MEDNN_PUBLIC_KEY`` is set), computes the new record, rewrites what depends on it (the model
card and, when the run has one, the report) and swaps the changed run into place atomically
(:class:`~mednn.runs.writer.RunUpdate`). A signed run's signature no longer matches afterwards:
the result says so (``was_signed``) so that the command can tell the user to sign it again; a
report is never rebuilt in place in a signed run (write it elsewhere with ``out``).

>>> add_evaluation("runs/demo", evaluation)  # doctest: +SKIP
Updated(path=PosixPath('runs/demo/evaluations/site_b.json'), was_signed=False)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import DataError, problem
from .files import REGENERABLE, SIGNATURE
from .record_io import TUNING, check_site, evaluation_file, plain, read_evaluation
from .schema import RunRecord
from .schema_evaluation import EvaluationRecord


@dataclass(frozen=True)
class Updated:
    """What a change wrote, and whether the run was signed before it (it must be signed again)."""

    path: Path
    was_signed: bool


def evaluation_record(result: dict[str, Any], *, site: str, bootstrap: dict[str, Any] | None = None) -> EvaluationRecord:
    """An :class:`EvaluationRecord` from ``mednn.scoring.evaluate_file``'s result."""
    return read_evaluation({
        "site": check_site(site), "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "bootstrap": bootstrap, **{k: v for k, v in result.items() if k not in ("site", "created")},
    }, Path(f"evaluations/{site}.json"))


def _rewrite(run_dir: Path, record: RunRecord, files: dict[str, Any]) -> bool:
    """Write ``files`` (name -> JSON data or text) and the files derived from ``record`` into the
    run atomically; return whether the run was signed."""
    from ..reports.model_card import MODEL_CARD, build_model_card
    from .load import loaded_view
    from .writer import RunUpdate

    with_report = (run_dir / REGENERABLE).is_file()
    with RunUpdate(run_dir, replaces=(MODEL_CARD, REGENERABLE, *files)) as update:
        for name, content in files.items():
            if isinstance(content, str):
                update.write_text(name, content)
            else:
                update.write_json(name, content)
        view = loaded_view(update.path, record)
        update.write_json(MODEL_CARD, build_model_card(view))
        if with_report:
            from ..reports.html import build_report

            update.write_text(REGENERABLE, build_report(view))
    return update.was_signed


def add_evaluation(run_dir: str | Path, evaluation: EvaluationRecord) -> Updated:
    """Store an external evaluation as ``RUN/evaluations/<site>.json`` (manifest, model card and
    report updated). A site already evaluated is refused: evaluate under another ``--site``."""
    from .load import load_run

    run_dir = Path(run_dir)
    run = load_run(run_dir, model=False)
    name = evaluation_file(check_site(evaluation.site))
    if name in (run.manifest or {}).get("files", {}):
        raise DataError(problem(f"{run_dir} already holds an external evaluation named {evaluation.site!r} ({name})",
                                fix="pass --site with another name, or --out FILE to write this one elsewhere"))
    signed = _rewrite(run_dir, run.record.with_evaluation(evaluation), {name: plain(evaluation)})
    return Updated(run_dir / name, signed)


def attach_tuning(run_dir: str | Path, summary: dict[str, Any]) -> Updated:
    """Add ``tuning.json`` (how ``mednn tune`` chose the settings) to a run it trained."""
    from .load import load_run
    from .parts import clean_numbers

    run_dir = Path(run_dir)
    run = load_run(run_dir, model=False, public_key=False)  # the run tune has just trained (unsigned)
    summary = clean_numbers(summary)
    signed = _rewrite(run_dir, run.record.model_copy(update={"tuning": summary}), {TUNING: summary})
    return Updated(run_dir / TUNING, signed)


def rebuild_report(run_dir: str | Path, out: str | Path | None = None) -> Updated:
    """Rebuild a run's report from its record: into the run (manifest updated), or into ``out``
    (the run untouched). A signed run's report is never rebuilt in place: its signature would no
    longer match, so this refuses and names ``--out``."""
    from ..reports.html import build_report
    from .files import write_text_atomic
    from .load import load_run
    from .writer import RunUpdate

    run_dir = Path(run_dir)
    run = load_run(run_dir, model=False)
    html = build_report(run)
    if out is not None:
        return Updated(write_text_atomic(Path(out), html), (run_dir / SIGNATURE).is_file())
    if (run_dir / SIGNATURE).is_file():
        raise DataError(problem(f"{run_dir} is signed: rebuilding its report.html in place would invalidate the "
                                "signature", fix="write the report elsewhere with --out FILE (the run stays as "
                                "signed), or remove signature.json, rebuild, and sign the run again"))
    with RunUpdate(run_dir, replaces=(REGENERABLE,)) as update:
        update.write_text(REGENERABLE, html)
    return Updated(run_dir / REGENERABLE, False)
