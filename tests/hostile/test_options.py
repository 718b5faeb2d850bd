"""Every option range-checked (issue 22, item 6), probed from the CLI's command list and the
config's own schema: each numeric option of each command, each numeric key of the run config
(and of every reader's options), each hparam of each registered model, given NaN, infinity,
negatives, huge values, ``true`` and text. Each is refused in one line naming the option or
key, before any data is read, any server starts or any file is written."""

from __future__ import annotations

import typing

import pytest

from .commands import command_paths, invocation, numeric_options
from .harness import Reached, probe

COMMANDS = command_paths()
HOSTILE_NUMBERS = ["nan", "inf", "-inf", "-1", "1e30", "99999999999999999999", "true", ""]
# options whose refusal names the config key they set
KEY_OF = {("train", "--epochs"): "train.epochs"}
# values a command may accept for an option (documented): 0 turns the rate limit off
ACCEPTED = {("serve", "--rate-limit", "0")}

OPTION_CASES = [(name, flag, value) for name, command in COMMANDS.items() for flag, _ in numeric_options(command)
                for value in HOSTILE_NUMBERS if (name, flag, value) not in ACCEPTED]


@pytest.fixture
def nothing_read(monkeypatch):
    """A hostile value must be refused before any data is read."""
    import mednn.pipeline.preparation
    import mednn.pipeline.finishing

    def reached(*args, **kwargs):
        raise Reached("data was read: the hostile value was accepted")

    monkeypatch.setattr(mednn.pipeline.preparation, "read_and_split", reached)


def test_there_are_numeric_options_to_probe():
    assert len({(n, f) for n, f, _ in OPTION_CASES}) >= 15


@pytest.mark.parametrize("name,flag,value", OPTION_CASES, ids=[f"{n}:{f}={v}" for n, f, v in OPTION_CASES])
def test_numeric_option(name, flag, value, world, case, nothing_read):
    argv = invocation(name, world, case, **{flag: value})
    key = KEY_OF.get((name, flag))
    if key:  # the base invocation sets the key too (--set train.epochs=2): probe the flag alone
        at = argv.index(next(a for a in argv if isinstance(a, str) and a.startswith(key + "=")))
        del argv[at - 1:at + 1]
    result = probe([world.root, case.parent], *argv, what=f"{name} {flag} {value}")
    named = [flag, key or flag]
    assert any(n in result.err for n in named), f"the refusal does not name {named}: {result.err}"


# --- the config's numeric keys -----------------------------------------------------------------

def _numeric_keys(model=None, prefix: str = "") -> list[str]:
    from pydantic import BaseModel

    from mednn.config import RunConfig

    model = model or RunConfig
    found = []
    for name, field in model.model_fields.items():
        annotation = field.annotation
        args = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
        if any(isinstance(a, type) and issubclass(a, BaseModel) for a in args):
            sub = next(a for a in args if isinstance(a, type) and issubclass(a, BaseModel))
            found += _numeric_keys(sub, f"{prefix}{name}.")
        elif all(a in (int, float) for a in args):
            found.append(prefix + name)
    return found


NUMERIC_KEYS = _numeric_keys()
HOSTILE_CONFIG = ["true", ".nan", ".inf", "-.inf", "-1e300", "[1]", "{a: 1}", "abc"]
KEY_CASES = [(key, value) for key in NUMERIC_KEYS for value in HOSTILE_CONFIG]


def test_the_config_has_numeric_keys_to_probe():
    assert len(NUMERIC_KEYS) >= 30 and "train.lr" in NUMERIC_KEYS and "seed" in NUMERIC_KEYS


@pytest.mark.parametrize("key,value", KEY_CASES, ids=[f"{k}={v}" for k, v in KEY_CASES])
def test_numeric_config_key(key, value, world, case, nothing_read):
    argv = invocation("train", world, case) + ["--set", f"{key}={value}"]
    result = probe([world.root, case.parent], *argv, what=f"{key}={value}")
    assert key in result.err, result.err


def _reader_keys() -> list[tuple[str, str, bool]]:
    """(format, key, whether the key is a bool) of every numeric or bool key of every reader."""
    from mednn.strict_types import only_numbers as _only_numbers
    from mednn.data.readers import READERS, _load_builtin_readers

    _load_builtin_readers()
    found = []
    for fmt in READERS.names():
        options = getattr(READERS.get(fmt), "Options", None)
        for key, field in (options.model_fields.items() if options else []):
            args = [a for a in typing.get_args(field.annotation) if a is not type(None)] or [field.annotation]
            if _only_numbers(field.annotation) or field.annotation is bool or int in args:
                found.append((fmt, key, field.annotation is bool))
    return found


READER_CASES = [(fmt, key, value) for fmt, key, is_bool in _reader_keys() for value in ("true", ".nan", "-.inf", "abc")
                if not (value == "true" and is_bool)]


@pytest.mark.parametrize("fmt,key,value", READER_CASES, ids=[f"{f}:{k}={v}" for f, k, v in READER_CASES])
def test_reader_option(fmt, key, value, world, case):
    """A reader's own keys (data.size, data.window_center, data.header...) are as strict."""
    from mednn.config import load_config
    from mednn.data.readers import READERS, _validated_options
    from mednn.errors import ConfigError

    cfg = load_config(None, [f"data.format={fmt}", f"data.{key}={value}"]).data
    with pytest.raises(ConfigError, match=rf"data\.{key}") as info:
        _validated_options(READERS.get(fmt)(), cfg)
    assert "\n" not in str(info.value)


# --- every registered model's hparams ----------------------------------------------------------

def _hparam_cases() -> list[tuple[str, str, str]]:
    from mednn.models import MODELS, default_hparams, load_model_modules

    import inspect

    load_model_modules()
    cases = []
    for model in MODELS.names():
        params = inspect.signature(MODELS.get(model)).parameters
        for key, default in default_hparams(model).items():
            if isinstance(default, bool):  # a switch; `bool | int` (freeze: a number of blocks) takes 0, 1, 2...
                values = ["-1", "abc", "1e12"] if "int" in str(params[key].annotation) else ["1", "abc"]
            elif isinstance(default, (int, float)):
                values = ["-1", "1e12", "true", ".nan", "abc"]
            elif isinstance(default, tuple) and default and all(isinstance(v, int) for v in default):
                values = ["[-1]", "[1e12]", "[true]", "[0]", "abc"]
            else:
                continue
            cases += [(model, key, v) for v in values]
    return cases


HPARAM_CASES = _hparam_cases()


def test_every_model_has_hparams_to_probe():
    from mednn.models import MODELS

    assert {m for m, _, _ in HPARAM_CASES} == set(MODELS.names())


@pytest.mark.parametrize("model,key,value", HPARAM_CASES, ids=[f"{m}:{k}={v}" for m, k, v in HPARAM_CASES])
def test_model_hparam(model, key, value, world, case, nothing_read):
    argv = invocation("train", world, case) + ["--set", f"model.name={model}", "--set", f"model.{key}={value}"]
    result = probe([world.root, case.parent], *argv, what=f"{model}.{key}={value}")
    assert f"model.{key}" in result.err, result.err


def test_tune_budget_and_trials_are_checked_before_any_data(world, case, nothing_read):
    for budget in ("nan", "-5m", "0s", "1e30h", "forever", "", "99999999999999999999s"):
        probe([world.root, case.parent], *invocation("tune", world, case, **{"--budget": budget}),
              what=f"--budget {budget}")



def test_a_quick_flag_and_a_set_of_its_key_are_refused_together(world, case, nothing_read):
    """``--epochs 5 --set train.epochs=2``: one would silently win; refused, naming both."""
    result = probe([world.root, case.parent], *invocation("train", world, case, **{"--epochs": "5"}),
                   what="--epochs and --set train.epochs")
    assert "--epochs" in result.err and "train.epochs" in result.err
