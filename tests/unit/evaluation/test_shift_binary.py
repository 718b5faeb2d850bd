"""A 0/1 column (sex, a yes/no flag) that is 0 at every row of a site is one value, not
"missing values written as 0" (trial 10, #11); a measurement of all 0s still is."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mednn.data.base import Dataset, Task
from mednn.evaluation.shift import check_shift, training_profile


def _table(n: int, seed: int, male_share: float = 0.5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"age": rng.normal(60, 10, n).round(1), "bp": rng.normal(130, 15, n).round(),
                         "sex": (rng.random(n) < male_share).astype(float)})


def _dataset(frame):
    return Dataset(inputs=frame, targets=np.zeros(len(frame), dtype=np.int64), task=Task("binary", ("no", "yes")),
                   ids=np.arange(len(frame)), modality="tabular")


def test_a_binary_column_of_one_value_is_constant_not_missing_written_as_zero():
    from mednn.featurizers.tabular import TabularFeaturizer

    for male_share in (0.5, 0.97):
        train = _dataset(_table(600, 0, male_share))
        featurizer = TabularFeaturizer().fit(train)
        profile = training_profile(train, featurizer, "tabular")
        site = _table(200, 1)
        site["sex"] = 0.0  # every site row 0: unlikely by training, but a value
        site["bp"] = 0.0  # a measurement of all 0s: still missing written as 0
        result = check_shift(profile, _dataset(site), featurizer)
        checks = {(r.column, r.check) for r in result.rows}
        assert ("sex", "constant") in checks and ("sex", "all_zero") not in checks and ("bp", "all_zero") in checks
        (zero_line,) = [f.line() for f in result.findings if "written as 0" in f.line()]
        assert "bp" in zero_line and "sex" not in zero_line
