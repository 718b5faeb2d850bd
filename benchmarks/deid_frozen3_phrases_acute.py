"""Note templates of the frozen set 3, acute-care half: ED triage, ED physician, operative,
procedure, psychiatric intake and pathology notes of one (invented) hospital system.

A style is a list of slots ``(probability, [alternatives])``; a note takes each slot with its
probability and one alternative at random. ``{KEY}`` / ``{KEY:form}`` is a placeholder the renderer
fills (PHI keys in capitals, see ``deid_make_frozen3.FILLERS``; ``{~word}`` keys are PHI-free
fillers such as drugs, eponyms, scores and times). Everything else is literal text and must hold
no PHI. ``CASINGS`` gives each style's chance of being typed all capitals / all lower case.
"""

from __future__ import annotations

ED_TRIAGE = [
    (1.0, ["ED TRIAGE NOTE  {HOSP1:code} EMERGENCY DEPT\nPt: {PT:last_first}   MRN {MRN}   Acct {ACCT}\nArrived {DATE:md} @ {~time} via {~arrival}\n",
           "Triage - {HOSP1}\n{PT:last_first_mi} ({MRN})  DOB {DOB}  age {PTAGE}\nArr: {DATE} {~time}\n",
           "triage {DATE:md} {~time}\npt {PT:full} mrn {MRN} zip {ZIP}\n"]),
    (1.0, ["CC: {~complaint} x {~duration}\n", "Chief complaint: \"{~complaint}\" per pt\n",
           "cc {~complaint}, onset {~weekday}\n"]),
    (0.8, ["Vitals: {~vitals}  Pain {~pain}/10\n", "VS {~vitals}, pain {~pain}\n"]),
    (0.45, ["Pt is a {PTAGE} y/o {PTSEX} from {TOWN} brought in by {REL}, who states pt fell at home on {DATE:ord}.\n",
            "{PTAGE} yo {PTSEX} from {HOSP2} (SNF), sent for {~complaint}. Report from {RN:first} RN at {PHONE}.\n",
            "Pt is {PTAGE} years old, lives alone at {ADDR}. {RELROLE} {RELN} called EMS.\n"]),
    (0.55, ["Pt was restrained driver in MVC, vehicle plate {VEH}, airbag deployed. {~state} plates.\n",
            "MVC - pt's car ({VEH}) towed; police report {~weekday}. VIN on tow slip {VEH}.\n",
            "Pedestrian struck, driver's plate per PD {VEH}.\n"]),
    (0.5, ["ID verified by palm-vein scan {BIO}; photo taken for chart {PHOTO}.\n",
           "Pt unable to give name; identified via fingerprint id {BIO} and DL# {LIC}.\n",
           "Pt ID photo on file: {PHOTO}.  Driver lic {LIC}.\n"]),
    (0.5, ["Emergency contact: {REL} {PHONE}\n", "contact {RELROLE} {RELN:full} cell {PHONE}\n",
           "NOK {REL:full}, {PHONE}\n"]),
    (0.6, ["Allergies: {~drug} (rash).  Meds: {~drug}, {~drug}.\n", "PMH: {~eponym}, HTN, DM2. Meds {~drug} {~dose}.\n"]),
    (0.6, ["Insurance: {~payer}  member {PLAN}  SSN {SSN}\n", "Ins {~payer}, ID# {PLAN}, group {PLAN}\n", "ssn {SSN}, {~payer} {PLAN}\n"]),
    (1.0, ["ESI {~esi}. To {~unit} room {~room}. Triage RN {RN:initials}\n",
           "Acuity {~esi} - {~unit}. {RN:full}, RN\n", "esi {~esi} -> fast track. rn {RN:first}\n"]),
]

ED_PHYSICIAN = [
    (1.0, ["EMERGENCY DEPARTMENT PHYSICIAN NOTE\n{HOSP1}\nPatient: {PT:last_first}  MRN: {MRN}  Encounter: {ACCT}\nDate of service: {DATE:mdyyyy}\n",
           "ED Provider Note - {PT:full} - {DATE}\nAttending: {DOC1:dr}   Resident: {DOC2:init_last}\n",
           "ED MD NOTE {DATE:dmony}  {PT:last_first_mi}  #{MRN}\n"]),
    (1.0, ["HPI: {PT:title} is a {PTAGE}-year-old {PTSEX} with a history of {~eponym} who presents with {~complaint} since {~weekday}. "
           "Per {REL}, symptoms began on {DATE:md} after {~trigger}.\n",
           "HPI: {PTAGE} y/o {PTSEX} here with {~complaint}. Seen at {HOSP2} on {DATE} and given {~drug}. "
           "{PTPOSS} {RELROLE} reports confusion since {DATE:ord}.\n",
           "hpi: {PTAGE} yo w/ {~complaint} x {~duration}. was at {HOSP2:code} in {YEAR} for similar. pcp {DOC2:dr}.\n"]),
    (0.8, ["ROS: neg except as above. Exam: {~exam}\n", "PE: {~exam}. Strength {~score} throughout.\n"]),
    (0.6, ["Labs: {~labs}\nCT head (acc {ACC}): no acute bleed.\n", "CXR acc# {ACC} - no focal consolidation. ECG: {~ecg}.\n"]),
    (0.25, ["Outside records reviewed at {URL} (shared by {RELROLE}).\n", "Pt arrived by telehealth transfer; session IP {IP}.\n"]),
    (0.5, ["Pacemaker interrogated: {~devicebrand} device, serial {DEV}, functioning normally.\n",
           "Pt has an insulin pump (SN {DEV}); pump left on.\n", "LVAD controller serial # {DEV} checked by VAD coordinator {DOC2:full} ({PAGER}).\n"]),
    (1.0, ["MDM: {~mdm}. Discussed with {DOC2:dr} of {~service}, who accepts for admission to {WARD}.\n",
           "Plan: {~plan}. D/w {REL:first} at bedside. Follow up with {DOC2:dr_full} at {HOSP2} in 1 week, call {PHONE}.\n",
           "Dispo: home w/ {RELROLE}. rx {~drug} {~dose}. f/u {HOSP2:code} clinic {DATE:md}.\n"]),
    (0.7, ["Rx written: {~drug} {~dose} #{~qty}. Prescriber {DOC1:full} DEA {DEA1} NPI {NPI}\n",
           "e-Rx {~drug} sent to pharmacy ({PHONE}, fax {FAX}). {DOC1:init_last} DEA# {DEA1}\n"]),
    (1.0, ["{DOC1:full_md}\nElectronically signed {DATE:mdyy} {~time}\n", "-- {DOC1:dr}, ED attending. pager {PAGER}\n",
           "Signed: {DOC1:last_first}, MD  NPI {NPI}\nDictated, job no. {DICT}\n"]),
]

OPERATIVE = [
    (1.0, ["OPERATIVE REPORT\n{HOSP1}  Dept of Surgery\nPATIENT: {PT:last_first}    MR#: {MRN}\nDATE OF OPERATION: {DATE:month_d_y}\n",
           "OP NOTE\nPt {PT:full}   DOB {DOB}   Acct {ACCT}\nDate {DATE:mmddyyyy}  OR {~room}\n"]),
    (1.0, ["SURGEON: {DOC1:full_md}\nASSISTANT: {DOC2:full}, PA-C\nANESTHESIA: General, {DOC3:dr}\n",
           "Surgeon: {DOC1:dr}   Assist: {DOC2:init_last}   Anesthesiologist: {DOC3:last_first}\n"]),
    (1.0, ["PREOPERATIVE DIAGNOSIS: {~surgdx}\nPOSTOPERATIVE DIAGNOSIS: Same\nPROCEDURE: {~procedure}\n",
           "Pre-op dx: {~surgdx}.  Procedure: {~procedure}.\n"]),
    (1.0, ["INDICATIONS: {PT:title} is a {PTAGE}-year-old with {~surgdx} first noted in {YEAR}. Risks reviewed with pt and {REL}; consent signed {DATE:md}.\n",
           "Indications: {PTAGE}-year-old {PTSEX} with {~surgdx}. {RELROLE} {RELN} present for consent.\n"]),
    (1.0, ["DESCRIPTION: Pt brought to {~unit} OR {~room}, {~position}. Timeout performed. {~opbody} "
           "A {~eponymdevice} was placed. Specimen sent to pathology (accession {ACC}). EBL {~ebl} mL.\n",
           "Findings/technique: {~opbody} {~eponymdevice} left in place. Implant lot/serial {DEV}. EBL {~ebl}.\n"]),
    (0.5, ["Implant: {~devicebrand} mesh, serial number {DEV}; sticker in chart.\n",
           "Intraop photos stored as {PHOTO} and {PHOTO}.\n"]),
    (0.75, ["Dictated by {DOC1:init_last}  D: {DATE:mdyy} T: {DATE:mdyy}  Job #: {DICT}\n",
           "Dictation ID {DICT}  transcribed by {RN:initials}\n"]),
    (0.7, ["Tissue to biobank under protocol, sample {BIOBANK}, consent on file.\n",
           "Research specimen banked: {BIOBANK}.\n"]),
    (1.0, ["Disposition: PACU, then {WARD}. Updated {REL:first} by phone {PHONE}.\n",
           "Pt to PACU in stable condition. Family ({RELROLE} {RELN}) updated in waiting room.\n"]),
]

PROCEDURE = [
    (1.0, ["PROCEDURE NOTE - {~bedproc}\nPt: {PT:last_first} MRN {MRN}  {DATE:iso}\nOperator: {DOC1:dr}  Supervising: {DOC2:dr}\n",
           "procedure note: {~bedproc}\n{PT:full} / {MRN} / {~unit} bed {~room}\n{DATE:md} {~time}\n"]),
    (1.0, ["Consent obtained from {REL:full} (HCP) by phone {PHONE}.\n", "Consent from pt; {RELROLE} {RELN} at bedside.\n",
           "Consent signed {DATE}, witness {RN:full} RN.\n"]),
    (1.0, ["Time-out done. Site prepped with chlorhexidine. {~bedbody} Pt tolerated well, no complications. EBL minimal.\n",
           "Universal protocol followed. {~bedbody} CXR (acc {ACC}) confirms placement.\n"]),
    (0.35, ["Research blood drawn for biobank, tube {BIOBANK}.\n", "Palm-vein id {BIO} used for pt ID at bedside.\n"]),
    (0.4, ["Ultrasound images saved {PHOTO}. Device lot {DEV}.\n", "Kit serial {DEV}; pt ID band scanned, wristband barcode {MRN}.\n"]),
    (1.0, ["{DOC1:full_md}  pgr {PAGER}\n", "{DOC1:init_last} / {DOC1:initials}\n", "-- {DOC1:first} {DOC1:last}, PGY-2\n"]),
]

PSYCH_INTAKE = [
    (1.0, ["PSYCHIATRIC INTAKE EVALUATION\n{HOSP1} - Adult Intake\nName: {PT:last_first}   MRN: {MRN}   Date: {DATE:mmddyyyy}\nReferred by: {DOC2:dr} ({HOSP2})\n",
           "Psych intake {DATE}\nPt {PT:first_mi_last}, {PTAGE} {PTSEX}, MRN {MRN}\nSource: pt, {RELROLE} {RELN}, records from {HOSP2}\n"]),
    (1.0, ["Reason for referral: {~psychcc}. Pt states \"{~quote}\".\n", "ID/CC: {PT:first} is a {PTAGE} yo {PTSEX} presenting with {~psychcc}.\n"]),
    (1.0, ["HPI: Symptoms began around {DATE:month_year} after {~stressor}. {PTPOSS} {RELROLE} {RELN} reports {~behavior}. "
           "Pt was found sleeping in car (plate {VEH}) outside {TOWN} library on {~weekday}.\n",
           "HPI: pt reports {~behavior} since {YEAR}. Prior admission to {HOSP2} in {YEAR}. Last seen by {DOC2:dr} on {DATE:md}.\n"]),
    (0.8, ["Social: lives with {REL} in {TOWN}, {~state} {ZIP}. Works as {~job}. Phone {PHONE}. Email {EMAIL}.\n",
           "SH: homeless since {DATE:month_year}, mail to {ADDRLINE}, {TOWN}. Cell {PHONE}.\n",
           "Social hx: divorced, {RELROLE} {RELN:full} ({PHONE}) is main support. Court date {DATE:md}.\n"]),
    (0.6, ["Legal: on probation, officer phone {PHONE}. DL {LIC} suspended.\n",
           "Legal: none. Has driver license ({LIC}).\n", "Disability application pending, SSN {SSN} given to case mgr.\n"]),
    (1.0, ["MSE: {~mse}\nRisk: {~risk}\n", "Mental status: {~mse}. C-SSRS {~cssrs}.\n"]),
    (0.6, ["Telehealth session from IP {IP}; video link {URL}.\n", "Seen by video; connection logged from {IP}.\n"]),
    (0.6, ["Voiceprint for phone-line identity enrolled: {BIO}.\n", "Pt ID via facial photo {PHOTO} in chart.\n"]),
    (1.0, ["Dx: {~psychdx}\nPlan: {~psychplan}. Start {~drug} {~dose}. RTC {DATE:md} with {DOC1:dr}.\n{DOC1:full}, MD  NPI {NPI}\n",
           "Assessment/Plan: {~psychdx}. {~psychplan}.\n{DOC1:last_first} MD / {THER:full}, LICSW  lic# {LIC}\n"]),
]

PATHOLOGY = [
    (1.0, ["SURGICAL PATHOLOGY REPORT\n{HOSP1} Department of Pathology\nAccession: {ACC}   Patient: {PT:last_first}   MRN: {MRN}\n"
           "Collected: {DATE:mmddyyyy}  Received: {DATE:mmddyyyy}  Reported: {DATE:dmony}\nSubmitting physician: {DOC2:last_first}  ({HOSP2})\n",
           "PATHOLOGY CONSULTATION\nCase {ACC}  Outside case {ACC} from {HOSP2}\nName: {PT:last_first_mi}  DOB: {DOB}  Age: {PTAGE}\nRequesting: {DOC2:dr}, fax {FAX}\n"]),
    (1.0, ["CLINICAL HISTORY: {~surgdx}; prior biopsy {YEAR}.\n", "Clinical info: r/o {~pathdx}.\n"]),
    (1.0, ["GROSS DESCRIPTION: Received in formalin labeled with the patient's name \"{PT:last_first}\" and MRN, "
           "{~gross}. Representative sections submitted in cassettes A1-A{~cassettes}.\n",
           "Gross: specimen labeled \"{PT:full}\" / {MRN}, {~gross}. Gross photo {PHOTO}.\n"]),
    (1.0, ["MICROSCOPIC/FINAL DIAGNOSIS:\n{~pathdx}\nMargins: {~margin}. {~stain}.\n",
           "FINAL DX: {~pathdx}. {~stain}. Margins {~margin}.\n"]),
    (0.8, ["Tissue banked: {BIOBANK} (aliquots x{~cassettes}).\n", "Biorepository ID {BIOBANK}; consent {DATE:md}.\n"]),
    (0.5, ["Molecular sent to reference lab, req. {ACC}; results to {STAFFEMAIL}.\n",
           "Discussed with {DOC2:dr} by phone {PHONE} on {DATE:md} at {~time}.\n"]),
    (1.0, ["Electronically signed out by {DOC1:full_md}, {DATE:mdyyyy}\nCLIA {~clia}\n",
           "Pathologist: {DOC1:last_first}, MD   NPI {NPI}\nTranscription job {DICT}\n", "{DOC1:init_last}/{RN:initials}  {DATE:mdyy}\n"]),
]

STYLES = {
    "ed_triage": ED_TRIAGE, "ed_physician": ED_PHYSICIAN, "operative": OPERATIVE,
    "procedure": PROCEDURE, "psych_intake": PSYCH_INTAKE, "pathology": PATHOLOGY,
}
# (all capitals, all lower case); the rest is typed normally
CASINGS = {
    "ed_triage": (0.45, 0.2), "ed_physician": (0.1, 0.1), "operative": (0.3, 0.0),
    "procedure": (0.15, 0.25), "psych_intake": (0.05, 0.1), "pathology": (0.35, 0.0),
}
_ACUTE = ["Medical Center", "Regional Hospital", "Hospital", "Community Hospital", "Memorial Hospital"]
# what kind of place writes each style (the first hospital of a note); the second is any kind
HOSPITAL_KINDS = {
    "ed_triage": _ACUTE, "ed_physician": _ACUTE, "operative": _ACUTE, "procedure": _ACUTE,
    "psych_intake": ["Behavioral Health", "Medical Center", "Psychiatric Hospital"], "pathology": _ACUTE,
}
