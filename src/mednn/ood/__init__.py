"""Out-of-distribution scores per record: is this input unlike what the model was trained on?

A scorer is fitted after training on the training split (a reference) and thresholded on the
validation split at a stated false-positive rate (``evaluate.ood.fpr``, 5% by default): about
that share of in-distribution records is flagged, and anything further from the training data
than that is flagged too. ``predict``, ``evaluate`` and ``serve`` then return, per record, an
``ood_score`` and an ``out_of_distribution`` flag; flagged records keep their prediction, and
their conformal set is marked as carrying no coverage guarantee.

- :mod:`.base`: the registry :data:`OOD_SCORERS`, the inputs a scorer reads
  (:class:`OODInputs`) and the scikit-learn contract every scorer follows (:class:`OODScorer`).
- :mod:`.tabular`: ``table_ranges``, per-column training ranges + a Mahalanobis distance with
  shrinkage covariance on the featurized rows.
- :mod:`.embedding`: ``embedding_knn``, k-nearest-neighbour distance in the network's own
  embedding (the input of its final linear layer, captured by a forward hook), for molecules.
- :mod:`.text`: ``text_knn``, for text runs: the embedding's distance plus the text itself
  (words unknown to the training texts, their rarity, the length, the form: :mod:`.text_form`),
  read from the raw texts (:attr:`OODInputs.texts`).
- :mod:`.images`: ``image_embedding``, a Mahalanobis (or kNN) distance in that embedding + the
  image's intensity statistics out of their training range (blank, constant, noise, inverted
  images), 2D and 3D.
- :mod:`.run`: fitting one for a run, applying it, the metrics and the finding.

Each modality names its scorer in its :class:`~mednn.modalities.ModalitySpec` (``ood_scorer``).
Add a scorer: a subclass of :class:`OODScorer` registered with ``@OOD_SCORERS.register("name")``
in a module of this package (and listed in :data:`.run.SCORER_MODULES`).
"""

from .base import OOD_SCORERS, OODInputs, OODScorer

__all__ = ["OOD_SCORERS", "OODInputs", "OODScorer"]
