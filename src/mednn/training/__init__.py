"""Training: the plain PyTorch loop (:mod:`.loop`: ``fit`` and the default step strategy),
what attaches to it (:mod:`.callbacks`: the step-strategy and callback protocols, weight
averaging, checkpoints, progress), the validation monitor read from the metric registry
(:mod:`.monitor`), gradient descent written out (:mod:`.optim`), losses per task
(:mod:`.losses`), batch samplers for class imbalance (:mod:`.sampling`) and seeding / device /
thread choice (:mod:`.seeding`). The loop batches in-memory tensors by index: no per-sample
Python. A training feature (a private step, federated rounds, a new callback) plugs in
through :mod:`.callbacks`; ``training`` never imports ``privacy`` (checked by tests/test_layers.py).
"""
