"""The table-row helpers that ``slots`` (a person's column) and ``sites`` (a code under a header row is a column's
value) share from one module below both (house item of the places12 pass: ``sites`` kept its own copy, since
importing ``slots`` made an import cycle)."""

from __future__ import annotations

from mednn.privacy.deid.recognizers import sites, slots
from mednn.privacy.deid.recognizers.table_rows import header_cells, pipe_cells, row_cells, under_column_names


def test_cells_split_by_bars_or_by_a_columns_gap():
    assert row_cells("| Date | Ward | Qty |") == ["Date", "Ward", "Qty"]
    assert row_cells("RUN  DATE\tCREW   UNIT") == ["RUN", "DATE", "CREW", "UNIT"]
    assert pipe_cells("no bars here") is None


def test_a_header_row_is_three_cells_of_words_without_digits():
    assert header_cells("RUN   DATE   PATIENT   ATTENDANT") == ["RUN", "DATE", "PATIENT", "ATTENDANT"]
    assert header_cells("EMS REPORT  Run# 28551-2  Medic 15") == []  # a title line with numbers
    assert header_cells("Date   Ward") == []  # two cells are no table


def test_a_row_under_column_names():
    text = "RUN   DATE   PATIENT   ATTENDANT\n0412  3/4    Quill     KW\n"
    assert under_column_names(text, text.index("0412"))
    assert not under_column_names(text, 0)
    prose = "Seen today in clinic with her son.\nKW  3/4\n"
    assert not under_column_names(prose, prose.index("KW"))


def test_one_copy_serves_both_readers():
    assert sites.under_column_names is under_column_names
    assert slots.row_cells is row_cells and slots.header_cells is header_cells
