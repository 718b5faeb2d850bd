"""A multilabel label with one class in training is named once, in inspect's findings list
(class_too_small, "cannot be learned"), not on a bare line outside it (trial 13)."""

import numpy as np
import pandas as pd


def test_a_label_never_positive_in_training_is_one_finding_in_the_list(cli, tmp_path):
    rng = np.random.default_rng(0)
    n = 200
    frame = pd.DataFrame({"x": rng.normal(size=n), "a": rng.integers(0, 2, n), "b": rng.integers(0, 2, n),
                          "never": 0})
    frame.to_csv(tmp_path / "ml.csv", index=False)
    code, out, err = cli("inspect", "--data", tmp_path / "ml.csv", "--set", "data.task=multilabel",
                         "--set", "data.label=[a,b,never]", "--no-label-issues")
    assert code == 0, err
    lines = [line for line in (out + err).splitlines() if "never" in line and "cannot be learned" in line]
    assert len(lines) == 1 and lines[0].lstrip().startswith("- warning: [class_too_small] label 'never'"), out + err
    assert "single class in the training split" not in out + err
