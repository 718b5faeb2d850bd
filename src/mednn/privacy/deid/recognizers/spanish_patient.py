"""What a Spanish case report says about who the patient is, beyond a name or a number: the
patient's ethnic origin ("de raza caucásica", "mujer blanca"), nationality or origin ("de origen
boliviano", "Varón de 49 años, peruano"), marital status ("casada", "viudo"), sexual orientation
("homosexual"), place among siblings ("la mayor de tres hermanos", "hijo único", "sin hijos") and
the age-group noun that names the patient ("Lactante de tres meses", "Adolescente de 14 años").

HIPAA Safe Harbor does not list these; MEDDOCAN annotates them with the patient's identifiers
(ID_SUJETO_ASISTENCIA), and GDPR counts ethnic origin and sexual orientation as special
categories. In a published case report they narrow the patient down ("a Vietnamese man of 66
living in the USA"), so the Spanish rules remove them as part of the patient's ``ID``.

The age-group nouns are removed because MEDDOCAN files every "lactante" and "adolescente" of
its training and development splits (18 of 18) as the patient's id; the age itself ("de tres
meses") stays, as every age under 90 does, so the text loses no clinical fact. Left in the text
on purpose: sex words ("Varón", "Mujer", "niña": MEDDOCAN's SEXO, not an id), "joven" (also an
adjective: "paciente joven"), a country named alone (an origin or a trip is clinical
information: see ``spanish_refine``), "separado" (also an anatomical word).

Each rule reads a construction, never a list of a corpus' values: the nationality words are the
Spanish demonyms of countries and regions, a closed class of the language like month names.
"""

from __future__ import annotations

import re

# Spanish demonyms, masculine singular; the feminine and plural forms are derived below
_DEMONYMS = (
    "español portugués francés alemán italiano inglés británico irlandés escocés galés holandés neerlandés "
    "belga suizo austriaco austríaco polaco rumano búlgaro griego ruso ucraniano bielorruso turco sueco noruego "
    "danés finlandés islandés húngaro checo eslovaco esloveno croata serbio bosnio albanés macedonio lituano "
    "letón estonio moldavo georgiano armenio azerí kazajo uzbeko europeo eslavo nórdico "
    "marroquí argelino tunecino libio egipcio magrebí saharaui subsahariano africano senegalés nigeriano "
    "nigerino ghanés guineano ecuatoguineano gambiano maliense mauritano camerunés congoleño keniano etíope "
    "somalí sudanés sudafricano angoleño mozambiqueño marfileño burkinés togolés beninés liberiano "
    "mexicano guatemalteco hondureño salvadoreño nicaragüense costarricense panameño cubano dominicano "
    "puertorriqueño haitiano jamaicano colombiano venezolano ecuatoriano peruano boliviano chileno argentino "
    "uruguayo paraguayo brasileño estadounidense norteamericano canadiense latinoamericano sudamericano "
    "centroamericano hispanoamericano hispano latino "
    "chino japonés coreano vietnamita filipino tailandés camboyano indonesio malayo indio hindú pakistaní "
    "bangladesí nepalí afgano iraní persa iraquí sirio libanés jordano israelí palestino saudí kuwaití yemení "
    "árabe asiático oriental australiano neozelandés gitano").split()


def _forms(word: str) -> list[str]:
    """A demonym's four forms: peruano peruana peruanos peruanas, francés francesa franceses
    francesas, marroquí marroquíes, belga belgas."""
    if word.endswith("o"):
        return [word, word[:-1] + "a", word + "s", word[:-1] + "as"]
    if word[-2:] in ("és", "án"):
        stem = word[:-2] + word[-2:].replace("é", "e").replace("á", "a")
        return [word, stem + "a", stem + "es", stem + "as"]
    if word.endswith(("í", "ú")):
        return [word, word + "es", word + "s"]
    if word.endswith(("e", "a")):
        return [word, word + "s"]
    return [word, word + "es"]


_DEMONYM = "(?:" + "|".join(sorted({f for w in _DEMONYMS for f in _forms(w)}, key=len, reverse=True)) + ")"
_RACE = (r"(?:(?:blanc|negr|caucásic|caucasic|caucasian|mestiz|amerindi|asiátic|gitan)[oa]s?|negroides?|orientales|"
         r"oriental|árabes?|indígenas?)")
_PERSON = (r"(?:var[oó]n|varones|mujer(?:es)?|hombres?|paciente|niñ[oa]s?|chic[oa]s?|lactante|joven|adolescente|"
           r"señora?|ciudadan[oa]|individuo|sujeto|bebé|anciana?o?)")
_ORDINAL = (r"(?:mayor|menor|pequeñ[oa]|mediano|mediana|primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|"
            r"sext[oa]|séptim[oa]|octav[oa]|noven[oa]|décim[oa]|últim[oa])")

# ethnic origin: "de raza caucásica", "de etnia gitana"
RACE_RE = re.compile(rf"(?i:\b(?:raza|etnia)[ \t]+{_RACE}\b)")
# ... after a person: "mujer blanca de 46 años", "Hombre caucásico", "varón de raza negra" (the word only)
PERSON_RACE_RE = re.compile(rf"(?i:\b{_PERSON}[ \t]+(?P<w>{_RACE}|{_DEMONYM})\b)")
# origin and nationality: "de origen boliviano", "de nacionalidad alemana", "procedencia subsahariana"
ORIGIN_RE = re.compile(rf"(?i:\b(?:origen|nacionalidad|procedencia|ascendencia|descendencia|etnia)[ \t]+(?P<w>{_DEMONYM})\b)")
# ... after the age: "Varón de 49 años, peruano", "Mujer de 65 años ecuatoriana"
AGE_ORIGIN_RE = re.compile(rf"(?i:\b\d{{1,3}}[ \t]+años(?:[ \t]+de[ \t]+edad)?,?[ \t]+(?P<w>{_DEMONYM})\b)")
# marital status (not "separado": also an anatomical and a surgical word)
MARITAL_RE = re.compile(r"(?i:\b(?:casad|solter|viud|divorciad)[oa]s?\b)")
_CAPITALISED_BEFORE = re.compile(r"\b[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+[ \t]+$")
# one patient: the plural is a population ("en adultos, adolescentes y niños")
AGE_GROUP_RE = re.compile(r"(?i:\b(?:lactante|adolescente)\b)")
ORIENTATION_RE = re.compile(r"(?i:\b(?:homosexual|heterosexual|bisexual|transexual|lesbiana)(?:es|s)?\b)")
# place among siblings and children: "la mayor de tres hermanos", "el menor de una familia de ocho
# hermanos", "Hijo mediano", "hijo único", "sin hijos", "se trata de la primera hija de padres sanos"
_FAMILY = ("herman", "hij", "adopt")  # the sibling rule runs only where one of these is written
SIBLING_RE = re.compile(
    rf"(?i:\b(?:el|la)[ \t]+{_ORDINAL}[ \t]+de[ \t]+(?:una[ \t]+familia[ \t]+de[ \t]+)?(?:\w+[ \t]+)?herman[oa]s\b"
    rf"|(?<!\bsu[ \t])(?<!\bsus[ \t])\bhij[oa][ \t]+(?:únic[oa]|unic[oa]|mediano|mediana|primogénit[oa]|adoptiv[oa])\b"
    rf"|\b(?:(?:es|era|ser|trata(?:ba)?[ \t]+de)[ \t]+(?:el|la)|trata(?:ba)?[ \t]+del)[ \t]+{_ORDINAL}[ \t]+hij[oa]\b"
    rf"|\bsin[ \t]+hijos\b|\b(?:niñ[oa]|hij[oa])[ \t]+adoptad[oa]\b)")


def patient_descriptions(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, "ID")`` of what ``text`` says about who its patient is (see the module)."""
    lower = text.lower()
    rules = (RACE_RE, ORIENTATION_RE, AGE_GROUP_RE) + ((SIBLING_RE,) if any(w in lower for w in _FAMILY) else ())
    spans = [(m.start(), m.end(), "ID") for rx in rules for m in rx.finditer(text)]
    # "Casado" after a capitalised word is a surname ("Dr. Pedro Casado"), read by the name rules
    spans += [(m.start(), m.end(), "ID") for m in MARITAL_RE.finditer(text)
              if not (m.group()[0].isupper() and _CAPITALISED_BEFORE.search(text, max(0, m.start() - 30), m.start()))]
    spans += [(m.start("w"), m.end("w"), "ID") for rx in (PERSON_RACE_RE, ORIGIN_RE, AGE_ORIGIN_RE)
              for m in rx.finditer(text)]
    return spans
