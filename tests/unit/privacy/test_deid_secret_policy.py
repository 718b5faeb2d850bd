"""One secret policy for every reversible transform (fix12, #1): a date shift or a keyed pseudonym
needs a secret of 16+ characters, from text, tables, DICOM and the Python API alike
(``mednn.privacy.deid.dateshift.require_secret``). Before, ``Deidentifier(date_shift=True)`` used a
public seed and DICOM only warned: anyone with the patient id could recompute the offset."""

import pytest

from mednn.errors import ConfigError
from mednn.privacy.deid import Deidentifier, patient_date_offset, project_key

pydicom = pytest.importorskip("pydicom")

from mednn.privacy.dicom import DicomDeidOptions, deidentify_dicom  # noqa: E402
from tests.dicom_files import write_dicom  # noqa: E402

GOOD = "a-project-key-of-24chars"


@pytest.mark.parametrize("secret", [None, "", "short-key-15chr"])
def test_python_date_shift_without_a_real_secret_is_refused(monkeypatch, secret):
    monkeypatch.delenv("MEDNN_DEID_SECRET", raising=False)
    with pytest.raises(ConfigError, match="MEDNN_DEID_SECRET") as info:
        Deidentifier(date_shift=True, secret=secret).fit()
    assert "date_shift" in str(info.value) and (not secret or secret not in str(info.value))


def test_python_date_shift_takes_the_variable_and_no_shift_needs_nothing(monkeypatch):
    monkeypatch.delenv("MEDNN_DEID_SECRET", raising=False)
    assert Deidentifier().fit().transform(["Seen 2023-01-10."]) == ["Seen [DATE]."]  # nothing asked, nothing changes
    monkeypatch.setenv("MEDNN_DEID_SECRET", GOOD)
    out = Deidentifier(date_shift=True).fit().transform(["Seen 2023-01-10."], patient_ids=["p1"])
    offset = patient_date_offset("p1", project_key(GOOD))
    import datetime as dt

    assert out == [f"Seen [DATE {dt.date(2023, 1, 10) + dt.timedelta(days=offset)}]."]


def test_project_key_has_no_public_default(monkeypatch):
    monkeypatch.delenv("MEDNN_DEID_SECRET", raising=False)
    with pytest.raises(ConfigError, match="MEDNN_DEID_SECRET"):
        project_key()
    assert project_key(GOOD) == project_key(GOOD) != project_key(GOOD + "x")


@pytest.mark.parametrize("secret", [None, "short-key-15chr"])
@pytest.mark.parametrize("dates", ["shift", "remove"])  # new UIDs and patient pseudonyms are keyed either way
def test_dicom_without_a_real_secret_is_refused_and_writes_nothing(tmp_path, monkeypatch, secret, dates):
    monkeypatch.delenv("MEDNN_DEID_SECRET", raising=False)
    write_dicom(tmp_path / "in" / "a.dcm")
    with pytest.raises(ConfigError, match="MEDNN_DEID_SECRET"):
        deidentify_dicom(tmp_path / "in", tmp_path / "clean", DicomDeidOptions(secret=secret, dates=dates, ocr="off"))
    assert not (tmp_path / "clean").exists() and sorted(p.name for p in tmp_path.iterdir()) == ["in"]
    report = deidentify_dicom(tmp_path / "in", tmp_path / "clean", DicomDeidOptions(secret=GOOD, dates=dates, ocr="off"))
    assert report["files_written"] == 1 and report["key"] == "project key"


LOW_ENTROPY = [" " * 16, "\t \n" * 8, "a" * 24, "abababababababab", "1234567" * 3]  # blank, or < 8 different characters


@pytest.mark.parametrize("secret", LOW_ENTROPY)
def test_a_blank_or_low_variety_secret_is_refused_everywhere(tmp_path, monkeypatch, secret):
    """trial 13, #2: 16 spaces passed, as only the length was checked; the Python API, the
    variable and DICOM all ask the one check, which never echoes the key."""
    monkeypatch.delenv("MEDNN_DEID_SECRET", raising=False)
    with pytest.raises(ConfigError, match="could be guessed") as info:
        Deidentifier(date_shift=True, secret=secret).fit()
    assert not secret.strip() or secret not in str(info.value)
    monkeypatch.setenv("MEDNN_DEID_SECRET", secret)
    with pytest.raises(ConfigError, match="MEDNN_DEID_SECRET"):
        project_key()
    write_dicom(tmp_path / "in" / "a.dcm")
    with pytest.raises(ConfigError, match="could be guessed"):
        deidentify_dicom(tmp_path / "in", tmp_path / "clean", DicomDeidOptions(ocr="off"))
    assert not (tmp_path / "clean").exists()


def test_a_varied_secret_of_16_characters_is_still_accepted():
    assert project_key("abcdefgh" * 2) == project_key("abcdefgh" * 2)  # exactly 8 different characters
