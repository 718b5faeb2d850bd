"""De-identification of clinical text: find protected health information and replace it.

:class:`Deidentifier` finds person names (with and without titles, signature lines), dates,
ages over 89, phone / fax numbers, e-mail addresses, URLs, IP addresses, social security
numbers, medical record / account numbers, street addresses and ZIP codes with rules (regular
expressions + a shipped list of common names from the 1990 US Census files, see
``data/generate_names.py`` + context cues), and replaces each span by a typed placeholder such
as ``[NAME]``. Names outside the list are found by their context: a title or credential, a cue
("spoke with", "her husband", "left voicemail for"), a verb that takes a person ("report called
to"), a clinical verb after them ("... reports"), a date of birth or record number after them, a
middle initial ("Charles S. White"); once found, every other occurrence of the word in the same
text goes too. Guard lists of ordinary capitalised words (departments, eponyms, drugs, anatomy,
months) keep clinical terms; so do rules for formulas ("NaCl"), organisations ("... Hospital",
"... Corp"), places ("St. Thomas", "University of ...") and reagents or statistics named after
people ("Krebs buffer"). Dates can instead be shifted by a per-patient offset derived with HMAC from the patient id and a secret, so that
intervals within one patient's notes survive. Running it twice changes nothing more (placeholders are never matched again).

>>> deid = Deidentifier().fit()
>>> deid.transform(["Seen by Dr. Jane Smith on 01/02/2023, call 555-123-4567."])
['Seen by Dr. [NAME] on [DATE], call [PHONE].']

:func:`deidentify_dataset` is the pipeline step (``privacy.deid: true``) and
:func:`deidentify_file` backs ``mednn deid INPUT --out OUTPUT``. Reports hold counts per type,
never the strings found. Add a new identifier type as a detector method ``_find_<type>`` and
list it in :data:`TYPES`.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import ipaddress
import json
import math
import os
import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..errors import ConfigError, DataError, NotFittedError

TYPES: tuple[str, ...] = (
    "NAME", "DATE", "AGE", "PHONE", "FAX", "EMAIL", "URL", "IP", "SSN", "ID", "ADDRESS", "ZIP",
)
# when two findings overlap, the lower number wins (then the longer span): an e-mail address
# contains a name, a street address contains a number, a URL contains digits that look like a date
_PRIORITY = {"EMAIL": 0, "URL": 1, "IP": 2, "SSN": 3, "FAX": 4, "PHONE": 4, "ADDRESS": 5, "DATE": 6,
             "ID": 7, "ZIP": 8, "AGE": 9, "NAME": 10}

Span = tuple[int, int, str]

# ---------------------------------------------------------------------------------------------
# patterns
# Latin-1 plus Latin Extended-A (Wiśniewski, Dvořák, Aydın): that block mixes cases, so it is in both
_UP = "A-ZÀ-ÖØ-ÞĀ-ſ"
_LO = "a-zß-öø-ÿĀ-ſ"
# one capitalised name word: Smith, O'Neill, McDonald, Mary-Anne, DeShawn, José
_WORD = rf"(?:Mc|Mac|O['’]|D['’]|De|Di|La|Le|Van|Von)?[{_UP}][{_LO}]+(?:[-'’][{_UP}]?[{_LO}]+)*"
_INITIAL = rf"[{_UP}]\."
_PARTICLE = r"(?:van|von|de|der|den|da|di|del|della|la|le|du|dos|das|bin|ibn|al|el|ter)"
# up to four name words / initials, with lower-case particles between them (van der Berg)
# words of one name never span a line break ("Dictated by A. Smith\nPt ...")
_NAME_SEQ = rf"(?:{_WORD}|{_INITIAL})(?:[ \t]+(?:{_PARTICLE}[ \t]+)*(?:{_WORD}|{_INITIAL})){{0,3}}"
# after a title or a cue a name may open with a particle: "Prof. van der Berg"
_NAME_SEQ_P = rf"(?:{_PARTICLE}[ \t]+){{0,2}}{_NAME_SEQ}"
_CAPS_WORD = rf"[{_UP}]{{2,}}(?:[-'][{_UP}]+)*"

_TITLES = r"(?:Dr|Mr|Mrs|Ms|Mx|Miss|Mister|Prof|Professor|Doctor|Rev|Sr|Fr)"
_CREDENTIALS = (r"(?:M\.D\.|MD|D\.O\.|DO|RN|BSN|NP|APRN|FNP|PA-C|PA|PhD|MBBS|MBChB|FRCP|FRCS|FACP|FACS"
                r"|DNP|CNM|CRNA|LPN|MSW|LCSW|PharmD|DDS|DMD|MPH|MSc|MS)")
# context cues after which capitalised words are a person's name; "strong" cues accept names
# outside the shipped lists
_STRONG_CUES = (
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
_SUBJECT_RE = re.compile(
    rf"(?P<name>{_NAME_SEQ})[ \t]+(?:is|was|has|had|reports|reported|states|stated|denies|denied|presents|"
    r"presented|complains|complained|returns|returned|tolerated|underwent|notes|noted|says|said|agrees|"
    r"agreed|declines|declined|feels|felt|continues|arrived|lives|lived|will|would|did|does|called|"
    r"requests|requested|endorses|endorsed|prefers|wishes|wants|asked|understands|verbalized|consented)\b"
)
_AFTER_CUE_RE = re.compile(
    rf"(?P<name>{_NAME_SEQ}),?[ \t]+(?:the[ \t]+patient['’]s|his|her|their|pt['’]s)[ \t]+"
    r"(?:wife|husband|spouse|partner|son|daughter|mother|father|brother|sister|friend|caregiver|"
    r"guardian|nephew|niece|grandson|granddaughter|aunt|uncle|cousin|neighbou?r|(?:primary|attending|"
    r"treating)[ \t]+\w+|physician|doctor|nurse|therapist)\b"
)
_HEADER_RE = re.compile(rf"(?m)^[ \t]*(?P<name>{_WORD},[ \t]+{_WORD}(?:[ \t]+{_INITIAL})?)(?=[ \t]*(?:\(|$|DOB|MRN|,))")
# "Last, First" or "First Last" just before a date of birth or a record number: a patient header
# anywhere in a line ("... ward.  Okafor, Amara (DOB 1/2/1950) presented ...")
_BEFORE_ID_RE = re.compile(
    rf"(?<![\w\-'’])(?P<name>(?:{_WORD}[ \t]+)?{_WORD},[ \t]+{_WORD}(?:[ \t]+{_INITIAL})?|{_NAME_SEQ})"
    r"[ \t]*[(,;]?[ \t]*(?i:dob|d\.o\.b\.?|date\s+of\s+birth|born|mrn|mr\s?#|med(?:ical)?\s+rec(?:ord)?)\b"
)
# cues whose object is a person even when it is one unlisted word ("her husband Farhan",
# "left voicemail for Hiroshi"); only a lone capitalised word that is not an ordinary word counts
_PERSON_CUES = (
    r"wife|husband|spouse|partner|fianc[eé]e?|son|daughter|mother|father|mom|dad|brother|sister|"
    r"sibling|niece|nephew|grandson|granddaughter|grandmother|grandfather|aunt|uncle|cousin|"
    r"friend|boyfriend|girlfriend|caregiver|guardian|accompanied by|visited by|spoke with|spoke to|"
    r"left (?:a )?(?:voice ?mail|vm|message|msg|detailed message) (?:for|with)|"
    r"message left (?:for|with)|phoned|texted"
)
_PERSON_CUE_RE = re.compile(
    rf"\b(?i:{_PERSON_CUES})\b,?[ \t]+(?P<name>{_WORD})(?![\w\-]|['’](?!s\b)|[ \t]+[{_UP}])"
)
# a capitalised pair after a verb that takes a person ("report called to Hamid Rezaei", "consent
# obtained from Farhan Chowdhury", "paged Ingrid Halvorsen"); a bare preposition is not enough
# ("secondary to Atrial Fibrillation"), and a third capitalised word makes it an organisation
_PERSON_VERBS = (
    r"(?:called|given|handed|reported|relayed|explained|sent|signed\s+out|handed\s+off|obtained|"
    r"received|discussed|reviewed|confirmed|coordinated|met|talked|spoke|consulted|agreed|visited|"
    r"introduced|deferred|endorsed)[ \t]+(?:to|from|with|by)|told|asked|informed|notified|paged|"
    r"updated|thanked|contacted|messaged|called"
)
_VERB_PAIR_RE = re.compile(
    rf"\b(?i:{_PERSON_VERBS})[ \t]+(?P<name>{_WORD}(?:[ \t]+{_INITIAL})?[ \t]+{_WORD})(?![ \t]*[{_UP}\-]|\w)"
)
_FUNCTION_WORDS = frozenset("The A An He She They We I It His Her Their Our My This That And Or But Not No On In At By For From With To Of As Is Was".split())
_CUE_RE = re.compile(
    rf"\b(?i:{_STRONG_CUES})\b(?:\s*\((?:[^)]{{0,20}})\))?\s*(?:[:#,\-–—]\s*|\s+(?:is|was|:)\s+|\s+)"
    rf"(?P<name>{_NAME_SEQ_P}|{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}})"
)
_TITLE_RE = re.compile(rf"\b{_TITLES}\.?\s+(?P<name>{_NAME_SEQ_P}|{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,2}})")
_CREDENTIAL_RE = re.compile(rf"(?P<name>{_NAME_SEQ}|{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}}),?\s+{_CREDENTIALS}\b")
# "Smith, John" after a cue is handled by the cue rule; bare "Smith, John" only with both in the lists
_LAST_FIRST_RE = re.compile(rf"\b(?P<last>{_WORD}),\s+(?P<first>{_WORD})(?:\s+{_INITIAL})?")
_PAIR_RE = re.compile(rf"\b(?P<name>{_NAME_SEQ})")
_TOKEN_RE = re.compile(rf"{_WORD}|{_INITIAL}|{_CAPS_WORD}")
_TOKEN_P_RE = re.compile(rf"\b{_PARTICLE}\b|{_WORD}|{_INITIAL}|{_CAPS_WORD}")

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH_WORDS = sorted({m for m in _MONTHS}, key=len, reverse=True)
# Title case or upper case only: "may" and "mar" are ordinary words in lower case
_MONTH = "(?:" + "|".join([m.capitalize() for m in _MONTH_WORDS] + [m.upper() for m in _MONTH_WORDS]) + r")\.?"
_ORD = r"(?:st|nd|rd|th)?"
_DATE_PATTERNS: list[tuple[re.Pattern, str]] = [
    # Jan 2, 2023 / January 2nd 2023 / Jan. 2 2023
    (re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})\b"), "mdy"),
    # 2 January 2023 / 2nd of Jan, 2023
    (re.compile(rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_MONTH}),?\s+(?P<y>\d{{4}})\b"), "dmy"),
    # 2023-01-02 / 2023/01/02 / 2023.01.02
    (re.compile(r"\b(?P<y>(?:1[89]|20)\d{2})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})\b"), "ymd"),
    # 01/02/2023 / 1-2-23 / 02.01.2023
    (re.compile(r"(?<![\d/.\-])(?P<a>\d{1,2})(?P<s>[-/.])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})(?![\d/\-]|\.\d)"), "num"),
    # January 2023 / Jan. of 2023
    (re.compile(rf"\b(?P<mon>{_MONTH}),?\s+(?:of\s+)?(?P<y>(?:1[89]|20)\d{{2}})\b"), "my"),
    # 03/2023
    (re.compile(r"(?<![\d/])(?P<m>0?[1-9]|1[0-2])/(?P<y>(?:19|20)\d{2})(?![\d/])"), "my_num"),
    # Jan 2 / January 2nd (no year)
    (re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}}){_ORD}\b(?!\s*(?:mg|ml|mcg|units?|%|:))"), "md"),
    # 2 January / 2nd of Jan (no year)
    (re.compile(rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_MONTH})\b"), "dm"),
    # on 3/14 (a bare month/day needs a cue: 120/80 is a blood pressure)
    (re.compile(r"\b(?i:on|since|from|until|till|through|dated|date|dos|dob|d\.o\.b\.|admitted|discharged|seen)"
                r"[:\s]\s*(?P<m>\d{1,2})/(?P<d>\d{1,2})\b(?![/\d])"), "md_num"),
]

_AGE_NUM = r"(?<![\d.])(?P<n>\d{2,3})(?![\d+])"
_AGE_PATTERNS = [
    re.compile(rf"{_AGE_NUM}\s*-?\s*(?:years?|yrs?|y)\.?\s*-?\s*(?:old|of\s+age)\b", re.I),
    re.compile(rf"{_AGE_NUM}\s*-?\s*(?:y/o|yo|y\.o\.|yr\.?\s*old|yoa)(?![A-Za-z])", re.I),
    re.compile(rf"\b(?:age[ds]?|aged)\s*(?:of\s*)?[:=]?\s*{_AGE_NUM}", re.I),
    re.compile(rf"{_AGE_NUM}\s?(?:M|F|yM|yF|y\.o\.\s?[MF])\b"),
    re.compile(r"\b(?:in\s+(?:his|her|their)\s+(?:late\s+|early\s+|mid-?\s*)?)(?P<n>(?:9|1[0-2])\d)'?s\b", re.I),
]

_EMAIL_RE = re.compile(r"(?<![\w.+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}\b")
_URL_RE = re.compile(
    r"\b(?:(?:https?|ftp)://|www\.)[^\s<>\"']+"
    r"|\b(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+(?:com|org|net|edu|gov|mil|info|biz|io|co|us|uk|ca|au|de|fr|nl|"
    r"in|ie|nz|health|care|clinic|hospital|med)\b(?:/[^\s<>\"']*)?",
    re.I,
)
_IPV4_RE = re.compile(r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?!\d|\.\d)")
_IPV6_CANDIDATE_RE = re.compile(r"(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])")
_SSN_RE = re.compile(r"(?<![\d\-])\d{3}-\d{2}-\d{4}(?![\d\-])|(?<!\d)\d{3} \d{2} \d{4}(?!\d)")
_SSN_CUE_RE = re.compile(r"\b(?i:ssn|social\s+security(?:\s+(?:number|no\.?|#))?|ss#)\s*[:#]?\s*(?P<v>\d{9}|\d{3}[- ]\d{2}[- ]\d{4})\b")
_PHONE_RE = re.compile(
    r"(?<![\w+\-])"
    r"(?:(?:\+?1|001)[\s.\-]?)?"
    r"(?:\(\d{3}\)\s?|\d{3}[\s.\-])\d{3}[\s.\-]\d{4}"
    r"(?:\s?(?:x|ext\.?|extension)\s?\d{1,6})?(?!\w)"
    r"|(?<![\w+])\+\d{1,3}(?:[\s.\-]?\(?\d{1,5}\)?){2,5}(?:\s?(?:x|ext\.?)\s?\d{1,6})?(?!\w)",
    re.I,
)
_PHONE_CUE_RE = re.compile(
    r"\b(?i:phone|tel|telephone|call|called|cell|mobile|pager|beeper|fax|facsimile|contact|reach|number|"
    r"ph|ph\.|tel\.)\s*(?:(?i:no\.?|number|#|at|on))?\s*[:#]?\s*(?P<v>\d{10}|\d{7}|\d{3}[\s.\-]\d{4})(?:\s?(?i:x|ext\.?)\s?\d{1,6})?\b"
)
_FAX_CONTEXT_RE = re.compile(r"(?i:fax|facsimile)\b[^\n]{0,20}$")
_ID_CUE_RE = re.compile(
    r"\b(?i:mrn|mr\s?#|med(?:ical)?\s+rec(?:ord)?s?(?:\s+(?:number|num|no\.?|#))?|record\s+(?:number|no\.?|#)|"
    r"acct|account(?:\s+(?:number|num|no\.?|#))?|patient\s+(?:id|identifier|number|no\.?|#)|pt\s+id|"
    r"member\s+(?:id|number|#)|subscriber\s+(?:id|#)|encounter(?:\s+(?:number|no\.?|#|id))?|csn|fin|"
    r"visit\s+(?:number|id|#)|policy(?:\s+(?:number|no\.?|#))?|insurance\s+(?:id|number|#)|"
    r"health\s+plan(?:\s+(?:number|id|#))?|chart(?:\s+(?:number|no\.?|#))?|case\s+(?:number|no\.?|#)|"
    r"specimen\s+(?:id|number|#)|accession(?:\s+(?:number|no\.?|#))?|license(?:\s+(?:number|no\.?|#))?|"
    r"certificate(?:\s+(?:number|no\.?|#))?|device\s+(?:id|serial)|serial(?:\s+(?:number|no\.?|#))?|"
    r"unit\s+(?:number|no\.?)|hospital\s+(?:number|no\.?)|nhs\s+(?:number|no\.?)|id)"
    r"\.?\s*(?:(?i:number|num|no\.?|#))?\s*[:=#.]?\s*(?P<v>(?=[A-Za-z0-9\-]*\d)[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){3,})"
)
# long digit runs or letter prefix + digits without a cue (lab values rarely have 7+ digits)
_ID_BARE_RE = re.compile(r"(?<![\w\-./])(?:[A-Z]{1,4}-?\d{6,}|\d{7,})(?![\w\-]|\.\d)")

_STATES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM "
    "NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP FM MH PW AA AE AP"
).split()
_STATE_NAMES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|"
    "Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|"
    "Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|"
    "New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|"
    "South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|"
    "Wisconsin|Wyoming"
)
_STATE = "(?:" + "|".join(_STATES) + "|" + _STATE_NAMES + ")"
# USPS Publication 28 street suffixes and their common abbreviations
_SUFFIXES = (
    "Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Wy|Place|Pl|"
    "Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Squares|Trail|Trl|Loop|Alley|Aly|"
    "Plaza|Plz|Crossing|Xing|Ridge|Rdg|Ridges|Path|Pike|Row|Run|Walk|Crescent|Cres|Close|Grove|Grv|"
    "Gardens?|Gdns|Heights|Hts|Hills?|Park|Parks|Point|Points|Pt|Pass|Passage|Port|Ports|Harbor|Plains?|"
    "Harbors|Hbr|Junctions?|Jct|Landing|Lndg|Manor|Manors|Mnr|Meadows?|Mews|Mills?|Mount|Mountains?|"
    "Mtn|Orchard|Oval|Pines?|Estates?|Est|Expressway|Expy|Freeway|Fwy|Turnpike|Tpke|Causeway|Cswy|"
    "Centers?|Ctr|Creek|Crk|Coves?|Cv|Canyon|Cyn|Bend|Bluffs?|Brooks?|Bridge|Brg|Branch|Br|Bypass|"
    "Byp|Camp|Cape|Club|Commons?|Corners?|Course|Dale|Dam|Divide|Falls?|Ferry|Fields?|Flats?|Fords?|"
    "Forest|Forges?|Forks?|Fort|Ft|Glens?|Greens?|Haven|Hollow|Inlet|Islands?|Isles?|Keys?|Knolls?|"
    "Lakes?|Land|Lights?|Locks?|Lodge|Mall|Mission|Motorway|Neck|Overpass|Prairie|Ranch|Rapids?|"
    "Rest|River|Shoals?|Shores?|Skyway|Springs?|Spur|Spurs|Station|Stream|Summit|Throughway|Trace|"
    "Track|Tunnel|Unions?|Valleys?|Via|Viaduct|Views?|Villages?|Ville|Vista|Wall|Wells?|Wharf|Yard|"
    "Stravenue|Trafficway|Underpass|Radial|Ramp|Loaf|Burgs?|Annex|Arcade|Bayou|Bayoo|Beach|Bottom|"
    "Cliffs?|Curve|Extensions?|Ext|Gateway|Ways|Streets|Crest|Crossroad|Route|Rte|Rue|Oaks?|Glade"
)
_UNIT = r"(?:,?\s+(?:Apt|Apartment|Suite|Ste|Unit|Room|Rm|Fl|Floor|Bldg|Building|Lot|#)\.?\s*#?\s*[A-Za-z0-9\-]{1,6})"
_STREET = (
    rf"\b\d{{1,6}}[A-Za-z]?(?:-\d{{1,4}})?\s+(?:[NSEW]\.?\s+|(?:North|South|East|West|N\.?E\.?|N\.?W\.?|S\.?E\.?|S\.?W\.?)\s+)?"
    rf"(?:(?:\d{{1,3}}(?:st|nd|rd|th)|[{_UP}][{_LO}'\-]+|[{_UP}]{{2,}})\s+){{1,4}}"
    rf"(?:(?:{_SUFFIXES})s?|{_SUFFIXES.upper()})\b\.?(?:\s+(?:[NSEW]|NE|NW|SE|SW)\b\.?)?{_UNIT}?"
)
_CITY_STATE_ZIP = rf"[{_UP}][{_LO}.'\-]+(?:\s+[{_UP}][{_LO}.'\-]+){{0,3}},?\s+{_STATE}\.?,?\s+\d{{5}}(?:-\d{{4}})?\b"
_ADDRESS_RE = re.compile(rf"{_STREET}(?:,?\s*\n?\s*{_CITY_STATE_ZIP})?")
_CSZ_RE = re.compile(rf"\b{_CITY_STATE_ZIP}")
_MILITARY_RE = re.compile(
    r"\b(?:PSC|Unit|CMR)\s+\d{4},?\s+Box\s+\d{4}(?:,?\s*\n?\s*(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5})?"
    rf"|\b(?:USNS|USNV|USS|USCGC)\s+{_WORD}(?:,?\s*\n?\s*(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{{5}})?"
    r"|\b(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5}\b"
)
_PO_BOX_RE = re.compile(r"\b(?i:p\.?\s?o\.?\s+box|post\s+office\s+box)\s+\d{1,6}")
_ZIP_RE = re.compile(
    rf"\b(?i:zip|zip\s*code|postal\s+code|postcode)\s*[:#]?\s*(?P<v>\d{{5}}(?:-\d{{4}})?)\b"
    rf"|\b{_STATE}\.?,?\s+(?P<w>\d{{5}}(?:-\d{{4}})?)\b"
    r"|(?<![\d\-])(?P<x>\d{5}-\d{4})(?![\d\-])"
)

_PLACEHOLDER_RE = re.compile(r"\[(?:" + "|".join(TYPES) + r")(?:[ :][^\]\n]{0,24})?\]|\b90\+")

# capitalised words that open sentences or name things in notes; never taken as a lone name
_COMMON_WORDS = frozenset(
    """
    The A An He She They We I It His Her Their Our My Your This That These Those There Here Then
    When While After Before During Since Until If And Or But Not No Yes On In At By For From With
    Without To Of As Is Was Were Be Been Are Has Had Have Do Did Does Patient Pt Pts Dr Mr Mrs Ms
    Doctor Nurse Hospital Clinic Center Centre Medical Medicine Emergency Department Dept Unit Ward
    Room Bed History Hx Exam Examination Plan Assessment Diagnosis Impression Findings Finding Note
    Notes Report Reports Discharge Admission Admitted Follow Followup Denies Denied States Stated
    Today Yesterday Tomorrow Morning Evening Night Normal Negative Positive Left Right Bilateral Blood
    Pressure Heart Rate Pulse Temperature Labs Lab Laboratory Results Result Medications Medication
    Meds Allergies Allergy Social Family Past Surgical Review Systems Physical General Vitals
    Chief Complaint Present Illness Hospital Course Summary Instructions Signed Dictated Attending
    Resident Fellow Physician Surgeon Provider Primary Care Team Service Internal Cardiology
    Neurology Oncology Radiology Pathology Surgery Pediatrics Psychiatry Urology Nephrology
    Gastroenterology Pulmonary Pulmonology Dermatology Orthopedics Obstetrics Gynecology ICU ER ED
    OR PACU CT MRI ECG EKG CBC BMP CMP Chest Abdomen Head Neck Back Spine Extremities Skin Lungs
    Cardiac Neuro Psych Diet Activity Return Call Please Thank Thanks Sincerely Regards Dear Best
    Mother Father Brother Sister Son Daughter Wife Husband Spouse Partner Friend Contact Name Age
    Sex Male Female Man Woman Boy Girl Date Time Phone Fax Email Address Street Avenue Road City
    State County Country Zip Code January February March April May June July August September
    October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Jan Feb Mar
    Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Wed Thu Fri Sat Sun Type Grade Stage Class Level
    Acute Chronic Severe Mild Moderate Stable Unstable Alert Oriented Awake Good Fair Poor Well
    New Old Prior Previous Current Recent Status Post Pain Fever Cough Nausea Vomiting Diarrhea
    Also Other Some All Any Each Both Every Per Via Vs Total Initial Final First Second Third Last
    Next Further Continue Continued Start Started Stop Stopped Increase Decrease Consider Recommend
    Recommended Recommendation Consult Consultation Referral Referred Seen Evaluated Examined
    Spoke Discussed Reviewed Informed Consent Called Named Known Daily Weekly Monthly Twice Once
    Insulin Aspirin Tylenol Heparin Warfarin Lasix Metformin Lisinopril Vancomycin Zosyn
    Disease Syndrome Sign Signs Score Scale Test Criteria Classification Maneuver Phenomenon Reflex
    University College Institute School Foundation Health System Systems Group Services Care
    Baptist Methodist Presbyterian Catholic Memorial General Regional Community Children Childrens
    Saint St Mount Mt North South East West Northern Southern Eastern Western Central Upper Lower
    American British English Spanish French German Chinese Indian African Asian Hispanic Caucasian
    Latino Latina White Black Christian Muslim Jewish Hindu Buddhist Medicare Medicaid Insurance
    Therapy Therapies Rehabilitation Nursing Services Service Work Works Visiting Physical Occupational
    Speech Respiratory Dietary Nutrition Education Program Clinics Pharmacy Trial Trials Study Studies
    Society Administration Index Association Institute Council Committee Registry Survey Project
    Symptomatic Asymptomatic Myasthenia Gravis Sclerosis Lupus Dye Blue Red Yellow Emerg Med
    Tel Mobile Cell Pager Home Work Office Hospitalist Clinician Therapist Pharmacist Interpreter
    Practitioner Assistant Student Staff Team Attending Consultant Specialist Technician
    Anesthesia Anesthesiology Intensive Critical Infectious Diseases Endocrinology Rheumatology
    Hematology Transplant Trauma Vascular Thoracic Plastic Ophthalmology Otolaryngology ENT
    Parkinson Alzheimer Hodgkin Crohn Cushing Addison Graves Hashimoto Huntington Raynaud Sjogren
    Kaposi Guillain Barre Marfan Tourette Asperger Apgar Glasgow Babinski Kernig Brudzinski Homan
    Homans Romberg Trendelenburg Wernicke Korsakoff Meniere Reye Kawasaki Takayasu Wegener Behcet
    Hirschsprung Duchenne Fallot Brugada Doppler Valsalva Heimlich Kussmaul Cheyne Korotkoff
    Virchow Janeway Quincke Argyll Chvostek Trousseau Boerhaave Zenker Meckel Roux Billroth
    Monteggia Galeazzi Lisfranc Chopart Pott Maisonneuve Tillaux Rolando Ganz Gram Foley Holter
    """.split()
)
# more capitalised words that are not names: organisations and hospital services (they end or
# surround a capitalised run: "Poison Control", "Case Management"), brand-name drugs and devices,
# and clinical terms that notes often capitalise; written for mednn, not taken from a name list
_COMMON_WORDS = _COMMON_WORDS | frozenset(
    """
    Control Management Coordination Poison Hospice Palliative Step Down Telemetry Tele Rehab
    Wound Ostomy Transport Security Registration Billing Admitting Triage Outpatient Inpatient
    Ambulatory Urgent Infusion Dialysis Endoscopy Cath Catheterization Lab Labs Imaging Sleep
    Behavioral Mental Addiction Recovery Hospitalists Associates Partners Corporation Company
    Inc LLC Ltd Laboratories Suite Floor Tower Building Campus Station Desk Office
    Interventional Diagnostic Nuclear Medical Surgical Geriatric Geriatrics Neonatal Maternal
    Podiatry Audiology Optometry Chiropractic Dental Dentistry Genetics Allergy Immunology
    Quest LabCorp Medtronic Pfizer Moderna Merck
    Eliquis Xarelto Coumadin Pradaxa Lovenox Plavix Brilinta Lipitor Crestor Zocor Pravachol
    Norvasc Toprol Lopressor Coreg Cozaar Diovan Entresto Bumex Aldactone Protonix Nexium Prilosec
    Pepcid Zantac Synthroid Levothyroxine Lantus Levemir Humalog Novolog Tresiba Basaglar Januvia
    Jardiance Farxiga Ozempic Trulicity Victoza Mounjaro Glucophage Keppra Depakote Dilantin Lamictal
    Tegretol Neurontin Lyrica Sinemet Aricept Namenda Zofran Reglan Compazine Phenergan Tylenol
    Motrin Advil Aleve Toradol Ultram Tramadol Percocet Norco Vicodin Dilaudid Oxycontin Morphine
    Fentanyl Narcan Suboxone Methadone Ativan Xanax Valium Klonopin Ambien Seroquel Haldol Zyprexa
    Risperdal Abilify Zoloft Prozac Lexapro Celexa Paxil Wellbutrin Cymbalta Effexor Trazodone
    Remeron Flomax Proscar Ditropan Spiriva Advair Symbicort Breo Trelegy Singulair Albuterol
    Ventolin Proventil Duoneb Xopenex Solumedrol Medrol Decadron Prednisone Benadryl Claritin
    Zyrtec Flonase Augmentin Keflex Cipro Levaquin Bactrim Flagyl Zithromax Rocephin Unasyn Zosyn
    Cefepime Meropenem Vanco Diflucan Tamiflu Paxlovid Remdesivir Kcentra Epogen Neupogen
    Humira Remicade Enbrel Keytruda Opdivo Herceptin Avastin Kayexalate Lokelma Miralax
    Colace Senna Senokot Dulcolax Imodium Flexpen Solostar Diskus Respimat Ensure Glucerna Foley
    Atrial Fibrillation Flutter Ventricular Tachycardia Bradycardia Sinus Rhythm Congestive Failure
    Myocardial Infarction Coronary Artery Kidney Renal Liver Hepatic Injury Cell Sickle Cancer
    Carcinoma Tumor Lesion Fracture Stroke Transient Ischemic Attack Seizure Epilepsy Sepsis
    Septic Shock Pneumonia Bronchitis Asthma Obstructive Pulmonary Embolism Deep Vein Thrombosis
    Diabetes Mellitus Hypertension Hyperlipidemia Obesity Anemia Dementia Delirium Depression
    Anxiety Bipolar Schizophrenia Disorder Insufficiency Stenosis Regurgitation Valve Aortic Mitral
    Tricuspid Lobe Bowel Gastric Esophageal Pancreatic Pancreatitis Cholecystitis Appendicitis
    Hernia Cellulitis Abscess Osteomyelitis Arthritis Rheumatoid Osteoarthritis Gout Lumbar Cervical
    Thoracic Sacral Pelvic Femoral Radial Ulnar Carotid Jugular Subclavian Cerebral Spinal Cord
    Brain Kidneys Bladder Prostate Breast Ovarian Uterine Thyroid Adrenal Pituitary Skull Hip Knee
    Shoulder Elbow Wrist Ankle Foot Eye Ear Nose Throat Mouth Tongue Teeth Abdominal Pelvis
    Lymph Node Nodes Blood Bone Marrow Biopsy Procedure Operation Surgery Repair Replacement
    Resection Transplantation Intubation Extubation Ventilation Ventilator Oxygen Rapid
    Response Comfort Measures Only Held Goals Advance Directive Infection Prevention Protective
    Child Adult Employee Occupational Quality Risk Relations Ethics Committee Board Float Charge
    Jr Sr II III IV
    Bence Republic Kingdom Emirates Island Islands
    """.split()
)
# English surnames that are also ordinary words: they end a name when a first name or a middle
# initial comes just before ("Liam White", "Charles S. West"), never on their own
_SURNAME_WORDS = frozenset(
    """
    White Black Brown Green Gray Grey West North South East Young Long Little Small Strong Sharp
    Good Best Rich Love Day Hall Wood Woods Hill Hills Bell Price Cook Church English French Major
    Christian Guy Case Ward Rose Park Lane Fox King Banks Wells Mills Stone Frost Hope Power Mark
    Will May Hunt Moody Bush Read Reed Bond Cross Gold Golden Hart Knight Lamb Marsh Nash Noble
    Page Pope Rice Snow Steel Street Swan Wall Walls Waters Wise Wolf House Hood Fields Ford Field
    """.split()
)
_ORGANISATION_HEADS = (
    r"(?:Hospital|Hospitals|Clinic|Clinics|Center|Centre|Centers|Laboratory|Laboratories|University|"
    r"College|Institute|Foundation|Commission|Registry|Inventory|Index|Questionnaire|Scale|Survey|"
    r"Corporation|Corp|Company|Inc|Instruments|Electronics|Pharmaceuticals?|Scientific|Associates|"
    r"Society|Association|Council|Memorial|Infirmary|Children's"
    # ... but "Jane Roe Study ID 12", "Jane Roe Study Coordinator" are people
    r"|(?:Study|Trial|Group)(?![ \t]*(?i:id\b|#|no\b|number|coordinator|nurse|participant|subject)))"
)
# eponyms are names only with a title or a cue; "Murphy sign", "Smith fracture"
_EPONYM_FOLLOWERS = re.compile(
    r"^(?:'s)?\s+(?i:disease|syndrome|sign|signs|palsy|lymphoma|sarcoma|score|scale|test|criteria|"
    r"classification|maneuver|manoeuvre|phenomenon|reflex|fracture|procedure|operation|tube|catheter|"
    r"cell|cells|node|nodes|law|triad|ulcer|esophagus|disorder|anomaly|tumou?r|solution|stain|"
    r"staging|respiration|technique|repair|incision|protein|proteins|proteinuria)\b"
    # laboratory reagents, strains, devices and statistics named after people ("Krebs buffer",
    # "Lewis antigens", "Sprague Dawley rats", "Cox regression"); no possessive: "Mary's cycle"
    r"|^\s+(?i:buffer|agar|antigens?|antibod(?:y|ies)|vaccine|strain|rats?|mice|mouse|valve|prosthes[ie]s|"
    r"cycle|regression|correlation|coefficient|proportional|hazards?|distribution|equation|formula|"
    r"curve|method|model|units?)\b"
    # organisations: a capitalised head within three words ("Queen Elizabeth Hospital", "Duke
    # Melanoma Clinic", "Epidemiology Research International Mortality Study Group")
    rf"|^(?:'s)?(?:[ \t]+[{_UP}][{_LO}]+){{0,2}}[ \t]+{_ORGANISATION_HEADS}\b"
)
# a span that ends in one of them is an organisation too ("Technicon Instruments Corp")
_ORGANISATION_END = re.compile(rf"\b{_ORGANISATION_HEADS}$")
# a place or an institution, not a person, after these ("St. Thomas' solution", "University of Pittsburgh")
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:St|Ste|Saint|Sainte|San|Santa|Fort|Mount|Mt|Lake|Port)\.?|"
    r"\b(?:University|College|Republic|Kingdom|State|Commonwealth|Province|Ministry|Department|"
    r"Hospital|Institute|School)\s+of)[ \t]+$"
)


@lru_cache(maxsize=1)
def _name_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    path = Path(__file__).with_name("data") / "names.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(data["first"]), frozenset(data["last"]), frozenset(data["ambiguous"])


# ---------------------------------------------------------------------------------------------
class Deidentifier:
    """Find and replace protected health information in clinical text.

    Parameters
    ----------
    types: identifier types to remove (default: all of :data:`TYPES`).
    date_shift: replace dates by ``[DATE yyyy-mm-dd]`` shifted by a per-patient offset instead of
        ``[DATE]`` (needs ``patient_ids`` in :meth:`transform`; dates without a patient or
        without a year still become ``[DATE]``).
    max_shift_days: offsets are drawn from ``[-max_shift_days, max_shift_days]`` (never 0).
    secret: HMAC key for the offsets. Default: the ``MEDNN_DEID_SECRET`` environment
        variable, else a key derived from ``seed`` (reproducible, so not secret: set one for
        real data so that nobody can undo the shift).
    seed: see ``secret``.
    use_name_lists: also find names without a cue by the shipped list of common names.
    extra_names: names to always remove (e.g. the site's staff list), matched as whole words.

    >>> Deidentifier().fit().find("MRN: 12345678")
    [(5, 13, 'ID')]
    """

    def __init__(
        self,
        types: Sequence[str] | None = None,
        date_shift: bool = False,
        max_shift_days: int = 365,
        secret: str | None = None,
        seed: int = 0,
        use_name_lists: bool = True,
        extra_names: Sequence[str] = (),
    ):
        self.types = types
        self.date_shift = date_shift
        self.max_shift_days = max_shift_days
        self.secret = secret
        self.seed = seed
        self.use_name_lists = use_name_lists
        self.extra_names = extra_names

    # -- sklearn contract ----------------------------------------------------------------------
    def fit(self, texts: Iterable[str] | None = None, patient_ids: Any = None) -> "Deidentifier":
        """Validate the options and load the name lists (nothing is learnt from ``texts``)."""
        types = TYPES if self.types is None else tuple(str(t).upper() for t in self.types)
        unknown = [t for t in types if t not in TYPES]
        if unknown:
            raise ConfigError(
                f"Unknown de-identification type(s) {', '.join(unknown)}; expected some of {', '.join(TYPES)}"
            )
        if int(self.max_shift_days) < 1:
            raise ConfigError(f"max_shift_days must be >= 1; got {self.max_shift_days}")
        self.types_ = frozenset(types)
        first, last, ambiguous = _name_lists() if self.use_name_lists else (frozenset(),) * 3
        self.first_names_, self.last_names_, self.ambiguous_names_ = first, last, ambiguous
        extra = [n.strip() for n in self.extra_names if n and n.strip()]
        self.extra_names_re_ = (
            re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(extra, key=len, reverse=True)) + r")\b")
            if extra else None
        )
        secret = self.secret or os.environ.get("MEDNN_DEID_SECRET") or f"mednn-deid-seed-{self.seed}"
        # keep only a derived key: the offsets are recomputed per patient, never stored
        self._key = hashlib.sha256(secret.encode("utf-8")).digest()
        self.fitted_ = True
        return self

    def _check_fitted(self) -> None:
        if not getattr(self, "fitted_", False):
            raise NotFittedError("Deidentifier is used before fit(); call Deidentifier(...).fit() first")

    def fit_transform(self, texts: Sequence[str], patient_ids: Sequence[Any] | None = None) -> list[str]:
        return self.fit(texts, patient_ids).transform(texts, patient_ids)

    def transform(self, texts: Sequence[str], patient_ids: Sequence[Any] | None = None) -> list[str]:
        """De-identified copies of ``texts`` (``patient_ids`` keys the date shift)."""
        return self.transform_with_report(texts, patient_ids)[0]

    def transform_with_report(
        self, texts: Sequence[str], patient_ids: Sequence[Any] | None = None
    ) -> tuple[list[str], dict[str, Any]]:
        """Like :meth:`transform`, plus counts per type (never the strings found)."""
        self._check_fitted()
        if isinstance(texts, str):
            raise DataError("Deidentifier.transform expects a list of texts; got a single string; fix: pass [text]")
        texts = list(texts)
        if patient_ids is not None and len(patient_ids) != len(texts):
            raise DataError(
                f"patient_ids has {len(patient_ids)} entries for {len(texts)} texts; fix: pass one per text"
            )
        bad = [i for i, t in enumerate(texts) if not isinstance(t, str)]
        if bad:
            raise DataError(f"Texts at positions {_rows(bad)} are not strings; fix: drop or fill them before de-identification")
        counts: Counter[str] = Counter()
        out, changed = [], 0
        for i, text in enumerate(texts):
            pid = None if patient_ids is None else patient_ids[i]
            spans = self.find(text)
            counts.update(t for _, _, t in spans)
            new = self._replace(text, spans, pid)
            changed += new != text
            out.append(new)
        report = {
            "n_texts": len(texts),
            "n_texts_changed": changed,
            "counts": {t: counts.get(t, 0) for t in TYPES if t in self.types_},
            "date_shift": bool(self.date_shift),
        }
        return out, report

    # -- finding -------------------------------------------------------------------------------
    def find(self, text: str) -> list[Span]:
        """Spans ``(start, end, type)`` of protected information, sorted, not overlapping."""
        self._check_fitted()
        protected = [(m.start(), m.end()) for m in _PLACEHOLDER_RE.finditer(text)]
        candidates: list[Span] = []
        for kind, finder in (
            ("EMAIL", self._find_email), ("URL", self._find_url), ("IP", self._find_ip),
            ("SSN", self._find_ssn), ("PHONE", self._find_phone), ("ADDRESS", self._find_address),
            ("DATE", self._find_date), ("ID", self._find_id), ("ZIP", self._find_zip),
            ("AGE", self._find_age),
        ):
            candidates.extend(finder(text))
        candidates.extend(self._find_name(text))
        chosen: list[Span] = []
        taken: list[tuple[int, int]] = list(protected)
        for start, end, kind in sorted(candidates, key=lambda s: (_PRIORITY[s[2]], -(s[1] - s[0]), s[0])):
            if kind not in self.types_ and not (kind == "FAX" and "PHONE" in self.types_):
                continue
            if start >= end or any(start < e and s < end for s, e in taken):
                continue
            chosen.append((start, end, kind))
            taken.append((start, end))
        return sorted(chosen)

    def _find_email(self, text: str) -> list[Span]:
        return [(m.start(), m.end(), "EMAIL") for m in _EMAIL_RE.finditer(text)]

    def _find_url(self, text: str) -> list[Span]:
        spans = []
        for m in _URL_RE.finditer(text):
            end = m.end()
            while end > m.start() and text[end - 1] in ".,;:!?)]}'\"":
                end -= 1
            if re.fullmatch(r"[\d.]+", text[m.start():end]):
                continue
            spans.append((m.start(), end, "URL"))
        return spans

    def _find_ip(self, text: str) -> list[Span]:
        spans = [(m.start(), m.end(), "IP") for m in _IPV4_RE.finditer(text)]
        for m in _IPV6_CANDIDATE_RE.finditer(text):
            try:
                ipaddress.IPv6Address(m.group())
            except ValueError:
                continue
            spans.append((m.start(), m.end(), "IP"))
        return spans

    def _find_ssn(self, text: str) -> list[Span]:
        spans = [(m.start(), m.end(), "SSN") for m in _SSN_RE.finditer(text)]
        spans += [(m.start("v"), m.end("v"), "SSN") for m in _SSN_CUE_RE.finditer(text)]
        return spans

    def _find_phone(self, text: str) -> list[Span]:
        spans = []
        for m in _PHONE_RE.finditer(text):
            if sum(c.isdigit() for c in m.group()) < 7:
                continue
            spans.append((m.start(), m.end(), "PHONE"))
        for m in _PHONE_CUE_RE.finditer(text):
            spans.append((m.start("v"), m.end(), "PHONE"))
        return [(s, e, "FAX" if _FAX_CONTEXT_RE.search(text[max(0, s - 30):s]) else k) for s, e, k in spans]

    def _find_address(self, text: str) -> list[Span]:
        spans = [(m.start(), m.end(), "ADDRESS") for m in _ADDRESS_RE.finditer(text)]
        spans += [(m.start(), m.end(), "ADDRESS") for m in _CSZ_RE.finditer(text)]
        spans += [(m.start(), m.end(), "ADDRESS") for m in _MILITARY_RE.finditer(text)]
        spans += [(m.start(), m.end(), "ADDRESS") for m in _PO_BOX_RE.finditer(text)]
        return spans

    def _find_zip(self, text: str) -> list[Span]:
        spans = []
        for m in _ZIP_RE.finditer(text):
            g = "v" if m.group("v") else "w" if m.group("w") else "x"
            spans.append((m.start(g), m.end(g), "ZIP"))
        return spans

    def _find_date(self, text: str) -> list[Span]:
        spans = []
        for pattern, kind in _DATE_PATTERNS:
            for m in pattern.finditer(text):
                if _parse_date(m, kind) is False:
                    continue
                group = "m" if kind == "md_num" else 0
                start = m.start(group)
                spans.append((start, m.end(), "DATE"))
        return spans

    def _find_age(self, text: str) -> list[Span]:
        spans = []
        for pattern in _AGE_PATTERNS:
            for m in pattern.finditer(text):
                if 90 <= int(m.group("n")) <= 130:
                    spans.append((m.start("n"), m.end("n"), "AGE"))
        return spans

    def _find_id(self, text: str) -> list[Span]:
        spans = [(m.start("v"), m.end("v"), "ID") for m in _ID_CUE_RE.finditer(text)]
        spans += [(m.start(), m.end(), "ID") for m in _ID_BARE_RE.finditer(text)]
        return spans

    def _find_name(self, text: str) -> list[Span]:
        first, last, ambiguous = self.first_names_, self.last_names_, self.ambiguous_names_
        spans: list[Span] = []

        def known(tok: str) -> bool:
            t = tok.capitalize() if tok.isupper() else tok
            return (t in first or t in last) and t not in ambiguous and t not in _COMMON_WORDS

        def add(start: int, words: list[re.Match], need_known: bool, single_ok: bool = True,
                strict: bool = True) -> None:
            # strict: keep the first run of words that are not ordinary capitalised words
            # ("Cardiology Fellow John Smith" -> "John Smith"); after a title or before a
            # credential only function words end the name ("Dr. Lydia Ward", "S. May, RN")
            stop = (lambda w: _is_common(w) and not known(w)) if strict else (lambda w: w in _FUNCTION_WORDS)
            runs, run = [], []
            for w in words:
                if stop(w.group()) and not (strict and w.group() in _SURNAME_WORDS and _ends_in_given_name(run)):
                    if run:
                        runs.append(run)
                    run = []
                else:
                    run.append(w)
            if run:
                runs.append(run)
            if not runs:
                return
            words = max(runs, key=lambda r: (any(known(w.group()) for w in r), len(r)))
            real = [w for w in words if not w.group().endswith(".")]
            if not real:
                return
            if (need_known or (len(real) == 1 and not single_ok)) and not any(known(w.group()) for w in words):
                return
            spans.append((start + words[0].start(), start + words[-1].end(), "NAME"))

        for m in _TITLE_RE.finditer(text):
            add(m.start("name"), list(_TOKEN_P_RE.finditer(m.group("name"))), need_known=False, strict=False)
        for m in _CREDENTIAL_RE.finditer(text):
            words = list(_TOKEN_RE.finditer(m.group("name")))
            # "Seen by cardiology fellow John Smith, MD": keep the last words that look like a name
            # ... but never cut "First M. Last": a middle initial marks a whole personal name
            while len(words) > 2 and not known(words[0].group()) and not words[1].group().endswith("."):
                words = words[1:]
            add(m.start("name"), words, need_known=False, strict=len(words) > 2)
        for m in _CUE_RE.finditer(text):
            words = list(_TOKEN_P_RE.finditer(m.group("name")))
            cue = text[m.start():m.start("name")].strip().lower()
            weak = cue.startswith(("patient", "pt", "per", "called", "contact", "cc", "dear", "nurse")) and not cue.endswith(":")
            if weak and any(w.group().isupper() and len(w.group()) > 1 for w in words):
                continue  # "per HMO": an acronym after a weak cue is not a name
            # after a weak cue a single unknown word is too often a clinical term ("Patient Education")
            # "with Myasthenia Gravis", "groups for: RBC loss": only listed names count
            generic = cue.rstrip(":#,-–— ") in ("with", "for")
            if generic and any(w.group().isupper() and len(w.group()) > 1 for w in words):
                continue
            add(m.start("name"), words, need_known=generic or (weak and len(words) == 1),
                single_ok=cue.endswith((":", ",")))
        for rule in (_SUBJECT_RE, _AFTER_CUE_RE):
            for m in rule.finditer(text):
                words = list(_TOKEN_RE.finditer(m.group("name")))
                if len(words) >= 2:
                    add(m.start("name"), words, need_known=False, single_ok=False)
        for m in _BEFORE_ID_RE.finditer(text):
            add(m.start("name"), list(_TOKEN_RE.finditer(m.group("name"))), need_known=False)
        for m in _PERSON_CUE_RE.finditer(text):
            if not _is_common(m.group("name")):
                spans.append((m.start("name"), m.end("name"), "NAME"))
        for m in _VERB_PAIR_RE.finditer(text):
            # both words must be unusual: "sent to Mayo Clinic" is a place, not a person
            name_words = m.group("name").split()
            first_word, last_word = name_words[0], name_words[-1]
            if not _is_common(first_word) and (not _is_common(last_word) or last_word in _SURNAME_WORDS):
                spans.append((m.start("name"), m.end("name"), "NAME"))
        for m in _HEADER_RE.finditer(text):
            words = list(_TOKEN_RE.finditer(m.group("name")))
            if not any(_is_common(w.group()) for w in words):
                spans.append((m.start("name"), m.end("name"), "NAME"))
        for m in _LAST_FIRST_RE.finditer(text):
            lt, ft = m.group("last"), m.group("first")
            if known(lt) and ft in first and lt in last:
                spans.append((m.start(), m.end(), "NAME"))
        for m in _PAIR_RE.finditer(text):
            words = list(_TOKEN_RE.finditer(m.group("name")))
            spans.extend(self._pairs_from_lists(text, m.start("name"), words, known))
        if self.extra_names_re_ is not None:
            spans += [(m.start(), m.end(), "NAME") for m in self.extra_names_re_.finditer(text)]
        spans = [s for s in spans if _has_title(text, s[0]) or not (
            _EPONYM_FOLLOWERS.match(text[s[1]:s[1] + 60]) or _PLACE_BEFORE.search(text[max(0, s[0] - 30):s[0]])
            or _ORGANISATION_END.search(text[s[0]:s[1]]))]
        return spans + self._propagate(text, spans)

    def _pairs_from_lists(self, text: str, offset: int, words: list[re.Match], known) -> list[Span]:
        """Runs of capitalised words with a listed name and no ordinary word ('John Smith',
        'Maria T. Gonzalez', 'J. Smith'), and lone listed first names ('message left for Laurie')."""
        spans = []
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
                if (word in self.first_names_ or (initial and word in self.last_names_)) and known(word):
                    spans.append((offset + run[0].start(), offset + run[-1].end(), "NAME"))

        for w in words:
            if (_is_common(w.group()) or w.group().isupper() and len(w.group()) > 1 and not w.group().endswith(".")
                    or _glued(text, offset + w.start(), offset + w.end())):
                close()
                run = []
            else:
                run.append(w)
        close()
        return spans

    def _propagate(self, text: str, spans: list[Span]) -> list[Span]:
        """Once a name is found, its words elsewhere in the same text are names too ("Smith's")."""
        words = set()
        for s, e, _ in spans:
            for tok in _TOKEN_RE.findall(text[s:e]):
                if len(tok) > 2 and not tok.endswith(".") and not _is_common(tok):
                    words.add(tok)
        if not words:
            return []
        pattern = re.compile(r"(?<![\w\-])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w\-])")
        return [(m.start(), m.end(), "NAME") for m in pattern.finditer(text)]

    # -- replacing -----------------------------------------------------------------------------
    def _replace(self, text: str, spans: list[Span], patient_id: Any) -> str:
        if not spans:
            return text
        parts, pos = [], 0
        offset = None
        if self.date_shift and patient_id is not None and not _is_missing(patient_id):
            offset = self._offset_days(patient_id)
        for start, end, kind in spans:
            parts.append(text[pos:start])
            parts.append(self._placeholder(text[start:end], kind, offset))
            pos = end
        parts.append(text[pos:])
        return "".join(parts)

    def _placeholder(self, found: str, kind: str, offset: int | None) -> str:
        if kind == "AGE":
            return "90+"
        if kind == "DATE" and offset is not None:
            shifted = _shift_date(found, offset)
            if shifted is not None:
                return f"[DATE {shifted}]"
        return f"[{kind}]"

    def _offset_days(self, patient_id: Any) -> int:
        """A stable, non-zero offset per patient: HMAC-SHA256(key, id) -> [-max, max] \\ {0}."""
        digest = hmac.new(self._key, str(patient_id).encode("utf-8"), hashlib.sha256).digest()
        span = int(self.max_shift_days)
        value = int.from_bytes(digest[:8], "big") % (2 * span)
        return value - span if value < span else value - span + 1


# ---------------------------------------------------------------------------------------------
def _is_common(word: str) -> bool:
    return word in _COMMON_WORDS or word.capitalize() in _COMMON_WORDS


_GLUED_AFTER_RE = re.compile(r"[A-Za-z0-9+]|-[A-Z0-9]")


def _glued(text: str, start: int, end: int) -> bool:
    """True for a word stuck to capitals, digits or symbols: a formula or a code, not a name
    ("NaCl", "PaCO2", "Na+/Li+", "Ara-C", "non-Hodgkin")."""
    return _GLUED_AFTER_RE.match(text, end) is not None or (start > 0 and text[start - 1] in "/+-")


def _ends_in_given_name(run: list[re.Match]) -> bool:
    """True when a run ends in a name word ("Liam") or a middle initial after one ("Charles S.")."""
    if not run:
        return False
    last = run[-1].group()
    if last.endswith("."):
        return len(run) >= 2 and not run[-2].group().endswith(".")
    return not _is_common(last) and not (last.isupper() and len(last) > 1)


def _has_title(text: str, start: int) -> bool:
    return re.search(rf"\b{_TITLES}\.?\s+$", text[max(0, start - 12):start]) is not None


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value) or str(value) == ""


def _rows(index: Sequence[int], base: int = 0, limit: int = 10) -> str:
    shown = ", ".join(str(i + base) for i in index[:limit])
    more = f" and {len(index) - limit} more" if len(index) > limit else ""
    return shown + more


def _year(y: str) -> int:
    value = int(y)
    if len(y) == 2:  # two-digit years: 00-30 -> 2000s, else 1900s
        value += 2000 if value <= 30 else 1900
    return value


def _parse_date(m: re.Match, kind: str):
    """(year, month, day) with None for missing parts; False if the match is not a real date."""
    g = m.groupdict()
    try:
        if kind in ("mdy", "dmy", "md", "dm"):
            month = _MONTHS[g["mon"].rstrip(".").lower()]
            day, year = int(g["d"]), (_year(g["y"]) if g.get("y") else None)
        elif kind == "ymd":
            year, month, day = int(g["y"]), int(g["m"]), int(g["d"])
        elif kind == "num":
            a, b, year = int(g["a"]), int(g["b"]), _year(g["y"])
            month, day = (a, b) if a <= 12 else (b, a)  # US month/day unless the first part > 12
            if len(g["y"]) == 2 and g["s"] == ".":
                return False  # 1.2.23 is more often a version or a measurement than a date
        elif kind in ("my", "my_num"):
            month = _MONTHS[g["mon"].rstrip(".").lower()] if kind == "my" else int(g["m"])
            year, day = int(g["y"]), None
        else:  # md_num
            month, day, year = int(g["m"]), int(g["d"]), None
        _dt.date(year or 2000, month, day or 1)
    except (ValueError, KeyError):
        return False
    return year, month, day


def _shift_date(found: str, offset: int) -> str | None:
    for pattern, kind in _DATE_PATTERNS:
        m = pattern.fullmatch(found)
        if m is None:
            continue
        parsed = _parse_date(m, kind)
        if not parsed:
            return None
        year, month, day = parsed
        if year is None:
            return None  # without a year the shifted day would be ambiguous
        if day is None:  # month precision: shift the middle of the month, keep month precision
            return (_dt.date(year, month, 15) + _dt.timedelta(days=offset)).strftime("%Y-%m")
        return (_dt.date(year, month, day) + _dt.timedelta(days=offset)).isoformat()
    return None


# ---------------------------------------------------------------------------------------------
def deidentify_notes(dataset):
    """A text Dataset de-identified (``privacy.deid``); any other modality unchanged. Training,
    prediction and serving all read notes through this."""
    if dataset.modality != "text":
        return dataset
    return deidentify_dataset(dataset)[0]  # the counts are kept in dataset.notes["deid"]


def deidentify_dataset(dataset, **options: Any):
    """Return ``(de-identified copy of a text Dataset, report)``; ``options`` go to :class:`Deidentifier`.

    The patient ids (``dataset.groups``) key the date shift. The report (also stored in
    ``dataset.notes["deid"]``) holds counts per type only.
    """
    if not isinstance(dataset.inputs, list):
        raise DataError(
            f"De-identification needs a text dataset (a list of texts); got {type(dataset.inputs).__name__} "
            f"from {dataset.source or 'the reader'}; fix: set privacy.deid: false for non-text data"
        )
    deid = Deidentifier(**options).fit()
    groups = None if dataset.groups is None else list(dataset.groups)
    texts, report = deid.transform_with_report(dataset.inputs, groups)
    notes = dict(dataset.notes)
    notes["deid"] = report
    return replace(dataset, inputs=texts, notes=notes), report


def deidentify_file(
    input: str | Path,
    output: str | Path,
    text_columns: str | Sequence[str],
    patient_column: str | None = None,
    **options: Any,
) -> dict[str, Any]:
    """De-identify the text columns of a CSV / TSV / JSONL file into ``output`` (written atomically).

    Other columns are copied unchanged. Returns counts per type (never the strings found).

    >>> deidentify_file("notes.csv", "notes.deid.csv", text_columns="note")  # doctest: +SKIP
    {'input': 'notes.csv', 'rows': 120, 'counts': {'NAME': 87, ...}, ...}
    """
    from ..data.text import read_table, write_table

    input, output = Path(input), Path(output)
    if input.resolve() == output.resolve():
        raise ConfigError(f"Output {output} is the input file; fix: pass a different --out path")
    from ..data.limits import columns_for_message

    columns = [text_columns] if isinstance(text_columns, str) else list(text_columns)
    frame = read_table(input)
    missing = [c for c in columns + ([patient_column] if patient_column else []) if c not in frame.columns]
    if missing:
        raise DataError(
            f"{input}: column(s) {', '.join(map(repr, missing))} not found; "
            f"{columns_for_message(list(frame.columns), prefix='valid columns')}"
        )
    deid = Deidentifier(**options).fit()
    patients = None if patient_column is None else [None if _is_missing(v) else v for v in frame[patient_column]]
    total: Counter[str] = Counter()
    changed = 0
    for column in columns:
        values = frame[column].tolist()
        present = [i for i, v in enumerate(values) if isinstance(v, str)]
        texts = [values[i] for i in present]
        pids = None if patients is None else [patients[i] for i in present]
        new, report = deid.transform_with_report(texts, pids)
        for i, t in zip(present, new):
            values[i] = t
        frame[column] = values
        total.update(report["counts"])
        changed += report["n_texts_changed"]
    write_table(frame, output, like=input)
    return {
        "input": str(input),
        "output": str(output),
        "rows": int(len(frame)),
        "text_columns": columns,
        "texts_changed": changed,
        "counts": {t: total.get(t, 0) for t in TYPES if t in deid.types_},
        "date_shift": bool(deid.date_shift),
    }


# ---------------------------------------------------------------------------------------------
# identifier columns of a table: a column whose cells are names, e-mails, phone numbers, record
# numbers or dates would become one-hot features, and one-hot category names are stored in the
# run (featurizer.json, data.json) and shown in the report
COLUMN_TYPES: tuple[str, ...] = ("NAME", "EMAIL", "PHONE", "SSN", "ID", "DATE", "ADDRESS", "URL", "IP")
COLUMN_TYPE_WORDS = {
    "NAME": "person names", "EMAIL": "e-mail addresses", "PHONE": "phone numbers",
    "SSN": "social security numbers", "ID": "record numbers (MRN-like codes)", "DATE": "dates (e.g. of birth)",
    "ADDRESS": "street addresses", "URL": "web addresses", "IP": "IP addresses",
}
_LONE_WORD_RE = re.compile(_WORD)


@lru_cache(maxsize=1)
def _column_detector() -> Deidentifier:
    return Deidentifier(types=COLUMN_TYPES + ("FAX",)).fit()


def identifier_kind(value: str) -> str | None:
    """The identifier type that makes up (nearly) all of one short cell value, else ``None``.

    The de-identifier's detectors run on the value alone; a lone word counts as a name when it
    is in the shipped first- or last-name lists and is neither an ordinary capitalised word
    nor an ambiguous name ("Rose", "Will"), since a column of surnames has no other context.

    >>> identifier_kind("Smith, John"), identifier_kind("Metformin")
    ('NAME', None)
    """
    text = str(value).strip()
    letters = sum(c.isalnum() for c in text)
    if not letters or len(text) > 120:
        return None
    detector = _column_detector()
    covered: Counter[str] = Counter()
    for start, end, kind in detector.find(text):
        covered["PHONE" if kind == "FAX" else kind] += sum(c.isalnum() for c in text[start:end])
    if covered and sum(covered.values()) >= 0.8 * letters:
        return covered.most_common(1)[0][0]
    if _LONE_WORD_RE.fullmatch(text):
        word = text.capitalize() if text.isupper() else text
        if ((word in detector.first_names_ or word in detector.last_names_)
                and word not in detector.ambiguous_names_ and not _is_common(word)):
            return "NAME"
    return None


def identifier_column(values: Iterable[Any], *, sample: int = 200, share: float = 0.6) -> tuple[str, int, int] | None:
    """Whether a text column holds identifiers: ``(type, n_like, n_sampled)`` or ``None``.

    Looks at up to ``sample`` distinct values (in order of appearance); the column is an
    identifier when at least ``share`` of them are identifiers of one type. Only counts are
    returned, never the values.

    >>> identifier_column(["Ann Lee", "Bo Chan", "Ann Lee", "Sara Diaz"])
    ('NAME', 3, 3)
    """
    distinct: list[str] = []
    seen: set[str] = set()
    for v in values:
        if _is_missing(v):
            continue
        text = str(v).strip()
        if text and text not in seen:
            seen.add(text)
            distinct.append(text)
            if len(distinct) >= sample:
                break
    if not distinct:
        return None
    kinds = Counter(k for k in map(identifier_kind, distinct) if k is not None)
    if not kinds:
        return None
    kind, count = kinds.most_common(1)[0]
    needed = max(1, math.ceil(share * len(distinct) - 1e-9))
    return (kind, count, len(distinct)) if count >= needed else None
