"""The intensity-scale alert reads the run's stored training contrast range; a run without one
(trained before profile.json existed) gets no intensity line instead of an error."""

import numpy as np

from mednn.data.base import Dataset, Task
from mednn.inference.alerts import INTENSITY, far_outside


class _Featurizer:
    scale_ = 255.0


def _images(spread: float, n: int = 3) -> Dataset:
    rng = np.random.default_rng(0)
    x = (rng.random((n, 1, 8, 8)) * spread).astype(np.float32)
    return Dataset(inputs=x, targets=np.zeros(n, dtype=np.int64), task=Task("binary", ("a", "b")),
                   ids=np.array([f"row-{i + 2}" for i in range(n)], dtype=object), modality="images")


def test_images_in_other_units_are_named_from_the_stored_range_and_old_runs_get_no_line():
    profile = {"modality": "images", "columns": {"image contrast": {"kind": "numeric", "range": [0.1, 0.3]}}}
    assert far_outside(profile, _images(255.0), _Featurizer()) == {}  # 0-255 images like training
    far = far_outside(profile, _images(255.0 * 1000), _Featurizer())  # x1000
    assert list(far) == [INTENSITY] and far[INTENSITY].all()
    assert INTENSITY in far_outside(profile, _images(1.0), _Featurizer())  # saved as 0-1
    assert far_outside(None, _images(255.0 * 1000), _Featurizer()) == {}  # a run without profile.json
    assert far_outside({"modality": "images", "columns": {}}, _images(1.0), _Featurizer()) == {}
