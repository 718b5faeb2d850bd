"""Molecules whose scaffolds are in two splits (trial 8, item 8): the ``split_leakage`` finding
speaks of scaffolds, never of patients, and its fix is ``split.method: scaffold``; when the config
chose a random split (the protocol of random-split benchmarks such as ESOL) it is an info line."""

import json

import pandas as pd
import pytest

from .conftest import FAST

RINGS = ["c1ccccc1", "C1CCCCC1", "c1ccncc1", "C1CCNCC1", "c1ccoc1", "C1CCOC1", "c1ccsc1", "c1cnccn1"]


def _table():
    rows = []
    for ring in RINGS:
        for chain in ("C", "CC", "CCC", "CCCC", "CCCCC"):
            for tail, value in (("O", 1.0), ("N", 0.5), ("C", -0.5), ("F", -1.0)):
                rows.append({"smiles": f"{ring}{chain}{tail}", "logs": value + 0.1 * len(chain)})
    return pd.DataFrame(rows)


def _leakage(run):
    return [f for f in json.loads((run / "data.json").read_text())["findings"] if f["id"] == "split_leakage"]


def test_a_chosen_random_split_is_an_info_line_about_scaffolds(cli, tmp_path):
    pytest.importorskip("rdkit")
    _table().to_csv(tmp_path / "mols.csv", index=False)
    code, out, err = cli("train", "--data", tmp_path / "mols.csv", "--out", tmp_path / "run", *FAST,
                         "--set", "data.label=logs", "--set", "data.task=regression", "--set", "split.method=random",
                         "--set", "model.hidden_sizes=[16]")
    assert code == 0, err
    found = _leakage(tmp_path / "run")
    assert found and all(f["severity"] == "info" for f in found)
    for text in [f["message"] for f in found] + [out + err]:
        assert "patient" not in text
    (shared,) = [f for f in found if "scaffolds (Bemis-Murcko) are shared between splits (" in f["message"]]
    assert "split.method: scaffold" in shared["message"] and "protocol" in shared["message"]


def test_scaffolds_shared_without_a_chosen_random_split_warn_with_the_scaffold_fix():
    from mednn.data.scaffolds import scaffold_leakage_findings

    found = scaffold_leakage_findings({"shared_groups": {"train-test": 4}, "duplicate_rows": {"train-test": 2}},
                                      split_method="file")
    assert [f.severity for f in found] == ["warning", "warning"]
    assert "4 scaffolds (Bemis-Murcko) appear in both the train and the test split" in found[0].message
    assert "fix: set split.method: scaffold" in found[0].message
    assert "2 test molecules are identical to a train molecule" in found[1].message
    assert not any("patient" in f.message for f in found)
