"""Write the sixth frozen held-out English de-identification set (BRAT .txt/.ann + manifest).

    python benchmarks/deid_make_frozen6.py --out /tmp/deid_frozen6 --per-style 15 --seed 20261210

Written independently of mednn's de-identifier: the note kinds, surrogate lists and id shapes live in
``benchmarks/deid_frozen6_*.py`` and were written by hand for this set. Each note is built piece by
piece, so its gold spans are exact by construction; the manifest re-checks every span against the text.

Annotation guideline (what is a span, and what is deliberately not):
- One span per identifier, never nested or overlapping; titles (Dr, Mrs, Sister, Nurse), credentials
  (MD, RN, FRACP), roles (wife, daughter) and labels (MRN:, DOB) stay outside the span. A possessive
  "'s" stays outside ("Rose's" -> "Rose"). Whole-note casing (ALL CAPS, all lower case) keeps offsets.
- PATIENT: the patient's (and, in lists/exports and wrong-label incidents, other patients') names in any
  shape: "First Last", "Last, First", "LAST,FIRST M", initials "J.S."/"JS", nicknames, lower case, a
  surname after Mr/Mrs, names in HL7 fields. CLINICIAN: every named staff member (doctors, nurses,
  therapists, clerks, transcriptionists, paramedics), including initials signing rows, user ids,
  login names and chat handles (without the "@"). RELATIVE: family, partners, carers, friends and
  other non-staff contacts (a sports coach); another group-therapy member or a second patient is a PATIENT.
- HOSPITAL: hospitals, clinics, GP practices, care homes, named wards/units ("Kestrel Ward", "Calloway
  Unit") and hospital initials codes ("SBH"); generic units ("Ward 7A", "5 North", "ED bay 14") are not.
- LOCATION: towns, cities, suburbs, counties, districts. US states, provinces, Australian states and
  countries are NOT PHI. ADDRESS: the street line incl. unit/flat/apartment, P.O. box, rural route
  (RR/RMB) and Singapore block numbers; ZIP: US ZIP(+4), UK/Irish/Canadian/AU/NZ/ZA/IN/SG postcodes.
- DATE: any date of the patient's care or life (m/d, m/d/yy, ISO, d-Mon-yyyy, "Jan 3rd", "3rd of March",
  "the 3rd" -> span "3rd", dd.mm.yyyy, HL7 yyyymmdd[hhmm], ranges "3-5 Jan" as one span, "March 2019").
  YEAR: a year standing alone ("2015", "'92" with its apostrophe, "in 95" -> "95"). Weekdays, seasons,
  holidays, times, guideline/criteria years ("ACC/AHA 2017", "GOLD 2024", "WHO 2009"), vaccine
  information statement dates, lot expiry months and form numbers are NOT PHI.
- AGE: only ages over 89, in digits or words ("ninety-three", "one hundred and two"); younger ages are
  not annotated. PHONE: phones, mobiles, pagers, UK bleeps (with extension, if any, inside the span);
  FAX: numbers written as fax numbers. EMAIL, URL, IP (v4 and v6) as written.
- ID_MRN: medical record / hospital / unit / chart / UR / registration numbers. ID_HEALTHPLAN: insurer
  member and policy ids, Medicare/Medicaid ids, UK NHS and Scottish CHI numbers, Canadian health cards,
  Australian Medicare, NZ NHI, Irish medical card, medical-aid numbers. SSN: US SSN and other national
  social numbers (UK NI, Irish PPSN, Canadian SIN, SA ID, Aadhaar, NRIC, TFN/IRD). ID_ACCOUNT: billing
  accounts, encounter/visit numbers, claim/authorisation references, dispatch references, bill numbers.
  ID_ACCESSION: lab specimen and imaging accession / study numbers. ID_DEVICE: device and implant serial
  numbers (hearing aids, CPAP, braces, alarms, dose calibrators). ID_DICTATION: dictation job numbers.
  ID_LICENSE: driving licences and professional registrations (GMC, CPSO, state licence). ID_NPI, ID_DEA:
  prescriber numbers. ID_BIOBANK: biobank aliquots, embryo straws, semen sample ids. ID_PHOTO: clinical
  photograph ids / file names. BIOMETRIC: fingerprint, palm-vein, voiceprint and retina template ids.
  VEHICLE: number plates and VINs.
- Not PHI (kept on purpose as distractors): drug brands, eponyms (Parkinson's, Lachman, McMurray, Thompson
  test, Simpson biplane, Bell's palsy, Tinel, Phalen, Hadlock, Fleischner, Glasgow Coma Scale), scores
  (5/5, 24/30, Apgars 8/9), doses, times, room/bed numbers, lot numbers, CPT/ICD codes, HL7 field codes,
  LOINC codes, parking-pass and report numbers, payer brand names, ordinary words that are also names
  ("Hope to recheck", "Will continue", "Bill to Medicare").
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import deid_frozen6_notes_admin  # noqa: E402,F401  (registers note kinds)
import deid_frozen6_notes_clinic  # noqa: E402,F401
import deid_frozen6_notes_forms  # noqa: E402,F401
from deid_frozen6_context import STYLES, Ctx, pick_locale  # noqa: E402

TYPES = ("DATE CLINICIAN HOSPITAL PATIENT PHONE LOCATION RELATIVE ADDRESS ID_MRN YEAR ZIP FAX AGE ID_ACCESSION "
         "ID_DEVICE VEHICLE ID_PHOTO EMAIL ID_DICTATION ID_LICENSE BIOMETRIC SSN ID_BIOBANK URL ID_HEALTHPLAN "
         "ID_NPI ID_ACCOUNT IP ID_DEA").split()


def make_note(style_name: str, index: int, seed: int) -> tuple[str, list[tuple[str, int, int]], str]:
    """One note of one kind: (text, spans, locale); the same (kind, index, seed) always gives the same note."""
    fn, foreign, locales = STYLES[style_name]
    rng = random.Random(f"frozen6:{seed}:{style_name}:{index}")
    loc = pick_locale(rng, foreign, locales)
    note, casing = fn(Ctx(rng, loc))
    text, spans = note.finish(casing)
    return text, spans, loc


def check_spans(text: str, spans: list[tuple[str, int, int]]) -> list[str]:
    """Problems with a note's spans (unknown type, empty, padded, overlapping, out of range)."""
    problems, last_end = [], -1
    for kind, start, end in sorted(spans, key=lambda s: (s[1], s[2])):
        piece = text[start:end]
        if kind not in TYPES:
            problems.append(f"unknown type {kind}")
        if not (0 <= start < end <= len(text)) or piece != piece.strip() or not piece:
            problems.append(f"bad span {kind} {start}-{end}")
        if start < last_end:
            problems.append(f"overlap at {start}")
        last_end = max(last_end, end)
    return problems


def write_set(out: Path, per_style: int, seed: int) -> dict:
    """Generate every kind ``per_style`` times into ``out`` (written whole or not at all)."""
    if out.exists() and any(out.iterdir()):
        raise ValueError(f"{out} exists and is not empty; choose a new --out")
    tmp = Path(tempfile.mkdtemp(prefix=".frozen6-", dir=out.parent if out.parent.exists() else None))
    per_type, per_style_count, locales, n_spans, problems = Counter(), Counter(), Counter(), 0, []
    for style_name in sorted(STYLES):
        for i in range(per_style):
            text, spans, loc = make_note(style_name, i, seed)
            stem = f"{style_name}_{i:03d}"
            problems += [f"{stem}: {p}" for p in check_spans(text, spans)]
            ann = "".join(f"T{k + 1}\t{kind} {s} {e}\t{text[s:e]}\n"
                          for k, (kind, s, e) in enumerate(sorted(spans, key=lambda x: (x[1], x[2]))))
            (tmp / f"{stem}.txt").write_text(text, encoding="utf-8")
            (tmp / f"{stem}.ann").write_text(ann, encoding="utf-8")
            per_type.update(kind for kind, _, _ in spans)
            per_style_count[style_name] += 1
            locales[loc] += 1
            n_spans += len(spans)
    if problems:
        shutil.rmtree(tmp)
        raise ValueError(f"{len(problems)} generated spans failed the check, first: {problems[0]}")
    manifest = {
        "set": "frozen6", "seed": seed, "notes_per_style": per_style, "notes": sum(per_style_count.values()),
        "spans": n_spans, "per_type": dict(sorted(per_type.items())), "per_style": dict(sorted(per_style_count.items())),
        "locales": dict(sorted(locales.items())), "types_missing": [t for t in TYPES if t not in per_type],
        "sha256": digest(tmp), "self_check": verify(tmp),
    }
    (tmp / "frozen6_manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    if out.exists():
        out.rmdir()
    os.replace(tmp, out)
    return manifest


def digest(folder: Path) -> str:
    """sha256 over every .txt and .ann file, in sorted name order (name, then bytes)."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".ann")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def verify(folder: Path) -> dict:
    """Re-read every .ann and check each span's text equals the .txt slice it points at."""
    checked, mismatches = 0, 0
    for ann in sorted(folder.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        for line in ann.read_text(encoding="utf-8").splitlines():
            _, middle, piece = line.split("\t")
            _, start, end = middle.split(" ")
            checked += 1
            mismatches += text[int(start):int(end)] != piece
    return {"spans_checked": checked, "mismatches": mismatches, "ok": mismatches == 0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--per-style", type=int, default=15)
    parser.add_argument("--seed", type=int, default=20261210)
    args = parser.parse_args(argv)
    if args.per_style < 1:
        print("error: --per-style must be at least 1", file=sys.stderr)
        return 2
    try:
        manifest = write_set(args.out, args.per_style, args.seed)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{manifest['notes']} notes, {manifest['spans']} spans, {len(STYLES)} kinds -> {args.out}")
    for kind in TYPES:
        print(f"  {kind:<14} {manifest['per_type'].get(kind, 0)}")
    print(f"sha256 {manifest['sha256']}  self-check ok: {manifest['self_check']['ok']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
