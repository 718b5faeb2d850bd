"""Notes with Windows (CRLF) or old Mac (CR) line ends are read like the same notes with LF: a
field value at the end of a line never takes the line's period and carriage return (trial 17:
Spanish MEDDOCAN notes saved with CRLF lost ".\r" after every name, date, id and address)."""

import pytest

from mednn.privacy.deid import Deidentifier

NOTES = {
    "es": "Nombre: Manuel.\nApellidos: Rios Blanco.\nNHC: 345796.\nDomicilio: Calle Joaquin Vidal, 35.\n"
          "Fecha de nacimiento: 13/04/1990.\n",
    "en": "Patient: John Smith\nDOB: 01/02/1990\nMRN: 1234567\nAddress: 12 Oak Street, Springfield\n",
}


@pytest.mark.parametrize("language", sorted(NOTES))
@pytest.mark.parametrize("line_end", ["\r\n", "\r"])
def test_crlf_and_cr_notes_give_the_spans_of_the_lf_note(language, line_end):
    deid = Deidentifier(language=language).fit()
    lf = NOTES[language]
    other = lf.replace("\n", line_end)
    spans = deid.find(other)
    assert spans, "the note's identifiers are found"
    for s in spans:
        assert "\r" not in other[s.start:s.end] and other[s.start:s.end][-1].isalnum()
    # the same identifiers as in the LF note (offsets move by one per CRLF line before them)
    assert [lf.replace("\n", line_end)[s.start:s.end] for s in spans] == [lf[s.start:s.end] for s in deid.find(lf)]
    out = deid.transform([other])[0]
    assert out.count(line_end) == other.count(line_end)  # line ends and final periods survive
    assert out.count(".") >= other.count(".") - sum(other[s.start:s.end].count(".") for s in spans)


def test_an_hl7_message_with_cr_segment_ends_is_read_segment_by_segment():
    # HL7 v2 separates segments by a lone CR; before, the family name and the attending were missed
    deid = Deidentifier().fit()
    text = ("MSH|^~\\&|EPIC|GENHOSP|LAB|GENHOSP|20190305120000||ADT^A01|MSG00001|P|2.3\r"
            "PID|1||4471234^^^GENHOSP^MR||SMITH^JOHN^A||19610312|M|||12 OAK ST^^SPRINGFIELD^IL^62704\r"
            "PV1|1|I|ICU^12^B|||||1234^LEE^ANN\r")
    found = {text[s.start:s.end] for s in deid.find(text)}
    assert {"SMITH", "JOHN", "LEE", "ANN", "62704"} <= found
