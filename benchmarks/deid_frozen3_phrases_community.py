"""Note templates of the frozen set 3, community half: home-health and hospice visits, pharmacy
medication reconciliation, patient-portal messages, nurse call-backs, transfer / SNF handoffs,
physical-therapy notes and consult letters. Same slot format as ``deid_frozen3_phrases_acute``.
"""

from __future__ import annotations

HOME_HEALTH = [
    (1.0, ["HOME HEALTH SKILLED NURSING VISIT\nAgency: {HOSP1}   Visit date: {DATE:mdyyyy}   Time in {~time} out {~time}\nPatient: {PT:last_first}  MR {MRN}\n",
           "HH visit {DATE:md} ({~weekday})\npt {PT:full}, {ADDR}\n", "SN visit - {PT:last_first_mi} - {DATE}\n"]),
    (0.7, ["Address: {ADDR}\nGate code on file. Dog in yard.\n", "Directions: {ADDRLINE}, {TOWN} - white house past the {~landmark}, {~state} Rte {~qty}.\n",
           "Pt moved in with {RELROLE} {RELN} at {ADDR}.\n"]),
    (1.0, ["S: Pt reports {~symptom}. {RELROLE} {RELN} states pt {~behavior}.\nO: {~vitals}. Wound {~wound}.\n",
           "Subjective - {PT:nick} says \"{~quote}\". Objective - {~vitals}, lungs {~lungs}.\n",
           "pt c/o {~symptom}. {RELROLE} {RELN:first} helping w/ meds. vs {~vitals}\n"]),
    (0.55, ["Wound photo uploaded {PHOTO}, measured {~wound}.\n", "Photos of sacral wound: {PHOTO}, {PHOTO}.\n"]),
    (0.5, ["Telemonitor (serial {DEV}) transmitting from home IP {IP}; daily weights {~weight}.\n",
           "Home O2 concentrator SN {DEV}, CPAP SN {DEV}.\n", "Scale serial {DEV} offline since {~weekday}.\n"]),
    (0.25, ["Telehealth visit link {URL}; pt connected from {IP}.\n", "Agency intake: SSN {SSN}, Medicaid {PLAN}.\n"]),
    (0.4, ["Palm-vein check-in id {BIO} accepted at door.\n", "EVV check-in by voiceprint {BIO}.\n"]),
    (0.5, ["Meds reviewed: {~drug} {~dose}, {~drug} {~dose}. Pharmacy {~pharmacy} {PHONE}.\n",
           "Med changes per {DOC1:dr} ({PHONE}, fax {FAX}).\n"]),
    (1.0, ["Plan: next visit {DATE:mon_d}. Notified PCP {DOC1:dr_full} and case manager {RN:full} ({PHONE}).\n{NURSE:full}, RN\n",
           "Next SN visit {~weekday} {DATE:md}. Called {REL:first} {PHONE}. -{NURSE:first} RN\n"]),
]

HOSPICE = [
    (1.0, ["HOSPICE NURSE VISIT NOTE\n{HOSP1}\nPatient: {PT:last_first}   DOB: {DOB}   Age: {PTAGE}\nLevel of care: routine   Visit: {DATE:mdyy}\n",
           "Hospice visit {DATE}\n{PT:full} ({PTAGE} y/o), {~hospicedx}, at {HOSP2}\n",
           "hospice rn visit {DATE:md}\npt {PT:first} {PT:last} age {PTAGE}\n"]),
    (1.0, ["Pt {PTAGE} years old, {~hospicedx}. PPS {~pps}%. {RELROLE} {RELN:full} is caregiver and HCP.\n",
           "Pt resting in bed, {~symptom}. {REL} at bedside, tearful. Chaplain visit from {CHAP:full}.\n",
           "{PTPOSS} {RELROLE} {RELN} reports pt ate {~intake}. {RELROLE2} {RELN2:first} visiting from {TOWN}.\n"]),
    (0.8, ["Comfort meds: {~drug} {~dose} q4h prn, {~drug}. Morphine oral solution. Lock box combination given to {REL:first}.\n",
           "Symptoms: {~symptom}; scale {~pain}/10 -> {~pain}/10 after {~drug}.\n"]),
    (0.5, ["Funeral home pre-arranged in {TOWN}, contact {PHONE}. Moved here in {YEAR}, married {DATE:month_year}.\n",
           "Family request: call {RELROLE} {RELN} at {PHONE} or {PHONE} any hour.\n"]),
    (0.5, ["Brain donation consent on file, biobank {BIOBANK}.\n", "Hospital bed serial {DEV} delivered {DATE:md}.\n", "Pt's car ({VEH}) to be moved by son-in-law.\n"]),
    (1.0, ["Plan: continue POC. IDT {~weekday}. On-call {PHONE}.\n{NURSE:full}, RN   {DOC1:dr} (medical director) notified\n",
           "POC reviewed with {DOC1:init_last}. Next visit {DATE:md}. {NURSE:last_first} RN\n"]),
]

MED_REC = [
    (1.0, ["PHARMACY MEDICATION RECONCILIATION\n{HOSP1} Pharmacy   {DATE:mdyyyy}\nPatient: {PT:last_first} MRN {MRN}  DOB {DOB}\nSources: pt, {RELROLE} {RELN}, {~pharmacy} (ph {PHONE})\nSSN {SSN}\n",
           "Med Rec - admission {DATE}\n{PT:last_first_mi} / {MRN} / ins {PLAN}\n"]),
    (1.0, ["{MEDTABLE}\n"]),
    (0.25, ["e-Rx received from prescriber workstation IP {IP}.\n", "Refill request via {URL}.\n"]),
    (0.6, ["Controlled substance PDMP checked {DATE:md}: fills by {DOC2:dr} (DEA {DEA2}) and {DOC3:full} (DEA {DEA3}).\n",
           "PDMP: {~drug} from {DOC2:last_first} DEA# {DEA2}, NPI {NPI}.\n"]),
    (0.5, ["Pyxis override by fingerprint id {BIO}.\n", "Automated cabinet access via biometric template {BIO}.\n"]),
    (0.5, ["Insurance: {~payer}, member ID {PLAN}, Rx BIN {~bin}.\n", "Medicare MBI {PLAN}; Part D plan {~payer}.\n"]),
    (1.0, ["Discrepancies: {~discrepancy}. Discussed with {DOC1:dr}.\n{PHARM:full}, PharmD  ext {PAGER}\n",
           "Recommendations sent to {DOC1:initials}. -- {PHARM:init_last}, RPh  lic {LIC}\n"]),
]

PORTAL = [
    (1.0, ["Patient message - MyChart - {DATE:mdyy} {~time}\nFrom: {PT:full} <{EMAIL}>\nTo: {DOC1:dr}'s pool\nSubject: {~subject}\n",
           "portal msg from {PT:first} {PT:last} ({EMAIL}) {DATE:md}\nre: {~subject}\n"]),
    (1.0, ["hi dr {DOC1:last} its {PT:nick}, {~portalbody} my {RELROLE} {RELN} says i should ask. can u call me {PHONE} thx\n",
           "Hello, this is {RELN:full}, {PTPOSS} {RELROLE}. {~portalbody} Best to reach me at {PHONE} or {RELEMAIL}.\n",
           "Dr. {DOC1:last}, {~portalbody} I have an appt on the {DATE:ord} but work til 5. Thank you, {PT:first}\n"]),
    (0.4, ["Pics of the rash attached: {PHOTO}\n", "photo attached {PHOTO}\n"]),
    (0.6, ["login from {IP} on {~weekday}, device {~phone}\n", "[audit: message sent from IP {IP}]\n"]),
    (0.55, ["link: {URL}\n", "{RELROLE} set up {URL} for updates\n"]),
    (0.5, ["My new address is {ADDR} and my insurance changed to {~payer} member {PLAN}.\n",
           "Plan ID {PLAN}, acct {ACCT}. Bill went to old address {ADDRLINE}.\n"]),
    (1.0, ["--- reply ---\n{~reply} {RN:first}, RN for {DOC1:dr}\n", "Reply ({DATE:md}): {~reply}\n- {RN:full}, LPN\n"]),
]

CALLBACK = [
    (1.0, ["NURSE TRIAGE CALL-BACK\n{DATE:mdyyyy} {~time}  Caller: {REL:full}  Pt: {PT:last_first}  DOB {DOB}\nCall-back # {PHONE}\n",
           "Telephone encounter {DATE} - spoke w/ pt {PT:full} at {PHONE}, identity confirmed w/ DOB {DOB} and address {ADDRLINE}\n",
           "tc {DATE:md} {~time} - {RELROLE} {RELN} calling re pt {PT:first} ({MRN})\n"]),
    (1.0, ["Reason: {~complaint} since {~weekday}. Protocol: {~protocol}.\n", "Symptoms: {~symptom}, {~vitals} per home cuff.\n"]),
    (0.7, ["Verified via voice biometric {BIO}.\n", "Caller verified by last 4 of SSN {SSN}.\n", "SSN on file {SSN} matched.\n"]),
    (0.6, ["Advised {~advice}. Appt made {DATE:mon_d} with {DOC1:dr} at {HOSP2}.\n",
           "Disposition: ED now - pt going to {HOSP2} in {TOWN}; {RELROLE} driving ({VEH}).\n"]),
    (0.35, ["Video visit link sent to {EMAIL}: {URL}\n", "Caller on VoIP, IP {IP} logged.\n"]),
    (0.4, ["Pharmacy {~pharmacy} {PHONE}, fax {FAX}.\n", "Faxed to {HOSP2:code} {FAX}.\n"]),
    (1.0, ["{RN:full}, RN  x{~ext}\n", "-{RN:initials} rn\n", "{RN:init_last} RN / call-back line {PHONE}\n"]),
]

TRANSFER = [
    (1.0, ["INTERFACILITY TRANSFER / SNF HANDOFF\nFrom: {HOSP1} {~unit}   To: {HOSP2}\nPatient: {PT:last_first}   DOB {DOB}   MRN {MRN}   HAR {ACCT}\nTransfer date: {DATE:dmony}\n",
           "Handoff to {HOSP2} - {DATE:md}\n{PT:last_first_mi}, {PTAGE} y/o, code status {~code}\n"]),
    (1.0, ["Hospital course: admitted {DATE:md} with {~complaint}; {~course}. {~eponym}.\n",
           "Course: {~course}. Seen by {DOC2:dr} ({~service}).\n"]),
    (0.6, ["Lines: PICC placed {DATE:md} (lot {DEV}). {~eponymdevice} in place.\n", "Devices: pacemaker SN {DEV}; Foley removed {~weekday}.\n"]),
    (1.0, ["Contacts: {REL:full} (HCP) {PHONE}; {RELROLE2} {RELN2:first} {PHONE}.\n", "Family: {REL} at {PHONE}, lives {ADDR}.\n", "HCP {REL:full}, {RELEMAIL}, {ADDR}.\n"]),
    (0.75, ["Insurance {~payer} {PLAN}; SSN {SSN}; acct {ACCT}.\n", "Medicaid # {PLAN}.  Auth # {ACCT}.\n"]),
    (0.5, ["Transport: ambulance unit {~qty}, plate {VEH}. ETA {~time}.\n", "Belongings: glasses, dentures, wallet with DL {LIC}.\n"]),
    (1.0, ["Report given to {RN:full}, RN at receiving facility ({PHONE}). Sending MD {DOC1:full_md}, NPI {NPI}\n",
           "Nurse to nurse: {RN:first} -> {NURSE:first}, {PHONE} ext {~ext}. {DOC1:dr}\nDictation # {DICT}\n"]),
]

PT_NOTE = [
    (1.0, ["PHYSICAL THERAPY DAILY NOTE\n{HOSP1} Outpatient Rehab\nPt: {PT:last_first}  DOB {DOB}  Visit {~qty}/12  Date {DATE:mdyy}\n",
           "PT tx note {DATE} - {PT:full} - Dx: {~ptdx}\n", "pt note {DATE:md}  {PT:last} {PT:first}  mrn {MRN}\n"]),
    (1.0, ["S: {PT:nick} reports {~symptom}, pain {~pain}/10. {RELROLE} {RELN} drove pt today.\n",
           "S: \"{~quote}\" Walked to mailbox at home ({ADDRLINE}).\n"]),
    (1.0, ["O: {~ptobj}. MMT {~score}. Berg {~berg}/56. TUG {~tug} s.\n", "O: gait w/ {~aid} {~distance} ft, {~ptobj}.\n"]),
    (0.3, ["Clinic gym check-in by palm-vein id {BIO}.\n", "Fingerprint template {BIO} on file for kiosk.\n"]),
    (0.4, ["HEP app last login from {IP}.\n", "Disabled parking placard issued for plate {VEH}.\n", "Remote session IP {IP}, zip {ZIP}.\n"]),
    (0.45, ["Gait video {PHOTO} uploaded. Wearable sensor serial {DEV}.\n", "Home exercise video link {URL}.\n"]),
    (1.0, ["A/P: progressing toward goals. Plan {~ptplan}. Next visit {DATE:md} ({~weekday}). Update sent to {DOC1:dr} fax {FAX}.\n{THER:full}, PT, DPT  lic {LIC}\n",
           "Plan: cont POC 2x/wk. {THER:init_last} PT\n"]),
]

CONSULT_LETTER = [
    (1.0, ["{HOSP1}\n{~specialty}\n{ADDR}\nTel {PHONE}  Fax {FAX}\n\n{DATE:month_d_y}\n\n{DOC2:dr_full}\n{HOSP2}\n{ADDR}\n\nRe: {PT:full}, DOB {DOB}, MRN {MRN}\n\nDear Dr. {DOC2:last},\n",
           "{DATE:month_d_y}\nDear {DOC2:first},\nThank you for asking me to see your patient {PT:full} (DOB {DOB}) in {~specialty} consultation.\n"]),
    (1.0, ["I had the pleasure of seeing {PT:title} in clinic today. As you know, {PT:first} is a {PTAGE}-year-old {PTSEX} with {~eponym} diagnosed in {YEAR}. "
           "{PTPOSS} {RELROLE}, {RELN}, came along today.\n",
           "I saw {PT:title}, a pleasant {PTAGE}-year-old {PTSEX}, accompanied by {REL}. History is notable for {~eponym} since {YEAR}.\n"]),
    (1.0, ["On examination {~exam}. Strength {~score}, reflexes 2+. Studies: {~labs}.\n", "Exam: {~exam}. Echo (acc {ACC}) EF {~ef}%.\n"]),
    (1.0, ["Impression and plan: {~plan}. I will see {PT:title} again on {DATE:md}.\n", "My recommendations: {~plan}. Please call me with questions.\n"]),
    (0.6, ["For research, {PT:first} enrolled in our registry (biobank {BIOBANK}).\n", "Genetic sample {BIOBANK} sent with consent dated {DATE:md}.\n"]),
    (0.55, ["Records at {URL}, or email me at {STAFFEMAIL}.\n", "Portal: {URL}\n"]),
    (1.0, ["Sincerely,\n\n{DOC1:full_md}\nNPI {NPI}   DEA {DEA1}\ncc: {DOC3:dr}, {HOSP2:code}\nJob {DICT}\n",
           "Kind regards,\n{DOC1:first} {DOC1:last}, MD, FACC\nD: {DATE:mdyy}  T: {DATE:mdyy}  Doc {DICT}\n"]),
]

STYLES = {
    "home_health": HOME_HEALTH, "hospice": HOSPICE, "med_rec": MED_REC, "portal": PORTAL,
    "callback": CALLBACK, "transfer": TRANSFER, "pt_note": PT_NOTE, "consult_letter": CONSULT_LETTER,
}
CASINGS = {
    "home_health": (0.15, 0.3), "hospice": (0.2, 0.2), "med_rec": (0.3, 0.0), "portal": (0.05, 0.45),
    "callback": (0.25, 0.25), "transfer": (0.3, 0.05), "pt_note": (0.1, 0.25), "consult_letter": (0.0, 0.0),
}
HOSPITAL_KINDS = {
    "home_health": ["Home Health", "VNA", "Visiting Nurse Association", "Home Care"],
    "hospice": ["Hospice", "Hospice House", "Hospice & Palliative Care"],
    "med_rec": ["Medical Center", "Hospital", "Regional Hospital"],
    "portal": ["Family Practice", "Internal Medicine", "Health Center", "Primary Care"],
    "callback": ["Family Practice", "Pediatrics", "Health Center", "Primary Care"],
    "transfer": ["Medical Center", "Regional Hospital", "Hospital"],
    "pt_note": ["Medical Center", "Rehabilitation Hospital", "Orthopedics"],
    "consult_letter": ["Cardiology Associates", "Neurology Group", "Medical Center", "Specialty Clinic"],
}
