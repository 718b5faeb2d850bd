"""DP-SGD: per-sample gradients, clipping, noise, Poisson sampling, accounting, refusals."""

import math

import numpy as np
import pytest
import torch

from mednn.config import PrivacyConfig, TrainConfig
from mednn.data.base import Task
from mednn.errors import ConfigError
from mednn.models.tabular import build_mlp
from mednn.privacy.dp import (
    DPSGD, _check_per_sample_inputs, epsilon, make_dpsgd, noise_for_epsilon, per_sample_loss,
    poisson_batches, sampling_plan,
)
from mednn.trainer import step_strategy
from mednn.training.loop import fit
from mednn.training.optim import SGD
from mednn.training.seeding import seed_everything

BINARY = Task("binary", ("neg", "pos"))
MULTICLASS = Task("multiclass", ("a", "b", "c"))
CPU = torch.device("cpu")


def _data(n=40, d=5, task=BINARY, seed=0):
    rng = np.random.default_rng(seed)
    x = torch.as_tensor(rng.normal(size=(n, d)).astype(np.float32))
    if task.kind == "binary":
        y = torch.as_tensor((x[:, 0] > 0).numpy().astype(np.float32))
    else:
        y = torch.as_tensor(rng.integers(0, 3, size=n), dtype=torch.long)
    return x, y


def _autograd_grads(model, task, x, y):
    """Oracle: one ordinary backward pass per sample (batch of one)."""
    loss_fn = per_sample_loss(task)
    out = []
    for i in range(len(y)):
        model.zero_grad()
        loss_fn(model(x[i : i + 1]), y[i : i + 1])[0].backward()
        out.append({k: p.grad.detach().clone() for k, p in model.named_parameters()})
    return out


def _dp(model, task=BINARY, n=40, batch_size=10, C=1.0, sigma=0.0, seed=0, **kw):
    return DPSGD(model, task, n_train=n, batch_size=batch_size, max_grad_norm=C, noise_multiplier=sigma,
                 generator=torch.Generator().manual_seed(seed), **kw)


@pytest.mark.parametrize("task", [BINARY, MULTICLASS], ids=["binary", "multiclass"])
def test_per_sample_gradients_equal_single_sample_autograd(task):
    torch.manual_seed(0)
    x, y = _data(n=12, task=task)
    model = build_mlp(task=task, input_shape=(5,), hidden_sizes=[7])
    grads, losses = _dp(model, task).per_sample_gradients(x, y)
    oracle = _autograd_grads(model, task, x, y)
    for i in range(len(y)):
        for k in grads:
            torch.testing.assert_close(grads[k][i], oracle[i][k], rtol=1e-5, atol=1e-6)
    torch.testing.assert_close(losses, per_sample_loss(task)(model(x), y).detach())


def test_tiny_clip_without_noise_gives_the_clipped_mean_update():
    torch.manual_seed(1)
    x, y = _data(n=40)
    model = build_mlp(task=BINARY, input_shape=(5,), hidden_sizes=[4])
    before = {k: p.detach().clone() for k, p in model.named_parameters()}
    index = torch.arange(0, 9)
    oracle = _autograd_grads(model, BINARY, x[index], y[index])
    C, lr = 1e-4, 0.5
    dp = _dp(model, n=40, batch_size=10, C=C, sigma=0.0)
    dp.step(SGD(model.parameters(), lr=lr), x[index], y[index], index)
    # every gradient is clipped to norm C: g_i * C / ||g_i||; summed, divided by q * n = 10
    norms = [math.sqrt(sum(float((g**2).sum()) for g in o.values())) for o in oracle]
    for k, p in model.named_parameters():
        clipped_sum = sum(o[k] * (C / n) for o, n in zip(oracle, norms))
        torch.testing.assert_close(p.detach(), before[k] - lr * clipped_sum / 10.0, rtol=1e-4, atol=1e-9)
    assert dp.steps == 1


def test_class_weights_are_applied_after_clipping():
    torch.manual_seed(2)
    x, y = _data(n=30)
    model = build_mlp(task=BINARY, input_shape=(5,), hidden_sizes=[3])
    weights = np.array([0.5, 2.0])
    dp = _dp(model, n=30, batch_size=10, C=1e-3, train_targets=y.numpy(), class_weights=weights)
    index = torch.arange(5, 17)
    grads, _ = dp.private_gradient(x[index], y[index], index)
    oracle = _autograd_grads(model, BINARY, x[index], y[index])
    scaled = weights / weights.max()
    expected_weight = scaled[y.numpy().astype(int)].sum() * (10 / 30)
    for k in grads:
        total = torch.zeros_like(grads[k])
        for o, label in zip(oracle, y[index].long().tolist()):
            norm = math.sqrt(sum(float((g**2).sum()) for g in o.values()))
            total += scaled[label] * o[k] * min(1.0, 1e-3 / norm)
        torch.testing.assert_close(grads[k], total / expected_weight, rtol=1e-4, atol=1e-10)


def test_noise_has_standard_deviation_sigma_times_C_over_expected_batch():
    model = torch.nn.Linear(100, 200)  # 20,200 noise draws
    sigma, C = 1.7, 0.3
    dp = DPSGD(model, BINARY, n_train=500, batch_size=25, max_grad_norm=C, noise_multiplier=sigma,
               generator=torch.Generator().manual_seed(0))
    empty = torch.zeros(0, dtype=torch.long)
    grads, _ = dp.private_gradient(torch.zeros(0, 100), torch.zeros(0), empty)
    values = torch.cat([g.reshape(-1) for g in grads.values()]).double()
    expected = sigma * C / 25.0
    # std of a sample std of 20,200 normals is about 0.5%; 3% is far outside chance
    assert values.std().item() == pytest.approx(expected, rel=0.03)
    assert abs(values.mean().item()) < 4 * expected / math.sqrt(values.numel())


def test_poisson_sampling_rate_and_steps():
    q, steps = sampling_plan(1000, 50)
    assert q == pytest.approx(0.05) and steps == 20
    assert sampling_plan(30, 64) == (1.0, 1)
    gen = torch.Generator().manual_seed(0)
    counts = torch.zeros(1000)
    sizes = []
    for _ in range(20):
        for index in poisson_batches(1000, q, steps, gen):
            counts[index] += 1
            sizes.append(len(index))
            assert len(torch.unique(index)) == len(index)
    draws = 20 * steps
    assert np.mean(sizes) == pytest.approx(50, rel=0.03)  # 400 batches: SE of the mean ~0.35
    assert np.var(sizes) == pytest.approx(1000 * q * (1 - q), rel=0.25)  # binomial, not fixed size
    assert (counts / draws).mean().item() == pytest.approx(q, rel=0.03)


def _analytic_gaussian_epsilon(sigma_effective: float, delta: float) -> float:
    """Exact epsilon of one Gaussian mechanism with sensitivity 1 (Balle & Wang 2018, Thm 8)."""
    from scipy.stats import norm

    def delta_of(eps):
        a = 1 / (2 * sigma_effective)
        return norm.cdf(a - eps * sigma_effective) - math.exp(eps) * norm.cdf(-a - eps * sigma_effective)

    lo, hi = 0.0, 50.0
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if delta_of(mid) > delta else (lo, mid)
    return hi


def test_epsilon_without_sampling_is_close_above_the_exact_gaussian_value():
    # q = 1: T steps of noise sigma compose exactly into one Gaussian with sigma / sqrt(T)
    sigma, steps, delta = 10.0, 16, 1e-5
    exact = _analytic_gaussian_epsilon(sigma / math.sqrt(steps), delta)
    ours = epsilon(1.0, sigma, steps, delta)
    assert exact <= ours <= 1.3 * exact


def test_epsilon_matches_opacus_accountant_and_abadi_example():
    from opacus.accountants import RDPAccountant

    q, sigma, steps, delta = 0.02, 1.3, 300, 1e-5
    accountant = RDPAccountant()
    for _ in range(steps):
        accountant.step(noise_multiplier=sigma, sample_rate=q)
    assert epsilon(q, sigma, steps, delta) == pytest.approx(accountant.get_epsilon(delta=delta), rel=1e-9)
    # Abadi et al. 2016, section 3.1: q = 0.01, sigma = 4, T = 10,000, delta = 1e-5 -> eps ~ 1.26 with
    # the moments accountant; RDP with the Balle et al. conversion is tighter, never looser
    assert 0.9 < epsilon(0.01, 4.0, 10_000, 1e-5) <= 1.26
    assert epsilon(0.01, 0.0, 10, 1e-5) == math.inf
    assert epsilon(0.01, 1.0, 0, 1e-5) == 0.0
    # more steps or less noise never spend less
    assert epsilon(q, sigma, 2 * steps, delta) > epsilon(q, sigma, steps, delta)
    assert epsilon(q, sigma / 2, steps, delta) > epsilon(q, sigma, steps, delta)


def test_noise_for_target_epsilon_reaches_the_target():
    q, steps = 0.05, 400
    sigma = noise_for_epsilon(2.0, 1e-5, q, steps)
    assert 1.98 <= epsilon(q, sigma, steps, 1e-5) <= 2.0
    with pytest.raises(ConfigError, match="target_epsilon"):
        noise_for_epsilon(1e-9, 1e-5, 1.0, 10_000)


def test_make_dpsgd_solves_noise_for_target_epsilon():
    model = build_mlp(task=BINARY, input_shape=(5,), hidden_sizes=[3])
    cfg = TrainConfig(batch_size=20, epochs=5)
    privacy = PrivacyConfig(dp=True, target_epsilon=3.0, noise_multiplier=0.1)
    dp = make_dpsgd(model, BINARY, train_cfg=cfg, privacy_cfg=privacy, n_train=200,
                    generator=torch.Generator().manual_seed(0))
    assert dp.noise_multiplier > 0.1
    assert epsilon(dp.sampling_rate, dp.noise_multiplier, 50, 1e-5) <= 3.0


def _fit_dp(seed=0, train=None, privacy=None, model=None, n=60):
    x, y = _data(n=n + 20)
    gen = seed_everything(seed)
    model = model or build_mlp(task=BINARY, input_shape=(5,), hidden_sizes=[8], dropout=0.2)
    cfg = train or TrainConfig(epochs=4, batch_size=15, lr=0.05, early_stopping={"enabled": False})
    privacy = privacy or PrivacyConfig(dp=True, noise_multiplier=1.0)
    result = fit(model, x[:n], y[:n], x[n:], y[n:], task=BINARY, cfg=cfg, generator=gen, device=CPU,
                 strategy=step_strategy(privacy))
    return model, result


def test_balanced_sampler_is_refused_under_dp():
    with pytest.raises(ConfigError, match="class_weights: balanced"):
        _fit_dp(train=TrainConfig(epochs=1, sampler="balanced"))


def test_batch_norm_is_refused_with_the_fix():
    model = build_mlp(task=BINARY, input_shape=(5,), hidden_sizes=[4], batch_norm=True)
    with pytest.raises(ConfigError, match="batch_norm: false"):
        _fit_dp(model=model)


def test_inputs_packed_per_batch_are_refused():
    graphs = {"atom_features": torch.zeros(23, 4), "n_atoms": torch.tensor([11, 12])}
    with pytest.raises(ConfigError, match="per-sample"):
        _check_per_sample_inputs(graphs, 2)
    _check_per_sample_inputs({"input_ids": torch.zeros(2, 5), "attention_mask": torch.ones(2, 5)}, 2)


def test_model_that_vmap_cannot_handle_gives_a_clear_error():
    class DataDependent(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.linear = torch.nn.Linear(5, 1)

        def forward(self, x):
            out = self.linear(x)
            return out * 2 if out.sum().item() > 0 else out  # .item() cannot run under vmap

    with pytest.raises(ConfigError, match="vmap"):
        _fit_dp(model=DataDependent())


def test_seeded_dp_training_is_deterministic_and_records_privacy():
    seeded = PrivacyConfig(dp=True, noise_multiplier=1.0, noise_seed="seed")
    m1, r1 = _fit_dp(seed=5, privacy=seeded)
    m2, r2 = _fit_dp(seed=5, privacy=seeded)
    m3, _ = _fit_dp(seed=6, privacy=seeded)
    for (k, a), (_, b) in zip(m1.state_dict().items(), m2.state_dict().items()):
        assert torch.equal(a, b), k
    assert any(not torch.equal(a, b) for a, b in zip(m1.state_dict().values(), m3.state_dict().values()))
    assert r1.privacy == r2.privacy
    p = r1.privacy
    assert p["mechanism"] == "DP-SGD" and p["accountant"] == "RDP" and p["noise_seed"] == "seed"
    assert p["steps"] == 4 * 4 and p["sampling_rate"] == pytest.approx(15 / 60)
    assert p["epsilon"] == pytest.approx(epsilon(0.25, 1.0, 16, 1e-5), rel=1e-5)
    # the training loss is a statistic of the private data: not recorded
    assert all(math.isnan(row["train_loss"]) for row in r1.history)
    assert all(math.isfinite(row["val_loss"]) for row in r1.history)


def test_without_dp_the_loop_is_unchanged():
    x, y = _data(n=80)
    results = []
    for privacy in (None, PrivacyConfig(dp=False)):
        gen = seed_everything(0)
        model = build_mlp(task=BINARY, input_shape=(5,), hidden_sizes=[8])
        r = fit(model, x[:60], y[:60], x[60:], y[60:], task=BINARY, generator=gen, device=CPU,
                strategy=step_strategy(privacy),
                cfg=TrainConfig(epochs=3, batch_size=15, early_stopping={"enabled": False}))
        results.append((r, model))
    assert results[0][0].privacy is None and results[1][0].privacy is None
    assert [h["train_loss"] for h in results[0][0].history] == [h["train_loss"] for h in results[1][0].history]


def test_secure_noise_is_not_reproducible_from_the_run_seed():
    # by default the noise's seed comes from the OS and is stored nowhere: the same run seed (the
    # same batches, the same initial weights) gives different noise, so a published seed cannot
    # be used to subtract it
    m1, r1 = _fit_dp(seed=5)
    m2, _ = _fit_dp(seed=5)
    assert r1.privacy["noise_seed"] == "secure"
    assert any(not torch.equal(a, b) for a, b in zip(m1.state_dict().values(), m2.state_dict().values()))
    # with no noise at all the two runs are identical: only the noise differed
    silent = PrivacyConfig(dp=True, noise_multiplier=0.0)
    m3, _ = _fit_dp(seed=5, privacy=silent)
    m4, _ = _fit_dp(seed=5, privacy=silent)
    assert all(torch.equal(a, b) for a, b in zip(m3.state_dict().values(), m4.state_dict().values()))
