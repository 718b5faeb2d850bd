"""Frozen set 4 note styles of procedure and specialty units: dialysis run sheets, oncology infusion,
anaesthesia pre-op records, dental, ophthalmology, sleep-lab reports, wound-care flowsheets.

Each style is a function ``(note, ctx) -> None``; add a style here and list it in `STYLES`.
"""

from __future__ import annotations

from deid_frozen4_surrogates import Ctx, Note


def dialysis(n: Note, c: Ctx) -> None:
    r = c.rng
    n(c.h("dialysis"), r.choice([" - HD RUN SHEET", "\nHemodialysis Treatment Record"]), "\n")
    n("Name: ", c.name(c.pt, "PATIENT", r.choice(["LAST,FIRST", "last_first", "upper"])), "  Tx date ", c.date(0),
      f"  {r.choice(['Mon', 'Wed', 'Fri', 'Tues'])} 2nd shift  Chair {r.randint(1, 24)}\n")
    n(c.lab("Pt ID "), c.ident("ID_MRN"), "   Machine ", r.choice(["Fresenius 2008T", "Phoenix X36", "NxStage"]),
      c.lab(" s/n "), c.ident("ID_DEVICE"), "   station ", str(r.randint(1, 20)), "\n")
    n("Nephrologist: ", c.doc(form=r.choice(["dr_last", "dr_full"])), "   Primary RN: ",
      c.doc(form=r.choice(["initials", "i_last_cred", "lower"]), cred="RN"), "\n\n")
    n(f"Pre wt {r.randint(50, 130)}.{r.randint(0, 9)} kg  EDW {r.randint(50, 120)}.0  UF goal {r.randint(1, 5)}.0 L\n")
    n(f"Pre BP {r.randint(110, 190)}/{r.randint(60, 100)}  HR {r.randint(60, 100)}  T 36.{r.randint(4, 9)}\n")
    n("Access: L ", r.choice(["AVF", "AVG", "TDC (Tenckhoff no - PD cath removed)"]),
      " +thrill/+bruit, 15g needles x2. Qb 400 Qd 600. Bath 2K/2.5Ca.\n")
    n("Heparin 2000u bolus, 1000u/hr. Kt/V last ", c.date(-r.randint(7, 30), "m/d"), f" = 1.{r.randint(1, 6)}.\n")
    n("Tx notes: cramping at 3 h, UF paused, NS 200 mL. Pt ", c.name(c.pt, "PATIENT", "first"),
      " asking about transplant w/u at ", c.h(), "; coordinator ", c.name(c.new_person(), "CLINICIAN", "full"),
      " ", c.phone(), ".\n")
    n("Transport: ", r.choice(["wife", "son", "van service"]), " picks up; ", c.rel(r.choice(["wife", "son", "dtr"])),
      " cell ", c.phone(), ".\n")
    n("Medicare ", r.choice(["MBI", "#"]), " ", c.ident("ID_HEALTHPLAN"), "   Next tx ",
      c.date(2, r.choice(["m/d", "Mon d", "the dth"])), "\n")
    if r.random() < 0.4:
        n("Home HD training start ", c.date(14), "; cycler s/n ", c.ident("ID_DEVICE"), ".\n")
    n("Post wt ", str(r.randint(50, 130)), " kg. Signed ", c.doc(form="initials"), "/", c.doc(form="initials"), "\n")


def onc_infusion(n: Note, c: Ctx) -> None:
    r = c.rng
    regimen = r.choice(["FOLFOX", "AC-T", "carbo/pem/Keytruda", "R-CHOP", "gem/abraxane", "Herceptin maint"])
    n(c.h(r.choice(["donor", "saint", None])), " Infusion Center\nONCOLOGY INFUSION NOTE   ", c.date(0), "\n")
    n("Patient: ", c.name(c.pt, "PATIENT", r.choice(["full", "last_first", "first_mi_last"])), "  MRN ",
      c.ident("ID_MRN"), c.lab("  Enc "), c.ident("ID_ACCOUNT"), "\n")
    n(f"Regimen: {regimen} C{r.randint(1, 12)}D{r.choice([1, 8, 15])}   Chair {r.randint(1, 30)}\n")
    n("Oncologist: ", c.doc(form=r.choice(["dr_full", "dr_last"])), "   Infusion RN: ",
      c.doc(form=r.choice(["full_cred", "i_last_cred"]), cred=r.choice(["RN", "BSN, RN, OCN"])), "\n\n")
    n("Labs ", c.date(-1, "m/d"), ": ANC 2.1, plt 164, Cr 0.9, bili 0.6 - OK to treat per parameters.\n")
    n(f"Ht {r.randint(150, 190)} cm  Wt {r.randint(45, 120)} kg  BSA 1.{r.randint(5, 99):02d}\n")
    n("Port accessed w/ 20g 3/4\" Huber, +blood return. Premeds: Zofran 16 mg, dex 12 mg, Benadryl 25.\n")
    n("Ambulatory pump CADD s/n ", c.ident("ID_DEVICE"), " connected for 46 h 5-FU; disconnect ",
      c.date(2, r.choice(["Month d", "m/d", "the dth"])), " at 1400 by home health.\n")
    n("Tolerated well. No reaction. Pt reports neuropathy grade 1 fingers.\n")
    n("Pt enrolled in tissue banking; research blood drawn, tube id ", c.ident("ID_BIOBANK"), ".\n")
    n(r.choice(["Wife ", "Husband ", "Son "]), c.name(c.new_person(), "RELATIVE", r.choice(["first", "full"])),
      " present, asked re: ", r.choice(["hair loss.", "driving.", "travel to Florida in winter."]), "\n")
    if c.age > 89 or r.random() < 0.2:
        n("Pt ", c.age_text(c.age), " yo, lives with son in ", c.place(), "; wants treatment close to home.\n")
    n("Next: C", str(r.randint(2, 13)), "D1 ", c.date(14), ". Path ", c.ident("ID_ACCESSION"),
      " reviewed at tumor board ", c.date(-10, "m/d/yy"), ".\n")
    n(c.doc(form="i_last_cred", cred="RN"), "  ext ", c.phone(), "\n")


def anesth_preop(n: Note, c: Ctx) -> None:
    r = c.rng
    age = c.age
    n("ANESTHESIA PRE-OPERATIVE EVALUATION\n", c.h(), " - Pre-Admission Testing\n")
    n("Pt: ", c.name(c.pt, "PATIENT", r.choice(["LAST,FIRST", "full", "last_first"])), "   DOB ", c.dob(age),
      c.lab("   MRN "), c.ident("ID_MRN"), "\nSurgery: ",
      r.choice(["lap chole", "R TKA", "TURBT", "L inguinal hernia repair", "CABG x3"]), " on ", c.date(3),
      " with ", c.doc(form="dr_last"), "\n")
    n("Age ", c.age_text(age), "   ASA ", r.choice(["II", "III", "IV"]),
      f"   Wt {r.randint(50, 140)} kg   BMI {r.randint(19, 48)}\n")
    n("PMH: HTN, DM2, OSA on CPAP, AF s/p PPM (", r.choice(["Medtronic", "Boston Sci", "St Jude"]), ", serial ",
      c.ident("ID_DEVICE"), ", last interrogated ", c.date(-r.randint(30, 200)), ").\n")
    n("PSH: appy ", c.year(), "; R hip ", c.year(), " at ", c.h(), " - hx PONV.\n")
    n("Anesthesia hx: pt states \"I woke up during\" a c-scope in ", c.place(), ". Mother ",
      r.choice(["had malignant hyperthermia?", "with pseudocholinesterase def"]), ".\n")
    n("Airway: Mallampati ", r.choice(["II", "III", "IV"]), ", TMD 3 FB, MO 4 cm, full dentition, neck ROM full.\n")
    n("Labs ", c.date(-5, "m/d"), ": Hgb 12.1, K 4.3, Cr 1.1, A1c 7.2. ECG paced 70. Echo EF 50-55%.\n")
    n("Meds: metoprolol 25 bid, Eliquis 5 bid (hold 48 h), Jardiance (hold 3 d), Lantus 30u.\n")
    n("NPO after MN. Plan: GETA, A-line, PPM to asynchronous w/ magnet; rep from device co to call ", c.phone(),
      ".\n")
    n("Consent discussed w/ pt and ", c.rel(r.choice(["daughter", "son", "wife", "husband", "guardian"])), ".\n")
    n(c.doc(form=r.choice(["dr_full", "full_cred", "last_first"])), "  ", c.date(0, "m/d/yy"), " 1530\n")


def dental(n: Note, c: Ctx) -> None:
    r = c.rng
    n(c.h("practice:dental"), "\n", r.choice(["Progress Note", "DENTAL TX NOTE", "Limited exam"]), "  ",
      c.date(0), "\n")
    n("Pt: ", c.name(c.pt, "PATIENT", r.choice(["full", "last_first", "title_last"])), "  Chart# ",
      c.ident("ID_MRN"), "  Ins ", r.choice(["Delta", "MetLife", "Medicaid"]), " ", c.ident("ID_HEALTHPLAN"), "\n")
    n("CC: \"my tooth is killing me\" UL x 3 days. Last cleaning ", c.year(), ".\n")
    n("Med hx: HTN, on lisinopril; allergy PCN (hives). BP 138/84.\n")
    n(f"Clinical: #{r.randint(1, 32)} large MOD caries, percussion +, cold lingering. #{r.randint(1, 32)} "
      f"fx lingual cusp. Perio: 4-5 mm pockets UR. Tooth #14 missing.\n")
    n("Radiographs: PA #", str(r.randint(1, 32)), " + 2 BWX, image ", c.ident("ID_PHOTO"), " and ",
      c.ident("ID_PHOTO"), " - PARL at apex.\n")
    n("Intraoral photos stored ", c.ident("ID_PHOTO"), ".\n")
    n("Dx: symptomatic irreversible pulpitis w/ symptomatic apical periodontitis.\n")
    n("Tx: 2 carp 2% lido 1:100k, IANB; pulpectomy; CaOH; IRM. Rx amox 500 tid x7d, ibuprofen 600.\n")
    n("Referral to ", c.doc(form="dr_last"), " (endo) at ", c.h("practice:dental"), ", fax ", c.phone("FAX"), ".\n")
    n("Rx by ", c.doc(form="dr_full"), " DDS, lic ", c.ident("ID_LICENSE", "dds"), c.lab(", DEA "),
      c.ident("ID_DEA"), "\n")
    n("Pt's mom ", c.name(c.new_person(), "RELATIVE", r.choice(["first", "full"])), " to call ", c.phone(),
      " to schedule.\n" if r.random() < 0.5 else " for post-op check.\n")


def ophtho(n: Note, c: Ctx) -> None:
    r = c.rng
    n(c.h(r.choice(["practice:eye", "town", None])), "  -  Ophthalmology\n")
    n("Patient: ", c.name(c.pt, "PATIENT", r.choice(["full", "LAST,FIRST", "last_first"])), "   DOS ", c.date(0),
      c.lab("   MRN "), c.ident("ID_MRN"), "\n")
    n("CC: blurry vision OS x 2 mo. Hx: POAG OU, DM2 dx ", c.year(), ", cataract surgery OD ",
      c.date(-400, r.choice(["Mon d, yyyy", "mm/dd/yyyy", "d-Mon-yyyy"])), " by ", c.doc(form="dr_last"), ".\n")
    n(f"VA sc: OD 20/{r.choice([20, 25, 30])}  OS 20/{r.choice([40, 60, 80, 200])} PH 20/40\n")
    n(f"IOP (Tonopen): {r.randint(10, 30)}/{r.randint(10, 30)} at 10:42\n")
    n("Pupils: no APD. Marcus Gunn neg. EOM full. CVF full to FC.\n")
    n("SLE: 2+ NS OS, PCIOL OD clear. Wood's lamp n/a. DFE: C/D 0.7/0.8, mild NPDR OU, no CSME.\n")
    n("OCT RNFL (Cirrus, device ", c.ident("ID_DEVICE"), "): thinning inf OS.\n")
    n("Fundus photos ", c.ident("ID_PHOTO"), " (OD) / ", c.ident("ID_PHOTO"), " (OS) uploaded to PACS.\n")
    n("Iris-recognition check-in template ", c.ident("BIOMETRIC", "iris"), " on file (kiosk enrollment).\n")
    n("Imp/Plan: 1. POAG OU - cont latanoprost qhs, add Cosopt OS. 2. Cataract OS visually significant - ",
      "discuss CE/IOL. 3. NPDR - A1c per PCP ", c.doc(form="dr_last"), ".\n")
    n("RTC 6 wk w/ HVF 24-2. Pt's ", r.choice(["husband", "son", "neighbor"]), " ",
      c.name(c.new_person(), "RELATIVE", r.choice(["first", "full"])), " drives.\n")
    n("Scribed by ", c.name(c.new_person(), "CLINICIAN", "full"), " for ", c.doc(form="dr_full"), ".\n")


def sleep_lab(n: Note, c: Ctx) -> None:
    r = c.rng
    ahi = r.randint(3, 80)
    n(c.h(r.choice(["practice:sleep", None])), "\nPOLYSOMNOGRAPHY REPORT - ",
      r.choice(["Diagnostic", "Split-night", "CPAP titration"]), "\n")
    n("Patient: ", c.name(c.pt, "PATIENT", r.choice(["LAST,FIRST", "full", "last_first"])), "  DOB ", c.dob(),
      "  Study #", c.ident("ID_ACCESSION"), "\nStudy date: ", c.date(-r.randint(1, 9)), " (",
      r.choice(["Tuesday", "Thursday", "Saturday"]), " night)\n")
    n("Referring: ", c.doc(form=r.choice(["dr_full", "dr_last"])), "   Tech: ",
      c.doc(form=r.choice(["initials", "full_cred"])), "   Interpreting: ", c.doc(form="dr_full"), "\n\n")
    n(f"Epworth {r.randint(4, 22)}/24. BMI {r.randint(22, 50)}. Neck 17 in.\n")
    n(f"TST 352 min, SE 81%, sleep latency 14 min, REM latency 96 min.\nAHI {ahi}.{r.randint(0, 9)}/h "
      f"(supine {ahi + 10}), RDI {ahi + 4}, SpO2 nadir {r.randint(70, 92)}%, T90 6%.\n")
    n("PLMI 12/h. ECG: NSR w/ occasional PVCs. No parasomnias.\n")
    n("Impression: ", r.choice(["moderate", "severe", "mild"]), " OSA. Recommend APAP 5-15 cm H2O.\n")
    n("Equipment: DME ", c.h("practice:dme"), " delivered ", r.choice(["ResMed AirSense 11", "DreamStation 2"]),
      c.lab(", serial "), c.ident("ID_DEVICE"), ", modem uploads from ", c.ip(), ".\n")
    n("Compliance portal: ", c.url(), "\n")
    if r.random() < 0.5:
        n("Home sleep test device returned ", c.date(-20, "m/d"), c.lab(" s/n "), c.ident("ID_DEVICE"), ".\n")
    n("Pt drives a commercial truck (CDL ", c.ident("ID_LICENSE", "cdl"), "); counseled re drowsy driving.\n")
    n("Electronically signed ", c.date(0, "mm/dd/yyyy"), c.lab(" NPI "), c.ident("ID_NPI"), "\n")


def wound_care(n: Note, c: Ctx) -> None:
    r = c.rng
    n("WOUND CARE FLOWSHEET\n", c.h(r.choice(["nursing", "rehab", None])), "\n")
    n("RESIDENT/PT: ", c.name(c.pt, "PATIENT", r.choice(["LAST,FIRST", "last_first", "full"])), "  RM ",
      f"{r.randint(100, 499)}-{r.choice('AB')}", c.lab("  MR# "), c.ident("ID_MRN"), "\n")
    n("DATE    | SITE | STAGE | L x W x D (CM) | DRAINAGE | PHOTO\n")
    for k in range(r.randint(2, 4)):
        n(c.date(-7 * k, r.choice(["m/d", "mm/dd", "m/d/yy"])), " | ", r.choice(["SACRUM", "L HEEL",
              "R ISCHIUM", "COCCYX"]),
      " | ", r.choice(["3", "4", "UNSTG", "DTI"]),
      f" | {r.randint(1, 9)}.{r.randint(0, 9)} x {r.randint(1, 6)}.{r.randint(0, 9)}"
      f" x 0.{r.randint(1, 9)} | ", r.choice(["SCANT SEROUS", "MOD SEROSANG", "LARGE PURULENT"]), " | ",
      c.ident("ID_PHOTO"), "\n")
    if c.age > 89 or r.random() < 0.3:
        n("AGE ", c.age_text(c.age), ". ")
    n("BRADEN 12. TUNNELING 2 CM AT 12 O'CLOCK. PERIWOUND MACERATED. NO ODOR.\n")
    n("TX: CLEANSE NS, CALCIUM ALGINATE, FOAM BORDER Q DAY + PRN. OFFLOAD Q2H. LAL MATTRESS ORDERED, PUMP SN ",
      c.ident("ID_DEVICE"), ".\n")
    n("WOUND VAC (KCI) TO R ISCHIUM AT 125 MMHG CONT, CANISTER CHANGED ", c.date(-1, "m/d"), ".\n")
    n("CX SENT ", c.date(-2, "m/d"), c.lab(" ACC "), c.ident("ID_ACCESSION"), " - PENDING. ALBUMIN 2.6. DIETITIAN ",
      c.name(c.new_person(), "CLINICIAN", r.choice(["last", "full"])), " CONSULTED.\n")
    n("FAMILY (", c.rel(r.choice(["DTR", "SON", "WIFE", "HUSBAND"])), ") UPDATED BY PHONE ", c.phone(), ".\n")
    n("NEXT MEASURE ", c.date(7, "m/d"), ". WOC RN ", c.doc(form=r.choice(["initials", "full_cred",
      "i_last_cred"]), cred="RN, CWOCN"), "\n")


STYLES = {"dialysis": dialysis, "onc_infusion": onc_infusion, "anesth_preop": anesth_preop, "dental": dental,
          "ophtho": ophtho, "sleep_lab": sleep_lab, "wound_care": wound_care}
