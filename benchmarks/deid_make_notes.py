"""Generate realistic English clinical notes with planted identifiers and their gold spans.

    python benchmarks/deid_make_notes.py --out /tmp/deid_notes --per-style 150 --seed 0

writes BRAT files (``<style>-<n>.txt`` + ``.ann``) under ``OUT/dev/`` (styles the detector may
be tuned on: ICU nursing notes in capitals and in mixed case, discharge summaries, radiology
reports) and ``OUT/heldout/`` (styles never tuned on: all-lower-case nursing notes, social-work
notes, referral letters), ready for ``benchmarks/deid_corpus.py``.

Independence from the detector: nothing here imports mednn. Surrogate names come from Faker
(several locales: US, British, Irish, Mexican, Italian, German, Polish, French, Indian, and
romanised Chinese and Japanese names), while the detector's list is the 1990 US Census; towns
are Faker's and a hand-written list of real small US towns; hospitals are built from those.
Gold types: PATIENT, RELATIVE, CLINICIAN (names), HOSPITAL, LOCATION (towns, wards,
facilities), ADDRESS, ZIP, DATE, AGE (over 89), PHONE, FAX, EMAIL, URL, IP, SSN, ID_* (record,
accession, account, health plan, licence, device, biobank numbers), VEHICLE, BIOMETRIC.
Names are annotated without their title ("Dr. [Smith]"), as in the i2b2 and PhysioNet corpora.

A generated set is no substitute for real annotated notes: it measures what its author thought
of. Report it beside a real corpus (MEDDOCAN), never instead of one.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from deid_note_phrases import DEV, HELD_OUT, STYLES  # noqa: E402

LOCALES = {"en_US": 10, "en_GB": 2, "ga_IE": 1, "es_MX": 2, "it_IT": 1, "de_DE": 1, "pl_PL": 1, "fr_FR": 1,
           "en_IN": 2, "zh_CN": 1, "ja_JP": 1}
# real small US towns (hand-written, facts): a detector cannot know them all
TOWNS = """Amesbury Athol Billerica Brockton Chelmsford Dracut Everett Fitchburg Framingham Gardner Haverhill
Hingham Holyoke Hudson Leominster Lowell Lynn Malden Marlborough Medford Methuen Milford Natick Needham
Peabody Plymouth Quincy Randolph Revere Saugus Scituate Shrewsbury Somerville Stoughton Taunton Tewksbury
Wakefield Waltham Webster Westborough Weymouth Woburn Nashua Keene Laconia Concord Dover Derry Brattleboro
Bangor Lewiston Biddeford Pawtucket Woonsocket Danbury Meriden Norwalk Torrington Ithaca Elmira Utica
Plattsburgh Scranton Altoona Erie Bethlehem Hagerstown Frederick Dayton Toledo Akron Muncie Kokomo Peoria
Joliet Dubuque Ames Duluth Rochester Fargo Bismarck Casper Billings Missoula Pocatello Yakima Medford
Eugene Chico Modesto Visalia Redding Flagstaff Yuma Roswell Amarillo Abilene Tyler Shreveport Meridian
Tupelo Dothan Macon Valdosta Ocala Sarasota Asheville Greenville Spartanburg Lynchburg Roanoke""".split()
HOSPITAL_FORMS = ["{town} General Hospital", "{town} Memorial Hospital", "St. {first}'s Hospital",
                  "{last} Medical Center", "{town} Regional Medical Center", "Mount {last} Hospital",
                  "{town} Community Hospital", "{last} Memorial", "University of {state} Hospital"]
STATES = ["Massachusetts", "New Hampshire", "Maine", "Vermont", "Connecticut", "New York", "Ohio", "Iowa"]
STATE_CODES = ["MA", "NH", "ME", "VT", "CT", "NY", "OH", "IA", "PA", "IL"]
WARDS = ["Finard {n}", "Blake {n}", "Ellison {n}", "Wang {n}", "Farr {n}", "Reisman {n}", "Bigelow {n}"]
FACILITIES = ["{town} Rehabilitation Center", "{last} House Nursing Home", "{town} Skilled Nursing Facility",
              "{last} Manor", "Hebrew Rehab of {town}"]
HEALTH_PLANS = ["Blue Cross Blue Shield", "Harvard Pilgrim", "Tufts Health Plan", "Aetna", "United Healthcare"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
NUMBER_WORDS = {90: "ninety", 91: "ninety-one", 92: "ninety-two", 93: "ninety-three", 94: "ninety-four",
                95: "ninety-five", 96: "ninety-six", 97: "ninety-seven", 98: "ninety-eight", 99: "ninety-nine",
                100: "one hundred", 101: "one hundred and one", 102: "one hundred and two"}
CARS = ["2012 Honda Civic", "2018 Ford F-150", "2009 Toyota Camry", "2015 Subaru Outback"]


class Person:
    def __init__(self, faker_by_locale, rng: random.Random):
        locale = rng.choices(list(LOCALES), weights=list(LOCALES.values()))[0]
        fake = faker_by_locale[locale]
        if locale in ("zh_CN", "ja_JP"):
            self.first, self.last = fake.romanized_name().split()[::-1] if locale == "zh_CN" else fake.romanized_name().split()
        else:
            self.first, self.last = fake.first_name(), fake.last_name()


class Context:
    """One note's people, places and dates (they recur inside a note, as in real notes)."""

    def __init__(self, fakers, rng: random.Random):
        self.rng, self.fakers = rng, fakers
        self.fake = fakers["en_US"]
        self.patient = Person(fakers, rng)
        self.relatives = [Person(fakers, rng) for _ in range(2)]
        self.clinicians = [Person(fakers, rng) for _ in range(3)]
        self.town = rng.choice(TOWNS) if rng.random() < 0.6 else self.fake.city()
        self.hospital = self._hospital()
        self.year = rng.randint(1998, 2024)

    def _hospital(self) -> str:
        p = Person(self.fakers, self.rng)
        form = self.rng.choice(HOSPITAL_FORMS)
        return form.format(town=self.rng.choice(TOWNS), first=p.first, last=p.last, state=self.rng.choice(STATES))

    def pick(self, people: list[Person]) -> Person:
        return people[0] if self.rng.random() < 0.6 else self.rng.choice(people)


def _code(name: str) -> str:
    words = [w for w in name.replace("'s", "").replace(".", "").split() if w[0].isupper() and w not in ("Of",)]
    return "".join(w[0] for w in words)[:4]


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def _date_parts(c: Context):
    r = c.rng
    return r.randint(1, 12), r.randint(1, 28), r.choice([c.year, r.randint(1995, 2024)])


def _date_full(c: Context) -> str:
    m, d, y = _date_parts(c)
    forms = [f"{m}/{d}/{y}", f"{m:02d}/{d:02d}/{y}", f"{y}-{m:02d}-{d:02d}", f"{MONTHS[m - 1]} {d}, {y}",
             f"{d} {MONTHS[m - 1][:3]} {y}", f"{m}/{d}/{y % 100:02d}"]
    return c.rng.choice(forms)


def _date_md(c: Context) -> str:
    m, d, _ = _date_parts(c)
    return c.rng.choice([f"{m}/{d}", f"{m:02d}/{d:02d}", f"{m}-{d}"])


def _phone(c: Context) -> str:
    r = c.rng
    a, b, n = r.randint(201, 989), r.randint(200, 999), _digits(r, 4)
    return r.choice([f"({a}) {b}-{n}", f"{a}-{b}-{n}", f"{a}.{b}.{n}", f"{a} {b} {n}", f"1-{a}-{b}-{n}"])


def _vin(r: random.Random) -> str:
    chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    return "".join(r.choice(chars) for _ in range(8)) + r.choice("0123456789X") + "".join(r.choice(chars) for _ in range(8))


def _person_slot(kind: str, attr: str, case: str = ""):
    def slot(c: Context):
        people = {"PATIENT": [c.patient], "RELATIVE": c.relatives, "CLINICIAN": c.clinicians}[kind]
        p = c.pick(people)
        value = getattr(p, attr) if attr in ("first", "last") else f"{p.first} {p.last}"
        value = value.lower() if case == "lower" else value.upper() if case == "caps" else value
        return [(value, kind)]
    return slot


def _fixed(kind: str, make):
    return lambda c: [(make(c), kind)]


SLOTS = {
    "patient_full": _person_slot("PATIENT", "full"), "patient_first": _person_slot("PATIENT", "first"),
    "patient_last": _person_slot("PATIENT", "last"), "patient_last_caps": _person_slot("PATIENT", "last", "caps"),
    "patient_first_caps": _person_slot("PATIENT", "first", "caps"),
    "patient_first_lower": _person_slot("PATIENT", "first", "lower"),
    "patient_last_lower": _person_slot("PATIENT", "last", "lower"),
    "patient_title_last": lambda c: [(c.rng.choice(["Mrs. ", "Ms. ", "Mr. ", "Ms "]), None), (c.patient.last, "PATIENT")],
    "relative_first": _person_slot("RELATIVE", "first"), "relative_full": _person_slot("RELATIVE", "full"),
    "relative_last": _person_slot("RELATIVE", "last"),
    "relative_first_lower": _person_slot("RELATIVE", "first", "lower"),
    "clinician_last": _person_slot("CLINICIAN", "last"), "clinician_full": _person_slot("CLINICIAN", "full"),
    "clinician_last2": lambda c: [(c.clinicians[2].last, "CLINICIAN")],
    "clinician_first": _person_slot("CLINICIAN", "first"),
    "clinician_last_lower": _person_slot("CLINICIAN", "last", "lower"),
    "clinician_first_lower": _person_slot("CLINICIAN", "first", "lower"),
    "clinician_initial": lambda c: [(c.pick(c.clinicians).last[0], "CLINICIAN")],
    "hospital": lambda c: [(c.hospital, "HOSPITAL")],
    "hospital_lower": lambda c: [(c.hospital.lower(), "HOSPITAL")],
    "hospital_code": lambda c: [(_code(c.hospital) if c.rng.random() < 0.7 else "U " + c.rng.choice(STATES), "HOSPITAL")],
    "hospital_code_lower": lambda c: [(_code(c.hospital).lower(), "HOSPITAL")],
    "hospital_named_town": lambda c: [(c.rng.choice(TOWNS) + c.rng.choice([" Hospital", " Union", " Medical"]), "HOSPITAL")],
    "town": lambda c: [(c.town, "LOCATION")], "town_lower": lambda c: [(c.town.lower(), "LOCATION")],
    "ward": lambda c: [(c.rng.choice(WARDS).format(n=c.rng.randint(2, 14)), "LOCATION")],
    "facility": lambda c: [(c.rng.choice(FACILITIES).format(town=c.rng.choice(TOWNS), last=Person(c.fakers, c.rng).last), "LOCATION")],
    "state": lambda c: [(c.rng.choice(STATE_CODES), None)],
    "zip": _fixed("ZIP", lambda c: f"{c.rng.randint(1001, 99950):05d}"),
    "street_address": _fixed("ADDRESS", lambda c: c.fakers["en_US"].street_address()),
    "date_full": _fixed("DATE", _date_full), "dob": _fixed("DATE", _date_full), "date_md": _fixed("DATE", _date_md),
    "date_md_year": _fixed("DATE", lambda c: f"{c.rng.randint(1, 12)}/{c.rng.randint(1, 28)}/{c.rng.randint(0, 24):02d}"),
    "date_month_day": _fixed("DATE", lambda c: f"{c.rng.choice(MONTHS)} {c.rng.randint(1, 28)}"),
    "month_year": _fixed("DATE", lambda c: f"{c.rng.choice(MONTHS)} {c.rng.randint(1998, 2023)}"),
    "month_name": _fixed("DATE", lambda c: c.rng.choice(MONTHS)),
    "year": _fixed("DATE", lambda c: str(c.rng.randint(1975, 2023))),
    "year_two": _fixed("DATE", lambda c: f"{c.rng.randint(80, 99)}"),
    "year_two_apos": _fixed("DATE", lambda c: f"'{c.rng.randint(0, 99):02d}"),
    "year_two_digits": _fixed("DATE", lambda c: f"{c.rng.randint(80, 99)}"),
    "age_over_89": _fixed("AGE", lambda c: str(c.rng.randint(90, 104))),
    "age_over_89_words": _fixed("AGE", lambda c: NUMBER_WORDS[c.rng.choice(list(NUMBER_WORDS))]),
    "age_plain": lambda c: [(str(c.rng.randint(40, 88)), None)],
    "phone": _fixed("PHONE", _phone),
    "phone_local": _fixed("PHONE", lambda c: f"{c.rng.randint(200, 999)}-{_digits(c.rng, 4)}"),
    "phone_ext": lambda c: [(_phone(c), "PHONE"), (c.rng.choice([" x", " ext ", " ext. "]), None), (_digits(c.rng, 4), "PHONE")],
    "pager": _fixed("PHONE", lambda c: _digits(c.rng, 5)),
    "fax": _fixed("FAX", _phone),
    "email": _fixed("EMAIL", lambda c: f"{c.patient.first.lower()}.{c.patient.last.lower()}{c.rng.randint(1, 99)}@"
                    + c.rng.choice(["gmail.com", "comcast.net", "yahoo.com", "verizon.net"])),
    "url": _fixed("URL", lambda c: "www." + "".join(ch for ch in c.hospital.lower() if ch.isalpha())[:18] + ".org/portal"),
    "ip": _fixed("IP", lambda c: f"10.{c.rng.randint(0, 255)}.{c.rng.randint(0, 255)}.{c.rng.randint(1, 254)}"),
    "ssn": _fixed("SSN", lambda c: f"{c.rng.randint(100, 899)}-{c.rng.randint(10, 99)}-{c.rng.randint(1000, 9999)}"),
    "mrn": _fixed("ID_MRN", lambda c: c.rng.choice([_digits(c.rng, 7), f"{_digits(c.rng, 3)}-{_digits(c.rng, 2)}-{_digits(c.rng, 2)}"])),
    "accession": _fixed("ID_ACCESSION", lambda c: "A" + _digits(c.rng, 8)),
    "account": _fixed("ID_ACCOUNT", lambda c: _digits(c.rng, 6)),
    "health_plan_name": lambda c: [(c.rng.choice(HEALTH_PLANS), None)],
    "health_plan_id": _fixed("ID_HEALTHPLAN", lambda c: c.rng.choice(["XJH", "ZGP", "W"]) + _digits(c.rng, 9)),
    "license": _fixed("ID_LICENSE", lambda c: _digits(c.rng, 6)),
    "dea": _fixed("ID_LICENSE", lambda c: c.rng.choice("ABFM") + c.patient.last[0].upper() + _digits(c.rng, 7)),
    "device_serial": _fixed("ID_DEVICE", lambda c: c.rng.choice(["PJN", "RLA", "SN"]) + _digits(c.rng, 6) + c.rng.choice(["", " H", "S"])),
    "device_model": lambda c: [(c.rng.choice(["LINQ II", "Reveal XT", "Confirm Rx"]), None)],
    "biobank_id": _fixed("ID_BIOBANK", lambda c: f"BB-{c.rng.randint(2015, 2024)}-{_digits(c.rng, 5)}"),
    "vin": _fixed("VEHICLE", lambda c: _vin(c.rng)),
    "plate": _fixed("VEHICLE", lambda c: f"{c.rng.randint(1, 9)}{''.join(c.rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(3))}{_digits(c.rng, 2)}"),
    "car": lambda c: [(c.rng.choice(CARS), None)],
    "voiceprint": _fixed("BIOMETRIC", lambda c: f"VP-{_digits(c.rng, 6)}"),
    "fingerprint": _fixed("BIOMETRIC", lambda c: f"FP{_digits(c.rng, 8)}"),
}


def _render(template: str, c: Context, casing: str, slots: dict | None = None) -> tuple[str, list[tuple[int, int, str]]]:
    """One line: template text cased by style, slot values as the slot makes them (upper-cased in
    an all-capitals note), and the gold spans of the planted values."""
    import re

    out, spans, pos = [], [], 0
    for piece in re.split(r"(\{\w+\})", template):
        if piece.startswith("{") and piece.endswith("}"):
            parts = (SLOTS if slots is None else slots)[piece[1:-1]](c)
        else:
            parts = [(_case(piece, casing), None)]
        for text, kind in parts:
            if casing == "upper":
                text = "".join(ch.upper() if len(ch.upper()) == 1 else ch for ch in text)
            if kind is not None:
                spans.append((pos, pos + len(text), kind))
            out.append(text)
            pos += len(text)
    return "".join(out), spans


def _case(text: str, casing: str) -> str:
    if casing == "mixed":
        low = text.lower()
        return low[:1].upper() + low[1:] if text[:1].isalpha() else low
    return text


def make_note(style: str, c: Context) -> tuple[str, list[tuple[int, int, str]]]:
    phi, filler, casing, n_phi, n_fill = STYLES[style]
    r = c.rng
    lines = [(t, True) for t in r.sample(phi, min(len(phi), r.randint(*n_phi)))]
    lines += [(t, False) for t in r.sample(filler, min(len(filler), r.randint(*n_fill)))]
    head = [ln for ln in lines if ln[1]][:2] if style in ("discharge", "radiology", "letter") else []
    rest = [ln for ln in lines if ln not in head]
    r.shuffle(rest)
    text, spans = "", []
    for template, _ in head + rest:
        line, line_spans = _render(template, c, casing)
        spans += [(s + len(text), e + len(text), k) for s, e, k in line_spans]
        text += line + "\n"
    return text, spans


def write_corpus(out: Path, per_style: int, seed: int) -> dict[str, int]:
    from faker import Faker

    fakers = {}
    for i, locale in enumerate(LOCALES):
        fakers[locale] = Faker(locale)
        fakers[locale].seed_instance(seed * 1000 + i)
    rng = random.Random(seed)
    counts: dict[str, int] = {}
    for split, styles in (("dev", DEV), ("heldout", HELD_OUT)):
        folder = out / split
        folder.mkdir(parents=True, exist_ok=True)
        for style in styles:
            for n in range(per_style):
                text, spans = make_note(style, Context(fakers, rng))
                (folder / f"{style}-{n:04d}.txt").write_text(text, encoding="utf-8")
                ann = "".join(f"T{i + 1}\t{k} {s} {e}\t{text[s:e]}\n" for i, (s, e, k) in enumerate(spans))
                (folder / f"{style}-{n:04d}.ann").write_text(ann, encoding="utf-8")
                counts[split] = counts.get(split, 0) + len(spans)
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--per-style", type=int, default=150)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    counts = write_corpus(args.out, args.per_style, args.seed)
    print(f"wrote {args.out}: " + ", ".join(f"{k} {v} gold spans" for k, v in counts.items()))


if __name__ == "__main__":
    main()
