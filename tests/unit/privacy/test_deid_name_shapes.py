"""Person names by their shape and position, on generated text in every casing (mixed, capitals,
lower case): initial + surname, "Last, First M", a column headed by a role, initials beside a
name or a role, "pt" + name before an id, a name before a kin word, self-introductions and
sign-offs, an e-mail's owner, hand-offs, partners, and the vocabulary that is no name (compounds,
eponyms, typos). Surnames are drawn from the shipped list among those that are also dictionary
words ("White", "Price"), which only the shape marks as names.
"""

from __future__ import annotations

import random

import pytest

from mednn.privacy.deid.recognizers.tokens import judge_for

CASINGS = ("mixed", "upper", "lower")


@pytest.fixture(scope="module")
def people(deid):
    """Three (first name, dictionary-word surname) pairs drawn from the shipped lists."""
    judge = judge_for(deid.lexicon_)
    rng = random.Random(20261207)
    surnames = sorted(w for w in deid.lexicon_.last if w.isalpha() and 4 <= len(w) <= 7 and judge.status(w) == "safe"
                      and w.lower() in judge.core and not w.lower().endswith(("ed", "ing", "s")))
    firsts = sorted(w for w in deid.lexicon_.first - deid.lexicon_.ambiguous if w.isalpha() and 4 <= len(w) <= 7
                    and judge.status(w) == "name")
    return list(zip(rng.sample(firsts, 3), rng.sample(surnames, 3)))


def cased(text: str, casing: str) -> str:
    return {"mixed": text, "upper": text.upper(), "lower": text.lower()}[casing]


def removed(deid, text: str) -> str:
    """The text with every found span blanked out, to ask what survives."""
    out = list(text)
    for span in deid.find(text):
        out[span.start:span.end] = "#" * (span.end - span.start)
    return "".join(out)


def assert_gone(deid, text: str, *words: str) -> None:
    left = removed(deid, text)
    for word in words:
        assert word not in left, f"{word!r} survives in {left!r}"


def assert_kept(deid, text: str, *words: str) -> None:
    left = removed(deid, text)
    for word in words:
        assert word in left, f"{word!r} was removed from {left!r}"


@pytest.mark.parametrize("casing", CASINGS)
def test_initial_before_a_dictionary_word_surname_in_a_name_slot(deid, people, casing):
    for first, last in people:
        for template in ("Dictated by {i}. {s}  D: 9/15/26 T: 9/16/26", "Attending: Dr. Ames   Resident: {i}. {s}\nHPI: cough",
                         "Fax 1-580-709-3034). {i}. {s} DEA# FR2868618", "Plan: continue 2x/wk. {i}. {s} PT\n",
                         "POC reviewed with {i}. {s}. Next visit 3/15."):
            text = cased(template.format(i=first[0], s=last), casing)
            assert_gone(deid, text, cased(last, casing))


@pytest.mark.parametrize("casing", CASINGS)
def test_an_initial_before_an_ordinary_word_is_no_name(deid, casing):
    for text in ("Vitamin D. White blood cells were low.", "Cultures grew E. coli and S. aureus."):
        text = cased(text, casing)
        assert_kept(deid, text, *[cased(w, casing) for w in ("White", "coli", "aureus") if w.lower() in text.lower()])


@pytest.mark.parametrize("casing", CASINGS)
def test_last_first_middle_and_last_initial_in_a_cell(deid, people, casing):
    for first, last in people:
        text = cased(f"Handoff to SNF - 9/27\n{last}, {first} A, 90 y/o, code status full\n", casing)
        assert_gone(deid, text, cased(last, casing), cased(first, casing))
        text = cased(f"Lasix         20 mg PO daily     2/18       {last}, {first[0]}.\nPharmacy: CVS\n", casing)
        assert_gone(deid, text, cased(last, casing))


@pytest.mark.parametrize("casing", CASINGS)
def test_a_column_under_a_role_holds_names(deid, people, casing):
    (_, a), (_, b), (_, c) = people
    table = (f"MEDICATION    DOSE                  LAST DOSE  PRESCRIBER\n"
             f"Lantus        2 tab daily           2/18       {a}\n"
             f"Augmentin     10 mg PO BID          5/15/26    {b}\n"
             f"Norvasc       5 mg daily            3/1        {c}\n\nDiscrepancies: none.\n")
    text = cased(table, casing)
    assert_gone(deid, text, *[cased(w, casing) for w in (a, b, c)])
    assert_kept(deid, text, cased("Augmentin", casing), cased("daily", casing))


@pytest.mark.parametrize("casing", CASINGS)
def test_initials_beside_a_role_or_a_name(deid, people, casing):
    first, last = people[0]
    initials = first[0] + last[0]
    for template, gone in (("To CCU room 28. Triage RN {ii}\n", "{ii}"), ("Specimen sent. Transcribed by {ii}\n", "{ii}"),
                           ("{i}. {s} / {ii}\n", "{ii}"), ("{i}. {s}/{ii}  6/22/26\n", "{ii}"),
                           ("Recommendations sent to {i}.{j}.. -- K. Moss, RPh\n", "{i}.{j}.")):
        values = dict(i=first[0], j=last[0], s=last, ii=initials)
        text = cased(template.format(**values), casing)
        assert_gone(deid, text, cased(gone.format(**values), casing))
    for text in ("Labs sent to ICU.\n", "Triage RN aware\n", "Sent to OR.\n"):
        text = cased(text, casing)
        assert_kept(deid, text, *[w for w in text.split() if w.strip(".").upper() in ("ICU", "AWARE", "OR")])


@pytest.mark.parametrize("casing", CASINGS)
def test_the_patient_after_pt_before_an_id(deid, people, casing):
    for first, last in people:
        text = cased(f"TRIAGE 10/5 2:30 AM\nPT {first} {last} MRN 668-96-68 ZIP 42590\n", casing)
        assert_gone(deid, text, cased(first, casing), cased(last, casing))
    assert_kept(deid, cased("Pt seen today, 2 days post op.", casing), cased("seen", casing))


@pytest.mark.parametrize("casing", CASINGS)
def test_a_name_before_a_kin_word_in_the_possessive(deid, casing):
    judge = judge_for(deid.lexicon_)
    # first names that are also words ("Dawn", "Iris"): only the kin word after them says "person"
    words = sorted(w for w in deid.lexicon_.first & deid.lexicon_.ambiguous if w.isalpha() and len(w) >= 4
                   and judge.status(w) == "safe" and w.lower() not in ("will", "may", "june", "april", "august"))
    for first in random.Random(7).sample(words, 3):
        text = cased(f"Intake after a breakup. {first}'s stepson reports she gave away belongings.", casing)
        assert_gone(deid, text, cased(first, casing))
    text = cased("After her mother's death the patient's wife called.", casing)
    assert_kept(deid, text, cased("mother", casing), cased("death", casing), cased("wife", casing))


@pytest.mark.parametrize("casing", CASINGS)
def test_self_introduction_sign_off_and_e_mail_owner(deid, people, casing):
    first, last = people[1]
    for text in (f"hi dr Moss its {first}, my sugars are running 250s.", f"I work til 5. thank you, {first}\nphoto attached"):
        assert_gone(deid, cased(text, casing), cased(first, casing))
    text = cased(f"portal msg from {first} {last} ({last}{first[0]}@example.com) 9/20", casing).replace(
        cased(f"{last}{first[0]}@example.com", casing), f"{last}{first[0]}@example.com".lower())
    assert_gone(deid, text, cased(first, casing), cased(last, casing))
    assert_kept(deid, cased("Thrombosis and its major sequela, embolism, continue.", casing), cased("major", casing))


@pytest.mark.parametrize("casing", CASINGS)
def test_hand_off_partners_and_kin_names_that_are_function_words(deid, casing):
    assert_gone(deid, cased("Nurse to nurse: Richard -> Dawn, 473-847-6261 ext 6012.", casing), cased("Dawn", casing))
    for text, name in (("Accompanied by gf Jasmine. History notable.", "Jasmine"),
                       ("Pt moved in with grandson Will at 689 Old County Road.", "Will"),
                       ("Consent reviewed with pt and father Will; consent signed.", "Will")):
        assert_gone(deid, cased(text, casing), cased(name, casing))
    for text, word in (("Versus GF insertion in these groups.", "insertion"), ("Her son will call tomorrow.", "will"),
                       ("Based upon C3 or Bf phenotype.", "phenotype")):
        assert_kept(deid, cased(text, casing), cased(word, casing))


@pytest.mark.parametrize("casing", CASINGS)
def test_a_relative_before_cell_is_no_eponym(deid, casing):
    text = cased("Contact wife Thanh Quigley cell 707-498-1492\n", casing)
    assert_gone(deid, text, cased("Thanh", casing), cased("Quigley", casing))
    assert_kept(deid, cased("Biopsy showed Hurthle cell carcinoma.", casing), cased("Hurthle", casing))


@pytest.mark.parametrize("casing", CASINGS)
def test_title_first_name_and_a_word_surname(deid, casing):
    assert_gone(deid, cased("Seen by Dr. Lisa Cuddy today.", casing), cased("Cuddy", casing), cased("Lisa", casing))
    assert_kept(deid, cased("Dr. Mary ordered labs.", casing), cased("ordered", casing))


@pytest.mark.parametrize("casing", CASINGS)
def test_compounds_eponyms_and_typos_are_no_names(deid, casing):
    for text in ("Handoff to Harlan Family Practice.", "Timeout performed. Incision carried down through Scarpa fascia.",
                 "Telehealth visit link sent. Workup pending.", "A Penrose drain was placed.",
                 "Calot triangle dissected. Nissen fundoplication.", "Biorepository ID 78-E40047; consent 8/20."):
        text = cased(text, casing)
        for word in ("Handoff", "Timeout", "Scarpa", "Telehealth", "Workup", "Penrose", "Calot", "Nissen", "Biorepository"):
            if word.lower() in text.lower():
                assert_kept(deid, text, cased(word, casing))
    # a compound that ends as a place stays a place, a listed compound surname stays a name
    assert_gone(deid, cased("Arrived via Watertown Fire Rescue. Seen by Dr. Goodwin.", casing), cased("Goodwin", casing))
    # two nouns glued are how surnames are made: an unlisted "Fairweather" stays a candidate name
    assert_gone(deid, cased("Seen by Dr. Thaddeus Fairweather today.", casing), cased("Fairweather", casing))


def test_the_possessive_is_not_part_of_a_name(deid):
    text = "FARHAN'S CELL 207-895-6076. HCP IS NIECE BIANKA WUJEK."
    names = [text[s.start:s.end] for s in deid.find(text) if s.type == "NAME"]
    assert "FARHAN" in names and not any(n.endswith("'S") for n in names)


@pytest.mark.parametrize("casing", CASINGS)
def test_possessive_without_apostrophe_spelled_age_and_dashed_sign_off(deid, casing):
    text = cased("Name: Vance, Iris   MRN: 00001819\nID/CC: Iris is a ninety yo woman.\nIriss stepson John reports.", casing)
    left = removed(deid, text)
    assert cased("Iris", casing) not in left  # also not inside "Iriss"
    assert_gone(deid, cased("Seen today.\nid/cc: Laura is a ninety-two yo woman.", casing), cased("Laura", casing))
    for initials in ("B.M.", "LR"):
        assert_gone(deid, cased(f"Faxed to the clinic.\n-{initials} rn\n", casing), cased(initials, casing))


@pytest.mark.parametrize("casing", CASINGS)
def test_a_first_name_that_is_a_function_word_before_a_surname(deid, casing):
    assert_gone(deid, cased("TRIAGE 6/14 8:05 AM\nPT Will Bell MRN 0474-435\n", casing), cased("Will", casing), cased("Bell", casing))
    assert_kept(deid, cased("Pt will see MRN 123 today.", casing), cased("will", casing), cased("see", casing))
