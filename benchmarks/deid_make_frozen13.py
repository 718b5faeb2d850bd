"""Held-out English de-identification set 13: 42 note kinds none of sets 1-12 had.

    python benchmarks/deid_make_frozen13.py --out /tmp/deid_frozen13 --per-style 12 --seed 20261217

writes ``<kind>_<nnn>.txt`` + ``.ann`` (BRAT, offsets into the .txt, end exclusive) and
``frozen13_manifest.json`` (notes, spans per type, kinds, share of non-US notes, seed, per_style,
sha256 over file name bytes + file bytes of every .ann/.txt in sorted name order). Standard library
only; surrogates hand-written in deid_frozen13_core.py; kinds in deid_frozen13_kinds_[abc].py.
Written without reading mednn's de-identifier and never run through it by its writer.
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

from deid_frozen13_core import lower_note, upper_note  # noqa: E402
from deid_frozen13_kinds_a import KINDS_A  # noqa: E402
from deid_frozen13_kinds_b import KINDS_B  # noqa: E402
from deid_frozen13_kinds_c import KINDS_C  # noqa: E402

KINDS = {**KINDS_A, **KINDS_B, **KINDS_C}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--per-style", type=int, default=12)
    ap.add_argument("--seed", type=int, default=20261217)
    a = ap.parse_args(argv)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    for p in out.glob("*.txt"):
        p.unlink()
    for p in out.glob("*.ann"):
        p.unlink()
    r = random.Random(a.seed)
    types: Counter = Counter()
    non_us = 0
    cases = Counter()
    notes = 0
    for name in sorted(KINDS):
        fn, cc = KINDS[name]
        for i in range(a.per_style):
            sloppy = random.Random(r.random()) if r.random() < 0.3 else None
            note, cc = fn(r, sloppy)
            u = r.random()
            if u < 0.10:
                note, cases["upper"] = upper_note(note), cases["upper"] + 1
            elif u < 0.16:
                note, cases["lower"] = lower_note(note), cases["lower"] + 1
            text = note.text()
            lines = []
            for k, (t, s, e, x) in enumerate(note.spans, 1):
                if text[s:e] != x or not x.strip() or "\n" in x:
                    raise SystemExit(f"self-check failed: {name} {i} span {k}")
                lines.append(f"T{k}\t{t} {s} {e}\t{x}")
                types[t] += 1
            stem = f"{name}_{i + 1:03d}"
            (out / f"{stem}.txt").write_text(text, encoding="utf-8", newline="\n")
            (out / f"{stem}.ann").write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
            non_us += cc != "US"
            notes += 1
    h = hashlib.sha256()
    ok = True
    for p in sorted(list(out.glob("*.txt")) + list(out.glob("*.ann")), key=lambda p: p.name):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    for ann in sorted(out.glob("*.ann")):
        txt = ann.with_suffix(".txt").read_text(encoding="utf-8")
        for ln in ann.read_text(encoding="utf-8").splitlines():
            _, mid, x = ln.split("\t")
            _, s, e = mid.split()
            ok &= txt[int(s):int(e)] == x
    total = sum(types.values())
    man = {"notes": notes, "spans": total, "spans_per_type": dict(sorted(types.items())),
           "kinds": sorted(KINDS), "n_kinds": len(KINDS), "share_non_us": round(non_us / notes, 3),
           "cases": dict(cases), "seed": a.seed, "per_style": a.per_style, "sha256": h.hexdigest()}
    (out / "frozen13_manifest.json").write_text(json.dumps(man, indent=1) + "\n")
    print(f"{notes} notes, {total} spans, sha256 {h.hexdigest()}, self-check ok={ok}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
