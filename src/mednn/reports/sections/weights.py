"""Model visualisation: the first layer's weights drawn as images of the input (image runs)."""

from __future__ import annotations

from typing import Any

from ..view import ReportRun


def _image_shape(run: ReportRun) -> tuple[int, ...] | None:
    for candidate in (run.record.data.notes.get("image_shape"), list(run.record.model.input_shape)):
        if isinstance(candidate, list) and len(candidate) in (2, 3) and all(
            isinstance(s, int) and not isinstance(s, bool) and s > 0 for s in candidate
        ):
            return tuple(candidate)
    return None


def section(run: ReportRun) -> dict[str, Any] | None:
    from ...explain.weights import first_layer_weight_images, weight_grid_png
    from ..plots import png_data_uri

    shape = _image_shape(run)
    if shape is None:
        return None
    state = run.run.weights()
    try:
        images = first_layer_weight_images(state, shape) if state else None
    except Exception:  # noqa: BLE001 - an unreadable weight file costs this figure, not the report
        images = None
    if images is None or len(images) == 0:
        return None
    n_shown = min(64, len(images))
    size = " × ".join(map(str, shape))
    kernel = tuple(images.shape[-2:])
    if kernel == tuple(shape[-2:]):  # a dense layer on the flattened image: one weight per pixel
        caption = (f"Weights of the first layer's {len(images)} units"
                   + (f" (first {n_shown} shown)" if n_shown < len(images) else "")
                   + f", each drawn as an image of the input ({size}): one weight per pixel. Red pixels push the "
                   "unit's activation up, blue pixels push it down, white pixels are ignored.")
    else:  # a convolution: small filters slid over the image, not images of it
        channels = images.shape[1] if images.ndim == 4 else 1
        caption = (f"The first convolution's {len(images)} filters"
                   + (f" (first {n_shown} shown)" if n_shown < len(images) else "")
                   + f", each {kernel[0]} × {kernel[1]} pixels"
                   + (f" per input channel ({channels} channels, one tile each)" if channels > 1 else "")
                   + f". Each filter is slid over the whole {size} input and responds to a small pattern: "
                   "red weights respond to bright pixels at that position of the pattern, blue weights to dark "
                   "ones. Filters show which local patterns (edges, spots) the first layer detects, not where "
                   "in the image the model looks; see the attribution maps for that.")
    n_members = run.record.model.ensemble
    if n_members > 1:
        caption += f" These are ensemble member 1's; each of the {n_members} members has its own."
    label = "unit" if kernel == tuple(shape[-2:]) else "filter"
    return {"uri": png_data_uri(weight_grid_png(images, label=label)), "caption": caption}
