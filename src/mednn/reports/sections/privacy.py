"""The differential-privacy guarantee in plain words, and what it does not cover."""

from __future__ import annotations

import math
from typing import Any

from ..view import ReportRun, fmt, is_number
from .training import number_text

def privacy_not_covered(early_stopping: bool, seeded_noise: bool) -> list[str]:
    """What the (epsilon, delta) guarantee does not cover, in plain words (for the report)."""
    items = [
        "The validation and test sets are not protected: the evaluation, the calibration and the choice of "
        "the operating threshold use them directly.",
        "Statistics fitted on the training data outside the gradient steps are not private: feature scaling "
        "and vocabularies of the featurizer, the class counts and the class weights computed from them.",
        "Hyperparameter tuning leaks: every extra run on the same patients spends more privacy, and "
        "choosing the best of several runs is not accounted for.",
    ]
    if seeded_noise:
        items.append("The noise comes from a pseudo-random generator seeded with the run's seed "
                     "(privacy.noise_seed: seed) so that the run is reproducible; someone who knows the seed "
                     "could remove the noise, so the guarantee assumes the seed stays with the data, not with "
                     "the published model. Retrain with privacy.noise_seed: secure before releasing it.")
    if early_stopping:
        items.insert(1, "Early stopping chose the kept epoch on validation data; that choice is not covered "
                        "(epsilon counts every step taken, so it is not understated).")
    return items


def per_patient_value(patient: dict[str, Any]) -> str:
    """``"ε ≤ 504, no δ bound (up to 168 records)"`` from metrics.json's ``privacy.per_patient``."""
    delta = patient.get("delta")
    return (f"ε ≤ {number_text(float(patient['epsilon']))}, "
            + (f"δ ≤ {number_text(float(delta))}" if is_number(delta) else "δ bound above 1 (no guarantee)")
            + f" (up to {fmt(patient.get('records_per_patient_max'))} training records of one patient)")


def per_patient_text(patient: dict[str, Any]) -> str:
    """The per-patient bound in a sentence (report)."""
    k, eps, delta = patient.get("records_per_patient_max"), float(patient["epsilon"]), patient.get("delta")
    text = f"A patient contributes up to {fmt(k)} training records, so a whole patient is protected less: by group privacy "
    if not is_number(delta):
        return text + f"ε ≤ {number_text(eps)}, but the δ of that bound exceeds 1, so there is no per-patient guarantee."
    text += f"(ε ≤ {number_text(eps)}, δ ≤ {number_text(float(delta))})"
    return text + (", which is little protection of a patient." if eps > 10 else ".")


def section(run: ReportRun) -> dict[str, Any] | None:
    """The differential-privacy guarantee in plain words, or None when the run was not private."""
    privacy = run.record.privacy
    if not isinstance(privacy, dict):
        return None
    eps, delta = privacy.get("epsilon"), privacy.get("delta")
    delta_text = number_text(float(delta)) if is_number(delta) else "unknown"
    mechanism = str(privacy.get("mechanism") or "DP-SGD")
    if is_number(eps):
        statement = (
            f"The model was trained with {mechanism} and satisfies (ε = {number_text(float(eps))}, "
            f"δ = {delta_text})-differential privacy for each patient record (one training sample) in the "
            "training set. In plain words: whatever anyone learns from the trained weights is almost equally "
            "likely whether or not any one record was used for training: the probability of any outcome changes "
            + (f"by at most a factor of e^ε ≈ {number_text(math.exp(float(eps)))}" if float(eps) <= 10
               else "by at most a factor of e^ε")
            + f", except with probability δ = {delta_text}. Smaller ε is stronger protection; values above "
              "about 10 give little formal protection."
        )
    else:
        statement = (f"The model was trained with {mechanism} without noise (noise multiplier 0): the gradients "
                     "were clipped but there is no differential-privacy guarantee.")
    rows = [
        ("Mechanism", mechanism),
        ("ε (epsilon)", number_text(float(eps)) if is_number(eps) else "no guarantee"),
        ("δ (delta)", delta_text),
    ]
    if is_number(privacy.get("target_epsilon")):
        rows.append(("Target ε", number_text(float(privacy["target_epsilon"]))))
    rows += [
        ("Noise multiplier (σ)", fmt(privacy.get("noise_multiplier"))),
        ("Clipping norm per sample (C)", fmt(privacy.get("max_grad_norm"))),
        ("Sampling rate per step (q)", fmt(privacy.get("sampling_rate"))),
        ("Steps", fmt(privacy.get("steps"))),
        ("Accountant", f"{privacy.get('accountant') or 'unknown'} (Rényi differential privacy)"
         if privacy.get("accountant") == "RDP" else str(privacy.get("accountant") or "unknown")),
    ]
    # runs from before privacy.noise_seed existed drew their noise from the run's seed
    items = privacy_not_covered(run.record.config.train.early_stopping.enabled,
                                privacy.get("noise_seed", "seed") == "seed")
    patient = privacy.get("per_patient")
    if isinstance(patient, dict) and is_number(patient.get("epsilon")):
        statement += " " + per_patient_text(patient)
        rows.insert(3, ("Per patient (group privacy)", per_patient_value(patient)))
    if run.record.data.groups is not None:
        items.insert(0, "The guarantee is per record: a patient with several records in the training set is "
                        "protected less (group privacy: (k·ε, k·e^((k−1)ε)·δ) for k records).")
    how = ("Each step drew a random batch (every training record included with probability q), clipped each "
           "record's gradient to norm C, added Gaussian noise of standard deviation σ·C and took the step. "
           "The training loss is not recorded for private runs (it is a statistic of the training data), so "
           "the learning curves show validation loss only.")
    sites = [s for s in privacy.get("sites") or [] if isinstance(s, dict)]
    if sites:
        per_site = ", ".join(f"{s.get('site')} ε = " + (number_text(float(s['epsilon'])) if is_number(s.get("epsilon"))
                                                        else "none") for s in sites)
        how += (" Federated: every site ran these steps on its own records only, and a record belongs to one "
                f"site, so it has that site's protection ({per_site}); the ε above is the largest. The sampling "
                "rate and steps shown are the largest of any site.")
    return {"statement": statement, "rows": rows, "not_covered": items, "how": how}
