"""Before training, a run that needs more memory than the machine has *available* (not its
total) gets one warning line with both numbers and the key that lowers the need."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from mednn.data.base import Task
from mednn.models import load_model_modules
from mednn.models.memory import MemoryWarning, training_memory, warn_if_short_of_memory

BINARY = Task("binary", ("neg", "pos"))


@pytest.fixture(autouse=True)
def _models():
    load_model_modules()


def test_activations_grow_with_the_batch_and_the_image_and_parameters_do_not():
    small = training_memory("small_cnn", task=BINARY, input_shape=(1, 28, 28), hparams={}, batch_size=16)
    batch = training_memory("small_cnn", task=BINARY, input_shape=(1, 28, 28), hparams={}, batch_size=64)
    image = training_memory("small_cnn", task=BINARY, input_shape=(1, 56, 56), hparams={}, batch_size=16)
    assert batch.activation_bytes == pytest.approx(4 * small.activation_bytes, rel=0.01)
    assert image.activation_bytes > 3 * small.activation_bytes
    assert small.parameter_bytes == batch.parameter_bytes == small.n_parameters * 4 * 6 > 0


def test_the_warning_gives_needed_and_available_and_a_batch_that_fits():
    need = training_memory("small_cnn", task=BINARY, input_shape=(1, 28, 28), hparams={}, batch_size=64)
    available = need.parameter_bytes + need.activation_bytes // 4  # room for about a sixth of the batch
    with pytest.warns(MemoryWarning) as caught:
        assert warn_if_short_of_memory(need, available=available)
    message = str(caught[0].message)
    assert f"{need.total / 2**20:.0f} MiB" in message and f"{available / 2**20:.0f} MiB are available" in message
    assert "fix: lower train.batch_size (about " in message and "batch of 64" in message
    assert 0 < need.batch_that_fits(available) < 64
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert not warn_if_short_of_memory(need, available=need.total + 1)  # enough: nothing said


def test_training_warns_with_the_available_figure_not_the_total(cli_main, tmp_path, monkeypatch):
    """The CLI run: available memory (monkeypatched) below what the run needs -> the warning,
    and training still runs (a warning, not a refusal)."""
    import mednn.models.memory as memory

    rng = np.random.default_rng(0)
    n = 200
    x = rng.normal(size=(n, 4))
    frame = pd.DataFrame(x, columns=["a", "b", "c", "d"]).assign(outcome=np.where(x[:, 0] > 0, "yes", "no"))
    frame.to_csv(tmp_path / "t.csv", index=False)
    monkeypatch.setattr(memory, "available_memory", lambda: 1 << 20)  # 1 MiB free, whatever the total
    args = ["train", "--data", str(tmp_path / "t.csv"), "--set", "data.label=outcome", "--set", "train.epochs=1",
            "--set", "model.hidden_sizes=[512,512]", "--set", "explain.enabled=false",
            "--set", "evaluate.baselines=[]", "--set", "evaluate.bootstrap=20", "--out", str(tmp_path / "run"), "--quiet"]
    with pytest.warns(MemoryWarning, match=r"1 MiB are available now.*fix: "):
        assert cli_main(args) == 0
    monkeypatch.setattr(memory, "available_memory", lambda: 1 << 40)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert cli_main([*args[:-3], "--out", str(tmp_path / "run2"), "--quiet"]) == 0
    assert not [w for w in caught if issubclass(w.category, MemoryWarning)]


@pytest.fixture
def cli_main():
    from mednn.cli.main import main

    return main


def test_a_model_fed_graphs_is_not_traced_with_a_dense_tensor(monkeypatch):
    """The estimate feeds zeros of the input shape: a graph model (dmpnn takes a dict of atom and
    bond arrays) indexed that tensor with 'atom_features' and torch warned "non-tuple sequence"
    on every molecule run (trial 8 #15). Inputs that are not one tensor are not traced."""
    pytest.importorskip("rdkit")
    from mednn.models.molecules import DMPNN

    called = []
    monkeypatch.setattr(DMPNN, "forward", lambda self, batch: called.append(type(batch).__name__))
    graphs = {"atom_features": None}  # what the featurizer hands the trainer: not a tensor
    assert training_memory("dmpnn", task=BINARY, input_shape=(72, 14, 0), hparams={}, batch_size=8,
                           inputs=graphs) is None
    assert called == []
    import torch

    class Graphs:  # a Batchable whose batches are dicts (molgraph), and one whose batches are tensors (images)
        def __init__(self, make):
            self.make = make

        def __len__(self):
            return 4

        def batch(self, index):
            return self.make(len(index))

    assert training_memory("dmpnn", task=BINARY, input_shape=(72, 14, 0), hparams={}, batch_size=8,
                           inputs=Graphs(lambda n: {"atom_features": torch.zeros(n, 72)})) is None
    assert called == []
    for inputs in (torch.zeros(4, 30), Graphs(lambda n: torch.zeros(n, 30))):
        need = training_memory("mlp", task=BINARY, input_shape=(30,), hparams={}, batch_size=8, inputs=inputs)
        assert need is not None and need.n_parameters > 0
