"""Phrases of the FROZEN held-out de-identification notes (benchmarks/deid_make_frozen.py).

Written on 2026-12-07, before any change to the detector in that session, from how real notes
read (the issue's description of real ICU nursing notes: capitals, abbreviations, lower-case
names, month/day dates, hospital codes; and general knowledge of emergency-department triage
notes and discharge letters), not from the detector's rules. Three styles the detector never
saw, by a different template author than ``deid_note_phrases.py``:

* ``ed_triage`` / ``ed_triage_caps``: emergency-department triage notes, telegraphic, as typed
  (mixed case) and all in capitals;
* ``icu_progress``: ICU nursing progress notes in capitals, written by a different hand than the
  dev nursing style (NPN headers, signatures with initials, family lines);
* ``discharge_letter``: a discharge letter to the primary-care physician (letterhead, "RE:" line,
  narrative, "cc:" list), written by a different author than the dev discharge summaries.

``{slot}`` marks a planted identifier (slots of deid_make_notes.SLOTS plus the new ones of
deid_make_frozen.FROZEN_SLOTS). Lines without slots carry no identifier and measure false
positives. DO NOT TUNE THE DETECTOR ON THESE NOTES: they are scored once, at the end, and the
sha256 of the generated set is recorded in docs/deid.md.
"""

from __future__ import annotations

# --------------------------------------------------------------- emergency-department triage
ED_PHI = [
    "{age_over_89}yo F BIBA from {assisted_living} c/o fall, +headstrike, on eliquis.",
    "CC: SOB x3d. Pt {patient_first} {patient_last} arrived via {ems} at 0412.",
    "Pt states was seen at {hospital_code} {date_md} for same, sent home on abx.",
    "PCP: Dr {clinician_last} ({hospital_short}). PCP ph {phone}.",
    "NOK: {relative_full} (dtr) {phone_compact}",
    "HCP is husband {relative_first}, cell {phone}.",
    "Triage RN: {clinician_initials}   ESI 2",
    "Last tetanus {year}. Last colonoscopy {month_year}.",
    "Hx: CVA {year_two_apos} w/ residual L weakness, CABG {year}.",
    "Lives w/ son {relative_first_lower} in {town}, ambulates w/ walker at baseline.",
    "Transfer from {hospital} for higher level of care, accepted by Dr. {clinician_full}.",
    "LMP {date_md}. G2P2.",
    "DOB {dob}  MRN#{mrn}  Ins: {health_plan_name} {health_plan_id}",
    "Pt's daughter {relative_first} called from {town}, will come in, # {phone_local}.",
    "Discussed w/ {clinician_first} (charge) re: bed, pt to {ward}.",
    "Arrived {date_weekday} @ 2210 by private car, driven by wife {relative_first}.",
    "Recent admit {hospital_short} {date_lab} - {date_lab} for CHF exac.",
    "Pt {patient_last_lower} well known to ED, last visit {date_md_year}.",
    "Poison control called ({phone}), case # {account}.",
    "Police at bedside; pt's car plate {plate} towed from scene.",
    "{patient_last}, {patient_first} {age_over_89}F from home w/ {relative_first} (son).",
    "Dialysis MWF at {facility}, last HD {date_md}.",
    "Pt seen by {clinician_first_initial_last}, PA-C, in fast track.",
    "Sister {relative_full} from {town} at bedside, wants updates: {phone}.",
]

ED_FILLER = [
    "VS: T 99.1 HR 112 BP 94/52 RR 24 SpO2 88% RA -> 94% 4L NC.",
    "A&Ox3, GCS 15, PERRL, speech clear. No facial droop.",
    "Pain 8/10 RLQ, sharp, onset 6h ago, +N/V x2, denies diarrhea.",
    "Fall from standing, no LOC per pt, c-collar placed by EMS.",
    "EKG done in triage @ 0418, shown to MD: ST elev II/III/aVF. STEMI page called.",
    "FSBG 342. Hx IDDM, ran out of insulin x2d.",
    "Lac 3cm L forearm, bleeding controlled w/ pressure. Tdap up to date.",
    "ETOH on board per EMS, +odor. Narcan 0.4mg IN given PTA w/o effect.",
    "Covid/flu swab sent. Placed on droplet precautions.",
    "Meds: Eliquis 5 BID, Lasix 40 daily, Metoprolol 25 BID, Synthroid 88mcg.",
    "Allergies: PCN (hives), Sulfa, Iodine contrast.",
    "ESI 3. To WR, reassess q1h. Pt aware of wait.",
    "Skin warm, dry, intact. Cap refill <2 sec. 1+ BLE edema.",
    "Strength 5/5 x4, gait steady. Denies numbness/tingling.",
    "Abd soft, tender RLQ, +rebound. NPO. IVF NS 1L bolus started 18g L AC.",
    "SI screen negative. Pt calm, cooperative.",
    "C/o CP radiating to L arm, 7/10, diaphoretic. ASA 324 chewed PTA.",
    "O2 applied, HOB up. Resp even/unlabored after neb x1.",
    "Sepsis screen +, lactate sent, BCx x2 drawn before abx.",
    "Wheelchair to Rm 12, family at bedside, call bell in reach.",
    "Glasgow Coma Scale 14 (E3V5M6). Pupils 3mm brisk.",
    "Tylenol 650 PO, Zofran 4mg ODT given per protocol.",
    "Hgb 7.2 on POC. Type and screen sent. Guaiac +.",
    "Pt requests interpreter: Spanish. Language line used.",
    "Hx: HTN, HLD, DM2, COPD on 2L home O2, Afib on Xarelto.",
    "Denies fever/chills. Last BM yesterday. Tolerating PO.",
    "MVC, restrained driver, +airbag deployment, amb at scene.",
    "Dog bite R hand, dog UTD on rabies vaccine per owner.",
]

# ---------------------------------------------------------------- ICU nursing progress notes
ICU_PHI = [
    "NPN 7P-7A: {patient_last_caps} REMAINS INTUBATED/SEDATED.",
    "FAMILY: WIFE {relative_first} AND SON {relative_first} IN UNTIL 2100. WIFE CALLING IN AM ({phone_local}).",
    "spoke w/ dr. {clinician_last_lower}, micu res, re: low uop -> 500cc ns bolus.",
    "CT HEAD {date_md} NEG PER RADIOLOGY. TRANSFERRED FROM {hospital_code} {date_md}.",
    "PT ORIGINALLY FROM {town}, ON DIALYSIS AT {facility} TTS.",
    "DTR {relative_first_lower} VERY INVOLVED, HCP, REQUESTS CALL W/ ANY CHANGES.",
    "{clinician_initials} RN",
    "per dr {clinician_initial} ok to give k 40 meq po.",
    "HX ETOH ABUSE, LAST DRINK {date_md} PER FAMILY. SZ {year_two_apos}.",
    "PT IS {age_over_89} YO, FROM {assisted_living}.",
    "ATTENDING DR {clinician_last} UPDATED FAMILY AT BEDSIDE, TO HAVE MEETING {date_weekday}.",
    "OLD CHART FROM {hospital_short} REQUESTED, FAX {fax}.",
    "SICU TEAM (DR {clinician_last}/DR {clinician_last2}) AWARE OF HCT 22.",
    "CALLED {patient_first_lower}'S PCP {clinician_last} AT {phone_ext}, LEFT MSG.",
    "ADMITTED FROM {hospital_named_town} ED {date_md_year} W/ UROSEPSIS.",
    "PT ASKING FOR {relative_first_lower}, REORIENTED.",
    "BIRTHDAY TODAY ({date_md}), FAMILY BROUGHT CAKE.",
    "{relative_first} (NIECE) CALLED FROM {town}, UPDATED BY THIS RN.",
    "RESP THERAPIST {clinician_first} AWARE OF VENT CHANGES.",
    "PT {patient_first} WAS VERY TEARFUL TONIGHT, ASKING FOR HUSBAND.",
    "ECHO DONE {date_md}, READ BY DR {clinician_last} ON {date_md}.",
]

ICU_FILLER = [
    "NEURO: PROPOFOL @ 20MCG, RASS -1, OPENS EYES TO VOICE, MAE WEAKLY.",
    "CV: NSR 70-80S, OCC PVCS. SBP 90-110S ON LEVO 0.06. MAP >60.",
    "RESP: AC 500X14 PEEP 8 FIO2 50%. SX Q2-3H SM AMTS WHITE. ABG 7.33/48/82.",
    "GI: OGT TO LIS, MINIMAL OUTPUT. TF (NEPRO) HELD FOR PROCEDURE. +FLATUS.",
    "GU: FOLEY W/ AMBER UOP 20-30CC/HR. CR UP 2.1 FROM 1.7.",
    "ID: TMAX 100.4 AX. ON CEFTRIAXONE/AZITHRO. CX PENDING.",
    "SKIN: BRADEN 12. SACRAL MEPILEX INTACT. BILAT HEELS BOGGY, BOOTS ON.",
    "LINES: L SC TLC DAY 4, R FEM ALINE, PIV 20G R HAND.",
    "SOCIAL: FAMILY UPDATED, VERY SUPPORTIVE. FULL CODE.",
    "PLAN: SBT IN AM IF FIO2 <40, F/U CR, CONT ABX.",
    "K 3.2 -> 40 MEQ KCL VIA OGT. MG 1.6 -> 2G IV.",
    "INSULIN GTT PER PROTOCOL, BS 150-190S.",
    "PAIN: CPOT 2, FENTANYL 25MCG IV X1 W/ GOOD EFFECT.",
    "SAFETY: BED LOW/LOCKED, BILAT SOFT WRIST RESTRAINTS FOR PULLING @ ETT.",
    "MORPHINE 2MG IVP X2 FOR GRIMACING. REPOSITIONED Q2H.",
    "LYTES REPLETED PER SLIDING SCALE. AM LABS SENT @ 0400.",
    "ECHO SHOWED EF 20-25%, 3+ MR, MOD TR. CARDS FOLLOWING.",
    "EVD AT 15CM H2O, DRAINING 5-10CC/HR BLOOD TINGED CSF. ICP 8-14.",
    "CRRT RUNNING, UF GOAL NET EVEN. CITRATE PER PROTOCOL.",
    "PT WITH 4/5 STRENGTH LUE, 2/5 LLE. SPEECH DYSARTHRIC.",
    "BOWEL REGIMEN GIVEN: SENNA/COLACE. NO BM X3 DAYS.",
    "ISOLATION: CONTACT FOR MRSA (NARES), VRE (RECTAL).",
    "SEE CAREVUE FOR DETAILS. WILL CONT TO MONITOR.",
    "DRESSING CHANGE TO STERNUM, DSD, NO DRAINAGE. CT TO -20 SXN.",
    "AGITATED @ 0200, PULLING AT LINES, SEROQUEL 25 GIVEN, NOW CALM.",
    "HEPARIN GTT @ 1100 UNITS/HR, NEXT PTT @ 0600.",
    "TURNED AND REPOSITIONED, ORAL CARE Q4H PER VAP BUNDLE.",
]

# ------------------------------------------------------- discharge letter to the primary-care physician
LETTER_HEAD = [
    "{hospital}",
    "{street_address}, {town}, {state} {zip}  |  Main {phone}  |  Fax {fax}",
    "{date_ordinal}",
    "Dear {clinician_first},",
    "RE: {patient_last_caps}, {patient_first}   DOB: {dob}   MR#: {mrn}",
]

LETTER_PHI = [
    "Your patient, {patient_title_last}, was discharged from our Cardiac Surgery service on {date_ordinal}.",
    "I had the pleasure of caring for {patient_first} during her stay on {ward}.",
    "She underwent aortic valve replacement by Dr. {clinician_full} on {date_md}, which was uncomplicated.",
    "Post-operatively she was followed by our heart failure nurse, {clinician_first} {clinician_last}, NP.",
    "Her husband {relative_full} was present for all teaching and will manage her medications.",
    "She will stay with her sister {relative_first} in {town} for the first two weeks (tel. {phone}).",
    "She has been referred to cardiac rehabilitation at {facility}, first session {date_month_day}.",
    "Home services have been arranged through {town} VNA; the agency's intake line is {phone_ext}.",
    "Please see her in the office within 7 to 10 days; she has an appointment with you on {date_weekday} at 9:40.",
    "Questions may be directed to me at {email} or by pager {pager}.",
    "She was last in our hospital in {year} for a hip fracture; records are filed under account {account}.",
    "At {age_over_89_words} years of age she remains remarkably independent.",
    "Her pacemaker ({device_model}, S/N {device_serial}) was interrogated before discharge.",
    "{patient_first} asked that her grandson, {relative_first} {relative_last}, be copied on all correspondence.",
    "Her records from {hospital_short} (admission of {month_year}) were reviewed.",
]

LETTER_TAIL = [
    "With kind regards,",
    "{clinician_first_initial_last}, MD, PhD",
    "Attending Physician, Division of Cardiac Surgery, {hospital_short}",
    "cc: {clinician_full}, MD (cardiology), {hospital_named_town}; {relative_full} (health care proxy)",
]

LETTER_FILLER = [
    "Discharge diagnoses: 1. Severe aortic stenosis s/p AVR (23 mm bioprosthetic). 2. Paroxysmal atrial fibrillation. 3. Chronic kidney disease, stage 3a.",
    "Her post-operative course was notable for a brief episode of atrial fibrillation on post-operative day 2, which converted with amiodarone.",
    "Warfarin was started with a goal INR of 2.0 to 3.0; her INR on discharge was 1.8.",
    "Sternal precautions: no lifting more than 10 pounds for six weeks, no driving for four weeks.",
    "Medication changes: START amiodarone 200 mg daily, warfarin per INR; STOP diltiazem; CHANGE furosemide to 20 mg daily.",
    "Pending results at discharge: final blood culture from the day of surgery (no growth to date).",
    "Echocardiogram before discharge showed a well-seated prosthesis with a mean gradient of 11 mmHg and an ejection fraction of 55%.",
    "Her incisions were healing well, with no erythema or drainage.",
    "Thank you for allowing us to participate in her care.",
    "Labs on discharge: sodium 136, potassium 4.1, creatinine 1.3 (baseline 1.2), hemoglobin 9.8, platelets 188.",
    "She was seen by Physical Therapy and Occupational Therapy and cleared for home with supervision.",
    "Code status during admission: Full Code.",
    "The Society of Thoracic Surgeons predicted risk of mortality was 3.1%.",
    "Follow-up: TTE in 6 weeks; Coumadin Clinic to check INR on Monday.",
    "Diet: 2 gram sodium, heart healthy. Fluid restriction 1.5 L per day.",
    "She understands the signs of sternal wound infection and when to call 911.",
]

FROZEN_STYLES = {
    # name: (head lines, phi lines, filler lines, tail lines, casing, phi per note, filler per note)
    "ed_triage": ((), ED_PHI, ED_FILLER, (), "asis", (4, 7), (5, 9)),
    "ed_triage_caps": ((), ED_PHI, ED_FILLER, (), "upper", (4, 7), (5, 9)),
    "icu_progress": ((), ICU_PHI, ICU_FILLER, (), "upper", (5, 8), (8, 12)),
    "discharge_letter": (LETTER_HEAD, LETTER_PHI, LETTER_FILLER, LETTER_TAIL, "asis", (6, 9), (4, 7)),
}
