"""What a form's layout says is no person (names12, 2026-12-07), read by :mod:`.names_refine`:
* the value of a field that names an organisation or a machine ("Employer: ...", "Carrier: ...", "HMO: ...",
  "Manufacturer: ...", "Recorder: ...", "Scanner ..."): employers, insurers and makers are no Safe Harbor names,
  and a person is filed under a field that says so;
* the label of an item of a lettered list ("B. Reviewer: Dr ...", "D. Reason: Random"): a capital letter and a
  period open the line, the item's label ends at its colon, and the letter before or after it opens another
  line of the same list (a person's initial opens no list: "J. Okafor: seen");
* a two-word field label after a column's gap, an English word and a role's short form before the colon ("Duty
  MO:", "Charge RN:"): the word qualifies the role ("Staff Nurse.   Duty MO: D. Name").
"""

from __future__ import annotations

import re

from .tokens import after_column_gap

_ORGANISATION_LABELS = ("employer|employer[ \t]+name|company|carrier|insurer|insurance|insurance[ \t]+company|payer|payor|"
                        "hmo|health[ \t]+plan|manufacturer|make|vendor|supplier|recorder|analy[sz]er|scanner|machine|device")
_ORGANISATION_FIELD = re.compile(rf"(?i:\b(?:{_ORGANISATION_LABELS})[ \t]*:[ \t]*(?:[A-Z][a-z]+[ \t]+)?|"
                                 r"\b(?:scanner|recorder|analy[sz]er)[ \t]+)$")
_LETTERED_ITEM = re.compile(r"(?m)^[ \t]*(?P<letter>[A-Z])[.)][ \t]+")
_LABEL_END = re.compile(r"[ \t]*:")
_ROLE_LABEL_AFTER = re.compile(r"[ \t]+[A-Z]{2,4}[ \t]*:")


def organisation_field(text: str, start: int) -> bool:
    """Whether ``text[start:]`` is the value of a field naming an organisation or a machine (its first word
    may stand between: "Employer: Northern Pallet Co.")."""
    return _ORGANISATION_FIELD.search(text, max(0, start - 40), start) is not None


def lettered_item_label(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is (or opens with the letter of) an item's label in a lettered list."""
    line_start = text.rfind("\n", 0, start) + 1
    item = _LETTERED_ITEM.match(text, line_start)
    if item is None or start > item.end() or not _LABEL_END.match(text, end) \
            or text.find(":", item.end(), end) >= 0:
        return False
    letter = item.group("letter")
    neighbours = {chr(ord(letter) - 1), chr(ord(letter) + 1)}
    return any(m.group("letter") in neighbours for m in _LETTERED_ITEM.finditer(text))


def role_label(text: str, start: int, end: int, words: list[str], judge) -> bool:
    """Whether the one word ``text[start:end]`` after a column's gap qualifies a role's short form before a
    colon ("Duty MO:")."""
    return len(words) == 1 and after_column_gap(text, start) and judge.status(text[start:end]) in ("safe", "nameword") \
        and not judge.listed_first_name(text[start:end]) and _ROLE_LABEL_AFTER.match(text, end) is not None
