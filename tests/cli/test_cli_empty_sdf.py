"""An empty SDF (or one RDKit cannot open) is one line naming the file, exit 2 (trial 16: `mednn
predict RUN empty.sdf` and `mednn train --data empty.sdf` said "a file of this command: OSError;
fix: check the disk and the path", naming neither the file nor what was wrong)."""

import pytest


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_an_empty_sdf_is_named_in_one_line(cli, tmp_path, content):
    pytest.importorskip("rdkit")
    path = tmp_path / "empty.sdf"
    path.write_bytes(content)
    code, out, err = cli("train", "--data", path, "--set", "data.label=pIC50", "--out", tmp_path / "run")
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "empty.sdf" in err and "OSError" not in err and "empty" in err.split("fix:")[0]
    assert not (tmp_path / "run").exists()
