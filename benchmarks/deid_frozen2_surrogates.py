"""Surrogate PHI values for the second frozen English held-out set (benchmarks/deid_make_frozen2.py).

Every value comes from Faker (several locales) or from the generator's own random draws, never
from a mednn word list. Each method returns one surface form of one identifier; the caller
records it as a gold span. Formats vary the way they vary in real charts.
"""

from __future__ import annotations

import datetime as dt
import random
import string
import unicodedata

from faker import Faker

# locales whose names appear in notes written in English (romanised where the script is not Latin)
NAME_LOCALES = ("en_US", "en_US", "en_US", "en_GB", "en_IE", "en_IN", "en_AU", "en_NZ", "es_MX", "pt_BR",
                "it_IT", "fr_FR", "de_DE", "pl_PL", "nl_NL", "yo_NG", "ig_NG", "ha_NG", "tr_TR", "tw_GH",
                "zu_ZA", "vi_VN")
# first names that are also ordinary English words: real charts hold them, and they test PPV/recall alike
WORD_FIRST_NAMES = ("Grace", "Hope", "Joy", "Faith", "Rose", "Iris", "June", "May", "April", "Dawn", "Summer",
                    "Will", "Mark", "Bill", "Frank", "Art", "Gene", "Sandy", "Chase", "Hunter", "Page",
                    "Ray", "Hazel", "Ivy", "Pearl", "Ruby", "Sky", "Rich", "Don", "Sue")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
NUMBER_WORDS = {90: "ninety", 91: "ninety-one", 92: "ninety-two", 93: "ninety-three", 94: "ninety-four",
                95: "ninety-five", 96: "ninety-six", 97: "ninety-seven", 98: "ninety-eight",
                99: "ninety-nine", 100: "one hundred", 101: "one hundred and one", 102: "one hundred two"}


def ascii_fold(text: str) -> str:
    """Drop accents (charts typed on US keyboards rarely keep them)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return folded if folded.strip() else text


class Surrogates:
    """Random PHI surface forms, reproducible from one seed."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.fakers = {}
        for i, loc in enumerate(sorted(set(NAME_LOCALES) | {"ja_JP"})):
            f = Faker(loc)
            f.seed_instance(seed * 1000 + i)
            self.fakers[loc] = f
        self.us = self.fakers["en_US"]

    # ------------------------------------------------------------------ names
    def person(self, sex: str | None = None) -> tuple[str, str]:
        """(first, last) from a random locale; sex "F"/"M" picks a matching first name."""
        r = self.rng
        loc = r.choice(NAME_LOCALES + ("ja_JP",))
        f = self.fakers[loc]
        kind = {"F": "_female", "M": "_male"}.get(sex or "", "")
        if loc == "ja_JP":
            first = getattr(f, f"first_romanized_name{kind}", f.first_romanized_name)()
            last = f.last_romanized_name()
        else:
            first = getattr(f, f"first_name{kind}", f.first_name)()
            last = f.last_name()
        if r.random() < 0.08 and sex is None:
            first = r.choice(WORD_FIRST_NAMES)
        first, last = first.split()[0], last
        if r.random() < 0.7:
            first, last = ascii_fold(first), ascii_fold(last)
        return first, last

    def initial(self) -> str:
        return self.rng.choice(string.ascii_uppercase.replace("X", "").replace("Q", ""))

    # ------------------------------------------------------------------ dates
    def day(self, start_year: int = 2019, end_year: int = 2025) -> dt.date:
        start = dt.date(start_year, 1, 1).toordinal()
        return dt.date.fromordinal(self.rng.randint(start, dt.date(end_year, 12, 28).toordinal()))

    def date_text(self, d: dt.date, style: str) -> str:
        r = self.rng
        mon = MONTHS[d.month - 1]
        forms = {
            "md": f"{d.month}/{d.day}",
            "md0": f"{d.month:02d}/{d.day:02d}",
            "md-": f"{d.month}-{d.day}",
            "mdy": f"{d.month}/{d.day}/{d.year % 100:02d}",
            "mdyy": f"{d.month:02d}/{d.day:02d}/{d.year}",
            "mdyy1": f"{d.month}/{d.day}/{d.year}",
            "iso": d.isoformat(),
            "long": f"{mon} {d.day}, {d.year}",
            "long_nth": f"{mon} {d.day}{self._nth(d.day)}",
            "dmy": f"{d.day} {mon[:3]} {d.year}",
            "dmy_long": f"{d.day} {mon} {d.year}",
            "dmy_dash": f"{d.day:02d}-{mon[:3]}-{d.year}",
            "mon_d": f"{mon[:3]} {d.day}",
            "mon_y": f"{mon} {d.year}",
            "dot": f"{d.day:02d}.{d.month:02d}.{d.year}",
        }
        return forms[style] if style != "any" else forms[r.choice(list(forms))]

    @staticmethod
    def _nth(n: int) -> str:
        return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")

    def year2(self) -> str:
        y = self.rng.randint(70, 99) if self.rng.random() < 0.7 else self.rng.randint(0, 18)
        return f"{y:02d}"

    def year4(self) -> str:
        return str(self.rng.randint(1968, 2022))

    def age_over_89(self, spelled: bool = False) -> str:
        a = self.rng.choice((90, 91, 92, 93, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102))
        return NUMBER_WORDS[a] if spelled else str(a)

    # ------------------------------------------------------------------ contact
    def phone(self, full: bool = False) -> str:
        r = self.rng
        a, b, c = r.choice(("617", "508", "413", "781", "978", "774", "857", "339", "401", "603", "802",
                            "207", "860", "212", "312", "646")), r.randint(200, 989), r.randint(0, 9999)
        form = r.choice((0, 1, 2, 5, 6, 7, 9, 10)) if full else r.randrange(11)
        if form == 0:
            return f"({a}) {b}-{c:04d}"
        if form == 1:
            return f"{a}-{b}-{c:04d}"
        if form == 2:
            return f"{a}.{b}.{c:04d}"
        if form == 3:
            return f"{b}-{c:04d}"
        if form == 4:
            return f"x{r.randint(2, 8)}-{c:04d}"
        if form == 5:
            return f"{a}-{b}-{c:04d} ext {r.randint(100, 9999)}"
        if form == 6:
            return f"1-{a}-{b}-{c:04d}"
        if form == 7:
            return f"{a} {b} {c:04d}"
        if form == 8:
            return f"x{r.randint(1000, 79999)}"
        if form == 9:
            return self.fakers[r.choice(("en_GB", "en_IE", "en_AU"))].phone_number()
        return f"{a}{b}{c:04d}"

    def email(self, first: str, last: str) -> str:
        r = self.rng
        dom = r.choice((self.us.free_email_domain(), self.us.domain_name(), self.fakers["en_GB"].domain_name()))
        user = r.choice((f"{first}.{last}", f"{first[0]}{last}", f"{last}{r.randint(1, 99)}", f"{first}_{last[:3]}",
                         self.us.user_name()))
        return ascii_fold(f"{user}@{dom}").lower().replace(" ", "").replace("'", "")

    def street(self) -> str:
        street = self.rng.choice((self.us.street_address(), self.fakers["en_GB"].street_address(),
                                  self.fakers["en_IE"].street_address(), self.us.street_address()))
        return ascii_fold(street.replace("\n", ", "))

    def zip(self) -> str:
        return self.us.zipcode() if self.rng.random() < 0.85 else self.us.zipcode_plus4()

    def url(self, kind: str = "any") -> str:
        r = self.rng
        dom = self.us.domain_name()
        if kind == "portal":
            return r.choice((f"https://mychart.{dom}/patient/{r.randint(10 ** 6, 10 ** 7)}",
                             f"https://portal.{dom}/msg/{self.us.uuid4()[:8]}", f"www.{dom}/myhealth",
                             f"https://{dom}/telehealth/join/{r.randint(100000, 999999)}"))
        return r.choice((self.us.url(), f"https://www.facebook.com/{self.us.user_name()}",
                         f"http://{dom}/~{self.us.user_name()}", f"https://gofundme.com/f/{self.us.slug()}"))

    def ip(self) -> str:
        return self.us.ipv4_public() if self.rng.random() < 0.85 else self.us.ipv6()

    # ------------------------------------------------------------------ identifiers
    def digits(self, n: int) -> str:
        return "".join(self.rng.choice(string.digits) for _ in range(n))

    def letters(self, n: int) -> str:
        return "".join(self.rng.choice(string.ascii_uppercase) for _ in range(n))

    def mrn(self) -> str:
        r = self.rng
        return r.choice((self.digits(8), self.digits(7), f"{self.digits(3)}-{self.digits(2)}-{self.digits(2)}",
                         f"{self.letters(1)}{self.digits(7)}", self.digits(10), f"MR{self.digits(6)}"))

    def ssn(self) -> str:
        return self.rng.choice((self.us.ssn(), self.us.ssn().replace("-", ""), f"xxx-xx-{self.digits(4)}",
                                self.us.ssn().replace("-", " ")))

    def health_plan(self) -> str:
        r = self.rng
        return r.choice((f"{self.letters(3)}{self.digits(9)}", f"{self.digits(1)}{self.letters(2)}{self.digits(1)}-"
                         f"{self.letters(2)}{self.digits(1)}-{self.letters(2)}{self.digits(2)}",
                         f"W{self.digits(9)}", f"{self.digits(9)}-{self.digits(2)}", f"MA{self.digits(8)}"))

    def account(self) -> str:
        return self.rng.choice((self.digits(10), f"{self.digits(4)}-{self.digits(6)}", f"HAR{self.digits(9)}"))

    def license(self) -> str:
        return self.rng.choice((self.digits(6), f"{self.letters(1)}{self.digits(5)}", f"MD{self.digits(6)}"))

    def dea(self) -> str:
        return f"{self.rng.choice('ABFM')}{self.letters(1)}{self.digits(7)}"

    def npi(self) -> str:
        return "1" + self.digits(9)

    def plate(self) -> str:
        r = self.rng
        return r.choice((self.us.license_plate(), f"{self.digits(1)}{self.letters(3)}{self.digits(3)}",
                         f"{self.letters(3)} {self.digits(4)}", self.fakers["en_GB"].license_plate()))

    def vin(self) -> str:
        return self.us.vin()

    def serial(self) -> str:
        r = self.rng
        return r.choice((f"{self.letters(3)}{self.digits(6)}{self.letters(1)}", f"{self.digits(2)}-{self.digits(5)}"
                         f"-{self.digits(2)}", f"SN{self.digits(8)}", f"{self.letters(1)}{self.digits(4)}"
                         f"{self.letters(2)}{self.digits(3)}", self.us.bothify("??#?#?").upper()))

    def biometric(self) -> str:
        r = self.rng
        return r.choice((f"VP-{self.digits(5)}-{self.letters(1)}", f"FT{self.digits(6)}",
                         f"BIO-{self.letters(2)}{self.digits(5)}", f"{self.us.uuid4()[:13]}",
                         f"IRIS-{self.digits(7)}", f"FP{self.letters(1)}{self.digits(5)}"))

    def biobank(self) -> str:
        r = self.rng
        return r.choice((f"BB-{self.digits(2)}-{self.digits(6)}", f"{self.letters(2)}{self.digits(7)}",
                         f"S{self.digits(4)}-{self.digits(3)}", f"BIOB{self.digits(6)}"))

    def photo(self) -> str:
        r = self.rng
        d = self.day()
        return r.choice((f"IMG_{d:%Y%m%d}_{self.digits(4)}.jpg", f"PH-{self.digits(6)}", f"DSC{self.digits(5)}.JPG",
                         f"photo_{self.digits(7)}.png", f"MEDIA{self.digits(8)}"))

    def accession(self) -> str:
        r = self.rng
        return r.choice((f"{self.letters(2)}{self.digits(8)}", f"E{self.digits(7)}", f"RAD-{self.digits(8)}",
                         self.digits(9), f"{self.digits(4)}-{self.digits(6)}"))

    def job(self) -> str:
        return self.rng.choice((self.digits(7), self.digits(6), f"{self.digits(3)}-{self.digits(4)}"))

    def city(self) -> str:
        return ascii_fold(self.fakers[self.rng.choice(("en_US", "en_US", "en_GB", "en_AU", "en_IE"))].city())
