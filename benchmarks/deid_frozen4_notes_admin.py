"""Frozen set 4 note styles of the paperwork around care: case management, fax referral cover
sheets, research consent, telehealth transcripts, occupational health, secure-chat / pager logs.

Each style is a function ``(note, ctx) -> None``; add a style here and list it in `STYLES`.
"""

from __future__ import annotations

from deid_frozen4_surrogates import Ctx, Note


def case_mgmt(n: Note, c: Ctx) -> None:
    r = c.rng
    n("CASE MANAGEMENT - DISCHARGE PLANNING\n", c.date(0), "  ", c.name(c.pt, "PATIENT", r.choice(["LAST,FIRST",
      "full"])),
      c.lab("  HAR "), c.ident("ID_ACCOUNT"), c.lab("  MRN "), c.ident("ID_MRN"), "\n\n")
    if r.random() < 0.5:
        n("Unit: the ", c.h("pavilion"), r.choice([", 3rd floor", " (step-down)", ""]), "\n")
    n("Payer: ", r.choice(["Humana Gold", "UHC Dual Complete", "Aetna MA", "state Medicaid"]), "  ID# ",
      c.ident("ID_HEALTHPLAN"), "\n")
    n("Auth for SNF requested ", c.date(0, "m/d"), ", ref ", c.ident("ID_ACCOUNT"), ", reviewer ",
      c.name(c.new_person(), "CLINICIAN", r.choice(["first", "full"])), " ", c.phone(), "\n")
    n("Referrals sent (Allscripts) to:\n")
    for _ in range(r.randint(2, 4)):
        n("  - ", c.h(r.choice(["nursing", "rehab", "nursing"])), ", ", c.place(), " - ",
      r.choice(["accepted", "declined (no LTC bed)", "pending", "reviewing"]), "  fax ", c.phone("FAX"), "\n")
    n("Pt prefers ", c.h("nursing"), " - close to ", c.rel(r.choice(["dtr", "son", "sister", "niece"])),
      " who lives in ", c.place(), ".\n")
    n("PT/OT rec SAR; 3MN met (admit ", c.date(-4, "m/d"), "). Medicare days used: 0.\n")
    n("DME: RW, 3-in-1 commode from ", c.h("practice:dme"), ", order placed.\n")
    n("Pt's POA ", c.name(c.new_person(), "RELATIVE", r.choice(["full", "last_first"])), " (", c.phone(),
      ") agrees. Will transport by ", r.choice(["wheelchair van", "family car", "BLS"]), " ",
      c.date(1, r.choice(["Month d", "m/d", "the dth"])), ".\n")
    if r.random() < 0.5:
        n("Prior SNF stay ", c.h("nursing"), " in ", c.year(), "; readmitted from there ", c.date(-60), ".\n")
    if c.age > 89 or r.random() < 0.2:
        n("Pt is ", c.age_text(c.age), " and sharp; wants to go home eventually.\n")
    n("CM: ", c.doc(form=r.choice(["full_cred", "lower", "last_first"]), cred=r.choice(["RN", "LCSW",
      "RN, CCM"])), "  ", c.phone(), "\n")


def fax_cover(n: Note, c: Ctx) -> None:
    r = c.rng
    n(c.h(r.choice(["practice", None])), "\n", c.address(one_line=False), "\n")
    n("Ph ", c.phone(), "   Fax ", c.phone("FAX"), "\n\n", "*** FAX - REFERRAL ***".center(40), "\n")
    n("Date: ", c.date(0, r.choice(["mm/dd/yyyy", "m/d/yy", "Mon d, yyyy"])), "   Pages (incl cover): ",
      str(r.randint(2, 14)), "\n")
    n("To: ", c.doc(form=r.choice(["dr_full", "dr_last"])), " / ", c.h(), "   Fax: ", c.phone("FAX"), "\n")
    n("From: ", c.doc(form=r.choice(["dr_full", "full_cred"])), c.lab("   NPI "), c.ident("ID_NPI"), "   DEA ",
      c.ident("ID_DEA"), "\n")
    n("Re: ", c.name(c.pt, "PATIENT", r.choice(["LAST,FIRST", "last_first", "full"])), "  DOB ", c.dob(), "\n")
    n("Insurance ", r.choice(["BCBS", "Cigna", "Medicaid"]), " ", c.ident("ID_HEALTHPLAN"), "   Acct ",
      c.ident("ID_ACCOUNT"), "\n")
    n("Reason: ", r.choice(["new dx breast ca - please see within 2 wk", "abn Pap, colpo requested",
                            "CKD 4, eGFR 22 - prep for RRT", "OSA eval", "wound >6 wk not healing"]), "\n")
    n("Enclosed: H&P ", c.date(-3, "m/d"), ", path ", c.ident("ID_ACCESSION"), ", imaging ", c.ident("ID_ACCESSION"),
      "\n")
    n("Pt contact: ", c.phone(), " (cell) / ", c.email(), "\n")
    n("Urgent? ", r.choice(["YES", "no"]), "   Call back: ", c.name(c.new_person(), "CLINICIAN", "first"), " at ",
      c.phone(), "\n\n")
    n("CONFIDENTIALITY NOTICE: this facsimile contains protected health information. If received in error call ",
      c.phone(), " and destroy.\n")


def research_consent(n: Note, c: Ctx) -> None:
    r = c.rng
    study = r.choice(["STRIDE-HF", "the Kidney Precision Medicine study", "BIOME-PEDS", "OPAL-2", "CLEAR-Sleep"])
    n("RESEARCH CONSENT NOTE\nProtocol ", f"{r.choice(['IRB', 'HSR'])}-{r.randint(2019, 2026)}-{r.randint(100, 999)}",
      f"  ({study}, NCT0{r.randint(1000000, 9999999)})\n")
    n("Date ", c.date(0), "  Site: ", c.h(), "\n")
    n("Participant: ", c.name(c.pt, "PATIENT", r.choice(["full", "last_first", "LAST,FIRST"])), "  MRN ",
      c.ident("ID_MRN"), "  Arm: ", r.choice(["A", "B", "observational"]), "\n\n")
    n("Consent version ", f"v{r.randint(2, 7)}.0", " dated ", c.date(-200, "d-Mon-yyyy"),
      " reviewed with participant", " and ", c.rel(r.choice(["LAR", "mom", "dad", "guardian", "husband"])),
      ". Questions answered. Participant verbalized that participation is voluntary.\n")
    n("Consented by ", c.doc(form="full_cred", cred=r.choice(["CCRC", "RN", "CRC"])), " at ", r.choice(["1015",
      "1420", "0905"]), "; witness ",
      c.name(c.new_person(), "RELATIVE", "full"), ".\n")
    n("Optional: biobank ", r.choice(["YES", "yes", "Y"]), "; genomic data sharing ", r.choice(["YES", "NO"]),
      "; recontact ", r.choice(["YES", "NO"]), ".\n")
    n("Samples: plasma ", c.ident("ID_BIOBANK"), ", buffy coat ", c.ident("ID_BIOBANK"), ", DNA ",
      c.ident("ID_BIOBANK"), "\n")
    n("e-consent link ", c.url(), " sent to ", c.email(), " (opened from ", c.ip(), ").\n")
    n("Voice consent recording enrolled, voiceprint id ", c.ident("BIOMETRIC", "voice"), ".\n")
    n("Payment: $50 ClinCard; SSN ", c.ident("SSN"), " collected for 1099.\n")
    n("PI: ", c.doc(form="dr_full"), "   Coordinator: ", c.doc(form=r.choice(["full_cred", "lower"])), " ",
      c.phone(), "\n")


def telehealth(n: Note, c: Ctx) -> None:
    r = c.rng
    dr, pt, age = c.new_person(), c.pt, c.age
    n("TELEHEALTH VISIT - ", r.choice(["video", "audio only", "Video (Doxy)"]), "   ", c.date(0), "\n")
    n("Connected from ", c.ip(), " via ", c.url(), "; pt located at home in ", c.place(), ", ",
      r.choice(["OH", "Kentucky", "NM", "Hawaii"]), ". Provider at ", c.h(), ".\n")
    n("Identity verified w/ name + DOB (", c.dob(age), "). MRN ", c.ident("ID_MRN"), "\n\n[transcript]\n")
    n(c.name(dr, "CLINICIAN", r.choice(["first", "last", "full"])), ": Hi, can you hear me okay, ",
      c.name(pt, "PATIENT", r.choice(["first", "title_last", "nick"])), "?\n")
    n("PT: yes, my grandson ", c.name(c.new_person(), "RELATIVE", "first"), " set it up. hold on.\n")
    n(c.name(dr, "CLINICIAN", "last"), ": How's the breathing since we changed the inhaler on ",
      c.date(-14, r.choice(["the dth", "Month d", "m/d"])), "?\n")
    n("PT: better. I can walk to the mailbox. I'll be ", c.age_text(age + 1),
      " next month, can you believe it.\n")
    n(c.name(dr, "CLINICIAN", "last"), ": Any swelling? Are you weighing yourself?\n")
    n("PT: the scale says 182. ", c.rel(r.choice(["My daughter", "my son", "Wife"])),
      " writes it down. Her number is ", c.phone(), " if you need.\n")
    n("[end transcript]\n\nA/P: COPD stable on Trelegy; CHF euvolemic by report. RPM BP cuff s/n ",
      c.ident("ID_DEVICE"), ". Voice biometric login ", c.ident("BIOMETRIC", "voice"), ".\n")
    n("F/u in 3 mo, in person at ", c.h(), ". Message via portal or email ", c.email(dr), ".\n")
    n(c.doc(dr, form=r.choice(["dr_full", "full_cred", "last_first"])), "  (", r.choice(["22", "15", "31"]),
      " min, consent for telehealth obtained)\n")


def occ_health(n: Note, c: Ctx) -> None:
    r = c.rng
    n(c.h(r.choice(["practice:occ", None])), " - Occupational Health\n",
      r.choice(["DOT physical", "Post-accident eval", "Return to work", "Pre-placement exam"]), "  ", c.date(0), "\n")
    n("Employee: ", c.name(c.pt, "PATIENT", r.choice(["LAST,FIRST", "full", "last_first"])), "  Emp ID ",
      c.ident("ID_ACCOUNT"), c.lab("  SSN "), c.ident("SSN"), "\n")
    n(c.lab("Driver lic "), c.ident("ID_LICENSE", "driver"), " (", r.choice(["OH", "PA", "KY", "Montana"]),
      ")   Home: ",
      c.address(one_line=True), "\n")
    n("Employer: regional freight co.; supervisor ", c.name(c.new_person(), "RELATIVE", "full"), " ", c.phone(), "\n\n")
    n("Hx: forklift operator; on ", c.date(-2, r.choice(["m/d", "Month dth", "Mon d"])),
      " struck loading dock w/ company truck (plate ", c.ident("VEHICLE", "plate"), ", VIN ", c.ident("VEHICLE", "vin"),
      "). No LOC. c/o L shoulder pain.\n")
    n("Exam: GCS 15, L shoulder TTP AC joint, strength 4+/5 abd, 5/5 elsewhere. Hawkins +, Neer +.\n")
    n("Vision 20/20 OU w/o correction; hearing whisper test pass. UA: SG 1.020, neg.\n")
    n("Drug screen collected, chain-of-custody ", c.ident("ID_ACCESSION"), "; breath alcohol 0.000.\n")
    n("Time clock fingerprint template ", c.ident("BIOMETRIC", "fingerprint"), " re-enrolled after hand injury.\n")
    n("Work status: modified duty - no lifting >10 lb L arm until ", c.date(14, "m/d/yy"), ".\n")
    n("Workers comp claim # ", c.ident("ID_HEALTHPLAN"), "; adjuster ", c.name(c.new_person(), "RELATIVE", "full"),
      " fax ", c.phone("FAX"), "\n")
    n("Examiner: ", c.doc(form=r.choice(["dr_full", "full_cred"])), " (NRCME ", c.ident("ID_LICENSE", "nrcme"), ")\n")


def secure_chat(n: Note, c: Ctx) -> None:
    r = c.rng
    rn, md = c.new_person(), c.new_person()
    n("secure chat log - ", r.choice(["4 west", "l&d", "picu", "mother-baby"]), " - ", c.date(0), "\n")
    n(f"[{r.randint(0, 23):02d}:{r.randint(0, 59):02d}] ", c.name(rn, "CLINICIAN", r.choice(["first", "i_last"])),
      ": hey its ", c.name(rn, "CLINICIAN", "first"), " on 4w, pt ", c.name(c.pt, "PATIENT", r.choice(["last",
      "full"])),
      " rm ", str(r.randint(400, 499)), " bp 88/50 after lasix\n")
    n(f"[{r.randint(0, 23):02d}:{r.randint(0, 59):02d}] ", c.name(md, "CLINICIAN", r.choice(["last", "first"])),
      ": ok give 250 bolus, recheck 30 min. is she mentating\n")
    n("[..] ", c.name(rn, "CLINICIAN", "first"), ": yes a&ox3. dtr ", c.name(c.new_person(), "RELATIVE", "first"),
      " at bedside wants update, her cell ", c.phone(), "\n")
    n("[..] ", c.name(md, "CLINICIAN", "last"), ": will call after rounds. pls page me ", c.phone(),
      " if sbp <85\n")
    n("[..] charge rn ", c.name(c.new_person(), "CLINICIAN", "first"),
      ": fyi bed ", str(r.randint(1, 30)), " going to ", *(["the ", c.h("pavilion")] if r.random() < 0.5 else [c.h()]),
      " tmrw, transport at 0900\n")
    n("[..] ", c.name(rn, "CLINICIAN", "first"), ": also mrn ", c.ident("ID_MRN"), " labs from ",
      c.date(-1, "m/d"), " not crossing over, acc ", c.ident("ID_ACCESSION"), "\n")
    n("[..] ", c.name(md, "CLINICIAN", "last"), ": will ask IT, ws ", c.ip(), "\n")
    if r.random() < 0.6:
        n("[..] ", c.name(rn, "CLINICIAN", "first"), ": pt says she was at ", c.h(), " in ", c.year(),
      " for the same thing, lives out in ", c.place(), "\n")
    n("[..] ", c.name(md, "CLINICIAN", "last"), ": thx. dictated note job ", c.ident("ID_DICTATION"), "\n")


def footer(n: Note, c: Ctx) -> None:
    """The sign-off block a transcription or EHR system adds under many kinds of note."""
    r = c.rng
    kind = r.choice(["dictation", "dictation", "esign", "cc", "printed", "dictation_esign"])
    n("\n")
    if kind in ("dictation", "dictation_esign"):
        n("D: ", c.date(0, r.choice(["m/d/yy", "mm/dd/yyyy"])), "  T: ", c.date(1, r.choice(["m/d/yy", "mm/dd/yyyy"])),
      r.choice(["  Job# ", "  job ", "  Dictation ID: ", "  "]), c.ident("ID_DICTATION"), "\n")
    if kind in ("esign", "dictation_esign"):
        n("Electronically signed by ", c.doc(form=r.choice(["dr_full", "full_cred", "last_first"])), " (NPI ",
      c.ident("ID_NPI"), r.choice([", DEA ", " / DEA# "]), c.ident("ID_DEA"), ") ", c.date(0), "\n")
    if kind == "cc":
        n("cc: ", c.doc(form="dr_full"), ", ", c.h(), "  fax ", c.phone("FAX"), "\n")
    if kind == "printed":
        n("Printed by ", c.doc(form="initials"), " from ws ", c.ip(), " ", c.date(0, "mm/dd/yyyy"), " 16:02\n")


STYLES = {"case_mgmt": case_mgmt, "fax_cover": fax_cover, "research_consent": research_consent,
          "telehealth": telehealth, "occ_health": occ_health, "secure_chat": secure_chat}
