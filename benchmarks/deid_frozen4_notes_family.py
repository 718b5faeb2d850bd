"""Frozen set 4 note styles around births, children and families: obstetric triage, NICU progress,
paediatric well-child visits, social work, chaplain, hospice death summaries, advance directives.

Each style is a function ``(note, ctx) -> None`` that writes one note through `Note`; casing of the
whole note is chosen by the generator. Add a style here and list it in `STYLES`.
"""

from __future__ import annotations

from deid_frozen4_surrogates import Ctx, Note


def ob_triage(n: Note, c: Ctx) -> None:
    r = c.rng
    ga, fob, c.age = r.randint(28, 41), c.new_person(), r.randint(17, 44)
    n("OB TRIAGE NOTE", r.choice(["", " - L&D", "  (Labor & Delivery Triage)"]), "  ", c.h(), "\n")
    n("Pt: ", c.name(c.pt, "PATIENT", r.choice(["last_first", "LAST,FIRST", "full"])), c.lab("   MRN: "),
      c.ident("ID_MRN"),
      "   DOB ", c.dob(), "\n")
    n("Date of service: ", c.date(0), " ", r.choice(["0340", "2215", "1105"]), "   arrived by private vehicle w/ ",
      c.rel(r.choice(["husband", "FOB", "partner", "mom"])), "\n\n")
    n(f"S: {c.age}yo G{r.randint(1, 6)}P{r.randint(0, 4)}0{r.randint(0, 2)}{r.randint(0, 4)} at "
      f"{ga}w{r.randint(0, 6)}d by {r.choice(['LMP', '8wk US', 'IVF dating'])} (LMP ", c.date(-ga * 7),
      ", EDD ", c.date(280 - ga * 7), ") c/o ctx q5-6 min since ~2300, ", r.choice(["+LOF", "?LOF", "no LOF"]),
      ". Denies VB. +FM.\n")
    n("Prenatal care w/ ", c.doc(cred=r.choice(["CNM", "MD", "DO"])), " at ", c.h("practice:ob"),
      "; PNC records faxed from ", c.phone("FAX"), ".\n")
    n("OB hx: C/S in ", c.year(), " for arrest of dilation, SVD ", c.year(), ". GBS ", r.choice(["neg", "pos", "unk"]),
      " (collected ", c.date(-20, "m/d"), "). Rh pos, rubella immune.\n")
    n(f"O: BP {r.randint(100, 150)}/{r.randint(60, 95)}  P {r.randint(70, 110)}  T 98.{r.randint(0, 9)}\n")
    n("FHR baseline 140s, mod var, +accels, no decels - Cat I. Toco ctx q 4-6 min, mild to palp.\n")
    n(f"SVE {r.randint(1, 5)}/{r.choice([50, 70, 80])}/-{r.randint(1, 3)} by ", c.doc(form="initials"),
      f"; Bishop score {r.randint(3, 9)}. Nitrazine neg, fern neg. Leopolds: vertex, EFW 3200g.\n\n")
    n("A/P: early labor vs prodromal. Ambulate 1 hr and recheck. ", c.doc(form="dr_last"), " on call (pgr ",
      c.phone(), ") aware and agrees.\n")
    n("FOB ", c.name(fob, "RELATIVE", r.choice(["full", "first", "lower"])), " at bedside, asking about tubal. ",
      "Pt prefers to be called ", c.name(c.pt, "PATIENT", "nick"), ".\n")
    if r.random() < 0.5:
        n("Transfer considered to ", c.h(), " (", c.place(), ") if <34 wk - not indicated.\n")
    n("-- ", c.doc(cred=r.choice(["RN", "CNM", "MD"])), "  ", c.date(0), " 0415\n")


def nicu(n: Note, c: Ctx) -> None:
    r = c.rng
    mom, dad, c.age = c.new_person(), c.new_person(), 0
    mom.last = c.pt.last
    n("NICU DAILY PROGRESS NOTE   DOL ", str(r.randint(1, 60)), "\n")
    n(r.choice(["Baby Boy ", "Baby Girl ", "Twin A ", "BB "]), c.name(c.pt, "PATIENT", "last"),
      r.choice([" (", "  aka "]), c.name(c.pt, "PATIENT", "first"), r.choice([")", ""]), "   MRN ",
      c.ident("ID_MRN"), c.lab("   Mother's MRN "), c.ident("ID_MRN"), "\n")
    n("Born ", c.date(-r.randint(1, 40)), " at ", c.h(), ", transferred from ", c.h(), " in ", c.place(),
      " on DOL 1.\n")
    n(f"GA at birth {r.randint(24, 36)} 3/7 wk, BW {r.randint(600, 2600)} g. Apgars {r.randint(1, 7)}/"
      f"{r.randint(5, 9)}. CGA now {r.randint(30, 40)} 1/7.\n\n")
    n("RESP: on NIPPV 18/6, FiO2 0.25-0.30. Caffeine. No A/B/D overnight x2.\n")
    n("FEN: TF 150 mL/kg/d, EBM 24 kcal via NG, tol well. Wt ", str(r.randint(700, 3000)), " g (+20).\n")
    n("ID: blood cx from ", c.date(-3, "m/d"), " NGTD, acc# ", c.ident("ID_ACCESSION"), ".\n")
    n("NEURO: HUS ", c.date(-7, "m/d"), ": no IVH. Next HUS ", c.date(r.randint(3, 20), "the dth"), ".\n")
    n("HEME: bili 8.2, below light level.\n\n")
    n("SOCIAL: Mom ", c.name(mom, "RELATIVE", r.choice(["first", "full", "lower"])), " visited ",
      r.choice(["last evening", "this am", "Sunday"]), ", doing skin-to-skin. Dad ",
      c.name(dad, "RELATIVE", r.choice(["full", "first", "upper"])),
      " works nights, calls in. Parents live in ", c.place(), ", about 2 h away; staying at ",
      r.choice(["the family house", "a motel nearby", "with MGM"]), ".\n")
    n("Mom's cell ", c.phone(), ". ", r.choice(["Grandmother ", "Maternal aunt ", "MGM "]),
      c.name(c.new_person(), "RELATIVE", "full"), " also on visitor list.\n")
    n("Plan: wean FiO2 as tol, advance feeds, eye exam ", c.date(r.randint(2, 9), "Mon d"), ".\n")
    n("Discussed w/ ", c.doc(form="dr_last"), " (neonatology) and ", c.doc(form="full_cred"), ".\n")


def peds_clinic(n: Note, c: Ctx) -> None:
    r = c.rng
    age = c.age = r.randint(1, 16)
    n(c.h("practice:peds"), "\n", r.choice(["WELL CHILD VISIT", "Well-child check", "4 yr WCC"]), " - ",
      c.date(0), "\n")
    n("Patient: ", c.name(c.pt, "PATIENT", r.choice(["full", "last_first", "first_mi_last"])), "  DOB: ",
      c.dob(age), c.lab("  Acct "), c.ident("ID_ACCOUNT"), "\n")
    n("Accompanied by ", c.rel(r.choice(["mom", "dad", "guardian", "grandmother", "foster mom"])), ".\n")
    n("Insurance: ", r.choice(["Medicaid", "CHIP", "BCBS", "Tricare"]), c.lab(" member # "),
      c.ident("ID_HEALTHPLAN"), "\n\n")
    n("Interval hx: ", c.name(c.pt, "PATIENT", r.choice(["first", "nick", "lower"])),
      " doing well in ", r.choice(["2nd grade", "pre-K", "8th grade"]), ". Mom worried re: snoring and ",
      r.choice(["picky eating", "screen time", "bedwetting"]), ". Seen at ", c.h(), " ED on ", c.date(-40),
      " for croup, given Decadron.\n")
    n("Diet: whole milk 16 oz/d. Sleep: 9 h. Dental home: ", c.h("practice:dental"), ".\n")
    n(f"Growth: wt {r.randint(10, 60)} kg ({r.randint(5, 95)}th %ile), ht {r.randint(75, 170)} cm. BMI 50th %ile.\n")
    n("Dev: meets milestones. Vision 20/25 OU, hearing pass.\n")
    n("Exam: nl. Tanner I. Tonsils 2+. No Koplik spots, no murmur.\n\n")
    n("Vaccines today: DTaP-IPV lot ", f"{r.choice('ABCDK')}{r.randint(100, 999)}{r.choice('XYZ')}",
      ", MMRV, flu. VIS given. Next due at ", r.choice(["5 yr", "11 yr"]), ".\n")
    n("Plan: f/u 1 yr; sleep study referral to ", c.h("practice:sleep"), ". Call ", c.phone(), " w/ questions.\n")
    n("School form faxed to ", r.choice(["school nurse", "daycare"]), " at ", c.phone("FAX"), ".\n")
    n(c.doc(form=r.choice(["full_cred", "i_last_cred", "lower"]), cred=r.choice(["MD", "NP", "PA-C"])), "\n")


def social_work(n: Note, c: Ctx) -> None:
    r = c.rng
    n("SOCIAL WORK ASSESSMENT\n", r.choice(["", "Unit: 5 North   "]), "Date: ", c.date(0), "\n")
    n("Pt: ", c.name(c.pt, "PATIENT", r.choice(["LAST,FIRST", "full", "last_first"])), ", ", str(r.randint(20, 88)),
      "yo, MRN ", c.ident("ID_MRN"), "\n\n")
    n("Referral: ", c.doc(form="dr_last"), " re: housing insecurity and transport to dialysis.\n")
    if r.random() < 0.3:
        n("Living situation: pt lives alone")
    else:
        n("Living situation: pt lives with ", c.rel(r.choice(["boyfriend", "dtr", "son", "sister"])))
    n(" at ", c.address(), ". Lease ends ", c.date(r.randint(5, 40), "Month dth"), ".\n")
    n("Pt has been sleeping in vehicle (", r.choice(["old Honda Civic", "gray minivan", "pickup"]), ", plate ",
      c.ident("VEHICLE", "plate"), ") since ", c.year(back=0) if r.random() < 0.3 else c.date(-60, "Month d"), ".\n")
    n("Supports: ", c.rel(), "; ", c.rel(), " (", c.phone(), ").\n")
    n("Income: SSDI; SSN on file ", c.ident("SSN"), " verified for benefits application.\n")
    n("Insurance: ", r.choice(["Medicaid MCO", "Medicare + Medicaid"]), c.lab(" ID "), c.ident("ID_HEALTHPLAN"), ".\n")
    n("Grew up in ", c.place(), "; moved to ", c.place(), " in ", c.year(), ".\n\n")
    n("Plan:\n1. Referral to ", r.choice(["county housing authority", "Salvation Army shelter"]), " in ", c.place(),
      "\n2. Medicaid transport set up, confirmation ", c.ident("ID_ACCOUNT"), "\n")
    n("3. Pt to email documents to ", c.email(), "\n4. SW to f/u ", r.choice(["Monday", "Thursday", "tomorrow"]),
      ".\n")
    n(c.doc(form=r.choice(["full_cred", "lower", "last_first"]), cred=r.choice(["LCSW", "LMSW", "MSW"])), "  ",
      c.phone(), "\n")


def chaplain(n: Note, c: Ctx) -> None:
    r = c.rng
    n("Spiritual Care Note - ", c.date(0, r.choice(["Month dth", "mm/dd/yyyy", "d Month yyyy"])), "\n")
    n("Visit requested by ", c.doc(form="full_cred"), " for ", c.name(c.pt, "PATIENT", r.choice(["title_last",
      "full"])),
      " (rm ", str(r.randint(200, 980)), *([", the ", c.h("pavilion")] if r.random() < 0.5 else []), ").\n\n")
    n("Met pt and ", c.rel(r.choice(["wife", "husband", "daughter", "son"])), " at bedside. ",
      c.name(c.pt, "PATIENT", r.choice(["first", "nick", "title_last"])),
      " shared that ", r.choice(["she", "he"]), " was raised ",
      r.choice(["Baptist", "Catholic", "Methodist", "Muslim", "Buddhist"]),
      " in ", c.place(), " and has not been to services since ", c.year(), ".\n")
    n("Expressed hope of going home to see the grandchildren; family is feeling joy and grief together. ",
      "Pt asked for prayer and the Sacrament of the Sick.\n")
    n(c.rel(r.choice(["Son", "Daughter", "Nephew"])), " is flying in from ", c.place(), " ",
      c.date(2, r.choice(["the dth", "Month d", "m/d"])), ".\n")
    if c.age > 89:
        n("Pt is ", c.age_text(c.age), " years old and \"ready when the Lord is.\"\n")
    else:
        n("Pt states she is \"at peace\".\n")
    n("Interventions: presence, life review, prayer. Will follow ", r.choice(["daily", "Tuesday and Friday"]),
      ".\nChaplain ", c.name(c.new_person(), "CLINICIAN", r.choice(["full", "first"])),
      ", M.Div.  pager ", c.phone(), "\n")


def hospice_death(n: Note, c: Ctx) -> None:
    r = c.rng
    n("HOSPICE DEATH SUMMARY\n", c.h(r.choice(["practice:hospice", None])), "\n")
    n("Patient: ", c.name(c.pt, "PATIENT", r.choice(["last_first", "LAST,FIRST"])), "   Hospice ID ",
      c.ident("ID_MRN"), "\n")
    n("Age: ", c.age_text(c.age), "   Primary dx: ",
      r.choice(["metastatic pancreatic ca", "end stage COPD", "ALS", "Parkinson's disease", "CHF NYHA IV"]), "\n")
    n("Admitted to hospice ", c.date(-r.randint(3, 120)), " from ", c.h(), ".\n")
    n("Date/time of death: ", c.date(0), " at ", r.choice(["0312", "1745", "2250"]), "\n")
    n("Place of death: home, ", c.address(one_line=True), "\n\n")
    n("Narrative: RN called to home by ", c.rel(r.choice(["wife", "husband", "daughter", "son", "caregiver"])),
      " at ", r.choice(["0240", "0400"]), ". On arrival pt without resp, no apical pulse x 1 min, pupils fixed. ",
      "Death pronounced by RN ", c.name(c.new_person(), "CLINICIAN", r.choice(["full", "i_last"])), ".\n")
    n("Family present: ", c.rel(), ", ", c.rel(), ". Family declined autopsy.\n")
    n("Attending ", c.doc(form=r.choice(["dr_full", "dr_last"])), " notified at ", r.choice(["0330", "0415"]),
      " (", c.phone(), ").\n")
    n("Funeral home notified; body released at 0540. Meds destroyed w/ witness ",
      c.name(c.new_person(), "RELATIVE", "full"), ": morphine 20mg/mL 12 mL, lorazepam 2mg x 14.\n")
    n("Bereavement: ", c.rel(r.choice(["widow", "daughter", "son"])), " enrolled in 13-month bereavement program;",
      " letters to ", c.address(), ".\n")
    n("-- ", c.doc(cred=r.choice(["RN", "RN, CHPN", "MD"])), "\n")


def advance_directive(n: Note, c: Ctx) -> None:
    r = c.rng
    agent = c.new_person()
    n("Goals of Care / POLST Discussion  ", c.date(0), "\n")
    n(c.name(c.pt, "PATIENT", r.choice(["full", "LAST,FIRST", "last_first"])), " | ", c.ident("ID_MRN"), " | ",
      c.h(), "\n\n")
    n("Present: pt, ", c.rel("health care agent", agent), ", ", c.doc(form="full_cred", cred=r.choice(["MD",
      "NP", "DO"])), " (palliative), ",
      "interpreter ", r.choice(["(Spanish, in person)", "via phone line", "(Vietnamese)"]), ".\n")
    n("Pt ", r.choice(["is", "was"]), " ", c.age_text(c.age),
      r.choice([" y/o", " years old", "yo"]), ", lives in ", c.place(), ". Wishes documented:\n")
    n("  - CPR: no   - Intubation: no   - Artificial nutrition: trial only\n")
    n("  - Pt does not want to return to ", c.h("nursing"), " where she stayed in ", c.year(), ".\n")
    n("HCPOA: ", c.name(agent, "RELATIVE", r.choice(["full", "last_first", "upper"])), ", phone ", c.phone(),
      ", alternate ", c.rel(), ".\n")
    n("Witness 1: ", c.name(c.new_person(), "RELATIVE", "full"), "   Witness 2: ",
      c.name(c.new_person(), "CLINICIAN", "full"), " (RN)\n")
    n("Notarized ", c.date(r.randint(0, 3), "m/d/yy"), ", notary commission ", c.ident("ID_LICENSE", "notary"), ".\n")
    n("Copy scanned to chart; POLST form faxed to ", c.h("practice:primary"), " fax ", c.phone("FAX"), ".\n")
    n(c.doc(form=r.choice(["dr_full", "full_cred"])), "\n")


STYLES = {"ob_triage": ob_triage, "nicu": nicu, "peds_clinic": peds_clinic, "social_work": social_work,
          "chaplain": chaplain, "hospice_death": hospice_death, "advance_directive": advance_directive}
