"""The form of a text apart from its words: how it is laid out and how it speaks.

A transcript of a visit and the note written about it share their medical words; they differ in
form: lines that open with the same speaker's label again and again, questions, "I" and "you",
short sentences, contractions. A PubMed abstract differs from a clinic note in form as well
(long sentences, no lines, few pronouns). :func:`form_statistics` measures eleven such
statistics per text, none of them tied to a word of one corpus (no speaker name is looked for:
a label is any one to three words before a colon at the start of a line); ``text_knn``'s
``form`` component counts how many lie outside their robust training range
(:func:`mednn.ood.base.robust_range`, as the image scorer's intensity statistics). Measured on MTS-Dialog
(docs/benchmarks.md, "OOD text"): no single statistic carries the separation; without the
speaker labels and line breaks a dialogue is still told apart by its questions, pronouns and
contractions.

The statistics are rates and logarithms of counts, computed with regular expressions: no word,
name or value of a text is kept, only the training texts' ranges of these eleven numbers.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

FORM_STATISTICS = ("lines", "repeated_line_labels", "line_labels", "questions", "first_person", "second_person",
                   "sentence_length", "contractions", "digits", "capitals", "punctuation")

LINE_BREAK = re.compile(r"[\r\n]+")
# a line opening with a label: one to three words (letters) and a colon ("HEENT:", "Dr Smith:", "Speaker 1" is not)
LINE_LABEL = re.compile(r"^\W*([^\W\d_]+(?: [^\W\d_]+){0,2})\s*:")
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
SENTENCE_END = re.compile(r"[.!?]+")
PUNCTUATION = re.compile(r"[^\w\s]")
# English pronouns of the speaker and of the one spoken to: a note speaks of "the patient"
FIRST_PERSON = frozenset("i me my mine myself i'm i've i'd i'll we us our ours ourselves we're we've".split())
SECOND_PERSON = frozenset("you your yours yourself yourselves you're you've you'll you'd".split())


def form_vector(text: str) -> np.ndarray:
    """The :data:`FORM_STATISTICS` of one text (an empty text: zeros)."""
    text = str(text).replace("\u2019", "'")
    lines = [line for line in LINE_BREAK.split(text) if line.strip()]
    labels = [m.group(1).lower() for line in lines if (m := LINE_LABEL.match(line))]
    repeated = sum(n for n in Counter(labels).values() if n >= 2)
    words = [w.lower() for w in WORD.findall(text)]
    n_lines, n_words, n_chars = max(len(lines), 1), max(len(words), 1), max(len(text), 1)
    sentences = max(sum(1 for part in SENTENCE_END.split(text) if part.strip()), 1)
    letters = max(sum(map(str.isalpha, text)), 1)
    return np.array([
        np.log1p(len(lines)), repeated / n_lines, len(labels) / n_lines, text.count("?") / sentences,
        sum(w in FIRST_PERSON for w in words) / n_words, sum(w in SECOND_PERSON for w in words) / n_words,
        np.log1p(len(words) / sentences), sum("'" in w for w in words) / n_words,
        sum(map(str.isdigit, text)) / n_chars, sum(map(str.isupper, text)) / letters,
        len(PUNCTUATION.findall(text)) / n_chars], dtype=np.float64)


def form_statistics(texts: list[str]) -> np.ndarray:
    """(n, 11): :func:`form_vector` of every text.

    >>> s = form_statistics(["Doctor: Any pain?\\nPatient: Yes, I've had it.\\nDoctor: Since when?",
    ...                      "No known drug allergies."])
    >>> dict(zip(FORM_STATISTICS[:4], s[0].round(2).tolist()))
    {'lines': 1.39, 'repeated_line_labels': 0.67, 'line_labels': 1.0, 'questions': 0.67}
    >>> s[1, 1:6].tolist()
    [0.0, 0.0, 0.0, 0.0, 0.0]
    """
    return np.array([form_vector(t) for t in texts], dtype=np.float64).reshape(len(texts), len(FORM_STATISTICS))
