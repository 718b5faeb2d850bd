"""Note kinds of the fifth frozen set, part B: coordination, legal, administrative and hand-off notes.

Each function takes a note's ``Gen`` and returns marked text (see deid_frozen5_surrogates).
"""

from __future__ import annotations

import deid_frozen5_ids as ids
from deid_frozen5_notes_a import _time, footer, header
from deid_frozen5_surrogates import Gen, Person, mark


def transplant_coord(g: Gen) -> str:
    c = g.rng.choice
    return f"""{header(g, "TRANSPLANT COORDINATOR NOTE - " + c(("KIDNEY", "LIVER", "HEART")))}
Coordinator: {g.clin('full_cred')}  ({g.staff_email()}, {g.phone()})
Listed {g.date(fmt='mdy')}; UNOS waitlist ID {mark('ID_MRN', 'U' + str(g.rng.randint(1000000, 9999999)))}. MELD-Na 27 / cPRA 42% / blood type O+.
Living donor eval: {g.role()} {g.rel('full')} ({g.age(other=True)}), donor {ids.mrn(g, 0)}; HLA typing {ids.accession(g, 'HLA')}; crossmatch neg {g.date(fmt='md')}.
Caregiver plan: primary {g.rel()} ({g.phone()}), backup {g.rel('first')}; must live within 2 h of {g.hosp()} for 3 mo - staying c/o {g.rel('full', same_surname=False)}, {g.full_address()} (Ronald McDonald-type housing).
Insurance: {ids.health_plan(g)}; transplant case mgr {g.clin('first_last')} fax {g.fax()}.
Tacrolimus trough goal 8-10. Valcyte ppx. Bactrim SS MWF.
Research: consented to transplant biorepository, {ids.biobank(g)}.
Pt/family update page: {g.url()}
Selection committee {g.date(fmt='month_dth')}: approved. Pt notified via {g.email()}.
{footer(g)}"""


def genetic_counsel(g: Gen) -> str:
    c = g.rng.choice
    kin = []
    for role in ("Mother", "Father", "Maternal aunt", "Maternal grandmother", "Paternal uncle", "Sister", "Brother",
                 "Daughter", "First cousin (mat.)"):
        if g.rng.random() < 0.75:
            kin.append(f"  {role}: {g.rel(c(('full', 'first', 'full', 'mid')))} - "
                       + c(('breast ca dx 41', 'ovarian ca dx 58', 'colon ca dx 49', 'no cancer, alive',
                            'pancreatic ca, d. ' + g.year('full'), 'prostate ca, d. ' + g.year('apos'))))
    kin_text = "\n".join(kin) or f"  Mother: {g.rel('full')} - breast ca dx 44"
    return f"""{g.hosp()}
Cancer Genetics Program   {g.url(site=True)}
{g.date(fmt='mon_d_y')}

Dear {g.patient('first')},

It was a pleasure to meet with you and your {g.role()} on {g.date(fmt='month_dth')} (referred by {g.clin()}).
We reviewed your family history, summarized in the pedigree below:
{kin_text}
Based on this history (NCCN criteria met; Tyrer-Cuzick lifetime risk 31%), you chose multigene panel testing.
Saliva kit {ids.biobank(g)} was sent to the lab ({ids.accession(g, 'MG')}).
Result: pathogenic variant BRCA2 c.5946delT (p.Ser1982fs). Cascade testing is recommended for your relatives;
a family letter is enclosed for {g.rel('first')} and {g.rel('first')}.
Please call {g.phone()} or write to {g.staff_email()}.

Sincerely,
{g.clin('full_cred')}, Licensed Genetic Counselor {ids.licence(g, 'medical')}
{g.clin('full_cred')}
cc: {g.clin()}, {g.hosp(new=True)}, fax {g.fax()}"""


def correctional(g: Gen) -> str:
    c = g.rng.choice
    return f"""{c(('COUNTY JAIL MEDICAL', 'STATE DOC HEALTH SERVICES', 'DETENTION CENTER - SICK CALL'))}  {mark('LOCATION', g.rng.choice(('Hollister', 'Vance', 'Quitman', 'Calloway')) + ' County Detention Center')}
Inmate: {g.patient('caps')}  {ids.inmate_number(g)}  Housing: Pod C-14
Intake {g.date(fmt='mdy0')}: booked from {g.town()}. LiveScan booking: {ids.biometric(g)}. {ids.licence(g, 'driver')} on property sheet.
CC: withdrawal. COWS 14, CIWA 9. Last use {g.date(fmt='the_dth')}. Buprenorphine induction per MAT protocol.
PPD placed L forearm. HCV screen. HIV opt-out. Mental health referral - hx of hold at {g.hosp(new=True)} in {g.year('full')}.
Emergency contact: {g.role()} {g.rel()} {g.phone()}, {g.full_address()}\nRelease address: c/o {g.rel()}, {g.full_address()}
Outside appt: ortho at {g.hosp()} {g.date(fmt='mon_d')} - transport w/ 2 officers; do not tell inmate the date.
Sick call RN: {g.clin('first_last')}   Provider: {g.clin()}   Med pass: {g.clin('lone_initial')}
{ids.ssn(g)} (verified w/ SSA for Medicaid reinstatement on release)."""


def school_nurse(g: Gen) -> str:
    c = g.rng.choice
    school = f"{c(('Lincoln', 'Roosevelt', 'Cesar Chavez', 'Sacajawea', 'Lakeview', 'Hope'))} {c(('Elementary', 'Middle School', 'High School', 'Academy'))}"
    return f"""{mark('LOCATION', school)} - Health Office Visit Log
Student: {g.patient(c(('full', 'last_first', 'lower')))}  Grade {g.rng.randint(1, 12)}  Student ID {mark('ID_MRN', str(g.rng.randint(100000, 999999)))}
Date: {g.date(fmt='md')}  Time in {_time(g)} out {_time(g)}
Reason: {c(('asthma sx after PE', 'hypoglycemia 58 mg/dL', 'head bump at recess', 'stomach ache', 'nosebleed'))}.
Assessment: peak flow 220 (personal best 310). Albuterol 2 puffs via spacer per 504 plan. Recheck 280.
CGM (Dexcom) receiver {ids.device(g)}: 58 -> 15 g juice -> 104.
Parent/guardian: {g.role(parent=True)} {g.rel()} called at {g.phone()}; {c(('left VM', 'picked up at 11:10', 'will bring inhaler'))}.
Emergency card also lists {g.rel('first')} ({g.phone()}) and pediatrician {g.clin()} at {g.hosp()}.
Immunizations: Tdap, MenACWY up to date (state registry). Field trip to {g.town()} on Friday - epi-pen to go.
School nurse: {g.clin('full_cred')} {g.staff_email()}"""


def va_note(g: Gen) -> str:
    c = g.rng.choice
    branch = c(("Army", "USMC", "Navy", "Air Force", "Coast Guard"))
    return f"""{g.hosp()} - {c(('PRIMARY CARE (PACT)', 'PTSD CLINIC', 'SPINAL CORD INJURY', 'AUDIOLOGY C&P'))}
LOCAL TITLE: PACT NURSE NOTE   STANDARD TITLE: PRIMARY CARE NOTE
{g.patient('caps')}  {ids.service_number(g)}  {ids.ssn(g)}
{g.patient('poss')} service: {branch}, {c(('Vietnam', 'Gulf War', 'OIF/OEF', 'Korea'))} era; served {g.year('full')}-{g.year('full')}; Agent Orange registry. SC 70%.
{g.age()} veteran. Lives w/ {g.role()} {g.rel()} in {g.town()}, {g.county()}.
PC-PTSD-5: 4/5. PHQ-9: 14. AUDIT-C 6. Suicide risk screen (C-SSRS) neg. Firearms: locked.
Audiogram: tinnitus; hearing aid {ids.device(g)}. Biometric check-in kiosk: {ids.biometric(g)}.
MOVE! program, HBPC referral. CBOC at {g.hosp(new=True)}. Travel pay to {g.hosp(new=True, code=True)}.
TRICARE/CHAMPVA: {ids.health_plan(g)}
Signed: {g.clin('caps')} RN  /es/ {g.clin('caps')}
{g.date(fmt='mon_d_y')}@{_time(g)}
Receipt acknowledged by: {g.clin('caps')}"""


def interpreter_visit(g: Gen) -> str:
    c = g.rng.choice
    lang = c(("Spanish", "Vietnamese", "Somali", "Dari", "Haitian Creole", "Karen", "Arabic", "ASL", "Mam", "Tigrinya"))
    return f"""{header(g, "CLINIC VISIT - INTERPRETER-MEDIATED")}
Language: {lang}. Interpreter: {g.clin('first_last')} ({c(('in person', 'video', 'phone'))}, interpreter ID {mark('CLINICIAN', str(g.rng.randint(10000, 99999)))}).
Pt declined family interpreting; pt's {g.role()} {g.rel()} present but did not interpret.
{g.patient('first')} reports {c(('3 wks of cough', 'knee pain', 'headaches since arrival', 'missed periods'))}. Arrived from {c(('Kabul', 'Mogadishu', 'Guatemala', 'Port-au-Prince'))} in {g.date(fmt='month_y')}; resettled via agency in {g.town()}.
Refugee health screen: QFT positive -> CXR clear, LTBI: rifampin 4 mo. Strongyloides serology pending.
Teach-back done x3 via interpreter. Hmong/English handouts declined.
Transport: Medicaid cab; pt's phone {g.phone()} (shared with {g.role()} {g.rel('first')}).
Case manager {g.clin('first_last')} from resettlement office: {g.email(Person(g.rng))}, {g.url()}
{footer(g)}"""


def prior_auth(g: Gen) -> str:
    c = g.rng.choice
    prescriber = Person(g.rng)
    return f"""{g.hosp()}   {g.url(site=True)}
{g.full_address()}
Phone {g.phone()}   Fax {g.fax()}

{g.date(fmt='mon_d_y')}

{c(('Aetna', 'UnitedHealthcare', 'Blue Cross Blue Shield', 'Humana', 'Medicaid MCO'))} Pharmacy Prior Authorization Dept
Fax: {g.fax()}

RE: {g.patient('full')}   DOB: {g.dob()}   {ids.ssn(g) if g.rng.random() < 0.4 else ''}
{ids.health_plan(g)}   Group #: {g.rng.randint(10000, 99999)}   {ids.account(g, bare=0.0)}

To whom it may concern:
I am writing to request coverage of {c(('dupilumab', 'semaglutide', 'adalimumab', 'apixaban'))} for my patient, {g.mr()}.
They have failed step therapy with {c(('metformin and glipizide', 'topical steroids and tacrolimus', 'methotrexate'))} since {g.year('full')}.
Denial of {g.date(fmt='md')} (ref {ids.account(g, bare=1.0)}) cites formulary exclusion; per plan appeal rights we request peer-to-peer.
Payer IVR call verified with {ids.biometric(g)}.

{mark('CLINICIAN', prescriber.first + ' ' + prescriber.last)}, MD
{ids.npi(g)}   {ids.dea(g, prescriber.last)}   {ids.licence(g, 'medical')}"""


def autopsy(g: Gen) -> str:
    c = g.rng.choice
    return f"""{c(('OFFICE OF THE MEDICAL EXAMINER', 'AUTOPSY REPORT', 'POSTMORTEM EXAMINATION'))} - {g.county()}
Case: {ids.accession(g, 'ME', bare=0.0)}   Decedent: {g.patient('caps')}   {g.age()}   {g.pt.sex}
Date of death: {g.date(fmt='mdy')}   Autopsy: {g.date(fmt='mdy')} {_time(g)}
Place of death: residence, {g.full_address()}
{ids.ssn(g)}
Found in vehicle {ids.plate(g) if g.rng.random() < 0.5 else ids.vin(g)} by {g.rel(same_surname=False)} (neighbour).
Identified by: {g.role()} {g.rel()} (visual, photo {ids.photo(g)}); fingerprints: {ids.biometric(g)}; {ids.licence(g, 'driver')}
Investigator: {g.clin('first_last')}   Pathologist: {g.clin()}
External: 172 cm, 68 kg. Livor fixed posterior. Rigor full. Tattoo L deltoid "{g.rel('first')}" (name of {g.role()}).
Internal: heart 480 g, LAD 90% stenosis, old posterior MI. Lungs 1200 g combined, edema. Brain 1320 g.
Implanted device: {c(('ICD', 'pacemaker', 'VNS'))} {ids.device(g)} explanted, returned to mfr.
Tox: ethanol neg; fentanyl 12 ng/mL ({ids.accession(g, 'TX')}).
Tissue retained for brain bank: {ids.biobank(g)}.
Cause of death: atherosclerotic cardiovascular disease. Manner: natural.
Hospital records from {g.hosp()} ({ids.mrn(g)}) reviewed.
{footer(g)}"""


def med_rec(g: Gen) -> str:
    c = g.rng.choice
    meds = ("lisinopril 20 mg daily", "metoprolol succ 50 mg", "Eliquis 5 mg BID", "Lasix 40 mg qAM",
            "atorvastatin 80 mg qhs", "Synthroid 88 mcg", "Keppra 500 mg BID", "oxycodone 5 mg q6h PRN",
            "insulin glargine 22 u", "sertraline 100 mg")
    rows = "\n".join(f"  {m:<26} | {c(('continue', 'HOLD', 'changed', 'stop'))} | last dose {g.date(fmt='md') if g.rng.random() < 0.5 else 'today 0800'}"
                     for m in g.rng.sample(meds, 6))
    pres = Person(g.rng)
    return f"""MEDICATION RECONCILIATION - {c(('ADMISSION', 'DISCHARGE', 'TRANSITION OF CARE'))}
{g.patient('last_first')}  {ids.mrn(g)}  {g.age()}  Allergies: PCN (hives), sulfa
Sources: pt, {g.role()} {g.rel()}, pharmacy fill hx, {g.hosp(new=True)} records
Pharmacy: {mark('HOSPITAL', g.rng.choice(('Hendricks', 'Okafor', 'Main Street', 'Prairie')) + ' Family Pharmacy')}, {g.phone()}; fax {g.fax()}
  med                        | action   | last dose
{rows}
Controlled Rx by {mark('CLINICIAN', pres.first[0] + '. ' + pres.last)}: {ids.dea(g, pres.last)}; PDMP checked - 2 prescribers.
Vaccines: flu {c(('Fluzone HD', 'Flublok'))} lot UT{g.rng.randint(1000, 9999)}CA, COVID {g.date(fmt='month_y')}.
Reconciled by {g.clin('full_cred')} PharmD, reviewed w/ {g.clin()}."""


def blood_bank(g: Gen) -> str:
    c = g.rng.choice
    return f"""TRANSFUSION SERVICE / BLOOD BANK
Recipient: {g.patient('caps')}  {ids.mrn(g, 0)}  {ids.ssn(g) if g.rng.random() < 0.4 else ''}  Armband# {mark('ID_MRN', 'BB' + str(g.rng.randint(100000, 999999)))}
Type & screen {ids.accession(g, 'BB')}: {c(('O NEG', 'A POS', 'B POS', 'AB NEG'))}; antibody screen POS - anti-K, anti-E.
DAT neg. Antigen-negative units crossmatched: W0{g.rng.randint(100, 999)} 25 {g.rng.randint(100000, 999999)}
Hx: transfused at {g.hosp(new=True)} {g.date(fmt='month_y')}; antibody card from {g.hosp(new=True, code=True)}.
Massive transfusion protocol activated {_time(g)} by {g.clin()}: 6:6:1. TEG: R 9.1, MA 48.
Reaction work-up: febrile non-hemolytic, temp 38.6, no hemoglobinuria.
Specimen recollected by {g.clin('first_last')} - WBIT check: 2 separate draws.
Called to {g.clin()} at {g.pager()} {_time(g)}; read back.
Medical director: {g.clin('full_cred')}
Research aliquot (consented): {ids.biobank(g)}"""


def adverse_event(g: Gen) -> str:
    c = g.rng.choice
    return f"""{c(('SAFETY EVENT REPORT', 'MedWatch 3500 draft', 'ADVERSE EVENT / INCIDENT REPORT'))}  Event #{g.rng.randint(10000, 99999)}
Reporter: {g.clin('full_cred')}  {g.staff_email()}  ext {mark('PHONE', str(g.rng.randint(1000, 9999)))}
Facility: {g.hosp()}, unit 5 North   Date/time: {g.date(fmt='mdy')} {_time(g)}
Patient: {g.patient(c(('full', 'caps', 'initials')))}  {g.age()}  {ids.mrn(g)}
Event: {c(('infusion pump free-flow of heparin', 'insulin pump over-delivery', 'wrong-patient order', 'fall from bed'))}.
Device: {c(('Alaris 8015', 'Medtronic 780G', 'Sigma Spectrum'))} {ids.device(g)}; UDI (01)00{g.rng.randint(10**11, 10**12 - 1)}
Harm: {c(('none', 'temporary, intervention required', 'NCC MERP category E'))}. Rapid response called, aPTT > 150, protamine given.
Disclosure to {g.role()} {g.rel()} by {g.clin()} on {g.date(fmt='month_dth')}.
Device sequestered; vendor rep {g.clin('first_last')} ({g.phone()}). Logs exported from {g.ip()}.
Root cause analysis scheduled Wednesday. Not a sentinel event per Joint Commission.
{footer(g) if g.rng.random() < 0.4 else ''}"""


def ipass_signout(g: Gen) -> str:
    c = g.rng.choice
    blocks = []
    for i in range(g.rng.randint(3, 5)):
        sub = Gen(g.rng, g.region)
        blocks.append(f"""{i + 1}) {sub.patient(c(('caps', 'last', 'last_first', 'lower')))} {g.rng.randint(400, 799)}-{c('AB')}  {sub.age()}  {ids.mrn(sub, 0.5)}
  I: {c(('stable', 'WATCHER', 'unstable'))}
  P: {c(('CAP on ctx/azithro', 'DKA on insulin gtt', 'GIB s/p EGD', 'CHF exac, diuresing', 'ETOH w/d CIWA'))}; full code; {c(('dispo SNF', 'home w/ VNA', 'AMA risk'))}
  A: f/u {c(('AM K', 'lactate 2000', 'CT read', 'H/H q6'))}; if SBP<90 bolus 1L, call {g.clin()} {g.pager()}
  S: {sub.role()} {sub.rel('first')} calling for update at {sub.phone()}
  S: {c(('no change', 'CT neck read by Dr. ' + sub.clin('last', title=False), 'PT eval today'))}""")
    body = "\n".join(blocks)
    return f"""I-PASS SIGN-OUT  {c(('Gold', 'Blue', 'Team 3'))} team  {g.date(fmt='md')}  {g.hosp(code=True)} {c(('7 Tower', '5 West', 'Stepdown'))}
From: {g.clin('first_last')}  To: {g.clin('first_last')} (night float, pgr {g.pager()})
{body}
Synthesis: read back by receiver."""


def sbar(g: Gen) -> str:
    c = g.rng.choice
    return f"""SBAR {c(('handoff', 'to charge RN', 'transfer to 4E'))}
S: {g.patient(c(('first', 'full', 'lower', 'mid')))} in rm {g.rng.randint(100, 450)}, {g.age()}, new {c(('afib RVR 150s', 'desat 86%', 'confusion', 'hypotension 80/40'))} at {_time(g)}
B: adm {g.date(fmt='md')} from {g.hosp(new=True)} for {c(('hip fx s/p ORIF', 'sepsis UTI', 'COPD exac'))}. hx CHF, CKD3, Parkinson's. DNR/DNI per MOLST. Hx fall at {g.hosp(new=True, code=True)} {g.year('apos')}.
A: HR 148 irreg, BP 98/60, SpO2 93% 2L. Glasgow 14. Babinski neg. Foley 20 mL/h x2h. Skin Braden 13.
R: MD {g.clin()} at bedside? paged {g.pager()} @ {_time(g)}; want dilt 10 mg IV? Family: {g.patient('poss')} {g.role()} {g.rel()} on way ({g.phone()}).
Report given {g.clin('first')} -> {g.clin('first')} {_time(g)}"""


def paging_log(g: Gen) -> str:
    c = g.rng.choice
    msgs = ("pls call re bed {bed} pt {pt} K 6.1 hemolyzed? cb {ph}",
            "{pt} in {bed} wants to leave AMA, {role} {rel} on phone {ph}",
            "FYI {pt} trop 0.08 -> 0.31 ecg no change cb {ph}",
            "cx ret pos gpc in {pt} ({mrn}) call lab {ph}",
            "{rel} ({role} of {pt}) asking for dr {doc} cb {ph}",
            "rad: crit result ct head {pt} {acc} call {ph}",
            "pharmacy: vanc trough 28 for {pt} hold dose? {ph}")
    lines = []
    for _ in range(g.rng.randint(5, 8)):
        m = c(msgs).format(bed=f"{g.rng.randint(3, 12)}{c('ABCD')}", pt=g.patient(c(('last', 'lower', 'first', 'initials'))),
                           ph=c((g.phone(), g.pager())), role=g.role(), rel=g.rel(c(('first', 'lower'))),
                           mrn=ids.mrn(g, 1.0), doc=g.clin('last', title=False), acc=ids.accession(g, bare=1.0))
        lines.append(f"{g.date(fmt='md')} {_time(g)} from {g.clin('userid')} to {g.clin('userid')}: {m}")
    return "TEXT PAGING LOG - " + c(("night float", "hospitalist pager", "ICU resident pager")) + "\n" + "\n".join(lines)
