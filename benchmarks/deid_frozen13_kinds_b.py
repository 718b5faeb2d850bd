"""Writer 13's note kinds, part B (prose, letters, mixed languages, ward sheets). Held out."""
from __future__ import annotations

from deid_frozen13_core import (dob, HOSP, Note, age90, date, digits, email, healthplan, ip, letters, mrn, nform,
                                npi, person, phone, place, plate, street, vin)

KINDS_B = {}


def kind(cc):
    def deco(f):
        KINDS_B[f.__name__[2:]] = (f, cc)
        return f
    return deco


def P(s): return ("PATIENT", s)
def C(s): return ("CLINICIAN", s)
def R(s): return ("RELATIVE", s)
def D(s): return ("DATE", s)


@kind("UK")
def k_inquest_statement(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r, "UK")
    cf, cl = person(r, "UK")
    town, _, pc = place(r, "UK")
    h = r.choice(HOSP["UK"])
    n.add("WITNESS STATEMENT (Criminal Justice Act 1967 s.9; Coroners Rules 2013)\n")
    n.add("Statement of: ", C(f"{cf} {cl.upper()}"), "   Occupation: Registered Nurse, Band 6\nRe: the death of ", P(f"{f} {l}"),
          " (", ("AGE", age90(r)), ")\n\n")
    n.add("I have worked on Ward 12 at ", ("HOSPITAL", h), " since ", ("YEAR", str(r.randint(2009, 2020))),
          ". On the night of ", D(date(r, "UK", "mon")), " I was the nurse in charge. At about 03:40 the "
          "health care assistant, ", C(nform(r, *person(r, "UK"), "f")), ", called me to bay 3 because Mr ", P(l),
          " had been found on the floor beside his bed. He said he had gone to get his slippers. I did a set of "
          "observations, NEWS2 was 5, and I bleeped the FY1, Dr ", C(person(r, "UK")[1]),
          ", who attended within ten minutes. A CT head that morning showed an acute subdural haematoma "
          "and he was discussed with the neurosurgical registrar at the regional centre, who advised "
          "conservative management given his frailty (Clinical Frailty Scale 7).\n\n")
    n.add("His daughter ", R(nform(r, *person(r, "UK"), "fl")), " was telephoned at her home in ", ("LOCATION", town),
          " on ", ("PHONE", phone(r, "UK")), ". I have read the falls policy (version 4.2, 2021) and the Datix report ",
          ("ID_ACCOUNT", f"W{digits(r, 6)}"), ".\n\nSigned ........ ", C(f"{cf[0]}. {cl}"), "   Dated ", D(date(r, "UK", "num")), "\n")
    return n, "UK"


@kind("AU")
def k_ndis_fca_report(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r, "AU")
    town, stt, pc = place(r, "AU")
    n.add("FUNCTIONAL CAPACITY ASSESSMENT - NDIS PLAN REVIEW\nParticipant: ", P(f"{f} {l}"), "   NDIS no. ", ("ID_HEALTHPLAN", f"43{digits(r, 7)}"), "\n")
    n.add("Address: ", ("ADDRESS", street(r)), ", ", ("LOCATION", town), " ", stt, " ", ("ZIP", pc), "\nDOB: ", D(dob(r, "AU", "num")), "\n")
    n.add("Assessment dates: ", D(date(r, "AU", "mon")), " and ", D(date(r, "AU", "short")), "   Support coordinator: ", C(nform(r, *person(r, "AU"), "fl")), "\n\n")
    n.add(P(f), " is a young man with C6 ASIA B tetraplegia following a diving injury at ", ("LOCATION", place(r, "AU")[0]),
          " in ", ("YEAR", str(r.randint(2012, 2022))), ". He lives with his mum ", R(person(r, "AU")[0]),
          " who provides most overnight care. FIM motor 31/91. He uses a Quickie Q700 power chair (serial ",
          ("ID_DEVICE", f"QK{digits(r, 7)}"), ") and requests a ceiling hoist.\n")
    n.add("Occupational Therapist: ", C(nform(r, *person(r, "AU"), "fl")), "  AHPRA ", ("ID_LICENSE", f"OCC{digits(r, 10)}"), "\n")
    return n, "AU"


@kind("IE")
def k_ie_ereferral(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r, "IE")
    town, co, pc = place(r, "IE")
    n.add("HEALTHLINK eREFERRAL  ->  ", ("HOSPITAL", r.choice(HOSP["IE"])), " / Rheumatology OPD\n")
    n.add("Patient: ", P(f"{f} {l}"), "  DOB ", D(dob(r, "IE", "num")), "  GMS No: ", ("ID_HEALTHPLAN", healthplan(r, "IE")), "\n")
    n.add("Address: ", ("ADDRESS", street(r)), ", ", ("LOCATION", town), ", ", co, ", ", ("ZIP", pc), "\nPhone: ", ("PHONE", phone(r, "IE")), "\n")
    n.add("Referring GP: Dr ", C(nform(r, *person(r, "IE"), "fl")), ", IMC ", ("ID_LICENSE", digits(r, 6)), "\n\n")
    n.add("Dear Doctor, I'd be grateful if you'd see this 47yo lady with 3 months of symmetrical small joint synovitis, "
          "EMS 2h, CRP 38, RF +ve, anti-CCP >340. DAS28 5.6. Started on pred 10mg pending your review. "
          "Her sister ", R(person(r, "IE")[0]), " attends ye as well. Kind regards.\n")
    if r.random() < 0.7:
        n.add("Dictated ", D(date(r, "IE", "num")), ", not signed. Voice file ", ("ID_DICTATION", f"DV-{digits(r, 6)}"), "\n")
    return n, "IE"


@kind("PH")
def k_ph_bhs_referral(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r, "PH")
    town, _, pc = place(r, "PH")
    n.add("REFERRAL SLIP - Barangay Health Station, Brgy. ", ("LOCATION", r.choice(["San Roque", "Poblacion Dos", "Malabanan"])), ", ", ("LOCATION", town), "\n")
    n.add("Pangalan: ", P(f"{l.upper()}, {f}"), "   Edad: 34   PhilHealth PIN: ", ("ID_HEALTHPLAN", healthplan(r, "PH")), "\n")
    n.add("Tirahan: ", ("ADDRESS", f"Purok {r.randint(1, 9)}, Sitio {r.choice(['Ilaya', 'Bukid', 'Centro'])}"), ", ", ("LOCATION", town), " ", ("ZIP", pc), "\n")
    n.add("Referred to: ", ("HOSPITAL", r.choice(HOSP["PH"])), "  Petsa: ", D(date(r, "PH", "num")), "\n")
    n.add("Reason: G2P1 32 wks, BP 150/100 x2, may manas sa paa at sakit ng ulo. Pls eval for pre-eclampsia. "
          "Asawa: ", R(nform(r, *person(r, "PH"), "fl f")), ", cp ", ("PHONE", phone(r, "PH")), "\n")
    n.add("Referring midwife: ", C(nform(r, *person(r, "PH"), "fl")), ", RM  PRC ", ("ID_LICENSE", digits(r, 7)), "\n")
    return n, "PH"


@kind("NG")
def k_ng_clerking(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r, "NG")
    town, stt, _ = place(r, "NG")
    n.add("MEDICAL CLERKING - EMERGENCY PAEDIATRIC UNIT, ", ("HOSPITAL", r.choice(HOSP["NG"])), "\n")
    n.add("Name: ", P(f"{l} {f}"), "  Hosp No: ", ("ID_MRN", f"{digits(r, 2)}/{digits(r, 5)}"), "  Date: ", D(date(r, "NG")), "\n")
    n.add("Informant: mother, ", R(nform(r, *person(r, "NG"), "fl")), ", a trader at ", ("LOCATION", town), " main market, reliable\n")
    n.add("PC: fever x4/7, convulsion x1 today. HPC: fever high grade, intermittent, no rigors; generalised tonic-clonic "
          "seizure lasting ~5 mins at home, given palm oil by grandmother before presentation. Not on LLIN.\n")
    if r.random() < 0.6:
        n.add("FSHx: 3rd of 5 children in a monogamous family. Siblings ", R(person(r, "NG")[0]), " (9y, SCD - SS, on folic acid) and ",
              R(person(r, "NG")[0]), " (6y, well). Father ", R(nform(r, *person(r, "NG"), "fl")), " is an okada rider; paternal "
              "grandmother ", R(person(r, "NG")[0]), " lives with them at ", ("ADDRESS", f"No. {r.randint(2, 80)} {r.choice(['Oke-Ilewo', 'Iweka', 'Sabon Gari'])} Street"), ".\n")
    n.add("O/E: febrile 39.4C, pale ++, not jaundiced, BCS 3/5. mRDT +ve. PCV 18%.\nImp: severe malaria with anaemia ?CM\n")
    n.add("Plan: IV artesunate 2.4mg/kg stat, transfuse 20ml/kg whole blood, RBS. Seen by Dr ", C(nform(r, *person(r, "NG"), "l i")), " (SR)\n")
    return n, "NG"


@kind("CA")
def k_ca_ohip_remit(r, sloppy=None):
    n = Note(sloppy)
    n.add("OHIP REMITTANCE ADVICE - ERROR REPORT (RA/ER)   Group ", ("ID_ACCOUNT", letters(r, 1) + digits(r, 3)), "\n")
    cf, cl = person(r, "CA")
    n.add("Physician: ", C(f"{cl.upper()}, {cf.upper()}"), "  Billing no. ", ("ID_LICENSE", digits(r, 6)), "\n")
    n.add("HCN              VC  PATIENT                 SVC DATE    CODE   ERR\n")
    for _ in range(r.randint(2, 4)):
        f, l = person(r, "CA")
        n.add(("ID_HEALTHPLAN", digits(r, 10)), "       ", letters(r, 2), "  ", P(f"{l.upper()}, {f[0]}"), "   ", D(date(r, "CA", "iso")),
              "  A007A  ", r.choice(["EH1", "V07", "AC4"]), "\n")
    n.add("EH1 = service date not insured; V07 = version code invalid. Resubmit within 6 months.\n")
    return n, "CA"


@kind("UK")
def k_uk_dols_form(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r, "UK")
    town, _, pc = place(r, "UK")
    n.add("FORM 4 - URGENT AUTHORISATION (DEPRIVATION OF LIBERTY SAFEGUARDS)\nManaging authority: ", ("HOSPITAL", r.choice(HOSP["UK"])), "\n")
    n.add("Relevant person: ", P(f"{l}, {f}"), "  DOB ", D(dob(r, "UK", "num")), "  NHS ", ("ID_HEALTHPLAN", healthplan(r, "UK")), "\n")
    n.add("Usual address: ", ("ADDRESS", street(r)), ", ", ("LOCATION", town), " ", ("ZIP", pc), "\n")
    n.add("Reason: advanced Alzheimer's disease (MMSE 9/30), repeatedly attempting to leave ward, lacks capacity (MCA 2005 s.2-3). Age ", ("AGE", age90(r)) if r.random() < 0.5 else "84", ". "
          "Nearest relative ", R(nform(r, *person(r, "UK"), "fl")), " informed ", D(date(r, "UK", "short")), ".\n")
    n.add("Signed: ", C(nform(r, *person(r, "UK"), "fl")), " (ward manager)  Supervisory body: ", ("LOCATION", town), " Council\n")
    return n, "UK"


@kind("US")
def k_pharmacy_intervention(r, sloppy=None):
    n = Note(sloppy)
    n.add("CLINICAL PHARMACIST INTERVENTION LOG  unit 6N  week of ", D(date(r, "US", "mon")), "\n")
    n.add("| pt | MRN | issue | prescriber | outcome |\n|---|---|---|---|---|\n")
    for _ in range(r.randint(3, 5)):
        f, l = person(r)
        n.add("| ", P(nform(r, f, l, "lf l")), " | ", ("ID_MRN", mrn(r)), " | ", D(date(r, "US", "short")), ": ", r.choice(["vanc trough 24 -> dose reduced", "enox 40 with CrCl 22", "dup APAP > 4g", "QTc 512 on ondansetron"]),
              " | Dr ", C(person(r)[1]), " | ", r.choice(["accepted", "declined", "accepted"]), " |\n")
    n.add("Pharmacist: ", C(nform(r, *person(r), "fl")), ", PharmD, BCPS\n")
    return n, "US"


@kind("US")
def k_biobank_aliquot_map(r, sloppy=None):
    n = Note(sloppy)
    n.add("FREEZER BOX MAP  -80C unit F7 rack 3 box ", str(r.randint(1, 40)), "\nStudy: Gut Microbiome in IBD (IRB 2021-0457)\n")
    for i in range(r.randint(4, 7)):
        f, l = person(r)
        n.add(f"{'ABCDEFGHI'[i]}{r.randint(1, 9)}  ", ("ID_BIOBANK", f"GMI-{digits(r, 5)}-{r.randint(1, 9):02d}"), "  ",
              r.choice(["stool", "serum", "PBMC"]), "  coll ", D(date(r, "US", "num")), "  ", P(letters(r, 2)), "\n")
    n.add("Linked consent log kept by coordinator ", C(nform(r, *person(r), "fl")), " ext 4471\n")
    return n, "US"


@kind("US")
def k_ambient_scribe_draft(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r)
    cf, cl = person(r)
    n.add("[AMBIENT SCRIBE DRAFT - NOT REVIEWED]\nencounter ", ("ID_DICTATION", f"AS{digits(r, 9)}"), "\n")
    n.add("[Dr]: hi mr ", P(l.lower()), " im doctor ", C(cl.lower()), " how you been since march\n")
    n.add("[Pt]: not bad doc my wife ", R(person(r)[0].lower()), " says i been snoring worse. we moved over to ", ("ADDRESS", street(r).lower()), " in ",
          ("LOCATION", place(r, "US")[0].lower()), " so its a longer drive\n")
    n.add("[Dr]: ok lets get you a sleep study, any chest pain. your a one see was seven point two\n")
    n.add("[Pt]: no. oh my new number is ", ("PHONE", phone(r)), "\n")
    n.add("--- draft note ---\nHPI: ", ("AGE", age90(r)) if r.random() < 0.4 else "68", " yo M w/ T2DM (A1c 7.2), HTN, snoring. Epworth 14/24.\nPlan: PSG; f/u ", D(date(r, "US", "short")), "\n")
    return n, "US"


@kind("US")
def k_hospital_course_long(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r)
    town, st, z = place(r, "US")
    h = r.choice(HOSP["US"])
    course = r.choice([
        "Hospital course by problem: # Septic shock from obstructing ureteral stone. Started vanc/pip-tazo, "
        "norepinephrine up to 0.12 mcg/kg/min, urology placed a L ureteral stent. Cultures grew pan-sensitive "
        "E. coli, narrowed to ceftriaxone. # AKI on CKD3a, creat peaked 3.1, back to 1.6 at discharge. ",
        "Hospital course: admitted with acute decompensated HFrEF (EF 25%, NYHA IV), diuresed with IV furosemide "
        "80 mg BID, net -7.4 L. Sacubitril/valsartan held for AKI, restarted 24/26 mg. Wells score low, no PE. ",
        "Hospital course: DKA (pH 7.08, AG 28) precipitated by missed insulin; insulin gtt per protocol, gap "
        "closed at 14 h, transitioned to glargine 22 u + lispro scale. Diabetes educator saw pt. "])
    n.add("DISCHARGE SUMMARY\n", ("HOSPITAL", h), "\nPatient: ", P(f"{l}, {f}"), "   MRN ", ("ID_MRN", mrn(r)), "   Acct ", ("ID_ACCOUNT", digits(r, 10)), "\n")
    n.add("Admit: ", D(date(r)), "   Discharge: ", D(date(r)), "   Attending: ", C(nform(r, *person(r), "fl lf")), ", MD\n\n")
    n.add(course, "\n\n(copied forward from 11/2 progress note) ", course, "\n\n")
    n.add("Social: lives alone in a trailer off ", ("ADDRESS", street(r)), " outside ", ("LOCATION", town), "; son ", R(nform(r, *person(r), "f fl")),
          " visits weekends and can be reached at ", ("PHONE", phone(r)), ". Previously a long-haul trucker; his rig is still registered "
          "(plate ", ("VEHICLE", plate(r)), ") though he stopped driving after his stroke in ", ("YEAR", str(r.randint(2015, 2023))), ".\n")
    n.add("Follow-up: PCP Dr ", C(person(r)[1]), " within 1 week; urology ", D(date(r, "US", "short")), " for stent exchange.\n")
    n.add("\nD:", D(date(r, "US", "num")), " T:", D(date(r, "US", "num")), " Job#:", ("ID_DICTATION", digits(r, 7)), " MRN:", ("ID_MRN", mrn(r)), "\n")
    return n, "US"


@kind("US")
def k_nurse_census(r, sloppy=None):
    n = Note(sloppy)
    n.add("NIGHT CENSUS 5 WEST  ", D(date(r, "US", "num")), "  charge RN ", C(nform(r, *person(r), "f fl")), "\n")
    n.add("RM  PATIENT              AGE  DX                 CODE  RN\n")
    for i in range(r.randint(4, 7)):
        f, l = person(r)
        a = ("AGE", age90(r)) if r.random() < 0.35 else str(r.randint(30, 88))
        n.add(f"{501 + i}  ", P(f"{l.upper()}, {f[0]}"), " " * 5, a, "  ", r.choice(["CHF exac", "COPD", "cellulitis", "GIB", "s/p TKA"]),
              "  ", r.choice(["FULL", "DNR", "DNR/DNI"]), "  ", C(person(r)[0]), "\n")
    return n, "US"


@kind("US")
def k_anaphylaxis_action_plan(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r)
    n.add("ANAPHYLAXIS EMERGENCY ACTION PLAN (school)\nStudent: ", P(f"{f} {l}"), "   DOB ", D(dob(r, "US", None, 2014, 2017)), "   Grade 4\n")
    n.add("Allergy: peanut, tree nuts. Weight 31 kg. EpiPen Jr 0.15 mg. Asthma: yes (higher risk)\n")
    n.add("Parent/guardian: ", R(nform(r, *person(r), "fl")), "  cell ", ("PHONE", phone(r)), "  email ", ("EMAIL", email(r, *person(r))), "\n")
    n.add("Physician: ", C(nform(r, *person(r), "fl")), ", MD   NPI ", ("ID_NPI", npi(r)), "  Fax ", ("FAX", phone(r)), "\n")
    n.add("Student photo on file: ", ("ID_PHOTO", f"stu_{digits(r, 6)}.jpg"), "\n")
    return n, "US"


@kind("US")
def k_dental_lab_docket(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r)
    n.add("DENTAL LAB WORK DOCKET  #", ("ID_ACCOUNT", digits(r, 6)), "\nDentist: Dr ", C(nform(r, *person(r), "fl")), "  DDS lic ", ("ID_LICENSE", f"DN{digits(r, 5)}"), "\n")
    n.add("Patient: ", P(nform(r, f, l, "fl lf")), "   Due: ", D(date(r, "US", "short")), "\n")
    n.add("Teeth #14-#15 PFM bridge, shade A2 (Vita), margin chamfer. Intraoral scan file ", ("ID_PHOTO", f"scan_{digits(r, 5)}_face.stl"), "\n")
    return n, "US"


@kind("UK")
def k_dosimetry_report(r, sloppy=None):
    n = Note(sloppy)
    n.add("PERSONAL DOSIMETRY - QUARTERLY REPORT  Cath lab / IR  Period ending ", D(date(r, "UK", "mon")), "\n")
    n.add("Badge     Name                     Hp(10) mSv  Hp(0.07) mSv\n")
    for _ in range(r.randint(3, 5)):
        f, l = person(r, r.choice(["UK", "IN", "NG"]))
        n.add(("ID_DEVICE", f"TLD{digits(r, 6)}"), "  ", C(f"{l}, {f}"), "   ", f"{r.random() * 2:.2f}", "        ", f"{r.random() * 9:.2f}", "\n")
    n.add("Investigation level 6 mSv/yr (IRR17). RPA: ", C(nform(r, *person(r, "UK"), "fl")), "\n")
    return n, "UK"


@kind("ZA")
def k_body_bequest(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r, "ZA")
    town, prov, pc = place(r, "ZA")
    n.add("BEQUEST OF BODY FOR ANATOMICAL STUDY - Declaration (National Health Act s.62)\n")
    n.add("I, ", P(f"{f} {l}"), ", ID ", ("SSN", f"{digits(r, 6)} {digits(r, 4)} 08{r.randint(0, 9)}"), ", of ", ("ADDRESS", street(r)), ", ",
          ("LOCATION", town), " ", ("ZIP", pc), ", bequeath my body to the School of Anatomical Sciences.\n")
    n.add("Aged ", ("AGE", age90(r)), " at signing on ", D(date(r, "ZA", "mon")), ". Executor: ", R(nform(r, *person(r, "ZA"), "fl")), "  tel ", ("PHONE", phone(r, "ZA")), "\n")
    n.add("Witness: ", C(nform(r, *person(r, "ZA"), "fl")), " (sister in charge, ", ("HOSPITAL", r.choice(HOSP["ZA"])), ")\n")
    return n, "ZA"


@kind("NZ")
def k_nz_lmc_notes(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r, "AU")
    town, _, pc = place(r, "NZ")
    n.add("LMC MIDWIFE NOTES  NHI ", ("ID_MRN", f"{letters(r, 3)}{digits(r, 4)}"), "\nWahine: ", P(f"{f} {l}"), "  EDD ", D(date(r, "NZ", "num")), "\n")
    n.add(D(date(r, "NZ", "short")), " home visit ", ("ADDRESS", street(r)), ", ", ("LOCATION", town), " ", ("ZIP", pc), ". Kia ora. 36+2, FH 35, ceph, FM+. BP 118/72. "
          "Whanau support: partner ", R(person(r, "AU")[0]), ", nan ", R(person(r, "AU")[0]), ". Birth plan Timaru primary unit.\n")
    n.add(D(date(r, "NZ", "short")), " phoned ", ("PHONE", phone(r, "NZ")), " re GBS swab neg. - ", C(nform(r, *person(r, "AU"), "f ii")), " RM\n")
    return n, "NZ"


@kind("US")
def k_boxing_ringside(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r)
    n.add("RINGSIDE PHYSICIAN POST-BOUT REPORT - State Athletic Commission\nEvent: ", D(date(r, "US", "mon")), "  Venue: ", ("LOCATION", place(r, "US")[0]), " Civic Arena\n")
    n.add("Fighter: ", P(f"{f} \"{r.choice(['The Hammer', 'Kid', 'Lefty'])}\" {l}"), "  Fed ID ", ("ID_LICENSE", f"FID-{digits(r, 6)}"), "\n")
    n.add("Result: TKO rd 3. Lac L brow 2 cm, Steri-strips. No LOC. SCAT6 symptom 3/22. 30-day suspension.\n")
    n.add("Physician: ", C(nform(r, *person(r), "fl")), ", DO\n")
    return n, "US"
