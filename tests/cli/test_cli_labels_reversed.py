"""`mednn evaluate RUN --data SITE` where the site codes the positive class the other way: a
``labels_reversed`` warning on the console, in the evaluation's JSON and in the report's External
validation section, instead of an AUROC of 0.1 said silently (issue 19 item 3)."""

import json

import numpy as np
import pandas as pd

from mednn.cli.main import main

FAST = ["--set", "train.epochs=30", "--set", "train.lr=0.02", "--set", "evaluate.bootstrap=30",
        "--set", "train.progress=false", "--set", "explain.enabled=false", "--set", "report.enabled=false",
        "--set", "train.threads=1", "--set", "evaluate.baselines=none", "--set", "data.label=outcome",
        "--set", "data.positive_class=disease"]


def test_a_site_coding_the_label_the_other_way_is_said(tmp_path, capsys):
    rng = np.random.default_rng(1)
    x = rng.normal(0, 1, (500, 3))
    frame = pd.DataFrame({f"x{j}": x[:, j].round(3) for j in range(3)})
    frame["outcome"] = np.where(1.2 * x[:, 0] - 0.8 * x[:, 1] + rng.normal(0, 1, 500) > 0, "disease", "healthy")
    frame.iloc[:400].to_csv(tmp_path / "train.csv", index=False)
    site = frame.iloc[400:].copy()
    site.to_csv(tmp_path / "same.csv", index=False)
    site["outcome"] = np.where(site["outcome"] == "disease", "healthy", "disease")
    site.to_csv(tmp_path / "other.csv", index=False)
    run = tmp_path / "run"
    assert main(["train", "--data", str(tmp_path / "train.csv"), "--out", str(run), *FAST]) == 0
    for name, expected in (("same", False), ("other", True)):
        capsys.readouterr()
        assert main(["evaluate", str(run), "--data", str(tmp_path / f"{name}.csv")]) == 0
        out = capsys.readouterr()
        err = out.out + out.err
        ids = [f["id"] for f in json.loads((run / "evaluations" / f"{name}.json").read_text())["findings"]]
        assert ("labels_reversed" in ids) == expected, (name, ids)
        assert ("mednn: warning: [labels_reversed] other.csv ranks below chance" in err) == expected, err
        assert "no_skill" not in ids  # said once, as labels_reversed
    assert main(["report", str(run)]) == 0
    html = (run / "report.html").read_text()
    external = html[html.index("External validation</h2>"):]
    assert "Labels coded the other way?</strong> other.csv ranks below chance beyond doubt" in external
