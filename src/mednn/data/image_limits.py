"""Size limits of one image, checked from its header before any pixel is decoded.

A 0.9 MB PNG can declare 30,000 x 30,000 pixels and a NIfTI header 4,000^3 voxels: decoding
them would take gigabytes (Pillow's own "decompression bomb" guard raises past 179 megapixels,
after a warning). The readers ask these checks first, so such a file is one line naming it
(``mednn predict``: exit 2; ``mednn serve``: 413), never a memory error.
"""

from __future__ import annotations

from math import prod

from ..errors import DataError, problem

# one 2D image (all frames / pages together): a 5,000 x 5,000 mammogram is 25 megapixels
MAX_PIXELS = 64_000_000
# one volume (all channels): 512 x 512 x 1,024 CT is 268 million voxels, 1 GiB as float32
MAX_VOXELS = 512 * 512 * 1024


class ImageTooLarge(DataError):
    """An image whose header declares more pixels (or voxels) than mednn decodes."""


def check_pixels(shape, source: str, *, volume: bool = False) -> None:
    """Refuse an image whose declared ``shape`` (any axis order) holds more than
    :data:`MAX_PIXELS` pixels (2D) or :data:`MAX_VOXELS` voxels (``volume=True``).

    >>> check_pixels((30000, 30000), "big.png")  # doctest: +SKIP
    ImageTooLarge: big.png declares 900000000 pixels (30000 x 30000) ...
    """
    sizes = [int(s) for s in shape]
    count = prod(sizes) if sizes else 0
    limit = MAX_VOXELS if volume else MAX_PIXELS
    if any(s < 0 for s in sizes) or count > limit:
        what = "voxels" if volume else "pixels"
        raise ImageTooLarge(problem(f"{source} declares {count} {what} ({' x '.join(map(str, sizes))}), more than "
                                    f"the {limit} mednn decodes", fix="downsample or crop the image first"))
