"""Numbers of a twelfth pass (issue 20; 2026-12-07, helper numbers12), each a family of layout or of what a
number is rather than one writer's instance. Found: an age in brackets after a name in a list of patients
opened by a bed or by the name. Kept: a document's own year (a revision or the year in brackets after a
policy's or a form's noun), a page counter abbreviated with its period, the counts of a rhythm recording, the
port after an IP address, a DICOM dump's time, and the control numbers, versions and qualified codes of an
X12 transaction.

Every case runs in every casing unless it says otherwise; names and numbers are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import ALL, assert_found, assert_kept

LISTED_AGES = [
    ("Overnight\nBed 6: Ottoline Varga ({}) - Dr Penhale's pt. Slept well.", "93"),
    ("Handover\nbay 2: Quist, Imelda ({}) - for review\n", "101"),
    ("Rm 11 - MARGOLIS ({}) settled", "96"),
    ("Ward list\nTamsin Okoro ({}), Dr Vance's patient, falls risk\n", "92"),
]


@pytest.mark.parametrize("template,value", LISTED_AGES)
def test_an_age_in_brackets_after_a_name_in_a_list_of_patients(deid, template, value):
    assert_found(deid, template, value, "AGE")


NO_LISTED_AGES = [
    ("Obs\nBed 6: sats ({}) on room air", "95"),
    ("Glucose ({}) before breakfast", "102"),
    ("Reported by: Una Fenwick ({}) on 2021-03-02", "98"),  # a role before the name: a code, not an age
    ("Bed 6: Ottoline Varga ({}) - stable", "88"),  # under 90: no Safe Harbor age
]


@pytest.mark.parametrize("template,value", NO_LISTED_AGES)
def test_no_age_for_a_measurement_a_role_or_an_age_under_ninety(deid, template, value):
    assert_kept(deid, template.format(value), value, wrong=("AGE",))


DOCUMENT_YEARS = [
    ("Contact precautions per Procedure HX-12 (rev 2021). Seen today.", "2021"),
    ("REFERRAL LOG  (form RL-9, rev 2020)  clinic: east", "2020"),
    ("Under the hospital's Visiting Policy (2019) relatives may stay.", "2019"),
    ("Wound care as per the SOP (2024).", "2024"),
]


@pytest.mark.parametrize("template,value", DOCUMENT_YEARS)
def test_a_documents_own_year_is_kept(deid, template, value):
    assert_kept(deid, template, value)


STILL_YEARS = [
    ("Hip: THR 2008 (rev {}) at the county hospital.", "2017"),  # a revision operation dates the patient
    ("Knee replacement ({}) complicated by infection.", "2016"),
]


@pytest.mark.parametrize("template,value", STILL_YEARS)
def test_a_year_without_a_documents_noun_stays(deid, template, value):
    assert_found(deid, template, value, "DATE")


KEPT_NUMBERS = [
    ("RECEIVED 09:14  FROM: 412-555-0187  P. 1/3\nPharmacy refill request", "1/3"),  # a page counter
    ("Min HR 48 bpm  Mean 71  Max 150\nVE 1987 (couplets 4), SVE 210", "1987"),  # a rhythm recording's count
    ("# sent from 10.20.30.40:4242 AE_TITLE=ARCHIVE", "4242"),  # a port after an address
    ("(0008,0020) DA [20240102]  # StudyDate\n(0008,0030) TM [101530]  # StudyTime", "101530"),  # a DICOM time
]


@pytest.mark.parametrize("text,kept", KEPT_NUMBERS)
def test_counters_counts_ports_and_times_are_kept(deid, text, kept):
    assert_kept(deid, text, kept)


def test_a_documents_year_leaves_no_plate_behind(deid):
    """A plate's letters left of a kept year are no plate ("rev" of "(rev 2021)")."""
    text = "Barrier nursing per Policy HX-12 (rev 2021). Version 3.1.4 of the Ward Orders form used."
    assert not [s for s in deid.find(text) if s.type == "VEHICLE"]


X12 = ("ISA*00*          *00*          *ZZ*SENDERQ        *ZZ*RECVQ*250301*0915*^*00501*000412733*0*P*:~\n"
       "GS*HC*SENDER*RECEIVER*20250301*0915*4127*X*005010X222A1~\n"
       "ST*837*0042*005010X222A1~\n"
       "NM1*IL*1*QUIST*IMELDA****MI*QXR518204771~\n"
       "HI*ABK:I509*ABF:E119~\n"
       "SV1*HC:99213*140*UN*1***1~\n"
       "DTP*472*D8*20250227~\n")


@pytest.mark.parametrize("kept", ["000412733", "005010X222A1", "ABK:I509", "ABF:E119", "HC:99213"])
def test_an_x12_transactions_control_numbers_versions_and_codes_are_kept(deid, kept):
    assert_kept(deid, X12, kept, casings=("mixed",))


@pytest.mark.parametrize("value,kind", [("QXR518204771", "ID"), ("20250227", None), ("QUIST", "NAME")])
def test_an_x12_transactions_person_and_dates_are_still_found(deid, value, kind):
    start = X12.index(value)
    spans = deid.find(X12)
    assert any(s.start <= start < s.end and (kind is None or s.type == kind) for s in spans), \
        [(X12[s.start:s.end], s.type) for s in spans]


@pytest.mark.parametrize("template,value", [
    ("Contact: +65 6123 4567   NOK: Priya Lam ({})\nAddress: Blk 12", "8123 4567"),
    ("Carer: daughter Ines Oduya ({}) visits daily", "9012-3456"),
])
def test_eight_digits_in_two_groups_alone_in_brackets_are_a_phone(deid, template, value):
    assert_found(deid, template, value, "PHONE")


def test_two_years_in_brackets_stay_a_period(deid):
    assert_kept(deid, "Smoked for fifteen years (1990 2005), quit.", "1990 2005", wrong=("PHONE",))


@pytest.mark.parametrize("template,value", [
    ("Device check satisfactory.   Next: {}\nRemote monitor paired", "6/12"),
    ("Device check satisfactory.   Next: remote {}\n", "3/12"),
    ("Soft diet 2 more weeks. Review {} with the surgeon.", "2/12"),
    ("Plaster on. Review {} in fracture clinic.", "6/52"),
])
def test_a_forward_interval_after_next_or_review_is_no_date(deid, template, value):
    assert_kept(deid, template.format(value), value, wrong=("DATE",))


@pytest.mark.parametrize("template,value", [
    ("Offloading boot fitted. Review {} with podiatry.", "1/7"),  # days stay dates, as writers annotate them
    ("Last seen {}. Sugars stable.", "6/12"),
    ("Next appt {} at 10:30.", "6/12"),
])
def test_a_date_after_its_cue_or_in_days_stays(deid, template, value):
    assert_found(deid, template, value, "DATE")


@pytest.mark.parametrize("template,value", [
    ("Plan: home tomorrow; NOK Ravi Menon {}; TTO ready", "7314 2268"),
    ("husband Tomas Ek {} aware of plan", "9021-4477"),
    ("• son asking for update 📞 {}\n", "8264 1193"),
])
def test_eight_digits_after_a_next_of_kin_and_the_name_are_a_phone(deid, template, value):
    assert_found(deid, template, value, "PHONE", casings=("mixed", "lower"))


def test_eight_digits_with_a_value_between_them_and_the_kin_word_are_no_phone(deid):
    assert_kept(deid, "Mother gave 2400 mg over 1200 1800 hrs.", "1200 1800", wrong=("PHONE",))


@pytest.mark.parametrize("template,value,kind", [
    ("Return to: clinic fax {}\nPrescriber: A. Lund", "+1 7S2 018 6640", "FAX"),
    ("Pharmacy #88  ph {}\nrefill request", "(612) 448-20B7", "PHONE"),
    ("Employer: Harbour Freight Ltd.  tel {}\nDate of injury", "318,442.9071", "PHONE"),
])
def test_a_scanned_phone_after_its_label_with_letters_for_digits(deid, template, value, kind):
    assert_found(deid, template, value, kind, casings=("mixed",))


def test_a_count_after_a_phone_word_is_no_scanned_phone(deid):
    assert_kept(deid, "ph 2,500,000 units given", "2,500,000", wrong=("PHONE",))


@pytest.mark.parametrize("text,word", [
    ("WORKERS BOARD - HEALTH PR0FE5SIONAL'S REPORT (FORM 8)", "PR0FE5SIONAL"),
    ("C0NSULTANT REP0RT attached to the claim", "C0NSULTANT"),
])
def test_a_scanned_word_with_digits_for_letters_is_no_id(deid, text, word):
    assert_kept(deid, text, word, wrong=("ID",), casings=("mixed",))


def test_a_code_that_reads_as_no_word_stays_an_id(deid):
    assert any(s.type == "ID" for s in deid.find("Claim HX88213 opened"))


def test_a_cue_glued_to_letters_is_the_start_of_a_word(deid):
    assert_kept(deid, "CONFIDENT1ALITY: this fax may hold health information", "IDENT1ALITY", wrong=("ID",),
                casings=("mixed",))


def test_a_cue_glued_to_digits_is_still_a_label(deid):
    assert_found(deid, "Seen today, MRN{} in the chart.", "40718263", "ID")
