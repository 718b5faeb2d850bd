"""Spanish clinical text (``language="es"``): the header fields of a case report ("Nombre:",
"Apellidos:", "NHC:", "NASS:", "Domicilio:", "CP:", "Médico:", "NºCol:"), dates written with
Spanish month names ("12 de marzo de 2015", "en junio", "sep-04"), doctors ("Dr.", "Dra."),
hospitals ("Hospital Universitario X", "Complejo Hospitalario de Y"), health centres, institutions
("Instituto de Medicina Legal de X", "Facultad de X", "Servicio X de Salud", a maker after a brand:
"(Vibracina 100, Pfizer, Madrid)", a company "X Scientific Ltd", an acronym in brackets after an
institution), street addresses ("C/ Mayor, 5", "Avda. X"), towns after "natural de", "residente
en", "vive en" or after a postcode, and in a contact line (an e-mail, a street, "Remitido por:")
every postcode (4-6 digits, "C1059ABG", "04005-005") and acronym ("IVML", "SP"). A place or
institution found once is found wherever else the same report names it. Institutions named by
their position (a maker in brackets, an acronym after a department, a name in quotes) are read by
``spanish_institutions.py``; those named by a habit of writing (a lower-case head word, a verb of
making, a hospital acronym after a verb of care, a public body by its town) by ``institutions_es.py``.

Numbers, phones, e-mails, identifiers and capitalised unknown words carry over from the other
recognizers unchanged; the Spanish allow-list is ``vocabulary-es.txt.gz``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..patterns import LO, UP
from ..vocabulary import Lexicon
from ..words import casing
from . import recognizer
from .institutions_es import spanish_institutions
from .spanish_institutions import bracketed_institutions, street_after

_FIELD_TYPES = {
    "nombre": "NAME", "apellidos": "NAME", "médico": "NAME", "medico": "NAME", "responsable clínico": "NAME",
    "responsable clinico": "NAME", "nhc": "ID", "cipa": "ID", "nass": "ID", "nºcol": "ID", "nº col": "ID",
    "n.º col": "ID", "domicilio": "ADDRESS", "dirección": "ADDRESS", "localidad/ provincia": "LOCATION",
    "localidad/provincia": "LOCATION", "localidad": "LOCATION", "provincia": "LOCATION", "cp": "ZIP",
    "código postal": "ZIP", "fecha de nacimiento": "DATE", "fecha de ingreso": "DATE", "fecha de alta": "DATE",
    "fecha": "DATE", "correo electrónico": "EMAIL", "e-mail": "EMAIL", "teléfono": "PHONE", "telefono": "PHONE",
    "tfno": "PHONE", "tel": "PHONE", "fax": "FAX", "remitido por": "NAME", "episodio": "ID", "nº episodio": "ID",
    "número de episodio": "ID", "nº historia": "ID", "historia clínica": "ID", "nº de historia": "ID",
    "nss": "ID", "n.s.s.": "ID", "dni": "ID", "nif": "ID", "nie": "ID", "pasaporte": "ID", "tarjeta sanitaria": "ID",
    "cip": "ID", "nº colegiado": "ID", "tlf": "PHONE", "tlfno": "PHONE", "móvil": "PHONE", "movil": "PHONE",
}
FIELD_RE = re.compile(
    r"(?im)(?:^|(?<=\s)|(?<=[a-zá-ú])(?=nº))(?P<label>" + "|".join(sorted(map(re.escape, _FIELD_TYPES), key=len, reverse=True)) + r")"
    r"[ \t]*:[ \t]*(?P<value>[^\n:]*?)[ \t]*(?=\.?[ \t]*$|\.[ \t]|[ \t]{2,}|[ \t]+(?:sexo|edad|nºcol|n\.º|país)\b)")
# a record, identity or insurance number after its cue, with or without a colon: "DNI 12345678-Z",
# "NHC 445566", "Número de historia: 12.345.678", "nº de historia clínica 1234567", "NIE X1234567L";
# Spain's social-security and health-card numbers (NUSS, NAF, SIP, TIS), Latin America's national ids
# (RUT / RUN, CURP, DUI, cédula) and a record number written after its kind ("Historia clínica nº 123456")
ID_CUE_RE = re.compile(
    r"(?i:\b(?:dni|nie|nif|nhc|nass|nss|nuss|naf|cipa?|sip|tis|pasaporte|tarjeta[ \t]+sanitaria|rut|run|curp|dui|"
    r"c[ée]dula(?:[ \t]+de[ \t]+(?:identidad|ciudadan[íi]a))?|historia[ \t]+cl[íi]nica|c[óo]digo[ \t]+(?:de[ \t]+|del[ \t]+)?paciente|"
    r"id(?:[ \t]+(?:de[ \t]+|del[ \t]+)?paciente)|"
    r"(?:n[ºo°]\.?|n[úu]mero)[ \t]*(?:de[ \t]+)?(?:historia|h\.?[ \t]?c\.?|episodio|afiliaci[óo]n|colegiado|expediente|usuario)"
    r"(?:[ \t]+cl[íi]nica)?)"
    r"\.?[ \t]*(?:n[ºo°]\.?[ \t]*)?:?[ \t]*)"
    # the number: digits grouped by dots, spaces, hyphens or slashes ("28/12345678/90", "12.345.678-9"),
    # a prefix of up to four letters ("AB-12345", "MAPE500102914011"; not the id's kind: "nhc-739146"),
    # a check letter
    r"(?P<id>(?i:(?!(?:nhc|hc|nass|nss|cipa?)[-/:])[a-z]{1,4}-?)?\d(?:[\d.][ \t]?|[-/](?=\d)){3,16}\d(?:-?(?i:[a-z]))?(?![\w]))")
MESES = r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)"
SPANISH_DATE_RE = re.compile(
    rf"(?i:\b(?:\d{{1,2}}[ \t]+de[ \t]+{MESES}(?:[ \t]+(?:de|del)[ \t]+\d{{4}})?|{MESES}(?:[ \t]+(?:de|del))?[ \t]+\d{{4}}"
    rf"|{MESES}-\d{{2,4}}|{MESES}[ \t]+\d{{2}}(?!\d|[.,]\d)"
    rf"|(?:ene|feb|mar|abr|may|jun|jul|ago|sep|sept|oct|nov|dic)-\d{{2}}(?!\d))\b)")
# a month alone after a preposition: "en junio", "desde septiembre", "mes de abril"
MONTH_ALONE_RE = re.compile(rf"(?i:\b(?:en|desde|hasta|de|el|del|durante|finales|principios|mediados)[ \t]+(?P<m>{MESES})\b)")
YEAR_RE = re.compile(r"(?<![\w/.,:\-])(?:19[3-9]\d|20[0-4]\d)(?![\w/%]|[.,]\d|[ \t]*(?i:mg|ml|cc|ui|g\b|kg|mmol|cel))")
# Spanish numbers: 9 digits in groups (913 368 000, 976 765553), with the country code (+34 93 693 29 05)
PHONE_RE = re.compile(r"(?<![\w+])(?:\+[ \t]?)?(?:34[ \t\-]?)?(?:[6789]\d{2}[ \t.\-]?\d{3}[ \t.\-]?\d{3}|[6789]\d{2}[ \t.]?\d{6}"
                      r"|[89]\d[ \t.\-]\d{3}[ \t.\-]\d{2}[ \t.\-]\d{2}|[6789]\d{2}[ \t.\-]\d{2}[ \t.\-]\d{2}[ \t.\-]\d{2})(?![\w]|-\d)")
# a postal code before a town: "28007 Madrid", "E-37007 Salamanca"
POSTCODE_RE = re.compile(rf"(?<![\w.,])(?:E-)?(?:0[1-9]|[1-4]\d|5[0-2])\d{{3}}(?=[ \t,]+[{UP}])")
AGE_RE = re.compile(r"(?<![\d.,])(?P<n>\d{2,3})[ \t]*(?i:años|a\.)")
_NAME_WORD = rf"(?:[{UP}][{LO}]+|[{UP}]{{2,}}(?![{LO}]))"
# a name after "Dr." ends where the workplace or the contact line begins ("Dr. X Y Servicio de ...",
# "Dr. X Y Correo electrónico: ...")
_AFTER_NAME = (r"(?!(?:Hospital|Servicio|Servei|Unidad|Secci[óo]n|Centro|Cl[íi]nica|Instituto|Facultad|Universidad|"
               r"Departamento|Complejo|Fundaci[óo]n|Correos?|Email|E-mail|Apartado|Residente|Avda|Avenida|Calle|Urb)\b)")
DOCTOR_RE = re.compile(rf"\b(?:Dr|Dra|Dres|Doctor|Doctora|DR|DRA)\.?[ \t]+(?P<name>{_NAME_WORD}"
                       rf"(?:[ \t]+(?:de[ \t]+)?{_AFTER_NAME}{_NAME_WORD}){{0,3}})")
HOSPITAL_RE = re.compile(
    rf"\b(?:[Hh]ospital|Complejo Hospitalario|Clínica|Clinica|[Cc]entro de [Ss]alud|Centro Médico|Policlínica|Sanatorio"
    rf"|Centro de Atención Primaria|Centro de Especialidades|Centro Sanitario|Ambulatorio|Consultorio|C\.[ \t]?S\."
    rf"|H\.[ \t]?[UGCP]\.(?:[ \t]?[UGCP]\.)?|Punto de Atención Continuada|PAC|CAP|C\.A\.P\.|EAP|ABS|Área Básica de Salud|Centro de Salud Mental|Policlínico|Policlinico|CESFAM|Cesfam"
    rf"|Unidad de Salud Mental(?=[ \t]+de[ \t]+[{UP}])|Área Hospitalaria|Área Sanitaria|Área de Salud)"
    # an adjective in lower case before the name: "Hospital universitario La Paz"; a Catalan elision in
    # the name: "Hospital Universitari Vall d'Hebron"
    rf"(?![ \t]+de[ \t]+[Dd]ía\b)(?:[ \t]+(?!(?:Avda|Avenida|Calle|Plaza|Paseo|Ctra|Carretera|Servicio|Unidad)\b)"
    rf"(?:(?:de|del|la|las|los|y|of|the|universitario|general|cl[íi]nico|provincial|comarcal|regional|materno-infantil)[ \t]+)*(?:[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?|[{UP}]{{2,}}|\d+[ \t]+de[ \t]+[{UP}][{LO}]+|[dl]['’][{UP}][{LO}]+)){{1,6}}")
# the town a hospital is named after: "Hospital de Manises", "Complejo Hospitalario de Jaén"
HOSPITAL_TOWN_RE = re.compile(rf"\bde[ \t]+(?P<town>[{UP}][{LO}]+(?:[ \t]+[{UP}][{LO}]+)?)$")
# an international number: "+52 (55) 5555 1234", "+1 617-555-0143"
INTERNATIONAL_PHONE_RE = re.compile(r"(?<![\w+])\+\d{1,3}[ \t.\-]?(?:\(\d{1,4}\)[ \t.\-]?)?\d{2,4}(?:[ \t.\-]?\d{2,4}){1,4}(?!\w)")
STREET_RE = re.compile(
    rf"\b(?:C/|Calle|C\.|Avda\.|Avenida|Av\.|Plaza|Pza\.|Paseo|Pº|Rúa|Camino|Ronda|Travesía|Carretera|Ctra\.)"
    rf"[ \t]*(?:de[ \t]+(?:la[ \t]+|los[ \t]+|las[ \t]+)?)?[{UP}][{LO}]+(?:[ \t]+(?:de|del|la|las|los|y|[{UP}][{LO}]+)){{0,5}}"
    rf"(?:,?[ \t]*(?:n[ºo°]\.?[ \t]*)?\d{{1,4}}(?:[ \t]*[-,][ \t]*\d{{1,4}})?(?:,?[ \t]*\d{{1,2}}(?!\d)[ºª]?[ \t]*[A-Za-z]?)?)?")

# a post-office box: "Apartado de Correos 993", "Apdo. 20134"
PO_BOX_RE = re.compile(r"\b(?:Apartado|Apdo\.?)(?:[ \t]+(?:de[ \t]+)?[Cc]orreos)?[ \t]*(?:n[ºo°]\.?[ \t]*)?\d{1,6}(?![\d.,]\d)")


_TITLE_START = re.compile(r"^(?:Doctora|Doctor|Dres|Dra|Dr|Sra|Sr)\.?[ \t]*")
# a number after a phone cue, in any grouping: "Tel. y Fax: 961 62 24 03", "(5982) 487-1234", "55304000"
PHONE_CUE_RE = re.compile(r"(?i:\b(?P<cue>tel[ée]fonos?|tel[ée]f|telf|tel|tfnos?|tfn|tfno|tlfs?|tlfno|m[óo]vil|fax)\b\.?"
                          r"(?:[ \t]*(?:y|/)[ \t]*fax\.?|[ \t]+(?:de[ \t]+)?contacto|[ \t]+m[óo]vil)?[ \t]*:?[ \t]*(?:\(\+?34\)[ \t]*)?)"
                          r"(?P<number>\+?\(?\d[\d \t().\-/]{5,22}\d)")
# a contact line: an e-mail, a street, a postcode cue, or a referral / correspondence header
ADDRESS_CUE_RE = re.compile(
    r"@|(?i:correo[ \t]+electr[óo]nico|e-?mail)\b|\b[Cc]/[ \t]*[A-ZÁÉÍÓÚ]|\bAvda\b|\bs/n\b|\bC\.?P\.?[ \t]*\d"
    r"|(?i:c[óo]digo[ \t]+postal)")
ADDRESS_HEAD_RE = re.compile(r"[ \t]*(?i:remitido[ \t]+por|responsable[ \t]+cl[íi]nico|correspondencia|direcci[óo]n)\b")
ADDRESS_NUMBER_RE = re.compile(r"(?<![\w.,/-])(?:E-)?(?:[A-Z]\d{4}[A-Z]{3}|\d{4,6}(?:-\d{3})?)(?![\w/%]|[.,]\d)")
ADDRESS_ACRONYM_RE = re.compile(rf"(?<![\w.@-])(?:[{UP}]\.[{UP}]\.|[{UP}][{UP}0-9]{{1,8}}(?:-[{UP}0-9]{{2,8}})?(?:\.[{UP}]\.)?)(?![\w@.-]*@)(?![\w-])")
POSTCODE_CUE_RE = re.compile(r"(?i:\b(?:c\.[ \t]?p\.?|cp\.?|c[óo]digo[ \t]+postal)[ \t:]*)(?P<code>[A-Z]?\d{4,6}(?:-\d{3})?(?:[A-Z]{3})?)\b")
# an association or society an author works for, named in a contact line ("Asociación para Evitar la
# Ceguera en X"); in running text such names are mostly national bodies ("Asociación Europea de Urología")
CONTACT_ORG_RE = re.compile(
    rf"\b(?:Asociaci[óo]n|Sociedad|Federaci[óo]n|Confederaci[óo]n|Organizaci[óo]n|Agencia|Colegio|Academia|Xarxa)"
    rf"(?:[ \t]+(?:(?:de|del|la|las|los|y|para|el|en|d')[ \t]+)*(?:[{UP}][{LO}]+|[{UP}]{{2,}})){{1,8}}")
# a contact cue is never part of a town ("28046 Madrid. Telef: ...", "Madrid. España Email: ...")
_NOT_TOWN = r"(?!(?i:tel[ée]?f\w*|tel[ée]fonos?|tfno|tlf\w*|fax|e-?mail|correo)\b)"
_TOWN = rf"{_NOT_TOWN}[{UP}][{LO}]+(?:[ \t]+(?:(?:de|del|la|las|los|el)[ \t]+)*{_NOT_TOWN}[{UP}][{LO}]+){{0,3}}"
# a town after its postcode ("30120 El Palmar") or after a cue ("natural de Écija", "vive en Tres Cantos")
# ... and the province after the town: "35307 Santa Brígida. Las Palmas", "Mérida (Badajoz)"
_PROVINCE = (rf"(?:[ \t]*[.,(/-][ \t]*(?!(?i:correo|tel[ée]fono|telf?|tfno|tlf|fax|e-?mail|email|servicio|hospital|unidad)\b)"
             rf"(?P<province>{_TOWN})\)?)?")
TOWN_AFTER_CODE_RE = re.compile(rf"(?<![\w.,])\d{{4,6}}(?:-\d{{3}})?[ \t]*[-–]?[ \t]*(?P<town>{_TOWN}){_PROVINCE}")
# ... and after a comma, in a contact line only (in running text "en 2005, Martínez" is a year):
# "Avda. de la Ilustración s/n, 18071, Granada"
TOWN_AFTER_CODE_COMMA_RE = re.compile(rf"(?<![\w.,])(?:E-)?\d{{4,6}}(?:-\d{{3}})?[ \t]*,[ \t]*(?P<town>{_TOWN})")
TOWN_CUE_RE = re.compile(
    rf"(?i:\b(?:natural|procedente|originari[oa]|vecin[oa]|oriund[oa])[ \t]+de|\b(?:residente|reside|vive|viv[íi]a|residía|"
    rf"nacid[oa]|domiciliad[oa]|afincad[oa])[ \t]+en)[ \t]+(?:(?:la|el)[ \t]+(?:localidad|ciudad|provincia|pueblo|"
    rf"municipio)[ \t]+de[ \t]+)?(?P<town>{_TOWN}){_PROVINCE}")
_INST_WORDS = (r"Instituto|Institut|Fundación|Fundació|Universidad|Universitat|Facultad|Escuela Universitaria|College|"
               r"Laboratorios?|Residencia|Mutua|Consorcio|Consorci|Juzgados?|Colegio Oficial|Banco de Sangre|Palacio de Justicia|Ciudad de la Justicia|"
               r"Clínica Médico[- ]Forense|Centro Nacional|Centro de Transfusión|Centros?|"
               r"Servicio(?=[ \t]+[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?[ \t]+de[ \t]+Salud)|IML")
INSTITUTION_RE = re.compile(
    rf"\b(?:{_INST_WORDS.format(UP=UP, LO=LO)})(?:[ \t]+(?!(?:Avda|Avenida|Calle|Plaza|Paseo|Servicio|Unidad)\b)"
    rf"(?:(?:de|del|la|las|los|y|para|el)[ \t]+)*(?:[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?|[{UP}]{{2,}})){{0,7}}")
# an acronym a patient is sent to, admitted to or affiliated with: a hospital or an institution
# ("evacuado al HGD", "afiliado a la ONCE", "realizado en el INTCF"); units are not ("ingresa en UCI",
# "trasladado a REA")
REFERRAL_ACRONYM_RE = re.compile(
    r"(?i:\b(?:afiliad[oa]|remitid[oa]|derivad[oa]|trasladad[oa]|ingres[óa]|ingresad[oa]|realizad[oa]|atendid[oa]|"
    r"evacuad[oa]|enviad[oa]|procedente|valorad[oa]|comunicado)[ \t]+(?:a|al|en|por|desde|del|de)(?:[ \t]+(?:el|la|los))?[ \t]+)"
    r"(?P<acr>(?!U[A-Z]|REA\b|HD[MQ]?\b)[A-Z][A-Z]{2,7}(?:-[A-Z]{2,6})?)\b(?![-/]?\d)")
HEALTH_SERVICE_RE = re.compile(r"(?i:\b(?:[a-z]+-)?servicio[ \t]+(?!de\b)[a-záéíóúñ]+(?:-[a-záéíóúñ]+)?[ \t]+de[ \t]+salud\b)")
_COMPANY_END = r"(?:S\.?A\.?|S\.?L\.?|Ltd\.?|Inc\.?|Co\.?|Corp\.?|Corporation|GmbH|GMBH|AG|Scientific|Healthcare|Pharma|Medical|College|University|Institute)"
COMPANY_RE = re.compile(rf"\b(?:[{UP}][\w&.-]*[ \t]+){{0,3}}[{UP}][\w&.-]*[ \t]+{_COMPANY_END}(?![\w])")
# a maker after a product in brackets: "(Dacortin 30 mg, Merck, Barcelona)", "(Saflutan®, MSD)"
_IN_BRACKET = r"(?:[^()\n,;]|(?<=\d),(?=\d))"  # a decimal comma ("0,5%") does not end an item
MAKER_RE = re.compile(rf"\({_IN_BRACKET}*?(?:®|™|\d[ \t]*(?:(?i:mg|ml|g|µg|mcg)\b|%)|[ \t]\d+(?=[,;])){_IN_BRACKET}*[,;][ \t]*"
                      rf"(?P<maker>[{UP}][\w&-]+(?:[ \t]+[{UP}][\w&.-]*){{0,3}})(?![ \t]*[®™\d])"
                      # then its town, state or country: "(OCT 3000, Humphrey Zeiss Instruments, Dublin, CA)"
                      rf"(?P<rest>(?:[ \t]*,[ \t]*[{UP}][\w.&-]*(?:[ \t]+[{UP}][\w.&-]*){{0,2}})*)(?=[ \t]*\))")
# a maker before its town, state and country at the end of brackets, with or without a dose before it:
# "(Allergan®, Irvine, California, EE.UU.)", "(MODUS ARS 1.5; Medartis®, Basel, Suiza)"
_MAKER_COUNTRY = (r"(?:USA|U\.S\.A\.|EE\.?[ \t]?UU\.?|Estados Unidos|Suiza|Alemania|Francia|Reino Unido|UK|Italia|España|"
                  r"Japón|Suecia|Holanda|Países Bajos|Bélgica|Dinamarca|Irlanda|Canadá|Israel|Brasil|México|Austria|"
                  r"Switzerland|Germany|France|Sweden|Japan|Italy|Denmark|Ireland|Canada)")
MAKER_PLACE_RE = re.compile(rf"(?P<maker>[{UP}][\w&-]+(?:[ \t]+[{UP}][\w&.-]*){{0,2}})(?=®?,[ \t]*[{UP}][^,()\n]*,"
                            rf"(?:[ \t]*[{UP}][^,()\n]*,)?[ \t]*{_MAKER_COUNTRY}[ \t]*\))")
_ITEM = re.compile(rf"[{UP}][\w.&-]*(?:[ \t]+[{UP}][\w.&-]*){{0,2}}")
ACRONYM_AFTER_RE = re.compile(rf"(?:[ \t]*[\"“«][^\"”»\n]{{1,60}}[\"”»])?[ \t]*\((?P<acr>[{UP}][{UP}0-9]{{1,7}}(?:-[{UP}0-9]{{1,6}})?)\)")


# where a referring doctor's name ends and the workplace begins ("Remitido por: X Y Hospital Z")
_WORKPLACE = re.compile(r"[ \t,]+(?:Hospital|Servicio|Unidad|Secci[óo]n|Centro|Cl[íi]nica|Instituto|Facultad|Universidad|"
                        r"Departamento|Complejo|Fundaci[óo]n|C/|Avda|Avenida|Calle)\b")


# a cue in any casing, then words that are not safe vocabulary (a note typed in lower case or
# capitals: "dr. pérez", "HOSPITAL DE MANISES", "natural de écija")
CUE_ANY_CASE = re.compile(
    r"(?i:\b(?P<kind>dr|dra|dres|doctor|doctora|hospital|cl[íi]nica|centro[ \t]+de[ \t]+salud|ambulatorio|natural[ \t]+de|"
    r"c\.[ \t]?s\.|cs|cap|pac|eap|abs|h\.[ \t]?u\.|unidad[ \t]+de[ \t]+salud[ \t]+mental|[áa]rea[ \t]+b[áa]sica[ \t]+de[ \t]+salud|centro[ \t]+de[ \t]+atenci[óo]n[ \t]+primaria|centro[ \t]+de[ \t]+especialidades|"
    r"consultorio(?:[ \t]+local)?|mutua|fundaci[óo]n|universidad|laboratorios?|institut|instituto[ \t]+nacional|"
    r"centro[ \t]+nacional|colegio[ \t]+oficial|policl[íi]nic[oa]|sanatorio|cesfam|centro[ \t]+m[ée]dico|facultad|"
    r"instituto[ \t]+(?=[a-záéíóúñ]+[ \t]+del?[ \t])|banco[ \t]+de[ \t]+sangre|consorcio|consorci|"
    r"procedente[ \t]+de|residente[ \t]+en|vive[ \t]+en|nacid[oa][ \t]+en)(?:\b|(?<=\.))\.?)(?=[ \t]+\w)")
_RUN_WORD = re.compile(rf"[ \t]+(?:(?:de|del|la|las|los|el|y|san|santa)[ \t]+)*(?P<w>[{UP}{LO}]+(?:-[{UP}{LO}]+)?)", re.I)


def _unknown_run(text: str, pos: int, lexicon: Lexicon, limit: int = 4, through_safe: bool = False
                 ) -> tuple[int, int] | None:
    """The words after ``pos`` up to the first safe word (a listed name is never safe here); with
    ``through_safe`` up to the last unknown word ("HOSPITAL GENERAL DE ALICANTE")."""
    start = end = None
    for _ in range(limit):
        m = _RUN_WORD.match(text, pos)
        if m is None:
            break
        word = m.group("w")
        pos = m.end("w")
        if len(word) < 3 or word.lower() in lexicon.safe and not lexicon.known(word):
            if through_safe:
                start = m.start("w") if start is None else start
                continue
            break
        start = m.start("w") if start is None else start
        end = pos
    return None if end is None else (start, end)


def _any_case_cues(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """Names and places after a cue in lines written all in capitals or all in lower case (mixed
    case lines are read by the capitalised patterns above)."""
    spans = []
    for m in CUE_ANY_CASE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        kind = m.group("kind")
        # in a mixed-case line only a cue written in capitals ("trasladado al HOSPITAL DE CRUCES")
        if casing(text[line_start:line_end if line_end >= 0 else len(text)]) == "mixed" and not (
                kind.isupper() and len(kind) > 3):
            continue
        person = m.group("kind").lower().startswith("d")
        run = _unknown_run(text, m.end(), lexicon, 4 if person else 5, through_safe=not person)
        if run is not None:
            kind = "NAME" if person else "LOCATION"
            spans.append((run[0], run[1], kind))
    return spans


# the kind of number written before the number itself: "CIPA: nhc-739146", "NHC: hc/12345"
_ID_PREFIX = re.compile(r"(?i:n\.?h\.?c|h\.?c|nass|cipa|cip)\.?[ \t]*[-/:][ \t]*(?=\d)")


def field_spans(text: str):
    """``(start, end, type)`` of the values of a case report's header fields ("Nombre: X")."""
    for m in FIELD_RE.finditer(text):
        value = _TITLE_START.sub("", m.group("value").strip(" .,")).strip(" .,")
        if _FIELD_TYPES[m.group("label").lower()] == "NAME" and (cut := _WORKPLACE.search(value)):
            value = value[:cut.start()]
        if _FIELD_TYPES[m.group("label").lower()] == "ID" and (prefix := _ID_PREFIX.match(value)):
            value = value[prefix.end():]
        if not value or not any(c.isalnum() for c in value):
            continue
        start = m.start("value") + m.group("value").index(value)
        yield start, start + len(value), _FIELD_TYPES[m.group("label").lower()]


@lru_cache(maxsize=8)
def address_lines(text: str) -> tuple[tuple[int, int], ...]:
    """Ranges of the contact lines of a report (an e-mail, a street, a postcode, a referral)."""
    out, pos = [], 0
    for line in text.split("\n"):
        if ADDRESS_HEAD_RE.match(line) or ADDRESS_CUE_RE.search(line):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return tuple(out)


def _contact_spans(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    spans = []
    for start, end in address_lines(text):
        line = text[start:end]
        spans += [(start + m.start(), start + m.end(), "LOCATION") for m in CONTACT_ORG_RE.finditer(line)]
        spans += [(start + m.start(), start + m.end(), "ZIP") for m in ADDRESS_NUMBER_RE.finditer(line)]
        spans += [(start + m.start("town"), start + m.end("town"), "LOCATION")
                  for m in TOWN_AFTER_CODE_COMMA_RE.finditer(line)]
        spans += [(start + m.start(), start + m.end(), "LOCATION") for m in ADDRESS_ACRONYM_RE.finditer(line)
                  if m.group().lower() not in lexicon.safe and m.group() not in _NOT_PLACES]
    spans += [(m.start("code"), m.end("code"), "ZIP") for m in POSTCODE_CUE_RE.finditer(text)]
    for m in PHONE_CUE_RE.finditer(text):
        spans.append((m.start("number"), m.end("number"), "FAX" if m.group("cue").lower() == "fax" else "PHONE"))
    return spans


_NOT_PLACES = frozenset({"MD", "MDS", "PhD", "DDS", "MSc", "ESPAÑA", "USA", "UK", "EEUU", "UU", "C.P.", "CP", "S.A.", "SL", "SA"})


def _institutions(text: str) -> list[tuple[int, int, str]]:
    spans = [(m.start(), m.end(), "LOCATION") for m in INSTITUTION_RE.finditer(text) if len(m.group().split()) > 1
             or m.group() in ("IML", "Juzgado", "Juzgados")]
    spans += [(m.start(), m.end(), "LOCATION") for m in COMPANY_RE.finditer(text)]
    spans += [(m.start(), m.end(), "LOCATION") for m in HEALTH_SERVICE_RE.finditer(text)]
    spans += [(m.start("acr"), m.end("acr"), "LOCATION") for m in REFERRAL_ACRONYM_RE.finditer(text)]
    for m in MAKER_RE.finditer(text):
        if any(c.isdigit() for c in m.group("maker")):  # an antibody clone or a model, not a maker: "(CAM 5,2; AE1-3)"
            continue
        spans.append((m.start("maker"), m.end("maker"), "LOCATION"))
        spans += [(m.start("rest") + i.start(), m.start("rest") + i.end(), "LOCATION") for i in _ITEM.finditer(m.group("rest"))]
    # a model code in capitals is not a maker ("(Sonos 100 CF, Hewlett Packard, Massachusetts, USA)")
    spans += [(m.start(), m.end(), "LOCATION") for m in MAKER_PLACE_RE.finditer(text)
              if not (m.group().isupper() and len(m.group()) <= 3)]
    spans += [(m.start(g), m.end(g), "LOCATION") for m in TOWN_CUE_RE.finditer(text) for g in ("town", "province")
              if m.group(g)]
    return spans


def _propagated(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Every other place in the report where a found place or institution is named again."""
    names = {text[s:e] for s, e, k in spans if k == "LOCATION" and e - s >= 3 and text[s:e][0].isupper()}
    if not names:
        return []
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")(?![\w])")
    return [(m.start(), m.end(), "LOCATION") for m in pattern.finditer(text)]


@recognizer("spanish", "NAME", "ID", "ADDRESS", "LOCATION", "ZIP", "DATE", "EMAIL", "PHONE", "FAX", "AGE",
            languages=("es",))
def find_spanish(text: str, lexicon: Lexicon):
    return list(spanish_spans(text, lexicon))


@lru_cache(maxsize=8)
def spanish_spans(text: str, lexicon: Lexicon) -> tuple[tuple[int, int, str], ...]:
    """What the Spanish rules find in ``text`` (kept for the refiner, which reads it again)."""
    spans = [(m.start("n"), m.end("n"), "AGE") for m in AGE_RE.finditer(text) if 90 <= int(m.group("n")) <= 130]
    fields = list(field_spans(text))
    spans += fields
    # a number in an id field is the id, whatever its shape ("CIPA: nhc-786946231" is no phone)
    ids = [(s, e) for s, e, k in fields if k == "ID"]
    spans += [(m.start("id"), m.end("id"), "ID") for m in ID_CUE_RE.finditer(text) if sum(map(str.isdigit, m.group("id"))) >= 5]
    spans += [(m.start(), m.end(), "DATE") for m in SPANISH_DATE_RE.finditer(text)]
    spans += [(m.start("m"), m.end("m"), "DATE") for m in MONTH_ALONE_RE.finditer(text)]
    spans += [(m.start(), m.end(), "DATE") for m in YEAR_RE.finditer(text)]
    spans += [(m.start(), m.end(), "PHONE") for m in PHONE_RE.finditer(text)
              if not any(s <= m.start() and m.end() <= e for s, e in ids)]
    spans += [(m.start(), m.end(), "PHONE") for m in INTERNATIONAL_PHONE_RE.finditer(text)]
    spans += [(m.start(), m.end(), "ZIP") for m in POSTCODE_RE.finditer(text)]
    spans += [(m.start("name"), m.end("name"), "NAME") for m in DOCTOR_RE.finditer(text)]
    spans += _any_case_cues(text, lexicon)
    lines = address_lines(text)
    hospitals = street_after(text, [(m.start(), m.end(), "LOCATION") for m in HOSPITAL_RE.finditer(text)], lines)
    places = hospitals + street_after(text, _institutions(text), lines) + bracketed_institutions(text, lexicon)
    places += spanish_institutions(text, lexicon)
    places += [(m.start(g), m.end(g), "LOCATION") for m in TOWN_AFTER_CODE_RE.finditer(text) for g in ("town", "province")
               if m.group(g)]
    places += [(s + m.start("town"), s + m.end("town"), "LOCATION") for s, e, _ in hospitals
               if (m := HOSPITAL_TOWN_RE.search(text[s:e]))]
    places += [(m.start("acr"), m.end("acr"), "LOCATION") for _, e, _ in list(places)
               if (m := ACRONYM_AFTER_RE.match(text, e))]
    spans += [(m.start(), m.end(), "ADDRESS") for m in STREET_RE.finditer(text)]
    spans += [(m.start(), m.end(), "ADDRESS") for m in PO_BOX_RE.finditer(text)]
    places += [s for s in _contact_spans(text, lexicon) if s[2] == "LOCATION"]
    spans += [s for s in _contact_spans(text, lexicon) if s[2] != "LOCATION"]
    return tuple(spans + places + _propagated(text, places))
