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
