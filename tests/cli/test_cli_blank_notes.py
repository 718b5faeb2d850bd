"""A note whose text is only whitespace (trial 8, item 2): with ``data.empty_text: drop`` it is
left out and counted as a row of the file, and every other note keeps its file-row id
(``row-N``, header = row 1; JSON lines: line N) in training, predict and evaluate, for CSV, TSV
and JSONL alike. Before, the CSV parser skipped a whitespace-only line itself: the console said
"1 of 6" for a 7-row file and every later id moved up one, carrying the next patient's prediction."""

import json

import numpy as np
import pandas as pd
import pytest

from mednn.config import DataConfig
from mednn.data.readers import read_dataset

FAST = ["--set", "train.epochs=3", "--set", "evaluate.bootstrap=10", "--set", "train.progress=false",
        "--set", "explain.enabled=false", "--set", "report.enabled=false", "--set", "train.threads=1"]
BODY = {"cardiac": ["chest pain on exertion relieved by rest", "palpitations and shortness of breath at night"],
        "injury": ["ankle sprain after a fall on ice", "wrist fracture after a fall from a ladder"]}


def _notes(n: int, seed: int = 0) -> list[tuple[str, str]]:
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        label = "cardiac" if i % 2 else "injury"
        out.append((f"Seen today, {BODY[label][int(rng.integers(2))]}, visit {i}.", label))
    return out


def _write(path, notes, kind: str, blank_at: set[int], labels: bool = False) -> None:
    """``notes`` as one text column (+ label); the data rows in ``blank_at`` (0-based) are a
    whitespace-only text (CSV / TSV without labels: the bare line '   ', as a one-column file has it)."""
    if kind == "jsonl":
        lines = [json.dumps({"text": "   " if i in blank_at else t, "label": y}) for i, (t, y) in enumerate(notes)]
        path.write_text("\n".join(lines) + "\n")
        return
    sep = "\t" if kind == "tsv" else ","
    lines = ["text" + (sep + "label" if labels else "")]
    lines += [("   " if i in blank_at else t.replace(",", ";")) + (sep + y if labels else "")
              for i, (t, y) in enumerate(notes)]
    path.write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("labels", [False, True])
@pytest.mark.parametrize("kind", ["csv", "tsv", "jsonl"])
def test_whitespace_only_note_keeps_every_other_id(tmp_path, kind, labels):
    notes = _notes(7)
    path = tmp_path / f"n.{kind}"
    _write(path, notes, kind, blank_at={3}, labels=labels)
    ds = read_dataset(DataConfig(format="text", path=str(path), text_columns="text", empty_text="drop",
                                 label="label" if labels else None, duplicates="keep_all"), labels=labels)
    first = 1 if kind == "jsonl" else 2
    assert list(ds.ids) == [f"row-{i + first}" for i in range(7) if i != 3]
    assert ds.inputs[3].endswith("visit 4.")  # the note of file row 6 (JSON: line 5), not the one after it
    (found,) = [f for f in ds.findings if f.id == "empty_text_dropped"]
    assert found.rows == (3,) and "1 of 7 notes" in found.message


def test_blank_json_line_keeps_the_line_numbers_after_it(tmp_path):
    rows = [json.dumps({"text": t, "y": y}) for t, y in _notes(4)]
    (tmp_path / "n.jsonl").write_text("\n".join(rows[:2] + [""] + rows[2:]) + "\n")
    ds = read_dataset(DataConfig(format="text", path=str(tmp_path / "n.jsonl"), text_columns="text", label="y"))
    assert list(ds.ids) == ["row-1", "row-2", "row-4", "row-5"]  # line 3 is no record, but counts


def test_trailing_empty_lines_are_no_rows(tmp_path):
    (tmp_path / "n.csv").write_text("text,y\nchest pain,a\nankle sprain,b\n\n\n")
    ds = read_dataset(DataConfig(format="text", path=str(tmp_path / "n.csv"), text_columns="text", label="y"))
    assert list(ds.ids) == ["row-2", "row-3"] and not ds.findings


def test_refusal_names_the_whitespace_row(tmp_path):
    _write(tmp_path / "n.csv", _notes(5), "csv", blank_at={2})
    from mednn.errors import DataError

    with pytest.raises(DataError, match=r"row 4 has an empty text"):
        read_dataset(DataConfig(format="text", path=str(tmp_path / "n.csv"), text_columns="text"), labels=False)


def test_train_predict_evaluate_keep_file_rows(cli, tmp_path):
    notes = _notes(60)
    train = pd.DataFrame({"text": [t for t, _ in notes], "label": [y for _, y in notes]})
    train.loc[5, "text"] = "   "
    train.to_csv(tmp_path / "train.csv", index=False)
    with pytest.warns(UserWarning, match=r"\[empty_text_dropped\] 1 of 60 notes"):
        code, out, err = cli("train", "--data", tmp_path / "train.csv", "--set", "data.format=text",
                             "--set", "data.text_columns=text", "--set", "data.label=label",
                             "--set", "data.empty_text=drop", "--out", tmp_path / "run", *FAST)
    assert code == 0, err
    found = [f for f in json.loads((tmp_path / "run" / "data.json").read_text())["findings"]
             if f["id"] == "empty_text_dropped"]
    assert found and found[0]["count"] == 1 and found[0]["rows"] == [5]
    new = _notes(7, seed=3)
    _write(tmp_path / "new.csv", new, "csv", blank_at={3})
    _write(tmp_path / "same.csv", [n for i, n in enumerate(new) if i != 3], "csv", blank_at=set())
    with pytest.warns(UserWarning, match=r"\[empty_text_dropped\] 1 of 7 notes"):
        code, _, err = cli("predict", tmp_path / "run", tmp_path / "new.csv", "--out", tmp_path / "p.csv",
                           "--set", "data.empty_text=drop")
    assert code == 0, err
    code, _, err = cli("predict", tmp_path / "run", tmp_path / "same.csv", "--out", tmp_path / "q.csv")
    assert code == 0, err
    p, q = pd.read_csv(tmp_path / "p.csv"), pd.read_csv(tmp_path / "q.csv")
    assert list(p["id"]) == ["row-2", "row-3", "row-4", "row-6", "row-7", "row-8"]
    # the note of file row 6 is the 4th note of the file without the blank line: same prediction
    assert list(p["predicted"]) == list(q["predicted"])
    assert np.allclose(p.filter(like="p:").to_numpy(), q.filter(like="p:").to_numpy())
    # evaluate: the blank labelled row is counted as a row of the file and left out
    labelled = pd.DataFrame({"text": [t for t, _ in new], "label": [y for _, y in new]})
    labelled.loc[3, "text"] = " "
    labelled.to_csv(tmp_path / "site.csv", index=False)
    with pytest.warns(UserWarning, match=r"\[empty_text_dropped\] 1 of 7 notes"):
        code, _, err = cli("evaluate", tmp_path / "run", "--data", tmp_path / "site.csv",
                           "--set", "data.empty_text=drop", "--out", tmp_path / "ev.json")
    assert code == 0, err
