"""Federated training: one model trained across sites that never share rows (Flower).

One job per module, one round loop for every engine:

- :mod:`.site` — a site: its rows, its local training, its update; the ClientApp that serves it.
- :mod:`.coordinator` — the rounds over a Flower Grid, the checks on every update, the global model.
- :mod:`.aggregation` — bounds on untrusted sites and the aggregators (FedAvg, FedProx,
  Flower's trimmed mean / median / Krum).
- :mod:`.statistics` — the global featurizer from the sites' aggregates (``summary`` / ``merge``).
- :mod:`.central_dp` — Flower's server-side central DP on the rounds; :mod:`.secure` — Flower's
  SecAgg+ on the rounds (the coordinator sees only the sum).
- :mod:`.messages` — what a request and a reply hold (Flower ``Message`` contents).
- :mod:`.flower_logs` — Flower's log lines kept off the user's terminal.
- :mod:`.engines` — how messages travel: in this process (tests, one pooled file) or through
  Flower's Deployment Engine (SuperLink, SuperNodes, a long-lived ClientApp per site).
- :mod:`.run` — a run across sites with their own files: the coordinator's holdout and the
  one call into the pipeline's after-training steps; :mod:`.simulation` — the same rounds on
  one pooled file split by ``privacy.federated.site_column``.

>>> from mednn.federation import simulate, train_in_process      # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

_PUBLIC = {
    "simulate": ".simulation", "SimulatedSites": ".simulation", "split_by_site": ".simulation",
    "train_in_process": ".engines.inprocess", "train_sites": ".run", "read_holdout": ".run", "write_run": ".run",
    "Coordinator": ".coordinator", "Site": ".site",
}


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        import importlib

        return getattr(importlib.import_module(_PUBLIC[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
