"""A multi-page TIFF among 2D pictures (trial 18). The guide: "a multi-frame file or volume among
2D images is unreadable for that run: `predict` scores the other files and lists it, with its
reason, in `OUT.skipped.csv`". A 3-frame TIFF in a folder sent to a BreastMNIST-as-PNG run was
instead scored from its first frame (p = 1.000, flagged only by the OOD scorer), because
`read_picture` loaded one frame and never looked at `n_frames`. A picture of several frames is
now Unreadable for a 2D run, with the number of frames in its reason."""

import numpy as np
import pytest
from PIL import Image

from mednn.data.image_decoding import Unreadable, read_picture


def test_a_multi_frame_tiff_is_not_read_as_its_first_frame(tmp_path):
    frames = [Image.fromarray(np.full((8, 8), 40 * (i + 1), np.uint8)) for i in range(3)]
    frames[0].save(tmp_path / "cine.tif", save_all=True, append_images=frames[1:])
    try:
        array = read_picture(tmp_path / "cine.tif")
    except Unreadable:
        return
    assert array.ndim == 4 and array.shape[1] == 3  # (1, frames, H, W), as a multi-frame DICOM
