"""The OCR read-back's upscaling is capped at 2x (issue 20 item 4): the text detector read every
image at a 736-px shorter side (a 256x320 frame at 8 times its pixels, 79% of the DICOM
de-identification time); a small frame's burned-in name and id are still read at the cap."""

import numpy as np
import pytest

from mednn.privacy.dicom import ocr


def test_the_detector_scales_small_images_at_most_twice_and_large_ones_as_the_engine_does():
    assert ocr.MAX_UPSCALE == 2.0
    assert ocr.detector_short_side((256, 320)) == 512  # was 736
    assert ocr.detector_short_side((160, 320, 3)) == 320
    assert ocr.detector_short_side((456, 510)) == 736  # a CT: under 2x already, as before
    assert ocr.detector_short_side((768, 1024)) == 736  # as large: read as it is


@pytest.mark.skipif(not ocr.available(), reason="the OCR engine is not installed")
def test_a_small_frames_burned_in_name_and_id_are_still_read_at_the_cap():
    from tests.dicom_files import text_image

    image, _ = text_image("DOE^JOHN MRN12345678", shape=(128, 256))
    lines = ocr.read_lines(image)
    assert ocr._engine().text_det.limit_side_len == 256  # the detector was given 2x, not 736
    assert ocr.count_found(lines, {"PN:DOE^JOHN", "12345678"}) == 3
    assert ocr.read_lines(np.zeros((64, 64), np.uint8)) == []
