"""Numbers whose label says they name no person (since 2026-12-07, numbers11), marked KEEP so that no
recognizer takes them for a record number:

* a code of a clinical terminology: it names a concept, the same in every patient's note ("SNOMED CT
  35489007", "LOINC 2345-7", "ICD-10-CM E11.9", "CPT 99214", "OPCS-4 W40.1");
* the number of a thing that is sent, logged or worn, not of a person: a courier's air waybill or
  consignment ("Courier: Marken AWB 2105522455"), an IT helpdesk ticket ("ticket INC619513"), a police
  officer's collar or a staff badge ("attending officer collar no. 2574");
* a facility's own accreditation or licence, when the facility's name stands before it on its line
  ("<name> Medical Center   Accreditation no. H26027396"); a clinician's stays an identifier
  ("<name>, MD   Accreditation 9102-...").

* (numbers12) a machine's own numbers, read by their position: the time of a DICOM dump's element of value
  representation TM ("(0008,0030) TM [142705]"), and in an X12 transaction the interchange and group control
  numbers and the implementation guide's version (ISA13, GS06, GS08, ST03: "005010X222A1"), and a code after
  its code list's qualifier in a diagnosis (HI) or service line (SV1, SV2: "ABK:J449", "HC:93000"); the
  patient's, the payer's and the provider's elements stay what the other rules make of them.

Add a label: a word in one of the patterns below and a case in tests/unit/privacy/test_deid_numbers11.py.
"""

from __future__ import annotations

import re

from ..spans import KEEP
from ..vocabulary import Lexicon
from . import recognizer
from .x12 import x12_elements

_VALUE = r"(?P<v>(?=[A-Za-z0-9.\-]*\d)[A-Za-z0-9][A-Za-z0-9.\-]*[A-Za-z0-9])(?![\w\-])"
TERMINOLOGY_CODE_RE = re.compile(
    r"(?i:\b(?:snomed(?:[ \t\-]?ct)?|loinc|icd-?(?:9|10|11)(?:-(?:cm|pcs|am))?|cpt(?:-4)?|hcpcs|opcs(?:-4)?|"
    r"read[ \t]+code|rxnorm|rxcui|umls(?:[ \t]+cui)?)(?:[ \t]+(?:code|concept|id))?)[ \t]*[:#=]?[ \t]*" + _VALUE)
THING_NUMBER_RE = re.compile(
    r"(?i:\b(?:awb|air[ \t]?waybill|waybill|consignment(?:[ \t]+note)?|ticket|collar|badge|shoulder[ \t]+(?:no|number))"
    r"\.?(?:[ \t]+(?:no\.?|number|#))?)[ \t]*[:#]?[ \t]*" + _VALUE)
# the facility's name just before, then a gap or a comma, then its accreditation
FACILITY_NUMBER_RE = re.compile(
    r"(?i:\b(?:hospital|cent(?:er|re)|clinic|infirmary|pharmacy|laboratory|hospice|facility))(?:[ \t]{2,}|[ \t]*[,;|][ \t]*)"
    r"(?i:(?:accreditation|accredited|facility|institution(?:al)?)(?:[ \t]+(?:licen[cs]e|code|id))?\.?"
    r"(?:[ \t]+(?:no\.?|number|#))?)[ \t]*[:#]?[ \t]*" + _VALUE)


@recognizer("not-ids", "ID", languages=("en",))
def find_numbers_of_no_person(text: str, lexicon: Lexicon):
    # a terminology's name is kept with its code ("SNOMED" is no surname)
    spans = [(m.start(), m.end("v"), KEEP) for m in TERMINOLOGY_CODE_RE.finditer(text)]
    return spans + [(m.start("v"), m.end("v"), KEEP) for rule in (THING_NUMBER_RE, FACILITY_NUMBER_RE) for m in rule.finditer(text)]


# a DICOM dump's line: "(gggg,eeee) VR [value]"; TM is a time of day
DICOM_TIME_RE = re.compile(r"^\([0-9A-Fa-f]{4},[0-9A-Fa-f]{4}\)[ \t]+(?i:TM)[ \t]+\[(?P<v>[\d.:]+)\]", re.M)
# X12 elements that count or version the transmission, and the composites whose qualifier names a code list
_X12_CONTROL = {("ISA", 13), ("GS", 6), ("GS", 8), ("ST", 2), ("ST", 3), ("SE", 2), ("GE", 2), ("IEA", 2)}
_X12_CODED = frozenset(("HI", "SV1", "SV2", "SV3"))
_QUALIFIED_CODE = re.compile(r"(?P<q>[A-Z]{1,3}):(?P<code>[A-Z0-9][A-Z0-9.]{2,9})$")


def _x12_numbers(text: str) -> list[tuple[int, int, str]]:
    spans = []
    for segment, number, element, start in x12_elements(text):
        if (segment, number) in _X12_CONTROL and element.strip():
            spans.append((start, start + len(element), KEEP))
        elif segment in _X12_CODED and _QUALIFIED_CODE.match(element):
            spans.append((start, start + len(element), KEEP))
    return spans


@recognizer("machine-numbers", "ID", languages=("en",))
def find_machine_numbers(text: str, lexicon: Lexicon):
    return [(m.start("v"), m.end("v"), KEEP) for m in DICOM_TIME_RE.finditer(text)] + _x12_numbers(text)
