"""Resource bounds before allocation (issue 22, item 6): images whose header declares more
pixels or voxels than mednn decodes, tables too wide, labels with too many classes, networks too
large for the machine and bootstrap counts past the cap are refused in one line, in seconds,
before the memory is asked for."""

from __future__ import annotations

import io
import struct
import time

import numpy as np
import pandas as pd
import pytest

from tests.declared_files import nifti_declaring, png_declaring

from .commands import SETS, invocation
from .harness import Reached, call, probe


def _tiff(width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (8, 8)).save(out, format="TIFF")
    data = bytearray(out.getvalue())
    # patch the width / height tags (256, 257) of the one IFD to declare a huge image
    (offset,) = struct.unpack_from("<I", data, 4)
    (count,) = struct.unpack_from("<H", data, offset)
    for i in range(count):
        at = offset + 2 + 12 * i
        tag, kind = struct.unpack_from("<HH", data, at)
        if tag in (256, 257):
            if kind == 3:
                struct.pack_into("<H", data, at + 8, 60_000)
            else:
                struct.pack_into("<I", data, at + 8, 60_000)
    return bytes(data)


IMAGES = {
    "a PNG of 30,000 x 30,000": ("bomb.png", lambda: png_declaring(30_000, 30_000)),
    "a PNG of 12,000 x 12,000": ("large.png", lambda: png_declaring(12_000, 12_000)),
    "a PNG of 1 x 100,000,000": ("line.png", lambda: png_declaring(1, 100_000_000)),
    "a TIFF of 60,000 x 60,000": ("bomb.tif", lambda: _tiff(60_000, 60_000)),
    "a NIfTI of 4000^3 voxels": ("bomb.nii", lambda: nifti_declaring((4000, 4000, 4000))),
    "a NIfTI of 2 x 10^9 voxels in 4D": ("bomb4d.nii", lambda: nifti_declaring((1000, 1000, 100, 20))),
}


@pytest.mark.parametrize("what", list(IMAGES))
def test_an_image_declaring_too_many_pixels_is_refused_from_its_header(what, case):
    from mednn.data.image_decoding import read_image
    from mednn.data.image_limits import ImageTooLarge
    from mednn.data.image_options import ImageOptions

    name, make = IMAGES[what]
    path = case / name
    path.write_bytes(make())
    started = time.perf_counter()
    with pytest.raises(ImageTooLarge) as info:
        read_image(path, ImageOptions())
    assert time.perf_counter() - started < 5 and "\n" not in str(info.value)


def _write(frame: pd.DataFrame, case) -> str:
    path = case / "table.csv"
    frame.to_csv(path, index=False)
    return str(path)


def _wide_table(case) -> str:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(rng.normal(size=(20, 10_050)).round(2), columns=[f"c{i}" for i in range(10_050)])
    frame["outcome"] = rng.choice(["a", "b"], 20)
    return _write(frame, case)


class _ColumnWork:
    """Counts calls of the first per-column step after parsing (``check_features``: converting and
    checking each feature column, where a 60 x 99,990 table spent minutes, issue 22); with
    ``stop``, the first call ends the command (a too-wide table that got that far)."""

    def __init__(self, stop: bool = False):
        self.calls, self.stop = 0, stop

    def install(self, monkeypatch) -> "_ColumnWork":
        from mednn.data import table_dataset

        real = table_dataset.check_features

        def counted(*args, **kwargs):
            self.calls += 1
            if self.stop:
                raise Reached("a table of 10,050 columns reached the per-column work")
            return real(*args, **kwargs)

        monkeypatch.setattr(table_dataset, "check_features", counted)
        return self


def test_a_table_too_wide_is_refused_before_the_column_work(world, case, monkeypatch):
    """The promise (issue 22): a too-wide table is refused right after parsing, before any work per
    column. Judged by what was done (the per-column step never called) and by this process's CPU
    time, not by wall-clock time, which other jobs on the machine stretch."""
    data = _wide_table(case)
    work = _ColumnWork(stop=True).install(monkeypatch)  # had the table got that far, the test ends there
    cpu = time.process_time()
    result = probe([world.root, case], "train", "--data", data, "--set", "data.label=outcome", *SETS,
                   "--out", case / "run", "--quiet", what="10,050 columns")
    assert "columns" in result.err and work.calls == 0
    assert time.process_time() - cpu < 30  # parsing 20 x 10,050 cells: about a second of CPU


def test_the_width_check_is_what_stops_a_too_wide_table(world, case, monkeypatch):
    """The test above can fail: with the refusal lifted, the same table reaches the per-column work
    (stopped there at once, so this costs no training)."""
    from mednn.data import table_dataset

    data = _wide_table(case)
    monkeypatch.setattr(table_dataset, "MAX_FEATURE_COLUMNS", 1_000_000)
    work = _ColumnWork(stop=True).install(monkeypatch)
    with pytest.raises(Reached):
        call("train", "--data", data, "--set", "data.label=outcome", *SETS, "--out", case / "run", "--quiet")
    assert work.calls == 1


@pytest.mark.parametrize("classes", [1_001, 10_000])
def test_a_label_with_too_many_classes_is_refused(world, case, classes):
    rng = np.random.default_rng(0)
    n = max(classes, 2_000)
    frame = pd.DataFrame({"x": rng.normal(size=n).round(3), "outcome": [f"k{i % classes}" for i in range(n)]})
    result = probe([world.root, case], "train", "--data", _write(frame, case), "--set", "data.label=outcome",
                   *SETS, "--out", case / "run", "--quiet", what=f"{classes} classes")
    assert "classes" in result.err and "k1" not in result.err


# parameters beyond any machine's memory (10^12, 8 x 10^10, 2 x 10^11 x 4 bytes): how much fits
# depends on the machine, so each is far past what any has
@pytest.mark.parametrize("sizes", ["[1000000, 1000000]", "[200000, 200000, 200000]", "[100000000]"])
def test_a_network_too_large_is_refused_before_allocation(world, case, sizes):
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = probe([world.root, case], *invocation("train", world, case), "--set", "model.name=mlp",
                   "--set", f"model.hidden_sizes={sizes}", what=f"hidden_sizes={sizes}")
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert "model" in result.err and grown_mb < 1_000, f"{grown_mb:.0f} MB allocated before refusing"


@pytest.mark.parametrize("count", ["1000000000", "100001"])
def test_bootstrap_counts_are_capped_everywhere(world, case, count):
    probe([world.root, case], *invocation("evaluate", world, case, **{"--bootstrap": count}),
          what=f"evaluate --bootstrap {count}")
    probe([world.root, case], *invocation("train", world, case), "--set", f"evaluate.bootstrap={count}",
          what=f"evaluate.bootstrap={count}")
