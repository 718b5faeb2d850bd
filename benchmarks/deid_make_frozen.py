"""Generate the FROZEN held-out English notes: styles, phrases, names, towns and hospitals the
detector never saw (benchmarks/deid_frozen_phrases.py), scored once at the end of a session.

    python benchmarks/deid_make_frozen.py --out /tmp/deid_frozen --per-style 120 --seed 20261207

writes BRAT files under ``OUT/frozen/`` and prints the sha256 of the set; docs/deid.md records
that hash, so a rerun can prove it scores the same notes. Nothing here imports mednn.

What is new against deid_make_notes.py (whose dev and old held-out sets the rules were tuned
on): four styles (ED triage typed and in capitals, ICU progress notes by another hand, discharge
letters to the PCP); a new seed; surrogate names from more Faker locales (Brazilian, Dutch,
Turkish, Swedish, Czech besides the old ones), half of them with their accents dropped as US
records often do; a second hand-written list of real towns, new hospital, ward and facility
forms; new identifier forms (ordinal and lab-style dates, weekday + date, compact phone numbers,
clinicians' initials, ambulance services and assisted-living residences named after a town).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from deid_frozen_phrases import FROZEN_STYLES  # noqa: E402
from deid_make_notes import MONTHS, SLOTS, STATES, Context, _code, _date_parts, _digits, _render  # noqa: E402

LOCALES = {"en_US": 10, "en_GB": 1, "es_MX": 2, "pt_BR": 1, "nl_NL": 1, "tr_TR": 1, "sv_SE": 1, "cs_CZ": 1,
           "it_IT": 1, "fr_FR": 1, "en_IN": 2, "zh_CN": 1}
# real US towns, a second hand-written list (facts), disjoint from deid_make_notes.TOWNS; several
# are also English words or first names, as real town names are
TOWNS = """Attleboro Beverly Chicopee Danvers Easthampton Gloucester Greenfield Lawrence Marblehead
Newburyport Northampton Pittsfield Salem Springfield Westfield Worcester Manchester Portsmouth Rutland
Burlington Augusta Portland Hartford Waterbury Bristol Providence Cranston Warwick Albany Schenectady
Binghamton Poughkeepsie Allentown Lancaster Harrisburg Reading Wilmington Annapolis Frederick Hanover
Lebanon Claremont Montpelier Bennington Sanford Presque Middletown Norwich Stamford Watertown Oswego
Cortland Geneva Auburn Canton Marion Newark Mansfield Sandusky Kalamazoo Saginaw Lansing Midland Wausau
Oshkosh Racine Kenosha Rockford Decatur Quincy Galesburg Ottumwa Mankato Winona Brainerd Sheridan
Laramie Bozeman Helena Boise Nampa Pendleton Salinas Merced Fresno Bakersfield Ventura Prescott Tucson
Odessa Midland Beaumont Texarkana Monroe Hattiesburg Gadsden Florence Athens Albany Gainesville Lakeland
Wilson Greenville Durham Danville Harrisonburg Winchester""".split()
HOSPITAL_FORMS = ["{town} Hospital Center", "{last} Memorial Hospital", "Saint {first} Medical Center",
                  "{town} Valley Hospital", "Mercy Hospital of {town}", "{town} Medical Center",
                  "Good Samaritan Hospital of {town}", "{last} Regional Hospital", "{town} Health Center",
                  "Our Lady of {town} Hospital", "{last} Clinic"]
SHORT_FORMS = ["{town} General", "{town} Memorial", "St. {first}'s", "{last} Memorial", "{town} Regional", "{town}"]
WARDS = ["Phillips {n}", "Gray {n}", "Yawkey {n}", "Lunder {n}", "Shapiro {n}", "Feldberg {n}", "Tower {n} West"]
FACILITIES = ["{town} Dialysis Center", "{last} Rehabilitation Hospital", "{town} Nursing and Rehab",
              "{last} Gardens", "Sunrise of {town}", "{last} Place Assisted Living", "{town} Kidney Center"]
ASSISTED = ["Brookdale {town}", "{last} Commons", "Sunrise of {town}", "The {last} House", "{town} Village"]
EMS = [" Fire", " EMS", " Ambulance", " Fire Rescue"]
WEEKDAYS = ["Mon", "Tues", "Wed", "Thurs", "Fri", "Sat", "Sun", "Monday", "Tuesday", "Friday"]


def _fold(name: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


class FrozenPerson:
    def __init__(self, fakers, rng: random.Random):
        locale = rng.choices(list(LOCALES), weights=list(LOCALES.values()))[0]
        fake = fakers[locale]
        if locale == "zh_CN":
            self.last, self.first = fake.romanized_name().split()[:2]
        else:
            self.first, self.last = fake.first_name().split()[0], fake.last_name()
        if rng.random() < 0.5:
            self.first, self.last = _fold(self.first), _fold(self.last)


class FrozenContext(Context):
    def __init__(self, fakers, rng: random.Random):  # noqa: super().__init__ draws the old population
        self.rng, self.fakers = rng, fakers
        self.fake = fakers["en_US"]
        self.patient = FrozenPerson(fakers, rng)
        self.relatives = [FrozenPerson(fakers, rng) for _ in range(2)]
        self.clinicians = [FrozenPerson(fakers, rng) for _ in range(3)]
        self.town = rng.choice(TOWNS) if rng.random() < 0.6 else self.fake.city()
        p = FrozenPerson(fakers, rng)
        fill = {"town": rng.choice(TOWNS), "first": p.first, "last": p.last}
        self.hospital = rng.choice(HOSPITAL_FORMS).format(**fill)
        self.hospital_short = rng.choice(SHORT_FORMS).format(**fill)
        self.year = rng.randint(1998, 2025)


def _named(forms: list[str]):
    def make(c: FrozenContext) -> str:
        return c.rng.choice(forms).format(town=c.rng.choice(TOWNS), last=FrozenPerson(c.fakers, c.rng).last,
                                          n=c.rng.randint(3, 22))
    return make


def _date_full(c) -> str:
    m, d, y = _date_parts(c)
    forms = [f"{m}/{d}/{y}", f"{m:02d}/{d:02d}/{y}", f"{MONTHS[m - 1]} {d}, {y}", f"{m}-{d}-{y}",
             f"{MONTHS[m - 1]} {d}{_ordinal(d)}, {y}", f"{MONTHS[m - 1][:3]} {d} {y}", f"{y}/{m:02d}/{d:02d}",
             f"{m}/{d}/{y % 100:02d}"]
    return c.rng.choice(forms)


def _ordinal(d: int) -> str:
    return "th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")


def _date_ordinal(c) -> str:
    m, d, y = _date_parts(c)
    return c.rng.choice([f"{MONTHS[m - 1]} {d}{_ordinal(d)}", f"{d}{_ordinal(d)} of {MONTHS[m - 1]}",
                         f"{MONTHS[m - 1]} {d}{_ordinal(d)}, {y}", f"{MONTHS[m - 1]} {d}, {y}"])


def _date_lab(c) -> str:
    m, d, y = _date_parts(c)
    mon = MONTHS[m - 1][:3]
    return c.rng.choice([f"{d:02d}-{mon}-{y}", f"{d:02d}{mon.upper()}{y}", f"{d}-{mon}", f"{mon}-{d:02d}-{y % 100:02d}"])


def _phone_compact(c) -> str:
    r = c.rng
    a, b, n = r.randint(201, 989), r.randint(200, 999), _digits(r, 4)
    return r.choice([f"({a}){b}-{n}", f"{a}{b}{n}", f"{a}/{b}-{n}", f"+1 {a} {b} {n}"])


def _person(kind: str, make):
    def slot(c):
        people = {"RELATIVE": c.relatives, "CLINICIAN": c.clinicians}[kind]
        return [(make(c.pick(people)), kind)]
    return slot


def _weekday(c):
    m, d, _ = _date_parts(c)
    return [(c.rng.choice(WEEKDAYS) + " ", None), (c.rng.choice([f"{m}/{d}", f"{m:02d}/{d:02d}"]), "DATE")]


def _ems(c):
    return [(c.rng.choice(TOWNS), "LOCATION"), (c.rng.choice(EMS), None)]


def _hospital_code(c):
    return [(_code(c.hospital) if c.rng.random() < 0.8 else "U " + c.rng.choice(STATES), "HOSPITAL")]


FROZEN_SLOTS = dict(SLOTS)
FROZEN_SLOTS.update({
    "assisted_living": lambda c: [(_named(ASSISTED)(c), "LOCATION")],
    "ems": _ems,
    "ward": lambda c: [(_named(WARDS)(c), "LOCATION")],
    "facility": lambda c: [(_named(FACILITIES)(c), "LOCATION")],
    "hospital_short": lambda c: [(c.hospital_short, "HOSPITAL")],
    "hospital_code": _hospital_code,
    "hospital_named_town": lambda c: [(c.rng.choice(TOWNS) + c.rng.choice([" Hospital", " Medical", " Regional", " Memorial"]),
                                       "HOSPITAL")],
    "date_full": lambda c: [(_date_full(c), "DATE")], "dob": lambda c: [(_date_full(c), "DATE")],
    "date_ordinal": lambda c: [(_date_ordinal(c), "DATE")],
    "date_lab": lambda c: [(_date_lab(c), "DATE")],
    "date_weekday": _weekday,
    "phone_compact": lambda c: [(_phone_compact(c), "PHONE")],
    "clinician_initials": _person("CLINICIAN", lambda p: (p.first[0] + p.last[0]).upper()),
    "clinician_first_initial_last": _person("CLINICIAN", lambda p: f"{p.first[0]}. {p.last}"),
    "clinician_last_lower": _person("CLINICIAN", lambda p: p.last.lower()),
    "relative_last": _person("RELATIVE", lambda p: p.last),
})


def make_note(style: str, c: FrozenContext) -> tuple[str, list[tuple[int, int, str]]]:
    head, phi, filler, tail, casing, n_phi, n_fill = FROZEN_STYLES[style]
    r = c.rng
    body = r.sample(phi, min(len(phi), r.randint(*n_phi))) + r.sample(filler, min(len(filler), r.randint(*n_fill)))
    r.shuffle(body)
    text, spans = "", []
    for template in list(head) + body + list(tail):
        line, line_spans = _render(template, c, casing, FROZEN_SLOTS)
        spans += [(s + len(text), e + len(text), k) for s, e, k in line_spans]
        text += line + "\n"
    return text, spans


def write_frozen(out: Path, per_style: int, seed: int) -> tuple[int, str]:
    from faker import Faker

    fakers = {}
    for i, locale in enumerate(LOCALES):
        fakers[locale] = Faker(locale)
        fakers[locale].seed_instance(seed * 1000 + i)
    rng = random.Random(seed)
    folder = out / "frozen"
    folder.mkdir(parents=True, exist_ok=True)
    digest, n_spans = hashlib.sha256(), 0
    for style in FROZEN_STYLES:
        for n in range(per_style):
            text, spans = make_note(style, FrozenContext(fakers, rng))
            ann = "".join(f"T{i + 1}\t{k} {s} {e}\t{text[s:e]}\n" for i, (s, e, k) in enumerate(spans))
            name = f"{style}-{n:04d}"
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
            (folder / f"{name}.ann").write_text(ann, encoding="utf-8")
            for part in (name, text, ann):
                digest.update(part.encode("utf-8") + b"\0")
            n_spans += len(spans)
    return n_spans, digest.hexdigest()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--per-style", type=int, default=120)
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args(argv)
    n_spans, digest = write_frozen(args.out, args.per_style, args.seed)
    print(f"wrote {args.out / 'frozen'}: {len(FROZEN_STYLES) * args.per_style} notes, {n_spans} gold spans; sha256 {digest}")


if __name__ == "__main__":
    main()
