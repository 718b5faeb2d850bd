"""Person names, round 13 (names13, 2026-12-08): families of layout read from a new writer's misses and
false positives, each checked where it is written, with what must stay beside it. The cases are written for
these tests, not taken from the generated sets."""

import pytest

from tests.deid_cases import ALL, UPPER_MIXED, assert_found, assert_kept


def _names(deid, text):
    return {text[s.start:s.end] for s in deid.find(text) if s.type == "NAME"}


# a column of staff initials in a log or a table, whatever its header says (or none)
@pytest.mark.parametrize("text,initials", [
    ("Alarm history\n02/11 03:14:07  ASYSTOLE  ACK PR\n02/11 03:20:41  SPO2 LOW  SILENCED TK\n"
     "02/11 04:02:13  LEADS OFF  ACK WB\n", ("PR", "TK", "WB")),
    ("Dispensing sheet\nRx 41877 | wk 12 | DT | 5.1 | 14d\nRx 41902 | wk 30 | RB | 4.8 | 7d\n"
     "Rx 42011 | wk 3 | EW | 6.2 | 28d\n", ("DT", "RB", "EW")),
    ("Washer log\n09:15  scope 11  DK  washer 2  cyc 402\n10:02  scope 14  MS  washer 1  cyc 403\n"
     "10:40  scope 11  HB  washer 2  cyc 404\n", ("DK", "MS", "HB")),
])
def test_a_column_of_initials_is_staff(deid, text, initials):
    names = _names(deid, text)
    assert set(initials) <= names, names


@pytest.mark.parametrize("text,kept", [
    # a route column: clinical codes, not people
    ("Drug chart\n0800 | amoxicillin 500 mg | PO\n1200 | enoxaparin 40 mg | SC\n1400 | furosemide 40 mg | IV\n", "SC"),
    # a column of one repeated code is a status
    ("Checks\n1 | 08:00 | AB\n2 | 09:00 | AB\n3 | 10:00 | AB\n", "AB"),
    # states in an address column
    ("Sites\n1 | 200 Main St | Boston | MA\n2 | 14 Elm Rd | Denver | CO\n3 | 9 Oak Ave | Austin | TX\n", "CO"),
])
def test_a_column_of_codes_stays(deid, text, kept):
    assert_kept(deid, text, kept, ("mixed",), wrong={"NAME"})


# the patient by initials after "pt"
@pytest.mark.parametrize("template", [
    "Case log\n#3 12/04/2026 | pt {} | K220193 | age 61 | sepsis | signed AB\n",
    "Paging log: pt {}, 72, trop up - please review\n",
])
def test_a_patient_by_initials_after_pt(deid, template):
    assert_found(deid, template, "WQ", "NAME", ("mixed",))


@pytest.mark.parametrize("text,kept", [
    ("PT IS 81 AND LIVES ALONE.\n", "IS"),
    ("Patient ID 604-39-37\n", "ID"),
])
def test_pt_before_a_verb_or_a_label_stays(deid, text, kept):
    assert_kept(deid, text, kept, ("mixed",), wrong={"NAME"})


# "FAMILY, Given": the surname in capitals, the given name capitalised, in a cell or after a record's code,
# whatever the words are (registration systems print people so)
@pytest.mark.parametrize("text,value", [
    ("Register\nEntry 118/25 | MARSH, Wren | age 77 | ward 4\n", "MARSH, Wren"),
    ("Worklist\nAC-22-9187 K4410032 BISHOP, Earl   03/02/1951  CT HEAD\n", "BISHOP, Earl"),
    ("- Cabin 4411 OKAFOR, Chidi (NG) vomiting, isolated\n", "OKAFOR, Chidi"),
])
def test_a_surname_in_capitals_before_a_capitalised_given_name(deid, text, value):
    assert value in _names(deid, text), _names(deid, text)


@pytest.mark.parametrize("text,kept", [
    ("Inv: CBC, MP/QBC, Widal, LFT.\n", "Widal"),
    ("ECG: NSR, Normal axis  QTc 420\n", "Normal"),
    ("PLAN, Continue current dose  review 2/52\n", "Continue"),
])
def test_capitals_before_a_capitalised_word_that_is_no_name_stay(deid, text, kept):
    assert_kept(deid, text, kept, ("mixed",), wrong={"NAME"})


# a clinical word cut short before the value it labels: a number, a date or "by"
@pytest.mark.parametrize("text,kept", [
    ("Adm 03/02/2026  Disch Mar 9, 2026  Payer: Medicare\n", "Disch"),
    ("Body released; Ident by partner on viewing, tags checked\n", "Ident"),
    ("Sample CY26-88120   Seq 04   Result: negative\n", "Seq"),
])
def test_a_cut_clinical_word_before_its_value_stays(deid, text, kept):
    assert_kept(deid, text, kept, ("mixed",), wrong={"NAME"})


def test_a_name_after_a_person_cue_before_a_date_stays_a_name(deid):
    assert "Isla" in _names(deid, "Review booked with Isla 18/02 in clinic.\n")


def test_a_name_spelt_by_an_email_address_is_a_person(deid):
    text = ("Carer: Kiri Marsh   Cared-for: Bram Marsh\nEmail kiri.marsh@example.org\n\n"
            "Kiri is a retired teacher and describes the winter as long.\n")
    names = _names(deid, text)
    assert {"Kiri Marsh", "Kiri"} <= names, names


def test_a_role_mailbox_is_no_person(deid):
    assert_kept(deid, "The ward clerk will reply today.\nContact: ward.clerk@example.org\n", "ward clerk",
                ("mixed",), wrong={"NAME"})


def test_a_given_name_that_is_a_word_is_the_person_elsewhere_in_title_case(deid):
    text = ("Carer: Rose Quill, daughter.\nThe nights are hard and her father does not always recognise Rose. "
            "Rose describes the winter as long.\n")
    found = [s for s in deid.find(text) if s.type == "NAME" and text[s.start:s.end] == "Rose"]
    assert len(found) == 2, [(text[s.start:s.end], s.type) for s in deid.find(text)]


def test_a_given_name_word_stays_a_word_without_the_full_name(deid):
    assert_kept(deid, "Hope is that the swelling settles; review in 2 weeks.\n", "Hope", ("mixed",), wrong={"NAME"})


def test_a_name_after_a_kin_word_before_a_number_stays_a_name(deid):
    assert "Hemi" in _names(deid, "Postnatal visit. Baby Hemi 7 weeks, feeding well.\n")
