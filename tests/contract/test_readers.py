"""Every registered reader keeps the contract on a tiny generated input of its format.

Labelled: the samples come out with unique ids, targets of the task's dtype and range, and the
reader's modality, whose spec lists the format. Unlabelled (``mednn predict``): the same kind of
input without its label reads, with placeholder targets and the run's task. A new reader needs a
case in :data:`CASES` (the first test fails until it has one), then runs through every test here.
"""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mednn.config import DataConfig
from mednn.data.base import TASK_KINDS
from mednn.data.readers import READERS, _load_builtin_readers, read_dataset
from mednn.modalities import modality_names, modality_spec

_load_builtin_readers()

N = 24
NOTES = ["fever and productive cough", "ankle sprain after a fall", "chest pain radiating to the arm",
         "wrist fracture from a fall", "cough with fever and chills", "headache and nausea since monday"]
RINGS = ["c1ccccc1", "C1CCCCC1", "c1ccncc1", "C1CCNCC1", "c1ccoc1", "C1CCOC1"]


def _table(tmp: Path, sep: str = ",", suffix: str = ".csv", label: bool = True) -> Path:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"age": rng.normal(60, 10, N).round(1), "marker": rng.normal(size=N).round(3),
                          "sex": rng.choice(["F", "M"], N)})
    if label:
        frame["outcome"] = np.where(np.arange(N) % 2 == 0, "disease", "healthy")
    path = tmp / (("table" if label else "new") + suffix)
    frame.to_csv(path, sep=sep, index=False)
    return path


def _parquet(tmp: Path, label: bool = True) -> Path:
    pytest.importorskip("pyarrow")
    frame = pd.read_csv(_table(tmp, label=label))
    path = tmp / ("table.parquet" if label else "new.parquet")
    frame.to_parquet(path)
    return path


def _arff(tmp: Path, label: bool = True) -> Path:
    rng = np.random.default_rng(0)
    lines = ["@relation patients", "@attribute age numeric", "@attribute sex {F,M}"]
    lines += ["@attribute outcome {disease,healthy}"] if label else []
    lines.append("@data")
    for i in range(N):
        row = [f"{rng.normal(60, 10):.1f}", "FM"[i % 2]] + (["disease" if i % 3 else "healthy"] if label else [])
        lines.append(",".join(row))
    path = tmp / ("table.arff" if label else "new.arff")
    path.write_text("\n".join(lines) + "\n")
    return path


def _notes(tmp: Path, label: bool = True) -> Path:
    rows = [{"note_id": i, "note": f"{NOTES[i % len(NOTES)]}, visit {i}"} for i in range(N)]
    for i, row in enumerate(rows):
        if label:
            row["label"] = "infection" if "fever" in row["note"] else "other"
    path = tmp / ("notes.csv" if label else "new_notes.csv")
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def _smiles(tmp: Path, label: bool = True) -> Path:
    rows = [{"smiles": f"{ring}{'C' * k}O", **({"active": k % 2} if label else {})}
            for ring in RINGS for k in range(1, 5)]
    path = tmp / ("mols.csv" if label else "new_mols.csv")
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def _sdf(tmp: Path, label: bool = True) -> Path:
    pytest.importorskip("rdkit")
    from rdkit import Chem

    path = tmp / ("mols.sdf" if label else "new_mols.sdf")
    writer = Chem.SDWriter(str(path))
    for ring in RINGS:
        for k in range(1, 5):
            mol = Chem.MolFromSmiles(f"{ring}{'C' * k}O")
            if label:
                mol.SetProp("active", str(k % 2))
            writer.write(mol)
    writer.close()
    return path


def _idx(tmp: Path, label: bool = True) -> Path:
    rng = np.random.default_rng(0)
    folder = tmp / "mnist"
    folder.mkdir(exist_ok=True)
    for stem, n in (("train", 16), ("t10k", 8)):
        images = rng.integers(0, 256, (n, 8, 8), dtype=np.uint8)
        labels = (np.arange(n) % 10).astype(np.uint8)
        for kind, array, magic in (("images-idx3-ubyte", images, 0x803), ("labels-idx1-ubyte", labels, 0x801)):
            header = struct.pack(">I", magic) + b"".join(struct.pack(">I", d) for d in array.shape)
            (folder / f"{stem}-{kind}.gz").write_bytes(gzip.compress(header + array.tobytes()))
    return folder


def _medmnist(tmp: Path, label: bool = True) -> Path:
    rng = np.random.default_rng(0)
    arrays = {}
    for split, n in (("train", 16), ("val", 4), ("test", 4)):
        y = np.arange(n) % 2
        arrays[f"{split}_images"] = rng.integers(0, 60, (n, 8, 8)).astype(np.uint8)
        arrays[f"{split}_labels"] = y.reshape(-1, 1).astype(np.uint8)
    path = tmp / "squares.npz"
    np.savez(path, **arrays)
    return path


def _png(path: Path, seed: int) -> None:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.random.default_rng(seed).integers(0, 256, (8, 8), dtype=np.uint8)).save(path)


def _image_folder(tmp: Path, label: bool = True) -> Path:
    root = tmp / ("images" if label else "new_images")
    for i in range(8):
        _png(root / ("benign", "malignant")[i % 2] / f"{i}.png" if label else root / f"{i}.png", i)
    return root


def _image_csv(tmp: Path, label: bool = True) -> Path:
    for i in range(8):
        _png(tmp / f"{i}.png", i)
    rows = [{"path": f"{i}.png", **({"finding": ("normal", "pneumonia")[i % 2]} if label else {})} for i in range(8)]
    path = tmp / ("manifest.csv" if label else "new_manifest.csv")
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def _builtin(tmp: Path, label: bool = True) -> str:
    return "breast-cancer"


# format -> (writes the input, labelled or not; the data keys of a run on it)
CASES = {
    "csv": (_table, {"label": "outcome"}),
    "tsv": (lambda t, label=True: _table(t, "\t", ".tsv", label), {"label": "outcome"}),
    "parquet": (_parquet, {"label": "outcome"}),
    "arff": (_arff, {"label": "outcome"}),
    "builtin": (_builtin, {}),
    "text": (_notes, {"label": "label", "text_columns": "note", "id_column": "note_id"}),
    "smiles": (_smiles, {"label": "active"}),
    "sdf": (_sdf, {"label": "active"}),
    "idx": (_idx, {}),
    "medmnist": (_medmnist, {}),
    "image_folder": (_image_folder, {"size": [8, 8], "color": "gray"}),
    "image_csv": (_image_csv, {"label": "finding", "size": [8, 8], "color": "gray"}),
}


def _config(fmt: str, tmp: Path, *, label: bool = True) -> DataConfig:
    make, keys = CASES[fmt]
    return DataConfig(format=fmt, path=str(make(tmp, label=label)), **keys)


def test_every_registered_reader_has_a_case():
    assert sorted(READERS.names()) == sorted(CASES), "add a generated input for the new format to CASES"


def test_every_reader_belongs_to_a_modality_whose_spec_lists_it():
    for fmt in READERS.names():
        modality = READERS.get(fmt).modality
        assert modality in modality_names(), f"reader {fmt!r} names the unregistered modality {modality!r}"
        assert fmt in modality_spec(modality).formats, f"the {modality} spec does not list format {fmt!r}"
    for name in modality_names():
        for fmt in modality_spec(name).formats:
            assert fmt in READERS and READERS.get(fmt).modality == name, (name, fmt)


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_labelled_input_reads_as_the_readers_modality_with_valid_targets(fmt, tmp_path):
    dataset = read_dataset(_config(fmt, tmp_path))
    n = len(dataset)
    assert n > 0 and dataset.modality == READERS.get(fmt).modality
    assert len(set(np.asarray(dataset.ids).astype(str).tolist())) == n  # ids key the predictions file
    assert dataset.task.kind in TASK_KINDS and not dataset.notes.get("unlabelled")
    targets = np.asarray(dataset.targets)
    if dataset.task.kind in ("binary", "multiclass"):
        assert targets.dtype == np.int64 and targets.shape == (n,)
        assert targets.min() >= 0 and targets.max() < len(dataset.task.class_names)
    else:
        assert targets.dtype == np.float32 and targets.shape == (n, len(dataset.task.class_names))


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_input_without_labels_reads_to_predict_with_the_runs_task(fmt, tmp_path):
    labelled = read_dataset(_config(fmt, tmp_path))
    new = read_dataset(_config(fmt, tmp_path, label=False), labels=False, task=labelled.task)
    assert len(new) > 0 and new.notes.get("unlabelled") is True
    assert new.task == labelled.task and new.modality == labelled.modality
    if labelled.task.kind in ("binary", "multiclass"):
        assert np.asarray(new.targets).shape == (len(new),)  # placeholders, never read from the file
    else:
        assert np.isnan(np.asarray(new.targets, dtype=np.float64)).all()
    if labelled.modality == "images":  # images to predict come out in the training shape
        assert tuple(np.asarray(new.inputs).shape[1:]) == tuple(np.asarray(labelled.inputs).shape[1:])
