"""`model: auto` on molecules takes the recipe chosen leave-one-dataset-out over the MoleculeNet
files (benchmarks/molecule_defaults_across_datasets.py); keys the config sets win; a run with it
trains and predicts through the CLI."""

from __future__ import annotations

import json

import pandas as pd
import pytest

pytest.importorskip("rdkit")

from mednn.config import dump_config, load_config  # noqa: E402
from mednn.recipes import AUTO_RECIPES, apply_auto_recipe  # noqa: E402

RECIPE = AUTO_RECIPES["molecules"]
RINGS = ["c1ccccc1", "C1CCCCC1", "c1ccncc1", "C1CCNCC1", "c1ccoc1", "C1CCOC1", "c1ccsc1", "c1cnccn1"]


def _smiles_csv(tmp_path):
    """A tiny generated SMILES table: alcohols and amines are active, alkanes and fluorides not."""
    rows = [{"smiles": f"{ring}{'C' * k}{tail}", "active": int(tail in "ON")}
            for ring in RINGS for k in range(1, 6) for tail in ("O", "N", "C", "F")]
    path = tmp_path / "mols.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def _cfg(tmp_path, *settings):
    return load_config(None, [f"data.path={_smiles_csv(tmp_path)}", "data.label=active", *settings])


def test_auto_on_molecules_fills_the_recipe(tmp_path):
    cfg = apply_auto_recipe(_cfg(tmp_path))
    assert cfg.model.name == "auto" and cfg.model.hparams == RECIPE["model"]
    for key, value in RECIPE["train"].items():
        assert getattr(cfg.train, key) == value
    featurize = dict(RECIPE.get("featurize", {}))
    assert cfg.featurize.name == featurize.pop("name", "auto")
    assert cfg.featurize.options == featurize


def test_keys_the_config_sets_win_even_when_they_equal_the_old_defaults(tmp_path):
    cfg = apply_auto_recipe(_cfg(tmp_path, "model.hidden_sizes=[5]", "model.dropout=0"))
    assert cfg.model.hidden_sizes == [5] and cfg.model.dropout == 0
    # an explicitly chosen featurizer keeps its own arguments, and the model keys still apply
    chosen = apply_auto_recipe(_cfg(tmp_path, "featurize.name=maccs"))
    assert chosen.featurize.name == "maccs" and chosen.featurize.options == {}
    assert chosen.model.hparams == RECIPE["model"]
    ecfp = apply_auto_recipe(_cfg(tmp_path, "featurize.name=ecfp", "featurize.radius=1"))
    assert ecfp.featurize.name == "ecfp" and ecfp.featurize.options == {"radius": 1}
    # featurizer keys under `featurize: auto` (a tuned config) were written for the default featurizer
    tuned = apply_auto_recipe(_cfg(tmp_path, "featurize.radius=3", "featurize.use_counts=true"))
    assert tuned.featurize.name == "auto" and tuned.featurize.options == {"radius": 3, "use_counts": True}


def test_a_tuned_config_under_model_auto_builds_its_featurizer(tmp_path):
    from mednn.data.readers import read_dataset
    from mednn.featurizers import default_featurizer
    from mednn.pipeline import make_featurizer

    cfg = apply_auto_recipe(_cfg(tmp_path, "featurize.radius=1", "featurize.n_bits=1024"))
    featurizer = make_featurizer(cfg, read_dataset(cfg.data))
    assert featurizer.name == default_featurizer("molecules") and featurizer.params()["n_bits"] == 1024


def test_a_named_model_keeps_its_own_defaults_and_a_resolved_config_is_stable(tmp_path):
    named = _cfg(tmp_path, "model.name=mlp")
    assert apply_auto_recipe(named) is named
    once = apply_auto_recipe(_cfg(tmp_path))
    path = tmp_path / "config.yaml"
    path.write_text(dump_config(once))
    assert apply_auto_recipe(load_config(path)).to_dict() == once.to_dict()


def test_a_molecules_run_with_model_auto_trains_and_predicts_through_the_cli(tmp_path, capsys):
    from mednn.cli.main import main

    data, out = _smiles_csv(tmp_path), tmp_path / "run"
    code = main(["train", "--data", str(data), "--out", str(out), "--set", "data.label=active",
                 "--set", "train.epochs=30", "--set", "train.threads=1", "--set", "train.progress=false",
                 "--set", "evaluate.bootstrap=20", "--set", "explain.enabled=false", "--set", "report.enabled=false"])
    assert code == 0, capsys.readouterr().err
    saved = load_config(out / "config.yaml")
    assert saved.model.hparams == RECIPE["model"]
    assert saved.featurize.name == RECIPE.get("featurize", {}).get("name", "auto")
    assert json.loads((out / "data.json").read_text())["split_method"] == "scaffold"
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["test"]["auroc"]["value"] > 0.8

    new = tmp_path / "new.csv"
    pd.DataFrame({"smiles": ["c1ccccc1CCO", "not a molecule", "C1CCCCC1CCC", "[Na+].OCCc1ccccc1"]}).to_csv(new, index=False)
    code = main(["predict", str(out), str(new), "--out", str(tmp_path / "pred.csv")])
    assert code == 0, capsys.readouterr().err
    pred = pd.read_csv(tmp_path / "pred.csv")
    assert list(pred["id"]) == ["row-2", "row-4", "row-5"]  # the salt is standardised to its parent, not dropped
    assert list(pd.read_csv(tmp_path / "pred.invalid_molecules.csv")["row"]) == [3]
    probability = [c for c in pred.columns if c.startswith("p:")][-1]
    assert pred[probability].iloc[0] > pred[probability].iloc[1]  # an alcohol above an alkane
