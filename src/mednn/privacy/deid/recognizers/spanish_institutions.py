"""Institutions and places that a Spanish case report (``language="es"``) names by where it puts
them, not by a head word such as "Hospital" or "Instituto"; read by
:func:`mednn.privacy.deid.recognizers.spanish.spanish_spans`:

* the maker after a product in brackets, the citation style of Spanish journals, with no dose
  before it: "(Tobradex, Alcon Cusí)", "(Lentes X®, Bausch and Lomb, Rochester, EE.UU.)", with
  the maker's town, state and country after it;
* a capitalised word that the Spanish vocabulary does not know, alone in brackets in mixed-case
  text: the province after a town ("Écija (Sevilla)") or the maker after a reagent ("tinción de
  Gram (Merck)"). Eponyms joined by a hyphen ("(Bence-Jones)") and known words stay;
* an acronym after a department and "del" / "de": the hospital the department belongs to
  ("Servicio de Medicina Física y Rehabilitación del HCDGU", "consulta de urgencias de HGO"); a
  unit right after "Servicio de" ("Servicio de UVI") is a department, not a hospital;
* the acronym of the service that brought the patient ("trasladado al hospital por el SAMUR");
* a name in quotes after an institution's head word or a hospital's acronym, and the town after
  it ('Fundación "Jiménez Díaz"', 'HCD "Gómez Ulla"', 'Hospital "San Cecilio" de Granada').

Found once, such a name is found wherever else the report names it (``spanish._propagated``).

:func:`street_after` parts a contact line's institution from the street that follows it with no
comma: "Instituto Oncológico de Guipúzcoa Aldaconea, 44" is the institute "... de Guipúzcoa" and
the street "Aldaconea, 44" (MEDDOCAN annotates them apart).
"""

from __future__ import annotations

import re

from ..patterns import LO, UP
from ..vocabulary import Lexicon
from ..words import casing, line_at

# the product: a capitalised name, a brand mark, a model number ("Tobradex", "Contour®", "OCT 3000")
_PRODUCT = rf"(?:[{UP}][\w-]*(?:[ \t]+[\w.-]+){{0,3}}?[ \t]*[®™]?|[{LO}][\w-]*[ \t]*[®™])"
# the maker: capitalised words, joined by "y", "and" or "&" ("Lilly y Dista", "Johnson & Johnson")
_MAKER = rf"[{UP}][{UP}{LO}-]+(?:[ \t]+(?:(?:y|and|&)[ \t]+)?[{UP}][{UP}{LO}.-]*){{0,3}}"
_PLACE = rf"[{UP}][\w.-]*(?:[ \t]+(?:de[ \t]+)?[{UP}][\w.-]*){{0,2}}"
MAKER_PAIR_RE = re.compile(rf"\((?P<product>{_PRODUCT})[ \t]*[,;][ \t]*(?P<maker>{_MAKER})"
                           rf"(?P<rest>(?:[ \t]*[,.][ \t]*{_PLACE})*)[ \t]*\.?\)")
# a drug or a substance, not a maker ("(Fludarabina, Mitoxantrone)")
_DRUG_END = re.compile(r"(?:ina|ino|ona|one|ol|ato|ide|ida|mab|cin|ine|ano|ico|ica|asa|ase)$", re.I)
# ... after a capitalised word: a town, a product, a stain ("Écija (Sevilla)", "Papanicolau (Merck)");
# after a common noun it is an eponym ("neovejiga (Studer)", "Morfología (Kruger)")
LONE_BRACKET_RE = re.compile(rf"(?<![\w-])(?P<before>[{UP}][\w-]*)[ \t]*\((?P<x>[{UP}][{LO}]{{2,}}(?:[ \t]+(?P<de>(?:de|del)[ \t]+)?"
                             rf"[{UP}][{LO}]+)?)\)")
DEPARTMENT_ACRONYM_RE = re.compile(
    rf"(?i:\b(?:servicio|consultas?|unidad|urgencias|secci[óo]n|departamento|planta)[ \t]+(?:de[ \t]+|del[ \t]+)?"
    rf"(?:(?!(?:donde|que|por|con|para|tras|sin|en|a|al|el|la|de|del)\b|[{UP}{LO}]+(?:ad|id)[oa]s?\b)[{UP}{LO}]+[ \t]+){{1,5}}"
    rf"(?:del|de)[ \t]+)(?P<acr>(?!U[{UP}]|REA\b)[{UP}]{{3,8}}(?:-[{UP}]{{2,6}})?)\b(?![-/]?\d)")
# an emergency or transport service that brought the patient, by its acronym: "remitido al
# hospital por el SAMUR", "trasladada por el SUMMA"; a clinical acronym ("por el TAC") is known
CARRIER_ACRONYM_RE = re.compile(
    rf"(?i:\b(?:trasladad|remitid|derivad|evacuad|tra[íi]d|llevad|atendid|recogid|asistid)[oa]s?\b)[^.\n;]{{0,60}}?"
    rf"\bpor[ \t]+(?:el|la|los|las)[ \t]+(?P<acr>(?!U[{UP}]|REA\b)[{UP}]{{3,8}}(?:-[{UP}]{{2,6}})?)\b(?![-/]?\d)")
_WORD = re.compile(rf"[{UP}{LO}]+")


def _unknown(words: str, lexicon: Lexicon) -> bool:
    """True when some word of ``words`` is outside the Spanish vocabulary (or a listed name)."""
    return any(w.lower() not in lexicon.safe or lexicon.known(w) for w in _WORD.findall(words) if len(w) > 2)


def _lone(m: re.Match, lexicon: Lexicon) -> bool:
    """A word alone in brackets that names a place or a maker: unknown, after an unknown capitalised
    word, and not a disease named after a person ("(Tumor de Wilms)")."""
    if m.group("de") and m.group("x").split()[0].lower() in lexicon.safe:
        return False
    return _unknown(m.group("x"), lexicon) and _unknown(m.group("before"), lexicon)


def _maker_pairs(text: str, lexicon: Lexicon):
    """The matches of :data:`MAKER_PAIR_RE` whose maker is a company, not a code or a drug."""
    for m in MAKER_PAIR_RE.finditer(text):
        maker = m.group("maker")
        branded = "®" in m.group("product") or "™" in m.group("product")
        if not (maker.isupper() and not branded or " " not in maker and _DRUG_END.search(maker)
                or not _unknown(maker, lexicon)):
            yield m


def bracketed_products(text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """``(start, end)`` of a one-word product before its maker ("(Tobradex, Alcon Cusí)"): a brand,
    not a person, unless it is a listed name."""
    return [(m.start("product"), m.start("product") + len(word)) for m in _maker_pairs(text, lexicon)
            if (word := m.group("product").rstrip(" \t®™")).isalpha() and not lexicon.known(word)]


def _makers(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    spans = []
    for m in _maker_pairs(text, lexicon):
        spans.append((m.start("maker"), m.end("maker"), "LOCATION"))
        spans += [(m.start("rest") + p.start(), m.start("rest") + p.end(), "LOCATION")
                  for p in re.finditer(_PLACE, m.group("rest"))]
    return spans


def bracketed_institutions(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """``(start, end, "LOCATION")`` of makers, provinces and hospitals named by their position."""
    spans = _makers(text, lexicon)
    spans += [(m.start("x"), m.end("x"), "LOCATION") for m in LONE_BRACKET_RE.finditer(text) if _lone(m, lexicon)
              and casing(line_at(text, m.start())) == "mixed"]
    spans += [(m.start("acr"), m.end("acr"), "LOCATION") for m in DEPARTMENT_ACRONYM_RE.finditer(text)]
    spans += quoted_institutions(text)
    spans += [(m.start("acr"), m.end("acr"), "LOCATION") for m in CARRIER_ACRONYM_RE.finditer(text)
              if m.group("acr").lower() not in lexicon.safe]
    return spans


# a name in quotes after an institution's head word or a hospital's acronym, and its town:
# 'Fundación "Jiménez Díaz"', 'Hospital Universitario "San Cecilio" de Granada', 'HCD "Gómez Ulla"'
QUOTED_NAME_RE = re.compile(
    rf"\b(?:(?:[Hh]ospital|Fundaci[óo]n|Centro|Cl[íi]nica|Residencia|Colegio|Instituto|Sanatorio|Complejo)"
    rf"(?:[ \t]+[{UP}{LO}]+){{0,3}}?|H[{UP}]{{1,5}})[ \t]+[\"“«](?P<name>[{UP}][{LO}]+(?:[ \t]+(?:(?:de|del|la|las|los|y)[ \t]+)?"
    rf"[{UP}][{LO}]+){{0,3}})[\"”»](?:[ \t]+de[ \t]+(?P<town>[{UP}][{LO}]+(?:[ \t]+[{UP}][{LO}]+)?))?")


def quoted_institutions(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, "LOCATION")`` of the whole institution and its town (quotes included)."""
    spans = []
    for m in QUOTED_NAME_RE.finditer(text):
        spans.append((m.start(), m.end("name") + 1, "LOCATION"))
        if m.group("town"):
            spans.append((m.start("town"), m.end("town"), "LOCATION"))
    return spans


# a house number after a street: ", 44", " 32", ", nº 3" (a postcode has five digits)
_HOUSE_NUMBER = re.compile(r"[ \t]*,?[ \t]*(?:n[ºo°]\.?[ \t]*)?\d{1,4}(?![\d.,]\d)")
_CONNECTOR = re.compile(rf"[ \t]+(?:de|del|la|las|los|el|y|para)[ \t]+(?:(?:San|Santa|Santo|Nuestra)[ \t]+)?[{UP}][\w-]*")


def street_after(text: str, spans: list[tuple[int, int, str]], lines: tuple[tuple[int, int], ...]
                 ) -> list[tuple[int, int, str]]:
    """``spans`` with an institution that runs on into a street before a house number, in a contact
    line, cut after its last "de X" and the street (with its number) returned as an ADDRESS."""
    out = []
    for start, end, kind in spans:
        number = _HOUSE_NUMBER.match(text, end)
        last = None
        if number and any(s <= start < e for s, e in lines):
            last = next((m for m in reversed(list(_CONNECTOR.finditer(text, start, end)))), None)
        street = None if last is None else re.search(r"\S", text[last.end():end])
        if street is None:
            out.append((start, end, kind))
            continue
        out.append((start, last.end(), kind))
        out.append((last.end() + street.start(), number.end(), "ADDRESS"))
    return out
