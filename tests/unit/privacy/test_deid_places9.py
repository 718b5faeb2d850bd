"""Plates and named wards (issue 20, item 1; places9 pass of 2026-12-07): a plate of two letters and four or
five digits after a vehicle cue ("car reg VM 14556", "PARKING PERMIT PLATE CM 43281", "van ST 91881"); a unit,
ward or suite named after someone or a place in a field of its own (a table's cell, a calendar's LOCATION, "visited
X Unit", "X unit, bed 12"); and the look-alikes kept (a dose or a speed after a vehicle word; a service's unit).

Every case runs in every casing it claims; names and places are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import ALL, UPPER_MIXED, assert_found, assert_kept

FOUND = [
    # a plate of two letters and four or five digits after a vehicle cue, in any casing
    ("Transport: patient's own car reg {} (adapted, L foot accelerator)", "VM 14556", "VEHICLE", ALL),
    ("PARKING PERMIT PLATE {} (BLUE BADGE)", "CM 43281", "VEHICLE", ALL),
    ("VEHICLE IN LOT: {}\nNPI: 1020912604", "MU 03178", "VEHICLE", ALL),
    ("Vehicle: {} parked at bay 4", "QK 2291", "VEHICLE", ALL),
    # after "van" only in capitals: "van" begins surnames too
    ("Fridge 2-8C ok. Driver: Hemi, van {}\nDelivered 5/8", "ST 91881", "VEHICLE", UPPER_MIXED),
    # a unit, ward or suite named after someone or a place where a location is a field of its own
    ("1 | JOHANSEN 93 | 2189113 | {} | awaiting pharm | taxi", "Quarrow Unit", "LOCATION", ALL),
    ("2 | X 100YO | 74H32794 | {} | READY | FAMILY", "Fenmore Suite", "LOCATION", ALL),
    ("DTSTART:20260612T0800  LOCATION:{}\nORGANIZER:mailto:x@rota.example", "Nowak Unit", "LOCATION", ALL),
    ("dog therapy (Biscuit) visited {} 2-3pm", "Khoury Ward", "LOCATION", ALL),
    ("takahashi,june h 7309130  {}, bed 12\nc6 ais b", "marrowdale unit", "LOCATION", ALL),
]

KEPT = [
    ("Titanium plate 10 mm to the radius.", "10 mm", ALL),
    ("Car at 40 mph when it left the road.", "40 mph", ALL),
    ("Car serviced by van 12 mg tabs.", "12 mg", ALL),
    # a service's unit in the same fields
    ("| 2 | Stroke Unit | ready |", "Stroke Unit", ALL),
    ("| Theatre Suite | 12:00 |", "Theatre Suite", ALL),
    ("Bed state  Acute Medical Unit, bed 4", "Acute Medical Unit", ALL),
    ("Chaplain visited the unit twice.", "the unit", ALL),
    ("LOCATION: Endoscopy Unit, level 2", "Endoscopy Unit", ALL),
]


@pytest.mark.parametrize("template,value,kind,casings", FOUND)
def test_found(deid, template, value, kind, casings):
    assert_found(deid, template, value, kind, casings)


@pytest.mark.parametrize("template,kept,casings", KEPT)
def test_kept(deid, template, kept, casings):
    assert_kept(deid, template, kept, casings, wrong={"VEHICLE", "LOCATION"})
