"""The CLI end to end on a small SMILES table: format detection, scaffold split, prediction of
unlabelled molecules with an invalid one listed rather than dropped."""

import json

import pandas as pd
import pytest

from .conftest import FAST

RINGS = ["c1ccccc1", "C1CCCCC1", "c1ccncc1", "C1CCNCC1", "c1ccoc1", "C1CCOC1", "c1ccsc1", "c1cnccn1"]
CHAINS = ["C", "CC", "CCC", "CCCC", "CCCCC"]


def _table():
    rows = []
    for ring in RINGS:
        for chain in CHAINS:
            for tail, active in (("O", 1), ("N", 1), ("C", 0), ("F", 0)):
                rows.append({"smiles": f"{ring}{chain}{tail}", "active": active})
    return pd.DataFrame(rows)


def test_train_and_predict_molecules(cli, tmp_path):
    path = tmp_path / "mols.csv"
    _table().to_csv(path, index=False)
    out = tmp_path / "run"
    code, _, err = cli("train", "--data", path, "--out", out, *FAST, "--set", "data.label=active",
                       "--set", "model.hidden_sizes=[32]")
    assert code == 0, err
    data = json.loads((out / "data.json").read_text())
    assert data["modality"] == "molecules" and data["split_method"] == "scaffold"
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["test"]["auroc"]["value"] > 0.8

    new = pd.DataFrame({"smiles": ["c1ccccc1CCO", "not a molecule", "C1CCCCC1CC"]})
    new.to_csv(tmp_path / "new.csv", index=False)
    code, stdout, err = cli("predict", out, tmp_path / "new.csv", "--out", tmp_path / "pred.csv")
    assert code == 0, err
    pred = pd.read_csv(tmp_path / "pred.csv")
    assert list(pred["id"]) == ["row-2", "row-4"]  # file rows, header = row 1, as for tables
    skipped = pd.read_csv(tmp_path / "pred.invalid_molecules.csv")
    assert list(skipped["row"]) == [3] and list(skipped["id"]) == ["row-3"]

    # evaluate: the message says where the invalid molecule is listed, and it is listed there
    site = _table().head(12)
    site.loc[1, "smiles"] = "C1CC"
    site.to_csv(tmp_path / "site.csv", index=False)
    with pytest.warns(UserWarning) as shown:
        code, _, err = cli("evaluate", out, "--data", tmp_path / "site.csv", "--out", tmp_path / "ev.json")
    assert code == 0, err
    err = " ".join(str(w.message) for w in shown)
    assert "(first: row 3)" in err and "an evaluation's JSON" in err
    evaluation = json.loads((tmp_path / "ev.json").read_text())
    assert [(e["row"], e["smiles"]) for e in evaluation["invalid_molecules"]] == [(3, "C1CC")]
    assert [f["rows"] for f in evaluation["findings"] if f["id"] == "skipped_inputs"] == [[1]]  # 0-based


def test_serve_molecules_in_batches_with_invalid_ones_counted(cli, tmp_path):
    import asyncio

    import numpy as np
    import pytest

    pytest.importorskip("fastapi")
    import httpx

    from mednn.serving import make_app

    path = tmp_path / "mols.csv"
    _table().to_csv(path, index=False)
    out = tmp_path / "run"
    assert cli("train", "--data", path, "--out", out, *FAST, "--set", "data.label=active",
               "--set", "model.hidden_sizes=[32]")[0] == 0
    new = pd.DataFrame({"smiles": ["c1ccccc1CCO", "not a molecule", "C1CCCCC1CC"]})
    new.to_csv(tmp_path / "new.csv", index=False)
    assert cli("predict", out, tmp_path / "new.csv", "--out", tmp_path / "pred.csv")[0] == 0
    filed = pd.read_csv(tmp_path / "pred.csv")

    async def burst():
        app = make_app(out)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as ac:
            bodies = [{"records": [{"smiles": s} for s in new["smiles"]]},
                      {"records": [{"smiles": "not a molecule"}]},  # nothing readable: its own error
                      {"records": [{"smiles": "C1CCCCC1CC"}]},
                      {"records": [{"smiles": 42}]}]
            return await asyncio.gather(*(ac.post("/predict", json=b) for b in bodies))

    whole, invalid, single, number = asyncio.run(burst())
    assert whole.status_code == 200 and whole.json()["skipped"] == 1
    # which record was left out and why, by its index in the request, never its SMILES (issue 19)
    left = whole.json()["skipped_records"]
    assert [r["record"] for r in left] == [1] and left[0]["reason"].startswith("SMILES Parse Error")
    assert "not a molecule" not in whole.text and single.json()["skipped_records"] == []
    assert [p["record"] for p in whole.json()["predictions"]] == [0, 2]
    served = [p["p:1"] for p in whole.json()["predictions"]]
    assert np.allclose(served, filed["p:1"], atol=1e-6)
    assert invalid.status_code == 422 and "no valid molecule" in invalid.text and "not a molecule" not in invalid.text
    assert single.status_code == 200 and single.json()["predictions"][0]["p:1"] == pytest.approx(served[1], abs=1e-6)
    assert number.status_code == 422 and "column 'smiles'" in number.text
