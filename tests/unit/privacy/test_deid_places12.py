"""Places, places12 pass of 2026-12-07 (issue 20), read from set 11's false positives and misses grouped by family.

Kept: the region that Indian, Philippine or Malaysian addresses name between the town and the postcode (a state,
as US addresses name one); a town's department after
"Children's"; a language after "in"; a public body's acronym where a hospital's code would stand (a form's issuer,
"<body> agency:"); the sites of the chest a murmur is heard at; "Pvt" (private) before a bed's number.

Every case runs in every casing it claims; names and places are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import ALL, UPPER_MIXED, assert_found, assert_kept

FOUND = [
    # the town before a region, the postcode after it
    ("Address: Door 7-41, Temple Road, {}, Karnataka - 577 201\nAadhaar: on file", "Hassan", "LOCATION", ALL),
    ("Address: Door 7-41, Temple Road, Hassan, Karnataka - {}\nAadhaar: on file", "577 201", "ZIP", ALL),
    ("Address: 81 Bonifacio St, {}, Negros Occidental 6100\nPassport: on file", "Bacolod", "LOCATION", ALL),
    ("Address: 81 Bonifacio St, Bacolod, Negros Occidental {}\nPassport: on file", "6100", "ZIP", ALL),
    # a region named by its kind between the town and the postcode, the address on the line above
    ("Olumide Clinic\n4 Ajose Road\n{}, Ondo State 340211\nTel on file", "Akure", "LOCATION", ALL),
    ("Olumide Clinic\n4 Ajose Road\nAkure, Ondo State {}\nTel on file", "340211", "ZIP", ALL),
    # a hospital named "Children's" with nothing after it
    ("Transferred to {} for the repair.", "Harkness Children's", "LOCATION", UPPER_MIXED),
    # an X12 claim's address and provider segments, read by the segment's layout
    ("ISA*00*  *00*  *ZZ*SUB*ZZ*REC*250101*1200*^*00501*1*0*P*:~\nNM1*85*2*{}*****XX*1234567893~\n"
     "N3*88 ORCHARD WAY~\nN4*FENWICK*OH*45601~\n", "Quarry Vale Clinic", "LOCATION", ALL),
    ("ISA*00*  *00*  *ZZ*SUB*ZZ*REC*250101*1200*^*00501*1*0*P*:~\nN3*{}~\nN4*FENWICK*OH*45601~\n",
     "88 ORCHARD WAY", "ADDRESS", ALL),
    ("ISA*00*  *00*  *ZZ*SUB*ZZ*REC*250101*1200*^*00501*1*0*P*:~\nN3*88 ORCHARD WAY~\nN4*{}*OH*45601~\n",
     "FENWICK", "LOCATION", ALL),
    ("ISA*00*  *00*  *ZZ*SUB*ZZ*REC*250101*1200*^*00501*1*0*P*:~\nN3*88 ORCHARD WAY~\nN4*FENWICK*OH*{}~\n",
     "45601", "ZIP", ALL),
    # a DICOM header's institution, whatever its name says
    ("(0008,0070) LO [Vendor]  # Manufacturer\n(0008,0080) LO [{}]  # InstitutionName\n", "QVH", "LOCATION", ALL),
    # a polyclinic is an institution's kind; an institution as a field after a wide gap or a tab
    ("To: SOC Cardiology, {}   Priority: Routine", "Bedok Polyclinic", "LOCATION", UPPER_MIXED),
    ("*** ABSCONSION ALERT ***   {}\nName: see label", "Red Ash Community Hospital", "LOCATION", UPPER_MIXED),
    ("Clinic list\t{}\t3/21/25\tclinician: see rota", "Red Ash Community Hospital", "LOCATION", UPPER_MIXED),
    # a code as a field of a title row set apart by tabs, behind a department's comma in a sent-to field
    ("Clinic list\t{}\tAugust 17, 2026\tclinician: see rota", "QVMH", "LOCATION", UPPER_MIXED),
    ("To: Eye Centre, {}   Priority: Routine", "QVMH", "LOCATION", UPPER_MIXED),
    # a code of six letters opening a title line before a dash
    ("{} - ART clinic\n19th April 2025", "KOOTRH", "LOCATION", UPPER_MIXED),
    # a town after a street and its comma, before a wide gap (the next field, an addressograph's second column)
    ("MRO: Dr K. Bell  200 W Depot St, {}  fax 555 0100", "Hood Falls", "LOCATION", UPPER_MIXED),
    ("2280 Larkspur Trl, {}         6245 Larkspur Trl Apt 9A, Kewanee", "Hood Falls", "LOCATION", UPPER_MIXED),
    # a letterhead's address opening a line; after "address" without its colon; a street by a foreign suffix or Tce
    ("Marsh Hospital\n1089 Quay Rise, {}, H12 G0C4\nTel 555", "Letterkenny", "LOCATION", ALL),
    ("Carer: see file,\n469 Ropewalk, {}, CK5 2KB\nSocial worker: x", "Bridlington", "LOCATION", ALL),
    ("May head to home address 876 Cois Abhann, {}, R32 W4T9\nor to her brother", "Tullamore", "LOCATION", ALL),
    ("May head to home address 1632 Harbour View Tce, {} 2357\nor to her brother", "Levin", "LOCATION", ALL),
    ("Woon by haar ouma in\n2697 Kerkstraat, {} 3968\nSputum gestuur", "Mthatha", "LOCATION", ALL),
    # a letterhead's address stacked on three lines, closed by a postcode with letters
    ("Harlow Infirmary\n1207 Ropewalk\n{}\nBY4 3CE\nTel 555", "Llandudno", "LOCATION", ALL),
    ("Harlow Infirmary\n{}\nLlandudno\nBY4 3CE\nTel 555", "Apt 3, 24 Ropewalk", "ADDRESS", ALL),
    # the town a service's site or campus is named by, after the service and a dash
    ("Clinica del Sol - {} site  4/17/24\nPt: see label", "Nogales", "LOCATION", UPPER_MIXED),
    # a hyphened town after "from" (a formula glued to capitals is not: see KEPT)
    ("A daycare worker from {}, flown in last week.", "Lac-aux-Cedres", "LOCATION", ("mixed",)),
    # a language that is also a surname is left out of the allow-list's languages
    ("Manager review: {}, 21 May. Ref 406909.", "Zulu", "NAME", UPPER_MIXED),
    # a care agency by its code after a bare label or a care word
    ("Reason: review   Agency: {}\nNext visit 3/2", "QHH", "LOCATION", UPPER_MIXED),
    ("Home health agency: {}\nNext visit 3/2", "QHH", "LOCATION", UPPER_MIXED),
]

KEPT = [
    # regions and countries of an address's last parts
    ("Address: Door 7-41, Temple Road, Hassan, Karnataka - 577 201\nAadhaar: on file", "Karnataka", ALL),
    ("Address: 81 Bonifacio St, Bacolod, Negros Occidental 6100\nPassport: on file", "Negros Occidental", ALL),
    # a town's department named after children
    ("Social worker: Ana Brook, Tamworth Children's Services, 01632 960111", "Tamworth Children's", UPPER_MIXED),
    # a language after "in"
    ("The risks were explained to me in Malayalam by the registrar.", "Malayalam", UPPER_MIXED),
    ("Consent read aloud in Kannada and Urdu.", "Kannada", UPPER_MIXED),
    # a public body's acronym where a code would stand
    ("Reason: random   DOT agency: FMCSA\nCollection: split", "FMCSA", UPPER_MIXED),
    ("Reason: random   Transit agency: QXT\nCollection: split", "QXT", UPPER_MIXED),
    ("WSIB - Health Professional's Report (Form 8)\nWorker: see file", "WSIB", UPPER_MIXED),
    # the sites a murmur is heard at
    ("Soft ejection systolic murmur at LSE, no radiation.", "LSE", UPPER_MIXED),
    ("Pansystolic murmur heard at LLSB.", "LLSB", UPPER_MIXED),
    # a private room's bed
    ("IP No: 4471   Bed: SW-Pvt 4   Unit: Medicine II", "Pvt 4", UPPER_MIXED),
    # a site of the body after a dash, three lines that are no address
    ("Wound check - insertion site dry, no erythema", "insertion site", ALL),
    ("2 tabs daily\nReview\nNW1 2AB\n", "Review", ALL),
    # a formula after "in", a service's acronym before "policy", a title naming a clinic by clinical words
    ("Morphine 1 mg/mL in NaCl 0.9% 50 mL PCA syringe.", "NaCl", ("mixed",)),
    ("Gave first name only - ok per GUM policy)", "GUM", UPPER_MIXED),
    ("PAEDIATRIC GROWTH CLINIC\nName: see label", "GROWTH CLINIC", ("upper",)),
]


@pytest.mark.parametrize("template,value,kind,casings", FOUND)
def test_found(deid, template, value, kind, casings):
    assert_found(deid, template, value, kind, casings)


@pytest.mark.parametrize("template,kept,casings", KEPT)
def test_kept(deid, template, kept, casings):
    assert_kept(deid, template, kept, casings, wrong={"LOCATION", "ADDRESS", "ZIP"})
