"""Forms and odd formats of the eighth frozen set, part C: insurance appeals, IME reports, fitness to
drive, fit notes, disability and immigration medicals, aviation/diving medicals, military boards,
police custody, mass-casualty tags, telephone triage, locum notes, handwritten scans, two-column
PDF text, JSON/XML fragments, rota exports and chat with bullets and emoji.
"""

from __future__ import annotations

import json

import deid_frozen8_ids as ids
import deid_frozen8_places as places
from deid_frozen8_builder import Doc, pasted_twice, two_columns
from deid_frozen8_cast import address_lines, age, case_for, dob, dr, extras, person, phone_part, pname, rel

LOCALE_OF = {"dvla_form": "UK", "fit_note": "UK", "nhs111": "UK", "custody_note": "UK",
             "immigration_medical": "IN", "locum_note": "AU"}


def _dt(rng, c):
    return ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale))


def insurance_appeal(rng, c):
    d = Doc("normal")
    p = c.patient
    d.ln(("HOSPITAL", c.hospital), " | ", *address_lines(rng, c)[0])
    d.ln(_dt(rng, c))
    d.ln("Appeals Unit, Claims Review. RE: Level 1 appeal of denial - claim ", ("ID_ACCOUNT", ids.ident(rng, "account")))
    d.ln("Member: ", *pname(rng, p, form="full"), "   Member ID ", ("ID_HEALTHPLAN", ids.healthplan(rng, c.locale)), "   ", *dob(rng, c))
    d.ln("I am writing to appeal the denial of adalimumab (Humira) 40 mg q2w for moderate-severe Crohn's disease (ICD-10 K50.812, CPT 96372).")
    d.ln("Failed: mesalamine 2019-2021 (step therapy per 2018 ACG guideline), azathioprine stopped for pancreatitis in ", ("YEAR", ids.year_text(rng, rng.randint(2019, 2024))), ".")
    d.ln("CDAI 342; colonoscopy ", ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)), " (acc ", ("ID_ACCESSION", ids.ident(rng, "accession")), ") showed deep ulceration.")
    d.ln("Sincerely, ", *dr(rng, c.staff[0], "drfull"), ", MD  NPI ", ("ID_NPI", ids.ident(rng, "npi")), "  ", *phone_part(rng, c), "  ", *phone_part(rng, c, "FAX"))
    return d


def ime_report(rng, c):
    d = Doc("normal")
    p = c.patient
    d.ln("INDEPENDENT MEDICAL EXAMINATION - WORKERS' COMPENSATION")
    d.ln("Claimant: ", *pname(rng, p, form="last_first"), "   Claim no. ", ("ID_ACCOUNT", ids.ident(rng, "account")), "   SSN/ID ", ("SSN", ids.national_id(rng, c.locale)))
    d.ln("Employer: warehouse in ", ("LOCATION", c.town), ". Date of injury ", _dt(rng, c), " - lifting 30 kg box, low back pain.")
    d.ln("Records reviewed: ", ("HOSPITAL", c.hospital), " ED note; MRI L-spine ", ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)), "; PT notes from ", *dr(rng, c.staff[1], "cred"))
    d.ln("Exam: SLR neg bilat, power 5/5, reflexes 2+ symmetric, Waddell 3/5. ROM flexion 60 deg.")
    d.ln("Opinion: MMI reached. 5% WPI per AMA Guides 6th ed. Light duty, no lifting > 10 kg.")
    d.ln("Examiner: ", *dr(rng, c.staff[0], "drfull"), ", license ", ("ID_LICENSE", ids.ident(rng, "license")), "; transcribed ", *dr(rng, c.staff[2], "initials"), "/", ("ID_DICTATION", ids.ident(rng, "dictation")))
    return d


def dvla_form(rng, c):
    d = Doc(case_for(rng, 0.5, 0.0))
    p = c.patient
    d.ln("MEDICAL REPORT - FITNESS TO DRIVE (group 1)")
    d.ln("1. Applicant: ", *pname(rng, p, form="full"), "   ", *dob(rng, c))
    d.ln("2. Address: ", *address_lines(rng, c)[0], ", ", ("LOCATION", c.town), " ", ("ZIP", places.postcode(rng, c.locale)))
    d.ln("3. Driver number: ", ("ID_LICENSE", ids.ident(rng, "license")), "   Vehicle reg: ", ("VEHICLE", ids.vehicle(rng, c.locale)))
    d.ln("4. Condition: first unprovoked seizure ", _dt(rng, c), ". EEG normal, MRI normal. Advised not to drive 6 months.")
    d.ln("5. Visual acuity 6/6 R, 6/9 L (Snellen). Fields full to confrontation.")
    d.ln("6. GP: ", *dr(rng, c.staff[0], "dr"), ", ", ("HOSPITAL", f"{c.town2} Surgery"), "  NHS no ", ("ID_HEALTHPLAN", ids.healthplan(rng, c.locale)))
    d.ln("Signed ", *dr(rng, c.staff[0], "drfull"), " GMC ", ("ID_LICENSE", ids.ident(rng, "license")), " on ", _dt(rng, c))
    return d


def fit_note(rng, c):
    d = Doc(case_for(rng, 0.2, 0.0))
    p = c.patient
    d.ln("Statement of Fitness for Work")
    d.ln("Patient's name: ", *pname(rng, p, form=rng.choice(["title", "full", "upper"])), "   NI no: ", ("SSN", ids.national_id(rng, c.locale)))
    d.ln("I assessed your case on: ", _dt(rng, c), "  and, because of: low back pain with sciatica (L5),")
    d.ln("[x] you may be fit for work taking account of: [x] altered hours [x] amended duties")
    d.ln("This will be the case for ", str(rng.randint(2, 8)), " weeks, from ", ("DATE", ids.date_range(rng, ids.a_date(rng))))
    d.ln("Doctor: ", *dr(rng, c.staff[0], "drfull"), "   ", ("HOSPITAL", f"{c.town} Medical Practice"), ", ", *address_lines(rng, c)[0])
    d.ln("Date of statement: ", _dt(rng, c))
    return d


def disability_report(rng, c):
    d = Doc("normal")
    p = c.patient
    d.ln("Disability benefit - factual medical report (PIP/DLA-style)")
    d.ln("Claimant ", *pname(rng, p, form="LASTFIRST"), "  ref ", ("ID_ACCOUNT", ids.ident(rng, "account")), "  ", *dob(rng, c))
    d.ln("Diagnoses: MS (relapsing-remitting) since ", ("YEAR", ids.year_text(rng, rng.randint(1995, 2020))), "; EDSS 6.0; depression.")
    d.ln("Walks < 20 m with bilateral crutches; needs help from ", *rel(rng, c.relatives[0]), " to shower. Fatigue severity scale 58/63.")
    d.ln("Meds: ocrelizumab 600 mg 6-monthly, baclofen 10 mg tds, sertraline 100 mg.")
    d.ln("Lives ", *address_lines(rng, c)[0], ", ", ("LOCATION", c.town), ", ", ("LOCATION", c.county))
    d.ln("Completed by ", *dr(rng, c.staff[0], "drfull"), ", ", ("HOSPITAL", c.hospital), ", ", *phone_part(rng, c))
    return d


def immigration_medical(rng, c):
    d = Doc(case_for(rng, 0.3, 0.0))
    p = c.patient
    d.ln("IMMIGRATION MEDICAL EXAMINATION  panel clinic: ", ("HOSPITAL", c.hospital))
    d.ln("Applicant ", *pname(rng, p, form="LASTFIRST"), "  passport/ID ", ("SSN", ids.national_id(rng, c.locale)), "  ", *dob(rng, c))
    d.ln("Address: ", *address_lines(rng, c)[0], ", ", ("LOCATION", c.town), " ", ("ZIP", places.postcode(rng, c.locale)))
    d.ln("CXR (PA) ", _dt(rng, c), ": no active TB, ref ", ("ID_ACCESSION", ids.ident(rng, "accession")), ". IGRA neg. HIV neg. Syphilis neg.")
    d.ln("Vaccines: MMR x2, Tdap 2022, varicella immune. Photo match ", ("ID_PHOTO", ids.ident(rng, "photo")), "; fingerprint id ", ("BIOMETRIC", ids.ident(rng, "biometric")))
    d.ln("Panel physician ", *dr(rng, c.staff[0], "drfull"), " reg no ", ("ID_LICENSE", ids.ident(rng, "license")), "  e-mail ", ("EMAIL", ids.email(rng, c.staff[0].first, c.staff[0].last)))
    return d


def aviation_medical(rng, c):
    d = Doc(case_for(rng, 0.3, 0.0))
    p = c.patient
    kind = rng.choice(["CLASS 1 AVIATION MEDICAL", "CLASS 2 AVIATION MEDICAL", "DIVING MEDICAL (COMMERCIAL)"])
    d.ln(kind, " - ", ("HOSPITAL", c.hospital), " AME clinic")
    d.ln("Applicant: ", *pname(rng, p), "  Licence ", ("ID_LICENSE", ids.ident(rng, "license")), "  ", *dob(rng, c))
    d.ln("Flying hours 2,340 / dives logged 410. Previous exam ", _dt(rng, c), ".")
    d.ln("BP 122/80. Audiogram: 20 dB all freq. Spirometry FEV1/FVC 0.81. ECG SR 62 (resting, Bruce not required).")
    d.ln("Colour vision: Ishihara 24/24. Near vision N5. PFO screen not required.")
    d.ln("Assessment: FIT. Valid to ", _dt(rng, c), ". AME ", *dr(rng, c.staff[0], "drfull"), " ", ("EMAIL", ids.email(rng, c.staff[0].first, c.staff[0].last)))
    extras(rng, d, c, 1)
    return d


def military_board(rng, c):
    d = Doc(case_for(rng, 0.6, 0.0))
    p = c.patient
    d.ln("MEDICAL BOARD SUMMARY  (service member)")
    d.ln("Name: ", *pname(rng, p, form="LASTFIRST"), "  Rank SGT  Service no ", ("SSN", ids.national_id(rng, c.locale)))
    d.ln("Unit based near ", ("LOCATION", c.town), ". Deployed ", ("YEAR", ids.year_text(rng, rng.randint(2004, 2021))), "; blast exposure ", ("DATE", ids.date_text(rng, ids.a_date(rng, 2008, 2021), c.locale)))
    d.ln("Conditions: mTBI with PCS, PTSD (PCL-5 52), tinnitus, L knee ACL recon.")
    d.ln("Treating: ", *dr(rng, c.staff[0]), " (", ("HOSPITAL", c.hospital), "), ", *dr(rng, c.staff[1], "cred"), " (psych)")
    d.ln("Profile: P3 permanent. Recommendation: not fit for deployment; refer to board. Spouse ", ("RELATIVE", c.relatives[0].first), " informed.")
    d.ln("Prepared ", _dt(rng, c), " by ", *dr(rng, c.staff[2], "initials"))
    return d


def custody_note(rng, c):
    d = Doc(case_for(rng, 0.2, 0.1))
    p = c.patient
    d.ln("POLICE CUSTODY HEALTHCARE - ", ("LOCATION", c.town), " custody suite, cell ", str(rng.randint(1, 20)))
    d.ln("Detained person: ", *pname(rng, p, form="LASTFIRST"), " custody no ", ("ID_ACCOUNT", ids.ident(rng, "account")), "  ", *dob(rng, c))
    d.ln("Seen ", _dt(rng, c), " 02:15 at request of sgt. Alleged assault; arrested at ", *address_lines(rng, c)[0], ".")
    d.ln("On methadone 60 ml od - confirmed with ", ("HOSPITAL", c.hospital2), " pharmacy (", ("PHONE", ids.phone(rng, c.locale)), "). COWS 6.")
    d.ln("Laceration L hand 2 cm, steristrips. Fit to detain, fit to interview with appropriate adult.")
    d.ln("Next of kin: ", *rel(rng, c.relatives[0]), ". HCP ", *dr(rng, c.staff[0], "cred"), " PIN ", ("ID_LICENSE", ids.ident(rng, "license")))
    return d


def mci_triage(rng, c):
    d = Doc("upper")
    d.ln("MASS CASUALTY TRIAGE TAGS - INCIDENT AT ", ("LOCATION", c.town), " - ", _dt(rng, c))
    for _ in range(rng.randint(4, 6)):
        q = person(rng)
        tag = f"T{rng.randint(10000, 99999)}"
        nm = [*pname(rng, q, form=rng.choice(["LASTFIRST", "upper", "last_first"]))] if rng.random() < 0.7 else ["UNKNOWN MALE"]
        d.ln(tag, " ", rng.choice(["RED", "YELLOW", "GREEN", "BLACK"]), " ", *nm, " ~", *([("AGE", str(rng.randint(90, 97)))] if rng.random() < 0.2 else [str(rng.randint(20, 70))]), " ",
             rng.choice(["RR 32 CRT>2", "WALKING WOUNDED", "GCS 8 HEAD INJ", "# FEMUR"]), " -> ", ("HOSPITAL", rng.choice([c.hospital, c.hospital2, places.acronym(c.hospital)])))
    d.ln("TRIAGE OFFICER ", *dr(rng, c.staff[0], "last"), "  VEHICLE ", ("VEHICLE", ids.vehicle(rng, c.locale)), " CLEARED 17:40")
    return d


def nhs111(rng, c):
    d = Doc(case_for(rng, 0.1, 0.1))
    p = c.patient
    d.ln("Telephone triage (111-style) - call ref ", ("ID_ACCOUNT", ids.ident(rng, "account")), " - ", _dt(rng, c), " 23:52")
    d.ln("Caller: ", *rel(rng, c.relatives[0]), "; patient ", *pname(rng, p), ", ", *([("AGE", ids.words(rng.randint(90, 99)))] if rng.random() < 0.5 else [str(rng.randint(1, 80))]), " ", rng.choice(["yrs", "years old"]))
    d.ln("Callback ", ("PHONE", ids.phone(rng, c.locale)), "; at ", *address_lines(rng, c)[0], ", ", ("ZIP", places.postcode(rng, c.locale)))
    d.ln("Pathway: chest pain. Disposition reached: Cat 2 ambulance. Advised aspirin 300 mg chew if no allergy.")
    d.ln("GP: ", ("HOSPITAL", f"{c.town} {rng.choice(['Surgery', 'Medical Practice', 'Health Centre'])}"), "; NHS number ", ("ID_HEALTHPLAN", ids.healthplan(rng, c.locale)))
    d.ln("Health advisor ", *dr(rng, c.staff[0], "first"), "; clinician ", *dr(rng, c.staff[1], "cred"))
    return d


def locum_note(rng, c):
    d = Doc(case_for(rng, 0.05, 0.45))
    p = c.patient
    d.ln("after hours locum visit ", _dt(rng, c), " 21:40")
    d.ln("pt ", *pname(rng, p, form=rng.choice(["lower", "first", "full"])), " ", *dob(rng, c), " medicare ", ("ID_HEALTHPLAN", ids.healthplan(rng, c.locale)))
    d.ln("addr ", *address_lines(rng, c)[0], " ", ("LOCATION", c.town), " ", ("ZIP", places.postcode(rng, c.locale)))
    d.ln("2/7 fever, cough, pleuritic pain. T 38.6, RR 24, SpO2 93% RA, crackles R base. CRB-65 = 1.")
    d.ln("amoxicillin 1g tds 5/7. safety net given to ", *rel(rng, c.relatives[0]), ". letter to regular GP ", *dr(rng, c.staff[1]), " at ", ("HOSPITAL", c.hospital))
    d.ln("locum dr ", *dr(rng, c.staff[0], "lower"), " provider no ", ("ID_LICENSE", ids.ident(rng, "license")))
    return d


def handwritten_scan(rng, c):
    d = Doc(case_for(rng, 0.1, 0.0))
    p = c.patient
    d.ln("[scanned handwritten note - transcribed; illegible parts marked]")
    d.ln("Pt: ", *pname(rng, p), " ", *age(rng, 0.45), " [illegible] MRN ", ("ID_MRN", ids.ident(rng, "mrn")))
    d.ln("Seen on ward rnd ", _dt(rng, c), ". c/o SOB ++ [illegible] since Tues. Wife ", ("RELATIVE", c.relatives[0].first), " [illegible]")
    d.ln("O/E: bibasal creps, JVP +3, pitting oedema to knees. Wt up 3 kg.")
    d.ln("Plan: IV furosemide 80mg bd, fluid restr 1.5 L, daily wts, U&E am. D/w ", *dr(rng, c.staff[0], "dr"), " [illegible]")
    d.ln("sig: ", *dr(rng, c.staff[1], "initials"), " [illegible] bleep ", ("PHONE", str(rng.randint(1000, 9999))))
    return d


def two_column(rng, c):
    p = c.patient
    left, right = Doc(), Doc()
    left.ln("DISCHARGE LETTER (page 1)")
    left.ln("Patient: ", *pname(rng, p, form="full"))
    left.ln(*dob(rng, c))
    left.ln("Hosp no ", ("ID_MRN", ids.ident(rng, "mrn")))
    left.ln("Admitted ", _dt(rng, c))
    left.ln("Consultant ", *dr(rng, c.staff[0], "dr"))
    right.ln(("HOSPITAL", c.hospital))
    right.ln(*address_lines(rng, c)[0])
    right.ln(("LOCATION", c.town), " ", ("ZIP", places.postcode(rng, c.locale)))
    right.ln(*phone_part(rng, c))
    right.ln(*phone_part(rng, c, "FAX"))
    d = two_columns(left, right, width=rng.randint(38, 48))
    d.ln("Dx: community-acquired pneumonia, CURB-65 2. Co-amoxiclav 5/7. Follow-up CXR 6 weeks.")
    return d


def json_xml(rng, c):
    d = Doc("normal")
    p = c.patient
    if rng.random() < 0.5:
        d.ln("Integration error log - payload follows:")
        d.ln('{"patient": {"name": "', ("PATIENT", f"{p.last}, {p.first}"), '", "mrn": "', ("ID_MRN", ids.ident(rng, "mrn")), '", "dob": "', ("DATE", ids.a_date(rng, 1925, 2010).isoformat()), '"},')
        d.ln(' "order": {"code": "CPT 71046", "accession": "', ("ID_ACCESSION", ids.ident(rng, "accession")), '", "by": "', *dr(rng, c.staff[0], "userid"), '"},')
        d.ln(' "client_ip": "', ("IP", ids.ip(rng)), '", "status": 422}')
    else:
        d.ln("<!-- referral export -->")
        d.ln("<Referral><Patient><Family>", ("PATIENT", p.last), "</Family><Given>", ("PATIENT", p.first), "</Given>")
        d.ln("<Id type=\"MRN\">", ("ID_MRN", ids.ident(rng, "mrn")), "</Id><Phone>", ("PHONE", ids.phone(rng, c.locale)), "</Phone></Patient>")
        d.ln("<Facility>", ("HOSPITAL", c.hospital), "</Facility><Sent>", ("DATE", ids.a_date(rng).isoformat()), "T10:22:00Z</Sent>")
        d.ln("<Endpoint>", ("URL", ids.url(rng, places.acronym(c.hospital2))), "</Endpoint><Host>", ("IP", ids.ip(rng)), "</Host></Referral>")
    d.ln("Free text: ", *pname(rng, p, form="first"), " refused the 2nd dose; retry ", json.dumps("Mon")[1:-1], ".")
    return d


def rota_export(rng, c):
    d = Doc(case_for(rng, 0.0, 0.0))
    d.ln("BEGIN:VCALENDAR")
    for _ in range(rng.randint(3, 5)):
        s = person(rng)
        dd = ids.a_date(rng)
        d.ln("SUMMARY:", rng.choice(["On call", "Night SHO", "Clinic", "Theatre list"]), " - ", *pname(rng, s, "CLINICIAN", rng.choice(["full", "last_first", "initial"])))
        d.ln("DTSTART:", ("DATE", f"{dd.year}{dd.month:02d}{dd.day:02d}"), "T0800  LOCATION:", ("HOSPITAL", rng.choice([c.hospital, places.ward(rng)])))
        d.ln("ORGANIZER:mailto:", ("EMAIL", ids.email(rng, s.first, s.last, "rota.example.org")))
    d.ln("END:VCALENDAR")
    d.ln("rota swaps: ", *dr(rng, c.staff[0], "first"), " <-> ", *dr(rng, c.staff[1], "first"), " (bank holiday Monday, Easter)")
    return d


def emoji_chat(rng, c):
    d = Doc(case_for(rng, 0.0, 0.6))
    p = c.patient
    d.ln("\u2022 ", *dr(rng, c.staff[0], "handle"), ": bed 7 ", *pname(rng, p, form=rng.choice(["first", "lower", "poss"])), " sats dropped to 88 \U0001f62c")
    d.ln("\u2022 ", *dr(rng, c.staff[1], "handle"), ": on it, 2L NC. ", *rel(rng, c.relatives[0]), " asking for update \U0001f4de ", ("PHONE", ids.phone(rng, c.locale)))
    d.ln("\u2022 ", *dr(rng, c.staff[0], "handle"), ": ABG 7.31/6.8/8.2 \u2192 call ", *dr(rng, c.staff[2], "dr"), " \U0001f44d")
    d.ln("\u25aa pt came from ", ("HOSPITAL", c.hospital2), " ", _dt(rng, c), " \u2705 MRN ", ("ID_MRN", ids.ident(rng, "mrn")))
    base = d
    return pasted_twice(base) if rng.random() < 0.3 else base


STYLES = {
    "insurance_appeal": insurance_appeal, "ime_report": ime_report, "dvla_form": dvla_form,
    "fit_note": fit_note, "disability_report": disability_report, "immigration_medical": immigration_medical,
    "aviation_medical": aviation_medical, "military_board": military_board, "custody_note": custody_note,
    "mci_triage": mci_triage, "nhs111": nhs111, "locum_note": locum_note, "handwritten_scan": handwritten_scan,
    "two_column": two_column, "json_xml": json_xml, "rota_export": rota_export, "emoji_chat": emoji_chat,
}
