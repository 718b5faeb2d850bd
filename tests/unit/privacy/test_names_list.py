"""The de-identifier's name list: its generator (on tiny Census-format files written here), the
shipped ``names.json``, and the guard rules that keep formulas, organisations and places."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mednn.errors import DataError
from mednn.data.wordlists import generate_names as gen
from mednn.privacy.deid import Deidentifier

DATA = Path(gen.__file__).parent


def _write(path: Path, rows: list[tuple[str, float, float, int]]) -> None:
    # the Census layout: NAME padded to 15, frequency, cumulative frequency, rank
    path.write_text("".join(f"{n:<15}{f:>5.3f} {c:>6.3f} {r:>6}\n" for n, f, c, r in rows), encoding="ascii")


@pytest.fixture()
def census(tmp_path):
    _write(tmp_path / "dist.male.first", [("JAMES", 3.3, 3.3, 1), ("WILL", 0.2, 3.5, 2), ("AL", 0.1, 3.6, 3)])
    _write(tmp_path / "dist.female.first", [("MARY", 2.6, 2.6, 1), ("VIRGINIA", 0.3, 2.9, 2)])
    _write(tmp_path / "dist.all.last", [
        ("SMITH", 1.0, 1.0, 1), ("MCDONALD", 0.9, 60.0, 2), ("COLON", 0.8, 70.0, 3),
        ("WILSON", 0.7, 74.9, 4), ("RAREONE", 0.1, 75.1, 5),
    ])
    return tmp_path


def test_build_reads_cuts_and_title_cases(census):
    data = gen.build(census, last_cumulative=75.0)
    assert data["first"] == ["Al", "James", "Mary", "Virginia", "Will"]
    # cumulative 75.1% is past the cut-off; MCDONALD is spelt both ways
    assert data["last"] == ["Colon", "McDonald", "Mcdonald", "Smith", "Wilson"]
    assert "Census" in data["source"] and "faker" not in data["source"].lower()


def test_build_marks_words_places_and_short_names_ambiguous(census):
    corpus = ["The colon was normal.", "Wilson disease was excluded.", "We will see."]
    data = gen.build(census, corpus=corpus, source_note="three sentences")
    amb = set(data["ambiguous"])
    assert {"Will", "Al", "Virginia", "Colon", "Wilson"} <= amb  # stop word, 2 letters, state, lower case, eponym
    assert not {"Smith", "James", "Mary", "McDonald"} & amb
    reasons = data["counts"]["ambiguous_by_reason"]
    assert reasons["lower_case_in_corpus"] == 2  # colon, will
    assert reasons["eponym_in_corpus"] == 1  # Wilson
    # without a corpus "Colon" stays a name: nothing says it is a word
    assert "Colon" not in gen.build(census)["ambiguous"]


def test_main_writes_json(census, tmp_path, capsys):
    out = tmp_path / "names.json"
    gen.main([str(census), "--out", str(out)])
    assert json.loads(out.read_text(encoding="utf-8"))["first"][0] == "Al"
    assert "wrote" in capsys.readouterr().out


def test_bad_census_line_names_the_file_and_line(census):
    (census / "dist.all.last").write_text("SMITH 1.0 1.0 1\nnot a census line\n", encoding="ascii")
    with pytest.raises(DataError, match="dist.all.last line 2"):
        gen.build(census)


def test_missing_census_folder_says_how_to_get_it(tmp_path):
    with pytest.raises(DataError, match="names==0.3.0"):
        gen.build(tmp_path / "nowhere")


def test_generator_does_not_use_faker():
    # the benchmark plants Faker's names: a list drawn from Faker would measure itself
    source = Path(gen.__file__).read_text(encoding="utf-8")
    assert "import faker" not in source and "from faker" not in source


def test_shipped_list_is_census_and_small():
    path = DATA / "names.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert path.stat().st_size < 300_000
    assert "Census" in data["source"] and "faker" not in data["source"].lower()
    first, last, amb = set(data["first"]), set(data["last"]), set(data["ambiguous"])
    assert {"James", "Mary", "Patricia"} <= first and {"Smith", "Johnson", "Garcia", "McDonald"} <= last
    assert len(first) > 5000 and len(last) > 10000
    # everyday words, eponyms, element symbols and places are never matched bare
    assert {"Will", "May", "Colon", "Parkinson", "Wilson", "Na", "Li", "Israel", "Virginia"} <= amb
    assert not {"Smith", "Johnson", "James", "Mary"} & amb


@pytest.fixture(scope="module")
def deid():
    return Deidentifier().fit()


@pytest.mark.parametrize("text", [
    "Irrigated with 0.9% NaCl and NaOH.",
    "PaCO2 rose to 60 mm Hg; Na+/Li+ countertransport was raised.",
    "Cytarabine (Ara-C) was given with non-Hodgkin lymphoma protocols.",
    "Hearts were perfused with St. Thomas solution or Krebs buffer.",
    "Seen at the University of Pittsburgh and in Israel.",
    "Samples sent to Queen Elizabeth Hospital.",
    "Counts read on a Technicon Instruments Corp analyzer.",
    "Lewis antigens were expressed in Sprague Dawley rats.",
    "Differences between the groups for: RBC loss were small.",
    "An Irish family with retinitis pigmentosa.",
])
def test_formulas_organisations_and_places_are_not_names(deid, text):
    assert [s for s in deid.find(text) if s[2] == "NAME"] == []


@pytest.mark.parametrize("text,name", [
    ("Jane Roe Study ID 12 seen today.", "Jane Roe"),
    ("Mary Jones reports pain; Mary's cycle is regular.", "Mary Jones"),
    ("Virginia Smith was admitted.", "Virginia Smith"),
    ("Dr. Krebs reviewed the film.", "Krebs"),
])
def test_names_beside_guard_words_are_still_found(deid, text, name):
    start = text.index(name)
    assert (start, start + len(name), "NAME") in deid.find(text)
