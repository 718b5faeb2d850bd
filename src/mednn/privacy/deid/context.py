"""Context that marks a person: cue words before a name ("spoke with", "her husband",
"Dr."), credentials after it ("RN", "MD"), clinical verbs that take a person as subject or
object, and the header forms of a patient's name ("Last, First" before a date of birth).

Each rule is a compiled pattern with a group ``name``; :mod:`.recognizers.names` decides which
of the words it captures are kept.
"""

from __future__ import annotations

import re

from .patterns import CAPS_WORD, CREDENTIALS, INITIAL, LO, NAME_SEQ, NAME_SEQ_P, PARTICLE, TITLES, UP, WORD

# context cues after which capitalised words are a person's name; "strong" cues accept names
# outside the shipped lists
STRONG_CUES = (
    r"name|patient name|pt name|signed by|electronically signed by|signed electronically by|"
    r"dictated by|transcribed by|authenticated by|attending|attending physician|resident|fellow|"
    r"intern|nurse|physician|surgeon|provider|pcp|primary care physician|referring physician|"
    r"referred by|seen by|evaluated by|examined by|reviewed by|spoke with|spoke to|discussed with|"
    r"wife|husband|spouse|partner|son|daughter|mother|father|brother|sister|sibling|friend|"
    r"caregiver|guardian|contact|emergency contact|next of kin|accompanied by|cc|patient|pt|"
    r"mr\.? name|known as|named|called|per|consultant|therapist|pharmacist|case manager|"
    r"social worker|chaplain|interpreter|nephew|niece|grandson|granddaughter|aunt|uncle|cousin|"
    r"neighbor|neighbour|colleague|landlord|employer|poa|proxy|surrogate|dear|with|for"
)
# a person as the subject of a clinical verb: "Nicola Mason reports ...", "Smith, John (DOB ...)"
SUBJECT_RE = re.compile(
    rf"(?P<name>{NAME_SEQ})[ \t]+(?:is|was|has|had|reports|reported|states|stated|denies|denied|presents|"
    r"presented|complains|complained|returns|returned|tolerated|underwent|notes|noted|says|said|agrees|"
    r"agreed|declines|declined|feels|felt|continues|arrived|lives|lived|will|would|did|does|called|"
    r"requests|requested|endorses|endorsed|prefers|wishes|wants|asked|understands|verbalized|consented)\b"
)
AFTER_CUE_RE = re.compile(
    rf"(?P<name>{NAME_SEQ}),?[ \t]+(?:the[ \t]+patient['’]s|his|her|their|pt['’]s)[ \t]+"
    r"(?:wife|husband|spouse|partner|son|daughter|mother|father|brother|sister|friend|caregiver|"
    r"guardian|nephew|niece|grandson|granddaughter|aunt|uncle|cousin|neighbou?r|(?:primary|attending|"
    r"treating)[ \t]+\w+|physician|doctor|nurse|therapist)\b"
)
HEADER_RE = re.compile(rf"(?m)^[ \t]*(?P<name>{WORD},[ \t]+{WORD}(?:[ \t]+{INITIAL})?)(?=[ \t]*(?:\(|$|DOB|MRN|,))")
# "Last, First" or "First Last" just before a date of birth or a record number: a patient header
# anywhere in a line ("... ward.  Okafor, Amara (DOB 1/2/1950) presented ...")
BEFORE_ID_RE = re.compile(
    rf"(?<![\w\-'’])(?P<name>(?:{WORD}[ \t]+)?{WORD},[ \t]+{WORD}(?:[ \t]+{INITIAL})?|{NAME_SEQ})"
    r"[ \t]*[(,;]?[ \t]*(?i:dob|d\.o\.b\.?|date\s+of\s+birth|born|mrn|mr\s?#|med(?:ical)?\s+rec(?:ord)?)\b"
)
# cues whose object is a person even when it is one unlisted word ("her husband Farhan",
# "left voicemail for Hiroshi"); only a lone capitalised word that is not an ordinary word counts
PERSON_CUES = (
    r"wife|husband|spouse|partner|fianc[eé]e?|son|daughter|mother|father|mom|dad|brother|sister|"
    r"sibling|niece|nephew|grandson|granddaughter|grandmother|grandfather|aunt|uncle|cousin|"
    r"friend|boyfriend|girlfriend|caregiver|guardian|accompanied by|visited by|spoke with|spoke to|"
    r"left (?:a )?(?:voice ?mail|vm|message|msg|detailed message) (?:for|with)|"
    r"message left (?:for|with)|phoned|texted"
)
PERSON_CUE_RE = re.compile(
    rf"\b(?i:{PERSON_CUES})\b,?[ \t]+(?P<name>{WORD})(?![\w\-]|['’](?!s\b)|[ \t]+[{UP}])"
)
# a capitalised pair after a verb that takes a person ("report called to Hamid Rezaei", "consent
# obtained from Farhan Chowdhury", "paged Ingrid Halvorsen"); a bare preposition is not enough
# ("secondary to Atrial Fibrillation"), and a third capitalised word makes it an organisation
PERSON_VERBS = (
    r"(?:called|given|handed|reported|relayed|explained|sent|signed\s+out|handed\s+off|obtained|"
    r"received|discussed|reviewed|confirmed|coordinated|met|talked|spoke|consulted|agreed|visited|"
    r"introduced|deferred|endorsed)[ \t]+(?:to|from|with|by)|told|asked|informed|notified|paged|"
    r"updated|thanked|contacted|messaged|called"
)
VERB_PAIR_RE = re.compile(
    rf"\b(?i:{PERSON_VERBS})[ \t]+(?P<name>{WORD}(?:[ \t]+{INITIAL})?[ \t]+{WORD})(?![ \t]*[{UP}\-]|\w)"
)
CUE_RE = re.compile(
    rf"\b(?i:{STRONG_CUES})\b(?:\s*\((?:[^)]{{0,20}})\))?\s*(?:[:#,\-–—]\s*|\s+(?:is|was|:)\s+|\s+)"
    rf"(?P<name>{NAME_SEQ_P}|{CAPS_WORD}(?:\s+{CAPS_WORD}){{0,3}})"
)
TITLE_RE = re.compile(rf"\b{TITLES}\.?\s+(?P<name>{NAME_SEQ_P}|{CAPS_WORD}(?:\s+{CAPS_WORD}){{0,2}})")
CREDENTIAL_RE = re.compile(rf"(?P<name>{NAME_SEQ}|{CAPS_WORD}(?:\s+{CAPS_WORD}){{0,3}}),?\s+{CREDENTIALS}\b")
# "Smith, John" after a cue is handled by the cue rule; bare "Smith, John" only with both in the lists
LAST_FIRST_RE = re.compile(rf"\b(?P<last>{WORD}),\s+(?P<first>{WORD})(?:\s+{INITIAL})?")
PAIR_RE = re.compile(rf"\b(?P<name>{NAME_SEQ})")
TOKEN_RE = re.compile(rf"{WORD}|{INITIAL}|{CAPS_WORD}")
TOKEN_P_RE = re.compile(rf"\b{PARTICLE}\b|{WORD}|{INITIAL}|{CAPS_WORD}")

# speaker labels of a transcribed conversation ("Doctor: ...", "Patient: Okay ...", MTS-Dialog's
# "Guest_family:"): a turn opens a line or follows the end of the previous turn's sentence
SPEAKER_ROLES = (
    r"doctor|dr|physician|clinician|provider|nurse|rn|np|pa|therapist|interpreter|patient|pt|"
    r"guest_?\w*|gest_?\w*|family|parent|mother|father|mom|dad|wife|husband|spouse|partner|son|"
    r"daughter|caregiver|relative|friend|speaker[ \t]*\d*|interviewer|participant"
)
SPEAKER_RE = re.compile(rf"(?m)(?:^|(?<=[.?!])[ \t]+)[ \t]*(?P<role>(?i:{SPEAKER_ROLES})):(?=[ \t]*(?P<turn>[^\n]*))")
# speech: a lower-case word, or a sentence end that is not an initial or "Jr." ("Nope.", "Okay?")
SPEECH_RE = re.compile(rf"\b[{LO}]{{2,}}\b|(?<!\b[{UP}])(?<!\b[JS]r)[.?!][ \t]*$")


def speaker_labels(text: str) -> frozenset[int]:
    """Start offsets of the speaker labels when ``text`` is a conversation, else nothing.

    A conversation has turns by at least two speakers and most of its turns are speech (a
    lower-case word or a sentence end), so what follows "Patient:" is what the patient said, not
    their name. A header block ("Patient: John Smith" over "Physician: Amy Ward, attending") has
    name values, not speech, and keeps its labels as cues.
    """
    turns = [(m.start("role"), m.group("role").lower(), m.group("turn")) for m in SPEAKER_RE.finditer(text)]
    if len(turns) < 2 or len({role for _, role, _ in turns}) < 2:
        return frozenset()
    speech = sum(1 for _, _, turn in turns if SPEECH_RE.search(turn))
    return frozenset(start for start, _, _ in turns) if 2 * speech > len(turns) else frozenset()
