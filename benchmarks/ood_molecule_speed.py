"""How long ``molecule_domain`` takes to score molecules: a batch (``mednn predict``) and one
molecule at a time (``mednn serve``), against a reference of 5,000 training molecules.

Reference: the first 5,000 valid molecules of Lipophilicity (4,200) then BBBP; queries: 939 other
BBBP molecules (the batch of docs/benchmarks.md) and 50 of them one at a time. Only the public
API is used, so the same script times another checkout: run it with ``PYTHONPATH`` set to each
tree, one after the other on the same machine, and compare.

    PYTHONPATH=/work/main/src python benchmarks/ood_molecule_speed.py --data ../shared/data --label before
    PYTHONPATH=$PWD/src python benchmarks/ood_molecule_speed.py --data ../shared/data --label after
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, write_json  # noqa: E402


def molecules(data: Path) -> tuple[list[str], list[str]]:
    from rdkit import Chem, RDLogger

    RDLogger.DisableLog("rdApp.*")
    mn = data / "moleculenet"
    bbbp = list(pd.read_csv(mn / "bbbp.csv")["smiles"])
    pool = [s for s in list(pd.read_csv(mn / "lipo.csv")["smiles"]) + bbbp[:800] if Chem.MolFromSmiles(s) is not None]
    query = [s for s in bbbp[1000:1939] if Chem.MolFromSmiles(s) is not None]
    return pool[:5000], query


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--label", default="this tree")
    parser.add_argument("--parts", default=None, help="comma-separated molecule_parts (default: the scorer's)")
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    import mednn
    from mednn.ood.base import OODInputs
    from mednn.ood.molecules import MoleculeDomainScorer

    reference, query = molecules(args.data)
    parts = args.parts.split(",") if args.parts else None
    load = [os.getloadavg()[0]]
    t0 = time.perf_counter()
    scorer = MoleculeDomainScorer(molecule_parts=parts).fit(OODInputs(smiles=reference), OODInputs(smiles=query[:300]))
    fit = time.perf_counter() - t0
    t0 = time.perf_counter()
    scorer.score(OODInputs(smiles=query))
    batch = time.perf_counter() - t0
    t0 = time.perf_counter()
    for s in query[:50]:
        scorer.score(OODInputs(smiles=[s]))
    single = (time.perf_counter() - t0) / 50
    load.append(os.getloadavg()[0])
    row = {"label": args.label, "mednn": str(Path(mednn.__file__).parent), "parts": list(scorer.parts),
           "n_reference": len(reference), "n_query": len(query), "fit_s": round(fit, 2), "batch_s": round(batch, 2),
           "one_molecule_ms": round(1000 * single, 1), "load_average": load}
    print(row)
    write_json(args.out, {"machine": machine(), **row})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
