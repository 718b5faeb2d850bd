"""Identifier surrogates of the fifth frozen de-identification set (own formats, some with check digits).

Each function takes a note's ``Gen`` and returns marked text: sometimes a label and the value
("MRN: 0048213"), sometimes the value alone, so a de-identifier cannot rely on the label.
The label words stay outside the span; only the identifier itself is PHI.
"""

from __future__ import annotations

import string

from deid_frozen5_surrogates import Gen, mark

_VIN = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
_UP = string.ascii_uppercase


def _d(g: Gen, n: int) -> str:
    return "".join(str(g.rng.randint(0, 9)) for _ in range(n))


def _labelled(g: Gen, kind: str, labels: tuple[str, ...], value: str, bare: float = 0.3) -> str:
    if g.rng.random() < bare:
        return mark(kind, value)
    return f"{g.rng.choice(labels)} {mark(kind, value)}"


def mrn(g: Gen, bare: float = 0.3) -> str:
    r = g.rng
    value = r.choice((_d(g, 8), f"{_d(g, 3)}-{_d(g, 2)}-{_d(g, 2)}", f"E{_d(g, 7)}", f"{_d(g, 2)}{r.choice(_UP)}{_d(g, 5)}",
                      f"K{_d(g, 6)}", f"000{_d(g, 6)}"))
    return _labelled(g, "ID_MRN", ("MRN", "MRN:", "MR#", "Med Rec #", "Hosp No.", "Unit No:", "CR#"), value, bare)


def service_number(g: Gen) -> str:
    value = g.rng.choice((_d(g, 10), f"{g.rng.choice('RUOEA')}{_d(g, 8)}", f"{_d(g, 3)} {_d(g, 2)} {_d(g, 3)}"))
    return _labelled(g, "ID_MRN", ("service no.", "DoD ID", "EDIPI", "Svc#"), value, 0.15)


def inmate_number(g: Gen) -> str:
    return _labelled(g, "ID_MRN", ("Inmate #", "Booking No.", "DOC#", "ID#"), f"{g.rng.choice('ABKT')}{_d(g, 6)}", 0.1)


def account(g: Gen, bare: float = 0.3) -> str:
    r = g.rng
    value = r.choice((_d(g, 10), f"7000{_d(g, 8)}", f"V{_d(g, 8)}", f"{_d(g, 4)}-{_d(g, 6)}", f"HAR{_d(g, 7)}",
                      f"{g.anchor.year}{r.choice(('CL', 'PA', 'AUTH'))}{_d(g, 6)}"))
    return _labelled(g, "ID_ACCOUNT", ("Acct:", "Acct #", "FIN", "Encounter #", "Visit ID", "Claim no.",
                                       "Ref #", "Billing #", "CSN"), value, bare)


def accession(g: Gen, prefix: str | None = None, bare: float = 0.3) -> str:
    r = g.rng
    yy = g.anchor.year % 100
    p = prefix or r.choice(("S", "SP", "CX", "RAD", "CT", "A", "BB", "FS", "ME", "HLA"))
    value = r.choice((f"{p}{yy}-{_d(g, 5)}", f"{p}-{g.anchor.year}-{_d(g, 6)}", f"{p}{yy}{_d(g, 6)}",
                      f"{g.anchor.strftime('%Y%m%d')}{p}{_d(g, 4)}"))
    return _labelled(g, "ID_ACCESSION", ("Accession:", "Acc#", "Specimen #", "Case No.", "Lab #", "Order/Acc:"),
                     value, bare)


def device(g: Gen, bare: float = 0.2) -> str:
    r = g.rng
    value = r.choice((f"{''.join(r.choice(_UP) for _ in range(3))}{_d(g, 6)}{r.choice(_UP)}", f"{_d(g, 4)}-{_d(g, 4)}-{r.choice(_UP)}{_d(g, 2)}",
                      f"SN{_d(g, 9)}", f"{r.choice(_UP)}{r.choice(_UP)}{_d(g, 7)}", f"{_d(g, 2)}{r.choice(_UP)}{_d(g, 5)}-{_d(g, 2)}"))
    return _labelled(g, "ID_DEVICE", ("serial #", "SN:", "S/N", "serial no.", "Ser#", "device ID"), value, bare)


def plate(g: Gen) -> str:
    r = g.rng
    value = r.choice((f"{r.randint(1, 9)}{''.join(r.choice(_UP) for _ in range(3))}{_d(g, 3)}",
                      f"{''.join(r.choice(_UP) for _ in range(3))}-{_d(g, 4)}", f"{''.join(r.choice(_UP) for _ in range(2))}{_d(g, 2)} {''.join(r.choice(_UP) for _ in range(3))}",
                      f"{_d(g, 3)} {''.join(r.choice(_UP) for _ in range(3))}"))
    return mark("VEHICLE", value)


def vin(g: Gen) -> str:
    return mark("VEHICLE", "".join(g.rng.choice(_VIN) for _ in range(17)))


def photo(g: Gen) -> str:
    r = g.rng
    value = r.choice((f"IMG_{_d(g, 4)}.JPG", f"DP-{g.anchor.strftime('%y%m')}-{_d(g, 4)}", f"P{_d(g, 6)}",
                      f"derm{_d(g, 5)}_{r.choice(('L', 'R', 'C'))}", f"PH{_d(g, 3)}-{r.choice(_UP)}{_d(g, 2)}"))
    return _labelled(g, "ID_PHOTO", ("photo ID", "Photo #", "image id", "clinical photo", "Img:"), value, 0.25)


def dictation(g: Gen) -> str:
    r = g.rng
    value = r.choice((_d(g, 7), f"{_d(g, 5)}-{_d(g, 2)}", f"DJ{_d(g, 6)}", f"{r.choice(_UP)}{_d(g, 8)}"))
    return _labelled(g, "ID_DICTATION", ("Job #:", "Job ID", "Doc#", "Dictation ID:", "Transcription #", "DocID"),
                     value, 0.15)


def licence(g: Gen, kind: str | None = None) -> str:
    r = g.rng
    kind = kind or r.choice(("driver", "medical", "nursing"))
    if g.region == "UK":
        return _labelled(g, "ID_LICENSE", ("GMC", "GMC No.", "NMC PIN"), _d(g, 7), 0.1)
    if g.region == "AU":
        return _labelled(g, "ID_LICENSE", ("AHPRA", "AHPRA no.", "Reg No."), f"{r.choice(('MED', 'NMW'))}{_d(g, 10)}", 0.1)
    if g.region == "CA":
        return _labelled(g, "ID_LICENSE", ("CPSO #", "CPSBC", "CPSA reg.", "licence no."), _d(g, r.choice((5, 6))), 0.1)
    if g.region == "NZ":
        return _labelled(g, "ID_LICENSE", ("MCNZ", "NCNZ", "APC no."), _d(g, r.choice((5, 6))), 0.1)
    if kind == "driver":
        value = r.choice((f"{r.choice(_UP)}{_d(g, 3)}-{_d(g, 4)}-{_d(g, 4)}", f"{r.choice(_UP)}{_d(g, 7)}", _d(g, 9),
                          f"{r.choice(_UP)}{_d(g, 2)}-{_d(g, 3)}-{_d(g, 3)}"))
        return _labelled(g, "ID_LICENSE", ("DL#", "driver's license", "Driver Lic", "DL"), value, 0.1)
    value = r.choice((f"MD.{_d(g, 6)}", f"{r.choice(('A', 'G', 'C'))}{_d(g, 5)}", f"RN{_d(g, 6)}", _d(g, 6)))
    return _labelled(g, "ID_LICENSE", ("Lic#", "License No.", "State lic.", "lic"), value, 0.1)


def biometric(g: Gen) -> str:
    r = g.rng
    value = r.choice((f"VP-{_d(g, 3)}{r.choice(_UP)}-{_d(g, 4)}", f"FP{_d(g, 8)}", f"IRS-{''.join(r.choice('0123456789abcdef') for _ in range(10))}",
                      f"PV{_d(g, 6)}-{r.choice(_UP)}", f"BIO-{_d(g, 4)}-{_d(g, 4)}"))
    label = r.choice(("voiceprint ID", "fingerprint template", "iris scan ID", "palm-vein enrollment",
                      "biometric ID", "retinal scan ref", "LiveScan fingerprint #"))
    return f"{label} {mark('BIOMETRIC', value)}"


def ssn(g: Gen) -> str:
    r = g.rng
    a, b, c = f"{r.randint(100, 665):03d}", f"{r.randint(1, 99):02d}", f"{r.randint(1, 9999):04d}"
    form = r.random()
    if form < 0.2:
        return f"{r.choice(('last 4 SSN', 'SSN last four', 'ss# xxx-xx-'))}{'' if form < 0.07 else ' '}{mark('SSN', c)}"
    value = r.choice((f"{a}-{b}-{c}", f"{a} {b} {c}", f"{a}{b}{c}"))
    return _labelled(g, "SSN", ("SSN", "SSN:", "SS#", "Soc Sec #", "social"), value, 0.25)


def biobank(g: Gen) -> str:
    r = g.rng
    value = r.choice((f"BB-{g.anchor.year}-{_d(g, 5)}", f"GX{_d(g, 4)}-{r.choice(_UP)}", f"DNA{_d(g, 6)}",
                      f"{r.choice(('TB', 'RB'))}{_d(g, 3)}.{_d(g, 3)}", f"BIO{_d(g, 7)}"))
    return _labelled(g, "ID_BIOBANK", ("biobank sample", "Biobank ID", "DNA bank #", "research specimen",
                                       "repository ID"), value, 0.2)


def health_plan(g: Gen) -> str:
    r = g.rng
    if g.region == "UK":
        return _labelled(g, "ID_HEALTHPLAN", ("NHS No:", "NHS number", "NHS#"), nhs_number(g), 0.15)
    if g.region == "CA":
        value = r.choice((f"{_d(g, 4)}-{_d(g, 3)}-{_d(g, 3)}-{r.choice(_UP)}{r.choice(_UP)}", f"{_d(g, 4)} {_d(g, 3)} {_d(g, 3)}",
                          f"{''.join(r.choice(_UP) for _ in range(4))} {_d(g, 4)} {_d(g, 4)}"))
        return _labelled(g, "ID_HEALTHPLAN", ("OHIP", "Health card #", "PHN", "HCN", "RAMQ"), value, 0.15)
    if g.region == "AU":
        return _labelled(g, "ID_HEALTHPLAN", ("Medicare No.", "Medicare #", "Medicare card"),
                         f"{r.randint(2, 6)}{_d(g, 3)} {_d(g, 5)} {r.randint(1, 9)}", 0.15)
    if g.region == "NZ":
        return _labelled(g, "ID_HEALTHPLAN", ("NHI", "NHI:", "NHI number"),
                         "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(3)) + _d(g, 4), 0.1)
    value = r.choice((f"{''.join(r.choice(_UP) for _ in range(3))}{_d(g, 9)}", f"{r.randint(1, 9)}{r.choice(_UP)}{r.choice(_UP)}{_d(g, 1)}-{r.choice(_UP)}{r.choice(_UP)}{_d(g, 1)}-{r.choice(_UP)}{r.choice(_UP)}{_d(g, 2)}",
                      f"{r.choice(_UP)}{r.choice(_UP)}{_d(g, 5)}{r.choice(_UP)}", f"W{_d(g, 9)}", f"{_d(g, 9)}-01"))
    return _labelled(g, "ID_HEALTHPLAN", ("Member ID", "Member #", "Medicaid #", "MBI", "Subscriber ID",
                                          "Ins ID", "Policy #", "TRICARE ID"), value, 0.2)


def nhs_number(g: Gen) -> str:
    """Ten digits with the NHS modulus-11 check digit (a number whose check is 10 is redrawn)."""
    while True:
        body = [g.rng.randint(0, 9) for _ in range(9)]
        check = 11 - sum(d * w for d, w in zip(body, range(10, 1, -1))) % 11
        check = 0 if check == 11 else check
        if check != 10:
            s = "".join(map(str, body)) + str(check)
            return f"{s[:3]} {s[3:6]} {s[6:]}"


def npi(g: Gen) -> str:
    """A ten-digit NPI with a valid Luhn check over the 80840 prefix."""
    body = [g.rng.choice((1, 2))] + [g.rng.randint(0, 9) for _ in range(8)]
    digits = [8, 0, 8, 4, 0] + body
    total = 0
    for i, d in enumerate(reversed(digits)):
        total += sum(divmod(d * 2, 10)) if i % 2 == 0 else d
    check = (10 - total % 10) % 10
    value = "".join(map(str, body)) + str(check)
    return _labelled(g, "ID_NPI", ("NPI", "NPI:", "NPI#", "Prescriber NPI"), value, 0.2)


def dea(g: Gen, surname: str = "") -> str:
    """Two letters and seven digits with the DEA check digit."""
    r = g.rng
    second = (surname[:1].upper() if surname[:1].isalpha() else r.choice(_UP))
    digits = [r.randint(0, 9) for _ in range(6)]
    check = (digits[0] + digits[2] + digits[4] + 2 * (digits[1] + digits[3] + digits[5])) % 10
    value = f"{r.choice('ABFM')}{second}{''.join(map(str, digits))}{check}"
    return _labelled(g, "ID_DEA", ("DEA", "DEA#", "DEA No.", "DEA:"), value, 0.2)
