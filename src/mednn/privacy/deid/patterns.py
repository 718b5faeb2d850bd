"""Regular-expression building blocks shared by the recognizers: name words in any script of
Latin letters, titles and credentials, month names, US states and street suffixes.

They are strings (not compiled) so that recognizers can combine them.
"""

from __future__ import annotations

from ...data.wordlists import US_STATE_CODES, US_STATE_NAMES

# Latin-1 plus Latin Extended-A (Wiśniewski, Dvořák, Aydın): that block mixes cases, so it is in both
UP = "A-ZÀ-ÖØ-ÞĀ-ſ"
LO = "a-zß-öø-ÿĀ-ſ"
# one capitalised name word: Smith, O'Neill, McDonald, Mary-Anne, DeShawn, José
WORD = rf"(?:Mc|Mac|O['’]|D['’]|De|Di|La|Le|Van|Von)?[{UP}][{LO}]+(?:[-'’][{UP}]?[{LO}]+)*"
INITIAL = rf"[{UP}]\."
PARTICLE = r"(?:van|von|de|der|den|da|di|del|della|la|le|du|dos|das|bin|ibn|al|el|ter)"
# up to four name words / initials, with lower-case particles between them (van der Berg);
# words of one name never span a line break ("Dictated by A. Smith\nPt ...")
NAME_SEQ = rf"(?:{WORD}|{INITIAL})(?:[ \t]+(?:{PARTICLE}[ \t]+)*(?:{WORD}|{INITIAL})){{0,3}}"
# after a title or a cue a name may open with a particle: "Prof. van der Berg"
NAME_SEQ_P = rf"(?:{PARTICLE}[ \t]+){{0,2}}{NAME_SEQ}"
CAPS_WORD = rf"[{UP}]{{2,}}(?:[-'][{UP}]+)*"

TITLES = r"(?:Dr|Mr|Mrs|Ms|Mx|Miss|Mister|Prof|Professor|Doctor|Rev|Sr|Fr)"
CREDENTIALS = (r"(?:M\.D\.|MD|D\.O\.|DO|RN|BSN|NP|APRN|FNP|PA-C|PA|PhD|MBBS|MBChB|FRCP|FRCS|FACP|FACS"
               r"|DNP|CNM|CRNA|LPN|MSW|LCSW|LICSW|PharmD|RPh|DPT|PGY-?\d|DDS|DMD|MPH|MSc|MS)")

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH_WORDS = sorted(MONTHS, key=len, reverse=True)
# Title case or upper case only: "may" and "mar" are ordinary words in lower case
MONTH = "(?:" + "|".join([m.capitalize() for m in _MONTH_WORDS] + [m.upper() for m in _MONTH_WORDS]) + r")\.?"
ORD = r"(?:st|nd|rd|th|ST|ND|RD|TH)?"  # "July 20th", "JULY 20TH"

STATE = "(?:" + "|".join(US_STATE_CODES) + "|" + "|".join(US_STATE_NAMES) + ")"
# USPS Publication 28 street suffixes and their common abbreviations
SUFFIXES = (
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
