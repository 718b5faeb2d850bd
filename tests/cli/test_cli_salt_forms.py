"""`mednn inspect` of a solubility table with NaBr, KBr and LiBr: named salt forms of one
parent, not "identical molecules" (trial 6, defect 7)."""

import pandas as pd


def test_inspect_names_salt_forms_not_duplicates(cli, tmp_path):
    smiles = ["[Na+].[Br-]", "[K+].[Br-]", "[Li+].[Br-]", "C1CNCCN1", "C1CNCCN1.Cl"] + [f"C{'C' * k}O" for k in range(25)]
    path = tmp_path / "sol.csv"
    pd.DataFrame({"smiles": smiles, "logS": [0.1 * i for i in range(len(smiles))]}).to_csv(path, index=False)
    code, stdout, err = cli("inspect", "--data", path, "--set", "data.label=logS", "--set", "split.method=random",
                            "--no-label-issues")
    assert code == 0, err
    assert "[salt_forms] 2 parent structures" in stdout and "data.standardize: false" in stdout
    assert "repeat another sample" not in stdout and "carry different labels" not in stdout
