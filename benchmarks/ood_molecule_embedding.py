"""Round 5 of the molecule OOD scorer, the one candidate that needs a trained network: the k-NN
distance in the network's own embedding with each dimension standardised on the training
embeddings (``embedding_std``), beside the embedding as it is (the ``embedding`` part) and the
default parts. Fixed before any pair was scored: ``default + embedding_std`` and
``elements + embedding_std`` (no choice among variants, so nothing is chosen on the pairs).

For BBBP (``p_np``) and Lipophilicity (2,000, ``lipo``), as the ``molecules`` and
``molecules_lipo`` cases of ``benchmarks/ood.py`` (fingerprint MLP, 15 epochs, scaffold split), per
seed: train the run, fit ``molecule_domain`` with the default parts plus ``embedding`` on its
training split, add ``embedding_std``, calibrate every sum on validation as the scorer does and
score the ID test split against the nine other sets of ``ood_molecule_variants.py`` (less the ID
file's molecules): AUROC per pair and the ID test flag rate at the scorer's threshold.

    python benchmarks/ood_molecule_embedding.py --data /work/shared/data --seeds 0,1,2 \
        --out benchmarks/results/ood_molecule_embedding.json
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402
from ood_molecule_variants import auroc, sets  # noqa: E402

QUIET = ["train.progress=false", "train.threads=1", "explain.enabled=false", "report.enabled=false",
         "evaluate.bootstrap=50", "evaluate.baselines=none", "train.epochs=15", "split.method=scaffold"]
WORK = Path("/tmp/mednn-ood-molecule-embedding")
DEFAULT = ["tanimoto", "atom_pairs", "isolation_forest", "elements"]
# component columns of molecule_domain with parts DEFAULT + embedding: knn_distance first
VARIANTS = {"default": ["tanimoto", "atom_pairs", "isolation_forest", "elements"],
            "default + embedding": ["embedding", "tanimoto", "atom_pairs", "isolation_forest", "elements"],
            "default + embedding_std": ["embedding_std", "tanimoto", "atom_pairs", "isolation_forest", "elements"],
            "elements + embedding_std": ["embedding_std", "elements"]}
COLUMNS = ["embedding", "tanimoto", "atom_pairs", "isolation_forest", "elements", "embedding_std"]
FLOORS = np.array([1e-9, 1e-9, 1e-9, 1e-9, 0.5, 1e-9])


def cases(data: Path) -> dict[str, tuple[Path, str]]:
    WORK.mkdir(parents=True, exist_ok=True)
    lipo = WORK / "lipo.csv"
    pd.read_csv(data / "moleculenet/lipo.csv").sample(n=2000, random_state=0).to_csv(lipo, index=False)
    return {"BBBP": (data / "moleculenet/bbbp.csv", "p_np"), "Lipophilicity": (lipo, "lipo")}


def embeddings(scorer, predictor, dataset) -> tuple[np.ndarray, np.ndarray]:
    """The raw components (default parts + embedding) and the embeddings of ``dataset``."""
    from mednn.ood.run import ood_inputs

    inputs = ood_inputs(scorer, predictor, predictor.featurizer.transform(dataset), records=dataset)
    return scorer._components(inputs), inputs.embedding


def one_run(name: str, path: Path, label: str, seed: int, foreign: dict[str, pd.Series]) -> dict[str, np.ndarray]:
    from mednn.config import load_config
    from mednn.ood.molecules import kth_distance
    from mednn.ood.run import fit_run_ood, ood_inputs
    from mednn.pipeline import read_and_split, train
    from mednn.predictor import Predictor

    cfg = load_config(None, [*QUIET, f"data.path={path}", f"data.label={label}", f"seed={seed}",
                             f"name=oodmol_{name}_{seed}"])
    run = train(cfg, WORK / f"run_{name}_{seed}", overwrite=True)
    predictor = Predictor.load(run)
    _, splits, _ = read_and_split(cfg)
    features = {s: predictor.featurizer.transform(part) for s, part in splits.items()}
    scorer = fit_run_ood(cfg, predictor, splits, features, molecule_parts=["embedding", *DEFAULT])
    reference = ood_inputs(scorer, predictor, features["train"], records=splits.train).embedding
    mean, spread = reference.mean(axis=0), np.maximum(reference.std(axis=0), 1e-6)
    standard = (reference - mean) / spread
    id_file = set(predictor.read(path, labels=False).inputs)
    blocks = {"val": splits.val, "test": splits.test}
    for other, smiles in foreign.items():
        if other != name:
            file = WORK / f"foreign_{other}.csv"
            pd.DataFrame({"smiles": smiles.astype(str)}).to_csv(file, index=False)
            dataset = predictor.read(file, labels=False)
            keep = np.array([s not in id_file for s in dataset.inputs])
            blocks[f"foreign/{other}"] = dataset.subset(np.flatnonzero(keep))
    out = {}
    for key, dataset in blocks.items():
        raw, embedded = embeddings(scorer, predictor, dataset)
        std_knn = kth_distance((embedded - mean) / spread, standard, scorer.neighbours)
        out[key] = np.column_stack([raw, std_knn])
    return out


def analyse(runs: dict) -> tuple[list[dict], list[dict]]:
    from mednn.ood.base import threshold_at

    rows, pairs = [], []
    for (name, seed), raw in sorted(runs.items()):
        center = np.median(raw["val"], axis=0)
        scale = np.maximum(np.quantile(raw["val"], 0.95, axis=0) - center, FLOORS)
        z = {k: (v - center) / scale for k, v in raw.items()}
        for variant, parts in VARIANTS.items():
            cols = [COLUMNS.index(p) for p in parts]
            s = {k: v[:, cols].sum(axis=1) for k, v in z.items()}
            threshold, _ = threshold_at(s["val"], 0.05, 0.9)
            for key in (k for k in s if k.startswith("foreign/")):
                pairs.append({"id": name, "seed": seed, "variant": variant, "foreign": key[8:],
                              "auroc": auroc(s["test"], s[key]), "test_flagged": int(np.sum(s["test"] > threshold)),
                              "n_test": len(s["test"])})
    frame = pd.DataFrame(pairs)
    for (name, variant), g in frame.groupby(["id", "variant"], sort=False):
        per_seed = g.groupby("seed")["auroc"].mean()
        flags = g.drop_duplicates("seed")
        rows.append({"ID set": name, "variant": variant, "mean AUROC": round(float(g["auroc"].mean()), 4),
                     "per seed": " / ".join(f"{a:.3f}" for a in per_seed),
                     "pairs >= 0.95": f"{int((g['auroc'] >= 0.95).sum())}/{len(g)}",
                     "ID test flagged %": round(100 * flags["test_flagged"].sum() / flags["n_test"].sum(), 1)})
    return rows, pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--seeds", type=lambda s: [int(x) for x in s.split(",")], default=[0, 1, 2])
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    started = {**machine(), "load_average": os.getloadavg()}
    _, foreign = sets(args.data)
    runs = {}
    for name, (path, label) in cases(args.data).items():
        for seed in args.seeds:
            t0 = time.perf_counter()
            stored = WORK / f"raw_{name}_{seed}.npz"  # kept: a later analysis reads it again
            if not stored.is_file():
                np.savez_compressed(stored, **one_run(name, path, label, seed, foreign))
            with np.load(stored) as f:
                runs[(name, seed)] = {k: f[k] for k in f.files}
            print(f"{name} seed {seed}: {time.perf_counter() - t0:.0f} s (load {os.getloadavg()[0]:.1f})", flush=True)
    rows, pairs = analyse(runs)
    print_table(rows, list(rows[0]))
    write_json(args.out, {"machine": started, "load_average_end": os.getloadavg(), "summary": rows, "pairs": pairs})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
