"""Surrogate values and the marked-text note format of the fifth frozen de-identification set.

A note is written as one string in which every PHI value is wrapped by ``mark(TYPE, value)`` as
``\\x01TYPE\\x02value\\x03``; ``render`` removes the marks, applies the note's casing and typos to each
piece (never changing a piece's length), and returns the text and its (start, end, TYPE) spans.
``Gen`` holds one note's random state, its cast (patient, relatives, clinicians) and its region, and
returns marked surrogates of every type in many written forms.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import string

import deid_frozen5_names as names
import deid_frozen5_places as places

_MARK = re.compile("\x01([A-Z_]+)\x02(.*?)\x03", re.S)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
NUMBER_WORDS = {90: "ninety", 91: "ninety-one", 92: "ninety-two", 93: "ninety-three", 94: "ninety-four",
                95: "ninety-five", 96: "ninety-six", 97: "ninety-seven", 98: "ninety-eight",
                99: "ninety-nine", 100: "one hundred", 101: "one hundred and one", 102: "one hundred two"}


def mark(kind: str, value: str) -> str:
    return f"\x01{kind}\x02{value}\x03"


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _typo(rng: random.Random, text: str) -> str:
    """Swap two adjacent letters inside one longer word (same length, so offsets hold)."""
    words = [m for m in re.finditer(r"[A-Za-z]{5,}", text)]
    if not words:
        return text
    w = rng.choice(words)
    i = rng.randint(w.start() + 1, w.end() - 2)
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]


def render(marked: str, casing: str, rng: random.Random, typo_rate: float) -> tuple[str, list[tuple[int, int, str]]]:
    """Turn a marked note into (text, spans); casing is 'normal', 'upper' or 'lower'."""
    pieces: list[tuple[str, str | None]] = []
    pos = 0
    for m in _MARK.finditer(marked):
        pieces.append((marked[pos:m.start()], None))
        pieces.append((m.group(2), m.group(1)))
        pos = m.end()
    pieces.append((marked[pos:], None))
    out: list[str] = []
    spans: list[tuple[int, int, str]] = []
    offset = 0
    for text, kind in pieces:
        cased = {"upper": text.upper(), "lower": text.lower()}.get(casing, text)
        if len(cased) != len(text):
            cased = text
        if kind is None and len(cased) > 40 and rng.random() < typo_rate:
            cased = _typo(rng, cased)
        if kind is not None:
            if "\x01" in text or "\x03" in text or not text.strip():
                raise ValueError(f"bad marked value for {kind}")
            lead = len(cased) - len(cased.lstrip())
            trail = len(cased.rstrip())
            spans.append((offset + lead, offset + trail, kind))
        out.append(cased)
        offset += len(cased)
    text = "".join(out)
    if "\x01" in text or "\x02" in text or "\x03" in text:
        raise ValueError("unbalanced marks in a note")
    return text, spans


class Person:
    def __init__(self, rng: random.Random, sex: str | None = None):
        self.first = rng.choice(names.FIRST_NAMES)
        surnames = names.all_surnames()
        self.last = rng.choice(names.CLINICAL_LOOKING_SURNAMES) if rng.random() < 0.15 else rng.choice(surnames)
        self.middle = rng.choice(string.ascii_uppercase.replace("X", ""))
        self.sex = sex or rng.choice("MF")
        self.nick = names.NICKNAMES.get(self.first)


class Gen:
    """Surrogates for one note: the cast stays the same across the note's mentions."""

    def __init__(self, rng: random.Random, region: str = "US"):
        self.rng = rng
        self.region = region
        self.pt = Person(rng)
        self.anchor = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 8 * 365))
        self.hosp_name = self._hospital()
        self.years = rng.randint(90, 102) if rng.random() < 0.33 else rng.randint(19, 88)
        self._title = ("Mr." if self.pt.sex == "M" else rng.choice(("Mrs.", "Ms.", "Miss", "Ms")))

    # ---- people -------------------------------------------------------------------------
    def _name_form(self, p: Person, kind: str, form: str | None) -> str:
        r = self.rng
        form = form or r.choice(("full", "full", "full", "last_first", "caps", "initial", "first",
                                 "last", "lower", "mid"))
        if form == "full":
            return mark(kind, f"{p.first} {p.last}")
        if form == "mid":
            return mark(kind, f"{p.first} {p.middle}. {p.last}")
        if form == "last_first":
            return mark(kind, f"{p.last}, {p.first}")
        if form == "caps":
            return mark(kind, f"{p.last.upper()},{p.first.upper()} {p.middle}")
        if form == "initial":
            return mark(kind, f"{p.first[0]}. {p.last}")
        if form == "initials":
            return mark(kind, f"{p.first[0]}{p.last[0]}")
        if form == "first":
            return mark(kind, p.nick if p.nick and r.random() < 0.5 else p.first)
        if form == "lower":
            return mark(kind, f"{p.first} {p.last}".lower())
        if form == "poss":
            return mark(kind, p.last) + "'s"
        return mark(kind, p.last)

    def patient(self, form: str | None = None) -> str:
        return self._name_form(self.pt, "PATIENT", form)

    def title(self) -> str:
        return self._title

    def he(self) -> str:
        return "He" if self.pt.sex == "M" else "She"

    def his(self) -> str:
        return "his" if self.pt.sex == "M" else "her"

    def mr(self) -> str:
        """Title + surname: 'Mrs. Okafor' with the title outside the span."""
        return f"{self.title()} {mark('PATIENT', self.pt.last)}"

    def clin(self, form: str | None = None, title: bool = True) -> str:
        p = Person(self.rng)
        r = self.rng
        form = form or r.choice(("dr_last", "dr_last", "full_cred", "initial_last", "last", "first_last",
                                 "caps", "lone_initial", "userid"))
        if form == "dr_last":
            return ("Dr. " if title else "") + mark("CLINICIAN", p.last)
        if form == "full_cred":
            return mark("CLINICIAN", f"{p.first} {p.last}") + r.choice((", MD", " MD", ", RN", ", DO", ", NP",
                                                                        " PA-C", ", RT", ", CCC-SLP", ", RD"))
        if form == "initial_last":
            return mark("CLINICIAN", f"{p.first[0]}. {p.last}")
        if form == "first_last":
            return mark("CLINICIAN", f"{p.first} {p.last}")
        if form == "caps":
            return mark("CLINICIAN", f"{p.last.upper()}, {p.first.upper()}")
        if form == "lone_initial":
            return mark("CLINICIAN", p.first[0] + p.last[0])
        if form == "userid":
            return mark("CLINICIAN", re.sub(r"[^a-z]", "", (p.first[0] + p.last).lower())[:8] + str(r.randint(1, 99)))
        return mark("CLINICIAN", p.last)

    def rel(self, form: str | None = None, same_surname: bool | None = None) -> str:
        p = Person(self.rng)
        if same_surname or (same_surname is None and self.rng.random() < 0.5):
            p.last = self.pt.last
        return self._name_form(p, "RELATIVE", form or self.rng.choice(("full", "first", "first", "lower",
                                                                        "last_first", "mid")))

    def role(self, parent: bool = False) -> str:
        if parent:
            return self.rng.choice(("mother", "father", "mom", "dad", "foster mom", "grandmother", "guardian", "stepdad"))
        return self.rng.choice(("wife", "husband", "daughter", "son", "pt's son", "pt's daughter", "POA",
                                "HCP", "sister-in-law", "foster mom", "mother", "father", "brother",
                                "niece", "granddaughter", "partner", "guardian", "stepdad", "aunt"))

    # ---- dates --------------------------------------------------------------------------
    def day(self, delta: int | None = None) -> dt.date:
        return self.anchor + dt.timedelta(days=self.rng.randint(-400, 0) if delta is None else delta)

    def date(self, d: dt.date | None = None, fmt: str | None = None) -> str:
        r = self.rng
        d = d or self.day()
        us = ("mdy", "mdy", "mdy0", "mdyy", "md", "md", "dmony", "mon_d_y", "month_dth", "mon_dth", "the_dth", "iso",
              "month_d", "mon_d")
        uk = ("dmy", "dmy", "dmy_dot", "d_month_y", "d_mon", "dmony", "iso", "dmyy")
        fmt = fmt or r.choice(uk if self.region in ("UK", "AU", "NZ") else us)
        mon = MONTHS[d.month - 1]
        text = {
            "mdy": f"{d.month}/{d.day}/{d.year}", "mdy0": f"{d.month:02d}/{d.day:02d}/{d.year}",
            "mdyy": f"{d.month}/{d.day}/{d.year % 100:02d}", "md": f"{d.month}/{d.day}",
            "dmony": f"{d.day:02d}-{mon[:3]}-{d.year}", "mon_d_y": f"{mon[:3]} {d.day}, {d.year}",
            "month_dth": f"{mon} {_ordinal(d.day)}", "mon_dth": f"{mon[:3]} {_ordinal(d.day)}", "the_dth": f"the {_ordinal(d.day)}",
            "iso": d.isoformat(), "month_d": f"{mon} {d.day}", "mon_d": f"{mon[:3]}. {d.day}",
            "dmy": f"{d.day:02d}/{d.month:02d}/{d.year}", "dmy_dot": f"{d.day:02d}.{d.month:02d}.{d.year}",
            "d_month_y": f"{d.day} {mon} {d.year}", "d_mon": f"{d.day} {mon[:3]}",
            "dmyy": f"{d.day}/{d.month}/{d.year % 100:02d}", "month_y": f"{mon} {d.year}",
            "m_y": f"{d.month}/{d.year}",
        }[fmt]
        if fmt == "the_dth":
            return "the " + mark("DATE", text[4:])
        return mark("DATE", text)

    def dob(self) -> str:
        """The patient's birth date, consistent with the patient's age at the note's date."""
        d = dt.date(self.anchor.year - self.years - 1, self.rng.randint(1, 12), self.rng.randint(1, 28))
        return self.date(d, self.rng.choice(("mdy0", "mdy", "dmony", "iso")) if self.region == "US" else "dmy")

    def year(self, form: str | None = None) -> str:
        r = self.rng
        y = r.randint(1962, self.anchor.year - 1)
        form = form or r.choice(("full", "full", "apos", "in_yy"))
        if form == "apos":
            return mark("YEAR", f"'{y % 100:02d}")
        if form == "in_yy":
            return "in " + mark("YEAR", f"{y % 100:02d}")
        return mark("YEAR", str(y))

    def age90(self, years: int | None = None) -> str:
        r = self.rng
        a = years or r.randint(90, 102)
        form = r.choice(("yo", "y.o.", "age", "words", "year_old", "yr", "sexed"))
        if form == "yo":
            return mark("AGE", str(a)) + "yo"
        if form == "y.o.":
            return mark("AGE", str(a)) + " y.o."
        if form == "age":
            return "age: " + mark("AGE", str(a))
        if form == "words":
            return mark("AGE", NUMBER_WORDS[a]) + "-year-old"
        if form == "year_old":
            return mark("AGE", str(a)) + "-year-old"
        if form == "yr":
            return mark("AGE", str(a)) + " yr old"
        return mark("AGE", str(a)) + self.pt.sex

    def age(self, other: bool = False) -> str:
        """The patient's age (or, other=True, someone else's): over 89 is PHI, younger ages are not."""
        a = self.rng.choice((self.rng.randint(19, 88), self.rng.randint(90, 99))) if other else self.years
        if a > 89:
            return self.age90(a)
        return self.rng.choice((f"{a}yo", f"{a} y.o.", f"{a}-year-old", f"{a} yr old", f"age {a}"))

    # ---- contact ------------------------------------------------------------------------
    def _digits(self, n: int) -> str:
        return "".join(str(self.rng.randint(0, 9)) for _ in range(n))

    def phone_text(self) -> str:
        r = self.rng
        if self.region == "UK":
            return r.choice((f"01{self._digits(3)} {self._digits(6)}", f"07{self._digits(3)} {self._digits(6)}",
                             f"+44 20 {self._digits(4)} {self._digits(4)}", f"0{self._digits(4)} {self._digits(6)}"))
        if self.region == "AU":
            return r.choice((f"(0{r.randint(2, 8)}) {self._digits(4)} {self._digits(4)}",
                             f"04{self._digits(2)} {self._digits(3)} {self._digits(3)}",
                             f"+61 {r.randint(2, 8)} {self._digits(4)} {self._digits(4)}"))
        if self.region == "NZ":
            return r.choice((f"021 {self._digits(3)} {self._digits(4)}", f"+64 9 {self._digits(3)} {self._digits(4)}",
                             f"(0{r.choice((3, 4, 6, 7, 9))}) {self._digits(3)} {self._digits(4)}",
                             f"027 {self._digits(3)} {self._digits(4)}"))
        a, b, c = f"{r.randint(201, 989)}", f"{r.randint(200, 999)}", self._digits(4)
        base = r.choice((f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"{b}-{c}", f"+1 {a} {b} {c}",
                         f"1-{a}-{b}-{c}", f"{a}{b}{c}", f"({a}){b}-{c}"))
        if r.random() < 0.2:
            base += r.choice((f" x{self._digits(4)}", f" ext. {self._digits(4)}", f" ext {self._digits(3)}"))
        return base

    def phone(self) -> str:
        return mark("PHONE", self.phone_text())

    def pager(self) -> str:
        r = self.rng
        return mark("PHONE", r.choice((f"{r.randint(1, 9)}-{self._digits(4)}", f"#{self._digits(5)}",
                                       f"{self._digits(3)}-{self._digits(4)}", self._digits(5))))

    def fax(self) -> str:
        return mark("FAX", self.phone_text().split(" x")[0].split(" ext")[0])

    def email(self, person: Person | None = None) -> str:
        r = self.rng
        p = person or self.pt
        user = r.choice((f"{p.first}.{p.last}", f"{p.first[0]}{p.last}", f"{p.last}{r.randint(1, 99)}",
                         f"{p.first}{r.randint(60, 99)}", f"{p.first}_{p.last[0]}"))
        user = re.sub(r"[^A-Za-z0-9._]", "", user).lower()
        return mark("EMAIL", f"{user}@{places.email_domain(r)}")

    def staff_email(self) -> str:
        p = Person(self.rng)
        dom = re.sub(r"[^a-z]", "", places.hospital_code(self.hosp_name).lower()) or "hosp"
        return mark("EMAIL", f"{p.first[0].lower()}{re.sub(r'[^a-z]', '', p.last.lower())}@{dom}health.org")

    def url(self, site: bool = False) -> str:
        """A personal page of the patient, or (site=True) the web address of the note's hospital."""
        r = self.rng
        p = self.pt
        if site:
            host = re.sub(r"[^a-z]", "", self.hosp_name.lower())[:18] or "clinic"
            tld = {"UK": ".nhs.uk", "CA": ".on.ca", "AU": ".org.au", "NZ": ".org.nz"}.get(self.region, ".org")
            return mark("URL", r.choice((f"www.{host}{tld}", f"https://{host}{tld}/patients", f"http://www.{host}{tld}")))
        slug = re.sub(r"[^a-z]", "", (p.first + p.last).lower())
        return mark("URL", r.choice((f"www.caringbridge.org/visit/{slug}", f"https://www.gofundme.com/f/help-{slug}",
                                     f"https://mychart.{slug[:6]}health.org/portal", f"http://{slug}.blogspot.com",
                                     f"https://www.facebook.com/{slug}{r.randint(1, 99)}",
                                     f"www.{re.sub(r'[^a-z]', '', self.hosp_name.lower())[:14]}.org")))

    def ip(self) -> str:
        r = self.rng
        if r.random() < 0.15:
            return mark("IP", f"fe80::{r.randint(0, 65535):x}:{r.randint(0, 65535):x}:{r.randint(1, 65535):x}")
        return mark("IP", f"{r.choice((10, 172, 192, 68, 73, 131))}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}")

    # ---- places -------------------------------------------------------------------------
    def _hospital(self) -> str:
        make = {"UK": places.uk_hospital, "CA": places.ca_hospital, "AU": places.au_hospital,
                "NZ": places.nz_hospital}.get(self.region, places.hospital)
        return make(self.rng)

    def hosp(self, new: bool = False, code: bool = False) -> str:
        name = self._hospital() if new else self.hosp_name
        return mark("HOSPITAL", places.hospital_code(name) if code else name)

    def town(self) -> str:
        pool = {"UK": places.UK_TOWNS, "CA": places.CA_TOWNS, "AU": places.AU_TOWNS,
                "NZ": places.NZ_TOWNS}.get(self.region, places.TOWNS)
        return mark("LOCATION", places.town(self.rng, pool))

    def county(self) -> str:
        return mark("LOCATION", places.county(self.rng))

    def zip(self) -> str:
        make = {"UK": places.uk_postcode, "CA": places.ca_postcode, "AU": places.au_postcode,
                "NZ": places.au_postcode}.get(self.region, places.us_zip)
        return mark("ZIP", make(self.rng))

    def street(self) -> str:
        if self.region in ("UK", "AU", "NZ"):
            return mark("ADDRESS", places.commonwealth_address(self.rng))
        return mark("ADDRESS", places.us_address(self.rng))

    def state(self) -> str:
        pool = {"UK": ("", ), "CA": places.CA_PROVINCES, "AU": places.AU_STATES, "NZ": ("",)}
        return self.rng.choice(pool.get(self.region, places.US_STATES))

    def full_address(self, oneline: bool = True) -> str:
        sep = ", " if oneline else "\n"
        state = self.state()
        tail = f"{self.town()}{(' ' + state) if state else ''} {self.zip()}"
        if self.region == "US" and self.rng.random() < 0.3:
            tail = f"{self.town()}, {state} {self.zip()}"
        return f"{self.street()}{sep}{tail}"
