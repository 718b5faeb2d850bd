"""`mednn train` fits the reference baselines, writes them to metrics.json and says in the
report's first section whether the network beats them; real-world files (an ARFF with a
defective line, molecules that used to crash) train end to end."""

import json

import pandas as pd

from .conftest import FAST


def test_train_writes_baselines_and_report_section(cli, tmp_path):
    out = tmp_path / "run"
    code, _, err = cli("train", "--data", "breast-cancer", "--out", out, *FAST, "--set", "explain.enabled=false")
    assert code == 0, err
    metrics = json.loads((out / "metrics.json").read_text())
    block = metrics["baselines"]
    assert [m["name"] for m in block["models"]] == ["linear", "lightgbm"]
    assert block["network"] == metrics["test"]["auroc"]["value"]
    assert block["n_resamples"] == 50
    for model in block["models"]:
        assert model["test"]["auroc"]["ci95"] is not None
        assert model["comparison"]["ci95"] is not None
    report = (out / "report.html").read_text()
    import re

    # what the checks found comes first when there is anything (issue 19), then the verdict
    sections = [s for s in re.findall(r'<section id="([^"]+)"', report) if s != "findings"]
    assert sections[0] == "baselines"
    assert block["models"][0]["comparison"]["text"][4:] in report  # "... network is ... logistic regression ..."


def test_baselines_can_be_switched_off(cli, tmp_path):
    out = tmp_path / "run"
    code, _, err = cli("train", "--data", "breast-cancer", "--out", out, *FAST, "--set", "evaluate.baselines=none", "--set", "explain.enabled=false")
    assert code == 0, err
    assert "baselines" not in json.loads((out / "metrics.json").read_text())
    assert 'id="baselines"' not in (out / "report.html").read_text()


def test_unknown_baseline_is_a_config_error(cli, tmp_path):
    code, _, err = cli("train", "--data", "breast-cancer", "--out", tmp_path / "run", *FAST,
                       "--set", "evaluate.baselines=[random_forrest]")
    assert code == 2 and "random_forest" in err


def test_arff_with_a_defective_line_trains(cli, tmp_path):
    lines = ["@relation test", "@attribute age numeric", "@attribute marker numeric", "@attribute htn {yes,no}",
             "@attribute class {ckd,notckd}", "@data"]
    for i in range(160):
        sick = i % 2 == 0
        lines.append(f"{40 + i % 30},{(1.5 if sick else -1.5) + (i % 7) / 7},{'yes' if sick else 'no'},"
                     f"{'ckd' if sick else 'notckd'}")
    lines[20] = lines[20].replace(",", ",,", 1)  # line 21: one field too many
    lines[30] = lines[30] + ","  # line 31: a trailing comma, repaired
    path = tmp_path / "kidney.arff"
    path.write_text("\n".join(lines) + "\n")
    out = tmp_path / "run"
    code, _, err = cli("train", "--data", path, "--out", out, *FAST, "--set", "data.label=class")
    assert code == 0, err
    skipped = pd.read_csv(out / "skipped.csv")
    assert skipped["row"].tolist() == [21]
    data = json.loads((out / "data.json").read_text())
    assert data["n"] == 159
    assert "htn" in data["notes"]["categorical_columns"]
    assert json.loads((out / "metrics.json").read_text())["baselines"]["models"]


def test_molecules_that_used_to_crash_train(cli, tmp_path):
    rings = ["c1ccccc1", "C1CCCCC1", "c1ccncc1", "C1CCNCC1", "c1ccoc1", "C1CCOC1"]
    rows = [{"smiles": f"{r}{'C' * k}{tail}", "active": a} for r in rings for k in range(1, 5)
            for tail, a in (("O", 1), ("N", 1), ("C", 0), ("F", 0))]
    rows += [{"smiles": "[Fe+2].c1cc[cH-]c1.c1cc[cH-]c1", "active": 0}, {"smiles": "[Na+].CC(=O)[O-]", "active": 1},
             {"smiles": "N.N.Cl[Pt]Cl", "active": 0}, {"smiles": "c1cccc1", "active": 1}]
    path = tmp_path / "mols.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    out = tmp_path / "run"
    code, _, err = cli("train", "--data", path, "--out", out, *FAST, "--set", "data.label=active")
    assert code == 0, err
    invalid = pd.read_csv(out / "invalid_molecules.csv")
    assert invalid["row"].tolist() == [len(rows) + 1]  # its file row (header = row 1); ferrocene is kept
    block = json.loads((out / "metrics.json").read_text())["baselines"]
    assert [m["name"] for m in block["models"]] == ["random_forest"]
