"""A DICOM file whose transfer syntax UID is none DICOM defines is refused in words that say so
(trial 17: it was refused as "it could not be written back (a header value does not fit its value
representation)", which sends the user to the header, not the encoding)."""

import pytest

pydicom = pytest.importorskip("pydicom")

from mednn.errors import DataError  # noqa: E402
from mednn.privacy.dicom import DicomDeidOptions, deidentify_dicom  # noqa: E402
from tests.dicom_files import NAME, write_dicom  # noqa: E402

SECRET = "project key of 16+ chars"
UNKNOWN = "1.2.840.99999.1.2.1"


def test_an_unknown_transfer_syntax_is_named_as_the_reason(tmp_path):
    path = write_dicom(tmp_path / "in" / "a.dcm")
    ds = pydicom.dcmread(path)
    ds.file_meta.TransferSyntaxUID = UNKNOWN
    ds.save_as(path, enforce_file_format=False)
    with pytest.raises(DataError) as info:
        deidentify_dicom(tmp_path / "in", tmp_path / "clean", DicomDeidOptions(secret=SECRET))
    message = str(info.value)
    assert f"transfer syntax {UNKNOWN}" in message and "written back" not in message
    assert NAME.split("^")[0] not in message and not (tmp_path / "clean").exists()
