"""The check every generated BRAT set's test makes, read by the project's one reader
(:func:`mednn.data.brat.read_brat`): each ``.ann`` line a text-bound annotation in one piece, of a
known type, whose text is the trimmed slice of its note, and no two spans overlapping."""

from __future__ import annotations

from pathlib import Path

from mednn.data.brat import Annotation, read_brat


def well_formed_spans(folder: Path, types, *, numbered: bool = True) -> dict[str, list[Annotation]]:
    """Note name -> its annotations, once every note of ``folder`` passed the check; ``numbered``:
    the lines are ``T1``, ``T2`` ... in the order of the text (else sorted here before the overlap check)."""
    notes = {}
    for txt, text, annotations in read_brat(folder):
        ann = txt.with_suffix(".ann")
        lines = ann.read_text(encoding="utf-8").splitlines() if ann.is_file() else []
        assert len(annotations) == len(lines), f"{ann.name}: a line that is no text-bound annotation"
        previous_end = 0
        for number, annotation in enumerate(annotations if numbered else sorted(annotations, key=lambda a: a.start), 1):
            assert len(annotation.fragments) == 1, f"{ann.name}: {annotation.id} is not in one piece"
            assert not numbered or annotation.id == f"T{number}", f"{ann.name}: {annotation.id} out of order"
            assert annotation.type in types, f"{ann.name}: unknown type {annotation.type}"
            start, end = annotation.start, annotation.end
            assert 0 <= start < end <= len(text) and text[start:end] == annotation.text == annotation.text.strip()
            assert start >= previous_end, f"{ann.name}: spans overlap at {annotation.id}"
            previous_end = end
        notes[txt.stem] = annotations
    return notes
