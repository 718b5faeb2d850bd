"""Note kinds of frozen set 12, part B: logbooks, coding queries, arrest records, registries, e-prescriptions."""

from __future__ import annotations

from deid_frozen12_core import ocr


def student_logbook(k):
    """Medical student's case logbook export (initials and NHI/UR numbers, supervisor sign-off)."""
    out = [f"CLINICAL LOGBOOK - Year 5 - attachment: {k.c(['General Medicine', 'O&G', 'Paediatrics', 'ED'])} at {k.hosp()}\n"
           f"Student: {k.dr(form='full')}   Supervisor: {k.dr(form='full')}\n\n"]
    for i in range(k.r.randint(4, 6)):
        p = k.person()
        out.append(f"#{i + 1} {k.date(fmt=k.c(['dmy', 'd_mon_abbr']))} | pt {k.pt(p, 'initials')} | {k.mrn()} | age {k.age90() if k.r.random() < 0.15 else k.r.randint(18, 88)} | "
                   f"{k.c(['CAP, CURB-65 2', 'DKA', 'NOF # (Garden IV)', 'pre-eclampsia', 'bronchiolitis', 'acute LVF'])} | "
                   f"{k.c(['clerked', 'observed', 'presented on WR', 'ABG done'])} | signed {k.dr(form='initials')}\n")
    out.append(f"\nReflection: the patient in #2 ({k.pt(k.person(sex='F'), 'first')}) told me her husband {k.rel(k.kin('husband'), 'first')} had died "
               f"in {k.yr(2015, 2025)} and she had not been eating since. Discussed with {k.dr(form='first')} (reg) re: capacity and MUST score.\n")
    return "".join(out), None


def coding_query(k):
    """Clinical documentation / coding query to a physician, with the answer typed back."""
    p, doc = k.person(), k.person()
    return (f"CDI QUERY #{k.d(6)}   Status: {k.c(['Answered', 'Open', 'Escalated'])}\nTo: {k.dr(doc, 'full')} (attending)   From: {k.dr(form='full')}, RHIT CCDS\n"
            f"Patient: {k.pt(p, 'last_first')}   MRN {k.mrn()}   Acct {k.acct()}   Adm {k.date()}  Disch {k.date()}\nPayer: {k.c(['Medicare', 'Humana MA', 'BCBS', 'Medicaid MCO'])} ID {k.plan()}\n\n"
            f"Dr. {k.dr(doc, 'last')}, the record documents 'acute on chronic' renal failure with creatinine 3.4 (baseline 1.1) and "
            f"Na 128. Please clarify the type (see also the Doctor's Orders sheet of day 2):\n[ ] AKI (N17.9)  [ ] ATN (N17.0)  [ ] CKD stage only (N18.3)  [ ] other\n"
            f"Also: 'malnutrition' appears in the dietitian note ({k.dr(form='init_last')}, RD, {k.date(fmt='md')}) - severity?\n\n"
            f"RESPONSE {k.date()}: {k.c(['ATN, severe protein-calorie malnutrition E43', 'AKI, moderate malnutrition', 'unable to determine'])} "
            f"- {k.dr(doc, 'initials')}\nDRG before 683 / after 682. Query compliant with AHIMA/ACDIS 2022 guidance.\n"), None


def resus_record(k):
    """In-hospital cardiac arrest record (timeline table, team, defibrillator)."""
    p = k.person()
    t0 = k.r.randint(0, 21)
    team = ", ".join(k.dr(form=k.c(["full", "init_last", "last"])) for _ in range(k.r.randint(3, 5)))
    rows = "".join(f"{t0:02d}:{m:02d}  {ev}\n" for m, ev in zip(sorted(k.r.sample(range(0, 59), 7)),
                   ["arrest witnessed, CPR started", "pads on, VF", "shock 1 150J biphasic", "adrenaline 1mg IV",
                    "shock 2 200J, amiodarone 300mg", "ROSC, ETCO2 38", "handover to ICU"]))
    return (f"{k.hosp()} - RESUSCITATION RECORD (NCAA audit copy)\nPatient {k.pt(p, 'caps_last')}  {k.mrn()}  Age {k.c([str(k.r.randint(50, 89)), k.age90()])}  "
            f"Location: {k.c(['Ward 22 bay 3 bed 4', 'Radiology', 'AMU side room 2', 'Outpatients'])}\nDate {k.date()}  DNACPR: none\n"
            f"Team leader {k.dr(form='full')}; team {team}\nDefib {k.c(['Lifepak 20e', 'Zoll R Series', 'HeartStart MRx'])} serial {k.device()}  "
            f"download file {k.c(['LP', 'ZR'])}{k.d(6)}.cod\n\n{rows}\nReversible causes: 4Hs/4Ts considered, K 6.9 -> treated.\n"
            f"NOK {k.rel(k.kin(role := k.c(['son', 'partner', 'daughter'])), 'full')} ({role}) informed by {k.dr(form='last')} at {t0 + 1:02d}:15 on {k.phone()}.\n"), k.c([None, "upper"])


def whiteboard_ocr(k):
    """Ward whiteboard photographed at handover and run through OCR (beds, names, consultants, EDD)."""
    out = [f"[OCR of whiteboard photo {k.photo()} - {k.c(['Ward 7', 'Ward Kestrel', 'Ward 3 Female Medical'])} - {k.date()}]\n"
           "BED | NAME | CONS | NURSE | EDD | NOTES\n"]
    for b in range(1, k.r.randint(6, 10)):
        p = k.person()
        out.append(f"{b} | {k.pt(p, k.c(['caps_last', 'last_init', 'init_nodot', 'last']))} | {k.dr(form=k.c(['last', 'initials']))} | "
                   f"{k.dr(form='first')} | {k.date(fmt=k.c(['dm', 'd_mon']))} | "
                   f"{k.c(['NBM', 'falls risk', 'IV abx d3/7', 'awaiting POC', 'DOLS', 'MFFD', 'side rm - CDiff', 'age ' + k.age90()])}\n")
    out.append("Nurse in charge: " + k.dr(form="first") + "  Bleep 4471\n")
    return ocr("".join(out), k.r, 0.05), k.c([None, "upper"])


def pedigree_legend(k):
    """Text legend of a three-generation pedigree drawn in a genetics clinic."""
    p = k.person()
    out = [f"PEDIGREE LEGEND - proband {k.pt(p, 'full')} ({k.mrn()}) - drawn {k.date()} by {k.dr(form='full')}, GC\n"
           f"Indication: {k.c(['BRCA2 c.5946delT in family', 'suspected Lynch (MLH1)', 'HCM, MYBPC3 VUS', 'FAP'])}\n"]
    for gen, rels in (("I", ["paternal grandfather", "paternal grandmother", "maternal grandmother"]),
                      ("II", ["father", "mother", "maternal aunt", "paternal uncle"]),
                      ("III", ["sister", "brother", "cousin"])):
        for j, role in enumerate(rels, 1):
            r = k.kin(role)
            dead = {"I": 0.75, "II": 0.35, "III": 0.1}[gen] > k.r.random()
            if dead:
                status = k.c({"I": [f"d. {k.yr(1975, 2024)} aged {k.r.randint(55, 89)}", f"d. aged {k.age90()}", f"d. {k.yr(1970, 2022)}"],
                              "II": [f"d. {k.yr(1990, 2025)} age {k.r.randint(40, 79)}", f"d. {k.yr(1995, 2024)} (colon ca)"],
                              "III": [f"d. {k.yr(2005, 2025)} age {k.r.randint(25, 50)}"]}[gen])
            else:
                status = k.c({"I": [f"alive, {k.age90()}", f"alive, {k.r.randint(80, 89)}"],
                              "II": [f"alive, {k.r.randint(50, 85)}", f"b. {k.yr(1940, 1975)}", f"dx breast ca {k.yr(1995, 2023)}", "alive and well"],
                              "III": ["alive and well", f"b. {k.yr(1975, 2005)}", f"dx at {k.r.randint(30, 50)}, now NED"]}[gen])
                status += k.c(["", ", lives " + k.loc()])
            out.append(f"{gen}-{j} {role}: {k.rel(r, k.c(['full', 'first', 'full']))} - {status}"
                       f"{k.c(['', '', ', DNA banked ' + k.bio()])}\n")
    out.append("Ashkenazi ancestry on maternal side: unknown. Consanguinity: none reported. Manchester score 18.\n")
    return "".join(out), None


def twin_registry(k):
    """Letter from a twin research registry to a pair of twins (study ids, contact)."""
    a, b = k.person(), k.person()
    b.last = a.last
    return (f"{k.c(['Twin Research Australia', 'TwinsUK Registry', 'NZ Twin Register'])}\n{k.date(fmt='d_mon_y')}\n\n"
            f"{k.pt(a, 'full')} and {k.pt(b, 'full')}\n{k.addr(sep=chr(10))}\n\n"
            f"Dear {k.pt(a, 'first')} and {k.pt(b, 'first')},\n\nThank you for joining in {k.yr(2010, 2024)}. Your study numbers are "
            f"{k.bio()} and {k.bio()}. We would like to send saliva kits (zygosity re-test) to the address above. If this has changed, "
            f"email {k.email(k.person(), True)} or call {k.phone()}.\n\nYour mother, {k.rel(k.kin('mother'), 'full')}, asked to be added as a "
            f"parent participant; her number will be {k.bio()}. Your personal survey link: {k.url('survey')}\n\nKind regards\n{k.dr(form='full')}, Registry Coordinator\n"), None


def cancer_registry(k):
    """Cancer registry abstract: coded fields with free-text remarks."""
    p = k.person()
    return (f"CANCER REGISTRY ABSTRACT   Facility {k.hosp()}   Accession {k.acc()}   Seq 00\n"
            f"Name: {k.pt(p, 'caps_last')}  SSN: {k.nat()}  MRN: {k.mrn()}\nAddr at dx: {k.addr()}\n"
            f"DOB: {k.dob(fmt='compact')}  DxDate: {k.date(fmt='compact')}  Race 01 Sex {k.c('12')}\n"
            f"Primary site C50.4  Histology 8500/3  Grade 2  Laterality 1  cT2 cN1 cM0  Stage IIB (AJCC 8th)\n"
            f"ER+ PR+ HER2- (IHC 1+)  Ki-67 20%  Oncotype RS 16\nManaging physician: {k.dr(form='caps_last')}  NPI {k.npi()}\n"
            f"Following physician: {k.dr(form='caps_last')}  NPI {k.npi()}\nTumor bank: {k.bio()}\n"
            f"Text-remarks: pt seen at outside hosp ({k.hosp()}) {k.date(fmt='mon_y')} for biopsy, path slides {k.acc()} reviewed. "
            f"Sister {k.rel(k.kin('sister'), 'first')} also dx {k.yr(2015, 2024)}.\nAbstractor {k.dr(form='initials')}, CTR  {k.date()}\n"), k.c([None, "upper"])


def notifiable_disease(k):
    """Notification of an infectious disease to the public-health unit."""
    p = k.person()
    return (f"NOTIFICATION OF INFECTIOUS DISEASE - to {k.c(['Medical Officer of Health', 'UKHSA Health Protection Team', 'Communicable Disease Division'])}\n"
            f"Disease: {k.c(['Legionellosis', 'Measles', 'Pertussis', 'Invasive meningococcal disease', 'Salmonellosis'])}   Date of onset {k.date()}\n"
            f"Patient: {k.pt(p, 'last_first')}   DOB {k.dob()}   {dict(NZ='NHI', UK='NHS no', SG='NRIC/MRN', US='MRN').get(k.region, 'ID')} {k.mrn()}\n"
            f"Home: {k.addr()}   Ph {k.phone()}\nOccupation: {k.c(['school teacher', 'cook at a rest home', 'bus driver', 'student'])}\n"
            f"Exposures: travel to {k.c(['Bali', 'Fiji', 'Nigeria', 'none'])}; attended wedding at {k.c(['the Rotary hall', 'a marae', 'St Joseph church hall'])} {k.date(fmt='d_mon' if k.region != 'US' else 'md')}\n"
            f"Lab: {k.acc()} PCR positive ({k.hosp()})\nContacts: {k.rel(k.person(), 'full')} (partner), {k.rel(k.person(), 'first')} (child, 4y)\n"
            f"Notifying clinician {k.dr(form='full')}  {k.phone()}  {k.email(work=True)}\nFaxed to PHU {k.fax()} on {k.date()}\n"), None


def lead_home_inspection(k):
    """Environmental inspection after a child's raised blood lead (US)."""
    p, par = k.person(), k.person()
    p.last = par.last
    return (f"ELEVATED BLOOD LEAD - HOME INVESTIGATION\nChild: {k.pt(p, 'full')}  DOB {k.date(k.ymd(1500))}  BLL {k.r.randint(5, 44)} ug/dL venous ({k.date()})\n"
            f"Parent/guardian: {k.rel(par, 'full')}  Phone {k.phone()}\nResidence: {k.addr()}  (rental, built {k.yr(1900, 1977)})\n"
            f"Landlord: {k.c(['Ridgeline Holdings', 'Magnolia Property Mgmt', 'owner out of state'])}\n\nXRF readings (mg/cm2): window sill kitchen 4.2, porch rail 7.9, "
            f"door frame 1.1 (action level 1.0). Dust wipe floor 62 ug/ft2.\nSecondary address (grandmother {k.rel(k.kin('grandmother'), 'first')}): {k.addr()}\n"
            f"Referred to {k.dr(form='full')} (PCP) and WIC. Inspector {k.dr(form='init_last')} lic {k.lic()}.\n"), k.c([None, "lower"])


def pdmp_report(k):
    """Prescription-monitoring program report pasted into a pain-clinic note."""
    p = k.person()
    rows = []
    for _ in range(k.r.randint(3, 6)):
        pr = k.person()
        rows.append(f"{k.date(fmt='us_pad')}  {k.c(['oxycodone/APAP 10-325', 'hydrocodone/APAP 5-325', 'alprazolam 1 mg', 'buprenorphine/naloxone 8-2', 'tramadol 50'])}  "
                    f"qty {k.c(['30', '60', '90', '120'])}  {k.r.randint(5, 30)}d  MME {k.r.randint(0, 90)}  {k.dr(pr, 'caps_last')}  DEA {k.dea(pr)}  "
                    f"{k.c(['WALGREENS #', 'CVS #', 'KROGER #'])}{k.d(5)}\n")
    return (f"PDMP query {k.date()} for {k.pt(p, 'caps_last')} DOB {k.dob(fmt='us_pad')}  {k.addr()}\n"
            f"Fill date   Drug   Qty   Days   MME   Prescriber   DEA   Pharmacy\n" + "".join(rows) +
            f"\nNarxCare scores: narcotic 540, sedative 310, stimulant 000. Overdose risk 620.\n"
            f"Query from {k.ip()} by {k.dr(form='full')}, NPI {k.npi()}, lic {k.lic()}. Pt signed opioid agreement; UDS today.\n"), None


def erx_newrx(k):
    """NCPDP SCRIPT NewRx message rendered as text by a pharmacy system."""
    p, pr = k.person(), k.person()
    return (f"<<NewRx>> MessageID {k.d(12)}  SentTime {k.date(fmt='iso')}T{k.r.randint(8, 18):02d}:{k.r.randint(0, 59):02d}:11Z\n"
            f"Pharmacy: [[HOSPITAL|{k.c(['Harrow Creek Pharmacy', 'Keene Apothecary', 'Route 9 Drug'])}]]  Ph {k.phone()}  Fax {k.fax()}\n"
            f"Prescriber: {k.dr(pr, 'caps_last')}  NPI {k.npi()}  DEA {k.dea(pr)}\n   {k.addr()}  Ph {k.phone()}\n"
            f"Patient: {k.pt(p, 'caps_last')}  Gender {k.c('MF')}  DOB {k.dob(fmt='compact')}\n   {k.addr()}  Ph {k.phone()}\n"
            f"Benefits: BIN 610014 PCN MEDDPRIME Cardholder {k.plan()}\n"
            f"Drug: {k.c(['Eliquis 5 mg tab', 'Adderall XR 20 mg cap', 'Ozempic 0.5 mg pen', 'Lyrica 75 mg cap'])}  Qty 30  Refills 0  DAW 0\n"
            f"Sig: {k.c(['1 tab po bid', 'i cap po qam', 'inject 0.5mg sc q week', '1 po tid prn'])}\nNote: pt prefers text to {k.phone()}\n"), None


def tele_event_log(k):
    """Central telemetry station event log of one monitored bed."""
    p = k.person()
    ev = "".join(f"{k.date(fmt='md')} {k.r.randint(0, 23):02d}:{k.r.randint(0, 59):02d}:{k.r.randint(0, 59):02d}  "
                 f"{k.c(['VTACH 7 beats', 'AFIB onset', 'LEADS OFF', 'BRADY 38', 'PAUSE 3.2s', 'SpO2 LOW 84', 'ACK'])}  "
                 f"{k.c(['ack', 'ack', 'silenced', 'ack'])} {k.dr(form='initials')}\n" for _ in range(k.r.randint(5, 8)))
    return (f"CENTRAL STATION {k.c(['PIC iX', 'CIC Pro', 'Infinity CS'])} 3.1  host {k.ip()}\nBed TELE-{k.r.randint(1, 32)}  Transmitter {k.device()}\n"
            f"Patient {k.pt(p, 'caps_last')}  MRN {k.mrn()}  Attending {k.dr(form='caps_last')}\n" + ev +
            f"Strip printed to {k.ip()} (pod B printer). RN {k.dr(form='full')} notified cardiology fellow {k.dr(form='last')}.\n"), "upper"


KINDS = {
    "student_logbook": (student_logbook, ["NZ", "AU", "US", "US", "UK", "IE", "KE"]),
    "coding_query": (coding_query, ["US"]),
    "resus_record": (resus_record, ["UK", "IE", "US", "US"]),
    "whiteboard_ocr": (whiteboard_ocr, ["UK", "KE", "US", "US", "US", "NG"]),
    "pedigree_legend": (pedigree_legend, ["US", "US", "UK", "CA"]),
    "twin_registry": (twin_registry, ["AU", "UK", "NZ"]),
    "cancer_registry": (cancer_registry, ["US"]),
    "notifiable_disease": (notifiable_disease, ["NZ", "UK", "SG", "US", "US", "US", "KE"]),
    "lead_home_inspection": (lead_home_inspection, ["US"]),
    "pdmp_report": (pdmp_report, ["US"]),
    "erx_newrx": (erx_newrx, ["US"]),
    "tele_event_log": (tele_event_log, ["US", "CA"]),
}
