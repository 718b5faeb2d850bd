"""Set 14, kinds B: letters, diaries and registers written by people (ICU diaries, birth plans, prenatal and
cytogenetic results, semen analysis, PrEP and lithium clinics, quit-smoking calls, tribunal and capacity
reports, cremation forms, repatriation cases, change-of-details forms, ocularist records)."""

from __future__ import annotations

import deid_frozen14_people as PPL
from deid_frozen14_core import Ctx, Note


def _t(c: Ctx) -> str:
    return f"{c.r.randint(0, 23):02d}:{c.r.randint(0, 59):02d}"


def _sign_letter(c: Ctx, n: Note, doc) -> None:
    n("\n\nYours sincerely,\n\n", ("CLINICIAN", c.name(doc, "fl")), "\n", c.pick(["Consultant", "Specialty Registrar", "Attending"]))
    if c.region == "US":
        n("  NPI ", ("ID_NPI", c.npi()))
    else:
        n("  Reg. no. ", ("ID_LICENSE", c.license()))
    n("\nTel ", ("PHONE", c.phone()), "  Fax ", ("FAX", c.phone()), "\n")
    if c.chance(0.95):
        n(c.pick(["D: ", "Dict: ", "Job no. "]), ("ID_DICTATION", c.dictation()), "  T: ", ("DATE", c.date(style="short")), "\n")


def icu_diary(c: Ctx, n: Note) -> None:
    p = c.person()
    wife, son, nurse = c.person(sex="F"), c.person(), c.staff()
    pf = c.pick([p[0], p[0], PPL.nick(p[0]) or p[0]])
    ds = c.seq(3, "long", (1, 4))
    n("ICU DIARY - ", ("PATIENT", c.name(p, "fl")), "\n(kept by family and staff, given to the patient at discharge)\n\n")
    n(("DATE", ds[0]), "\n", "Dear ", ("PATIENT", pf), ", you came in by helicopter from ",
      ("LOCATION", c.town()), " last night after the crash. The nurses say you are 'sleeping' on a machine that breathes for you. "
      "I sat with you all afternoon and read you the football scores. Love, ", ("RELATIVE", wife[0]), " xx\n\n")
    n(("DATE", ds[1]), "\n", "Hello ", ("PATIENT", pf), ", my name is ", ("CLINICIAN", nurse[0]),
      " and I am your nurse today. We turned you onto your tummy (proning) to help your lungs; your oxygen is better. "
      "It is raining outside and the car park is full. - ", ("CLINICIAN", c.name(nurse, "ini")), "\n\n")
    n(("DATE", ds[2]), " - it's me, ", ("RELATIVE", son[0]), ". I drove up from ", ("LOCATION", c.town()),
      " with Nan (she is ", ("AGE", c.old_age()) if c.chance(0.5) else "nearly 80", " and still bossing everyone). "
      "Dr ", ("CLINICIAN", c.staff()[1]), " said the tracheostomy went well. The dog misses you.\n\n")
    if c.chance(0.6):
        n("Photo of you with the signed shirt from the team stuck in here: ", ("ID_PHOTO", c.photo()), "\n\n")
    n(c.pick(["Tuesday", "Friday", "Sunday"]), " - you opened your eyes and squeezed my hand!! The physio ",
      ("CLINICIAN", c.staff()[0]), " sat you on the edge of the bed. You tried to talk but the valve wasn't in yet. ",
      "We are all so proud of you. ", ("RELATIVE", wife[0]), "\n")


def birth_plan(c: Ctx, n: Note) -> None:
    p, partner, mw = c.person(sex="F"), c.person(), c.staff()
    n("MY BIRTH PLAN\n\nName: ", ("PATIENT", c.name(p, "fl")), "     EDD: ", ("DATE", c.date(c.ymd(2026, 2026))),
      "\nHospital no: ", ("ID_MRN", c.mrn()), "\nBirth partner: ", ("RELATIVE", c.name(partner, "fl")), " (",
      c.pick(["husband", "partner", "my sister", "wife"]), ") - mob ", ("PHONE", c.phone()), "\n")
    n("Midwife: ", ("CLINICIAN", c.name(mw, c.pick(["f", "fl"]))), " at ", ("HOSPITAL", c.hospital()), "\n\n")
    n("- I would like to labour in water if possible and use gas & air before anything else\n"
      "- Please no students in the room (sorry!)\n- Delayed cord clamping, and ", ("RELATIVE", partner[0]),
      " would like to cut the cord\n- Skin to skin straight away, I plan to breastfeed\n"
      "- Vitamin K: injection is fine\n- If induction is offered (Bishop score permitting) I would prefer a balloon first\n- If I need a c-section I would like the screen lowered\n")
    n("- My first baby was born at ", ("HOSPITAL", c.hospital()),
      " in ", ("YEAR", c.year()), " by ventouse and I had a 3rd degree tear, so I would like to talk about that\n")
    if c.chance(0.5):
        n("- My mum ", ("RELATIVE", c.name(c.person(sex="F"), "fl")), " may come but only if I say so\n")
    n("\nDiscussed with ", ("CLINICIAN", c.name(mw, "il")), " RM on ", ("DATE", c.date()), " at 36/40.\n")


def nipt_result(c: Ctx, n: Note) -> None:
    p, doc = c.person(sex="F"), c.staff()
    n(("HOSPITAL", c.hospital()), " - Fetal Medicine\n\nNON-INVASIVE PRENATAL TEST (cfDNA) RESULT\n\n")
    n("Patient: ", ("PATIENT", c.name(p, c.pick(["Lf", "fl"]))), "   DOB ", ("DATE", c.date(c.ymd(1982, 2004), "num")),
      "   ID ", ("ID_MRN", c.mrn()), "\nSample collected ", ("DATE", c.date()), "  accession ", ("ID_ACCESSION", c.accession()),
      "\nGestation at sampling 11+4, singleton, fetal fraction 9.2%\n\n")
    n("Trisomy 21: LOW RISK (< 1/10000)\nTrisomy 18: LOW RISK\nTrisomy 13: LOW RISK\nSex chromosomes: not requested\n\n")
    n("Dear Dr ", ("CLINICIAN", c.staff()[1]), ",\nYour patient ", ("PATIENT", p[0]), " has a low-chance result. A low-chance "
      "result does not exclude all chromosomal conditions; the 20-week anomaly scan is still recommended. "
      "Results can be viewed at ", ("URL", c.url("results")), ".\n")
    if c.chance(0.9):
        n("Residual plasma retained for research with consent: ", ("ID_BIOBANK", c.biobank()), "\n")
    _sign_letter(c, n, doc)


KARYO = [("recurrent miscarriage x3", "peripheral blood (lithium heparin)", "46,XX,t(11;22)(q23;q11.2)", (1984, 1998)),
         ("?Turner syndrome, short stature", "peripheral blood (lithium heparin)", "45,X[18]/46,XX[12]", (2012, 2019)),
         ("CML follow-up on imatinib", "bone marrow aspirate", "46,XY,t(9;22)(q34;q11.2)[20]; FISH BCR::ABL1 see separate report",
          (1950, 1980)),
         ("developmental delay, dysmorphism", "peripheral blood (lithium heparin)", "46,XY normal male karyotype", (2016, 2022))]


def karyotype_report(c: Ctx, n: Note) -> None:
    p, sci = c.person(), c.staff()
    why, spec, res, dob = c.pick(KARYO)
    n("CYTOGENETICS LABORATORY REPORT\n", ("HOSPITAL", c.hospital()), "\n\n")
    n("Name: ", ("PATIENT", c.name(p, "Lf")), "   DOB: ", ("DATE", c.date(c.ymd(*dob), "num")), "   Lab no: ",
      ("ID_ACCESSION", c.accession()), "\nReferred by: Dr ", ("CLINICIAN", c.name(c.staff(), "il")), "   Received: ",
      ("DATE", c.date()), "\nSpecimen: ", spec, "\n\n")
    n("Reason for referral: ", why, "\n")
    n("Result: ", res, "\nBand level 550. 20 metaphases analysed.\n\n")
    n("Interpretation: partner testing (", ("RELATIVE", c.name(c.person(), "fl")), ") is offered. Genetic counselling via ",
      ("CLINICIAN", c.name(c.staff(), "fl")), ".\n")
    n("Billing acct ", ("ID_ACCOUNT", c.account()), "   lab fax ", ("FAX", c.phone()), "\n")
    if c.chance(0.95):
        n("DNA stored: ", ("ID_BIOBANK", c.biobank()), "\n")
    n("Reported by ", ("CLINICIAN", c.name(sci, "fl")), " (Clinical Scientist) ", ("DATE", c.date(style="num")), "\n")


def semen_analysis_pv(c: Ctx, n: Note) -> None:
    p = c.person(sex="M")
    n("POST-VASECTOMY SEMEN ANALYSIS\n", ("HOSPITAL", c.hospital()), " Andrology\n")
    n("Name ", ("PATIENT", c.name(p, "fl")), "  DOB ", ("DATE", c.date(c.dob(), "num")), "  Lab ", ("ID_ACCESSION", c.accession()), "\n")
    n("Vasectomy ", ("DATE", c.date(style="abbr")), " by Mr " if c.nus() else " by Dr ", ("CLINICIAN", c.staff()[1]),
      ". Sample produced ", ("DATE", c.date()), " ", _t(c), ", received within 1 h, abstinence 3 days\n")
    n("Volume 2.8 mL  pH 7.6  No sperm seen in uncentrifuged sample; pellet after 3000 g: no sperm seen (WHO 2021 5th/6th ed)\n\n")
    n("Dear Dr ", ("CLINICIAN", c.name(c.staff(), "l")), ", this confirms clearance; ", ("PATIENT", p[0]),
      " may stop other contraception. Cryostored pre-vasectomy sample ", ("ID_BIOBANK", c.biobank()) if c.chance(0.6) else "none",
      ".\n")
    _sign_letter(c, n, c.staff())


def prep_clinic(c: Ctx, n: Note) -> None:
    p, doc = c.person(), c.staff()
    n("PrEP clinic - 3-monthly review   enc ", ("ID_ACCOUNT", c.account()), "\n")
    if c.chance(0.5):
        n("Checked in by palm scan ", ("BIOMETRIC", c.biometric()), "\n")
    n( ("PATIENT", c.name(p, "fl")), ", ", c.pick(["29", "34", "41", "23"]), ", seen ",
      ("DATE", c.date()), " by ", ("CLINICIAN", c.name(doc, "il")), "\n")
    n("On TDF/FTC daily since ", ("YEAR", c.year()), " (event-based 2-1-1 before). Adherence good, 1 missed dose.\n")
    n("Partners: 3 in 3/12, condom use inconsistent. Known partner ", ("PATIENT", c.pick([c.person()[0], "J."])),
      " tested neg last month. Photo ID checked - ", ("ID_PHOTO", c.photo()), " on file.\n")
    n("HIV 4th gen ", ("ID_ACCESSION", c.accession()), " NEG; creatinine 92, eGFR >90; syphilis RPR non-reactive; "
      "GC/CT NAAT x3 sites sent\n")
    n("Plan: continue, 90 tabs; next bloods 3 months. Booking: ", ("URL", c.url("book")), "\n")
    if c.region == "US":
        n("Rx ", ("CLINICIAN", c.name(doc, "fl")), " NPI ", ("ID_NPI", c.npi()), " DEA ", ("ID_DEA", c.dea()), "\n")
    if c.chance(0.8):
        n("Enrolled in the PrEP-Impact cohort, sample ", ("ID_BIOBANK", c.biobank()), "\n")


def lithium_register(c: Ctx, n: Note) -> None:
    n("LITHIUM MONITORING REGISTER - ", c.pick(["Community Mental Health Team North", "practice recall", "CMHT East"]), "\n")
    n("printed ", ("DATE", c.date(style="num")), " by ", ("CLINICIAN", c.name(c.staff(), "low")), "\n\n")
    by_age = c.chance(0.5)  # some systems print the age, not the date of birth
    n(f"{'Name':<26}{'Age' if by_age else 'DOB':<13}{'Li last':<10}{'date':<13}{'TFT':<8}{'eGFR':<6}{'Ca':<5}next\n")
    for _ in range(c.r.randint(4, 7)):
        p = c.person()
        nm = c.name(p, c.pick(["Lf", "lf"]))
        dob = str(c.r.randint(24, 86)) if by_age else c.date(c.dob(), "num")
        d = c.date(style="num") if c.chance(0.6) else c.pick(["pending", "not done", "declined"])
        n(("PATIENT", nm), " " * max(1, 26 - len(nm)), dob if by_age else ("DATE", dob), " " * max(1, 13 - len(dob)),
          f"{c.r.randint(3, 11) / 10:<10}", ("DATE", d) if d[0].isdigit() else d, " " * max(1, 13 - len(d)),
          f"{c.pick(['ok', 'TSH 7.2', 'ok']):<8}{c.r.randint(38, 95):<6}{c.pick(['ok', 'high', 'ok']):<5}",
          c.pick(["3/12", "6/52", "overdue"]), "\n")
    n("\n")
    if c.chance(0.5):
        n("* ", ("PATIENT", c.person()[1]), " aged ", ("AGE", c.old_age()), ": level 1.3 - GP phoned, dose held, recheck 5/7\n")
    if c.region == "US":
        n("Prescriber on record ", ("CLINICIAN", c.name(c.staff(), "fl")), " DEA ", ("ID_DEA", c.dea()), " NPI ", ("ID_NPI", c.npi()), "\n")


def quit_smoking_log(c: Ctx, n: Note) -> None:
    p, adv = c.person(), c.staff()
    n("Stop smoking service - weekly contact log\nClient: ", ("PATIENT", c.name(p, "fl")), "  ID ", ("ID_MRN", c.mrn()),
      "  mob ", ("PHONE", c.phone()), "\nAdvisor: ", ("CLINICIAN", c.name(adv, "f")), "\nQuit date set ", ("DATE", c.date()),
      "; smoking since ", ("YEAR", c.year()), " (20/day, Fagerstrom 7)\n\n")
    k = c.r.randint(2, 4)
    for wk, d in zip(range(1, k + 1), c.seq(k, c.pick(["dm", "num"]), (6, 8))):
        n(f"wk{wk} ", ("DATE", d), f" CO {c.r.randint(2, 25)} ppm, ",
          c.pick(["vape + patch 21mg", "varenicline 1mg bd, nausea", "lapsed at a wedding, back on track", "cravings evenings"]),
          "\n")
    if c.region == "US":
        n("varenicline Rx by ", ("CLINICIAN", c.name(c.staff(), "fl")), " DEA ", ("ID_DEA", c.dea()), "\n")
    n("portal msg from client: 'my partner ", ("RELATIVE", c.person()[0]), " quit too!'  ", ("URL", c.url("portal")) if c.chance(0.4) else "", "\n")


def mh_tribunal_report(c: Ctx, n: Note) -> None:
    p, rc = c.person(), c.staff()
    n("RESPONSIBLE CLINICIAN'S REPORT TO THE TRIBUNAL\n\nPatient: ", ("PATIENT", c.name(p, "fl")), "   DOB ", ("DATE", c.date(c.dob(), "long")),
      "\nDetained under s.3 since ", ("DATE", c.date()), " at ", ("HOSPITAL", c.hospital()), ", ", c.pick(["Larch Ward", "Willow Unit", "PICU"]), "\n")
    n("Hearing ", ("DATE", c.date(c.ymd(2026, 2026))), "\n\n")
    n("1. History. ", ("PATIENT", p[0]), " was first known to services in ", ("YEAR", c.year()), " after an admission to ",
      ("HOSPITAL", c.hospital()), " with a manic relapse. There have been four admissions since, each following the stopping of "
      "medication; the most recent began when ", ("PATIENT", p[0]), " was found by police on the bypass near ", ("LOCATION", c.town()),
      " and brought to the section 136 suite. ", ("PATIENT", p[0]), "'s mother, ", ("RELATIVE", c.name(c.person(sex="F"), "fl")),
      ", is the nearest relative and supports continued detention.\n\n")
    n("2. Mental state. Pressured speech, grandiose ideas about owning the ", c.pick(["Premier League", "bank", "airline"]),
      ", no insight. HoNOS 24. No Schneiderian first-rank symptoms.\n\n3. Risk. Road traffic risk, financial exploitation.\n\n")
    n("4. Recommendation: detention remains necessary for treatment; CTO to be considered.\n\n",
      ("CLINICIAN", c.name(rc, "fl")), ", Consultant Psychiatrist, GMC ", ("ID_LICENSE", c.license()), "\n")
    if c.chance(0.9):
        n("Dictated ", ("DATE", c.date(style="short")), " ref ", ("ID_DICTATION", c.dictation()), "\n")


def uk_cop3_capacity(c: Ctx, n: Note) -> None:
    p, doc = c.person(), c.staff()
    n("COP3 - ASSESSMENT OF CAPACITY\nIn the Court of Protection\n\n")
    n("Person to whom the application relates: ", ("PATIENT", c.name(p, "fl")), "\nAddress: ")
    c.address_line(n)
    n("\nDate of birth: ", ("DATE", c.date(c.ymd(1926, 1940), "long")), "   (age ", ("AGE", c.old_age()), ")\n")
    n("Applicant: ", ("RELATIVE", c.name(c.person(), "fl")), " (nephew)\n\n")
    n("Part B - completed by the practitioner\nI am ", ("CLINICIAN", c.name(doc, "fl")), ", a general practitioner at ",
      ("HOSPITAL", c.hospital()), ". I have known ", ("PATIENT", p[0]), " since ", ("YEAR", c.year()), ". I assessed on ",
      ("DATE", c.date()), ". MMSE 14/30; ACE-III 41/100. Mixed Alzheimer's and vascular dementia.\n"
      "The person is unable to understand, retain or weigh information about the sale of the house.\n")
    n("Signed ", ("CLINICIAN", c.name(doc, "il")), "  GMC ", ("ID_LICENSE", c.license()), "  tel ", ("PHONE", c.phone()),
      "  email ", ("EMAIL", c.email(doc, org=True)), "\n")
    if c.chance(0.5):
        n("Surgery fax ", ("FAX", c.phone()), "\n")
    if c.chance(0.6):
        n("Typed from dictation ", ("ID_DICTATION", c.dictation()), "\n")


def cremation_form4(c: Ctx, n: Note) -> None:
    p, doc, kin = c.person(), c.staff(), c.person()
    ds = c.seq(3, c.pick(["num", "long"]), (1, 6))
    n("Cremation 4 - Medical certificate\n\n1. Full name of deceased: ", ("PATIENT", c.name(p, "fl").upper()),
      "\n2. Address: ")
    c.address_line(n)
    n("\n3. Date of death: ", ("DATE", ds[1]), "  time ", _t(c), "   Age: ", ("AGE", c.old_age()) if c.chance(0.5) else str(c.r.randint(58, 89)),
      "\n4. Place of death: ", ("HOSPITAL", c.pick([h for h in PPL.HOSPITALS["UK"] if "Surgery" not in h])), "\n5. Usual medical attendant: Dr ", ("CLINICIAN", c.name(c.staff(), "fl")),
      "\n6. Saw deceased alive: ", ("DATE", ds[0]), "; after death: ", ("DATE", ds[2]), "\n")
    n("7. Cause: 1a aspiration pneumonia 1b Parkinson's disease; II CKD stage 4\n8. Pacemaker or implant: ",
      c.pick(["none", "pacemaker removed by undertaker", "none - checked"]), "\n9. Persons present at death: ",
      ("RELATIVE", c.name(kin, "fl")), " (daughter) and staff nurse ", ("CLINICIAN", c.name(c.staff(), "l")), "\n")
    n("Certifying doctor: ", ("CLINICIAN", c.name(doc, "fl")), "  GMC ", ("ID_LICENSE", c.license()), "  ", ("PHONE", c.phone()), "\n")


def repatriation_case(c: Ctx, n: Note) -> None:
    p, esc = c.person(), c.staff()
    home = c.region
    n("Assistance case ", ("ID_ACCOUNT", c.account()), " - MEDICAL REPATRIATION\nInsured: ", ("PATIENT", c.name(p, "Lf")),
      ", DOB ", ("DATE", c.date(c.dob(), "num")), ", policy ", ("ID_HEALTHPLAN", c.plan_id()), "\n")
    n("Home address: ")
    c.address_line(n)
    n("\n\nCase log\n")
    ds = c.seq(3, gap=(0, 3))
    n(("DATE", ds[0]), " ", _t(c), " call from ", c.pick(["spouse", "son", "daughter", "partner"]), " ",
      ("RELATIVE", c.name(c.person(), "f")), " on ", ("PHONE", c.phone()), ": insured admitted in ",
      ("LOCATION", c.pick(["Lisbon", "Phuket", "Cancun", "Denpasar", "Dubrovnik", "Marrakesh"])), " with NSTEMI, PCI x1 to RCA.\n")
    n(("DATE", ds[1]), " treating doctor report received; fit to fly with medical escort, stretcher not needed, O2 2L.\n")
    n(("DATE", ds[2]), " escort nurse ", ("CLINICIAN", c.name(esc, "fl")), " assigned; passport photo ",
      ("ID_PHOTO", c.photo()), " sent to airline for special assistance.\n")
    n("Ground ambulance at home airport reg ", ("VEHICLE", c.plate()), ", receiving hospital ", ("HOSPITAL", c.hospital()), ".\n")
    if c.chance(0.4):
        n("Travelling companion, mother-in-law aged ", ("AGE", c.old_age()), ", needs wheelchair at both ends.\n")
    n("Case portal: ", ("URL", c.url("assist")), "\n")
    del home


def demographics_change(c: Ctx, n: Note) -> None:
    p = c.person()
    n("CHANGE OF PERSONAL DETAILS (online form)\nSubmitted ", ("DATE", c.date(style="iso")), " ", _t(c), " from ", ("IP", c.ip()), "\n\n")
    n("Patient name: ", ("PATIENT", c.name(p, "fl")), "\nPrevious surname: ", ("PATIENT", c.person()[1]), "\nDOB: ",
      ("DATE", c.date(c.dob(), "num")), "\nRecord no: ", ("ID_MRN", c.mrn()), "\n\nNEW address: ")
    c.address_line(n)
    n("\nOLD address: ")
    c.address_line(n)
    n("\nNew mobile: ", ("PHONE", c.phone()), "\nEmail: ", ("EMAIL", c.email(p)), "\nNext of kin: ",
      ("RELATIVE", c.name(c.person(), "fl")), " (", c.pick(["partner", "brother", "friend"]), ") ", ("PHONE", c.phone()), "\n")
    if c.chance(0.6):
        n("Palm-vein ID re-enrolled at registration: ", ("BIOMETRIC", c.biometric()), "\n")
    n("ID uploaded: ", c.pick(["driving licence", "passport"]), " ", ("ID_PHOTO", c.photo()), "\n")
    if c.chance(0.4):
        n("Parking permit vehicle reg: ", ("VEHICLE", c.plate()), "\n")
    n("\nProcessed by ", ("CLINICIAN", c.name(c.staff(), "il")), " (medical records) - identity verified, PDS updated.\n")


def ocularist_record(c: Ctx, n: Note) -> None:
    p, oc = c.person(), c.staff()
    n("Ocular prosthetics clinic\n\n", ("PATIENT", c.name(p, "fl")), " attended ", ("DATE", c.date()), " for a polish and "
      "review of the left custom acrylic eye made in ", ("YEAR", c.year()), ". Enucleation for uveal melanoma at ",
      ("HOSPITAL", c.hospital()), " (Dr " if c.region == "US" else " (Mr ", ("CLINICIAN", c.staff()[1]), ").\n")
    n("Socket healthy, mild mucoid discharge, no giant papillae. Motility fair. Iris painted to match (shade 4B, "
      "Pantone-like card).\nFull-face photographs for matching: ", ("ID_PHOTO", c.photo()), ", ", ("ID_PHOTO", c.photo()), "\n")
    n("Plan: new prosthesis in 12 months. Letter copied to GP Dr ", ("CLINICIAN", c.name(c.staff(), "l")), ".\n\n",
      ("CLINICIAN", c.name(oc, "fl")), ", Ocularist")
    if c.chance(0.9):
        n("   ref ", ("ID_DICTATION", c.dictation()))
    n("\n")


def si_rca_report(c: Ctx, n: Note) -> None:
    """A serious-incident investigation: staff are lettered on purpose, yet a name or a place slips into the prose."""
    p, lead = c.person(), c.staff()
    ds = c.seq(4, c.pick(["long", "num"]), (1, 40))
    n("ROOT CAUSE ANALYSIS - SENTINEL EVENT (confidential peer review)\n\n" if c.region == "US"
      else "SERIOUS INCIDENT INVESTIGATION REPORT (Patient Safety Incident Response Framework)\n\n")
    n("Incident: ", c.pick(["unwitnessed fall with hip fracture", "delayed recognition of sepsis", "retained guidewire",
                            "missed anticoagulant dose"]), "\nDate of incident: ", ("DATE", ds[0]), "\nReported: ", ("DATE", ds[1]),
      "\nLead investigator: ", ("CLINICIAN", c.name(lead, "fl")), ", ", c.pick(["Patient Safety Lead", "Matron", "Deputy CNO"]), "\n\n")
    n("1. Summary\nThe patient (referred to as Patient X throughout; staff are identified as Staff Nurse A, Doctor B and "
      "Healthcare Assistant C) was admitted to Ward 9 of ", ("HOSPITAL", c.hospital()), " following a collapse at home. "
      "The NEWS2 score on arrival was 3 and rose to 7 overnight; the escalation protocol (version 4.2, 2019) required a review "
      "within 30 minutes. Doctor B was bleeped at 02:14 and attended at 03:40. The Glasgow Coma Scale fell from 15 to 12. "
      "The sepsis six were completed at 04:55.\n\n")
    n("2. Chronology\nThe family reported that Patient X's daughter, ", ("RELATIVE", c.person()[0]),
      ", had raised concerns at the evening visit and was told that 'her mum was just tired'. "
      "Interviews were held with all staff on ", ("DATE", ds[2]), ". Staff Nurse A stated that she had four patients on "
      "enhanced observations and that the bank HCA booked for the shift (", ("CLINICIAN", c.name(c.staff(), "fl")),
      ") was redeployed to ED at 23:00. The electronic record shows observations at 22:00 and 02:00 only.\n\n")
    n("3. Findings\nRoot cause: staffing below establishment and a culture of not escalating at night. Contributory: "
      "the Datix category, the absence of a critical care outreach team after midnight. ", ("PATIENT", c.name(p, "fl")),
      " - who has consented to this report being shared - and the family have met the investigators twice.\n\n")
    n("4. Duty of candour letter sent to ")
    c.address_line(n)
    n(" on ", ("DATE", ds[3]), ".\n")


KINDS = {
    "si_rca_report": (si_rca_report, ["UK"] * 3 + ["US", "US", "IE", "AU", "NZ"]),
    "icu_diary": (icu_diary, ["US"] * 12 + ["NZ", "IE"]),
    "birth_plan": (birth_plan, ["US"] * 12 + ["CA", "NZ"]),
    "nipt_result": (nipt_result, ["US"] * 12 + ["SG", "AU"]),
    "karyotype_report": (karyotype_report, ["US"] * 12 + ["ZA", "IN"]),
    "semen_analysis_pv": (semen_analysis_pv, ["US"] * 12 + ["UK", "IE"]),
    "prep_clinic": (prep_clinic, ["US"] * 12 + ["ZA", "KE"]),
    "lithium_register": (lithium_register, ["US"] * 12 + ["UK", "UK"]),
    "quit_smoking_log": (quit_smoking_log, ["US"] * 12 + ["UK", "AU"]),
    "mh_tribunal_report": (mh_tribunal_report, ["UK"]),
    "uk_cop3_capacity": (uk_cop3_capacity, ["UK"]),
    "cremation_form4": (cremation_form4, ["UK"]),
    "repatriation_case": (repatriation_case, ["US"] * 12 + ["UK", "IE"]),
    "demographics_change": (demographics_change, ["US"] * 12 + ["UK", "AU"]),
    "ocularist_record": (ocularist_record, ["US"] * 12 + ["UK", "AU"]),
}
