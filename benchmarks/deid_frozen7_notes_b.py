"""Meeting, administrative and record-shaped note kinds for the seventh frozen set."""

STYLES = {}


def style(fn):
    STYLES[fn.__name__] = fn
    return fn


@style
def palliative_meeting(n):
    n.f("Family meeting minutes - palliative care, {h}\nDate: {d}  Room: Quiet Room 2\n", h=n.H(), d=n.D())
    n.f("Present: {c} (consultant), {c2} (CNS), {r1} (wife), {r2} (son, by phone {ph}), {c3} (SW)\n",
        c=n.C(), c2=n.Cn(), r1=n.R(), r2=n.R(), ph=n.PH(), c3=n.Cn())
    n.f("Re: {p}, ", p=n.P())
    n.age_phrase()
    n.t(". Metastatic pancreatic ca, PPS 30%. Family understand he is dying.\n"
        "Agreed: DNACPR, stop IV abx, syringe driver (midazolam 10 mg/24h, oxycodone 10 mg/24h).\n")
    n.f("Wishes to die at home in {t}; rapid discharge planned {d}. Priest Fr {fr} to visit.\n", t=n.L(), d=n.D(),
        fr=("CLINICIAN", n.s.last()))


@style
def ethics_consult(n):
    n.f("CLINICAL ETHICS CONSULTATION\nRequested by: {c} on {d}\nPatient: {p}, MRN {m}\n", c=n.C(), d=n.D(),
        p=n.P("LF"), m=n.M())
    n.f("Question: continued ECMO vs withdrawal; surrogate conflict between daughter {r1} (HCPOA) and "
        "son {r2}.\n", r1=n.R(), r2=n.R())
    n.f("Pt's prior statements (per {r}): 'never want to be kept alive on machines' after sister's death in {y}.\n",
        r=n.R("f"), y=n.Y())
    n.f("Recommendation: time-limited trial to {d}, then reconvene. Ethics: {c}, {c2}. Pager {pg}.\n",
        d=n.D(), c=n.Cn(), c2=n.Cn(), pg=("PHONE", n.s.pager()))


@style
def tumour_board(n):
    n.f("MULTIDISCIPLINARY TUMOUR BOARD - {d}\nChair: {c}  Coordinator: {c2}\n", d=n.D(), c=n.C(), c2=n.Cn())
    for i in range(n.r.randint(2, 4)):
        n.f("{i}. {p} | {m} | ", i=i + 1, p=n.P("LF"), m=n.M())
        n.age_phrase()
        n.f(" | ref {c} ({h}) | path {a}\n", c=n.Cn(), h=n.H(), a=("ID_ACCESSION", n.s.accession()))
        n.t(n.s.pick(["   cT2N1M0 rectal adeno, MMR proficient -> TNT per NCCN 2024\n",
                      "   pT3a ccRCC, Fuhrman 3 -> surveillance\n", "   HER2+ breast, ypT0 -> complete trastuzumab\n"]))


@style
def mm_minutes(n):
    n.f("M&M meeting, dept of surgery, {d}\nCase presented by {c}:\n", d=n.D(), c=n.C())
    n.f("pt {ini} (", ini=("PATIENT", n.s.pick([n.s.first()[0] + n.s.last()[0], n.s.first()[0] + "." + n.s.last()[0] + "."])))
    n.age_phrase()
    n.f("F) lap chole {d} at {h}, bile leak POD2, ERCP by {c}. Clavien-Dindo IIIa.\n", d=n.D(), h=n.H(),
        c=n.Cn())
    n.t("Learning: CVS not documented; adopt SAGES 2020 'safe chole' checklist. No blame.\n")
    n.f("Attendees signed: {a}, {b}, {cc}\n", a=n.U(), b=n.U(), cc=n.Cn())


@style
def trial_screening(n):
    n.f("Screening log - study ONC-7731 (phase II)  site {h}\nPI {c}\n", h=n.H(), c=n.C())
    n.t("Scr#  | Initials | Screen date | Age | Eligible | Reason\n")
    for i in range(n.r.randint(3, 6)):
        f, l = n.s.first(), n.s.last()
        n.f("{k}     | {ini}      | {d}  | ", k=str(i + 1).rjust(2), ini=("PATIENT", f[0] + l[0]), d=n.D())
        n.age_phrase()
        n.t(" | " + n.s.pick(["Y  | -", "N  | eGFR 28", "N  | prior anti-PD1", "Y  | -", "N  | ECOG 3"]) + "\n")
    n.f("Biobank consent: {b}\n", b=("ID_BIOBANK", n.s.biobank()))


@style
def case_report_form(n):
    n.f("CASE REPORT FORM - Visit 4 (week 12)\nSite: {h}\n",
        h=n.H())
    n.f("Participant name (source only): {p}\nVisit date: {d}\nSample ID: {b}\n", p=n.P(), d=n.D(),
        b=("ID_BIOBANK", n.s.biobank()))
    n.t("AE: grade 2 diarrhoea (CTCAE v5.0), started day 71, ongoing. ConMed: loperamide 2 mg prn.\n"
        "Vitals: BP 128/76, HR 82, T 36.9. Weight 64.2 kg.\n")
    n.f("Completed by {c} ({u}) {d}; monitor query to {e}\n", c=n.Cn(), u=n.U(), d=n.D(), e=n.E())


@style
def radonc_summary(n):
    n.f("RADIATION ONCOLOGY TREATMENT SUMMARY\n{p}   {m}   {h}\n", p=n.P(), m=n.M(), h=n.H())
    n.f("Course: {a} to {b}. Prostate + SV, 60 Gy in 20 fractions (CHHiP schedule), VMAT, daily CBCT.\n",
        a=n.D(), b=n.D())
    n.t("Acute toxicity: RTOG GU 1, GI 1. ADT: 6 months leuprorelin.\n")
    n.f("Fiducials placed {d} (lot FM-2231). Machine Linac 3. Physicist {c}; RO {c2}.\n", d=n.D(), c=n.Cn(),
        c2=n.C())
    n.f("Copy to GP {gp}, {pr}, fax {fx}. Dict {j}. Prescriber DEA {dea}\n", gp=n.C(), pr=n.H(), fx=n.FX(),
        j=("ID_DICTATION", n.s.dictation()), dea=("ID_DEA", n.s.dea()))


@style
def home_oxygen(n):
    n.f("HOME OXYGEN ORDER / DME\nPt: {p}  DOB: {dob}  Ins: {hp}\nAddr: ", p=n.P("LF"), dob=n.D(), hp=n.HP())
    n.address()
    n.f("\nPh: {ph}  SS# {ss}\nDx: COPD J44.1. SpO2 on RA at rest 86% on {d}. Rx: O2 2 L/min via NC, 16+ h/day, "
        "concentrator + portable cylinders. E0431/E1390.\n", ph=n.PH(), ss=("SSN", n.s.ssn()), d=n.D())
    n.f("Supplier: {sup} ({t}), acct {a}. Concentrator serial {sn}.\n", sup=("HOSPITAL", n.s.last() + " Medical Supply"),
        t=n.L(), a=("ID_ACCOUNT", n.s.account()), sn=("ID_DEVICE", n.s.device()))
    n.f("Ordering: {c} NPI {npi} DEA {dea} signed {d}\n", c=n.C(), npi=("ID_NPI", n.s.npi()),
        dea=("ID_DEA", n.s.dea()), d=n.D())


@style
def wheelchair_seating(n):
    n.f("Wheelchair & Seating Assessment\n{p}, age ", p=n.P())
    n.age_phrase()
    n.f(", MS (EDSS 7.5). Assessed {d} by {c} (OT) & {c2} (rehab engineer).\n", d=n.D(), c=n.Cn(), c2=n.Cn())
    n.t("Seat width 44 cm, depth 46, back height 48. Pressure mapping peak 92 mmHg at R ITs -> Roho cushion.\n")
    n.f("Current chair {sn} (issued {y}) - worn. Powerchair trial booked. Carer {r}.\n",
        sn=("ID_DEVICE", n.s.device()), y=n.Y(), r=n.R())


@style
def bed_management(n):
    n.f("PATIENT FLOW / BED STATE  {d} 07:30   site {h}\n", d=n.D(), h=n.H())
    n.t("Ward   | Bed | Patient              | Status        | Note\n")
    for _ in range(n.r.randint(3, 6)):
        n.t(n.s.pick(["AMU  ", "7B   ", "CCU  ", "Ward 12", "SAU  "]) + "  | " + str(n.r.randint(1, 30)).rjust(2)
            + "  | ")
        n.f("{p}", p=n.P(n.s.pick(["LF", "lf", "il"])))
        n.t(" | " + n.s.pick(["DTA", "EDD today", "MFFD", "awaiting POC", "side room"]) + " | ")
        n.f("{x}\n", x=n.s.pick(["TTO pending", "needs tx to HDU", "bed 4 cleaning"]))
    n.f("Site manager {c} bleep {b}\n", c=n.Cn(), b=("PHONE", n.s.pager()))
    n.f("pt in bed 4: {p} {hp}\n", p=n.P("fl"), hp=n.HP())


@style
def rapid_response(n):
    n.f("RAPID RESPONSE / CODE BLUE RECORD\nLocation: Ward 6 bed 14, {h}   Date {d}\n", h=n.H(), d=n.D())
    n.f("Pt {p}  MRN {m}\n", p=n.P(), m=n.M())
    n.t("Call 03:12 NEWS2 9 -> unresponsive 03:15, PEA. CPR started 03:15.\n"
        "03:17 adrenaline 1 mg IV. 03:19 rhythm check VF -> shock 200J. 03:21 ROSC.\n")
    n.f("Team leader {c}; airway {c2}; scribe {c3}. Defib serial {sn}.\n", c=n.C(), c2=n.C(), c3=n.Cn(),
        sn=("ID_DEVICE", n.s.device()))
    n.f("Next of kin {r} informed by phone {ph} at 03:50.\n", r=n.R(), ph=n.PH())


@style
def wristband(n):
    p = n.s.person("LF").upper()
    n.f("*** {p} ***\nMRN:{m}  DOB:{dob}  {sex}\n", p=("PATIENT", p), m=n.M(), dob=n.D(),
        sex=n.s.pick(["M", "F", "U"]))
    n.f("ADM:{d}  {h}  ATT:{c}\n", d=n.D(), h=n.H(), c=("CLINICIAN", n.s.last().upper()))
    n.f("FIN {a}   ALLERGY: PCN\n||| |||| || ||| |\n", a=("ID_ACCOUNT", n.s.account()))
    n.f("LABEL 2/6  printed {d} by {u}\n", d=n.D(), u=n.U())
    if n.r.random() < 0.5:
        n.f("PALM VEIN ID {b}\n", b=("BIOMETRIC", n.s.biometric()))


@style
def voicemail(n):
    n.f("Voicemail transcription ({d}, 16:42, 0:48)\n", d=n.D())
    n.f("\"hi this is {p} um my date of birth is {dob} i'm calling about my results from {c} "
        "could someone call me back on {ph} thanks, oh and my sister {r} can pick up the prescription\"\n",
        p=("PATIENT", n.s.person("fl").lower()), dob=n.D(), c=n.Cn(), ph=n.PH(), r=n.R("f"))
    n.f("Actioned by {u}: returned call {d}, no answer.\n", u=n.U(), d=n.D())


@style
def sms_reminder(n):
    n.f("To: {ph}\n", ph=n.PH())
    n.f("Hi {f}, reminder of your appt with {c} at {h} on {d} at 9:15am. Reply C to confirm. "
        "Directions: {u}\n", f=("PATIENT", n.s.first()), c=n.C(), h=n.H(), d=n.D(), u=("URL", n.s.url()))
    n.f("Delivered {d} 08:00 - gateway {ip}\n", d=n.D(), ip=("IP", n.s.ip()))


@style
def transport_booking(n):
    n.f("NON-EMERGENCY PATIENT TRANSPORT BOOKING\nPatient: {p}   Mobility: wheelchair\n",
        p=n.P())
    n.t("Pickup: ")
    n.address()
    n.f("\nTo: {h} (renal unit)  Appt {d} 13:00\nEscort: {r} (daughter) mob {ph}\n", h=n.H(), d=n.D(),
        r=n.R(), ph=n.PH())
    n.f("Vehicle {v} crew {c1}/{c2}\n", v=("VEHICLE", n.s.vehicle()), c1=("CLINICIAN", n.s.first()),
        c2=("CLINICIAN", n.s.first()))


@style
def records_release(n):
    n.f("Subject access request / authorisation to release records\nTo: Records Dept, {h}\n", h=n.H())
    n.f("I, {p}, born {dob}, SSN {ss}, authorise release of my records from {a} to {b} to:\n", p=n.P("fl"),
        dob=n.D(), ss=("SSN", n.s.ssn()), a=n.D(), b=n.D())
    n.f("{rec}\n", rec=n.R("fl"))
    n.address()
    n.f("\nEmail {e}  Tel {ph}\nID provided: {lic}\nSigned ______ {d}\n", e=n.E(), ph=n.PH(),
        lic=("ID_LICENSE", n.s.license()), d=n.D())
    n.f("Identity verified by voiceprint {b} on call-back.\n", b=("BIOMETRIC", n.s.biometric()))


@style
def subpoena(n):
    n.f("SUBPOENA DUCES TECUM\nSUPERIOR COURT, {co}\n", co=("LOCATION", n.s.county()))
    n.f("TO: Custodian of Records, {h}\nYou are commanded to produce all medical and billing records of "
        "{p} (DOB {dob}; SSN {ss}; MRN {m}; acct {a}) for treatment from {d1} through {d2}.\n", h=n.H(), p=n.P(),
        dob=n.D(), ss=("SSN", n.s.ssn()), m=n.M(), a=("ID_ACCOUNT", n.s.account()), d1=n.D(), d2=n.D())
    n.f("Attorney: {att}, {t}. Tel {ph} Fax {fx}\n", att=("CLINICIAN", n.s.person("fl")), t=n.L(),
        ph=n.PH(), fx=n.FX())


@style
def death_certificate(n):
    n.f("MEDICAL CERTIFICATE OF CAUSE OF DEATH / CREMATION FORM 4\nDeceased: {p}\nDate of death: {d}   Age: ",
        p=n.P(), d=n.D())
    n.age_phrase()
    n.f("\nPlace of death: {h}, {t}\n", h=n.H(), t=n.L())
    n.t("1a Aspiration pneumonia\n1b Parkinson's disease\n2 Type 2 diabetes mellitus\n")
    n.f("Pacemaker: {pm} ({sn}) - removed Y\nLast seen alive by me: {d}\nCertifier {c}, GMC/lic {lic}\n",
        pm=n.s.pick(["yes", "Y"]), sn=("ID_DEVICE", n.s.device()), d=n.D(), c=n.C(),
        lic=("ID_LICENSE", n.s.license()))
    n.f("Informant: {r} (widow), {e}\n", r=n.R(), e=n.E())


@style
def birth_notification(n):
    n.f("BIRTH NOTIFICATION\nBaby of {p}   born {d} 04:12   at {h}\n", p=n.P("fl"), d=n.D(), h=n.H())
    n.t("Sex F  Wt 3.41 kg  Gest 39+2  Apgar 8/9  Vit K given\n")
    n.f("Mother {p}, DOB {dob}, {hp}\nAddress ", p=n.P("LF"), dob=n.D(), hp=n.HP())
    n.address()
    n.f("\nFather {r}. Midwife {c}. Newborn hearing screen device {sn}.\n", r=n.R(), c=n.Cn(),
        sn=("ID_DEVICE", n.s.device()))


@style
def coroner_referral(n):
    n.f("Referral to HM Coroner / Medical Examiner\nDeceased {p}, ", p=n.P())
    n.age_phrase()
    n.t(", of ")
    n.address()
    n.f("\nDied {d} at {h} after fall at home on {d2}; subdural on CT ({a}).\n", d=n.D(), h=n.H(), d2=n.D(),
        a=("ID_ACCESSION", n.s.accession()))
    n.f("Referred by {c} ({ph}, {e}). Family: {r}, {ph2}.\n", c=n.C(), ph=n.PH(), r=n.R(), ph2=n.PH(), e=n.E())


@style
def spreadsheet(n):
    n.t("name\tmrn\tdob\tclinic\tphone\tnote\n")
    for _ in range(n.r.randint(3, 6)):
        n.f("{p}\t{m}\t{d}\t{h}\t{ph}\t{x}\n", p=n.P(n.s.pick(["LF", "fl", "lf"])), m=n.M(), d=n.D(), h=n.H(),
            ph=n.PH(), x=n.s.pick(["DNA x2", "HbA1c 61", "needs interpreter", "", "5/5 power"]))


@style
def fixed_width(n):
    n.t("RPT-ADT-041        DISCHARGES BY CONSULTANT        PAGE 001\n")
    n.t("-" * 60 + "\n")
    for _ in range(n.r.randint(3, 5)):
        p = n.s.person("LF").upper()[:22].strip()
        n.p("ID_MRN", n.s.digits(8))
        n.t("  ")
        n.p("PATIENT", p)
        n.t(" " * (24 - len(p)))
        n.p("DATE", f"{n.r.randint(1, 12):02d}/{n.r.randint(1, 28):02d}")
        n.t("  ")
        n.p("CLINICIAN", n.s.last().upper())
        n.t("\n")
    n.f("RUN {d} BY {u}\n", d=n.D(), u=n.U())


@style
def markdown_html(n):
    n.f("<p><b>Clinic letter</b></p>\n## Patient: **{p}**\n- MRN: `{m}`\n- Seen: {d}\n", p=n.P(), m=n.M(),
        d=n.D())
    n.f("<br/>Dear {gp},<br/>\nThank you for referring this lady from {t}; her husband {r} came too.\n",
        gp=n.C(), t=n.L(), r=n.R())
    n.t("| drug | dose |\n|---|---|\n| Eliquis | 5 mg BD |\n| Entresto | 49/51 mg BD |\n")
    n.f("<a href=\"{u}\">patient portal</a> &nbsp; contact {e}\n", u=("URL", n.s.url()), e=n.E())
