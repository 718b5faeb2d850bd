"""Clinic notes of the eighth frozen set, part A: rehab, pain, lactation, growth, adolescent,
sexual health, gender, detox, eating disorders, perinatal mental health, stroke, TIA, EMU, hearing.
"""

from __future__ import annotations

import deid_frozen8_ids as ids
from deid_frozen8_builder import Doc
from deid_frozen8_cast import address_lines, age, case_for, dob, dr, extras, phone_part, pname, rel


def cardiac_rehab(rng, c):
    d = Doc(case_for(rng))
    p, s = c.patient, c.staff
    d.ln("CARDIAC REHAB PHASE II - SESSION ", str(rng.randint(3, 36)), " OF 36")
    d.ln("Pt: ", *pname(rng, p), ", ", *age(rng, 0.4), "   MRN ", ("ID_MRN", ids.ident(rng, "mrn")))
    d.ln("Site: ", ("HOSPITAL", c.hospital), " cardiac rehab gym, bay 3")
    d.ln("Referring cardiologist: ", *dr(rng, s[0]), "  (post PCI to LAD ", ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)), ")")
    d.ln("Resting HR 68, BP 128/76. Borg RPE 13/20. Treadmill 3.2 mph / 4% x 20 min, arm ergometer 10 min.")
    d.ln("No angina. Nitro not used. Bruce protocol stage 2 on entry test per ACC/AHA 2017 guidance.")
    d.ln(*pname(rng, p, form="first"), " says ", *rel(rng, c.relatives[0]), " drives him in from ", ("LOCATION", c.town), " on Mon/Wed/Fri.")
    d.ln("Next session ", ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)), ". Exercise physiologist ", *dr(rng, s[1], "cred"))
    extras(rng, d, c, 1)
    return d


def pain_agreement(rng, c):
    d = Doc(case_for(rng, 0.1, 0.05))
    p, s = c.patient, c.staff
    d.ln(("HOSPITAL", c.hospital), " - Pain Management Service")
    d.ln("CONTROLLED SUBSTANCE (OPIOID) TREATMENT AGREEMENT")
    d.ln("I, ", *pname(rng, p, form="full"), ", ", *dob(rng, c), ", agree to the following:")
    d.ln("1. I will obtain opioid prescriptions only from ", *dr(rng, s[0], "drfull"), " or a covering prescriber.")
    d.ln("2. I will fill at one pharmacy: ", ("HOSPITAL", c.hospital2), " outpatient pharmacy, ", *phone_part(rng, c))
    d.ln("3. Random urine drug screens; pill counts. MME today 60 (oxycodone ER 20 mg BID). Narcan kit given.")
    d.ln("4. Early refills will not be given for lost/stolen medication (police report required).")
    d.ln("PDMP checked ", ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)), ". Prescriber DEA ", ("ID_DEA", ids.ident(rng, "dea")), ", NPI ", ("ID_NPI", ids.ident(rng, "npi")))
    d.ln("Patient signature: ____________  Witness: ", *dr(rng, s[2], "cred"))
    d.ln("Signed ", ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)), "  Copy to patient portal ", ("URL", ids.url(rng, "painclinic")))
    return d


def lactation(rng, c):
    d = Doc(case_for(rng, 0.05, 0.3))
    p, baby = c.patient, c.relatives[1]
    d.ln("lactation consult - postnatal ward ", ("HOSPITAL", c.hospital))
    d.ln("mother ", *pname(rng, p, form=rng.choice(["full", "first", "lower"])), ", G2P2, day 2 post SVD; baby ", ("RELATIVE", baby.first), " born ", ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)), " 03:14, 3.41 kg")
    d.ln("latch: LATCH score 7/10. nipple trauma L side. using nipple shield 24mm (Medela). ", *rel(rng, c.relatives[0]), " present & supportive.")
    d.ln("wt loss 6.2% at 48h. 8 feeds/24h, 4 wet 3 dirty nappies.")
    d.ln("plan: hand expression, EBM top ups 10-15 ml via cup, pump hire from ", ("HOSPITAL", c.hospital2), " (call ", ("PHONE", ids.phone(rng, c.locale)), ")")
    d.ln("f/u community IBCLC ", *dr(rng, c.staff[0], "drfull" if rng.random() < 0.2 else "cred"), " on ", ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)), " at home in ", ("LOCATION", c.town))
    d.ln("- ", *dr(rng, c.staff[1], "initials"))
    extras(rng, d, c, 1)
    return d


def growth_clinic(rng, c):
    d = Doc(case_for(rng))
    p = c.patient
    d.ln("PAEDIATRIC GROWTH CLINIC")
    d.ln("Name: ", *pname(rng, p, form="last_first"), "   Hosp no: ", ("ID_MRN", ids.ident(rng, "mrn")), "   ", *dob(rng, c))
    d.ln("Seen with ", *rel(rng, c.relatives[0]), " and ", *rel(rng, c.relatives[1]))
    d.ln("Height 118.2 cm (0.4th centile), weight 19.8 kg (2nd), mid-parental height 171 cm (25th).")
    d.ln("Bone age (Greulich & Pyle) 5y 6m at CA 7y 1m, read ", ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)), ", acc ", ("ID_ACCESSION", ids.ident(rng, "accession")))
    d.ln("IGF-1 low-normal. Tanner stage 1. Plan GH stimulation test (glucagon) on ", ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)))
    d.ln("Dad's height measured 168 cm; mum reports menarche at 14. Family moved from ", ("LOCATION", c.town2), " in ", ("YEAR", ids.year_text(rng, rng.randint(2015, 2024))))
    d.ln(*dr(rng, c.staff[0], "drfull"), ", Consultant Paediatric Endocrinologist, ", ("HOSPITAL", c.hospital))
    return d


def headss(rng, c):
    d = Doc(case_for(rng, 0.05, 0.2))
    p = c.patient
    d.ln("Adolescent medicine - HEADSS assessment (confidential, seen alone 20 min)")
    d.ln(*pname(rng, p, form=rng.choice(["full", "first", "nick"])), ", 16, ", *dob(rng, c))
    d.ln("H: lives w/ ", *rel(rng, c.relatives[0]), " + 2 sibs in ", ("LOCATION", c.town), ". Dad in ", ("LOCATION", c.town2))
    d.ln("E: yr 11 at the local high school, grades dropped since Xmas. Part-time job at a cafe.")
    d.ln("A: football, TikTok 5h/day. D: vapes daily, alcohol at parties, denies other drugs. CRAFFT 3/6.")
    d.ln("S: sexually active, 1 partner, condoms inconsistently; consented to chlamydia NAAT. S: PHQ-A 11, no SI today.")
    d.ln("Older sister ", ("RELATIVE", c.relatives[2].first), " is main support.")
    d.ln("Safety plan discussed. Review ", ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)), " w/ ", *dr(rng, c.staff[0]))
    d.ln("Crisis line given. Contact mob ", ("PHONE", ids.phone(rng, c.locale)), " (ok to text)")
    return d


def gum_clinic(rng, c):
    d = Doc(case_for(rng, 0.3, 0.1))
    p = c.patient
    d.ln(("HOSPITAL", c.hospital), " Sexual Health / GUM")
    d.ln("Clinic no ", ("ID_MRN", ids.ident(rng, "mrn")), "  (pt gave name as ", *pname(rng, p, form="first"), " only - ok per GUM policy)")
    d.ln("Attends with symptoms 5/7 dysuria. Last UPSI ", ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)), ". MSM, PrEP user (Truvada 200/245 od).")
    d.ln("Tests: GC/CT NAAT x3 sites, HIV 4th gen, syphilis EIA, HCV. Bloods lab no ", ("ID_ACCESSION", ids.ident(rng, "accession")))
    d.ln("Microscopy: GNDC seen -> treat ceftriaxone 1g IM stat. Partner notification: 2 contacts, PN ref PN-4.")
    d.ln("Results by SMS to ", ("PHONE", ids.phone(rng, c.locale)), ". HA: ", *dr(rng, c.staff[0], "cred"), "  Clinician: ", *dr(rng, c.staff[1]))
    return d


def gender_letter(rng, c):
    d = Doc("normal")
    p, s = c.patient, c.staff
    d.ln(("HOSPITAL", c.hospital), " Gender Identity Clinic")
    for line in address_lines(rng, c):
        d.ln(*line)
    d.ln(("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)))
    d.ln("Dear ", *dr(rng, s[1], "dr"), ",")
    d.ln("Re: ", *pname(rng, p, form="full"), " (previously known as ", ("PATIENT", f"{rng.choice(['Michael', 'Rebecca', 'Daniel', 'Hannah'])} {p.last}"), "), ", *dob(rng, c), ", NHS/ID ", ("ID_HEALTHPLAN", ids.healthplan(rng, c.locale)))
    d.ln("I saw ", *pname(rng, p, form="first"), " today for a second assessment. They use they/them pronouns.")
    d.ln("They meet criteria for gender incongruence (ICD-11 HA60). Recommend oestradiol 2 mg od, rising to 4 mg; monitor E2, prolactin, LFTs at 3 months.")
    d.ln("Partner ", ("RELATIVE", c.relatives[0].first), " attended and is supportive.")
    d.ln("Yours sincerely,")
    d.ln(*dr(rng, s[0], "drfull"), ", Consultant, GMC ", ("ID_LICENSE", ids.ident(rng, "license")))
    d.ln("cc: patient, ", *phone_part(rng, c, "FAX"))
    return d


def detox_admission(rng, c):
    d = Doc(case_for(rng, 0.35, 0.05))
    p = c.patient
    d.ln("ADDICTION MEDICINE - DETOX ADMISSION")
    d.ln(*pname(rng, p, form="LASTFIRST"), "  MRN:", ("ID_MRN", ids.ident(rng, "mrn")), "  ADM ", ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)))
    d.ln("Brought by ", *rel(rng, c.relatives[0]), ". ETOH 1L vodka/day x ", str(rng.randint(2, 15)), " yrs, last drink 06:00 today. Hx DTs in ", ("YEAR", ids.year_text(rng, rng.randint(2005, 2022))))
    d.ln("CIWA-Ar 18 -> chlordiazepoxide symptom-triggered; pabrinex IV (thiamine) x3/7. AUDIT 31.")
    d.ln("Prev admits ", ("HOSPITAL", c.hospital2), " x2. Lives alone ", *address_lines(rng, c)[0], ", ", ("LOCATION", c.town))
    d.ln("Keyworker ", *dr(rng, c.staff[0], "cred"), " at ", ("HOSPITAL", c.hospital2), " ", *phone_part(rng, c))
    d.ln("Admitting: ", *dr(rng, c.staff[1]), " / RN ", *dr(rng, c.staff[2], "first"))
    extras(rng, d, c, 1)
    return d


def eating_disorder(rng, c):
    d = Doc(case_for(rng))
    p = c.patient
    d.ln("Eating Disorders Unit - weekly MDT review (", ("HOSPITAL", c.hospital), ", ", ("HOSPITAL", f"{rng.choice(['Larkin', 'Mabel', 'Ottery', 'Sorrel'])} Ward"), ")")
    d.ln("Patient: ", *pname(rng, p), "  MRN ", ("ID_MRN", ids.ident(rng, "mrn")))
    d.ln("Wk 6. Weight 41.3 kg, BMI 15.2 (admission 13.9). MEED: red for HR 44. Meal plan 2400 kcal, 3 snacks.")
    d.ln("Refeeding bloods: PO4 0.72, K 3.6, Mg 0.71. ECG QTc 438.")
    d.ln("Family therapy with ", *rel(rng, c.relatives[0]), " and ", *rel(rng, c.relatives[1]), " on Thursday.")
    d.ln("Leave: day leave to ", ("LOCATION", c.town), " agreed from ", ("DATE", ids.date_range(rng, ids.a_date(rng))))
    d.ln("Present: ", *dr(rng, c.staff[0]), " (cons), ", *dr(rng, c.staff[1], "cred"), ", dietitian ", *dr(rng, c.staff[2], "last"))
    return d


def perinatal_mh(rng, c):
    d = Doc(case_for(rng, 0.05, 0.15))
    p = c.patient
    d.ln("Perinatal Mental Health Team - home visit")
    d.ln(*pname(rng, p, form="full"), ", ", *dob(rng, c), ". Baby ", ("RELATIVE", c.relatives[1].first), " 7 weeks.")
    d.ln("Address: ", *address_lines(rng, c)[0])
    d.ln("EPDS 19 (item 10 = 1). Intrusive thoughts of harm coming to baby, ego-dystonic. No psychotic features.")
    d.ln("Hx bipolar II dx ", ("YEAR", ids.year_text(rng, rng.randint(2008, 2021))), ". Lamotrigine 100mg; breastfeeding - discussed with pharmacy.")
    d.ln(*rel(rng, c.relatives[0]), " on paternity leave until ", ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)))
    d.ln("HV ", *dr(rng, c.staff[0], "first"), " aware. Plan: CPN weekly; MBU bed at ", ("HOSPITAL", c.hospital2), " if deteriorates.")
    d.ln(*dr(rng, c.staff[1], "cred"), " ", ("PHONE", ids.phone(rng, c.locale)))
    return d


def stroke_thrombolysis(rng, c):
    d = Doc(case_for(rng, 0.3, 0.05))
    p = c.patient
    lkw = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    d.ln("STROKE THROMBOLYSIS CHECKLIST  - ", ("HOSPITAL", c.hospital), " HASU")
    d.ln("Patient: ", *pname(rng, p, form="LASTFIRST"), "  NHI/ID ", ("ID_HEALTHPLAN", ids.healthplan(rng, c.locale)), "  Age ", *([("AGE", str(rng.randint(90, 99)))] if rng.random() < 0.5 else [str(rng.randint(40, 89))]))
    d.ln("[x] LKW ", lkw, " on ", ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)), "  [x] NIHSS 14  [x] CT no bleed, ASPECTS 9")
    d.ln("[x] BP < 185/110  [x] glucose 6.8  [ ] anticoagulant - none  [x] weight 78 kg")
    d.ln("Tenecteplase 0.25 mg/kg = 19.5 mg bolus at door-to-needle 31 min. CTA: L M1 occlusion -> transfer for thrombectomy to ", ("HOSPITAL", c.hospital2))
    d.ln("Collateral from ", *rel(rng, c.relatives[0]), " ", *phone_part(rng, c))
    d.ln("Stroke reg ", *dr(rng, c.staff[0]), " bleep ", ("PHONE", str(rng.randint(1000, 9999))), "; nurse ", *dr(rng, c.staff[1], "initials"))
    return d


def tia_clinic(rng, c):
    d = Doc(case_for(rng))
    p = c.patient
    d.ln("TIA Clinic letter - ", ("HOSPITAL", c.hospital))
    d.ln("Dear Dr ", ("CLINICIAN", c.staff[1].last), ", ", ("HOSPITAL", f"{c.town} Medical Practice"))
    d.ln("Re ", *pname(rng, p, form="full"), ", ", *dob(rng, c), " (", ("ID_HEALTHPLAN", ids.healthplan(rng, c.locale)), ")")
    d.ln(*pname(rng, p, form="title"), " (", *age(rng, 0.4), ") had 20 min of R arm weakness and dysphasia on ", ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)), ". ABCD2 5.")
    d.ln("Carotid duplex: 70-79% L ICA stenosis (NASCET). Referred to vascular at ", ("HOSPITAL", c.hospital2), " for CEA.")
    d.ln("Started clopidogrel 300 mg then 75 mg, atorvastatin 80 mg. Advised no driving for 1 month.")
    d.ln("Kind regards, ", *dr(rng, c.staff[0], "drfull"), "  Secretary ", *dr(rng, c.staff[2], "first"), " ext ", ("PHONE", str(rng.randint(2000, 7999))))
    extras(rng, d, c, 1)
    return d


def epilepsy_emu(rng, c):
    d = Doc(case_for(rng, 0.2, 0.1))
    p = c.patient
    d.ln("EPILEPSY MONITORING UNIT - DAY ", str(rng.randint(1, 6)), " ", ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)))
    d.ln(*pname(rng, p), "  ", ("ID_MRN", ids.ident(rng, "mrn")), "  bed 4 (EMU)")
    d.ln("AEDs: levetiracetam tapered 1500 -> 500 mg BID; lacosamide held. Video-EEG 10-20 + T1/T2.")
    d.ln("Event 02:47: pt pressed button, behavioral arrest 40s, R hand automatisms; EEG L temporal rhythmic theta.")
    d.ln(*rel(rng, c.relatives[0]), " at bedside says typical of her spells.")
    d.ln("Seizure precautions, pads up. Ativan 2 mg prn for cluster >3.")
    d.ln("EEG tech ", *dr(rng, c.staff[2], "userid"), "; attending ", *dr(rng, c.staff[0]), "; EEG study ", ("ID_ACCESSION", ids.ident(rng, "accession")))
    return d


def cochlear_fitting(rng, c):
    d = Doc(case_for(rng))
    p = c.patient
    d.ln("Cochlear implant switch-on / mapping - ", ("HOSPITAL", c.hospital), " Hearing Implant Centre")
    d.ln(*pname(rng, p, form="last_first"), "  ", *dob(rng, c), "  ID ", ("ID_MRN", ids.ident(rng, "mrn")))
    d.ln("Implant: R ear, 22-electrode array, serial ", ("ID_DEVICE", ids.ident(rng, "device")), ", processor serial ", ("ID_DEVICE", ids.ident(rng, "device")))
    d.ln("Surgery ", ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)), " by ", *dr(rng, c.staff[0]), ". Impedances normal, all electrodes active.")
    d.ln("Map 1: C-levels 150-180 CL, MAP programs P1-P4. Aided thresholds 25-30 dB HL.")
    d.ln("Hearing aid L: BTE, serial ", ("ID_DEVICE", ids.ident(rng, "device")), ". Came with ", *rel(rng, c.relatives[0]))
    d.ln("Audiologist ", *dr(rng, c.staff[1], "cred"), "  next mapping ", ("DATE", ids.date_text(rng, ids.a_date(rng), c.locale)))
    return d


STYLES = {
    "cardiac_rehab": cardiac_rehab, "pain_agreement": pain_agreement, "lactation": lactation,
    "growth_clinic": growth_clinic, "headss": headss, "gum_clinic": gum_clinic,
    "gender_letter": gender_letter, "detox_admission": detox_admission, "eating_disorder": eating_disorder,
    "perinatal_mh": perinatal_mh, "stroke_thrombolysis": stroke_thrombolysis, "tia_clinic": tia_clinic,
    "epilepsy_emu": epilepsy_emu, "cochlear_fitting": cochlear_fitting,
}
