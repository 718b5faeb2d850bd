"""Numbers of an eighth pass (issue 20, item 1; 2026-12-07, helper numbers8): ages over 89 as a
heading or a list gives them -- set off by commas after a name ("Deceased Ada Roe, 99, of ..."),
before the sex letter in words ("ninety-one F"), in a pipe-separated table's age column, and after
the record number in a list of patients with no header.
Kept: a series of values after a label, an address's house number, a count, a heart rate in a
vital signs table, an age under 90.

Every case runs in every casing; names and numbers are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import ALL, CASINGS, UPPER_MIXED, assert_found, assert_kept

FOUND = [
    # set off by commas after a name, as a heading or a referral introduces a patient
    ("OFFICE OF THE MEDICAL EXAMINER\nDeceased Ada Q. Roe, {}, of 12 Mill Terrace, Salem", "99", "AGE"),
    ("Team: Dr Lee (SW)\nRe: Roe, Ada, {}. Metastatic pancreatic ca, PPS 40%.", "96", "AGE"),
    ("FALLS CLINIC ASSESSMENT\nAda Roe, {} yrs, lives alone at 5 Rose Lane.", "93", "AGE"),
    ("vascular surgery clinic 23/7\nmarieke, {}, retired welder from winslow", "98", "AGE"),
    ("Deceased bin Yusof, {}, of Apt 1Q, 530 Rosebank Way", "one hundred and two", "AGE"),
    ("Re: Ahmad E. Roe, {}. Metastatic pancreatic ca.", "ninety-two", "AGE"),
    # words before the sex letter, as "93F" is written
    ("Case 2 by Dr Lee:\npt P.M. ({}F) lap chole 2/14/2024", "ninety-one", "AGE"),
    ("Patient: Ada Roe\nAge: {} M\nWard 6B", "ninety-four", "AGE"),
    # the short forms: the sex glued after "yo", "y-o", the sex first in capitals, after a comma
    ("Pt is a {}F with CHF exacerbation.", "93yo", "AGE"),
    ("HPI: {} with fall at home.", "93-y-o", "AGE"),
    # a birthday by its ordinal, an age turned with no subject, "is now"
    ("Family visited; celebrated her {} birthday on the ward.", "100th", "AGE"),
    ("Social: widowed, turned {} last week, lives with son.", "100", "AGE"),
    ("Daughter says she is now {}.", "96", "AGE"),
    # a pipe-separated table's age column, in digits or words
    ("Scr#  | Initials | Screen date | Age | Eligible\n 1  | ON  | 16-Aug-2006  | 39 | Y\n"
     " 2  | LB  | 5/17/03  | {} | N\n", "98", "AGE"),
    ("| Initials | Age | Eligible |\n|---|---|---|\n| BC | {} | N |\n", "ninety-six", "AGE"),
    # the age after the record number in a list of patients with no header
    ("TUMOUR BOARD\n2. ROE,ADA D | J642065 | {} | ref Joy (Wexley Infirmary) | path S63-2567\n", "95", "AGE"),
    ("TUMOUR BOARD\n4. HU,TREMAINE V | 071542281 | {} | REF COOK | PATH WJ-05-72840\n", "NINETY-FIVE", "AGE"),
    ("2. short,mwangi n | 782-91-316 | {} | ref Rodrigo", "99", "AGE"),
    # a range of days before its month, in any casing; the ordinal day before a bar, a dash or a time
    ("re: roe, ada, dob {}, hosp no 2241942", "15-17 jul", "DATE"),
    ("Fiducials placed {} (lot FM-2231). Machine Linac 3.", "16-18 nov", "DATE"),
    ("Warfarin 4 mg daily. Recheck {} then monthly.", "28-30 Sep", "DATE"),
    ("Vaccine        | {} | RX0272 | R deltoid | Ada Roe", "the 20th", "DATE"),
    ("Fracture clinic FU {} - VFC phone (836) 782-6986.", "the 9th", "DATE"),
    ("Voicemail transcription ({}, 16:42, 0:48)", "the 9th", "DATE"),
    # a list's "SURNAME,GIVEN M" then a column gap: the middle initial is no ratio's letter
    ("02929506  roe,ada p        {}  temple\n51791716  lee,sam y          05/22  xu", "05/26", "DATE"),
]


@pytest.mark.parametrize("casing", ALL)
@pytest.mark.parametrize(("template", "value", "kind"), FOUND)
def test_ages_over_89_as_headings_and_lists_write_them(deid, template, value, kind, casing):
    assert_found(deid, template, value, kind, casings=(casing,))


# the sex letter is one only in capitals ("m/93" and "93, f" in a note typed in lower case may be anything)
CAPITAL_SEX = [
    ("Triage: {} with urosepsis, hypotensive.", "M/93"),
    ("Ada Roe (MRN 1234567), {}, F, from home.", "93"),
]


@pytest.mark.parametrize("casing", UPPER_MIXED)
@pytest.mark.parametrize(("template", "value"), CAPITAL_SEX)
def test_the_sex_letter_beside_an_age_in_capitals(deid, template, value, casing):
    assert_found(deid, template, value, "AGE", casings=(casing,))


KEPT = [
    ("Glucose trend: HR 88, 96, 102 overnight.", "96"),
    ("Clinic: Riverside Outpatients, 110 Church Lane.", "110"),
    ("Dose range, 100,000 units daily.", "100"),
    ("On room air, 92.5 percent at rest.", "92"),
    ("Sats were low, 92%, on 2L.", "92"),
    ("Ada Roe, 73, retired teacher", "73"),
    ("Time | HR | BP\n08:00 | 96 | 120/80\n12:00 | 101 | 118/76\n", "96"),
    ("Time | HR | BP\n08:00 | 96 | 120/80\n12:00 | 101 | 118/76\n", "101"),
    ("Date | Weight\n2/18/2024 | 93\n", "93"),
    ("Scr# | Initials | Age\n1 | BC | 45\n", "45"),
    ("Doctor: I would add Levaquin five hundred M G daily.", "hundred"),
    ("Rotated the arm, turned 90 degrees, then 120 degrees.", "90"),
    ("Weights 93, F 12 on the chart.", "93"),
    ("Follow-up: F/U 92 days after surgery.", "92"),
]
KEPT_DATES = [
    ("Neuro: grip R  5/5, L 4/5.", "5/5"),
    # a printout's counter and a guideline's edition year
    ("ALLERGY: PCN\nLABEL {}  PRINTED 6 JUNE 2021 BY ROE".format("2/6"), "2/6"),
    ("Fax from clinic, page 2/6. Please call.", "2/6"),
    ("Consistent with Alzheimer's disease (NIA-AA 2018 framework).", "2018"),
    ("Critical view not documented; adopt SAGES 2020 'safe chole' checklist.", "2020"),
    ("Rib fractures: the 3rd - 5th ribs on the left.", "3rd"),
]
# a product's label: a lot number and its expiry date name a batch, not a person
PRODUCT_LABELS = [
    ("Flu shot given L deltoid, Lot UJ447AB, exp 06/2027. Recheck A1c in 3 mo.", ("UJ447AB", "06/2027")),
    ("Adrenaline autoinjector x2, Lot 22K19 exp 08/27.\nSchool nurse to receive plan.", ("22K19", "08/27")),
    ("Sample banked BB66-95280-W (Lot 4471B exp 03/2027)", ("4471B", "03/2027")),
    ("Insulin pen batch 7Q31A expiry date: Mar 2027; dose 6 units", ("7Q31A", "Mar 2027")),
]


@pytest.mark.parametrize("casing", ALL)
@pytest.mark.parametrize(("template", "kept"), KEPT_DATES)
def test_strengths_counted_ribs_and_a_modal_may_are_no_dates(deid, template, kept, casing):
    assert_kept(deid, template, kept, casings=(casing,), wrong=("DATE",))
    if casing != "upper":  # in capitals "17 MAY" is a date by an older rule
        assert_kept(deid, "Scores of 15-17 may indicate mild impairment.", "15-17", casings=(casing,), wrong=("DATE",))


@pytest.mark.parametrize("casing", ALL)
@pytest.mark.parametrize(("template", "kept"), PRODUCT_LABELS)
def test_a_lot_number_and_its_expiry_date_are_kept(deid, template, kept, casing):
    for value in kept:
        assert_kept(deid, template, value, casings=(casing,))


@pytest.mark.parametrize("casing", ALL)
def test_item_codes_billed_together_are_no_id(deid, casing):
    assert_kept(deid, "Home O2: concentrator + portable cylinders. E0431/E1390.\nSupplier: Roe Medical", "E0431/E1390",
                casings=(casing,), wrong=("ID",))


CODE_SYSTEM_CODES = [
    ("Tunnelled line (14.5Fr Palindrome), CPT 36558. Operator Dr Roe.", "36558"),
    ("Wells score 2; CPT 99214\nSSN on file", "99214"),
    ("Device serial SN FRO031235 (ICD-10 E11.65)", "E11.65"),
    ("Billing: MS-DRG 291, LOINC 2345-7 glucose", "291"),
    ("Billing: MS-DRG 291, LOINC 2345-7 glucose", "2345-7"),
]


@pytest.mark.parametrize("casing", ALL)
@pytest.mark.parametrize(("template", "kept"), CODE_SYSTEM_CODES)
def test_a_code_after_its_code_system_is_no_id(deid, template, kept, casing):
    assert_kept(deid, template, kept, casings=(casing,))


@pytest.mark.parametrize("casing", ALL)
def test_a_defibrillator_is_no_code_system(deid, casing):
    assert_found(deid, "Dual-chamber ICD placed {} at St Jude, interrogated today.", "2019", "DATE", casings=(casing,))


@pytest.mark.parametrize("casing", ALL)
def test_a_lot_without_an_expiry_and_an_expired_patient_keep_their_rules(deid, casing):
    assert_found(deid, "Lines: PICC placed 9/4 (lot {}). Tip at the cavoatrial junction.", "G70RA40228", "ID",
                 casings=(casing,))
    assert_found(deid, "Comfort care. Pt exp {} at 04:10, family at bedside.", "03/04/2024", "DATE", casings=(casing,))


@pytest.mark.parametrize("casing", ALL)
@pytest.mark.parametrize(("template", "kept"), KEPT)
def test_values_series_addresses_rates_and_younger_ages_are_kept(deid, template, kept, casing):
    assert_kept(deid, template, kept, casings=(casing,), wrong=("AGE",))


def test_a_pipe_table_with_outer_bars_reads_its_header():
    from mednn.privacy.deid.recognizers.numbers import find_in_table_columns

    table = "| Patient ID | Age | Ward |\n| --- | --- | --- |\n| 4469162 | 101 | 6B |\n| 5374566 | 54 | 4A |\n"
    found = {(table[a:b], k) for a, b, k in find_in_table_columns(table, None)}
    assert found == {("4469162", "ID"), ("101", "AGE"), ("5374566", "ID")}  # not "54": an age under 90


@pytest.mark.parametrize("casing", ALL)
def test_a_british_number_keeps_its_five_digit_area_code(deid, casing):
    for template in ("Daughter is happy to be contacted on {} any time.", "Husband Sam Roe - {}\nGP aware.",
                     "Deer Park, LS1 4LH Tel {}  Fax 01632 960123"):
        text = template.format("01633 104071")
        start = text.index("01633")
        spans = [s for s in deid.find(CASINGS[casing](text)) if s.type in ("PHONE", "FAX")]
        assert any(s.start <= start and s.end >= start + len("01633 104071") for s in spans), (casing, template, spans)


@pytest.mark.parametrize("casing", ALL)
def test_words_glued_to_yo_are_found_whole(deid, casing):
    # "ninety" alone would leave "-nine", the age itself, in the output
    for value in ("ninety-nine", "one hundred one"):
        text = CASINGS[casing](f"Pt was {value}yo, lives in Custer with her son.")
        start = text.lower().index(value)
        assert any(s.type == "AGE" and s.start <= start and s.end >= start + len(value) for s in deid.find(text)), \
            (casing, value, deid.find(text))


@pytest.mark.parametrize("value", ["6 december 2010", "12 march 2024"])
def test_a_lower_case_day_month_and_year_is_one_date(deid, value):
    # two overlapping dates ("6 december", "december 2010") left the day behind
    text = f"allergy: pcn\nlabel printed {value} by roe"
    start = text.index(value)
    assert any(s.type == "DATE" and s.start <= start and s.end >= start + len(value) for s in deid.find(text)), deid.find(text)
