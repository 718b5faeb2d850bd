"""How foreign are the molecule benchmark's foreign sets? An upper reference for benchmarks/ood.py.

An OOD scorer sees only the training molecules. A *supervised* domain classifier that is shown
both sides (a random forest on ECFP4 bits + the physico-chemical descriptors of
``mednn.ood.molecules``, 5-fold cross-validated) says how separable the in-distribution test
molecules and a foreign set are at all: where even it stays below 0.95 AUROC, the foreign set
overlaps the training chemistry and no per-record scorer can reach the target on it. Also: the
share of each set identical to a training molecule (canonical SMILES) and its median weight.

    python benchmarks/ood_molecule_separability.py --data /work/shared/data --out benchmarks/results/ood_separability.json
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402
from ood import CASES  # noqa: E402

COLUMNS = ["case", "foreign", "n_in", "n_out", "in_training", "separable_auroc", "median_weight", "id_median_weight"]


def facts(smiles: list[str]) -> tuple[np.ndarray, np.ndarray]:
    from mednn.ood.molecules import MoleculeFacts

    f = MoleculeFacts(smiles)
    return np.hstack([f.descriptors, np.unpackbits(f.bits, axis=1)]), f.descriptors[:, 0]


def run_case(case: str, data: Path, work: Path) -> list[dict]:
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import cross_val_predict

    from mednn.config import load_config
    from mednn.pipeline import read_and_split

    (work / case).mkdir(parents=True, exist_ok=True)
    overrides, sets = CASES[case](data, work / case, 0)
    cfg = load_config(None, [*overrides, "seed=0"])
    _, splits, _ = read_and_split(cfg)
    train = set(splits.train.inputs)
    x_in, weight_in = facts(list(splits.test.inputs))
    rows = []
    for name, path in sets.items():
        smiles = _read(path)
        x_out, weight_out = facts(smiles)
        y = np.r_[np.zeros(len(x_in)), np.ones(len(x_out))]
        forest = RandomForestClassifier(300, min_samples_leaf=2, random_state=0, n_jobs=1)
        p = cross_val_predict(forest, np.vstack([x_in, x_out]), y, cv=5, method="predict_proba")[:, 1]
        rows.append({"case": case, "foreign": name, "n_in": len(x_in), "n_out": len(x_out),
                     "in_training": float(np.mean([s in train for s in smiles])),
                     "separable_auroc": float(roc_auc_score(y, p)), "median_weight": float(np.median(weight_out)),
                     "id_median_weight": float(np.median(weight_in))})
    return rows


def _read(path: Path) -> list[str]:
    """The file's molecules standardised as mednn reads molecules to predict."""
    from mednn.config import DataConfig
    from mednn.data.readers import read_dataset

    return list(read_dataset(DataConfig(format="smiles", path=str(path)), labels=False).inputs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/mednn-ood-separability"))
    parser.add_argument("--only", default="molecules,molecules_lipo")
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    started = {"load_average": os.getloadavg(), **machine()}
    rows = []
    for case in args.only.split(","):
        rows += run_case(case, args.data, args.work)
        print_table(rows, COLUMNS)
        write_json(args.out, {"machine": started, "load_average_end": os.getloadavg(), "results": rows})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
