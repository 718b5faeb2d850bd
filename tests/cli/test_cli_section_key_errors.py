"""A section key given a single value (``early_stopping: on``) is refused in one line naming the
key, what it takes and an example, never pydantic's class name (trial 13, item 8)."""

import numpy as np
import pandas as pd


def _data(tmp_path):
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"x": rng.normal(size=40), "y": rng.choice(["a", "b"], 40)})
    frame.to_csv(tmp_path / "d.csv", index=False)
    return tmp_path / "d.csv"


def test_a_section_key_given_a_word_in_the_yaml_names_the_key_and_the_fix(cli, tmp_path):
    config = tmp_path / "es.yaml"
    config.write_text(f"data:\n  path: {_data(tmp_path)}\n  label: y\ntrain:\n  early_stopping: on\n")
    code, _, err = cli("inspect", config)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "key 'train.early_stopping' is a section" in err and "`early_stopping: {enabled: true}`" in err
    assert "Config" not in err.replace("config", "") and "dictionary" not in err


def test_a_section_key_given_a_number_by_set_names_its_keys(cli, tmp_path):
    code, _, err = cli("inspect", "--data", _data(tmp_path), "--set", "data.label=y",
                       "--set", "train.early_stopping=5")
    assert code == 2 and err.startswith("mednn: error: --set: key 'train.early_stopping' is a section")
    assert "(enabled, monitor, patience, min_delta)" in err and "EarlyStopping" not in err
