"""The PS3.15 Annex E Basic Application Level Confidentiality Profile as data: which action
applies to a tag under the options chosen.

The table (``data/ps315_basic_profile.json``, 621 attributes) is the standard's Table E.1-1;
this module only looks a tag up and resolves the table's combined codes. The combined codes
name a choice that depends on the attribute's type in the IOD (``X/Z``: remove unless the IOD
requires it, then empty). mednn does not know every IOD, so it always takes the choice that
keeps any IOD valid and carries no information: ``X/Z`` -> ``Z`` (empty), ``X/D``, ``Z/D``,
``X/Z/D`` -> ``D`` (dummy value), ``X/Z/U*`` -> ``U*`` (keep the sequence, replace the UIDs
inside). A retain option whose code is ``K`` keeps the attribute; the modified-dates option's
``C`` shifts dates; any other option's ``C`` falls back to the Basic Profile's action.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# mednn's option names -> (code value, code meaning) of DICOM CID 7050 "De-identification Method"
OPTION_CODES: dict[str, tuple[str, str]] = {
    "basic": ("113100", "Basic Application Confidentiality Profile"),
    "clean_pixels": ("113101", "Clean Pixel Data Option"),
    "modified_dates": ("113107", "Retain Longitudinal Temporal Information Modified Dates Option"),
    "patient_characteristics": ("113108", "Retain Patient Characteristics Option"),
    "device_identity": ("113109", "Retain Device Identity Option"),
    "safe_private": ("113111", "Retain Safe Private Option"),
    "institution_identity": ("113112", "Retain Institution Identity Option"),
}
# the retain options a user may ask for by name (dates and safe private have their own keys)
RETAIN_OPTIONS: tuple[str, ...] = ("patient_characteristics", "device_identity", "institution_identity")

COMBINED: dict[str, str] = {
    "X": "X", "Z": "Z", "D": "D", "U": "U",
    "X/Z": "Z", "X/D": "D", "Z/D": "D", "X/Z/D": "D", "X/Z/U*": "U*",
}
# what each resolved action does, for reports and docs
ACTION_WORDS: dict[str, str] = {
    "X": "removed", "Z": "emptied", "D": "dummy value", "U": "UID replaced", "U*": "UIDs inside replaced",
    "K": "kept", "SHIFT": "date shifted",
}


@dataclass(frozen=True)
class Attribute:
    """One row of Table E.1-1."""

    tag: str  # 8 hex digits, a mask with "x", or "private"
    name: str
    basic: str  # the Basic Profile's code as printed in the table
    options: tuple[tuple[str, str], ...]  # (option name, code)


@lru_cache(maxsize=1)
def load_profile() -> tuple[dict[int, Attribute], tuple[Attribute, ...]]:
    """``(attributes by tag number, masked attributes)`` of the shipped table."""
    path = Path(__file__).with_name("data") / "ps315_basic_profile.json"
    rows = json.loads(path.read_text(encoding="utf-8"))["attributes"]
    exact: dict[int, Attribute] = {}
    masked: list[Attribute] = []
    for tag, name, basic, options in rows:
        attribute = Attribute(tag, name, basic, tuple(sorted(options.items())))
        if "x" in tag or tag == "private":
            masked.append(attribute)
        else:
            exact[int(tag, 16)] = attribute
    return exact, tuple(masked)


def _mask_matches(mask: str, tag: int) -> bool:
    if mask == "private":
        return bool((tag >> 16) & 1)
    digits = f"{tag:08x}"
    return all(m == "x" or m == d for m, d in zip(mask, digits)) and not (tag >> 16) & 1


def find_attribute(tag: int) -> Attribute | None:
    """The table's row for a tag number (``0x00100010``), or None when the table does not list it."""
    exact, masked = load_profile()
    found = exact.get(int(tag))
    if found is not None:
        return found
    return next((m for m in masked if _mask_matches(m.tag, int(tag))), None)


def resolve(attribute: Attribute, options: frozenset[str]) -> str:
    """The one action mednn applies: ``X``, ``Z``, ``D``, ``U``, ``U*``, ``K`` or ``SHIFT``.

    >>> resolve(find_attribute(0x00100010), frozenset())  # Patient's Name
    'Z'
    >>> resolve(find_attribute(0x00080020), frozenset({"modified_dates"}))  # Study Date
    'SHIFT'
    """
    codes = dict(attribute.options)
    if "modified_dates" in options and codes.get("modified_dates") == "C":
        return "SHIFT"
    if any(codes.get(name) == "K" for name in options if name != "modified_dates"):
        return "K"
    return COMBINED[attribute.basic]


def method_codes(options: frozenset[str]) -> list[tuple[str, str]]:
    """The (code, meaning) pairs of DeidentificationMethodCodeSequence: 113100 then each option used."""
    names = ["basic"] + [name for name in OPTION_CODES if name != "basic" and name in options]
    return [OPTION_CODES[name] for name in names]
