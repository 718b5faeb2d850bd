"""Set 11 note kinds, part A: machine dumps, exports, registers and logs."""

from __future__ import annotations

from deid_frozen11_core import FEMALE, Note, family, person, pick, where
from deid_frozen11_kit import D, address, filler, hospital, staff, street_line
from deid_frozen11_places import (a_date, account, accession, biometric, dea, device_serial, dictation, digits, dob, health_plan, ip,
                                  letters, mrn, national_id, npi, phone, photo, plate, town, vin)


def dicom_header(n: Note) -> None:
    rng = n.rng
    n.country = where(rng, ["UK", "AU", "SG", "IN"], us=0.83)
    p, ref = person(rng, n.country), staff(n)
    old = rng.random() < 0.35
    b, s = dob(rng, old), a_date(rng)
    age = s[0] - b[0]
    n.line("DICOM header dump (dcmdump, tags of interest)")
    n.line("(0008,0020) DA [", D(n, s, "compact"), "]  # StudyDate")
    n.line("(0008,0030) TM [", f"{rng.randint(7, 19):02d}{rng.randint(0, 59):02d}{rng.randint(0, 59):02d}", "]  # StudyTime")
    n.line("(0008,0050) SH [", ("ID_ACCESSION", accession(rng)), "]  # AccessionNumber")
    n.line("(0008,0060) CS [", pick(rng, ["CT", "MR", "CR", "DX", "US", "MG"]), "]  # Modality")
    n.line("(0008,0070) LO [", pick(rng, ["SIEMENS", "GE MEDICAL SYSTEMS", "Philips", "CANON_MEC", "FUJIFILM"]), "]  # Manufacturer")
    n.line("(0008,0080) LO [", hospital(n), "]  # InstitutionName")
    n.line("(0008,0090) PN [", ("CLINICIAN", f"{ref.last.upper()}^{ref.first.upper()}"), "]  # ReferringPhysicianName")
    n.line("(0008,1010) SH [", pick(rng, ["CT01", "MRI_3T_B", "DR-ROOM4", "US-OB2"]), "]  # StationName")
    n.line("(0010,0010) PN [", ("PATIENT", f"{p.last.upper()}^{p.first.upper()}" + (f"^{p.middle[0]}" if rng.random() < 0.4 else "")), "]  # PatientName")
    n.line("(0010,0020) LO [", ("ID_MRN", mrn(rng, n.country)), "]  # PatientID")
    n.line("(0010,0030) DA [", D(n, b, "compact"), "]  # PatientBirthDate")
    n.line("(0010,0040) CS [", rng.choice("MF"), "]  # PatientSex")
    if age > 89:
        n.line("(0010,1010) AS [", ("AGE", f"{age:03d}"), "Y]  # PatientAge")
    else:
        n.line("(0010,1010) AS [", f"{age:03d}Y]  # PatientAge")
    n.line("(0018,1000) LO [", ("ID_DEVICE", device_serial(rng)), "]  # DeviceSerialNumber")
    n.line("(0018,1020) LO [", f"VE{rng.randint(10, 61)}A", "]  # SoftwareVersions")
    if rng.random() < 0.6:
        n.line("(0040,0006) PN [", ("CLINICIAN", f"{staff(n).last}^{rng.choice('ABCDJKMRS')}"), "]  # ScheduledPerformingPhysicianName")
    n.line("# sent from ", ("IP", ip(rng)), f":{rng.choice([104, 11112, 4242])} AE_TITLE=", pick(rng, ["PACS_MAIN", "ORTHANC", "STORESCP"]))
    if rng.random() < 0.5:
        n.line("# burned-in annotation: YES  ; secondary capture ", ("ID_PHOTO", photo(rng)))


def x12_claim(n: Note) -> None:
    rng = n.rng
    p, prov = person(rng), staff(n)
    ctl = digits(rng, 9)
    svc = a_date(rng)
    n.line(f"ISA*00*          *00*          *ZZ*{letters(rng, 6)}       *ZZ*{letters(rng, 5)}*{svc[0] % 100:02d}{svc[1]:02d}{svc[2]:02d}*1253*^*00501*{ctl}*0*P*:~")
    n.line("GS*HC*SUBMITTER*RECEIVER*", D(n, svc, "compact"), "*1253*", ctl[:4], "*X*005010X222A1~")
    n.line("ST*837*0001*005010X222A1~")
    n.line("NM1*85*2*", hospital(n), "*****XX*", ("ID_NPI", npi(rng)), "~")
    n.line("NM1*IL*1*", ("PATIENT", p.last.upper()), "*", ("PATIENT", p.first.upper()), "****MI*", ("ID_HEALTHPLAN", health_plan(rng, "US")[1]), "~")
    t, region = town(rng, "US")
    st = f"{rng.randint(10, 9999)} {pick(rng, ['OLD MILL RD', 'SYCAMORE LN', 'COUNTY ROAD 14', 'E RIDGEWAY AVE'])}"
    n.line("N3*", ("ADDRESS", st), "~")
    n.line("N4*", ("LOCATION", t.upper()), "*", region, "*", ("ZIP", digits(rng, 9 if rng.random() < 0.5 else 5)), "~")
    n.line("DMG*D8*", D(n, dob(rng, rng.random() < 0.2), "compact"), "*", rng.choice("MF"), "~")
    n.line("REF*SY*", ("SSN", national_id(rng, "US")[1].replace("-", "").replace(" ", "")), "~")
    n.line("CLM*", ("ID_ACCOUNT", account(rng).replace(" ", "")), f"*{rng.randint(80, 4000)}.{rng.randint(0, 99):02d}***11:B:1*Y*A*Y*Y~")
    n.line("HI*ABK:", pick(rng, ["E119", "I10", "M1711", "J449", "N184"]), "*ABF:", pick(rng, ["Z7984", "E785", "G4733"]), "~")
    n.line("NM1*82*1*", ("CLINICIAN", prov.last.upper()), "*", ("CLINICIAN", prov.first.upper()), "****XX*", ("ID_NPI", npi(rng)), "~")
    n.line("LX*1~")
    n.line("SV1*HC:", pick(rng, ["99214", "99213", "20610", "93000"]), f"*{rng.randint(60, 300)}*UN*1***1~")
    n.line("DTP*472*D8*", D(n, svc, "compact"), "~")
    n.line("SE*", str(rng.randint(18, 40)), "*0001~")


def vent_alarm_log(n: Note) -> None:
    rng = n.rng
    n.country = where(rng, ["UK", "AU", "CA"], us=0.83)
    p = person(rng, n.country)
    d = a_date(rng)
    n.line(pick(rng, ["PB980", "Hamilton-C6", "Servo-u", "Evita V800"]), " EVENT LOG EXPORT   S/N ", ("ID_DEVICE", device_serial(rng)))
    n.line("Pt: ", ("PATIENT", p.form(rng, "LASTfirst,LAST,lastfirst")), "   ID ", ("ID_MRN", mrn(rng, n.country)), "   Bed ICU-", str(rng.randint(1, 24)))
    n.line("Date ", D(n, d, pick(rng, ["iso", "dMONy", "mdy" if n.country == "US" else "dmy"])), "   Mode: ", pick(rng, ["PC-AC", "SIMV-VC", "PSV", "APRV"]))
    n.line("-" * 62)
    n.line("TIME     EVENT                      VALUE     ACK BY")
    for _ in range(rng.randint(4, 8)):
        who = staff(n)
        ev, val = pick(rng, [("HIGH PRESSURE", f"{rng.randint(35, 55)} cmH2O"), ("LOW MINUTE VOL", f"{rng.randint(2, 4)}.{rng.randint(0, 9)} L"),
                             ("APNEA", f"{rng.randint(20, 40)} s"), ("SETTING CHANGE FiO2", f"{rng.choice([40, 50, 60])}%"),
                             ("CIRCUIT DISCONNECT", "--"), ("PEEP 8 -> 10", "--"), ("HIGH RR", f"{rng.randint(30, 45)} bpm")])
        n.add(f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d} {ev:<27}{val:<10}")
        n.line(("CLINICIAN", who.form(rng, "initials,lastinit,init")))
    n.line("-" * 62)
    n.line("RT: ", ("CLINICIAN", staff(n).form(rng, "full,init")), ", RRT   printed ", D(n, d, "iso"), " via ", ("IP", ip(rng)))


def holter_report(n: Note) -> None:
    rng = n.rng
    n.country = where(rng, ["UK", "IN", "ZA", "IE"], us=0.83)
    p, ref, rep = person(rng, n.country), staff(n), staff(n)
    b = dob(rng, rng.random() < 0.3)
    d = a_date(rng)
    age = d[0] - b[0]
    n.line(hospital(n), " - CARDIAC PHYSIOLOGY")
    n.line("24-HOUR HOLTER MONITOR REPORT")
    n.line("Name: ", ("PATIENT", p.form(rng, "LASTfirst,full,lastfirst")), "    DOB: ", D(n, b), "    Age: ", ("AGE", str(age)) if age > 89 else str(age))
    n.line("Hosp No: ", ("ID_MRN", mrn(rng, n.country)), "    Recorder: ", pick(rng, ["Lifecard CF", "DR180+", "Spacelabs EVO"]), " SN ", ("ID_DEVICE", device_serial(rng)))
    n.line("Hook-up: ", D(n, d), f" {rng.randint(8, 16):02d}:{rng.randint(0, 59):02d}    Duration 23:{rng.randint(10, 59)}")
    n.line("Referrer: Dr ", ("CLINICIAN", ref.form(rng, "init,full,last")), " (", hospital(n), ")")
    n.line()
    n.line(f"Min HR {rng.randint(38, 55)} bpm  Mean {rng.randint(60, 85)}  Max {rng.randint(110, 160)}")
    n.line(f"VE {rng.randint(0, 3000)} (couplets {rng.randint(0, 20)}), SVE {rng.randint(0, 900)}, longest pause {rng.randint(1, 3)}.{rng.randint(0, 9)} s")
    n.line("Diary: palpitations x", str(rng.randint(1, 4)), ", correlates with sinus tachycardia.")
    filler(n, 1)
    n.line()
    n.line("Reported by ", ("CLINICIAN", rep.form(rng, "full,init")), ", Clinical Physiologist, ", D(n, (d[0], d[1], min(28, d[2] + 2))))
    if rng.random() < 0.55:
        n.line("D/T: ", ("CLINICIAN", rep.form(rng, "initials")), "/", pick(rng, ["mt", "jb", "sec"]), "  job ", ("ID_DICTATION", dictation(rng)))


def dexa_report(n: Note) -> None:
    rng = n.rng
    n.country = where(rng, ["AU", "NZ", "UK", "CA"], us=0.83)
    p, ref = person(rng, n.country), staff(n)
    b = dob(rng, rng.random() < 0.45)
    d = a_date(rng)
    age = d[0] - b[0]
    n.line("BONE DENSITOMETRY (DXA)  -  ", hospital(n))
    n.add("Patient ", ("PATIENT", p.form(rng, "full,LASTfirst")), "  DOB ", D(n, b), "  ")
    n.line("Age ", ("AGE", str(age)) if age > 89 else str(age), "  ", ("ID_MRN", mrn(rng, n.country)))
    n.line("Exam date ", D(n, d), "   Accession ", ("ID_ACCESSION", accession(rng)), "   Scanner Hologic Horizon A, S/N ", ("ID_DEVICE", device_serial(rng)))
    n.line("Referring: ", ("CLINICIAN", ref.form(rng, "lastfirst,full,init")))
    n.line()
    n.line("Region      BMD(g/cm2)  T-score  Z-score")
    n.line(f"L1-L4       0.{rng.randint(700, 999)}       -{rng.randint(0, 3)}.{rng.randint(0, 9)}     -{rng.randint(0, 2)}.{rng.randint(0, 9)}")
    n.line(f"Fem neck    0.{rng.randint(500, 800)}       -{rng.randint(1, 3)}.{rng.randint(0, 9)}     -0.{rng.randint(0, 9)}")
    n.line(f"FRAX 10-yr major {rng.randint(5, 35)}%, hip {rng.randint(1, 12)}% (UK FRAX v4.3, 2008 WHO criteria)")
    n.add("Comparison: prior study ")
    n.line(("YEAR", str(rng.randint(2015, 2022))), " at the same site - change -", f"{rng.randint(1, 6)}.{rng.randint(0, 9)}%.")
    n.line("Impression: ", pick(rng, ["Osteoporosis.", "Osteopenia.", "Normal BMD."]), " Consider zoledronic acid 5 mg IV yearly.")
    n.line("Reported: ", ("CLINICIAN", staff(n).form(rng, "full,init")), pick(rng, [", MBBS FRANZCR", ", MD", " FRCR"]))
    if rng.random() < 0.6:
        n.line("Voice recognition report, dictation ", ("ID_DICTATION", dictation(rng)), ". Errors may occur.")


def appt_book_tsv(n: Note) -> None:
    rng = n.rng
    n.country = where(rng, ["UK", "AU", "PH", "KE", "IN"], us=0.83)
    d = a_date(rng)
    doc = staff(n)
    n.line("Clinic list\t", hospital(n), "\t", D(n, d), "\tclinician: ", ("CLINICIAN", doc.form(rng, "last,init,lastfirst")))
    n.line("time\tname\tdob\tid\tphone\tnotes")
    for i in range(rng.randint(5, 9)):
        p = person(rng, n.country)
        n.add(f"{8 + i // 2:02d}:{(i % 2) * 30:02d}\t", ("PATIENT", p.form(rng, "LASTfirst,lastfirst,full,lower")), "\t",
              D(n, dob(rng, rng.random() < 0.1)), "\t", ("ID_MRN", mrn(rng, n.country)), "\t")
        if rng.random() < 0.8:
            n.add(("PHONE", phone(rng, n.country)))
        n.line("\t", pick(rng, ["f/u", "new", "DNA x2", "interp needed", "wc", "bloods first", "", "tele", "BP check"]))


def addressograph(n: Note) -> None:
    """A sheet of patient labels printed two across: identifiers sit in two columns."""
    rng = n.rng
    n.country = where(rng, ["UK", "UK", "IE", "AU", "NZ", "ZA"], us=0.6)
    ps = [person(rng, n.country) for _ in range(2)]
    hp = [health_plan(rng, n.country) for _ in ps]
    ids = [mrn(rng, n.country) for _ in ps]
    bs = [dob(rng, rng.random() < 0.15) for _ in ps]
    W = 38
    for k in range(2):
        nm = ps[k].form(rng, "LAST,LASTfirst")
        n.add(("PATIENT", nm), " " * max(2, W - len(nm)) if k == 0 else "\n")
    for k in range(2):
        s = D(n, bs[k])[1]
        n.add("DOB ", ("DATE", s), " " * max(2, W - 4 - len(s)) if k == 0 else "\n")
    for k in range(2):
        n.add("Hosp ", ("ID_MRN", ids[k]), " " * max(2, W - 5 - len(ids[k])) if k == 0 else "\n")
    for k in range(2):
        lab = f"{hp[k][0]} "
        n.add(lab, ("ID_HEALTHPLAN", hp[k][1]), " " * max(2, W - len(lab) - len(hp[k][1])) if k == 0 else "\n")
    for k in range(2):
        t = town(rng, n.country)[0]
        s = street_line(n)
        n.add(("ADDRESS", s), ", ", ("LOCATION", t), " " * max(2, W - len(s) - 2 - len(t)) if k == 0 else "\n")
    n.line("Cons: ", ("CLINICIAN", staff(n).form(rng, "lastinit,last")), " " * 20, "Ward: ", pick(rng, ["AMU", "Ward 9", "CCU", "SAU"]))
    n.line("[label sheet printed ", D(n, a_date(rng)), " by ", ("CLINICIAN", staff(n).form(rng, "initials")), "]")


def whatsapp_export(n: Note) -> None:
    rng = n.rng
    n.country = where(rng, ["ZA", "IN", "NG", "KE", "PH", "UK", "NZ"], us=0.55)
    p = person(rng, n.country, wordy=0.15, sex="F")
    rels = [family(rng, p, n.country) for _ in range(3)]
    d = a_date(rng)
    n.line("WhatsApp chat with \"", ("PATIENT", p.first), "'s care\" - exported and pasted into the record by ward clerk")
    style = pick(rng, ["dmy2", "dmy"])
    msgs = ["Ma is asking for her glasses pls bring tmrw",
            "dr said the scan shows the stroke is small, they start physio monday",
            "who is fetching from ward 6? visiting 15:00-17:00 only",
            "pls send me a photo of the insurance card",
            "ok I'll bring the Ensure and the Vaseline",
            "they moved him to bed 12 near window",
            "spoke to the sister in charge, discharge maybe thursday"]
    for i in range(rng.randint(5, 8)):
        who = rels[i % 3]
        dd = (d[0], d[1], min(28, d[2] + i // 3))
        n.add("[", D(n, dd, style), f", {7 + 5 * (i % 3) + rng.randint(0, 4):02d}:{rng.randint(0, 59):02d}] ")
        if rng.random() < 0.25:
            n.add(("PHONE", phone(rng, n.country)), ": ")
        else:
            n.add(("RELATIVE", who.form(rng, "first,full,nick")), ": ")
        if rng.random() < 0.25:
            n.line("nurse ", ("CLINICIAN", staff(n).form(rng, "first,last")), " says sats 94% on 2L now")
        else:
            n.line(pick(rng, msgs))
    n.line("<Media omitted> ", ("ID_PHOTO", photo(rng)))
    n.line("(", "daughter" if rels[0].first in FEMALE else "son", " ", ("RELATIVE", rels[0].form(rng, "full")), " consented to filing; tel ", ("PHONE", phone(rng, n.country)), ")")


def ehr_merge_request(n: Note) -> None:
    rng = n.rng
    n.country = where(rng, ["CA", "UK"], us=0.83)
    p = person(rng, n.country)
    b = dob(rng)
    n.line("HIM - DUPLICATE RECORD / MERGE REQUEST   (service desk queue: MPI)")
    n.line("Requested by: ", ("CLINICIAN", staff(n).form(rng, "full,lastfirst")), ", Registration   ", D(n, a_date(rng)))
    n.line()
    n.line("             SURVIVING                     NON-SURVIVING")
    m1, m2 = mrn(rng, n.country), mrn(rng, n.country)
    n1, n2 = p.form(rng, "LASTfirst"), f"{p.last.upper()}, {p.first[:-1] if rng.random() < 0.5 else p.first.upper()}"
    n.add("Name:        ", ("PATIENT", n1), " " * max(2, 30 - len(n1)), ("PATIENT", n2), "\n")
    n.add("MRN:         ", ("ID_MRN", m1), " " * max(2, 30 - len(m1)), ("ID_MRN", m2), "\n")
    s1 = D(n, b)[1]
    b2 = (b[0], b[2] if b[2] <= 12 else b[1], b[1] if b[2] <= 12 else b[2])
    s2 = D(n, b2)[1]
    n.add("DOB:         ", ("DATE", s1), " " * max(2, 30 - len(s1)), ("DATE", s2), "\n")
    lab, ss = national_id(rng, n.country)
    n.add(f"{lab}:{' ' * (13 - len(lab) - 1)}", ("SSN", ss), " " * max(2, 30 - len(ss)), "(blank)\n")
    n.add("Address:     ")
    address(n)
    n.line("Visits on non-surviving: ", ("ID_ACCOUNT", account(rng)), ", ", ("ID_ACCOUNT", account(rng)))
    n.line()
    n.line("Reason: transposed DOB at ED registration; same mother (", ("RELATIVE", family(rng, p, n.country, "F").form(rng, "full")), ") on both.")
    n.line("Verified against driver licence photo ", ("ID_PHOTO", photo(rng)), " - match.")
    n.line("Merged by ", ("CLINICIAN", staff(n).form(rng, "initials,lastinit")), " ", D(n, a_date(rng)), " from ws ", ("IP", ip(rng)))


def bio_enrol_log(n: Note) -> None:
    rng = n.rng
    n.country = pick(rng, ["IN", "IN", "KE", "NG", "PH"])
    d = a_date(rng)
    op = staff(n)
    n.line("BIOMETRIC ENROLMENT REGISTER - ", hospital(n), " OPD counter 3")
    n.line("Operator: ", ("CLINICIAN", op.form(rng, "full,init")), "  kit S/N ", ("ID_DEVICE", device_serial(rng)), "  date ", D(n, d))
    n.line("sl | patient | health id | finger template | iris | photo")
    for i in range(rng.randint(3, 6)):
        p = person(rng, n.country)
        lab, hid = health_plan(rng, n.country)
        n.add(f"{i + 1:>2} | ", ("PATIENT", p.form(rng, "full,LAST,lower")), " | ", ("ID_HEALTHPLAN", hid), " | ",
              ("BIOMETRIC", biometric(rng)), " | ")
        n.add(("BIOMETRIC", biometric(rng)) if rng.random() < 0.5 else "not captured (cataract)")
        n.line(" | ", ("ID_PHOTO", photo(rng)))
    n.line("Remarks: thumb impression taken for ", ("PATIENT", person(rng, n.country).form(rng, "full")),
           " (illiterate), witness ", ("RELATIVE", person(rng, n.country).form(rng, "full")))


def belongings_inventory(n: Note) -> None:
    rng = n.rng
    n.country = where(rng, ["UK", "AU", "CA", "ZA"], us=0.83)
    p = person(rng, n.country, wordy=0.15)
    n.line("PATIENT PROPERTY / VALUABLES RECORD")
    n.line("Patient: ", ("PATIENT", p.form(rng, "LASTfirst,full")), "   No. ", ("ID_MRN", mrn(rng, n.country)), "   Admitted ", D(n, a_date(rng)))
    n.line("Items:")
    n.line(" - wallet: bank cards x", str(rng.randint(1, 4)), ", driving licence no. ", ("ID_LICENSE", f"{letters(rng, 1)}{digits(rng, 7)}" if n.country != "UK" else f"{p.last[:5].upper():9<5}{digits(rng, 6)}{p.first[0]}{letters(rng, 1)}9{letters(rng, 2)}"))
    n.line(" - car keys (", pick(rng, ["Toyota", "Ford", "VW", "Hyundai"]), ", reg ", ("VEHICLE", plate(rng, n.country)), ") - car left in P3")
    n.line(" - mobile phone, handset locked; pt's number ", ("PHONE", phone(rng, n.country)))
    n.line(" - hearing aids L+R, serial ", ("ID_DEVICE", device_serial(rng)))
    if n.country == "US" and rng.random() < 0.9:
        n.line(" - own meds in green bag: ", pick(rng, ["hydrocodone-APAP 5/325", "lorazepam 1 mg", "gabapentin 300 mg"]), " bottle, prescriber ",
               ("CLINICIAN", staff(n).form(rng, "init,full")), " DEA ", ("ID_DEA", dea(rng)), ", filled ", D(n, a_date(rng), "mdy_nopad"))
    n.line(" - cash ", f"{rng.randint(5, 200)}.{rng.randint(0, 99):02d}", " counted by 2 staff")
    n.line("Signed: ", ("CLINICIAN", staff(n).form(rng, "full,init")), " RN / ", ("CLINICIAN", staff(n).form(rng, "full,init")), " HCA")
    role, sex = pick(rng, [("wife", "F"), ("son", "M"), ("daughter", "F"), ("partner", ""), ("brother", "M")])
    rel = family(rng, p, n.country, sex)
    n.line("Released to ", role, " ", ("RELATIVE", rel.form(rng, "full,init")),
           " on ", D(n, a_date(rng)), ", ID seen")


def security_incident(n: Note) -> None:
    rng = n.rng
    n.country = where(rng, ["UK", "AU", "ZA", "IE"], us=0.83)
    p = person(rng, n.country)
    d = a_date(rng)
    n.line("SECURITY INCIDENT REPORT  (form SEC-3, rev 2024)  site: ", hospital(n))
    n.line("Date/time: ", D(n, d), f" {rng.randint(0, 23):02d}{rng.randint(0, 59):02d} hrs   Location: ED ambulance bay")
    n.add("Summary: Officer ", ("CLINICIAN", staff(n).form(rng, "last,full")), " attended a verbal altercation involving a visitor of patient ",
          ("PATIENT", p.form(rng, "full,LASTfirst")), " (", ("ID_MRN", mrn(rng, n.country)), "). ")
    n.add("Visitor left in a silver ", pick(rng, ["Nissan", "Honda", "Isuzu bakkie", "Holden"]), " reg ", ("VEHICLE", plate(rng, n.country)))
    if rng.random() < 0.5:
        n.add(" (VIN ", ("VEHICLE", vin(rng)), " per police check)")
    n.line(".")
    n.line("CCTV stills: ", ("ID_PHOTO", photo(rng)), ", ", ("ID_PHOTO", photo(rng)), " (camera ", pick(rng, ["C14", "AMB-2", "EXT-07"]), ")")
    n.line("Police attended; PC ", ("CLINICIAN", staff(n).form(rng, "last")), " took statements.")
    n.line("Staff badge door log shows swipe by ", ("CLINICIAN", staff(n).form(rng, "lastfirst")), " at door 3B; palm-vein template ",
           ("BIOMETRIC", biometric(rng)) if rng.random() < 0.4 else "n/a (card only)")
    if rng.random() < 0.55:
        n.line("Door controller ", ("IP", ip(rng)), " event log attached.")
    n.line("Datix raised. Reviewed by ", ("CLINICIAN", staff(n).form(rng, "full")), ", Security Manager.")


KINDS = (dicom_header, x12_claim, vent_alarm_log, holter_report, dexa_report, appt_book_tsv, addressograph,
         whatsapp_export, ehr_merge_request, bio_enrol_log, belongings_inventory, security_incident)
RECASE = ("belongings_inventory", "security_incident", "vent_alarm_log", "appt_book_tsv")
