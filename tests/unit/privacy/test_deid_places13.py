"""Places, places13 pass of 2026-12-08 (issue 20), read from set 12's misses and false positives grouped by family
(a layout, a position, a shape), never by the surrogates a writer used.

Found: an address whose street has no type word ("<house> Route 9", "<house> The Fold") where its layout says so (a
house, a town, a state and a ZIP or a postcode, after "home", a list item's dash or a form's wide gap, to a gap of two
spaces); a letterhead's address stacked on lines with a region line or a state's code before the postcode, a bare
postcode where the house line names its street's type; the street line above a US "<town>, <ST> <ZIP>"; a hospital's
short name ("<town> General", "<hyphened> Regional", "<name> Family Health") as a whole field; a pharmacy named after
its road. Kept: a ship's, a camp's or a mine's title across a spaced dash, a weak head before the noun it describes,
a cabin's number, a weekday's short form, a public body's acronym on a fax line, a practice named only as "GP".

Every case runs in every casing it claims; names and places are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import ALL, UPPER_MIXED, assert_found, assert_kept

FOUND = [
    # a street without a type word, read by the address's layout: house, town, state and ZIP
    ("Next of kin: see file\nHome: {}, Brackley, OH 43001  Mobile 555 0199", "48 Route 12", "ADDRESS", ALL),
    ("Tenancy: rented; home {}, Pune, 411001; emergency contact: her son", "17 Kamal Nagar", "ADDRESS", ALL),
    ("Deliveries today\n3. Aileen Moss -- {}, Oldbury, B69 4RT -- tel 555 0142", "9 The Fold", "ADDRESS", ALL),
    ("Deliveries today\n3. Aileen Moss -- 9 route 4, {} 03601 -- tel 555 0142", "Alstead", "LOCATION", ("lower",)),
    ("Deliveries today\n3. Aileen Moss -- 9 route 4, Alstead {} -- tel 555 0142", "03601", "ZIP", ("lower",)),
    ("MOSS, AILEEN  DOB 1/2/1960  {}, Dunmore, PA 18512\nFills: 3", "3 Route 6", "ADDRESS", UPPER_MIXED),
    # a letterhead's address stacked on lines: a region line, a state's code, a bare postcode after a street's type
    ("Dear friend\n12 Lagos Road\n{}\nEnugu State\n400102\n\nRef 1", "Nsukka", "LOCATION", ALL),
    ("Dear friend\n12 Lagos Road\nNsukka\nEnugu State\n{}\n\nRef 1", "400102", "ZIP", ALL),
    ("Mr and Mrs Pike\n{}\nPenrith\nCumbria\nCA11 7QT\n\nDear both", "Flat 2 40 The Sands", "ADDRESS", ALL),
    ("The Surgery\n7 Mill Road\n{}\nQLD 4870\nTel 555 0100", "Gordonvale", "LOCATION", UPPER_MIXED),
    ("Harbour Clinic\n51 Quay Street\n{}\n3015\nTel 555 0100", "Tauranga", "LOCATION", ALL),
    ("Harbour Clinic\n51 Quay Street\nTauranga\n{}\nTel 555 0100", "3015", "ZIP", ALL),
    ("THIS IS NOT A BILL\nMOSS, AILEEN\n{}\nALSTEAD, NH 03601\n", "88 ROUTE 123", "ADDRESS", ALL),
    ("Kembangan Polyclinic\nBlk 12 Lorong Lima Ave 3 #04-21\n{}\n520123\nTel 555 0100", "Lorong Lima", "LOCATION", ALL),
    # a hospital's short name as a whole field: in brackets, after a title's dash, a bare "Facility", a comma
    ("Biopsy done at an outside hospital ({}) in May.", "Tri-Valley Regional", "LOCATION", UPPER_MIXED),
    ("LITHIUM CLINIC - {}   Scheme: weekly", "Banbury General", "LOCATION", ("mixed",)),
    ("TUMOUR ABSTRACT   Facility {}   Accession 12", "Tri-Valley Regional", "LOCATION", UPPER_MIXED),
    ("sleep study: Dr Ames, {}\n5. Smoker? never", "Tri-Valley Regional", "LOCATION", ("mixed",)),
    # "<name> Family Health" ending a field, and an institution before a title in capitals (a letterhead)
    ("HARDSHIP FUND APPLICATION - {}\nGuarantor: see file", "Linden Family Health", "LOCATION", UPPER_MIXED),
    ("{} - CODE BLUE RECORD (adult)", "Linden Family Health", "LOCATION", UPPER_MIXED),
    ("{} BODY STORE REGISTER  (book 4)", "Marwood Hospital", "LOCATION", ("mixed",)),
    # a weak head other than "medical" before a service's words stays a name ("<name> Memorial Apheresis Unit")
    ("PLASMA EXCHANGE SHEET\n{} Apheresis Unit\nName: see label", "Kelso Ridge Memorial", "LOCATION", ("mixed",)),
    # a pharmacy named after its road
    ("Pharmacy: {}  Ph 555 0100", "Route 30 Drug", "LOCATION", UPPER_MIXED),
]

KEPT = [
    # a spaced dash separates a title's fields; a weak head before the noun it describes
    ("MV Northern Star - MEDICAL CENTRE DAILY LOG - 3/4/2026", "Star - MEDICAL", UPPER_MIXED),
    ("FLOOD SHELTER MEDICAL REGISTER - Town hall", "SHELTER MEDICAL", ("upper",)),
    ("[PHOTO OF BOARD - WARD 9 MALE MEDICAL - 2/2/2026]", "MALE MEDICAL", ("upper",)),
    # a service's clinic after its hospital and the title's dash is no second place
    ("FENWICK DISTRICT HOSPITAL - TRANSPLANT CLINIC\nPatient: see label", "TRANSPLANT CLINIC", UPPER_MIXED),
    # a ship's cabin by its number, before the passenger
    ("- Cabin 10422 OKORO, Ada (NG) crew: sprain", "10422", UPPER_MIXED),
    # a word in small letters after "at" in a line with capitals is no hospital's code (Tagalog "at" is "and")
    ("2. Rosa, 44y, PhilSys on file - ubo at sipon, paracetamol", "sipon", ("mixed",)),
    # a weekday's short form after "from"
    ("Re: results of bloods from Tues\nTaken by switch", "Tues", UPPER_MIXED),
    ("Bloods from Thurs are back.", "Thurs", UPPER_MIXED),
    # a public body's acronym on a fax line; a lasting power of attorney; a practice named only as the GP's
    ("Faxed to PHU 555-0100 on 3/3/26", "PHU", UPPER_MIXED),
    ("Capacity: LPA health & welfare registered", "LPA health", UPPER_MIXED),
    ("FROM: AMES, RUTH (GP SURGERY RE MOSS)", "GP SURGERY", UPPER_MIXED),
    # three lines of words over a number are no letterhead
    ("Results\n12 Sodium\nPotassium\n4500\n", "4500", ALL),
]


# kept as any type: a form's title word the dictionary lacks, once a name no longer runs across the dash after it
KEPT_ANY = [
    ("SEPSIS SCREENING CHECKLIST  - MARWOOD HOSPITAL", "CHECKLIST", ("upper",)),
    ("[OCR OF WHITEBOARD PHOTO - WARD 7]", "WHITEBOARD", ("upper",)),
]


@pytest.mark.parametrize("template,value,kind,casings", FOUND)
def test_found(deid, template, value, kind, casings):
    assert_found(deid, template, value, kind, casings)


@pytest.mark.parametrize("template,kept,casings", KEPT)
def test_kept(deid, template, kept, casings):
    assert_kept(deid, template, kept, casings, wrong={"LOCATION", "ADDRESS", "ZIP"})


@pytest.mark.parametrize("template,kept,casings", KEPT_ANY)
def test_kept_any_type(deid, template, kept, casings):
    assert_kept(deid, template, kept, casings)
