"""Note kinds of frozen set 12, part C: screening forms, community and overseas records, admin, mixed-language notes."""

from __future__ import annotations

from deid_frozen12_core import recase_text


def mri_safety_screen(k):
    """MRI safety screening form with implant cards copied in."""
    p = k.person()
    return (f"MRI SAFETY SCREENING  {k.hosp()}  Acc {k.acc()}\nName {k.pt(p, 'caps_last')}  DOB {k.dob()}  ID {k.mrn()}  Wt {k.r.randint(48, 130)} kg\n"
            f"Pacemaker/ICD? {k.c(['YES - MR conditional', 'No'])}  Model {k.c(['Azure XT DR MRI', 'Accolade MRI', 'none'])} serial {k.device()}\n"
            f"Leads: RA {k.device()} / RV {k.device()}\nCochlear implant? No   Aneurysm clips? No   Metal in eyes (welder)? {k.c(['No', 'Yes - orbit XR clear'])}\n"
            f"Neurostimulator / pump? {k.c(['No', 'intrathecal pump ' + k.device().replace('[[ID_DEVICE|', '[[ID_DEVICE|')])}\n"
            f"Implant card photographed: {k.photo()}\nScreened by {k.dr(form='full')} (radiographer)  {k.date()}\n"
            f"Second check {k.dr(form='initials')}. SAR mode: normal, 1.5T only. Zone IV access approved by MR Safety Expert.\n"), None


def carer_assessment(k):
    """Carer's assessment written as narrative prose; names and places appear once deep in the text, and
    half of the reviews carry the last assessment's paragraph copied forward under today's."""
    c, p = k.person(), k.person()
    p.last = c.last if k.r.random() < 0.7 else p.last
    story = (f"{k.rel(c, 'first')} is {k.c(['a retired postman', 'a part-time teaching assistant', 'a former nurse'])} who has looked after "
             f"{k.pt(p, 'first')} since the stroke in {k.yr(2016, 2025)}. The two of them moved from "
             f"{k.loc()} to be closer to the hospital, and {k.rel(c, 'first')} describes the first winter as 'the worst of my life'. "
             f"Night-time is hardest: {k.pt(p, 'first')} wakes three or four times, is incontinent and sometimes does not recognise {k.rel(c, 'first')}. "
             f"There is a grown-up child, {k.rel(k.person(), 'first')}, who lives abroad and phones on Sundays, and a neighbour who sits in on Tuesday "
             f"mornings so that {k.rel(c, 'first')} can go to the carers' group at the library. {k.pt(p, 'first')}'s speech is slow but "
             f"the crossword is still done every morning.")
    today = (f" {k.rel(c, 'first')} scored {k.r.randint(12, 24)}/24 on the Carer Strain Index and said twice that 'nobody asks about me'. "
             f"Own health: hypertension, left knee OA, waiting for a review with {k.dr(form='full')} at {k.hosp()}.")
    copied = ""
    if k.r.random() < 0.5:
        copied = f"\n\n--- copied forward from assessment of {k.date()} by {k.dr(form='init_last')} ---\n{story}\n--- end of copied text ---"
    return (f"CARER'S ASSESSMENT (Care Act 2014, s.10)\nCarer: {k.rel(c, 'full')}   Cared-for: {k.pt(p, 'full')}, {k.mrn()}\n"
            f"Address: {k.addr()}   Tel {k.phone()}   Email {k.email(c)}\nAssessor {k.dr(form='full')}, {k.date()}\n\n"
            f"{story}{today}{copied}\n\nOutcomes: respite 2 nights/month, Carers' Emergency Card no. {k.acct()}, referral "
            f"to the Parkinson's UK adviser not needed (diagnosis is vascular dementia).\nReview {k.date()}.\n"
            f"Dictated by assessor, ref {k.dict_id()}\n"), None


def cruise_ship_medical(k):
    """Ship's medical centre log (guests from many countries)."""
    out = [f"MV {k.c(['Coral Majesty', 'Southern Aurora', 'Pacific Wanderer'])} - MEDICAL CENTRE DAILY LOG - {k.date()}\n"
           f"Ship's doctor {k.dr(form='full')}  Nurses {k.dr(form='first')}, {k.dr(form='first')}\n"]
    for _ in range(k.r.randint(3, 5)):
        reg = k.c(["US", "UK", "AU", "CA", "NZ", "SG", "PH", "IN"])
        k2 = type(k)(k.r, reg)
        p = k2.person()
        out.append(f"- Cabin {k.r.randint(2, 12)}{k.r.randint(100, 399)} {k2.pt(p, k.c(['caps_last', 'full']))} ({reg}) "
                   f"{k.c(['gastroenteritis - isolate 48h (outbreak code OPP-2)', 'fall on pool deck, wrist #, splint', 'chest pain, trop neg, fit', 'crew: hand lac 3 sutures'])}; "
                   f"home {k2.addr(with_state=False)}; emerg contact {k2.rel(k2.person(), 'first')} {k2.phone()}"
                   f"{k.c(['', '; travel ins policy ' + k2.plan()])}\n")
    out.append("Medevac: none. Port agent informed re disembarkation at next port. Zofran stock 40 ODT.\n")
    return "".join(out), None


def mine_clinic(k):
    """Mine-site clinic shift record (access biometrics, vehicle involved, company file)."""
    p = k.person()
    return (f"{k.c(['No. 3 Shaft', 'North Pit', 'Central Plant'])} MINE CLINIC - shift {k.c(['A', 'B', 'C'])} - {k.date()}\n"
            f"Employee: {k.pt(p, k.c(['caps_last', 'surname_first']))}  Co. no {k.acct()}  Clinic file {k.mrn()}  ID {k.nat()}\n"
            f"Access card fingerprint template {k.bioid()} (lamp room clock-in 05:12)\n"
            f"Incident: {k.c(['struck by LHD bucket', 'heat exhaustion at 1,200 m level', 'fall from ladderway', 'dust in eye'])}; vehicle "
            f"{k.plate()} ({k.c(['Toyota LC79', 'Hilux', 'LHD 14t'])}) involved: {k.c(['no', 'yes'])}\nObs: HR 104, BP 138/86, GCS 15, core temp 38.9\n"
            f"{'Hy se hy het nie genoeg water gedrink nie (says he did not drink enough water). ' if k.region == 'ZA' else ''}"
            f"Rx: {k.c(['oral rehydration, rest 4h', 'irrigation, fluorescein: no abrasion', 'splint, sent to ' + k.hosp()])}\n"
            f"Nurse {k.dr(form='full')}  OMP review {k.dr(form='init_last')}. Wife {k.rel(k.kin('wife'), 'first')} called on {k.phone()}.\n"
            f"Fit for: {k.c(['surface duties 48h', 'normal duties', 'unfit - PTW withdrawn'])} (COMAH form 21.3 done)\n"), k.c([None, "upper"])


HI_SX = ["bukhar 3 din se (fever x3d), RDT mal neg", "dast / loose stools, ORS diya", "khansi, amoxicillin 5d",
         "leptospirosis prophylaxis doxy 200", "pair mein ghav - wound dressing", "BP 170/100, amlodipine chalu"]
PH_SX = ["lagnat 3 araw, dengue NS1 neg", "pagtatae, ORS given", "ubo at sipon, amoxicillin", "leptospirosis prophylaxis doxy 200",
         "paa may sugat - wound dressing", "hilo, BP 160/100"]


def relief_camp_register(k):
    """Flood relief camp medical register (English with Hindi / Tagalog glosses), several families."""
    hi = k.region == "IN"
    out = [f"{'RELIEF CAMP MEDICAL REGISTER - ' + (k.c(['Govt HSS school', 'Panchayat hall']) if hi else k.c(['Barangay covered court', 'Central School gym']))} - camp at {k.loc()} - {k.date()}\n"
           f"MO: {k.dr(form='full')}  ANM/BHW: {k.dr(form='first')}\n\n"]
    for i in range(k.r.randint(4, 6)):
        of = k.c(['w/o', 's/o', 'd/o'])
        hh, p = k.person(sex="M"), k.person(sex="M" if of == "s/o" else "F")
        p.last = hh.last
        age = k.age90() if k.r.random() < 0.1 else str(k.r.randint(18 if of == "w/o" else 1, 85))
        out.append(f"{i + 1}. {k.pt(p, k.c(['full', 'first', 'surname_first']))}, {age}{k.c(['y', ' yrs', ''])}, "
                   f"{of} {k.rel(hh, 'full')}, {'Aadhaar' if hi else 'PhilSys'} {k.nat()}{k.c(['', '', ' (thumb auth ' + k.bioid() + ')'])}"
                   f"{', ' + ('PMJAY ' if hi else 'PhilHealth ') + k.plan() if k.r.random() < 0.5 else ''} - "
                   f"{k.c(HI_SX if hi else PH_SX)}\n")
    out.append(f"Referred to {k.hosp()}: case 2 (dehydration severe). Ambulance {k.plate()}. Helpline {k.phone()}.\n")
    return "".join(out), None


def it_helpdesk_ticket(k):
    """IT service-desk ticket about a patient's tablet for a video visit."""
    p, c = k.person(), k.person()
    return (f"INC{k.d(7)} | Priority 3 | Assigned: {k.c(['Clinical Apps', 'Network Ops'])}\nCaller: {k.dr(c, 'full')} (ext {k.d(4)}) {k.email(c, True)}\n"
            f"Short desc: Pt can't join video visit - patient {k.pt(p, 'last_first')} ({k.mrn()})\n"
            f"Detail: pt on guest wifi, device {k.device()} (MAC [[ID_DEVICE|a4:83:e7:{k.d(2)}:1b:{k.d(2)}]]) got IP {k.ip()}, blocked by proxy. "
            f"Visit link {k.url('visit')} returns 403. Pt personal email {k.email(p)}; family helper {k.rel(k.person(), 'first')} on {k.phone()}.\n"
            f"Work notes: whitelisted {k.ip()} on FW rule 1182; Citrix Workspace 2309 reinstall on COW-14. Closed by {k.dr(form='first')} {k.date()}.\n"), None


def proxy_access_request(k):
    """Request for proxy access to a patient portal (identity checks, voiceprint for the phone line)."""
    p, r = k.person(), k.person()
    return (f"PROXY ACCESS REQUEST - {k.hosp()} patient portal\nPatient: {k.pt(p, 'full')}  {k.mrn()}  DOB {k.dob()}\n"
            f"Proxy: {k.rel(r, 'full')}  relationship: {k.c(['daughter', 'son', 'spouse', 'legal guardian', 'niece'])}\n"
            f"Proxy email {k.email(r)}  mobile {k.phone()}\nID checked: {k.c(['driver licence', 'passport'])}, scan {k.photo()}\n"
            f"Phone-line voiceprint enrolled: {k.bioid()}\nCapacity: {k.c(['patient consents (signed)', 'LPA health & welfare registered', 'patient lacks capacity - best interests'])}\n"
            f"Access level: {k.c(['full record', 'appointments + repeat Rx only', 'no free-text notes'])}\nPortal invite: {k.url('portal')}\n"
            f"Verified by {k.dr(form='full')}  {k.date()}\n"), None


def credentialing_packet(k):
    """Medical staff credentialing checklist for a new physician."""
    d = k.person()
    return (f"CREDENTIALING FILE - {k.dr(d, 'last_first')}, {k.c(['MD', 'DO'])}  Dept: {k.c(['Hospitalist', 'Anesthesia', 'Emergency'])}\n"
            f"NPI {k.npi()}   DEA {k.dea(d)}   State license {k.lic()} exp {k.date()}\nHome: {k.addr()}  Cell {k.phone()}  {k.email(d)}\n"
            f"Med school: {k.c(['Univ of Kentucky', 'SUNY Upstate', 'Ross Univ'])} {k.yr(1995, 2019)}; residency {k.yr(1999, 2022)}\n"
            f"NPDB query {k.date()}: no reports. OIG/SAM: clear. Board cert ABIM {k.yr(2003, 2023)}.\n"
            f"References: {k.dr(form='full')} ({k.hosp()}), {k.dr(form='full')}\nBadge photo {k.photo()}  Live Scan fingerprint TCN {k.bioid()}  Proctor: {k.dr(form='last')}\n"), None


def eob_statement(k):
    """Explanation of benefits (claims table)."""
    p = k.person()
    rows = "".join(f"{k.date(fmt='us_pad')}  {k.c(['99214', '80053', '71046', '93000', 'J1885'])}  {k.dr(form='caps_last'):22}  "
                   f"${k.r.randint(80, 900)}.00  ${k.r.randint(10, 300)}.{k.d(2)}  {k.c(['PR-1', 'CO-45', 'PR-2', ''])}\n"
                   for _ in range(k.r.randint(3, 5)))
    return (f"EXPLANATION OF BENEFITS - THIS IS NOT A BILL\n{k.pt(p, 'caps_last')}\n{k.addr(sep=chr(10))}\n\n"
            f"Member ID {k.plan()}  Claim {k.acct()}  Processed {k.date()}\nProvider: {k.hosp()}  Patient acct {k.acct()}\n\n"
            f"Service     Code   Provider                Billed   You owe  Remark\n" + rows +
            f"\nQuestions: [[PHONE|1-800-555-0{k.d(3)}]] (TTY 711) or {k.url('portal')}\n"), "upper"


def financial_assistance_app(k):
    """Hospital financial-assistance (charity care) application with household and assets."""
    p, sp = k.person(), k.person()
    return (f"FINANCIAL ASSISTANCE APPLICATION - {k.hosp()}\nGuarantor: {k.pt(p, 'full')}  SSN {k.nat()}  Acct {k.acct()}\n"
            f"Address: {k.addr()}  Phone {k.phone()}\nHousehold: spouse {k.rel(sp, 'full')} (SSN {k.nat()}), children "
            f"{k.rel(k.person(), 'first')} ({k.r.randint(2, 17)}), {k.rel(k.person(), 'first')} ({k.r.randint(2, 17)})\n"
            f"Income: ${k.r.randint(1, 4)},{k.d(3)}/mo (W-2, unemployment since {k.date(fmt='mon_y')})\n"
            f"Assets: checking ${k.r.randint(100, 2000)}; vehicle {k.c(['2011 Ford Escape', '2016 Nissan Sentra', '2009 Chevy Silverado'])} VIN/plate {k.plate()}\n"
            f"Federal poverty level 138% -> 100% discount tier (policy FA-2024-03)\nCrowdfunding page disclosed: {k.url('fund')}\nReviewed by {k.dr(form='full')}, patient financial counselor, {k.date()}\n"), None


def wearable_upload(k):
    """Patient portal message with smartwatch ECG upload (informal writing)."""
    p = k.person()
    body = k.c([
        f"hi doc its {k.pt(p, 'lower')} again, my watch said AFib twice last night (around 2am) pdf attached "
        f"ecg_{k.d(8)}.pdf, watch serial {k.device()}. i didnt take the metoprolol tuesday cause i ran out. my {(role := k.c(['husband', 'wife', 'son']))} {k.rel(k.kin(role), 'first')} "
        f"says im overreacting lol. pls call {k.phone()}",
        f"Dear {k.dr(form='init_last')}, please find the Kardia recordings from {k.date()} and {k.date()}. Device {k.device()}. "
        f"The app account is {k.email(p)}. Shared link: {k.url('share')}. Regards, {k.pt(p, 'full')}",
    ])
    return (f"Portal msg #{k.d(8)}  from {k.pt(p, 'full')} ({k.mrn()})  to {k.hosp()} cardiology pool  {k.date()}\n\n{body}\n\n"
            f"-- triage: {k.dr(form='first')} RN: HR 88-140 irregular on strip, CHA2DS2-VASc 3; booked with {k.dr(form='last')} {k.date(fmt='md' if k.region == 'US' else 'dm')}\n"), None


def donor_deferral(k):
    """Blood-donor deferral letter."""
    p = k.person()
    service = dict(IE="Irish Blood Transfusion Service", NG="National Blood Service Commission, Nigeria", CA="Canadian Blood Services",
                   AU="Australian Red Cross Lifeblood")[k.region]
    return (f"{service}\n"
            f"{k.date(fmt='d_mon_y')}\n\n{k.pt(p, 'full')}\n{k.addr(sep=chr(10))}\n\nDonor no. {k.mrn()}\n\n"
            f"Dear {k.pt(p, k.c(['first', 'last']))},\nThank you for attending the session at {k.c(['the GAA club', 'the parish hall', 'the mobile unit'])} in {k.loc()} "
            f"on {k.date()}. Your haemoglobin was {k.c(['118', '121', '124'])} g/L, below our threshold of 125 g/L (men 135). "
            f"We have deferred you for {k.c(['6 months', '12 weeks'])}. Please see your GP, {k.dr(form='full')}, for a ferritin check.\n"
            f"Questions: {k.phone()} or {k.email(work=True)}\n\nYours sincerely\n{k.dr(form='full')}, Medical Officer\nRef {k.dict_id()}\n"), None


def ph_endorsement(k):
    """Philippine ward endorsement in Taglish (English with Tagalog)."""
    out = [f"ENDORSEMENT {k.c(['Ward 3 Medicine', 'Medicine Ward Bldg B', 'Surgery Male'])} {k.hosp()} {k.date()} 2-10 shift\n"
           f"Endorsed by {k.dr(form='full')} RN to {k.dr(form='full')} RN\n\n"]
    for b in range(1, k.r.randint(4, 7)):
        sex = k.c("MF")
        p = k.person("PH", sex)
        bantay = k.c(['nanay', 'asawa', 'anak', 'kapatid'])
        out.append(f"Bed {b} - {k.pt(p, k.c(['surname_first', 'full', 'caps_last']))}, {k.age90() if k.r.random() < 0.12 else k.r.randint(16, 88)}/{sex}, "
                   f"{k.c(['dengue w/ warning signs, plt 48 - for repeat CBC mamayang 6pm', 'CAP-MR, nasa O2 2lpm, d/c na bukas', 'post-op appy, NPO pa, pain 3/10', 'PTB, sputum AFB pending, naka-mask si bantay'])}. "
                   f"Bantay: {bantay} {k.rel(k.kin(bantay, 'PH'), k.c(['first', 'full']))}{k.c(['', ' ' + k.phone()])}.\n")
    out.append(f"Pending: crossmatch for bed 2, PhilHealth form CF4 pa sa admitting. Ingat po!\n")
    return "".join(out), k.c([None, "lower"])


def telepsych_transcript(k):
    """Tele-psychiatry session auto-transcript, uncorrected, with speaker labels and misheard words."""
    p, dr = k.person(), k.person()
    mother = k.kin("mom")
    D = f"DR [[CLINICIAN|{dr.last.upper()}]]"
    return (f"[Auto-transcript - video visit - {k.date()} - {k.hosp()} Behavioral Health - job {k.dict_id()} - NOT REVIEWED]\n"
            f"{D}: ok so {k.pt(p, k.c(['first', 'lower']))} can you hear me now\n"
            f"PATIENT: yeah yeah its frozen a bit. im at my moms place in {k.loc()} this week\n"
            f"{D}: thats fine. how is the sir trailing the sertraline doing\n"
            f"PATIENT: better i guess. sleeping. my mom {k.rel(mother, k.c(['first', 'full']))} says im less snappy\n"
            f"{D}: any thoughts of hurting yourself\nPATIENT: no not since march\n"
            f"{D}: good. and the address for the pharmacy is still {k.addr(with_state=False)}\n"
            f"PATIENT: yes but send it to the one on {k.c(['main street', 'the highway'])} actually\n"
            f"{D}: ok ill put that in. next visit with doctor {recase_text(k.dr(form='last'), 'lower')} in four weeks\n"
            f"[end - 22 min - PHQ-9 9, GAD-7 6 - signed {k.dr(dr, 'full')}]\n"), None


KINDS = {
    "mri_safety_screen": (mri_safety_screen, ["UK", "US", "US", "US", "SG", "AU"]),
    "carer_assessment": (carer_assessment, ["UK"]),
    "cruise_ship_medical": (cruise_ship_medical, ["AU", "US", "US", "UK"]),
    "mine_clinic": (mine_clinic, ["ZA", "AU", "ZA"]),
    "relief_camp_register": (relief_camp_register, ["IN", "PH"]),
    "it_helpdesk_ticket": (it_helpdesk_ticket, ["US", "US", "CA", "UK"]),
    "proxy_access_request": (proxy_access_request, ["UK", "US", "US", "NZ"]),
    "credentialing_packet": (credentialing_packet, ["US"]),
    "eob_statement": (eob_statement, ["US"]),
    "financial_assistance_app": (financial_assistance_app, ["US"]),
    "wearable_upload": (wearable_upload, ["US", "US", "US", "AU", "SG", "UK"]),
    "donor_deferral": (donor_deferral, ["IE", "NG", "CA", "AU", "NG"]),
    "ph_endorsement": (ph_endorsement, ["PH"]),
    "telepsych_transcript": (telepsych_transcript, ["US", "US", "CA"]),
}
