"""Places by family (issue 20; places10 pass of 2026-12-07): Irish addresses (a county before the Eircode),
Australian unit numbers ("Unit 4/27", "3/118"), a rural route without its box, a British postcode on the line
after its town or straight after its street, a house's name before its street ("Ivy Cottage, Chapel Lane"); hospitals, units and wards named as a label's value, after a verb of attending or flying to,
in brackets after the referrer, in a signature, alone on a line; towns by their landform after a comma or
"vs", and landforms that no clinical phrase ends in ("Hope Vale"). And the look-alikes kept: credentials after
a signature's comma, a military unit, clinical phrases before a landform, a label inside a longer word, a blood
pressure before a doctor's name.

Every case runs in every casing it claims; names and places are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import ALL, assert_found, assert_kept

FOUND = [
    # an Irish county between the town and the Eircode (the county is kept, as a state is)
    ("Send to: 14 Birch Close, Ardnagh, Co. Wexford, {}\nNext of kin: brother", "Y35 K2P7", "ZIP", ALL),
    ("Send to: 14 Birch Close, {}, Co. Wexford, Y35 K2P7\nNext of kin: brother", "Ardnagh", "LOCATION", ALL),
    ("Home: 3 Quarry Lane, Brenmore, County Galway, {}\nGP aware", "H91 X2C4", "ZIP", ALL),
    ("Address: rural route 3, kilbrack, co. meath, {}\nallergies nil", "c15 r2w8", "ZIP", ALL),
    # an Australian unit before its street number, with or without the word "Unit"
    ("Lives at {}, Corrimal NSW 2518 with wife", "Unit 4/27 Banksia Street", "ADDRESS", ALL),
    ("Lives at Unit 4/27 Banksia Street, {} NSW 2518 with wife", "Corrimal", "LOCATION", ALL),
    ("addr {} Kembla 2526\nfever three days", "3/118 Wattle Rd", "ADDRESS", ALL),
    ("10:15 Ngata, Hemi, {} - insulin check\n", "Unit 6/12 Heron Avenue", "ADDRESS", ALL),
    # a rural route without its box
    ("No fixed address; post goes to {} until the move.", "rural route 7", "ADDRESS", ALL),
    # a British postcode on the line after its town
    ("c/o 18 Ferry Road, {},\nKY11 4QP\nNext review 2 weeks", "Dunbarrow", "LOCATION", ALL),
    # a house's name before its street (British, Irish), and a postcode straight after a street
    ("Home visit: {}, Kilbrack\nKey safe by the door", "Ivy Cottage, Chapel Lane", "ADDRESS", ALL),
    ("Callback on mobile; at {}, TR3 6BW\nPathway: falls", "4 Quarry Cottages, Church Row", "ADDRESS", ALL),
    # (the postcode itself reads as a code and is removed as ID; the street in one case is what was missed)
    ("Callback on mobile; at {}, N4 2HX\nPathway: falls", "9 Alder Rd", "ADDRESS", ALL),
    # a unit, ward, practice or code as a label's value, with or without its colon
    ("Hosp no 4471\nWard {}  Bed 4  Time 02:10", "Pemberton Unit", "LOCATION", ALL),
    ("Hosp no 4471\nWard {}  Bed 4  Time 02:10", "Ellis 4", "LOCATION", ALL),
    ("sugars 9.1 before lunch\nclinic {} dsn review\n", "QRH", "LOCATION", ALL),
    ("Goal INR 2-3. Clinic: {}, tel ext. 4410", "Okafor Wing", "LOCATION", ALL),
    ("night log // site {} bed 3\n", "Tallis Ward", "LOCATION", ALL),
    ("Trial 22-117 Site 004 ({})\nSubject initials", "Ellery Unit", "LOCATION", ALL),
    ("chi 1234\nregd: {}\nseen out of hours", "The Okoro Surgery", "LOCATION", ALL),
    # after a verb of attending, registering, handing over, flying to, being seen in
    ("Safety plan agreed; will attend {} crisis team tomorrow.", "Okafor Wing", "LOCATION", ALL),
    ("He attended {} the same afternoon.", "JRH", "LOCATION", ALL),
    ("Arrived last week. Registered with {}.", "KMH", "LOCATION", ALL),
    ("Medevac advised. Flown to {}, then theatre.", "BVMC", "LOCATION", ALL),
    ("the patient was seen in the {} today and", "DRH", "LOCATION", ALL),
    # in brackets after the referrer
    ("Referred by Ines Morrow ({}) for review.", "NWH", "LOCATION", ALL),
    # in a signature or a reporter's line, a code in a hospital's shape
    ("Recheck in one hour.\n-- Tomas Reyes, {}\n", "BDH", "LOCATION", ALL),
    ("Reporter: Kai Mendez, {}, Marrowvale\nContact by e-mail", "LHC", "LOCATION", ALL),
    # a unit alone on its line under a department
    ("Pathology Department\n{}\nPO Box 12, Farnleigh", "Okonjo Unit", "LOCATION", ALL),
    ("Brought in to {} overnight.", "Our Lady of Sorrows", "LOCATION", ALL),
    # towns: a landform after a comma ending the line, after "vs", a landform no clinical phrase ends in
    ("M: fall from bike, {}\nI: wrist deformity", "Quarry Cove", "LOCATION", ALL),
    ("Match: juniors vs {} on Saturday", "Elm Ridge", "LOCATION", ALL),
    ("Staying with her son in {} for now.", "Hope Vale", "LOCATION", ALL),
    ("Struck near {} on the bypass.", "Cedar Falls", "LOCATION", ALL),
    ("Reporter: Jo Park, Glenview Care Home, {}\nContact by phone", "Mount Astley", "LOCATION", ALL),
]

KEPT = [
    ("Clinician: Ann Moss", "ian", ALL),
    ("Recheck in one hour.\n-- Ana Ruiz, CHPN\n", "CHPN", ALL),
    ("-- Li Wu, CAQSM\n", "CAQSM", ALL),
    ("Sgt Patel  Unit 3 BN, C Coy\n", "BN", ALL),
    ("Labs: Na 139, anion gap\n", "anion gap", ALL),
    ("Risks: frequent falls, recent falls.\n", "recent falls", ALL),
    ("Tender over the trapezius, trigger point.\n", "trigger point", ALL),
    ("BP 120/80 Kerr Dr reviewed\n", "80 Kerr Dr", ("mixed",)),
    ("He attended ED at 3am.", "ED", ALL),
    ("Injection site RUQ\n", "RUQ", ALL),
    ("The rise was not seen in the PMS patients.", "PMS", ALL),
]


@pytest.mark.parametrize("template,value,kind,casings", FOUND)
def test_found(deid, template, value, kind, casings):
    assert_found(deid, template, value, kind, casings)


@pytest.mark.parametrize("template,kept,casings", KEPT)
def test_kept(deid, template, kept, casings):
    assert_kept(deid, template, kept, casings, wrong={"LOCATION", "ADDRESS", "ZIP"})
