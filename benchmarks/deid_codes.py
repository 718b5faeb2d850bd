"""False removals of the code recognizer (the allow-list for numbers) on real PHI-free text.

Runs mednn's English de-identifier twice in one process, with and without the ``codes``
recognizer (:mod:`mednn.privacy.deid.recognizers.codes`), on CSV text columns that hold little or
no PHI, and reports what the recognizer adds per 1,000 words, by class of removed token, with
the most frequent added tokens (public text: journal abstracts, the MTS-Dialog sets):

    python benchmarks/deid_codes.py /work/shared/data/medical_abstracts/medical_tc_test.csv:medical_abstract:odd \\
        /work/shared/data/mts_dialog/MTS-Dialog-TestSet-2-MEDIQA-Sum-2023.csv:section_text \\
        /work/shared/data/mts_dialog/MTS-Dialog-TestSet-2-MEDIQA-Sum-2023.csv:dialogue --json codes.json

Use only held-out rows: the odd abstracts and the MTS-Dialog test sets (the even abstracts and the
MTS-Dialog training / validation sets built ``code-shapes-en.txt``).

``--probe BRAT_DIR`` asks what happens when a new writer labels identifiers differently: every
gold identifier of an annotated BRAT corpus (types ``ID*``, ``VEHICLE``, ``BIOMETRIC``) is put
alone into sentences whose labels no cue list of mednn knows ("Kardex ref ...", "... was scanned
at the bedside"), in its own casing, lower case and capitals, and counted as found when a
predicted span overlaps it, with and without the code recognizer (counts only, never values).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

CLASSES = ("plain number of 4-6 digits", "plain number, other form", "mixed, <= 3 digits",
           "mixed, >= 4 digits", "spaced group")


def token_class(token: str) -> str:
    from mednn.data.wordlists.code_shapes import digit_count, has_letters

    if " " in token:
        return "spaced group"
    if not has_letters(token):
        return "plain number of 4-6 digits" if token.isdigit() and len(token) <= 6 else "plain number, other form"
    return "mixed, <= 3 digits" if digit_count(token) <= 3 else "mixed, >= 4 digits"


def read_column(spec: str) -> list[str]:
    parts = spec.split(":")
    path, column = Path(parts[0]), parts[1]
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh:
        texts = [row[column] or "" for row in csv.DictReader(fh)]
    if len(parts) > 2:
        texts = texts[1::2] if parts[2] == "odd" else texts[0::2]
    return texts


def added_spans(texts: list[str]) -> tuple[list[list[tuple[int, int, str]]], float, float]:
    """Per text, the spans found with the code recognizer that overlap nothing found without it;
    and the seconds spent with and without it."""
    from mednn.privacy.deid import Deidentifier

    with_codes = Deidentifier().fit()
    without = Deidentifier().fit()
    without.recognizers_ = [r for r in without.recognizers_ if r.name != "codes"]
    for text in texts[:50]:  # warm the shared word cache, so that neither timing pays for it
        with_codes.find(text)
    t0 = time.perf_counter()
    found_with = [with_codes.find(t) for t in texts]
    t1 = time.perf_counter()
    found_without = [without.find(t) for t in texts]
    t2 = time.perf_counter()
    added = [[s for s in a if not any(b.start < s.end and s.start < b.end for b in base)]
             for a, base in zip(found_with, found_without)]
    return added, t1 - t0, t2 - t1


def measure(spec: str, show: int = 20) -> dict:
    texts = read_column(spec)
    words = sum(len(t.split()) for t in texts)
    added, seconds_with, seconds_without = added_spans(texts)
    tokens = [t[s.start:s.end] for t, spans in zip(texts, added) for s in spans]
    classes = Counter(token_class(tok) for tok in tokens)
    per_1000 = 1000 * len(tokens) / max(words, 1)
    print(f"\n{spec}: {len(texts)} texts, {words} words; the code recognizer adds {len(tokens)} spans "
          f"= {per_1000:.3f} per 1,000 words; find() {seconds_without:.1f} s without, {seconds_with:.1f} s with")
    print("| class of removed token | added | per 1,000 words |\n| --- | ---: | ---: |")
    for c in CLASSES:
        print(f"| {c} | {classes.get(c, 0)} | {1000 * classes.get(c, 0) / max(words, 1):.3f} |")
    print("most frequent added: " + ", ".join(f"{w!r} {n}" for w, n in Counter(tokens).most_common(show)))
    return {"corpus": spec, "texts": len(texts), "words": words, "added": len(tokens), "per_1000_words": per_1000,
            "by_class": {c: classes.get(c, 0) for c in CLASSES}, "seconds_with": seconds_with,
            "seconds_without": seconds_without, "most_frequent": Counter(tokens).most_common(show)}


# sentences whose label words are in no cue list of mednn (checked by the probe's "without" column)
PROBE_TEMPLATES = ("{v} was scanned at the bedside.", "Kardex ref {v}, verified twice.",
                   "Wristband barcode {v} matches the chart.", "Pyxis drawer tag {v} restocked.",
                   "Tracking {v} entered by the unit clerk.", "Crosswalk key {v} per registration.")


def probe_values(folder: Path) -> list[str]:
    from mednn.data.brat import read_ann

    values = []
    for ann in sorted(folder.glob("*.ann")):
        values += [a.text for a in read_ann(ann) if a.type.startswith(("ID", "VEHICLE", "BIOMETRIC"))]
    return values


def probe(folder: Path) -> dict:
    from mednn.privacy.deid import Deidentifier

    with_codes = Deidentifier().fit()
    without = Deidentifier().fit()
    without.recognizers_ = [r for r in without.recognizers_ if r.name != "codes"]
    found = Counter()
    values = probe_values(folder)
    for value in values:
        for template in PROBE_TEMPLATES:
            for casing, v in (("as written", value), ("lower", value.lower()), ("upper", value.upper())):
                text = template.format(v=v)
                start = text.index(v)
                for name, engine in (("with", with_codes), ("without", without)):
                    hit = any(s.start < start + len(v) and start < s.end for s in engine.find(text))
                    found[name, casing] += hit
    n = len(values) * len(PROBE_TEMPLATES)
    print(f"\nprobe {folder}: {len(values)} gold identifiers x {len(PROBE_TEMPLATES)} unlabelled sentences x 3 casings")
    print("| casing | recall without codes | recall with codes |\n| --- | ---: | ---: |")
    for casing in ("as written", "lower", "upper"):
        print(f"| {casing} | {found['without', casing] / max(n, 1):.3f} | {found['with', casing] / max(n, 1):.3f} |")
    return {"corpus": str(folder), "identifiers": len(values), "sentences_per_casing": n,
            "recall": {f"{name} {casing}": found[name, casing] / max(n, 1) for name, casing in found}}


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("columns", nargs="*", help="FILE:COLUMN, FILE:COLUMN:odd or FILE:COLUMN:even")
    parser.add_argument("--probe", type=Path, nargs="*", default=[], help="BRAT folders whose identifiers to relabel")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    results = [measure(spec) for spec in args.columns] + [probe(folder) for folder in args.probe]
    print(f"\n{time.strftime('%Y-%m-%d %H:%M')} UTC, load average {os.getloadavg()[0]:.1f}")
    if args.json:
        args.json.write_text(json.dumps({"date": time.strftime("%Y-%m-%d"), "load_average": os.getloadavg(),
                                         "results": results}, indent=2) + "\n", encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
    sys.exit(0)
