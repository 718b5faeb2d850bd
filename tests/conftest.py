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
