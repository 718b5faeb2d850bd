"""Note kinds of frozen set 12, part A: decontamination traces, mortuary books, worklists, runs, letters."""

from __future__ import annotations

from deid_frozen12_core import ocr


def decon_trace(k):
    """Endoscope decontamination traceability printout (washer-disinfector log + patient link)."""
    rows = []
    for _ in range(k.r.randint(3, 6)):
        p = k.person()
        scope = k.device()
        rows.append(f"{k.r.randint(7, 17):02d}:{k.r.randint(0, 59):02d}  {k.c(['GIF-H290', 'CF-HQ190L', 'BF-1TH190', 'TJF-Q290V'])}  {scope}  "
                    f"{k.mrn()}  {k.pt(p, k.c(['caps_last', 'last_init', 'initials']))}  AER {k.c(['2', '3', '4'])}  "
                    f"cyc {k.d(5)}  {k.dr(form='initials')}  {k.c(['PASS', 'PASS', 'PASS', 'FAIL-leak', 'PASS'])}")
    h = k.hosp()
    return (f"ENDOSCOPE TRACKING - {h} Decontamination Unit\nReport: Scope-to-patient trace   Printed {k.date()} 18:02\n"
            f"Software SteriTrak v5.3.1  Site code {k.c(['EDU2', 'EDU1'])}\n"
            f"Time   Model      Serial           Pt ID        Patient      Washer  Cycle   Op   Result\n"
            + "\n".join(rows) +
            f"\n\nLeak test fail -> scope quarantined, referred to Olympus loan. Signed {k.dr(form='full')} (Decon lead)  Printed from {k.ip()}\n"
            f"Per HTM 01-06 / AAMI ST91. Look-back required if cycle FAIL and scope used within 24 h.\n"), None


def mortuary_register(k):
    """Mortuary register pages: admissions, identification, release to funeral directors."""
    out = [f"{k.hosp()} MORTUARY REGISTER  (book {k.r.randint(12, 40)}, page {k.r.randint(1, 200)})\n"]
    for _ in range(k.r.randint(2, 4)):
        p = k.person()
        role = k.c(['son', 'daughter', 'wife', 'niece', 'brother'])
        nok = k.kin(role)
        age = k.age90() if k.r.random() < 0.5 else str(k.r.randint(40, 89))
        out.append(
            f"Reg no [[ID_MRN|{k.r.randint(100, 999)}/26]] | {k.pt(p, 'caps_last')} | age {age} | {k.mrn()} | from Ward {k.c(['7B', 'CCU', 'ED', 'Oak', 'Larch'])}\n"
            f"  Adm {k.date()} {k.r.randint(0, 23):02d}:{k.r.randint(0, 59):02d} by porter {k.dr(form=k.c(['first', 'init_last']))}; tags x2 (wrist, toe) checked\n"
            f"  Ident by {role} {k.rel(nok)} on viewing; photo {k.photo()}{k.c(['', '', '; police fingerprint ref ' + k.bioid()])}\n"
            f"  Address on file: {k.addr()}\n"
            f"  Coroner: {k.c(['not informed (MCCD issued)', 'referred, PM ordered', 'referred, no PM'])}  Cremation form 4 by {k.dr()}\n"
            f"  Released {k.date()} to {k.c(['Co-op Funeralcare', 'Dignity Funerals', 'the family funeral director'])}, vehicle {k.plate()}, signed out by {k.dr(form='init_last')}\n")
    out.append("Jewellery: yellow metal ring left on body as per NOK. High-risk infection label: N.\n")
    return "".join(out), None


def radiology_worklist(k):
    """RIS modality worklist pasted into an email (fixed columns, some names wrapped)."""
    lines = [f"Worklist {k.c(['CT2', 'MR1', 'US3', 'DR-ED'])}  {k.hosp()}  {k.date()}\n",
             "ACCESSION     MRN          PATIENT NAME               DOB         EXAM                     REF PHYS\n"]
    for _ in range(k.r.randint(4, 7)):
        p = k.person()
        exam = k.c(["CT HEAD W/O CON", "MRI L-SPINE", "US ABD COMPLETE", "CT PE PROTOCOL", "XR CHEST 2V", "MR BRAIN W+WO"])
        lines.append(f"{k.acc():14} {k.mrn():12} {k.pt(p, 'caps_last'):26} {k.dob(1, 95, 'us_pad' if k.region == 'US' else 'dmy')}  "
                     f"{exam:24} {k.dr(form='caps_last')}\n")
    lines.append(f"\nfrom: {k.email(work=True)}  -- pls prioritise the CT PE, ESR 1.2.840.10008 compliant viewer is "
                 f"{k.url('pacs')}\n")
    return "".join(lines), k.c([None, None, "upper"])


def lab_cumulative(k):
    """Cumulative laboratory report: header block then columns of results."""
    p = k.person()
    cols = [k.date(fmt=k.c(["dm", "d_mon"])) for _ in range(4)]
    tests = [("Na", "mmol/L", 135, 145), ("K", "mmol/L", 3.5, 5.2), ("Creat", "umol/L", 45, 110), ("eGFR", "", 30, 90),
             ("Hb", "g/L", 90, 150), ("CRP", "mg/L", 1, 180), ("INR", "", 0.9, 3.5)]
    body = "".join(f"{t:6} {u:7}" + "".join(f"{round(k.r.uniform(lo, hi), 1):>9}" for _ in cols) + "\n" for t, u, lo, hi in tests)
    return (f"{k.hosp()} PATHOLOGY - CUMULATIVE REPORT\n"
            f"Name: {k.pt(p, 'caps_last')}   UR: {k.mrn()}   DOB: {k.dob(fmt='dmy')}   Sex: {k.c('MF')}\n"
            f"Address: {k.addr()}\nRequesting: {k.dr(form='caps_last')}  Copy to: {k.dr()} (fax {k.fax()})\n"
            f"Lab nos: " + ", ".join(k.acc() for _ in range(k.r.randint(2, 3))) + "\n\n"
            f"Test   Units  " + "".join(f"{c:>9}" for c in cols) + "\n" + body +
            f"\nComment: eGFR by CKD-EPI 2021. K+ haemolysed x1 (sample {k.acc()}) - recollect. "
            f"Phoned to RN {k.dr(form='first')} on ward 4B at 16:40, read back OK.\n"), None


def pharmacy_delivery_run(k):
    """Driver run sheet of a home-delivery pharmacy: addresses, phones, vehicle, notes."""
    drv = k.person()
    out = [f"DELIVERY RUN {k.c(['A', 'B', 'C'])}{k.r.randint(1, 9)} - {k.date()} - driver {k.dr(drv, 'full')} - van {k.plate()}\n"]
    for i in range(k.r.randint(3, 5)):
        p = k.person()
        out.append(f"{i + 1}. {k.pt(p, k.c(['full', 'last_first', 'caps_last']))} -- {k.addr(with_state=False)} -- "
                   f"tel {k.phone()} -- {k.r.randint(1, 6)} bags (fridge: {k.c(['Y', 'N', 'N'])})\n"
                   f"   note: {k.c(['leave w/ neighbour at no. 12 if out', 'dog in yard - ring first', 'CD - signature needed', 'gate code 2580#', 'no habla ingles - llamar a la hija ' + k.rel(k.kin('daughter'), 'first') + ' primero', 'wife ' + k.rel(k.kin('wife'), 'first') + ' will sign'])}\n")
    out.append("Returned undelivered: see CD register page 41. Insulin cool box temp 4.1C on return.\n")
    return "".join(out), k.c([None, "lower"])


def mro_verification(k):
    """Medical review officer verification of a workplace drug test (US)."""
    p, mro = k.person(), k.person()
    res = k.c(["NEGATIVE", "POSITIVE - amphetamine (verified: no valid Rx)", "NEGATIVE-DILUTE", "CANCELLED - invalid result"])
    return (f"MEDICAL REVIEW OFFICER VERIFICATION REPORT\nDonor: {k.pt(p, 'caps_last')}  SSN/Employee ID: {k.nat()}\n"
            f"Specimen ID: {k.acc()}   Collected: {k.date()}   Reason: {k.c(['pre-employment', 'random', 'post-accident', 'reasonable suspicion'])}\n"
            f"Employer: {k.c(['Blue Heron Logistics', 'Apex Orchards Inc', 'Tri-State Paving'])} DER fax {k.fax()}\n"
            f"Lab result: {k.c(['positive', 'negative'])} (cutoff 500 ng/mL, GC/MS confirm 250 ng/mL)\n"
            f"Interview {k.date()} by phone {k.phone()}: donor reports Adderall 20 mg from {k.dr(form='full')}, "
            f"pharmacy confirmed, prescriber DEA {k.dea()}.\nVerified result: {res}\n"
            f"MRO: {k.dr(mro, 'full')}, MD  lic {k.lic()}  {k.date()}\nDOT 49 CFR Part 40 Federal CCF.\n"), k.c([None, "upper"])


def _faxed(fn):
    """The same kind received by fax and typed back from the scan: misread letters outside the identifiers."""
    def wrapped(k):
        markup, case = fn(k)
        return (ocr(markup, k.r, 0.03), case) if k.r.random() < 0.5 else (markup, case)
    wrapped.__doc__ = fn.__doc__
    return wrapped


def fit_to_fly_letter(k):
    """Fit-to-fly letter for an airline medical desk."""
    p = k.person()
    return (f"{k.hosp()}\n{k.addr(sep=chr(10))}\nTel {k.phone()}  Fax {k.fax()}\n\n{k.date()}\n\nTo the Medical Officer, {k.c(['Singapore Airlines MEDA', 'Air New Zealand Medical Clearance', 'Qantas Special Handling'])}\n\n"
            f"Re: {k.pt(p, 'full')} (DOB {k.dob()}), booking [[ID_ACCOUNT|{k.c('ABCDEFGH')}{k.c('KLMNPQRS')}{k.d(1)}{k.c('TUVWXYZ')}{k.d(2)}]]\n\n"
            f"This is to certify that {k.pt(p, 'first' if k.r.random() < 0.5 else 'last')} was reviewed in clinic today after a "
            f"{k.c(['pneumothorax (resolved on CXR)', 'below-knee fracture in cast', 'NSTEMI with PCI', '32-week pregnancy'])}. SpO2 97% RA, "
            f"hypoxic challenge test not needed. [[PATIENT|{p.first}]] may fly on {k.date()} with {k.c(['an aisle seat', 'a wheelchair to gate', 'no special needs'])}.\n"
            f"Companion: {(role := k.c(['husband', 'mother', 'son', 'wife']))} {k.rel(k.kin(role), 'full')}.\n\nYours faithfully\n\n{k.dr(form='full')}\n"
            f"{k.c(['MBBS FRACGP', 'MB ChB', 'FRCP'])}  Reg {k.lic()}\nD: {k.date(fmt='dmy')} T: {k.date(fmt='dmy')} Job {k.dict_id()}\n"), None


def aps_underwriting(k):
    """Attending physician statement for a life-insurance underwriter (questions and answers)."""
    p = k.person()
    return (f"ATTENDING PHYSICIAN'S STATEMENT\nInsurer ref: {k.acct()}   Policy/plan: {k.plan()}\nProposed insured: {k.pt(p, 'last_first')}\n"
            f"DOB: {k.dob()}   SSN: {k.nat()}\nAddress: {k.addr()}\n\n"
            f"1. First consultation? {k.date(fmt='mon_y')}\n2. Last seen? {k.date()}\n3. Diagnoses: T2DM (E11.9) since {k.yr(2005, 2022)}, "
            f"HTN (I10), OSA on CPAP (G47.33)\n4. Treating specialists: endocrinology {k.dr(form='full')}; sleep {k.dr()}, {k.hosp()}\n"
            f"5. Tobacco? Quit {k.yr(1995, 2020)}\n6. Most recent labs: HbA1c 7.4% ({k.date(fmt=k.c(['md', 'us']))}), LDL 2.1\n"
            f"7. Family history: father MI at 52, mother alive at {k.age90()}\n\n"
            f"Physician: {k.dr(form='full')} MD   NPI {k.npi()}   Tax ID on file   Phone {k.phone()}   Fax {k.fax()}\n"
            f"Signature ________  Date {k.date()}\nHIPAA-compliant authorization attached (signed {k.date()}).\nDictated {k.date(fmt='us')} job {k.dict_id()}\n"), None


def jury_excusal(k):
    """Letter asking a court to excuse a patient from jury service."""
    sex = k.c("FM")
    p = k.person(sex=sex)
    who = k.c(["mother", "grandfather", "aunt", "uncle"])
    return (f"{k.date(fmt=k.c(['mon_d_y', 'd_mon_y']))}\n\nJury Administrator\n{k.c(['Superior Court', 'Court of Justice', 'Circuit Court'])}, {k.loc()}\n\n"
            f"RE: Juror no. {k.acct()} - {k.pt(p, 'full')}\n{k.addr()}\n\n"
            f"To whom it may concern,\n{k.pt(p, 'first')} {k.c(['has been my patient since', 'has attended this practice since'])} {k.yr(2008, 2023)} and "
            f"is unable to sit for extended periods because of {k.c(['lumbar radiculopathy', 'Crohn disease with urgency', 'severe agoraphobia'])}. "
            f"{'She' if sex == 'F' else 'He'} also cares for {'her' if sex == 'F' else 'his'} {who}, {k.rel(k.kin(who), 'full')}, aged {k.age90()}. "
            f"I recommend excusal{k.c(['', ' or deferral until after ' + k.date(fmt='mon_y')])}.\n\n"
            f"{k.dr(form='full')}, {k.c(['MD', 'DO', 'NP'])}\nLicense {k.lic()}\n{k.hosp()}  {k.phone()}\nTranscribed by VR, ref {k.dict_id()}\n"), k.c([None, None, "lower"])


def clozapine_monitor(k):
    """Clozapine clinic blood-monitoring register (traffic-light results)."""
    out = [f"CLOZAPINE CLINIC - {k.hosp()}   Monitoring scheme: {k.c(['ZTAS', 'CPMS', 'DMS'])}   Week ending {k.date()}\n",
           "Reg no     | Patient                 | Wk  | WBC  | ANC  | Status | Dispensed | Pharm\n"]
    for _ in range(k.r.randint(4, 7)):
        p = k.person()
        anc = round(k.r.uniform(1.3, 6.2), 1)
        status = "GREEN" if anc >= 2.0 else ("AMBER" if anc >= 1.5 else "RED")
        out.append(f"{k.mrn():10} | {k.pt(p, k.c(['caps_last', 'last_first', 'init_last'])):23} | {k.r.randint(1, 300):3} | "
                   f"{round(anc + k.r.uniform(1, 3), 1):4} | {anc:4} | {status:6} | {k.c(['28d', '14d', '7d', 'HOLD'])} | {k.dr(form='initials')}\n")
    out.append(f"\nAMBER -> repeat FBC twice weekly; RED -> stop, inform {k.dr(form='full')} (consultant) and scheme on {k.phone()}.\n"
               f"Smoking status change for {k.pt(k.person(), 'full')}: levels due {k.date(fmt='dm' if k.region != 'US' else 'md')}.\n")
    return "".join(out), None


def harm_reduction_log(k):
    """Harm-reduction site log, street names and first names, short hand."""
    out = [f"SCS / NSP log - {k.loc()} site - shift {k.date()} evening - staff {k.dr(form='first')}, {k.dr(form='first')}\n"]
    for _ in range(k.r.randint(4, 7)):
        p = k.person()
        who = k.c([k.pt(p, 'first'), k.pt(p, 'nick'), f"[[PATIENT|{p.first} {p.last[0]}.]]", f"[[PATIENT|{p.first} {p.last[0]}]]"])
        out.append(f"- {who} ({k.c(['reg', 'new', 'reg'])}, code [[ID_MRN|{p.first[:2].upper()}{p.last[:2].upper()}{k.d(2)}]]) "
                   f"{k.c(['20 x 1cc, 10 cookers', 'naloxone kit + training', 'fentanyl test strips x5', 'wound check L forearm', 'OD reversed 2 doses narcan, EMS declined'])}"
                   f"{k.c(['', ', staying at ' + k.c(['the Lighthouse shelter', 'sister ' + k.rel(k.kin('sister'), 'first') + 's place', 'tent behind ' + k.addr(with_state=False)])])}\n")
    out.append("Drug checking: 4 samples, 3 fent+, 1 benzo-dope (bromazolam). Alert posted.\n")
    return "".join(out), k.c(["lower", "lower", None])


def switchboard_msg(k):
    """Switchboard message slips typed into the on-call inbox."""
    out = []
    for _ in range(k.r.randint(3, 5)):
        rel = k.c(['daughter of', 'GP surgery re', 'wife of', 'care home re', 'son of'])
        caller, p = k.kin(rel.split()[0]), k.person()
        out.append(f"MSG {k.d(4)}  {k.date()} {k.r.randint(0, 23):02d}:{k.r.randint(0, 59):02d}  For: {k.dr(form=k.c(['init_last', 'full', 'last']))} ({k.c(['ortho reg', 'Dr on call', 'ward sister', 'bed bureau'])})\n"
                   f"From: {k.rel(caller, k.c(['full', 'first', 'last_first']))}{k.c([' (', ' (', '('])}{rel} {k.pt(p, k.c(['full', 'last', 'caps_last']))})\n"
                   f"Call back: {k.phone()}{k.c(['', ' or fax ' + k.fax(), ' after 6'])}\n"
                   f"Re: {k.c(['wants update, says nobody told them about the scan', 'results of bloods from Tues', 'discharge letter never arrived', 'missed appt, asks rebook'])}\n"
                   f"Taken by {k.c(['switch', 'Oper'])} {k.d(2)}\n---\n")
    return "".join(out), k.c([None, "upper"])


KINDS = {
    "decon_trace": (decon_trace, ["UK", "IE", "AU", "US", "US", "US"]),
    "mortuary_register": (mortuary_register, ["UK", "IE", "ZA", "NZ", "US", "US", "US", "US", "NG", "KE"]),
    "radiology_worklist": (radiology_worklist, ["US", "CA", "US"]),
    "lab_cumulative": (_faxed(lab_cumulative), ["AU", "NZ", "US", "US", "US", "SG", "NG"]),
    "pharmacy_delivery_run": (pharmacy_delivery_run, ["US", "UK", "CA", "US"]),
    "mro_verification": (_faxed(mro_verification), ["US"]),
    "fit_to_fly_letter": (fit_to_fly_letter, ["SG", "NZ", "AU", "UK", "IN"]),
    "aps_underwriting": (aps_underwriting, ["US"]),
    "jury_excusal": (_faxed(jury_excusal), ["US", "US", "CA"]),
    "clozapine_monitor": (clozapine_monitor, ["UK", "US", "US", "AU"]),
    "harm_reduction_log": (harm_reduction_log, ["CA"]),
    "switchboard_msg": (switchboard_msg, ["IE", "UK", "US", "US"]),
}
