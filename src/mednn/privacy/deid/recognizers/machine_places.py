"""Places that a machine's layout names, read by the layout (places12, 2026-12-07): an X12 claim's segments and
a DICOM header's dump.

The segments of an ASC X12 transaction (a US claim 837, a remittance 835, an eligibility 270/271) with their
elements' offsets, and the places a segment's layout says an element holds (places12, 2026-12-07).

An X12 interchange opens with ``ISA``, whose fourth character is the element separator (``*`` by custom) and
whose last character the segment terminator (``~``). A segment is an id and its elements: ``N3*<street>*<street
2>~``, ``N4*<city>*<state>*<postal code>*<country>~``, ``NM1*<entity>*<1 person | 2 organisation>*<name>...~``.
Which element holds what is fixed by the standard, so no word of a claim needs to be known: an ``N3`` element is a
street address, an ``N4`` city a town (its state is kept: Safe Harbor lets a state stay) and its postal code a
ZIP, and an ``NM1`` organisation name of a provider or a facility a place (a payer's name, ``PR``, is a company,
not where a patient was seen). Read in any casing.

A DICOM header printed as text (``dcmdump``, ``pydicom``'s print) gives each element as its tag, its value
representation and its value in brackets, and often its keyword after ``#``: ``(0008,0080) LO [<hospital>]  #
InstitutionName``. The institution's name (0008,0080) is a place and its address (0008,0081) an address, whatever
they say; a station's or a department's name is the machine's and the service's, not the patient's.
"""

from __future__ import annotations

import re

from ..spans import KEEP
from .x12 import x12_segments

# the NM1 entities that are where care happens or who bills for it: billing, pay-to, rendering, service facility,
# referring, supervising, attending, operating, purchased service, ambulance pick-up / drop-off, lab
_PROVIDER_ENTITIES = frozenset("85 87 82 77 FA DN DK DQ 71 72 ZZ QB PW 45 LI 1P".split())


def x12_places(text: str) -> list[tuple[int, int, str]]:
    """The street (N3), town, state and postal code (N4) and providers' organisation names (NM1) of a claim."""
    spans: list[tuple[int, int, str]] = []
    for seg, el in x12_segments(text):
        value = [text[a:b] for a, b in el]
        if seg == "N3":
            spans += [(a, b, "ADDRESS") for a, b in el[:2] if b > a]
        elif seg == "N4" and len(el) >= 3:
            kinds = ("LOCATION", KEEP, "ZIP")
            spans += [(a, b, kind) for (a, b), kind in zip(el, kinds) if b > a]
        elif seg == "NM1" and len(el) >= 3 and value[1] == "2" and value[0].upper() in _PROVIDER_ENTITIES \
                and re.search(r"[A-Za-z]", value[2]):
            spans.append((el[2][0], el[2][1], "LOCATION"))
    return spans


# "(0008,0080) LO [<name>]", "(0008,0081) ST [<address>]" (a value in brackets, or after "=" / ":"), in any casing
_DICOM_RE = re.compile(r"\((?P<group>0008),[ \t]*(?P<element>008[01])\)[ \t]+(?:[A-Za-z]{2}[ \t]+)?(?:\[(?P<v>[^\]\n]*)\]"
                       r"|[=:][ \t]*(?P<v2>[^\n#]*?)[ \t]*(?=#|$|\n))")


def dicom_places(text: str) -> list[tuple[int, int, str]]:
    """The institution's name (LOCATION) and address (ADDRESS) of a DICOM header's dump."""
    spans = []
    for m in _DICOM_RE.finditer(text):
        g = "v" if m.group("v") is not None else "v2"
        if re.search(r"[A-Za-z]", m.group(g)):
            spans.append((m.start(g), m.end(g), "LOCATION" if m.group("element") == "0080" else "ADDRESS"))
    return spans
