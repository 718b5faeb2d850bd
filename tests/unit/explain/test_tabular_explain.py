"""Table explanations: SHAP against hand-computed values, one-hot aggregation, the surrogate
tree's fidelity and units, privacy of the rendered sections, determinism."""

from __future__ import annotations

import base64
import re

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("shap")

import torch  # noqa: E402

from mednn.config import ExplainConfig  # noqa: E402
from mednn.data.base import Dataset, Task  # noqa: E402
from mednn.errors import ConfigError  # noqa: E402
from mednn.explain.base import ExplainContext, explain  # noqa: E402
from mednn.explain.tabular import (  # noqa: E402
    EncodedFeature,
    aggregate_columns,
    encoded_features,
    fit_surrogate,
    lime_weights,
    rank_agreement,
    shap_values,
    surrogate_is_informative,
    surrogate_rules,
    tabular_sections,
)
from mednn.featurizers.tabular import TabularFeaturizer  # noqa: E402
from mednn.models.tabular import build_mlp  # noqa: E402
from mednn.training.losses import to_probabilities  # noqa: E402

PLANTED_AGE, PLANTED_DOSE = 987.654321, 43210.98765


def _table(n=120, seed=0, planted=True):
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "age": rng.normal(50, 10, n),
        "dose": rng.normal(100, 20, n),
        "sex": rng.choice(["female", "male"], n),
        "site": rng.choice(["north", "south", "east"], n),
    })
    if planted:
        frame.loc[0, ["age", "dose"]] = [PLANTED_AGE, PLANTED_DOSE]
    return frame


def _dataset(frame, targets, task):
    return Dataset(inputs=frame, targets=np.asarray(targets), task=task,
                   ids=np.array([f"patient-{i:03d}" for i in range(len(frame))]))


def _context(model, featurizer, dataset, *, n_samples=4, methods=(), background=None, seed=0):
    features = featurizer.transform(dataset)
    task = dataset.task
    with torch.no_grad():
        prob = to_probabilities(task, model.eval()(features)).numpy()
    if task.kind == "binary":
        predicted = (prob >= 0.5).astype(int)
    elif task.kind == "multiclass":
        predicted = prob.argmax(1)
    else:
        predicted = prob
    return ExplainContext(model=model.eval(), featurizer=featurizer, dataset=dataset, features=features,
                          probabilities=prob, predicted=predicted, task=task,
                          config=ExplainConfig(n_samples=n_samples, methods=list(methods)), seed=seed,
                          background=background)


def _mlp(task, featurizer, seed=0):
    torch.manual_seed(seed)
    return build_mlp(task=task, input_shape=featurizer.input_shape, hidden_sizes=[6])


BINARY = Task("binary", ("healthy", "sick"))


# ------------------------------------------------------------------------------------- SHAP


@pytest.mark.parametrize("outputs", [1, 3])
def test_shap_of_a_linear_network_is_weight_times_deviation_from_the_reference_mean(outputs):
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(5, outputs))
    x, reference = torch.randn(7, 5), torch.randn(30, 5) + 2.0
    result = shap_values(net, x, reference)
    w = net[0].weight.detach().numpy().astype(np.float64)  # (outputs, 5)
    expected = (x.numpy()[:, :, None] - reference.numpy().mean(0)[None, :, None]) * w.T[None]
    assert result.method == "DeepExplainer"
    assert result.values.shape == (7, 5, outputs)
    np.testing.assert_allclose(result.values, expected, atol=1e-5)
    with torch.no_grad():
        np.testing.assert_allclose(result.expected, net(reference).mean(0).numpy(), atol=1e-5)
    assert result.additivity_gap < 1e-4


def test_shap_does_not_leave_hooks_or_tensors_on_the_model():
    torch.manual_seed(0)
    net = build_mlp(task=BINARY, input_shape=(4,), hidden_sizes=[3]).eval()
    keys = list(net.state_dict())
    shap_values(net, torch.randn(5, 4), torch.randn(10, 4))
    assert list(net.state_dict()) == keys
    assert all(not m._forward_hooks and not m._backward_hooks for m in net.modules())


class _Squares(torch.nn.Module):
    """f(x) = sum_j x_j^2: a layer DeepExplainer does not know, with exact SHAP values
    phi_j = x_j^2 - mean over the reference rows of r_j^2 (the function is additive)."""

    def forward(self, x):
        return (x ** 2).sum(1, keepdim=True)


def test_unknown_layers_fall_back_to_kernel_shap_with_exact_values_for_an_additive_model():
    x, reference = torch.randn(4, 3), torch.randn(30, 3)
    result = shap_values(_Squares(), x, reference, kernel_background=10)
    assert result.method == "KernelExplainer"
    expected = x.numpy() ** 2 - (reference.numpy()[:10] ** 2).mean(0)
    np.testing.assert_allclose(result.values[:, :, 0], expected, atol=1e-4)


# ------------------------------------------------------------------------- names / one-hot


def test_encoded_features_follow_the_featurizer_and_keep_its_statistics():
    frame = _table(planted=False)
    f = TabularFeaturizer().fit(frame)
    features = encoded_features(f, len(f.feature_names_))
    assert [e.name for e in features] == f.feature_names_
    assert [e.column for e in features] == ["age", "dose", "sex", "sex", "site", "site", "site"]
    age = features[0]
    assert age.kind == "numeric" and age.mean == pytest.approx(frame["age"].mean())
    assert age.std == pytest.approx(frame["age"].std(ddof=0))
    assert features[3] == EncodedFeature("sex=male", "sex", "category", category="male")
    # another featurizer (or a mismatch) falls back to plain names, one column each
    assert [e.column for e in encoded_features(object(), 2)] == ["feature 1", "feature 2"]


def test_aggregate_columns_sums_one_hot_blocks_per_patient_and_output():
    values = np.arange(2 * 5 * 2, dtype=float).reshape(2, 5, 2)
    names, summed = aggregate_columns(values, ["age", "sex", "sex", "site", "site"])
    assert names == ["age", "sex", "site"]
    np.testing.assert_allclose(summed[:, 0], values[:, 0])
    np.testing.assert_allclose(summed[:, 1], values[:, 1] + values[:, 2])
    np.testing.assert_allclose(summed[:, 2], values[:, 3] + values[:, 4])
    # additivity survives: the total per patient and output is unchanged
    np.testing.assert_allclose(summed.sum(1), values.sum(1))


def test_global_importance_lists_source_columns_not_one_hot_columns():
    frame = _table(planted=False)
    y = (frame["sex"] == "male").to_numpy().astype(int)
    f = TabularFeaturizer().fit(frame)
    ctx = _context(_mlp(BINARY, f), f, _dataset(frame, y, BINARY))
    section = tabular_sections(ctx, methods=["shap"])[0]
    cells = [row[1] for row in section["tables"][0]["rows"]]
    assert sorted(cells) == ["age", "dose", "sex", "site"]
    assert "sex=" not in str(section)


# ------------------------------------------------------------------------------ surrogate


def test_surrogate_of_a_shallow_rule_is_faithful_and_of_noise_is_not():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 4))
    rule = ((x[:, 0] > 0.3) & (x[:, 2] < 0.5)).astype(int)
    good = fit_surrogate(x, rule, regression=False, seed=0)
    assert good.fidelity >= 0.95 and good.n_folds == 5
    noise = fit_surrogate(x, rng.integers(0, 2, 300), regression=False, seed=0)
    assert noise.fidelity < 0.65
    linear = x @ np.array([1.0, -2.0, 0.0, 0.5])
    assert fit_surrogate(x, np.where(x[:, 1] > 0, 3.0, -1.0), regression=True).fidelity > 0.95
    assert fit_surrogate(x, linear, regression=True).fidelity < 0.9  # depth 3 cannot draw a plane
    assert fit_surrogate(x[:3], rule[:3], regression=False).fidelity is None


class _Step(torch.nn.Module):
    """A network that IS a rule: sick when the standardised age exceeds 0.3."""

    def forward(self, x):
        return 50.0 * (x[:, :1] - 0.3)


def test_surrogate_section_recovers_the_rule_in_original_units():
    frame = _table(n=300, planted=False)
    f = TabularFeaturizer().fit(frame)
    dataset = _dataset(frame, np.zeros(len(frame), dtype=int), BINARY)
    ctx = _context(_Step(), f, dataset)
    section = tabular_sections(ctx, methods=["surrogate"])[0]
    text = section["caption"] + "\n" + section["rules"]
    fidelity = float(re.search(r"class for (\d+)%", text).group(1))
    assert fidelity >= 95 and "warnings" not in section
    threshold = float(re.search(r"age <= ([0-9.]+)", text).group(1))
    # the step sits at standardised 0.3, i.e. mean + 0.3 std in years
    assert threshold == pytest.approx(f.mean_[0] + 0.3 * f.std_[0], abs=0.05 * f.std_[0])
    assert "predicts sick" in text and "predicts healthy" in text


def test_surrogate_rules_match_sklearn_export_text_structure():
    from sklearn.tree import DecisionTreeRegressor, export_text

    rng = np.random.default_rng(1)
    x = rng.normal(size=(200, 3))
    y = x[:, 1] + x[:, 2]
    tree = DecisionTreeRegressor(max_depth=3, random_state=0).fit(x, y)  # regression: nothing is merged
    features = [EncodedFeature(n, n, "numeric") for n in ("a", "b", "c")]
    ours = surrogate_rules(tree, features, ["risk"], regression=True)
    theirs = export_text(tree, feature_names=["a", "b", "c"], decimals=6)
    def skeleton(text):  # the tree's shape and split features, without numbers or leaf texts
        return [re.sub(r"[-0-9.]+$|predicts.*|class:.*|value:.*", "", line).strip() for line in text.splitlines()]

    assert skeleton(ours) == skeleton(theirs)
    ours_thresholds = [float(v) for v in re.findall(r"<= (-?[0-9.]+)", ours)]
    theirs_thresholds = [float(v) for v in re.findall(r"<= +(-?[0-9.]+)", theirs)]
    np.testing.assert_allclose(ours_thresholds, theirs_thresholds, rtol=1e-3, atol=1e-4)


def _parse_rules(text):
    """Rules text -> nested (split, left, right) / leaf answers, by indentation."""
    lines = [(line.count("|   "), line.split("|--- ", 1)[1]) for line in text.splitlines()]

    def node(i):
        depth, body = lines[i]
        if body.startswith("predicts"):
            return re.sub(r" \(.*", "", body), i + 1
        left, j = node(i + 1)
        right, k = node(j + 1)
        return (body, left, right), k

    tree, end = node(0)
    assert end == len(lines)
    return tree


def test_surrogate_rules_merge_splits_whose_branches_give_the_same_answer():
    from sklearn.tree import DecisionTreeClassifier

    rng = np.random.default_rng(3)
    x = rng.normal(size=(400, 3))
    y = ((x[:, 0] > 0) ^ (rng.random(400) < 0.15)).astype(int)  # one real split plus label noise
    tree = DecisionTreeClassifier(max_depth=3, random_state=0).fit(x, y)
    features = [EncodedFeature(n, n, "numeric") for n in ("a", "b", "c")]
    rules = surrogate_rules(tree, features, ["no", "yes"], regression=False, class_names=["no", "yes"])
    parsed = _parse_rules(rules)

    def check(n):
        if isinstance(n, str):
            return {n}
        answers_left, answers_right = check(n[1]), check(n[2])
        # a kept split separates different answers: its subtrees are not one and the same answer
        assert not (len(answers_left) == 1 and answers_left == answers_right), rules
        return answers_left | answers_right

    check(parsed)
    assert rules.count("predicts") < int((tree.tree_.children_left == -1).sum())  # something was merged
    # merging changes no prediction: every row's answer under the merged rules equals the tree's
    assert {"predicts no", "predicts yes"} == check(parsed)


def test_surrogate_fidelity_must_clearly_beat_the_majority_answer():
    assert not surrogate_is_informative(0.61, 0.59)
    assert surrogate_is_informative(0.95, 0.59)
    assert not surrogate_is_informative(0.93, 0.92)
    assert surrogate_is_informative(None, None)


def test_surrogate_of_a_network_it_cannot_imitate_carries_a_warning():
    frame = _table(n=300, planted=False)
    f = TabularFeaturizer().fit(frame)

    class Noise(torch.nn.Module):  # a network whose answers no depth-3 tree can follow
        def forward(self, x):
            return 30.0 * torch.sin(37.0 * x[:, :1] * x[:, 1:2])

    ctx = _context(Noise(), f, _dataset(frame, np.zeros(len(frame), dtype=int), BINARY))
    section = tabular_sections(ctx, methods=["surrogate"])[0]
    assert section["warnings"] and "not clearly better" in section["warnings"][0]
    assert [row[0] for row in section["tables"][0]["rows"]] == [
        "tree (held-out agreement with the network)", "always the most common prediction"]


# ------------------------------------------------------------------------------ LIME


def test_rank_agreement_is_spearman():
    from scipy.stats import spearmanr

    a, b = np.array([0.3, -1.0, 2.0, 0.1]), np.array([0.2, -0.5, 0.1, 0.3])
    assert rank_agreement(a, b) == pytest.approx(spearmanr(a, b).statistic)
    assert rank_agreement(a, 2 * a) == pytest.approx(1.0) and rank_agreement(a, -a) == pytest.approx(-1.0)
    assert np.isnan(rank_agreement(a, np.zeros(4)))


def test_lime_agrees_with_shap_on_a_linear_network_and_differs_between_patients():
    # a logistic model: SHAP (log-odds) and LIME (probability) must order the columns alike and
    # give the same sign per patient: a value below the reference mean of a risk-raising column
    # lowers this patient's risk in both
    frame = _table(n=160, planted=False)
    f = TabularFeaturizer().fit(frame)
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(len(f.feature_names_), 1))
    with torch.no_grad():
        net[0].weight.copy_(torch.tensor([[1.5, -1.0, 0.4, -0.4, 0.0, 0.2, -0.2]]))
        net[0].bias.zero_()
    y = np.zeros(len(frame), dtype=int)
    ctx = _context(net, f, _dataset(frame, y, BINARY), n_samples=6, methods=["shap", "lime"],
                   background=f.transform(_dataset(frame, y, BINARY))[:100])
    sections = tabular_sections(ctx, lime_samples=2000)
    lime = sections[2]
    assert lime["title"] == "Tables: per-patient contributions (LIME)" and "probability" in lime["caption"]
    rhos = [row[1] for row in lime["tables"][0]["rows"]]
    assert len(rhos) == 6 and min(rhos) > 0.8, rhos
    assert not any("disagree" in w for w in lime.get("warnings", []))
    assert all("SHAP–LIME rank agreement" in fig["caption"] for fig in sections[1]["figures"])
    # the bars differ between patients (LIME's default sampling gave nearly the same slopes to all)
    assert len({fig["png"] for fig in lime["figures"]}) == 6


def test_lime_weights_of_a_linear_model_are_its_slopes_per_standard_deviation():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 3)) * np.array([1.0, 2.0, 0.5])
    slopes = np.array([1.0, -0.5, 2.0])
    result = lime_weights(lambda a: a @ slopes, x, np.array([0, 1]), [0, 0], regression=True,
                          categorical=[], seed=0, n_samples=2000)
    for weights, score in result:
        np.testing.assert_allclose(weights, slopes * x.std(0), rtol=0.05)
        assert score > 0.99


# ----------------------------------------------------------------- the sections as a whole


def _trained_binary(seed=0, n=120, n_test=8):
    frame = _table(n=n, seed=seed)
    y = ((frame["age"] > 50) ^ (frame["sex"] == "male")).to_numpy().astype(int)
    train = frame.iloc[n_test:].reset_index(drop=True)
    f = TabularFeaturizer().fit(train)
    model = _mlp(BINARY, f, seed)
    opt = torch.optim.Adam(model.parameters(), lr=0.05)
    xs, ys = f.transform(train), torch.as_tensor(y[n_test:], dtype=torch.float32)
    for _ in range(30):
        opt.zero_grad()
        torch.nn.functional.binary_cross_entropy_with_logits(model(xs)[:, 0], ys).backward()
        opt.step()
    test = _dataset(frame.iloc[:n_test].reset_index(drop=True), y[:n_test], BINARY)
    return model, f, test, xs


def test_sections_are_self_contained_and_never_show_a_patients_values():
    model, f, test, train_features = _trained_binary()
    ctx = _context(model, f, test, n_samples=8, methods=["shap", "lime", "surrogate", "weights"],
                   background=train_features)
    assert 0 in ctx.sample_indices()  # the planted patient is explained
    sections = explain(ctx, "tabular")
    assert [s["title"] for s in sections] == [
        "Tables: global feature importance (SHAP)", "Tables: per-patient contributions (SHAP)",
        "Tables: per-patient contributions (LIME)", "Tables: surrogate decision tree",
        "Tables: first-layer weights"]
    # the text of the sections, images left out (their base64 holds every digit sequence)
    page = re.sub(r"'png': '[A-Za-z0-9+/=]+'", "", str(sections))
    assert "test record 1 · " in page and "patient-000" not in page  # named by place, never by its id
    for value in (PLANTED_AGE, PLANTED_DOSE):
        for shown in (repr(value), f"{value:.1f}", f"{value:.2f}", f"{value:.3g}", f"{value:.4g}", f"{value:g}"):
            assert shown not in page, shown
    for section in sections:
        assert "html" not in section and isinstance(section["seconds"], float)
        for fig in section.get("figures", []):
            assert base64.b64decode(fig["png"])[:8] == b"\x89PNG\r\n\x1a\n"
    assert "against 100 training rows" in sections[0]["caption"]


def test_explanations_are_deterministic_for_a_seed():
    model, f, test, train_features = _trained_binary()
    first = explain(_context(model, f, test, methods=["shap", "lime", "surrogate"], background=train_features),
                    "tabular")
    second = explain(_context(model, f, test, methods=["shap", "lime", "surrogate"], background=train_features),
                     "tabular")

    def without_times(sections):  # wall-clock seconds differ between runs; everything else must not
        return [{k: v for k, v in s.items() if k != "seconds"} for s in sections]

    assert without_times(first) == without_times(second)


def test_multiclass_and_regression_tables_are_explained():
    frame = _table(n=80, planted=False)
    f = TabularFeaturizer().fit(frame)
    three = Task("multiclass", ("low", "mid", "high"))
    ctx = _context(_mlp(three, f), f, _dataset(frame, np.arange(80) % 3, three), n_samples=3)
    sections = tabular_sections(ctx, max_rows=40)
    assert "ranked by the mean over classes" in sections[0]["caption"]
    assert len(sections[1]["figures"]) == 3 and len(sections[2]["figures"]) == 3  # SHAP and LIME per patient
    assert "predicts" in sections[3]["rules"] and sections[4]["title"] == "Tables: first-layer weights"

    target = Task("regression", ("dose",))
    model = _mlp(target, f)
    ctx = _context(model, f, _dataset(frame, frame[["dose"]].to_numpy(np.float32), target), n_samples=2)
    ctx.probabilities = ctx.probabilities * 20.0 + 100.0  # as the pipeline: back in the target's units
    ctx.predicted = ctx.probabilities
    sections = tabular_sections(ctx, methods=["shap", "surrogate"], max_rows=40)
    assert "(target units)" in sections[0]["caption"] and "R² =" in sections[2]["caption"]
    assert "against 80 test rows (no training rows were given)" in sections[0]["caption"]

    labels = Task("multilabel", ("fever", "cough"))
    y = np.column_stack([frame["age"] > 50, frame["sex"] == "male"]).astype(np.float32)
    y[::7, 1] = np.nan  # a missing label
    ctx = _context(_mlp(labels, f), f, _dataset(frame, y, labels), n_samples=2)
    ctx.predicted = (ctx.probabilities >= 0.5).astype(int)
    sections = tabular_sections(ctx, max_rows=40)
    assert "each label" in sections[0]["caption"] and "(per label, averaged)" in sections[3]["caption"]
    assert "LIME is not run for multi-label" in sections[2]["notes"][0]


def test_explain_methods_are_checked():
    model, f, test, _ = _trained_binary()
    with pytest.raises(ConfigError, match="valid: shap, lime, surrogate, weights"):
        explain(_context(model, f, test, methods=["shapley"]), "tabular")
    only = explain(_context(model, f, test, methods=["gradcam", "weights"]), "tabular")
    assert [s["title"] for s in only] == ["Tables: first-layer weights"]
