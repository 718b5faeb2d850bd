"""Image runs on DICOM group the images by the header's PatientID: the split is patient-level
(no patient in two splits) when patients have several images, by image otherwise, and the
patient ids never reach the run's files."""

import json

import numpy as np
import pytest

from .test_cli_dicom_deid import TRAIN

pydicom = pytest.importorskip("pydicom")

from tests.dicom_files import write_dicom  # noqa: E402


def _folder(root, images_per_patient: int, n_patients: int = 12, one_id: bool = False):
    rng = np.random.default_rng(0)
    k = 0
    for p in range(n_patients):
        for j in range(images_per_patient):
            label = ("left", "right")[(p + j) % 2]
            image = rng.integers(0, 40, (16, 16)).astype(np.uint8)
            image[:, (0 if label == "left" else 8):(8 if label == "left" else 16)] += 150
            uid = f"1.2.826.0.1.3680043.2.1125.{p}.{j}"
            write_dicom(root / label / f"img{k:03d}.dcm", image, study=uid, series=uid + ".1", instance=uid + ".1.1",
                        patient_id="ANON" if one_id else f"MRN{p:05d}")
            k += 1


@pytest.mark.parametrize("per_patient,one_id", [(4, False), (1, False), (4, True)])
def test_dicom_images_are_split_by_their_patient_id(cli, tmp_path, per_patient, one_id):
    _folder(tmp_path / "data", per_patient, n_patients=12 if per_patient > 1 else 48, one_id=one_id)
    code, out, err = cli("train", "--data", tmp_path / "data", *TRAIN, "--set", "report.enabled=false",
                         "--out", tmp_path / "run")
    assert code == 0, err
    data = json.loads((tmp_path / "run" / "data.json").read_text())
    if per_patient == 1 or one_id:  # one image per patient, or one id written into every file: by image
        assert data["split_method"] == "stratified" and not data.get("groups")
        assert ("only 1 distinct DICOM PatientID" in data["notes"]["patients"]) if one_id else "patients" not in data["notes"]
        return
    assert data["split_method"] == "group" and "12 patients for 48 images" in data["notes"]["patients"]
    assert sum(s["n_patients"] for s in data["splits"].values()) == 12
    assert not any(data["leakage"]["shared_groups"].values())
    for path in (tmp_path / "run").rglob("*"):
        if path.is_file() and path.suffix in (".csv", ".json", ".yaml"):
            assert "MRN000" not in path.read_text(errors="replace"), path.name


def test_a_dicom_manifest_without_a_patient_column_is_split_by_patient_id(cli, tmp_path):
    _folder(tmp_path / "data", 4)
    rows = ["path,label"] + [f"{p.relative_to(tmp_path).as_posix()},{p.parent.name}"
                             for p in sorted((tmp_path / "data").rglob("*.dcm"))]
    (tmp_path / "manifest.csv").write_text("\n".join(rows) + "\n")
    train = [a.replace("data.format=image_folder", "data.format=image_csv") for a in TRAIN]
    code, out, err = cli("train", "--data", tmp_path / "manifest.csv", *train, "--set", "data.label=label",
                         "--set", "report.enabled=false", "--out", tmp_path / "run")
    assert code == 0, err
    data = json.loads((tmp_path / "run" / "data.json").read_text())
    assert data["split_method"] == "group" and not any(data["leakage"]["shared_groups"].values())
