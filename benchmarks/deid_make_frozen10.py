"""Write the tenth frozen English held-out de-identification set (BRAT .txt/.ann pairs).

    python benchmarks/deid_make_frozen10.py --out /tmp/deid_frozen10 --per-style 14 --seed 20261214

writes ``<kind>_<nnn>.txt`` + ``.ann`` (``T1<TAB>TYPE START END<TAB>text``, offsets into the .txt, end
exclusive, ``\\n`` line ends) for 36 note kinds none of sets 1-9 had (procedure-room and machine printouts,
community and non-US notes, registers and exports; see deid_frozen10_notes_{a,b,c}.py), and
``frozen10_manifest.json`` (notes, spans per type, kinds, share of non-US notes, seed, per_style and the
sha256 over file name + bytes of every .ann/.txt in sorted order). A self-check asserts that every span's
text equals its slice of the .txt. Same seed, same bytes. Standard library only; written without reading
mednn's de-identifier, its word lists or the earlier generators, and never run through the de-identifier by
its writer: the first score on it is the held-out score.

Annotation guideline (which characters a span covers):
- PATIENT / CLINICIAN / RELATIVE: the name only in any form (``LAST, First``, ``F. Last``, initials, a lone
  first name, lower case, surname first); titles (Dr, Mr, Sr, PC), credentials (MD, RN, DC) and a possessive
  ``'s`` stay outside. CLINICIAN covers every staff member (nurses, physiologists, pharmacists, clerks,
  volunteers, coordinators). A relation word (``wife``, ``S/o``) is not PHI.
- HOSPITAL: hospitals, clinics, hospices and units named after a place or a person, long or as a code.
  National chains (Specsavers, Boots, CVS, Walgreens), couriers, device makers and employers are not PHI.
- LOCATION: a town or city anywhere; a county, state, province or country only inside an address.
  ADDRESS: the street part (with flat, block, plot, P.O. box); ZIP: the postcode, PIN or ZIP+4.
- DATE: every date finer than a year, one span with its year when written with one; YEAR: a year alone.
  Times, weekdays, durations and relative dates ("6/52") are not PHI; neither are guideline years (CPIC 2022).
- AGE: ages over 89 only (the number). PHONE / FAX: the number without its label.
- SSN: national personal numbers (SSN, NI, PPSN, SIN, TFN, IRD, Aadhaar, SA ID, NRIC, NIN, PhilSys);
  ID_HEALTHPLAN: health-insurance and national health numbers (member IDs, NHS / CHI, Medicare, OHIP, NHI,
  ABHA, medical aid, NHIF / SHA, PhilHealth PIN); ID_LICENSE: professional registrations (GMC, NMC, AHPRA,
  HPCSA, MCR, PRC ...); ID_DEA, ID_NPI with valid check digits; ID_DEVICE: devices in or issued to the
  patient (pacemakers, leads, pumps, CPAP, home monitors); analyser and ECG-cart models are not PHI.
- ID_BIOBANK, ID_ACCESSION (lab, pathology and screening-card numbers), ID_DICTATION, ID_PHOTO (image file
  ids), VEHICLE (plates, VINs), BIOMETRIC (finger, palm-vein, iris, voice templates), EMAIL, URL, IP.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from deid_frozen10_cast import Ctx  # noqa: E402
from deid_frozen10_core import TYPES, finish  # noqa: E402
from deid_frozen10_notes_a import KINDS_A  # noqa: E402
from deid_frozen10_notes_b import KINDS_B  # noqa: E402
from deid_frozen10_notes_c import KINDS_C  # noqa: E402
from deid_frozen10_places import NON_US  # noqa: E402

KINDS = {**KINDS_A, **KINDS_B, **KINDS_C}
# Where each kind is written: a fixed list of countries, or None for "anywhere" (US or, at P_ABROAD, elsewhere).
WHERE = {
    "optician_gos18": ["UK"], "postnatal_visit": ["UK", "IE", "NZ", "AU"], "opd_case_paper": ["IN"],
    "chv_household_visit": ["KE"], "dots_card": ["NG", "IN", "ZA", "PH", "KE"], "philhealth_claim": ["PH"],
    "art_clinic": ["ZA", "KE", "NG"], "tcm_clinic": ["SG"], "medtourism_quote": ["IN", "SG"],
    "cd_register": ["US"], "repeat_rx_slip": ["US", "US", "UK", "IE", "AU", "NZ", "CA"],
    "diving_medical": ["UK", "AU", "NZ", "SG", "US", "US", "ZA"], "bereavement_call": ["UK", "IE", "AU", "NZ", "US", "US", "CA"],
}
P_ABROAD = 0.22
# The writer's hands: most notes mixed case, some all capitals (printouts, registers), some all lower case.
HANDS = {"ecg_printout": 0.5, "abg_printout": 0.4, "theatre_list": 0.3, "cd_register": 0.3, "lims_audit": 0.3,
         "opd_case_paper": 0.3, "dots_card": 0.25, "kiosk_checkin": 0.2, "philhealth_claim": 0.4}
OCR = {"newborn_screen": 0.25, "optician_gos18": 0.3, "philhealth_claim": 0.3, "repeat_rx_slip": 0.2,
       "diving_medical": 0.15, "parking_permit": 0.15}
LOWER = {"bereavement_call": 0.6, "chiropractic": 0.35, "chv_household_visit": 0.25, "ward_round": 0.2,
         "postnatal_visit": 0.2, "pacu_handover": 0.2, "art_clinic": 0.15, "access_audit": 0.1, "tcm_clinic": 0.1,
         "repeat_rx_slip": 0.1, "dots_card": 0.1}


def make_note(rng: random.Random, kind: str):
    where = WHERE.get(kind)
    region = rng.choice(where) if where else (rng.choice(NON_US) if rng.random() < P_ABROAD else "US")
    raw = KINDS[kind](Ctx(rng, region))
    r = rng.random()
    hand = "upper" if r < HANDS.get(kind, 0.05) else ("lower" if r > 1 - LOWER.get(kind, 0.0) else "mixed")
    if hand == "mixed" and rng.random() < OCR.get(kind, 0.0):
        hand = "ocr"
    text, spans = finish(raw, hand, rng)
    return region, hand, text, spans


def write_set(out: Path, per_style: int, seed: int) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    for old in list(out.glob("*.txt")) + list(out.glob("*.ann")):
        old.unlink()
    rng = random.Random(seed)
    by_type: Counter = Counter()
    regions: Counter = Counter()
    hands: Counter = Counter()
    n_notes = 0
    for kind in sorted(KINDS):
        for i in range(per_style):
            region, hand, text, spans = make_note(rng, kind)
            stem = f"{kind}_{i:03d}"
            ann = []
            for k, (typ, start, end, value) in enumerate(spans, 1):
                if text[start:end] != value or "\n" in value:
                    raise AssertionError(f"{stem}: span T{k} does not match its slice")
                ann.append(f"T{k}\t{typ} {start} {end}\t{value}")
                by_type[typ] += 1
            (out / f"{stem}.txt").write_text(text, encoding="utf-8", newline="\n")
            (out / f"{stem}.ann").write_text("\n".join(ann) + ("\n" if ann else ""), encoding="utf-8", newline="\n")
            regions[region] += 1
            hands[hand] += 1
            n_notes += 1
    ok = self_check(out)
    h = hashlib.sha256()
    for f in sorted(p for p in out.iterdir() if p.suffix in (".txt", ".ann")):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    manifest = {"notes": n_notes, "spans": sum(by_type.values()), "spans_per_type": {t: by_type[t] for t in TYPES},
                "kinds": sorted(KINDS), "n_kinds": len(KINDS), "regions": dict(sorted(regions.items())),
                "share_non_us": round(1 - regions["US"] / n_notes, 4), "hands": dict(hands), "seed": seed,
                "per_style": per_style, "self_check_ok": ok, "sha256": h.hexdigest()}
    (out / "frozen10_manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def self_check(out: Path) -> bool:
    """Re-read every .ann and check each span's text against its slice of the .txt."""
    for ann in sorted(out.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        for line in ann.read_text(encoding="utf-8").splitlines():
            tid, meta, value = line.split("\t")
            typ, start, end = meta.split(" ")
            assert typ in TYPES, f"{ann.name} {tid}: unknown type"
            assert text[int(start):int(end)] == value, f"{ann.name} {tid}: text differs from its slice"
    return True


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--per-style", type=int, default=14)
    ap.add_argument("--seed", type=int, default=20261214)
    a = ap.parse_args(argv)
    m = write_set(a.out, a.per_style, a.seed)
    print(f"{m['notes']} notes, {m['spans']} spans, sha256 {m['sha256']}, self-check ok={m['self_check_ok']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
