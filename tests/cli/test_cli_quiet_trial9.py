"""Trial 9 (#8c): `train --quiet` kept the reader's warnings but dropped the data checks'
(impossible_values): every warning finding prints one line, with or without --quiet."""

import os
import subprocess
import sys
from pathlib import Path

import mednn
import numpy as np
import pandas as pd

FAST = ["--set", "train.epochs=2", "--set", "evaluate.bootstrap=10", "--set", "train.progress=false",
        "--set", "explain.enabled=false", "--set", "report.enabled=false", "--set", "train.threads=1"]


def _train(tmp_path, *extra):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(mednn.__file__).parents[1]),
                                                         os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "mednn", "train", "--data", str(tmp_path / "t.csv"),
                           "--set", "data.label=y", *FAST, *extra], env=env, capture_output=True, text=True,
                          timeout=600, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_quiet_keeps_one_line_per_warning_and_drops_the_rest(tmp_path):
    rng = np.random.default_rng(4)
    n = 150
    frame = pd.DataFrame({"age": rng.normal(60, 10, n).round(0), "marker": rng.normal(0, 1, n)})
    frame["y"] = np.where(frame["marker"] + rng.normal(0, 0.5, n) > 0, "sick", "well")
    frame.loc[7, "age"] = 670.0  # impossible_values: a data check's warning
    frame.to_csv(tmp_path / "t.csv", index=False)
    loud = _train(tmp_path, "--out", str(tmp_path / "a"))
    quiet = _train(tmp_path, "--out", str(tmp_path / "b"), "--quiet")
    for err in (loud, quiet):
        assert sum("mednn: warning: [impossible_values]" in line for line in err.splitlines()) == 1, err
    assert "test metric" in loud and "test metric" not in quiet  # the summary is left out
    assert "data: " in loud and "data: " not in quiet  # and the log lines
