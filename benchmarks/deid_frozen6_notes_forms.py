"""Machine- and message-shaped note kinds of the sixth frozen set: lab requisitions, clinician e-mail
threads, secure chat exports, dictation transcripts with spoken punctuation, HL7-like segments, CSV row
exports, OCR text of scanned forms, and clinic notes from Canada, Australia/New Zealand, South Africa,
India and Singapore."""

from __future__ import annotations

from datetime import timedelta

from deid_frozen6_context import Ctx, Note, style
from deid_frozen6_phrases import Person


@style("lab_requisition", foreign=0.2)
def lab_requisition(c: Ctx):
    n = Note(c.rng)
    hl, hp = c.hp()
    n.f("LABORATORY REQUISITION   {h}\nPatient: {p}        Sex: {sx}   DOB: {dob}\nAddress: ", h=c.H(),
        p=c.P(c.pick("caps", "last_first")), sx=c.pick("F", "M"), dob=c.DOB())
    c.address(n, ", ")
    n.f("\nPhone: {ph}     {hl}: {hp}\nOrdering provider: {doc}   NPI: {npi}\nCopy to: {cc}   Fax: {fx}\n"
        "Collection: {d} {t}   Collected by: {col}\nSpecimen ID: {acc}\n", ph=c.phone(), hl=hl, hp=hp, doc=c.C(0, "caps"),
        npi=c.npi(), cc=c.C(2, c.pick("full", "last_first")), fx=c.fax(), d=c.D(0, "mdyyyy"), t=c.time(),
        col=c.C(1, c.pick("initials", "dotted", "first")), acc=c.acc())
    n.add("[x] CBC w/ diff (85025)  [x] CMP (80053)  [ ] Lipid (80061)  [x] HbA1c (83036)  [x] TSH (84443)\n"
          "ICD-10: E11.65, I10, Z79.4   Fasting: Y   Priority: routine\n")
    if c.loc == "US" and c.rng.random() < 0.5:
        n.f("SSN: {ssn}\n", ssn=c.ssn()[1])
    if c.rng.random() < 0.4:
        n.f("Identity confirmed by palm-vein scan {bm}\n", bm=c.biom())
    if c.rng.random() < 0.5:
        n.f("Research biobank consent: YES - aliquot to biobank {bb}\n", bb=c.bio())
    if c.rng.random() < 0.4:
        n.f("Patient portal: {u}\n", u=c.url())
    return n, c.casing(0.4, 0.0)


@style("email_thread", foreign=0.3)
def email_thread(c: Ctx):
    n = Note(c.rng, typos=0.02)
    a, b, cc = c.staff[0], c.staff[1], c.staff[2]
    n.f("From: {an} <{ae}>\nSent: {wd}, {d} {t}\nTo: {bn} <{be}>\nCc: {ce}\nSubject: RE: {p} - {subj}\n\n",
        an=c.C(0, c.pick("full", "last_first")), ae=c.email(a), wd=c.pick("Monday", "Friday", "Wednesday"),
        d=c.D(0, c.pick("mon_d_y", "d_month_y", "mdyyyy")), t=c.time(), bn=c.C(1, "full"), be=c.email(b), ce=c.email(cc),
        p=c.P(c.pick("last", "initials", "full")), subj=c.pick("CT result", "bed request", "clinic letter", "safeguarding"))
    n.f("Hi {bf},\n\nThanks - I spoke to {pf}'s {role} ({r}) this morning. Her CT from {d1} (acc {acc}) shows the "
        "nodule is stable at 7 mm, so Fleischner 2017 says no further f/u. Can you let {gp} at {prac} know? Their "
        "fax is {fx}.\n\nAlso the MRN on the letter was wrong - it should be {m}.\n\nCheers\n{as}\n", bf=c.C(1, "first"),
        pf=c.P("first"), role=c.pick("daughter", "husband", "son"), r=c.R(), d1=c.D(-5, c.pick("md", "d_mon", "mon_d")),
        acc=c.acc(), gp=c.C(3), prac=c.H(True), fx=c.fax(), m=c.mrn(), **{"as": c.C(0, "first")})
    n.f("{title}\n{h}  |  Direct {ph}  |  {u}\n\n", title=c.pick("Consultant Respiratory Physician", "Nurse Practitioner",
        "Hospitalist"), h=c.H(), ph=c.phone(), u=c.url())
    n.f("-----Original Message-----\nFrom: {bn}\nSent: {d2}\nTo: {an}\nSubject: {p}\n\n{a2} - do you know if the "
        "chest CT for bed 4 ({p2}) was reported? Family keen to know before the weekend. {bs}\n"
        "X-Originating-IP: [{ip}]\n", bn=c.C(1, "caps"), d2=c.D(-1, "mdyyyy"), an=c.C(0, "full"), p=c.P("full"),
        a2=c.C(0, "first"), p2=c.P("last"), bs=c.C(1, c.pick("first", "initials")), ip=c.ip())
    return n, "normal"


@style("secure_chat", foreign=0.3)
def secure_chat(c: Ctx):
    n = Note(c.rng)
    users = [c.staff[0], c.staff[1], c.staff[2]]
    n.f("Secure chat export - conversation \"{h} 6W huddle\"  exported {d} by {uid}\n", h=c.Hcode(),
        d=c.D(0, "iso"), uid=c.uid(4))
    lines = [
        ("hey is {p} in 12 still npo?", dict(p=c.P(c.pick("last", "lower", "first")))),
        ("yes until IR. daughter {r} asking for update, she's at {ph}", dict(r=c.R("first"), ph=c.phone())),
        ("ok ill call her after rounds. @{h1} can u put in the consent", dict(h1=c.uid(2))),
        ("done. also {p2} in bed 3 k+ 5.9 repeat sent acc {acc}", dict(p2=c.P(c.pick("last", "caps")), acc=c.acc())),
        ("thx. pls page Dr {d} if >6 - pgr {pg}", dict(d=c.C(3, "last"), pg=("PHONE", str(c.rng.randint(10000, 99999))))),
        ("fyi pts wife {r2} says he was at {h} last month in {town}", dict(r2=c.R("first", True), h=c.H(True), town=c.town())),
        ("ok. sent to {em}", dict(em=c.email(c.staff[3]))),
    ]
    for i, (text, vals) in enumerate(lines[:c.rng.randint(5, 7)]):
        who = users[i % 3]
        shape = c.rng.random()
        if shape < 0.4:
            n.f("[{d} {t}] {dn} (@{h}): ", d=c.D(0, "md"), t=c.time(), dn=("CLINICIAN", who.name(c.rng, "full")),
                h=("CLINICIAN", who.user_id(c.rng)))
        elif shape < 0.7:
            n.f("{t}  {dn}: ", t=c.time(), dn=("CLINICIAN", who.name(c.rng, c.pick("first", "initial_last", "upper"))))
        else:
            n.f("{ts} <{h}> ", ts=c.D(0, "iso"), h=("CLINICIAN", who.user_id(c.rng)))
        n.f(text + "\n", **vals)
    if c.rng.random() < 0.3:
        n.f("{t}  security: car {car} in ambulance bay, belongs to pt's son?\n", t=c.time(), car=c.car())
    n.f("-- end of export ({n} messages) device {ip}\n", n=c.rng.randint(5, 40), ip=c.ip())
    return n, c.casing(0.0, 0.5)


@style("dictation", foreign=0.2)
def dictation(c: Ctx):
    n = Note(c.rng, typos=0.02)
    n.f("[Dictation transcript, job number {job}, voice ID {vp}]\n", job=c.dict_id(), vp=c.biom())
    n.f("this is doctor {doc} dictating a clinic note on {p} comma date of birth {dob} period new paragraph "
        "medical record number {m} period new paragraph\n", doc=c.C(0, c.pick("lower", "full")),
        p=c.P(c.pick("lower", "full", "last_first")), dob=c.DOB(c.pick("mdyyyy", "d_month_y", "mon_d_y")),
        m=c.mrn())
    n.f("history colon the patient is a {a} year old {sx} seen today with her {role} {r} period she was last seen on "
        "{d1} period she reports the knee pain started around {hol} of {yr} period new paragraph\n"
        "exam colon strength 5 slash 5 comma reflexes 2 plus period McMurray negative period new paragraph\n"
        "plan colon refer to {h} for physio period follow up in six weeks period cc doctor {cc} period end of "
        "dictation\n", a=c.A(), sx=c.pick("woman", "man"), role=c.pick("husband", "daughter", "son", "wife"),
        r=c.R(c.pick("first", "lower", "full")), d1=c.D(-40, c.pick("month_ord", "ord_of", "mon_d")),
        hol=c.pick("Christmas", "Easter", "Labor Day", "the spring"), yr=("YEAR", str(c.day.year - c.rng.randint(0, 2))),
        h=c.H(), cc=c.C(1, c.pick("lower", "full")))
    n.f("\nD: {dd} {t}\nT: {td}\nDictated by: {doc}\nTranscribed by: {tr} ({tid})\n", dd=c.D(0, "mdyy"), t=c.time(),
        td=c.D(1, "mdyy"), doc=c.C(0, c.pick("caps", "full", "last_first")), tr=c.C(4, c.pick("initials", "full", "dotted")),
        tid=c.uid(4))
    n.f("Audio uploaded from workstation {ip}\n", ip=c.ip())
    if c.loc == "US" and c.rng.random() < 0.5:
        n.f("prescription for hydrocodone ten tablets comma my DEA number is {dea} period\n", dea=c.dea(0))
    return n, c.casing(0.05, 0.3)


@style("hl7_segments", foreign=0.15)
def hl7_segments(c: Ctx):
    n = Note(c.rng)
    pt, rel = c.pt, c.rel
    hl, hp = c.hp()
    n.f("MSH|^~\\&|LAB|{hc}|EHR|{hc}|{ts}||ORU^R01|{cid}|P|2.5.1\n", hc=c.Hcode(), ts=c.D(0, "compact"),
        cid=c.rng.randint(100000, 999999))
    n.f("PID|1||{m}^^^MR~{hp}^^^HP||{last}^{first}^{mi}||{dob}|{sx}|||", m=c.mrn(), hp=hp,
        last=("PATIENT", pt.last.upper()), first=("PATIENT", pt.first.upper()), mi=pt.middle,
        dob=("DATE", c.dob.strftime("%Y%m%d")), sx=c.pick("F", "M"))
    n.f("{st}^^{town}^{reg}^{z}||{ph}|||||{ac}|{ssn}\n", st=c.street(), town=c.town(), reg=c.region(), z=c.zip(),
        ph=c.phone(), ac=c.account(), ssn=c.ssn()[1])
    n.f("NK1|1|{rl}^{rf}|{role}|||{ph}\n", rl=("RELATIVE", rel.last.upper()), rf=("RELATIVE", rel.first.upper()),
        role=c.pick("SPO^Spouse", "DAU^Daughter", "SON^Son", "MTH^Mother"), ph=c.phone())
    n.f("PV1|1|O|{h}^^^^^||||{npi}^{dl}^{df}|||||||||||{vn}\n", h=c.H(), npi=c.npi(),
        dl=("CLINICIAN", c.staff[0].last.upper()), df=("CLINICIAN", c.staff[0].first.upper()), vn=c.account())
    n.f("OBR|1|{acc}|{acc2}|80053^CMP^CPT|||{ts}|||||||||{npi}^{dl}\n", acc=c.acc(), acc2=c.acc(),
        ts=("DATE", (c.day).strftime("%Y%m%d") + c.pick("0830", "1415", "")), npi=c.npi(),
        dl=("CLINICIAN", c.staff[0].last.upper()))
    for code, val in [("2345-7^Glucose", "112|mg/dL|70-99|H"), ("2160-0^Creatinine", "1.4|mg/dL|0.6-1.2|H"),
                      ("2823-3^Potassium", "4.1|mmol/L|3.5-5.1|N")]:
        n.f("OBX|1|NM|{code}^LN||{val}|||F|||{ts}|{uid}\n", code=code, val=val, ts=("DATE", c.day.strftime("%Y%m%d")),
            uid=c.uid(1))
    n.f("NTE|1||Called to {rn} at {t} by {tech}; read-back done.\n", rn=c.C(2, c.pick("full", "caps")), t=c.time(),
        tech=c.C(1, c.pick("initials", "full")))
    return n, "normal"


@style("csv_export", foreign=0.2)
def csv_export(c: Ctx):
    n = Note(c.rng)
    n.add("encounter_id,visit_date,patient_name,mrn,dob,age,phone,clinician,clinic,zip,notes\n")
    for i in range(c.rng.randint(3, 5)):
        person = c.pt if i == 0 else c.rel2 if i == 1 else None
        if person is None:
            person = Person(c.rng)
        years = c.rng.randint(90, 103) if c.rng.random() < 0.3 else c.rng.randint(20, 88)
        age = ("AGE", str(years)) if years > 89 else str(years)
        born = c.day - timedelta(days=365 * years + c.rng.randint(0, 300))
        n.f("{ac},{d},\"{p}\",{m},{dob},{a},{ph},{doc},{h},{z},\"{note}\"\n", ac=c.account(), d=c.D(i, "iso"),
            p=("PATIENT", person.name(c.rng, c.pick("last_first", "caps", "full"))), m=c.mrn(),
            dob=("DATE", born.isoformat() if c.rng.random() < 0.6 else born.strftime("%m/%d/%Y")), a=age, ph=c.phone(), doc=c.uid(i), h=c.H(i % 2 == 1), z=c.zip(),
            note=c.pick("f/u 2 wk", "BP 142/90 recheck", "no show", "flu shot lot FL2207", "CPT 99213"))
    n.f("# exported by {uid} from {ip} on {d}\n", uid=c.uid(4), ip=c.ip(), d=c.D(5, "iso"))
    return n, c.casing(0.0, 0.0)


@style("ocr_form", foreign=0.25)
def ocr_form(c: Ctx):
    n = Note(c.rng, ocr=True)
    hl, hp = c.hp()
    n.f("{h}\nNEW PATIENT REGISTRATION FORM        page 1 of 2\n\nSurname: {last}      First name(s): {first}\n"
        "Date of Birth: {dob}      Sex: {sx}\nAddress: ", h=c.H(), last=("PATIENT", c.pt.last.upper()),
        first=("PATIENT", c.pt.first), dob=c.DOB(c.pick("dots", "mdyyyy", "dmony")), sx=c.pick("F", "M"))
    c.address(n, "\n         ")
    ssn_label, ssn = c.ssn()
    n.f("\nHome tel: {ph}   Mobile: {ph2}\nEmail: {em}\n{hl}: {hp}     {sl}: {ssn}\n"
        "Driving licence no: {lic}    Car reg (parking permit): {car}\nNext of kin: {r} ({role})   Tel: {ph3}\nPrevious GP / clinic: {prev}\n\n"
        "Signature: ______ {p}        Date: {d}\nFor office use: entered by {clerk}  scanner {ip}\n", ph=c.phone(), ph2=c.phone(),
        em=("EMAIL", c.pt.email(c.rng, c.pick("gmail.com", "icloud.com", "btinternet.com"))), hl=hl, hp=hp,
        sl=ssn_label, ssn=ssn, lic=c.lic(), car=c.car(), r=c.R("full"), role=c.pick("husband", "mother", "son", "partner"),
        ph3=c.phone(), prev=c.H(True), p=c.P("full"), d=c.D(0, c.pick("dots", "md", "mdyyyy")), clerk=c.C(3, "initials"),
        ip=c.ip())
    if c.rng.random() < 0.4:
        n.f("Fingerprint captured for kiosk check-in: {bm}\n", bm=c.biom())
    return n, c.casing(0.3, 0.0)


@style("canada_clinic", locales=["CA"])
def canada_clinic(c: Ctx):
    n = Note(c.rng, typos=0.02)
    hl, hp = c.hp()
    n.f("{h} - Family Health Team\nPatient: {p}   {hl}: {hp}   DOB: {dob}\nVisit: {d}   MRP: Dr. {doc}\n",
        h=c.H(), p=c.P(c.pick("full", "last_first", "caps")), hl=hl, hp=hp, dob=c.DOB(c.pick("iso", "dmony")),
        d=c.D(0, c.pick("iso", "d_mon", "mon_d_y")), doc=c.C(0, c.pick("last", "full")))
    n.f("Reason: COPD follow-up, lives in {town} (1 hr drive), came with {role} {r}.\nSpirometry FEV1 54% pred. "
        "CAT score 18. GOLD 2024 group E. On Trelegy, salbutamol prn.\nFlu + COVID vaccines given (lot 4418K2). "
        "Referral to pulmonary rehab at {h2}, fax {fx}.\n", town=c.town(), role=c.pick("wife", "daughter", "son"),
        r=c.R(), h2=c.H(True), fx=c.fax())
    if c.rng.random() < 0.5:
        label, sin = c.ssn()
        n.f("Applied for disability tax credit: {sl} {sin} on form T2201 (not stored in chart after today).\n",
            sl=label, sin=sin)
    n.f("Mailing address updated: ")
    c.address(n, ", ")
    n.f("\nBook online: {u}\nNext appt {d2}. {doc}, MD CCFP  (CPSO {lic})\n", d2=c.D(60, c.pick("iso", "mon_d")), doc=c.C(0, "full"),
        lic=c.lic(), u=c.url())
    return n, c.casing(0.05, 0.05)


@style("anz_letter", locales=["AU", "AU", "NZ"])
def anz_letter(c: Ctx):
    n = Note(c.rng)
    hl, hp = c.hp()
    n.f("{h}\nOutpatient Clinic Letter\n\n{d}\n\nDr {gp}\n{prac}\n", h=c.H(), d=c.D(0, c.pick("d_month_y", "dots")),
        gp=c.C(1, "full"), prac=c.H(True))
    c.address(n, "\n")
    n.f("\n\nDear {gpf},\n\nRe: {p}, DOB {dob}, {hl} {hp}, UR {m}\n", gpf=c.C(1, c.pick("first", "last")),
        p=c.P(c.pick("full", "caps")), dob=c.DOB("dots"), hl=hl, hp=hp, m=c.mrn())
    n.f("Thank you for referring {pf}, a {a} year old retired shearer from {town}, whom I reviewed with his {role} "
        "{r}. He has gout, CKD stage 3b (eGFR 38) and AF on apixaban.\nUrate 0.52 mmol/L. Plan: allopurinol 50 mg, "
        "titrate monthly per ACR 2020. Colchicine 500 mcg bd for flares.\nI will see him again in {mon} at our "
        "outreach clinic in {town2}. Please call {ph} with any questions.\n\nKind regards\n{doc}\n{cred}\n",
        pf=c.P(c.pick("first", "nick")), a=c.A(), town=c.town(), role=c.pick("wife", "daughter", "whanau member", "son"),
        r=c.R(), mon=c.pick("March", "the spring", "winter", "six months"), town2=c.town(), ph=c.phone(),
        doc=c.C(0, c.pick("full", "middle")), cred=c.pick("FRACP", "Consultant Physician", "MBChB FRACP"))
    n.f("Dictated but not read. Ref {job}\ncc: {pf2}, ", pf2=c.P("full"), job=c.dict_id())
    c.address(n, ", ")
    n.add("\n")
    return n, "normal"


@style("intl_clinic", locales=["ZA", "IN", "SG", "IE"])
def intl_clinic(c: Ctx):
    n = Note(c.rng, typos=0.03)
    label, nid = c.ssn()
    hl, hp = c.hp()
    n.f("{h}\nOPD CONSULTATION\nName: {p}    {sl}: {nid}\nAge/Sex: {a}/{sx}    Reg no: {m}\n{hl}: {hp}\n"
        "Date: {d}\nConsultant: Dr {doc}\n\n", h=c.H(), p=c.P(c.pick("caps", "full", "last_first")), sl=label, nid=nid,
        a=c.A(), sx=c.pick("F", "M"), m=c.mrn(), hl=hl, hp=hp, d=c.D(0, c.pick("dots", "d_month_y", "dmony")),
        doc=c.C(0, c.pick("full", "initial_last")))
    n.f("C/o fever x 5 days, myalgia. NS1 positive ({d1}). Plt 88k. No warning signs per WHO 2009.\n"
        "Lives in {town}, {county}; neighbour also had dengue. Accompanied by {role} {r} (mob {ph}).\n"
        "Adv: oral fluids 3 L/day, paracetamol 1 g QID, avoid NSAIDs. Repeat CBC {d2}.\n", d1=c.D(-1, "dots_short"),
        town=c.town(), county=c.county(), role=c.pick("husband", "son", "mother", "brother"), r=c.R(), ph=c.phone(),
        d2=c.D(1, c.pick("dots", "d_mon", "md")))
    n.f("Address: ")
    c.address(n, ", ")
    if c.rng.random() < 0.5:
        n.f("\nBrought by relative in vehicle {car}.", car=c.car())
    n.f("\nReport link: {u}\nBill no. {ac}   Collected by {clk}\n", u=c.url(), ac=c.account(), clk=c.C(3, c.pick("first", "initials")))
    return n, c.casing(0.3, 0.05)
