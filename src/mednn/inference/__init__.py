"""Inference: what turns a finished run's inputs into outputs, without any training code.

- :mod:`.forward`: batching by index and the network's forward pass (``predict_logits``)
  under ``torch.no_grad`` with the thread count chosen for the network's size (:mod:`.threads`).
- :mod:`.scaler`: the regression target scaler (fitted on the training split, inverted here).
- :mod:`.requests`: the request models of ``mednn serve`` per modality (pydantic, strict
  types: ``true`` is not 1.0, JSON ``null`` is a missing value) and their one-line messages.
- :mod:`.records`: records of a request -> a :class:`~mednn.data.base.Dataset`, straight
  from memory, checked by the readers' own column checks (the same messages as ``mednn
  predict`` for the same rows); :mod:`.uploads`: uploaded image files -> a Dataset in memory.

``mednn.predictor`` and ``mednn.serving`` import from here and never from ``mednn.training``
(a forbidden contract in pyproject.toml); ``training`` imports the shared pieces from here.
A new modality's request model and record builder go in :mod:`.requests` / :mod:`.records`.
"""
