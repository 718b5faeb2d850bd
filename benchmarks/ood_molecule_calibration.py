"""Molecule OOD over scaffold splits and seeds: the calibration (validation alone, or with training
scaffold folds) and which parts to sum, both chosen leave one ID set out.

No network is trained (the default parts read only the molecules). For each in-distribution (ID)
set of ``ood_molecule_variants.py`` (BBBP, Lipophilicity 2,000, BACE, ClinTox, SIDER, ESOL,
FreeSolv, ToxCast 2,000) and each seed, mednn's reader and scaffold split (val 0.15, test 0.2, the
seed as a run's) give train / val / test; ``molecule_domain`` (the real scorer, every candidate
part at once) is fitted on train and gives the raw components of validation, of the training
scaffold folds (each scored by a reference of the other folds, ``mednn.ood.molecule_calibration``),
of test and of the nine other sets (less the molecules of the ID file). ``collect`` stores them;
``analyse`` applies each calibration rule and each sum of parts exactly as ``OODScorer.fit`` does
(per component: centre on the calibration median, scale to its ``1 - fpr`` quantile with the
part's floor; threshold: the training-conditional rank at 90% confidence) and reports the ID test
flag rate per seed, the foreign flag rate and the AUROC per pair. Test is never used to choose:
a rule or a sum of parts is picked for each ID set from the other seven sets' numbers.

    python benchmarks/ood_molecule_calibration.py collect --data /work/shared/data --seeds 0,1,2
    python benchmarks/ood_molecule_calibration.py analyse --out benchmarks/results/ood_molecule_calibration.json
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402
from ood_molecule_variants import auroc, fpr_at_95, read, sets  # noqa: E402

# every part a variant may sum (the network's embedding needs a trained run: not here)
CANDIDATES = ("tanimoto", "atom_pairs", "descriptors", "isolation_forest", "elements", "environments",
              "ring_systems", "substructures", "property_ranges")
WORK = Path("/tmp/mednn-ood-molecule-calibration")


def acyclic_apart(dataset):
    """The what-if of ``--acyclic-apart``: every acyclic molecule its own scaffold group (the split
    otherwise deals all of them out as one set, "")."""
    groups = np.asarray(dataset.groups, dtype=object).copy()
    for i in np.flatnonzero(groups == ""):
        groups[i] = f"acyclic {i}"
    dataset.groups = groups
    return dataset


# --- collect ----------------------------------------------------------------------------------------

class FactsCache:
    """Every molecule's facts computed once (all candidate parts + scaffold), handed to the scorer
    in place of ``MoleculeFacts`` (which it would otherwise recompute per fold and per seed)."""

    def __init__(self, smiles: list[str]):
        from mednn.ood.molecule_facts import MoleculeFacts

        unique = list(dict.fromkeys(smiles))
        t0 = time.perf_counter()
        self.all = MoleculeFacts(unique, CANDIDATES, scaffolds=True)
        self.seconds = time.perf_counter() - t0
        self.index = {s: i for i, s in enumerate(unique)}

    def __call__(self, smiles, parts=None, scaffolds=False):
        return self.all.take(np.array([self.index[s] for s in smiles], dtype=np.int64))


def collect_one(name: str, dataset, seed: int, foreign: dict, cache: FactsCache) -> dict[str, np.ndarray]:
    from mednn.data.splits import split_indices
    from mednn.ood.base import OODInputs
    from mednn.ood.molecule_calibration import cross_fitted_components, scaffold_folds
    from mednn.ood.molecules import MoleculeDomainScorer

    parts = split_indices(dataset, "scaffold", 0.15, 0.2, seed=seed)
    smiles = list(dataset.inputs)
    inputs = {k: OODInputs(smiles=[smiles[i] for i in v]) for k, v in parts.items()}
    scorer = MoleculeDomainScorer(molecule_parts=list(CANDIDATES), seed=seed, molecule_calibration="scaffold_folds")
    scorer._fit_reference(inputs["train"])
    kept, facts = scorer.__dict__.pop("_fitting")
    folds = scaffold_folds(facts.scaffolds, largest=len(parts["val"]) / 2, seed=seed)
    out = {"val": scorer.components_of(inputs["val"], cache(inputs["val"].smiles)),
           "folds": cross_fitted_components(scorer, kept, facts, folds),
           "test": scorer.components_of(inputs["test"], cache(inputs["test"].smiles))}
    for other, kept_smiles in foreign.items():
        if other != name:
            out[f"foreign/{other}"] = scorer.components_of(OODInputs(smiles=kept_smiles), cache(kept_smiles))
    return out


def collect(args) -> int:
    import mednn.ood.molecules as molecules

    WORK.mkdir(parents=True, exist_ok=True)
    out_dir = WORK / "acyclic_apart" if args.acyclic_apart else WORK
    out_dir.mkdir(exist_ok=True)
    in_dist, foreign_raw = sets(args.data)
    names = args.only.split(",") if args.only else list(in_dist)
    datasets = {n: read(in_dist[n], WORK, f"id_{n}") for n in names}
    if args.acyclic_apart:
        datasets = {n: acyclic_apart(d) for n, d in datasets.items()}
    foreign_read = {n: list(read(s, WORK, f"foreign_{n}").inputs) for n, s in foreign_raw.items()}
    everything = [s for d in datasets.values() for s in d.inputs] + [s for v in foreign_read.values() for s in v]
    cache = FactsCache(everything)
    molecules.MoleculeFacts = cache  # the scorer's folds read the cache (this process only)
    print(f"facts of {len(cache.index)} molecules: {cache.seconds:.0f} s", flush=True)
    for name in names:
        id_file = set(datasets[name].inputs)
        foreign = {o: [s for s in v if s not in id_file] for o, v in foreign_read.items()}
        for seed in args.seeds:
            t0 = time.perf_counter()
            raw = collect_one(name, datasets[name], seed, foreign, cache)
            np.savez_compressed(out_dir / f"raw_{name}_{seed}.npz", **raw)
            print(f"{name} seed {seed}: val {len(raw['val'])} folds {len(raw['folds'])} test {len(raw['test'])} "
                  f"({time.perf_counter() - t0:.0f} s, load {os.getloadavg()[0]:.1f})", flush=True)
    return 0


# --- analyse ----------------------------------------------------------------------------------------

def components() -> list[str]:
    from mednn.ood.molecules import COMPONENT_OF

    return [COMPONENT_OF[p] for p in CANDIDATES]


def floors() -> np.ndarray:
    from mednn.ood.molecules import FLOOR_OF

    return np.array([FLOOR_OF.get(c, 1e-9) for c in components()])


def scaled(raw: dict[str, np.ndarray], rule: str, fpr: float = 0.05) -> tuple[dict[str, np.ndarray], int]:
    """Every block's components scaled as ``OODScorer.fit`` scales them on the rule's calibration
    records; and how many calibration records there are."""
    cal = {"validation": raw["val"], "folds": raw["folds"],
           "validation+folds": np.vstack([raw["val"], raw["folds"]])}[rule]
    center = np.median(cal, axis=0)
    scale = np.maximum(np.quantile(cal, 1 - fpr, axis=0) - center, floors())
    return {k: (v - center) / scale for k, v in raw.items()}, len(cal)


def calibration_rows(runs: dict[tuple[str, int], dict], parts: tuple[str, ...], rules: list[str],
                     groups: dict[tuple[str, int], dict[str, list[str]]]) -> list[dict]:
    """Each rule's ID test and foreign flag rates. ``grouped ...`` rules threshold with the
    scaffold-set bootstrap (``grouped_threshold``, split size = validation's) instead of the
    per-molecule rank."""
    from mednn.ood.base import threshold_at
    from mednn.ood.molecule_calibration import grouped_threshold

    cols = [CANDIDATES.index(p) for p in parts]
    rows = []
    for (name, seed), raw in runs.items():
        for rule in rules:
            plain = rule.removeprefix("grouped ")
            z, _ = scaled(raw, plain)
            cal_key = {"validation": ["val"], "folds": ["folds"], "validation+folds": ["val", "folds"]}[plain]
            cal = np.concatenate([z[k][:, cols].sum(axis=1) for k in cal_key])
            if rule.startswith("grouped "):
                threshold = grouped_threshold(cal, [g for k in cal_key for g in groups[(name, seed)][k]],
                                              len(raw["val"]), 0.05, 0.9, seed=seed)
            else:
                threshold, _ = threshold_at(cal, 0.05, 0.9)
            test = z["test"][:, cols].sum(axis=1)
            foreign = {k.split("/")[1]: z[k][:, cols].sum(axis=1) for k in z if k.startswith("foreign/")}
            rows.append({"id": name, "seed": seed, "rule": rule, "n_val": len(raw["val"]), "n_folds": len(raw["folds"]),
                         "n_test": len(test), "test_flag_rate": float(np.mean(test > threshold)),
                         "val_flag_rate": float(np.mean(z["val"][:, cols].sum(axis=1) > threshold)),
                         "foreign_flag_rate": float(np.mean([np.mean(f > threshold) for f in foreign.values()])),
                         "auroc": {o: auroc(test, f) for o, f in foreign.items()},
                         "fpr_at_95_tpr": {o: fpr_at_95(test, f) for o, f in foreign.items()}})
    return rows


def choose_rule(rows: list[dict], held_out: str, max_share_over: float = 0.15) -> str:
    """On the other ID sets: the rule flagging most foreign molecules among those whose ID test flag
    rate exceeds 5% in at most ``max_share_over`` of the (set, seed) cases; else the fewest excesses."""
    others = [r for r in rows if r["id"] != held_out]
    if not others:
        return "-"
    rules = sorted({r["rule"] for r in others})
    over = {u: np.mean([r["test_flag_rate"] > 0.05 for r in others if r["rule"] == u]) for u in rules}
    foreign = {u: np.mean([r["foreign_flag_rate"] for r in others if r["rule"] == u]) for u in rules}
    ok = [u for u in rules if over[u] <= max_share_over]
    return max(ok, key=lambda u: foreign[u]) if ok else min(rules, key=lambda u: over[u])


def variant_aurocs(runs: dict, rule: str, max_size: int) -> dict[tuple[str, ...], dict[tuple[str, str, int], float]]:
    """AUROC per (ID, foreign, seed) of every sum of parts that keeps ``elements``."""
    others = [p for p in CANDIDATES if p != "elements"]
    variants = [tuple(sorted(("elements", *c), key=CANDIDATES.index))
                for n in range(0, max_size) for c in itertools.combinations(others, n)]
    out: dict[tuple[str, ...], dict] = {v: {} for v in variants}
    for (name, seed), raw in runs.items():
        z, _ = scaled(raw, rule)
        test = z["test"]
        for key in (k for k in z if k.startswith("foreign/")):
            both = np.vstack([test, z[key]])
            y = np.r_[np.zeros(len(test)), np.ones(len(z[key]))]
            for v in variants:
                s = both[:, [CANDIDATES.index(p) for p in v]].sum(axis=1)
                out[v][(name, key.split("/")[1], seed)] = auroc(s[y == 0], s[y == 1])
    return out


def rank_scores(raw: dict[str, np.ndarray], parts: tuple[str, ...], rule: str, fpr: float = 0.05
                ) -> dict[str, np.ndarray]:
    """The alternative combination: each component replaced by -log of its tail share among the
    calibration records ((1 + #cal >= x) / (n + 1)), continued linearly (in the usual scale) beyond
    the largest calibration value, then summed (Fisher-like)."""
    cal = {"validation": raw["val"], "folds": raw["folds"],
           "validation+folds": np.vstack([raw["val"], raw["folds"]])}[rule]
    out = {}
    for key, block in raw.items():
        total = np.zeros(len(block))
        for j in (CANDIDATES.index(p) for p in parts):
            ordered = np.sort(cal[:, j])
            scale = max(np.quantile(ordered, 1 - fpr) - np.median(ordered), floors()[j])
            above = len(ordered) - np.searchsorted(ordered, block[:, j], side="left")
            total += -np.log((1 + above) / (len(ordered) + 1)) + np.maximum(block[:, j] - ordered[-1], 0) / scale
        out[key] = total
    return out


def choose_variant(aurocs: dict, held_out: str) -> tuple[str, ...]:
    """Best mean AUROC rank over the pairs of the other ID sets (all seeds)."""
    pairs = sorted({p for v in aurocs.values() for p in v if p[0] != held_out})
    if not pairs:
        return next(iter(aurocs))
    table = np.array([[aurocs[v][p] for p in pairs] for v in aurocs])
    ranks = (-table).argsort(axis=0).argsort(axis=0).mean(axis=1)
    return list(aurocs)[int(ranks.argmin())]


def scaffold_groups(data: Path, runs: dict, apart: bool = False) -> dict[tuple[str, int], dict[str, list[str]]]:
    """The scaffold of each validation and fold molecule of every run, in ``collect``'s order."""
    from mednn.data.splits import split_indices
    from mednn.ood.molecule_calibration import scaffold_folds
    from mednn.ood.molecule_facts import MoleculeFacts

    in_dist, _ = sets(data)
    out = {}
    for name in sorted({n for n, _ in runs}):
        dataset = read(in_dist[name], WORK, f"id_{name}")
        if apart:
            dataset = acyclic_apart(dataset)
        smiles = list(dataset.inputs)
        scaffolds = MoleculeFacts(smiles, (), scaffolds=True).scaffolds
        for seed in sorted(s for n, s in runs if n == name):
            parts = split_indices(dataset, "scaffold", 0.15, 0.2, seed=seed)
            train = [scaffolds[i] for i in parts["train"]]
            folds = scaffold_folds(train, largest=len(parts["val"]) / 2, seed=seed)
            out[(name, seed)] = {"val": [scaffolds[i] for i in parts["val"]],
                                 "folds": [train[i] for f in folds for i in f]}
            assert len(out[(name, seed)]["folds"]) == len(runs[(name, seed)]["folds"])
    return out


def analyse(args) -> int:
    runs = {}
    for path in sorted((WORK / "acyclic_apart" if args.acyclic_apart else WORK).glob("raw_*.npz")):
        name, seed = path.stem[4:].rsplit("_", 1)
        with np.load(path) as f:
            runs[(name, int(seed))] = {k: f[k] for k in f.files}
    from mednn.ood.molecules import DEFAULT_PARTS

    rules = ["validation", "validation+folds", "grouped validation", "grouped validation+folds"]
    rows = calibration_rows(runs, DEFAULT_PARTS, rules, scaffold_groups(args.data, runs, args.acyclic_apart))
    ids = sorted({n for n, _ in runs})
    picks = {n: choose_rule(rows, n) for n in ids}
    table = []
    for n in ids:
        line = {"id": n, "rule chosen on the others": picks[n]}
        for u in rules:
            mine = sorted((r for r in rows if r["id"] == n and r["rule"] == u), key=lambda r: r["seed"])
            line[u] = " / ".join(f"{100 * r['test_flag_rate']:.1f}" for r in mine)
            line[f"{u} foreign"] = f"{100 * np.mean([r['foreign_flag_rate'] for r in mine]):.1f}"
        table.append(line)
    print_table(table, ["id", "rule chosen on the others", *[c for u in rules for c in (u, f"{u} foreign")]])
    aurocs = variant_aurocs(runs, args.variant_rule, args.max_size)
    default = tuple(sorted(DEFAULT_PARTS, key=CANDIDATES.index))
    picked = {n: choose_variant(aurocs, n) for n in ids}
    var_rows = []
    for n in ids:
        mine = lambda v: [a for p, a in aurocs[v].items() if p[0] == n]  # noqa: E731
        best = max(aurocs, key=lambda v: np.mean(mine(v)))
        var_rows.append({"id": n, "default": round(float(np.mean(mine(default))), 3), "pick": "+".join(picked[n]),
                         "pick auroc": round(float(np.mean(mine(picked[n]))), 3),
                         "pick >= 0.95": f"{sum(a >= 0.95 for a in mine(picked[n]))}/{len(mine(default))}",
                         "best for this set (not a choice)": round(float(np.mean(mine(best))), 3)})
    print_table(var_rows, list(var_rows[0]))
    combination = []
    for n in ids:
        for v, label in ((default, "default"), (picked[n], "pick")):
            plain, ranked = [], []
            for (name, seed), raw in runs.items():
                if name != n:
                    continue
                r = rank_scores(raw, v, args.variant_rule)
                ranked += [auroc(r["test"], r[k]) for k in r if k.startswith("foreign/")]
                plain += [a for p, a in aurocs[v].items() if p[0] == n and p[2] == seed]
            combination.append({"id": n, "parts": label, "sum of scaled": round(float(np.mean(plain)), 3),
                                "sum of -log tail share": round(float(np.mean(ranked)), 3)})
    print_table(combination, list(combination[0]))
    overall = {"+".join(v): round(float(np.mean(list(a.values()))), 4) for v, a in aurocs.items()}
    write_json(args.out, {"machine": {**machine(), "load_average": os.getloadavg()}, "rules": rows,
                          "rule_picks": picks, "variant_rule": args.variant_rule, "variant_picks": {
                              n: "+".join(v) for n, v in picked.items()}, "variant_rows": var_rows,
                          "combination": combination,
                          "variant_mean_auroc": dict(sorted(overall.items(), key=lambda kv: -kv[1])[:30]),
                          "default_pairs": {f"{p[0]} vs {p[1]} seed {p[2]}": a for p, a in aurocs[default].items()},
                          "picked_pairs": {n: {f"{p[1]} seed {p[2]}": a for p, a in aurocs[picked[n]].items()
                                               if p[0] == n} for n in ids}})
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["collect", "analyse"])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--seeds", type=lambda s: [int(x) for x in s.split(",")], default=[0, 1, 2])
    parser.add_argument("--only", default=None, help="comma-separated ID sets")
    parser.add_argument("--variant-rule", default="validation+folds",
                        help="the calibration the variants are scored with")
    parser.add_argument("--max-size", type=int, default=5, help="most parts in one variant (elements included)")
    parser.add_argument("--acyclic-apart", action="store_true",
                        help="what if: each acyclic molecule its own scaffold group in the split")
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    return collect(args) if args.step == "collect" else analyse(args)


if __name__ == "__main__":
    raise SystemExit(main())
