"""Hand-written place and care-provider surrogates for the fifth frozen de-identification set.

Towns and counties are mostly invented (a few real town names that are also surnames or words are
mixed in); hospitals are built from saints, donors, towns and service words, plus abbreviations
(a hospital's initials, "U of <town>"), so that no list of real institutions can find them all.
Streets, UK / Canadian / Australian / New Zealand places and their postcode shapes live here too.
"""

from __future__ import annotations

import random


def _words(block: str) -> tuple[str, ...]:
    return tuple(block.split())


TOWNS: tuple[str, ...] = _words("""
Millbrook Ashford Cedar_Falls Pine_Hollow Maple_Ridge Harlow Dunmore Elkhorn Fairhaven Granton
Hollis Ironwood Juniper_Bend Kettle_Creek Larkspur Marlowe New_Bethel Oakhurst Pemberton Quarry_Hill
Redbank Silverton Tamsworth Underhill Valleyview Westbury Yarrow Zellwood Bramble_Cove Coldwater
Driftwood Eastmoor Foxglove Glenrock Hartsville Indian_Springs Jasper_Mills Kingsley Lowell_Junction
Meadowlark Northfield Orchard_Park Prairie_City Riverside_Heights Sandy_Hook Thornbury Upton
Vernon_Lake Willow_Bend Broken_Arrow Copper_Hill Dry_Creek Eagle_Pass Flint_Ridge Goshen Hope_Springs
Blessing Liberty Unity Amity Harmony Grace_City Faith Friendship Truth_or_Consequences Sweet_Home
Ojo_Caliente San_Benito_Wells Santa_Rita Los_Alamitos_Springs Palo_Seco Agua_Fria Tierra_Blanca
Wapakoneta Chinle_Wash Kayenta_Mesa Tuba_Flats Shiprock_Point Ganado Lame_Deer Pine_Ridge_Crossing
Austin Dallas Florence Jordan Georgetown Paris London Lebanon Canton Athens Troy Moscow Cairo Denmark
""")

COUNTIES: tuple[str, ...] = _words("""
Alder Bexley Calloway Dunbar Essex Fremont Garland Hollister Ingram Jessup Kearney Lorimer McKinnon
Nolan Osage Pickett Quitman Rutherford Sevier Tolland Umatilla Vance Wexford Yancey Zavala Baker
Hope Grant King Price Bishop Lane Ward Jordan Cherokee Navajo Apache Keweenaw Tillamook
""")

SAINTS: tuple[str, ...] = _words("""
Agnes Anne Barnabas Bernadette Bridget Catherine Clare Dominic Elizabeth Francis Gabriel Hilda Ignatius
Joseph Jude Luke Margaret Mark Martha Mary Michael Monica Patrick Paul Peter Raphael Rita Stephen Teresa
Thomas Vincent Vitus Wenceslas Winifred Columba Kentigern Brendan Cuthbert
""")

DONORS: tuple[str, ...] = _words("""
Abernathy Bancroft Whitcombe Pendergast Hollingsworth Carrington Ellsworth Fairbanks Gilchrist Hathaway
Kellerman Lindqvist Montgomery Northcott Prescott Rutledge Satterfield Tolliver Vandermeer Weatherby
Okonjo Nakashima Castellanos Rosenthal Kaplan Singh Harkness Mayfield Dunleavy Grant Price King Wood
""")

STREET_NAMES: tuple[str, ...] = _words("""
Main Elm Oak Maple Cedar Pine Walnut Chestnut Birch Willow Church Mill Spring River Lake Hill Park
Washington Lincoln Jefferson Franklin Madison Jackson Market Water Bridge School Union Center Prospect
Highland Railroad Depot Orchard Cherry Poplar Sycamore Magnolia Dogwood Juniper Hickory Aspen
Cesar_Chavez Martin_Luther_King_Jr Kamehameha Tecumseh Sequoyah Las_Palmas Camino_Real Paseo_del_Sol
Old_Mill Quarry Foundry Tannery Harbour Wharf Pilgrim Liberty Independence Veterans Memorial
""")

STREET_TYPES: tuple[str, ...] = ("St", "Street", "Ave", "Avenue", "Rd", "Road", "Blvd", "Dr", "Drive",
                                 "Ln", "Lane", "Ct", "Way", "Pl", "Terrace", "Pkwy", "Hwy", "Circle")

US_STATES: tuple[str, ...] = ("OH", "PA", "NM", "AZ", "TX", "MN", "GA", "MA", "Oregon", "Kansas",
                              "Montana", "Kentucky", "Iowa", "Maine", "Vermont", "NC", "WA", "MI")

UK_TOWNS: tuple[str, ...] = _words("""
Little_Haddon Brackenfield Saltmarsh Thornaby_on_Wold Kirkby_Fell Aberllyn Glenbervie Ballykeel
Netherby Upper_Snodsbury Whitchurch_Magna Llanfair_Dyffryn Cwmafon Strathlachan Dunmorey Tobermory_Sound
""")

UK_GP_PREFIXES: tuple[str, ...] = ("The Old Forge", "Riverside", "Beechwood", "Castle Street",
                                   "Market Square", "Orchard House", "Abbey Road", "The Willows")

CA_TOWNS: tuple[str, ...] = _words("""
Port_Haldane Saint-Anselme Moose_Crossing Lac-aux-Cedres Tuktoyak_Bay Kinistino_Flats Grand_Coulee_North
Beaver_Lodge Riviere-du-Saule New_Cobourg Flin_Hollow
""")

AU_TOWNS: tuple[str, ...] = _words("""
Wattle_Creek Boolarra_South Kangaroo_Flat Dingo_Springs Mullumbimby_East Wagga_Ridge Coolabah_Well
Yarrawonga_North Bunyip_Crossing Emu_Plains_West
""")

NZ_TOWNS: tuple[str, ...] = _words("""
Te_Awaroa Whakatiki Ruapehu_Downs Kaitoke_Valley Ngaruawahia_Heights Otaraia Port_Kereru Mangawhai_Flat
""")

CA_PROVINCES: tuple[str, ...] = ("ON", "BC", "AB", "MB", "SK", "QC", "NS", "Nunavut")
AU_STATES: tuple[str, ...] = ("NSW", "VIC", "QLD", "WA", "SA", "TAS", "NT")


def town(rng: random.Random, pool: tuple[str, ...] = TOWNS) -> str:
    """A town name with underscores turned back into spaces."""
    return rng.choice(pool).replace("_", " ")


def county(rng: random.Random) -> str:
    return rng.choice(COUNTIES) + rng.choice((" County", " County", " Parish", " Co."))


def hospital(rng: random.Random) -> str:
    """A US care-provider name of one of many shapes."""
    place = town(rng)
    shapes = (
        lambda: f"St. {rng.choice(SAINTS)}'s Hospital",
        lambda: f"Saint {rng.choice(SAINTS)} Medical Center",
        lambda: f"{rng.choice(DONORS)} Memorial Hospital",
        lambda: f"{place} Regional Medical Center",
        lambda: f"{place} Community Hospital",
        lambda: f"{county(rng).replace(' Co.', ' County')} General",
        lambda: f"{place} Infirmary",
        lambda: f"{rng.choice(DONORS)} Pavilion",
        lambda: f"{rng.choice(DONORS)} Tower",
        lambda: f"{rng.choice(DONORS)}-{rng.choice(DONORS)} Heart Institute",
        lambda: f"{place} Family Health Center",
        lambda: f"{place} Community Health Center (FQHC)",
        lambda: f"{place} VA Medical Center",
        lambda: f"{place} VAMC",
        lambda: f"{rng.choice(('Navajo Nation', 'Lakota', 'Hopi', 'Tohono', 'Yakama'))} {place} Health Service",
        lambda: f"{place} Indian Health Center",
        lambda: f"QuickCare Urgent Care - {place} Plaza",
        lambda: f"{place} Walk-In Urgent Care",
        lambda: f"University of {place} Hospitals",
        lambda: f"U of {place}",
        lambda: f"{rng.choice(DONORS)} Children's",
        lambda: f"{rng.choice(DONORS)} Rehabilitation Institute",
        lambda: f"{place} Surgical Associates",
        lambda: f"{rng.choice(DONORS)} & {rng.choice(DONORS)} Dermatology",
        lambda: f"{place} Kidney & Transplant Center",
        lambda: f"{rng.choice(DONORS)} Burn Center",
        lambda: f"{place} Ear Nose & Throat Clinic",
        lambda: f"{rng.choice(DONORS)} Cancer Institute",
    )
    return rng.choice(shapes)()


def hospital_code(name: str) -> str:
    """Initials of a hospital's words, as notes abbreviate it (St. Agnes Hospital -> SAH)."""
    letters = [w[0] for w in name.replace("-", " ").replace("'", "").split() if w[0].isalpha()]
    return "".join(letters).upper()[:5]


def uk_hospital(rng: random.Random) -> str:
    place = town(rng, UK_TOWNS)
    shapes = (
        lambda: f"Royal {place} Infirmary",
        lambda: f"{place} General Hospital",
        lambda: f"{place} Community Hospital",
        lambda: f"Royal {place} Hospital",
        lambda: f"{place} Cottage Hospital",
        lambda: f"{rng.choice(DONORS)} Ward",
        lambda: f"{rng.choice(SAINTS)} Ward",
        lambda: f"{rng.choice(UK_GP_PREFIXES)} Surgery",
        lambda: f"{rng.choice(UK_GP_PREFIXES)} Medical Practice",
        lambda: f"{place} Health Centre",
    )
    return rng.choice(shapes)()


def ca_hospital(rng: random.Random) -> str:
    place = town(rng, CA_TOWNS)
    return rng.choice((f"{place} General Hospital", f"{place} Health Centre", f"Hôpital {place}",
                       f"{place} District Hospital", f"{rng.choice(DONORS)} Family Health Team"))


def nz_hospital(rng: random.Random) -> str:
    place = town(rng, NZ_TOWNS)
    return rng.choice((f"{place} Hospital", f"Te Whatu Ora {place}", f"{place} Medical Centre",
                       f"{place} Hauora", f"{place} Health Centre", f"{rng.choice(DONORS)} Ward"))


def au_hospital(rng: random.Random) -> str:
    place = town(rng, AU_TOWNS)
    return rng.choice((f"{place} Base Hospital", f"{place} District Health Service",
                       f"{place} Medical Centre", f"Royal {place} Hospital", f"{place} Aboriginal Medical Service"))


def street(rng: random.Random) -> str:
    name = rng.choice(STREET_NAMES).replace("_", " ")
    return f"{rng.choice(('N ', 'S ', 'E ', 'W ', '', '', '', ''))}{name} {rng.choice(STREET_TYPES)}"


def us_address(rng: random.Random) -> str:
    """A street line: number + street, a unit, a P.O. box or a rural route."""
    kind = rng.random()
    if kind < 0.12:
        return f"P.O. Box {rng.randint(10, 9999)}"
    if kind < 0.2:
        return f"{rng.choice(('RR', 'Rural Route', 'R.R.'))} {rng.randint(1, 9)} Box {rng.randint(10, 999)}"
    line = f"{rng.randint(1, 29999)} {street(rng)}"
    if rng.random() < 0.3:
        line += rng.choice((f" Apt {rng.randint(1, 40)}{rng.choice('ABCD')}", f" Unit {rng.randint(1, 300)}",
                            f" #{rng.randint(1, 999)}", f", Lot {rng.randint(1, 99)}", f" Trlr {rng.randint(1, 60)}"))
    return line


def commonwealth_address(rng: random.Random) -> str:
    """A UK / Australian / NZ street line: flats, named houses, short house numbers."""
    name = rng.choice(STREET_NAMES).replace("_", " ")
    kind = rng.choice(("Road", "Lane", "Close", "Crescent", "Street", "Grove", "Parade", "Terrace", "Mews"))
    line = f"{rng.randint(1, 240)} {name} {kind}"
    form = rng.random()
    if form < 0.2:
        return f"Flat {rng.randint(1, 30)}, {line}"
    if form < 0.3:
        return f"{rng.choice(('Rose Cottage', 'The Old Rectory', 'Hillview', 'Tŷ Gwyn'))}, {name} {kind}"
    if form < 0.38:
        return f"PO Box {rng.randint(10, 999)}"
    return line


def us_zip(rng: random.Random) -> str:
    z = f"{rng.randint(1000, 99950):05d}"
    return z + (f"-{rng.randint(1, 9999):04d}" if rng.random() < 0.2 else "")


def uk_postcode(rng: random.Random) -> str:
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    area = rng.choice(("LL", "SA", "NE", "YO", "BT", "PH", "TR", "EX", "DN", "G", "M", "B", "KW", "IV"))
    return f"{area}{rng.randint(1, 29)} {rng.randint(0, 9)}{rng.choice(letters)}{rng.choice(letters)}"


def ca_postcode(rng: random.Random) -> str:
    first = "ABCEGHJKLMNPRSTVXY"
    other = "ABCEGHJKLMNPRSTVWXYZ"
    return (f"{rng.choice(first)}{rng.randint(0, 9)}{rng.choice(other)}"
            f"{rng.choice((' ', ' ', ''))}{rng.randint(0, 9)}{rng.choice(other)}{rng.randint(0, 9)}")


def au_postcode(rng: random.Random) -> str:
    return f"{rng.randint(800, 7999):04d}"


def email_domain(rng: random.Random) -> str:
    return rng.choice(("gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com", "aol.com",
                       "comcast.net", "proton.me", "btinternet.com", "shaw.ca", "bigpond.com.au",
                       "xtra.co.nz", "mail.ru", "qq.com"))


if __name__ == "__main__":
    demo = random.Random(1)
    for _ in range(5):
        h = hospital(demo)
        print(h, "|", hospital_code(h), "|", us_address(demo), town(demo), us_zip(demo))
