"""`mednn inspect` of a multi-task molecule table: a blank label is unknown, so two copies of a
molecule whose known labels agree are not "carrying different labels" (trial 6, defect 6)."""


def test_the_cli_inspect_of_a_molecule_table_with_a_blank_label(cli, tmp_path):
    path = tmp_path / "mini.csv"
    rows = ["smiles,a,b", "CCO,1,", "CCO,1,0"] + [f"{'C' * k}N,{k % 2},{(k // 2) % 2}" for k in range(1, 30)]
    path.write_text("\n".join(rows) + "\n")
    common = ["--set", "data.label=[a,b]", "--set", "data.task=multilabel", "--set", "split.method=random",
              "--no-label-issues"]
    code, stdout, err = cli("inspect", "--data", path, *common)
    assert code == 0, err
    assert "carry different labels" not in stdout + err
    code, stdout, err = cli("inspect", "--data", path, *common, "--set", "data.duplicates=drop_conflicting")
    assert code == 0, err
    assert "carry different labels" not in stdout + err and "1 molecule was a copy" in stdout + err
