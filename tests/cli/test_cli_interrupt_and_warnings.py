"""Ctrl-C inside a command says what was kept and how to continue (exit 130); Python warnings
reach the user as one line, without the source line of the mednn code that raised them."""

import warnings

from mednn.cli import main as cli


def test_ctrl_c_inside_a_command_prints_the_interrupt_line(monkeypatch, capsys):
    import mednn.pipeline

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(mednn.pipeline, "run", interrupted)
    code = cli.main(["train", "--data", "breast-cancer", "--quiet"])
    err = capsys.readouterr().err
    assert code == 130
    assert "mednn: interrupted" in err and "--resume" in err and "Traceback" not in err


def test_warnings_are_one_line(monkeypatch):
    from mednn.evaluation import UndefinedMetricWarning

    monkeypatch.setattr(warnings, "formatwarning", warnings.formatwarning)  # restored after the test
    cli.main(["--version"])
    assert warnings.formatwarning is cli._format_warning
    fmt = warnings.formatwarning
    assert fmt(UndefinedMetricWarning("Metrics undefined: auroc"), UndefinedMetricWarning,
               "/x/mednn/pipeline.py", 217, "    metrics[s] = evaluate(...)") == "mednn: warning: Metrics undefined: auroc\n"
    assert fmt(UserWarning("extra\ncolumns"), UserWarning, "/x/lib.py", 3) == "mednn: warning: extra columns\n"
    assert fmt(FutureWarning("a library's\nwarning"), FutureWarning, "/x/lib.py", 3) == \
        "mednn: warning: FutureWarning: a library's warning\n"


def test_a_reader_warning_is_one_line_in_train_and_evaluate(tmp_path):
    """A blank row is a reader's warning, shown as the file is read; the end-of-command summary
    (train's on stderr, evaluate's table on stdout) used to print the same finding again."""
    import numpy as np
    import pandas as pd

    from tests.hostile.harness import call

    rng = np.random.default_rng(0)
    n = 120
    marker = rng.normal(0, 1, n)
    frame = pd.DataFrame({"age": rng.normal(60, 10, n).round(1), "marker": marker.round(3),
                          "outcome": np.where(marker > 0, "disease", "healthy")})
    for name in ("train", "site"):
        (tmp_path / f"{name}.csv").write_text(frame.to_csv(index=False) + ",,\n")  # a blank last row
    fast = ["--set", "train.epochs=2", "--set", "train.progress=false", "--set", "explain.enabled=false",
            "--set", "evaluate.bootstrap=20", "--set", "evaluate.baselines=[]"]
    run = tmp_path / "run"
    trained = call("train", "--data", tmp_path / "train.csv", "--set", "data.label=outcome", *fast, "--out", run)
    assert trained.code == 0, trained.err
    evaluated = call("evaluate", run, "--data", tmp_path / "site.csv", "--out", tmp_path / "site.json")
    assert evaluated.code == 0, evaluated.err
    for result in (trained, evaluated):
        said = [line for line in (result.out + result.err).splitlines() if "[skipped_inputs]" in line]
        assert len(said) == 1, said
