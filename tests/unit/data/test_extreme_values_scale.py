"""An entry error 80 times a column's bulk is named even where the bulk starts near 0, where the
log-scale test alone lets it pass (trial 7: an age of 6700 beside ages 0.08-82); counts with a
skewed tail stay quiet."""

import numpy as np
import pandas as pd

from mednn.data.extreme_values import extreme_cells


def test_a_typed_age_of_6700_is_named_and_a_skewed_count_is_not():
    rng = np.random.default_rng(0)
    age = rng.uniform(0.08, 82, 500)
    age[3] = 6700
    visits = np.r_[np.zeros(450), rng.integers(1, 70, 50)]
    cells = extreme_cells(pd.DataFrame({"age": age, "visits": visits}))
    assert cells == [{"column": "age", "rows": [3]}]
