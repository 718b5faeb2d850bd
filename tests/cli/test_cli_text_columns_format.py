"""A config that names its note columns (``data.text_columns``) but not ``data.format`` is read
by the text reader, so the messages name one format: trial 12 was told "Unknown key
'data.text_column' for format 'text'", and after the fix "read by format 'text', not 'csv'"."""

import numpy as np
import pandas as pd


def _notes_csv(tmp_path, words_per_note):
    rng = np.random.default_rng(3)
    vocab = ["fever", "cough", "rash", "stable", "ward", "review", "plan", "noted", "seen", "today"]
    frame = pd.DataFrame({
        "note_id": [f"n{i:03d}" for i in range(80)],
        "note": [" ".join(rng.choice(vocab, words_per_note)) + f" visit {i}" for i in range(80)],
        "outcome": rng.choice(["ill", "well"], 80),
    })
    frame.to_csv(tmp_path / "notes.csv", index=False)
    return tmp_path / "notes.csv"


def _config(tmp_path, path, key):
    config = tmp_path / "notes.yaml"
    config.write_text(f"data:\n  path: {path}\n  {key}: [note]\n  id_column: note_id\n  label: outcome\n")
    return config


def test_text_columns_without_a_format_read_as_notes(cli, tmp_path):
    for words in (30, 3):  # long notes (detected as free text) and short ones (not)
        path = _notes_csv(tmp_path, words)
        code, out, err = cli("inspect", _config(tmp_path, path, "text_columns"), "--no-label-issues")
        assert code == 0, err
        assert "samples, text" in out and "not 'csv'" not in err


def test_a_misspelt_text_columns_names_the_format_its_fix_is_read_by(cli, tmp_path):
    path = _notes_csv(tmp_path, 30)
    code, _, err = cli("inspect", _config(tmp_path, path, "text_column"), "--no-label-issues")
    assert code == 2 and "Unknown key 'data.text_column' for format 'text'" in err
    assert "did you mean 'data.text_columns'" in err and "Traceback" not in err
    code, _, err = cli("inspect", _config(tmp_path, path, "text_columns"), "--no-label-issues")
    assert code == 0 and "format 'text', not 'csv'" not in err, err


def test_text_columns_under_format_csv_still_says_which_format_reads_it(cli, tmp_path):
    path = _notes_csv(tmp_path, 30)
    config = _config(tmp_path, path, "text_columns")
    config.write_text(config.read_text() + "  format: csv\n")
    code, _, err = cli("inspect", config, "--no-label-issues")
    assert code == 2 and "read by format 'text', not 'csv'; fix: set data.format: text" in err


def test_the_format_guessed_advice_for_a_table_is_one_that_works(cli, tmp_path):
    """The info line's way back to a table must not lead into the csv reader's refusal of
    data.text_columns (it said "set data.format: csv", which then exits 2)."""
    path = _notes_csv(tmp_path, 30)
    code, out, err = cli("inspect", _config(tmp_path, path, "text_columns"), "--no-label-issues")
    assert code == 0 and "remove data.text_columns" in out + err
    assert "set data.format: csv to read it as a table" not in out + err


def test_text_columns_beside_a_table_key_asks_to_drop_one_not_to_switch_formats(cli, tmp_path):
    """text_columns (text only) with delimiter (csv / tsv ...): switching data.format, as the line
    said, only moved the refusal to the other key."""
    path = _notes_csv(tmp_path, 30)
    config = _config(tmp_path, path, "text_columns")
    config.write_text(config.read_text() + "  delimiter: ','\n")
    code, _, err = cli("inspect", config, "--no-label-issues")
    assert code == 2 and "remove data.delimiter or data.text_columns" in err and "set data.format" not in err
