"""One write policy for every command that writes (issue 22, item 1), probed from the CLI's own
command list: each output option of each command is pointed at a file the user owns, a
folder, the command's own input, a run and a file inside one, a link, a missing folder, a
read-only folder and a full disk (failing at once and half-way). Every case is refused in one
line, exit 2, with every file as it was and nothing partial left."""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from .commands import OUTPUT_KINDS, command_paths, invocation, inputs_of, output_options
from .conftest import foreign_file, foreign_folder
from .harness import FULL, READ_ONLY, FailingDisk, call, copy_run, probe, snapshot

COMMANDS = command_paths()
SLOTS = [(name, option) for name, command in COMMANDS.items() for option in output_options(command)]

FILE_TARGETS = ["foreign file", "folder", "own input", "inside the run", "the run", "link", "missing folder",
                "read-only", "full disk", "full disk half-way"]
FOLDER_TARGETS = ["foreign file", "foreign folder", "own input", "inside the run", "the run", "link", "read-only",
                  "full disk", "full disk half-way"]
RUN_TARGETS = ["foreign file", "foreign folder", "foreign folder --overwrite", "a run without --overwrite",
               "a run holding its input", "inside the run", "link", "read-only", "full disk"]
TARGETS = {"file": FILE_TARGETS, "folder": FOLDER_TARGETS, "run": RUN_TARGETS}
# writing half-way takes real work (training); these commands are probed failing at once only
NO_HALF_WAY = {"demo", "tune", "federated run", "federated superlink", "federated supernode"}


def test_every_output_option_has_a_kind():
    """A new command or output option fails here until it is classified (and so probed)."""
    assert sorted(SLOTS) == sorted(OUTPUT_KINDS), "classify the new output option in OUTPUT_KINDS"


# demo reads built-in data only: no run can hold its input
NOT_APPLICABLE = {("demo", "a run holding its input")}
CASES = [(name, option, target) for name, option in SLOTS for target in TARGETS[OUTPUT_KINDS[(name, option)]]
         if not (target == "full disk half-way" and name in NO_HALF_WAY) and (name, target) not in NOT_APPLICABLE]


def _free_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return str(s.getsockname()[1])


def _target(target: str, kind: str, name: str, world, work: Path, monkeypatch):
    """The path to pass, and extra arguments."""
    extra: dict = {}
    if target == "foreign file":
        return foreign_file(work), extra
    if target in ("folder", "foreign folder", "foreign folder --overwrite"):
        if target.endswith("--overwrite"):
            extra["--overwrite"] = None
        return foreign_folder(work), extra
    if target == "own input":
        inputs = [p for p in inputs_of(name, world) if p.is_file()]
        return (inputs[0] if inputs else world.table), extra
    if target == "inside the run":
        return world.run / ("new" if kind != "file" else "new.csv"), extra
    if target == "the run":
        return world.run, extra
    if target == "link":
        link = work / "link"
        link.symlink_to(foreign_file(work))
        return link, extra
    if target == "missing folder":
        return work / "missing" / "out.csv", extra
    if target == "a run without --overwrite":
        return copy_run(world.run, work), extra
    if target == "a run holding its input":
        run = copy_run(world.run, work)
        extra["--overwrite"] = None
        extra["input in run"] = run / "predictions.csv"
        return run, extra
    if target in ("read-only", "full disk", "full disk half-way"):
        code = READ_ONLY if target == "read-only" else FULL
        extra["disk"] = FailingDisk(work, code, allow=1 if target.endswith("half-way") else 0).install(monkeypatch)
        return work / ("out.csv" if kind == "file" else "out"), extra
    raise AssertionError(target)


@pytest.mark.parametrize("name,option,target", CASES, ids=[f"{n}:{o}:{t}" for n, o, t in CASES])
def test_output_is_refused(name, option, target, world, case, monkeypatch):
    kind = OUTPUT_KINDS[(name, option)]
    path, extra = _target(target, kind, name, world, case, monkeypatch)
    argv = invocation(name, world, case, **{option: path})
    if name == "serve":
        argv = invocation(name, world, case, **{option: path, "--port": _free_port()})
    if "input in run" in extra:  # train on a file inside the run it would replace
        argv = [a if a != world.table else extra["input in run"] for a in argv]
        argv = [a if a != "data.label=outcome" else "data.label=predicted" for a in argv]
        if name == "federated run":
            argv += ["--data", extra["input in run"]]
    if "--overwrite" in extra:
        argv.append("--overwrite")
    roots = [world.root, case.parent]
    result = probe(roots, *argv, what=f"{name} {option}={target}")
    if target in ("read-only", "full disk", "full disk half-way"):
        reason = "Read-only file system" if target == "read-only" else "No space left on device"
        assert reason in result.err, result.err


def test_each_command_with_an_output_writes_it_whole_when_allowed(world, case):
    """The positive control: the refusals above are not a command failing for another reason."""
    for name, produced in [("inspect", "findings.json"), ("predict", "predictions.csv"),
                           ("evaluate", "evaluation.json"), ("report", "report.html"), ("deid", "clean.csv"),
                           ("keygen", "newkeys"), ("serve-keys new", "keys.json")]:
        result = probe([world.root, case.parent], *invocation(name, world, case), code=0,
                       allowed=[case / produced], what=name)
        assert (case / produced).exists(), (name, result.err)


def test_a_rerun_replaces_only_its_own_kind_of_output(world, case):
    roots = [world.root, case.parent]
    for name, again in [("inspect", 0), ("predict", 0), ("serve-keys new", 0), ("evaluate", 2), ("report", 2),
                        ("deid", 2), ("keygen", 2)]:
        argv = invocation(name, world, case)
        assert call(*argv).code == 0, name
        probe(roots, *argv, code=again, allowed=[case] if again == 0 else [], what=f"{name} again")


def test_train_refuses_a_run_target_before_reading_any_data(world, case, monkeypatch):
    import mednn.pipeline.preparation
    import mednn.pipeline.finishing

    def refuse(*args, **kwargs):
        raise AssertionError("data was read before the run folder was checked")

    monkeypatch.setattr(mednn.pipeline.preparation, "read_and_split", refuse)
    probe([world.root, case.parent], *invocation("train", world, case, **{"--out": foreign_folder(case)}))


def test_train_writes_a_run_and_a_full_disk_at_a_checkpoint_leaves_nothing(world, case, monkeypatch):
    roots = [world.root, case.parent]
    argv = invocation("train", world, case) + ["--set", "train.checkpoint_every=1"]
    probe(roots, *argv, code=0, allowed=[case / "run"], what="train")
    FailingDisk(case, FULL, allow=2).install(monkeypatch)  # the target probe passes; the checkpoint fails
    result = probe(roots, *invocation("train", world, case, **{"--out": case / "second"}),
                   "--set", "train.checkpoint_every=1")
    assert "No space left on device" in result.err


@pytest.mark.parametrize("allow", [0, 1, 2, 5, 9])
def test_a_full_disk_while_writing_a_run_leaves_nothing(world, case, monkeypatch, allow):
    FailingDisk(case, FULL, allow=allow).install(monkeypatch)
    probe([world.root, case.parent], *invocation("train", world, case), what=f"train, disk full after {allow}")


@pytest.mark.parametrize("command", ["evaluate", "report", "sign"])
@pytest.mark.parametrize("fault", [READ_ONLY, FULL])
def test_commands_that_change_a_run_fail_in_one_line_and_leave_it_intact(world, case, monkeypatch, command, fault):
    """`evaluate` (into the run), `report` (rebuilt in the run) and `sign` write only through
    the run's own atomic update: a failing disk leaves the run exactly as it was, and verified."""
    run = copy_run(world.run, case)
    argv = {"evaluate": ["evaluate", run, "--data", world.labelled, "--bootstrap", "0"],
            "report": ["report", run],
            "sign": ["sign", run, "--key", world.keys / "mednn-signing.key"]}[command]
    before = snapshot(run)
    FailingDisk(case, fault, allow=0).install(monkeypatch)
    probe([world.root, case.parent], *argv, what=f"{command} on a failing disk")
    monkeypatch.undo()
    assert snapshot(run) == before
    assert call("verify", run).code == 0


@pytest.mark.parametrize("fault", [READ_ONLY, FULL])
def test_revoking_a_key_on_a_failing_disk_leaves_the_key_file(world, case, monkeypatch, fault):
    keys = case / "keys.json"
    assert call("serve-keys", "new", "--out", keys, "--id", "a").code == 0
    before = keys.read_bytes()
    FailingDisk(case, fault).install(monkeypatch)
    probe([world.root, case.parent], "serve-keys", "revoke", keys, "a")
    assert keys.read_bytes() == before


@pytest.mark.parametrize("target", ["foreign file", "inside the run", "link", "the run"])
def test_revoke_writes_only_a_key_file_of_mednn(world, case, target):
    path = {"foreign file": lambda: foreign_file(case), "inside the run": lambda: world.run / "keys.json",
            "the run": lambda: world.run, "link": lambda: _link(case)}[target]()
    probe([world.root, case.parent], "serve-keys", "revoke", path, "ci")


def _link(case: Path) -> Path:
    link = case / "keys.json"
    link.symlink_to(foreign_file(case))
    return link


def test_dicom_deid_never_writes_into_a_run_an_input_or_a_folder_it_did_not_make(world, case):
    from tests.dicom_files import write_dicom

    study = case / "study"
    study.mkdir()
    write_dicom(study / "a.dcm")
    roots = [world.root, case.parent]
    for target in (world.run / "clean", study / "clean", foreign_folder(case), world.run):
        probe(roots, "deid", study, "--out", target, what=f"dicom deid -> {target.name}")


# --- partial writes of killed processes ---------------------------------------------------------

_KILLED_WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from mednn.runs import RunWriter
    with RunWriter(Path(sys.argv[1])) as run:
        run.write_text("model.json", "{}")
        print("writing", flush=True)
        time.sleep(60)
""")


def _start_writer(target: Path, script: str = _KILLED_WRITER) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    child = subprocess.Popen([sys.executable, "-c", script, str(target)], stdout=subprocess.PIPE, env=env, text=True)
    assert child.stdout.readline().strip() == "writing"
    return child


def test_a_rerun_right_after_a_kill_during_the_final_write_leaves_no_partial(world, case):
    """Killed (SIGKILL) while writing a run, then run again within a second: the dead write's
    partial folder is swept, whatever its age."""
    target = case / "run"
    child = _start_writer(target)
    child.kill()
    child.wait()
    assert [p for p in case.iterdir() if ".partial-" in p.name], "the kill left no partial to sweep"
    started = time.monotonic()
    result = call(*invocation("train", world, case))
    assert result.code == 0, result.err
    assert time.monotonic() - started < 60
    assert sorted(p.name for p in case.iterdir()) == ["run"]


def test_a_partial_of_a_live_write_is_never_swept(world, case):
    """Another process still writing the same target holds its lock: its partial stays."""
    from mednn.outputs import sweep_partials

    target = case / "run"
    child = _start_writer(target)
    try:
        partial = next(p for p in case.iterdir() if ".partial-" in p.name)
        assert sweep_partials(target) == [] and partial.exists()
    finally:
        child.kill()
        child.wait()
    assert sweep_partials(target) == [partial] and not partial.exists()


def test_a_killed_key_pair_write_leaves_no_half_key_folder(world, case):
    script = textwrap.dedent("""
        import sys, time
        from pathlib import Path
        import mednn.runs.signing as signing
        real = signing._write_new
        def slow(path, data, mode):
            real(path, data, mode)
            print("writing", flush=True)
            time.sleep(60)
        signing._write_new = slow
        signing.generate_key_pair(Path(sys.argv[1]))
    """)
    child = _start_writer(case / "keys", script)
    child.kill()
    child.wait()
    assert not (case / "keys").exists()
    assert call("keygen", "--out", case / "keys").code == 0
    assert sorted(p.name for p in case.iterdir()) == ["keys"]
    assert sorted(p.name for p in (case / "keys").iterdir()) == ["mednn-signing.key", "mednn-signing.pub"]


def test_interrupted_training_keeps_its_checkpoint_and_a_failed_one_does_not(world, case, monkeypatch):
    """A kill or Ctrl-C keeps the last checkpoint (that is what --resume continues); a failure
    (here a bad value met after training started) removes it."""
    import mednn.pipeline.preparation
    import mednn.pipeline.finishing

    argv = invocation("train", world, case) + ["--set", "train.checkpoint_every=1", "--set", "train.epochs=3"]
    real = mednn.pipeline.finishing.run_metrics

    def fail(*args, **kwargs):
        from mednn.errors import DataError

        raise DataError("a problem met after training")

    monkeypatch.setattr(mednn.pipeline.finishing, "run_metrics", fail)
    result = call(*argv)
    assert result.code == 2 and not any(p.name.startswith(".run.checkpoint") for p in case.iterdir())

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(mednn.pipeline.finishing, "run_metrics", interrupt)
    assert call(*argv).code == 130
    assert (case / ".run.checkpoint").is_dir()
    monkeypatch.setattr(mednn.pipeline.finishing, "run_metrics", real)
    result = call(*argv, "--resume")
    assert result.code == 0, result.err
    assert sorted(p.name for p in case.iterdir()) == ["run"]


def test_errno_names_are_what_the_suite_simulates():
    assert os.strerror(errno.EROFS) == "Read-only file system" and os.strerror(errno.ENOSPC) == "No space left on device"
