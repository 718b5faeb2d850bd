"""Names known by where they stand, in any casing: a signature line "/RYAN  IWU, IFEOMA MD  09/11/2020",
a possessive before a phone ("FARHAN'S CELL 207-..."), a lone name that starts a request ("ROLANDO
ASKING FOR UPDATE", "julio asking for update"), the one who signed a consent ("CONSENT SIGNED BY
ROLANDO"), and a nurse practitioner or assistant before "covering" ("NP JUNE COVERING NIGHTS").
"""

from __future__ import annotations

import re

from ..vocabulary import FUNCTION_WORDS, Lexicon
from ..words import LETTERS
from . import recognizer
from .hospitals import SETTINGS
from .tokens import judge_for

_W = rf"[{LETTERS}][{LETTERS}'’\-]+"
# "/PYG  Evers, Kiki MD  08/01/2020": who typed it, then "Last, First" before a degree
SIGNATURE_RE = re.compile(rf"(?m)^/(?P<who>{_W})[ \t]{{2,}}(?P<last>{_W}),[ \t]+(?P<first>{_W})[ \t]+"
                          r"(?:MD|DO|NP|PA|RN|PA-C|PhD)\b")
# "FARHAN'S CELL 207-895-6076", "mette's cell 1-207-689-4822": a person's phone, the number after it
PHONE_OWNER_RE = re.compile(rf"\b(?P<n>{_W})['’][sS][ \t]+(?i:cell|mobile|phone|home\s+phone|work\s+phone|number|#)"
                            r"[ \t]*(?:[:#]|is|no\.?)?[ \t]*(?=[+(\dxX])")
# "ROLANDO ASKING FOR UPDATE": a lone word at a line's or a sentence's start, then a request
REQUEST_RE = re.compile(rf"(?:^|(?<=\n)|(?<=[.!?][ \t]))[ \t]*(?P<n>{_W})[ \t]+(?i:asking|calling|called)[ \t]+"
                        r"(?i:for|about|re:?)[ \t]+(?i:an?[ \t]+)?(?i:update|updates|news|results)\b")
SIGNED_BY_RE = re.compile(rf"(?i:\b(?:consent|form|paperwork|proxy)[ \t]+signed[ \t]+by[ \t]+)(?P<n>{_W})(?=[ \t]*[.,;\n]|$)")
COVERING_RE = re.compile(rf"\b(?:NP|PA|np|pa)[ \t]+(?P<n>{_W})[ \t]+(?i:covering|is[ \t]+covering|on[ \t]+call)\b")
# "KUMIKO (pt's wife)", "ROSE CAMARA (FRIEND FROM CHURCH)": one or two words before a bracketed relation
RELATION_AFTER_RE = re.compile(rf"(?<![\w'’\-])(?P<n>{_W}(?:[ \t]+{_W})?)[ \t]*\((?:(?i:pt|patient|her|his)['’]?s?[ \t]+)?"
                               r"(?i:wife|husband|son|daughter|friend|sister|brother|mother|father|partner|niece|nephew|"
                               r"neighbou?r|fianc[eé]e?|girlfriend|boyfriend|cousin|aunt|uncle|grand(?:son|daughter|mother|father))\b")
# who may own a phone or sign without being named: "WIFE'S CELL", "signed by pt", "HUSBAND ASKING"
NOT_A_NAME = frozenset("""
pt pt's patient patients wife husband son daughter mother father sister brother family friend friends
spouse partner niece nephew aunt uncle cousin grandson granddaughter hcp proxy guardian nurse doctor
dr md np pa rn team resident fellow attending surgeon cardiologist pcp caller he she they someone
home work office main unit floor clinic the his her their my your our its also now still already currently will not
""".split()) | frozenset(w.lower() for w in FUNCTION_WORDS)


@recognizer("name_positions", "NAME", languages=("en",))
def find_name_positions(text: str, lexicon: Lexicon):
    spans = []
    for m in SIGNATURE_RE.finditer(text):
        spans += [(m.start(g), m.end(g), "NAME") for g in ("last", "first") if m.group(g).lower() not in lexicon.core]
        if len(m.group("who")) >= 4:  # "/PYG": a typist's initials are not a name; "/Senna" is
            spans.append((m.start("who"), m.end("who"), "NAME"))
    for rule in (PHONE_OWNER_RE, REQUEST_RE, SIGNED_BY_RE, COVERING_RE):
        for m in rule.finditer(text):
            word = m.group("n")
            if word.lower() not in NOT_A_NAME and word.lower() not in SETTINGS:
                spans.append((m.start("n"), m.end("n"), "NAME"))
    judge = judge_for(lexicon)
    for m in RELATION_AFTER_RE.finditer(text):
        words = m.group("n").split()
        while words and (words[0].lower() in NOT_A_NAME | SETTINGS or judge.status(words[0]) == "safe"):
            words = words[1:]  # "AND ROSE CAMARA (FRIEND": the name is what follows a function word
        if words and not any(w.lower() in NOT_A_NAME or judge.status(w) == "safe" for w in words):
            spans.append((m.end("n") - len(" ".join(words)), m.end("n"), "NAME"))
    return spans
