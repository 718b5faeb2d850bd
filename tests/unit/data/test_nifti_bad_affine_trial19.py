"""A NIfTI whose affine cannot orient it is an unreadable file, never a traceback (trial 19).

Before: a volume whose sform rows are all zero (an export that lost its geometry) sent to
`mednn predict` ended in nibabel's OrientationError traceback, exit 1."""

from __future__ import annotations

import numpy as np
import pytest

from mednn.data.image_decoding import Unreadable, read_nifti

nib = pytest.importorskip("nibabel")


def _zero_affine(path):
    image = nib.Nifti1Image(np.ones((6, 5, 4), np.float32), np.eye(4))
    header = image.header
    header["sform_code"], header["qform_code"] = 1, 0
    for row in ("srow_x", "srow_y", "srow_z"):
        header[row] = [0, 0, 0, 0]
    nib.save(nib.Nifti1Image(image.get_fdata(dtype=np.float32), None, header), path)
    return path


def test_a_nifti_without_orientation_is_unreadable(tmp_path):
    path = _zero_affine(tmp_path / "DOE_JOHN.nii.gz")
    with pytest.raises(Unreadable, match="affine") as err:
        read_nifti(path)
    assert "DOE" not in str(err.value)


def test_a_well_formed_nifti_still_reads(tmp_path):
    path = tmp_path / "ok.nii.gz"
    nib.save(nib.Nifti1Image(np.ones((6, 5, 4), np.float32), np.diag([-1.0, 1, 1, 1])), path)
    assert read_nifti(path).shape == (1, 4, 5, 6)
