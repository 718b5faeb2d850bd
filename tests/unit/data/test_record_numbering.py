"""One numbering for records without ``data.id_column`` in every reader (docs/guide.md, "How
records are numbered"): ``row-N``, N = the file row (header = row 1; JSON lines: line 1 = row 1),
``record-N`` for SDF; findings' ``rows`` are 0-based positions. A file column called ``ID`` that is
not declared must never be confused with these. Blank table rows are left out only with a count
(a finding naming their file rows, ``notes["skipped"]`` -> skipped.csv), in training, predict and
evaluate alike."""

from __future__ import annotations

import json

import pytest

from mednn.config import DataConfig
from mednn.data.readers import read_dataset
from mednn.runs import side_tables


def _read(path, fmt, labels=True, **keys):
    return read_dataset(DataConfig(format=fmt, path=str(path), **keys), labels=labels)


def test_tables_notes_and_molecules_name_rows_alike(tmp_path):
    # each file holds an undeclared ID column 0, 1, 2 that reads like an id but is no row number
    (tmp_path / "t.csv").write_text("ID,x,y\n0,1.5,0\n1,2.5,1\n2,3.5,0\n")
    (tmp_path / "n.csv").write_text("ID,text,y\n0,fever and cough,a\n1,,b\n2,ankle sprain,b\n")
    (tmp_path / "m.csv").write_text("ID,smiles,y\n0,CCO,0\n1,CCN,1\n2,c1ccccc1,0\n")
    want = ["row-2", "row-3", "row-4"]
    for labels in (True, False):
        table = _read(tmp_path / "t.csv", "csv", labels, label="y", feature_columns=["x"])
        assert list(table.ids) == want
        mols = _read(tmp_path / "m.csv", "smiles", labels, label="y")
        assert list(mols.ids) == want
        notes = _read(tmp_path / "n.csv", "text", labels, label="y", text_columns="text", empty_text="drop")
        assert list(notes.ids) == ["row-2", "row-4"]  # the empty note (file row 3) left out, counted
        assert [f.rows for f in notes.findings if f.id == "empty_text_dropped"] == [(1,)]  # 0-based position


def test_json_lines_and_sdf_records(tmp_path):
    lines = [{"text": "fever", "y": "a"}, {"text": "sprain", "y": "b"}]
    (tmp_path / "n.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines))
    assert list(_read(tmp_path / "n.jsonl", "text", label="y").ids) == ["row-1", "row-2"]  # no header line

    Chem = pytest.importorskip("rdkit.Chem")
    writer = Chem.SDWriter(str(tmp_path / "m.sdf"))
    for smiles, value in (("CCO", 0.5), ("CCN", 1.5)):
        mol = Chem.MolFromSmiles(smiles)
        mol.SetProp("y", str(value))
        writer.write(mol)
    writer.close()
    for labels in (True, False):
        assert list(_read(tmp_path / "m.sdf", "sdf", labels, label="y").ids) == ["record-1", "record-2"]


def test_invalid_molecules_are_listed_by_file_row(tmp_path):
    pytest.importorskip("rdkit")
    (tmp_path / "m.csv").write_text("smiles,y\nCCO,0\nC1CC,1\nCCN,1\nCCC,0\n")
    for labels in (True, False):
        ds = _read(tmp_path / "m.csv", "smiles", labels, label="y")
        assert [e["row"] for e in ds.notes["invalid_molecules"]] == [3]
        assert "row-3" not in list(ds.ids) and list(ds.ids)[:2] == ["row-2", "row-4"]
    trained = _read(tmp_path / "m.csv", "smiles", True, label="y")
    finding = next(f for f in trained.findings if f.id == "skipped_inputs")
    assert finding.rows == (1,) and "row 3" in finding.message  # 0-based position; the message's file row


@pytest.mark.parametrize("blank", [",,\n", "\n"])
def test_a_blank_table_row_is_counted_never_silently_dropped(tmp_path, blank):
    path = tmp_path / "t.csv"
    path.write_text("a,b,y\n1,2,0\n3,4,1\n" + blank + "5,6,0\n7,8,1\n")
    for labels in (True, False):
        with pytest.warns(UserWarning, match=r"1 of 5 rows are blank .*\(row 4\)"):
            ds = _read(path, "csv", labels, label="y")
        assert list(ds.ids) == ["row-2", "row-3", "row-5", "row-6"]
        assert ds.notes["skipped"] == [{"id": "row-4", "path": "t.csv", "reason": "blank row (every cell empty)"}]
        finding = next(f for f in ds.findings if f.id == "skipped_inputs")
        assert finding.removed and finding.count == 1 and finding.rows == (2,)
        assert side_tables(ds)["skipped.csv"].splitlines()[1] == "row-4,t.csv,blank row (every cell empty)"
