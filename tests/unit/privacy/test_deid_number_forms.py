"""Identifiers, phones and plates in the layouts and labels of many countries (issue 20; 2026-12-08, probe14i, from a
probe of 222 forms of these types written from knowledge of real notes, not read from any set): a phone in other
countries' groups after a label in their words or a letterhead's one-letter field, a trunk 0 scanned as the letter O;
a plate after the word a German, Spanish, French, Italian or Dutch form prints; a chassis number; a national number
printed with its country's dots and dashes (RUT, CPF, NIR); an invoice number; a value in the cell after its label's.
Kept: platelet counts and a lesion's size after "plaquetas" / "placa", a pulse or temperature series, short counts.

Names and numbers are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import UPPER_MIXED, assert_found, assert_kept

PHONES = [
    ("Mob: {} (son)", "99021 87340"),
    ("T: {}\nE: clinic", "8812 4407"),
    ("Teléfono: {}", "93 402 17 55"),
    ("Tlf {} dagtid", "41 27 90 33"),
    ("Phone {} after hours", "612 480 773 2"),
    ("Ph {} (reception)", "O3 8812 4407"),
    ("Tel ({}) 8812 4407", "O3"),
]


@pytest.mark.parametrize("template,value", PHONES)
def test_a_phone_in_other_countries_groups_after_its_label(deid, template, value):
    assert_found(deid, template, value, "PHONE", casings=UPPER_MIXED)


PLATES = [
    ("Kennzeichen: {}", "M-KR 4471"),
    ("Matrícula {} (coche del hijo)", "4471 KTR"),
    ("Immatriculation : {}", "GH-482-KT"),
    ("Targa {}", "FK 482 TR"),
    ("Kenteken: {}", "52-KTR-4"),
    ("chassis no. {}", "MA3FB32S5K0112233"),
]


@pytest.mark.parametrize("template,value", PLATES)
def test_a_plate_after_the_label_other_countries_forms_print(deid, template, value):
    assert_found(deid, template, value, "VEHICLE", casings=UPPER_MIXED)


NATIONAL = [
    ("RUT: {}", "15.902.448-K"),
    ("CPF {}", "402.118.930-27"),
    ("NIR : {}", "2 91 07 13 055 214 62"),
]


@pytest.mark.parametrize("template,value", NATIONAL)
def test_a_national_number_with_its_countrys_dots_and_dashes(deid, template, value):
    assert_found(deid, template, value, "SSN", casings=UPPER_MIXED)


@pytest.mark.parametrize("template,value", [("Invoice # {} sent to insurer", "90317"),
                                            ("Account Number | {} |", "6602 4471 90")])
def test_an_invoice_number_and_an_account_in_the_cell_after_its_label(deid, template, value):
    assert_found(deid, template, value, "ID", casings=UPPER_MIXED)


KEPT = [
    ("Hemoglobina 12,1 g/dl, plaquetas 206.000/mm3, leucocitos 7.300", "206.000"),
    ("se observa otra placa de 2 cm de diámetro", "2 cm"),
    ("T 36 37 38 37 38\nP 88 92 96", "36 37 38"),
    ("Tel contact made x3 today", "x3"),
]


@pytest.mark.parametrize("template,kept", KEPT)
def test_counts_sizes_and_vital_series_stay(deid, template, kept):
    assert_kept(deid, template, kept, casings=("mixed",))
