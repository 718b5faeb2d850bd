"""Phrases for the generated de-identification evaluation notes (benchmarks/deid_make_notes.py).

Written for this benchmark from general knowledge of how ICU nursing notes, discharge summaries,
radiology reports, social-work notes and referral letters read; independent of mednn's detector
(nothing here is imported from mednn). ``{slot}`` marks a planted identifier (see the generator's
SLOTS); lines without slots carry no identifier and measure false positives, so they are full of
the things a de-identifier wrongly removes: capitalised section words, line and device
abbreviations, strengths, ratios, doses, eponyms, drug names.

Styles in DEV are the ones the detector may be tuned on; HELD_OUT styles (and their sentence
frames) are for reporting only.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- ICU nursing (dev)
NURSING_FILLER = [
    "NEURO: A+OX3, MAE, FOLLOWS COMMANDS, PERRLA 3MM BRISK. NO SEIZURE ACTIVITY NOTED.",
    "NEURO: SEDATED ON PROPOFOL 30MCG/KG/MIN, RASS -2, WITHDRAWS TO PAIN X4.",
    "CV: HR 80-90S NSR, NO ECTOPY. BP 110-130/60-70. PULSES PALPABLE, +2 PEDAL EDEMA.",
    "CV: AFIB 100-120S, LOPRESSOR 5MG IV GIVEN WITH GOOD EFFECT. K 3.6 REPLETED WITH 40MEQ KCL.",
    "RESP: LS COARSE BILATERALLY, DIMINISHED AT BASES. SUCTIONED FOR MOD AMT THICK TAN SPUTUM.",
    "RESP: ON CPAP 5/5 FIO2 40%, RR 18-22, SATS 96-98%. ABG 7.38/42/98.",
    "GI: ABD SOFT, NT/ND, +BS. TF AT GOAL 60CC/HR VIA PEG, RESIDUALS <30CC. NO BM THIS SHIFT.",
    "GU: FOLEY DRAINING CLEAR YELLOW URINE 40-80CC/HR. BUN/CR 32/1.4.",
    "ID: TMAX 101.2, PAN CULTURED, VANCO AND ZOSYN CONT. WBC 14.2 FROM 16.",
    "SKIN: STAGE II DECUB ON COCCYX, DSG CHANGED, DUODERM APPLIED. TURNED Q2H.",
    "ACCESS: R IJ TLC, L RADIAL ALINE, BOTH DRESSINGS C/D/I. PIV X2 PATENT.",
    "A-LINE DAMPENED, FLUSHED AND REPOSITIONED WITH GOOD WAVEFORM.",
    "ENDO: RISS PER PROTOCOL, FS 140-180. INSULIN GTT OFF AT 0200.",
    "HEME: HCT 24.1, TRANSFUSED 1 UNIT PRBC, POST HCT PENDING. PLT 88.",
    "SEE FLOWSHEET FOR DETAILS. SEE CAREVUE FOR VS AND I/O.",
    "AGITATION: PT PULLING AT LINES, HALDOL 2MG IV X1 WITH FAIR EFFECT. SOFT RESTRAINTS ON.",
    "NEED TO FOLLOW UP AM LABS, LYTES, COAGS. NEED NEW PIV.",
    "PAIN: 4/10 ABD PAIN, MSO4 2MG IV PRN WITH RELIEF. DENIES CP/SOB.",
    "MOTOR: STRENGTH 5/5 UPPER EXT, 4/5 LOWER EXT. SENSATION INTACT.",
    "MURMUR 2/6 SEM AT LUSB. NO RUB OR GALLOP.",
    "NGT TO LCWS DRAINING BILIOUS 200CC. OGT PLACEMENT CONFIRMED BY CXR.",
    "CONT ON HEPARIN GTT AT 900U/HR, PTT 62. NEXT PTT AT 1800.",
    "LEVOPHED WEANED TO 0.04 MCG/KG/MIN, MAP >65. NEO OFF SINCE 1400.",
    "LASIX 40MG IV GIVEN, DIURESED 1.2L. GOAL NEG 1L.",
    "PLAN: CONT CURRENT MGMT, WEAN VENT AS TOL, ? EXTUBATE IN AM.",
    "FULL CODE. CODE STATUS DISCUSSED WITH TEAM.",
    "UPDATED BY MICU TEAM RE PLAN. WILL CONT TO MONITOR CLOSELY.",
    "PT RESTING COMFORTABLY AT THIS TIME, CALL LIGHT IN REACH.",
    "TRACH CARE DONE, INNER CANNULA CHANGED. BIPAP ON AT NIGHT.",
    "1/2 NS AT 75CC/HR. D5W FOR FREE WATER. NPO AFTER MN FOR PROCEDURE.",
    "CIWA 6, NO ATIVAN NEEDED. THIAMINE/FOLATE/MVI GIVEN.",
    "SPEECH AND SWALLOW EVAL: PUREED DIET WITH NECTAR THICK LIQUIDS.",
    "PT/OT CONSULTED. OOB TO CHAIR X1 WITH ASSIST OF 2.",
    "SOCIAL: FAMILY UPDATED ON PLAN OF CARE, QUESTIONS ANSWERED.",
    "BLOOD CX 2/2 BOTTLES GPC IN CLUSTERS. ID AWARE.",
    "CXR: ? LLL INFILTRATE VS ATELECTASIS. ECHO EF 35%.",
    "DNR/DNI CONFIRMED. COMFORT MEASURES DISCUSSED BUT NOT YET INITIATED.",
    "CVP 8-12. SVO2 68. CI 2.4 ON SWAN.",
    "IABP 1:1, AUGMENTATION GOOD. DISTAL PULSES DOPPLERABLE.",
    "TITRATING NITRO GTT FOR SBP <140. PT C/O HEADACHE, TYLENOL GIVEN.",
]

NURSING_PHI = [
    "PT IS A {age_over_89} YO MAN ADMITTED {date_md} FROM {hospital_code} WITH UROSEPSIS.",
    "{patient_last_caps} IS A {age_plain} YO F TRANSFERRED FROM {hospital} ON {date_md}.",
    "WIFE {relative_first} IN TO VISIT, UPDATED BY DR {clinician_last}.",
    "HUSBAND {relative_first} CALLED FOR UPDATE, CAN BE REACHED AT {phone_local}.",
    "DAUGHTER {relative_full} IS HCP, PHONE {phone}.",
    "SON {relative_first} AT BEDSIDE MOST OF THE AFTERNOON.",
    "SEEN BY DR. {clinician_last} FROM RENAL, REC HD IN AM.",
    "D/W DR {clinician_initial} RE K, WILL REPLETE.",
    "PER {clinician_first} RN ON DAYS, PT HAD EPISODE OF SVT.",
    "HX: CABG X3 IN {year_two}, CVA {year_two_apos}, DM SINCE {year}.",
    "PT FROM {town}, LIVES WITH {relative_first_lower} (WIFE).",
    "FAMILY MEETING SET FOR {date_md} AT 2PM WITH DR {clinician_last} AND SW.",
    "ECHO {date_md} SHOWED EF 25%. LAST ADMIT {date_md_year}.",
    "MICU TEAM: DR {clinician_last} / DR {clinician_last2}. PAGER {pager}.",
    "PT TRANSFERRED TO {ward} AT 1600.",
    "PCP DR {clinician_last} AT {hospital_named_town}, OFFICE {phone_ext}.",
    "{patient_first_lower} WAS ASKING FOR HER DAUGHTER {relative_first_lower} TONIGHT.",
    "OLD RECORDS FAXED FROM {hospital_code} ({fax}).",
]

# ------------------------------------------------------------------- discharge summaries (dev)
DISCHARGE_FILLER = [
    "Chief Complaint: Shortness of breath.",
    "History of Present Illness: The patient presented with three days of worsening dyspnea on exertion and orthopnea.",
    "Past Medical History: Coronary artery disease status post PCI, congestive heart failure, type 2 diabetes mellitus, CKD stage III.",
    "Allergies: Penicillin (rash). Sulfa (hives).",
    "Physical Exam: Vitals: T 98.6, BP 142/88, HR 96, RR 20, SpO2 92% on 2L NC.",
    "General: Elderly man in mild respiratory distress. HEENT: JVP to the angle of the jaw.",
    "Lungs: Crackles at both bases. Heart: Regular rate and rhythm, 2/6 systolic murmur at the apex.",
    "Extremities: 2+ pitting edema to the knees bilaterally.",
    "Brief Hospital Course: He was diuresed with IV furosemide with good urine output and improvement in his symptoms.",
    "Troponins were negative x3. Echo showed an EF of 30% with moderate mitral regurgitation.",
    "His metoprolol was uptitrated and lisinopril was held for acute kidney injury, creatinine peaked at 2.1.",
    "Discharge Medications: Aspirin 81 mg daily, Atorvastatin 80 mg daily, Furosemide 40 mg PO BID, Metoprolol succinate 50 mg daily.",
    "Discharge Diagnosis: Acute on chronic systolic heart failure. Secondary: AKI, hyperkalemia.",
    "Discharge Condition: Stable, ambulating with a walker.",
    "Discharge Instructions: Weigh yourself every morning. Call if your weight goes up more than 3 lbs.",
    "Followup Instructions: Cardiology clinic in 1-2 weeks. Labs (chem 7) in one week.",
    "Pertinent Results: WBC 8.2, Hgb 11.4, Plt 210. Na 134, K 5.4, BUN 38, Cr 1.9.",
    "Wound care: Keep the incision clean and dry. Staples to be removed at follow-up.",
    "Social History: Former smoker, 40 pack-years, quit 10 years ago. No alcohol or illicit drug use.",
    "Family History: Father with MI in his 60s. Mother with breast cancer.",
    "The patient was seen by Physical Therapy, who recommended discharge home with services.",
    "Code status: Full code. Health care proxy discussed.",
    "Hemoglobin A1c 8.2%. Insulin glargine was increased to 24 units at bedtime.",
    "Foley catheter was removed on hospital day 3 and he voided without difficulty.",
    "Blood cultures from admission grew no organisms. Vancomycin and cefepime were stopped after 48 hours.",
]

DISCHARGE_PHI = [
    "Name: {patient_full}   Unit No: {mrn}",
    "Admission Date: {date_full}   Discharge Date: {date_full}",
    "Date of Birth: {dob}   Sex: F",
    "Attending: {clinician_full}, MD",
    "{patient_title_last} is a {age_over_89}-year-old woman with a history of atrial fibrillation who was transferred from {hospital} on {date_md}.",
    "She lives alone in {town}, {state} {zip} and her niece {relative_full} checks on her daily.",
    "Her son, {relative_first}, is her health care proxy and can be reached at {phone}.",
    "She was seen in consultation by Dr. {clinician_full} of cardiology on {date_month_day}.",
    "Prior echo at {hospital} in {month_year} showed preserved function.",
    "Follow up with Dr. {clinician_last} at {hospital_named_town} on {date_full} at 10:30 AM, phone {phone}.",
    "Insurance: {health_plan_name} member ID {health_plan_id}.",
    "Discharged to {facility} in {town}.",
    "{patient_last}, {patient_first} was counselled on the new medications with her daughter present.",
    "CC: Dr. {clinician_full}, {hospital}, fax {fax}.",
    "Dictated By: {clinician_full}, MD   Job #: {account}",
]

# --------------------------------------------------------------------------- radiology (dev)
RADIOLOGY_FILLER = [
    "TECHNIQUE: Axial images of the chest were obtained without intravenous contrast.",
    "COMPARISON: None available.",
    "FINDINGS: The lungs are clear without focal consolidation, effusion, or pneumothorax.",
    "Cardiomediastinal silhouette is within normal limits. No acute osseous abnormality.",
    "There is a 6 mm nodule in the right upper lobe (series 3, image 45), unchanged.",
    "Endotracheal tube terminates 4 cm above the carina. Nasogastric tube courses below the diaphragm.",
    "Right internal jugular central venous catheter tip in the cavoatrial junction.",
    "Mild degenerative changes of the thoracic spine. Mild bibasilar atelectasis.",
    "IMPRESSION: 1. No acute cardiopulmonary process. 2. Stable pulmonary nodule; follow-up CT in 12 months per Fleischner criteria.",
    "The liver is normal in size and echotexture. No intrahepatic biliary ductal dilatation.",
    "Gallbladder contains multiple small stones without wall thickening or pericholecystic fluid. Murphy sign negative.",
    "Kidneys measure 10.8 cm on the right and 11.2 cm on the left without hydronephrosis.",
    "BI-RADS 2: Benign finding. Recommend routine annual screening mammography.",
    "No evidence of acute intracranial hemorrhage, mass effect, or midline shift.",
    "Chronic small vessel ischemic changes. Gray-white differentiation is preserved.",
    "Left PICC line terminates in the distal SVC. PEG tube in expected position.",
]

RADIOLOGY_PHI = [
    "EXAM: CT CHEST W/O CONTRAST   DATE: {date_full}   MRN: {mrn}",
    "PATIENT: {patient_last_caps}, {patient_first_caps}   DOB: {dob}   ACC#: {accession}",
    "CLINICAL HISTORY: {age_plain} year old with cough. Referring physician: Dr. {clinician_full}.",
    "COMPARISON: Chest radiograph from {hospital} dated {date_full}.",
    "Findings were discussed with Dr. {clinician_last} by telephone at 14:20 on {date_month_day}.",
    "Pacemaker generator (serial number {device_serial}) projects over the left chest.",
    "Images transferred from workstation {ip} to PACS.",
    "Signed electronically by {clinician_full}, MD on {date_full}.",
]

# ------------------------------------------------------------ all-lower-case nursing (held out)
LOWER_FILLER = [
    "resp: ls clear upper, diminished lll, on 4l nc sats 95%. weaned fio2 to 35%.",
    "cv: sr 70s no ectopy, sbp 100-120s, +pulses, no edema.",
    "neuro: alert, oriented to self only, moving all ext, pupils equal.",
    "gi/gu: abd soft, tolerating clears, voiding via foley 50cc/hr.",
    "pain controlled on fentanyl patch, no prn needed.",
    "aline removed, site with pressure dsg, no hematoma.",
    "plan: cont abx, recheck lytes at 2200, oob to chair in am.",
    "pt anxious overnight, ativan 0.5 mg given with good effect.",
    "skin: coccyx reddened but blanchable, waffle mattress on.",
    "peg site clean, tf replete with fiber at 50/hr.",
    "strength 4/5 r arm, 5/5 l arm. 2/4 reflexes.",
    "will need repeat cxr in am per team.",
]

LOWER_PHI = [
    "{patient_first_lower} {patient_last_lower} is an {age_over_89} y/o w/ chf, admit {date_md}.",
    "wife {relative_first_lower} called at 2100, aware of plan. her cell {phone_local}.",
    "spoke w/ dr {clinician_last_lower} about lasix dose.",
    "pt states she lives in {town_lower} w/ her son {relative_first_lower}.",
    "daughter {relative_first_lower} will visit tomorrow {date_md}.",
    "transfer from {hospital_code_lower} records to follow, fax {fax}.",
    "had mi in '{year_two_digits}, stents at {hospital_lower}.",
    "per {clinician_first_lower} (day rn) pt ate 50% of lunch.",
]

# ------------------------------------------------------------- social work / case management (held out)
SOCIAL_FILLER = [
    "Reason for referral: discharge planning and caregiver support.",
    "Patient is alert and able to participate in the assessment. Mood is anxious, affect congruent.",
    "Reviewed home safety; patient uses a walker and has grab bars in the bathroom.",
    "Discussed options of short-term rehabilitation versus home with VNA services.",
    "Patient has Medicare A and B with a secondary plan; no copay concerns identified.",
    "Provided information on caregiver support groups and respite care.",
    "No concerns for abuse or neglect were identified at this time.",
    "Will continue to follow for discharge needs.",
]

SOCIAL_PHI = [
    "Met with {patient_title_last} and her granddaughter {relative_full} at the bedside.",
    "{patient_first} lives at {street_address}, {town} {zip} in a second-floor apartment.",
    "Her neighbor {relative_full} has a key and can be reached at {phone}.",
    "Contacted {facility} (tel {phone_ext}) regarding a bed offer for {date_month_day}.",
    "Insurance verified: {health_plan_name}, policy {health_plan_id}; SSN on file {ssn}.",
    "Patient drives a {car}, license plate {plate}; daughter will bring the car home.",
    "Emailed the application to {email} and the portal {url}.",
    "Patient's son {relative_first} (pronounced as in his voiceprint enrolment {voiceprint}) confirmed identity by phone.",
    "She turned {age_over_89_words} last {month_name} and wishes to remain at home.",
    "{relative_first}'s number changed; new number {phone}.",
]

# ---------------------------------------------------------------- referral letters (held out)
LETTER_FILLER = [
    "Thank you for seeing this pleasant patient for evaluation of recurrent syncope.",
    "Her medications include amlodipine 5 mg daily, levothyroxine 75 mcg daily and vitamin D.",
    "Examination today was notable for orthostatic hypotension without focal neurological signs.",
    "An ECG showed sinus rhythm with first-degree AV block. Holter monitoring is pending.",
    "I would be grateful for your opinion on further management.",
    "Please do not hesitate to contact me if you need further information.",
]

LETTER_PHI = [
    "Dear Dr. {clinician_last},",
    "Re: {patient_full}, DOB {dob}, MRN {mrn}",
    "I saw {patient_first} in the clinic on {date_full} with her husband, {relative_first}.",
    "She was previously followed at {hospital} until {year}, where her records are under account {account}.",
    "Her implanted loop recorder (model {device_model}, serial {device_serial}) was interrogated on {date_md_year}.",
    "She has consented to the biobank study; sample ID {biobank_id}.",
    "Yours sincerely,",
    "{clinician_full}, MD, {hospital}, {street_address}, {town}, {state} {zip}. Tel {phone}, fax {fax}.",
    "Mr. {relative_last}'s vehicle (VIN {vin}) is registered to the patient; see the enclosed form.",
    "Fingerprint scan ID {fingerprint} recorded at enrolment.",
    "Medical licence no. {license}; DEA {dea}.",
]

STYLES = {
    # name: (phi lines, filler lines, casing, phi per note, filler per note)
    "nursing_caps": (NURSING_PHI, NURSING_FILLER, "upper", (5, 9), (8, 14)),
    "nursing_mixed": (NURSING_PHI, NURSING_FILLER, "mixed", (5, 9), (8, 14)),
    "discharge": (DISCHARGE_PHI, DISCHARGE_FILLER, "asis", (6, 10), (10, 16)),
    "radiology": (RADIOLOGY_PHI, RADIOLOGY_FILLER, "asis", (3, 5), (5, 9)),
    "nursing_lower": (LOWER_PHI, LOWER_FILLER, "lower", (4, 7), (6, 10)),
    "social_work": (SOCIAL_PHI, SOCIAL_FILLER, "asis", (5, 8), (4, 7)),
    "letter": (LETTER_PHI, LETTER_FILLER, "asis", (6, 9), (3, 6)),
}
DEV = ("nursing_caps", "nursing_mixed", "discharge", "radiology")
HELD_OUT = ("nursing_lower", "social_work", "letter")
