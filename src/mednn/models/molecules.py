"""Molecule networks: the directed message-passing neural network (D-MPNN).

``dmpnn`` (Yang et al. 2019, "Analyzing Learned Molecular Representations for Property
Prediction") passes messages along directed bonds rather than atoms, so a message never
flows straight back along the bond it came from. It takes the batches of
:class:`mednn.featurizers.molecules.MolGraphs` (``featurize: {name: molgraph}``). The MLP on
fingerprints / descriptors is the seed's ``mlp`` (:mod:`mednn.models.tabular`).

For a directed bond v->w with source atom features x_v and bond features e_vw::

    h0_vw = W_i [x_v, e_vw]                       (hidden_size)
    m_vw  = sum_{k->v, k != w} h_kv  = (sum of bonds into v) - h_wv
    h_vw  = ReLU(h0_vw + W_h m_vw)                 repeated depth - 1 times, h starting at ReLU(h0)
    a_v   = ReLU(W_o [x_v, sum_{k->v} h_kv])       atom embeddings
    z     = aggregate(a_v over the atoms of a molecule)   sum | mean | norm (sum / 100)
    logits = FFN([z, extra])

Sums over neighbours are ``index_add_`` scatters over the edge list: no per-molecule Python.
"""

from __future__ import annotations

import torch
from torch import nn

from .base import MODELS

AGGREGATIONS = ("sum", "mean", "norm")
_ACTIVATIONS = {"relu": nn.ReLU, "leaky_relu": nn.LeakyReLU, "gelu": nn.GELU, "tanh": nn.Tanh}


class BondMessagePassing(nn.Module):
    """Directed-bond message passing; returns one embedding per atom (A, hidden_size)."""

    def __init__(self, atom_dim: int, bond_dim: int, hidden_size: int = 300, depth: int = 3,
                 dropout: float = 0.0, activation: str = "relu"):
        super().__init__()
        self.depth = depth
        self.W_i = nn.Linear(atom_dim + bond_dim, hidden_size, bias=False)
        self.W_h = nn.Linear(hidden_size, hidden_size, bias=False)
        self.W_o = nn.Linear(atom_dim + hidden_size, hidden_size)
        self.act = _ACTIVATIONS[activation]()
        self.dropout = nn.Dropout(dropout)

    def forward(self, atom_features: torch.Tensor, bond_features: torch.Tensor,
                edge_index: torch.Tensor, reverse_edge: torch.Tensor) -> torch.Tensor:
        source, target = edge_index[0], edge_index[1]
        n_atoms = atom_features.shape[0]
        h0 = self.W_i(torch.cat([atom_features.index_select(0, source), bond_features], dim=1))
        h = self.act(h0)
        for _ in range(self.depth - 1):
            into = h.new_zeros(n_atoms, h.shape[1]).index_add_(0, target, h)
            # messages into the source atom, minus the one coming back along this bond
            message = into.index_select(0, source) - h.index_select(0, reverse_edge)
            h = self.dropout(self.act(h0 + self.W_h(message)))
        into = h.new_zeros(n_atoms, h.shape[1]).index_add_(0, target, h)
        return self.dropout(self.act(self.W_o(torch.cat([atom_features, into], dim=1))))


class DMPNN(nn.Module):
    """Message passing -> per-molecule aggregation -> (extra features) -> feed-forward head."""

    def __init__(self, atom_dim: int, bond_dim: int, extra_dim: int, n_outputs: int, *,
                 hidden_size: int = 300, depth: int = 3, aggregation: str = "mean",
                 dropout: float = 0.0, ffn_hidden: int = 300, ffn_layers: int = 2,
                 activation: str = "relu", norm_constant: float = 100.0):
        super().__init__()
        self.encoder = BondMessagePassing(atom_dim, bond_dim, hidden_size, depth, dropout, activation)
        self.aggregation = aggregation
        self.norm_constant = norm_constant
        self.extra_dim = extra_dim
        layers: list[nn.Module] = [nn.Dropout(dropout)]
        width = hidden_size + extra_dim
        for _ in range(ffn_layers - 1):
            layers += [nn.Linear(width, ffn_hidden), _ACTIVATIONS[activation](), nn.Dropout(dropout)]
            width = ffn_hidden
        layers.append(nn.Linear(width, n_outputs))
        self.head = nn.Sequential(*layers)

    def embed(self, batch: dict[str, torch.Tensor]) -> torch.Tensor:
        """Molecule embeddings (B, hidden_size [+ extra_dim]) before the head."""
        atoms = self.encoder(batch["atom_features"], batch["bond_features"], batch["edge_index"],
                             batch["reverse_edge"])
        n_atoms = batch["n_atoms"]
        z = atoms.new_zeros(n_atoms.shape[0], atoms.shape[1]).index_add_(0, batch["atom_molecule"], atoms)
        if self.aggregation == "mean":
            z = z / n_atoms.clamp(min=1).to(z.dtype).unsqueeze(1)
        elif self.aggregation == "norm":
            z = z / self.norm_constant
        if self.extra_dim:
            z = torch.cat([z, batch["extra"].to(z.dtype)], dim=1)
        return z

    def forward(self, batch: dict[str, torch.Tensor]) -> torch.Tensor:
        return self.head(self.embed(batch))


@MODELS.register("dmpnn")
def build_dmpnn(
    *,
    task,
    input_shape: tuple[int, ...],
    hidden_size: int = 300,
    depth: int = 3,
    aggregation: str = "mean",
    dropout: float = 0.0,
    ffn_hidden: int = 300,
    ffn_layers: int = 2,
    activation: str = "relu",
) -> DMPNN:
    """The D-MPNN on ``molgraph`` features (``input_shape`` = (atom dim, bond dim, extra dim)).

    >>> build_dmpnn(task=Task("binary", ("0", "1")), input_shape=(72, 14, 0), depth=3)  # doctest: +SKIP
    """
    if len(input_shape) != 3:
        raise ValueError(
            f"dmpnn needs molecular graphs (featurize.name: molgraph); got input_shape {list(input_shape)}"
        )
    if aggregation not in AGGREGATIONS:
        raise ValueError(f"aggregation must be one of {', '.join(AGGREGATIONS)}; got {aggregation!r}")
    if activation not in _ACTIVATIONS:
        raise ValueError(f"activation must be one of {', '.join(_ACTIVATIONS)}; got {activation!r}")
    if int(depth) < 1 or int(hidden_size) < 1 or int(ffn_hidden) < 1 or int(ffn_layers) < 1:
        raise ValueError("depth, hidden_size, ffn_hidden and ffn_layers must be positive integers")
    if not 0 <= float(dropout) < 1:
        raise ValueError(f"dropout must be in [0, 1); got {dropout}")
    atom_dim, bond_dim, extra_dim = (int(v) for v in input_shape)
    return DMPNN(atom_dim, bond_dim, extra_dim, task.n_outputs, hidden_size=int(hidden_size),
                 depth=int(depth), aggregation=aggregation, dropout=float(dropout),
                 ffn_hidden=int(ffn_hidden), ffn_layers=int(ffn_layers), activation=activation)
