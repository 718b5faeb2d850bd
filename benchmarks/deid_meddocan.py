"""MEDDOCAN (Spanish clinical case reports, expert PHI spans, CC BY 4.0) scored the way issue 20
asks: per type by the overlap rule and by exact span + type, wall time, and three readings that
``deid_corpus.py`` does not print.

    python benchmarks/deid_meddocan.py /work/shared/data/meddocan/corpus/dev/brat --json dev.json
    python benchmarks/deid_meddocan.py /work/shared/data/meddocan/corpus/test/brat --json test.json

* **PPV two ways**: a removed span is right when it overlaps any gold span (MEDDOCAN's view), or
  only when it overlaps a Safe Harbor gold span (countries, sex, ages under 90, professions and
  relations such as "madre" are annotated by MEDDOCAN but not listed by HIPAA).
* **False removals per 1,000 words**: removed spans that overlap no gold span, per 1,000 words of
  the split (and those that overlap no Safe Harbor gold span): what the engine takes from real
  text that holds no annotated identifier there.
* **Identifier numbers without digits**: MEDDOCAN's ID_* types hold a few spans with no digit at
  all ("lactante", "blanca", "soltera": descriptions annotated under the patient-id type). They
  are counted and the id recall is also given over the spans that hold a digit; the official
  per-type recall (all gold spans) is printed beside it, never replaced.

Run it on dev while developing; the test split is for the one final score.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from deid_corpus import CPU_SECONDS, mapped, predict, print_table, read_brat, score  # noqa: E402

_WORD = re.compile(r"\w+")


def _overlaps(span, others) -> bool:
    return any(span[0] < e and s < span[1] for s, e, *_ in others)


def extra_readings(docs, predictions) -> dict:
    words = sum(len(_WORD.findall(text)) for _, text, _ in docs)
    false_any = false_sh = 0
    id_digit = id_digit_found = id_no_digit = 0
    for (_, text, gold), pred in zip(docs, predictions):
        safe_gold = [g for g in gold if mapped(g[2])]
        false_any += sum(not _overlaps(p, gold) for p in pred)
        false_sh += sum(not _overlaps(p, safe_gold) for p in pred)
        for g in gold:
            if mapped(g[2]) == "ID":
                if any(c.isdigit() for c in text[g[0]:g[1]]):
                    id_digit += 1
                    id_digit_found += _overlaps(g, pred)
                else:
                    id_no_digit += 1
    return {"words": words,
            "false_removals_per_1000_words": 1000 * false_any / max(words, 1),
            "removals_outside_safe_harbor_gold_per_1000_words": 1000 * false_sh / max(words, 1),
            "id_spans_with_digits": id_digit, "id_recall_spans_with_digits": id_digit_found / max(id_digit, 1),
            "id_spans_without_digits": id_no_digit}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("split", type=Path, help="a MEDDOCAN brat folder (corpus/dev/brat, corpus/test/brat)")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    docs = read_brat(args.split)
    if not docs:
        raise SystemExit(f"{args.split}: no .txt/.ann pairs; expected a MEDDOCAN brat folder")
    predictions, seconds = predict([d[1] for d in docs], {"language": "es"}, args.jobs)
    result = score(docs, predictions)
    result.update(extra_readings(docs, predictions))
    result.update({"corpus": str(args.split), "n_notes": len(docs), "seconds": seconds, "jobs": args.jobs,
                   "cpu_seconds": CPU_SECONDS[0], "load_average": os.getloadavg(),
                   "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "language": "es"})
    print_table(str(args.split), result, seconds, len(docs))
    print(f"false removals: {result['false_removals_per_1000_words']:.2f} per 1,000 words (overlapping no gold span), "
          f"{result['removals_outside_safe_harbor_gold_per_1000_words']:.2f} (overlapping no Safe Harbor gold span) "
          f"of {result['words']} words")
    print(f"id spans: {result['id_spans_with_digits']} with digits, recall {result['id_recall_spans_with_digits']:.3f}; "
          f"{result['id_spans_without_digits']} without any digit (descriptions annotated as ids)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    sys.exit(main() and 0)
