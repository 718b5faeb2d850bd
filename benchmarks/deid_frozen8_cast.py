"""The people and places of one note of the eighth frozen set, and how notes write their names.

A ``Cast`` holds one patient, relatives, staff, a hospital and a home place for a locale (US, UK,
Scotland, Ireland, Canada, Australia, New Zealand, South Africa, India, Singapore). Name helpers
return line parts for ``Doc.ln``: plain strings and (LABEL, text) pairs; titles, credentials and a
possessive "'s" stay outside the span.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import deid_frozen8_ids as ids
import deid_frozen8_places as places
from deid_frozen8_names import FEMALE_HINT, FIRST_NAMES, SURNAMES, nickname

NON_US = ("UK", "UK", "SCOT", "IE", "CA", "CA", "AU", "NZ", "ZA", "IN", "SG")
ROLES_F = "wife daughter mother sister granddaughter niece partner aunt stepdaughter".split()
ROLES_M = "husband son father brother grandson nephew partner uncle stepson".split()


@dataclass
class Person:
    first: str
    last: str
    middle: str
    female: bool
    role: str = ""

    @property
    def nick(self) -> str:
        return nickname(self.first) or self.first


def person(rng, role: str = "") -> Person:
    first = rng.choice(FIRST_NAMES)
    last = rng.choice(SURNAMES)
    female = first in FEMALE_HINT if rng.random() < 0.9 else rng.random() < 0.5
    return Person(first, last, rng.choice("ABCDEFGHJKLMNPRSTW"), female, role)


@dataclass
class Cast:
    locale: str
    patient: Person
    relatives: list = field(default_factory=list)
    staff: list = field(default_factory=list)
    hospital: str = ""
    hospital2: str = ""
    town: str = ""
    town2: str = ""
    county: str = ""
    dob: object = None


def cast(rng, locale: str | None = None, child: bool = False) -> Cast:
    if locale is None:
        locale = rng.choice(NON_US) if rng.random() < 0.18 else "US"
    pt = person(rng)
    rels = []
    for _ in range(3):
        r = person(rng)
        if rng.random() < 0.5:
            r.last = pt.last
        r.role = rng.choice(ROLES_F if r.female else ROLES_M)
        if child:
            r.role = rng.choice(["mother", "mum", "stepmother"] if r.female else ["father", "dad", "grandfather"])
        rels.append(r)
    staff = [person(rng) for _ in range(5)]
    t1, t2 = places.town(rng, locale), places.town(rng, locale)
    h1 = places.hospital(rng, locale, (t1,), acute=rng.random() < 0.7)
    h2 = places.hospital(rng, locale, (t2,), acute=True)
    born = ids.a_date(rng, 1921, 1935) if rng.random() < 0.4 else ids.a_date(rng, 1936, 2020)
    if child:
        born = ids.a_date(rng, 2009, 2020)
    return Cast(locale, pt, rels, staff, h1, h2, t1, t2, places.county(rng, locale), born)


def pname(rng, p: Person, label: str = "PATIENT", form: str | None = None) -> list:
    """A person's name in one of many written forms, as line parts."""
    form = form or rng.choice("full full first_last_mid last_first LASTFIRST title first initial lower upper poss nick".split())
    if form == "full":
        return [(label, f"{p.first} {p.last}")]
    if form == "first_last_mid":
        return [(label, f"{p.first} {p.middle}. {p.last}")]
    if form == "last_first":
        return [(label, f"{p.last}, {p.first}")]
    if form == "LASTFIRST":
        return [(label, f"{p.last.upper()},{p.first.upper()} {p.middle}")]
    if form == "title":
        t = rng.choice(["Mrs", "Ms", "Miss", "Mrs."] if p.female else ["Mr", "Mr."])
        return [t + " ", (label, p.last)]
    if form == "first":
        return [(label, p.first)]
    if form == "initial":
        return [(label, rng.choice([f"{p.first[0]}. {p.last}", f"{p.first[0]} {p.last}", f"{p.first[0]}.{p.middle}. {p.last}"]))]
    if form == "lower":
        return [(label, f"{p.first} {p.last}".lower())]
    if form == "upper":
        return [(label, f"{p.first} {p.last}".upper())]
    if form == "poss":
        return [(label, rng.choice([p.first, p.last, f"{p.first} {p.last}"])), "'s"]
    return [(label, p.nick)]


def dr(rng, p: Person, form: str | None = None) -> list:
    """A staff member as notes write them: Dr Last, First Last RN, initials, user id, handle."""
    form = form or rng.choice("dr drfull cred last initials userid handle lower first".split())
    if form == "dr":
        return [rng.choice(["Dr ", "Dr. ", "DR "]), ("CLINICIAN", p.last)]
    if form == "drfull":
        return [rng.choice(["Dr ", "Dr. "]), ("CLINICIAN", f"{p.first} {p.last}")]
    if form == "cred":
        return [("CLINICIAN", f"{p.first} {p.last}"), rng.choice([", RN", " MD", ", NP", " PA-C", ", RGN", " FRCP", ", CNS", " (physio)"])]
    if form == "last":
        return [("CLINICIAN", p.last)]
    if form == "initials":
        return [("CLINICIAN", rng.choice([f"{p.first[0]}{p.middle}{p.last[0]}", f"{p.first[0]}.{p.last[0]}.", f"{p.first[0]}. {p.last}"]))]
    if form == "userid":
        return [("CLINICIAN", f"{p.first[0].lower()}{p.last.lower().replace(' ', '').replace(chr(39), '')}{rng.randint(1, 9)}")]
    if form == "handle":
        return ["@", ("CLINICIAN", f"{p.first.lower()}.{p.last.lower().replace(' ', '').replace(chr(39), '')[:8]}")]
    if form == "lower":
        return [("CLINICIAN", f"{p.first} {p.last}".lower())]
    return [("CLINICIAN", p.first)]


def rel(rng, r: Person) -> list:
    """A relative by role and name: 'her daughter Ama', 'wife (Ruby Hill)'."""
    nm = rng.choice([r.first, f"{r.first} {r.last}", r.first.lower(), r.nick])
    shape = rng.random()
    if shape < 0.5:
        return [rng.choice(["", "her ", "his ", "pt's "]) + r.role + " ", ("RELATIVE", nm)]
    if shape < 0.8:
        return [r.role + " (", ("RELATIVE", nm), ")"]
    return [("RELATIVE", nm), f" ({r.role})"]


def dob(rng, c: Cast) -> list:
    parts = [rng.choice(["DOB: ", "D.O.B. ", "dob ", "Date of birth: ", "born "]), ("DATE", ids.date_text(rng, c.dob, c.locale))]
    if rng.random() < 0.5:
        years = 2025 - c.dob.year
        if years > 89:
            text = str(years) if rng.random() < 0.7 else ids.words(years)
            parts += [" (", ("AGE", text), rng.choice(["yo)", " y/o)", " yrs)", ")"])]
        else:
            parts.append(f" ({years}y)")
    return parts


def address_lines(rng, c: Cast) -> list[list]:
    """Street, town, postcode as lines; the state or country stays plain."""
    loc = c.locale
    st = places.street(rng, loc)
    zp = places.postcode(rng, loc)
    tail = {"US": ", " + rng.choice(places.STATES["US"]), "CA": " " + rng.choice(places.STATES["CA"]),
            "AU": " " + rng.choice(places.STATES["AU"])}.get(loc, "")
    country = {"IE": "Ireland", "NZ": "New Zealand", "ZA": "South Africa", "IN": "India", "SG": "Singapore"}.get(loc, "")
    if loc == "SG":
        return [[("ADDRESS", st)], ["Singapore ", ("ZIP", zp)]]
    town_line = [("LOCATION", c.town), tail + " ", ("ZIP", zp)]
    if country and rng.random() < 0.6:
        town_line.append(", " + country)
    return [[("ADDRESS", st)], town_line]


def phone_part(rng, c: Cast, label: str = "PHONE") -> list:
    lead = rng.choice(["Tel ", "tel: ", "ph ", "Phone: ", "mob ", "cell ", "Home: ", "H: ", "C: "]) if label == "PHONE" else rng.choice(["Fax ", "fax: ", "F: ", "FAX# "])
    return [lead, (label, ids.phone(rng, c.locale))]


def case_for(rng, upper: float = 0.15, lower: float = 0.12) -> str:
    r = rng.random()
    return "upper" if r < upper else "lower" if r < upper + lower else "normal"


def age(rng, old: float = 0.45) -> list:
    """An age mention; ages over 89 (the only AGE spans) in digits or words, younger ones plain."""
    if rng.random() < old:
        before, text, after = ids.old_age(rng)
        return [before, ("AGE", text), after]
    return [f"{rng.randint(19, 88)}{rng.choice(['yo', ' y/o', ' years', 'F', 'M'])}"]


def _footer_pool(rng, doc, c: Cast) -> list:
    s, pick = c.staff[4], rng.choice
    return [
        lambda: doc.ln(pick(["Dictated by ", "Voice file: ", "dict. "]), *dr(rng, s, pick(["drfull", "initials", "dr"])),
                       pick([" job ", " / ", " Job#: ", " ref "]), ("ID_DICTATION", ids.ident(rng, "dictation"))),
        lambda: doc.ln(pick(["Prescriber NPI ", "NPI: ", "npi# "]), ("ID_NPI", ids.ident(rng, "npi")),
                       pick(["  DEA ", "; DEA# ", " dea "]), ("ID_DEA", ids.ident(rng, "dea"))),
        lambda: doc.ln(pick(["DEA reg ", "Controlled-drug reg. "]), ("ID_DEA", ids.ident(rng, "dea")), pick(["", " (exp 2027)"])),
        lambda: doc.ln(pick(["Printed from ", "Accessed from ", "Session IP "]), ("IP", ids.ip(rng)), " by ",
                       *dr(rng, s, "userid"), pick([" at 14:02", "", " 09:15"])),
        lambda: doc.ln(pick(["Portal: ", "Online: ", "See "]), ("URL", ids.url(rng, places.acronym(c.hospital)))),
        lambda: doc.ln(pick(["Sample banked: ", "Biobank id ", "Research sample "]), ("ID_BIOBANK", ids.ident(rng, "biobank"))),
        lambda: doc.ln(pick(["Voiceprint enrolment id ", "Fingerprint template ", "Palm-vein id ", "Iris scan ref "]),
                       ("BIOMETRIC", ids.ident(rng, "biometric"))),
        lambda: doc.ln(pick(["Fax results to ", "Return fax: ", "fax back "]), ("FAX", ids.phone(rng, c.locale))),
        lambda: doc.ln(pick(["Vehicle in lot: ", "Car reg ", "Parking permit plate "]), ("VEHICLE", ids.vehicle(rng, c.locale)),
                       pick([" (blue badge)", "", " - bay 14"])),
        lambda: doc.ln(pick(["Accession ", "Lab no. ", "Specimen "]), ("ID_ACCESSION", ids.ident(rng, "accession"))),
        lambda: doc.ln(pick(["ID no ", "SSN ", "National ID: "]), ("SSN", ids.national_id(rng, c.locale))),
        lambda: doc.ln(pick(["Sent to ", "cc ", "Reply to "]), ("EMAIL", ids.email(rng, s.first, s.last))),
    ]


def extras(rng, doc, c: Cast, k: int = 2) -> None:
    """A few admin footer lines as records carry them: the rarer identifier types live here."""
    for fn in rng.sample(_footer_pool(rng, doc, c), k):
        fn()
