"""Loading a run: files checked, record read, and (on request) the network rebuilt.

:func:`load_run` is the one way into a finished run. It checks every file against the
manifest, the signature when a public key is given (or ``MEDNN_PUBLIC_KEY`` is set), reads the
:class:`~mednn.runs.schema.RunRecord` with its values checked, and rebuilds the featurizer and
the network without executing code from the run. The report, the model card, ``evaluate``,
``predict`` and ``serve`` all start from the :class:`LoadedRun` it returns.

>>> run = load_run("runs/demo", model=False)  # doctest: +SKIP
>>> run.record.task.class_names  # doctest: +SKIP
('benign', 'malignant')
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError, ModelError, problem
from .files import read_csv, read_json
from .schema import RunRecord

PUBLIC_KEY_ENV = "MEDNN_PUBLIC_KEY"
_SIDE_TABLES = ("skipped.csv", "invalid_molecules.csv")


def public_key_from_environment() -> str | None:
    """``$MEDNN_PUBLIC_KEY``: None when unset; set but empty is an error, never "checks off"."""
    value = os.environ.get(PUBLIC_KEY_ENV)
    if value is None:
        return None
    if not value.strip():
        raise ConfigError(problem(f"{PUBLIC_KEY_ENV} is set but empty; an empty key does not switch signature "
                                  "checks off", fix=f"set {PUBLIC_KEY_ENV} to the public key file (PEM) that "
                                  "signs your runs, or unset it"))
    return value


class LazyTensor:
    """One tensor of a safetensors file, read only when converted to an array (the report's
    weight view needs the first layer only, not the whole model)."""

    def __init__(self, path: Path, name: str, shape: tuple[int, ...]):
        self.path, self.name, self.shape = path, name, tuple(shape)

    def __array__(self, dtype=None, copy=None):
        from safetensors import safe_open

        try:
            with safe_open(str(self.path), framework="numpy") as handle:
                array = handle.get_tensor(self.name)
        except Exception:  # noqa: BLE001 - dtypes NumPy lacks (bfloat16) are read through torch
            with safe_open(str(self.path), framework="pt") as handle:
                array = handle.get_tensor(self.name).float().numpy()
        return array if dtype is None else array.astype(dtype)


@dataclass(eq=False)
class LoadedRun:
    """A verified run: its :class:`RunRecord`, its tables on demand, and (``load_model``) the
    fitted featurizer and network."""

    path: Path
    record: RunRecord
    manifest: dict[str, Any] | None = None
    model: Any = None
    featurizer: Any = None
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    # --- the record under the names the Predictor reads ------------------------------------

    @property
    def config(self):
        return self.record.config

    @property
    def task(self):
        return self.record.task.to_task()

    @property
    def temperature(self) -> float:
        return self.record.temperature

    @property
    def threshold(self):
        return self.record.threshold_value

    @property
    def target_scaler(self):
        if self.record.target_scaler is None:
            return None
        from ..inference.scaler import TargetScaler

        return TargetScaler.from_state(self.record.target_scaler.model_dump())

    @property
    def model_info(self) -> dict[str, Any]:
        return {**self.record.model.model_dump(), "modality": self.record.modality}

    @property
    def metrics(self) -> dict[str, Any]:
        """Test and validation metrics with the split sizes (``GET /model`` shows them)."""
        return {"test": self.record.metrics.test, "val": self.record.metrics.val,
                "n": {name: split.n for name, split in self.record.data.splits.items()}}

    # --- tables and arrays, read on first use ------------------------------------------------

    def _listed(self, name: str) -> bool:
        return self.manifest is None and (self.path / name).is_file() or name in (self.manifest or {}).get("files", {})

    def _once(self, key: str, read):
        if key not in self._cache:
            self._cache[key] = read()
        return self._cache[key]

    def predictions(self):
        """predictions.csv as text columns (None when the run has none)."""
        return self._once("predictions", lambda: read_csv(self.path / "predictions.csv")
                          if self._listed("predictions.csv") else None)

    def history(self):
        """history.csv as text columns (None when the run has none)."""
        return self._once("history", lambda: read_csv(self.path / "history.csv")
                          if self._listed("history.csv") else None)

    def explanations(self) -> list[Any]:
        """explanations.json: the explanation sections as data (never HTML)."""
        def read():
            sections = read_json(self.path / "explanations.json") if self._listed("explanations.json") else []
            return sections if isinstance(sections, list) else []
        return self._once("explanations", read)

    def side_tables(self) -> dict[str, Any]:
        """What the reader left out (skipped.csv, invalid_molecules.csv) as text columns."""
        return self._once("side", lambda: {name: read_csv(self.path / name) for name in _SIDE_TABLES
                                           if self._listed(name)})

    def image_id_key(self) -> bytes | None:
        """The run's key of its DICOM images' ids (``image_ids.key``, written when the run was
        trained without ``MEDNN_DEID_SECRET``); None for a run without one."""
        from ..data.dicom_privacy import RUN_KEY_FILE, read_key

        def read():
            if not self._listed(RUN_KEY_FILE) or (self.path / RUN_KEY_FILE).stat().st_size > 1024:
                return None
            key = read_key((self.path / RUN_KEY_FILE).read_text(encoding="ascii", errors="replace"))
            if key is None:
                raise ModelError(problem(f"{self.path / RUN_KEY_FILE} is not a key of 64 hex digits",
                                         fix="restore the file or retrain the run"))
            return key

        return self._once("image_id_key", read)

    def weights(self) -> dict[str, LazyTensor]:
        """The network's tensors by name, each read from model.safetensors only when used."""
        from .checks import safetensors_shapes

        file = self.path / "model.safetensors"
        return {name: LazyTensor(file, name, shape) for name, shape in safetensors_shapes(file).items()}

    def ood_state(self) -> dict[str, Any] | None:
        """The out-of-distribution scorer's ``state_dict()`` (mednn.ood): ``predictor.json``'s ``ood``
        with its arrays from ``ood.safetensors``; None for a run without one."""
        if self.record.ood is None:
            return None

        def read():
            arrays: dict[str, Any] = {}
            if self._listed("ood.safetensors"):
                from safetensors.numpy import load_file

                try:
                    arrays = load_file(str(self.path / "ood.safetensors"))
                except Exception:  # noqa: BLE001 - a damaged file the manifest matched
                    raise ModelError(problem(f"{self.path / 'ood.safetensors'} cannot be read",
                                             fix="restore the run's files or retrain it")) from None
            try:
                return self.record.ood.state(arrays)
            except KeyError as exc:
                raise ModelError(problem(f"{self.path / 'predictor.json'}: 'ood.learnt' names an array "
                                         "ood.safetensors lacks", got=str(exc)[:60],
                                         fix="restore the run's files or retrain it")) from None
        return self._once("ood", read)

    # --- the model hook ------------------------------------------------------------------------

    def load_model(self, device: str = "cpu") -> "LoadedRun":
        """Rebuild the featurizer and the network (no pickle, no code from the run)."""
        _load_model(self, device)
        return self


def _featurizer(run: LoadedRun):
    from .checks import check_finite_state
    from .files import join_arrays

    path = run.path
    state = read_json(path / "featurizer.json")
    tensors = path / "featurizer.safetensors"
    if tensors.is_file():
        from safetensors.numpy import load_file

        state = join_arrays(state, load_file(str(tensors)))
    check_finite_state(state.get("state"), path / "featurizer.json")
    return state


def _load_model(run: LoadedRun, device: str) -> None:
    import torch
    from safetensors.torch import load_file

    from ..featurizers import build_featurizer
    from ..models import load_model_modules
    from ..models.text import check_run_model_dirs
    from .checks import _build_members, check_finite_weights, check_weights_fit

    record, path = run.record, run.path
    info = {"name": record.model.name, "hparams": dict(record.model.hparams),
            "input_shape": list(record.model.input_shape)}
    feat_state = _featurizer(run)
    check_run_model_dirs(path, record.config, {"model.json": info["hparams"], "featurizer.json": feat_state})
    featurizer = build_featurizer(feat_state["name"], feat_state.get("params", {}))
    featurizer.load_state_dict(feat_state["state"])
    load_model_modules()
    task = record.task.to_task()
    if "model_dir" not in info["hparams"]:
        # (a transformer's encoder comes from its checked model_dir, sized by those files)
        check_weights_fit(info, task, record.model.ensemble, path / "model.safetensors")
    model = _build_members(info, task, record.model.ensemble)
    weights = load_file(str(path / "model.safetensors"), device=device)
    check_finite_weights(weights, path / "model.safetensors")
    try:
        model.load_state_dict(weights)
    except RuntimeError:
        raise ModelError(f"{path / 'model.safetensors'} does not fit the network model.json describes; "
                         "fix: restore both files or retrain the run") from None
    model.eval()
    torch.set_grad_enabled(True)
    run.model, run.featurizer = model, featurizer


def load_run(path: str | Path, *, device: str = "cpu", public_key: str | Path | None | bool = None,
             model: bool = True) -> LoadedRun:
    """Load a finished run: files checked against ``manifest.json``, the signature checked
    against ``public_key`` (a PEM file; default ``$MEDNN_PUBLIC_KEY``; set but empty is an
    error; ``False``: no signature check, for mednn's own bookkeeping only), the
    :class:`RunRecord` read with its values checked, and with ``model`` the
    featurizer and network rebuilt (``model.json`` bounded and matched against the weights'
    header before anything is allocated; the weights must be finite).

    >>> run = load_run("runs/demo", public_key="keys/mednn-signing.pub")  # doctest: +SKIP
    """
    from .manifest import verify_manifest
    from .record_io import read_record

    path = Path(path)
    if public_key is None:
        public_key = public_key_from_environment()
    manifest = verify_manifest(path)
    if public_key is not None and public_key is not False:
        from .signing import verify_signature

        verify_signature(path, public_key, manifest=manifest)
    run = LoadedRun(path=path, record=read_record(path, manifest), manifest=manifest)
    if model:
        run.load_model(device)
    return run


def loaded_view(path: Path, record: RunRecord) -> LoadedRun:
    """A :class:`LoadedRun` over a run being written (its files in ``path``, no manifest yet):
    what the report and the model card are built from before the run is finished."""
    return LoadedRun(path=Path(path), record=record, manifest=None)

