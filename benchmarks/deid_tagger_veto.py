"""The neural tagger as a second opinion on the rules' own spans, leave one writer out: a rule's
NAME / LOCATION span is dropped when the tagger (trained without the scored writer) gives every token
of it a PHI probability under a veto level; scored on the left-out writer's dev set for every level,
with every span open to the veto or only those no recognizer but the cue-less allow-list proposed.

    python benchmarks/deid_tagger_veto.py --left-out 10,11 \
        --models "/tmp/tagger11/cut/tagger-before-w{k}.safetensors" --json veto.json
    python benchmarks/deid_tagger_veto.py --models src/mednn/privacy/deid/tagger/tagger-en.safetensors \
        --phi-free 0.1 --json veto_phi_free.json

``{k}`` is the left-out writer; the veto level of each writer is the one the other left-out writers
pick (highest summed PPV gain minus 3 x recall loss against the rules alone).
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
import deid_corpus  # noqa: E402
from deid_tagger import DEV_SETS, PHI_FREE, _groups  # noqa: E402

LEVELS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5)
SCOPES = ("all", "cue-less")


def _summary(result: dict) -> dict:
    return {"recall": result["safe_harbor"]["recall_overlap"], "ppv": result["ppv_overlap"],
            "groups": _groups(result), "n_predicted": result["n_predicted"], "exact": result["exact"]}


def sweep(corpus: str, weights: str, levels=LEVELS, thresholds=(0.99, 0.995, 0.999)) -> dict:
    from mednn.privacy.deid import Deidentifier
    from mednn.privacy.deid.recognizers.tagger import allowed
    from mednn.privacy.deid.tagger.model import TokenTagger, spans_at
    from mednn.privacy.deid.tagger.second_opinion import vetoed

    docs = deid_corpus.read_corpus(Path(corpus), None)
    deid = Deidentifier().fit()
    tagger = TokenTagger.load(weights)
    start = time.process_time()
    rows = [(text, {r.name: list(r.find(text, deid.lexicon_)) for r in deid.recognizers_}) for _, text, _ in docs]
    cpu = {"rules": time.process_time() - start}
    start = time.process_time()
    probabilities = [tagger.probabilities(text) for text, _ in rows]
    cpu["tagger"] = time.process_time() - start

    def run(level, scope, threshold=None):
        out = []
        for (text, by_rule), (offsets, probs) in zip(rows, probabilities):
            candidates = vetoed(by_rule, offsets, probs, level, scope) if level is not None else \
                [s for spans in by_rule.values() for s in spans]
            if threshold is not None:
                candidates += allowed(spans_at(offsets, probs, text, threshold), text, deid.lexicon_)
            out.append([tuple(s) for s in deid.resolve_candidates(text, candidates)])
        return _summary(deid_corpus.score(docs, out))

    result = {"notes": len(docs), "weights": weights, "cpu_seconds": cpu, "rules": run(None, None)}
    for scope in SCOPES:
        result[scope] = {str(level): run(level, scope) for level in levels}
    # the filter and the union together, at the shipped threshold's neighbours
    result["union"] = {str(t): run(None, None, t) for t in thresholds}
    result["cue-less+union"] = {f"{level}@{t}": run(level, "cue-less", t) for level in (0.01, 0.1) if level in levels
                                for t in thresholds}
    return result


def phi_free(weights: str, level: float, scope: str = "cue-less") -> dict:
    """Removals per 1,000 words of PHI-free text (all false) by the rules alone and with the veto."""
    import pandas as pd

    from mednn.privacy.deid import Deidentifier
    from mednn.privacy.deid.tagger.second_opinion import SecondOpinion

    deid = Deidentifier().fit()
    opinion = SecondOpinion(weights, level, scope)
    out = {}
    for path, column, odd in PHI_FREE:
        texts = pd.read_csv(path, dtype=str, keep_default_na=False)[column].tolist()
        texts = texts[1::2] if odd else texts
        words = sum(len(t.split()) for t in texts)
        rules = vetoed_n = 0
        start = time.process_time()
        for text in texts:
            by_rule = {r.name: list(r.find(text, deid.lexicon_)) for r in deid.recognizers_}
            rules += len(deid.resolve_candidates(text, [s for spans in by_rule.values() for s in spans]))
            vetoed_n += len(deid.resolve_candidates(text, opinion(text, by_rule)))
        out[f"{Path(path).stem} ({column}{', odd rows' if odd else ''})"] = {
            "words": words, "texts": len(texts), "rules": 1000 * rules / words, "rules+veto": 1000 * vetoed_n / words,
            "cpu_seconds": time.process_time() - start}
        print(out, flush=True)
    return out


def nested(dev: dict, scope: str) -> dict:
    """Per left-out writer the level the other writers pick: PPV gain - 3 x recall loss."""
    def gain(run, level):
        r, rules = run[scope][level], run["rules"]
        return (r["ppv"] - rules["ppv"]) - 3 * (rules["recall"] - r["recall"])

    levels = next(iter(dev.values()))[scope]
    return {k: max(levels, key=lambda lv: sum(gain(run, lv) for o, run in dev.items() if o != k))
            for k in dev}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--left-out", default="10,11")
    parser.add_argument("--models", required=True, help="weights pattern, {k}: the left-out writer")
    parser.add_argument("--phi-free", type=float, default=None, metavar="LEVEL",
                        help="instead: PHI-free removals of the rules with and without the veto at LEVEL")
    parser.add_argument("--levels", default=",".join(map(str, LEVELS)), help="veto levels to score")
    parser.add_argument("--thresholds", default="0.99,0.995,0.999", help="union thresholds to score")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    levels = tuple(float(v) for v in args.levels.split(",") if v)
    thresholds = tuple(float(v) for v in args.thresholds.split(",") if v)
    results = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load_before": os.getloadavg(), "dev": {}}
    if args.phi_free is not None:
        results["phi_free"] = phi_free(args.models, args.phi_free)
        args.left_out = ""
    for k in [int(k) for k in args.left_out.split(",") if k]:
        results["dev"][str(k)] = run = sweep(DEV_SETS[k], args.models.format(k=k), levels, thresholds)
        print(f"w{k} rules: recall {run['rules']['recall']:.4f} PPV {run['rules']['ppv']:.4f}", flush=True)
        for scope in SCOPES:
            for level, r in run[scope].items():
                print(f"w{k} {scope:>9} veto < {level}: recall {r['recall']:.4f} PPV {r['ppv']:.4f}", flush=True)
        for key, r in {**run["union"], **run["cue-less+union"]}.items():
            print(f"w{k} union {key}: recall {r['recall']:.4f} PPV {r['ppv']:.4f}", flush=True)
    if results["dev"]:
        results["nested_levels"] = {scope: nested(results["dev"], scope) for scope in SCOPES}
        print("levels chosen on the other writers:", results["nested_levels"])
    results["load_after"] = os.getloadavg()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
