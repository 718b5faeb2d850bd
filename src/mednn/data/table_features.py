"""The feature columns of a table: numbers checked, text typed as categories, identifiers refused.

:func:`check_features` turns the raw feature columns into numbers (checked for infinite and
too-large values) and categories (text, as :func:`~.columns.category_strings`), refuses a text
column that is numeric but for a few stray cells or that holds free text, and refuses columns
that hold identifiers (names, record numbers ...): their values would be stored in the run as
category names or shown in the explanations. Messages give counts and column names only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import DataError
from .columns import category_strings, close_names, decimal_comma_hint, is_numeric, plural, row_list

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .table_readers import TableOptions

class IdentifierColumn(DataError):
    """A feature column refused as identifiers (:func:`check_features` names them all at once):
    ``what`` the column and why, counts only; ``person`` when it is the person of repeated rows."""

    def __init__(self, message: str, *, what: str = "", person: bool = False):
        super().__init__(message)
        self.what, self.person = what or message, person  # defaults: an unpickled copy still has a message


def check_features(
    features: "pd.DataFrame", rows: np.ndarray, options: TableOptions, source: str, notes: dict[str, Any],
    ref=lambda name: f"column '{name}'", first_row: int | None = None,
) -> "pd.DataFrame":
    """``ref(name)`` is how a message names a column (by position when the header reads as data);
    ``first_row``: the number of the first data row (0: a request's records, named as such)."""
    import pandas as pd

    explicit = list(options.categorical_columns or [])
    for name in explicit:
        if name not in features.columns:
            raise DataError(
                f"{source}: data.categorical_columns names '{name}', which is not a feature column; "
                f"{close_names(name, [str(c) for c in features.columns])}; fix: correct the name"
            )
    categorical: list[str] = []
    checked = _finite_float_columns(features, explicit)
    # a finished run's feature columns: screened on its training data, not again on new rows
    trained = options.run_columns
    refused: list[tuple[str, DataError]] = []  # every identifier column at once: one edit (trial 12)
    for name in features.columns:
        if name in checked:  # float64, finite and within float32: only the identifier check is left
            if len(checked[name]) >= _ID_MIN_ROWS and name not in trained:
                _screen(refused, name, refuse_number_identifier, checked[name], options, source, ref)
            continue
        col = features[name]
        if name in explicit:
            features[name] = category_strings(col)
            if name not in trained:
                _screen(refused, name, refuse_identifier_column, features[name], options, source)
            categorical.append(name)
            continue
        if pd.api.types.is_bool_dtype(col):
            features[name] = col.astype(np.float64)
            continue
        if is_numeric(col):
            values = col.to_numpy(dtype=np.float64)
            inf = np.isinf(values)
            if inf.any():
                raise DataError(
                    f"{source}: {ref(name)} has {plural(int(inf.sum()), 'infinite value')} "
                    f"({row_list(rows[inf], first_row=first_row)}); fix: replace them with numbers or a missing-value "
                    "marker"
                )
            with np.errstate(invalid="ignore"):
                huge = np.abs(values) > np.finfo(np.float32).max  # would become inf in the model
            if huge.any():
                raise DataError(
                    f"{source}: {ref(name)} has {plural(int(huge.sum()), 'value')} too large for the model's "
                    f"32-bit numbers ({row_list(rows[huge], first_row=first_row)}); fix: check the units of that "
                    "column or mark those cells as missing"
                )
            if name not in trained:
                _screen(refused, name, refuse_number_identifier, values, options, source, ref)
            continue
        features[name] = _screen(refused, name, _text_column, col, rows, options, source, ref,
                                 screen=name not in trained)
        categorical.append(name)
    ids = [(name, exc) for name, exc in refused if isinstance(exc, IdentifierColumn)]
    if refused:
        raise (ids or refused)[0][1] if len(ids) <= 1 else DataError(_identifier_columns(ids, source))

    notes["categorical_columns"] = categorical
    notes["missing_counts"] = _missing_counts(features, rows, options, source, ref)
    none_cells = _none_cells(features, categorical, options)
    if none_cells:  # counted, not read as missing: 'None' is a category in diabetes-130 (not measured)
        notes["none_as_category"] = none_cells
    notes["missing_policy"] = options.missing
    return features


def _screen(refused: list, name: str, check, *args, **kwargs):
    """``check(name, *args)``'s result; a refusal is added to ``refused`` instead of raised, so
    that one message names every identifier column (another refusal is raised after them)."""
    try:
        return check(name, *args, **kwargs)
    except DataError as exc:
        refused.append((name, exc))
        return args[0]


def _identifier_columns(refused: list[tuple[str, DataError]], source: str) -> str:
    """One line naming every refused identifier column with its reason (counts only) and the keys."""
    whys = [exc.what for _, exc in refused]
    person = [name for name, exc in refused if exc.person][:1]
    others = ", ".join(name for name, _ in refused if name not in person)
    fix = (f"set {person[0]} as data.patient_column; set the record key of the others as data.id_column or list "
           f"them in data.drop_columns: [{others}]" if person else "set the record or patient key as data.id_column "
           f"/ data.patient_column and list the rest in data.drop_columns: [{others}]")
    return (f"{source}: {len(refused)} columns look like identifiers, which must not be features: {'; '.join(whys)}; "
            f"fix: {fix}; or list them in data.allow_identifier_columns to use them anyway")


def _text_column(name: str, col: "pd.Series", rows: np.ndarray, options: TableOptions, source: str, ref, *,
                 screen: bool) -> "pd.Series":
    """A text feature column as category strings. Refused: numeric but for a few stray cells (a
    typo or an unlisted missing marker, which would otherwise become hundreds of categories);
    with ``screen`` (training data), identifiers and free text too."""
    import pandas as pd

    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    present = codes >= 0
    # which distinct values read as numbers, then which rows hold one
    numeric = np.append(pd.to_numeric(pd.Series(uniques, dtype=object), errors="coerce").notna().to_numpy(), False)
    numbers = numeric[codes]
    stray = present & ~numbers
    if present.any() and numbers.sum() > 0.5 * present.sum() and stray.any():
        raise DataError(
            f"{source}: {ref(name)} is numeric except for {plural(int(stray.sum()), 'cell')} "
            f"({row_list(rows[stray])}); fix: clean those cells, add their marker to "
            f"data.missing_values, or list the column in data.categorical_columns"
        )
    text = category_strings(col)
    if not screen:  # new rows of a run: their values are scored, never stored as categories
        return text
    # identifiers first, whatever their count: dates are refused as dates, never as free text
    refuse_identifier_column(name, text, options, source)
    distinct = text.nunique(dropna=True)
    # one-hot categories become feature names saved in the run and shown in the report:
    # a column of mostly unique text is free text or an identifier, never a category
    if distinct > 20 and distinct > 0.5 * present.sum():
        raise DataError(
            f"{source}: text {ref(name)} has {distinct} distinct values in {int(present.sum())} rows, "
            f"like free text or an identifier; fix: {decimal_comma_hint(text)}{_notes_hint(name, text)}"
            f"{_patients_hint(name, text)}"
            "list it in data.drop_columns (or data.id_column), or in data.categorical_columns to one-hot encode it")
    return text


def _patients_hint(name: str, text: "pd.Series") -> str:
    """For ids ending in a counter shared by several rows (``S01_3``): the key that takes the
    patient from them, since these rows are repeated measurements of fewer people."""
    from .repeated import grouping_fix

    fix = grouping_fix(text, str(name))
    if fix:
        return (f"its ids look like repeated measurements of fewer people: set {fix} (the rows are then grouped by "
                "person and the column is no feature); or ")
    # whole values on several rows (a patient's visits): the key that keeps them in one split (trial 14)
    repeated = int(text.dropna().duplicated(keep=False).sum())
    return (f"{repeated} rows share a value with another row: if it names patients, set data.patient_column: {name} "
            "(each patient's rows then stay in one split); or " if repeated else "")


def _notes_hint(name: str, text: "pd.Series") -> str:
    """For a column of notes: the keys that read the file as notes (data.format: text ...)."""
    words = text.dropna().astype(str).head(200).str.split().str.len()
    if len(words) and float(words.median()) >= 5:
        return f"if it holds notes, read the file as notes: data.format: text, data.text_columns: [{name}]; or "
    return ""


def _none_cells(features: "pd.DataFrame", categorical: list[str], options: TableOptions) -> dict[str, int]:
    """Cells reading 'None' per text column, when 'None' is not a missing marker (it is not a
    default one: such cells stay a category, and the reader's note counts them)."""
    if any(m.strip().lower() == "none" for m in options.markers):
        return {}
    counts = {}
    for name in categorical:
        n = int((features[name].astype(str).str.strip().str.lower() == "none").sum())
        if n:
            counts[str(name)] = n
    return counts


def _missing_counts(features: "pd.DataFrame", rows: np.ndarray, options: TableOptions, source: str,
                    ref) -> dict[str, int]:
    """Missing values per feature column; ``data.missing: error`` refuses the first one's rows."""
    missing = {str(c): int(n) for c, n in features.isna().sum().items() if n > 0}
    if missing and options.missing == "error":
        name, count = next(iter(missing.items()))
        where = row_list(rows[features[name].isna().to_numpy()])
        others = f" (and {len(missing) - 1} more columns)" if len(missing) > 1 else ""
        raise DataError(
            f"{source}: {ref(name)} has {plural(count, 'missing value')} ({where}){others}; "
            "fix: set data.missing: impute or clean the file"
        )
    return missing


def refuse_identifier_column(name: str, values: "pd.Series", options: TableOptions, source: str,
                              *, meta: bool = False) -> None:
    """Refuse a text column whose values are names, e-mails, phone or record numbers or dates.

    Its values would become one-hot category names (stored in featurizer.json and data.json,
    shown in the report) or subgroup names (metrics.json). Checked on a sample of its distinct
    values with the cell detectors of :func:`mednn.data.identifiers.identifier_column`;
    the message gives counts, never the values.
    """
    import pandas as pd

    if name in options.allow_identifier_columns or is_numeric(values) or pd.api.types.is_bool_dtype(values):
        return
    from .identifiers import COLUMN_TYPE_WORDS

    found = text_identifier(name, values.dropna().unique().tolist())  # in order of appearance
    if found is None:
        return
    kind, n_like, n_sampled = found
    use = "data.meta_columns (subgroup tables show its values)" if meta else "the features (one-hot categories store its values in the run)"
    what, why = COLUMN_TYPE_WORDS.get(kind, "ZIP / postal codes"), ""
    if kind == "DATE":  # a date of birth or of a visit: an identifier, and no patient key
        what, why = "dates", ": an identifier/date column (with age and sex a date of birth singles out a patient)"
        fix = (("fix: remove it from data.meta_columns; or " if meta else "fix: ") +
               f"drop it with data.drop_columns: [{name}] (derive an age column from it in the file first if "
               f"age matters), or list it in data.allow_identifier_columns to use it anyway")
    else:
        fix = ("fix: list it in data.drop_columns, set it as data.patient_column if it identifies patients, or list "
               "it in data.allow_identifier_columns to use it anyway")
    said = f"column '{name}' holds {what} ({n_like} of {n_sampled} distinct values sampled){why}"
    raise IdentifierColumn(f"{source}: {said}, which must not go into {use}; {fix}", what=said)


def text_identifier(name: str, distinct: list) -> tuple[str, int, int] | None:
    """``(type, n_like, n_sampled)`` when a text column's distinct values (in order of appearance)
    are identifiers (:func:`mednn.data.identifiers.identifier_column`), dates of birth or ZIP codes
    (by the column's name and values), else None. Counts only."""
    from .identifiers import identifier_column

    found = identifier_column(distinct) or _birth_dates(name, distinct)
    if found is None and column_name_words(name) & _ZIP_WORDS:
        codes = sum(1 for v in distinct if str(v).strip().replace("-", "").isdigit())
        found = ("ZIP", codes, len(distinct)) if codes >= 0.6 * max(1, len(distinct)) else None
    return found


# words that name a date-of-birth column (dob, DOB, birth_date, date_of_birth, BirthDate ...)
_BIRTH_WORDS = frozenset({"dob", "birth", "birthdate", "birthday", "born"})


def _birth_dates(name: str, distinct: list) -> tuple[str, int, int] | None:
    """``("DATE", n_like, n_sampled)`` for a column named like a date of birth whose values parse
    as dates in any form (``10-May-1963``, ``1963-05-10T00:00Z`` ...), else None: the cell
    patterns of :mod:`.identifiers` know the common forms only, the name tells the rest."""
    if not column_name_words(name) & _BIRTH_WORDS or not distinct:
        return None
    import warnings

    import pandas as pd

    sample = pd.Series([str(v) for v in distinct[:200]], dtype=object)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            parsed = pd.to_datetime(sample, errors="coerce", format="mixed", utc=True)
        except (ValueError, TypeError, OverflowError):  # not dates pandas can read: the patterns decide
            return None
    n_like = int(parsed.notna().sum())
    return ("DATE", n_like, len(sample)) if n_like >= 0.6 * len(sample) else None


def _finite_float_columns(features: "pd.DataFrame", explicit: list[str]) -> dict[str, np.ndarray]:
    """The float64 feature columns (not listed as categorical) whose values are all finite and
    within float32, checked as one block: {name: values}. The rest take the column-by-column
    checks, which name the problem (a wide or served table costs one pass, not one per column)."""
    names = [name for name, dtype in zip(features.columns, features.dtypes)
             if dtype == np.float64 and name not in explicit]
    if not names:
        return {}
    whole = len(names) == features.shape[1]  # every column: no selection (slow on a text column index)
    block = (features if whole else features[names]).to_numpy(dtype=np.float64)
    with np.errstate(invalid="ignore"):
        refused = (np.isinf(block) | (np.abs(block) > np.finfo(np.float32).max)).any(axis=0)
    return {name: block[:, j] for j, name in enumerate(names) if not refused[j]}


# words that name an identifier column (split from the column name on punctuation and case);
# "unnamed" / "index" / "row" catch the row index a data frame library writes as a first column
_ID_WORDS = frozenset({"id", "ids", "mrn", "nbr", "num", "number", "no", "record", "encounter", "patient",
                       "subject", "account", "ssn", "nhs", "uid", "uuid", "identifier", "accession", "key",
                       "unnamed", "index", "idx", "row"})
# a numeric column must hold at least this many values to be judged
_ID_MIN_ROWS = 20
# words that name the person a row belongs to, and the words of a key (subject#, patient_nbr, PatientID):
# a column named only by them holds the person even where its values repeat (several visits each)
_PERSON_WORDS = frozenset({"patient", "subject", "participant", "person", "individual", "donor", "volunteer",
                           "pt", "pid", "ptid", "mrn", "ssn", "nhs"})
_KEY_WORDS = frozenset({"id", "ids", "nbr", "num", "number", "no", "key", "code", "identifier", "uid", "uuid",
                        "idx", "index"})
_PERSON_MIN_GROUPS = 5  # fewer values are arms or sites, not people


# words that name a ZIP / postal code column (a quasi-identifier: with age and sex it singles out
# most people); its values read as plain numbers, so only the name tells
_ZIP_WORDS = frozenset({"zip", "zipcode", "postal", "postcode", "plz", "zip3", "zip5"})
# a whole number with this many digits, distinct in every row, is a record number whatever the
# column is called (no measurement in a medical table is distinct 7-digit integers)
_ID_DIGITS = 7


def column_name_words(name: str) -> set[str]:
    """The lower-cased words of a column name, split at case changes, digits and punctuation
    (``PatientAge`` -> ``{'patient', 'age'}``, ``age_years`` -> ``{'age', 'years'}``): how a name's
    meaning is read here and by :func:`mednn.privacy.deid.files.top_code_ages`.

    >>> sorted(column_name_words("PatientAge"))
    ['age', 'patient']
    """
    import re

    return {w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", str(name))}


def number_identifier_reason(name: str, values: np.ndarray, *, min_rows: int = _ID_MIN_ROWS) -> str | None:
    """Why a numeric column holds identifiers, or None: record numbers (MRNs, encounter ids, a
    row index: whole numbers distinct in at least half of the rows, named id / mrn / nbr /
    encounter / index...), unique whole numbers of 7 or more digits under any name, ZIP
    codes (named zip / postal, whole numbers of up to 5 digits), or the person of repeated
    measurements (named only as a person's key: subject#, patient_nbr, PatientID; values
    repeated, as in a file of several visits per person). Codes named like ids
    (admission_type_id: a few values) and whole-number measurements (platelets) pass. Counts
    only, never values. ``min_rows``: fewer values are not judged.

    >>> number_identifier_reason("encounter_id", np.arange(100.0) * 7 + 1000) is not None
    True
    >>> number_identifier_reason("number_inpatient", np.arange(100.0) % 5) is None
    True
    >>> number_identifier_reason("code", np.arange(100.0) * 13 + 10_000_000) is not None
    True
    >>> number_identifier_reason("subject#", np.repeat(np.arange(1.0, 21.0), 5)) is not None
    True
    """
    present = values[~np.isnan(values)]
    if present.size < min_rows or present.size == 0 or not np.all(present == np.round(present)):
        return None
    words = column_name_words(name)
    distinct = len(np.unique(present))
    if words & _ZIP_WORDS and np.all((present >= 0) & (present < 100_000)):
        return "ZIP / postal codes (its name, and whole numbers of up to 5 digits)"
    if words & _ID_WORDS and distinct >= 0.5 * present.size:
        return f"an identifier (its name, and whole numbers distinct in {distinct} of {present.size} rows)"
    if distinct == present.size and np.all(np.abs(present) >= 10 ** (_ID_DIGITS - 1)):
        return (f"an identifier (whole numbers of {_ID_DIGITS} or more digits, distinct in every one of its "
                f"{present.size} rows)")
    if words & _PERSON_WORDS and words <= _PERSON_WORDS | _KEY_WORDS and distinct >= _PERSON_MIN_GROUPS:
        return (f"the person of repeated measurements (its name, and {distinct} values shared by "
                f"{present.size / distinct:.1f} rows each on average)")
    return None


def looks_like_number_identifier(name: str, values: np.ndarray) -> bool:
    """Whether a numeric column holds identifiers (:func:`number_identifier_reason`)."""
    return number_identifier_reason(name, values) is not None


def refuse_number_identifier(name: str, values: np.ndarray, options: TableOptions, source: str, ref) -> None:
    """Refuse a numeric feature column of record numbers: scaled as an amount it would be
    noise at best and a patient key in the model at worst, and the report's explanations and
    surrogate tree would show its values. The message gives counts, never the values."""
    reason = None if name in options.allow_identifier_columns else number_identifier_reason(name, values)
    if reason is None:
        return
    # the person of several rows: a patient key (ids must be unique), so the split goes by person
    person = reason.startswith("the person")
    keys = "data.patient_column" if person else "data.id_column or data.patient_column"
    raise IdentifierColumn(
        f"{source}: {ref(name)} looks like {reason}, which must not be a feature; fix: set it as "
        f"{keys}, list it in data.drop_columns, or list it in data.allow_identifier_columns to use it anyway",
        what=f"{ref(name)} looks like {reason}", person=person)


# words that name a column of a person's names or contact details, whatever its values look like
_NAME_WORDS = frozenset({"surname", "forename", "firstname", "lastname", "fullname", "email", "mail", "phone",
                         "telephone", "tel", "mobile", "fax", "address", "street"})


def identifier_reason(name: str, values: "pd.Series") -> str | None:
    """Why a column of text cells (as :func:`mednn.data.text.read_table` reads them) holds
    identifiers, or None: the rules training refuses feature columns by (record numbers, person
    keys, names, e-mails, phones, dates of birth, ZIP codes: :func:`number_identifier_reason`,
    :func:`text_identifier`) with no minimum row count, and a name that says so (patient_name,
    mrn, dob, email ...), except the file's own row numbers (1, 2, 3 ... in order). For
    ``mednn deid``, which must not copy such a column verbatim. Counts only.

    >>> import pandas as pd
    >>> identifier_reason("mrn", pd.Series(["00482913", "00519922"])) is not None
    True
    >>> identifier_reason("ward", pd.Series(["A", "B", "A"])) is None
    True
    """
    import pandas as pd

    from .identifiers import COLUMN_TYPE_WORDS

    text = values.dropna().astype(str).str.strip()
    text = text[text != ""]
    if text.empty:
        return None
    numbers = pd.to_numeric(text, errors="coerce")
    counter = numbers.to_numpy(dtype=np.float64) - np.arange(len(numbers))
    if numbers.notna().all() and len(numbers) == len(values) and set(counter.tolist()) in ({0.0}, {1.0}):
        return None  # the file's row numbers (0, 1, 2 ... or 1, 2, 3 ...): nobody's identity
    if numbers.notna().all():
        reason = number_identifier_reason(name, numbers.to_numpy(dtype=np.float64), min_rows=1)
        if reason is not None:
            return reason
    distinct = text.unique().tolist()
    found = text_identifier(name, distinct)
    if found is not None:
        kind, n_like, n_sampled = found
        return f"{COLUMN_TYPE_WORDS.get(kind, 'ZIP / postal codes')} ({n_like} of {n_sampled} distinct values sampled)"
    words = column_name_words(name)
    if words & _ID_WORDS and len(distinct) >= 0.5 * len(text):
        return f"an identifier (its name, and values distinct in {len(distinct)} of {len(text)} rows)"
    if words & (_NAME_WORDS | _BIRTH_WORDS | _ZIP_WORDS) or ("name" in words and words & _PERSON_WORDS):
        return "names, contact details, dates of birth or postal codes (its name)"
    return None


# a meta column becomes the rows of the subgroup tables (metrics.json, the report): one row per
# value, so a column with more values than this is a measurement or an identifier, not a group
MAX_SUBGROUP_VALUES = 20


def screen_meta_columns(meta: dict[str, Any], allowed: list[str] | tuple, source: str) -> None:
    """Refuse a meta column (``data.meta_columns``) whose values must not be listed in the run:
    identifiers by content (names, record numbers, ZIP codes...) or more than
    :data:`MAX_SUBGROUP_VALUES` distinct values (ages, ids: every value would be a subgroup row).
    ``allowed``: ``data.allow_identifier_columns``. Counts only, never values."""
    import types

    import pandas as pd

    options = types.SimpleNamespace(allow_identifier_columns=list(allowed))
    for name, values in meta.items():
        if name in allowed:
            continue
        series = pd.Series(np.asarray(values, dtype=object))
        numbers = pd.to_numeric(series, errors="coerce")
        if series.notna().any() and numbers.notna().sum() == series.notna().sum():
            reason = number_identifier_reason(name, numbers.to_numpy(dtype=np.float64))
            if reason is not None:
                raise DataError(f"{source}: meta column '{name}' looks like {reason}, whose values the subgroup "
                                "tables would list; fix: remove it from data.meta_columns (or set it as "
                                "data.patient_column), or list it in data.allow_identifier_columns")
        else:
            refuse_identifier_column(name, series.map(lambda v: v if v is None or v != v else str(v)), options,
                                     source, meta=True)
        distinct = int(series.nunique(dropna=True))
        if distinct > MAX_SUBGROUP_VALUES:
            raise DataError(
                f"{source}: meta column '{name}' has {distinct} distinct values; each value becomes a row of the "
                f"subgroup tables in metrics.json and the report, so a column of ages or ids would list patients' "
                f"values; fix: group it into at most {MAX_SUBGROUP_VALUES} bands or categories, remove it from "
                "data.meta_columns, or list it in data.allow_identifier_columns")
