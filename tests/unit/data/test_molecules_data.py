"""Molecule readers (smiles / sdf), standardisation, scaffold split and overlap report."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("rdkit")

from rdkit import Chem  # noqa: E402
from rdkit.Chem.Scaffolds import MurckoScaffold  # noqa: E402

from mednn.config import DataConfig  # noqa: E402
from mednn.data.molecules import (  # noqa: E402
    Standardizer,
    bemis_murcko_scaffold,
    scaffold_overlap,
    scaffold_split,
)
from mednn.data.readers import read_dataset  # noqa: E402
from mednn.data.splits import split_indices  # noqa: E402
from mednn.errors import ConfigError, DataError  # noqa: E402

# drug-like molecules with a spread of scaffolds (several share benzene / pyridine / none)
SMILES = [
    "CC(=O)Oc1ccccc1C(=O)O", "CC(C)Cc1ccc(C(C)C(=O)O)cc1", "CN1C=NC2=C1C(=O)N(C(=O)N2C)C",
    "CC(=O)Nc1ccc(O)cc1", "OC(=O)c1ccccc1O", "c1ccc2ccccc2c1", "CCO", "CCCCO", "CCN(CC)CC",
    "c1ccncc1", "Cc1ccncc1", "O=C(O)c1cccnc1", "C1CCCCC1", "CC1CCCCC1", "OC1CCCCC1",
    "c1ccc(cc1)C1CCNCC1", "COc1ccc(cc1)C1CCNCC1", "c1ccc2[nH]ccc2c1", "Cc1c[nH]c2ccccc12",
    "O=C1CCCN1", "CC(C)NCC(O)COc1cccc2ccccc12", "Clc1ccc(cc1)C(c1ccccc1)N1CCNCC1",
    "CN1CCC[C@H]1c1cccnc1", "NC(=O)c1ccccc1", "Fc1ccccc1", "Brc1ccccc1", "CCOC(=O)C",
    "OCC(O)CO", "c1ccoc1", "Cc1ccco1", "c1ccsc1", "Cc1cccs1",
]


def write_csv(tmp_path, rows, header="smiles,y", name="mols.csv"):
    path = tmp_path / name
    path.write_text(header + "\n" + "\n".join(rows) + "\n")
    return path


def read(path, **kw):
    return read_dataset(DataConfig(format="smiles", path=str(path), **kw))


def test_standardizer_strips_salts_neutralises_and_canonicalises():
    std = Standardizer()
    smiles, reason = std("[Na+].CC(=O)[O-]")
    assert reason is None and smiles == Chem.CanonSmiles("CC(=O)O")
    assert std("OCC")[0] == std("C(O)C")[0] == "CCO"
    assert std("")[0] is None and std("")[1] == "empty SMILES"
    smiles, reason = std("C1CC")
    assert smiles is None and "ring" in reason.lower()
    smiles, reason = std("CN(C)(C)(C)C")  # pentavalent neutral nitrogen
    assert smiles is None and "valence" in reason.lower()


def test_a_refused_molecule_is_a_reason_not_an_rdkit_line_on_the_console(capfd):
    # trial 14: 'Explicit valence for atom # 8 O, 4, is greater than permitted' reached stderr
    # beside mednn's own skipped_inputs line
    std = Standardizer()
    std("CCO")  # the first call routes RDKit's log through Python
    smiles, reason = std("c1ccccc1N(=O)=O=O")
    assert smiles is None and "valence" in reason.lower()
    assert "valence" not in capfd.readouterr().err.lower()


def test_binary_reader_with_invalid_and_empty_smiles_skips_and_reports(tmp_path):
    rows = [f"{s},{i % 2}" for i, s in enumerate(SMILES[:10])] + ["C1CC,1", ",0", "CN(C)(C)(C)C,1"]
    ds = read(write_csv(tmp_path, rows))
    assert ds.task.kind == "binary" and ds.task.class_names == ("0", "1")
    assert len(ds) == 10 and ds.modality == "molecules"
    assert ds.targets.dtype == np.int64
    invalid = ds.notes["invalid_molecules"]
    assert [r["row"] for r in invalid] == [12, 13, 14]  # file rows, header = row 1
    assert invalid[0]["smiles"] == "C1CC" and invalid[1]["reason"] == "empty SMILES"
    assert all(r["reason"] for r in invalid)
    assert ds.ids.tolist() == [f"row-{r}" for r in range(2, 12)]  # file rows, as the table reader names them
    # inputs are canonical SMILES, groups their scaffolds
    assert ds.inputs[0] == Chem.CanonSmiles(SMILES[0])
    assert ds.groups[0] == MurckoScaffold.MurckoScaffoldSmiles(SMILES[0])


def test_on_invalid_fail_names_the_row(tmp_path):
    path = write_csv(tmp_path, ["CCO,1", "C1CC,0", "CCN,1"])
    with pytest.raises(DataError, match="row 3"):  # the file row (header = row 1)
        read(path, on_invalid="fail")


def test_missing_smiles_column_and_unknown_option(tmp_path):
    path = write_csv(tmp_path, ["CCO,1", "CCN,0"], header="structure,y")
    with pytest.raises(DataError, match="smiles_column"):
        read(path)
    assert len(read(path, smiles_column="structure")) == 2
    with pytest.raises(DataError, match="'nope' not found"):
        read(path, smiles_column="nope")
    with pytest.raises(ConfigError, match="data.on_invalide"):
        read(path, smiles_column="structure", on_invalide="skip")


def test_smiles_column_auto_detects_mol(tmp_path):
    ds = read(write_csv(tmp_path, ["CCO,1", "CCN,0", "CCC,1"], header="mol,Class"))
    assert ds.notes["smiles_column"] == "mol" and ds.task.kind == "binary"


def test_multitask_missing_labels_become_nan_and_empty_task_fails(tmp_path):
    rows = ["CCO,1,0", "CCN,,1", "c1ccccc1,0,", "CCC,1,1"]
    ds = read(write_csv(tmp_path, rows, header="smiles,a,b"))
    assert ds.task.kind == "multilabel" and ds.task.class_names == ("a", "b")
    assert ds.targets.dtype == np.float32
    np.testing.assert_array_equal(np.isnan(ds.targets), [[0, 0], [1, 0], [0, 1], [0, 0]])
    np.testing.assert_array_equal(ds.label_mask().sum(0), [3, 3])
    empty = write_csv(tmp_path, ["CCO,1,", "CCN,0,"], header="smiles,a,b", name="empty.csv")
    with pytest.raises(DataError, match="every label of column 'b' is missing"):
        read(empty)
    # only the labelled task: fine
    assert read(empty, label="a").task.kind == "binary"


def test_rows_without_label_are_dropped_and_listed(tmp_path):
    ds = read(write_csv(tmp_path, ["CCO,1", "CCN,", "CCC,0", "CCCC,1"]))
    assert len(ds) == 3 and ds.notes["unlabelled_rows"] == [3]


def test_regression_and_task_inference(tmp_path):
    ds = read(write_csv(tmp_path, ["CCO,-0.5", "CCN,1.25", "CCC,3"], header="smiles,logS"))
    assert ds.task.kind == "regression" and ds.targets.shape == (3, 1)
    np.testing.assert_allclose(ds.targets[:, 0], [-0.5, 1.25, 3])
    # an explicit task wins over inference
    ds = read(write_csv(tmp_path, ["CCO,1", "CCN,0", "CCC,1"], name="b.csv"), task="regression")
    assert ds.task.kind == "regression"
    with pytest.raises(DataError, match="non-numeric"):
        read(write_csv(tmp_path, ["CCO,1,x", "CCN,0,2"], header="smiles,a,b", name="c.csv"))


def test_class_name_labels_and_positive_class(tmp_path):
    ds = read(write_csv(tmp_path, ["CCO,toxic", "CCN,safe", "CCC,toxic"]), positive_class="toxic")
    assert ds.task.class_names == ("safe", "toxic") and ds.targets.tolist() == [1, 0, 1]


def test_duplicates_reported_and_policy(tmp_path):
    # two spellings of one molecule are duplicates; its sodium salt is another compound (a salt form)
    path = write_csv(tmp_path, ["CC(=O)O,1", "OC(C)=O,1", "CCN,0", "[Na+].CC(=O)[O-],1"])
    ds = read(path)
    assert len(ds) == 4 and ds.notes["duplicates"] == [{"smiles": "CC(=O)O", "rows": [2, 3]}]
    assert [f.rows for f in ds.findings if f.id == "salt_forms"] == [(0, 1, 3)]
    assert len(read(path, duplicates="first")) == 3  # the older spelling of keep_first
    with pytest.raises(DataError, match="rows 3"):
        read(path, duplicates="refuse")


def test_no_standardisation_keeps_salts(tmp_path):
    ds = read(write_csv(tmp_path, ["[Na+].CC(=O)[O-],1", "CCN,0"]), standardize=False)
    assert "." in ds.inputs[0]


def test_sdf_reader_takes_targets_from_properties(tmp_path):
    path = tmp_path / "mols.sdf"
    writer = Chem.SDWriter(str(path))
    for i, s in enumerate(["CCO", "c1ccccc1O", "CCN"]):
        mol = Chem.MolFromSmiles(s)
        mol.SetProp("_Name", f"m{i}")
        mol.SetProp("activity", str(0.5 * i))
        if i != 1:
            mol.SetProp("tox", str(i % 2))
        writer.write(mol)
    writer.close()
    ds = read_dataset(DataConfig(format="sdf", path=str(path), label="activity"))
    assert ds.task.kind == "regression" and len(ds) == 3
    np.testing.assert_allclose(ds.targets[:, 0], [0.0, 0.5, 1.0])
    assert ds.inputs[1] == Chem.CanonSmiles("Oc1ccccc1")
    ds = read_dataset(DataConfig(format="sdf", path=str(path), label="tox"))
    assert len(ds) == 2 and ds.notes["unlabelled_rows"] == [2]
    with pytest.raises(DataError, match="property 'nope'"):
        read_dataset(DataConfig(format="sdf", path=str(path), label="nope"))


def test_sdf_reader_reports_unreadable_record(tmp_path):
    good = Chem.MolToMolBlock(Chem.MolFromSmiles("CCO"))
    bad = good.replace("  3  2  0", "  3  9  0")  # bond count larger than the block holds
    path = tmp_path / "broken.sdf"
    path.write_text(good + "> <y>\n1\n\n$$$$\n" + bad + "> <y>\n0\n\n$$$$\n" + good + "> <y>\n0\n\n$$$$\n")
    ds = read_dataset(DataConfig(format="sdf", path=str(path), label="y", task="regression"))
    assert len(ds) == 2 and [r["row"] for r in ds.notes["invalid_molecules"]] == [2]
    assert ds.notes["invalid_molecules"][0]["reason"]


def _dataset(tmp_path):
    rows = [f"{s},{i % 2}" for i, s in enumerate(SMILES)]
    return read(write_csv(tmp_path, rows))


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 7])
def test_scaffold_split_never_shares_a_scaffold(tmp_path, seed):
    ds = _dataset(tmp_path)
    parts = scaffold_split(ds, 0.2, 0.2, seed)
    assert sorted(np.concatenate(list(parts.values())).tolist()) == list(range(len(ds)))
    scaffold = np.array([bemis_murcko_scaffold(s) for s in ds.inputs])
    sets = {k: set(scaffold[v]) for k, v in parts.items()}
    assert not sets["train"] & sets["val"] and not sets["train"] & sets["test"] and not sets["val"] & sets["test"]
    overlap = scaffold_overlap(ds, parts)
    assert all(v["scaffolds"] == 0 for v in overlap["shared"].values())
    # deterministic for a seed
    again = scaffold_split(ds, 0.2, 0.2, seed)
    assert all(np.array_equal(parts[k], again[k]) for k in parts)


def test_scaffold_split_balanced_sizes_and_big_sets_in_train(tmp_path):
    ds = _dataset(tmp_path)
    n = len(ds)
    parts = scaffold_split(ds, 0.2, 0.2, 0)
    assert len(parts["train"]) <= int(0.6 * n) and len(parts["val"]) <= int(0.2 * n)
    # the benzene scaffold is the biggest set (> half of val): it must be in train
    benzene = [i for i, s in enumerate(ds.inputs) if bemis_murcko_scaffold(s) == "c1ccccc1"]
    assert len(benzene) > 0.2 * n / 2 and set(benzene) <= set(parts["train"].tolist())
    seeds = {tuple(scaffold_split(ds, 0.2, 0.2, s)["test"]) for s in range(5)}
    assert len(seeds) > 1  # the seed changes the small sets' order


def test_scaffold_split_is_registered_and_overlap_counts_a_random_split(tmp_path):
    ds = _dataset(tmp_path)
    parts = split_indices(ds, "scaffold", 0.2, 0.2, seed=1)
    assert scaffold_overlap(ds, parts)["shared"]["train-test"]["scaffolds"] == 0
    rand = split_indices(ds, "random", 0.2, 0.2, seed=1)
    overlap = scaffold_overlap(ds, rand)
    shared = set(ds.groups[rand["train"]]) & set(ds.groups[rand["test"]])
    assert overlap["shared"]["train-test"]["scaffolds"] == len(shared) > 0
    expected = sum(g in shared for g in ds.groups[rand["test"]])
    assert overlap["shared"]["train-test"]["molecules_in_test"] == expected


def test_an_sdf_to_score_with_a_smiles_run_is_read_as_sdf(tmp_path):
    # trial 14: `mednn predict RUN egfr.sdf` on a run trained on a SMILES CSV read the SDF as a CSV:
    # 'no SMILES column found ... columns: ZINC02640583' (the first record's name as a header)
    from types import SimpleNamespace

    from mednn.predictor import Predictor

    writer = Chem.SDWriter(str(tmp_path / "new.sdf"))
    for i, smiles in enumerate(["CCO", "c1ccccc1O"]):
        mol = Chem.MolFromSmiles(smiles)
        mol.SetProp("_Name", f"ZINC{i}")
        mol.SetProp("chembl_id", f"C{i}")
        writer.write(mol)
    writer.close()
    base = DataConfig(format="smiles", path=str(tmp_path / "train.csv"), label="pIC50", id_column="chembl_id",
                      smiles_column="smiles")
    owner = SimpleNamespace(data_config=base, featurizer=SimpleNamespace(reader_settings=lambda cfg: {}))
    cfg = Predictor._reader_config(owner, tmp_path / "new.sdf", labels=False)
    assert cfg.format == "sdf" and "smiles_column" not in cfg.options
    ds = read_dataset(cfg, labels=False)
    assert list(ds.ids) == ["C0", "C1"] and list(ds.inputs) == ["CCO", "Oc1ccccc1"]


def test_a_smiles_table_to_score_with_an_sdf_run_is_read_as_a_smiles_table(tmp_path):
    # fix16a: the Predictor asks the molecule readers' sniff as it asks the image readers' (one
    # path); a run trained on an SDF read a CSV of SMILES as an SDF: 'holds no molecule records'
    from types import SimpleNamespace

    from mednn.predictor import Predictor

    (tmp_path / "new.csv").write_text("smiles,name\nCCO,a\nc1ccccc1O,b\n")
    base = DataConfig(format="sdf", path=str(tmp_path / "train.sdf"), label="pIC50")
    owner = SimpleNamespace(data_config=base, featurizer=SimpleNamespace(reader_settings=lambda cfg: {}))
    cfg = Predictor._reader_config(owner, tmp_path / "new.csv", labels=False)
    assert cfg.format == "smiles"
    ds = read_dataset(cfg, labels=False)
    assert list(ds.ids) == ["row-2", "row-3"] and list(ds.inputs) == ["CCO", "Oc1ccccc1"]


def test_the_files_own_ids_name_the_molecules_without_data_id_column(tmp_path):
    """Trial 15: an SDF's titles and a CSV's chembl_id column were not the predictions' ids
    (record-1, row-2) unless data.id_column was set; now they are, when every record has one,
    no two are alike and none reads as a SMILES (test failed before: ids were record-1 ...)."""
    def sdf(name, titles):
        writer = Chem.SDWriter(str(tmp_path / name))
        for i, (smiles, title) in enumerate(zip(["CCO", "c1ccccc1O", "CCN"], titles)):
            mol = Chem.MolFromSmiles(smiles)
            mol.SetProp("_Name", title)
            mol.SetProp("y", str(0.5 * i))
            writer.write(mol)
        writer.close()
        return str(tmp_path / name)

    ds = read_dataset(DataConfig(format="sdf", path=sdf("t.sdf", ["ZINC03814457", "ZINC0007", "CHEMBL25"]),
                                 label="y", task="regression"))
    assert list(ds.ids) == ["ZINC03814457", "ZINC0007", "CHEMBL25"]
    assert list(read_dataset(DataConfig(format="sdf", path=str(tmp_path / "t.sdf")), labels=False).ids)[0] == \
        "ZINC03814457"
    for titles in (["CCO", "Oc1ccccc1", "CCN"], ["a", "a", "b"], ["a", "", "b"], ["1", "2", "3"]):  # SMILES, repeated, missing, a row counter
        path = sdf("u.sdf", titles)
        assert list(read_dataset(DataConfig(format="sdf", path=path, label="y", task="regression")).ids) == \
            ["record-1", "record-2", "record-3"]

    write_csv(tmp_path, ["CCO,CHEMBL545,1.0", "c1ccccc1O,CHEMBL14060,0.5"], header="smiles,chembl_id,pIC50")
    ds = read_dataset(DataConfig(format="smiles", path=str(tmp_path / "mols.csv"), label="pIC50", task="regression"))
    assert list(ds.ids) == ["CHEMBL545", "CHEMBL14060"]
    write_csv(tmp_path, ["CCO,CCO,1.0", "c1ccccc1O,Oc1ccccc1,0.5"], header="smiles,compound_id,pIC50")
    ds = read_dataset(DataConfig(format="smiles", path=str(tmp_path / "mols.csv"), label="pIC50", task="regression"))
    assert list(ds.ids) == ["row-2", "row-3"]  # a column of SMILES is never an id
