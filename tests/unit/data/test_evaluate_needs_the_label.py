"""Evaluating a finished run on a file without the run's label column (trial 4, NEW d): the
message says the file needs that column, or mednn predict — never to change data.label, which a
finished run cannot."""

import numpy as np
import pandas as pd
import pytest

from mednn.config import DataConfig
from mednn.data.base import Task
from mednn.data.readers import read_dataset
from mednn.errors import DataError


def test_a_file_without_the_runs_label_says_so(tmp_path):
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"age": rng.normal(60, 9, 30).round(1), "bmi": rng.normal(27, 4, 30).round(1)})
    frame.to_csv(tmp_path / "site.csv", index=False)
    run = DataConfig(path=str(tmp_path / "site.csv"), label="stroke", feature_columns=["age", "bmi"])
    with pytest.raises(DataError) as caught:
        read_dataset(run, labels=True, task=Task("binary", ("0", "1")))
    message = str(caught.value)
    assert "'stroke' (the run's label)" in message and "mednn predict" in message
    assert "set data.label" not in message
    new = read_dataset(run, labels=False, task=Task("binary", ("0", "1")))  # predict still reads it
    assert len(new) == 30
