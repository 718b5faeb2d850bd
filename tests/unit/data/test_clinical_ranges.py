"""impossible_values: values no patient can have, for clinical quantities recognised by column name
(issue 19 / trial 7: an age of 670 and a BMI of -28 passed every check), with unit ambiguity and
zeros that mean "missing" (Pima), and quiet on honest columns that may be negative or skewed."""

import numpy as np
import pandas as pd
import pytest

from mednn.data.base import Dataset, Task
from mednn.data.clinical_ranges import impossible_cells, impossible_value_findings, quantity_of
from mednn.data.quality import inspect_dataset


def _honest(n: int = 300, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "Age": rng.uniform(0.08, 82, n).round(2), "BMI": rng.normal(28, 6, n).clip(12, 70).round(1),
        "avg_glucose_level": rng.lognormal(np.log(100), 0.3, n).round(1), "heartRate": rng.normal(75, 12, n).round(),
        "systolic_bp": rng.normal(130, 18, n).round(), "Temp": rng.normal(36.8, 0.5, n).round(1),
        "test_time": rng.normal(0, 60, n),  # Parkinson telemonitoring: honest negatives, no clinical name
        "creatinine_phosphokinase": rng.lognormal(5, 1, n).round(),  # an enzyme, not creatinine
        "weight_change": rng.normal(0, 3, n),  # derived: may be negative
        "high_blood_pressure": rng.integers(0, 2, n),  # a 0/1 flag
    })


@pytest.mark.parametrize("name, quantity", [
    ("age", "age"), ("AGE", "age"), ("Patient Age (years)", "age"), ("BMI", "body mass index"),
    ("body_mass_index", "body mass index"), ("BloodPressure", "blood pressure"), ("bp", "blood pressure"),
    ("SBP", "systolic blood pressure"), ("ap_lo", "diastolic blood pressure"), ("HeartRate", "heart rate"),
    ("pulse", "heart rate"), ("hr", "heart rate"), ("SpO2", "oxygen saturation"), ("O2 Sat", "oxygen saturation"),
    ("resp_rate", "respiratory rate"), ("avg_glucose_level", "glucose"), ("Glucose (mmol/L)", "glucose"),
    ("serum_creatinine", "creatinine"), ("chol", "cholesterol"), ("HDL", "cholesterol"), ("Weight_kg", "weight"),
    ("wt", "weight"), ("height_cm", "height"), ("Temperature", "body temperature"), ("hemo", "haemoglobin"),
    ("creatinine_phosphokinase", None), ("weight_change", None), ("bmi_category", None), ("MolWt", None),
    ("age_group", None), ("stage", None), ("RR interval", None), ("bp_meds", None), ("HbA1c", None),
])
def test_columns_are_recognised_by_name_in_any_casing_and_abbreviation(name, quantity):
    assert getattr(quantity_of(name), "name", None) == quantity


def test_honest_columns_are_quiet_and_trial_7s_typos_are_named():
    frame = _honest()
    assert impossible_cells(frame) == []
    frame.loc[10, "Age"], frame.loc[20, "BMI"], frame.loc[30, "avg_glucose_level"] = 670, -28, -95
    frame.loc[40, "heartRate"], frame.loc[50, "Temp"] = 900, 52  # 52 C (and F would be 11 C)
    found = {c.column: c.rows for c in impossible_cells(frame)}
    assert found == {"Age": [10], "BMI": [20], "avg_glucose_level": [30], "heartRate": [40], "Temp": [50]}


def test_units_are_read_from_the_name_or_the_median_and_ambiguity_never_alarms():
    rng = np.random.default_rng(1)
    kg, pounds = rng.normal(75, 15, 200).round(1), rng.normal(170, 30, 200).round()
    frame = pd.DataFrame({"weight": kg, "Weight": pounds, "height_m": rng.normal(1.7, 0.1, 200),
                          "height": rng.normal(66, 4, 200), "temp_F": rng.normal(98.4, 1, 200),
                          "temperature": rng.normal(37, 0.5, 200), "age_days": rng.uniform(100, 30000, 200)})
    assert impossible_cells(frame) == []  # 170 lb, 1.7 m, 66 in, 98.4 F and 20,000 days are all possible
    frame.loc[0, "weight"] = 1000  # possible in lb: a median of 75 may be kg (adults) or lb (children)
    frame.loc[4, "weight"] = 2000  # impossible in both
    frame.loc[1, "height_m"] = 17  # 17 m
    frame.loc[2, "temp_F"] = 37  # 37 F: Celsius written in a Fahrenheit column
    frame.loc[3, "age_days"] = 60000
    found = {c.column: (c.rows, c.units) for c in impossible_cells(frame)}
    assert found == {"weight": ([4], ("kg", "lb")), "height_m": ([1], ("m",)), "temp_F": ([2], ("F",)),
                     "age_days": ([3], ("days",))}


def test_a_site_that_wrote_every_cholesterol_as_0_is_named_and_a_0_1_flag_is_not():
    frame = pd.DataFrame({"chol": np.zeros(50), "hr": np.r_[np.zeros(25), np.ones(25)]})
    found = impossible_cells(frame)
    assert [(c.column, c.rows, len(c.zero_rows)) for c in found] == [("chol", [], 50)]


def test_a_column_whose_median_fits_no_unit_is_not_checked():
    frame = pd.DataFrame({"weight": np.r_[np.full(99, 1.0), 50.0]})  # sample weights, not a body weight
    assert impossible_cells(frame) == []
    frame = pd.DataFrame({"rr": np.r_[np.random.default_rng(0).normal(800, 80, 99), -5]})  # RR interval in ms
    assert impossible_cells(frame) == []


def _dataset(frame: pd.DataFrame, ids=None) -> Dataset:
    y = (np.arange(len(frame)) % 2).astype(np.int64)
    ids = np.array([f"row-{i + 2}" for i in range(len(frame))] if ids is None else ids, dtype=object)
    return Dataset(inputs=frame, targets=y, ids=ids, task=Task("binary", ("no", "yes")),
                   modality="tabular")


def test_pimas_zeros_are_named_as_missing_with_the_key_to_set_and_never_a_value():
    rng = np.random.default_rng(2)
    n = 200
    frame = pd.DataFrame({"Pregnancies": rng.integers(0, 10, n), "Glucose": rng.normal(120, 30, n).round(),
                          "BloodPressure": rng.normal(70, 12, n).round(), "BMI": rng.normal(32, 7, n).round(1),
                          "Age": rng.integers(21, 81, n)})
    frame.loc[[3, 8], "Glucose"] = 0
    frame.loc[[5, 6, 7], "BloodPressure"] = 0
    frame.loc[9, "BMI"] = -28
    (finding,) = impossible_value_findings(_dataset(frame))
    assert finding.id == "impossible_values" and finding.severity == "warning" and finding.count == 6
    assert finding.columns == ("Glucose", "BloodPressure", "BMI")
    assert "'Glucose' (glucose, mg/dL: 0 in 2 (row-5, row-10): 0 probably means missing)" in finding.message
    assert "'BMI' (body mass index, kg/m2: 1 impossible (row-11))" in finding.message
    assert "data.missing_values: {Glucose: ['0'], BloodPressure: ['0']}" in finding.message  # those columns only
    assert "'Pregnancies'" in finding.message  # the list form would blank its real zeros
    assert "-28" not in finding.message and "120" not in finding.message
    # inspect names those zeros once (not again as zeros_as_missing), the -28 once (not as extreme_values)
    ds = _dataset(frame)
    splits = {"train": np.arange(0, 140), "val": np.arange(140, 170), "test": np.arange(170, n)}
    found = inspect_dataset(ds, splits, split_checks=False)["findings"]
    ids = [f.id for f in found]
    assert ids.count("impossible_values") == 1 and "extreme_values" not in ids
    assert all("Glucose" not in f.columns and "BloodPressure" not in f.columns
               for f in found if f.id == "zeros_as_missing")


def test_the_data_own_ids_are_never_named():
    frame = _honest(100)
    frame.loc[4, "Age"] = 670
    (finding,) = impossible_value_findings(_dataset(frame, ids=[f"MRN{7000 + i}" for i in range(100)]))
    assert "record #5 (in reading order" in finding.message and "MRN" not in finding.message


def test_zero_advice_never_calls_real_the_zeros_another_finding_calls_missing():
    """Trial 9: one Pima run said glucose's zeros "probably mean missing" (impossible_values) and that
    the list form would blank glucose's "real zeros" (zeros_as_missing)."""
    import pandas as pd

    from mednn.data.clinical_ranges import zero_marker_advice

    frame = pd.DataFrame({"insulin": [0, 80, 0], "glucose": [0, 99, 120], "pregnancies": [0, 2, 1]})
    advice = zero_marker_advice(frame, ["insulin"], not_real=["glucose"])
    assert "{insulin: ['0']}" in advice and "'pregnancies'" in advice and "glucose" not in advice
