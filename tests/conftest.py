"""Suite-wide settings: tests run offline on a 2-core machine with two pytest workers."""

import pytest


@pytest.fixture(autouse=True)
def one_torch_thread():
    # two workers on two cores: a second intra-op thread per worker only spins and waits
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture
def squares_npz(tmp_path):
    """A MedMNIST-format .npz of 16x16 noise images, class 1 with a bright square: a model learns it."""

    def make(sizes=(("train", 64), ("val", 16), ("test", 16)), name="squares.npz", seed=0):
        import numpy as np

        rng = np.random.default_rng(seed)
        arrays = {}
        for split, n in sizes:
            y = rng.integers(0, 2, n)
            x = rng.integers(0, 60, (n, 16, 16)).astype(np.uint8)
            x[y == 1, 4:12, 4:12] = 220
            arrays[f"{split}_images"], arrays[f"{split}_labels"] = x, y.reshape(-1, 1).astype(np.uint8)
        np.savez(tmp_path / name, **arrays)
        return tmp_path / name

    return make
