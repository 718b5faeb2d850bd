"""Image explanations: Grad-CAM, Integrated Gradients and occlusion maps over test images.

Registered as the explainer of the ``images`` modality. For a sample of test images
(:meth:`ExplainContext.sample_indices`: misclassified ones first) it computes, for the
predicted class (binary: the positive class's logit):

- ``gradcam``: Grad-CAM on the model's last convolutional stage (``model.cam_layer``, else
  the last Conv2d/Conv3d; for an ensemble the mean of its members' maps); skipped for
  networks without convolutions (the seed's MLP);
- ``integrated_gradients``: captum's Integrated Gradients from a black image, the path
  integral batched (``internal_batch_size``) so memory stays bounded on volumes;
- ``occlusion``: the drop of the score when a patch is replaced by black.

Each appears as one column of an image grid overlaid on the image (3D: the middle axial slice,
plus a maximum projection of the first map), stored as one PNG figure of a data section
(:func:`mednn.explain.base.section`). A method whose map is empty for an image (Grad-CAM
finds no positive evidence at the last stage) is named in a note. Add a method by
writing ``_<name>(model, x, target, ctx) -> attribution of x's shape`` and listing it in
``METHODS``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import ConfigError
from .base import EXPLAINERS, ExplainContext, Section, class_display_name, figure, section

METHODS = ("gradcam", "integrated_gradients", "occlusion")
_TITLES = {"gradcam": "Grad-CAM", "integrated_gradients": "Integrated Gradients", "occlusion": "Occlusion"}
_BATCH = 4  # samples per attribution call (bounds memory for volumes)


def _features_of(ctx: ExplainContext, index: np.ndarray):
    import torch

    feats = ctx.features
    if isinstance(feats, torch.Tensor):
        return feats[torch.as_tensor(index)]
    return feats.batch(index)


def _black(ctx: ExplainContext, x):
    """The normalised value of a black image per channel (0 when the featurizer has no stats)."""
    import torch

    f = ctx.featurizer
    mean, std = getattr(f, "mean_", None), getattr(f, "std_", None)
    if mean is None or std is None or len(mean) != x.shape[1]:
        return torch.zeros_like(x)
    value = -torch.tensor(mean, dtype=x.dtype, device=x.device) / torch.tensor(std, dtype=x.dtype, device=x.device)
    return value.view(1, -1, *[1] * (x.dim() - 2)).expand_as(x).contiguous()


def _targets(ctx: ExplainContext, index: np.ndarray) -> list[int]:
    kind = ctx.task.kind
    if kind in ("multiclass", "binary"):  # binary: column 0 / 1 of ClassScores, the predicted class
        return [int(ctx.predicted[i]) for i in index]
    if kind == "multilabel":
        return [int(np.argmax(ctx.probabilities[i])) for i in index]
    return [0] * len(index)  # regression: the first target


def class_scores(model, task_kind: str):
    """A binary network's one logit z as two class scores (-z, z), so that each method explains
    the predicted class: evidence for "no finding" is a map too, where the positive logit alone
    gives Grad-CAM nothing to show for most negative images. Other tasks: the model itself."""
    import torch
    from torch import nn

    if task_kind != "binary":
        return model

    class ClassScores(nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, x):
            z = self.inner(x)
            return torch.cat([-z, z], dim=1)

    return ClassScores(model)


def last_conv_layer(model) -> Any:
    """``model.cam_layer`` if the model names one, else its last Conv2d / Conv3d, else None."""
    from torch import nn

    layer = getattr(model, "cam_layer", None)
    if isinstance(layer, nn.Module):
        return layer
    convs = [m for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Conv3d))]
    return convs[-1] if convs else None


def cam_layers(model) -> list[Any]:
    """Layers Grad-CAM may use, coarsest first: ``model.cam_layer`` (the last stage), then the
    last two convolutions (finer maps, before the last pooling)."""
    from torch import nn

    layers = [last_conv_layer(model)]
    convs = [m for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Conv3d))]
    layers += [c for c in reversed(convs[-2:]) if c is not layers[0]]
    return [layer for layer in layers if layer is not None]


def _gradcam(model, x, target, ctx, depth: int = 0):
    """Grad-CAM of the last conv stage (``depth`` 1, 2: of the convolutions before it); for an
    ensemble, the mean of the members' maps."""
    import torch.nn.functional as F
    from captum.attr import LayerGradCam

    from ..models.ensemble import members_of

    cams = []
    for member in members_of(model):
        layers = cam_layers(member)
        scored = class_scores(member, ctx.task.kind)
        cam = LayerGradCam(scored, layers[min(depth, len(layers) - 1)]).attribute(
            x, target=target, relu_attributions=True)
        mode = "bilinear" if x.dim() == 4 else "trilinear"
        cams.append(F.interpolate(cam, size=tuple(x.shape[2:]), mode=mode, align_corners=False))
    return (sum(cams) / len(cams)).expand_as(x)


def _integrated_gradients(model, x, target, ctx):
    from captum.attr import IntegratedGradients

    steps = 32
    # volumes are large: fewer interpolation points per backward pass keeps memory flat
    internal = 16 if x.dim() == 4 else 4
    return IntegratedGradients(class_scores(model, ctx.task.kind)).attribute(
        x, baselines=_black(ctx, x), target=target, n_steps=steps, internal_batch_size=internal)


# Occluded copies an image may cost at most: what a square 2D image needs at the default window
# (side / 7, stride half of it: at most 15 x 15). A volume gets a coarser window instead of
# thousands of copies (trial 16: 1,144 a volume, occlusion 657 s after a 90 s training).
OCCLUSION_WINDOWS = 225


def occlusion_window(spatial) -> tuple[int, int, int]:
    """(window, stride, windows) of occlusion for an image of ``spatial`` size: side / 7 (stride
    half of it in 2D, the window itself in 3D), widened until the image needs at most
    :data:`OCCLUSION_WINDOWS` occluded copies.

    >>> occlusion_window((25, 41, 33))
    (6, 6, 210)
    """
    spatial = [int(s) for s in spatial]

    def count(window: int, stride: int) -> int:
        # captum's count: a last window may reach past the edge
        return int(np.prod([-(-max(s - window, 0) // stride) + 1 for s in spatial]))

    window = max(2, min(spatial) // 7)
    while True:
        stride = max(1, window // 2) if len(spatial) == 2 else window
        if count(window, stride) <= OCCLUSION_WINDOWS or window >= max(spatial):
            return window, stride, count(window, stride)
        window += 1


def _occlusion(model, x, target, ctx):
    from captum.attr import Occlusion

    spatial = x.shape[2:]
    window, stride, _ = occlusion_window(spatial)
    return Occlusion(class_scores(model, ctx.task.kind)).attribute(
        x, sliding_window_shapes=(x.shape[1], *[window] * len(spatial)),
        strides=(x.shape[1], *[stride] * len(spatial)), baselines=_black(ctx, x), target=target,
        perturbations_per_eval=64 if x.dim() == 4 else 16)


_FUNCTIONS = {"gradcam": _gradcam, "integrated_gradients": _integrated_gradients, "occlusion": _occlusion}


def attribute(model, x, targets: list[int], method: str, ctx: ExplainContext, depth: int = 0) -> np.ndarray:
    """Attribution maps of one method for a batch: NumPy of x's shape (n, C, ...). ``depth``
    (Grad-CAM only) picks an earlier layer of :func:`cam_layers`."""
    import torch

    device = torch.device(ctx.device)
    out = []
    with torch.enable_grad():
        for start in range(0, len(x), _BATCH):
            xb = x[start:start + _BATCH].to(device).detach().requires_grad_(True)
            tb = targets[start:start + _BATCH]
            extra = {"depth": depth} if method == "gradcam" else {}
            attr = _FUNCTIONS[method](model, xb, tb, ctx, **extra)
            out.append(attr.detach().float().cpu().numpy())
            model.zero_grad(set_to_none=True)
    return np.concatenate(out)


def _chosen_methods(ctx: ExplainContext, model) -> tuple[list[str], list[str]]:
    from ..models.ensemble import members_of

    wanted = list(ctx.config.methods) or list(METHODS)
    unknown = [m for m in wanted if m not in METHODS]
    # methods of other modalities (e.g. "shap" for tables) may share the config list: only a
    # list made entirely of unknown names is an error
    if unknown and len(unknown) == len(wanted):
        raise ConfigError(f"Unknown image explanation method '{unknown[0]}' in explain.methods; "
                          f"valid: {', '.join(METHODS)}")
    methods = [m for m in wanted if m in METHODS]
    notes = []
    if "gradcam" in methods and any(last_conv_layer(m) is None for m in members_of(model)):
        methods.remove("gradcam")
        notes.append("Grad-CAM is skipped: the network has no convolutional layer.")
    return methods, notes


# ---------------------------------------------------------------------------------------------
# drawing


def _display(image: np.ndarray) -> np.ndarray:
    """(C, H, W) -> (H, W) or (H, W, 3) in [0, 1] for imshow (min-max per image)."""
    if image.shape[0] == 3:
        image = image.transpose(1, 2, 0)
    else:
        image = image[0]
    low, high = float(image.min()), float(image.max())
    return (image - low) / (high - low) if high > low else np.zeros_like(image)


def _heat(attr: np.ndarray, method: str) -> np.ndarray:
    """(C, H, W) attribution -> (H, W) in [0, 1]: positive evidence (|IG| for gradients)."""
    summed = np.abs(attr).sum(0) if method == "integrated_gradients" else np.clip(attr.sum(0), 0, None)
    top = float(np.percentile(summed, 99.5)) if summed.size else 0.0
    return np.clip(summed / top, 0, 1) if top > 0 else np.zeros_like(summed)


def _slice(volume: np.ndarray, how: str) -> np.ndarray:
    """(C, D, H, W) -> (C, H, W): the middle axial slice or the maximum projection."""
    return volume[:, volume.shape[1] // 2] if how == "middle" else volume.max(axis=1)


def grid_columns(methods: list[str], volumetric: bool) -> list[tuple[str, str | None, str]]:
    """The grid's columns as (title, method or None, slice): what :func:`grid_png` draws and the
    figure's caption lists, from one list."""
    view = " (middle slice)" if volumetric else ""
    columns = [("image" + view, None, "middle")] + [(_TITLES[m] + view, m, "middle") for m in methods]
    if volumetric and methods:
        columns.append((f"{_TITLES[methods[0]]} (max projection)", methods[0], "max"))
    return columns


def grid_png(images: np.ndarray, maps: dict[str, np.ndarray], titles: list[str]) -> bytes:
    """One row per sample: the image, then each method's map overlaid (3D: middle slice + MIP)."""
    from ..plotting import figure_png, pyplot

    plt = pyplot()
    volumetric = images.ndim == 5
    columns = grid_columns(list(maps), volumetric)
    n = len(images)
    fig, axes = plt.subplots(n, len(columns), figsize=(2.0 * len(columns), 2.1 * n), squeeze=False)
    for row in range(n):
        for col, (label, method, how) in enumerate(columns):
            ax = axes[row, col]
            image = _slice(images[row], how) if volumetric else images[row]
            shown = _display(image)
            ax.imshow(shown, cmap=None if shown.ndim == 3 else "gray", interpolation="nearest")
            if method is not None:
                attr = maps[method][row]
                attr = _slice(np.abs(attr) if how == "max" else attr, how) if volumetric else attr
                ax.imshow(_heat(attr, method), cmap="inferno", alpha=0.55, vmin=0, vmax=1,
                          interpolation="bilinear")
            ax.set_xticks([])
            ax.set_yticks([])
            if row == 0:
                ax.set_title(label, fontsize=9)
            if col == 0:
                ax.set_ylabel(titles[row], fontsize=8)
    fig.tight_layout()
    return figure_png(fig)


def _row_title(ctx: ExplainContext, i: int) -> str:
    names = [class_display_name(n) for n in ctx.task.class_names]
    kind = ctx.task.kind
    if kind in ("binary", "multiclass"):
        true, predicted = names[int(ctx.dataset.targets[i])], names[int(ctx.predicted[i])]
        p = ctx.probabilities[i]
        score = float(p) if np.ndim(p) == 0 else float(np.max(p))
        mark = "" if true == predicted else " (error)"
        return f"true {true}\npredicted {predicted} {score:.2f}{mark}"
    if kind == "multilabel":
        return f"top label {names[int(np.argmax(ctx.probabilities[i]))]}"
    return f"predicted {float(np.ravel(ctx.predicted[i])[0]):.3g}"


def blank_maps(maps: dict[str, np.ndarray]) -> dict[str, int]:
    """How many images each method left without a map (all zero or not finite): the grid
    would show their column as the bare image, which a reader must not take for "nothing
    mattered"."""
    counts = {method: int(_blank_rows(values, method).sum()) for method, values in maps.items()}
    return {method: n for method, n in counts.items() if n}


def _fill_blank_gradcam(model, x, targets: list[int], maps: dict[str, np.ndarray], ctx: ExplainContext) -> int:
    """Images whose Grad-CAM map is empty at the last stage (no positive evidence there, common
    for small volumes pooled to 3 voxels a side) get the map of an earlier convolution; the
    number of images that needed it."""
    if "gradcam" not in maps:
        return 0
    moved = 0
    for depth in (1, 2):
        blank = np.flatnonzero(_blank_rows(maps["gradcam"], "gradcam"))
        if not len(blank):
            break
        retry = attribute(model, x[blank], [targets[i] for i in blank], "gradcam", ctx, depth=depth)
        filled = ~_blank_rows(retry, "gradcam")
        maps["gradcam"][blank[filled]] = retry[filled]
        moved += int(filled.sum())
    return moved


def _blank_rows(values: np.ndarray, method: str) -> np.ndarray:
    flat = np.asarray(values, dtype=np.float64).reshape(len(values), -1)
    shown = np.abs(flat).sum(1) if method == "integrated_gradients" else np.clip(flat, 0, None).sum(1)
    return ~np.isfinite(shown) | (shown <= 0)


def _maps_within_budget(model, x, targets: list[int], methods: list[str], ctx: ExplainContext) -> dict[str, np.ndarray]:
    """Each method's maps, the images taken a batch at a time (every method on a batch before
    the next): when ``explain.budget`` stops a method from starting, the batches finished so far
    are kept (the grid shows fewer images) and the budget is told how many; cut inside the first
    batch, the methods that finished on it are kept (fewer columns); nothing finished: the cut
    goes on to the driver (mednn.explain.base.explain)."""
    from .budget import ExplanationsCut

    done: dict[str, list[np.ndarray]] = {m: [] for m in methods}
    explained = 0
    kind = "volumes" if x.dim() == 5 else "images"
    try:
        for start in range(0, len(x), _BATCH):
            stop = min(start + _BATCH, len(x))
            batch: dict[str, np.ndarray] = {}
            for m in methods:
                which = f"{len(x)} test {kind}" if len(x) <= _BATCH else f"test {kind} {start + 1}-{stop} of {len(x)}"
                what = f"{_TITLES[m]} on {which}"
                if m == "occlusion":
                    window, stride, windows = occlusion_window(x.shape[2:])
                    what += f" (window {window}, stride {stride}: {windows} windows each)"
                with ctx.step(what):
                    batch[m] = attribute(model, x[start:stop], targets[start:stop], m, ctx)
            for m in methods:
                done[m].append(batch[m])
            explained = stop
    except ExplanationsCut as cut:
        if ctx.budget is None or not (explained or batch):
            raise
        if not explained:  # cut inside the first batch: keep the methods that finished on it
            done, explained = {m: [maps] for m, maps in batch.items()}, len(next(iter(batch.values())))
        ctx.budget.kept(explained, cut)
    return {m: np.concatenate(parts) for m, parts in done.items()}


@EXPLAINERS.register("images")
def explain_images(ctx: ExplainContext) -> list[Section]:
    """Attribution maps for a sample of test images, as one section with a PNG grid figure."""
    index = ctx.sample_indices()
    if len(index) == 0:
        return []
    model = ctx.model.eval()
    methods, notes = _chosen_methods(ctx, model)
    x = _features_of(ctx, index)
    if x.dim() not in (4, 5):
        return []
    targets = _targets(ctx, index)
    maps = _maps_within_budget(model, x, targets, methods, ctx)
    methods = [m for m in methods if m in maps]  # explain.budget may have cut a method (1 batch)
    kept = len(next(iter(maps.values()))) if maps else len(index)
    if kept < len(index):  # explain.budget cut the later images: the grid shows those explained
        index, x, targets = index[:kept], x[:kept], targets[:kept]
    if "occlusion" in methods:
        window, stride, windows = occlusion_window(x.shape[2:])
        notes.append(f"Occlusion: window {window} {'voxels' if x.dim() == 5 else 'pixels'} a side, stride "
                     f"{stride}, {windows} occluded copies an image (at most {OCCLUSION_WINDOWS}, what a "
                     "square 2D image needs at the default window).")
    moved = _fill_blank_gradcam(model, x, targets, maps, ctx)
    if moved:
        notes.append(f"Grad-CAM found no positive evidence at the last convolutional stage for {moved} of "
                     f"{len(index)} images; their map is from an earlier convolution (finer, less abstract).")
    for m, n_blank in blank_maps(maps).items():
        why = (" (no positive evidence for the explained class at any of the last three convolutional layers)"
               if m == "gradcam" else "")
        notes.append(f"{_TITLES[m]} produced no map for {n_blank} of {len(index)} images{why}; "
                     "their column shows the image without an overlay.")
    images = x.detach().float().cpu().numpy()
    titles = [_row_title(ctx, int(i)) for i in index]
    png = grid_png(images, maps, titles)
    errors = int(sum("(error)" in t for t in titles))
    what = (f"{len(index)} test images ({errors} misclassified); maps explain the score of the predicted "
            "class. Grad-CAM: last convolutional stage; Integrated Gradients: magnitude, from a black image; "
            "occlusion: score drop when a patch is blacked out.")
    if images.ndim == 5:
        what += " Volumes: middle axial slice, and a maximum projection of the first map."
    columns = ", ".join(title for title, _, _ in grid_columns(methods, images.ndim == 5))
    return [section("Image attributions", caption=what, method=",".join(methods),
                    seconds=sum(v for k, v in ctx.timings.items() if any(k.startswith(_TITLES[m]) for m in methods)),
                    figures=[figure(png, alt="attribution maps",
                                    caption=f"One row per image; {len(methods) + 1 + (images.ndim == 5 and bool(methods))} "
                                            f"columns: {columns}.")],
                    notes=notes)]
