"""Person names, round 11 (names11, 2026-12-07): structural families read from a new writer's misses and false
positives (a column's gap, a bracket after a name, a drug's dose, a device's version), each checked in every
casing it is written in, with what must stay beside it. The cases are written for these tests, not taken from
the generated sets."""

import pytest

from tests.deid_cases import ALL, UPPER_MIXED, assert_found, assert_kept


# a column's gap ends a name: the next cell is a header's word or a job, never the person's surname
@pytest.mark.parametrize("text,kept", [
    ("Login audit\nWhen    User              Role     Terminal\n09:10   Ingrid Olafsdottir  Porter   WS-4\n", "Porter"),
    ("Transfusion log\nBag  Date   Patient  Checker  Notes\n", "Checker"),
    ("Isolation list\n\nBed  Name                 DOB\n", "Bed"),
])
def test_a_column_gap_ends_a_name(deid, text, kept):
    assert_kept(deid, text, kept, ALL, wrong={"NAME"})


def test_the_name_before_a_gap_is_still_found(deid):
    assert_found(deid, "Login audit\nWhen    User              Role     Terminal\n09:10   {}  Porter   WS-4\n",
                 "Ingrid Olafsdottir", "NAME", UPPER_MIXED)


# a person's grade or job in brackets after the name
@pytest.mark.parametrize("template,value", [
    ("Plan as discussed.\n{} (JR)  /  T. Osei (Unit Chief)\n", "TENDAI MOYO"),
    ("Staff off sick: {} (HCA), two nurses isolating.\n", "Declan"),
    ("Case seen by {} (registrar) overnight.\n", "Wairimu"),
])
def test_a_name_before_its_grade_in_brackets(deid, template, value):
    assert_found(deid, template, value, "NAME", ALL)


# a person by their age in brackets, as household lists write them (the name would pass as a typo otherwise)
@pytest.mark.parametrize("template,value", [
    ("Household members: mother (index), {} (4y), Kibet (9y)\n", "Achieng"),
    ("Contacts traced: twins {} (3 yrs) and Kojo (3 yrs)\n", "Efua"),
])
def test_a_name_before_an_age_in_brackets(deid, template, value):
    assert_found(deid, template, value, "NAME", ALL)


@pytest.mark.parametrize("text,kept", [
    ("Findings: diagnosis (5y) stable on review.\n", "diagnosis"),
    ("Vaccines given: measles (9m) and polio (6w).\n", "measles"),
])
def test_a_clinical_word_before_an_age_stays(deid, text, kept):
    assert_kept(deid, text, kept, ALL, wrong={"NAME"})


# a time-stamped row whose person stands in a column between gaps
@pytest.mark.parametrize("template,value,casings", [
    # a name in capitals inside a mixed-case note reads as an acronym to the allow-list: the row's layout says it
    ("Self check-in kiosk\n07:55  {}  palm template PV-22  -> Clinic 2\n", "TAMAR OYELOWO", ("mixed",)),
    ("Door log\n2024-01-02 13:10  {}  badge swipe  east door\n", "Kofi Mensah", ALL),
])
def test_a_person_between_gaps_on_a_timed_row(deid, template, value, casings):
    assert_found(deid, template, value, "NAME", casings)


@pytest.mark.parametrize("text,kept", [
    ("Ward routine\n08:00  Breakfast  served\n12:30  Dressing change  done\n", "Breakfast"),
    ("Ward routine\n08:00  Breakfast  served\n12:30  Dressing change  done\n", "Dressing change"),
])
def test_ordinary_words_between_gaps_stay(deid, text, kept):
    assert_kept(deid, text, kept, ALL, wrong={"NAME"})


# a column headed by a job that only a person holds
@pytest.mark.parametrize("header,row,value", [
    ("Run  Date   Patient           Depth    Attendant  Notes", "#12  3/4   Moss T            USN 6    {}         ok", "QZ"),
    ("Dive | Date | Patient | Attendant | Notes", "#12 | 3/4 | Moss T | {} | ok", "QZ"),
    ("Date | Patient | Drug | Prescriber | Notes", "3/4 | Moss T | morphine | {} | ok", "K. Adeyemi"),
])
def test_a_job_column_holds_people(deid, header, row, value):
    second = row.replace("3/4", "5/6").replace("{}", "P. Wren" if "Prescriber" in header else "PW")
    assert_found(deid, "Chamber log\n" + header + "\n" + row + "\n" + second + "\n", value, "NAME", UPPER_MIXED)


# a drug by its dose form or its dose and frequency; a device by its version or serial number
@pytest.mark.parametrize("text,kept", [
    ("Plan: Tab. Zentomol 500 BD for five days.\n", "Zentomol"),
    ("Known asthmatic on Brevinhal 250 mcg BD.\n", "Brevinhal"),
    ("Adv: inj. Korvanex 40 mg SC OD.\n", "Korvanex"),
    ("Analyser: Quellamax 700   V4.2\n", "Quellamax"),
    ("Machine: Flovara Centrix v12.1   Access: PICC\n", "Centrix"),
    ("Generator: Marvotek Ellara 8  SN 447120-332\n", "Ellara"),
    ("Kiosk 3 (FIRMWARE 5.1.9) restarted.\n", "FIRMWARE"),
])
def test_drugs_and_devices_are_no_name(deid, text, kept):
    assert_kept(deid, text, kept, ALL, wrong={"NAME"})


def test_a_person_before_a_number_is_still_found(deid):
    # a record number or a pager after a name is no version or serial
    assert_found(deid, "Admitted: {} 40021873 via ED.\n", "Farida Okonjo", "NAME", UPPER_MIXED)
    assert_found(deid, "On call: Dr. {} 4471, then registrar.\n", "Okonjo", "NAME", ALL)


# a short section label before a list of tests or an order
@pytest.mark.parametrize("text,kept", [
    ("History as above.\nInvx: FBC, U&E, CRP sent.\n", "Invx"),
    ("Impression as above.\nAdv: Tab. paracetamol 1 g QDS.\n", "Adv"),
])
def test_a_section_label_before_tests_is_no_name(deid, text, kept):
    assert_kept(deid, text, kept, UPPER_MIXED, wrong={"NAME"})


def test_a_speaker_before_a_sentence_is_still_read(deid):
    text = "Transcript\nNomsa: How is the pain today?\nPatient: Better.\nNomsa: Good.\n"
    assert_found(deid, "Transcript\n{}: How is the pain today?\nPatient: Better.\n", "Nomsa", "NAME", ("mixed",))
    assert text  # the second turn keeps the layout of a conversation


def test_a_phone_with_dots_after_a_name_is_no_version(deid):
    assert_found(deid, "Next of kin {} 512.660.2291 aware of plan.\n", "Oona Varga", "NAME", ALL)


# a clinical word cut short alone in a cell is no name; a surname in the same place is
def test_a_shortened_clinical_word_in_a_cell_is_no_name(deid):
    text = ("Access report\nWhen    User               Role     Terminal\n"
            "09:10   Ingrid Olafsdottir   Pharm    WS-4\n10:05   T. Quek              Radiol   WS-9\n")
    assert_kept(deid, text, "Pharm", UPPER_MIXED, wrong={"NAME"})
    assert_kept(deid, text, "Radiol", UPPER_MIXED, wrong={"NAME"})
    assert_found(deid, text.replace("T. Quek", "{}"), "T. Quek", "NAME", UPPER_MIXED)


# what a column's header says of its cells: a participant is a person, "Collected" alone is a date or a place
@pytest.mark.parametrize("header,row,value", [
    ("Sample ID\tParticipant\tCollected\tType", "BX-2291\t{}\tpending\tserum", "Okafor T"),
    ("No\tName\tProcedure\tSurgeon\tAnaes", "1\tKIM, JO\tHERNIA REPAIR\tOSEI\t{}", "WREN"),
])
def test_a_column_of_people_by_its_header(deid, header, row, value):
    second = row.replace("BX-2291", "BX-2292").replace("1\t", "2\t", 1).replace("{}", "Lund P" if "Participant" in header else "HALE")
    assert_found(deid, "List\n" + header + "\n" + row + "\n" + second + "\n", value, "NAME", UPPER_MIXED)


def test_a_collected_column_holds_no_one(deid):
    text = "List\nSample ID\tParticipant\tCollected\tType\nBX-2291\tOkafor T\tsee batch\tserum\nBX-2292\tLund P\tsee batch\tserum\n"
    assert_kept(deid, text, "see batch", UPPER_MIXED, wrong={"NAME"})


# a letter's reference: the author's initials over the typist's
def test_a_dictation_reference_names_two_people(deid):
    assert_found(deid, "Yours sincerely\nDictated {}/lb  ref D220931\n", "KW", "NAME", UPPER_MIXED)


# the anaesthetist's field by its short label
def test_the_anaesthetist_field_by_its_abbreviation(deid):
    assert_found(deid, "Theatre 4   Surgeon: Obi   Anaes: {}\nAnaesthetic: GA\n", "Birch", "NAME", ALL)


# a maker's name in brackets after the implant it made
def test_a_maker_after_an_implant_is_no_name(deid):
    assert_kept(deid, "Fixed with 2.4 mm plates (Osteon) by the on-call team.\n", "Osteon", UPPER_MIXED, wrong={"NAME"})


# the cells of a table's header row are no one
@pytest.mark.parametrize("text,kept", [
    ("Register\nDate | Patient | Qty in | Qty out | Prescriber\n3/4 | Moss T | 10 | 0 | K. Adeyemi\n", "Qty"),
    ("Line list\nCase  Forename  Surname  DOB  Ward\n1  Tom  Moss  3/4/55  Ward 6\n", "Forename"),
])
def test_a_header_row_names_no_one(deid, text, kept):
    assert_kept(deid, text, kept, UPPER_MIXED, wrong={"NAME"})


# a person before their record number in brackets, wherever the line stands
def test_a_name_before_a_record_number_in_brackets(deid):
    assert_found(deid, "Critical results\n10:20 Na 118 - {} (RX551203) phoned to ward\n", "OKONKWO, Adaeze", "NAME", ALL)
    assert_kept(deid, "Kit lot (AB123456) opened; sample (12345678) sent.\n", "lot", ALL, wrong={"NAME"})


# what follows a column's gap is the next field: no eponym's noun, no surname, no person
def test_a_name_before_a_gap_is_no_eponym(deid):
    assert_found(deid, "Patient: Ann Roe (ID 4471)   Partner: {}   Cycle #2\n", "Ngozi Owusu", "NAME", ALL)


@pytest.mark.parametrize("text,kept", [
    ("Referring: Tomasz    Ultrasonographer: K. Baptiste\n", "Ultrasonographer"),
    ("Member: Varga, Edit    Mbr ID: Q4410-2281\n", "Mbr"),
])
def test_a_field_label_after_a_gap_is_no_name(deid, text, kept):
    assert_kept(deid, text, kept, ALL, wrong={"NAME"})


def test_a_secretary_before_an_extension(deid):
    assert_found(deid, "Kind regards, Dr Ama Osei  Secretary {} ext 4410\n", "Lane", "NAME", ALL)


def test_a_chat_speaker_after_a_time_is_no_field_label(deid):
    assert_found(deid, "Secure chat export\n10:10 am  {}: is bed 4 ready?\n10:12 am  Tomas: yes\n", "Selin", "NAME", UPPER_MIXED)


@pytest.mark.parametrize("text,kept", [
    ("Employee: Varga, Edit  Emp ID HAR2291034  SSN on file\n", "Emp"),
    ("Name: EDIT VARGA    NRIC S7146295A    Tel: on file\n", "NRIC"),
])
def test_an_id_label_after_a_gap_is_no_name(deid, text, kept):
    assert_kept(deid, text, kept, UPPER_MIXED, wrong={"NAME"})


def test_a_name_after_a_gap_before_a_record_number_is_still_found(deid):
    # a name's field then a gap and a number: the name is a value, not a label (no earlier field on the line)
    assert_found(deid, "Ward list\n{}    40021873    bed 4\n", "Farida Okonjo", "NAME", UPPER_MIXED)
