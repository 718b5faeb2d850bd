"""Files as users bring them: tables named .data / .txt / nothing, a CSV of notes, site-specific
missing-value markers added to the defaults, empty notes dropped with a finding, a header line in
rows to score, and reader keys for a finished run."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mednn.config import DataConfig
from mednn.findings import FindingWarning
from mednn.data.overrides import with_reader_overrides
from mednn.data.readers import read_dataset, reader_for
from mednn.data.sniff import sniff_table
from mednn.errors import ConfigError, DataError


def _table(n=40, seed=0):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"age": rng.integers(30, 80, n), "bmi": rng.normal(28, 4, n).round(1),
                         "glucose": rng.normal(110, 20, n).round(), "y": rng.integers(0, 2, n)})


@pytest.mark.parametrize("name", ["parkinsons.data", "table.txt", "table", "table.dat"])
def test_a_table_without_a_table_extension_is_read_by_its_content(tmp_path, name):
    path = tmp_path / name
    _table().to_csv(path, index=False)
    assert sniff_table(path) == {"format": "csv", "delimiter": ",", "header": True}
    ds = read_dataset(DataConfig(path=str(path), label="y"))
    assert len(ds) == 40 and ds.feature_names == ["age", "bmi", "glucose"]
    assert ds.findings[0].id == "format_guessed" and ds.findings[0].severity == "info"


def test_a_headerless_semicolon_data_file(tmp_path):
    path = tmp_path / "wisconsin.data"
    _table().to_csv(path, index=False, header=False, sep=";")
    assert sniff_table(path) == {"format": "csv", "delimiter": ";", "header": False}
    ds = read_dataset(DataConfig(path=str(path), label="column_4"))
    assert len(ds) == 40 and ds.feature_names == ["column_1", "column_2", "column_3"]
    assert "without a header line (columns column_1, column_2, ...)" in ds.findings[0].message
    # names given in data.column_names are the names, not column_1, ... (trial 8 #15, bcw.yaml)
    named = read_dataset(DataConfig(path=str(path), label="y", header=False,
                                    column_names=["age", "bmi", "glucose", "y"]))
    assert named.feature_names == ["age", "bmi", "glucose"]
    assert named.findings[0].id == "format_guessed" and "column_1" not in named.findings[0].message
    assert "without a header line (columns named by data.column_names)" in named.findings[0].message


def test_binary_and_ragged_files_are_not_tables(tmp_path):
    (tmp_path / "blob").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "prose.txt").write_text("Dear colleague,\nthank you for seeing Mr X today.\nBest\n")
    assert sniff_table(tmp_path / "blob") is None and sniff_table(tmp_path / "prose.txt") is None
    with pytest.raises(DataError, match="Cannot tell the format"):
        reader_for(DataConfig(path=str(tmp_path / "blob")))


def _notes_frame(n=40):
    words = "patient presents with chest pain radiating to the left arm and shortness of breath since".split()
    rng = np.random.default_rng(0)
    return pd.DataFrame({"note_id": range(n), "age": rng.integers(30, 80, n),
                         "transcription": [" ".join(rng.choice(words, 18)) + f" visit {i}" for i in range(n)],
                         "specialty": rng.choice(["Cardiology", "Pulmonology"], n)})


def test_a_csv_of_notes_is_read_as_notes_when_the_label_is_set(tmp_path):
    path = tmp_path / "mtsamples.csv"
    _notes_frame().to_csv(path, index=False)
    with pytest.warns(FindingWarning, match="format_guessed"):
        ds = read_dataset(DataConfig(path=str(path), label="specialty", id_column="note_id"))
    assert ds.modality == "text" and len(ds) == 40 and ds.notes["text_columns"] == ["transcription"]
    assert reader_for(DataConfig(path=str(path), label="specialty")).name == "text"


def test_a_csv_of_notes_without_a_label_names_the_keys_to_set(tmp_path):
    path = tmp_path / "mtsamples.csv"
    _notes_frame().to_csv(path, index=False)
    with pytest.raises(DataError, match=r"data.format: text, data.text_columns: \[transcription\]"):
        read_dataset(DataConfig(path=str(path)))


def test_the_table_reader_on_notes_suggests_the_text_keys(tmp_path):
    path = tmp_path / "mtsamples.csv"
    _notes_frame().to_csv(path, index=False)
    with pytest.raises(DataError, match=r"data.format: text, data.text_columns: \[transcription\]"):
        read_dataset(DataConfig(format="csv", path=str(path), label="specialty", id_column="note_id"))


def test_missing_values_add_to_the_default_markers(tmp_path):
    path = tmp_path / "site.csv"
    path.write_text("age,chol,y\n61,NaN,1\n45,-,0\n50,NA,1\n" + "".join(f"{60 + i},{190 + i},{i % 2}\n" for i in range(8)))
    ds = read_dataset(DataConfig(format="csv", path=str(path), label="y", missing_values=["-"]))
    assert ds.notes["missing_counts"] == {"chol": 3}
    with pytest.raises(DataError, match="numeric except for"):  # NaN and NA are values again
        read_dataset(DataConfig(format="csv", path=str(path), label="y", missing_values=["-"],
                                default_missing_values=False))


def _empty_notes(tmp_path):
    path = tmp_path / "notes.csv"
    pd.DataFrame({"text": ["cough and fever", "", "broken wrist", "  ", "fever"], "y": [1, 0, 0, 1, 1]}).to_csv(
        path, index=False)
    return path


def test_empty_notes_are_refused_with_the_rows_or_dropped_with_a_finding(tmp_path):
    path = _empty_notes(tmp_path)
    with pytest.raises(DataError, match=r"rows 3, 5 have an empty text.*data.empty_text: drop"):
        read_dataset(DataConfig(format="text", path=str(path), label="y"))
    with pytest.warns(FindingWarning, match="empty_text_dropped"):
        ds = read_dataset(DataConfig(format="text", path=str(path), label="y", empty_text="drop"))
    (found,) = [f for f in ds.findings if f.id == "empty_text_dropped"]
    assert found.removed and found.rows == (1, 3) and found.count == 2
    assert list(ds.ids) == ["row-2", "row-4", "row-6"] and ds.targets.tolist() == [1, 0, 1]


def test_a_header_line_in_rows_to_score_is_recognised(tmp_path):
    frame = _table(10)
    path = tmp_path / "new.csv"
    frame.drop(columns="y").to_csv(path, index=False)  # written with a header line
    cfg = DataConfig(format="csv", path=str(path), header=False, column_names=["age", "bmi", "glucose", "y"],
                     label="y")
    with pytest.warns(UserWarning, match="first line reads as column names"):
        ds = read_dataset(cfg, labels=False)
    assert len(ds) == 10 and list(ds.inputs["age"]) == list(frame["age"])
    assert ds.ids[0] == "row-2"


def test_reader_overrides_for_a_finished_run():
    data = DataConfig(format="csv", path="train.csv", label="y", task="binary")
    got = with_reader_overrides(data, ["data.delimiter=;", "data.missing_values=['-']", "data.label=outcome"])
    assert got.options["delimiter"] == ";" and got.options["missing_values"] == ["-"] and got.label == "outcome"
    for bad, words in (("model.hidden_sizes=[4]", "only reader keys"), ("data.task=multiclass", "not a reader key"),
                       ("data.path=x.csv", "argument"), ("data.class_names=[a, b]", "not a reader key"),
                       ("data.duplicates=never", "--set data.duplicates")):
        with pytest.raises(ConfigError, match=words):
            with_reader_overrides(data, [bad])


def test_the_resolved_config_reads_new_rows_like_the_training_file(tmp_path):
    from mednn.data.readers import resolved_data_config

    path = tmp_path / "wisconsin.data"
    _table().to_csv(path, header=False, index=False)
    data = resolved_data_config(DataConfig(path=str(path), label="column_4"))
    assert data.format == "csv" and data.options == {"delimiter": ",", "header": False}
    new = tmp_path / "new.data"
    _table(5, 1).drop(columns="y").to_csv(new, header=False, index=False)
    ds = read_dataset(data.model_copy(update={"path": str(new)}), labels=False)
    assert len(ds) == 5 and list(ds.inputs.columns) == ["column_1", "column_2", "column_3"]
    named = DataConfig(format="csv", path=str(path), label="column_4", header=False)
    assert resolved_data_config(named) is named  # a config that names its format is kept as it is


def test_the_resolved_config_names_the_reader_so_a_run_reads_the_same_from_any_folder(tmp_path, monkeypatch):
    from mednn.data.readers import resolved_data_config

    (tmp_path / "sol.csv").write_text("ID,SMILES,Solubility\nm1,CCO,0.5\nm2,c1ccccc1,-1.2\nm3,CC(=O)O,0.9\n")
    monkeypatch.chdir(tmp_path)
    data = resolved_data_config(DataConfig(path="sol.csv", label="Solubility"))  # a relative path, as users write
    assert data.format not in ("auto", "csv")  # the molecule reader, by name
    monkeypatch.chdir(tmp_path.parent)  # the run is used from elsewhere: the training file is out of sight
    from mednn.data.readers import reader_for

    assert reader_for(data).name == data.format
