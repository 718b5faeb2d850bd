"""The allow-list for numbers (recognizers/codes.py): identifiers of formats no cue list knows,
with and without a label, in three casings, are found; clinical number forms (lab values, doses,
vitals, scores, gene and drug names, dates, phones, ZIP codes, ages) are not marked ID.

Codes are generated from a seeded random source in formats written for these tests.
"""

from __future__ import annotations

import random
import string

import pytest

from mednn.data.wordlists.code_shapes import code_shape, code_shapes, collapsed_shape
from mednn.data.wordlists.generate_code_shapes import learn

CASINGS = {"upper": str.upper, "lower": str.lower, "mixed": lambda s: s[:1].upper() + s[1:]}


def _letters(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("BCDFGHJKLMNPQRSTVWXZ") for _ in range(n))  # no vowels: no words


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


# new formats: letter prefixes, hyphen groups, interleaved, trailing letters, plates, spaced groups
FORMATS = [
    lambda r: f"{_letters(r, 2)}-{_digits(r, 5)}",
    lambda r: f"{_letters(r, 1)}{_digits(r, 4)}-{_digits(r, 2)}",
    lambda r: f"{_letters(r, 2)}{_digits(r, 2)}{_letters(r, 2)}{_digits(r, 2)}",
    lambda r: f"{_digits(r, 3)}-{_digits(r, 2)}-{_digits(r, 2)}",
    lambda r: f"{_digits(r, 2)}-{_digits(r, 4)}{_letters(r, 1)}",
    lambda r: f"{_digits(r, 1)}{_letters(r, 3)}{_digits(r, 3)}",
    lambda r: f"{_letters(r, 2)}{_digits(r, 2)} {_letters(r, 3)}",
    lambda r: f"{_digits(r, 4)} {_digits(r, 4)} {_digits(r, 4)}",
    lambda r: f"{_letters(r, 3)}{_digits(r, 6)}{_letters(r, 1)}",
]
# labels that are in no cue list of mednn, and no label at all
CONTEXTS = ["Kardex ref {} checked at handover.", "Wristband barcode {} matches.", "{} was scanned at the bedside.",
            "pt belongings tagged {} by security", "Omnicell drawer {} restocked."]


def _cases():
    rng = random.Random(20261207)
    return [(i, j, fmt(rng)) for i, fmt in enumerate(FORMATS) for j in range(len(CONTEXTS))]


@pytest.mark.parametrize("casing", list(CASINGS))
@pytest.mark.parametrize(("format_index", "context_index", "code"), _cases())
def test_codes_of_new_formats_are_found(deid, casing, format_index, context_index, code):
    text = CASINGS[casing](CONTEXTS[context_index].format(code))
    start = text.lower().index(code.lower())
    spans = deid.find(text)
    assert any(s.start <= start and start + len(code) <= s.end for s in spans), (format_index, context_index, spans)


CLINICAL = [
    "Hb 12.5 g/dL, WBC 11.2, platelets 150000, Na 138, K 4.1, Cr 1.02, HbA1c 7.2%.",
    "BP 120/80, HR 88, RR 18, SpO2 96% on 2L, T 37.5C, pain 4/10, strength 5/5 throughout.",
    "Metoprolol 25mg PO BID, heparin 5000 units SC q8h, insulin 10u, NS at 125 mL/hr, 1000mg APAP.",
    "BRCA1 and BRCA2 negative; IL-6 raised; CD34+ cells; H1N1 and COVID-19 vaccines; T2DM on metformin.",
    "B12 low, 25(OH)D 18, G6PD normal, C5-C6 disc bulge, L4-L5 stenosis, ICD-10 E11.9, CHA2DS2-VASc 3.",
    "34-year-old G2P1 at 38 weeks, 3rd trimester, 2.5cm mass, 10-mm nodule, q4h prn, x3 days, 1990s.",
    "PHQ-9 of 14, GAD-7 of 9, FEV1/FVC 0.65, paO2 78, FiO2 0.4, PEEP 5, 12-lead ECG, 18g IV.",
    "pT3N1aM0 (T2N0M0 at biopsy), G4P3013, GCS 14 (E3V5M6), AC 500X14, BP 110-130/60-70, Q1 2019, x1000.",
]


@pytest.mark.parametrize("casing", list(CASINGS))
@pytest.mark.parametrize("text", CLINICAL)
def test_clinical_numbers_are_not_marked(deid, casing, text):
    assert [s for s in deid.find(CASINGS[casing](text)) if s.type == "ID"] == []


@pytest.mark.parametrize(("text", "value", "kind"), [
    ("Seen 03/14/2021 and 2021-03-14.", "03/14/2021", "DATE"),
    ("Call 617-555-0143 after 5.", "617-555-0143", "PHONE"),
    ("Lives at 12 Elm Street, Boston, MA 02114.", "02114", "ZIP"),
    ("She is a 95yo woman.", "95", "AGE"),
])
def test_dates_phones_zips_and_ages_keep_their_type(deid, text, value, kind):
    start = text.index(value)
    assert [s.type for s in deid.find(text) if s.start <= start < s.end] == [kind]


def test_shapes_ignore_casing_and_collapse_runs():
    assert code_shape("IL-6") == code_shape("il-6") == "AA-9"
    assert collapsed_shape("ICAM-1") == collapsed_shape("hiv-12") == "A-9"


def test_learn_keeps_habits_of_several_texts_only():
    texts = ["IL-6 and CD34 rose; Platelets: 150000", "IL-6 fell; CD34 low; platelets 9000; QX-7731 once",
             "IL-6, CD4, B12, platelets: 200000"]
    learnt = learn(texts, min_docs=2, min_words=2)
    assert {"il-6", "cd34"} <= learnt["word"]
    assert "qx-7731" not in learnt["word"]  # one text's own code is no habit of the field
    assert "platelets" in learnt["context"]
    assert "AA99" in learnt["shape"] or "A9" in learnt["shape"]


def test_shipped_file_is_read():
    shapes = code_shapes("en")
    assert "hba1c" in shapes.words and "covid-19" in shapes.words
    assert shapes.shapes and shapes.contexts
    assert code_shapes("xx").words == frozenset()
