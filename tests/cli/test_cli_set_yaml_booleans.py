"""yes / no / on / off are words in mednn configs, in a file and in ``--set``: only true / false
are booleans (YAML 1.2's core schema). PyYAML's YAML 1.1 reading turned ``class_names: [no,
early]`` into the class ``False`` (trial 12, item 5; trial 6, defect 15)."""

import pytest

from mednn.config import load_config


@pytest.fixture
def yes_no_csv(tmp_path):
    path = tmp_path / "yn.csv"
    path.write_text("age,stroke\n" + "".join(f"{i},{'yes' if i % 3 else 'no'}\n" for i in range(60)))
    return path


def test_unquoted_yes_no_stay_words_in_set_values(cli, yes_no_csv, recwarn):
    code, out, err = cli("inspect", "--data", yes_no_csv, "--set", "data.label=stroke",
                         "--set", "data.label_map={no: healthy, yes: ill}", "--set", "data.class_names=[healthy, ill]",
                         "--no-label-issues")
    assert code == 0, err
    assert "False" not in out + err and "True" not in out + err
    assert not [w for w in recwarn if "YAML" in str(w.message)]


def test_unquoted_class_names_stay_words_in_a_config_file(cli, tmp_path, yes_no_csv):
    config = tmp_path / "yn.yaml"
    config.write_text(f"data:\n  path: {yes_no_csv}\n  label: stroke\n  label_map: {{'no': no, 'yes': early}}\n"
                      "  class_names: [no, early]\n  missing_values: [On, OFF, n.a.]\n")
    code, out, err = cli("inspect", config, "--no-label-issues")
    assert code == 0, err
    cfg = load_config(config)
    assert cfg.data.class_names == ["no", "early"] and cfg.data.label_map == {"no": "no", "yes": "early"}
    assert cfg.data.missing_values == ["On", "OFF", "n.a."]
    assert "False" not in out + err


@pytest.mark.parametrize("word", ["yes", "no", "On", "OFF"])
def test_a_yaml_11_word_for_a_boolean_key_is_refused_naming_it(cli, yes_no_csv, word):
    code, _, err = cli("inspect", "--data", yes_no_csv, "--set", "data.label=stroke",
                       "--set", f"train.progress={word}", "--no-label-issues")
    assert code == 2 and "train.progress" in err and "true or false" in err and "Traceback" not in err


@pytest.mark.parametrize("word", ["true", "True", "FALSE"])
def test_true_false_are_still_booleans(word):
    cfg = load_config(None, ["data.path=breast-cancer", f"train.progress={word}"])
    assert cfg.train.progress is (word.lower() == "true")


def test_a_class_outside_class_names_is_named_without_pydantic_wording(cli, yes_no_csv):
    code, _, err = cli("inspect", "--data", yes_no_csv, "--set", "data.label=stroke",
                       "--set", "data.label_map={no: healthy, yes: ill}", "--set", "data.class_names=[healthy, sick]",
                       "--no-label-issues")
    assert code == 2 and "data.label_map maps to ill, which data.class_names does not list" in err
    assert "Value error" not in err and "key 'data'" not in err


def test_a_federated_sites_file_keeps_no_and_on_as_site_names(tmp_path):
    from mednn.federation.engines.deployment import read_sites_file

    sites = tmp_path / "sites.yaml"
    sites.write_text("sites:\n  no: {rows: 120}\n  on: {rows: 80}\n")
    assert read_sites_file(sites) == {"no": 120, "on": 80}


# numbers are YAML 1.2's too (issue 19): PyYAML's YAML 1.1 read `1:20` as 80 (base 60) and `010` as 8 (octal)
@pytest.mark.parametrize(("text", "value"), [("1:20", "1:20"), ("7:30", "7:30"), ("010", 10), ("0o10", 8),
                                             ("0x1F", 31), ("1_000", 1000), ("190:20:30.15", "190:20:30.15"),
                                             ("0b101", "0b101"), ("-7", -7), ("2.5", 2.5)])
def test_numbers_are_read_as_yaml_12_reads_them(text, value):
    from mednn.bounded_yaml import load_yaml_text

    assert load_yaml_text(f"a: {text}") == {"a": value}


def test_a_zero_padded_epoch_count_is_decimal_and_a_time_is_refused_for_a_number(cli, yes_no_csv):
    assert load_config(None, ["data.path=breast-cancer", "train.epochs=010"]).train.epochs == 10
    code, _, err = cli("inspect", "--data", yes_no_csv, "--set", "data.label=stroke",
                       "--set", "train.epochs=1:20", "--no-label-issues")
    assert code == 2 and "train.epochs" in err and "Traceback" not in err


def test_the_saved_config_reads_back_the_same_texts(tmp_path):
    from mednn.bounded_yaml import load_yaml_text
    from mednn.config import dump_config

    cfg = load_config(None, ["data.path=breast-cancer", "data.class_names=['09', '1:20', '0o7', 'no']"])
    assert load_yaml_text(dump_config(cfg))["data"]["class_names"] == ["09", "1:20", "0o7", "no"]
