"""Training names stereoisomers its featurizer makes one input (trial 18): on BACE, 27 groups of
stereoisomers (16 with different labels) became identical ECFP inputs and the run said nothing,
while `predict` names such groups (`stereoisomers_alike`, trial 12)."""

import pandas as pd
import pytest

from mednn.config import load_config
from mednn.pipeline import prepare

PAIRS = [("C[C@H](N)C(=O)O", "C[C@@H](N)C(=O)O"), ("C[C@@H](O)CC", "C[C@H](O)CC")]
RINGS = ["c1ccccc1", "C1CCCCC1", "c1ccncc1", "C1CCNCC1", "c1ccoc1"]


def _table():
    rows = [{"smiles": f"{ring}{chain}{tail}", "active": int(tail in "ON")}
            for ring in RINGS for chain in ("C", "CC", "CCC") for tail in ("O", "N", "C", "F")]
    rows += [{"smiles": s, "active": label} for pair in PAIRS for s, label in zip(pair, (1, 0))]
    return pd.DataFrame(rows)


@pytest.mark.parametrize("chirality", [False, True])
def test_prepare_names_stereoisomers_the_featurizer_cannot_tell_apart(tmp_path, chirality):
    _table().to_csv(tmp_path / "mols.csv", index=False)
    cfg = load_config(None, [f"data.path={tmp_path / 'mols.csv'}", "data.label=active", "featurize.name=ecfp",
                             f"featurize.use_chirality={str(chirality).lower()}", "split.method=random"])
    prepared = prepare(cfg, tmp_path / "run")
    found = [f for f in prepared.findings if f.id == "stereoisomers_alike"]
    if chirality:
        assert found == []
    else:
        assert len(found) == 1 and found[0].count == 2 and len(found[0].rows) == 4
        assert not any(s in found[0].message for pair in PAIRS for s in pair)
