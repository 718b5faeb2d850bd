"""Set 10 places, written by hand for this set: towns, streets, postcodes, phones, hospitals and date
habits of twelve countries. Towns are a mix of real small places and invented ones; no list is copied.
"""

from __future__ import annotations

from deid_frozen10_core import P, chance, pick

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

REGIONS = {
    "US": dict(
        towns=["Chillicothe", "Boone Fork", "Marlow Springs", "Okemah", "New Ulm", "Tupelo", "Port Angeles",
               "Hollis Creek", "Silver Bay", "Eau Claire", "Kearney", "Cedar Rapids", "Walla Walla", "Beaufort",
               "Natchitoches", "Lake Havasu City", "Stillwater", "Pikeville", "Greer", "Coos Bay"],
        states=["OH", "KY", "MN", "OK", "MS", "WA", "WI", "NE", "IA", "SC", "LA", "AZ", "GA", "OR", "TN"],
        streets=["Tanager Ct", "N Locust St", "Old Mill Rd", "W 14th Ave", "Persimmon Ln", "County Rd 27",
                 "Sycamore Hollow Dr", "E Fairview Blvd", "Quarry Ridge Way", "Bluff St", "Harmon Pike",
                 "S Magnolia Ave", "Wagon Wheel Trl", "Lakeshore Dr", "Dogwood Cir"],
        hospitals=["Muskingum Valley Medical Center", "St. Ansgar Regional Hospital", "Boone Fork Community Hospital",
                   "Hollis Creek Family Clinic", "Marlow Springs Memorial", "Our Lady of Prompt Succor Hospital",
                   "Eleanor Whitcombe Children's Hospital", "Coos Bay Dialysis Center", "Tri-County Sleep Associates",
                   "Port Angeles Surgical Pavilion"],
        codes=["MVMC", "SARH", "BFCH", "MSM", "OLPS", "EWCH"]),
    "UK": dict(
        towns=["Todmorden", "Keswick", "Bideford", "Hexham", "Llandrindod Wells", "Market Harborough", "Ilkley",
               "Sandbach", "Wymondham", "Ulverston", "Penrith", "Bridlington", "Lydney", "Crickhowell",
               "Forfar", "Peebles", "Ashby-de-la-Zouch", "Holmfirth", "Stornoway", "Morpeth"],
        states=["Cumbria", "West Yorkshire", "Powys", "Angus", "Norfolk", "Gloucestershire"],
        streets=["Calder Terrace", "Sheep Street", "Brackenbed Lane", "Kiln Close", "Fold Court",
                 "Chantry Walk", "Nab Wood Drive", "Tithe Barn Road", "Wharfedale Mews", "Gas Works Lane",
                 "The Ginnel", "Castle Wynd", "Priory Gardens", "Bank Top", "Holly Bush Row"],
        hospitals=["Calderdale Royal Hospital", "St Bega's Community Hospital", "Hexham General",
                   "Furness Infirmary", "Wharfedale Cottage Hospital", "Dame Agnes Hunt Orthopaedic Centre",
                   "Ulverston Health Centre", "Stracathro Hospital", "Penrith & Eden Minor Injuries Unit",
                   "Sir Titus Salt Renal Unit"],
        codes=["CRH", "SBCH", "HGH", "FGI", "WCH", "DAHOC"]),
    "IE": dict(
        towns=["Ballina", "Clonakilty", "Mullingar", "Tullamore", "Ennistymon", "Castlebar", "Thurles",
               "Bantry", "Letterkenny", "Carrick-on-Shannon", "Dungarvan", "Kinsale"],
        states=["Co. Mayo", "Co. Cork", "Co. Westmeath", "Co. Offaly", "Co. Clare", "Co. Donegal"],
        streets=["Bóthar na Trá", "Chapel Lane", "Pearse Street", "Fair Green", "Convent Hill", "The Mall",
                 "Bridge Street Upper", "Ardnacrusha Road", "Cois Abhann"],
        hospitals=["Mayo University Hospital", "St Brigid's Hospital Ardee", "Midland Regional Hospital Tullamore",
                   "Bantry General Hospital", "Our Lady's Hospital Navan", "St Finbarr's Hospital"],
        codes=["MUH", "MRHT", "BGH", "OLHN"]),
    "CA": dict(
        towns=["Rimouski", "Kamloops", "Moose Jaw", "Antigonish", "Thunder Bay", "Yellowknife", "Brandon",
               "Rivière-du-Loup", "Nanaimo", "Orillia", "Lethbridge", "Corner Brook"],
        states=["QC", "BC", "SK", "NS", "ON", "NT", "MB", "AB", "NL"],
        streets=["rue des Érables", "Kingsway Ave", "Range Road 212", "Rideau Cres", "boul. Saint-Germain",
                 "Muskoka Beach Rd", "Tecumseh Dr", "Sackville St", "Lakehead Blvd"],
        hospitals=["Royal Inland Hospital", "Hôpital régional de Rimouski", "St. Martha's Regional Hospital",
                   "Stanton Territorial Hospital", "Orillia Soldiers' Memorial Hospital", "Chinook Regional Hospital"],
        codes=["RIH", "HRR", "SMRH", "OSMH"]),
    "AU": dict(
        towns=["Wagga Wagga", "Toowoomba", "Mildura", "Bunbury", "Kalgoorlie", "Lismore", "Gympie",
               "Devonport", "Broken Hill", "Mount Gambier", "Katherine", "Warrnambool"],
        states=["NSW", "QLD", "VIC", "WA", "TAS", "SA", "NT"],
        streets=["Banksia Pde", "Wattle Grove", "Kurrajong St", "Yarra Bend Rd", "Jacaranda Ave",
                 "Boundary Rd", "Billabong Cres", "Currawong Cl", "Gum Tree Way"],
        hospitals=["Wagga Wagga Base Hospital", "St Vincent's Private Toowoomba", "Mildura Base Public Hospital",
                   "Lismore Base Hospital", "Sir Charles Gairdner Hospital", "Mount Gambier and Districts Health Service"],
        codes=["WWBH", "SVPT", "MBPH", "SCGH"]),
    "NZ": dict(
        towns=["Whanganui", "Timaru", "Masterton", "Whakatāne", "Gisborne", "Invercargill", "Greymouth",
               "Levin", "Thames", "Kaitaia"],
        states=["Manawatū-Whanganui", "Canterbury", "Bay of Plenty", "Southland"],
        streets=["Kowhai Street", "Rimu Road", "Te Awa Place", "Pohutukawa Drive", "Tui Crescent",
                 "Matai Lane", "Hakanoa Street"],
        hospitals=["Whanganui Hospital", "Timaru Hospital", "Wairarapa Hospital", "Te Whatu Ora Tairāwhiti",
                   "Grey Base Hospital", "Thames Hospital"],
        codes=["WHA", "TIM", "WRP", "GBH"]),
    "IN": dict(
        towns=["Mysuru", "Hubballi", "Thrissur", "Nashik", "Kota", "Siliguri", "Guntur", "Madurai",
               "Udupi", "Aurangabad", "Jalandhar", "Dehradun"],
        states=["Karnataka", "Kerala", "Maharashtra", "Rajasthan", "West Bengal", "Andhra Pradesh", "Tamil Nadu"],
        streets=["2nd Cross, Vijayanagar 4th Stage", "Door No. 14-3-22, Brodipet", "Flat 402, Sai Krupa Apts, MG Road",
                 "H.No. 118, Sector 7", "Plot 56, Gandhi Nagar", "No. 9, Kamarajar Salai", "Near Ram Mandir, Panchavati"],
        hospitals=["JSS Hospital", "KIMS Hubballi", "Jubilee Mission Medical College", "Sahyadri Speciality Hospital",
                   "Govt. Rajaji Hospital", "Kasturba Hospital Manipal", "Dayanand Medical College & Hospital"],
        codes=["JSSH", "KIMS", "JMMC", "GRH", "DMCH"]),
    "ZA": dict(
        towns=["Mthatha", "Polokwane", "Kimberley", "George", "Mahikeng", "Bloemfontein", "Upington",
               "Pietermaritzburg", "Mbombela", "Worcester"],
        states=["Eastern Cape", "Limpopo", "Northern Cape", "Western Cape", "Free State", "KwaZulu-Natal"],
        streets=["Nelson Mandela Drive", "Voortrekker Street", "12 Ext 4, Seshego", "Stand 2231, Zone 3",
                 "Protea Close", "Madiba Street", "Church Street"],
        hospitals=["Nelson Mandela Academic Hospital", "Mankweng Hospital", "Robert Mangaliso Sobukwe Hospital",
                   "George Provincial Hospital", "Pelonomi Tertiary Hospital", "Edendale Hospital"],
        codes=["NMAH", "RMSH", "GPH", "PTH"]),
    "SG": dict(
        towns=["Singapore"],
        states=["Singapore"],
        streets=["Blk 412 Bedok North Ave 2 #08-117", "Blk 21 Toa Payoh Lor 7 #03-44", "88 Jalan Kayu #02-01",
                 "Blk 605 Woodlands Drive 42 #11-209", "Blk 150 Tampines St 12 #05-31"],
        hospitals=["Changi General Hospital", "Khoo Teck Puat Hospital", "Ng Teng Fong General Hospital",
                   "Sengkang General Hospital", "Bedok Polyclinic", "Tan Tock Seng Hospital"],
        codes=["CGH", "KTPH", "NTFGH", "SKH", "TTSH"]),
    "NG": dict(
        towns=["Abeokuta", "Enugu", "Ilorin", "Owerri", "Jos", "Calabar", "Ibadan", "Kaduna", "Nsukka"],
        states=["Ogun State", "Enugu State", "Kwara State", "Imo State", "Plateau State", "Oyo State"],
        streets=["14 Adebayo Adedeji Close", "Plot 7, Trans-Ekulu Layout", "22 Old Airport Road",
                 "5 Unity Crescent, GRA", "No 3 Ogbomoso Street, Bodija"],
        hospitals=["Federal Medical Centre Abeokuta", "UNTH Ituku-Ozalla", "University College Hospital Ibadan",
                   "Jos University Teaching Hospital", "Federal Medical Centre Owerri"],
        codes=["FMCA", "UNTH", "UCH", "JUTH"]),
    "KE": dict(
        towns=["Kisumu", "Nakuru", "Eldoret", "Nyeri", "Machakos", "Kitale", "Kakamega", "Embu", "Naivasha"],
        states=["Kisumu County", "Nakuru County", "Uasin Gishu County", "Nyeri County", "Machakos County"],
        streets=["Oginga Odinga Rd", "Kenyatta Ave", "Plot 18, Milimani Estate", "Uhuru Street"],
        hospitals=["Jaramogi Oginga Odinga Teaching & Referral Hospital", "Moi Teaching and Referral Hospital",
                   "Nakuru Level 5 Hospital", "Kakamega County General Hospital", "Nyeri County Referral Hospital"],
        codes=["JOOTRH", "MTRH", "NL5H", "KCGH"]),
    "PH": dict(
        towns=["Iloilo City", "Tacloban", "Dumaguete", "Cagayan de Oro", "Baguio", "Legazpi", "Tagbilaran",
               "San Fernando", "Vigan", "Lucena"],
        states=["Iloilo", "Leyte", "Negros Oriental", "Misamis Oriental", "Benguet", "Albay"],
        streets=["Purok 4, Brgy. Tabuc Suba", "Blk 7 Lot 12 Villa Consuelo Subd.", "123 Rizal St., Brgy. Poblacion",
                 "Sitio Malinis, Brgy. San Roque", "Unit 5B Casa Esperanza Bldg., Mabini St."],
        hospitals=["Western Visayas Medical Center", "Eastern Visayas Medical Center", "Silliman University Medical Center",
                   "Northern Mindanao Medical Center", "Baguio General Hospital", "Bicol Regional Training and Teaching Hospital"],
        codes=["WVMC", "EVMC", "SUMC", "NMMC", "BGHMC"]),
}
NON_US = [r for r in REGIONS if r != "US"]
DMY = set(REGIONS) - {"US", "CA", "PH"}  # CA and PH write both orders; here month-first


def _d(rng, n):
    return "".join(str(rng.randrange(10)) for _ in range(n))


def postcode(rng, region: str) -> str:
    L = "ABCDEFGHJKLMNPRSTUWXY"
    if region == "US":
        z = f"{rng.randrange(10, 99)}{_d(rng, 3)}"
        return z + (f"-{_d(rng, 4)}" if chance(rng, 0.2) else "")
    if region == "UK":
        return f"{pick(rng, ['LS', 'HG', 'CA', 'NE', 'LD', 'BD', 'HX', 'DD', 'NR', 'GL'])}{rng.randrange(1, 29)} {rng.randrange(1, 10)}{pick(rng, L)}{pick(rng, L)}"
    if region == "IE":
        return f"{pick(rng, ['F26', 'P85', 'N91', 'R35', 'V95', 'F94'])} {pick(rng, L)}{_d(rng, 1)}{pick(rng, L)}{_d(rng, 1)}"
    if region == "CA":
        return f"{pick(rng, 'GVSBPRKT')}{rng.randrange(10)}{pick(rng, L)} {rng.randrange(10)}{pick(rng, L)}{rng.randrange(10)}"
    if region in ("AU", "NZ", "ZA", "PH"):
        return f"{rng.randrange(1, 10)}{_d(rng, 3)}"
    if region == "IN":
        z = f"{rng.randrange(1, 9)}{_d(rng, 5)}"
        return z if chance(rng, 0.6) else z[:3] + " " + z[3:]
    if region == "SG":
        return f"{rng.randrange(1, 8)}{_d(rng, 5)}"
    if region == "NG":
        return f"{rng.randrange(1, 9)}0{_d(rng, 4)}"
    return f"{rng.randrange(1, 9)}0{_d(rng, 3)}"  # KE


def phone(rng, region: str) -> str:
    f = {
        "US": [lambda: f"({rng.randrange(201, 989)}) {rng.randrange(200, 999)}-{_d(rng, 4)}",
               lambda: f"{rng.randrange(201, 989)}-{rng.randrange(200, 999)}-{_d(rng, 4)}",
               lambda: f"{rng.randrange(201, 989)}.{rng.randrange(200, 999)}.{_d(rng, 4)}"],
        "UK": [lambda: f"0{rng.randrange(1200, 1999)} {_d(rng, 6)}", lambda: f"07{_d(rng, 3)} {_d(rng, 6)}",
               lambda: f"+44 (0){rng.randrange(1200, 1999)} {_d(rng, 3)} {_d(rng, 3)}"],
        "IE": [lambda: f"0{rng.randrange(21, 99)} {_d(rng, 3)} {_d(rng, 4)}", lambda: f"+353 8{rng.randrange(3, 9)} {_d(rng, 3)} {_d(rng, 4)}"],
        "CA": [lambda: f"({pick(rng, ['418', '250', '306', '902', '807', '867'])}) {rng.randrange(200, 999)}-{_d(rng, 4)}",
               lambda: f"1-{pick(rng, ['418', '250', '705'])}-{rng.randrange(200, 999)}-{_d(rng, 4)}"],
        "AU": [lambda: f"(0{rng.randrange(2, 9)}) {_d(rng, 4)} {_d(rng, 4)}", lambda: f"04{_d(rng, 2)} {_d(rng, 3)} {_d(rng, 3)}",
               lambda: f"+61 4{_d(rng, 2)} {_d(rng, 3)} {_d(rng, 3)}"],
        "NZ": [lambda: f"(0{rng.randrange(3, 9)}) {_d(rng, 3)} {_d(rng, 4)}", lambda: f"02{rng.randrange(1, 8)} {_d(rng, 3)} {_d(rng, 4)}"],
        "IN": [lambda: f"+91 9{_d(rng, 4)} {_d(rng, 5)}", lambda: f"0{rng.randrange(80, 899)}-{_d(rng, 7)}",
               lambda: f"9{_d(rng, 9)}"],
        "ZA": [lambda: f"0{rng.randrange(10, 58)} {_d(rng, 3)} {_d(rng, 4)}", lambda: f"08{rng.randrange(2, 5)} {_d(rng, 3)} {_d(rng, 4)}",
               lambda: f"+27 {rng.randrange(60, 84)} {_d(rng, 3)} {_d(rng, 4)}"],
        "SG": [lambda: f"6{_d(rng, 3)} {_d(rng, 4)}", lambda: f"+65 9{_d(rng, 3)} {_d(rng, 4)}", lambda: f"8{_d(rng, 7)}"],
        "NG": [lambda: f"080{rng.randrange(3, 9)} {_d(rng, 3)} {_d(rng, 4)}", lambda: f"+234 {rng.randrange(70, 92)} {_d(rng, 4)} {_d(rng, 4)}"],
        "KE": [lambda: f"07{_d(rng, 2)} {_d(rng, 6)}", lambda: f"+254 7{_d(rng, 2)} {_d(rng, 3)} {_d(rng, 3)}"],
        "PH": [lambda: f"09{_d(rng, 2)} {_d(rng, 3)} {_d(rng, 4)}", lambda: f"(0{rng.randrange(32, 88)}) {_d(rng, 3)}-{_d(rng, 4)}",
               lambda: f"+63 9{_d(rng, 2)} {_d(rng, 3)} {_d(rng, 4)}"],
    }[region]
    return pick(rng, f)()


def date(rng, region: str, year: int | None = None, style: str | None = None) -> str:
    """A calendar date in one of the region's ways of writing it (the span text, no markers)."""
    y = year or rng.randrange(2019, 2027)
    m, d = rng.randrange(1, 13), rng.randrange(1, 29)
    mon = MONTHS[m - 1]
    dmy = region in DMY
    styles = (["d/m/Y", "d.m.Y", "d Mon Y", "dth Month Y", "d-MON-Y", "d/m/y", "Y-m-d", "d Month Y"] if dmy else
              ["m/d/Y", "m/d/y", "Mon d, Y", "Month d, Y", "Y-m-d", "d-MON-Y", "mdY"])
    s = style or pick(rng, styles)
    suf = "th" if 10 < d < 14 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    return {
        "d/m/Y": f"{d:02d}/{m:02d}/{y}", "d.m.Y": f"{d}.{m}.{y}", "d Mon Y": f"{d} {mon[:3]} {y}",
        "dth Month Y": f"{d}{suf} {mon} {y}", "d-MON-Y": f"{d:02d}-{mon[:3].upper()}-{y}",
        "d/m/y": f"{d}/{m}/{y % 100:02d}", "Y-m-d": f"{y}-{m:02d}-{d:02d}", "d Month Y": f"{d} {mon} {y}",
        "m/d/Y": f"{m}/{d}/{y}", "m/d/y": f"{m:02d}/{d:02d}/{y % 100:02d}", "Mon d, Y": f"{mon[:3]} {d}, {y}",
        "Month d, Y": f"{mon} {d}, {y}", "mdY": f"{m:02d}{d:02d}{y}", "d/m": f"{d}/{m}", "m/d": f"{m}/{d}",
        "d Mon": f"{d} {mon[:3]}", "Mon d": f"{mon[:3]} {d}", "Month Y": f"{mon} {y}",
    }[s]


def short_date(rng, region: str) -> str:
    return date(rng, region, style=pick(rng, ["d/m", "d Mon"] if region in DMY else ["m/d", "Mon d"]))


def dob(rng, region: str, old: bool = False) -> str:
    return date(rng, region, year=rng.randrange(1925, 1935) if old else rng.randrange(1938, 2022))


def address(rng, region: str, one_line: bool = True, country: bool = False) -> str:
    """An address with its parts marked: street part ADDRESS, town (and region/country) LOCATION, postcode ZIP."""
    R = REGIONS[region]
    street = pick(rng, R["streets"])
    if region in ("US", "CA", "UK", "IE", "AU", "NZ") and not street[0].isdigit():
        num = str(rng.randrange(1, 480))
        street = (f"Apt {rng.randrange(1, 30)}, " if chance(rng, 0.15) else "") + f"{num} {street}"
    town = pick(rng, R["towns"])
    pc = postcode(rng, region)
    sep = ", " if one_line else "\n"
    if region == "US":
        tail = f"{P('LOCATION', town)}, {pick(rng, R['states'])} {P('ZIP', pc)}"
    elif region in ("CA", "AU"):
        tail = f"{P('LOCATION', town)} {pick(rng, R['states'])} {P('ZIP', pc)}"
    elif region == "SG":
        return f"{P('ADDRESS', street)}{sep}{P('LOCATION', 'Singapore')} {P('ZIP', pc)}"
    elif region in ("IN",):
        tail = f"{P('LOCATION', town)} - {P('ZIP', pc)}, {P('LOCATION', pick(rng, R['states']))}"
    elif region == "KE":
        return (f"{P('ADDRESS', 'P.O. Box ' + str(rng.randrange(100, 9999)))} - {P('ZIP', pc)}{sep}"
                f"{P('LOCATION', town)}")
    elif region == "IE":
        tail = f"{P('LOCATION', town)}{sep}{P('LOCATION', pick(rng, R['states']))}{sep}{P('ZIP', pc)}"
    else:
        tail = f"{P('LOCATION', town)}{sep}{P('ZIP', pc)}" if region != "NG" else \
            f"{P('LOCATION', town)}{sep}{P('LOCATION', pick(rng, R['states']))}"
    out = f"{P('ADDRESS', street)}{sep}{tail}"
    if country:
        out += sep + P("LOCATION", COUNTRY[region])
    return out


COUNTRY = {"US": "USA", "UK": "United Kingdom", "IE": "Ireland", "CA": "Canada", "AU": "Australia",
           "NZ": "New Zealand", "IN": "India", "ZA": "South Africa", "SG": "Singapore", "NG": "Nigeria",
           "KE": "Kenya", "PH": "Philippines"}


def hospital(rng, region: str, code_ok: bool = True) -> str:
    R = REGIONS[region]
    if code_ok and chance(rng, 0.2):
        return P("HOSPITAL", pick(rng, R["codes"]))
    return P("HOSPITAL", pick(rng, R["hospitals"]))


def town(rng, region: str) -> str:
    return P("LOCATION", pick(rng, REGIONS[region]["towns"]))
