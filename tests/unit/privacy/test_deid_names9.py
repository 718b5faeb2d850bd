"""Person names, round 9 (names9, 2026-12-07): a person's dotted initials wherever they stand, in every
casing; the dotted abbreviations of clinical and scientific writing stay."""

import pytest

from tests.deid_cases import ALL, assert_found, assert_kept


@pytest.mark.parametrize("template,value", [
    ("Prepared: {}   Checked: J. Hale   Released 09:00\n", "K.G."),
    ("Referring cardiologist: {}  (post PCI to LAD)\n", "H.T."),
    ("Last seen '17 by {}\nLasix 40 mg\n", "G.R."),
    ("Surgery Dec 27th by {}. Impedances normal.\n", "F.K."),
    ("Photo A,B | IMG_0151 | A only | {}\nConsent levels: A = records\n", "J.B."),
    ("embryologist {}\nprevious surgery in 70\n", "T.R.W."),
])
def test_dotted_initials_are_a_person(deid, template, value):
    assert_found(deid, template, value, "NAME", ALL)


@pytest.mark.parametrize("text,kept", [
    ("Metoprolol 25 mg p.o. b.i.d. and aspirin q.d.\n", "b.i.d."),
    ("She is a 60 y.o. woman, D.O.B. on file, seen at 9 a.m.\n", "y.o."),
    ("Plasma levels (mean +/- S.D.) rose after i.v. and i.c.v. dosing, e.g. in rats.\n", "S.D."),
    ("Plasma levels (mean +/- S.D.) rose after i.v. and i.c.v. dosing, e.g. in rats.\n", "i.c.v."),
    ("Trials in the U.S.A. and U.K. compared enteric-coated (e.c.) tablets.\n", "U.S.A."),
    ("Seen by Jasper Church, M.D., on the ward.\n", "M.D."),
])
def test_dotted_abbreviations_are_kept(deid, text, kept):
    assert_kept(deid, text, kept, ALL, wrong={"NAME"})


@pytest.mark.parametrize("template,value", [
    # the sign-off fields of a dispensing or compounding record, and a signature label
    ("Prepared: {}   Checked: J. Hale   Released: 10:00\n", "PKB"),
    ("Prepared: K.G.   Checked: {}   Released: 10:00\n", "N.S."),
    # capitals after "by" ending the line sign it
    ("Board informed.\nPrepared 2025-08-21 by {}\nTo be seen in July.\n", "JKG"),
])
def test_sign_off_initials_are_a_person(deid, template, value):
    assert_found(deid, template, value, "NAME", ("upper", "mixed"))


@pytest.mark.parametrize("text,kept", [
    ("Follow-up arranged by OPD\n", "OPD"),
    ("Diagnosis confirmed by MRI\n", "MRI"),
    ("Seen by GP\n", "GP"),
])
def test_teams_after_by_are_kept(deid, text, kept):
    assert_kept(deid, text, kept, ("upper", "mixed"), wrong={"NAME"})


@pytest.mark.parametrize("template,value", [
    # a system login after "by" or a technician's role: long surnames, hyphens, surname letters that spell a word
    ("Session IP 198.211.4.165 by {}\n", "nwisniewski1"),
    ("Printed from 172.168.255.20 by {} 09:15\n", "shunter1"),
    ("Accessed from 192.11.160.167 by {}\n", "bboateng-hill9"),
    ("EEG tech {}; attending on call\n", "nsokolov2"),
])
def test_logins_in_a_login_slot_are_a_person(deid, template, value):
    assert_found(deid, template, value, "NAME", ("lower", "mixed"))


@pytest.mark.parametrize("text,kept", [
    ("Mobility improved by day2 of the programme.\n", "day2"),
    ("Graded by phase1 criteria.\n", "phase1"),
    ("Raised interleukin6 and covid19 antibodies.\n", "interleukin6"),
])
def test_words_with_a_digit_are_kept(deid, text, kept):
    assert_kept(deid, text, kept, ALL, wrong={"NAME"})


@pytest.mark.parametrize("template,value", [
    ("Plan agreed.\nDiscussed with {} who agrees.\n", "padraig fifita"),
    ("Bloods ok.\nDiscussed with {}; plan as above.\n", "kenji lamb"),
    ("EEG tech on site; attending {}; EEG study booked\n", "aleksandr hall"),
    ("Crisis line given. Review 9/19 w/ {}\n", "yui grant"),
])
def test_lower_case_colleague_after_a_cue_is_a_person(deid, template, value):
    assert_found(deid, template, value, "NAME", ("lower", "mixed"))


@pytest.mark.parametrize("text,kept", [
    ("Discussed with renal team; plan as above.\n", "renal team"),
    ("Case d/w micro lab.\n", "micro lab"),
    ("Discussed with ortho fellow, ok to mobilise.\n", "ortho fellow"),
    ("Discussed with pt daughter.\n", "pt daughter"),
])
def test_teams_after_a_colleague_cue_are_kept(deid, text, kept):
    assert_kept(deid, text, kept, ("lower", "mixed"), wrong={"NAME"})
