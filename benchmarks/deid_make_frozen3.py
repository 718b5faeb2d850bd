"""Frozen held-out English de-identification set 3: realistic notes of one invented hospital system.

    python benchmarks/deid_make_frozen3.py --out /tmp/deid_frozen3 --per-style 36 --seed 20261207

writes ``<style>_<nnn>.txt`` + ``.ann`` (BRAT: ``T1<TAB>TYPE start end<TAB>text``, character offsets
into the ``.txt``, end exclusive, ``\\n`` line ends) for 14 note kinds (ED triage and ED physician,
operative and bedside-procedure notes, psychiatric intake, pathology, home-health and hospice visits,
pharmacy medication reconciliation, patient-portal messages, nurse call-backs, transfer / SNF
handoffs, physical therapy, consult letters) and ``frozen3_manifest.json`` (counts per type and
style, seed, Faker version, sha256 over the files in sorted order, and a self-check that every
span's text equals its slice of the ``.txt``). The same seed and Faker version give the same bytes.
It was written without reading mednn's de-identifier, its docs, or the earlier generators, and must
never be tuned on: it is a held-out set.

Annotation guideline (what is PHI here, and exactly which characters a span covers):
- PATIENT, RELATIVE, CLINICIAN: the name only, in any form (``Okafor, Daniel``, ``D. Okafor``,
  ``DO``, a nickname, a lone first name, lower case); titles (``Dr.``, ``Mrs``), credentials
  (``MD``, ``RN``, ``PharmD``) and a possessive ``'s`` stay outside. A relative's role word
  (``husband``, ``dtr``) is not PHI. CLINICIAN covers every care-team member (physicians,
  nurses, therapists, pharmacists, chaplains, case managers), also as initials.
- HOSPITAL: hospitals, clinics, practices, agencies, hospices and wards named after a place or
  a person, long or as their code (``TVMC``). Generic units (``MICU``, ``4 West``, ``Pod B``) and
  national pharmacy chains / payers (CVS, Medicare, Aetna) are not PHI.
- LOCATION: towns, cities and counties. A state alone, a country and a state in an address are
  not PHI and are not annotated. ADDRESS: the street line with its number and unit, or a P.O.
  box / rural route; ZIP: the ZIP or ZIP+4, annotated separately from the town.
- DATE: every date element finer than a year, with the year when it is written with one
  (``7/22``, ``7/22/26``, ``22-Jul-2026``, ``July 2026``, the ``3rd`` of "the 3rd"; "the" stays out).
  YEAR: a year on its own (``2019``, ``'92`` with its apostrophe, the ``95`` of "in 95").
  Weekdays, times, durations and relative dates are not PHI.
- AGE: ages over 89 only (Safe Harbor), digits or words (``ninety-three``); the ``y/o`` stays out.
  Ages 18-89 appear unannotated.
- PHONE (an extension belongs to its number; pagers and 5-digit internal numbers too), FAX,
  EMAIL, URL, IP (v4 and v6).
- Identifiers, the value only (never the label ``MRN:``): ID_MRN, ID_ACCOUNT (encounter,
  billing, HAR, FIN, authorisation numbers), ID_ACCESSION (pathology / radiology / lab cases),
  ID_DEVICE (serial and lot numbers of devices and implants), VEHICLE (plates, VINs), ID_PHOTO
  (identifiers or file names of photographs of the patient), ID_LICENSE (driver's and
  professional licences), ID_DICTATION (dictation / transcription job numbers), BIOMETRIC
  (identifiers of voiceprints, finger-, palm-vein, retina and face templates), SSN (also the
  last four digits when given as the SSN), ID_BIOBANK, ID_HEALTHPLAN (member, MBI, Medicaid,
  policy and group numbers), ID_NPI, ID_DEA.
- Not PHI by this hospital's rule: room and bed numbers, telephone extensions written alone
  (``x4471`` for the nurse's line), drug brands, eponyms (Parkinson, Foley, Babinski, Whipple),
  scores and strengths (``5/5``, Berg 44/56), doses, vitals, CLIA numbers and pharmacy BINs
  (identify a laboratory or an insurer's routing, not a person).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import deid_frozen3_phrases_acute as acute  # noqa: E402
import deid_frozen3_phrases_community as community  # noqa: E402
import deid_frozen3_render as render  # noqa: E402

STYLES = {**acute.STYLES, **community.STYLES}
CASINGS = {**acute.CASINGS, **community.CASINGS}
HOSPITAL_KINDS = {**acute.HOSPITAL_KINDS, **community.HOSPITAL_KINDS}
LABELS = ("DATE CLINICIAN HOSPITAL PATIENT PHONE LOCATION RELATIVE ADDRESS ID_MRN YEAR ZIP FAX AGE "
          "ID_ACCESSION ID_DEVICE VEHICLE ID_PHOTO EMAIL ID_DICTATION ID_LICENSE BIOMETRIC SSN ID_BIOBANK "
          "URL ID_HEALTHPLAN ID_NPI ID_ACCOUNT IP ID_DEA").split()
MANIFEST = "frozen3_manifest.json"


def make_note(style: str, index: int, seed: int) -> tuple[str, list[tuple[int, int, str]]]:
    """One note of ``style``: its text and (start, end, type) spans; depends only on the arguments."""
    from faker import Faker

    rng = random.Random(f"frozen3:{seed}:{style}:{index}")
    fake = Faker("en_US")
    fake.seed_instance(rng.randrange(2**32))
    cast = render.Cast(rng, fake, HOSPITAL_KINDS[style], 0.75 if style == "hospice" else 0.4)
    segs: list[render.Seg] = []
    for probability, alternatives in STYLES[style]:
        if rng.random() < probability:
            segs += render.render_template(rng.choice(alternatives), cast)
    return render.finish(segs, rng, CASINGS[style])


def brat(text: str, spans: list[tuple[int, int, str]]) -> str:
    lines = [f"T{k}\t{label} {start} {end}\t{text[start:end]}" for k, (start, end, label) in enumerate(spans, 1)]
    return "".join(line + "\n" for line in lines)


def _check(folder: Path) -> dict:
    """Re-read every written pair: each span's text must equal the .txt slice and be trimmed."""
    checked, bad = 0, []
    for ann in sorted(folder.glob("*.ann")):
        text = ann.with_suffix(".txt").read_bytes().decode("utf-8")
        for line in ann.read_bytes().decode("utf-8").splitlines():
            _, kind_offsets, span_text = line.split("\t")
            label, start, end = kind_offsets.split()
            piece = text[int(start):int(end)]
            checked += 1
            if piece != span_text or piece != piece.strip() or label not in LABELS or "\n" in piece:
                bad.append(f"{ann.name}:{line.split(chr(9))[0]}")
    return {"spans_checked": checked, "mismatches": len(bad), "first_mismatches": bad[:5], "ok": not bad}


def _sha256(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".ann")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def generate(out: Path, per_style: int, seed: int) -> dict:
    """Write the set into ``out`` (which must not hold notes yet) and return its manifest."""
    import faker

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".frozen3_", dir=out.parent))
    per_type = {label: 0 for label in LABELS}
    by_style: dict[str, dict[str, int]] = {}
    try:
        for style in STYLES:
            n_spans = 0
            for index in range(per_style):
                text, spans = make_note(style, index, seed)
                stem = f"{style}_{index:03d}"
                (tmp / f"{stem}.txt").write_bytes(text.encode("utf-8"))
                (tmp / f"{stem}.ann").write_bytes(brat(text, spans).encode("utf-8"))
                for _, _, label in spans:
                    per_type[label] += 1
                n_spans += len(spans)
            by_style[style] = {"notes": per_style, "spans": n_spans}
        manifest = {
            "generator": "benchmarks/deid_make_frozen3.py", "seed": seed, "per_style_requested": per_style,
            "faker": faker.VERSION, "notes": per_style * len(STYLES), "spans": sum(per_type.values()),
            "per_type": per_type, "per_style": by_style, "labels": LABELS,
            "sha256": _sha256(tmp), "self_check": _check(tmp),
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        if out.exists():
            out.rmdir()  # empty by the caller's check; a folder with files is refused before this
        tmp.rename(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to create (must be absent or empty)")
    parser.add_argument("--per-style", type=int, default=36, help=f"notes per style ({len(STYLES)} styles)")
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args(argv)
    if args.per_style < 1 or args.per_style > 999:
        print(f"--per-style must be between 1 and 999; got {args.per_style}.", file=sys.stderr)
        return 2
    if args.out.exists() and (not args.out.is_dir() or any(args.out.iterdir())):
        print(f"--out {args.out} exists and is not an empty folder; choose a new path.", file=sys.stderr)
        return 2
    try:
        import faker  # noqa: F401
    except ImportError:
        print("Faker is needed: pip install -c constraints.txt 'faker==40.54.0'.", file=sys.stderr)
        return 2
    manifest = generate(args.out, args.per_style, args.seed)
    print(f"{manifest['notes']} notes, {manifest['spans']} spans -> {args.out}")
    for label in LABELS:
        print(f"  {label:<14}{manifest['per_type'][label]:>6}")
    print(f"sha256 {manifest['sha256']}  self-check {'ok' if manifest['self_check']['ok'] else 'FAILED'}")
    return 0 if manifest["self_check"]["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
