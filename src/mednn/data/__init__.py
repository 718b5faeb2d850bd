"""Data: the in-memory :class:`Dataset`, readers per format (``data/<modality>.py``), splits.

A reader is registered with ``@READERS.register("format")`` (see :mod:`mednn.data.readers`)
and turns a :class:`~mednn.config.DataConfig` into a :class:`Dataset`.
"""

from .base import SPLITS, TASK_KINDS, Dataset, Task

__all__ = ["Dataset", "Task", "SPLITS", "TASK_KINDS"]
