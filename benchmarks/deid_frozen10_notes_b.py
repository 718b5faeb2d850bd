"""Set 10 note kinds, part B: community care and notes from outside the US (optician's GOS 18 referral,
community midwife postnatal visit, commercial diving medical, chiropractic SOAP, TCM clinic card, Indian
OPD case paper, Kenyan community-health-volunteer household visit, TB DOTS card, PhilHealth claim form, HIV
ART clinic visit, medical-tourism quote e-mail, hospice bereavement call).
"""

from __future__ import annotations

import deid_frozen10_ids as I
from deid_frozen10_core import P


def optician_gos18(c):
    return (f"GOS 18  REFERRAL / INFORMATION FORM\n{c.pick(['Specsavers', 'Boots Opticians', 'Vision Express', 'independent practice'])} - "
            f"{c.town()} branch\n\nPatient: {c.pt(c.pick(['full', 'LAST_first']))}\nDate of birth: {c.dob()}\n"
            f"Address: {c.addr()}\n{c.hp()}\nGP: {c.doc(0, c.pick(['init_last', 'full']))}, {c.hosp(False)}\n\n"
            f"Referred to: Eye Casualty / {c.hosp()}\nUrgency: {c.pick(['routine', 'urgent (within 1 week)', 'emergency - same day'])}\n"
            f"Findings: VA R 6/{c.pick(['6', '9', '12', '18'])} L 6/{c.pick(['6', '9', '24', '60'])}; IOP {c.n(12, 34)}/{c.n(12, 34)} mmHg (iCare); "
            f"C/D 0.{c.n(3, 9)}; {c.pick(['drusen at macula R', 'disc haemorrhage L', 'RAPD L', 'new floaters + shower of pigment'])}\n"
            f"OCT scan file {I.photo(c.rng)} sent via OptoMize{' (' + c.url('optomize-referrals.co.uk') + ')' if c.chance(0.35) else ''}.\n\nOptometrist: {c.doc(1, 'full')}  GOC {P('ID_LICENSE', '01-' + str(c.n(10000, 99999)))}\n"
            f"Date: {c.date()}   Practice tel {c.phone()}" + (f"  fax {c.fax()}" if c.chance(0.5) else "") + "\n")


def postnatal_visit(c):
    c.make_woman()
    baby = c.other("PATIENT", "first")
    return (f"Community midwifery - day {c.n(3, 11)} postnatal visit\nMother: {c.pt('full')}  {c.mrn()}   Baby: {baby}\n"
            f"Visit address: {c.addr()}\nDate {c.date()}  Midwife {c.doc(0, c.pick(['first', 'full']))}\n\n"
            f"{c.pt('first')} well, {c.pick(['SVD', 'LSCS', 'ventouse'])} on {c.sdate()}. Perineum healing, lochia normal. "
            f"{c.pick(['Apgar 9/10 at 5 min.', 'Anti-D given (Rhophylac 1500 IU), Kleihauer negative.', 'Bishop score 8 at induction.', 'Hb 98 - Ferinject discussed.', 'Group B strep negative.'])} Breastfeeding - latch improved, good swallows. Mood: EPDS 6. {c.relation().capitalize()} {c.rel('first')} present and supportive.\n"
            f"Baby: wt {c.n(2800, 4200)} g (-{c.n(2, 9)}% BW), jaundice to chest, SBR {c.n(150, 290)} -> plotted below line. "
            f"Newborn bloodspot taken, card {I.accession(c.rng)}.\n"
            f"{'Car reg ' + I.vehicle(c.rng, c.region) + ' - parking permit issued. ' if c.chance(0.25) else ''}Plan: revisit {c.sdate()}; GP 6/52 check with {c.doc(1, c.pick(['init_last', 'last']))}. Contact: {c.phone()}\n"
            + (f"Maternity record: {c.url(c.pick(['badgernotes-sim.net', 'mymaternity.org']))}\n" if c.chance(0.3) else ""))


def diving_medical(c):
    return (f"COMMERCIAL DIVER MEDICAL EXAMINATION\nExamining doctor: {c.sig(0)}\n"
            f"Diver: {c.pt(c.pick(['upper', 'full']))}   DOB {c.dob()}   {c.nat()}\n"
            f"Employer: {c.pick(['Subsea', 'Nautilus Marine', 'Harbour Works'])} Ltd   Contact {c.phone()}\n"
            f"Previous certificate {c.year()}; decompression illness {c.pick(['denied', 'type 1 in ' + c.year()])}\n"
            f"Spirometry FEV1 {c.n(3, 6)}.{c.n(0, 9)} L (98% pred); ECG normal; audio 4 kHz {c.n(10, 45)} dB\n"
            f"Valsalva both TMs mobile; Romberg negative; sharpened Romberg 30 s\n"
            f"{c.prose(1)}\n"
            f"Outcome: {c.pick(['FIT', 'FIT with restriction (no saturation)', 'UNFIT 3 months'])}   Valid until {c.date()}\n"
            f"Photo ID checked: passport photo {I.photo(c.rng)}\nSigned {c.date()}\n"
            + (f"Typed from dictation {I.dictation(c.rng)}\n" if c.chance(0.35) else ""))


def chiropractic(c):
    return (f"S: {c.pt(c.pick(['first', 'full']))} reports low back pain 6/10 since lifting at work {c.sdate()}, "
            f"no saddle anaesthesia.{' Similar episode ' + c.year() + ', settled with 4 sessions.' if c.chance(0.5) else ''}\nO: SLR neg bilat, Kemp's + R, L4/5 hypomobile; Oswestry 34%.\n"
            f"A: mechanical LBP, no red flags. {c.prose(1)}\nP: HVLA L/S, soft tissue, McKenzie ext. Review {c.sdate()}.\n"
            f"-- {c.doc(0, c.pick(['full', 'init_last']))}, DC   {c.lic()}\n"
            f"Claim: {c.hp()}   Acct {c.acct()}\n"
            + (f"Clinic fax {c.fax()}\n" if c.chance(0.4) else "")
            + (f"Dragon job {I.dictation(c.rng)}\n" if c.chance(0.3) else ""))


def tcm_clinic(c):
    return (f"{P('HOSPITAL', c.pick(['Thye Hua Kwan TCM Centre', 'Chung Hwa Free Clinic', 'Tampines Chinese Medicine Clinic']))} - Consultation card\n"
            f"Name: {c.pt(c.pick(['full', 'upper']))}    {c.nat()}    Tel: {c.phone()}\n"
            f"Address: {c.addr()}\nVisit: {c.date()}    Physician: {c.doc(0, 'full')} ({c.lic()})\n"
            f"Complaint: insomnia, night sweats 3/12{', menopause since ' + c.year() if c.chance(0.4) else ''}. Tongue red, little coat; pulse thin rapid.\n"
            f"Pattern: Yin deficiency with heart-kidney disharmony.\n"
            f"Rx: Tian Wang Bu Xin Dan granules 3 g tds x 7 days; acupuncture HT7, SP6, KI3.\n"
            f"Western meds: {c.brand()} (advised 2h apart). Review {c.sdate()}.\n")


def opd_case_paper(c):
    c.rel_of_sex(female=False)  # S/o, W/o, D/o name the father or husband
    age = c.pick([str(c.n(18, 88)), c.age90()])
    return (f"{c.hosp()}\nOUT-PATIENT CASE RECORD\nOPD No: {c.mrn()}   Dept: {c.pick(['Medicine Unit II', 'Ortho OPD', 'Pulmonology', 'ENT'])}   Date: {c.date()}\n"
            f"Name: {c.pt(c.pick(['upper', 'full']))}   Age/Sex: {age}/{c.pick(['M', 'F'])}   "
            f"{c.pick(['S/o', 'W/o', 'D/o', 'C/o'])} {c.rel(c.pick(['upper', 'full']))}\n"
            f"Address: {c.addr()}\nMob: {c.phone()}   {c.nat()}\n"
            f"c/o fever with chills x 5 days, body ache. k/c/o DM-2{' since ' + c.year() if c.chance(0.5) else ''} on Tab. Glycomet 500 BD.\n"
            + (f"MLC: RTA, vehicle no. {I.vehicle(c.rng, c.region)}, PS informed.\n" if c.chance(0.3) else "")
            + f"{c.prose(1)}\nO/E: T 101.2F, PR 104, BP 110/70, pallor +, no icterus. P/A soft, spleen just palpable.\n"
            f"Inv: CBC, MP/QBC, Widal, NS1 Ag, LFT. Dengue IgM sent (Lab No {I.accession(c.rng)}).\n"
            f"Adv: Tab. Dolo 650 SOS, ORS, review with reports{' - online at ' + c.url(c.pick(['labreports-kims.in', 'jsslab.co.in'])) if c.chance(0.25) else ''}.\n{c.doc(0, c.pick(['init_last', 'upper']))} (JR)  /  {c.doc(1, 'init_last')} (Unit Chief)\n")


def chv_household_visit(c):
    kids = ", ".join(f"{c.other('PATIENT', 'first')} ({c.n(1, 14)}y)" for _ in range(c.n(1, 4)))
    return (f"CHV household visit form (MOH 513)\nCHU: {c.town()} {c.pick(['Central', 'East', 'Kanyakwar', 'Githurai'])}\n"
            f"Date: {c.date()}   CHV: {c.doc(0, 'full')}   CHA: {c.doc(1, 'full')}\n"
            f"Household head: {c.rel('full')}   Tel {c.phone()}   {c.nat()}\n"
            f"Members seen: {c.pt('full')} (index), {kids}\n"
            f"Findings: index client on ART, adherence good; child < 5 MUAC green; ITN present and used; "
            f"no cough > 2 weeks; latrine present.\nReferral: {c.pick(['none', 'to ' + P('HOSPITAL', c.pick(['Kisumu County Referral', 'Nakuru PGH', 'Embu Level 5'])) + ' for ANC'])}\n"
            f"Next visit {c.sdate()}\n"
            + (f"Transport: boda-boda reg {I.vehicle(c.rng, c.region)} (rider {c.rel('first')})\n" if c.chance(0.35) else ""))


def dots_card(c):
    rows = [["Month", "Doses", "Sputum", "Weight", "Initials"]]
    for m in ["M1", "M2", "M3", "M5", "M6"][:c.n(3, 6)]:
        rows.append([m, f"{c.n(24, 31)}/{c.n(28, 31)}", c.pick(["AFB 2+", "neg", "GXP MTB det, RR not det", "not done"]),
                     f"{c.n(38, 72)} kg", c.doc(c.n(0, 4), "initials")])
    return (f"TB TREATMENT CARD\nFacility: {c.hosp()}   TB Reg No: {c.mrn()}\n"
            f"Name: {c.pt(c.pick(['full', 'upper', 'LAST_first']))}   Sex {c.pick(['M', 'F'])}   Phone {c.phone()}\n"
            f"Address: {c.addr()}\nTreatment supporter: {c.rel('full')} ({c.relation()})\n"
            f"Start date {c.date()}   Regimen 2RHZE/4RH   HIV: {c.pick(['neg', 'pos - on TLD', 'unknown'])}\n\n"
            + "\n".join(" | ".join(r) for r in rows) + "\n\nDOT observer: " + c.doc(0, "full") + "\n"
            + (f"Video-DOT link: {c.url('vdot-tb.org')}\n" if c.chance(0.3) else ""))


def philhealth_claim(c):
    return (f"CLAIM FORM 2 (CF-2)  Series #{c.acct()}\nI. HEALTH CARE INSTITUTION: {c.hosp()}   Accreditation no. H{c.n(10, 99)}0{c.n(10000, 99999)}\n"
            f"Address of HCI: {c.addr()}\n\nII. PATIENT\n1. {c.pick(['PhilHealth PIN', 'PIN of member'])}: {P('ID_HEALTHPLAN', str(c.n(10, 99)) + '-' + str(c.n(100000000, 999999999)) + '-' + str(c.n(0, 9)))}\n"
            f"2. Name of Patient: {c.pt('LAST_first')}\n3. Referred by another HCI: {c.pick(['No', 'Yes - ' + P('HOSPITAL', c.pick(['RHU Miagao', 'Tacloban City Hospital', 'Dumaguete Puericulture']))])}\n"
            f"4. Confinement: Admitted {c.date()}  {c.time()}  Discharged {c.date()}  {c.time()}\n"
            f"{'HCI fax ' + c.fax() if c.chance(0.4) else ''}\n5. Disposition: improved\n6. Admission dx: CAP-MR; Final dx: J18.9 Pneumonia, unspecified; RVS -\n"
            f"7. Attending: {c.doc(0, 'upper')}, MD   Accreditation {P('ID_LICENSE', str(c.n(1000, 9999)) + '-' + str(c.n(1000000, 9999999)) + '-' + str(c.n(0, 9)))}\n"
            f"Member (if not patient): {c.rel('LAST_first')}  contact {c.phone()}\n"
            f"Certified correct: {c.doc(1, 'full')}, Billing clerk   {c.date()}\n")


def art_clinic(c):
    return (f"{c.hosp()} - ART clinic\n{c.date()}\nFolder {c.mrn()}    {c.pt(c.pick(['full', 'LAST_first', 'upper']))}\n"
            f"{c.nat()}\nCurrent regimen: TLD since {c.sdate()}; VL {c.pick(['LDL', '<50', '1 240 copies/mL'])} ({c.date()}); CD4 {c.n(80, 900)}\n"
            f"Screen: TB symptoms neg, IPT completed {c.year()}; BP 128/82; wt {c.n(45, 95)} kg; Cr 88\n"
            f"Adherence club: {c.pick(['Sun City club', 'Thursday club', 'Fast-track'])} - collects via pick-up point; dispensing ref {c.acct()}\n"
            f"Disclosure: to {c.relation()} {c.rel('first')}. Contact cell {c.phone()}\n"
            f"Other meds: {c.brand()}. {c.prose(1)}\n"
            + (f"SMS reminder link {c.url('mhealth-remind.org')}\n" if c.chance(0.3) else "")
            + f"Next appt {c.sdate()} - bloods for VL. Seen: Sr {c.doc(0, 'last')} / Dr {c.doc(1, 'init_last')}\n")


def medtourism_quote(c):
    coord = c.docs[2]
    host = c.pick(["apollo-intl-desk.in", "medtravel-coordinators.com", "bumrungrad-partners.co"])
    return (f"From: International Patient Services <{P('EMAIL', 'intl.desk@' + host)}>\n"
            f"To: {c.email()}\n"
            f"Cc: {c.email(who=c.rel_p)}\nDate: {c.date(c.pick(['d Mon Y', 'Mon d, Y']))} {c.time()}\n"
            f"Subject: RE: Estimate - {c.pick(['TKR bilateral', 'CABG x3', 'IVF cycle', 'hip resurfacing'])} - {c.pt('upper')}\n\n"
            f"Dear {c.pt(c.pick(['first', 'full']))},\n\nThank you for sending the reports dated {c.date()} and your passport copy "
            f"({I.photo(c.rng)}). Our surgeon {c.doc(0, 'full')} has reviewed them. The package estimate is USD 7,850 "
            f"(6 nights, twin-sharing attendant room). Please share the attendant's name for the visa invitation letter; "
            f"your {c.relation()} {c.rel('full')} is noted.\nPre-admission bloods: INR, HbA1c, Hep B/C, HIV 1/2 (NACO protocol). Clinical note from your GP: {c.prose(2)}\n"
            f"Upload portal: {c.url(host)}\nWhatsApp: {c.phone()}\n\nWarm regards,\n{name_line(c, coord)}\nInternational Patient Coordinator\n")


def name_line(c, p):
    return P("CLINICIAN", f"{p.first} {p.last}")


def bereavement_call(c):
    return (f"bereavement follow-up call - {c.hosp(False)} hospice\n"
            f"deceased: {c.pt(c.pick(['full', 'lower']))} (died {c.date()}, aged {c.age90() if c.chance(0.5) else c.n(50, 89)})\n"
            f"spoke with: {c.rel(c.pick(['full', 'first', 'lower']))} ({c.relation()}) on {c.phone()}\n"
            f"call by: {c.doc(0, c.pick(['first', 'full']))}, bereavement volunteer, {c.date()}\n"
            f"{c.rel('first')} says {c.pt_poss()} funeral at {c.pick(['the parish church', 'the crematorium', 'the mosque', 'the marae'])} went well; "
            f"sleeping poorly since losing {c.pt('nick')}, eating ok. has support from neighbours. declined counselling for now; leaflet 'when someone dies' posted to "
            f"{c.addr()}. next call in 3 months (around {c.sdate()}).\n"
            f"risk (adult attitude to grief scale): low-moderate."
            + (f" married since {c.year()}." if c.chance(0.4) else "") + "\n")


KINDS_B = {"optician_gos18": optician_gos18, "postnatal_visit": postnatal_visit, "diving_medical": diving_medical,
           "chiropractic": chiropractic, "tcm_clinic": tcm_clinic, "opd_case_paper": opd_case_paper,
           "chv_household_visit": chv_household_visit, "dots_card": dots_card, "philhealth_claim": philhealth_claim,
           "art_clinic": art_clinic, "medtourism_quote": medtourism_quote, "bereavement_call": bereavement_call}
