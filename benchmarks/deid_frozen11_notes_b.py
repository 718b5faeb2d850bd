"""Set 11 note kinds, part B: long and messy clinical prose, two languages, several patients."""

from __future__ import annotations

from deid_frozen11_core import Note, family, person, pick, where
from deid_frozen11_kit import D, address, filler, hospital, signature, staff
from deid_frozen11_places import (a_date, accession, biometric, dea, dictation, digits, dob, health_plan, mrn, npi,
                                  phone, photo, plate, town)


def hx_narrative(n: Note) -> None:
    """A long admission history; the patient's name, a town and a relative appear once deep in prose."""
    rng = n.rng
    n.country = where(rng, ["UK", "CA", "AU", "IE"], us=0.83)
    p = person(rng, n.country, wordy=0.12, sex="F")
    rel = family(rng, p, n.country, "F")
    t = town(rng, n.country)[0]
    old = rng.random() < 0.4
    n.line("HISTORY OF PRESENTING ILLNESS")
    n.add(pick(rng, ["This is a ", "Pt is a ", "Very pleasant "]))
    if old:
        n.add(("AGE", str(rng.randint(90, 103))), pick(rng, ["-year-old ", " yo ", " year old "]))
    else:
        n.add(str(rng.randint(34, 88)), "-year-old ")
    n.add(pick(rng, ["retired farmer", "former schoolteacher", "long-distance lorry driver", "widowed seamstress", "ex-miner"]),
          " with a background of ", pick(rng, ["COPD (FEV1 38%)", "T2DM on insulin", "AF on warfarin", "CKD 3b"]),
          f" who presents with {rng.randint(2, 10)} days of worsening breathlessness and a productive cough. ")
    n.add("She was last well around the time of her grandson's wedding, ")
    if rng.random() < 0.5:
        n.add("which was held on ", D(n, a_date(rng, 2025, 2026)), ", ")
    n.add("after which she developed rigors. ")
    filler(n, 2)
    n.add(" The family describe a fall at home the night before admission with a long lie of perhaps four hours; "
          "she was found by her neighbour and the ambulance crew noted a GCS of 14. ")
    n.add("Of note she had a similar admission in ", ("YEAR", str(rng.randint(2016, 2023))), " under ",
          pick(rng, ["Dr ", "Dr. ", "doctor ", ""]), ("CLINICIAN", staff(n).form(rng, "last,full")), " at ", hospital(n),
          " when she required NIV for two days.\n\n")
    n.line("SOCIAL HISTORY")
    n.add("Lives alone in a bungalow in ", ("LOCATION", t), pick(rng, [" with two cats", ", no stairs", " near her church"]),
          ". Her daughter ", ("RELATIVE", rel.form(rng, "first,full")), " visits ", pick(rng, ["daily", "twice a week", "on Sundays"]),
          " and is the main contact (", ("PHONE", phone(rng, n.country)), "). " if rng.random() < 0.7 else ")")
    n.add("Ex-smoker of 40 pack-years, quit when her husband ", ("RELATIVE", person(rng, n.country, sex="M").first),
          " passed away. Drinks a small sherry at Christmas. Independent with ADLs, walks with a stick, ")
    n.add("still drives a little (", pick(rng, ["red Micra", "old Corolla", "Buick"]))
    if rng.random() < 0.35:
        n.add(", reg ", ("VEHICLE", plate(rng, n.country)), ", which the family want kept off the road")
    n.add(").\n\n")
    n.line("COLLATERAL")
    n.add("Spoke to ", ("RELATIVE", rel.form(rng, "first,init,full")), " by phone", pick(rng, [" who confirms", " - confirms", ", confirms"]),
          " she has been more confused for a week and has not been taking her tablets from the dosette box. ")
    n.add(("PATIENT", p.form(rng, "first,last,full")) if rng.random() < 0.8 else "Pt",
          pick(rng, ["'s", ""]), " own view is that she ", pick(rng, ["\"just needs a good rest\"", "does not want to be a burden"]), ". ")
    filler(n, 1)
    n.add("\n\nSystems review otherwise unremarkable. Allergic to penicillin (rash as a child).\n")
    n.line("Clerked by ", ("CLINICIAN", staff(n).form(rng, "full,init")), pick(rng, [", FY1", ", CT2", " (resident)", ", PGY-1"]),
           " bleep ", str(rng.randint(1000, 9999)))


def copyfwd_progress(n: Note) -> None:
    """Progress notes where yesterday's block is copied forward unchanged beneath today's."""
    rng = n.rng
    n.country = where(rng, ["CA", "PH"], us=0.83)
    p = person(rng, n.country, sex="F")
    d = a_date(rng)
    doc = staff(n)
    mrn_no = mrn(rng, n.country)
    age = str(rng.randint(90, 99)) if rng.random() < 0.3 else ""
    yr = str(rng.randint(1998, 2020)) if rng.random() < 0.5 else ""
    block_parts = []
    for k in range(rng.randint(2, 3)):
        dd = (d[0], d[1], min(28, d[2] + k))
        block_parts.append(dd)
    for k, dd in enumerate(reversed(block_parts)):
        n.line(pick(rng, ["PROGRESS NOTE", "Progress Note", "*** Hospitalist Progress Note ***"]), "  ", D(n, dd, "mdy"))
        n.add("Pt: ", ("PATIENT", p.form(rng, "LASTfirst")), "  MRN ", ("ID_MRN", mrn_no), "  HD#", str(len(block_parts) - k))
        n.line("  ", ("AGE", age) if age else "", " yo F" if age else "")
        if yr:
            n.line("PMH: CABG ", ("YEAR", yr), ", AAA repair, HTN.")
        n.line("S: ", pick(rng, ["feels better, ate breakfast", "no events overnight", "c/o back pain 6/10", "slept poorly"]))
        n.line("O: T 37.", str(rng.randint(0, 9)), " HR ", str(rng.randint(60, 110)), " BP ", f"{rng.randint(100, 160)}/{rng.randint(55, 95)}")
        n.line("A/P: CAP, day ", str(rng.randint(2, 5)), " of ceftriaxone/azithro. ", "Dispo: home w/ daughter ",
               ("RELATIVE", family(rng, p, n.country, "F").form(rng, "first,full")), " when afebrile 24h.")
        n.line("-- copied from note of ", D(n, block_parts[0], "mdy_nopad"), " --" if k < len(block_parts) - 1 else "")
        n.line("Dr ", ("CLINICIAN", doc.form(rng, "last,full")), " / pgr ", ("PHONE", phone(rng, n.country)) if rng.random() < 0.4 else "4471")
        if k == 0 and n.country == "US" and rng.random() < 0.6:
            n.line("Discharge Rx e-prescribed (EPCS): oxycodone 5 mg #12 - ", ("CLINICIAN", doc.form(rng, "init")), " DEA ", ("ID_DEA", dea(rng)),
                   " NPI ", ("ID_NPI", npi(rng)))
        n.line()


def asr_clinic_letter(n: Note) -> None:
    """A letter from speech recognition, uncorrected: homophones, spelled-out punctuation, split names."""
    rng = n.rng
    n.country = where(rng, ["UK", "UK", "AU", "NZ", "IE"], us=0.83)
    p, gp, me = person(rng, n.country, wordy=0.15, sex="F"), staff(n), staff(n)
    d = a_date(rng)
    n.line("Dictated: ", D(n, d), "  Typed: ", D(n, (d[0], d[1], min(28, d[2] + 3))), "  Job no ", ("ID_DICTATION", dictation(rng)))
    n.line("Dear doctor ", ("CLINICIAN", gp.form(rng, "last,lower")), " comma")
    n.line()
    n.add("re colon ", ("PATIENT", p.form(rng, "full,lower")), " date of birth ", D(n, dob(rng), pick(rng, ["dth_month", "d_mon_y"])),
          " hospital number ", ("ID_MRN", mrn(rng, n.country)), " new paragraph\n")
    n.add("I saw this ")
    if rng.random() < 0.45:
        n.add(("AGE", str(rng.randint(90, 98))), pick(rng, [" year old ", "-year-old ", " year-old "]))
    n.add(pick(rng, ["pleasant", "present"]), " lady in the ", pick(rng, ["falls", "fools", "false"]), " clinic today full stop ")
    n.add("She was accompanied by her son ", ("RELATIVE", family(rng, p, n.country, "M").form(rng, "first,full")),
          " who tells me she has had ", pick(rng, ["too", "two", "to"]), " falls since ", D(n, a_date(rng), "mon_y"), " full stop ")
    n.add("Her ", pick(rng, ["parkinsons", "Parkinson's", "park instance"]), " is stable on ", pick(rng, ["madopar", "mad a par", "Madopar"]),
          " 125 milligrams four times a day. ")
    filler(n, 1)
    n.add(" She lives at ")
    address(n, sep=" ", end=" ")
    n.add("with her husband ", ("RELATIVE", person(rng, n.country, sex="M").first.lower()), " who is himself unwell. new paragraph\n")
    n.add("I have asked ", pick(rng, ["the fizzy oh", "the physio", "physio"]), " ", ("CLINICIAN", staff(n).form(rng, "first,full")),
          " to see her at home and will review in clinic in three months time full stop\n\n")
    n.line("Yours sincerely")
    n.line()
    signature(n, me, pick(rng, ["Consultant Geriatrician", "Specialty Registrar", "Consultant Physician"]), ids=pick(rng, ["lic", "", "tel"]))
    n.line("cc: ", ("PATIENT", p.form(rng, "init,full")), ", ", ("ADDRESS", f"{rng.randint(1, 99)} {pick(rng, ['Tannery Lane', 'Rimu Road', 'Mill Street'])}"))
    n.line("Transcribed by ", ("CLINICIAN", staff(n).form(rng, "initials")), "/", ("CLINICIAN", me.form(rng, "initials")))


def bilingual_es_clinic(n: Note) -> None:
    rng = n.rng
    n.country = "US"
    p = person(rng, "US")
    p.first, p.last = pick(rng, ["Xiomara", "Itzel", "Rocio", "Araceli", "Yesenia", "Guadalupe"]), pick(rng, ["Zamudio", "Arreola", "Ledesma", "Huerta-Galarza", "de la Cruz"])
    rel = family(rng, p, "US", "M")
    d = a_date(rng)
    n.line(pick(rng, ["Clinica del Valle", "Centro de Salud Comunitario"]), " - ", ("LOCATION", pick(rng, ["Pecos", "Socorro", "Laredo", "Nogales"])), " site  ", D(n, d))
    n.line("Pt: ", ("PATIENT", p.form(rng, "full,lastfirst,lower")), "  DOB ", D(n, dob(rng, rng.random() < 0.15)), "  MRN ", ("ID_MRN", mrn(rng)))
    n.line("Interpreter: not needed, provider bilingual (", ("CLINICIAN", staff(n).form(rng, "full,init")), ")")
    n.add("CC: \"me duele la cabeza desde el ", pick(rng, ["lunes", "sabado", "dia del cumple de mi hija"]), "\", worse w/ light. ")
    n.add("Dice que su esposo ", ("RELATIVE", rel.form(rng, "first,full")), " la trajo, vive en ")
    t = town(rng, "US")
    n.add(("ADDRESS", f"{rng.randint(100, 999)} {pick(rng, ['Calle Ocotillo', 'Mesquite St', 'Camino Real'])}"), ", ",
          ("LOCATION", t[0]), ". ")
    n.add("Toma ibuprofeno 800 mg c/8h \"pero no le hace nada\". Niega fiebre, vomito. ")
    filler(n, 1)
    n.add("\nPlan: sumatriptan 50 mg, cita en 2 semanas (", D(n, (d[0], d[1], min(28, d[2] + 14)), "es"), "). ")
    n.add("Llamar a su hija ", ("RELATIVE", person(rng, "US", sex="F").first), " al ", ("PHONE", phone(rng, "US")), " si empeora.\n")
    if rng.random() < 0.5:
        n.add("Medicaid ", ("ID_HEALTHPLAN", health_plan(rng, "US")[1]), "; ")
    n.line("firma ", ("CLINICIAN", staff(n).form(rng, "full,lastfirst")), ", FNP-C")
    if rng.random() < 0.6:
        n.line("DEA ", ("ID_DEA", dea(rng)), "  NPI ", ("ID_NPI", npi(rng)))


def ofw_peme(n: Note) -> None:
    """Philippine pre-employment medical exam for an overseas worker, English with Tagalog."""
    rng = n.rng
    n.country = "PH"
    p = person(rng, "PH")
    d = a_date(rng)
    n.line(pick(rng, ["ST. LUKE'S OFW CLINIC", "GAMCA ACCREDITED MEDICAL CENTER", "NORTHSTAR DIAGNOSTIC, INC."]), " - PRE-EMPLOYMENT MEDICAL EXAMINATION")
    n.line("Name of examinee: ", ("PATIENT", p.form(rng, "LAST,LASTfirst")), "      Date: ", D(n, d))
    n.add("Address: ")
    address(n)
    n.line("Passport No.: ", ("ID_LICENSE", f"P{digits(rng, 7)}{pick(rng, ['A', 'B'])}"), "   Destination: ", pick(rng, ["KSA", "Qatar", "Taiwan", "Hong Kong", "seafarer - MV Ocean Pearl"]))
    n.line("PhilHealth: ", ("ID_HEALTHPLAN", health_plan(rng, "PH")[1]), "   Cel. no.: ", ("PHONE", phone(rng, "PH")))
    n.line("Photo on file: ", ("ID_PHOTO", photo(rng)), "   Thumbmark ID: ", ("BIOMETRIC", biometric(rng)))
    n.line("Hx: walang sakit sa puso, hindi naninigarilyo, umiinom paminsan-minsan. Tuli na. Nag-TB noong ", ("YEAR", str(rng.randint(2008, 2020))), ", completed DOTS.")
    n.line("CXR: ", pick(rng, ["no active lung lesion", "old healed Koch's, stable"]), "  (film no. ", ("ID_ACCESSION", accession(rng)), ")")
    n.line("HBsAg non-reactive, HIV non-reactive, VDRL NR, pregnancy test n/a. Ishihara 14/14.")
    role, sex = pick(rng, [("asawa", ""), ("nanay", "F"), ("kapatid", ""), ("anak", ""), ("tatay", "M")])
    n.line("Contact in case of emergency: ", ("RELATIVE", family(rng, p, "PH", sex).form(rng, "full,LAST")), " (", role, ") ", ("PHONE", phone(rng, "PH")))
    n.line("FIT TO WORK.  Examining physician: ", ("CLINICIAN", staff(n).form(rng, "full,mid")), ", MD  Lic. No. ", ("ID_LICENSE", f"0{digits(rng, 6)}"))


def asha_diary(n: Note) -> None:
    """An ASHA worker's home-visit diary typed into the block app, English with Hindi words."""
    rng = n.rng
    n.country = "IN"
    d = a_date(rng)
    asha = person(rng, "IN")
    vill = pick(rng, ["Khajuri Kalan", "Rampur Maniharan", "Bhatpura", "Sonkatch", "Pipariya"])
    n.line("ASHA diary - ", ("CLINICIAN", asha.form(rng, "full,lower")), " - village ", ("LOCATION", vill), " - ", D(n, d))
    for _ in range(rng.randint(2, 4)):
        mom = person(rng, "IN", sex="F")
        hus = person(rng, "IN", sex="M")
        hus.last = mom.last
        n.add("* ghar visit: ", ("PATIENT", mom.form(rng, "full,first,lower")), " w/o ", ("RELATIVE", hus.form(rng, "full,first")), ", ")
        n.add(pick(rng, ["9 mahine ki garbhvati", "delivery hui 3 din pehle", "bachcha 6 hafte ka"]), ". ")
        n.add("MCP card no ", ("ID_HEALTHPLAN", f"{digits(rng, 2)}{digits(rng, 10)}"), ". ")
        n.add(pick(rng, ["BP 130/90 - PHC bheja.", "IFA goli 100 di.", "Hb 8.2, doctor ko dikhaya.", "sab theek hai, JSY form bhara."]))
        if rng.random() < 0.5:
            n.add(" Pati ka mobile ", ("PHONE", phone(rng, "IN")), ".")
        n.add("\n")
    n.line("ANM ", ("CLINICIAN", staff(n).form(rng, "full,first")), " ne sign kiya. Next VHND ", D(n, (d[0], d[1], min(28, d[2] + 7)), "dmy2"), ".")
    n.line("Sent to block office, Aadhaar-linked acct ", ("ID_ACCOUNT", f"{digits(rng, 11)}"), " for incentive.")


def za_clinic_afr(n: Note) -> None:
    """A South African clinic note with Afrikaans words and a clinic named after a person."""
    rng = n.rng
    n.country = "ZA"
    p = person(rng, "ZA")
    p.first, p.last = pick(rng, ["Hendrik", "Wessel", "Jaco", "Pieter", "Francois", "Thabo"]), pick(rng, ["van der Merwe", "du Plessis", "Steyn", "Coetzee", "van Rensburg", "le Roux"])
    d = a_date(rng)
    n.line(pick(rng, ["Dr Beyers Naude Clinic", "Ouma Sophie Klinikk", "Kgomotso CHC"]), " - ", D(n, d, pick(rng, ["af", "d_mon_y", "dmy"])))
    n.add("Pasiënt: ", ("PATIENT", p.form(rng, "full,LASTfirst")), "  ID no ", ("SSN", f"{rng.randint(40, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{digits(rng, 7)}"), "  ")
    n.line("Folder ", ("ID_MRN", mrn(rng, "ZA")))
    n.line("Klagte: hoes vir 3 weke, nagsweet, gewigsverlies ~5 kg. Woon by sy ouma ", ("RELATIVE", family(rng, p, "ZA", "F").form(rng, "first,full")), " in ")
    address(n)
    n.line("GeneXpert sputum sent, lab no ", ("ID_ACCESSION", accession(rng)), "; HIV rapid neg (", D(n, d, "dmy2"), ").")
    filler(n, 1)
    n.line()
    n.line("Medical aid: none. Cell ", ("PHONE", phone(rng, "ZA")), " (", pick(rng, ["ma se foon", "own", "neighbour"]), ")")
    n.line("Verpleegkundige ", ("CLINICIAN", staff(n).form(rng, "full,init")), " / Dr ", ("CLINICIAN", staff(n).form(rng, "last")),
           "  SANC ", ("ID_LICENSE", f"{digits(rng, 8)}"))


def night_sister_report(n: Note) -> None:
    """A night nursing report for a whole ward: several patients, beds and consultants."""
    rng = n.rng
    n.country = where(rng, ["UK", "UK", "IE", "NZ", "AU"], us=0.6)
    d = a_date(rng)
    n.line(pick(rng, ["NIGHT REPORT", "Night Sister's Report", "Ward Handover - nights"]), " ", pick(rng, ["Ward 12", "Ainsworth Ward", "Female Medical", "Ward 4B"]),
           " ", hospital(n), "  ", D(n, d))
    n.line("NIC: ", ("CLINICIAN", staff(n).form(rng, "first,full")), "   Bleep holder: ", ("CLINICIAN", staff(n).form(rng, "first,init")))
    for bed in rng.sample(range(1, 29), rng.randint(4, 7)):
        p = person(rng, n.country, wordy=0.1)
        n.add(f"Bed {bed}: ", ("PATIENT", p.form(rng, "full,LAST,lastfirst,first")))
        if rng.random() < 0.4:
            n.add(" (", ("AGE", str(rng.randint(90, 101))), ")")
        n.add(" - ", pick(rng, ["Dr ", "Mr ", "Ms "]), ("CLINICIAN", staff(n).form(rng, "last")), "'s pt. ")
        n.add(pick(rng, ["Settled. NEWS2 1.", "Confused ~0200, wandering, 1:1 started.", "Fell at 0330, no injury, Datix done.",
                         "Pain 4/10, oramorph 5 mg x1.", "NBM from midnight for OGD.", "Sats 89% RA -> 2L NC."]))
        if rng.random() < 0.3:
            n.add(" Son ", ("RELATIVE", family(rng, p, n.country, "M").form(rng, "first")), " rang ", pick(rng, ["twice", "0100", "at 5am"]), ", updated.")
        n.add("\n")
    n.line("Staffing: 1 RN short, bank nurse ", ("CLINICIAN", staff(n).form(rng, "full")), " from ", pick(rng, ["Ward 7", "NHSP", "agency"]), ".")


def lac_health_assessment(n: Note) -> None:
    """A UK looked-after child's initial health assessment: many relatives, a carer, a social worker."""
    rng = n.rng
    n.country = "UK"
    c = person(rng, "UK", wordy=0.1)
    mum, dad, carer = family(rng, c, "UK", "F"), person(rng, "UK", sex="M"), person(rng, "UK")
    n.line("INITIAL HEALTH ASSESSMENT - CHILD LOOKED AFTER (CoramBAAF form IHA-C)")
    n.line("Child: ", ("PATIENT", c.form(rng, "full,LASTfirst")), "  DOB ", D(n, (rng.randint(2010, 2022), rng.randint(1, 12), rng.randint(1, 28))),
           "  NHS No ", ("ID_HEALTHPLAN", health_plan(rng, "UK")[1]))
    n.line("Placement: foster carer ", ("RELATIVE", carer.form(rng, "full,init")), ", ")
    address(n)
    n.line("Social worker: ", ("CLINICIAN", staff(n).form(rng, "full")), ", ", pick(rng, ["Oswestry", "Kendal", "Rotherham"]), " Children's Services, ",
           ("PHONE", phone(rng, "UK")))
    n.add("Birth mother ", ("RELATIVE", mum.form(rng, "full,first")), " (", pick(rng, ["substance misuse", "in prison", "whereabouts unknown"]), "); ")
    n.add("birth father ", ("RELATIVE", dad.form(rng, "full")), " not named on the birth certificate. ")
    n.add("Maternal grandmother ", ("RELATIVE", person(rng, "UK", sex="F").form(rng, "full")), " has contact on alternate Saturdays. ")
    n.add("Half-siblings ", ("RELATIVE", person(rng, "UK").first), " and ", ("RELATIVE", person(rng, "UK").first), " placed separately.\n")
    n.line("Immunisations: up to date except MMR2. Dental: not registered. Strengths & Difficulties Questionnaire 19/40.")
    n.line("Growth: wt 9th centile, ht 25th. Hearing and vision normal (Snellen 6/6).")
    filler(n, 1)
    n.line()
    n.line("Assessed by Dr ", ("CLINICIAN", staff(n).form(rng, "full,init")), ", Designated Doctor LAC, ", hospital(n), ", ", D(n, a_date(rng)))
    if rng.random() < 0.5:
        n.line("Dictated, not checked. Ref ", ("ID_DICTATION", dictation(rng)))


def home_birth(n: Note) -> None:
    rng = n.rng
    n.country = where(rng, ["NZ", "NZ", "UK", "AU"], us=0.5)
    mum = person(rng, n.country, sex="F")
    partner = person(rng, n.country)
    d = a_date(rng)
    n.line("LMC HOME BIRTH RECORD" if n.country == "NZ" else "HOME BIRTH - COMMUNITY MIDWIFERY RECORD")
    n.line("Woman: ", ("PATIENT", mum.form(rng, "full,LASTfirst")), "   ", health_plan(rng, n.country)[0], " ", ("ID_HEALTHPLAN", health_plan(rng, n.country)[1]))
    n.add("Address: ")
    address(n)
    n.line("Partner: ", ("RELATIVE", partner.form(rng, "full,first")), "  mob ", ("PHONE", phone(rng, n.country)))
    if n.country == "NZ":
        n.line("Iwi / ethnicity: ", pick(rng, ["Ngati Porou", "NZ European", "Samoan", "declined"]))
    n.line("Labour onset ", D(n, d), " 0215; SROM 0340 clear liquor; FHR 130-145 intermittent Pinard/doppler.")
    bd = (d[0], d[1], min(28, d[2] + rng.choice([0, 0, 1])))
    n.line("Baby born ", D(n, bd), " at ", f"{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}", " - ", pick(rng, ["girl", "boy"]), " named ",
           ("PATIENT", person(rng, n.country).first + " " + partner.last), ", Apgars 9/10, wt 3", str(rng.randint(100, 990)), " g")
    n.line("Placenta complete (physiological 3rd stage). EBL 300 mL. Perineum intact. Vit K IM given (consent).")
    n.line("2nd midwife ", ("CLINICIAN", staff(n).form(rng, "first,full")), " arrived 0510. Ambulance not needed.")
    n.line("Newborn hearing screen booked at ", hospital(n), "; Guthrie card no. ", ("ID_BIOBANK", f"{digits(rng, 8)}"))
    n.line("LMC: ", ("CLINICIAN", staff(n).form(rng, "full")), " RM, MCNZ ", ("ID_LICENSE", digits(rng, 5)) if n.country == "NZ" else "n/a")


def frozen_section_call(n: Note) -> None:
    rng = n.rng
    n.country = where(rng, ["CA", "SG"], us=0.83)
    p, surg, path = person(rng, n.country), staff(n), staff(n)
    d = a_date(rng)
    n.line("INTRAOPERATIVE CONSULTATION (FROZEN SECTION) - CALL LOG")
    n.line("Case ", ("ID_ACCESSION", accession(rng)), "   Pt ", ("PATIENT", p.form(rng, "LASTfirst,full")), "   MRN ", ("ID_MRN", mrn(rng, n.country)),
           "   OR ", str(rng.randint(1, 18)))
    n.line("Received ", D(n, d, "mdy_nopad" if n.country == "US" else ""), f" {rng.randint(8, 16):02d}:{rng.randint(0, 59):02d}  specimen A: ",
           pick(rng, ["sentinel LN #1", "left thyroid lobe", "pancreatic neck margin", "bile duct margin"]))
    n.line("FS Dx: ", pick(rng, ["NEGATIVE for metastatic carcinoma", "follicular lesion, defer to permanents", "margin free of tumour, closest 3 mm"]))
    n.line("Called to Dr ", ("CLINICIAN", surg.form(rng, "last,full")), " in OR at ext ", str(rng.randint(4000, 7999)), "; read back by circulator ",
           ("CLINICIAN", staff(n).form(rng, "first,full")), ".")
    if rng.random() < 0.4:  # the pager printout wraps at a fixed width, splitting the name over two lines
        n.line("Pathologist on call: ", ("CLINICIAN", path.first), " " * rng.randint(1, 9))
        n.line(("CLINICIAN", path.last), ", MD; resident ", ("CLINICIAN", staff(n).form(rng, "lastinit,init")))
    else:
        n.line("Pathologist: ", ("CLINICIAN", path.form(rng, "full,init")), ", MD; resident ", ("CLINICIAN", staff(n).form(rng, "lastinit,init")))
    if rng.random() < 0.5:
        n.line("Billing: 88331 x1, pathologist NPI ", ("ID_NPI", npi(rng)))
    n.line("Tissue for research biobank: ", ("ID_BIOBANK", f"BB-{digits(rng, 6)}") if rng.random() < 0.6 else "declined", "; photo ", ("ID_PHOTO", photo(rng)) if rng.random() < 0.3 else "none")


def missing_patient_alert(n: Note) -> None:
    rng = n.rng
    n.country = where(rng, ["UK", "AU", "CA", "IE", "NZ"], us=0.83)
    p = person(rng, n.country, wordy=0.12)
    d = a_date(rng)
    n.line("*** MISSING PATIENT - ABSCONSION ALERT ***   ", hospital(n))
    n.add("Name: ", ("PATIENT", p.form(rng, "LASTfirst,full")), "   ")
    if rng.random() < 0.35:
        n.add("Age: ", ("AGE", str(rng.randint(90, 97))), "   ")
    n.line("DOB: ", D(n, dob(rng)), "   ", ("ID_MRN", mrn(rng, n.country)))
    n.line("Last seen: ", D(n, d), f" {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} leaving ", pick(rng, ["Ward 22", "ED cubicle 4", "the smoking shelter"]),
           " in hospital gown and ", pick(rng, ["blue slippers", "grey hoodie", "no shoes"]))
    n.line("Description: approx 5'9\", slim, grey beard, walks w/ frame. Photo: ", ("ID_PHOTO", photo(rng)))
    n.line("Risk: ", pick(rng, ["detained under s2 MHA", "dementia, no capacity", "on IV abx, PICC in situ", "DOLS in place"]))
    n.add("May head to home address ")
    address(n)
    n.add("or to brother ", ("RELATIVE", family(rng, p, n.country, "M").form(rng, "full,first")), " in ", ("LOCATION", town(rng, n.country)[0]), ". ")
    n.line("Has access to a ", pick(rng, ["white Transit van", "blue hatchback", "motorbike"]), " reg ", ("VEHICLE", plate(rng, n.country)), ".")
    n.line("Police informed ", f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}", ". Coordinator: ", ("CLINICIAN", staff(n).form(rng, "full")), " ", ("PHONE", phone(rng, n.country)))


KINDS = (hx_narrative, copyfwd_progress, asr_clinic_letter, bilingual_es_clinic, ofw_peme, asha_diary, za_clinic_afr,
         night_sister_report, lac_health_assessment, home_birth, frozen_section_call, missing_patient_alert)
RECASE = ("hx_narrative", "copyfwd_progress", "asr_clinic_letter", "bilingual_es_clinic", "lac_health_assessment", "night_sister_report", "missing_patient_alert", "frozen_section_call")
