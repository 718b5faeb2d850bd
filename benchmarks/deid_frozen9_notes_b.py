"""Set 9 note kinds, part B: out-of-hours, community nursing, remote and field medicine,
and text damaged by speech recognition, machine translation or PDF pasting."""

from __future__ import annotations

from deid_frozen9_builder import Note
from deid_frozen9_notes_a import admin_block, risky


def gp_ooh(n: Note) -> None:
    n.t("OOH HANDOVER to registered GP\n")
    n.t("pt ")
    n.patient(n.pick("LF", "lower", "fl"))
    n.t(" dob ")
    n.dob()
    n.t(" chi ")
    n.p("ID_HEALTHPLAN", n.s.digits(10))
    n.t("\nregd: ")
    n.p("HOSPITAL", n.pick("Pennywell Medical Practice", "Kirkwhinnie Health Centre", "The Marsh Surgery"))
    n.t("\nseen at ")
    n.p("HOSPITAL", n.pick("Caldermoor PCEC", "Glenbarra OOH base", n.s.hospital()))
    n.t(" sat night by ")
    n.clinician()
    n.t("\nhx: 3/7 productive cough, ")
    risky(n)
    n.t("\nplan: doxy 200 then 100 od, safety net, lives w ")
    n.relative()
    n.t(" at ")
    n.address("uk")
    n.t("\n")


def district_diary(n: Note) -> None:
    n.t(n.pick("District nurse diary", "DN DIARY", "district nursing caseload diary"))
    n.t(" - ")
    n.date("dd/mm/yyyy")
    n.t("\n")
    for _ in range(n.r.randint(3, 5)):
        n.t(f"{n.r.randint(8, 17):02d}:{n.pick('00', '15', '30', '45')} ")
        n.p("PATIENT", n.s.person(n.pick("lf", "l", "lower", "fl", "LF")))
        n.t(", ")
        n.p("ADDRESS", n.s.street())
        n.t(" - ")
        n.t(n.pick("leg ulcer dressing, Aquacel", "insulin 14 units", "catheter change 14Fr", "syringe driver check",
                   "pressure area care, grade 2 sacrum", "B12 inj"))
        if n.maybe(0.35):
            n.t(", key from ")
            n.relative()
        n.t("\n")
    n.t("Team: ")
    n.p("EMAIL", n.s.email(n.s.person("fl")))
    n.t(", ")
    n.clinician(False)
    n.t(", ")
    n.clinician(False)
    n.t("  Base ")
    n.phone()
    n.t("\n")


def care_home_mar(n: Note) -> None:
    n.t("MAR CHART - ")
    n.p("HOSPITAL", n.pick("Rose Valley Care Home", "Holloway Green Nursing Home", "Ashcombe House", n.s.hospital()))
    n.t("\nResident: ")
    n.patient(n.pick("LF", "upper", "lf"))
    n.t("  Room 14  DOB ")
    n.dob()
    n.t("  Age ")
    n.age_phrase()
    n.t("\nGP: ")
    n.clinician()
    n.t("   Pharmacy: Boots, ")
    n.town()
    n.t("\nWeek commencing ")
    n.date("dd/mm/yyyy")
    n.t("\nDrug                08:00 13:00 18:00 22:00\n")
    for drug in n.r.sample(["Donepezil 10mg", "Paracetamol 1g", "Senna 15mg", "Lansoprazole 30mg",
                            "Furosemide 40mg", "Laxido 1 sachet", "Adcal-D3"], 4):
        n.t(f"{drug:<20}")
        n.t(" ".join(n.pick("ABC ", "R   ", "S   ", "    ") for _ in range(4)) + "\n")
    n.t("Signatures: ")
    for _ in range(2):
        n.p("CLINICIAN", n.pick(n.s.person("il").replace(" ", ""), n.s.person("i.l"), n.s.person("f")))
        n.t(" ")
    n.t("\n")


def hospital_at_home(n: Note) -> None:
    n.t("HOSPITAL AT HOME - virtual ward round ")
    n.date(n.pick("Mon dth", "d-Mon-yyyy"))
    n.t("\nConsultant: ")
    n.clinician()
    n.t("\n| Bed | Patient | Obs | Plan |\n|---|---|---|---|\n")
    for i in range(n.r.randint(3, 5)):
        n.t(f"| V{i + 1} | ")
        n.p("PATIENT", n.s.person(n.pick("LF", "fl", "lf")))
        n.t(" | NEWS2 " + str(n.r.randint(0, 6)) + " | ")
        if n.maybe(0.3):
            n.t("escalate to ")
            n.hospital()
        else:
            n.t(n.pick("IV ceftriaxone day 3", "step down", "bloods tomorrow"))
        n.t(" |\n")
    n.t("Wearable feed ")
    n.p("URL", n.s.url())
    n.t(" (gateway ")
    n.p("IP", n.s.ip())
    n.t(")\n")


def sepsis_screen(n: Note) -> None:
    n.t("SEPSIS SCREENING TOOL (adult)\nName ")
    n.patient(n.pick("upper", "LF"))
    n.t("  Hosp no ")
    n.p("ID_MRN", n.s.mrn())
    n.t("\nWard ")
    n.p("HOSPITAL", n.s.ward())
    n.t("  Date ")
    n.date("dd/mm/yyyy")
    n.t("  Time 03:40\n[x] RR >= 25  [ ] new confusion  [x] HR > 130  [x] lactate 4.1\n"
        "RED FLAG SEPSIS -> Sepsis Six started 03:55. Informed ")
    n.clinician()
    n.t(" via ")
    n.p("PHONE", n.s.pager())
    n.t(". ")
    risky(n)
    n.t("\nCompleted by ")
    n.clinician(False)
    n.t(" NMC PIN ")
    n.p("ID_LICENSE", n.s.license())
    n.t("\n")


def glucose_logbook(n: Note) -> None:
    n.t("blood glucose logbook - typed up by ")
    n.relative()
    n.t("\nfor ")
    n.patient(n.pick("lower", "f", "fl"))
    n.t(", meter ")
    n.p("ID_DEVICE", n.s.device())
    n.t("\n")
    for _ in range(n.r.randint(4, 7)):
        n.date(n.pick("m/d", "Mon d", "dd.mm.yyyy", "the dth"))
        n.t(f"  pre-bkfst {n.r.randint(40, 180) / 10:.1f}  pre-tea {n.r.randint(40, 220) / 10:.1f}"
            f"  {n.pick('', 'hypo at 3am', 'ate cake (birthday)', 'Novorapid 6u', 'forgot Lantus')}\n")
    n.t("clinic ")
    n.hospital()
    n.t(" dsn ")
    n.clinician(False)
    n.t("\n")


def dialysis_rota(n: Note) -> None:
    n.t("DIALYSIS TRANSPORT ROTA - ")
    n.p("HOSPITAL", n.pick("Northwick Satellite Renal Unit", "Kestrel Bay Kidney Centre", n.s.hospital()))
    n.t("\nDriver       Vehicle     Pick-up  Patient            Address\n")
    for _ in range(n.r.randint(3, 5)):
        n.p("CLINICIAN", n.s.person(n.pick("f", "fl", "il")))
        n.t("  ")
        n.p("VEHICLE", n.s.vehicle())
        n.t(f"  {n.r.randint(6, 8):02d}:{n.pick('05', '20', '40')}  ")
        n.p("PATIENT", n.s.person(n.pick("LF", "lf", "l")))
        n.t("  ")
        n.p("ADDRESS", n.s.street())
        n.t(", ")
        n.town()
        n.t("\n")
    n.t("Mon/Wed/Fri. Queries to transport desk ")
    n.phone()
    n.t("\n")


def ot_home_visit(n: Note) -> None:
    n.t("Occupational Therapy Home Visit Report\nClient: ")
    n.patient("fl")
    n.t("   Visit date: ")
    n.date()
    n.t("\nPresent: ")
    n.clinician()
    n.t(" (OT), ")
    n.relative()
    n.t(", client\nProperty: two-storey terraced house, ")
    n.address(n.pick("uk", "au", "ca", "us"))
    n.t("\nFindings: 3 steps to front door, no rails; bath without seat; toilet 38 cm. "
        "Recommend perching stool, Mowbray rail, key safe. ")
    risky(n)
    n.t("\nPhotos of bathroom stored as ")
    n.p("ID_PHOTO", n.s.photo())
    n.t("\n")


def crisis_line(n: Note) -> None:
    n.t("CRISIS LINE CALL LOG\ncall ref ")
    n.p("ID_ACCOUNT", n.s.account())
    n.t("  caller number ")
    n.phone()
    n.t("\n")
    n.date(n.pick("iso", "m/d/yy"))
    n.t(" 01:12 caller gave name as ")
    n.patient(n.pick("f", "lower", "fl"))
    n.t(", says she is staying with ")
    n.relative()
    n.t(" in ")
    n.town()
    n.t(". C-SSRS: ideation w/o plan. Safety plan reviewed; agreed to attend ")
    n.hospital()
    n.t(" crisis team in the morning.\n01:40 warm transfer to ")
    n.clinician()
    n.t(". Caller voiceprint matched ")
    n.p("BIOMETRIC", n.s.biometric_id())
    n.t(" (returning caller).\n")


def street_medicine(n: Note) -> None:
    n.t("street medicine outreach - ")
    n.date("m/d")
    n.t(" evening run\n")
    n.t("seen under the ")
    n.t("railway bridge")
    n.t(" in ")
    n.town()
    n.t(": ")
    n.patient(n.pick("f", "lower", "fl"))
    n.t(" (goes by \"")
    n.p("PATIENT", n.pick("Smudge", "Tiny", "Red", n.pt_first[:3]))
    n.t("\"), ")
    if n.maybe(0.4):
        n.age_phrase()
    else:
        n.t("~50s, ")
    n.t("wound L shin, cellulitis; gave flucloxacillin 500 mg QDS x7/7. no fixed abode, mail c/o ")
    n.p("ADDRESS", n.s.po_box())
    n.t(". ssn on file ")
    n.p("SSN", n.s.ssn())
    n.t("\noutreach: ")
    n.handle()
    n.t(", ")
    n.clinician(False)
    n.t("\n")


def refugee_screen(n: Note) -> None:
    n.t("REFUGEE HEALTH SCREEN\nName: ")
    n.patient(n.pick("LF", "fl", "upper"))
    n.t("  (interpreter booked)\nDOB: ")
    n.dob()
    n.t(" (estimated)  Arrived: ")
    n.date("MON-dd")
    n.t("\nHome office ref ")
    n.p("ID_ACCOUNT", n.s.account())
    n.t("  Hotel: ")
    n.p("ADDRESS", n.s.street())
    n.t(", ")
    n.town()
    n.t("\nTB IGRA negative; Hep B sAg neg; MMR catch-up given, lot X9923. Children ")
    n.relative(False)
    n.t(" and ")
    n.relative(False)
    n.t(" screened same day. Registered with ")
    n.hospital()
    n.t(".\nScreened by ")
    n.clinician()
    n.t("\n")
    admin_block(n, 2)


def prison_release(n: Note) -> None:
    n.t("PRISON RELEASE HEALTH PLAN\nPrisoner no. ")
    n.p("ID_MRN", n.s.mrn())
    n.t("  Name ")
    n.patient(n.pick("LF", "lf"))
    n.t("\nRelease date ")
    n.date("dd/mm/yyyy")
    n.t("; to approved premises ")
    n.address(n.pick("uk", "uk", "au"))
    n.t("\nOST: methadone 60 ml, bridging script to ")
    n.p("HOSPITAL", n.pick("Caldermoor Recovery Hub", "Redwater Substance Service", n.s.hospital()))
    n.t(". Naloxone kit given. Probation officer ")
    n.clinician(False)
    n.t(" tel ")
    n.phone()
    n.t("\nPrescriber ")
    n.clinician()
    n.t(" DEA ")
    n.p("ID_DEA", n.s.dea())
    n.t("\n")


WRITERS_B = {
    "gp_ooh": gp_ooh, "district_diary": district_diary, "care_home_mar": care_home_mar,
    "hospital_at_home": hospital_at_home, "sepsis_screen": sepsis_screen, "glucose_logbook": glucose_logbook,
    "dialysis_rota": dialysis_rota, "ot_home_visit": ot_home_visit, "crisis_line": crisis_line,
    "street_medicine": street_medicine, "refugee_screen": refugee_screen, "prison_release": prison_release,
}
