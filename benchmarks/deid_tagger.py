"""The neural de-identification tagger, leave one writer out: generate surrogate-filled notes
with the thirteen English writers (new seeds, never the dev files scored), train the tagger on all writers
but one (or, ``growth``, on the writers before it), and score the left-out writer's dev set with the
rules alone and rules + tagger; also removals per 1,000 words in PHI-free text, as written and in capitals.

    python benchmarks/deid_tagger.py generate --out /tmp/tagger11/cut --share 0.4  # thirteen writers, seeds 9100-9112
    python benchmarks/deid_tagger.py lowo --notes /tmp/tagger11 --left-out 8    # trains tagger-without-w8
    python benchmarks/deid_tagger.py growth --notes /tmp/tagger11 --left-out 10,11  # tagger-before-w{10,11}
    python benchmarks/deid_tagger.py compare --notes /tmp/tagger11 --left-out 10,11 \
        --models "tagger=/tmp/tagger11/tagger-before-w{k}.safetensors" --phi-free --json out.json
    python benchmarks/deid_tagger.py ship --notes /tmp/tagger11 --threshold T  # all thirteen -> the shipped weights

Writers: 0 deid_make_notes.py, 1 deid_make_frozen.py, 2-12 deid_make_frozen2.py ... deid_make_frozen12.py
(each scored on its own dev set, writer 0 on none). Writers 13 and 14 are held out and never used here.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import deid_corpus  # noqa: E402  (a sibling benchmark script)

GENERATORS = {0: ("deid_make_notes.py", 70), 1: ("deid_make_frozen.py", 120), 2: ("deid_make_frozen2.py", 90),
              3: ("deid_make_frozen3.py", 36), 4: ("deid_make_frozen4.py", 25), 5: ("deid_make_frozen5.py", 14),
              6: ("deid_make_frozen6.py", 15), 7: ("deid_make_frozen7.py", 11), 8: ("deid_make_frozen8.py", 11),
              9: ("deid_make_frozen9.py", 14), 10: ("deid_make_frozen10.py", 14),
              11: ("deid_make_frozen11.py", 14), 12: ("deid_make_frozen12.py", 13)}  # per-style: ~500 notes each
# writers 13 and 14 (deid_make_frozen13.py, deid_make_frozen14.py) are held out: never generated from,
# trained on or scored here
# each writer's scored dev set (writer 0 has none); the generation seeds (9100 + writer) are never theirs
DEV_SETS = {1: "/tmp/deid_frozen1/frozen", 2: "/tmp/frozen2_A", 3: "/tmp/deid_frozen3",
            **{k: f"/tmp/deid_frozen{k}" for k in range(4, 13)}}
PHI_FREE = [("/work/shared/data/medical_abstracts/medical_tc_test.csv", "medical_abstract", True),
            ("/work/shared/data/mts_dialog/MTS-Dialog-TestSet-2-MEDIQA-Sum-2023.csv", "dialogue", False)]
GROUPS = {"names": ("PATIENT", "CLINICIAN", "RELATIVE"), "hospitals": ("HOSPITAL",), "towns": ("LOCATION",)}


def generate(out: Path, seed: int, share: float = 1.0) -> None:
    """Each writer's training notes; ``share`` < 1 writes fewer notes of every style (a training on a
    shared 2-core machine that would take over 25 minutes cuts notes per writer, never writers)."""
    for writer, (script, per_style) in GENERATORS.items():
        target = out / f"w{writer}"
        if target.exists():
            print(f"{target} exists, kept")
            continue
        per_style = max(1, round(per_style * share))
        subprocess.run([sys.executable, str(HERE / script), "--out", str(target), "--per-style", str(per_style),
                        "--seed", str(seed + writer)], check=True, stdout=subprocess.DEVNULL)
        print(f"wrote {target}")


def train(notes: Path, writers: list[int], out: Path, seed: int, options: tuple[str, ...] = ()) -> float:
    from mednn.privacy.deid.tagger.train import main as train_main

    start = time.process_time()
    train_main([str(notes / f"w{w}") for w in writers] + ["--out", str(out), "--seed", str(seed),
                                                          "--writers", ",".join(map(str, writers)), *options])
    return time.process_time() - start


def _groups(result: dict) -> dict:
    per = result["per_type"]
    out = {}
    for name, types in GROUPS.items():
        n = sum(per[t]["n"] for t in types if t in per)
        out[name] = sum(per[t]["recall_overlap"] * per[t]["n"] for t in types if t in per) / max(n, 1)
    ids = [t for t in per if t.startswith("ID_") or t in ("SSN", "VEHICLE", "BIOMETRIC")]
    n = sum(per[t]["n"] for t in ids)
    out["ids"] = sum(per[t]["recall_overlap"] * per[t]["n"] for t in ids) / max(n, 1)
    return out


def score(corpus: str, tagger: str | None, errors: Path | None = None) -> dict:
    args = [corpus, "--jobs", "1"] + (["--tagger", tagger] if tagger else []) + (["--errors", str(errors)] if errors else [])
    deid_corpus._DEID = None  # deid_corpus keeps one de-identifier per process: build it with these options
    result = deid_corpus.main(args)
    return {"recall": result["safe_harbor"]["recall_overlap"], "ppv": result["ppv_overlap"],
            "ppv_safe_harbor_gold": result["ppv_overlap_safe_harbor_gold"], "groups": _groups(result),
            "cpu_seconds": result["cpu_seconds"], "notes": result["n_notes"], "exact": result["exact"]}


def phi_free(tagger: str | None) -> dict:
    out = {}
    for path, column, odd in PHI_FREE:
        for case, source in (("as written", path), ("capitals", _upper_copy(path, column))):
            args = [source, "--unannotated", column, "--jobs", "1"] + (["--odd-rows"] if odd else [])
            deid_corpus._DEID = None
            result = deid_corpus.main(args + (["--tagger", tagger] if tagger else []))
            out[f"{Path(path).stem} {case}"] = {"per_1000_words": result["per_1000_words"], "words": result["words"],
                                                "by_type": result["by_type"], "seconds": result["seconds"]}
    return out


def _upper_copy(path: str, column: str) -> str:
    import pandas as pd

    target = Path(os.environ.get("TMPDIR", "/tmp")) / f"upper_{Path(path).name}"
    if not target.exists():
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame[column] = frame[column].str.upper()
        frame.to_csv(target, index=False)
    return str(target)


def lowo(notes: Path, work: Path, seed: int, left_out: list[int], options: tuple[str, ...] = (),
         growth: bool = False) -> dict:
    """Train without writer k and score k's dev set; with ``growth`` train on the writers before k
    only (writers 0..k-1: the tagger as it stood when writer k was new)."""
    results = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "seed": seed, "options": options, "runs": {}}
    for k in left_out:
        weights = work / f"tagger-{'before' if growth else 'without'}-w{k}.safetensors"
        writers = [w for w in GENERATORS if (w < k if growth else w != k)]
        cpu = train(notes, writers, weights, seed, options) if not weights.exists() else None
        run = {"train_cpu_seconds": cpu, "trained_on": writers, "dev_set": DEV_SETS[k], "load_before": os.getloadavg()}
        run["rules"] = score(DEV_SETS[k], None)
        run["rules+tagger"] = score(DEV_SETS[k], str(weights), errors=work / f"errors-w{k}.txt")
        results["runs"][f"writer {k} left out"] = run
    return results


SHIPPED_THRESHOLD = 0.9999  # the thirteen-writer file: best summed gain on left-out writers 10, 11 and 12
# (docs/benchmarks.md "Neural token tagger"); the eleven-writer file had 0.995, the twelve-writer 0.999
THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999)


def _rules_and_taggers(texts: list[str], weights: dict[str, str]):
    """Per text: the rules' raw candidates (computed once), and per named
    weights file the tagger's token probabilities, so every threshold of every model is scored
    without running the rules or a network again."""
    from mednn.privacy.deid import Deidentifier
    from mednn.privacy.deid.tagger.model import TokenTagger

    deid = Deidentifier().fit()
    rows, start = [], time.process_time()
    for text in texts:
        candidates = [span for r in deid.recognizers_ for span in r.find(text, deid.lexicon_)]
        rows.append((text, candidates, None))
    cpu = {"rules": time.process_time() - start}
    probabilities = {}
    for name, path in weights.items():
        tagger, start = TokenTagger.load(path), time.process_time()
        probabilities[name] = [tagger.probabilities(text) for text in texts]
        cpu[name] = time.process_time() - start
    return deid, rows, probabilities, cpu


def _union(deid, rows, probabilities, threshold: float | None) -> list[list[tuple[int, int, str]]]:
    from mednn.privacy.deid.recognizers.tagger import allowed
    from mednn.privacy.deid.tagger.model import spans_at

    def tagged(text, offsets, probs):
        return [] if threshold is None else allowed(spans_at(offsets, probs, text, threshold), text, deid.lexicon_)

    # the tagger's spans join the rules' raw candidates as the tagger recognizer's would, and the
    # engine's own last steps (joins, neighbours, overlap resolution) run on them: Deidentifier.find
    probabilities = probabilities or [None] * len(rows)
    return [[tuple(s) for s in deid.resolve_candidates(text, candidates + (tagged(text, *probs) if probs else []))]
            for (text, candidates, _), probs in zip(rows, probabilities)]


def _summary(result: dict) -> dict:
    return {"recall": result["safe_harbor"]["recall_overlap"], "ppv": result["ppv_overlap"],
            "ppv_safe_harbor_gold": result["ppv_overlap_safe_harbor_gold"], "groups": _groups(result),
            "exact": result["exact"], "n_predicted": result["n_predicted"]}


def sweep(corpus: str, weights: dict[str, str]) -> dict:
    """Rules alone, and rules + each named tagger at every threshold, on an annotated dev set."""
    docs = deid_corpus.read_corpus(Path(corpus), None)
    deid, rows, probabilities, cpu = _rules_and_taggers([d[1] for d in docs], weights)
    rules = _union(deid, rows, None, None)
    out = {"notes": len(docs), "cpu_seconds": cpu, "rules": _summary(deid_corpus.score(docs, rules))}
    for name in weights:
        out[name] = {str(t): _summary(deid_corpus.score(docs, _union(deid, rows, probabilities[name], t)))
                     for t in THRESHOLDS}
        # the network alone (after the allow-list veto): how much of a writer it never saw it reads
        # by itself, a measure the rules' own recall does not saturate
        out[name]["alone"] = {str(t): _summary(deid_corpus.score(docs, _alone(deid, rows, probabilities[name], t)))
                              for t in (0.5, 0.99)}
        out[name]["on_rules_misses"] = {str(t): on_misses(docs, rules, _alone(deid, rows, probabilities[name], t))
                                        for t in THRESHOLDS}
    return out


def on_misses(docs, rules, tagged) -> dict:
    """The tagger's own recall on the Safe Harbor gold spans the rules miss (no rule span overlaps
    them): what it could add, before overlap resolution."""
    missed = found = 0
    for (_, _, gold), by_rules, by_tagger in zip(docs, rules, tagged):
        for start, end, kind in gold:
            if deid_corpus.mapped(kind) is None or any(s < end and start < e for s, e, _ in by_rules):
                continue
            missed += 1
            found += any(s < end and start < e for s, e, _ in by_tagger)
    return {"missed_by_rules": missed, "found": found, "recall": found / max(missed, 1)}


def _alone(deid, rows, probabilities, threshold: float) -> list[list[tuple[int, int, str]]]:
    from mednn.privacy.deid.recognizers.tagger import allowed
    from mednn.privacy.deid.tagger.model import spans_at

    return [allowed(spans_at(offsets, probs, text, threshold), text, deid.lexicon_)
            for (text, _, _), (offsets, probs) in zip(rows, probabilities)]


def sweep_phi_free(weights: dict[str, str]) -> dict:
    """Removals per 1,000 words of PHI-free text (all false) by the rules alone and by rules + each
    named tagger at every threshold, as written and in capitals."""
    import pandas as pd

    out = {}
    for path, column, odd in PHI_FREE:
        for case, source in (("as written", path), ("capitals", _upper_copy(path, column))):
            texts = pd.read_csv(source, dtype=str, keep_default_na=False)[column].tolist()
            texts = texts[1::2] if odd else texts
            words = sum(len(t.split()) for t in texts)
            deid, rows, probabilities, cpu = _rules_and_taggers(texts, weights)
            rate = {"rules": 1000 * sum(map(len, _union(deid, rows, None, None))) / words}
            for name in weights:
                rate[name] = {str(t): 1000 * sum(map(len, _union(deid, rows, probabilities[name], t))) / words
                              for t in THRESHOLDS}
            out[f"{Path(path).stem} ({column}{', odd rows' if odd else ''}) {case}"] = {
                "words": words, "texts": len(texts), "per_1000_words": rate, "cpu_seconds": cpu}
    return out


def _models(spec: str, k: int) -> dict[str, str]:
    """``name=pattern,...`` with ``{k}`` the left-out writer -> the files that exist."""
    pairs = [item.split("=", 1) for item in spec.split(",") if item]
    return {name: pattern.format(k=k) for name, pattern in pairs if Path(pattern.format(k=k)).is_file()}


def nested_thresholds(dev: dict, name: str) -> dict[str, str]:
    """For each left-out writer, the threshold the OTHER left-out writers pick for model ``name``:
    the highest mean of (recall gain - PPV loss) against the rules alone on their dev sets."""
    runs = {k: run for k, run in dev.items() if name in run}

    def gain(run, t):
        r, rules = run[name][t], run["rules"]
        return (r["recall"] - rules["recall"]) - (rules["ppv"] - r["ppv"])

    return {k: max(map(str, THRESHOLDS), key=lambda t: sum(gain(run, t) for o, run in runs.items() if o != k))
            for k in runs}


def compare(left_out: list[int], spec: str, dev: bool, phi_free_too: bool, extra: str = "") -> dict:
    """Every named model of every left-out writer on that writer's dev set; with ``phi_free_too``
    all of them (as ``name-wK``) on PHI-free text, the rules run once per text."""
    results = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load_before": os.getloadavg(),
               "models": spec, "dev": {}, "phi_free": {}}
    for k in left_out if dev else []:
        weights = _models(spec, k)
        results["dev"][f"writer {k} left out"] = run = sweep(DEV_SETS[k], weights)
        run["weights"] = weights
        for name in ["rules"] + list(weights):
            r = run["rules"] if name == "rules" else run[name]["0.99"]
            g = r["groups"]
            alone = "" if name == "rules" else (" | alone @0.5 recall {recall:.4f} PPV {ppv:.4f}".format(
                **run[name]["alone"]["0.5"]) + " | on the rules' misses @0.99 {found}/{missed_by_rules}".format(
                **run[name]["on_rules_misses"]["0.99"]))
            print(f"w{k} {name:>12} @0.99 recall {r['recall']:.4f} PPV {r['ppv']:.4f} names {g['names']:.3f} "
                  f"hospitals {g['hospitals']:.3f} towns {g['towns']:.3f} ids {g['ids']:.3f}{alone}", flush=True)
    names = {name for run in results["dev"].values() for name in run.get("weights", {})}
    results["nested_thresholds"] = {name: nested_thresholds(results["dev"], name) for name in sorted(names)}
    print("thresholds chosen on the other writers:", results["nested_thresholds"], flush=True)
    if phi_free_too:
        weights = {f"{name}-w{k}": path for k in left_out for name, path in _models(spec, k).items()}
        weights.update(item.split("=", 1) for item in extra.split(",") if item)  # e.g. the shipped weights
        results["phi_free"] = free = sweep_phi_free(weights)
        results["phi_free_weights"] = weights
        for corpus, r in free.items():
            print(f"{corpus}: rules {r['per_1000_words']['rules']:.2f} " + " ".join(
                f"{n} {r['per_1000_words'][n]['0.99']:.2f}" for n in weights), flush=True)
    results["load_after"] = os.getloadavg()
    return results


def stamp(source: Path, target: Path, threshold: float, veto: float | None = None) -> None:
    """A copy of a weights file whose stored threshold is ``threshold`` and, given one, whose
    second-opinion veto level is ``veto`` (the weights are unchanged)."""
    from safetensors.numpy import load_file, save_file
    from safetensors import safe_open

    with safe_open(str(source), framework="numpy") as handle:
        meta = dict(handle.metadata())
    meta["info"] = json.dumps({**json.loads(meta["info"]), "threshold": threshold,
                               **({"veto": veto} if veto is not None else {})})
    save_file(load_file(str(source)), str(target), metadata=meta)


def print_table(results: dict) -> None:
    print("| left out | engine | recall | PPV | names | hospitals | towns | ids | CPU-s |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, run in results["runs"].items():
        for engine in ("rules", "rules+tagger"):
            r = run[engine]
            g = r["groups"]
            print(f"| {name} | {engine} | {r['recall']:.4f} | {r['ppv']:.4f} | {g['names']:.3f} | {g['hospitals']:.3f} "
                  f"| {g['towns']:.3f} | {g['ids']:.3f} | {r['cpu_seconds']:.1f} |")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["generate", "lowo", "growth", "phi-free", "ship", "sweep", "compare"])
    parser.add_argument("--notes", "--out", dest="notes", type=Path, default=Path("/tmp/tagger10/cut"))
    parser.add_argument("--seed", type=int, default=0, help="training seed (generation: first writer's seed)")
    parser.add_argument("--left-out", default="9,10")
    parser.add_argument("--tagger", default=None, help="phi-free: weights to add to the rules")
    parser.add_argument("--models", default="", help="compare: name=weights pattern,... ({k}: the left-out writer)")
    parser.add_argument("--phi-free", action="store_true", help="compare: also PHI-free text for every model")
    parser.add_argument("--no-dev", action="store_true", help="compare: PHI-free text only")
    parser.add_argument("--extra", default="", help="compare --phi-free: more name=weights (no left-out writer)")
    parser.add_argument("--train-options", default="", help="lowo/ship: extra trainer flags, e.g. '--refill 1'")
    parser.add_argument("--share", type=float, default=1.0, help="generate: share of each writer's notes per style")
    parser.add_argument("--threshold", type=float, default=None, help=f"ship: stored threshold ({SHIPPED_THRESHOLD})")
    parser.add_argument("--veto", type=float, default=None,
                        help="ship: the second opinion's stored veto level (benchmarks/deid_tagger_veto.py)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    options = tuple(args.train_options.split())
    if args.command == "generate":
        generate(args.notes, args.seed or 9100, args.share)
        return 0
    if args.command == "ship":
        from mednn.privacy.deid.tagger import WEIGHTS

        # trained once into the notes folder, then copied with the threshold chosen on the left-out runs
        trained = args.notes / "tagger-all.safetensors"
        if not trained.exists():
            print(f"{train(args.notes, list(GENERATORS), trained, args.seed, options):.0f} CPU-s -> {trained}")
        stamp(trained, WEIGHTS, args.threshold or SHIPPED_THRESHOLD, args.veto)
        print(f"{WEIGHTS}: threshold {args.threshold or SHIPPED_THRESHOLD}, veto {args.veto}")
        return 0
    left_out = [int(k) for k in args.left_out.split(",") if k]
    if args.command in ("sweep", "compare"):  # left-out writers' weights at every threshold (+ PHI-free text)
        spec = args.models if args.command == "compare" else f"tagger={args.notes}/tagger-without-w{{k}}.safetensors"
        results = compare(left_out, spec, not args.no_dev, args.phi_free, args.extra)
    elif args.command == "phi-free":
        results = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "tagger": args.tagger,
                   "phi_free": phi_free(args.tagger), "load": os.getloadavg()}
    else:
        results = lowo(args.notes, args.notes, args.seed, left_out, options, growth=args.command == "growth")
        print_table(results)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
