"""Data-parallel training under ``torchrun``: torch.distributed DistributedDataParallel (DDP).

``torchrun --nproc_per_node N -m mednn train CONFIG`` starts N processes (ranks); each reads
the data, featurizes it and trains the same network. The design (docs/distributed.md):

- **One global batch, sharded.** Every rank draws the same epoch permutation (or class-balanced
  draws) from the same seed, so all ranks see the same sequence of *global* batches of
  ``train.batch_size``; rank r trains on its slice of each (``torch.tensor_split``: sizes differ
  by at most one). DDP averages the ranks' gradients; each rank's loss is weighted by its
  shard's share of the batch's loss denominator (:func:`~.losses.loss_denominator`), so the
  average is the gradient of the global batch's loss, whatever the shard sizes, the class
  weights or the missing labels. N processes with batch B equal one process with batch B.
- **Augmentation** (images) runs on the whole global batch on every rank, from the same
  generator, before slicing: the same augmented batch a single process would see.
- **Batch norm** on CUDA becomes SyncBatchNorm (statistics over the global batch); on the CPU
  torch has no SyncBatchNorm, so each rank normalises with its shard's statistics (standard DDP).
- **Dropout** draws from a stream per (seed, epoch, rank), so the ranks' masks are independent
  and a resumed run draws the same ones (with dropout a DDP run equals a single-process run in
  distribution, not bit for bit).
- **Validation and model selection** run on every rank over the whole validation split (the
  weights are the same everywhere, so the results are too); rank 0's early-stopping decision
  and learning rate are then broadcast (:class:`RankZeroDecides`), so the ranks can never
  disagree on when to stop, even if a GPU reduction rounds differently on one of them.
- The wrapper is used only for the training forward pass; the loop, checkpoints and the run
  keep the bare model, so no ``module.`` prefix reaches a saved state.

Only rank 0 writes (the run, checkpoints) and reports; :mod:`mednn.trainer` arranges that.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import torch

from ..errors import ConfigError
from .callbacks import Callback
from .losses import loss_denominator
from .loop import MiniBatchEpochs, batch_of, epoch_batches, move_to
from .seeding import stream_seed
from .state import STOP_REASONS

if TYPE_CHECKING:
    from .state import FitState

_ENV = ("RANK", "WORLD_SIZE", "LOCAL_RANK")


@dataclass(frozen=True)
class World:
    """This process's place among the ranks torchrun started (one process: rank 0 of 1)."""

    rank: int = 0
    world_size: int = 1
    local_rank: int = 0
    local_world_size: int = 1

    @property
    def distributed(self) -> bool:
        return self.world_size > 1

    @property
    def is_main(self) -> bool:
        """Rank 0: the one process that reads and writes the run directory and reports."""
        return self.rank == 0


def world_from_environment(environ: dict[str, str] | None = None) -> World:
    """The :class:`World` torchrun's variables (RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE)
    describe; a single process when WORLD_SIZE is unset."""
    env = os.environ if environ is None else environ
    if "WORLD_SIZE" not in env:
        return World()
    values = {}
    for key in (*_ENV, "LOCAL_WORLD_SIZE"):
        raw = env.get(key, "1" if key == "LOCAL_WORLD_SIZE" else None)
        try:
            values[key] = int(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ConfigError(f"The environment variable {key} is missing or not an integer while WORLD_SIZE is set; "
                              "fix: start distributed training with torchrun, which sets RANK, WORLD_SIZE and "
                              "LOCAL_RANK") from None
    world = World(values["RANK"], values["WORLD_SIZE"], values["LOCAL_RANK"], values["LOCAL_WORLD_SIZE"])
    if world.world_size < 1 or not 0 <= world.rank < world.world_size or world.local_rank < 0:
        raise ConfigError("The environment variables RANK / WORLD_SIZE / LOCAL_RANK are inconsistent; "
                          "fix: start distributed training with torchrun")
    return world


def join(world: World, device: torch.device, cfg) -> None:
    """Start the process group for ``world`` (nothing for a single process).

    ``cfg`` is ``train.distributed``: backend ``auto`` is NCCL on CUDA and gloo on the CPU.
    """
    if not world.distributed:
        return
    import torch.distributed as dist

    if not dist.is_available():
        raise ConfigError("This torch build has no torch.distributed; fix: install a torch with distributed support "
                          "or train in one process")
    backend = cfg.backend if cfg.backend != "auto" else ("nccl" if device.type == "cuda" else "gloo")
    if backend == "nccl" and device.type != "cuda":
        raise ConfigError("train.distributed.backend is nccl but training runs on the CPU; "
                          "fix: set train.distributed.backend: auto (gloo on the CPU)")
    missing = [k for k in ("MASTER_ADDR", "MASTER_PORT") if k not in os.environ]
    if missing:
        raise ConfigError(f"The environment variable {missing[0]} is not set; fix: start distributed training "
                          "with torchrun, which sets it")
    if dist.is_initialized():
        return
    if device.type == "cuda":
        torch.cuda.set_device(device)
    # torch.distributed.nn.functional takes the default group as its functions' default
    # argument when first imported (DDP imports it); imported after the group exists, it would
    # keep the group, and gloo's threads, alive past destroy_process_group until the
    # interpreter's exit, where freeing them can abort the process (see leave)
    import torch.distributed.nn.functional  # noqa: F401

    dist.init_process_group(backend, timeout=timedelta(seconds=cfg.timeout_s))


def leave(world: World, *, finished: bool = True) -> None:
    """End the process group (collectives are over: rank 0 goes on to evaluate and write alone).

    After training that ``finished`` on every rank: what still held the group (DDP's wrapper,
    dropped by :meth:`ShardedEpochs.teardown`) is collected; the ranks meet at a barrier, so no
    rank tears down gloo's connections while another still uses them; then the group is
    destroyed, and with its last reference gone gloo joins its threads now, while the
    interpreter is whole. A group left alive until the interpreter exits (as one was when
    torch.distributed.nn captured it, see :func:`join`) is freed during finalization, where
    gloo's threads can abort the process ("terminate called without an active exception").
    After a failure the group is left as it is: the other ranks may never reach a barrier,
    and torchrun ends them when this rank exits with its error.
    """
    if not world.distributed:
        return
    import gc

    import torch.distributed as dist

    if not dist.is_initialized():
        return
    if finished:
        gc.collect()
        dist.barrier()
        dist.destroy_process_group()


def share(world: World, obj: Any) -> Any:
    """Rank 0's ``obj`` on every rank (a loaded checkpoint: only rank 0 reads the run's files)."""
    if not world.distributed:
        return obj
    import torch.distributed as dist

    box = [obj if world.is_main else None]
    dist.broadcast_object_list(box, src=0)
    return box[0]


def _rows(x: Any, start: int, stop: int) -> Any:
    if isinstance(x, torch.Tensor):
        return x[start:stop]
    if isinstance(x, dict):
        return {k: _rows(v, start, stop) for k, v in x.items()}
    if isinstance(x, (tuple, list)):
        return type(x)(_rows(v, start, stop) for v in x)
    raise ConfigError("train.augment under torchrun needs batches of tensors; fix: remove train.augment or train "
                      "in one process")


class ShardedEpochs(MiniBatchEpochs):
    """The data-parallel step strategy: each global batch of :class:`MiniBatchEpochs`, sliced
    across the ranks, trained through DistributedDataParallel (see the module docstring).

    Its checkpointed state has the same name and layout as :class:`MiniBatchEpochs`'s, so a
    checkpoint resumes under either (the world size does not change the arithmetic).
    """

    def __init__(self, world: World, *, seed: int, augment=None, sampler_targets=None):
        super().__init__(augment=augment, sampler_targets=sampler_targets)
        self.world, self.seed = world, seed
        self.ddp = None

    def setup(self, state: FitState) -> None:
        from torch.nn.parallel import DistributedDataParallel

        device = state.device
        if device.type == "cuda" and any(isinstance(m, torch.nn.modules.batchnorm._BatchNorm)
                                         for m in state.model.modules()):
            # batch statistics over the global batch, as one process computes them (CUDA only in
            # torch); the converted layers keep the same parameters, buffers and state-dict keys
            torch.nn.SyncBatchNorm.convert_sync_batchnorm(state.model)
        # rank 0's weights and buffers are broadcast to every rank here
        self.ddp = DistributedDataParallel(state.model, device_ids=[device.index] if device.type == "cuda" else None)
        self.denominator = loss_denominator(state.task, state.class_weights)

    def teardown(self, state: FitState) -> None:
        # the DDP wrapper's reducer holds the process group and hooks on the model's parameters:
        # dropped here, so the group can be destroyed cleanly when training ends (see leave)
        self.ddp = None

    def run_epoch(self, state: FitState) -> float:
        import torch.distributed as dist

        world, device, precision = self.world, state.device, state.precision
        torch.manual_seed(stream_seed(self.seed, state.epoch, world.rank))  # dropout: a stream per rank
        targets = self.sampler_targets if self.sampler_targets is not None else state.train_targets
        total, count = torch.zeros((), dtype=torch.float64, device=device), 0
        for index in epoch_batches(state.cfg, targets, state.n_train, state.generator):
            shards = torch.tensor_split(index, world.world_size)
            start = sum(len(s) for s in shards[:world.rank])
            stop = start + len(shards[world.rank])
            empty = start == stop  # fewer samples than ranks: train on one row with weight 0
            if empty:
                start, stop = 0, 1
            y_all = state.train_y[index.to(device)] if device.type != "cpu" else state.train_y.index_select(0, index)
            if self.augment is not None:  # the global batch, augmented as one process would, then sliced
                xb = _rows(self.augment(move_to(batch_of(state.train_x, index), device), y_all), start, stop)
            else:
                xb = move_to(batch_of(state.train_x, index[start:stop]), device)
            yb = y_all[start:stop]
            den_all = self.denominator(y_all)  # a batch without any label has loss 0: weight 0, no division
            weight = torch.where(den_all > 0, world.world_size * self.denominator(yb) / den_all.clamp(min=1e-30),
                                 torch.zeros((), device=device))
            if empty:
                weight = torch.zeros((), device=device)
            state.optimizer.zero_grad()
            with precision.autocast():
                out = self.ddp(xb)
            loss = state.loss_fn(out.float(), yb) * weight
            precision.backward_step(loss, state.optimizer)  # DDP averages the gradients over the ranks
            state.step_end()
            # this rank's part of the global batch's loss; summed over the ranks at the epoch's end
            total.add_(loss.detach().double(), alpha=len(index) / world.world_size)
            count += len(index)
        dist.all_reduce(total)
        return total.item() / max(count, 1)


class RankZeroDecides(Callback):
    """After each epoch, every rank takes rank 0's decision to stop (and why) and its learning rate.

    Every rank validates the same weights on the same data, so they agree on early stopping
    anyway; this makes it certain (one tiny broadcast per epoch) so no rank ever waits for a
    collective the others have left, and the time budget, which each rank's clock would judge
    a little differently, ends every rank after the same epoch. Put it after the callbacks
    that decide and before those that act on the decision (progress, checkpoints).
    """

    def on_epoch_end(self, state: FitState) -> None:
        import torch.distributed as dist

        code = 0 if state.stop_reason is None else STOP_REASONS.index(state.stop_reason) + 1
        decision = torch.tensor([float(code), float(state.optimizer.lr)], dtype=torch.float64, device=state.device)
        dist.broadcast(decision, src=0)
        code = int(decision[0].item())
        state.stop_reason = STOP_REASONS[code - 1] if code else None
        state.optimizer.lr = float(decision[1].item())
