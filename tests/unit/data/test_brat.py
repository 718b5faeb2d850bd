"""mednn.data.brat, the one reader of BRAT .ann files (four readers before: deid_corpus, the
tagger's training, the word-list generators, the generated sets' tests)."""

from __future__ import annotations

import pytest

from mednn.data.brat import read_ann, read_brat


def test_text_bound_lines_are_read_with_their_fragments_and_other_lines_passed_over(tmp_path):
    (tmp_path / "a.txt").write_text("Seen by Dr Ana Ruiz on 3 May 2021.", encoding="utf-8")
    (tmp_path / "a.ann").write_text("T1\tNAME 11 19\tAna Ruiz\n#1\tAnnotatorNotes T1\tchecked\n"
                                    "T2\tDATE 24 29;30 34\t3 May 2021\nR1\tSame Arg1:T1 Arg2:T2\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("No identifiers.", encoding="utf-8")
    name, date = read_ann(tmp_path / "a.ann")
    assert (name.id, name.type, name.fragments, name.text) == ("T1", "NAME", ((11, 19),), "Ana Ruiz")
    assert date.fragments == ((24, 29), (30, 34)) and (date.start, date.end) == (24, 34)
    assert [(p.name, len(spans)) for p, _, spans in read_brat(tmp_path)] == [("a.txt", 2), ("b.txt", 0)]
    assert [p.name for p, _, _ in read_brat(tmp_path, annotated_only=True)] == ["a.txt"]


def test_a_malformed_text_bound_line_is_named_by_file_and_line(tmp_path):
    (tmp_path / "a.ann").write_text("T1\tNAME 11 19\tAna Ruiz\nT2\tDATE twenty\t3 May\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"a\.ann: line 2 is not a BRAT text-bound annotation"):
        read_ann(tmp_path / "a.ann")
