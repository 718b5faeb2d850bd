"""trial13: `mednn inspect` printed a reader's finding twice, once as the reader's console line
and once in its own list; the list is the output, so each finding appears there only."""

import warnings

import numpy as np
import pandas as pd


def _notes_with_conflicts(path):
    rng = np.random.default_rng(13)
    words = ["chest pain radiating", "abdominal cramps after meals", "persistent headache and aura",
             "mass found on imaging", "routine follow up visit"]
    rows = [{"note": f"{words[i % 5]} case {i} " + " ".join(rng.choice(["mild", "severe", "acute"], 6)),
             "dx": ["cardio", "digestive", "nervous", "neoplasm", "general"][i % 5]} for i in range(150)]
    rows += [{"note": "identical note text filed twice", "dx": "cardio"},
             {"note": "identical note text filed twice", "dx": "general"}]
    pd.DataFrame(rows).to_csv(path, index=False)


def test_a_readers_finding_is_listed_once_and_not_also_printed(cli, tmp_path):
    path = tmp_path / "notes.csv"
    _notes_with_conflicts(path)
    with warnings.catch_warnings(record=True) as shown:  # each would become a console line (mednn: warning: ...)
        warnings.simplefilter("always")
        code, out, err = cli("inspect", "--data", path, "--set", "data.label=dx", "--set",
                             "data.text_columns=[note]", "--no-label-issues")
    assert code == 0, err
    said = [line for line in (out + err).splitlines() if "[conflicting_duplicates]" in line]
    said += [str(w.message) for w in shown if "[conflicting_duplicates]" in str(w.message)]
    assert len(said) == 1 and said[0].startswith("  - warning: [conflicting_duplicates]"), said
    assert "identical note text" not in out + err  # never the text itself
