"""Note builder for set 9: text is appended piece by piece, PHI pieces are recorded as spans.

`Note.t(text)` appends PHI-free text, `Note.p(label, text)` appends a PHI span.
The helpers (`patient`, `clinician`, `relative`, ...) pick a surrogate, write it and
return it, so a writer can refer to the same person again later in the note.
"""

from __future__ import annotations

import random

from deid_frozen9_surrogates import Surrogates

LABELS = ("DATE CLINICIAN HOSPITAL PATIENT PHONE LOCATION RELATIVE ADDRESS ID_MRN YEAR ZIP FAX AGE "
          "ID_ACCESSION ID_DEVICE VEHICLE ID_PHOTO EMAIL ID_DICTATION ID_LICENSE BIOMETRIC SSN ID_BIOBANK "
          "URL ID_HEALTHPLAN ID_NPI ID_ACCOUNT IP ID_DEA").split()


class Note:
    """One note under construction: its text pieces and its gold spans."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng
        self.s = Surrogates(rng)
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[tuple[str, int, int]] = []
        self.pt_first = self.s.first()
        self.pt_last = self.s.last()

    # ---- raw --------------------------------------------------------------------
    def t(self, text: str) -> "Note":
        self.parts.append(text)
        self.length += len(text)
        return self

    def p(self, label: str, text: str) -> str:
        if label not in LABELS:
            raise ValueError(f"unknown label {label}")
        text = text.strip()
        self.spans.append((label, self.length, self.length + len(text)))
        self.t(text)
        return text

    def text(self) -> str:
        return "".join(self.parts)

    def pick(self, *options):
        return self.r.choice(options)

    def maybe(self, prob: float = 0.5) -> bool:
        return self.r.random() < prob

    # ---- people -----------------------------------------------------------------
    def patient(self, shape: str | None = None) -> str:
        """The note's own patient, in a chosen written shape."""
        f, l = self.pt_first, self.pt_last
        shape = shape or self.pick("fl", "fl", "lf", "LF", "f", "l", "lower", "upper", "Mr", "poss")
        text = {"fl": f"{f} {l}", "lf": f"{l}, {f}", "LF": f"{l.upper()},{f.upper()}", "f": f, "l": l,
                "lower": f"{f} {l}".lower(), "upper": f"{f} {l}".upper(), "Mr": l, "poss": f"{f} {l}"}[shape]
        if shape == "Mr":
            self.t(self.pick("Mr ", "Mrs ", "Ms ", "Mx ", "Miss "))
        self.p("PATIENT", text)
        if shape == "poss":
            self.t("'s")
        return text

    def clinician(self, title: bool = True) -> str:
        if title and self.maybe(0.6):
            self.t(self.pick("Dr ", "Dr. ", "Nurse ", "Sister ", "Prof ", "RN ", "Paramedic ", "Mr "))
        name = self.s.person()
        self.p("CLINICIAN", name)
        return name

    def handle(self) -> str:
        return self.p("CLINICIAN", self.s.user_id(self.s.person("fl")))

    def relative(self, with_role: bool = True) -> str:
        if with_role:
            self.t(self.s.relative_role() + " ")
        return self.p("RELATIVE", self.s.person(self.pick("f", "fl", "fl", "lower", "nick", "upper")))

    # ---- places -----------------------------------------------------------------
    def hospital(self) -> str:
        return self.p("HOSPITAL", self.pick(self.s.hospital(), self.s.hospital(), self.s.ward(), self.s.hosp_code()))

    def town(self) -> str:
        return self.p("LOCATION", self.s.town())

    def address(self, country: str = "us") -> None:
        """Street (ADDRESS), town (LOCATION) and post code (ZIP), written as one line."""
        if self.maybe(0.12):
            self.t("c/o ")
            self.p("RELATIVE", self.s.person("fl"))
            self.t(", ")
        self.p("ADDRESS", self.s.po_box() if self.maybe(0.2) else self.s.street())
        self.t(", ")
        self.town()
        if country == "us":
            self.t(", " + self.pick("OH", "TX", "Oregon", "ME", "Kansas", "NM", "WI") + " ")
            self.p("ZIP", self.s.us_zip())
        elif country == "uk":
            self.t(self.pick(", ", " ", ",\n"))
            self.p("ZIP", self.s.uk_postcode())
        elif country == "ie":
            self.t(", Co. " + self.pick("Kerry", "Mayo", "Clare", "Cork") + ", ")
            self.p("ZIP", self.s.eircode())
        elif country == "ca":
            self.t(", " + self.pick("ON", "BC", "Manitoba", "NS") + " ")
            self.p("ZIP", self.s.ca_postcode())
        else:
            self.t(" " + self.pick("NSW", "VIC", "QLD", "WA", "SA") + " ")
            self.p("ZIP", self.s.au_postcode())

    # ---- convenience -------------------------------------------------------------
    def date(self, fmt: str | None = None) -> str:
        return self.p("DATE", self.s.date(fmt=fmt))

    def dob(self) -> str:
        return self.p("DATE", self.s.date(self.s.birth(), fmt=self.pick("m/d/yyyy", "dd/mm/yyyy", "d-Mon-yyyy",
                                                                           "iso", "dd.mm.yyyy", "d Month yyyy")))

    def age_phrase(self) -> None:
        """An age over 89 (PHI) written in one of several ways."""
        age = self.s.old_age()
        if age.isdigit():
            tmpl = self.pick("{a} yo ", "{a}-year-old ", "{a}y ", "aged {a} ", "{a} y/o ", "age: {a} ", "{a}F ")
        else:
            tmpl = self.pick("{a}-year-old ", "aged {a} ", "{a} years old ", "a lady of {a} ")
        pre, post = tmpl.split("{a}")
        self.t(pre)
        self.p("AGE", age)
        self.t(post)

    def phone(self) -> str:
        return self.p("PHONE", self.s.phone())

    def idline(self, label: str, caption: str, value: str) -> None:
        self.t(caption)
        self.p(label, value)
        self.t("\n")
