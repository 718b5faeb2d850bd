"""Score mednn's de-identifier on any annotated corpus, span by span.

    python benchmarks/deid_corpus.py /work/shared/data/meddocan/corpus/test/brat --language es
    python benchmarks/deid_corpus.py /tmp/deid_notes/heldout --json heldout.json --jobs 2
    python benchmarks/deid_corpus.py notes.xml             # i2b2-style XML (<TEXT> + <TAGS>)
    python benchmarks/deid_corpus.py notes.csv --gold-spans gold.csv   # CSV of notes + CSV of spans
    python benchmarks/deid_corpus.py abstracts.csv --unannotated medical_abstract --odd-rows

Formats: a folder of BRAT ``.txt`` + ``.ann`` pairs (MEDDOCAN, the generated notes), i2b2-style
XML files (a file or a folder of them), or a notes CSV (``id``/``text`` columns) with a gold
span CSV (``id``/``row``, ``start``, ``end``, ``type``).

``--unannotated COLUMN`` reads real clinical text without annotations (a CSV column) and counts
what would be removed per 1,000 words, with the most frequent removed words (for a corpus whose
texts hold little or no PHI, such as journal abstracts, nearly all of them are false positives).

Two rules, both per gold type:
* **overlap** (the rule of the PhysioNet nursing-note corpus): a gold span is found when any
  predicted span of the same note overlaps it, whatever its type; PPV = predicted spans that
  overlap some gold span / all predicted spans;
* **exact**: offsets and the mapped type must both match (the MEDDOCAN / i2b2 strict rule).

Gold types are mapped to mednn's types (MEDDOCAN's Spanish names, i2b2's, the generated
notes'); types that HIPAA Safe Harbor does not list (sex, country, profession) are reported but
left out of the Safe Harbor totals. Wall time is measured around ``find`` only; the load
average is printed beside it (the machine may be shared).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# gold type -> mednn type (None: not a Safe Harbor identifier, reported apart)
TYPE_MAP = {
    # MEDDOCAN (Spanish clinical cases)
    # relatives are annotated by relation ("hermano", "madre") as often as by name, and ages of any
    # value (Safe Harbor lists only ages over 89): both are reported but kept out of the totals
    "NOMBRE_SUJETO_ASISTENCIA": "NAME", "NOMBRE_PERSONAL_SANITARIO": "NAME", "FAMILIARES_SUJETO_ASISTENCIA": None,
    "FECHAS": "DATE", "EDAD_SUJETO_ASISTENCIA": None, "CALLE": "ADDRESS", "TERRITORIO": "LOCATION",
    "HOSPITAL": "LOCATION", "INSTITUCION": "LOCATION", "CENTRO_SALUD": "LOCATION", "CORREO_ELECTRONICO": "EMAIL",
    "NUMERO_TELEFONO": "PHONE", "NUMERO_FAX": "FAX", "ID_SUJETO_ASISTENCIA": "ID", "ID_ASEGURAMIENTO": "ID",
    "ID_CONTACTO_ASISTENCIAL": "ID", "ID_TITULACION_PERSONAL_SANITARIO": "ID", "ID_EMPLEO_PERSONA": "ID",
    "IDENTIF_VEHICULOS_NRSERIE_PLACAS": "VEHICLE", "IDENTIF_DISPOSITIVOS_NRSERIE": "ID", "URL_WEB": "URL",
    "DIREC_PROT_INTERNET": "IP", "IDENTIF_BIOMETRICOS": "BIOMETRIC", "NUMERO_IDENTIF": "ID",
    "OTRO_NUMERO_IDENTIF": "ID", "OTROS_SUJETO_ASISTENCIA": None,
    "SEXO_SUJETO_ASISTENCIA": None, "PAIS": None, "PROFESION": None,
    # the generated English notes (benchmarks/deid_make_notes.py)
    "PATIENT": "NAME", "RELATIVE": "NAME", "CLINICIAN": "NAME",
    # i2b2 2014 style
    "DOCTOR": "NAME", "USERNAME": "NAME", "CITY": "LOCATION", "STATE": None, "COUNTRY": None, "STREET": "ADDRESS",
    "ORGANIZATION": "LOCATION", "LOCATION-OTHER": "LOCATION", "MEDICALRECORD": "ID", "IDNUM": "ID",
    "HEALTHPLAN": "ID", "DEVICE": "ID", "BIOID": "ID", "PROFESSION": None,
}
MEDNN_TYPES = ("NAME", "LOCATION", "ADDRESS", "ZIP", "DATE", "AGE", "PHONE", "FAX", "EMAIL", "SSN", "ID",
               "VEHICLE", "URL", "IP", "BIOMETRIC")


def mapped(gold_type: str) -> str | None:
    t = gold_type.upper()
    if t.startswith("ID_") and t not in TYPE_MAP:
        return "ID"
    return TYPE_MAP.get(t, t if t in MEDNN_TYPES else None)


# ------------------------------------------------------------------------------ readers
def read_brat(folder: Path) -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    """``(name, text, gold spans)`` of every note of a BRAT folder (:func:`mednn.data.brat.read_brat`);
    a discontinuous span is scored as the range from its first to its last character."""
    from mednn.data.brat import read_brat as notes_of

    return [(txt.stem, text, [(a.start, a.end, a.type) for a in gold]) for txt, text, gold in notes_of(folder)]


def read_xml(path: Path) -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    files = sorted(path.glob("*.xml")) if path.is_dir() else [path]
    docs = []
    for f in files:
        root = ET.parse(f).getroot()
        text = root.findtext("TEXT") or ""
        spans = [(int(t.get("start")), int(t.get("end")), t.get("TYPE") or t.tag)
                 for t in (root.find("TAGS") or [])]
        docs.append((f.stem, text, spans))
    return docs


def read_csv_spans(notes: Path, gold: Path) -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    import pandas as pd

    frame = pd.read_csv(notes, dtype=str, keep_default_na=False)
    ids = frame["id"].tolist() if "id" in frame else [str(i) for i in range(len(frame))]
    spans_frame = pd.read_csv(gold, dtype={"start": int, "end": int})
    key = "id" if "id" in spans_frame else "row"
    by_doc = defaultdict(list)
    for r in spans_frame.itertuples(index=False):
        by_doc[str(getattr(r, key))].append((int(r.start), int(r.end), str(r.type)))
    return [(i, t, by_doc[i]) for i, t in zip(ids, frame["text"].tolist())]


def read_corpus(path: Path, gold_spans: Path | None):
    if gold_spans is not None:
        return read_csv_spans(path, gold_spans)
    if path.is_file() and path.suffix == ".xml" or path.is_dir() and any(path.glob("*.xml")):
        return read_xml(path)
    if path.is_dir():
        return read_brat(path)
    raise SystemExit(f"{path}: expected a BRAT folder, i2b2 XML, or a notes CSV with --gold-spans")


# ------------------------------------------------------------------------------ scoring
_DEID = None


CPU_SECONDS = [0.0]  # CPU time of find() summed over the workers (less sensitive to a shared machine)


def _find_batch(args: tuple[list[str], dict]) -> tuple[list[list[tuple[int, int, str]]], float]:
    global _DEID
    texts, options = args
    if _DEID is None:
        from mednn.privacy.deid import Deidentifier

        _DEID = Deidentifier(**options).fit()
    start = time.process_time()
    found = [[tuple(s) for s in _DEID.find(t)] for t in texts]
    return found, time.process_time() - start


def predict(texts: list[str], options: dict, jobs: int) -> tuple[list, float]:
    """Spans of every text and the wall time (model loading included)."""
    start = time.perf_counter()
    if jobs <= 1:
        found, cpu = _find_batch((texts, options))
    else:
        chunks = [texts[i::jobs] for i in range(jobs)]
        with ProcessPoolExecutor(jobs) as pool:
            parts = list(pool.map(_find_batch, [(c, options) for c in chunks]))
        found = [None] * len(texts)
        for j, (part, _) in enumerate(parts):
            found[j::jobs] = part
        cpu = sum(c for _, c in parts)
    CPU_SECONDS[0] = cpu
    return found, time.perf_counter() - start


def score(docs, predictions) -> dict:
    per_type = defaultdict(Counter)
    by_pred = defaultdict(Counter)  # per predicted (mednn) type: spans, and those overlapping any gold span
    n_pred = n_pred_hit = n_pred_hit_sh = exact_hit = n_gold_mapped = 0
    for (_, _, gold), pred in zip(docs, predictions):
        n_pred += len(pred)
        for ps, pe, pt in pred:
            by_pred[pt]["n"] += 1
            by_pred[pt]["hit"] += any(ps < ge and gs < pe for gs, ge, _ in gold)
        n_pred_hit += sum(any(ps < ge and gs < pe for gs, ge, _ in gold) for ps, pe, _ in pred)
        n_pred_hit_sh += sum(any(ps < ge and gs < pe for gs, ge, gt in gold if mapped(gt)) for ps, pe, _ in pred)
        exact = {(ps, pe, pt) for ps, pe, pt in pred}
        for gs, ge, gt in gold:
            c = per_type[gt]
            c["n"] += 1
            c["found"] += any(ps < ge and gs < pe for ps, pe, _ in pred)
            m = mapped(gt)
            if m is not None:
                n_gold_mapped += 1
                hit = (gs, ge, m) in exact or (m == "PHONE" and (gs, ge, "FAX") in exact)
                c["exact"] += hit
                exact_hit += hit
    safe = [t for t in per_type if mapped(t) is not None]
    total = sum(per_type[t]["n"] for t in safe)
    found = sum(per_type[t]["found"] for t in safe)
    everything_n = sum(c["n"] for c in per_type.values())
    return {
        "per_type": {t: {"n": c["n"], "recall_overlap": c["found"] / c["n"], "mednn_type": mapped(t),
                         "recall_exact": (c["exact"] / c["n"]) if mapped(t) else None}
                     for t, c in sorted(per_type.items(), key=lambda kv: -kv[1]["n"])},
        "safe_harbor": {"n": total, "recall_overlap": found / max(total, 1)},
        "all_types": {"n": everything_n, "recall_overlap": sum(c["found"] for c in per_type.values()) / max(everything_n, 1)},
        "ppv_overlap": n_pred_hit / max(n_pred, 1), "n_predicted": n_pred,
        "ppv_by_predicted_type": {t: {"n": c["n"], "ppv_overlap": c["hit"] / c["n"]}
                                  for t, c in sorted(by_pred.items(), key=lambda kv: -kv[1]["n"])},
        "ppv_overlap_safe_harbor_gold": n_pred_hit_sh / max(n_pred, 1),
        "exact": {"precision": exact_hit / max(n_pred, 1), "recall": exact_hit / max(n_gold_mapped, 1)},
    }


def print_table(name: str, result: dict, seconds: float, n_docs: int) -> None:
    print(f"\n{name}: {n_docs} notes, {result['safe_harbor']['n']} Safe Harbor gold spans")
    print("| gold type | mednn type | n | recall (overlap) | recall (exact span+type) |")
    print("| --- | --- | ---: | ---: | ---: |")
    for t, r in result["per_type"].items():
        exact = "-" if r["recall_exact"] is None else f"{r['recall_exact']:.3f}"
        print(f"| {t} | {r['mednn_type'] or 'not Safe Harbor'} | {r['n']} | {r['recall_overlap']:.3f} | {exact} |")
    print("PPV (overlap) by predicted type: " + ", ".join(
        f"{t} {r['ppv_overlap']:.3f} of {r['n']}" for t, r in result["ppv_by_predicted_type"].items()))
    e = result["exact"]
    print(f"Safe Harbor recall (overlap) {result['safe_harbor']['recall_overlap']:.4f}; all types "
          f"{result['all_types']['recall_overlap']:.4f}; PPV (overlap) {result['ppv_overlap']:.4f} "
          f"(against Safe Harbor gold only {result['ppv_overlap_safe_harbor_gold']:.4f}) "
          f"of {result['n_predicted']} predicted; exact span+type P {e['precision']:.4f} R {e['recall']:.4f}")
    print(f"wall time {seconds:.1f} s ({n_docs / max(seconds, 1e-9):.0f} notes/s), CPU time of find {CPU_SECONDS[0]:.1f} s "
          f"({1000 * CPU_SECONDS[0] / max(n_docs, 1):.1f} ms per note); load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def write_errors(path: Path, docs, predictions, context: int = 30) -> None:
    """Misses and false positives with some context, for looking at a DEV split only."""
    lines = []
    for (doc_id, text, gold), pred in zip(docs, predictions):
        for gs, ge, gt in gold:
            if not any(ps < ge and gs < pe for ps, pe, _ in pred):
                lines.append(f"MISS\t{gt}\t{doc_id}\t{text[max(0, gs - context):gs]!r} [[{text[gs:ge]}]] {text[ge:ge + context]!r}")
        for ps, pe, pt in pred:
            if not any(ps < ge and gs < pe for gs, ge, _ in gold):
                lines.append(f"FP\t{pt}\t{doc_id}\t{text[max(0, ps - context):ps]!r} [[{text[ps:pe]}]] {text[pe:pe + context]!r}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def unannotated(path: Path, column: str, odd_rows: bool, options: dict, jobs: int, show: int = 25) -> dict:
    import pandas as pd

    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    texts = frame[column].tolist()[1::2] if odd_rows else frame[column].tolist()
    predictions, seconds = predict(texts, options, jobs)
    words = sum(len(t.split()) for t in texts)
    removed = Counter(t[s:e] for t, spans in zip(texts, predictions) for s, e, _ in spans)
    kinds = Counter(k for spans in predictions for _, _, k in spans)
    n = sum(kinds.values())
    print(f"\n{path} ({column}{', odd rows' if odd_rows else ''}): {len(texts)} texts, {words} words; "
          f"{n} spans = {1000 * n / max(words, 1):.2f} per 1,000 words; by type {dict(kinds.most_common())}")
    print("most frequent: " + ", ".join(f"{w!r} {c}" for w, c in removed.most_common(show)))
    return {"corpus": str(path), "column": column, "odd_rows": odd_rows, "texts": len(texts), "words": words,
            "spans": n, "per_1000_words": 1000 * n / max(words, 1), "by_type": dict(kinds), "seconds": seconds,
            "most_frequent": removed.most_common(show)}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--gold-spans", type=Path, default=None)
    parser.add_argument("--language", default="en")
    parser.add_argument("--jobs", type=int, default=1, help="processes (the target is 2 cores)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N notes")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--errors", type=Path, default=None, help="write misses / false positives (dev splits only)")
    parser.add_argument("--unannotated", default=None, metavar="COLUMN", help="score unannotated text in this CSV column")
    parser.add_argument("--odd-rows", action="store_true", help="with --unannotated: only the odd rows (held out)")
    parser.add_argument("--tagger", default=None, metavar="WEIGHTS",
                        help="also run the neural tagger: 'default' (shipped weights) or a .safetensors file")
    args = parser.parse_args(argv)
    options = {} if args.language == "en" else {"language": args.language}  # older mednn has no language
    if args.tagger:
        options["tagger"] = True if args.tagger == "default" else args.tagger
    if args.unannotated:
        result = unannotated(args.corpus, args.unannotated, args.odd_rows, options, args.jobs)
        if args.json:
            args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        return result
    docs = read_corpus(args.corpus, args.gold_spans)[: args.limit]
    predictions, seconds = predict([d[1] for d in docs], options, args.jobs)
    result = score(docs, predictions)
    result.update({"corpus": str(args.corpus), "n_notes": len(docs), "seconds": seconds, "jobs": args.jobs,
                   "cpu_seconds": CPU_SECONDS[0],
                   "load_average": os.getloadavg(), "date": time.strftime("%Y-%m-%d"), "language": args.language})
    print_table(str(args.corpus), result, seconds, len(docs))
    if args.errors:
        write_errors(args.errors, docs, predictions)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    sys.exit(main() and 0)
