"""Images sent to mednn serve are decoded in memory, sized from their headers first: a
decompression bomb is a 413 (serve) or one line and exit 2 (predict), never a 500 or a
MemoryError; and serving writes no temporary file, for images or records."""

from __future__ import annotations

import base64
import io

import numpy as np
import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from mednn.config import load_config  # noqa: E402
from tests.declared_files import nifti_declaring, png_declaring  # noqa: E402


@pytest.fixture(scope="module")
def image_run(tmp_path_factory):
    from mednn.pipeline import train

    folder = tmp_path_factory.mktemp("uploads")
    rng = np.random.default_rng(0)
    arrays = {}
    for split, n in (("train", 64), ("val", 16), ("test", 16)):
        y = rng.integers(0, 2, n)
        x = rng.integers(0, 60, (n, 16, 16)).astype(np.uint8)
        x[y == 1, 4:12, 4:12] = 220
        arrays[f"{split}_images"], arrays[f"{split}_labels"] = x, y.reshape(-1, 1).astype(np.uint8)
    np.savez(folder / "squares.npz", **arrays)
    return train(load_config(None, [f"data.path={folder / 'squares.npz'}", "model.name=small_cnn",
                                    "model.channels=[4]", "train.epochs=2", "train.progress=false",
                                    "explain.enabled=false", "report.enabled=false", "evaluate.bootstrap=0"]),
                 folder / "run")


def small_png(bright: bool) -> bytes:
    from PIL import Image

    x = np.random.default_rng(1).integers(0, 60, (16, 16)).astype(np.uint8)
    if bright:
        x[4:12, 4:12] = 220
    buf = io.BytesIO()
    Image.fromarray(x).save(buf, format="PNG")
    return buf.getvalue()


@pytest.mark.parametrize("name,data", [
    ("bomb.png", png_declaring(30_000, 30_000)),  # 900 megapixels in about 100 bytes
    ("large.png", png_declaring(12_000, 12_000)),  # 144 megapixels
    ("volume.nii", nifti_declaring((4000, 4000, 4000))),
])
def test_images_too_large_to_decode_are_413_from_their_header(image_run, name, data):
    from mednn.serving import make_app

    client = TestClient(make_app(image_run))
    multipart = client.post("/predict", files=[("files", (name, data, "application/octet-stream"))])
    as_json = client.post("/predict", json={"images": [{"name": name, "data": base64.b64encode(data).decode()}]})
    for reply in (multipart, as_json):
        assert reply.status_code == 413, reply.text
        assert "image 0 of the request (0-based) declares" in reply.json()["detail"] and name not in reply.text
    assert client.post("/predict", files=[("files", ("ok.png", small_png(True), "image/png"))]).status_code == 200


@pytest.mark.parametrize("name,data", [("bomb.png", png_declaring(30_000, 30_000)),
                                       ("volume.nii", nifti_declaring((4000, 4000, 4000)))])
def test_predict_refuses_them_in_one_line(cli, image_run, tmp_path, name, data):
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / name).write_bytes(data)
    (folder / "fine.png").write_bytes(small_png(False))
    for target in (folder, folder / name):
        code, _, err = cli("predict", image_run, target, "--out", tmp_path / "p.csv")
        assert code == 2 and "declares" in err and len(err.strip().splitlines()) == 1, err
        assert "Traceback" not in err and "DecompressionBomb" not in err and "MemoryError" not in err
    assert not (tmp_path / "p.csv").exists()


@pytest.fixture
def no_temporary_files(monkeypatch):
    """Any temporary file or folder made from here on fails the test."""
    import tempfile

    def refuse(*args, **kwargs):
        raise AssertionError("a temporary file was made while serving")

    for name in ("mkstemp", "mkdtemp", "TemporaryDirectory", "NamedTemporaryFile", "TemporaryFile"):
        monkeypatch.setattr(tempfile, name, refuse)
    monkeypatch.setattr(tempfile.SpooledTemporaryFile, "rollover", refuse)


def test_uploads_are_decoded_in_memory_without_temporary_files(image_run, no_temporary_files):
    from mednn.serving import make_app

    client = TestClient(make_app(image_run))
    big = small_png(True) + b"\x00" * 1_500_000  # past starlette's 1 MB spool: still in memory
    files = [("files", ("a.png", small_png(False), "image/png")), ("files", ("b.png", big, "image/png"))]
    reply = client.post("/predict", files=files)
    assert reply.status_code == 200, reply.text
    assert [p["record"] for p in reply.json()["predictions"]] == [0, 1]
    unreadable = client.post("/predict", files=[("files", ("c.dcm", b"not a dicom file", "application/dicom"))])
    assert unreadable.status_code == 422 and "image 0" in unreadable.text and "c.dcm" not in unreadable.text


@pytest.fixture(scope="module")
def table_run(tmp_path_factory):
    from tests.cli.conftest import breast_cancer_run

    return breast_cancer_run(tmp_path_factory, "train.epochs=2", "evaluate.bootstrap=0")


def test_records_are_read_without_temporary_files(table_run, no_temporary_files):
    from sklearn.datasets import load_breast_cancer

    from mednn.serving import make_app

    run = table_run
    records = load_breast_cancer(as_frame=True).frame.drop(columns=["target"]).head(3).to_dict(orient="records")
    reply = TestClient(make_app(run)).post("/predict", json={"records": records})
    assert reply.status_code == 200 and len(reply.json()["predictions"]) == 3


def test_too_many_or_malformed_uploads_are_refused_by_status(image_run):
    from mednn.serving import make_app
    from mednn.serving.security import ServeSecurity

    client = TestClient(make_app(image_run, security=ServeSecurity(max_images=2)))
    png = small_png(False)
    three = [("files", (f"{i}.png", png, "image/png")) for i in range(3)]
    assert client.post("/predict", files=three).status_code == 413
    as_json = {"images": [{"name": f"{i}.png", "data": base64.b64encode(png).decode()} for i in range(3)]}
    assert client.post("/predict", json=as_json).status_code == 413
    broken = client.post("/predict", content=b"--x\r\nnot a part", headers={"Content-Type": "multipart/form-data; boundary=x"})
    assert broken.status_code in (400, 422)
    assert client.post("/predict", files=[("files", ("notes.txt", b"MRN 12345", "text/plain"))]).status_code == 422
