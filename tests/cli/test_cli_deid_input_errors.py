"""`mednn deid` input errors: one line that names what the user types to fix them."""


def test_a_row_with_more_fields_than_the_header_is_refused_not_truncated(cli, tmp_path):
    # pandas would read the extra first field as the row index: the note's first part silently lost
    src = tmp_path / "unquoted.csv"
    src.write_text("text\nSeen by Dr. Ann Lee, stable.\nFollow up.\n", encoding="utf-8")
    out = tmp_path / "x.csv"
    code, _, err = cli("deid", src, "--out", out)
    assert code == 2 and "more fields than the header" in err and "Ann Lee" not in err and not out.exists()


def test_the_encoding_error_names_the_deid_flag(cli, tmp_path):
    src = tmp_path / "latin.csv"
    src.write_bytes("text\n\"Caf\xe9 visit, stable.\"\n".encode("latin-1"))
    code, _, err = cli("deid", src, "--out", tmp_path / "x.csv")
    assert code == 2 and "--encoding" in err and "data.encoding" not in err
    code, _, err = cli("deid", src, "--out", tmp_path / "x.csv", "--encoding", "latin-1")
    assert code == 0, err
