"""Writer 13's note kinds, part A (records of machines, registers, exports, forms). Held out."""
from __future__ import annotations

from deid_frozen13_core import (dob, HOSP, Note, age90, date, dea, digits, email, healthplan, ip, letters, mrn,
                                nform, npi, person, phone, place, plate, ssn, street, vin)

KINDS_A = {}


def kind(cc):
    def deco(f):
        KINDS_A[f.__name__[2:]] = (f, cc)
        return f
    return deco


def P(s): return ("PATIENT", s)
def C(s): return ("CLINICIAN", s)
def R(s): return ("RELATIVE", s)
def D(s): return ("DATE", s)


@kind("US")
def k_epcr_export(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r)
    cf, cl = person(r)
    town, st, z = place(r, "US")
    n.add("ePCR EXPORT v4.2|AGENCY=Med-", ("LOCATION", town), " Fire Rescue|UNIT=M",
          str(r.randint(11, 99)), "\n")
    n.add("INCIDENT_NO|", ("ID_ACCOUNT", f"{r.randint(2019, 2026)}-{digits(r, 6)}"), "\n")
    n.add("PT_NAME_LAST|", P(l.upper()), "\nPT_NAME_FIRST|", P(f.upper()), "\n")
    n.add("PT_DOB|", D(dob(r, "US", "num")), "\nPT_ADDR|", ("ADDRESS", street(r).upper()), "|",
          ("LOCATION", town.upper()), "|", st, "|", ("ZIP", z), "\n")
    if r.random() < 0.5:
        n.add("PT_AGE|", ("AGE", age90(r)), "|YEARS\n")
    n.add("CALL_RCVD|", D(date(r, "US", "iso")), " 02:14:", str(r.randint(10, 59)), "\n")
    n.add("VITALS|BP 88/52|HR 118|RR 24|SpO2 89% RA|GCS 14 (E4V4M6)|BGL 212\n")
    n.add("NARR|Resp to res for ", r.choice(["fall", "sob", "cp", "ams"]),
          ". pt found on floor of kitchen, dtr ", R(r.choice(["Shawna", "Kelsey", "Brianna"])),
          " on scene states last known well 2200. NRB applied, 18g L AC, NS 500 bolus.\n")
    n.add("CREW1|", C(f"{cl}, {cf}"), "|EMT-P|STATE LIC ", ("ID_LICENSE", f"P{digits(r, 6)}"), "\n")
    n.add("MONITOR_SN|", ("ID_DEVICE", f"LP15-{digits(r, 8)}"), "|ECG 12L uploaded 02:31\n")
    n.add("DEST|", ("HOSPITAL", r.choice(HOSP["US"])), "|TRAUMA LVL III\n")
    n.add("VEH|MEDIC ", str(r.randint(1, 20)), "|PLATE ", ("VEHICLE", plate(r)), "\n")
    return n, "US"


@kind("UK")
def k_mdt_outcome(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r, "UK")
    town, _, pc = place(r, "UK")
    h = r.choice(HOSP["UK"])
    n.add("UPPER GI CANCER MDT - OUTCOME PROFORMA\nMeeting date: ", D(date(r, "UK", "mon")), "\n")
    n.add("Patient: ", P(f"{l.upper()}, {f}"), "   NHS No: ", ("ID_HEALTHPLAN", healthplan(r, "UK")),
          "   Hosp No: ", ("ID_MRN", f"{letters(r, 1)}{digits(r, 6)}"), "\n")
    n.add("DOB: ", D(dob(r, "UK", "num")), "   Referring trust: ", ("HOSPITAL", h), "\n")
    n.add("Address: ", ("ADDRESS", street(r)), ", ", ("LOCATION", town), " ", ("ZIP", pc), "\n\n")
    n.add("Present: Mr ", C(person(r, "UK")[1]), " (Surgeon, chair), Dr ", C(nform(r, *person(r, "UK"), "i")),
          " (Radiology), Dr ", C(person(r, "IN")[1]), " (Histopathology), CNS ", C(person(r, "UK")[0]), "\n")
    n.add("Clinical summary: oesophageal adenocarcinoma, Siewert II, staged cT3 N1 M0 on CT ", D(date(r, "UK", "num")),
          " and PET-CT. ECOG 1. Histology ", ("ID_ACCESSION", f"H{r.randint(19, 26)}/{digits(r, 5)}"),
          " HER2 negative (IHC 1+). TNM 8th edition (2017).\n")
    n.add("Outcome: for neoadjuvant FLOT x4 then Ivor Lewis oesophagectomy. Refer to Dr ",
          C(person(r, "UK")[1]), " (oncology). CNS to ring patient on ", ("PHONE", phone(r, "UK")), ".\n")
    if r.random() < 0.35:
        n.add("Note: patient is ", ("AGE", age90(r)), " - frailty review before surgery.\n")
    n.add("Outcome recorded by MDT coordinator ", C(nform(r, *person(r, "UK"), "fl")), ".\n")
    return n, "UK"


@kind("US")
def k_dea_222_order(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r)
    town, st, z = place(r, "US")
    n.add("CSOS / FORM 222 ORDER RECORD  (Schedule II)\n")
    n.add("Registrant: ", ("HOSPITAL", r.choice(HOSP["US"])), " Inpatient Pharmacy\n")
    n.add("Registrant address: ", ("ADDRESS", street(r)), ", ", ("LOCATION", town), ", ", st, " ", ("ZIP", z), "\n")
    n.add("DEA Reg No: ", ("ID_DEA", dea(r, "S")), "   Order form no: ", ("ID_ACCOUNT", digits(r, 9)), "\n")
    n.add("Ordered by (POA): ", C(nform(r, f, l, "lf fl")), ", PharmD  DEA ", ("ID_DEA", dea(r, l)), "\n")
    n.add("Date ordered: ", D(date(r, "US")), "   Supplier: McKesson DC 8811\n\n")
    n.add("Line  NDC            Item                               Qty  Pkg\n")
    n.add("1     0409-1890-01   HYDROmorphone 2 mg/mL inj          25   1 mL\n")
    n.add("2     0054-0237-25   Oxycodone IR 5 mg tab              10   100s\n")
    n.add("3     63323-0484-01  Fentanyl 50 mcg/mL                 5    2 mL\n\n")
    n.add("Received: ", D(date(r, "US", "num")), " by ", C(nform(r, *person(r), "fl i")), ", CPhT, witness ",
          C(nform(r, *person(r), "ii")), "\n")
    return n, "US"


@kind("US")
def k_provider_roster(r, sloppy=None):
    n = Note(sloppy)
    n.add("PAYER ROSTER UPDATE - delegated credentialing file (pipe delimited)\n")
    n.add("LAST|FIRST|NPI|STATE_LIC|DEA|GROUP|EFFECTIVE|PHONE|FAX\n")
    for _ in range(r.randint(3, 5)):
        f, l = person(r)
        n.add(C(l.upper()), "|", C(f.upper()), "|", ("ID_NPI", npi(r)), "|", ("ID_LICENSE", f"{r.choice(['MD', 'DO', 'NP'])}{digits(r, 6)}"),
              "|", ("ID_DEA", dea(r, l)), "|", ("HOSPITAL", r.choice(HOSP["US"]).upper()), "|",
              D(date(r, "US", "num")), "|", ("PHONE", phone(r)), "|", ("FAX", phone(r)), "\n")
    n.add("TRAILER|RECORDS=", str(r.randint(3, 5)), "|CAQH batch ", digits(r, 4), "|ICD-10 specialty map v2024\n")
    return n, "US"


@kind("ZA")
def k_za_raf_medical(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r, "ZA")
    town, prov, pc = place(r, "ZA")
    n.add("ROAD ACCIDENT FUND - RAF 1 MEDICAL REPORT (Section 4)\n")
    n.add("Claimant surname: ", P(l), "      First names: ", P(f), "\n")
    n.add("Identity number: ", ("SSN", f"{digits(r, 6)} {digits(r, 4)} 08{r.randint(0, 9)}"), "\n")
    n.add("Residential: ", ("ADDRESS", street(r)), ", ", ("LOCATION", town), ", ", prov, ", ", ("ZIP", pc), "\n")
    n.add("Date of accident: ", D(date(r, "ZA", "num")), "   Vehicle reg (insured): ", ("VEHICLE", plate(r, "ZA")), "\n")
    n.add("Treated at: ", ("HOSPITAL", r.choice(HOSP["ZA"])), "   Hosp no: ", ("ID_MRN", mrn(r, "ZA")), "\n")
    n.add("Injuries: # L tibial plateau (Schatzker II), ORIF ", D(date(r, "ZA", "mon")),
          ". GCS 15/15 on arrival. AIS 3. Whole Person Impairment per AMA Guides 6th ed.\n")
    n.add("Ek het die eiser self ondersoek. Examining practitioner: Dr ", C(nform(r, *person(r, "ZA"), "fl i")),
          ", HPCSA reg ", ("ID_LICENSE", f"MP {digits(r, 7)}"), "   Tel ", ("PHONE", phone(r, "ZA")), "\n")
    return n, "ZA"


@kind("IN")
def k_in_pmjay_discharge(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r, "IN")
    town, stt, pin = place(r, "IN")
    n.add("AB-PMJAY  DISCHARGE SUMMARY / CLAIM DOCUMENT\n")
    n.add("Beneficiary: ", P(f"{f.upper()} {l.upper()}"), "   S/o ", R(nform(r, *person(r, "IN"), "fl")), "\n")
    n.add("PMJAY ID: ", ("ID_HEALTHPLAN", f"P{letters(r, 2)}{digits(r, 7)}"), "  ABHA No: ", ("ID_HEALTHPLAN", healthplan(r, "IN")), "\n")
    n.add("Aadhaar (masked in portal, full on paper): ", ("SSN", f"{digits(r, 4)} {digits(r, 4)} {digits(r, 4)}"), "\n")
    n.add("Addr: ", ("ADDRESS", f"H.No. {r.randint(1, 80)}-{r.randint(1, 300)}, {r.choice(['Gandhi Nagar', 'Near Hanuman Mandir', 'Ward 7'])}"),
          ", ", ("LOCATION", town), ", ", stt, " - ", ("ZIP", pin), "  Mob ", ("PHONE", phone(r, "IN")), "\n")
    n.add("Hospital: ", ("HOSPITAL", r.choice(HOSP["IN"])), "  IP No. ", ("ID_MRN", f"IP/{r.randint(2022, 2026)}/{digits(r, 5)}"), "\n")
    n.add("DOA: ", D(date(r, "IN", "num")), "  DOD: ", D(date(r, "IN", "num")), "  Package: SG039B (PTCA single stent)\n")
    n.add("Course: pt c/o chest pain x 2 days, ECG ST elev II III aVF. CAG s/o RCA 95% - PTCA done. Troponin I 12.4. "
          "Advised Tab. Ecosprin 75 OD, Tab. Clopitab 75 OD, Tab. Atorva 40 HS. Review after 1 week in OPD (Mon/Thu).\n")
    n.add("Treating Dr: ", C(nform(r, *person(r, "IN"), "fl i")), " MD DM (Cardio)  Reg No ", ("ID_LICENSE", f"TCMC {digits(r, 5)}"), "\n")
    return n, "IN"


@kind("SG")
def k_sg_medisave_claim(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r, "SG")
    town, _, pc = place(r, "SG")
    nm = f"{l} {f}" if r.random() < 0.6 else f"{f} {l}"
    n.add("MEDISAVE / MEDISHIELD LIFE CLAIM  - CHRONIC DISEASE MGMT PROGRAMME\n")
    n.add("Patient name (as in NRIC): ", P(nm.upper()), "\nNRIC: ", ("SSN", f"{r.choice('STFG')}{digits(r, 7)}{letters(r, 1)}"), "\n")
    n.add("Account holder: ", R(nform(r, *person(r, "SG"), "fl")), " (son)  NRIC ", ("SSN", f"S{digits(r, 7)}{letters(r, 1)}"), "\n")
    n.add("Address: ", ("ADDRESS", street(r)), " Singapore ", ("ZIP", pc), "\n")
    n.add("Institution: ", ("HOSPITAL", r.choice(HOSP["SG"])), "   Visit: ", D(date(r, "SG", "mon")), "\n")
    n.add("Dx: E11.9 T2DM, I10 HTN. HbA1c 7.8%. Claim S$500 (CDMP cap).\n")
    n.add("Doctor: ", C(nform(r, *person(r, "SG"), "fl")), "  MCR ", ("ID_LICENSE", f"M{digits(r, 5)}{letters(r, 1)}"),
          "  Tel ", ("PHONE", phone(r, "SG")), "\n")
    return n, "SG"


@kind("KE")
def k_ke_shif_preauth(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r, "KE")
    town, _, pc = place(r, "KE")
    n.add("SOCIAL HEALTH AUTHORITY - PRE-AUTHORISATION REQUEST\nFacility: ", ("HOSPITAL", r.choice(HOSP["KE"])), "\n")
    n.add("Member: ", P(f"{f} {l}"), "  SHA No: ", ("ID_HEALTHPLAN", f"SHA{digits(r, 8)}"), "  ID No: ", ("SSN", digits(r, 8)), "\n")
    n.add("P.O. Box ", ("ADDRESS", f"{r.randint(10, 9999)}"), "-", ("ZIP", pc), " ", ("LOCATION", town), "  Tel ", ("PHONE", phone(r, "KE")), "\n")
    n.add("Next of kin: ", R(nform(r, *person(r, "KE"), "fl")), " (wife)\n")
    n.add("Requested: haemodialysis 2x/week x 4 weeks. Dx N18.5 CKD stage 5, creat 812 umol/L. Date: ",
          D(date(r, "KE")), "\nRequesting clinician: Dr ", C(nform(r, *person(r, "KE"), "fl")), "  KMPDC ",
          ("ID_LICENSE", f"A{digits(r, 4)}"), "\n")
    return n, "KE"


@kind("US")
def k_door_access_log(r, sloppy=None):
    n = Note(sloppy)
    n.add("BADGE + FINGERPRINT ACCESS LOG  Controlled area: Pharmacy vault B2  Export ", D(date(r, "US", "iso")), "\n")
    n.add("TIME      RESULT  EMPLOYEE                 TEMPLATE_ID            DOOR\n")
    for _ in range(r.randint(3, 6)):
        f, l = person(r)
        n.add(D(date(r, "US", "short")), f" {r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}  ", r.choice(["GRANT ", "GRANT ", "DENY  "]), "  ",
              C(f"{l.upper()}, {f.upper()}"), " " * max(1, 24 - len(l) - len(f)), ("BIOMETRIC", f"FP-{digits(r, 10)}"), "    B2-IN\n")
    n.add("Reader firmware 3.1.7; controller ", ("IP", ip(r)), "\n")
    return n, "US"


@kind("AU")
def k_fleet_vehicle_log(r, sloppy=None):
    n = Note(sloppy)
    n.add("PATIENT TRANSPORT SERVICE - VEHICLE DAY SHEET\nDepot: ", ("LOCATION", place(r, "AU")[0]), "   Date: ", D(date(r, "AU", "num")), "\n")
    n.add("Vehicle rego: ", ("VEHICLE", plate(r, "AU")), "   VIN ", ("VEHICLE", vin(r)), "   ODO start 218 442\n")
    n.add("Driver: ", C(nform(r, *person(r, "AU"), "fl lf")), "   Attendant: ", C(nform(r, *person(r, "AU"), "f")), "\n")
    for i in range(r.randint(2, 4)):
        f, l = person(r, "AU")
        town, stt, pc = place(r, "AU")
        n.add(f"Job {i + 1}: ", P(f"{l.upper()} {f}"), " from ", ("ADDRESS", street(r)), " ", ("LOCATION", town), " ", stt, " ",
              ("ZIP", pc), " to ", ("HOSPITAL", r.choice(HOSP["AU"])), " renal unit. Medicare ", ("ID_HEALTHPLAN", healthplan(r, "AU")), "\n")
    return n, "AU"


@kind("US")
def k_police_blood_kit(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r)
    n.add("BLOOD ALCOHOL / DRUG KIT - CHAIN OF CUSTODY\nSubject: ", P(f"{l}, {f}"), "   DOB ", D(dob(r, "US", "num")), "\n")
    n.add("DL#: ", ("ID_LICENSE", f"{letters(r, 1)}{digits(r, 7)}"), "   Vehicle: ", r.choice(["2014 Ford F-150", "2009 Honda Civic", "2019 Kia Soul"]),
          " plate ", ("VEHICLE", plate(r)), "\n")
    n.add("Collected at ", ("HOSPITAL", r.choice(HOSP["US"])), " ED bay 7 on ", D(date(r, "US")), " 01:52 by ", C(nform(r, *person(r), "fl")), ", RN\n")
    n.add("Kit seal no: ", ("ID_ACCESSION", f"BK{digits(r, 7)}"), "  grey-top x2 (NaF/K-ox), non-alcohol swab (povidone)\n")
    n.add("Received by Officer ", r.choice(["J.", "T.", "M."]), " ", person(r)[1], " badge 4471\n")
    return n, "US"


@kind("UK")
def k_medical_illustration_req(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r, "UK")
    n.add("MEDICAL ILLUSTRATION - REQUEST & IMAGE INDEX\nPatient: ", P(f"{f} {l}"), "  MRN ", ("ID_MRN", mrn(r, "UK")),
          "  DOB ", D(dob(r, "UK")), "\n")
    n.add("Requested by: ", C(nform(r, *person(r, "UK"), "i")), " (Plastics)  Consent form 3 signed ", D(date(r, "UK", "num")), "\n")
    n.add("Images captured (Canon R6, DICOM wrapped to PACS):\n")
    for _ in range(r.randint(2, 4)):
        n.add("  ", ("ID_PHOTO", f"IMG_{digits(r, 4)}.CR3"), "  ", r.choice(["full face frontal", "L lateral face", "R oblique incl. face", "forearm flap donor site"]), "\n")
    n.add("Photographer: ", C(nform(r, *person(r, "UK"), "fl")), "\n")
    return n, "UK"


@kind("US")
def k_transcription_queue(r, sloppy=None):
    n = Note(sloppy)
    n.add("TRANSCRIPTION QUEUE - STAT/ROUTINE  (printed ", D(date(r, "US", "num")), ")\n")
    n.add("JOB#        AUTHOR             PATIENT                 MRN         TYPE    TAT\n")
    for _ in range(r.randint(3, 5)):
        cf, cl = person(r)
        f, l = person(r)
        n.add(("ID_DICTATION", f"{digits(r, 8)}"), "    ", C(f"{cl}, {cf[0]}"), "    ", P(f"{l.upper()}, {f.upper()}"), "    ",
              ("ID_MRN", mrn(r)), "   ", r.choice(["H&P", "OP", "DC", "CONS"]), "  ", D(date(r, "US", "short")), "  ", r.choice(["2h", "24h", "OVERDUE"]), "\n")
    n.add("Voice profile re-enrolment due for author ", C(person(r)[1]), ": voiceprint ", ("BIOMETRIC", f"VP-{letters(r, 2)}{digits(r, 6)}"), "\n")
    return n, "US"


@kind("US")
def k_vc_session_log(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r)
    cf, cl = person(r)
    n.add("VIDEO VISIT SESSION LOG  platform=Vidyo-HC 22.4\nsession_id=", ("ID_ACCOUNT", f"VS-{digits(r, 9)}"), "\n")
    n.add("patient_join  ", D(date(r, "US", "iso")), "T14:02:11Z  ip=", ("IP", ip(r)), "  ua=Android 14 / Chrome 120\n")
    n.add("provider_join ", D(date(r, "US", "iso")), "T14:03:40Z  ip=", ("IP", ip(r)), "  user=", ("EMAIL", email(r, cf, cl, "vhs-health.org")), "\n")
    n.add("participants: ", P(nform(r, f, l, "fl")), " (patient), ", R(nform(r, *person(r), "fl f")), " (caregiver), Dr. ", C(cl), "\n")
    n.add("waiting room url: ", ("URL", f"https://visit.vhs-health.org/r/{letters(r, 4).lower()}{digits(r, 5)}"), "\n")
    if r.random() < 0.6:
        n.add("identity check: voice biometric match 0.93 template ", ("BIOMETRIC", f"VB{digits(r, 9)}"), "\n")
    n.add("events: 14:09 packet loss 12%  14:11 audio-only fallback  14:27 ended by provider\n")
    return n, "US"


@kind("US")
def k_dlp_alert(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r)
    cf, cl = person(r)
    n.add("From: dlp-noreply@", "vhs-health.org\nSubject: [DLP] Outbound email held - PHI pattern (SSN, MRN)\n\n")
    n.add("Sender: ", ("EMAIL", email(r, cf, cl, "vhs-health.org")), " (", C(f"{cf} {cl}"), ")\nRecipient: ", ("EMAIL", email(r, f, l)), "\n")
    n.add("Client IP: ", ("IP", ip(r)), "   Policy: HIPAA-Outbound-v3 (rule 17)\nMatched content (first 2 matches shown):\n")
    n.add("  \"...for ", P(f"{f} {l}"), " SSN ", ("SSN", ssn(r)), " MRN ", ("ID_MRN", mrn(r)), " please re-send EOB...\"\n")
    n.add("Action: quarantined. Release at ", ("URL", f"https://dlp.vhs-health.org/q/{digits(r, 7)}"), " within 72h.\n")
    return n, "US"


@kind("US")
def k_hearing_aid_repair(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r)
    town, st, z = place(r, "US")
    n.add("HEARING INSTRUMENT REPAIR TICKET\nPatient: ", P(nform(r, f, l, "lf fl")), "   Acct ", ("ID_ACCOUNT", digits(r, 7)), "\n")
    n.add("Ship to: ", ("ADDRESS", street(r)), ", ", ("LOCATION", town), " ", st, " ", ("ZIP", z), "\n")
    n.add("Left: Phonak Audeo P90-R  SN ", ("ID_DEVICE", f"{digits(r, 4)}X{digits(r, 4)}"), "   Right SN ", ("ID_DEVICE", f"{digits(r, 4)}X{digits(r, 4)}"), "\n")
    n.add("Complaint: intermittent, receiver wax guard clogged. Warranty until ", D(date(r, "US", "mon")), "\n")
    if r.random() < 0.5:
        n.add("Pt is ", ("AGE", age90(r)), " y/o, wife ", R(person(r)[0]), " handles calls ", ("PHONE", phone(r)), "\n")
    n.add("Audiologist: ", C(nform(r, *person(r), "fl")), ", AuD  lic ", ("ID_LICENSE", f"AU{digits(r, 5)}"), "\n")
    return n, "US"


@kind("US")
def k_device_complaint(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r)
    n.add("CGM / PUMP COMPLAINT INTAKE  case ", ("ID_ACCOUNT", f"CMP-{digits(r, 7)}"), "\n")
    n.add("Reporter: ", R(nform(r, *person(r), "fl")), " (mother) tel ", ("PHONE", phone(r)), "\nUser: ", P(nform(r, f, l, "fl f")), ", DOB ", D(dob(r)), "\n")
    n.add("Sensor lot 5231K, sensor SN ", ("ID_DEVICE", f"{letters(r, 2)}{digits(r, 8)}"), "; pump SN ", ("ID_DEVICE", f"NG{digits(r, 7)}H"), "\n")
    n.add("Event ", D(date(r, "US", "num")), ": sensor read 54 mg/dL vs fingerstick 148. No ED visit. Replacement shipped.\n")
    n.add("Photo of sensor site uploaded: ", ("ID_PHOTO", f"cmp_{digits(r, 6)}_face.jpg"), "\n")
    return n, "US"


@kind("US")
def k_iwrs_confirmation(r, sloppy=None):
    n = Note(sloppy)
    cf, cl = person(r)
    n.add("IWRS RANDOMIZATION CONFIRMATION - Protocol ZX-4471-302 (Phase 3)\nSite: ", ("HOSPITAL", r.choice(HOSP["US"])), " (site 0", str(r.randint(10, 99)), ")\n")
    n.add("Investigator: ", C(f"{cl}, {cf}"), "  NPI ", ("ID_NPI", npi(r)), "\n")
    n.add("Subject no: 302-", str(r.randint(10, 99)), "-", str(r.randint(100, 999)), "  Initials: ", P(letters(r, 3)), "  YOB: ", ("YEAR", str(r.randint(1940, 1990))), "\n")
    n.add("Randomized: ", D(date(r, "US", "mon")), "  Kit no: ", ("ID_DEVICE", f"K{digits(r, 6)}"), "  Stratum: eGFR >= 45\n")
    n.add("PK sample biobank id ", ("ID_BIOBANK", f"BB-{digits(r, 4)}-{letters(r, 2)}{digits(r, 3)}"), "\n")
    n.add("Sent to ", ("EMAIL", email(r, cf, cl, "sitemail.org")), ", fax ", ("FAX", phone(r)), "\n")
    return n, "US"
