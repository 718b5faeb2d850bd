"""Flower's central differential privacy on federated rounds (``privacy.federated.central_dp``).

>>> dp = CentralDP.from_config(cfg)                                   # doctest: +SKIP
>>> mean = dp.aggregate_arrays(round_index, global_arrays, updates)    # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

import numpy as np


class CentralDP:
    """Flower's central DP on the rounds (``privacy.federated.central_dp``).

    Flower's :class:`~flwr.serverapp.strategy.DifferentialPrivacyServerSideFixedClipping` wraps its
    FedAvg strategy: each site's update (its weights minus the round's global weights)
    is clipped to L2 norm C, the clipped updates are averaged (every site counting once) and
    Gaussian noise of standard deviation z·C/m (m sites in the round) is added to the mean. A
    whole site's contribution is the protected unit (site-level DP, McMahan et al. 2018), so every
    record at that site has at least the same protection. ε is the RDP accountant's
    (:func:`mednn.privacy.dp.epsilon`) for the rounds run at noise multiplier z and sampling rate
    q = 1 (every site takes part in every round: no amplification by sampling), with ``privacy.delta``.
    The coordinator sees every site's update before the noise (server-side clipping trusts it).
    """

    sampling_rate = 1.0  # every live site, every round

    def __init__(self, noise_multiplier: float, clipping_norm: float, delta: float, seed: int | None):
        self.noise_multiplier, self.clipping_norm, self.delta, self.seed = noise_multiplier, clipping_norm, delta, seed
        self.rounds = 0

    @classmethod
    def from_config(cls, cfg) -> "CentralDP | None":
        central = cfg.privacy.federated.central_dp
        if not central.enabled:
            return None
        seed = cfg.seed if cfg.privacy.noise_seed == "seed" else None
        return cls(central.noise_multiplier, central.clipping_norm, cfg.privacy.delta, seed)

    def aggregate_arrays(self, round_index: int, global_arrays: list[np.ndarray],
                         updates: list[list[np.ndarray]]) -> list[np.ndarray]:
        """Clip, average (every site once) and noise one round with Flower's
        ``DifferentialPrivacyServerSideFixedClipping`` around its FedAvg (Message API).

        Flower draws the noise from NumPy's global generator: it is seeded here for the round
        (from the operating system, or from ``seed`` with ``privacy.noise_seed: seed``) and the
        caller's state restored afterwards.
        """
        from flwr.app import Array, ArrayRecord
        from flwr.serverapp.strategy import DifferentialPrivacyServerSideFixedClipping, FedAvg

        from .aggregation import flower_replies

        keys = [str(i) for i in range(len(global_arrays))]
        wrapper = DifferentialPrivacyServerSideFixedClipping(FedAvg(), self.noise_multiplier, self.clipping_norm,
                                                             num_sampled_clients=len(updates))
        wrapper.current_arrays = ArrayRecord({k: Array(np.array(a, copy=True)) for k, a in zip(keys, global_arrays)})
        replies = flower_replies([dict(zip(keys, u)) for u in updates], [1.0] * len(updates))
        entropy = None if self.seed is None else [self.seed, round_index, 0x6D65646E]
        saved = np.random.get_state()
        try:
            np.random.seed(np.random.SeedSequence(entropy).generate_state(8))
            aggregated, _ = wrapper.aggregate_train(round_index, replies)
        finally:
            np.random.set_state(saved)
        self.rounds += 1
        return [aggregated[k].numpy() for k in keys]

    def epsilon(self) -> float:
        from ..privacy.dp import epsilon

        return epsilon(self.sampling_rate, self.noise_multiplier, self.rounds, self.delta)

    def summary(self) -> dict[str, Any]:
        """The ``metrics.json`` ``federated.central_dp`` entry."""
        import math

        eps = self.epsilon()
        return {
            "mechanism": "Flower's central DP, server-side fixed clipping (Gaussian noise on the mean of the "
                         "sites' clipped updates)",
            "unit": "site (a site's whole contribution to a round; every record at the site at least as well)",
            "epsilon": round(eps, 6) if math.isfinite(eps) else None, "delta": self.delta,
            "noise_multiplier": self.noise_multiplier, "clipping_norm": self.clipping_norm,
            "sampling_rate": self.sampling_rate, "rounds": self.rounds, "accountant": "RDP",
            "noise_seed": "secure" if self.seed is None else "seed",
            "not_covered": "the featurizer statistics (counts, sums, category names) sent before training; the "
                           "coordinator sees each site's update before the noise unless secure aggregation is used",
        }
