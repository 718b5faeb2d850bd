"""An 8-bit DICOM without window tags is read as its pixels, like a PNG of the same pixels
(docs/images.md: whole numbers already in 0-255 are kept), not stretched to its own min-max."""

import numpy as np
import pytest

from dicom_files import write_dicom
from mednn.data.image_decoding import read_image
from mednn.data.image_options import ImageOptions

pytest.importorskip("pydicom")


def _pixels(seed=0):
    rng = np.random.default_rng(seed)
    return rng.integers(20, 180, (24, 24)).astype(np.uint8)  # not the full 0-255 range


def test_8bit_dicom_without_window_gives_the_same_array_as_the_png(tmp_path):
    from PIL import Image

    pixels = _pixels()
    Image.fromarray(pixels).save(tmp_path / "a.png")
    write_dicom(tmp_path / "a.dcm", pixels)
    options = ImageOptions()
    png, dcm = read_image(tmp_path / "a.png", options), read_image(tmp_path / "a.dcm", options)
    assert png.shape == dcm.shape and png.dtype == dcm.dtype
    np.testing.assert_array_equal(png, dcm)


def test_window_tags_and_16bit_dicom_still_follow_the_window_rule(tmp_path):
    pixels = _pixels(1)
    windowed = read_image(write_dicom(tmp_path / "w.dcm", pixels, extra={"WindowCenter": 100, "WindowWidth": 100}),
                          ImageOptions())
    expected = np.round(np.clip((pixels.astype(np.float32) - 50) / 100, 0, 1) * 255).astype(np.uint8)
    np.testing.assert_array_equal(windowed[0], expected)
    wide = read_image(write_dicom(tmp_path / "s.dcm", pixels.astype(np.uint16) * 16), ImageOptions())
    assert wide.dtype == np.uint8 and wide.min() == 0 and wide.max() == 255  # 16-bit: min-max, as before
