"""Pieces of data-parallel training and mixed precision that need no second process: the loss
weighting that makes sharded batches exact, the torchrun environment, the refusals, the fp16
loss scaler over mednn's optimizers and bf16 on the CPU. The two-process runs are in
tests/integration/test_ddp.py."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from mednn.config import TrainConfig, load_config
from mednn.data.base import Task
from mednn.errors import ConfigError
from mednn.models.tabular import build_mlp
from mednn.trainer import check_distributed
from mednn.training.distributed import World, world_from_environment
from mednn.training.loop import fit
from mednn.training.losses import loss_denominator, make_loss
from mednn.training.optim import Adam
from mednn.training.precision import Precision
from mednn.training.seeding import seed_everything, set_threads, stream_seed

TASKS = {
    "binary": Task("binary", ("neg", "pos")),
    "multiclass": Task("multiclass", ("a", "b", "c")),
    "multilabel": Task("multilabel", ("x", "y", "z")),
    "regression": Task("regression", ("v", "w")),
}


def _batch(kind: str, n: int, gen: torch.Generator):
    if kind == "binary":
        return torch.randn(n, 1, generator=gen), torch.randint(0, 2, (n,), generator=gen).float()
    if kind == "multiclass":
        return torch.randn(n, 3, generator=gen), torch.randint(0, 3, (n,), generator=gen)
    y = torch.randn(n, 3 if kind == "multilabel" else 2, generator=gen)
    if kind == "multilabel":
        y = (y > 0).float()
    y[torch.rand(y.shape, generator=gen) < 0.3] = float("nan")  # missing labels
    return torch.randn(*y.shape, generator=gen), y


@pytest.mark.parametrize("kind", list(TASKS))
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("ranks", [2, 3, 8])
def test_weighted_shard_losses_average_to_the_global_batch_loss(kind, weighted, ranks):
    """What DDP computes: the mean over ranks of ``ranks * den(shard) / den(batch) * loss(shard)``."""
    task, gen = TASKS[kind], torch.Generator().manual_seed(ranks)
    weights = None
    if weighted and kind != "regression":
        weights = np.array([0.4, 2.5, 1.3]) if kind != "binary" else np.array([0.3, 3.0])
    loss, den = make_loss(task, weights), loss_denominator(task, weights)
    logits, y = _batch(kind, 7, gen)  # 7 rows over up to 8 ranks: unequal and empty shards
    shards = [s for s in zip(torch.tensor_split(logits, ranks), torch.tensor_split(y, ranks)) if len(s[1])]
    averaged = sum(ranks * den(ys) / den(y) * loss(xs, ys) for xs, ys in shards) / ranks
    torch.testing.assert_close(averaged, loss(logits, y), rtol=1e-6, atol=1e-7)
    # an unweighted mean of the shards' losses (what plain DDP gives) is not the batch's loss
    if kind in ("multilabel", "regression") or weighted:
        plain = sum(loss(xs, ys) for xs, ys in shards) / len(shards)
        assert not torch.allclose(plain, loss(logits, y), rtol=1e-4)


def test_world_from_the_torchrun_environment():
    assert world_from_environment({}) == World()
    world = world_from_environment({"RANK": "3", "WORLD_SIZE": "4", "LOCAL_RANK": "1", "LOCAL_WORLD_SIZE": "2"})
    assert (world.rank, world.world_size, world.local_rank, world.local_world_size) == (3, 4, 1, 2)
    assert world.distributed and not world.is_main
    with pytest.raises(ConfigError, match="RANK.*torchrun"):
        world_from_environment({"WORLD_SIZE": "2"})
    with pytest.raises(ConfigError, match="inconsistent"):
        world_from_environment({"RANK": "2", "WORLD_SIZE": "2", "LOCAL_RANK": "0"})


@pytest.mark.parametrize("override, words", [
    ("privacy.dp=true", "privacy.dp cannot train under torchrun"),
    ("privacy.federated.site_column=site", "privacy.federated cannot train under torchrun"),
])
def test_dp_and_federated_are_refused_under_torchrun(override, words):
    cfg = load_config(None, ["data.path=breast-cancer", "data.meta_columns=[site]", override])
    check_distributed(cfg, World())  # one process: allowed
    with pytest.raises(ConfigError, match=words) as err:
        check_distributed(cfg, World(rank=0, world_size=2))
    assert "\n" not in str(err.value) and "fix:" in str(err.value)


def test_mixed_precision_is_refused_with_dp_and_fp16_on_the_cpu():
    with pytest.raises(ConfigError, match="train.precision: bf16 is not available for DP-SGD"):
        check_distributed(load_config(None, ["data.path=breast-cancer", "privacy.dp=true",
                                             "train.precision=bf16"]), World())
    with pytest.raises(ConfigError, match="fp16 needs a CUDA device"):
        Precision("fp16", torch.device("cpu"))


def _two_models():
    torch.manual_seed(0)
    a = torch.nn.Sequential(torch.nn.Linear(5, 4), torch.nn.Tanh(), torch.nn.Linear(4, 1))
    b = torch.nn.Sequential(torch.nn.Linear(5, 4), torch.nn.Tanh(), torch.nn.Linear(4, 1))
    b.load_state_dict(a.state_dict())
    return a, b


def test_the_fp16_loss_scaler_drives_mednns_optimizers():
    """GradScaler unscales through ``param_groups``: a finite step equals the plain one, an
    overflowing step is skipped and the scale halved."""
    plain_model, scaled_model = _two_models()
    plain, scaled = Adam(plain_model.parameters(), lr=0.01), Adam(scaled_model.parameters(), lr=0.01)
    scaler = torch.amp.GradScaler("cpu", init_scale=1024.0)
    x, y = torch.randn(8, 5), torch.randn(8, 1)
    for _ in range(3):
        for opt, model in ((plain, plain_model), (scaled, scaled_model)):
            opt.zero_grad()
            loss = torch.nn.functional.mse_loss(model(x), y)
            if opt is plain:
                loss.backward()
                opt.step()
            else:
                scaler.scale(loss).backward()
                scaler.step(opt)
                scaler.update()
    for p, q in zip(plain_model.parameters(), scaled_model.parameters()):
        torch.testing.assert_close(p, q)
    before = [p.detach().clone() for p in scaled_model.parameters()]
    scaled.zero_grad()
    scaler.scale(torch.nn.functional.mse_loss(scaled_model(x), y) * float("inf")).backward()
    scaler.step(scaled)
    scaler.update()
    assert all(torch.equal(p, q) for p, q in zip(before, scaled_model.parameters()))
    assert scaler.get_scale() == 512.0 and scaled.steps == 3


def test_bf16_on_the_cpu_trains_close_to_fp32():
    rng = np.random.default_rng(0)
    x = torch.as_tensor(rng.normal(size=(96, 6)).astype(np.float32))
    y = torch.as_tensor((x[:, 0] + 0.5 * x[:, 1] > 0).numpy().astype(np.float32))
    results = {}
    for precision in ("fp32", "bf16"):
        gen = seed_everything(0)
        model = build_mlp(task=TASKS["binary"], input_shape=(6,), hidden_sizes=[16])
        cfg = TrainConfig(lr=0.02, epochs=15, batch_size=16, precision=precision, early_stopping={"enabled": False})
        results[precision] = fit(model, x[:64], y[:64], x[64:], y[64:], task=TASKS["binary"], cfg=cfg, generator=gen,
                                 device=torch.device("cpu"))
    fp32, bf16 = results["fp32"].history[-1], results["bf16"].history[-1]
    assert bf16["train_loss"] < 0.5 * results["bf16"].history[0]["train_loss"]  # it learns
    assert bf16["val_loss"] == pytest.approx(fp32["val_loss"], abs=0.05)
    assert bf16["train_loss"] != fp32["train_loss"]  # the forward pass really ran in bf16


def test_streams_differ_by_rank_and_epoch_and_threads_are_shared():
    seeds = {stream_seed(0, epoch, rank) for epoch in range(3) for rank in range(4)}
    assert len(seeds) == 12 and stream_seed(0, 1, 1) == stream_seed(0, 1, 1)
    import os

    cores = os.cpu_count() or 1
    assert set_threads(None, 10**7, processes=cores) == 1
    assert set_threads(None, 10**7, processes=1) == min(cores, 8)
    set_threads(1)
