"""The one training path: ``prepare(cfg) -> Prepared``, ``train(prepared, callbacks) -> Trained``,
``finish(trained) -> run directory``; :func:`run` does the three in one call.

- :mod:`.preparation`: config checks, data read and split, featurizer fitted on the training
  split, features and targets (:class:`Prepared`; :func:`prepare_splits` from splits a caller
  holds);
- :mod:`.fitting`: the network, an ensemble's members or federated rounds trained
  (:class:`Trained`), the training summary and its findings;
- :mod:`.finishing`: post-hoc calibration / threshold / conformal sets through the Predictor,
  evaluation, baselines, explanations, and the run written in one call.

``mednn train``, each federated engine and each tuning trial go through these steps
(a tuning trial scores its fold with :meth:`Trained.score` instead of writing a run).
Nothing here knows a modality beyond the registries' defaults.

>>> prepared = prepare(load_config(None, ["data.path=breast-cancer"]), "runs/bc")  # doctest: +SKIP
>>> trained = train(prepared, callbacks=[MyCallback()])  # doctest: +SKIP
>>> path = finish(trained)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..config import RunConfig
from ..recipes import model_name
from .finishing import MULTILABEL_UNCERTAINTY_NOTE, finish, run_metrics, uncertainty_metrics
from .fitting import Trained, training_findings, training_metrics, training_summary
from .fitting import train as _train_prepared
from .preparation import (SILENT, Prepared, Splits, check_before_reading, make_featurizer, prepare, prepare_splits,
                      read_and_split)

__all__ = [
    "MULTILABEL_UNCERTAINTY_NOTE", "SILENT", "Prepared", "Splits", "Trained", "check_before_reading", "finish",
    "make_featurizer", "model_name", "prepare", "prepare_splits", "read_and_split", "run",
    "run_metrics", "train", "training_findings", "training_metrics", "training_summary", "uncertainty_metrics",
]


def run(cfg: RunConfig, out: str | Path | None = None, *, overwrite: bool = False, reporter=None,
        resume: bool = False, callbacks: Sequence = (), rounds=None) -> Path | None:
    """The whole pipeline: :func:`prepare`, :func:`train`, :func:`finish`; the run directory.

    Training leaves a checkpoint beside ``out`` after every ``train.checkpoint_every`` epochs
    (:mod:`mednn.checkpoints`); ``resume=True`` continues an interrupted run from it. Under
    ``torchrun`` all ranks train but only rank 0 writes the run; the others return None.
    ``rounds``: the federated sites of ``privacy.federated.site_column`` (handed in by
    :func:`mednn.federation.simulate`, which ``mednn train`` calls for such a config).

    >>> path = run(load_config(None, ["data.path=breast-cancer"]), "runs/bc")  # doctest: +SKIP
    """
    prepared = prepare(cfg, out, overwrite=overwrite, resume=resume, reporter=reporter, rounds=rounds)
    trained = _train_prepared(prepared, callbacks)
    if not prepared.world.is_main:
        return None  # rank 0 evaluates and writes the run
    return finish(trained)


def train(prepared: Prepared | RunConfig, out: str | Path | None = None, *, callbacks: Sequence = (),
          overwrite: bool = False, reporter=None, resume: bool = False, rounds=None):
    """Train ``prepared`` (a :class:`Prepared`) and return :class:`Trained`; see
    :func:`mednn.pipeline.fitting.train`.

    Given a config instead, it runs the whole pipeline as :func:`run` does and returns the
    run directory (how ``train(cfg, out)`` was called before the three steps existed).
    """
    if isinstance(prepared, RunConfig):
        return run(prepared, out, overwrite=overwrite, reporter=reporter, resume=resume, callbacks=callbacks,
                   rounds=rounds)
    if out is not None or overwrite or reporter is not None or resume or rounds is not None:
        raise TypeError("train(prepared) takes only callbacks; out, overwrite, reporter and resume belong to prepare()")
    return _train_prepared(prepared, callbacks)
