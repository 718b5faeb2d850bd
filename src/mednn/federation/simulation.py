"""Federated training simulated on one pooled file (``privacy.federated.site_column``).

The training split is divided by a site column (one of ``data.meta_columns``: the hospital,
scanner or study each record comes from). :func:`simulate` is :func:`mednn.pipeline.train`
with the rounds of :class:`SimulatedSites` as the training step: every site is a ClientApp on
the in-process engine (:class:`~mednn.federation.engines.inprocess.InProcessGrid`; each in its
own spawned process with ``privacy.federated.processes``) that receives its featurized rows
once and keeps them; every round goes through the same coordinator, checks and aggregation
as a run across hospitals (:mod:`mednn.federation.coordinator`). The featurizer is fitted on
the pooled training rows, which a real deployment would agree on by federated statistics;
the validation and test splits stay with the coordinator. With ``privacy.dp`` every site runs
DP-SGD on its own rows; the run reports the largest site's ε.

>>> simulate(load_config("fed.yaml"), "runs/fed")                  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError, DataError, problem


def simulate(cfg, out: str | Path | None = None, **kwargs) -> Path | None:
    """``mednn train`` of a config with ``privacy.federated.site_column``: the pipeline with
    federated rounds. Keyword arguments are :func:`mednn.pipeline.train`'s."""
    from ..pipeline import train

    if not cfg.privacy.federated.site_column:
        raise ConfigError("simulate() needs privacy.federated.site_column; fix: set it to a data.meta_columns "
                          "column, or call mednn.pipeline.train")
    return train(cfg, out, rounds=SimulatedSites, **kwargs)


def split_by_site(train, site_column: str) -> dict[str, np.ndarray]:
    """Row indices of the training split per site value, sites in sorted order."""
    if site_column not in train.meta:
        raise ConfigError(problem(f"privacy.federated.site_column {site_column!r} is not one of the data's "
                                  "meta columns", fix=f"add {site_column!r} to data.meta_columns"))
    values = np.asarray(train.meta[site_column]).astype(str)
    empty = int(np.isin(np.char.strip(values), ["", "nan", "None"]).sum())
    if empty:
        raise DataError(problem(f"Column {site_column!r} (the federated site) is empty in {empty} training rows",
                                fix="give every record its site, or drop those rows"))
    sites = {str(name): np.flatnonzero(values == name) for name in sorted(set(values))}
    if len(sites) < 2:
        raise ConfigError(problem(f"Column {site_column!r} names {len(sites)} site in the training split; "
                                  "federated training needs at least 2", fix="unset privacy.federated.site_column"))
    return sites


class _RowsSite:
    """``make_site(context)`` for a site handed its featurized rows (picklable)."""

    def __init__(self, cfg, name: str, rows, class_counts, augment_factory):
        self.cfg, self.name, self.rows = cfg, name, rows
        self.class_counts, self.augment_factory = class_counts, augment_factory

    def __call__(self, context):
        from .site import Site

        return Site(self.cfg, name=self.name, rows=self.rows, class_counts=self.class_counts,
                    augment_factory=self.augment_factory, resolved=True)


class SimulatedSites:
    """The sites of one simulated run, entered as a context manager that yields the rounds
    (the training loop's step strategy) and leaves the site processes stopped.

    Built by :mod:`mednn.trainer` with the pooled run's model, featurizer, training rows,
    target scaler, class weights and augmentation.
    """

    def __init__(self, cfg, *, model, name: str, featurizer, train_part, scaler=None, class_weights=None,
                 counts=None, make_augment=None):
        from ..training.losses import targets_for_loss
        from .engines.inprocess import InProcessGrid
        from .run import check_private_model
        from .site import SiteRows

        import functools

        self.cfg, self.model, self.task = cfg, model, train_part.task
        self.name, self.featurizer, self.class_weights, self.counts = name, featurizer, class_weights, counts
        check_private_model(cfg, model)  # before any site starts
        factory = (functools.partial(make_augment, cfg.train.augment, class_counts=counts)
                   if make_augment is not None else None)
        makers, self.rows = {}, {}
        for i, (site, index) in enumerate(split_by_site(train_part, cfg.privacy.federated.site_column).items()):
            part = train_part.subset(index)
            y = targets_for_loss(self.task, part.targets, scaler)
            rows = SiteRows(featurizer.transform(part), y, y.numpy())
            self.rows[site] = int(len(y))
            makers[i + 1] = _RowsSite(cfg, site, rows, part.class_counts(), factory)
        self.grid = InProcessGrid(makers, processes=cfg.privacy.federated.processes)
        self.coordinator = self.rounds = None

    def __enter__(self):
        from .coordinator import Coordinator

        self.grid.__enter__()
        try:
            c = Coordinator(self.cfg, self.grid, n_sites=len(self.rows), declared_rows=dict(self.rows), wait=0)
            c.connect(self.task.to_dict())
            fed = self.cfg.privacy.federated
            keys = list(self.model.state_dict())
            c.setup({"task": self.task.to_dict(), "model": self.name, "keys": keys, "set_threads": False,
                     "input_shape": list(self.featurizer.input_shape),
                     "class_weights": None if self.class_weights is None else np.asarray(self.class_weights).tolist(),
                     "proximal_mu": fed.mu if fed.aggregation == "fedprox" else 0.0})
            self.coordinator, self.rounds = c, c.rounds(keys)
        except BaseException:
            self.grid.__exit__(None, None, None)
            raise
        return self.rounds

    def __exit__(self, *exc) -> bool:
        self.grid.__exit__(*exc)
        return False

    def summary(self) -> dict[str, Any]:
        """The ``metrics.json`` ``federated`` entry (site names, row and class counts; no data)."""
        out = self.coordinator.summary(None, self.rounds)
        out.pop("best_round")  # the pipeline adds it from the loop's result
        fed = self.cfg.privacy.federated
        return dict(out, engine="simulation", transport="in-process", site_column=fed.site_column,
                    processes=bool(fed.processes))
