"""What a word is to the de-identifier, in any casing: a listed name, a name that is also a
dictionary word, safe vocabulary (with its inflections and one-letter typos), or unknown.

This is the allow-list half of the design (as Philter): a word that is not known to be safe
is a candidate identifier. :class:`WordJudge` caches its answers per word, so a corpus costs
one look-up per distinct word.
"""

from __future__ import annotations

import re
from itertools import chain

from .vocabulary import COMMON_WORDS, Lexicon

LETTERS = "A-Za-zÀ-ÖØ-öø-ÿĀ-ſḀ-ỿ"  # with Latin Extended Additional: Vietnamese "Trần", "Nguyễn"
WORD_RE = re.compile(rf"[{LETTERS}]+(?:['’][{LETTERS}]+)*")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_CONTRACTION = re.compile(r"([a-z]+)['’](?:m|ve|d|ll|re)")
# words built from Greek and Latin medical parts are clinical terms, not names
MEDICAL_WORD = re.compile(
    r"(?:angio|arterio|broncho|cardio|cerebro|cholecysto|colono|cysto|derma|duodeno|echo|electro|endo|entero|"
    r"erythro|esophago|gastro|hemato|hemo|hepato|hystero|laparo|laryngo|leuko|lympho|mammo|myelo|myo|naso|"
    r"nephro|neuro|oro|osteo|oto|patho|pericardio|pharyngo|pleuro|pneumo|procto|pyelo|recto|reno|sigmoido|"
    r"spleno|thoraco|thrombo|tracheo|uretero|urethro|uro|vaso|veno)[a-z]{3,}"
    r"|[a-z]{3,}(?:emia|emias|itis|ectomy|ectomies|otomy|ostomy|ostomies|plasty|scopy|scopic|graphy|gram|grams|"
    r"algia|osis|pathy|pathic|trophy|penia|cytosis|uria|lysis|lytic|megaly|plegia|plegic|paresis|tracheal|"
    r"gastric|cardial|vascular|pulmonary|renal|ocele|oma|omas|aemia|ectasis|iasis|genic|tropic|toxic|"
    r"cidal|mycin|cillin|floxacin|azole|prazole|olol|pril|sartan|statin|dipine|parin|xaban|tidine|"
    r"triptan|setron|afil|tinib|mab|zumab|ximab|umab|vir|navir|cycline|profen|oxacin|semide|thiazide|platin|poside|"
    r"rubicin|mustine|taxel|tecan|trexate|zepam|zolam|caine|barbital|olone|asone|sone|tidine|lukast|gliptin|"
    r"glitazone|flozin|glutide|parib|ciclib|lisib|rafenib|citabine|uracil|phamide|fosfamide|mycin|micin|"
    r"bactam|penem|kinase|ase|ases|"
    # stems of international nonproprietary names (WHO / USAN stem book; since 2026-12-07, phifree5):
    # beta-agonists "salmeterol", antiarrhythmics "propafenone", sulfonylureas, anti-androgens
    # "nilutamide", LHRH analogues "leuprorelin", bisphosphonates, antidepressants, neuroleptics,
    # calcium-channel blockers "verapamil", coxibs, anaesthetics "sevoflurane", opioids "oxycodone"
    r"terol|fenone|urea|ureas|utamide|relin|dronate|vudine|oxetine|pramine|triptyline|peridol|peridone|"
    r"apine|azosin|coxib|fenac|pamil|tiazem|curium|curonium|flurane|morphone|codone|gestrel|sterone|"
    r"glinide|gliptin|tropium|orphine|azepine|"
    # Greek and Latin word ends of physiology ("serotonergic", "isovolaemic", "dysmenorrheic",
    # "proteoglycan", "adrenoreceptor")
    r"ergic|aemic|emic|orrheic|orrhoeic|glycan|glycans|receptor|receptors)"
)
_SUFFIXES = (
    ("'s", ("",)), ("’s", ("",)), ("ies", ("y",)), ("ied", ("y",)), ("es", ("", "e")), ("s", ("",)),
    ("ed", ("", "e")), ("ing", ("", "e")), ("ly", ("", "le")), ("ers", ("", "e")), ("er", ("", "e")),
    ("est", ("", "e")), ("ness", ("",)), ("ment", ("",)), ("ful", ("",)), ("able", ("", "e")), ("ible", ("", "e")),
    ("ation", ("ate", "e", "")), ("ations", ("ate", "e", "")), ("ity", ("", "e")), ("ic", ("", "e")),
    ("al", ("", "e")), ("ally", ("", "al")), ("ism", ("",)), ("ist", ("",)), ("ize", ("", "e")),
    ("ized", ("", "e")), ("ise", ("", "e")), ("ised", ("", "e")), ("ous", ("", "e")), ("ive", ("", "e")),
)
# first parts of compounds that are no words of their own ("telehealth", "biorepository", "intraop")
_PARTICLES = ("off", "out", "up", "over", "down", "back", "away", "through")
_COMBINING = frozenset("tele bio intra inter post pre peri trans micro auto self over under out up down back".split())
# a compound with these ends is a place ("Watertown", "Middletown", "Rockford", "Greenfield")
_PLACE_ENDINGS = ("town", "ton", "ford", "field", "wood", "woods", "land", "port", "mouth", "bridge", "dale", "ham",
                  "worth", "ville", "burg", "burgh", "bury", "borough", "brook", "well", "wells", "ley", "wick",
                  "chester", "shire", "haven", "view", "crest", "mont", "side", "ridge", "hill", "hills", "mill",
                  "mills", "lake", "vale", "creek", "stone", "water", "falls", "springs", "point", "park", "gate")
_PREFIXES = ("un", "non", "re", "pre", "post", "anti", "hyper", "hypo", "sub", "inter", "intra", "trans",
             "over", "under", "de", "dis", "mis", "peri", "semi", "multi", "bi", "tri", "poly", "micro", "macro")


# British spellings and their American forms, which the vocabulary holds (since 2026-12-07, names8: 29.5% of
# set 7's notes are not from the US, and "BEHAVIOUR", "Theatre", "LICENCE", "Haematology" were read as names)
_BRITISH = tuple((re.compile(a), b) for a, b in (
    (r"our(?=s?$|ed$|ing$|ful$|able$|ite$|ites$|ist$|ists$)", "or"), (r"tre(?=s?$|d$)", "ter"), (r"ae", "e"),
    (r"(?<=[a-z])oe", "e"), (r"(?<=[a-z])is(?=e$|es$|ed$|ing$|ation$|ations$|er$|ers$)", "iz"),
    (r"ys(?=e$|es$|ed$|ing$|er$|ers$)", "yz"), (r"ence(?=s?$)", "ense"), (r"ise(?=s?$|d$)", "ice"),
    (r"ogue(?=s?$)", "og"), (r"oeuvre", "euver"), (r"mme(?=s?$)", "m"), (r"ll(?=ed$|ing$|er$|ers$)", "l")))


def american(word: str):
    """American forms of a lower-case British spelling: each rule alone, then all together."""
    every = word
    for rule, us in _BRITISH:
        form = rule.sub(us, word)
        if form != word:
            yield form
        every = rule.sub(us, every)
    if every != word:
        yield every


def stems(word: str):
    """Candidate base forms of a lower-case word: suffixes and prefixes stripped (two levels)."""
    for suffix, replacements in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            yield from (base + r for r in replacements)
            if len(base) >= 3 and base[-1] == base[-2]:
                yield base[:-1]  # stopped -> stop
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            yield word[len(prefix):]


def edits1(word: str):
    """Every string one deletion, transposition, substitution or insertion away (Norvig's)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return chain((a + b[1:] for a, b in splits if b),
                 (a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1),
                 (a + c + b[1:] for a, b in splits if b for c in _ALPHABET),
                 (a + c + b for a, b in splits for c in _ALPHABET))


class WordJudge:
    """Status of words for one lexicon: ``name``, ``nameword``, ``safe`` or ``unknown``."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.safe = lexicon.safe | {w.lower() for w in COMMON_WORDS}
        self.core = lexicon.core | {w.lower() for w in COMMON_WORDS}
        self._status: dict[str, str] = {}
        self._near: dict[str, bool] = {}

    _CACHE_LIMIT = 500_000  # distinct words remembered; a long-running server starts over past it

    def status(self, token: str) -> str:
        cached = self._status.get(token)
        if cached is None:
            if len(self._status) >= self._CACHE_LIMIT:
                self._status.clear()
                self._near.clear()
            cached = self._status[token] = self._judge(token)
        return cached

    def _judge(self, token: str) -> str:
        low = token.lower()
        for suffix in ("'s", "’s"):
            if low.endswith(suffix) and len(low) > 3:
                token, low = token[:-2], low[:-2]
        # a contraction of a safe word is safe: "I'm", "I've", "They'd", "How'd" ("I" is short for 's)
        contraction = _CONTRACTION.fullmatch(low)
        if contraction and contraction.group(1) in self.safe:
            return "safe"
        if low in self.safe:  # the clinical list wins over the name lists ("PEG", "Foley")
            return "safe"
        if self.lexicon.known(token) or self.lexicon.known(token.capitalize()):
            # "sales", "christmas" in lower case: the inflection of a word before a listed surname
            inflected = token.islower() and any(s in self.safe or s in self.lexicon.name_words for s in stems(low))
            return "nameword" if low in self.lexicon.name_words or inflected else "name"
        # an inflected dictionary word is safe, also when its base is a surname ("reddened": Redden)
        words = self.safe, self.lexicon.name_words
        if low not in self.lexicon.name_words and (
                any(s in w for s in stems(low) for w in words)
                or any(s2 in w for s in stems(low) for s2 in stems(s) for w in words)):
            return "safe"
        if MEDICAL_WORD.fullmatch(low) or self._compound(low):
            return "safe"
        if len(low) >= 5 and low not in self.lexicon.name_words and any(self._safe_form(v) for v in american(low)):
            return "safe"  # "behaviour", "theatre", "licence", "haematology", "recognised": British spellings
        return "unknown"

    def _safe_form(self, low: str) -> bool:
        return low in self.safe or bool(MEDICAL_WORD.fullmatch(low)) or any(s in self.safe for s in stems(low))

    def _compound(self, low: str) -> bool:
        """A clinical word a general dictionary may lack, built by English word formation: a verb and
        its particle written as one noun ("handoff", "timeout", "workup", "followup") or a combining
        form before a word ("telehealth", "biorepository"). Two nouns glued are not enough: that is
        how surnames are made ("Fairweather", "Featherstone"). A listed name never gets here."""
        if len(low) < 6 or not low.isalpha() or low.endswith(_PLACE_ENDINGS):
            return False
        for particle in _PARTICLES:
            if low.endswith(particle) and len(low) - len(particle) >= 3 and low[: -len(particle)] in self.core:
                return True
        return any(low.startswith(head) and len(low) - len(head) >= 4 and low[len(head):] in self.safe
                   for head in _COMBINING)
        for i in range(2, len(low) - 2):
            head, tail = low[:i], low[i:]
            # a head of four letters: short clinical abbreviations glue into names ("bia" + "nka")
            if len(tail) >= 3 and (head in _COMBINING and len(tail) >= 4 and tail in self.safe
                                   or len(head) >= 4 and head in self.core and tail in self.core):
                return True
        return False

    def listed_first_name(self, token: str) -> bool:
        """A listed first name, ambiguous ones included ("Joy", "Bill", "April")."""
        t = token.capitalize()
        return t in self.lexicon.first

    def near_safe(self, token: str) -> bool:
        """A one-letter typo of a clinical core word of at least six letters ("tolerting")."""
        low = token.lower()
        cached = self._near.get(low)
        if cached is None:
            cached = self._near[low] = len(low) >= 6 and any(e in self.core for e in edits1(low) if len(e) >= 6)
        return cached


def casing(text: str) -> str:
    """``upper`` (a note in capitals), ``lower`` (no capitals at all) or ``mixed``."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "mixed"
    upper = sum(c.isupper() for c in letters) / len(letters)
    if upper > 0.6:
        return "upper"
    return "lower" if upper < 0.005 else "mixed"


def line_at(text: str, pos: int) -> str:
    """The line of ``text`` that holds position ``pos`` (without its newline)."""
    end = text.find("\n", pos)
    return text[text.rfind("\n", 0, pos) + 1:end if end >= 0 else len(text)]


def line_modes(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, casing)`` of each line; short lines take the casing of the whole text."""
    whole = casing(text)
    modes, pos = [], 0
    for line in text.splitlines(keepends=True):
        letters = sum(c.isalpha() for c in line)
        modes.append((pos, pos + len(line), casing(line) if letters >= 16 else whole))
        pos += len(line)
    return modes
