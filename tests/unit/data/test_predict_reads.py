"""Reading samples to score (``read_dataset(labels=False)``) and external files coded against a
run's classes (``task=``), for every modality; ``data.class_names`` and ``data.label_map``."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mednn.config import DataConfig, load_config
from mednn.data.base import Task
from mednn.data.readers import read_dataset
from mednn.errors import ConfigError, DataError

# --- tables ---------------------------------------------------------------------------------------

PIMA_NAMES = ["pregnancies", "glucose", "blood_pressure", "skin_fold", "insulin", "bmi", "pedigree", "age",
              "outcome"]


def pima_rows(n: int, seed: int = 0, *, label: bool = True) -> str:
    rng = np.random.default_rng(seed)
    lines = []
    for i in range(n):
        cells = [rng.integers(0, 10), rng.integers(60, 200), rng.integers(40, 100), rng.integers(0, 40),
                 rng.integers(0, 300), round(float(rng.uniform(18, 45)), 1), round(float(rng.uniform(0, 2)), 3),
                 rng.integers(21, 80)]
        if label:
            cells.append(i % 2)
        lines.append(",".join(str(c) for c in cells))
    return "\n".join(lines) + "\n"


def pima_cfg(path) -> DataConfig:
    # the README's Pima example
    return load_config(None, [f"data.path={path}", "data.format=csv", "data.header=false",
                              f"data.column_names=[{', '.join(PIMA_NAMES)}]", "data.label=outcome",
                              "data.task=binary", "data.positive_class=1"]).data


def test_headerless_table_to_predict_without_and_with_its_label_column(tmp_path):
    (tmp_path / "train.csv").write_text(pima_rows(20))
    train = read_dataset(pima_cfg(tmp_path / "train.csv"))
    (tmp_path / "new.csv").write_text(pima_rows(5, seed=1, label=False))  # one column fewer
    new = read_dataset(pima_cfg(tmp_path / "new.csv"), labels=False, task=train.task)
    assert new.feature_names == train.feature_names and len(new) == 5
    assert list(new.ids) == [f"row-{r}" for r in range(1, 6)]
    assert new.task == train.task and new.targets.dtype == np.int64 and (new.targets == 0).all()
    labelled = read_dataset(pima_cfg(tmp_path / "train.csv"), labels=False)
    assert labelled.feature_names == train.feature_names and "outcome" not in labelled.inputs.columns
    assert labelled.targets.shape == (20, 1) and np.isnan(labelled.targets).all()
    # a file with neither count of columns is still an error naming the count
    (tmp_path / "bad.csv").write_text("1,2,3\n4,5,6\n")
    with pytest.raises(DataError, match="column_names lists 9 names but the file has 3 columns"):
        read_dataset(pima_cfg(tmp_path / "bad.csv"), labels=False)
    # the label column is required when labels are read
    with pytest.raises(DataError, match="9 names but the file has 8"):
        read_dataset(pima_cfg(tmp_path / "new.csv"))


@pytest.mark.parametrize("fmt", ["csv", "tsv", "parquet"])
def test_extra_columns_ignored_and_missing_ones_named(tmp_path, fmt):
    frame = pd.DataFrame({"age": [50, 60, 70], "bmi": [20.0, 30.0, 25.0], "scanner": ["a", "b", "a"],
                          "note": ["x", "y", "z"]})
    path = tmp_path / f"new.{fmt}"
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
        frame.to_parquet(path)
    else:
        frame.to_csv(path, sep="\t" if fmt == "tsv" else ",", index=False)
    cfg = DataConfig(format=fmt, path=str(path), label="outcome", feature_columns=["age", "bmi"])
    ds = read_dataset(cfg, labels=False)
    assert list(ds.inputs.columns) == ["age", "bmi"] and ds.notes["ignored_columns"] == ["scanner", "note"]
    missing = cfg.model_copy(update={"feature_columns": ["age", "glucose", "insulin", "a1", "a2", "a3", "a4"]})
    with pytest.raises(DataError, match=r"6 feature columns 'glucose', 'insulin', 'a1', 'a2', 'a3' and 1 more "
                                        r"are not in the file.*fix: add them"):
        read_dataset(missing, labels=False)


def test_one_class_file_reads_as_the_runs_binary_task(tmp_path):
    (tmp_path / "train.csv").write_text("x,y\n1,healthy\n2,disease\n3,healthy\n4,disease\n")
    train = read_dataset(DataConfig(path=str(tmp_path / "train.csv"), label="y"))
    assert train.task.class_names == ("healthy", "disease")  # the name says which is positive
    assert "its name" in train.notes["positive_class"]
    (tmp_path / "controls.csv").write_text("x,y\n5,healthy\n6,healthy\n")
    with pytest.raises(DataError, match="single value"):
        read_dataset(DataConfig(path=str(tmp_path / "controls.csv"), label="y"))
    ds = read_dataset(DataConfig(path=str(tmp_path / "controls.csv"), label="y"), task=train.task)
    assert ds.task == train.task and ds.targets.tolist() == [0, 0]
    (tmp_path / "cases.csv").write_text("x,y\n5,disease\n6,disease\n")
    assert read_dataset(DataConfig(path=str(tmp_path / "cases.csv"), label="y"), task=train.task).targets.tolist() == [1, 1]
    (tmp_path / "odd.csv").write_text("x,y\n5,healthy\n6,Secret-Value\n7,Secret-Value\n")
    with pytest.raises(DataError, match="label column 'y' has 2 row") as err:
        read_dataset(DataConfig(path=str(tmp_path / "odd.csv"), label="y"), task=train.task)
    assert "Secret-Value" not in str(err.value) and "\n" not in str(err.value)


def test_class_names_order_tables(tmp_path):
    (tmp_path / "t.csv").write_text("x,y\n1,yes\n2,no\n3,yes\n")
    ds = read_dataset(DataConfig(path=str(tmp_path / "t.csv"), label="y", class_names=["yes", "no"]))
    assert ds.task.class_names == ("yes", "no") and ds.task.positive_class == "no"
    assert ds.targets.tolist() == [0, 1, 0]
    multi = read_dataset(DataConfig(path=str(tmp_path / "t.csv"), label="y", task="multiclass",
                                    class_names=["no", "maybe", "yes"]))
    assert multi.task.class_names == ("no", "maybe", "yes") and multi.targets.tolist() == [2, 0, 2]
    with pytest.raises(DataError, match="1 row.*not one of the 2 classes"):
        read_dataset(DataConfig(path=str(tmp_path / "t.csv"), label="y", class_names=["yes", "unsure"]))
    with pytest.raises(ConfigError, match="positive class"):
        read_dataset(DataConfig(path=str(tmp_path / "t.csv"), label="y", class_names=["no", "yes"],
                                positive_class="no"))


def test_label_map_at_train_and_at_evaluate(tmp_path):
    rows = "\n".join(f"{i},{i % 5}" for i in range(20))
    (tmp_path / "train.csv").write_text("x,severity\n" + rows + "\n")
    cfg = load_config(None, [f"data.path={tmp_path / 'train.csv'}", "data.label=severity",
                             "data.label_map={0: healthy, 1: disease, 2: disease, 3: disease, 4: disease}"]).data
    train = read_dataset(cfg)
    assert train.task.kind == "binary" and train.task.class_names == ("healthy", "disease")
    assert train.targets.tolist() == [0 if i % 5 == 0 else 1 for i in range(20)]
    # an external file of controls only (severity 0), coded with the run's map and classes
    (tmp_path / "controls.csv").write_text("x,severity\n1,0\n2,0.0\n")
    ext = read_dataset(cfg.model_copy(update={"path": str(tmp_path / "controls.csv")}), task=train.task)
    assert ext.targets.tolist() == [0, 0] and ext.task == train.task
    (tmp_path / "odd.csv").write_text("x,severity\n1,7\n2,0\n")
    with pytest.raises(DataError, match="'severity' has 1 row.*not a key of data.label_map"):
        read_dataset(cfg.model_copy(update={"path": str(tmp_path / "odd.csv")}), task=train.task)
    with pytest.raises(ConfigError, match="label_map"):
        load_config(None, ["data.label_map={0: a}", "data.class_names=[b, c]"])


def test_placeholders_follow_the_runs_task(tmp_path):
    (tmp_path / "n.csv").write_text("a,b\n1,2\n3,4\n")
    cfg = DataConfig(path=str(tmp_path / "n.csv"), label=["y1", "y2"])
    ml = read_dataset(cfg, labels=False, task=Task("multilabel", ("y1", "y2")))
    assert ml.targets.shape == (2, 2) and ml.targets.dtype == np.float32 and np.isnan(ml.targets).all()
    mc = read_dataset(cfg, labels=False, task=Task("multiclass", ("a", "b", "c")))
    assert mc.targets.dtype == np.int64 and mc.targets.shape == (2,)


# --- notes and molecules ----------------------------------------------------------------------------


def test_text_to_predict_and_one_class_evaluation(tmp_path):
    (tmp_path / "train.csv").write_text("text,dx\nchest pain,disease\nno complaint,healthy\nfever,disease\n")
    train = read_dataset(DataConfig(format="text", path=str(tmp_path / "train.csv"), label="dx"))
    assert train.task.class_names == ("healthy", "disease") and "its name" in train.notes["positive_class"]
    (tmp_path / "new.csv").write_text("id,text\na,cough\nb,cough\n")
    new = read_dataset(DataConfig(format="text", path=str(tmp_path / "new.csv"), label="dx", id_column="id"),
                       labels=False, task=train.task)
    assert new.inputs == ["cough", "cough"] and list(new.ids) == ["a", "b"] and new.task == train.task
    (tmp_path / "ext.csv").write_text("text,dx\nwell,healthy\nfine,healthy\n")
    ext = read_dataset(DataConfig(format="text", path=str(tmp_path / "ext.csv"), label="dx"), task=train.task)
    assert ext.targets.tolist() == [0, 0]
    mapped = read_dataset(DataConfig(format="text", path=str(tmp_path / "train.csv"), label="dx",
                                     label_map={"disease": "sick", "healthy": "well"}))
    assert mapped.task.class_names == ("well", "sick")


def test_molecules_to_predict_and_one_class_evaluation(tmp_path):
    pytest.importorskip("rdkit")
    (tmp_path / "train.csv").write_text("smiles,toxic\nCCO,0\nc1ccccc1,1\nCCN,0\nCC(=O)O,1\n")
    train = read_dataset(DataConfig(format="smiles", path=str(tmp_path / "train.csv"), label="toxic"))
    assert train.task.class_names == ("0", "1")
    (tmp_path / "new.csv").write_text("smiles\nCCO\nnot_a_smiles\nCCCl\n")
    new = read_dataset(DataConfig(format="smiles", path=str(tmp_path / "new.csv"), label="toxic"),
                       labels=False, task=train.task)
    assert len(new) == 2 and list(new.ids) == ["row-2", "row-4"] and len(new.notes["invalid_molecules"]) == 1
    (tmp_path / "ext.csv").write_text("smiles,toxic\nCCO,1\nCCCC,1.0\n")
    ext = read_dataset(DataConfig(format="smiles", path=str(tmp_path / "ext.csv"), label="toxic"), task=train.task)
    assert ext.targets.tolist() == [1, 1] and ext.task == train.task
    mapped = read_dataset(DataConfig(format="smiles", path=str(tmp_path / "train.csv"), label="toxic",
                                     label_map={"0": "safe", "1": "toxic"}))
    assert mapped.task.class_names == ("safe", "toxic") and mapped.targets.tolist() == [0, 1, 0, 1]


# --- images --------------------------------------------------------------------------------------------

PIL = pytest.importorskip("PIL")
from PIL import Image  # noqa: E402


def png(path, shape=(10, 12), rgb=False, seed=0):
    rng = np.random.default_rng(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    array = rng.integers(0, 256, (*shape, 3) if rgb else shape, dtype=np.uint8)
    Image.fromarray(array).save(path)


def image_run(tmp_path, **options):
    root = tmp_path / "train"
    for c in ("benign", "malignant"):
        for i in range(2):
            png(root / c / f"{i}.png", seed=i)
    cfg = DataConfig(format="image_folder", path=str(root), **options)
    return cfg, read_dataset(cfg)


def test_flat_folder_single_file_and_manifest_match_the_training_shape(tmp_path):
    cfg, train = image_run(tmp_path, size=[8, 8], color="gray")
    flat = tmp_path / "new"
    png(flat / "a.png", shape=(20, 16), rgb=True)
    png(flat / "b.jpg", shape=(8, 8))
    png(flat / "sub" / "c.tif", shape=(9, 9))
    (flat / "readme.txt").write_text("not an image")
    ds = read_dataset(cfg.model_copy(update={"path": str(flat)}), labels=False, task=train.task)
    assert ds.inputs.shape[1:] == train.inputs.shape[1:] and ds.inputs.dtype == train.inputs.dtype
    assert list(ds.ids) == ["a.png", "b.jpg", "sub/c.tif"] and ds.notes["ignored"]["count"] == 1
    assert ds.task == train.task and (ds.targets == 0).all()
    one = read_dataset(cfg.model_copy(update={"path": str(flat / "a.png")}), labels=False)
    assert one.inputs.shape == (1, *train.inputs.shape[1:]) and list(one.ids) == ["a.png"]
    # a manifest without labels, the run being a folder run; its id column names the rows
    (flat / "m.csv").write_text("path,patient\na.png,p1\nsub/c.tif,p2\n")
    manifest = read_dataset(cfg.model_copy(update={"path": str(flat / "m.csv"), "id_column": "patient"}),
                            labels=False)
    assert manifest.inputs.shape == (2, *train.inputs.shape[1:]) and list(manifest.ids) == ["p1", "p2"]


def test_run_without_size_predicts_in_its_training_shape(tmp_path):
    from mednn.data.images import options_like

    cfg, train = image_run(tmp_path)  # 10x12 gray, no data.size
    png(tmp_path / "new" / "big.png", shape=(30, 20), rgb=True)
    ds = read_dataset(cfg.model_copy(update={"path": str(tmp_path / "new"), **options_like(train.inputs.shape[1:])}),
                      labels=False)
    assert ds.inputs.shape[1:] == train.inputs.shape[1:] == (1, 10, 12)
    assert options_like((3, 64, 64)) == {"size": [64, 64], "color": "rgb"}


def test_auto_format_run_predicts_a_flat_folder(tmp_path):
    cfg, train = image_run(tmp_path)
    cfg = cfg.model_copy(update={"format": "auto"})
    png(tmp_path / "flat" / "x.png")
    ds = read_dataset(cfg.model_copy(update={"path": str(tmp_path / "flat")}), labels=False)
    assert ds.inputs.shape[1:] == train.inputs.shape[1:]


def test_unreadable_file_to_predict_is_skipped_with_its_id(tmp_path):
    cfg, train = image_run(tmp_path, on_unreadable="skip")
    png(tmp_path / "new" / "ok.png")
    (tmp_path / "new" / "broken.png").write_bytes(b"not a png")
    ds = read_dataset(cfg.model_copy(update={"path": str(tmp_path / "new")}), labels=False)
    assert list(ds.ids) == ["ok.png"]
    assert ds.notes["skipped"] == [{"id": "broken.png", "path": "broken.png",
                                    "reason": "not a readable image (UnidentifiedImageError)"}]
    with pytest.raises(DataError, match="broken.png"):
        read_dataset(cfg.model_copy(update={"path": str(tmp_path / "new"), "on_unreadable": "fail"}),
                     labels=False)


def test_image_csv_run_reads_a_manifest_without_labels_and_evaluates_one_class(tmp_path):
    png(tmp_path / "a.png")
    png(tmp_path / "b.png", seed=1)
    (tmp_path / "train.csv").write_text("path,finding\na.png,normal\nb.png,pneumonia\n")
    cfg = DataConfig(format="image_csv", path=str(tmp_path / "train.csv"), label="finding")
    train = read_dataset(cfg)
    assert train.task.class_names == ("normal", "pneumonia")
    (tmp_path / "new.csv").write_text("path\nb.png\n")
    new = read_dataset(cfg.model_copy(update={"path": str(tmp_path / "new.csv")}), labels=False, task=train.task)
    assert new.inputs.shape[1:] == train.inputs.shape[1:] and list(new.ids) == ["row-2"]
    (tmp_path / "ext.csv").write_text("path,finding\na.png,normal\n")
    ext = read_dataset(cfg.model_copy(update={"path": str(tmp_path / "ext.csv")}), task=train.task)
    assert ext.targets.tolist() == [0] and ext.task == train.task
    mapped = read_dataset(cfg.model_copy(update={"label_map": {"normal": "healthy", "pneumonia": "disease"}}))
    assert mapped.task.class_names == ("healthy", "disease")


def test_npz_of_images_for_a_medmnist_run(tmp_path):
    rng = np.random.default_rng(0)
    arrays = {f"{s}_images": rng.integers(0, 256, (4, 28, 28), dtype=np.uint8) for s in ("train", "val", "test")}
    arrays.update({f"{s}_labels": np.array([[0], [1], [0], [1]]) for s in ("train", "val", "test")})
    np.savez(tmp_path / "run.npz", **arrays)
    cfg = DataConfig(format="medmnist", path=str(tmp_path / "run.npz"))
    train = read_dataset(cfg)
    np.savez(tmp_path / "new.npz", images=rng.integers(0, 256, (3, 28, 28), dtype=np.uint8))
    new = read_dataset(cfg.model_copy(update={"path": str(tmp_path / "new.npz")}), labels=False, task=train.task)
    assert new.inputs.shape == (3, *train.inputs.shape[1:]) and new.inputs.dtype == np.uint8
    assert list(new.ids) == ["image-00000", "image-00001", "image-00002"]
    # the run's own file read without labels keeps its split ids
    again = read_dataset(cfg, labels=False)
    assert len(again) == 12 and again.ids[4] == "val-00000"
    # a one-class external .npz coded against the run's classes
    np.savez(tmp_path / "ext.npz", test_images=arrays["test_images"], test_labels=np.zeros((4, 1), int))
    ext = read_dataset(cfg.model_copy(update={"path": str(tmp_path / "ext.npz")}), task=train.task)
    assert ext.targets.tolist() == [0, 0, 0, 0] and ext.task == train.task


def test_each_image_to_predict_is_scored_on_its_own_and_16_bit_maps_by_its_range(tmp_path):
    """An 8-bit run: a 16-bit file in the same folder or request changes no other image, and a
    16-bit export of an 8-bit image (values x257) reads as the 8-bit original (no min-max
    stretch of one image or of the batch)."""
    import io

    from mednn.data.images import options_like
    from mednn.data.image_options import PredictImageOptions
    from mednn.inference.uploads import read_uploads

    cfg, train = image_run(tmp_path)
    cfg = cfg.model_copy(update=options_like(train.inputs.shape[1:], str(train.inputs.dtype)))
    rng = np.random.default_rng(3)
    scan = rng.integers(40, 200, (10, 12), dtype=np.uint8)  # not the full 0-255 range
    other16 = rng.integers(1000, 30000, (10, 12), dtype=np.uint16)
    for folder, files in {"alone": {"t001.png": scan}, "mix": {"t001.png": scan, "u16.png": other16},
                          "export": {"t001.png": scan.astype(np.uint16) * 257}}.items():
        (tmp_path / folder).mkdir()
        for name, array in files.items():
            Image.fromarray(array).save(tmp_path / folder / name)
    read = {f: read_dataset(cfg.model_copy(update={"path": str(tmp_path / f)}), labels=False)
            for f in ("alone", "mix", "export")}
    assert all(ds.inputs.dtype == np.uint8 for ds in read.values())
    assert (read["alone"].inputs[0, 0] == scan).all()
    assert (read["mix"].inputs[0, 0] == scan).all() and list(read["mix"].ids) == ["t001.png", "u16.png"]
    assert (read["export"].inputs[0, 0] == scan).all()
    assert (read["mix"].inputs[1, 0] == np.round(other16 / 257)).all()  # its range, not stretched
    # the same in one request to `mednn serve`
    uploads = []
    for name in ("t001.png", "u16.png"):
        buf = io.BytesIO()
        Image.open(tmp_path / "mix" / name).save(buf, format="PNG")
        uploads.append((name, buf.getvalue()))
    options = PredictImageOptions(**options_like(train.inputs.shape[1:], "uint8"))
    served = read_uploads(uploads, options)
    assert served.inputs.dtype == np.uint8 and (served.inputs == read["mix"].inputs).all()


# --- DICOM and NIfTI ---------------------------------------------------------------------------------

pydicom = pytest.importorskip("pydicom")


def ct_small():
    import warnings
    from pathlib import Path

    from pydicom.data import get_testdata_file

    warnings.filterwarnings("ignore", module="pydicom")
    # only a file shipped inside the pydicom wheel (get_testdata_file would download others)
    assert (Path(pydicom.data.__file__).parent / "test_files" / "CT_small.dcm").is_file()
    return pydicom.dcmread(get_testdata_file("CT_small.dcm"))


def write_series(folder, n_slices: int, seed: int):
    from pydicom.uid import generate_uid

    base = ct_small()
    uid = generate_uid()
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    for k in range(n_slices):
        ds = base.copy()
        ds.SeriesInstanceUID = uid
        ds.ImagePositionPatient = [0.0, 0.0, float(k)]
        ds.PixelData = rng.integers(0, 1000, (128, 128), dtype=np.int16).tobytes()
        ds.save_as(folder / f"slice{k}.dcm")


def test_single_dicom_file_matches_a_dicom_training_run(tmp_path):
    import shutil

    from pydicom.data import get_testdata_file

    ct_small()
    for c in ("a", "b"):
        (tmp_path / "train" / c).mkdir(parents=True)
        shutil.copy(get_testdata_file("CT_small.dcm"), tmp_path / "train" / c / "x.dcm")
    cfg = DataConfig(format="image_folder", path=str(tmp_path / "train"), size=[32, 32], window_center=40,
                     window_width=400)
    train = read_dataset(cfg)
    shutil.copy(get_testdata_file("CT_small.dcm"), tmp_path / "new.dcm")
    ds = read_dataset(cfg.model_copy(update={"path": str(tmp_path / "new.dcm")}), labels=False)
    assert ds.inputs.shape == (1, *train.inputs.shape[1:]) and ds.inputs.dtype == train.inputs.dtype
    np.testing.assert_array_equal(ds.inputs[0], train.inputs[0])  # the run's windowing applied
    from mednn.data.dicom_privacy import image_id

    assert list(ds.ids) == [image_id("new.dcm", "dicom")] and ds.ids[0].startswith("dicom-")


def test_folder_of_dicom_series_one_sample_per_series(tmp_path):
    for c in ("a", "b"):
        write_series(tmp_path / "train" / c / "s1", 3, seed=1)
    cfg = DataConfig(format="image_folder", path=str(tmp_path / "train"), size=[4, 16, 16])
    train = read_dataset(cfg)
    assert train.inputs.shape == (2, 1, 4, 16, 16)
    write_series(tmp_path / "new" / "patient1" / "ct", 5, seed=2)
    write_series(tmp_path / "new" / "patient2" / "ct", 3, seed=3)
    ds = read_dataset(cfg.model_copy(update={"path": str(tmp_path / "new")}), labels=False)
    assert ds.inputs.shape == (2, *train.inputs.shape[1:])
    from mednn.data.dicom_privacy import image_id

    assert list(ds.ids) == [image_id("patient1/ct", "series"), image_id("patient2/ct", "series")]
    # without data.size, a folder whose files share one series is one volume
    plain = read_dataset(DataConfig(format="image_folder", path=str(tmp_path / "new" / "patient2" / "ct")),
                         labels=False)
    assert plain.inputs.shape == (1, 1, 3, 128, 128)


def test_nifti_file_and_folder_of_nifti_files(tmp_path):
    nib = pytest.importorskip("nibabel")
    rng = np.random.default_rng(0)
    (tmp_path / "train.csv").write_text("path,y\nv0.nii.gz,0\nv1.nii,1\n")
    for i, name in enumerate(["v0.nii.gz", "v1.nii"]):
        nib.save(nib.Nifti1Image(rng.normal(size=(6, 7, 5)).astype(np.float32), np.eye(4)), tmp_path / name)
    cfg = DataConfig(format="image_csv", path=str(tmp_path / "train.csv"), label="y", size=[4, 6, 6])
    train = read_dataset(cfg)
    assert train.inputs.shape == (2, 1, 4, 6, 6)
    folder = tmp_path / "new"
    folder.mkdir()
    for name, shape in (("p1.nii.gz", (9, 9, 9)), ("p2.nii", (6, 7, 5))):
        nib.save(nib.Nifti1Image(rng.normal(size=shape).astype(np.float32), np.eye(4)), folder / name)
    ds = read_dataset(cfg.model_copy(update={"path": str(folder)}), labels=False)
    assert ds.inputs.shape == (2, *train.inputs.shape[1:]) and ds.inputs.dtype == train.inputs.dtype
    assert list(ds.ids) == ["p1.nii.gz", "p2.nii"]
    one = read_dataset(cfg.model_copy(update={"path": str(folder / "p1.nii.gz")}), labels=False)
    assert one.inputs.shape == (1, *train.inputs.shape[1:]) and list(one.ids) == ["p1.nii.gz"]


# --- inspect --------------------------------------------------------------------------------------------


def test_inspect_flags_integer_codes_as_probably_categorical(tmp_path):
    from mednn.data.quality import inspect_dataset

    rng = np.random.default_rng(0)
    n = 60
    frame = pd.DataFrame({"chest_pain_type": rng.integers(1, 5, n), "age": rng.integers(20, 90, n),
                          "smoker": rng.integers(0, 2, n), "bmi": rng.normal(25, 4, n).round(1),
                          "bp": 10 * rng.integers(6, 15, n),  # a measurement in steps of 10, not codes
                          "y": np.arange(n) % 2})
    frame.to_csv(tmp_path / "t.csv", index=False)
    ds = read_dataset(DataConfig(path=str(tmp_path / "t.csv"), label="y"))
    splits = {"train": np.arange(40), "val": np.arange(40, 50), "test": np.arange(50, n)}
    report = inspect_dataset(ds, splits)
    assert report["probably_categorical"] == ["chest_pain_type"]
    codes = [f for f in report["findings"] if f.id == "integer_codes"]
    assert len(codes) == 1 and codes[0].columns == ("chest_pain_type",) and "data.categorical_columns" in codes[0].message
    listed = read_dataset(DataConfig(path=str(tmp_path / "t.csv"), label="y",
                                     categorical_columns=["chest_pain_type"]))
    assert inspect_dataset(listed, splits)["probably_categorical"] == []


def test_a_headerless_file_to_score_with_a_column_missing_is_told_the_columns_in_order(tmp_path):
    """Trial 18: ILPD new rows with one feature column missing got "data.column_names lists 11
    names but the file has 9 columns; fix: give one name per column" — a fix about the run's
    config, not the file. The message now names the columns the file needs, in order."""
    (tmp_path / "short.csv").write_text("1,2,3\n4,5,6\n")
    with pytest.raises(DataError) as caught:
        read_dataset(pima_cfg(tmp_path / "short.csv"), labels=False)
    message = str(caught.value)
    assert "9 names but the file has 3 columns" in message
    assert "give it these 8 columns in this order (" + ", ".join(PIMA_NAMES[:8]) + ")" in message
    assert "1,2,3" not in message and "4, 5" not in message
