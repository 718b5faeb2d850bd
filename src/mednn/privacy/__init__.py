"""Privacy: de-identification of clinical text (:mod:`.deid`) and differentially private
training, DP-SGD with RDP accounting (:mod:`.dp`). Federated training is not built yet.
"""
