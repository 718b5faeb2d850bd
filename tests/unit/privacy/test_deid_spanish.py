"""Spanish de-identification (``language="es"``): every identifier type MEDDOCAN annotates that
Safe Harbor lists, in generated case-report text, as written, in capitals and in lower case; and
what must stay (eponyms, brands, inflected words, sex words, countries, lab acronyms).

Names, towns, numbers and institutions here were written for these tests; none is read from a
list the detector uses.
"""

from __future__ import annotations

import pytest

from mednn.privacy.deid import Deidentifier
from mednn.privacy.deid.recognizers import REFINERS


@pytest.fixture(scope="module")
def deid_es():
    return Deidentifier(language="es").fit()


def _found(deid, text: str, value: str) -> list[str]:
    """Types of the spans that overlap ``value`` in ``text``."""
    start = text.index(value)
    end = start + len(value)
    return [s.type for s in deid.find(text) if s.start < end and start < s.end]


# (template, value, type): the value fills {} ; found in every casing
ANY_CASE = [
    ("Nombre: {}.\nApellidos: Urquiza Beltrán.\n", "Itziar", "NAME"),
    ("Apellidos: {}.\nNHC: 4471203.\n", "Olaberria Sanjurjo", "NAME"),
    ("Médico: {} NºCol: 28 28 51234.\n", "Araceli Mendizábal Goñi", "NAME"),
    ("Remitido por: Dra. {}. Servicio de Urología.\n", "Leire Otxoa Berasaluze", "NAME"),
    ("Fue valorada por el Dr. {} en consulta.\n", "Ibarrola Zubiri", "NAME"),
    ("NHC: {}.\n", "8812034", "ID"),
    ("NASS: {}.\n", "46 71203489 55", "ID"),
    ("Médico: Ane Lasa Bengoa NºCol: {}.\n", "48 48 70412", "ID"),
    ("Domicilio: {}.\n", "Calle Artekale, 15, 3G", "ADDRESS"),
    ("CP: {}.\n", "48005", "ZIP"),
    ("Localidad/ Provincia: {}.\n", "Zumarraga", "LOCATION"),
    ("Paciente natural de {}, sin antecedentes de interés.\n", "Olabeaga", "LOCATION"),
    ("Varón residente en {} que consulta por disnea.\n", "Villafranqueza", "LOCATION"),
    ("Fecha de nacimiento: {}.\n", "18/03/1949", "DATE"),
    ("Ingresó el {} por dolor abdominal.\n", "3 de marzo de 2015", "DATE"),
    ("Consulta en {} por tumoración en fosa nasal.\n", "junio", "DATE"),
    ("Teléfono: {}.\n", "943 512 004", "PHONE"),
    ("Tel.: {} para citas.\n", "55304000", "PHONE"),
    ("Fax: {}.\n", "973 727 223", "FAX"),
    ("Correo electrónico: {}\n", "itziar.urquiza@ejemplo.es", "EMAIL"),
    ("Mujer de {} años que ingresa por caída.\n", "93", "AGE"),
]
CASINGS = [("as written", lambda t: t), ("capitals", str.upper), ("lower case", str.lower)]


@pytest.mark.parametrize("template,value,kind", ANY_CASE, ids=[f"{k}-{i}" for i, (_, _, k) in enumerate(ANY_CASE)])
@pytest.mark.parametrize("name,cased", CASINGS, ids=[c[0] for c in CASINGS])
def test_every_type_in_every_casing(deid_es, template, value, kind, name, cased):
    text = cased(template.format(value))
    found = _found(deid_es, text, cased(value))
    assert found, f"{kind} not found ({name})"
    assert kind in found or {kind, *found} <= {"PHONE", "FAX"}


# mixed-case forms of case reports: contact lines, institutions, makers, health centres
MIXED = [
    ("Remitido por: Dr. Iker Garmendia. C/ Erribera, 4. 48003 Bilbao. Correo electrónico: ig@ejemplo.es", "48003", "ZIP"),
    ("Avda. Zabalburu 7, 2º. C.P. 48010. Bilbao (España) e-mail: ab@ejemplo.es", "48010", "ZIP"),
    ("Servicio de Oftalmología. HUBZ. C/ Mayor 3. 28023 Madrid. e-mail: x@ejemplo.es", "HUBZ", "LOCATION"),
    ("Calle Sardenya 74. 30120 El Palmar, Murcia. e-mail: cm@ejemplo.es", "El Palmar", "LOCATION"),
    ("Atendido en el Centro de Salud Arrabal Norte por fiebre.", "Centro de Salud Arrabal Norte", "LOCATION"),
    ("Se remitió al Instituto de Medicina Legal de Albacete para su estudio.", "Albacete", "LOCATION"),
    ("Ingresó en el Hospital de Manzanera, donde se hizo una TC.", "Manzanera", "LOCATION"),
    ("Se pautó doxiciclina (Vibracina 100, Farmalab, Getafe) durante un mes.", "Farmalab", "LOCATION"),
    ("Se colocó un stent (Flexora®, Xendra Medical Ltd, Dublin, CA) sin incidencias.", "Xendra Medical Ltd", "LOCATION"),
    ("Instituto Vallisoletano del Dolor (INVADOL) valoró a la paciente.", "INVADOL", "LOCATION"),
    ("Su hermana mayor Nerea no es portadora de la mutación.", "Nerea", "NAME"),
    ("Se retiró el catéter en sep-04, al disponer de una FAVI.", "sep-04", "DATE"),
    ("En diciembre 06 se decidió iniciar tratamiento.", "diciembre 06", "DATE"),
    ("Contacto: +52 55 5304 0000 en horario de mañana.", "+52 55 5304 0000", "PHONE"),
    ("Tel. y Fax: 961 62 24 03 Correo electrónico: js@ejemplo.es", "961 62 24 03", "PHONE"),
]


@pytest.mark.parametrize("text,value,kind", MIXED, ids=[f"{k}-{i}" for i, (_, _, k) in enumerate(MIXED)])
def test_case_report_forms(deid_es, text, value, kind):
    found = _found(deid_es, text, value)
    assert kind in found or (found and {kind, *found} <= {"PHONE", "FAX"}), (value, found)


KEPT = [
    ("Diagnóstico: síndrome de Budd-Chiari secundario a trombosis.", "Budd"),
    ("Compatible con tumor de Warthin multicéntrico.", "Warthin"),
    ("Signo de Blumberg positivo en fosa ilíaca derecha.", "Blumberg"),
    ("Tratamiento con metilprednisolona (Urbason®) durante tres días.", "Urbason"),
    ("Se suspendió Topamax 25 mg por la pérdida de visión.", "Topamax"),
    ("Historia Actual: Varón de 53 años con disnea.", "Varón"),
    ("Historia Actual: Mujer de 21 años que consultó por hematuria.", "Mujer"),
    ("País: España.\nEdad: 58 años.", "España"),
    ("Varón de 43 años procedente de Marruecos que ingresa por fiebre.", "Marruecos"),
    ("Persisten dificultades sociales tras el alta.", "Persisten"),
    ("Retrospectivamente se identifican alteraciones.", "Retrospectivamente"),
    ("En el estudio inmunológico: ANA, anti-DNA y ANCA negativos.", "ANA"),
    ("Servicio: Odontología.\nEpisodio: 761345.", "Odontología"),
    ("Se aisló Ochrobactrum anthropi en el hemocultivo.", "Ochrobactrum"),
    ("Se utilizó la tinción con azul de Prusia en la muestra.", "Prusia"),
]


@pytest.mark.parametrize("text,value", KEPT, ids=[v for _, v in KEPT])
def test_what_is_not_an_identifier_stays(deid_es, text, value):
    assert _found(deid_es, text, value) == []


def test_a_title_glued_to_its_initial_is_not_a_name_and_the_name_after_it_is(deid_es):
    text = "Responsable clínico: Dra.  Esther Legaria Gaztambide. Servicio de Nefrología.\n"
    spans = deid_es.find(text)
    assert [text[s.start:s.end] for s in spans if s.type == "NAME"] == ["Esther Legaria Gaztambide"]


def test_a_place_found_once_is_found_again_in_the_same_report(deid_es):
    text = ("Remitido por: Ane Lasa. IVBZ. Vizcaya. C/ Buenos Aires nº 6. 48001 Bilbao. Correo electrónico: al@ejemplo.es\n"
            "Médico forense. Servicio de Clínica Médico Forense. IVBZ. Vizcaya")
    second = text.rindex("IVBZ")
    assert any(s.start <= second < s.end and s.type == "LOCATION" for s in deid_es.find(text))


def test_the_refiner_is_spanish_only():
    # English has its own refiner (recognizers/names_refine.py); the Spanish one never reads English
    assert "es" in REFINERS and REFINERS.get("en") is not REFINERS["es"]
    # English text is read by the English rules alone: a capitalised Spanish word stays a candidate
    text = "Seen by Dr. Persisten on Monday."
    assert any(text[s.start:s.end] == "Persisten" for s in Deidentifier().fit().find(text))
