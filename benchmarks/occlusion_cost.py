"""Occlusion's cost on a trial-16-sized volume (25x41x33): the old window (3, 1,144 copies a
volume) against :func:`mednn.explain.images.occlusion_window`'s (docs/benchmarks.md, "Occlusion cost").

Run: PYTHONPATH=src python benchmarks/occlusion_cost.py  (CPU, one thread, a fresh 3D small_cnn,
4 random volumes; prints seconds per setting)."""
import time, torch
from captum.attr import Occlusion
from mednn.data.base import Task
from mednn.models import build_model, load_model_modules
from mednn.explain.images import occlusion_window, class_scores
load_model_modules(); torch.manual_seed(0); torch.set_num_threads(1)
shape = (1, 25, 41, 33)
model = build_model("small_cnn", task=Task("binary", ("none", "lesion")), input_shape=shape).eval()
x = torch.randn(4, *shape)
for label, (w, s) in (("before", (3, 3)), ("after", occlusion_window(shape[1:])[:2])):
    t = time.perf_counter()
    Occlusion(class_scores(model, "binary")).attribute(x, sliding_window_shapes=(1, w, w, w), strides=(1, s, s, s),
        target=[1] * 4, perturbations_per_eval=16)
    print(label, "window", w, "stride", s, f"{time.perf_counter() - t:.1f}s for 4 volumes")
