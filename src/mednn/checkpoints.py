"""Epoch checkpoints of a run in progress, so an interrupted ``mednn train`` can be resumed.

While a run trains, ``.<run name>.checkpoint/`` beside its future run directory holds the last
completed epoch: ``checkpoint.json`` (the ensemble member in training, the finished members'
histories, the loop's scalars and history) and ``checkpoint.safetensors`` (finished members'
weights and the loop's tensors: weights, best weights, optimizer state, the step strategy's and
callbacks' state (augmentation, weight average), random generator states). Both are replaced
together after every ``train.checkpoint_every`` epochs and removed once the run directory is
written. ``mednn train ... --resume`` continues from it exactly: the finished run equals one
that was never interrupted. Like a run, it holds no pickle, and it carries a key of the config,
the data and the state's layout so it is never applied to another, and the sha256 of its
tensors with a digest of the rest, checked before resuming, so a changed checkpoint is refused.

>>> ckpt = Checkpoints(Path("runs/bc"), key="...", every=1)  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

from .errors import ConfigError

STATE_JSON, STATE_TENSORS = "checkpoint.json", "checkpoint.safetensors"
_WRITTEN: set[Path] = set()  # checkpoint folders this process wrote and has not cleared
# the layout of the loop's state (mednn.training.loop.FitState.checkpoint); part of the key, so a
# checkpoint written by a mednn with another layout is refused with the usual message
FORMAT = 4  # 3: the loop's state moved to training/state.py; 4: the tensors' sha256 and a digest are recorded and checked


def checkpoint_key(config_text: str, data_fingerprint: str) -> str:
    """What a checkpoint must match to be resumed: the resolved config, the data and the state layout."""
    return hashlib.sha256(f"format {FORMAT}\n{config_text}\n{data_fingerprint}".encode("utf-8")).hexdigest()


def _digest(meta: dict[str, Any]) -> str:
    """sha256 of a checkpoint's JSON (its digest field left out), with the tensors' sha256 in it."""
    from .runs import dumps

    body = {k: v for k, v in meta.items() if k != "digest"}
    # through the file's own JSON first, so the digest of a loaded checkpoint equals the saved one's
    text = json.dumps(json.loads(dumps(body)), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"mednn checkpoint {FORMAT}\n{text}".encode("utf-8")).hexdigest()


def member_tensors(models: list) -> dict[str, Any]:
    """Finished ensemble members' weights as checkpoint tensors (``members.<i>.<name>``)."""
    return {f"members.{i}.{k}": v.detach().cpu().contiguous()
            for i, model in enumerate(models) for k, v in model.state_dict().items()}


@dataclasses.dataclass
class Saved:
    """A loaded checkpoint."""

    member: int
    completed: list[dict[str, Any]]
    fit_scalars: dict[str, Any]
    tensors: dict[str, Any]

    def member_weights(self, i: int) -> dict[str, Any]:
        prefix = f"members.{i}."
        return {k[len(prefix):]: v for k, v in self.tensors.items() if k.startswith(prefix)}

    def fit_state(self) -> tuple[dict[str, Any], dict[str, Any]]:
        return self.fit_scalars, {k[4:]: v for k, v in self.tensors.items() if k.startswith("fit.")}

    def result(self, i: int):
        from .training.loop import TrainResult

        fields = dict(self.completed[i])
        fields["history"] = [{k: (float("nan") if v is None else v) for k, v in row.items()}
                             for row in fields["history"]]
        return TrainResult(**fields)


class Checkpoints:
    """The checkpoint folder of the run that will be written to ``out``."""

    def __init__(self, out: Path, *, key: str, every: int, image_id_key: str | None = None):
        self.out, self.key, self.every = Path(out), key, int(every)
        self.path = self.out.parent / f".{self.out.name}.checkpoint"
        # the random key the run's DICOM images were named under: --resume names them the same way
        self.image_id_key = image_id_key

    def exists(self) -> bool:
        return (self.path / STATE_JSON).is_file()

    def save(self, member: int, finished: list, finished_tensors: dict[str, Any], fit_state) -> None:
        """After an epoch of ``member``: write the checkpoint if this epoch is due.
        ``finished_tensors``: the finished members' weights (:func:`member_tensors`)."""
        scalars, tensors = fit_state
        if scalars["epoch"] % self.every:
            return
        try:
            self._save(member, finished, {f"fit.{k}": v for k, v in tensors.items()} | finished_tensors, scalars)
        except Exception as exc:  # a full disk: no half checkpoint, and none left to resume from
            from .outputs import cannot_write, io_error

            if io_error(exc) is None:
                raise
            self.clear()
            raise cannot_write(self.path, io_error(exc), "write the checkpoint") from None
        _WRITTEN.add(self.path)

    def _save(self, member: int, finished: list, tensors: dict[str, Any], scalars: dict[str, Any]) -> None:
        from safetensors.torch import save_file

        from .runs import dumps, sha256_file

        meta = {"key": self.key, "member": member, "fit": scalars,
                "completed": [dataclasses.asdict(r) for r in finished]}
        if self.image_id_key:
            meta["image_id_key"] = self.image_id_key
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fresh = self.path.with_name(self.path.name + ".new")
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir()
        save_file(tensors, str(fresh / STATE_TENSORS))
        meta["tensors_sha256"] = sha256_file(fresh / STATE_TENSORS)
        meta["digest"] = _digest(meta)
        (fresh / STATE_JSON).write_text(dumps(meta), encoding="utf-8")
        # swap folders so that a crash mid-write leaves the previous checkpoint whole
        old = self.path.with_name(self.path.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.path.exists():
            self.path.rename(old)
        fresh.rename(self.path)
        shutil.rmtree(old, ignore_errors=True)

    def load(self) -> Saved:
        from safetensors.torch import load_file

        if not self.exists():
            raise ConfigError(f"No checkpoint to resume for {self.out} (looked in {self.path}); "
                              "fix: run without --resume")
        try:
            meta = json.loads((self.path / STATE_JSON).read_text(encoding="utf-8"))
            tensors = load_file(str(self.path / STATE_TENSORS))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"The checkpoint in {self.path} is unreadable ({type(exc).__name__}); "
                              "fix: run without --resume to start again") from None
        if meta.get("key") != self.key:
            raise ConfigError(f"The checkpoint in {self.path} belongs to another config or other data; "
                              "fix: resume with the same config and data, or run without --resume")
        self._check_digest(meta)
        return Saved(member=int(meta["member"]), completed=list(meta["completed"]), fit_scalars=meta["fit"],
                     tensors=tensors)

    def _check_digest(self, meta: dict[str, Any]) -> None:
        """Both files must be the ones this checkpoint wrote: the tensors' sha256 and a digest of
        everything else, recorded at save time, are checked before anything is resumed."""
        from .runs import sha256_file

        recorded = meta.get("digest")
        if (not isinstance(recorded, str) or recorded != _digest(meta)
                or meta.get("tensors_sha256") != sha256_file(self.path / STATE_TENSORS)):
            raise ConfigError(f"The checkpoint in {self.path} does not match the digest it recorded (it changed "
                              "after it was written); fix: run without --resume to start again")

    def clear(self) -> None:
        _clear(self.path)


def saved_image_id_key(out: Path) -> bytes | None:
    """The image-id key kept with the checkpoint of the run to be written to ``out`` (None: none
    kept, or no checkpoint). Read before the data, so a resumed run names its images as before;
    the checkpoint's own checks (key of config and data, digest) still run when it is loaded."""
    from .data.dicom_privacy import read_key

    path = Path(out).parent / f".{Path(out).name}.checkpoint" / STATE_JSON
    try:
        value = json.loads(path.read_text(encoding="utf-8")).get("image_id_key") if path.is_file() else None
    except (OSError, ValueError, AttributeError):
        return None
    return read_key(value) if isinstance(value, str) else None


def _clear(path: Path) -> None:
    for folder in (path, path.with_name(path.name + ".new"), path.with_name(path.name + ".old")):
        shutil.rmtree(folder, ignore_errors=True)
    _WRITTEN.discard(path)


def discard_written() -> None:
    """Remove the checkpoints this process wrote: a command that fails leaves nothing behind.
    An interrupted one (Ctrl-C, a kill) never gets here and keeps its last checkpoint, which
    ``mednn train --resume`` continues."""
    for path in list(_WRITTEN):
        _clear(path)
