"""Files whose headers declare more pixels or voxels than they hold: decompression bombs in about
a hundred bytes, for the tests that check the header is bounded before anything is decoded."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np


def png_declaring(width: int, height: int) -> bytes:
    """A PNG whose header declares ``width`` x ``height`` 8-bit gray pixels; its data is a few
    bytes (a reader that trusted the header would allocate width * height bytes)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


def nifti_declaring(shape) -> bytes:
    import nibabel as nib

    header = nib.Nifti1Header()
    header.set_data_shape(shape)
    header.set_data_dtype(np.uint8)
    out = io.BytesIO()
    header.write_to(out)
    return out.getvalue() + b"\x00" * 64
