"""Training: epochs, early stopping, the kept epoch, ensembles, federated rounds, and the
learning curves."""

from __future__ import annotations

from typing import Any

import numpy as np

from ...evaluation.metrics import metric_short
from ..view import ReportRun, curve_history, fmt, is_number, numbers


def monitor_name(monitor: str) -> str:
    """"val_auroc" -> "validation AUROC" (the registry's short name; plain words in lower case)."""
    key = monitor[4:] if monitor.startswith("val_") else monitor
    short = metric_short(key, "multiclass").split(" (")[0]
    rest = short[1:]
    if short[:1].isupper() and any(c.isalpha() for c in rest) and rest == rest.lower():  # a plain word
        short = short[0].lower() + rest
    return "validation " + short


def federated_text(federated: dict[str, Any]) -> str:
    """The federated-training paragraph: sites, rounds, what crossed between them."""
    sites = [s for s in federated.get("sites") or [] if isinstance(s, dict)]
    listing = ", ".join(f"{s.get('site')} {fmt(s.get('n_train'))}" for s in sites)  # escaped by the template
    local = federated.get("local_epochs")
    return (f"Federated training: {fmt(federated.get('rounds_run'))} rounds of federated averaging across "
            f"{len(sites)} sites ("
            + (f"column {str(federated.get('site_column'))!r}; " if federated.get("site_column") else "")
            + "training rows: "
            f"{listing}). Each round every site trained {fmt(local)} local epoch{'' if local == 1 else 's'} on its "
            "own rows" + (" in its own process" if federated.get("processes") else "")
            + " and only weights were exchanged; the average is weighted by each site's rows. "
            f"The weights after round {fmt(federated.get('best_round'))} were kept. "
            + ("Each site kept its own file (Flower); the featurizer's statistics were combined from the sites' "
               "aggregates, and validation and test ran at the coordinator."
               if federated.get("engine") == "flower" else
               "This ran as a simulation on one machine: the featurizer was fitted on the pooled training rows, "
               "and validation and test ran at the coordinator.") + _central_dp_text(federated.get("central_dp"))
            + _single_class_sites(sites))


def number_text(value: float) -> str:
    """3.0712 -> "3.07", 1e-05 -> "1e-5": short, as a reader would write it."""
    if value != 0 and (abs(value) < 1e-3 or abs(value) >= 1e5):
        mantissa, exponent = f"{value:.2g}".split("e")
        return f"{mantissa}e{int(exponent)}"
    return f"{value:.3g}"


def _central_dp_text(central: Any) -> str:
    """Flower's central DP on the rounds (site-level), when the run used it."""
    if not isinstance(central, dict):
        return ""
    eps = central.get("epsilon")
    guarantee = (f"(ε = {number_text(float(eps))}, δ = {central.get('delta')})-differential privacy per site "
                 "(a site's whole contribution; every record at it at least as well), by the RDP accountant over "
                 f"{fmt(central.get('rounds'))} rounds" if is_number(eps) else "no differential-privacy guarantee "
                 "(noise multiplier 0)")
    return (" Central DP (Flower): every round each site's update was clipped to norm "
            f"{fmt(central.get('clipping_norm'))}, the sites counted equally, and Gaussian noise (noise multiplier "
            f"{fmt(central.get('noise_multiplier'))}) was added to their mean: {guarantee}. The featurizer "
            "statistics sent before training are not covered, and the coordinator saw each update before the noise.")


def _single_class_sites(sites: list[dict[str, Any]]) -> str:
    """A warning naming the sites whose training rows hold one class only (their local steps
    pull the shared model towards predicting that class)."""
    lone = []
    for site in sites:
        counts = site.get("class_counts") if isinstance(site.get("class_counts"), dict) else {}
        present = [name for name, n in counts.items() if is_number(n) and n > 0]
        if len(counts) > 1 and len(present) == 1:
            lone.append(f"{site.get('site')} (only {present[0]})")
    if not lone:
        return ""
    return (" Warning: the training rows of " + ", ".join(lone) + " hold a single class; their local steps "
            "pull the shared model towards that class.")


def _paragraph(run: ReportRun) -> list[str]:
    training = run.record.training
    best, monitor = training.best_epoch, training.monitor
    parts = []
    if training.epochs_run is not None:
        parts.append(f"Training ran for {fmt(training.epochs_run)} epochs")
        if training.stopped_by == "budget":
            parts[-1] += " and was cut short by its time budget (train.budget) before its planned epochs"
        elif training.stopped_early:
            parts[-1] += " and stopped early because the " + (
                monitor_name(monitor) if monitor else "validation metric") + " stopped improving"
        parts[-1] += "."
    config = getattr(run.record, "config", None)
    if best is not None and config is not None and not config.train.early_stopping.enabled:
        # no model selection without early stopping (training/loop.py): the last epoch is kept (trial 11)
        parts.append(f"No epoch was selected (train.early_stopping.enabled is false): the last epoch's weights, "
                     f"epoch {best}, were kept and are the ones evaluated here.")
    elif best is not None:
        parts.append(f"The weights of the best epoch, epoch {best}"
                     + (f" (best {monitor_name(monitor)})" if monitor else "")
                     + ", were kept and are the ones evaluated here.")
    if training.best_epoch_last:  # recorded at training (the best_epoch_last finding)
        key = "train.budget" if training.stopped_by == "budget" else "train.epochs"
        parts.append(f"The best epoch was the last of the {fmt(training.epochs_run)}: the validation score was still "
                     f"improving when training stopped, so training longer ({key}) may give a better model.")
    if run.record.federated is not None:
        parts = [federated_text(run.record.federated)]
    members = training.ensemble or []
    if members:
        epochs_text = ", ".join(fmt(m.get("best_epoch")) for m in members if isinstance(m, dict))
        parts = [f"The model is an ensemble of {len(members)} networks of the same architecture, trained "
                 "one after another from different seeds; its prediction is the average of their "
                 f"probabilities. Each kept the weights of its own best epoch ({epochs_text}). "
                 "The curves show member 1."]
    parts.append(f"Training took {training.seconds:.1f} seconds" + (" for all members." if members else "."))
    return parts


def _curves(run: ReportRun) -> str | None:
    from ..plots import learning_curves_png, png_data_uri

    history = curve_history(run)
    if history is None:
        return None
    training = run.record.training
    monitor, best = training.monitor, training.best_epoch
    columns = list(history.columns)
    epochs = numbers(history, "epoch") if "epoch" in columns else np.arange(1, len(history) + 1, dtype=float)
    if monitor and monitor in columns and monitor != "val_loss":
        metric_column = monitor
    elif monitor and f"val_{monitor}" in columns:
        metric_column = f"val_{monitor}"
    else:
        metric_column = next((c for c in columns if c.startswith("val_") and c != "val_loss"), None)
    return png_data_uri(learning_curves_png(
        epochs,
        numbers(history, "train_loss") if "train_loss" in columns else None,
        numbers(history, "val_loss") if "val_loss" in columns else None,
        numbers(history, metric_column) if metric_column else None,
        metric_column[4:] if metric_column else None,
        best if is_number(best) else None,
    ))


def section(run: ReportRun) -> dict[str, Any]:
    return {"text": " ".join(_paragraph(run)), "chart": _curves(run)}
