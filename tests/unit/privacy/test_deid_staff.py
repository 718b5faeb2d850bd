"""Staff identifiers in every casing (recognizers/staff.py): user ids / logins in a person's slot or
shaped as an initial and a surname, initials signing the rows of a flowsheet or a call log, the values
of role fields, who did something ("by"), whom to call, who was copied, hand-offs and officers' titles;
and what stays: gene and lab codes, clinical values ending a row, clinical words after "by" or "call".
"""

from __future__ import annotations

import pytest

from mednn.privacy.deid.recognizers.staff import find_staff
from tests.deid_cases import CASINGS, found_in_casing

FOUND = [
    # user ids / logins
    ("11/02 0314 from {} to kbaptis4: bed 9 pt requesting pain med", "mokafor17"),
    ("sent 22:10 from tnguyen3 to {}: k 2.9, repleting", "lgarcia88"),
    ("Printed from WS 10.14.2.9 by {}\n", "pmarsh41"),
    ("Note reviewed w/ {}.", "jkowalsk7"),
    ("Endoscopist: {}   Anesthesia: Dr. Brandt", "rsandov22"),
    ("3/04 0210 FROM {} TO WARDEN12: bed 4 febrile", "quill33"),
    # role fields
    ("Pathologist: {}\nExternal: 160 cm, 55 kg.", "RQ"),
    ("Provider: M. Ortiz   Med pass: {}\nAllergies: NKDA", "VT"),
    ("Operator: {}   Fellow: Lindqvist, Aron", "Okonkwo, Bisi"),
    # who did it, whom to call, who was copied, hand-offs, titles
    ("Massive transfusion activated 0412 by {}: 1:1:1.", "Hope"),
    ("Imaging reviewed by {}. Collar cleared.", "Arlo Pennington"),
    ("if MAP < 65 start norepi, call {} 4-5521", "QX"),
    ("cc: {} fax 555-201-3344", "Vashti Delacroix"),
    ("Report given {} -> Ferrante 0715\n", "Okafor"),
    ("Applicant: Officer {} badge 5521", "Whitlock"),
    ("before Magistrate {}.", "Castellano"),
    ("Electronically signed by {}, DO on 2025-04-02", "Nell Garber"),
    ("Seen with pediatrician {} at Brookside clinic.", "ZW"),
    ("Handoff 3/8\nFrom: {}  To: Ines Vidal (night float)\n", "Marisol Quint"),
    ("CPSA reg. 234317\n{}, RT\n", "Dariusz Holm"),
]


@pytest.mark.parametrize("casing", CASINGS)
@pytest.mark.parametrize("template,value", FOUND)
def test_staff_identifiers_are_found_in_every_casing(deid, template, value, casing):
    found, shown = found_in_casing(deid, template, value, "NAME", CASINGS[casing])
    assert found, shown


ROWS = [
    ("0800 | AC | FiO2 0.4 | PEEP 8 | SpO2 95% | TQ\n1200 | AC | FiO2 0.35 | PEEP 8 | SpO2 96% | MW\n", "TQ"),
    ("06:15  caller: vomited x1 - JN\n07:40  callback: tolerating fluids - RV\n", "JN"),
    ("Blood bank called to QG at 6-2231; read back.\n", "QG"),
]


@pytest.mark.parametrize("casing", CASINGS)
@pytest.mark.parametrize("text,initials", ROWS)
def test_initials_in_rows_and_calls_are_removed_in_every_casing(deid, text, initials, casing):
    # a row's last cell or a code after "to" may also be read as a site code (LOCATION): what counts is
    # that it goes
    text = CASINGS[casing](text)
    start = text.lower().index(initials.lower())
    assert any(s.start <= start < s.end for s in deid.find(text))
    assert any(text[s:e].lower() == initials.lower() for s, e, _ in find_staff(text, deid.lexicon_))


KEPT = [
    "Tested for brca1 and apoe4; covid19 PCR negative.",
    "SpO2 95% on RA, PCO2 48, FiO2 0.4.",
    "0800 | HR 88 | BP 120/70 | RA\n1200 | HR 90 | BP 118/72 | NC\n",
    "Fracture confirmed by CT. Seen by PT.",
    "If pain persists call pharmacy 555-0199.",
    "Referral: nephrology for CKD 4",
    "Anesthesia: MAC   Scope: Olympus",
    "Police officer present at bedside.",
    "Follow up with cardiology.",
    "Transcript levels were assessed by Northern blot analysis.",
    "Increased from fio2 40 to fio2 60 overnight.",
    "Dietitian consulted. Resp therapist aware of vent changes.",
    "Sister requests a call back after 5.",
    "0800 - ate\n1200 - ate\n1600 - ate\n",
    "Younger physician age, general internal medicine and practice size were associated.",
]


@pytest.mark.parametrize("casing", CASINGS)
@pytest.mark.parametrize("text", KEPT)
def test_clinical_words_in_staff_slots_are_kept(deid, text, casing):
    cased = CASINGS[casing](text)
    assert find_staff(cased, deid.lexicon_) == [], [cased[s:e] for s, e, _ in find_staff(cased, deid.lexicon_)]


def test_lower_case_words_after_by_are_kept_where_case_tells(deid):
    # in a note typed in one case the allow-list decides about unknown words; where the writer uses
    # capitals, a word in lower case after "by" is no name
    text = "Data were obtained by paramedics on 166 patients."
    assert find_staff(text, deid.lexicon_) == []


def test_one_row_ending_in_a_word_is_no_column_of_signatures(deid):
    text = "0800 | pt resting | ok\n"
    assert find_staff(text, deid.lexicon_) == []
