"""Towns, plates, postcodes and hospitals (issue 20, item 1; places8 pass of 2026-12-07): towns ending in a
landform after a place cue or alone in brackets ("from Quarrow Creek", "(Fenmore Hollow)"), plates by their
strict shape where a writer puts one ("Reg RSA 248", "(taxi driver X)", "drives to clinic (vuf 409)"), and the
look-alikes kept (clinical words before a landform: "anion gap", "trigger point", "tuning fork"; a number's
label, a dose or a rate in a plate's shape; a note's title naming its clinic by the service, "FRCP", "HDU", "GP",
an export's header).

Every case runs in every casing it claims; names and places are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import ALL, UPPER_MIXED, assert_found, assert_kept

FOUND = [
    # a town ending in a landform after a place cue, in any casing
    ("66 yo man from {} seen re: nafld.", "Quarrow Hill", "LOCATION", ALL),
    ("Worked as a bookkeeper in {} until 1978.", "Fenmore Flats", "LOCATION", ALL),
    ("Pt asks about travel to {} over the holiday.", "Harlow Hollow", "LOCATION", ALL),
    ("Anaphylaxis at a wedding in {}, treated with adrenaline.", "Quillby Bay", "LOCATION", ALL),
    ("Retired welder from {}, Okanee County.", "Tarrow Fork", "LOCATION", ALL),
    ("Mobile unit in {} next week.", "Quarrow Point", "LOCATION", ALL),
    # alone in brackets after an institution
    ("Supplier: Quill Medical Supply ({}), acct 123.", "Fenmore Creek", "LOCATION", ALL),
    # a general hospital by its code: initials and "GH", in capitals anywhere or in a line in lower case
    ("TUMOUR BOARD | REF DR X ({}) | PATH 776", "QKGH", "LOCATION", UPPER_MIXED),
    ("ADM:10/10/96  {}  ATT:X", "TQGH", "LOCATION", UPPER_MIXED),
    ("date 27/1  suite 3, {}\noperator: x", "dvgh", "LOCATION", ("lower",)),
    # the fields a pharmacy, a supplier or a practice is named in, a records request's addressee, wide-gap fields
    ("Pharmacy: {}, fax 149-971-7450. Rx sent", "holy quarrow hospital", "LOCATION", ALL),
    ("Supplier: {} (Fenmore), acct 72476843", "Quill Medical Supply", "LOCATION", ALL),
    ("Referred by Dr X ({}) for ?peanut allergy", "Quarrow Springs Group Practice", "LOCATION", ALL),
    ("Location: Ward 6 bed 14, {}   Date 12/10", "Fenmore Medical Center", "LOCATION", ALL),
    ("To: Records Dept, {}\nI, X, consent", "quarrow point medical centre", "LOCATION", ALL),
    ("adm:11 may 2004  {}  att:x\nfin 749859407248", "quarrow health centre", "LOCATION", ("upper", "lower")),
    # a unit or a wing named after someone or a place where a site is named
    ("Bed state 07:30   site {}\nWard | Bed", "Quarrow Springs Unit", "LOCATION", ALL),
    ("To: {} (renal unit)  Appt 7/2 13:00", "Fenmore Unit", "LOCATION", ALL),
    ("TO: CUSTODIAN OF RECORDS, {}\nYOU ARE COMMANDED", "QUILLBY UNIT", "LOCATION", ALL),
    ("Angio booked 3-5 Oct at {}. Reviewed w/ Dr X.", "Harrow End Unit", "LOCATION", ALL),
    ("Next: the 16th at {}.", "quarrowview unit", "LOCATION", ("mixed", "lower")),
    # a clinic named by a word that is no service stays a place, at a title too
    ("{}  -  Progress Note\nPt: X", "Quarrowbakar Wound Clinic", "LOCATION", UPPER_MIXED),
    # a ZIP code after a rural route's box or after a street and a town without a state, a British postcode after a
    # street and a town whatever its last letters
    ("Home address rr 2 box 79, Quarrowby {}\nFather X.", "40033", "ZIP", ALL),
    ("Lives at RR 1 Box 274, Fenmore {}. Workplace: warehouse.", "1413", "ZIP", ALL),
    ("Apt 1Q, 3201 Larkspur Blvd, {} 26422-3538\nDied", "Quarrow Falls", "LOCATION", UPPER_MIXED),
    ("Address: 3389 Wellgate Lane, Fenmore {}\nPh: +44 188 493 6765", "XZ7 0KB", "ZIP", ALL),
    # a US state between a town and its ZIP is no town: the town before it stays a town, not a street
    ("Yuki X\nPO Box 1471\n{} Montana 77881\nx@y.example", "Fenmore Lake", "LOCATION", UPPER_MIXED),
    # a plate where a writer puts one: after a registration word, before its driver, in brackets in a driving line
    ("Advised to stop driving. Reg {}.\nDr Quill", "RSA 248", "VEHICLE", ALL),
    ("Cyclist hit by car (reg {}) outside home.", "HX67 YTE", "VEHICLE", ALL),
    ("Cyclist hit by car (reg {}) outside home.", "5ISY302", "VEHICLE", ALL),
    ("Transport: {} (taxi driver Quill)\n", "CYW 960", "VEHICLE", ALL),
    ("Transport: {} (hospital car driver Quill)\n", "FME-0418", "VEHICLE", ALL),
    ("Transport: {} (volunteer car driver Quill)\n", "1HGBH41JXMN109186", "VEHICLE", ALL),
    ("Client drives to clinic ({}), parking pass #906.", "919 BFA", "VEHICLE", ALL),
]


@pytest.mark.parametrize("template,value,kind,casings", FOUND, ids=[f"{k}:{v}" for _, v, k, _ in FOUND])
def test_found_in_every_casing(deid, template, value, kind, casings):
    assert_found(deid, template, value, kind, casings)


KEPT = [
    # clinical words before a landform are no town, in a line in one case
    ("Labs: sodium 131, in anion gap acidosis.", "anion gap", ALL),
    ("Injection to trigger point of the left trapezius.", "trigger point", ALL),
    ("Vibration sense tested with tuning fork, reduced to the ankle.", "tuning fork", ALL),
    ("Pain radiates to pressure point behind knee.", "pressure point", ALL),
    ("No falls. At risk (mechanical falls).", "mechanical falls", ALL),
    # a number's label, a dose or a rate in a plate's shape
    ("Registration: SSN 416 48 7606; Blue Cross", "SSN 416", ALL),
    ("Insulin reg 100 units; reg 500 mcg B12.", "500 mcg", ALL),
    ("Drove himself in (HR 120 bpm on arrival).", "120 bpm", ALL),
    ("Pt in car park (ABG 7.31) at 0900.", "ABG 7.31", ALL),
    ("Drove in; labs (CRP 112) reviewed.", "CRP 112", ALL),
    # a note's title naming the clinic by its service, a credential, a British ward kind, the GP, an export's header
    ("Falls Clinic Assessment\nX, 92 yrs", "Falls Clinic", ALL),
    ("Memory clinic - Quarrow Cottage Hospital\n12/03/2020", "Memory clinic", ALL),
    ("Travel Clinic  7/19/2019\nX  MR4876", "Travel Clinic", ALL),
    ("Bariatric Surgery Clinic - pre-op eval\nX", "Bariatric Surgery Clinic", ALL),
    ("Sports Med Clinic | Quarrow Ward\nX", "Sports Med Clinic", ALL),
    ("Referring: Dr Quill Harlow, FRCP\n   Pre   Post", "FRCP", UPPER_MIXED),
    ("Bed 4 | DTA | needs tx to HDU\nWard 12 | 22", "HDU", UPPER_MIXED),
    ("Copy to GP Dr Quill, Fenmore Health Centre", "GP", UPPER_MIXED),
    # a weak head before a wide gap is no name: "JAIL MEDICAL" is a header's words
    ("COUNTY JAIL MEDICAL  Quarrow County Detention Center\nX", "JAIL MEDICAL", UPPER_MIXED),
    # a kind of ward, a specialty or clinical words before "unit" / "wing" are no name
    ("Moved to Acute Stroke Unit, then Renal Unit.", "Acute Stroke Unit", ALL),
    ("Site: Day Surgery Unit, bay 3", "Day Surgery Unit", ALL),
    ("Disposition: PACU, then Recovery Wing.", "Recovery Wing", ALL),
    # words, names and growth hormone in the shape of a general hospital's code
    ("COUGH AND HIGH FEVER, THIGH PAIN.", "THIGH", UPPER_MIXED),
    ("Seen by DR SINGH and DR PUGH.", "SINGH", ("upper",)),
    ("Treated with rhGH; HGH levels low.", "HGH", UPPER_MIXED),
    ("name\tmrn\tdob\tclinic\tphone\nX\t123\t1/2/1950\tQuarrow Clinic\t555", "mrn\tdob\tclinic", ALL),
]


@pytest.mark.parametrize("case", KEPT, ids=[f"{c[1]}-{i}" for i, c in enumerate(KEPT)])
def test_look_alikes_kept(deid, case):
    template, kept, casings = case
    assert_kept(deid, template, kept, casings, {"LOCATION", "ZIP", "ADDRESS", "VEHICLE"})
