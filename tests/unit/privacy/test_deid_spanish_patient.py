"""Spanish de-identification, the rule classes of 2026-12-07 (branch h/es3): what a case report
says about who its patient is (ethnic origin, nationality, marital status, orientation, place
among siblings, the age-group noun), institutions and health centres by their Spanish forms,
hyphenated phones and ids after a cue without a colon; each in generated sentences, as written,
in capitals and in lower case, and what must stay.

Every name, place and number here was written for these tests; none is read from MEDDOCAN.
"""

from __future__ import annotations

import pytest

from mednn.privacy.deid import Deidentifier
from mednn.privacy.deid.recognizers.spanish_patient import patient_descriptions


@pytest.fixture(scope="module")
def deid_es():
    return Deidentifier(language="es").fit()


def _found(deid, text: str, value: str) -> list[str]:
    start = text.index(value)
    end = start + len(value)
    return [s.type for s in deid.find(text) if s.start < end and start < s.end]


CASINGS = [("as written", lambda t: t), ("capitals", str.upper), ("lower case", str.lower)]

# (sentence, value, type): found as written, in capitals and in lower case
ANY_CASE = [
    # the patient described
    ("Historia Actual: Varón de 61 años de raza gitana, sin alergias.", "raza gitana", "ID"),
    ("Mujer negra de 34 años que consulta por prurito.", "negra", "ID"),
    ("Paciente de origen rumano que acude a Urgencias.", "rumano", "ID"),
    ("Mujer de 31 años de nacionalidad senegalesa, sin antecedentes.", "senegalesa", "ID"),
    ("Varón de 58 años, hondureño, con fiebre de dos semanas.", "hondureño", "ID"),
    ("Niña de origen pakistaní remitida por anemia.", "pakistaní", "ID"),
    ("Mujer de 72 años, viuda, vive sola en su domicilio.", "viuda", "ID"),
    ("Refiere estar divorciado desde hace dos años.", "divorciado", "ID"),
    ("Varón bisexual de 25 años con úlcera genital.", "bisexual", "ID"),
    ("Se trataba de la menor de cinco hermanas.", "la menor de cinco hermanas", "ID"),
    ("Es el segundo de una familia de seis hermanos.", "el segundo de una familia de seis hermanos", "ID"),
    ("Es hija única de padres no consanguíneos.", "hija única", "ID"),
    ("Se trata del primer hijo de una pareja sana.", "primer hijo", "ID"),
    ("Casada y sin hijos, trabaja en una oficina.", "sin hijos", "ID"),
    ("Lactante de cuatro meses que ingresa por bronquiolitis.", "Lactante", "ID"),
    ("Adolescente de 15 años con cefalea.", "Adolescente", "ID"),
    # institutions and health centres
    ("Derivada desde el Centro de Salud de Aldealuz por disnea.", "Aldealuz", "LOCATION"),
    ("Remitido desde el C.S. Valdeyunco por dolor torácico.", "Valdeyunco", "LOCATION"),
    ("Derivado por su médico del CAP Vilaverd para estudio.", "Vilaverd", "LOCATION"),
    ("Acudió al Ambulatorio de Torrelinda con fiebre.", "Torrelinda", "LOCATION"),
    ("Consultorio Local de Villarrubial: sin incidencias.", "Villarrubial", "LOCATION"),
    ("Controlado por el EAP Valldaura desde 2015.", "Valldaura", "LOCATION"),
    ("Seguida en la Unidad de Salud Mental de Villarrubial.", "Villarrubial", "LOCATION"),
    ("Remitida al Policlínico Peralvillo para control.", "Peralvillo", "LOCATION"),
    ("Controlada en el Cesfam Los Arrayanes desde 2010.", "Arrayanes", "LOCATION"),
    ("Ingresó en el Sanatorio Allendelago de Córdoba.", "Allendelago", "LOCATION"),
    ("Trabaja en el Servicio Ribereño de Salud desde 2001.", "Ribereño", "LOCATION"),
    ("Se envió la muestra al Centro Nacional de Microbiología de Valdemoral.", "Valdemoral", "LOCATION"),
    ("Se consultó con la Fundación Arrieta Zubeldia.", "Arrieta Zubeldia", "LOCATION"),
    ("La paciente fue trasladada al Hospital de Torrelinda.", "Torrelinda", "LOCATION"),
    # numbers
    ("Llamar al 912-345-678 para citas.", "912-345-678", "PHONE"),
    ("DNI 47120345-K en la hoja de ingreso.", "47120345-K", "ID"),
    ("NHC 445566 en la petición.", "445566", "ID"),
    ("Número de historia: 12.345.678.", "12.345.678", "ID"),
    ("Nº de historia clínica 7712034.", "7712034", "ID"),
    ("NIE: Y4471203M.", "Y4471203M", "ID"),
]


@pytest.mark.parametrize("text,value,kind", ANY_CASE, ids=[f"{k}-{i}" for i, (_, _, k) in enumerate(ANY_CASE)])
@pytest.mark.parametrize("name,cased", CASINGS, ids=[c[0] for c in CASINGS])
def test_each_new_rule_class_in_every_casing(deid_es, text, value, kind, name, cased):
    found = _found(deid_es, cased(text), cased(value))
    assert kind in found, (name, found)


# forms read in mixed case only (a maker's name, a quoted hospital name, a contact line)
MIXED = [
    ("Se aplicó timolol (Timabak® 0,5%, Olvera Pharma) dos veces al día.", "Olvera Pharma", "LOCATION"),
    ("Se colocó un distractor (MODEL AX 1.5; Ostelium®, Basilea, Suiza) sin incidencias.", "Ostelium", "LOCATION"),
    ("Campo visual (Perimat 30-2 test Vistacorp Optics, San Telmo, California, USA) normal.", "Vistacorp Optics", "LOCATION"),
    ('Ingresó en el Hospital General del Norte "Dr. Anselmo Ruiz" (HGN-ARZ) para cirugía.', "HGN-ARZ", "LOCATION"),
    ("Responsable clínico: Dra. Ane Lasa. Asociación para la Visión en Tolosa. C/ Mayor 3. e-mail: al@ejemplo.es",
     "Asociación para la Visión en Tolosa", "LOCATION"),
    ("Tras la autopsia se comunicó al Juzgado de guardia.", "Juzgado", "LOCATION"),
    ("Fue atendida en el Hospital Materno-Infantil de Villarrubial.", "Materno-Infantil", "LOCATION"),
    ("Acude al PAC de Arteixa por disnea.", "Arteixa", "LOCATION"),
    ("Trasladado al H.U. de Valdeyunco en ambulancia.", "Valdeyunco", "LOCATION"),
    ("Trasladado al HOSPITAL DE TORRELINDA en ambulancia.", "TORRELINDA", "LOCATION"),
    ("Según el Colegio Oficial de Médicos de Valdemoral.", "Valdemoral", "LOCATION"),
    ("Varón de 40 años afiliado a la ASOVI desde la infancia.", "ASOVI", "LOCATION"),
    ("Tras la atención inicial es evacuado al HCTV, donde se diagnostica la fractura.", "HCTV", "LOCATION"),
    ("EL ANÁLISIS TOXICOLÓGICO REALIZADO EN EL INTX NO DETECTÓ TÓXICOS.", "INTX", "LOCATION"),
]


@pytest.mark.parametrize("text,value,kind", MIXED, ids=[f"{k}-{i}" for i, (_, _, k) in enumerate(MIXED)])
def test_mixed_case_forms(deid_es, text, value, kind):
    assert kind in _found(deid_es, text, value)


KEPT = [
    ("El fragmento separado se envió a anatomía patológica.", "separado"),
    ("Paciente joven sin antecedentes de interés.", "joven"),
    ("Lesión de origen desconocido en el lóbulo superior.", "desconocido"),
    ("Lesión de origen epitelial sin atipias.", "epitelial"),
    ("Historia Actual: Varón de 53 años con disnea.", "Varón"),
    ("Su hijo menor está sano.", "hijo menor"),
    ("Se realizó una ecografía (Sonos 100 CF, Vistacorp Optics, Massachusetts, USA).", "CF"),
    ("En el TAC de control no hay cambios.", "TAC"),
    ("Ingresa en UCI por insuficiencia respiratoria.", "UCI"),
    ("Aprobado para adultos, adolescentes y niños a partir de 2 años.", "adolescentes"),
    ("Positivas para citoqueratinas (CAM 5,2; AE1-3) y vimentina.", "AE1-3"),
    ("Es trasladado a REA tras la intervención.", "REA"),
    ("El servicio de salud mental la valoró.", "servicio"),
]


@pytest.mark.parametrize("text,value", KEPT, ids=[v for _, v in KEPT])
def test_what_is_not_an_identifier_stays(deid_es, text, value):
    assert _found(deid_es, text, value) == []


def test_a_surname_that_is_a_marital_word_stays_a_name(deid_es):
    text = "Médico: Dr. Pedro Casado Urrutia.\n"
    spans = [(text[s.start:s.end], s.type) for s in deid_es.find(text)]
    assert ("Pedro Casado Urrutia", "NAME") in spans


def test_descriptions_are_offsets_into_the_text_and_typed_as_the_patients_id():
    text = "Mujer de 40 años, soltera, de origen peruano y de raza mestiza."
    found = patient_descriptions(text)
    assert sorted(text[s:e] for s, e, _ in found) == ["peruano", "raza mestiza", "soltera"]
    assert {k for _, _, k in found} == {"ID"}
