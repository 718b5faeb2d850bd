"""Write the ninth frozen held-out English de-identification set (BRAT .txt + .ann).

Usage:
    python benchmarks/deid_make_frozen9.py --out DIR --per-style N --seed S

Writes DIR/<style>_<nnn>.txt and .ann (`T1<TAB>TYPE start end<TAB>text`, offsets into the
.txt, end exclusive) and DIR/frozen9_manifest.json (notes, spans, per_type, per_style, seed,
sha256 over the files in sorted name order, and a self-check that every span's text equals
its .txt slice). The same seed gives byte-identical files.

The note kinds (36) were chosen to differ from the eight earlier sets: zoonosis referrals,
school exclusion letters, lone-worker home-visit risk assessments, tele-ICU night logs,
anticoagulation-app exports, remote BP alerts, organ-retention letters, fertility-preservation
consults, marrow-donor registry records, trial SAE narratives, Yellow Card / MedWatch reports,
medico-legal reports, GP out-of-hours handovers, district-nurse diaries, care-home MAR charts,
hospital-at-home rounds, sepsis screening tools, glucose logbooks, dialysis transport rotas,
OT home visits, crisis-line logs, street-medicine notes, refugee screens, prison release
plans, offshore-rig medic logs, ski-patrol reports, festival tents, air-ambulance handovers,
search-and-rescue cards, school concussion forms, speech-recognition dictations,
machine-translated notes, PDF pastes with repeated page headers, continence orders,
hearing-voices groups, field medical cards. Casing is mixed per note (normal, ALL CAPS,
all lower case); UK/Scottish/Irish/Canadian/Australian/NZ/SA/Indian/Singapore forms appear.

Annotation guideline (what is and is not a span):
- PATIENT: the patient's name in any shape (full, "Last, First", "LAST,FIRST", first or last
  alone, initials such as "JS" / "J.S.", street nicknames). The title (Mr/Mrs) and a
  possessive "'s" are outside the span.
- CLINICIAN: any named staff member or professional (doctors, nurses, medics, patrollers,
  drivers of patient transport, probation officers, solicitors instructing a report,
  transcriptionists) and their user ids / chat handles. Titles (Dr, Nurse) and credentials
  (FRCPath, MB ChB) are outside the span.
- RELATIVE: a named family member, partner, carer, witness or next of kin; the role word
  ("wife", "son") is outside the span.
- HOSPITAL: hospitals, clinics, practices, wards named after a place or person, care and
  nursing homes, hospital codes such as "SBH", veterinary practices. Generic words (ward,
  ICU, "Role 2", "MRT 2") are not spans.
- LOCATION: towns, cities, counties. A US state, a country, a grid reference, a ski run or
  a platform name are not PHI.  ADDRESS: the street part (number, unit, street, P.O. box,
  rural route). ZIP: US ZIP codes and UK / Irish / Canadian / Australian post codes.
- DATE: any date more specific than a year (m/d, "the 3rd", "3-5 Jan", ISO, dd.mm.yyyy ...),
  including dates of birth; one span even when it contains a year. YEAR: a year alone
  ("in '92", "2014"). Weekdays, seasons, holidays and times of day are not PHI.
- AGE: ages over 89 only, digits or words ("ninety-three"); younger ages are not spans.
- PHONE (incl. extensions, pagers, bleeps), FAX, EMAIL, URL, IP: the value only.
- Ids, the value only, never the caption: ID_MRN (hospital / prisoner numbers),
  ID_HEALTHPLAN (NHS, CHI, health card, Medicare, NHI, member / policy ids), SSN,
  ID_ACCOUNT (billing, call, lift-pass, wristband, Home Office refs), ID_ACCESSION
  (lab / pathology / report refs), ID_DEVICE (meter, cuff, pump serials, IMEI),
  ID_LICENSE (driving licence, GMC/NMC/RN registration), ID_NPI, ID_DEA, VEHICLE
  (plates, VINs, aircraft registrations), ID_PHOTO (photo file names / refs),
  ID_DICTATION (dictation / transcription job ids), BIOMETRIC (voiceprint, fingerprint,
  iris ... template ids; the kind word is inside the span when written with it),
  ID_BIOBANK (biobank, donor registry, trial subject and gamete-straw ids).
- Not PHI, written on purpose: drug brands and doses, eponyms (Homans' sign, Crohn's),
  scores (5/5, GCS 15/15, NEWS2, PHQ-9), times, bed and room numbers, lot numbers,
  ICD/CPT codes, guideline years ("ACC/AHA 2017", "NICE 2019"), protocol numbers.
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

from deid_frozen9_builder import LABELS, Note  # noqa: E402
from deid_frozen9_notes_a import WRITERS_A, admin_block  # noqa: E402
from deid_frozen9_notes_b import WRITERS_B  # noqa: E402
from deid_frozen9_notes_c import WRITERS_C  # noqa: E402

WRITERS = {**WRITERS_A, **WRITERS_B, **WRITERS_C}
# Kinds typed on phones or logged tersely are more often lower case; forms more often capitals.
LOWER_LEANING = {"teleicu_night", "glucose_logbook", "street_medicine", "festival_tent", "hearing_voices",
                 "gp_ooh", "crisis_line"}
UPPER_LEANING = {"sepsis_screen", "military_card", "rig_medic", "care_home_mar", "dialysis_rota", "sar_card"}


def _casing(rng: random.Random, style: str) -> str:
    roll = rng.random()
    if style in LOWER_LEANING:
        return "lower" if roll < 0.45 else ("upper" if roll < 0.55 else "keep")
    if style in UPPER_LEANING:
        return "upper" if roll < 0.45 else ("lower" if roll < 0.5 else "keep")
    return "upper" if roll < 0.12 else ("lower" if roll < 0.2 else "keep")


def _recase(text: str, how: str) -> str:
    """Change case only where every character keeps its length, so offsets stay valid."""
    if how == "keep":
        return text
    out = text.upper() if how == "upper" else text.lower()
    return out if len(out) == len(text) else text


def make_note(seed: int, style: str, index: int) -> tuple[str, list[tuple[str, int, int]]]:
    """One note of one kind: its text and its (label, start, end) spans."""
    rng = random.Random(f"frozen9:{seed}:{style}:{index}")
    note = Note(rng)
    WRITERS[style](note)
    if rng.random() < 0.5:
        # Systems append identifier footers to any kind of note; these carry the rarer id types.
        admin_block(note, rng.randint(2, 3), rare_only=True)
    text = _recase(note.text(), _casing(rng, style))
    return text, note.spans


def _ann(text: str, spans: list[tuple[str, int, int]]) -> str:
    lines = []
    for k, (label, start, end) in enumerate(sorted(spans, key=lambda s: (s[1], s[2])), 1):
        lines.append(f"T{k}\t{label} {start} {end}\t{text[start:end]}")
    return "\n".join(lines) + ("\n" if lines else "")


def _check(out: Path, names: list[str]) -> dict:
    """Re-read every written pair and compare each span's text with its slice."""
    checked = mismatched = 0
    for name in names:
        text = (out / f"{name}.txt").read_text(encoding="utf-8")
        for line in (out / f"{name}.ann").read_text(encoding="utf-8").splitlines():
            _, middle, span_text = line.split("\t")
            _, start, end = middle.split(" ")
            checked += 1
            mismatched += text[int(start):int(end)] != span_text
    return {"spans_checked": checked, "mismatched": mismatched, "ok": mismatched == 0}


def generate(out: Path, per_style: int, seed: int) -> dict:
    """Write the set and its manifest into `out`; returns the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    per_type: Counter = Counter()
    per_style_count: dict[str, int] = {}
    names: list[str] = []
    for style in sorted(WRITERS):
        for i in range(per_style):
            text, spans = make_note(seed, style, i)
            name = f"{style}_{i:03d}"
            (out / f"{name}.txt").write_text(text, encoding="utf-8")
            (out / f"{name}.ann").write_text(_ann(text, spans), encoding="utf-8")
            per_type.update(label for label, _, _ in spans)
            names.append(name)
        per_style_count[style] = per_style
    digest = hashlib.sha256()
    for path in sorted(p for n in names for p in (out / f"{n}.ann", out / f"{n}.txt")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    manifest = {
        "set": "frozen9", "seed": seed, "per_style_requested": per_style, "notes": len(names),
        "spans": sum(per_type.values()), "per_type": {k: per_type.get(k, 0) for k in LABELS},
        "per_style": per_style_count, "sha256": digest.hexdigest(),
        "sha256_rule": "sha256 over (file name bytes + file bytes) of every .ann/.txt in sorted name order",
        "self_check": _check(out, names),
    }
    (out / "frozen9_manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--per-style", type=int, default=14)
    parser.add_argument("--seed", type=int, default=20261213)
    args = parser.parse_args(argv)
    if args.per_style < 1:
        print("error: --per-style must be >= 1", file=sys.stderr)
        return 2
    manifest = generate(args.out, args.per_style, args.seed)
    print(f"{manifest['notes']} notes, {manifest['spans']} spans, sha256 {manifest['sha256']}")
    for label, count in manifest["per_type"].items():
        print(f"  {label:<14} {count}")
    print(f"self-check: {manifest['self_check']}")
    return 0 if manifest["self_check"]["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
