"""Privacy: de-identification of clinical text (:mod:`.deid`) and of DICOM files
(:mod:`.dicom`), what ``privacy.deid: true`` does to each modality's data (:mod:`.deid_steps`),
and differentially private training, DP-SGD with RDP accounting (:mod:`.dp`), a step strategy
of :func:`mednn.training.loop.fit` built from the config by :mod:`mednn.trainer`. Federated
training is its own stage, :mod:`mednn.federation`.
"""
