"""The notes screen of a run without privacy.deid: which marked words are withheld from a
featurizer's fit, when the identifiers_in_notes finding is given (counts, never values)."""

from mednn.privacy.deid import Span
from mednn.privacy.notes_screen import screen_finding, screen_notes, without_words


class _Finder:
    """Marks 'Smith' (a full name after 'Dr.') and the first 'patients' of the corpus only."""

    def __init__(self):
        self.first = True

    def find(self, text):
        spans = []
        if "Jane Smith" in text:
            start = text.index("Jane Smith")
            spans.append(Span(start, start + len("Jane Smith"), "NAME"))
        if self.first and "patients" in text:
            self.first = False
            start = text.index("patients")
            spans.append(Span(start, start + len("patients"), "NAME"))
        return spans


def test_words_marked_in_most_of_their_uses_are_withheld_and_a_rare_false_removal_is_not():
    notes = [f"Dr. Jane Smith saw {i} patients today." for i in range(10)]
    screen = screen_notes(notes, _Finder())
    assert screen.withheld == frozenset({"jane", "smith"})  # 'patients' marked once in 10: kept
    assert screen.counts == {"NAME": 10} and screen.texts_with == 10 and screen.flagged
    assert without_words(notes[:1], screen.withheld) == ["Dr. " + " " * len("Jane Smith") + " saw 0 patients today."]
    finding = screen_finding(screen, ["note"])
    assert finding.id == "identifiers_in_notes" and finding.columns == ("note",) and finding.count == 10
    assert "Smith" not in finding.message and "NAME 10" in finding.message


def test_few_identifiers_in_much_text_give_no_finding():
    notes = ["Dr. Jane Smith reviewed the protocol."] + ["The cohort of patients was followed for a year. " * 40] * 10
    screen = screen_notes(notes, _Finder())
    assert screen.n_spans == 1 and not screen.flagged and screen_finding(screen, ["note"]) is None


def test_a_large_corpus_is_screened_on_a_bounded_seeded_sample(monkeypatch):
    """Screening costs as much as de-identification (~10,000 words per CPU-second): a large
    corpus is screened on whole notes up to MAX_WORDS words, the same notes every time."""
    from mednn.privacy import notes_screen

    monkeypatch.setattr(notes_screen, "MAX_WORDS", 50)
    texts = [f"note {i} with seven words in it" for i in range(40)]  # 7 words each, 280 in all
    sample = notes_screen._bounded_sample(texts)
    assert 50 <= sum(len(t.split()) for t in sample) < 57 and len(sample) == 8
    assert sample == notes_screen._bounded_sample(texts) and set(sample) <= set(texts)
    assert notes_screen._bounded_sample(texts[:7]) == texts[:7]  # under the budget: every note


class _CodeFinder:
    """Marks every 'PD98059' (an unlabelled code) and 'Akt' as the span finder does in papers,
    and the number behind 'MRN:'."""

    def find(self, text):
        spans = []
        for word, kind in (("PD98059", "ID"), ("Akt", "NAME"), ("4471902", "ID")):
            start = text.find(word)
            if start >= 0:
                spans.append(Span(start, start + len(word), kind))
        return spans


def test_unlabelled_codes_do_not_flag_papers_and_their_shared_marked_words_stay_in_the_vocabulary():
    papers = [f"Akt inhibition by PD98059 reduced growth in study {i}." for i in range(12)]
    screen = screen_notes(papers, _CodeFinder())
    assert screen.counts == {} and not screen.flagged  # codes without a label are not clear ids
    assert "akt" not in screen.withheld and "pd98059" not in screen.withheld  # in 12 notes: vocabulary
    notes = [f"MRN: 4471902. Akt level {i}." for i in range(12)]
    screen = screen_notes(notes, _CodeFinder())
    assert screen.counts == {"ID": 12} and screen.flagged
    assert {"akt", "4471902"} <= screen.withheld  # flagged notes: every word marked in most uses


def test_a_rare_marked_word_is_withheld_even_in_papers():
    papers = ["Akt was measured."] + [f"Growth was measured in study {i}." for i in range(12)]
    assert "akt" in screen_notes(papers, _CodeFinder()).withheld  # in one note only
