"""The ARFF reader: nominal attributes become categories, '?' is missing, defective lines are
repaired or skipped and named by line number."""

import numpy as np
import pytest

from mednn.config import load_config
from mednn.data.readers import read_dataset, reader_for
from mednn.errors import DataError

# line numbers: the data lines start at line 9
ARFF = """% a tiny test file
@relation 'kidney test'
@attribute age numeric
@attribute 'sg' {1.005,1.010,1.020}
@attribute htn {yes,no}
@attribute note string
@attribute class {ckd,notckd}
@data
48,1.020,yes,'a, b',ckd
7,?,no,c,ckd
62,1.010,\tno,d,notckd
?,1.005,yes,e,notckd,
51,1.010,no,,f,ckd
30,1.020,maybe,g,notckd
40,1.005,yes,h,ckd
x,1.010,no,i,notckd
"""


@pytest.fixture
def arff(tmp_path):
    path = tmp_path / "kidney.arff"
    path.write_text(ARFF.replace("\n", "\r\n"), encoding="utf-8")  # CRLF as in the UCI file
    return path


def _cfg(path, *extra):
    return load_config(None, [f"data.path={path}", "data.label=class", "data.drop_columns=[note]", *extra]).data


def test_reads_nominal_as_categories_and_names_defective_lines(arff):
    assert reader_for(_cfg(arff)).name == "arff"  # sniffed by the suffix
    with pytest.warns(UserWarning, match="line 13"):
        dataset = read_dataset(_cfg(arff))
    # line 13 has an empty extra field in the middle (26 fields in the UCI file): skipped, named
    assert dataset.notes["skipped"] == [{"row": 13, "reason": "6 fields, expected 5"}]
    assert len(dataset) == 7
    assert list(dataset.ids) == ["row-9", "row-10", "row-11", "row-12", "row-14", "row-15", "row-16"]
    assert dataset.task.kind == "binary" and set(dataset.task.class_names) == {"ckd", "notckd"}
    # nominal attributes are categories even when they look like numbers; the label is not a feature
    assert dataset.notes["categorical_columns"] == ["sg", "htn"]
    frame = dataset.inputs
    assert frame["sg"].iloc[0] == "1.020" and frame["sg"].isna().iloc[1]
    assert frame["age"].dtype == np.float64
    assert np.isnan(frame["age"].iloc[3])  # '?' is missing
    assert frame["htn"].iloc[2] == "no"  # the tab before 'no' is stripped
    repaired = dataset.notes["repaired_rows"]
    assert repaired["trailing comma removed"] == [12]
    assert repaired["spaces or tabs around values removed"] == [11]
    assert repaired["values outside the declared set of 'htn' read as missing"] == [14]
    assert repaired["non-numbers in numeric attribute 'age' read as missing"] == [16]
    assert "line 13" in dataset.notes["defects"] and "\n" not in dataset.notes["defects"]
    # values are never echoed: the message names lines, not cells
    assert "maybe" not in dataset.notes["defects"]


def test_on_defective_fail_names_the_line(arff):
    with pytest.raises(DataError, match=r"line 13|row 13"):
        read_dataset(_cfg(arff, "data.on_defective=fail"))


def test_header_errors(tmp_path):
    path = tmp_path / "bad.arff"
    path.write_text("@relation x\n@attribute a numeric\n@attribute b relational\n@data\n1,2\n")
    with pytest.raises(DataError, match="relational"):
        read_dataset(load_config(None, [f"data.path={path}", "data.label=a"]).data)
    path.write_text("@relation x\n@attribute a numeric\n@attribute b {x,y}\n@data\n{0 1, 1 x}\n")
    with pytest.raises(DataError, match="sparse ARFF"):
        read_dataset(load_config(None, [f"data.path={path}", "data.label=b"]).data)
