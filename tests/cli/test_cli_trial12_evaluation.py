"""Trial 12's evaluation / report defects, walked through the CLI as a user meets them, on a
small generated multilabel table (three labels, each set by one column, the third rare)."""

import json
import re

import numpy as np
import pandas as pd
import pytest

from mednn.cli.main import main

FAST = ["--set", "train.epochs=30", "--set", "train.lr=0.02", "--set", "evaluate.bootstrap=30",
        "--set", "train.progress=false", "--set", "explain.enabled=false", "--set", "report.enabled=false",
        "--set", "train.threads=1", "--set", "evaluate.baselines=none", "--set", "data.task=multilabel",
        "--set", "data.label=[lab0,lab1,lab2]"]


def _table(x: np.ndarray) -> pd.DataFrame:
    frame = pd.DataFrame({f"x{j}": x[:, j].round(3) for j in range(3)})
    for j in range(3):
        frame[f"lab{j}"] = (x[:, j] > 0).astype(int)
    return frame


def _site(path, negative_labels, seed):
    """40 records positive for every label, except 3 records negative for each label in
    ``negative_labels``: there the network calls a few negatives, elsewhere none."""
    x = np.abs(np.random.default_rng(seed).normal(0, 1, (40, 3))) + 1.0
    for j in negative_labels:
        x[:3, j] = -2.5
    _table(x).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("trial12")
    x = np.random.default_rng(0).normal(0, 1, (300, 3))
    x[:, 2] = np.where(np.arange(300) % 25 == 0, 1.0, -np.abs(x[:, 2]))  # lab2: 12 positives in 300
    _table(x).to_csv(tmp / "train.csv", index=False)
    assert main(["train", "--data", str(tmp / "train.csv"), "--out", str(tmp / "run"), *FAST]) == 0
    return tmp / "run"


def _evaluate(capsys, run, data):
    capsys.readouterr()
    code = main(["evaluate", str(run), "--data", str(data), "--out", str(data.with_suffix(".json"))])
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(data.with_suffix(".json").read_text()), out.out + out.err


def _row(text, metric):
    return next(line for line in text.splitlines() if line.startswith(metric))


def test_a_macro_average_resting_on_one_label_is_undefined_and_on_some_says_how_many(run, tmp_path, capsys):
    # site one: only lab0 has both values, so AUROC is defined on it alone (trial 13: each
    # macro average rests on the labels where its own metric is defined)
    one, text = _evaluate(capsys, run, _site(tmp_path / "one.csv", [0], seed=1))
    assert one["metrics"]["per_label"]["lab0"]["auroc"]["value"] is not None
    assert one["metrics"]["auroc"]["value"] is None and "only 1 of 3 labels" in one["metrics"]["auroc"]["reason"]
    assert "undefined (it rests on only 1 of 3 labels)" in _row(text, "AUROC ")
    assert "averaged_over" not in one["metrics"]["accuracy"]  # accuracy is defined on every label
    two, text = _evaluate(capsys, run, _site(tmp_path / "two.csv", [0, 1], seed=2))
    assert two["metrics"]["auroc"]["averaged_over"] == {"n": 2, "of": 3, "unit": "labels"}
    assert _row(text, "AUROC ").endswith("over 2 of 3 labels")
    # the run's own test split has every label both ways: a clean number there
    metrics = json.loads((run / "metrics.json").read_text())
    assert "averaged_over" not in metrics["test"]["auroc"] and metrics["test"]["auroc"]["value"] is not None


def test_the_external_validation_table_shows_the_same_rule(run, tmp_path, capsys):
    site = run.parent / "site_for_report"
    site.mkdir(exist_ok=True)
    assert main(["evaluate", str(run), "--data", str(_site(site / "one.csv", [0], seed=1))]) == 0
    assert main(["evaluate", str(run), "--data", str(_site(site / "two.csv", [0, 1], seed=2))]) == 0
    assert main(["report", str(run)]) == 0
    html = (run / "report.html").read_text()
    auroc = html[html.index("one-vs-rest macro average", html.index("External validation</h2>")):]
    auroc = re.sub(r"<[^>]+>", " ", auroc[:auroc.index("</tr>")])
    assert "undefined (it rests on only 1 of 3 labels)" in auroc and "over 2 of 3 labels" in auroc


def _report(run):
    assert main(["report", str(run)]) == 0
    return (run / "report.html").read_text()


def test_the_per_label_table_counts_positives_and_test_samples_apart(run):
    html = _report(run)
    table = html[html.index("<h3>Per label</h3>"):]
    table = table[:table.index("</table>")]
    headings = re.findall(r"<th>([^<]*)</th>", table)
    # each heading says what it counts: the label's positives, then every test sample (trial 13)
    assert headings[1:3] == ["Test samples positive for the label", "Test samples in all (label value known)"]
    test = json.loads((run / "metrics.json").read_text())["test"]["per_label"]["lab2"]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", table[table.index("<td>lab2</td>"):])
    assert cells[1:3] == [str(test["support"]), str(test["n"])] and test["support"] < test["n"]


def test_a_rare_label_gets_class_too_small_with_its_counts_per_split(run):
    data = json.loads((run / "data.json").read_text())
    found = [f for f in data["findings"] if f["id"] == "class_too_small"]
    assert len(found) == 1 and "label 'lab2' has few positives" in found[0]["message"]
    counts = {split: data["splits"][split]["class_counts"]["lab2"] for split in ("train", "val", "test")}
    assert (f"{counts['train']} in training, {counts['val']} in validation, {counts['test']} in test"
            in found[0]["message"])


def test_a_label_ranking_below_chance_on_validation_is_named_and_keeps_the_fixed_threshold(tmp_path, capsys):
    rng = np.random.default_rng(3)
    frame = _table(rng.normal(0, 1, (240, 3)))
    frame["split"] = np.where(np.arange(240) % 5 == 0, "val", np.where(np.arange(240) % 5 == 1, "test", "train"))
    val = frame["split"] == "val"
    frame.loc[val, "lab1"] = 1 - frame.loc[val, "lab1"]  # lab1 is coded the other way round on validation
    frame.to_csv(tmp_path / "flip.csv", index=False)
    code = main(["train", "--data", str(tmp_path / "flip.csv"), "--out", str(tmp_path / "run"), *FAST,
                 "--set", "data.split_column=split", "--set", "split.method=file"])
    err = capsys.readouterr().err
    assert code == 0, err
    threshold = json.loads((tmp_path / "run" / "predictor.json").read_text())["threshold"]
    assert list(threshold["below_chance_labels"]) == ["lab1"] and threshold["below_chance_labels"]["lab1"] < 0.5
    assert threshold["value"][1] == 0.5 and threshold["value"][0] != 0.5  # lab0 keeps its tuned cut
    assert "[label_below_chance] label 'lab1': validation AUROC" in err
    assert main(["report", str(tmp_path / "run")]) == 0
    assert "ranked below chance on validation" in (tmp_path / "run" / "report.html").read_text()


def test_no_skill_at_a_site_speaks_of_the_sites_data_not_a_test_split(run, tmp_path, capsys):
    rng = np.random.default_rng(5)
    site = _table(rng.normal(0, 1, (120, 3)))
    for j in range(3):
        site[f"lab{j}"] = rng.permutation(site[f"lab{j}"].to_numpy())  # labels unrelated to the inputs
    site.to_csv(tmp_path / "noise.csv", index=False)
    result, printed = _evaluate(capsys, run, tmp_path / "noise.csv")
    (finding,) = [f for f in result["findings"] if f["id"] == "no_skill"]
    assert "not distinguishable from chance on this site's data" in finding["message"]
    assert "test split" not in finding["message"] and "[no_skill] noise.csv AUROC" in printed
