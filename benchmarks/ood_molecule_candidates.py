"""Round 5 of the molecule OOD scorer: can a new one-class part, or another way of combining the
parts, close part of the gap to a classifier shown both sides? Chosen leave one ID set out.

The candidates were fixed before any pair was scored (issue 19 item 4, round 5):

- ``bit_density``: the molecule's negative log-likelihood under independent Bernoulli bits fitted
  on the training ECFP4 fingerprints (a naive-Bayes density of substructures, Laplace-smoothed);
- ``substructure_surprise`` / ``substructure_surprise_total``: the mean / sum over the molecule's
  distinct Morgan identifiers (radius 0-2, unfolded) of -log((df + 0.5) / (n + 1)), df the number
  of training molecules that hold it: how many of its substructures are rare or never seen;
- ``generic_scaffold``: 1 when its generic Murcko scaffold (all atoms C, all bonds single) is
  never seen in training (the exact scaffold is always new after a scaffold split);
- ``autoencoder``: the reconstruction error (binary cross-entropy, summed over bits) of a small
  fingerprint autoencoder (2048-128-32-128-2048, 400 Adam steps on the training bits, the seed's own);
- and, beside the sum of validation-scaled parts (``zsum``, the scorer's rule), three
  combination rules: the sum of -log tail shares among validation (``ranksum``, Fisher-like,
  continued linearly past the largest validation value), and the largest of either (``zmax``,
  ``rankmax``).

The existing parts (``tanimoto``, ``atom_pairs``, ``descriptors``, ``isolation_forest``,
``elements``, ``environments``, ``ring_systems``, ``substructures``, ``property_ranges``) come
from ``molecule_domain`` itself, fitted as in ``ood_molecule_calibration.py`` (8 ID sets x 3
scaffold seeds, the other nine sets foreign less the ID file's molecules). ``collect`` stores the
raw components; ``analyse`` scores every sum of ``elements`` + up to 4 other parts under each
rule, picks per held-out ID set the variant with the best mean AUROC rank on the other seven
sets (all seeds), and reports AUROC (216 pairs), pairs >= 0.95, the per-seed means and the ID
test flag rate at the scorer's threshold (validation, 90% confidence).

    python benchmarks/ood_molecule_candidates.py collect --data /work/shared/data --seeds 0,1,2
    python benchmarks/ood_molecule_candidates.py analyse --out benchmarks/results/ood_molecule_candidates.json
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import os
import pickle
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402
from ood_molecule_calibration import CANDIDATES as EXISTING  # noqa: E402
from ood_molecule_calibration import FactsCache  # noqa: E402
from ood_molecule_variants import read, sets  # noqa: E402

NEW = ("bit_density", "substructure_surprise", "substructure_surprise_total", "generic_scaffold", "autoencoder")
PARTS = (*EXISTING, *NEW)
RULES = ("zsum", "ranksum", "zmax", "rankmax")
DEFAULT = ("tanimoto", "atom_pairs", "isolation_forest", "elements")
WORK = Path("/tmp/mednn-ood-molecule-candidates")


# --- the new parts' facts and references -----------------------------------------------------------

class ExtraFacts:
    """Per molecule its distinct unfolded Morgan identifiers (radius 0-2) and a hash of its generic
    Murcko scaffold, computed once."""

    def __init__(self, smiles: list[str]):
        from rdkit import Chem
        from rdkit.Chem import rdFingerprintGenerator
        from rdkit.Chem.Scaffolds import MurckoScaffold

        from mednn.featurizers.molecule_base import parse

        morgan = rdFingerprintGenerator.GetMorganGenerator(radius=2)
        self.index = {s: i for i, s in enumerate(dict.fromkeys(smiles))}
        self.ids, self.generic = [], []
        for s in self.index:
            mol = parse(s)
            self.ids.append(np.array(sorted(morgan.GetSparseCountFingerprint(mol).GetNonzeroElements()),
                                     dtype=np.int64))
            try:
                generic = Chem.MolToSmiles(MurckoScaffold.MakeScaffoldGeneric(MurckoScaffold.GetScaffoldForMol(mol)))
            except Exception:  # noqa: BLE001 - a scaffold RDKit cannot make generic: its own scaffold
                generic = MurckoScaffold.MurckoScaffoldSmiles(mol=mol)
            digest = hashlib.blake2b(generic.encode(), digest_size=8).digest()
            self.generic.append(int.from_bytes(digest, "little") >> 1)

    def of(self, smiles: list[str]) -> tuple[list[np.ndarray], np.ndarray]:
        rows = [self.index[s] for s in smiles]
        return [self.ids[i] for i in rows], np.array([self.generic[i] for i in rows], dtype=np.int64)


def train_autoencoder(bits: np.ndarray, seed: int, steps: int = 400):
    """A small fingerprint autoencoder (2048-128-32-128-2048) on the training bits (0/1 float
    rows): ``steps`` Adam steps of 128 molecules, one thread (a shared machine)."""
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(seed)
    net = torch.nn.Sequential(torch.nn.Linear(bits.shape[1], 128), torch.nn.ReLU(), torch.nn.Linear(128, 32),
                              torch.nn.ReLU(), torch.nn.Linear(32, 128), torch.nn.ReLU(),
                              torch.nn.Linear(128, bits.shape[1]))
    optimiser = torch.optim.Adam(net.parameters(), lr=2e-3, weight_decay=1e-5)
    x = torch.as_tensor(bits, dtype=torch.float32)
    generator = torch.Generator().manual_seed(seed)
    for _ in range(steps):
        batch = torch.randint(len(x), (min(128, len(x)),), generator=generator)
        optimiser.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(net(x[batch]), x[batch])
        loss.backward()
        optimiser.step()
    net.eval()
    return net


def reconstruction_error(net, bits: np.ndarray) -> np.ndarray:
    import torch

    with torch.no_grad():
        x = torch.as_tensor(bits, dtype=torch.float32)
        return torch.nn.functional.binary_cross_entropy_with_logits(net(x), x, reduction="none").sum(1).numpy()


class NewParts:
    """The reference of the new parts, fitted on the training molecules."""

    def __init__(self, bits: np.ndarray, ids: list[np.ndarray], generic: np.ndarray, seed: int):
        n = len(bits)
        p = (bits.sum(axis=0) + 0.5) / (n + 1.0)
        self.log_p, self.log_q = np.log(p), np.log1p(-p)
        self.known, self.df = np.unique(np.concatenate(ids), return_counts=True)
        self.n = n
        self.generic = set(generic.tolist())
        self.net = train_autoencoder(bits, seed)

    def surprise(self, ids: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        mean, total = np.zeros(len(ids)), np.zeros(len(ids))
        for row, i in enumerate(ids):
            at = np.clip(np.searchsorted(self.known, i), 0, len(self.known) - 1)
            df = np.where(self.known[at] == i, self.df[at], 0)
            s = -np.log((df + 0.5) / (self.n + 1.0))
            mean[row], total[row] = (s.mean(), s.sum()) if len(s) else (0.0, 0.0)
        return mean, total

    def components(self, bits: np.ndarray, ids: list[np.ndarray], generic: np.ndarray) -> np.ndarray:
        density = -(bits @ self.log_p + (1.0 - bits) @ self.log_q)
        mean, total = self.surprise(ids)
        unseen = np.array([g not in self.generic for g in generic.tolist()], dtype=np.float64)
        return np.column_stack([density, mean, total, unseen, reconstruction_error(self.net, bits)])


# --- collect ------------------------------------------------------------------------------------------

def collect_one(name: str, dataset, seed: int, foreign: dict, cache: FactsCache, extra: ExtraFacts) -> dict:
    from mednn.data.splits import split_indices
    from mednn.ood.base import OODInputs
    from mednn.ood.molecules import MoleculeDomainScorer

    split = split_indices(dataset, "scaffold", 0.15, 0.2, seed=seed)
    smiles = list(dataset.inputs)
    blocks = {k: [smiles[i] for i in split[k]] for k in ("train", "val", "test")}
    blocks.update({f"foreign/{o}": v for o, v in foreign.items() if o != name})
    scorer = MoleculeDomainScorer(molecule_parts=list(EXISTING), seed=seed)
    t0 = time.perf_counter()
    scorer._fit_reference(OODInputs(smiles=blocks["train"]))
    scorer.__dict__.pop("_fitting")
    unpack = lambda s: np.unpackbits(cache(s).bits, axis=1).astype(np.float32)  # noqa: E731
    new = NewParts(unpack(blocks["train"]), *extra.of(blocks["train"]), seed=seed)
    out = {}
    for key, s in blocks.items():
        if key == "train":
            continue
        old = scorer.components_of(OODInputs(smiles=s), cache(s))
        out[key] = np.hstack([old, new.components(unpack(s), *extra.of(s))])
    out["seconds"] = np.array([time.perf_counter() - t0])
    return out


def collect(args) -> int:
    import mednn.ood.molecules as molecules

    WORK.mkdir(parents=True, exist_ok=True)
    in_dist, foreign_raw = sets(args.data)
    names = args.only.split(",") if args.only else list(in_dist)
    datasets = {n: read(in_dist[n], WORK, f"id_{n}") for n in in_dist}  # all: the stored facts cover every run
    foreign_read = {n: list(read(s, WORK, f"foreign_{n}").inputs) for n, s in foreign_raw.items()}
    everything = [s for d in datasets.values() for s in d.inputs] + [s for v in foreign_read.values() for s in v]
    t0 = time.perf_counter()
    stored = WORK / "facts.pickle"  # our own file, this study only
    cache, extra = pickle.loads(stored.read_bytes()) if stored.is_file() else (FactsCache(everything),
                                                                                ExtraFacts(everything))
    if not stored.is_file():
        stored.write_bytes(pickle.dumps((cache, extra)))
    molecules.MoleculeFacts = cache  # the scorer's reference reads the cache (this process only)
    print(f"facts of {len(cache.index)} molecules: {time.perf_counter() - t0:.0f} s "
          f"(load {os.getloadavg()[0]:.1f})", flush=True)
    for name in names:
        id_file = set(datasets[name].inputs)
        foreign = {o: [s for s in v if s not in id_file] for o, v in foreign_read.items()}
        for seed in args.seeds:
            t0 = time.perf_counter()
            raw = collect_one(name, datasets[name], seed, foreign, cache, extra)
            np.savez_compressed(WORK / f"raw_{name}_{seed}.npz", **raw)
            print(f"{name} seed {seed}: val {len(raw['val'])} test {len(raw['test'])} "
                  f"({time.perf_counter() - t0:.0f} s, load {os.getloadavg()[0]:.1f})", flush=True)
    return 0


# --- analyse ------------------------------------------------------------------------------------------

def floors() -> np.ndarray:
    from mednn.ood.molecules import COMPONENT_OF, FLOOR_OF

    own = {"generic_scaffold": 0.5}
    return np.array([FLOOR_OF.get(COMPONENT_OF.get(p, ""), own.get(p, 1e-9)) for p in PARTS])


def transformed(raw: dict[str, np.ndarray], rule: str, fpr: float = 0.05) -> dict[str, np.ndarray]:
    """Every block's components as the rule combines them: validation-scaled (``z``: the
    scorer's centre and scale) or -log of the tail share among validation (``rank``)."""
    val = raw["val"]
    center = np.median(val, axis=0)
    scale = np.maximum(np.quantile(val, 1 - fpr, axis=0) - center, floors())
    if rule.startswith("z"):
        return {k: (v - center) / scale for k, v in raw.items() if k != "seconds"}
    ordered = np.sort(val, axis=0)
    out = {}
    for key, block in raw.items():
        if key == "seconds":
            continue
        above = np.column_stack([len(val) - np.searchsorted(ordered[:, j], block[:, j], side="left")
                                 for j in range(block.shape[1])])
        out[key] = -np.log((1 + above) / (len(val) + 1)) + np.maximum(block - ordered[-1], 0) / scale
    return out


def variants(max_others: int) -> list[tuple[str, ...]]:
    others = [p for p in PARTS if p != "elements"]
    out = [tuple(sorted(("elements", *c), key=PARTS.index))
           for n in range(0, max_others + 1) for c in itertools.combinations(others, n)]
    named = [DEFAULT, *((*DEFAULT, p) for p in NEW)]  # always scored, whatever the size limit
    return [*out, *(v for v in (tuple(sorted(n, key=PARTS.index)) for n in named) if v not in out)]


def combine(block: np.ndarray, parts: list[tuple[str, ...]], rule: str) -> np.ndarray:
    """[n, len(parts)] scores: each variant's sum or largest value of its parts."""
    if rule.endswith("sum"):
        mask = np.zeros((len(PARTS), len(parts)))
        for j, v in enumerate(parts):
            mask[[PARTS.index(p) for p in v], j] = 1.0
        return block @ mask
    return np.column_stack([block[:, [PARTS.index(p) for p in v]].max(axis=1) for v in parts])


def all_aurocs(runs: dict, parts: list[tuple[str, ...]]) -> tuple[list[tuple], list[tuple], np.ndarray]:
    """AUROC of every (variant, rule) on every (ID, foreign, seed) pair: keys, pairs, [keys, pairs]."""
    from scipy.stats import rankdata

    keys = [(v, rule) for rule in RULES for v in parts]
    columns, pairs = [], []
    for (name, seed), raw in sorted(runs.items()):
        per_rule = {rule: transformed(raw, rule) for rule in RULES}
        for foreign in sorted(k for k in raw if k.startswith("foreign/")):
            column = []
            for rule in RULES:
                t = per_rule[rule]
                s = np.vstack([combine(t["test"], parts, rule), combine(t[foreign], parts, rule)])
                n0, n1 = len(t["test"]), len(t[foreign])
                ranks = rankdata(s, axis=0)
                column.append((ranks[n0:].sum(axis=0) - n1 * (n1 + 1) / 2) / (n0 * n1))
            columns.append(np.concatenate(column))
            pairs.append((name, foreign.split("/")[1], seed))
    return keys, pairs, np.column_stack(columns)


def flag_rate(raw: dict, variant: tuple[str, ...], rule: str) -> tuple[float, int, int]:
    """ID test flagged at the scorer's threshold (validation, 90% confidence): rate, flagged, n."""
    from mednn.ood.base import threshold_at

    t = transformed(raw, rule)
    val, test = combine(t["val"], [variant], rule)[:, 0], combine(t["test"], [variant], rule)[:, 0]
    threshold, _ = threshold_at(val, 0.05, 0.9)
    return float(np.mean(test > threshold)), int(np.sum(test > threshold)), len(test)


def pick(ranks: np.ndarray, pairs: list[tuple], held_out: str) -> int:
    others = [j for j, p in enumerate(pairs) if p[0] != held_out]
    return int(ranks[:, others].mean(axis=1).argmin())


def load_runs() -> dict:
    runs = {}
    for path in sorted(WORK.glob("raw_*.npz")):
        name, seed = path.stem[4:].rsplit("_", 1)
        with np.load(path) as f:
            runs[(name, int(seed))] = {k: f[k] for k in f.files}
    return runs


def summary(label: str, a: np.ndarray, pairs: list[tuple], flags: list[tuple]) -> dict:
    seeds = sorted({p[2] for p in pairs})
    flagged, n = sum(f[1] for f in flags), sum(f[2] for f in flags)
    return {"scorer": label, "mean AUROC": round(float(a.mean()), 4), "pairs >= 0.95": int((a >= 0.95).sum()),
            "per seed": " / ".join(f"{a[[p[2] == s for p in pairs]].mean():.4f}" for s in seeds),
            "ID test flagged (pooled %)": round(100 * flagged / n, 1),
            "runs > 5%": sum(f[0] > 0.05 for f in flags)}


def analyse(args) -> int:
    runs = load_runs()
    parts = variants(args.max_others)
    stored = WORK / f"aurocs_{args.max_others}.pickle"  # our own file: the matrix takes minutes
    keys, pairs, table = pickle.loads(stored.read_bytes()) if stored.is_file() else all_aurocs(runs, parts)
    stored.write_bytes(pickle.dumps((keys, pairs, table)))
    ranks = (-table).argsort(axis=0).argsort(axis=0)
    ids = sorted({p[0] for p in pairs})
    default = keys.index((tuple(sorted(DEFAULT, key=PARTS.index)), "zsum"))
    chosen = {n: pick(ranks, pairs, n) for n in ids}
    held = np.array([table[chosen[p[0]], j] for j, p in enumerate(pairs)])
    rows, by_set = [], []
    flags = {"default": [flag_rate(runs[k], *keys[default]) for k in sorted(runs)],
             "chosen": [flag_rate(runs[k], *keys[chosen[k[0]]]) for k in sorted(runs)]}
    rows.append(summary("default (zsum of " + "+".join(DEFAULT) + ")", table[default], pairs, flags["default"]))
    rows.append(summary("chosen leave one ID set out (any part, any rule)", held, pairs, flags["chosen"]))
    by_mean = {n: int(table[:, [j for j, p in enumerate(pairs) if p[0] != n]].mean(axis=1).argmax()) for n in ids}
    rows.append(summary("chosen leave one ID set out by mean AUROC (not mean rank)",
                        np.array([table[by_mean[p[0]], j] for j, p in enumerate(pairs)]), pairs,
                        [flag_rate(runs[k], *keys[by_mean[k[0]]]) for k in sorted(runs)]))
    hindsight = int(table.mean(axis=1).argmax())  # one variant for all 216 pairs, chosen on them: a bound
    rows.append(summary(f"best mean AUROC in hindsight: {'+'.join(keys[hindsight][0])} ({keys[hindsight][1]})",
                        table[hindsight], pairs, [flag_rate(runs[k], *keys[hindsight]) for k in sorted(runs)]))
    for rule in RULES:  # each rule alone, its parts chosen leave one ID set out
        allowed = np.array([k[1] == rule for k in keys])
        masked = np.where(allowed[:, None], ranks, len(keys))
        pick_r = {n: pick(masked, pairs, n) for n in ids}
        a = np.array([table[pick_r[p[0]], j] for j, p in enumerate(pairs)])
        rows.append(summary(f"{rule}, parts chosen leave one ID set out", a, pairs,
                            [flag_rate(runs[k], *keys[pick_r[k[0]]]) for k in sorted(runs)]))
    for part in NEW:  # the default plus each new part, and each new part alone (with elements)
        for v in (tuple(sorted((*DEFAULT, part), key=PARTS.index)), tuple(sorted(("elements", part),
                                                                                 key=PARTS.index))):
            if (v, "zsum") in keys:
                j = keys.index((v, "zsum"))
                rows.append(summary("zsum of " + "+".join(v), table[j], pairs,
                                    [flag_rate(runs[k], *keys[j]) for k in sorted(runs)]))
    for rule in RULES[1:]:
        j = keys.index((tuple(sorted(DEFAULT, key=PARTS.index)), rule))
        rows.append(summary(f"{rule} of the default parts", table[j], pairs,
                            [flag_rate(runs[k], *keys[j]) for k in sorted(runs)]))
    print_table(rows, list(rows[0]))
    for n in ids:
        mine = [j for j, p in enumerate(pairs) if p[0] == n]
        by_set.append({"ID set": n, "default": round(float(table[default, mine].mean()), 3),
                       "chosen on the other 7": "+".join(keys[chosen[n]][0]) + f" ({keys[chosen[n]][1]})",
                       "chosen AUROC": round(float(held[mine].mean()), 3),
                       "best for this set (not a choice)": round(float(table[:, mine].mean(axis=1).max()), 3)})
    print_table(by_set, list(by_set[0]))
    lipo = [{"pair": f"{p[0]} vs {p[1]} seed {p[2]}", "default": round(float(table[default, j]), 3),
             "chosen": round(float(held[j]), 3)} for j, p in enumerate(pairs) if p[0] == "Lipophilicity"]
    print_table(lipo, list(lipo[0]))
    mean_rank = ranks.mean(axis=1)
    top = [{"variant": "+".join(keys[j][0]), "rule": keys[j][1], "mean AUROC": round(float(table[j].mean()), 4),
            "mean rank": round(float(mean_rank[j]), 1)} for j in np.argsort(mean_rank)[:15]]
    print_table(top, list(top[0]))
    best = [{"variant": "+".join(keys[j][0]), "rule": keys[j][1], "mean AUROC": round(float(table[j].mean()), 4),
             "pairs >= 0.95": int((table[j] >= 0.95).sum())} for j in np.argsort(-table.mean(axis=1))[:10]]
    print_table(best, list(best[0]))
    write_json(args.out, {"machine": {**machine(), "load_average": os.getloadavg()}, "summary": rows,
                          "by_set": by_set, "lipophilicity": lipo, "top_by_mean_rank": top,
                          "top_by_mean_auroc_hindsight": best,
                          "chosen": {n: {"parts": keys[j][0], "rule": keys[j][1]} for n, j in chosen.items()},
                          "seconds_per_run": {f"{k[0]} {k[1]}": float(r["seconds"][0]) for k, r in runs.items()}})
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["collect", "analyse"])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--seeds", type=lambda s: [int(x) for x in s.split(",")], default=[0, 1, 2])
    parser.add_argument("--only", default=None, help="comma-separated ID sets")
    parser.add_argument("--max-others", type=int, default=4, help="most parts beside elements in one variant")
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    return collect(args) if args.step == "collect" else analyse(args)


if __name__ == "__main__":
    raise SystemExit(main())
