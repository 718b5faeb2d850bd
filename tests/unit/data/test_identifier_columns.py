"""Identifier columns are found by their content: a low-cardinality column of patient names
(or e-mails, phone / record numbers, dates of birth) passes the cardinality guard, and would be
one-hot encoded with the names stored in the run; it is refused unless the config opts in."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mednn.config import DataConfig
from mednn.data.readers import read_dataset
from mednn.errors import DataError
from mednn.data.identifiers import identifier_column

NAMES = ["Margaret Okafor", "John Smith", "Maria Garcia", "Wei Chen", "Aisha Khan", "Robert Johnson",
         "Linda Nguyen", "James Brown", "Fatima Ali", "David Miller", "Sarah Wilson", "Carlos Lopez",
         "Emily Davis", "Ahmed Hassan", "Laura Martin"]


def _table(tmp_path, column: list[str], name: str = "who", **extra) -> tuple:
    rng = np.random.default_rng(0)
    n = 150
    frame = pd.DataFrame({
        "age": rng.normal(60, 10, n).round(1),
        name: [column[i % len(column)] for i in range(n)],
        "outcome": rng.choice(["yes", "no"], n),
        **extra,
    })
    path = tmp_path / "t.csv"
    frame.to_csv(path, index=False)
    return path, frame


@pytest.mark.parametrize("values, kind", [
    (NAMES, "NAME"),
    ([n.split()[1] + ", " + n.split()[0] for n in NAMES], "NAME"),  # "Okafor, Margaret"
    ([n.split()[0] for n in NAMES], "NAME"),  # first names alone
    ([f"{n.split()[0].lower()}.{n.split()[1].lower()}@example.org" for n in NAMES], "EMAIL"),
    ([f"(617) 555-01{i:02d}" for i in range(15)], "PHONE"),
    ([f"MRN{4000100 + 37 * i}" for i in range(15)], "ID"),
    ([f"19{40 + i}-0{1 + i % 9}-{10 + i}" for i in range(15)], "DATE"),
    ([f"{3 + i}/{12 - i % 9}/19{50 + i}" for i in range(15)], "DATE"),
    ([f"123-45-{6700 + i}" for i in range(15)], "SSN"),
])
def test_identifier_like_values_are_recognised(values, kind):
    found = identifier_column(values * 10)
    assert found is not None and found[0] == kind, found


@pytest.mark.parametrize("values", [
    ["F", "M"], ["Female", "Male", "Other"], ["yes", "no"], ["Yes", "No"], ["True", "False"],
    ["A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"],
    ["Metformin", "Insulin", "Lisinopril", "Aspirin", "Atorvastatin", "Amlodipine", "Warfarin", "Heparin"],
    ["never", "former", "current"], ["never smoked", "formerly smoked", "smokes", "Unknown"],
    ["Urban", "Rural"], ["Private", "Self-employed", "Govt_job", "children", "Never_worked"],
    ["Caucasian", "AfricanAmerican", "Asian", "Hispanic", "Other"], ["No", "Steady", "Up", "Down"],
    ["Cardiology", "InternalMedicine", "Emergency/Trauma", "Family/GeneralPractice", "Surgery-General"],
    ["normal", "abnormal"], ["present", "notpresent"], ["Stage I", "Stage II", "Stage III", "Stage IV"],
    ["E11.9", "I10", "J18.9", "N18.3"], ["Placebo", "Drug A", "Drug B"], ["site 1", "site 2", "site 3"],
    ["Low", "Medium", "High"], ["Positive", "Negative"], ["White", "Black", "Asian", "Other"],
])
def test_ordinary_categories_are_not_identifiers(values):
    assert identifier_column(values * 20) is None


def test_a_names_column_is_refused_by_the_reader_without_echoing_a_name(tmp_path):
    path, _ = _table(tmp_path, NAMES)
    with pytest.raises(DataError) as info:
        read_dataset(DataConfig(path=str(path), label="outcome"))
    message = str(info.value)
    assert "column 'who'" in message and "person names" in message
    assert "data.drop_columns" in message and "data.allow_identifier_columns" in message
    assert not any(part in message for name in NAMES for part in name.split())


def test_listed_as_categorical_it_is_still_refused_and_the_opt_in_lets_it_through(tmp_path):
    path, _ = _table(tmp_path, NAMES)
    with pytest.raises(DataError, match="column 'who'"):
        read_dataset(DataConfig(path=str(path), label="outcome", categorical_columns=["who"]))
    ds = read_dataset(DataConfig(path=str(path), label="outcome", allow_identifier_columns=["who"]))
    assert "who" in ds.notes["categorical_columns"]
    ds = read_dataset(DataConfig(path=str(path), label="outcome", drop_columns=["who"]))
    assert "who" not in ds.feature_names
    ds = read_dataset(DataConfig(path=str(path), label="outcome", patient_column="who"))
    assert "who" not in ds.feature_names and ds.notes["n_groups"] == 15


def test_a_meta_column_of_names_is_refused(tmp_path):
    """Subgroup tables (metrics.json, the report) are keyed by a meta column's values."""
    path, _ = _table(tmp_path, NAMES)
    with pytest.raises(DataError, match=r"column 'who'.*data\.meta_columns"):
        read_dataset(DataConfig(path=str(path), label="outcome", meta_columns=["who"]))


def test_ordinary_categorical_features_still_read(tmp_path):
    blood = ["A+", "A-", "B+", "O+", "O-", "AB+"]
    path, _ = _table(tmp_path, ["Metformin", "Insulin", "Lisinopril", "Aspirin"], name="drug",
                     sex=["F", "M"] * 75, blood=[blood[i % 6] for i in range(150)],
                     smoker=["yes", "no", "no"] * 50)
    ds = read_dataset(DataConfig(path=str(path), label="outcome"))
    assert set(ds.notes["categorical_columns"]) == {"drug", "sex", "blood", "smoker"}


# ------------------------------------------------------- record numbers stored as numbers

def _numbers_table(tmp_path, **columns) -> str:
    rng = np.random.default_rng(1)
    n = 120
    frame = pd.DataFrame({"age": rng.normal(60, 10, n).round(1), **columns,
                          "outcome": rng.choice(["yes", "no"], n)})
    path = tmp_path / "numbers.csv"
    frame.to_csv(path, index=False)
    return str(path)


def test_a_numeric_record_number_column_is_refused_without_its_values(tmp_path):
    mrns = np.random.default_rng(2).permutation(np.arange(4_000_000, 4_000_120))
    path = _numbers_table(tmp_path, encounter_id=mrns)
    with pytest.raises(DataError) as info:
        read_dataset(DataConfig(path=path, label="outcome"))
    message = str(info.value)
    assert "column 'encounter_id' looks like an identifier" in message and "data.id_column" in message
    assert not any(str(v) in message for v in mrns)  # no record number is echoed
    ds = read_dataset(DataConfig(path=path, label="outcome", id_column="encounter_id"))
    assert "encounter_id" not in ds.feature_names and ds.ids[0] == str(mrns[0])
    ds = read_dataset(DataConfig(path=path, label="outcome", allow_identifier_columns=["encounter_id"]))
    assert "encounter_id" in ds.feature_names


def test_a_row_index_column_is_refused_whatever_its_name(tmp_path):
    path = _numbers_table(tmp_path, **{"Unnamed: 0": np.arange(120)})
    with pytest.raises(DataError, match=r"column .Unnamed: 0. looks like an identifier"):
        read_dataset(DataConfig(path=path, label="outcome"))


def test_whole_number_measurements_and_codes_named_like_ids_still_read(tmp_path):
    rng = np.random.default_rng(3)
    path = _numbers_table(
        tmp_path,
        platelets=rng.choice(np.arange(150_000, 450_000, 1_000), 120),  # many values, repeats, unsorted
        admission_type_id=rng.integers(1, 9, 120),  # a code: named like an id, few values
        number_inpatient=rng.integers(0, 6, 120),
    )
    ds = read_dataset(DataConfig(path=path, label="outcome"))
    assert {"platelets", "admission_type_id", "number_inpatient"} <= set(ds.feature_names)


# ------------------------------------------------------- dates of birth: one message, dates

def _birth_dates(n: int, form: str) -> list[str]:
    rng = np.random.default_rng(4)
    days = pd.Timestamp("1940-01-01") + pd.to_timedelta(rng.integers(0, 20_000, n), unit="D")
    return [d.strftime(form) for d in days]


@pytest.mark.parametrize("name, form", [
    ("dob", "%Y-%m-%d"), ("DOB", "%m/%d/%Y"), ("birth_date", "%d-%b-%Y"), ("date_of_birth", "%Y-%m-%dT00:00Z"),
])
def test_a_date_of_birth_column_is_named_dates_whether_listed_or_not(tmp_path, name, form):
    """150 distinct birth dates used to be "free text or an identifier; fix: ... data.categorical_columns"
    and, listed there, were refused as dates: now one message, dates, with the key that drops it."""
    dates = _birth_dates(150, form)
    path, _ = _table(tmp_path, dates, name=name)
    messages = []
    for extra in ({}, {"categorical_columns": [name]}):
        with pytest.raises(DataError) as info:
            read_dataset(DataConfig(path=str(path), label="outcome", **extra))
        messages.append(str(info.value))
    assert messages[0] == messages[1]
    message = messages[0]
    assert f"column '{name}' holds dates" in message and "identifier/date column" in message
    assert f"data.drop_columns: [{name}]" in message and "age" in message and "free text" not in message
    assert "patient_column" not in message and not any(d in message for d in dates)
    ds = read_dataset(DataConfig(path=str(path), label="outcome", drop_columns=[name]))
    assert name not in ds.feature_names


def test_a_birth_named_column_of_words_is_no_date(tmp_path):
    """The name alone refuses nothing: a birth-order category still reads."""
    path, _ = _table(tmp_path, ["first", "second", "third"], name="birth_order")
    assert "birth_order" in read_dataset(DataConfig(path=str(path), label="outcome")).notes["categorical_columns"]


# fix12 #2: names written in one case under a neutral header ('contact') were read as categories
UNCASED = ["maria lopez", "john o'brien", "wei chen", "fatima ali", "robert johnson", "linda nguyen",
           "carlos hernandez-lopez", "okafor, margaret", "sarah wilson", "david miller"]
CLINICAL = ["heart failure", "atrial fibrillation", "metformin", "lisinopril", "left", "right", "yes", "no",
            "type 2 diabetes", "chest pain", "copd exacerbation", "warfarin", "community acquired pneumonia"]


@pytest.mark.parametrize("casing", [str.lower, str.upper])
def test_names_in_one_case_under_a_neutral_header_are_refused(tmp_path, casing):
    path, _ = _table(tmp_path, [casing(n) for n in UNCASED], name="contact")
    with pytest.raises(DataError) as info:
        read_dataset(DataConfig(path=str(path), label="outcome"))
    assert "column 'contact'" in str(info.value) and "person names" in str(info.value)
    assert not any(part in str(info.value).lower() for name in UNCASED for part in name.replace(",", "").split())


@pytest.mark.parametrize("casing", [str.lower, str.upper])
def test_clinical_words_in_one_case_still_read(tmp_path, casing):
    path, _ = _table(tmp_path, [casing(w) for w in CLINICAL], name="contact")
    ds = read_dataset(DataConfig(path=str(path), label="outcome"))
    assert "contact" in ds.notes["categorical_columns"]
