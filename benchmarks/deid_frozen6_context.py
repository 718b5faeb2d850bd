"""One note's cast and the note-kind registry of the sixth frozen de-identification set.

``Ctx`` holds a note's locale, patient, relatives, staff, institutions and visit date, and hands out
``(TYPE, text)`` pairs for ``Note.f`` so a template names the PHI type at the place it writes it.
Note kinds register with ``@style(name, foreign=p)``: ``p`` is the chance a note of that kind comes from
outside the US (UK, Scotland, Ireland, Canada, Australia, New Zealand, South Africa, India, Singapore).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from deid_frozen6_phrases import (Note, Person, account, accession, age_over_89, base_date, biobank_id,
                                  biometric_id, claim_no, dea, device_serial, dictation_id, domain_of,
                                  fmt_date, fmt_year, ip_address, license_no, mrn, npi, photo_id, staff, url,
                                  vehicle)
from deid_frozen6_places import (COUNTIES, REGIONS, health_id, hospital, hospital_code, national_id, phone,
                                 postcode, street, town)

STYLES: dict[str, tuple] = {}
FOREIGN = ["UK", "UK", "SCOT", "IE", "CA", "CA", "AU", "NZ", "ZA", "IN", "SG"]


def style(name: str, foreign: float = 0.0, locales: list[str] | None = None):
    """Register a note kind: ``fn(ctx) -> (Note, casing)``."""
    def deco(fn):
        STYLES[name] = (fn, foreign, locales)
        return fn
    return deco


def pick_locale(rng: random.Random, foreign: float, locales: list[str] | None) -> str:
    if locales:
        return rng.choice(locales)
    return rng.choice(FOREIGN) if rng.random() < foreign else "US"


class Ctx:
    """The people, places and dates of one note."""

    def __init__(self, rng: random.Random, loc: str):
        self.rng, self.loc = rng, loc
        self.pt = Person(rng)
        self.rel = Person(rng, surname=self.pt.last if rng.random() < 0.5 else None)
        self.rel2 = Person(rng)
        self.staff = [Person(rng) for _ in range(5)]
        self.hosp, self.clinic = hospital(rng, loc), hospital(rng, loc)
        self.day = base_date(rng)
        self.old = rng.random() < 0.25
        self.age_text, self.age = age_over_89(rng) if self.old else (None, rng.randint(18, 88))
        self.dob = self.day - timedelta(days=365 * self.age + rng.randint(0, 360))
        self.dom = domain_of(rng, self.clinic)

    # ---- people
    def P(self, shape: str | None = None):
        return ("PATIENT", self.pt.name(self.rng, shape))

    def R(self, shape: str | None = None, second: bool = False):
        person = self.rel2 if second else self.rel
        return ("RELATIVE", person.name(self.rng, shape or self.rng.choice(["first", "full", "first", "lower", "nick"])))

    def C(self, i: int = 0, shape: str | None = None):
        person = self.staff[i % len(self.staff)]
        return ("CLINICIAN", person.name(self.rng, shape) if shape else staff(self.rng, person))

    def uid(self, i: int = 0):
        return ("CLINICIAN", self.staff[i % len(self.staff)].user_id(self.rng))

    def email(self, who: Person | None = None, domain: str | None = None):
        return ("EMAIL", (who or self.staff[0]).email(self.rng, domain or self.dom))

    # ---- places
    def H(self, second: bool = False):
        return ("HOSPITAL", self.clinic if second else self.hosp)

    def Hcode(self):
        return ("HOSPITAL", hospital_code(self.hosp))

    def town(self):
        return ("LOCATION", town(self.rng, self.loc))

    def county(self):
        return ("LOCATION", self.rng.choice(COUNTIES[self.loc]))

    def region(self) -> str:
        return self.rng.choice(REGIONS[self.loc])

    def street(self):
        return ("ADDRESS", street(self.rng, self.loc))

    def zip(self):
        return ("ZIP", postcode(self.rng, self.loc))

    def address(self, note: Note, sep: str | None = None) -> None:
        sep = sep or self.rng.choice([", ", "\n"])
        note.f("{a}" + sep + "{t}", a=self.street(), t=self.town())
        if self.loc in ("US", "CA", "AU"):
            note.add(self.rng.choice([", ", " "]) + self.region())
        note.f(self.rng.choice(["  ", " ", ", "]) + "{z}", z=self.zip())

    # ---- dates, ages
    def D(self, days: int = 0, shape: str | None = None):
        return ("DATE", fmt_date(self.rng, self.day + timedelta(days=days), self.loc, shape))

    def DOB(self, shape: str | None = None):
        return ("DATE", fmt_date(self.rng, self.dob, self.loc, shape or "full"))

    def Y(self, back: int | None = None):
        year = self.day.year - (back if back is not None else self.rng.randint(1, 30))
        return ("YEAR", fmt_year(self.rng, year))

    def Y2(self):
        """A two-digit year as in 'MI in 95' (span '95')."""
        return ("YEAR", f"{(self.day.year - self.rng.randint(5, 40)) % 100:02d}")

    def A(self):
        """The patient's age: an AGE span when over 89, plain digits otherwise."""
        return ("AGE", self.age_text) if self.old else str(self.age)

    def old_age(self):
        text, _ = age_over_89(self.rng)
        return ("AGE", text)

    # ---- numbers
    def phone(self, loc: str | None = None):
        return ("PHONE", phone(self.rng, loc or self.loc))

    def fax(self):
        return ("FAX", phone(self.rng, self.loc))

    def mrn(self):
        return ("ID_MRN", mrn(self.rng))

    def hp(self) -> tuple[str, tuple]:
        label, value = health_id(self.rng, self.loc)
        return label, ("ID_HEALTHPLAN", value)

    def ssn(self) -> tuple[str, tuple]:
        label, value = national_id(self.rng, self.loc)
        return label, ("SSN", value)

    def acc(self):
        return ("ID_ACCESSION", accession(self.rng))

    def dev(self):
        return ("ID_DEVICE", device_serial(self.rng))

    def dict_id(self):
        return ("ID_DICTATION", dictation_id(self.rng))

    def lic(self):
        return ("ID_LICENSE", license_no(self.rng))

    def npi(self):
        return ("ID_NPI", npi(self.rng))

    def dea(self, i: int = 0):
        return ("ID_DEA", dea(self.rng, self.staff[i % len(self.staff)].last))

    def bio(self):
        return ("ID_BIOBANK", biobank_id(self.rng))

    def photo(self):
        return ("ID_PHOTO", photo_id(self.rng))

    def biom(self):
        return ("BIOMETRIC", biometric_id(self.rng))

    def car(self):
        return ("VEHICLE", vehicle(self.rng, self.loc))

    def ip(self):
        return ("IP", ip_address(self.rng))

    def url(self, domain: str | None = None):
        return ("URL", url(self.rng, domain or self.dom, self.staff[0]))

    def account(self):
        return ("ID_ACCOUNT", account(self.rng))

    def claim(self):
        return ("ID_ACCOUNT", claim_no(self.rng))

    # ---- choices
    def pick(self, *options):
        return self.rng.choice(options)

    def casing(self, upper: float = 0.1, lower: float = 0.1) -> str:
        roll = self.rng.random()
        return "upper" if roll < upper else "lower" if roll < upper + lower else "normal"

    def time(self) -> str:
        h, m = self.rng.randint(0, 23), self.rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50, 55])
        return self.rng.choice([f"{h:02d}:{m:02d}", f"{h:02d}{m:02d}", f"{(h % 12) or 12}:{m:02d} {'am' if h < 12 else 'pm'}"])


__all__ = ["Ctx", "Note", "STYLES", "style", "pick_locale", "date"]
