"""Numbers of a seventh pass (issue 20, item 1; 2026-12-07, helper numbers7): dates written day
first ("23/4", "24.9.23") when the day is over 12, a range of days by ordinals, a letter dated by
one, "the 18th of january" and "22 mar" in lower case; record numbers printed in digit groups after
their label; Canada's SIN, an OCR-spaced SSN and the UK National Insurance number; "Age/Sex: 98/F";
a drug course or an exposure dated by years, and a period opened by a two-digit year.
Kept: "24/7", a visual acuity of 20/10, scores, blood pressures, a study's period, a dose in "dec".

Every case runs in every casing; names and numbers are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import ALL, CASINGS, assert_found, assert_kept

FOUND = [
    # day first, the day over 12, with or without a year
    ("Trigger Ovitrelle 21/4 21:30.\nOPU {}: 14 oocytes, ICSI.", "23/4", "DATE"),
    ("Repeat CBC {}. Paracetamol QID.", "27/3", "DATE"),
    ("G2P1   EDD 21/4/22   LMP {}\nMRN 1234", "15/7", "DATE"),
    ("Pt: Joko Sand  |  DOB {}  |  Surgeon: Dr. Roe", "21.6.04", "DATE"),
    ("Dengue: NS1 positive ({}). Plt 88k.", "31.3.25", "DATE"),
    # ordinals: a range of days, a letter, the month after "of"
    ("She was on the ward between the {} and the 11th. Nobody answered.", "7th", "DATE"),
    ("She was on the ward between the 7th and the {}. Nobody answered.", "11th", "DATE"),
    ("Thank you for your letter of {}. I am sorry.", "27th", "DATE"),
    ("She was last seen on {} period she reports", "18th of january", "DATE"),
    ("Trigger ovitrelle {} 21:30. beta hcg due 9 apr.", "22 mar", "DATE"),
    # record numbers in digit groups after their label
    ("Name: Roe, Ada\nMRN: {}    Acc#: W20-98610", "358 461 62", "ID"),
    ("Pt: Ann Roe  DOB 8.8.67  Hosp# {}\nWeight 82 kg.", "325 497 18", "ID"),
    ("Medicare # 2361 85134 7, UR {}\nThank you for referring", "426 709 45", "ID"),
    ("DOB 01/09/2020   Chart #{}\nAccompanied by: mother", "949 348 50", "ID"),
    ("Age/Sex: 25/M    Reg no: {}\nABHA no.: pending", "694 136 33", "ID"),
    ("Dr Reed, St Gertrude Hospital  fax {}\nLate entry", "826 305 7511", "FAX"),
    ("Prenatal: G2P1.\nNext visit {} (Tuesday) with Dr Rice.", "20/12", "DATE"),
    # national numbers
    ("Disability tax credit: SIN {} on form T2201.", "202 929 020", "SSN"),
    ("Phone: 741 239 7938     NI number: {}\nDriving licence", "YX 70 09 31 D", "SSN"),
    ("Social Security No.: {}\nDriving licence no: DV332279", "396 91  3054", "SSN"),
    # a letter's reference after its dictation line
    ("Dictated but not read. Ref {}\ncc: Dr Roe", "7017-8638", "ID"),
    ("Dictated JM, typed J.M.. Ref {}\nJoost Roe", "2018-1999", "ID"),
    # a biometric template's number a few words after its word
    ("Remote app voiceprint enrolled ({}).\nFollow-up", "CB72-DDUS-143", "BIOMETRIC"),
    ("Check-in: biometric palm scan {} verified at reception.", "RP47-AMFZ-125", "BIOMETRIC"),
    ("Identity confirmed by fingerprint scan (template {}) at dosing window 2.", "MJ63-GSHX-463", "BIOMETRIC"),
    ("Resident enrolled with facial template {}.", "BG88-AEKE-893", "BIOMETRIC"),
    # a short code is an id when its label says so
    ("Wristband check. Patient ID: {}. Allergies: none.", "K1234", "ID"),
    # ages in a header
    ("NRIC: T3637251H\nAge/Sex: {}/F    Reg no: 828380", "98", "AGE"),
    ("IHI: pending\nAge/Sex: {}/F    Reg no: 26541837", "ninety-three", "AGE"),
    # years of a person's history
    ("Hx: noise exposure (factory, {}-1999); tinnitus since 2009.", "1979", "DATE"),
    ("Prior: semaglutide (Ozempic 1 mg, 2017-{}).", "2019", "DATE"),
    ("Hx: noise exposure (factory, '83-{}); tinnitus.", "2003", "DATE"),
    ("Embryo storage consent renewed to {}; billing acct pending.", "2031", "DATE"),
    ("HPI: 76 yo w/ chest pain x 1 wk. Was at ACH in {} for similar. PCP Dr. Roe.", "98", "DATE"),
    ("OB hx: C/S in {} for arrest of dilation, SVD 2001.", "95", "DATE"),
    # a year is still a year after a device or a procedure ("ICD 2015", "CABG 2015")
    ("PMH: ICD {}, CABG 2011.", "2015", "DATE"),
]


@pytest.mark.parametrize("template,value,kind", FOUND, ids=[f"{k}:{v}" for _, v, k in FOUND])
def test_found_in_every_casing(deid, template, value, kind):
    assert_found(deid, template, value, kind)


KEPT = [
    ("Nursing care 24/7 at home; GCS 14/15.", "24/7"),
    ("Nursing care 24/7 at home; GCS 14/15.", "14/15"),
    ("VA OD 20/10, OS 20/20 with correction.", "20/10"),
    ("BP 120/80, HR 72, RR 16/min.", "120/80"),
    ("Patients treated 1990-1995 were compared with 2000-2005.", "1990-1995"),
    ("Fracture between the 3rd and 4th ribs, left side.", "3rd"),
    ("Version 13.2.10 of the software was used.", "13.2.10"),
    # a guideline's edition year; scores after "were" and a monofilament's sites
    ("Urate 0.41, titrate monthly per ACR 2020. Colchicine 500 mcg.", "2020"),
    ("HTN - at goal per ACC/AHA 2017. T2DM - A1c 7.4.", "2017"),
    ("Goal per ASMBS 2022 criteria met.", "2022"),
    ("FEV1 54% pred. GOLD 2024 group E.", "2024"),
    ("Nodule stable at 7 mm, so Fleischner 2017 says no further f/u.", "2017"),
    ("Apgars were 8/9 at birth.", "8/9"),
    ("Monofilament 6/10 R, 4/10 L.", "6/10"),
    # a course's counter; a label word before a spaced number is not part of it
    ("Ann Roe  DOB 1963-08-04  Visit 30/12  Date 8/21/26", "30/12"),
    ("Registration: SSN 416 48 7606; Blue Cross", "Registration: SSN"),
    ("RESP: on NIPPV 18/6, FiO2 0.25-0.30. Caffeine.", "18/6"),
    ("Sleeping from 1900 to 2030, then awake.", "2030"),
    ("NPO 0700 to 2000 for the procedure.", "2000"),
    ("Response was seen in 12 for whom data were available.", "12"),
    ("Patency at ten years (PTFE 31% +/- 18/9, dacron 32%).", "18/9"),
    ("Responders decreased blood pressure by 14/5 mm Hg.", "14/5"),
    ("Neonates weighing 750 to 2000 gm were enrolled.", "2000"),
    ("Facial swelling 2-3 cm; iris 3 mm; retinal exam normal; fingerprint scan 2 attempts.", "2-3"),
    ("Facial swelling 2-3 cm; iris 3 mm; retinal exam normal; fingerprint scan 2 attempts.", "2 attempts"),
    # billing and assessment item codes
    ("MDS section G/GG (excerpt)\nG0110A bed mobility: 3  GG0170C lying to sitting: 02", "G0110A"),
    ("MDS section G/GG (excerpt)\nG0110A bed mobility: 3  GG0170C lying to sitting: 02", "GG0170C"),
    ("Line 2     08/02/2024  J1885  $1252.00  CO-197", "J1885"),
    ("DTaP #4        V5767B      RA     given", "V5767B"),
]


@pytest.mark.parametrize("template,kept", KEPT, ids=[k for _, k in KEPT])
def test_clinical_number_forms_kept(deid, template, kept):
    assert_kept(deid, template, kept, wrong=("DATE", "ID", "SSN", "AGE"))


@pytest.mark.parametrize("text,kept", [("breath sounds 2 dec at bases, sats 95%.", "2 dec"),
                                       ("dose 2 may be repeated if needed.", "2 may"),
                                       ("Dose 2 may be repeated if needed.", "2 may")])
def test_a_day_before_may_or_dec_needs_a_clause_end_in_lower_case(deid, text, kept):
    start = text.index(kept)
    assert not any(s.start < start + len(kept) and s.end > start for s in deid.find(text))


TABLE = ("encounter_id,visit_date,patient_name,mrn,dob,age,clinic,notes\n"
         "X484255908,2025-07-06,\"HO,ADA V\",4469-16-238,1952-01-07,73,Begay Practice,\"BP 142/90 recheck\"\n"
         "5374566-53,2025-07-09,\"Sam Fraser\",066 254 34,10/20/1927,97,Begay Practice,\"no show, 2 wk\"\n")


@pytest.mark.parametrize("casing", ALL)
def test_a_tables_header_names_its_id_and_age_columns(deid, casing):
    text = CASINGS[casing](TABLE)
    found = {(text[s.start:s.end].lower(), s.type) for s in deid.find(text)}
    for value, kind in [("066 254 34", "ID"), ("4469-16-238", "ID"), ("5374566-53", "ID"), ("97", "AGE")]:
        assert (value, kind) in found, (casing, sorted(found))
    kept = {"73", "142/90", "2 wk"}  # an age under 90, a blood pressure and a count in the notes column
    assert not any(v in kept for v, _ in found), (casing, sorted(found))


def test_a_tab_separated_table_and_a_line_of_prose_with_commas():
    from mednn.privacy.deid.recognizers.numbers import find_in_table_columns

    tsv = "Hospital No\tName\tAge\tWard\n812 045 94\tAda Roe\t101\t6B\n"
    assert [(tsv[a:b], k) for a, b, k in find_in_table_columns(tsv, None)] == [("812 045 94", "ID"), ("101", "AGE")]
    prose = "Seen with mother, father, sister, and id badge\nBP 120/80, HR 72, RR 16, Sat 98\n"
    assert find_in_table_columns(prose, None) == []


HL7 = ("MSH|^~\\&|LAB|MHS|EHR|MHS|20250518||ORU^R01|151343|P|2.5.1\n"
       "PID|1||480 852 29^^^MR~9065-846-752-YA^^^HP||ROE^ADA^M||20040202|F|||5 Kingfisher Drive^^Hamilton^ON||"
       "(520) 918-2104|||||38-452-0265|459 344 860\n"
       "OBX|1|NM|2345-7^Glucose^LN||112|mg/dL|70-99|H|||F\n")


@pytest.mark.parametrize("casing", ALL)
def test_an_hl7_pid_segment_numbers_the_patient_in_fixed_fields(deid, casing):
    text = CASINGS[casing](HL7)
    found = {(text[s.start:s.end].lower(), s.type) for s in deid.find(text)}
    for value, kind in [("480 852 29", "ID"), ("9065-846-752-ya", "ID"), ("38-452-0265", "ID"), ("459 344 860", "SSN")]:
        assert (value, kind) in found, (casing, sorted(found))
    assert not any(v in ("112", "70-99", "2345-7") for v, _ in found), (casing, sorted(found))
