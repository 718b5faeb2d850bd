"""Words of a Spanish clause inside an English note: no names, whatever their shape.

Notes of US clinics quote patients in Spanish ("Toma ibuprofeno", "niega fiebre", "llamar a su hija"). To the
English allow-list those words are unknown (or listed surnames: "Pero", "Nada"), so every capitalised one read as
a name (set 11: 100 false names in 14 bilingual notes; names12, 2026-12-07). The project ships a Spanish
vocabulary; a word of it that is no English word is a Spanish word when the clause around it is Spanish:
* in a line of mixed case, the word is written in lower case or opens a sentence (a capital inside a sentence
  stays a name or a place: "su hija Dolores", "Boca Grande"), and a Spanish word in lower case stands within
  two words of it;
* in a line written in one case, the word is no listed name, and a Spanish function word ("que", "su", "del",
  "pero") stands within three words of it ("CITA EN 2 SEMANAS"; "BOCA GRANDE" has none).
Accents are ignored: notes typed on English keyboards drop them ("sabado").
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from ...data.wordlists import vocabulary

# closed-class Spanish words that no English note writes as words of its own ("a", "no", "me", "es" are English too)
_FUNCTION = frozenset("que su sus los las el la le les se en por para con pero muy desde hace del una nada esta tiene "
                      "dice hay cuando como porque pues sin sobre entre hasta".split())
_NEAR_LOWER, _NEAR_FUNCTION = 2, 3


def plain(word: str) -> str:
    """``word`` in lower case without accents ("Sábado" -> "sabado")."""
    return unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode()


@lru_cache(maxsize=1)
def spanish_words() -> frozenset[str]:
    """The shipped Spanish vocabulary, without accents (loaded once)."""
    return frozenset(plain(w) for w in vocabulary("es").safe)


def spanish_clause_words(text: str, words: list, judge, opens_sentence) -> set[int]:
    """Indexes into ``words`` (the allow-list's ``(match, candidate, mode)``) of the words of a Spanish
    clause (see the module's docstring); ``opens_sentence(text, start)`` says whether a word opens one."""
    spanish = spanish_words()

    def foreign(i: int) -> bool:
        token = words[i][0].group()
        return plain(token) in spanish and judge.status(token) != "safe"

    out = set()
    for i, (m, candidate, mode) in enumerate(words):
        if candidate is False or not foreign(i):
            continue
        token = m.group()
        line_start, line_end = text.rfind("\n", 0, m.start()), text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        reach = _NEAR_LOWER if mode == "mixed" else _NEAR_FUNCTION
        near = [j for j in range(max(0, i - reach), min(len(words), i + reach + 1))
                if j != i and line_start < words[j][0].start() < line_end]
        if mode == "mixed":
            if (token.islower() or opens_sentence(text, m.start())) \
                    and any(words[j][0].group().islower() and foreign(j) for j in near):
                out.add(i)
        elif judge.status(token) == "unknown" and any(plain(words[j][0].group()) in _FUNCTION for j in near):
            out.add(i)
    return out
