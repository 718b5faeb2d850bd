"""Step 2 of a run: train the prepared network (:func:`train` -> :class:`Trained`).

The trainer (:mod:`mednn.trainer`) trains one network, an ensemble's members or federated
rounds; here the result is summarised as ``metrics.json`` records it (:func:`training_summary`)
and what training noticed becomes findings (``best_epoch_last``, ``training_unstable`` ...).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..config import RunConfig
from ..findings import Finding
from .preparation import Prepared


@dataclass
class Trained:
    """A trained network and how its training went.

    ``model``: the network, or the ensemble of its members; ``results``: each member's
    :class:`~mednn.training.state.TrainResult` (history, best epoch, how it stopped);
    ``threads``: torch threads used; ``federated``: the federated summary (federated runs);
    ``checkpoints``: the run's checkpoint folder (cleared once the run is written);
    ``n_train``: training rows counted where they are, when they are not in
    ``prepared.splits.train`` (a federation's sites); ``findings``: what training noticed.
    """

    prepared: Prepared
    model: Any
    results: list
    threads: int | None = None
    federated: dict[str, Any] | None = None
    checkpoints: Any = None
    n_train: int | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def stopped_by(self) -> str | None:
        """Why training ended before its planned epochs (member 1's reason, or the one that
        ended the whole training): ``early_stopping``, ``budget``, ``pruned``, ``callback``."""
        from ..trainer import ENDS_TRAINING

        ending = [r.stopped_by for r in self.results if r.stopped_by in ENDS_TRAINING]
        return ending[0] if ending else self.results[0].stopped_by

    def probabilities(self, split: str = "val") -> np.ndarray:
        """The network's probabilities on a prepared split (no calibration: that is :func:`finish`'s)."""
        from ..training.loop import predict_logits
        from ..training.losses import to_probabilities

        p = self.prepared
        logits = predict_logits(self.model, p.features[split], device=p.device)
        return to_probabilities(p.task, logits).numpy()

    def score(self, metric: str, split: str = "val") -> float:
        """A registered metric of the uncalibrated network on a prepared split (regression: in
        the target's own units), as tuning scores a trial."""
        from ..training.monitor import monitor_value

        p = self.prepared
        prob, y = self.probabilities(split), p.targets[split].numpy()
        if p.scaler is not None:
            prob, y = p.scaler.inverse(prob), np.asarray(getattr(p.splits, split).targets, dtype=np.float64)
        return monitor_value(metric, p.task, y, prob)


def train(prepared: Prepared, callbacks: Sequence = ()) -> Trained:
    """Train the prepared network; every epoch of every ensemble member is seen by ``callbacks``
    (:class:`~mednn.training.callbacks.Callback`: stop, record, prune ...). Early stopping,
    model selection, the schedule, the weight average and ``train.budget`` are added from the
    config. Under torchrun every rank trains; only rank 0 logs.

    >>> trained = train(prepare(cfg, "runs/bc"), callbacks=[MyCallback()])  # doctest: +SKIP
    >>> trained.results[0].best_epoch  # doctest: +SKIP
    """
    from .. import trainer

    started = time.perf_counter()
    members = trainer.train_members(prepared, callbacks)
    trained = Trained(prepared, members.model, members.results, threads=members.threads,
                      federated=members.federated, checkpoints=members.checkpoints)
    trained.findings = training_findings(prepared.cfg, trained.results, chance=train_chance_loss(prepared))
    for finding in trained.findings:
        prepared.log(finding.line())
    prepared.steps["train"] = round(time.perf_counter() - started, 3)
    return trained


def best_epoch_last(cfg: RunConfig, result) -> bool:
    """Whether the validation score was best at the last of several epochs (so more epochs may
    help). Under early stopping that is the epoch model selection kept; without it the last
    epoch's weights are always kept, so the history says whether the score still improved."""
    if result.epochs_run <= 1:
        # one epoch says nothing of improvement, unless the time budget cut it there: the network
        # was hardly trained, yet the report called it overfitting (trial 15: 1 of 29 epochs)
        return result.epochs_run == 1 and getattr(result, "stopped_by", None) == "budget"
    if cfg.train.early_stopping.enabled:
        return result.best_epoch == result.epochs_run
    return _last_is_best(result)


def _last_is_best(result) -> bool:
    """The last epoch's monitored validation value beats every earlier epoch's (NaN never does)."""
    from ..training.state import best_epoch_in

    history = getattr(result, "history", [])
    best = best_epoch_in(history, result.monitor, getattr(result, "higher", False))
    return len(history) >= 2 and best == len(history)


# each of the last 3 epochs' training loss this share above the lowest before them, giving back this
# share of what had been gained since epoch 1: the steps overshoot. Of 1,080 stored run histories
# (tests, trials) only trial 10's SGD lr 0.5 + momentum 0.9 on MNIST (1.48 -> 1.70) meets it.
ROSE_ABOVE_MIN, ROSE_GAIN_SHARE = 0.10, 0.25


def _train_losses(result) -> np.ndarray:
    """Each epoch's training loss in the history (NaN where none was recorded: DP-SGD)."""
    return np.array([row.get("train_loss", np.nan) for row in getattr(result, "history", [])], dtype=float)


def loss_rose(result) -> tuple[float, int, float] | None:
    """(lowest training loss before the last 3 epochs, its epoch, the lowest of the last 3) when every
    one of the last 3 epochs ended well above that; None otherwise or without a training loss (DP-SGD
    records none)."""
    losses = _train_losses(result)
    if len(losses) < 4 or not np.isfinite(losses[0]) or not np.isfinite(losses[-3:]).all():
        return None  # losses[0] finite: losses[:-3] has a finite value
    low = int(np.nanargmin(losses[:-3]))
    # where it ended: the lowest of the last 3 epochs, so one noisy epoch is not a finding
    first, least, last = losses[0], losses[low], float(losses[-3:].min())
    if last > least * (1 + ROSE_ABOVE_MIN) and last - least > ROSE_GAIN_SHARE * max(first - least, 0.0):
        return float(least), low + 1, float(last)
    return None


# a training loss that jumps to this many times its lowest before, by at least this share of the
# chance loss (of epoch 1's loss where there is none): a step overshot and undid what was learned,
# though the loss may have come back down by the end (issue 19: breast cancer at train.lr 0.3,
# 0.0098 at epoch 18 -> 0.327 at epoch 29, 33x and half the chance loss of 0.66). An ordinary noisy
# run wobbles by a few percent of the chance loss; near zero loss a 10x wobble is small in absolute
# terms, hence both conditions (78 run histories, only the lr 0.3 run flagged: docs/findings.md,
# benchmarks/training_unstable_runs.py).
SPIKE_RATIO, SPIKE_SHARE = 3.0, 0.2


def loss_spike(result, chance: float | None) -> tuple[int, float, float, int] | None:
    """(epoch, its training loss, the lowest before it, that lowest's epoch) of the largest jump of
    the training loss to :data:`SPIKE_RATIO` times its lowest before, by :data:`SPIKE_SHARE` of
    ``chance`` at least; None when there is none or no training loss (DP-SGD)."""
    losses = _train_losses(result)
    if len(losses) < 2 or not np.isfinite(losses[0]):
        return None
    scale = chance if chance is not None and chance > 0 else losses[0]
    lowest = np.fmin.accumulate(losses)[:-1]  # the lowest before each epoch from epoch 2 (NaN skipped)
    jump = losses[1:] - lowest
    spiked = (losses[1:] >= SPIKE_RATIO * lowest) & (jump >= SPIKE_SHARE * scale)
    if not spiked.any():
        return None
    e = int(np.flatnonzero(spiked)[np.argmax(jump[spiked])]) + 1  # 0-based epoch of the largest jump
    low = int(np.nanargmin(losses[:e]))
    return e + 1, float(losses[e]), float(losses[low]), low + 1


def _unstable_findings(cfg: RunConfig, results: list, chance: float | None) -> list[Finding]:
    """``training_unstable`` from the first member whose training loss spiked (:func:`loss_spike`)."""
    spikes = [found for found in (loss_spike(r, chance) for r in results) if found is not None]
    if not spikes:
        return []
    epoch, loss, least, low = spikes[0]
    members = f" (and in {len(spikes) - 1} more of {len(results)} ensemble members)" if len(spikes) > 1 else ""
    ratio = f"{loss / least:.0f}x" if least > 0 else "far above"
    return [Finding("training_unstable", "warning",
                    f"the training loss jumped at epoch {epoch} to {loss:.4g}, {ratio} its lowest before "
                    f"({least:.4g}, epoch {low}){members}: the steps overshoot, so the weights kept may be worse "
                    f"than a steadier run's; fix: lower train.lr ({cfg.train.lr:g}), e.g. 10x", count=len(spikes))]


def train_chance_loss(prepared: Prepared) -> float | None:
    """The training loss of a network that learned nothing from its inputs, on the training split
    (:func:`mednn.training.losses.chance_loss`); None where the split holds no targets."""
    from ..training.losses import chance_loss, class_weight_vector

    targets = getattr(prepared, "targets", {}).get("train")
    if targets is None or not len(targets):
        return None
    weights = class_weight_vector(prepared.task, prepared.splits.train.targets, prepared.cfg.train.class_weights)
    return chance_loss(prepared.task, targets.numpy(), weights)


# the lowest training loss stays within this share of the chance loss: nothing was learned. A
# collapsed MNIST run (SGD lr 3.0: 2.3032 vs ln 10 = 2.3026) is 0.03% above it; a weak but real
# signal (a binary label at AUROC 0.6) already falls ~2% below it on its training split. The same
# share of the chance loss is what the second half of training must gain over the first for the loss
# to count as still falling (trial 12: hepatitis, 0.887 -> 0.621 in 8 epochs against a chance loss
# of 0.500, was told it "learned nothing"; it was learning, slowly).
AT_CHANCE_SHARE = 0.01


def at_chance(result, chance: float | None) -> float | None:
    """The lowest training loss when it never fell more than :data:`AT_CHANCE_SHARE` below
    ``chance`` and had stopped falling: the second half of the epochs gained less than that share
    of ``chance`` on the first (two epochs at least); None otherwise or without a training loss
    (DP-SGD). A loss above chance that is still falling is a network still learning."""
    losses = _train_losses(result)
    if chance is None or chance <= 0 or len(losses) < 2 or not np.isfinite(losses).any():
        return None
    least = float(np.nanmin(losses))
    half = len(losses) // 2
    early, late = losses[:half], losses[half:]
    if not np.isfinite(early).any() or not np.isfinite(late).any():
        return None
    falling = np.nanmin(early) - np.nanmin(late) > AT_CHANCE_SHARE * chance
    return least if least >= chance * (1 - AT_CHANCE_SHARE) and not falling else None


def _at_chance_findings(cfg: RunConfig, lows: list[float | None], chance: float | None) -> list[Finding]:
    """``training_loss_at_chance`` from each member's :func:`at_chance` (``lows``): level with the
    chance loss (a rate too high, or inputs without signal) or stuck above it (a rate far too low)."""
    flat = [least for least in lows if least is not None]
    if not flat:
        return []
    members = f" in {len(flat)} of {len(lows)} ensemble members" if len(lows) > 1 else ""
    least, lr = min(flat), cfg.train.lr
    base = f"the loss of predicting without looking at the inputs ({chance:.4g})"
    if least <= chance * (1 + AT_CHANCE_SHARE):
        where = f"stopped falling at {least:.4g}{members}, level with {base} (within 1%)"
        why = (f"a learning rate ({lr:g}) too high, or inputs that carry nothing about the label; fix: try train.lr "
               "10x lower, then check the features")
    else:
        where = (f"stopped falling at {least:.4g}{members}, {least / chance - 1:.0%} above {base}, and never "
                 "went below it")
        why = (f"a learning rate ({lr:g}) far too low (or too high); fix: try train.lr 10x higher and 10x lower, "
               "then check the features")
    return [Finding("training_loss_at_chance", "warning",
                    f"the training loss {where}: the network learned nothing from the inputs; {why}", count=len(flat))]


def training_findings(cfg: RunConfig, results: list, chance: float | None = None) -> list[Finding]:
    """``training_loss_rose`` when a member's training loss ended well above its lowest value (a
    learning rate too high), else ``training_unstable`` when it jumped far above it on the way
    (:func:`loss_spike`), ``training_loss_at_chance`` when it stopped falling without going below the loss of
    predicting without the inputs (``chance``), ``best_epoch_last`` when its validation score was
    best at its last epoch (not for members at chance: more epochs do not help those)."""
    lows = [at_chance(r, chance) for r in results]
    findings = _at_chance_findings(cfg, lows, chance)
    learned = [r for r, least in zip(results, lows) if least is None]
    rose = [found for found in map(loss_rose, results) if found is not None]
    if not rose:  # a loss that rose to the end says the same, with the same fix
        findings += _unstable_findings(cfg, learned, chance)
    else:
        least, epoch, last = rose[0]
        sgd = cfg.train.optimizer == "sgd"
        fix = "lower train.lr" + (f" or train.momentum ({cfg.train.momentum:g})" if sgd else "")
        members = f" in {len(rose)} of {len(results)} ensemble members" if len(results) > 1 else ""
        findings.append(Finding("training_loss_rose", "warning",
                                f"the training loss rose from {least:.4g} (epoch {epoch}) to at least {last:.4g} in "
                                f"each of the last 3 epochs{members}: the learning rate ({cfg.train.lr:g}) is likely "
                                f"too high; fix: {fix}", count=len(rose)))
    return findings + _best_epoch_last_findings(cfg, learned, len(results))


def _best_epoch_last_findings(cfg: RunConfig, results: list, n_members: int) -> list[Finding]:
    last = [r for r in results if best_epoch_last(cfg, r)]
    if not last:
        return []
    r = last[0]
    who = (f"{len(last)} of {n_members} ensemble members" if n_members > 1
           else f"epoch {r.best_epoch} of {r.epochs_run}")
    why = ("train.budget ended training while it still improved; fix: raise train.budget"
           if any(x.stopped_by == "budget" for x in last) else "training longer may help; fix: raise train.epochs")
    if r.epochs_run == 1:
        why = "train.budget ended training after its first epoch, so the network is hardly trained; fix: raise train.budget"
    return [Finding("best_epoch_last", "warning" if r.epochs_run == 1 else "info",
                    f"the best validation {r.monitor.removeprefix('val_')} came at the "
                    f"last epoch ({who}): {why}", count=len(last))]


def training_summary(cfg: RunConfig, results: list, threads, device) -> dict[str, Any]:
    """``metrics.json``'s ``training``: member 1's best epoch, epochs run and how it stopped,
    every member's when there are several, seconds, threads, device."""
    from ..models.ensemble import member_seed

    result = results[0]
    summary = {
        "best_epoch": result.best_epoch, "epochs_run": result.epochs_run, "monitor": result.monitor,
        "stopped_early": result.stopped_early, "stopped_by": result.stopped_by,
        "best_epoch_last": best_epoch_last(cfg, result), "budget": cfg.train.budget,
        "seconds": round(sum(r.seconds for r in results), 3), "threads": threads, "device": str(device),
    }
    if len(results) > 1 or cfg.train.ensemble > 1:
        # best_epoch / epochs_run / stopped_early above are member 1's; every member's are here
        summary["ensemble"] = [
            {"member": i + 1, "seed": member_seed(cfg.seed, i), "best_epoch": r.best_epoch,
             "epochs_run": r.epochs_run, "stopped_early": r.stopped_early, "stopped_by": r.stopped_by,
             "best_epoch_last": best_epoch_last(cfg, r), "seconds": round(r.seconds, 3)}
            for i, r in enumerate(results)
        ]
    return summary


def training_metrics(trained: Trained) -> dict[str, Any]:
    """metrics.json's ``training`` (and ``federated`` / ``privacy`` where they apply)."""
    p = trained.prepared
    cfg, results = p.cfg, trained.results
    summary = training_summary(cfg, results, trained.threads, p.device)
    out: dict[str, Any] = {"training": dict(summary, world_size=p.world.world_size)}
    if trained.federated is not None:
        out["federated"] = dict(trained.federated, best_round=results[0].best_epoch)
    if results[0].privacy is not None:
        out["privacy"] = dict(results[0].privacy)
        if cfg.privacy.target_epsilon is not None:
            out["privacy"]["target_epsilon"] = cfg.privacy.target_epsilon
        per_patient = _per_patient_privacy(out["privacy"], getattr(p.splits.train, "groups", None))
        if per_patient is not None:
            out["privacy"]["per_patient"] = per_patient
    return out


def _per_patient_privacy(privacy: dict[str, Any], groups) -> dict[str, Any] | None:
    """With a patient column, ε is per record: the bound for the patient with the most training
    records (:func:`mednn.privacy.dp.group_privacy`)."""
    eps, delta = privacy.get("epsilon"), privacy.get("delta")
    if groups is None or len(groups) == 0 or eps is None or delta is None:
        return None
    from ..privacy.dp import group_privacy

    _, counts = np.unique(np.asarray(groups).astype(str), return_counts=True)
    return group_privacy(float(eps), float(delta), int(counts.max()))
