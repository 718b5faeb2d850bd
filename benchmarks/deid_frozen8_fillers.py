"""Extra lines of the eighth frozen set that make each note of a kind differ: clinical text that
looks risky but holds no PHI (eponyms, brands, scores, doses, codes, lots, rooms, guideline years,
weekdays, holidays, roles without names) and lines that start with a bare name or a bare day.
"""

from __future__ import annotations

import deid_frozen8_ids as ids
from deid_frozen8_cast import dr, pname, rel

SAFE = [
    "Bell's palsy excluded; House-Brackmann I.", "Apgar 9/9 recorded in the red book.",
    "Wells score 1, D-dimer < 500 - PE unlikely.", "Hodgkin lymphoma in remission since chemo (ABVD x6).",
    "Parkinson's disease on Sinemet 25/100 tds; Madopar at night.", "Addison's disease - hydrocortisone 10/5/5, sick day rules reviewed.",
    "Glasgow Coma Scale 15/15. Power 5/5 all limbs, reflexes 2+.", "Foley catheter 14Fr inserted, lot 5521-B, removed day 2.",
    "Hickman line flushed with heparin 50 units/5 mL.", "Down syndrome - annual TFTs due; Makaton used.",
    "Seen in room 12, bed 3. Call bell in reach.", "CPT 99214, ICD-10 I10 and E11.9 coded.",
    "Per NICE NG136 (2019) and ESC 2021 guidance.", "Ann Arbor stage IIA; Kaplan-Meier curves discussed.",
    "Christmas and Boxing Day clinics closed; reopens Monday.", "Review after Easter; Thursday clinic preferred.",
    "Summer holidays - school nurse informed in the autumn term.", "Graves' disease on carbimazole 20 mg.",
    "Homans' sign not used; Murphy's sign negative.", "Lasix 40 mg, Eliquis 5 mg bd, Januvia 100 mg.",
    "Ramadan fasting discussed - metformin timing adjusted.", "Trendelenburg gait noted; Thomas test +ve L.",
    "Bristol stool type 6 x3/day. Rockall 2.", "MMSE 24/30, MoCA 21/30, clock drawing 3/5.",
    "Weekend: wife and daughter visiting (no names given).", "Hb 102, WCC 11.4, CRP 48, eGFR 52.",
    "Lot DX4471 exp 03/27, batch 77-091 (vaccine).", "Christmas Eve admission; New Year's Day discharge planned.",
    "Crohn's Disease Activity Index 220.", "Reviewed on the Tuesday ward round.",
]


def _named(rng, c) -> list:
    p, s = c.patient, c.staff
    pick = rng.choice
    return [
        lambda d: d.ln(*pname(rng, p, form="first"), pick([" tolerated ", " managed ", " refused "]), "the session; mood bright."),
        lambda d: d.ln(*pname(rng, p, form="first"), "'s ", pick(["walker", "glasses", "hearing aid"]), " at bedside."),
        lambda d: d.ln(*pname(rng, p, form="upper"), pick([" - DNACPR in place", " - falls risk", " - NBM from 00:00"])),
        lambda d: d.ln("Seen again on the ", ("DATE", ids.ordinal(rng.randint(1, 28))), pick([" - improving", ", no change", "."])),
        lambda d: d.ln("Previous surgery in ", ("YEAR", f"{rng.randint(70, 99)}"), pick([" (appendix)", " - cholecystectomy", ""])),
        lambda d: d.ln("Last seen ", ("YEAR", f"'{rng.randint(0, 24):02d}"), " by ", *dr(rng, s[3], pick(["dr", "last", "initials"]))),
        lambda d: d.ln(*rel(rng, c.relatives[2]), pick([" rang for an update.", " will collect.", " has LPA for health."])),
        lambda d: d.ln("Discussed with ", *dr(rng, s[3], pick(["first", "dr", "lower", "cred"])), pick([" who agrees.", "; plan as above.", ""])),
        lambda d: d.ln("To be seen ", ("DATE", ids.date_range(rng, ids.a_date(rng))), pick([" (clinic)", " for bloods", ""])),
        lambda d: d.ln(pick(["Per ", "As per "]), *pname(rng, p, form="poss"), " wishes, family not informed."),
        lambda d: d.ln(*dr(rng, s[2], pick(["last", "first"])), pick([" to chase results", " aware", " will re-site cannula"])),
    ]


def _typo(rng, line: str) -> str:
    """Swap two letters of one longer word, as typed in a hurry."""
    words = line.split(" ")
    long_ones = [i for i, w in enumerate(words) if len(w) > 5 and w.isalpha()]
    if not long_ones:
        return line
    i = rng.choice(long_ones)
    w = words[i]
    j = rng.randint(1, len(w) - 3)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)


def filler(rng, doc, c, k: int = 2) -> None:
    """k extra lines: about half PHI-free look-alikes, half naming someone or a day."""
    named = _named(rng, c)
    for _ in range(k):
        if rng.random() < 0.5:
            doc.ln(_typo(rng, rng.choice(SAFE)) if rng.random() < 0.3 else rng.choice(SAFE))
        else:
            rng.choice(named)(doc)
