"""Set 14, kinds A: what hospital machines and logging systems print (theatre, perfusion, barcode scanning,
nurse call, location tags, tube system, database dumps, calendar invites, retrieval calls, exposure and
cold-chain incidents, equipment loans, gait laboratory)."""

from __future__ import annotations

from deid_frozen14_core import Ctx, Note, row

DRUGS = ["propofol 140 mg", "fentanyl 100 mcg", "rocuronium 50 mg", "cefazolin 2 g", "ondansetron 4 mg",
         "dexamethasone 8 mg", "phenylephrine 100 mcg", "tranexamic acid 1 g", "sugammadex 200 mg"]


def _t(c: Ctx) -> str:
    return f"{c.r.randint(0, 23):02d}:{c.r.randint(0, 59):02d}"


def anaes_intraop_record(c: Ctx, n: Note) -> None:
    p, an, crna, sx = c.person(), c.staff(), c.staff(), c.staff()
    n("INTRAOPERATIVE ANESTHESIA RECORD" if c.region == "US" else "ANAESTHETIC RECORD", "      page 1 of 2\n")
    n("Patient: ", ("PATIENT", c.name(p, "Lf")), "   MRN: ", ("ID_MRN", c.mrn()), "   DOB: ", ("DATE", c.date(c.dob(), "num")))
    if c.chance(0.35):
        n("   Age: ", ("AGE", c.old_age()), "y")
    n("\n", "FIN" if c.region == "US" else "Episode", ": ", ("ID_ACCOUNT", c.account()), "   Date of service: ",
      ("DATE", c.date()), "   OR ", str(c.r.randint(1, 14)), "   ", ("HOSPITAL", c.hospital()), "\n")
    n("Procedure: ", c.pick(["L hip hemiarthroplasty", "lap cholecystectomy", "TURBT", "ORIF R distal radius",
                               "Whipple (pancreaticoduodenectomy)", "EVAR"]), "\n")
    n("ASA ", c.pick(["2", "3", "3E", "4"]), "  Mallampati ", c.pick(["I", "II", "III"]), "  Cormack-Lehane ",
      c.pick(["1", "2a", "2b"]), "  ETT 7.5 @ 22 cm\n")
    n("Anesthesiologist: ", ("CLINICIAN", c.name(an, "fl")), ", MD" if c.region == "US" else " (Consultant)")
    n("   ", "CRNA" if c.region == "US" else "ODP", ": ", ("CLINICIAN", c.name(crna, "il")), "   Surgeon: ", ("CLINICIAN", c.name(sx, "l")), "\n")
    n("Machine: ", c.pick(["Draeger Perseus A500", "GE Aisys CS2", "Mindray A7"]), " S/N ", ("ID_DEVICE", c.device()),
      "  checkout passed ", _t(c), "\n\n")
    n("TIME   HR   NIBP     SpO2  EtCO2  MAC\n")
    t0 = c.r.randint(7, 14)
    for i in range(c.r.randint(4, 7)):
        n(f"{t0 + i // 6:02d}:{i % 6 * 10:02d}  {c.r.randint(55, 105):<4d} {c.r.randint(88, 150)}/{c.r.randint(45, 85):<4d} "
          f"{c.r.randint(94, 100):<5d} {c.r.randint(30, 42):<6d} {c.r.randint(6, 12) / 10:.1f}\n")
    n("\nDRUGS: ", "; ".join(c.r.sample(DRUGS, 4)), "\n")
    n("EBL 250 mL  UO 180 mL  crystalloid 1500 mL\n")
    n("Handover to PACU RN ", ("CLINICIAN", c.name(c.staff(), "f")), " at ", _t(c), ", Aldrete 9/10.\n")
    if c.region == "US":
        n("Electronically signed: ", ("CLINICIAN", c.name(an, "lf")), " MD  NPI ", ("ID_NPI", c.npi()))
        n("  DEA ", ("ID_DEA", c.dea()))
        n("\n")
    else:
        n("Signed ", ("CLINICIAN", c.name(an, "il")), "  GMC/Reg ", ("ID_LICENSE", c.license()), "\n")


def perfusion_record(c: Ctx, n: Note) -> None:
    p, perf, sx = c.person(), c.staff(), c.staff()
    n("CARDIOPULMONARY BYPASS - PERFUSION RECORD\n", ("HOSPITAL", c.hospital()), " Cardiac Theatres\n")
    n("Name: ", ("PATIENT", c.name(p, "fl")), "    Hosp no: ", ("ID_MRN", c.mrn()), "    Date: ", ("DATE", c.date()), "\n")
    n("Ht 172 cm  Wt 81 kg  BSA 1.95  Target flow 2.4 L/min/m2 (4.7 L/min)\n")
    n("Operation: ", c.pick(["CABG x3 (LIMA-LAD, SVG-OM, SVG-PDA)", "AVR 23 mm bioprosthesis", "MV repair + LAA clip"]), "\n")
    n("Surgeon: Mr " if c.nus() else "Surgeon: Dr. ", ("CLINICIAN", c.name(sx, "l")), "    Perfusionist: ",
      ("CLINICIAN", c.name(perf, "fl")), "\n")
    n("HLM: ", c.pick(["Stockert S5", "Terumo System 1", "LivaNova S5"]), " serial ", ("ID_DEVICE", c.device()),
      "   Oxygenator: Inspire 8F lot 2604A19\n")
    n("Cardioplegia: del Nido 4:1, 1000 mL induction; repeat at 60 min\n")
    n("CPB on ", _t(c), "  X-clamp ", _t(c), "  off ", _t(c), "   CPB 94 min  XCT 71 min\n\n")
    n("ABG log            accession       pH    pO2   Hb    K+\n")
    for _ in range(c.r.randint(2, 4)):
        n(f"{_t(c)}              ", ("ID_ACCESSION", c.accession()), f"   7.{c.r.randint(30, 45)}  {c.r.randint(150, 320)}   "
          f"{c.r.randint(75, 110)}   {c.r.randint(35, 58) / 10}\n")
    if c.chance(0.85):
        n("\nResearch bloods (CPB-AKI study) stored under ", ("ID_BIOBANK", c.biobank()), "\n")
    n("Lowest temp 32.1 C; ACT > 480 throughout (heparin 30000 IU).\nSigned ", ("CLINICIAN", c.name(perf, "ini")), "\n")


def bcma_override_log(c: Ctx, n: Note) -> None:
    n("BCMA Override Report  unit: ", c.pick(["5 North", "CVICU", "4W Ortho", "MedSurg B"]), "  ", ("HOSPITAL", c.hospital()), "\n")
    n("Run ", ("DATE", c.date(style="num")), " ", _t(c), " by ", ("CLINICIAN", c.name(c.staff(), "low")), " (pharmacy informatics)\n")
    n("Workstation WOW-17  IP ", ("IP", c.ip()), "  scanner ", ("ID_DEVICE", c.device()), "\n\n")
    n("Time  | Nurse            | Patient               | MRN        | Medication             | Reason\n")
    reasons = ["barcode unreadable", "wristband missing", "Med not in profile", "Dose rounding", "STAT - verbal order"]
    for _ in range(c.r.randint(3, 6)):
        nurse, p = c.staff(), c.person()
        row(n, [_t(c), ("CLINICIAN", c.name(nurse, "il")), ("PATIENT", c.name(p, "Lf")), ("ID_MRN", c.mrn()),
                c.pick(["heparin 5000 units SC", "insulin lispro 4 u", "KCl 20 mEq PO", "vancomycin 1250 mg IV",
                        "metoprolol tart 25 mg"]), c.pick(reasons)], [5, 16, 21, 10, 22, 10])
    n("\nADC login by fingerprint ", ("BIOMETRIC", c.biometric()), " for controlled override at ", _t(c),
      "; prescriber ", ("CLINICIAN", c.name(c.staff(), "fl")), " DEA ", ("ID_DEA", c.dea()), "\n")
    n("Reviewed with pharmacist ", ("CLINICIAN", c.name(c.staff(), "fl")), ", PharmD")
    if c.region == "US" and c.chance(0.8):
        n(" (DEA ", ("ID_DEA", c.dea()), ")")
    n(". Wristband printer in rm 14 replaced.\n")


def call_bell_log(c: Ctx, n: Note) -> None:
    n("NURSE CALL SYSTEM - EVENT EXPORT  ", c.pick(["Rauland Responder 5", "Ascom telligence", "Jeron Provider 790"]), "\n")
    n("Ward: ", c.pick(["Ward 7 (Care of Elderly)", "Bay C Ortho", "3 East"]), "   exported ", ("DATE", c.date(style="iso")),
      "   panel ", ("IP", c.ip()), "\n\n")
    n("room-bed  patient          call     placed    answered  by                 secs\n")
    for _ in range(c.r.randint(4, 8)):
        p, s = c.person(), c.staff()
        h, m, secs = c.r.randint(0, 23), c.r.randint(0, 59), c.r.randint(12, 900)
        m2 = m + secs // 60
        row(n, [f"{c.r.randint(1, 40):>3d}-{c.pick('ABCD')}", ("PATIENT", c.name(p, "l").upper()),
                c.pick(["NORMAL", "BATH", "STAFF", "CODE", "TOILET"]), f"{h:02d}:{m:02d}", f"{(h + m2 // 60) % 24:02d}:{m2 % 60:02d}",
                ("CLINICIAN", c.name(s, "il")), str(secs)], [8, 15, 7, 8, 8, 17, 4], "  ")
    if c.chance(0.5):
        n("\nnote: bed ", str(c.r.randint(1, 30)), " Mrs ", ("PATIENT", c.person()[1]), " age ", ("AGE", c.old_age()),
          " pressing repeatedly overnight, falls risk, ", c.pick(["sensor mat", "low bed"]), " in place\n")


def rtls_tag_log(c: Ctx, n: Note) -> None:
    mum, baby_last = c.person(sex="F"), None
    baby_last = mum[1]
    n("INFANT PROTECTION SYSTEM - TAG EVENT LOG\n", ("HOSPITAL", c.hospital()), " Maternity, level 4\n")
    n("Tag ", ("ID_DEVICE", c.device()), " assigned to BABY ", c.pick(["GIRL", "BOY"]), " ", ("PATIENT", baby_last.upper()),
      "  MRN ", ("ID_MRN", c.mrn()), "  born ", ("DATE", c.date(style="num")), "\n")
    n("Mother: ", ("RELATIVE", c.name(mum, "fl")), "  mother's band ", ("ID_DEVICE", c.device()), "\n")
    if c.chance(0.4):
        n("Father/support person: ", ("RELATIVE", c.name(c.person(), "fl")), "  badge photo ", ("ID_PHOTO", c.photo()), "\n")
    n("\nTIMESTAMP              READER            EVENT\n")
    d = c.date(style="iso")
    dated = c.chance(0.5)
    if not dated:
        n("(all events ", ("DATE", d), ")\n")
    for i in range(c.r.randint(4, 7)):
        n(("DATE", d) if dated else "", f" {_t(c)}:{c.r.randint(10, 59)}   RDR-4{c.r.randint(10, 99)} ", ("IP", c.ip()) if i == 0 else "",
          "   ", c.pick(["TAG_OK", "STRAP_LOOSE", "EXIT_ALARM", "MATCH_OK mother-baby", "LOW_BATT"]), "\n")
    n("\nAlarm cleared by ", ("CLINICIAN", c.name(c.staff(), "fl")), " RM, security officer ", ("CLINICIAN", c.name(c.staff(), "l")),
      " attended. Code Pink not called.\n")
    if c.chance(0.6):
        n("Exit alarm silenced at the nurses' station by staff fingerprint ", ("BIOMETRIC", c.biometric()), "\n")


def pneumatic_tube_log(c: Ctx, n: Note) -> None:
    n("PTS transaction log - station ", str(c.r.randint(10, 99)), " (ED resus)  ", ("DATE", c.date()), "\n")
    n("carrier  sent   to           sender              specimen                 pt MRN\n")
    for _ in range(c.r.randint(4, 7)):
        row(n, [f"C{c.r.randint(100, 999)}", _t(c), c.pick(['LAB 01', 'BLOOD BANK', 'PHARM', 'MICRO']),
                ("CLINICIAN", c.name(c.staff(), "il")), ("ID_ACCESSION", c.accession()), ("ID_MRN", c.mrn())],
            [7, 5, 11, 18, 23, 10], "  ")
    n("\nFAULT 14:22 carrier C", str(c.r.randint(100, 999)), " lost in zone 3 - contained trop + coag for ",
      ("PATIENT", c.name(c.person(), "fl")), "; redrawn. Reported to estates ext 4471 by ", ("CLINICIAN", c.name(c.staff(), "f")), ".\n")


def sql_resultset(c: Ctx, n: Note) -> None:
    who = c.staff()
    n("-- pasted into ticket by ", ("CLINICIAN", c.name(who, "low")), " ", ("EMAIL", c.email(who, org=True)), "\n")
    n("-- dup check before merge, host ", ("IP", c.ip()), "\n")
    n("SELECT pat_id, last_nm, first_nm, birth_dt, ssn, zip, home_ph FROM pat WHERE last_nm LIKE '",
      c.pick(["OK%", "VAN%", "MAC%", "DEL%"]), "';\n\n")
    n(" pat_id   | last_nm        | first_nm   | birth_dt   | ssn         | zip        | home_ph\n")
    n("----------+----------------+------------+------------+-------------+------------+----------------\n")
    for _ in range(c.r.randint(2, 5)):
        p = c.person()
        cells = [("ID_MRN", c.mrn()), ("PATIENT", p[1]), ("PATIENT", p[0]), ("DATE", c.date(c.dob(), "iso")),
                 ("SSN", c.national_id()) if c.chance(0.8) else "", ("ZIP", c.zip()), ("PHONE", c.phone())]
        for w, cell in zip((8, 14, 10, 10, 11, 10, 14), cells):
            val = cell[1] if cell else ""
            n(" ", cell, " " * max(0, w - len(val)), " |" if w != 14 or cell[0] != "PHONE" else "")
        n("\n")
    n("(", str(c.r.randint(2, 5)), " rows)\n\n")
    if c.chance(0.5):
        n("select enc_id, acct_no, admit_dt from enc where pat_id = ", ("ID_MRN", c.mrn()), ";\n")
        n(" ", ("ID_ACCOUNT", c.digits(7)), " | ", ("ID_ACCOUNT", c.account()), " | ", ("DATE", c.date(style="iso")), "\n")
    if c.chance(0.5):
        n("\nselect pat_id, palm_vein_tmpl from pat_biometric where pat_id in (...);\n")
        for _ in range(c.r.randint(1, 2)):
            n(" ", ("ID_MRN", c.mrn()), " | ", ("BIOMETRIC", c.biometric()), "\n")
    if c.chance(0.5):
        doc = c.staff()
        n("\nselect prov_nm, npi, dea_no from prov where prov_id = ", c.digits(5), ";\n ", ("CLINICIAN", c.name(doc, "Lf")), " | ",
          ("ID_NPI", c.npi()), " | ", ("ID_DEA", c.dea()), "\n")
    if c.chance(0.8):
        n("-- biobank link: ", ("ID_BIOBANK", c.biobank()), " (do not merge)\n")


def ics_invite(c: Ctx, n: Note) -> None:
    p, doc = c.person(), c.staff()
    y, m, d = c.ymd(2026, 2026)
    n("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Clinic Scheduler 4.2//EN\nBEGIN:VEVENT\n")
    n("UID:", ("ID_ACCOUNT", f"{c.digits(8)}-{c.letters(4).lower()}"), "@sched\nDTSTART:", ("DATE", f"{y}{m:02d}{d:02d}"), "T", f"{c.r.randint(8, 16):02d}3000\n")
    n("SUMMARY:Video follow-up - ", ("PATIENT", c.name(p, "fl")), " (", c.pick(["Endocrine", "Memory clinic", "Hep C", "Post-op"]), ")\n")
    n("ORGANIZER;CN=", ("CLINICIAN", c.name(doc, "fl")), ":mailto:", ("EMAIL", c.email(doc, org=True)), "\n")
    n("ATTENDEE;CN=", ("PATIENT", c.name(p, "fl")), ";ROLE=REQ-PARTICIPANT:mailto:", ("EMAIL", c.email(p)), "\n")
    if c.chance(0.4):
        r = c.person()
        n("ATTENDEE;CN=", ("RELATIVE", c.name((r[0], p[1]), "fl")), " (daughter):mailto:", ("EMAIL", c.email(r)), "\n")
    n("LOCATION:", ("URL", c.url("meet")), "\n")
    n("DESCRIPTION:MRN ", ("ID_MRN", c.mrn()), "\\nIf the link fails call ", ("PHONE", c.phone()), "\\nHbA1c due before visit\n")
    n("END:VEVENT\nEND:VCALENDAR\n")


def ecmo_retrieval_call(c: Ctx, n: Note) -> None:
    ref, cons = c.staff(), c.staff()
    n("ECMO RETRIEVAL - REFERRAL CALL LOG\nCall received ", ("DATE", c.date()), " ", _t(c), " via ",
      c.pick(["ACCESS line", "Adult Retrieval", "transfer centre"]), "\n")
    n("Referring: Dr ", ("CLINICIAN", c.name(ref, "fl")), ", ", ("HOSPITAL", c.hospital()), " ICU, ph ", ("PHONE", c.phone()))
    n(" (NPI ", ("ID_NPI", c.npi()), ")\n" if c.region == "US" else "\n")
    n("Pt: ", ("PATIENT", c.name(c.person(), "fl")), ", ", c.pick(["34", "47", "52", "28"]), c.pick(["M", "F"]),
      ", NHI " if c.region == "NZ" else ", MRN ", ("ID_MRN", c.mrn()), "\n")
    n("PMH: ", c.pick(["Bell's palsy", "Crohn's disease", "Hashimoto's", "asthma (GINA step 3)"]), " (dx ", ("YEAR", c.year()), ")\n")
    n("Dx: severe ARDS (influenza A), Murray score 3.5, P/F 62 on FiO2 1.0, PEEP 14, proned x2, RESP score 3\n")
    n("Accepted by ", ("CLINICIAN", c.name(cons, "il")), " (ECMO consultant). VV ECMO at bedside, fem-IJ.\n")
    n("Team: ", ("CLINICIAN", c.name(c.staff(), "f")), " (perfusion), ", ("CLINICIAN", c.name(c.staff(), "f")), " (RN)\n")
    n("Console: Cardiohelp HLS 7.0 ", ("ID_DEVICE", c.device()), "\n")
    n("Transport: ", c.pick(["road ambulance", "fixed wing", "helicopter"]), " reg ", ("VEHICLE", c.plate()),
      ", depart ", _t(c), ", ETA 95 min\n")
    if c.chance(0.7):
        n("Enrolled in the ECMO-ARDS biorepository: ", ("ID_BIOBANK", c.biobank()), "\n")
    if c.chance(0.5):
        n("Family: wife ", ("RELATIVE", c.name(c.person(sex="F"), "f")), " travelling separately, mob ", ("PHONE", c.phone()), "\n")


def sharps_exposure_report(c: Ctx, n: Note) -> None:
    st, src = c.staff(), c.person()
    n("OCCUPATIONAL EXPOSURE (SHARPS / SPLASH) REPORT\n", ("HOSPITAL", c.hospital()), " - Occupational Health\n\n")
    n("Staff member: ", ("PATIENT", c.name(st, "fl")), "   role: ", c.pick(["HCA", "FY1", "staff nurse", "phlebotomist"]),
      "   DOB ", ("DATE", c.date(c.dob(), "num")), "\n")
    n("Date/time of injury: ", ("DATE", c.date()), " ", _t(c), "   location: ", c.pick(["Bay 4", "Resus 2", "Theatre 6"]), "\n")
    n("Device: 23G butterfly, hollow bore, through glove. Bled freely, washed, no scrubbing.\n")
    n("Source patient: ", ("PATIENT", c.name(src, "Lf")), "  ", ("ID_MRN", c.mrn()),
      " - consented to BBV testing (HIV Ag/Ab, HBsAg, HCV Ab), accession ", ("ID_ACCESSION", c.accession()), "\n")
    n("Recipient baseline serum saved: ", ("ID_BIOBANK", c.biobank()), "; anti-HBs 120 mIU/mL (immune)\n")
    n("PEP: not indicated pending source results; reviewed by Dr ", ("CLINICIAN", c.name(c.staff(), "l")), " (ED)\n")
    n("Witness: ", ("CLINICIAN", c.name(c.staff(), "il")), ". Datix completed, RIDDOR not reportable.\n")
    n("Staff contact for results: ", ("PHONE", c.phone()), "\n")


def vaccine_fridge_breach(c: Ctx, n: Note) -> None:
    lead = c.staff()
    n("COLD CHAIN BREACH - INCIDENT SUMMARY\nSite: ", ("HOSPITAL", c.hospital()), " immunisation clinic\n")
    n("Reported by ", ("CLINICIAN", c.name(lead, "fl")), " on ", ("DATE", c.date(style="long")), "\n")
    n("Data logger ", ("ID_DEVICE", c.device()), " (LogTag Trix-8, fw 2.4) at ", ("IP", c.ip()),
      " recorded max 12.4 C for 3 h 10 min overnight; min 2.1 C. Door ajar after delivery by courier van ",
      ("VEHICLE", c.plate()), ".\n")
    n("Stock quarantined: Shingrix lot AMZV412B x6, Boostrix lot AC37B771 x10 (manufacturer advice sought).\n\n")
    n("Patients vaccinated from the fridge since the breach (recall list):\n")
    for i in range(c.r.randint(2, 5)):
        p = c.person()
        n(f"{i + 1}. ", ("PATIENT", c.name(p, c.pick(["fl", "Lf"]))), "  DOB ", ("DATE", c.date(c.dob(), "num")) if c.chance(0.6)
          else "not recorded", "  ",
          ("PHONE", c.phone()), "\n")
    if c.chance(0.4):
        n("   (no. ", str(c.r.randint(1, 3)), " is ", ("AGE", c.old_age()), ", lives with son ", ("RELATIVE", c.name(c.person(), "f")),
          " - phone him first)\n")
    if c.chance(0.5):
        n("Faxed to the immunisation program on ", ("FAX", c.phone()), "\n")
    n("Actions: revaccinate per manufacturer; reported to ", c.pick(["PHU", "UKHSA", "state program"]), ".\n")


def equipment_loan(c: Ctx, n: Note) -> None:
    p, ot = c.person(), c.staff()
    n("COMMUNITY EQUIPMENT LOAN - DELIVERY NOTE\nClient: ", ("PATIENT", c.name(p, "Lf")), "   ref ", ("ID_ACCOUNT", c.account()), "\n")
    n("Address: ")
    c.address_line(n)
    n("\nContact: ", ("PHONE", c.phone()))
    if c.chance(0.4):
        n("  age ", ("AGE", c.old_age()))
    if c.chance(0.4):
        n("   referrals fax ", ("FAX", c.phone()))
    n("\nPrescriber: ", ("CLINICIAN", c.name(ot, "fl")), " (OT)  delivery date ", ("DATE", c.date()), "\n\n")
    n("Item                          asset tag\n")
    for item in c.r.sample(["profiling bed + rails", "pressure mattress (dynamic)", "commode", "perching stool",
                            "4-wheel walker", "bath board", "hoist + 2 slings"], 3):
        n(f"{item:<30}", ("ID_DEVICE", c.device()), "\n")
    n("\nDriver: ", ("CLINICIAN", c.name(c.staff(), "f")), "  van ", ("VEHICLE", c.plate()),
      "\nKey safe code given by daughter ", ("RELATIVE", c.name((c.person()[0], p[1]), "f")), " (not recorded).\n")


def gait_lab_report(c: Ctx, n: Note) -> None:
    p, mum, dr = c.person(), c.person(sex="F"), c.staff()
    n(("HOSPITAL", c.hospital()), " Motion Analysis Laboratory\n\nINSTRUMENTED GAIT ANALYSIS REPORT\n")
    n("Child: ", ("PATIENT", c.name(p, "fl")), "   DOB: ", ("DATE", c.date(c.ymd(2012, 2020), "num")), "   Test date: ",
      ("DATE", c.date()), "\n")
    n("Accompanied by mother ", ("RELATIVE", c.name((mum[0], p[1]), "fl")), "; physio ", ("CLINICIAN", c.name(c.staff(), "fl")), "\n\n")
    n("Dx: spastic diplegia, GMFCS level II, FMS 6/6/5. Previous SEMLS ", ("YEAR", c.year()), ".\n")
    n("Findings: crouch gait with increased knee flexion at initial contact (32 deg), equinus L>R, "
      "Silfverskiold test positive bilaterally; Duncan-Ely positive R. GDI 71.4 L / 78.2 R.\n")
    n("Static photographs ", ("ID_PHOTO", c.photo()), " and video ", ("ID_PHOTO", c.photo()), " in the lab archive.\n")
    n("Recommendation: discuss bilateral gastrocnemius recession at the CP surgical MDT.\n\n")
    n("Dr ", ("CLINICIAN", c.name(dr, "fl")), "   dict ", ("ID_DICTATION", c.dictation()), "   typed ", ("DATE", c.date(style="short")), "\n")
    if c.region == "US":
        n("NPI ", ("ID_NPI", c.npi()), "\n")


KINDS = {
    "anaes_intraop_record": (anaes_intraop_record, ["US"] * 12 + ["UK", "AU"]),
    "perfusion_record": (perfusion_record, ["US"] * 12 + ["SG", "IN"]),
    "bcma_override_log": (bcma_override_log, ["US"]),
    "call_bell_log": (call_bell_log, ["US"] * 12 + ["UK", "AU"]),
    "rtls_tag_log": (rtls_tag_log, ["US"] * 12 + ["SG", "CA"]),
    "pneumatic_tube_log": (pneumatic_tube_log, ["US"] * 12 + ["UK", "CA"]),
    "sql_resultset": (sql_resultset, ["US"]),
    "ics_invite": (ics_invite, ["US"] * 12 + ["UK", "CA"]),
    "ecmo_retrieval_call": (ecmo_retrieval_call, ["US"] * 12 + ["NZ", "AU"]),
    "sharps_exposure_report": (sharps_exposure_report, ["US"] * 12 + ["ZA", "IE"]),
    "vaccine_fridge_breach": (vaccine_fridge_breach, ["US"] * 12 + ["CA", "NZ"]),
    "equipment_loan": (equipment_loan, ["US"] * 12 + ["UK", "UK"]),
    "gait_lab_report": (gait_lab_report, ["US"] * 12 + ["UK", "AU"]),
}
