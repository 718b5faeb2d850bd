"""The tagger's decision rule, leave one writer out: for each left-out writer k and each named
model trained without it, rules ∪ tagger at one threshold (the grid of ``deid_tagger.py``) and at
one threshold per type, each type's chosen on the OTHER left-out writers (nested), scored on k's
dev set against the rules alone.

    python benchmarks/deid_tagger_decision.py --left-out 10,11,12 \\
        --models "base=/tmp/tagger12/cut/tagger-before-w{k}.safetensors" --json /tmp/tagger12/decision.json

Per-type thresholds are chosen one type at a time: the gain (recall gain - PPV loss) of adding only
that type's tagged tokens at each threshold, summed over the other writers; "off" (the type never
tagged, gain 0) is a choice too. The rules' candidates and the network's probabilities are computed
once per note; a note whose added spans are empty keeps the rules' resolution (nothing to redo).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import deid_corpus  # noqa: E402  (sibling benchmark scripts)
from deid_tagger import DEV_SETS, THRESHOLDS, _models, _rules_and_taggers, _summary  # noqa: E402

GRID = THRESHOLDS + (0.9999,)
OFF = "off"


def _added(deid, text, offsets, probabilities, threshold):
    from mednn.privacy.deid.recognizers.tagger import allowed
    from mednn.privacy.deid.tagger.model import spans_at

    return allowed(spans_at(offsets, probabilities, text, threshold), text, deid.lexicon_)


def _resolved(deid, rows, rules, probabilities, threshold) -> list:
    """Rules ∪ tagger at ``threshold`` (a number or one per type) for every note; notes to which
    the tagger adds nothing keep the rules' spans."""
    out = []
    for (text, candidates, _), alone, (offsets, probs) in zip(rows, rules, probabilities):
        added = _added(deid, text, offsets, probs, threshold)
        out.append(alone if not added else [tuple(s) for s in deid.resolve_candidates(text, candidates + added)])
    return out


def gain(result: dict, rules: dict) -> float:
    return (result["recall"] - rules["recall"]) - (rules["ppv"] - result["ppv"])


def writer_tables(k: int, weights: dict[str, str]) -> dict:
    """Rules alone, and per model: the union at every single threshold and each type alone at
    every threshold (for the nested choice), with the rules' resolution reused."""
    docs = deid_corpus.read_corpus(Path(DEV_SETS[k]), None)
    deid, rows, probabilities, cpu = _rules_and_taggers([d[1] for d in docs], weights)
    start = time.process_time()
    rules = [[tuple(s) for s in deid.resolve_candidates(text, candidates)] for text, candidates, _ in rows]
    rules_score = deid_corpus.score(docs, rules)
    out = {"notes": len(docs), "cpu_seconds": cpu, "rules": {**_summary(rules_score), "per_type": rules_score["per_type"]},
           "models": {}}
    for name in weights:
        single = {str(t): _summary(deid_corpus.score(docs, _resolved(deid, rows, rules, probabilities[name], t)))
                  for t in GRID}
        per_type = {}
        from mednn.privacy.deid.tagger.features import TAG_TYPES

        for kind in TAG_TYPES:
            per_type[kind] = {str(t): _summary(deid_corpus.score(
                docs, _resolved(deid, rows, rules, probabilities[name], {kind: t}))) for t in GRID}
        out["models"][name] = {"single": single, "per_type": per_type}
    out["cpu_seconds"]["unions"] = time.process_time() - start
    out["_state"] = (docs, deid, rows, rules, probabilities)  # for the nested evaluation, dropped before JSON
    return out


def nested_choices(tables: dict[int, dict], name: str) -> dict[int, dict]:
    """For each left-out writer: the single threshold and the per-type thresholds the others pick."""
    choices = {}
    for k in tables:
        others = [o for o in tables if o != k and name in tables[o]["models"]]

        def summed(pick):
            return sum(gain(pick(tables[o]["models"][name]), tables[o]["rules"]) for o in others)

        single = max(map(str, GRID), key=lambda t: summed(lambda m: m["single"][t]))
        per_type = {}
        for kind in tables[k]["models"][name]["per_type"]:
            best = max(map(str, GRID), key=lambda t: summed(lambda m: m["per_type"][kind][t]))
            if summed(lambda m: m["per_type"][kind][best]) > 0:  # else the type stays off
                per_type[kind] = float(best)
        choices[k] = {"single": single, "per_type": per_type}
    return choices


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--left-out", default="10,11,12")
    parser.add_argument("--models", required=True, help="name=weights pattern,... ({k}: the left-out writer)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    left_out = [int(k) for k in args.left_out.split(",") if k]
    results = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load_before": os.getloadavg(),
               "models": args.models, "writers": {}}
    tables = {}
    for k in left_out:
        tables[k] = writer_tables(k, _models(args.models, k))
        print(f"w{k}: rules {tables[k]['rules']['recall']:.4f} / {tables[k]['rules']['ppv']:.4f} "
              f"({tables[k]['cpu_seconds']})", flush=True)
    names = sorted({n for t in tables.values() for n in t["models"]})
    results["nested"] = {}
    for name in names:
        choices = nested_choices(tables, name)
        for k, choice in choices.items():
            docs, deid, rows, rules, probabilities = tables[k]["_state"]
            per_type = _summary(deid_corpus.score(docs, _resolved(deid, rows, rules, probabilities[name],
                                                                  choice["per_type"])))
            single = tables[k]["models"][name]["single"][choice["single"]]
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
