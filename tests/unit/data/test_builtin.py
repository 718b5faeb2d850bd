"""Built-in datasets: breast-cancer re-coded with malignant positive, digits with its image shape."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer, load_digits

from mednn.config import DataConfig
from mednn.data.builtin import list_builtin, load_builtin
from mednn.data.readers import read_dataset, reader_for
from mednn.errors import ConfigError


@pytest.fixture(scope="module")
def breast():
    return read_dataset(DataConfig(path="breast-cancer"))


def test_breast_cancer_has_malignant_as_positive(breast):
    assert breast.task.kind == "binary"
    assert breast.task.class_names == ("benign", "malignant")
    assert breast.task.positive_class == "malignant"
    assert breast.class_counts() == {"benign": 357, "malignant": 212}
    # scikit-learn codes malignant as 0: every sklearn-0 row must be our positive class
    sk = load_breast_cancer()
    np.testing.assert_array_equal(breast.targets == 1, sk.target == 0)
    np.testing.assert_array_equal(breast.inputs.to_numpy(), sk.data)
    assert breast.inputs.shape == (569, 30) and breast.ids[0] == "row-1"


def test_breast_cancer_positive_class_can_be_swapped():
    ds = read_dataset(DataConfig(path="breast-cancer", positive_class="benign"))
    assert ds.task.class_names == ("malignant", "benign")
    assert int(ds.targets.sum()) == 357


def test_digits_is_multiclass_with_image_shape():
    ds = load_builtin("digits")
    sk = load_digits()
    assert ds.task.kind == "multiclass" and ds.task.class_names == tuple(str(d) for d in range(10))
    assert ds.inputs.shape == (1797, 64) and ds.notes["image_shape"] == [8, 8]
    np.testing.assert_array_equal(ds.targets, sk.target)
    np.testing.assert_array_equal(ds.inputs.to_numpy().reshape(-1, 8, 8), sk.images)


def test_list_builtin_counts_match_the_data(breast):
    listing = {d["name"]: d for d in list_builtin()}
    assert set(listing) == {"breast-cancer", "digits"}
    assert listing["breast-cancer"]["n"] == len(breast) and listing["breast-cancer"]["task"] == "binary"
    assert listing["digits"]["n"] == 1797 and listing["digits"]["task"] == "multiclass"
    assert all(d["description"] for d in listing.values())


def test_auto_format_recognises_names_and_not_files(tmp_path):
    assert reader_for(DataConfig(path="digits")).name == "builtin"
    assert reader_for(DataConfig(path=str(tmp_path / "digits.csv"))).name == "csv"


def test_builtin_config_mistakes():
    with pytest.raises(ConfigError, match="did you mean 'digits'"):
        read_dataset(DataConfig(path="digit", format="builtin"))
    with pytest.raises(ConfigError, match="binary task"):
        read_dataset(DataConfig(path="breast-cancer", task="regression"))
    with pytest.raises(ConfigError, match="positive_class"):
        read_dataset(DataConfig(path="breast-cancer", positive_class="cancer"))
    with pytest.raises(ConfigError, match="data.patient_column"):
        read_dataset(DataConfig(path="digits", patient_column="p"))
