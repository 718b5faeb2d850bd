"""Non-person identifiers written by a writer the rules were not made on (issue 20, item 1; pass
of 2026-12-07, helper hosp4): institutions by their position (a code before a department,
beside a clinician, after a field or a hand-off, a letterhead; a named institution opening a line;
a ward by its building), plates by their shape beside a vehicle word, partial SSNs after the SSN
word, dictation and wristband numbers, hyphenated numbers that no range reads as, ages over 89
after "Age:" or before the person, ZIP codes after a state's name or a post-office box's town,
dates with dots and days by their ordinal, internal extensions;
and the clinical text that looks like them kept.

Every case runs in every casing it claims; names, codes and numbers are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import ALL, UPPER_MIXED, assert_found, assert_kept


FOUND = [
    # a hospital's code before a department it owns
    ("ED NURSING NOTE  {} EMERGENCY DEPT\nPt: Quill, Doran", "QVH", "LOCATION", ALL),
    ("SURGICAL REPORT\n{}  Department of Surgery\nPatient: Vance", "NTMC", "LOCATION", ALL),
    ("Discharge Medication List\n{} Pharmacy   2/3/2025\nPatient: Orrin", "DLH", "LOCATION", UPPER_MIXED),
    ("Handoff\nFrom: {} MICU   To: floor\n", "PVH", "LOCATION", UPPER_MIXED),
    # beside a clinician: an affiliation in brackets or after a comma
    ("Referred by: Dr Halvorsen ({})\nReason: low mood", "NGH", "LOCATION", ALL),
    ("Sincerely,\nMara Quill, MD\ncc: Dr Tamsin, {}\nJob 5531\n", "WVMC", "LOCATION", UPPER_MIXED),
    # after a field or a hand-off
    ("Transfer note\nFrom: {}   To: rehab\nPatient: Orrin", "KVH", "LOCATION", UPPER_MIXED),
    ("Verbal report given. Handoff to {} at 14:00.", "QMC", "LOCATION", UPPER_MIXED),
    # a letterhead: a code alone on a header line
    ("{}\nEndocrine Clinic\n12 Harbor Rd", "TVMC", "LOCATION", UPPER_MIXED),
    ("home visit note\n{}\npatient: quill, doran", "rvh", "LOCATION", ("lower",)),
    ("ED TRIAGE - {}\nQUILL, DORAN (5531)", "NVH", "LOCATION", UPPER_MIXED),
    # the town after a post-office box, to the end of its line or clause
    ("Directions: PO Box 88, {} - blue house past the mill", "Tillbrook", "LOCATION", ALL),
    ("Contact: PO Box 412\n{}.\nTransport: ambulance", "Harlow", "LOCATION", ALL),
    # a named institution opening a line, in any casing
    ("OPERATIVE NOTE\n{}  Dept of Surgery\nPATIENT: Vance", "Quarrington Hospital", "LOCATION", ALL),
    ("Intake\n{} - Adult Intake\nName: Orrin", "Fenwick Medical Center", "LOCATION", ALL),
    ("HOME VISIT\nAgency: {}   Visit date: 3/2/2025", "Tillbrook Home Care", "LOCATION", ALL),
    ("Prior admission to {} in 1989.", "Fenwick Behavioral Health", "LOCATION", ALL),
    ("Plan: pt going to {} today.", "Harlow Urgent Care", "LOCATION", ALL),
    # a ward by its building after a move
    ("Accepted for admission to {} 7.", "Marsh Tower", "LOCATION", ALL),
    ("Disposition: PACU, then {}. Family updated.", "Thorne Wing", "LOCATION", ALL),
    # plates beside a vehicle word, in every spacing
    ("Ambulance unit 12, plate {}. ETA 10 min.", "318 QZT", "VEHICLE", ALL),
    ("MVC - pt's car ({}) towed.", "KD71QX", "VEHICLE", ALL),
    ("Daughter driving ({}), arriving soon.", "7HQ-204", "VEHICLE", ALL),
    ("Parking placard issued for plate {}.", "TQL 4410", "VEHICLE", ALL),
    # a partial SSN after the SSN word, however it is worded
    ("Caller verified by last 4 of SSN {}.", "8123", "SSN", ALL),
    ("SSN on file {} matched.", "4410", "SSN", ALL),
    ("Insurance Aetna; SSN {}; acct 55.", "7302", "SSN", ALL),
    ("SSN ending in {}.", "0917", "SSN", ALL),
    # dictation, transcription and wristband numbers
    ("D: 3/7/25  T: 3/9/25  Doc {}\n", "447120", "ID", ALL),
    ("Dictation # {}\n", "3318-06", "ID", ALL),
    ("Wristband barcode {} scanned.", "6610-442", "ID", ALL),
    ("Patient: Orrin, Ada  MR {}\n", "0418-552", "ID", ALL),
    # a hyphenated number that no range reads as (the second part smaller, or a leading zero)
    ("QUILL, DORAN ({})  DOB 1/2/1960", "7718-304", "ID", ALL),
    ("Quill, Doran F / {} / ins ZQP51", "6618-402", "ID", ALL),
    # ages over 89 after "Age:" and before the person, in digits and in words
    ("DOB: 2/3/1931   Age: {}\nLevel of care: routine", "ninety-four", "AGE", ALL),
    ("DOB: 2/3/1925   Age: {}\n", "one hundred and one", "AGE", ALL),
    ("Pt Doran Q. Vance, {} woman, MRN 5531", "96", "AGE", ALL),
    ("Pt Doran Q. Vance, {} man, MRN 5531", "ninety one", "AGE", ALL),
    # ZIP codes after a state's name in any casing, and after the town after a PO box
    ("Lives with her son in Tillbrook, Oregon {}. Works as a welder.", "97112", "ZIP", ALL),
    ("Mail to PO Box 771, Harlow {}.", "04412", "ZIP", ALL),
    # dates written with dots, days by their ordinal after "on / since"
    ("Telephone encounter {} - spoke with pt", "11.14.25", "DATE", ALL),
    ("Hospice visit {}\nDoran Quill", "3.9.2026", "DATE", ALL),
    ("Daughter reports confusion since {}.", "17th", "DATE", ALL),
    ("I have an appt on the {} but work til 5.", "23rd", "DATE", ALL),
    # internal numbers and extensions in every form
    ("Maria Quill, PharmD  ext {}\n", "6-3021", "PHONE", ALL),
    ("VAD coordinator Jo Hart ({}).", "4-7710", "PHONE", ALL),
    ("Call daughter at {} any hour.", "448-9012x217", "PHONE", ALL),
]


@pytest.mark.parametrize("template,value,kind,casings", FOUND, ids=[f"{k}:{v}" for _, v, k, _ in FOUND])
def test_found_in_every_casing(deid, template, value, kind, casings):
    assert_found(deid, template, value, kind, casings)


KEPT = [
    # clinical words where an institution, a ward or a plate could stand
    ("Brief Hospital Course: stable on room air.", "Hospital", ALL),
    ("He was moved to the intensive care unit overnight.", "intensive care unit", ALL),
    ("Transferred to Burn Unit 4 for dressing changes.", "Burn Unit", ALL),
    ("Seen by Dr Halvorsen (PCP) and Dr Quill (ICU) today.", "PCP", ALL),
    ("Sincerely,\nDr Tamsin, FACC\n", "FACC", ALL),
    ("Update sent to Dr Quill by fax.", "Dr", ALL),
    ("Transitioned to PO Lasix; message sent from IP address.", "PO", ALL),
    ("Can u call me back tomorrow?", "u call me", ALL),
    ("Labs: hemoglobin 9.8, platelets 188, creatinine 1.1.", "platelets 188", ALL),
    ("A 3.5 mm titanium plate 10 cm long was fixed.", "plate 10 cm", ALL),
    ("The SSN field was left blank.", "SSN", ALL),
    ("Insurance Aetna; SSN 7302; acct 55.", "SSN", ALL, ("ID",)),  # the label, not the number
    ("SSN on file matched.\nAdvised home care, call back if worse.", "Advised home care", ("mixed",)),
    ("Per version 3.4.19 of the software; EC 3.1.26 assay.", "3.4.19", ALL),
    ("Per version 3.4.19 of the software; EC 3.1.26 assay.", "3.1.26", ALL),
    ("Room on 3rd floor; since 3rd grade; on the 5th day; (7-2024) report.", "3rd", ALL),
    ("Room on 3rd floor; since 3rd grade; on the 5th day; (7-2024) report.", "5th", ALL),
    ("Room on 3rd floor; since 3rd grade; on the 5th day; (7-2024) report.", "7-2024", ALL, ("PHONE",)),
    ("Assessment - CHF\nPlan - ICU\n", "CHF", ALL),
    ("Send forms to PO Box 12, the office.", "the office", ALL),
    # ranges, year spans, page spans are values, not record numbers
    ("Seen 1990-95 for asthma; see pages 1234-56.", "1990-95", ALL, ("ID",)),  # a year span is a DATE
    ("Seen 1990-95 for asthma; see pages 1234-56.", "1234-56", ALL),
    ("Platelets 150000 /uL, WBC 9100/mm3 today.", "150000", ALL),
    ("Patient is 92 kg and 95 cm; 90 male and 80 female patients were enrolled.", "90", ALL),
]


@pytest.mark.parametrize("case", KEPT, ids=[c[1] for c in KEPT])
def test_clinical_look_alikes_kept(deid, case):
    template, kept, casings, *forbidden = case
    wrong = set(forbidden[0]) if forbidden else {"LOCATION", "VEHICLE", "SSN", "ID", "AGE", "ZIP", "DATE", "ADDRESS"}
    assert_kept(deid, template, kept, casings, wrong)
