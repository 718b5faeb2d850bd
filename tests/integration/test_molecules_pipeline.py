"""End to end: a tiny SMILES table through mednn.pipeline.train (D-MPNN and MLP on fingerprints)."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest

pytest.importorskip("rdkit")

from mednn.config import load_config  # noqa: E402

SMILES = [
    "CC(=O)Oc1ccccc1C(=O)O", "CC(C)Cc1ccc(C(C)C(=O)O)cc1", "CN1C=NC2=C1C(=O)N(C(=O)N2C)C",
    "CC(=O)Nc1ccc(O)cc1", "OC(=O)c1ccccc1O", "c1ccc2ccccc2c1", "CCO", "CCCCO", "CCN(CC)CC",
    "c1ccncc1", "Cc1ccncc1", "O=C(O)c1cccnc1", "C1CCCCC1", "CC1CCCCC1", "OC1CCCCC1",
    "c1ccc(cc1)C1CCNCC1", "COc1ccc(cc1)C1CCNCC1", "c1ccc2[nH]ccc2c1", "Cc1c[nH]c2ccccc12",
    "O=C1CCCN1", "CC(C)NCC(O)COc1cccc2ccccc12", "Clc1ccc(cc1)C(c1ccccc1)N1CCNCC1",
    "CN1CCC[C@H]1c1cccnc1", "NC(=O)c1ccccc1", "Fc1ccccc1", "Brc1ccccc1", "CCOC(=O)C",
    "OCC(O)CO", "c1ccoc1", "Cc1ccco1", "c1ccsc1", "Cc1cccs1", "NCCc1ccccc1", "NCCc1ccc(O)cc1",
    "CCCCCCN", "CCCCCCO", "c1ccc(cc1)N", "Nc1ccncc1", "CNC(=O)c1ccccc1", "CC(N)C(=O)O",
]


def _write(tmp_path, multilabel=False):
    path = tmp_path / "mols.csv"
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["smiles", "has_n", "ring"] if multilabel else ["smiles", "has_n"])
        for i, s in enumerate(SMILES):
            has_n = int("N" in s or "n" in s)
            if multilabel:
                ring = "" if i % 7 == 0 else int(any(c.isdigit() for c in s))
                w.writerow([s, has_n, ring])
            else:
                w.writerow([s, has_n])
        w.writerow(["C1CC", 1])  # invalid: an unclosed ring
    return path


def _config(path, featurize, model, extra=()):
    return load_config(None, [
        f"data.path={path}", "data.format=smiles", "split.method=scaffold", "split.val_fraction=0.2",
        "split.test_fraction=0.2", f"featurize.name={featurize}", f"model.name={model}",
        "train.epochs=4", "train.batch_size=8", "train.threads=1", "train.progress=false",
        "evaluate.bootstrap=20", "explain.n_samples=3", *extra,
    ])


@pytest.mark.parametrize("members", [1, 2])  # 2: an ensemble, whose atom attributions flow through both
def test_dmpnn_run_directory(tmp_path, members):
    from mednn.pipeline import train
    from mednn.predictor import Predictor
    from mednn.runs import load_run

    cfg = _config(_write(tmp_path), "molgraph", "dmpnn", ["model.hidden_size=16", "model.ffn_hidden=16",
                                                          f"train.ensemble={members}"])
    run = train(cfg, tmp_path / "run")
    rows = list(csv.DictReader(open(run / "invalid_molecules.csv")))
    assert len(rows) == 1 and rows[0]["smiles"] == "C1CC" and rows[0]["row"] == str(len(SMILES) + 2)  # file row, header = 1
    data = json.loads((run / "data.json").read_text())
    assert data["invalid_molecules"] == 1
    assert data["leakage"]["shared_groups"] == {"train-val": 0, "train-test": 0, "val-test": 0}
    sections = json.loads((run / "explanations.json").read_text())
    assert sections[0]["title"] == "Atom attributions" and len(sections[0]["figures"]) == 3
    # the run rebuilds featurizer and model from its files and predicts what it reported
    loaded = load_run(run)
    from mednn.config import DataConfig
    from mednn.data.readers import read_dataset

    dataset = read_dataset(DataConfig(format="smiles", path=str(tmp_path / "mols.csv"), label="has_n"))
    prob = Predictor.from_run(loaded).predict_proba(dataset)
    predictions = {r["id"]: float(r["p:1"]) for r in csv.DictReader(open(run / "predictions.csv"))}
    for i, p in zip(dataset.ids, prob):
        if str(i) in predictions:
            assert p == pytest.approx(predictions[str(i)], abs=1e-5)


def test_mlp_on_fingerprints_and_descriptors_multilabel(tmp_path):
    from mednn.pipeline import train

    cfg = _config(_write(tmp_path, multilabel=True), "ecfp+rdkit2d", "mlp",
                  ["featurize.options={rdkit2d: {descriptors: fast}, ecfp: {n_bits: 256}}",
                   "model.hidden_sizes=[16]", "split.method=random"])
    run = train(cfg, tmp_path / "run")
    header = next(csv.reader(open(run / "predictions.csv")))
    assert {"target:has_n", "target:ring", "p:has_n", "p:ring"} <= set(header)
    assert json.loads((run / "predictor.json").read_text())["task"]["kind"] == "multilabel"
    featurizer = json.loads((run / "featurizer.json").read_text())
    assert featurizer["name"] == "ecfp+rdkit2d" and featurizer["params"]["options"]["ecfp"]["n_bits"] == 256
    assert json.loads((run / "data.json").read_text())["splits"]["train"]["n"] > 0
