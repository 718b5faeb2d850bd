"""Set 9 note kinds, part C: expedition, event and rescue medicine, and damaged text
(speech recognition errors, machine translation, PDF text with repeated page headers)."""

from __future__ import annotations

from deid_frozen9_builder import Note
from deid_frozen9_notes_a import admin_block, risky


def rig_medic(n: Note) -> None:
    n.t("OFFSHORE INSTALLATION MEDIC LOG - platform Kestrel Alpha\n")
    n.date("dd/mm/yyyy")
    n.t(" 22:10 ")
    n.patient(n.pick("upper", "LF", "fl"))
    n.t(" (scaffolder, badge ")
    n.p("BIOMETRIC", n.s.biometric())
    n.t(") crush injury R index finger. Tetanus up to date. Topside doctor ")
    n.clinician()
    n.t(" via sat phone ")
    n.phone()
    n.t(" advised medevac. Heli to ")
    n.hospital()
    n.t(", ")
    n.town()
    n.t(".\nNOK: ")
    n.relative()
    n.t(" ")
    n.phone()
    n.t("\nMedic: ")
    n.clinician(False)
    n.t("\n")


def ski_patrol(n: Note) -> None:
    n.t("SKI PATROL INCIDENT REPORT  run: Black Grouse  ")
    n.date("Mon d")
    n.t("\nInjured party: ")
    n.patient("fl")
    n.t(", from ")
    n.town()
    n.t("; lift pass ")
    n.p("ID_ACCOUNT", n.s.account())
    n.t("\nMechanism: fall at speed, L knee valgus. Ottawa knee rules positive. Splinted, "
        "toboggan to base. Transferred by ")
    n.p("VEHICLE", n.s.vehicle())
    n.t(" to ")
    n.hospital()
    n.t(".\nPatroller ")
    n.clinician(False)
    n.t(", witness ")
    n.relative()
    n.t(" ")
    n.phone()
    n.t("\n")


def festival_tent(n: Note) -> None:
    n.t("festival medical tent - field 3 - sat ")
    n.date("m/d")
    n.t("\n")
    for _ in range(n.r.randint(3, 5)):
        n.t(f"{n.r.randint(13, 23)}:{n.r.randint(10, 59)} ")
        n.p("PATIENT", n.s.person(n.pick("f", "lower", "fl", "upper")))
        n.t(" wristband ")
        n.p("ID_ACCOUNT", f"W{n.s.digits(6)}")
        n.t(" " + n.pick("heat exhaustion, oral fluids", "ankle sprain RICE", "MDMA? GCS 13, to ambulance",
                         "asthma, salbutamol via spacer", "laceration steristrips") + "\n")
    n.t("photo of rash uploaded ")
    n.p("ID_PHOTO", n.s.photo())
    n.t("\nlead clinician ")
    n.clinician()
    n.t(" / radio ch 4 / ")
    n.phone()
    n.t("\n")


def air_ambulance(n: Note) -> None:
    n.t("AIR AMBULANCE HANDOVER (ATMIST)\nA: ")
    n.age_phrase()
    n.t("female, ")
    n.patient(n.pick("fl", "LF"))
    n.t("\nT: ")
    n.date("iso")
    n.t(" 15:02\nM: fall from horse, ")
    n.town()
    n.t("\nI: ?pelvic #, GCS 14\nS: HR 118 BP 96/60 RR 24\nT: TXA 1 g, pelvic binder, 2 u blood\n"
        "Crew: ")
    n.clinician()
    n.t(", ")
    n.clinician()
    n.t("  aircraft ")
    n.p("VEHICLE", n.pick("G-" + "".join(n.r.choice("BCDEHKLMNPRSTW") for _ in range(4)), n.s.vehicle()))
    n.t("\nReceived at ")
    n.hospital()
    n.t(" by ")
    n.clinician()
    n.t("\n")


def sar_card(n: Note) -> None:
    n.t("SEARCH & RESCUE CASUALTY CARD\nTeam: ")
    n.t("MRT 2")
    n.t("   Grid ref NN 166 712\nCasualty ")
    n.patient(n.pick("fl", "upper"))
    n.t(" DOB ")
    n.dob()
    n.t("\nhypothermic, T 33.8, found 04:30. Party member ")
    n.relative(False)
    n.t(" reported overdue from ")
    n.town()
    n.t(". Handed to ")
    n.hospital()
    n.t(".\nCard by ")
    n.clinician()
    n.t("\n")


def concussion_form(n: Note) -> None:
    n.t("SCHOOL SPORTS CONCUSSION FORM\nStudent: ")
    n.patient(n.pick("fl", "lf"))
    n.t("  DOB ")
    n.dob()
    n.t("\nEvent: rugby U15 vs ")
    n.town()
    n.t(" on ")
    n.date()
    n.t("\nMaddocks questions 3/5; SCAT6 symptom score 14. Removed from play. Graduated return "
        "from ")
    n.date("d Month yyyy")
    n.t(". Parent ")
    n.relative(False)
    n.t(" informed on ")
    n.phone()
    n.t(". Email ")
    n.p("EMAIL", n.s.email(n.s.person("fl")))
    n.t("\nFirst aider ")
    n.clinician(False)
    n.t("\n")


def speech_recognition(n: Note) -> None:
    n.t("This is doctor ")
    n.clinician(False)
    n.t(" dictating a clinic letter for ")
    n.patient(n.pick("lower", "fl"))
    n.t(" date of birth ")
    n.dob()
    n.t(" period new paragraph the patient was seen in the ")
    n.hospital()
    n.t(" today comma she is ")
    n.age_phrase()
    n.t("and lives with her son ")
    n.relative(False)
    n.t(" in ")
    n.town()
    n.t(" full stop. Her blood pressure was one forty over eighty comma I have started ramipril "
        "two point five milligrams full stop please copy to ")
    n.clinician()
    n.t(" full stop end of dictation\n[job ")
    n.p("ID_DICTATION", n.s.dictation())
    n.t(" transcribed by ")
    n.handle()
    n.t("]\n")


def machine_translated(n: Note) -> None:
    n.t("[translated automatically]\nThe patient ")
    n.patient("fl")
    n.t(", born the ")
    n.dob()
    n.t(", presented himself to the urgences of ")
    n.hospital()
    n.t(" for pains thoracic since 2 days. The spouse ")
    n.relative(False)
    n.t(" signals that he returned of ")
    n.town()
    n.t(" the ")
    n.date("dth of Month")
    n.t(". Antecedents: infarct in ")
    n.p("YEAR", n.s.year())
    n.t(", diabetes type 2 under metformin 1000. Doctor treating: ")
    n.clinician()
    n.t(". Telephone of the family: ")
    n.phone()
    n.t(".\n")
    admin_block(n, 3)


def pdf_paste(n: Note) -> None:
    hosp = n.s.hospital()
    mrn = n.s.mrn()
    for page in range(1, n.r.randint(2, 4)):
        n.p("HOSPITAL", hosp)
        n.t("   Patient: ")
        n.p("PATIENT", f"{n.pt_last.upper()}, {n.pt_first}")
        n.t("   MRN ")
        n.p("ID_MRN", mrn)
        n.t(f"   Page {page}\n")
        n.t(n.pick("Continued from previous page. ", "Discharge medications reconciled. ", ""))
        n.t("Seen by ")
        n.clinician()
        n.t(" on ")
        n.date()
        n.t(". ")
        risky(n, 3)
        n.t("\n")
    n.t("Printed ")
    n.date("iso")
    n.t(" by ")
    n.handle()
    n.t(" from ")
    n.p("IP", n.s.ip())
    n.t("\n")


def continence_order(n: Note) -> None:
    n.t("CONTINENCE PRODUCT ORDER\nPatient: ")
    n.patient("LF")
    n.t("  NHS ")
    n.p("ID_HEALTHPLAN", n.s.nhs())
    n.t("\nDeliver to: ")
    n.address(n.pick("uk", "ie"))
    n.t("\nTENA Pants Plus M x 4 packs/month; Conveen sheath 30mm x 30. Assessed ")
    n.date("dd/mm/yyyy")
    n.t(" by ")
    n.clinician()
    n.t(" (NHS ")
    n.p("ID_HEALTHPLAN", n.s.nhs())
    n.t(" checked). Order ref ")
    n.p("ID_ACCOUNT", n.s.account())
    n.t("\n")


def hearing_voices(n: Note) -> None:
    n.t("hearing voices group - session notes ")
    n.date("m/d/yy")
    n.t("\nfacilitators: ")
    n.clinician(False)
    n.t(" & ")
    n.clinician(False)
    n.t("\nattended: ")
    for _ in range(n.r.randint(3, 5)):
        n.p("PATIENT", n.s.person(n.pick("f", "f", "lower", "il")))
        n.t(", ")
    n.t("\n")
    n.patient("f")
    n.t(" shared that the voices got louder after ")
    n.relative()
    n.t(" moved out in ")
    n.p("YEAR", n.s.year())
    n.t(". group discussed coping cards. next session thurs. ")
    risky(n)
    n.t("\n")


def military_card(n: Note) -> None:
    n.t("FIELD MEDICAL CARD\nSvc no. ")
    n.p("SSN", n.s.ssn())
    n.t("  ")
    n.patient(n.pick("LF", "upper"))
    n.t("  Unit 3 Bn, C Coy\n")
    n.date("d-Mon-yyyy")
    n.t(" 0540: GSW L thigh, CAT tourniquet 0542, morphine 10 mg IM (M on forehead). "
        "Dog tag blood group O POS. Casevac ")
    n.p("VEHICLE", n.s.vehicle())
    n.t(" to Role 2. Medic ")
    n.clinician(False)
    n.t(", cert ")
    n.p("ID_LICENSE", n.s.license())
    n.t("\n")


WRITERS_C = {
    "rig_medic": rig_medic, "ski_patrol": ski_patrol, "festival_tent": festival_tent,
    "air_ambulance": air_ambulance, "sar_card": sar_card, "concussion_form": concussion_form,
    "speech_recognition": speech_recognition, "machine_translated": machine_translated,
    "pdf_paste": pdf_paste, "continence_order": continence_order, "hearing_voices": hearing_voices,
    "military_card": military_card,
}
