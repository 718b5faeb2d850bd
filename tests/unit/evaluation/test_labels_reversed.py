"""``labels_reversed``: an external site whose labels rank below chance beyond doubt (Hanley-McNeil
upper bound under 0.5) may code them the other way (issue 19 item 3: AUROC well below 0.5, silent)."""

import numpy as np

from mednn.evaluation.skill import labels_reversed_findings


def _scores(n=120, seed=0, flip=False):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    prob = 1 / (1 + np.exp(-(2.5 * (y - 0.5) + rng.normal(0, 1, n))))
    return (1 - y if flip else y), prob


def test_a_binary_site_coded_the_other_way_is_a_warning():
    y, prob = _scores(flip=True)
    (finding,) = labels_reversed_findings("binary", y, prob, ["healthy", "disease"], "site.csv")
    assert finding.severity == "warning" and finding.count == 1
    assert finding.message.startswith("site.csv ranks below chance beyond doubt (the label: AUROC 0.")
    assert "Hanley-McNeil" in finding.message and "data.label_map" in finding.message
    assert "healthy" not in finding.message and "disease" not in finding.message  # no label value in a log


def test_a_site_coded_as_in_training_or_too_small_to_say_is_not():
    y, prob = _scores()
    assert labels_reversed_findings("binary", y, prob, ["a", "b"], "site.csv") == []
    y, prob = _scores(n=14, flip=True)  # fewer than 10 of a value: no verdict
    assert labels_reversed_findings("binary", y, prob, ["a", "b"], "site.csv") == []
    rng = np.random.default_rng(3)  # an AUROC under 0.5 within chance
    y = rng.integers(0, 2, 60)
    assert labels_reversed_findings("binary", y, rng.random(60), ["a", "b"], "site.csv") == []


def test_a_multilabel_site_names_the_reversed_labels():
    y0, p0 = _scores(seed=1)
    y1, p1 = _scores(seed=2, flip=True)
    y = np.stack([y0, y1], axis=1).astype(float)
    y[:5, 1] = np.nan  # a missing label value counts nowhere
    (finding,) = labels_reversed_findings("multilabel", y, np.stack([p0, p1], axis=1), ["NR-AR", "SR-p53"], "s.csv")
    assert "label 'SR-p53': AUROC" in finding.message and "NR-AR" not in finding.message
    assert finding.columns == ("SR-p53",)
