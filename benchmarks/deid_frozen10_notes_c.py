"""Set 10 note kinds, part C: lists, registers and exports (maxillofacial trauma clinic, repeat-prescription
slip, controlled-drug register, outbreak line list, ward-round list, theatre list, biobank shipping manifest,
LIMS audit trail, EHR access audit, hospital parking permit, road-traffic-collision form, biometric check-in
kiosk log).
"""

from __future__ import annotations

import deid_frozen10_ids as I
from deid_frozen10_core import table


ROAD = {"US": "I-40 exit near", "UK": "A59 near", "IE": "N5 near", "AU": "Pacific Hwy near", "IN": "NH-48 near",
        "ZA": "N2 near", "NZ": "SH1 near", "CA": "Hwy 17 near"}


def maxfax_trauma(c):
    return (f"OMFS trauma clinic  {c.hosp()}  {c.date()}\n"
            f"{c.pt(c.pick(['full', 'LAST_first']))}  {c.mrn()}  {c.pick(['assault', 'cycle fall', 'RTC', 'sports injury'])} {c.sdate()}\n"
            f"# R mandibular angle + L parasymphysis, ORIF 2.0 mm plates (Synthes) by {c.doc(0, c.pick(['last', 'init_last']))}.\n"
            f"Occlusion stable, IMF elastics removed. Numb lip R (IAN) improving, 2-point 12 mm.\n"
            f"OPG today: plates in situ, no malunion. Clinical photos {I.photo(c.rng)}, {I.photo(c.rng)} (full face, consented).\n"
            f"Police crime ref given to pt; {c.pick(['SOCO photos declined', 'statement taken by PC on ward'])}.\n"
            f"{c.prose(1)}\nSoft diet 2 more wks. Review {c.pick(['6/52', '4 weeks', '2/12'])} with Mr {c.doc(1, 'last')}.\n"
            f"Surgeon: {c.sig(1)}\n"
            f"Dictated {c.doc(2, 'initials')}/{c.doc(3, 'initials_lower')}  ref {I.dictation(c.rng)}\n")


def repeat_rx_slip(c):
    items = "\n".join(f"  {k + 1}. {c.pick(['Atorvastatin 40mg tabs 28', 'Amlodipine 5mg tabs 28', 'Oxycodone 5mg caps 56 (CD)', 'Sertraline 50mg 28', 'Levothyroxine 100mcg 28', 'Salbutamol 100mcg inhaler 1'])}"
                      for k in range(c.n(2, 5)))
    if c.region == "US":
        who = (f"Prescriber: {c.doc(0, 'full')}, MD   NPI {c.npi()}   DEA {c.dea(0)}\n"
               f"Pharmacy: {c.pick(['Walgreens', 'CVS', 'Rite Aid'])} #{c.n(1000, 9999)}, {c.addr()}  Ph {c.phone()}  Fax {c.fax()}\n")
    else:
        who = f"Prescriber: {c.doc(0, 'full')} ({c.lic()})\nNominated pharmacy: {c.town()} {c.pick(['Pharmacy', 'Chemist'])}  fax {c.fax()}\n"
    return (f"REPEAT PRESCRIPTION REQUEST  -  {c.hosp(False)}\nPatient: {c.pt(c.pick(['full', 'LAST_first', 'init_last']))}   DOB {c.dob()}\n"
            f"{c.hp()}{'   age ' + c.age90() if c.chance(0.15) else ''}\nRequested {c.date()} by {c.pick(['patient', c.relation() + ' ' + c.rel('first')])} via "
            f"{c.pick(['online', 'phone', 'box at reception'])}\n{items}\n{who}Next review due: {c.date('Month Y') if c.region != 'US' else c.date()}\n")


def cd_register(c):
    rows = [["Date", "Patient / supplier", "Address", "Qty in", "Qty out", "Prescriber", "DEA", "Bal", "By"]]
    bal = c.n(120, 300)
    for k in range(c.n(3, 6)):
        out = c.n(2, 20)
        bal -= out
        day = c.date(c.pick(['m/d/Y', 'm/d/y'])) if k == 0 or c.chance(0.4) else '"'
        rows.append([day, c.other("PATIENT", c.pick(["LAST_first", "full"])),
                     c.addr(), "", str(out), c.doc(k, "init_last"), c.dea(k) if c.region == "US" else "-", str(bal), c.doc(3, "initials")])
    drug = c.pick(["Morphine sulfate 10 mg/mL inj", "Oxycodone 5 mg IR", "Methylphenidate 18 mg ER", "Fentanyl 25 mcg/h patch"])
    return (f"CONTROLLED DRUG REGISTER - Schedule II\nStore: {c.hosp(False)} outpatient pharmacy   Drug: {drug}\n"
            f"Page {c.n(10, 99)}   Pharmacist in charge {c.doc(2, 'full')}   {c.lic()}   NPI {c.npi()}\n\n" + table(rows, sep=" | ")
            + f"\nWitness signature on file. Discrepancy: none. Audit {c.date()}.\n")


def outbreak_linelist(c):
    rows = [["Case", "Name", "DOB", "Ward/Bay", "Onset", "Specimen", "Result", "Status"]]
    for k in range(c.n(4, 8)):
        dob = c.dob(old=c.chance(0.25)) if c.chance(0.4) else (c.age90() + "y" if c.chance(0.35) else c.pick(["-", "unk", "see PAS"]))
        rows.append([str(k + 1), c.other("PATIENT", c.pick(["LAST_first", "last_init", "upper"])), dob,
                     c.pick(["Ward 12 B3", "Elm 4", "ward 2 side rm", "Bay C bed 4"]), c.sdate(), I.accession(c.rng),
                     c.pick(["Norovirus GII PCR +", "pending", "C. diff toxin +", "Flu A +", "neg"]), c.pick(["isolated", "discharged", "RIP", "cohorted"])])
    return (f"OUTBREAK LINE LIST - {c.pick(['norovirus', 'influenza A', 'C. difficile 027', 'COVID-19'])}\n"
            f"{c.hosp()}   IPC lead {c.doc(0, 'full')}   ext {c.n(2000, 7999)} / {c.phone()}\n"
            f"Outbreak declared {c.date()}; ward closed to admissions. UKHSA/PHU notified. {c.prose(1)}\n\n"
            + table(rows, pad=True, sep="  ") + f"\nStaff cases: {c.doc(1, c.pick(['first', 'initials']))} (HCA), {c.doc(2, c.pick(['first', 'initials']))} (RN) - off until 48h symptom-free.\n")


def ward_round(c):
    lines = [f"WARD ROUND LIST  {c.pick(['Ward 9', 'Acute Medical Unit', 'Ward 24 (Care of Elderly)', 'Surgical Assessment'])}  {c.date()}  Consultant: {c.doc(0, 'last')}"]
    for k in range(c.n(4, 8)):
        age = c.age90() if c.chance(0.25) else str(c.n(20, 89))
        lines.append(f"Bed {k + 1}: {c.other('PATIENT', c.pick(['LAST_first', 'upper', 'last_init', 'surname_first']))} {age}{c.pick(['M', 'F'])} "
                     f"{c.mrn()} - {c.pick(['CAP day 3, CURB-65 2, step down to oral', 'NOF # for theatre, ASA III', 'AKI on CKD, Cr 312 -> 204', 'delirium ?UTI, 4AT 6', 'PE on DOAC, for d/c', 'decompensated ALD, Child-Pugh C'])}"
                     + (f"; NOK {c.other('RELATIVE', 'full')} {c.phone()}" if c.chance(0.3) else "")
                     + (f"; TTO by {c.doc(1, 'initials')}" if c.chance(0.3) else ""))
    if c.chance(0.3):
        lines.append(f"Bed 3 - {c.other('PATIENT', c.pick(['last', 'full']))}" + "'s daughter wants a call; Doctor's Orders form DO-7 to be re-signed.")
    lines.append(f"{c.prose(2)}\nJobs: bloods bed 2/5, echo bed 3 (requested {c.sdate()}), OT/PT reviews. SpR {c.doc(2, 'full')} bleep {c.n(1000, 9999)}.")
    return "\n".join(lines) + "\n"


def theatre_list(c):
    rows = [["Order", "Name", "Hosp No", "Age", "Procedure", "Surgeon", "Anaes"]]
    for k in range(c.n(3, 7)):
        age = c.age90() if c.chance(0.25) else str(c.n(18, 89))
        rows.append([str(k + 1), c.other("PATIENT", c.pick(["upper", "LAST_first", "last_first"])), c.mrn(), age,
                     c.pick(["Lap appendicectomy", "Hemiarthroplasty L hip", "Cysto + stent", "EUA + I&D abscess", "Lap chole", "Wide local excision"]),
                     c.doc(0, c.pick(["last", "initials"])), c.doc(1, "last")])
    return (f"THEATRE LIST - {c.pick(['Main Theatre 4', 'DSU Theatre 2', 'Emergency (CEPOD)'])} - {c.hosp()}\n"
            f"Date: {c.date()}   Session: AM/PM   Scrub lead {c.doc(2, 'first')}\n\n"
            + table(rows, pad=c.chance(0.5), sep=c.pick([" | ", "\t"])) + "\nWHO checklist + team brief 08:00. Latex allergy: none listed.\n")


def sample_manifest(c):
    rows = [["Sample ID", "Participant", "Collected", "Type", "Vol", "Consent"]]
    for _ in range(c.n(4, 8)):
        rows.append([I.biobank(c.rng), c.other("PATIENT", c.pick(["initials", "last_init", "LAST_first"])), c.sdate() if c.chance(0.5) else "see batch",
                     c.pick(["EDTA plasma", "serum", "PAXgene RNA", "FFPE block", "buffy coat"]), f"{c.n(1, 10)}x0.5 mL", c.pick(["broad", "v3.1", "withdrawn - destroy"])])
    return (f"Biorepository shipping manifest\nFrom: {c.hosp(False)} tissue bank, {c.addr()}\nTo: central lab, {c.addr()}\n"
            f"Courier: {c.pick(['World Courier', 'Marken', 'DHL Medical Express'])} AWB {c.n(1000000000, 9999999999)}   Dry ice {c.n(5, 20)} kg\n"
            f"Shipped {c.date()}   Packed by {c.doc(0, 'full')}   Contact {c.email(who=c.docs[0], dom='biobank-' + c.pick(['lab', 'core']) + '.org')}\n\n"
            + table(rows, sep="\t") + (f"Tracking: {c.url(c.pick(['track.marken-sim.net', 'wcsample.org']))}\n" if c.chance(0.4) else "")
            + "\nTemperature logger TL-44 attached. Study: ANCHOR-2 (ISRCTN registered 2023).\n")


def lims_audit(c):
    rows = []
    for _ in range(c.n(4, 8)):
        rows.append(f"{c.date('Y-m-d')}T{c.time()}:{c.n(10, 59)}Z,{c.doc(c.n(0, 4), c.pick(['last_init', 'initials']))},{I.ip(c.rng)},"
                    f"{I.accession(c.rng)},{c.pick(['RESULT_AMEND', 'VERIFY', 'PRINT', 'ADD_TEST', 'CANCEL'])},{c.pick(['HbA1c', 'FBC', 'U&E', 'TSH', 'PSA', 'CRP'])}")
    return (f"LIMS audit trail export - requested by IG for patient {c.pt(c.pick(['LAST_first', 'full']))} ({c.mrn()})\n"
            f"Period {c.date()} to {c.date()}; ticket INC{c.n(100000, 999999)}\n"
            f"timestamp,user,workstation_ip,accession,action,test\n" + "\n".join(rows) + "\n")


def access_audit(c):
    rows = [["When", "User", "Role", "IP", "Screen", "Reason"]]
    for _ in range(c.n(4, 8)):
        rows.append([f"{c.sdate() if c.chance(0.5) else 'same day'} {c.time()}", c.doc(c.n(0, 4), c.pick(["full", "LAST_first", "init_last"])), c.pick(["RN", "Consultant", "Clerk", "Pharm", "Student"]),
                     I.ip(c.rng), c.pick(["Results", "Notes", "Demographics", "MAR", "Imaging"]), c.pick(["direct care", "break-glass", "none given", "audit"])])
    return (f"EHR access report (privacy office)\nPatient record: {c.pt('full')}  MRN {c.mrn()}  {c.nat() if c.chance(0.4) else c.hp()}\n"
            f"Complaint received {c.date()} from {c.relation()} {c.rel('full')} ({c.email(who=c.rel_p)})\n\n"
            + table(rows, pad=True, sep="  ") + f"\nOutcome: {c.pick(['no inappropriate access', '1 access referred to HR', 'staff member counselled'])}. "
            f"Privacy officer: {c.doc(3, 'full')}.\n"
            + (f"Complaint lodged via {c.url(c.pick(['feedback.healthsvc.org', 'privacy-portal.net']))}\n" if c.chance(0.25) else ""))


def parking_permit(c):
    return (f"{c.hosp(False)} - Car Parking Office\n\nConcession permit (long-stay / frequent attender)\n"
            f"Patient: {c.pt(c.pick(['full', 'init_last']))}    {c.pick(['Hospital No.', 'MRN', 'Chart'])} {c.mrn()}\n"
            f"Reason: {c.pick(['haemodialysis 3x weekly', 'chemotherapy cycle', 'NICU parent', 'radiotherapy 20 fractions'])}\n"
            f"Vehicle registration(s): {I.vehicle(c.rng, c.region)}" + (f", {I.vehicle(c.rng, c.region)}" if c.chance(0.7) else "") + "\n"
            f"Driver (if not patient): {c.rel('full')}  {c.phone()}\n"
            f"Valid {c.date()} to {c.date()}   Zone: {c.pick(['Multi-storey L2', 'Car park B', 'Blue badge bays'])}\n"
            f"Fee account {c.acct()}\n"
            f"Issued by {c.doc(0, 'first')} (Facilities) on behalf of {c.doc(1, 'init_last')}, charge nurse\n")


def rtc_report(c):
    return (f"ROAD TRAFFIC COLLISION - ED SUPPLEMENTARY FORM\n{c.hosp()}  ED arrival {c.date()} {c.time()}\n"
            f"Patient: {c.pt(c.pick(['full', 'LAST_first', 'upper']))}  {c.mrn()}   Role: {c.pick(['driver', 'front passenger', 'cyclist', 'pedestrian'])}\n"
            f"Vehicle: {c.pick(['silver Toyota Corolla', 'white Ford Transit', 'Honda CB500 motorcycle', 'blue Maruti Swift' if c.region == 'IN' else 'grey Hyundai i30'])} reg {I.vehicle(c.rng, c.region)}"
            + (f", VIN {I.vehicle(c.rng, c.region)}" if c.chance(0.3) else "") + "\n"
            f"Other vehicle reg {I.vehicle(c.rng, c.region)} (per police)\nLocation of collision: {ROAD.get(c.region, 'main road near')} {c.town()}\n"
            f"Mechanism: {c.pick(['head-on ~50 mph', 'T-bone driver side', 'rear-ended at lights', 'thrown over bonnet'])}; seatbelt {c.pick(['yes', 'no', 'n/a'])}; airbags deployed\n"
            f"{c.prose(1)}\nGCS 15, c-spine cleared by Canadian C-spine rule; CT trauma series: {c.pick(['no acute injury', 'L 7-9 rib fractures', 'grade II splenic laceration'])}\n"
            f"Police: attending officer collar no. {c.n(1000, 9999)}, incident log {c.n(100, 999)}-{c.n(10, 99)}\n"
            f"Blood alcohol sample: {c.pick(['not requested', 'taken under s.7A, sealed' if c.region == 'UK' else 'taken at police request, chain of custody form'])}.\n"
            + (f"ED encounter {c.acct()}\n" if c.chance(0.5) else "")
            + (f"Dictated {I.dictation(c.rng)}\n" if c.chance(0.6) else "")
            + f"ED physician: {c.sig(0)}\n")


def kiosk_checkin(c):
    rows = []
    for _ in range(c.n(4, 8)):
        mode = c.pick(['finger', 'palm-vein', 'iris', 'voice'])
        rows.append(f"{c.time()}  {c.other('PATIENT', c.pick(['LAST_first', 'upper', 'full']))}  {mode} "
                    f"template {I.biometric(c.rng, mode)}  match {c.n(80, 100)}.{c.n(0, 9)}%  -> {c.pick(['Clinic 3', 'Radiology', 'Phlebotomy', 'Pharmacy'])}")
    return (f"Self check-in kiosk log  {c.hosp()}  {c.date()}\nKiosk K-{c.n(1, 12)} (firmware 4.2.7)  admin: {c.doc(0, 'full')}\n"
            + "\n".join(rows) + f"\nFailed match: {c.other('PATIENT', 'full')} - re-enrolled at desk, new template {I.biometric(c.rng, 'finger')}; "
            f"voice PIN {I.biometric(c.rng, 'voice')} withdrawn at pt request.\n")


KINDS_C = {"maxfax_trauma": maxfax_trauma, "repeat_rx_slip": repeat_rx_slip, "cd_register": cd_register,
           "outbreak_linelist": outbreak_linelist, "ward_round": ward_round, "theatre_list": theatre_list,
           "sample_manifest": sample_manifest, "lims_audit": lims_audit, "access_audit": access_audit,
           "parking_permit": parking_permit, "rtc_report": rtc_report, "kiosk_checkin": kiosk_checkin}
