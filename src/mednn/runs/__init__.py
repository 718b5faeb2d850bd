"""The run directory: its typed record, and the only code that writes or parses its files.

A run is written atomically into a hidden partial sibling and renamed into place once every
file and ``manifest.json`` exist (the manifest marks a finished run). Weights and arrays are
safetensors; everything else JSON / YAML / CSV; nothing is a pickle. Every other module
(report, model card, terminal summary, predict, evaluate, serve) receives a loaded run::

    from mednn.runs import load_run
    run = load_run("runs/demo")          # files checked, record read and checked, model rebuilt
    run.record.task, run.record.threshold, run.record.metrics.test

Where things live: ``schema.py`` (RunRecord and its parts; ``schema_evaluation.py`` the training
profile and external evaluations, ``schema_ood.py`` the OOD scorer, ``parts.py`` what every part
shares), ``record_io.py`` (record <-> files), ``build.py`` (a trained model -> record + artifacts -> :func:`write_run`), ``load.py``
(:func:`load_run`), ``update.py`` (:func:`add_evaluation`, :func:`rebuild_report`), ``writer.py`` (atomic writes
and updates), ``manifest.py``, ``signing.py``, ``checks.py`` (values checked on load),
``targets.py`` (where a run or output may be written), ``files.py`` (JSON, hashing, atomic
files), ``legacy.py`` (runs of earlier versions), ``schema_doc.py`` (docs/run-directory.md).
Layout: ``docs/run-directory.md``.
"""

from __future__ import annotations

import importlib
from typing import Any

# public name -> the module that defines it (imported on first use: `import mednn.runs` stays cheap)
_EXPORTS = {
    # the record
    "RunRecord": "schema", "TaskRecord": "schema", "ModelRecord": "schema", "FeaturizerRecord": "schema",
    "ThresholdRecord": "schema", "CalibrationRecord": "schema", "ConformalRecord": "schema", "OODRecord": "schema",
    "TargetScalerRecord": "schema", "DataRecord": "schema", "SplitRecord": "schema", "GroupsRecord": "schema",
    "MetricsRecord": "schema", "BootstrapRecord": "parts", "TrainingRecord": "schema",
    "EvaluationRecord": "schema_evaluation", "ProvenanceRecord": "schema", "FILE_OF": "schema",
    # writing and reading
    "RunArtifacts": "build", "build_record": "build", "build_artifacts": "build", "write_run": "build",
    "write_training_run": "build", "data_fingerprint": "build", "data_summary": "build", "side_tables": "build",
    "history_csv": "build", "predictions_frame": "build", "resolved_hparams": "build",
    "LoadedRun": "load", "load_run": "load", "public_key_from_environment": "load",
    "read_record": "record_io", "check_site": "record_io",
    "add_evaluation": "update", "evaluation_record": "update", "rebuild_report": "update",
    "attach_tuning": "update", "Updated": "update",
    "RunWriter": "writer", "RunUpdate": "writer", "refresh_manifest_entry": "writer", "save_state": "writer",
    # manifest, files, targets
    "MANIFEST": "files", "SIGNATURE": "files", "REGENERABLE": "files", "MAX_MANIFEST_BYTES": "manifest",
    "build_manifest": "manifest", "read_manifest": "manifest", "verify_manifest": "manifest",
    "unlisted_files": "manifest",
    "sha256_file": "files", "dumps": "files", "clean_nan": "files", "_clean_nan": "files", "split_arrays": "files", "join_arrays": "files",
    "open_atomic": "files", "write_text_atomic": "files", "os_error": "files", "read_json": "files",
    "frame_to_csv": "files",
    "check_run_name": "targets", "is_run": "targets", "check_run_target": "targets",
    "check_output_file": "targets", "clean_stale_partials": "targets",
    "check_model_info": "checks", "safetensors_shapes": "checks", "check_weights_fit": "checks",
    "MAX_INPUT_DIMENSION": "checks", "MAX_INPUT_ELEMENTS": "checks", "MAX_HPARAM_VALUE": "checks",
    "MAX_HPARAM_ITEMS": "checks",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'mednn.runs' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
