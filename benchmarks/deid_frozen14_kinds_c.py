"""Set 14, kinds C: forms of other countries, several of them in two languages (diabetic-eye grading exports,
Centrelink certificates, Singapore MC checks, Kenyan MCH handbooks, South African chronic-medicine slips,
Indian ESIC certificates, Malaysian clinic cards, Ghanaian NHIS claims, Philippine animal-bite cards, Irish
waiting-list letters, New Zealand PHO enrolments, hospital feedback comments)."""

from __future__ import annotations

from deid_frozen14_core import Ctx, Note


def _t(c: Ctx) -> str:
    return f"{c.r.randint(0, 23):02d}:{c.r.randint(0, 59):02d}"


def desp_grading_export(c: Ctx, n: Note) -> None:
    n("Diabetic Eye Screening Programme - grading export (OptoMize 5.3)\nProgramme: ", ("HOSPITAL", c.hospital()),
      " DESP   exported ", ("DATE", c.date(style="iso")), "\n\n")
    n("Clinic session ", ("DATE", c.date(style="num")), ", ", c.pick(["mobile unit", "GP surgery", "optometrist"]), "\n")
    n("NHS No\tSurname\tForename\tDOB\tR\tM\tP\tOutcome\tImage set\n")
    for _ in range(c.r.randint(3, 6)):
        p = c.person()
        n(("ID_HEALTHPLAN", c.plan_id()), "\t", ("PATIENT", p[1].upper()), "\t", ("PATIENT", p[0]), "\t",
          ("DATE", c.date(c.dob(), "num")), "\t", c.pick(["R0", "R1", "R2", "R3A"]), "\t",
          c.pick(["M0", "M1"]), "\t", c.pick(["P0", "P1"]), "\t", c.pick(["12/12 recall", "refer HES routine", "refer urgent",
                                                                              "ungradable - slit lamp"]), "\t", ("ID_PHOTO", c.photo()), "\n")
    n("\nSecond grader: ", ("CLINICIAN", c.name(c.staff(), "il")), "; arbitration ", ("CLINICIAN", c.name(c.staff(), "il")), "\n")


def au_centrelink_cert(c: Ctx, n: Note) -> None:
    p, gp = c.person(), c.staff()
    ds = c.seq(3, "num", (3, 60))
    n("Services Australia\nSU415 MEDICAL CERTIFICATE\n\nCustomer name: ", ("PATIENT", c.name(p, "fl")), "\nCRN: ",
      ("ID_ACCOUNT", f"{c.digits(3)} {c.digits(3)} {c.digits(3)}{c.pick('ABCHJKLMX')}"), "\nDate of birth: ",
      ("DATE", c.date(c.ymd(1961, 2004), "num")), "\nMedicare no: ", ("ID_HEALTHPLAN", c.plan_id()), "\nAddress: ")
    c.address_line(n)
    n("\n\nMedical condition: ", c.pick(["lumbar disc prolapse L4/5 with sciatica", "major depressive episode",
                                         "post-op R total knee replacement"]), "\nDate of onset: ", ("DATE", ds[0]),
      "\nThe person is unable to work 15 or more hours per week from ", ("DATE", ds[1]), " to ",
      ("DATE", ds[2]), "\n\nDoctor: ", ("CLINICIAN", c.name(gp, "fl")), "  provider no. ",
      ("ID_LICENSE", f"{c.digits(6)}{c.pick('ABHJKLTW')}{c.pick('ABCDEFGH')}"), "\nPractice: ", ("HOSPITAL", c.hospital()),
      "   ph ", ("PHONE", c.phone()), "   fax ", ("FAX", c.phone()), "\n")


def sg_mc_verification(c: Ctx, n: Note) -> None:
    p = c.person()
    ds = c.seq(3, "long", (1, 2))
    n("MEDICAL CERTIFICATE (MC) - verification result\nQuery from HR portal ", ("IP", c.ip()), " on ", ("DATE", ds[2]), "\n\n")
    n("Name: ", ("PATIENT", c.name(p, "FL")), "\nNRIC/FIN: ",
      ("SSN", c.national_id() if c.chance(0.5) else f"XXXXX{c.digits(3)}{c.letters(1)}"), "\nUnfit for duty: ",
      ("DATE", ds[0]), " to ", ("DATE", ds[1]), " (2 days)\n")
    n("Issued by: Dr ", ("CLINICIAN", c.name(c.staff(), "FL")), " (MCR ", ("ID_LICENSE", c.license()), ")\nClinic: ",
      ("HOSPITAL", c.hospital()), "\nStatus: VALID - matches clinic record\nVerify link: ", ("URL", c.url("mc")), "\n")
    if c.chance(0.4):
        n("Remarks: employee's father ", ("RELATIVE", c.name(c.person(), "FL")), " also seen same day (childcare leave separate)\n")


def ke_mch_handbook(c: Ctx, n: Note) -> None:
    mum, chw = c.person(sex="F"), c.staff()
    lmp, edd = c.seq(2, "num", (280, 280))
    n("MOTHER & CHILD HEALTH HANDBOOK - Kitabu cha Afya ya Mama na Mtoto\n\nJina la mama (mother's name): ",
      ("PATIENT", c.name(mum, "fl")), "\nANC No: ", ("ID_MRN", c.mrn()), "   SHA No: ", ("ID_HEALTHPLAN", c.plan_id()),
      "\nFacility: ", ("HOSPITAL", c.hospital()), "\nKijiji/Village: ", ("LOCATION", c.town()), "   simu: ", ("PHONE", c.phone()), "\n")
    n("Husband/partner: ", ("RELATIVE", c.name(c.person(sex="M"), "fl")), "\nLMP ", ("DATE", lmp), "  EDD ",
      ("DATE", edd), "  Gravida 3 Para 2+0\n\n")
    n("Visit  date         GA   BP      Hb    remarks\n")
    k = c.r.randint(2, 4)
    for k, d in zip(range(1, k + 1), c.seq(k, "num", (21, 42))):
        n(f"ANC{k}   ", ("DATE", d), f"   {12 + 8 * k}   {c.r.randint(100, 135)}/{c.r.randint(60, 88)}   "
          f"{c.r.randint(90, 125) / 10}  ", c.pick(["IFAS given", "LLIN imepewa", "TT2 given", "HIV neg, PMTCT counselled",
                                                     "mama anaumwa kichwa, BP ok"]), "\n")
    n("\nCHV: ", ("CLINICIAN", c.name(chw, "f")), " - atamtembelea nyumbani wiki ijayo (home visit next week)\n")


def za_ccmdd_slip(c: Ctx, n: Note) -> None:
    p = c.person()
    n("CCMDD - CHRONIC MEDICINE COLLECTION SLIP\nPatient: ", ("PATIENT", c.name(p, c.pick(["FL", "fl"]))), "   ID no: ",
      ("SSN", c.national_id()), "\nFolder: ", ("ID_MRN", c.mrn()), "   Cell: ", ("PHONE", c.phone()), "\n")
    n("Clinic: ", ("HOSPITAL", c.hospital()), "\nPick-up point: ", c.pick(["Clicks", "Dis-Chem", "church hall PuP", "spaza PuP"]),
      ", ", ("ADDRESS", c.street()), ", ", ("LOCATION", c.town()), "\n")
    n("Next collection: ", ("DATE", c.date(style="iso")), "\n")
    n("Meds: TLD 1 dly (dolutegravir/lamivudine/tenofovir), amlodipine 10mg, HCTZ 12.5mg\nVL < 50 copies ", ("DATE", c.date(style="num")),
      "\n")
    n("Nota: pasiënt kon nie self kom nie - broer ", ("RELATIVE", c.name(c.person(sex="M"), "f")), " het die pakkie afgehaal, ",
      "ID gesien. Dankie, ", ("CLINICIAN", c.name(c.staff(), "f")), " (pharm asst)\n")


def in_esic_certificate(c: Ctx, n: Note) -> None:
    p, doc = c.person(), c.staff()
    n("EMPLOYEES' STATE INSURANCE CORPORATION\nForm ESIC-", c.pick(["8", "9", "10"]), "  MEDICAL CERTIFICATE\n\n")
    n("Insured Person: ", ("PATIENT", c.name(p, c.pick(["fl", "FL"]))), "\nIP No.: ", ("ID_HEALTHPLAN", c.digits(10)),
      "   Aadhaar: ", ("SSN", c.national_id()), "\nEmployer: ", c.pick(["M/s Sri Lakshmi Textiles", "Apex Auto Components",
                                                                       "Deccan Granites Pvt Ltd"]), "\nDispensary: ", ("HOSPITAL", c.hospital()),
      "\n")
    n("Diagnosis: ", c.pick(["crush injury R index finger (machine)", "acute gastroenteritis", "# L fibula - RTA"]), "\n")
    if c.chance(0.5):
        n("RTA: two-wheeler ", ("VEHICLE", c.plate()), " hit from behind near ", ("LOCATION", c.town()), " bus stand\n")
    ds = c.seq(2, gap=(3, 21))
    n("Unfit from ", ("DATE", ds[0]), " to ", ("DATE", ds[1]), "\nPatient ne bataya ki pichhle hafte se dard hai, "
      "davai lene ke baad aaram hai. Biometric auth ", ("BIOMETRIC", c.biometric()), " ok.\nPhoto ref: ", ("ID_PHOTO", c.photo()),
      "\n\nIMO: Dr ", ("CLINICIAN", c.name(doc, "fl")), "  Reg ", ("ID_LICENSE", c.license()), "\n")


def my_klinik_card(c: Ctx, n: Note) -> None:
    p, dr = c.person(), c.staff()
    n("KAD RAWATAN PESAKIT LUAR / OUTPATIENT CARD\n", ("HOSPITAL", c.hospital()), "\n\nNama: ", ("PATIENT", c.name(p, "fl").upper()),
      "\nNo. K/P (MyKad): ", ("SSN", c.national_id()), "\nNo. RN: ", ("ID_MRN", c.mrn()), "\nAlamat: ")
    c.address_line(n)
    n("\nTel: ", ("PHONE", c.phone()), "\n\n")
    for _ in range(c.r.randint(2, 3)):
        n(("DATE", c.date(style="num")), "  ", c.pick(["DM on OHA, FBS 8.2, HbA1c 8.9%. Nasihat diet.", "Demam 3 hari, dengue NS1 -ve, FBC ok.",
                                                      "BP 158/94, tambah amlodipine 5mg OD", "Batuk kering, CXR clear"]),
          " /", ("CLINICIAN", c.name(dr, "ini")), "\n")
    n("Pengesahan cap jari (thumbprint verify): ", ("BIOMETRIC", c.biometric()), "\n")


def gh_nhis_claim(c: Ctx, n: Note) -> None:
    p = c.person()
    n("NATIONAL HEALTH INSURANCE SCHEME - CLAIM FORM\nFacility: ", ("HOSPITAL", c.hospital()), "\n\nSurname: ",
      ("PATIENT", p[1].upper()), "   Other names: ", ("PATIENT", p[0]), "\nNHIS No: ", ("ID_HEALTHPLAN", c.plan_id()),
      "   Ghana Card: ", ("SSN", c.national_id()), "\nCC (claim check code): ", ("ID_ACCOUNT", c.digits(5)), "\nDate of attendance: ",
      ("DATE", c.date()), "   OPD No: ", ("ID_MRN", c.mrn()), "\n")
    n("Member verified by fingerprint ", ("BIOMETRIC", c.biometric()), " - photo ", ("ID_PHOTO", c.photo()), "\n")
    n("Diagnosis: uncomplicated malaria (B54), G-DRG OPDC06A; RDT positive\nMeds: artemether-lumefantrine 80/480 x6, paracetamol\n")
    if c.chance(0.5):
        n("Okada accident, motorbike ", ("VEHICLE", c.plate()), " - referred for X-ray\n")
    n("Prescriber: ", ("CLINICIAN", c.name(c.staff(), "fl")), " (", ("ID_LICENSE", c.license()), ")   Claims officer: ",
      ("CLINICIAN", c.name(c.staff(), "il")), "\nPatient said 'me ho ye' (I'm fine) at review.\n")


def ph_abtc_card(c: Ctx, n: Note) -> None:
    p = c.person()
    n("ANIMAL BITE TREATMENT CENTER - ", ("HOSPITAL", c.hospital()), "\nPatient card\n\nName: ", ("PATIENT", c.name(p, "Lf")),
      "   Age/Sex: ", c.pick(["9/M", "34/F", "62/M", "15/F"]), "\nAddress: ", ("ADDRESS", c.street()), ", ", ("LOCATION", c.town()),
      "\nContact: ", ("PHONE", c.phone()), "   PhilHealth: ", ("ID_HEALTHPLAN", c.plan_id()), "\n")
    n("Date of exposure: ", ("DATE", c.date(style="long")), "   Category III (dog, unprovoked, may dugo)\n")
    n("Biting animal: aso ng kapitbahay, observed for 14 days - buhay pa ang aso\n")
    ds = c.seq(3, "num", (3, 4))
    n("PVRV ID schedule: D0 ", ("DATE", ds[0]), "  D3 ", ("DATE", ds[1]), "  D7 ",
      ("DATE", ds[2]), "\nERIG given, skin test neg. Wound washed 15 min with soap.\n")
    n("Accompanied by nanay ", ("RELATIVE", c.name(c.person(sex="F"), "f")), ". Nurse on duty: ", ("CLINICIAN", c.name(c.staff(), "fl")), "\n")


def ie_hse_waiting_list(c: Ctx, n: Note) -> None:
    p, ad = c.person(), c.staff()
    n(("HOSPITAL", c.hospital()), "\nScheduled Care - Waiting List Validation\n\n", ("DATE", c.date(style="long")), "\n\n",
      ("PATIENT", c.name(p, "fl")), "\n")
    c.address_line(n, sep=",\n")
    n("\n\nDear ", ("PATIENT", c.name(p, "l")) if c.chance(0.5) else ("PATIENT", p[0]), ",\n\nYou are on the waiting list for ",
      c.pick(["an outpatient appointment in Orthopaedics", "cataract surgery (R eye)", "a colonoscopy"]), " since ",
      ("DATE", c.date(style="long")), " (MRN ", ("ID_MRN", c.mrn()), "). Please tell us if you still need this. "
      "Return the form in the freepost envelope or phone ", ("PHONE", c.phone()), " quoting ref ", ("ID_ACCOUNT", c.account()), ".\n")
    n("If we do not hear from you in 4 weeks you may be removed and your GP, Dr ", ("CLINICIAN", c.name(c.staff(), "l")),
      ", informed.\n\nIs mise le meas,\n", ("CLINICIAN", c.name(ad, "fl")), "\nWaiting List Office   fax ", ("FAX", c.phone()), "\n")


def nz_pho_enrolment(c: Ctx, n: Note) -> None:
    p = c.person()
    n("PHO ENROLMENT FORM - ", ("HOSPITAL", f"{c.town()} {c.pick(['Medical Centre', 'Family Health', 'Health Centre'])}"),
      "\n\nNHI: ", ("ID_MRN", c.mrn()), "\nSurname: ",
      ("PATIENT", p[1]), "   Given names: ", ("PATIENT", p[0]), "\nDOB: ", ("DATE", c.date(c.dob(), "num")),
      "   Ethnicity: ", c.pick(["NZ Maori", "Samoan", "NZ European", "Tongan"]), "\nIwi: ", c.pick(["Ngapuhi", "Ngati Porou", "-", "Tuhoe"]),
      "\nResidential address: ")
    c.address_line(n)
    n("\nMobile: ", ("PHONE", c.phone()), "   Email: ", ("EMAIL", c.email(p)), "\n")
    n("Previous practice: ", ("HOSPITAL", c.hospital()), "\nEmergency contact: ", ("RELATIVE", c.name(c.person(), "fl")),
      " (whaea)\nI intend to use this practice as my regular and continuing provider. Signed ", ("DATE", c.date(style="num")), "\n")


def fft_comments(c: Ctx, n: Note) -> None:
    n("Friends and Family Test - free-text comments, ", c.pick(["Ward 12", "Maternity", "Outpatients", "A&E"]), ", ",
      ("HOSPITAL", c.hospital()), "\nextract ", ("DATE", c.date()), " (survey link ", ("URL", c.url("fft")), ")\n\n")
    for _ in range(c.r.randint(3, 5)):
        s = c.staff()
        n("- ", c.pick(["5 Very good", "4 Good", "2 Poor", "5 Very good"]), ": ")
        n(c.pick(["The nurse ", "A big thank you to ", "Staff nurse ", "Dr "]), ("CLINICIAN", c.name(s, c.pick(["f", "fl", "f"]))),
          c.pick([" was amazing with my dad", " explained everything", " made my mum feel safe", " was rude at 3am"]), ". ")
        if c.chance(0.4):
            n("Dad (", ("PATIENT", c.name(c.person(sex="M"), "fl")), ") is ", ("AGE", c.old_age()), " and deaf, please note it on his file.")
        n("\n")
    if c.chance(0.5):
        n("\nsubmitted via kiosk ", ("IP", c.ip()), "\n")


KINDS = {
    "desp_grading_export": (desp_grading_export, ["UK"]),
    "au_centrelink_cert": (au_centrelink_cert, ["AU"]),
    "sg_mc_verification": (sg_mc_verification, ["SG"]),
    "ke_mch_handbook": (ke_mch_handbook, ["KE"]),
    "za_ccmdd_slip": (za_ccmdd_slip, ["ZA"]),
    "in_esic_certificate": (in_esic_certificate, ["IN"]),
    "my_klinik_card": (my_klinik_card, ["MY"]),
    "gh_nhis_claim": (gh_nhis_claim, ["GH"]),
    "ph_abtc_card": (ph_abtc_card, ["PH"]),
    "ie_hse_waiting_list": (ie_hse_waiting_list, ["IE"]),
    "nz_pho_enrolment": (nz_pho_enrolment, ["NZ"]),
    "fft_comments": (fft_comments, ["UK"]),
}
