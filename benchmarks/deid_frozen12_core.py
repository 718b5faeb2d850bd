"""Kit of frozen set 12: markup of spans, the surrogate identifiers of twelve countries, case and OCR hands.

A note is written as text with spans marked ``[[TYPE|text]]``; ``parse`` turns it into the plain
text and the (type, start, end) spans. ``Kit`` holds one note's random source and region and makes
surrogates in that region's shapes (dates, phones, postcodes, national numbers). Standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import deid_frozen12_names as N

MARK = re.compile(r"\[\[([A-Z_]+)\|(.*?)\]\]", re.S)
MON = "January February March April May June July August September October November December".split()
NON_US = {"UK", "IE", "CA", "AU", "NZ", "IN", "ZA", "SG", "NG", "KE", "PH"}
DAYFIRST = NON_US - {"CA", "PH"}


def _lasts(tokens):
    out, skip = [], 0
    for i, t in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        if t in N.MULTI:
            full = N.MULTI[t]
            out.append(full)
            skip = len(full.split()) - 1
        else:
            out.append(t)
    return out


LASTS = {r: _lasts(v) for r, v in N.LAST.items()}


def parse(markup: str):
    """Plain text and spans [(type, start, end)] of a marked-up note."""
    text, spans, pos = [], [], 0
    last = 0
    for m in MARK.finditer(markup):
        chunk = markup[last:m.start()]
        text.append(chunk)
        pos += len(chunk)
        val = m.group(2)
        if val.strip():
            spans.append((m.group(1), pos, pos + len(val)))
        text.append(val)
        pos += len(val)
        last = m.end()
    text.append(markup[last:])
    return "".join(text), spans


def recase_text(markup: str, how: str) -> str:
    if not how:
        return markup
    f = str.upper if how == "upper" else str.lower
    parts, last = [], 0
    for m in MARK.finditer(markup):
        parts.append(f(markup[last:m.start()]))
        parts.append(f"[[{m.group(1)}|{f(m.group(2))}]]")
        last = m.end()
    parts.append(f(markup[last:]))
    return "".join(parts)


OCR = {"O": "0", "l": "1", "S": "5", "B": "8", "rn": "m", "I": "l"}


def ocr(markup: str, rng, rate=0.04) -> str:
    """Fax / scan misreads in the words outside the spans (a span keeps its letters: it is what the page says)."""
    parts, last = [], 0
    for m in MARK.finditer(markup):
        parts.append(_ocr_chunk(markup[last:m.start()], rng, rate))
        parts.append(m.group(0))
        last = m.end()
    parts.append(_ocr_chunk(markup[last:], rng, rate))
    return "".join(parts)


def _ocr_chunk(s, rng, rate):
    out = []
    i = 0
    while i < len(s):
        two = s[i:i + 2]
        if two == "rn" and rng.random() < rate * 3:
            out.append("m")
            i += 2
            continue
        c = s[i]
        if c in OCR and rng.random() < rate:
            out.append(OCR[c])
        elif c == " " and rng.random() < rate / 3:
            out.append("  ")
        else:
            out.append(c)
        i += 1
    return "".join(out)


ROLE_SEX = {w: "F" for w in "daughter wife mother sister niece grandmother aunt mom nanay mum".split()}
ROLE_SEX.update({w: "M" for w in "son husband father brother nephew grandfather uncle".split()})


@dataclass
class Person:
    first: str
    last: str
    region: str


class Kit:
    """Surrogates of one note, in one region's shapes; every method returns marked-up text."""

    def __init__(self, rng, region: str):
        self.r = rng
        self.region = region
        self.year = 2026
        self.used = set()

    def c(self, seq):
        return self.r.choice(seq)

    def d(self, n):
        return "".join(self.c("0123456789") for _ in range(n))

    def person(self, region=None, sex=None) -> Person:
        """A new person of the note; ``sex`` "F" / "M" picks a given name usually borne by women / men."""
        reg = region or self.region
        if self.r.random() < 0.12:  # migrants and mixed families: a name from another region
            reg = self.c(list(N.FIRST))
        pool = [f for f in N.FIRST[reg] if sex is None or (f in N.FEMALE) == (sex == "F")]
        for _ in range(20):  # people of one note do not share a given name
            first = self.c(pool)
            if first not in self.used:
                break
        self.used.add(first)
        return Person(first, self.c(LASTS[reg]), reg)

    def kin(self, role: str, region=None) -> Person:
        """A relative whose given name fits the kin word (the last word of ``role``)."""
        return self.person(region, ROLE_SEX.get(role.split()[-1]))

    # ---- names -----------------------------------------------------------------------------
    def name(self, p: Person, typ: str, form: str | None = None) -> str:
        f = form or self.c(["full", "full", "full", "last_first", "init_last", "last", "first", "caps_last", "full"])
        first, last = p.first, p.last
        if p.region in ("SG",) and " " in first and form is None and self.r.random() < 0.5:
            f = "surname_first"
        if f == "full":
            s = f"[[{typ}|{first} {last}]]"
        elif f == "last_first":
            s = f"[[{typ}|{last}, {first}]]"
        elif f == "caps_last":
            s = f"[[{typ}|{last.upper()}, {first}]]"
        elif f == "init_last":
            s = f"[[{typ}|{first[0]}. {last}]]"
        elif f == "init_nodot":
            s = f"[[{typ}|{first[0]} {last}]]"
        elif f == "last":
            s = f"[[{typ}|{last}]]"
        elif f == "first":
            s = f"[[{typ}|{first}]]"
        elif f == "initials":
            s = f"[[{typ}|{first[0]}{last[0]}]]"
        elif f == "surname_first":
            s = f"[[{typ}|{last} {first}]]"
        elif f == "nick":
            s = f"[[{typ}|{N.NICK.get(first, first)}]]"
        elif f == "lower":
            s = f"[[{typ}|{first.lower()} {last.lower()}]]"
        elif f == "last_init":
            s = f"[[{typ}|{last} {first[0]}]]"
        else:
            raise ValueError(f)
        return s

    def pt(self, p, form=None):
        return self.name(p, "PATIENT", form)

    def dr(self, p=None, form=None):
        p = p or self.person()
        return self.name(p, "CLINICIAN", form or self.c(["full", "init_last", "last", "full", "init_nodot"]))

    def rel(self, p, form=None):
        return self.name(p, "RELATIVE", form)

    # ---- dates -----------------------------------------------------------------------------
    def ymd(self, back_days=400):
        import datetime as dt
        day = dt.date(2026, 12, 1) - dt.timedelta(days=self.r.randint(0, back_days))
        return day

    def date(self, day=None, fmt=None) -> str:
        day = day or self.ymd()
        y, m, d = day.year, day.month, day.day
        reg = self.region
        if fmt is None:
            if reg == "US":
                fmt = self.c(["us", "us", "us_short", "mon_d_y", "iso", "us_pad"])
            elif reg in DAYFIRST:
                fmt = self.c(["dmy", "dmy", "d_mon_y", "dmy_dash", "d_mon_abbr", "dmy_dot", "iso", "ord"])
            else:
                fmt = self.c(["iso", "mon_d_y", "dmy", "d_mon_abbr", "us"])
        s = {
            "us": f"{m}/{d}/{y}", "us_pad": f"{m:02d}/{d:02d}/{y}", "us_short": f"{m}/{d}/{y % 100:02d}",
            "mon_d_y": f"{MON[m - 1][:3]} {d}, {y}", "iso": f"{y}-{m:02d}-{d:02d}", "dmy": f"{d:02d}/{m:02d}/{y}",
            "d_mon_y": f"{d} {MON[m - 1]} {y}", "dmy_dash": f"{d:02d}-{m:02d}-{y}",
            "d_mon_abbr": f"{d:02d}-{MON[m - 1][:3].upper()}-{y % 100:02d}", "dmy_dot": f"{d}.{m}.{y % 100:02d}",
            "ord": f"{d}{_ordsuffix(d)} {MON[m - 1]} {y}", "compact": f"{y}{m:02d}{d:02d}",
            "dm": f"{d:02d}/{m:02d}", "md": f"{m}/{d}", "d_mon": f"{d} {MON[m - 1][:3]}",
            "mon_y": f"{MON[m - 1]} {y}",
        }[fmt]
        return f"[[DATE|{s}]]"

    def yr(self, lo=1950, hi=2024):
        return f"[[YEAR|{self.r.randint(lo, hi)}]]"

    def age90(self):
        return f"[[AGE|{self.r.randint(90, 104)}]]"

    # ---- places ----------------------------------------------------------------------------
    def town(self):
        return self.c(N.TOWNS[self.region])

    def street(self):
        n = self.r.randint(2, 480)
        st = self.c(N.STREETS[self.region])
        if self.region in ("SG",):
            return f"Blk {self.r.randint(100, 899)} {st} #{self.r.randint(2, 15):02d}-{self.r.randint(10, 480)}"
        if self.region in ("UK", "IE") and self.r.random() < 0.3:
            return f"{self.c(['Flat 2', 'Apt 5', 'Rose Cottage,', 'Unit 3'])} {n} {st}"
        return f"{n} {st}"

    def addr(self, sep=", ", with_state=True):
        """Street, town, postcode as ADDRESS, LOCATION, ZIP spans (state/county plain text)."""
        town, pc, st = self.town()
        s = f"[[ADDRESS|{self.street()}]]{sep}[[LOCATION|{town}]]"
        if st and with_state:
            s += f"{sep if self.region != 'US' else ', '}{st}"
        s += f" [[ZIP|{pc}]]" if self.region in ("US", "CA", "AU") else f"{sep}[[ZIP|{pc}]]"
        return s

    def hosp(self):
        return f"[[HOSPITAL|{self.c(N.HOSPITALS[self.region])}]]"

    def loc(self):
        return f"[[LOCATION|{self.town()[0]}]]"

    # ---- contact ---------------------------------------------------------------------------
    def phone(self, typ="PHONE"):
        r, d = self.region, self.d
        s = {
            "US": lambda: self.c([f"({self.r.randint(2, 9)}{d(2)}) {self.r.randint(2, 9)}{d(2)}-{d(4)}",
                                  f"{self.r.randint(2, 9)}{d(2)}-{self.r.randint(2, 9)}{d(2)}-{d(4)}",
                                  f"{self.r.randint(2, 9)}{d(2)}.{self.r.randint(2, 9)}{d(2)}.{d(4)}"]),
            "UK": lambda: self.c([f"01{d(3)} {d(6)}", f"07{d(3)} {d(6)}", f"+44 1{d(3)} {d(6)}"]),
            "IE": lambda: self.c([f"0{self.c(['90', '44', '42', '52', '74'])} {d(3)} {d(4)}", f"08{d(1)} {d(3)} {d(4)}"]),
            "CA": lambda: f"{self.c(['250', '819', '807', '506', '403', '204'])}-{self.r.randint(2, 9)}{d(2)}-{d(4)}",
            "AU": lambda: self.c([f"(07) {d(4)} {d(4)}", f"04{d(2)} {d(3)} {d(3)}", f"+61 2 {d(4)} {d(4)}"]),
            "NZ": lambda: self.c([f"(06) {d(3)} {d(4)}", f"021 {d(3)} {d(4)}", f"+64 7 {d(3)} {d(4)}"]),
            "IN": lambda: self.c([f"+91 9{d(4)} {d(5)}", f"0431-{d(7)}", f"9{d(9)}"]),
            "ZA": lambda: self.c([f"015 {d(3)} {d(4)}", f"+27 82 {d(3)} {d(4)}", f"072{d(7)}"]),
            "SG": lambda: self.c([f"+65 9{d(3)} {d(4)}", f"6{d(3)} {d(4)}"]),
            "NG": lambda: self.c([f"0803 {d(3)} {d(4)}", f"+234 80{d(1)} {d(3)} {d(4)}"]),
            "KE": lambda: self.c([f"0722 {d(6)}", f"+254 7{d(2)} {d(3)} {d(3)}"]),
            "PH": lambda: self.c([f"0917 {d(3)} {d(4)}", f"(035) {d(3)} {d(4)}", f"+63 9{d(2)} {d(3)} {d(4)}"]),
        }[r]()
        return f"[[{typ}|{s}]]"

    def fax(self):
        return self.phone("FAX")

    def email(self, p: Person | None = None, work=False):
        p = p or self.person()
        user = self.c([f"{p.first}.{p.last}", f"{p.first[0]}{p.last}", f"{p.first}{self.d(2)}", f"{p.last}_{p.first[0]}"])
        user = re.sub(r"[^A-Za-z0-9._]", "", user).lower()
        dom = N.EMAIL_DOMAINS[self.region] if work else self.c(N.WEBMAIL)
        return f"[[EMAIL|{user}@{dom}]]"

    def url(self, kind=None):
        """A URL that points at this person: a portal or video-visit link with their id, a fundraiser, a personal site."""
        kind = kind or self.c(["portal", "fund", "site", "pacs"])
        s = {"portal": lambda: f"https://{self.c(['myhealth.mercyridge.org', 'portal.kendalgp.nhs.uk', 'mychart.bendigohealth.org.au'])}/{self.c(['u', 'proxy', 'invite'])}/{self.d(6)}{self.c('abcdxyz')}",
             "visit": lambda: f"https://{self.c(['vv.mercyridge.org', 'telehealth.interiorhealth.ca', 'attend.nhs.uk'])}/join/{self.d(3)}-{self.d(3)}-{self.d(3)}",
             "fund": lambda: f"https://www.{self.c(['gofundme.com/f/help-', 'givealittle.co.nz/cause/', 'ketto.org/fundraiser/'])}{self.c(['the-', 'support-', ''])}{self.c(['whitacre', 'harland', 'okafor', 'teo', 'mcgilly'])}{self.c(['-family', '-recovery', '-surgery'])}",
             "site": lambda: f"www.{self.c(['rotoruafamilies', 'teamwhitacre', 'hopeforharland', 'prayforbong'])}.{self.c(['com', 'org', 'co.nz', 'ph'])}",
             "survey": lambda: f"https://redcap.{self.c(['twins.org.au', 'kcl.ac.uk', 'otago.ac.nz'])}/surveys/?s={self.c('ABCDEFGHJK')}{self.d(3)}{self.c('LMNPRTX')}{self.d(4)}",
             "pacs": lambda: f"http://10.{self.r.randint(1, 250)}.{self.r.randint(1, 250)}.{self.r.randint(1, 250)}/pacs/viewer?pid={self.d(7)}",
             "share": lambda: f"https://{self.c(['kardia.com/s/', 'share.health.apple.com/', 'fitbit.com/r/'])}{self.d(4)}{self.c('abcdefXYZ')}{self.d(3)}",
             }[kind]()
        return f"[[URL|{s}]]"

    def dob(self, lo=18, hi=96, fmt=None):
        import datetime as dt
        return self.date(dt.date(2026, 12, 1) - dt.timedelta(days=self.r.randint(lo * 365, hi * 365)), fmt)

    def ip(self):
        if self.r.random() < 0.15:
            return f"[[IP|fe80::{self.d(2)}a:{self.c('bcdef')}{self.d(3)}:{self.d(4)}]]"
        a = self.c(["10", "172", "192", str(self.r.randint(23, 212))])
        rest = ".".join(str(self.r.randint(0, 254)) for _ in range(3))
        if a == "192":
            rest = f"168.{self.r.randint(0, 30)}.{self.r.randint(2, 254)}"
        return f"[[IP|{a}.{rest}]]"

    # ---- numbers ---------------------------------------------------------------------------
    def mrn(self):
        r, d = self.region, self.d
        s = {"UK": lambda: self.c([f"{d(3)} {d(3)} {d(4)}", f"RK{d(7)}", f"K{d(6)}"]),
             "IE": lambda: f"{self.c(['PUH', 'MRH', 'LUH'])}{d(6)}", "AU": lambda: f"UR{d(6)}",
             "NZ": lambda: f"{self.c('ABCDHKMPRT')}{self.c('ABCDHKMPRT')}{self.c('ABCDHKMPRT')}{d(4)}",
             "IN": lambda: f"{self.c(['OP', 'IP', 'UHID'])}/{d(2)}/{d(5)}", "SG": lambda: f"S{d(7)}{self.c('ABCDEFGHIZJ')}",
             "ZA": lambda: f"{d(2)}/{d(6)}", "NG": lambda: f"UCH/{d(2)}/{d(5)}", "KE": lambda: f"IP-{d(6)}/{d(2)}",
             "PH": lambda: f"{d(4)}-{d(5)}", "CA": lambda: self.c([f"H{d(7)}", f"{d(2)}-{d(6)}"]),
             }.get(r, lambda: self.c([f"{d(8)}", f"MRN{d(7)}", f"{d(3)}-{d(2)}-{d(2)}", f"E{d(8)}"]))()
        return f"[[ID_MRN|{s}]]"

    def nat(self):
        """National or social number: SSN for the US (and SA ID / Aadhaar / NRIC style elsewhere)."""
        r, d = self.region, self.d
        s = {"US": lambda: self.c([f"{self.r.randint(101, 665)}-{d(2)}-{d(4)}", f"{self.r.randint(101, 665)} {d(2)} {d(4)}"]),
             "IN": lambda: f"{self.r.randint(2, 9)}{d(3)} {d(4)} {d(4)}", "ZA": lambda: f"{d(2)}{d(4)}{d(4)}08{d(1)}",
             "SG": lambda: f"{self.c('ST')}{d(7)}{self.c('ABCDEFGHIZJ')}", "CA": lambda: f"{d(3)} {d(3)} {d(3)}",
             "UK": lambda: f"{self.c(['JT', 'NP', 'AB', 'WM'])} {d(2)} {d(2)} {d(2)} {self.c('ABCD')}",
             "IE": lambda: f"{d(7)}{self.c('TWKAHP')}", "AU": lambda: f"{d(3)} {d(3)} {d(3)}",
             "NZ": lambda: f"{d(3)}-{d(3)}-{d(3)}", "NG": lambda: f"{d(11)}", "KE": lambda: f"{d(8)}",
             "PH": lambda: f"{d(4)}-{d(4)}-{d(4)}"}[r]()
        return f"[[SSN|{s}]]"

    def plan(self):
        r, d = self.region, self.d
        s = {"UK": lambda: f"{d(3)} {d(3)} {d(4)}", "AU": lambda: f"{d(4)} {d(5)} {d(1)}",
             "CA": lambda: f"{d(4)}-{d(3)}-{d(3)}-{self.c(['AB', 'KM', 'XT'])}", "IE": lambda: f"GMS {d(6)}{self.c('ABC')}",
             "NZ": lambda: f"HCF{d(6)}", "IN": lambda: f"PMJAY-{d(9)}", "ZA": lambda: f"DH{d(9)}",
             "NG": lambda: f"NHIA/{d(3)}/{d(6)}", "KE": lambda: f"SHA-{d(8)}", "PH": lambda: f"{d(2)}-{d(9)}-{d(1)}",
             "SG": lambda: f"MSH{d(7)}"}.get(r, lambda: self.c([f"{self.c(['XJH', 'W', 'ZGP', 'MCR'])}{d(9)}",
                                                                  f"{d(1)}{self.c('EGKT')}{d(2)}-{self.c('ABC')}{d(2)}-{d(4)}"]))()
        return f"[[ID_HEALTHPLAN|{s}]]"

    def acct(self):
        return f"[[ID_ACCOUNT|{self.c(['', 'HAR ', 'FIN ', 'ACC-', 'V'])}{self.d(self.r.randint(7, 10))}]]"

    def lic(self):
        r, d = self.region, self.d
        s = {"UK": lambda: f"GMC {d(7)}", "IE": lambda: f"MCRN {d(6)}", "CA": lambda: f"CPSBC {d(5)}",
             "AU": lambda: f"MED000{d(7)}", "NZ": lambda: f"MCNZ {d(5)}", "IN": lambda: f"TNMC {d(5)}",
             "ZA": lambda: f"MP {d(7)}", "SG": lambda: f"M{d(5)}{self.c('ABCDEFGHJK')}", "NG": lambda: f"MDCN/R/{d(5)}",
             "KE": lambda: f"KMPDC A{d(4)}", "PH": lambda: f"PRC {d(7)}"}.get(
                 r, lambda: f"{self.c(['MD', 'G', 'A', 'RN'])}{self.c(['', '-'])}{d(self.r.randint(5, 7))}")()
        return f"[[ID_LICENSE|{s}]]"

    def dea(self, p: Person | None = None):
        first = self.c("ABFGM")
        second = (p.last[0] if p else self.c("BCDHKLMPRSTW")).upper()
        if not second.isalpha():
            second = "X"
        ds = [self.r.randint(0, 9) for _ in range(6)]
        chk = (ds[0] + ds[2] + ds[4] + 2 * (ds[1] + ds[3] + ds[5])) % 10
        return f"[[ID_DEA|{first}{second}{''.join(map(str, ds))}{chk}]]"

    def npi(self):
        return f"[[ID_NPI|{self.c('12')}{self.d(9)}]]"

    def device(self):
        s = self.c([f"SN {self.d(2)}{self.c('ABHKXZ')}{self.d(5)}", f"{self.c(['PJN', 'RNW', 'BLX'])}{self.d(6)}{self.c(['H', 'S', ''])}",
                    f"{self.d(3)}-{self.d(4)}-{self.c('ABCD')}{self.d(2)}", f"E{self.d(2)}-{self.c('XKT')}{self.d(5)}"])
        return f"[[ID_DEVICE|{s}]]"

    def acc(self):
        s = self.c([f"{self.c(['CT', 'MR', 'US', 'XR'])}{self.d(2)}-{self.d(6)}", f"{self.d(2)}{self.c(['H', 'B', 'C'])}{self.d(7)}",
                    f"A{self.d(9)}", f"{self.c(['SP', 'HS', 'CY'])}26-{self.d(5)}"])
        return f"[[ID_ACCESSION|{s}]]"

    def dict_id(self):
        return f"[[ID_DICTATION|{self.c(['', 'D', 'VR-', 'J'])}{self.d(self.r.randint(6, 9))}]]"

    def bio(self):
        s = self.c([f"BB{self.d(2)}-{self.d(5)}", f"{self.c(['TWN', 'GEN', 'SCR'])}-{self.d(4)}-{self.c('ABCDEFGH')}{self.d(1)}",
                    f"DNA{self.d(7)}", f"{self.d(3)}-{self.d(3)}-{self.d(3)}-{self.c('XYZ')}"])
        return f"[[ID_BIOBANK|{s}]]"

    def photo(self):
        s = self.c([f"IMG_{self.d(4)}.JPG", f"IMG_2026{self.r.randint(1, 12):02d}{self.r.randint(1, 28):02d}_{self.d(6)}.jpg",
                    f"PXL_2026{self.r.randint(1, 12):02d}{self.r.randint(1, 28):02d}_{self.d(9)}.jpg",
                    f"face_{self.d(6)}.png", f"ID-PHOTO-{self.d(7)}.jpeg", f"DSC{self.d(5)}.JPG"])
        return f"[[ID_PHOTO|{s}]]"

    def bioid(self):
        s = self.c([f"FP-{self.c(['R1', 'L2', 'R2'])}-{self.d(4)}{self.c('abcdef')}{self.d(2)}", f"VP{self.d(8)}",
                    f"IRIS-{self.d(3)}-{self.c('ABCDEF')}{self.d(4)}", f"tmpl#{self.d(10)}",
                    f"{self.c('abcdef0123')}{self.d(3)}{self.c('abcdef')}{self.d(4)}{self.c('abcdef')}"])
        return f"[[BIOMETRIC|{s}]]"

    def plate(self):
        r, d = self.region, self.d
        up = "ABCDEFGHJKLMNPRSTVWXY"
        L = lambda n: "".join(self.c(up) for _ in range(n))  # noqa: E731
        s = {"UK": lambda: f"{L(2)}{d(2)} {L(3)}", "IE": lambda: f"{self.c(['191', '221', '231', '151'])}-{self.c(['G', 'WH', 'LH', 'T', 'DL'])}-{d(4)}",
             "AU": lambda: f"{d(3)}{L(3)}", "NZ": lambda: f"{L(3)}{d(3)}", "ZA": lambda: f"{L(2)} {d(2)} {L(2)} GP",
             "IN": lambda: f"TN {d(2)} {L(2)} {d(4)}", "KE": lambda: f"K{L(2)} {d(3)}{L(1)}", "NG": lambda: f"{L(3)}-{d(3)}{L(2)}",
             "SG": lambda: f"S{L(2)}{d(4)}{L(1)}", "PH": lambda: f"{L(3)} {d(4)}", "CA": lambda: f"{L(4)} {d(3)}"}.get(
                 r, lambda: f"{d(1)}{L(3)}{d(3)}")()
        if self.r.random() < 0.25:
            s = f"{d(1)}{L(2)}{d(1)}{L(1)}{d(2)}{L(1)}{d(1)}{L(1)}{d(6)}"  # a VIN, 17 characters
        return f"[[VEHICLE|{s}]]"


def _ordsuffix(d):
    return "th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")


def hard_wrap(text: str, spans, width: int):
    """Break long lines at spaces (a space becomes a line end, so offsets stay) as a word processor's
    plain-text export does; a span broken over two lines becomes two spans, one per line."""
    chars = list(text)
    col, last_space = 0, -1
    for i, ch in enumerate(chars):
        if ch == "\n":
            col, last_space = 0, -1
            continue
        if ch == " ":
            last_space = i
        col += 1
        if col > width and last_space >= 0:
            chars[last_space] = "\n"
            col = i - last_space
            last_space = -1
    out = "".join(chars)
    new = []
    for typ, s, e in spans:
        start = s
        for j in range(s, e + 1):
            if j == e or out[j] == "\n":
                a, b = start, j
                while a < b and out[a] == " ":
                    a += 1
                while b > a and out[b - 1] in " ,":
                    b -= 1
                if b > a:
                    new.append((typ, a, b))
                start = j + 1
    return out, new
