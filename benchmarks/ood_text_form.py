"""Which parts of a text's form tell a foreign text apart (``text_knn``'s ``form`` component,
issue 19 item 4): refitted on the runs of ``ood_calibration.py collect``, without retraining.

For each text case (``text``: Medical Abstracts; ``text_notes``: MTS-Dialog note sections) and
seed, the stored raw components of the run's scorer (validation, test, each foreign set) are
read, the form statistics (:mod:`mednn.ood.text_form`) of the same records are computed from
their texts (the splits rebuilt from the run's config, the foreign sets read through the run's
Predictor), and each variant is calibrated as the scorer does (median / 95% quantile scaling on
validation, the training-conditional threshold at 90% confidence) and reported as:

- AUROC and FPR at 95% TPR against each foreign set, the ID test and foreign flag rates;
- ``P(>5%)``: validation and test pooled and split again at random 2,000 times (test made
  exchangeable with validation), the share of draws flagging more than 5% of the left-out records;
- a robustness set: the MTS-Dialog dialogues without their speaker labels and line breaks, scored
  through the run's network and words like any other set.

    python benchmarks/ood_calibration.py collect --data /work/shared/data --only text,text_notes --seeds 0,1,2
    python benchmarks/ood_text_form.py --data /work/shared/data --out benchmarks/results/ood_text_form.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402

BEFORE = ("knn_distance", "energy", "unknown_words", "word_surprise", "length")
FLOORS = {"knn_distance": 1e-9, "energy": 1e-9, "unknown_words": 0.5, "word_surprise": 0.1, "length": 0.1, "form": 0.5}
LAYOUT = ("lines", "repeated_line_labels", "line_labels")
PRONOUNS = ("first_person", "second_person", "contractions")
UNLABELLED = "MTS-Dialog dialogues without speaker labels or line breaks"
DRAWS, FPR, CONFIDENCE = 2000, 0.05, 0.9


def variants() -> dict[str, tuple[tuple[str, ...], tuple[str, ...] | None]]:
    """name -> (stored components summed, form statistics counted; None: no form component)."""
    from mednn.ood.text_form import FORM_STATISTICS as ALL

    return {"before (5 components)": (BEFORE, None),
            "with form (the default since 2026-12-07)": (BEFORE, ALL),
            "form only": ((), ALL),
            "with form, layout only (lines, labels)": (BEFORE, LAYOUT),
            "with form, no layout": (BEFORE, tuple(s for s in ALL if s not in LAYOUT)),
            "with form, no pronouns or contractions": (BEFORE, tuple(s for s in ALL if s not in PRONOUNS)),
            "with form, no layout, pronouns or contractions": (
                BEFORE, tuple(s for s in ALL if s not in LAYOUT + PRONOUNS))}


def unlabelled(text: str) -> str:
    """A dialogue as one paragraph: each line without its opening label."""
    from mednn.ood.text_form import LINE_BREAK, LINE_LABEL

    return " ".join(LINE_LABEL.sub("", line).strip() for line in LINE_BREAK.split(text) if line.strip())


def gather(case: str, seed: int, data: Path, work: Path) -> dict:
    """Texts and stored raw components of every record set of one collected run."""
    import ood as bench
    from mednn.config import load_config
    from mednn.featurizers.text import texts_of
    from mednn.ood.run import ood_inputs
    from mednn.pipeline.preparation import read_and_split
    from mednn.predictor import Predictor

    meta = json.loads((work / f"{case}_seed{seed}.json").read_text())
    stored = np.load(work / f"{case}_seed{seed}.npz")
    columns = [meta["components"].index(c) for c in BEFORE]
    overrides, sets = bench.CASES[case](data, work / case, 2000)
    cfg = load_config(None, [*bench.QUIET, *overrides, f"name=ood_{case}", f"seed={seed}"])
    _, splits, _ = read_and_split(cfg)
    out = {"train": {"texts": texts_of(splits.train)}}
    for name in ("val", "test"):
        out[name] = {"texts": texts_of(getattr(splits, name)), "raw": stored[f"split:{name}"][:, columns]}
    predictor = Predictor.load(work / case / f"run_{seed}")
    for name, path in sets.items():
        out[name] = {"texts": texts_of(predictor.read(path, labels=False)), "raw": stored[f"foreign:{name}"][:, columns]}
    spoken = next(name for name in sets if "dialogues" in name)
    column = pd.read_csv(sets[spoken], nrows=1).columns[0]
    path = work / case / f"unlabelled_{seed}.csv"
    pd.DataFrame({column: [unlabelled(t) for t in out[spoken]["texts"]]}).to_csv(path, index=False)
    dataset = predictor.read(path, labels=False)
    scorer = predictor.ood  # the run's own scorer as collected: the raw components of the new set
    raw = scorer._components(ood_inputs(scorer, predictor, predictor.featurizer.transform(dataset), records=dataset))
    out[UNLABELLED] = {"texts": texts_of(dataset), "raw": raw[:, [list(scorer.components).index(c) for c in BEFORE]]}
    for part in out.values():
        assert "raw" not in part or len(part["raw"]) == len(part["texts"])
    return out


def calibrated(val: np.ndarray, floors: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """As ``OODScorer.fit``: centre, scale and the training-conditional threshold on validation."""
    from mednn.ood.base import threshold_at

    center = np.median(val, axis=0)
    scale = np.maximum(np.quantile(val, 1 - FPR, axis=0) - center, floors)
    return center, scale, threshold_at(((val - center) / scale).sum(axis=1), FPR, CONFIDENCE)[0]


def exceed_share(val: np.ndarray, test: np.ndarray, floors: np.ndarray, rng: np.random.Generator) -> float:
    """Validation and test pooled and split again (same sizes) ``DRAWS`` times: the share of draws
    whose left-out records are flagged above the target rate."""
    pooled, n_val, over = np.vstack([val, test]), len(val), 0
    for _ in range(DRAWS):
        order = rng.permutation(len(pooled))
        center, scale, threshold = calibrated(pooled[order[:n_val]], floors)
        over += np.mean(((pooled[order[n_val:]] - center) / scale).sum(axis=1) > threshold) > FPR
    return over / DRAWS


def measure(case: str, seed: int, sets: dict) -> list[dict]:
    """Every variant's rows for one collected run (``sets``: :func:`gather`)."""
    from sklearn.metrics import roc_auc_score, roc_curve

    from mednn.ood.base import robust_range
    from mednn.ood.text_form import FORM_STATISTICS, form_statistics, out_of_range

    t0 = time.perf_counter()
    form = {name: form_statistics(part["texts"]) for name, part in sets.items()}
    n_texts = sum(len(part["texts"]) for part in sets.values())
    form_ms = 1000 * (time.perf_counter() - t0) / n_texts
    rows = []
    for variant, (parts, statistics) in variants().items():
        def raw(name):
            columns = [sets[name]["raw"][:, [BEFORE.index(p) for p in parts]]]
            if statistics is not None:
                keep = [FORM_STATISTICS.index(s) for s in statistics]
                low, high = robust_range(form["train"][:, keep])
                columns.append(out_of_range(form[name][:, keep], low, high)[:, None])
            return np.column_stack(columns)

        floors = np.array([FLOORS[p] for p in parts] + ([FLOORS["form"]] if statistics is not None else []))
        center, scale, threshold = calibrated(raw("val"), floors)
        test = ((raw("test") - center) / scale).sum(axis=1)
        common = {"case": case, "seed": seed, "variant": variant, "n_in": len(test),
                  "test_flag_rate": float(np.mean(test > threshold)),
                  "p_over_5": exceed_share(raw("val"), raw("test"), floors, np.random.default_rng(seed)),
                  "form_ms_per_text": round(form_ms, 3)}
        for name in sets:
            if name in ("train", "val", "test"):
                continue
            foreign = ((raw(name) - center) / scale).sum(axis=1)
            y, s = np.r_[np.zeros(len(test)), np.ones(len(foreign))], np.r_[test, foreign]
            fpr, tpr, _ = roc_curve(y, s)
            rows.append({**common, "foreign": name, "n_out": len(foreign), "auroc": float(roc_auc_score(y, s)),
                         "fpr_at_95_tpr": float(fpr[np.searchsorted(tpr, 0.95)]),
                         "foreign_flag_rate": float(np.mean(foreign > threshold))})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/mednn-ood-calibration"),
                        help="ood_calibration.py collect's folder (its runs and components)")
    parser.add_argument("--only", default="text,text_notes")
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--out", default=None, help="write the results as JSON here")
    args = parser.parse_args(argv)
    started, rows = {"load_average": os.getloadavg(), **machine()}, []
    for case in args.only.split(","):
        for seed in (int(s) for s in args.seeds.split(",")):
            rows += measure(case, seed, gather(case, seed, args.data, args.work))
            print(f"--- {case} seed {seed}", flush=True)
    print_table(rows, COLUMNS)
    write_json(args.out, {"machine": started, "load_average_end": os.getloadavg(), "results": rows})
    return 0


COLUMNS = ["case", "seed", "variant", "foreign", "auroc", "fpr_at_95_tpr", "test_flag_rate", "p_over_5",
           "foreign_flag_rate", "form_ms_per_text"]

if __name__ == "__main__":
    raise SystemExit(main())
