"""Trial 5: a PNG named .csv sent to an image run was "Manifest ... not a readable CSV
(UnicodeDecodeError)": a Python exception name and no fix. The message now says what the file is."""

from mednn.data.limits import unreadable_csv

PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def test_a_png_named_csv_is_named_as_a_png(tmp_path):
    path = tmp_path / "scan.csv"
    path.write_bytes(PNG)
    line = unreadable_csv(path, UnicodeDecodeError("utf-8", b"", 0, 1, "invalid"), "Manifest", fix="pass a folder")
    assert "it looks like a PNG image" in line and line.endswith("fix: pass a folder")
    assert "UnicodeDecodeError" not in line and "\n" not in line


def test_text_in_another_encoding_and_a_parse_error_say_their_fix(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("a,b\n\xe9,1\n".encode("latin-1"))
    assert "not UTF-8 text; fix: save it as UTF-8" in unreadable_csv(path, UnicodeDecodeError("utf-8", b"", 0, 1, "x"))
    assert "delimiter" in unreadable_csv(path, ValueError("tokenizing"))

