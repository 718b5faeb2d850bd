"""Train the de-identification tagger on annotated notes (BRAT ``.txt`` + ``.ann`` pairs, any
depth under the given folders) and write its safetensors file.

    python -m mednn.privacy.deid.tagger.train NOTES_DIR [NOTES_DIR ...] --out tagger.safetensors --seed 0

Deterministic from ``--seed`` on one thread. Each note is seen as written, in capitals or in lower
case (drawn per epoch), so the network reads names by context and characters, not casing alone.
``--refill N`` adds N copies of every note whose PHI spans are re-filled with surrogates of the same
type written by the OTHER folders (writers), each span in a random casing, so one writer's contexts
are seen with another writer's names, places and number forms. ``benchmarks/deid_tagger.py``
generates the notes with the five writers and runs this.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from pathlib import Path
from typing import Sequence

from ....data.brat import read_brat
from .features import MAX_CHARS, TAGS, UNK, bio_tags, decode, encode, gold_type, vocabulary_of
from .model import FORMAT


def read_notes(folders: Sequence[Path]) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """``(text, gold spans)`` of every BRAT note under ``folders`` (sorted by path)."""
    return [doc for _, doc in read_notes_by_folder(folders)]


def read_notes_by_folder(folders: Sequence[Path]) -> list[tuple[int, tuple[str, list[tuple[int, int, str]]]]]:
    """``(folder index, (text, gold spans))`` of every BRAT note under ``folders`` that has its
    ``.ann`` (sorted by path; :func:`mednn.data.brat.read_brat`)."""
    return [(index, (text, [(a.start, a.end, a.type) for a in gold]))
            for index, folder in enumerate(folders)
            for _, text, gold in read_brat(folder, recursive=True, annotated_only=True)]


def _recase(text: str, how: str) -> str:
    """Upper or lower case that keeps every offset (a character whose case changes its length stays)."""
    change = str.upper if how == "upper" else str.lower
    return "".join(c2 if len(c2 := change(c)) == 1 else c for c in text)


CASINGS = ("as written", "as written", "upper", "lower", "title")


def _surrogate_pools(sources: Sequence[int], docs) -> dict[int, dict[str, list[str]]]:
    """Per folder: the one-line surrogates of every tagger type written by the OTHER folders."""
    written: dict[int, dict[str, list[str]]] = {}
    for source, (text, spans) in zip(sources, docs):
        for start, end, kind in spans:
            kind, piece = gold_type(kind), text[start:end]
            if kind and piece.strip() and "\n" not in piece:
                written.setdefault(source, {}).setdefault(kind, []).append(piece)
    pools = {}
    for source in set(sources):
        pools[source] = {}
        for other, by_kind in sorted(written.items()):
            if other != source:
                for kind, pieces in by_kind.items():
                    pools[source].setdefault(kind, []).extend(pieces)
    return pools


def refill(text: str, spans, pool: dict[str, list[str]], rng: random.Random, jitter: float = 0.0):
    """``text`` with every PHI span replaced by a surrogate of its type from ``pool`` in a random
    casing (as written, capitals, lower or title case), and the gold spans at their new offsets.
    A span whose type the pool lacks stays as written; one inside an earlier span is dropped (the
    earlier span's tags cover it). With ``jitter`` > 0 each blank run inside a re-filled span, and
    the ones just before and after it, is rewritten with that probability (one or two spaces, a tab,
    a line break; none after a colon): writers lay a label and its value out in many ways."""
    out, kept, position, length = [], [], 0, 0
    for start, end, kind in sorted(spans):
        if start < position:
            continue
        choices = pool.get(gold_type(kind) or "", [])
        piece = rng.choice(choices) if choices else text[start:end]
        how = rng.choice(CASINGS) if choices else "as written"
        piece = piece if how == "as written" else piece.title() if how == "title" else _recase(piece, how)
        gap = text[position:start]
        if jitter and choices:
            gap = _jitter_gap(gap, rng, jitter, after_span=position > 0)
            piece = BLANKS_RE.sub(lambda m: _blank(m.group(), rng, jitter, inside=True), piece)
        kept.append((length + len(gap), length + len(gap) + len(piece), kind))
        out += [gap, piece]
        length += len(gap) + len(piece)
        position = end
    tail = text[position:]
    out.append(_jitter_gap(tail, rng, jitter, after_span=True, before_span=False) if jitter and kept else tail)
    return "".join(out), kept


BLANKS_RE = re.compile(r"[ \t\n]+")
LAYOUTS = (" ", "  ", "\t", "\n")


def _blank(run: str, rng: random.Random, jitter: float, inside: bool = False, colon: bool = False) -> str:
    """A run of blanks, rewritten with probability ``jitter``: inside a span never empty (the words
    must stay apart); after a colon possibly empty ("Name:Orla")."""
    if rng.random() >= jitter:
        return run
    return rng.choice(LAYOUTS + (("",) if colon and not inside else ()))


def _jitter_gap(gap: str, rng: random.Random, jitter: float, after_span: bool, before_span: bool = True) -> str:
    """The text between two spans with its leading blanks (right after the previous span) and its
    trailing blanks (right before the next) rewritten; the words of the gap stay as written."""
    lead = re.match(r"[ \t\n]*", gap).group()
    if lead == gap:  # only blanks between the spans: one run, never emptied (two spans stay apart)
        return _blank(gap, rng, jitter, inside=True) if gap else gap
    trail = re.search(r"[ \t\n]*$", gap).group()
    body = gap[len(lead):len(gap) - len(trail)]
    lead = _blank(lead, rng, jitter) if lead and after_span else lead
    trail = _blank(trail, rng, jitter, colon=body.endswith(":")) if trail and before_span else trail
    return lead + body + trail


WINDOW = 64  # tokens per training window: short sequences keep the LSTM's sequential steps few on CPU


def _casings(text: str, spans, vocabulary) -> list[tuple]:
    """One note encoded as written, in capitals and in lower case: (words, shapes, chars, tags) each."""
    variants = []
    for how in ("as written", "upper", "lower"):
        variant = text if how == "as written" else _recase(text, how)
        offsets, words, shapes, chars = encode(variant, vocabulary)
        variants.append((words, shapes, chars, bio_tags(offsets, spans)))
    return variants


def _examples(docs, vocabulary, copies=None):
    """Windows of ``WINDOW`` tokens of every note; each window a list of its sources (the note,
    then the window at the same index of each re-filled copy, ``copies[n]`` for note n), each
    source in three casings."""
    out = []
    for n, (text, spans) in enumerate(docs):
        sources = [_casings(t, s, vocabulary) for t, s in [(text, spans)] + (copies[n] if copies else [])]
        longest = max(len(source[0][0]) for source in sources)
        for start in range(0, longest, WINDOW):
            out.append([[tuple(part[start:start + WINDOW] for part in v) for v in source]
                        for source in sources if start < len(source[0][0])])
    return out


def _batch(items, word_dropout: float, rng: random.Random):
    import torch

    t = max(len(w) for w, *_ in items)
    words = torch.zeros((len(items), t), dtype=torch.long)
    shapes = torch.zeros_like(words)
    tags = torch.full_like(words, -100)
    chars = torch.zeros((len(items), t, MAX_CHARS), dtype=torch.long)
    for i, (w, s, c, y) in enumerate(items):
        n = len(w)
        words[i, :n] = torch.tensor([UNK if word_dropout and rng.random() < word_dropout else x for x in w])
        shapes[i, :n] = torch.tensor(s)
        tags[i, :n] = torch.tensor(y)
        chars[i, :n] = torch.tensor(c)
    return words, shapes, chars, tags


def train(docs, seed: int = 0, epochs: int = 6, batch_size: int = 32, lr: float = 3e-3,
          word_dropout: float = 0.1, sources: Sequence[int] | None = None, refills: int = 0, hidden: int = 64,
          jitter: float = 0.0, log=print):
    """A trained :class:`~.network.TaggerNetwork` and its vocabulary (keys in id order).
    ``sources``: the writer (folder) of each note, needed by ``refills`` > 0 copies per note
    re-filled with the other writers' surrogates (one copy's window drawn half the time), the blanks
    in and around each re-filled span rewritten with probability ``jitter`` (:func:`refill`)."""
    import torch

    from .network import TaggerNetwork

    torch.manual_seed(seed)
    rng = random.Random(seed)
    vocabulary = vocabulary_of(docs)
    copies = None
    if refills:
        # one folder has no other writer to borrow from: its copies come out as written
        sources = list(sources) if sources is not None else [0] * len(docs)
        pools = _surrogate_pools(sources, docs)
        fill_rng = random.Random(f"refill-{seed}")  # its own stream: the training draws stay as they were
        copies = [[refill(text, spans, pools[source], fill_rng, jitter) for _ in range(refills)]
                  for source, (text, spans) in zip(sources, docs)]
    examples = _examples(docs, vocabulary, copies)
    network = TaggerNetwork(n_words=len(vocabulary) + 2, hidden=hidden)
    optimiser = torch.optim.Adam(network.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    # batches of windows of similar length (little padding), drawn in a new order each epoch
    by_length = sorted(range(len(examples)), key=lambda i: len(examples[i][0][0][0]))
    batches = [by_length[b:b + batch_size] for b in range(0, len(by_length), batch_size)]
    for epoch in range(epochs):
        network.train()
        rng.shuffle(batches)
        total, start = 0.0, time.process_time()
        for batch in batches:
            # as written half the time, in capitals or lower case a quarter each
            items = [_pick(examples[i], rng)[rng.choice((0, 0, 1, 2))] for i in batch]
            words, shapes, chars, tags = _batch(items, word_dropout, rng)
            logits = network(words, shapes, chars)
            loss = loss_fn(logits.reshape(-1, len(TAGS)), tags.reshape(-1))
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(network.parameters(), 5.0)
            optimiser.step()
            total += loss.item() * len(items)
        for group in optimiser.param_groups:  # a gentle decay: the last epochs settle
            group["lr"] *= 0.7
        log(f"epoch {epoch + 1}/{epochs}: loss {total / len(examples):.4f} over {len(examples)} windows, {time.process_time() - start:.0f} CPU-s")
    network.eval()
    keys = sorted(vocabulary, key=vocabulary.get)
    return network, keys


def _pick(sources, rng: random.Random):
    """The note's own window, or (half the time, when it has any) one of its re-filled copies'.
    One source draws nothing: training without copies keeps the random stream it always had."""
    if len(sources) == 1 or rng.random() < 0.5:
        return sources[0]
    return sources[1 + rng.randrange(len(sources) - 1)]


def save(network, keys: list[str], path: Path, info: dict) -> None:
    """Weights in float16 (the file stays small) with vocabulary and hyper-parameters as metadata."""
    from safetensors.torch import save_file

    state = {k: v.detach().to(dtype=__import__("torch").float16).contiguous() for k, v in network.state_dict().items()}
    meta = {"format": FORMAT, "vocabulary": json.dumps(keys), "hparams": json.dumps(network.hparams),
            "info": json.dumps(info)}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    save_file(state, str(tmp), metadata=meta)
    tmp.replace(path)


def span_scores(tagger, docs) -> dict[str, float]:
    """Overlap recall and precision of the tagger alone on annotated ``docs`` (a training check)."""
    gold_n = found = pred_n = hit = 0
    for text, spans in docs:
        gold = [(s, e) for s, e, k in spans if gold_type(k)]
        pred = tagger.find(text)
        gold_n += len(gold)
        found += sum(any(ps < e and s < pe for ps, pe, _ in pred) for s, e in gold)
        pred_n += len(pred)
        hit += sum(any(s < pe and ps < e for s, e in gold) for ps, pe, _ in pred)
    return {"recall": found / max(gold_n, 1), "ppv": hit / max(pred_n, 1), "gold": gold_n, "predicted": pred_n}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notes", type=Path, nargs="+", help="folders of BRAT .txt/.ann notes")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--threshold", type=float, default=0.99,
                        help="PHI probability a token needs to be tagged, stored in the file (the shipped file's "
                             "0.999 was chosen leaving one writer out, docs/deid.md)")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (1: deterministic, kind to a shared box)")
    parser.add_argument("--word-dropout", type=float, default=0.1,
                        help="share of tokens whose word id is hidden in training (the network reads shape and context)")
    parser.add_argument("--refill", type=int, default=0,
                        help="copies of each note re-filled with the other folders' surrogates in random casings "
                             "(needs two or more folders; not used by the shipped weights, docs/deid.md)")
    parser.add_argument("--jitter", type=float, default=0.0,
                        help="with --refill: probability that each blank run in and around a re-filled span is "
                             "rewritten (spaces, tab, line break; none after a colon)")
    parser.add_argument("--hidden", type=int, default=64,
                        help="half the channels of the dilated convolutions (64 shipped; 96 was tried, docs/deid.md)")
    parser.add_argument("--writers", default=None,
                        help="comma-separated names of the writers whose notes the folders hold, stored in the file "
                             "(default: the folders' names; the shipped file's are checked against docs/deid.md)")
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(args.threads)
    read = read_notes_by_folder(args.notes)
    if not read:
        parser.error(f"no .txt notes with .ann gold under {', '.join(map(str, args.notes))}")
    sources, docs = [source for source, _ in read], [doc for _, doc in read]
    start = time.process_time()
    network, keys = train(docs, seed=args.seed, epochs=args.epochs, word_dropout=args.word_dropout,
                          sources=sources, refills=args.refill, hidden=args.hidden, jitter=args.jitter)
    # no times or paths in the file: the same notes and seed write the same bytes
    writers = args.writers.split(",") if args.writers else [folder.name for folder in args.notes]
    info = {"notes": len(docs), "seed": args.seed, "epochs": args.epochs, "threshold": args.threshold,
            "word_dropout": args.word_dropout, "refill": args.refill, "writers": writers}
    if args.jitter:  # only when used: the plain recipe's metadata stays as it was
        info["jitter"] = args.jitter
    save(network, keys, args.out, info)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB): {len(docs)} notes, {len(keys)} words, "
          f"{time.process_time() - start:.0f} CPU-s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
