"""Set 10 note kinds, part A: procedure rooms, laboratories and machine printouts (recovery handover,
hyperbaric chamber log, apheresis run sheet, ECT record, critical-result call log, pharmacogenomic report,
newborn blood-spot letter, blood-gas and ECG printouts, infusion-pump download, pacemaker check, CPAP
compliance). Each function takes a Ctx and returns the note with its identifiers marked.
"""

from __future__ import annotations

import deid_frozen10_ids as I
from deid_frozen10_core import table


def pacu_handover(c):
    r = c.rng
    lines = [f"PACU HANDOVER  {c.hosp()}  Recovery bay {c.n(1, 14)}",
             f"Pt: {c.pt(c.pick(['LAST_first', 'full']))}   DOB {c.dob()}   {c.pick(['MRN', 'Hosp no', 'UR'])} {c.mrn()}",
             f"Procedure: {c.pick(['lap chole', 'TKR (L)', 'TURP', 'ORIF distal radius', 'hysteroscopy + D&C', 'EVAR'])}"
             f"   Surgeon: {c.doc(0, 'last')}   Anaes: {c.doc(1, c.pick(['init_last', 'last']))}",
             f"Anaesthetic: {c.pick(['GA + ETT', 'spinal (heavy bupivacaine 2.6 ml)', 'GA/LMA + femoral block', 'sedation'])}; {c.conf()}",
             f"Intra-op: EBL {c.n(20, 600)} ml, {c.brand()} given, fluids 1.{c.n(0, 9)} L Hartmann's",
             f"Handed over by {c.doc(2, 'first')} to {c.doc(3, c.pick(['first', 'full']))} at {c.time()}"]
    if c.chance(0.5):
        lines.append(f"Family: {c.pt_poss()} {c.relation()} {c.rel(c.pick(['first', 'full']))} waiting in lounge, mob {c.phone()}")
    if c.chance(0.25):
        lines.append(f"Likes to be called {c.pt('nick')}. {c.brand()} held this am.")
    if c.chance(0.3):
        lines.append(f"Note pt is {c.age90()} yrs - extra care with delirium screen (4AT 2)")
    lines.append(c.prose(c.n(1, 3)))
    lines.append(f"Aldrete {c.n(8, 11)}/10 at discharge from PACU. Ward: {c.pick(['Ward 7B', 'SAU', 'Ash ward', '4 North'])}")
    if c.chance(0.4):
        lines.append(f"PMH: {c.pick(['MI', 'CVA', 'appendicectomy', 'DVT'])} {c.year()}, {c.conf()}")
    if c.chance(0.4):
        lines.append(f"Encounter {c.acct()}")
    if r.random() < 0.6:
        lines.append(f"Op date {c.date()}; dictated op note job {I.dictation(r)}")
    return "\n".join(lines) + "\n"


def hyperbaric_log(c):
    rows = [["Dive", "Date", "Patient", "Table", "Attendant", "Notes"]]
    for k in range(c.n(3, 6)):
        p = c.other("PATIENT", c.pick(["last_init", "LAST_first", "init_last"]))
        rows.append([f"#{c.n(100, 999)}", c.sdate(), p, c.pick(["USN TT6", "RN62", "Comex 12", "USN TT9"]),
                     c.doc(k, "initials"), c.pick(["ear clearing slow", "uneventful", "O2 break x2", "claustrophobia - coached",
                                                   "CO poisoning, COHb 24%", "diabetic foot (Wagner 3)"])])
    head = (f"HYPERBARIC MEDICINE UNIT - {c.hosp(False)}\nChamber log for week commencing {c.date()}\n"
            f"Supervising physician: {c.doc(0, 'full')}   On call {c.phone()}\n\n")
    tail = f"\nChamber SN (Haux Starmed) recorded in plant book; PO2 calibrated {c.time()}.\nSigned: {c.sig(0)}\n"
    if c.chance(0.4):
        tail += f"Weekly report dictated, job no. {I.dictation(c.rng)}\n"
    if c.chance(0.5):
        tail += f"Incident: {c.pt('full')} (MRN {c.mrn()}) barotrauma grade 1 R ear, ENT referral faxed to {c.fax()}.\n"
    return head + table(rows, pad=c.chance(0.6), sep=c.pick([" | ", "  ", "\t"])) + tail


def apheresis_run(c):
    return (f"APHERESIS RUN SHEET\n{c.hosp()} Apheresis Unit\n"
            f"Name: {c.pt('LAST_first')}    ID {c.mrn()}    DOB: {c.dob()}\n"
            f"Procedure: {c.pick(['TPE', 'PBSC collection', 'red cell exchange', 'photopheresis (ECP)'])}   Run {c.n(1, 12)} of {c.n(5, 15)}\n"
            f"Date: {c.date()}   Machine: Spectra Optia v11.3   Access: {c.pick(['Vascath R IJ', 'PICC', 'peripheral x2'])}\n"
            f"Replacement: 4.5% albumin {c.n(2, 4)}.{c.n(0, 9)} L; ACD-A ratio 13:1\n"
            f"Pre Ca 2.{c.n(10, 40)} / post 2.{c.n(0, 30)} mmol/L; citrate tingling treated with Calcium gluconate 10%\n"
            f"Operator: {c.doc(0, c.pick(['full', 'init_last']))} RN   Prescriber: {c.sig(1)}\n"
            f"{'Billing ' + c.acct() if c.chance(0.4) else 'Billing via SLA'}\n"
            f"Product bag label: {I.biobank(c.rng) if c.chance(0.5) else 'n/a'}   Next run booked {c.sdate()}\n")


def ect_record(c):
    lines = [f"ELECTROCONVULSIVE THERAPY - TREATMENT RECORD ({c.hosp()})",
             f"Patient name  : {c.pt(c.pick(['full', 'LAST_first']))}",
             f"Hosp. number  : {c.mrn()}        {c.hp()}",
             f"Legal status  : {c.pick(['informal, capacity documented', 'Section 58 - SOAD cert', 'Form 16 (MHA)', 'voluntary'])}",
             f"Treatment no. : {c.n(1, 12)}     Date: {c.date()}",
             f"Electrodes    : {c.pick(['bitemporal', 'R unilateral (d`Elia)', 'bifrontal'])}; Thymatron System IV, {c.n(20, 90)}% charge",
             f"Seizure       : EEG {c.n(20, 70)} s, motor {c.n(10, 40)} s; cuff technique R ankle",
             f"Anaesthetist  : {c.doc(0, 'init_last')}    Psychiatrist: {c.doc(1, c.pick(['full', 'last']))}    ECT nurse: {c.doc(2, 'first')}",
             f"Meds          : propofol 1 mg/kg, suxamethonium 0.5 mg/kg; MADRS today {c.n(10, 40)}"]
    if c.chance(0.5):
        lines.append(f"Escort home: {c.relation()} {c.rel('full')} ({c.phone()}) - not to drive for 24h")
    if c.chance(0.5):
        lines.append(f"Previous course {c.year()} ({c.n(6, 14)} Rx, good response)")
    if c.chance(0.2):
        lines.append(f"Age {c.age90()} - cardiology clearance obtained")
    if c.chance(0.3):
        lines.append(f"Letter to GP dictated ({I.dictation(c.rng)})")
    lines.append(c.prose(1))
    lines.append(f"Consultant: {c.sig(1)}")
    return "\n".join(lines) + "\n"


def lab_critical_call(c):
    rows = []
    for k in range(c.n(3, 6)):
        result = c.pick(['K+ 6.9', 'Na 118', 'Hb 52 g/L', 'trop T 2,140 ng/L', 'glucose 1.9', 'plt 8', 'INR 9.8',
                         'lactate 7.1', 'blood culture GPC in clusters'])
        rows.append(f"{c.time()} {result} - "
                    f"{c.other('PATIENT', c.pick(['LAST_first', 'last_init', 'upper']))} ({c.mrn()}) acc {I.accession(c.rng)} - "
                    f"phoned to {c.doc(k, c.pick(['full', 'init_last', 'last']))} {c.pick(['read back OK', 'RB ok', 'read-back confirmed'])}"
                    + (f" on {c.phone()}" if c.chance(0.3) else ""))
    hdr = f"Critical results telephone log - {c.hosp()} Core Lab - {c.date()}\nBMS on shift: {c.doc(3, 'initials')}\n"
    if c.region == "US":
        hdr += f"Escalation: pathologist on call {c.doc(2, 'full')}, NPI {c.npi()}\n"
    return hdr + "\n".join(rows) + "\nPolicy LAB-SOP-114 v6 (critical limits 2022).\n"


def pgx_report(c):
    host = c.pick(["genomix-dx.com", "pgxlab.org", "helix-pgx.co.uk"])
    return (f"PHARMACOGENOMIC TEST REPORT\nPatient: {c.pt('full')}   Sex: {c.pick(['F', 'M'])}   DOB: {c.dob()}\n"
            f"Specimen: buccal swab   Collected: {c.date()}   Received: {c.date()}\n"
            f"Lab accession: {I.accession(c.rng)}   Biobank consent ref {I.biobank(c.rng)}\n"
            f"Ordering clinician: {c.sig(0)}\n"
            f"Results\n  CYP2C19 *1/*2 (intermediate metaboliser)\n  CYP2D6 *4/*4 (poor metaboliser)\n"
            f"  SLCO1B1 rs4149056 TC\n  VKORC1 -1639G>A AG\n  HLA-B*58:01 not detected\n"
            f"Interpretation: avoid codeine, tramadol; clopidogrel - consider prasugrel (CPIC 2022).\n"
            f"Reviewed by {c.doc(1, 'full')}, PhD, FACMG on {c.date()}\n"
            f"View online: {c.url(host)}\n"
            + (f"Lab fax {c.fax()}\n" if c.chance(0.6) else ""))


def newborn_screen(c):
    c.rel_of_sex(female=True)
    mum = c.rel(c.pick(["full", "LAST_first"]))
    return (f"{c.hosp(False)}\nNewborn Blood Spot Screening Laboratory\n\n{c.date(c.pick(['d Month Y', 'Month d, Y']))}\n\n"
            f"To: {c.doc(0, 'full')}, {c.pick(['GP', 'paediatrician', 'midwife'])}\n{c.addr(one_line=False)}\n\n"
            f"Re: Baby {c.pt(c.pick(['last', 'full']))}   born {c.date()}   mother {mum}\n"
            f"Card no. {I.accession(c.rng)}   {c.hp()}\n\n"
            f"The heel-prick sample taken on {c.sdate()} shows a raised immunoreactive trypsinogen (IRT 98 ng/mL). "
            f"Two CFTR variants were not found on the 50-variant panel. A sweat test is advised; please contact the family on "
            f"{c.phone()}. PKU, MCADD, CHT and sickle screens are normal.{' Results: ' + c.url('nbs-results.org') if c.chance(0.3) else ''}\n\n"
            f"Yours sincerely\n{c.doc(1, 'full')}\nClinical Scientist\nTel {c.phone()}  Fax {c.fax()}\n"
            + (f"Ref: {I.dictation(c.rng)}/{c.doc(1, 'initials')}\n" if c.chance(0.6) else ""))


def abg_printout(c):
    ident = c.pick([f"Patient ID: {c.mrn()}", f"Pat. ID {c.mrn()}"])
    return (f"{c.pick(['RAPIDPoint 500', 'ABL90 FLEX PLUS', 'GEM Premier 5000'])}   v{c.n(2, 9)}.{c.n(0, 9)}\n"
            f"{c.hosp()}  {c.pick(['ICU', 'ED Resus', 'Theatre 3', 'HDU'])}\n"
            f"Sample #{c.n(1000, 9999)}   {c.date(c.pick(['d-MON-Y', 'd/m/Y', 'm/d/Y']))}  {c.time()}\n"
            f"{ident}\nLast name: {c.pt('last')}   First name: {c.pt('first')}\n"
            f"Sample type: {c.pick(['Arterial', 'Venous', 'Cap'])}   FiO2 {c.n(21, 80)}%   T 37.0 C\n"
            f"pH 7.{c.n(10, 50)}\npCO2 {c.n(3, 9)}.{c.n(0, 9)} kPa\npO2 {c.n(6, 30)}.{c.n(0, 9)} kPa\n"
            f"HCO3- {c.n(12, 32)} mmol/L\nBE {c.n(-12, 6)}\nLac {c.n(0, 9)}.{c.n(0, 9)}\nK+ {c.n(3, 6)}.{c.n(0, 9)}\n"
            f"Operator: {c.doc(0, c.pick(['initials', 'last', 'upper']))}\n")


def ecg_printout(c):
    age = c.age90() if c.chance(0.45) else str(c.n(40, 89))
    return (f"{c.pt(c.pick(['LAST_first', 'upper']))}      ID:{c.mrn()}     {c.date(c.pick(['d-MON-Y', 'd/m/Y', 'm/d/Y']))} {c.time()}:{c.n(10, 59)}\n"
            f"{age} yr   {c.pick(['Male', 'Female'])}   Race: unspecified   Room: {c.n(1, 40)}   Loc: {c.n(1, 30)}\n"
            f"Vent. rate {c.n(40, 140)} BPM   PR int {c.n(120, 240)} ms   QRS dur {c.n(80, 160)} ms   QT/QTc {c.n(360, 460)}/{c.n(400, 520)} ms\n"
            f"P-R-T axes {c.n(-30, 90)} {c.n(-60, 110)} {c.n(-20, 90)}\n"
            f"{c.pick(['Sinus rhythm with 1st degree AV block', 'Atrial fibrillation with rapid ventricular response', 'Sinus bradycardia', 'Right bundle branch block'])}\n"
            f"Abnormal ECG\nReferred by: {c.doc(0, c.pick(['upper', 'last_init']))}   Confirmed by: {c.doc(1, c.pick(['upper', 'full']))} ({c.n(10, 99)}) on {c.date()}\n"
            f"MAC 5500 HD  25 mm/s  10 mm/mV  0.56-40 Hz  Page 1 of 1\n"
            + (f"Ordering NPI: {c.npi()}\n" if c.region == "US" and c.chance(0.7) else "")
            + (f"Stored: {c.url(c.pick(['muse-ecg.example.org', 'ecg-archive.net']))}\n" if c.chance(0.35) else ""))


def pump_download(c):
    if c.chance(0.4):
        return pump_json(c)
    rows = [["Date", "Time", "Event", "Value"]]
    for k in range(c.n(4, 8)):
        rows.append([c.sdate() if k == 0 else '"', c.time(), c.pick(["Bolus", "Basal change", "Occlusion alarm", "Cartridge fill", "Suspend before low"]),
                     c.pick(["2.4 U", "0.85 U/h", "-", "160 U", "42 min"])])
    return (f"CareLink-style export pasted into EPR\nPatient: {c.pt(c.pick(['full', 'LAST_first']))}   Patient ID {c.mrn()}\n"
            f"Device: {c.pick(['MiniMed 780G', 'Tandem t:slim X2', 'Omnipod 5 PDM'])}  Serial {I.device(c.rng, 'pump')}\n"
            f"CGM transmitter {I.device(c.rng)}   Report period {c.date()} - {c.date()}\n"
            f"Time in range 70-180: {c.n(40, 85)}%   GMI {c.n(6, 9)}.{c.n(0, 9)}%   CV {c.n(25, 45)}%\n\n"
            + table(rows, sep="\t") +
            f"\nReviewed with {c.pt('first')} and {c.relation()} {c.rel('first')} by DSN {c.doc(0, 'full')}.\n"
            + (f"Share link: {c.url(c.pick(['carelink-share.net', 'glooko.io', 'diasend.cloud']))}\n" if c.chance(0.5) else ""))


def pump_json(c):
    events = ",\n    ".join(
        f'{{"ts": "{c.date("Y-m-d")}T{c.time()}:00", "type": "{c.pick(["BOLUS", "BASAL", "ALARM_OCCLUSION", "SUSPEND"])}", "value": {c.n(0, 9)}.{c.n(0, 99)}}}'
        for _ in range(c.n(2, 5)))
    return ('Pump upload (raw JSON pasted by diabetes team)\n{\n'
            f'  "patient": {{"name": "{c.pt(c.pick(["full", "LAST_first"]))}", "mrn": "{c.mrn()}", "dob": "{c.date("Y-m-d", year=c.n(1940, 2016))}"}},\n'
            f'  "device": {{"model": "{c.pick(["t:slim X2", "MiniMed 780G", "Ypsopump"])}", "serial": "{I.device(c.rng, "pump")}", "fw": "7.{c.n(0, 9)}.{c.n(0, 9)}"}},\n'
            f'  "uploaded_by": "{c.doc(0, "full")}",\n  "uploader_ip": "{I.ip(c.rng)}",\n'
            f'  "events": [\n    {events}\n  ]\n}}\n')


def pacemaker_check(c):
    r = c.rng
    return (f"CARDIAC DEVICE CLINIC - {c.hosp()}\nDate of check: {c.date()}    Type: {c.pick(['in-clinic', 'remote (Carelink)', 'remote (Merlin.net)', 'post-MRI'])}\n"
            f"Name: {c.pt(c.pick(['full', 'LAST_first', 'last_first']))}  {c.pick(['MRN', 'Hosp No.', 'UR'])}: {c.mrn()}  DOB {c.dob(old=c.chance(0.3))}\n"
            f"Generator: {c.pick(['Medtronic Azure XT DR', 'Abbott Assurity MRI', 'Boston Accolade MRI', 'Biotronik Enitra 8'])}  SN {I.device(r, 'pacer')}\n"
            f"RA lead 5076-52 SN {I.device(r, 'pacer')}   RV lead SN {I.device(r, 'pacer')}\n"
            f"Implanted {c.date()} by {c.doc(0, c.pick(['init_last', 'last']))} at {c.hosp()}\n"
            f"Battery {c.n(5, 13)}.{c.n(0, 9)} yrs   RA 0.{c.n(5, 9)}V@0.4ms  RV 0.{c.n(5, 9)}V@0.4ms  R waves {c.n(6, 20)} mV\n"
            f"Pacing: AP {c.n(1, 90)}%  VP {c.n(0, 99)}%   AHRE: {c.pick(['nil', '2 episodes, longest 14 min', 'AF burden <1%'])}\n"
            f"{c.prose(1)}\n"
            f"Physiologist: {c.doc(1, 'full')}   Next: {c.pick(['remote 3/12', 'clinic 12 months', '6/12'])}\n"
            f"Remote monitor {I.device(r)} paired to home address: {c.addr()}\n"
            + (f"Patient is {c.age90()}; first implant {c.year()}.\n" if c.chance(0.35) else f"First implant {c.year()}.\n" if c.chance(0.3) else "")
            + (f"Fax copy to GP {c.fax()}\n" if c.chance(0.4) else "")
            + (f"Remote portal: {c.url(c.pick(['medtronic-carelink.example.net', 'merlin-remote.org']))}\n" if c.chance(0.3) else "")
            + (f"Report dictated {I.dictation(r)}\n" if c.chance(0.6) else "")
            + f"Reviewed: {c.sig(2)}\n")


def cpap_compliance(c):
    return (f"Sleep Service - CPAP compliance download\n{c.hosp()}\n\n"
            f"Patient: {c.pt('full')}   {c.pick(['MRN', 'Hosp no', 'ID'])} {c.mrn()}\n"
            f"Device: {c.pick(['AirSense 10 AutoSet', 'DreamStation 2', 'AirSense 11'])}  SN {I.device(c.rng, 'cpap')}  Mask: {c.pick(['F20 M', 'N30i', 'AirFit P10'])}\n"
            f"Usage {c.date()} to {c.date()}: {c.n(40, 100)}% days >= 4h, mean {c.n(3, 8)}h {c.n(0, 59)}m\n"
            f"AHI {c.n(1, 12)}.{c.n(0, 9)}/h  Leak 95th {c.n(4, 40)} L/min  P95 {c.n(7, 16)}.{c.n(0, 9)} cmH2O\n"
            f"{c.prose(1)}\nESS today 6/24 (was 16/24). DVLA {'informed' if c.region == 'UK' else 'n/a'}.\n"
            f"Seen by {c.doc(0, c.pick(['full', 'first']))}, sleep physiologist. Letter to GP {c.doc(1, 'init_last')}"
            + (f", fax {c.fax()}" if c.chance(0.5) else "") + ".\n"
            + (f"OSA diagnosed {c.year()}; AHI then {c.n(20, 70)}/h.\n" if c.chance(0.4) else "")
            + (f"Letter dictated, job {I.dictation(c.rng)}.\n" if c.chance(0.6) else "")
            + (f"myAir link: {c.url(c.pick(['myair-sleep.net', 'dreammapper.cloud']))}\n" if c.chance(0.4) else "")
            + f"Clinician: {c.sig(1)}\n"
            + (f"Pt asked to email data card photos to {c.email(who=c.docs[0], dom='sleep-' + c.pick(['unit', 'svc']) + '.org')}\n" if c.chance(0.3) else ""))


KINDS_A = {"pacu_handover": pacu_handover, "hyperbaric_log": hyperbaric_log, "apheresis_run": apheresis_run,
           "ect_record": ect_record, "lab_critical_call": lab_critical_call, "pgx_report": pgx_report,
           "newborn_screen": newborn_screen, "abg_printout": abg_printout, "ecg_printout": ecg_printout,
           "pump_download": pump_download, "pacemaker_check": pacemaker_check, "cpap_compliance": cpap_compliance}
