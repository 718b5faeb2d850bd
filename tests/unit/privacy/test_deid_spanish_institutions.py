"""Spanish institutions named by their position (``recognizers/spanish_institutions.py``): a maker
after a product in brackets, an unknown word alone in brackets after a capitalised word, an
acronym after a department or after "remitido ... por el"; a town after "postcode," in a contact
line; and the eponyms, units and drugs in the same positions that stay. Also the number of an id
field without the kind written before it ("CIPA: nhc-7391468"), a clinician's name that stops at
the workplace or contact line after it, a post-office box.

Every maker, hospital code and place here was made up for these tests.
"""

from __future__ import annotations

import pytest

from mednn.privacy.deid import Deidentifier


@pytest.fixture(scope="module")
def deid_es():
    return Deidentifier(language="es").fit()


def _found(deid, text: str, value: str) -> list[str]:
    start = text.index(value)
    end = start + len(value)
    return [s.type for s in deid.find(text) if s.start < end and start < s.end]


FOUND = [
    # a maker after a product with no dose, and after a dose in percent
    ("Colirio de dexametasona (Dexaflor, Quimivia Norte) cada 4 horas.", "Quimivia Norte"),
    ("Colirio de atropina (Atropina 1%, Laborin Vasca) cada 8 horas.", "Laborin Vasca"),
    # a maker of two names joined by "y", and its town after it
    ("Recibió bactoral (Bactoral 500 mg, Ortuzar y Bengoa, Zornotza) diez días.", "Ortuzar y Bengoa"),
    ("Recibió bactoral (Bactoral 500 mg, Ortuzar y Bengoa, Zornotza) diez días.", "Zornotza"),
    # a maker alone in brackets after a stain
    ("Se tiñó la extensión con Diff-Quick (Quimanor) en la sala.", "Quimanor"),
    # a hospital code after a department
    ("Remitida por el servicio de Medicina Física y Rehabilitación del HUGZB para control.", "HUGZB"),
    ("Acude a la consulta de urgencias de CMX-HGZ por dolor.", "CMX-HGZ"),
    # the emergency service that brought the patient
    ("Varón remitido al Hospital de Getxo por el SEMURK tras una caída.", "SEMURK"),
    # a name in quotes after an institution's head word or a hospital's acronym
    ('Servicio de Neurocirugía. Fundación "Arrieta Goiri". Avda. Zumalakarregi, 2. e-mail: a@ejemplo.es', "Arrieta Goiri"),
    ('En la valoración terciaria en el HCZ "Gómez Larrea", se realizó una TC.', "Gómez Larrea"),
    # a hospital with an adjective in lower case, a health area
    ("Remitida al Hospital universitario Larrabetzu para cirugía.", "Larrabetzu"),
    ("Servicio de Nefrología, Área Hospitalaria Virgen de Urkiola, Sevilla.", "Virgen de Urkiola"),
    # a product in lower case before its maker
    ("Acetazolamida oral (ezcalor®, Quimivia Norte, Getxo) cada 6 horas.", "Quimivia Norte"),
    # a town after its postcode and a comma, in a contact line
    ("Departamento de Enfermería. Avda. de la Ilustración s/n, 18990, Zubieta. ab@ejemplo.es", "Zubieta"),
]


@pytest.mark.parametrize("text,value", FOUND, ids=[v for _, v in FOUND])
def test_an_institution_named_by_its_position_is_found(deid_es, text, value):
    assert "LOCATION" in _found(deid_es, text, value)


def test_the_product_before_its_maker_stays(deid_es):
    text = "Colirio de dexametasona (Dexaflor, Quimivia Norte) cada 4 horas."
    assert _found(deid_es, text, "Dexaflor") == []


KEPT = [
    ("La neovejiga (Studer) se construyó con 45 cm de íleon.", "Studer"),
    ("Diagnóstico: Nefroblastoma (Tumor de Wilms), estadio II.", "Tumor de Wilms"),
    ("Ingresó en el Servicio de UVI tras la cirugía.", "UVI"),
    ("Acudió al servicio de urgencias donde fue diagnosticado de ITU.", "ITU"),
    ("Recibió quimioterapia (Fludarabina, Mitoxantrona) en 2010.", "Mitoxantrona"),
    ("Se estudiaron los anticuerpos (inmunoglobulinas, ANA) sin hallazgos.", "ANA"),
    ("Fue remitido a consulta por el TAC de control.", "TAC"),
    ("Trasladado a planta por el equipo de la UCI.", "UCI"),
    ('Refiere un TAC "en vidrio deslustrado" y disnea.', "en vidrio"),
    ("Fue trasladado al hospital general de la zona.", "general"),
]


@pytest.mark.parametrize("text,value", KEPT, ids=[v for _, v in KEPT])
def test_eponyms_units_and_drugs_in_the_same_places_stay(deid_es, text, value):
    assert "LOCATION" not in _found(deid_es, text, value)


@pytest.mark.parametrize("cue", ["Telef", "Telfs", "Fax", "Tlfno"])
def test_a_contact_cue_after_a_town_is_no_town(deid_es, cue):
    text = f"Paseo de Uribarri 14. 48007 Zorrotzaurre. {cue}: 944 120 300. Correo: ab@ejemplo.es"
    assert _found(deid_es, text, cue) == []
    assert "LOCATION" in _found(deid_es, text, "Zorrotzaurre")


def _spans(deid, text: str) -> list[tuple[str, str]]:
    return [(text[s.start:s.end], s.type) for s in deid.find(text)]


def test_an_institution_is_parted_from_the_street_after_it_in_a_contact_line(deid_es):
    text = "Remitido por: Dr. Ander Zuazo. Instituto Oncológico de Gorliz Urbieta, 44 E-48630 Gorliz. E-mail: az@ejemplo.es"
    spans = _spans(deid_es, text)
    assert ("Instituto Oncológico de Gorliz", "LOCATION") in spans
    assert ("Urbieta, 44", "ADDRESS") in spans


def test_an_institution_in_running_text_is_not_parted(deid_es):
    text = "Fue valorado en el Instituto Oncológico de Gorliz Urbieta 3 veces."
    assert [t for t, k in _spans(deid_es, text) if "Urbieta" in t and k == "ADDRESS"] == []


def test_a_floor_does_not_take_the_postcode_after_the_house_number(deid_es):
    text = "Remitido por: Dr. X. C/ Irunlarrea, 3 31008 Iruñea. e-mail: ab@ejemplo.es"
    spans = _spans(deid_es, text)
    assert ("C/ Irunlarrea, 3", "ADDRESS") in spans and ("31008", "ZIP") in spans


@pytest.mark.parametrize("value", ["nhc-7391468", "NHC/4471203", "hc: 22871034", "nhc-786946231"])
def test_an_id_field_holds_the_number_without_its_kind(deid_es, value):
    # the number is the id; "nhc-" says what kind of number it is, and a 9-digit id is no phone
    text = f"Apellidos: Urquiza Beltrán.\nCIPA: {value}.\nNASS: 46 71203489 55.\n"
    number = value.split("-")[-1].split("/")[-1].split(" ")[-1]
    assert (number, "ID") in _spans(deid_es, text)


CLINICIANS = [
    ("Responsable clínico: Dr. Iñigo Arrizabalaga Etxeberria Servicio de Urología Hospital de Zumarraga.",
     "Iñigo Arrizabalaga Etxeberria"),
    ("Remitido por: Doctora Itziar Lasa Bengoa. Servicio de Urología. Hospital de Zumarraga.", "Itziar Lasa Bengoa"),
    ("Responsable clínico: Dr. Ander Lasa Ibarra Correo electrónico: al@ejemplo.es", "Ander Lasa Ibarra"),
]


@pytest.mark.parametrize("text,name", CLINICIANS, ids=[n for _, n in CLINICIANS])
def test_a_clinicians_name_ends_where_the_workplace_or_contact_begins(deid_es, text, name):
    assert [t for t, k in _spans(deid_es, text) if k == "NAME"] == [name]


def test_a_post_office_box_is_an_address(deid_es):
    text = "Remitido por: Dr. Ander Lasa. Apartado de Correos 993 48080 Bilbao. (España). al@ejemplo.es"
    assert ("Apartado de Correos 993", "ADDRESS") in _spans(deid_es, text)
