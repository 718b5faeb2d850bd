"""Hand-written place surrogates of frozen set 4: towns, counties, streets, hospital-name parts.

Towns mix invented names (most of them in no gazetteer) with a few small real ones; hospital names
are assembled by `deid_frozen4_surrogates.hospital` from the parts here (saints, donors, towns,
codes, "U of X" forms, pavilions and wards named after people, nursing homes, rehab, dialysis).
"""

from __future__ import annotations

TOWNS = """
Aldergrove|Blackwater Falls|Cedar Hollow|Dunmore|East Pemberton|Fairhaven|Glen Ullin|Harlow Springs|
Ironbridge|Jessup Mills|Kettle Creek|Lone Elm|Marrowbone|New Bremen|Oak Bluff|Pruitt Crossing|
Quarry Hill|Red Lodge|Saltville|Thistle Ridge|Vale|Willowick|Yellow Pine|Zion Grove|Bayou Sorrel|
Pahoa|Chinle|Kayenta|Waimea|Port Allard|Sugar Notch|Hazelton Flats|Barrow Point|Copper Gap|
Millbrook Station|North Tallow|South Amberley|West Kinnear|Granite Falls|Ferris Bend|Tuckahoe|
Lake Odessa|Ravenna|Mount Airy|Fort Belknap|Pine Ridge|Crow Agency|Saint Hedwig|Ste. Genevieve|
Bridgewater Junction|Okemah|Wewoka|Poteau|Marfa|Alpine Meadows|Ludlow|Braddock|Hollins|Crestline|
Dunkirk|Geneva Falls|Norwalk Harbor|Hope|Grantsville|Kingsport Landing|Woodbury Center|Bishopville|
Price Hill|Lanesboro|Wardsville|Rosebud|Hunter Valley|Young Harris|Frankfort Springs|Sharpsburg|
Brownsville Heights|Moody Gap|Pageland|Holly Grove|Joy Creek|Providence Forge|Glasgow Village|
Elk Lick|Tamarack|Ossipee|Keokuk|Bemidji Falls|Ironwood|Kalamaki|Haleiwa|Laupahoehoe|Ahoskie|
Tallulah|Natchitoches Parish Line|Opelousas|Mamou|Chauvin|Boca Grande|Esperanza|Las Cruces Flats|
Socorro Mesa|Truchas|Chimayo|Abiquiu|Medicine Lodge|Council Grove|Cimarron|Lusk|Ten Sleep|Dubois
"""

COUNTIES = """
Harlan|Pike|Letcher|Cumberland|Tallow|Kinnear|Marrowbone|Owyhee|Tioga|Chemung|Lackawanna|Allegany|
Wyandot|Auglaize|Putnam|Ottawa|Sequoyah|Pushmataha|Navajo|Apache|Rio Arriba|Mora|Hawaii|Kauai|
St. Landry|Evangeline|Terrebonne|Lafourche|Clearwater|Beltrami|Koochiching|Bayfield|Door|Iron|
Washakie|Niobrara|Big Horn|Rosebud|Custer|Fergus|Essex|Franklin|Hampshire|Windham|Orleans|Coos
"""

SAINTS = """
Brigid|Ansgar|Casimir|Hedwig|Kilian|Veronica|Dymphna|Scholastica|Wenceslaus|Boniface|Rita|Jude|
Adalbert|Gertrude|Columba|Finbarr|Agatha|Anselm|Bernadette|Cyril|Eligius|Raphael|Vincent|Camillus|
Elizabeth Seton|Frances Cabrini|Kateri|Damien|Luke|Clare|Monica|Benedict|Ignatius|Hilda|Aidan
"""

DONORS = """
Hollis-Varga|Abernathy|Pruitt|Whitlock|Kahananui|Okonkwo|Van Der Berg|Ledbetter|Mabry|Stallings|
Ethel M. Pruitt|Harold J. Fairbanks|Nakamura|Chatterjee|Applewhite|Satterfield|Dobbins|Birdsong|
Crenshaw|Hargrove|Rosales|Quintero|Eagleheart|Lindqvist|Papadopoulos|Kealoha|Bishop|Price|Wood|King
"""

HOSPITAL_KINDS = ["Hospital", "Medical Center", "Regional Medical Center", "Community Hospital",
                  "General Hospital", "Health Center", "Memorial Hospital", "Healthcare", "Health System",
                  "Infirmary", "Children's Hospital", "Women's Hospital"]

NURSING_HOMES = """
Willow Bend Care Center|Heritage Oaks Nursing & Rehab|The Pines at {town}|Brookside Manor|
Golden Years Lodge|{town} Health and Rehabilitation|Shady Elm Skilled Nursing|Maple Crest Living|
Sunrise Terrace|Cardinal Ridge Care Home|{donor} House|Lakeview Villa|Riverstone Senior Living
"""

REHAB = """
{town} Rehabilitation Institute|Brightwater Rehab|{donor} Rehabilitation Center|
Stepping Stones Rehab of {town}|Cornerstone Rehab Unit|Northfield Acute Rehab
"""

DIALYSIS = """
{town} Kidney Center|RenalCare of {town}|Lakeshore Dialysis|{donor} Dialysis Unit|
Clearwater Renal Associates|Blue Heron Dialysis|{town} Home Dialysis Program
"""

PRACTICES = {
    "peds": "{surname} & {surname2} Pediatrics|Kidz First Pediatrics of {town}|{town} Children's Clinic|"
            "Little Sprouts Pediatrics|{surname} Pediatric Associates",
    "ob": "{town} Women's Care|{surname} Maternal-Fetal Medicine|{surname} OB/GYN|Bloom Midwifery of {town}|"
      "{town} Birth Center",
    "dental": "Bright Smiles Dental of {town}|{surname} Family Dentistry|{surname} Orthodontics|"
              "{town} Endodontics|{surname} & {surname2} DDS",
    "eye": "{surname} Eye Associates|{town} Vision Center|{town} Retina Consultants|Clear View Eye Institute",
    "sleep": "{town} Sleep Disorders Center|{surname} Sleep Medicine|Restwell Sleep Lab of {town}",
    "onc": "{surname} Oncology Associates|{town} Cancer Care|{donor} Cancer Institute",
    "occ": "{town} Occupational Health|WorkWell of {town}|{surname} Industrial Medicine|{town} Urgent Care",
    "hospice": "{town} Hospice House|Heartwood Hospice|Gentle Harbor Hospice|{donor} Hospice",
    "primary": "{town} Family Medicine|{town} Community Health Clinic|{surname} Internal Medicine|"
               "{town} Rural Health Clinic|{surname} & {surname2} Family Practice",
    "dme": "{town} Medical Supply|{surname} Home Medical|Apria of {town}|{town} Respiratory & DME",
}

STREET_NAMES = """
Oak Hollow|Tamarack|Cedar Ridge|Old Mill|Quail Run|Persimmon|Hollyhock|Kestrel|Sassafras|Blue Spruce|
Kilbourne|Pemberton|Ironwood|Fox Chase|Whippoorwill|Cottonwood|Larkspur|Chinaberry|Buckeye|Plum Orchard|
Lehua|Kamehameha|Ala Moana|Pueblo Vista|Camino del Sol|Avenida Estrella|Bayou Oaks|Levee|Depot|
Schoolhouse|Church Hill|Water Tower|Gristmill|Foundry|Cannery Row|Hope|Grant|King|Bishop|Price|Lane
"""

STREET_KINDS = ["St", "Street", "Rd", "Road", "Ave", "Avenue", "Dr", "Drive", "Ln", "Lane", "Ct", "Way",
                "Blvd", "Pl", "Terrace", "Hwy", "Pike", "Circle", "Trail", "Loop"]

# unit abbreviations that are NOT PHI in this set (generic ward / unit names)
GENERIC_UNITS = ["4 West", "L&D", "NICU", "PICU", "MICU", "5 North", "the OR", "PACU", "pre-op holding",
                 "infusion suite", "the sleep lab", "dialysis unit", "the ED", "triage", "Mother-Baby",
                 "step-down", "the cath lab", "room 12", "bay 3", "pod C"]



def split_bars(block: str) -> list[str]:
    """The entries of a ``|``-separated block (newlines ignored)."""
    return [s.strip() for s in block.replace("\n", "").split("|") if s.strip()]
