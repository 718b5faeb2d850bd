"""Text explanations: highlighted notes that never show identifiers, Integrated Gradients that
add up to the logit difference, gradient x input for TF-IDF."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from mednn.config import ExplainConfig
from mednn.data.base import Dataset, Task
from mednn.explain.base import ExplainContext, explain
from mednn.explain.text import render_attributions
from mednn.featurizers.text import TfidfFeaturizer, WordPieceTokenizer
from mednn.models.text import build_textcnn
from mednn.privacy.deid import Deidentifier

TEXTS = ["Mr. Okonkwo has fever and cough <b>", "ankle sprain after a fall", "fever with cough and chills",
         "wrist fracture after a fall"]
TASK = Task("binary", ("injury", "infection"))


def _ctx(model, featurizer, features):
    ds = Dataset(inputs=TEXTS, targets=np.array([1, 0, 1, 0]), task=TASK,
                 ids=np.array(["n1", "n2", "n3", "n4"], dtype=object), modality="text")
    return ExplainContext(model=model.eval(), featurizer=featurizer, dataset=ds, features=features,
                          probabilities=np.array([0.4, 0.2, 0.9, 0.1]), predicted=np.array([0, 0, 1, 0]),
                          task=TASK, config=ExplainConfig(n_samples=4))


def test_render_escapes_and_hides_identifiers():
    text = "Dr. Smith saw <script>x</script> on 01/02/2023"
    phi = Deidentifier().fit().find(text)
    tokens = [(0, 3, 0.1), (4, 9, 2.0), (10, 13, -1.0), (14, 22, 0.5), (43, 47, 0.3)]
    shown, _ = render_attributions(text, tokens, phi)
    body = "".join(t["text"] for t in shown)
    assert "Smith" not in body and "01/02/2023" not in body
    assert "[NAME]" in body and "[DATE]" in body
    # the text is data: the report escapes it ("<script>" stays text, see the report tests)
    assert "<script>x</script>" in body
    strongest = max(shown, key=lambda t: abs(t["score"]))
    assert strongest["text"] == "[NAME]" and strongest["score"] == pytest.approx(2.0)  # carries its tokens' score
    assert any(t["score"] < 0 for t in shown)  # a negative score stays negative (drawn blue)
    cut, _ = render_attributions("fever and cough", [(0, 5, 1.0)], [])
    assert [(t["text"], t["muted"]) for t in cut] == [("fever", False), (" and cough", True)]  # past max_length


def test_textcnn_integrated_gradients_section():
    torch.manual_seed(0)
    f = WordPieceTokenizer(vocab_size=100, max_length=32, min_frequency=1).fit(TEXTS)
    feats = f.transform(TEXTS)
    model = build_textcnn(task=TASK, input_shape=f.input_shape, embedding_dim=8, num_filters=4, dropout=0.0)
    ctx = _ctx(model, f, feats)
    sections = explain(ctx, "text")
    assert len(sections) == 1
    notes = sections[0]["highlights"]
    page = str(sections[0])
    assert "Okonkwo" not in page and "[NAME]" in page
    assert len(notes) == 4 and notes[0]["error"]  # note n1 is a misclassification, shown first
    headings = [n["heading"] for n in notes]
    assert headings.index("Note: test record 1") < headings.index("Note: test record 3")
    assert "n1" not in str(headings)  # named by its place among the test rows, never by its id


def test_integrated_gradients_completeness():
    from captum.attr import LayerIntegratedGradients

    torch.manual_seed(0)
    f = WordPieceTokenizer(vocab_size=100, max_length=32, min_frequency=1).fit(TEXTS)
    batch = f.transform(TEXTS).batch(np.array([2]))
    model = build_textcnn(task=TASK, input_shape=f.input_shape, embedding_dim=8, num_filters=4, dropout=0.0).eval()

    def forward(ids, mask):
        return model({"input_ids": ids, "attention_mask": mask})[:, 0]

    ids, mask = batch["input_ids"], batch["attention_mask"]
    base = torch.zeros_like(ids)
    attr = LayerIntegratedGradients(forward, model.token_embedding).attribute(
        ids, baselines=base, additional_forward_args=(mask,), n_steps=200)
    with torch.no_grad():
        diff = forward(ids, mask) - forward(base, mask)
    assert float(attr.sum()) == pytest.approx(float(diff), rel=0.02, abs=1e-3)


def test_tfidf_gradient_times_input_section():
    import mednn.models.tabular  # noqa: F401

    from mednn.models.base import build_model

    f = TfidfFeaturizer(min_df=1).fit(TEXTS)
    x = f.transform(TEXTS)
    torch.manual_seed(0)
    model = build_model("mlp", task=TASK, input_shape=f.input_shape, hidden_sizes=[4])
    section = explain(_ctx(model, f, x), "text")[0]
    assert "okonkwo" not in str(section).lower()
    assert section["tables"] and section["tables"][0]["columns"] == ["n-gram", "attribution"]
