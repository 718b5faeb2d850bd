"""BRAT standoff annotations: a note's ``.txt`` and its ``.ann`` beside it, the form of every
annotated de-identification corpus mednn reads (MEDDOCAN, the generated English sets).

A text-bound line of an ``.ann`` file reads ``T<n><TAB><TYPE> <start> <end>[;<start> <end>...]<TAB><text>``:
character offsets into the ``.txt`` (end exclusive), several fragments for a discontinuous span.
Other lines (relations ``R``, notes ``#``, events ``E`` ...) are passed over. This is the one
reader of them: the tagger's training, the word-list generators, the benchmarks and the tests
call :func:`read_ann` / :func:`read_brat`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

# T<n> TAB TYPE start end[;start end...] TAB text
_TEXT_BOUND = re.compile(r"(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)")


class Annotation(NamedTuple):
    """One text-bound annotation: ``text[start:end]`` (of the note) is of ``type``; ``fragments``
    are its ``(start, end)`` pieces (one, unless the span is discontinuous); ``text`` is the
    annotated text as the ``.ann`` line writes it."""

    id: str
    type: str
    fragments: tuple[tuple[int, int], ...]
    text: str

    @property
    def start(self) -> int:
        return min(start for start, _ in self.fragments)

    @property
    def end(self) -> int:
        return max(end for _, end in self.fragments)


def read_ann(path: str | Path) -> list[Annotation]:
    """The text-bound annotations of one ``.ann`` file, in file order; a ``T`` line that is not
    well-formed raises ValueError naming the file and line number.

    >>> read_ann("note001.ann")  # doctest: +SKIP
    [Annotation(id='T1', type='NAME', fragments=((9, 20),), text='Maria Lopez')]
    """
    path = Path(path)
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.startswith("T"):
            continue
        match = _TEXT_BOUND.fullmatch(line)
        if match is None:
            raise ValueError(f"{path}: line {number} is not a BRAT text-bound annotation "
                             "(T<n><TAB>TYPE start end<TAB>text)")
        numbers = [int(x) for x in match[3].replace(";", " ").split()]
        found.append(Annotation(match[1], match[2], tuple(zip(numbers[0::2], numbers[1::2])), match[4]))
    return found


def read_brat(folder: str | Path, *, recursive: bool = False,
              annotated_only: bool = False) -> list[tuple[Path, str, list[Annotation]]]:
    """``(path of the .txt, its text, its annotations)`` of every note in ``folder`` (below it
    too with ``recursive``), sorted by path. A ``.txt`` without an ``.ann`` has no annotations,
    or is left out with ``annotated_only``.

    >>> [(path.stem, len(spans)) for path, _, spans in read_brat("corpus/dev/brat")]  # doctest: +SKIP
    [('S0004-06142005000200009-1', 17), ...]
    """
    notes = []
    for txt in sorted(Path(folder).rglob("*.txt") if recursive else Path(folder).glob("*.txt")):
        ann = txt.with_suffix(".ann")
        if annotated_only and not ann.is_file():
            continue
        notes.append((txt, txt.read_text(encoding="utf-8"), read_ann(ann) if ann.is_file() else []))
    return notes
