"""One helper agrees every count with its noun (trial4 d: "1 samples (binary)", "1 test samples are
identical to a val sample"); the modules that had their own copy now use it."""

from __future__ import annotations

import numpy as np
import pytest

from mednn.errors import plural, plural_noun


@pytest.mark.parametrize("n, noun, want", [
    (1, "sample", "1 sample"), (0, "sample", "0 samples"), (2, "test sample", "2 test samples"),
    (1, "class", "1 class"), (3, "class", "3 classes"), (2, "unseen category", "2 unseen categories"),
    (2, "day", "2 days"), (2, "index", "2 indices"), (1_500, "patient", "1,500 patients"), (1.0, "row", "1 row"),
])
def test_plural(n, noun, want):
    assert plural(n, noun) == want


def test_a_verb_agrees_through_plural_noun():
    assert plural_noun("is") == "are" and plural_noun("has") == "have" and plural_noun("differs") == "differ"


def test_the_copies_are_gone():
    from mednn.data import columns
    from mednn.featurizers import tabular
    from mednn.reports import view

    assert columns.plural is plural and tabular._plural is plural and view.plural is plural


def test_one_test_sample_identical_to_a_val_sample_is_singular():
    from mednn.data.base import Dataset, Task
    from mednn.data.quality import inspect_dataset

    x = np.array([[0.0, 1.0], [0.0, 1.0], [1.0, 2.0], [2.0, 3.0], [3.0, 4.0], [4.0, 5.0]], dtype=np.float32)
    data = Dataset(inputs=x, targets=np.array([0, 0, 1, 0, 1, 0]), ids=np.arange(6).astype(str),
                   task=Task("binary", ("no", "yes")), modality="tabular")
    index = {"train": np.array([2, 3, 4, 5]), "val": np.array([0]), "test": np.array([1])}
    lines = [f.message for f in inspect_dataset(data, index)["findings"] if f.id == "split_leakage"]
    assert any(line.startswith("1 test sample is identical to a val sample") for line in lines), lines
