"""Person names, round 8 (names8, 2026-12-07): the person columns of tables printed as text (pipe and
space-aligned tables, as CSV exports already were), in every casing; what must stay beside them."""

import pytest

from tests.deid_cases import ALL, UPPER_MIXED, assert_found, assert_kept

TABLE_CASES = [
    # a "|" table: a screening log's initials, a bed state's patient, an immunisation record's signer
    ("Scr#  | Initials | Screen date | Age | Eligible\n 1     | {}      | 16-Aug-2006  | 39 | Y\n", "LB", ALL),
    ("Ward   | Bed | Patient              | Status\n7B     | 18  | {} | side room\n", "MAJOR,XIMENA K", ALL),
    ("Vaccine | Date | Lot | Site | Given by\nMMR | 1/4/08 | SJ9686 | L | {}\n", "Vo", ALL),
    # a markdown table with its separator row
    ("| Patient | MRN | Seen |\n|---|---|---|\n| {} | 0594434 | 3/4 |\n", "tevita weiss", ALL),
    # columns aligned by spaces
    ("Vaccine        Lot         Site   Given by\nMMR            Y7828B      RT     {}\n", "A.F.", ALL),
    ("Vaccine        Lot         Site   Given by\nHib #4         Y9718A      LA     {}\n", "Major Schwartz", ALL),
]


@pytest.mark.parametrize("template,value,casings", TABLE_CASES)
def test_person_columns_of_text_tables_are_names(deid, template, value, casings):
    assert_found(deid, template, value, "NAME", casings)


@pytest.mark.parametrize("text,kept", [
    # a table without a person column: its cells are left to the other rules
    ("Drug | Dose | Route | Frequency\nMetoprolol | 25 mg | PO | BID\n", "Metoprolol"),
    ("Test           Result      Units  Flag\nSodium         138         mmol/L N\n", "Sodium"),
    # a person column whose cell names no one, and the lines after the table
    ("Ward | Bed | Patient | Status\n7B | 18 | vacant | cleaning\nBed manager to review at noon.\n", "vacant"),
    ("Ward | Bed | Patient | Status\n7B | 18 | vacant | cleaning\nBed manager to review at noon.\n", "Bed manager"),
    # a title line with a person word and gaps is no header ("PATIENT" in a report's title)
    ("EMS PATIENT CARE REPORT  Run# 28551-2  Medic 15\nDispatched 1953 Enroute 14:57 On scene 1813 Transport 1218\n"
     "Scene: 13037 Depot Ln\nCall-back: 221.887.7034 x9408\n", "Call-back"),
    # prose after an aligned table does not line up with it
    ("Vaccine        Lot         Site   Given by\nMMR            Y7828B      RT     MS\n"
     "VIS dated 1/31/24 given. Next visit in three months with growth review.\n", "growth review"),
])
def test_tables_keep_what_names_no_one(deid, text, kept):
    assert_kept(deid, text, kept, wrong=("NAME",))


JOB_CASES = [
    # a job before its holder's name, no colon: a listed surname, an unlisted one, in capitals or not
    ("Machine Linac 3. Physicist {}; RO j. barbosa MD.", "Fisher", ("upper", "mixed")),
    ("Copy to GP {}, Fairview Medical Centre, fax 555-0143", "Mwale", ALL),
    ("Site manager {} bleep 901-8500\npt in bed 4", "FALEOLO", ALL),
    ("Transport: UEKM29Z (volunteer car driver {})\n", "Summer", ("upper", "mixed")),
    ("Team leader {} RT; airway s. payne MD; scribe Mason.", "Hope", ("upper", "mixed")),
    ("Fellow {}.\nConsent obtained from pt and daughter.", "LKS", ("upper", "mixed")),
    ("Prescriber {} DEA OO9980579 NPI 0616493447\n", "Nash", ALL),
    ("CPT 36558. Operator {} RT. Fellow Dr Chayton Mason, RN", "Al-Sayed", ALL),
    ("Tel 1-171-403-9278.\nTB nurse {}; public health notified", "Kouyate", ALL),
    ("Fax back to (663) 160-5823 x650 attn {}\n", "Drew Burns", ALL),
]


@pytest.mark.parametrize("template,value,casings", JOB_CASES)
def test_a_job_before_a_name_marks_its_holder(deid, template, value, casings):
    assert_found(deid, template, value, "NAME", casings)


@pytest.mark.parametrize("text,kept", [
    ("GP surgery to review on Monday; GP aware.", "GP aware"),
    ("ID fellow pager 95523 for questions.", "fellow pager"),
    ("Coordinator notified. Supervisor aware. Scribe present.", "Supervisor aware"),
    ("Operator error suspected; team leader informed at 10:00.", "Operator error"),
    ("Taxi driver waiting at the front entrance.", "driver waiting"),
    ("Prescriber DEA AB1234567 NPI 1234567890 on file.", "Prescriber"),
    ("Charge nurse on phone with bed manager.", "nurse on phone"),
    ("Fax back to 555-0143 attn billing office.", "billing office"),
])
def test_a_job_before_ordinary_words_keeps_them(deid, text, kept):
    assert_kept(deid, text, kept, wrong=("NAME",))


@pytest.mark.parametrize("text,kept", [
    # British spellings of safe words are safe words, at a line's start and in capitals too
    ("Behaviour chart reviewed overnight.\nTheatre list confirmed for Monday.", "Behaviour"),
    ("Behaviour chart reviewed overnight.\nTheatre list confirmed for Monday.", "Theatre"),
    ("ID checked: driver licence 164565858.", "licence"),
    ("Haematology review: anaemia improving, haemoptysis settled.", "Haematology"),
    ("Manoeuvre tolerated; recognised early and mobilising.", "Manoeuvre"),
    ("Gynaecology and Orthopaedic teams aware.", "Gynaecology"),
])
def test_british_spellings_are_not_names(deid, text, kept):
    assert_kept(deid, text, kept, wrong=("NAME",))


def test_british_spelling_does_not_hide_a_listed_name(deid):
    assert_found(deid, "Seen with her daughter {} today.", "Florence", "NAME")
    assert_found(deid, "Spoke with wife {} by phone.", "Maeve", "NAME")


@pytest.mark.parametrize("text,kept", [
    # clinical shorthand, scales, devices and brands that recur as false names
    ("EVV check-in by voiceprint BIOUX85056.", "voiceprint"),
    ("Referred for physio, follow up in six weeks.", "physio"),
    ("Spirometry FEV1 54% pred. CAT score 18.", "pred"),
    ("CHF NYHA IV. PPS 20%.", "NYHA"),
    ("Requested by: Patel  Bleep/pager 3183", "Bleep"),
    ("Medicaid # P17585122-75.  Auth # FIN53913811.", "Auth"),
    ("Treated w/ EpiPen x1 by her mother.", "EpiPen"),
    ("Zopiclone 7.5 mg nocte.", "nocte"),
])
def test_clinical_shorthand_is_not_a_name(deid, text, kept):
    assert_kept(deid, text, kept, wrong=("NAME",))


HEADER_CASES = [
    # the patient's line under a note's title: a name, then a record number or an age with sex
    ("Diabetes clinic - pump/CGM review  2012-06-01\n{} (0652879)  age 36\nPump: t:slim X2", "Aroha Little", ALL),
    ("RADIATION ONCOLOGY TREATMENT SUMMARY\n{}   105-04-431   Milton Infirmary\nCourse: 60 Gy", "folake price", ALL),
    ("STOMA CARE VISIT - Georgetown Memorial Hospital\n{}  W552776197\nLoop ileostomy formed", "Yiannis", ALL),
    ("CASE MANAGEMENT - DISCHARGE PLANNING\n11.11.26  {}  A676488338  MRN 9409476\n", "MANSOUR,WOOD P", ALL),
    ("continence nurse review 6/25/2003\n{} 96f, urge incontinence ~6/day, nocturia x3.", "Nomvula Reddy", ALL),
    ("vascular surgery clinic 23/7\n{}, 98, retired welder. R leg claudication 50 yds.", "Marieke", ALL),
    ("memory clinic - Saint Columba Hospice\n12/18\n{} (MBR 3369401111) attended with niece.", "Walsh", ALL),
]


@pytest.mark.parametrize("template,value,casings", HEADER_CASES)
def test_the_patients_line_under_a_title_is_a_name(deid, template, value, casings):
    assert_found(deid, template, value, "NAME", casings)


@pytest.mark.parametrize("text,kept,casings", [
    # (in lower case the allow-list reads "greenport maine" as a name: not this rule's doing)
    ("COMPLAINT RESPONSE\nPatient Relations Office\nGreenport Maine  30062-5209\n", "Greenport Maine", UPPER_MIXED),
    ("MEDICATION RECONCILIATION\nKMC PHARMACY   6/26/2026\nList reviewed with pt.", "PHARMACY", ALL),
    ("Discharge summary\nLeft knee  (2024)  replacement done\nSpecimen accession  5711400765\n", "Specimen accession", ALL),
    # past the header, the shape is left to the other rules
    ("Title\nline two\nline three\nline four\nWard round  1234567 reviewed\n", "Ward round", ALL),
])
def test_header_lines_that_name_no_one_are_kept(deid, text, kept, casings):
    assert_kept(deid, text, kept, casings=casings, wrong=("NAME",))


@pytest.mark.parametrize("template,value", [
    ("CREMATION FORM 4\nDeceased: {}\nDate of death: 05/11/2004", "Dafydd"),
    ("GMC/lic LPN-09578\nInformant: {} (widow), mruiz@mailbox.example", "Nils"),
    ("NEUROPSYCHOLOGICAL EVALUATION\nExaminee: {}\nDOB: 01.09.2002   Age: 27", "Marieke"),
    ("SAFEGUARDING REFERRAL - CONFIDENTIAL\nChild: {}   DOB 20231026   NHS/ID W9635", "Akosua Mensah"),
])
def test_the_person_a_form_is_about_is_a_name(deid, template, value):
    assert_found(deid, template, value, "NAME")


@pytest.mark.parametrize("text,kept", [
    ("Child: 2 years old, immunisations up to date.", "years old"),
    ("Deceased: unknown at time of call.", "unknown"),
    ("Informant: wife, by phone.", "wife"),
])
def test_form_labels_before_ordinary_words_keep_them(deid, text, kept):
    assert_kept(deid, text, kept, wrong=("NAME",))
