"""Differentially private training: DP-SGD (Abadi et al. 2016) for any registered model.

One step of DP-SGD:

1. draw the batch by Poisson sampling: every training sample is in it with probability
   ``q = batch_size / n``, independently (the accountant's guarantee assumes exactly this);
2. compute each sample's gradient separately (``torch.func``: ``functional_call`` under
   ``vmap(grad)``, one batched call, no per-sample Python);
3. clip each sample's whole gradient to L2 norm ``max_grad_norm`` (C), so no single patient
   record can move the sum by more than C;
4. sum, add Gaussian noise of standard deviation ``noise_multiplier * C`` to every coordinate,
   divide by the expected batch size ``q * n``;
5. hand the result to the mednn optimizer (``p.grad`` + ``optimizer.step()``).

The privacy spent, epsilon for the configured delta after the steps taken, comes from Opacus'
RDP accountant (Mironov 2017; conversion of Balle et al. 2020).

Imbalance: a balanced *sampler* would give minority samples a higher inclusion probability,
which the accountant does not model, so it is refused; class *weights* stay correct. They are
applied after clipping as ``w_i / max(w)`` (each sample still moves the sum by at most C), and
the division is by the expected weight of a batch, so the update is the weighted mean the
non-private loss would give. Weighting before clipping would silently undo the weights
whenever clipping is active, which in DP-SGD is nearly always.

What it does not make private: everything computed from the training data outside the
gradient steps (featurizer statistics and vocabularies, class counts and class weights), and
the validation data (early stopping, calibration, threshold); the report lists them.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Iterator
from typing import Any

import numpy as np
import torch

from ..errors import ConfigError
from ..training.callbacks import StepStrategy

MECHANISM = "DP-SGD"
ACCOUNTANT = "RDP"
# per-sample gradients of one chunk held at once: about 256 MB of float32
_MAX_CHUNK_VALUES = 1 << 26


# --------------------------------------------------------------------------- checks


def check_model(model: torch.nn.Module) -> None:
    """Refuse models whose output for one sample depends on the other samples of the batch."""
    for name, module in model.named_modules():
        if isinstance(module, torch.nn.modules.batchnorm._BatchNorm):
            raise ConfigError(
                f"privacy.dp: the model has a BatchNorm layer ({name or 'model'}: {type(module).__name__}), which "
                "mixes the samples of a batch, so per-sample gradients and the DP-SGD guarantee do not hold; "
                "fix: set model.batch_norm: false (mlp) or model.norm: group (small_cnn), or use a model with "
                "GroupNorm / LayerNorm, or set privacy.dp: false"
            )


def check_train_config(train_cfg, privacy_cfg) -> None:
    """Refuse training options that break the privacy accounting."""
    if train_cfg.sampler == "balanced":
        raise ConfigError(
            "train.sampler: balanced cannot be used with privacy.dp: true (a weighted sampler draws minority "
            "samples more often, which the privacy accountant does not allow for); fix: set train.sampler: "
            "shuffle and train.class_weights: balanced (a weighted loss stays correct under DP-SGD)"
        )


# --------------------------------------------------------------------------- sampling


def sampling_plan(n: int, batch_size: int) -> tuple[float, int]:
    """``(q, steps per epoch)`` for Poisson sampling: ``q = batch_size / n``, ``n / batch_size`` steps."""
    if n <= 0:
        raise ConfigError("privacy.dp: the training split is empty; fix: use more samples")
    q = min(1.0, batch_size / n)
    return q, max(1, round(n / batch_size))


def poisson_batches(n: int, sampling_rate: float, steps: int, generator: torch.Generator) -> Iterator[torch.Tensor]:
    """``steps`` batches, each holding every index ``0..n-1`` independently with probability ``q``.

    Batch sizes vary (binomial around ``q * n``) and may be empty: the step still happens,
    as the accounting assumes.
    """
    for _ in range(steps):
        keep = torch.rand(n, generator=generator) < sampling_rate
        yield keep.nonzero().reshape(-1)


# --------------------------------------------------------------------------- losses


def per_sample_loss(task, pos_weight: np.ndarray | None = None):
    """``loss(outputs, targets) -> (batch,)`` unweighted per-sample losses of the task.

    Class weights of binary / multiclass tasks are applied after clipping (module docstring);
    the multilabel per-label positive weights stay inside the loss.
    """
    import torch.nn.functional as F

    kind = task.kind
    pw = None if pos_weight is None else torch.as_tensor(pos_weight, dtype=torch.float32)

    def loss(out: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        if kind == "binary":
            return F.binary_cross_entropy_with_logits(out.reshape(-1), y.to(out.dtype), reduction="none")
        if kind == "multiclass":
            return F.cross_entropy(out, y, reduction="none")
        mask = ~torch.isnan(y)
        if kind == "multilabel":
            y0 = torch.where(mask, y, torch.zeros_like(y))
            losses = F.binary_cross_entropy_with_logits(
                out, y0, reduction="none", pos_weight=None if pw is None else pw.to(out.device))
        else:
            pred = out.reshape(y.shape)
            losses = torch.where(mask, pred - y, torch.zeros_like(pred)) ** 2
        # missing labels contribute nothing and do not dilute the sample's mean
        return (losses * mask).reshape(len(y), -1).sum(1) / mask.reshape(len(y), -1).sum(1).clamp(min=1)

    return loss


# --------------------------------------------------------------------------- the mechanism


class DPSGD:
    """Private gradients for ``model``: per-sample clip, sum, Gaussian noise, expected-batch mean.

    >>> dp = DPSGD(model, task, n_train=455, batch_size=64, max_grad_norm=1.0,
    ...            noise_multiplier=1.1, generator=torch.Generator().manual_seed(0))  # doctest: +SKIP
    >>> for index in dp.batches(): loss = dp.step(optimizer, x[index], y[index], index)  # doctest: +SKIP
    >>> dp.epsilon(1e-5)  # doctest: +SKIP
    """

    def __init__(self, model: torch.nn.Module, task, *, n_train: int, batch_size: int, max_grad_norm: float,
                 noise_multiplier: float, generator: torch.Generator, train_targets: np.ndarray | None = None,
                 class_weights: np.ndarray | None = None, device: torch.device | str = "cpu",
                 secure_noise: bool = True):
        check_model(model)
        self.model, self.task = model, task
        self.n_train = int(n_train)
        self.max_grad_norm = float(max_grad_norm)
        self.noise_multiplier = float(noise_multiplier)
        self.sampling_rate, self.steps_per_epoch = sampling_plan(self.n_train, batch_size)
        self.generator = generator
        self.device = torch.device(device)
        self.steps = 0
        # The noise gets its own stream. Secure: seeded from the OS's entropy and kept nowhere, so
        # knowing the run's (published) seed does not let anyone subtract the noise again.
        # Otherwise derived from the loop's generator, so a seed reproduces the run.
        noise_seed = secrets.randbits(62) if secure_noise else int(torch.randint(0, 2**62, (1,), generator=generator))
        self.noise_generator = torch.Generator(device=self.device).manual_seed(noise_seed)
        self.secure_noise = bool(secure_noise)
        self.params = {k: p for k, p in model.named_parameters() if p.requires_grad}
        n_values = sum(p.numel() for p in self.params.values())
        self.chunk = max(1, _MAX_CHUNK_VALUES // max(n_values, 1))

        # per-sample weights after clipping, scaled to at most 1 so the sensitivity stays C
        self.sample_weights: torch.Tensor | None = None
        pos_weight = None
        expected_weight = float(self.n_train)
        if class_weights is not None and task.kind == "multilabel":
            pos_weight = class_weights
        elif class_weights is not None and task.kind in ("binary", "multiclass"):
            w = np.asarray(class_weights, dtype=np.float64)
            top = w.max()
            if not top > 0:
                raise ConfigError("train.class_weights: every weight is 0; fix: give at least one class a positive weight")
            per_sample = (w / top)[np.asarray(train_targets).astype(int)]
            self.sample_weights = torch.as_tensor(per_sample, dtype=torch.float32)
            expected_weight = float(per_sample.sum())
        # what one step divides by: the expected batch size (unweighted) or batch weight
        self.denominator = max(self.sampling_rate * expected_weight, 1e-12)
        self.loss = per_sample_loss(task, pos_weight)

    # ------------------------------------------------------------------ sampling
    def batches(self) -> Iterator[torch.Tensor]:
        """One epoch of Poisson-sampled index batches."""
        return poisson_batches(self.n_train, self.sampling_rate, self.steps_per_epoch, self.generator)

    # ------------------------------------------------------------------ gradients
    def per_sample_gradients(self, xb: Any, yb: torch.Tensor) -> tuple[dict[str, torch.Tensor], torch.Tensor]:
        """``({name: (batch, *shape)}, losses (batch,))``: one gradient per sample, batched with vmap."""
        from torch.func import functional_call, grad_and_value, vmap

        _check_per_sample_inputs(xb, len(yb))
        buffers = {k: b for k, b in self.model.named_buffers()}
        model, loss = self.model, self.loss
        params = {k: p.detach() for k, p in self.params.items()}

        def one(params, x, y):
            x1 = torch.utils._pytree.tree_map(lambda t: t.unsqueeze(0), x)
            out = functional_call(model, (params, buffers), (x1,))
            return loss(out, y.unsqueeze(0))[0]

        # dropout inside the model draws different masks per sample, as in ordinary training
        per_sample = vmap(grad_and_value(one), in_dims=(None, 0, 0), randomness="different")
        try:
            return per_sample(params, xb, yb)
        except (RuntimeError, NotImplementedError, ValueError, TypeError) as exc:
            if "out of memory" in str(exc).lower():
                raise
            reason = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else ""
            raise ConfigError(
                f"privacy.dp: this model cannot compute per-sample gradients with torch.func.vmap "
                f"({type(exc).__name__}: {reason}); fix: choose another model (mlp works) or set privacy.dp: false"
            ) from None

    def private_gradient(self, xb: Any, yb: torch.Tensor, index: torch.Tensor | None = None
                         ) -> tuple[dict[str, torch.Tensor], torch.Tensor]:
        """The noised, clipped gradient of one Poisson batch and the batch's (weighted) mean loss.

        ``index`` (positions in the training set) selects the class weights of the samples.
        """
        total = {k: torch.zeros_like(p) for k, p in self.params.items()}
        loss_sum = torch.zeros((), device=self.device)
        weight_sum = torch.zeros((), device=self.device)
        b = len(yb)
        weights = None
        if self.sample_weights is not None and b:
            weights = self.sample_weights.index_select(0, index.cpu()).to(self.device)
        for start in range(0, b, self.chunk):
            part = torch.arange(start, min(start + self.chunk, b), device=yb.device)
            x_part = _rows(xb, part) if b > self.chunk else xb
            y_part = yb.index_select(0, part) if b > self.chunk else yb
            grads, losses = self.per_sample_gradients(x_part, y_part)
            flat = torch.stack([g.reshape(len(part), -1).norm(dim=1) for g in grads.values()], dim=1)
            norms = flat.norm(dim=1)
            # min(1, C / ||g_i||): the 1e-6 keeps a zero gradient from dividing by zero
            factor = (self.max_grad_norm / (norms + 1e-6)).clamp(max=1.0)
            w = torch.ones_like(factor) if weights is None else weights[start:start + len(part)]
            factor = factor * w
            for k, g in grads.items():
                total[k] += torch.tensordot(factor, g, dims=1)
            loss_sum += (losses.detach() * w).sum()
            weight_sum += w.sum()
        std = self.noise_multiplier * self.max_grad_norm
        for k, t in total.items():
            if std > 0:
                t += torch.normal(0.0, std, size=t.shape, generator=self.noise_generator, device=self.device)
            t /= self.denominator
        mean_loss = loss_sum / weight_sum.clamp(min=1e-12)
        return total, mean_loss

    def step(self, optimizer, xb: Any, yb: torch.Tensor, index: torch.Tensor | None = None) -> torch.Tensor:
        """One DP-SGD step: set every parameter's ``.grad`` to the private gradient, then ``optimizer.step()``."""
        grads, mean_loss = self.private_gradient(xb, yb, index)
        for k, p in self.params.items():
            p.grad = grads[k]
        optimizer.step()
        self.steps += 1
        return mean_loss

    # ------------------------------------------------------------------ accounting
    def epsilon(self, delta: float) -> float:
        """Epsilon spent so far for ``delta`` (infinite without noise)."""
        return epsilon(self.sampling_rate, self.noise_multiplier, self.steps, delta)

    def summary(self, delta: float) -> dict[str, Any]:
        """The ``metrics.json`` ``privacy`` entry (epsilon is null when there is no noise)."""
        eps = self.epsilon(delta)
        return {
            "mechanism": MECHANISM,
            "epsilon": round(eps, 6) if math.isfinite(eps) else None,
            "delta": delta,
            "noise_multiplier": self.noise_multiplier,
            "max_grad_norm": self.max_grad_norm,
            "sampling_rate": self.sampling_rate,
            "steps": self.steps,
            "accountant": ACCOUNTANT,
            "noise_seed": "secure" if self.secure_noise else "seed",
        }


def _check_per_sample_inputs(xb: Any, b: int) -> None:
    leaves = torch.utils._pytree.tree_leaves(xb)
    if not leaves or any(not isinstance(t, torch.Tensor) or t.dim() == 0 or t.shape[0] != b for t in leaves):
        raise ConfigError(
            "privacy.dp: the featurizer packs a batch into one structure (e.g. molecular graphs), not one row "
            "per sample, so per-sample gradients cannot be taken; fix: use a per-sample featurizer (e.g. "
            "featurize.name: ecfp for molecules) or set privacy.dp: false"
        )


def _rows(xb: Any, part: torch.Tensor) -> Any:
    return torch.utils._pytree.tree_map(lambda t: t.index_select(0, part.to(t.device)), xb)


# --------------------------------------------------------------------------- accounting


def epsilon(sampling_rate: float, noise_multiplier: float, steps: int, delta: float) -> float:
    """Epsilon of ``steps`` Poisson-subsampled Gaussian steps, Opacus' RDP accountant.

    >>> round(epsilon(0.01, 4.0, 10_000, 1e-5), 2)  # Abadi et al.'s example  # doctest: +SKIP
    """
    if steps <= 0:
        return 0.0
    if noise_multiplier <= 0:
        return math.inf
    from opacus.accountants import RDPAccountant  # imported here: opacus costs seconds to import

    accountant = RDPAccountant()
    # the accountant's state is a list of (noise multiplier, sampling rate, steps) phases
    accountant.history = [(float(noise_multiplier), float(sampling_rate), int(steps))]
    return float(accountant.get_epsilon(delta=delta))


def group_privacy(epsilon: float, delta: float, records: int) -> dict[str, Any]:
    """The guarantee for a patient with ``records`` training records, from the per-record
    ``(epsilon, delta)`` by group privacy (Dwork & Roth 2014, Theorem 2.2 for delta > 0):
    ``(k·ε, k·e^((k−1)ε)·δ)``. ``delta`` is None when the bound exceeds 1 (no guarantee).

    >>> group_privacy(1.0, 1e-6, 2)
    {'records_per_patient_max': 2, 'epsilon': 2.0, 'delta': 5.4e-06}
    """
    k = max(1, int(records))
    log_delta = math.log(k) + (k - 1) * float(epsilon) + math.log(delta) if delta > 0 else -math.inf
    group_delta = None if log_delta >= 0 else float(f"{math.exp(log_delta):.2g}")
    return {"records_per_patient_max": k, "epsilon": round(k * float(epsilon), 6), "delta": group_delta}


def noise_for_epsilon(target_epsilon: float, delta: float, sampling_rate: float, steps: int) -> float:
    """The smallest noise multiplier (to 0.01 in epsilon) that keeps ``steps`` steps within ``target_epsilon``."""
    import warnings

    from opacus.accountants.utils import get_noise_multiplier

    try:
        with warnings.catch_warnings():
            # the search probes extreme noise levels, where Opacus warns that its orders are too narrow
            warnings.simplefilter("ignore", UserWarning)
            return float(get_noise_multiplier(target_epsilon=target_epsilon, target_delta=delta,
                                              sample_rate=sampling_rate, steps=steps, accountant="rdp"))
    except ValueError:
        raise ConfigError(
            f"privacy.target_epsilon {target_epsilon} cannot be reached with {steps} steps at sampling rate "
            f"{sampling_rate:.3g}; fix: raise target_epsilon or lower train.epochs"
        ) from None


def make_dpsgd(model, task, *, train_cfg, privacy_cfg, n_train: int, generator: torch.Generator,
               train_targets: np.ndarray | None = None, class_weights: np.ndarray | None = None,
               device: torch.device | str = "cpu") -> DPSGD:
    """Check the config and build the :class:`DPSGD` the training loop uses (solving for the noise
    multiplier first when ``privacy.target_epsilon`` is set)."""
    check_train_config(train_cfg, privacy_cfg)
    check_model(model)
    sigma = privacy_cfg.noise_multiplier
    # target_epsilon wins over noise_multiplier: a run's resolved config.yaml holds both keys
    if privacy_cfg.target_epsilon is not None:
        q, per_epoch = sampling_plan(n_train, train_cfg.batch_size)
        sigma = noise_for_epsilon(privacy_cfg.target_epsilon, privacy_cfg.delta, q, per_epoch * train_cfg.epochs)
    return DPSGD(model, task, n_train=n_train, batch_size=train_cfg.batch_size,
                 max_grad_norm=privacy_cfg.max_grad_norm, noise_multiplier=sigma, generator=generator,
                 train_targets=train_targets, class_weights=class_weights, device=device,
                 secure_noise=privacy_cfg.noise_seed == "secure")


class DPSGDEpochs(StepStrategy):
    """The step strategy of :func:`mednn.training.loop.fit` for ``privacy.dp``: each epoch is
    ``n / batch_size`` Poisson-sampled batches (as the accounting assumes), each a private
    :meth:`DPSGD.step`; ``augment(x, y)`` is applied to each batch first.

    The :class:`DPSGD` is built when ``fit`` starts (it needs the model on its device and the
    training split), solving for the noise multiplier first when ``privacy.target_epsilon`` is
    set. The training loss is not recorded (a statistic of the private data), and a DP run
    cannot be checkpointed: the secure noise stream is, by design, not reproducible.

    >>> fit(model, x, y, val_x, val_y, ..., strategy=DPSGDEpochs(PrivacyConfig(dp=True)))  # doctest: +SKIP
    """

    private = True
    resumable = False
    channels_last = False  # per-sample gradients under vmap: keep the default layout

    def __init__(self, privacy_cfg, augment=None):
        self.privacy_cfg, self.augment = privacy_cfg, augment
        self.dp: DPSGD | None = None

    def setup(self, state) -> None:
        self.dp = make_dpsgd(state.model, state.task, train_cfg=state.cfg, privacy_cfg=self.privacy_cfg,
                             n_train=state.n_train, generator=state.generator, train_targets=state.train_targets,
                             class_weights=state.class_weights, device=state.device)

    def run_epoch(self, state) -> float:
        from ..training.loop import train_epoch

        return train_epoch(state.model, state.train_x, state.train_y, self.dp.batches(), loss_fn=state.loss_fn,
                           optimizer=state.optimizer, device=state.device, augment=self.augment, step=self.dp.step,
                           on_step=state.step_end)

    def privacy_summary(self) -> dict[str, Any]:
        return self.dp.summary(self.privacy_cfg.delta)
