"""Number-shaped surrogates of the eighth frozen set: dates, years, ages over 89, phones, faxes,
e-mails, URLs, IPs, vehicles and the identifiers (record, accession, device, photo, dictation,
licence, biometric, national, biobank, health-plan, NPI, account, DEA numbers).

The formats are this set's own; only public, common shapes (US SSN, NHS 3-3-4, NPI 10 digits, DEA
two letters + seven digits, VIN 17 characters) follow their real layout.
"""

from __future__ import annotations

import datetime as dt

MONTHS = "January February March April May June July August September October November December".split()
_ONES = "zero one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_UP = "ABCDEFGHJKLMNPRSTUVWXYZ"


def _digits(rng, n: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def _letters(rng, n: int) -> str:
    return "".join(rng.choice(_UP) for _ in range(n))


def _ord(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def a_date(rng, lo: int = 2019, hi: int = 2026) -> dt.date:
    return dt.date(rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))


def date_text(rng, d: dt.date, locale: str = "US") -> str:
    """One written form of a date; day-first forms outside the US."""
    mon, m3 = MONTHS[d.month - 1], MONTHS[d.month - 1][:3]
    us = [f"{d.month}/{d.day}/{d.year}", f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}", f"{d.month}/{d.day}",
          f"{mon} {d.day}, {d.year}", f"{m3} {_ord(d.day)}", f"{d.month}-{d.day}-{d.year % 100:02d}"]
    world = [f"{d.day}/{d.month}/{d.year}", f"{d.day:02d}.{d.month:02d}.{d.year}", f"{d.day} {mon} {d.year}",
             f"{_ord(d.day)} of {mon}", f"{d.day}-{m3}-{d.year}", f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
             f"{d.day} {m3.upper()} {d.year}"]
    common = [d.isoformat(), f"{d.day}-{m3}-{d.year}", f"{m3} {d.day}", f"{d.year}{d.month:02d}{d.day:02d}"]
    pool = (us if locale in ("US",) else world) * 2 + common
    return rng.choice(pool)


def date_range(rng, d: dt.date) -> str:
    m3 = MONTHS[d.month - 1][:3]
    end = min(28, d.day + rng.randint(1, 5))
    return rng.choice([f"{d.day}-{end} {m3}", f"{d.month}/{d.day}-{d.month}/{end}", f"{m3} {d.day}-{end}"])


def year_text(rng, y: int) -> str:
    return rng.choice([str(y), str(y), f"'{y % 100:02d}", f"{y % 100:02d}"])


def ordinal(n: int) -> str:
    return _ord(n)


def words(n: int) -> str:
    tens = "twenty thirty forty fifty sixty seventy eighty ninety".split()
    if n >= 100:
        rest = n - 100
        return "one hundred" + ("" if not rest else " and " + words(rest))
    if n < 10:
        return _ONES[n]
    if n < 20:
        return _TEENS[n - 10]
    t, o = divmod(n, 10)
    return tens[t - 2] + ("" if not o else "-" + _ONES[o])


def old_age(rng) -> tuple[str, str, str]:
    """(before, AGE text, after): an age over 89 in digits or words."""
    n = rng.choice([90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 104])
    roll = rng.random()
    if roll < 0.3:
        return "", words(n) if rng.random() < 0.7 else words(n).replace("-", " "), rng.choice(
            ["-year-old", " years old", " year old", " yrs"])
    if roll < 0.5:
        return rng.choice(["aged ", "age ", "Age: "]), str(n), ""
    return "", str(n), rng.choice(["yo", " y/o", "y", " yo", "-year-old", " YO", "F", "M", " yrs"])


def phone(rng, locale: str = "US") -> str:
    if locale in ("US", "CA"):
        a, b, c = rng.randint(201, 989), rng.randint(200, 999), _digits(rng, 4)
        body = rng.choice([f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"+1 {a} {b} {c}", f"{b}-{c}",
                           f"1-{a}-{b}-{c}"])
    elif locale in ("UK", "SCOT"):
        body = rng.choice([f"0{rng.randint(1100, 1999)} {_digits(rng, 6)}", f"07{_digits(rng, 3)} {_digits(rng, 6)}",
                           f"+44 {rng.randint(7100, 7999)} {_digits(rng, 6)}", f"(0{rng.randint(113, 191)}) {_digits(rng, 3)} {_digits(rng, 4)}"])
    elif locale == "IE":
        body = rng.choice([f"+353 8{rng.randint(3, 9)} {_digits(rng, 3)} {_digits(rng, 4)}", f"(0{rng.randint(21, 99)}) {_digits(rng, 3)} {_digits(rng, 4)}"])
    elif locale in ("AU", "NZ"):
        body = rng.choice([f"(0{rng.randint(2, 9)}) {_digits(rng, 4)} {_digits(rng, 4)}", f"04{_digits(rng, 2)} {_digits(rng, 3)} {_digits(rng, 3)}",
                           f"+64 2{rng.randint(1, 9)} {_digits(rng, 3)} {_digits(rng, 4)}", f"+61 4{_digits(rng, 2)} {_digits(rng, 3)} {_digits(rng, 3)}"])
    elif locale == "ZA":
        body = rng.choice([f"+27 8{rng.randint(1, 4)} {_digits(rng, 3)} {_digits(rng, 4)}", f"0{rng.randint(10, 58)} {_digits(rng, 3)} {_digits(rng, 4)}"])
    elif locale == "IN":
        body = rng.choice([f"+91 9{_digits(rng, 4)} {_digits(rng, 5)}", f"0{rng.randint(20, 99)}-{_digits(rng, 8)}"])
    else:
        body = rng.choice([f"+65 6{_digits(rng, 3)} {_digits(rng, 4)}", f"9{_digits(rng, 3)} {_digits(rng, 4)}"])
    if rng.random() < 0.15:
        body += rng.choice([" ext ", " x", " ext. ", " Ext "]) + str(rng.randint(10, 9999))
    return body


def email(rng, first: str, last: str, domain: str | None = None) -> str:
    f, l_ = first.lower().replace(" ", "").replace("'", ""), last.lower().replace(" ", "").replace("'", "")
    local = rng.choice([f"{f}.{l_}", f"{f[0]}{l_}", f"{f}{rng.randint(1, 99)}", f"{l_}.{f[0]}", f"{f}_{l_}{rng.randint(60, 99)}"])
    dom = domain or rng.choice(["mailbox.example.com", "kestrelmail.net", "fastpost.co.uk", "inbox.example.org",
                                "sunnymail.com.au", "webpost.co.nz", "yarrowhealth.org", "nhsmail.example.uk"])
    return f"{local}@{dom}"


def url(rng, slug: str) -> str:
    slug = slug.lower().replace(" ", "").replace("'", "")
    return rng.choice([f"https://www.{slug}.example.org/patients", f"http://{slug}.example.com/portal?id={_digits(rng, 6)}",
                       f"www.{slug}-health.example.net", f"https://portal.{slug}.example.co.uk/login",
                       f"https://t.example.me/{_letters(rng, 3).lower()}{_digits(rng, 4)}"])


def ip(rng) -> str:
    if rng.random() < 0.15:
        return f"2001:db8:{rng.randint(0, 65535):x}::{rng.randint(1, 65535):x}"
    return f"{rng.choice([10, 172, 192, 203, 198])}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def vehicle(rng, locale: str = "US") -> str:
    if rng.random() < 0.3:
        return "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(17))
    if locale in ("UK", "SCOT", "IE"):
        return rng.choice([f"{_letters(rng, 2)}{_digits(rng, 2)} {_letters(rng, 3)}", f"{_digits(rng, 2)}-D-{_digits(rng, 5)}"])
    if locale in ("AU", "NZ", "SG"):
        return rng.choice([f"{_letters(rng, 3)}{_digits(rng, 3)}", f"S{_letters(rng, 2)}{_digits(rng, 4)}{_letters(rng, 1)}"])
    return rng.choice([f"{_digits(rng, 1)}{_letters(rng, 3)}{_digits(rng, 3)}", f"{_letters(rng, 3)}-{_digits(rng, 4)}", f"{_letters(rng, 2)} {_digits(rng, 5)}"])


def healthplan(rng, locale: str = "US") -> str:
    if locale == "UK":
        return rng.choice([f"{_digits(rng, 3)} {_digits(rng, 3)} {_digits(rng, 4)}", _digits(rng, 10)])
    if locale == "SCOT":
        return f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(30, 99)}{_digits(rng, 4)}"
    if locale == "CA":
        return rng.choice([f"{_digits(rng, 4)}-{_digits(rng, 3)}-{_digits(rng, 3)}-{_letters(rng, 2)}", f"{_digits(rng, 4)} {_digits(rng, 3)} {_digits(rng, 3)}"])
    if locale == "AU":
        return f"{_digits(rng, 4)} {_digits(rng, 5)} {rng.randint(1, 9)}"
    if locale == "NZ":
        return f"{_letters(rng, 3)}{_digits(rng, 4)}"
    if locale == "IE":
        return f"GMS {_digits(rng, 6)}{_letters(rng, 1)}"
    return rng.choice([f"{_letters(rng, 3)}{_digits(rng, 9)}", f"W{_digits(rng, 4)}-{_digits(rng, 5)}", f"MBR{_digits(rng, 8)}", f"{_digits(rng, 3)}-{_letters(rng, 2)}-{_digits(rng, 5)}"])


def national_id(rng, locale: str = "US") -> str:
    if locale in ("UK", "SCOT"):
        return f"{_letters(rng, 2)} {_digits(rng, 2)} {_digits(rng, 2)} {_digits(rng, 2)} {rng.choice('ABCD')}"
    if locale == "CA":
        return f"{_digits(rng, 3)} {_digits(rng, 3)} {_digits(rng, 3)}"
    if locale == "ZA":
        return _digits(rng, 13)
    if locale == "IN":
        return f"{_digits(rng, 4)} {_digits(rng, 4)} {_digits(rng, 4)}"
    if locale == "SG":
        return f"{rng.choice('STFG')}{_digits(rng, 7)}{_letters(rng, 1)}"
    if locale == "IE":
        return f"{_digits(rng, 7)}{_letters(rng, 1)}"
    return rng.choice([f"{rng.randint(100, 899)}-{_digits(rng, 2)}-{_digits(rng, 4)}", f"{rng.randint(100, 899)} {_digits(rng, 2)} {_digits(rng, 4)}", f"{rng.randint(100, 899)}{_digits(rng, 6)}"])


def ident(rng, kind: str) -> str:
    """One identifier of a kind: mrn accession device photo dictation license biometric biobank npi account dea."""
    d, L = lambda n: _digits(rng, n), lambda n: _letters(rng, n)  # noqa: E731
    forms = {
        "mrn": [d(7), f"{L(1)}{d(6)}", f"{d(3)}-{d(2)}-{d(2)}", f"RX{d(6)}", f"{d(2)}{L(1)}{d(5)}", f"H{d(7)}"],
        "accession": [f"{L(2)}{d(2)}-{d(5)}", f"ACC{d(8)}", f"{d(2)}S-{d(4)}", f"R{d(9)}", f"CX-{d(2)}-{d(6)}"],
        "device": [f"{L(3)}{d(6)}", f"{L(2)}{d(8)}", f"{d(4)}-{L(1)}{d(5)}", f"PJN{d(6)}H", f"{L(1)}{d(3)}{L(2)}{d(4)}"],
        "photo": [f"IMG_{d(4)}", f"CP-{d(2)}-{d(5)}", f"PH{d(7)}", f"DSC{d(5)}", f"MP/{d(4)}/{d(3)}"],
        "dictation": [f"D{d(7)}", d(6), f"DX-{d(5)}", f"T{d(4)}-{d(3)}", f"VR{d(8)}"],
        "license": [f"{L(1)}{d(7)}", f"{d(7)}", f"RN{d(6)}", f"{L(1)}{d(3)}-{d(3)}-{d(2)}-{d(3)}-{d(1)}", f"{L(5)}{d(6)}{L(2)}{d(1)}{L(2)}", f"MC{d(5)}"],
        "biometric": [f"VP-{d(6)}", f"FP{d(3)}-{L(2)}{d(4)}", f"IRIS{d(7)}", f"BIO-{L(2)}-{d(5)}", f"PV{d(8)}"],
        "biobank": [f"BB{d(2)}-{d(6)}", f"TB/{d(4)}/{L(1)}{d(3)}", f"DNR-{d(5)}", f"SPB{d(7)}", f"{L(3)}-{d(4)}-{L(1)}{d(2)}"],
        "npi": [f"1{d(9)}", f"1{d(9)}"],
        "account": [f"{d(10)}", f"{d(8)}", f"{d(4)}-{d(4)}-{d(2)}", f"V{d(9)}", f"{d(2)}-{d(7)}"],
        "dea": [f"{rng.choice('ABFGM')}{L(1)}{d(7)}"],
    }
    return rng.choice(forms[kind])
