"""Which molecules of a table are the same compound, and which only share a parent structure.

Standardising (largest fragment, neutralised) makes NaBr, KBr and LiBr all ``Br``, and a base
and its hydrochloride one structure: for solubility or toxicity they are different compounds with
different labels. So duplicates are the same *whole* structure (canonical SMILES of the record as
given, counter-ions and charges kept): :func:`repeated_molecules` lists them. Records that share a
parent but differ as a whole are *salt forms*: kept apart, and named by :func:`salt_form_findings`
(``salt_forms``, info), because the model reads the parent only unless ``data.standardize: false``.

>>> [f.count for f in salt_form_findings(["Br", "Br", "CCO"], ["[Na+].[Br-]", "[K+].[Br-]", "CCO"], [0, 1, 2])]
[1]
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ..findings import Finding


def repeated_molecules(rows: np.ndarray, smiles: Sequence[str]) -> list[dict[str, Any]]:
    """The molecules that occur more than once (``smiles``: whole canonical structures), with
    their rows (``rows``: each molecule's row number; SMILES are structures, not patient data)."""
    seen: dict[str, list[int]] = {}
    for pos, s in enumerate(smiles):
        seen.setdefault(s, []).append(pos)
    return [{"smiles": smiles[p[0]], "rows": [int(rows[q]) for q in p]} for p in seen.values() if len(p) > 1]


def salt_form_findings(parents: Sequence[str], whole: Sequence[str], rows: Sequence[int]) -> list[Finding]:
    """One ``salt_forms`` info finding when records share a parent structure but differ as a
    whole (``rows``: each record's 0-based file row)."""
    forms: dict[str, dict[str, list[int]]] = {}
    for parent, full, row in zip(parents, whole, rows):
        forms.setdefault(parent, {}).setdefault(full, []).append(int(row))
    groups = [f for f in forms.values() if len(f) > 1]
    if not groups:
        return []
    members = sorted(r for group in groups for rs in group.values() for r in rs)
    return [Finding(
        "salt_forms", "info",
        f"{len(groups)} parent structure{'s occur' if len(groups) > 1 else ' occurs'} as several salt or charge "
        f"forms ({len(members)} molecules, e.g. NaBr and KBr, or a base and its HCl salt): they are different "
        "compounds and are kept apart (duplicates compare the whole structure, counter-ions included), but the model "
        "reads only each one's parent (largest fragment, neutralised), so these inputs look identical to it; "
        "set data.standardize: false to keep counter-ions in the input when they matter (solubility)",
        count=len(groups), rows=members)]
