"""A neural token tagger of protected health information: a small network (word, casing and
character features, a bidirectional LSTM, one BIO tag per token) trained on generated notes
whose PHI is filled with surrogates, run as one more recognizer whose spans are unioned with
the rules' (``Deidentifier(tagger=True)``, docs/deid.md "Neural token tagger").

- :mod:`.features`: tokens with offsets, casing shapes, the tag set, BIO encoding and decoding
- :mod:`.network`: the torch module
- :mod:`.model`: :class:`TokenTagger`, loaded lazily from a safetensors file (the shipped one is
  ``tagger-en.safetensors`` beside this file) and asked for spans
- :mod:`.second_opinion`: the tagger asked about the rules' own cue-less name and place spans
  (``Deidentifier(second_opinion=True)``)
- :mod:`.train`: ``python -m mednn.privacy.deid.tagger.train NOTES_DIR ... --out FILE --seed N``

torch is imported on first use only: ``import mednn`` stays cheap.
"""

from __future__ import annotations

from pathlib import Path

WEIGHTS = Path(__file__).with_name("tagger-en.safetensors")

__all__ = ["WEIGHTS"]
