"""Config values out of range and hostile YAML files are one-line ConfigErrors, never crashes."""

import pytest

from mednn.config import MAX_SEED, load_config, read_yaml
from mednn.errors import ConfigError


@pytest.mark.parametrize(
    "override, key",
    [
        ("seed=-1", "seed"),
        (f"seed={MAX_SEED + 1}", "seed"),
        ("seed=100000000000000000000000", "seed"),
        ("train.threads=100000", "train.threads"),
        ("train.threads=0", "train.threads"),
        ("train.epochs=0", "train.epochs"),
        ("train.epochs=1000000000", "train.epochs"),
        ("train.batch_size=0", "train.batch_size"),
        ("train.batch_size=10000000000", "train.batch_size"),
        ("train.lr=0", "train.lr"),
        ("train.lr=1000.0", "train.lr"),
        ("evaluate.bootstrap=1000000000", "evaluate.bootstrap"),
        ("explain.n_samples=100000000", "explain.n_samples"),
    ],
)
def test_out_of_range_values_name_the_key(override, key):
    with pytest.raises(ConfigError) as info:
        load_config(None, [override])
    message = str(info.value)
    assert f"'{key}'" in message and "\n" not in message


def test_values_at_the_bounds_are_accepted():
    cfg = load_config(None, [f"seed={MAX_SEED}", "train.threads=1024", "train.epochs=100000", "train.lr=10.0"])
    assert cfg.seed == MAX_SEED and cfg.train.threads == 1024


BILLION_LAUGHS = "\n".join(
    ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    + ["data: {path: breast-cancer, payload: *a8}"]
) + "\n"


def test_yaml_alias_bomb_is_refused_before_expanding(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(BILLION_LAUGHS)  # 9**9 ~ 387 million strings once expanded
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert "bomb.yaml" in str(info.value) and "aliases" in str(info.value)


def test_recursive_alias_is_refused(tmp_path):
    path = tmp_path / "loop.yaml"
    path.write_text("data: &d {path: breast-cancer, again: *d}\n")
    with pytest.raises(ConfigError, match="loop.yaml"):
        load_config(path)


def test_alias_bomb_in_an_override_is_refused():
    # the same 9**9 bomb in flow style, as one --set value
    levels = ['&l0 [' + ', '.join(['lol'] * 9) + ']']
    for i in range(1, 9):
        levels.append(f"&l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    value = "[" + ", ".join(levels) + "]"
    with pytest.raises(ConfigError, match="data.payload"):
        load_config(None, [f"data.payload={value}"])


def test_config_file_size_is_bounded(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text("data:\n  path: breast-cancer\n" + "# padding\n" * 200_000)
    with pytest.raises(ConfigError, match="huge.yaml"):
        load_config(path)


def test_deep_nesting_is_a_config_error(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("data: {path: breast-cancer, x: " + "[" * 50_000 + "]" * 50_000 + "}\n")
    with pytest.raises(ConfigError, match="deep.yaml"):
        load_config(path)


def test_read_yaml_reads_ordinary_files(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("base: &b {lr: 0.01}\ntrain:\n  <<: *b\n  epochs: 3\n")
    assert read_yaml(path)["train"] == {"lr": 0.01, "epochs": 3}
