"""Spanish institutions, phones and ids in the forms of Spanish clinical writing that the head-word
and bracket rules did not reach (``recognizers/institutions_es.py`` and the cue patterns of
``recognizers/spanish.py``), and the clinical words in the same positions that stay.

Every institution, maker, number and place here was written for these tests (none is read from a
corpus).
"""

from __future__ import annotations

import pytest

from mednn.privacy.deid import Deidentifier
from tests.deid_cases import UPPER_MIXED, assert_found, assert_kept


@pytest.fixture(scope="module")
def deid_es():
    return Deidentifier(language="es").fit()


MIXED = ("mixed",)

INSTITUTIONS = [
    # a Catalan elision inside a hospital's name
    ("Fue trasladado al Hospital Universitari {} para valoración.", "Vall d'Hebron", MIXED),
    # a care place after a lower-case head word
    ("La muestra se envió al laboratorio {} para su estudio.", "Quimalab", MIXED),
    ("Valorado en el ambulatorio de {} por dolor lumbar.", "Torrecilla del Monte", MIXED),
    # a school and a care complex by their own names
    ("Trabajaba como conserje en el Colegio Público {}.", "San Ildefonso de Arévalo", MIXED),
    ("Controlada en el {} desde 2012.", "Complejo Asistencial Universitario de Valdemora", MIXED),
    # the maker after a verb of making, after "casa comercial", after a brand's generic name
    ("Se colocó una prótesis fabricada por {} en la cadera.", "Ortovix", MIXED),
    ("Se trató con un colirio de la casa comercial {} durante un mes.", "Oftalquim", MIXED),
    ("Se administró Inmunex® (adalimumab, {}) cada dos semanas.", "Bioterra Pharma", MIXED),
    # a foreign maker by its English company word; a maker, its town and a US state in brackets
    ("Se realizó en el laboratorio de referencia ({}, Barcelona).", "Quantex Laboratory", MIXED),
    ("Se empleó un láser de diodo ({}, Mountain View, California).", "Lasertek", MIXED),
    # a care place named by what it does, a public body by its town, a hospital abbreviated to "H."
    ("Vive desde los doce años en el centro de menores {}.", "Valdeluz", MIXED),
    ("El caso se comunicó a la Comisaría de {}.", "Torrebaja", MIXED),
    ("Fue visto en Urgencias del {} por disnea.", "H. Universitario de Valdemora", MIXED),
    # the maker after "de la marca" and after a brand and "de"
    ("Se implantó un marcapasos de la marca {} en 2010.", "Cardiotek", MIXED),
    ("Se trató con Oftaldex® de {} durante una semana.", "Quimivia", MIXED),
    # a hospital's acronym after a verb of care
    ("Fue intervenido en el {} hace dos años.", "HUCVA", UPPER_MIXED),
    ("Seguida en el {} por su hematólogo.", "CHUXZ", UPPER_MIXED),
]


@pytest.mark.parametrize("template,value,casings", INSTITUTIONS)
def test_spanish_institution_found(deid_es, template, value, casings):
    assert_found(deid_es, template, value, "LOCATION", casings)


NUMBERS = [
    ("Telef. {} (consulta).", "91-5552345", "PHONE"),
    ("Contacto: tel/fax {}.", "976-123456", "PHONE"),
    ("Teléfono de contacto: {}.", "600 123 456", "PHONE"),
    ("Llamar al teléfono (+34) {} en caso de duda.", "915 552 345", "PHONE"),
    ("Historia clínica nº {}.", "123456", "ID"),
    ("NUSS: {}", "28/12345678/90", "ID"),
    ("Código de paciente: {}", "AB-12345", "ID"),
    ("Número de expediente: {}", "2015/000123", "ID"),
    ("RUT: {}", "12.345.678-9", "ID"),
    ("Cédula de identidad {}", "1-2345-6789", "ID"),
    ("CIP: {}", "MAPE500102914011", "ID"),
]


@pytest.mark.parametrize("template,value,kind", NUMBERS)
def test_spanish_phone_and_id_found(deid_es, template, value, kind):
    assert_found(deid_es, template, value, kind)


def test_id_kind_before_the_number_is_not_part_of_it(deid_es):
    text = "CIPA: nhc-7391468"
    spans = [(text[s.start:s.end], s.type) for s in deid_es.find(text)]
    assert ("7391468", "ID") in spans


KEPT = [
    # a department after a lower-case head word, a bank named by its kind alone
    ("La muestra se remitió al laboratorio de Microbiología para cultivo.", "Microbiología"),
    ("Se envió la pieza al Banco de Tejidos para su conservación.", "Banco de Tejidos"),
    # an exam or a unit after a verb of care
    ("La lesión fue diagnosticada en el TAC de control.", "TAC"),
    ("Fue controlado en la UCI durante tres días.", "UCI"),
    ("Seguido en el HDM por su oncólogo.", "HDM"),
    # a bacterium after "H." and a brand list (no maker after the brand)
    ("Se erradicó H. pylori con triple terapia.", "H. pylori"),
    ("Tratamiento con Ventolin® de rescate.", "rescate"),
    # a maker verb before an ordinary word
    ("El material fue proporcionado por Farmacia del hospital.", "Farmacia"),
]


@pytest.mark.parametrize("template,kept", KEPT)
def test_spanish_clinical_words_kept(deid_es, template, kept):
    assert_kept(deid_es, template, kept, casings=MIXED)
