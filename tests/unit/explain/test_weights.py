"""The seed's model visualisation: first-layer weights reshaped to the input image."""

from __future__ import annotations

import numpy as np
import pytest

from mednn.explain.weights import first_layer_weight_images, weight_grid_png


def _mlp_state(n_inputs: int, rng) -> dict[str, np.ndarray]:
    # insertion order deliberately scrambled, and "net.10" sorts before "net.2" as plain text
    return {
        "net.10.weight": rng.normal(size=(3, 7)).astype(np.float32),
        "net.2.weight": rng.normal(size=(7, 5)).astype(np.float32),
        "net.0.bias": np.zeros(5, np.float32),
        "net.0.weight": rng.normal(size=(5, n_inputs)).astype(np.float32),
    }


def test_mlp_on_an_8x8_image_gives_one_image_per_hidden_unit(tmp_path):
    from safetensors.numpy import load_file, save_file

    rng = np.random.default_rng(0)
    state = _mlp_state(64, rng)
    save_file(state, str(tmp_path / "model.safetensors"))
    loaded = load_file(str(tmp_path / "model.safetensors"))
    images = first_layer_weight_images(loaded, (1, 8, 8))
    assert images.shape == (5, 8, 8)
    # row-major reshape: unit 2, pixel (row 3, column 5) is input 3 * 8 + 5
    assert images[2, 3, 5] == state["net.0.weight"][2, 29]
    assert first_layer_weight_images(loaded, (8, 8)).shape == (5, 8, 8)


def test_tabular_input_or_a_first_layer_that_does_not_see_the_image_gives_none():
    rng = np.random.default_rng(1)
    assert first_layer_weight_images(_mlp_state(30, rng), (30,)) is None
    assert first_layer_weight_images(_mlp_state(30, rng), (1, 8, 8)) is None


def test_colour_images_and_conv_kernels_and_torch_tensors():
    import torch

    rng = np.random.default_rng(2)
    colour = {"fc.weight": rng.normal(size=(4, 3 * 6 * 6)).astype(np.float32)}
    images = first_layer_weight_images(colour, (3, 6, 6))
    assert images.shape == (4, 3, 6, 6)
    assert images[1, 2, 0, 1] == colour["fc.weight"][1, 2 * 36 + 1]

    conv = torch.nn.Sequential(torch.nn.Conv2d(1, 6, 3), torch.nn.ReLU(), torch.nn.Conv2d(6, 4, 3))
    kernels = first_layer_weight_images(conv.state_dict(), (1, 28, 28))
    assert kernels.shape == (6, 3, 3)
    np.testing.assert_allclose(kernels, conv[0].weight.detach().numpy()[:, 0])


def test_weight_grid_png_draws_a_png_and_caps_the_tiles():
    import matplotlib.pyplot as plt

    rng = np.random.default_rng(3)
    png = weight_grid_png(rng.normal(size=(100, 8, 8)), max_images=16)
    assert png.startswith(b"\x89PNG")
    assert weight_grid_png(rng.normal(size=(4, 3, 5, 5))).startswith(b"\x89PNG")
    assert weight_grid_png(np.zeros((2, 4, 4))).startswith(b"\x89PNG")  # all-zero weights: no division by 0
    assert plt.get_fignums() == []
    with pytest.raises(ValueError):
        weight_grid_png(np.zeros((4, 4)))
