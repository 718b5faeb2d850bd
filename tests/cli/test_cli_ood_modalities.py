"""Issue 19 item 4, per modality through the CLI: for a table, 2D images, 3D volumes, notes and
molecules, `mednn predict`, `mednn evaluate` and `mednn serve` return ``ood_score`` and
``out_of_distribution`` for every record; a flagged record keeps its prediction and its conformal
set is marked (``coverage_applies`` false in predict's table, a ``coverage_note`` in serve's answer,
counted apart in evaluate's ``ood.conformal``); and the run's report states the test split's flag rate."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

QUICK = ["--set", "train.progress=false", "--set", "explain.enabled=false", "--set", "train.threads=1",
         "--set", "evaluate.baselines=none", "--set", "evaluate.bootstrap=20"]


def _table(folder, rng):
    def rows(n, shift=0.0):
        age, marker = rng.normal(60, 10, n) + 400 * shift, rng.normal(0, 1, n) + 50 * shift
        outcome = np.where(0.08 * (age - 60) + 1.5 * marker + rng.normal(0, 0.7, n) > 0, "disease", "healthy")
        return pd.DataFrame({"age": age.round(1), "marker": marker.round(3), "outcome": outcome})

    rows(300).to_csv(folder / "train.csv", index=False)
    site = pd.concat([rows(20), rows(4, shift=1.0)], ignore_index=True)  # the last four: far outside
    site.to_csv(folder / "site.csv", index=False)
    site.drop(columns="outcome").to_csv(folder / "new.csv", index=False)
    return (["--data", folder / "train.csv", "--set", "data.label=outcome", "--set", "train.epochs=20"],
            folder / "new.csv", folder / "site.csv", [{"age": 61.0, "marker": 0.2}, {"age": 700.0, "marker": 60.0}])


def _images(folder, rng, shape):
    from scipy.ndimage import gaussian_filter

    def scans(n):
        field = gaussian_filter(rng.normal(size=(n, *shape)), sigma=(0, *[1.5] * len(shape)))
        field /= field.reshape(n, -1).std(axis=1).reshape(-1, *[1] * len(shape))
        x = np.clip(rng.uniform(0.25, 0.42, n).reshape(-1, *[1] * len(shape)) + 0.1 * field, 0, 1)
        y = rng.integers(0, 2, n)
        x[(y == 1, *tuple(slice(s // 4, 3 * s // 4) for s in shape))] += 0.25
        return (np.clip(x, 0, 1) * 255).astype(np.uint8), y.reshape(-1, 1).astype(np.uint8)

    arrays = {}
    for split, n in (("train", 200), ("val", 100), ("test", 60)):
        arrays[f"{split}_images"], arrays[f"{split}_labels"] = scans(n)
    np.savez(folder / "scans.npz", **arrays)
    like, _ = scans(6)
    odd = np.stack([np.zeros(shape, np.uint8), np.full(shape, 255, np.uint8),
                    rng.integers(0, 256, shape).astype(np.uint8), 255 - like[0]])
    labels = np.r_[rng.integers(0, 2, 6), [0, 1, 0, 1]].reshape(-1, 1).astype(np.uint8)
    np.savez(folder / "site.npz", test_images=np.concatenate([like, odd]), test_labels=labels)
    np.savez(folder / "new.npz", images=np.concatenate([like, odd]))
    served = [like[0], odd[0]]
    return (["--data", folder / "scans.npz", "--set", "data.format=medmnist", "--set", "split.method=file",
             "--set", "model.name=small_cnn", "--set", "model.channels=[8,16]", "--set", "train.epochs=2"],
            folder / "new.npz", folder / "site.npz", served)


SYMPTOMS = {"infection": ["fever", "productive cough", "chills", "sore throat", "dysuria"],
            "injury": ["ankle sprain", "a fall from a ladder", "wrist swelling", "a bruised knee", "neck strain"]}
FOREIGN_TEXT = ["Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.",
                "El paciente presenta fiebre y tos productiva desde hace tres dias, sin dolor toracico.",
                "#### ---- #### 12/03/2024 14:05 ####"]


def _notes(folder, rng):
    def notes(n):
        rows = []
        for i in range(n):
            label = ["infection", "injury"][i % 2]
            found = " and ".join(rng.choice(SYMPTOMS[label], int(rng.integers(1, 3)), replace=False))
            days = int(rng.integers(1, 9))
            rows.append({"note": f"Patient seen today with {found} for {days} days.", "label": label})
        return pd.DataFrame(rows)

    notes(300).to_csv(folder / "notes.csv", index=False)
    site = pd.concat([notes(20), pd.DataFrame({"note": FOREIGN_TEXT, "label": "injury"})], ignore_index=True)
    site.to_csv(folder / "site.csv", index=False)
    site.drop(columns="label").to_csv(folder / "new.csv", index=False)
    return (["--data", folder / "notes.csv", "--set", "data.format=text", "--set", "data.text_columns=[note]",
             "--set", "data.label=label", "--set", "train.epochs=15", "--set", "train.lr=0.02"],
            folder / "new.csv", folder / "site.csv", [{"note": site["note"][0]}, {"note": FOREIGN_TEXT[0]}])


METALS = ["C[Sn](C)(C)c1ccccc1", "CC[Hg]c1ccccc1", "C[Se]c1ccc(N)cc1", "OB(O)c1ccc(C)cc1"]


def _molecules(folder, rng):
    import itertools

    from rdkit import Chem

    cores = ["c1ccc({a})cc1{b}", "c1cc({a})ncc1{b}", "C1CCN(C{a})CC1{b}", "c1ccc(C(=O)N{a})cc1{b}"]
    groups = ["C", "CC", "O", "N", "Cl", "F", "C(=O)O", "OC", "C#N", "CN"]
    smiles = sorted({Chem.MolToSmiles(Chem.MolFromSmiles(c.format(a=a, b=b)))
                     for c in cores for a, b in itertools.product(groups, groups)})
    pd.DataFrame({"smiles": smiles, "active": [int("N" in s or "n" in s) for s in smiles]}).to_csv(
        folder / "mols.csv", index=False)
    site = pd.DataFrame({"smiles": [*smiles[:12], *METALS], "active": [0, 1] * 8})
    site.to_csv(folder / "site.csv", index=False)
    site.drop(columns="active").to_csv(folder / "new.csv", index=False)
    return (["--data", folder / "mols.csv", "--set", "data.label=active", "--set", "model.name=mlp",
             "--set", "model.hidden_sizes=[16]", "--set", "featurize.name=ecfp", "--set", "featurize.n_bits=256",
             "--set", "train.epochs=3", "--set", "split.method=random"],
            folder / "new.csv", folder / "site.csv", [{"smiles": smiles[0]}, {"smiles": METALS[0]}])


MODALITIES = {"table": _table, "image_2d": lambda f, r: _images(f, r, (16, 16)),
              "volume_3d": lambda f, r: _images(f, r, (8, 8, 8)), "text": _notes, "molecule": _molecules}


def _serve(run, modality, served):
    import io

    from fastapi.testclient import TestClient

    from mednn.serving import make_app

    client = TestClient(make_app(run))
    if modality.startswith(("image", "volume")):
        files = []
        for i, x in enumerate(served):  # 2D as PNG, 3D as NIfTI, as a client would send them
            if x.ndim == 2:
                from PIL import Image

                buffer = io.BytesIO()
                Image.fromarray(x).save(buffer, format="PNG")
                files.append(("files", (f"x{i}.png", buffer.getvalue(), "image/png")))
            else:
                import nibabel

                data = nibabel.Nifti1Image(x, np.eye(4)).to_bytes()
                files.append(("files", (f"x{i}.nii", data, "application/octet-stream")))
        response = client.post("/predict", files=files)
    else:
        response = client.post("/predict", json={"records": served})
    assert response.status_code == 200, response.text
    return response.json()["predictions"]


@pytest.mark.parametrize("modality", list(MODALITIES))
def test_predict_evaluate_serve_and_report_carry_the_flag_per_modality(modality, tmp_path, cli):
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    train_args, new, site, served = MODALITIES[modality](tmp_path, np.random.default_rng(0))
    code, _, err = cli("train", *train_args, "--out", tmp_path / "run", *QUICK)
    assert code == 0, err
    run = tmp_path / "run"

    # the report states the test split's flag rate (metrics.json's ood)
    ood = json.loads((run / "metrics.json").read_text())["ood"]
    assert 0 <= ood["test_flag_rate"] <= 1 and isinstance(ood["test_n_flagged"], int)
    report = (run / "report.html").read_text()
    assert f"{100 * ood['test_flag_rate']:.1f}% of test records ({ood['test_n_flagged']}) are flagged" in report

    # predict: every record has a score and a flag; flagged ones keep their prediction, their set is marked
    code, _, err = cli("predict", run, new, "--out", tmp_path / "p.csv")
    assert code == 0, err
    got = pd.read_csv(tmp_path / "p.csv")
    assert {"ood_score", "out_of_distribution", "predicted", "coverage_applies"} <= set(got.columns)
    assert got["ood_score"].notna().all() and got["out_of_distribution"].any()
    assert got["predicted"].notna().all()
    assert (got["coverage_applies"] == ~got["out_of_distribution"]).all()

    # evaluate: the flags counted, the conformal sets' coverage of flagged records apart
    code, _, err = cli("evaluate", run, "--data", site, "--out", tmp_path / "e.json")
    assert code == 0, err
    result = json.loads((tmp_path / "e.json").read_text())["ood"]
    assert result["n"] == len(got) and result["n_flagged"] >= 1
    assert result["conformal"]["records_without_guarantee"] == result["n_flagged"]

    # serve: the score and the flag per record; a flagged record keeps its prediction, its set carries a note
    typical, odd = _serve(run, modality, served)
    assert isinstance(typical["ood_score"], float) and typical["out_of_distribution"] is False
    assert odd["out_of_distribution"] is True and odd["coverage_applies"] is False and odd["coverage_note"]
    assert "set" in odd and ("predicted" in odd or "prediction" in odd or "label" in odd)
