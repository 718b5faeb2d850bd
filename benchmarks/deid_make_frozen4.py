"""Frozen held-out English de-identification set 4: realistic notes of yet another hospital system.

    python benchmarks/deid_make_frozen4.py --out /tmp/deid_frozen4 --per-style 25 --seed 20261208

writes ``<style>_<nnn>.txt`` + ``.ann`` (BRAT: ``T1<TAB>TYPE start end<TAB>text``, end exclusive) and
``frozen4_manifest.json`` (counts per type and style, seed, sha256, offset self-check). Deterministic
from the seed; written without reading mednn's de-identifier, its word lists or any earlier generator,
and with hand-written surrogates only (`deid_frozen4_names`, `deid_frozen4_places`).

Note kinds (20): obstetric triage, NICU progress, well-child visit, social work, chaplain, hospice
death summary, goals-of-care/POLST, dialysis run sheet, oncology infusion, anaesthesia pre-op, dental,
ophthalmology, sleep-lab report, wound-care flowsheet (ALL CAPS), case management, fax referral cover
sheet, research consent, telehealth transcript, occupational health, secure-chat/pager log (lower case).

Annotation guideline (what is a span, and what is deliberately NOT one):
- PATIENT / CLINICIAN / RELATIVE: the name tokens only, in any form ("Okafor, Ngozi", "OKAFOR,NGOZI A",
  "N. Okafor", "ngozi okafor", a nickname, initials "JK", a clinician's single initial "Dr. K"). Titles
  (Mr., Dr.), credentials (MD, RN) and a possessive "'s" are outside the span. RELATIVE covers family,
  partners, guardians, friends, neighbours, witnesses and any other non-clinician contact; the relation
  word ("husband", "FOB", "dtr") is outside the span. "Baby Boy Okafor": only "Okafor" is the span.
- HOSPITAL: hospitals, clinics, practices, nursing homes, rehab and dialysis centres, hospices, and
  wards/pavilions named after a person ("Kahale Ward", "Bishop Pavilion"), plus hospital codes ("KVH").
  Generic units ("4 West", "NICU", "L&D", "the sleep lab", "room 12") are not PHI.
- LOCATION: towns, cities, counties and parishes. A US state alone and countries are not annotated.
- ADDRESS: the street / P.O. box / rural route line including unit numbers; its town is a separate
  LOCATION and its ZIP a separate ZIP; the state between them is not annotated.
- DATE: any date more specific than a year, whole ("14-Mar-2026", "3/4", "the 3rd", "Jan 3rd"); YEAR: a
  year alone ("2019", "'92" -> "92", "in 95" -> "95"). Weekdays, seasons, times, "POD 2", "DOL 5" are not PHI.
- AGE: ages over 89 only, the number or words alone ("93", "ninety-three").
- PHONE / FAX: the number with its extension ("555-201-3344 ext 212", "x5521", pager "4-1234").
- EMAIL, URL, IP: the whole address; every URL is annotated, institutional ones too (they locate the patient).
- IDs (ID_MRN, ID_ACCOUNT, ID_HEALTHPLAN, ID_NPI, ID_DEA, ID_LICENSE, SSN, ID_ACCESSION, ID_DEVICE,
  ID_PHOTO, ID_DICTATION, ID_BIOBANK, VEHICLE plates and VINs, BIOMETRIC template ids): the value only,
  never its label; every kind also appears without a label.
- Not PHI (planted as look-alikes): drug brands and vaccine lot numbers, eponyms (Apgar, Bishop score,
  Foley, Glasgow, Parkinson, Mallampati, Snellen, Tenckhoff, Wood's lamp), scores and fractions (5/5,
  20/40, 3/70/-2, 118/72), doses, times, room/bed/chair/station numbers, study protocol numbers,
  the clinical-trial registry id, drug NDC-like strengths, CPT/ICD codes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from deid_frozen4_notes_admin import STYLES as _ADMIN  # noqa: E402
from deid_frozen4_extras import addendum  # noqa: E402
from deid_frozen4_notes_admin import footer  # noqa: E402
from deid_frozen4_notes_clinic import STYLES as _CLINIC  # noqa: E402
from deid_frozen4_notes_family import STYLES as _FAMILY  # noqa: E402
from deid_frozen4_surrogates import Ctx, Note  # noqa: E402

LABELS = ["DATE", "CLINICIAN", "HOSPITAL", "PATIENT", "PHONE", "LOCATION", "RELATIVE", "ADDRESS", "ID_MRN",
          "YEAR", "ZIP", "FAX", "AGE", "ID_ACCESSION", "ID_DEVICE", "VEHICLE", "ID_PHOTO", "EMAIL", "ID_DICTATION",
          "ID_LICENSE", "BIOMETRIC", "SSN", "ID_BIOBANK", "URL", "ID_HEALTHPLAN", "ID_NPI", "ID_ACCOUNT", "IP",
          "ID_DEA"]
STYLES = {**_FAMILY, **_CLINIC, **_ADMIN}
# casing of a whole note per style: (mode, weight); every mode keeps the length of ASCII text
CASINGS = {"wound_care": [("upper", 1)], "secure_chat": [("lower", 4), ("normal", 1)],
           "dialysis": [("upper", 2), ("normal", 2), ("mixed", 1)], "telehealth": [("normal", 3), ("lower", 1)],
           "hospice_death": [("normal", 3), ("upper", 1)], "nicu": [("normal", 3), ("upper", 1), ("mixed", 1)]}
NO_FOOTER = {"secure_chat", "fax_cover", "wound_care"}
NO_ADDENDUM = {"fax_cover", "secure_chat"}
DEFAULT_CASING = [("normal", 6), ("mixed", 1), ("lower", 1), ("upper", 1)]


def recase(text: str, mode: str, rng: random.Random) -> str:
    """The note in one casing; "mixed" capitalises a third of the lines (as headers typed in caps)."""
    if mode == "upper":
        return text.upper()
    if mode == "lower":
        return text.lower()
    if mode == "mixed":
        return "\n".join(line.upper() if rng.random() < 0.33 else line for line in text.split("\n"))
    return text


def add_typos(text: str, spans: list, rng: random.Random, rate: float = 0.003) -> str:
    """Swap two adjacent letters in a few words outside every span (offsets stay valid)."""
    inside = bytearray(len(text))
    for _, start, end in spans:
        inside[max(start - 1, 0):end + 1] = b"\1" * (min(end + 1, len(text)) - max(start - 1, 0))
    chars = list(text)
    for i in range(1, len(chars) - 2):
        if (rng.random() < rate and not inside[i] and not inside[i + 1] and chars[i].isalpha()
                and chars[i + 1].isalpha() and chars[i - 1].isalpha()):
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def wrap(text: str, spans: list, width: int) -> str:
    """Hard-wrap long lines at a space outside every span, as a fax or a narrow EHR pane does."""
    inside = bytearray(len(text))
    for _, start, end in spans:
        inside[start:end] = b"\1" * (end - start)
    chars, col, last_space = list(text), 0, -1
    for i, ch in enumerate(chars):
        if ch == "\n":
            col, last_space = 0, -1
            continue
        col += 1
        if ch == " " and not inside[i]:
            last_space = i
        if col > width and last_space >= 0:
            chars[last_space] = "\n"
            col, last_space = i - last_space, -1
    return "".join(chars)


def make_note(style: str, index: int, seed: int) -> tuple[str, list[tuple[str, int, int]]]:
    """One note's text and its sorted gold spans; the same (style, index, seed) gives the same note."""
    rng = random.Random(f"frozen4|{seed}|{style}|{index}")
    note, ctx = Note(), Ctx(rng)
    STYLES[style](note, ctx)
    if style not in NO_FOOTER and rng.random() < 0.45:
        footer(note, ctx)
    if style not in NO_ADDENDUM and rng.random() < 0.6:
        addendum(note, ctx)
    modes = CASINGS.get(style, DEFAULT_CASING)
    mode = rng.choices([m for m, _ in modes], weights=[w for _, w in modes])[0]
    text = recase(note.text, mode, rng)
    spans = sorted(note.spans, key=lambda s: (s[1], s[2]))
    text = add_typos(text, spans, rng)
    if rng.random() < 0.2:
        text = wrap(text, spans, rng.randint(55, 80))
    return text, spans


def check_note(name: str, text: str, spans: list) -> list[str]:
    """Problems of one note: not ASCII, unknown label, empty / padded / overlapping spans."""
    problems = [] if text.isascii() else [f"{name}: text is not ASCII"]
    last_end = 0
    for kind, start, end in spans:
        piece = text[start:end]
        if kind not in LABELS:
            problems.append(f"{name}: unknown label {kind}")
        if not piece.strip() or piece != piece.strip() or start < last_end:
            problems.append(f"{name}: bad span {kind} {start}-{end}")
        last_end = end
    return problems


def write_set(out: Path, per_style: int, seed: int) -> dict:
    """Generate every note into ``out`` (filled through a temporary sibling, renamed when complete)."""
    tmp = out.with_name(out.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        return _fill(tmp, out, per_style, seed)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _fill(tmp: Path, out: Path, per_style: int, seed: int) -> dict:
    per_type = {k: 0 for k in LABELS}
    styles, problems = {}, []
    for style in sorted(STYLES):
        styles[style] = {"notes": per_style, "spans": 0}
        for i in range(per_style):
            text, spans = make_note(style, i, seed)
            stem = f"{style}_{i:03d}"
            problems += check_note(stem, text, spans)
            ann = "".join(f"T{k}\t{kind} {s} {e}\t{text[s:e]}\n" for k, (kind, s, e) in enumerate(spans, 1))
            (tmp / f"{stem}.txt").write_text(text, encoding="utf-8", newline="")
            (tmp / f"{stem}.ann").write_text(ann, encoding="utf-8", newline="")
            styles[style]["spans"] += len(spans)
            for kind, _, _ in spans:
                per_type[kind] += 1
    checked, mismatches = self_check(tmp)
    if problems or mismatches:
        raise SystemExit(f"frozen4: {len(problems)} span problems, {mismatches} offset mismatches; nothing written")
    manifest = {"set": "frozen4", "seed": seed, "per_style_arg": per_style, "notes": per_style * len(STYLES),
                "spans": sum(per_type.values()), "per_type": per_type, "per_style": styles,
                "sha256": digest(tmp),
                "sha256_rule": "sha256 over name NUL bytes NUL of every .txt/.ann, sorted by name",
                "self_check": {"spans_checked": checked, "text_equals_slice_mismatches": mismatches}}
    (tmp / "frozen4_manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    tmp.rename(out)
    return manifest


def self_check(folder: Path) -> tuple[int, int]:
    """Re-read every written pair: the count of spans and of spans whose text differs from the slice."""
    checked = mismatches = 0
    for ann in sorted(folder.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        for line in ann.read_text(encoding="utf-8").splitlines():
            _, middle, piece = line.split("\t")
            _, start, end = middle.split(" ")
            checked += 1
            mismatches += text[int(start):int(end)] != piece
    return checked, mismatches


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        if path.suffix in (".txt", ".ann"):
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=Path, help="a folder that does not exist yet")
    ap.add_argument("--per-style", type=int, default=25, help="notes per style (20 styles)")
    ap.add_argument("--seed", type=int, default=20261208)
    args = ap.parse_args(argv)
    if args.per_style < 1:
        print(f"--per-style must be at least 1, got {args.per_style}", file=sys.stderr)
        return 2
    if args.out.exists():
        print(f"{args.out} already exists: give a new folder (the set is never written over)", file=sys.stderr)
        return 2
    m = write_set(args.out, args.per_style, args.seed)
    print(f"wrote {m['notes']} notes, {m['spans']} spans to {args.out}  sha256 {m['sha256']}")
    for kind in LABELS:
        print(f"  {kind:<14} {m['per_type'][kind]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
