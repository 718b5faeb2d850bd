"""Which applicability-domain parts should ``molecule_domain`` sum? Chosen across datasets, leave one out.

No network is trained: the input-space parts need only the molecules. For every in-distribution
(ID) set (BBBP, Lipophilicity (2,000), BACE, ClinTox, SIDER, ESOL, FreeSolv, ToxCast (2,000)),
mednn's reader and scaffold split (val 0.15, test 0.2, seed 0, as a run) give train / val /
test; each candidate part is computed with the training molecules as reference and calibrated on
validation exactly as ``OODScorer.fit`` does (median, 1 - fpr quantile, floors, conformal
threshold); every other set (the ID files plus AqSolDB, MUV (1,000 each)) is foreign, less the
molecules that also occur in the ID file (canonical SMILES: not foreign). A variant is a set of
parts summed. For each (ID, foreign) pair: AUROC (foreign = positive), FPR at 95% TPR and the ID
test flag rate.

Selection, leave one out: the variant reported for a pair is the one with the best mean rank
(AUROC, over all variants) over all *other* pairs; the stricter "leave one ID set out" picks it
from the pairs of the other ID sets only. ``--ceiling`` adds, per pair, the AUROC of a random
forest shown both sides (5-fold, as ``ood_molecule_separability.py``).

    python benchmarks/ood_molecule_variants.py --data /work/shared/data \
        --out benchmarks/results/ood_molecule_variants.json
"""

from __future__ import annotations

import argparse
import itertools
import os
import pickle
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402

SAMPLE = {"random_state": 0}


def sets(data: Path) -> tuple[dict[str, pd.Series], dict[str, pd.Series]]:
    """(ID sets, foreign sets): SMILES per set name."""
    mn = data / "moleculenet"
    read = {"BBBP": lambda: pd.read_csv(mn / "bbbp.csv")["smiles"],
            "Lipophilicity": lambda: pd.read_csv(mn / "lipo.csv")["smiles"],
            "BACE": lambda: pd.read_csv(mn / "bace.csv")["mol"],
            "ClinTox": lambda: pd.read_csv(mn / "clintox.csv")["smiles"],
            "SIDER": lambda: pd.read_csv(mn / "sider.csv")["smiles"],
            "ESOL": lambda: pd.read_csv(mn / "delaney.csv")["smiles"],
            "FreeSolv": lambda: pd.read_csv(mn / "freesolv.csv")["smiles"],
            "ToxCast": lambda: pd.read_csv(mn / "toxcast.csv.gz", usecols=["smiles"])["smiles"],
            "AqSolDB": lambda: pd.read_csv(data / "aqsoldb/curated-solubility-dataset.csv")["SMILES"],
            "MUV": lambda: pd.read_csv(mn / "muv.csv.gz", usecols=["smiles"])["smiles"]}
    full = {k: f() for k, f in read.items()}
    in_dist = {k: v for k, v in full.items() if k not in ("AqSolDB", "MUV")}
    for big in ("Lipophilicity", "ToxCast"):  # as benchmarks/ood.py: a shared-box size
        in_dist[big] = full[big].sample(n=2000, **SAMPLE)
    foreign = {k: (v.sample(n=1000, **SAMPLE) if len(v) > 2000 else v) for k, v in full.items()}
    return in_dist, foreign


def read(smiles: pd.Series, work: Path, name: str):
    """mednn's reading of a SMILES column (standardised, invalid and duplicate ones reported and dropped)."""
    from mednn.config import DataConfig
    from mednn.data.readers import read_dataset

    path = work / f"{name}.csv"
    pd.DataFrame({"smiles": smiles.astype(str), "y": np.arange(len(smiles)) % 2}).to_csv(path, index=False)
    return read_dataset(DataConfig(format="smiles", path=str(path), label="y"), labels=True)


# --- what each molecule is ----------------------------------------------------------------------

def facts(smiles: list[str]) -> dict[str, object]:
    """Every candidate's per-molecule facts (computed once per molecule)."""
    from rdkit.Chem import rdFingerprintGenerator, rdMolDescriptors
    from rdkit.Chem.Scaffolds import MurckoScaffold

    from mednn.featurizers.molecule_base import parse
    from mednn.ood.molecules import MoleculeFacts

    base = MoleculeFacts(smiles)
    gens = {"morgan": rdFingerprintGenerator.GetMorganGenerator(radius=2, fpSize=2048),
            "fcfp": rdFingerprintGenerator.GetMorganGenerator(
                radius=2, fpSize=2048, atomInvariantsGenerator=rdFingerprintGenerator.GetMorganFeatureAtomInvGen()),
            "atompair": rdFingerprintGenerator.GetAtomPairGenerator(fpSize=2048)}
    r2 = rdFingerprintGenerator.GetMorganGenerator(radius=2)
    out = {"bits": base.bits, "desc15": base.descriptors, "elements": base.elements, "env1": base.environments,
           **{k: [] for k in (*gens, "descall", "env2", "scaffold", "generic", "rings")}}
    for s in smiles:
        mol = parse(s)
        for k, g in gens.items():
            out[k].append(g.GetCountFingerprintAsNumPy(mol).astype(np.uint16))
        # a broad set that stays cheap (RDKit's ~210 descriptors take ~10 ms a molecule idle, far
        # more for peptides: too slow for predict): the 42 molecular quantum numbers and the 36 VSA bins
        out["descall"].append([*rdMolDescriptors.MQNs_(mol), *rdMolDescriptors.SlogP_VSA_(mol),
                               *rdMolDescriptors.SMR_VSA_(mol), *rdMolDescriptors.PEOE_VSA_(mol)])
        extra = rdFingerprintGenerator.AdditionalOutput()
        extra.AllocateAtomToBits()
        r2.GetSparseCountFingerprint(mol, additionalOutput=extra)
        out["env2"].append(np.array([ids[-1] for ids in extra.GetAtomToBits()], dtype=np.int64))
        scaffold = MurckoScaffold.GetScaffoldForMol(mol)
        out["scaffold"].append(hash(MurckoScaffold.Chem.MolToSmiles(scaffold)))
        try:
            generic = MurckoScaffold.MakeScaffoldGeneric(scaffold)
            out["generic"].append(hash(MurckoScaffold.Chem.MolToSmiles(generic)))
        except Exception:  # noqa: BLE001 - a scaffold RDKit cannot make generic keeps its own
            out["generic"].append(out["scaffold"][-1])
        out["rings"].append(ring_systems(mol))
    for k in (*gens, "descall"):
        out[k] = np.array(out[k], dtype=np.float64)
    out["descall"] = np.hstack([base.descriptors, np.nan_to_num(np.clip(out["descall"], -1e6, 1e6))])
    return out


def ring_systems(mol) -> list[int]:
    """Hashes of the molecule's ring systems (fused rings merged), each as its own SMILES fragment."""
    from rdkit import Chem

    rings = [set(r) for r in mol.GetRingInfo().AtomRings()]
    systems: list[set] = []
    for ring in rings:
        merged = [s for s in systems if len(s & ring) >= 2]
        for s in merged:
            ring |= s
            systems.remove(s)
        systems.append(ring)
    return [hash(Chem.MolFragmentToSmiles(mol, sorted(s), canonical=True)) for s in systems]


def take(f: dict, index: np.ndarray) -> dict:
    return {k: (v[index] if isinstance(v, np.ndarray) else [v[i] for i in index]) for k, v in f.items()}


# --- candidate parts: raw component per query molecule, larger = less familiar -------------------

def expand(counts: np.ndarray, cap: int = 32):
    """Counts as a sparse 0/1 matrix with ``cap`` columns per bit (column ``bit * cap + t`` is set
    when the count exceeds ``t``): the dot product of two rows is then sum(min(a, b))."""
    from scipy.sparse import csr_matrix

    rows, cols = np.nonzero(counts)
    c = np.minimum(counts[rows, cols], cap).astype(np.int64)
    offsets = np.arange(c.sum()) - np.repeat(np.cumsum(c) - c, c)
    return csr_matrix((np.ones(c.sum(), dtype=np.float32), (np.repeat(rows, c), np.repeat(cols, c) * cap + offsets)),
                      shape=(len(counts), counts.shape[1] * cap))


def count_tanimoto(q: np.ndarray, r: np.ndarray, k: int) -> np.ndarray:
    """1 - mean count-Tanimoto (sum min / sum max) of the k most similar reference rows."""
    qe, re_ = expand(q), expand(r)
    common = (qe @ re_.T).toarray()
    qs, rs = np.asarray(qe.sum(axis=1)).ravel(), np.asarray(re_.sum(axis=1)).ravel()
    sim = common / np.maximum(qs[:, None] + rs[None, :] - common, 1.0)
    k = min(k, len(r))
    return 1 - (-np.partition(-sim, k - 1, axis=1)[:, :k]).mean(axis=1)


class Parts:
    """The training molecules' reference for every candidate part."""

    def __init__(self, train: dict):
        from sklearn.decomposition import PCA
        from sklearn.ensemble import IsolationForest

        self.t = train
        d = train["descall"]
        self.med = np.median(d, axis=0)
        iqr = np.subtract(*np.percentile(d, [75, 25], axis=0))
        self.iqr = np.where(iqr > 0, iqr, np.maximum(d.std(axis=0), 1e-6))
        robust = self.robust(d)
        self.pca = PCA(n_components=0.95, whiten=True, random_state=0).fit(robust)
        self.white = self.pca.transform(robust)
        from sklearn.covariance import LedoitWolf

        self.lw = LedoitWolf().fit(robust)
        self.forest = IsolationForest(n_estimators=200, random_state=0).fit(robust)
        m, s = train["desc15"].mean(axis=0), np.maximum(train["desc15"].std(axis=0), 1e-6)
        self.d15 = (m, s, (train["desc15"] - m) / s)
        self.sets = {k: set(itertools.chain.from_iterable(train[k])) for k in ("elements", "env1", "env2", "rings")}
        self.sets["scaffold"], self.sets["generic"] = set(train["scaffold"]), set(train["generic"])

    def robust(self, d: np.ndarray) -> np.ndarray:
        return np.clip((d - self.med) / self.iqr, -20, 20)  # a clip: a few descriptors have huge tails

    def components(self, q: dict) -> dict[str, np.ndarray]:
        from mednn.ood.molecules import kth_distance, tanimoto_distance

        t = self.t
        robust = self.robust(q["descall"])
        m, s, ref15 = self.d15
        share = lambda key: np.array([np.mean([x not in self.sets[key] for x in v]) if len(v) else 0.0  # noqa: E731
                                      for v in q[key]])
        return {
            "tanimoto": tanimoto_distance(q["bits"], t["bits"], 5),
            "tanimoto_nearest": tanimoto_distance(q["bits"], t["bits"], 1),
            "count_morgan": count_tanimoto(q["morgan"], t["morgan"], 5),
            "count_fcfp": count_tanimoto(q["fcfp"], t["fcfp"], 5),
            "count_atompair": count_tanimoto(q["atompair"], t["atompair"], 5),
            "descriptors": kth_distance((q["desc15"] - m) / s, ref15, 10),
            "all_descriptors_knn": kth_distance(self.pca.transform(robust), self.white, 10),
            "all_descriptors_knn_raw": kth_distance(robust, self.robust(t["descall"]), 10),
            "all_descriptors_mahalanobis": np.sqrt(np.maximum(self.lw.mahalanobis(robust), 0)),
            "isolation_forest": -self.forest.score_samples(robust),
            "elements": np.array([len(set(e) - self.sets["elements"]) for e in q["elements"]], dtype=float),
            "environments": share("env1"),
            "environments_r2": share("env2"),
            "ring_systems": share("rings"),
            "scaffold_novel": np.array([x not in self.sets["scaffold"] for x in q["scaffold"]], dtype=float),
            "generic_scaffold_novel": np.array([x not in self.sets["generic"] for x in q["generic"]], dtype=float),
        }


FLOORS = {"elements": 0.5, "environments": 0.05, "environments_r2": 0.05, "ring_systems": 0.05,
          "scaffold_novel": 0.5, "generic_scaffold_novel": 0.5}
DEFAULT = ("tanimoto", "descriptors", "elements", "environments")  # on main before this study


def calibrate(val: dict[str, np.ndarray], fpr: float = 0.05) -> dict[str, tuple[float, float]]:
    out = {}
    for k, v in val.items():
        center = float(np.median(v))
        out[k] = (center, max(float(np.quantile(v, 1 - fpr)) - center, FLOORS.get(k, 1e-9)))
    return out


def auroc(neg: np.ndarray, pos: np.ndarray) -> float:
    from scipy.stats import rankdata

    ranks = rankdata(np.r_[neg, pos])
    return float((ranks[len(neg):].sum() - len(pos) * (len(pos) + 1) / 2) / (len(neg) * len(pos)))


def fpr_at_95(neg: np.ndarray, pos: np.ndarray) -> float:
    return float(np.mean(neg >= np.quantile(pos, 0.05)))


def variants(names: list[str], max_size: int) -> list[tuple[str, ...]]:
    out = [c for n in range(1, max_size + 1) for c in itertools.combinations(names, n)]
    return out if DEFAULT in out else [*out, DEFAULT]


# --- one ID set ---------------------------------------------------------------------------------

def run_id_set(name: str, id_smiles: pd.Series, foreign: dict[str, pd.Series], work: Path, cache: dict,
               max_size: int, ceiling: bool) -> tuple[list[dict], dict]:
    from mednn.data.splits import split_indices
    from mednn.ood.base import threshold_at

    dataset = read(id_smiles, work, f"id_{name}")
    parts = split_indices(dataset, "scaffold", 0.15, 0.2, seed=0)
    inputs = list(dataset.inputs)
    everything = set(inputs)
    f = lookup(inputs, cache)
    t0 = time.perf_counter()
    ref = Parts(take(f, parts["train"]))
    val, test = ref.components(take(f, parts["val"])), ref.components(take(f, parts["test"]))
    cal = calibrate(val)
    z = lambda raw: {k: (v - cal[k][0]) / cal[k][1] for k, v in raw.items()}  # noqa: E731
    zval, ztest = z(val), z(test)
    foreign_z, info = {}, {}
    for other, smiles in foreign.items():
        if other == name:
            continue
        data = read(smiles, work, f"foreign_{name}_{other}")
        kept = [s for s in data.inputs if s not in everything]
        info[other] = {"n": len(kept), "dropped_in_id_file": len(data) - len(kept)}
        foreign_z[other] = z(ref.components(lookup(kept, cache)))
    seconds = time.perf_counter() - t0
    rows = []
    for variant in variants(sorted(val), max_size):
        sv = sum(zval[k] for k in variant)
        threshold, _ = threshold_at(sv, 0.05)
        st = sum(ztest[k] for k in variant)
        for other, fz in foreign_z.items():
            so = sum(fz[k] for k in variant)
            rows.append({"id": name, "foreign": other, "variant": "+".join(variant), "auroc": auroc(st, so),
                         "fpr_at_95_tpr": fpr_at_95(st, so), "test_flag_rate": float(np.mean(st > threshold)),
                         "foreign_flag_rate": float(np.mean(so > threshold))})
    meta = {"n_train": len(parts["train"]), "n_val": len(parts["val"]), "n_test": len(parts["test"]),
            "foreign": info, "seconds_components": round(seconds, 1)}
    if ceiling:
        meta["ceiling"] = {o: separable(take(f, parts["test"]), lookup(
            [s for s in read(foreign[o], work, f"c_{o}").inputs if s not in everything], cache)) for o in foreign_z}
    return rows, meta


def lookup(smiles: list[str], cache: dict) -> dict:
    missing = [s for s in dict.fromkeys(smiles) if s not in cache]
    if missing:
        f = facts(missing)
        for i, s in enumerate(missing):
            cache[s] = take(f, np.array([i]))
        cache["__dirty__"] = True
    rows = [cache[s] for s in smiles]
    return {k: (np.concatenate([r[k] for r in rows]) if isinstance(rows[0][k], np.ndarray)
                else [r[k][0] for r in rows]) for k in rows[0]}


def separable(a: dict, b: dict) -> float:
    """A random forest shown both sides (ECFP4 bits + 15 descriptors, 5-fold): the ceiling."""
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.model_selection import cross_val_predict

    x = np.vstack([np.hstack([d["desc15"], np.unpackbits(d["bits"], axis=1)]) for d in (a, b)])
    y = np.r_[np.zeros(len(a["desc15"])), np.ones(len(b["desc15"]))]
    p = cross_val_predict(RandomForestClassifier(300, min_samples_leaf=2, random_state=0, n_jobs=1), x, y, cv=5,
                          method="predict_proba")[:, 1]
    return auroc(p[y == 0], p[y == 1])


# --- choosing, leave one out --------------------------------------------------------------------

def choose(rows: list[dict], require: str | None = "elements") -> dict:
    """Leave-one-out choice among the variants that sum ``require`` (``elements``: a molecule with an
    element never seen in training must stay flagged, which the datasets' pairs rarely test)."""
    frame = pd.DataFrame(rows)
    frame["pair"] = frame["id"] + " vs " + frame["foreign"]
    if require:
        frame = frame[frame["variant"].str.split("+").apply(lambda parts: require in parts)]
    table = frame.pivot(index="variant", columns="pair", values="auroc")
    ranks = table.rank(axis=0, ascending=False)  # 1 = best on that pair
    fpr95 = frame.pivot(index="variant", columns="pair", values="fpr_at_95_tpr")
    flags = frame.pivot(index="variant", columns="pair", values="test_flag_rate")
    pairs = list(table.columns)
    id_of = {p: p.split(" vs ")[0] for p in pairs}
    overall = ranks.mean(axis=1).sort_values()
    out = {"overall_best": list(overall.index[:15]), "overall_mean_rank": overall.iloc[:15].round(1).to_dict(),
           "per_pair": []}
    for p in pairs:
        others = [q for q in pairs if q != p]
        strict = [q for q in pairs if id_of[q] != id_of[p]]
        pick = ranks[others].mean(axis=1).idxmin()
        pick_strict = ranks[strict].mean(axis=1).idxmin()
        out["per_pair"].append({"pair": p, "pick": pick, "auroc": float(table.at[pick, p]),
                                "fpr_at_95_tpr": float(fpr95.at[pick, p]), "test_flag_rate": float(flags.at[pick, p]),
                                "pick_leave_id_out": pick_strict, "auroc_leave_id_out": float(table.at[pick_strict, p]),
                                "default_before": float(table.at["+".join(DEFAULT), p]),
                                "fpr_before": float(fpr95.at["+".join(DEFAULT), p]),
                                "flag_rate_before": float(flags.at["+".join(DEFAULT), p]),
                                "best_any": float(table[p].max())})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/mednn-ood-molecule-variants"))
    parser.add_argument("--max-size", type=int, default=4, help="most parts in one variant")
    parser.add_argument("--only", default=None, help="comma-separated ID sets")
    parser.add_argument("--ceiling", action="store_true")
    parser.add_argument("--out", default=None)
    parser.add_argument("--rows-from", default=None, help="choose again from an earlier run's full JSON")
    parser.add_argument("--full-out", default=None, help="also write every variant's rows here (large)")
    args = parser.parse_args(argv)
    if args.rows_from:
        import json

        earlier = json.loads(Path(args.rows_from).read_text())
        return report(earlier["results"], earlier["sets"], earlier["machine"], earlier["load_average_end"], args)
    args.work.mkdir(parents=True, exist_ok=True)
    started = {"load_average": os.getloadavg(), **machine()}
    in_dist, foreign = sets(args.data)
    names = args.only.split(",") if args.only else list(in_dist)
    rows, meta = [], {}
    cache_path = args.work / f"facts-{os.environ.get('PYTHONHASHSEED', 'x')}.pickle"
    cache = pickle.loads(cache_path.read_bytes()) if cache_path.is_file() else {}  # our own file, this study only
    for name in names:
        r, meta[name] = run_id_set(name, in_dist[name], foreign, args.work, cache, args.max_size, args.ceiling)
        rows += r
        print(f"{name}: {meta[name]}", flush=True)
        if cache.pop("__dirty__", False):
            cache_path.write_bytes(pickle.dumps(cache))
    if args.full_out:
        write_json(args.full_out, {"machine": started, "load_average_end": os.getloadavg(), "sets": meta,
                                   "results": rows})
    return report(rows, meta, started, os.getloadavg(), args)


def report(rows: list[dict], meta: dict, started: dict, load_end, args) -> int:
    chosen = choose(rows)
    print_table(chosen["per_pair"], ["pair", "default_before", "pick", "auroc", "pick_leave_id_out",
                                     "auroc_leave_id_out", "best_any"])
    print(chosen["overall_mean_rank"])
    keep = {"+".join(DEFAULT), chosen["overall_best"][0]} | {r["variant"] for r in rows if "+" not in r["variant"]}
    write_json(args.out, {"machine": started, "load_average_end": load_end, "sets": meta, "choice": chosen,
                          "unconstrained": choose(rows, require=None)["overall_mean_rank"],
                          "results": [r for r in rows if r["variant"] in keep]})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
