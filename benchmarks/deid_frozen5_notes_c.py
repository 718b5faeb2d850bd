"""Note kinds of the fifth frozen set, part C: other English-speaking systems (UK, Canada, Australia, NZ).

Dates are day-first there; NHS / provincial health-card / Medicare / NHI numbers are ID_HEALTHPLAN,
postcodes are ZIP, GP surgeries and wards named after people or places are HOSPITAL.
"""

from __future__ import annotations

import deid_frozen5_ids as ids
from deid_frozen5_notes_a import _time
from deid_frozen5_surrogates import Gen, mark


def uk_consultant_letter(g: Gen) -> str:
    c = g.rng.choice
    specialty = c(("Rheumatology", "ENT", "Urology", "Dermatology", "Gastroenterology"))
    doc = g.clin('last', title=False)
    return f"""{g.hosp()}   {g.url(site=True)}
{specialty} Outpatients, {g.street()}, {g.town()} {g.zip()}
Tel {g.phone()}   Secretary fax {g.fax()}

Dictated: {g.date(g.day(0))}   Typed: {g.date(g.day(g.rng.randint(1, 9)))}   Ref: {ids.dictation(g)}

Dr {doc}
{g.hosp(new=True)}
{g.street()}, {g.town()} {g.zip()}

Dear Dr {doc},

Re: {g.title()} {g.patient(c(('full', 'mid')))}, DOB {g.dob()}, {ids.health_plan(g)}, Hosp No {ids.mrn(g, 1.0)}
{g.full_address()}

Diagnosis: {c(('polymyalgia rheumatica', 'chronic rhinosinusitis with polyps', 'LUTS / BPH', 'psoriasis', 'coeliac disease'))}
I reviewed {g.mr()} in clinic today with {g.his()} {g.role()} {g.rel('first')}. {g.he()} is a {g.age()} retired
{c(('postman', 'dinner lady', 'publican', 'farmer'))} from {g.town()}. Symptoms since the spring, worse since {g.date(fmt='d_month_y')}; seen at A&E {g.date(fmt='d_mon')}.
Examination: BMI 27, BP 148/82. Lachman's negative. Rinne positive bilaterally.
Bloods ({ids.accession(g)}): ESR 42, CRP 31, eGFR 58.
Plan: prednisolone 15 mg OD, taper per BSR guideline; bone protection; review in 6 weeks; day-case infusion on {g.hosp(new=True)} if needed.
Please continue to monitor at the surgery. {g.title()} {g.patient('last')} may email {g.email()}.

Yours sincerely,

{g.clin('caps')}
Consultant {specialty}  {ids.licence(g)}
cc: {g.title()} {g.patient('full')} (patient)"""


def uk_gp_referral(g: Gen) -> str:
    c = g.rng.choice
    return f"""{g.hosp()}
{g.street()}, {g.town()}, {g.zip()}   Tel {g.phone()}   {g.url(site=True)}
e-Referral UBRN {ids.account(g, bare=1.0)}   Urgent suspected cancer (2WW)? {c(('Yes', 'No'))}

Patient: {g.patient('caps')}   {ids.health_plan(g)}   DOB {g.dob()}
Address: {g.full_address()}   Mobile {g.phone()}
NOK: {g.rel('full')} ({g.role()}) {g.phone()}
Referring GP: Dr {g.clin('first_last')} {ids.licence(g)}

Dear colleague,
Thank you for seeing this {g.age()} {c(('man', 'woman'))} with {c(('iron deficiency anaemia and weight loss', 'a changing mole on the back', 'dysphagia', 'haematuria'))}.
FIT 186 on {g.date(fmt='dmy')}. Hb 94. Past history: appendicectomy {g.year('full')}, TIA {g.year('in_yy')} (seen at {g.hosp(new=True)}).
Meds: ramipril 5 mg OD, atorvastatin 40 mg ON, omeprazole 20 mg.
Social: lives with {g.role()} {g.rel('first')} in {g.town()}, ex-smoker 30 pack-years, 14 units/week.
Please note {c(('interpreter needed (Polish)', 'hearing impaired', 'carer attends'))}.
Kind regards, {g.clin('initial_last')}
Practice fax {g.fax()}  {g.staff_email()}"""


def uk_mental_health_act(g: Gen) -> str:
    c = g.rng.choice
    return f"""MENTAL HEALTH ACT 1983 - SECTION {c(('2', '3', '136', '5(2)'))} - MEDICAL RECOMMENDATION
Patient: {g.patient('full')}   of {g.full_address()}
{ids.health_plan(g)}
Examined on {g.date(fmt='dmy')} at {g.hosp()} ({mark('HOSPITAL', c(('Brontë', 'Seacole', 'Aneurin Bevan', 'Fleming', 'Lister')) + ' Ward')})
I, Dr {g.clin('first_last')}, approved under s.12, {ids.licence(g)}, am of the opinion that the patient is suffering
from mental disorder of a nature or degree which warrants detention in hospital for assessment.
Reasons: {c(('persecutory delusions about neighbours', 'manic relapse, not sleeping', 'severe depression with suicidal plan'))}; refused informal admission.
Nearest relative: {g.rel('full')} ({g.role()}), informed by AMHP {g.clin('first_last')} on {g.date(fmt='d_month_y')} at {_time(g)}.
Bed at {g.hosp(new=True)}; conveyed by ambulance; police present (PC {g.clin('last')}).
Signed: {g.clin('caps')}   Date {g.date(fmt='dmy')}"""


def ca_clinic_note(g: Gen) -> str:
    c = g.rng.choice
    return f"""{g.hosp()} - {c(('Rheumatology', 'Urology', 'Infectious Diseases', 'Transplant', 'Dietitian'))} clinic
Patient: {g.patient('last_first')}   {ids.health_plan(g)}   Chart {ids.mrn(g, 1.0)}
DOB: {g.dob()}   Visit: {g.date(fmt='iso')}
Address: {g.full_address()}   Home {g.phone()}
Family MD: Dr. {g.clin('last', title=False)}, {g.hosp(new=True)} (fax {g.fax()})
{g.patient('first')} is a {g.age()} {c(('retired fisher', 'daycare worker', 'Cree elder', 'snowplow operator'))} from {g.town()}, flown in from {g.town()}.
Seen with {g.role()} {g.rel()}. Thanksgiving (October) weight 71 kg, today 66.
eGFR 24; Kt/V n/a. Dx: CKD G4A3. Tim Hortons double-double daily (2 sugars).
Plan: dietitian teaching, low K; renal transplant referral to {g.hosp(new=True)}; OHIP+ covers meds.
Telemedicine link (OTN) from {g.ip()}; {ids.licence(g)}
{g.clin('full_cred')}"""


def ca_ems_transfer(g: Gen) -> str:
    c = g.rng.choice
    return f"""AMBULANCE CALL REPORT - {c(('ORNGE', 'BC EHS', 'Alberta Health EMS'))} interfacility
Pt: {g.patient('caps')}  {g.age()}  {ids.health_plan(g)}
From: {g.hosp()} ({g.town()})  To: {g.hosp(new=True)}  Date {g.date(fmt='iso')}
Pickup: {g.street()}, {g.town()} {g.state()} {g.zip()}
Hx: STEMI, lysed 13:05 (TNK). Killip I. Trop 4500. Canadian CT Head Rule N/A.
Enroute: HR 72, BP 128/76, SpO2 97%. Pads on, monitor {ids.device(g)}.
Escort: {g.role()} {g.rel()} ({g.phone()}) following by car, plate {ids.plate(g)}
Crew: ACP {g.clin('first_last')}, PCP {g.clin('first_last')}
Receiving MD: {g.clin()} via CritiCall {g.phone()}"""


def au_skin_clinic(g: Gen) -> str:
    c = g.rng.choice
    return f"""{g.hosp()} - Skin Cancer Clinic   {g.url(site=True)}
Patient: {g.title()} {g.patient('full')}   DOB {g.dob()}   {ids.health_plan(g)}   DVA: {c(('Gold card', 'nil'))}
Address: {g.street()}, {g.town()} {g.state()} {g.zip()}   Mob {g.phone()}
GP: Dr {g.clin('first_last')}, {g.hosp(new=True)}
{g.age()}. Outdoor worker (shearer) from {g.town()}; hx SCC L ear {g.year('full')} excised at {g.hosp(new=True)}.
Dermoscopy: {c(('BCC nodular R cheek 8 mm', 'melanoma? L calf, 3-point checklist 2', 'AK x12 scalp'))}; photos {ids.photo(g)}, {ids.photo(g)}.
Histo {ids.accession(g, 'SP')}: {c(('BCC, margins clear', 'SCC well diff, PNI absent', 'melanoma in situ'))}.
Plan: 5-FU cream, slip-slop-slap, review Anzac Day week. Medicare item 30071.
Recall SMS to {g.phone()}; results emailed to {g.email()}.
{g.clin('initial_last')} (AHPRA {ids.licence(g)})"""


def nz_community_note(g: Gen) -> str:
    c = g.rng.choice
    return f"""{g.hosp()} - District Nursing / Community {c(('Dietitian', 'Speech Language Therapy', 'Respiratory'))}
{g.patient('caps')}  {ids.health_plan(g)}  DOB {g.dob()}
Visit {g.date(fmt='dmy')} {_time(g)} at home: {g.street()}, {g.town()} {g.zip()}
Whanau present: {g.role()} {g.rel()} and {g.rel('first')}. Kaumatua blessing before visit.
{g.age()}. COPD GOLD 3, home O2 2 L (concentrator {ids.device(g)}), MRC 4. Spirometry FEV1 38%.
Swallow: IDDSI 4, thin fluids OK with chin tuck.
Weight 58 kg (down 4 kg since Matariki). MUST score 2 -> supplements.
Referral to {g.hosp(new=True)} via HealthLink EDI; GP Dr {g.clin('last', title=False)} ph {g.phone()} fax {g.fax()}
NHI checked. Nurse: {g.clin('first_last')} RN {ids.licence(g)}"""


def au_ems_case(g: Gen) -> str:
    c = g.rng.choice
    return f"""PATIENT CARE RECORD - {c(('NSW Ambulance', 'Ambulance Victoria', 'QAS', 'St John WA'))}  Case {ids.account(g, bare=1.0)}
Date {g.date(fmt='dmy')}  Call {_time(g)}  At pt {_time(g)}
Pt: {g.patient('last_first')}  {g.age()}  {ids.health_plan(g)}
Location: {g.street()}, {g.town()} {g.state()} {g.zip()} (rural property, 40 km from {g.town()})
Hx: snake bite? {c(('brown snake', 'unknown'))} L ankle ~{_time(g)}. Pressure immobilisation bandage applied by {g.role()} {g.rel()}.
Obs: HR 96, BP 132/84, GCS 15, BGL 6.4. No coagulopathy signs. 20 min WBCT not done.
RFDS retrieval to {g.hosp()}; handed to Dr {g.clin('last', title=False)} {_time(g)}.
Caller ph {g.phone()}. Vehicle at property: {ids.plate(g)}.
Paramedic: {g.clin('first_last')} {ids.licence(g)}"""
