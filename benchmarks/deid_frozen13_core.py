"""Writer 13's note builder and hand-written surrogates (names, places, numbers by country).

Held-out material: only its writer opens this file. Standard library only; every list below was
typed for this set, none copied from the repository or from a faker package.
"""
from __future__ import annotations

import random
import string


class Note:
    """Text built piece by piece; annotated pieces become BRAT spans with exact offsets."""

    def __init__(self, sloppy: random.Random | None = None) -> None:
        self.parts: list[str] = []
        self.n = 0
        self.spans: list[tuple[str, int, int, str]] = []
        self.sloppy = sloppy  # when set, unannotated text loses some punctuation and labels get typos

    def add(self, *pieces) -> "Note":
        for p in pieces:
            if isinstance(p, tuple):
                typ, text = p
                text = str(text)
                if typ and text:
                    self.spans.append((typ, self.n, self.n + len(text), text))
                self._put(text)
            else:
                self._put(self._hand(str(p)))
        return self

    def _hand(self, s: str) -> str:
        r = self.sloppy
        if r is None:
            return s
        for a, b in (("Patient", "Pateint"), ("DOB", "D.O.B"), ("Address", "Adress"), ("Phone", "Ph"),
                     ("received", "recieved"), ("Dr ", "dr."), ("Tel ", "tel:"), (". ", " ")):
            if a in s and r.random() < 0.25:
                s = s.replace(a, b, 1)
        if r.random() < 0.3:
            s = s.replace(": ", " ", 1)
        if r.random() < 0.2:
            s = s.replace(", ", " ", 1)
        return s

    def _put(self, s: str) -> None:
        self.parts.append(s)
        self.n += len(s)

    def text(self) -> str:
        return "".join(self.parts)


def upper_note(note: Note) -> Note:
    """The whole note in capitals (the spans keep their offsets)."""
    out = Note()
    out.parts = [note.text().upper()]
    out.n = note.n
    out.spans = [(t, s, e, x.upper()) for t, s, e, x in note.spans]
    return out


def lower_note(note: Note) -> Note:
    out = Note()
    out.parts = [note.text().lower()]
    out.n = note.n
    out.spans = [(t, s, e, x.lower()) for t, s, e, x in note.spans]
    return out


# ---- names by region: (given names, family names) ----
NAMES = {
    "US": ("Darnell Kristen Wade Lacey Brody Shawna Tucker Marisol Garrett Jolene Dwayne Kelsey "
           "Corbin Tamika Royce Annalise Duane Brianna Hollis Shelby Rusty Delphine",
           "Pruitt Halvorsen Castellano Whitacre Okonkwo-Reyes Brubaker Lindqvist Tiberi Ramsdell "
           "McCurdy Villalobos Grabowski Fairweather Huckaby Espinal Dumont Kowalczyk Thibodeaux "
           "Sorrell Abernathy Yearwood Gaskins"),
    "UK": ("Callum Niamh Rhys Imogen Alfie Phoebe Fraser Isla Declan Harriet Euan Tamsin "
           "Gethin Rosalind Ciaran Morwenna",
           "Pennington Ashdown Featherstone Llewellyn Maitland Crabtree Thistlewood Oduya "
           "Bramwell Kershaw Hebblethwaite Quayle Trelawney Ackroyd"),
    "IE": ("Siobhan Padraig Aoife Cathal Grainne Eoin Orla Tadhg", "O'Driscoll Mac Giolla Phadraig "
           "Ni Bhriain Fitzgibbon Moriarty Kinsella Geraghty McAteer"),
    "IN": ("Ravindra Lakshmi Harpreet Anjali Venkatesh Deepika Sureshkumar Meenakshi Arvind "
           "Pooja Gurmeet Kavitha", "Iyengar Bhattacharjee Choudhary Nambiar Deshpande Gill "
           "Raghunathan Patnaik Kulkarni Sethi"),
    "ZA": ("Thabo Lindiwe Pieter Annelie Sipho Zanele Johannes Nomvula Riaan Palesa",
           "van der Westhuizen Mokoena Dlamini Botha Nkosi Pretorius du Toit Khumalo"),
    "NG": ("Chinedu Ngozi Oluwaseun Aisha Emeka Funmilayo Ibrahim Chiamaka Tunde Halima",
           "Okafor Adeyemi Nwachukwu Bello Eze Olawale Abubakar Chukwuemeka"),
    "KE": ("Wanjiru Otieno Achieng Kiprono Njeri Mwangi Akinyi Kipchoge",
           "Kamau Odhiambo Wekesa Chebet Mutua Njoroge Omondi Kariuki"),
    "PH": ("Maricel Rodel Jocelyn Arnel Lorna Jericho Rowena Bong", "Dimaculangan Macaraeg "
           "Bautista Pangilinan Villareal Dela Cruz Sumulong Tolentino"),
    "SG": ("Wei Ling Jun Hao Siti Nurul Rajesh Mei Xin", "Tan Lim Goh Ong Rahman Subramaniam "
           "Koh Teo"),
    "AU": ("Brodie Kirra Lachlan Matilda Jarrah Tahlia Hamish Ngaire Wiremu Aroha",
           "Fitzsimmons Kennedy-Rua Blackwood Te Whata Pomare Holloway Cartwright Dunstan"),
    "CA": ("Etienne Genevieve Mathieu Brigitte Jasmeet Connor Amelie Tremaine",
           "Gagnon Bouchard Leblanc Tremblay Sandhu MacIsaac Pelletier Whitehorse"),
}
WORDNAMES = "Rose Hope Major Bishop Young Fox Page Rich Hale Mercy Bill Ward Sterling Frank Joy Price".split()


def _split(s: str) -> list[str]:
    # family names may have particles: keep multi-word ones joined by known particles
    out: list[str] = []
    toks = s.split()
    i = 0
    while i < len(toks):
        t = toks[i]
        if t in ("van", "du", "Mac", "Ni", "Dela", "Te") and i + 1 < len(toks):
            if t == "van" and toks[i + 1] == "der":
                out.append(" ".join(toks[i:i + 3]))
                i += 3
                continue
            if t == "Mac":
                out.append(" ".join(toks[i:i + 3]))
                i += 3
                continue
            out.append(t + " " + toks[i + 1])
            i += 2
            continue
        out.append(t)
        i += 1
    return out


GIVEN = {k: v[0].split() for k, v in NAMES.items()}
FAMILY = {k: _split(v[1]) for k, v in NAMES.items()}
# two-word given names of Singapore
GIVEN["SG"] = ["Wei Ling", "Jun Hao", "Siti", "Nurul", "Rajesh", "Mei Xin", "Boon Keng", "Hui Min"]


def person(r: random.Random, cc: str = "US") -> tuple[str, str]:
    cc = cc if cc in GIVEN else "US"
    first = r.choice(GIVEN[cc])
    last = r.choice(FAMILY[cc])
    if r.random() < 0.06:
        last = r.choice(WORDNAMES)
    if r.random() < 0.05:
        first = r.choice(WORDNAMES[:3] + ["Mercy", "Joy", "Sterling"])
    return first, last


def nform(r: random.Random, first: str, last: str, forms: str = "fl lf i l f") -> str:
    """One written form of a name: fl 'First Last', lf 'Last, First', i 'F. Last', l, f, LF 'LAST First'."""
    f = r.choice(forms.split())
    if f == "fl":
        return f"{first} {last}"
    if f == "lf":
        return f"{last}, {first}"
    if f == "i":
        return f"{first[0]}. {last}"
    if f == "l":
        return last
    if f == "f":
        return first
    if f == "LF":
        return f"{last.upper()} {first}"
    if f == "ii":
        return f"{first[0]}{last[0]}"
    return f"{first} {last}"


# ---- places by country: (town, region, postcode maker) ----
def _zip_us(r):
    return f"{r.randint(10000, 99899):05d}" + (f"-{r.randint(1000, 9999)}" if r.random() < 0.2 else "")


def _pc_uk(r):
    a = r.choice(["LS", "BD", "EX", "TR", "NR", "CB", "SY", "LL", "HU", "DH", "PL", "GL", "KA", "IV"])
    return f"{a}{r.randint(1, 29)} {r.randint(1, 9)}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}"


def _pc_ie(r):
    return f"{r.choice(['D08', 'T12', 'H91', 'V94', 'F92', 'X35'])} {r.choice(string.ascii_uppercase)}{r.randint(100, 999)}"


def _pc_in(r):
    return f"{r.randint(110, 855)}{r.randint(0, 999):03d}"


def _pc_4(r):
    return f"{r.randint(800, 9899):04d}"


def _pc_ng(r):
    return f"{r.randint(100, 981)}{r.randint(0, 999):03d}"


def _pc_ke(r):
    return f"{r.randint(100, 900):05d}"


def _pc_sg(r):
    return f"{r.randint(10, 82):02d}{r.randint(0, 9999):04d}"


def _pc_ca(r):
    L = "ABCEGHJKLMNPRSTVXY"
    return f"{r.choice('KLMNPTVRE')}{r.randint(0, 9)}{r.choice(L)} {r.randint(0, 9)}{r.choice(L)}{r.randint(0, 9)}"


TOWNS = {
    "US": ("Chillicothe Yreka Hannibal Kalispell Natchitoches Ottumwa Bemidji Sedalia Pikeville "
           "Laramie Beaufort Winslow Mountain Home Port Angeles", "OH CA MO MT LA IA MN MO KY WY SC AZ ID WA", _zip_us),
    "UK": ("Keighley Bridlington Penzance Oswestry Thetford Ely Wrexham Stroud Alnwick Kilmarnock "
           "Dingwall Barnstaple", "", _pc_uk),
    "IE": ("Ballina Tralee Clonmel Mullingar Letterkenny Dungarvan", "Co. Mayo|Co. Kerry|Co. Tipperary|Co. Westmeath|Co. Donegal|Co. Waterford", _pc_ie),
    "IN": ("Kottayam Nashik Bhilwara Tirunelveli Jalandhar Hubballi Cuttack Siliguri", "Kerala|Maharashtra|Rajasthan|Tamil Nadu|Punjab|Karnataka|Odisha|West Bengal", _pc_in),
    "ZA": ("Mthatha Polokwane Knysna Kimberley Upington Vryheid Stellenbosch", "Eastern Cape|Limpopo|Western Cape|Northern Cape|Northern Cape|KwaZulu-Natal|Western Cape", _pc_4),
    "NG": ("Abeokuta Nnewi Zaria Owerri Ilorin Calabar", "Ogun|Anambra|Kaduna|Imo|Kwara|Cross River", _pc_ng),
    "KE": ("Nakuru Eldoret Kisumu Nyeri Machakos Kitale", "", _pc_ke),
    "PH": ("Tarlac Tagum Dumaguete Lucena Iloilo Vigan", "", _pc_4),
    "SG": ("Tampines Jurong West Ang Mo Kio Woodlands Bedok", "", _pc_sg),
    "AU": ("Wagga Wagga Toowoomba Bendigo Mildura Bunbury Launceston", "NSW QLD VIC VIC WA TAS", _pc_4),
    "NZ": ("Whanganui Timaru Gisborne Masterton Whangarei", "", _pc_4),
    "CA": ("Moncton Kamloops Sudbury Trois-Rivieres Brandon Nanaimo", "NB BC ON QC MB BC", _pc_ca),
}
_MULTI = ["Mountain Home", "Port Angeles", "Wagga Wagga", "Jurong West", "Ang Mo Kio"]


def _towns(s: str) -> list[str]:
    for m in _MULTI:
        s = s.replace(m, m.replace(" ", "_"))
    return [t.replace("_", " ") for t in s.split()]


def place(r: random.Random, cc: str) -> tuple[str, str, str]:
    """(town, region or '', postcode)."""
    towns_s, regions_s, pc = TOWNS[cc]
    towns = _towns(towns_s)
    i = r.randrange(len(towns))
    regions = regions_s.split("|") if "|" in regions_s else regions_s.split()
    region = regions[i % len(regions)] if regions else ""
    return towns[i], region, pc(r)


STREETS = ("Quarry Lane|Tannery Row|Ferncliff Avenue|Goldcrest Close|Mill Race Road|Sandpiper Court|"
           "Old Forge Way|Juniper Terrace|Harrowgate Street|Cobbler's Walk|Osprey Drive|Larkspur Crescent|"
           "Gulmohar Marg|Jacaranda Street|Kloof Road|Ahmadu Bello Way|Moi Avenue|Rizal Street|"
           "Mabini Extension|Bukit Batok St 21|Rue Champlain|Waitangi Road|Bottlebrush Parade|Kerk Straat").split("|")


def street(r: random.Random) -> str:
    s = r.choice(STREETS)
    n = r.randint(2, 2890)
    f = r.random()
    if "Bukit" in s:
        return f"Blk {r.randint(100, 699)} {s} #{r.randint(2, 14):02d}-{r.randint(10, 380)}"
    if f < 0.15:
        return f"Flat {r.randint(1, 40)}, {n} {s}"
    if f < 0.25:
        return f"{n} {s} Apt {r.randint(1, 30)}{r.choice('ABC')}"
    return f"{n} {s}"


HOSP = {
    "US": ["St. Ambrose Medical Center", "Halvorsen Memorial Hospital", "Chillicothe Regional", "Yreka Valley Hospital",
           "Bemidji Lakes Health", "Mercy Saint Jude Pavilion", "Kalispell Range Medical Center", "Pikeville Baptist"],
    "UK": ["Keighley General", "Royal Cornwall (Penzance) Infirmary", "St Wilfrid's Hospice", "Alnwick Cottage Hospital",
           "Oswestry Orthopaedic", "Thetford Community Hospital", "Bramwell House Surgery"],
    "IE": ["Mayo University Hospital Ballina", "St Brendan's Tralee", "Clonmel General", "Our Lady of Lourdes Dungarvan"],
    "IN": ["Nambiar Multispeciality Hospital", "Govt Medical College Kottayam", "Sushrut Nursing Home Nashik",
           "Jalandhar Civil Hospital", "Sri Venkateswara Clinic"],
    "ZA": ["Mthatha Regional Hospital", "Polokwane Provincial", "Knysna Private", "Kimberley Hospital Complex",
           "Netcare Stellenbosch Mediclinic"],
    "NG": ["Federal Medical Centre Abeokuta", "Nnamdi Azikiwe Teaching Hospital Nnewi", "Ahmadu Bello Teaching Hospital",
           "St Gerard's Catholic Hospital"],
    "KE": ["Nakuru Level 5 Hospital", "Moi Teaching and Referral Hospital", "Kisumu County Referral", "Nyeri Provincial"],
    "PH": ["Tarlac Provincial Hospital", "Davao del Norte Regional", "Silliman Medical Center", "Quezon Medical Center Lucena"],
    "SG": ["Tampines Polyclinic", "Woodlands Health", "Ang Mo Kio Community Hospital", "Bedok Family Clinic"],
    "AU": ["Wagga Wagga Base Hospital", "Toowoomba St Vincent's", "Bendigo Health", "Mildura Base", "Launceston General"],
    "NZ": ["Whanganui Hospital", "Timaru Hospital", "Gisborne Hauora Tairawhiti", "Wairarapa Hospital"],
    "CA": ["Moncton Hospital", "Royal Inland Kamloops", "Health Sciences North Sudbury", "Brandon Regional Health Centre"],
}

MON = "January February March April May June July August September October November December".split()


def date(r: random.Random, cc: str = "US", style: str | None = None) -> str:
    y = r.randint(2019, 2026)
    m = r.randint(1, 12)
    d = r.randint(1, 28)
    dmy = cc not in ("US", "CA") or (cc == "CA" and r.random() < 0.3)
    st = style or r.choice(["num", "num", "num", "mon", "iso", "short"])
    if st == "iso":
        return f"{y}-{m:02d}-{d:02d}"
    if st == "mon":
        if dmy:
            return f"{d} {MON[m - 1]} {y}" if r.random() < 0.6 else f"{d}-{MON[m - 1][:3]}-{y}"
        return f"{MON[m - 1]} {d}, {y}" if r.random() < 0.7 else f"{MON[m - 1][:3]} {d} {y}"
    if st == "short":
        return f"{d}/{m}" if dmy else f"{m}/{d}"
    sep = "." if cc in ("ZA", "KE") and r.random() < 0.4 else "/"
    if dmy:
        return f"{d:02d}{sep}{m:02d}{sep}{y}" if r.random() < 0.7 else f"{d}{sep}{m}{sep}{y % 100:02d}"
    return f"{m:02d}/{d:02d}/{y}" if r.random() < 0.6 else f"{m}/{d}/{y % 100:02d}"


def phone(r: random.Random, cc: str = "US") -> str:
    d = lambda k: "".join(r.choice(string.digits) for _ in range(k))  # noqa: E731
    if cc == "US":
        x = r.randint(201, 989)
        e = r.randint(202, 989)
        return r.choice([f"({x}) {e}-{d(4)}", f"{x}-{e}-{d(4)}", f"{x}.{e}.{d(4)}", f"{x}{e}{d(4)}"])
    if cc == "UK":
        return r.choice([f"01{d(3)} {d(6)}", f"07{d(3)} {d(6)}", f"+44 1{d(3)} {d(6)}"])
    if cc == "IE":
        return r.choice([f"0{r.randint(21, 99)} {d(7)}", f"+353 8{d(1)} {d(3)} {d(4)}"])
    if cc == "IN":
        return r.choice([f"+91 9{d(4)} {d(5)}", f"0{r.randint(120, 891)}-{d(7)}", f"9{d(9)}"])
    if cc == "ZA":
        return r.choice([f"0{r.randint(11, 87)} {d(3)} {d(4)}", f"+27 8{d(1)} {d(3)} {d(4)}"])
    if cc == "NG":
        return r.choice([f"080{d(1)} {d(3)} {d(4)}", f"+234 70{d(1)} {d(3)} {d(4)}"])
    if cc == "KE":
        return r.choice([f"07{d(2)} {d(6)}", f"+254 7{d(2)} {d(3)} {d(3)}"])
    if cc == "PH":
        return r.choice([f"0917-{d(3)}-{d(4)}", f"(02) 8{d(3)} {d(4)}", f"+63 9{d(2)} {d(3)} {d(4)}"])
    if cc == "SG":
        return r.choice([f"6{d(3)} {d(4)}", f"+65 9{d(3)} {d(4)}"])
    if cc in ("AU", "NZ"):
        return r.choice([f"(0{r.randint(2, 9)}) {d(4)} {d(4)}", f"04{d(2)} {d(3)} {d(3)}", f"021 {d(3)} {d(4)}"])
    if cc == "CA":
        return f"({r.randint(204, 905)}) {d(3)}-{d(4)}"
    return f"{d(3)}-{d(4)}"


def digits(r: random.Random, k: int) -> str:
    return str(r.randint(1, 9)) + "".join(r.choice(string.digits) for _ in range(k - 1))


def letters(r: random.Random, k: int) -> str:
    return "".join(r.choice(string.ascii_uppercase) for _ in range(k))


def mrn(r: random.Random, cc: str = "US") -> str:
    if cc == "UK" and r.random() < 0.5:
        n = digits(r, 10)
        return f"{n[:3]} {n[3:6]} {n[6:]}"
    return r.choice([digits(r, 7), f"E{digits(r, 8)}", f"{letters(r, 2)}{digits(r, 6)}", f"{digits(r, 3)}-{digits(r, 2)}-{digits(r, 2)}"])


def healthplan(r: random.Random, cc: str = "US") -> str:
    if cc == "UK":
        n = digits(r, 10)
        return f"{n[:3]} {n[3:6]} {n[6:]}"
    if cc == "AU":
        return f"{digits(r, 4)} {digits(r, 5)} {r.randint(1, 9)}"
    if cc == "IN":
        return f"{digits(r, 2)}-{digits(r, 4)}-{digits(r, 4)}-{digits(r, 4)}"
    if cc == "CA":
        return f"{digits(r, 4)}-{digits(r, 3)}-{digits(r, 3)}-{letters(r, 2)}"
    if cc == "ZA":
        return f"{digits(r, 8)}"
    if cc == "PH":
        return f"{digits(r, 2)}-{digits(r, 9)}-{r.randint(0, 9)}"
    if cc == "IE":
        return f"{digits(r, 7)}{letters(r, 1)}"
    return r.choice([f"{letters(r, 3)}{digits(r, 9)}", f"W{digits(r, 8)}", f"{digits(r, 1)}{letters(r, 2)}{digits(r, 1)}-{letters(r, 2)}{digits(r, 1)}-{letters(r, 2)}{digits(r, 2)}"])


def ssn(r: random.Random) -> str:
    return f"{r.randint(101, 665)}-{r.randint(10, 99)}-{r.randint(1000, 9999)}"


def email(r: random.Random, first: str, last: str, dom: str | None = None) -> str:
    l_ = last.lower().replace(" ", "").replace("'", "")
    f_ = first.lower().split()[0]
    dom = dom or r.choice(["gmail.com", "yahoo.co.uk", "outlook.com", "rediffmail.com", "mweb.co.za", "hotmail.com", "icloud.com"])
    return r.choice([f"{f_}.{l_}@{dom}", f"{f_[0]}{l_}{r.randint(1, 99)}@{dom}", f"{l_}_{f_}@{dom}"])


def ip(r: random.Random) -> str:
    return r.choice([f"10.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}",
                     f"192.168.{r.randint(0, 255)}.{r.randint(1, 254)}",
                     f"{r.randint(23, 203)}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"])


def dea(r: random.Random, last: str) -> str:
    return f"{r.choice('ABFM')}{last[0].upper()}{digits(r, 7)}"


def npi(r: random.Random) -> str:
    return "1" + digits(r, 9)[1:] + str(r.randint(0, 9))


def plate(r: random.Random, cc: str = "US") -> str:
    if cc == "UK":
        return f"{letters(r, 2)}{r.randint(10, 74)} {letters(r, 3)}"
    if cc == "ZA":
        return f"{letters(r, 2)} {r.randint(10, 99)} {letters(r, 2)} GP"
    if cc == "IN":
        return f"{r.choice(['KL', 'MH', 'RJ', 'TN', 'PB'])}-{r.randint(1, 60):02d}-{letters(r, 2)}-{digits(r, 4)}"
    return r.choice([f"{digits(r, 1)}{letters(r, 3)}{digits(r, 3)}", f"{letters(r, 3)}-{digits(r, 4)}", f"{letters(r, 3)} {digits(r, 3)}"])


def vin(r: random.Random) -> str:
    al = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    return "".join(r.choice(al) for _ in range(17))


def age90(r: random.Random) -> str:
    return str(r.randint(90, 104))


def dob(r: random.Random, cc: str = "US", style: str | None = None, lo: int = 1924, hi: int = 2016) -> str:
    """A date of birth (lo-hi) in the country's usual order."""
    d = date(r, cc, style or r.choice(["num", "num", "mon", "iso"]))
    y = str(r.randint(lo, hi))
    for old in ("2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026"):
        if old in d:
            return d.replace(old, y)
    return d[:-2] + y[-2:] if d[-3] in "/." else d
