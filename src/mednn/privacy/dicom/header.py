"""Apply the Basic Profile to a DICOM header: every attribute of Table E.1-1, in nested
sequences too, private elements, curves and overlays; dates shifted per patient or removed;
UIDs replaced by keyed hashes; the de-identification method recorded.

What was removed is gathered (in memory only) so :mod:`.verify` can look for it in the file
that is written; the result reports counts only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from .keys import keyed_patient, new_uid
from .leaks import CODE_PARTS, needles, removed_copies
from .profile import find_attribute, method_codes, resolve

TEXT_VRS = frozenset({"PN", "LO", "SH", "LT", "ST", "UT", "UC", "CS", "AE", "UR"})
DUMMY: dict[str, object] = {
    "PN": "ANONYMOUS", "LO": "REMOVED", "SH": "REMOVED", "LT": "REMOVED", "ST": "REMOVED",
    "UT": "REMOVED", "UC": "REMOVED", "CS": "REMOVED", "AE": "REMOVED", "UR": "",
    "DA": "19000101", "TM": "000000", "DT": "19000101000000", "AS": "000D", "DS": "0", "IS": "0",
}
# Patient's Name and Patient ID get the keyed patient pseudonym (the profile's Z allows "a non-zero
# length dummy value"): the same patient keeps one pseudonym in every file, export and table with one key
PATIENT_NAME, PATIENT_ID = 0x00100010, 0x00100020
# file meta elements naming the sending / receiving / source station
META_STATIONS = (0x00020016, 0x00020017, 0x00020018)
DICOM_UID_ROOT = "1.2.840.10008."
# numbers: measurements and settings (slice thickness, tilt, counts), never a name, id or date;
# the same "5.000000" sits in kept technical elements, so it is no sign of a leak there
NUMBER_VRS = frozenset({"DS", "IS", "FL", "FD", "SS", "US", "SL", "UL", "SV", "UV"})


@dataclass
class HeaderPolicy:
    """What to do: the key, the options in force (see :mod:`.profile`), the date policy."""

    key: bytes
    options: frozenset[str] = frozenset({"modified_dates"})
    max_shift_days: int = 365
    keep_private: frozenset[tuple[str, int, int]] = frozenset()  # (creator, group, element byte)

    @property
    def shift_dates(self) -> bool:
        return "modified_dates" in self.options


@dataclass
class HeaderResult:
    counts: Counter = field(default_factory=Counter)
    removed: set[str] = field(default_factory=set)  # values taken out; never written or logged
    removed_private: set[str] = field(default_factory=set)  # those of private elements (merged into removed)
    offset_days: int | None = None
    patient: str = ""  # the patient's pseudonym


def patient_key(ds) -> str:
    """What keys a patient's date shift and pseudonym: Patient ID, else Patient's Name, else the study."""
    for keyword in ("PatientID", "PatientName", "StudyInstanceUID"):
        value = str(ds.get(keyword, "") or "").strip()
        if value:
            return value
    return "unknown-patient"


def clean_header(ds, policy: HeaderPolicy) -> HeaderResult:
    """De-identify the header of ``ds`` in place (pixels untouched); return counts and what was removed."""
    result = HeaderResult()
    # the notes' patient column gets the same pseudonym and date offset (one keyed function)
    patient = keyed_patient(patient_key(ds), policy.key, policy.max_shift_days)
    result.patient = patient.pseudonym
    if policy.shift_dates:
        result.offset_days = patient.offset_days
    _clean_dataset(ds, policy, result, inside_dummy=False)
    _clean_copies(ds, result)
    meta = getattr(ds, "file_meta", None)
    if meta is not None:
        for tag in META_STATIONS:
            if tag in meta:
                _record(meta[tag], result.removed)
                del meta[tag]
                result.counts["removed"] += 1
        if "SOPInstanceUID" in ds:
            meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    _mark(ds, policy)
    return result


def _mark(ds, policy: HeaderPolicy) -> None:
    from pydicom.dataset import Dataset

    from ... import __version__

    ds.PatientIdentityRemoved = "YES"
    words = ["mednn " + __version__, "PS3.15 Basic Profile"]
    words.append("dates shifted per patient" if policy.shift_dates else "dates removed")
    ds.DeidentificationMethod = words
    items = []
    for code, meaning in method_codes(policy.options):
        item = Dataset()
        item.CodeValue, item.CodingSchemeDesignator, item.CodeMeaning = code, "DCM", meaning
        items.append(item)
    ds.DeidentificationMethodCodeSequence = items
    ds.LongitudinalTemporalInformationModified = "MODIFIED" if policy.shift_dates else "REMOVED"


def _clean_dataset(ds, policy: HeaderPolicy, result: HeaderResult, inside_dummy: bool) -> None:
    kept_blocks = _kept_private_blocks(ds, policy)
    for tag in list(ds.keys()):
        elem = ds[tag]
        if tag.is_private:
            _private(ds, elem, policy, result, kept_blocks)
            continue
        attribute = find_attribute(int(tag))
        if attribute is None:
            _unlisted(elem, policy, result, inside_dummy)
            continue
        action = resolve(attribute, policy.options)
        if int(tag) in (PATIENT_NAME, PATIENT_ID) and action in ("Z", "D"):
            _record(elem, result.removed)
            elem.value = result.patient
            result.counts["pseudonym"] += 1
            continue
        _apply(ds, elem, action, policy, result)


def _apply(ds, elem, action: str, policy: HeaderPolicy, result: HeaderResult) -> None:
    counts = result.counts
    if action == "K":
        counts["kept"] += 1
        if elem.VR == "SQ":
            _recurse(elem, policy, result, inside_dummy=False)
        return
    if action == "U*" or (action == "U" and elem.VR == "SQ"):
        _recurse(elem, policy, result, inside_dummy=False)
        counts["uids_inside_replaced"] += 1
        return
    if action == "SHIFT" and elem.VR in ("DA", "DT", "TM"):
        _shift(elem, result)
        return
    if action == "SHIFT":
        action = resolve_basic(elem)
    _record(elem, result.removed)
    if action == "X":
        del ds[elem.tag]
        counts["removed"] += 1
    elif action == "Z":
        elem.value = [] if elem.VR == "SQ" else ("" if elem.VR in TEXT_VRS | {"DA", "TM", "DT", "AS", "DS", "IS", "UI"} else None)
        counts["emptied"] += 1
    elif action == "U":
        elem.value = _map_uids(elem.value, policy.key)
        counts["uids_replaced"] += 1
    else:  # D
        _dummy(elem, policy, result)
        counts["dummy"] += 1


def resolve_basic(elem) -> str:
    attribute = find_attribute(int(elem.tag))
    return resolve(attribute, frozenset()) if attribute is not None else "X"


def _dummy(elem, policy: HeaderPolicy, result: HeaderResult) -> None:
    if elem.VR == "SQ":
        _recurse(elem, policy, result, inside_dummy=True)
    elif elem.VR == "UI":
        elem.value = _map_uids(elem.value, policy.key)
    elif elem.VR in DUMMY:
        elem.value = DUMMY[elem.VR]
    elif elem.VR in ("OB", "OW", "UN", "OD", "OF", "OL", "OV"):
        elem.value = b"\x00\x00"
    else:  # US, SS, UL, SL, FL, FD, AT...
        elem.value = 0


def _unlisted(elem, policy: HeaderPolicy, result: HeaderResult, inside_dummy: bool) -> None:
    """An attribute Table E.1-1 does not list: kept, except dates (the date policy applies to
    every date) and, inside a sequence the profile replaces with dummies, free text."""
    if elem.VR == "SQ":
        _recurse(elem, policy, result, inside_dummy)
    elif elem.VR in ("DA", "DT") and elem.value not in (None, ""):
        if policy.shift_dates:
            _shift(elem, result)
        else:
            _record(elem, result.removed)
            elem.value = DUMMY[elem.VR]
            result.counts["dummy"] += 1
    elif inside_dummy and elem.VR in TEXT_VRS - {"CS"} and elem.value not in (None, ""):
        _record(elem, result.removed)
        elem.value = DUMMY[elem.VR]
        result.counts["dummy"] += 1
    else:
        result.counts["unlisted_kept"] += 1


def _clean_copies(ds, result: HeaderResult) -> None:
    """A value removed only as part of a private element, with no identifying shape, found again
    in an attribute Table E.1-1 does not list, gets the dummy value of its VR (as the profile's D);
    then the private values join ``result.removed``. pydicom's JPEG2000.dcm (a GE Genie NM) holds
    its dataset name "WHOLE BODY_E" in its private block and in Image ID (0054,0400), which the
    profile keeps: it was refused at verification. An attribute that also holds a value the
    profile's listed attributes removed (a name component, an id or date of 5+ digits, a
    description, an institution) or an id-shaped private value is left for the verifier to
    refuse, as is any copy in an attribute the profile or the user keeps: such a file holds
    identity where the profile does not look, and the user must see it. The test is the
    verifier's own (:func:`.leaks.removed_copies`)."""
    listed_pattern, listed_whole = needles(result.removed)
    private_pattern, private_whole = needles(result.removed_private - result.removed)
    result.removed |= result.removed_private
    if not private_whole:
        return
    for elem in ds.iterall():
        if (elem.tag.is_private or elem.VR not in DUMMY or find_attribute(int(elem.tag)) is not None
                or not removed_copies(elem, None, private_whole)
                or removed_copies(elem, listed_pattern, listed_whole)
                or removed_copies(elem, private_pattern, frozenset())):
            continue
        elem.value = DUMMY[elem.VR]
        result.counts["removed_copies_cleaned"] += 1


def _recurse(elem, policy: HeaderPolicy, result: HeaderResult, inside_dummy: bool) -> None:
    for item in elem.value or []:
        _clean_dataset(item, policy, result, inside_dummy)


def _kept_private_blocks(ds, policy: HeaderPolicy) -> set[tuple[int, int]]:
    """(group, block) of the private blocks whose creator holds an element to keep."""
    if not policy.keep_private:
        return set()
    creators = {(creator, group) for creator, group, _ in policy.keep_private}
    blocks = set()
    for tag in ds.keys():
        if tag.is_private and 0x0010 <= tag.element <= 0x00FF:
            value = str(ds[tag].value or "").strip().upper()
            if (value, tag.group) in creators:
                blocks.add((tag.group, tag.element))
    return blocks


def _private(ds, elem, policy: HeaderPolicy, result: HeaderResult, kept_blocks: set) -> None:
    tag = elem.tag
    if kept_blocks:
        if 0x0010 <= tag.element <= 0x00FF and (tag.group, tag.element) in kept_blocks:
            result.counts["private_kept"] += 1
            return
        block = (tag.group, tag.element >> 8)
        if block in kept_blocks:
            creator = str(ds[(tag.group, block[1])].value).strip().upper()
            if (creator, tag.group, tag.element & 0xFF) in policy.keep_private:
                result.counts["private_kept"] += 1
                return
    _record(elem, result.removed_private)
    del ds[tag]
    result.counts["private_removed"] += 1


def _map_uids(value, key: bytes):
    if value is None or value == "":
        return value
    if isinstance(value, (list, tuple)) or type(value).__name__ == "MultiValue":
        return [new_uid(str(v), key) for v in value]
    return new_uid(str(value), key)


def _shift(elem, result: HeaderResult) -> None:
    """Shift DA / DT values by the patient's offset; TM is kept (a whole-day shift leaves the time)."""
    if elem.VR == "TM" or elem.value in (None, ""):
        result.counts["kept"] += 1
        return
    values = list(elem.value) if type(elem.value).__name__ == "MultiValue" else [elem.value]
    shifted = [_shift_value(str(v), elem.VR, result.offset_days or 0) for v in values]
    _record(elem, result.removed)
    if any(s is None for s in shifted):  # a partial or malformed date: it cannot be shifted, so it goes
        elem.value = DUMMY[elem.VR]
        result.counts["dummy"] += 1
        return
    elem.value = shifted if len(shifted) > 1 else shifted[0]
    result.counts["dates_shifted"] += 1


def _shift_value(text: str, vr: str, offset: int) -> str | None:
    text = text.strip()
    if vr == "DA" and "-" in text:  # a range "YYYYMMDD-YYYYMMDD" (query datasets)
        parts = [_shift_value(p, vr, offset) if p else "" for p in text.split("-", 1)]
        return None if None in parts else "-".join(parts)
    if len(text) < 8 or not text[:8].isdigit() or (vr == "DA" and len(text) != 8):
        return None
    try:
        day = dt.date(int(text[:4]), int(text[4:6]), int(text[6:8])) + dt.timedelta(days=offset)
    except ValueError:
        return None
    return day.strftime("%Y%m%d") + text[8:]


def _record(elem, removed: set[str]) -> None:
    """Remember the text of ``elem`` (and of every element nested in it) for the verifier.

    Names are stored as ``"PN:<component>"`` (searched as substrings), the rest as values.
    Coded strings and the parts of coded entries (code value, scheme, meaning) are vocabulary,
    not identity, and are left out: they would be "found" in every kept code sequence; so are
    numbers (:data:`NUMBER_VRS`): a removed private "5.000000" is also the kept slice thickness."""
    if elem.VR == "SQ":
        for item in elem.value or []:
            for inner in item.iterall():
                if inner.VR != "SQ":
                    _record(inner, removed)
        return
    value = elem.value
    if (value is None or isinstance(value, (bytes, bytearray)) or elem.VR == "CS" or elem.VR in NUMBER_VRS
            or int(elem.tag) in CODE_PARTS):
        return
    values = list(value) if type(value).__name__ == "MultiValue" else [value]
    for v in values:
        text = str(v).strip()
        if text and not text.startswith(DICOM_UID_ROOT):  # UIDs the standard defines identify nobody
            removed.add(text)
            if elem.VR == "PN":
                removed.update("PN:" + p.strip() for p in text.replace("=", "^").split("^") if p.strip())


# elements that name or identify a person or a place beyond the person names (VR PN): what
# `mednn inspect` tells of a folder not yet de-identified (trial 15)
IDENTITY_KEYWORDS = ("PatientID", "OtherPatientIDs", "PatientBirthDate", "PatientAddress",
                     "PatientTelephoneNumbers", "MedicalRecordLocator", "AccessionNumber", "InstitutionName",
                     "InstitutionAddress", "InstitutionalDepartmentName", "StationName")


def identity_keywords(ds) -> list[str]:
    """The keywords of the top-level elements of ``ds`` that still hold a person's name (any
    PN element) or one of :data:`IDENTITY_KEYWORDS`; none for a file marked PatientIdentityRemoved
    YES. Keywords only, never values."""
    if str(ds.get("PatientIdentityRemoved", "") or "").strip().upper() == "YES":
        return []
    return [elem.keyword for elem in ds if not elem.tag.is_private and elem.keyword
            and (elem.VR == "PN" or elem.keyword in IDENTITY_KEYWORDS) and str(elem.value or "").strip()]
