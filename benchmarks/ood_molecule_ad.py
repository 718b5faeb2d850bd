"""Round 6 of the molecule OOD scorer (issue 19 item 4): applicability-domain scores from
cheminformatics, chosen in advance, judged leave one foreign set out on BBBP (the case of
``benchmarks/ood.py``: scaffold split, BBBP vs BACE, FreeSolv, AqSolDB, ToxCast), seeds 0-2.

The candidates, fixed before any pair was scored:

- ``default``: the run's own ``molecule_domain`` score (the shipped parts);
- ``count_tanimoto_nn`` / ``count_tanimoto_5nn``: 1 - the Tanimoto similarity of count Morgan
  fingerprints (radius 2, 2,048 folded counts) to the nearest training molecule / the mean of the
  five nearest (the usual applicability-domain measure of QSAR models);
- ``descriptor_mahalanobis``: the Mahalanobis distance of RDKit's 2D descriptors (standardised on
  training by median and IQR, clipped at +-10, Ledoit-Wolf covariance) to the training molecules;
- ``embedding_knn``: the distance to the 10th nearest training molecule in the network's own
  embedding, each dimension standardised on training;
- combinations *by rank*: each score turned into -log of its tail share among validation (continued
  linearly past the largest validation value, in units of its validation 95% - 50% spread), summed:
  ``default + count_tanimoto``, ``default + embedding``, ``count_tanimoto + embedding``,
  ``default + count_tanimoto + embedding``.

For each held-out foreign set, the candidate with the best mean AUROC on the other three (three seeds)
is chosen and its AUROC on the held-out set reported. A candidate replaces the default only if its mean
AUROC over the four sets rises and no set falls by more than 0.02. ID test flagged: the threshold of
the scorer's rule (validation, 5%, 90% confidence) on the candidate's score.

    python benchmarks/ood_molecule_ad.py --data /work/shared/data --runs /tmp/ood11-cal --seeds 0,1,2 \
        --out benchmarks/results/ood_molecule_ad.json

``--runs``: a folder holding ``molecules/run_<seed>`` from ``ood_calibration.py collect --only molecules``
(trained here when missing).
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
from ood_molecule_variants import auroc  # noqa: E402

SINGLE = ("default", "count_tanimoto_nn", "count_tanimoto_5nn", "descriptor_mahalanobis", "embedding_knn")
BY_RANK = {"default + count_tanimoto (rank)": ("default", "count_tanimoto_nn"),
           "default + embedding (rank)": ("default", "embedding_knn"),
           "count_tanimoto + embedding (rank)": ("count_tanimoto_nn", "embedding_knn"),
           "default + count_tanimoto + embedding (rank)": ("default", "count_tanimoto_nn", "embedding_knn")}
CANDIDATES = (*SINGLE, *BY_RANK)


class Facts:
    """Count fingerprints and descriptors per SMILES, computed once across seeds."""

    def __init__(self):
        from rdkit import RDLogger
        from rdkit.Chem import rdFingerprintGenerator

        RDLogger.DisableLog("rdApp.*")
        self.generator = rdFingerprintGenerator.GetMorganGenerator(radius=2, fpSize=2048)
        self.fps, self.descriptors = {}, {}

    def _mol(self, smiles: str):
        from rdkit import Chem

        return Chem.MolFromSmiles(smiles)

    def fingerprints(self, smiles: list[str]) -> list:
        for s in smiles:
            if s not in self.fps:
                mol = self._mol(s)
                self.fps[s] = None if mol is None else self.generator.GetCountFingerprint(mol)
        return [self.fps[s] for s in smiles]

    def descriptor_matrix(self, smiles: list[str]) -> np.ndarray:
        from rdkit.Chem import Descriptors

        for s in smiles:
            if s not in self.descriptors:
                mol = self._mol(s)
                values = Descriptors.CalcMolDescriptors(mol) if mol is not None else {}
                self.descriptors[s] = np.array([float(values.get(name, np.nan)) for name, _ in Descriptors._descList])
        return np.vstack([self.descriptors[s] for s in smiles])


def count_tanimoto(facts: Facts, query: list[str], reference: list[str], k: int) -> np.ndarray:
    """1 - the mean Tanimoto similarity (counts) of the ``k`` nearest reference molecules (1: unparsed)."""
    from rdkit import DataStructs

    ref = [f for f in facts.fingerprints(reference) if f is not None]
    out = np.ones(len(query))
    for i, fp in enumerate(facts.fingerprints(query)):
        if fp is not None:
            sims = np.asarray(DataStructs.BulkTanimotoSimilarity(fp, ref))
            out[i] = 1.0 - np.sort(sims)[-k:].mean()
    return out


class DescriptorMahalanobis:
    def __init__(self, train: np.ndarray):
        from sklearn.covariance import LedoitWolf

        finite = np.isfinite(train).all(axis=0) & (np.nanstd(train, axis=0) > 0)
        self.columns = finite
        x = train[:, finite]
        self.median = np.median(x, axis=0)
        q75, q25 = np.quantile(x, [0.75, 0.25], axis=0)
        self.spread = np.where(q75 - q25 > 0, q75 - q25, np.maximum(x.std(axis=0), 1e-9))
        self.model = LedoitWolf().fit(self._standard(x))

    def _standard(self, x: np.ndarray) -> np.ndarray:
        z = (x - self.median) / self.spread
        return np.clip(np.nan_to_num(z, nan=10.0, posinf=10.0, neginf=-10.0), -10, 10)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return np.sqrt(self.model.mahalanobis(self._standard(x[:, self.columns])))


def one_seed(data: Path, runs: Path, seed: int, facts: Facts) -> dict[str, dict[str, np.ndarray]]:
    """Every single candidate's score for validation, test and each foreign set of one seed's run."""
    import ood as bench
    from mednn.config import load_config
    from mednn.ood.embedding import final_layer_inputs
    from mednn.ood.molecules import kth_distance
    from mednn.ood.run import ood_inputs
    from mednn.pipeline import train
    from mednn.pipeline.preparation import read_and_split
    from mednn.predictor import Predictor

    folder = runs / "molecules"
    folder.mkdir(parents=True, exist_ok=True)
    overrides, sets = bench.CASES["molecules"](data, folder, 0)
    cfg = load_config(None, [*bench.QUIET, *overrides, "name=ood_molecules", f"seed={seed}"])
    run = folder / f"run_{seed}"
    if not (run / "manifest.json").is_file():
        train(cfg, run, overwrite=True)
    predictor = Predictor.load(run)
    _, splits, _ = read_and_split(cfg)
    blocks = {"train": splits.train, "val": splits.val, "test": splits.test}
    blocks.update({f"foreign/{name}": predictor.read(path, labels=False) for name, path in sets.items()})
    smiles = {k: [str(s) for s in d.inputs] for k, d in blocks.items()}

    def embedding(dataset) -> np.ndarray:
        features = predictor.featurizer.transform(dataset)
        return final_layer_inputs(predictor.model, lambda net: predictor.logits(features, network=net))

    reference = embedding(blocks["train"])
    mean, spread = reference.mean(axis=0), np.maximum(reference.std(axis=0), 1e-6)
    mahalanobis = DescriptorMahalanobis(facts.descriptor_matrix(smiles["train"]))
    out = {}
    for key, dataset in blocks.items():
        if key == "train":
            continue
        own = predictor.ood.score(ood_inputs(predictor.ood, predictor, predictor.featurizer.transform(dataset),
                                             records=dataset))
        out[key] = {"default": own,
                    "count_tanimoto_nn": count_tanimoto(facts, smiles[key], smiles["train"], 1),
                    "count_tanimoto_5nn": count_tanimoto(facts, smiles[key], smiles["train"], 5),
                    "descriptor_mahalanobis": mahalanobis(facts.descriptor_matrix(smiles[key])),
                    "embedding_knn": kth_distance((embedding(dataset) - mean) / spread, (reference - mean) / spread,
                                                  10)}
    return out


def rank_transform(val: np.ndarray, x: np.ndarray, fpr: float = 0.05) -> np.ndarray:
    """-log of the share of validation scores at or above ``x`` (+1 smoothing), continued linearly past
    the largest validation score in units of validation's (1 - fpr) quantile minus its median."""
    ordered = np.sort(val)
    above = len(val) - np.searchsorted(ordered, x, side="left")
    spread = max(np.quantile(val, 1 - fpr) - np.median(val), 1e-9)
    return -np.log((1 + above) / (len(val) + 1)) + np.maximum(x - ordered[-1], 0) / spread


def candidate_scores(scores: dict[str, dict[str, np.ndarray]]) -> dict[str, dict[str, np.ndarray]]:
    """Each block's score under every candidate (the singles as they are, the combinations by rank)."""
    out = {key: {c: block[c] for c in SINGLE} for key, block in scores.items()}
    for name, parts in BY_RANK.items():
        for key, block in scores.items():
            out[key][name] = sum(rank_transform(scores["val"][p], block[p]) for p in parts)
    return out


def analyse(per_seed: dict[int, dict[str, dict[str, np.ndarray]]]) -> tuple[list[dict], list[dict], list[dict]]:
    from mednn.ood.base import threshold_at

    pairs = []
    for seed, scores in per_seed.items():
        cands = candidate_scores(scores)
        for c in CANDIDATES:
            threshold, _ = threshold_at(cands["val"][c], 0.05, 0.9)
            flagged = int(np.sum(cands["test"][c] > threshold))
            for key in (k for k in cands if k.startswith("foreign/")):
                pairs.append({"seed": seed, "candidate": c, "foreign": key[8:],
                              "auroc": auroc(cands["test"][c], cands[key][c]), "test_flagged": flagged,
                              "n_test": len(cands["test"][c]),
                              "foreign_flagged": float(np.mean(cands[key][c] > threshold))})
    frame = pd.DataFrame(pairs)
    mean = frame.groupby(["candidate", "foreign"])["auroc"].mean().unstack()
    foreign_sets = list(mean.columns)
    table = []
    for c in CANDIDATES:
        g = frame[frame["candidate"] == c].drop_duplicates("seed")
        row = {"candidate": c, **{f: round(float(mean.loc[c, f]), 4) for f in foreign_sets},
               "mean": round(float(mean.loc[c].mean()), 4),
               "per seed": " / ".join(f"{frame[(frame.candidate == c) & (frame.seed == s)]['auroc'].mean():.3f}"
                                      for s in sorted(per_seed)),
               "ID test flagged %": round(100 * g["test_flagged"].sum() / g["n_test"].sum(), 1),
               "runs > 5%": int((g["test_flagged"] / g["n_test"] > 0.05).sum())}
        row["adoptable"] = bool(c != "default" and mean.loc[c].mean() > mean.loc["default"].mean()
                                and all(mean.loc[c, f] >= mean.loc["default", f] - 0.02 for f in foreign_sets))
        table.append(row)
    held = []
    for f in foreign_sets:
        others = [o for o in foreign_sets if o != f]
        chosen = max(CANDIDATES, key=lambda c: mean.loc[c, others].mean())
        held.append({"held-out foreign set": f, "chosen on the other three": chosen,
                     "held-out AUROC": round(float(mean.loc[chosen, f]), 4),
                     "default": round(float(mean.loc["default", f]), 4),
                     "change": round(float(mean.loc[chosen, f] - mean.loc["default", f]), 4)})
    return table, held, pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data"))
    parser.add_argument("--runs", type=Path, default=Path("/tmp/mednn-ood-calibration"))
    parser.add_argument("--seeds", type=lambda s: [int(x) for x in s.split(",")], default=[0, 1, 2])
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    started = {**machine(), "load_average": os.getloadavg()}
    facts, per_seed = Facts(), {}
    for seed in args.seeds:
        t0 = time.perf_counter()
        stored = args.runs / f"molecule_ad_seed{seed}.npz"  # kept: a later analysis reads it again
        if not stored.is_file():
            scores = one_seed(args.data, args.runs, seed, facts)
            np.savez(stored, **{f"{k}|{c}": v for k, block in scores.items() for c, v in block.items()})
        with np.load(stored) as f:
            per_seed[seed] = {}
            for name in f.files:
                key, c = name.split("|")
                per_seed[seed].setdefault(key, {})[c] = f[name]
        print(f"seed {seed}: {time.perf_counter() - t0:.0f} s (load {os.getloadavg()[0]:.1f})", flush=True)
    table, held, pairs = analyse(per_seed)
    print_table(table, list(table[0]))
    print_table(held, list(held[0]))
    write_json(args.out, {"machine": started, "load_average_end": os.getloadavg(), "seeds": args.seeds,
                          "candidates": table, "leave_one_foreign_set_out": held, "pairs": pairs})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
