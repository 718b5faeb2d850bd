import numpy as np
import pandas as pd
import pytest

from mednn.cli.main import main


@pytest.fixture
def cli(capsys):
    """Run `mednn ARGS...` in-process; return (exit code, stdout, stderr)."""

    def run(*args: str):
        code = main([str(a) for a in args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


FAST = ["--set", "train.epochs=40", "--set", "train.lr=0.02", "--set", "evaluate.bootstrap=50", "--set", "train.progress=false",
        "--set", "explain.n_samples=2"]


@pytest.fixture
def patients_csv(tmp_path):
    """A small synthetic patient table: two informative features, a category, a patient id."""
    rng = np.random.default_rng(0)
    n = 240
    age = rng.normal(60, 10, n).round(1)
    marker = rng.normal(0, 1, n)
    sex = rng.choice(["F", "M"], n)
    risk = 0.08 * (age - 60) + 1.5 * marker + (sex == "M") * 0.5
    outcome = np.where(risk + rng.normal(0, 0.7, n) > 0, "disease", "healthy")
    frame = pd.DataFrame({
        "record": [f"r{i:04d}" for i in range(n)],
        "patient": [f"p{i // 2:03d}" for i in range(n)],
        "age": age, "marker": marker, "sex": sex, "outcome": outcome,
    })
    path = tmp_path / "patients.csv"
    frame.to_csv(path, index=False)
    return path


QUIET_RUN = ["data.path=breast-cancer", "train.threads=1", "train.progress=false", "explain.enabled=false",
             "report.enabled=false"]


def breast_cancer_run(tmp_path_factory, *settings: str):
    """A small run on the bundled breast-cancer records (``settings``: more ``key=value``), for
    the tests that serve or load one."""
    from mednn.config import load_config
    from mednn.pipeline import train

    return train(load_config(None, [*QUIET_RUN, *settings]), tmp_path_factory.mktemp("runs") / "bc")
