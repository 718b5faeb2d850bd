"""Write frozen held-out English de-identification set 12 (BRAT .txt/.ann pairs) and its manifest.

    python benchmarks/deid_make_frozen12.py --out /tmp/deid_frozen12 --per-style 13 --seed 20261216

38 note kinds none of sets 1-11 had (endoscope decontamination traces, mortuary registers, RIS
worklists, cumulative lab reports, pharmacy delivery runs, MRO drug-test verifications, fit-to-fly
and jury-excusal letters, life-insurance physician statements, clozapine monitoring registers,
harm-reduction site logs, switchboard message slips, student logbooks, coding queries, arrest
records, OCR'd ward whiteboards, pedigree legends, twin-registry letters, cancer-registry
abstracts, disease notifications, lead-poisoning home inspections, PDMP reports, NCPDP e-scripts,
telemetry event logs, MRI safety screens, carers' assessments in prose, cruise-ship and mine-site
clinic logs, relief-camp registers in English with Hindi / Tagalog, IT tickets, proxy-access
requests, credentialing files, EOBs, charity-care applications, smartwatch portal messages,
blood-donor deferrals, Taglish ward endorsements, uncorrected tele-psychiatry transcripts) from
12 countries. Surrogates are hand-written (deid_frozen12_names.py, deid_frozen12_core.py).

Annotation: the identifier only (no title, no credential, no possessive 's); a full date is one
span; an address's street part is ADDRESS, its town LOCATION, its postcode ZIP (a state or county
stays plain); a standalone year is YEAR; AGE only over 89. Written without reading mednn's
de-identifier and never run through it by its writer. Standard library only; deterministic for a seed.
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

import deid_frozen12_notes_a as A  # noqa: E402
import deid_frozen12_notes_b as B  # noqa: E402
import deid_frozen12_notes_c as C  # noqa: E402
from deid_frozen12_core import NON_US, Kit, hard_wrap, parse, recase_text  # noqa: E402

KINDS = {**A.KINDS, **B.KINDS, **C.KINDS}
# kinds whose prose is often exported with hard line breaks (a name or address may break over two lines)
WRAPPED = {"carer_assessment", "jury_excusal", "fit_to_fly_letter", "twin_registry", "donor_deferral",
           "it_helpdesk_ticket", "wearable_upload", "coding_query", "harm_reduction_log"}


def make_note(kind: str, rng: random.Random):
    fn, regions = KINDS[kind]
    region = rng.choice(regions)
    kit = Kit(rng, region)
    markup, case = fn(kit)
    text, spans = parse(recase_text(markup, case))
    if kind in WRAPPED and rng.random() < 0.6:
        text, spans = hard_wrap(text, spans, rng.choice([64, 70, 76, 80]))
    return text, spans, region, case


def write_set(out: Path, per_style: int, seed: int) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    for old in list(out.glob("*.txt")) + list(out.glob("*.ann")):
        old.unlink()
    rng = random.Random(seed)
    types, kinds, regions, cases = Counter(), Counter(), Counter(), Counter()
    for kind in sorted(KINDS):
        for i in range(per_style):
            text, spans, region, case = make_note(kind, rng)
            stem = f"{kind}_{i:03d}"
            ann = []
            for n, (typ, s, e) in enumerate(spans, 1):
                frag = text[s:e]
                assert "\n" not in frag, (stem, typ, frag)
                ann.append(f"T{n}\t{typ} {s} {e}\t{frag}\n")
                types[typ] += 1
            (out / f"{stem}.txt").write_text(text, encoding="utf-8", newline="\n")
            (out / f"{stem}.ann").write_text("".join(ann), encoding="utf-8", newline="\n")
            kinds[kind] += 1
            regions[region] += 1
            cases[case or "mixed"] += 1
    ok = self_check(out)
    h = hashlib.sha256()
    for f in sorted(out.glob("*")):
        if f.suffix in (".txt", ".ann"):
            h.update(f.name.encode())
            h.update(f.read_bytes())
    notes = sum(kinds.values())
    manifest = {
        "set": 12, "seed": seed, "per_style": per_style, "notes": notes, "spans": sum(types.values()),
        "spans_per_type": dict(sorted(types.items())), "kinds": sorted(kinds), "n_kinds": len(kinds),
        "regions": dict(sorted(regions.items())),
        "share_non_us": round(sum(v for r, v in regions.items() if r in NON_US) / notes, 3),
        "case": dict(cases), "sha256": h.hexdigest(), "self_check": ok,
    }
    (out / "frozen12_manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def self_check(out: Path) -> bool:
    """Every span's text equals its slice of the .txt, and spans of a note do not overlap."""
    for ann in sorted(out.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        prev_end = -1
        rows = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            tid, mid, frag = line.split("\t")
            typ, s, e = mid.split()
            s, e = int(s), int(e)
            assert text[s:e] == frag, (ann.name, tid)
            assert frag == frag.strip() and frag, (ann.name, tid)
            rows.append((s, e))
        for s, e in sorted(rows):
            assert s >= prev_end, (ann.name, s)
            prev_end = e
    return True


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--per-style", type=int, default=13)
    ap.add_argument("--seed", type=int, default=20261216)
    a = ap.parse_args(argv)
    m = write_set(a.out, a.per_style, a.seed)
    print(f"{m['notes']} notes, {m['spans']} spans, sha256 {m['sha256']}, self-check ok={m['self_check']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
