"""Word lists shipped with mednn, shared by the table screen (:mod:`mednn.data.identifiers`)
and the text de-identifier (:mod:`mednn.privacy.deid`).

* ``names.json``: common US first and last names (1990 Census, public domain) and the names that
  are also ordinary words ("ambiguous"); regenerate with :mod:`.generate_names`.
* ``vocabulary-<lang>.txt.gz``: words known to be safe clinical or everyday vocabulary (the
  allow-list); regenerate with :mod:`.generate_vocabulary`.
* ``not-identifying-<lang>.txt``: capitalised words that are never identifiers on their own
  (countries, nationalities, genera, drug brands; written for mednn).
* US state names and postal codes (facts, written here).

Everything is read lazily and cached; nothing is downloaded.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).parent

US_STATE_CODES: tuple[str, ...] = tuple(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM "
    "NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP FM MH PW AA AE AP".split()
)
US_STATE_NAMES: tuple[str, ...] = tuple(
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|"
    "Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|"
    "Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|"
    "New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|"
    "South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|"
    "Wisconsin|Wyoming".split("|")
)


class NameLists(NamedTuple):
    first: frozenset[str]
    last: frozenset[str]
    ambiguous: frozenset[str]


@lru_cache(maxsize=1)
def name_lists() -> NameLists:
    """The shipped first / last names (title case) and the ambiguous ones among them."""
    data = json.loads((HERE / "names.json").read_text(encoding="utf-8"))
    return NameLists(frozenset(data["first"]), frozenset(data["last"]), frozenset(data["ambiguous"]))


@lru_cache(maxsize=4)
def not_identifying(language: str = "en") -> frozenset[str]:
    """Capitalised words that are never identifiers on their own (countries, nationalities,
    genera, drug brands, holidays): ``not-identifying-<lang>.txt``, empty if none is shipped."""
    path = HERE / f"not-identifying-{language}.txt"
    if not path.is_file():
        return frozenset()
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    words = {word for line in lines for word in line.split()}
    if language == "en":  # US states of one word that are no listed names (Safe Harbor lets a state stay)
        first, last, _ = name_lists()
        words |= {s for s in US_STATE_NAMES if " " not in s and s not in first and s not in last}
    return frozenset(words)


class Vocabulary(NamedTuple):
    safe: frozenset[str]  # lower-case words known to be ordinary language
    core: frozenset[str]  # the clinical part of it (typos are read against these)
    name_words: frozenset[str]  # listed names that are also dictionary words ("smith", "porter")


@lru_cache(maxsize=4)
def vocabulary(language: str = "en") -> Vocabulary:
    """The shipped allow-list of ``language`` (empty sets if none is shipped)."""
    path = HERE / f"vocabulary-{language}.txt.gz"
    if not path.is_file():
        return Vocabulary(frozenset(), frozenset(), frozenset())
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        lines = [line.strip() for line in fh if line.strip() and not line.startswith("#")]
    core = frozenset(w[1:] for w in lines if w.startswith("+"))
    return Vocabulary(frozenset(w for w in lines if w[0] not in "+=") | core, core,
                      frozenset(w[1:] for w in lines if w.startswith("=")))
