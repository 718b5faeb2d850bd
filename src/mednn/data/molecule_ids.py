"""The ids of molecules when ``data.id_column`` is not set: the file's own, where it has them.

A chemist expects the predictions of ``nav.sdf`` to be named by the records' titles
(``ZINC03814457``) and those of a CSV by its ``chembl_id`` column, as chemprop keeps them
(trial 15); without either, ids stay mednn's ``row-<n>`` / ``record-<n>``
(:func:`mednn.data.base.row_ids`). The file's ids are used only when every record has one, no
two are the same, none reads as a SMILES (an SDF title is sometimes the structure itself,
and a structure is never written as an id), and they are not a row counter (0, 1, 2 ... or 1, 2,
3 ...: an exported index names rows no better than ``row-<n>``, and tables and notes name such
rows ``row-<n>`` too).

>>> auto_id_column(["smiles", "chembl_id", "pIC50"], frame, "smiles", {"pIC50"})  # doctest: +SKIP
'chembl_id'
"""

from __future__ import annotations

from typing import Any, Iterable

import numpy as np

# words of a column name (mednn.data.table_features.column_name_words) that name a molecule's id
ID_WORDS = frozenset({"id", "ids", "identifier", "chembl", "zinc", "cid", "cas", "inchikey"})


def usable_ids(values: Iterable[Any]) -> np.ndarray | None:
    """``values`` as ids (text), or None unless every one is present, all differ, they do not count
    rows and none parses as a SMILES."""
    texts = ["" if v is None or (isinstance(v, float) and v != v) else str(v).strip() for v in values]
    if not texts or not all(texts) or len(set(texts)) != len(texts) or _counts_rows(texts):
        return None
    from .._optional import require

    Chem = require("rdkit.Chem", extra="molecules")
    from rdkit import rdBase

    with rdBase.BlockLogs():  # a title that is no SMILES is the common case: no parse errors printed
        if any(Chem.MolFromSmiles(t) is not None for t in texts):
            return None
    return np.array(texts, dtype=object)


def _counts_rows(texts: list[str]) -> bool:
    """Whether ``texts`` are the integers 0, 1, 2 ... or 1, 2, 3 ... in file order."""
    if not all(t.isdigit() for t in texts):
        return False
    first = int(texts[0])
    return first in (0, 1) and all(int(t) == first + i for i, t in enumerate(texts))


def auto_id_column(columns: list[str], frame, smiles_column: str, reserved: set) -> str | None:
    """The one column of a SMILES table named like an id (``id``, ``chembl_id``, ``Compound ID``)
    whose values are :func:`usable_ids`, or None (none, several, or unusable values)."""
    from .table_features import column_name_words

    named = [c for c in columns if c != smiles_column and c not in reserved and column_name_words(c) & ID_WORDS]
    if len(named) != 1 or usable_ids(frame[named[0]].tolist()) is None:
        return None
    return named[0]


def sdf_ids(props: list[dict[str, str]]) -> np.ndarray:
    """An SDF's record titles (the ``_Name`` line) as ids when they are :func:`usable_ids`, else
    ``record-<n>`` (from 1)."""
    from .base import row_ids

    titles = usable_ids(p.get("_Name", "") for p in props)
    return titles if titles is not None else row_ids(np.arange(len(props)) + 1, prefix="record")
