"""The word-list generators read a corpus column one way (generate_names.read_corpus; the code
shapes' generator had its own csv.DictReader copy)."""

from __future__ import annotations

import pytest

from mednn.data.wordlists import generate_code_shapes


def test_the_code_shapes_corpus_is_read_as_the_name_lists_corpus(tmp_path, capsys):
    corpus = tmp_path / "notes.csv"
    corpus.write_text('id,text\n1,"Seen in clinic, stable"\n2,\n3,Kardex ref 4471\n', encoding="utf-8")
    assert generate_code_shapes._csv_texts(f"{corpus}:text") == ["Seen in clinic, stable", "", "Kardex ref 4471"]
    assert generate_code_shapes._csv_texts(f"{corpus}:text:even") == ["Seen in clinic, stable", "Kardex ref 4471"]
    with pytest.raises(SystemExit) as stop:
        generate_code_shapes.main(["--corpus", f"{corpus}:note", "--out", str(tmp_path / "shapes.txt")])
    assert stop.value.code == 2 and "column 'note' not found" in capsys.readouterr().err
