"""Model sizes from a config or a run's model.json are bounded before anything is allocated."""

import pytest
import torch

from mednn.data.base import Task
from mednn.errors import ConfigError
from mednn.models import build_model, check_hparams, load_model_modules
from mednn.models.base import MAX_PARAMETERS

BINARY = Task("binary", ("no", "yes"))


@pytest.fixture(autouse=True)
def _models():
    load_model_modules()


@pytest.mark.parametrize(
    "hparams",
    [
        {"hidden_sizes": [2_000_000_000]},
        {"hidden_sizes": [2.0e9]},
        {"hidden_sizes": ["2000000000"]},
        {"hidden_sizes": [float("inf")]},
        {"hidden_sizes": [8] * 5000},
        {"hidden_sizes": [60_000, 60_000]},  # each width allowed, the product is not
    ],
)
def test_hparam_sizes_are_refused_before_data_is_read(hparams):
    with pytest.raises(ConfigError, match="model"):
        check_hparams("mlp", hparams)


def test_parameter_count_is_checked_on_the_meta_device_before_building():
    # one allowed width, but 60,000 inputs x 30,000 units = 1.8e9 weights (7 GB)
    assert 60_000 * 30_000 > MAX_PARAMETERS
    with pytest.raises(ConfigError, match="parameters"):
        build_model("mlp", task=BINARY, input_shape=(60_000,), hidden_sizes=[30_000])


def test_bounded_build_is_unchanged_and_uses_the_same_random_numbers():
    torch.manual_seed(0)
    model = build_model("mlp", task=BINARY, input_shape=(30,), hidden_sizes=[16, 8])
    after_build = torch.rand(3)

    from mednn.models import MODELS

    torch.manual_seed(0)
    direct = MODELS.get("mlp")(task=BINARY, input_shape=(30,), hidden_sizes=[16, 8])
    after_direct = torch.rand(3)
    for a, b in zip(model.parameters(), direct.parameters()):
        assert torch.equal(a, b) and a.device.type == "cpu"
    assert torch.equal(after_build, after_direct)
