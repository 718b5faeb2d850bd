"""The note builder and the surrogate values of the sixth frozen de-identification set.

``Note`` appends plain text and PHI pieces and records each PHI piece's offsets as it goes, so the
gold spans are exact by construction; whole-note casing (ALL CAPS, all lower case) is applied only when
it keeps every character's length, and OCR noise / typos are applied per piece before offsets are taken.
The value makers below (people, dates, ids, contact details) are written for this set only.
"""

from __future__ import annotations

import random
import re
import string
from datetime import date, timedelta

from deid_frozen6_names import FIRST_NAMES, MULTI_SURNAMES, NICKNAMES, SURNAMES

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAY_FIRST = {"UK", "SCOT", "IE", "AU", "NZ", "ZA", "IN", "SG"}
_FIELD = re.compile(r"\{(\w+)\}")


class Note:
    """Text under construction with its gold spans: ``add(text, type)``, ``f(template, **values)``."""

    def __init__(self, rng: random.Random, ocr: bool = False, typos: float = 0.0):
        self.rng, self.ocr, self.typos = rng, ocr, typos
        self.parts: list[str] = []
        self.spans: list[tuple[str, int, int]] = []
        self.length = 0

    def add(self, text: str, kind: str | None = None) -> "Note":
        if self.ocr:
            text = _ocr_noise(self.rng, text)
        elif kind is None and self.typos:
            text = _typo(self.rng, text, self.typos)
        if kind is not None and text.strip():
            lead = len(text) - len(text.lstrip())
            self.spans.append((kind, self.length + lead, self.length + len(text.rstrip())))
        self.parts.append(text)
        self.length += len(text)
        return self

    def f(self, template: str, **values) -> "Note":
        """Fill ``{name}`` fields; a value is plain text or a ``(TYPE, text)`` pair."""
        at = 0
        for match in _FIELD.finditer(template):
            self.add(template[at:match.start()])
            value = values[match.group(1)]
            if isinstance(value, tuple):
                self.add(value[1], value[0])
            else:
                self.add(str(value))
            at = match.end()
        self.add(template[at:])
        return self

    def finish(self, casing: str = "normal") -> tuple[str, list[tuple[str, int, int]]]:
        text = "".join(self.parts)
        changed = text.upper() if casing == "upper" else text.lower() if casing == "lower" else text
        if len(changed) == len(text):
            text = changed
        return text, list(self.spans)


def _ocr_noise(rng: random.Random, text: str) -> str:
    out = []
    for ch in text:
        roll = rng.random()
        if ch.isalnum() and roll < 0.025:
            out.append(ch + " ")
        elif ch == " " and roll < 0.06:
            out.append("  ")
        elif ch == "l" and roll < 0.08:
            out.append("1")
        elif ch == "O" and roll < 0.06:
            out.append("0")
        else:
            out.append(ch)
    return "".join(out)


def _typo(rng: random.Random, text: str, rate: float) -> str:
    words = text.split(" ")
    for i, word in enumerate(words):
        if len(word) > 4 and word.isalpha() and word.islower() and rng.random() < rate:
            j = rng.randint(1, len(word) - 2)
            words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2:]
    return " ".join(words)


# --------------------------------------------------------------------------------------------- people
class Person:
    """A surrogate person; ``name(rng)`` renders one of the ways notes write a name."""

    def __init__(self, rng: random.Random, surname: str | None = None):
        self.first = rng.choice(FIRST_NAMES)
        self.last = surname or (rng.choice(MULTI_SURNAMES) if rng.random() < 0.16 else rng.choice(SURNAMES))
        self.middle = rng.choice(string.ascii_uppercase.replace("X", ""))
        nick = NICKNAMES.get(self.first)
        self.nick = rng.choice(nick) if nick else None

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    def name(self, rng: random.Random, shape: str | None = None) -> str:
        shape = shape or rng.choice(["full", "full", "full", "last_first", "caps", "first", "last",
                                     "middle", "initial_last", "lower", "nick"])
        f, l, m = self.first, self.last, self.middle
        return {
            "full": f"{f} {l}", "last_first": f"{l}, {f}", "caps": f"{l.upper()},{f.upper()} {m}",
            "first": f, "last": l, "middle": f"{f} {m}. {l}", "initial_last": f"{f[0]}. {l}",
            "lower": f"{f} {l}".lower(), "nick": f"{self.nick or f} {l}" if rng.random() < 0.5 else (self.nick or f),
            "initials": f"{f[0]}{l[0]}", "dotted": f"{f[0]}.{l[0]}.", "upper": f"{f} {l}".upper(),
        }[shape]

    def user_id(self, rng: random.Random) -> str:
        f, l = self.first.lower(), re.sub(r"[^a-z]", "", self.last.lower())
        return rng.choice([f"{f[0]}{l}", f"{f[0]}{l}{rng.randint(1, 99)}", f"{l}{f[0]}", f"{f}.{l}",
                           f"{l[:6]}{f[:2]}", f"{f[0]}{self.middle.lower()}{l[:5]}"])

    def email(self, rng: random.Random, domain: str) -> str:
        return f"{self.user_id(rng)}@{domain}"


def staff(rng: random.Random, person: Person) -> str:
    """A clinician as signed or addressed: the returned text is the span (titles stay outside)."""
    return person.name(rng, rng.choice(["full", "full", "last", "middle", "initial_last", "caps",
                                        "last_first", "first", "lower"]))


def domain_of(rng: random.Random, place: str) -> str:
    stem = re.sub(r"[^a-z]", "", place.lower())[:14] or "clinic"
    return rng.choice([f"{stem}.org", f"{stem}health.org", f"{stem}.nhs.uk", f"{stem}-med.com", f"{stem}.com.au",
                       f"mail.{stem}.ca", f"{stem}.health"])


# ---------------------------------------------------------------------------------------------- dates
def base_date(rng: random.Random) -> date:
    return date(2019, 1, 1) + timedelta(days=rng.randint(0, 365 * 8))


def shift(d: date, days: int) -> date:
    return d + timedelta(days=days)


def ordinal(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def fmt_date(rng: random.Random, d: date, loc: str = "US", shape: str | None = None) -> str:
    """One of many ways a date is written; month/day order follows the locale."""
    mon, month = MONTHS[d.month - 1][:3], MONTHS[d.month - 1]
    a, b = (d.day, d.month) if loc in DAY_FIRST else (d.month, d.day)
    shapes = {
        "md": f"{a}/{b}", "md0": f"{a:02d}/{b:02d}", "mdyy": f"{a}/{b}/{d.year % 100:02d}",
        "mdyyyy": f"{a:02d}/{b:02d}/{d.year}", "dash": f"{a}-{b}-{d.year}", "iso": d.isoformat(),
        "dmony": f"{d.day}-{mon}-{d.year}", "DMONY": f"{d.day:02d}-{mon.upper()}-{d.year}",
        "mon_d": f"{mon} {d.day}", "month_ord": f"{month} {ordinal(d.day)}", "mon_d_y": f"{mon} {d.day}, {d.year}",
        "d_month_y": f"{d.day} {month} {d.year}", "ord_of": f"{ordinal(d.day)} of {month}", "ord": ordinal(d.day),
        "dots": f"{d.day:02d}.{d.month:02d}.{d.year}", "dots_short": f"{d.day}.{d.month}.{d.year % 100:02d}",
        "compact": d.strftime("%Y%m%d"), "mon_ord": f"{mon} {ordinal(d.day)}", "d_mon": f"{d.day} {mon}",
        "range": f"{d.day}-{min(d.day + rng.randint(1, 3), 28)} {mon}", "mon_range": f"{mon} {d.day}-{min(d.day + 2, 28)}",
        "month_y": f"{month} {d.year}", "mon_dot": f"{mon}. {d.day}",
    }
    if shape is None:
        shape = rng.choice([s for s in shapes if s not in ("ord", "range", "mon_range", "month_y")])
    elif shape == "full":
        shape = rng.choice(["mdyy", "mdyyyy", "dash", "iso", "dmony", "DMONY", "mon_d_y", "d_month_y", "dots",
                            "dots_short", "mdyyyy", "compact"])
    return shapes[shape]


def fmt_year(rng: random.Random, year: int) -> str:
    return rng.choice([str(year), str(year), f"'{year % 100:02d}"])


def age_over_89(rng: random.Random) -> tuple[str, int]:
    n = rng.randint(90, 104)
    tens = {9: "ninety", 10: "one hundred"}
    units = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    if n >= 100:
        words = "one hundred" + (f" and {units[n - 100]}" if n > 100 else "")
    else:
        words = tens[9] + (f"-{units[n % 10]}" if n % 10 else "")
    return (words if rng.random() < 0.3 else str(n)), n


# ------------------------------------------------------------------------------------------------ ids
def _d(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _a(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(n))


def mrn(rng: random.Random) -> str:
    return rng.choice([_d(rng, 8), f"{_d(rng, 4)}-{_d(rng, 2)}-{_d(rng, 3)}", f"{_a(rng, 1)}{_d(rng, 7)}",
                       f"{_a(rng, 2)}-{_d(rng, 6)}", _d(rng, 6), f"{_d(rng, 3)} {_d(rng, 3)} {_d(rng, 2)}"])


def accession(rng: random.Random) -> str:
    return rng.choice([f"{_a(rng, 2)}{rng.randint(19, 27)}-{_d(rng, 7)}", f"{_a(rng, 1)}{_d(rng, 7)}",
                       f"{_d(rng, 10)}", f"{_a(rng, 3)}{_d(rng, 5)}{_a(rng, 1)}", f"{_a(rng, 1)}{rng.randint(19, 27)}-{_d(rng, 5)}"])


def device_serial(rng: random.Random) -> str:
    return rng.choice([f"{_a(rng, 2)}{_d(rng, 7)}", f"{_d(rng, 3)}{_a(rng, 3)}{_d(rng, 4)}",
                       f"{_a(rng, 3)}-{_d(rng, 5)}-{_a(rng, 1)}", f"{_d(rng, 10)}", f"{_a(rng, 1)}{_d(rng, 2)}{_a(rng, 2)}{_d(rng, 6)}"])


def dictation_id(rng: random.Random) -> str:
    return rng.choice([_d(rng, 6), _d(rng, 7), f"{_a(rng, 1)}{_d(rng, 6)}", f"{_d(rng, 4)}-{_d(rng, 4)}"])


def license_no(rng: random.Random) -> str:
    return rng.choice([f"{_a(rng, 1)}{_d(rng, 7)}", f"{_a(rng, 1)}{_d(rng, 3)}-{_d(rng, 4)}-{_d(rng, 4)}",
                       f"{_d(rng, 9)}", f"{_a(rng, 2)}{_d(rng, 6)}", f"{_d(rng, 7)}"])


def npi(rng: random.Random) -> str:
    return rng.choice("12") + _d(rng, 9)


def dea(rng: random.Random, surname: str) -> str:
    letter = re.sub(r"[^A-Z]", "", surname.upper())[:1] or "X"
    return rng.choice("ABFGM") + letter + _d(rng, 7)


def biobank_id(rng: random.Random) -> str:
    return rng.choice([f"BB{rng.randint(19, 27)}-{_d(rng, 5)}-{_a(rng, 1)}", f"{_a(rng, 3)}-{_d(rng, 4)}-{_d(rng, 2)}",
                       f"EMB-{_d(rng, 4)}-D{rng.randint(3, 6)}", f"{_a(rng, 2)}{_d(rng, 8)}", f"CB{_d(rng, 6)}"])


def photo_id(rng: random.Random) -> str:
    return rng.choice([f"IMG_{_d(rng, 4)}.JPG", f"CP-{_d(rng, 5)}", f"P{_d(rng, 6)}", f"DSC{_d(rng, 5)}.jpg",
                       f"PH-{_a(rng, 2)}{_d(rng, 4)}", f"photo_{_d(rng, 6)}.png"])


def biometric_id(rng: random.Random) -> str:
    return rng.choice([f"FP-{_d(rng, 4)}-{_a(rng, 2)}{_d(rng, 1)}", f"VP{_d(rng, 7)}", f"RS-{_a(rng, 3)}{_d(rng, 5)}",
                       f"PV{_d(rng, 3)}-{_d(rng, 4)}", f"{_a(rng, 2)}{_d(rng, 2)}-{_a(rng, 4)}-{_d(rng, 3)}"])


def vehicle(rng: random.Random, loc: str) -> str:
    if rng.random() < 0.3:
        return "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(17))
    if loc in ("UK", "SCOT"):
        return f"{_a(rng, 2)}{rng.randint(10, 25)} {_a(rng, 3)}"
    if loc == "IE":
        return f"{rng.randint(151, 252)}-{rng.choice(['D', 'C', 'KY', 'G', 'MO'])}-{rng.randint(100, 99999)}"
    return rng.choice([f"{rng.randint(1, 9)}{_a(rng, 3)}{_d(rng, 3)}", f"{_a(rng, 3)}-{_d(rng, 4)}", f"{_a(rng, 3)} {_d(rng, 3)}",
                       f"{_d(rng, 3)} {_a(rng, 3)}"])


def ip_address(rng: random.Random) -> str:
    if rng.random() < 0.1:
        return "fe80::" + ":".join(f"{rng.randint(0, 65535):x}" for _ in range(4))
    first = rng.choice([10, 172, 192, rng.randint(11, 223)])
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def url(rng: random.Random, domain: str, person: Person | None = None) -> str:
    path = rng.choice(["portal/login", f"patients/{_d(rng, 6)}", "refer", f"results?id={_d(rng, 8)}",
                       f"~{person.user_id(rng)}" if person else "contact", "appointments"])
    www = "" if domain.startswith("mail.") else "www."
    return rng.choice([f"https://{domain}/{path}", f"http://{www}{domain}/{path}", f"{www}{domain}", f"{domain}/{path}"])


def account(rng: random.Random) -> str:
    return rng.choice([_d(rng, 10), f"{_d(rng, 2)}-{_d(rng, 3)}-{_d(rng, 4)}", f"{_a(rng, 1)}{_d(rng, 9)}",
                       f"{_d(rng, 4)}{_a(rng, 2)}{_d(rng, 3)}", f"{_d(rng, 7)}-{_d(rng, 2)}"])


def claim_no(rng: random.Random) -> str:
    return rng.choice([f"{_d(rng, 2)}{_a(rng, 1)}{_d(rng, 9)}", f"CLM{_d(rng, 8)}", f"{_d(rng, 12)}"])
