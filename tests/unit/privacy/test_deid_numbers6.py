"""Numbers of a sixth pass (issue 20, item 1; 2026-12-07, helper numbers6): the short numbers a
call, a page or a call-back goes to; dates before a colon, "May." with its period, month/day before a
clock time and beyond the scale a ratio would have; a person's period of years; a history field that
wraps; photo ids, licences, registrations, sample numbers and check-digit cards after their words.
Kept: clock times among clock times and after a date, values after a laboratory word, a statute's
year, a score after the scale named with its maximum, a relative's age at diagnosis, vaccine lots,
product numbers, sequence variants and a hospital's policy number.

Every case runs in every casing; names and numbers are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import ALL, CASINGS, assert_found, assert_kept

FOUND = [
    # the number a call, a page or a call-back goes to
    ("If MAP < 60 start levo, call Dr. Okafor {}\nS: wife updated", "#41872", "PHONE"),
    ("Potassium 6.8 called to Ruth Amsel at {} 14:10; read back.", "52914", "PHONE"),
    ("Paged Dr. Vance at {} re: agitation.", "38201", "PHONE"),
    ("Trop up, ECG unchanged, cb {}\n", "#60117", "PHONE"),
    ("Son Tomas on phone {} asking for update.", "77310", "PHONE"),
    ("Overnight: call covering NP {} if febrile.", "3-4418", "PHONE"),
    ("For questions page {} (orthopaedics).", "#2231", "PHONE"),
    ("Questions: ext\n{}\nUnit: 6 West", "5521", "PHONE"),
    ("Registrar on call, bleep {} if concerns overnight.", "4471", "PHONE"),
    # dates before a colon, with a period after the month, before a clock time, beyond a scale
    ("Tumour board {}: surgery first.", "October 14th", "DATE"),
    ("Follow-up ortho at the county clinic {} - transport arranged.", "Mar. 11", "DATE"),
    ("Time | HR | SpO2 | RT\n{} 0415 | 112 | 91% | KL", "3/14", "DATE"),
    ("Pager log\n{} 2210 from night float: K 5.9, repeat?", "6/27", "DATE"),
    ("Sepsis w/u. BCx {} 2/2 bottles GNR.", "7/23", "DATE"),
    ("Sepsis w/u. BCx {} 4/4 bottles GNR.", "9/4", "DATE"),
    ("Transplant committee {}: listed.", "May 21st", "DATE"),
    # a person's period of years, a history field that wraps, a year before a bracket
    ("Service: Navy; served {}-1994; exposure registry.", "1986", "DATE"),
    ("Service: Navy; served 1986-{}; exposure registry.", "1994", "DATE"),
    ("Social: smoked from {} to 2011, quit.", "1979", "DATE"),
    ("Seen for cough. Past history: hernia repair 1999,\nMI in {} (treated at an outside hospital).", "88", "DATE"),
    # ids after a word for a photo, a licence, a registration, a bank; a card with its check digit
    ("Wound photographed, photo # {}; dressing changed.", "QX318-T52", "ID"),
    ("Stroboscopy images Img: {}.", "VB904-R17", "ID"),
    ("Property: wallet, driver lic {} held by security.", "T31-552-907", "ID"),
    ("Pt's DL {} held by police.", "M44-208-316", "ID"),
    ("Signed: J. Ode, MD  GMC reg. {}", "7043119", "ID"),
    ("Signed: K. Ruan, RN  practising cert no. {}", "60418", "ID"),
    ("Research aliquot: DNA bank # {}", "QB417.880", "ID"),
    ("Research aliquot (consented): {}\n", "KB502.614", "ID"),
    ("Medicare card {}   DVA: nil", "4102 77519 3", "ID"),
    ("Pt: Roe, Ada  93F  {}\nLocation: home", "5120 44871 2", "ID"),
]


@pytest.mark.parametrize("template,value,kind", FOUND, ids=[f"{k}:{v}" for _, v, k in FOUND])
def test_found_in_every_casing(deid, template, value, kind):
    assert_found(deid, template, value, kind)


KEPT = [
    # clock times among clock times, after a date, at "~"
    ("Dispatched 1932 Enroute 14:41 On scene 1950 Transport 15:22", "1932"),
    ("Dispatched 1932 Enroute 14:41 On scene 1950 Transport 15:22", "1950"),
    ("Dispatched 1952 Enroute 1858 On scene 1131", "1952"),
    ("Pager log\n6/27 2010 from night float", "2010"),
    ("Ingested about 20 tablets at ~2035.", "2035"),
    ("Found at approx 1945 by staff.", "1945"),
    ("Arrived 19:05, triage 19:12, at desk 1940, bed 1958.", "1940"),
    # values after a laboratory word, a statute's year, a score after its named scale
    ("A: f/u lactate 2000; if SBP < 90 bolus.", "2000"),
    ("EBL 1950, UOP 1925 over the case.", "1950"),
    ("Detained under the Mental Health Act 1983, section 2.", "1983"),
    ("Capacity assessed under the Mental Capacity Act of 2005.", "2005"),
    ("Screening: PC-PTSD-5: 3/5. GAD-7 5/7. PHQ-9: 11.", "3/5"),
    ("Screening: PC-PTSD-5: 3/5. GAD-7 5/7. PHQ-9: 11.", "5/7"),
    # ratios within their scales stay ratios
    ("BCx 2/4 bottles GPC; strength 4/5 RUE; murmur 2/6 SEM.", "2/4"),
    ("BCx 2/4 bottles GPC; strength 4/5 RUE; murmur 2/6 SEM.", "4/5"),
    ("BCx 2/4 bottles GPC; strength 4/5 RUE; murmur 2/6 SEM.", "2/6"),
    ("Apgars 8/7; BW 2210 g.", "8/7"),
    # a relative's age at diagnosis; a study's period
    ("Family history:\n  Maternal aunt: breast ca dx 44\n  Father: colon ca dx 61", "44"),
    ("Family history:\n  Maternal aunt: breast ca dx 44\n  Father: colon ca dx 61", "61"),
    ("Patients treated 1990-1995 were compared with 2000-2005.", "1990-1995"),
    # batches, products, variants, hospital policies, lines of a document
    ("Tetanus given (Tdap lot 5518C); flu vaccine lot KX2209AB.", "5518C"),
    ("Tetanus given (Tdap lot 5518C); flu vaccine lot KX2209AB.", "KX2209AB"),
    ("Pump S/N given; UDI (01)00884521337206", "00884521337206"),
    ("Pathogenic variant BRCA1 c.68-2A>G (p.Glu23fs) found.", "c.68-2A>G"),
    ("Pathogenic variant BRCA1 c.68-2A>G (p.Glu23fs) found.", "p.Glu23fs"),
    ("Escalated per unit policy NUR-14.", "NUR-14"),
    ("See page 2 of 4; call if questions.", "2 of 4"),
    ("Images were acquired with a 10-12-cm field of view.", "10-12-cm"),
    ("Reg insulin 10 units; if glucose > 300 call 911.", "911"),
    ("Call HO if plt < 50000 or WBC > 15000.", "50000"),
    ("Call HO if plt < 50000 or WBC > 15000.", "15000"),
    ("Pt reached 10000 steps today.", "10000"),
]


@pytest.mark.parametrize("template,kept", KEPT, ids=[k for _, k in KEPT])
def test_clinical_number_forms_kept(deid, template, kept):
    assert_kept(deid, template, kept)


def test_a_life_period_is_removed_but_a_study_period_stays(deid):
    served = "served 1986-1994"
    study = "enrolled 1986-1994"
    assert [s.type for s in deid.find(served)] == ["DATE", "DATE"]
    assert deid.find(study) == []


def test_call_target_keeps_its_hash_sign(deid):
    text = "call Dr. Okafor #41872"
    phone = [text[s.start:s.end] for s in deid.find(text) if s.type == "PHONE"]
    assert phone == ["#41872"]


EXACT = [
    # one span, as an annotator marks it: a phone with its extension, a date with its year in lower
    # case, a provincial health card's groups after its label
    ("Home {}\nFamily MD: none", "384-6700 ext. 1205", "PHONE"),
    ("Receiving MD via transfer line {}\n", "3308713746 x6387", "PHONE"),
    ("Proxy Ana Ruiz ({}) - not reached", "543-8037 x2987", "PHONE"),
    ("Pharmacy (ph {})\nSSN on file", "424.266.6613x62", "PHONE"),
    ("Left message for Dr. Ode at {} x2, no callback.", "555-0143", "PHONE"),
    ("Left message for Dr. Ode at {} x2, no callback.", "(617) 555-0143", "PHONE"),
    ("Date of service: {}\nPOD 5", "May 30, 2025", "DATE"),
    ("Melanoma in situ {} (excised)", "October 2022", "DATE"),
    ("Patient: Roe, Ada   RAMQ {}   Chart 0", "1795 935 471", "ID"),
    ("Patient: Roe, Ada   Health card # {}   Chart 4", "ZBQA 5410 9419", "ID"),
    ("Patient: Roe, Ada   OHIP {}   Chart K", "2011-390-404-FG", "ID"),
]


@pytest.mark.parametrize("template,value,kind", EXACT, ids=[f"{k}:{v}" for _, v, k in EXACT])
def test_exact_span_in_every_casing(deid, template, value, kind):
    for casing in ALL:
        text = CASINGS[casing](template.format(value))
        start = CASINGS[casing](template.format("\x00")).index("\x00")
        found = [(s.start, s.end, s.type) for s in deid.find(text)]
        assert (start, start + len(value), kind) in found, (casing, [(text[a:b], k) for a, b, k in found])
