"""`mednn deid --tagger`: the neural tagger's spans join the rules', the output and the console
hold no planted text."""

import pandas as pd


def test_deid_with_the_tagger_removes_planted_names_and_echoes_none(cli, tmp_path):
    src, out = tmp_path / "notes.csv", tmp_path / "clean.csv"
    pd.DataFrame({"note": ["PT SEEN THIS AM BY DR. BEXLEY VANTREIGHT. WIFE MARISOL PELLOW AT BEDSIDE.",
                           "seen by dr. corwin mowbray, daughter orla quennell updated by phone."]}).to_csv(src, index=False)
    code, stdout, err = cli("deid", src, "--out", out, "--text-column", "note", "--tagger")
    assert code == 0, err
    text = " ".join(pd.read_csv(out)["note"]).lower()
    for planted in ("vantreight", "pellow", "mowbray", "quennell"):
        assert planted not in text and planted not in stdout.lower() and planted not in err.lower()
    assert "NAME" in stdout
