"""Write frozen held-out English de-identification set 11 (BRAT .txt/.ann pairs).

    python benchmarks/deid_make_frozen11.py --out /tmp/deid_frozen11 --per-style 14 --seed 20261215

36 note kinds none of sets 1-10 had: machine dumps and exports (DICOM headers, X12 837 claims,
ventilator alarm logs, Holter and DXA printouts, tab-separated clinic lists, two-across label sheets,
WhatsApp exports, record-merge requests, biometric enrolment registers, property and security logs),
long and messy clinical prose (narrative histories, copy-forward progress notes, speech-recognition
letters, English mixed with Spanish, Tagalog, Hindi and Afrikaans, ward night reports naming several
patients, looked-after-children assessments, home births, frozen-section call logs, missing-patient
alerts) and forms of twelve countries (ACC45, GP management plans, Irish medical cards, Singapore
polyclinic memos, Nigerian NHIA referrals, WSIB forms, DNA letters, LAMA forms, workers'
compensation first reports, drug-test chain of custody, biobank withdrawals, donor milk banks).
Surrogates are typed by hand in benchmarks/deid_frozen11_*.py; standard library only; nothing here
imports mednn. Its writer never read mednn's de-identifier nor ran it on these notes.

Annotation: the identifier only (no titles, roles or possessive 's); a full date is one span; an
address line's street part is ADDRESS, its town LOCATION, its postcode ZIP (states, provinces and
countries are not annotated); AGE only over 89; YEAR a year standing alone.
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

import deid_frozen11_notes_a as A  # noqa: E402
import deid_frozen11_notes_b as B  # noqa: E402
import deid_frozen11_notes_c as C  # noqa: E402
from deid_frozen11_core import Note  # noqa: E402

KINDS = {f.__name__: f for f in A.KINDS + B.KINDS + C.KINDS}
# kinds whose hands sometimes type all in capitals or all in lower case
RECASE = set(A.RECASE) | set(B.RECASE) | set(C.RECASE)
# kinds that arrive by fax and are filed as OCR text
OCR = set(C.OCR)


def make_note(kind: str, i: int, seed: int) -> Note:
    rng = random.Random(f"{seed}:{kind}:{i}")
    n = Note(rng)
    KINDS[kind](n)
    if kind in RECASE:
        r = rng.random()
        if r < 0.15:
            n.recase("upper")
        elif r < 0.27:
            n.recase("lower")
    if kind in OCR and rng.random() < 0.45:
        n.ocr(0.03)
    return n


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--per-style", type=int, default=14)
    ap.add_argument("--seed", type=int, default=20261215)
    a = ap.parse_args(argv)
    a.out.mkdir(parents=True, exist_ok=True)
    for old in list(a.out.glob("*.txt")) + list(a.out.glob("*.ann")):
        old.unlink()
    per_type, per_kind, countries, ok, nspans = Counter(), Counter(), Counter(), True, 0
    for kind in sorted(KINDS):
        for i in range(a.per_style):
            n = make_note(kind, i, a.seed)
            text = n.text
            lines = []
            for k, (typ, s, e, frag) in enumerate(sorted(n.spans, key=lambda t: (t[1], t[2])), 1):
                ok &= text[s:e] == frag and frag == frag.strip() and "\n" not in frag
                lines.append(f"T{k}\t{typ} {s} {e}\t{frag}")
                per_type[typ] += 1
            nspans += len(lines)
            stem = f"{kind}_{i:03d}"
            (a.out / f"{stem}.txt").write_text(text, encoding="utf-8", newline="\n")
            (a.out / f"{stem}.ann").write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
            per_kind[kind] += 1
            countries[n.country] += 1
    h = hashlib.sha256()
    files = sorted(p for p in a.out.iterdir() if p.suffix in (".txt", ".ann"))
    for p in files:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    # self-check: re-read every written pair and compare each span with its slice
    for p in files:
        if p.suffix == ".ann":
            text = p.with_suffix(".txt").read_text(encoding="utf-8")
            for row in p.read_text(encoding="utf-8").splitlines():
                _, mid, frag = row.split("\t")
                _, s, e = mid.split()
                ok &= text[int(s):int(e)] == frag
    notes = sum(per_kind.values())
    manifest = {"notes": notes, "spans": nspans, "spans_per_type": dict(sorted(per_type.items())),
                "kinds": sorted(per_kind), "n_kinds": len(per_kind), "countries": dict(sorted(countries.items())),
                "share_non_us": round(1 - countries["US"] / notes, 3), "seed": a.seed, "per_style": a.per_style,
                "sha256": h.hexdigest(), "self_check_ok": bool(ok)}
    (a.out / "frozen11_manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print(f"{notes} notes, {nspans} spans, sha256 {h.hexdigest()}, self-check ok={bool(ok)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
