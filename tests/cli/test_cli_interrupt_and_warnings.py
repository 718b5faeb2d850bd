"""Ctrl-C inside a command says what was kept and how to continue (exit 130)."""

from mednn.cli import main as cli


def test_ctrl_c_inside_a_command_prints_the_interrupt_line(monkeypatch, capsys):
    import mednn.pipeline

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(mednn.pipeline, "train", interrupted)
    code = cli.main(["train", "--data", "breast-cancer", "--quiet"])
    err = capsys.readouterr().err
    assert code == 130
    assert "mednn: interrupted" in err and "--resume" in err and "Traceback" not in err

