"""Likely label errors in the training split (seed section 5.1, data quality), by confident learning.

Every training sample gets an out-of-sample probability for each class from a k-fold
cross-validated logistic regression on the featurized inputs (images pooled to at most 16
pixels a side). A class's threshold ``t_j`` is the mean probability of class j over the
samples labelled j (how confident the model is, on average, about that class). A sample is a
suspect when the probability of its own label is below that label's threshold **and** another
class reaches its own threshold: the model is confidently elsewhere (Northcutt, Jiang & Chuang
2021, "Confident learning"). Suspects are ranked by how far the other class leads.

The screen needs a screening model that is good on its own: below a cross-validated balanced
accuracy of 0.85 (ultrasound pixels, say) its disagreements say more about the model than
the labels, and no list is given. The result holds ids, class names and probabilities only,
never inputs, so it can be printed, logged and written to JSON. It is a screening list for a
clinician to re-read, not a verdict.

>>> found = label_issues(x, y, ("benign", "malignant"), ids=ids)  # doctest: +SKIP
>>> found["n_suspect"], found["suspects"][0]["id"]  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

import numpy as np

METHOD = ("confident learning: 5-fold cross-validated logistic regression on the featurized inputs; a sample "
          "is flagged when its label's probability is below that class's mean self-confidence and another "
          "class's probability reaches its own")
MAX_SIDE = 16  # images are average-pooled to at most this many pixels a side
# below this cross-validated balanced accuracy the screening model's disagreements say more
# about the model than about the labels, and no list is given
MIN_BALANCED_ACCURACY = 0.85


def feature_matrix(features: Any) -> tuple[Any | None, str | None]:
    """A 2-D matrix (NumPy or scipy sparse) from a featurizer's output, or (None, why not)."""
    import torch

    if isinstance(features, torch.Tensor):
        return features.reshape(len(features), -1).numpy(), None
    if isinstance(features, np.ndarray):
        return features.reshape(len(features), -1), None
    if hasattr(features, "matrix"):  # TF-IDF rows: already a sparse matrix
        return features.matrix, None
    if hasattr(features, "read_ahead"):  # images in a disk cache (data.cache): never loaded whole
        return None, "the images stay on disk (data.cache); run inspect without data.cache to screen labels"
    if hasattr(features, "all") and isinstance(getattr(features, "data", None), torch.Tensor):  # images
        x = features.all()
        spatial = tuple(x.shape[2:])
        if max(spatial) > MAX_SIDE:
            pool = torch.nn.functional.adaptive_avg_pool2d if x.dim() == 4 else torch.nn.functional.adaptive_avg_pool3d
            x = pool(x, tuple(min(s, MAX_SIDE) for s in spatial))
        return x.reshape(len(x), -1).cpu().numpy(), None
    return None, ("the featurizer gives token sequences or molecular graphs, not fixed-length vectors; "
                  "run inspect with a vector featurizer (featurize.name: tfidf for text, ecfp for molecules)")


def screening_skill(proba: np.ndarray, y: np.ndarray, counts: np.ndarray) -> tuple[float, float]:
    """The screening model's cross-validated balanced accuracy and (macro one-vs-rest) AUROC.

    Each sample is called for the class whose probability most exceeds the class's training
    share (``proba / prior``): an argmax at 0.5 calls almost every sample negative at 5%
    prevalence and reads 0.50 where the model ranks well (trial 6: stroke, AUROC 0.89)."""
    from sklearn.metrics import roc_auc_score

    seen = counts > 0
    prior = np.where(seen, counts / max(1, counts.sum()), 1.0)
    calls = (proba / prior[None, :]).argmax(axis=1)
    balanced_accuracy = float(np.mean([(calls[y == j] == j).mean() for j in np.flatnonzero(seen)]))
    aucs = [roc_auc_score(y == j, proba[:, j]) for j in np.flatnonzero(seen)]
    return balanced_accuracy, float(np.mean(aucs[1:] if len(aucs) == 2 else aucs))


def label_issues(x: Any, labels: np.ndarray, class_names: tuple[str, ...] | list[str], *, ids: np.ndarray,
                 folds: int = 5, seed: int = 0, max_listed: int = 20) -> dict[str, Any]:
    """Suspected label errors among ``labels`` (class indices) given features ``x``."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    y = np.asarray(labels).astype(int)
    k = len(class_names)
    counts = np.bincount(y, minlength=k)
    if (counts >= 2).sum() < 2:
        return {"method": METHOD, "n_checked": int(len(y)), "n_suspect": None,
                "note": "skipped: needs at least 2 classes with at least 2 training samples each"}
    if ((counts > 0) & (counts < 2)).any():  # a class of one sample cannot be cross-validated: the rest can
        keep = counts[y] >= 2
        out = label_issues(x[np.flatnonzero(keep)], y[keep], class_names, ids=np.asarray(ids)[keep], folds=folds,
                           seed=seed, max_listed=max_listed)
        alone = [class_names[j] for j in range(k) if counts[j] == 1]
        return out | {"not_screened": {name: 1 for name in alone},
                      "note": f"ran without class(es) {', '.join(repr(c) for c in alone)}, which hold 1 "
                              "training sample each"} | ({"note": out["note"]} if "note" in out else {})
    present = counts[counts > 0]
    folds = int(min(folds, present.min()))
    sparse = hasattr(x, "tocsr")
    model = LogisticRegression(max_iter=2000, C=1.0)
    if not sparse:
        model = make_pipeline(StandardScaler(), model)
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    proba = np.zeros((len(y), k))
    proba[:, np.flatnonzero(counts > 0)] = cross_val_predict(model, x, y, cv=cv, method="predict_proba")
    balanced_accuracy, auroc = screening_skill(proba, y, counts)
    if balanced_accuracy < MIN_BALANCED_ACCURACY:
        return {"method": METHOD, "n_checked": int(len(y)), "n_suspect": None,
                "cv_balanced_accuracy": round(balanced_accuracy, 4), "cv_auroc": round(auroc, 4),
                "note": (f"skipped: the screening model (logistic regression, 5-fold cross-validated on the "
                         f"training split) ranks with AUROC {auroc:.2f}, but calling each sample for the class "
                         f"its probability most exceeds that class's share reaches {balanced_accuracy:.2f} "
                         f"balanced accuracy, too weak to tell label errors from model errors (needs "
                         f"{MIN_BALANCED_ACCURACY}); the run's own baselines are measured on the test split")}
    thresholds = np.array([proba[y == j, j].mean() if counts[j] else np.inf for j in range(k)])
    own = proba[np.arange(len(y)), y]
    confident = proba >= thresholds[None, :]
    confident[np.arange(len(y)), y] = False
    elsewhere = np.where(confident, proba, -np.inf)
    likely = elsewhere.argmax(axis=1)
    suspect = (own < thresholds[y]) & confident.any(axis=1)
    order = np.flatnonzero(suspect)
    order = order[np.argsort(-(proba[order, likely[order]] - own[order]), kind="stable")]
    return {
        "method": METHOD,
        "n_checked": int(len(y)),
        "n_suspect": int(suspect.sum()),
        "cv_balanced_accuracy": round(balanced_accuracy, 4),
        "cv_auroc": round(auroc, 4),
        "per_class": {class_names[j]: int((suspect & (y == j)).sum()) for j in range(k)},
        "thresholds": {class_names[j]: round(float(thresholds[j]), 4) for j in range(k) if counts[j]},
        "suspects": [{"id": str(ids[i]), "given": class_names[y[i]], "likely": class_names[likely[i]],
                      "p_given": round(float(own[i]), 4), "p_likely": round(float(proba[i, likely[i]]), 4)}
                     for i in order[:max_listed]],
    }
