"""Salt stripping must not merge different compounds (trial 6, defect 7): NaBr, KBr and LiBr, or
a base and its HCl salt, are different molecules for a solubility label. Duplicates compare the
whole structure; records sharing only a parent are a salt_forms finding."""

import numpy as np
import pandas as pd

from mednn.config import load_config
from mednn.data.readers import read_dataset

SALTS = ["[Na+].[Br-]", "[K+].[Br-]", "[Li+].[Br-]", "C1CNCCN1", "C1CNCCN1.Cl", "C1CNCCN1.Cl"]


def _read(tmp_path, smiles, labels, *settings):
    path = tmp_path / "sol.csv"
    pd.DataFrame({"smiles": smiles, "logS": labels}).to_csv(path, index=False)
    return read_dataset(load_config(None, [f"data.path={path}", "data.label=logS", "data.task=regression",
                                           *settings]).data)


def test_salts_of_one_parent_are_not_duplicates(tmp_path):
    extra = [f"C{'C' * k}O" for k in range(8)]
    dataset = _read(tmp_path, SALTS + extra, [1.0, 0.5, 0.8, 0.2, 0.9, 0.9] + list(np.linspace(0, 1, 8)),
                    "data.duplicates=drop_conflicting")
    ids = {f.id: f for f in dataset.findings}
    assert len(dataset) == len(SALTS) + len(extra) - 1  # only the repeated HCl salt (same label) is a copy
    assert "conflicting_duplicates" not in ids
    assert ids["salt_forms"].count == 2 and list(ids["salt_forms"].rows) == [0, 1, 2, 3, 4, 5]
    assert [d["rows"] for d in dataset.notes["duplicates"]] == [[6, 7]]  # file rows of the repeated salt


def test_the_same_salt_written_twice_is_still_a_duplicate(tmp_path):
    dataset = _read(tmp_path, ["[Na+].[Br-]", "[Br-].[Na+]"] + [f"C{'C' * k}O" for k in range(6)],
                    [1.0, 2.0] + [0.1] * 6)
    assert [f.id for f in dataset.findings if f.id == "conflicting_duplicates"] == ["conflicting_duplicates"]
    assert "salt_forms" not in {f.id for f in dataset.findings}
