"""Trial 15: `mednn deid` on 120 DICOM files ran 9.5 minutes without a line. It now says how
far it is (counts, elapsed, an estimate; never a file or patient name) at most every
PROGRESS_SECONDS, and reads each written file back once for both checks."""

import numpy as np
import pytest

pytest.importorskip("pydicom")

from tests.dicom_files import write_dicom  # noqa: E402


def test_deid_of_a_dicom_folder_prints_counts_as_it_goes(cli, tmp_path, monkeypatch):
    import mednn.cli.dicom as dicom_cli

    monkeypatch.setenv("MEDNN_DEID_SECRET", "project key of 16+ chars")
    monkeypatch.setattr(dicom_cli, "PROGRESS_SECONDS", -1.0)  # a line after every file but the last
    rng = np.random.default_rng(0)
    for i in range(3):
        uid = f"1.2.826.0.1.3680043.2.1125.17.{i}"
        write_dicom(tmp_path / "raw" / f"OKAFOR_{i}.dcm", rng.integers(0, 200, (16, 16)).astype(np.uint8),
                    study=uid, series=uid + ".1", instance=uid + ".1.1", name="OKAFOR^LINDA")
    code, out, err = cli("deid", tmp_path / "raw", "--out", tmp_path / "clean", "--dicom-ocr", "off")
    assert code == 0, err
    lines = [x for x in err.splitlines() if x.startswith("deid: ")]
    assert [x.split(" DICOM")[0] for x in lines] == ["deid: 1 of 3", "deid: 2 of 3"], err
    assert all("elapsed, about" in x and "left)" in x for x in lines)
    assert "OKAFOR" not in out + err and "LINDA" not in out + err
