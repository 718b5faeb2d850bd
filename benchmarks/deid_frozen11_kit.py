"""Pieces many set-11 notes share: dated spans, address blocks, signatures, clinical filler with
confounders (eponyms, scores, codes, doses, brands) that are not PHI."""

from __future__ import annotations

from deid_frozen11_core import Note, Person, person, pick
from deid_frozen11_places import (HOSPITALS, STREETS, dea, fmt_date, license_no, npi, phone, postcode, town)


def D(n: Note, ymd, style: str = "") -> tuple[str, str]:
    return ("DATE", fmt_date(n.rng, ymd, n.country, style))


def street_line(n: Note) -> str:
    rng = n.rng
    s = pick(rng, STREETS[n.country])
    if n.country in ("UK", "IE", "NZ") and rng.random() < 0.3:
        return f"{pick(rng, ['Flat 2,', 'Rose Cottage,', 'Apt 3,', 'The Old Forge,'])} {rng.randint(1, 88)} {s}"
    if n.country == "IN":
        return f"H.No. {rng.randint(1, 40)}-{rng.randint(1, 300)}, {s}"
    if n.country == "SG":
        return f"Blk {rng.randint(100, 899)} {s} #{rng.randint(2, 19):02d}-{rng.randint(1, 400)}"
    if n.country == "US" and rng.random() < 0.2:
        return f"{rng.randint(10, 9999)} {s} Apt {rng.randint(1, 40)}{rng.choice('ABC')}"
    return f"{rng.randint(1, 2999)} {s}"


def address(n: Note, sep: str = ", ", end: str = "\n") -> None:
    """Street (ADDRESS), town (LOCATION), region (not PHI), postcode (ZIP), as the country writes it."""
    rng, c = n.rng, n.country
    t, region = town(rng, c)
    if c in ("US", "CA", "AU"):
        n.add(("ADDRESS", street_line(n)), sep, ("LOCATION", t), ", " if c != "AU" else " ", region,
              "  " if c == "CA" else " ", ("ZIP", postcode(rng, c)), end)
    elif c in ("UK", "IE"):
        n.add(("ADDRESS", street_line(n)), sep, ("LOCATION", t), sep, ("ZIP", postcode(rng, c)), end)
    elif c in ("IN", "NG", "PH"):
        n.add(("ADDRESS", street_line(n)), sep, ("LOCATION", t), ", ", region, " - " if c == "IN" else " ",
              ("ZIP", postcode(rng, c)), end)
    elif c == "SG":
        n.add(("ADDRESS", street_line(n)), sep, "Singapore ", ("ZIP", postcode(rng, c)), end)
    elif c == "KE":
        n.add("P.O. Box ", ("ADDRESS", str(rng.randint(10, 9999))), "-", ("ZIP", postcode(rng, c)), " ", ("LOCATION", t), end)
    else:  # NZ ZA
        n.add(("ADDRESS", street_line(n)), sep, ("LOCATION", t), " ", ("ZIP", postcode(rng, c)), end)


def hospital(n: Note) -> tuple[str, str]:
    return ("HOSPITAL", pick(n.rng, HOSPITALS[n.country]))


def signature(n: Note, clin: Person, role: str = "", ids: str = "lic") -> None:
    """A sign-off: name (without title), and the registration numbers the country uses."""
    rng = n.rng
    title = "Dr " if n.country != "US" else ""
    n.add(title, ("CLINICIAN", clin.form(rng, "full,init,mid")), (", " + role) if role else "", "\n")
    if "lic" in ids:
        lab = {"UK": "GMC No. ", "IE": "IMC no. ", "CA": "CPSO #", "PH": "PRC Lic. No. ", "KE": "KMPDC Reg. ", "SG": "MCR "}.get(
            n.country, pick(rng, ["Reg. No. ", "Lic# ", "License: ", "Registration "]))
        n.add(lab, ("ID_LICENSE", license_no(rng, n.country)), "\n")
    if "npi" in ids:
        n.add("NPI ", ("ID_NPI", npi(rng)), "\n")
    if "dea" in ids:
        n.add("DEA ", ("ID_DEA", dea(rng)), "\n")
    if "tel" in ids:
        n.add("Tel ", ("PHONE", phone(rng, n.country)), "\n")


# Not PHI: eponyms, scales, devices, codes, gene names, doses and numbers that look like identifiers
FILLER = [
    "GCS 15/15, PEARL, Babinski downgoing bilaterally.",
    "Known Parkinson's disease on Sinemet 25/100 TDS.",
    "Hx Hashimoto thyroiditis, on levothyroxine 100 mcg OD.",
    "Power 5/5 throughout, reflexes 2+ and symmetric.",
    "Murmur 2/6 ESM at LSE, no radiation to carotids.",
    "CHA2DS2-VASc 4, HAS-BLED 2; continue apixaban 5 mg BD.",
    "Wells score 1.5; D-dimer 0.42 mg/L FEU.",
    "Hb 104 g/L, WCC 11.2, plt 356, CRP 48.",
    "Na 131, K 5.4, creat 142 umol/L, eGFR 38.",
    "ICD-10 E11.65; SNOMED 44054006; LOINC 4548-4.",
    "Per 2021 KDIGO guideline, review in 3 months.",
    "Pain 7/10 on arrival, 3/10 after paracetamol 1 g.",
    "Moved to bed 14, Ward 7B (Ainsworth side room 3).",
    "Seen by Physio; Timed Up and Go 19 s, Berg 41/56.",
    "MUST score 2 -> dietitian referral.",
    "Braden 13, Waterlow 18: pressure mattress (Nimbus 4) in place.",
    "BRCA1 negative; MTHFR C677T heterozygous.",
    "Epworth 14/24, STOP-BANG 5.",
    "Apgar 8 at 1 min and 9 at 5 min.",
    "PHQ-9 = 17, GAD-7 = 12.",
    "Glasgow-Blatchford 6, Rockall 3.",
    "Version 4.2.1 of the Doctor's Orders form used.",
    "Hartmann's solution 1 L over 8 h.",
    "Dr. Scholl's insoles advised for metatarsalgia.",
    "Addison's excluded (short Synacthen normal).",
    "Foley 16 Fr inserted 0600, draining 40 mL/h.",
    "Started Ozempic 0.25 mg weekly; HbA1c 71 mmol/mol.",
    "Braxton Hicks only, CTG reactive.",
    "Mallampati 3, Cormack-Lehane grade 2.",
    "Cockcroft-Gault CrCl 41 mL/min.",
    "Level 2 isolation per Policy IC-07 (rev 2023).",
    "Brown-Sequard pattern not present; Romberg negative.",
    "Room 412 bed B; call bell within reach.",
    "Alvarado 7 - surgical review requested.",
    "Bishop score 5 at 40+3.",
    "Hope to step down to Ward 3 tomorrow if stable.",
    "Will review with Major Trauma team in am.",
]


def filler(n: Note, k: int = 1, sep: str = " ") -> None:
    for i, s in enumerate(n.rng.sample(FILLER, k)):
        n.add(s, sep if i < k - 1 else "")


def staff(n: Note) -> Person:
    return person(n.rng, n.country)
