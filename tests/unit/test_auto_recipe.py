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
    assert json.loads((run / "data.json").read_text())["splits"]["test"]["n"] > 0


# ---------------------------------------------------------------------------- large tables


def test_large_tables_take_the_large_data_settings_above_the_row_threshold():
    from mednn.recipes import LARGE_DATA_RECIPES, LARGE_TABLE_ROWS

    large = LARGE_DATA_RECIPES["tabular"]
    base = load_config(None, ["data.path=breast-cancer"])
    small = apply_auto_recipe(base, n_train=LARGE_TABLE_ROWS - 1)
    assert small.to_dict() == apply_auto_recipe(base).to_dict()  # below the threshold: the table recipe only
    assert small.train.batch_size == 64 and "min_frequency" not in small.featurize.options
    big = apply_auto_recipe(base, n_train=LARGE_TABLE_ROWS)
    assert big.train.batch_size == large["train"]["batch_size"] and big.train.epochs == large["train"]["epochs"]
    assert big.train.early_stopping.patience == large["train"]["early_stopping"]["patience"]
    assert big.featurize.options == large["featurize"]
    assert big.train.early_stopping.monitor == "auto"  # the task's kind unknown: its default monitor
    binary = apply_auto_recipe(base, n_train=LARGE_TABLE_ROWS, task_kind="binary")
    assert binary.train.early_stopping.monitor == "auroc"
    assert apply_auto_recipe(base, n_train=LARGE_TABLE_ROWS, task_kind="regression").train.early_stopping.monitor == "auto"
    assert apply_auto_recipe(base, n_train=LARGE_TABLE_ROWS - 1, task_kind="binary").train.early_stopping.monitor == "auto"
    assert LARGE_DATA_RECIPES["tabular"]["train"]["early_stopping"] == {"patience": large["train"]["early_stopping"]["patience"]}
    assert big.model.hparams == AUTO_RECIPES["tabular"]["model"]  # the same network
    assert big.train.weight_decay == AUTO_RECIPES["tabular"]["train"]["weight_decay"]
    named = load_config(None, ["data.path=breast-cancer", "model.name=mlp"])
    assert apply_auto_recipe(named, n_train=10 * LARGE_TABLE_ROWS) is named  # the survey's network stays as it was


def test_large_table_settings_leave_keys_the_config_sets_down_to_nested_ones():
    from mednn.recipes import LARGE_DATA_RECIPES, LARGE_TABLE_ROWS

    large = LARGE_DATA_RECIPES["tabular"]["train"]
    cfg = apply_auto_recipe(load_config(None, ["data.path=breast-cancer", "train.batch_size=64",
                                               "train.early_stopping.monitor=loss", "featurize.min_frequency=1"]),
                            n_train=LARGE_TABLE_ROWS * 5, task_kind="binary")
    assert cfg.train.batch_size == 64 and cfg.featurize.options == {"min_frequency": 1}
    assert cfg.train.early_stopping.monitor == "loss"
    assert cfg.train.early_stopping.patience == large["early_stopping"]["patience"]
    assert cfg.train.epochs == large["epochs"]
    kept = apply_auto_recipe(load_config(None, ["data.path=breast-cancer", "train.early_stopping.patience=7"]),
                             n_train=LARGE_TABLE_ROWS)
    assert kept.train.early_stopping.patience == 7
    other = apply_auto_recipe(load_config(None, ["data.path=breast-cancer", "featurize.name=tabular_other"]),
                              n_train=LARGE_TABLE_ROWS)
    assert "min_frequency" not in other.featurize.options  # a featurizer the user chose gets no options


def test_a_large_table_trains_with_pooled_rare_categories_and_predicts_new_rows(tmp_path, monkeypatch):
    """`mednn train` applies the large-data settings by the training split's size; the run's
    featurizer keeps the shared column of rare codes and the Predictor scores unseen codes."""
    import json

    import numpy as np
    import pandas as pd

    import mednn.recipes
    from mednn.pipeline import train
    from mednn.predictor import Predictor

    monkeypatch.setattr(mednn.recipes, "LARGE_TABLE_ROWS", 100)
    rng = np.random.default_rng(0)
    n = 600  # the three common codes are each seen more than min_frequency times in training
    diag = np.where(rng.random(n) < 0.7, rng.choice(["250", "428", "414"], n), [f"V{k}" for k in range(n)])
    x = rng.normal(size=n)
    frame = pd.DataFrame({"x": x, "diag": diag, "label": np.where(x + (diag == "428") > 0.5, "yes", "no")})
    path = tmp_path / "large.csv"
    frame.to_csv(path, index=False)
    cfg = load_config(None, [f"data.path={path}", "data.format=csv", "data.label=label",
                             "data.categorical_columns=[diag]", "train.epochs=2",
                             "train.progress=false", "evaluate.bootstrap=10", "evaluate.baselines=none",
                             "explain.enabled=false", "report.enabled=false"])
    run = train(cfg, tmp_path / "run")
    saved = load_config(run / "config.yaml")
    large = mednn.recipes.LARGE_DATA_RECIPES["tabular"]
    assert saved.train.batch_size == large["train"]["batch_size"] and saved.train.early_stopping.monitor == "auroc"
    assert saved.featurize.options["min_frequency"] == large["featurize"]["min_frequency"]
    predictor = Predictor.load(run)
    assert predictor.featurizer.min_frequency == large["featurize"]["min_frequency"]
    assert "diag=<other>" in predictor.featurizer.feature_names_ and "diag=428" in predictor.featurizer.feature_names_
    new = pd.DataFrame({"x": [0.1, -2.0], "diag": ["250", "never-seen-code"]})
    features = predictor.featurizer.transform(new)
    assert features.shape == (2, len(predictor.featurizer.feature_names_))
    assert features[1, predictor.featurizer.feature_names_.index("diag=<other>")] == 1
    assert json.loads((run / "data.json").read_text())["splits"]["test"]["n"] > 0
