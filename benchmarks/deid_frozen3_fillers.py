"""PHI-free fillers of the frozen set 3: the clinical words that *look* risky to a de-identifier
(drug brands, eponyms, scores such as 5/5, doses, times, weekdays, room numbers, states,
countries, ages under 90, device makers) and so must stay unannotated. ``fill(key, rng)`` returns
the text for a ``{~key}`` placeholder; every list here was checked to hold no PHI under the
guideline in ``deid_make_frozen3``.
"""

from __future__ import annotations

import random

DRUGS = ["Lasix", "Eliquis", "Keppra", "Coumadin", "Xarelto", "Zosyn", "Lovenox", "Norco",
         "Dilaudid", "Ativan", "Haldol", "Seroquel", "Zofran", "Protonix", "Lipitor", "Metformin",
         "Jardiance", "Ozempic", "Humalog", "Lantus", "Synthroid", "Flomax", "Senna", "Colace",
         "Tylenol", "Motrin", "Percocet", "Suboxone", "Narcan", "Zoloft", "Lexapro", "Wellbutrin",
         "Lithium", "Depakote", "Abilify", "Risperdal", "Trazodone", "Ambien", "Prednisone",
         "Augmentin", "Keflex", "Bactrim", "Cipro", "Vancomycin", "Plavix", "Brilinta", "Entresto",
         "Coreg", "Norvasc", "Roxanol", "Levsin", "Marinol", "Ensure", "Miralax", "Duoneb"]
EPONYMS = ["Parkinson disease", "Alzheimer dementia", "Crohn disease", "Hashimoto thyroiditis",
           "Graves disease", "Addison disease", "Cushing syndrome", "Bell palsy", "Guillain-Barre",
           "Barrett esophagus", "Hodgkin lymphoma", "Sjogren syndrome", "Raynaud phenomenon",
           "Wernicke encephalopathy", "Meniere disease", "Paget disease", "Dupuytren contracture",
           "Lou Gehrig disease", "Huntington disease", "Marfan syndrome", "Down syndrome",
           "Baker cyst", "Charcot foot", "Still disease", "Tourette syndrome", "Wilson disease"]
EPONYM_DEVICES = ["Foley catheter", "Jackson-Pratt drain", "Hickman line", "Swan-Ganz catheter",
                  "Blake drain", "Penrose drain", "Mepilex dressing", "Dobhoff tube", "Miami J collar",
                  "Pleurx catheter", "Malecot tube", "Groshong catheter"]
DEVICE_BRANDS = ["Medtronic", "Boston Scientific", "Abbott", "Biotronik", "Tandem", "Omnipod",
                 "Dexcom", "ResMed", "Philips", "Inogen", "Stryker", "Ethicon"]
PAYERS = ["Medicare", "Medicaid", "BCBS", "Aetna", "Cigna", "Humana", "Tricare", "UnitedHealthcare",
          "Harvard Pilgrim", "MassHealth", "Tufts", "Anthem", "Molina", "VA"]
PHARMACIES = ["CVS", "Walgreens", "Rite Aid", "Walmart pharmacy", "Costco pharmacy", "Express Scripts mail order"]
UNITS = ["MICU", "SICU", "4 West", "5 North", "Step-down", "Obs", "PACU", "CCU", "Tele", "Med-Surg 3",
         "Main ED", "Peds ED", "Pod B", "Acute Rehab", "L&D"]
STATES = ["Massachusetts", "NH", "Vermont", "Ohio", "Maine", "NY", "Kentucky", "Michigan", "Texas", "CA"]
COUNTRIES = ["Haiti", "Vietnam", "Nigeria", "Guatemala", "Ireland", "Poland", "India", "Canada", "Brazil"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
            "Mon", "Tues", "Wed", "Thurs", "Fri", "Sat", "Sun"]
COMPLAINTS = ["chest pain", "SOB", "fall", "syncope", "abd pain", "weakness", "fever", "cough",
              "confusion", "HA", "back pain", "N/V", "dizziness", "palpitations", "laceration L hand",
              "rectal bleeding", "SI", "ankle injury", "dysuria", "seizure"]
SYMPTOMS = ["increased fatigue", "poor appetite", "more SOB on exertion", "constipation x3 days",
            "pain 'everywhere'", "swelling in both legs", "trouble sleeping", "dizziness when standing",
            "terminal restlessness overnight", "occasional cough", "no new complaints"]
QUOTES = ["I just want to go home", "my legs feel like jelly", "I haven't slept in days",
          "the voices are quieter now", "I'm fine, my daughter worries", "it hurts when I breathe",
          "can't get comfortable", "I stopped the water pill, it made me pee too much"]


def _vitals(rng: random.Random) -> str:
    return (f"BP {rng.randint(92, 188)}/{rng.randint(48, 104)} HR {rng.randint(52, 128)} "
            f"RR {rng.randint(12, 28)} T {rng.choice(['36.', '37.', '38.'])}{rng.randint(0, 9)} "
            f"SpO2 {rng.randint(86, 100)}% {rng.choice(['RA', '2L NC', '4L', 'RA'])}")


def _time(rng: random.Random) -> str:
    h, m = rng.randint(0, 23), rng.choice([0, 5, 10, 12, 15, 20, 30, 40, 45, 50, 55])
    return rng.choice([f"{h:02d}:{m:02d}", f"{h:02d}{m:02d}", f"{(h % 12) or 12}:{m:02d} {'pm' if h >= 12 else 'am'}",
                       f"{(h % 12) or 12}{'p' if h >= 12 else 'a'}"])


def _dose(rng: random.Random) -> str:
    return rng.choice([f"{rng.choice([2.5, 5, 10, 20, 25, 40, 50, 81, 100, 500])} mg", f"{rng.randint(1, 30)} units",
                       f"{rng.choice([0.5, 1, 2])} mg IV q{rng.choice([4, 6, 8])}h prn", f"{rng.choice([5, 10, 20])} mg PO BID",
                       f"{rng.choice([1, 2])} tab daily", f"{rng.choice([250, 500, 1000])} mL bolus"])


def _labs(rng: random.Random) -> str:
    return (f"Na {rng.randint(126, 146)}, K {rng.randint(30, 58) / 10}, Cr {rng.randint(6, 34) / 10}, "
            f"WBC {rng.randint(30, 210) / 10}, Hgb {rng.randint(70, 160) / 10}, trop <0.01, lactate {rng.randint(8, 40) / 10}")


SIMPLE = {
    "arrival": ["EMS", "private car", "ambulance from SNF", "walk-in", "police", "wheelchair"],
    "duration": ["2 days", "3 hrs", "1 wk", "since last night", "x2 months", "30 min"],
    "esi": ["2", "3", "3", "4", "1"],
    "trigger": ["a viral illness", "missing dialysis", "stopping Lasix", "a long car ride", "a fall on ice"],
    "exam": ["A&Ox3, RRR, lungs CTA b/l, abd soft NT", "alert, oriented x2, irregularly irregular, crackles at bases",
             "GCS 15, PERRL, neck supple, Babinski downgoing", "pale, diaphoretic, Murphy sign positive",
             "Romberg negative, no pronator drift", "2+ pitting edema to knees, JVP 10 cm"],
    "score": ["5/5", "4/5", "4+/5", "5-/5", "3/5 LLE"],
    "ecg": ["NSR 78, no ST changes", "AF RVR 132", "sinus tach, RBBB", "paced rhythm"],
    "mdm": ["low suspicion for ACS, HEART score 3", "concern for sepsis, Wells score 2",
            "NIHSS 0, ABCD2 4", "CURB-65 of 2"],
    "service": ["hospitalist", "cardiology", "general surgery", "neurology", "ortho", "GI", "psychiatry"],
    "plan": ["admit to tele, serial troponins, echo", "IV abx, blood cx x2, lactate recheck",
             "start Eliquis, rate control with diltiazem", "CT A/P, NPO, surgery consult",
             "outpatient MRI, PT referral", "increase Lasix to 40 mg BID, daily weights"],
    "qty": ["30", "12", "20", "60", "90", "7", "14"],
    "surgdx": ["symptomatic cholelithiasis", "L inguinal hernia", "R breast mass", "sigmoid diverticulitis",
               "R hip OA", "appendicitis", "colon adenocarcinoma", "thyroid nodule"],
    "procedure": ["laparoscopic cholecystectomy", "open L inguinal hernia repair with mesh (Lichtenstein)",
                  "R total hip arthroplasty", "Hartmann procedure", "Whipple procedure", "Nissen fundoplication"],
    "position": ["supine", "lithotomy", "L lateral decubitus", "prone"],
    "opbody": ["Pneumoperitoneum established via Hasson technique. Calot triangle dissected.",
               "Incision carried down through Scarpa fascia. Hernia sac reduced.",
               "Kocher incision made. Critical view of safety obtained.", "Posterior approach; Charnley retractor placed."],
    "ebl": ["20", "50", "150", "400", "<10"],
    "bedproc": ["R IJ central line", "paracentesis", "lumbar puncture", "thoracentesis", "arterial line (A-line)", "PEG exchange"],
    "bedbody": ["Seldinger technique under US guidance, 3 lumens flush and draw.", "4 L straw-colored fluid removed; albumin given.",
                "Opening pressure 18 cm H2O, 4 tubes sent.", "Aline placed R radial after Allen test."],
    "psychcc": ["worsening depression with SI", "first-episode psychosis", "alcohol withdrawal", "mania", "panic attacks"],
    "stressor": ["job loss", "a breakup", "her mother's death", "deployment", "eviction"],
    "behavior": ["not sleeping and pacing at night", "giving away belongings", "talking to the TV", "drinking a fifth daily"],
    "job": ["a welder", "a CNA", "a school bus driver", "an accountant", "a line cook", "retired Navy"],
    "mse": ["disheveled, poor eye contact, speech slow, mood 'empty', affect flat, TP linear, denies AH/VH",
            "pressured speech, expansive affect, flight of ideas, grandiose", "calm, cooperative, euthymic, insight fair"],
    "risk": ["moderate; no access to firearms per family", "high; safety plan declined", "low"],
    "cssrs": ["positive (ideation w/o plan)", "negative", "high risk"],
    "psychdx": ["MDD, recurrent, severe", "Bipolar I, current episode manic", "AUD, severe", "GAD", "unspecified psychosis"],
    "psychplan": ["voluntary admission, q15 checks", "IOP referral, safety plan", "CIWA protocol", "labs, EKG, UDS"],
    "pathdx": ["invasive ductal carcinoma, grade 2", "tubular adenoma, no high-grade dysplasia", "chronic cholecystitis",
               "benign follicular nodule (Bethesda II)", "reactive lymph node", "papillary thyroid carcinoma"],
    "gross": ["a 6.2 x 3.1 x 2.0 cm tan-pink fragment", "multiple gray-white cores, 1.2 cm aggregate",
              "a gallbladder 8.5 cm, mucosa velvety", "an ellipse of skin 2.5 cm"],
    "cassettes": ["3", "4", "6", "8", "12"],
    "margin": ["negative, closest 0.3 cm", "positive at deep margin", "not applicable"],
    "stain": ["ER 95% / PR 60% / HER2 1+", "Ki-67 12%", "PAS-D negative", "Congo red negative"],
    "clia": ["22D0654321", "05D2087755"],
    "landmark": ["fire station", "grange hall", "dairy farm", "red barn", "church"],
    "wound": ["3.0 x 2.1 x 0.4 cm, stage 3, no tunneling", "healing, granulation 80%", "unstageable, eschar"],
    "lungs": ["diminished at bases", "clear", "rhonchi RUL"],
    "weight": ["up 2 lb", "stable at 184 lb", "down 3 kg"],
    "hospicedx": ["end-stage COPD", "metastatic pancreatic ca", "CHF NYHA IV", "end-stage dementia", "ALS"],
    "pps": ["30", "40", "20", "50"],
    "intake": ["a few spoons of pudding", "nothing since Tuesday", "half a Boost"],
    "bin": ["610014", "004336", "015581"],
    "discrepancy": ["pt taking metoprolol tartrate not succinate", "Lasix dose differs from list", "duplicate PPI", "none"],
    "subject": ["refill", "test results?", "side effects", "question about my appt", "rash"],
    "portalbody": ["the new pill makes me dizzy.", "can i get a refill of my Eliquis?", "my sugars are running 250s.",
                   "I still have the cough after the Zpak."],
    "phone": ["iPhone", "Android", "Windows PC", "iPad"],
    "reply": ["Dr. reviewed; please hold the med and schedule a visit.", "Refill sent.", "Labs are normal, no change."],
    "protocol": ["Schmitt-Thompson adult chest pain", "fever adult", "UTI female", "headache"],
    "advice": ["ED now", "clinic within 24h", "home care, call back if worse", "911"],
    "ext": ["4471", "2230", "118", "6012"],
    "code": ["Full code", "DNR/DNI", "DNR, comfort focused"],
    "course": ["diuresed 6 L, transitioned to PO Lasix", "treated for CAP with ceftriaxone/azithro", "s/p ORIF R hip, WBAT"],
    "ptdx": ["R TKA", "low back pain", "CVA w/ L hemiparesis", "rotator cuff repair", "Parkinson gait"],
    "ptobj": ["AROM knee 5-95 deg", "SLR x10", "stairs x4 w/ rail", "sit-to-stand x5 in 14 s"],
    "berg": ["38", "44", "51", "29"],
    "tug": ["14", "18.5", "11", "22"],
    "aid": ["RW", "SPC", "quad cane", "no device"],
    "distance": ["150", "300", "75", "500"],
    "ptplan": ["progress closed-chain, add balance", "HEP reviewed", "d/c to HEP next visit"],
    "specialty": ["Cardiology", "Neurology Clinic", "Rheumatology", "Endocrinology", "Hematology/Oncology"],
    "ef": ["35", "55", "60", "25"],
}


def fill(key: str, rng: random.Random) -> str:
    """Text for ``{~key}``; an unknown key raises (a typo in a template must not pass silently)."""
    special = {
        "vitals": _vitals, "time": _time, "dose": _dose, "labs": _labs,
        "pain": lambda r: str(r.randint(0, 10)),
        "room": lambda r: r.choice([f"{r.randint(1, 40)}", f"{r.randint(2, 9)}{r.randint(10, 40)}{r.choice(['', 'A', 'B'])}"]),
        "drug": lambda r: r.choice(DRUGS), "eponym": lambda r: r.choice(EPONYMS),
        "eponymdevice": lambda r: r.choice(EPONYM_DEVICES), "devicebrand": lambda r: r.choice(DEVICE_BRANDS),
        "payer": lambda r: r.choice(PAYERS), "pharmacy": lambda r: r.choice(PHARMACIES),
        "unit": lambda r: r.choice(UNITS), "state": lambda r: r.choice(STATES), "country": lambda r: r.choice(COUNTRIES),
        "weekday": lambda r: r.choice(WEEKDAYS), "complaint": lambda r: r.choice(COMPLAINTS),
        "symptom": lambda r: r.choice(SYMPTOMS), "quote": lambda r: r.choice(QUOTES),
    }
    if key in special:
        return special[key](rng)
    return rng.choice(SIMPLE[key])
