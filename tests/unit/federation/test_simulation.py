"""The pooled-file simulation (``privacy.federated.site_column``): the aggregation, the site
split, FedAvg = pooled gradient descent, errors named by site, augmentation in the sites'
processes, reproducible rounds that leave the caller's generator alone."""

from __future__ import annotations

import numpy as np
import pytest
import torch

pytest.importorskip("flwr")

from mednn.config import load_config  # noqa: E402
from mednn.data.base import Dataset, Task  # noqa: E402
from mednn.errors import ConfigError, DataError  # noqa: E402
from mednn.federation.aggregation import fedavg  # noqa: E402
from mednn.federation.simulation import SimulatedSites, split_by_site  # noqa: E402
from mednn.models.tabular import build_mlp  # noqa: E402
from mednn.training.losses import make_loss  # noqa: E402

BINARY = Task("binary", ("neg", "pos"))


def test_average_is_weighted_by_rows_and_keeps_integer_buffers():
    a = {"w": torch.tensor([1.0, 2.0]), "n": torch.tensor(5)}
    b = {"w": torch.tensor([3.0, 6.0]), "n": torch.tensor(9)}
    out = fedavg([a, b], [1, 3])
    torch.testing.assert_close(out["w"], torch.tensor([2.5, 5.0]))
    assert out["n"].item() == 5 and out["w"].dtype == torch.float32


def _dataset(sites, x=None, y=None):
    n = len(sites)
    x = np.zeros((n, 2), np.float32) if x is None else x
    return Dataset(inputs=x, targets=np.zeros(n, np.int64) if y is None else y, task=BINARY,
                   ids=np.arange(n).astype(str), meta={"site": np.asarray(sites, dtype=object)})


def test_sites_come_from_the_meta_column_with_clear_errors():
    rows = split_by_site(_dataset(["b", "a", "b", "c"]), "site")
    assert list(rows) == ["a", "b", "c"] and rows["b"].tolist() == [0, 2]
    with pytest.raises(ConfigError, match="add 'hospital' to data.meta_columns"):
        split_by_site(_dataset(["a", "b"]), "hospital")
    with pytest.raises(DataError, match="empty in 1 training rows"):
        split_by_site(_dataset(["a", "", "b"]), "site")
    with pytest.raises(ConfigError, match="needs at least 2"):
        split_by_site(_dataset(["a", "a"]), "site")


class _AsIs:
    """A featurizer that hands the rows over unchanged (the tests' inputs are already tensors)."""

    def __init__(self, shape):
        self.input_shape = shape

    def transform(self, part):
        return torch.as_tensor(np.asarray(part.inputs))


def _sites(cfg, model, x, y, cuts, **kwargs):
    labels = np.repeat([f"s{i}" for i in range(len(cuts))], np.diff([0, *cuts]))
    part = _dataset(labels, np.asarray(x), np.asarray(y).astype(np.int64))
    return SimulatedSites(cfg, model=model, name=kwargs.pop("name", "mlp"), featurizer=_AsIs(tuple(x.shape[1:])),
                          train_part=part, **kwargs)


def _config(*extra, processes=False):
    return load_config(None, ["data.meta_columns=[site]", "privacy.federated.site_column=site",
                              f"privacy.federated.processes={str(processes).lower()}", *extra])


@pytest.mark.parametrize("processes", [False, True])
def test_one_round_of_full_batch_fedavg_is_one_pooled_gradient_step(processes):
    # with plain gradient descent, one local step on each site's whole data and an average
    # weighted by rows, a round equals one step on the pooled data (the mean loss's gradient
    # is the row-weighted mean of the sites' gradients)
    rng = np.random.default_rng(0)
    x = torch.as_tensor(rng.normal(size=(30, 4)).astype(np.float32))
    y = torch.as_tensor((x[:, 0] > 0).numpy().astype(np.float32))
    torch.manual_seed(0)
    model = build_mlp(task=BINARY, input_shape=(4,), hidden_sizes=[6])
    pooled = build_mlp(task=BINARY, input_shape=(4,), hidden_sizes=[6])
    pooled.load_state_dict(model.state_dict())
    cfg = _config("model.name=mlp", "model.hidden_sizes=[6]", "train.optimizer=sgd", "train.momentum=0",
                  "train.lr=0.5", "train.batch_size=1000", processes=processes)
    sites = _sites(cfg, model, x, y, [7, 19, 30])
    with sites as rounds:
        loss = rounds.run_round(model, 0.5, 1)
        summary = sites.summary()["sites"]
        assert [(s["site"], s["n_train"]) for s in summary] == [("s0", 7), ("s1", 12), ("s2", 11)]
        assert sum(s["class_counts"]["pos"] for s in summary) == int(y.sum())
    pooled_loss = make_loss(BINARY)(pooled(x), y)
    pooled_loss.backward()
    with torch.no_grad():
        for p in pooled.parameters():
            p -= 0.5 * p.grad
    for (k, a), (_, b) in zip(model.state_dict().items(), pooled.state_dict().items()):
        torch.testing.assert_close(a, b, atol=1e-6, rtol=1e-5, msg=k)
    assert loss == pytest.approx(pooled_loss.item(), rel=1e-5)  # row-weighted mean of the sites' losses


def test_a_failing_site_is_reported_by_name():
    x, y = torch.zeros(6, 4), torch.zeros(6)
    cfg = _config("model.name=mlp", "model.hidden_sizes=[6]")
    model = build_mlp(task=BINARY, input_shape=(4,), hidden_sizes=[6])
    with pytest.raises(ConfigError, match=r"Federated site 's0' failed in the setup phase: .*no_such_model"):
        with _sites(cfg, model, x, y, [3, 6], name="no_such_model"):
            pass


def test_image_sites_augment_in_their_own_processes():
    from mednn.featurizers.images import make_augment
    from mednn.models import build_model, load_model_modules

    torch.manual_seed(0)
    x = torch.randn(24, 1, 12, 12)
    y = (x[:, 0, 4:8, 4:8].mean((1, 2)) > 0).float()
    load_model_modules()
    model = build_model("small_cnn", task=BINARY, input_shape=(1, 12, 12), channels=[4, 8])
    before = {k: v.clone() for k, v in model.state_dict().items()}
    cfg = _config("model.name=small_cnn", "model.channels=[4,8]", "train.batch_size=8",
                  "train.augment={flip: true, rotate: 10}", processes=True)
    with _sites(cfg, model, x, y, [10, 24], name="small_cnn", make_augment=make_augment) as rounds:
        loss = rounds.run_round(model, 1e-2, 1)
    assert np.isfinite(loss)
    assert not torch.equal(before["backbone.0.0.0.weight"], model.state_dict()["backbone.0.0.0.weight"])
    # batch-norm running statistics were averaged too
    assert not torch.equal(before["backbone.0.0.1.running_mean"], model.state_dict()["backbone.0.0.1.running_mean"])


def test_rounds_are_reproducible_and_leave_the_callers_generator_alone():
    rng = np.random.default_rng(1)
    x = torch.as_tensor(rng.normal(size=(40, 4)).astype(np.float32))
    y = torch.as_tensor((x[:, 1] > 0).numpy().astype(np.float32))
    cfg = _config("model.name=mlp", "model.hidden_sizes=[8]", "model.dropout=0.5", "train.batch_size=8", "seed=3")

    def two_rounds():
        torch.manual_seed(0)
        model = build_mlp(task=BINARY, input_shape=(4,), hidden_sizes=[8], dropout=0.5)
        with _sites(cfg, model, x, y, [15, 40]) as rounds:
            state = torch.random.get_rng_state()
            for r in (1, 2):
                rounds.run_round(model, 0.01, r)
            assert torch.equal(state, torch.random.get_rng_state())  # in-process sites forked the RNG
        return model.state_dict()

    first, second = two_rounds(), two_rounds()
    assert all(torch.equal(first[k], second[k]) for k in first)
