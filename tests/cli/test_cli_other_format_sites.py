"""Reading what a trial user brought (trial5 #3, #7, #8, #12, #13). A run trained on one table
format scores files of another: a run trained on ARFF reads a site's CSV by the CSV's own format, and a nominal value written "1.010" in both files
(read as the number 1.01 from the CSV) is the category the run knows, so the same rows score the
same from either file."""

import json

import numpy as np
import pandas as pd

from .conftest import FAST

GRAVITY = ("1.005", "1.010", "1.020")


def _arff(rows: list[tuple[float, str, str, str]], with_class: bool = True) -> str:
    head = ["@relation kidney", "@attribute age numeric", "@attribute sg {1.005,1.010,1.020}",
            "@attribute htn {yes,no}"]
    if with_class:
        head.append("@attribute class {ckd,notckd}")
    body = [",".join([f"{a:g}", sg, htn, *([c] if with_class else [])]) for a, sg, htn, c in rows]
    return "\n".join([*head, "@data", *body]) + "\n"


def _rows(n: int, seed: int) -> list[tuple[float, str, str, str]]:
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        sick = rng.random() < 0.5
        sg = GRAVITY[rng.integers(0, 2)] if sick else GRAVITY[rng.integers(1, 3)]
        out.append((float(rng.integers(30, 80)), sg, "yes" if sick == (rng.random() < 0.8) else "no",
                    "ckd" if sick else "notckd"))
    return out


def _trained(cli, tmp_path):
    train = tmp_path / "kidney.arff"
    train.write_text(_arff(_rows(160, 0)))
    run = tmp_path / "run"
    code, _, err = cli("train", "--data", train, "--out", run, *FAST, "--set", "data.label=class",
                       "--set", "explain.enabled=false", "--set", "evaluate.baselines=none",
                       "--set", "data.on_defective=skip")  # an ARFF key the CSV reader does not take
    assert code == 0, err
    return run


def test_a_run_trained_on_arff_scores_the_same_rows_alike_from_csv_and_arff(cli, tmp_path):
    run = _trained(cli, tmp_path)
    rows = _rows(30, 1)
    (tmp_path / "site.arff").write_text(_arff(rows))
    pd.DataFrame(rows, columns=["age", "sg", "htn", "class"]).to_csv(tmp_path / "site.csv", index=False)
    assert "1.010" in (tmp_path / "site.csv").read_text()  # written as the ARFF writes it
    probs = {}
    for name, extra in (("site.arff", []), ("site.csv", []), ("site.csv", ["--set", "data.format=csv"])):
        out = tmp_path / f"{name}{len(extra)}.pred.csv"
        code, _, err = cli("predict", run, tmp_path / name, "--out", out, *extra)
        assert code == 0, err
        probs[name, len(extra)] = pd.read_csv(out)["p:ckd"].to_numpy()
    np.testing.assert_allclose(probs["site.csv", 0], probs["site.arff", 0], rtol=0, atol=1e-6)
    np.testing.assert_allclose(probs["site.csv", 2], probs["site.arff", 0], rtol=0, atol=1e-6)
    code, _, err = cli("evaluate", run, "--data", tmp_path / "site.csv", "--out", tmp_path / "site.json")
    assert code == 0, err
    assert "unseen categories" not in err  # "1.010" read as 1.01 is the run's category "1.010"


def test_zeros_written_for_missing_values_are_a_finding_of_train_and_inspect(cli, tmp_path):
    """trial5 #7: the README's Pima table (insulin 0 in half the rows) trained with no finding."""
    rng = np.random.default_rng(3)
    n = 200
    glucose = rng.normal(120, 25, n).round()
    insulin = rng.integers(14, 500, n).astype(float)
    insulin[rng.random(n) < 0.4] = 0
    frame = pd.DataFrame({"glucose": glucose, "insulin": insulin,
                          "outcome": np.where(glucose + rng.normal(0, 20, n) > 125, 1, 0)})
    path = tmp_path / "pima.csv"
    frame.to_csv(path, index=False)
    code, out, err = cli("inspect", "--data", path, "--set", "data.label=outcome")
    assert code == 0, err
    assert "zeros_as_missing" in out + err and "'insulin'" in out + err and "'glucose'" not in out + err
    run = tmp_path / "run"
    code, _, err = cli("train", "--data", path, "--out", run, *FAST, "--set", "data.label=outcome",
                       "--set", "explain.enabled=false", "--set", "evaluate.baselines=none")
    assert code == 0, err
    found = [f for f in json.loads((run / "data.json").read_text())["findings"] if f["id"] == "zeros_as_missing"]
    assert [f["columns"] for f in found] == [["insulin"]]


def test_a_label_typo_is_named_by_inspect_and_train(cli, tmp_path):
    """trial5 #12: one 'daed' row made a binary task 3-class with no word about a typo."""
    rng = np.random.default_rng(4)
    n = 150
    marker = rng.normal(size=n)
    outcome = np.where(marker + rng.normal(0, 0.3, n) > 0, "dead", "alive").astype(object)
    outcome[9] = "daed"
    path = tmp_path / "typo.csv"
    pd.DataFrame({"marker": marker, "age": rng.integers(40, 90, n), "outcome": outcome}).to_csv(path, index=False)
    code, out, err = cli("inspect", "--data", path, "--set", "data.label=outcome")
    assert code == 0, err
    assert "label_typo" in out + err and "'daed'" in out + err and "row-11" in out + err
    assert "needs at least 2 classes" not in out + err
    run = tmp_path / "run"
    code, _, err = cli("train", "--data", path, "--out", run, *FAST, "--set", "data.label=outcome",
                       "--set", "explain.enabled=false", "--set", "evaluate.baselines=none")
    assert code == 0, err
    found = [f for f in json.loads((run / "data.json").read_text())["findings"] if f["id"] == "label_typo"]
    assert len(found) == 1 and "data.label_map" in found[0]["message"]


def _notes(tmp_path):
    rng = np.random.default_rng(5)
    words = ["patient", "reports", "pain", "cough", "fever", "since", "monday", "denies", "nausea", "sleeps",
             "poorly", "walks", "daily", "takes", "aspirin", "mother", "had", "asthma", "no", "allergies"]
    rows = []
    for i in range(120):
        history = i % 2 == 0
        text = " ".join(rng.choice(words, 14)) + (" family history of asthma." if history else " medication list.")
        rows.append({"dialogue": f"Doctor: how are you? Patient: {text}", "visit": i % 7,
                     "section": "FAM/SOCHX" if history else "MEDICATIONS"})
    path = tmp_path / "notes.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_the_notes_advice_gives_every_key_and_a_text_key_under_csv_names_the_format(cli, tmp_path):
    """trial5 #8: the advice named data.text_columns, which alone was 'unknown for format csv'."""
    path = _notes(tmp_path)
    code, out, err = cli("inspect", "--data", path, "--set", "data.label=section", "--no-label-issues")
    assert code == 0, err
    assert "set both data.format: text and data.text_columns" in out + err
    text = ["--set", "data.text_columns=[dialogue]", "--no-label-issues"]
    # data.text_columns alone reads the file as notes (fix13b), as with data.format: text beside it
    code, alone, err = cli("inspect", "--data", path, "--set", "data.label=section", *text)
    assert code == 0 and "Unknown key" not in err, err
    code, both, err = cli("inspect", "--data", path, "--set", "data.label=section", *text, "--set", "data.format=text")
    assert code == 0, err
    said = [line for line in alone.splitlines() if "[format_guessed]" in line]
    assert len(said) == 1 and "data.text_columns is set" in said[0]  # and says why
    assert [line for line in alone.splitlines() if line not in said] == both.splitlines()


def test_a_tab_file_scored_by_a_header_less_csv_run_is_read_or_named_as_a_delimiter_problem(cli, tmp_path):
    """trial5 #13: 'column_names lists 3 names but the file has 1 columns' for a TSV."""
    rng = np.random.default_rng(6)
    n = 120
    frame = pd.DataFrame({"age": rng.integers(20, 80, n), "marker": rng.normal(size=n).round(3),
                          "y": rng.integers(0, 2, n)})
    frame.to_csv(tmp_path / "train.csv", index=False, header=False)
    run = tmp_path / "run"
    code, _, err = cli("train", "--data", tmp_path / "train.csv", "--out", run, *FAST, "--set", "data.header=false",
                       "--set", "data.column_names=[age,marker,y]", "--set", "data.label=y",
                       "--set", "explain.enabled=false", "--set", "evaluate.baselines=none")
    assert code == 0, err
    frame.head(5).to_csv(tmp_path / "new.tsv", index=False, header=False, sep="\t")
    code, _, err = cli("predict", run, tmp_path / "new.tsv", "--out", tmp_path / "p.csv")
    assert code == 0, err  # a .tsv is read as TSV
    frame.head(5).to_csv(tmp_path / "tabs.csv", index=False, header=False, sep="\t")
    code, _, err = cli("predict", run, tmp_path / "tabs.csv", "--out", tmp_path / "q.csv")
    assert code == 2 and "set data.delimiter: '\\t'" in err and "give one name per column" not in err


def test_a_utf16_export_is_named_utf16_with_the_encoding_fix(cli, tmp_path):
    """trial5 #13: a UTF-16 export was called binary data ('export a workbook as CSV')."""
    rng = np.random.default_rng(7)
    frame = pd.DataFrame({"age": rng.integers(20, 80, 80), "marker": rng.normal(size=80).round(3),
                          "y": np.where(rng.random(80) < 0.5, "yes", "no")})
    path = tmp_path / "export.csv"
    path.write_bytes(frame.to_csv(index=False).encode("utf-16"))
    code, _, err = cli("inspect", "--data", path, "--set", "data.label=y", "--no-label-issues")
    assert code == 2 and "UTF-16" in err and "data.encoding: utf-16" in err and "binary" not in err
    code, _, err = cli("inspect", "--data", path, "--set", "data.label=y", "--set", "data.encoding=utf-16",
                       "--no-label-issues")
    assert code == 0, err
