"""A `.txt` of one note (issue 20 item 6): a plain-text file with no table structure is one note,
de-identified as a whole and written as text, with spans as offsets into the original file,
through the CLI and the Python API; a `.txt` that is a table (a header, rows of as many fields)
is still read as one."""

import pandas as pd
import pytest

NOTE = ("Seen by Dr. Maria Gonzalez on 03/04/2021, call 555-123-4567.\r\n\r\n"
        "Plan: follow up in clinic, MRN 8812345.\r\n")


@pytest.mark.parametrize("via", ["cli", "api"])
def test_a_one_note_txt_is_one_note_with_spans_into_the_original_file(cli, tmp_path, via):
    src, out, spans = tmp_path / "note.txt", tmp_path / "note.deid.txt", tmp_path / "spans.csv"
    src.write_bytes(NOTE.encode("utf-8"))
    if via == "cli":
        code, stdout, err = cli("deid", src, "--out", out, "--spans", spans)
        assert code == 0, err
        assert "1 note" in stdout and "Gonzalez" not in stdout
    else:
        from mednn.privacy.deid import deidentify_file

        summary = deidentify_file(src, out, spans=spans)
        assert summary["rows"] == 1 and summary["one_note"]
    text = out.read_text(encoding="utf-8")
    for planted in ("Gonzalez", "03/04/2021", "555-123-4567", "8812345"):
        assert planted not in text
    assert text.startswith("Seen by Dr. [NAME]") and "Plan: follow up in clinic" in text
    table = pd.read_csv(spans)
    original = src.read_bytes().decode("utf-8")
    found = {(r.row, r.column, original[r.start:r.end], r.type) for r in table.itertuples()}
    assert (0, "text", "Maria Gonzalez", "NAME") in found and (0, "text", "8812345", "ID") in found
    assert "Gonzalez" not in spans.read_text()


def test_a_one_line_note_with_a_comma_is_a_note_not_a_table(cli, tmp_path):
    src = tmp_path / "one.txt"
    src.write_text("Seen by Dr. Maria Gonzalez, 03/04/2021.\n")
    code, stdout, err = cli("deid", src, "--out", tmp_path / "one.deid.txt")
    assert code == 0, err
    assert "Gonzalez" not in (tmp_path / "one.deid.txt").read_text()


def test_a_txt_that_is_a_table_is_still_read_as_a_table(cli, tmp_path):
    src = tmp_path / "notes.txt"
    notes = ["Seen by Dr. Maria Gonzalez on 03/04/2021 in clinic for a review of her blood pressure and medicines.",
             "Mr. Okafor called 555-123-4567 about his results today and asked for a copy of the letter."]
    pd.DataFrame({"visit": ["a", "b"], "note": notes}).to_csv(src, index=False)
    code, stdout, err = cli("deid", src, "--out", tmp_path / "notes.deid.txt", "--keep-column", "visit")
    assert code == 0, err
    frame = pd.read_csv(tmp_path / "notes.deid.txt")
    assert list(frame.columns) == ["visit", "note"] and "Gonzalez" not in frame["note"][0]


def test_an_empty_or_undecodable_note_is_one_line_exit_2(cli, tmp_path):
    empty, bad = tmp_path / "empty.txt", tmp_path / "bad.txt"
    empty.write_text("  \n")
    bad.write_bytes("Seen by Dr. Gonz\xe1lez.\nPlan: review.\n".encode("latin-1"))
    for src in (empty, bad):
        code, _, err = cli("deid", src, "--out", tmp_path / (src.stem + ".deid.txt"))
        lines = [line for line in err.splitlines() if line.startswith("mednn: error")]
        assert code == 2 and len(lines) == 1 and "Traceback" not in err and "Gonz" not in err
        assert not (tmp_path / (src.stem + ".deid.txt")).exists()
    code, _, err = cli("deid", bad, "--out", tmp_path / "bad.deid.txt", "--encoding", "latin-1")
    assert code == 0, err
