"""Trial 9 (#12): `label: 9` was refused as "key 'data.label.str'" (pydantic's union tag): the
line names the config key as the user writes it."""

import pandas as pd


def test_a_non_string_label_is_refused_naming_data_label(cli, tmp_path):
    pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0] * 5, "y": ["x", "z"] * 10}).to_csv(tmp_path / "t.csv", index=False)
    config = tmp_path / "c.yaml"
    config.write_text(f"data:\n  path: {tmp_path / 't.csv'}\n  label: 9\n")
    code, out, err = cli("inspect", config)
    assert code == 2 and "key 'data.label':" in err and "data.label.str" not in err, err
    assert "Traceback" not in out + err
    # the same key as a string is read
    config.write_text(f"data:\n  path: {tmp_path / 't.csv'}\n  label: y\n")
    code, _, err = cli("inspect", config, "--no-label-issues")
    assert code == 0, err


def test_a_plain_key_keeps_its_name(cli, tmp_path):
    code, _, err = cli("inspect", "--data", "breast-cancer", "--set", "train.epochs=many")
    assert code == 2 and "key 'train.epochs'" in err, err
