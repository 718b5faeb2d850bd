"""Person names (patients, relatives, clinicians) by context and by the shipped name lists.

Names outside the lists are found by their context: a title or credential, a cue ("spoke
with", "her husband", "left voicemail for"), a verb that takes a person ("report called to"),
a clinical verb after them ("... reports"), a date of birth or record number after them, a
middle initial ("Charles S. White"); once found, every other occurrence of the word in the same
text goes too. Guard lists (:mod:`..vocabulary`) keep departments, eponyms, drugs, anatomy,
organisations and places.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from ..context import (AFTER_CUE_RE, BEFORE_ID_RE, CREDENTIAL_RE, CUE_RE, HEADER_RE, LAST_FIRST_RE, PAIR_RE,
                       PERSON_CUE_RE, SUBJECT_RE, TITLE_RE, TOKEN_P_RE, TOKEN_RE, VERB_PAIR_RE, speaker_labels)
from ..neighbours import words_elsewhere
from ..vocabulary import FUNCTION_WORDS, PLACEHOLDERS, ROLE_BEFORE_CREDENTIAL, SURNAME_WORDS, Lexicon, ends_in_given_name, glued, is_common
from . import recognizer
from .tokens import COLUMN_GAP, eponym_or_organisation, judge_for

Spans = list[tuple[int, int, str]]


def _known(lexicon: Lexicon) -> Callable[[str], bool]:
    first, last, ambiguous = lexicon.first, lexicon.last, lexicon.ambiguous

    def known(tok: str) -> bool:
        t = tok.capitalize() if tok.isupper() else tok
        return (t in first or t in last) and t not in ambiguous and not is_common(t)

    return known


def _ordinary(lexicon: Lexicon) -> Callable[[str], bool]:
    """A word of the safe vocabulary that no name list holds ("SHOWN", "THIS", "Triage", "SOB"):
    never a name on the strength of a cue or a credential alone ("SHOWN TO MD", "CC: SOB")."""
    judge = judge_for(lexicon)
    names = _listed_names(lexicon)

    def ordinary(tok: str) -> bool:
        return judge.status(tok) == "safe" and tok.capitalize() not in names

    return ordinary


@lru_cache(maxsize=4)
def _listed_names(lexicon: Lexicon) -> frozenset[str]:
    # the union of ~20,000 listed names costs ~1.5 ms: built once per lexicon, not once per note
    return frozenset(lexicon.first | lexicon.last)


def _add_run(spans: Spans, start: int, words: list[re.Match], known, *, need_known: bool,
             single_ok: bool = True, strict: bool = True, ordinary: Callable[[str], bool] | None = None,
             opens_line: bool = False) -> None:
    """Keep the best run of name words among ``words`` (matches relative to ``start``).

    strict: keep the first run of words that are not ordinary capitalised words ("Cardiology
    Fellow John Smith" -> "John Smith"); after a title or before a credential only function
    words end the name ("Dr. Lydia Ward", "S. May, RN").
    """
    words = _before_gap(words)
    # in capitals an ordinary word ends a name too ("ATTENDING DR MALAVE UPDATED FAMILY")
    stop = ((lambda w: (is_common(w) and not known(w)) or (ordinary is not None and w.isupper() and ordinary(w)))
            if strict else (lambda w: w in FUNCTION_WORDS or (w.isupper() and w.capitalize() in FUNCTION_WORDS)))
    runs, run = [], []
    for w in words:
        if stop(w.group()) and not (strict and w.group() in SURNAME_WORDS and ends_in_given_name(run)):
            if run:
                runs.append(run)
            run = []
        else:
            run.append(w)
    if run:
        runs.append(run)
    if not runs:
        return
    # a run with a listed name, else the first one ("SON LOTTE AT BEDSIDE MOST": LOTTE)
    words = max(enumerate(runs), key=lambda ir: (any(known(w.group()) for w in ir[1]), -ir[0]))[1]
    real = [w for w in words if not w.group().endswith(".")]
    if not real:
        return
    # "SHOWN TO MD", "CC: SOB", "Triage RN": ordinary words only and no initial are no name, unless
    # they are initials in capitals opening a line ("RM RN")
    initials = opens_line and len(real) == 1 and 2 <= len(real[0].group()) <= 3 and real[0].group().isupper()
    # ("Ganga Hayer, MD": two unusual dictionary words with no common word among them stay a name)
    plain = len(real) == 1 or any(is_common(w.group().capitalize()) for w in real)
    if ordinary is not None and len(real) == len(words) and all(ordinary(w.group()) for w in real) \
            and plain and not initials:
        return
    if (need_known or (len(real) == 1 and not single_ok)) and not any(known(w.group()) for w in words):
        return
    spans.append((start + words[0].start(), start + words[-1].end(), "NAME"))


# a column's gap (tokens.COLUMN_GAP) ends the run of words after a cue, and a cue without a colon reaches no word
# across one: in "Patient  Table  Attendant" or "Pearl Young      Clerk    49.80.1.2" the words are the next
# column's header or value (names11, 2026-12-07)


def _before_gap(words: list[re.Match]) -> list[re.Match]:
    for i in range(1, len(words)):
        if COLUMN_GAP.search(words[i].string, words[i - 1].end(), words[i].start()):
            return words[:i]
    return words


def _cut_at_gap(text: str, span: tuple[int, int, str]) -> tuple[int, int, str]:
    gap = COLUMN_GAP.search(text, span[0], span[1])
    return (span[0], gap.start(), span[2]) if gap else span


def _titles_and_credentials(text: str, spans: Spans, known, ordinary) -> None:
    for m in TITLE_RE.finditer(text):
        _add_run(spans, m.start("name"), list(TOKEN_P_RE.finditer(m.group("name"))), known,
                 need_known=False, strict=False)
    for m in CREDENTIAL_RE.finditer(text):
        words = list(TOKEN_RE.finditer(m.group("name")))
        roles = [i for i, w in enumerate(words) if w.group().lower() in ROLE_BEFORE_CREDENTIAL]
        words = words[roles[-1] + 1:] if roles else words  # "SEE WOUND RN NOTE": no one is named
        if not words:
            continue
        # "Seen by cardiology fellow John Smith, MD": keep the last words that look like a name
        # ... but never cut "First M. Last": a middle initial marks a whole personal name
        while len(words) > 2 and not known(words[0].group()) and not words[1].group().endswith("."):
            words = words[1:]
        opens = not text[text.rfind("\n", 0, m.start("name")) + 1:m.start("name") + words[0].start()].strip()
        _add_run(spans, m.start("name"), words, known, need_known=False, strict=len(words) > 2, ordinary=ordinary,
                 opens_line=opens)


def _cues(text: str, spans: Spans, known, ordinary) -> None:
    labels = speaker_labels(text)
    for m in CUE_RE.finditer(text):
        if m.start() in labels:
            continue  # "Patient: Okay, yes": a speaker's turn in a conversation, not a name
        words = list(TOKEN_P_RE.finditer(m.group("name")))
        cue = text[m.start():m.start("name")].strip().lower()
        if ":" not in cue and COLUMN_GAP.search(text, m.start(), m.start("name")):
            continue  # "Patient  Table  Attendant": a header's next cell, not a name after a cue
        weak = cue.startswith(("patient", "pt", "per", "called", "contact", "cc", "dear", "nurse")) and not cue.endswith(":")
        acronym = any(w.group().isupper() and len(w.group()) > 1 for w in words)
        if weak and acronym:
            continue  # "per HMO": an acronym after a weak cue is not a name
        # "with Myasthenia Gravis", "groups for: RBC loss": only listed names count
        generic = cue.rstrip(":#,-–— ") in ("with", "for")
        if generic and acronym:
            continue
        # after a weak cue a single unknown word is too often a clinical term ("Patient Education")
        _add_run(spans, m.start("name"), words, known, need_known=generic or (weak and len(words) == 1),
                 single_ok=cue.endswith((":", ",")), ordinary=ordinary)


def _sentence_roles(text: str, spans: Spans, known) -> None:
    for rule in (SUBJECT_RE, AFTER_CUE_RE):
        for m in rule.finditer(text):
            words = list(TOKEN_RE.finditer(m.group("name")))
            if len(words) >= 2:
                _add_run(spans, m.start("name"), words, known, need_known=False, single_ok=False)
    for m in BEFORE_ID_RE.finditer(text):
        # the words nearest the record's label, after the last gap ("Case  Name  DOB": the header's cells)
        words = list(TOKEN_RE.finditer(m.group("name")))
        while _before_gap(words) != words:
            words = words[len(_before_gap(words)):]
        _add_run(spans, m.start("name"), words, known, need_known=False)
    for m in PERSON_CUE_RE.finditer(text):
        if not is_common(m.group("name")):
            spans.append((m.start("name"), m.end("name"), "NAME"))
    for m in VERB_PAIR_RE.finditer(text):
        # both words must be unusual: "sent to Mayo Clinic" is a place, not a person
        name_words = m.group("name").split()
        first_word, last_word = name_words[0], name_words[-1]
        if not is_common(first_word) and (not is_common(last_word) or last_word in SURNAME_WORDS):
            spans.append((m.start("name"), m.end("name"), "NAME"))
    for m in HEADER_RE.finditer(text):
        words = list(TOKEN_RE.finditer(m.group("name")))
        if not any(is_common(w.group()) for w in words):
            spans.append((m.start("name"), m.end("name"), "NAME"))


def _from_lists(text: str, spans: Spans, lexicon: Lexicon, known) -> None:
    for m in LAST_FIRST_RE.finditer(text):
        lt, ft = m.group("last"), m.group("first")
        if known(lt) and ft in lexicon.first and lt in lexicon.last:
            spans.append((m.start(), m.end(), "NAME"))
    for m in PAIR_RE.finditer(text):
        words = list(TOKEN_RE.finditer(m.group("name")))
        spans.extend(_pairs_from_lists(text, m.start("name"), words, lexicon, known))


def _pairs_from_lists(text: str, offset: int, words: list[re.Match], lexicon: Lexicon, known) -> Spans:
    """Runs of capitalised words with a listed name and no ordinary word ('John Smith',
    'Maria T. Gonzalez', 'J. Smith'), and lone listed first names ('message left for Laurie')."""
    spans: Spans = []
    run: list[re.Match] = []

    def close() -> None:
        real = [w for w in run if not w.group().endswith(".")]
        if not real:
            return
        if len(real) >= 2 and any(known(w.group()) for w in real):
            spans.append((offset + run[0].start(), offset + run[-1].end(), "NAME"))
        elif len(real) == 1 and len(run) <= 2:
            word = real[0].group()
            initial = len(run) == 2 and run[0].group().endswith(".")
            if (word in lexicon.first or (initial and word in lexicon.last)) and known(word):
                spans.append((offset + run[0].start(), offset + run[-1].end(), "NAME"))

    for w in words:
        token = w.group()
        if (is_common(token) or token.isupper() and len(token) > 1 and not token.endswith(".")
                or glued(text, offset + w.start(), offset + w.end())):
            close()
            run = []
        else:
            run.append(w)
    close()
    return spans


def propagate(text: str, spans: Spans) -> Spans:
    """Once a name is found, its words elsewhere in the same text are names too ("Smith's")."""
    words = set()
    for s, e, _ in spans:
        for tok in TOKEN_RE.findall(text[s:e]):
            if len(tok) > 2 and not tok.endswith(".") and not is_common(tok):
                words.add(tok)
    return words_elsewhere(text, words)


def _not_an_organisation(text: str, span: tuple[int, int, str]) -> bool:
    return not eponym_or_organisation(text, span[0], span[1])


@recognizer("name", "NAME", languages=("en",))
def find_name(text: str, lexicon: Lexicon) -> Spans:
    known, ordinary = _known(lexicon), _ordinary(lexicon)
    spans: Spans = []
    _titles_and_credentials(text, spans, known, ordinary)
    _cues(text, spans, known, ordinary)
    _sentence_roles(text, spans, known)
    _from_lists(text, spans, lexicon, known)
    if lexicon.extra is not None:
        spans += [(m.start(), m.end(), "NAME") for m in lexicon.extra.finditer(text)]
    spans = [_cut_at_gap(text, s) for s in spans]
    spans = [s for s in spans if _not_an_organisation(text, s) and text[s[0]:s[1]] not in PLACEHOLDERS]
    return spans + propagate(text, spans)
