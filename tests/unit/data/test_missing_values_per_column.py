"""data.missing_values per column (trial 8 #16): Pima writes 'not measured' as 0 in insulin and
glucose while 0 is a real value of pregnancies; a mapping marks the zeros missing where they are."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mednn.config import DataConfig
from mednn.data.readers import read_dataset
from mednn.errors import ConfigError


def _pima_like(tmp_path, n: int = 240):
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"pregnancies": rng.poisson(2, n), "glucose": rng.integers(60, 200, n),
                          "insulin": rng.integers(15, 600, n), "outcome": rng.choice(["no", "yes"], n)})
    frame.loc[: n // 3, "insulin"] = 0
    frame.loc[:4, "glucose"] = 0
    path = tmp_path / "pima.csv"
    frame.to_csv(path, index=False, header=False)
    names = list(frame.columns)
    return path, frame, names


def test_a_mapping_marks_its_columns_only(tmp_path):
    path, frame, names = _pima_like(tmp_path)
    cfg = DataConfig(path=str(path), label="outcome", header=False, column_names=names,
                     missing_values={"insulin": [0], "glucose": ["0"]})
    read = read_dataset(cfg).inputs
    assert read["insulin"].isna().sum() == (frame["insulin"] == 0).sum() > 0
    assert read["glucose"].isna().sum() == (frame["glucose"] == 0).sum() == 5
    assert read["pregnancies"].isna().sum() == 0 and (read["pregnancies"] == 0).sum() == (frame["pregnancies"] == 0).sum()
    # the list form still marks every column, the defaults stay on beside a mapping
    listed = read_dataset(DataConfig(path=str(path), label="outcome", header=False, column_names=names,
                                     missing_values=["0"])).inputs
    assert listed["pregnancies"].isna().sum() == (frame["pregnancies"] == 0).sum()


def test_a_mapping_naming_no_column_of_the_file_is_refused_by_name(tmp_path):
    path, _, names = _pima_like(tmp_path)
    cfg = DataConfig(path=str(path), label="outcome", header=False, column_names=names,
                     missing_values={"insullin": [0]})
    with pytest.raises(ConfigError, match=r"data.missing_values names column 'insullin'.*did you mean 'insulin'"):
        read_dataset(cfg)


def test_the_zeros_finding_names_the_per_column_key(tmp_path):
    from mednn.data.quality import zero_findings

    path, _, names = _pima_like(tmp_path)
    dataset = read_dataset(DataConfig(path=str(path), label="outcome", header=False, column_names=names))
    found = zero_findings(dataset)
    assert found and "data.missing_values: {insulin: ['0']" in found[0].message


def test_served_records_read_the_per_column_markers_as_a_file_does():
    from mednn.inference.records import TableRecords

    cfg = DataConfig(path="x.csv", format="csv", label="outcome", feature_columns=["pregnancies", "insulin"],
                     missing_values={"insulin": [0]})
    reader = TableRecords(cfg)
    dataset = reader.read(reader.prepare([{"pregnancies": 0, "insulin": 0}, {"pregnancies": 1, "insulin": 80}]).rows)
    assert dataset.inputs["insulin"].isna().tolist() == [True, False]
    assert dataset.inputs["pregnancies"].tolist() == [0.0, 1.0]
