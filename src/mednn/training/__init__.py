"""Training: the plain PyTorch loop (:mod:`.loop`), gradient descent written out (:mod:`.optim`),
losses per task (:mod:`.losses`), batch
samplers for class imbalance (:mod:`.sampling`) and seeding / device / thread choice
(:mod:`.seeding`). The loop batches in-memory tensors by index: no per-sample Python.
"""
