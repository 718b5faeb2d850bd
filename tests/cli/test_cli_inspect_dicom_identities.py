"""Trial 15: `mednn inspect` on a DICOM folder whose headers still name the patient, the
referring physician and the institution said nothing; it warns with element keywords and
counts (never a value) and points to `mednn deid`; a folder marked de-identified is quiet."""

import numpy as np
import pytest

pytest.importorskip("pydicom")

from tests.dicom_files import write_dicom  # noqa: E402


def _folder(root, extra=None):
    rng = np.random.default_rng(0)
    for c, label in enumerate(("normal", "pneumonia")):
        for i in range(6):
            uid = f"1.2.826.0.1.3680043.2.1125.15.{c}.{i}"
            write_dicom(root / label / f"{i}.dcm", rng.integers(0, 200, (16, 16)).astype(np.uint8), study=uid,
                        series=uid + ".1", instance=uid + ".1.1", patient_id=f"MRN{c}{i:04d}", extra=extra)
    return root


def test_inspect_warns_of_dicom_headers_that_still_name_people(cli, tmp_path):
    code, out, err = cli("inspect", "--data", _folder(tmp_path / "raw"), "--no-label-issues")
    assert code == 0, err
    line = next(x for x in out.splitlines() if "[dicom_identities]" in x)
    assert "12 of 12 DICOM headers" in line and "mednn deid" in line
    for keyword in ("PatientName 12", "ReferringPhysicianName 12", "InstitutionName 12", "PatientID 12"):
        assert keyword in line
    for value in ("DOE", "JOHN", "MRN", "HOUSE", "SPRINGFIELD", "19510829"):
        assert value not in out + err

    code, out, err = cli("inspect", "--data", _folder(tmp_path / "clean", {"PatientIdentityRemoved": "YES"}),
                         "--no-label-issues")
    assert code == 0 and "dicom_identities" not in out + err, out + err
