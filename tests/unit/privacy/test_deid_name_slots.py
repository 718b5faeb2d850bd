"""Names in the structured slots of exported records (recognizers/slots.py, names7 2026-12-07): chat
handles, CSV person columns, HL7 v2 person fields, initials in a person's slot, lists after a label;
plus the role fields and form labels added to staff.py and positions.py. Every case in every casing
it can be written in; the safe cases show what must stay."""

import pytest

from tests.deid_cases import ALL, CASINGS, UPPER_MIXED, found_in_casing

NAME_CASES = [
    # chat exports: an IRC-style speaker, a mention, who exported it, a login in brackets
    ("2024-06-01 <{}> ok ill call her after rounds", "dkoc77", ALL),
    ("[6/1 9:00 pm] cash kruger (@{}): yes until ir.", "ckruger", ALL),
    ("ok ill call her after rounds. @{} can u put in the consent", "dawn.koc", ALL),
    ('secure chat export - conversation "huddle"  exported 2024-06-01 by {}\n', "kefield", ALL),
    ("Echo 7093577 / transcribed 2220 by {}\n", "banksti", ALL),
    ("Reviewer: Y. Adams, RN (login {})   Portal session IP", "adamsy", ALL),
    ("Transcribed by: Grace Porter ({})\nAudio uploaded", "portergr", ALL),
    # CSV exports: a header cell naming a person marks its column
    ("encounter_id,visit_date,patient_name,mrn,clinician,clinic\n"
     'X48,2025-07-06,"{}",4469,smonk,Begay Practice\n', "HO,BABAJIDE V", ALL),
    ("encounter_id,visit_date,patient_name,mrn,clinician,clinic\n"
     'X48,2025-07-06,"HO,B",4469,{},Begay Practice\n', "onawa.smithokafor", ALL),
    ("id\tdate\tentered_by\tresult\n17\t2025-07-06\t{}\tnormal\n", "wsmith", ALL),
    # HL7 v2: PID-5, NK1-2, PV1-7, OBR-16, OBX-16
    ("MSH|^~\\&|LAB|SMC|EHR|SMC|20260914||ORU^R01|1|P|2.5.1\nPID|1||554904^^^MR||{}^KOFI^P||19520205|M\n", "SOW", UPPER_MIXED),
    ("PID|1||554904^^^MR||SOW^{}^P||19520205|M\n", "KOFI", UPPER_MIXED),
    ("NK1|1|{}^SEAMUS|SON^Son|||1-800-033-6600\n", "BRENNAN", UPPER_MIXED),
    ("PV1|1|O|Main Clinic^^^^^||||2969657509^ARCHER^{}|||||\n", "GURPREET", UPPER_MIXED),
    ("OBR|1|XVN62264J|NH22|80053^CMP^CPT|||202609140830|||||||||2091542244^{}\n", "ARCHER", UPPER_MIXED),
    ("OBX|1|NM|2345-7^Glucose^LN||112|mg/dL|70-99|H|||F|||20260914||{}\n", "acoffin91", ("mixed", "lower")),
    # initials where only a person stands
    ("Dictated by Hassan DO, transcribed by {}. Job D051860\n", "MM", UPPER_MIXED),
    ("Embryologist: SN. Witness: {}.\nSemen sample", "T.A.", ALL),
    ("Collected by: {}\nSpecimen ID: ZPH00110E", "K.P.", ALL),
    ("Dictated BW, typed {}. Ref 6828379", "E.G.", ALL),
    # lists after a label: an ambulance crew, group facilitators
    ("Crew: Avya Haugen (reg. U1368470) / {}   Unit 12, vehicle reg VUZY0D", "Oisin Adler", ALL),
    ("Facilitators: Menon, {}\nLocation: Holloway Ward", "Noa", ALL),
    # clinician role fields
    ("Ordering: {}\n\nIndication: dyspnoea, murmur", "aroha rice", ALL),
    ("Technologist: Oguz Feldman   Interpreting: {}\nSystem host", "Sadeghi", ALL),
    ("Rendering: {} (NPI 2006745640). Questions:", "ESFAHANI,HEAVEN U", ALL),
    ("Audiologist: {}, AuD. Tel 1-800-660-0200", "cerys okafor", ALL),
    # patients in the header fields of claims and forms
    ("Date: 01/03/2019\nMember: {}    Member ID: 80871412559", "Jing Bush", ALL),
    ("PAGE 1 OF 2\n\nSurname: {}      First name(s): Selam\n", "Goodman", ALL),
    ("PAGE 1 OF 2\n\nSurname: Goodman      First name(s): {}\n", "Selam", ALL),
    # letters and e-mails: whom they greet, who signs, a person before their role
    ("Subject: CT result\n\nHi {},\n\nThanks for the update.", "Farhan", ALL),
    ("the CT is booked.\n\nMany thanks,\n\n{}\nWard Clerk", "Tomasz Nowak", ALL),
    ("Next visit 8/2. Seen with {}, midwife.", "kahu prosser", ALL),
    ("The appointment has been cancelled. Please contact {}, Patient Liaison, on 1-800-544-1234.", "LI,JOKO M", ALL),
]


@pytest.mark.parametrize("template,value,casings", NAME_CASES, ids=[c[1] for c in NAME_CASES])
def test_names_in_structured_slots_are_found(deid, template, value, casings):
    for casing in casings:
        found, shown = found_in_casing(deid, template, value, "NAME", CASINGS[casing])
        assert found, (casing, shown)


SAFE_TEXTS = [
    # "@" as clinical shorthand for "at", HTML in a pasted note, clinical words after "by" and in brackets
    "give lorazepam @bedtime and recheck @ 0800; ambulate @home",
    "<b>Plan</b> continue <i>current</i> regimen",
    "reviewed by pharmacy (metoprolol) and confirmed by mouth.",
    # a CSV without person columns, and a table whose person column holds no name
    "date,test,value,unit,flag\n2025-07-06,glucose,112,mg/dL,H\n",
    "date,clinician,result\n2025-07-06,unknown,normal\n",
    # HL7 codes and units beside the person fields are not names
    "OBR|1|XVN62264J|NH22|80053^CMP^CPT|||202609140830\nOBX|1|NM|2345-7^Glucose^LN||112|mg/dL|70-99|H|||F\n",
    # a list of roles after a label; a role before initials-like letters
    "Present: family, chaplain and SW",
    "pump serial # WLU452461R checked by VAD coordinator on arrival",
    # greetings, closings and roles that name no one
    "Hi team,\nHello, how are you?\nThank you.\nI am fine",
    "Best wishes,\nCardiology team",
    "discussed with cardiology, the psychiatrist agrees",
    # what follows a list's label but names no one: a licence, a vehicle, an interpreter, a verb's object
    "Present: pt, interpreter via phone line.",
    "Escort: family following by car, plate unknown",
    "Crew: medic unit, State lic. pending",
    "SSN on file, verified for benefits application. Collected for 1099.",
    "seen by surgery. gcs 14 (e4v4m6). fast neg.",
    # a structured abstract's heading is no list of people
    "PARTICIPANTS: 120 adults. Survival was greater with bystander-initiated CPR, paramedic-witnessed arrest, and VF.",
]


@pytest.mark.parametrize("text", SAFE_TEXTS)
@pytest.mark.parametrize("casing", ALL)
def test_safe_text_in_those_slots_keeps_its_words(deid, text, casing):
    cased = CASINGS[casing](text)
    names = [cased[s.start:s.end] for s in deid.find(cased) if s.type == "NAME"]
    assert names == [], names


def test_hl7_spans_cover_only_the_name_components(deid):
    text = "PID|1||554904^^^MR||SOW^KOFI^P||19520205|M\nPV1|1|O|Ward 3^^^^^||||2969657509^ARCHER^GURPREET\n"
    names = sorted(text[s.start:s.end] for s in deid.find(text) if s.type == "NAME")
    assert names == ["ARCHER", "GURPREET", "KOFI", "SOW"]


def test_csv_rows_that_do_not_line_up_with_the_header_are_left_to_the_other_rules(deid):
    from mednn.privacy.deid.recognizers.slots import _csv_people

    text = "id,clinician,clinic,zip\n1,smonk,Begay,36993\n2,onlythree,cells\n"
    found = [text[a:b] for a, b, _ in _csv_people(text)]
    assert found == ["smonk"]


@pytest.mark.parametrize("casing", ALL)
def test_a_list_label_followed_by_a_relation_label_cuts_no_word(deid, casing):
    text = CASINGS[casing]("Family present: aunt: Cody, sister: Ahmad Chukwu\n")
    names = [text[s.start:s.end] for s in deid.find(text) if s.type == "NAME"]
    assert all(len(n) > 1 for n in names) and any(n.lower() == "cody" for n in names), names
