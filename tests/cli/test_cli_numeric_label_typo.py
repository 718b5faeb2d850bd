"""One "2" in a 0/1 label column is a label typo, named with its row, not advice to set
data.task (trial 6, defect 13); a real 3-class numeric label keeps the data.task advice."""

import numpy as np
import pandas as pd


def _write(tmp_path, labels):
    rng = np.random.default_rng(0)
    path = tmp_path / "t.csv"
    pd.DataFrame({"age": rng.normal(60, 9, len(labels)).round(1), "stroke": labels}).to_csv(path, index=False)
    return path


def test_a_lone_2_in_a_binary_column_is_a_label_typo(cli, tmp_path):
    labels = [0, 1] * 100
    labels[5] = 2
    code, _, err = cli("inspect", "--data", _write(tmp_path, labels), "--set", "data.label=stroke")
    assert code == 2
    assert "[label_typo]" in err and "(row 7)" in err and "198 of 199" not in err and "199 of 200 rows" in err
    assert "regression" not in err and "Traceback" not in err


def test_three_real_classes_still_ask_for_data_task(cli, tmp_path):
    code, _, err = cli("inspect", "--data", _write(tmp_path, [0, 1, 2] * 60), "--set", "data.label=stroke")
    assert code == 2 and "set data.task: regression" in err and "label_typo" not in err
