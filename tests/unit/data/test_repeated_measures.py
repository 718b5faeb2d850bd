"""Repeated measures: rows that are repeated measurements of fewer people are found before any
split (a counter segment in an id, many rows per value of a column, near-identical rows), the
warning names the grouping to set, and data.patient_from derives the patient without editing the file."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mednn.config import DataConfig, load_config
from mednn.findings import FindingWarning
from mednn.data.readers import read_dataset
from mednn.data.splits import resolve_split_method, split_indices
from mednn.errors import ConfigError, DataError


def _voice_table(tmp_path, people=32, seed=0):
    """Like the UCI voice table: several recordings per person, the person a segment of the id."""
    rng = np.random.default_rng(seed)
    rows = []
    for p in range(people):
        status = int(p % 3 != 0)
        base = rng.normal(0, 1, 3) + status
        for k in range(1, int(rng.integers(5, 8)) + 1):
            jitter, shimmer, hnr = base + rng.normal(0, 0.1, 3)
            rows.append({"name": f"phon_R01_S{p + 1:02d}_{k}", "jitter": round(jitter, 5),
                         "shimmer": round(shimmer, 5), "hnr": round(hnr, 5), "status": status})
    path = tmp_path / "voice.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path, len(rows)


def _read(path, **keys):
    keys = {"format": "csv", "path": str(path), **keys}
    return read_dataset(DataConfig(**keys))


def test_an_id_with_a_counter_segment_is_found_and_the_pattern_suggested(tmp_path):
    path, n = _voice_table(tmp_path)
    with pytest.warns(FindingWarning, match=r"\[repeated_measures\]"):
        ds = _read(path, label="status", id_column="name")
    found = [f for f in ds.findings if f.id == "repeated_measures"]
    assert len(found) == 1 and found[0].columns == ("name",) and found[0].count == 32
    assert "data.patient_from: {column: name, pattern: '^(.*)_\\d+$'}" in found[0].message
    assert "phon" not in found[0].message  # column names and counts, never a value
    assert ds.groups is None and resolve_split_method(ds) == "stratified"


def test_patient_from_derives_the_patient_and_the_split_is_by_patient(tmp_path):
    path, n = _voice_table(tmp_path)
    ds = _read(path, label="status", id_column="name",
               patient_from={"column": "name", "pattern": r"^(.*)_\d+$"})
    assert len(ds) == n and len(set(ds.groups)) == 32 and not [f for f in ds.findings if f.id == "repeated_measures"]
    assert "name" not in ds.feature_names and ds.notes["n_groups"] == 32
    index = split_indices(ds, seed=0)
    assert resolve_split_method(ds) == "group"
    people = {s: set(ds.groups[i]) for s, i in index.items()}
    assert not (people["train"] & people["test"]) and not (people["val"] & people["test"])


def test_many_rows_per_value_of_a_column_that_is_not_a_measurement(tmp_path):
    # like the telemonitoring table: subject# 1..20, 15-25 rows each, written subject by subject
    rng = np.random.default_rng(1)
    frames = []
    for subject in range(1, 21):
        m = int(rng.integers(15, 26))
        frames.append(pd.DataFrame({"subject#": subject, "age": int(rng.integers(50, 80)),
                                    "test_time": np.sort(rng.uniform(0, 180, m)).round(3),
                                    "jitter": rng.normal(0, 1, m).round(4), "updrs": rng.normal(25, 5, m).round(3)}))
    path = tmp_path / "tele.csv"
    pd.concat(frames).to_csv(path, index=False)
    # as a feature the person's number is refused (trial 10, #7); dropped, the rows still tell
    with pytest.raises(DataError, match=r"'subject#' looks like the person of repeated measurements.*patient_column"):
        _read(path, label="updrs", task="regression")
    with pytest.warns(FindingWarning):
        ds = _read(path, label="updrs", task="regression", drop_columns=["subject#"])
    (found,) = [f for f in ds.findings if f.id == "repeated_measures"]
    assert found.columns == ("subject#",) and found.count == 20 and "data.patient_column: subject#" in found.message


def test_near_identical_rows_are_found(tmp_path):
    rng = np.random.default_rng(2)
    base = pd.DataFrame(rng.normal(0, 1, (40, 5)).round(4), columns=list("abcde"))
    second = base.copy()
    second["e"] = rng.normal(0, 1, 40).round(4)  # a second visit that changed one value
    frame = pd.concat([base, second], ignore_index=True)
    frame["y"] = rng.integers(0, 2, 80)
    path = tmp_path / "visits.csv"
    frame.to_csv(path, index=False)
    with pytest.warns(FindingWarning):
        ds = _read(path, label="y")
    (found,) = [f for f in ds.findings if f.id == "repeated_measures"]
    assert found.count == 80 and "all fine-grained feature columns but one" in found.message


def test_an_ordinary_table_gives_no_repeated_measures_warning(tmp_path):
    rng = np.random.default_rng(3)
    n = 300
    frame = pd.DataFrame({"record": [f"r{i:04d}" for i in range(n)], "age": rng.integers(20, 90, n),
                          "pregnancies": rng.integers(0, 12, n), "sex": rng.choice(["F", "M"], n),
                          "glucose": rng.normal(120, 30, n).round(), "y": rng.integers(0, 2, n)})
    path = tmp_path / "plain.csv"
    frame.to_csv(path, index=False)
    ds = _read(path, label="y", id_column="record")
    assert not [f for f in ds.findings if f.id == "repeated_measures"]


def test_patient_from_errors_name_rows_not_values(tmp_path):
    path, _ = _voice_table(tmp_path, people=6)
    frame = pd.read_csv(path)
    frame.loc[3, "name"] = "unlabelled-recording"
    frame.to_csv(path, index=False)
    with pytest.raises(DataError, match=r"column 'name' in row 5 \(1 of") as err:
        _read(path, label="status", patient_from={"column": "name", "pattern": r"^(.*)_\d+$"})
    assert "unlabelled-recording" not in str(err.value)
    with pytest.raises(DataError, match="data.patient_from.column 'nmae'.*did you mean 'name'"):
        _read(path, label="status", patient_from={"column": "nmae", "pattern": r"^(.*)_\d+$"})


@pytest.mark.parametrize("pattern, words", [("(a+)+", "exponential"), ("(.*)_(x)", "exactly one group"),
                                            ("[", "not a regular expression"), ("x" * 201, "at most 200")])
def test_patient_from_pattern_is_validated_with_one_line(pattern, words):
    with pytest.raises(ConfigError, match=words):
        load_config(None, ["data.patient_from={column: name, pattern: '%s'}" % pattern])


def test_rows_to_score_whose_ids_the_pattern_misses_are_scored(tmp_path):
    # trial 15: a run trained with patient_from '^(.*)_v\d+$' refused to predict new patients whose
    # ids are written another way ('NEW-420'); their patients serve only the check against training
    path, n = _voice_table(tmp_path)
    new = pd.read_csv(path).drop(columns="status")
    new.loc[:2, "name"] = ["NEW-1", "NEW-2", "NEW-3"]
    new.to_csv(tmp_path / "new.csv", index=False)
    spec = {"column": "name", "pattern": r"^(.*)_\d+$"}
    ds = read_dataset(DataConfig(format="csv", path=str(tmp_path / "new.csv"), label="status", id_column="name",
                                 patient_from=spec), labels=False)
    assert len(ds) == n and list(ds.groups[:4]) == ["NEW-1", "NEW-2", "NEW-3", "phon_R01_S01"]
    new.loc[3, "name"] = None  # an empty id: no patients, the rows still scored
    new.to_csv(tmp_path / "new.csv", index=False)
    ds = read_dataset(DataConfig(format="csv", path=str(tmp_path / "new.csv"), label="status",
                                 patient_from=spec), labels=False)
    assert len(ds) == n and ds.groups is None
    with pytest.raises(DataError, match="finds no patient id.*--set data.patient_from.pattern="):  # strict
        new.assign(status=np.arange(len(new)) % 2).to_csv(tmp_path / "new.csv", index=False)
        _read(tmp_path / "new.csv", label="status", patient_from=spec)


def test_patient_column_and_patient_from_are_exclusive():
    with pytest.raises(ConfigError, match="set only one"):
        load_config(None, ["data.patient_column=p", "data.patient_from={column: name, pattern: '^(.*)_'}"])


def test_notes_with_several_notes_per_patient_are_found(tmp_path):
    from mednn.data.text import TextReader  # noqa: F401  (registers the reader)

    rows = [{"visit": f"MRN{p:03d}-{k}", "note": f"visit {k} of patient seen for cough", "label": p % 2}
            for p in range(12) for k in range(1, 5)]
    pd.DataFrame(rows).to_csv(tmp_path / "notes.csv", index=False)
    with pytest.warns(FindingWarning):
        ds = read_dataset(DataConfig(format="text", path=str(tmp_path / "notes.csv"), label="label",
                                     text_columns="note", duplicates="keep_all"))
    (found,) = [f for f in ds.findings if f.id == "repeated_measures"]
    assert found.columns == ("visit",) and "pattern: '^(.*)\\-\\d+$'" in found.message


def test_patient_from_is_refused_where_the_reader_does_not_read_it(tmp_path):
    pytest.importorskip("rdkit")
    path = tmp_path / "m.csv"
    path.write_text("smiles,active,name\nCCO,1,a_1\nCCN,0,a_2\n")
    with pytest.raises(ConfigError, match="data.patient_from is read from table and notes files"):
        read_dataset(DataConfig(path=str(path), label="active", patient_from={"column": "name", "pattern": "^(.*)_"}))


def test_an_id_column_refused_as_free_text_suggests_the_patient_grouping(tmp_path):
    import pandas as pd

    from mednn.config import DataConfig
    from mednn.data.readers import read_dataset
    from mednn.errors import DataError

    rows = [{"rec": f"S{s:02d}_{k}", "x": s + k / 10, "y": s % 2} for s in range(20) for k in range(10)]
    pd.DataFrame(rows).to_csv(tmp_path / "t.csv", index=False)
    with pytest.raises(DataError) as caught:
        read_dataset(DataConfig(path=str(tmp_path / "t.csv"), label="y"))
    assert "repeated measurements" in str(caught.value) and "data.patient_from: {column: rec" in str(caught.value)
    assert "S01_3" not in str(caught.value)
    grouped = read_dataset(DataConfig(path=str(tmp_path / "t.csv"), label="y",
                                      patient_from={"column": "rec", "pattern": r"^(.*)_\d+$"}))
    assert len(set(grouped.groups)) == 20


def test_visit_ids_of_a_named_column_with_a_fifth_of_patients_seen_twice_are_found(tmp_path):
    # trial 15: 'visit_id' DB-0000_v1 / DB-0000_v2, 90 of 300 patients with a second visit (1.3 rows
    # per patient): no warning, and the free-text refusal suggested no grouping
    rng = np.random.default_rng(15)
    rows = [{"visit_id": f"DB-{p:04d}_v{k}", "x": round(float(rng.normal()), 4), "y": p % 2}
            for p in range(300) for k in range(1, (2 if p < 90 else 1) + 1)]
    pd.DataFrame(rows).to_csv(tmp_path / "v.csv", index=False)
    with pytest.raises(DataError) as caught:
        _read(tmp_path / "v.csv", label="y")
    assert "data.patient_from: {column: visit_id" in str(caught.value) and "DB-0" not in str(caught.value)
    with pytest.warns(FindingWarning, match=r"\[repeated_measures\]"):
        ds = _read(tmp_path / "v.csv", label="y", id_column="visit_id")
    found = [f for f in ds.findings if f.id == "repeated_measures"]
    assert found[0].columns == ("visit_id",) and found[0].count == 300
    ids = pd.Series([f"R{i:04d}" for i in range(300)])  # unique record numbers stay quiet
    from mednn.data.repeated import grouping_fix
    assert grouping_fix(ids, "record_id") is None


def _grouped_by_neutral_key(path, people=24, rows=40, seed=4):
    """Trial 11: ``grp`` 1..24, each person's 40 rows one after another, age and sex fixed per person."""
    rng = np.random.default_rng(seed)
    frames = []
    for person in range(1, people + 1):
        frames.append(pd.DataFrame({"grp": person, "age": int(rng.integers(40, 85)), "sex": int(rng.integers(0, 2)),
                                    "jitter": rng.normal(0, 1, rows).round(4), "shimmer": rng.normal(0, 1, rows).round(4),
                                    "score": (rng.normal(25, 8) + rng.normal(0, 1, rows)).round(3)}))
    pd.concat(frames).to_csv(path, index=False)


def test_a_sorted_neutral_key_whose_blocks_fix_age_and_sex_is_repeated_measures(tmp_path):
    _grouped_by_neutral_key(tmp_path / "grp.csv")
    with pytest.warns(FindingWarning):
        ds = _read(tmp_path / "grp.csv", label="score", task="regression")
    (found,) = [f for f in ds.findings if f.id == "repeated_measures"]
    assert found.columns == ("grp",) and found.count == 24 and "data.patient_column: grp" in found.message


def test_a_sorted_follow_up_day_is_not(tmp_path):
    # the file is sorted by day; each day holds several people, whose age and sex vary within it
    rng = np.random.default_rng(5)
    n = 400
    frame = pd.DataFrame({"day": np.sort(rng.integers(1, 21, n)), "age": rng.integers(40, 85, n),
                          "sex": rng.integers(0, 2, n), "jitter": rng.normal(0, 1, n).round(4),
                          "score": rng.normal(25, 8, n).round(3)})
    frame.to_csv(tmp_path / "days.csv", index=False)
    ds = _read(tmp_path / "days.csv", label="score", task="regression")
    assert not [f for f in ds.findings if f.id == "repeated_measures"]


def test_the_cli_warns_of_a_neutral_person_key_and_is_quiet_once_it_is_the_patient_column(tmp_path):
    import json
    import warnings

    from mednn.cli.main import main

    _grouped_by_neutral_key(tmp_path / "grp.csv")
    common = ["--set", "data.label=score", "--set", "train.epochs=1", "--set", "train.progress=false",
              "--set", "explain.enabled=false", "--set", "report.enabled=false", "--set", "evaluate.bootstrap=20",
              "--set", "train.threads=1", "--set", "evaluate.baselines=[]"]
    for extra, expected in (([], True), (["--set", "data.patient_column=grp"], False)):
        out = tmp_path / f"run{len(extra)}"
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert main(["train", "--data", str(tmp_path / "grp.csv"), "--out", str(out), *common, *extra]) == 0
        ids = [f["id"] for f in json.loads((out / "data.json").read_text())["findings"]]
        assert ("repeated_measures" in ids) == expected, ids
        said = [str(w.message) for w in caught if "data.patient_column: grp" in str(w.message)]
        assert bool(said) == expected, said
