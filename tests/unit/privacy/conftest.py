"""One fitted de-identifier per test module (fitting reads the word lists once)."""

import pytest


@pytest.fixture(scope="module")
def deid():
    from mednn.privacy.deid import Deidentifier

    return Deidentifier().fit()
