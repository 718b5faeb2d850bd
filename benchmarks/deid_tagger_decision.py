"""The tagger's decision rule, leave one writer out: for each left-out writer k and each named
model trained without it, rules ∪ tagger at one threshold (the grid of ``deid_tagger.py``) and at
one threshold per type, each type's chosen on the OTHER left-out writers (nested), scored on k's
dev set against the rules alone.

    python benchmarks/deid_tagger_decision.py --left-out 10,11,12 \\
        --models "base=/tmp/tagger12/cut/tagger-before-w{k}.safetensors" --json /tmp/tagger12/decision.json

Per-type thresholds are chosen one type at a time: the gain (recall gain - PPV loss) of adding only
that type's tagged tokens at each threshold, summed over the other writers; "off" (the type never
tagged, gain 0) is a choice too. The rules' candidates and the network's probabilities are computed
once per note; a union is rescored only on the notes to which the tagger adds a span.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import deid_corpus  # noqa: E402  (sibling benchmark scripts)
from deid_tagger import DEV_SETS, THRESHOLDS, _models, _rules_and_taggers, _summary  # noqa: E402
from mednn.privacy.deid.tagger.features import TAG_TYPES  # noqa: E402

GRID = THRESHOLDS + (0.9999,)
OFF = "off"


def _added(deid, text, offsets, probabilities, threshold):
    from mednn.privacy.deid.recognizers.tagger import allowed
    from mednn.privacy.deid.tagger.model import spans_at

    return allowed(spans_at(offsets, probabilities, text, threshold), text, deid.lexicon_)


def note_counts(gold, predicted) -> np.ndarray:
    """Safe Harbor gold spans found, spans predicted, predicted spans overlapping any gold span:
    summed over notes they give ``deid_corpus.score``'s recall and PPV (by overlap)."""
    found = sum(any(ps < ge and gs < pe for ps, pe, _ in predicted)
                for gs, ge, gt in gold if deid_corpus.mapped(gt) is not None)
    hit = sum(any(ps < ge and gs < pe for gs, ge, _ in gold) for ps, pe, _ in predicted)
    return np.array([found, len(predicted), hit])


class Writer:
    """One left-out writer's dev set with the rules' candidates and resolution computed once; a
    union is rescored only on the notes to which the tagger adds a span."""

    def __init__(self, k: int, weights: dict[str, str]):
        self.docs = deid_corpus.read_corpus(Path(DEV_SETS[k]), None)
        self.deid, self.rows, self.probabilities, self.cpu = _rules_and_taggers([d[1] for d in self.docs], weights)
        self.rules = [[tuple(s) for s in self.deid.resolve_candidates(text, candidates)]
                      for text, candidates, _ in self.rows]
        self.counts = [note_counts(gold, spans) for (_, _, gold), spans in zip(self.docs, self.rules)]
        self.total = np.sum(self.counts, axis=0)
        self.n_gold = sum(deid_corpus.mapped(gt) is not None for _, _, gold in self.docs for *_, gt in gold)
        # per model and note: each token's PHI probability and most probable type (a cheap test of
        # whether a threshold adds anything to the note at all)
        self.phi = {name: [(1 - p[:, 0], (p[:, 1:].argmax(-1) // 2) if len(p) else p[:, 0]) for _, p in probs]
                    for name, probs in self.probabilities.items()}

    def union(self, name: str, threshold) -> list:
        """Rules ∪ tagger ``name`` at ``threshold`` (a number or one per type), every note."""
        return [self._one(name, i, threshold)[0] for i in range(len(self.docs))]

    def _one(self, name: str, i: int, threshold):
        phi, kind = self.phi[name][i]
        if isinstance(threshold, dict):
            reach = any(((kind == TAG_TYPES.index(t)) & (phi >= v)).any() for t, v in threshold.items())
        else:
            reach = bool((phi >= threshold).any())
        text, candidates, _ = self.rows[i]
        added = _added(self.deid, text, *self.probabilities[name][i], threshold) if reach else []
        if not added:
            return self.rules[i], False
        return [tuple(s) for s in self.deid.resolve_candidates(text, candidates + added)], True

    def quick(self, name: str, threshold) -> dict:
        """Recall and PPV (overlap) of the union, rescoring only the notes it changes."""
        total = self.total.copy()
        for i in range(len(self.docs)):
            spans, changed = self._one(name, i, threshold)
            if changed:
                total += note_counts(self.docs[i][2], spans) - self.counts[i]
        return {"recall": total[0] / max(self.n_gold, 1), "ppv": total[2] / max(total[1], 1)}

    def full(self, predictions) -> dict:
        return _summary(deid_corpus.score(self.docs, predictions))


def gain(result: dict, rules: dict) -> float:
    return (result["recall"] - rules["recall"]) - (rules["ppv"] - result["ppv"])


def writer_tables(k: int, weights: dict[str, str], per_type_too: bool = True, grid=GRID, types=TAG_TYPES) -> dict:
    """Rules alone, and per model: the union at every single threshold and each type alone at
    every threshold (for the nested choice)."""
    writer = Writer(k, weights)
    start = time.process_time()
    rules_score = deid_corpus.score(writer.docs, writer.rules)
    out = {"notes": len(writer.docs), "cpu_seconds": writer.cpu,
           "rules": {**_summary(rules_score), "per_type": rules_score["per_type"]}, "models": {}}
    for name in weights:
        single = {str(t): writer.quick(name, t) for t in grid}
        per_type = {kind: {str(t): writer.quick(name, {kind: t}) for t in grid} for kind in types} \
            if per_type_too else {}
        for t, r in single.items():
            print(f"w{k} {name} @{t}: {r['recall']:.4f} / {r['ppv']:.4f} gain {gain(r, out['rules']):+.4f}", flush=True)
        out["models"][name] = {"single": single, "per_type": per_type}
    out["cpu_seconds"]["unions"] = time.process_time() - start
    out["_state"] = writer  # for the nested evaluation, dropped before JSON
    return out


def nested_choices(tables: dict[int, dict], name: str) -> dict[int, dict]:
    """For each left-out writer: the single threshold and the per-type thresholds the others pick."""
    choices = {}
    for k in tables:
        others = [o for o in tables if o != k and name in tables[o]["models"]]

        def summed(pick):
            return sum(gain(pick(tables[o]["models"][name]), tables[o]["rules"]) for o in others)

        grid = list(tables[k]["models"][name]["single"])
        single = max(grid, key=lambda t: summed(lambda m: m["single"][t]))
        per_type = {}
        for kind in tables[k]["models"][name]["per_type"]:
            best = max(grid, key=lambda t: summed(lambda m: m["per_type"][kind][t]))
            if summed(lambda m: m["per_type"][kind][best]) > 0:  # else the type stays off
                per_type[kind] = float(best)
        choices[k] = {"single": single, "per_type": per_type}
    return choices


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--left-out", default="10,11,12")
    parser.add_argument("--models", required=True, help="name=weights pattern,... ({k}: the left-out writer)")
    parser.add_argument("--single-only", action="store_true",
                        help="one threshold for every type only (the per-type grid is 15 x 10 unions per writer)")
    parser.add_argument("--grid", default=",".join(map(str, GRID)), help="thresholds tried (one and per type)")
    parser.add_argument("--types", default=",".join(TAG_TYPES), help="types given their own threshold (others off)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    left_out = [int(k) for k in args.left_out.split(",") if k]
    results = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load_before": os.getloadavg(),
               "models": args.models, "writers": {}}
    tables = {}
    for k in left_out:
        tables[k] = writer_tables(k, _models(args.models, k), not args.single_only,
                                  tuple(float(t) for t in args.grid.split(",")), tuple(args.types.split(",")))
        print(f"w{k}: rules {tables[k]['rules']['recall']:.4f} / {tables[k]['rules']['ppv']:.4f} "
              f"({tables[k]['cpu_seconds']})", flush=True)
    names = sorted({n for t in tables.values() for n in t["models"]})
    results["nested"] = {}
    for name in names:
        choices = nested_choices(tables, name) if len(tables) > 1 else {}
        for k, choice in choices.items():
            writer = tables[k]["_state"]
            per_type = writer.full(writer.union(name, choice["per_type"] if not args.single_only else 2.0))
            single = writer.full(writer.union(name, float(choice["single"])))
            r = tables[k]["rules"]
            results["nested"].setdefault(name, {})[k] = {**choice, "at_single": single, "at_per_type": per_type,
                                                          "gain_single": gain(single, r), "gain_per_type": gain(per_type, r)}
            print(f"w{k} {name:>10}: rules {r['recall']:.4f} / {r['ppv']:.4f} | single @{choice['single']} "
                  f"{single['recall']:.4f} / {single['ppv']:.4f} ({gain(single, r):+.4f}) | per type "
                  f"{per_type['recall']:.4f} / {per_type['ppv']:.4f} ({gain(per_type, r):+.4f}) {choice['per_type']}",
                  flush=True)
    for k, table in tables.items():
        table.pop("_state")
        results["writers"][k] = table
    results["load_after"] = os.getloadavg()
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
