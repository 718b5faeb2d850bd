"""Generate the fifth frozen held-out English de-identification set (BRAT .txt/.ann + manifest).

    python benchmarks/deid_make_frozen5.py --out DIR --per-style N --seed S

Writes DIR/<style>_<nnn>.txt and .ann (``T1<TAB>TYPE start end<TAB>text``, end exclusive) and
DIR/frozen5_manifest.json. The same seed and per-style count give byte-identical files (each note's
random state is seeded from "seed:style:index"). Written independently of mednn's de-identifier:
own name, place and identifier surrogates (deid_frozen5_*.py beside this file), own note kinds
(37: procedure, specialty, legal, administrative, hand-off notes; 8 of them from UK, Canadian,
Australian and New Zealand systems).

Annotation guideline (what is PHI here, and exactly which characters the span covers)
- PATIENT, RELATIVE, CLINICIAN: the name only, in any form (full, "Last, First", "LAST,FIRST M",
  initials, nickname, lone first name, lower case); titles (Dr., Mr., Mrs.), credentials (MD, RN)
  and a possessive "'s" stay outside. RELATIVE covers every lay contact (family, partner, friend,
  neighbour, guardian, POA). CLINICIAN covers every named professional acting around the patient:
  care staff, interpreters (and their interpreter numbers), EMS crews, coordinators, pharmacists,
  police officers, attorneys, magistrates, fire marshals, vendor representatives, and staff user ids
  such as "jsmith4" (the whole id). Role words ("wife", "pt's son", "HCP") are never PHI.
- HOSPITAL: hospitals, clinics, practices, GP surgeries, named pharmacies, wards, pavilions and
  towers named after a person or place, and a hospital's initials used as its code. Generic units
  ("MICU", "5 West", "Stepdown", "Pod C-14") are not PHI.
- LOCATION: towns, cities, counties, and named non-care organisations that place a person (schools,
  detention centres). A US state, a province, an Australian state, and countries are not PHI.
- ADDRESS: the street line (number + street + unit, P.O. box, rural route); the town is LOCATION,
  the ZIP/postcode is ZIP (US ZIP, UK/Canadian/Australian/NZ postcodes).
- DATE: any date more specific than a year, in every format ("7/22", "the 3rd" -> "3rd",
  "March 2019", "2026-12-07", "07.12.2026"). YEAR: a year alone ("1998", "'92", "in 95" -> "95");
  a year inside a full date is part of that DATE. Times, weekdays, seasons, holidays are not PHI.
- AGE: an age over 89, the number or number words only ("93" in "93yo", "ninety-three" in
  "ninety-three-year-old"). Ages 89 and under and "nonagenarian" are not PHI.
- PHONE (phones, pagers, extensions inside the span), FAX, EMAIL, URL, IP: the whole value.
- Identifiers, the value only (labels such as "MRN:" stay outside; many values appear unlabelled):
  ID_MRN (medical record, hospital/unit numbers, armband, UNOS, student, inmate, military service and
  DoD numbers), ID_ACCOUNT (account, encounter, visit, claim, billing, referral and case-reference
  numbers), ID_ACCESSION (lab, pathology, radiology, blood-bank, medical-examiner case numbers),
  ID_DEVICE (device serial numbers; model names, UDI device identifiers and lot numbers are not PHI),
  VEHICLE (plates, VINs), ID_PHOTO (photograph identifiers and file names), ID_DICTATION (dictation
  and transcription job ids), ID_LICENSE (driver's and professional licence numbers, GMC/AHPRA/CPSO),
  BIOMETRIC (voiceprint, fingerprint, iris, palm-vein, voice-bank ids), SSN (full or last four),
  ID_BIOBANK (biobank, DNA-bank, research-specimen ids), ID_HEALTHPLAN (member, Medicaid, MBI,
  TRICARE, NHS, provincial health-card, Medicare AU, NHI numbers), ID_NPI, ID_DEA.
- Not PHI on purpose: eponyms (Parkinson, Foley, Swan-Ganz, Babinski, Glasgow, Rinne, Lachman),
  scores (5/5, 2/3/3, GCS 14), doses, times, room/bed numbers, run/incident/event numbers of a
  service, badge numbers, group numbers, vaccine and product lot numbers, ISBT blood-unit numbers,
  drug and device brands, trauma alias names ("Zebra 412").
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import deid_frozen5_notes_a as notes_a  # noqa: E402
import deid_frozen5_notes_b as notes_b  # noqa: E402
import deid_frozen5_notes_c as notes_c  # noqa: E402
from deid_frozen5_surrogates import Gen, render  # noqa: E402

TYPES = ("DATE CLINICIAN HOSPITAL PATIENT PHONE LOCATION RELATIVE ADDRESS ID_MRN YEAR ZIP FAX AGE ID_ACCESSION "
         "ID_DEVICE VEHICLE ID_PHOTO EMAIL ID_DICTATION ID_LICENSE BIOMETRIC SSN ID_BIOBANK URL ID_HEALTHPLAN "
         "ID_NPI ID_ACCOUNT IP ID_DEA").split()

# style -> (writer, region, casing weights normal/upper/lower)
STYLES = {
    "cath_lab": (notes_a.cath_lab, "US", (6, 3, 1)),
    "endoscopy": (notes_a.endoscopy, "US", (7, 2, 1)),
    "ent_clinic": (notes_a.ent_clinic, "US", (7, 1, 2)),
    "derm_photo": (notes_a.derm_photo, "US", (7, 1, 2)),
    "urology": (notes_a.urology, "US", (6, 2, 2)),
    "rheumatology": (notes_a.rheumatology, "US", (7, 1, 2)),
    "id_consult": (notes_a.id_consult, "US", (5, 3, 2)),
    "trauma_tertiary": (notes_a.trauma_tertiary, "US", (4, 4, 2)),
    "burn_unit": (notes_a.burn_unit, "US", (5, 3, 2)),
    "psych_hold": (notes_a.psych_hold, "US", (6, 3, 1)),
    "ems_run": (notes_a.ems_run, "US", (3, 6, 1)),
    "poison_control": (notes_a.poison_control, "US", (4, 2, 4)),
    "dietitian": (notes_a.dietitian, "US", (7, 1, 2)),
    "slp": (notes_a.slp, "US", (7, 1, 2)),
    "rt_flowsheet": (notes_a.rt_flowsheet, "US", (3, 6, 1)),
    "transplant_coord": (notes_b.transplant_coord, "US", (7, 1, 2)),
    "genetic_counsel": (notes_b.genetic_counsel, "US", (9, 0, 1)),
    "correctional": (notes_b.correctional, "US", (4, 5, 1)),
    "school_nurse": (notes_b.school_nurse, "US", (5, 1, 4)),
    "va_note": (notes_b.va_note, "US", (4, 5, 1)),
    "interpreter_visit": (notes_b.interpreter_visit, "US", (7, 1, 2)),
    "prior_auth": (notes_b.prior_auth, "US", (9, 1, 0)),
    "autopsy": (notes_b.autopsy, "US", (5, 4, 1)),
    "med_rec": (notes_b.med_rec, "US", (5, 3, 2)),
    "blood_bank": (notes_b.blood_bank, "US", (3, 6, 1)),
    "adverse_event": (notes_b.adverse_event, "US", (7, 2, 1)),
    "ipass_signout": (notes_b.ipass_signout, "US", (4, 2, 4)),
    "sbar": (notes_b.sbar, "US", (3, 2, 5)),
    "paging_log": (notes_b.paging_log, "US", (2, 2, 6)),
    "uk_consultant_letter": (notes_c.uk_consultant_letter, "UK", (9, 1, 0)),
    "uk_gp_referral": (notes_c.uk_gp_referral, "UK", (8, 1, 1)),
    "uk_mental_health_act": (notes_c.uk_mental_health_act, "UK", (8, 2, 0)),
    "ca_clinic_note": (notes_c.ca_clinic_note, "CA", (7, 2, 1)),
    "ca_ems_transfer": (notes_c.ca_ems_transfer, "CA", (4, 5, 1)),
    "au_skin_clinic": (notes_c.au_skin_clinic, "AU", (7, 1, 2)),
    "nz_community_note": (notes_c.nz_community_note, "NZ", (6, 1, 3)),
    "au_ems_case": (notes_c.au_ems_case, "AU", (4, 4, 2)),
}
WRAP_WIDTH = 72


def _wrap(text: str, spans: list[tuple[int, int, str]], rng: random.Random) -> str:
    """Hard-wrap long lines by turning a space into a newline (same length) outside every span."""
    inside = bytearray(len(text))
    for start, end, _ in spans:
        inside[start:end] = b"\x01" * (end - start)
    chars = list(text)
    line_start = 0
    width = rng.randint(60, WRAP_WIDTH)
    for i, ch in enumerate(text):
        if ch == "\n":
            line_start = i + 1
        elif i - line_start >= width:
            for j in range(i, line_start, -1):
                if chars[j] == " " and not inside[j]:
                    chars[j] = "\n"
                    line_start = j + 1
                    break
    return "".join(chars)


def make_note(style: str, index: int, seed: int) -> tuple[str, list[tuple[int, int, str]]]:
    """One note's text and spans; the same (style, index, seed) always gives the same note."""
    writer, region, weights = STYLES[style]
    rng = random.Random(f"frozen5:{seed}:{style}:{index}")
    marked = writer(Gen(rng, region))
    casing = rng.choices(("normal", "upper", "lower"), weights=weights)[0]
    text, spans = render(marked.rstrip() + "\n", casing, rng, typo_rate=0.12)
    if rng.random() < 0.25:
        text = _wrap(text, spans, rng)
    return text, spans


def _ann(text: str, spans: list[tuple[int, int, str]]) -> str:
    lines = []
    for n, (start, end, kind) in enumerate(sorted(spans), 1):
        value = text[start:end]
        if "\n" in value or "\t" in value:
            raise ValueError(f"span T{n} holds a line break or tab")
        lines.append(f"T{n}\t{kind} {start} {end}\t{value}")
    return "\n".join(lines) + ("\n" if lines else "")


def _self_check(folder: Path) -> dict:
    checked = mismatched = 0
    for ann in sorted(folder.glob("*.ann")):
        text = (folder / (ann.stem + ".txt")).read_text(encoding="utf-8")
        for line in ann.read_text(encoding="utf-8").splitlines():
            _, middle, value = line.split("\t")
            kind, start, end = middle.split(" ")
            checked += 1
            mismatched += (text[int(start):int(end)] != value) or kind not in TYPES
    return {"spans_checked": checked, "mismatches": mismatched, "ok": mismatched == 0}


def _digest(folder: Path) -> str:
    """sha256 over every note file in sorted name order: name, NUL, bytes, NUL."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".ann")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def generate(out: Path, per_style_n: int, seed: int) -> dict:
    """Write the set into ``out`` (must not exist or be empty) and return the manifest."""
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty; choose a new --out folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".frozen5_", dir=out.parent))
    per_type: Counter = Counter()
    per_style: dict[str, int] = {}
    notes = 0
    try:
        for style in STYLES:
            for i in range(per_style_n):
                text, spans = make_note(style, i, seed)
                stem = f"{style}_{i:03d}"
                (tmp / f"{stem}.txt").write_text(text, encoding="utf-8", newline="")
                (tmp / f"{stem}.ann").write_text(_ann(text, spans), encoding="utf-8", newline="")
                per_type.update(kind for _, _, kind in spans)
                per_style[style] = per_style.get(style, 0) + len(spans)
                notes += 1
        check = _self_check(tmp)
        manifest = {"set": "frozen5", "notes": notes, "spans": sum(per_type.values()),
                    "per_type": {t: per_type.get(t, 0) for t in TYPES},
                    "per_style": {s: {"notes": per_style_n, "spans": n} for s, n in per_style.items()},
                    "per_style_n": per_style_n, "seed": seed, "sha256": _digest(tmp), "self_check": check}
        if not check["ok"]:
            raise RuntimeError(f"self-check failed: {check['mismatches']} spans differ from their text")
        (tmp / "frozen5_manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        if out.exists():
            out.rmdir()
        tmp.rename(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, type=Path, help="new (or empty) folder for the set")
    parser.add_argument("--per-style", type=int, default=14, help="notes per note kind (37 kinds)")
    parser.add_argument("--seed", type=int, default=20261209)
    args = parser.parse_args(argv)
    if args.per_style < 1:
        print("error: --per-style must be at least 1", file=sys.stderr)
        return 2
    try:
        manifest = generate(args.out, args.per_style, args.seed)
    except (FileExistsError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{manifest['notes']} notes, {manifest['spans']} spans, sha256 {manifest['sha256']}")
    for kind, count in manifest["per_type"].items():
        print(f"  {kind:<14}{count:>6}{'' if count >= 60 else '   (< 60)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
