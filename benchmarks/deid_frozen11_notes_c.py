"""Set 11 note kinds, part C: letters and forms of twelve countries, with letterheads."""

from __future__ import annotations

from deid_frozen11_core import Note, family, person, pick, where
from deid_frozen11_kit import D, address, filler, hospital, signature, staff
from deid_frozen11_places import (a_date, accession, biobank, biometric, dea, dictation, digits, dob, email,
                                  health_plan, ip, letters, license_no, mrn, national_id, npi, phone, plate,
                                  town, url, vin)


def letterhead(n: Note, fax: float = 0.8, web: float = 0.75) -> str:
    """Hospital or practice name, address, telephone, fax, e-mail and web site, as letterheads have them."""
    rng = n.rng
    h = hospital(n)
    n.line(h)
    address(n, sep=pick(rng, [", ", "\n"]))
    n.add("Tel ", ("PHONE", phone(rng, n.country)))
    if rng.random() < fax:
        n.add(pick(rng, ["  Fax ", " | Fax: ", "   F: "]), ("FAX", phone(rng, n.country)))
    n.add("\n")
    if rng.random() < web:
        dept = pick(rng, ["referrals", "outpatients", "admin", "medrec", "enquiries"])
        words = [w for w in h[1].replace("'s", "").split() if w[0].isalpha()]
        slug = "".join(w[0] for w in words).lower() if len(words) > 2 else words[0].lower().strip(".")
        dom = {"UK": ".nhs.uk", "AU": ".org.au", "NZ": ".co.nz", "IN": ".in", "ZA": ".co.za", "SG": ".com.sg",
               "NG": ".org.ng", "IE": ".ie", "CA": ".ca"}.get(n.country, ".org")
        n.line(("EMAIL", f"{dept}@{slug}{dom}"), "  ", ("URL", pick(rng, [f"www.{slug}{dom}", f"https://{slug}{dom}/patients"])))
    return h[1]


def nz_acc45(n: Note) -> None:
    rng = n.rng
    n.country = "NZ"
    p = person(rng, "NZ")
    d = a_date(rng)
    n.line("ACC45 INJURY CLAIM FORM  -  claim no. ", ("ID_ACCOUNT", f"{letters(rng, 2)}{digits(rng, 8)}"))
    n.line("1. Patient: ", ("PATIENT", p.form(rng, "LASTfirst,full")), "   NHI ", ("ID_HEALTHPLAN", health_plan(rng, "NZ")[1]), "   DOB ", D(n, dob(rng)))
    n.add("2. Residential address: ")
    address(n)
    n.line("3. Contact: ", ("PHONE", phone(rng, "NZ")), "  email ", ("EMAIL", email(rng, p.first, p.last, "NZ")))
    n.line("4. Date of accident: ", D(n, d), "   Scene: ", pick(rng, ["home - garden", "farm (quad bike)", "rugby club", "workplace - freezing works"]))
    n.line("5. Description: ", pick(rng, ["slipped on wet deck, FOOSH", "quad bike rolled on hill", "tackled, twisted knee", "hand caught in conveyor"]))
    n.line("6. Read code: ", pick(rng, ["S52.5 Colles fracture", "S83.5 ACL sprain", "S61.4 open wound hand"]), "   Employer: ", pick(rng, ["Silver Fern Farms", "self-employed", "Fonterra"]))
    if rng.random() < 0.5:
        n.line("   Vehicle involved: reg ", ("VEHICLE", plate(rng, "NZ")))
    n.line("7. Provider: ", ("CLINICIAN", staff(n).form(rng, "full,init")), "  provider ID ", ("ID_LICENSE", f"{letters(rng, 1)}{digits(rng, 5)}"), "  ", hospital(n))
    n.line("8. I authorise ACC to collect medical information. Signed (patient) ", D(n, d, "dmy"))


def au_gpmp(n: Note) -> None:
    rng = n.rng
    n.country = "AU"
    p = person(rng, "AU")
    gp = staff(n)
    letterhead(n)
    n.line()
    n.line("GP MANAGEMENT PLAN (MBS item 721) and TEAM CARE ARRANGEMENTS (723)")
    n.line("Patient: ", ("PATIENT", p.form(rng, "full,LASTfirst")), "   DOB ", D(n, dob(rng, rng.random() < 0.2)),
           "   Medicare ", ("ID_HEALTHPLAN", health_plan(rng, "AU")[1]))
    n.line("DVA Gold card: ", ("ID_HEALTHPLAN", f"{pick(rng, ['N', 'V', 'Q'])}X{digits(rng, 6)}") if rng.random() < 0.3 else "n/a")
    n.line("Problem | Goal | Actions | Provider")
    n.line("T2DM | HbA1c < 53 | metformin XR 1 g; annual eye check | ", ("CLINICIAN", staff(n).form(rng, "full")), ", optometrist")
    n.line("OA knees | walk 30 min/day | exercise physiology x5 | ", ("CLINICIAN", staff(n).form(rng, "full")), " EP")
    n.line("Feet | no ulcers | podiatry review | ", ("CLINICIAN", staff(n).form(rng, "init")), " (Podiatry, ", ("LOCATION", town(rng, "AU")[0]), ")")
    filler(n, 1)
    n.line()
    role, sex = pick(rng, [("wife", "F"), ("son", "M"), ("daughter-in-law", "F"), ("husband", "M")])
    n.line("Carer: ", ("RELATIVE", family(rng, p, "AU", sex).form(rng, "full")), " (", role, ")")
    n.line("Review date: ", D(n, a_date(rng, 2026, 2027)))
    signature(n, gp, "GP", ids="lic")
    n.line("Prescriber no. ", ("ID_LICENSE", digits(rng, 7)), "   Provider no. ", ("ID_LICENSE", f"{digits(rng, 6)}{letters(rng, 2)}"))


def ie_medical_card(n: Note) -> None:
    rng = n.rng
    n.country = "IE"
    p = person(rng, "IE", sex="F")
    d = a_date(rng)
    letterhead(n)
    n.line()
    n.line(D(n, d, pick(rng, ["dth_month", "d_mon_y"])))
    n.line("Our ref: ", ("ID_DICTATION", dictation(rng)), "/", ("CLINICIAN", staff(n).form(rng, "initials")))
    n.line()
    n.line("RE: ", ("PATIENT", p.form(rng, "full,LAST")), ", DOB ", D(n, dob(rng)), ", PPSN ", ("SSN", national_id(rng, "IE")[1]))
    n.line("GMS (medical card) no. ", ("ID_HEALTHPLAN", f"{digits(rng, 6)}{letters(rng, 1)}"), "  MRN ", ("ID_MRN", mrn(rng, "IE")))
    n.line()
    n.add("Dear Dr ", ("CLINICIAN", staff(n).form(rng, "last")), ",\n\n")
    n.add("I reviewed ", ("PATIENT", p.form(rng, "first,full")), " in the ", pick(rng, ["diabetes", "rheumatology", "COPD outreach"]),
          " clinic today. As you know she is a carer for her mother ", ("RELATIVE", family(rng, p, "IE", "F").form(rng, "full")),
          " at home in ", ("LOCATION", town(rng, "IE")[0]), " and finds the travel to clinic difficult. ")
    filler(n, 2)
    n.add(" I have completed the medical card review form for the HSE and would be grateful if you could support her "
          "application for the Long Term Illness scheme.\n\nIs mise le meas,\n\n")
    signature(n, staff(n), "Consultant", ids=pick(rng, ["lic", "lic"]))
    n.line("cc: patient; Public Health Nurse ", ("CLINICIAN", staff(n).form(rng, "full")))


def sg_polyclinic_memo(n: Note) -> None:
    rng = n.rng
    n.country = "SG"
    p = person(rng, "SG")
    d = a_date(rng)
    n.line(pick(rng, ["Tampines Polyclinic", "Woodlands Polyclinic", "Bukit Batok Polyclinic"]), " - REFERRAL MEMO")
    n.line("To: ", pick(rng, ["SOC Cardiology", "SOC Endocrine", "Eye Centre"]), ", ", hospital(n), "   Priority: ", pick(rng, ["Routine", "Early", "Urgent"]))
    n.line("Patient: ", ("PATIENT", p.form(rng, "LAST,full")), "   NRIC: ", ("SSN", national_id(rng, "SG")[1]), "   Age/Sex: ",
           ("AGE", str(rng.randint(90, 99))) if rng.random() < 0.2 else str(rng.randint(40, 88)), "/", rng.choice("MF"))
    n.line("Contact: ", ("PHONE", phone(rng, "SG")), "   NOK: ", ("RELATIVE", family(rng, p, "SG").form(rng, "full")), " (", ("PHONE", phone(rng, "SG")), ")")
    n.add("Address: ")
    address(n)
    n.line("CHAS card: ", pick(rng, ["Blue", "Orange", "Pioneer Generation", "Merdeka Generation"]), "   Visit no. ", ("ID_ACCOUNT", f"{digits(rng, 2)}{letters(rng, 1)}{digits(rng, 7)}"))
    n.line("Hx: HTN, HLD, ", pick(rng, ["DM since ", "IHD since ", "stroke in "]), ("YEAR", str(rng.randint(2005, 2022))), ". ")
    filler(n, 2, sep="\n")
    n.line()
    n.line("Pls see: ", pick(rng, ["ECG new LBBB", "HbA1c 10.4% despite 3 OHGAs", "VA 6/36 R, ?cataract"]), ". Thank you.")
    n.line("Dr ", ("CLINICIAN", staff(n).form(rng, "full,lastfirst")), "  MCR ", ("ID_LICENSE", license_no(rng, "SG")), "  ", D(n, d, pick(rng, ["dmy", "d_mon_y"])))


def ng_nhia_referral(n: Note) -> None:
    rng = n.rng
    n.country = "NG"
    p = person(rng, "NG", sex="F")
    d = a_date(rng)
    letterhead(n, fax=0.5)
    n.line()
    n.line("NHIA SECONDARY CARE REFERRAL   Authorization code: ", ("ID_ACCOUNT", f"{letters(rng, 3)}/{digits(rng, 6)}/{d[0] % 100}"))
    n.line("Date: ", D(n, d, pick(rng, ["dth_month", "dmy", "d_mon_y"])))
    n.line("Enrollee: ", ("PATIENT", p.form(rng, "LAST,full,lastfirst")), "   NHIA No ", ("ID_HEALTHPLAN", health_plan(rng, "NG")[1]), "   HMO: ",
           pick(rng, ["Hygeia HMO", "AXA Mansard", "Reliance HMO"]))
    n.line("Hosp. No: ", ("ID_MRN", mrn(rng, "NG")), "   Phone: ", ("PHONE", phone(rng, "NG")))
    n.add("Dear Sir/Ma,\nKindly see and manage the above named ", ("AGE", str(rng.randint(90, 96))) if rng.random() < 0.2 else str(rng.randint(20, 75)), "-year-old ", pick(rng, ["trader", "civil servant", "okada rider", "farmer"]),
          " from ", ("LOCATION", town(rng, "NG")[0]), " who presented with ", pick(rng, ["recurrent fever and jaundice", "hemiparesis of 2/7", "painful crises (HbSS)"]), ". ")
    n.add("Her husband Mr ", ("RELATIVE", family(rng, p, "NG", "M").form(rng, "full,init")), " will accompany her. ")
    filler(n, 1)
    n.add("\nThanks for your usual cooperation.\n\n")
    n.line("Dr ", ("CLINICIAN", staff(n).form(rng, "mid,full")), " MBBS, FWACP")
    n.line("MDCN Reg. ", ("ID_LICENSE", license_no(rng, "NG")), "  email ", ("EMAIL", email(rng, staff(n).first, staff(n).last, "NG")))
    if rng.random() < 0.45:
        n.line("Our Ref: ", ("ID_DICTATION", dictation(rng)))


def ca_wsib_form(n: Note) -> None:
    rng = n.rng
    n.country = "CA"
    p = person(rng, "CA")
    d = a_date(rng)
    n.line("WSIB - HEALTH PROFESSIONAL'S REPORT (FORM 8)   Claim # ", ("ID_ACCOUNT", digits(rng, 8)))
    n.line("Worker: ", ("PATIENT", p.form(rng, "LASTfirst,full")), "   SIN ", ("SSN", national_id(rng, "CA")[1]), "   OHIP ", ("ID_HEALTHPLAN", health_plan(rng, "CA")[1]))
    n.add("Address: ")
    address(n)
    n.line("Employer: ", pick(rng, ["Timmins Gold Mine Ltd.", "Northern Pallet Co.", "Sobeys #4412"]), "  tel ", ("PHONE", phone(rng, "CA")))
    n.line("Date of injury: ", D(n, d), "   First seen: ", D(n, (d[0], d[1], min(28, d[2] + 1))))
    n.line("Injury: ", pick(rng, ["low back strain lifting pallet", "crush injury R index finger", "L shoulder rotator cuff tear"]))
    n.line("Functional abilities: no lifting > 10 kg x 2 weeks; modified duties; forklift (unit ", ("VEHICLE", vin(rng)) if rng.random() < 0.4 else "n/a", ") no.")
    filler(n, 1)
    n.line()
    n.line("Health professional: ", ("CLINICIAN", staff(n).form(rng, "full,lastfirst")), "  billing # ", ("ID_LICENSE", digits(rng, 6)), "  ")
    n.line("Fax to WSIB: ", ("FAX", phone(rng, "CA")), "   clinic fax ", ("FAX", phone(rng, "CA")))


def uk_dna_letter(n: Note) -> None:
    rng = n.rng
    n.country = "UK"
    p = person(rng, "UK", wordy=0.12)
    d = a_date(rng)
    letterhead(n)
    n.line()
    n.line("Dictated ", D(n, d, "dmy"), "   Typed ", D(n, (d[0], d[1], min(28, d[2] + 2)), "dmy"), "   Ref ", ("ID_DICTATION", dictation(rng)))
    n.line()
    n.line("Dr ", ("CLINICIAN", staff(n).form(rng, "init,full")), ", ", pick(rng, ["The Surgery", "Tannery Lane Medical Practice", "Health Centre"]))
    n.line()
    n.line("Re: ", ("PATIENT", p.form(rng, "full,LAST,mid")), "  DOB ", D(n, dob(rng)), "  NHS ", ("ID_HEALTHPLAN", health_plan(rng, "UK")[1]))
    n.line()
    n.add("This patient did not attend their appointment on ", D(n, d, pick(rng, ["dth_month", "d_mon_y"])), " in the ",
          pick(rng, ["Respiratory", "Gastroenterology", "Diabetes"]), " clinic. This is the ", pick(rng, ["second", "third"]), " DNA. ")
    n.add("In line with the Trust's Access Policy (2022) we have discharged back to your care. ")
    if rng.random() < 0.5:
        n.add("Our records show a mobile of ", ("PHONE", phone(rng, "UK")), " which was unobtainable; ")
        n.add("the next of kin, ", ("RELATIVE", family(rng, p, "UK").form(rng, "full")), ", could not be contacted. ")
    n.add("If re-referral is required please use e-RS.\n\nYours sincerely\n\n")
    signature(n, staff(n), pick(rng, ["Consultant", "Booking Team Lead", "Clinical Nurse Specialist"]), ids=pick(rng, ["", "lic"]))


def lama_form(n: Note) -> None:
    rng = n.rng
    n.country = "IN"
    p = person(rng, "IN")
    role, sex = pick(rng, [("son", "M"), ("husband", "M"), ("brother", "M"), ("father", "M"), ("daughter", "F"), ("wife", "F")])
    rel = family(rng, p, "IN", sex)
    d = a_date(rng)
    n.line(hospital(n), "  -  DISCHARGE AGAINST MEDICAL ADVICE (LAMA)")
    n.line("IP No: ", ("ID_MRN", mrn(rng, "IN")), "   Bed: ", pick(rng, ["MW-12", "ICU-3", "SW-Pvt 4"]), "   Unit: ", pick(rng, ["Medicine Unit II", "Surgery Unit IV"]))
    n.line("Patient: ", ("PATIENT", p.form(rng, "full,LAST,lower")), "  S/o / D/o / W/o ", ("RELATIVE", person(rng, "IN").form(rng, "full")), "  Age/Sex ",
           str(rng.randint(18, 85)), "/", rng.choice("MF"))
    n.add("Address: ")
    address(n)
    n.line("Aadhaar: ", ("ID_HEALTHPLAN", health_plan(rng, "IN")[1]), "   Mob: ", ("PHONE", phone(rng, "IN")))
    n.line("DOA ", D(n, (d[0], d[1], max(1, d[2] - 3)), "dmy"), "   Date of LAMA ", D(n, d, "dmy"), " at ", f"{rng.randint(1, 12)}:{rng.randint(0, 59):02d} pm")
    n.add("I, ", ("RELATIVE", rel.form(rng, "full,LAST")), ", ", role, " of the patient, am taking the patient home "
          "against the advice of the treating doctors. The risks, including death, have been explained to me in ", pick(rng, ["Hindi", "Marathi", "Kannada", "Malayalam"]),
          " by Dr ", ("CLINICIAN", staff(n).form(rng, "full,init")), ". Reason: ", pick(rng, ["financial", "want to go to native place", "family decision"]), ".\n")
    n.line("Signature / LTI of attendant: ", pick(rng, ["[signed]", "[left thumb impression]"]), "  ", ("BIOMETRIC", biometric(rng)) if rng.random() < 0.4 else "")
    n.line("Witness: ", ("CLINICIAN", staff(n).form(rng, "full")), ", Staff Nurse.   Duty MO: ", ("CLINICIAN", staff(n).form(rng, "init")), " ", ("ID_LICENSE", license_no(rng, "IN")))


def workers_comp_report(n: Note) -> None:
    rng = n.rng
    n.country = "US"
    p = person(rng, "US")
    d = a_date(rng)
    doc = staff(n)
    n.line("EMPLOYER'S FIRST REPORT OF INJURY / PHYSICIAN'S INITIAL REPORT (DWC)")
    n.line("Claim no. ", ("ID_ACCOUNT", f"WC{digits(rng, 8)}"), "   Carrier: ", pick(rng, ["Liberty Mutual", "The Hartford", "state fund"]))
    n.line("Employee: ", ("PATIENT", p.form(rng, "LASTfirst,full")), "   SSN ", ("SSN", national_id(rng, "US")[1]), "   DOB ", D(n, dob(rng)))
    n.add("Home: ")
    address(n)
    n.line("Phone ", ("PHONE", phone(rng, "US")), "   Occupation: ", pick(rng, ["CNA", "roofer", "warehouse picker", "school bus driver"]))
    n.line("Date/time of injury: ", D(n, d), " ", f"{rng.randint(6, 18)}:{rng.randint(0, 59):02d}", "   Company vehicle involved: ",
           ("VEHICLE", plate(rng, "US")) if rng.random() < 0.5 else "no")
    n.line("How: ", pick(rng, ["fell from ladder ~6 ft", "lifting resident without Hoyer", "rear-ended at stop light"]), ". ")
    filler(n, 1)
    n.line()
    n.line("Work status: ", pick(rng, ["off work until re-eval", "light duty 10 lb limit", "full duty"]), "; follow-up ", D(n, (d[0], d[1], min(28, d[2] + 7)), "mdy_nopad"))
    signature(n, doc, "MD", ids="lic,npi,dea")
    n.line("Clinic fax ", ("FAX", phone(rng, "US")))


def specimen_custody(n: Note) -> None:
    rng = n.rng
    n.country = "US"
    p = person(rng, "US")
    d = a_date(rng)
    n.line("FEDERAL DRUG TESTING CUSTODY AND CONTROL FORM - Step 1-5 transcription")
    n.line("Specimen ID: ", ("ID_ACCESSION", f"{digits(rng, 7)}"), "   Lab accession ", ("ID_ACCESSION", accession(rng)))
    n.line("A. Employer: ", pick(rng, ["Tonopah Valley Trucking", "Red Wing Shoe Co.", "City of Sedalia"]), "  DER fax ", ("FAX", phone(rng, "US")))
    n.line("B. MRO: Dr ", ("CLINICIAN", staff(n).form(rng, "full,init")), "  ", ("ADDRESS", f"{rng.randint(100, 999)} {pick(rng, ['W Depot St', 'Quail Run Dr'])}"), ", ",
           ("LOCATION", town(rng, "US")[0]), "  fax ", ("FAX", phone(rng, "US")))
    n.line("C. Donor SSN or Employee ID: ", ("SSN", national_id(rng, "US")[1]))
    if rng.random() < 0.55:
        n.line("   eCCF transmitted from collection site terminal ", ("IP", ip(rng)))
    n.line("D. Reason: ", pick(rng, ["Pre-employment", "Random", "Post-accident", "Reasonable suspicion"]), "   DOT agency: ", pick(rng, ["FMCSA", "FAA", "FTA"]))
    n.line("E. Collection: split; temp in range 32-38 C: Y")
    n.line("Collector: ", ("CLINICIAN", staff(n).form(rng, "full,lastfirst")), "   ", D(n, d), " ", f"{rng.randint(6, 18):02d}:{rng.randint(0, 59):02d}",
           "   courier: ", pick(rng, ["FedEx", "LabOne courier"]))
    n.line("Donor: ", ("PATIENT", p.form(rng, "full,LAST")), "  daytime phone ", ("PHONE", phone(rng, "US")), "  DOB ", D(n, dob(rng)))
    n.line("   CDL no. ", ("ID_LICENSE", f"{letters(rng, 1)}{digits(rng, 8)}"), pick(rng, ["  (photo ID checked)", ""]))
    n.line("MRO verified negative ", D(n, (d[0], d[1], min(28, d[2] + 2)), "mdy"), "; MRO NPI ", ("ID_NPI", npi(rng)))


def biobank_withdrawal(n: Note) -> None:
    rng = n.rng
    n.country = where(rng, ["UK", "AU", "SG", "CA", "ZA"], us=0.83)
    p = person(rng, n.country)
    d = a_date(rng)
    letterhead(n, fax=0.4, web=0.9)
    n.line()
    n.line(D(n, d, pick(rng, ["dth_month", "d_mon_y", "month_d_y"])))
    n.line("Participant: ", ("PATIENT", p.form(rng, "full,mid")), "   Participant ID ", ("ID_BIOBANK", biobank(rng)))
    n.line()
    n.add("Dear ", ("PATIENT", p.form(rng, "full,first")), ",\n\n")
    n.add("Thank you for your letter of ", D(n, a_date(rng), pick(rng, ["dth_month", "d_mon_y", "month_d_y"])), " asking to withdraw from the ",
          pick(rng, ["Cohort Study", "Heart and Genes Biobank", "Regional Cancer Tissue Bank"]), ". ")
    n.add("We have chosen the 'no further use' option: your samples ")
    k = rng.randint(1, 3)
    for i in range(k):
        n.add(("ID_BIOBANK", biobank(rng)), ", " if i < k - 2 else (" and " if i == k - 2 else ""))
    n.add(" will be destroyed and your data removed from future releases. Data already shared in the ",
          ("YEAR", str(rng.randint(2019, 2025))), " release cannot be recalled. ")
    n.add("You can check progress at ", ("URL", url(rng, pick(rng, ["hgbiobank", "regionaltissuebank", "cohortstudy"]))), " with your participant ID.\n\n")
    n.line("Yours sincerely,")
    n.line(("CLINICIAN", staff(n).form(rng, "full")), ", Biobank Manager  ", ("EMAIL", email(rng, staff(n).first, staff(n).last, n.country)))


def milk_bank(n: Note) -> None:
    rng = n.rng
    n.country = where(rng, ["UK", "AU", "IN", "ZA", "CA"], us=0.83)
    donor = person(rng, n.country, sex="F")
    d = a_date(rng)
    n.line(hospital(n), " - DONOR HUMAN MILK BANK  - donor screening & batch record")
    n.line("Donor: ", ("PATIENT", donor.form(rng, "full,LASTfirst")), "   Donor no. ", ("ID_BIOBANK", f"DM-{digits(rng, 5)}"), "   tel ", ("PHONE", phone(rng, n.country)))
    n.line("Serology (HIV, HBV, HCV, HTLV, syphilis) negative ", D(n, d), "; lab no. ", ("ID_ACCESSION", accession(rng)))
    n.line("Own baby ", ("RELATIVE", person(rng, n.country).first + " " + donor.last), " born ", D(n, (d[0], max(1, d[1] - 1), d[2])), " at ", hospital(n))
    n.line("Batch  | pooled from | pasteurised | bacteriology | issued to")
    for _ in range(rng.randint(2, 4)):
        rec = person(rng, n.country)
        n.line(("ID_BIOBANK", f"B{digits(rng, 5)}"), " | 3 donors   | ", D(n, (d[0], d[1], min(28, d[2] + rng.randint(1, 9)))), "  | pre <10^5, post nil | Baby ",
               ("PATIENT", rec.form(rng, "last,LAST")), " NICU cot ", str(rng.randint(1, 30)))
    n.line("Holder pasteuriser SN ", ("ID_DEVICE", device_sn(rng)), "; freezer log download ", ("IP", ip(rng)))
    n.line("Checked: ", ("CLINICIAN", staff(n).form(rng, "full,init")), ", milk bank coordinator")


def device_sn(rng) -> str:
    return f"{letters(rng, 2)}{digits(rng, 6)}"


def refill_request_fax(n: Note) -> None:
    """A pharmacy's faxed refill request for a controlled drug, with the prescriber's answer."""
    rng = n.rng
    n.country = "US"
    p = person(rng, "US")
    doc = staff(n)
    d = a_date(rng)
    n.line("FAX  ", ("DATE", f"{d[1]:02d}/{d[2]:02d}"), f" {rng.randint(7, 20):02d}:{rng.randint(0, 59):02d}", "  FROM: ", ("FAX", phone(rng, "US")), "  P. 1/",
           str(rng.randint(1, 3)))
    n.line(pick(rng, ["Walgreens #", "CVS Pharmacy #", "Hood River Drug #"]), str(rng.randint(1000, 19999)), "  NCPDP ", digits(rng, 7), "  ph ", ("PHONE", phone(rng, "US")))
    n.line("REFILL AUTHORIZATION REQUEST")
    n.line("Patient: ", ("PATIENT", p.form(rng, "LASTfirst,full")), "  DOB ", D(n, dob(rng, rng.random() < 0.15)), "  ph ", ("PHONE", phone(rng, "US")))
    n.line("Rx: ", pick(rng, ["oxycodone-APAP 5/325 #60", "alprazolam 0.5 mg #30", "methylphenidate ER 36 mg #30", "tramadol 50 mg #90"]))
    n.line("Last filled ", D(n, (d[0], max(1, d[1] - 1), d[2]), "mdy_nopad"), "   PDMP checked: Y")
    n.line("Prescriber: ", ("CLINICIAN", doc.form(rng, "full,lastfirst,init")), "  DEA ", ("ID_DEA", dea(rng)), "  NPI ", ("ID_NPI", npi(rng)))
    n.line("To: office fax ", ("FAX", phone(rng, "US")))
    if rng.random() < 0.75:
        n.line("Supervising physician: ", ("CLINICIAN", staff(n).form(rng, "full,init")), "  DEA ", ("ID_DEA", dea(rng)))
    if rng.random() < 0.4:
        n.line("Request online: ", ("URL", url(rng, pick(rng, ["hoodriverdrug", "refillnow", "rxportal"]))))
    n.line("[ ] APPROVED  refills ___   [ ] DENIED - pt needs appt   [ ] NEW RX TO FOLLOW (C-II)")
    n.line("Signed ", ("CLINICIAN", doc.form(rng, "initials,last")), "  ", D(n, d, "mdy_nopad"), "  MA: ", ("CLINICIAN", staff(n).form(rng, "first")))
    n.line("CONFIDENTIALITY: this fax may contain PHI. If received in error call ", ("PHONE", phone(rng, "US")))


KINDS = (nz_acc45, au_gpmp, ie_medical_card, sg_polyclinic_memo, ng_nhia_referral, ca_wsib_form, uk_dna_letter, lama_form,
         workers_comp_report, specimen_custody, biobank_withdrawal, milk_bank, refill_request_fax)
RECASE = ("uk_dna_letter", "workers_comp_report", "refill_request_fax")
OCR = ("refill_request_fax", "specimen_custody", "ca_wsib_form", "ng_nhia_referral")
