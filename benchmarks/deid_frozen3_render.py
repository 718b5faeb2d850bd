"""Rendering of one frozen set 3 note: the note's cast (patient, relatives, staff, hospitals),
placeholder expansion into labelled segments, then casing, typos and line wrapping applied to
segments so that offsets are derived only at the end and cannot drift.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

import deid_frozen3_fillers as fillers
import deid_frozen3_surrogates as sur

Seg = sur.Seg
PLACEHOLDER = re.compile(r"\{(~?[A-Za-z0-9_]+)(?::([a-z_]+))?\}")
# role word -> the relative's sex (None: either)
REL_ROLES = {"husband": "M", "wife": "F", "dtr": "F", "daughter": "F", "son": "M", "sister": "F",
             "brother": "M", "mother": "F", "father": "M", "niece": "F", "grandson": "M", "partner": None,
             "fiance": None, "stepson": "M", "bf": "M", "gf": "F", "sister-in-law": "F", "granddaughter": "F"}
STAFF_KEYS = {"DOC1", "DOC2", "DOC3", "RN", "NURSE", "PHARM", "THER", "CHAP"}
WARD_KINDS = ["Pavilion", "Wing", "Tower", "Building", "Unit"]
TITLES = {"M": ["Mr. ", "Mr "], "F": ["Ms. ", "Mrs. ", "Ms ", "Mrs "]}
SEX_WORDS = {"M": ["male", "M", "man", "gentleman"], "F": ["female", "F", "woman", "lady"]}


@dataclass
class Cast:
    """Who and where a note is about; created once per note so names recur in several forms."""

    rng: random.Random
    fake: object
    kinds: list[str] | None = None  # the kinds of place that write this note style
    old_share: float = 0.4  # share of patients over 89 (whose age is PHI)
    age: int = field(init=False)
    patient: sur.Person = field(init=False)
    relatives: list[tuple[str, sur.Person]] = field(init=False)
    staff: dict[str, sur.Person] = field(init=False, default_factory=dict)
    hospitals: list[tuple[str, str]] = field(init=False)

    def __post_init__(self) -> None:
        rng = self.rng
        self.patient = sur.person(rng, self.fake)
        self.age = rng.randint(90, 104) if rng.random() < self.old_share else rng.randint(19, 89)
        self.relatives = []
        for role in rng.sample(sorted(REL_ROLES), 2):
            rel = sur.person(rng, self.fake, REL_ROLES[role])
            if rng.random() < 0.5:
                rel.last = self.patient.last  # family often shares the surname
            self.relatives.append((role, rel))
        self.hospitals = [sur.hospital_name(rng, self.kinds), sur.hospital_name(rng)]

    def member(self, key: str) -> sur.Person:
        if key not in self.staff:
            self.staff[key] = sur.person(self.rng, self.fake)
        return self.staff[key]

    @property
    def domain(self) -> str:
        return sur.hospital_domain(self.hospitals[0][0])


def _patient(cast: Cast, form: str | None) -> list[Seg]:
    rng, pt = cast.rng, cast.patient
    if form == "title":
        return [(rng.choice(TITLES[pt.sex]), None), (pt.form(rng.choice(["last", "last", "full"])), "PATIENT")]
    if form is None:
        form = rng.choice(["full", "last_first", "first", "last_first_mi"])
    return [(pt.form(form), "PATIENT")]


def _possessive(cast: Cast) -> list[Seg]:
    form = cast.rng.choice(["first", "last", "nick", "full"])
    prefix = [(cast.rng.choice(TITLES[cast.patient.sex]), None)] if form == "last" else []
    return prefix + [(cast.patient.form(form), "PATIENT"), (cast.rng.choice(["'s", "'s", "s"]), None)]


def _relative(cast: Cast, which: int, form: str | None, with_role: bool) -> list[Seg]:
    role, rel = cast.relatives[which]
    form = form or cast.rng.choice(["first", "first", "full", "nick"])
    segs = [(role + " ", None)] if with_role else []
    return segs + [(rel.form(form), "RELATIVE")]


def _staff(cast: Cast, key: str, form: str | None) -> list[Seg]:
    who, rng = cast.member(key), cast.rng
    form = form or rng.choice(["full", "dr", "init_last", "last_first"])
    if form == "dr":
        return [(rng.choice(["Dr. ", "Dr ", "DR. ", "dr "]), None), (who.last, "CLINICIAN")]
    if form == "dr_full":
        return [(rng.choice(["Dr. ", "Dr "]), None), (who.form(rng.choice(["full", "first_mi_last"])), "CLINICIAN")]
    if form == "full_md":
        return [(who.form("full"), "CLINICIAN"), (rng.choice([", MD", " MD", ", M.D.", ", DO"]), None)]
    if form == "initials" and rng.random() < 0.3:
        form = "dotted"
    return [(who.form(form), "CLINICIAN")]


def _hospital(cast: Cast, which: int, form: str | None) -> list[Seg]:
    long, code = cast.hospitals[which]
    if form == "code" or (form is None and cast.rng.random() < 0.15):
        return [(code, "HOSPITAL")]
    return [(long, "HOSPITAL")]


def _ward(cast: Cast) -> list[Seg]:
    rng = cast.rng
    name = f"{rng.choice(sur.LAST_NAMES)} {rng.choice(WARD_KINDS)}"
    return [(name, "HOSPITAL"), (f" {rng.randint(2, 9)}", None)] if rng.random() < 0.5 else [(name, "HOSPITAL")]


def _town(cast: Cast) -> list[Seg]:
    if cast.rng.random() < 0.15:
        return sur.county(cast.rng)
    return [(sur.town(cast.rng, cast.fake), "LOCATION")]


def _med_table(cast: Cast) -> list[Seg]:
    """A fixed-width medication table; prescribers and last-dose dates are PHI inside it."""
    rng = cast.rng
    header = f"{'MEDICATION':<14}{'DOSE':<22}{'LAST DOSE':<11}PRESCRIBER\n"
    segs: list[Seg] = [(header, None)]
    for _ in range(rng.randint(3, 6)):
        drug = rng.choice(fillers.DRUGS)
        dose = fillers.fill("dose", rng)
        last = sur.date(rng, rng.choice(["md", "mmdd", "mdyy"]))[0][0]
        doc = cast.member(rng.choice(["DOC1", "DOC2", "DOC3"]))
        name = doc.form(rng.choice(["last_first", "lastcomma_init", "init_last", "last"]))
        segs += [(f"{drug:<14}{dose:<22}", None), (last, "DATE"), (" " * max(1, 11 - len(last)), None),
                 (name, "CLINICIAN"), ("\n", None)]
    segs += [("Pharmacy: ", None), (fillers.fill("pharmacy", rng) + " ", None)] + sur.phone(rng) + [("\n", None)]
    return segs


def _simple(cast: Cast, key: str) -> list[Seg] | None:
    rng, fake = cast.rng, cast.fake
    table = {
        "DOB": lambda: sur.dob(rng, cast.age), "YEAR": lambda: sur.year(rng), "PTAGE": lambda: sur.age(rng, cast.age),
        "PTSEX": lambda: [(rng.choice(SEX_WORDS[cast.patient.sex]), None)],
        "PHONE": lambda: sur.phone(rng), "FAX": lambda: sur.phone(rng, "FAX"), "PAGER": lambda: sur.pager(rng),
        "EMAIL": lambda: sur.email(rng, cast.patient), "RELEMAIL": lambda: sur.email(rng, cast.relatives[0][1]),
        "STAFFEMAIL": lambda: sur.staff_email(rng, cast.member("DOC1"), cast.domain),
        "URL": lambda: sur.url(rng, cast.patient, cast.domain), "IP": lambda: sur.ip(rng),
        "ADDR": lambda: sur.full_address(rng, fake, rng.choice([", ", ", ", "\n"])),
        "ADDRLINE": lambda: sur.address_line(rng, fake), "TOWN": lambda: _town(cast),
        "ZIP": lambda: sur.zipcode(rng), "MRN": lambda: sur.mrn(rng), "ACCT": lambda: sur.account(rng),
        "ACC": lambda: sur.accession(rng), "DEV": lambda: sur.device_serial(rng), "VEH": lambda: sur.vehicle(rng),
        "PHOTO": lambda: sur.photo_id(rng), "LIC": lambda: sur.licence(rng), "DICT": lambda: sur.dictation(rng),
        "BIO": lambda: sur.biometric(rng), "BIOBANK": lambda: sur.biobank(rng), "PLAN": lambda: sur.healthplan(rng),
        "NPI": lambda: sur.npi(rng), "SSN": lambda: sur.ssn(rng), "MEDTABLE": lambda: _med_table(cast),
        "WARD": lambda: _ward(cast), "PTPOSS": lambda: _possessive(cast),
        "DEA1": lambda: sur.dea(rng, cast.member("DOC1")), "DEA2": lambda: sur.dea(rng, cast.member("DOC2")),
        "DEA3": lambda: sur.dea(rng, cast.member("DOC3")),
    }
    return table[key]() if key in table else None


def expand(key: str, form: str | None, cast: Cast) -> list[Seg]:
    """Segments for one placeholder; an unknown key raises so a template typo cannot pass."""
    if key.startswith("~"):
        return [(fillers.fill(key[1:], cast.rng), None)]
    if key == "PT":
        return _patient(cast, form)
    if key in ("REL", "REL2", "RELN", "RELN2"):
        return _relative(cast, 1 if key.endswith("2") else 0, form, with_role=key.startswith("REL") and "N" not in key)
    if key in ("RELROLE", "RELROLE2"):
        return [(cast.relatives[1 if key.endswith("2") else 0][0], None)]
    if key in STAFF_KEYS:
        return _staff(cast, key, form)
    if key in ("HOSP1", "HOSP2"):
        return _hospital(cast, int(key[-1]) - 1, form)
    if key == "DATE":
        return sur.date(cast.rng, form)
    segs = _simple(cast, key)
    if segs is None:
        raise KeyError(f"unknown placeholder {{{key}}} in a frozen set 3 template")
    return segs


def render_template(template: str, cast: Cast) -> list[Seg]:
    segs: list[Seg] = []
    pos = 0
    for match in PLACEHOLDER.finditer(template):
        if match.start() > pos:
            segs.append((template[pos:match.start()], None))
        segs.extend(expand(match.group(1), match.group(2), cast))
        pos = match.end()
    if pos < len(template):
        segs.append((template[pos:], None))
    return segs


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 2)
    if rng.random() < 0.5:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + word[i + 1:]


def _add_typos(text: str, rng: random.Random, rate: float) -> str:
    return re.sub(r"[A-Za-z]{6,}", lambda m: _typo(m.group(0), rng) if rng.random() < rate else m.group(0), text)


def _wrap(segs: list[Seg], width: int) -> list[Seg]:
    """Break literal text at spaces once a line passes ``width``; PHI segments stay whole."""
    out, col = [], 0
    for text, label in segs:
        if label is not None:
            out.append((text, label))
            col += len(text)
            continue
        chars = []
        for ch in text:
            if ch == " " and col >= width:
                ch = "\n"
            col = 0 if ch == "\n" else col + 1
            chars.append(ch)
        out.append(("".join(chars), None))
    return out


def finish(segs: list[Seg], rng: random.Random, casing: tuple[float, float]) -> tuple[str, list[tuple[int, int, str]]]:
    """Casing, typos and wrapping, then the text and its (start, end, type) spans."""
    roll = rng.random()
    case = str.upper if roll < casing[0] else str.lower if roll < casing[0] + casing[1] else None
    typo_rate = rng.choice([0.0, 0.0, 0.01, 0.03])
    done: list[Seg] = []
    for text, label in segs:
        if label is None and typo_rate:
            text = _add_typos(text, rng, typo_rate)
        done.append((case(text) if case else text, label))
    if rng.random() < 0.25:
        done = _wrap(done, rng.randint(55, 78))
    pieces, spans, pos = [], [], 0
    for text, label in done:
        if label is not None:
            spans.append((pos, pos + len(text), label))
        pieces.append(text)
        pos += len(text)
    return "".join(pieces), spans
