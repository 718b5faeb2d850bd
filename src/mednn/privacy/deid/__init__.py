"""De-identification of clinical text: find protected health information and replace it.

The engine (:mod:`.engine`) runs every registered recognizer (:mod:`.recognizers`: contact
details, numbers, places, dates, vehicles and biometrics, person names) on a text, resolves
overlaps (:mod:`.spans`) and replaces each span by a typed placeholder such as ``[NAME]``
(:mod:`.replace`), or shifts dates by a per-patient offset (:mod:`.dateshift`, shared with
DICOM de-identification). Spans are offsets into the original text and never hold the text.

>>> deid = Deidentifier().fit()
>>> deid.transform(["Seen by Dr. Jane Smith on 01/02/2023, call 555-123-4567."])
['Seen by Dr. [NAME] on [DATE], call [PHONE].']
>>> deid.find("Call 555-123-4567.")
[Span(start=5, end=17, type='PHONE')]

Add an identifier type: a recognizer function registered with ``@recognizer(...)`` in a module
of :mod:`.recognizers`, and its name in :data:`TYPES`. See docs/deid.md for how well it works.
"""

from __future__ import annotations

from .dateshift import patient_date_offset, project_key
from .engine import Deidentifier
from .files import SPAN_COLUMNS, deidentify_dataset, deidentify_file, deidentify_notes, spans_table
from .recognizers import RECOGNIZERS
from .spans import TYPES, Span

__all__ = ["Deidentifier", "RECOGNIZERS", "SPAN_COLUMNS", "Span", "TYPES", "deidentify_dataset",
           "deidentify_file", "deidentify_notes", "patient_date_offset", "project_key", "spans_table"]
