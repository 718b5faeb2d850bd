"""The software versions a run records (its manifest and model card): mednn, Python, torch,
NumPy and the optional libraries this process has loaded."""

from __future__ import annotations

import platform
import sys


def software_versions() -> dict[str, str]:
    """The versions a manifest records: mednn, python, torch, numpy and the loaded optional libraries."""
    import numpy as np
    import torch

    from . import __version__

    versions = {"mednn": __version__, "python": platform.python_version(), "torch": torch.__version__,
                "numpy": np.__version__}
    for name in ("sklearn", "pandas", "monai", "rdkit", "tokenizers", "transformers"):
        mod = sys.modules.get(name)
        if mod is not None and hasattr(mod, "__version__"):
            versions[name] = mod.__version__
    return versions
