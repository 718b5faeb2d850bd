"""Spanish clinical text (``language="es"``): the header fields of a case report ("Nombre:",
"Apellidos:", "NHC:", "NASS:", "Domicilio:", "CP:", "Médico:", "NºCol:"), dates written with
Spanish month names ("12 de marzo de 2015"), doctors ("Dr.", "Dra."), hospitals ("Hospital
Universitario X", "Complejo Hospitalario de Y") and street addresses ("C/ Mayor, 5", "Avda. X").

Numbers, phones, e-mails, identifiers and capitalised unknown words carry over from the other
recognizers unchanged; the Spanish allow-list is ``vocabulary-es.txt.gz``.
"""

from __future__ import annotations

import re

from ..patterns import LO, UP
from ..vocabulary import Lexicon
from . import recognizer

_FIELD_TYPES = {
    "nombre": "NAME", "apellidos": "NAME", "médico": "NAME", "medico": "NAME", "responsable clínico": "NAME",
    "responsable clinico": "NAME", "nhc": "ID", "cipa": "ID", "nass": "ID", "nºcol": "ID", "nº col": "ID",
    "n.º col": "ID", "domicilio": "ADDRESS", "dirección": "ADDRESS", "localidad/ provincia": "LOCATION",
    "localidad/provincia": "LOCATION", "localidad": "LOCATION", "provincia": "LOCATION", "cp": "ZIP",
    "código postal": "ZIP", "fecha de nacimiento": "DATE", "fecha de ingreso": "DATE", "fecha de alta": "DATE",
    "fecha": "DATE", "correo electrónico": "EMAIL", "e-mail": "EMAIL", "teléfono": "PHONE", "telefono": "PHONE",
    "tfno": "PHONE", "tel": "PHONE", "fax": "FAX", "remitido por": "NAME", "episodio": "ID", "nº episodio": "ID",
    "número de episodio": "ID", "nº historia": "ID", "historia clínica": "ID", "nº de historia": "ID",
}
FIELD_RE = re.compile(
    r"(?im)(?:^|(?<=\s))(?P<label>" + "|".join(sorted(map(re.escape, _FIELD_TYPES), key=len, reverse=True)) + r")"
    r"[ \t]*:[ \t]*(?P<value>[^\n:]*?)[ \t]*(?=\.?[ \t]*$|\.[ \t]|[ \t]{2,}|[ \t]+(?:sexo|edad|nºcol|n\.º|país)\b)")
MESES = r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)"
SPANISH_DATE_RE = re.compile(
    rf"(?i:\b(?:\d{{1,2}}[ \t]+de[ \t]+{MESES}(?:[ \t]+(?:de|del)[ \t]+\d{{4}})?|{MESES}(?:[ \t]+(?:de|del))?[ \t]+\d{{4}}"
    rf"|{MESES}-\d{{2,4}})\b)")
YEAR_RE = re.compile(r"(?<![\w/.,:\-])(?:19[3-9]\d|20[0-4]\d)(?![\w/%]|[.,]\d|[ \t]*(?i:mg|ml|cc|ui|g\b|kg|mmol|cel))")
# Spanish numbers: 9 digits in groups (913 368 000, 976 765553), with the country code (+34 93 693 29 05)
PHONE_RE = re.compile(r"(?<![\w+])(?:\+[ \t]?)?(?:34[ \t\-]?)?(?:[6789]\d{2}[ \t.]?\d{3}[ \t.]?\d{3}|[6789]\d{2}[ \t.]?\d{6}"
                      r"|[89]\d[ \t.]\d{3}[ \t.]\d{2}[ \t.]\d{2}|[6789]\d{2}[ \t.]\d{2}[ \t.]\d{2}[ \t.]\d{2})(?![\w])")
# a postal code before a town: "28007 Madrid", "E-37007 Salamanca"
POSTCODE_RE = re.compile(rf"(?<![\w.,])(?:E-)?(?:0[1-9]|[1-4]\d|5[0-2])\d{{3}}(?=[ \t,]+[{UP}])")
AGE_RE = re.compile(r"(?<![\d.,])(?P<n>\d{2,3})[ \t]*(?i:años|a\.)")
DOCTOR_RE = re.compile(rf"\b(?:Dr|Dra|Dres|Doctor|Doctora)\.?[ \t]+(?P<name>[{UP}][{LO}]+(?:[ \t]+(?:de[ \t]+)?[{UP}][{LO}]+){{0,3}})")
HOSPITAL_RE = re.compile(
    rf"\b(?:Hospital|Complejo Hospitalario|Clínica|Clinica|Centro de Salud|Centro Médico|Policlínica|Sanatorio)"
    rf"(?:[ \t]+(?!(?:Avda|Avenida|Calle|Plaza|Paseo|Ctra|Carretera|Servicio|Unidad)\b)"
    rf"(?:Universitario|General|Clínico|Clinico|Comarcal|Provincial|Regional|de|del|la|las|los|y|[{UP}][{LO}]+|[{UP}]{{2,}})){{1,6}}")
STREET_RE = re.compile(
    rf"\b(?:C/|Calle|C\.|Avda\.|Avenida|Av\.|Plaza|Pza\.|Paseo|Pº|Rúa|Camino|Ronda|Travesía|Carretera|Ctra\.)"
    rf"[ \t]*(?:de[ \t]+(?:la[ \t]+|los[ \t]+|las[ \t]+)?)?[{UP}][{LO}]+(?:[ \t]+(?:de|del|la|las|los|y|[{UP}][{LO}]+)){{0,5}}"
    rf"(?:,?[ \t]*(?:n[ºo°]\.?[ \t]*)?\d{{1,4}}(?:[ \t]*[-,][ \t]*\d{{1,4}})?(?:,?[ \t]*\d{{1,2}}[ºª]?[ \t]*[A-Za-z]?)?)?")


_TITLE_START = re.compile(r"^(?:Dr|Dra|Dres|Sr|Sra)\.?[ \t]*")


def _fields(text: str):
    for m in FIELD_RE.finditer(text):
        value = _TITLE_START.sub("", m.group("value").strip(" .,")).strip(" .,")
        if not value or not any(c.isalnum() for c in value):
            continue
        start = m.start("value") + m.group("value").index(value)
        yield start, start + len(value), _FIELD_TYPES[m.group("label").lower()]


@recognizer("spanish", "NAME", "ID", "ADDRESS", "LOCATION", "ZIP", "DATE", "EMAIL", "PHONE", "FAX", "AGE",
            languages=("es",))
def find_spanish(text: str, lexicon: Lexicon):
    spans = [(m.start("n"), m.end("n"), "AGE") for m in AGE_RE.finditer(text) if 90 <= int(m.group("n")) <= 130]
    spans += list(_fields(text))
    spans += [(m.start(), m.end(), "DATE") for m in SPANISH_DATE_RE.finditer(text)]
    spans += [(m.start(), m.end(), "DATE") for m in YEAR_RE.finditer(text)]
    spans += [(m.start(), m.end(), "PHONE") for m in PHONE_RE.finditer(text)]
    spans += [(m.start(), m.end(), "ZIP") for m in POSTCODE_RE.finditer(text)]
    spans += [(m.start("name"), m.end("name"), "NAME") for m in DOCTOR_RE.finditer(text)]
    spans += [(m.start(), m.end(), "LOCATION") for m in HOSPITAL_RE.finditer(text)]
    spans += [(m.start(), m.end(), "ADDRESS") for m in STREET_RE.finditer(text)]
    return spans
