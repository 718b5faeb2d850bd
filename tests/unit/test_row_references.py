"""One helper names the records of every finding and console line (issue 19, item 2): the
out-of-distribution line of predict / evaluate, label_typo, extreme_values and impossible_values
name records the same way, with the same limit, and never by the data's own ids."""

import numpy as np
import pandas as pd

from mednn.data.base import Dataset, Task
from mednn.data.clinical_ranges import impossible_value_findings
from mednn.data.extreme_values import extreme_value_findings
from mednn.data.label_typos import label_typo_findings
from mednn.findings import SHOWN_ROWS, row_references
from mednn.inference.alerts import flagged_detail


def test_the_same_records_read_the_same_in_every_message():
    own = [f"row-{i + 2}" for i in range(100)]
    mrns = [f"MRN{4471900 + i}" for i in range(100)]
    rows = [3, 17, 40, 41, 42, 43, 90]
    flags = np.isin(np.arange(100), rows)
    for ids in (own, mrns):
        listed = row_references(ids, rows)
        assert flagged_detail(ids, flags) == f"flagged: {listed}"
    assert row_references(own, rows) == "row-5, row-19, row-42, row-43, row-44, ..."
    assert row_references(mrns, rows) == ("records #4, #18, #41, #42, #43, ... (in reading order; the data's own "
                                          "ids are not shown)")
    assert SHOWN_ROWS == 5
    assert row_references(["dicom-0a1b2c3d4e5f6a7b"], [0]) == "dicom-0a1b2c3d4e5f6a7b"  # mednn's pseudonyms
    assert row_references(["test-00012"], [0]) == "test-00012"  # a sample of an .npz, as mednn names it
    assert row_references(["row-12-MRN4471902"], [0]).startswith("record #1")  # not one of mednn's own
    # an image path may hold a patient's name: named by position
    assert "Quigley" not in row_references(["scans/Quigley_Marguerite_3.png"], [0])


def test_findings_of_the_data_checks_use_it():
    rng = np.random.default_rng(0)
    n = 120
    frame = pd.DataFrame({"age": rng.uniform(20, 80, n), "marker": rng.normal(size=n)})
    frame.loc[[2, 5, 7, 9, 11, 13], "age"] = 670
    frame.loc[4, "marker"] = 1e30
    labels = np.array(["dead"] * 20 + ["alive"] * (n - 21) + ["daed"])
    names = ("alive", "daed", "dead")
    y = np.searchsorted(names, labels)
    ids = np.array([f"P{i:05d}" for i in range(n)], dtype=object)
    ds = Dataset(inputs=frame, targets=y, task=Task("multiclass", names), ids=ids)
    messages = [f.message for f in (*impossible_value_findings(ds), *extreme_value_findings(ds),
                                    *label_typo_findings(ds))]
    assert len(messages) == 3
    assert row_references(ids, [2, 5, 7, 9, 11, 13]) in messages[0]
    assert row_references(ids, [4]) in messages[1] and row_references(ids, [n - 1]) in messages[2]
    assert not any("P0" in m for m in messages)
