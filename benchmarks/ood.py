"""Out-of-distribution flags (mednn.ood) on real data, every modality: in-distribution test
records against records of another public dataset of the same file type.

For each case a small run is trained through ``mednn.pipeline.train`` (few epochs, subsets:
the benchmark machine is shared), which fits the run's OOD scorer on its training split and
thresholds it on validation at a 5% false-positive rate. The run's own test records (the
in-distribution set, their scores from ``predictions.csv``) are compared with each foreign set,
read and scored through the run's Predictor as ``mednn predict`` would:

- AUROC of the OOD score (foreign = positive) and the FPR at 95% TPR (the share of
  in-distribution test records above the score that flags 95% of the foreign ones);
- the flag rate on in-distribution test (target <= 5%) and on each foreign set, at the run's
  own threshold.

Variants of the scorer (``evaluate.ood`` keys, e.g. the energy component) are refitted on the
same trained network without retraining.

    python benchmarks/ood.py --data /work/shared/data --out benchmarks/results/ood.json
    python benchmarks/ood.py --data /work/shared/data --only tables,molecules

Cases and their foreign sets (all under ``--data``; MR volumes from nibabel's test data):

- images 2D: PneumoniaMNIST (chest X-ray; 2,000 training images) vs BreastMNIST (ultrasound),
  MR slices (nibabel's anatomical and example4d volumes), MNIST digits;
- images 3D: AdrenalMNIST3D (CT masks) vs MR volume crops and chest X-rays piled into 28^3
  volumes (the shared data hold no second 3D MedMNIST set);
- text: Medical Abstracts vs Hallmarks of Cancer abstracts, MTS-Dialog dialogues and notes;
- text_notes (a second ID text set, the opposite genre): MTS-Dialog note sections vs Medical
  Abstracts, Hallmarks of Cancer abstracts and MTS-Dialog dialogues;
- molecules: BBBP (scaffold split, random split, and D-MPNN) vs BACE, FreeSolv, AqSolDB, ToxCast;
  a second in-distribution set, Lipophilicity (2,000, scaffold split), vs BBBP and the same four;
- tables: Pima diabetes vs Wisconsin breast cancer and ILPD rows mapped onto Pima's columns,
  Pima's test rows from a site reporting glucose in mmol/L, and (a hard, subtle shift) Pima
  test patients over 50; heart failure vs its test rows with creatinine in umol/L.
"""

from __future__ import annotations

import argparse
import json
import sys
import tarfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402

QUIET = ["train.progress=false", "train.threads=1", "explain.enabled=false", "report.enabled=false",
         "evaluate.bootstrap=50", "evaluate.baselines=none", "seed=0"]
# refitted on the trained network; "default" is the run's own scorer (evaluate.ood's defaults)
VARIANTS = {"unit length": {"normalize": True}, "energy on": {"energy": True}, "energy off": {"energy": False}}
# the image scorer (image_embedding): without the layer ensemble (the default before round 4), its kNN distance
# instead of the Mahalanobis one, without intensity statistics
IMAGE_VARIANTS = {"no layers (default before 2026-12-07 05:00)": {"layers": 0},
                  "knn distance": {"distance": "knn"}, "no intensity": {"intensity": False},
                  "knn, no intensity (embedding_knn)": {"distance": "knn", "intensity": False}}
# the text scorer (text_knn): without the form component (its default before 2026-12-07)
TEXT_VARIANTS = {**VARIANTS, "no form (text_knn before 2026-12-07)": {"text_form": False}}

# molecules (molecule_domain): the default sums the input-space parts chosen by
# benchmarks/ood_molecule_variants.py (leave one out over 8 ID sets); the variants: the default before it, the
# network's embedding alone, and the default plus the embedding
MOLECULE_VARIANTS = {name: {"molecule_parts": parts} for name, parts in {
    "default before 2026-12-07": ["tanimoto", "descriptors", "elements", "environments"],
    "embedding only": ["embedding"],
    "default + embedding": ["embedding", "tanimoto", "atom_pairs", "isolation_forest", "elements"]}.items()}
IN_DISTRIBUTION = "(in-distribution) "  # a check set exchangeable with training: ~5% flagged, AUROC ~0.5


# --- the data of each case ---------------------------------------------------------------------

def _mr_volumes() -> list[np.ndarray]:
    import nibabel

    folder = Path(nibabel.__file__).parent / "tests" / "data"
    anatomical = np.asarray(nibabel.load(folder / "anatomical.nii").dataobj, dtype=np.float64)
    example = np.asarray(nibabel.load(folder / "example4d.nii.gz").dataobj, dtype=np.float64)
    return [anatomical, example[..., 0], example[..., 1]]


def _to_uint8(x: np.ndarray) -> np.ndarray:
    low, high = np.percentile(x, [0.5, 99.5])
    return (np.clip((x - low) / max(high - low, 1e-9), 0, 1) * 255).astype(np.uint8)


def _resize(x: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    from scipy.ndimage import zoom

    return zoom(x, [s / d for s, d in zip(shape, x.shape)], order=1)


def mr_slices(size: int = 28) -> np.ndarray:
    """Every axial, coronal and sagittal slice of the MR volumes with some signal, at size x size."""
    out = []
    for volume in _mr_volumes():
        for axis in range(3):
            for i in range(volume.shape[axis]):
                plane = np.take(volume, i, axis=axis)
                if plane.std() > 0 and min(plane.shape) >= 8:
                    out.append(_to_uint8(_resize(plane, (size, size))))
    return np.stack(out)


def mr_crops(n: int = 64, size: int = 28, seed: int = 0) -> np.ndarray:
    """Random cubic crops of the MR volumes (16 voxels to the volume's smallest side), at size^3."""
    rng = np.random.default_rng(seed)
    volumes, out = _mr_volumes(), []
    for i in range(n):
        v = volumes[i % len(volumes)]
        side = int(rng.integers(16, min(v.shape) + 1))
        start = [int(rng.integers(0, d - side + 1)) for d in v.shape]
        crop = v[tuple(slice(s, s + side) for s in start)]
        out.append(_to_uint8(_resize(crop, (size, size, size))))
    return np.stack(out)


DEGENERATE = "(degenerate) "  # inputs no scanner should send: blank, constant, noise, inverted, turned


def degenerate_images(test: np.ndarray, seed: int = 0) -> dict[str, np.ndarray]:
    """Degenerate versions of a case's own ID test images (uint8, 2D or 3D): constant frames
    (black, white and ten grey levels), uniform noise, and the test images inverted, upside
    down and turned 90 degrees (the last two keep every intensity statistic)."""
    rng = np.random.default_rng(seed)
    shape = test.shape[1:]
    levels = np.r_[0, 255, np.linspace(20, 235, 10)].astype(np.uint8)
    return {f"{DEGENERATE}constant frames: black, white, 10 greys": np.stack([np.full(shape, v, np.uint8)
                                                                             for v in levels]),
            f"{DEGENERATE}uniform noise": rng.integers(0, 256, (200, *shape)).astype(np.uint8),
            f"{DEGENERATE}ID test inverted": (255 - test).astype(np.uint8),
            f"{DEGENERATE}ID test upside down": np.ascontiguousarray(test[:, ::-1]),
            f"{DEGENERATE}ID test turned 90 degrees": np.ascontiguousarray(np.rot90(test, axes=(1, 2)))}


def _save_sets(work: Path, prefix: str, foreign: dict[str, np.ndarray]) -> dict[str, Path]:
    sets = {}
    for name, images in foreign.items():
        sets[name] = work / f"{prefix}_{len(sets)}.npz"
        np.savez(sets[name], images=images)
    return sets


def images_2d(data: Path, work: Path, n_train: int) -> tuple[list[str], dict[str, Path]]:
    from mednn.data.image_arrays import read_idx

    source = np.load(data / "medmnist/pneumoniamnist.npz")
    rng = np.random.default_rng(0)
    keep = np.sort(rng.choice(len(source["train_images"]), min(n_train, len(source["train_images"])), replace=False))
    arrays = {k: source[k] for k in source.files}
    arrays["train_images"], arrays["train_labels"] = source["train_images"][keep], source["train_labels"][keep]
    np.savez(work / "pneumonia_subset.npz", **arrays)
    unused = np.setdiff1d(np.arange(len(source["train_images"])), keep)[:1000]
    breast = np.load(data / "medmnist/breastmnist.npz")
    foreign = {f"{IN_DISTRIBUTION}unused PneumoniaMNIST training images": source["train_images"][unused],
               "BreastMNIST (ultrasound)": np.concatenate([breast[f"{s}_images"] for s in ("train", "val", "test")]),
               "MR slices (nibabel)": mr_slices(),
               "MNIST digits": read_idx([data / "mnist/t10k-images-idx3-ubyte.gz"], "images")[:1000, 0],
               **degenerate_images(source["test_images"])}
    sets = _save_sets(work, "images_2d", foreign)
    overrides = [f"data.path={work / 'pneumonia_subset.npz'}", "data.format=medmnist", "split.method=file",
                 "model.name=small_cnn", "train.epochs=4", "featurize.mean=0.5", "featurize.std=0.5"]
    return overrides, sets


def images_2d_breast(data: Path, work: Path, n_train: int) -> tuple[list[str], dict[str, Path]]:
    """A second 2D case, so that the image scorer's defaults are not fitted to PneumoniaMNIST:
    BreastMNIST (ultrasound, 546 training images) against chest X-rays, MR slices and digits."""
    from mednn.data.image_arrays import read_idx

    source = np.load(data / "medmnist/breastmnist.npz")
    foreign = {"PneumoniaMNIST test (chest X-ray)": np.load(data / "medmnist/pneumoniamnist.npz")["test_images"],
               "MR slices (nibabel)": mr_slices(),
               "MNIST digits": read_idx([data / "mnist/t10k-images-idx3-ubyte.gz"], "images")[:1000, 0],
               **degenerate_images(source["test_images"])}
    sets = _save_sets(work, "breast_2d", foreign)
    overrides = [f"data.path={data / 'medmnist/breastmnist.npz'}", "data.format=medmnist", "split.method=file",
                 "model.name=small_cnn", "train.epochs=8", "featurize.mean=0.5", "featurize.std=0.5"]
    return overrides, sets


def images_3d(data: Path, work: Path, n_train: int) -> tuple[list[str], dict[str, Path]]:
    chest = np.load(data / "medmnist/pneumoniamnist.npz")["train_images"][:28 * 64]
    test = np.load(data / "medmnist/adrenalmnist3d.npz")["test_images"]
    sets = _save_sets(work, "images_3d", {"MR volume crops (nibabel)": mr_crops(),
                                          "chest X-rays piled into volumes (PneumoniaMNIST)":
                                              chest.reshape(64, 28, 28, 28),
                                          **degenerate_images(test)})
    overrides = [f"data.path={data / 'medmnist/adrenalmnist3d.npz'}", "data.format=medmnist", "split.method=file",
                 "model.name=small_cnn", "train.epochs=4"]
    return overrides, sets


def _write_sets(frames: dict[str, pd.DataFrame], work: Path, prefix: str) -> dict[str, Path]:
    """Each foreign set as a CSV under ``work`` (``prefix_0.csv``, ...), by name."""
    sets = {}
    for name, frame in frames.items():
        sets[name] = work / f"{prefix}_{len(sets)}.csv"
        frame.to_csv(sets[name], index=False)
    return sets


def _hallmarks(data: Path, work: Path) -> list[str]:
    """The Hallmarks of Cancer abstracts (unpacked once under ``work``), whitespace collapsed."""
    hoc = work / "Hallmarks-of-Cancer"
    if not hoc.exists():
        with tarfile.open(data / "hallmarks_of_cancer/hoc_sb895_3bc6e6d.tar.gz") as tar:
            tar.extractall(work, filter="data")
    return [" ".join(p.read_text(encoding="utf-8").split()) for p in sorted((hoc / "text").glob("*.txt"))]


def _mts_dialog_test(data: Path) -> pd.DataFrame:
    return pd.concat([pd.read_csv(p) for p in sorted((data / "mts_dialog").glob("MTS-Dialog-TestSet-*.csv"))])


def text(data: Path, work: Path, n_train: int) -> tuple[list[str], dict[str, Path]]:
    abstracts = pd.read_csv(data / "medical_abstracts/medical_tc_test.csv")
    abstracts.to_csv(work / "abstracts.csv", index=False)
    hoc_texts, dialog = _hallmarks(data, work), _mts_dialog_test(data)
    foreign = {"Hallmarks of Cancer abstracts": hoc_texts[:1000],
               "MTS-Dialog dialogues": dialog["dialogue"].astype(str).tolist(),
               "MTS-Dialog note sections": dialog["section_text"].astype(str).tolist()}
    sets = _write_sets({k: pd.DataFrame({"medical_abstract": v}) for k, v in foreign.items()}, work, "text")
    overrides = [f"data.path={work / 'abstracts.csv'}", "data.format=text", "data.text_columns=medical_abstract",
                 "data.label=condition_label", "train.epochs=10"]
    return overrides, sets


def text_notes(data: Path, work: Path, n_train: int) -> tuple[list[str], dict[str, Path]]:
    """A second in-distribution text set, short clinical note sections (MTS-Dialog training and
    validation sets, the 11 section types with at least 15 notes), against abstracts and dialogues:
    the text scorer's choices are checked on a genre opposite to Medical Abstracts'."""
    frames = [pd.read_csv(data / "mts_dialog" / f"MTS-Dialog-{name}Set.csv") for name in ("Training", "Validation")]
    notes = pd.concat(frames)
    counts = notes["section_header"].value_counts()
    notes = notes[notes["section_header"].isin(counts[counts >= 15].index)]
    notes[["section_text", "section_header"]].to_csv(work / "note_sections.csv", index=False)
    abstracts = pd.read_csv(data / "medical_abstracts/medical_tc_test.csv")["medical_abstract"]
    hoc_texts, dialog = _hallmarks(data, work), _mts_dialog_test(data)
    foreign = {"Medical Abstracts (1,000)": abstracts.sample(1000, random_state=0).tolist(),
               "Hallmarks of Cancer abstracts": hoc_texts[:1000],
               "MTS-Dialog test dialogues": dialog["dialogue"].astype(str).tolist()}
    sets = _write_sets({k: pd.DataFrame({"section_text": v}) for k, v in foreign.items()}, work, "notes")
    overrides = [f"data.path={work / 'note_sections.csv'}", "data.format=text", "data.text_columns=section_text",
                 "data.label=section_header", "train.epochs=10"]
    return overrides, sets


def _molecule_sets(data: Path) -> dict[str, pd.DataFrame]:
    sample = {"random_state": 0, "n": 1000}
    return {"BACE (BACE-1 inhibitors)": pd.read_csv(data / "moleculenet/bace.csv").rename(columns={"mol": "smiles"}),
            "FreeSolv": pd.read_csv(data / "moleculenet/freesolv.csv"),
            "AqSolDB (1,000)": pd.read_csv(data / "aqsoldb/curated-solubility-dataset.csv").rename(
                columns={"SMILES": "smiles"}).sample(**sample),
            "ToxCast (1,000)": pd.read_csv(data / "moleculenet/toxcast.csv.gz", usecols=["smiles"]).sample(**sample)}


def molecules(data: Path, work: Path, n_train: int, split: str = "scaffold") -> tuple[list[str], dict[str, Path]]:
    foreign = _molecule_sets(data)
    sets = _write_sets({k: v[["smiles"]] for k, v in foreign.items()}, work, "mol")
    overrides = [f"data.path={data / 'moleculenet/bbbp.csv'}", "data.label=p_np", "train.epochs=15",
                 f"split.method={split}"]
    return overrides, sets


def molecules_lipo(data: Path, work: Path, n_train: int) -> tuple[list[str], dict[str, Path]]:
    """A second in-distribution set, so that the molecule defaults are not fitted to BBBP:
    Lipophilicity (ChEMBL drug-like compounds, logD regression; 2,000 of 4,200, scaffold split)
    against BBBP and the same foreign sets."""
    foreign = {"BBBP (blood-brain barrier)": pd.read_csv(data / "moleculenet/bbbp.csv"), **_molecule_sets(data)}
    sets = _write_sets({k: v[["smiles"]] for k, v in foreign.items()}, work, "mol")
    pd.read_csv(data / "moleculenet/lipo.csv").sample(n=2000, random_state=0).to_csv(work / "lipo.csv", index=False)
    return [f"data.path={work / 'lipo.csv'}", "data.label=lipo", "train.epochs=15", "split.method=scaffold"], sets


def molecules_random_split(data: Path, work: Path, n_train: int) -> tuple[list[str], dict[str, Path]]:
    """BBBP split at random: its test molecules share scaffolds with training (scaffold split: none)."""
    return molecules(data, work, n_train, split="random")


def molecules_dmpnn(data: Path, work: Path, n_train: int) -> tuple[list[str], dict[str, Path]]:
    overrides, sets = molecules(data, work, n_train)
    return [*overrides, "model.name=dmpnn", "featurize.name=molgraph", "train.epochs=8"], sets


PIMA = ["pregnancies", "glucose", "blood_pressure", "skin_thickness", "insulin", "bmi", "pedigree", "age"]


def tables(data: Path, work: Path, n_train: int) -> tuple[list[str], dict[str, Path]]:
    pima = pd.read_csv(data / "pima_diabetes/pima-indians-diabetes.data.csv", header=None)
    pima.columns = [*PIMA, "diabetes"]
    pima.insert(0, "row", range(len(pima)))
    pima.to_csv(work / "pima.csv", index=False)
    breast = pd.read_csv(data / "uci_breast_cancer_wisconsin/breast-cancer-wisconsin.data", header=None,
                         na_values="?").iloc[:, 1:9]
    ilpd = pd.read_csv(data / "uci_ilpd/Indian_Liver_Patient_Dataset_ILPD.csv", header=None).drop(columns=[1, 10])
    sets = {}
    for name, frame in {"Wisconsin breast cancer rows": breast, "ILPD rows": ilpd.iloc[:, :8]}.items():
        mapped = pd.DataFrame(frame.to_numpy(), columns=PIMA)
        sets[name] = work / f"table_{len(sets)}.csv"
        mapped.to_csv(sets[name], index=False)
    # shifted-site sets are built from the run's own test rows (see `site_sets`)
    overrides = [f"data.path={work / 'pima.csv'}", "data.label=diabetes", "data.id_column=row", "train.epochs=60"]
    return overrides, sets


def heart_failure(data: Path, work: Path, n_train: int) -> tuple[list[str], dict[str, Path]]:
    frame = pd.read_csv(data / "uci_heart_failure/heart_failure_clinical_records_dataset.csv")
    frame.insert(0, "row", range(len(frame)))
    frame.to_csv(work / "heart_failure.csv", index=False)
    overrides = [f"data.path={work / 'heart_failure.csv'}", "data.label=DEATH_EVENT", "data.id_column=row",
                 "train.epochs=60"]
    return overrides, {}


def site_sets(case: str, run: Path, work: Path, data_path: str) -> dict[str, Path]:
    """Another site's version of the run's own test rows: other units, or another population."""
    test_ids = set(pd.read_csv(run / "predictions.csv", dtype=str).query("split == 'test'")["id"])
    sets = {}
    if case == "tables":
        frame = pd.read_csv(data_path)
        test = frame[frame["row"].astype(str).isin(test_ids)].drop(columns=["diabetes"])
        units = test.assign(glucose=(test["glucose"] / 18.0).round(1))
        sets["Pima test, glucose in mmol/L"] = work / "pima_mmol.csv"
        units.to_csv(sets["Pima test, glucose in mmol/L"], index=False)
        older = frame[(frame["age"] > 50)].drop(columns=["diabetes"])
        sets["Pima patients over 50 (subtle)"] = work / "pima_older.csv"
        older.to_csv(sets["Pima patients over 50 (subtle)"], index=False)
    if case == "heart_failure":
        frame = pd.read_csv(data_path)
        test = frame[frame["row"].astype(str).isin(test_ids)].drop(columns=["DEATH_EVENT"])
        sets["heart failure test, creatinine in umol/L"] = work / "hf_umol.csv"
        test.assign(serum_creatinine=(test["serum_creatinine"] * 88.4).round(0)).to_csv(
            sets["heart failure test, creatinine in umol/L"], index=False)
    return sets


CASES = {"images_2d": images_2d, "images_2d_breast": images_2d_breast, "images_3d": images_3d, "text": text,
         "text_notes": text_notes, "molecules": molecules,
         "molecules_random_split": molecules_random_split, "molecules_dmpnn": molecules_dmpnn,
         "molecules_lipo": molecules_lipo,
         "tables": tables, "heart_failure": heart_failure}


# --- measuring ---------------------------------------------------------------------------------

def detection(in_scores: np.ndarray, out_scores: np.ndarray) -> dict:
    """AUROC (foreign = positive) and the FPR at 95% TPR of the OOD score."""
    from sklearn.metrics import roc_auc_score, roc_curve

    y = np.r_[np.zeros(len(in_scores)), np.ones(len(out_scores))]
    s = np.r_[in_scores, out_scores]
    fpr, tpr, _ = roc_curve(y, s)
    return {"auroc": float(roc_auc_score(y, s)), "fpr_at_95_tpr": float(fpr[np.searchsorted(tpr, 0.95)])}


def score_sets(predictor, scorer, sets: dict[str, Path], seen: set | None = None,
               seconds: dict | None = None) -> dict[str, np.ndarray]:
    """Each set's scores; ``seen``: when given, filled with the share of each set's records that
    are identical to a training record (canonical SMILES): those are not foreign; ``seconds``:
    when given, filled with each set's scoring time (featurizer, network and scorer, after reading)."""
    from mednn.ood.run import ood_inputs

    out = {}
    for name, path in sets.items():
        dataset = predictor.read(path, labels=False)
        if seen is not None and isinstance(seen.get("train"), set):
            seen[name] = float(np.mean([s in seen["train"] for s in dataset.inputs])) if len(dataset) else 0.0
        t0 = time.perf_counter()
        out[name] = scorer.score(ood_inputs(scorer, predictor, predictor.featurizer.transform(dataset),
                                            records=dataset))
        if seconds is not None:
            seconds[name] = round(time.perf_counter() - t0, 3)
    return out


def variant_scorers(cfg, predictor, variants: dict[str, dict]) -> dict:
    """The run's scorer refitted with other ``evaluate.ood`` keys on the same trained network."""
    from mednn.ood.run import fit_run_ood
    from mednn.pipeline import read_and_split

    out = {"default": predictor.ood}
    if predictor.modality == "tabular":
        return out, None
    _, splits, _ = read_and_split(cfg)
    features = {s: predictor.featurizer.transform(part) for s, part in splits.items()}
    if predictor.modality == "molecules":
        variants = MOLECULE_VARIANTS
    test = {"test": features["test"], "records": splits.test}
    for name, keys in variants.items():
        out[name] = (fit_run_ood(cfg, predictor, splits, features, **keys), test)
    if predictor.modality == "text":  # the network's embedding alone: the scorer text runs had before text_knn
        out["embedding only"] = (_embedding_only(cfg, predictor, splits, features), test)
    return out, splits


def _embedding_only(cfg, predictor, splits, features):
    from mednn.ood.run import build_scorer, ood_inputs

    scorer = build_scorer("embedding_knn", **cfg.evaluate.ood.model_dump(), task_kind=predictor.task.kind,
                          seed=cfg.seed)
    return scorer.fit(ood_inputs(scorer, predictor, features["train"]), ood_inputs(scorer, predictor, features["val"]))


def run_case(case: str, data: Path, work: Path, n_train: int) -> list[dict]:
    from mednn.config import load_config
    from mednn.ood.run import ood_inputs
    from mednn.pipeline import train
    from mednn.predictor import Predictor

    (work / case).mkdir(parents=True, exist_ok=True)
    overrides, sets = CASES[case](data, work / case, n_train)
    cfg = load_config(None, [*QUIET, *overrides, f"name=ood_{case}"])
    t0 = time.perf_counter()
    run = train(cfg, work / case / "run", overwrite=True)
    seconds = time.perf_counter() - t0
    sets.update(site_sets(case, run, work / case, next(o for o in overrides if o.startswith("data.path="))[10:]))
    predictor = Predictor.load(run)
    metrics = json.loads((run / "metrics.json").read_text())
    rows = []
    variants = IMAGE_VARIANTS if case.startswith("images") else TEXT_VARIANTS if case.startswith("text") else VARIANTS
    scorers, splits = variant_scorers(cfg, predictor, variants)
    seen = {"train": set(splits.train.inputs)} if predictor.modality == "molecules" else None
    for variant, fitted in scorers.items():
        if variant == "default":
            scorer, test_scores = fitted, _run_test_scores(run)
        else:
            scorer, feats = fitted
            test_scores = scorer.score(ood_inputs(scorer, predictor, feats["test"], records=feats["records"]))
        timing: dict[str, float] = {}
        t0 = time.perf_counter()
        foreign = score_sets(predictor, scorer, sets, seen, timing)
        per_record = (time.perf_counter() - t0) / max(1, sum(len(s) for s in foreign.values()))
        for name, scores in foreign.items():
            extra = {"foreign_in_training": seen[name]} if seen else {}
            rows.append({"case": case, "model": predictor.model_name, "variant": variant, "foreign": name, **extra,
                         "n_in": len(test_scores), "n_out": len(scores), **detection(test_scores, scores),
                         "test_flag_rate": float(np.mean(test_scores > scorer.threshold_)),
                         "val_flag_rate": scorer.val_flag_rate_,
                         "foreign_flag_rate": float(np.mean(scores > scorer.threshold_)),
                         "train_seconds": round(seconds, 1), "score_seconds": timing[name],
                         "score_ms_per_record": round(1000 * per_record, 3),
                         "test_metric": _headline(metrics)})
    return rows


def _run_test_scores(run: Path) -> np.ndarray:
    frame = pd.read_csv(run / "predictions.csv")
    return frame.loc[frame["split"] == "test", "ood_score"].to_numpy(dtype=np.float64)


def _headline(metrics: dict) -> str:
    test = metrics.get("test") or {}
    for key in ("auroc", "macro_auroc", "accuracy", "r2", "rmse"):
        if isinstance(test.get(key), dict):
            return f"{key} {test[key]['value']:.3f}"
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder (e.g. /work/shared/data)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/mednn-ood-benchmark"), help="runs and prepared sets")
    parser.add_argument("--only", default=",".join(CASES), help=f"comma-separated cases of {', '.join(CASES)}")
    parser.add_argument("--n-train", type=int, default=2000, help="training images of the 2D set")
    parser.add_argument("--out", default=None, help="write the results as JSON here")
    args = parser.parse_args(argv)
    import os
    import platform

    cases = args.only.split(",")
    rows, started = [], {"load_average": os.getloadavg(), **machine(), "processor": platform.processor()}
    if args.out and Path(args.out).is_file():  # other cases' rows of an earlier run are kept
        earlier = json.loads(Path(args.out).read_text())
        rows = [r for r in earlier["results"] if r["case"] not in cases]
        started = {"earlier": earlier.get("machine"), **started}
    for case in cases:
        print(f"--- {case}", flush=True)
        rows += run_case(case, args.data, args.work, args.n_train)
        print_table([r for r in rows if r["case"] == case], COLUMNS)
        write_json(args.out, {"machine": started, "load_average_end": os.getloadavg(), "results": rows})
    print_table(rows, COLUMNS)
    return 0


COLUMNS = ["case", "model", "variant", "foreign", "n_in", "n_out", "auroc", "fpr_at_95_tpr", "test_flag_rate",
           "foreign_flag_rate", "test_metric"]

if __name__ == "__main__":
    raise SystemExit(main())
