"""`mednn inspect` prints the same data-check findings as `mednn train` (trial 4, item 6): the
modality's split checks (label leakage, ...) run through one function for both commands."""

import numpy as np
import pandas as pd

from mednn.config import load_config
from mednn.pipeline import prepare
from tests.recording import RecordingReporter


def test_inspect_prints_the_label_leakage_that_training_prints(cli, tmp_path):
    rng = np.random.default_rng(3)
    n = 300
    y = (rng.random(n) < 0.3).astype(int)
    frame = pd.DataFrame({"age": rng.normal(50, 10, n).round(1), "marker": rng.normal(0, 1, n) + y,
                          "biopsy_report": np.where(y == 1, rng.random(n) < 0.95, rng.random(n) < 0.05).astype(int),
                          "outcome": np.where(y == 1, "ill", "well")})
    path = tmp_path / "t.csv"
    frame.to_csv(path, index=False)
    code, stdout, err = cli("inspect", "--data", path, "--set", "data.label=outcome", "--no-label-issues")
    assert code == 0, err
    inspected = [line.strip()[2:] for line in stdout.splitlines() if "[label_leakage]" in line]
    assert len(inspected) == 1 and "'biopsy_report'" in inspected[0]

    said = RecordingReporter()
    prepare(load_config(None, [f"data.path={path}", "data.label=outcome", "train.progress=false"]),
            tmp_path / "run", reporter=said)
    # the same finding: training prints it as a console line, inspect as an entry of its list
    assert [line.removeprefix("mednn: ") for line in said.lines if "[label_leakage]" in line] == inspected
