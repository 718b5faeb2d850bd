"""`mednn train` under torchrun refuses what cannot train data-parallel in one line, before
reading data or writing anything (the two-process runs are in tests/integration/test_ddp.py)."""


def test_cli_refuses_dp_under_torchrun_in_one_line(cli, monkeypatch, tmp_path):
    for key, value in {"RANK": "0", "WORLD_SIZE": "2", "LOCAL_RANK": "0"}.items():
        monkeypatch.setenv(key, value)
    code, out, err = cli("train", "--data", "breast-cancer", "--set", "privacy.dp=true", "--out", tmp_path / "r")
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "privacy.dp cannot train under torchrun" in err
    assert not (tmp_path / "r").exists()
