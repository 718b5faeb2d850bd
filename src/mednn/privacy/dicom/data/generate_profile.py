"""Regenerate ``ps315_basic_profile.json``: the DICOM PS3.15 Annex E Basic Application Level
Confidentiality Profile (Table E.1-1), one row per attribute, as the de-identifier reads it.

Source: ``standard/confidentiality_profile_attributes.json`` of the innolitics/dicom-standard
repository at commit 7f4749d09ed3ef2fa70637d376d423a4b13523cd (MIT licence for the parser), a
machine-readable copy of Table E.1-1 of DICOM PS3.15 (the table's text is NEMA's; see
``MANIFEST.md`` beside this file for the terms). Run::

    python -m mednn.privacy.dicom.data.generate_profile SHARED/data/dicom_deid_profile/confidentiality_profile_attributes.json

(SHARED: the project's shared folder). The result is committed; nothing here runs at run time.

Each row of the output is ``[tag, name, basic_action, {option: action}]``:
  * ``tag`` is 8 hex digits, or a mask with ``x`` for "any digit" (``50xxxxxx`` curves,
    ``60xx3000`` overlay data) or the word ``private`` (odd groups);
  * ``basic_action`` is the Basic Profile's code (``X``, ``Z``, ``D``, ``U``, ``X/Z``, ``X/D``,
    ``Z/D``, ``X/Z/D``, ``X/Z/U*``);
  * the options are the table's option columns, renamed to the words mednn uses
    (:data:`OPTION_COLUMNS`), with their codes (``K`` keep, ``C`` clean).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

# the table's option columns -> mednn's option names (and their DICOM code, CID 7050)
OPTION_COLUMNS = {
    "rtnSafePrivOpt": "safe_private",              # 113111
    "rtnUIDsOpt": "uids",                          # 113110
    "rtnDevIdOpt": "device_identity",              # 113109
    "rtnInstIdOpt": "institution_identity",        # 113112
    "rtnPatCharsOpt": "patient_characteristics",   # 113108
    "rtnLongFullDatesOpt": "full_dates",           # 113106
    "rtnLongModifDatesOpt": "modified_dates",      # 113107
    "cleanDescOpt": "clean_descriptors",           # 113105
    "cleanStructContOpt": "clean_structured_content",  # 113104
    "cleanGraphOpt": "clean_graphics",             # 113103
}
ACTIONS = ("X", "Z", "D", "U", "X/Z", "X/D", "Z/D", "X/Z/D", "X/Z/U*")
SOURCE = ("innolitics/dicom-standard@7f4749d09ed3ef2fa70637d376d423a4b13523cd:"
          "standard/confidentiality_profile_attributes.json (DICOM PS3.15 Table E.1-1)")


def _tag(row: dict) -> str:
    raw = row["id"].lower()
    if raw.startswith("gggg"):
        return "private"
    if len(raw) != 8 or any(c not in "0123456789abcdefx" for c in raw):
        raise ValueError(f"unexpected tag {row['tag']!r} for {row['name']!r}")
    return raw


def convert(rows: list[dict]) -> dict:
    out = []
    for row in rows:
        action = row["basicProfile"]
        if action not in ACTIONS:
            raise ValueError(f"unexpected action {action!r} for {row['name']!r}")
        options = {OPTION_COLUMNS[k]: v for k, v in row.items() if k in OPTION_COLUMNS and v}
        out.append([_tag(row), row["name"], action, options])
    out.sort(key=lambda r: r[0])
    return {"source": SOURCE, "standard": "DICOM PS3.15 Annex E, Table E.1-1", "attributes": out}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("table", type=Path, help="confidentiality_profile_attributes.json")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("ps315_basic_profile.json"))
    args = parser.parse_args(argv)
    data = convert(json.loads(args.table.read_text(encoding="utf-8")))
    # one attribute per line: small, and a diff of a new edition of the standard reads well
    lines = [json.dumps(row, separators=(",", ":")) for row in data["attributes"]]
    text = ('{"source":' + json.dumps(data["source"]) + ',"standard":' + json.dumps(data["standard"])
            + ',"attributes":[\n' + ",\n".join(lines) + "\n]}\n")
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(lines)} attributes")


if __name__ == "__main__":
    main()
