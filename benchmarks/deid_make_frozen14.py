"""Frozen held-out English de-identification set 14: one more independent writer (BRAT .txt/.ann pairs).

    python benchmarks/deid_make_frozen14.py --out /tmp/deid_frozen14 --per-style 11 --seed 20261218

writes ``<kind>_<nnn>.txt`` + ``.ann`` (``T1<TAB>TYPE START END<TAB>text``, offsets into the .txt, end
exclusive, ``\\n`` line ends) and ``frozen14_manifest.json`` (notes, spans per type, kinds, share of non-US
notes, seed, per_style, sha256 over file name bytes + file bytes of every .ann/.txt in sorted name order).
Standard library only; surrogates hand-written in deid_frozen14_people.py. Written without reading mednn's
de-identifier, its wordlists or the earlier generators' code, and never run through the de-identifier by
its writer: the first score on it is a held-out score.

Annotation: the identifier only (no titles, credentials or possessive 's); a full date is one span, a year
alone is YEAR, an age only when over 89; an address's street part is ADDRESS, its town LOCATION, its postcode
ZIP (a state or country is not annotated); a staff member who is the subject of an occupational-health
record is PATIENT; a name cut by a hard line wrap is two spans. Hospitals, clinics and practices named after
a place or a person are HOSPITAL; generic units (ICU, Ward 7, 4W Ortho) are not.
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

from deid_frozen14_core import NON_US, Ctx, Note, wrap  # noqa: E402
from deid_frozen14_kinds_a import KINDS as KA  # noqa: E402
from deid_frozen14_kinds_b import KINDS as KB  # noqa: E402
from deid_frozen14_kinds_c import KINDS as KC  # noqa: E402
from deid_frozen14_kinds_d import KINDS as KD  # noqa: E402

KINDS = {**KA, **KB, **KC, **KD}
# kinds written as prose: some notes of them are hard-wrapped at 60-78 columns
PROSE = {"si_rca_report", "icu_diary", "birth_plan", "mh_tribunal_report", "uk_cop3_capacity", "repatriation_case", "nipt_result",
         "karyotype_report", "prep_clinic", "ocularist_record", "gait_lab_report", "fft_comments",
         "ie_hse_waiting_list", "semen_analysis_pv", "quit_smoking_log"}


COPY_FORWARD = {"mh_tribunal_report", "prep_clinic", "quit_smoking_log", "ocularist_record", "repatriation_case",
                "karyotype_report"}


def make_note(rng: random.Random, kind: str):
    func, regions = KINDS[kind]
    region = rng.choice(regions)
    roll = rng.random()
    case = "upper" if roll < 0.1 else "lower" if roll < 0.16 else None
    careless = rng.random() < 0.28
    asr = kind in PROSE and rng.random() < 0.2
    n = Note(rng, case=case, careless=careless, asr=asr)
    func(Ctx(rng, region), n)
    text = n.text()
    spans = n.spans
    traits = {"capitals": case == "upper", "lower_case": case == "lower", "careless": careless, "dictated_asr": asr}
    traits["copy_forward"] = kind in COPY_FORWARD and rng.random() < 0.3
    if traits["copy_forward"]:
        text, spans = copy_forward(text, spans, rng)
    traits["hard_wrapped"] = kind in PROSE and rng.random() < 0.4
    if traits["hard_wrapped"]:
        text, spans = wrap(text, spans, rng.randint(60, 78), rng)
    if not text.endswith("\n"):
        text += "\n"
    return region, text, spans, traits


def copy_forward(text: str, spans: list[tuple[str, int, int]], rng: random.Random):
    """A copy-forward note: one block of the note (between blank lines) pasted again at its end."""
    cuts = [0] + [i + 2 for i in range(len(text)) if text.startswith("\n\n", i)] + [len(text)]
    blocks = [(a, b) for a, b in zip(cuts, cuts[1:]) if b - a > 80]
    if not blocks:
        return text, spans
    a, b = rng.choice(blocks)
    block = text[a:b].rstrip("\n")
    head = rng.choice(["\n\n", "\n\n--- previous entry ---\n", "\n\n(copied from note of last visit)\n"])
    base = len(text.rstrip("\n")) + len(head)
    extra = [(t, s - a + base, e - a + base) for t, s, e in spans if s >= a and e <= a + len(block)]
    return text.rstrip("\n") + head + block + "\n", spans + extra


def write(out: Path, per_style: int, seed: int) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    for old in list(out.glob("*.txt")) + list(out.glob("*.ann")):
        old.unlink()
    rng = random.Random(seed)
    types: Counter = Counter()
    regions: Counter = Counter()
    traits: Counter = Counter()
    notes = 0
    for kind in sorted(KINDS):
        for i in range(per_style):
            region, text, spans, tr = make_note(rng, kind)
            regions[region] += 1
            traits.update(k for k, v in tr.items() if v)
            lines = []
            for k, (typ, s, e) in enumerate(sorted(spans, key=lambda x: (x[1], x[2])), 1):
                piece = text[s:e]
                assert piece and piece == piece.strip() and "\n" not in piece, (kind, i, typ, repr(piece))
                lines.append(f"T{k}\t{typ} {s} {e}\t{piece}\n")
                types[typ] += 1
            stem = f"{kind}_{i + 1:03d}"
            (out / f"{stem}.txt").write_text(text, encoding="utf-8", newline="\n")
            (out / f"{stem}.ann").write_text("".join(lines), encoding="utf-8", newline="\n")
            notes += 1
    ok = self_check(out)
    digest = sha256_of(out)
    non_us = sum(v for k, v in regions.items() if k in NON_US)
    manifest = {"notes": notes, "spans": sum(types.values()), "spans_per_type": dict(sorted(types.items())),
                "kinds": sorted(KINDS), "n_kinds": len(KINDS), "regions": dict(sorted(regions.items())),
                "share_non_us": round(non_us / notes, 4),
                "notes_with": dict(sorted(traits.items())), "seed": seed, "per_style": per_style,
                "sha256": digest, "self_check_ok": ok}
    (out / "frozen14_manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def self_check(out: Path) -> bool:
    """Every span's text equals its slice of the .txt (read back from disk)."""
    for ann in sorted(out.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        for line in ann.read_text(encoding="utf-8").splitlines():
            _tid, mid, piece = line.split("\t")
            _typ, s, e = mid.split(" ")
            if text[int(s):int(e)] != piece:
                return False
    return True


def sha256_of(out: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(list(out.glob("*.txt")) + list(out.glob("*.ann")), key=lambda p: p.name):
        h.update(f.name.encode("utf-8"))
        h.update(f.read_bytes())
    return h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--per-style", type=int, default=11)
    ap.add_argument("--seed", type=int, default=20261218)
    args = ap.parse_args(argv)
    m = write(args.out, args.per_style, args.seed)
    print(f"{m['notes']} notes, {m['spans']} spans, sha256 {m['sha256']}, self-check ok={m['self_check_ok']}")
    return 0 if m["self_check_ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
