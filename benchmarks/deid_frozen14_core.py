"""Set 14's note builder and identifier forms (standard library only; surrogates in deid_frozen14_people).

A note is built piece by piece: plain text (which a careless writer may mangle: dropped stops and commas,
transposed letters) and ``(TYPE, text)`` spans whose offsets are kept exactly. ``wrap`` hard-wraps prose by
turning spaces into line ends (offsets do not move) and splits a span that a line end cuts into two.
"""

from __future__ import annotations

import datetime
import random
import string

import deid_frozen14_people as PPL

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
ASR_SWAPS = [(" patient ", " patience "), (" there ", " their "), (" dysphagia", " dysphasia"), (" ileum", " ilium"),
             (" mucous", " mucus"), (" his ", " this "), (" four ", " for "), (" weighed ", " wade "), (" knee ", " need "),
             (" no ", " know "), (" bypass ", " by pass "), (" sore ", " saw ")]
NON_US = ("UK", "IE", "CA", "AU", "NZ", "IN", "ZA", "SG", "NG", "KE", "PH", "MY", "GH")


class Note:
    """Text and spans of one note; ``case`` is 'upper', 'lower' or None, ``careless`` mangles plain text."""

    def __init__(self, rng: random.Random, case: str | None = None, careless: bool = False, asr: bool = False):
        self.rng, self.case, self.careless, self.asr = rng, case, careless, asr
        self.parts: list[str] = []
        self.spans: list[tuple[str, int, int]] = []
        self.pos = 0

    def __call__(self, *parts) -> "Note":
        for p in parts:
            if p is None or p == "":
                continue
            if isinstance(p, tuple):
                typ, val = p
                val = self._case(str(val))
                self.spans.append((typ, self.pos, self.pos + len(val)))
                self._put(val)
            else:
                self._put(self._case(self._mangle(str(p))))
        return self

    def _case(self, s: str) -> str:
        if self.case == "upper":
            out = s.upper()
        elif self.case == "lower":
            out = s.lower()
        else:
            return s
        return out if len(out) == len(s) else s

    def _mangle(self, s: str) -> str:
        if self.asr:
            s = self._dictated(s)
        if not self.careless or len(s) < 6:
            return s
        r = self.rng
        out = []
        for w in s.split(" "):
            if len(w) > 5 and w.isalpha() and r.random() < 0.06:
                i = r.randrange(1, len(w) - 2)
                w = w[:i] + w[i + 1] + w[i] + w[i + 2:]
            elif w.endswith((",", ".")) and len(w) > 1 and r.random() < 0.35:
                w = w[:-1]
            out.append(w)
        return " ".join(out)

    def _dictated(self, s: str) -> str:
        """Uncorrected speech recognition: spoken punctuation and sound-alike words left in."""
        r = self.rng
        for a, b in ASR_SWAPS:
            if a in s and r.random() < 0.5:
                s = s.replace(a, b, 1)
        if ". " in s and r.random() < 0.3:
            s = s.replace(". ", " full stop ", 1)
        if ", " in s and r.random() < 0.2:
            s = s.replace(", ", " comma ", 1)
        return s

    def _put(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)

    def text(self) -> str:
        return "".join(self.parts)


def row(n: Note, cells: list, widths: list[int], sep: str = " | ") -> None:
    """One table row, each cell (text or a span) padded to its column width."""
    for k, (cell, w) in enumerate(zip(cells, widths)):
        val = cell[1] if isinstance(cell, tuple) else cell
        n(cell, " " * max(0, w - len(val)) if k < len(cells) - 1 else "", sep if k < len(cells) - 1 else "\n")


def wrap(text: str, spans: list[tuple[str, int, int]], width: int, rng: random.Random):
    """Hard-wrap every line longer than ``width`` at spaces (a space becomes a line end)."""
    chars = list(text)
    col = 0
    last_space = -1
    i = 0
    while i < len(chars):
        ch = chars[i]
        if ch == "\n":
            col, last_space = 0, -1
        else:
            if ch == " ":
                last_space = i
            col += 1
            if col > width + rng.randint(-4, 2) and last_space > 0:
                chars[last_space] = "\n"
                col = i - last_space
                last_space = -1
        i += 1
    new = "".join(chars)
    out = []
    for typ, s, e in spans:
        start = s
        for k in range(s, e):
            if new[k] == "\n":
                if k > start:
                    out.append((typ, start, k))
                start = k + 1
        if e > start:
            out.append((typ, start, e))
    return new, out


class Ctx:
    """Draws surrogates and identifier forms for one note of one region (``US``, ``UK`` ...)."""

    def __init__(self, rng: random.Random, region: str):
        self.r, self.region = rng, region
        self.used: set[str] = set()

    # ---------------------------------------------------------------- helpers
    def pick(self, seq):
        return self.r.choice(seq)

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def digits(self, n: int) -> str:
        return "".join(self.r.choice(string.digits) for _ in range(n))

    def letters(self, n: int) -> str:
        return "".join(self.r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(n))

    def nus(self) -> bool:
        return self.region != "US"

    # ---------------------------------------------------------------- people
    def person(self, region: str | None = None, sex: str | None = None) -> tuple[str, str]:
        first, last = PPL.name(self.r, region or self.region, sex)
        return first, last

    def name(self, p: tuple[str, str], form: str | None = None) -> str:
        f, l = p
        form = form or self.pick(["fl", "fl", "fl", "lf", "il", "l", "FL", "Lf"])
        if form == "fl":
            return f"{f} {l}"
        if form == "lf":
            return f"{l}, {f}"
        if form == "il":
            return f"{f[0]}. {l}" if self.chance(0.6) else f"{f[0]} {l}"
        if form == "l":
            return l
        if form == "f":
            return f
        if form == "FL":
            return f"{l.upper()} {f}" if self.region in ("SG", "MY", "NG", "GH", "UK", "ZA") else f"{f} {l}"
        if form == "Lf":
            return f"{l.upper()}, {f}"
        if form == "ini":
            return f"{f[0]}{l[0]}"
        if form == "low":
            return f"{f} {l}".lower()
        return f"{f} {l}"

    def staff(self) -> tuple[str, str]:
        return PPL.name(self.r, self.region if self.chance(0.7) else self.pick(["US", "UK", "IN", "PH", "NG"]))

    # ---------------------------------------------------------------- dates
    def ymd(self, y0: int = 2025, y1: int = 2026) -> tuple[int, int, int]:
        y = self.r.randint(y0, y1)
        m = self.r.randint(1, 12 if y < 2026 else 11)
        return y, m, self.r.randint(1, 28)

    def dob(self, child: bool = False) -> tuple[int, int, int]:
        return self.ymd(2009, 2023) if child else self.ymd(1931, 2005)

    def seq(self, k: int, style: str | None = None, gap: tuple[int, int] = (1, 30)) -> list[str]:
        """``k`` dates in order, ``gap`` days apart, in one style (a diary, a schedule, a course of visits)."""
        steps = [self.r.randint(*gap) for _ in range(k - 1)]
        day = datetime.date(2026, 12, 7) - datetime.timedelta(days=sum(steps) + self.r.randint(1, 600))
        style = style or self.pick(["num", "num", "long", "abbr", "iso"])
        out = []
        for i in range(k):
            out.append(self.date((day.year, day.month, day.day), style))
            if i < k - 1:
                day += datetime.timedelta(days=steps[i])
        return out

    def date(self, d: tuple[int, int, int] | None = None, style: str | None = None) -> str:
        y, m, dd = d or self.ymd()
        mon = MONTHS[m - 1]
        dmy = self.region not in ("US", "PH")
        style = style or self.pick(["num", "num", "num", "long", "abbr", "iso", "short"])
        if self.region in ("CA", "ZA", "SG") and style == "short":
            style = "iso"
        if style == "num":
            return f"{dd:02d}/{m:02d}/{y}" if dmy else f"{m:02d}/{dd:02d}/{y}"
        if style == "short":
            sep = self.pick(["/", ".", "-"]) if dmy else "/"
            return f"{dd}{sep}{m}{sep}{y % 100:02d}" if dmy else f"{m}/{dd}/{y % 100:02d}"
        if style == "long":
            if dmy:
                suf = self.pick(["", "", "th" if dd not in (1, 2, 3, 21, 22, 23) else ""])
                return f"{dd}{suf} {mon} {y}"
            return f"{mon} {dd}, {y}"
        if style == "abbr":
            return f"{dd:02d}-{mon[:3].upper()}-{y}" if self.chance(0.5) else f"{dd} {mon[:3]} {y}"
        if style == "iso":
            return f"{y}-{m:02d}-{dd:02d}" if self.region != "ZA" or self.chance(0.5) else f"{y}/{m:02d}/{dd:02d}"
        if style == "dm":
            return f"{dd}/{m}" if dmy else f"{m}/{dd}"
        return f"{y}{m:02d}{dd:02d}"

    def year(self) -> str:
        y = self.r.randint(1968, 2024)
        return f"'{y % 100:02d}" if self.chance(0.12) else str(y)

    def old_age(self) -> str:
        return str(self.r.choice([90, 91, 91, 92, 93, 94, 95, 96, 97, 98, 99, 101, 102]))

    # ---------------------------------------------------------------- contact
    def phone(self) -> str:
        g, d = self.region, self.digits
        forms = {
            "US": [f"({d(3)}) {d(3)}-{d(4)}", f"{d(3)}-{d(3)}-{d(4)}", f"{d(3)}.{d(3)}.{d(4)}"],
            "CA": [f"({d(3)}) {d(3)}-{d(4)}", f"{d(3)}-{d(3)}-{d(4)}", f"1-{d(3)}-{d(3)}-{d(4)}"],
            "UK": [f"01{d(3)} {d(6)}", f"07{d(3)} {d(3)} {d(3)}", f"+44 20 {d(4)} {d(4)}", f"0113 {d(3)} {d(4)}"],
            "IE": [f"0{self.pick(['1', '21', '91', '61'])} {d(3)} {d(4)}", f"08{self.pick('3567')} {d(3)} {d(4)}",
                   f"+353 {self.pick(['1', '21', '91'])} {d(3)} {d(4)}"],
            "AU": [f"(0{self.pick('2378')}) {d(4)} {d(4)}", f"04{d(2)} {d(3)} {d(3)}", f"+61 {self.pick('2378')} {d(4)} {d(4)}"],
            "NZ": [f"0{self.pick('34679')} {d(3)} {d(4)}", f"02{self.pick('127')} {d(3)} {d(3)}", f"+64 {self.pick('349')} {d(3)} {d(4)}"],
            "IN": [f"+91 9{d(4)} {d(5)}", f"9{d(4)}{d(5)}", f"0{self.pick(['80', '22', '11', '44'])}-{d(4)} {d(4)}"],
            "ZA": [f"0{self.pick(['21', '11', '31', '12'])} {d(3)} {d(4)}", f"08{self.pick('234')} {d(3)} {d(4)}", f"+27 {d(2)} {d(3)} {d(4)}"],
            "SG": [f"6{d(3)} {d(4)}", f"9{d(3)} {d(4)}", f"+65 {self.pick('689')}{d(3)} {d(4)}"],
            "NG": [f"080{d(1)} {d(3)} {d(4)}", f"+234 80{d(1)} {d(3)} {d(4)}", f"0{self.pick(['70', '81', '90'])}{d(1)}{d(3)}{d(4)}"],
            "KE": [f"07{d(2)} {d(3)} {d(3)}", f"+254 7{d(2)} {d(3)} {d(3)}", f"020 {d(3)} {d(4)}"],
            "PH": [f"09{d(2)} {d(3)} {d(4)}", f"+63 9{d(2)} {d(3)} {d(4)}", f"(02) 8{d(3)} {d(4)}"],
            "MY": [f"01{d(1)}-{d(3)} {d(4)}", f"03-{d(4)} {d(4)}", f"+60 1{d(1)}-{d(3)} {d(4)}"],
            "GH": [f"02{d(1)} {d(3)} {d(4)}", f"+233 2{d(1)} {d(3)} {d(4)}", f"030 {d(3)} {d(4)}"],
        }
        return self.pick(forms[g])

    def email(self, p: tuple[str, str] | None = None, org: bool = False) -> str:
        f, l = p or self.person()
        f = f.lower().replace(" ", "").replace("'", "")
        l = l.lower().replace(" ", "").replace("'", "")
        dom = self.pick(PPL.ORG_DOMAINS[self.region]) if org else self.pick(PPL.MAIL_DOMAINS)
        user = self.pick([f"{f}.{l}", f"{f[0]}{l}", f"{l}{f[0]}{self.digits(2)}", f"{f}_{l}{self.digits(1)}"])
        return f"{user}@{dom}"

    def url(self, kind: str = "portal") -> str:
        dom = self.pick(PPL.ORG_DOMAINS[self.region])
        tail = self.pick([f"/p/{self.letters(3).lower()}{self.digits(6)}", f"/verify?ref={self.letters(2)}{self.digits(7)}",
                          f"/join/{self.digits(9)}", f"/s/{self.letters(4).lower()}{self.digits(4)}"])
        return self.pick([f"https://{kind}.{dom}{tail}", f"https://www.{dom}{tail}", f"{kind}.{dom}{tail}"])

    def ip(self) -> str:
        r = self.r
        return self.pick([f"10.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(2, 254)}",
                          f"172.{r.randint(16, 31)}.{r.randint(0, 255)}.{r.randint(2, 254)}",
                          f"192.168.{r.randint(0, 255)}.{r.randint(2, 254)}",
                          f"{r.randint(41, 223)}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(2, 254)}"])

    # ---------------------------------------------------------------- address
    def zip(self) -> str:
        g, d = self.region, self.digits
        if g == "US":
            return d(5) if self.chance(0.8) else f"{d(5)}-{d(4)}"
        if g == "UK":
            return f"{self.pick(PPL.UK_AREAS)}{self.r.randint(1, 28)} {self.r.randint(1, 9)}{self.letters(2)}"
        if g == "IE":
            return f"{self.pick(['D08', 'D24', 'H91', 'T12', 'V94', 'A92', 'F91'])} {self.letters(1)}{d(1)}{self.letters(1)}{d(1)}"
        if g == "CA":
            return f"{self.pick('MKLNTVHBRJ')}{d(1)}{self.letters(1)} {d(1)}{self.letters(1)}{d(1)}"
        if g in ("AU", "NZ", "ZA", "PH"):
            return d(4)
        if g == "IN":
            return self.pick([d(6), f"{d(3)} {d(3)}"])
        if g in ("SG", "NG"):
            return d(6)
        if g == "MY":
            return d(5)
        if g == "KE":
            return self.pick(["00100", "00200", "40100", "80100", "20100", "30100"])
        return ""  # GH: no postcode in use

    def street(self) -> str:
        n = self.r.randint(1, 480)
        st = self.pick(PPL.STREETS[self.region])
        if self.region in ("KE", "GH", "NG") and self.chance(0.4):
            return f"P.O. Box {self.r.randint(10, 9999)}"
        if self.region == "SG":
            return f"Blk {self.r.randint(100, 899)} {st} #{self.r.randint(2, 19):02d}-{self.r.randint(10, 450)}"
        if self.region == "IN":
            return f"{self.r.randint(1, 99)}/{self.r.randint(1, 12)}, {st}"
        if self.region in ("US", "CA") and self.chance(0.2):
            return f"{n} {st} {self.pick(['Apt', 'Unit', '#'])} {self.r.randint(1, 40)}{self.pick(['', 'B', ''])}"
        if self.region in ("AU", "NZ") and self.chance(0.25):
            return f"{self.r.randint(1, 20)}/{n} {st}"
        return f"{n} {st}"

    def town(self) -> str:
        return self.pick(PPL.TOWNS[self.region])

    def address_line(self, n: Note, sep: str = ", ") -> None:
        """Street, town and postcode in the region's order, each as its own span."""
        st, town, z = self.street(), self.town(), self.zip()
        n(("ADDRESS", st), sep, ("LOCATION", town))
        if self.region in ("US", "CA", "AU"):
            n(" ", self.pick(PPL.STATES[self.region]), " ")
        elif z:
            n(" " if self.region in ("UK", "IE", "NZ", "ZA", "SG", "MY", "PH") else " - ")
        if z:
            n(("ZIP", z))

    def hospital(self) -> str:
        return self.pick(PPL.HOSPITALS[self.region])

    # ---------------------------------------------------------------- identifiers
    def mrn(self) -> str:
        g, d = self.region, self.digits
        return self.pick({
            "US": [f"{d(8)}", f"E{d(7)}", f"{d(3)}-{d(2)}-{d(2)}"], "UK": [f"{self.letters(1)}{d(6)}", f"RX{d(7)}"],
            "IE": [f"{d(7)}", f"MRN{d(6)}"], "CA": [f"{d(7)}", f"MR{d(6)}"], "AU": [f"{d(7)}", f"UR{d(6)}"],
            "NZ": [f"{self.letters(3)}{d(4)}"], "IN": [f"UHID{d(9)}", f"{d(4)}/{d(5)}"],
            "ZA": [f"{d(8)}", f"F{d(6)}"], "SG": [f"{d(2)}-{d(7)}"], "NG": [f"{d(2)}/{d(5)}", f"LUTH/{d(6)}"],
            "KE": [f"{d(6)}/{d(2)}", f"IP{d(6)}"], "PH": [f"{d(2)}-{d(6)}", f"HN{d(7)}"],
            "MY": [f"RN{d(7)}", f"{d(8)}"], "GH": [f"KBTH/{d(5)}", f"{d(5)}/{d(2)}"]}[g])

    def national_id(self) -> str:
        g, d = self.region, self.digits
        return {"US": f"{d(3)}-{d(2)}-{d(4)}", "UK": f"{self.letters(2)} {d(2)} {d(2)} {d(2)} {self.pick('ABCD')}",
                "IE": f"{d(7)}{self.letters(1)}{self.pick(['', 'A', 'W'])}", "CA": f"{d(3)} {d(3)} {d(3)}",
                "AU": f"{d(3)} {d(3)} {d(3)}", "NZ": f"{d(3)}-{d(3)}-{d(3)}", "IN": f"{d(4)} {d(4)} {d(4)}",
                "ZA": f"{d(13)}", "SG": f"{self.pick('STFG')}{d(7)}{self.letters(1)}", "NG": d(11),
                "KE": d(8), "PH": f"{d(4)}-{d(4)}-{d(4)}", "MY": f"{d(6)}-{d(2)}-{d(4)}",
                "GH": f"GHA-{d(9)}-{d(1)}"}[g]

    def plan_id(self) -> str:
        g, d = self.region, self.digits
        return self.pick({
            "US": [f"{self.letters(3)}{d(9)}", f"W{d(9)}", f"{d(9)}{self.letters(1)}"],
            "UK": [f"{d(3)} {d(3)} {d(4)}"], "IE": [f"{d(6)}{self.letters(1)}", f"GMS {d(7)}"],
            "CA": [f"{d(4)}-{d(3)}-{d(3)}-{self.letters(2)}", f"{d(4)} {d(3)} {d(3)}"],
            "AU": [f"{d(4)} {d(5)} {d(1)}", f"{d(10)}/{d(1)}"], "NZ": [f"{self.letters(3)}{d(4)}"],
            "IN": [f"{d(2)}-{d(4)}-{d(4)}-{d(4)}", f"{d(10)}"], "ZA": [f"{d(9)}", f"{self.letters(3)}{d(7)}"],
            "SG": [f"{d(9)}{self.letters(1)}"], "NG": [f"NHIA/{d(7)}", f"{d(8)}-{self.letters(1)}"],
            "KE": [f"SHA-{d(9)}", f"{d(8)}"], "PH": [f"{d(2)}-{d(9)}-{d(1)}"], "MY": [f"PK{d(8)}"],
            "GH": [f"{d(8)}", f"NHIS {d(8)}"]}[g])

    def license(self) -> str:
        g, d = self.region, self.digits
        return self.pick({
            "US": [f"{self.letters(1)}{d(5)}", f"MD{d(6)}", f"RN{d(7)}", f"{d(2)}-{d(6)}"],
            "UK": [f"{d(7)}", f"{d(2)}{self.letters(1)}{d(4)}{self.letters(1)}"], "IE": [f"{d(6)}"],
            "CA": [f"{d(5)}", f"CPSO {d(5)}"], "AU": [f"MED{d(10)}", f"NMW{d(10)}"], "NZ": [f"{d(5)}"],
            "IN": [f"KMC {d(5)}", f"{d(5)}/{d(4)}"], "ZA": [f"MP {d(7)}", f"PS {d(7)}"],
            "SG": [f"M{d(5)}{self.letters(1)}"], "NG": [f"MDCN/R/{d(5)}"], "KE": [f"A{d(4)}"],
            "PH": [f"{d(7)}"], "MY": [f"{d(5)}"], "GH": [f"MDC/RN/{d(5)}"]}[g])

    def account(self) -> str:
        d = self.digits
        return self.pick([f"{d(10)}", f"{self.letters(2)}{d(8)}", f"{d(4)}-{d(6)}", f"V{d(9)}", f"{d(12)}"])

    def npi(self) -> str:
        return self.pick("12") + self.digits(9)

    def dea(self) -> str:
        return self.pick("ABFGM") + self.letters(1) + self.digits(7)

    def device(self) -> str:
        d = self.digits
        return self.pick([f"SN{d(8)}", f"{self.letters(3)}-{d(6)}", f"{d(4)}{self.letters(2)}{d(5)}", f"{self.letters(1)}{d(9)}"])

    def accession(self) -> str:
        d = self.digits
        return self.pick([f"{self.letters(1)}{d(2)}-{d(6)}", f"{self.letters(2)}{d(2)}{d(6)}", f"{d(10)}", f"{self.letters(3)}-{d(7)}"])

    def biobank(self) -> str:
        d = self.digits
        return self.pick([f"BB-{d(6)}", f"{self.letters(3)}{d(5)}-{d(2)}", f"BIO{d(7)}", f"{d(2)}-{self.letters(2)}-{d(5)}"])

    def dictation(self) -> str:
        d = self.digits
        return self.pick([f"{d(6)}", f"{d(8)}", f"DX{d(6)}", f"{self.letters(1)}{d(7)}"])

    def photo(self) -> str:
        d = self.digits
        return self.pick([f"IMG_{d(4)}.JPG", f"IMG-{d(8)}-WA{d(4)}.jpg", f"PXL_{d(8)}_{d(9)}.jpg",
                          f"photo_{d(6)}.png", f"FACE-{d(7)}", f"DSC{d(5)}.JPG"])

    def biometric(self) -> str:
        d = self.digits
        return self.pick([f"FP-{d(8)}", f"{self.letters(2)}{d(10)}", f"VP{d(7)}", f"BIO-{self.letters(1)}{d(6)}",
                          f"RT{d(9)}", f"{d(4)}-{d(4)}-{d(4)}-{d(4)}"])

    def plate(self) -> str:
        g, d, L = self.region, self.digits, self.letters
        forms = {"US": [f"{d(1)}{L(3)}{d(3)}", f"{L(3)} {d(4)}", f"{L(3)}-{d(4)}"],
                 "CA": [f"{L(4)} {d(3)}", f"{L(3)} {d(3)}"], "UK": [f"{L(2)}{d(2)} {L(3)}"],
                 "IE": [f"{d(3)}-{self.pick(['D', 'C', 'G', 'L', 'KY'])}-{d(4)}"], "AU": [f"{d(1)}{L(3)}{d(3)}", f"{L(3)}-{d(3)}"],
                 "NZ": [f"{L(3)}{d(3)}"], "IN": [f"{self.pick(['KA', 'MH', 'DL', 'TN'])} {d(2)} {L(2)} {d(4)}"],
                 "ZA": [f"{L(2)} {d(2)} {L(2)} GP", f"CA {d(3)}-{d(3)}"], "SG": [f"S{L(2)}{d(4)}{L(1)}"],
                 "NG": [f"{L(3)}-{d(3)}{L(2)}"], "KE": [f"K{L(2)} {d(3)}{L(1)}"], "PH": [f"{L(3)} {d(4)}"],
                 "MY": [f"W{L(2)} {d(4)}"], "GH": [f"GR {d(4)}-{d(2)}", f"AS {d(4)}-{d(2)}"]}
        if self.chance(0.15):
            return "".join(self.r.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(17))  # a VIN
        return self.pick(forms[g])
