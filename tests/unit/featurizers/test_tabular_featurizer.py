"""The tabular featurizer against scikit-learn, fitted on train only, with a JSON state round trip."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import torch
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from mednn.data.base import Dataset, Task
from mednn.errors import DataError, NotFittedError
from mednn.featurizers.base import FEATURIZERS
from mednn.featurizers.tabular import TabularFeaturizer


def table(n=40, seed=0):
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "age": rng.normal(60, 10, n),
            "sex": rng.choice(["F", "M"], n).astype(object),
            "bp": rng.normal(130, 15, n),
            "site": rng.choice(["a", "b", "c"], n).astype(object),
        }
    )
    frame.loc[frame.index.isin([1, 5, 9]), "bp"] = np.nan
    frame.loc[frame.index.isin([2, 7]), "site"] = np.nan
    return frame


def dataset(frame, notes=None):
    n = len(frame)
    return Dataset(
        inputs=frame,
        targets=np.zeros(n, dtype=np.int64),
        task=Task("binary", ("no", "yes")),
        ids=np.array([f"row-{i}" for i in range(n)], dtype=object),
        notes=notes or {},
    )


def sklearn_reference(train, other):
    numeric = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
    categorical = make_pipeline(
        SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore", sparse_output=False)
    )
    ct = ColumnTransformer([("num", numeric, ["age", "bp"]), ("cat", categorical, ["sex", "site"])])
    ct.fit(train)
    return ct.transform(other)


def test_registered_and_matches_sklearn_pipeline():
    assert FEATURIZERS.get("tabular") is TabularFeaturizer
    train, test = table(40, 0), table(15, 1)
    f = TabularFeaturizer().fit(dataset(train))
    out = f.transform(dataset(test))
    assert out.dtype == torch.float32 and out.shape == (15, 7) and f.input_shape == (7,)
    assert f.feature_names_ == ["age", "sex=F", "sex=M", "bp", "site=a", "site=b", "site=c"]
    expected = sklearn_reference(train, test)
    # ours keeps the file's column order; sklearn's ColumnTransformer groups by kind
    order = [0, 2, 3, 1, 4, 5, 6]
    np.testing.assert_allclose(out.numpy(), expected[:, order], rtol=1e-5, atol=1e-5)


def test_fit_uses_training_statistics_only():
    train, other = table(40, 0), table(40, 1)
    f = TabularFeaturizer().fit(dataset(train))
    before = json.dumps(f.state_dict())
    other = other.assign(age=other["age"] * 100 + 1e4)  # wildly different val/test data
    f.transform(dataset(other))
    assert json.dumps(f.state_dict()) == before
    imputed = train["bp"].fillna(train["bp"].median())
    assert f.mean_[1] == pytest.approx(imputed.mean())
    assert f.std_[1] == pytest.approx(imputed.std(ddof=0))
    assert f.median_[0] == pytest.approx(train["age"].median())
    assert f.transform(dataset(train)).numpy()[:, 0].mean() == pytest.approx(0, abs=1e-5)


def test_state_round_trip_through_json_gives_identical_transform():
    train, test = table(40, 0), table(12, 3)
    f = TabularFeaturizer().fit(dataset(train))
    state = json.loads(json.dumps(f.state_dict()))
    g = TabularFeaturizer().load_state_dict(state)
    assert torch.equal(f.transform(dataset(test)), g.transform(dataset(test)))
    assert g.feature_names_ == f.feature_names_ and g.input_shape == f.input_shape


def test_unknown_category_is_all_zero_and_counted():
    f = TabularFeaturizer().fit(dataset(table()))
    new = table(5, 2)
    new["site"] = ["a", "z", "z", "b", "a"]
    out = f.transform(dataset(new)).numpy()
    site = out[:, 4:7]
    np.testing.assert_array_equal(site.sum(axis=1), [1, 0, 0, 1, 1])
    assert f.transform_report_["unknown_categories"] == {"site": 2}


def test_missing_training_column_is_named_and_extra_columns_reported():
    f = TabularFeaturizer().fit(dataset(table()))
    with pytest.raises(DataError, match=r"column the model was trained on is missing \('bp'\)"):
        f.transform(table().drop(columns=["bp"]))
    f.transform(table().assign(extra=1.0))
    assert f.transform_report_["extra_columns"] == ["extra"]


def test_missing_policy_error_refuses_missing_values():
    with pytest.raises(DataError, match="column 'bp' has 3 missing values"):
        TabularFeaturizer(missing="error").fit(dataset(table()))
    # "auto" follows the reader's data.missing recorded in the notes
    with pytest.raises(DataError, match="column 'bp'"):
        TabularFeaturizer().fit(dataset(table(), notes={"missing_policy": "error"}))
    clean = table().fillna({"bp": 120.0, "site": "a"})
    f = TabularFeaturizer(missing="error").fit(dataset(clean))
    with pytest.raises(DataError, match="column 'site' has 2 missing values"):
        f.transform(table().fillna({"bp": 120.0}))


def test_constant_column_scale_option_and_non_numeric_cells():
    frame = pd.DataFrame({"k": [3.0, 3.0, 3.0], "x": [1.0, 2.0, 3.0]})
    f = TabularFeaturizer().fit(frame)
    assert f.std_[0] == 1.0
    np.testing.assert_allclose(f.transform(frame).numpy()[:, 0], 0.0)
    raw = TabularFeaturizer(scale=False).fit(frame)
    np.testing.assert_array_equal(raw.transform(frame).numpy(), frame.to_numpy(dtype=np.float32))
    bad = frame.assign(x=["1", "private-text", "3"])
    with pytest.raises(DataError) as info:
        f.transform(bad)
    assert "column 'x'" in str(info.value) and "private" not in str(info.value)
    with pytest.raises(DataError, match="infinite"):
        f.transform(frame.assign(x=[1.0, np.inf, 2.0]))


def test_numeric_categories_match_whatever_their_parsed_type():
    f = TabularFeaturizer(categorical_columns=["site"]).fit(pd.DataFrame({"site": [1, 2, 1]}))
    assert f.categories_["site"] == ["1", "2"]
    out = f.transform(pd.DataFrame({"site": ["2", 1.0, 3]})).numpy()
    np.testing.assert_array_equal(out, [[0, 1], [1, 0], [0, 0]])


def test_use_before_fit_and_wrong_input():
    with pytest.raises(NotFittedError):
        TabularFeaturizer().transform(table())
    with pytest.raises(NotFittedError):
        TabularFeaturizer().state_dict()
    with pytest.raises(DataError, match="table"):
        TabularFeaturizer().fit(["a text", "another"])


def test_digits_pixels_standardised():
    from mednn.data.builtin import load_builtin

    ds = load_builtin("digits")
    f = TabularFeaturizer().fit(ds.subset(np.arange(1000)))
    out = f.transform(ds.subset(np.arange(1000, 1797)))
    assert out.shape == (797, 64) and torch.isfinite(out).all()
