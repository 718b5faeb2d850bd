"""Training: the plain PyTorch loop (:mod:`.loop`: ``fit`` only loops, plus the default step
strategy), what one fit carries (:mod:`.state`: ``FitState``, ``TrainResult``), what attaches to
it (:mod:`.callbacks`: the step-strategy and callback protocols, weight averaging, checkpoints,
progress; :mod:`.selection`: model selection, early stopping, learning-rate schedules;
:mod:`.budget`: the time budget), the per-epoch report a person sees (:mod:`.progress`), the
validation monitor read from the metric registry (:mod:`.monitor`), gradient descent written
out (:mod:`.optim`), losses per task (:mod:`.losses`), batch samplers for class imbalance
(:mod:`.sampling`), data-parallel training under torchrun (:mod:`.distributed`) and seeding /
device / thread choice (:mod:`.seeding`). The loop batches in-memory tensors by index: no
per-sample Python. A training feature (a private step, federated rounds, a new callback) plugs
in through :mod:`.callbacks`; ``training`` never imports ``privacy`` (checked by tests/test_layers.py).
"""
