"""Set 11's places, dates, phone numbers and identifiers, per country, typed by hand."""

from __future__ import annotations

import random
import string

MONTHS = "January February March April May June July August September October November December".split()
MESES = "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split()
MAANDE = "Januarie Februarie Maart April Mei Junie Julie Augustus September Oktober November Desember".split()

TOWNS = {
    "US": [("Cedar Bluff", "AL"), ("Wapakoneta", "OH"), ("Tonopah", "NV"), ("Kewanee", "IL"), ("Ellijay", "GA"),
           ("Hood River", "OR"), ("Pecos", "TX"), ("Waynesboro", "VA"), ("Red Wing", "MN"), ("Laurinburg", "NC"),
           ("Socorro", "NM"), ("Presque Isle", "ME"), ("Sedalia", "MO"), ("Marysville", "WA")],
    "UK": ["Kettering", "Haverfordwest", "Bridlington", "Oswestry", "Stranraer", "Barnstaple", "Kendal",
           "Dunfermline", "Newark-on-Trent", "Llandudno", "Rotherham", "Ashby-de-la-Zouch", "Whitby"],
    "IE": ["Ballina", "Portlaoise", "Dungarvan", "Letterkenny", "Tullamore", "Ennis", "Carlow", "Cavan"],
    "CA": [("Moose Jaw", "SK"), ("Brandon", "MB"), ("Rimouski", "QC"), ("Timmins", "ON"), ("Red Deer", "AB"),
           ("Truro", "NS"), ("Kamloops", "BC"), ("Sault Ste. Marie", "ON")],
    "AU": [("Wagga Wagga", "NSW"), ("Toowoomba", "QLD"), ("Mildura", "VIC"), ("Kalgoorlie", "WA"),
           ("Mount Gambier", "SA"), ("Devonport", "TAS"), ("Katherine", "NT"), ("Dubbo", "NSW")],
    "NZ": ["Whanganui", "Timaru", "Gisborne", "Masterton", "Invercargill", "Whakatane", "Levin", "Blenheim"],
    "IN": [("Dharwad", "Karnataka"), ("Nanded", "Maharashtra"), ("Bhilai", "Chhattisgarh"), ("Kottayam", "Kerala"),
           ("Moradabad", "Uttar Pradesh"), ("Tirunelveli", "Tamil Nadu"), ("Bathinda", "Punjab"),
           ("Guntur", "Andhra Pradesh")],
    "ZA": ["Polokwane", "Mthatha", "Upington", "Worcester", "Kimberley", "Potchefstroom", "George", "Mbombela"],
    "SG": ["Tampines", "Jurong West", "Ang Mo Kio", "Woodlands", "Bukit Batok", "Pasir Ris"],
    "NG": [("Ilorin", "Kwara State"), ("Abeokuta", "Ogun State"), ("Enugu", "Enugu State"), ("Osogbo", "Osun State"),
           ("Owerri", "Imo State"), ("Jos", "Plateau State")],
    "KE": ["Nakuru", "Eldoret", "Kisumu", "Nyeri", "Machakos", "Kitale", "Kakamega"],
    "PH": [("Tuguegarao", "Cagayan"), ("Dumaguete", "Negros Oriental"), ("Tacloban", "Leyte"),
           ("Calbayog", "Samar"), ("San Fernando", "Pampanga"), ("Roxas", "Capiz")],
}
STREETS = {
    "US": ["Old Mill Rd", "Sycamore Ln", "N Tamarack St", "County Road 14", "Quail Run Dr", "E Ridgeway Ave",
           "Hwy 61 S", "Pinecrest Ct", "W Depot St", "Larkspur Trl"],
    "UK": ["Tannery Lane", "Chapel Row", "Priory Close", "Brewery Yard", "Sandpit Road", "Ropewalk",
           "Gorsey Bank", "Cherry Tree Avenue"],
    "IE": ["Bóthar na Trá", "Convent Road", "Fair Green", "Mill Street", "Parnell Square"],
    "CA": ["Rue Saint-Germain", "Baldwin Cres", "Concession Rd 7", "Birchwood Dr", "Lakeshore Blvd"],
    "AU": ["Wattle Grove", "Banksia Pde", "Jacaranda St", "Boundary Rd", "Kurrajong Ave"],
    "NZ": ["Kowhai Street", "Rimu Road", "Harbour View Tce", "Totara Crescent"],
    "IN": ["Gandhi Nagar Main Rd", "Shivaji Chowk", "MG Road", "Nehru Colony Lane 3", "Station Road"],
    "ZA": ["Voortrekker Rd", "Kerkstraat", "Jan Smuts Ave", "Protea Cres", "Mandela Drive"],
    "SG": ["Tampines St 21", "Jurong West Ave 1", "Ang Mo Kio Ave 10", "Woodlands Drive 16"],
    "NG": ["Ahmadu Bello Way", "Awolowo Road", "Ogui Road", "Ikot Ekpene Rd"],
    "KE": ["Moi Avenue", "Kenyatta Highway", "Oginga Odinga St", "Uhuru Road"],
    "PH": ["Rizal St", "Mabini Ave", "Purok 4 Brgy San Isidro", "Quezon Blvd"],
}
# hospitals named after towns, saints and people, with their abbreviations
HOSPITALS = {
    "US": ["Wapakoneta Regional Medical Center", "St. Hedwig Memorial Hospital", "Lucinda Marsh Children's Hospital",
           "Red Wing Community Hospital", "Pecos County Memorial", "Tonopah Valley Health", "SHMH",
           "Mercy St. Brendan Medical Center", "Ellijay General"],
    "UK": ["Kettering General Hospital", "Withybush General", "St Swithun's Hospital", "Bridlington Cottage Hospital",
           "Royal Albert Edward Infirmary", "KGH", "Furness General", "Queen Ethelburga Hospital"],
    "IE": ["Mayo University Hospital", "St. Brigid's Hospital Ballina", "Midland Regional Hospital Portlaoise",
           "MRHP", "Our Lady of Lourdes Hospital"],
    "CA": ["Brandon Regional Health Centre", "Hôpital régional de Rimouski", "Timmins and District Hospital",
           "TADH", "St. Boniface Hospital", "Dr. Everett Chalmers Regional"],
    "AU": ["Wagga Wagga Base Hospital", "St Vincent's Private Toowoomba", "Mildura Base Public Hospital",
           "Royal Darwin Hospital", "WWBH", "Dubbo Health Service"],
    "NZ": ["Whanganui Hospital", "Timaru Hospital", "Gisborne Hospital", "Wairau Hospital", "Southland Hospital"],
    "IN": ["SDM College of Medical Sciences", "Guru Gobind Singh Medical College", "Dr. Shankarrao Chavan GMCH",
           "St. John's Medical College Hospital", "Kottayam MCH", "CIMS Bilaspur"],
    "ZA": ["Polokwane Provincial Hospital", "Nelson Mandela Academic Hospital", "Dr George Mukhari Hospital",
           "Tygerberg Hospital", "Robert Mangaliso Sobukwe Hospital", "NMAH"],
    "SG": ["Changi General Hospital", "Ng Teng Fong General Hospital", "Khoo Teck Puat Hospital",
           "Tampines Polyclinic", "Woodlands Polyclinic", "KTPH"],
    "NG": ["University of Ilorin Teaching Hospital", "UITH", "Federal Medical Centre Abeokuta",
           "Lagos Island Maternity", "Enugu State University Teaching Hospital", "LAUTECH Osogbo"],
    "KE": ["Nakuru Level 5 Hospital", "Moi Teaching and Referral Hospital", "MTRH",
           "Jaramogi Oginga Odinga Teaching and Referral Hospital", "Kitale County Referral Hospital"],
    "PH": ["Cagayan Valley Medical Center", "Silliman University Medical Center", "Eastern Visayas Medical Center",
           "EVMC", "Jose B. Lingad Memorial Hospital", "Roxas Memorial Provincial Hospital"],
}


def pick(rng, seq):
    return seq[rng.randrange(len(seq))]


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def letters(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(n))


def town(rng, c):
    """(town, region or '') of a country."""
    t = pick(rng, TOWNS[c])
    return t if isinstance(t, tuple) else (t, "")


def postcode(rng, c) -> str:
    if c == "US":
        z = digits(rng, 5)
        return z + ("-" + digits(rng, 4) if rng.random() < 0.2 else "")
    if c == "UK":
        return f"{letters(rng, 2)}{rng.randint(1, 29)} {rng.randint(1, 9)}{letters(rng, 2)}"
    if c == "IE":
        return f"{pick(rng, ['F26', 'R32', 'X35', 'F92', 'R35', 'V95', 'R93', 'H12'])} {letters(rng, 1)}{digits(rng, 1)}{letters(rng, 1)}{digits(rng, 1)}"
    if c == "CA":
        L, d = letters, digits
        return f"{L(rng, 1)}{d(rng, 1)}{L(rng, 1)} {d(rng, 1)}{L(rng, 1)}{d(rng, 1)}"
    if c == "IN":
        return f"{rng.randint(40, 69)}{digits(rng, 1)} {digits(rng, 3)}" if rng.random() < 0.3 else str(rng.randint(400001, 699999))
    if c == "SG":
        return digits(rng, 6)
    if c == "NG":
        return str(rng.randint(100001, 999999))
    if c == "KE":
        return str(rng.randint(10100, 50400)).zfill(5)
    return str(rng.randint(1000, 9999))  # AU NZ ZA PH: four digits


def phone(rng, c) -> str:
    d = lambda n: digits(rng, n)  # noqa: E731
    r = rng.random()
    if c in ("US", "CA"):
        area = str(rng.randint(201, 989))
        return pick(rng, [f"({area}) {d(3)}-{d(4)}", f"{area}-{d(3)}-{d(4)}", f"{area}.{d(3)}.{d(4)}",
                          f"+1 {area} {d(3)} {d(4)}", f"{area}{d(7)}"])
    if c == "UK":
        return pick(rng, [f"0{rng.randint(1200, 1999)} {d(6)}", f"07{d(3)} {d(6)}", f"+44 (0)1{d(3)} {d(6)}",
                          f"07{d(9)}"])
    if c == "IE":
        return pick(rng, [f"(0{rng.randint(21, 99)}) {d(3)} {d(4)}", f"08{rng.randint(3, 9)} {d(3)} {d(4)}",
                          f"+353 8{rng.randint(3, 9)} {d(7)}"])
    if c == "AU":
        return pick(rng, [f"(0{rng.choice('2378')}) {d(4)} {d(4)}", f"04{d(2)} {d(3)} {d(3)}", f"+61 4{d(2)} {d(3)} {d(3)}"])
    if c == "NZ":
        return pick(rng, [f"(06) {d(3)} {d(4)}", f"021 {d(3)} {d(4)}", f"027-{d(3)}-{d(4)}", f"+64 3 {d(3)} {d(4)}"])
    if c == "IN":
        return pick(rng, [f"+91 9{d(4)} {d(5)}", f"9{d(9)}", f"0{rng.randint(20, 891)}-{d(7)}", f"8{d(4)}-{d(5)}"])
    if c == "ZA":
        return pick(rng, [f"0{rng.randint(11, 58)} {d(3)} {d(4)}", f"08{rng.randint(2, 4)} {d(3)} {d(4)}",
                          f"+27 {rng.randint(60, 84)} {d(3)} {d(4)}"])
    if c == "SG":
        return pick(rng, [f"+65 {rng.choice('689')}{d(3)} {d(4)}", f"{rng.choice('689')}{d(3)} {d(4)}"])
    if c == "NG":
        return pick(rng, [f"080{d(1)} {d(3)} {d(4)}", f"+234 {rng.choice(['803', '806', '813', '705'])} {d(3)} {d(4)}",
                          f"0{rng.choice(['803', '706', '815'])}{d(7)}"])
    if c == "KE":
        return pick(rng, [f"07{d(2)} {d(3)} {d(3)}", f"+254 7{d(2)} {d(6)}", f"0{rng.choice(['20', '51', '57'])} {d(7)}"])
    if c == "PH":
        return pick(rng, [f"09{d(2)} {d(3)} {d(4)}", f"+63 9{d(2)} {d(3)} {d(4)}", f"(0{rng.randint(32, 88)}) {d(3)}-{d(4)}"])
    return d(10) if r < 2 else ""


def email(rng, p_first: str, p_last: str, c: str = "US") -> str:
    dom = pick(rng, {"UK": ["btinternet.com", "nhs.net", "outlook.co.uk"], "IN": ["rediffmail.com", "gmail.com"],
                     "AU": ["bigpond.com", "health.nsw.gov.au"], "NZ": ["xtra.co.nz"], "ZA": ["mweb.co.za", "telkomsa.net"],
                     "NG": ["yahoo.com", "gmail.com"], "PH": ["yahoo.com.ph", "gmail.com"]}.get(c, ["gmail.com", "yahoo.com", "comcast.net", "icloud.com"]))
    u = pick(rng, [f"{p_first}.{p_last}", f"{p_first[0]}{p_last}{rng.randint(1, 99)}", f"{p_last}_{p_first}",
                   f"{p_first}{rng.randint(1960, 2005)}"]).lower().replace(" ", "").replace("'", "")
    return f"{u}@{dom}"


def ip(rng) -> str:
    return pick(rng, [f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                      f"172.{rng.randint(16, 31)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                      f"192.168.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                      f"{rng.randint(23, 203)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"])


def url(rng, name: str) -> str:
    slug = "".join(ch for ch in name.lower().replace(" ", "") if ch.isalnum())[:18]
    return pick(rng, [f"https://www.{slug}.org/patients", f"http://{slug}.health/portal?id={digits(rng, 6)}",
                      f"www.{slug}.com.au", f"https://portal.{slug}.co.uk/login", f"{slug}.net/records/{digits(rng, 5)}"])


# ------------------------------------------------------------------------------ dates
def a_date(rng, lo: int = 2024, hi: int = 2026):
    return rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28)


def dob(rng, old: bool = False):
    return (rng.randint(1926, 1936) if old else rng.randint(1941, 2019)), rng.randint(1, 12), rng.randint(1, 28)


def fmt_date(rng, ymd, c: str = "US", style: str = "") -> str:
    y, m, d = ymd
    mon = MONTHS[m - 1]
    dmy = c not in ("US", "PH", "CA") or (c == "CA" and rng.random() < 0.4) or (c == "PH" and rng.random() < 0.3)
    styles = (["dmy", "dmy2", "d_mon_y", "dth_month", "dot", "iso", "dMONy"] if dmy
              else ["mdy", "mdy2", "month_d_y", "iso", "DMONY", "mdy_nopad"])
    s = style or pick(rng, styles)
    return {
        "dmy": f"{d:02d}/{m:02d}/{y}", "dmy2": f"{d}/{m}/{y % 100:02d}", "d_mon_y": f"{d} {mon[:3]} {y}",
        "dth_month": f"{d}{_th(d)} {mon} {y}", "dot": f"{d:02d}.{m:02d}.{y % 100:02d}", "iso": f"{y}-{m:02d}-{d:02d}",
        "dMONy": f"{d:02d}-{mon[:3].upper()}-{y}", "mdy": f"{m:02d}/{d:02d}/{y}", "mdy2": f"{m}/{d}/{y % 100:02d}",
        "month_d_y": f"{mon} {d}, {y}", "DMONY": f"{d:02d}{mon[:3].upper()}{y}", "mdy_nopad": f"{m}/{d}/{y}",
        "short_md": f"{m}/{d}", "short_dm": f"{d}/{m}", "mon_y": f"{mon} {y}", "es": f"{d} de {MESES[m - 1]} de {y}",
        "af": f"{d} {MAANDE[m - 1]} {y}", "compact": f"{y}{m:02d}{d:02d}", "mon_d": f"{mon[:3]} {d}",
    }[s]


def _th(d: int) -> str:
    return "th" if 10 < d < 14 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")


# ------------------------------------------------------------------------------ identifiers
def health_plan(rng, c: str) -> tuple[str, str]:
    """(label, number) of a national or insurer number of a country."""
    d = lambda n: digits(rng, n)  # noqa: E731
    return {
        "US": (pick(rng, ["Member ID", "Policy #", "Medicaid ID", "Subscriber"]), pick(rng, [f"{letters(rng, 3)}{d(9)}", f"W{d(8)}", f"{d(11)}A"])),
        "UK": ("NHS No", f"{d(3)} {d(3)} {d(4)}"),
        "IE": ("PPSN", f"{d(7)}{letters(rng, 1)}{rng.choice(['', 'W', 'A'])}"),
        "CA": (pick(rng, ["OHIP", "PHN", "HCN"]), f"{d(4)}-{d(3)}-{d(3)}-{letters(rng, 2)}"),
        "AU": ("Medicare", f"{d(4)} {d(5)} {d(1)}-{rng.randint(1, 5)}"),
        "NZ": ("NHI", f"{letters(rng, 3)}{d(4)}"),
        "IN": (pick(rng, ["Aadhaar", "ABHA", "PM-JAY ID"]), f"{d(4)} {d(4)} {d(4)}" if rng.random() < 0.6 else f"{d(2)}-{d(4)}-{d(4)}-{d(4)}"),
        "ZA": (pick(rng, ["Medical aid no.", "Discovery no."]), f"{d(9)}"),
        "SG": ("MediSave a/c", f"{rng.choice('ST')}{d(7)}{letters(rng, 1)}"),
        "NG": ("NHIA No", f"{letters(rng, 3)}/{d(5)}/{d(2)}"),
        "KE": ("SHA/NHIF", f"{d(8)}"),
        "PH": ("PhilHealth PIN", f"{d(2)}-{d(9)}-{d(1)}"),
    }[c]


def national_id(rng, c: str) -> tuple[str, str]:
    """SSN and its counterparts (annotated SSN)."""
    d = lambda n: digits(rng, n)  # noqa: E731
    return {
        "US": ("SSN", pick(rng, [f"{rng.randint(100, 665)}-{d(2)}-{d(4)}", f"{rng.randint(100, 665)} {d(2)} {d(4)}", f"{rng.randint(100, 665)}{d(6)}"])),
        "ZA": ("ID no", f"{rng.randint(40, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{d(7)}"),
        "SG": ("NRIC", f"{rng.choice('ST')}{d(7)}{letters(rng, 1)}"),
        "KE": ("National ID", d(8)),
        "NG": ("NIN", d(11)),
        "CA": ("SIN", f"{d(3)} {d(3)} {d(3)}"),
        "UK": ("NI No", f"{letters(rng, 2)} {d(2)} {d(2)} {d(2)} {rng.choice('ABCD')}"),
        "IN": ("PAN", f"{letters(rng, 5)}{d(4)}{letters(rng, 1)}"),
        "PH": ("UMID CRN", f"{d(4)}-{d(7)}-{d(1)}"),
        "AU": ("TFN", f"{d(3)} {d(3)} {d(3)}"),
        "NZ": ("IRD", f"{d(3)}-{d(3)}-{d(3)}"),
        "IE": ("PPSN", f"{d(7)}{letters(rng, 1)}"),
    }[c]


def mrn(rng, c: str = "US") -> str:
    d = lambda n: digits(rng, n)  # noqa: E731
    return pick(rng, {"UK": [f"{letters(rng, 1)}{d(6)}", f"RX{d(7)}", d(8)], "IN": [f"OPD/{d(4)}/{rng.randint(2024, 2026)}", f"CR{d(9)}", f"IP-{d(6)}"],
                      "NG": [f"UITH/{d(5)}", f"FMC-A/{d(6)}"], "KE": [f"{d(6)}/{rng.randint(24, 26)}", f"IP{d(7)}"],
                      "PH": [f"{d(2)}-{d(6)}", f"HRN {d(8)}"]}.get(c, [d(7), f"{d(3)}-{d(2)}-{d(2)}", f"MR{d(8)}", f"E{d(9)}", d(10)]))


def account(rng) -> str:
    return pick(rng, [f"{digits(rng, 10)}", f"ACCT-{digits(rng, 8)}", f"V{digits(rng, 9)}", f"{digits(rng, 9)}F",
                      f"{digits(rng, 4)}-{digits(rng, 6)}"])


def license_no(rng, c: str = "US") -> str:
    return pick(rng, {"UK": [digits(rng, 7), f"{digits(rng, 2)}{letters(rng, 1)}{digits(rng, 4)}{letters(rng, 1)}"],
                      "IN": [digits(rng, 5), f"MMC/{digits(rng, 4)}/{digits(rng, 5)}", f"KMC-{digits(rng, 5)}"],
                      "AU": [f"MED000{digits(rng, 7)}", f"NMW000{digits(rng, 7)}"], "ZA": [f"MP {digits(rng, 7)}", f"MP{digits(rng, 7)}"],
                      "NZ": [digits(rng, 5)], "PH": [digits(rng, 7)], "NG": [f"MDCN/R/{digits(rng, 5)}"],
                      "KE": [f"A{digits(rng, 4)}"], "SG": [f"M{digits(rng, 5)}{letters(rng, 1)}"],
                      "IE": [digits(rng, 6)], "CA": [digits(rng, 5)]}.get(
        c, [f"{letters(rng, 1)}{digits(rng, 5)}", f"MD.{digits(rng, 6)}", f"RN{digits(rng, 7)}", f"{letters(rng, 2)}-{digits(rng, 6)}"]))


def dea(rng) -> str:
    return f"{rng.choice('ABFM')}{letters(rng, 1)}{digits(rng, 7)}"


def npi(rng) -> str:
    return rng.choice("12") + digits(rng, 9)


def device_serial(rng) -> str:
    return pick(rng, [f"{letters(rng, 3)}{digits(rng, 6)}", f"{letters(rng, 2)}{digits(rng, 8)}", f"{digits(rng, 4)}-{letters(rng, 1)}{digits(rng, 5)}",
                      f"(21){digits(rng, 10)}", f"{letters(rng, 4)}-{digits(rng, 4)}-{letters(rng, 2)}"])


def biobank(rng) -> str:
    return pick(rng, [f"BB-{digits(rng, 6)}", f"BIO{rng.randint(2019, 2026)}-{digits(rng, 5)}", f"DNA{digits(rng, 7)}",
                      f"{letters(rng, 2)}{digits(rng, 4)}-S{rng.randint(1, 9)}"])


def accession(rng) -> str:
    return pick(rng, [f"S{rng.randint(24, 26)}-{digits(rng, 5)}", f"ACC{digits(rng, 9)}", f"RAD-{digits(rng, 7)}",
                      f"{letters(rng, 2)}{rng.randint(24, 26)}/{digits(rng, 5)}", f"H{digits(rng, 8)}"])


def dictation(rng) -> str:
    return pick(rng, [f"D#{digits(rng, 7)}", f"JOB {digits(rng, 8)}", f"{digits(rng, 6)}-DX", f"DICT{digits(rng, 6)}",
                      f"T{digits(rng, 9)}"])


def photo(rng) -> str:
    return pick(rng, [f"IMG_{digits(rng, 4)}.JPG", f"PXL_{rng.randint(2024, 2026)}{digits(rng, 4)}_{digits(rng, 6)}.jpg",
                      f"face_{digits(rng, 6)}.png", f"DSC{digits(rng, 5)}.jpg", f"PHOTO-{digits(rng, 7)}"])


def plate(rng, c: str = "US") -> str:
    return pick(rng, {"UK": [f"{letters(rng, 2)}{digits(rng, 2)} {letters(rng, 3)}"], "IE": [f"{rng.randint(131, 252)}-{rng.choice(['MO', 'LS', 'WD', 'D', 'C'])}-{digits(rng, 4)}"],
                      "AU": [f"{digits(rng, 1)}{letters(rng, 3)}{digits(rng, 3)}", f"{letters(rng, 3)}-{digits(rng, 2)}{letters(rng, 1)}"],
                      "NZ": [f"{letters(rng, 3)}{digits(rng, 3)}"], "IN": [f"{rng.choice(['KA', 'MH', 'KL', 'PB'])} {digits(rng, 2)} {letters(rng, 2)} {digits(rng, 4)}"],
                      "ZA": [f"{letters(rng, 2)} {digits(rng, 2)} {letters(rng, 2)} GP", f"CA {digits(rng, 3)}-{digits(rng, 3)}"],
                      "SG": [f"S{letters(rng, 2)}{digits(rng, 4)}{letters(rng, 1)}"], "KE": [f"K{letters(rng, 2)} {digits(rng, 3)}{letters(rng, 1)}"],
                      "NG": [f"{letters(rng, 3)}-{digits(rng, 3)}{letters(rng, 2)}"], "PH": [f"{letters(rng, 3)} {digits(rng, 4)}"]}.get(
        c, [f"{digits(rng, 1)}{letters(rng, 3)}{digits(rng, 3)}", f"{letters(rng, 3)} {digits(rng, 4)}", vin(rng)]))


def vin(rng) -> str:
    return "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(17))


def biometric(rng) -> str:
    return pick(rng, [f"FP-{letters(rng, 2)}{digits(rng, 8)}", f"VP{digits(rng, 9)}", f"IRIS-{digits(rng, 4)}-{letters(rng, 4)}",
                      f"RET{digits(rng, 7)}", f"{digits(rng, 4)}-FPR-{digits(rng, 4)}", f"PALM{digits(rng, 6)}"])
