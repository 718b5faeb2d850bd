"""Phrase banks for the second frozen English held-out set (benchmarks/deid_make_frozen2.py).

Written from general knowledge of how clinicians chart, independently of mednn's de-identifier
and of the earlier generators. ``{key}`` marks a PHI slot (the generator fills it and records the
gold span); ``{key|lower}`` / ``|upper`` / ``|title`` / ``|keep`` fixes that value's casing whatever
the note's casing. Every other word is NOT PHI and is meant to be kept: eponyms, drug and device
brands, scores, units, fractions that are not dates, section headers in capitals.
"""

from __future__ import annotations

# ----------------------------------------------------------------------------- places (own lists)
TOWNS = ("East Longmeadow", "North Andover", "Fall River", "New Bedford", "South Hadley", "West Springfield",
         "Great Barrington", "North Adams", "East Bridgewater", "Port Jervis", "Saint Albans", "Glens Falls",
         "Bar Harbor", "Old Saybrook", "New London", "Cape Elizabeth", "West Hartford", "Rocky Hill",
         "Pawtucket", "Woonsocket", "Chicopee", "Holyoke", "Revere", "Malden", "Lowell", "Brockton", "Taunton",
         "Attleboro", "Quincy", "Dedham", "Framingham", "Nashua", "Keene", "Bangor", "Cranston", "Warwick",
         "Dorchester", "Roxbury", "Mattapan", "Chelsea", "Hyde Park", "Jamaica Plain", "West Roxbury",
         "South Boston", "East Boston", "Palmer", "Ware", "Athol", "Gardner", "Fitchburg", "Leominster",
         "Marlborough", "Hudson", "Plymouth", "Falmouth", "Hyannis", "Sandwich", "Wareham", "Fairhaven",
         "Lee", "Lenox", "Pittsfield", "Greenfield", "Turners Falls", "Shelburne Falls", "Bellows Falls",
         "White River Junction", "St. Johnsbury", "Presque Isle", "Old Orchard Beach", "Biddeford",
         "Central Falls", "East Greenwich", "North Kingstown", "Narragansett", "New Haven", "Stony Creek",
         "Wethersfield", "Manchester", "Derry", "Salem", "Peabody", "Lynn", "Swampscott", "Marblehead",
         "Gloucester", "Rockport", "Newburyport", "Haverhill", "Methuen", "Lawrence", "Dracut", "Tewksbury")
STATES = ("MA", "Mass.", "CT", "RI", "NH", "VT", "ME", "NY", "Florida", "Maine", "New Hampshire")
SAINTS = ("St. Brendan's", "St. Anne's", "St. Luke's", "St. Vincent", "Holy Family", "Sacred Heart", "Mercy",
          "Good Samaritan", "St. Elizabeth's", "Our Lady of Lourdes", "St. Mary's", "Carney")
HOSPITAL_KINDS = ("General Hospital", "Regional Medical Center", "Memorial Hospital", "Community Hospital",
                  "Hospital", "Medical Center", "Rehabilitation Hospital", "Health Center")
HOSPITAL_CODES = ("BMC", "UMMC", "NEBH", "SEMC", "MWMC", "CCH", "LGH", "BWH", "MGH", "BIDMC", "FRGH", "HFH",
                  "U Mass", "U Conn", "U Vermont", "UMass Memorial", "Mass General", "the Brigham",
                  "Baystate", "Lahey", "Tufts", "Mt Auburn", "St E's", "Faulkner")
NURSING_HOMES = ("Rehab Center", "Nursing and Rehabilitation", "Manor", "Skilled Nursing Facility",
                 "Senior Living", "Assisted Living")
CLINIC_KINDS = ("Family Medicine", "Cardiology Associates", "Internal Medicine", "Neurology Group",
                "Primary Care", "Pulmonary Associates", "Health Center", "Orthopedics", "Pediatrics",
                "Community Health Center", "Dialysis Unit", "Wound Clinic")
WARD_NUMBERS = ("3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "4B", "6 North", "7 West")

# ----------------------------------------------------------------------------- ICU nursing (all capitals)
NURSING_HEADERS = (
    "NPN 7P-7A", "NURSING PROGRESS NOTE 7A-7P", "MICU NURSING NOTE {d_md}", "CCU NSG NOTE 7A-3P",
    "{d_md} NPN 1900-0700", "NURSING ADMIT NOTE", "SICU NPN 3-11", "T/SICU NURSING {d_md0}",
    "NSG ADDENDUM", "NPN {d_md} NIGHTS", "NURSING TRANSFER NOTE", "CVICU NPN 7A-7P")
NURSING_HPI = (
    "{age90} YO {sex_letter} ADMITTED FROM {hosp_code|upper} WITH UROSEPSIS, TX TO MICU {d_md} FOR HYPOTENSION.",
    "PT IS A {age} YO {sex_letter} S/P CABG '{yr2}, AAA REPAIR IN {yr2b}, "
    "ADMITTED {d_md} AFTER FALL AT HOME IN {town}.",
    "TRANSFERRED FROM {hosp_town} {d_md} FOR CARDIAC CATH. PMH: DM2, HTN, CHF (EF 30%), PARKINSON'S DZ.",
    "PT TX FROM {hosp_code} ON {d_md}, INTUBATED THERE FOR HYPERCARBIC RESP FAILURE. HX COPD ON 2L HOME O2.",
    "{age90w} YEAR OLD {sex} FROM {nh} IN {town}, FOUND DOWN, ? ASPIRATION. DNR/DNI PER HCP.",
    "{age} YO {sex_letter} W/ ETOH CIRRHOSIS (MELD 24), ADMITTED {d_md} W/ GI BLEED, "
    "EGD {d_md} SHOWED VARICES, BANDED X3.",
    "S/P MVC {d_md}, RESTRAINED DRIVER, TRANSFERRED FROM {hosp_town} BY MEDFLIGHT, "
    "CAR PLATE {plate} PER EMS. GCS 14 ON ARRIVAL.",
    "PT IS A {age} YO {sex_letter} WITH HX OF CROHN'S, SBO IN '{yr2}, LAST ADMITTED HERE {mon_y}.",
    "{age90} YO {sex_letter} WITH ALZHEIMER'S DEMENTIA, LIVES WITH {child} IN {town}. BASELINE A+OX1.")
NURSING_NEURO = (
    "NEURO: A+OX3, MAE, FOLLOWS COMMANDS. 5/5 STRENGTH BUE, 4/5 BLE. PERRL 3MM BRISK.",
    "NEURO: SEDATED ON PROPOFOL 30MCG/KG/MIN, RASS -2. OPENS EYES TO VOICE. NO AGITATION OVERNIGHT.",
    "NEURO: INTERMITTENT AGITATION, PULLING AT LINES. CAM-ICU POSITIVE. HALDOL 2MG IV X1 WITH GOOD EFFECT.",
    "NEURO: GCS 11 (E3V3M5). CIWA 12-14, ATIVAN PER SCALE. PT C/O 7/10 HA, TYLENOL GIVEN.",
    "NEURO: LETHARGIC BUT AROUSABLE, ORIENTED X2. PAIN 4/10 AT INCISION, DILAUDID PCA.",
    "NEURO: PRECEDEX @ 0.7, CALM AND COOPERATIVE. SEE FLOWSHEET FOR NEURO CHECKS Q1H.",
    "NEURO: NO CHANGE. MORSE FALL SCORE 65, BED ALARM ON. WEAK L SIDE, NIHSS 6.",
    "NEURO: MAE WEAKLY, WILL SQUEEZE HANDS BUT NOT CONSISTENTLY. MAY NEED REPEAT HEAD CT PER NSURG.",
    "NEURO: ALERT, ANXIOUS, ASKING TO GO HOME TO {town}. REORIENTED FREQUENTLY. SITTER AT BEDSIDE.",
    "NEURO: FENTANYL GTT 50MCG/HR, BIS 40-50. PUPILS 2MM SLUGGISH. NO SEIZURE ACTIVITY SINCE {d_md}.")
NURSING_CV = (
    "CV: HR 80S NSR, NO ECTOPY. BP 110-130/60S. ALINE POSITIONAL, RE-ZEROED AND RE-LEVELED.",
    "CV: AFIB 100-120S, DILTIAZEM GTT @ 10MG/HR. K 3.4, REPLETED W/ 40 MEQ KCL. MG 1.8, 2GM GIVEN.",
    "CV: LEVOPHED TITRATED TO MAP > 65, NOW @ 0.08. SWAN IN PLACE, CO 4.2, CI 2.1, SVR 1100.",
    "CV: SBP 90S-100S, 1/2 NS @ 75CC/HR. +2 PEDAL EDEMA, PULSES DOPPLERABLE. HEPARIN GTT PER PROTOCOL, PTT 68.",
    "CV: PACED @ 70, EPICARDIAL WIRES CAPPED. CHEST TUBES W/ 30CC SEROSANG OVER SHIFT.",
    "CV: SR 60S-70S WITH OCC PVC'S. LASIX 40 IV GIVEN, GOOD RESPONSE. TROP 0.04 -> 0.03.",
    "CV: IABP 1:1, AUGMENTING WELL. IMPELLA P8. DOPPLER PULSES L DP/PT. CARDS (DR {dr2_last|upper}) IN TO SEE.",
    "CV: HR 90S ST, BP STABLE. PT DENIES CP. ECHO {d_md} WITH EF 25%, ? TAKOTSUBO.")
NURSING_RESP = (
    "RESP: LS CLEAR UPPER, DIMINISHED BASES. SATS 94-97% ON 4L NC. NONPRODUCTIVE COUGH.",
    "RESP: VENT SETTINGS AC 500/14/5/40%, ABG 7.38/42/88. SUCTIONED FOR SM AMT THICK TAN SPUTUM.",
    "RESP: WEANED TO CPAP 5/5, TOLERATING. RSBI 48. PLAN FOR SBT IN AM.",
    "RESP: ON BIPAP 12/5 OVERNIGHT, OFF TO 50% FACE TENT THIS AM. CXR WITH KERLEY B LINES.",
    "RESP: EXTUBATED @ 1030, STRIDOR RESOLVED WITH RACEMIC EPI. IS TO 750.",
    "RESP: TRACH TO 35% TM, SUCTIONED Q2-3H FOR THICK WHITE. RT AWARE. PLEURX DRAINED 500CC.",
    "RESP: RR 20S, SATS 88-92% ON 6L, GOAL 88-92 PER DR {dr_last}. HOME BIPAP FROM {town} BROUGHT IN BY {spouse}.")
NURSING_GI_GU = (
    "GI: TF VIA PEG @ 60CC/HR (GOAL 70), TOL WELL. ABD SOFT, BS+. NO BM, COLACE/SENNA GIVEN.",
    "GI: NPO EXCEPT MEDS. OGT TO LCS W/ 200CC BILIOUS. PROTONIX GTT. GUAIAC + BROWN STOOL X2.",
    "GI: TOLERATING CLEARS, ADVANCE AS TOL. FSBS 180-220, COVERED W/ HUMALOG PER SS. LANTUS 20U QHS.",
    "GI/GU: FOLEY DRAINING CLEAR YELLOW URINE 50-80CC/HR. BUN/CR 32/1.6, UP FROM 1.2. RENAL AWARE.",
    "GU: VOIDING VIA PUREWICK. I/O +1.2L FOR SHIFT. CRRT RUNNING W/O ISSUE, UF GOAL -100/HR.",
    "GI: DOBHOFF REPLACED, PLACEMENT CONFIRMED BY KUB. NEEDS REPEAT LFTS IN AM.",
    "GI: LARGE LOOSE BM X3, FLEXISEAL PLACED. LACTULOSE HELD PER HO. ABD DISTENDED, SOFT.",
    "GU: FOLEY D/C'D {d_md} AT 0600, DUE TO VOID BY 1400. BLADDER SCAN 240CC.")
NURSING_ID_SKIN = (
    "ID: TMAX 101.2, BLD CX X2 SENT. VANC/ZOSYN CONT, VANC TROUGH DUE 0500. C DIFF NEG.",
    "ID: AFEBRILE. ON CEFTRIAXONE D3/7. CONTACT PRECAUTIONS FOR MRSA.",
    "SKIN: STAGE 2 COCCYX, MEPILEX APPLIED. BRADEN 13. TURNED Q2H. WOUND VAC TO L LE @ -125.",
    "SKIN: INTACT EXCEPT ECCHYMOSIS BIL ARMS. TDAP GIVEN IN ED.",
    "LINES: R IJ TLC, PIV X2, ALINE L RADIAL. PICC ORDERED.",
    "ID: FLAGYL/CIPRO. WBC 14 -> 11. SPUTUM CX FROM {hosp_code} GREW PSEUDOMONAS.",
    "SKIN: DTI L HEEL, PREVALON BOOTS. SEE WOUND RN NOTE {d_md}.")
NURSING_SOCIAL = (
    "SOCIAL: PT'S {spouse} {rel_first|lower} CALLED X2, UPDATED BY RN. {child} {rel2_first|lower} TO VISIT IN AM.",
    "SOCIAL: {child} {rel2_first} IN TO VISIT, VERY INVOLVED. CAN BE REACHED AT {phone} OR CELL {phone2}.",
    "SOCIAL: {spouse} {rel_first} AT BEDSIDE MOST OF SHIFT, UPDATED BY DR {dr_last} ON POC.",
    "SOCIAL: HCP IS NIECE {rel3_full}, {phone}. FAMILY MEETING SET FOR {d_md} @ 2PM W/ DR. {dr_initial}.",
    "FAMILY: {rel_first|lower} ({spouse}) CALLED, UPSET RE: PLAN. SW PAGED. "
    "PT'S SISTER {rel3_first} FLYING IN FROM {town}.",
    "SOCIAL: LIVES ALONE IN {town}. {child} {rel2_full} IS HCP, WORK # {phone_ext}.",
    "SOCIAL: {spouse} {rel_first|lower} AND {child} {rel2_first|lower} IN. EMOTIONAL SUPPORT GIVEN. "
    "{rel_first}'S CELL {phone}.",
    "SOCIAL: NO CALLS FROM FAMILY THIS SHIFT. CM NOTE RE: {nh} IN {town}, PHONE {phone}.")
NURSING_PLAN = (
    "PLAN: ? TX BACK TO {hosp_code} WHEN BED AVAIL. DR. {dr_initial} AWARE. NEED TO F/U LYTES IN AM.",
    "A/P: CONT CURRENT POC. MONITOR HEMODYNAMICS. NEED REPEAT HCT @ 2200. SEE CAREVUE FOR DETAILS.",
    "PLAN: OOB TO CHAIR, PT/OT CONSULT. ?CALL OUT TO {ward} IN AM. UPDATE FAMILY.",
    "PLAN: EEG TOMORROW, NEURO FOLLOWING (DR. {dr2_last}). F/U CT HEAD RESULTS.",
    "PLAN: WEAN LEVOPHED AS TOL. DR {dr_last} PAGED @ {pager} RE: UOP < 30CC/HR X2H, AWARE.",
    "PLAN: ANTICIPATE D/C TO {nh} IN {town} ON {d_md}. SCREEN FAXED TO {fax}.",
    "PLAN: CONT TO MONITOR. WILL NEED FAMILY MTG RE: GOALS OF CARE, {spouse} {rel_first} AGREES TO {d_md}.",
    "PLAN: SEE ORDERS. MICU TEAM (DR {dr_last|lower}/DR {dr_initial}) UPDATED ON ALL OF ABOVE.",
    "PLAN: NEED CONSENT FOR PEG FROM HCP, {rel_first} TO COME IN TOMORROW AM. CALL {phone2} IF CHANGES.")
NURSING_SIGN = ("{rn_first} RN", "-- {rn_full|upper}, RN", "{rn_initials} RN", "RN",
                "UPDATED BY {rn_first} RN @ 0600", "")
NURSING_EXTRA = (
    "PT'S BELONGINGS (GLASSES, DENTURES) SENT HOME WITH {rel_first}.",
    "CALLED PHARMACY {pext} RE: VANC DOSING.",
    "AGITATION: NONE THIS SHIFT. NEED: RESTRAINT ORDER RENEWED Q24H.",
    "PT'S CAR (PLATE {plate}) STILL IN VISITOR LOT, SECURITY AWARE.",
    "UPDATED BY ON-CALL RESIDENT, SEE MD NOTE.",
    "PT REPORTS {he} WAS BORN IN {town} IN '{yr2}, MOVED HERE IN {yr4}.",
    "{rel_first} ASKING FOR UPDATE. PLEASE CALL AT {phone} AFTER ROUNDS.",
    "BLOOD BANK AWARE, 2 UNITS PRBC HUNG, PRE/POST HCT 21/27.",
    "PEG SITE CLEAN. NEEDS SOCIAL WORK CONSULT.",
    "WOUND PHOTO TAKEN W/ HOSPITAL IPAD, SAVED AS {photo}.",
    "RESEARCH BLOOD SAMPLE {biobank} DRAWN AND SENT TO BIOBANK PER PROTOCOL.",
    "PALM-VEIN ID {bio} RE-ENROLLED AT ADMISSION, ID BAND CHECKED.",
    "HCP PAPERWORK SIGNED BY PT {d_md}, COPY IN CHART.",
    "PT ASKING FOR {his} GRANDDAUGHTER {rel3_first}.",
    "{He} STATES {his} PCP IS DR {pcp_last} AT {clinic}.")

# ----------------------------------------------------------------------------- discharge summary
DC_MEDS = ("Lasix 40 mg PO daily", "Metoprolol succinate 50 mg PO daily", "Eliquis 5 mg PO BID",
           "Atorvastatin 80 mg PO QHS", "Keppra 500 mg PO BID", "Sinemet 25/100 one tab PO TID",
           "Coumadin 2.5 mg PO daily, goal INR 2-3", "Senna 8.6 mg PO BID PRN constipation",
           "Lantus 18 units SC QHS", "Humalog sliding scale with meals", "Plavix 75 mg PO daily",
           "Synthroid 88 mcg PO daily", "Entresto 24/26 mg PO BID", "Jardiance 10 mg PO daily",
           "Oxycodone 5 mg PO Q6H PRN pain (7/10 or greater)", "Tiotropium (Spiriva) 18 mcg inh daily",
           "Ciprofloxacin 500 mg PO BID x 5 more days", "Miralax 17 g PO daily", "Tylenol 650 mg PO Q6H PRN")
DC_COURSE = (
    "# Sepsis due to pyelonephritis: treated with ceftriaxone, cultures grew pan-sensitive E. coli. "
    "Lactate 4.1 -> 1.2. Transitioned to oral ciprofloxacin on {d_short}.",
    "# Acute on chronic systolic heart failure: diuresed 6 L with IV Lasix. Discharge weight 78.4 kg. "
    "Echo {d_short} showed EF 30-35%, moderate MR.",
    "# Parkinson disease: home Sinemet continued; Hoehn and Yahr stage 3. Seen by PT, Tinetti 14/28.",
    "# Atrial fibrillation with RVR: CHA2DS2-VASc 5, HAS-BLED 2. Rate controlled on metoprolol, Eliquis resumed.",
    "# Delirium: CAM positive on admission, likely multifactorial; resolved by {d_short} with sleep hygiene.",
    "# Type 2 diabetes: A1c 8.9%. Lantus increased. Diabetes education completed.",
    "# Fall: CT head negative. No fracture on imaging. Home safety evaluation recommended by OT.",
    "# AKI: Cr peaked 2.4 on {d_short}, back to baseline 1.1 with fluids.",
    "# Goals of care: family meeting held on {d_short} with {rel_relation} {rel_full}; full code confirmed.")
DC_FOLLOWUP = (
    "- Dr. {pcp_full}, {clinic}, on {d_long} at 10:30 AM. Phone {phone}.",
    "- Cardiology: Dr. {dr2_last}, {clinic2}, {d_short} at 2:15 PM ({phone2}).",
    "- INR check at the {clinic} anticoagulation clinic on {d_md}; results to be faxed to {fax}.",
    "- Neurology clinic at {hosp_full}, {d_long}. Please call {phone} if you need to reschedule.",
    "- Labs (BMP) at {clinic} lab on {d_md}, 1 week after discharge.",
    "- Physical therapy at home via {vna}, start of care {d_short}.")
DC_EXTRA = (
    "Outside records from {hosp_full} (dated {d_short}) were reviewed.",
    "Patient was seen by Dr. {dr2_last}'s team from Infectious Disease.",
    "{His} pacemaker (Medtronic Azure, serial {serial}) was interrogated on {d_short}: normal function.",
    "Photo of the sacral wound uploaded to the media tab as {photo}.",
    "{He} consented to the hospital biobank; sample {biobank} collected {d_short}.",
    "Insurance: {payer} member ID {hp}. Hospital account {acct}.",
    "Advance directive on file; HCP is {his} {rel_relation} {rel_full} ({phone2}).",
    "Discharged with home O2 2 L; oxygen concentrator serial no. {serial}.",
    "SW assisted with the MassHealth application; SSN {ssn} on file.",
    "His car (plate {plate}, VIN {vin}) was towed from the ED lot; keys with security.",
    "Discharge education videos assigned in the portal: {url_portal}.",
    "Wound photographs {photo} and {photo2} are in the media tab.",
    "{pt_first} was seen by nutrition and tolerated a dysphagia 3 diet.",
    "{He} was diagnosed with Hodgkin lymphoma in {yr4} at {hosp_full}, treated with ABVD.")

# ----------------------------------------------------------------------------- radiology
# (examination, clinical history, technique, findings, impressions): findings agree with the exam
RAD_STUDIES = (
    ("CT CHEST WITHOUT CONTRAST", "{age} year old {sex} with cough, r/o PNA. Former smoker.",
     "Axial images with coronal and sagittal reformats. CTDIvol 8.4 mGy, DLP 412 mGy-cm.",
     ("There are small bilateral pleural effusions with adjacent atelectasis.",
      "A 6 mm nodule in the right upper lobe (series 3, image 45) is unchanged. Fleischner criteria apply.",
      "Centrilobular emphysema, upper lobe predominant. No consolidation.",
      "Mildly enlarged subcarinal lymph node, 11 mm short axis."),
     ("Stable 6 mm RUL nodule; follow-up CT in 12 months per Fleischner 2017.", "Small bilateral effusions.")),
    ("CTA CHEST (PE PROTOCOL)", "Dyspnea, elevated D-dimer (Wells score 5).", "Bolus-tracked CTA, 80 mL Omnipaque 350.",
     ("Filling defects in segmental arteries of the right lower lobe consistent with pulmonary embolism.",
      "RV/LV ratio 1.1; no septal bowing.", "No pleural effusion. Heart size normal."),
     ("Acute right lower lobe segmental PE without right heart strain.", "No other acute finding.")),
    ("MRI BRAIN WITH AND WITHOUT CONTRAST", "Headache, ? mass. Hx of Graves disease.",
     "Multiplanar multisequence imaging. 7 mL Gadavist IV.",
     ("No acute infarct on diffusion-weighted images.", "Chronic small vessel ischemic change, Fazekas grade 2.",
      "Empty sella, likely incidental. Normal flow voids.", "No abnormal enhancement."),
     ("No acute intracranial abnormality.", "Moderate chronic small vessel disease.")),
    ("CHEST, PORTABLE AP", "Intubated, line placement.", "Single portable AP view.",
     ("Endotracheal tube terminates 4.5 cm above the carina.", "Right IJ line tip at the cavoatrial junction.",
      "Kerley B lines and cephalization, compatible with interstitial edema.", "No pneumothorax."),
     ("Lines and tubes in satisfactory position.", "Mild interstitial edema.")),
    ("CT HEAD WITHOUT CONTRAST", "Fall on anticoagulation, ? bleed.", "Axial 5 mm images, bone and brain windows.",
     ("No acute intracranial hemorrhage, mass effect or midline shift.", "Chronic small vessel ischemic change.",
      "Left frontal scalp hematoma without underlying fracture."),
     ("No acute intracranial abnormality.", "Left frontal scalp hematoma.")),
    ("US ABDOMEN RIGHT UPPER QUADRANT", "RUQ pain, elevated LFTs.", "Grayscale and color Doppler images.",
     ("Cholelithiasis without pericholecystic fluid; sonographic Murphy sign negative.",
      "Common bile duct 4 mm.", "Liver echotexture coarsened; no focal lesion."),
     ("Cholelithiasis without cholecystitis.", "Coarsened hepatic echotexture.")),
    ("US RENAL", "AKI, Cr 2.4.", "Grayscale images of both kidneys and bladder.",
     ("Moderate hydronephrosis of the left kidney. No calculus.", "Right kidney 10.8 cm, normal.",
      "Bladder partially distended."),
     ("Moderate left hydronephrosis, new since prior.",)),
    ("XR L HIP 2 VIEWS", "Fall, hip pain, shortened and externally rotated leg.", "AP and cross-table lateral.",
     ("Subcapital fracture of the left femoral neck, Garden III.", "Diffuse osteopenia."),
     ("Left femoral neck fracture.",)),
    ("MRI L-SPINE W/O", "Low back pain with L5 radiculopathy.", "Sagittal and axial T1/T2, STIR.",
     ("Mild degenerative changes at L4-L5 with broad-based disc bulge.", "No Schmorl node.",
      "No cauda equina compression. Conus terminates at L1."),
     ("L4-L5 disc bulge with mild left foraminal narrowing.",)),
    ("DUPLEX BILATERAL LOWER EXTREMITY VEINS", "Left calf swelling.", "Compression and color Doppler.",
     ("Noncompressible left popliteal vein with echogenic thrombus.", "Baker's cyst 3.1 x 1.2 cm.",
      "Right lower extremity veins compressible with normal flow."),
     ("Acute left popliteal DVT.", "Left Baker's cyst.")),
)
RAD_EXTRA = (
    "Comparison: CT chest {d_short} and chest radiograph {d_md}.",
    "Comparison: Outside MRI from {hosp_full}, {d_long}, images imported (outside accession {acc2}).",
    "Comparison: None.",
    "Critical result discussed with Dr. {ref_last} by telephone at {phone} at 14:40 on {d_md}.",
    "Findings communicated to {np_full}, NP, on {d_md} at 0915 by Dr. {rad_last}.",
    "Study performed at the {town} imaging center. Technologist: {tech}.",
    "Pacemaker present (MRI-conditional, serial {serial}); scanned under protocol with Dr. {rad2_last} present.",
    "Patient is {age90} years old; reduced-dose protocol used. CTDIvol 8.4 mGy, DLP 412 mGy-cm.",
    "Images available on the viewer at {url_portal}.",
    "Outside images received from the {hosp_full} PACS node {ip} via image exchange.",
    "Research protocol: images linked to biobank sample {biobank}.",
    "Prelim read by resident Dr. {res_last} at 02:10; agrees with final.")

# ----------------------------------------------------------------------------- outpatient / telephone
PHONE_REASONS = (
    "requesting refill of Eliquis 5 mg, last filled {d_md}.",
    "reports BP at home 150s/90s on lisinopril 20 mg; asks if dose should change.",
    "calling about MRI results; pt anxious. Results reviewed with Dr. {dr_last}, no acute findings.",
    "states pt fell at home last night, no head strike, able to bear weight. Advised ED if worsening.",
    "needs prior authorization form for Jardiance; faxed to {payer} at {fax}.",
    "asking for letter for jury duty exemption.",
    "reports new rash after starting Bactrim; told to stop and come in {d_md}.",
    "wants to change pharmacy to the CVS on {street} in {town}.")
OP_HPI = (
    "{pt_first} is a {age} year old {sex} seen today for follow-up of type 2 diabetes and Parkinson disease.",
    "{pt_title} {pt_last} returns after hospitalization at {hosp_full} {d_md} for CHF exacerbation.",
    "{age90w}-year-old {sex} here with {rel_relation} {rel_first}, who gives most of the history.",
    "Pt reports 7/10 low back pain since lifting boxes {d_md}. Denies saddle anesthesia. Straight leg raise negative.",
    "Here for annual physical. Tdap and Shingrix up to date; PHQ-9 today 4. Last colonoscopy {yr4} at {clinic2}.",
    "{pt_first}'s {rel_relation} {rel_first} called ahead: concerned about memory; MoCA 21/30 today.",
    "Video visit. Connected via {url_portal} from IP {ip}; identity confirmed with DOB.",
    "Seen for motor vehicle collision {d_md}: {pt_title_short} {pt_last} was driver, vehicle plate {plate}, "
    "VIN {vin}, towed from {town}.")
OP_EXTRA = (
    "Disability paperwork completed; SSN {ssn} verified by front desk.",
    "Insurance changed to {payer}, subscriber ID {hp}.",
    "Pt enrolled in the pharmacy voice-refill line; voiceprint ID {bio}.",
    "Fingerprint template {bio} registered for the controlled substance cabinet (employee health).",
    "Insulin pump serial {serial} downloaded; TIR 64%.",
    "CGM transmitter {serial} replaced under warranty.",
    "Photo of the lesion saved as {photo} in the media tab.",
    "Research: consented to biobank; specimen {biobank} drawn today.",
    "Pt's email on file: {email}. Prefers portal messages.",
    "Blog with {his} seizure diary at {url}; reviewed with {him}.",
    "Home address updated to {street}, {town} {zip}.",
    "Account {acct} flagged for financial counseling.",
    "E-visit questionnaire submitted from IP {ip} (portal audit log).",
    "Handicap placard form completed for vehicle plate {plate}.",
    "Voice-refill line: voiceprint enrolled, ID {bio}.",
    "Mother {rel2_full} had breast cancer at 52; father died of MI in '{yr2}.",
    "Patient is followed at {hosp_code} for {his} dialysis (MWF, {clinic2}).")
OP_PLAN = (
    "Plan: continue metformin 1000 mg BID, A1c in 3 months. RTC {d_short}.",
    "Plan: PT referral to {clinic2}; ibuprofen 600 mg TID with food x 7 days.",
    "Plan: increase lisinopril to 40 mg. BMP in 1 week at {clinic} lab. Call {phone} with readings.",
    "Plan: MRI L-spine if no better in 6 weeks. Return precautions reviewed.",
    "Plan: neuropsych testing; driving evaluation. Discussed with {rel_first} by phone ({phone2}).")

# ----------------------------------------------------------------------------- referral letter
LETTER_BODY = (
    "Thank you for seeing {pt_title} {pt_last}, a {age90w}-year-old retired machinist with Parkinson's "
    "disease, for evaluation of recurrent falls.",
    "I am writing to refer {pt_full} (DOB {dob}) for assessment of atrial fibrillation; "
    "CHA2DS2-VASc score 4.",
    "Re: {pt_lastfirst}, date of birth {dob}, MRN {mrn}. {pt_first} is a {age} year old with Crohn's disease "
    "who was last seen at {hosp_full} in {mon_y}.",
    "{pt_title} {pt_last}'s {child}, {rel2_full}, asked that I forward {his} records to you directly.",
    "{He} was admitted to {hosp_town} from {d_adm_long} to {d_dis_long} with a Hartmann's procedure for "
    "perforated diverticulitis.",
    "{His} Medicare number is {hp} and {his} health insurance account {acct}.",
    "This letter also supports {his} SSDI application (SSN {ssn}).",
    "{He} has a Medtronic DBS device (serial {serial}) placed in {yr4} by Dr. {dr2_last}.")
LETTER_CLOSE = (
    "Please do not hesitate to contact me at {phone} or by fax at {fax}.",
    "Kind regards, and thank you for your help with {pt_first}'s care.",
    "{He} last logged in to the portal from IP {ip}.",
    "Records can also be requested through our portal, {url_portal}, or by email to {email}.",
    "{He} can be reached at home at {phone2}; {his} {child} {rel2_first} often answers.",
    "Imaging is available through the image exchange (study accession {acc}).")
PAYERS = ("Blue Cross Blue Shield", "BCBS", "Medicare", "MassHealth", "Tufts Health Plan", "Harvard Pilgrim",
          "Aetna", "United Healthcare", "Humana", "Medicaid")
VNAS = ("VNA", "home health", "Visiting Nurse Association")
RELATIONS = ("wife", "husband", "daughter", "son", "sister", "brother", "niece", "nephew", "granddaughter",
             "partner", "friend")

# ----------------------------------------------------------------------------- more voices per section
# (a missed context repeated in many notes would make a per-type recall measure one template; these
# widen each section so a type's recall averages over many contexts)
NURSING_HEADERS += ("{d_md} 7A-7P NSG", "NPN (ADDENDUM TO {d_md0} NOTE)", "MICU/SICU RN NOTE, DAYS",
                    "NEURO ICU NPN 1500-2300")
NURSING_SOCIAL += (
    "SOCIAL: {rel_first|upper} (PT'S {spouse}) AND {rel3_full} (FRIEND FROM CHURCH) VISITED. "
    "ASKED ABOUT DNR STATUS.",
    "SOCIAL: {child} IN FROM {town}, STAYING AT HOTEL NEAR HOSP, CELL {phone2}. "
    "PT'S {spouse} {rel_first} ILL AT HOME.",
    "FAMILY: SPOKE WITH {rel_full|lower} BY PHONE, QUESTIONS ANSWERED. WILL CALL IF ANY CHANGE.",
    "SOCIAL: {rel2_first}'S NUMBER IN CHART IS WRONG, CORRECT # {phone}.")
NURSING_EXTRA += (
    "{pt_first|upper} SLEPT IN 2-3 HR STRETCHES. REPOSITIONED, ATIVAN X1.",
    "{pt_last}'S HOME MEDS SENT TO PHARMACY FOR ID.",
    "TEAM: DR {dr_last}/DR {dr2_last} (FELLOW). NP {np_first} COVERING NIGHTS.",
    "PER {hosp_code} RECORDS, LAST ECHO {d_mdy} SHOWED EF 20%.",
    "PT WAS AT {hosp_town} IN {mon_y} FOR SAME.",
    "MRN ON ARMBAND ({mrn}) DOES NOT MATCH OLD CHART, ADMITTING AWARE.",
    "CALLED {clinic}, SPOKE W/ {np_first} RE: OUTPT DIALYSIS SCHEDULE.",
    "PT TOLD RN {he} GREW UP ON {street}.")
NURSING_PLAN += (
    "PLAN: TO OR IN AM WITH DR {dr2_last} FOR PEG/TRACH. NPO P MN. CONSENT SIGNED BY {rel_first}.",
    "A/P: STABLE, POSSIBLE C/O TO FLOOR ({ward}) TOMORROW. SEE ORDERS.")
DC_COURSE += (
    "# Upper GI bleed: EGD on {d_short} by Dr. {dr2_last} showed a Mallory-Weiss tear; Protonix BID x 8 weeks.",
    "# Anemia: Hgb 6.9 on admission, 2 units PRBC; iron studies consistent with iron deficiency.",
    "# Hyponatremia: Na 124 -> 133 with fluid restriction; SIADH felt likely.")
DC_FOLLOWUP += (
    "- Wound clinic at {clinic2} on {d_md} (Tuesday), bring dressing supplies.",
    "- Pulmonary: {dr2_full}, MD, {hosp_full}, {d_long}; PFTs the same morning.")
DC_EXTRA += (
    "History obtained from {his} {rel_relation}, {rel_full}, and records from {hosp_code}.",
    "{pt_first} asked that results be sent to {his} email, {email}.",
    "Patient moved from {town} to {town2} in {yr4}; new PCP pending.")
RAD_EXTRA += (
    "Comparison is made to the outside study of {d_long} performed at {hosp_town}.",
    "Wet read given to Dr. {ref_last} ({ext_x}) at 03:15.",
    "Portable exam performed in the {ward} unit; patient could not be positioned upright.",
    "Addendum {d_md0}: discussed with {ref_first} at 10:05, who will contact the patient.")
OP_HPI += (
    "Pt is a {age} y/o {sex} who moved here from {town} last year; previously followed at {hosp_full}.",
    "{pt_first} reports doing well since {his} last visit on {d_long}. Brought {his} {rel_relation} {rel_first}.",
    "Telephone visit: spoke with pt at {phone2} (two identifiers verified).")
OP_EXTRA += (
    "Work note faxed to employer at {fax2}.",
    "Pt emailed a photo of the rash ({photo}) to {email}.",
    "MOLST signed; copy to {nh}.")
PHONE_REASONS += (
    "asking whether {his} appointment with Dr. {dr2_last} on {d_md} can be moved.",
    "from {clinic2}: INR today 3.8 on Coumadin 5 mg; Dr. {dr_initial} to advise.")
LETTER_BODY += (
    "On examination {his} Mini-Cog was 2/5 and {he} had a positive Romberg sign.",
    "{pt_first} lives with {his} {rel_relation} in {town} and still drives ({his} vehicle registration "
    "plate is {plate}); I have advised against driving until reviewed.",
    "{His} previous neurologist, Dr. {dr2_last} at {hosp_town}, retired in {yr4}.")
LETTER_CLOSE += ("Our secretary {np_first} can be reached on {phone2} should you need anything further.",)
