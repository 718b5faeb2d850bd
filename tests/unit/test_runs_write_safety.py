"""Where a run or an output file may be written, stale partial writes, failed writes (mednn.runs)."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest

from mednn.errors import ConfigError, DataError
from mednn.runs import (MANIFEST, RunWriter, check_output_file, check_run_name, check_run_target,
                        clean_stale_partials, write_text_atomic)


def _fake_run(path: Path) -> Path:
    import json

    from mednn.runs import build_manifest

    path.mkdir(parents=True)
    (path / "model.json").write_text("{}")
    (path / MANIFEST).write_text(json.dumps(build_manifest(path)))
    return path


@pytest.mark.parametrize("name", ["../../x", "a/b", "..", ".", "", "/abs", ".hidden", "a\\b", "x" * 200])
def test_run_names_that_leave_runs_are_refused(name):
    with pytest.raises(ConfigError, match="plain folder name"):
        check_run_name(name)
    with pytest.raises(ConfigError):
        check_run_target(None, name=name)


def test_plain_run_names_go_under_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert check_run_target(None, name="breast_cancer-v1.2") == Path("runs/breast_cancer-v1.2")


def test_only_an_existing_run_is_replaced_and_only_with_overwrite(tmp_path):
    run = _fake_run(tmp_path / "run")
    with pytest.raises(DataError, match="already exists.*--overwrite"):
        check_run_target(run)
    assert check_run_target(run, overwrite=True) == run
    folder = tmp_path / "thesis"
    folder.mkdir()
    (folder / "chapter1.tex").write_text("years of work")
    for overwrite in (False, True):
        with pytest.raises(DataError, match="not a mednn run"):
            check_run_target(folder, overwrite=overwrite)
        with pytest.raises(DataError, match="not a mednn run"):
            RunWriter(folder, overwrite=overwrite)
    assert (folder / "chapter1.tex").read_text() == "years of work"
    a_file = tmp_path / "notes.txt"
    a_file.write_text("keep")
    with pytest.raises(DataError, match="not a mednn run"):
        check_run_target(a_file, overwrite=True)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert check_run_target(empty) == empty  # an empty folder holds nothing to lose


def test_overwrite_never_deletes_a_file_mednn_did_not_write_nor_an_edited_run(tmp_path):
    run = _fake_run(tmp_path / "run")
    (run / "patients.csv").write_text("the only copy")
    for target in (lambda: check_run_target(run, overwrite=True), lambda: RunWriter(run, overwrite=True)):
        with pytest.raises(DataError, match=r"1 file\(s\) mednn did not write \(patients.csv\)"):
            target()
    assert (run / "patients.csv").read_text() == "the only copy"
    (run / "patients.csv").unlink()
    (run / "model.json").write_text('{"edited": true}')
    with pytest.raises(DataError, match="no longer matches its manifest"):
        check_run_target(run, overwrite=True)
    assert (run / "model.json").read_text() == '{"edited": true}'


def test_a_link_and_a_run_inside_a_run_are_refused(tmp_path):
    run = _fake_run(tmp_path / "run")
    (tmp_path / "link").symlink_to(run)
    with pytest.raises(DataError, match="symbolic link"):
        check_run_target(tmp_path / "link", overwrite=True)
    with pytest.raises(DataError, match="inside the run directory"):
        check_run_target(run / "nested")


def test_overwrite_replaces_a_run_but_never_a_folder_that_appeared_meanwhile(tmp_path):
    out = tmp_path / "run"
    with RunWriter(out) as w:
        w.write_text("a.txt", "first")
    with RunWriter(out, overwrite=True) as w:
        w.write_text("a.txt", "second")
    assert (out / "a.txt").read_text() == "second"
    other = tmp_path / "late"
    writer = RunWriter(other, overwrite=True)
    other.mkdir()
    (other / "precious").write_text("x")  # not a run: appeared while training
    with pytest.raises(DataError, match="not a mednn run"):
        with writer as w:
            w.write_text("a.txt", "new")
    assert (other / "precious").read_text() == "x" and not writer.path.exists()


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_stale_partials_of_a_killed_write_are_cleaned_on_the_next_write(tmp_path):
    dead = tmp_path / ".bc.partial-999999999-abc123"  # no such process
    old_style = tmp_path / ".bc.partial-k2j4h_"  # written before partial names carried the pid
    alive = tmp_path / f".bc.partial-{os.getppid()}-zz9"  # a write in progress by a running process
    # killed a moment ago (newer than this process): its process is gone and holds no lock, so it
    # is swept too; a rerun right after a kill must not leave it (issue 22)
    fresh = tmp_path / ".bc.partial-999999998-new"
    other_run = tmp_path / ".bcx.partial-999999999-abc"
    not_ours = tmp_path / ".bc.partial-999999999-abc.keep"  # outside mednn's pattern
    for folder in (dead, old_style, alive, fresh, other_run, not_ours):
        folder.mkdir()
        (folder / "model.json").write_text("{}")
    for folder in (dead, old_style, alive, other_run, not_ours):
        _age(folder, 10 * 24 * 3600)
    link = tmp_path / ".bc.partial-999999997-link"
    link.symlink_to(not_ours)
    with RunWriter(tmp_path / "bc") as w:
        w.write_text("a.txt", "x")
    assert not dead.exists() and not old_style.exists() and not fresh.exists()
    for kept in (alive, other_run, not_ours, link):
        assert kept.exists() or kept.is_symlink(), kept
    assert (not_ours / "model.json").exists()
    assert clean_stale_partials(tmp_path / "bc") == []


def _fail_with(code):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return fail


def test_disk_full_while_writing_leaves_nothing_and_says_so_in_one_line(tmp_path, monkeypatch):
    out = tmp_path / "run"
    real_write_text = Path.write_text

    def write_text(self, *args, **kwargs):
        if ".partial-" in str(self) and self.name == "metrics.json":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_text)
    with pytest.raises(DataError, match="No space left on device.*nothing was written.*free disk space") as info:
        with RunWriter(out) as w:
            w.write_text("model.json", "{}")
            w.write_json("metrics.json", {"auroc": 0.9})
    assert "\n" not in str(info.value)
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_a_read_only_folder_is_found_before_training(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "mkdtemp", _fail_with(errno.EROFS))
    with pytest.raises(DataError, match="Read-only file system") as info:
        check_run_target(tmp_path / "run")
    assert "\n" not in str(info.value)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes in read-only folders")
def test_a_read_only_folder_without_monkeypatching(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(DataError, match="Permission denied"):
            check_run_target(folder / "run")
        with pytest.raises(DataError, match="Permission denied"):
            check_output_file(folder / "p.csv")
    finally:
        folder.chmod(0o700)


def test_output_files_never_overwrite_an_input_nor_land_in_a_run(tmp_path, monkeypatch):
    data = tmp_path / "patients.csv"
    data.write_text("age\n61\n")
    run = _fake_run(tmp_path / "run")
    with pytest.raises(DataError, match="is the input"):
        check_output_file(data, inputs=[data, run])
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataError, match="is the input"):
        check_output_file(Path("./sub/../patients.csv"), inputs=[tmp_path / "patients.csv"])
    (tmp_path / "alias.csv").symlink_to(data)
    with pytest.raises(DataError, match="is the input"):
        check_output_file(tmp_path / "alias.csv", inputs=[data])
    for inside in (run / "predictions.csv", run / "new.csv", run / "model.json"):
        with pytest.raises(DataError, match="inside the run directory"):
            check_output_file(inside, inputs=[data])
    with pytest.raises(DataError, match="does not exist"):
        check_output_file(tmp_path / "missing" / "p.csv", inputs=[data])
    with pytest.raises(DataError, match="is a folder"):
        check_output_file(tmp_path, inputs=[data])
    assert check_output_file(tmp_path / "p.csv", inputs=[data, run]) == tmp_path / "p.csv"
    assert data.read_text() == "age\n61\n"


def test_an_atomic_text_write_that_fails_leaves_the_old_file_and_no_partial(tmp_path, monkeypatch):
    target = tmp_path / "metrics.json"
    target.write_text("old")
    import mednn.outputs as files  # where runs.files' atomic writes are made

    monkeypatch.setattr(files.os, "replace", _fail_with(errno.ENOSPC))
    with pytest.raises(DataError, match="No space left on device"):
        write_text_atomic(target, "new")
    assert target.read_text() == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["metrics.json"]
