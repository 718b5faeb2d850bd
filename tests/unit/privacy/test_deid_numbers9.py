"""Numbers of a ninth pass (issue 20, item 1; 2026-12-07, helper numbers9): an age over 89 in
brackets after a date of birth (digits or words, with or without its unit), in brackets with its
unit after a name, and the age at an event a form asks for ("Age at death: 94").
Kept: an age under 90 in the same places, a percentile or a count in brackets after a birth.

Every case runs in every casing; names and numbers are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import assert_found, assert_kept

FOUND = [
    ("Name: Roe, Ada  D.O.B. 1-13-25 ({} yrs)  ID 790-77-57", "100"),
    ("Patient: Ada Roe  Date of birth: 3/24 ({})  Ref 12", "98"),
    ("Patient: Ada Roe  Date of birth: October 9, 1930 ({} yrs)\nDiagnoses: MS", "95"),
    ("1. Name: Ada Roe   DOB: 19th of November ({})\n2. Address: 5 Mill Lane", "94"),
    ("Name: Ada Roe  Date of birth: 12.06.1924\n({})\nAddress: 1 Ridge Pl", "101"),
    ("pt roe dob 1932-01-23 ({}) medicare 8025 90983 7", "93"),
    ("Ada Roe  born 6-16-23 ({})  ID RX753893", "one hundred and two"),
    ("Ada Roe, D.O.B. 9/5/1929 ({}) (696-FC-11430)", "ninety-six"),
    ("Ms Roe ({} yrs) had 20 min of R arm weakness.", "92"),
    ("Date of death: 24-May-2021   Age at death: {}\nTissues released: corneas x2", "101"),
    ("Referral form\nAge at diagnosis {}; lives alone.", "91"),
]


@pytest.mark.parametrize("template,value", FOUND)
def test_age_in_brackets_after_birth_and_at_an_event(deid, template, value):
    assert_found(deid, template, value, "AGE")


KEPT = [
    ("Name: Ada Roe  D.O.B. 1-13-75 (50 yrs)  ID 790-77-57", "50 yrs"),
    ("Baby Roe born at 28 weeks (95 percentile for weight).", "95 percentile"),
    ("Smoker (40 yrs), quit 2010.", "40 yrs"),
    ("Date of death: 24-May-2021   Age at death: 74\nTissues released", "74"),
]


@pytest.mark.parametrize("template,kept", KEPT)
def test_younger_ages_and_counts_in_brackets_are_kept(deid, template, kept):
    assert_kept(deid, template, kept, wrong=("AGE",))


# a metric Snellen acuity and a score in a list of scores are no dates (numbers9)
KEPT_FRACTIONS = [
    ("5. Visual acuity 6/6 R, 6/9 L (Snellen). Fields full.", "6/6"),
    ("5. Visual acuity 6/6 R, 6/9 L (Snellen). Fields full.", "6/9"),
    ("Eyes: VA 6/12 both eyes with glasses.", "6/12"),
    ("Cognition: MMSE 24/30, MoCA 21/30, clock drawing 3/5.", "3/5"),
    ("O: SLR x10. MMT 4/5. Berg 38/56. TUG 22 s.", "4/5"),
]


@pytest.mark.parametrize("template,kept", KEPT_FRACTIONS)
def test_acuity_and_listed_scores_are_no_dates(deid, template, kept):
    assert_kept(deid, template, kept, wrong=("DATE",))


FOUND_DATES = [
    # a strength or a phone beside it is no score, and a date announced after scores stays a date
    ("Carbidopa/levodopa 25/100 2 tabs TID, added rasagiline {}. Falls x2", "1/8"),
    ("telephone encounter {} - spoke w/ pt at 571/651-3726 x0752", "11/22"),
    ("MoCA 21/30 on {}, stable.", "3/5"),
    ("VA 6/6 OU. Next visit {}.", "6/12"),
]


@pytest.mark.parametrize("template,value", FOUND_DATES)
def test_dates_beside_other_fractions_are_found(deid, template, value):
    assert_found(deid, template, value, "DATE")


# a National Insurance number's shape after its label, whatever its two letters (numbers9)
FOUND_NINO = [
    ("Patient's name: Mr. Roe   NI no: {}\nI assessed your case on: 24th", "DJ 99 33 29 A"),
    ("Tel +44 7543 798348\nNational ID: {}\n", "DF 09 92 11 A"),
    ("EEG STUDY CX-29-863698\nSSN {}\nDICT. DR. ROE", "UJ 89 33 51 B"),
]


@pytest.mark.parametrize("template,value", FOUND_NINO)
def test_national_insurance_shape_after_its_label(deid, template, value):
    assert_found(deid, template, value, "SSN")


def test_no_national_insurance_without_the_shape(deid):
    assert_kept(deid, "Na 135 K 4.2 NI 2 more days; ni ab 12 34 56 e", "ab 12 34 56 e")
