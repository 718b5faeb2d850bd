"""Clinic note kinds of the sixth frozen set: primary-care SOAP, well-child and immunisation, prenatal and
obstetric ultrasound, fertility/IVF, bariatric, sports medicine, podiatry, audiology, neurology clinic,
EEG/EMG and echocardiogram reports."""

from __future__ import annotations

from datetime import timedelta

from deid_frozen6_context import Ctx, Note, style


@style("soap_primary", foreign=0.15)
def soap_primary(c: Ctx):
    n = Note(c.rng, typos=0.02)
    hp_label, hp = c.hp()
    n.f("{h} - Primary Care\nPatient: {p}    DOB: {dob}    MRN: {m}\n{hl}: {hp}\nDate of service: {d}    "
        "Provider: {doc}, {cred}\n\n", h=c.H(), p=c.P("last_first"), dob=c.DOB(), m=c.mrn(), hl=hp_label, hp=hp,
        d=c.D(shape="full"), doc=c.C(0, "full"), cred=c.pick("MD", "DO", "NP", "PA-C"))
    _soap_body(c, n)
    if c.loc == "US" and c.rng.random() < 0.7:
        n.f("Rx: {drug} sent to pharmacy. Prescriber DEA {dea}  NPI {npi}\n", drug=c.pick("tramadol 50 mg #20",
            "alprazolam 0.25 mg #10", "gabapentin 300 mg"), dea=c.dea(0), npi=c.npi())
    n.f("Electronically signed by {doc} on {d} at {t}\n", doc=c.C(0, c.pick("caps", "full", "last_first")),
        d=c.D(0, "mdyyyy"), t=c.time())
    return n, c.casing(0.08, 0.04)


@style("well_child", foreign=0.2)
def well_child(c: Ctx):
    n = Note(c.rng)
    kid = c.pt
    c.dob = c.day - timedelta(days=c.rng.randint(40, 365 * 6))
    n.f("WELL CHILD CHECK - {age}\n{h}   Clinic ph {ph}\nChild: {p}   DOB {dob}   Chart #{m}\n"
        "Accompanied by: {mom} ({role})\n\n", age=c.pick("12 month", "4 year", "18 month", "2 yr", "6 wk"),
        h=c.H(), ph=c.phone(), p=c.P("full"), dob=c.DOB("mdyyyy"), m=c.mrn(), mom=c.R("full"),
        role=c.pick("mother", "father", "grandmother", "foster mother", "guardian"))
    n.f("Growth: wt 50th %ile, ht 75th %ile, HC 40th %ile. Apgars were 8/9 at birth at {h2}.\n"
        "Development: walking, 3-4 words, pincer grasp. M-CHAT low risk (score 1/20).\n"
        "Diet: whole milk 16 oz, table foods. Sleeps through. Dental home: Dr. {dent}.\n",
        h2=c.H(True), dent=c.C(3, "last"))
    n.add("\nIMMUNISATIONS GIVEN TODAY\nVaccine        Lot         Site   Given by\n")
    for vax in c.rng.sample(["MMR", "Varicella", "HepA #1", "DTaP #4", "Hib #4", "PCV15 #4", "IPV #3"], 3):
        lot = f"{c.rng.choice('UVWXY')}{c.rng.randint(1000, 9999)}{c.rng.choice('ABC')}"
        row = f"{vax:<14} {lot:<11} {c.pick('RT', 'LT', 'RA', 'LA'):<6} "
        n.f(row + "{nurse}\n", nurse=c.C(1, c.pick("initials", "dotted", "full")))
    n.f("VIS dated {vis} given. Next: 15 mo visit {d}. {kid} did great, cried briefly.\n",
        vis=c.pick("8/6/21", "1/31/24", "5/12/23"), d=c.D(c.rng.randint(60, 100), "md"),
        kid=("PATIENT", kid.nick or kid.first))
    if c.rng.random() < 0.5:
        n.f("Sibling {sib} also due for flu vaccine - Mom will call back at {ph}.\n", sib=c.R("first", True), ph=c.phone())
    n.f("Portal sign-up for parents: {u}\n", u=c.url())
    n.f("Photo consent for growth-chart research on file (photo ref {ph}).\n{doc}, {cred}\n", ph=c.photo(),
        doc=c.C(0), cred=c.pick("MD", "NP", "CPNP"))
    return n, c.casing(0.05, 0.05)


@style("prenatal", foreign=0.25)
def prenatal(c: Ctx):
    n = Note(c.rng, typos=0.02)
    n.f("PRENATAL VISIT  {h}\n{p}   G2P1   EDD {edd}   LMP {lmp}\nMRN {m}   Partner: {fob}   Ph {ph}\n",
        h=c.H(), p=c.P(c.pick("full", "caps", "last_first")), edd=c.D(150, c.pick("md", "mdyy", "d_mon")),
        lmp=c.D(-130, "md"), m=c.mrn(), fob=c.R("full"), ph=c.phone())
    n.f("GA 18w3d by {us} US. FHR 148 by doppler. Fundal ht 18 cm. BP 112/68, urine neg/neg.\n"
        "No VB, LOF, ctx. +FM. Nausea resolved. Pt asks about travel to {town} over Thanksgiving - ok.\n"
        "Anatomy scan booked {d1} at {h2}. Quad screen declined. Rh pos, rubella immune.\n"
        "Prior delivery: SVD in {yr} at {h3}, 3.4 kg, no complications.\n",
        us=c.pick("1st tri", "8 wk", "dating"), town=c.town(), d1=c.D(14, c.pick("mon_d", "md", "dmony")), h2=c.H(True),
        yr=c.Y(c.rng.randint(2, 6)), h3=c.H())
    if c.rng.random() < 0.45:
        n.f("Cord blood banking kit registered, unit {bb}.\n", bb=c.bio())
    n.f("Plan: cont PNV, ASA 81 mg per USPSTF. Glucola at 24-28 wk. Seen with {mw}, midwife.\n"
        "Next visit {d2} (Tuesday) with Dr {doc}.\n", mw=c.C(1), d2=c.D(28, "md"), doc=c.C(0, "last"))
    return n, c.casing(0.05, 0.15)


@style("ob_ultrasound", foreign=0.4)
def ob_ultrasound(c: Ctx):
    n = Note(c.rng)
    n.f("OBSTETRIC ULTRASOUND REPORT\n{h} - Fetal Medicine\nName: {p}    Hosp no: {m}    DOB: {dob}\n"
        "Exam date: {d}    Accession: {acc}\nReferring: {ref}    Sonographer: {son}\n\n", h=c.H(),
        p=c.P(c.pick("caps", "full")), m=c.mrn(), dob=c.DOB(), d=c.D(shape="full"), acc=c.acc(), ref=c.C(0),
        son=c.C(1, c.pick("full", "initial_last", "initials")))
    n.f("Indication: anatomy survey / dating discrepancy.\nSingle live intrauterine pregnancy, cephalic. FHR 152 bpm.\n"
        "BPD 44 mm, HC 163 mm, AC 141 mm, FL 29 mm (Hadlock). EFW 290 g, 52nd centile.\n"
        "Placenta posterior fundal, not low-lying. AFI normal (DVP 5.1 cm). Cervix 38 mm TV.\n"
        "Anatomy: 4-chamber heart, outflow tracts, spine, kidneys, stomach, bladder seen. Nuchal fold 4 mm.\n"
        "Umbilical artery Doppler PI 1.1. No soft markers.\n\nImpression: growth consistent with EDD {edd}.\n",
        edd=c.D(140, c.pick("d_month_y", "dots", "mdyyyy")))
    if c.rng.random() < 0.5:
        n.f("Voice-recognition job {job}. Results online: {u}\n", job=c.dict_id(), u=c.url())
    n.f("Images stored: {ph}. Reported by {rad} {cred} on {d} {t}.\n", ph=c.photo(), rad=c.C(2),
        cred=c.pick("MBBS FRANZCOG", "MD", "MRCOG", "RDMS"), d=c.D(0, c.pick("dots", "d_mon", "full")), t=c.time())
    return n, c.casing(0.2, 0.0)


@style("ivf_clinic", foreign=0.3)
def ivf_clinic(c: Ctx):
    n = Note(c.rng)
    partner = c.rel
    n.f("{h} Fertility Unit - Cycle Summary\nPatient: {p} (ID {m})   Partner: {q}   Cycle #{cyc}\n"
        "Check-in: biometric palm scan {bm} verified at reception.\n", h=c.H(), p=c.P("full"), m=c.mrn(),
        q=("RELATIVE", partner.name(c.rng, "full")), cyc=c.rng.randint(1, 4), bm=c.biom())
    n.f("Stim start {d1}; antagonist protocol, Gonal-f 225 IU + Menopur 75 IU. Trigger Ovitrelle {d2} 21:30.\n"
        "OPU {d3}: 14 oocytes, 11 MII, ICSI. Day 5: 4 blastocysts (4AA, 4AB, 3BB, 3BC).\n"
        "Fresh transfer 1 x 4AA on {d4}. Vitrified: straws {e1}, {e2}, {e3}.\n", d1=c.D(-20, "md"),
        d2=c.D(-9, c.pick("mon_d", "md", "d_mon")), d3=c.D(-7, "md"), d4=c.D(-2, c.pick("md", "month_ord", "d_month_y")),
        e1=c.bio(), e2=c.bio(), e3=c.bio())
    n.f("Embryologist: {emb}. Witness: {wit}.\nSemen sample {s} (partner), produced on site; donor not used.\n"
        "Beta hCG due {d5}. Progesterone support Crinone 8% daily.\nNurse coordinator {rn} - {ph}\n",
        emb=c.C(1, c.pick("full", "initials", "initial_last")), wit=c.C(2, c.pick("initials", "dotted", "first")),
        s=c.bio(), d5=c.D(9, c.pick("md", "mon_d", "d_mon")), rn=c.C(3, "first"), ph=c.phone())
    n.f("Cycle tracking app: {u}\n", u=c.url())
    if c.rng.random() < 0.5:
        n.f("Embryo storage consent renewed to {yr}; billing acct {a}.\n", yr=("YEAR", str(c.day.year + 5)), a=c.account())
    return n, c.casing(0.05, 0.05)


@style("bariatric", foreign=0.15)
def bariatric(c: Ctx):
    n = Note(c.rng, typos=0.03)
    n.f("BARIATRIC SURGERY CLINIC - {kind}\n{h}\nPt: {p}  |  DOB {dob}  |  MRN {m}  |  Surgeon: Dr. {doc}\n",
        kind=c.pick("Pre-op eval", "6 week post-op", "1 year follow-up"), h=c.H(), p=c.P(c.pick("caps", "full")),
        dob=c.DOB(), m=c.mrn(), doc=c.C(0, "last"))
    n.f("Hx: obesity class III since childhood; tried WW, phentermine, semaglutide (Ozempic 1 mg, {yr}-{yr2}).\n"
        "Wt today 131.2 kg (peak 148 kg in {yr3}). BMI 44.8. Goal per ASMBS 2022 criteria met.\n"
        "Sleep study {d1}: OSA AHI 32, on CPAP, device serial {sn}. Adherence 6.2 h/night.\n",
        yr=c.Y(3), yr2=c.Y(1), yr3=c.Y(c.rng.randint(4, 12)), d1=c.D(-60, c.pick("md", "mdyy")), sn=c.dev())
    n.f("Psych clearance by {psy}, PhD ({d2}). Dietitian {rd} reviewed 1,200 kcal liquid phase.\n"
        "Support: {rr} {r}, lives in {town}.\nBefore photos taken: {p1}, {p2}.\n", psy=c.C(1, "full"),
        d2=c.D(-30, "md"), rd=c.C(2, c.pick("first", "full")), rr=c.pick("sister", "husband", "mom", "partner"),
        r=c.R(), town=c.town(), p1=c.photo(), p2=c.photo())
    if c.loc == "US":
        n.f("Phentermine stopped; last Rx by {doc} DEA# {dea}.\n", doc=c.C(3), dea=c.dea(3))
    n.f("Plan: sleeve gastrectomy, tentative date {d3}. Prior auth faxed to insurer fax {fx}.\n", d3=c.D(45, "md"), fx=c.fax())
    return n, c.casing(0.1, 0.05)


@style("sports_medicine", foreign=0.2)
def sports_medicine(c: Ctx):
    n = Note(c.rng, typos=0.03)
    n.f("Sports Med Clinic | {h}\n{p}, {a} y/o {sport} player ({team})\nDOI: {doi}   Seen: {d}\n",
        h=c.H(), p=c.P(c.pick("full", "lower", "caps")), a=str(c.rng.randint(15, 35)),
        sport=c.pick("soccer", "rugby", "netball", "basketball", "hockey"),
        team=c.pick("high school varsity", "club", "county U18", "college"), doi=c.D(-10, "md"), d=c.D(0, "mdyy"))
    n.f("Twisting injury L knee, felt pop. Athletic trainer {at} saw on field, ice/compression.\n"
        "Exam: effusion 2+, Lachman 2B, anterior drawer +, McMurray neg, pivot shift deferred. Thompson test n/a.\n"
        "Ottawa knee rules neg. Strength 4/5 quads. Gait antalgic.\n"
        "MRI {d1} ({acc}): complete ACL tear, bone bruise LFC.\n", at=c.C(1, c.pick("full", "first")),
        d1=c.D(-3, c.pick("md", "mon_d")), acc=c.acc())
    n.f("Plan: prehab, ACL recon with Dr {sx} - tentative {d2}. Hinged brace SN {sn}.\n"
        "Coach {coach} updated w/ pt permission. Return-to-play criteria per MOON protocol.\n",
        sx=c.C(2, c.pick("last", "full")), d2=c.D(21, c.pick("md", "mon_d", "month_ord")), sn=c.dev(), coach=c.R("full", True))
    if c.rng.random() < 0.4:
        n.f("Injured in car park after practice? no - MVC ruled out; drives {car}.\n", car=c.car())
    if c.loc == "US":
        n.f("Post-op Rx oxycodone 5 mg #12 e-prescribed (DEA {dea}, state lic {lic}).\n", dea=c.dea(0), lic=c.lic())
    n.f("-- {doc}, {cred}\n", doc=c.C(0), cred=c.pick("MD", "DO", "CAQSM", "ATC"))
    return n, c.casing(0.05, 0.2)


@style("podiatry", foreign=0.35)
def podiatry(c: Ctx):
    n = Note(c.rng, typos=0.02)
    hl, hp = c.hp()
    n.f("PODIATRY - {kind}\n{h}\n{p}   DOB: {dob}   {hl}: {hp}\n", kind=c.pick("diabetic foot review", "nail surgery",
        "routine care"), h=c.H(), p=c.P(c.pick("full", "caps", "last_first")), dob=c.DOB(), hl=hl, hp=hp)
    n.f("Age {a}. T2DM 20 yrs, PVD. Lives alone in {town}; {role} {r} does shopping.\n"
        "Pulses: DP 1+, PT absent bilat. Monofilament 6/10 R, 4/10 L. Charcot ruled out.\n"
        "Ulcer R 1st MTPJ 1.2 x 0.8 cm, granulating, no probe to bone. Photo {ph}.\n"
        "Debrided, Inadine + offloading boot (serial {sn}).\n", a=c.A(), town=c.town(),
        role=c.pick("daughter", "son", "niece", "neighbour"), r=c.R(), ph=c.photo(), sn=c.dev())
    n.f("Review {d} with {pod}, podiatrist. Community nurse {cn} (bleep {bl}) to dress twice weekly.\n",
        d=c.D(14, c.pick("d_mon", "md", "dots")), pod=c.C(0, c.pick("full", "initial_last")), cn=c.C(1, "first"),
        bl=("PHONE", str(c.rng.randint(1000, 9999))))
    return n, c.casing(0.1, 0.05)


@style("audiology", foreign=0.35)
def audiology(c: Ctx):
    n = Note(c.rng)
    n.f("AUDIOLOGY REPORT\n{h}, Hearing Services\nClient: {p}    Ref: {m}    DOB: {dob}\nTest date: {d}\n"
        "Referred by: {gp} ({prac})\n\n", h=c.H(), p=c.P(c.pick("full", "caps")), m=c.mrn(), dob=c.DOB(), d=c.D(0, "full"),
        gp=c.C(0), prac=c.H(True))
    n.f("Otoscopy clear. Tympanometry type A bilat. Pure tone audiometry: moderate sloping SNHL, R 45 dB, L 50 dB PTA.\n"
        "Speech discrimination 84% R, 76% L. Weber central, Rinne positive bilat.\n"
        "Hx: noise exposure (factory, {y1}-{y2}); tinnitus since {y3}. Wife {r} reports TV loud.\n",
        y1=c.Y(40), y2=c.Y(20), y3=("YEAR", c.pick("'09", "2015", "2011", "'98")), r=c.R("first"))
    n.f("Fitted: bilateral RIC aids, serials L {s1} / R {s2}. Remote app voiceprint enrolled ({vp}).\n"
        "Follow-up {d2}. Audiologist: {aud}, AuD. Tel {ph}\n", s1=c.dev(), s2=c.dev(), vp=c.biom(),
        d2=c.D(28, c.pick("d_month_y", "md", "ord_of")), aud=c.C(1), ph=c.phone())
    return n, c.casing(0.05, 0.0)


@style("neurology_clinic", foreign=0.2)
def neurology_clinic(c: Ctx):
    n = Note(c.rng, typos=0.02)
    n.f("NEUROLOGY OUTPATIENT NOTE\n{h} - Neurosciences\nRE: {p}  MRN {m}  Age {a}\nSeen {d} by {doc}, with {res} "
        "(resident)\n\n", h=c.H(), p=c.P(c.pick("caps", "full", "last_first")), m=c.mrn(), a=c.A(), d=c.D(0, "full"),
        doc=c.C(0), res=c.C(1, c.pick("full", "first", "last")))
    n.f("HPI: {p} is followed for Parkinson's disease (dx {yr}). Tremor R>L, worse with stress. Freezing at doorways.\n"
        "Carbidopa/levodopa 25/100 2 tabs TID, added rasagiline {d1}. Falls x2 since last visit ({d2}).\n"
        "Daughter {r} notes REM sleep behaviour; she can be reached at {ph}.\n", p=c.P("first"), yr=c.Y(6),
        d1=c.D(-100, c.pick("md", "mon_d")), d2=c.D(-120, "mdyy"), r=c.R("first"), ph=c.phone())
    n.f("Exam: MoCA 24/30. Cogwheel rigidity RUE, bradykinesia, reduced arm swing. Romberg neg. Babinski absent.\n"
        "Reflexes 2+ symmetric. Strength 5/5. No Bell's palsy. UPDRS-III 31.\n"
        "Imaging: DaTscan {d3} at {h2}: reduced putaminal uptake.\nPlan: PT referral, DBS evaluation at {h3}.\n",
        d3=c.D(-300, c.pick("month_y", "mdyyyy")), h2=c.H(True), h3=c.H())
    if c.rng.random() < 0.4:
        n.f("Enrolled in PD biobank; serum aliquot {bb}.\n", bb=c.bio())
    if c.rng.random() < 0.4:
        n.f("Advised not to drive; DMV notified re licence {lic}.\n", lic=c.lic())
    if c.loc == "US" and c.rng.random() < 0.6:
        n.f("Clonazepam 0.5 mg qhs #30, prescriber DEA {dea}.\n", dea=c.dea(0))
    n.f("Job #{job}  D: {dd}  T: {td}\n", job=c.dict_id(), dd=c.D(0, "md"), td=c.D(1, "md"))
    n.f("{doc}\n{cred}\ncc: {gp}\n", doc=c.C(0, c.pick("full", "caps")), cred=c.pick("MD, Neurology", "Consultant Neurologist"),
        gp=c.C(2))
    return n, c.casing(0.05, 0.05)


@style("eeg_emg_report", foreign=0.2)
def eeg_emg_report(c: Ctx):
    n = Note(c.rng)
    if c.rng.random() < 0.5:
        n.f("ROUTINE EEG REPORT\nPatient: {p}   MRN: {m}   Study #: {acc}\nDate: {d}   Location: {h}, room 4\n"
            "Technologist: {tech}   Interpreting: {doc}\nSystem host {ip}\n\n", p=c.P(c.pick("caps", "last_first")), m=c.mrn(),
            acc=c.acc(), d=c.D(0, "full"), h=c.H(), tech=c.C(1, c.pick("full", "initials")), doc=c.C(0), ip=c.ip())
        n.add("Background: posterior dominant rhythm 9-10 Hz, reactive. Photic stimulation: symmetric driving.\n"
              "Hyperventilation x3 min: no abnormality. Sleep: stage N2 reached, spindles and K-complexes.\n"
              "Intermittent left temporal sharp waves (T3) maximal in drowsiness.\n"
              "Impression: abnormal EEG due to L temporal epileptiform discharges.\n")
        n.f("Clinical correlation: first seizure {d1}, per mom {r}.\n", d1=c.D(-5, c.pick("md", "mon_d")), r=c.R("first"))
    else:
        n.f("NCS/EMG REPORT   {h}\n{p}  DOB {dob}  Acct {ac}\nReferring: Dr. {ref}   Performed: {d}\n\n",
            h=c.H(), p=c.P(c.pick("full", "caps")), dob=c.DOB(), ac=c.account(), ref=c.C(2, "last"), d=c.D(0, "full"))
        n.add("Median motor R: DML 5.8 ms (prolonged), CMAP 6.2 mV, CV 49 m/s. Median sensory R: absent.\n"
              "Ulnar normal. Needle EMG R APB: fibs 1+, reduced recruitment. Tinel and Phalen positive.\n"
              "Impression: severe right carpal tunnel syndrome, axonal features.\n")
    n.f("Dictated by {doc} {cred}, transcribed by {tr}. Job {job}\n", doc=c.C(0, c.pick("full", "last_first")),
        cred=c.pick("MD", "DO"), tr=c.C(3, c.pick("initials", "dotted", "first")), job=c.dict_id())
    return n, c.casing(0.2, 0.0)


@style("echo_report", foreign=0.2)
def echo_report(c: Ctx):
    n = Note(c.rng)
    n.f("TRANSTHORACIC ECHOCARDIOGRAM\n{h} Cardiology\nName: {p}\nMRN: {m}    Acc#: {acc}\nDOB: {dob}    Age: {a}\n"
        "Study date: {d}    Sonographer: {son}, RDCS\nOrdering: {doc}\n\n", h=c.H(), p=c.P(c.pick("caps", "last_first")),
        m=c.mrn(), acc=c.acc(), dob=c.DOB(), a=c.A(), d=c.D(0, "full"), son=c.C(1), doc=c.C(0))
    n.add("Indication: dyspnoea, murmur. Rhythm: sinus, HR 64.\nLV: normal size, EF 55-60% (Simpson biplane). "
          "No RWMA. Grade I diastolic dysfunction, E/e' 11.\nRV normal. TAPSE 22 mm.\n"
          "Aortic valve: calcified, peak velocity 3.9 m/s, mean gradient 36 mmHg, AVA 1.0 cm2 - moderate AS.\n"
          "Mitral: mild MR. No pericardial effusion. IVC <2.1 cm, >50% collapse.\n")
    n.f("Compared with prior study of {d1} (outside, {h2}): gradient increased.\n"
        "Read by {rd}, MD, FASE on {d2}.\n", d1=c.D(-400, c.pick("mdyyyy", "month_y", "mdyy")), h2=c.H(True),
        rd=c.C(2), d2=c.D(1, c.pick("md", "mdyyyy")))
    n.f("Dictation ID {job} / transcribed {t} by {tr}\n", job=c.dict_id(), t=c.time(), tr=c.uid(3))
    return n, c.casing(0.3, 0.0)


def _soap_body(c: Ctx, n: Note) -> None:
    """One of three primary-care visits (chronic review, acute cough, low back pain)."""
    kind = c.rng.random()
    if kind < 0.45:
        n.f("S: {a} yo presents for f/u of HTN and T2DM. {p} reports home BP 130s/80s. Last seen {d1}. Checks "
            "sugars most mornings; fasting 110-140. PMH: CCY in {y2}, MI {y3}. {rp} {r} {rv}.\n", a=c.A(), y2=c.Y2(),
            y3=c.Y(), p=c.P("first"), d1=c.D(-c.rng.randint(60, 200), "md"), rp=c.pick("Wife", "Husband", "Daughter",
            "Son"), r=c.R("first"), rv=c.pick("came with her today", "is helping with meds", "will drive him to appts"))
        n.f("Meds: metformin 1000 mg BID, lisinopril 20 mg daily, atorvastatin 40 mg qhs. Will continue.\n"
            "O: BP 128/76, HR 72, BMI 31.4. Monofilament intact. Strength 5/5 all ext. Tinel neg.\n"
            "A/P: 1. HTN - at goal per ACC/AHA 2017. 2. T2DM - A1c 7.4 ({d2}); ICD-10 E11.9, CPT 99214.\n"
            "Flu shot given L deltoid, Lot UJ447AB, exp 06/2027. Hope to recheck A1c in 3 mo.\n", d2=c.D(-7, "md0"))
    elif kind < 0.75:
        n.f("S: cough x10d, green sputum, low-grade fevers since {d1}. {p}'s {rp} {r} had the same last week. "
            "Non-smoker since {y}. No travel. Grace period on insurance until month end per front desk.\n"
            "O: T 37.9, RR 18, SpO2 96%. Crackles R base. Strength 5/5.\n"
            "A/P: CAP, CURB-65 = 0. Amoxicillin 1 g TID x5d (Augmentin if no better). CXR order, acc {acc}. "
            "Return if worse; Will call with CXR.\n", d1=c.D(-10, c.pick("md", "mon_d", "month_ord")), p=c.P("first"),
            rp=c.pick("husband", "wife", "son", "roommate"), r=c.R("first"), y=c.Y(), acc=c.acc())
    else:
        n.f("S: {a} y/o with LBP after lifting at work ({d1}); works at the {town} distribution centre. No saddle "
            "anaesthesia, bladder ok. Prior episode {y2}. Wants note for employer (supervisor {boss}).\n"
            "O: SLR neg bilat, FABER neg, reflexes 2+, strength 5/5, Waddell 0/5.\n"
            "A/P: mechanical LBP. Naproxen 500 mg BID, PT referral to {h2}. Mark as light duty x2 wk.\n",
            a=c.A(), d1=c.D(-4, c.pick("md", "mon_d")), town=c.town(), y2=c.Y2(),
            boss=c.R("full", True), h2=c.H(True))
    n.f("RTC {d3}. Bill to {ins}.\n\n", d3=c.D(90, c.pick("mon_d", "md", "month_ord")),
        ins=c.pick("Medicare", "BlueCross", "self-pay", "Medicaid"))
