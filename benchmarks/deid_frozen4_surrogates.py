"""Surrogate PHI of frozen set 4 and the span-tracking note builder.

`Note` collects text and gold spans together: every piece is either plain text or a
``(TYPE, text)`` pair, so offsets are exact by construction. `Ctx` holds one note's sampled
people, places and dates and renders them in the many written forms clinicians use (``Last, First``,
``LAST,FIRST M``, initials, nicknames, possessives, lower case). Every id format here is this set's
own invention. Add a new PHI form as a method of `Ctx` returning pieces.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from datetime import date, timedelta

from deid_frozen4_names import FIRST_NAMES, NICKNAMES, SURNAMES
from deid_frozen4_places import (COUNTIES, DIALYSIS, DONORS, HOSPITAL_KINDS, NURSING_HOMES, PRACTICES, REHAB,
                                 SAINTS, STREET_KINDS, STREET_NAMES, TOWNS, split_bars)

_TOWNS, _COUNTIES, _SAINTS, _DONORS = (split_bars(b) for b in (TOWNS, COUNTIES, SAINTS, DONORS))
_NURSING, _REHAB, _DIALYSIS = (split_bars(b) for b in (NURSING_HOMES, REHAB, DIALYSIS))
_PRACTICES = {k: split_bars(v) for k, v in PRACTICES.items()}
_STREETS = split_bars(STREET_NAMES)
_PARISHES = {"St. Landry", "Evangeline", "Terrebonne", "Lafourche"}
STATES = ["OH", "PA", "KY", "WV", "NM", "AZ", "HI", "LA", "MN", "WI", "WY", "MT", "NY", "VT", "NH", "OK",
          "Ohio", "Kentucky", "New Mexico", "Hawaii", "Montana"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
_ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TENS = {9: "ninety", 10: "one hundred"}
_VIN = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"


class Note:
    """Text plus gold spans, built piece by piece: ``note("MRN ", ("ID_MRN", "0042"), "\\n")``."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.spans: list[tuple[str, int, int]] = []
        self._n = 0

    def __call__(self, *pieces) -> "Note":
        for piece in pieces:
            if isinstance(piece, list):
                self(*piece)
            elif isinstance(piece, tuple):
                kind, text = piece
                self.spans.append((kind, self._n, self._n + len(text)))
                self._add(text)
            else:
                self._add(piece)
        return self

    def _add(self, text: str) -> None:
        self._parts.append(text)
        self._n += len(text)

    @property
    def text(self) -> str:
        return "".join(self._parts)


@dataclass
class Person:
    first: str
    last: str
    mi: str
    nick: str | None


def _digits(rng: random.Random, k: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(k))


def _letters(rng: random.Random, k: int) -> str:
    return "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(k))


def person(rng: random.Random) -> Person:
    first = rng.choice(FIRST_NAMES)
    nick = rng.choice(NICKNAMES[first]) if first in NICKNAMES else None
    return Person(first, rng.choice(SURNAMES), rng.choice("ABCDEFGHJKLMNPRSTW"), nick)


def spoken_age(age: int) -> str:
    """90..104 in words: "ninety-three", "one hundred two"."""
    tens, ones = divmod(age, 10)
    if tens == 9:
        return "ninety" + (f"-{_ONES[ones]}" if ones else "")
    rest = age - 100
    return "one hundred" + (f" {_ONES[rest]}" if rest else "")


def fmt_date(d: date, form: str) -> str:
    """One date in one of this set's written forms (see `DATE_FORMS`)."""
    mon = MONTHS[d.month - 1]
    suffix = "th" if 11 <= d.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
    forms = {
        "m/d": f"{d.month}/{d.day}", "mm/dd": f"{d.month:02d}/{d.day:02d}",
        "m/d/yy": f"{d.month}/{d.day}/{d.year % 100:02d}", "mm/dd/yyyy": f"{d.month:02d}/{d.day:02d}/{d.year}",
        "d-Mon-yyyy": f"{d.day}-{mon[:3]}-{d.year}", "dd-MON-yy": f"{d.day:02d}-{mon[:3].upper()}-{d.year % 100:02d}",
        "Mon d": f"{mon[:3]} {d.day}", "Month dth": f"{mon} {d.day}{suffix}", "the dth": f"the {d.day}{suffix}",
        "iso": d.isoformat(), "Mon d, yyyy": f"{mon[:3]} {d.day}, {d.year}", "d Month yyyy": f"{d.day} {mon} {d.year}",
        "m-d-yy": f"{d.month}-{d.day}-{d.year % 100:02d}", "yyyymmdd": f"{d.year}{d.month:02d}{d.day:02d}",
        "m.d.yy": f"{d.month}.{d.day}.{d.year % 100:02d}", "Month d": f"{mon} {d.day}",
    }
    return forms[form]


DATE_FORMS = ["m/d", "mm/dd", "m/d/yy", "mm/dd/yyyy", "d-Mon-yyyy", "dd-MON-yy", "Mon d", "Month dth", "the dth",
              "iso", "Mon d, yyyy", "d Month yyyy", "m-d-yy", "yyyymmdd", "m.d.yy", "Month d"]


class Ctx:
    """One note's sampled entities and the ways to write them; all randomness from one `rng`."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.pt = person(rng)
        self.today = date(2025, 1, 1) + timedelta(days=rng.randrange(0, 700))
        self.age = self.some_age(0.4)  # the patient's; styles for children and births set their own
        self._birthday = rng.randrange(0, 360)  # one birth date per note, whatever its written form
        self.town = rng.choice(_TOWNS)
        self.hosp = self.hospital(rng.choice(["saint", "town", "donor", "code", "u_of"]))

    # -- people ---------------------------------------------------------------------------------
    def new_person(self) -> Person:
        return person(self.rng)

    def name(self, p: Person, kind: str, form: str | None = None) -> list:
        """``p`` as pieces, in `form` (random when None); titles and "'s" stay outside the span."""
        r = self.rng
        form = form or r.choice(["full", "full", "last_first", "LAST,FIRST", "first", "title_last", "i_last",
                                 "first_mi_last", "nick", "possessive", "lower", "upper", "last"])
        if form == "nick" and not p.nick:
            form = "first"
        title = r.choice(["Mr. ", "Ms. ", "Mrs. ", "Mx. ", "mr ", "MS. "])
        table = {
            "full": [(kind, f"{p.first} {p.last}")], "last_first": [(kind, f"{p.last}, {p.first}")],
            "LAST,FIRST": [(kind, f"{p.last.upper()},{p.first.upper()} {p.mi}")], "first": [(kind, p.first)],
            "title_last": [title, (kind, p.last)], "i_last": [(kind, f"{p.first[0]}. {p.last}")],
            "first_mi_last": [(kind, f"{p.first} {p.mi}. {p.last}")], "nick": [(kind, p.nick or p.first)],
            "possessive": [(kind, f"{p.first} {p.last}"), "'s"], "lower": [(kind, f"{p.first} {p.last}".lower())],
            "upper": [(kind, f"{p.first} {p.last}".upper())], "last": [(kind, p.last)],
            "initials": [(kind, f"{p.first[0]}{p.last[0]}")], "dotted": [(kind, f"{p.first[0]}.{p.last[0]}.")],
        }
        return table[form]

    def doc(self, p: Person | None = None, form: str | None = None, cred: str | None = None) -> list:
        """A clinician: "Dr. Okafor", "K. Mensah RN", "Dr. K", "JK", "priya reddy np" ..."""
        p, r = p or self.new_person(), self.rng
        form = form or r.choice(["dr_last", "dr_full", "full_cred", "i_last_cred", "single", "initials", "lower",
                                 "last_first", "upper_cred"])
        cred = cred or r.choice(["MD", "DO", "RN", "NP", "PA-C", "MD", "RN", "MD", "BSN, RN", "APRN"])
        table = {
            "dr_last": [r.choice(["Dr. ", "Dr ", "dr ", "DR. "]), ("CLINICIAN", p.last)],
            "dr_full": ["Dr. ", ("CLINICIAN", f"{p.first} {p.last}")],
            "full_cred": [("CLINICIAN", f"{p.first} {p.last}"), f", {cred}"],
            "i_last_cred": [("CLINICIAN", f"{p.first[0]}. {p.last}"), f" {cred}"],
            "single": [r.choice(["Dr. ", "dr "]), ("CLINICIAN", p.last[0])],
            "initials": [("CLINICIAN", f"{p.first[0]}{p.mi}{p.last[0]}")],
            "lower": [("CLINICIAN", f"{p.first} {p.last}".lower()), f" {cred.lower()}"],
            "last_first": [("CLINICIAN", f"{p.last}, {p.first}"), f" {cred}"],
            "upper_cred": [("CLINICIAN", f"{p.first} {p.last}".upper()), f" {cred}"],
        }
        return table[form]

    def rel(self, relation: str | None = None, p: Person | None = None, form: str | None = None) -> list:
        """A relative after its relation word: "husband Grant", "FOB: Kofi Mensah", "dtr (Lupe)"."""
        r = self.rng
        p = p or Person(self.new_person().first, self.pt.last if r.random() < 0.5 else r.choice(SURNAMES),
                        r.choice("ABCDEFGHJKLMNPRSTW"), None)
        relation = relation or r.choice(["husband", "wife", "mom", "dad", "dtr", "daughter", "son", "sister",
                                         "brother", "guardian", "FOB", "partner", "grandmother", "niece", "neighbor",
                                         "aunt", "friend", "caregiver", "POA"])
        sep = r.choice([" ", ": ", " - ", " (", " is "])
        who = self.name(p, "RELATIVE", r.choice(["first", "full", "full", "lower", "last_first", "upper"]))
        return [relation, sep, who, ")" if sep == " (" else ""]

    def h(self, kind: str | None = None) -> tuple[str, str]:
        """A hospital-like name as a span: the note's own one, or a new one of `kind`."""
        return ("HOSPITAL", self.hospital(kind) if kind or self.rng.random() < 0.5 else self.hosp)

    # -- places --------------------------------------------------------------------------------
    def hospital(self, kind: str | None = None) -> str:
        r = self.rng
        town, donor, saint = r.choice(_TOWNS), r.choice(_DONORS), r.choice(_SAINTS)
        # with no kind: an acute hospital (births, transfers, admissions happen there)
        kind = kind or r.choice(["saint", "town", "donor", "code", "u_of", "saint", "town"])
        if kind == "saint":
            return f"{r.choice(['St. ', 'Saint ', 'St '])}{saint} {r.choice(HOSPITAL_KINDS)}"
        if kind == "town":
            return f"{town} {r.choice(HOSPITAL_KINDS)}"
        if kind == "donor":
            return f"{donor} {r.choice(['Memorial Hospital', 'Medical Center', 'Cancer Institute', 'Heart Center'])}"
        if kind == "code":
            return r.choice(["SBMC", "NRH", "KVH", "MWRH", "HCH", "SJRMC", "TCH", "BFGH", "OBMC", "UHA"])
        if kind == "u_of":
            return r.choice([f"U of {town}", f"Univ. of {town} Hospitals", f"University of {town} Medical Center",
                             f"U{town[0]} Health"])
        if kind == "pavilion":
            return f"{r.choice(SURNAMES)} {r.choice(['Pavilion', 'pavilion', 'Wing', 'Tower', 'unit', 'Ward'])}"
        if kind.startswith("practice"):
            block = _PRACTICES[kind.partition(":")[2] or r.choice(sorted(_PRACTICES))]
        else:
            block = {"nursing": _NURSING, "rehab": _REHAB, "dialysis": _DIALYSIS}[kind]
        return r.choice(block).format(town=town, donor=donor, surname=r.choice(SURNAMES),
                                      surname2=r.choice(SURNAMES))

    def place(self) -> tuple[str, str]:
        """A town or a county, with its label."""
        r = self.rng
        if r.random() < 0.25:
            county = r.choice(_COUNTIES)
            kind = "Parish" if county in _PARISHES else r.choice(["County", "County", "Co.", "county", "CO"])
            return ("LOCATION", f"{county} {kind}")
        return ("LOCATION", r.choice(_TOWNS))

    def address(self, one_line: bool | None = None) -> list:
        """Street (or box / route) line, town, state (not PHI) and ZIP."""
        r = self.rng
        kind = r.random()
        if kind < 0.12:
            street = f"P.O. Box {r.randint(10, 9999)}"
        elif kind < 0.22:
            street = f"{r.choice(['RR', 'Rural Route', 'HC'])} {r.randint(1, 9)} Box {r.randint(1, 400)}"
        else:
            street = f"{r.randint(1, 29999)} {r.choice(['', 'N ', 'S ', 'E ', 'W. '])}{r.choice(_STREETS)} " \
                     f"{r.choice(STREET_KINDS)}"
            if r.random() < 0.4:
                street += r.choice([f" Apt {r.randint(1, 40)}{r.choice('ABCD')}", f" Unit {r.randint(1, 300)}",
                                    f" #{r.randint(1, 99)}", f" Lot {r.randint(1, 80)}",
                                    f", Apt. {r.randint(100, 999)}"])
        zipc = _digits(r, 5) + (f"-{_digits(r, 4)}" if r.random() < 0.2 else "")
        sep = "\n" if (one_line is False or (one_line is None and r.random() < 0.4)) else ", "
        town = [("LOCATION", r.choice(_TOWNS))]
        return [("ADDRESS", street), sep, town, ", " if r.random() < 0.7 else " ", r.choice(STATES), " ", ("ZIP", zipc)]

    # -- dates and ages ------------------------------------------------------------------------
    def day(self, offset: int = 0) -> date:
        return self.today + timedelta(days=offset)

    def date(self, offset: int = 0, form: str | None = None) -> tuple[str, str]:
        return ("DATE", fmt_date(self.day(offset), form or self.rng.choice(DATE_FORMS)))

    def dob(self, age: int | None = None, form: str | None = None) -> tuple[str, str]:
        age = age if age is not None else self.age
        d = self.today - timedelta(days=365 * age + self._birthday)
        return ("DATE", fmt_date(d, form or self.rng.choice(["mm/dd/yyyy", "m/d/yy", "d-Mon-yyyy", "iso",
                                                             "Mon d, yyyy", "m.d.yy"])))

    def year(self, back: int | None = None) -> list:
        """A year alone: "2019", "'92", "in 95" (only the number is the span)."""
        r = self.rng
        y = self.today.year - (back if back is not None else r.randint(1, 40))
        form = r.choice(["full", "full", "apos", "two"])
        if form == "full":
            return [("YEAR", str(y))]
        if form == "apos":
            return ["'", ("YEAR", f"{y % 100:02d}")]
        return [("YEAR", f"{y % 100:02d}")]

    def old_age(self, age: int | None = None) -> list:
        a = age or self.rng.randint(90, 104)
        return [("AGE", spoken_age(a) if self.rng.random() < 0.35 else str(a))]

    def some_age(self, p_old: float) -> int:
        """An adult's age, over 89 with probability `p_old`."""
        return self.rng.randint(90, 104) if self.rng.random() < p_old else self.rng.randint(30, 89)

    def age_text(self, age: int) -> list:
        """An age as written: a span only when over 89 (Safe Harbor's rule)."""
        return self.old_age(age) if age > 89 else [str(age)]

    # -- contact -------------------------------------------------------------------------------
    def phone(self, kind: str = "PHONE") -> list:
        r = self.rng
        area, ex, num = r.randint(201, 989), r.randint(200, 989), _digits(r, 4)
        form = r.choice(["paren", "dash", "dot", "local", "plus", "ext", "pager", "xonly", "space"])
        if kind == "FAX" and form in ("pager", "xonly"):
            form = "dash"
        text = {"paren": f"({area}) {ex}-{num}", "dash": f"{area}-{ex}-{num}", "dot": f"{area}.{ex}.{num}",
                "local": f"{ex}-{num}", "plus": f"+1 {area} {ex} {num}", "space": f"{area} {ex} {num}",
                "ext": f"{area}-{ex}-{num} ext {r.randint(10, 9999)}", "pager": f"{r.randint(1, 9)}-{num}",
                "xonly": f"x{num}"}[form]
        return [(kind, text)]

    def email(self, p: Person | None = None) -> tuple[str, str]:
        r, p = self.rng, p or self.pt
        local = r.choice([f"{p.first}.{p.last}", f"{p.first[0]}{p.last}{r.randint(1, 99)}", f"{p.last}{_digits(r, 2)}",
                          f"{p.first}_{p.mi}"]).lower().replace(" ", "").replace("'", "")
        dom = r.choice(["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com", "hotmail.com",
                        f"{self.town.lower().replace(' ', '')}health.org", "protonmail.com", "comcast.net"])
        return ("EMAIL", f"{local}@{dom}")

    def url(self) -> tuple[str, str]:
        r, p = self.rng, self.pt
        slug = f"{p.first}{p.last}".lower().replace(" ", "").replace("'", "").replace(".", "")
        town = self.town.lower().replace(" ", "").replace(".", "")
        return ("URL", r.choice([f"https://www.caringbridge.org/visit/{slug}", f"www.gofundme.com/f/help-{slug}",
                                 f"https://portal.{town}health.org/mychart", f"http://{town}kidney.com/patients",
                                 f"https://telehealth.{town}med.org/room/{_digits(r, 6)}",
                                 f"{town}peds.org/forms", f"https://facebook.com/{slug}{_digits(r, 2)}"]))

    def ip(self) -> tuple[str, str]:
        r = self.rng
        if r.random() < 0.1:
            return ("IP", f"fe80::{r.randint(4096, 65535):x}:{r.randint(4096, 65535):x}")
        return ("IP", f"{r.choice([10, 172, 192, 66, 98])}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}")

    def lab(self, label: str) -> str:
        """An id's label, or (one time in four) only its leading spacing: ids appear with and without labels."""
        if self.rng.random() < 0.75:
            return label
        return label[:len(label) - len(label.lstrip())] or " "

    # -- identifiers (all formats invented for this set) ------------------------------------------
    def ident(self, kind: str, sub: str | None = None) -> tuple[str, str]:
        """An id value of `kind`; `sub` picks one named form of VEHICLE, ID_LICENSE or BIOMETRIC."""
        r = self.rng
        if sub:
            return (kind, self._named_form(sub))
        d, L = lambda k: _digits(r, k), lambda k: _letters(r, k)
        yy = f"{self.today.year % 100:02d}"
        forms = {
            "ID_MRN": [d(8), f"{d(4)}-{d(4)}-{d(2)}", f"E{d(7)}", f"H-{d(3)}-{d(3)}-{d(1)}", f"U{d(8)}", d(7)],
            "ID_ACCOUNT": [f"{d(8)}-{d(4)}", f"FIN{d(11)}", d(10), f"HAR{d(7)}", f"A{d(9)}"],
            "ID_HEALTHPLAN": [f"{L(3)}{d(9)}", f"{d(2)}-{d(4)}-{d(4)}", f"{L(3)} {d(4)} {d(4)} {d(2)}",
                              f"{d(1)}{L(2)}{d(1)}-{L(2)}{d(1)}-{L(2)}{d(2)}", f"W{d(9)}"],
            "ID_NPI": [r.choice("12") + d(9)],
            "ID_DEA": [f"{r.choice('ABFGM')}{L(1)}{d(7)}"],
            "ID_LICENSE": [f"MD-{d(5)}", f"RN{d(7)}", f"{L(1)}{d(3)}-{d(4)}-{d(4)}", f"D{d(7)}", f"DDS.{d(5)}",
                           f"{L(2)}{d(6)}"],
            "SSN": [f"{d(3)}-{d(2)}-{d(4)}", f"{d(3)} {d(2)} {d(4)}", d(9)],
            "ID_ACCESSION": [f"S{yy}-{d(5)}", f"CYT-20{yy}-{d(6)}", f"RAD{d(7)}", f"M{yy}-{d(4)}", f"BB{yy}{d(6)}",
                             f"SP-{yy}-{d(5)}"],
            "ID_DEVICE": [f"{L(3)}{d(6)}{L(1)}", f"{d(11)}", f"PMX-{d(7)}", f"{L(2)}-{d(4)}-{L(2)}{d(2)}",
                          f"SN{d(8)}"],
            "ID_PHOTO": [f"WP-{yy}-{d(5)}", f"IMG_{d(4)}", f"FP-{d(5)}", f"PH{d(6)}",
            f"CP-{yy}{d(4)}-{r.randint(1, 9)}"],
            "ID_DICTATION": [d(7), f"DX-{d(4)}-{d(3)}", f"J{d(6)}", f"{d(3)}-{d(5)}"],
            "ID_BIOBANK": [f"BB-{yy}-{d(6)}-{r.choice(['PL', 'SR', 'DN', 'BC'])}", f"HBR{d(7)}",
                           f"SR-{d(7)}-{r.choice('ABC')}", f"BIO{yy}{L(1)}{d(5)}"],
            "VEHICLE": [f"{d(1)}{L(3)} {d(3)}", f"{L(3)}-{d(4)}", f"{L(3)} {d(4)}",
                        "".join(r.choice(_VIN) for _ in range(17))],
            "BIOMETRIC": [f"FP-T-{d(5)}", f"VP{d(6)}", f"IR-{d(4)}-{d(2)}", f"PV-{d(5)}", f"FACE-{L(2)}{d(6)}"],
        }
        return (kind, r.choice(forms[kind]))

    def _named_form(self, sub: str) -> str:
        r = self.rng
        d, L = lambda k: _digits(r, k), lambda k: _letters(r, k)
        forms = {
            "plate": [f"{d(1)}{L(3)} {d(3)}", f"{L(3)}-{d(4)}", f"{L(3)} {d(4)}", f"{L(2)}{d(1)} {L(1)}{d(2)}"],
            "vin": ["".join(r.choice(_VIN) for _ in range(17))],
            "driver": [f"{L(1)}{d(3)}-{d(4)}-{d(4)}", f"D{d(7)}", f"{L(2)}{d(6)}", f"{d(3)} {d(3)} {d(3)}"],
            "cdl": [f"CDL-{L(1)}{d(8)}", f"{L(2)}{d(6)}"], "md": [f"MD-{d(5)}", f"{d(2)}.{d(6)}", f"G{d(5)}"],
            "rn": [f"RN{d(7)}", f"NUR.{d(6)}"], "dds": [f"DDS.{d(5)}", f"DN{d(5)}"], "notary": [f"{d(4)}-{d(6)}"],
            "nrcme": [d(10)],
            "fingerprint": [f"FP-T-{d(5)}", f"FPT{d(7)}"], "voice": [f"VP{d(6)}", f"VPR-{d(4)}-{L(2)}"],
            "iris": [f"IR-{d(4)}-{d(2)}", f"IRIS{d(6)}"], "palm": [f"PV-{d(5)}"], "face": [f"FACE-{L(2)}{d(6)}"],
        }
        return r.choice(forms[sub])
