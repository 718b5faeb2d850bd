"""Token attributions for text models, shown as highlighted, de-identified text.

* token models (``textcnn``, ``transformer`` on ``wordpiece`` / ``bpe`` / ``hf_tokenizer``):
  Integrated Gradients on the token embeddings (captum ``LayerIntegratedGradients``), baseline =
  padding tokens (special tokens such as [CLS] kept);
* TF-IDF features (``tfidf`` + ``mlp``): gradient x input per n-gram, spread over the words of
  each n-gram occurrence.

Attributions are for the predicted class (binary: the positive class; multilabel: the most
probable label). Each explained note is passed through the de-identifier before it is drawn, so
a report never shows raw patient text even if the run did not de-identify its data; tokens
inside a found identifier are merged into its placeholder. Red pushes towards the class,
blue away from it. Notes are stored as data (a list of tokens with scores per note), never as
HTML: the report escapes every token when it draws them.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from .base import (EXPLAINERS, RECORD_REF_NOTE, ExplainContext, Highlight, Section, Token, class_display_name,
                   record_ref, section, table)

IG_STEPS = 32


@EXPLAINERS.register("text")
def explain_text(ctx: ExplainContext) -> list[Section]:
    """Sections of highlighted notes for ``ctx.sample_indices()`` (errors first)."""
    from ..featurizers.text import SentenceEmbedding, TfidfFeaturizer, TokenBatch
    from ..models.ensemble import members_of
    from ..privacy.deid import Deidentifier

    index = ctx.sample_indices()
    if len(index) == 0:
        return []
    texts = ctx.dataset.inputs
    deid = Deidentifier().fit()
    if isinstance(ctx.featurizer, SentenceEmbedding):
        # frozen embeddings + MLP: attribute through the encoder, as for the transformer model
        ctx = replace(ctx, model=_encoder_then_head(ctx.featurizer.encoder_, ctx.model).eval(),
                      featurizer=ctx.featurizer.tokenizer_, features=ctx.featurizer.tokenizer_.transform(texts))
    if isinstance(ctx.features, TokenBatch) and all(hasattr(m, "token_embedding") for m in members_of(ctx.model)):
        method, name = "Integrated Gradients on the token embeddings", "integrated_gradients"
        with ctx.step("token attributions (Integrated Gradients)") as step:
            scored = [_token_scores_ig(ctx, int(i)) for i in index]
    elif isinstance(ctx.featurizer, TfidfFeaturizer):
        method, name = "gradient x input on the TF-IDF n-grams", "gradient_x_input"
        with ctx.step("token attributions (gradient x input)") as step:
            scored = [_token_scores_tfidf(ctx, int(i)) for i in index]
    else:
        return []
    highlights, tables = [], []
    for i, (spans, top) in zip(index, scored):
        text = texts[int(i)]
        tokens, safe_top = render_attributions(text, spans, deid.find(text), top)
        heading, detail, error = _sample_header(ctx, int(i))
        highlights.append(Highlight(heading=heading, detail=detail, error=error, tokens=tokens))
        if safe_top:
            tables.append(table(["n-gram", "attribution"], safe_top, caption=f"{heading}: strongest n-grams"))
    intro = (
        f"Token attributions ({method}) for {len(index)} test notes, errors first. Red pushes towards "
        "the explained class, blue away from it; grey text was cut off by max_length. Identifiers are "
        "shown as placeholders. " + RECORD_REF_NOTE
    )
    return [section("Text: token attributions", caption=intro, method=name, seconds=step.seconds,
                    highlights=highlights, tables=tables)]


def _encoder_then_head(encoder, head):
    """The frozen encoder's mean pooling followed by the run's head, as one module for captum."""
    import torch

    from ..models.text import mean_pooled

    class EncoderThenHead(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder, self.head = encoder, head

        @property
        def token_embedding(self):
            return self.encoder.get_input_embeddings()

        def forward(self, batch):
            return self.head(mean_pooled(self.encoder, batch))

    return EncoderThenHead()


def _target_index(ctx: ExplainContext, i: int) -> int:
    kind = ctx.task.kind
    if kind == "multiclass":
        return int(ctx.predicted[i])
    if kind == "multilabel":
        return int(np.argmax(ctx.probabilities[i]))
    return 0


def _token_scores_ig(ctx: ExplainContext, i: int):
    import torch
    from captum.attr import LayerIntegratedGradients

    from ..models.ensemble import members_of

    model = ctx.model
    batch = ctx.features.batch(np.array([i]))
    ids = batch["input_ids"].to(ctx.device)
    mask = batch["attention_mask"].to(ctx.device)
    offsets = ctx.featurizer.offsets(ctx.dataset.inputs[i])[: ids.shape[1]]
    special = torch.tensor([s == e for s, e in offsets] + [True] * (ids.shape[1] - len(offsets)), device=ids.device)
    pad = int(getattr(ctx.features, "pad_id", 0))
    baseline = torch.where(special[None, :], ids, torch.full_like(ids, pad))
    target = _target_index(ctx, i)

    scores = 0.0
    members = members_of(model)  # an ensemble: the mean of its members' token scores
    for member in members:
        def forward(input_ids, attention_mask, member=member):
            return member({"input_ids": input_ids, "attention_mask": attention_mask})[:, target]

        lig = LayerIntegratedGradients(forward, member.token_embedding)
        attributions = lig.attribute(ids, baselines=baseline, additional_forward_args=(mask,),
                                     n_steps=IG_STEPS, internal_batch_size=IG_STEPS)
        scores = scores + attributions.sum(dim=-1)[0].detach().cpu().numpy() / len(members)
    spans = [(s, e, float(v)) for (s, e), v in zip(offsets, scores) if e > s]
    return spans, []


_WORD_RE = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern


def _token_scores_tfidf(ctx: ExplainContext, i: int):
    import torch

    feats = ctx.features
    x = feats.batch(np.array([i])) if hasattr(feats, "batch") else feats[i : i + 1]
    x = x.detach().clone().to(ctx.device).requires_grad_(True)
    out = ctx.model(x)[:, _target_index(ctx, i)].sum()
    (grad,) = torch.autograd.grad(out, x)
    attr = (grad * x).detach().cpu().numpy()[0]

    vec = ctx.featurizer.vectorizers_[0]
    vocab = vec.vocabulary_
    lo, hi = vec.ngram_range
    text = ctx.dataset.inputs[i]
    words = list(_WORD_RE.finditer(text))
    lowered = [w.group().lower() if vec.lowercase else w.group() for w in words]
    occurrences: dict[int, list[int]] = {}
    for n in range(lo, hi + 1):
        for j in range(len(lowered) - n + 1):
            col = vocab.get(" ".join(lowered[j : j + n]))
            if col is not None:
                occurrences.setdefault(col, []).append(j * 100 + n)  # start and length packed
    word_scores = np.zeros(len(words))
    for col, occ in occurrences.items():
        share = attr[col] / len(occ)
        for packed in occ:
            j, n = divmod(packed, 100)
            word_scores[j : j + n] += share / n
    spans = [(w.start(), w.end(), float(s)) for w, s in zip(words, word_scores)]
    names = ctx.featurizer.feature_names()
    order = np.argsort(-np.abs(attr))[:10]
    top = []
    for col in order:
        if attr[col] == 0:
            break
        # where the n-gram occurs, so that n-grams touching an identifier can be left out
        where = [(words[p // 100].start(), words[p // 100 + p % 100 - 1].end()) for p in occurrences.get(int(col), [])]
        top.append((names[col], float(attr[col]), where))
    return spans, top


def render_attributions(
    text: str, token_spans: list[tuple[int, int, float]], phi_spans: list[tuple[int, int, str]],
    top: list | None = None,
) -> tuple[list[Token], list]:
    """``text`` as a list of tokens with scores (plain text between tokens has score 0);
    identifier spans (from :meth:`Deidentifier.find`) become their placeholders, carrying the
    scores of the tokens inside them; text after the last scored token (cut off by
    ``max_length``) is ``muted``. Returns (tokens, the ``top`` n-grams that touch no identifier).

    >>> render_attributions("fever and cough", [(0, 5, 1.0), (10, 15, -0.5)], [])[0][0]
    {'text': 'fever', 'score': 1.0, 'muted': False}
    """
    units: list[tuple[int, int, float, str | None]] = []
    tokens = sorted(token_spans)
    for s, e, kind in phi_spans:
        inside = [v for ts, te, v in tokens if ts < e and s < te]
        units.append((s, e, float(sum(inside)), f"[{kind}]" if kind != "AGE" else "90+"))
    for ts, te, v in tokens:
        if not any(ts < e and s < te for s, e, _ in phi_spans):
            units.append((ts, te, v, None))
    units.sort()
    seen_end = max((e for _, e, _ in token_spans), default=0)
    out: list[Token] = []
    pos = 0

    def plain(chunk: str, start: int) -> None:
        if chunk:
            out.append(Token(text=chunk, score=0.0, muted=start >= seen_end and bool(chunk.strip())))

    for s, e, v, placeholder in units:
        if s < pos:
            continue
        plain(text[pos:s], pos)
        out.append(Token(text=placeholder if placeholder is not None else text[s:e], score=float(v), muted=False))
        pos = e
    plain(text[pos:], pos)
    safe_top = [
        (name, v) for name, v, where in (top or [])
        if not any(a < e and s < b for a, b in where for s, e, _ in phi_spans)
    ]
    return out, safe_top


def _sample_header(ctx: ExplainContext, i: int) -> tuple[str, str, bool]:
    """(heading, detail, misclassified) of one explained note; ids and class names only."""
    names = [class_display_name(n) for n in ctx.task.class_names]
    kind = ctx.task.kind
    target, predicted = ctx.dataset.targets[i], ctx.predicted[i]
    wrong = False
    if kind in ("binary", "multiclass"):
        wrong = int(predicted) != int(target)
        probs = np.atleast_1d(ctx.probabilities[i])
        p = float(probs[int(predicted)]) if len(probs) > 1 else float(probs[0] if int(predicted) else 1 - probs[0])
        explained = names[int(predicted)] if kind == "multiclass" else names[1]
        detail = (f"true: {names[int(target)]} · predicted: {names[int(predicted)]} "
                  f"(p = {p:.2f}) · explained class: {explained}")
    elif kind == "multilabel":
        j = _target_index(ctx, i)
        detail = f"explained label: {names[j]} (p = {float(ctx.probabilities[i][j]):.2f})"
    else:
        detail = f"true: {float(np.ravel(target)[0]):.3g} · predicted: {float(np.ravel(predicted)[0]):.3g}"
    return f"Note: {record_ref(i)}", detail, wrong
