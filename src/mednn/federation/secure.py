"""Secure aggregation: every round's weights summed under Flower's SecAgg+.

With ``--secagg`` each round runs Flower's ``SecAggPlusWorkflow`` at the coordinator and
``secaggplus_mod`` at every site: a site scales its weights by its rows / the largest site's
rows, clips them to ``±clipping_range``, quantizes them stochastically to 2^22 levels and masks
them; the coordinator unmasks only the sum, i.e. the row-weighted mean (FedAvg), to within
about ``2 · range / 2^22`` per weight per round (4e-6 at 8). A site refuses to send a weight
outside the range rather than be clipped silently. It needs at least 2 sites; a round needs
``max(2, --min-sites)`` of them. The sites' losses are not sent, and with ``privacy.dp`` their
ε is asked for once after the last round.

Flower's workflow speaks the legacy ``fit`` records (``FitIns`` / ``FitRes`` as record dicts)
with its sites: :func:`read_legacy` / :func:`legacy_reply` translate them for the ClientApp.
What SecAgg+ hides it hides from the checks too: the coordinator cannot bound, name or drop a
single site's update, and robust aggregation and central DP are refused with it.

>>> rounds.secure = SecureRounds(grid, coordinator, clipping_range=8.0)   # doctest: +SKIP
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from ..errors import ConfigError, problem


class SecureRounds:
    """One round aggregated with Flower's SecAgg+ over the coordinator's live sites."""

    def __init__(self, grid, coordinator, *, clipping_range: float = 8.0):
        fed = coordinator.cfg.privacy.federated
        if fed.central_dp.enabled:
            raise ConfigError("Central DP clips each site's update at the coordinator, which SecAgg+ hides from it; "
                              "fix: use --secagg or privacy.federated.central_dp, not both")
        if fed.aggregation not in ("fedavg", "fedprox") or fed.weighting != "rows":
            raise ConfigError(problem(f"SecAgg+ sums the sites' row-weighted weights; aggregation "
                                      f"{fed.aggregation!r} with weighting {fed.weighting!r} needs each site's update",
                                      fix="use aggregation fedavg or fedprox with weighting rows, or drop --secagg"))
        if coordinator.n_sites < 2:
            raise ConfigError("Secure aggregation needs at least 2 sites; fix: drop --secagg")
        self.grid, self.c, self.clipping_range = grid, coordinator, clipping_range
        self.workflow(coordinator.n_sites, max(2, coordinator.min_sites), 1.0)  # refuse bad settings early

    def describe(self) -> str:
        return ("SecAgg+ (Flower): the coordinator saw only the sum of the sites' masked, quantized weights; "
                f"clipping range +-{self.clipping_range:g}")

    def workflow(self, n_sites: int, threshold: int, max_weight: float):
        """Flower's workflow for one round: every site shares its key with every other, and a
        dropped site's key is rebuilt from ``threshold`` of them."""
        from flwr.server.workflow import SecAggPlusWorkflow

        try:  # as proportions of the sites, which Flower's integer forms do not allow for 2 sites
            return SecAggPlusWorkflow(num_shares=1.0, reconstruction_threshold=min(1.0, threshold / n_sites),
                                      max_weight=max_weight, clipping_range=self.clipping_range,
                                      timeout=self.c.round_timeout)
        except (TypeError, ValueError) as exc:
            raise ConfigError(problem(f"Secure aggregation refuses its settings ({exc})",
                                      fix="check --secagg-clipping-range and --min-sites")) from None

    def __call__(self, round_index: int, arrays: list[np.ndarray], payload: dict[str, Any]) -> list[np.ndarray]:
        import flwr.compat.common.recorddict_compat as compat
        from flwr.app import ConfigRecord, Context, RecordDict
        from flwr.common import FitIns, ndarrays_to_parameters, parameters_to_ndarrays
        from flwr.server import ServerConfig, SimpleClientManager
        from flwr.server.compat.grid_client_proxy import GridClientProxy
        from flwr.server.compat.legacy_context import LegacyContext
        from flwr.server.strategy import FedAvg
        from flwr.server.workflow.constant import MAIN_CONFIGS_RECORD, MAIN_PARAMS_RECORD, Key

        c, run_id = self.c, self.grid.run.run_id
        proxies = [GridClientProxy(node, self.grid, run_id) for node, _ in c.sites]
        manager = SimpleClientManager()
        for proxy in proxies:
            manager.register(proxy)
        ins = FitIns(ndarrays_to_parameters(arrays),
                     {"phase": "train", "payload": json.dumps(dict(payload, secagg_range=self.clipping_range))})

        class _TheseSites(FedAvg):  # the round's instructions: every live site, the same message
            def configure_fit(self, server_round, parameters, client_manager):
                return [(proxy, ins) for proxy in proxies]

        strategy = _TheseSites(accept_failures=True, fit_metrics_aggregation_fn=lambda m: {})
        context = LegacyContext(Context(run_id=0, node_id=0, node_config={}, state=RecordDict(), run_config={}),
                                config=ServerConfig(num_rounds=1), strategy=strategy, client_manager=manager)
        context.state.config_records[MAIN_CONFIGS_RECORD] = ConfigRecord({Key.CURRENT_ROUND: round_index})
        before = compat.parameters_to_arrayrecord(ndarrays_to_parameters(arrays), True)
        context.state.array_records[MAIN_PARAMS_RECORD] = before
        largest = max(c.site_info[n]["n_train"] for _, n in c.sites)
        threshold = max(2, min(c.min_sites, len(c.sites)))
        from .messages import in_task

        with in_task():
            self.workflow(len(c.sites), threshold, float(largest))(self.grid, context)
        after = context.state.array_records[MAIN_PARAMS_RECORD]
        if after is before:
            raise ConfigError(problem(f"Round {round_index}: secure aggregation halted (fewer than {threshold} "
                                      "sites completed SecAgg+, or a site refused its weights); nothing was written",
                                      fix="check the SuperNodes' logs (--log), restart the run with every site"))
        return parameters_to_ndarrays(compat.arrayrecord_to_parameters(after, keep_input=True))


# --- at a site ----------------------------------------------------------------------------------

def is_legacy(content) -> bool:
    """Whether a request is Flower's legacy ``fit`` record (SecAgg+ rounds)."""
    return "fitins.config" in content.config_records


def read_legacy(content, keys: list[str]) -> tuple[str, dict[str, Any], dict[str, np.ndarray]]:
    """(phase, payload, arrays by state-dict key) of a legacy ``fit`` request."""
    import flwr.compat.common.recorddict_compat as compat
    from flwr.common import parameters_to_ndarrays

    ins = compat.recorddict_to_fitins(content, keep_input=True)
    arrays = parameters_to_ndarrays(ins.parameters)
    return str(ins.config["phase"]), json.loads(str(ins.config["payload"])), dict(zip(keys, arrays))


def legacy_reply(answer: dict[str, Any], rows: int, arrays: dict[str, np.ndarray], keys: list[str]):
    """A site's answer as Flower's legacy ``fit`` result record (what ``secaggplus_mod`` masks)."""
    import flwr.compat.common.recorddict_compat as compat
    from flwr.common import Code, FitRes, Status, ndarrays_to_parameters

    res = FitRes(Status(Code.OK, ""), ndarrays_to_parameters([arrays[k] for k in keys]), int(rows),
                 {"answer": json.dumps(answer)})
    return compat.fitres_to_recorddict(res, keep_input=True)


def secagg_rounds_only(msg, context, call_next):
    """Flower's ``secaggplus_mod`` for the rounds that use SecAgg+; other messages pass through."""
    from flwr.client.mod import secaggplus_mod
    from flwr.common.secure_aggregation.secaggplus_constants import RECORD_KEY_CONFIGS

    if RECORD_KEY_CONFIGS in msg.content.config_records:
        return secaggplus_mod(msg, context, call_next)
    return call_next(msg, context)
