"""Molecules: readers for SMILES tables and SDF files, RDKit standardisation, scaffold splits.

Two formats are registered: ``smiles`` (a CSV with a SMILES column and one or many target
columns; an empty cell is a missing label) and ``sdf`` (targets taken from molecule
properties). Every molecule is standardised with RDKit (sanitise, keep the largest fragment,
neutralise, canonical SMILES); the dataset's inputs are the canonical SMILES strings (safe to
subset and serialise), its groups the Bemis-Murcko scaffolds. Nothing is lost silently:
unparsable molecules are listed in ``Dataset.notes["invalid_molecules"]`` with RDKit's reason
(SMILES are structures, not patient data), duplicates (the same whole structure, counter-ions
kept: :mod:`.molecule_forms`) in ``notes["duplicates"]``, handled by ``data.duplicates``
(:mod:`.duplicates`); ``scaffold_split`` and ``scaffold_overlap`` cut and check by scaffold.

Rows are file rows as in every table reader (header = row 1; a blank line is a row, an empty
SMILES); an SDF record is numbered from 1. ``ids``: ``data.id_column``, the file's own (titles, an id
column: :mod:`.molecule_ids`), else :func:`.base.row_ids`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from .._optional import require
from ..errors import DataError
from ..findings import Finding
from ..native_output import native_stderr_into
from .base import Dataset, Task, add_finding, row_ids
from .columns import rows_noun
from .duplicates import resolve_duplicates
from .labels import apply_label_map, class_targets
from .limits import check_delimited_file, columns_for_message, first_lines, unreadable_csv
from .readers import READERS, Reader
from .molecule_forms import repeated_molecules, salt_form_findings
from .molecule_ids import auto_id_column, sdf_ids
from .rdkit_log import capture_rdkit_log, last_reason
from .scaffolds import bemis_murcko_scaffold, scaffold_overlap, scaffolds  # noqa: F401  (public here too)
from .splits import scaffold_split  # noqa: F401  (registered in data/splits.py)

CSV_FIRST_ROW = 2  # a SMILES table has a header line (row 1): its first molecule is row 2
SMILES_COLUMN_NAMES = ("smiles", "SMILES", "Smiles", "mol", "canonical_smiles", "molecule")


# --------------------------------------------------------------------------- standardisation
class Standardizer:
    """Sanitise, keep the largest fragment, neutralise, and return canonical SMILES that parse again.

    >>> Standardizer()("[Na+].CC(=O)[O-]")  # doctest: +SKIP
    ('CC(=O)O', None)

    ``__call__(smiles_or_mol)`` returns ``(canonical_smiles, None)`` or ``(None, reason)``.
    """

    def __init__(self, standardize: bool = True):
        self.standardize = standardize
        self._chooser = None
        self._uncharger = None
        # the last record's whole canonical structure: duplicates compare it (NaBr and KBr stay apart)
        self.last_whole: str | None = None

    def _tools(self):
        if self._chooser is None:
            from rdkit.Chem.MolStandardize import rdMolStandardize

            self._chooser = rdMolStandardize.LargestFragmentChooser(preferOrganic=True)
            self._uncharger = rdMolStandardize.Uncharger()
        return self._chooser, self._uncharger

    def __call__(self, item: Any) -> tuple[str | None, str | None]:
        Chem = require("rdkit.Chem", extra="molecules")
        if item is None:
            return None, "RDKit could not read the record"
        if isinstance(item, str):
            text = item.strip()
            if not text:
                return None, "empty SMILES"
            with capture_rdkit_log() as log:
                mol = Chem.MolFromSmiles(text, sanitize=False)
            if mol is None:
                return None, last_reason(log.getvalue())
        else:
            mol = Chem.Mol(item)
        with capture_rdkit_log() as log:
            problems = Chem.DetectChemistryProblems(mol)  # RDKit logs them too: kept as the reason, not printed
            if problems:
                return None, f"{problems[0].GetType()}: {problems[0].Message()}"
            try:
                Chem.SanitizeMol(mol)
                self.last_whole = Chem.MolToSmiles(mol)
                if self.standardize:
                    chooser, uncharger = self._tools()
                    mol = uncharger.uncharge(chooser.choose(mol))
                    # the uncharger leaves the old aromaticity flags: cyclopentadienide (the ring of
                    # ferrocene) comes out as aromatic c1cccc1, which no parser accepts; sanitising
                    # again recomputes them (C1=CCC=C1)
                    Chem.SanitizeMol(mol)
                smiles = Chem.MolToSmiles(mol)
            except Exception as exc:  # RDKit raises its own exception types (MolSanitizeException, ...)
                return None, f"{type(exc).__name__}: {exc}".strip().splitlines()[0]
        if mol.GetNumAtoms() == 0 or not smiles:
            return None, "the molecule has no atoms"
        # round trip: every featurizer parses the stored SMILES again, so it must parse
        with capture_rdkit_log():
            again = Chem.MolFromSmiles(smiles)
        if again is None or again.GetNumAtoms() == 0:
            return None, "the standardised SMILES cannot be parsed again (round-trip check failed)"
        return Chem.MolToSmiles(again), None


# --------------------------------------------------------------------------- readers
class _MoleculeOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    on_invalid: Literal["skip", "fail"] = "skip"
    standardize: bool = True


def _infer_task(columns: list[str], values: np.ndarray, explicit: str | None, source: str) -> str:
    """The task from the labels: 0/1 columns are binary (one) or multilabel (several)."""
    if explicit is not None:
        return explicit
    present = values[~np.isnan(values)] if values.dtype.kind == "f" else values
    if present.size and np.isin(present, (0, 1)).all():
        return "binary" if len(columns) == 1 else "multilabel"
    return "regression"


def _numeric_labels(frame, columns: list[str], source: str) -> np.ndarray:
    import pandas as pd

    out = np.empty((len(frame), len(columns)), dtype=np.float64)
    for j, col in enumerate(columns):
        raw = frame[col]
        values = pd.to_numeric(raw, errors="coerce")
        bad = values.isna() & raw.notna() & (raw.astype(str).str.strip() != "")
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0]) + 1
            raise DataError(
                f"{source}: label column {col!r} has a non-numeric value in data row {row}; "
                "fix: clean the column, or set data.task: multiclass for a class-name label"
            )
        out[:, j] = values.to_numpy(dtype=np.float64)
    return out


def build_molecule_dataset(
    records: list[Any],
    labels: np.ndarray,
    label_names: list[str],
    *,
    task_kind: str | None,
    ids: np.ndarray,
    source: str,
    options: _MoleculeOptions,
    positive_class: str | None = None,
    class_labels: np.ndarray | None = None,
    format_name: str = "smiles",
    class_names: list[str] | None = None,
    label_map: dict[str, str] | None = None,
    duplicates: str = "auto", first_row: int = 1,
) -> Dataset:
    """Standardise ``records`` (SMILES or RDKit Mols) and assemble the dataset.

    ``labels`` is float (n, T) with NaN for a missing label; ``class_labels`` (object, n) is used
    instead for a multiclass task whose labels are names. ``class_names`` / ``label_map``
    (``data.class_names`` / ``data.label_map``) code one classification label through
    :func:`mednn.data.labels.class_targets`, as every other reader does. Molecules with the same
    standardised SMILES follow ``duplicates`` (``data.duplicates``, :mod:`mednn.data.duplicates`);
    invalid and unlabelled rows are left out with a finding each (their rows listed; ``first_row``:
    the row number of ``records[0]``, 2 for a CSV with a header).
    """
    if class_labels is None and (class_names or label_map) and task_kind in (None, "binary", "multiclass") \
            and len(label_names) == 1:
        class_labels = np.array([None if np.isnan(v) else _format_number(v) for v in labels[:, 0]], dtype=object)
    if class_labels is not None and label_map is not None:
        class_labels = np.array(apply_label_map(list(class_labels), label_map, column=label_names[0],
                                                source=source), dtype=object)
    canonical, invalid, whole = _standardise(records, options, source, first_row)
    valid = np.array([s is not None for s in canonical], dtype=bool)
    notes: dict[str, Any] = {"invalid_molecules": invalid, "groups": "scaffold", "format": format_name}

    kind = task_kind
    if class_labels is None:
        if kind is None:
            kind = _infer_task(label_names, labels[valid], None, source)
            notes["task_inferred"] = kind
        unlabelled = _rows_without_label(labels, label_names, valid, kind, source)
    else:
        unlabelled = valid & np.array([v is None for v in class_labels], dtype=bool)
    if unlabelled.any():
        notes["unlabelled_rows"] = (np.flatnonzero(unlabelled) + first_row).tolist()
    index = np.flatnonzero(valid & ~unlabelled)
    if index.size == 0:
        raise DataError(
            f"{source}: no molecule is both valid and labelled ({len(invalid)} invalid); "
            "fix: check the SMILES column and data.label"
        )
    findings = _left_out_findings(invalid, unlabelled, len(records), first_row)
    smiles_kept = [canonical[i] for i in index]
    whole_kept = [whole[i] for i in index]  # duplicates are the same whole structure, salt included
    notes["duplicates"] = repeated_molecules(index + first_row, whole_kept)
    findings += salt_form_findings(smiles_kept, whole_kept, index)

    if class_labels is not None:
        values = [_label_text(v) for v in class_labels[index]]
        task, targets = class_targets(values, column=label_names[0], source=source,
                                      kind=kind if kind in ("binary", "multiclass") else None,
                                      class_names=class_names, positive_class=positive_class,
                                      notes=notes, numeric=False)
    else:
        task, targets = _numeric_targets(kind, labels[index], label_names, positive_class, source, notes)
    notes["n_read"] = len(records)
    notes["n_invalid"] = len(invalid)
    out = resolve_duplicates(whole_kept, targets, task, policy=duplicates, rows=index, what="molecules",
                             source=source, modality="molecules", first_row=first_row)
    notes.update(out.notes)
    index, smiles_kept = index[out.keep], [smiles_kept[i] for i in out.keep]
    groups = np.array([bemis_murcko_scaffold(s) for s in smiles_kept], dtype=object)
    return Dataset(inputs=smiles_kept, targets=out.targets, task=out.task, ids=np.asarray(ids)[index], groups=groups,
                   modality="molecules", source=source, notes=notes, findings=findings + out.findings)


def _left_out_findings(invalid: list[dict[str, Any]], unlabelled: np.ndarray, n: int, first_row: int) -> list:
    """The rows read but not used: invalid molecules and rows without any label, each a finding
    with ``removed: true`` and the 0-based rows."""
    findings: list[Finding] = []
    if invalid:
        add_finding(findings, Finding(
            "skipped_inputs", "warning", f"{len(invalid)} of {n} molecules could not be read and were left out "
            f"(first: row {invalid[0]['row']}); listed with the reason as invalid_molecules (a run's .csv, an evaluation's JSON)",
            count=len(invalid), removed=True, rows=[int(entry["row"]) - first_row for entry in invalid]))
    if unlabelled.any():
        add_finding(findings, Finding(
            "unlabelled_dropped", "warning", f"{int(unlabelled.sum())} of {n} molecules have no label and were left "
            "out", count=int(unlabelled.sum()), removed=True, rows=np.flatnonzero(unlabelled)))
    return findings


def _standardise(records: list[Any], options: _MoleculeOptions, source: str, first_row: int = 1
                 ) -> tuple[list[str | None], list[dict[str, Any]], list[str | None]]:
    """Canonical SMILES per record (None when invalid), the invalid ones with RDKit's reason, and
    each record's whole structure (counter-ions kept, for duplicates);
    ``data.on_invalid: fail`` refuses any."""
    standardizer = Standardizer(options.standardize)
    canonical: list[str | None] = []
    invalid: list[dict[str, Any]] = []
    whole: list[str | None] = []
    for i, item in enumerate(records):
        smiles, reason = standardizer(item)
        canonical.append(smiles)
        whole.append(standardizer.last_whole if smiles is not None else None)
        if smiles is None:
            shown = item if isinstance(item, str) else None
            invalid.append({"row": int(i + first_row), "smiles": shown, "reason": reason})
    if invalid and options.on_invalid == "fail":
        first = invalid[0]
        raise DataError(
            f"{source}: {len(invalid)} invalid molecule(s), first in row {first['row']} "
            f"({first['reason']}); fix: correct them or set data.on_invalid: skip"
        )
    return canonical, invalid, whole


def _rows_without_label(labels: np.ndarray, label_names: list[str], valid: np.ndarray, kind: str,
                        source: str) -> np.ndarray:
    """Valid rows without any label (a row teaches nothing then: dropped and listed); a label
    column missing everywhere is an error."""
    for j, name in enumerate(label_names):
        if valid.any() and np.isnan(labels[valid, j]).all():
            raise DataError(
                f"{source}: every label of column {name!r} is missing; "
                f"fix: remove {name!r} from data.label"
            )
    if kind in ("binary", "multiclass") and len(label_names) == 1:
        return valid & np.isnan(labels[:, 0])
    return valid & np.isnan(labels).all(axis=1)


def _numeric_targets(kind: str, y: np.ndarray, label_names: list[str], positive_class: str | None,
                     source: str, notes: dict[str, Any]) -> tuple[Task, np.ndarray]:
    """Task and targets of numeric labels (the kept rows): 0/1 binary, class numbers, 0/1/empty
    multilabel, or regression values."""
    if kind == "binary":
        return _binary_targets(y, label_names, positive_class, source, notes)
    if kind == "multiclass":
        values = np.unique(y[:, 0])
        lookup = {v: k for k, v in enumerate(values)}
        targets = np.array([lookup[v] for v in y[:, 0]], dtype=np.int64)
        return Task("multiclass", tuple(_format_number(v) for v in values)), targets
    if kind == "multilabel":
        present = y[~np.isnan(y)]
        if not np.isin(present, (0, 1)).all():
            raise DataError(f"{source}: multilabel targets must be 0, 1 or empty; fix: check data.label")
        return Task("multilabel", tuple(label_names)), y.astype(np.float32)
    return Task("regression", tuple(label_names)), y.astype(np.float32)


def _binary_targets(y: np.ndarray, label_names: list[str], positive_class: str | None, source: str,
                    notes: dict[str, Any]) -> tuple[Task, np.ndarray]:
    if len(label_names) != 1:
        raise DataError(
            f"{source}: a binary task takes one label column; got {len(label_names)}; "
            "fix: set data.task: multilabel"
        )
    y = y[:, 0]
    if not np.isin(y, (0, 1)).all():
        raise DataError(
            f"{source}: binary label {label_names[0]!r} has values other than 0 and 1; "
            "fix: set data.task: regression or multiclass"
        )
    names = ("0", "1")
    if positive_class is not None and str(positive_class) not in names:
        raise DataError(
            f"{source}: data.positive_class {positive_class!r} is not a label value; "
            "expected '0' or '1'"
        )
    targets = y.astype(np.int64)
    if positive_class == "0":
        targets, names = 1 - targets, ("1", "0")
    notes["positive_class"] = (f"'{names[1]}' (from data.positive_class)" if positive_class is not None
                               else "'1' (the larger value); set data.positive_class to change")
    return Task("binary", names), targets


def _label_text(value: Any) -> str:
    """A class label read as text: "1.0" and "1" are one class (files write numbers both ways)."""
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        return text
    return _format_number(number) if np.isfinite(number) else text


def _format_number(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def _detect_smiles_column(columns: list[str], chosen: str | None, source: str) -> str:
    if chosen is not None:
        if chosen not in columns:
            raise DataError(
                f"{source}: SMILES column {chosen!r} not found; {columns_for_message(columns, prefix='valid columns')}; "
                "fix: set data.smiles_column"
            )
        return chosen
    for name in SMILES_COLUMN_NAMES:
        if name in columns:
            return name
    lowered = {c.lower(): c for c in columns}
    for name in ("smiles", "mol"):
        if name in lowered:
            return lowered[name]
    raise DataError(
        f"{source}: no SMILES column found (looked for {', '.join(SMILES_COLUMN_NAMES)}); "
        f"{columns_for_message(columns)}; fix: set data.smiles_column"
    )


@READERS.register("smiles")
class SmilesReader(Reader):
    """A CSV (or TSV) table with one SMILES column and one or many target columns."""

    name = "smiles"
    modality = "molecules"

    class Options(_MoleculeOptions):
        smiles_column: str | None = None
        delimiter: str | None = None

    @classmethod
    def sniff(cls, path: Path) -> bool:
        if path.suffix.lower() not in (".csv", ".tsv", ".smi", ".txt") or not path.is_file():
            return False
        header = first_lines(path, 1)
        cells = [c.strip().strip('"') for c in re.split(r"[,\t;]", header[0])] if header else []
        return any(c in SMILES_COLUMN_NAMES for c in cells)

    def read(self, cfg, options) -> Dataset:

        path = Path(cfg.path)
        source = str(path)
        frame = _smiles_table(path, options)
        columns = [str(c) for c in frame.columns]
        if frame.empty:
            raise DataError(f"{source} has no data rows; fix: point data.path at a filled file")
        smiles_col = _detect_smiles_column(columns, options.smiles_column, source)
        reserved = {smiles_col, cfg.id_column, *cfg.meta_columns} - {None}
        label_names = cfg.labels or [c for c in columns if c not in reserved]
        missing = [c for c in label_names if c not in columns]
        if missing:
            raise DataError(
                f"{source}: label column {missing[0]!r} not found; "
                f"{columns_for_message(columns, prefix='valid columns')}; fix: set data.label"
            )
        if not label_names:
            raise DataError(f"{source}: no label column besides {smiles_col!r}; fix: set data.label")
        if cfg.id_column is not None and cfg.id_column not in columns:
            raise DataError(f"{source}: id column {cfg.id_column!r} not found; fix: set data.id_column")

        frame = frame.replace({"": None})
        class_labels = None
        if cfg.task == "multiclass" or (
            cfg.task in (None, "binary") and len(label_names) == 1
            and (_non_numeric(frame[label_names[0]]) or cfg.label_map or cfg.class_names)
        ):
            class_labels = frame[label_names[0]].to_numpy(dtype=object)
            labels = np.zeros((len(frame), 1))
            kind = cfg.task
        else:
            labels = _numeric_labels(frame, label_names, source)
            kind = cfg.task
        own = cfg.id_column or auto_id_column(columns, frame, smiles_col, {*label_names, *reserved})
        ids = frame[own].to_numpy(dtype=object) if own else row_ids(np.arange(len(frame)) + CSV_FIRST_ROW)
        records = [s if s is not None else "" for s in frame[smiles_col].tolist()]
        dataset = build_molecule_dataset(
            records, labels, label_names, task_kind=kind, ids=ids, source=source,
            options=options, positive_class=cfg.positive_class, class_labels=class_labels,
            class_names=cfg.class_names, label_map=cfg.label_map, duplicates=cfg.duplicates,
            first_row=CSV_FIRST_ROW)
        dataset.notes["smiles_column"] = smiles_col
        return dataset

    def read_unlabelled(self, cfg, options) -> Dataset:
        """Molecules to predict: label columns may be absent and are not read; invalid ones are
        listed in ``notes["invalid_molecules"]``, not lost. ids: ``data.id_column`` when the file
        has it, else a column named like an id (:mod:`.molecule_ids`), else ``row-<file row>``."""

        path = Path(cfg.path)
        frame = _smiles_table(path, options)
        if frame.empty:
            raise DataError(f"{path} has no data rows; fix: point to a filled file")
        smiles_col = _detect_smiles_column([str(c) for c in frame.columns], options.smiles_column, str(path))
        columns = [str(c) for c in frame.columns]
        own = cfg.id_column if cfg.id_column in columns else auto_id_column(columns, frame, smiles_col, set())
        ids = frame[own].to_numpy(dtype=object) if own else row_ids(np.arange(len(frame)) + CSV_FIRST_ROW)
        return unlabelled_molecules(frame[smiles_col].tolist(), ids, options, str(path), first_row=CSV_FIRST_ROW)


def unlabelled_molecules(records: list[Any], ids: np.ndarray, options, source: str, first_row: int = 1) -> Dataset:
    """Standardise molecules to predict (SMILES or RDKit Mols); invalid ones are listed with
    their row (``first_row`` numbers ``records[0]``)."""
    standardizer = Standardizer(options.standardize)
    kept_ids, smiles, invalid = [], [], []
    for i, record in enumerate(records):
        canonical, reason = standardizer(record)
        if canonical is None:
            invalid.append({"row": i + first_row, "id": ids[i], "reason": reason})
        else:
            kept_ids.append(ids[i])
            smiles.append(canonical)
    if invalid and options.on_invalid == "fail":
        where = f"{rows_noun(1, first_row)} {invalid[0]['row']}"
        raise DataError(f"{source}: {len(invalid)} invalid molecule(s), first in {where} "
                        f"({invalid[0]['reason']}); fix: correct them or set data.on_invalid: skip")
    if not smiles:
        raise DataError(f"{source}: no valid molecule to predict ({len(invalid)} invalid); fix: check the file")
    return Dataset(inputs=smiles, targets=np.zeros(len(smiles)), task=Task("regression", ("unlabelled",)),
                   ids=np.array(kept_ids, dtype=object), modality="molecules", source=source,
                   notes={"invalid_molecules": invalid, "unlabelled": True})


def _smiles_table(path: Path, options):
    """The file with every column as text (labels are parsed later, so an empty cell stays missing)."""
    import pandas as pd

    if not path.is_file():
        raise DataError(f"Data file {path} does not exist; fix: set data.path")
    sep = options.delimiter or ("\t" if path.suffix.lower() == ".tsv" else ",")
    check_delimited_file(path, sep)  # a giant line would exhaust memory inside pandas
    try:
        # blank lines stay rows (empty SMILES, listed as invalid): the row numbers match the file
        frame = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, skip_blank_lines=False)
        return frame.fillna("")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise DataError(unreadable_csv(path, exc)) from None


def _non_numeric(series) -> bool:
    import pandas as pd

    values = series.dropna()
    return bool(len(values)) and pd.to_numeric(values, errors="coerce").isna().any()


@READERS.register("sdf")
class SdfReader(Reader):
    """An SDF file; targets (and optionally ids) come from each record's properties."""

    name = "sdf"
    modality = "molecules"

    class Options(_MoleculeOptions):
        pass

    @classmethod
    def sniff(cls, path: Path) -> bool:
        return path.suffix.lower() in (".sdf", ".sd") and path.is_file()

    def read_unlabelled(self, cfg, options) -> Dataset:
        """Molecules to predict from an SDF whose records may lack the label properties; ids:
        the ``data.id_column`` property when a record has it, else the titles or ``record-<n>``."""
        records, props, _ = self._records(Path(cfg.path))
        ids = (np.array([p.get(cfg.id_column, f"record-{i + 1}") for i, p in enumerate(props)], dtype=object)
               if cfg.id_column else sdf_ids(props))
        return unlabelled_molecules(records, ids, options, str(cfg.path))

    def _records(self, path: Path):
        Chem = require("rdkit.Chem", extra="molecules")
        source = str(path)
        if not path.is_file():
            raise DataError(f"Data file {source} does not exist; fix: set data.path")
        records: list[Any] = []
        props: list[dict[str, str]] = []
        reasons: dict[int, str] = {}
        # sanitize=False: the Standardizer sanitises and keeps RDKit's reason on failure
        with capture_rdkit_log() as log, native_stderr_into(log):
            try:  # RDKit raises a bare OSError for an empty file, which the CLI read as a disk error (trial 16)
                supplier = Chem.SDMolSupplier(str(path), sanitize=False, removeHs=False)
            except OSError:
                raise DataError(f"{source}: the file is empty or not an SDF RDKit can open; fix: check data.path") from None
            for i in range(len(supplier)):
                start = len(log.getvalue())
                mol = supplier[i]
                records.append(mol)
                if mol is None:
                    reasons[i] = last_reason(log.getvalue()[start:])
                    props.append({})
                else:
                    props.append({k: str(v) for k, v in mol.GetPropsAsDict().items()})
                    props[-1].setdefault("_Name", mol.GetProp("_Name") if mol.HasProp("_Name") else "")
        if not records:
            raise DataError(f"{source} holds no molecule records; fix: point data.path at an SDF file")
        return records, props, reasons

    def read(self, cfg, options) -> Dataset:
        path = Path(cfg.path)
        source = str(path)
        records, props, reasons = self._records(path)
        available = sorted({k for p in props for k in p if not k.startswith("_")})
        label_names = cfg.labels or [k for k in available if k != cfg.id_column]
        if not label_names:
            raise DataError(f"{source}: the records have no properties to use as labels; fix: set data.label")
        if not any(label_names[0] in p for p in props):
            raise DataError(
                f"{source}: no record has property {label_names[0]!r}; valid properties: "
                f"{', '.join(available) or 'none'}; fix: set data.label"
            )
        labels = np.full((len(records), len(label_names)), np.nan)
        for i, p in enumerate(props):
            for j, name in enumerate(label_names):
                text = p.get(name, "").strip()
                if text:
                    try:
                        labels[i, j] = float(text)
                    except ValueError:
                        raise DataError(
                            f"{source}: property {name!r} of record {i + 1} is not a number; "
                            "fix: clean the property or choose another data.label"
                        ) from None
        if cfg.id_column:
            ids = np.array([p.get(cfg.id_column, f"record-{i + 1}") for i, p in enumerate(props)], dtype=object)
        else:
            ids = sdf_ids(props)
        dataset = build_molecule_dataset(
            records, labels, label_names, task_kind=cfg.task, ids=ids, source=source,
            options=options, positive_class=cfg.positive_class, format_name="sdf",
            class_names=cfg.class_names, label_map=cfg.label_map, duplicates=cfg.duplicates,
        )
        for entry in dataset.notes["invalid_molecules"]:
            if entry["row"] - 1 in reasons:
                entry["reason"] = reasons[entry["row"] - 1]
        return dataset
