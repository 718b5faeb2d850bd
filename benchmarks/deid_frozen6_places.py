"""Hand-written place, institution and locale surrogates of the sixth frozen de-identification set.

Every locale (US, UK, Scotland, Ireland, Canada, Australia, New Zealand, South Africa, India, Singapore)
has its own towns (most invented), counties/districts, street names, postcode shape, phone shapes and
health-plan / national-number shapes. The id shapes are this set's own except where the shape is
public and common (UK NHS 3-3-4 digits, Canadian A1A 1A1 postcodes, Irish Eircode A65 F4E2 shape).
Regions that are not PHI (US states, provinces, Australian states, countries) are listed separately.
"""

from __future__ import annotations

import random
import string

from deid_frozen6_names import SURNAMES

TOWNS = {
    "US": """Harwick|Millbridge|Fallon Creek|Orchard Bluff|Port Ansel|Cedar Hollow|Dunmore Springs|Eastvale|
Greyford|Lindale|Marrow Point|New Carden|Oakhurst|Quarry Hill|Redbank|Sawyer's Mill|Tillman|Vantage|
Westbury Heights|Alder Grove|Brisco|Copper Ridge|Foxton|Glenrock|Hollis Bay|Juniper Flats|Laurel Run|
Mayfield Center|Norwood Lake|Pruett|Riverbend|Stanwick|Tolland Forge|Wexley|Bellhaven|Carthage Mills|
Deering|Elk Bend|Fort Calloway|Grange|Hope Valley|Ivyton|Kingsbury|Lockport Falls|Maple Shade|Nash Crossing|
Sterling Junction|Summerfield|Winter Harbor|Dawson|Bishop's Landing|Sharpsville|Greenport|Blackwater|
Stone Ridge|Little Falls|Rose Hill|Temple Terrace|Hunter's Point|Grant City|Marshfield|Foxboro Heights""",
    "UK": """Thornbury Vale|Kingsmere|Ashcombe|Low Felling|Bramwell|Hatherleigh Cross|Stokeley|Wendlebury|
Marston Priors|Pennington|Saltmarsh|Upper Haddon|Leeds|Kettering|Brackwell|Fenby|Great Oakley|Hollowell|
Nether Stowey|Ribbleton|Swanmere|Whitchurch Hill|Crowle|Amblebury|Dunsford|Little Wendham""",
    "SCOT": """Kilbrannan|Inverlochan|Dunmorach|Auchterbeg|Glasgow|Dundee|Portcairn|Strathmore Bridge|
Balnagown|Kirkhallow|Lochgarve|Invergarry Mains|Craigellan|Drumpellier""",
    "IE": """Ballycarra|Kilmoganny|Drumcliffe|Cork|Castlemoyle|Ennisdara|Carrigrohane|Ballinvale|Rathmore Bridge|
Knockanore|Clonbeg|Tubbercurry|Lisnagree|Dunmanway""",
    "CA": """Port Albion|Saint-Aurele|Millhaven|Kelvington|Baie-Verte|Thunder Narrows|Beaverlodge|Lac-Moreau|
Pembroke Landing|Fort Ardley|Hamilton|Winnipeg|Cranbrook Flats|Moose Crossing""",
    "AU": """Wattle Creek|Bellbird Flat|Kooringa|Yarrandale|Coolabah Springs|Mount Ellery|Parramatta|
Geelong|Narrabri South|Tooraweenah|Banksia Park|Dunlop Heights|Emu Plains North""",
    "NZ": """Whakarongo|Te Kauri|Mangawhai|Rotorua|Kaiwaka Bay|Otaraia|Pukeora|Hamilton East|Tawa Flat|
Riverton Heads""",
    "ZA": """Umhlali|Kwa-Ndengezi|Durban|Stellenbosch|Bloemhof|Mthatha|Soshanguve|Paarl East|Matatiele""",
    "IN": """Pune|Ranipur|Koramangala|Chandkheda|Navi Mumbai|Kottayam|Hosur|Madhavaram|Sitapur""",
    "SG": """Tampines|Jurong West|Toa Payoh|Bedok North|Sengkang|Woodlands|Bukit Batok|Pasir Ris""",
}
TOWNS = {k: [t.strip() for t in v.replace("\n", "").split("|")] for k, v in TOWNS.items()}

COUNTIES = {
    "US": ["Ashby County", "Bracken County", "Calder County", "Dorrance County", "Fennimore County",
           "Halloway County", "Kessler Parish", "Lowry County", "Merritt County", "Pike River County"],
    "UK": ["North Ashdale", "Wexshire", "East Brackenshire", "Fenland Vale"],
    "SCOT": ["Lochaber Glen", "East Strathcairn", "Fife", "Angus"],
    "IE": ["Co. Kerry", "Co. Mayo", "County Leitrim", "Co. Clare"],
    "CA": ["Algonquin District", "Kelvin County"], "AU": ["Shire of Merrindee", "Yarra Downs Shire"],
    "NZ": ["Waikato", "Hauraki District"], "ZA": ["Ugu District", "Cape Winelands"],
    "IN": ["Pune district", "Ernakulam district"], "SG": ["Central Region"],
}

# Regions and countries: written in notes but NOT PHI in this set's guideline.
REGIONS = {
    "US": ["Oregon", "OR", "Ohio", "OH", "Texas", "TX", "Georgia", "GA", "Maine", "ME", "Iowa", "IA",
           "Vermont", "VT", "Kansas", "KS", "Montana", "MT", "New Mexico", "NM", "Virginia", "VA", "WA"],
    "UK": ["England", "UK", "United Kingdom"], "SCOT": ["Scotland", "UK"], "IE": ["Ireland", "Republic of Ireland"],
    "CA": ["Ontario", "ON", "Manitoba", "MB", "Nova Scotia", "NS", "Alberta", "AB", "Quebec", "QC"],
    "AU": ["NSW", "VIC", "QLD", "SA", "WA", "Australia"], "NZ": ["New Zealand", "NZ"],
    "ZA": ["KwaZulu-Natal", "Western Cape", "South Africa"], "IN": ["Maharashtra", "Kerala", "India"],
    "SG": ["Singapore"],
}

STREET_NAMES = """Elm|Juniper|Wexley|Mill Pond|Harrow|Quarry|Old Church|Bishop|Temple|Marsh|Kingfisher|Alder|
Sycamore|Lark Rise|Brook|Station|Cannery|Rowan|Ivy|Hawthorn|Orchard|Beacon|Pilgrim|Tannery|Foundry|Ferry|
Gallows Hill|Cooper|Saddler|Weaver|Tolland|Holly|Grant|Summer|Winter|Hunter|Sterling|Nightingale|Kowhai|
Pohutukawa|Wattle|Jacaranda|Mahogany|Baobab|Gulmohar|Ashoka|Tembusu|Kenneth|Ridgeway|Paddock|Mews""".replace(
    "\n", "").split("|")
STREET_TYPES = {
    "US": ["St", "Street", "Ave", "Avenue", "Rd", "Road", "Dr", "Drive", "Ln", "Lane", "Blvd", "Ct", "Way", "Pl"],
    "UK": ["Road", "Street", "Lane", "Close", "Crescent", "Gardens", "Terrace", "Mews", "Row", "Way"],
    "other": ["Road", "Street", "Avenue", "Drive", "Place", "Crescent", "Terrace", "Marg", "Parade"],
}

SAINTS = ["Brigid", "Columba", "Aidan", "Ursula", "Bartholomew", "Winifred", "Kentigern", "Hilda", "Jude",
          "Agatha", "Cuthbert", "Dymphna", "Oswald", "Anselm", "Perpetua", "Finbarr"]
HOSPITAL_SUFFIX = {
    "US": ["General Hospital", "Memorial Hospital", "Medical Center", "Regional Medical Center",
           "Community Hospital", "Health System", "Women's Hospital", "Children's Hospital"],
    "UK": ["General Hospital", "Royal Infirmary", "Community Hospital", "District General Hospital",
           "University Hospital", "Cottage Hospital"],
    "other": ["Base Hospital", "District Hospital", "General Hospital", "Regional Hospital",
              "Medical Centre", "Private Hospital", "Mission Hospital"],
}
CLINIC_WORDS = ["Family Practice", "Medical Group", "Health Centre", "Surgery", "Medical Practice",
                "Primary Care", "Clinic", "Family Health Team", "Medical Centre", "Health Clinic"]
CARE_HOME_WORDS = ["Care Home", "Nursing Home", "Manor", "Lodge", "House", "Gardens", "Residential Care",
                   "Skilled Nursing Facility", "Rest Home", "Court"]
CARE_HOME_FIRST = ["Willowbrook", "Amberley", "Rosewood", "Heatherfield", "Larkspur", "Holly Bank",
                   "Fernlea", "Sunnyside", "Meadowcroft", "Evergreen", "Kowhai Grove", "Jacaranda"]
WARD_FIRST = ["Abernethy", "Calloway", "Fleming", "Lister", "Nightingale", "Seacombe", "Rowan", "Kestrel",
              "Linden", "Macrae", "Tamar", "Holloway", "Gresham", "Carrick"]


def town(rng: random.Random, loc: str) -> str:
    return rng.choice(TOWNS[loc])


def street(rng: random.Random, loc: str) -> str:
    """'12 Elm St Apt 4B' shaped street lines, with units, PO boxes and rural routes."""
    kind = STREET_TYPES["US" if loc in ("US", "CA") else "UK" if loc in ("UK", "SCOT", "IE") else "other"]
    number = rng.choice([str(rng.randint(1, 99)), str(rng.randint(100, 9899)), f"{rng.randint(1, 40)}{rng.choice('ab')}"])
    base = f"{number} {rng.choice(STREET_NAMES)} {rng.choice(kind)}"
    roll = rng.random()
    if roll < 0.12:
        return f"PO Box {rng.randint(10, 9999)}" if loc != "UK" else f"P.O. Box {rng.randint(10, 999)}"
    if roll < 0.2 and loc in ("US", "CA", "AU"):
        return f"RR {rng.randint(1, 9)} Box {rng.randint(10, 400)}" if loc != "AU" else f"RMB {rng.randint(100, 9999)}"
    if roll < 0.38:
        unit = rng.choice([f"Apt {rng.randint(1, 30)}{rng.choice('ABCD')}", f"Unit {rng.randint(1, 80)}",
                           f"#{rng.randint(100, 2400)}", f"Flat {rng.randint(1, 12)}", f"Ste {rng.randint(100, 450)}"])
        return f"{unit}, {base}" if unit.startswith("Flat") else f"{base} {unit}"
    if roll < 0.45 and loc == "SG":
        return f"Blk {rng.randint(100, 999)} {rng.choice(TOWNS['SG'])} St {rng.randint(11, 91)} #{rng.randint(2, 15):02d}-{rng.randint(10, 400)}"
    return base


def postcode(rng: random.Random, loc: str) -> str:
    up, dg = string.ascii_uppercase, string.digits
    if loc == "US":
        z = f"{rng.randint(10000, 99999)}"
        return z + (f"-{rng.randint(1000, 9999)}" if rng.random() < 0.2 else "")
    if loc in ("UK", "SCOT"):
        area = rng.choice(["KX", "TW", "LM", "BR", "HS", "EH", "G", "DD", "AB", "FK", "KY", "PH", "S", "LS"])
        return f"{area}{rng.randint(1, 29)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
    if loc == "IE":
        return f"{rng.choice('ACDEFHKNPRTVWXY')}{rng.randint(10, 99)} {rng.choice(up)}{rng.choice(dg)}{rng.choice(up)}{rng.choice(dg)}"
    if loc == "CA":
        return f"{rng.choice('ABCEGHJKLMNPRSTVXY')}{rng.choice(dg)}{rng.choice(up)} {rng.choice(dg)}{rng.choice(up)}{rng.choice(dg)}"
    if loc in ("IN", "SG"):
        return f"{rng.randint(100000, 829999)}" if loc == "SG" else f"{rng.randint(110, 855)} {rng.randint(100, 999)}"
    return f"{rng.randint(800, 9999):04d}"


def hospital(rng: random.Random, loc: str) -> str:
    """A hospital, clinic, practice, care home or ward named after a place, a person or a saint."""
    roll = rng.random()
    if roll < 0.35:
        sfx = HOSPITAL_SUFFIX["US" if loc in ("US", "CA") else "UK" if loc in ("UK", "SCOT", "IE") else "other"]
        return f"{town(rng, loc)} {rng.choice(sfx)}"
    if roll < 0.47:
        return f"St. {rng.choice(SAINTS)}'s Hospital" if rng.random() < 0.5 else f"Saint {rng.choice(SAINTS)} Medical Center"
    if roll < 0.62:
        return f"{rng.choice(SURNAMES)} {rng.choice(CLINIC_WORDS)}"
    if roll < 0.75:
        return f"{rng.choice(STREET_NAMES)} {rng.choice(['Road', 'Street', 'Lane'])} {rng.choice(CLINIC_WORDS)}"
    if roll < 0.88:
        return f"{rng.choice(CARE_HOME_FIRST)} {rng.choice(CARE_HOME_WORDS)}"
    return f"{rng.choice(WARD_FIRST)} Ward"


def hospital_code(name: str) -> str:
    """Initials of a hospital name ('St. Brigid's Hospital' -> 'SBH'), as staff abbreviate it."""
    words = [w for w in name.replace(".", "").replace("'s", "").split() if w[0].isalpha()]
    return "".join(w[0].upper() for w in words)[:4]


def phone(rng: random.Random, loc: str) -> str:
    d = lambda n: "".join(rng.choice(string.digits) for _ in range(n))  # noqa: E731
    shapes = {
        "US": [f"({rng.randint(201, 989)}) {d(3)}-{d(4)}", f"{rng.randint(201, 989)}-{d(3)}-{d(4)}",
               f"{rng.randint(201, 989)}.{d(3)}.{d(4)}", f"+1 {rng.randint(201, 989)} {d(3)} {d(4)}",
               f"{rng.randint(201, 989)}{d(7)}", f"1-800-{d(3)}-{d(4)}"],
        "UK": [f"01{d(3)} {d(6)}", f"07{d(3)} {d(6)}", f"+44 (0){rng.randint(113, 1999)} {d(6)}", f"020 {d(4)} {d(4)}"],
        "SCOT": [f"0141 {d(3)} {d(4)}", f"01382 {d(6)}", f"07{d(3)} {d(3)} {d(3)}", f"+44 131 {d(3)} {d(4)}"],
        "IE": [f"+353 {rng.randint(1, 99)} {d(3)} {d(4)}", f"08{rng.choice('35679')} {d(3)} {d(4)}", f"(021) {d(3)} {d(4)}"],
        "CA": [f"({rng.randint(204, 905)}) {d(3)}-{d(4)}", f"{rng.randint(204, 905)}-{d(3)}-{d(4)}"],
        "AU": [f"(0{rng.choice('2378')}) {d(4)} {d(4)}", f"04{d(2)} {d(3)} {d(3)}", f"+61 4{d(2)} {d(3)} {d(3)}"],
        "NZ": [f"0{rng.choice('34679')} {d(3)} {d(4)}", f"02{rng.choice('17')} {d(3)} {d(4)}", f"+64 21 {d(3)} {d(3)}"],
        "ZA": [f"+27 {rng.randint(11, 89)} {d(3)} {d(4)}", f"0{rng.choice('678')}{d(1)} {d(3)} {d(4)}"],
        "IN": [f"+91 9{d(4)} {d(5)}", f"0{rng.randint(20, 80)}-{d(8)}", f"9{d(9)}"],
        "SG": [f"+65 6{d(3)} {d(4)}", f"9{d(3)} {d(4)}", f"6{d(3)}-{d(4)}"],
    }
    value = rng.choice(shapes[loc])
    if rng.random() < 0.12:
        value += rng.choice([f" ext. {d(3)}", f" x{d(4)}", f" ext {d(2)}", f", ext. {d(4)}"])
    return value


def health_id(rng: random.Random, loc: str) -> tuple[str, str]:
    """(label as clinicians write it, number) for the locale's health-plan / health-service number."""
    d = lambda n: "".join(rng.choice(string.digits) for _ in range(n))  # noqa: E731
    up = string.ascii_uppercase
    if loc == "UK":
        return rng.choice(["NHS No", "NHS number", "NHS#"]), f"{d(3)} {d(3)} {d(4)}" if rng.random() < 0.7 else d(10)
    if loc == "SCOT":
        return rng.choice(["CHI", "CHI No.", "CHI number"]), f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{d(2)}{d(4)}"
    if loc == "IE":
        return rng.choice(["Medical card no.", "GMS no", "IHI"]), f"{d(7)}{rng.choice(up)}" if rng.random() < .6 else d(12)
    if loc == "CA":
        return rng.choice(["Health card", "HCN", "OHIP", "PHN"]), f"{d(4)}-{d(3)}-{d(3)}-{rng.choice(up)}{rng.choice(up)}"
    if loc == "AU":
        return rng.choice(["Medicare", "Medicare no.", "Medicare #"]), f"{d(4)} {d(5)} {rng.randint(1, 9)}"
    if loc == "NZ":
        return "NHI", "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(3)) + d(4)
    if loc == "ZA":
        return rng.choice(["Medical aid no.", "Scheme member no"]), f"{rng.choice(['DH', 'BM', 'GEMS'])}{d(8)}"
    if loc == "IN":
        return rng.choice(["PMJAY ID", "Insurance policy no.", "ABHA no."]), f"{d(2)}-{d(4)}-{d(4)}-{d(4)}"
    if loc == "SG":
        return rng.choice(["MediShield ref", "Insurer ref"]), f"MS{d(9)}"
    return rng.choice(["Member ID", "Insurance ID", "Subscriber #", "Policy no.", "Medicaid ID", "Mbr ID"]), \
        rng.choice([f"{rng.choice(up)}{rng.choice(up)}{rng.choice(up)}{d(9)}", f"{rng.choice(up)}{d(4)}-{d(4)}-{d(2)}",
                    f"{d(9)}{rng.choice(up)}", f"{d(11)}"])


def national_id(rng: random.Random, loc: str) -> tuple[str, str]:
    """(label, number) of a national social number (labelled SSN in this set)."""
    d = lambda n: "".join(rng.choice(string.digits) for _ in range(n))  # noqa: E731
    if loc in ("UK", "SCOT"):
        return "NI number", f"{rng.choice('ABCEGHJKLMNPRSTWXYZ')}{rng.choice('ABCEGHJKLMNPRSTWXYZ')} {d(2)} {d(2)} {d(2)} {rng.choice('ABCD')}"
    if loc == "IE":
        return "PPSN", f"{d(7)}{rng.choice('ABCDEFGHW')}"
    if loc == "CA":
        return "SIN", f"{d(3)} {d(3)} {d(3)}"
    if loc == "ZA":
        return "ID no.", d(13)
    if loc == "IN":
        return "Aadhaar", f"{d(4)} {d(4)} {d(4)}"
    if loc == "SG":
        return "NRIC", f"{rng.choice('ST')}{d(7)}{rng.choice(string.ascii_uppercase)}"
    if loc in ("AU", "NZ"):
        return ("TFN" if loc == "AU" else "IRD no."), f"{d(3)} {d(3)} {d(3)}"
    return rng.choice(["SSN", "SS#", "Social Security No."]), rng.choice([f"{d(3)}-{d(2)}-{d(4)}", d(9), f"{d(3)} {d(2)} {d(4)}"])
