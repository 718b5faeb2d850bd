"""Postcodes, towns, wards, practices and plates as exports and other countries write them (issue 20,
item 1; places7 pass of 2026-12-07): the postcode that ends an address's last line in any country's
shape (Irish Eircode, Indian PIN, Singapore, four digits, a Canadian code with letters the post leaves
out), a country between town and postcode, a rural mail box; an HL7 address (XAD) and an HL7 message's
facilities; the cells under a header that names a place column in a CSV or tab-separated export;
wards named without "the"; practices named after their street and rest homes; "car reg" plates; and the
look-alikes kept (a date after a street, "care home" as a kind, a numbered ward, a timed log row's
initials are no hospital code).

Every case runs in every casing it claims; names, codes and places are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import ALL, CASINGS, UPPER_MIXED, assert_found, assert_kept

FOUND = [
    # the postcode ending an address's last line, after a street or a box, in any country's shape
    ("Dear Dr Quill\n12 Harlow Road\nQuarrowmore, {}\n\nRe: X", "7695", "ZIP", ALL),
    ("Address: 6 Tillbrook Avenue, Fenmore, {}\nReport link: x", "456 308", "ZIP", ALL),
    ("Address: 66 Harlow Street\nFenmore {}\nTel 089 426 0620", "E76 I7L7", "ZIP", ALL),
    ("Mailed: PO Box 9873, Quarrow NS  {}\nBook online", "C2W 5F9", "ZIP", ALL),
    ("lives at PO Box 5335, Quarrowby  {} (2 steps to enter)", "6041", "ZIP", ALL),
    ("Ms X, 2049 Quill Marg Apt 1D, {}, WA, 4850\n", "Quarrow Heights", "LOCATION", ALL),
    ("12 Fenmore Street\nHarlowton, Australia, {}\n", "7904", "ZIP", ALL),
    ("Mrs X, {}, Quarrow Flat Australia  9260\n", "RMB 6273", "ADDRESS", ALL),
    # an HL7 address and an HL7 message's facilities
    ("PID|1||123^^^MRN||X^Y||19830505|F|||92 Harlow Ct^^{}^VT^37135||555-0143", "Quarrow Falls", "LOCATION",
     UPPER_MIXED),
    ("PID|1||123^^^MRN||X^Y||19830505|F|||92 Harlow Ct^^Quarrow Falls^VT^{}||555-0143", "37135", "ZIP", ALL),
    ("MSH|^~\\&|LAB|{}|EHR|QXH|20200611||ORU^R01|7533|P|2.5", "QXH", "LOCATION", UPPER_MIXED),
    ("MSH|^~\\&|LAB|QXH|EHR|QXH|20200611||ORU^R01|7533|P|2.5\nPV1|1|O|{}^^^^^||||", "Quill Ward", "LOCATION",
     UPPER_MIXED),
    # the cells under a header that names a place column
    ("id,visit,clinic,zip,notes\n17,2025-07-06,Quarrow Clinic,{},\"BP recheck\"\n", "36993", "ZIP", ALL),
    ("id,visit,clinic,postcode,notes\n17,2025-07-06,Quarrow Clinic,{},\"f/u\"\n", "T54 L6W8", "ZIP", ALL),
    ("id\tvisit\tfacility\tcity\n17\t2025-07-06\t{}\tFenmore\n", "Harlow Bay Hospital", "LOCATION", ALL),
    # wards named without "the", practices named after their street, rest homes
    ("TRANSFER REQUEST\nFrom: ward 7A\nTo: {}\nRequested by: X", "Quillfeather Ward", "LOCATION", UPPER_MIXED),
    ("Facility: {}    Area: Ward 6", "Quarrow Ward", "LOCATION", UPPER_MIXED),
    ("AUDIOLOGY REPORT\n{}, Hearing Services\nClient: X", "Harlow Street Family Practice", "LOCATION", ALL),
    ("PODIATRY - routine care\n{}\nX, Y   DOB: 20-Mar-1950", "Fenmore Road Primary Care", "LOCATION", ALL),
    ("Referred by: Dr Quill ({})\n\nOtoscopy clear.", "Quarrowdale Rest Home", "LOCATION", UPPER_MIXED),
    # "car reg" plates
    ("Unit 12, vehicle reg {}\nAccepting: Dr Quill", "VEB 716", "VEHICLE", ALL),
    ("the machine was broken (car reg {}).", "KKG 261", "VEHICLE", ALL),
    ("Car reg (parking permit): {}\nNext of kin: X", "755 HRC", "VEHICLE", ALL),
]


@pytest.mark.parametrize("template,value,kind,casings", FOUND, ids=[f"{k}:{v}" for _, v, k, _ in FOUND])
def test_found_in_every_casing(deid, template, value, kind, casings):
    assert_found(deid, template, value, kind, casings)


KEPT = [
    # a date after a street is no town and postcode
    ("Lives at 12 Oak Road, since March 2019, with her son.", "2019", ALL),
    ("Moved to 4 Elm Street, in June 2020, alone.", "2020", ALL),
    # a kind of home, a numbered or generic ward, a lower-case ward in a sentence
    ("Pt lives in a rest home. Needs care home placement soon.", "care home", ("mixed",)),
    ("Admitted to Medical Ward 3, then moved to General Ward.", "Medical Ward", UPPER_MIXED),
    ("Admitted to Medical Ward 3, then moved to General Ward.", "General Ward", UPPER_MIXED),
    ("Children's Ward review booked.", "Children's Ward", UPPER_MIXED),
    # an HL7 unit written as a code, a coded observation's components
    ("PV1|1|I|ICU^12^B||||", "ICU", UPPER_MIXED),
    ("OBX|1|NM|2345-7^GLUCOSE^LN^12345^Glu^L||5.4", "12345", UPPER_MIXED),
    # a table whose header names no place column
    ("id,visit,dose,notes\n17,2025-07-06,36993,\"ok\"\n", "36993", ALL),
    # the initials ending a time-stamped log row are the writer's, not a hospital's code
    ("PHONE LOG\n17:21  caller: drowsy but arousable - KW\n", "KW", ("upper", "mixed")),
    ("CALL LOG\n0932 | callback: HR 118 | LB\n", "LB", ("upper", "mixed")),
    # a car's speed after "car reg" words is still no plate
    ("Vehicle reg checked; car at 40 mph.", "40 mph", ALL),
]


@pytest.mark.parametrize("case", KEPT, ids=[f"{c[1]}-{i}" for i, c in enumerate(KEPT)])
def test_look_alikes_kept(deid, case):
    template, kept, casings = case
    wrong = {"LOCATION", "ZIP", "ADDRESS", "VEHICLE"}
    assert_kept(deid, template, kept, casings, wrong)


def test_person_named_ward_is_no_ward(deid):
    """"Re: Ashley Ward" names a patient; the named-ward rule leaves a person cue's name alone."""
    for casing in ("upper", "mixed"):
        text = CASINGS[casing]("Dr Quill\nQuarrow Clinic\n\nRe: Ashley Ward, DOB 3/4/1950\n")
        start = text.index(CASINGS[casing]("Ashley"))
        assert not any(s.start <= start < s.end and s.type == "LOCATION" for s in deid.find(text)), casing
