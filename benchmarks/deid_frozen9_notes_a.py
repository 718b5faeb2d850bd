"""Set 9 note kinds, part A: community, public-health and outreach notes.

Each writer takes a `Note` and appends one note. PHI-free lookalikes (drug brands,
eponyms, scores, doses, times, bed numbers, lot numbers, codes, guideline years) are
written as plain text on purpose.
"""

from __future__ import annotations

from deid_frozen9_builder import Note

RISKY = ["Apixaban 5 mg BD", "BP 142/88", "power 5/5 all limbs", "GCS 15/15", "Bed 12", "Room 4B",
         "lot AB1234", "ICD-10 A28.1", "CPT 99214", "per NICE 2019", "ACC/AHA 2017 guideline",
         "Wells score 2", "CURB-65 of 1", "Homans' sign negative", "Parkinson's disease", "Down syndrome",
         "Tylenol 650 mg", "Augmentin 625mg TDS", "at 14:30", "0900 hrs", "Glasgow coma scale 14",
         "Murphy's sign +", "Foley 16Fr", "NEWS2 = 5", "PHQ-9 11", "GAD-7 8", "Hb 112 g/L",
         "Crohn's", "Bell's palsy", "Graves' disease", "Addison's", "Christmas Day", "Monday",
         "over the winter", "since Easter", "Apgar 9", "Q4h", "2/52", "3/7 ago", "T 37.9", "SpO2 94% RA"]


HISTORY = ["MI", "CABG", "TKR", "appendicectomy", "hep B vaccination", "TB treated", "CVA", "hysterectomy",
           "fractured NOF", "moved to the area"]


def risky(n: Note, k: int = 2) -> None:
    n.t("; ".join(n.r.sample(RISKY, k)))
    if n.maybe(0.5):
        n.t(f"; {n.pick(*HISTORY)} {n.pick('in', 'back in', 'c.', '-')} ")
        n.p("YEAR", n.s.year())


COMMON_IDS = {"ID_MRN", "ID_ACCOUNT", "EMAIL", "ID_HEALTHPLAN"}


def admin_block(n: Note, k: int = 3, rare_only: bool = False) -> None:
    """A block of identifiers, with and without captions, as many systems append."""
    s = n.s
    items = [
        ("ID_MRN", ["MRN: ", "Hosp no ", "Unit no. ", "MR# ", "RXN ", ""], s.mrn),
        ("SSN", ["SSN ", "Social: ", "SS# ", ""], s.ssn),
        ("ID_HEALTHPLAN", ["NHS No: ", "CHI ", "Health card ", "Medicare ", "NHI ", "Member ID ", "Policy "], s.nhs),
        ("ID_ACCOUNT", ["Acct ", "Account: ", "Billing ref ", "Visit acct "], s.account),
        ("ID_ACCESSION", ["Accession ", "Specimen ", "Acc# ", "Case "], s.accession),
        ("ID_DEVICE", ["Device ", "Pump ", "Monitor ", "Cuff serial ", "Implant "], s.device),
        ("ID_LICENSE", ["Lic ", "Driver licence ", "Reg no ", "License # "], s.license),
        ("ID_NPI", ["NPI ", "NPI: ", "prescriber NPI "], s.npi),
        ("ID_DEA", ["DEA ", "DEA# ", "DEA reg "], s.dea),
        ("VEHICLE", ["Vehicle reg ", "plate ", "car: ", "VRN "], s.vehicle),
        ("ID_PHOTO", ["Photo: ", "Image file ", "Photo ID "], s.photo),
        ("ID_DICTATION", ["Dictation ", "Job no ", "Transcript ", "DD/TT "], s.dictation),
        ("BIOMETRIC", ["Biometric: ", "Enrolled ", "Check-in by "], s.biometric),
        ("ID_BIOBANK", ["Biobank ", "Sample ", "Registry donor ", "Tissue bank "], s.biobank),
        ("IP", ["IP ", "from ", "logged from host ", "src="], s.ip),
        ("URL", ["Link: ", "Portal ", "see ", "Upload to "], s.url),
        ("FAX", ["Fax ", "Fax: ", "F: ", "fax no. "], s.fax),
        ("EMAIL", ["Email ", "e: ", "reply to "], lambda: s.email(s.person("fl"))),
    ]
    if rare_only:
        items = [item for item in items if item[0] not in COMMON_IDS]
    sep = n.pick("\n", " | ", "  ", "; ")
    for label, caps, make in n.r.sample(items, k):
        n.t(n.r.choice(caps))
        n.p(label, make())
        n.t(sep)
    n.t("\n")


def zoonosis_referral(n: Note) -> None:
    n.t("VETERINARY-TO-HUMAN REFERRAL (suspected zoonosis)\nFrom: ")
    n.clinician(False)
    n.t(" BVSc MRCVS, ")
    n.p("HOSPITAL", n.pick("Larkhollow Veterinary Surgery", "Fallowmere Equine Practice", "Valeport Vets"))
    n.t("\nTo: ")
    n.clinician()
    n.t(", ")
    n.hospital()
    n.t("\nDate: ")
    n.date()
    n.t("\n\nRe: owner ")
    n.patient("fl")
    n.t(" (DOB ")
    n.dob()
    n.t("), ")
    n.address(n.pick("uk", "us", "ie"))
    n.t("\nTel ")
    n.phone()
    n.t(f"\n\nTheir {n.pick('parrot', 'ewe flock', 'kitten', 'dairy herd', 'ferret')} tested positive for "
        f"{n.pick('Chlamydia psittaci', 'Coxiella burnetii', 'Microsporum canis', 'Brucella abortus')} on ")
    n.date("m/d")
    n.t(". The owner reports fever and dry cough since ")
    n.date("the dth")
    n.t(". Farm is near ")
    n.town()
    n.t(". ")
    risky(n)
    n.t(".\nLab ref ")
    n.p("ID_ACCESSION", n.s.accession())
    n.t("\nKind regards,\n")
    n.clinician(False)
    n.t("\n")
    admin_block(n, 2)


def school_exclusion(n: Note) -> None:
    n.t(n.pick("SCHOOL EXCLUSION ADVICE", "Letter re: exclusion from school / nursery"))
    n.t("\n")
    n.p("HOSPITAL", n.pick("Pennywell Health Protection Team", "Caldermoor School Health Service", n.s.hospital()))
    n.t("\n")
    n.date("d Month yyyy")
    n.t("\n\nDear Head Teacher,\nRe: ")
    n.patient(n.pick("fl", "upper", "lf"))
    n.t(", Year 4, ")
    n.t("Class 4B")
    n.t("\nDOB: ")
    n.dob()
    n.t("  NHS no. ")
    n.p("ID_HEALTHPLAN", n.s.nhs())
    n.t(f"\n\n{n.pick('Impetigo', 'Scarlet fever', 'Hand, foot and mouth', 'Norovirus')} confirmed. "
        "Please exclude until ")
    n.date(n.pick("Mon dth", "the dth", "dd/mm/yyyy"))
    n.t(" (48 h after last symptom). Sibling ")
    n.relative(False)
    n.t(" attends the same school. Parent ")
    n.relative()
    n.t(" can be reached on ")
    n.phone()
    n.t(".\n\nYours faithfully,\n")
    n.clinician()
    n.t(", School Nurse\n")
    if n.maybe(0.6):
        n.t("cc GP: ")
        n.clinician()
        n.t(", ")
        n.hospital()
        n.t("\n")


def home_risk(n: Note) -> None:
    n.t("HOME VISIT RISK ASSESSMENT - lone worker\n")
    n.t("Client: ")
    n.patient(n.pick("LF", "lf", "fl"))
    n.t("  Age: ")
    n.age_phrase()
    n.t("\nAddress: ")
    n.address(n.pick("uk", "uk", "us", "au"))
    n.t("\nKey safe code held by ")
    n.relative()
    n.t(". Dog on premises (Bruno, friendly). Parking: ")
    n.p("VEHICLE", n.s.vehicle())
    n.t(" is the client's car, do not block.\nAssessor: ")
    n.clinician()
    n.t(" | mobile ")
    n.phone()
    n.t(f"\nVisit {n.pick('Tuesday', 'Friday pm', 'after Christmas')} at 10:15; ")
    risky(n, 3)
    n.t("\nLast reviewed ")
    n.date()
    n.t("\n")


def teleicu_night(n: Note) -> None:
    n.t(n.pick("tele-ICU night log", "eICU OVERNIGHT LOG", "Remote ICU cover - night"))
    n.t(" // site ")
    n.hospital()
    n.t(" bed 7\n")
    for _ in range(n.r.randint(3, 5)):
        n.t(f"{n.r.randint(0, 23):02d}:{n.r.randint(0, 59):02d} ")
        n.handle() if n.maybe(0.4) else n.clinician(False)
        n.t(n.pick(": camera check, pt settled; ", ": called bedside RN ", ": MAP 58, norad up to 0.12; ",
                   ": abg reviewed pH 7.31; "))
        if n.maybe(0.3):
            n.clinician(False)
            n.t(" ")
            n.p("PHONE", n.s.pager())
        n.t("\n")
    n.t("pt: ")
    n.patient(n.pick("lower", "l", "LF"))
    n.t(" mrn ")
    n.p("ID_MRN", n.s.mrn())
    n.t(" stream ")
    n.p("IP", n.s.ip())
    n.t("\nhandover to day team ")
    n.date("m/d")
    n.t("\n")


def anticoag_app(n: Note) -> None:
    n.t("WarfaPal app export (anticoagulation self-testing)\nUser: ")
    n.p("EMAIL", n.s.email(f"{n.pt_first} {n.pt_last}"))
    n.t("\nName: ")
    n.patient("fl")
    n.t("   Meter ")
    n.p("ID_DEVICE", n.s.device())
    n.t("\nDate        INR   dose\n")
    for _ in range(n.r.randint(3, 6)):
        n.date(n.pick("iso", "dd/mm/yyyy", "m/d/yy"))
        n.t(f"   {n.r.randint(14, 41) / 10:.1f}   {n.pick('3 mg', '4 mg', '5 mg', '2.5mg')}\n")
    n.t("Target 2.0-3.0. Clinic: ")
    n.hospital()
    n.t(", tel ")
    n.phone()
    n.t("\nSynced from ")
    n.p("IP", n.s.ip())
    n.t("\n")


def remote_bp(n: Note) -> None:
    n.t("REMOTE BP MONITORING ALERT\n")
    n.t("patient ")
    n.patient(n.pick("upper", "fl", "LF"))
    n.t(" / ")
    n.p("ID_MRN", n.s.mrn())
    n.t("\ncuff ")
    n.p("ID_DEVICE", n.s.device())
    n.t(f" reported 3 readings > 180/110 on ")
    n.date(n.pick("Mon d", "m/d", "MON-dd"))
    n.t(".\nCalled pt at ")
    n.phone()
    n.t(", spoke with ")
    n.relative()
    n.t(". Advised Amlodipine 10 mg, repeat in 1 hr.\n-- ")
    n.clinician()
    n.t(", ")
    n.hospital()
    n.t("\n")
    admin_block(n, 2)


def organ_retention(n: Note) -> None:
    n.t("Department of Cellular Pathology\n")
    n.hospital()
    n.t("\n")
    n.address("uk")
    n.t("\n\n")
    n.date("d Month yyyy")
    n.t("\n\nDear ")
    n.relative(False)
    n.t(",\n\nRe: the late ")
    n.patient(n.pick("fl", "upper"))
    n.t(" (born ")
    n.dob()
    n.t(", died ")
    n.date("d Month yyyy")
    n.t(")\n\nAs discussed with you and ")
    n.relative()
    n.t(", the post-mortem examination (ref ")
    n.p("ID_ACCESSION", n.s.accession())
    n.t(") required retention of the brain for fixation. Please tell us by ")
    n.date("dth of Month")
    n.t(" whether you wish it to be returned to the funeral director, ")
    n.t("or disposed of respectfully")
    n.t(".\n\nYours sincerely\nDr ")
    n.clinician(False)
    n.t(" FRCPath\nBereavement office ")
    n.phone()
    n.t(" / fax ")
    n.p("FAX", n.s.fax())
    n.t("\n")


def fertility_preservation(n: Note) -> None:
    n.t("Fertility preservation consult\n")
    n.t("Pt: ")
    n.patient("lf")
    n.t(", 27F, new dx Hodgkin lymphoma, referred by ")
    n.clinician()
    n.t(" (")
    n.hospital()
    n.t(").\nSeen ")
    n.date()
    n.t(" with partner ")
    n.relative(False)
    n.t(". Menarche at 12, LMP the ")
    n.p("DATE", n.s.date(fmt="the dth"))
    n.t(". AMH 21 pmol/L. Plan: random-start stimulation, oocyte vitrification; straws ")
    n.p("ID_BIOBANK", n.s.biobank())
    n.t(".\nConsent signed; funding via ")
    n.p("ID_HEALTHPLAN", n.s.nhs())
    n.t(". ")
    risky(n)
    n.t("\n")
    n.clinician(False)
    n.t(" ")
    n.p("ID_NPI", n.s.npi())
    n.t("\n")


def marrow_registry(n: Note) -> None:
    n.t("BONE MARROW DONOR REGISTRY - donor workup\n")
    n.t("Donor ID: ")
    n.p("ID_BIOBANK", n.s.biobank())
    n.t("  Name: ")
    n.patient(n.pick("LF", "fl"))
    n.t("\nDOB ")
    n.dob()
    n.t("  Tel ")
    n.phone()
    n.t("  Email ")
    n.p("EMAIL", n.s.email(f"{n.pt_first} {n.pt_last}"))
    n.t("\nHLA typing 10/10 match for recipient at ")
    n.hospital()
    n.t("; collection booked ")
    n.p("DATE", n.s.date_range())
    n.t(". Recruited at a drive in ")
    n.town()
    n.t(" in ")
    n.p("YEAR", n.s.year())
    n.t(".\nCoordinator ")
    n.clinician()
    n.t("\n")
    admin_block(n, 2)


def sae_narrative(n: Note) -> None:
    n.t("SERIOUS ADVERSE EVENT NARRATIVE\nProtocol KX-204-3 Site 017 (")
    n.hospital()
    n.t(")\nSubject ")
    n.p("ID_BIOBANK", n.s.biobank())
    n.t(" (initials ")
    n.p("PATIENT", f"{n.pt_first[0]}.{n.pt_last[0]}." if n.maybe() else f"{n.pt_first[0]}{n.pt_last[0]}")
    n.t("), ")
    n.age_phrase()
    n.t("male, randomised ")
    n.date("d-Mon-yyyy")
    n.t(".\nOn ")
    n.date("d-Mon-yyyy")
    n.t(" the subject was admitted with grade 3 neutropenic sepsis. Study drug interrupted. "
        "Event resolved ")
    n.date("d-Mon-yyyy")
    n.t(". Causality: possibly related (investigator ")
    n.clinician()
    n.t(").\nReporter phone ")
    n.phone()
    n.t("; fax ")
    n.p("FAX", n.s.fax())
    n.t("\nMedDRA PT: Febrile neutropenia. ")
    risky(n)
    n.t("\n")


def yellow_card(n: Note) -> None:
    form = n.pick("Yellow Card", "MedWatch 3500")
    n.t(f"{form.upper()} REPORT (suspected adverse drug reaction)\nPatient initials: ")
    n.p("PATIENT", f"{n.pt_first[0]}{n.pt_last[0]}")
    n.t("  Age: ")
    n.age_phrase()
    n.t("\nSuspect drug: Clarithromycin 500 mg, batch lot 7K221, started ")
    n.date()
    n.t("\nReaction: QT prolongation, torsades; onset ")
    n.date("m/d")
    n.t("\nReporter: ")
    n.clinician()
    n.t(", ")
    n.hospital()
    n.t(", ")
    n.town()
    n.t("\nContact: ")
    n.p("EMAIL", n.s.email(n.s.person("fl")))
    n.t(" / ")
    n.phone()
    n.t("\nReporter DEA ")
    n.p("ID_DEA", n.s.dea())
    n.t("  NPI ")
    n.p("ID_NPI", n.s.npi())
    n.t("\nSubmitted via ")
    n.p("URL", n.s.url())
    n.t("\n")


def medicolegal(n: Note) -> None:
    n.t("MEDICO-LEGAL REPORT\nPrepared for the court at the instruction of ")
    n.p("CLINICIAN", n.s.person("fl"))
    n.t(", solicitors for the Claimant\nClaimant: ")
    n.patient("fl")
    n.t("\nDate of accident: ")
    n.date("d Month yyyy")
    n.t("    Date of examination: ")
    n.date("d Month yyyy")
    n.t("\nAddress: ")
    n.address(n.pick("uk", "ie"))
    n.t("\n\n1. ")
    n.patient("Mr")
    n.t(" was the driver of ")
    n.p("VEHICLE", n.s.vehicle())
    n.t(" when it was struck from behind near ")
    n.town()
    n.t(". He attended ")
    n.hospital()
    n.t(" the same day (records ref ")
    n.p("ID_MRN", n.s.mrn())
    n.t(").\n2. I have read the GP notes of ")
    n.clinician()
    n.t(". Spurling's test negative; cervical ROM 70%. ")
    risky(n)
    n.t("\n\nStatement of truth. ")
    n.clinician(False)
    n.t(" MB ChB FRCS, GMC ")
    n.p("ID_LICENSE", n.s.digits(7))
    n.t("\nDictated ")
    n.p("ID_DICTATION", n.s.dictation())
    n.t("\n")


WRITERS_A = {
    "zoonosis_referral": zoonosis_referral, "school_exclusion": school_exclusion, "home_risk": home_risk,
    "teleicu_night": teleicu_night, "anticoag_app": anticoag_app, "remote_bp": remote_bp,
    "organ_retention": organ_retention, "fertility_preservation": fertility_preservation,
    "marrow_registry": marrow_registry, "sae_narrative": sae_narrative, "yellow_card": yellow_card,
    "medicolegal": medicolegal,
}
