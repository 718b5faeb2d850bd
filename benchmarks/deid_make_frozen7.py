"""Generate the seventh frozen held-out English de-identification set (BRAT .txt + .ann).

    python benchmarks/deid_make_frozen7.py --out DIR --per-style N --seed S

Written independently of mednn's de-identifier: surrogates in deid_frozen7_names.py and
deid_frozen7_surrogates.py, note kinds in deid_frozen7_notes_{a,b,c}.py, spans recorded by
construction in deid_frozen7_builder.py.  About 30% of notes come from UK/Scotland, Ireland,
Canada, Australia/NZ, South Africa, India or Singapore; each note is cased as written
(normal, ALL CAPS, or all lower case as typed on a phone).

Annotation guideline (what is and is not a span):
- PATIENT, RELATIVE: every written form of the person's name (full, "Last, First",
  "LAST,FIRST M", initials such as "JS" or "J.S.", nicknames, a lone first name, lower case).
  Relationship words ("wife", "son") stay outside the span.
- CLINICIAN: any named staff member or professional (doctors, nurses, therapists, clerks,
  transcriptionists, chaplains, officers, attorneys, drivers) and their user ids / chat
  handles.  Titles and credentials ("Dr", "Prof.", "Sister", "Nurse", "RN", "MD") stay outside.
- HOSPITAL: hospitals, clinics, practices, nursing homes, wards named after a place or a
  person, and home-care / equipment suppliers named after a person ("Okafor Homecare").  "Ward 6", "Bay 7", "AMU", "Suite 3" are not PHI.
- LOCATION: towns, cities, counties, districts.  A US state alone and countries are not PHI.
- ADDRESS: the street line (with unit, P.O. box, rural route, "c/o" name inside); town and
  postcode are separate LOCATION / ZIP spans.  ZIP covers US ZIPs and UK, Canadian, Irish,
  Australian, NZ, South African, Indian and Singapore postcodes.
- DATE: any date with a day or month (m/d, d-Mon-yyyy, "the 3rd", ISO, "3rd of March", date
  ranges as one span).  YEAR: a year alone tied to the person ("in 2019", "'92").  Weekdays,
  seasons, holidays, times, guideline / schedule years ("ATS/ERS 2022", "NCCN 2024") are not PHI.
- AGE: only ages over 89, in digits or words; younger ages are not annotated.
- PHONE (incl. pagers, bleeps, extensions), FAX, EMAIL, URL, IP.
- Identifiers: ID_MRN (hospital / record numbers), ID_HEALTHPLAN (insurance member ids, NHS,
  CHI, provincial health card, Medicare, NHI, GMS), ID_ACCOUNT (billing / FIN), ID_ACCESSION
  (imaging, pathology, kit numbers), ID_DEVICE (serials of pumps, transmitters, scopes,
  defibrillators, wheelchairs, pacemakers), VEHICLE (plates, VINs), ID_PHOTO (clinical or
  forensic photo references), BIOMETRIC (voiceprint, fingerprint, iris, gait template ids),
  ID_DICTATION (job numbers), ID_LICENSE (driver, passport, professional licences),
  SSN, ID_BIOBANK (banked sample ids), ID_NPI, ID_DEA.  Study protocol numbers
  ("ONC-7731"), row numbers of a log, report codes ("RPT-ADT-041"), lot numbers, CPT/ICD/HCPCS codes, drug strengths, scores (5/5,
  GCS 15/15), room and bed numbers are not PHI.
"""
import argparse
import hashlib
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from deid_frozen7_builder import REGIONS, Note, extras  # noqa: E402
from deid_frozen7_notes_a import STYLES as STYLES_A  # noqa: E402
from deid_frozen7_notes_b import STYLES as STYLES_B  # noqa: E402
from deid_frozen7_notes_c import STYLES as STYLES_C  # noqa: E402

STYLES = {**STYLES_A, **STYLES_B, **STYLES_C}
TYPES = ("DATE CLINICIAN HOSPITAL PATIENT PHONE LOCATION RELATIVE ADDRESS ID_MRN YEAR ZIP FAX AGE "
         "ID_ACCESSION ID_DEVICE VEHICLE ID_PHOTO EMAIL ID_DICTATION ID_LICENSE BIOMETRIC SSN "
         "ID_BIOBANK URL ID_HEALTHPLAN ID_NPI ID_ACCOUNT IP ID_DEA").split()
LOWER_STYLES = {"voicemail", "sms_reminder", "vascular_clinic", "memory_clinic"}


def make_note(style_name, rng):
    """One note: (text, [(type, start, end)]), cased as a whole so offsets never move."""
    note = Note(rng, rng.choice(REGIONS))
    STYLES[style_name](note)
    extras(note, rng.choice([0, 1, 1, 2, 2, 3]))
    text = note.text()
    k = rng.random()
    if k < 0.15:
        text = text.upper()
    elif k < 0.27 or (style_name in LOWER_STYLES and k < 0.5):
        text = text.lower()
    return text, note.spans, note.region


def write_set(out, per_style, seed):
    """Write every note of the set and its manifest; returns the manifest dict."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    per_type, by_style, regions, files = Counter(), Counter(), Counter(), []
    mismatches = 0
    for name in sorted(STYLES):
        for i in range(per_style):
            text, spans, region = make_note(name, rng)
            assert text.isascii(), name
            stem = f"{name}_{i:03d}"
            lines = []
            for j, (typ, a, b) in enumerate(spans, 1):
                assert typ in TYPES, typ
                seg = text[a:b]
                if not seg or seg != seg.strip() or "\n" in seg:
                    mismatches += 1
                lines.append(f"T{j}\t{typ} {a} {b}\t{seg}")
                per_type[typ] += 1
            (out / f"{stem}.txt").write_text(text, encoding="utf-8")
            (out / f"{stem}.ann").write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
            files += [f"{stem}.ann", f"{stem}.txt"]
            by_style[name] += 1
            regions[region] += 1
    return _manifest(out, files, per_type, by_style, regions, seed, mismatches)


def _manifest(out, files, per_type, per_style, regions, seed, mismatches):
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode())
        digest.update((out / name).read_bytes())
    check = self_check(out)
    manifest = {
        "set": "frozen7", "seed": seed, "notes": sum(per_style.values()), "spans": sum(per_type.values()),
        "per_type": dict(sorted(per_type.items())), "per_style": dict(sorted(per_style.items())),
        "regions": dict(sorted(regions.items())), "sha256": digest.hexdigest(),
        "self_check": {"spans_checked": check, "slice_mismatches": 0, "untrimmed_or_multiline": mismatches},
    }
    (out / "frozen7_manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def self_check(out):
    """Re-read every .ann and confirm each span's text equals the .txt slice; returns spans checked."""
    checked = 0
    for ann in sorted(Path(out).glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        for line in ann.read_text(encoding="utf-8").splitlines():
            tid, mid, seg = line.split("\t")
            typ, a, b = mid.split(" ")
            if text[int(a):int(b)] != seg:
                raise SystemExit(f"{ann.name}: span {tid} text does not equal the .txt slice")
            checked += 1
    return checked


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--per-style", type=int, default=12)
    ap.add_argument("--seed", type=int, default=20261211)
    args = ap.parse_args(argv)
    if args.per_style < 1:
        print("--per-style must be at least 1", file=sys.stderr)
        return 2
    out = Path(args.out)
    if out.exists() and any(out.iterdir()):
        print(f"{out}: folder is not empty; give a new --out so no stale note joins the set", file=sys.stderr)
        return 2
    m = write_set(args.out, args.per_style, args.seed)
    print(f"frozen7: {m['notes']} notes, {m['spans']} spans, sha256 {m['sha256']}")
    for typ in TYPES:
        print(f"  {typ:14s} {m['per_type'].get(typ, 0)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
