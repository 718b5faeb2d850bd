"""`model: auto` on a table takes the recipe chosen across datasets; explicit keys always win."""


from mednn.config import dump_config, load_config
from mednn.models.recipes import AUTO_RECIPES, apply_auto_recipe


def test_auto_on_a_table_fills_the_recipe():
    cfg = apply_auto_recipe(load_config(None, ["data.path=breast-cancer"]))
    recipe = AUTO_RECIPES["tabular"]
    assert cfg.model.hparams == recipe["model"]
    assert cfg.train.weight_decay == recipe["train"]["weight_decay"]


def test_keys_the_config_sets_win_even_when_they_equal_the_old_defaults():
    cfg = apply_auto_recipe(load_config(None, ["data.path=breast-cancer", "model.hidden_sizes=[5]",
                                               "train.weight_decay=0"]))
    assert cfg.model.hidden_sizes == [5] and cfg.train.weight_decay == 0
    assert cfg.model.dropout == AUTO_RECIPES["tabular"]["model"]["dropout"]


def test_a_named_model_keeps_its_own_defaults(tmp_path):
    cfg = load_config(None, ["data.path=breast-cancer", "model.name=mlp"])
    assert apply_auto_recipe(cfg) is cfg


def test_a_resolved_config_is_stable(tmp_path):
    """config.yaml of a run holds the filled-in recipe; reading it back changes nothing."""
    once = apply_auto_recipe(load_config(None, ["data.path=breast-cancer"]))
    path = tmp_path / "config.yaml"
    path.write_text(dump_config(once))
    again = apply_auto_recipe(load_config(path))
    assert again.to_dict() == once.to_dict()
