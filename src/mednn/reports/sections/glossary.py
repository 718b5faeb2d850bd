"""The glossary at the end of the page (classification terms left out of a regression report)."""

from __future__ import annotations

import re

_GLOSSARY = (
    ("Conformal prediction", "A way to turn a model's probabilities into a set of possible diagnoses (or an "
                             "interval of values) that contains the truth for a promised share of patients, "
                             "e.g. 90%, checked on validation patients the model did not train on."),
    ("Referral curve", "How accurate the model is on the patients it keeps when the ones it is least sure "
                       "about are passed to a clinician."),
    ("AUROC", "Area under the ROC curve: the chance that the model gives a randomly chosen patient with the "
              "condition a higher score than one without it. 0.5 is chance, 1 is perfect ranking."),
    ("AUPRC", "Area under the precision-recall curve (average precision): how precise the model stays as it "
              "finds more of the positives. Its chance level is the prevalence."),
    ("Bootstrap confidence interval", "The range of a metric over many resamples (with replacement) of the "
                                      "test set: how much the number could move with other patients like these."),
    ("ECE (expected calibration error)", "The average gap between predicted probability and observed frequency, "
                                         "over bins of predicted probability, weighted by how many patients fall "
                                         "in each bin. 0 means predicted risks can be read as risks."),
    ("Temperature scaling", "A calibration step after training: all scores are divided by one number T fitted "
                            "on the validation set. T > 1 softens over-confident probabilities; the ranking of "
                            "patients (and so the AUROC) does not change."),
    ("Youden's J", "Sensitivity + specificity − 1. The threshold that maximises it balances missed cases and "
                   "false alarms equally."),
    ("Log-odds (logit)", "log(p / (1 − p)) of a probability p: 0 is 50%, +2 is about 88%, −2 about 12%. Equal "
                         "steps in log-odds are not equal steps in probability."),
    ("SHAP", "SHapley Additive exPlanations: splits the model's output for one patient into one contribution "
             "per input column, which add up to the output minus the average output over reference patients."),
    ("DeepLIFT", "A fast way to compute SHAP-like contributions for neural networks: it compares each "
                 "neuron's activation with its activation on reference inputs and propagates the differences."),
    ("LIME", "Local Interpretable Model-agnostic Explanations: fits a simple linear model to the network's "
             "answers on slightly changed copies of one patient; its slopes describe the network near that "
             "patient only."),
    ("Spearman's ρ (rank agreement)", "The correlation of two rankings: 1 when SHAP and LIME order the columns "
                                      "the same way, 0 when their orders are unrelated, −1 when reversed."),
    ("Surrogate tree", "A small decision tree trained to imitate the network's answers. Its fidelity (how "
                       "often it agrees with the network on patients it did not see) says whether its rules "
                       "describe the network."),
    ("Grad-CAM", "A heat map of where in an image the last convolutional layer found evidence for the "
                 "explained class."),
    ("Integrated Gradients", "Attribution of an output to each pixel or token by accumulating gradients along a "
                             "path from a blank input to the real one."),
    ("Occlusion", "The drop of the model's score when a patch of the image is blacked out."),
)


_CLASSIFICATION_TERMS = {"AUROC", "AUPRC", "ECE (expected calibration error)", "Temperature scaling", "Youden's J",
                         "Log-odds (logit)"}


def section(kind: str, modality: str | None = None) -> list[tuple[str, str]]:
    """The terms a run's report uses; a molecule run's definitions speak of molecules, not patients."""
    return [(term, _for_molecules(meaning) if modality == "molecules" else meaning) for term, meaning in _GLOSSARY
            if kind != "regression" or term not in _CLASSIFICATION_TERMS]


def _for_molecules(meaning: str) -> str:
    meaning = re.sub(r"\bpatients\b", "molecules", meaning)
    meaning = re.sub(r"\bpatient\b", "molecule", meaning)
    return meaning.replace("possible diagnoses", "possible classes").replace("passed to a clinician",
                                                                            "passed to a chemist")
