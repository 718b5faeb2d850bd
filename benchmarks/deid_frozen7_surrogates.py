"""Surrogate values (people, places, ids, dates, contacts) for the seventh frozen set.

Every list here is written by hand for this set; id formats are invented except the
public, common shapes (UK NHS 3-3-4, US SSN 3-2-4, DEA two letters + seven digits,
NPI ten digits, Canadian A1A 1A1, UK outward/inward postcodes, Irish Eircode A65 F4E2).
All surrogate text is ASCII so that casing a whole note never moves an offset.
"""
import string

from deid_frozen7_names import FIRST, MULTI_SURNAMES, NICK, SURNAMES

_TOWN_TEXT = """Ashcombe|Bramblewick|Carrow Falls|Dunmere|Eastleigh|Fenwick|Glenholt|Harrowgate|Ivybridge|
Kestrel Point|Larchmont|Millbrook|Northvale|Oakhurst|Pennycross|Quarry Hill|Redwater|Saltmarsh|Thornbury|
Upton Vale|Wexley|Yarrowby|Bellhaven|Coldharbour|Drummore|Elmstead|Foxley|Greyfriars|Holloway Cross|
Kinmoor|Lochgarry|Ballykeel|Carrigmore|Drumcliffe|Kilbarra|Port Ellery|Moose Fork|Pinecrest|
Sturgeon Bay|Wattle Creek|Kookaburra Flats|Mallee Springs|Tawhiri|Kaiwaka|Riverton|Durbanville|
Pune|Thane|Jurong|Tampines|Springfield|Fairview|Georgetown|Franklin|Clinton|Salem|Madison|
Greenville|Bristol|Dover|Ashland|Marion|Milton|Lakewood|Kingsport|Baytown|Hope|Grace Falls|Marsh End|
Stonebridge|Little Hadley|Newport Sands|Cobb's Landing|Winslow Flats"""
TOWNS = [t.strip() for t in _TOWN_TEXT.replace("\n", "").split("|")]
COUNTIES = ["Harlow County", "Brede County", "Okanee County", "Marlin Parish", "Westmarch County",
            "Carrowshire", "Fenshire", "County Kilbarra", "Lanark Vale", "Tolley County",
            "Dunmoor District", "Kaipara District", "Wolds County", "Sable County"]
STREET_NAMES = ["Elm", "Juniper", "Quarry", "Mill", "Tannery", "Bishop", "Hope", "Kingfisher",
                "Larkspur", "Old Post", "Chapel", "Ferry", "Orchard", "Wellgate", "Cannon",
                "Pleasant", "Frog", "Glebe", "Magnolia", "Sycamore", "Rosebank", "Station"]
STREET_KINDS = ["St", "Street", "Rd", "Road", "Ave", "Lane", "Ln", "Close", "Crescent", "Way",
                "Dr", "Drive", "Terrace", "Court", "Blvd", "Place", "Wynd"]
HOSP_SUFFIX = ["General Hospital", "Memorial Hospital", "Community Hospital", "Medical Center",
               "Royal Infirmary", "District Hospital", "Regional Medical Centre", "Infirmary",
               "Health Centre", "Cottage Hospital", "University Hospital", "Base Hospital"]
CLINIC_KINDS = ["Medical Practice", "Family Health Team", "Surgery", "Health Clinic",
                "Group Practice", "Medical Centre", "Care Home", "Nursing Home", "Rehab Centre"]
SAINTS = ["St. Brigid's", "St Aidan's", "Saint Columba", "St. Hilda's", "St Jude's",
          "Our Lady of Mercy", "Holy Cross", "St. Barnabas"]
COUNTRIES = ["Nigeria", "India", "Pakistan", "Poland", "Vietnam", "Mexico", "Kenya", "Iran",
             "Ghana", "Philippines", "Brazil", "Ireland", "Scotland", "Canada", "Australia"]
STATES = ["Ohio", "Texas", "Maine", "Oregon", "Iowa", "Vermont", "Georgia", "Nevada"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
EMAIL_HOSTS = ["mailbox.example", "post.example.net", "kestrelmail.example", "webpost.example.org"]


class Surrogates:
    """Draws surrogate values from one random.Random, so a seed fixes everything."""

    def __init__(self, rng):
        self.r = rng

    def pick(self, seq):
        return self.r.choice(seq)

    def digits(self, n):
        return "".join(self.r.choice(string.digits) for _ in range(n))

    def letters(self, n):
        return "".join(self.r.choice(string.ascii_uppercase) for _ in range(n))

    # ---- people -------------------------------------------------------
    def first(self):
        return self.pick(FIRST)

    def last(self):
        return self.pick(MULTI_SURNAMES) if self.r.random() < 0.12 else self.pick(SURNAMES)

    def person(self, style=None):
        """A full name in one of the shapes notes use."""
        f, l = self.first(), self.last()
        style = style or self.pick(["fl", "fl", "fl", "lf", "LF", "fml", "il", "nick", "f", "l"])
        m = self.letters(1)
        return {"fl": f"{f} {l}", "lf": f"{l}, {f}", "LF": f"{l.upper()},{f.upper()} {m}",
                "fml": f"{f} {m}. {l}", "il": f"{f[0]}. {l}", "nick": f"{NICK.get(f, f)} {l}",
                "f": f, "l": l}[style]

    def clinician(self):
        f, l = self.first(), self.last()
        return self.pick([f"Dr {l}", f"Dr. {f} {l}", f"{f} {l}, RN", f"{f[0]}. {l} MD",
                          f"{l}", f"Dr {f[0]}{l[0]}", f"{f} {l} NP", f"Sr {l}",
                          f"{f} {l}", f"Dr. {l}", f"{f[0]}{self.letters(1)}{l[0]}"])

    def clin_parts(self):
        """(prefix, name, suffix) so titles stay outside the span."""
        f, l = self.first(), self.last()
        return self.pick([("Dr ", l, ""), ("Dr. ", f"{f} {l}", ""), ("", f"{f} {l}", ", RN"),
                          ("", f"{f[0]}. {l}", " MD"), ("Sister ", l, ""), ("", f"{f} {l}", " (OT)"),
                          ("Dr ", f"{f[0]}. {l}", ""), ("", f"{l}", " RT"), ("Nurse ", f, ""),
                          ("Dr ", f"{f[0]}{l[0]}", ""), ("", f"{f[0]}{self.letters(1)}{l[0]}", ""),
                          ("Prof. ", l, ""), ("", f"{l}", ""), ("Dr ", f"{f} {l}", ", FRCP")])

    def userid(self, name=None):
        f, l = self.first(), self.last().replace(" ", "").replace("'", "")
        return self.pick([f"{f[0].lower()}{l.lower()}{self.digits(1)}", f"{l.lower()}.{f.lower()}",
                          f"@{f.lower()}_{l[:3].lower()}", f"{f.lower()}{l[0].lower()}",
                          f"{l.upper()[:6]}{f[0]}"])

    # ---- places ---------------------------------------------------------
    def town(self):
        return self.pick(TOWNS)

    def county(self):
        return self.pick(COUNTIES)

    def hospital(self):
        k = self.r.random()
        if k < 0.35:
            return f"{self.town()} {self.pick(HOSP_SUFFIX)}"
        if k < 0.55:
            return f"{self.pick(SURNAMES)} {self.pick(HOSP_SUFFIX)}"
        if k < 0.7:
            return f"{self.pick(SAINTS)} {self.pick(['Hospital', 'Hospice', 'Infirmary'])}"
        if k < 0.85:
            return f"{self.pick(TOWNS)} {self.pick(CLINIC_KINDS)}"
        return self.pick([f"{self.last()} Ward", f"{self.town()} Unit", f"{self.letters(2)}GH",
                          f"{self.last()} Wing", f"Dr {self.last()} & Partners"])

    def street(self):
        unit = self.pick(["", "", "", f"Apt {self.digits(1)}{self.letters(1)}, ",
                          f"Unit {self.digits(2)}, ", f"Flat {self.digits(1)}, "])
        return f"{unit}{self.r.randint(1, 9999)} {self.pick(STREET_NAMES)} {self.pick(STREET_KINDS)}"

    def address_line(self):
        k = self.r.random()
        if k < 0.1:
            return f"P.O. Box {self.r.randint(10, 9999)}"
        if k < 0.17:
            return f"RR {self.r.randint(1, 9)} Box {self.r.randint(1, 300)}"
        if k < 0.23:
            return f"c/o {self.first()} {self.last()}, {self.street()}"
        return self.street()

    def zip_for(self, region):
        if region == "uk":
            return f"{self.letters(2)}{self.r.randint(1, 29)} {self.digits(1)}{self.letters(2)}"
        if region == "ca":
            return (f"{self.letters(1)}{self.digits(1)}{self.letters(1)} "
                    f"{self.digits(1)}{self.letters(1)}{self.digits(1)}")
        if region == "ie":
            return f"{self.letters(1)}{self.digits(2)} {self.letters(1)}{self.digits(1)}{self.letters(1)}{self.digits(1)}"
        if region in ("au", "za", "nz"):
            return self.digits(4)
        if region in ("in", "sg"):
            return self.digits(6)
        return self.digits(5) if self.r.random() < 0.8 else f"{self.digits(5)}-{self.digits(4)}"

    # ---- dates ----------------------------------------------------------
    def date(self):
        r = self.r
        y, m, d = r.randint(1995, 2026), r.randint(1, 12), r.randint(1, 28)
        mon = MONTHS[m - 1]
        suf = "th" if d in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
        return self.pick([f"{m}/{d}", f"{m}/{d}/{y % 100:02d}", f"{m}/{d}/{y}", f"{d}-{mon[:3]}-{y}",
                          f"{mon[:3]} {d}{suf}", f"the {d}{suf}", f"{y}-{m:02d}-{d:02d}",
                          f"{d:02d}.{m:02d}.{y}", f"{d}{suf} of {mon}", f"{mon} {d}, {y}",
                          f"{d} {mon} {y}", f"{d:02d}/{m:02d}/{y}", f"{d}-{d + 2} {mon[:3]}",
                          f"{mon[:3].upper()} {d}", f"{y}{m:02d}{d:02d}", f"{d}/{m}"])

    def year(self):
        y = self.r.randint(1950, 2025)
        return self.pick([str(y), f"'{y % 100:02d}", str(y)])

    def old_age(self):
        a = self.r.randint(90, 104)
        words = {90: "ninety", 91: "ninety-one", 92: "ninety-two", 93: "ninety-three",
                 94: "ninety-four", 95: "ninety-five", 96: "ninety-six", 97: "ninety-seven",
                 98: "ninety-eight", 99: "ninety-nine", 100: "one hundred", 101: "101",
                 102: "one hundred and two", 103: "103", 104: "104"}
        return words[a] if self.r.random() < 0.35 else str(a)

    # ---- contact ----------------------------------------------------------
    def phone(self, region="us"):
        d = self.digits
        if region == "uk":
            return self.pick([f"01{d(3)} {d(6)}", f"07{d(3)} {d(3)} {d(3)}", f"+44 1{d(2)} {d(3)} {d(4)}"])
        if region == "au":
            return self.pick([f"(0{self.r.randint(2, 8)}) {d(4)} {d(4)}", f"04{d(2)} {d(3)} {d(3)}"])
        if region == "ie":
            return f"+353 {self.r.randint(1, 99)} {d(3)} {d(4)}"
        if region == "in":
            return f"+91 {self.r.randint(70, 99)}{d(3)} {d(5)}"
        return self.pick([f"({d(3)}) {d(3)}-{d(4)}", f"{d(3)}-{d(3)}-{d(4)}", f"{d(3)}.{d(3)}.{d(4)}",
                          f"{d(3)}-{d(4)}", f"({d(3)}) {d(3)}-{d(4)} x{d(3)}", f"1-{d(3)}-{d(3)}-{d(4)}",
                          f"{d(3)}-{d(3)}-{d(4)} ext. {d(4)}"])

    def pager(self):
        return self.pick([f"{self.digits(4)}", f"#{self.digits(5)}", f"{self.digits(3)}-{self.digits(4)}"])

    def email(self, name=None):
        f, l = self.first().lower(), self.last().lower().replace(" ", "").replace("'", "")
        return f"{self.pick([f + '.' + l, f[0] + l, l + self.digits(2), f + '_' + l[:4]])}@{self.pick(EMAIL_HOSTS)}"

    def url(self):
        slug = self.last().lower().replace(" ", "").replace("'", "")
        return self.pick([f"https://www.{slug}family.example.com", f"http://portal.{slug}-clinic.example.org/pt/{self.digits(5)}",
                          f"www.{slug}{self.digits(2)}.example.net", f"https://myhealth.example.org/u/{slug}{self.digits(3)}"])

    def ip(self):
        r = self.r.randint
        return f"{r(10, 223)}.{r(0, 255)}.{r(0, 255)}.{r(1, 254)}"

    # ---- identifiers --------------------------------------------------------
    def mrn(self):
        d = self.digits
        return self.pick([f"{d(7)}", f"K7-{d(6)}", f"{self.letters(1)}{d(6)}", f"MR{d(8)}", f"{d(3)}-{d(2)}-{d(3)}",
                          f"H{d(5)}/{d(2)}", f"0{d(8)}"])

    def nhs(self):
        return f"{self.digits(3)} {self.digits(3)} {self.digits(4)}"

    def chi(self):
        return f"{self.r.randint(1, 28):02d}{self.r.randint(1, 12):02d}{self.digits(2)}{self.digits(4)}"

    def healthplan(self, region="us"):
        d, L = self.digits, self.letters
        if region == "uk":
            return self.nhs() if self.r.random() < 0.6 else self.chi()
        if region == "ca":
            return f"{d(4)}-{d(3)}-{d(3)}-{L(2)}"
        if region == "au":
            return f"{d(4)} {d(5)} {d(1)}"
        if region == "nz":
            return f"{L(3)}{d(4)}"
        if region == "ie":
            return f"GMS {d(7)}{L(1)}"
        return self.pick([f"{L(3)}{d(9)}", f"W{d(9)}", f"{d(3)}-{d(2)}-{d(4)}-{L(1)}", f"MBR {d(10)}",
                          f"{L(2)}{d(6)}-{d(2)}"])

    def accession(self):
        return self.pick([f"ACC{self.digits(8)}", f"{self.letters(2)}-{self.digits(2)}-{self.digits(5)}",
                          f"S{self.digits(2)}-{self.digits(4)}", f"{self.digits(10)}"])

    def device(self):
        return self.pick([f"SN {self.letters(3)}{self.digits(6)}", f"{self.digits(3)}-{self.letters(2)}{self.digits(5)}",
                          f"PMP{self.digits(7)}", f"{self.letters(1)}{self.digits(4)}-{self.letters(1)}{self.digits(3)}"])

    def vehicle(self):
        vin_chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
        vin = "".join(self.r.choice(vin_chars) for _ in range(17))
        return self.pick([vin, f"{self.digits(1)}{self.letters(3)}{self.digits(3)}",
                          f"{self.letters(2)}{self.digits(2)} {self.letters(3)}", f"{self.letters(3)}-{self.digits(4)}",
                          f"{self.letters(3)} {self.digits(3)}"])

    def photo_id(self):
        return self.pick([f"PH-{self.digits(5)}", f"IMG_{self.digits(4)}", f"FP{self.digits(6)}-{self.letters(1)}",
                          f"{self.digits(4)}-CP-{self.digits(3)}"])

    def biometric(self):
        return self.pick([f"VP-{self.digits(6)}", f"FPT{self.digits(7)}", f"IRIS-{self.letters(2)}{self.digits(5)}",
                          f"{self.letters(1)}{self.digits(3)}-BIO-{self.digits(4)}", f"GAIT{self.digits(5)}"])

    def dictation(self):
        return self.pick([f"{self.digits(7)}", f"DJ{self.digits(6)}", f"{self.digits(4)}-{self.digits(3)}",
                          f"T{self.digits(5)}"])

    def license(self):
        return self.pick([f"{self.letters(1)}{self.digits(3)}-{self.digits(4)}-{self.digits(4)}", f"DL {self.digits(9)}",
                          f"RN{self.digits(6)}", f"{self.letters(2)}{self.digits(7)}", f"LPN-{self.digits(5)}"])

    def ssn(self):
        return self.pick([f"{self.digits(3)}-{self.digits(2)}-{self.digits(4)}", f"xxx-xx-{self.digits(4)}",
                          f"{self.digits(9)}", f"{self.digits(3)} {self.digits(2)} {self.digits(4)}"])

    def biobank(self):
        return self.pick([f"BB{self.digits(2)}-{self.digits(5)}-{self.letters(1)}", f"BIO-{self.digits(6)}",
                          f"{self.letters(3)}/{self.digits(4)}/{self.digits(2)}", f"SPC{self.digits(7)}"])

    def npi(self):
        return self.digits(10)

    def account(self):
        return self.pick([f"{self.digits(2)}-{self.digits(8)}", f"A{self.digits(9)}", f"{self.digits(12)}",
                          f"HAR {self.digits(9)}"])

    def dea(self):
        return f"{self.letters(2)}{self.digits(7)}"

    def fax(self, region="us"):
        return self.phone(region)
