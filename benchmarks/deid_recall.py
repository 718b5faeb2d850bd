"""De-identification recall and precision on a seeded synthetic corpus of clinical notes.

Each note strings together 3-6 sentences; about half carry one planted identifier made by
Faker (names from seven English-speaking locales; US phone numbers, addresses, SSNs; dates in
ten formats) in templates that vary the context (titles, cues, bare names, signature lines,
headers). The rest are clinical sentences without identifiers, full of numbers, eponyms and
capitalised terms, to measure precision. These templates are written independently of the unit
tests' so the rules are not tuned to them. mednn's shipped name list comes from the 1990 US
Census files, not from Faker (see src/mednn/privacy/data/generate_names.py); about two thirds
of the distinct planted name words happen to be in it, as common names are common in both.

Per type:
  recall        = planted identifiers whose every non-space character lies in a found span
                  (of any type: what matters for privacy is that the string is gone);
  typed recall  = ... in a found span of the planted type (FAX and PHONE counted as one);
  precision     = found spans that overlap a planted identifier / all found spans (overall), and
                  per type: found spans of that type that overlap a planted identifier.

A second, small evaluation (``handwritten`` in the output) checks that the name rules
generalise beyond Faker: names of varied origins written by hand for this script (not drawn
from Faker; 22 of its 66 words, e.g. Marcus, Nguyen, Ingrid, are in the Census-derived list,
so run with --no-name-lists for the context rules alone) in hand-written clinical sentences
phrased unlike the templates above, plus capitalised clinical sentences without any name
(eponyms, drugs, departments after person-like cues) for precision. It was written before the
name rules were last changed; no rule was added for its missed names, but a few guard words
(e.g. "Poison Control") were added after seeing it, so its precision is somewhat optimistic.

A third, optional check (``--false-positive-corpus``, ``false_positive_corpus`` in the output)
runs over real texts that name no patients, e.g. the Medical Abstracts test split
(shared/data/medical_abstracts/medical_tc_test.csv, column medical_abstract): every NAME span
there is a false positive or a cited author, reported per 1,000 documents. The name list's
ambiguous words and the guard rules were chosen looking at its even rows only; odd rows are
held out. (Its cities, e.g. "Los Angeles", count as false positives here, though HIPAA's Safe
Harbor rule treats a city as an identifier.)

Usage: python benchmarks/deid_recall.py --notes 1000 --seed 0 --out deid_recall.json \
           [--false-positive-corpus medical_tc_test.csv --text-column medical_abstract]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

LOCALES = ["en_US", "en_GB", "en_IE", "en_AU", "en_CA", "en_IN", "en_NZ"]
STATES = ["MA", "NY", "CA", "TX", "IL", "WA", "OH", "GA", "PA", "FL"]

FILLERS = [
    "Started furosemide 40 mg IV twice daily with good urine output.",
    "Troponin 0.03 ng/mL, BNP 450 pg/mL, lactate 1.8 mmol/L.",
    "Known Graves disease, currently on methimazole 10 mg.",
    "Glasgow Coma Scale 15 on arrival to the Emergency Department.",
    "EF 55-60% on TTE with mild mitral regurgitation.",
    "Vital signs: T 98.6 F, BP 132/84, HR 88, RR 18, SpO2 96% on 2 L.",
    "Hodgkin lymphoma in remission since 2015.",
    "Plan: CBC, BMP and chest x-ray in the morning.",
    "Admitted to the Cardiology Service for further workup.",
    "He walks 2 miles daily without chest pain.",
    "No known drug allergies.",
    "Given 1 L normal saline bolus with improvement in blood pressure.",
    "Alzheimer dementia, moderate stage, lives in assisted living.",
    "INR 2.4 on warfarin 5 mg daily.",
    "Apgar scores 8 and 9 at one and five minutes.",
    "Follow-up with Neurology in 3 months.",
    "Temperature 38.2 C at 14:30, blood cultures drawn x2.",
    "Positive Murphy sign; RUQ ultrasound ordered.",
    "Type 2 diabetes mellitus, HbA1c 8.1% last check.",
    "COVID-19 PCR negative; influenza A/B negative.",
    "Pain 7/10, improved to 3/10 after morphine 2 mg IV.",
    "Continue aspirin 81 mg and atorvastatin 40 mg nightly.",
    "Chest CT: 4 mm nodule in the right upper lobe, follow-up in 12 months.",
    "Parkinson disease with resting tremor, on carbidopa-levodopa 25/100.",
    "Crohn disease flare treated with prednisone 40 mg taper.",
    "Weight 82.5 kg, height 175 cm, BMI 26.9.",
    "Seen in the Intensive Care Unit overnight for hypotension.",
    "Sodium 134, potassium 4.1, creatinine 1.3, glucose 212.",
    "Rehabilitation potential is good per Physical Therapy.",
    "Mammogram BI-RADS 2, benign findings.",
    "The patient is a 67-year-old woman with COPD on 2 L home oxygen.",
    "Cushing syndrome was ruled out with a dexamethasone suppression test.",
    "Hemoglobin dropped from 11.2 to 9.8 g/dL over 48 hours.",
    "Discharged home with Visiting Nurse services three times weekly.",
    "Gram stain showed gram-positive cocci in clusters.",
    "Foley catheter removed on hospital day 3.",
]

DATE_FORMATS = ["%m/%d/%Y", "%Y-%m-%d", "%b %d, %Y", "%B %d, %Y", "%d %B %Y", "%B %Y", "%m/%d/%y",
                "%b. %d, %Y", "%d %b %Y", "%-m/%-d/%Y"]


def _templates(fake, rng: random.Random):
    """(sentence parts, planted type, subgroup) generators; ``{}`` marks the identifier."""

    def person():
        loc = rng.choice(LOCALES)
        f = fake[loc]
        return f.first_name(), f.last_name(), loc

    def name_case():
        first, last, loc = person()
        title = rng.choice(["Dr.", "Dr", "Mr.", "Mrs.", "Ms.", "Prof."])
        rel = rng.choice(["wife", "husband", "daughter", "son", "sister", "brother", "mother", "friend"])
        options = [
            (f"{title} {{}} evaluated the patient at the bedside.", last, "title"),
            (f"{title} {{}} will follow up in clinic.", f"{first} {last}", "title"),
            ("{} is a 58-year-old man with a history of hypertension.", f"{first} {last}", "bare"),
            ("Patient: {}", f"{first} {last}", "cue"),
            ("Pt {} tolerated the procedure well.", f"{first} {last}", "cue"),
            (f"I reviewed the results with {{}}, the patient's {rel}.", f"{first} {last}", "bare"),
            (f"Her {rel}, {{}}, was present for the discussion.", first, "cue"),
            ("Attending: {}, MD", f"{first} {last}", "cue"),
            ("{}, RN", f"{first[0]}. {last}", "signature"),
            ("Referred by {} from the community clinic.", f"{first} {last}", "cue"),
            ("cc: {}", f"{first} {last}", "cue"),
            ("{} (DOB on file) presented for a routine visit.", f"{last}, {first}", "bare"),
            ("Message left for {} regarding lab results.", first, "weak"),
            ("Spoke with {} by phone today.", f"{first} {last}", "cue"),
            ("{} reports improvement in symptoms.", f"{first} {last}", "bare"),
            ("Dictated by {}", f"{first} {rng.choice('ABCDEFGHJKLMNPRST')}. {last}", "cue"),
            ("-- {}, DO", f"{first} {last}", "signature"),
            (f"Emergency contact: {{}} ({rel})", f"{first} {last}", "cue"),
            (f"Thank you for referring {title} {{}} to our clinic.", last, "title"),
            ("Case discussed with Dr. {} from nephrology.", f"{first} {last}", "title"),
        ]
        text, value, group = rng.choice(options)
        return text, value, "NAME", f"{group}/{'us' if loc == 'en_US' else 'non-us'}"

    def date_case():
        d = fake["en_US"].date_between(start_date="-30y", end_date="+1y")
        fmt = rng.choice(DATE_FORMATS)
        value = d.strftime(fmt)
        text = rng.choice([
            "Surgery was performed on {}.", "Last seen in clinic {}.", "DOB: {}", "Next appointment {}.",
            "{}: patient called with questions.", "Colonoscopy ({}) showed two polyps.",
            "Symptoms started around {} and progressed.", "Admission date {}", "MRI from {} was reviewed.",
            "She was hospitalized in {} for pneumonia.",
        ])
        return text, value, "DATE", fmt

    def age_case():
        n = rng.randint(90, 104)
        value, text = rng.choice([
            (f"{n}", "A {} yo woman presents with weakness."), (f"{n}", "This {}-year-old man fell at home."),
            (f"{n}", "He is {} years old and lives with family."), (f"{n}", "Age: {}"),
            (f"{n}", "Aged {}, she remains independent."), (f"{n}", "{} y/o female with dementia."),
            (f"{n}", "a {} yr old male with CKD."), (f"{n}", "Patient is {} years of age."),
        ])
        return text, value, "AGE", "age"

    def phone_case():
        value = fake["en_US"].phone_number()
        text = rng.choice([
            "Call back number {}.", "Patient's cell: {}", "She can be reached at {}.",
            "Daughter's phone {}", "Tel {}", "Contact number: {} (home)", "Phone: {}",
            "Please call {} to schedule.",
        ])
        return text, value, "PHONE", "phone"

    def fax_case():
        value = fake["en_US"].phone_number()
        text = rng.choice(["Fax: {}", "Records faxed to {}.", "Fax number {}", "Please fax results to {} today."])
        return text, value, "FAX", "fax"

    def email_case():
        f = fake[rng.choice(LOCALES)]
        value = rng.choice([f.email(), f.free_email(), f.company_email()])
        text = rng.choice(["Email: {}", "Results sent to {} per request.", "Patient prefers contact via {}.",
                           "Questions to {}"])
        return text, value, "EMAIL", "email"

    def url_case():
        f = fake["en_US"]
        value = rng.choice([f.url(), f.uri(), "www." + f.domain_name() + "/" + f.uri_path()])
        text = rng.choice(["Patient portal: {}", "Education material at {}", "See {} for the care plan.",
                           "Uploaded to {}"])
        return text, value, "URL", "url"

    def ip_case():
        f = fake["en_US"]
        value = rng.choice([f.ipv4(), f.ipv4_private(), f.ipv6()])
        text = rng.choice(["Accessed from IP {}.", "Device address {}", "Login from {} flagged.",
                           "Telehealth session host {}"])
        return text, value, "IP", "ipv6" if ":" in value else "ipv4"

    def ssn_case():
        value = fake["en_US"].ssn()
        text = rng.choice(["SSN: {}", "Social Security No. {}", "ss# {}", "{} (SSN) verified.",
                           "Social security number {} on file."])
        return text, value, "SSN", "ssn"

    def id_case():
        f = fake["en_US"]
        value = rng.choice([f.numerify("#" * rng.randint(6, 10)), f.bothify("??#######").upper(),
                            f.numerify("###-##-###"), f.numerify("E########")])
        text = rng.choice(["MRN {}", "Medical record #: {}", "Acct no. {}", "Account: {}", "Encounter #{}",
                           "medical record number {}", "MR# {}", "Insurance ID {} verified."])
        return text, value, "ID", "id"

    def address_case():
        f = fake["en_US"]
        value = rng.choice([
            f.street_address(), f.street_address() + f", {f.city()}, {rng.choice(STATES)} {f.zipcode()}",
            f.address().replace("\n", ", "), f.address(),
        ])
        text = rng.choice(["Lives at {}.", "Home address: {}", "Discharged to {}", "Patient resides at {}",
                           "Mail forms to {}"])
        return text, value, "ADDRESS", "multiline" if "\n" in value else "one-line"

    def zip_case():
        f = fake["en_US"]
        value = rng.choice([f.zipcode(), f.zipcode_plus4()])
        text = rng.choice(["ZIP {}", "zip code {}", "Postal code: {}", "Lives in zip {} per intake."])
        return text, value, "ZIP", "zip"

    return [name_case] * 6 + [date_case] * 4 + [age_case, phone_case, fax_case, email_case, url_case,
                                                 ip_case, ssn_case, id_case, address_case, zip_case]


def make_corpus(n_notes: int, seed: int):
    """Notes plus the planted spans: list of (text, [(start, end, type, subgroup)])."""
    from faker import Faker

    Faker.seed(seed)
    rng = random.Random(seed)
    fake = Faker(LOCALES)
    cases = _templates(fake, rng)
    notes = []
    for _ in range(n_notes):
        text, planted = "", []
        for _ in range(rng.randint(3, 6)):
            if text:
                text += rng.choice([" ", "\n", "  "])
            if rng.random() < 0.5:
                text += rng.choice(FILLERS)
                continue
            template, value, kind, group = rng.choice(cases)()
            before, after = template.split("{}")
            start = len(text) + len(before)
            text += before + value + after
            planted.append((start, start + len(value), kind, group))
        notes.append((text, planted))
    return notes


# ---------------------------------------------------------------------------------------------
# hand-written evaluation: names and sentences not from Faker
HANDWRITTEN_NAMES = [
    ("Oluwaseun", "Adeyemi"), ("Thandiwe", "Dlamini"), ("Kwabena", "Owusu"), ("Lan", "Nguyen"),
    ("Mei-Ling", "Zhou"), ("Hiroshi", "Takahashi"), ("Ji-won", "Baek"), ("Tomasz", "Wiśniewski"),
    ("Aroha", "Te Whata"), ("Mateo", "Ibarra"), ("Guadalupe", "Ochoa"), ("Fatima", "Al-Sayed"),
    ("Hamid", "Rezaei"), ("Dmitri", "Sokolov"), ("Ewa", "Nowakowska"), ("Ingrid", "Halvorsen"),
    ("Saoirse", "Ní Bhriain"), ("Tevita", "Fifita"), ("Leilani", "Kahananui"), ("Anjali", "Venkataraman"),
    ("Farhan", "Chowdhury"), ("Amara", "Okafor"), ("Yusuf", "Demir"), ("Kateryna", "Bondarenko"),
    ("Björn", "Lindqvist"), ("Giulia", "Esposito"), ("Rafael", "Quispe"), ("Nomvula", "Khumalo"),
    ("Gwendolyn", "Pryce"), ("Declan", "Fahy"), ("Rosa", "Bell"), ("Marcus", "Black"),
]
# {full} = "First Last", {first}, {last}, {initial} = a middle initial
HANDWRITTEN_TEMPLATES = [
    ("Pt seen with interpreter; son {full} translated.", "{full}"),
    ("Left voicemail for {first} re: biopsy results.", "{first}"),
    ("Spoke to {full} (health care proxy) who agrees with DNR.", "{full}"),
    ("{full} was brought in by EMS after a fall.", "{full}"),
    ("Consent obtained from {full}, daughter and POA.", "{full}"),
    ("Signed: {full}, NP", "{full}"),
    ("Pt's husband {first} at bedside, updated on plan.", "{first}"),
    ("Case reviewed with Dr {last} (ID consult).", "{last}"),
    ("{last}, {first}  MRN 88213456", "{last}, {first}"),
    ("Accompanied by her partner, {full}.", "{full}"),
    ("Seen and examined with resident {full}.", "{full}"),
    ("Per {full}, pt has not eaten since yesterday.", "{full}"),
    ("Mrs {last} is anxious about the surgery.", "{last}"),
    ("Report called to {full} at the nursing home.", "{full}"),
    ("{first} {initial}. {last}, PA-C", "{first} {initial}. {last}"),
    ("Ms. {full} declined the flu vaccine.", "{full}"),
    ("Chart reviewed by {full}, PharmD.", "{full}"),
    ("{first} tolerated breakfast without nausea.", "{first}"),
    ("Discussed with patient's sister {first} via telephone.", "{first}"),
    ("Family updated: {full} (niece) will visit tomorrow.", "{full}"),
    ("Handoff given to {full}, night RN.", "{full}"),
    ("{full}'s INR was 2.1 this morning.", "{full}"),
]
HANDWRITTEN_CLEAN = [
    "Parkinson disease with freezing of gait.", "Foley catheter placed for urinary retention.",
    "Gram stain with gram-negative rods.", "Patient tolerated Keppra without side effects.",
    "Started Eliquis 5 mg twice daily.", "Spoke with Pharmacy about vancomycin troughs.",
    "Discussed with Interventional Radiology for drain placement.",
    "Seen by Physical Therapy, ambulating with a walker.", "Left message for Case Management regarding placement.",
    "Accompanied by EMS crew from the scene.", "Per Endocrine, increase Lantus to 20 units.",
    "Wolff-Parkinson-White pattern on ECG.", "Bell palsy on the left side.", "Swan-Ganz catheter removed.",
    "Whipple procedure complicated by a leak.", "Babinski sign absent bilaterally.",
    "Patient Education provided on Coumadin diet.", "Spoke to Social Work about transport.",
    "Morning labs: Mg 1.8, Phos 3.2.", "Tylenol and Zofran as needed for pain and nausea.",
    "Called Poison Control for guidance.", "Seen in Wound Clinic for a sacral ulcer.",
    "Broca aphasia improving with speech therapy.", "Medtronic pacemaker interrogated, normal function.",
    "Reviewed with Hospice regarding goals of care.", "Lasix held for AKI; discussed with Nephrology.",
    "Transferred to Step Down after extubation.", "Sent to Quest for outpatient labs.",
]


def make_handwritten():
    """(text, planted spans) for the hand-written evaluation; deterministic, no Faker."""
    notes = []
    names = HANDWRITTEN_NAMES
    for i, (template, target) in enumerate(HANDWRITTEN_TEMPLATES):
        for j in range(3):
            first, last = names[(5 * i + 11 * j) % len(names)]
            fill = {"first": first, "last": last, "full": f"{first} {last}", "initial": "ABCDEFGHJKLMNPRST"[(i + j) % 17]}
            value = target.format(**fill)
            text = template.format(**fill)
            start = text.index(value)
            planted = [(start, start + len(value), "NAME", "handwritten")]
            if "MRN " in text:  # the record number is an identifier too, not a false positive
                at = text.index("MRN ") + 4
                planted.append((at, at + 8, "ID", "handwritten"))
            notes.append((text, planted))
    notes += [(text, []) for text in HANDWRITTEN_CLEAN]
    return notes


def score(notes, deid) -> dict:
    found_total, found_true = 0, 0
    found_by_type, true_by_type = Counter(), Counter()
    per = defaultdict(Counter)
    per_group = defaultdict(Counter)
    t0 = time.perf_counter()
    all_spans = [deid.find(text) for text, _ in notes]
    seconds = time.perf_counter() - t0
    for (text, planted), spans in zip(notes, all_spans):
        covered = [None] * len(text)
        for s, e, k in spans:
            for i in range(s, e):
                covered[i] = k
        for s, e, kind, group in planted:
            chars = [i for i in range(s, e) if not text[i].isspace()]
            hit = all(covered[i] is not None for i in chars)
            same = {"FAX": "PHONE"}.get(kind, kind)
            typed = all(covered[i] is not None and {"FAX": "PHONE"}.get(covered[i], covered[i]) == same for i in chars)
            per[kind].update(n=1, hit=hit, typed=typed)
            per_group[f"{kind}:{group}"].update(n=1, hit=hit)
        for s, e, k in spans:
            true = any(s < pe and ps < e for ps, pe, _, _ in planted)
            found_total += 1
            found_true += true
            found_by_type[k] += 1
            true_by_type[k] += true
    # precision of one type: its found spans that overlap any planted identifier
    table = {
        kind: {"n": c["n"], "recall": c["hit"] / c["n"], "typed_recall": c["typed"] / c["n"],
               "spans_found": found_by_type[kind],
               "precision": true_by_type[kind] / found_by_type[kind] if found_by_type[kind] else float("nan")}
        for kind, c in sorted(per.items())
    }
    groups = {g: {"n": c["n"], "recall": c["hit"] / c["n"]} for g, c in sorted(per_group.items())}
    total = sum(c["n"] for c in per.values())
    return {
        "per_type": table,
        "per_subgroup": groups,
        "overall_recall": sum(c["hit"] for c in per.values()) / total,
        "precision": found_true / found_total if found_total else float("nan"),
        "spans_found": found_total,
        "false_positive_spans": found_total - found_true,
        "identifiers_planted": total,
        "seconds": seconds,
        "notes_per_second": len(notes) / seconds,
    }


def false_positive_corpus(path: str, column: str, deid, top: int = 30) -> dict:
    """Spans found in real texts without patient identifiers (e.g. biomedical abstracts).

    Every NAME span there is a false positive (an eponym, a drug, a capitalised term). Counts per
    type per 1,000 documents, for all rows and for even / odd rows apart (the guard words were
    chosen looking at even rows only, so odd rows are the held-out figure). The most frequent
    words inside NAME spans are printed, never stored: they are vocabulary, but still text of the corpus.
    """
    from mednn.data.text import read_table

    frame = read_table(path)
    if column not in frame.columns:
        raise SystemExit(f"{path}: column {column!r} not found; valid columns: {', '.join(map(str, frame.columns))}; "
                         "fix: pass --text-column")
    texts = [t for t in frame[column].tolist() if isinstance(t, str) and t.strip()]
    t0 = time.perf_counter()
    found = [deid.find(t) for t in texts]
    seconds = time.perf_counter() - t0

    def summary(rows: list[int]) -> dict:
        counts = Counter(k for i in rows for _, _, k in found[i])
        return {
            "documents": len(rows),
            "spans": {k: counts[k] for k in sorted(counts)},
            "spans_per_1000_documents": {k: round(1000 * counts[k] / len(rows), 2) for k in sorted(counts)},
            "documents_with_a_name_span": sum(any(k == "NAME" for _, _, k in found[i]) for i in rows),
        }

    rows = list(range(len(texts)))
    result = {"file": Path(path).name, "text_column": column, **summary(rows),
              "even_rows": summary(rows[0::2]), "odd_rows_held_out": summary(rows[1::2]),
              "documents_per_second": len(texts) / seconds if seconds else float("nan")}
    words = Counter(tok for text, spans in zip(texts, found) for s, e, k in spans if k == "NAME"
                    for tok in text[s:e].split())
    print(f"false-positive corpus {Path(path).name} ({len(texts)} documents): spans per 1,000 documents "
          + ", ".join(f"{k} {v:.1f}" for k, v in result["spans_per_1000_documents"].items())
          + f"; NAME on even rows {result['even_rows']['spans_per_1000_documents'].get('NAME', 0):.1f}, "
          f"odd rows (held out) {result['odd_rows_held_out']['spans_per_1000_documents'].get('NAME', 0):.1f}")
    print("  words most often inside NAME spans: "
          + ", ".join(f"{w} {n}" for w, n in words.most_common(top)))
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--target", type=float, default=0.98)
    parser.add_argument("--out", default=None, help="write the results as JSON here")
    parser.add_argument("--no-name-lists", action="store_true",
                        help="run without the shipped name list (context rules only)")
    parser.add_argument("--false-positive-corpus", default=None, metavar="PATH",
                        help="CSV / TSV / JSONL of real texts without patient identifiers: report spans found there")
    parser.add_argument("--text-column", default="text", help="text column of --false-positive-corpus")
    parser.add_argument("--top", type=int, default=30, help="how many NAME words of the corpus to print")
    args = parser.parse_args(argv)

    from mednn.privacy.deid import Deidentifier

    notes = make_corpus(args.notes, args.seed)
    deid = Deidentifier(use_name_lists=not args.no_name_lists).fit()
    result = score(notes, deid)
    print(f"De-identification on {args.notes} synthetic notes (seed {args.seed}), "
          f"{result['identifiers_planted']} planted identifiers")
    print(f"{'type':<9}{'n':>6}{'recall':>9}{'typed':>9}  target {args.target}")
    for kind, row in result["per_type"].items():
        flag = "ok" if row["recall"] >= args.target else "BELOW"
        print(f"{kind:<9}{row['n']:>6}{row['recall']:>9.3f}{row['typed_recall']:>9.3f}  {flag}")
    name_row = result["per_type"].get("NAME")
    if name_row:
        print(f"NAME recall {name_row['recall']:.3f}, precision {name_row['precision']:.3f} "
              f"({name_row['spans_found']} NAME spans)")
    print(f"overall recall {result['overall_recall']:.3f}; precision {result['precision']:.3f} "
          f"({result['false_positive_spans']} false-positive spans of {result['spans_found']}); "
          f"{result['notes_per_second']:.0f} notes/s")
    print("subgroups below target:")
    for g, row in result["per_subgroup"].items():
        if row["recall"] < args.target:
            print(f"  {g:<28}{row['n']:>5}{row['recall']:>8.3f}")
    hand = score(make_handwritten(), deid)
    hand_name = hand["per_type"]["NAME"]  # the few planted record numbers are scored, not reported
    print(f"hand-written names (not from Faker): recall {hand_name['recall']:.3f} of {hand_name['n']}; "
          f"precision {hand['precision']:.3f} ({hand['false_positive_spans']} false-positive spans of "
          f"{hand['spans_found']}, {len(HANDWRITTEN_CLEAN)} sentences without names)")
    result["handwritten"] = {"name_recall": hand_name["recall"], "names": hand_name["n"],
                             "name_precision": hand_name["precision"], "name_spans_found": hand_name["spans_found"],
                             "precision": hand["precision"], "spans_found": hand["spans_found"],
                             "false_positive_spans": hand["false_positive_spans"],
                             "sentences_without_names": len(HANDWRITTEN_CLEAN)}
    if args.false_positive_corpus:
        result["false_positive_corpus"] = false_positive_corpus(args.false_positive_corpus, args.text_column, deid, args.top)
    result.update({"notes": args.notes, "seed": args.seed, "name_lists": not args.no_name_lists, "target": args.target,
                   "python": platform.python_version(), "locales": LOCALES})
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            json.dump(result, fh, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
