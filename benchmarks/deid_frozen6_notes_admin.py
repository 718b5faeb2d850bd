"""Service and administrative note kinds of the sixth frozen set: nuclear medicine, mammography recall
letters, methadone clinic, group therapy, case management / discharge planning, utilisation review,
incident reports, complaint letters and replies, claims denials, GP referral letters and replies,
nursing-home progress notes with MDS-style items, and ambulance transfer requests."""

from __future__ import annotations

from deid_frozen6_context import Ctx, Note, style


@style("nuclear_medicine", foreign=0.2)
def nuclear_medicine(c: Ctx):
    n = Note(c.rng)
    n.f("NUCLEAR MEDICINE - {exam}\n{h}\nPatient: {p}   MRN: {m}   Accession: {acc}\nExam date: {d}\n"
        "Radiopharmaceutical: Tc-99m {agent} {mci} mCi IV, lot {lot}. Dose calibrator serial {sn}.\n",
        exam=c.pick("MYOCARDIAL PERFUSION (LEXISCAN)", "BONE SCAN WHOLE BODY", "HIDA WITH CCK"), h=c.H(),
        p=c.P(c.pick("caps", "last_first", "full")), m=c.mrn(), acc=c.acc(), d=c.D(0, "full"),
        agent=c.pick("sestamibi", "MDP", "mebrofenin"), mci=c.pick("10.2", "24.8", "5.1"),
        lot=f"{c.rng.randint(10, 99)}-{c.rng.randint(1000, 9999)}", sn=c.dev())
    n.f("Tech: {tech}, CNMT. Injection site L antecubital, 10:42.\nHistory: {a} y/o, CP, prior PCI in {yr} at {h2}.\n"
        "Findings: small fixed inferior defect, no reversible ischaemia. TID 1.02. LVEF 58% gated.\n"
        "Impression: low-risk study. Compared with {d1}.\n", tech=c.C(1, c.pick("full", "first", "initials")), a=c.A(),
        yr=c.Y(), h2=c.H(True), d1=c.D(-700, c.pick("mdyyyy", "dmony")))
    n.f("Attending: {doc}, MD  ({d2})   Dictation {job}\n", doc=c.C(0), d2=c.D(0, "md"), job=c.dict_id())
    return n, c.casing(0.35, 0.0)


@style("mammo_recall", foreign=0.5, locales=None)
def mammo_recall(c: Ctx):
    n = Note(c.rng)
    uk = c.loc in ("UK", "SCOT", "IE", "AU", "NZ")
    n.f("{h}\n{prog}\n{addr_a}\n", h=c.H(), prog="Breast Screening Service" if uk else "Breast Imaging Center",
        addr_a=c.street())
    n.f("Tel: {ph}    Fax: {fx}\n\n{d}\n\nPRIVATE AND CONFIDENTIAL\n{p}\n", ph=c.phone(), fx=c.fax(),
        d=c.D(0, c.pick("d_month_y", "mon_d_y", "dots")), p=c.P(c.pick("full", "middle", "caps")))
    if c.rng.random() < 0.25:
        n.f("c/o {r}\n", r=c.R("full"))
    c.address(n, "\n")
    label, hp = c.hp()
    n.f("\n\n{lab}: {hp}\n\nDear {title} {last},\n\n", lab=label, hp=hp, title=c.pick("Mrs", "Ms", "Miss", "Mrs."),
        last=("PATIENT", c.pt.last))
    n.f("Thank you for attending your breast screening on {d1} at our mobile unit in {town}. Most women are not "
        "recalled, but the x-ray doctor would like to take some more pictures (an assessment appointment). This does "
        "not mean you have cancer: about 1 in 25 women are asked back.\n\nYour appointment is on {wd} {d2} at "
        "{t} at {h2}. Please bring this letter. If you cannot attend, call {coord} on {ph}.\n\n",
        d1=c.D(-12, c.pick("ord_of", "d_month_y", "month_ord")), town=c.town(), wd=c.pick("Monday", "Tuesday", "Thursday"),
        d2=c.D(9, c.pick("ord_of", "d_month_y", "month_ord", "mon_d")), t=c.time(), h2=c.H(True), coord=c.C(1, "full"),
        ph=c.phone())
    n.f("Yours sincerely\n\n{doc}\n{role}\ncc: GP - {gp}, {prac}\nRef {acc}\n", doc=c.C(0, c.pick("full", "middle")),
        role=c.pick("Director of Breast Screening", "Consultant Radiologist", "Breast Imaging Lead"),
        gp=c.C(2), prac=c.H(), acc=c.acc())
    n.f("More information: {u}\n", u=c.url(c.dom))
    return n, "normal"


@style("methadone_clinic", foreign=0.15)
def methadone_clinic(c: Ctx):
    n = Note(c.rng, typos=0.03)
    n.f("OTP DOSING / COUNSELING NOTE - {h}\nClient: {p}  ID {m}  Intake {d0}\n", h=c.H(),
        p=c.P(c.pick("last_first", "caps", "full")), m=c.mrn(), d0=c.D(-400, c.pick("mdyy", "mdyyyy")))
    n.f("Identity confirmed by fingerprint scan (template {bm}) at dosing window 2.\n"
        "Methadone 95 mg today, observed. Take-homes: 6 (Sat-Sun + holiday). UDS {d1}: + methadone, - fentanyl, "
        "- cocaine.\nCounselor {cn}: discussed relapse triggers; client states brother {r} still using, avoiding him.\n"
        "ID checked: driver's licence {lic}.\nClient drives to clinic ({car}), parking pass #{pp}. No sedation observed. COWS 2.\n",
        bm=c.biom(), d1=c.D(-7, "md"), lic=c.lic(), cn=c.C(1, c.pick("first", "full")), r=c.R("first"), car=c.car(),
        pp=c.rng.randint(100, 999))
    n.f("Prescriber for buprenorphine bridge: {doc} (DEA {dea}). PDMP checked {d2}.\nNext dose {d3}. Emergency "
        "contact: {rel} {ph}\nSigned {doc2}\n", doc=c.C(0, c.pick("full", "last_first")), dea=c.dea(0), d2=c.D(0, "md"),
        d3=c.D(1, c.pick("md", "mon_d")), rel=c.R("full", True), ph=c.phone(), doc2=c.C(1, c.pick("initials", "dotted")))
    return n, c.casing(0.1, 0.1)


@style("group_therapy", foreign=0.15)
def group_therapy(c: Ctx):
    n = Note(c.rng, typos=0.02)
    n.f("GROUP THERAPY NOTE - {grp}\nDate: {d}  Time 1400-1530  Facilitators: {f1}, {f2}\nLocation: {h}, room 3B\n"
        "Members present: 7.  This note for: {p} (MRN {m})\n\n", grp=c.pick("DBT Skills", "Relapse Prevention",
        "Grief Support", "Men's Anger Management"), d=c.D(0, c.pick("md", "mdyyyy")), f1=c.C(0), f2=c.C(1, "first"),
        h=c.H(), p=c.P(c.pick("full", "last_first")), m=c.mrn())
    other = c.rel2
    n.f("Theme: distress tolerance (TIPP). {p} shared that Christmas was hard after losing her {role} {r} in {yr}. "
        "Another member ({o}) offered support; boundaries reviewed - members are not to be identified outside group.\n"
        "Pt engaged, affect constricted, no SI/HI. PHQ-9 14 (from 19). Homework: diary card.\n",
        p=c.P("first"), role=c.pick("mother", "husband", "son", "sister"), r=c.R(), yr=("YEAR", c.pick("'19", "2020", "'21")),
        o=("PATIENT", other.first if c.rng.random() < 0.6 else other.first[0] + ".") )
    n.f("Next session {wd} {d1}. {sig}, LCSW\n", wd=c.pick("Monday", "Wednesday"), d1=c.D(7, c.pick("md", "mon_d")),
        sig=c.C(0, c.pick("full", "caps")))
    return n, c.casing(0.0, 0.15)


@style("case_management", foreign=0.2)
def case_management(c: Ctx):
    n = Note(c.rng, typos=0.03)
    n.f("CASE MANAGEMENT / DISCHARGE PLANNING\n{h} - unit 5 North, bed 12\nPt {p}  {a}yo  Adm {d0}  MRN {m}\n",
        h=c.H(), p=c.P(c.pick("caps", "last_first")), a=c.A(), d0=c.D(-6, "md"), m=c.mrn())
    hl, hp = c.hp()
    n.f("Payer: {pay} {hl} {hp}. Obs->IP status changed {d1}.\nLives with {role} {r} at ", pay=c.pick("Medicare A/B",
        "Humana MA", "Medicaid"), hl=hl, hp=hp, d1=c.D(-4, "md"), role=c.pick("spouse", "daughter", "son"), r=c.R("full"))
    c.address(n, ", ")
    n.f(" (2 steps to enter). {r2} ({role2}) is HCPOA, cell {ph}.\n", r2=c.R("first", True),
        role2=c.pick("niece", "son", "friend"), ph=c.phone())
    n.f("PT recs SNF. Referrals sent via portal to {snf1} and {snf2}; {snf1b} accepted, bed avail {d2}.\n"
        "Transport: wheelchair van booked w/ {comp}, pickup 1100. Family to bring clothes.\n"
        "DME: rolling walker ordered, serial {sn}. Home O2 not needed (sat 94% RA).\n",
        snf1=("HOSPITAL", c.clinic), snf2=c.H(), snf1b=("HOSPITAL", c.clinic), d2=c.D(1, c.pick("md", "mon_d")),
        comp=c.pick("Metro Medivan", "CareRide"), sn=c.dev())
    if c.loc == "US":
        n.f("Discharge Rx hydrocodone 5/325 #10 by {doc} (DEA {dea}) to {ph}'s pharmacy.\n", doc=c.C(0, "last"), dea=c.dea(0), ph=c.P("last"))
    if c.rng.random() < 0.4:
        n.f("Parking pass issued for {role2}'s car {car}.\n", role2=c.pick("daughter", "son", "wife"), car=c.car())
    n.f("IM notice given {d3}. Discussed w/ {doc} and {rn}. - {cm}, RN CM x{ext}\n", d3=c.D(-1, "md"),
        doc=c.C(0, c.pick("last", "full")), rn=c.C(2, "first"), cm=c.C(1), ext=c.rng.randint(2000, 7999))
    return n, c.casing(0.1, 0.1)


@style("utilization_review", foreign=0.0)
def utilization_review(c: Ctx):
    n = Note(c.rng)
    hl, hp = c.hp()
    n.f("UTILIZATION REVIEW - CONCURRENT\nFacility: {h}   NPI {npi}\nMember: {p}   {hl}: {hp}   DOB {dob}\n"
        "Auth/ref #: {ac}   Review date: {d}\nReviewer: {rv}, RN (login {uid})   Portal session IP {ip}\n\n", h=c.H(),
        npi=c.npi(), p=c.P(c.pick("caps", "last_first")), hl=hl, hp=hp, dob=c.DOB(), ac=c.claim(), d=c.D(0, "full"),
        rv=c.C(1), uid=c.uid(1), ip=c.ip())
    if c.rng.random() < 0.6:
        n.f("Member SSN on file: {ssn}\n", ssn=c.ssn()[1])
    n.f("Dx: sepsis due to UTI (A41.9, N39.0). LOS day 4. InterQual criteria: IP acute met day 1-3, day 4 not met "
        "(afebrile 48 h, on PO abx, WBC 9.8).\nAttending {doc} contacted {d1} {t} for peer-to-peer; phone {ph}.\n"
        "Outcome: day 4 denied as not medically necessary; discharge planning per {cm}.\n",
        doc=c.C(0, c.pick("full", "last")), d1=c.D(0, "md"), t=c.time(), ph=c.phone(), cm=c.C(2))
    n.f("Letter to member mailed to ", )
    c.address(n, ", ")
    n.add(".\n")
    return n, c.casing(0.25, 0.0)


@style("incident_report", foreign=0.2)
def incident_report(c: Ctx):
    n = Note(c.rng, typos=0.02)
    n.f("SAFETY EVENT REPORT #{num}\nFacility: {h}    Area: {area}\nEvent date/time: {d} {t}    Reported: {d1}\n"
        "Reporter: {rep} ({role})   ext {ext}\nPerson affected: {p}   MRN {m}   Age {a}\n\n", num=c.rng.randint(10000, 99999),
        h=c.H(), area=c.pick("Ward 6", "ED bay 14", "Radiology", "car park level 2", "Outpatient pharmacy"),
        d=c.D(0, "mdyyyy"), t=c.time(), d1=c.D(1, "md"), rep=c.C(1), role=c.pick("RN", "HCA", "security", "porter"),
        ext=c.rng.randint(2000, 7999), p=c.P("full"), m=c.mrn(), a=c.A())
    kind = c.rng.random()
    if kind < 0.35:
        n.f("Description: pt found on floor beside bed at {t}; bed alarm (device {sn}) was off. Neuro obs GCS 15. "
            "Small laceration R brow, photographed ({ph}). Dr {doc} reviewed; CT head NAD. {role} {r} informed by "
            "phone {ph2}.\nMorse fall score 65. Harm: minor.\n", t=c.time(), sn=c.dev(), ph=c.photo(), doc=c.C(0, "last"),
            role=c.pick("Son", "Daughter", "Wife"), r=c.R(), ph2=c.phone())
    elif kind < 0.7:
        n.f("Description: visitor vehicle {car} struck pt's wheelchair at drop-off; driver gave licence {lic}. "
            "Security officer {sec} took statement. Pt {pf} c/o L wrist pain; x-ray acc {acc} negative.\n",
            car=c.car(), lic=c.lic(), sec=c.C(3), pf=c.P("first"), acc=c.acc())
    else:
        n.f("Description: wrong-patient label - specimen for {p2} labelled with {p}'s details. Caught at lab receipt "
            "(specimen {acc}). Both MRNs ({m1}, {m2}) checked. No harm. Staff member {st} reeducated.\n",
            p2=("PATIENT", c.rel2.full), p=c.P("first"), acc=c.acc(), m1=c.mrn(), m2=c.mrn(), st=c.C(2, "initials"))
    if c.rng.random() < 0.35:
        n.f("Medication room access log: biometric template {bm} (staff) at {t}.\n", bm=c.biom(), t=c.time())
    n.f("Manager review: {mgr}, {d2}. Datix/RL ref {ref}.\n", mgr=c.C(4), d2=c.D(3, c.pick("md", "dots", "d_mon")),
        ref=c.rng.randint(100000, 999999))
    return n, c.casing(0.05, 0.0)


@style("complaint_letter", foreign=0.35)
def complaint_letter(c: Ctx):
    n = Note(c.rng, typos=0.02)
    writer_is_rel = c.rng.random() < 0.5
    who = ("RELATIVE", c.rel.full) if writer_is_rel else c.P("full")
    n.f("{w}\n", w=who)
    c.address(n, "\n")
    n.f("\n{em}\n{d}\n\nPatient Relations\n{h}\n\nDear Sir/Madam,\n\n", em=("EMAIL", c.rel.email(c.rng, c.pick(
        "gmail.com", "yahoo.co.uk", "outlook.com", "bigpond.com"))) if writer_is_rel else ("EMAIL", c.pt.email(c.rng,
        "hotmail.com")), d=c.D(0, c.pick("d_month_y", "mon_d_y")), h=c.H())
    subject = f"my {c.pick('mother', 'father', 'husband', 'wife')}'s " if writer_is_rel else "my "
    n.add(f"I am writing to complain about {subject}care ")
    if writer_is_rel:
        n.f("({p}, date of birth {dob}, hospital number {m}) ", p=c.P("full"), dob=c.DOB(), m=c.mrn())
    n.f("on the {ward} between the {d1} and the {d2}. Nobody answered the call bell for forty minutes on the Saturday "
        "night, and Nurse {nurse} told us the doctor was 'too busy'. Dr {doc} never explained the change to the "
        "warfarin. We were also fined for parking although the machine was broken (car reg {car}).\n\n"
        "I would like a written reply and a meeting. I can be reached on {ph}.\n\nYours faithfully,\n{sig}\n\n",
        ward=("HOSPITAL", c.pick("Abernethy Ward", "Calloway Unit", "Kestrel Ward", "Linden Ward")),
        d1=c.D(-20, "ord"), d2=c.D(-16, c.pick("ord_of", "ord")), nurse=c.C(1, c.pick("first", "last")),
        doc=c.C(0, "last"), car=c.car(), ph=c.phone(), sig=("RELATIVE", c.rel.first) if writer_is_rel else c.P("first"))
    n.f("--- REPLY ---\nOur ref: {ref}\n{d3}\nDear {title} {last},\nThank you for your letter of {d4}. I am sorry. "
        "Sister {sis} has met the night team; the parking charge has been cancelled. Please contact {pl}, Patient "
        "Liaison, on {ph2} or {em2}.\nYours sincerely,\n{ce}\nChief Executive\n", ref=c.claim(),
        d3=c.D(10, "d_month_y"), title=c.pick("Mr", "Mrs", "Ms"), last=("RELATIVE", c.rel.last) if writer_is_rel else
        ("PATIENT", c.pt.last), d4=c.D(0, c.pick("ord_of", "d_month_y", "ord")), sis=c.C(2, "last"), pl=c.C(3),
        ph2=c.phone(), em2=c.email(c.staff[3]), ce=c.C(4, "full"))
    n.f("{u}\n", u=c.url())
    return n, "normal"


@style("claims_denial", foreign=0.0)
def claims_denial(c: Ctx):
    n = Note(c.rng)
    hl, hp = c.hp()
    n.f("EXPLANATION OF BENEFITS / CLAIM DENIAL\nPayer: {payer}   Date: {d}\nMember: {p}    {hl}: {hp}\n"
        "Patient account: {ac}    Claim #: {cl}\nProvider: {prov}  NPI {npi}  Tax ID on file\n\n", payer=c.pick(
        "Keystone Mutual Health", "Prairie Shield Insurance", "Allied Benefit Partners"), d=c.D(0, "mdyyyy"),
        p=c.P(c.pick("caps", "full", "last_first")), hl=hl, hp=hp, ac=c.account(), cl=c.claim(), prov=c.H(), npi=c.npi())
    n.add("Line  DOS         CPT    Billed    Allowed  Reason\n")
    for i in range(c.rng.randint(2, 4)):
        billed = f"{c.rng.randint(80, 2400)}.00"
        n.f(f"{i + 1}     " + "{dos}  {cpt}  $" + f"{billed:>7}" + "  $0.00    {rc}\n", dos=c.D(-40 + i, "mdyyyy"),
            cpt=c.pick("99215", "93306", "70553", "97110", "J1885"), rc=c.pick("CO-50 not medically necessary", "CO-197 no prior auth", "PR-1 deductible", "CO-16 missing info"))
    if c.rng.random() < 0.5:
        n.f("Subscriber SSN: {ssn}\n", ssn=c.ssn()[1])
    n.f("\nTo appeal, write within 180 days to Appeals Unit, PO Box {box}, {town}, {st} {z} or fax {fx}.\n"
        "Rendering: {doc} (NPI {npi2}). Questions: {ph} Mon-Fri.\nView online: {u}\n", box=c.rng.randint(100, 9999),
        town=c.town(), st=c.region(), z=c.zip(), fx=c.fax(), doc=c.C(0, c.pick("caps", "full")), npi2=c.npi(),
        ph=c.phone(), u=c.url("prairieshield.com"))
    return n, c.casing(0.3, 0.0)


@style("gp_referral", locales=["UK", "UK", "SCOT", "SCOT", "IE"])
def gp_referral(c: Ctx):
    n = Note(c.rng, typos=0.01)
    hl, hp = c.hp()
    n.f("{prac}\n", prac=c.H(True))
    c.address(n, "\n")
    n.f("\nTel {ph}  Fax {fx}\n\n{d}\n\nDr {cons}\nConsultant {spec}\n{h}\n\nDear Dr {cons_last},\n\n"
        "Re: {p}   DOB {dob}   {hl} {hp}\n", ph=c.phone(), fx=c.fax(), d=c.D(0, c.pick("d_month_y", "dots")),
        cons=c.C(0, "full"), spec=c.pick("Gastroenterologist", "Neurologist", "Rheumatologist", "Cardiologist"), h=c.H(),
        cons_last=c.C(0, "last"), p=c.P(c.pick("full", "caps", "last_first")), dob=c.DOB(c.pick("dots", "mdyyyy")),
        hl=hl, hp=hp)
    c.address(n, ", ")
    n.f("\n\nThank you for seeing this {a} year old {sx} who lives with her {role} {r}. She has had 3 months of "
        "altered bowel habit and 4 kg weight loss. FIT 180 ug/g on {d1}. Hb 104, ferritin 9. No family history of "
        "bowel cancer. She was seen at {h2} in {yr} for diverticulitis.\n\nI would be grateful for your urgent "
        "opinion (suspected cancer pathway). She is happy to be contacted on {ph2}.\n\nYours sincerely,\n\n"
        "Dr {gp}\nGMC {gmc}\n", a=c.A(), sx=c.pick("lady", "woman"), role=c.pick("husband", "daughter", "partner"), r=c.R(),
        d1=c.D(-10, c.pick("d_mon", "dots_short", "md")), h2=c.H(), yr=c.Y(), ph2=c.phone(), gp=c.C(1, "full"), gmc=c.lic())
    if c.rng.random() < 0.5:
        n.f("\n--- REPLY ({d2}) ---\nDear Dr {gp},\nI saw {pf} in clinic today. Colonoscopy booked for {d3}; "
            "bowel prep explained. Dictated {dd}, typed {ty}. Ref {job}\n{cons}\n", d2=c.D(14, "dots"), gp=c.C(1, "last"),
            pf=c.P(c.pick("first", "nick")), d3=c.D(30, c.pick("ord_of", "d_month_y")), dd=c.C(0, "initials"),
            ty=c.C(3, c.pick("initials", "dotted")), job=c.dict_id(), cons=c.C(0, c.pick("full", "middle")))
    return n, "normal"


@style("nursing_home", foreign=0.3)
def nursing_home(c: Ctx):
    n = Note(c.rng, typos=0.04)
    age = c.old_age() if c.rng.random() < 0.7 else c.A()
    n.f("{home} - Resident Progress Note\nResident: {p}   Room 14   Age {a}\nDate: {d}  Shift: nights\n",
        home=c.H(), p=c.P(c.pick("last_first", "caps", "full")), a=age, d=c.D(0, c.pick("md", "mdyy", "dots")))
    n.f("{pf} slept poorly, up x3 asking for her {role} {r}. Redirected w/ tea and music. Skin intact, repositioned "
        "2-hrly (hip # in {y2}). Incontinent x1, pad changed. Fluid intake 900 ml. Bowels opened {d1}.\nFamily: {r2} phoned at 2100, "
        "will visit on Sunday. Tel {ph}.\n", pf=c.P(c.pick("first", "nick", "lower")), role=c.pick("husband", "mother",
        "sister"), r=c.R("first"), y2=c.Y2(), d1=c.D(-2, c.pick("md", "d_mon")), r2=c.R("full", True), ph=c.phone())
    n.add("MDS SECTION G/GG (excerpt)\nG0110A bed mobility: 3/3  GG0170C lying to sitting: 02\n"
          "C0500 BIMS: 06 (severe impairment)  D0300 PHQ-9 total 08\nJ1800 falls since admit: 1\n")
    if c.rng.random() < 0.4:
        n.f("Door-exit system enrolled with facial template {bm}.\n", bm=c.biom())
    if c.loc == "US" and c.rng.random() < 0.5:
        n.f("Lorazepam 0.5 mg prn order verbal from Dr {doc}, DEA {dea}.\n", doc=c.C(0, "last"), dea=c.dea(0))
    n.f("Admitted to home {d2}, previously at {h2}. GP: Dr {gp}, visits Thursday. Sensor mat serial {sn}.\n"
        "Signed {rn}\n", d2=c.D(-500, c.pick("mdyyyy", "month_y", "d_month_y")), h2=c.H(True), gp=c.C(0, "last"),
        sn=c.dev(), rn=c.C(1, c.pick("full", "first", "initials", "initial_last")))
    return n, c.casing(0.1, 0.15)


@style("ambulance_transfer", foreign=0.3)
def ambulance_transfer(c: Ctx):
    n = Note(c.rng)
    n.f("INTER-FACILITY TRANSFER REQUEST\nFrom: {h1} ({code})  Ward 7A\nTo: {h2}\nRequested by: {doc}  bleep/pager "
        "{bp}\nDate {d}  Time {t}\n\n", h1=c.H(), code=c.Hcode(), h2=c.H(True), doc=c.C(0), bp=("PHONE",
        str(c.rng.randint(1000, 9999))), d=c.D(0, c.pick("md", "dots", "mdyyyy")), t=c.time())
    n.f("Patient: {p}  DOB {dob}  Hosp# {m}\nWeight 82 kg. Dx: STEMI post-thrombolysis, for PCI. Obs: HR 88, BP "
        "104/66, SpO2 95% 2L.\nLines: 2x PIV, no infusions. Escort: RN {rn} required.\nNOK: {role} {r} - {ph}\n",
        p=c.P(c.pick("caps", "full", "last_first")), dob=c.DOB(), m=c.mrn(), rn=c.C(1, c.pick("first", "full")),
        role=c.pick("wife", "husband", "son"), r=c.R("full"), ph=c.phone())
    n.f("Crew: {cr1} (reg. {lic}) / {cr2}   Unit 12, vehicle reg {car}\nAccepting: Dr {acc} at {h2} (phone {ph2}). ETA 40 min.\n"
        "Dispatch ref {ref}\n", cr1=c.C(2, "full"), cr2=c.C(3, c.pick("full", "initial_last")), car=c.car(),
        acc=c.C(4, "last"), h2=c.H(True), ph2=c.phone(), ref=c.account(), lic=c.lic())
    return n, c.casing(0.3, 0.05)
