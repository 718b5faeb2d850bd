"""Set 14, kinds D: small ward paperwork (glucometer QC exports, pregnancy checks before imaging, visitor
sign-in sheets, catering diet orders, steroid emergency cards, nasogastric tube checks, shunt valve cards)."""

from __future__ import annotations

from deid_frozen14_core import Ctx, Note, row


def _t(c: Ctx) -> str:
    return f"{c.r.randint(0, 23):02d}:{c.r.randint(0, 59):02d}"


def poct_glucometer_log(c: Ctx, n: Note) -> None:
    n("POCT middleware - glucose meter results by device\nMeter ", ("ID_DEVICE", c.device()), " (",
      c.pick(["Accu-Chek Inform II", "StatStrip", "FreeStyle Precision Pro"]), ")  dock ", ("IP", c.ip()), "  ward ",
      c.pick(["6B", "AMU", "Ward 21", "ICU pod 2"]), "\n")
    n("QC: level 1 5.6 PASS, level 2 16.9 PASS  lot 4471203 (strips)\n\n")
    d = c.date(style="num")
    n("Date       Time   Operator         Patient                 ID           mmol/L  flag\n")
    for _ in range(c.r.randint(4, 7)):
        v = c.r.randint(22, 260) / 10
        row(n, [("DATE", d), _t(c), ("CLINICIAN", c.name(c.staff(), "il")), ("PATIENT", c.name(c.person(), "Lf")),
                ("ID_MRN", c.mrn()), f"{v:<6}", "LO" if v < 4 else "HI" if v > 20 else ""], [10, 5, 16, 22, 11, 6, 3], "  ")
    n("\nOperator lockout: ", ("CLINICIAN", c.name(c.staff(), "fl")), " - competency expired; re-certify on the e-learning.\n")


def irmer_pregnancy_check(c: Ctx, n: Note) -> None:
    p = c.person(sex="F")
    child = c.chance(0.35)
    n("PREGNANCY STATUS CHECK - IR(ME)R procedure 4 (patients aged 12-55)\n", ("HOSPITAL", c.hospital()), " Radiology\n\n")
    n("Name: ", ("PATIENT", c.name(p, "fl")), "   DOB: ", ("DATE", c.date(c.ymd(2011, 2013) if child else c.ymd(1972, 2007), "num")), "   Hosp no: ",
      ("ID_MRN", c.mrn()), "\nExamination: ", c.pick(["CT abdomen/pelvis with contrast", "lumbar spine XR", "barium swallow",
                                                      "CT KUB"]), "   accession ", ("ID_ACCESSION", c.accession()), "\n")
    n("LMP: ", ("DATE", c.date(style="num")), " (", c.pick(["within 10 days", "28 days ago - 28-day rule applies", "unsure"]), ")\n")
    n("Could you be pregnant?  ", c.pick(["No", "Not sure -> urine hCG negative", "No (contraception: Mirena)"]), "\n")
    if child:
        n("Question asked via interpreter (", c.pick(["Polish", "Tigrinya", "Tagalog", "Urdu"]), "), mother ",
          ("RELATIVE", c.name(c.person(sex="F"), "fl")), " present - patient is 14.\n")
    n("Checked by radiographer ", ("CLINICIAN", c.name(c.staff(), "fl")), " at ", _t(c), "   ",
      "HCPC " if c.region == "UK" else "Reg ", ("ID_LICENSE", c.license()), "\n")


def visitor_signin_log(c: Ctx, n: Note) -> None:
    n("VISITOR SIGN-IN  -  ", c.pick(["Ward 4 (Stroke)", "Hospice inpatient unit", "Dementia unit", "NICU"]), "  ",
      ("HOSPITAL", c.hospital()), "\n", "Date: ", ("DATE", c.date()), "   (please print clearly)\n\n")
    n("In     Visitor name            Visiting        Relation   Phone             Car reg    Out\n")
    for _ in range(c.r.randint(4, 7)):
        pt = c.person()
        vis = (c.person()[0], pt[1]) if c.chance(0.6) else c.person()
        vn = c.name(vis, c.pick(["fl", "fl", "low", "FL"])).upper() if c.chance(0.3) else c.name(vis, "fl")
        row(n, [_t(c), ("RELATIVE", vn), ("PATIENT", c.name(pt, c.pick(["l", "il", "f"]))),
                c.pick(["wife", "son", "dtr", "friend", "neighbour", "grandson"]), ("PHONE", c.phone()),
                ("VEHICLE", c.plate()) if c.chance(0.5) else "-", _t(c) if c.chance(0.8) else ""], [6, 22, 14, 9, 16, 9, 5], " ")
    n("\nBank staff checking the book: ", ("CLINICIAN", c.name(c.staff(), "f")), "\n")


def catering_diet_order(c: Ctx, n: Note) -> None:
    n("CATERING - SPECIAL DIET ORDERS  ", c.pick(["breakfast", "lunch", "supper"]), " ", ("DATE", c.date(style="num")), "\n")
    n("Ward: ", c.pick(["Ward 3 Gastro", "Oak Ward", "7 South", "Paeds 2"]), "   sent by ", ("CLINICIAN", c.name(c.staff(), "f")),
      " (ward hostess) ext 2231\n\n")
    for _ in range(c.r.randint(4, 7)):
        p = c.person()
        n("Bed ", str(c.r.randint(1, 32)), "  ", ("PATIENT", c.name(p, c.pick(["il", "Lf", "l"]))), "  - ",
          c.pick(["IDDSI level 5 minced & moist, level 2 mildly thick fluids", "coeliac (gluten free)", "renal diet, 1L fluid restriction",
                  "NIL BY MOUTH from 00:00 - theatre", "halal", "peanut ANAPHYLAXIS - EpiPen on ward", "diabetic, no sugar",
                  "low residue", "vegan"]), "\n")
    if c.chance(0.5):
        n("\nNB bed ", str(c.r.randint(1, 30)), " Mr ", ("PATIENT", c.person()[1]), " is ", ("AGE", c.old_age()),
          " - finger food please, he won't use cutlery\n")


def steroid_emergency_card(c: Ctx, n: Note) -> None:
    p = c.person()
    n("NHS STEROID EMERGENCY CARD (adrenal insufficiency)\n\n" if c.region == "UK" else "STEROID EMERGENCY CARD\n\n")
    n("Name: ", ("PATIENT", c.name(p, "fl")), "\nDOB: ", ("DATE", c.date(c.dob(), "num")), "\n",
      "NHS no: " if c.region == "UK" else "ID no: ", ("ID_HEALTHPLAN", c.plan_id()) if c.region == "UK" else ("ID_MRN", c.mrn()), "\n")
    n("Condition: ", c.pick(["Addison's disease", "hypopituitarism (Sheehan's)", "long-term prednisolone for PMR",
                             "congenital adrenal hyperplasia"]), "\nCurrent dose: hydrocortisone 10/5/5 mg\n\n")
    n("EMERGENCY: give hydrocortisone 100 mg IV/IM immediately, then 200 mg/24 h. Do not delay.\n\n")
    n("Endocrine team: ", ("HOSPITAL", c.hospital()), "  ", ("PHONE", c.phone()))
    if c.chance(0.6):
        n("  ", ("EMAIL", c.email(c.staff(), org=True)))
    n("\nGP: Dr ", ("CLINICIAN", c.name(c.staff(), "il")), "\n")
    n("Emergency contact: ", ("RELATIVE", c.name(c.person(), "fl")), " ", ("PHONE", c.phone()), "\n")
    n("Card issued ", ("DATE", c.date()), " by ", ("CLINICIAN", c.name(c.staff(), "fl")), ", endocrine nurse specialist\n")


def ng_tube_placement_check(c: Ctx, n: Note) -> None:
    p = c.person()
    n("NASOGASTRIC TUBE PLACEMENT CONFIRMATION\n", ("PATIENT", c.name(p, "Lf")), "  ", ("ID_MRN", c.mrn()), "  ",
      c.pick(["Ward 8", "HDU bed 3", "Stroke unit"]), "\n")
    n("Inserted ", ("DATE", c.date()), " ", _t(c), " by ", ("CLINICIAN", c.name(c.staff(), "fl")), ", 12 Fr, 58 cm at nostril\n")
    n("pH of aspirate: ", c.pick(["4.5", "no aspirate obtained", "6.0 - not safe"]), "\n")
    n("CXR requested, accession ", ("ID_ACCESSION", c.accession()), "\n\nRadiology: Tube passes below the diaphragm in the "
      "midline, tip projected over the gastric bubble (left of midline, 10 cm below the GOJ). Safe to use.\n")
    n("Reported by Dr ", ("CLINICIAN", c.name(c.staff(), "fl")), "  dict ", ("ID_DICTATION", c.dictation()), "\n")
    n("Confirmed safe to feed: ", ("CLINICIAN", c.name(c.staff(), "il")), " (2nd checker) - NEVER EVENT checklist complete\n")


def shunt_valve_card(c: Ctx, n: Note) -> None:
    p = c.person()
    ds = c.seq(c.r.randint(3, 5), "num", (20, 120))
    n(("HOSPITAL", c.hospital()), " Neurosurgery\nPROGRAMMABLE SHUNT VALVE - PATIENT CARD & SETTING LOG\n\n")
    n("Patient: ", ("PATIENT", c.name(p, "fl")), "   DOB ", ("DATE", c.date(c.dob(), "num")), "   MRN ", ("ID_MRN", c.mrn()), "\n")
    n("Valve: ", c.pick(["Codman Certas Plus", "Medtronic Strata II", "Aesculap proGAV 2.0"]), "  serial ", ("ID_DEVICE", c.device()),
      "   implanted ", ("DATE", ds[0]), " (VP shunt for NPH; Hakim triad)\n\n")
    n("MRI: the setting may change at 3T - check and reset after every scan.\n\nsetting  date         by\n")
    for d in ds[1:]:
        n(f"{c.r.randint(1, 8)}        ", ("DATE", d), "   ", ("CLINICIAN", c.name(c.staff(), "il")), "\n")
    nurse = c.staff()
    n("\nQueries: hydrocephalus nurse ", ("CLINICIAN", c.name(nurse, "fl")), ", ", ("EMAIL", c.email(nurse, org=True)), "\n")
    n("Letter to GP ", ("CLINICIAN", c.name(c.staff(), "fl")), "; ")
    if c.region == "US":
        n("attending NPI ", ("ID_NPI", c.npi()), "; ")
    n("typed from dictation ", ("ID_DICTATION", c.dictation()), "\n")


KINDS = {
    "poct_glucometer_log": (poct_glucometer_log, ["US"] * 4 + ["UK", "AU"]),
    "irmer_pregnancy_check": (irmer_pregnancy_check, ["UK"] * 3 + ["IE"]),
    "visitor_signin_log": (visitor_signin_log, ["US"] * 3 + ["UK", "NZ", "ZA"]),
    "catering_diet_order": (catering_diet_order, ["US"] * 2 + ["UK", "UK", "AU", "IE"]),
    "steroid_emergency_card": (steroid_emergency_card, ["UK"] * 3 + ["US"]),
    "ng_tube_placement_check": (ng_tube_placement_check, ["US"] * 4 + ["UK", "AU"]),
    "shunt_valve_card": (shunt_valve_card, ["US"] * 4 + ["UK", "CA"]),
}
