"""Vocabulary that keeps clinical text: capitalised words that are not names, surnames that
are also ordinary words, organisations, eponyms and places; and the lexicon of names and safe
words a fitted de-identifier reads.

Written for mednn (not taken from a name list). Add a word here when a measured false positive
shows it is needed; add a name to ``extra_names`` instead when a site needs it removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...data.wordlists import not_identifying
from .patterns import LO, TITLES, UP

FUNCTION_WORDS = frozenset(
    "The A An He She They We I It His Her Their Our My This That And Or But Not No On In At By For From "
    "With To Of As Is Was".split()
)
# capitalised words that open sentences or name things in notes; never taken as a lone name
COMMON_WORDS = frozenset(
    """
    The A An He She They We I It His Her Their Our My Your This That These Those There Here Then
    When While After Before During Since Until If And Or But Not No Yes On In At By For From With
    Without To Of As Is Was Were Be Been Are Has Had Have Do Did Does Patient Pt Pts Dr Mr Mrs Ms
    Doctor Nurse Hospital Clinic Center Centre Medical Medicine Emergency Department Dept Unit Ward
    Room Bed History Hx Exam Examination Plan Assessment Diagnosis Impression Findings Finding Note
    Notes Report Reports Discharge Admission Admitted Follow Followup Denies Denied States Stated
    Today Yesterday Tomorrow Morning Evening Night Normal Negative Positive Left Right Bilateral Blood
    Pressure Heart Rate Pulse Temperature Labs Lab Laboratory Results Result Medications Medication
    Meds Allergies Allergy Social Family Past Surgical Review Systems Physical General Vitals
    Chief Complaint Present Illness Hospital Course Summary Instructions Signed Dictated Attending
    Resident Fellow Physician Surgeon Provider Primary Care Team Service Internal Cardiology
    Neurology Oncology Radiology Pathology Surgery Pediatrics Psychiatry Urology Nephrology
    Gastroenterology Pulmonary Pulmonology Dermatology Orthopedics Obstetrics Gynecology ICU ER ED
    OR PACU CT MRI ECG EKG CBC BMP CMP Chest Abdomen Head Neck Back Spine Extremities Skin Lungs
    Cardiac Neuro Psych Diet Activity Return Call Please Thank Thanks Sincerely Regards Dear Best
    Mother Father Brother Sister Son Daughter Wife Husband Spouse Partner Friend Contact Name Age
    Sex Male Female Man Woman Boy Girl Date Time Phone Fax Email Address Street Avenue Road City
    State County Country Zip Code January February March April May June July August September
    October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Jan Feb Mar
    Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Weds Thu Thur Thurs Fri Sat Sun Type Grade Stage Class Level
    Acute Chronic Severe Mild Moderate Stable Unstable Alert Oriented Awake Good Fair Poor Well
    New Old Prior Previous Current Recent Status Post Pain Fever Cough Nausea Vomiting Diarrhea
    Also Other Some All Any Each Both Every Per Via Vs Total Initial Final First Second Third Last
    Next Further Continue Continued Start Started Stop Stopped Increase Decrease Consider Recommend
    Recommended Recommendation Consult Consultation Referral Referred Seen Evaluated Examined
    Spoke Discussed Reviewed Informed Consent Called Named Known Daily Weekly Monthly Twice Once
    Insulin Aspirin Tylenol Heparin Warfarin Lasix Metformin Lisinopril Vancomycin Zosyn
    Disease Syndrome Sign Signs Score Scale Test Criteria Classification Maneuver Phenomenon Reflex
    University College Institute School Foundation Health System Systems Group Services Care
    Baptist Methodist Presbyterian Catholic Memorial General Regional Community Children Childrens
    Saint St Mount Mt North South East West Northern Southern Eastern Western Central Upper Lower
    American British English Spanish French German Chinese Indian African Asian Hispanic Caucasian
    Latino Latina White Black Christian Muslim Jewish Hindu Buddhist Medicare Medicaid Insurance
    Therapy Therapies Rehabilitation Nursing Services Service Work Works Visiting Physical Occupational
    Speech Respiratory Dietary Nutrition Education Program Clinics Pharmacy Trial Trials Study Studies
    Society Administration Index Association Institute Council Committee Registry Survey Project
    Symptomatic Asymptomatic Myasthenia Gravis Sclerosis Lupus Dye Blue Red Yellow Emerg Med
    Tel Mobile Cell Pager Home Work Office Hospitalist Clinician Therapist Pharmacist Interpreter
    Practitioner Assistant Student Staff Team Attending Consultant Specialist Technician
    Anesthesia Anesthesiology Intensive Critical Infectious Diseases Endocrinology Rheumatology
    Hematology Transplant Trauma Vascular Thoracic Plastic Ophthalmology Otolaryngology ENT
    Parkinson Alzheimer Hodgkin Crohn Cushing Addison Graves Hashimoto Huntington Raynaud Sjogren
    Kaposi Guillain Barre Marfan Tourette Asperger Apgar Glasgow Babinski Kernig Brudzinski Homan
    Homans Romberg Trendelenburg Wernicke Korsakoff Meniere Reye Kawasaki Takayasu Wegener Behcet
    Hirschsprung Duchenne Fallot Brugada Doppler Valsalva Heimlich Kussmaul Cheyne Korotkoff
    Virchow Janeway Quincke Argyll Chvostek Trousseau Boerhaave Zenker Meckel Roux Billroth
    Monteggia Galeazzi Lisfranc Chopart Pott Maisonneuve Tillaux Rolando Ganz Gram Foley Holter
    """.split()
)
# more capitalised words that are not names: organisations and hospital services (they end or
# surround a capitalised run: "Poison Control", "Case Management"), brand-name drugs and devices,
# clinical terms that notes often capitalise, and what speakers say in a transcribed visit ("Nah",
# "Uhm"); written for mednn, not taken from a name list
COMMON_WORDS = COMMON_WORDS | frozenset(
    """
    Control Management Coordination Poison Hospice Palliative Step Down Telemetry Tele Rehab
    Wound Ostomy Transport Security Registration Billing Admitting Triage Outpatient Inpatient
    Ambulatory Urgent Infusion Dialysis Endoscopy Cath Catheterization Lab Labs Imaging Sleep
    Behavioral Mental Addiction Recovery Hospitalists Associates Partners Corporation Company
    Inc LLC Ltd Laboratories Suite Floor Tower Building Campus Station Desk Office
    Interventional Diagnostic Nuclear Medical Surgical Geriatric Geriatrics Neonatal Maternal
    Podiatry Audiology Optometry Chiropractic Dental Dentistry Genetics Allergy Immunology
    Quest LabCorp Medtronic Pfizer Moderna Merck
    Eliquis Xarelto Coumadin Pradaxa Lovenox Plavix Brilinta Lipitor Crestor Zocor Pravachol
    Norvasc Toprol Lopressor Coreg Cozaar Diovan Entresto Bumex Aldactone Protonix Nexium Prilosec
    Pepcid Zantac Synthroid Levothyroxine Lantus Levemir Humalog Novolog Tresiba Basaglar Januvia
    Jardiance Farxiga Ozempic Trulicity Victoza Mounjaro Glucophage Keppra Depakote Dilantin Lamictal
    Tegretol Neurontin Lyrica Sinemet Aricept Namenda Zofran Reglan Compazine Phenergan Tylenol
    Motrin Advil Aleve Toradol Ultram Tramadol Percocet Norco Vicodin Dilaudid Oxycontin Morphine
    Fentanyl Narcan Suboxone Methadone Ativan Xanax Valium Klonopin Ambien Seroquel Haldol Zyprexa
    Risperdal Abilify Zoloft Prozac Lexapro Celexa Paxil Wellbutrin Cymbalta Effexor Trazodone
    Remeron Flomax Proscar Ditropan Spiriva Advair Symbicort Breo Trelegy Singulair Albuterol
    Ventolin Proventil Duoneb Xopenex Solumedrol Medrol Decadron Prednisone Benadryl Claritin
    Zyrtec Flonase Augmentin Keflex Cipro Levaquin Bactrim Flagyl Zithromax Rocephin Unasyn Zosyn
    Cefepime Meropenem Vanco Diflucan Tamiflu Paxlovid Remdesivir Kcentra Epogen Neupogen
    Humira Remicade Enbrel Keytruda Opdivo Herceptin Avastin Kayexalate Lokelma Miralax
    Colace Senna Senokot Dulcolax Imodium Flexpen Solostar Diskus Respimat Ensure Glucerna Foley
    Atrial Fibrillation Flutter Ventricular Tachycardia Bradycardia Sinus Rhythm Congestive Failure
    Myocardial Infarction Coronary Artery Kidney Renal Liver Hepatic Injury Cell Sickle Cancer
    Carcinoma Tumor Lesion Fracture Stroke Transient Ischemic Attack Seizure Epilepsy Sepsis
    Septic Shock Pneumonia Bronchitis Asthma Obstructive Pulmonary Embolism Deep Vein Thrombosis
    Diabetes Mellitus Hypertension Hyperlipidemia Obesity Anemia Dementia Delirium Depression
    Anxiety Bipolar Schizophrenia Disorder Insufficiency Stenosis Regurgitation Valve Aortic Mitral
    Tricuspid Lobe Bowel Gastric Esophageal Pancreatic Pancreatitis Cholecystitis Appendicitis
    Hernia Cellulitis Abscess Osteomyelitis Arthritis Rheumatoid Osteoarthritis Gout Lumbar Cervical
    Thoracic Sacral Pelvic Femoral Radial Ulnar Carotid Jugular Subclavian Cerebral Spinal Cord
    Brain Kidneys Bladder Prostate Breast Ovarian Uterine Thyroid Adrenal Pituitary Skull Hip Knee
    Shoulder Elbow Wrist Ankle Foot Eye Ear Nose Throat Mouth Tongue Teeth Abdominal Pelvis
    Lymph Node Nodes Blood Bone Marrow Biopsy Procedure Operation Surgery Repair Replacement
    Resection Transplantation Intubation Extubation Ventilation Ventilator Oxygen Rapid
    Response Comfort Measures Only Held Goals Advance Directive Infection Prevention Protective
    Child Adult Employee Occupational Quality Risk Relations Ethics Committee Board Float Charge
    Jr Sr II III IV
    Toyota Honda Ford Subaru Chevrolet Chevy Nissan Hyundai Kia Volkswagen Jeep Dodge Chrysler Buick
    Cadillac Lexus Acura Mazda Audi Volvo Tesla Camry Civic Corolla Accord Outback Forester Silverado
    Aetna Cigna Humana Anthem Tricare Medigap Molina Centene Highmark Wellcare Ambetter Harvard Pilgrim
    Bence Republic Kingdom Emirates Island Islands
    Nah Uhm Hmm Yup Ooh Okey Kinda Gonna Wanna Gotta
    """.split()
)
# countries, nationalities, genera, drug brands, holidays (src/mednn/data/wordlists/not-identifying-en.txt)
COMMON_WORDS = COMMON_WORDS | not_identifying("en")
# words before a credential that say which clinician or where to look, not who ("see MD note",
# "SEE WOUND RN NOTE", "night RN")
ROLE_BEFORE_CREDENTIAL = frozenset("""
see per wound ostomy charge night day float covering triage primary infusion home vna hospice visiting resource
""".split())
# what writers put for a name they leave out ("Dr. X", "Mr. XYZ", "Ms. ABC")
PLACEHOLDERS = frozenset("X Y Z XX XXX XXXX XY XYZ ABC".split())
# English surnames that are also ordinary words: they end a name when a first name or a middle
# initial comes just before ("Liam White", "Charles S. West"), never on their own
SURNAME_WORDS = frozenset(
    """
    White Black Brown Green Gray Grey West North South East Young Long Little Small Strong Sharp
    Good Best Rich Love Day Hall Wood Woods Hill Hills Bell Price Cook Church English French Major
    Christian Guy Case Ward Rose Park Lane Fox King Banks Wells Mills Stone Frost Hope Power Mark
    Will May Hunt Moody Bush Read Reed Bond Cross Gold Golden Hart Knight Lamb Marsh Nash Noble
    Page Pope Rice Snow Steel Street Swan Wall Walls Waters Wise Wolf House Hood Fields Ford Field
    """.split()
)
ORGANISATION_HEADS = (
    r"(?:Hospital|Hospitals|Clinic|Clinics|Center|Centre|Centers|Laboratory|Laboratories|University|"
    r"College|Institute|Foundation|Commission|Registry|Inventory|Index|Questionnaire|Scale|Survey|"
    r"Corporation|Corp|Company|Inc|Instruments|Electronics|Pharmaceuticals?|Scientific|Associates|"
    r"Society|Association|Council|Memorial|Infirmary|Children's|Plan|Plans|Insurance|Healthcare|Permanente|Shield"
    # ... but "Jane Roe Study ID 12", "Jane Roe Study Coordinator" are people
    r"|(?:Study|Trial|Group)(?![ \t]*(?i:id\b|#|no\b|number|coordinator|nurse|participant|subject)))"
)
# the heads that an eponym names through a describing word or two ("Bjork-Shiley mechanical heart
# valve", "Sarns centrifugal pump", "Mantoux skin tests", "Chagas' heart disease", "Sprague-Dawley male
# adult rats"); the words between describe, so a function word, a verb or a possessive breaks it
# ("Jones underwent valve repair", "Mary's heart disease") (since 2026-12-07, phifree5)
_EPONYM_DESCRIBED = (r"valves?|prosthes[ie]s|pumps?|catheters?|electrodes?|knife|stents?|disease|diseases|virus(?:es)?|"
                     r"tests?|rats?|mice|mouse|rabbits?|dogs?|analys[ie]s|estimates?|models?|modell?ing|preparations?|"
                     r"bod(?:y|ies)|chromosomes?|complex(?:es)?|syndrome")  # no "cell": "NIECE ZELDA BISHOP CELL (509)"
_NOT_DESCRIBING = (r"(?!(?i:and|or|but|nor|the|an?|of|in|on|at|to|for|with|from|by|as|is|was|were|are|be|been|has|had|"
                   r"have|his|her|hers|him|their|its|my|our|your|who|which|that|this|these|those|not|no|will|would|"
                   r"may|can|could|should|did|does|do|underwent|undergoes|undergo|got|gets|get|received|receives|"
                   r"needs|need|requires|require|reports|report|denies|deny|says|said|told|tells|wants|went|came|"
                   r"takes|took|uses|used|shows|showed|notes|noted|had|after|before|since|about|per|via|re|cc|pt)\b)")
# a Roman numeral between ("Chiari I malformation", "Crigler-Najjar II syndrome")
_ROMAN = r"(?:[ \t]+(?i:i{1,3}|iv|vi{0,3}|ix|x)\b)?"
# eponyms are names only with a title or a cue; "Murphy sign", "Smith fracture", "Kasai's procedures"
EPONYM_FOLLOWERS = re.compile(
    rf"^'?(?:[ \t]+{_NOT_DESCRIBING}(?:[a-z]+(?:-[a-z]+)?|[A-Z]+(?:-[A-Z]+)?)(?<!ed)(?<!ED)){{1,2}}[ \t]+(?i:{_EPONYM_DESCRIBED})\b"
    r"|^(?:'s|')?" + _ROMAN + r"\s+(?i:disease|syndrome|sign|signs|palsy|lymphoma|sarcoma|score|scale|test|criteria|"
    r"reaction|cleft|cyst|index|integration|classification|stage|operations?|catheters?|shunts?|valves?|"
    r"fragments?|stents?|pumps?|reagent|assay|"
    r"classification|maneuver|manoeuvre|phenomenon|reflex|fracture|procedure|operation|tube|catheter|"
    # "Hurthle cell", never "wife thanh quigley cell 707-498-1492" (a phone)
    r"cell(?![ \t]*(?:[:#]|\(?\+?\d|phone\b|no\b))|cells|node|nodes|law|triad|ulcer|esophagus|disorder|anomaly|tumou?r|solution|stain|"
    r"staging|respiration|technique|repair|incision|protein|proteins|proteinuria|pattern|phenomenon|effect|anomaly|malformation|pigmentosa|pouch|space|line|"
    # anatomy and devices named after people: "Scarpa fascia", "Calot triangle", "Penrose drain"
    r"fascia|triangle|fundoplication|drains?|retractors?|collar|foot|ligament|canal|duct|fossa|forceps|"
    r"clamps?|hernioplasty|herniorrhaphy|arthroplasty|category|categories|system|"
    # procedures, preparations, statistics, signs and the bodies, viruses, chromosomes and devices named
    # after people ("Kasai procedures", "Langendorff preparation", "Kaplan-Meier estimate", "Cox modeling",
    # "Buerger's colour", "Fourier transforms", "Heinz body", "Philadelphia chromosome", "von Meyenburg
    # complexes", "Epstein-Barr virus", "Collings knife") (since 2026-12-07, phifree5)
    r"procedures|operations|preparations?|malformations?|estimates?|estimators?|analys[ie]s|"
    r"model(?:s|l?ing)?|colou?rs?|chromosomes?|transforms?|transformations?|bod(?:y|ies)|complex(?:es)?|"
    r"virus(?:es)?|diseases|syndromes|scales|curves?|methods?|techniques|stains?|reactions|flaps?|"
    r"knife|knives|electrodes?|electrons?|prosthes[ie]s|survivorship|granules?|apparatus)\b"
    # a stain, a reagent or a marker glued to its result: "periodic acid-Schiff-positive", "Tac-negative
    # leukemia", "Coombs-negative", "Ziehl-Neelsen-stained" (since 2026-12-07, phifree5)
    r"|^-(?i:positive|negative|stained|staining|reactive|associated|related|dependent|induced|mediated)\b"
    # a stage named after its author: "Dukes' B2", "Dukes' C"
    r"|^(?:'s|')[ \t]+[A-D][0-9]?\b"
    # laboratory reagents, strains, devices and statistics named after people ("Krebs buffer",
    # "Lewis antigens", "Sprague Dawley rats", "Cox regression"); no possessive: "Mary's cycle"
    r"|^\s+(?i:buffer|agar|antigens?|antibod(?:y|ies)|vaccine|strain|rats?|mice|mouse|valve|prosthes[ie]s|"
    r"cycle|regression|correlation|coefficient|proportional|hazards?|distribution|equation|formula|"
    r"curve|method|model|units?)\b"
    # grades, cards, lifts and contractions named after people, on the name's own line: "Cormack-Lehane grade 2",
    # "Guthrie card", "Hoyer lift", "Braxton Hicks contractions", "Scholl insoles" ("mother Ann Lee\nCard no." is
    # a person before the next field) (names12, 2026-12-07)
    r"|^(?:'s|')?[ \t]+(?i:grades?|cards?|lifts?|hoists?|insoles?|contractions?|splints?)\b"
    # organisations: a capitalised head within three words ("Queen Elizabeth Hospital", "Duke
    # Melanoma Clinic", "Epidemiology Research International Mortality Study Group")
    rf"|^(?:'s)?(?:[ \t]+[{UP}][{LO}]+){{0,2}}[ \t]+{ORGANISATION_HEADS}\b"
)
# a span that ends in one of them is an organisation too ("Technicon Instruments Corp")
ORGANISATION_END = re.compile(rf"\b{ORGANISATION_HEADS}$")
# a place or an institution, not a person, after these ("St. Thomas' solution", "University of Pittsburgh")
PLACE_BEFORE = re.compile(
    r"(?:\b(?:St|Ste|Saint|Sainte|San|Santa|Fort|Mount|Mt|Lake|Port)\.?|"
    r"\b(?:University|College|Republic|Kingdom|State|Commonwealth|Province|Ministry|Department|"
    r"Hospital|Institute|School)\s+of)[ \t]+$"
)


def is_common(word: str) -> bool:
    """A capitalised word that is ordinary in notes ("Patient", "Monday", "Lasix")."""
    return word in COMMON_WORDS or word.capitalize() in COMMON_WORDS


_GLUED_AFTER_RE = re.compile(r"[A-Za-z0-9+]|-[A-Z0-9]")


def glued(text: str, start: int, end: int) -> bool:
    """True for a word stuck to capitals, digits or symbols: a formula or a code, not a name
    ("NaCl", "PaCO2", "Na+/Li+", "Ara-C", "non-Hodgkin")."""
    return _GLUED_AFTER_RE.match(text, end) is not None or (start > 0 and text[start - 1] in "/+-")


def ends_in_given_name(run: list[re.Match]) -> bool:
    """True when a run ends in a name word ("Liam") or a middle initial after one ("Charles S.")."""
    if not run:
        return False
    last = run[-1].group()
    if last.endswith("."):
        return len(run) >= 2 and not run[-2].group().endswith(".")
    return not is_common(last) and not (last.isupper() and len(last) > 1)


_TITLE_BEFORE_RE = re.compile(rf"\b{TITLES}\.?\s+$")


def has_title(text: str, start: int) -> bool:
    return _TITLE_BEFORE_RE.search(text[max(0, start - 12):start]) is not None


# listed first / last names that are, in notes, mostly clinical words: A-line written "Aline", ALT (a liver
# enzyme), ASA (aspirin, the anaesthesia class), the Bair Hugger, the Braden scale, LUE / RUE (left / right
# upper extremity), PEG (a feeding tube), a Quinton catheter, TIA (the names lists' words the clinical
# vocabulary also holds, less those mostly written as names: Tom, Eve, Mae, Les, Doe)
CLINICAL_HOMOGRAPHS = frozenset({"Aline", "Alt", "Asa", "Bair", "Braden", "Lue", "Rue", "Peg", "Quinton", "Tia"})


@dataclass(frozen=True)
class Lexicon:
    """What a fitted de-identifier knows: listed first / last names, the ambiguous ones among
    them (also ordinary words), and lower-case safe vocabulary (the allow-list)."""

    first: frozenset[str]
    last: frozenset[str]
    ambiguous: frozenset[str]
    safe: frozenset[str] = frozenset()
    core: frozenset[str] = frozenset()  # the clinical part of ``safe``
    name_words: frozenset[str] = frozenset()  # listed names that are also dictionary words
    extra: re.Pattern | None = None  # names to always remove (a site's staff list)
    language: str = "en"

    def known(self, token: str) -> bool:
        """A listed, unambiguous name in any casing ("SMITH", "smith", "Smith")."""
        t = token.capitalize() if token.isupper() or token.islower() else token
        return (t in self.first or t in self.last) and t not in self.ambiguous and t not in COMMON_WORDS
