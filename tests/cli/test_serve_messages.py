"""A refused request's message names 'the request' in place of the server's temporary file,
keeping the sentence readable ('the request: numeric column ...')."""

from mednn.serving import _request_message


def test_temporary_path_becomes_the_request():
    text = "/tmp/mednn-serve-ab12/records.csv: numeric column 'age' has 1 non-numeric value; fix: clean it"
    assert _request_message(text) == "the request: numeric column 'age' has 1 non-numeric value; fix: clean it"
    assert "mednn-serve" not in _request_message("/tmp/mednn-serve-x/u: 1 unreadable file(s): 000000.dcm: bad")
