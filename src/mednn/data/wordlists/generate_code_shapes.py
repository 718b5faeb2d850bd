"""Regenerate ``code-shapes-en.txt``: the digit-bearing words, shapes and number contexts that
PHI-free clinical text uses (the allow-list for numbers of :mod:`mednn.privacy.deid`).

Learnt from text that holds no identifiers (nothing is read at run time; the file is committed):
  * CSV columns given as ``FILE:COLUMN`` or ``FILE:COLUMN:even`` (only the even rows, so that the
    odd rows stay held out): the Medical Abstracts test split's even rows (CC BY-SA 3.0) and the
    MTS-Dialog training and validation sets' note sections and dialogues (CC BY 4.0); the
    MTS-Dialog test sets and the odd abstracts are kept for measuring false removals;
  * ``--brat-train DIR``: the text outside every annotated span of an annotated corpus (the
    MEDDOCAN training split, CC BY 4.0): what annotators left in is not PHI;
  * :data:`CLINICAL`, written for mednn: digit-bearing words that clinical notes use every day.

A word is kept when it occurs in at least ``--min-docs`` different texts (one text's own
catalogue number is not a habit of the field); a shape when at least ``--min-words`` different
kept words of at most 3 digits share it (exactly, or with runs collapsed); a prefix (the leading
letters of a code of 4 digits or more) when it opens codes in at least ``--min-docs`` texts; a
context when it stands before a plain number (after
an optional ``:`` or ``=``) in at least ``--min-docs`` texts.

    python -m mednn.data.wordlists.generate_code_shapes \\
        --corpus medical_tc_test.csv:medical_abstract:even MTS-Dialog-TrainingSet.csv:section_text \\
                 MTS-Dialog-TrainingSet.csv:dialogue MTS-Dialog-ValidationSet.csv:section_text \\
                 MTS-Dialog-ValidationSet.csv:dialogue --brat-train meddocan/corpus/train/brat
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, Iterator

from ...errors import DataError
from ..brat import read_brat
from . import HERE, vocabulary
from .code_shapes import CODE_TOKEN_RE, code_prefix, code_shape, collapsed_shape, digit_count, has_letters

# genes, proteins, drugs, vaccines, scores, spine levels, leads and codes that every clinical
# note may use; none of them can point at a person
CLINICAL = (
    "a1c hba1c hgba1c t2dm t1dm dm2 dm1 b12 b6 b1 d3 k2 25(oh)d 25-oh 25(oh)2d g6pd brca1 brca2 her2 "
    "her2/neu il-1 il-2 il-6 il-8 il-10 il-17 cd3 cd4 cd8 cd19 cd20 cd34 cd45 cd117 p53 tp53 ki-67 ki67 "
    "cyp2d6 cyp3a4 cyp2c9 cyp2c19 hla-b27 hla-dr4 apoe4 jak2 v600e g12c t790m h1n1 h3n2 h5n1 covid-19 covid19 "
    "sars-cov-2 hiv-1 hiv-2 hsv-1 hsv-2 hhv-6 hhv-8 hpv-16 hpv-18 htlv-1 o2 co2 spo2 sao2 pao2 "
    "paco2 fio2 etco2 hco3 h2o h2o2 nh3 mg2 ca2 ft4 ft3 s1 s2 s3 s4 c1 c2 c3 c4 c5 c6 c7 "
    "t1 t2 t3 t4 t5 t6 t7 t8 t9 t10 t11 t12 l1 l2 l3 l4 l5 c5-c6 c6-c7 l4-l5 l5-s1 v1 v2 v3 v4 v5 v6 "
    "cn2 cn3 cn7 cn12 icd-10 icd-9 icd-10-cm dsm-5 phq-9 phq-2 gad-7 cha2ds2-vasc "
    "fev1 fev1/fvc q1h q2h q4h q6h q8h q12h q24h q4-6h q6-8h q2-4h "
    "x1 x2 x3 x4 x5 x10 1x 2x 3x 4x 2nd 3rd 4th 5th 1st g1p0 g2p1 g2p2 g3p2 g1p1 g4p3 "
    "b-12 vitamin-d3 omega-3 omega-6 5-ht 5-fu 6-mp"
).split()


def _csv_texts(spec: str) -> list[str]:
    """The texts of ``FILE:COLUMN`` (``FILE:COLUMN:even``: its even rows), read as the name
    lists' corpus is (:func:`.generate_names.read_corpus`)."""
    from .generate_names import read_corpus

    path, column, *rows = spec.split(":")
    return read_corpus(path, column, rows="even" if rows == ["even"] else "all")


def _brat_texts(folder: Path) -> Iterator[str]:
    """Each text with its annotated spans blanked (their offsets kept)."""
    for _, text, gold in read_brat(folder):
        chars = list(text)
        for start, end in (piece for annotation in gold for piece in annotation.fragments):
            chars[start:end] = " " * (end - start)
        yield "".join(chars)


_MONTHS = ("jan january feb february mar march apr april may jun june jul july aug august sep sept september "
           "oct october nov november dec december").split()
_CONTEXT_BEFORE = re.compile(r"([A-Za-z]{2,})\s*[:=]?\s*$")
# a code written with a space after its letters: "CGS 19755"
_SPACED = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{1,5} \d{4,}(?![A-Za-z0-9])")


def learn(texts: Iterable[str], min_docs: int = 2, min_words: int = 3) -> dict[str, set[str]]:
    """``{"word": ..., "shape": ..., "context": ..., "prefix": ...}`` from PHI-free ``texts``; a
    prefix that is an ordinary word ("in 1988", "May 2004") or a single letter is not kept."""
    ordinary = vocabulary("en").safe | vocabulary("en").name_words | set(_MONTHS)
    word_docs: Counter[str] = Counter()
    context_docs: Counter[str] = Counter()
    prefix_docs: Counter[str] = Counter()
    for text in texts:
        words, contexts = set(), set()
        prefixes = {code_prefix(m.group()) for m in _SPACED.finditer(text)}
        for m in CODE_TOKEN_RE.finditer(text):
            token = m.group()
            if digit_count(token) == 0:
                continue
            words.add(token.lower())
            if has_letters(token) and digit_count(token) >= 4:
                prefixes.add(code_prefix(token))
            if not has_letters(token):
                before = _CONTEXT_BEFORE.search(text[max(0, m.start() - 30):m.start()])
                if before:
                    contexts.add(before.group(1).lower())
        word_docs.update(words)
        context_docs.update(contexts)
        prefix_docs.update(prefixes - {""})
    kept = {w for w, n in word_docs.items() if n >= min_docs} | {w for w in CLINICAL if digit_count(w)}
    by_shape: dict[str, set[str]] = defaultdict(set)
    for word in kept:
        if has_letters(word) and digit_count(word) <= 3:
            by_shape[code_shape(word)].add(word)
            by_shape[collapsed_shape(word)].add(word)
    return {"word": {w for w in kept if has_letters(w)},
            "shape": {s for s, ws in by_shape.items() if len(ws) >= min_words},
            "context": {c for c, n in context_docs.items() if n >= min_docs},
            "prefix": {p for p, n in prefix_docs.items() if n >= min_docs and len(p) >= 2 and p not in ordinary}}


def write(learnt: dict[str, set[str]], path: Path, sources: list[str]) -> None:
    lines = ["# safe digit-bearing words, shapes and number contexts (mednn.data.wordlists.generate_code_shapes)",
             "# from: " + "; ".join(sources)]
    for kind in ("word", "shape", "context", "prefix"):
        lines += [f"{kind}\t{value}" for value in sorted(learnt[kind])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", nargs="*", default=[], help="FILE:COLUMN or FILE:COLUMN:even")
    parser.add_argument("--brat-train", type=Path, default=None)
    parser.add_argument("--min-docs", type=int, default=2)
    parser.add_argument("--min-words", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "code-shapes-en.txt")
    args = parser.parse_args(argv)

    def texts() -> Iterator[str]:
        for spec in args.corpus:
            yield from _csv_texts(spec)
        if args.brat_train is not None:
            yield from _brat_texts(args.brat_train)

    try:
        learnt = learn(texts(), args.min_docs, args.min_words)
    except DataError as exc:  # a missing corpus file or column: one line, exit 2
        parser.error(str(exc))
    sources = [Path(s.split(":")[0]).name + ":" + ":".join(s.split(":")[1:]) for s in args.corpus]
    sources += [f"{args.brat_train.name} outside annotated spans"] if args.brat_train else []
    write(learnt, args.out, sources + ["the CLINICAL list"])
    print(f"wrote {args.out}: " + ", ".join(f"{len(v)} {k}s" for k, v in learnt.items()))


if __name__ == "__main__":
    main()
