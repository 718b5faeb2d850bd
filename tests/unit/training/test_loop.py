import numpy as np
import pytest
import torch

from mednn.config import TrainConfig
from mednn.data.base import Task
from mednn.errors import ConfigError
from mednn.models.tabular import build_mlp
from mednn.training.callbacks import Checkpointing
from mednn.training.loop import MiniBatchEpochs, fit, predict_logits
from mednn.training.losses import class_weight_vector, make_loss, to_probabilities
from mednn.training.sampling import balanced_batches
from mednn.training.seeding import seed_everything

BINARY = Task("binary", ("neg", "pos"))


def _data(n=64, d=6, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d)).astype(np.float32)
    y = (x[:, 0] + 0.5 * x[:, 1] > 0).astype(np.int64)
    return torch.as_tensor(x), torch.as_tensor(y, dtype=torch.float32)


def _fit(cfg, seed=0, model_kwargs=None):
    x, y = _data()
    gen = seed_everything(seed)
    model = build_mlp(task=BINARY, input_shape=(6,), **(model_kwargs or {"hidden_sizes": [16]}))
    result = fit(model, x[:48], y[:48], x[48:], y[48:], task=BINARY, cfg=cfg, generator=gen,
                 device=torch.device("cpu"))
    return model, result


def test_overfits_a_tiny_set():
    x, y = _data(n=32)
    gen = seed_everything(0)
    model = build_mlp(task=BINARY, input_shape=(6,), hidden_sizes=[32])
    cfg = TrainConfig(lr=0.02, epochs=300, batch_size=32, early_stopping={"enabled": False})
    result = fit(model, x, y, x, y, task=BINARY, cfg=cfg, generator=gen, device=torch.device("cpu"))
    assert result.history[-1]["train_loss"] < 0.05
    prob = to_probabilities(BINARY, predict_logits(model, x)).numpy()
    assert ((prob >= 0.5) == y.numpy().astype(bool)).all()


def test_same_seed_same_weights_and_history():
    cfg = TrainConfig(epochs=15, batch_size=8, early_stopping={"enabled": False})
    m1, r1 = _fit(cfg, seed=3)
    m2, r2 = _fit(cfg, seed=3)
    for (k, a), (_, b) in zip(m1.state_dict().items(), m2.state_dict().items()):
        assert torch.equal(a, b), k
    strip = lambda h: [{k: v for k, v in row.items() if k != "seconds"} for row in h]  # noqa: E731
    assert strip(r1.history) == strip(r2.history)


def test_early_stopping_restores_best_weights():
    cfg = TrainConfig(epochs=400, lr=0.05, batch_size=8, early_stopping={"patience": 5})
    model, result = _fit(cfg, model_kwargs={"hidden_sizes": [64]})
    assert result.stopped_early and result.epochs_run < 400
    x, y = _data()
    val_loss = make_loss(BINARY)(predict_logits(model, x[48:]), y[48:]).item()
    best = min(row["val_loss"] for row in result.history)
    assert result.history[result.best_epoch - 1]["val_loss"] == pytest.approx(best)
    assert val_loss == pytest.approx(best, rel=1e-5)


def test_history_has_the_documented_columns():
    cfg = TrainConfig(epochs=3, schedule="cosine", early_stopping={"enabled": False})
    _, result = _fit(cfg)
    assert list(result.history[0]) == ["epoch", "train_loss", "val_loss", "val_auroc", "lr", "seconds"]
    lrs = [row["lr"] for row in result.history]
    assert lrs[0] > lrs[-1]  # cosine schedule decays


def test_unknown_monitor_is_a_config_error():
    cfg = TrainConfig(epochs=2, early_stopping={"monitor": "val_auc"})
    with pytest.raises(ConfigError, match="monitor"):
        _fit(cfg)


def test_balanced_classes_weights_and_sampler():
    y = np.array([0] * 90 + [1] * 10)
    w = class_weight_vector(BINARY, y, "balanced")
    np.testing.assert_allclose(w, [100 / (2 * 90), 100 / (2 * 10)])
    gen = torch.Generator().manual_seed(0)
    drawn = torch.cat(list(balanced_batches(y, 20, gen))).numpy()
    assert len(drawn) == 100
    frac_minority = (y[drawn] == 1).mean()
    assert 0.35 < frac_minority < 0.65  # ~0.5 instead of 0.1


def test_multilabel_loss_ignores_missing_labels():
    task = Task("multilabel", ("a", "b"))
    logits = torch.tensor([[2.0, -1.0], [0.5, 3.0]])
    y = torch.tensor([[1.0, float("nan")], [0.0, 1.0]])
    loss = make_loss(task)(logits, y)
    ref = torch.nn.functional.binary_cross_entropy_with_logits(
        torch.tensor([2.0, 0.5, 3.0]), torch.tensor([1.0, 0.0, 1.0])
    )
    assert loss.item() == pytest.approx(ref.item())


def test_class_weights_shift_the_loss_towards_the_minority():
    task = Task("multiclass", ("a", "b", "c"))
    logits = torch.tensor([[2.0, 0.0, 0.0]] * 4)  # a model that always favours the majority class "a"
    y = torch.tensor([0, 0, 0, 2])
    w = class_weight_vector(task, y.numpy(), {"c": 5.0})
    np.testing.assert_allclose(w, [1, 1, 5])
    # the missed minority sample now dominates the loss
    assert make_loss(task, w)(logits, y).item() > make_loss(task)(logits, y).item() * 1.5
    with pytest.raises(ConfigError, match="the task does not have"):
        class_weight_vector(task, y.numpy(), {"d": 2.0})


def test_weight_average_is_the_running_mean_it_claims():
    from mednn.training.loop import WeightAverage

    layer = torch.nn.Linear(2, 1)
    avg = WeightAverage(layer, decay=0.5)
    start = [p.detach().clone() for p in layer.parameters()]
    with torch.no_grad():
        for p in layer.parameters():
            p.add_(1.0)
    avg.update()  # step 1: decay = min(0.5, 2 / 11) = 2/11
    for s, p0 in zip(avg.shadow, start):
        torch.testing.assert_close(s, p0 + 9 / 11)
    trained = [p.detach().clone() for p in layer.parameters()]
    with avg.swapped():  # the averaged weights are in the model, then the trained ones return
        for p, p0 in zip(layer.parameters(), start):
            torch.testing.assert_close(p.detach(), p0 + 9 / 11)
    for p, t in zip(layer.parameters(), trained):
        assert torch.equal(p.detach(), t)


def test_ema_selects_and_keeps_the_averaged_weights():
    cfg = TrainConfig(epochs=30, lr=0.05, batch_size=8, ema=0.9, early_stopping={"patience": 30})
    model, result = _fit(cfg)
    x, y = _data()
    val_loss = make_loss(BINARY)(predict_logits(model, x[48:]), y[48:]).item()
    best = result.history[result.best_epoch - 1]["val_loss"]
    assert val_loss == pytest.approx(best, rel=1e-5)  # the history was measured on the same weights
    plain, _ = _fit(cfg.model_copy(update={"ema": None}))
    assert any(not torch.equal(a, b) for a, b in zip(model.state_dict().values(), plain.state_dict().values()))


def test_conv_nets_train_channels_last_on_cpu_and_come_back_contiguous():
    from mednn.models import build_model, load_model_modules
    from mednn.training.loop import cpu_memory_format

    load_model_modules()
    cpu = torch.device("cpu")
    net2d = build_model("small_cnn", task=BINARY, input_shape=(1, 12, 12), channels=[4, 8])
    net3d = build_model("small_cnn", task=BINARY, input_shape=(1, 8, 8, 8), channels=[4])
    assert cpu_memory_format(net2d, cpu) == torch.channels_last
    assert cpu_memory_format(net3d, cpu) == torch.channels_last_3d
    assert cpu_memory_format(build_mlp(task=BINARY, input_shape=(6,)), cpu) is None
    assert cpu_memory_format(net2d, torch.device("meta")) is None  # only the CPU path changes

    gen = seed_everything(0)
    x = torch.randn(40, 1, 12, 12)
    y = (x[:, 0, 4:8, 4:8].mean((1, 2)) > 0).float()
    cfg = TrainConfig(epochs=2, batch_size=8, early_stopping={"patience": 2})
    fit(net2d, x[:32], y[:32], x[32:], y[32:], task=BINARY, cfg=cfg, generator=gen, device=cpu)
    # the saved file (safetensors) and the explainers want plain contiguous weights back
    assert all(p.is_contiguous() for p in net2d.parameters())


class _Stop(Exception):
    pass


@pytest.mark.parametrize("kind,stop", [("mlp", 3), ("cnn", 3), ("mlp", 7)])  # 7: after the last epoch
def test_a_resumed_fit_equals_an_uninterrupted_one(kind, stop):
    from mednn.featurizers.images import make_augment
    from mednn.models import build_model, load_model_modules

    load_model_modules()
    torch.manual_seed(0)
    if kind == "mlp":  # dropout (global RNG), cosine schedule, weight average, Adam state
        x, y = _data(n=80)
        new = lambda: build_mlp(task=BINARY, input_shape=(6,), hidden_sizes=[16], dropout=0.3)  # noqa: E731
        cfg = TrainConfig(epochs=7, lr=0.02, batch_size=16, schedule="cosine", ema=0.9,
                          early_stopping={"patience": 7})
        aug = None
    else:  # batch norm, channels-last, augmentation with its own generator, SGD momentum, plateau
        x = torch.randn(80, 1, 12, 12)
        y = (x[:, 0, 4:8, 4:8].mean((1, 2)) > 0).float()
        new = lambda: build_model("small_cnn", task=BINARY, input_shape=(1, 12, 12), channels=[4, 8])  # noqa: E731
        cfg = TrainConfig(epochs=7, optimizer="sgd", lr=0.05, batch_size=16, schedule="plateau",
                          early_stopping={"patience": 7})
        aug = {"flip": True, "rotate": 10}

    def run(stop_after=None, resume=None):
        gen = seed_everything(0)
        model = new()
        saved = []

        def checkpoint(state):
            saved.append(state)
            if stop_after is not None and state[0]["epoch"] == stop_after:
                raise _Stop

        augment = make_augment(aug, 0) if aug else None
        try:
            result = fit(model, x[:60], y[:60], x[60:], y[60:], task=BINARY, cfg=cfg, generator=gen,
                         device=torch.device("cpu"), strategy=MiniBatchEpochs(augment=augment),
                         callbacks=[Checkpointing(save=checkpoint, resume=resume)])
        except _Stop:
            return None, None, saved[-1]
        return model, result, None

    straight, straight_result, _ = run()
    _, _, state = run(stop_after=stop)
    assert state[0]["epoch"] == stop
    resumed, resumed_result, _ = run(resume=state)
    assert resumed_result.epochs_run == straight_result.epochs_run
    for k, v in straight.state_dict().items():
        assert torch.equal(v, resumed.state_dict()[k]), k
    assert [r["val_loss"] for r in resumed_result.history] == [r["val_loss"] for r in straight_result.history]
    assert resumed_result.best_epoch == straight_result.best_epoch


def test_multilabel_macro_f1_monitor_is_the_mean_of_the_labels_f1_as_evaluate_reports_it():
    from sklearn.metrics import f1_score

    from mednn.data.base import Task
    from mednn.training.monitor import monitor_value

    rng = np.random.default_rng(0)
    y = (rng.random((200, 4)) < [0.5, 0.2, 0.05, 0.3]).astype(np.float64)
    prob = np.clip(0.3 * y + 0.6 * rng.random((200, 4)), 0, 1)  # noisy: some calls wrong
    task = Task("multilabel", ("a", "b", "c", "d"))
    expected = f1_score(y.astype(int), (prob >= 0.5).astype(int), average="macro")
    assert monitor_value("f1_macro", task, y, prob) == pytest.approx(expected)
