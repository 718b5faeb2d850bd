"""Set 10 identifiers: record, account, health-plan and national numbers of twelve countries, clinician
licences (DEA and NPI with their check digits), device, sample, accession, dictation, photo, vehicle and
biometric ids, e-mail, web and network addresses. Each returns the identifier marked with its type.
"""

from __future__ import annotations

from deid_frozen10_core import P, chance, pick

UP = "ABCDEFGHJKLMNPRSTUVWXYZ"


def d(rng, n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


def letters(rng, n: int) -> str:
    return "".join(pick(rng, UP) for _ in range(n))


def mrn(rng, region: str) -> str:
    forms = {
        "US": [lambda: d(rng, 8), lambda: f"E{d(rng, 7)}", lambda: f"{d(rng, 3)}-{d(rng, 2)}-{d(rng, 2)}"],
        "UK": [lambda: f"{letters(rng, 1)}{d(rng, 6)}", lambda: f"RX{d(rng, 6)}", lambda: f"{d(rng, 7)}{letters(rng, 1)}"],
        "IE": [lambda: f"{d(rng, 6)}", lambda: f"MRN{d(rng, 7)}"],
        "CA": [lambda: f"{letters(rng, 1)}{d(rng, 7)}", lambda: d(rng, 9)],
        "AU": [lambda: d(rng, 7), lambda: f"{d(rng, 2)}-{d(rng, 2)}-{d(rng, 3)}"],
        "NZ": [lambda: f"{letters(rng, 3)}{d(rng, 4)}"],
        "IN": [lambda: f"{rng.randrange(2019, 2027)}/{d(rng, 6)}", lambda: f"OP-{d(rng, 8)}", lambda: f"UHID {d(rng, 10)}"[5:]],
        "ZA": [lambda: f"{d(rng, 2)}/{d(rng, 6)}", lambda: f"H{d(rng, 8)}"],
        "SG": [lambda: f"{letters(rng, 2)}{d(rng, 7)}"],
        "NG": [lambda: f"{letters(rng, 3)}/{d(rng, 5)}", lambda: d(rng, 6)],
        "KE": [lambda: f"{d(rng, 4)}/{rng.randrange(19, 27)}", lambda: f"IP{d(rng, 6)}"],
        "PH": [lambda: f"{rng.randrange(19, 27)}-{d(rng, 6)}", lambda: f"HRN {d(rng, 7)}"[4:]],
    }[region]
    return P("ID_MRN", pick(rng, forms)())


def account(rng) -> str:
    return P("ID_ACCOUNT", pick(rng, [lambda: d(rng, 10), lambda: f"FIN{d(rng, 8)}", lambda: f"{d(rng, 4)}-{d(rng, 6)}",
                                       lambda: f"V{d(rng, 9)}", lambda: f"INV/{d(rng, 6)}"])())


def healthplan(rng, region: str) -> tuple[str, str]:
    """(label, marked number): the country's health-insurance or national health number."""
    opts = {
        "US": [("Member ID", f"{letters(rng, 3)}{d(rng, 9)}"), ("Medicaid #", f"{d(rng, 8)}{letters(rng, 1)}"),
               ("MBI", f"{rng.randrange(1, 10)}{letters(rng, 1)}{d(rng, 1)}{letters(rng, 1)}-{letters(rng, 1)}{d(rng, 2)}-{letters(rng, 2)}{d(rng, 2)}")],
        "UK": [("NHS No", f"{d(rng, 3)} {d(rng, 3)} {d(rng, 4)}"), ("NHS number", d(rng, 10)),
               ("CHI", f"{rng.randrange(10, 29)}{rng.randrange(10, 13)}{d(rng, 6)}")],
        "IE": [("GMS card", f"{d(rng, 7)}{letters(rng, 1)}"), ("IHI", d(rng, 10))],
        "CA": [("OHIP", f"{d(rng, 4)}-{d(rng, 3)}-{d(rng, 3)}-{letters(rng, 2)}"), ("RAMQ", f"{letters(rng, 4)} {d(rng, 4)} {d(rng, 4)}"),
               ("PHN", f"9{d(rng, 3)} {d(rng, 3)} {d(rng, 3)}")],
        "AU": [("Medicare", f"{rng.randrange(2, 7)}{d(rng, 3)} {d(rng, 5)} {rng.randrange(1, 10)}"), ("DVA file no.", f"N{letters(rng, 1)}{d(rng, 6)}")],
        "NZ": [("NHI", f"{letters(rng, 3)}{d(rng, 4)}")],
        "IN": [("ABHA No.", f"{d(rng, 2)}-{d(rng, 4)}-{d(rng, 4)}-{d(rng, 4)}"), ("PMJAY ID", f"P{letters(rng, 2)}{d(rng, 7)}")],
        "ZA": [("Medical aid no.", f"{d(rng, 9)}"), ("Discovery member", d(rng, 9))],
        "SG": [("MediShield ref", f"MS{d(rng, 8)}")],
        "NG": [("NHIA no.", f"{letters(rng, 3)}/{d(rng, 4)}/{d(rng, 5)}")],
        "KE": [("SHA no.", f"CR{d(rng, 10)}-{d(rng, 1)}"), ("NHIF no.", d(rng, 8))],
        "PH": [("PhilHealth PIN", f"{d(rng, 2)}-{d(rng, 9)}-{d(rng, 1)}")],
    }[region]
    label, num = pick(rng, opts)
    return label, P("ID_HEALTHPLAN", num)


def national(rng, region: str) -> tuple[str, str]:
    """(label, marked number) for the country's personal number (SSN-like)."""
    opts = {
        "US": [("SSN", f"{rng.randrange(100, 899)}-{d(rng, 2)}-{d(rng, 4)}"), ("SS#", f"{rng.randrange(100, 899)} {d(rng, 2)} {d(rng, 4)}")],
        "UK": [("NI No", f"{letters(rng, 2)} {d(rng, 2)} {d(rng, 2)} {d(rng, 2)} {pick(rng, 'ABCD')}")],
        "IE": [("PPSN", f"{d(rng, 7)}{letters(rng, 1)}{pick(rng, ['', 'A', 'W'])}")],
        "CA": [("SIN", f"{d(rng, 3)} {d(rng, 3)} {d(rng, 3)}")],
        "AU": [("TFN", f"{d(rng, 3)} {d(rng, 3)} {d(rng, 3)}")],
        "NZ": [("IRD no.", f"{d(rng, 3)}-{d(rng, 3)}-{d(rng, 3)}")],
        "IN": [("Aadhaar", f"{rng.randrange(2, 10)}{d(rng, 3)} {d(rng, 4)} {d(rng, 4)}")],
        "ZA": [("ID no.", f"{rng.randrange(30, 99)}{rng.randrange(10, 13)}{rng.randrange(10, 29)}{d(rng, 7)}")],
        "SG": [("NRIC", f"{pick(rng, 'ST')}{d(rng, 7)}{letters(rng, 1)}")],
        "NG": [("NIN", d(rng, 11))],
        "KE": [("ID No.", d(rng, 8))],
        "PH": [("PhilSys no.", f"{d(rng, 4)}-{d(rng, 4)}-{d(rng, 4)}-{d(rng, 4)}")],
    }[region]
    label, num = pick(rng, opts)
    return label, P("SSN", num)


def license_no(rng, region: str) -> tuple[str, str]:
    opts = {
        "US": [("Lic #", f"{pick(rng, ['MD', 'RN', 'DO', 'PA'])}{d(rng, 6)}"), ("State license", f"{letters(rng, 1)}{d(rng, 5)}")],
        "UK": [("GMC", d(rng, 7)), ("NMC PIN", f"{d(rng, 2)}{letters(rng, 1)}{d(rng, 4)}{letters(rng, 1)}"), ("HCPC", f"PA{d(rng, 5)}")],
        "IE": [("IMC", d(rng, 6)), ("NMBI PIN", d(rng, 6))],
        "CA": [("CPSO #", d(rng, 5)), ("CMQ", d(rng, 5))],
        "AU": [("AHPRA", f"MED{d(rng, 10)}"), ("AHPRA", f"NMW{d(rng, 10)}")],
        "NZ": [("MCNZ", d(rng, 5)), ("APC no.", d(rng, 6))],
        "IN": [("KMC Reg. No.", d(rng, 5)), ("TCMC Reg", f"{d(rng, 5)}"), ("NMC Reg No.", f"{letters(rng, 2)}-{d(rng, 5)}")],
        "ZA": [("HPCSA", f"MP {d(rng, 7)}"), ("SANC", f"{d(rng, 8)}")],
        "SG": [("MCR", f"M{d(rng, 5)}{letters(rng, 1)}")],
        "NG": [("MDCN", f"{d(rng, 5)}"), ("Folio", f"MDCN/R/{d(rng, 5)}")],
        "KE": [("KMPDC", f"A{d(rng, 4)}")],
        "PH": [("PRC Lic. No.", d(rng, 7)), ("PTR No.", d(rng, 7))],
    }[region]
    label, num = pick(rng, opts)
    return label, P("ID_LICENSE", num)


def dea(rng, surname: str = "") -> str:
    first = pick(rng, "ABFGM")
    second = surname[:1].upper() if surname[:1].isalpha() else pick(rng, UP)
    n = [rng.randrange(10) for _ in range(6)]
    check = (n[0] + n[2] + n[4] + 2 * (n[1] + n[3] + n[5])) % 10
    return P("ID_DEA", f"{first}{second}{''.join(map(str, n))}{check}")


def npi(rng) -> str:
    body = [pick(rng, [1, 2])] + [rng.randrange(10) for _ in range(8)]
    digits = [8, 0, 8, 4, 0] + body
    total = 0
    for i, x in enumerate(reversed(digits)):
        if i % 2 == 0:
            x *= 2
            x = x - 9 if x > 9 else x
        total += x
    check = (10 - total % 10) % 10
    return P("ID_NPI", "".join(map(str, body)) + str(check))


def device(rng, kind: str = "any") -> str:
    forms = {
        "pacer": [lambda: f"PJN{d(rng, 6)}{letters(rng, 1)}", lambda: f"RNE{d(rng, 6)}", lambda: f"{d(rng, 6)}-{d(rng, 3)}"],
        "cpap": [lambda: f"{d(rng, 11)}", lambda: f"SN {d(rng, 4)}{letters(rng, 2)}{d(rng, 4)}"[3:]],
        "pump": [lambda: f"NG{d(rng, 7)}H", lambda: f"{letters(rng, 2)}{d(rng, 8)}"],
        "any": [lambda: f"{letters(rng, 3)}-{d(rng, 6)}", lambda: f"{d(rng, 2)}{letters(rng, 1)}{d(rng, 7)}"],
    }[kind]
    return P("ID_DEVICE", pick(rng, forms)())


def biobank(rng) -> str:
    return P("ID_BIOBANK", pick(rng, [lambda: f"BB{rng.randrange(19, 27)}-{d(rng, 6)}", lambda: f"{letters(rng, 3)}-{d(rng, 4)}-{letters(rng, 1)}{d(rng, 2)}",
                                       lambda: f"DNA{d(rng, 7)}", lambda: f"SR/{d(rng, 5)}/{rng.randrange(1, 9)}"])())


def accession(rng) -> str:
    return P("ID_ACCESSION", pick(rng, [lambda: f"{pick(rng, 'SHCM')}{rng.randrange(19, 27)}-{d(rng, 5)}",
                                         lambda: f"{rng.randrange(19, 27)}{letters(rng, 1)}{d(rng, 7)}",
                                         lambda: f"ACC{d(rng, 9)}", lambda: f"{letters(rng, 2)}{d(rng, 6)}/{rng.randrange(19, 27)}"])())


def dictation(rng) -> str:
    return P("ID_DICTATION", pick(rng, [lambda: d(rng, 7), lambda: f"D{d(rng, 6)}", lambda: f"{d(rng, 5)}-{d(rng, 2)}",
                                         lambda: f"TX/{d(rng, 6)}"])())


def photo(rng) -> str:
    return P("ID_PHOTO", pick(rng, [lambda: f"IMG_{d(rng, 4)}.JPG", lambda: f"DSC{d(rng, 5)}.jpg", lambda: f"CP-{d(rng, 6)}",
                                     lambda: f"face_{d(rng, 6)}.png", lambda: f"PXL_{rng.randrange(2021, 2027)}{d(rng, 4)}_{d(rng, 6)}.jpg"])())


def vehicle(rng, region: str) -> str:
    L = letters
    forms = {
        "US": [lambda: f"{rng.randrange(1, 9)}{L(rng, 3)}{d(rng, 3)}", lambda: f"{L(rng, 3)}-{d(rng, 4)}"],
        "UK": [lambda: f"{L(rng, 2)}{rng.randrange(10, 25)} {L(rng, 3)}", lambda: f"{L(rng, 2)}{rng.randrange(60, 75)}{L(rng, 3)}"],
        "IE": [lambda: f"{rng.randrange(141, 252)}-{pick(rng, ['MO', 'C', 'WH', 'OY', 'CE', 'D'])}-{d(rng, 4)}"],
        "CA": [lambda: f"{L(rng, 4)} {d(rng, 3)}", lambda: f"{d(rng, 3)} {L(rng, 3)}"],
        "AU": [lambda: f"{d(rng, 1)}{L(rng, 3)}{d(rng, 3)}", lambda: f"{L(rng, 3)}-{d(rng, 2)}{L(rng, 1)}"],
        "NZ": [lambda: f"{L(rng, 3)}{d(rng, 3)}"],
        "IN": [lambda: f"{pick(rng, ['KA', 'KL', 'MH', 'RJ', 'WB', 'AP', 'TN'])} {d(rng, 2)} {L(rng, 2)} {d(rng, 4)}"],
        "ZA": [lambda: f"{L(rng, 2)} {d(rng, 2)} {L(rng, 2)} GP", lambda: f"CA {d(rng, 3)}-{d(rng, 3)}"],
        "SG": [lambda: f"S{L(rng, 2)}{d(rng, 4)}{L(rng, 1)}"],
        "NG": [lambda: f"{L(rng, 3)}-{d(rng, 3)}{L(rng, 2)}"],
        "KE": [lambda: f"K{L(rng, 2)} {d(rng, 3)}{L(rng, 1)}"],
        "PH": [lambda: f"{L(rng, 3)} {d(rng, 4)}"],
    }[region]
    if chance(rng, 0.25):
        vin = "".join(pick(rng, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(17))
        return P("VEHICLE", vin)
    return P("VEHICLE", pick(rng, forms)())


def biometric(rng, mode: str = "any") -> str:
    forms = {"finger": [lambda: f"FP-{d(rng, 4)}-{letters(rng, 2)}{d(rng, 2)}", lambda: f"{d(rng, 4)}{letters(rng, 4)}{d(rng, 4)}"],
             "voice": [lambda: f"VP{d(rng, 8)}"], "iris": [lambda: f"IRIS-{letters(rng, 1)}{d(rng, 6)}"],
             "palm-vein": [lambda: f"PV-{d(rng, 7)}"]}
    opts = forms.get(mode) or [f for v in forms.values() for f in v]
    return P("BIOMETRIC", pick(rng, opts)())


def email(rng, who: str, domain_hint: str = "") -> str:
    w = who.lower().replace(" ", ".").replace("'", "").replace("-", "")
    dom = pick(rng, ["gmail.com", "yahoo.co.uk", "outlook.com", "bigpond.com", "rediffmail.com", "xtra.co.nz",
                     "hotmail.com", "icloud.com", "mweb.co.za", "yahoo.com.ph", "proton.me"])
    if domain_hint:
        dom = domain_hint
    return P("EMAIL", f"{w}{pick(rng, ['', d(rng, 2), '_' + d(rng, 3)])}@{dom}")


def url(rng, host: str) -> str:
    return P("URL", pick(rng, [lambda: f"https://{host}/portal/pt/{d(rng, 7)}", lambda: f"www.{host}/r/{letters(rng, 3).lower()}{d(rng, 4)}",
                                lambda: f"https://share.{host}/s/{d(rng, 5)}{letters(rng, 4).lower()}",
                                lambda: f"http://{host}/results?pid={d(rng, 8)}"])())


def ip(rng) -> str:
    if chance(rng, 0.15):
        return P("IP", "2001:db8:" + ":".join(f"{rng.randrange(0, 65535):x}" for _ in range(3)) + "::" + f"{rng.randrange(1, 999):x}")
    first = pick(rng, [10, 172, 192, 81, 41, 103, 196, 203, 49])
    return P("IP", f"{first}.{rng.randrange(0, 256)}.{rng.randrange(0, 256)}.{rng.randrange(1, 255)}")
