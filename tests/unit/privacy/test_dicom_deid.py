"""DICOM de-identification (mednn.privacy.dicom) on generated files with fake identities:
every profile action, nested sequences, private elements, UIDs across a study, dates, burned-in
text, and the verifier refusing what it cannot show clean."""

import re

import numpy as np
import pytest

pydicom = pytest.importorskip("pydicom")

from mednn.errors import ConfigError, DataError  # noqa: E402
from mednn.privacy.dicom import DicomDeidOptions, deidentify_dicom, new_uid, patient_date_offset, project_key  # noqa: E402
from mednn.privacy.dicom.header import HeaderPolicy, clean_header  # noqa: E402
from mednn.privacy.dicom.profile import COMBINED, find_attribute, load_profile, resolve  # noqa: E402
from tests.dicom_files import BIRTH, PATIENT_ID, text_image, write_dicom  # noqa: E402

UID = re.compile(r"^(0|[1-9]\d*)(\.(0|[1-9]\d*))*$")
SECRET = "test project key"


def _clean(tmp_path, **options):
    out = tmp_path / "clean"
    report = deidentify_dicom(tmp_path / "in", out, DicomDeidOptions(secret=SECRET, **options))
    files = sorted(out.rglob("*.dcm"))
    return report, [pydicom.dcmread(f) for f in files]


def _all_text(ds) -> str:
    return " ".join(str(e.value) for e in ds.iterall() if e.VR != "SQ") + " ".join(
        str(e.value) for e in ds.file_meta.iterall())


def test_the_shipped_table_is_the_standards_621_attributes_with_their_codes():
    exact, masked = load_profile()
    assert len(exact) + len(masked) == 621
    codes = {a.basic for a in list(exact.values()) + list(masked)}
    assert codes == set(COMBINED)
    assert find_attribute(0x00100010).basic == "Z"  # Patient's Name
    assert find_attribute(0x60023000).name == "Overlay Data"  # 60xx,3000 (repeating group)
    assert find_attribute(0x00090010).tag == "private"  # an odd group


@pytest.mark.parametrize("code,expected", list(COMBINED.items()))
def test_each_basic_profile_code_resolves_to_an_action_that_keeps_any_iod_valid(code, expected):
    attribute = next(a for a in load_profile()[0].values() if a.basic == code)
    assert resolve(attribute, frozenset()) == expected


def _value_for(vr):
    return {"DA": "20170302", "DT": "20170302101010", "TM": "101010", "UI": "1.2.3.4.5.6.7", "PN": "ROE^RICHARD",
            "DS": "71.5", "IS": "7", "AS": "066Y", "CS": "SECRETCODE"}.get(vr, "ROE RICHARD ATTRIBUTE")


def _one_attribute_per_code(present):
    from pydicom.datadict import dictionary_VR

    wanted, chosen = set(COMBINED), {}
    for tag, attribute in sorted(load_profile()[0].items()):
        try:
            vr = dictionary_VR(tag)
        except KeyError:
            continue
        if attribute.basic in wanted and vr in ("LO", "SH", "PN", "DA", "UI", "LT", "ST", "DS", "IS", "SQ") \
                and tag >> 16 not in (0x0000, 0x0002) and tag not in present and not (attribute.basic == "U" and vr == "SQ"):
            if (vr == "SQ" and attribute.basic not in ("X/Z/U*", "X/Z", "X")):
                continue
            chosen[attribute.basic] = (tag, vr)
            wanted.discard(attribute.basic)
    assert not wanted, f"no generated attribute for codes {wanted}"
    return chosen


def test_every_profile_code_on_a_generated_file(tmp_path):
    from pydicom.dataset import Dataset

    path = write_dicom(tmp_path / "in" / "a.dcm")
    ds = pydicom.dcmread(path)
    chosen = _one_attribute_per_code({int(t) for t in ds.keys()})
    extra = {}
    for code, (tag, vr) in chosen.items():
        if vr == "SQ":
            item = Dataset()
            item.ReferencedSOPInstanceUID = "1.2.3.4.5.6.99"
            item.ReferencedSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
            ds.add_new(tag, vr, [item])
        else:
            ds.add_new(tag, vr, _value_for(vr))
        extra[code] = (tag, vr)
    ds.save_as(path)
    _, (out,) = _clean(tmp_path, dates="remove")
    for code, (tag, vr) in extra.items():
        action = COMBINED[code]
        if action == "X":
            assert tag not in out, code
        elif action == "Z":
            assert tag in out and out[tag].value in ("", None, []), code
        elif action == "D":
            assert tag in out and out[tag].value not in ("", None) and str(out[tag].value) != _value_for(vr), code
        elif action == "U":
            assert str(out[tag].value) == new_uid(_value_for(vr), project_key(SECRET)), code
        else:  # U*: the sequence stays, the instance UIDs inside are replaced
            assert str(out[tag].value[0].ReferencedSOPInstanceUID) == new_uid("1.2.3.4.5.6.99", project_key(SECRET))
            assert out[tag].value[0].ReferencedSOPClassUID == "1.2.840.10008.5.1.4.1.1.2"  # a standard UID stays


def test_identity_removed_everywhere_including_nested_sequences_private_and_file_meta(tmp_path):
    write_dicom(tmp_path / "in" / "DOE_JOHN" / "img.dcm")
    report, (out,) = _clean(tmp_path)
    text = _all_text(out).upper()
    for value in ("DOE", "JOHN", PATIENT_ID, BIRTH, "ACC998877", "SPRINGFIELD", "HOUSE", "NURSE", "GREY",
                  "MEREDITH", "CTSCANNER7", "STUDY4242", "1.2.826.0.1.3680043.2.1125"):
        assert value not in text, value
    assert not [e for e in out.iterall() if e.tag.is_private]
    assert out.PatientIdentityRemoved == "YES" and out.BurnedInAnnotation == "NO"
    codes = [item.CodeValue for item in out.DeidentificationMethodCodeSequence]
    assert codes == ["113100", "113101", "113107"]
    assert out.PatientSex == "" and out.Modality == "CT" and out.BodyPartExamined == "HEAD"  # Z; unlisted kept
    assert out.PatientName == out.PatientID and str(out.PatientID).startswith("PAT-")  # one keyed pseudonym
    assert out.file_meta.MediaStorageSOPInstanceUID == out.SOPInstanceUID
    assert "DOE_JOHN" not in str(report) and report["files"][0]["verification"]["passed"]
    assert report["files"][0]["actions"]["private_removed"] == 3  # creator + 2 elements


def test_retain_patient_characteristics_keeps_sex_and_names_the_option(tmp_path):
    write_dicom(tmp_path / "in" / "a.dcm")
    _, (out,) = _clean(tmp_path, retain=("patient_characteristics",))
    assert out.PatientSex == "M"
    assert "113108" in [i.CodeValue for i in out.DeidentificationMethodCodeSequence]
    with pytest.raises(ConfigError, match="retain"):
        _clean(tmp_path, retain=("everything",))


def test_uids_are_consistent_across_a_study_repeatable_with_a_key_and_valid(tmp_path):
    study = "1.2.826.0.1.3680043.2.1125.5"
    for s in range(2):
        for i in range(2):
            write_dicom(tmp_path / "in" / f"series{s}" / f"{i}.dcm", study=study, series=f"{study}.{s}",
                        instance=f"{study}.{s}.{i}")
    _, first = _clean(tmp_path)
    assert len({str(d.StudyInstanceUID) for d in first}) == 1
    assert len({str(d.SeriesInstanceUID) for d in first}) == 2
    assert len({str(d.SOPInstanceUID) for d in first}) == 4
    for d in first:
        for uid in (d.StudyInstanceUID, d.SeriesInstanceUID, d.SOPInstanceUID, d.FrameOfReferenceUID):
            assert uid.startswith("2.25.") and len(uid) <= 64 and UID.match(uid)
    assert {str(d.SOPInstanceUID) for d in first} == {new_uid(f"{study}.{s}.{i}", project_key(SECRET))
                                                    for s in range(2) for i in range(2)}
    again = deidentify_dicom(tmp_path / "in", tmp_path / "again", DicomDeidOptions(secret=SECRET))
    other = deidentify_dicom(tmp_path / "in", tmp_path / "other", DicomDeidOptions(secret="another key of 16+ chars"))
    assert {f["output"] for f in again["files"]} == {
        p.relative_to(tmp_path / "clean").as_posix() for p in (tmp_path / "clean").rglob("*.dcm")}
    assert not {f["output"] for f in other["files"]} & {f["output"] for f in again["files"]}


def test_dates_shift_by_the_same_per_patient_offset_as_the_notes():
    from pydicom.dataset import Dataset

    from mednn.privacy.deid import Deidentifier

    ds = Dataset()
    ds.PatientID, ds.StudyDate, ds.PatientBirthDate, ds.StudyTime = "MRN1", "20200115", "19500101", "101010"
    key = project_key(SECRET)
    result = clean_header(ds, HeaderPolicy(key=key))
    import datetime as dt
    import re

    # the notes of the same patient, de-identified with the same secret, move their dates as far
    note = Deidentifier(secret=SECRET, date_shift=True).fit().transform(["seen 01/15/2020"], patient_ids=["MRN1"])[0]
    moved = dt.datetime.strptime(re.search(r"\d{4}-\d{2}-\d{2}", note).group(0), "%Y-%m-%d")
    notes_offset = (moved - dt.datetime(2020, 1, 15)).days
    assert result.offset_days == patient_date_offset("MRN1", key) == notes_offset != 0

    shifted = dt.datetime.strptime(ds.StudyDate, "%Y%m%d") - dt.datetime(2020, 1, 15)
    assert shifted.days == notes_offset and ds.StudyTime == "101010"  # whole days: the time stays
    assert ds.LongitudinalTemporalInformationModified == "MODIFIED"


def test_dates_removed_when_asked(tmp_path):
    write_dicom(tmp_path / "in" / "a.dcm")
    _, (out,) = _clean(tmp_path, dates="remove")
    assert "20170302" not in _all_text(out) and "StudyDate" in out and out.StudyDate in ("", "19000101")
    assert out.LongitudinalTemporalInformationModified == "REMOVED"
    assert "113107" not in [i.CodeValue for i in out.DeidentificationMethodCodeSequence]


def test_a_reviewed_private_element_can_be_kept(tmp_path):
    write_dicom(tmp_path / "in" / "a.dcm")
    _, (out,) = _clean(tmp_path, keep_private=("ACME PRIVATE,0009,02",))
    private = {int(e.tag): e.value for e in out.iterall() if e.tag.is_private}
    assert private == {0x00090010: "ACME PRIVATE", 0x00091002: "1.5"}  # the name note is gone
    assert "113111" in [i.CodeValue for i in out.DeidentificationMethodCodeSequence]


def test_burned_in_text_is_blanked_and_other_pixels_stay(tmp_path):
    image, (top, left, bottom, right) = text_image()
    write_dicom(tmp_path / "in" / "a.dcm", image, extra={"BurnedInAnnotation": "YES"})
    report, (out,) = _clean(tmp_path)
    cleaned = out.pixel_array
    assert (cleaned[top:bottom, left:right] == cleaned[top, left]).all()  # every glyph pixel blanked
    margin = np.ones(image.shape, bool)
    margin[max(0, top - 8):bottom + 8, max(0, left - 8):right + 8] = False
    assert (cleaned[margin] == image[margin]).mean() >= 0.999
    assert report["files"][0]["pixels"]["text_boxes"] >= 1


def test_text_found_without_the_header_flag_is_blanked_too(tmp_path):
    image, (top, left, bottom, right) = text_image("ACC998877 01/30/1986", seed=3)
    write_dicom(tmp_path / "in" / "a.dcm", image)
    _, (out,) = _clean(tmp_path)
    assert (out.pixel_array[top:bottom, left:right] == out.pixel_array[top, left]).all()


def test_a_clean_image_keeps_its_pixels_bit_for_bit(tmp_path):
    image = np.tile(np.arange(0, 256, 4, dtype=np.uint8), (64, 1))  # a ramp: edges, but no text
    write_dicom(tmp_path / "in" / "a.dcm", image)
    report, (out,) = _clean(tmp_path)
    np.testing.assert_array_equal(out.pixel_array, image)
    assert report["files"][0]["pixels"]["pixels_blanked"] == 0


def test_ultrasound_outside_its_regions_is_blanked(tmp_path):
    from pydicom.dataset import Dataset

    rng = np.random.default_rng(0)
    image = rng.integers(30, 120, (120, 160)).astype(np.uint8)
    region = Dataset()
    region.RegionLocationMinX0, region.RegionLocationMinY0 = 20, 30
    region.RegionLocationMaxX1, region.RegionLocationMaxY1 = 139, 109
    write_dicom(tmp_path / "in" / "us.dcm", image, sop_class="1.2.840.10008.5.1.4.1.1.6.1",
                extra={"Modality": "US", "BurnedInAnnotation": "YES", "SequenceOfUltrasoundRegions": [region]})
    report, (out,) = _clean(tmp_path)
    cleaned = out.pixel_array
    inside = np.zeros(image.shape, bool)
    inside[30:110, 20:140] = True
    assert (cleaned[~inside] == image.min()).all()
    assert (cleaned[inside] == image[inside]).mean() >= 0.999
    assert report["files"][0]["pixels"]["outside_ultrasound_regions_blanked"]


def test_the_verifier_refuses_a_file_it_cannot_clean_and_nothing_is_written(tmp_path):
    write_dicom(tmp_path / "in" / "a.dcm")
    write_dicom(tmp_path / "in" / "b.dcm", instance="1.2.3.9", extra={"Manufacturer": "JOHN DOE SCANNERS"})
    with pytest.raises(DataError) as caught:
        _clean(tmp_path)
    message = str(caught.value)
    assert "file #2" in message and "1 of 2" in message and "(0008,0070)" in message
    assert "JOHN" not in message and "b.dcm" not in message
    assert not (tmp_path / "clean").exists() and not list(tmp_path.glob(".clean*"))
    # --skip-failed writes the file that passed, and the command still reports the refusal
    with pytest.raises(DataError, match="the others were written"):
        _clean(tmp_path, skip_failed=True)
    assert len(list((tmp_path / "clean").rglob("*.dcm"))) == 1


def test_burned_in_yes_without_findable_text_is_refused(tmp_path):
    write_dicom(tmp_path / "in" / "a.dcm", extra={"BurnedInAnnotation": "YES"})
    with pytest.raises(DataError, match="no text could be located"):
        _clean(tmp_path)


def test_undecodable_pixels_are_refused_never_passed_unchecked(tmp_path):
    write_dicom(tmp_path / "in" / "a.dcm", syntax="1.2.840.10008.1.2.4.50")  # says JPEG, holds raw bytes
    with pytest.raises(DataError, match="cannot be decoded"):
        _clean(tmp_path)


def test_out_never_inside_the_input_a_run_or_an_unrelated_folder(tmp_path):
    write_dicom(tmp_path / "in" / "a.dcm")
    options = DicomDeidOptions(secret=SECRET)
    with pytest.raises(ConfigError, match="inside the input"):
        deidentify_dicom(tmp_path / "in", tmp_path / "in" / "clean", options)
    (tmp_path / "unrelated").mkdir()
    (tmp_path / "unrelated" / "keep.txt").write_text("x")
    with pytest.raises(ConfigError, match="not an earlier"):
        deidentify_dicom(tmp_path / "in", tmp_path / "unrelated", options)
    run = tmp_path / "run"
    run.mkdir()
    (run / "manifest.json").write_text("{}")
    (run / "config.yaml").write_text("")
    with pytest.raises(ConfigError, match="run directory"):
        deidentify_dicom(tmp_path / "in", run / "clean", options)
    deidentify_dicom(tmp_path / "in", tmp_path / "clean", options)
    deidentify_dicom(tmp_path / "in", tmp_path / "clean", options)  # its own earlier output is replaced
    assert len(list((tmp_path / "clean").rglob("*.dcm"))) == 1 and (tmp_path / "unrelated" / "keep.txt").exists()


def test_text_in_a_palette_colour_image_is_searched_as_shown_not_as_indices(tmp_path):
    # PALETTE COLOR: index 1 is a light band, index 2 the dark text drawn on it (an index is no
    # brightness: 2 vs 1 is one grey level as indices, 170 as shown)
    from tests.dicom_files import draw_text

    image = np.zeros((64, 200), np.uint8)
    image[:24] = 1
    image = draw_text(image, "DOE^JOHN 4711", at=(4, 6), size=14, fill=2)
    assert (image == 2).any()
    lut = {"Red": [0, 200, 30], "Green": [0, 200, 30], "Blue": [0, 200, 30]}
    extra = {"PhotometricInterpretation": "PALETTE COLOR"}
    for colour, values in lut.items():
        extra[f"{colour}PaletteColorLookupTableDescriptor"] = [256, 0, 16]
        extra[f"{colour}PaletteColorLookupTableData"] = np.array(values + [0] * 253, "<u2").tobytes()
    write_dicom(tmp_path / "in" / "a.dcm", image, extra=extra)
    report, (ds,) = _clean(tmp_path, ocr="off")
    assert report["files"][0]["pixels"]["text_boxes"] >= 1
    assert ds.PhotometricInterpretation == "PALETTE COLOR" and not (ds.pixel_array == 2).any()
    assert (ds.pixel_array[30:] == image[30:]).all()  # below the band: unchanged


def test_a_file_whose_written_pixels_still_show_a_removed_value_is_not_written_and_the_report_counts_why(
        tmp_path, monkeypatch):
    # fix16a (issue 20 item 4): the OCR read-back finding a removed value after blanking must refuse
    # the file, and the report's reason holds counts only, never what was read
    from mednn.privacy.dicom import ocr

    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "engine_name", lambda: "fake OCR")
    monkeypatch.setattr(ocr, "read_lines", lambda frame: ["DOE JOHN", "MRN12345678"])  # as if left in the pixels
    write_dicom(tmp_path / "in" / "a.dcm")
    with pytest.raises(DataError) as caught:
        _clean(tmp_path, skip_failed=True)
    assert not list((tmp_path / "clean").rglob("*.dcm"))
    import json

    (failed,) = json.loads((tmp_path / "clean" / "deid_report.json").read_text())["failed"]
    assert re.search(r"OCR reads \d+ removed value\(s\) in the written pixels", failed["reason"])
    for shown in (failed["reason"], str(caught.value)):
        assert "DOE" not in shown and "JOHN" not in shown and "12345678" not in shown and "a.dcm" not in shown
