"""E-mail addresses, web addresses, IP addresses, telephone and fax numbers."""

from __future__ import annotations

import ipaddress
import re

from ..patterns import CREDENTIALS
from ..spans import KEEP
from ..vocabulary import Lexicon
from . import recognizer
from .name_shapes import KIN

EMAIL_RE = re.compile(r"(?<![\w.+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}\b")
URL_RE = re.compile(
    r"\b(?:(?:https?|ftp)://|www\.)[^\s<>\"']+"
    r"|\b(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+(?:com|org|net|edu|gov|mil|info|biz|io|co|us|uk|ca|au|de|fr|nl|"
    r"in|ie|nz|es|health|care|clinic|hospital|med)\b(?:/[^\s<>\"']*)?",
    re.I,
)
IPV4_RE = re.compile(r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?!\d|\.\d)")
IPV6_CANDIDATE_RE = re.compile(r"(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])")
# an extension: "ext. 12", "x4471"; "x2" after a number is how often it was called ("at 555-0143 x2,
# no callback"), so an "x" after a space needs three digits; glued to the number it is an extension
# ("424.266.6613x62") (since 2026-12-07, numbers6)
_EXTENSION = r"(?:\s?(?:ext\.?|extension|ex\.?)\s?\d{1,6}|x\d{1,6}|\s?x\s?\d{3,6})"
PHONE_RE = re.compile(
    r"(?<![\w+\-])"
    r"(?:(?:\+?1|001)[\s.\-]?)?"
    # the area code in brackets may be glued to the seven digits: "(555)5551234"
    rf"(?:\(\d{{3}}\)\s?\d{{3}}[\s.\-]?|\d{{3}}[\s.\-]\d{{3}}[\s.\-])\d{{4}}{_EXTENSION}?(?!\w)"
    rf"|(?<![\w+])\+\d{{1,3}}(?:[\s.\-]?\(?\d{{1,5}}\)?){{2,5}}{_EXTENSION}?(?!\w)",
    re.I,
)
PHONE_CUE_RE = re.compile(
    r"\b(?i:phone|tel|telephone|call|called|cell|mobile|pager|beeper|fax|facsimile|contact|reach|number|"
    r"ph|ph\.|tel\.|reached)\s*(?:(?i:me|us|him|her|them)\s+)?(?:(?i:no\.?|number|#|at|on))?\s*[:#]?\s*"
    r"(?P<v>\d{10}|\d{7}|\d{3}[\s.\-]\d{4}|\d{4}[\s.\-]\d{4})"
    rf"{_EXTENSION}?\b"
)
# a number written the way most other countries do, with a trunk 0: "0121 496 0225",
# "(03) 4441 0765", "(03)-9062-8474", "(07).2294.4911"
# (and, since 2026-12-07, numbers8, a British number with a five-digit area code and the line's five or
# six digits in one group: "01633 104071", "(01862) 431440"; its area code was left behind as a stray)
# (numbers10: a scanned form may double a space, "(021)  127 6442", "086 713  1814")
INTERNATIONAL_PHONE_RE = re.compile(
    r"(?<![\w+\-.])(?:\(0\d{1,4}\)|0\d{1,4})(?:[ .\-]|[ ]{2}|\)?[ .\-]?)\d{3,4}(?:[ .\-]|[ ]{2})\d{3,4}(?![\w\-]|\.\d)"
    r"|(?<![\w+\-.])(?:\(0[1-9]\d{3}\)|0[1-9]\d{3})[ .\-]?\d{5,6}(?![\w\-]|\.\d)")
# an internal extension written alone: "(x1946)", "T: x5-4107", "CAN BE REACHED AT X8611"
BARE_EXTENSION_RE = re.compile(r"(?<![\w\-./])[xX](?:\d{4,5}|\d-\d{4})(?![\w\-/]|\.\d)")
# "ext x3209": the word says extension even where a magnification word stands before ("O. Power RN")
_EXT_WORD_BEFORE = re.compile(r"(?i:\b(?:ext|extension)\.?)[ \t]*$")
MAGNIFICATION_RE = re.compile(r"(?i:magnif\w*|\bmag\b|zoom|objective|lens|power)[^\n]*$|[xX]\d000+$")
FAX_CONTEXT_RE = re.compile(r"(?i:fax|facsimile)\b[^\n]{0,20}$")
# a product's lot or batch is no extension: "MMR given, lot X9923" (numbers10)
_LOT_BEFORE = re.compile(r"(?i:\b(?:lot|batch)(?:[ \t]+(?:no\.?|number|#))?)[ \t]*[:#]?[ \t]*$")
# a short fax number right after its label, as a letterhead or a form's footer prints an internal or a
# trunk-prefixed one: "fax 07977", "FAX: 05132;", "/ Fax no. 4471", and "F: 03939" opening a line or a
# field of a contact block (numbers10); four to six digits, a unit or a decimal after them makes a value
_FIELD_OPENS = re.compile(r"(?:^|[|;/])[ \t]*$", re.M)  # "F:" opens its line or a field of a contact block
SHORT_FAX_RE = re.compile(
    r"(?:\b(?i:fax|facsimile)(?:[ \t]+(?i:no\.?|number|#|back|to))?|\b(?P<f>F))[ \t]*[:#.]?[ \t]*"
    r"(?P<v>\d{4}[ \-]\d{4}|\d{4,6})(?![\w\-/]|[.,:]\d|[ \t]*(?i:mg|ml|mcg|units?|%|kg|g\b|x\b))")
_TRAILING = ".,;:!?)]}'\""
# (numbers12) a scanned number after its label, where the scanner read a digit as the letter it resembles or a dot
# as a comma: "fax +1 8S3 079 4332", "ph (345) 330-993B", "tel 240,911.3702"; the label says what it is, the
# shape is a phone's, and at most two characters are such letters
_D = r"[\dOoSsBIlZz]"
# the labels a phone number stands after in English notes (the scanned and the grouped readers share them)
_PHONE_LABELS = r"tel|ph|phone|telephone|mobile|cell|fax|facsimile"
SCANNED_PHONE_RE = re.compile(
    rf"\b(?i:{_PHONE_LABELS})\.?[ \t]*(?:(?i:no\.?|#))?[ \t]*[:#]?[ \t]*"
    rf"(?P<v>(?:\+\d{{1,3}}[ \t]?)?\(?{_D}{{3}}\)?[ .,\-]?{_D}{{3}}[ .,\-]{_D}{{4}})(?![\w\-])")


# (probe14i) a number after a phone label in the groups other countries print, and the label in their words:
# "Mob: 98765 43210" (India), "T: 9876 5432" (a letterhead's field), "Teléfono: 91 123 45 67", "Tlf: 22 33 44 55",
# "Phone 555 123 456 7", a trunk 0 scanned as the letter O ("Ph O2 9876 5432", "Tel (O2) 9876 5432"); two to six
# groups of digits, eight to fifteen digits in all, at most one letter read for a digit
GROUPED_PHONE_RE = re.compile(
    rf"(?:\b(?i:{_PHONE_LABELS}|t[ée]l[ée]phone|tel[ée]fono|telefone?|telefoon|tlf|tfno|tfn|mob|cel|celular|"
    r"handy)\.?(?:[ \t]+(?i:no\.?|#|number))?[ \t]*[:#.]?|(?:^|(?<=[|;/]))[ \t]*(?P<f>[TPF])[ \t]*:)[ \t]*"
    r"(?P<v>(?:\+\d{1,3}[ \t])?(?:\([\dOo]{1,5}\)|[\dOol]{1,5})(?:[ .\-]\d{2,5}){1,5})(?![\w\-/]|[.,]\d|[ \t]*(?i:mg|ml|mcg|units?|%|kg|g\b|x\b))",
    re.M)


def _grouped_phones(text: str) -> list[tuple[int, int, str]]:
    spans = []
    for m in GROUPED_PHONE_RE.finditer(text):
        value = m.group("v")
        # a letterhead's one-letter field needs a group of three digits or more: "T: 36 37 38 37 38" is a series
        if m.group("f") and not re.search(r"\d{3}", value):
            continue
        if 8 <= sum(c.isdigit() for c in value) <= 15 and sum(c.isalpha() for c in value) <= 1:
            spans.append((m.start("v"), m.end("v"), "PHONE"))
    return spans


def _scanned_phones(text: str) -> list[tuple[int, int, str]]:
    spans = []
    for m in SCANNED_PHONE_RE.finditer(text):
        value = m.group("v")
        letters = sum(c.isalpha() for c in value)
        if (letters or "," in value) and letters <= 2 and sum(c.isdigit() for c in value) >= 8:
            spans.append((m.start("v"), m.end("v"), "PHONE"))
    return spans


@recognizer("email", "EMAIL")
def find_email(text: str, lexicon: Lexicon):
    return [(m.start(), m.end(), "EMAIL") for m in EMAIL_RE.finditer(text)]


@recognizer("url", "URL")
def find_url(text: str, lexicon: Lexicon):
    spans = []
    for m in URL_RE.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in _TRAILING:
            end -= 1
        if re.fullmatch(r"[\d.]+", text[m.start():end]):
            continue
        spans.append((m.start(), end, "URL"))
    return spans


_PORT_AFTER = re.compile(r":\d{1,5}(?![\d.:])")


@recognizer("ip", "IP")
def find_ip(text: str, lexicon: Lexicon):
    spans = [(m.start(), m.end(), "IP") for m in IPV4_RE.finditer(text)]
    # (numbers12) the port after an address names a service, not a person ("sent from 10.1.2.3:11112 AE_TITLE=...")
    spans += [(m.end(), port.end(), KEEP) for m in IPV4_RE.finditer(text) if (port := _PORT_AFTER.match(text, m.end()))]
    for m in IPV6_CANDIDATE_RE.finditer(text):
        try:
            ipaddress.IPv6Address(m.group())
        except ValueError:
            continue
        spans.append((m.start(), m.end(), "IP"))
    return spans


# an extension belongs to the number before it ("384-6700 ext. 1205", "543-8037 x2987"), and makes a
# phone of ten bare digits ("3308713746 x6387") (since 2026-12-07, numbers6: one span, as annotators mark it)
EXTENSION_AFTER_RE = re.compile(rf"{_EXTENSION}(?![\w\-/]|\.\d)", re.I)
TEN_DIGITS_EXT_RE = re.compile(rf"(?<![\w+\-./])\d{{10}}(?={_EXTENSION}(?![\w\-/]|\.\d))", re.I)


def with_extension(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Each phone span reaching over the extension written right after it."""
    out = []
    for start, end, kind in spans:
        ext = EXTENSION_AFTER_RE.match(text, end)
        out.append((start, ext.end() if ext and kind in ("PHONE", "FAX") else end, kind))
    return out


@recognizer("phone", "PHONE", "FAX")
def find_phone(text: str, lexicon: Lexicon):
    spans = [(m.start(), m.end(), "PHONE") for m in PHONE_RE.finditer(text)
             if sum(c.isdigit() for c in m.group()) >= 7]
    spans += [(m.start(), m.end(), "PHONE") for m in TEN_DIGITS_EXT_RE.finditer(text)]
    spans += [(m.start("v"), m.end(), "PHONE") for m in PHONE_CUE_RE.finditer(text)]
    spans += [(m.start(), m.end(), "PHONE") for m in INTERNATIONAL_PHONE_RE.finditer(text)
              if sum(c.isdigit() for c in m.group()) <= 12]
    # a lone extension ("CALLED PHARMACY X4-8726", "cb # x49122"); a magnification is none ("x1000")
    spans += [(m.start(), m.end(), "PHONE") for m in BARE_EXTENSION_RE.finditer(text)
              if (not MAGNIFICATION_RE.search(text[max(0, m.start() - 30):m.end()])
                  or _EXT_WORD_BEFORE.search(text, max(0, m.start() - 8), m.start()))
              and not _LOT_BEFORE.search(text, max(0, m.start() - 20), m.start())]
    spans += [(m.start("v"), m.end("v"), "FAX") for m in SHORT_FAX_RE.finditer(text)
              if not m.group("f") or _FIELD_OPENS.search(text, max(0, m.start() - 3), m.start())]
    spans += _scanned_phones(text) + _grouped_phones(text)
    return [(s, e, "FAX" if FAX_CONTEXT_RE.search(text[max(0, s - 30):s]) else k) for s, e, k in with_extension(text, spans)]


# a local number without its area code ("769-1241"), unless a unit or a range follows
LOCAL_PHONE_RE = re.compile(
    r"(?<![\w.\-/])\d{3}-\d{4}(?:[xX]\d{1,6})?(?![\w\-/]|\.\d|[ \t]*(?i:cc|ml|mg|mcg|units?|u\b|kcal|g\b|kg|%|x\b)"
    # (numbers10) a slash before the next contact field separates two numbers: "office 688-6503 / fax 07977"
    r"|[ \t]*/(?![ \t]+(?i:fax|tel|phone|ph|mobile|cell|pager|bleep|ext|e-?mail)\b))")
# an area code before a slash: "436/835-1211" (a ratio or a dose never has the 3-4 digit tail)
SLASH_PHONE_RE = re.compile(r"(?<![\w.\-/])\(?[2-9]\d{2}\)?/\d{3}-\d{4}(?:[xX]\d{1,6})?(?![\w\-/]|\.\d)")
# ("bleep": the British word for a pager, "bleep 4471")
# a bleep or a pager of three digits, as smaller hospitals number them: "via bleep 737", "Dr Roe bleep 668"
# (numbers10; "page 3" is a document's page, so only the pager's own words)
SHORT_PAGER_RE = re.compile(r"\b(?i:bleep(?:ed|er)?|pager|pgr|beeper|bpr)\b\.?[ \t]*(?:(?i:at|@|on)[ \t]*)?"
                            r"(?:(?i:no\.?|number|#)[ \t]*)?[:#]?[ \t]*(?P<v>\d{3})(?![\w\-/%]|[.,:]\d)")
PAGER_RE = re.compile(r"\b(?i:pager|pgr|beeper|bpr|pg|paged?|beep(?:ed)?|bleep(?:ed|er)?)\b\.?[ \t]*(?:(?i:at|@)[ \t]*)?"
                      r"(?:(?i:no\.?|number|#)[ \t]*)?[:#]?[ \t]*"
                      r"(?P<v>\d(?:[\d\-]{2,8}\d))\b")
# "ext" may end its line with the number on the next ("EXT\n4126"); a lone "x" may not (a product)
EXTENSION_RE = re.compile(r"\b(?:(?i:ext|extension)\.?[ \t]*\n?|(?i:x)\.?)[ \t]*(?P<v>\d-\d{4}|\d{2,6})\b")
# an internal number of 5 digits in brackets ("coordinator Jo Hart (7-5478)"), never a month and year
BRACKET_EXTENSION_RE = re.compile(r"\((?P<v>\d-(?!(?:19|20)\d\d\))\d{4})\)")
_PHONE_WORD_BEFORE = re.compile(r"(?:(?i:phone|tel|cell|office|call|reached|number|pager|fax)\b[^\n]{0,25}|\d{3}[\s.\-]\d{4}[ \t,]*)$")


# an internal number written as one digit, a hyphen and four ("5-7135"): the extension form of
# hospitals' phone systems (since 2026-12-07, numbers5). A range or a month and year looks the same
# ("1-2000 mg", "(7-2024)"), so it is a phone only where a phone word stands before it on its line
# ("Mom's cell 8-6574", "Paged L. Berry PA-C at 6-6482", "call back: Faith at 9-0549"), or where it
# ends a clause right after a person (a name or a credential: "Coordinator: Ann Roe, MD 3-7027",
# "CM: Bao Petrov, LCSW  1-7727", "guardian ann roe - 2-8736,") and is no year
INTERNAL_EXT_RE = re.compile(r"(?<![\w.\-/:+,])(?P<v>[1-9]-\d{4})(?![\w\-/]|[.,]\d)")
_PHONE_WORD_ON_LINE = re.compile(
    r"(?i:\b(?:phone|ph|tel|telephone|cell|cellphone|mobile|call|called|calling|page|paged|pager|pgr|beeper|"
    r"reach|reached|number|numbre|contact|callback|cb|ext|extension|text|texted))\b[^\n\d]{0,30}$")
_CLAUSE_END = re.compile(r"[ \t]*(?:[,.;)]|$|(?i:w/|if|for|and|or|to)\b)", re.M)
# a credential, a name and a dash, or a last word that the allow-list reads as a name (not safe
# vocabulary, or a listed name): "LCSW  1-7727", "ilse varga - 7-4723", "Bram Okoye 8-4952"
_PERSON_BEFORE = re.compile(rf"(?:\b(?i:{CREDENTIALS}|ccm|cm|sw|charge)|[A-Za-z'’][ \t]+-)[ \t]*,?[ \t]*$")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z'’\-]*)[ \t]*,?[ \t]*$")


def _after_person(before: str, lexicon: Lexicon) -> bool:
    if _PERSON_BEFORE.search(before):
        return True
    word = _LAST_WORD.search(before)
    if word is None:
        return False
    low = word.group(1).lower()
    return low in lexicon.name_words or (low not in lexicon.safe and low.rstrip("'’s") not in lexicon.safe)
_UNIT_AFTER = re.compile(r"[ \t]*(?i:mg|mcg|ml|cc|units?|u\b|g\b|kg|%|x\b|times|iu|copies|cells|/)")


def _internal_extensions(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    spans = []
    for m in INTERNAL_EXT_RE.finditer(text):
        if _UNIT_AFTER.match(text, m.end()):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[max(line_start, m.start() - 45):m.start()]
        if not before.strip():  # a wrapped line: the phone word ends the line before ("her cell\n6-5553")
            before = text[max(0, line_start - 46):max(0, line_start - 1)].rsplit("\n", 1)[-1]
        if _PHONE_WORD_ON_LINE.search(before):
            spans.append((m.start(), m.end(), "PHONE"))
        elif (_CLAUSE_END.match(text, m.end()) and _after_person(before, lexicon)
              and not re.fullmatch(r"(?:19|20)\d\d", m.group()[2:])):
            spans.append((m.start(), m.end(), "PHONE"))
    return spans


# the number a call, a page or a call-back goes to: a hospital's short internal number (a pager or an
# extension of 5 digits, "#" and 4-5 digits, or "d-dddd") a few words after the verb, whoever is
# called in between ("call Dr. Costa #95584", "CALLED TO A. MACLEOD AT 53193 08:20", "paged dr. huang
# at 62494 re:", "cb #47029", "niece on phone 83588", "bleep 41234"); 4 digits without "#" may be a
# time ("call at 1400"), a number among the words a count or a value ("call if K < 3.2"), and a unit
# after it makes a dose ("call for 10000 units") (since 2026-12-07, numbers6)
CALL_TARGET_RE = re.compile(
    r"(?i:\b(?:call(?:ed|ing)?|cb|call[ \t]*back|callback|pag(?:e|ed|ing)|bleep(?:ed)?|beep(?:ed)?|"
    r"on[ \t]+(?:the[ \t]+)?phone))\b"
    r"(?P<between>(?:[ \t]+(?![#\d])[^\s]+){0,5}?)[ \t]+(?i:at[ \t]+|@[ \t]*|on[ \t]+)?"
    # (numbers10) and a local number of eight digits in two groups: "call Ana Roe on 6617-4534"
    r"(?P<v>#[ \t]?\d{4,5}|\d{5}|[1-9]-\d{4}|\d{4}[ \-]\d{4})(?![\w\-/]|[.,:]\d|[ \t]+(?i:of)\b)")
_NUMBER_WORD = re.compile(r"(?<![\w#])\d+(?:[.,/:]\d+)?(?![\w])")
# a threshold to call at is a value, not a number to call: "call HO if plt < 50000", "call for WBC > 15000"
_CONDITION = re.compile(r"[<>=≤≥]|\b(?i:if|when|unless|for|above|below|over|under|greater|less|more|exceeds?)\b")


def _call_targets(text: str) -> list[tuple[int, int, str]]:
    spans = []
    for m in CALL_TARGET_RE.finditer(text):
        if _NUMBER_WORD.search(m.group("between")) or _CONDITION.search(m.group("between")) or _UNIT_AFTER.match(text, m.end()):
            continue  # "call if K 3.2 ... 40000": a value stands between the verb and the number
        spans.append((m.start("v"), m.end(), "PHONE"))  # with its "#", as the number is written
    return spans


# (numbers12) eight digits in two groups of four alone in brackets, as a contact list prints a relative's or a
# carer's mobile after the name ("NOK: <name> (9364 5243)", "carer <name> (8611-0724)"): no value, score or year
# range is written so (two years stay a period: "(1990 2005)")
BRACKET_EIGHT_RE = re.compile(r"\([ \t]*(?P<v>(?!(?:19|20)\d\d[ \-](?:19|20)\d\d)\d{4}[ \-]\d{4})[ \t]*\)")
# ... and without brackets after a next of kin or a relative and the name in the same clause ("NOK <name> 6462
# 5459;", "wife <name> 9375-2649") or after a phone's pictogram ("asking for update 📞 9375 2649")
KIN_EIGHT_RE = re.compile(rf"(?:(?i:\b(?:nok|next[ \t]+of[ \t]+kin|{KIN})\b)[^\n\d;.()]{{0,40}}?|📞|☎️?)[ \t]*"
                          r"(?P<v>(?!(?:19|20)\d\d[ \-](?:19|20)\d\d)(?<![\d\-])\d{4}[ \-]\d{4})(?![\d\-/]|[.,]\d|[ \t]*(?i:mg|ml|units?|kg|g)\b)")


@recognizer("phone-local", "PHONE")
def find_local_phone(text: str, lexicon: Lexicon):
    spans = [(m.start(), m.end(), "PHONE") for rule in (LOCAL_PHONE_RE, SLASH_PHONE_RE) for m in rule.finditer(text)]
    spans += [(m.start("v"), m.end("v"), "PHONE") for rule in (PAGER_RE, SHORT_PAGER_RE) for m in rule.finditer(text)]
    # "ext." or "extension" is a phone's on its own ("Dr. Roe (ext. 81790)"); a lone "x" needs a phone word
    spans += [(m.start("v"), m.end("v"), "PHONE") for m in EXTENSION_RE.finditer(text)
              if m.group().lower().startswith("ext") and len(m.group("v")) >= 3]
    spans += [(m.start("v"), m.end("v"), "PHONE") for rule in (BRACKET_EXTENSION_RE, BRACKET_EIGHT_RE, KIN_EIGHT_RE)
              for m in rule.finditer(text)]
    spans += _internal_extensions(text, lexicon) + _call_targets(text)
    # an extension after a number or a phone word ("... 555-1234 x3027", "office ext 22")
    spans += [(m.start("v"), m.end("v"), "PHONE") for m in EXTENSION_RE.finditer(text)
              if _PHONE_WORD_BEFORE.search(text[max(0, m.start() - 30):m.start()])]
    return with_extension(text, spans)
