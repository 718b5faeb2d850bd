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


# ---------------------------------------------------------------------------- min_frequency


def codes_table(n=60, seed=0):
    """A 'diagnosis' column with two common codes and a tail of rare ones."""
    rng = np.random.default_rng(seed)
    codes = np.where(rng.random(n) < 0.8, rng.choice(["250", "428"], n), [f"V{k}" for k in range(n)])
    return pd.DataFrame({"age": rng.normal(60, 10, n), "diag": codes.astype(object)})


def test_min_frequency_pools_rare_and_unseen_categories_in_one_column():
    train = codes_table()
    rare = sorted(c for c, k in train["diag"].value_counts().items() if k < 3)
    f = TabularFeaturizer(min_frequency=3).fit(dataset(train))
    assert f.feature_names_ == ["age", "diag=250", "diag=428", "diag=<other>"] and f.rare_["diag"] == rare
    new = pd.DataFrame({"age": [50.0, 60.0, 70.0, 80.0], "diag": ["428", rare[0], "never-seen", None]})
    out = f.transform(new).numpy()
    # only the code never seen in training counts as unknown; the missing one is imputed
    assert f.transform_report_["unknown_categories"] == {"diag": 1}
    assert f.transform_report_["imputed"] == {"diag": 1}
    mode = f.transform(pd.DataFrame({"age": [1.0], "diag": [f.mode_["diag"]]})).numpy()[0, 1:]
    np.testing.assert_array_equal(out[:, 1:], [[0, 1, 0], [0, 0, 1], [0, 0, 1], mode])
    # the default keeps every category and no shared column (unknown codes stay all-zero)
    every = TabularFeaturizer().fit(dataset(train))
    assert "diag=<other>" not in every.feature_names_ and every.input_shape == (1 + train["diag"].nunique(),)
    assert every.transform(new).numpy()[2, 1:].sum() == 0


def test_min_frequency_state_and_params_round_trip_and_old_states_load():
    train, test = codes_table(60, 0), codes_table(30, 1)
    f = TabularFeaturizer(min_frequency=3).fit(dataset(train))
    g = FEATURIZERS.get("tabular")(**f.params()).load_state_dict(json.loads(json.dumps(f.state_dict())))
    assert g.min_frequency == 3 and torch.equal(f.transform(dataset(test)), g.transform(dataset(test)))
    old = TabularFeaturizer().fit(dataset(train)).state_dict()
    old.pop("rare")  # a run saved before min_frequency
    h = TabularFeaturizer().load_state_dict(old)
    assert h.rare_ == {} and h.input_shape == (1 + train["diag"].nunique(),)


def test_min_frequency_when_every_category_is_rare_and_bad_values():
    frame = pd.DataFrame({"site": ["a", "b", "c", None]})
    f = TabularFeaturizer(min_frequency=5).fit(frame)
    assert f.feature_names_ == ["site=<other>"]
    np.testing.assert_array_equal(f.transform(frame).numpy(), np.ones((4, 1)))
    from mednn.errors import ConfigError

    for bad in (0, 2.5, "10", True):
        with pytest.raises(ConfigError, match="featurize.min_frequency"):
            TabularFeaturizer(min_frequency=bad).fit(frame)


def test_mixed_kinds_in_a_column_keep_their_text_categories():
    """True, 1, 1.0 and "1" compare equal in pandas' hashing but are the categories "True" and "1"."""
    from mednn.data.tabular import category_strings

    column = pd.Series([True, 1, 1.0, "1", " a", "a", np.nan, 2.5, False], dtype=object)
    f = TabularFeaturizer().fit(pd.DataFrame({"m": column}))
    assert f.categories_["m"] == sorted(set(category_strings(column).dropna()))
    out = f.transform(pd.DataFrame({"m": column})).numpy()
    names = [n.removeprefix("m=") for n in f.feature_names_]
    texts = category_strings(column).fillna(f.mode_["m"])
    np.testing.assert_array_equal(out.argmax(axis=1), [names.index(t) for t in texts])
