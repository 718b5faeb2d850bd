"""Dataset shift: the training split's profile, stored in the run, and a site checked against it.

``base.py`` builds the profile (:func:`training_profile`) from the columns each modality's module
(``tabular.py``, ``images.py``, ``text.py``, ``molecules.py``, registered in
:data:`SHIFT_COLUMNS` under the name the ModalitySpec's ``shift_profile`` gives) makes of its
samples; ``sketch.py`` holds the statistics kept per column and the distances; ``compare.py`` the
checks and their thresholds; ``check.py`` turns them into ``dataset_shift`` findings
(:func:`check_shift`). Add a modality: a module here registering its column function, and its
name as ``shift_profile`` in its ModalitySpec.
"""

from .base import SHIFT_COLUMNS, ProfileColumns, training_profile
from .check import ShiftResult, check_shift
from .compare import P_VALUE, THRESHOLDS, ShiftRow

__all__ = ["P_VALUE", "SHIFT_COLUMNS", "THRESHOLDS", "ProfileColumns", "ShiftResult", "ShiftRow", "check_shift",
           "training_profile"]
