"""The screen of a table's category levels for identifiers inside free text (trial 3, item 4):
clear identifiers count, category codes the span finder also tags (a lone capitalised word, a
bare year, a hospital name) do not."""

from types import SimpleNamespace

import pandas as pd
import pytest

from mednn.errors import DataError
from mednn.privacy.deid import Deidentifier
from mednn.privacy.levels import MAX_LEVELS, identifier_levels, screen_category_levels


@pytest.fixture(scope="module")
def finder():
    return Deidentifier().fit()


def _dataset(meta=None, **columns):
    frame = pd.DataFrame(columns)
    return SimpleNamespace(inputs=frame, notes={"categorical_columns": list(columns)}, meta=meta or {}, source="t.csv")


def test_clear_identifiers_inside_text_count(finder):
    hits, n, types = identifier_levels(["pt John Smith 555-123-4567 seen 3/4/2019", "self",
                                        "ref by maria garcia 2019-03-04", None, "self"], finder)
    assert (hits, n) == (2, 3) and {"NAME", "PHONE", "DATE"} <= set(types)


def test_category_codes_are_no_identifiers(finder):
    honest = ["Govt_job", "Private", "GENHX", "Obsterics&Gynecology-GynecologicOnco", "2019", "Q1 2019", "10/20",
              "Mayo Clinic", "[70-80)", "Kelly", "never smoked", "250.83", "V57", "Dec 2019"]
    assert identifier_levels(honest, finder)[0] == 0


def test_a_column_is_refused_by_its_share_of_levels_only():
    rare = [f"level {i}" for i in range(9)] + ["call 555-123-4567"]
    screen_category_levels(_dataset(code=rare * 3 + ["level 0"] * 10))  # 1 of 10 levels: kept
    with pytest.raises(DataError, match=r"column 'code'.*2 of 10 .*identifier_column") as err:
        screen_category_levels(_dataset(code=rare[:8] + ["call 555-123-4567", "fax 555-765-4321"]))
    assert "555" not in str(err.value)
    screen_category_levels(_dataset(code=rare[:8] + ["call 555-123-4567", "fax 555-765-4321"]), allowed=["code"])


def test_meta_columns_are_screened_and_the_sample_is_capped(finder):
    with pytest.raises(DataError, match="data.meta_columns"):
        screen_category_levels(_dataset(meta={"site": ["seen by Dr Ana Lopez"] * 4}, work=["a", "b", "a", "b"]))
    many = [f"c{i}" for i in range(MAX_LEVELS + 50)] + ["John Smith 555-123-4567"] * 500
    assert identifier_levels(many, finder) == (0, MAX_LEVELS, [])
