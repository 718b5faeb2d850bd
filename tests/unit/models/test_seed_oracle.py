"""The seed's equations in NumPy (sections 3.1-3.4) as the oracle for our MLP's autograd.

3.1 forward: a_j = sum_i w_ij x_i + b_j, z_j = ReLU(a_j), a_k = sum_j w_jk z_j + b_k, y_k = f(a_k)
3.2 loss: cross-entropy (softmax for 10 classes; the seed's binary form with a sigmoid)
3.3 gradient descent: w_new = w_old - eta * dL/dw
3.4 backpropagation: dL/da_k = dL/dy_k f'(a_k); dL/dz_j = sum_k dL/da_k w_jk; dL/da_j = dL/dz_j f'(a_j)
"""

import numpy as np
import pytest
import torch

from mednn.data.base import Task
from mednn.models.tabular import build_mlp
from mednn.training.losses import make_loss


def numpy_forward_backward(x, y_onehot, W1, b1, W2, b2, output="softmax"):
    """Returns loss and gradients, following the seed's equations literally (float64)."""
    n = x.shape[0]
    a_hidden = x @ W1 + b1  # a_j
    z = np.maximum(a_hidden, 0.0)  # z_j = f(a_j)
    a_out = z @ W2 + b2  # a_k
    if output == "softmax":
        e = np.exp(a_out - a_out.max(axis=1, keepdims=True))
        y_hat = e / e.sum(axis=1, keepdims=True)
        loss = -np.sum(y_onehot * np.log(y_hat)) / n
        # softmax + cross-entropy: dL/da_k = (y_hat - y) / n
        d_a_out = (y_hat - y_onehot) / n
    else:
        y_hat = 1 / (1 + np.exp(-a_out))
        yv = y_onehot
        loss = -np.mean(yv * np.log(y_hat) + (1 - yv) * np.log(1 - y_hat))
        # dL/dy * f'(a) = [-(y/y_hat) + (1-y)/(1-y_hat)] * y_hat (1 - y_hat) / n
        d_y = (-(yv / y_hat) + (1 - yv) / (1 - y_hat)) / n
        d_a_out = d_y * y_hat * (1 - y_hat)
    grad_W2 = z.T @ d_a_out
    grad_b2 = d_a_out.sum(axis=0)
    d_z = d_a_out @ W2.T  # dL/dz_j = sum_k dL/da_k w_jk
    d_a_hidden = d_z * (a_hidden > 0)  # ReLU'(a_j)
    grad_W1 = x.T @ d_a_hidden
    grad_b1 = d_a_hidden.sum(axis=0)
    d_x = d_a_hidden @ W1.T  # dL/dx_i = sum_j dL/da_j w_ij
    return loss, {"W1": grad_W1, "b1": grad_b1, "W2": grad_W2, "b2": grad_b2, "x": d_x}


def _torch_params(model):
    linears = [m for m in model.net if isinstance(m, torch.nn.Linear)]
    return linears[0], linears[1]


@pytest.mark.parametrize("kind", ["multiclass", "binary"])
def test_autograd_matches_seed_equations(kind):
    rng = np.random.default_rng(0)
    n, d, h = 32, 784, 5
    classes = tuple("0123456789") if kind == "multiclass" else ("no", "yes")
    task = Task(kind, classes)
    torch.manual_seed(0)
    model = build_mlp(task=task, input_shape=(1, 28, 28), hidden_sizes=[h]).double()
    l1, l2 = _torch_params(model)
    x = rng.normal(size=(n, 1, 28, 28))
    if kind == "multiclass":
        y = rng.integers(0, 10, size=n)
        y_onehot = np.eye(10)[y]
        y_t = torch.as_tensor(y)
        output = "softmax"
    else:
        y = rng.integers(0, 2, size=n)
        y_onehot = y[:, None].astype(float)
        y_t = torch.as_tensor(y, dtype=torch.float64)
        output = "sigmoid"

    xt = torch.tensor(x, requires_grad=True)
    loss_t = make_loss(task)(model(xt), y_t)
    loss_t.backward()

    W1 = l1.weight.detach().numpy().T
    W2 = l2.weight.detach().numpy().T
    loss_np, grads = numpy_forward_backward(
        x.reshape(n, d), y_onehot, W1, l1.bias.detach().numpy(), W2, l2.bias.detach().numpy(), output
    )
    assert abs(loss_t.item() - loss_np) < 1e-6
    np.testing.assert_allclose(l1.weight.grad.numpy().T, grads["W1"], atol=1e-6)
    np.testing.assert_allclose(l1.bias.grad.numpy(), grads["b1"], atol=1e-6)
    np.testing.assert_allclose(l2.weight.grad.numpy().T, grads["W2"], atol=1e-6)
    np.testing.assert_allclose(l2.bias.grad.numpy(), grads["b2"], atol=1e-6)
    np.testing.assert_allclose(xt.grad.numpy().reshape(n, d), grads["x"], atol=1e-6)


def test_gradient_descent_step_is_the_seed_update():
    """Plain SGD (no momentum) does w_new = w_old - eta * dL/dw (section 3.3)."""
    task = Task("multiclass", ("a", "b", "c"))
    torch.manual_seed(1)
    model = build_mlp(task=task, input_shape=(4,), hidden_sizes=[3]).double()
    x = torch.randn(8, 4, dtype=torch.float64)
    y = torch.tensor([0, 1, 2, 0, 1, 2, 0, 1])
    before = {k: v.clone() for k, v in model.state_dict().items()}
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.0)
    loss = make_loss(task)(model(x), y)
    loss.backward()
    grads = {k: p.grad.clone() for k, p in model.named_parameters()}
    opt.step()
    for k, p in model.named_parameters():
        torch.testing.assert_close(p.detach(), before[k] - 0.1 * grads[k])


def test_seed_network_shape():
    """The worked example is a 784-5-10 network."""
    model = build_mlp(task=Task("multiclass", tuple("0123456789")), input_shape=(1, 28, 28))
    shapes = [tuple(p.shape) for p in model.parameters()]
    assert shapes == [(5, 784), (5,), (10, 5), (10,)]
    assert sum(p.numel() for p in model.parameters()) == 784 * 5 + 5 + 5 * 10 + 10


def test_glorot_initialisation_bounds():
    """Default init: uniform in +-sqrt(6 / (fan_in + fan_out)) for weights and biases."""
    torch.manual_seed(0)
    model = build_mlp(task=Task("multiclass", tuple("0123456789")), input_shape=(784,))
    first, second = _torch_params(model)
    for layer in (first, second):
        bound = (6.0 / (layer.in_features + layer.out_features)) ** 0.5
        w = layer.weight.detach()
        assert w.abs().max() <= bound and w.abs().max() > 0.9 * bound
        assert layer.bias.detach().abs().max() <= bound
    with pytest.raises(ValueError, match="init"):
        build_mlp(task=Task("binary", ("a", "b")), input_shape=(3,), init="xavier")
