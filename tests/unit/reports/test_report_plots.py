"""Compute-then-draw plot helpers: the numbers against hand-computed values, the drawings as PNG."""

from __future__ import annotations

import base64

import numpy as np
import pytest

from mednn.reports import plots

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_roc_and_pr_areas_match_hand_computed_values():
    y = np.array([0, 0, 1, 1])
    s = np.array([0.1, 0.4, 0.35, 0.8])
    (roc,) = plots.roc_curves(y, s, ["pos"])
    # 4 positive-negative pairs, 3 ranked correctly
    assert roc.area == pytest.approx(0.75)
    assert roc.n_positive == 2 and roc.n == 4
    (pr,) = plots.pr_curves(y, s, ["pos"])
    # average precision: recall steps at ranks 1 (p=1) and 3 (p=2/3)
    assert pr.area == pytest.approx(0.5 * 1.0 + 0.5 * 2 / 3)


def test_curves_skip_missing_labels_and_single_class_columns():
    y = np.array([[0, 1], [1, 1], [np.nan, 1], [1, 1]], dtype=float)
    s = np.array([[0.2, 0.5], [0.9, 0.6], [0.1, 0.7], [0.8, 0.9]])
    curves = plots.roc_curves(y, s, ["a", "b"])
    assert [c.name for c in curves] == ["a"]  # "b" has positives only
    assert curves[0].n == 3 and curves[0].area == pytest.approx(1.0)


def test_reliability_bins_and_ece_by_hand():
    confidence = np.array([0.05, 0.15, 0.15, 0.95, 0.95, 1.0])
    outcome = np.array([0, 0, 1, 1, 1, 0])
    bins = plots.reliability_bins(outcome, confidence, n_bins=10)
    assert bins.counts.tolist() == [1, 2, 0, 0, 0, 0, 0, 0, 0, 3]  # 1.0 falls in the last bin
    assert np.isnan(bins.mean_confidence[2])
    assert bins.observed[1] == pytest.approx(0.5)
    assert bins.mean_confidence[9] == pytest.approx((0.95 + 0.95 + 1.0) / 3)
    expected = (1 * 0.05 + 2 * abs(0.5 - 0.15) + 3 * abs(2 / 3 - (2.9 / 3))) / 6
    assert bins.ece == pytest.approx(expected)


def test_draw_helpers_return_png_and_close_their_figures():
    import matplotlib.pyplot as plt

    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 50)
    s = np.clip(y * 0.6 + rng.random(50) * 0.5, 0, 1)
    pngs = [
        plots.roc_png(plots.roc_curves(y, s, ["x"])),
        plots.pr_png(plots.pr_curves(y, s, ["x"])),
        plots.reliability_png(plots.reliability_bins(y, s), xlabel="p", temperature=1.2),
        plots.confusion_matrix_png(np.array([[5, 1], [2, 7]]), ["a", "b"]),
        plots.learning_curves_png([1, 2, 3], [1.0, 0.5, 0.3], [1.1, 0.7, 0.8], [0.6, 0.8, 0.7], "auroc", 2),
        plots.class_balance_png({"train": {"a": 10, "b": 3}, "test": {"a": 4, "b": 1}}),
        plots.regression_scatter_png(rng.normal(size=20), rng.normal(size=20), "age"),
        plots.residual_histogram_png(rng.normal(size=20), rng.normal(size=20), "age"),
    ]
    for png in pngs:
        assert png.startswith(PNG_MAGIC)
        assert len(png) < 150_000
    assert plt.get_fignums() == []
    uri = plots.png_data_uri(pngs[0])
    assert uri.startswith("data:image/png;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]) == pngs[0]
