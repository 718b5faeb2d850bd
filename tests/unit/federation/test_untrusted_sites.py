"""Sites are not trusted: a site that claims 10^9 rows with random weights cannot replace the
global model, a non-finite update is named and dropped, row counts are bounded, and the robust
aggregators (Flower's trimmed mean, median, Krum) keep a poisoned site from pulling the model."""

from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("flwr")

from mednn.config import load_config  # noqa: E402
from mednn.errors import ConfigError  # noqa: E402
from mednn.federation import train_in_process  # noqa: E402
from mednn.federation.site import Site  # noqa: E402

COMMON = ["data.label=target", "data.id_column=rid", "data.meta_columns=[hospital]", "data.positive_class=malignant",
          "model.name=mlp", "model.hidden_sizes=[8]", "train.epochs=3", "train.lr=0.05", "train.threads=1",
          "train.batch_size=4096", "train.progress=false", "evaluate.bootstrap=10", "explain.enabled=false",
          "report.enabled=false", "train.early_stopping.enabled=false"]


@pytest.fixture(scope="module")
def partition(tmp_path_factory):
    from tests.federated_partition import hospital_partition

    tmp = tmp_path_factory.mktemp("untrusted")
    _, files, holdout = hospital_partition(tmp, COMMON, seed=2, missing_column="mean texture")
    return {"files": files, "holdout": holdout}


def _config(partition, *extra):
    return load_config(None, [f"data.path={partition['holdout']}", "data.split_column=split", *COMMON, *extra])


class _Liar(Site):
    """A site that reads its file honestly but lies from round ``at`` on: ``rows`` claimed at
    hello and in every round, and ``poison(global weights) -> its update``."""

    def __init__(self, *args, rows=None, poison=None, at: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self.claim, self.poison, self.at, self.round = rows, poison, at, 0

    def handle(self, phase, payload, arrays):
        answer, n, out = super().handle(phase, payload, arrays)
        if phase == "train":
            self.round += 1
            if self.poison is not None and self.round >= self.at:
                out = self.poison(arrays)
        return answer, self.claim if self.claim is not None else n, out


class _Make:
    def __init__(self, cfg, path, name, **lies):
        self.cfg, self.path, self.name, self.lies = cfg, path, name, lies

    def __call__(self, context):
        return _Liar(self.cfg, self.path, self.name, **self.lies) if self.lies else Site(self.cfg, self.path, self.name)


def _grid(cfg, files, liar: str | None = None, **lies):
    from mednn.federation.engines.inprocess import InProcessGrid

    return InProcessGrid({i + 1: _Make(cfg, path, name, **(lies if name == liar else {}))
                          for i, (name, path) in enumerate(files.items())})


def _random_weights(arrays):
    rng = np.random.default_rng(0)
    return {k: (rng.normal(0, 10, a.shape).astype(a.dtype) if np.issubdtype(a.dtype, np.floating) else a)
            for k, a in arrays.items()}


def _nan(arrays):
    return {k: (np.full_like(a, np.nan) if np.issubdtype(a.dtype, np.floating) else a) for k, a in arrays.items()}


def _weights(run):
    from safetensors.torch import load_file

    return {k: v.numpy() for k, v in load_file(run / "model.safetensors").items()}


def _distance(a, b):
    return float(np.sqrt(sum(((a[k].astype(np.float64) - b[k]) ** 2).sum() for k in a)))


def test_a_site_claiming_a_billion_rows_with_random_weights_cannot_replace_the_model(partition, tmp_path):
    cfg, files = _config(partition), partition["files"]
    liar = train_in_process(cfg, files, tmp_path / "liar", min_sites=2,
                            grid=_grid(cfg, files, "south", rows=10**9, poison=_random_weights))
    # the same run where south's connection is lost before its first update: FedAvg of the others
    honest = train_in_process(cfg, files, tmp_path / "honest", min_sites=2,
                              grid=_grid(cfg, files, "south", poison=lambda a: {}))
    a, b = _weights(liar), _weights(honest)
    assert all(np.array_equal(a[k], b[k]) for k in a)  # exactly the honest sites' FedAvg
    fed = json.loads((liar / "metrics.json").read_text())["federated"]
    [failure] = fed["failures"]
    assert failure["site"] == "south" and failure["round"] == 1 and "update of norm" in failure["error"]
    # without --min-sites room the run stops, naming the site; nothing is written
    with pytest.raises(ConfigError, match=r"Round 1: 2 federated site\(s\) left, fewer than --min-sites 3 "
                                          r"\(out: south: an update of norm .* beyond 10 x the other sites' median"):
        train_in_process(cfg, files, tmp_path / "stopped",
                         grid=_grid(cfg, files, "south", rows=10**9, poison=_random_weights))
    assert not (tmp_path / "stopped").exists()


def test_a_claimed_row_count_is_capped_by_the_declared_rows_or_the_others(partition, tmp_path):
    cfg, files = _config(partition, "train.epochs=1"), partition["files"]
    capped = train_in_process(cfg, files, tmp_path / "capped", grid=_grid(cfg, files, "east", rows=10**9))
    fed = json.loads((capped / "metrics.json").read_text())["federated"]
    others = [s["n_train"] for s in fed["sites"] if s["site"] != "east"]
    assert fed["rows_bounded"] == {"east": f"claimed {10**9} rows, counted as {int(10 * np.median(others))}"}
    declared = train_in_process(cfg, files, tmp_path / "declared", declared_rows={"east": 40, "north": 10**6,
                                                                                    "south": 10**6},
                                grid=_grid(cfg, files, "east", rows=10**9))
    assert json.loads((declared / "metrics.json").read_text())["federated"]["rows_bounded"] == {
        "east": f"claimed {10**9} rows, counted as 40"}
    equal = train_in_process(_config(partition, "train.epochs=1", "privacy.federated.weighting=equal"), files,
                             tmp_path / "equal", grid=_grid(cfg, files, "east", rows=10**9))
    fed = json.loads((equal / "metrics.json").read_text())["federated"]
    assert fed["rows_bounded"] == {} and "every site counted once" in fed["aggregation"]


def test_a_non_finite_update_is_named_and_dropped(partition, tmp_path):
    cfg, files = _config(partition), partition["files"]
    run = train_in_process(cfg, files, tmp_path / "run", min_sites=2, grid=_grid(cfg, files, "north", poison=_nan,
                                                                                 at=2))
    fed = json.loads((run / "metrics.json").read_text())["federated"]
    assert fed["failures"] == [{"site": "north", "round": 2, "kind": "dropped",
                                "error": "a non-finite update (NaN or infinite weights)"}]
    assert fed["rounds_run"] == 3 and all(np.isfinite(w).all() for w in _weights(run).values())
    with pytest.raises(ConfigError, match=r"Round 2: .*\(out: north: a non-finite update \(NaN or infinite "
                                          r"weights\)\); nothing was written"):
        train_in_process(cfg, files, tmp_path / "stopped", grid=_grid(cfg, files, "north", poison=_nan, at=2))


def _shifted(arrays):
    return {k: (a + np.float32(3.0) if np.issubdtype(a.dtype, np.floating) else a) for k, a in arrays.items()}


@pytest.mark.parametrize("aggregation", ["median", "trimmed_mean", "krum"])
def test_robust_aggregators_keep_a_poisoned_site_from_pulling_the_model(partition, tmp_path, aggregation):
    files = partition["files"]
    no_bounds = ["privacy.federated.max_update_ratio=null", "train.epochs=2"]
    clean = _weights(train_in_process(_config(partition, *no_bounds), files, tmp_path / "clean"))
    poisoned_avg = _weights(train_in_process(_config(partition, *no_bounds), files, tmp_path / "avg",
                                             grid=_grid(_config(partition), files, "south", poison=_shifted)))
    cfg = _config(partition, *no_bounds, f"privacy.federated.aggregation={aggregation}",
                  "privacy.federated.trim_fraction=0.34", "privacy.federated.krum_malicious=0")
    robust_run = train_in_process(cfg, files, tmp_path / aggregation, grid=_grid(cfg, files, "south", poison=_shifted))
    robust = _weights(robust_run)
    pulled, kept = _distance(poisoned_avg, clean), _distance(robust, clean)
    assert pulled > 3.0  # FedAvg moved every weight by about 3 x south's share
    assert kept < pulled / 5, (aggregation, kept, pulled)
    assert json.loads((robust_run / "metrics.json").read_text())["federated"]["strategy"] == aggregation


def test_krum_refuses_too_few_sites_for_its_assumption(partition, tmp_path):
    cfg = _config(partition, "privacy.federated.aggregation=krum", "privacy.federated.krum_malicious=1",
                  "train.epochs=1")
    with pytest.raises(ConfigError, match="Krum with privacy.federated.krum_malicious=1 needs at least 4 sites"):
        train_in_process(cfg, partition["files"], tmp_path / "run")
