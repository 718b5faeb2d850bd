"""Frozen set 4 addenda: short late entries appended under many notes, to vary where PHI sits
(a name alone at a line start, a possessive, a nickname, a lower-case name in normal text, a
two-digit year) and to plant PHI-free look-alikes (eponyms, scores, seasons, weekdays, room numbers).

`addendum(note, ctx)` writes one block of 1-4 entries; add an entry as a function ``(note, ctx)`` and
list it in `ENTRIES`.
"""

from __future__ import annotations

from deid_frozen4_surrogates import Ctx, Note


def _line_start_name(n: Note, c: Ctx) -> None:
    r = c.rng
    n(c.name(c.pt, "PATIENT", r.choice(["first", "last", "nick", "upper"])),
      r.choice([" called back at 1430, ", " seen walking in hall, ", " tearful this am, ", " asleep on rounds, "]),
      r.choice(["no new complaints.", "family at bedside.", "asking for a menu.", "denies pain."]), "\n")


def _possessive(n: Note, c: Ctx) -> None:
    r = c.rng
    n(r.choice(["Mr. ", "Ms. ", "Mrs. ", ""]), c.name(c.pt, "PATIENT", r.choice(["last", "full"])), "'s ",
      r.choice(["daughter", "son", "wife", "husband", "niece"]), " ",
      c.name(c.new_person(), "RELATIVE", r.choice(["first", "full", "lower"])), " ",
      r.choice(["brought in the home med list.", "requests a call back after 5.", "is the primary contact."]), "\n")


def _prior_stay(n: Note, c: Ctx) -> None:
    r = c.rng
    n("Prior admit ", c.h(), " (", c.place(), ") ", c.date(-r.randint(40, 900)), " for ",
      r.choice(["CAP", "NSTEMI", "hip fx", "DKA", "cellulitis"]), "; records requested, fax ", c.phone("FAX"), ".\n")


def _seen_by(n: Note, c: Ctx) -> None:
    r = c.rng
    n("Followed by ", c.doc(form=r.choice(["dr_last", "dr_full", "single", "lower"])), " since ", c.year(), ", ",
      r.choice(["last visit ", "last seen "]), c.date(-r.randint(20, 300), r.choice(["Mon d", "m/d/yy", "Month dth"])),
      ".\n")


def _lookalikes(n: Note, c: Ctx) -> None:
    r = c.rng
    n(r.choice(["Foley d/c'd 0600, voided x2. ", "Apgar 8/9 noted in mom's chart. ", "GCS 15, strength 5/5 x4. ",
                "Hx Parkinson's, on Sinemet 25/100. ", "Graves' disease s/p RAI. ", "Baker's cyst R knee on US. "]),
      r.choice(["Last winter had similar episode. ", "Family visits every Sunday. ", "Plan reviewed Tuesday. ",
                "Pt in rm 412, bed B. ", "Moved to chair 7 at 10:30. ", "Cont Tylenol 650 q6h prn. "]), "\n")


def _phone_relative(n: Note, c: Ctx) -> None:
    r = c.rng
    n("Spoke w/ ", c.rel(), " at ", c.phone(), r.choice([" - updated.", ", left VM.", "; will visit tomorrow."]), "\n")


def _lower_name(n: Note, c: Ctx) -> None:
    r = c.rng
    n("per ", c.name(c.new_person(), "CLINICIAN", "lower"), r.choice([" (pharmacy)", " rn", " from the lab", ""]),
      ", ", c.name(c.pt, "PATIENT", r.choice(["lower", "first", "last"])), " ok to ",
      r.choice(["resume diet.", "go home with family.", "shower.", "have visitors."]), "\n")


def _old_years(n: Note, c: Ctx) -> None:
    r = c.rng
    two_digit = f"{(c.today.year - r.randint(2, 60)) % 100:02d}"
    n(r.choice(["Smoked 1 ppd, quit in ", "Appy in ", "MVA in ", "Moved here from Texas in "]), c.year(), "; ",
      r.choice(["hysterectomy '", "CABG '", "TB exposure '"]), ("YEAR", two_digit), ".\n")


def _age_line(n: Note, c: Ctx) -> None:
    r = c.rng
    if c.age < 18:
        n("Peds pt, weight-based dosing double-checked by 2 RNs.\n")
        return
    n(r.choice(["Pt is a ", "Very pleasant ", "Frail "]), c.age_text(c.age), r.choice(["-year-old", " yo", " y/o"]),
      r.choice([" woman", " man", " widow", " retired farmer"]), r.choice([" from ", " living in "]), c.place(), ".\n")


def _email_url(n: Note, c: Ctx) -> None:
    r = c.rng
    n(r.choice(["Family updates posted at ", "Pt set up a fundraiser: "]), c.url(), r.choice([
        "; ", ". "]), "Contact ", c.email(c.new_person()), ".\n")


def _initials(n: Note, c: Ctx) -> None:
    r = c.rng
    n(r.choice(["Discussed w/ ", "Reviewed with ", "d/w "]), c.doc(form="initials"), " and ",
      c.doc(form=r.choice(["single", "dr_last"])), r.choice(["; agree.", ", will see today.", "."]), "\n")


def _transfer_call(n: Note, c: Ctx) -> None:
    r = c.rng
    n("Transfer center call from ", c.h(), r.choice([" re: ", " about "]),
      r.choice(["STEMI", "GI bleed", "preterm labor 30 wk", "AKI needing HD"]), "; accepting ",
      c.doc(form=r.choice(["dr_last", "dr_full"])), ", ref # ", c.ident("ID_ACCOUNT"), ".\n")


def _discharge_home(n: Note, c: Ctx) -> None:
    r = c.rng
    n(r.choice(["D/c'd home to ", "Home address confirmed: ", "Mail AVS to "]), c.address(one_line=True), ".\n")


def _results(n: Note, c: Ctx) -> None:
    r = c.rng
    n(r.choice(["K 5.9 on repeat", "Trop 0.31", "Lactate 4.2", "Hgb 6.8"]), " (acc ", c.ident("ID_ACCESSION"), "), ",
      c.doc(form=r.choice(["dr_last", "single", "full_cred"])), " notified ", r.choice(["0215", "2340", "0610"]),
      ", read back.\n")


def _device_photo(n: Note, c: Ctx) -> None:
    r = c.rng
    n(r.choice(["Insulin pump (Tandem) SN ", "Home O2 concentrator s/n ", "LifeVest serial "]), c.ident("ID_DEVICE"),
      r.choice([" checked.", " verified w/ pt.", " noted."]), " Photo of ",
      r.choice(["rash", "skin tear L forearm", "IV site"]), " uploaded ", c.ident("ID_PHOTO"), ".\n")


def _guardian(n: Note, c: Ctx) -> None:
    r = c.rng
    g = c.new_person()
    n(r.choice(["Legal guardian ", "Court-appointed guardian ", "Guardian ad litem "]),
      c.name(g, "RELATIVE", r.choice(["full", "last_first", "upper"])), " - ", c.phone(), ", ", c.email(g), "\n")


def _nickname(n: Note, c: Ctx) -> None:
    r = c.rng
    n(r.choice(["Prefers to be called ", "Goes by ", "Pt likes \""]), c.name(c.pt, "PATIENT", "nick"),
      r.choice([".", "\" - staff aware.", "; hard of hearing L ear."]), "\n")


def _pager(n: Note, c: Ctx) -> None:
    r = c.rng
    n("Paged ", c.doc(form=r.choice(["dr_last", "lower", "i_last_cred"])), " at ", c.phone(),
      r.choice([" x2, no callback; ", " - "]), "escalated to ", c.doc(form="dr_last"), " (pgr ", c.phone(), ").\n")


def _summers(n: Note, c: Ctx) -> None:
    r = c.rng
    n("Pt spends ", r.choice(["winters in Arizona", "summers at the lake near ", "spring with family in Ohio"]))
    if n.text.endswith("near "):
        n(c.place())
    n(r.choice(["; returns in May.", ", back next week.", "."]), " Two identifiers verified: name and DOB ",
      c.dob(), ".\n")


def _visitors(n: Note, c: Ctx) -> None:
    r = c.rng
    n("Visitor log: ", c.rel(), ", ", c.rel(), r.choice(["", " (overnight)", "; quiet hours reviewed"]), ".\n")


ENTRIES = [_line_start_name, _possessive, _prior_stay, _seen_by, _lookalikes, _phone_relative, _lower_name,
           _age_line, _email_url, _initials, _old_years, _transfer_call, _discharge_home, _results, _device_photo,
           _guardian, _nickname, _pager, _summers, _visitors]


def addendum(n: Note, c: Ctx) -> None:
    """One late-entry block of 1-4 entries under the note."""
    r = c.rng
    n(r.choice(["\nAddendum ", "\nLate entry ", "\n** ADDENDUM ** ", "\nNursing addendum "]),
      c.date(0, r.choice(["m/d", "mm/dd/yyyy", "Mon d"])), " ", r.choice(["1620", "2110", "0730", "13:05"]), ":\n")
    for entry in r.sample(ENTRIES, r.randint(1, 4)):
        entry(n, c)
