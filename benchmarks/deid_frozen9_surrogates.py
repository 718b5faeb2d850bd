"""Surrogate values for set 9: places, institutions, ids, dates, contacts.

All lists are invented for this set (most towns and every hospital are fictional).
`Surrogates(rng)` hands out values; each method returns plain text, the note
writers decide the label.
"""

from __future__ import annotations

import datetime as dt
import random

from deid_frozen9_names import FIRST, LAST, NICKNAMES, RELATIVE_ROLES

def _towns() -> list[str]:
    text = """Ashcombe|Brackenridge|Caldermoor|Dunmarrow|Elderfield|Fallowmere|Glenbarra|Harrowgate|
Inverlochy|Kestrel Bay|Larkhollow|Millbrook|Northwick|Oakhaven|Pennywell|Quarrington|Redwater|
Saltmarsh|Thornbury|Upper Wendle|Valeport|Westerhope|Yarrowby|Zennor Cove|Ballykeeran|Kilmoragh|
Dunfeary|Port Albyn|Tallowfield|Cedar Falls|Pine Hollow|Riverbend|Maple Crossing|Harlan Springs|
Copper Ridge|Wolf Creek|Eagle Pass Junction|Fort Merritt|Bluewater|Stony Point|Coldharbour|
Wetherly|Holloway Green|Tarrant Vale|Moss Side|Little Rissington|Broadmere|Mount Kerrigan|
Wairoa Heights|Te Manu|Bunyip Creek|Wattle Downs|Gumtree Gully|Karoo Wells|Fynbos Bay|Nagarpur|
Tanglin Hill|Lakefield|Hope Cove|Grace Hill|Stone Cross|Marshfield|Rose Valley|St. Brannock|
Lower Slaughterford|Kirkwhinnie|Aberllyn|Pontfaen|Cwmdarren|New Hadley|East Corrigan|Fairhaven|
Sunnyside|Winterbourne|Summerleaze|Greenhithe|Whitecliff|Blackmoor|Newtown|Springfield"""
    return [t.strip() for t in text.replace("\n", "").split("|")]


TOWN_LIST = _towns()
COUNTIES = ["Harrow County", "Wexley County", "Tarrant Vale District", "Caldermoor Shire",
            "Glenbarra Parish", "Kerrigan County", "Dunmore County", "Ashby Borough",
            "West Fallowshire", "Pennington County", "Lakeland Region", "Upper Wendle District"]
STREET_BASES = ["Acacia", "Bramble", "Chestnut", "Dovecote", "Elm Tree", "Foundry", "Gasworks",
                "Hawthorn", "Ironmonger", "Juniper", "Kingfisher", "Lime Kiln", "Mill", "Nettle",
                "Orchard", "Pump", "Quarry", "Ropewalk", "Sawpit", "Tannery", "Union", "Vicarage",
                "Wharf", "Yew", "Church", "Station", "Hope", "Grace", "King", "Marsh", "Stone"]
STREET_KINDS = ["Street", "St", "Road", "Rd", "Lane", "Ln", "Avenue", "Ave", "Close", "Crescent",
                "Drive", "Dr", "Way", "Court", "Terrace", "Place", "Boulevard", "Row", "Wynd", "Gardens"]
HOSP_STEMS = ["St Brannock's", "Our Lady of Kells", "Holloway Green", "Mercy Vale", "Caldermoor",
              "Kestrel Bay", "Fort Merritt", "Ashcombe Community", "Pennywell", "Tallowfield",
              "Lady Hartigan", "Sir Ewan Muir", "Northwick General", "Glenbarra", "Redwater Valley",
              "Te Manu", "Fynbos Bay", "Tanglin Hill", "St. Columba", "Good Shepherd", "Bluewater",
              "Harlan Springs", "Oakhaven", "Maple Crossing", "Yarrowby", "Wattle Downs"]
HOSP_KINDS = ["Hospital", "General Hospital", "Medical Center", "Infirmary", "Royal Infirmary",
              "Community Hospital", "Health Centre", "Surgery", "Medical Practice", "Clinic",
              "Care Home", "Nursing Home", "Cottage Hospital", "Regional Medical Centre", "Hospice"]
WARDS = ["Brannock Ward", "Lark Ward", "Hartigan Unit", "Muir Ward", "Kells Wing", "Mercy 4",
         "Oakhaven Suite", "Tallow Ward", "Ewan Muir Unit", "Pennywell Ward"]
HOSP_CODES = ["SBH", "OLK", "HGH", "MVH", "CRI", "KBMC", "FMH", "NGH", "RVMC", "TMH", "WDH"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
NUM_WORDS = {90: "ninety", 91: "ninety-one", 92: "ninety-two", 93: "ninety-three", 94: "ninety-four",
             95: "ninety-five", 96: "ninety-six", 97: "ninety-seven", 98: "ninety-eight",
             99: "ninety-nine", 100: "one hundred", 101: "one hundred and one", 102: "a hundred and two",
             103: "one hundred three"}
LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
BIO_KINDS = ["voiceprint", "fingerprint template", "retinal scan", "iris template", "palm vein scan",
             "facial geometry template", "gait signature"]


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }".replace(" ", "")


class Surrogates:
    """Random surrogate values drawn from one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    # ---- people -------------------------------------------------------------------
    def first(self) -> str:
        return self.r.choice(FIRST)

    def last(self) -> str:
        return self.r.choice(LAST)

    def relative_role(self) -> str:
        return self.r.choice(RELATIVE_ROLES)

    def person(self, style: str | None = None) -> str:
        """A person's name in one of many written shapes."""
        f, l = self.first(), self.last()
        style = style or self.r.choice(["fl", "fl", "fl", "lf", "LF", "fil", "il", "i.l", "f", "l",
                                        "nick", "lower", "upper", "LFM"])
        mid = self.r.choice(LETTERS)
        return {
            "fl": f"{f} {l}", "lf": f"{l}, {f}", "LF": f"{l.upper()},{f.upper()}",
            "LFM": f"{l.upper()},{f.upper()} {mid}", "fil": f"{f} {mid}. {l}", "il": f"{f[0]} {l}",
            "i.l": f"{f[0]}.{mid}. {l}", "f": f, "l": l, "lower": f"{f} {l}".lower(),
            "upper": f"{f} {l}".upper(),
            "nick": f"{self.r.choice(list(NICKNAMES.values()))} {l}",
        }[style]

    def user_id(self, name: str) -> str:
        parts = name.replace(",", " ").replace(".", " ").split()
        first, last = (parts[0], parts[-1]) if parts else ("x", "y")
        shape = self.r.choice(["{f}{l}", "{f}.{l}", "{l}{f}", "{l}_{n}", "@{f}{l}{n}", "{l}.{f}{n}"])
        return shape.format(f=first[0].lower(), l=last.lower().replace("'", "").replace("-", ""),
                            n=self.r.randint(1, 99))

    def email(self, name: str) -> str:
        domain = self.r.choice(["kestrelmail.com", "nhs.net", "pennywell-health.org", "fastpost.co.uk",
                                "outlook.com", "gmail.com", "caldermoor.nhs.uk", "tehuia.co.nz",
                                "bluewatermed.ca", "tanglinhill.sg"])
        return f"{self.user_id(name).lstrip('@')}@{domain}"

    # ---- places -------------------------------------------------------------------
    def town(self) -> str:
        return self.r.choice(TOWN_LIST)

    def county(self) -> str:
        return self.r.choice(COUNTIES)

    def street(self) -> str:
        n = self.r.choice([str(self.r.randint(1, 999)), f"{self.r.randint(1, 80)}{self.r.choice('ab')}",
                           f"Flat {self.r.randint(1, 24)}, {self.r.randint(2, 120)}",
                           f"Unit {self.r.randint(1, 9)}/{self.r.randint(2, 60)}",
                           f"{self.r.randint(100, 9999)}"])
        return f"{n} {self.r.choice(STREET_BASES)} {self.r.choice(STREET_KINDS)}"

    def po_box(self) -> str:
        return self.r.choice([f"P.O. Box {self.r.randint(10, 9999)}", f"PO Box {self.r.randint(10, 999)}",
                              f"RR {self.r.randint(1, 9)} Box {self.r.randint(1, 300)}",
                              f"Rural Route {self.r.randint(1, 12)}"])

    def hospital(self) -> str:
        return f"{self.r.choice(HOSP_STEMS)} {self.r.choice(HOSP_KINDS)}"

    def ward(self) -> str:
        return self.r.choice(WARDS)

    def hosp_code(self) -> str:
        return self.r.choice(HOSP_CODES)

    def us_zip(self) -> str:
        return f"{self.r.randint(10000, 99899):05d}" + (f"-{self.r.randint(1000, 9999)}"
                                                       if self.r.random() < 0.2 else "")

    def uk_postcode(self) -> str:
        a = self.r.choice(["KB", "CM", "G", "EH", "TW", "NW", "PL", "LL", "SA", "DD", "AB", "BT"])
        return f"{a}{self.r.randint(1, 29)} {self.r.randint(1, 9)}{self.r.choice(LETTERS)}{self.r.choice(LETTERS)}"

    def ca_postcode(self) -> str:
        L, d = self.r.choice, self.r.randint
        return f"{L('ABCEGHJKLMNPRSTVXY')}{d(0, 9)}{L(LETTERS)} {d(0, 9)}{L(LETTERS)}{d(0, 9)}"

    def eircode(self) -> str:
        return f"{self.r.choice(['D', 'A', 'H', 'T', 'V', 'P'])}{self.r.randint(10, 99)} " \
               f"{self.r.choice(LETTERS)}{self.r.randint(1, 9)}{self.r.choice(LETTERS)}{self.r.randint(1, 9)}"

    def au_postcode(self) -> str:
        return str(self.r.randint(2000, 7999))

    # ---- dates and ages -----------------------------------------------------------
    def day(self) -> dt.date:
        return dt.date(2019, 1, 1) + dt.timedelta(days=self.r.randint(0, 2900))

    def birth(self) -> dt.date:
        return dt.date(1924, 1, 1) + dt.timedelta(days=self.r.randint(0, 34000))

    def date(self, d: dt.date | None = None, fmt: str | None = None) -> str:
        d = d or self.day()
        fmt = fmt or self.r.choice(["m/d", "m/d/yy", "m/d/yyyy", "d-Mon-yyyy", "Mon d", "Mon dth",
                                    "the dth", "iso", "dd.mm.yyyy", "dth of Month", "d Month yyyy",
                                    "dd/mm/yyyy", "Month d, yyyy", "MON-dd", "yyyymmdd"])
        m3 = MONTHS[d.month - 1][:3]
        return {
            "m/d": f"{d.month}/{d.day}", "m/d/yy": f"{d.month}/{d.day}/{d.year % 100:02d}",
            "m/d/yyyy": f"{d.month:02d}/{d.day:02d}/{d.year}", "d-Mon-yyyy": f"{d.day}-{m3}-{d.year}",
            "Mon d": f"{m3} {d.day}", "Mon dth": f"{m3} {_ordinal(d.day)}", "the dth": f"the {_ordinal(d.day)}",
            "iso": d.isoformat(), "dd.mm.yyyy": f"{d.day:02d}.{d.month:02d}.{d.year}",
            "dth of Month": f"{_ordinal(d.day)} of {MONTHS[d.month - 1]}",
            "d Month yyyy": f"{d.day} {MONTHS[d.month - 1]} {d.year}",
            "dd/mm/yyyy": f"{d.day:02d}/{d.month:02d}/{d.year}",
            "Month d, yyyy": f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
            "MON-dd": f"{m3.upper()}-{d.day:02d}", "yyyymmdd": d.strftime("%Y%m%d"),
        }[fmt]

    def date_range(self) -> str:
        d = self.r.randint(1, 24)
        return f"{d}-{d + self.r.randint(1, 4)} {self.r.choice(MONTHS)[:3]}"

    def year(self) -> str:
        y = self.r.randint(1952, 2024)
        return self.r.choice([str(y), f"'{y % 100:02d}", f"{y % 100:02d}"])

    def old_age(self) -> str:
        n = self.r.randint(90, 103)
        return NUM_WORDS[n] if self.r.random() < 0.35 else str(n)

    # ---- contact ------------------------------------------------------------------
    def phone(self) -> str:
        d = self.r.randint
        return self.r.choice([
            f"({d(201, 989)}) {d(200, 999)}-{d(1000, 9999)}", f"{d(201, 989)}-{d(200, 999)}-{d(1000, 9999)}",
            f"{d(201, 989)}.{d(200, 999)}.{d(1000, 9999)}", f"0{d(1100, 1999)} {d(100000, 999999)}",
            f"07{d(700, 999)} {d(100, 999)} {d(100, 999)}", f"+44 {d(20, 29)} {d(1000, 9999)} {d(1000, 9999)}",
            f"+1-{d(201, 989)}-{d(200, 999)}-{d(1000, 9999)} x{d(10, 9999)}", f"x{d(2000, 7999)}",
            f"ext. {d(100, 9999)}", f"+61 4{d(10, 99)} {d(100, 999)} {d(100, 999)}",
            f"(0{d(2, 9)}) {d(4000, 9999)} {d(1000, 9999)}", f"+27 {d(10, 89)} {d(100, 999)} {d(1000, 9999)}",
            f"+91 {d(70000, 99999)} {d(10000, 99999)}", f"+65 {d(6000, 9999)} {d(1000, 9999)}",
            f"{d(200, 999)}-{d(1000, 9999)}", f"+353 {d(1, 99)} {d(100, 999)} {d(1000, 9999)}"])

    def pager(self) -> str:
        return self.r.choice([f"bleep {self.r.randint(1000, 8999)}", f"pager {self.r.randint(100, 999)}-{self.r.randint(1000, 9999)}",
                              f"#{self.r.randint(4000, 6999)}", f"bleep {self.r.randint(100, 999)}"])

    def url(self, name: str = "") -> str:
        base = self.r.choice(["https://portal.kestrelbay-health.org/pt/", "http://www.pennywell-gp.co.uk/",
                              "https://mychart.fortmerritt.example.net/", "www.tallowfieldclinic.com/",
                              "https://share.caldermoor.nhs.uk/f/", "https://bit.ly/"])
        return base + "".join(self.r.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(7))

    def ip(self) -> str:
        d = self.r.randint
        return self.r.choice([f"10.{d(0, 255)}.{d(0, 255)}.{d(1, 254)}", f"192.168.{d(0, 255)}.{d(1, 254)}",
                              f"{d(11, 223)}.{d(0, 255)}.{d(0, 255)}.{d(1, 254)}",
                              f"fe80::{d(4096, 65535):x}:{d(4096, 65535):x}"])

    # ---- identifiers --------------------------------------------------------------
    def digits(self, n: int) -> str:
        return "".join(str(self.r.randint(0, 9)) for _ in range(n))

    def mrn(self) -> str:
        return self.r.choice([self.digits(7), f"KB{self.digits(6)}", f"{self.digits(3)}-{self.digits(4)}-{self.digits(1)}",
                              f"M{self.digits(8)}", f"PW/{self.digits(5)}", f"00{self.digits(6)}"])

    def ssn(self) -> str:
        return self.r.choice([f"{self.r.randint(100, 665)}-{self.digits(2)}-{self.digits(4)}",
                              f"{self.r.randint(100, 665)} {self.digits(2)} {self.digits(4)}",
                              f"xxx-xx-{self.digits(4)}", self.digits(9)])

    def nhs(self) -> str:
        kind = self.r.choice(["nhs", "chi", "ohip", "medicare", "nhi", "us"])
        d = self.digits
        return {"nhs": f"{d(3)} {d(3)} {d(4)}", "chi": d(10),
                "ohip": f"{d(4)}-{d(3)}-{d(3)}-{self.r.choice(LETTERS)}{self.r.choice(LETTERS)}",
                "medicare": f"{d(4)} {d(5)} {d(1)}",
                "nhi": f"{''.join(self.r.choice(LETTERS) for _ in range(3))}{d(4)}",
                "us": f"{self.r.choice(['XKB', 'HMP', 'WGH', 'UQ'])}{d(9)}"}[kind]

    def account(self) -> str:
        return self.r.choice([f"ACCT-{self.digits(8)}", self.digits(10), f"{self.digits(4)}-{self.digits(6)}",
                              self.digits(9), f"INV{self.digits(7)}"])

    def accession(self) -> str:
        return self.r.choice([f"ACC{self.digits(8)}", f"RX-{self.digits(2)}-{self.digits(6)}",
                              f"S{self.r.randint(19, 26)}-{self.digits(5)}", f"LAB{self.digits(7)}",
                              f"YC-{self.digits(6)}"])

    def device(self) -> str:
        return self.r.choice([f"{self.r.choice(LETTERS)}{self.r.choice(LETTERS)}{self.digits(7)}",
                              f"{self.r.choice(LETTERS)}{self.digits(3)}-{self.digits(5)}",
                              self.digits(15), f"{self.digits(4)}-{self.digits(4)}-{self.r.choice(LETTERS)}"])

    def license(self) -> str:
        return self.r.choice([f"{self.r.choice(LETTERS)}{self.digits(7)}", f"{self.digits(3)}-{self.digits(3)}-{self.digits(3)}",
                              f"{''.join(self.r.choice(LETTERS) for _ in range(5))}{self.digits(6)}{self.r.choice(LETTERS)}{self.r.choice(LETTERS)}",
                              f"RN{self.digits(6)}", self.digits(7), f"{self.digits(2)}{self.r.choice(LETTERS)}{self.digits(4)}{self.r.choice('EOC')}"])

    def npi(self) -> str:
        return "1" + self.digits(9)

    def dea(self) -> str:
        return f"{self.r.choice('ABFGM')}{self.r.choice(LETTERS)}{self.digits(7)}"

    def vehicle(self) -> str:
        d = self.digits
        L = lambda n: "".join(self.r.choice(LETTERS) for _ in range(n))  # noqa: E731
        return self.r.choice([f"{L(2)}{d(2)} {L(3)}", f"{d(1)}{L(3)}{d(3)}", f"{L(3)}-{d(4)}",
                              f"{L(1)}{d(1)}{L(3)}{d(2)}{L(2)}{d(8)}", f"{L(3)} {d(3)}",
                              f"{d(3)}-{L(3)}", f"{L(1)}{d(2)}{L(1)}{d(2)}{L(3)}{d(7)}"])

    def photo(self) -> str:
        return self.r.choice([f"IMG_{self.digits(4)}.JPG", f"P{self.digits(6)}",
                              f"WND-PH-{self.digits(5)}", f"DSC{self.digits(5)}.jpg", f"face-{self.digits(6)}.png"])

    def dictation(self) -> str:
        return self.r.choice([f"D#{self.digits(6)}", self.digits(7), f"DICT-{self.digits(5)}-{self.r.choice(LETTERS)}",
                              f"VR{self.digits(8)}", f"T{self.digits(6)}"])

    def biometric(self) -> str:
        return f"{self.r.choice(BIO_KINDS)} {self.r.choice(['ID', 'ref', '#', 'no.'])} " \
               f"{self.r.choice(['VP', 'FP', 'RS', 'BIO', 'IRX'])}-{self.digits(6)}"

    def biometric_id(self) -> str:
        return f"{self.r.choice(['VP', 'FP', 'RS', 'BIO', 'IRX'])}-{self.digits(6)}"

    def biobank(self) -> str:
        return self.r.choice([f"BB-{self.digits(7)}", f"MDR{self.digits(6)}", f"{self.digits(3)}-{self.digits(4)}",
                              f"DNR-{self.r.choice(LETTERS)}{self.digits(6)}", f"GB{self.digits(5)}/{self.digits(2)}"])

    def fax(self) -> str:
        return self.phone().split(" x")[0].replace("ext. ", "0161 55").replace("x", "0")
