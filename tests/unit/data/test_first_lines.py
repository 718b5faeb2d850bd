"""One reader of a table's first lines (mednn.data.limits.first_lines / header_cells) serves the
format sniff, the table readers' "new rows carry a header line" check, the SMILES sniff and
predict's look at a manifest's columns; the last read a compressed manifest as raw bytes."""

from __future__ import annotations

import gzip

from mednn.data.limits import HEAD_BYTES, first_lines, header_cells
from mednn.data.molecules import SmilesReader
from mednn.data.table_readers import _header_line
from mednn.predictor import _has_column


def test_first_lines_skip_blank_lines_and_a_line_cut_at_the_end_of_what_is_read(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("\n  \nage,sex\n1,2\n" + "x" * HEAD_BYTES, encoding="utf-8")
    assert first_lines(path, 5) == ["age,sex", "1,2"]
    assert first_lines(tmp_path / "missing.csv", 1) == []


def test_a_compressed_manifest_names_its_columns(tmp_path):
    path = tmp_path / "images.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("path, label\na.png,1\n")
    assert header_cells(path) == ["path", "label"]
    assert _has_column(path, "label")  # read as raw gzip bytes before, so never found


def test_the_readers_that_look_at_a_first_line_read_it_alike(tmp_path):
    table = tmp_path / "rows.tsv"
    table.write_text("\nage\tbmi\n61\t24.5\n", encoding="utf-8")
    assert header_cells(table, "\t") == ["age", "bmi"]
    assert _header_line(table, "\t", "utf-8") and _has_column(table, "bmi")
    molecules = tmp_path / "m.csv"
    molecules.write_text("\nsmiles,activity\nCCO,1\n", encoding="utf-8")
    assert SmilesReader.sniff(molecules)  # a blank first line hid the header from readline()
