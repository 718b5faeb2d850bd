"""Numbers of an eleventh pass (issue 20; 2026-12-07, helper numbers11), each a family of layout or
grammar rather than one writer's instance: a table's row counter or a column gap before a month/day is no
whole number of a mixed fraction; a week count or a drug's strength in an earlier sentence does not make a
date a score; a score beside a sibling on its scale that no date can be stays a score even after "today";
a scale named by its noun, a recovery score, a list of beds, a virus's types, a count in a complaint field
and a year of a body's guidance or a trial's registration are no dates.

Every case runs in every casing unless it says otherwise; names and numbers are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import ALL, UPPER_MIXED, assert_found, assert_kept

STILL_DATES = [
    # a row counter ("#12") or a cell of the previous column, then a column gap: no mixed number
    ("Run  Day   Operator\n#207  {}   K. Osei\n", "3/14"),
    ("Run\tDay\tOperator\n#88\t{}\tOsei K\n", "4/19"),
    ("Pt  Room      Onset   Swab       Result\n1   Pine 6      {}    R88-12034  neg\n", "5/21"),
    # a week count or a drug's strength in the sentence before is no neighbouring score
    ("Plan: see again {}; midwife 6/52 check.", "10/4"),
    ("Meds: sacubitril/valsartan 24/26 bd (with food). Return {}.", "7/2"),
]


@pytest.mark.parametrize("template,value", STILL_DATES)
def test_dates_beside_counters_columns_and_other_sentences(deid, template, value):
    assert_found(deid, template, value, "DATE")


NOT_DATES = [
    ("Epworth today 5/24 (was 14/24), driving allowed.", "5/24"),
    ("Sleepiness Scale (4/7) at the visit.", "4/7"),
    ("Hip flexion power grading 4/5 on the left.", "4/5"),
    ("Aldrete 9/10 on leaving recovery.", "9/10"),
    ("Tasks: bloods beds 3/6, cannula bay 2/4.", "3/6"),
    ("Screen: HBsAg, HCV, HIV 1/2 antibodies negative.", "1/2"),
    ("Complaint: poor sleep, sweats 2/12, low mood.", "2/12"),
    # an acronym is written in capitals: in a note typed in lower case it is no acronym
    ("Dose adjusted per 2020 ASH guidance.", "2020", UPPER_MIXED),
    ("Switch to an alternative (CPIC 2020).", "2020", UPPER_MIXED),
    ("Trial: LIBRA-3 (ISRCTN registered 2021).", "2021", UPPER_MIXED),
    ("Per protocol QA-SOP-21 v4 (alert limits 2023).", "2023"),
]


@pytest.mark.parametrize("case", NOT_DATES, ids=lambda case: case[0])
def test_scores_beds_types_counts_and_guidance_years_are_no_dates(deid, case):
    template, kept, casings = (*case, ALL)[:3]
    assert_kept(deid, template, kept, casings=casings, wrong=("DATE",))


# what must stay as it was
KEPT_DATES = [
    ("MMT 4/5. Berg 38/56.", "4/5", False),
    ("Hx: TKR (2015), CABG {}.", "2019", True),
    ("Hx: knee replaced (TKR {}).", "2015", True),
    ("Seen on {} for review.", "6/24", True),
    ("Give 1 1/2 tabs nocte.", "1/2", False),
]


@pytest.mark.parametrize("template,value,date", KEPT_DATES)
def test_neighbours_of_the_new_rules_keep_their_reading(deid, template, value, date):
    if date:
        assert_found(deid, template, value, "DATE")
    else:
        assert_kept(deid, template, value, wrong=("DATE",))
