"""`mednn deid` input errors: one line that names what the user types to fix them."""


def test_a_row_with_more_fields_than_the_header_is_refused_not_truncated(cli, tmp_path):
    # pandas would read the extra first field as the row index: the note's first part silently lost
    src = tmp_path / "unquoted.csv"
    src.write_text("text\nSeen by Dr. Ann Lee, stable.\nFollow up.\n", encoding="utf-8")
    out = tmp_path / "x.csv"
    code, _, err = cli("deid", src, "--out", out)
    assert code == 2 and "more fields than the header" in err and "Ann Lee" not in err and not out.exists()
