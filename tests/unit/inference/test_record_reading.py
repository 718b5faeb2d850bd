"""Records of a request are read by the readers' own checks, in memory: the same messages and
values as `mednn predict` on a file of the same rows, strict JSON types, null as missing."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest

from mednn.config import load_config
from mednn.errors import DataError, MednnError, ModelError, NotFittedError
from mednn.inference.requests import RequestRefused
from mednn.predictor import Predictor

FAST = ["train.epochs=5", "train.progress=false", "explain.enabled=false", "report.enabled=false",
        "evaluate.bootstrap=0", "train.threads=1"]


def _table(n=80, seed=0):
    rng = np.random.default_rng(seed)
    age, dose = rng.normal(size=(2, n)).round(3)
    return pd.DataFrame({"age": age, "dose": dose, "sex": rng.choice(["F", "M"], n),
                         "outcome": (age + dose > 0).astype(int)})


@pytest.fixture(scope="module")
def table_run(tmp_path_factory):
    from mednn.pipeline import train

    folder = tmp_path_factory.mktemp("records")
    _table().to_csv(folder / "t.csv", index=False)
    return train(load_config(None, [f"data.path={folder / 't.csv'}", "data.label=outcome",
                                    "data.missing_values=['-999']", *FAST]), folder / "run")


def _message(exc: BaseException) -> str:
    """A message without its source (the file's path, or 'the request')."""
    return str(exc).split(": ", 1)[1]


def _predict_error(run, frame: pd.DataFrame, tmp_path) -> str:
    from mednn.scoring import predict_file

    frame.to_csv(tmp_path / "new.csv", index=False)
    with pytest.raises(MednnError) as caught:
        predict_file(run, tmp_path / "new.csv", tmp_path / "p.csv")
    return _message(caught.value)


def test_records_are_predicted_as_the_same_rows_of_a_file(table_run, tmp_path):
    from mednn.scoring import predict_file

    frame = _table(12, seed=3).drop(columns=["outcome"])
    frame.loc[2, "age"] = np.nan
    frame.to_csv(tmp_path / "new.csv", index=False)
    filed = pd.read_csv(predict_file(table_run, tmp_path / "new.csv", tmp_path / "p.csv"))
    predictor = Predictor.load(table_run)
    records = [{k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in r.items()}
               for r in frame.to_dict(orient="records")]
    dataset = predictor.read_records(records)
    assert dataset.ids.tolist() == list(range(12))
    served = predictor.predict_proba(dataset)
    np.testing.assert_allclose(served, filed["p:1"], atol=1e-6)


@pytest.mark.parametrize("column,value", [("age", "sky-high"), ("age", float("inf")), ("age", 1e300)])
def test_a_bad_cell_gets_the_message_mednn_predict_gives(table_run, tmp_path, column, value):
    frame = _table(1, seed=5).drop(columns=["outcome"]).astype(object)
    frame.loc[0, column] = value
    expected = _predict_error(table_run, frame, tmp_path)
    predictor = Predictor.load(table_run)
    with pytest.raises(MednnError) as caught:
        predictor.predict_proba(predictor.read_records(frame.to_dict(orient="records")))
    if value == "sky-high":  # both name the record and the column, never the value (trial 12: neither did)
        assert "(row-2)" in expected and "'age'" in expected
        assert str(caught.value).startswith("record 0 of the request (0-based), column 'age': the run reads it as a number")
        assert "sky-high" not in str(caught.value) + expected
        return
    # rows are numbered as in the file (row 2: the first data row) and as records (0: the first, and said so)
    assert _message(caught.value) == expected.replace("(row 2)", "(0-based record 0)")
    assert str(caught.value).startswith("the request") and "Okonkwo" not in str(caught.value)


def test_a_name_in_a_category_column_is_an_unseen_category_in_both_paths_and_never_echoed(table_run, tmp_path):
    """New rows are not screened for identifiers again (the run's columns passed at training):
    a person's name where a category belongs is an unseen category, read alike from a file and
    from records, and no line names the value."""
    from mednn.scoring import predict_file

    frame = _table(1, seed=5).drop(columns=["outcome"]).astype(object)
    frame.loc[0, "sex"] = "Okonkwo Hartwell"
    frame.to_csv(tmp_path / "new.csv", index=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        filed = pd.read_csv(predict_file(table_run, tmp_path / "new.csv", tmp_path / "p.csv"))
    predictor = Predictor.load(table_run)
    served = predictor.predict_proba(predictor.read_records(frame.to_dict(orient="records")))
    np.testing.assert_allclose(served, filed["p:1"], atol=1e-6)
    assert not any("Okonkwo" in str(w.message) for w in caught)
    assert "Okonkwo" not in (tmp_path / "p.csv").read_text()


def test_an_absent_column_is_named_with_the_record_in_a_requests_words(table_run, tmp_path):
    frame = _table(1).drop(columns=["outcome", "dose"])
    assert "'dose'" in _predict_error(table_run, frame, tmp_path)  # a file: the column is not in the file
    predictor = Predictor.load(table_run)
    records = [{"age": 0.1, "dose": 0.2, "sex": "F"}, {"age": 0.3, "sex": "M", "dos": 0.1}]  # the second lacks dose
    with pytest.raises(DataError) as caught:
        predictor.read_records(records)
    message = str(caught.value)
    assert message.startswith("record 1 of the request (0-based) lacks field 'dose' (did you mean 'dos'?)")
    assert "not in the file" not in message and "0.1" not in message


def test_missing_markers_add_to_the_defaults_and_json_null_is_missing(table_run):
    predictor = Predictor.load(table_run)
    reader = predictor.record_reader()
    values = [None, "NA", "", "NaN", "null", "-999", " NA"]  # the run's own marker and the defaults
    rows = reader.prepare([{"age": v, "dose": 0.5, "sex": "F"} for v in values]).rows
    assert all(np.isnan(row[reader.columns.index("age")]) for row in rows)
    dataset = predictor.read_records([{"age": v, "dose": 0.5, "sex": "F"} for v in values])
    assert dataset.notes["missing_counts"] == {"age": len(values)}
    prob = predictor.predict_proba(dataset)
    assert np.allclose(prob, prob[0])  # each imputed with the training median
    # numeric text reads as the number it spells, as in a CSV cell
    assert reader.prepare([{"age": " 1.5", "dose": "2e-1", "sex": "F"}]).rows[0][:2] == (1.5, 0.2)


def test_a_file_to_predict_writing_nan_reads_with_a_run_that_added_a_marker(table_run, tmp_path):
    from mednn.scoring import predict_file

    (tmp_path / "site.csv").write_text("age,dose,sex\nNaN,0.5,F\n-999,0.1,M\n0.3,NA,F\n")
    out = pd.read_csv(predict_file(table_run, tmp_path / "site.csv", tmp_path / "p.csv"))
    assert len(out) == 3 and out["p:1"].notna().all()


@pytest.mark.parametrize("value,kind", [(True, "true/false"), ([1, 2], "nested"), ({"a": 1}, "nested")])
def test_json_types_are_strict(table_run, value, kind):
    from mednn.inference.requests import parse_records, records_model

    body = json.dumps({"records": [{"age": value, "dose": 0.1, "sex": "F"}]}).encode()
    with pytest.raises(RequestRefused) as caught:
        parse_records(body, records_model(10), known={"age", "dose", "sex"})
    assert caught.value.status == 422 and kind in caught.value.detail and "record 0 of the request (0-based), column 'age'" in caught.value.detail


def test_an_unknown_key_is_not_echoed(table_run):
    from mednn.inference.requests import parse_records, records_model

    body = b'{"records": [{"Okonkwo Hartwell": true}]}'
    with pytest.raises(RequestRefused) as caught:
        parse_records(body, records_model(10), known={"age"})
    assert "Okonkwo" not in caught.value.detail and "a key" in caught.value.detail


@pytest.mark.parametrize("layout", ["header-less", "tab-separated", "parquet"])
def test_runs_trained_on_any_table_layout_take_records_by_column_name(tmp_path, layout):
    import warnings

    from mednn.pipeline import train

    frame = _table(80).drop(columns=["sex"])
    if layout == "header-less":
        path, keys = tmp_path / "t.csv", ["data.header=false", "data.column_names=[age, dose, outcome]"]
        frame.to_csv(path, index=False, header=False)
    elif layout == "tab-separated":
        path, keys = tmp_path / "t.tsv", []
        frame.to_csv(path, index=False, sep="\t")
    else:
        pytest.importorskip("pyarrow")
        path, keys = tmp_path / "t.parquet", []
        frame.to_parquet(path)
    run = train(load_config(None, [f"data.path={path}", "data.label=outcome", *keys, *FAST]), tmp_path / "run")
    predictor = Predictor.load(run)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no delimiter or header warning per request
        prob = predictor.predict_proba(predictor.read_records([{"age": 1.5, "dose": 0.5}, {"age": -2.0, "dose": -1}]))
    assert prob.shape == (2,) and prob[0] > prob[1]


def test_the_target_scaler_refuses_use_before_fit_and_values_that_are_not_finite():
    from mednn.inference.scaler import TargetScaler

    with pytest.raises(NotFittedError):
        TargetScaler().inverse(np.zeros((2, 1)))
    with pytest.raises(ModelError):
        TargetScaler.from_state({"mean": [float("nan")], "std": [1.0]})
    with pytest.raises(ModelError):
        TargetScaler.from_state({"mean": [0.0], "std": [0.0]})
    scaler = TargetScaler().fit(np.array([[1.0], [3.0]]))
    np.testing.assert_allclose(scaler.inverse(scaler.transform(np.array([[2.0]]))), [[2.0]])


def test_a_requests_records_are_named_as_records_counted_from_0_never_as_file_rows():
    """Trial 15: serve said "rows 1, 2 have an empty text" of records 1 and 2 counted from 0,
    while a file's reader counts rows from 1 (the header); a message now says which (test failed
    before: 'rows 1, 2 have')."""
    from mednn.config import load_config
    from mednn.inference.records import record_reader

    cfg = load_config(None, base={"data": {"format": "text", "path": "x.csv", "text_columns": "note", "label": "y"}})
    reader = record_reader("text", cfg.data)
    with pytest.raises(DataError) as caught:
        reader.read(reader.prepare([{"note": "Stable."}, {"note": ""}, {"note": None}]).rows)
    assert "the request: 0-based records 1, 2 have an empty text in note" in str(caught.value)
    pytest.importorskip("rdkit")
    cfg = load_config(None, base={"data": {"format": "smiles", "path": "x.csv", "label": "y", "on_invalid": "fail"}})
    reader = record_reader("molecules", cfg.data)
    with pytest.raises(DataError) as caught:
        reader.read(reader.prepare([{"smiles": "CCO"}, {"smiles": "C1CC"}]).rows)
    assert "first in 0-based record 1" in str(caught.value)
