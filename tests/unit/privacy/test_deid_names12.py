"""Person names, round 12 (names12, 2026-12-07): families read from set 11's misses and false positives (a
field in the next cell, words of another language, things named after people), each checked in the casings it is
written in, with what must stay beside it. The cases are written for these tests, not taken from the sets."""

import pytest

from tests.deid_cases import ALL, UPPER_MIXED, assert_found, assert_kept


# a serial number in the next cell belongs to the word that opens that cell ("kit S/N ..."), not to the person
# before the column's gap (round 11's device rule dropped ten operators of a kit log on set 11)
@pytest.mark.parametrize("template,value", [
    ("Enrolment desk 2\nOperator: {}  kit S/N 4471-QX2093  date 03/04/2025\n", "Ifeoma Adeyemi"),
    ("Station log\nTech: {}   pump S/N PX88120455\n", "Rosalind Achterberg"),
])
def test_a_person_before_another_cells_serial(deid, template, value):
    assert_found(deid, template, value, "NAME", ALL)


def test_words_elsewhere_is_one_rule_for_every_casing():
    from mednn.privacy.deid.neighbours import words_elsewhere

    text = "Seen with Mr O'Rourke. O'ROURKES daughter rang; o'rourke's GP faxed."
    assert [text[s:e] for s, e, _ in words_elsewhere(text, {"O'Rourke"})] == ["O'Rourke"]
    # in any casing and in a possessive written with or without its apostrophe
    assert [text[s:e] for s, e, _ in words_elsewhere(text, {"o'rourke"}, possessive="[sS]", any_case=True)] == \
        ["O'Rourke", "O'ROURKE", "o'rourke"]



# a Spanish clause quoted in an English note names no one; a capital inside the sentence still does
@pytest.mark.parametrize("text,kept", [
    ("Pt states \"me arde la garganta desde ayer\". Niega tos, toma acetaminofen.\n", "Niega"),
    ("Cita en 2 semanas; llamar a su esposo si empeora.\n", "llamar"),
    ("PT SAYS \"NO PUEDE DORMIR\". CITA EN DOS SEMANAS CON LA ENFERMERA.\n", "CITA"),
])
def test_words_of_a_spanish_clause_are_no_name(deid, text, kept):
    assert_kept(deid, text, kept, ("mixed",), wrong={"NAME"})


def test_a_name_inside_a_spanish_sentence_is_still_found(deid):
    assert_found(deid, "Niega fiebre. Llamar a su hija {} al 555-201-4432 si empeora.\n", "Yesenia", "NAME", ("mixed",))
    assert_found(deid, "Vino con su esposo {} desde Tucson.\n", "Evaristo Quintanilla", "NAME", ("mixed",))


# what a form's layout says is no person: an organisation's or a machine's field, a lettered item's label,
# a word qualifying a role before its colon, a kin word alone
@pytest.mark.parametrize("text,kept", [
    ("Claim ref WC5512   Insurer: Hartwell Mutual\nEmployee: see above\n", "Hartwell Mutual"),
    ("Injury at work.   Employer: Brackley Timber Ltd.\n", "Brackley Timber"),
    ("Monitor fitted.   Recorder: Cardiotrak CF\n", "Cardiotrak"),
    ("Chain of custody\nA. Collector: on site\nB. Verifier: Dr on call\nC. Outcome: negative\n", "Verifier"),
    ("Consent witnessed, Staff Nurse.   Duty MO: on call team\n", "Duty"),
    ("Labour uneventful.\nBaby born at 0412, cried at once.\n", "Baby"),
])
def test_form_layouts_that_name_no_one(deid, text, kept):
    assert_kept(deid, text, kept, UPPER_MIXED, wrong={"NAME"})


@pytest.mark.parametrize("template,value", [
    ("Chain of custody\nA. Donor: {}\nB. Reason: random\n", "Tatiana Brevik"),
    ("Claim ref WC5512   Employee: {}\nEmployer: none\n", "Obinna Eze"),
    ("J. Okafor: reviewed.\n{}: agreed with plan.\n", "Halvard Lunde"),
])
def test_people_in_forms_are_still_found(deid, template, value):
    assert_found(deid, template, value, "NAME", UPPER_MIXED)


# a newborn by the family's surname after a lone kin word: the kin word alone is no one, the word after it is
@pytest.mark.parametrize("template,value", [
    ("Issued to\nBaby Garcia  NICU cot 2\nBaby {}  NICU cot 4\n", "Frost"),
    ("Issued to\nBaby Garcia  NICU cot 2\nBaby {}  NICU cot 4\n", "Hope"),
])
def test_a_newborn_after_baby(deid, template, value):
    assert_found(deid, template, value, "NAME", ("mixed",))


# machine formats say which field holds a person: a DICOM element of representation PN, an X12 NM1 segment of
# entity type 1; their other fields hold codes and makers, never a person
def test_person_fields_of_a_dicom_dump(deid):
    text = ("DICOM dump\n(0008,0070) LO [SIEMENS]  # Manufacturer\n(0008,0090) PN [ABERNATHY^QUILLON]  # "
            "ReferringPhysicianName\n(0010,0010) PN [Okonjo^Adaeze^T]  # PatientName\n(0008,1010) SH [CT-SCAN2]  "
            "# StationName\n# received AE_TITLE=PACSARCH\n")
    found = [text[s.start:s.end] for s in deid.find(text) if s.type == "NAME"]
    assert {"ABERNATHY", "QUILLON", "Okonjo", "Adaeze"} <= set(found)
    assert not {"SIEMENS", "PACSARCH"} & set(found)


def test_person_segments_of_an_x12_claim(deid):
    text = ("ISA*00*          *00*          *ZZ*QWXPLT         *ZZ*KRVNDE*250101*0930*^*00501*000000001*0*P*:~\n"
            "NM1*85*2*Lakeside Clinic*****XX*1234567893~\nNM1*IL*1*FENWICKE*ORLA*M***MI*W123456789~\n"
            "NM1*82*1*VANTERPOOL*JESSAMY****XX*1987654321~\n")
    found = [text[s.start:s.end] for s in deid.find(text) if s.type == "NAME"]
    assert {"FENWICKE", "ORLA", "VANTERPOOL", "JESSAMY"} <= set(found)
    assert not {"QWXPLT", "KRVNDE"} & set(found)


# initials after what a writer did to the record, before a date, a bracket or the typist's initials
@pytest.mark.parametrize("template,value", [
    ("Records merged.\nMerged by {} 2024-03-02 from ws 10.1.2.3\n", "QK"),
    ("Letter ends.\nTranscribed by {}/TR\n", "WZ"),
    ("[labels printed 3 May 2025 by {}]\n", "HV"),
    ("Report ends.\nD/T: {}/sec  job 4471\n", "LQ"),
])
def test_writer_initials(deid, template, value):
    assert_found(deid, template, value, "NAME", UPPER_MIXED)


@pytest.mark.parametrize("text,kept", [
    ("Dose signed for 12/3 by the ward.\n", "for"),
    ("Consent checked by pharmacy 3/4.\n", "pharmacy"),
])
def test_words_after_writer_verbs_stay(deid, text, kept):
    assert_kept(deid, text, kept, ("mixed",), wrong={"NAME"})


# a column headed by what someone did to the row ("ACK BY", "Checked by") holds people
def test_a_done_by_column(deid):
    text = ("Alarm log\nTIME      EVENT             VALUE    ACK BY\n01:10:02  APNEA             20 s     QV\n"
            "02:11:40  HIGH PRESSURE     50       Marsh T\n")
    found = [text[s.start:s.end] for s in deid.find(text) if s.type == "NAME"]
    assert "QV" in found and any("Marsh" in f for f in found)


# things named after people by their own noun, a form by what was done to it, an abbreviation without a vowel
@pytest.mark.parametrize("text,kept", [
    ("Airway: Mallampati 2, Cormack-Lehane grade 1.\n", "Cormack-Lehane"),
    ("Tightenings felt, Braxton Hicks contractions only.\n", "Braxton Hicks"),
    ("Transfer with Arjo hoist, two staff.\n", "Arjo"),
    ("Fall at night, no harm, Incidex done.\n", "Incidex"),
    ("Bloods sent.\nPls see: new ECG.\n", "Pls"),
])
def test_things_named_after_people_and_forms(deid, text, kept):
    assert_kept(deid, text, kept, ("mixed",), wrong={"NAME"})


@pytest.mark.parametrize("template,value", [
    ("Meeting held.\n{} raised concerns about discharge.\n", "Okonkwo"),
    ("Initials: {}\nSigned.\n", "MJK"),
])
def test_people_beside_those_shapes_are_still_found(deid, template, value):
    assert_found(deid, template, value, "NAME", ("mixed",))


def test_a_name_before_the_next_lines_card_field(deid):
    # a thing's own noun follows on the name's line; the next line's "Card no." is another field
    assert_found(deid, "Screen taken 2/3/2021   mother {}\nCard no. K21-55310\n", "Ottilie Brackwater", "NAME", ("mixed",))
