"""``embedding_knn``: distance to the training records in the network's own embedding.

The embedding is the input of the network's final linear layer, captured with forward hooks,
so it needs no code per model: the pooled features of a CNN or a MONAI ResNet (2D or 3D), a
TextCNN's pooled filters, a transformer's or a D-MPNN's head input, the last hidden layer of an
MLP on TF-IDF or fingerprints. For an ensemble each member's embedding is normalised and the
members are set side by side.

The score is the distance to the k-th nearest of up to ``reference_size`` training embeddings
(a subsample drawn with the scorer's own generator; Sun et al., "Out-of-distribution detection
with deep nearest neighbors", ICML 2022).
``energy`` adds the energy score of the logits (Liu et al., NeurIPS 2020) as a second component.
``"auto"`` (the default) uses it for multiclass runs only: with a single logit (binary) the
energy says little more than the confidence, and a network confidently wrong on a foreign input
(an MR slice scored p = 1.000 by a chest X-ray model) has a low energy exactly where it should
not; regression has no class logits. Embeddings are used as they are (``normalize=False``): their
length carries what tells a foreign input apart (an intensity or texture the filters never saw);
``normalize=True`` scales them to unit length first, as Sun et al. do on natural images.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..errors import ConfigError, ModelError, problem
from .base import OOD_SCORERS, OODInputs, OODScorer, as_matrix

QUERY_CHUNK = 1024  # records per distance block: 1024 x 5,000 float32 = 20 MB


class _FinalLinearInputs:
    """Forward hooks that keep, for every forward pass of ``network``, the input of the last
    linear layer it ran, after checking that this layer's output is the network's output."""

    def __init__(self, network: Any):
        from torch import nn

        self.network = network
        self.linears = [m for m in network.modules() if isinstance(m, nn.Linear)]
        if not self.linears:
            raise ModelError(f"{type(network).__name__} has no linear layer: its embedding cannot be read")
        self.calls: list[tuple[Any, Any, Any]] = []
        self.blocks: list[np.ndarray] = []
        self.handles: list[Any] = []

    def __enter__(self) -> _FinalLinearInputs:
        for layer in self.linears:
            self.handles.append(layer.register_forward_hook(self._linear_ran))
        self.handles.append(self.network.register_forward_hook(self._network_ran))
        return self

    def __exit__(self, *exc: Any) -> None:
        for handle in self.handles:
            handle.remove()
        self.handles.clear()

    def _linear_ran(self, module, inputs, output) -> None:
        self.calls.append((module, inputs[0], output))

    def _network_ran(self, module, inputs, output) -> None:
        if not self.calls:
            raise ModelError(f"{type(module).__name__} ran no linear layer: its embedding cannot be read")
        _, last_input, last_output = self.calls[-1]
        self.calls.clear()
        if tuple(last_output.shape) != tuple(output.shape):
            raise ModelError(f"the last linear layer of {type(module).__name__} does not produce its output "
                             f"(shape {tuple(last_output.shape)} against {tuple(output.shape)}): its embedding "
                             "cannot be read")
        self.blocks.append(last_input.detach().float().reshape(len(last_input), -1).cpu().numpy())

    def embedding(self) -> np.ndarray:
        return np.concatenate(self.blocks) if self.blocks else np.zeros((0, 0), dtype=np.float32)


def final_layer_inputs(model: Any, forward: Callable[[Any], np.ndarray]) -> np.ndarray:
    """The embedding of every record: ``forward(network)`` runs the records through one network
    (e.g. ``lambda net: predictor.logits(features, network=net)``); an ensemble's members are
    each run, unit-normalised and set side by side (divided by sqrt(members), so rows stay unit)."""
    from ..models.ensemble import members_of

    members = members_of(model)
    blocks = []
    for network in members:
        with _FinalLinearInputs(network) as capture:
            logits = np.asarray(forward(network))
        block = capture.embedding()
        if len(block) != len(logits):
            raise ModelError(f"captured {len(block)} embeddings for {len(logits)} records")
        blocks.append(unit_rows(block) if len(members) > 1 else block)
    out = np.concatenate(blocks, axis=1)
    return out / np.sqrt(len(members)) if len(members) > 1 else out


def unit_rows(x: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(norm, 1e-12)


def energy(logits: np.ndarray, task_kind: str) -> np.ndarray:
    """The energy score ``-log sum exp(logits)`` (larger: less like the training data). Binary
    runs have one logit ``z`` for the classes ``[0, z]``; multilabel runs sum the labels' ``-log(1 + e^z)``."""
    z = np.asarray(logits, dtype=np.float64).reshape(len(logits), -1)
    if task_kind == "multiclass":
        top = z.max(axis=1, keepdims=True)
        return -(top[:, 0] + np.log(np.exp(z - top).sum(axis=1)))
    return -np.logaddexp(0.0, z).sum(axis=1)


@OOD_SCORERS.register("embedding_knn")
class EmbeddingKNNScorer(OODScorer):
    """k-th nearest neighbour distance among training embeddings (+ the logits' energy).

    >>> rng = np.random.default_rng(0)
    >>> train, val = rng.normal(size=(400, 8)), rng.normal(size=(100, 8))
    >>> s = EmbeddingKNNScorer().fit(OODInputs(embedding=train), OODInputs(embedding=val))
    >>> s.reference_.shape
    (400, 8)
    """

    name = "embedding_knn"

    def __init__(self, fpr: float = 0.05, neighbours: int = 10, reference_size: int = 5000,
                 normalize: bool = False, energy: bool | str = "auto", task_kind: str | None = None, seed: int = 0):
        super().__init__(fpr)
        self.neighbours = neighbours
        self.reference_size = reference_size
        self.normalize = normalize
        self.energy = energy
        self.task_kind = task_kind
        self.seed = seed

    @property
    def uses_energy(self) -> bool:
        """``energy`` resolved: ``"auto"`` means multiclass runs only (``task_kind``, which a run
        sets; see the module docstring)."""
        return self.energy is True or (self.energy == "auto" and self.task_kind == "multiclass")

    @property
    def needs(self) -> tuple[str, ...]:  # type: ignore[override]
        return ("embedding", "logits") if self.uses_energy else ("embedding",)

    @property
    def components(self) -> tuple[str, ...]:  # type: ignore[override]
        return ("knn_distance", "energy") if self.uses_energy else ("knn_distance",)

    @property
    def floors(self) -> tuple[float, ...]:  # type: ignore[override]
        return (1e-9, 1e-9) if self.uses_energy else (1e-9,)

    learnt = ("reference_",)

    def _check_params(self) -> None:
        super()._check_params()
        for key, low, high in (("neighbours", 1, 1000), ("reference_size", 10, 100_000)):
            value = getattr(self, key)
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise ConfigError(problem(f"The '{key}' parameter of EmbeddingKNNScorer must be an integer "
                                          f"from {low} to {high}", got=value, fix=f"set evaluate.ood.{key}"))
        if self.energy not in (True, False, "auto"):
            raise ConfigError(problem("The 'energy' parameter of EmbeddingKNNScorer must be true, false or auto",
                                      got=self.energy, fix="set evaluate.ood.energy"))
        if self.energy is True and self.task_kind == "regression":
            raise ConfigError(problem("evaluate.ood.energy needs class logits; a regression run has none",
                                      fix="set evaluate.ood.energy: false"))

    def _fit_reference(self, train: OODInputs) -> None:
        x = as_matrix(train.embedding, "embeddings")
        if len(x) > self.reference_size:  # its own generator: the training RNG is never touched
            x = x[np.sort(np.random.default_rng(self.seed).choice(len(x), self.reference_size, replace=False))]
        self.reference_ = self._prepare(x).astype(np.float32)

    def _prepare(self, x: np.ndarray) -> np.ndarray:
        x = np.nan_to_num(np.asarray(x, dtype=np.float64), nan=0.0, posinf=0.0, neginf=0.0)
        return unit_rows(x) if self.normalize else x

    def _components(self, x: OODInputs) -> np.ndarray:
        query = self._prepare(as_matrix(x.embedding, "embeddings")).astype(np.float32)
        if query.shape[1] != self.reference_.shape[1]:
            raise ModelError(problem("The records' embeddings do not have the width the scorer was fitted on",
                                     got=query.shape[1], expected=str(self.reference_.shape[1])))
        distance = self._kth_distance(query)
        if not self.uses_energy:
            return distance[:, None]
        return np.column_stack([distance, energy(as_matrix(x.logits, "logits"), self.task_kind or "multiclass")])

    def _kth_distance(self, query: np.ndarray) -> np.ndarray:
        k = min(self.neighbours, len(self.reference_))
        ref = self.reference_
        ref_sq = (ref.astype(np.float64) ** 2).sum(axis=1)
        out = np.empty(len(query))
        for start in range(0, len(query), QUERY_CHUNK):
            q = query[start:start + QUERY_CHUNK]
            squared = (q.astype(np.float64) ** 2).sum(axis=1)[:, None] + ref_sq[None, :] - 2.0 * (q @ ref.T)
            out[start:start + len(q)] = np.partition(squared, k - 1, axis=1)[:, k - 1]
        return np.sqrt(np.maximum(out, 0.0))

    def _check_reference(self) -> None:
        ref = np.asarray(self.reference_)
        if ref.ndim != 2 or len(ref) == 0:
            raise ValueError("reference shape")
        self.reference_ = ref.astype(np.float32)
