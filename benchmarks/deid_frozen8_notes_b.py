"""Service notes of the eighth frozen set, part B: limb fitting, spinal rehab, lymphoedema, photo
consent logs, gamete bank, organ and tissue donation, interpreter bookings, PALS, volunteers,
discharge lounge, compounding, home infusion, device recalls and implant registries.
"""

from __future__ import annotations

import deid_frozen8_ids as ids
import deid_frozen8_places as places
from deid_frozen8_builder import Doc
from deid_frozen8_cast import address_lines, age, case_for, dob, dr, extras, person, phone_part, pname, rel


def _dt(rng, c):
    return ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale))


def limb_fitting(rng, c):
    d = Doc(case_for(rng))
    p = c.patient
    d.ln(("HOSPITAL", c.hospital), " - Orthotics, Prosthetics & Limb Fitting")
    d.ln("Client: ", *pname(rng, p), "   Ref ", ("ID_MRN", ids.ident(rng, "mrn")), "   ", *dob(rng, c))
    d.ln("L transtibial amputation ", ("DATE", ids.date_text(rng, ids.a_date(rng, 2015, 2025), c.locale)), " (PVD). K-level K3.")
    d.ln("Socket: PTB/TSB, Iceross liner 6mm size 26. Foot: Echelon, serial ", ("ID_DEVICE", ids.ident(rng, "device")))
    d.ln("Residual limb volume reduced - added 3-ply sock. Gait: mild lateral trunk lean, walks 200 m with 1 stick.")
    d.ln("AFO for R foot drop also reviewed (Ottobock). ", *rel(rng, c.relatives[0]), " helps donning.")
    d.ln("Transport: patient's own car reg ", ("VEHICLE", ids.vehicle(rng, c.locale)), " (adapted, L foot accelerator)")
    d.ln("Prosthetist: ", *dr(rng, c.staff[0], "cred"), "   Review ", _dt(rng, c))
    return d


def sci_rehab(rng, c):
    d = Doc(case_for(rng, 0.25, 0.1))
    p = c.patient
    d.ln("SPINAL CORD INJURY REHAB - GOAL PLANNING MEETING ", _dt(rng, c))
    d.ln(*pname(rng, p, form="LASTFIRST"), " ", ("ID_MRN", ids.ident(rng, "mrn")), "  ", ("HOSPITAL", places.ward(rng)), ", bed 12")
    d.ln("C6 AIS B after MVC on ", ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)), " near ", ("LOCATION", c.town2), ". ISNCSCI motor 22/100.")
    d.ln("Bowel: suppository alt days. Bladder: SPC. Skin: grade 2 PU sacrum healing. Autonomic dysreflexia education done.")
    d.ln("Goals: independent tenodesis grip; power chair (Quickie), driving assessment at ", ("HOSPITAL", c.hospital2))
    d.ln("Home: ", *address_lines(rng, c)[0], " needs ramp + wet room; OT home visit with ", *rel(rng, c.relatives[0]))
    d.ln("MDT: ", *dr(rng, c.staff[0]), ", ", *dr(rng, c.staff[1], "cred"), ", ", *dr(rng, c.staff[2], "first"), " (OT), ", *dr(rng, c.staff[3], "last"), " (psych)")
    extras(rng, d, c, 1)
    return d


def lymphoedema(rng, c):
    d = Doc(case_for(rng, 0.1, 0.2))
    p = c.patient
    d.ln("Lymphoedema clinic - ", ("HOSPITAL", c.hospital))
    d.ln(*pname(rng, p, form=rng.choice(["full", "title", "lower"])), " ", *age(rng, 0.3))
    d.ln("Post R mastectomy + ANC ", ("YEAR", ids.year_text(rng, rng.randint(2012, 2024))), ". R arm limb volume excess 18% (perometer).")
    d.ln("Stage II ISL. MLD x10 sessions, then class 2 flat-knit sleeve + glove, measured today (Juzo).")
    d.ln("Cellulitis ep ", ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)), " - amoxicillin prophylaxis kit issued.")
    d.ln("Lives in ", ("LOCATION", c.town), ", ", ("LOCATION", c.county), "; ", *rel(rng, c.relatives[0]), " helps w/ garments.")
    d.ln("LN ", *dr(rng, c.staff[0], "cred"), "  next appt ", _dt(rng, c), " 10:30")
    return d


def photo_consent_log(rng, c):
    d = Doc(case_for(rng, 0.2, 0.0))
    d.ln("CLINICAL PHOTOGRAPHY - CONSENT & REQUEST LOG  (", ("HOSPITAL", c.hospital), " Plastic Surgery)")
    d.ln("date       | patient                   | hosp no   | image ids            | consent | photographer")
    for _ in range(rng.randint(3, 5)):
        q = person(rng)
        d.ln(("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)), " | ", *pname(rng, q, form=rng.choice(["last_first", "LASTFIRST", "full"])),
             " | ", ("ID_MRN", ids.ident(rng, "mrn")), " | ", ("ID_PHOTO", ids.ident(rng, "photo")), ", ", ("ID_PHOTO", ids.ident(rng, "photo")),
             " | ", rng.choice(["A,B", "A only", "A,B,C", "declined C"]), " | ", *dr(rng, c.staff[rng.randint(0, 4)], rng.choice(["initials", "last", "userid"])))
    d.ln("Consent levels: A = records, B = teaching, C = publication. Face photos stored in secure PACS only.")
    return d


def gamete_bank(rng, c):
    d = Doc(case_for(rng))
    p = c.patient
    d.ln(("HOSPITAL", c.hospital), " Fertility - Sperm/Egg Bank Donor Intake")
    d.ln("Donor: ", *pname(rng, p, form="full"), "  ", *dob(rng, c), "  Donor code ", ("ID_BIOBANK", ids.ident(rng, "biobank")))
    d.ln("Address: ", *address_lines(rng, c)[0], ", ", ("LOCATION", c.town), "  mob ", ("PHONE", ids.phone(rng, c.locale)))
    d.ln("Screening: HIV/HBV/HCV/HTLV/syphilis neg; CMV IgG neg; karyotype 46,XX; CF carrier screen neg (panel 2023 update).")
    d.ln("Family hx: ", *rel(rng, c.relatives[0]), " T2DM; grandfather died ", str(rng.randint(70, 88)), " MI.")
    d.ln("Straws/vials stored tank 3 canister B, sample ids ", ("ID_BIOBANK", ids.ident(rng, "biobank")), ", ", ("ID_BIOBANK", ids.ident(rng, "biobank")))
    d.ln("Counsellor ", *dr(rng, c.staff[0], "cred"), "; embryologist ", *dr(rng, c.staff[1], "initials"))
    return d


def opo_referral(rng, c):
    d = Doc(case_for(rng, 0.4, 0.1))
    p = c.patient
    d.ln("OPO REFERRAL CALL LOG  ref ", ("ID_ACCOUNT", ids.ident(rng, "account")))
    d.ln("Call rec'd ", _dt(rng, c), " 03:12 from ", *dr(rng, c.staff[0], "cred"), " at ", ("HOSPITAL", c.hospital), " ICU, ", *phone_part(rng, c))
    d.ln("Pt ", *pname(rng, p, form="LASTFIRST"), ", ", *([("AGE", str(rng.randint(90, 96)))] if rng.random() < 0.3 else [str(rng.randint(18, 80))]), " ", "M" if not p.female else "F", ", MRN ", ("ID_MRN", ids.ident(rng, "mrn")))
    d.ln("Anoxic brain injury after cardiac arrest. GCS 3T, on norepinephrine 0.1. Vent FiO2 40% PEEP 5.")
    d.ln("Trigger: plan for withdrawal. Family: ", *rel(rng, c.relatives[0]), " ", ("PHONE", ids.phone(rng, c.locale)), " is NOK.")
    d.ln("Registry check: registered donor (", ("LOCATION", c.town), " DMV). Coordinator ", *dr(rng, c.staff[1], "drfull"), " en route ETA 90 min.")
    d.ln("Blood for serology drawn, tube id ", ("ID_ACCESSION", ids.ident(rng, "accession")))
    return d


def tissue_release(rng, c):
    d = Doc("normal")
    p = c.patient
    d.ln("TISSUE BANK - RELEASE FORM")
    d.ln("Donor: ", *pname(rng, p, form="full"), "   Donor/recovery no: ", ("ID_BIOBANK", ids.ident(rng, "biobank")))
    d.ln("Date of death: ", _dt(rng, c), "   Age at death: ", *([("AGE", str(rng.randint(90, 101)))] if rng.random() < 0.4 else [str(rng.randint(30, 85))]))
    d.ln("Tissues released: corneas x2, femoral heads, skin 0.3 mm split. Recovery at ", ("HOSPITAL", c.hospital), " mortuary.")
    d.ln("Authorisation by ", *rel(rng, c.relatives[0]), ", ", *address_lines(rng, c)[0], ", ", ("LOCATION", c.town))
    d.ln("Released to: ", ("HOSPITAL", c.hospital2), " eye bank. Courier ref CR-88 (Tuesday run).")
    d.ln("Authorised: ", *dr(rng, c.staff[0], "drfull"), ", Medical Director   ", *phone_part(rng, c, "FAX"))
    return d


def interpreter_booking(rng, c):
    d = Doc(case_for(rng, 0.1, 0.0))
    d.ln("Interpreter booking log - ", ("HOSPITAL", c.hospital), " Language Services, week of ", _dt(rng, c))
    d.ln("Booking  | Language   | Patient            | Clinic            | Interpreter        | Time")
    for _ in range(rng.randint(3, 5)):
        q = person(rng)
        d.ln(f"B{rng.randint(1000, 9999)}    | ", rng.choice(["Somali", "Polish", "Mandarin", "Farsi", "Tigrinya", "Punjabi", "BSL", "Portuguese"]),
             " | ", *pname(rng, q, form=rng.choice(["full", "LASTFIRST", "last_first"])), " | ", rng.choice(["Fracture clinic", "Antenatal", "Diabetes", "Renal"]),
             " | ", *dr(rng, person(rng), rng.choice(["last", "first", "lower", "drfull"])), f" | {rng.randint(8, 16):02d}:{rng.choice(['00', '30'])}")
    d.ln("Phone interpreting line ", ("PHONE", ids.phone(rng, c.locale)), ", account code ", ("ID_ACCOUNT", ids.ident(rng, "account")))
    return d


def pals_contact(rng, c):
    d = Doc(case_for(rng, 0.05, 0.1))
    p = c.patient
    d.ln("PALS contact record ", ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)), "  ref PALS/", str(rng.randint(100, 999)))
    d.ln("Caller: ", *rel(rng, c.relatives[0]), " on behalf of ", *pname(rng, p), " (consent on file)")
    d.ln("Contact: ", ("PHONE", ids.phone(rng, c.locale)), " / ", ("EMAIL", ids.email(rng, c.relatives[0].first, c.relatives[0].last)))
    d.ln("Concern: ", *pname(rng, p, form="first"), " waited 9 hrs in ED at ", ("HOSPITAL", c.hospital), " then moved to ", ("HOSPITAL", places.ward(rng)), "; hearing aids lost on transfer.")
    d.ln("Action: spoke to ward manager ", *dr(rng, c.staff[0], rng.choice(["first", "cred", "last"])), "; aids found in property bag. Apology given.")
    d.ln("Outcome: resolved within 5 working days. Officer: ", *dr(rng, c.staff[1], "userid"))
    return d


def volunteer_log(rng, c):
    d = Doc(case_for(rng, 0.0, 0.4))
    d.ln("volunteer service log - ", ("HOSPITAL", c.hospital), " - ", _dt(rng, c))
    for _ in range(rng.randint(3, 5)):
        v, q = person(rng), person(rng)
        d.ln("- ", *pname(rng, v, "CLINICIAN", rng.choice(["first", "full", "lower"])), " (vol) ", rng.choice(["sat with", "read to", "helped w/ lunch for", "wheeled"]),
             " ", *pname(rng, q, form=rng.choice(["title", "first", "lower", "full"])), " (", *age(rng, 0.35), ") in bay ", str(rng.randint(1, 6)), " ", rng.choice(["\U0001f60a", "", "- lovely chat about the war", "- asked for her daughter"]))
    d.ln("- dog therapy (Biscuit) visited ", ("HOSPITAL", places.ward(rng)), " 2-3pm")
    d.ln("coordinator: ", *dr(rng, c.staff[0], "lower"), " ", ("PHONE", ids.phone(rng, c.locale)))
    return d


def discharge_lounge(rng, c):
    d = Doc(case_for(rng, 0.35, 0.0))
    d.ln("DISCHARGE LOUNGE - ", ("HOSPITAL", c.hospital), " - ", _dt(rng, c))
    d.ln("Chair | Patient | Unit no | From | TTOs | Transport | Out")
    for chair in range(1, rng.randint(4, 7)):
        q = person(rng)
        d.ln(f"{chair} | ", *pname(rng, q, form=rng.choice(["LASTFIRST", "last_first", "upper"])), " ", *age(rng, 0.3), " | ", ("ID_MRN", ids.ident(rng, "mrn")), " | ", ("HOSPITAL", places.ward(rng)) if rng.random() < 0.5 else f"Ward {rng.randint(1, 30)}",
             " | ", rng.choice(["ready", "awaiting pharm", "done"]), " | ", rng.choice(["PTS 14:00", "family", "taxi"]), " | ", f"{rng.randint(11, 18)}:{rng.choice(['05', '20', '45'])}")
    d.ln("Lounge RN: ", *dr(rng, c.staff[0], "cred"), "  bleep ", ("PHONE", str(rng.randint(1000, 9999))))
    return d


def compounding(rng, c):
    d = Doc(case_for(rng, 0.3, 0.0))
    p = c.patient
    d.ln("PHARMACY COMPOUNDING WORKSHEET  ", ("HOSPITAL", c.hospital), " Aseptic Unit")
    d.ln("Patient: ", *pname(rng, p, form="LASTFIRST"), "   MRN ", ("ID_MRN", ids.ident(rng, "mrn")), "   Wt 62 kg  BSA 1.68")
    d.ln("Product: morphine 1 mg/mL in NaCl 0.9% 50 mL PCA syringe. Batch 2311-07, exp 72 h. Lot (morphine) 4417XQ.")
    d.ln("Prescriber ", *dr(rng, c.staff[0]), " NPI ", ("ID_NPI", ids.ident(rng, "npi")), "  Order ", _dt(rng, c))
    d.ln("Prepared: ", *dr(rng, c.staff[1], "initials"), "   Checked: ", *dr(rng, c.staff[2], "initials"), "   Released: ", *dr(rng, c.staff[3], "userid"))
    d.ln("Isolator 2, grade A. Final check: volume 50.2 mL, clarity ok, label x2.")
    return d


def home_infusion(rng, c):
    d = Doc(case_for(rng, 0.1, 0.3))
    p = c.patient
    d.ln("Home infusion delivery note - ", ("HOSPITAL", c.hospital2), " Homecare")
    d.ln("Deliver to: ", *pname(rng, p, form=rng.choice(["full", "title"])), " c/o ", *rel(rng, c.relatives[0]))
    for line in address_lines(rng, c):
        d.ln(*line)
    d.ln("Drug: ertapenem 1 g IV daily x 14/7 via PICC (R basilic, 42 cm). Elastomeric devices x7, serial ", ("ID_DEVICE", ids.ident(rng, "device")))
    d.ln("Pump CADD serial ", ("ID_DEVICE", ids.ident(rng, "device")), "; cold chain 2-8C ok. Driver: ", *dr(rng, c.staff[0], "first"), ", van ", ("VEHICLE", ids.vehicle(rng, c.locale)))
    d.ln("Delivered ", _dt(rng, c), " 08:40, signed by ", *rel(rng, c.relatives[1]), ". Queries ", ("PHONE", ids.phone(rng, c.locale)))
    d.ln("Insurance ", ("ID_HEALTHPLAN", ids.healthplan(rng, c.locale)), "  Acct ", ("ID_ACCOUNT", ids.ident(rng, "account")))
    return d


def device_recall(rng, c):
    d = Doc("normal")
    p = c.patient
    for line in address_lines(rng, c):
        d.ln(*line)
    d.ln(("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)))
    d.ln("Dear ", *pname(rng, p, form=rng.choice(["title", "full"])), ",")
    d.ln("URGENT FIELD SAFETY NOTICE - your implanted device")
    d.ln("Our records show you have a dual-chamber pacemaker, serial number ", ("ID_DEVICE", ids.ident(rng, "device")), ", implanted ", ("DATE", ids.date_text(rng, ids.a_date(rng, 2016, 2023), c.locale)), " at ", ("HOSPITAL", c.hospital), ".")
    d.ln("The manufacturer has found that some batteries may deplete early. Please attend a device check; no surgery is needed for most patients.")
    d.ln("Your check: ", _dt(rng, c), " with ", *dr(rng, c.staff[0], "drfull"), ". Remote monitor updates: ", ("URL", ids.url(rng, places.acronym(c.hospital))))
    d.ln("Questions: ", *phone_part(rng, c), " or ", ("EMAIL", ids.email(rng, c.staff[1].first, c.staff[1].last, "devices.example.org")))
    return d


def implant_registry(rng, c):
    d = Doc(case_for(rng, 0.5, 0.0))
    p = c.patient
    d.ln("NATIONAL JOINT/IMPLANT REGISTRY - MDS entry")
    d.ln("Surname: ", ("PATIENT", p.last), "  Forename: ", ("PATIENT", p.first), "  ", *dob(rng, c), "  Postcode: ", ("ZIP", places.postcode(rng, c.locale)))
    d.ln("ID: ", ("ID_HEALTHPLAN", ids.healthplan(rng, c.locale)), "  Unit: ", ("HOSPITAL", c.hospital), "  Op date ", _dt(rng, c))
    d.ln("Procedure: primary THR R, cemented stem (Exeter), cup 52 mm. ASA 2, BMI 31. Approach posterior.")
    d.ln("Components: stem SN ", ("ID_DEVICE", ids.ident(rng, "device")), "; cup SN ", ("ID_DEVICE", ids.ident(rng, "device")), "; cat no 0580-1-441")
    d.ln("Consultant: ", *dr(rng, c.staff[0], "drfull"), " GMC ", ("ID_LICENSE", ids.ident(rng, "license")), "; entered by ", *dr(rng, c.staff[1], "userid"))
    extras(rng, d, c, 1)
    return d


STYLES = {
    "limb_fitting": limb_fitting, "sci_rehab": sci_rehab, "lymphoedema": lymphoedema,
    "photo_consent_log": photo_consent_log, "gamete_bank": gamete_bank, "opo_referral": opo_referral,
    "tissue_release": tissue_release, "interpreter_booking": interpreter_booking, "pals_contact": pals_contact,
    "volunteer_log": volunteer_log, "discharge_lounge": discharge_lounge, "compounding": compounding,
    "home_infusion": home_infusion, "device_recall": device_recall, "implant_registry": implant_registry,
}
