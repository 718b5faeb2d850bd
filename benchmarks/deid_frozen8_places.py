"""Hand-made place surrogates of the eighth frozen set: towns, counties, streets, hospitals, wards,
practices, care homes and the post codes of ten English-speaking systems.

Town names are mostly invented (stem + ending); a few real towns of each country are mixed in. A
US state, a Canadian province or a country is never PHI and is written as plain text by the notes.
"""

from __future__ import annotations

_STEMS = ("Ash Bram Corr Dun Elm Fair Glen Hal Iver Kes Lark Mill North Oak Pen Quarry Raven Salt "
          "Thorn Wex Yarrow Bel Cran Holt Wick Marl Stan Brae Kil Bally Port Hollin Marrow Tern Wil "
          "Cob Stour Fen Greys Rook Wend Ald Bur Cad Dray Ebb Fal Gar Hum Lin Nor Ock Pell Quen "
          "Rud Sel Tarn Ux Vel Wold Bex Cher Dorr Esk Ferr").split()
_ENDS = ("ford ton bury wick field more dale by stead mouth ridge haven well brook caster ley shaw "
         "holme combe minster ville port hurst wood cliff marsh").split()
_SPACED = (" Falls", " Springs", " Junction", " Creek", " Crossing", " Heights", " Bay", " Flats",
           " on Sea", " Green", " Hollow", " Bluff")
REAL_TOWNS = {
    "US": "Greenville Springfield Fairview Salem Madison Franklin Clinton Riverside Lakewood Bristol".split(),
    "UK": "Wigan Taunton Kendal Hexham Grantham Stroud Bideford Ludlow Goole Skipton".split(),
    "SCOT": "Inverness Dunfermline Paisley Oban Perth Kirkcaldy Stirling Elgin".split(),
    "IE": "Galway Athlone Tralee Mullingar Sligo Ennis Drogheda Letterkenny".split(),
    "CA": "Moncton Kamloops Sudbury Saskatoon Lethbridge Nanaimo Timmins Brandon".split(),
    "AU": "Toowoomba Ballarat Bendigo Wagga Wagga|Mildura Dubbo Geelong Cairns".replace("|", " ").split(),
    "NZ": "Whanganui Timaru Rotorua Napier Invercargill Gisborne Nelson Whangarei".split(),
    "ZA": "Durban Polokwane Kimberley Mthatha Upington George Mahikeng".split(),
    "IN": "Pune Nagpur Kochi Mysuru Indore Coimbatore Vellore Guwahati".split(),
    "SG": ["Tampines", "Jurong", "Toa Payoh", "Bedok", "Ang Mo Kio", "Woodlands"],
}
STATES = {"US": "OH TX CA NY PA GA MI NC Ohio Texas Oregon Vermont Kansas Iowa".split(),
          "CA": "ON BC AB NS MB Ontario Manitoba Alberta".split(),
          "AU": "NSW VIC QLD WA SA TAS".split()}
_STREET_NAMES = ("Larch Mill Chapel Quarry Orchard Station Kestrel Bramble Victoria Albert Church Tannery "
                 "Ferry Beacon Linden Heron Cooper Sycamore Juniper Foundry Rope Granary Salter Pilgrim "
                 "Wren Harbour Canal Lantern Maple Cedar Poplar Elder Hawthorn Meadowsweet Ridge Bishop "
                 "King Hunter Grant Marsh Stone Moss").split()
_STREET_TYPES = ("St Street Rd Road Ave Avenue Lane Ln Close Crescent Cres Drive Dr Way Court Ct Terrace "
                 "Place Pl Row Blvd Gardens Mews").split()
_SAINTS = "Brigid Columba Aidan Oswald Winifred Cuthbert Hilda Finbarr Ninian Petroc Kevin Dymphna".split()
_HOSP_KINDS = ("General Hospital|Memorial Hospital|Regional Medical Center|Community Hospital|Infirmary|"
               "Royal Infirmary|University Hospital|Health Centre|District Hospital|Base Hospital|"
               "Medical Centre|Children's Hospital|Women's and Babies' Hospital|Rehabilitation Hospital").split("|")
_CLINIC_KINDS = ("Family Practice|Medical Practice|Surgery|Health Centre|Clinic|Wellness Clinic|"
                 "Sexual Health Clinic|Pain Management Centre|Limb Fitting Centre|Hearing Centre").split("|")
_HOME_WORDS = "Larkspur|Heatherbank|Willowmere|Cedar Lodge|Rowan House|Brookside Court|The Elms|Fernlea|Maple Grange".split("|")


def town(rng, locale: str = "US") -> str:
    if rng.random() < 0.25:
        return rng.choice(REAL_TOWNS.get(locale, REAL_TOWNS["US"]))
    stem = rng.choice(_STEMS)
    if rng.random() < 0.2:
        return stem + rng.choice(_ENDS) + rng.choice(_SPACED)
    return stem + rng.choice(_ENDS)


def county(rng, locale: str = "US") -> str:
    stem = rng.choice(_STEMS) + rng.choice(["ford", "ley", "mere", "dale", "wick", "more"])
    if locale == "IE":
        return "County " + stem
    if locale in ("UK", "SCOT"):
        return rng.choice([stem + "shire", stem + "shire", "East " + stem])
    return stem + " County"


def street(rng, locale: str = "US") -> str:
    name = rng.choice(_STREET_NAMES) + " " + rng.choice(_STREET_TYPES)
    num = str(rng.randint(1, 9800 if locale == "US" else 240))
    roll = rng.random()
    if roll < 0.12:
        return f"P.O. Box {rng.randint(10, 9999)}"
    if roll < 0.18 and locale in ("US", "CA", "AU"):
        return f"RR {rng.randint(1, 9)} Box {rng.randint(10, 999)}"
    if roll < 0.35:
        unit = rng.choice(["Apt", "Unit", "Flat", "Apt.", "#", "Suite"])
        sep = "" if unit == "#" else " "
        return f"{num} {name}, {unit}{sep}{rng.randint(1, 40)}{rng.choice(['', 'B', 'A'])}"
    if roll < 0.45 and locale in ("UK", "SCOT", "IE", "NZ"):
        house = rng.choice(["Rose Cottage", "Glebe House", "The Old Forge", "Hillcrest", "2 Mill Cottages"])
        return f"{house}, {name}"
    if roll < 0.5 and locale in ("AU", "NZ"):
        return f"{rng.randint(1, 30)}/{num} {name}"
    return f"{num} {name}"


def postcode(rng, locale: str = "US") -> str:
    up = "ABCDEFGHJKLMNPRSTUVWXY"
    d = lambda: str(rng.randint(0, 9))  # noqa: E731
    L = lambda: rng.choice(up)  # noqa: E731
    if locale in ("UK", "SCOT"):
        outward = rng.choice([L() + d(), L() + L() + d(), L() + L() + d() + d(), L() + d() + L()])
        return f"{outward} {d()}{L()}{L()}"
    if locale == "CA":
        return f"{L()}{d()}{L()} {d()}{L()}{d()}"
    if locale == "IE":
        return f"{L()}{d()}{d()} {L()}{d()}{L()}{d()}"
    if locale in ("AU", "NZ", "ZA"):
        return f"{rng.randint(800, 9990):04d}"
    if locale in ("IN", "SG"):
        return f"{rng.randint(110001, 829999)}"
    z = f"{rng.randint(1001, 99950):05d}"
    return z + (f"-{rng.randint(0, 9999):04d}" if rng.random() < 0.25 else "")


def hospital(rng, locale: str = "US", towns: tuple = (), acute: bool = False) -> str:
    """A hospital, clinic, practice or care home name; ``acute`` keeps to hospitals."""
    from deid_frozen8_names import SURNAMES
    roll = rng.random() * (0.6 if acute else 1.0)
    place = rng.choice(towns) if towns and rng.random() < 0.5 else town(rng, locale)
    if roll < 0.3:
        return f"{place} {rng.choice(_HOSP_KINDS)}"
    if roll < 0.45:
        return f"St {rng.choice(_SAINTS)}'s {rng.choice(['Hospital', 'Infirmary', 'Medical Center'])}"
    if roll < 0.6:
        return f"{rng.choice(SURNAMES)} {rng.choice(_HOSP_KINDS)}"
    if roll < 0.75:
        return f"{place} {rng.choice(_CLINIC_KINDS)}"
    if roll < 0.85:
        return f"{rng.choice(_HOME_WORDS)} {rng.choice(['Care Home', 'Nursing Home', 'Residential Care'])}"
    return f"{rng.choice(_STEMS)}{rng.choice(_ENDS)} Valley {rng.choice(['Health', 'Hospital', 'Medical Group'])}"


def acronym(name: str) -> str:
    """The capital letters of a hospital name as staff shorten it (KVGH, SBH)."""
    letters = "".join(w[0] for w in name.replace("'s", "").split() if w[0].isalpha())
    return letters.upper() if len(letters) >= 2 else name


def ward(rng) -> str:
    from deid_frozen8_names import SURNAMES, FIRST_NAMES
    base = rng.choice([rng.choice(SURNAMES), rng.choice(FIRST_NAMES), rng.choice(_STEMS) + "dale"])
    return f"{base} {rng.choice(['Ward', 'Unit', 'Wing', 'Suite'])}"
