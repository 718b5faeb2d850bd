"""`mednn deid` from the command line: identifiers replaced, dates shifted per patient, errors."""

import pandas as pd
import pytest


def _notes(tmp_path):
    path = tmp_path / "notes.csv"
    pd.DataFrame({
        "patient_id": ["p1", "p1", "p2"],
        "note": ["Seen by Dr. Maria Gonzalez on 03/04/2021, call 555-123-4567.",
                 "Follow-up 03/18/2021, e-mail maria@example.org.",
                 "Mr. Okafor, MRN: 8812345, 89 Elm Street, Springfield 62704."],
    }).to_csv(path, index=False)
    return path


def test_deid_replaces_identifiers_and_reports_counts_only(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDNN_DEID_SECRET", "test-key-of-20-chars")
    src, out = _notes(tmp_path), tmp_path / "clean.csv"
    code, stdout, err = cli("deid", src, "--out", out, "--text-column", "note", "--patient-column", "patient_id",
                            "--id-columns", "pseudonymise")
    assert code == 0, err
    ids = list(pd.read_csv(out)["patient_id"])  # the patient column is an identifier too: pseudonyms, linkage kept
    assert ids[0] == ids[1] != ids[2] and not {"p1", "p2"} & set(ids)
    text = " ".join(pd.read_csv(out)["note"])
    for planted in ("Gonzalez", "03/04/2021", "555-123-4567", "maria@example.org", "8812345", "Okafor", "Elm Street"):
        assert planted not in text and planted not in stdout
    assert "[NAME]" in text and "NAME" in stdout


def test_shifted_dates_keep_intervals_within_a_patient(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDNN_DEID_SECRET", "test-key-of-20-chars")
    out = tmp_path / "shifted.csv"
    code, _, err = cli("deid", _notes(tmp_path), "--out", out, "--text-column", "note",
                       "--patient-column", "patient_id", "--shift-dates", "--keep-column", "patient_id")
    assert code == 0, err
    notes = list(pd.read_csv(out)["note"])
    first, second = (pd.Timestamp(n.split("[DATE ")[1][:10]) for n in notes[:2])
    assert (second - first).days == 14 and "2021-03-04" not in notes[0]


def test_unknown_text_column_is_a_clean_error(cli, tmp_path):
    code, _, err = cli("deid", _notes(tmp_path), "--out", tmp_path / "x.csv", "--text-column", "nope")
    assert code == 2 and "nope" in err and "Traceback" not in err and not (tmp_path / "x.csv").exists()


def test_spans_table_has_offsets_into_the_original_text_and_never_the_text(cli, tmp_path):
    src, out, spans = _notes(tmp_path), tmp_path / "clean.csv", tmp_path / "spans.csv"
    code, stdout, err = cli("deid", src, "--out", out, "--text-column", "note", "--spans", spans,
                            "--keep-column", "patient_id")
    assert code == 0, err
    table = pd.read_csv(spans)
    assert list(table.columns) == ["row", "column", "start", "end", "type"]
    notes = pd.read_csv(src)["note"]
    found = {(r.row, notes[r.row][r.start:r.end], r.type) for r in table.itertuples()}
    assert (0, "Maria Gonzalez", "NAME") in found and (1, "maria@example.org", "EMAIL") in found
    assert (2, "8812345", "ID") in found and set(table["column"]) == {"note"}
    raw = spans.read_text(encoding="utf-8")
    assert "Gonzalez" not in raw and "8812345" not in raw and "spans" in stdout


def test_outputs_are_never_the_input_an_existing_file_or_inside_a_run(cli, tmp_path):
    src = _notes(tmp_path)
    other = tmp_path / "other.csv"
    other.write_text("keep me\n", encoding="utf-8")
    code, _, err = cli("deid", src, "--out", other, "--text-column", "note")
    assert code == 2 and "already exists" in err and other.read_text(encoding="utf-8") == "keep me\n"
    code, _, err = cli("deid", src, "--out", tmp_path / "new.csv", "--spans", src, "--text-column", "note")
    assert code == 2 and "input" in err and not (tmp_path / "new.csv").exists()
    run = tmp_path / "run"
    run.mkdir()
    (run / "manifest.json").write_text("{}", encoding="utf-8")
    code, _, err = cli("deid", src, "--out", run / "clean.csv", "--text-column", "note")
    assert code == 2 and "run" in err and not (run / "clean.csv").exists()
    # a de-identified table carries no mark of mednn's: an existing file is never replaced, even
    # with --overwrite (kept for older scripts, and said to be ignored)
    with pytest.warns(UserWarning, match="--overwrite is ignored"):
        code, _, err = cli("deid", src, "--out", other, "--text-column", "note", "--overwrite")
    assert code == 2 and "already exists" in err and other.read_text(encoding="utf-8") == "keep me\n"
    code, _, err = cli("deid", src, "--out", tmp_path / "clean.csv", "--text-column", "note", "--keep-column",
                       "patient_id")
    assert code == 0, err
    assert "[NAME]" in (tmp_path / "clean.csv").read_text(encoding="utf-8")


def test_bad_inputs_are_one_line_exit_2_and_write_nothing(cli, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("text\n\"Seen by Dr. Jos\xe9 Okafor\"\n".encode("latin-1"))
    header_only = tmp_path / "header.csv"
    header_only.write_text("text\n", encoding="utf-8")
    no_column = tmp_path / "nocol.csv"
    no_column.write_text("note\n\"Seen by Dr. Okafor\"\n", encoding="utf-8")
    for bad in (empty, latin, header_only, no_column):
        out, spans = tmp_path / f"{bad.stem}.out.csv", tmp_path / f"{bad.stem}.spans.csv"
        code, stdout, err = cli("deid", bad, "--out", out, "--spans", spans)
        assert code == 2, (bad.name, err)
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err and "Okafor" not in err
        assert not out.exists() and not spans.exists()
        assert not [p for p in tmp_path.iterdir() if "partial" in p.name]


def test_a_text_without_identifiers_is_copied_unchanged(cli, tmp_path):
    src = tmp_path / "plain.csv"
    pd.DataFrame({"text": ["BP 120/80, HR 72. Lungs clear.", "Continue metformin 500 mg BID."]}).to_csv(src, index=False)
    out, spans = tmp_path / "plain.out.csv", tmp_path / "plain.spans.csv"
    code, stdout, err = cli("deid", src, "--out", out, "--spans", spans)
    assert code == 0, err
    assert pd.read_csv(out).equals(pd.read_csv(src)) and "no identifiers found" in stdout
    assert spans.read_text(encoding="utf-8") == "row,column,start,end,type\n"


def _long_notes(n: int = 6) -> list[str]:
    return [f"Seen by Dr. Maria Gonzalez on 03/0{i + 1}/2021 for follow-up of chest pain, breathing well, "
            f"plan to continue the current medication and review in {i + 2} weeks." for i in range(n)]


def test_the_notes_column_is_detected_without_text_column(cli, tmp_path):
    src, out = tmp_path / "visits.csv", tmp_path / "visits.out.csv"
    pd.DataFrame({"ID": range(6), "site": ["a", "b"] * 3, "note": _long_notes()}).to_csv(src, index=False)
    code, stdout, err = cli("deid", src, "--out", out)  # ID 0..5 is the row number: no identifier
    assert code == 0, err
    assert "text column note, detected" in stdout
    assert not any("Gonzalez" in n for n in pd.read_csv(out)["note"])


def test_two_notes_columns_without_text_column_is_one_line_exit_2(cli, tmp_path):
    src, out = tmp_path / "two.csv", tmp_path / "two.out.csv"
    pd.DataFrame({"note": _long_notes(), "letter": list(reversed(_long_notes()))}).to_csv(src, index=False)
    code, _, err = cli("deid", src, "--out", out)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "--text-column note --text-column letter" in err and "Gonzalez" not in err and not out.exists()


def test_training_with_privacy_deid_says_what_it_replaced_in_counts(cli, tmp_path):
    rows = []
    for i in range(60):
        sick = i % 2 == 0
        body = "fever, productive cough and chills" if sick else "ankle sprain after a fall at home"
        rows.append({"note": f"Mr. Okonkwo Hartwell seen on 03/14/2021, MRN {4400100 + i}: {body}, visit {i}.",
                     "label": "infection" if sick else "injury"})
    pd.DataFrame(rows).to_csv(tmp_path / "notes.csv", index=False)
    code, out, err = cli("train", "--data", tmp_path / "notes.csv", "--out", tmp_path / "run",
                         "--set", "data.label=label", "--set", "privacy.deid=true", "--set", "train.epochs=3",
                         "--set", "evaluate.bootstrap=20", "--set", "explain.enabled=false",
                         "--set", "featurize.name=tfidf", "--set", "featurize.min_df=1")
    assert code == 0, err
    line = next(line for line in (out + err).splitlines() if line.startswith("de-identified:"))
    assert "60 of 60 notes changed" in line and "NAME" in line and "DATE" in line
    assert "Okonkwo" not in out + err and "4400100" not in out + err


def test_deid_second_opinion_flag_reaches_the_engine(cli, tmp_path, monkeypatch):
    """--second-opinion builds the de-identifier with the tagger's second opinion (docs/deid.md)."""
    from mednn.privacy.deid import engine

    built = []
    original = engine.Deidentifier.fit

    def spy(self, *args, **kwargs):
        built.append(self.second_opinion)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(engine.Deidentifier, "fit", spy)
    src, out = _notes(tmp_path), tmp_path / "clean.csv"
    code, _, err = cli("deid", src, "--out", out, "--text-column", "note", "--id-columns", "drop", "--second-opinion")
    assert code == 0, err
    assert built and all(flag is True for flag in built)
    assert "Gonzalez" not in " ".join(pd.read_csv(out)["note"])  # the cued name is never vetoed
