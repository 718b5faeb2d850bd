"""Write the eighth frozen held-out English de-identification set (BRAT), deterministic from a seed.

    python benchmarks/deid_make_frozen8.py --out DIR --per-style N --seed S

writes DIR/<style>_<nnn>.txt + .ann (``T1<TAB>TYPE start end<TAB>text``, end exclusive) and
DIR/frozen8_manifest.json (notes, spans, per_type, per_style, seed, sha256 over the files in
sorted order, and a self-check that every span's text equals its .txt slice). The notes were written
independently of mednn's de-identifier: it is never imported here.

Annotation guideline (what is a span, and what is not):
- PATIENT / RELATIVE / CLINICIAN: the name tokens only, in any casing or form ("Last, First",
  "LAST,FIRST M", initials with or without dots, nicknames, a lone first name). Titles (Dr, Mrs),
  credentials (RN, MD, FRCP), role words (daughter, husband) and a possessive "'s" stay outside.
  CLINICIAN is any named staff member or professional, including user ids and chat handles (the "@"
  of a handle stays outside). A name inside an e-mail address is covered by the EMAIL span only.
- HOSPITAL: hospitals, clinics, practices, care homes and wards named after a place or person, with
  their kind word ("Kestwick General Hospital", "Larkin Ward"), and their acronyms. Numbered wards,
  bays and rooms ("bay 3", "Ward 7B", "ICU") are not PHI.
- LOCATION: towns, cities, counties. A US state, a province, a country is never PHI.
- ADDRESS: the street line with house number, unit, P.O. box or rural route; town and post code are
  their own LOCATION and ZIP spans. ZIP also covers UK, Canadian, Irish, Australian, NZ, South
  African, Indian and Singapore post codes.
- DATE: any day-level date (m/d, d-Mon-yyyy, ISO, "Jan 3rd", "3rd of March", ranges "3-5 Jan" as
  one span); the year inside a date is part of the DATE. YEAR: a year standing alone ("in 2019",
  "'92"). Weekdays, seasons, holidays, times of day and guideline years ("ACC/AHA 2017") are not PHI.
- AGE: only ages over 89, in digits or words ("93", "ninety-three"); the unit ("yo", "years old")
  stays outside. Younger ages are not annotated.
- PHONE (with its extension; pagers and bleeps) and FAX; EMAIL, URL, IP.
- SSN: social-security and national identity numbers (US SSN, UK National Insurance, Canadian SIN,
  South African ID, Aadhaar, NRIC, PPSN). ID_HEALTHPLAN: insurance member ids and NHS, CHI,
  provincial health-card, Medicare, NHI and GMS numbers. ID_MRN: hospital / clinic record numbers.
  ID_ACCESSION: lab, specimen, imaging and EEG study numbers. ID_DEVICE: serial numbers of implants
  and devices (lot and model numbers are not PHI). ID_PHOTO: clinical photograph ids. ID_DICTATION:
  dictation / transcription job numbers. ID_LICENSE: driving and professional licences (GMC, nursing
  PINs, pilot licences). BIOMETRIC: voiceprint, fingerprint, iris, palm-vein template ids.
  ID_BIOBANK: biobank, tissue-bank and gamete-bank sample or donor ids. ID_NPI, ID_DEA, ID_ACCOUNT
  (billing, claim and bank account numbers). VEHICLE: number plates and VINs.
- Not PHI: drug brands, eponyms (Greulich & Pyle, Bruce protocol), scores (5/5, 13/20), doses,
  times, room/bed/bay numbers, lot numbers, CPT/ICD codes, guideline years, US states, countries.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from deid_frozen8_builder import LABELS, hard_wrap  # noqa: E402
from deid_frozen8_cast import cast, extras  # noqa: E402
from deid_frozen8_fillers import filler  # noqa: E402
from deid_frozen8_notes_a import STYLES as STYLES_A  # noqa: E402
from deid_frozen8_notes_b import STYLES as STYLES_B  # noqa: E402
from deid_frozen8_notes_c import LOCALE_OF, STYLES as STYLES_C  # noqa: E402

STYLES = {**STYLES_A, **STYLES_B, **STYLES_C}
CHILD_STYLES = {"growth_clinic", "headss"}


def make_note(style: str, index: int, seed: int) -> tuple[str, list, str]:
    """The text, spans and locale of one note; the same (style, index, seed) gives the same note."""
    rng = random.Random(f"{seed}:{style}:{index}")
    people = cast(rng, LOCALE_OF.get(style), child=style in CHILD_STYLES)
    doc = STYLES[style](rng, people)
    filler(rng, doc, people, rng.choice([0, 1, 2, 2, 3]))
    if rng.random() < 0.8:
        doc.t(rng.choice(["", "\n", "--\n", "____\n"]))
        extras(rng, doc, people, rng.choice([1, 2, 2, 3]))
    if rng.random() < 0.1:
        doc = hard_wrap(doc, rng.randint(56, 72))
    return (*doc.render(), people.locale)


def ann_text(spans: list) -> str:
    return "".join(f"T{i}\t{label} {start} {end}\t{text}\n" for i, (label, start, end, text) in enumerate(spans, 1))


def generate(out: Path, per_style: int, seed: int) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    per_type = {label: 0 for label in LABELS}
    style_spans, locales, bad, written = {}, {}, 0, []
    for style in sorted(STYLES):
        count = 0
        for index in range(per_style):
            text, spans, locale = make_note(style, index, seed)
            locales[locale] = locales.get(locale, 0) + 1
            stem = f"{style}_{index:03d}"
            (out / f"{stem}.txt").write_text(text, encoding="utf-8", newline="")
            (out / f"{stem}.ann").write_text(ann_text(spans), encoding="utf-8", newline="")
            written += [f"{stem}.txt", f"{stem}.ann"]
            for label, start, end, span_text in spans:
                per_type[label] += 1
                bad += text[start:end] != span_text
            count += len(spans)
        style_spans[style] = count
    digest = hashlib.sha256()
    for name in sorted(written):
        digest.update(name.encode() + b"\0" + (out / name).read_bytes())
    manifest = {"set": "frozen8", "notes": len(written) // 2, "spans": sum(per_type.values()),
                "per_type": per_type, "per_style": style_spans, "styles": len(STYLES), "per_locale": dict(sorted(locales.items())), "seed": seed,
                "sha256": digest.hexdigest(), "self_check": {"spans_checked": sum(per_type.values()),
                                                             "mismatches": bad, "ok": bad == 0}}
    (out / "frozen8_manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--per-style", type=int, default=11)
    parser.add_argument("--seed", type=int, default=20261212)
    args = parser.parse_args(argv)
    if args.per_style < 1:
        print("--per-style must be at least 1", file=sys.stderr)
        return 2
    m = generate(args.out, args.per_style, args.seed)
    print(f"{m['notes']} notes, {m['spans']} spans, sha256 {m['sha256']}, self-check ok={m['self_check']['ok']}")
    for label, n in m["per_type"].items():
        print(f"{label:14s} {n}")
    return 0 if m["self_check"]["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
