"""PHI-free medical writing kept (issue 20, item 1: PPV; helper phifree5, 2026-12-07): counts after
"in" in a result are no two-digit years, eponyms before the clinical noun they name (possessive,
hyphenated, with a Roman numeral or a describing word between), drugs by their INN stems, a brand in
brackets after its drug or product, and acronyms in capitals in mixed-case prose that are also listed
first names ("ELISA", "BAO"). And what stays an identifier beside each rule: a clinician's "stroke in
95", a title or a name field before an eponym's name, "ELISA JONES".

Sentences are written for these tests in the style of published abstracts and clinical notes.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import ALL, CASINGS, found_in_casing


def _kept(deid, text: str, value: str) -> tuple[bool, list]:
    start = text.index(value)
    spans = deid.find(text)
    return not any(s.start < start + len(value) and s.end > start for s in spans), \
        [(text[s.start:s.end], s.type) for s in spans]


KEPT = [
    # counts after "in": a decimal, a percentage, an enumeration of counts, a count noun in the sentence
    ("Regression of leukoplakia in 14.8% and reduction of micronuclei in 60%.", "14"),
    ("The marker was present in 65.4 percent of families.", "65"),
    ("Hepatomegaly was present in 31 and splenomegaly in 29 children.", "31"),
    ("Liver tests were normal in 21 and 11 children, respectively.", "21"),
    ("Of 46 patients (ipsilaterally in 34, bilaterally in 10, and contralaterally in 2), none died.", "10"),
    ("Of 46 patients (ipsilaterally in 34, bilaterally in 10, and contralaterally in 2), none died.", "34"),
    ("A mechanical valve in 211, and both in 61; the survivors were followed.", "61"),
    ("Salmonella were identified in 38, 49, 60, and 98 specimens.", "38"),
    ("Hypoperfusion was unilateral in 12 patients and on both sides in 20. Flow was low.", "20"),
    # counts after a percentage, in brackets
    ("Euthyroid patients, 36% (5/14) had high values.", "5/14"),
    ("Those who did not (91%, 10/11 v 48%, 21/44) did worse.", "10/11"),
    # eponyms in "in ... syndrome" are no town after "in"
    ("The duodenal ulcer in Zollinger-Ellison syndrome is unknown.", "Zollinger"),
    ("Cyanosis of the feet in Buerger's disease is known.", "Buerger"),
    ("Emissions are very short-range Auger electrons here.", "Auger"),
    # eponyms: possessive, hyphenated, a Roman numeral or describing words before the head
    ("Children who underwent one of the Kasai procedures were seen again.", "Kasai"),
    ("These results indicate that Kasai's procedures were helpful.", "Kasai"),
    ("Dynamic cardiomyoplasty in chronic Chagas' heart disease: a study.", "Chagas"),
    ("The syrinx was associated with Chiari I malformation, although rare.", "Chiari"),
    ("Multivariate analysis was done by Cox modeling, step-up and step-down.", "Cox"),
    ("At 4 years, the Kaplan-Meier estimate of event-free survival was 60%.", "Kaplan-Meier"),
    ("Cyanosis of the hands is known as Buerger's colour by surgeons.", "Buerger"),
    ("Abnormalities in the fast Fourier transforms of the ECG were seen.", "Fourier"),
    ("Investigations revealed a Heinz body haemolytic anaemia.", "Heinz"),
    ("Carcinoma arising in von Meyenburg complexes is well described.", "Meyenburg"),
    ("Oesophageal ulcers in AIDS. Epstein-Barr virus was found in them.", "Epstein-Barr"),
    ("We used the Collings knife electrode for the incision.", "Collings"),
    ("The cytogenetically distinctive Philadelphia chromosome was found.", "Philadelphia"),
    ("Mantoux skin tests with 5 tuberculin units were negative.", "Mantoux"),
    ("A nonischemic rabbit Langendorff preparation was used.", "Langendorff"),
    ("Sprague-Dawley male adult rats were used.", "Sprague-Dawley"),
    ("The authors used the Sarns centrifugal pump as a ventricular assist device.", "Sarns"),
    ("A comparison of a Bjork-Shiley mechanical heart valve with porcine valves.", "Bjork-Shiley"),
    ("Valves in the Carpentier-Edwards porcine prostheses were compared.", "Carpentier-Edwards"),
    # a stain or a marker glued to its result
    ("They were localized in periodic acid-Schiff-positive lesions.", "Schiff"),
    ("Cells came from a patient with Tac-negative leukemia.", "Tac"),
    # drugs by their INN stems; a brand in brackets after its drug or product
    ("Salmeterol in nocturnal asthma: a double blind study.", "Salmeterol"),
    ("Propafenone did not significantly affect the interval.", "Propafenone"),
    ("Sulfonylurea binding to the beta-cell is high.", "Sulfonylurea"),
    ("Serotonergic influences on self-injury were studied.", "Serotonergic"),
    ("Castration and nilutamide (Anandron), 100 mg t.i.d., were given.", "Anandron"),
    ("Infants were fed a semielemental diet (Pregestimil) or a high-fat diet.", "Pregestimil"),
    ("We used a tip-deflecting catheter (Omniflex). It was safe.", "Omniflex"),
]


@pytest.mark.parametrize("text,value", KEPT, ids=[f"{v}:{t[:25]}" for t, v in KEPT])
def test_kept_in_every_casing(deid, text, value):
    for casing in ALL:
        cased = CASINGS[casing](text)
        kept, spans = _kept(deid, cased, CASINGS[casing](value))
        assert kept, (casing, cased, spans)


# an acronym in capitals in mixed-case prose that is also a listed first name
ACRONYMS = [
    ("Antibodies were measured by a specific serologic (ELISA) assay.", "ELISA"),
    ("A confirmatory ELISA showed that the sera were positive.", "ELISA"),
    ("The association of a reduced BAO with H. pylori suggests a cause.", "BAO"),
]


@pytest.mark.parametrize("text,value", ACRONYMS, ids=[v for _, v in ACRONYMS])
def test_acronym_in_mixed_case_prose_kept(deid, text, value):
    kept, spans = _kept(deid, text, value)
    assert kept, spans


FOUND = [
    # two-digit years a clinician writes stay dates
    ("She had a stroke in {}.", "95", "DATE"),
    ("PSH: appy in {}", "06", "DATE"),
    ("She had a stroke in 95 and an MI in {}.", "02", "DATE"),
    ("She had a stroke in {} and an MI in 02.", "95", "DATE"),
    ("Stroke in {}, MI in 2001, given 325 mg aspirin.", "95", "DATE"),
    ("CT head 10/11: neg. Sat 95%, {} seen in clinic.", "10/12", "DATE"),
    ("She lives in {} with her son.", "Springfield", "LOCATION"),
    ("Spoke to Anna {} at home about the results.", "Lee-Roberts", "NAME"),
    # a person in brackets after a role is no brand; a phone word after a name is no eponym's head
    ("Present: pt, health care agent ({}), Rose Lin, DO (palliative care).", "Mara Quill", "NAME"),
    ("CONTACT NIECE {} CELL (509) 555-0142\nACUITY 4", "ELISA FOX", "NAME"),
    # a title or a name field before an eponym-shaped name; a verb between a name and the noun
    ("Dr. {}'s clinic called back about the results.", "Kasai", "LOCATION"),  # a practice named after him
    ("Risks discussed with Dr. {} procedure planned.", "Kasai", "NAME"),
    ("Name: {} Pierre\nMRN 12345", "Mantoux", "NAME"),
    ("{} underwent valve repair in May.", "Jones", "NAME"),
]


@pytest.mark.parametrize("template,value,kind", FOUND, ids=[f"{k}:{v}:{t[:20]}" for t, v, k in FOUND])
def test_found_in_every_casing(deid, template, value, kind):
    for casing in ALL:
        hit, detail = found_in_casing(deid, template, value, kind, CASINGS[casing])
        assert hit, (casing, detail)


@pytest.mark.parametrize("template,value", [
    ("Patient {} JONES was seen today in clinic for follow up.", "ELISA"),
    ("Seen today: {} NGUYEN, 45 year old, for follow up of her cough.", "BAO"),
    ("Spoke with {} about her medications today at the visit.", "ELISA"),
    ("Present: pt, health care agent: DEAN {}, Rose Lin, DO (palliative care).", "HOLLOWAY"),
    ("slept well, copy of consent in chart. {} slept in 2-3 hr stretches overnight.", "ELISA"),
    ("Eye exam reviewed with the patient.\n\nPrinted by {} from ws 12 06/17/2026", "ELA"),
])
def test_listed_name_in_capitals_beside_a_name_or_cue_still_found(deid, template, value):
    hit, detail = found_in_casing(deid, template, value, "NAME", CASINGS["mixed"])
    assert hit, detail
