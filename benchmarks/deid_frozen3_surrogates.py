"""Surrogate PHI for the frozen held-out English set 3 (``deid_make_frozen3.py``).

Every generator takes a ``random.Random`` (and the note's seeded Faker where it uses one) and
returns a list of *segments* ``(text, label)``: ``label`` is a PHI type for text that must be
annotated and ``None`` for the words around it ("Dr. ", ", MD", " x"). The renderer glues the
segments and derives the BRAT offsets from them, so a span never includes a title, a credential
or a possessive ``'s``. Formats follow what US charts and portals show, including the awkward
ones (extensions, P.O. boxes, two-digit years, ages spelled out, Medicare MBIs, DEA numbers with
a valid check digit, NPIs with a valid Luhn digit).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

Seg = tuple[str, str | None]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
NICKNAMES = {
    "William": "Bill", "Robert": "Bobby", "Elizabeth": "Liz", "Margaret": "Peggy",
    "Katherine": "Kate", "James": "Jimmy", "Richard": "Rick", "Patricia": "Trish",
    "Jennifer": "Jen", "Michael": "Mike", "Theodore": "Teddy", "Dorothy": "Dot",
    "Eleanor": "Nell", "Francis": "Frank", "Rosalind": "Roz", "Cornelius": "Neil",
    "Abigail": "Abby", "Gwendolyn": "Gwen", "Thaddeus": "Tad", "Josephine": "Jo",
    "Beatrice": "Bea", "Alexander": "Sandy", "Winifred": "Winnie", "Lawrence": "Larry",
}
FEMALE_NICK = {"Elizabeth", "Margaret", "Katherine", "Patricia", "Jennifer", "Dorothy", "Eleanor",
               "Rosalind", "Abigail", "Gwendolyn", "Josephine", "Beatrice", "Winifred"}
FEMALE_FIRST = sorted(FEMALE_NICK) + [
    "Aaliyah", "Yesenia", "Thanh", "Priya", "Marisol", "Esther", "Ingrid", "Lucinda", "Soo-jin",
    "Bernadette", "Delphine", "Fatima", "Harriet", "Imani", "Kiana", "Mercy", "Nadia", "Pilar",
    "Reba", "Tamsin", "Verna", "Ximena", "Zelda", "Hope", "Faith", "June", "Rose", "Iris", "Joy", "Dawn",
]
MALE_FIRST = sorted(set(NICKNAMES) - FEMALE_NICK) + [
    "Daniel", "Mateo", "Oluwaseun", "Declan", "Hollis", "Tavon", "Rafael", "Emeka", "Cyrus", "Ezekiel",
    "Gideon", "Jasper", "Lorenzo", "Otis", "Quentin", "Silas", "Ulysses", "Wendell", "Yusuf", "Will",
    "Grant", "Parker", "Hunter", "Thanh",
]
LAST_NAMES = [
    "Okafor", "Haverford", "Nguyen", "O'Brien", "McAllister", "De La Cruz", "Kowalczyk",
    "Baptiste", "Lindqvist", "Abernathy", "Tran", "Villanueva", "Szabo", "Achebe",
    "Fitzgerald-Moore", "Castellanos", "Duquette", "Yamamoto", "Brennan", "Oyelaran",
    "Pruitt", "Quigley", "Rasmussen", "Sandoval", "Thibodeaux", "Underwood", "Vance",
    "Whitlock", "Xiong", "Yoder", "Zeller", "Mbeki", "Hale", "Bishop", "Foster", "Brooks",
    "Rivers", "King", "Page", "Bell", "Hart", "Frost", "Savage", "Long", "Street", "Price",
    "Winter", "Marsh", "Banks", "Rich", "Wolfe", "Stone", "Church", "Sharp", "Goodwin",
]
TOWNS = [
    "Greenfield", "Ashtabula", "Keene", "Bangor", "Holyoke", "Millinocket", "Petoskey",
    "Chillicothe", "Brattleboro", "Paducah", "Wapakoneta", "Tupelo", "Ottumwa", "Kalispell",
    "Nacogdoches", "Chicopee", "Skowhegan", "Elmira", "Oneonta", "Walla Walla", "Hibbing",
    "Cape Girardeau", "Muncie", "Sandusky", "Lewiston", "Pittsfield", "Rutland", "Yakima",
    "Dothan", "Florence", "Marquette", "Beaufort", "Carbondale", "Springdale", "Winslow",
]
COUNTIES = ["Franklin", "Hampshire", "Lorain", "Oneida", "Marquette", "Coos", "Tioga",
            "Essex", "Yell", "Lamoille", "Berrien", "Chautauqua", "Ottawa", "Pike"]
STATES = ["MA", "NH", "ME", "OH", "VT", "NY", "Ohio", "Kentucky", "Michigan", "Iowa",
          "Montana", "Texas", "Maine", "Oregon", "PA", "Illinois"]
STREETS = ["Birchwood", "Orchard", "Mill", "Quarry", "Depot", "Chestnut", "Hollis",
           "Old County", "Tannery", "Meadowbrook", "Sumner", "Water", "Pleasant", "Bridge",
           "Lafayette", "Ridge", "Pine Hill", "Harbor View", "Canal", "Sycamore"]
STREET_KINDS = ["St", "Street", "Ave", "Rd", "Road", "Ln", "Dr", "Ct", "Way", "Blvd", "Terr"]
HOSPITAL_PLACES = ["Tamsin Valley", "Halloway", "Corbin", "Meadowgate", "Ashby",
                   "North Quabbin", "Riverbend", "Cold Spring", "Linden Hill", "Bayard",
                   "Wellsmere", "Kittredge", "Pemberton", "Saint Brigid's", "Mercy Ridge",
                   "Greylock", "Sutter Falls", "Harlan", "Orrington", "Ellery"]
HOSPITAL_KINDS = ["Medical Center", "Regional Hospital", "Hospital", "Community Hospital",
                  "Family Practice", "Health Center", "Rehabilitation Hospital", "Hospice House",
                  "Nursing & Rehab", "Urgent Care", "Behavioral Health", "Cardiology Associates",
                  "Surgical Associates", "Pediatrics", "Dialysis Center"]
EMAIL_DOMAINS = ["gmail.com", "yahoo.com", "outlook.com", "comcast.net", "aol.com",
                 "icloud.com", "charter.net", "protonmail.com"]
ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


@dataclass
class Person:
    first: str
    last: str
    middle: str
    nick: str
    sex: str = "F"

    def form(self, form: str) -> str:
        """One written form of the name; every form is wholly PHI."""
        table = {
            "full": f"{self.first} {self.last}", "first": self.first, "last": self.last,
            "last_first": f"{self.last}, {self.first}",
            "last_first_mi": f"{self.last}, {self.first} {self.middle}",
            "first_mi_last": f"{self.first} {self.middle}. {self.last}",
            "nick": self.nick, "nick_last": f"{self.nick} {self.last}",
            "initials": f"{self.first[0]}{self.last[0]}",
            "dotted": f"{self.first[0]}.{self.last[0]}.",
            "init_last": f"{self.first[0]}. {self.last}",
            "lastcomma_init": f"{self.last}, {self.first[0]}.",
            "initial": f"{self.last[0]}",
        }
        return table[form]


def person(rng: random.Random, fake=None, sex: str | None = None) -> Person:
    """A person of ``sex`` (F/M, random if None) named from the lists here or (45%) by Faker."""
    sex = sex or rng.choice("FM")
    if fake is not None and rng.random() < 0.45:
        first = fake.first_name_female() if sex == "F" else fake.first_name_male()
        last = fake.last_name()
    else:
        first, last = rng.choice(FEMALE_FIRST if sex == "F" else MALE_FIRST), rng.choice(LAST_NAMES)
    middle = rng.choice("ABCDEFGHJKLMNPRSTW")
    return Person(first, last, middle, NICKNAMES.get(first, first), sex)


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _letters(rng: random.Random, n: int, alphabet: str = "ABCDEFGHJKLMNPRSTUVWXYZ") -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


# --- dates, years, ages ------------------------------------------------------------------

def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def date(rng: random.Random, form: str | None = None) -> list[Seg]:
    """A calendar date (anything finer than a year): m/d, m/d/yy, d-Mon-yyyy, "the 3rd", ..."""
    year = rng.choice([2024, 2025, 2025, 2026, 2026, 2026])
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    mon = MONTHS[month - 1]
    forms = {
        "md": f"{month}/{day}", "mmdd": f"{month:02d}/{day:02d}",
        "mdyy": f"{month}/{day}/{year % 100:02d}", "mdyyyy": f"{month}/{day}/{year}",
        "mmddyyyy": f"{month:02d}/{day:02d}/{year}", "iso": f"{year}-{month:02d}-{day:02d}",
        "dmony": f"{day:02d}-{mon[:3]}-{year}", "dmon": f"{day}-{mon[:3]}",
        "mon_d": f"{mon[:3]} {day}", "month_d_y": f"{mon} {day}, {year}",
        "month_ord": f"{mon} {_ordinal(day)}", "ord": _ordinal(day),
        "month_year": f"{mon} {year}", "dash": f"{month}-{day}-{year % 100:02d}",
        "dot": f"{month}.{day}.{year % 100:02d}", "compact": f"{year}{month:02d}{day:02d}",
    }
    if form is None:
        form = rng.choice(["md", "md", "mmdd", "mdyy", "mdyy", "mdyyyy", "mmddyyyy", "iso",
                           "dmony", "dmon", "mon_d", "month_d_y", "month_ord", "dash", "dot"])
    return [(forms[form], "DATE")]


def dob(rng: random.Random, age: int | None = None) -> list[Seg]:
    year = 2026 - age - rng.randint(0, 1) if age is not None else rng.randint(1924, 2004)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    text = rng.choice([f"{month}/{day}/{year}", f"{month:02d}/{day:02d}/{year}",
                       f"{month}/{day}/{year % 100:02d}", f"{day:02d}-{MONTHS[month - 1][:3]}-{year}",
                       f"{year}-{month:02d}-{day:02d}", f"{MONTHS[month - 1]} {day}, {year}"])
    return [(text, "DATE")]


def year(rng: random.Random) -> list[Seg]:
    """A year on its own: 2019, '92, or a bare two-digit 95 (the template writes "in ")."""
    y = rng.randint(1968, 2025)
    return [(rng.choice([str(y), str(y), f"'{y % 100:02d}", f"{y % 100:02d}"]), "YEAR")]


def _words(n: int) -> str:
    tens = {9: "ninety", 10: "one hundred"}
    if n >= 100:
        rest = n - 100
        return "one hundred" + (f" and {ONES[rest]}" if rest else "")
    t, o = divmod(n, 10)
    return tens[t] + "-" + ONES[o] if o else tens[t]


def age(rng: random.Random, n: int) -> list[Seg]:
    """An age: PHI (AGE) over 89 only, as Safe Harbor says, then as digits or spelled out."""
    if n < 90:
        return [(str(n), None)]
    text = str(n) if rng.random() < 0.55 else _words(n)
    if " " not in text and "-" in text and rng.random() < 0.3:
        text = text.replace("-", " ")
    return [(text, "AGE")]


# --- contact ---------------------------------------------------------------------------------

def phone(rng: random.Random, label: str = "PHONE") -> list[Seg]:
    area, ex, line = rng.randint(201, 989), rng.randint(202, 989), _digits(rng, 4)
    form = rng.randrange(9)
    text = [f"({area}) {ex}-{line}", f"{area}-{ex}-{line}", f"{area}.{ex}.{line}",
            f"{ex}-{line}", f"{area} {ex} {line}", f"1-{area}-{ex}-{line}",
            f"({area}){ex}-{line}", f"{area}/{ex}-{line}", f"+1 {area} {ex} {line}"][form]
    if rng.random() < 0.22:
        text += rng.choice([" x", " ext. ", " ext ", "x", " #"]) + _digits(rng, rng.choice([2, 3, 4]))
    return [(text, label)]


def pager(rng: random.Random) -> list[Seg]:
    return [(rng.choice([f"{rng.randint(2, 8)}-{_digits(rng, 4)}", _digits(rng, 5)]), "PHONE")]


def email(rng: random.Random, who: Person) -> list[Seg]:
    first, last = who.first.lower().replace(" ", ""), who.last.lower().replace(" ", "").replace("'", "")
    local = rng.choice([f"{first}.{last}", f"{first[0]}{last}{rng.randint(1, 99)}",
                        f"{last}{first[0]}", f"{first}_{last[:4]}{rng.randint(50, 99)}",
                        f"{first}{rng.randint(1940, 2004)}"])
    return [(f"{local}@{rng.choice(EMAIL_DOMAINS)}", "EMAIL")]


def staff_email(rng: random.Random, who: Person, hospital_domain: str) -> list[Seg]:
    local = f"{who.first[0].lower()}{who.last.lower().replace(' ', '').replace(chr(39), '')}"
    return [(f"{local}@{hospital_domain}", "EMAIL")]


def url(rng: random.Random, who: Person, hospital_domain: str) -> list[Seg]:
    slug = (who.first + who.last).lower().replace(" ", "").replace("'", "")
    text = rng.choice([
        f"https://mychart.{hospital_domain}/p/{_digits(rng, 7)}",
        f"www.caringbridge.org/visit/{slug}",
        f"https://www.gofundme.com/f/help-{slug}-recover",
        f"http://portal.{hospital_domain}/visit?pid={_digits(rng, 8)}",
        f"https://telehealth.{hospital_domain}/join/{_letters(rng, 3).lower()}-{_digits(rng, 4)}",
        f"facebook.com/{slug}{rng.randint(1, 99)}",
        f"https://photos.app.goo.gl/{_letters(rng, 10, 'abcdefghijkmnpqrstuvwxyzABCDEFGH23456789')}",
    ])
    return [(text, "URL")]


def ip(rng: random.Random) -> list[Seg]:
    if rng.random() < 0.15:
        groups = [f"{rng.randint(0, 65535):x}" for _ in range(4)]
        return [(f"2601:{groups[0]}:{groups[1]}:{groups[2]}::{groups[3]}", "IP")]
    first = rng.choice([10, 24, 67, 73, 98, 107, 172, 174, 192, 208])
    return [(f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}", "IP")]


# --- places ------------------------------------------------------------------------------------

def town(rng: random.Random, fake=None) -> str:
    if fake is not None and rng.random() < 0.08:
        return fake.city()
    return rng.choice(TOWNS)


def county(rng: random.Random) -> list[Seg]:
    return [(f"{rng.choice(COUNTIES)} County", "LOCATION")]


def street(rng: random.Random, fake=None) -> str:
    if fake is not None and rng.random() < 0.12:
        return fake.street_address()
    number = rng.choice([str(rng.randint(1, 98)), str(rng.randint(100, 9999)), f"{rng.randint(1, 400)}{rng.choice('AB')}"])
    text = f"{number} {rng.choice(STREETS)} {rng.choice(STREET_KINDS)}"
    unit = rng.random()
    if unit < 0.18:
        text += rng.choice([f" Apt {rng.randint(1, 40)}{rng.choice(['', 'B', 'C'])}", f" #{rng.randint(1, 30)}",
                            f", Unit {rng.randint(1, 12)}", f" Apt. {rng.choice('ABCDEF')}", f" Fl {rng.randint(2, 4)}"])
    elif unit < 0.24:
        text = f"{rng.randint(1, 30)}-{text}"  # unit-dash-number, as some apartments write it
    return text


def address_line(rng: random.Random, fake=None) -> list[Seg]:
    if rng.random() < 0.13:
        return [(rng.choice([f"P.O. Box {rng.randint(2, 9999)}", f"PO Box {rng.randint(2, 999)}",
                             f"po box {rng.randint(2, 999)}", f"RR 2 Box {rng.randint(2, 99)}"]), "ADDRESS")]
    return [(street(rng, fake), "ADDRESS")]


def zipcode(rng: random.Random) -> list[Seg]:
    z = f"{rng.randint(1001, 99950):05d}"
    return [(z + (f"-{_digits(rng, 4)}" if rng.random() < 0.2 else ""), "ZIP")]


def full_address(rng: random.Random, fake=None, sep: str = ", ") -> list[Seg]:
    """Street, town, (state,) ZIP; the state is written but is not PHI; sometimes no state."""
    segs = address_line(rng, fake) + [(sep, None), (town(rng, fake), "LOCATION")]
    roll = rng.random()
    if roll < 0.55:
        segs += [(rng.choice([", ", " "]) + rng.choice(STATES) + " ", None)] + zipcode(rng)
    elif roll < 0.8:
        segs += [(" ", None)] + zipcode(rng)  # ZIP after the town, no state
    return segs


def hospital_name(rng: random.Random, kinds: list[str] | None = None) -> tuple[str, str]:
    """(long name, short code) of a hospital, clinic, practice or hospice."""
    place = rng.choice(HOSPITAL_PLACES)
    kind = rng.choice(kinds or HOSPITAL_KINDS)
    long = f"{place} {kind}"
    code = "".join(w[0] for w in long.replace("&", "").split() if w[0].isalpha()).upper()
    return long, code


def hospital_domain(long: str) -> str:
    words = [w for w in long.lower().replace("'", "").replace("&", "").split() if w]
    return "".join(words[:2]) + rng_tld(len(long))


def rng_tld(n: int) -> str:
    return [".org", ".org", ".com", ".net", ".health"][n % 5]


# --- identifiers ---------------------------------------------------------------------------

def _luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return str((10 - total % 10) % 10)


def npi(rng: random.Random) -> list[Seg]:
    """A 10-digit NPI with a valid check digit (Luhn over the 80840 prefix, as CMS defines it)."""
    body = rng.choice("12") + _digits(rng, 8)
    return [(body + _luhn_digit("80840" + body), "ID_NPI")]


def dea(rng: random.Random, who: Person) -> list[Seg]:
    """A DEA registration: two letters (the second the registrant's surname initial), 7 digits."""
    d = [rng.randint(0, 9) for _ in range(6)]
    check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    letters = rng.choice("ABFGM") + who.last[0].upper()
    return [(letters + "".join(map(str, d)) + str(check), "ID_DEA")]


def mrn(rng: random.Random) -> list[Seg]:
    return [(rng.choice([_digits(rng, 7), "00" + _digits(rng, 6), f"{_digits(rng, 3)}-{_digits(rng, 2)}-{_digits(rng, 2)}",
                         f"E{_digits(rng, 8)}", f"{_digits(rng, 4)}-{_digits(rng, 3)}", _digits(rng, 9)]), "ID_MRN")]


def account(rng: random.Random) -> list[Seg]:
    return [(rng.choice([_digits(rng, 12), f"{_digits(rng, 8)}-{_digits(rng, 4)}", f"H{_digits(rng, 9)}",
                         f"FIN{_digits(rng, 8)}", _digits(rng, 10), f"A{_digits(rng, 3)}-{_digits(rng, 5)}"]), "ID_ACCOUNT")]


def accession(rng: random.Random, yy: int = 26) -> list[Seg]:
    return [(rng.choice([f"S{yy}-{_digits(rng, 5)}", f"SP-{yy}-{_digits(rng, 7)}", f"RAD{_digits(rng, 10)}",
                         f"CY{yy}-{_digits(rng, 4)}", f"{_digits(rng, 2)}{_letters(rng, 2)}{_digits(rng, 6)}",
                         f"BX-{yy}-{_digits(rng, 5)}", f"ACC{_digits(rng, 8)}"]), "ID_ACCESSION")]


def device_serial(rng: random.Random) -> list[Seg]:
    return [(rng.choice([f"{_letters(rng, 3)}{_digits(rng, 6)}{_letters(rng, 1)}", f"{_digits(rng, 2)}-{_digits(rng, 4)}-{_digits(rng, 2)}",
                         f"SN{_digits(rng, 9)}", f"{_letters(rng, 2)}{_digits(rng, 7)}", f"{_digits(rng, 10)}",
                         f"{_letters(rng, 1)}{_digits(rng, 2)}{_letters(rng, 2)}{_digits(rng, 5)}"]), "ID_DEVICE")]


VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"


def vehicle(rng: random.Random) -> list[Seg]:
    if rng.random() < 0.4:
        vin = rng.choice("12345JKLSVWYZ") + "".join(rng.choice(VIN_CHARS) for _ in range(16))
        return [(vin, "VEHICLE")]
    return [(rng.choice([f"{rng.randint(1, 9)}{_letters(rng, 3)}{_digits(rng, 3)}", f"{_letters(rng, 3)}-{_digits(rng, 4)}",
                         f"{_digits(rng, 3)} {_letters(rng, 3)}", f"{_letters(rng, 2)}{_digits(rng, 2)}{_letters(rng, 2)}",
                         f"{_digits(rng, 1)}{_letters(rng, 2)}{_digits(rng, 2)}", f"{_letters(rng, 3)} {_digits(rng, 4)}"]), "VEHICLE")]


def photo_id(rng: random.Random) -> list[Seg]:
    return [(rng.choice([f"IMG_{_digits(rng, 4)}.JPG", f"IMG_2026{_digits(rng, 4)}_{_digits(rng, 6)}.heic",
                         f"PH-{_digits(rng, 7)}", f"FP-26-{_digits(rng, 5)}", f"photo{_digits(rng, 6)}.png",
                         f"DSC{_digits(rng, 5)}", f"PID{_digits(rng, 8)}"]), "ID_PHOTO")]


def licence(rng: random.Random) -> list[Seg]:
    return [(rng.choice([f"S{_digits(rng, 8)}", f"{_letters(rng, 1)}{_digits(rng, 3)}-{_digits(rng, 4)}-{_digits(rng, 4)}",
                         f"D{_digits(rng, 7)}", _digits(rng, 9), f"RN{_digits(rng, 6)}", f"{_digits(rng, 6)}",
                         f"MD{_digits(rng, 5)}", f"{_letters(rng, 2)}{_digits(rng, 6)}"]), "ID_LICENSE")]


def dictation(rng: random.Random) -> list[Seg]:
    return [(rng.choice([_digits(rng, 6), f"{_digits(rng, 4)}-{_digits(rng, 2)}", f"26-{_digits(rng, 3)}-{_digits(rng, 4)}",
                         f"TX{_digits(rng, 7)}", f"DJ{_digits(rng, 6)}", _digits(rng, 8)]), "ID_DICTATION")]


def biometric(rng: random.Random) -> list[Seg]:
    return [(rng.choice([f"VP-{_digits(rng, 6)}", f"FPT-{_digits(rng, 2)}-{_digits(rng, 4)}", f"PV{_digits(rng, 7)}",
                         f"RS-{_digits(rng, 4)}-{_digits(rng, 2)}", f"BIO{_letters(rng, 2)}{_digits(rng, 5)}",
                         f"{_letters(rng, 4)}{_digits(rng, 4)}", f"FT{_digits(rng, 6)}"]), "BIOMETRIC")]


def biobank(rng: random.Random) -> list[Seg]:
    return [(rng.choice([f"BB-2026-{_digits(rng, 6)}", f"HBR-{_digits(rng, 5)}-T", f"BIO-{_digits(rng, 4)}-{_digits(rng, 2)}",
                         f"NBK{_digits(rng, 7)}", f"{_digits(rng, 2)}-{_letters(rng, 1)}{_digits(rng, 5)}", f"TB{_digits(rng, 6)}"]), "ID_BIOBANK")]


def healthplan(rng: random.Random) -> list[Seg]:
    mbi = f"{rng.randint(1, 9)}{_letters(rng, 1, 'ACDEFGHJKMNPQRTUVWXY')}{rng.choice(VIN_CHARS)}{rng.randint(0, 9)}-" \
          f"{_letters(rng, 1, 'ACDEFGHJKMNPQRTUVWXY')}{rng.choice(VIN_CHARS)}{rng.randint(0, 9)}-{_letters(rng, 2, 'ACDEFGHJKMNPQRTUVWXY')}{_digits(rng, 2)}"
    return [(rng.choice([mbi, f"{_letters(rng, 3)}{_digits(rng, 9)}", _digits(rng, 10), f"W{_digits(rng, 8)}",
                         f"{_letters(rng, 1)}{_digits(rng, 8)}-{_digits(rng, 2)}", f"ZGP{_digits(rng, 6)}", f"{_digits(rng, 3)}{_letters(rng, 2)}{_digits(rng, 4)}"]), "ID_HEALTHPLAN")]


def ssn(rng: random.Random) -> list[Seg]:
    a, b, c = rng.randint(1, 665), rng.randint(1, 99), rng.randint(1, 9999)
    return [(rng.choice([f"{a:03d}-{b:02d}-{c:04d}", f"{a:03d} {b:02d} {c:04d}", f"{a:03d}{b:02d}{c:04d}",
                         f"{c:04d}"]), "SSN")]
