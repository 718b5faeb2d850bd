"""The last word on Spanish text (``language="es"``): what the recognizers found that is not an
identifier in a Spanish clinical case report.

The allow-list recognizer marks every capitalised word it does not know; in Spanish many of them
are ordinary words the vocabulary lacks, and this module drops them by what they are, never by a
list of the strings of one corpus:

* eponyms: a name after "síndrome de", "tumor de", "signo de", "técnica de", "tipo", or before
  "positivo" ("síndrome de Budd-Chiari", "tumor de Warthin", "Blumberg positivo");
* brands: a word before "®" / "™", a dose or its maker in brackets ("Urbason®", "Topamax 25 mg",
  "(Tobradex, Alcon Cusí)");
* inflected Spanish words: adverbs (-mente), verb forms (-aba, -aron, -amos, -ando), nouns and
  adjectives (-ción, -logía, -ismo, -itis, -dad, -miento), drugs (-ina, -ol, -ato) written with a
  capital at a sentence start or in a title, when not a listed name;
* departments after "Servicio de", "Unidad de", "consulta de" ("Servicio: Odontología");
* acronyms in capitals in running text ("ANA", "TOM"; addresses keep theirs);
* words that say who a patient is but do not identify: sex and age words ("Varón", "Mujer",
  "Niña", "Lactante") and countries ("España", "México"). HIPAA Safe Harbor removes geographic
  units smaller than a state, not countries, and a country of origin or travel is clinical
  information (endemic infections); MEDDOCAN annotates both (PAIS, SEXO_SUJETO_ASISTENCIA), and
  docs/deid.md reports them apart.

A candidate that runs over a name the Spanish rules found keeps only the parts beside that name
that hold a word the vocabulary does not know ("Dr. X Y Servicio", "Doctora X Y": "Servicio" and
"Doctora" go).

What the Spanish recognizer itself found (header fields such as "Nombre:", "Médico:", a name
after "Dr.", hospitals, institutions, towns after a cue) is never dropped here; a leading "y" / "a" ("y Goserelina") is cut off a span.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..patterns import LO, UP
from ..vocabulary import Lexicon
from ..words import casing, line_at
from . import refiner
from .spanish import address_lines, spanish_spans
from .spanish_institutions import bracketed_products


def _fold(word: str) -> str:
    """The word without its accents ("Reconocía": Reconocia)."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


# a named sign, syndrome or technique: the name after these is an eponym, not a person
EPONYM_CUE = re.compile(
    r"(?i:\b(?:s[íi]ndromes?|enfermedad(?:es)?|tumor(?:es)?|signos?|t[ée]cnicas?|test|prueba|pruebas|[íi]ndices?|"
    r"clasificaci[óo]n|criterios?|conductos?|espacios?|hiatos?|fibras|cuerpos|c[áa]psulas?|malformaci[óo]n|"
    r"ecuaci[óo]n|f[óo]rmula|maniobras?|reflejos?|tinci[óo]n|incisi[óo]n|escalas?|estadios?|quistes?|canal|"
    r"bola\s+adiposa|soluci[óo]n|medio|m[ée]todo|c[ée]lulas|gl[áa]ndulas?|ley|operaci[óo]n|procedimiento|"
    r"abordaje|colgajo|arco|l[íi]nea|punto|tri[áa]ngulo|ligamento|membrana|fractura|[úu]lcera|n[óo]dulos?|"
    r"anillo|tend[óo]n|virus|bacilo|agar|hematoxilina|maxilotom[íi]a|pr[óo]tesis|cat[ée]ter|aguja|stent|"
    r"sonda|v[áa]lvula|kit|programa|software|marca|modelo|dispositivo|sistema|serolog[íi]a|cultivo|"
    r"tipo|seg[úu]n|descrit[oa]\s+por|hecha\s+por)\s+(?:(?:de|del|de\s+la|para|por|con)\s+)?"
    r"(?:(?:el|la|los|las)\s+)?)$")
EPONYM_AFTER = re.compile(r"(?i:[ \t]*(?:\(?[+-]\)?|positiv[oa]s?|negativ[oa]s?)(?![\w]))")
BRAND_AFTER = re.compile(r"[ \t]*[®™]|[ \t]*\d+(?:[.,]\d+)?[ \t]*(?i:mg|mcg|µg|g|gr|ml|ui|%|comp)\b")
DEPARTMENT_CUE = re.compile(
    r"(?i:\b(?:servicio|unidad|secci[óo]n|consultas?|departamento|cirug[íi]a|medicina|especialista\s+en|"
    r"derivad[oa]s?\s+a|remitid[oa]s?\s+a)[ \t]*(?:de[ \t]+|del[ \t]+|:[ \t]*)?(?:[{UP}][{LO}]+[ \t]+(?:y[ \t]+)?)*)$"
    .replace("{UP}", UP).replace("{LO}", LO))
# ordinary words (unaccented) that a name does not end with, strongly enough to apply in an address line too
STRONG_INFLECTION = re.compile(r"(?:mente|cion|ciones|sion|siones|logia|logias|miento|mientos|dad|dades|ismo|itis|osis)$")
# read on the word without accents ("Reconocía": reconocia)
SPANISH_INFLECTION = re.compile(
    r"(?:iste|isten|esan|asan|io|mente|cion|ciones|sion|siones|logias?|gramas?|ismos?|itis|osis|dad|dades|mientos?|"
    r"encias?|ancias?|aba|aban|ian|aron|ieron|amos|emos|imos|ando|iendo|ados?|adas?|idos?|idas?|inas?|asas?|oides?|"
    r"anos?|atos?|ilos?|icos?|icas?|ivos?|ivas?|osos?|osas?|ias?|uras?|entes?|antes?|bles?|ales?|ares?|ferol)$")
# sex, age and role words: they describe a patient, they do not identify one
PERSON_WORDS = frozenset(
    "varón varon varones mujer mujeres hombre hombres niño niña niños niñas nino nina femenino femenina masculino "
    "masculina paciente pacientes lactante lactantes neonato neonata recién adolescente anciano anciana señor "
    "señora joven bebé madre padre hermano hermana hijo hija abuelo abuela esposo esposa marido tío tía "
    # titles and the words of a report's contact lines
    "doctor doctora dr dra sr sra fax tel telf tfno email correo edificio planta puerta puertas área zona salud "
    "financiación conflictos interés".split())
# a genus before its species ("Ochrobactrum anthropi", "Anisakis simplex")
GENUS_BEFORE = re.compile(r"[ \t]+[a-z]+(?:i|ae|us|is|um|ensis|oides|ii|ans|ata|ella)\b")
# countries (Spanish names, and the English ones of addresses): Safe Harbor lets them stay
COUNTRIES = frozenset(_fold(w) for w in
    "españa méxico mexico argentina chile colombia perú peru venezuela ecuador bolivia paraguay uruguay cuba "
    "brasil brazil portugal francia alemania italia reino unido inglaterra england escocia irlanda holanda "
    "bélgica suiza switzerland austria polonia rumanía rumania bulgaria grecia rusia ucrania turquía marruecos "
    "argelia túnez egipto nigeria senegal ghana guinea mali mauritania camerún kenia etiopía sudáfrica china "
    "japón india pakistán bangladesh filipinas tailandia vietnam corea indonesia australia canadá canada usa "
    "eeuu ee.uu estados unidos guatemala honduras nicaragua salvador costa rica panamá panama dominicana "
    "puerto rico haití jamaica israel irán iraq irak siria líbano jordania arabia saudí emiratos qatar suecia "
    "noruega dinamarca finlandia islandia hungría chequia eslovaquia croacia serbia andorra mónaco".split()
    + ["reino unido", "estados unidos", "costa rica", "puerto rico", "el salvador", "república dominicana",
       "arabia saudí", "nueva zelanda", "ee uu", "república argentina"])
# a lone capitalised word inside a sentence, after a lower-case word: an eponym, a brand, a genus
# ("azul de Prusia", "ecógrafo Hitachi", "tratamiento con Seprin"), unless the word before says a
# place follows ("en", "desde", "pueblo de", "provincia de")
MID_SENTENCE = re.compile(r"(?<![\w.])[a-záéíóúüñ]{2,}[ \t]+$")
PLACE_BEFORE = re.compile(
    r"(?i:\b(?:en|a|al|desde|hacia|hasta|por|entre|y|(?:pueblo|ciudad|provincia|localidad|municipio|zona|regi[óo]n|"
    r"comarca|isla|capital|barrio|residencia|natural|procedente|originari[oa]|vecin[oa]|hospital|centro|"
    r"cl[íi]nica|universidad|facultad|instituto|sur|norte|este|oeste|frontera|afueras|cercan[oa]s?|cerca)[ \t]+"
    r"(?:de|del)(?:[ \t]+(?:la|el|los|las))?)[ \t]+)$")
# ... but a person stays: after a relation ("su hermana mayor Maite") or as the subject of a verb
# ("Maialen mostró", "Maite no es")
PERSON_BEFORE = re.compile(
    r"(?i:\b(?:herman[oa]s?|madre|padre|hij[oa]s?|abuel[oa]|esposa|esposo|marido|mujer|novi[oa]|prim[oa]|t[íi][oa]|"
    r"sobrin[oa]|pareja|amig[oa]|paciente|ni[ñn][oa]|beb[ée]|mayor|menor|pequeñ[oa]|llamad[oa]|compañer[oa])[ \t]+)$")
SUBJECT_OF = re.compile(r"[ \t]+(?:no|se|le|la|lo|ya|ha|han|había|es|era|fue|está|estaba|tiene|tenía|y[ \t]+su|[a-záéíóúñ]+(?:ó|aba|ía))\b")
_ACRONYM = re.compile(rf"[{UP}0-9]{{2,6}}")
_LEADING_AND = re.compile(r"(?:y|e|o|u|a)[ \t]+")


@lru_cache(maxsize=65536)
def _listed(lexicon: Lexicon, word: str) -> bool:
    """A listed name, with or without its accents ("García": Garcia)."""
    return lexicon.known(word) or lexicon.known(_fold(word)) or word in lexicon.first or _fold(word) in lexicon.first


def _kept(text: str, start: int, end: int, lexicon: Lexicon, in_address: bool) -> tuple[int, int] | None:
    """The part of a name or place candidate that stays, or None when it is no identifier."""
    lead = _LEADING_AND.match(text, start)
    if lead and lead.end() < end:
        start = lead.end()
    if start > 0 and text[start - 1].isalpha():  # "Dr|a. Esther": a span that starts inside a word
        rest = re.search(r"\s+(?=\w)", text[start:end])
        if rest is None:
            return None
        start += rest.end()
    span = text[start:end]
    if not any(c.isalpha() for c in span):
        return None
    if BRAND_AFTER.match(text, end) or EPONYM_CUE.search(text[max(0, start - 40):start]) \
            or EPONYM_AFTER.match(text, end):
        return None
    words = re.findall(rf"[{UP}{LO}]+", span)
    low = " ".join(w.lower() for w in words)
    if _country(span):
        return None
    if len(words) != 1:
        return start, end
    word = words[0]
    if STRONG_INFLECTION.search(_fold(word.lower())) or low in PERSON_WORDS:
        return None
    listed = _listed(lexicon, word)
    if word.isupper() and _ACRONYM.fullmatch(word) and (len(word) <= 3 or not listed) and not in_address \
            and casing(line_at(text, start)) == "mixed":
        return None  # an acronym in running text ("ANA", "TOM"); an address keeps its own
    if in_address or listed:
        return start, end
    before = text[max(0, start - 40):start]
    if SPANISH_INFLECTION.search(_fold(word.lower())) or DEPARTMENT_CUE.search(before) or GENUS_BEFORE.match(text, end) \
            or MID_SENTENCE.search(before) and not (PLACE_BEFORE.search(before) or PERSON_BEFORE.search(before)
                                                    or SUBJECT_OF.match(text, end)):
        return None
    return start, end


def _country(text: str) -> bool:
    return " ".join(_fold(w.lower()) for w in re.findall(rf"[{UP}{LO}]+", text)) in COUNTRIES


@refiner("es")
def refine_spanish(text: str, candidates: list, lexicon: Lexicon) -> list:
    """The candidates that stay: every type but names and places untouched, what the Spanish rules
    found kept unless it is a country, the rest read by :func:`_kept`."""
    found = spanish_spans(text, lexicon)
    fields = [(s, e) for s, e, k in found if k in ("NAME", "LOCATION")]
    names = [(s, e) for s, e, k in found if k == "NAME"]
    addresses = address_lines(text)
    products = bracketed_products(text, lexicon)
    out = []
    for start, end, kind in candidates:
        if kind not in ("NAME", "LOCATION"):
            out.append((start, end, kind))
            continue
        if any(s <= start and end <= e for s, e in fields):
            if not _country(text[start:end]):
                out.append((start, end, kind))
            continue
        product = next((e for s, e in products if s == start), None)
        if product is not None:  # a brand before its maker: "(Tobradex, Alcon Cusí)"
            if end <= product:
                continue
            start = product + len(text[product:end]) - len(text[product:end].lstrip(" \t,;®™"))
        for piece in _beside_names(text, start, end, names, lexicon):
            kept = _kept(text, piece[0], piece[1], lexicon, any(s <= piece[0] < e for s, e in addresses))
            if kept is not None:
                out.append((kept[0], kept[1], kind))
    return out


_EDGE = " \t.,;:()"


def _beside_names(text: str, start: int, end: int, names: list[tuple[int, int]], lexicon: Lexicon
                  ) -> list[tuple[int, int]]:
    """The candidate, or, when it runs over a name the Spanish rules found ("Dr. Héctor Pastor
    Navarro Servicio de Urología": the name ends where the workplace begins), the parts beside
    that name that hold a word the vocabulary does not know ("Doctora", "Servicio", "Correo" go)."""
    name = next(((s, e) for s, e in names if s < end and start < e), None)
    if name is None:
        return [(start, end)]
    pieces, dropped = [], False
    for a, b in ((start, name[0]), (name[1], end)):
        piece = text[a:b] if b > a else ""
        a += len(piece) - len(piece.lstrip(_EDGE))
        b -= len(piece) - len(piece.rstrip(_EDGE))
        words = re.findall(rf"[{UP}{LO}]+", text[a:b]) if b > a else []
        if any(w.lower() not in lexicon.safe or _listed(lexicon, w) for w in words if len(w) > 2):
            pieces.append((a, b))
        else:
            dropped = dropped or bool(words)
    # nothing safe beside the name: the candidate stays whole ("Apellidos: Miguel  Chamoy")
    return pieces if dropped else [(start, end)]
