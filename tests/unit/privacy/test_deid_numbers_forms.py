"""Numbers written as a new writer writes them (issue 20, item 1; pass of 2026-12-07, helper
numbers5): a day by "the Nth", month/day after "H&P", two-digit years in a history list or phrase,
hospital extensions "d-dddd" after a phone word or a person, ages over 89 after "is / will be",
ids in spaced groups after their label, member numbers of three mixed pieces; and the clinical
number forms that look like them kept (Apgar pairs, strength after "4+/5", gestational ages,
Epworth scores, needle sizes, doses in units and grams, chemotherapy cycles, trial and protocol
numbers, ranges and a month with its year, temperatures in Fahrenheit).

Every case runs in every casing it claims; names and numbers are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import assert_found, assert_kept


FOUND = [
    # a day of the month by its ordinal after "the", ending a clause or before a time or a field gap
    ("Head US 3/2: no bleed. Next head US {}.\nHeme: stable", "the 19th", "DATE"),
    ("Date of service: {}   MRN 448120", "the 7th", "DATE"),
    ("Pump to be disconnected {} at 1400 by home health.", "the 12th", "DATE"),
    ("Born {} at a community hospital, then transferred.", "the 3rd", "DATE"),
    ("Study date: {} (Friday night)", "the 28th", "DATE"),
    # month/day after a document name ending in a single letter
    ("Enclosed: H&P {}, path report, imaging.", "4/19", "DATE"),
    # two-digit years in a history list or a phrase of history, and after "dx" or a wrapped "in"
    ("PSH: appy {}; knee scope 05 at an outside hospital", "98", "DATE"),
    ("OB hx: C/S in 99 for arrest of labor, SVD {}. GBS neg", "04", "DATE"),
    ("70 yo woman (h/o CABG in 1988, Whipple {}) came with her son.", "93", "DATE"),
    ("History: diverticulitis; prior biopsy {}.\nGross: two cores", "97", "DATE"),
    ("Glaucoma OU, DM2 dx {}, cataract surgery OD last year.", "08", "DATE"),
    ("Left knee OA first noted in\n{}. Risks reviewed.", "19", "DATE"),
    ("Dental: bleeding gums x 3 days. Last cleaning {}.\nMed hx: HTN", "11", "DATE"),
    ("Pt says she was at an outside ED in {} for the same thing.", "06", "DATE"),
    # hospital extensions after a phone word on the line, or ending a clause after a person
    ("Proxy: Tove Rask, phone {}, alternate sister.", "5-7135", "PHONE"),
    ("Mom's cell {}. Grandmother at bedside.", "8-6574", "PHONE"),
    ("Paged the covering resident at {} - no callback.", "6-6482", "PHONE"),
    ("Case manager: Orla Quint, RN  {}\n", "2-5419", "PHONE"),
    ("Supervisor Bram Okoye {}\n\nHx: warehouse work", "8-4952", "PHONE"),
    ("Court-appointed guardian Ilse Varga - {}, ivarga@example.org", "7-4723", "PHONE"),
    ("Printed for O. Hale RN  ext {}\n", "x3209", "PHONE"),
    # an age over 89 as the complement of "is", "will be", "turned"
    ("Lives with daughter. Pt is {} and sharp; wants to go home.", "97", "AGE"),
    ("PT: I'll be {} next month, can you believe it.", "91", "AGE"),
    ("PT: I'll be {} next month.", "ninety-four", "AGE"),
    ("She said she will be {} in May.", "one hundred two", "AGE"),
    ("Mom turned {} last week and lives alone.", "95", "AGE"),
    # the forms every writer uses, in a note typed in one case too
    ("HPI: {} with falls at home.", "93F", "AGE"),
    ("HPI: {} with falls at home.", "94 F", "AGE"),
    ("Call clinic at {} tomorrow.", "(555)5551234", "PHONE"),
    ("Seen on {} in clinic.", "the 3rd", "DATE"),
    # ids in spaced groups after the label that names them; three mixed pieces
    ("SSN on file.\nDriver lic {} (PA)   Home: PO Box 12", "705 018 943", "ID"),
    ("Workers comp claim # {}; adjuster called.", "QRT 9519 2326 96", "ID"),
    ("Chart# E8896600  Ins Delta {}\nCC: tooth pain", "4WK7-NG2-AD15", "ID"),
    # a number printed with the state that issued it; an extension on the line after its phone word
    ("SSN on file\n {} (KY)   Home: PO Box 12", "591 824 799", "ID"),
    ("Photo ID: {} (OH) checked.", "DL4471290", "ID"),
    ("Daughter at bedside wants update, her cell\n{}\nWill call after rounds.", "6-5553", "PHONE"),
]


@pytest.mark.parametrize("template,value,kind", FOUND, ids=[f"{k}:{v}" for _, v, k in FOUND])
def test_found_in_every_casing(deid, template, value, kind):
    assert_found(deid, template, value, kind)


KEPT = [
    # ordinals that count something, scores and scales, mixed numbers, sizes
    ("Seen on the 5th day; the 95th percentile; the 3rd, 4th and 5th ribs; the 2nd and 5th days.", "5th day"),
    ("Seen on the 5th day; the 95th percentile; the 3rd, 4th and 5th ribs; the 2nd and 5th days.", "95th"),
    ("Seen on the 5th day; the 95th percentile; the 3rd, 4th and 5th ribs; the 2nd and 5th days.", "3rd"),
    ("Seen on the 5th day; the 95th percentile; the 3rd, 4th and 5th ribs; the 2nd and 5th days.", "2nd"),
    ("He came for the 3rd time with pain.", "3rd"),
    ("GA at birth 26 3/7 wk, BW 1131 g. Apgars 6/8. CGA now 30 1/7.", "3/7"),
    ("GA at birth 26 3/7 wk, BW 1131 g. Apgars 6/8. CGA now 30 1/7.", "6/8"),
    ("GA at birth 26 3/7 wk, BW 1131 g. Apgars 6/8. CGA now 30 1/7.", "1/7"),
    ("GA at birth 26 3/7 wk, BW 1131 g. Apgars 6/8. CGA now 30 1/7.", "BW 1131"),
    ("Tender AC joint, strength 4+/5 abd, 5/5 elsewhere.", "5/5"),
    ("Epworth 7/24. BMI 31.", "7/24"),
    ("IOP (Tonopen): 14/16 at 10:42", "14/16"),
    ("Port accessed w/ 20g 3/4\" needle, + blood return.", "3/4"),
    # doses, weights, obstetric and oncology forms, study numbers
    ("Heparin 2000u bolus, 1000u/hr; EFW 3200g.", "2000u"),
    ("Heparin 2000u bolus, 1000u/hr; EFW 3200g.", "1000u/hr"),
    ("Heparin 2000u bolus, 1000u/hr; EFW 3200g.", "3200g"),
    ("S: 24yo G3P2002 at 32w3d by LMP.", "32w3d"),
    ("Regimen: gem/abraxane C10D15, chair 12.", "C10D15"),
    ("Protocol HSR-2022-414 (OPAL-2, NCT03033102) consent signed.", "HSR-2022-414"),
    ("Protocol HSR-2022-414 (OPAL-2, NCT03033102) consent signed.", "NCT03033102"),
    # ranges, a month with its year, values in a history, counts after "in"
    ("Heparin 1-2000 units per hour; titre 1-1000 noted; range 1-5000 cells.", "1-2000"),
    ("Heparin 1-2000 units per hour; titre 1-1000 noted; range 1-5000 cells.", "1-5000"),
    ("Report (7-2024) filed; last seen 5-2019.", "7-2024"),
    ("Antibody titre 1-1000.\nDilution 1-2000, then wash.", "1-1000"),
    ("Antibody titre 1-1000.\nDilution 1-2000, then wash.", "1-2000"),
    ("PMH: EF 55; BMI 42, CKD stage 3; prior dose 40.", "55"),
    ("PMH: EF 55; BMI 42, CKD stage 3; prior dose 40.", "42"),
    ("PMH: EF 55; BMI 42, CKD stage 3; prior dose 40.", "40"),
    ("Improved in 12 for the first week; enrolled in 10 patients.", "12"),
    ("Last dose 10. Last HR 88, last glucose 95.", "10"),
    ("Last dose 10. Last HR 88, last glucose 95.", "88"),
    # measurements after "is": no age
    ("Pt is 95% on RA; he is 100 kg; HR is 92; pt is 96 on 2L.", "95"),
    ("Pt is 95% on RA; he is 100 kg; HR is 92; pt is 96 on 2L.", "100"),
    ("Pt is 95% on RA; he is 100 kg; HR is 92; pt is 96 on 2L.", "92"),
    ("Pt is 95% on RA; he is 100 kg; HR is 92; pt is 96 on 2L.", "96"),
    ("Counts were 120 135 140 at baseline.", "120 135 140"),
    ("Sites: 120 135 (KY), 140 (OH) enrolled.", "120 135"),
    # a temperature in Fahrenheit, a distance
    ("Vitals T 99 F, Temp: 101 F, tmax 100f; walked 100 m.", "99"),
    ("Vitals T 99 F, Temp: 101 F, tmax 100f; walked 100 m.", "101"),
    ("Vitals T 99 F, Temp: 101 F, tmax 100f; walked 100 m.", "100f"),
    ("Vitals T 99 F, Temp: 101 F, tmax 100f; walked 100 m.", "100 m"),
    ("Bone scan with technetium-99m MDP; Tc 99m sestamibi.", "99m MDP"),
    ("Bone scan with technetium-99m MDP; Tc 99m sestamibi.", "99m sestamibi"),
]


@pytest.mark.parametrize("template,kept", KEPT, ids=[k for _, k in KEPT])
def test_clinical_number_forms_kept(deid, template, kept):
    assert_kept(deid, template, kept)
