"""Set 10 cast: one note's country, patient, clinicians and relative, and short calls that return marked
identifiers in that country's forms, so a note kind reads as the note it writes.
"""

from __future__ import annotations

import deid_frozen10_ids as I
import deid_frozen10_places as PL
from deid_frozen10_core import P, chance, pick
from deid_frozen10_people import FEMALE, name, person, possessive, relation

CONFOUNDERS = [
    "GCS 15/15", "power 5/5 throughout", "Babinski negative", "Romberg negative", "Parkinson's disease",
    "Hodgkin lymphoma (2016 staging)", "Glasgow-Blatchford 0", "Wells score 1", "CURB-65 = 1", "MMSE 27/30",
    "Apgar 9/10", "Bristol stool type 4", "Epworth 14/24", "Cushingoid", "Crohn's disease", "Addison's",
    "Down syndrome", "Barrett's oesophagus", "Bell's palsy", "Hashimoto thyroiditis", "Graves' disease",
    "Wolff-Parkinson-White", "Mallampati II", "ASA III", "NYHA class II", "Child-Pugh A", "Gleason 3+4=7",
    "BRCA2 variant", "HLA-B*57:01 negative", "CYP2D6 poor metaboliser", "ICD-10 I48.91", "SNOMED 22298006",
    "LOINC 2345-7", "Waterlow 12", "Braden 16", "NEWS2 3", "qSOFA 0", "Rockall 2", "Beers criteria (2023)",
    "KDIGO stage 3a", "Ottawa ankle rules negative", "Lachman's test negative", "McMurray positive",
    "Murphy's sign negative", "Kernig negative", "Homan's sign not elicited", "Dix-Hallpike positive right",
]
BRANDS = ["Eliquis 5 mg BD", "Xarelto 20mg OD", "Lantus 18 units nocte", "Ventolin 2 puffs PRN", "Seretide 250",
          "Keppra 500 mg bd", "Panadol 1 g qid", "Augmentin 625", "Lasix 40mg mane", "Entresto 49/51",
          "Jardiance 10 mg", "Ozempic 0.5 mg weekly", "Tegretol CR 200", "Madopar 62.5", "Clexane 40 mg sc",
          "Dexcom G7", "Medtronic MiniMed 780G", "ResMed AirSense 11", "Omnipod 5", "Zimmer Persona knee"]


class Ctx:
    def __init__(self, rng, region: str):
        self.rng, self.region = rng, region
        self.pt_p = person(rng, region)
        self.docs = [person(rng, region) for _ in range(4)]
        self.rel_p = person(rng, region)
        if chance(rng, 0.6):
            self.rel_p.last = self.pt_p.last
        self.hosp_name = PL.hospital(rng, region, code_ok=False)

    # people
    def make_woman(self):
        for _ in range(50):
            if self.pt_p.first in FEMALE:
                return
            self.pt_p = person(self.rng, self.region)

    def rel_of_sex(self, female: bool):
        """Re-draw the relative until the first name fits a word like 'mother' or 'S/o' (keeps the surname)."""
        last = self.rel_p.last
        for _ in range(50):
            if (self.rel_p.first in FEMALE) == female:
                break
            self.rel_p = person(self.rng, self.region)
        self.rel_p.last = last

    def pt(self, form=None):
        return name(self.rng, self.pt_p, "PATIENT", form)

    def doc(self, i=0, form=None):
        return name(self.rng, self.docs[i % 4], "CLINICIAN", form)

    def rel(self, form=None):
        return name(self.rng, self.rel_p, "RELATIVE", form)

    def pt_poss(self):
        return possessive(self.rng, self.pt_p, "PATIENT")

    def relation(self):
        return relation(self.rng, self.region)

    def other(self, kind="PATIENT", form=None):
        return name(self.rng, person(self.rng, self.region), kind, form)

    # places and dates
    def date(self, style=None, year=None):
        return P("DATE", PL.date(self.rng, self.region, year=year, style=style))

    def sdate(self):
        return P("DATE", PL.short_date(self.rng, self.region))

    def dob(self, old=False):
        return P("DATE", PL.dob(self.rng, self.region, old))

    def year(self):
        return P("YEAR", str(self.rng.randrange(1978, 2026)))

    def age90(self):
        return P("AGE", str(self.rng.randrange(90, 104)))

    def hosp(self, code_ok=True):
        return PL.hospital(self.rng, self.region, code_ok)

    def town(self):
        return PL.town(self.rng, self.region)

    def addr(self, one_line=True, country=False):
        return PL.address(self.rng, self.region, one_line, country)

    def zip(self):
        return P("ZIP", PL.postcode(self.rng, self.region))

    def phone(self):
        return P("PHONE", PL.phone(self.rng, self.region))

    def fax(self):
        return P("FAX", PL.phone(self.rng, self.region))

    # identifiers
    def mrn(self):
        return I.mrn(self.rng, self.region)

    def acct(self):
        return I.account(self.rng)

    def hp(self):
        label, v = I.healthplan(self.rng, self.region)
        return f"{label}: {v}"

    def nat(self):
        label, v = I.national(self.rng, self.region)
        return f"{label} {v}"

    def lic(self):
        label, v = I.license_no(self.rng, self.region)
        return f"{label} {v}"

    def dea(self, i=0):
        return I.dea(self.rng, self.docs[i % 4].last)

    def npi(self):
        return I.npi(self.rng)

    def email(self, who=None, dom=""):
        p = who or self.pt_p
        return I.email(self.rng, f"{p.first.split()[0]}.{p.last}" if chance(self.rng, 0.6) else p.last + p.first[0], dom)

    def url(self, host):
        return I.url(self.rng, host)

    def conf(self, k=1):
        return ", ".join(self.rng.sample(CONFOUNDERS, k))

    def brand(self, k=1):
        return ", ".join(self.rng.sample(BRANDS, k))

    def pick(self, seq):
        return pick(self.rng, seq)

    def chance(self, p):
        return chance(self.rng, p)

    def n(self, a, b):
        return self.rng.randrange(a, b)

    def time(self):
        return f"{self.rng.randrange(0, 24):02d}:{self.rng.choice(['00', '05', '15', '20', '30', '42', '45', '50'])}"

    def sig(self, i=0, creds=None):
        """A signature line in the country's way: US with NPI (and sometimes DEA), elsewhere a licence."""
        who = self.doc(i, self.pick(["full", "init_last", "full_init"]))
        cred = creds or self.pick(["MD", "MBBS", "FRCP", "RN", "DO", "MBChB", "FRACP", "NP"])
        if self.region == "US":
            prescriber = cred in ("MD", "DO", "NP", "MBBS", "MBChB")
            extra = f" | NPI {self.npi()}" + (f" | DEA {self.dea(i)}" if prescriber and self.chance(0.45) else "")
            return f"{who}, {cred}{extra}"
        return f"{who} {cred} ({self.lic()})"

    def prose(self, k=1):
        """k sentences of clinical prose full of look-alikes that are not PHI (eponyms, brands, scores, codes)."""
        return " ".join(self.rng.sample(PROSE, k))


PROSE = [
    "Temperature rose to 38.4 overnight; blood cultures x2 sent.", "Major bleed excluded on CT; Hb stable at 112.",
    "Young-onset type 2 diabetes, HbA1c 71 mmol/mol.", "Discussed with on-call Dr - no change to plan.",
    "Doctor's Orders form updated and re-signed.", "No DR on retinal screening (R0M0).",
    "Bishop score 4, cervix posterior.", "Fox-Fordyce disease noted incidentally in both axillae.",
    "Hope is for discharge home with package of care by Friday.", "Grey-Turner and Cullen signs absent.",
    "Trousseau and Chvostek signs negative; corrected Ca 2.31.", "Known Ehlers-Danlos (hypermobile type).",
    "Allen test normal before ABG from the R radial.", "Trendelenburg gait, Harris hip score 62.",
    "Ranson criteria 2 at 48 h; Glasgow-Imrie 3.", "Sodium 131 on Fortisip compact, SALT review awaited.",
    "Tanner stage 3; BMI on the 91st centile (UK-WHO charts).", "St John's wort stopped - interacts with Sandimmun.",
    "Warfarin held; Beriplex 25 units/kg given as per 2021 BSH guidance.", "Morse falls score 45, bed rails risk assessed.",
    "Neuro registrar bleep 4420 (ACE-III 88/100 noted).", "Reviewed on the Stanford Sleepiness Scale (3/7).",
    "Duke criteria: 1 major, 2 minor - possible endocarditis.", "Rose angina questionnaire negative.",
    "MRC dyspnoea 3; Medical Research Council power grading 4/5 hip flexion.", "Kings Fund checklist v2 used for handover.",
    "Royal Marsden manual used for PICC care (10th ed.).", "Lund and Browder chart: 4% TBSA partial thickness.",
    "ECOG 1; Karnofsky 80.", "Tinel and Phalen positive R wrist; NCS booked.", "PHQ-9 12, GAD-7 9.",
    "ICD-10 F32.1, SNOMED CT 35489007.", "Gene panel: TTN, MYH7, LMNA - no pathogenic variant.",
    "Version 3.2 of the sepsis pathway applied (2024 update).", "Room 12, bed 3 - side room for C. diff precautions.",
]
