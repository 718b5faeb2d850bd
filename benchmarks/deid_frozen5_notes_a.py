"""Note kinds of the fifth frozen set, part A: procedure reports and specialty / acute-care notes.

Each function takes a note's ``Gen`` and returns marked text (see deid_frozen5_surrogates).
PHI-free but risky-looking content (eponyms, scores, doses, times, room numbers, lot numbers,
weekdays, holidays, US states alone) is written in on purpose.
"""

from __future__ import annotations

import deid_frozen5_ids as ids
from deid_frozen5_surrogates import Gen


def _time(g: Gen) -> str:
    return f"{g.rng.randint(0, 23):02d}{g.rng.choice(('', ':'))}{g.rng.randint(0, 59):02d}"


def footer(g: Gen) -> str:
    """Sign-off lines: signature, dictation job, copies, workstation (each sometimes)."""
    c, r = g.rng.choice, g.rng.random
    lines = [f"Electronically signed by {g.clin('full_cred')} on {g.date(g.day(0))} at {_time(g)}"]
    if r() < 0.45:
        lines.append(f"D: {g.date(g.day(0), 'mdy0')}  T: {g.date(g.day(1), 'mdy0')}  {ids.dictation(g)}")
    if r() < 0.3:
        lines.append(f"cc: {g.clin()} fax {g.fax()}")
    if r() < 0.3:
        lines.append(f"printed from {c(('workstation', 'WS', 'terminal', 'host'))} {g.ip()} by {g.clin('userid')}")
    if r() < 0.25:
        lines.append(ids.account(g, bare=0.0))
    if r() < 0.3:
        lines.append(f"{ids.npi(g)}" + (f"   {ids.dea(g)}" if r() < 0.6 else ""))
    return "\n".join(lines)


def header(g: Gen, title: str) -> str:
    c = g.rng.choice
    form = g.rng.random()
    if form < 0.35:
        return (f"{g.hosp()}\n{title}\nPatient: {g.patient(c(('caps', 'last_first', 'full')))}   {ids.mrn(g, 0)}\n"
                f"DOB: {g.dob()}   Date of Service: {g.date(g.day(0))}")
    if form < 0.7:
        return (f"{title.upper()} -- {g.hosp()} ({g.hosp(code=True)})\nNAME: {g.patient('caps')}  "
                f"{ids.mrn(g, 0)}  {ids.account(g, 0.0)}\nDATE: {g.date(g.day(0))}")
    return f"{title}\n{g.patient()}  {g.dob()}  {ids.mrn(g)}\nseen {g.date(g.day(0))} at {g.hosp()}"


def cath_lab(g: Gen) -> str:
    c = g.rng.choice
    return f"""{header(g, "CARDIAC CATHETERIZATION REPORT")}
Operator: {g.clin()}   Fellow: {g.clin()}   Referring: {g.clin()} ({g.hosp(new=True)})
Indication: {g.age()} {c(('man', 'woman'))} with NSTEMI, TIMI score 4, troponin peak 2.3. Prior PCI to LAD {g.year()} at {g.hosp(new=True)}.
Access: R radial, 6Fr Glidesheath. Heparin 5000 units. Allen test normal.
Findings: LM normal. LAD 80% mid stenosis. LCx 40% OM1. RCA dominant, 100% CTO with Rentrop 2 collaterals.
LVEDP 18 mmHg. Swan-Ganz: RA 8, PA 42/20, PCWP 19, CO 4.1 (Fick).
Intervention: DES 3.0 x 28 mm to mid LAD (lot {g.rng.randint(100000, 999999)}). TIMI 3 flow.
{c(('Temporary pacer', 'Impella CP', 'IABP'))} placed, {ids.device(g)}.
{'Enrolled in cath registry, ' + ids.biobank(g) + '.' if g.rng.random() < 0.6 else ''}
Closure: TR band 14 mL. Plan: DAPT x 12 mo, cardiac rehab. Wife {g.rel('first')} updated by phone {g.phone()}.
{footer(g)}"""


def endoscopy(g: Gen) -> str:
    c = g.rng.choice
    return f"""{header(g, c(("EGD REPORT", "COLONOSCOPY REPORT", "ERCP PROCEDURE NOTE")))}
Endoscopist: {g.clin()}  Anesthesia: {g.clin()} (MAC, propofol 180 mg)
Scope: {c(('CF-HQ190L', 'GIF-H190', 'TJF-Q190V'))} {ids.device(g)}
Indication: {c(('iron deficiency anemia', 'hematochezia', 'screening, family hx CRC (father dx age 52)', 'choledocholithiasis'))}
Prep: Boston Bowel Prep Scale 2/3/3 = 8. Cecum reached 10:42, withdrawal 9 min.
Findings: 8 mm sessile polyp at 30 cm, cold snare. Schatzki ring. LA grade B esophagitis. Barrett's C2M4 (Prague).
Photos stored: {ids.photo(g)}, {ids.photo(g)}
{'Research biopsy (consented): ' + ids.biobank(g) if g.rng.random() < 0.6 else 'No research samples.'}
Specimens: {ids.accession(g, 'S')} (polyp), {ids.accession(g, 'S', bare=1.0)} (random bx)
Follow-up: repeat in 3 yrs per USMSTF; results to pt via portal and letter to {g.full_address()}.
Driver: {g.patient('poss')} {g.role()} {g.rel()} ({g.phone()}) - pt not to drive until Saturday.
{footer(g)}"""


def ent_clinic(g: Gen) -> str:
    c = g.rng.choice
    return f"""{header(g, "OTOLARYNGOLOGY CLINIC NOTE")}
CC: R ear fullness x3 mo, hearing loss. Referred by {g.clin()} at {g.hosp(new=True)}.
HPI: {g.patient('first')} is a {g.age()} retired {c(('trucker', 'teacher', 'welder', 'nurse'))} from {g.town()}. Weber lateralizes L, Rinne neg R.
Dix-Hallpike negative. No Tullio. Audiogram {g.date(fmt='md')}: R moderate SNHL, WRS 64%.
Flexible laryngoscopy: mobile cords, no lesion; Reinke's edema mild. Stroboscopy images {ids.photo(g)}.
Hx: tonsillectomy {g.year('in_yy')}, septoplasty in {g.year('full')} (Dr. {g.clin(title=False, form='last')}).
Imaging: MRI IAC w/wo {g.date()} at {g.hosp(new=True)} - no vestibular schwannoma ({ids.accession(g, 'MR')}).
Hearing aid: {c(('Phonak', 'Oticon', 'ReSound'))} R, {ids.device(g)}. Cochlear implant candidacy discussed.
Plan: RTC 6 wks with {g.clin()}; audiology call {g.phone()}.
{footer(g)}"""


def derm_photo(g: Gen) -> str:
    c = g.rng.choice
    lesions = "\n".join(f"  {i}. {c(('L upper back', 'R shin', 'scalp vertex', 'L nasal ala', 'R forearm'))}: "
                        f"{c(('6 mm pink papule', 'irregular pigmented macule', 'scaly plaque', 'pearly papule w/ telangiectasia'))}"
                        f" - {ids.photo(g)}; shave bx {ids.accession(g, 'D', bare=0.5)}" for i in range(1, g.rng.randint(3, 5)))
    return f"""{header(g, "DERMATOLOGY - TOTAL BODY SKIN EXAM")}
Provider: {g.clin()}   Scribe: {g.clin('first_last')}
Fitzpatrick II. Hx melanoma in situ {g.date(fmt='month_y')} (excised at {g.hosp(new=True)}). {g.role().capitalize()} {g.rel()} had melanoma too.
Lesions photographed (dermatoscopy, MoleMap):
{lesions}
Koebner negative. Auspitz sign absent. Nikolsky negative.
Rx: tretinoin 0.025% cream qhs; sunscreen SPF 50. Pt shares progress photos on {g.url()} - advised re privacy.
Pt email for photo consent copy: {g.email()}
{footer(g)}"""


def urology(g: Gen) -> str:
    c = g.rng.choice
    return f"""{header(g, "UROLOGY FOLLOW-UP")}
{g.mr()} returns for PSA recheck. PSA {g.date(fmt='md')} 6.8 (was 4.1 in {g.year('full')}). IPSS 19, QoL 4.
DRE: 40 g, firm R lobe nodule. Foley removed {g.date(fmt='month_dth')} after TURP at {g.hosp()}.
Cysto: {c(('bladder trabeculation, no tumor', 'papillary lesion L lateral wall'))}; cytology {ids.accession(g, 'CY')}.
MRI prostate PI-RADS 4 - fusion bx scheduled {g.date(fmt='mon_d')} with {g.clin()}.
Stone hx: 7 mm L UVJ stone {g.year('apos')}, ESWL. Stent {ids.device(g)} removed.
Meds: tamsulosin 0.4 mg, finasteride 5 mg. Call {g.phone()} if gross hematuria.
{g.role().capitalize()} {g.rel()} drove; lives at {g.full_address()}.
{footer(g)}"""


def rheumatology(g: Gen) -> str:
    c = g.rng.choice
    return f"""{header(g, "RHEUMATOLOGY CONSULT")}
Reason: inflammatory arthritis. Requested by {g.clin()}.
{g.patient('full')}, {g.age()}, {c(('seamstress', 'farmer', 'dental hygienist', 'bus driver'))}, reports AM stiffness 2 h, MCP/PIP swelling since {g.date(fmt='month_y')}.
Exam: 28-joint count: tender 9, swollen 6. Heberden's nodes DIP. Schober 5 cm. Gottron papules absent.
Labs {g.date(fmt='md')}: RF 88, anti-CCP >250, ESR 54, CRP 3.1. DAS28-CRP 5.2. HLA-B27 neg. ANA 1:160 speckled.
Dx: seropositive RA. Hx of Sjogren's in {g.role()}.
Plan: MTX 15 mg weekly + folic acid; hydroxychloroquine; ophtho baseline. Biologic if DAS28 > 3.2 at 3 mo:
prior auth for adalimumab submitted, {ids.health_plan(g)}, ref {ids.account(g, bare=1.0)}.
Research: consented to RA registry, {ids.biobank(g)}.
{footer(g)}"""


def id_consult(g: Gen) -> str:
    c = g.rng.choice
    return f"""INFECTIOUS DISEASE CONSULTATION
{g.patient('caps')} {ids.mrn(g)} Rm {g.rng.randint(200, 899)}{c('AB')} {g.hosp()}
Requesting: {g.clin()}  Consultant: {g.clin()}
Q: MRSA bacteremia, ?endocarditis. BCx {g.date(fmt='md')} 4/4 bottles GPC clusters ({ids.accession(g, 'BC')}).
Hx: IVDU, last use {g.date(fmt='the_dth')}. HCV Ab+ ({g.year()}). HIV neg {g.date(fmt='mdyy')}. Lives w/ {g.role()} in {g.town()}, {g.county()}.
Travel: {c(('Guatemala', 'India', 'Kenya', 'Mexico'))} in {g.date(fmt='month_y')}. Pets: 2 cats. Works at a {c(('poultry plant', 'daycare', 'prison kitchen'))}.
TTE: no veg. TEE pending. Duke criteria: 1 major 2 minor. Janeway lesions absent. Osler nodes absent.
Rec: vancomycin AUC 400-600, add daptomycin if persistent. Repeat BCx q48h.
Stored isolate for ID research bank: {ids.biobank(g)}.
PICC {ids.device(g)} when BCx neg 72 h. OPAT clinic {g.phone()}; ID fellow pager {g.pager()}.
Contact tracing: {g.patient('poss')} partner {g.rel('full', same_surname=False)} ({g.phone()}) notified by health dept.
{footer(g)}"""


def trauma_tertiary(g: Gen) -> str:
    c = g.rng.choice
    return f"""TRAUMA TERTIARY SURVEY - HD#2
Pt: {g.patient('last_first')}  {ids.mrn(g, 0)}  Trauma name on arrival: {c(('Zebra', 'Alpha', 'Tango', 'Kilo'))} {g.rng.randint(100, 999)}
Mechanism: restrained driver, MVC vs tree on Route {g.rng.randint(1, 99)} near {g.town()}, ~{g.rng.randint(30, 70)} mph. Vehicle {c(('silver Camry', 'F-150', 'Civic'))} plate {ids.plate(g)}, VIN {ids.vin(g)} (from police report, Officer {g.clin('last')}).
Primary/secondary done {g.date(fmt='md')} by {g.clin()}. GCS 14 (E4V4M6). FAST neg. ISS 17.
Injuries: L 5-8 rib fx, small PTX (chest tube 28Fr), grade II splenic lac, R distal radius fx (ORIF planned).
New today: R 5th MC tenderness -> XR {ids.accession(g, 'XR')}: boxer's fx.
Tertiary imaging reviewed by {g.clin()}. C-collar cleared per NEXUS/Canadian C-spine.
Social: {g.role()} {g.rel()} at bedside; {g.role()} {g.rel()} driving from {g.town()}. Pt's {ids.licence(g, 'driver')} held by police.
EtOH 0.14. SBIRT done. Tetanus given (Tdap lot {g.rng.randint(1000, 9999)}{c('ABCDEF')}).
{footer(g)}"""


def burn_unit(g: Gen) -> str:
    c = g.rng.choice
    return f"""{header(g, "BURN UNIT PROGRESS NOTE")}
POD {g.rng.randint(1, 9)} s/p excision & STSG. {g.patient('first')} injured {g.date(fmt='md')} in a {c(('house fire', 'grease fire', 'propane explosion', 'brush fire'))} at {g.full_address()}.
TBSA 28% (Lund-Browder): face 3, ant trunk 13, R arm 7, hands 5 (deep partial/full).
Parkland: 4 mL x 82 kg x 28% = 9184 mL/24h; UOP goal 0.5 mL/kg/h (met).
Wounds: Mepilex Ag, Xeroform to donor R thigh. Graft take ~95%. Escharotomy sites healing.
Inhalation injury: bronch grade 2 soot, extubated {g.date(fmt='month_d')}.
Transferred from {g.hosp(new=True)} ({g.hosp(new=True, code=True)}) by air.
Photos for wound tracking: {ids.photo(g)}, {ids.photo(g)}
Family fundraiser page: {g.url()}.
Pain: PCA hydromorphone, ketamine gtt. PT/OT splinting. Psych for ASD screen.
Family: {g.patient('poss')} {g.role()} {g.rel()} (cell {g.phone()}) and {g.role()} {g.rel('first')}; fire marshal {g.clin('full_cred')} called re cause.
{footer(g)}"""


def psych_hold(g: Gen) -> str:
    c = g.rng.choice
    state = c(("Ohio", "Arizona", "Kansas", "Maine"))
    return f"""APPLICATION FOR EMERGENCY ADMISSION / 72-HOUR HOLD ({state} law)
Respondent: {g.patient('caps')}  DOB {g.dob()}  {ids.ssn(g)}
Address: {g.full_address()}   Phone: {g.phone()}
Facility: {g.hosp()} Behavioral Health Unit, transferring from {g.hosp(new=True)}
Applicant: {c(('Officer', 'Deputy', 'Dr.'))} {g.clin('last')} badge {g.rng.randint(100, 9999)}
Statement: On {g.date(fmt='mon_d_y')} at approx {_time(g)} respondent was found on the {c(('overpass', 'roof of the library', 'rail bridge'))} in {g.town()}
stating "I am done." {g.role().capitalize()} {g.rel()} reports 3 days no sleep, gave away guns. C-SSRS high risk.
Collateral: {g.rel('last_first')} ({g.role()}), {g.phone()}. Prior holds {g.year('apos')}, {g.year('full')}.
Court: probate court of {g.county()}; hearing set {g.date(fmt='mdy')} before Magistrate {g.clin('last')}.
Counsel appointed: {g.clin('first_last')}, Esq., {g.email(None)}
Examiner: {g.clin('full_cred')}, {ids.licence(g, 'medical')}
Biometric booking: {ids.biometric(g)}
{'Vehicle impounded: ' + ids.plate(g) + ', VIN ' + ids.vin(g) if g.rng.random() < 0.6 else 'No vehicle.'}
Examiner {ids.dea(g)}
{footer(g)}"""


def ems_run(g: Gen) -> str:
    c = g.rng.choice
    return f"""EMS PATIENT CARE REPORT  Run# {g.rng.randint(10000, 99999)}-{g.rng.randint(1, 9)}  Medic {g.rng.randint(1, 40)}
Dispatched {_time(g)} Enroute {_time(g)} On scene {_time(g)} Transport {_time(g)} At dest {_time(g)}  Date {g.date(fmt='mdy0')}
Pt: {g.patient('caps')}  Age {g.age()}  Sex {g.pt.sex}  Wt 80 kg  {ids.ssn(g) if g.rng.random() < 0.5 else ''}
Scene: {g.full_address()} ({c(('single-family home', 'trailer', 'Dollar General parking lot', 'nursing home'))})
Call-back: {g.phone()}
CC: {c(('chest pain', 'fall', 'SOB', 'AMS'))}. Found by {g.role()} {g.rel()}. Stroke scale BE-FAST neg. GCS 15.
Vitals: 14:02 BP 162/90 HR 112 RR 24 SpO2 91% RA; 14:12 BP 150/88 HR 104 SpO2 96% 4L NC.
12-lead transmitted to {g.hosp()} from monitor {ids.device(g)} - STEMI alert called.
Tx: ASA 324 PO, NTG 0.4 SL x2, IV 18g L AC, fentanyl 50 mcg.
Pt's vehicle left at scene: {ids.plate(g)}. Keys given to neighbor {g.rel('first', same_surname=False)}.
Crew: {g.clin('first_last')} (EMT-P), {g.clin('initial_last')} (EMT-B), {ids.licence(g, 'nursing')}
Transferred care to RN {g.clin('first')} at {g.hosp()}, {g.hosp(code=True)} ED bay 4.
{footer(g) if g.rng.random() < 0.4 else ''}"""


def poison_control(g: Gen) -> str:
    c = g.rng.choice
    rows = "\n".join(f"{_time(g)}  {c(('f/u call', 'callback', 'HCF call', 'caller'))}: {c(('no vomiting', 'drowsy but arousable', 'HR 118', 'started NAC', 'APAP level 180 at 4h'))} - {g.clin('lone_initial')}"
                     for _ in range(g.rng.randint(3, 5)))
    return f"""POISON CENTER CASE LOG  case {ids.account(g, bare=1.0)}  {g.date(fmt='iso')}
Caller: {g.role()} {g.rel()} from home, {g.phone()}  ({g.town()}, {g.state()})
Patient: {g.patient('first')} {g.patient('last')}, {c(('2 y/o', '15 y/o', g.age(), g.age(), g.age()))}
Exposure: {c(('acetaminophen ~6 g', 'grandma’s amlodipine x3', 'laundry pod', 'button battery', 'mushrooms from yard'))} at ~{_time(g)}.
Rumack-Matthew line reviewed. Product lot {g.rng.randint(10000, 99999)}.
Referred to {g.hosp()} ED; HCF contact {g.clin()} {g.phone()}.
Caller verified by {ids.biometric(g)} on recorded line.
{rows}
Specialist in poison info: {g.clin('first_last')}, CSPI. Medical toxicologist: {g.clin()}.
Outcome: minor effect. Closed {g.date(fmt='md')}."""


def dietitian(g: Gen) -> str:
    c = g.rng.choice
    return f"""{header(g, "MEDICAL NUTRITION THERAPY - INITIAL ASSESSMENT")}
RD: {g.clin()}   Referral: {g.clin()} for {c(('malnutrition', 'new T2DM', 'CKD 4', 'PEG feeds'))}
Anthro: Ht 165 cm Wt 52.4 kg (was 61 kg {g.date(fmt='month_y')}), BMI 19.2, 14% wt loss/6 mo. NFPE: temporal wasting.
Diet hx: lives alone in {g.town()}; {g.role()} {g.rel()} shops on Sundays; Meals on Wheels since {g.year()}.
Intake ~50% of needs x 2 wks, worse since the winter. Estimated needs: 1600-1800 kcal (25-30 kcal/kg), protein 1.2-1.5 g/kg.
Dx (PES): severe malnutrition r/t poor appetite AEB 14% wt loss and 50% intake.
Plan: Ensure Plus BID, Boost Glucose Control; PEG formula Jevity 1.5 @ 55 mL/h x 20 h; free water 150 mL q4h.
SNAP/WIC referral; pt email {g.email()} for recipes; f/u tele-RD {g.date(fmt='mon_d')}, {g.phone()}.
Canada's Food Guide handout given. Nonagenarian mother cooks for her.
{footer(g)}"""


def slp(g: Gen) -> str:
    c = g.rng.choice
    return f"""{header(g, "SPEECH-LANGUAGE PATHOLOGY - BEDSIDE SWALLOW / MBSS")}
SLP: {g.clin('full_cred')}
Dx: {c(('L MCA CVA', 'Parkinson disease', 'ALS', 's/p ACDF'))}; {g.age()}.
MBSS {g.date(fmt='md')} (VFSS study {ids.accession(g, 'FL')}): PAS 7 thin liquids, 3 nectar. Penetration w/o cough. Yale residue moderate.
Cognitive-linguistic: MoCA 19/30. Boston Naming 42/60. Aphasia: Broca-type, WAB AQ 61.
Recs: IDDSI level 5 minced & moist / mildly thick liquids (level 2). Chin tuck. Meds crushed in puree.
Voice: Lee Silverman LSVT LOUD referral. Pt's {g.role()} {g.rel('first')} trained in strategies.
Dysphagia screen repeat {g.date(fmt='the_dth')}. AAC device loaned: {c(('Lingraphica', 'iPad w/ Proloquo'))} {ids.device(g)}.
Voice banking for ALS: {ids.biometric(g)} stored (recordings of pt's own voice).
{footer(g)}"""


def rt_flowsheet(g: Gen) -> str:
    c = g.rng.choice
    rows = "\n".join(f"{g.date(fmt='md')} {_time(g)} | {c(('AC/VC', 'PRVC', 'PSV', 'HFNC', 'BiPAP'))} | "
                     f"FiO2 {c((0.3, 0.4, 0.5, 0.6))} | PEEP {c((5, 8, 10))} | Vt {c((380, 420, 450))} | RR {c((14, 18, 22))} | "
                     f"SpO2 {c((91, 94, 97))}% | {g.clin('lone_initial')}" for _ in range(g.rng.randint(4, 6)))
    return f"""RESPIRATORY THERAPY FLOWSHEET   {g.patient('caps')}   {ids.mrn(g)}   Bed {c(('MICU 12', '4W-22', 'CVICU 3'))}
Vent: {c(('Servo-u', 'PB980', 'Hamilton C6'))} {ids.device(g)}   ETT 7.5 @ 23 cm lip
date  time | mode | FiO2 | PEEP | Vt | RR | SpO2 | RT
{rows}
ABG 07:10: 7.31/52/68/26. P/F 136. RSBI 88 on SBT. Cuff leak present.
MDI albuterol q4h; Duoneb PRN. Vest CPT BID. Trach {ids.device(g)} (Shiley 6) planned.
Home O2 vendor: {c(('Apria', 'Lincare', 'AdaptHealth'))} - home concentrator {ids.device(g)} at {g.full_address()}
Notes: RT {g.clin('first')} paged Dr. {g.clin('last', title=False)} at {g.pager()} re: high peaks. {g.hosp(code=True)} policy RT-22."""
