"""Note rendering with gold PHI spans for benchmarks/deid_make_frozen2.py.

``NoteWriter`` appends literal text and PHI values, applying the note's casing, and records the
character offsets of every PHI value after casing (so the gold offsets always index the final
text). ``note_context`` draws one note's people, places and identifiers and returns slot fillers:
``slot -> () -> (gold_type or None, surface text)``; a type of None is literal, non-PHI text.
"""

from __future__ import annotations

import random
import re
from typing import Callable

from deid_frozen2_phrases import (CLINIC_KINDS, HOSPITAL_CODES, HOSPITAL_KINDS, NURSING_HOMES, PAYERS,
                                  RELATIONS, SAINTS, STATES, TOWNS, VNAS, WARD_NUMBERS)
from deid_frozen2_surrogates import NUMBER_WORDS, Surrogates, ascii_fold

SLOT = re.compile(r"\{(\w+)(?:\|(\w+))?\}")
NAME_TYPES = ("PATIENT", "RELATIVE", "CLINICIAN")
CASES: dict[str, Callable[[str], str]] = {
    "upper": lambda s: ascii_fold(s).upper(), "lower": lambda s: ascii_fold(s).lower(), "keep": lambda s: s,
    "title": lambda s: s.title()}
Filler = Callable[[], tuple]


class NoteWriter:
    """Builds one note's text and its gold spans [(start, end, type)]."""

    def __init__(self, case: str = "keep", name_case: str | None = None):
        self.case, self.name_case = case, name_case
        self.parts: list[str] = []
        self.spans: list[tuple[int, int, str]] = []
        self.length = 0

    def text(self, literal: str) -> None:
        literal = CASES[self.case](literal)
        self.parts.append(literal)
        self.length += len(literal)

    def phi(self, kind: str | None, value: str, mod: str | None = None) -> None:
        if kind is None:
            self.text(value) if mod is None else self._raw(CASES[mod](value))
            return
        # a clinician's initials keep the note's casing ("DR. K" in a note whose names are lower case)
        personal = kind in NAME_TYPES and self.name_case and not (len(value) <= 3 and value.isupper())
        case = mod or (self.name_case if personal else self.case)
        value = CASES[case](value)
        start = self.length
        self._raw(value)
        previous = self.spans[-1] if self.spans else None
        # "Mary" + " " + "Okafor" filled from two slots is one name to an annotator
        if previous and previous[2] == kind and "".join(self.parts[-2:-1]) == " " and previous[1] == start - 1:
            self.spans[-1] = (previous[0], self.length, kind)
        else:
            self.spans.append((start, self.length, kind))

    def _raw(self, value: str) -> None:
        self.parts.append(value)
        self.length += len(value)

    def fill(self, template: str, ctx: dict[str, Filler]) -> None:
        """Render one template: literal text between ``{slot}`` / ``{slot|case}`` PHI slots."""
        at = 0
        for m in SLOT.finditer(template):
            if m.start() > at:
                self.text(template[at:m.start()])
            kind, value = ctx[m.group(1)]()
            self.phi(kind, value, m.group(2))
            at = m.end()
        if at < len(template):
            self.text(template[at:])

    def line(self, template: str, ctx: dict[str, Filler], end: str = "\n") -> None:
        self.fill(template, ctx)
        self.text(end)

    def result(self) -> tuple[str, list[tuple[int, int, str]]]:
        text = "".join(self.parts)
        for s, e, _ in self.spans:
            assert text[s:e].strip() == text[s:e] and e > s and not set(text[s:e]) & {"\n", "\t"}, (s, e)
        return text, list(self.spans)


def _fixed(kind, value) -> Filler:
    return lambda: (kind, value)


def _hospitals(s: Surrogates, r: random.Random, town: str) -> dict[str, Filler]:
    surname = ascii_fold(s.person()[1])
    full = r.choice((f"{r.choice(SAINTS)} {r.choice(HOSPITAL_KINDS)}", f"{town} {r.choice(HOSPITAL_KINDS)}",
                     f"{surname} Memorial Hospital", f"{r.choice(SAINTS)} Hospital"))
    named_for_town = f"{r.choice(TOWNS)} {r.choice(HOSPITAL_KINDS[:5])}"
    initials = "".join(w[0] for w in full.replace("St. ", "S ").split() if w[0].isalpha()).upper()
    code = r.choice(HOSPITAL_CODES) if r.random() < 0.7 else initials
    clinic_place = r.choice((r.choice(TOWNS), ascii_fold(s.person()[1]), s.city()))
    return {
        "hosp_full": _fixed("HOSPITAL", full), "hosp_town": _fixed("HOSPITAL", named_for_town),
        "hosp_code": _fixed("HOSPITAL", code),
        "clinic": _fixed("HOSPITAL", f"{clinic_place} {r.choice(CLINIC_KINDS)}"),
        "clinic2": _fixed("HOSPITAL", f"{ascii_fold(s.person()[1])} {r.choice(CLINIC_KINDS)}"),
        "nh": _fixed("HOSPITAL", f"{r.choice((r.choice(TOWNS), ascii_fold(s.person()[1])))} "
                                 f"{r.choice(NURSING_HOMES)}"),
        "ward": _fixed("HOSPITAL", f"{ascii_fold(s.person()[1])} {r.choice(WARD_NUMBERS)}"),
    }


def _people(s: Surrogates, r: random.Random) -> dict[str, Filler]:
    out: dict[str, Filler] = {}
    female = r.random() < 0.5
    pt_first, pt_last = s.person("F" if female else "M")
    out.update({
        "pt_first": _fixed("PATIENT", pt_first), "pt_last": _fixed("PATIENT", pt_last),
        "pt_full": _fixed("PATIENT", f"{pt_first} {pt_last}"),
        "pt_lastfirst": _fixed("PATIENT", r.choice((f"{pt_last}, {pt_first}", f"{pt_last},{pt_first}",
                                                    f"{pt_last}, {pt_first} {s.initial()}"))),
        "pt_title": _fixed(None, r.choice(("Mrs.", "Ms.")) if female else "Mr."),
        "pt_title_short": _fixed(None, ("Ms" if female else "Mr")),
        **{k: _fixed(None, v) for k, v in zip(("he", "He", "his", "His", "him"),
                                               ("she", "She", "her", "Her", "her") if female
                                               else ("he", "He", "his", "His", "him"))},
        "sex_letter": _fixed(None, "F" if female else "M"),
        "sex": _fixed(None, r.choice(("woman", "female")) if female else r.choice(("man", "male"))),
    })
    child = r.choice(("daughter", "son"))
    sexes = {"rel": "M" if female else "F", "rel2": "F" if child == "daughter" else "M"}
    out.update({"spouse": _fixed(None, "husband" if female else "wife"), "child": _fixed(None, child),
                "Child": _fixed(None, child.title())})
    for key in ("rel", "rel2", "rel3", "dr", "dr2", "pcp", "ref", "rad", "rad2", "res", "rn", "np"):
        first, last = s.person(sexes.get(key))
        if key == "rel" and r.random() < 0.6:
            last = pt_last  # a spouse usually shares the patient's surname
        kind = "RELATIVE" if key.startswith("rel") else "CLINICIAN"
        out[f"{key}_first"] = _fixed(kind, first)
        out[f"{key}_last"] = _fixed(kind, last)
        out[f"{key}_full"] = _fixed(kind, r.choice((f"{first} {last}", f"{first} {s.initial()}. {last}",
                                                    f"{first[0]}. {last}")) if kind == "CLINICIAN"
                                    else f"{first} {last}")
    out["rel_relation"] = _fixed(None, r.choice(RELATIONS))
    out["dr_initial"] = _fixed("CLINICIAN", s.initial())
    out["rn_initials"] = _fixed("CLINICIAN", s.initial() + s.initial())
    out["tech"] = _fixed("CLINICIAN", s.initial() + s.initial() + s.initial()
                         if r.random() < 0.7 else "".join(s.person()[0]))
    return out


def _dates(s: Surrogates, r: random.Random) -> dict[str, Filler]:
    anchor = s.day()  # the day of the note; admission, birth and follow-up dates are drawn around it

    def shifted(lo: int, hi: int, style: str) -> Filler:
        return lambda: ("DATE", s.date_text(anchor.fromordinal(anchor.toordinal() + r.randint(lo, hi)), style))

    # one age per patient: over 89 (PHI) for 45% of the notes, so that the birth date agrees with it
    age = int(s.age_over_89()) if r.random() < 0.45 else r.randint(19, 88)
    age_kind = "AGE" if age > 89 else None
    dob = anchor.fromordinal(anchor.toordinal() - int(age * 365.25) - r.randint(1, 360))
    admitted = r.randint(3, 25)
    short = r.choice(("mdyy", "mdy", "mdyy1", "iso", "dmy_dash", "dot"))
    long = r.choice(("long", "dmy_long", "long"))
    return {
        "d_md": lambda: shifted(-30, 30, r.choice(("md", "md", "md", "md0", "md-", "mon_d", "long_nth")))(),
        "d_md0": shifted(-30, 30, "md0"), "d_short": lambda: shifted(-40, 60, short if r.random() < 0.7 else "any")(),
        "d_long": shifted(-40, 60, long), "d_long2": shifted(-40, 60, "long"), "d_mdyy": shifted(0, 0, "mdyy"),
        "d_mdy": shifted(-900, -30, "mdy"),
        "d_adm": shifted(-admitted, -admitted, short), "d_dis": shifted(0, 0, short),
        "d_adm_long": shifted(-admitted, -admitted, long), "d_dis_long": shifted(0, 0, long),
        "mon_y": shifted(-900, -60, "mon_y"),
        "dob": _fixed("DATE", s.date_text(dob, r.choice(("mdyy", "mdyy1", "mdy", "iso", "long", "dmy")))),
        "yr2": lambda: ("YEAR", s.year2()), "yr2b": lambda: ("YEAR", s.year2()), "yr4": lambda: ("YEAR", s.year4()),
        "age90": _fixed(age_kind, str(age)), "age": _fixed(age_kind, str(age)),
        "age90w": _fixed(age_kind, NUMBER_WORDS[age] if age > 89 and r.random() < 0.6 else str(age)),
    }


def note_context(s: Surrogates, r: random.Random) -> dict[str, Filler]:
    """All slot fillers of one note: fixed people/places/ids, fresh dates and phone numbers."""
    town = r.choice(TOWNS) if r.random() < 0.75 else s.city()
    ctx = {**_people(s, r), **_hospitals(s, r, town), **_dates(s, r)}
    first, last = ctx["pt_first"]()[1], ctx["pt_last"]()[1]
    ids = {"mrn": s.mrn(), "ssn": s.ssn(), "hp": s.health_plan(), "acct": s.account(), "lic": s.license(),
           "dea": s.dea(), "npi": s.npi(), "plate": s.plate(), "vin": s.vin(),
           "bio": s.biometric(), "biobank": s.biobank(), "photo": s.photo(), "acc": s.accession(),
           "acc2": s.accession(), "job": s.job()}
    kinds = {"mrn": "ID_MRN", "ssn": "SSN", "hp": "ID_HEALTHPLAN", "acct": "ID_ACCOUNT", "lic": "ID_LICENSE",
             "dea": "ID_DEA", "npi": "ID_NPI", "plate": "VEHICLE", "vin": "VEHICLE",
             "bio": "BIOMETRIC", "biobank": "ID_BIOBANK", "photo": "ID_PHOTO", "acc": "ID_ACCESSION",
             "acc2": "ID_ACCESSION", "job": "ID_DICTATION"}
    ctx.update({k: _fixed(kinds[k], v) for k, v in ids.items()})
    ctx.update({
        "town": _fixed("LOCATION", town), "town2": _fixed("LOCATION", r.choice(TOWNS)),
        "state": _fixed(None, r.choice(STATES)), "street": _fixed("ADDRESS", s.street()),
        "street2": _fixed("ADDRESS", s.street()), "zip": _fixed("ZIP", s.zip()), "zip2": _fixed("ZIP", s.zip()),
        "phone": _fixed("PHONE", s.phone()), "phone2": lambda: ("PHONE", s.phone(full=True)),
        "phone_ext": lambda: ("PHONE", f"{s.phone(full=True).split(' ext')[0]} X{r.randint(100, 9999)}"),
        "pext": lambda: ("PHONE", f"X{r.randint(2, 8)}-{r.randint(1000, 9999)}"),
        "pager": lambda: ("PHONE", r.choice((s.digits(5), f"#{s.digits(4)}", s.phone()))),
        "fax": _fixed("FAX", s.phone(full=True)), "fax2": lambda: ("FAX", s.phone(full=True)),
        "email": _fixed("EMAIL", s.email(first, last)),
        "ext_x": lambda: ("PHONE", r.choice(("x", "X", "ext. ")) + f"{r.randint(2, 8)}{r.randint(1000, 9999)}"),
        "url": _fixed("URL", s.url()), "url_portal": _fixed("URL", s.url("portal")), "ip": _fixed("IP", s.ip()),
        "serial": lambda: ("ID_DEVICE", s.serial()), "photo2": lambda: ("ID_PHOTO", s.photo()),
        "payer": _fixed(None, r.choice(PAYERS)), "vna": _fixed(None, r.choice(VNAS)),
    })
    return ctx
