"""Real-world molecule files: organometallics, salts, charged species and molecules whose
standardised SMILES would not parse again are kept (parsable) or listed as invalid, never a crash."""

import numpy as np
import pytest

pytest.importorskip("rdkit")

from mednn.config import load_config  # noqa: E402
from mednn.data.molecules import Standardizer  # noqa: E402
from mednn.data.readers import read_dataset  # noqa: E402
from mednn.featurizers import build_featurizer  # noqa: E402

CASES = {
    "ferrocene": "[Fe+2].c1cc[cH-]c1.c1cc[cH-]c1",  # standardised to c1cccc1 before the fix
    "cyclopentadienide salt": "[K+].[cH-]1cccc1",
    "cyclopentadienyl anion": "C1=CC=C[CH-]1",
    "sodium acetate": "[Na+].CC(=O)[O-]",
    "tetramethylammonium chloride": "[Cl-].C[N+](C)(C)C",
    "cisplatin": "N.N.Cl[Pt]Cl",
    "ethylmercury chloride": "CC[Hg]Cl",
    "gadolinium ion": "[Gd+3]",
    "pyridine N-oxide": "[O-][n+]1ccccc1",
    "benzene": "c1ccccc1",
    "aromatic five-ring as written": "c1cccc1",  # not a valid input: listed
    "pentavalent carbon": "CC(C)(C)(C)(C)C",  # listed
    "not a molecule": "this is not smiles",  # listed
    "empty": "",  # listed
}


@pytest.fixture
def molecules_csv(tmp_path):
    path = tmp_path / "molecules.csv"
    rows = ["smiles,active"] + [f'"{s}",{i % 2}' for i, s in enumerate(CASES.values())]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_standardised_smiles_parse_again():
    from rdkit import Chem

    standardize = Standardizer()
    for name in ("ferrocene", "cyclopentadienide salt", "cyclopentadienyl anion"):
        smiles, reason = standardize(CASES[name])
        assert reason is None and Chem.MolFromSmiles(smiles) is not None, name
        assert smiles == "C1=CCC=C1"  # the neutral ring, not the unparsable aromatic c1cccc1
    assert standardize(CASES["sodium acetate"])[0] == "CC(=O)O"
    assert standardize(CASES["tetramethylammonium chloride"])[0] == "C[N+](C)(C)C"  # a permanent charge stays


def test_a_failed_round_trip_is_listed_not_kept(monkeypatch):
    from rdkit import Chem

    # a standardisation that writes a SMILES no parser accepts (as RDKit did for ferrocene)
    monkeypatch.setattr(Chem, "MolToSmiles", lambda mol, *a, **k: "c1cccc1")
    smiles, reason = Standardizer()("c1ccccc1")
    assert smiles is None and "round-trip" in reason


def test_reader_skips_and_lists_and_featurizers_do_not_crash(molecules_csv):
    cfg = load_config(None, [f"data.path={molecules_csv}", "data.label=active"]).data
    dataset = read_dataset(cfg)
    invalid = dataset.notes["invalid_molecules"]
    assert sorted(entry["row"] for entry in invalid) == [12, 13, 14, 15]  # the last four (file rows, header = 1)
    assert all(entry["reason"] for entry in invalid)
    assert len(dataset) == len(CASES) - 4
    from rdkit import Chem

    assert all(Chem.MolFromSmiles(s) is not None for s in dataset.inputs)
    for name, options in (("ecfp", {}), ("maccs", {}), ("rdkit2d", {"descriptors": "fast"}), ("molgraph", {})):
        featurizer = build_featurizer(name, options).fit(dataset)
        features = featurizer.transform(dataset)
        assert len(features) == len(dataset), name
        if hasattr(features, "numpy"):
            assert np.isfinite(features.numpy()).all(), name
    graphs = build_featurizer("molgraph").fit(dataset).transform(dataset)
    batch = graphs.batch(np.arange(len(dataset)))
    assert int(batch["n_atoms"].min()) >= 1  # the lone Gd ion is one atom without bonds


def test_on_invalid_fail_still_names_rows(molecules_csv):
    from mednn.errors import DataError

    cfg = load_config(None, [f"data.path={molecules_csv}", "data.label=active", "data.on_invalid=fail"]).data
    with pytest.raises(DataError, match="row 12"):
        read_dataset(cfg)
