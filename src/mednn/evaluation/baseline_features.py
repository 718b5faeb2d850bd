"""The raw features the reference baselines fit on, one registered builder per kind of input.

A builder is ``fn(splits) -> ({"train": X, "val": X, "test": X}, description)``, fitted on
``splits.train`` only, and is registered with ``@BASELINE_FEATURES.register("name")``; a
modality's spec (:mod:`mednn.modalities`) names the one its baselines use
(``baseline_features``). Tables: the raw columns one-hot encoded and imputed; text: TF-IDF;
molecules: ECFP4; images: pooled pixels.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..registry import Registry

BASELINE_FEATURES: Registry = Registry("baseline features")

IMAGE_SIDE_2D, IMAGE_SIDE_3D = 16, 8
ECFP_RADIUS, ECFP_BITS = 2, 2048
_FEATURE_TEXT = {
    "table_columns": "the table's columns, one-hot encoded and imputed with training statistics",
    "tfidf": "TF-IDF word 1-2 grams fitted on the training texts",
    "ecfp": f"ECFP4 fingerprints (Morgan radius {ECFP_RADIUS}, {ECFP_BITS} bits)",
    "pooled_pixels": "pixels downsampled to {shape}, standardised with training statistics",
}


def baseline_features(modality: str, splits) -> tuple[dict[str, Any], str]:
    """Raw features for the modality's baselines (its spec's ``baseline_features``), fitted on
    ``splits.train`` only: a matrix per split and a description."""
    from ..modalities import modality_spec

    return BASELINE_FEATURES.get(modality_spec(modality).baseline_features)(splits)


@BASELINE_FEATURES.register("table_columns")
def table_columns(splits) -> tuple[dict[str, Any], str]:
    """The table's columns, one-hot encoded and imputed with training statistics (sparse)."""
    import pandas as pd
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    def frame(part):
        x = part.inputs
        return x if isinstance(x, pd.DataFrame) else pd.DataFrame(np.asarray(x, dtype=np.float64))

    frames = {s: frame(part) for s, part in splits.items()}
    train = frames["train"]
    numeric = [c for c in train.columns if pd.api.types.is_numeric_dtype(train[c]) or pd.api.types.is_bool_dtype(train[c])]
    categorical = [c for c in train.columns if c not in numeric]
    parts = []
    if numeric:
        # the median of training rows; a column with missing values also gets a "was missing" indicator
        parts.append(("numeric", make_pipeline(
            SimpleImputer(strategy="median", add_indicator=True, keep_empty_features=True), StandardScaler()), numeric))
    if categorical:
        parts.append(("categorical", make_pipeline(
            SimpleImputer(strategy="constant", fill_value="(missing)"),
            OneHotEncoder(handle_unknown="ignore")), categorical))
    transformer = ColumnTransformer(parts)

    def clean(f):
        f = f.copy()
        for c in numeric:
            f[c] = pd.to_numeric(f[c], errors="coerce").astype(np.float64)
        for c in categorical:
            present = f[c].notna().to_numpy()
            values = np.full(len(f), np.nan, dtype=object)  # NaN (not None) is what the imputer fills
            values[present] = [str(v) for v in f[c].to_numpy(dtype=object)[present]]
            f[c] = values
        return f

    frames = {s: clean(f) for s, f in frames.items()}
    matrices = {"train": transformer.fit_transform(frames["train"])}
    for s in ("val", "test"):
        matrices[s] = transformer.transform(frames[s])
    return matrices, _FEATURE_TEXT["table_columns"]


@BASELINE_FEATURES.register("tfidf")
def tfidf(splits) -> tuple[dict[str, Any], str]:
    """TF-IDF word 1-2 grams fitted on the training texts."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = {s: [str(t) for t in part.inputs] for s, part in splits.items()}
    vectorizer = None
    for min_df in (2, 1):  # a tiny corpus has few repeated words: fall back to every word
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=min_df, max_features=100_000, sublinear_tf=True,
                                     strip_accents="unicode")
        try:
            train = vectorizer.fit_transform(texts["train"])
            break
        except ValueError:  # empty vocabulary
            if min_df == 1:
                raise
    return {"train": train, "val": vectorizer.transform(texts["val"]),
            "test": vectorizer.transform(texts["test"])}, _FEATURE_TEXT["tfidf"]


@BASELINE_FEATURES.register("ecfp")
def ecfp(splits) -> tuple[dict[str, Any], str]:
    """ECFP4 fingerprints of the SMILES."""
    from ..featurizers.molecules import ECFPFeaturizer

    ecfp = ECFPFeaturizer(radius=ECFP_RADIUS, n_bits=ECFP_BITS).fit(splits.train)
    return {s: ecfp.transform_array(part) for s, part in splits.items()}, _FEATURE_TEXT["ecfp"]


@BASELINE_FEATURES.register("pooled_pixels")
def pooled_pixels(splits) -> tuple[dict[str, Any], str]:
    """Pixels average-pooled to 16 x 16 (8 x 8 x 8 for volumes), standardised with training statistics."""
    import torch
    import torch.nn.functional as F
    from sklearn.preprocessing import StandardScaler

    def pooled(part) -> np.ndarray:
        x = part.inputs
        x = x.detach().cpu().numpy() if hasattr(x, "detach") else np.asarray(x)
        spatial = x.shape[2:]
        side = IMAGE_SIDE_2D if len(spatial) == 2 else IMAGE_SIDE_3D
        size = tuple(min(side, s) for s in spatial)
        pool = F.adaptive_avg_pool2d if len(spatial) == 2 else F.adaptive_avg_pool3d
        out = []
        for start in range(0, len(x), 2048):  # in chunks: a float copy of a whole image set can be large
            chunk = torch.from_numpy(np.ascontiguousarray(x[start:start + 2048], dtype=np.float32))
            out.append(pool(chunk, size).reshape(len(chunk), -1).numpy())
        return np.concatenate(out) if out else np.zeros((0, int(np.prod(size)) * x.shape[1]), np.float32)

    raw = {s: pooled(part) for s, part in splits.items()}
    scaler = StandardScaler().fit(raw["train"])
    shape = np.asarray(splits.train.inputs).shape[2:]
    side = IMAGE_SIDE_2D if len(shape) == 2 else IMAGE_SIDE_3D
    text = _FEATURE_TEXT["pooled_pixels"].format(shape=" × ".join(str(min(side, s)) for s in shape))
    return {s: scaler.transform(v) for s, v in raw.items()}, text
