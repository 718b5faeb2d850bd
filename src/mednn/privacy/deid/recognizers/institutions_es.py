"""Institutions in Spanish clinical writing (``language="es"``) that the head-word patterns of
``spanish.py`` and the bracket positions of ``spanish_institutions.py`` do not reach; read by
:func:`mednn.privacy.deid.recognizers.spanish.spanish_spans` (so the Spanish refiner keeps them and
a name found once is found wherever else the report names it). Each rule is a habit of Spanish
medical writing, not a list of one corpus' names:

* a care place named after a lower-case head word ("ambulatorio de Tudela", "laboratorio
  Echevarne", "consultorio de Villanueva del Pardillo"): the name must hold a word the Spanish
  vocabulary does not know, so "laboratorio de Microbiología" stays;
* schools, tissue banks and care complexes named by their proper name ("Colegio Público San José",
  "IES Ramón Llull", "Banco de Tejidos de Aragón", "Complejo Asistencial Universitario de León"); a
  bank named by its kind alone ("Banco de Sangre") stays;
* a care place named by what it does, after a lower-case head ("centro de menores Zambrana",
  "centro de día Los Almendros");
* a public body named by its town ("Comisaría de Leganés", "Cruz Roja de Albacete", "Servicios
  Sociales de Getafe") and a hospital abbreviated to "H." before its kind ("H. Universitario de
  Getafe"; "H. pylori" has no kind word after it);
* the maker after a verb of making or supplying or after "de la marca" ("prótesis fabricada por
  Stryker", "de la casa comercial Thea", "marcapasos de la marca Vitatron"), and after a brand and
  "de" ("Tobradex® de Alcon");
* the maker after a brand and its generic name in brackets ("Humira® (adalimumab, AbbVie)"), the
  citation style of Spanish journals for a drug;
* a company named with an English company word ("Reference Laboratory", "Iridex Surgical
  Systems", "Abbott Diagnostics"): foreign makers keep their English names in Spanish text;
* a maker with its town and a US state at the end of brackets ("(Iridex, Mountain View,
  California)", "(Zeiss Meditec, Dublin, CA)"): the citation style for American devices;
* a hospital acronym after a verb of care ("intervenido en el HUCA", "seguida en el CHUAC"): a
  patient is operated on or followed *in* a place; acronyms the vocabulary knows ("en el TAC") stay
  unless they begin as a hospital's does (H, CH: "HUCA"), and units ("UCI", "REA", "HDM") stay.
"""

from __future__ import annotations

import re

from ..patterns import LO, UP
from ..vocabulary import Lexicon

_NAME = rf"(?:[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?|[{UP}]{{2,}}(?![{LO}])|[dl]['’][{UP}][{LO}]+)"
_LINK = r"(?:(?:de|del|la|las|los|el|y|i|d['’])[ \t]*)"
_NAMES = rf"{_NAME}(?:[ \t]+{_LINK}*{_NAME}){{0,5}}"
# a lower-case head word before a proper name: "ambulatorio de Tudela", "laboratorio Echevarne"
LOWER_HEAD_RE = re.compile(
    rf"\b(?:ambulatorio|consultorio(?:[ \t]+local)?|laboratorios?|residencia(?:[ \t]+de[ \t]+ancianos)?|mutua|"
    rf"centro[ \t]+de[ \t]+especialidades|centro[ \t]+m[ée]dico|policl[íi]nica|sanatorio|colegio|instituto|"
    rf"fundaci[óo]n|universidad|hospital[ \t]+comarcal|hospital[ \t]+de[ \t]+referencia|centro[ \t]+hospitalario|"
    rf"centro[ \t]+(?:de[ \t]+)?(?:menores|acogida|d[íi]a|penitenciario|rehabilitaci[óo]n|educaci[óo]n[ \t]+especial))"
    rf"[ \t]+(?:(?:de|del)[ \t]+(?:la[ \t]+|los[ \t]+|las[ \t]+)?)?(?P<name>{_NAMES})")
# a school or a bank of tissues named by its own name
SCHOOL_BANK_RE = re.compile(
    rf"\b(?:Colegio|Escuela|Instituto[ \t]+de[ \t]+Educaci[óo]n[ \t]+Secundaria|IES|CEIP|Guarder[íi]a|"
    rf"Banco(?=[ \t]+(?:Nacional|de[ \t]+(?:Tejidos|Tumores|Cerebros|Leche|Cord[óo]n|Sangre|ADN)))|"
    rf"Complejo(?=[ \t]+(?:Asistencial|Universitario|Sanitario)))"
    rf"(?:[ \t]+(?:P[úu]blico|Concertado|Privado|Nacional|Rural)\b)?[ \t]+{_LINK}*(?P<name>{_NAMES})")
_MAKER = rf"[{UP}][\w&-]*(?:[ \t]+(?:(?:y|and|&)[ \t]+)?[{UP}][\w&.-]*){{0,3}}"
# the maker after a verb of making or supplying: "fabricada por Stryker", "de la casa comercial Thea"
MAKER_VERB_RE = re.compile(
    rf"(?i:\b(?:(?:fabricad|comercializad|distribuid|suministrad|desarrollad|cedid|donad|proporcionad)[oa]s?[ \t]+por"
    rf"|casa[ \t]+comercial|casa[ \t]+farmac[ée]utica|compa[ñn][íi]a|empresa[ \t]+farmac[ée]utica|de[ \t]+la[ \t]+marca(?:[ \t]+comercial)?)"
    rf"(?:[ \t]+(?:la|el|los)[ \t]+(?:casa|empresa|compa[ñn][íi]a|laboratorio|firma)(?:[ \t]+comercial)?)?[ \t]+)"
    rf"(?P<maker>{_MAKER})")
# "Humira® (adalimumab, AbbVie)": a generic name in lower case, then the maker
BRAND_GENERIC_MAKER_RE = re.compile(
    rf"[®™][ \t]*\([{LO}][\w-]*(?:[ \t]+[{LO}][\w-]*){{0,2}}(?:[ \t]+\d[\d.,]*[ \t]*(?:mg|ml|g|µg|mcg|%))?[ \t]*[,;][ \t]*"
    rf"(?P<maker>{_MAKER})(?=[ \t]*[,;)])")
# the maker after a brand and "de": "Tobradex® de Alcon", "Fit-checker® de Dentalia" (in brackets the maker
# after a brand is read by spanish.MAKER_RE; a second company there is often a division, left alone)
BRAND_MAKER_RE = re.compile(rf"[®™][ \t]+de[ \t]+(?P<maker>{_MAKER})(?=[ \t]*[,;.)]|[ \t]+[{LO}])(?![\w.&-]*[ \t]*[®™])")
# a hospital abbreviated to "H." before its kind: "H. Universitario de Getafe", "H. Virgen del Rocío"
# ("H. pylori" is a bacterium: a kind word must follow)
H_ABBREVIATION_RE = re.compile(
    rf"\bH\.[ \t]?(?:Universitario|General|Cl[íi]nico|Comarcal|Provincial|Regional|Materno-Infantil|Infantil|Virgen|"
    rf"San|Santa|Nuestra|Reina|Infanta|Pr[íi]ncipe)(?:[ \t]+{_LINK}*{_NAME}){{0,5}}")
# a public body named by its town: "Comisaría de Leganés", "Ayuntamiento de Tomelloso", "Cruz Roja de Albacete"
PUBLIC_BODY_RE = re.compile(
    rf"\b(?:Comisar[íi]a|Ayuntamiento|Cuartel|Subdelegaci[óo]n[ \t]+del[ \t]+Gobierno|Parroquia|Cruz[ \t]+Roja|"
    rf"C[áa]ritas(?:[ \t]+Diocesana)?|Servicios[ \t]+Sociales)[ \t]+(?:de|del)[ \t]+(?P<name>{_NAMES})")
_ENGLISH_COMPANY = (r"(?:Laborator(?:y|ies)|Labs|Diagnostics|Instruments|Biotech|Pharmaceuticals?|Biosystems|Technologies|"
                    r"Surgical|Dental|Systems|Therapeutics|Biosciences|Biologicals|Medizintechnik|Meditec|Vision|Optics|"
                    r"Orthopaedics|Orthopedics|Medical[ \t]+Systems|Life[ \t]+Sciences|Healthcare)")
ENGLISH_COMPANY_RE = re.compile(rf"\b(?P<maker>(?:[{UP}][\w&.-]*[ \t]+){{1,3}}{_ENGLISH_COMPANY})\b")
_US_STATES = (
    r"(?:Alabama|Alaska|Arizona|Arkansas|California|Carolina del (?:Norte|Sur)|North Carolina|South Carolina|Colorado|"
    r"Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Luisiana|Louisiana|Maine|"
    r"Maryland|Massachusetts|Michigan|Minnesota|Misisipi|Mississippi|Misuri|Missouri|Montana|Nebraska|Nevada|"
    r"Nueva (?:York|Jersey)|New (?:York|Jersey|Hampshire|Mexico)|Nuevo México|Ohio|Oklahoma|Oregón|Oregon|Pensilvania|"
    r"Pennsylvania|Rhode Island|Tennessee|Texas|Utah|Vermont|Virginia|Washington|Wisconsin|Wyoming|"
    r"A[KLRZ]|C[AOT]|DE|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])")
# "(Iridex, Mountain View, California)": a maker, its town and its state closing the brackets
MAKER_STATE_RE = re.compile(
    rf"[(;,][ \t]*(?P<maker>{_MAKER})[ \t]*®?,[ \t]*(?P<town>[{UP}][{LO}]+(?:[ \t]+[{UP}][{LO}]+){{0,2}}),[ \t]*"
    rf"(?P<state>{_US_STATES})\.?(?:,[ \t]*(?:EE\.?[ \t]?UU\.?|USA|U\.S\.A\.|Estados Unidos))?[ \t]*\)")
# a hospital's acronym after a verb of care: "intervenido en el HUCA", "seguida en el CHUAC"
CARE_ACRONYM_RE = re.compile(
    r"(?i:\b(?:intervenid|operad|tratad|seguid|controlad|estudiad|diagnosticad|hospitalizad|ingresad|revisad|"
    r"valorad|atendid|asistid|vist|nacid)[oa]s?[ \t]+(?:previamente[ \t]+)?(?:en|por)[ \t]+(?:el|la)[ \t]+)"
    r"(?P<acr>(?!U[A-Z]|REA\b|HD[A-Z]?\b)[A-Z]{3,8}(?:-[A-Z]{2,6})?)\b(?![-/]?\d)")
# a Spanish hospital's acronym begins with its kind ("HUCA", "HGUA", "CHUAC"); "HD" is a day hospital
_HOSPITAL_ACRONYM = re.compile(r"(?:H|CH)(?!D)[A-Z]{2,6}$")
_WORD = re.compile(rf"[{UP}{LO}]+")


def _unknown(words: str, lexicon: Lexicon) -> bool:
    """True when some word of ``words`` is outside the Spanish vocabulary (or a listed name)."""
    return any(w.lower() not in lexicon.safe or lexicon.known(w) for w in _WORD.findall(words) if len(w) > 2)


def spanish_institutions(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """``(start, end, "LOCATION")`` of the institutions, makers and their places described above."""
    spans = [(m.start("name"), m.end("name"), "LOCATION") for m in LOWER_HEAD_RE.finditer(text)
             if _unknown(m.group("name"), lexicon)]
    spans += [(m.start(), m.end(), "LOCATION") for m in SCHOOL_BANK_RE.finditer(text)
              if _unknown(m.group("name"), lexicon)]
    spans += [(m.start(), m.end(), "LOCATION") for m in PUBLIC_BODY_RE.finditer(text) if _unknown(m.group("name"), lexicon)]
    spans += [(m.start(), m.end(), "LOCATION") for m in H_ABBREVIATION_RE.finditer(text) if len(m.group().split()) > 2]
    for pattern in (MAKER_VERB_RE, BRAND_GENERIC_MAKER_RE, BRAND_MAKER_RE, ENGLISH_COMPANY_RE):
        spans += [(m.start("maker"), m.end("maker"), "LOCATION") for m in pattern.finditer(text)
                  if _unknown(m.group("maker"), lexicon)]
    spans += [(m.start(g), m.end(g), "LOCATION") for m in MAKER_STATE_RE.finditer(text) for g in ("maker", "town")]
    spans += [(m.start("acr"), m.end("acr"), "LOCATION") for m in CARE_ACRONYM_RE.finditer(text)
              if m.group("acr").lower() not in lexicon.safe or _HOSPITAL_ACRONYM.match(m.group("acr"))]
    return spans
