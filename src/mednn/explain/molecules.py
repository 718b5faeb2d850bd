"""Atom-level explanations for molecule models, drawn on the 2D structure.

Registered as the ``molecules`` explainer. Attributions are gradient x input:

* graph models (``molgraph`` features, e.g. ``dmpnn``): on the atom features, summed per atom,
  plus half of each incident bond's gradient x input (a bond belongs to its two atoms);
* fingerprint models (``ecfp`` alone or inside ``combined`` / ``ecfp+rdkit2d``, e.g. the
  ``mlp``): on the Morgan bits, each bit's attribution shared equally among the atoms of the
  environments that set it (RDKit's bit info), so atoms get what their substructures earned.

Green atoms push the explained output up, pink atoms push it down. Samples are those of
``ctx.sample_indices()`` (errors first, then the most confident correct predictions). The
explained output is the positive class (binary), the predicted class (multiclass), the label
with the highest predicted probability (multilabel) or the first target (regression). SMILES
describe structures, not patients, so captions may show them.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .base import EXPLAINERS, ExplainContext, Section, class_display_name, figure, record_ref, section
from .base import RECORD_REF_NOTE


def _output_index(ctx: ExplainContext, i: int) -> int:
    kind = ctx.task.kind
    if kind == "multiclass":
        return int(np.asarray(ctx.predicted)[i])
    if kind == "multilabel":
        return int(np.nanargmax(np.asarray(ctx.probabilities)[i]))
    return 0


def graph_atom_attributions(model, graphs, index: np.ndarray, outputs: np.ndarray,
                            device: str = "cpu") -> list[np.ndarray]:
    """Gradient x input per atom for molecules ``index`` of a :class:`MolGraphs`, for output
    ``outputs[j]`` of molecule j. One forward / backward pass for all of them: a molecule's
    output depends only on its own atoms (no batch statistics in eval mode)."""
    import torch

    from ..training.loop import move_to

    batch = move_to(graphs.batch(np.asarray(index)), torch.device(device))
    atoms = batch["atom_features"].clone().requires_grad_(True)
    bonds = batch["bond_features"].clone().requires_grad_(True)
    batch["atom_features"], batch["bond_features"] = atoms, bonds
    model.eval()
    with torch.enable_grad():
        logits = model(batch)
        chosen = logits.gather(1, torch.as_tensor(outputs, device=logits.device).long().view(-1, 1))
        chosen.sum().backward()
    per_atom = (atoms.grad * atoms).sum(1).detach()
    per_edge = (bonds.grad * bonds).sum(1).detach()
    # each directed edge gives half of its share to its source atom and half to its target
    edge_index = batch["edge_index"]
    per_atom = per_atom.index_add(0, edge_index[0], 0.5 * per_edge).index_add(0, edge_index[1], 0.5 * per_edge)
    counts = batch["n_atoms"].cpu().numpy()
    return np.split(per_atom.cpu().numpy(), np.cumsum(counts)[:-1])


def _ecfp_part(featurizer) -> tuple[Any, int] | None:
    """The ECFP featurizer inside ``featurizer`` and the column where its bits start."""
    from ..featurizers.molecules import CombinedFeaturizer, ECFPFeaturizer

    if isinstance(featurizer, ECFPFeaturizer):
        return featurizer, 0
    if isinstance(featurizer, CombinedFeaturizer):
        for (name, (start, _)), part in zip(featurizer.offsets().items(), featurizer.featurizers_):
            if isinstance(part, ECFPFeaturizer):
                return part, start
    return None


def fingerprint_atom_attributions(model, features, index: np.ndarray, outputs: np.ndarray,
                                  ecfp, start: int, smiles: list[str], device: str = "cpu") -> list[np.ndarray]:
    """Gradient x input on the Morgan bits of rows ``index``, mapped back to atoms."""
    import torch

    from ..featurizers.molecules import parse

    x = features[torch.as_tensor(np.asarray(index))].to(device).clone().requires_grad_(True)
    model.eval()
    with torch.enable_grad():
        logits = model(x)
        chosen = logits.gather(1, torch.as_tensor(outputs, device=logits.device).long().view(-1, 1))
        chosen.sum().backward()
    bits = (x.grad * x).detach().cpu().numpy()[:, start:start + ecfp.n_bits]
    out = []
    for row, s in zip(bits, smiles):
        weights = np.zeros(parse(s).GetNumAtoms())
        for bit, environments in ecfp.bit_atoms(s).items():
            share = row[bit] / len(environments)
            for atoms in environments:
                weights[atoms] += share / len(atoms)
        out.append(weights)
    return out


def draw_attributions(smiles: str, weights: np.ndarray, size: int = 300) -> bytes:
    """PNG of the molecule with atoms coloured by ``weights`` (green up, pink down)."""
    from rdkit.Chem.Draw import SimilarityMaps, rdMolDraw2D

    from ..featurizers.molecules import parse

    mol = parse(smiles)
    drawer = rdMolDraw2D.MolDraw2DCairo(size, size)
    weights = [float(w) for w in weights]
    if not any(weights):  # SimilarityMaps divides by the largest weight
        weights = [0.0] * len(weights)
        rdMolDraw2D.PrepareAndDrawMolecule(drawer, mol)
    else:
        SimilarityMaps.GetSimilarityMapFromWeights(mol, weights, draw2d=drawer, colorMap="PiYG")
    drawer.FinishDrawing()
    return drawer.GetDrawingText()


def _caption(ctx: ExplainContext, i: int, k: int) -> str:
    task = ctx.task
    names = [class_display_name(n) for n in task.class_names] if task.kind != "regression" else task.class_names
    target = ctx.dataset.targets[i]
    prob = np.asarray(ctx.probabilities)[i]
    pred = np.asarray(ctx.predicted)[i]
    if task.kind == "binary":
        wrong = int(pred) != int(target)
        text = f"target {names[int(target)]} · p({names[1]}) = {float(prob):.2f}"
    elif task.kind == "multiclass":
        wrong = int(pred) != int(target)
        text = f"target {names[int(target)]} · predicted {names[int(pred)]} ({prob[int(pred)]:.2f})"
    elif task.kind == "multilabel":
        t = target[k]
        wrong = not np.isnan(t) and int(pred[k]) != int(t)
        shown = "missing" if np.isnan(t) else str(int(t))
        text = f"{names[k]}: target {shown} · p = {prob[k]:.2f}"
    else:
        wrong = False
        value = np.asarray(prob).reshape(-1)[k]
        text = f"{names[k]}: target {float(np.asarray(target).reshape(-1)[k]):.3g} · predicted {value:.3g}"
    tag = "error" if wrong else "correct" if task.kind != "regression" else "prediction"
    return f"{record_ref(i)} · {tag} · {text}"


@EXPLAINERS.register("molecules")
def explain_molecules(ctx: ExplainContext) -> list[Section]:
    """Atom attributions for the sampled test molecules, as one section of PNG figures."""
    from ..featurizers.molecules import MolGraphFeaturizer

    index = ctx.sample_indices()
    if len(index) == 0:
        return []
    outputs = np.array([_output_index(ctx, int(i)) for i in index], dtype=np.int64)
    smiles = [ctx.dataset.inputs[int(i)] for i in index]
    if isinstance(ctx.featurizer, MolGraphFeaturizer):
        method = "gradient x input on atom and bond features"
        with ctx.step("atom attributions") as step:
            weights = graph_atom_attributions(ctx.model, ctx.features, index, outputs, ctx.device)
    else:
        part = _ecfp_part(ctx.featurizer)
        if part is None:
            return [section("Atom attributions", method="atoms",
                            notes=["Atom attributions need graph (molgraph) or Morgan (ecfp) features; "
                                   "this run's featurizer has neither."])]
        method = "gradient x input on Morgan bits, shared among the atoms of each bit's environments"
        with ctx.step("atom attributions") as step:
            weights = fingerprint_atom_attributions(ctx.model, ctx.features, index, outputs, part[0], part[1],
                                                    smiles, ctx.device)
    figures = [figure(draw_attributions(s, w), alt="atom attributions",
                      caption=f"{_caption(ctx, int(i), int(k))} · {s}")
               for i, k, s, w in zip(index, outputs, smiles, weights)]
    intro = (
        f"Atom attributions ({method}) for {len(index)} test molecules: errors first, "
        "then the most confident correct predictions. Green atoms push the explained output up, "
        "pink atoms push it down. " + RECORD_REF_NOTE
    )
    return [section("Atom attributions", caption=intro, method="atoms", seconds=step.seconds, figures=figures)]
