"""Privacy: de-identification of clinical text (:mod:`.deid`), differentially private
training, DP-SGD with RDP accounting (:mod:`.dp`), and federated averaging across sites
(:mod:`.federated`). DP-SGD and the federated sites are step strategies of
:func:`mednn.training.loop.fit`, built from the config by :mod:`mednn.trainer`.
"""
