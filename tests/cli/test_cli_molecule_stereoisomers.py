"""predict says once when stereoisomers of its file get identical inputs from the run's featurizer
(trial 12: L- and D-alanine got one prediction and no word); counts and rows, never a SMILES, and
nothing when the featurizer encodes stereo (ecfp with use_chirality)."""

import pandas as pd
import pytest

from mednn.findings import FindingWarning

from .conftest import FAST
from .test_cli_molecules import _table

NEW = ["C[C@H](N)C(=O)O", "C[C@@H](N)C(=O)O", "c1ccccc1CCO", "C[C@@H](O)CC", "C[C@H](O)CC"]


@pytest.mark.parametrize("chirality", [False, True])
def test_stereoisomers_alike_is_said_once_when_the_featurizer_ignores_stereo(cli, tmp_path, recwarn, chirality):
    _table().to_csv(tmp_path / "mols.csv", index=False)
    code, _, err = cli("train", "--data", tmp_path / "mols.csv", "--out", tmp_path / "run", *FAST,
                       "--set", "data.label=active", "--set", "model.hidden_sizes=[16]", "--set", "featurize.name=ecfp",
                       "--set", f"featurize.use_chirality={str(chirality).lower()}")
    assert code == 0, err
    pd.DataFrame({"smiles": NEW}).to_csv(tmp_path / "new.csv", index=False)
    code, _, err = cli("predict", tmp_path / "run", tmp_path / "new.csv", "--out", tmp_path / "p.csv")
    assert code == 0, err
    found = [w for w in recwarn if "[stereoisomers_alike]" in str(w.message)]
    lines = [str(w.message) for w in found]
    # through the one formatter (Finding.warn), as every other finding line of predict
    assert all(issubclass(w.category, FindingWarning) for w in found)
    pred = pd.read_csv(tmp_path / "p.csv")
    same = bool(pred.loc[0, "p:1"] == pred.loc[1, "p:1"])
    assert same != chirality  # the features themselves are unchanged: the line says what they cannot see
    if chirality:
        assert lines == []
    else:
        assert len(lines) == 1 and "2 groups of stereoisomers (4 molecules: row-2, row-3, row-5, row-6)" in lines[0]
        assert "featurizer (ecfp)" in lines[0] and "use_chirality: true" in lines[0]
        assert not any(s in lines[0] for s in NEW)
