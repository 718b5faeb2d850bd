"""``evaluate.ood``: the settings of the per-record out-of-distribution flags (issue 19).

A module of its own beside the key table (:mod:`mednn.config_sections`, which imports it). The
scorer (:mod:`mednn.ood`) is fitted on the training split and thresholded on validation so that
at most ``fpr`` of in-distribution records are flagged, with probability ``confidence`` over the
validation draw (null: on average over draws); ``per_class``: a threshold per predicted class
(Mondrian calibration: the promise holds in every class at once, also when their mix changes; ``auto``,
the default: for scores of the network's embedding);
``evaluate.ood: null`` switches it off.
``neighbours`` / ``reference_size`` / ``normalize`` / ``energy``: the embedding scorer's k, the
training embeddings the run keeps, whether embeddings are scaled to unit length first, and the
logits' energy as a second component (images, text, molecules). ``distance`` / ``intensity``:
the image scorer's embedding distance (Mahalanobis or the k-th neighbour's) and its intensity
statistics component; ``layers``: how many of the network's first feature-map stages its
``early_layers`` component reads (0: none). ``text_form``: the text scorer's component of the text's form (lines,
speaker labels, questions, pronouns, sentence length, ...). ``molecule_parts``: what the
molecule scorer (``molecule_domain``) sums; null: its default (the molecule itself, not the
embedding); ``molecule_calibration``: whether training scaffold folds join validation in its
calibration (``scaffold_folds``; default ``validation``). See docs/ood.md.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .strict_types import StrictModel


class OODConfig(StrictModel):
    """``evaluate.ood`` (docs/ood.md); strict types as every section (``true`` is no k)."""

    fpr: float = Field(0.05, gt=0, le=0.5)
    # the threshold holds fpr with this probability over the validation draw (None: on average)
    confidence: float | None = Field(0.9, ge=0.5, lt=1)
    # a threshold per predicted class (binary, multiclass), all K at once: each at 1 - (1 - c) / K (docs/ood.md);
    # auto: when the score reads the network's embedding (images, text), not the input alone
    per_class: bool | Literal["auto"] = "auto"
    neighbours: int = Field(10, ge=1, le=1000)
    reference_size: int = Field(5000, ge=10, le=100_000)
    normalize: bool = False
    energy: bool | Literal["auto"] = "auto"  # auto: multiclass runs only
    distance: Literal["mahalanobis", "knn"] = "mahalanobis"  # images: the embedding distance
    intensity: bool = True  # images: count the intensity statistics out of their training range
    text_form: bool = True  # text: count the form statistics (lines, speaker labels, questions, ...) out of range
    layers: int = Field(2, ge=0, le=8)  # images: Mahalanobis on the first n feature-map stages (0: off)
    molecule_parts: list[Literal["embedding", "tanimoto", "counts", "atom_pairs", "descriptors", "mahalanobis",
                                 "isolation_forest", "elements", "environments", "ring_systems",
                                 "substructures", "property_ranges"]] | None = Field(
        None, min_length=1)
    # molecules: also calibrate on training scaffold folds, thresholded by scaffold set (docs/ood.md)
    molecule_calibration: Literal["validation", "scaffold_folds"] = "validation"
