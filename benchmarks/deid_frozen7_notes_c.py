"""Nurse-led clinic and public-health note kinds for the seventh frozen set."""

STYLES = {}


def style(fn):
    STYLES[fn.__name__] = fn
    return fn


@style
def anticoag_clinic(n):
    f, l = n.s.first(), n.s.last()
    n.f("Anticoagulation clinic (INR) - {d}\n{l}, {f}\n", d=n.D(), l=("PATIENT", l), f=("PATIENT", f))
    n.f("{f}'s INR today 3.6 (target 2-3) on warfarin 5 mg Mon/Wed/Fri, 4 mg other days. "
        "Had mitral valve replaced in {y} at {h}.\n", f=("PATIENT", f), y=("YEAR", n.s.pick(["95", "'98", "2004"])),
        h=n.H())
    n.t("Missed Christmas Eve dose? no. Abx (clarithromycin) started by out-of-hours last Friday.\n")
    n.f("Plan: omit 1 dose, then 4 mg daily. Recheck {d}. POCT meter CoaguChek serial {sn}.\n", d=n.D(),
        sn=("ID_DEVICE", n.s.device()))
    n.f("Spoke with {l2}'s husband {r} on {ph}. -- {c}\n", l2=("PATIENT", f), r=n.R("f"), ph=n.PH(), c=n.C())


@style
def tb_contact_tracing(n):
    n.f("TB CONTACT TRACING - index case {p} ({m}), smear +ve, dx {d}\n", p=n.P("LF"), m=n.M(), d=n.D())
    n.t("Household: ")
    for i in range(n.r.randint(2, 4)):
        n.f("{r} ({rel}, age {a}){sep}", r=n.R(n.s.pick(["fl", "f"])), rel=n.s.pick(["wife", "son", "lodger",
            "grandmother", "daughter"]), a=n.r.randint(2, 70), sep="; ")
    n.t("\n")
    n.t("All at ")
    n.address()
    n.f(". Workplace: warehouse, {t}.\nIGRA booked {d}. CXR for adults. Interpreter (Somali) via {ph}.\n",
        t=n.L(), d=n.D(), ph=n.PH())
    n.f("TB nurse {c}; public health {co} notified {d}.\n", c=n.Cn(), co=("LOCATION", n.s.county()), d=n.D())


@style
def continence_clinic(n):
    n.f("continence nurse review {d}\n", d=n.D())
    n.f("{p} ", p=n.P("fl"))
    n.age_phrase()
    n.t("F, urge incontinence ~6/day, nocturia x3. bladder diary 3 days: voided vol 90-220 mL.\n"
        "PVR 40 mL. urine dip NAD. pelvic floor ex taught, oxybutynin avoided (cognition).\n")
    n.f("pads: 3/day via {sup}, cust no {a}. r/v {d}. carer {r} present. {c}\n", sup=("HOSPITAL", n.s.last() + " Homecare"),
        a=("ID_ACCOUNT", n.s.account()), d=n.D(), r=n.R("f"), c=n.Cn())


@style
def heart_failure_phone(n):
    n.f("HF nurse telephone follow-up\n{d} 11:05 - called {p} on {ph}\n", d=n.D(), p=n.P(), ph=n.PH())
    n.t("wt 82.4 kg (up 1.8 kg since Monday). SOB on 1 flight, 2 pillows, ankles puffy. NYHA III.\n"
        "Meds: bisoprolol 5, Entresto 97/103 BD, spironolactone 25, dapagliflozin 10, furosemide 40.\n")
    n.f("Increased furosemide to 80 mg x3 days per protocol (ESC 2021). Bloods at {pr} {d}.\n", pr=n.H(),
        d=n.D())
    n.f("Daughter {r} ({e}) to send scale readings. ICD {sn} remote check ok.\n", r=n.R(), e=n.E(),
        sn=("ID_DEVICE", n.s.device()))
    n.f("{c}\n", c=n.C())


@style
def stoma_nurse(n):
    n.f("STOMA CARE VISIT - {h}\n{p}  {hp}\n", h=n.H(), p=n.P(), hp=n.HP())
    n.f("Loop ileostomy formed {d} ({c}). Output 900 mL/day, peristomal skin sore 2 o'clock.\n", d=n.D(),
        c=n.C())
    n.t("Changed to convex 1-pc drainable 38 mm + seal ring. Loperamide 2 mg QDS.\n")
    n.f("Supplies via prescription service {u}. Next visit {d}; husband {r}.\n", u=("URL", n.s.url()),
        d=n.D(), r=n.R())


@style
def vaccination_record(n):
    n.f("Immunisation record - catch-up\n{p}   DOB {dob}   {hp}\n", p=n.P("LF"), dob=n.D(), hp=n.HP())
    n.t("Vaccine        | Date       | Lot      | Site | Given by\n")
    for vac in n.r.sample(["MMR", "Tdap", "MenACWY", "HPV 9v", "HepB", "PCV20", "Shingrix"], 3):
        n.f("{v} | {d} | {lot} | {site} | {c}\n", v=vac.ljust(14), d=n.D(), lot=n.s.letters(2) + n.s.digits(4),
            site=n.s.pick(["L del", "R del"]), c=n.Cn())
    n.f("Parent/guardian {r} consented by phone {ph}\n", r=n.R(), ph=n.PH())
