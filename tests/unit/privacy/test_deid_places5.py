"""Hospitals, wards, residences, towns, counties, ZIP codes and street addresses as a writer the
rules were not made on writes them (issue 20, item 1; places5 pass of 2026-12-07): institutions
by the kind they name themselves by (a specialty institute, skilled nursing, a dental or sleep
practice, a health system's code), codes by position (after "prior admit", a clinician's slash,
a header's bar, opening a header line before a dash), wards named after "the", residences after a
place preposition or a list bullet, the town after an institution, counties by name, universities
in lower case, and addresses typed in lower case (a one-letter direction, rural routes, "town, st
12345", a ZIP wrapped to the next line); and the clinical text that looks like them kept.

Every case runs in every casing it claims; names, codes and places are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import ALL, UPPER_MIXED, assert_found, assert_kept


FOUND = [
    # institutions by the kind they name themselves by
    ("Transfer center call from {} re: STEMI; accepted.", "Harrowgate Cancer Institute", "LOCATION", ALL),
    ("Pt does not want to return to {} where she stayed in 2019.", "Fenwick Skilled Nursing", "LOCATION", ALL),
    ("{}\nProgress Note  3/2/2025\nPt: Quill", "Quillon Orthodontics", "LOCATION", ALL),
    ("Sleep study referral to {}. Call w/ questions.", "Marbury Sleep Medicine", "LOCATION", ALL),
    ("Prenatal care w/ Dr. Vance at {}; records faxed.", "Tillbrook Maternal-Fetal Medicine", "LOCATION", ALL),
    ("Equipment: DME {} delivered the CPAP.", "Harlow Respiratory & DME", "LOCATION", ALL),
    ("Referral to Dr Quill (endo) at {}, fax 555-0143.", "Bright Smiles Dental of Fenmore", "LOCATION", ALL),
    # a health system by its code
    ("PRE-OPERATIVE EVALUATION\n{} - Pre-Admission Testing\nPt: Vance", "UQ Health", "LOCATION", ALL),
    ("F/u in 3 mo, in person at {}. Message via portal.", "UX Health", "LOCATION", UPPER_MIXED),
    ("Born Jul 17 at {}, transferred to the NICU.", "US Health", "LOCATION", UPPER_MIXED),
    # codes by position
    ("Addendum 7/9:\nPrior admit {} (Fenmore) 10-7-25 for CAP.", "QVH", "LOCATION", UPPER_MIXED),
    ("Pages: 3\nTo: Dr. Halvorsen / {}   Fax: 555-0143\n", "NTMC", "LOCATION", UPPER_MIXED),
    ("Nursing\n\ncc: Dr. Tamsin Quill, {}  fax 555-0143\n", "WVMC", "LOCATION", UPPER_MIXED),
    ("GOALS OF CARE\nQuill, Doran | 5531-22 | {}\n\nPresent: pt", "RVMC", "LOCATION", UPPER_MIXED),
    ("OB TRIAGE NOTE  {}\nPt: Quill, Doran", "NVRH", "LOCATION", UPPER_MIXED),
    ("{}  -  Ophthalmology\nPatient: Quill", "TKVH", "LOCATION", UPPER_MIXED),
    # a ward named after "the"
    ("Met pt (rm 553, the {}). Family present.", "Tressel Ward", "LOCATION", UPPER_MIXED),
    ("fyi bed 12 going to the {} tmrw, transport at 0900", "Quenby unit", "LOCATION", ALL),
    ("Chaplain visit, rm 440, the {}.", "Alder Pavilion", "LOCATION", ALL),
    # residences after a place preposition or a list bullet, and the town after them
    ("Pt does not want to return to {} where she stayed.", "Maplehurst Terrace", "LOCATION", ALL),
    ("Referrals sent to:\n  - {}, Fenmore - accepted  fax 555-0143", "Quiet Pines Lodge", "LOCATION", ALL),
    ("Referrals sent to:\n  - Quiet Pines Lodge, {} - accepted  fax 555-0143", "Fenmore", "LOCATION", ALL),
    # the town of an institution: in brackets, after "in"
    ("Prior admit St Halvard Hospital ({}) 2025-07-17 for DKA.", "Tillbrook", "LOCATION", ALL),
    ("Born at Harrowgate Women's Hospital in {} on DOL 1.", "Quarrington", "LOCATION", ALL),
    # counties and parishes by name
    ("Spends summers at the lake near {}, back next week.", "Vance County", "LOCATION", ALL),
    ("Prior admit QVH (Fenmore {}) for CAP.", "Parish", "LOCATION", ALL),
    # towns after "live in" across a line, "flying in from"
    ("Sister Gene lives in\n{}.\nPT/OT rec SAR.", "Quarrington", "LOCATION", ALL),
    ("Parents live in {}, about 2 h away.", "Tillbrook", "LOCATION", ALL),
    ("Son is flying in from {} 6/20.", "Harlowfield", "LOCATION", ALL),
    # a university in lower case
    ("cc: dr. quill, {}  fax 555-0143", "u of tillbrook", "LOCATION", ("lower",)),
    # addresses typed in lower case: a direction letter, a rural route, the town, state and ZIP
    ("Home address confirmed: {}, Tillbrook, VT 05401.", "3444 N Old Quarry Drive", "ADDRESS", ALL),
    ("D/c'd home to 909 n birch hollow circle, fenmore, vt {}.", "05401", "ZIP", ALL),
    ("Mail goes to {}, harlow, wv 24701.", "rr 9 box 295", "ADDRESS", ALL),
    ("Pt gets mail at p.o. box 5621\n{}, ky 40201. Lease ends May.", "tillbrook", "LOCATION", ALL),
    ("Lives at 4116 w. quarry way lot 2, fenmore, ny\n{}. Lease ends May.", "12401", "ZIP", ALL),
]


@pytest.mark.parametrize("template,value,kind,casings", FOUND, ids=[f"{k}:{v}" for _, v, k, _ in FOUND])
def test_found_in_every_casing(deid, template, value, kind, casings):
    assert_found(deid, template, value, kind, casings)


KEPT = [
    # kinds of care with no name before them
    ("Brief Hospital Course: stable on room air.", "Hospital", ALL),
    ("Referred to sleep medicine for a split-night study.", "sleep medicine", ALL),
    ("She needs skilled nursing at home after discharge.", "skilled nursing", ALL),
    ("Discharged to independent living with home services.", "independent living", ALL),
    ("Disability in older persons living in the community was studied.", "older persons living", ("mixed", "lower")),
    ("FOLLOW-UP:\n- Wound clinic at the main campus on 6/22.", "Wound clinic", ALL),
    ("The National Cancer Institute criteria were used.", "criteria", ALL),
    # health words that are no system
    ("He is in good health; mental health follow up; US health care costs.", "good health", ALL),
    ("He is in good health; mental health follow up; US health care costs.", "mental health", ALL),
    ("He is in good health; mental health follow up; US health care costs.", "US health", ("mixed", "lower")),
    # wards that are kinds of care
    ("He was moved to the intensive care unit overnight.", "intensive care unit", ALL),
    ("Transferred to the Burn Unit for dressing changes.", "Burn Unit", ALL),
    ("Family waited in the east wing lobby.", "east wing", ALL),
    # counties and companies that are no place of the patient
    ("Reported to the county health department; a neighboring county.", "county", ALL),
    ("Reported to the county health department; a neighboring county.", "neighboring county", ALL),
    ("The drug (Sigma Chemical Co., St. Louis) was used as supplied.", "Sigma Chemical Co", ("mixed",)),
    ("Exposure to CO and CO2 was ruled out.", "CO and", ALL),
    ("Plan:\n1. Referral to county housing authority in May.", "Referral to county", ALL),
    ("Employer: regional freight co.; supervisor aware.", "regional freight co", ALL),
    # vitals and doses where an address could stand
    ("Vitals: RR 18, HR 92; 2 n saline boluses given.", "RR 18", ALL),
    ("Can u of course call back?", "u of course", ("lower",)),
    ("Transfused 2.3 u of homologous blood in the control group.", "u of homologous", ("lower",)),
]


@pytest.mark.parametrize("case", KEPT, ids=[f"{c[1]}-{i}" for i, c in enumerate(KEPT)])
def test_clinical_look_alikes_kept(deid, case):
    template, kept, casings = case
    wrong = {"LOCATION", "ZIP", "ADDRESS"}
    assert_kept(deid, template, kept, casings, wrong)
