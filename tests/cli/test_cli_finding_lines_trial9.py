"""Trial 9 (#11): one evaluate printed findings in two forms (`mednn: warning: [id] msg` as shown
warnings, `warning [id]: msg` in its summary): every console finding line has the first form."""

import os
import re
import subprocess
import sys
from pathlib import Path

import mednn
import numpy as np
import pandas as pd

from mednn.findings import FINDING_IDS

FAST = ["--set", "train.epochs=2", "--set", "evaluate.bootstrap=10", "--set", "train.progress=false",
        "--set", "explain.enabled=false", "--set", "report.enabled=false", "--set", "train.threads=1"]
FORM = re.compile(r"mednn: (warning|info|refuse): \[(\w+)\] \S")


def test_every_finding_line_of_train_and_evaluate_has_one_form(cli, tmp_path):
    rng = np.random.default_rng(2)
    n = 200
    frame = pd.DataFrame({"age": rng.normal(60, 10, n).round(0), "chol": rng.normal(200, 30, n).round(0)})
    frame["y"] = np.where(frame["age"] + rng.normal(0, 8, n) > 60, "sick", "well")
    frame.to_csv(tmp_path / "t.csv", index=False)
    site = frame.head(60).assign(chol=0.0)  # a site that wrote every cholesterol as 0: dataset_shift
    site.to_csv(tmp_path / "site.csv", index=False)
    code, _, train_err = cli("train", "--data", tmp_path / "t.csv", "--set", "data.label=y", "--out", tmp_path / "run",
                             *FAST)
    assert code == 0, train_err
    # as a user sees it: shown warnings and the summary on one stderr
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(mednn.__file__).parents[1]),
                                                         os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "mednn", "evaluate", str(tmp_path / "run"), "--data",
                           str(tmp_path / "site.csv"), "--out", str(tmp_path / "e.json")], env=env,
                          capture_output=True, text=True, timeout=600)
    err = done.stdout + done.stderr
    assert done.returncode == 0, err
    ids = "|".join(FINDING_IDS)
    lines = [line for line in (train_err + err).splitlines() if re.search(rf"\[({ids})\]", line)]
    assert any("[dataset_shift]" in line for line in lines), err
    assert all(FORM.match(line) for line in lines), [line for line in lines if not FORM.match(line)]
