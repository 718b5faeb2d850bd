"""`--set 'data.label_map={no: 0, yes: 1}'`: YAML reads no / yes as booleans; the user is told
to quote them, and the quoted form works (trial 6, defect 15)."""

import pytest


@pytest.fixture
def yes_no_csv(tmp_path):
    path = tmp_path / "yn.csv"
    path.write_text("age,stroke\n" + "".join(f"{i},{'yes' if i % 2 else 'no'}\n" for i in range(60)))
    return path


def test_unquoted_yes_no_get_a_quoting_hint(cli, yes_no_csv):
    with pytest.warns(UserWarning, match=r"YAML reads the unquoted word\(s\) no, yes as true/false.*'no': 0"):
        code, _, err = cli("inspect", "--data", yes_no_csv, "--set", "data.label=stroke",
                           "--set", "data.label_map={no: 0, yes: 1}", "--no-label-issues")
    assert code == 2 and "quote them ('no': 0)" in err and "Traceback" not in err


def test_quoted_words_work_without_a_hint(cli, yes_no_csv, recwarn):
    code, _, err = cli("inspect", "--data", yes_no_csv, "--set", "data.label=stroke",
                       "--set", "data.label_map={'no': healthy, 'yes': ill}", "--no-label-issues")
    assert code == 0, err
    assert not [w for w in recwarn if "YAML reads" in str(w.message)]
    code, _, err = cli("inspect", "--data", yes_no_csv, "--set", "data.label=stroke", "--set", "train.progress=false",
                       "--no-label-issues")  # a real boolean: no hint
    assert code == 0, err
    assert not [w for w in recwarn if "YAML reads" in str(w.message)]
