"""`model: auto` on a table takes the recipe chosen across datasets; explicit keys always win."""


from mednn.config import dump_config, load_config
from mednn.recipes import AUTO_RECIPES, apply_auto_recipe


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


def _notes(tmp_path):
    import pandas as pd

    path = tmp_path / "notes.csv"
    pd.DataFrame({"text": [f"chest pain case {k}" if k % 2 else f"headache case {k}" for k in range(20)],
                  "label": ["cardio" if k % 2 else "neuro" for k in range(20)]}).to_csv(path, index=False)
    return [f"data.path={path}", "data.format=text", "data.label=label"]


def test_auto_on_text_fills_the_text_recipe_and_its_tfidf_options(tmp_path):
    cfg = apply_auto_recipe(load_config(None, _notes(tmp_path)))
    recipe = AUTO_RECIPES["text"]
    assert cfg.model.hparams == recipe["model"]
    assert cfg.featurize.options == recipe["featurize"] and cfg.featurize.name == "auto"


def test_text_recipe_leaves_a_chosen_featurizer_and_set_keys_alone(tmp_path):
    other = apply_auto_recipe(load_config(None, _notes(tmp_path) + ["featurize.name=wordpiece"]))
    assert other.featurize.options == {} and other.model.hidden_sizes == AUTO_RECIPES["text"]["model"]["hidden_sizes"]
    words = apply_auto_recipe(load_config(None, _notes(tmp_path) + ["featurize.char_ngrams=null",
                                                                    "model.hidden_sizes=[5]"]))
    assert words.featurize.options == {"char_ngrams": None} and words.model.hidden_sizes == [5]


def test_auto_on_text_trains_with_character_ngrams(tmp_path):
    import json

    from mednn.pipeline import train

    cfg = load_config(None, _notes(tmp_path) + ["train.epochs=2", "train.progress=false", "evaluate.bootstrap=10",
                                                "evaluate.baselines=none", "explain.enabled=false",
                                                "report.enabled=false"])
    run = train(cfg, tmp_path / "run")
    saved = (run / "config.yaml").read_text()
    assert "char_ngrams" in saved and "256" in saved
    assert json.loads((run / "metrics.json").read_text())["n"]["test"] > 0
