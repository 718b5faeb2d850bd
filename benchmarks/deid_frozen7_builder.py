"""Note builder for the seventh frozen set: text pieces plus gold spans, offsets by construction.

A template is a str.format string; each field is filled with plain text (not PHI), a
(TYPE, text) pair that becomes a gold span, or a list mixing both (a title, then the name).  `extras` adds the administrative
footer lines (transport, photo, biobank, prescriber ids, links) that carry the rarer types
and the PHI-free look-alikes (lot numbers, CPT codes, guideline years, strengths).
"""
import string

from deid_frozen7_surrogates import Surrogates

REGIONS = ["us"] * 24 + ["uk", "uk", "scot", "ie", "ca", "ca", "au", "nz", "za", "in", "sg"]
_FMT = string.Formatter()


class Note:
    def __init__(self, rng, region):
        self.r = rng
        self.s = Surrogates(rng)
        self.region = region
        self.parts, self.spans, self.pos = [], [], 0

    def t(self, text):
        self.parts.append(text)
        self.pos += len(text)

    def p(self, typ, text):
        self.spans.append((typ, self.pos, self.pos + len(text)))
        self.t(text)

    def f(self, template, **kw):
        for literal, field, _spec, _conv in _FMT.parse(template):
            self.t(literal)
            if field is None:
                continue
            val = kw[field]
            if isinstance(val, list):
                for item in val:
                    self.p(*item) if isinstance(item, tuple) else self.t(item)
            elif isinstance(val, tuple):
                self.p(*val)
            else:
                self.t(str(val))

    def text(self):
        return "".join(self.parts)

    # ---- shortcuts returning (TYPE, text) -----------------------------------
    def case(self, text):
        k = self.r.random()
        return text.lower() if k < 0.12 else text.upper() if k < 0.22 else text

    def P(self, style=None):
        return ("PATIENT", self.case(self.s.person(style)))

    def R(self, style=None):
        return ("RELATIVE", self.case(self.s.person(style or self.s.pick(["f", "fl", "fl", "nick"]))))

    def C(self):
        """A titled clinician: [title, (CLINICIAN, name), credential]; titles stay outside the span."""
        pre, name, post = self.s.clin_parts()
        return [pre, ("CLINICIAN", self.case(name)), post]

    def Cn(self):
        """Clinician name without title (the title stays outside the span)."""
        return ("CLINICIAN", self.case(self.s.pick([self.s.last(), f"{self.s.first()} {self.s.last()}"])))

    def U(self):
        return ("CLINICIAN", self.s.userid())

    def D(self):
        return ("DATE", self.s.date())

    def Y(self):
        return ("YEAR", self.s.year())

    def H(self):
        return ("HOSPITAL", self.case(self.s.hospital()))

    def L(self):
        return ("LOCATION", self.s.town())

    def PH(self):
        return ("PHONE", self.s.phone(self.reg()))

    def FX(self):
        return ("FAX", self.s.fax(self.reg()))

    def A(self):
        return ("AGE", self.s.old_age())

    def M(self):
        return ("ID_MRN", self.s.mrn())

    def HP(self):
        return ("ID_HEALTHPLAN", self.s.healthplan(self.reg()))

    def Z(self):
        return ("ZIP", self.s.zip_for(self.reg()))

    def E(self):
        return ("EMAIL", self.s.email())

    def reg(self):
        return "uk" if self.region == "scot" else self.region

    def address(self):
        """Street line, town, optional state/county, postcode as separate spans."""
        n = self
        n.p("ADDRESS", n.s.address_line())
        n.f(", {town}", town=n.L())
        if n.region == "us" and n.r.random() < 0.6:
            n.t(" " + n.s.pick(["OH", "TX", "ME", "Oregon", "IA"]))
        n.f(" {z}", z=n.Z())

    def age_phrase(self):
        """Mostly ages under 90 (not PHI); over 89 becomes an AGE span."""
        if self.r.random() < 0.45:
            self.f("{a}", a=self.A())
        else:
            self.t(str(self.r.randint(18, 89)))


RISKY = ["Lot 4471B exp 03/2027", "CPT 99214", "ICD-10 E11.65", "per ACC/AHA 2017 guideline",
         "strength 5/5 bilaterally", "Room 412 Bed B", "BP 132/84 HR 78", "GCS 15/15",
         "Wells score 2", "Humalog 6 units", "Keppra 500 mg BD", "Bay 7", "Ward 4C", "2/2 doses",
         "NYHA II", "Parkinson's disease", "Glasgow-Blatchford 3", "ASA 3", "ECOG 1",
         "Foley 16Fr", "q4-6h prn", "CURB-65 score 1", "Christmas Day", "Monday", "last winter"]


def extras(n, k):
    """Append k footer lines carrying rarer identifier types, mixed with look-alikes."""
    s = n.s
    lines = [
        lambda: n.f("Transport: {v} ({c} driver {d})\n", v=("VEHICLE", s.vehicle()),
                    c=s.pick(["taxi", "hospital car", "volunteer car", "ambulance"]), d=("CLINICIAN", s.first())),
        lambda: n.f("Clinical photo ref {x} taken with consent\n", x=("ID_PHOTO", s.photo_id())),
        lambda: n.f("Biometric enrolment: {x}\n", x=("BIOMETRIC", s.biometric())),
        lambda: n.f("Sample banked {x} ({lot})\n", x=("ID_BIOBANK", s.biobank()), lot=s.pick(RISKY)),
        lambda: n.f("Prescriber {c} DEA {d} NPI {npi}\n", c=n.Cn(), d=("ID_DEA", s.dea()), npi=("ID_NPI", s.npi())),
        lambda: n.f("Accessed from {ip} via {u}\n", ip=("IP", s.ip()), u=("URL", s.url())),
        lambda: n.f("Job {j} / D: {d}\n", j=("ID_DICTATION", s.dictation()), d=n.D()),
        lambda: n.f("ID checked: {k} {lic}\n", k=s.pick(["driver licence", "DL", "photo ID", "licence no."]),
                    lic=("ID_LICENSE", s.license())),
        lambda: n.f("SSN {x}\n", x=("SSN", s.ssn())),
        lambda: n.f("Fax back to {fx} attn {c}\n", fx=n.FX(), c=n.Cn()),
        lambda: n.f("Billing acct {a}\n", a=("ID_ACCOUNT", s.account())),
        lambda: n.f("Device serial {x} ({lot})\n", x=("ID_DEVICE", s.device()), lot=s.pick(RISKY)),
        lambda: n.f("Specimen accession {x}\n", x=("ID_ACCESSION", s.accession())),
        lambda: n.t(s.pick(RISKY) + "\n"),
        lambda: n.t(s.pick(RISKY) + "; " + s.pick(RISKY) + "\n"),
    ]
    for i in n.r.sample(range(len(lines)), k):
        lines[i]()
