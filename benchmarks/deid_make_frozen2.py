"""Write the second frozen English held-out de-identification set (BRAT .txt/.ann pairs).

    python benchmarks/deid_make_frozen2.py --out /tmp/deid_frozen2 --per-style 100 --seed 20261206
    python benchmarks/deid_corpus.py /tmp/deid_frozen2/frozen2 --json frozen2.json   # score ONCE

Five styles, each in its own voice: ICU nursing notes (mostly all capitals, some all lower
case), discharge summaries, radiology reports, outpatient visit / telephone encounter notes and
referral letters. Gold types follow benchmarks/deid_corpus.py's table (PATIENT, RELATIVE,
CLINICIAN, HOSPITAL, LOCATION, ADDRESS, ZIP, DATE, AGE, PHONE, FAX, EMAIL, SSN, URL, IP, VEHICLE,
BIOMETRIC, ID_*); standalone years are YEAR (reported by the scorer, outside the Safe Harbor
totals). Written without reading mednn's de-identifier or the earlier generators, and never run
through the de-identifier by its author: the first score on it is the held-out score.

``--check`` re-reads the written files with deid_corpus.py's reader, scores the gold spans as
predictions (recall and PPV must be 1.0) and prints counts per type and the sha256 of the set.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import deid_frozen2_phrases as P  # noqa: E402
from deid_frozen2_render import NoteWriter, note_context  # noqa: E402
from deid_frozen2_surrogates import Surrogates  # noqa: E402

STYLE_SHARE = {"nursing": 1.4, "discharge": 0.9, "radiology": 0.9, "outpatient": 0.9, "letter": 0.9}
OP_EXAM = ("Exam: BP 138/82, HR 72, BMI 31.4. RRR, 2/6 systolic murmur at LUSB. Lungs clear. 2+ DP pulses.",
           "Neuro: strength 5/5 throughout, Romberg negative, no Babinski. Mild resting tremor R > L.",
           "ROS: denies CP/SOB. + nocturia x2. Pain 3/10. GAD-7 6, PHQ-9 8.",
           "Meds reviewed: Lipitor, Lasix, Coumadin (INR 2.4), Vitamin D 2000 IU. Allergies: PCN (hives).")


def pick(r: random.Random, items, k: int) -> list[str]:
    return r.sample(list(items), min(k, len(items)))


def nursing(w: NoteWriter, ctx, r: random.Random) -> None:
    # a quarter of the notes run on as one paragraph, as notes pasted from an old charting system do
    end = " " if r.random() < 0.25 else "\n"
    w.line(r.choice(P.NURSING_HEADERS), ctx)
    if r.random() < 0.7:
        w.line(r.choice(P.NURSING_HPI), ctx, end)
    for bank in (P.NURSING_NEURO, P.NURSING_CV, P.NURSING_RESP, P.NURSING_GI_GU, P.NURSING_ID_SKIN):
        if r.random() < 0.8:
            w.line(r.choice(bank), ctx, end)
    for t in pick(r, P.NURSING_SOCIAL, r.choice((1, 1, 2))):
        w.line(t, ctx, end)
    for t in pick(r, P.NURSING_EXTRA, r.randint(1, 4)):
        w.line(t, ctx, end=" " if r.random() < 0.3 else end)
    w.line(r.choice(P.NURSING_PLAN), ctx)
    sign = r.choice(P.NURSING_SIGN)
    if sign:
        w.line(sign, ctx)


def discharge(w: NoteWriter, ctx, r: random.Random) -> None:
    w.line("DISCHARGE SUMMARY", ctx)
    w.line(r.choice(("Name: {pt_lastfirst}    Unit No: {mrn}", "Patient: {pt_full}   MRN: {mrn}",
                     "PATIENT NAME: {pt_lastfirst|upper}\nMEDICAL RECORD #: {mrn}")), ctx)
    w.line("Admission Date: {d_adm}    Discharge Date: {d_dis}", ctx)
    w.line(r.choice(("Date of Birth: {dob}    Sex: {sex_letter}", "DOB: {dob} (age {age90})",
                     "DOB {dob}")), ctx)
    w.line("Service: " + r.choice(("MEDICINE", "CARDIOLOGY", "NEUROLOGY", "SURGERY")) +
           r.choice(("", ", {ward}")), ctx)
    w.line(r.choice(("Attending: {dr_full}, MD", "Attending physician: Dr. {dr_last}")), ctx)
    w.line(r.choice(("PCP: Dr. {pcp_full}, {clinic} ({phone})", "Primary care: {pcp_full}, MD, fax {fax}")), ctx)
    w.line("\nHISTORY OF PRESENT ILLNESS:", ctx)
    w.line(r.choice(("{pt_title} {pt_last} is a {age} year old {sex} from {town} with CHF, AF and Parkinson "
                     "disease who presented on {d_adm} with 3 days of dyspnea.",
                     "{pt_first} is a {age90w} year old {sex} transferred from {hosp_town} after a fall "
                     "on {d_adm}; GCS 15, Glasgow score unchanged.",
                     "This {age}yo {sex} (h/o CABG in {yr4}, Whipple {yr2}) was brought by {his} "
                     "{rel_relation} {rel_first} to the ED at {hosp_code}.")), ctx)
    w.line("\nSOCIAL HISTORY: " + r.choice((
        "Lives in {town} with {rel_relation} {rel_first}. Former smoker (30 pack-years), quit {yr4}.",
        "Lives alone at {street}, {town}. {Child} {rel2_full} checks on {him} daily.",
        "Retired teacher; lives at {nh}. No alcohol.")), ctx)
    w.line("\nHOSPITAL COURSE:", ctx)
    for t in pick(r, P.DC_COURSE, r.randint(3, 5)):
        w.line(t, ctx)
    w.line("\nDISCHARGE MEDICATIONS:", ctx)
    for i, med in enumerate(pick(r, P.DC_MEDS, r.randint(4, 8)), 1):
        w.line(f"{i}. {med}", ctx)
    w.line("\nDISPOSITION: " + r.choice(("Home with services ({vna})", "Extended care: {nh}", "Home")), ctx)
    w.line("\nFOLLOW-UP:", ctx)
    for t in pick(r, P.DC_FOLLOWUP, r.randint(2, 3)):
        w.line(t, ctx)
    w.text("\n")
    for t in pick(r, P.DC_EXTRA, r.randint(2, 4)):
        w.line(t, ctx)
    w.line("\n{dr_full}, MD" + r.choice(("", " (MA license {lic})", "  DEA {dea}", "  NPI {npi}")), ctx)
    w.line("Dictated by: {res_full}, MD   D: {d_md0}  T: {d_md0}   JOB#: {job}", ctx)
    if r.random() < 0.5:
        w.line("cc: Dr. {pcp_last}", ctx)


def radiology(w: NoteWriter, ctx, r: random.Random) -> None:
    if r.random() < 0.5:
        w.line("{hosp_full|upper} - DEPARTMENT OF RADIOLOGY", ctx)
    exam, history, technique, findings, impressions = r.choice(P.RAD_STUDIES)
    w.line(f"EXAMINATION: {exam}", ctx)
    w.line(r.choice(("DATE: {d_long} 14:22   ACCESSION #: {acc}   MRN: {mrn}",
                     "Exam date {d_short}  Acc: {acc}", "ACC# {acc} / MR# {mrn} / DOS {d_mdyy}")), ctx)
    w.line(r.choice(("PATIENT: {pt_lastfirst|upper}   DOB: {dob}", "Patient: {pt_full}, {age90}Y",
                     "Name: {pt_lastfirst}  Age: {age}Y  Sex: {sex_letter}")), ctx)
    w.line(r.choice(("REFERRING PHYSICIAN: {ref_full}, MD (pager {pager})", "Ordering: Dr. {ref_last}",
                     "Referring: {ref_full}, NP, {clinic}")), ctx)
    w.line(f"CLINICAL HISTORY: {history}", ctx)
    w.line(f"TECHNIQUE: {technique}", ctx)
    w.line("\nFINDINGS:", ctx)
    for t in pick(r, findings, r.randint(2, 4)):
        w.line(t, ctx)
    w.line("\nIMPRESSION:", ctx)
    for i, t in enumerate(pick(r, impressions, r.randint(1, 2)), 1):
        w.line(f"{i}. {t}", ctx)
    w.text("\n")
    for t in pick(r, P.RAD_EXTRA, r.randint(2, 4)):
        w.line(t, ctx)
    w.line(r.choice(("Electronically signed by: {rad_full}, MD on {d_md0} 16:05. Tech: {tech}.",
                     "Dictated by {res_full}, MD. Attending: {rad_full}, MD. Tech {tech}",
                     "/{tech}  {rad_last}, {rad_first} MD  {d_mdyy}")), ctx)


def outpatient(w: NoteWriter, ctx, r: random.Random) -> None:
    if r.random() < 0.5:
        w.line("TELEPHONE ENCOUNTER", ctx)
        clock = r.choice(("2:14 PM", "08:52", "11:30 AM", "16:47", "9:05 AM"))
        w.line("{d_mdyy} " + clock + "   " + r.choice(("{rn_full}, RN", "{rn_first} {rn_initials|upper}, LPN")), ctx)
        w.line(r.choice(("Caller: {rel_full} ({rel_relation}) - callback {phone}", "Caller: self, cb # {phone}",
                         "Call from {np_first}, RN at {clinic2}, {phone2}")), ctx)
        w.line("Patient: {pt_full}   DOB {dob}   MRN {mrn}", ctx)
        w.line("Reason for call: Caller " + r.choice(P.PHONE_REASONS), ctx)
        for t in pick(r, P.OP_EXTRA, r.randint(1, 3)):
            w.line(t, ctx)
        w.line(r.choice(("Routed to Dr. {dr_last} for review.", "Disposition: appt made {d_md} with {dr_full}.",
                         "Per Dr. {dr_initial}, ok to refill x1. Pt informed.")), ctx)
        return
    w.line("{clinic}  -  Progress Note", ctx)
    w.line(r.choice(("Patient: {pt_lastfirst}   MRN {mrn}   Visit date {d_short}",
                     "Pt: {pt_full} | DOB {dob} | Acct {acct}")), ctx)
    w.line(r.choice(("Provider: {dr_full}, MD   NPI {npi}", "Seen by: {np_full}, NP (supervising: Dr. {dr_last})")),
           ctx)
    w.line("\nHPI: " + r.choice(P.OP_HPI), ctx)
    for t in pick(r, OP_EXAM, r.randint(1, 3)):
        w.line(t, ctx)
    if r.random() < 0.5:
        w.line("Registration: SSN {ssn}; {payer} ID {hp}; " + r.choice((
            "palm-vein patient ID {bio}", "photo ID scanned as {photo}", "emergency contact {rel_full} {phone2}")),
            ctx)
    for t in pick(r, P.OP_EXTRA, r.randint(2, 4)):
        w.line(t, ctx)
    w.line(r.choice(P.OP_PLAN), ctx)
    w.line(r.choice(("{dr_full}, MD", "Electronically signed {dr_last}, {dr_first} {d_mdyy}", "-{dr_initial}")), ctx)


def letter(w: NoteWriter, ctx, r: random.Random) -> None:
    w.line("{clinic}", ctx)
    w.line("{street}", ctx)
    w.line(r.choice(("{town} {zip}", "{town}, {state} {zip}", "{town} {zip}")), ctx)
    w.line(r.choice(("Tel {phone}   Fax {fax}", "T: {phone} | F: {fax} | {email}", "Phone {phone}")), ctx)
    w.line("\n{d_long}\n", ctx)
    w.line(r.choice(("Dr. {ref_full}", "{ref_full}, MD")), ctx)
    w.line(r.choice(("Department of Neurology", "Cardiology Clinic", "Memory Disorders Unit", "Colorectal Surgery")),
           ctx)
    w.line("{hosp_full}", ctx)
    w.line("{street2}, {town2}, {state} {zip2}\n", ctx)
    w.line(r.choice(("Dear Dr. {ref_last},", "Dear {ref_first},", "Dear colleague,")) + "\n", ctx)
    for t in pick(r, P.LETTER_BODY, r.randint(2, 4)):
        w.line(t, ctx, end=" " if r.random() < 0.5 else "\n")
    w.text("\n")
    for t in pick(r, P.OP_EXTRA, r.randint(1, 3)):
        w.line(t, ctx)
    for t in pick(r, P.LETTER_CLOSE, r.randint(1, 2)):
        w.line(t, ctx)
    w.line("\nYours sincerely,\n\n{dr_full}, MD", ctx)
    w.line(r.choice(("MA license {lic}; DEA {dea}", "NPI {npi}", "License no. {lic}")), ctx)
    if r.random() < 0.6:
        w.line("cc: {pt_full}, {street}, {town}", ctx)


STYLES = {"nursing": nursing, "discharge": discharge, "radiology": radiology, "outpatient": outpatient,
          "letter": letter}


def casing(style: str, r: random.Random) -> tuple[str, str | None]:
    """(note casing, name casing): nursing notes are mostly capitals, names in them often lower case."""
    if style == "nursing":
        x = r.random()
        if x < 0.8:
            return "upper", r.choice(("lower", "upper", "upper", "title"))
        return "lower", None
    if style in ("discharge", "radiology") and r.random() < 0.2:
        return "upper", None
    return "keep", None


def build(per_style: int, seed: int) -> list[tuple[str, str, list]]:
    r = random.Random(seed)
    s = Surrogates(seed)
    notes = []
    for style, share in STYLE_SHARE.items():
        for i in range(round(per_style * share)):
            w = NoteWriter(*casing(style, r))
            STYLES[style](w, note_context(s, r), r)
            text, spans = w.result()
            notes.append((f"{style}_{i:03d}", text, spans))
    return notes


def write(notes, folder: Path) -> str:
    """Write the BRAT pairs; return the sha256 of all files' bytes concatenated in file-name order,
    the same as ``cd FOLDER && cat $(LC_ALL=C ls) | sha256sum``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text, spans in notes:
        ann = "".join(f"T{k}\t{kind} {s} {e}\t{text[s:e]}\n" for k, (s, e, kind) in enumerate(spans, 1))
        (folder / f"{name}.txt").write_bytes(text.encode("utf-8"))
        (folder / f"{name}.ann").write_bytes(ann.encode("utf-8"))
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir(), key=lambda p: p.name.encode()):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def check(folder: Path) -> dict:
    """Score the gold spans as predictions with deid_corpus.py's own reader and scorer."""
    import deid_corpus as C

    docs = C.read_brat(folder)
    preds = [[(s, e, C.mapped(t) or t) for s, e, t in gold] for _, _, gold in docs]
    result = C.score(docs, preds)
    assert result["all_types"]["recall_overlap"] == 1.0 and result["ppv_overlap"] == 1.0, result
    assert result["exact"]["recall"] == 1.0, result["exact"]
    return result


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--per-style", type=int, default=100, help="x1.4 nursing notes, x0.9 each other style")
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    folder = args.out / "frozen2"
    if folder.exists() and any(folder.iterdir()):
        raise SystemExit(f"{folder}: already holds files; choose an empty --out (a frozen set is written once)")
    notes = build(args.per_style, args.seed)
    sha = write(notes, folder)
    counts = Counter(kind for _, _, spans in notes for _, _, kind in spans)
    summary = {"notes": len(notes), "spans": sum(counts.values()), "per_type": dict(counts.most_common()),
               "per_style": dict(Counter(n.split("_")[0] for n, _, _ in notes)), "seed": args.seed,
               "per_style_arg": args.per_style, "sha256": sha}
    if args.check:
        result = check(folder)
        summary["check"] = {"recall_overlap": result["all_types"]["recall_overlap"], "ppv": result["ppv_overlap"],
                            "safe_harbor_n": result["safe_harbor"]["n"], "exact_recall": result["exact"]["recall"]}
    (args.out / "frozen2_manifest.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2))
    return summary


if __name__ == "__main__":
    main()
