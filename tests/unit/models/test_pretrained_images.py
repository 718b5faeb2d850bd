"""The pretrained 2D backbone: offline weights checked against their sha256, frozen parts fixed."""

from __future__ import annotations

import shutil

import pytest
import torch

from mednn.data.base import Task
from mednn.errors import ModelError
from mednn.models import build_model, load_model_modules
from mednn.models.images import pretrained

load_model_modules()
TASK = Task("binary", ("no", "yes"))
NAME = "pretrained_efficientnet_lite0"


def test_installed_weights_load_offline_and_match_the_pinned_checksum():
    path = pretrained.installed_weights_path("efficientnet_lite0")
    assert pretrained.file_sha256(path) == pretrained.PRETRAINED["efficientnet_lite0"].sha256
    model = build_model(NAME, task=TASK, input_shape=(3, 64, 64))
    state = torch.load(path, map_location="cpu", weights_only=True)
    assert torch.equal(model.backbone.net.stem[0].weight, state["_conv_stem.weight"])
    assert torch.equal(model.backbone.net.blocks[15].project[1].running_var, state["_blocks.15._bn2.running_var"])


def test_a_tampered_weights_file_is_refused(tmp_path):
    copy = tmp_path / "lite0.pth"
    shutil.copy(pretrained.installed_weights_path("efficientnet_lite0"), copy)
    with open(copy, "r+b") as f:  # one flipped byte deep inside a tensor
        f.seek(1_000_000)
        byte = f.read(1)
        f.seek(1_000_000)
        f.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(ModelError, match="sha256"):
        build_model(NAME, task=TASK, input_shape=(3, 64, 64), weights=str(copy))


def test_the_installed_package_file_is_checked_too(tmp_path, monkeypatch):
    fake = tmp_path / "fake.pth"
    torch.save({"_conv_stem.weight": torch.zeros(32, 3, 3, 3)}, fake)
    monkeypatch.setattr(pretrained, "installed_weights_path", lambda name: fake)
    with pytest.raises(ModelError, match="sha256"):
        build_model(NAME, task=TASK, input_shape=(1, 64, 64))


def test_gray_input_equals_the_rgb_copy_of_the_image():
    gray = build_model(NAME, task=TASK, input_shape=(1, 64, 64)).eval()
    rgb = build_model(NAME, task=TASK, input_shape=(3, 64, 64)).eval()
    x = torch.rand(2, 1, 64, 64)
    with torch.no_grad():
        assert torch.allclose(gray.backbone(x), rgb.backbone(x.repeat(1, 3, 1, 1)), atol=1e-4)


@pytest.mark.parametrize("freeze, trainable_blocks", [(True, 0), (12, 4), (False, 16)])
def test_freeze_fixes_the_leading_blocks_and_their_batch_norm(freeze, trainable_blocks):
    model = build_model(NAME, task=TASK, input_shape=(1, 32, 32), freeze=freeze).train()
    net = model.backbone.net
    trains = [any(p.requires_grad for p in block.parameters()) for block in net.blocks]
    assert sum(trains) == trainable_blocks and trains == sorted(trains)
    assert all(p.requires_grad for p in model.head.parameters())
    before = net.stem[1].running_mean.clone()
    model(torch.randn(4, 1, 32, 32)).sum().backward()
    assert torch.equal(net.stem[1].running_mean, before) == (freeze is not False)


def test_volumes_are_refused_with_the_fix():
    with pytest.raises(ModelError, match="2D network"):
        build_model(NAME, task=TASK, input_shape=(1, 16, 16, 16))


def test_a_run_rebuilds_without_reading_the_weights(monkeypatch):
    monkeypatch.setattr(pretrained, "read_checked_weights", lambda *a, **k: pytest.fail("weights read"))
    model = build_model(NAME, task=TASK, input_shape=(1, 64, 64), weights=None)
    assert model(torch.randn(1, 1, 64, 64)).shape == (1, 1)


def test_a_pretrained_run_trains_and_scores_through_the_cli(tmp_path, capsys, squares_npz, monkeypatch):
    import json

    from mednn.cli.main import main

    data = squares_npz(sizes=(("train", 24), ("val", 8), ("test", 8)))
    out = tmp_path / "run"
    code = main(["train", "--data", str(data), "--out", str(out), "--set", "model.name=pretrained_efficientnet_lite0",
                 "--set", "model.freeze=true", "--set", "train.epochs=1", "--set", "explain.enabled=false",
                 "--set", "report.enabled=false", "--set", "evaluate.bootstrap=0", "--set", "evaluate.baselines=none"])
    assert code == 0, capsys.readouterr().err
    model = json.loads((out / "model.json").read_text())
    assert model["name"] == "pretrained_efficientnet_lite0" and model["hparams"]["freeze"] is True
    # scoring rebuilds the network without reading the ImageNet file: the run's weights replace it
    monkeypatch.setattr(pretrained, "read_checked_weights", lambda *a, **k: pytest.fail("weights read"))
    code = main(["predict", str(out), str(data), "--out", str(tmp_path / "p.csv")])
    assert code == 0, capsys.readouterr().err
    assert len((tmp_path / "p.csv").read_text().splitlines()) == 1 + 40
