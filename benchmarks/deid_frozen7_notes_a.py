"""Clinic and procedure note kinds for the seventh frozen set (one function per kind)."""

STYLES = {}


def style(fn):
    STYLES[fn.__name__] = fn
    return fn


@style
def allergy_clinic(n):
    s = n.s
    n.f("ALLERGY & IMMUNOLOGY CLINIC - {h}\nPatient: {p}   MRN {m}   DOB {dob}\n", h=n.H(), p=n.P("LF"),
        m=n.M(), dob=n.D())
    n.f("Referred by {c} ({pr}) for ?peanut and penicillin allergy. Seen {d}.\n", c=n.C(), pr=n.H(), d=n.D())
    n.t("Hx: hives + lip swelling after amoxicillin in childhood (")
    n.f("{y}", y=n.Y())
    n.t("). Anaphylaxis to cashew at a wedding in ")
    n.f("{t}, ", t=n.L())
    n.f("treated w/ EpiPen x1 by her mother {r}.\n", r=n.R())
    n.t("SPT: peanut 8mm wheal, cashew 11mm, histamine 5mm, saline 0. sIgE Ara h 2 4.1 kU/L.\n")
    n.f("Plan: oral amoxicillin challenge on {d} (graded, 10%/90%). Adrenaline autoinjector x2, Lot 22K19 exp 08/27.\n"
        "School nurse {sn} to receive action plan, tel {ph}.\n", d=n.D(), sn=n.Cn(), ph=n.PH())
    n.f("Dictated {c} // transcribed {u} // job {j}\n", c=n.C(), u=n.U(), j=("ID_DICTATION", n.s.dictation()))


@style
def diabetes_pump(n):
    s = n.s
    n.f("Diabetes clinic - pump/CGM review  {d}\n{p} ({m})  age ", d=n.D(), p=n.P(), m=n.M())
    n.age_phrase()
    n.f("\nPump: t:slim X2 serial {sn}   CGM: Dexcom G7 transmitter {tx}\n", sn=("ID_DEVICE", s.device()),
        tx=("ID_DEVICE", s.device()))
    n.f("Download period {a} - {b} (14 days). TIR 58% (goal >70), TBR 4%, GMI 7.6%, CV 38%.\n", a=n.D(), b=n.D())
    n.t("Basal 0.85 u/h 00:00-06:00, 1.1 u/h 06:00-22:00. ICR 1:8 breakfast, 1:12 lunch. ISF 1:45.\n")
    n.f("Frequent lows 3am on weekends - pt says out dancing w/ {r}. Sick day rules revisited.\n", r=n.R("f"))
    n.f("Upload link {u} ; data shared from {ip}\n", u=("URL", s.url()), ip=("IP", s.ip()))
    n.f("Seen by {c}, DSN. Next: {d} at {h}.\n", c=n.Cn(), d=n.D(), h=n.H())


@style
def hepatology(n):
    n.f("HEPATOLOGY OUTPATIENTS  {h}\nRe: {p}, DOB {dob}, Hosp no {m}, {hp_lab} {hp}\n", h=n.H(), p=n.P(),
        dob=n.D(), m=n.M(), hp_lab=n.s.pick(["NHS No", "Health card", "Medicare", "Member ID"]), hp=n.HP())
    n.f("Dear {gp},\nI reviewed this ", gp=n.Cn())
    n.age_phrase()
    n.f(" yo man from {t} on {d} re: NAFLD / ?early cirrhosis. FibroScan 14.2 kPa, CAP 320. "
        "FIB-4 2.9. AFP 4. MELD 9, Child-Pugh A5.\n", t=n.L(), d=n.D())
    n.f("Drinks 30 units/wk since wife {r} died in {y}. Brief intervention; refer to alcohol liaison {c}.\n",
        r=n.R(), y=n.Y(), c=n.C())
    n.f("US liver accession {a}. OGD for varices booked {d}.\nYours sincerely,\n{c}\nConsultant Hepatologist\nDictation {j}\n",
        a=("ID_ACCESSION", n.s.accession()), d=n.D(), c=n.C(), j=("ID_DICTATION", n.s.dictation()))
    n.f("cc: {p2}, {addr_hint}", p2=n.P("fl"), addr_hint="")
    n.address()
    n.t("\n")


@style
def pft_report(n):
    n.f("PULMONARY FUNCTION LABORATORY          {h}\nName: {p}      ID: {m}\nDOB: {dob}   Ht 172 cm  Wt 81 kg\n",
        h=n.H(), p=n.P("LF"), m=n.M(), dob=n.D())
    n.f("Test date: {d}   Tech: {u}   Referring: {c}\n", d=n.D(), u=n.U(), c=n.C())
    n.t("            Pre    %Pred   Post   %Chg\nFEV1        1.92   64      2.21   +15\nFVC         3.10   81      "
        "3.25   +5\nFEV1/FVC    0.62           0.68\nDLCO        68% pred\n")
    n.f("Interp: moderate obstruction with significant BD response (ATS/ERS 2022 criteria). Spirometer {sn}.\n"
        "Read by {c} on {d}\n", sn=("ID_DEVICE", n.s.device()), c=n.C(), d=n.D())


@style
def bronchoscopy(n):
    n.f("Bronchoscopy Procedure Note\nPt {p}  MRN {m}  Acct {a}\nDate {d}  Suite 3, {h}\n", p=n.P(),
        m=n.M(), a=("ID_ACCOUNT", n.s.account()), d=n.D(), h=n.H())
    n.f("Operator: {c}; assist {c2}; sedation RN {c3}\n", c=n.C(), c2=n.C(), c3=n.Cn())
    n.t("Indication: RUL mass 2.4 cm, PET avid. Scope: Olympus BF-1TH190. EBUS-TBNA stations 4R, 7, 11R (x3 passes each).\n")
    n.f("BAL RML 120 mL instilled / 45 returned. Specimens: {a1}, {a2}. ROSE: adequate lymphocytes stn 7.\n",
        a1=("ID_ACCESSION", n.s.accession()), a2=("ID_ACCESSION", n.s.accession()))
    n.f("Scope serial {sn}. No complications. Result to pt's daughter {r} per pt request (ph {ph}).\n",
        sn=("ID_DEVICE", n.s.device()), r=n.R(), ph=n.PH())


@style
def ir_procedure(n):
    n.f("INTERVENTIONAL RADIOLOGY - PROCEDURE NOTE\n{p} / {m} / {d}\n", p=n.P("LF"), m=n.M(), d=n.D())
    n.f("Procedure: US-guided R IJ tunnelled line (14.5Fr Palindrome), CPT 36558. Operator {c}. Fellow {c2}.\n",
        c=n.C(), c2=n.C())
    n.f("Consent obtained from pt and son {r} at bedside. Time-out 14:32. Fluoro time 0.6 min, DAP 2.1 Gy.cm2.\n",
        r=n.R())
    n.f("Catheter lot {lot}, device ref {sn}. Tip at cavo-atrial junction. EBL <5 mL.\n",
        lot="LT-90331", sn=("ID_DEVICE", n.s.device()))
    n.f("Images {acc}. Return to {h} ward. Page IR on call {pg} with concerns.\n",
        acc=("ID_ACCESSION", n.s.accession()), h=n.H(), pg=("PHONE", n.s.pager()))


@style
def vascular_clinic(n):
    n.f("vascular surgery clinic {d}\n", d=n.D())
    n.f("{p}, ", p=n.P())
    n.age_phrase()
    n.f(", retired welder from {t}, {co}. r leg claudication 50 yds. ABPI R 0.54 L 0.88. "
        "duplex: SFA occlusion 12cm.\n", t=n.L(), co=("LOCATION", n.s.county()))
    n.f("smokes 20/d. wife {r} wants him to stop. started atorvastatin 80, clopidogrel 75.\n", r=n.R())
    n.f("angio booked {d} at {h}. reviewed w/ {c}.\n", d=n.D(), h=n.H(), c=n.C())


@style
def fracture_clinic(n):
    n.f("FRACTURE CLINIC   {h}   {d}\nName {p}   Hosp No {m}\n", h=n.H(), d=n.D(), p=n.P("LF"), m=n.M())
    n.f("Cyclist hit by car (reg {v}) outside home ({addr}) on {d2}. R distal radius # - dorsally angulated 20 deg. "
        "MUA in ED by {c}.\n", addr=("ADDRESS", n.s.street()), d2=n.D(), c=n.C(), v=("VEHICLE", n.s.vehicle()))
    n.f("Check XR {a}: position held. Cast for 6/52. Hand therapy referral to {c2}.\n",
        a=("ID_ACCESSION", n.s.accession()), c2=n.Cn())
    n.f("FU {d} - VFC phone {ph}. Wound photo {x}.\n", d=n.D(), ph=n.PH(), x=("ID_PHOTO", n.s.photo_id()))


@style
def hand_therapy(n):
    n.f("Hand Therapy Progress - {p}\nDate: {d}   Therapist: {c}\n", p=n.P(), d=n.D(), c=n.Cn())
    n.t("Dx: zone II FDP repair L ring finger, wk 5 post-op. Saint John protocol.\n"
        "ROM: MCP 0-80, PIP 10-75, DIP 5-40. Grip deferred. Jamar not yet.\n")
    n.f("Pt works as a chef in {t}; off work until {d}. Splint remade. Partner {r} helps w/ exercises.\n",
        t=n.L(), d=n.D(), r=n.R())
    n.f("Next appt {d} 10:40. Texted reminder to {ph}.\n", d=n.D(), ph=n.PH())


@style
def psych_med_mgmt(n):
    n.f("Psychiatry - medication management (20 min)  {d}\n", d=n.D())
    n.f("{p} seen w/ mother {r}. ", p=n.P("f"), r=n.R())
    n.t("Dx: bipolar I, current episode depressed, mild. On lithium 800 mg nocte (level 0.7 on ")
    n.f("{d}), lamotrigine 150 mg.\n", d=n.D())
    n.t("PHQ-9 11 (was 17). Sleep 7h. No SI/HI. TSH 2.1, eGFR 88, Ca 2.38.\n")
    n.f("Pharmacy: {h}, fax {fx}. Rx sent via e-Rx; DEA {dea}.\n", h=n.H(), fx=n.FX(), dea=("ID_DEA", n.s.dea()))
    n.f("RTC 6 wks. {c} (NPI {npi}); pt email {e}\n", c=n.C(), npi=("ID_NPI", n.s.npi()), e=n.E())


@style
def neuropsych(n):
    n.f("NEUROPSYCHOLOGICAL EVALUATION\nExaminee: {p}\nDOB: {dob}   Age: ", p=n.P(), dob=n.D())
    n.age_phrase()
    n.f("\nDates of testing: {a} and {b}\nExaminer: {c}, PhD; psychometrist {c2}\n", a=n.D(), b=n.D(),
        c=n.Cn(), c2=n.Cn())
    n.f("Referral: {c} (memory clinic, {h}).\n", c=n.C(), h=n.H())
    n.f("Background: {e} years of education; worked as bookkeeper in {t} until {y}. Daughter {r} reports "
        "getting lost driving to church.\n", e=12, t=n.L(), y=n.Y(), r=n.R())
    n.t("Results: MoCA 19/30. RBANS total 71. Trails B 212 s (impaired). BNT 46/60. WAIS-IV FSIQ 94.\n"
        "Impression: amnestic MCI vs early Alzheimer's disease (NIA-AA 2018 framework).\n")
    n.f("Report job no. {j}; results e-mailed to {e}\n", j=("ID_DICTATION", n.s.dictation()), e=n.E())


@style
def safeguarding(n):
    n.f("SAFEGUARDING CHILDREN REFERRAL - CONFIDENTIAL\nChild: {p}   DOB {dob}   NHS/ID {hp}\n", p=n.P("LF"),
        dob=n.D(), hp=n.HP())
    n.t("Address: ")
    n.address()
    n.f("\nParents/carers: {r1} (mother), {r2} (mother's partner)\nSchool: {sch}\n", r1=n.R("fl"),
        r2=n.R("fl"), sch=n.s.pick(["Year 3", "Reception", "Year 5"]))
    n.f("Concern: 4 bruises on upper arm (fingertip pattern) noted by {c} on {d}. Child said '{r} grabbed me'.\n",
        c=n.C(), d=n.D(), r=n.R("f"))
    n.f("Body map photos {x}. Referrer: {c}, tel {ph}, bleep {b}. Social care duty team emailed {e}.\n", c=n.C(), ph=n.PH(),
        b=("PHONE", n.s.pager()), e=n.E(), x=("ID_PHOTO", n.s.photo_id()))


@style
def sane_exam(n):
    n.f("FORENSIC NURSE EXAMINATION (SANE) - {h}\nPatient: {p}   Age: ", h=n.H(), p=n.P())
    n.age_phrase()
    n.f("   MRN {m}\nDate/time of exam: {d} 02:15   Assault reported {d2}\n", m=n.M(), d=n.D(), d2=n.D())
    n.f("Examiner: {c}, SANE-A. Advocate present: {c2}.\nOfficer: PC {o}\n",
        c=n.Cn(), c2=n.Cn(), o=("CLINICIAN", n.s.last()))
    n.f("Kit {kit} sealed and given to officer. Photos {ph1}, {ph2}. Location of incident: {t}.\n",
        kit=("ID_ACCESSION", n.s.accession()), ph1=("ID_PHOTO", n.s.photo_id()), ph2=("ID_PHOTO", n.s.photo_id()),
        t=n.L(), v=("VEHICLE", n.s.vehicle()))
    n.f("Voice statement recorded, voiceprint ref {b}; fingerprints not taken.\n", b=("BIOMETRIC", n.s.biometric()))
    n.t("PEP: tenofovir/emtricitabine + raltegravir started; ceftriaxone 500 mg IM, azithro 1 g PO, EC offered.\n")


@style
def travel_medicine(n):
    n.f("Travel Clinic  {d}\n{p}  {m}\n", d=n.D(), p=n.P(), m=n.M())
    n.f("Travelling to {c1} and {c2} {a}-{b} visiting brother {r}. Previous: typhoid {y}, HepA x2.\n",
        c1=n.s.pick(["Ghana", "Peru", "Nepal", "Vietnam"]), c2=n.s.pick(["Kenya", "Bolivia", "India", "Laos"]),
        a=n.D(), b=n.D(), r=n.R(), y=n.Y())
    n.t("Given: yellow fever (Stamaril lot V8B41), rabies pre-exposure x2, Typhim Vi. Malarone 1/d.\n")
    n.f("ICVP cert signed by {c}. Passport no. {lic}.\n", c=n.C(), lic=("ID_LICENSE", n.s.license()))


@style
def falls_clinic(n):
    n.f("FALLS CLINIC ASSESSMENT\n{p}, ", p=n.P())
    n.age_phrase()
    n.t(" yrs, lives alone at ")
    n.address()
    n.f("\n3 falls since {d}. Lying/standing BP 148/82 -> 118/70. TUG 19 s. Berg 38/56.\n", d=n.D())
    n.f("Vit D 21. On amlodipine, doxazosin, zopiclone. Lifeline pendant {dev}. Son {r} visits Sundays.\n",
        dev=("ID_DEVICE", n.s.device()), r=n.R())
    n.f("OT home visit {d}. Physio {c}. GP {gp}, {pr}.\n", d=n.D(), c=n.Cn(), gp=n.C(), pr=n.H())


@style
def memory_clinic(n):
    n.f("memory clinic - {h}\n{d}\n", h=n.H(), d=n.D())
    n.f("{p} ({hp}) attended with niece {r}.\n", p=n.P(), hp=n.HP(), r=n.R())
    n.f("ACE-III 71/100 (attn 15, mem 14, fluency 7, lang 22, VS 13). onset ~ {y}. ", y=n.Y())
    n.f("Born {dob} in {t}; age ", dob=n.D(), t=n.L())
    n.age_phrase()
    n.t(".\nCT head: generalised atrophy, small vessel disease. Donepezil 5 mg started.\n")
    n.f("DVLA/licence {lic} - advised to stop driving. Reg {v}.\n", lic=("ID_LICENSE", n.s.license()),
        v=("VEHICLE", n.s.vehicle()))
    n.f("{c}\n", c=n.C())
