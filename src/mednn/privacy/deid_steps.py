"""What ``privacy.deid: true`` does to a run's data, one registered step per kind of data; a
modality's spec names its step (``ModalitySpec.deid``; None: the data holds no free text or
file headers to clean, and the run reads it unchanged).

- ``notes``: every note is de-identified in memory (:mod:`mednn.privacy.deid`), when the run
  trains and whenever it predicts or serves;
- ``dicom_files``: the run trains only on DICOM files ``mednn deid`` cleaned
  (:mod:`mednn.privacy.dicom.runs`); new images are predicted as they come.

Add a step with ``@DEID_STEPS.register("name")`` on a :class:`DeidStep` subclass.

>>> dataset = deidentify_for_training(cfg.data, dataset)  # doctest: +SKIP
"""

from __future__ import annotations

from ..registry import Registry

DEID_STEPS: Registry = Registry("de-identification step")


class DeidStep:
    """``training`` runs once on the data a run trains on (after reading, before splitting);
    ``prediction`` on every dataset the run predicts (files, served records)."""

    def training(self, data_cfg, dataset):
        return self.prediction(dataset)

    def prediction(self, dataset):
        return dataset


@DEID_STEPS.register("notes")
class Notes(DeidStep):
    def prediction(self, dataset):
        from .deid import deidentify_notes

        return deidentify_notes(dataset)


@DEID_STEPS.register("dicom_files")
class DicomFiles(DeidStep):
    def training(self, data_cfg, dataset):
        from .dicom.runs import require_deidentified

        require_deidentified(data_cfg)
        return dataset


def _step(modality: str) -> DeidStep:
    from ..modalities import modality_spec

    name = modality_spec(modality).deid
    return DEID_STEPS.get(name)() if name is not None else DeidStep()


def deidentify_for_training(data_cfg, dataset):
    """``dataset`` (read from ``data_cfg``) as a run with ``privacy.deid: true`` trains on it."""
    return _step(dataset.modality).training(data_cfg, dataset)


def deidentify_for_prediction(dataset):
    """``dataset`` as a run with ``privacy.deid: true`` predicts it."""
    return _step(dataset.modality).prediction(dataset)
