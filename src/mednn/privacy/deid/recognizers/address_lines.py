"""An address written on one line, read by its layout rather than by its street words (places11).

Many countries write an address as parts joined by commas or spaced dashes, in an order that does
not depend on the words in them: the house and street (or a box, a plot, a block) first, then the
locality, then the postcode, then a state or a country ("Sitio Malinis, Brgy. San Roque, Legazpi,
3605", "H.No. 118, Sector 7, Nashik - 230585, Kerala", "P.O. Box 9175 - 40483, Embu", "Blk 150
Tampines St 12 #05-31, Singapore 696681"). The street words of a country the rules do not know (barangay,
sitio, sector, extension, layout ...) need no list: where a line is an address, its parts say what they are.

A line is an address where an address label opens it ("Address:", "Home address:", "ADDRESS OF HCI:"),
or where parts that open with a house number after a comma, a field's colon or "to / at / from" end in a
postcode ("leaflet posted to 28 Bridge St Upper, <town>, Co. Offaly, <Eircode>."). Then:

* a part shaped like a postcode (see ``places.LAST_POSTCODE``) is a ZIP;
* the locality is the words-only part next to the postcode: before it, or after it when a box or a street
  stands before it ("P.O. Box 9175 - 40483, Embu"); a state, a province, an Irish county or a country is
  not PHI and is passed over (places12: also the region the addresses of India, the Philippines or Malaysia
  name between the town and the postcode, "..., <town>, Karnataka - 560 034": the town is then the part before
  the region), except a country standing straight after the street with the postcode (a city-state: "...,
  #02-01, Singapore 114646");
* the parts before the locality are the street (ADDRESS).

Without a postcode only a labelled value that opens with a number or a house's unit word is read, and its
last words-only part that is no state is the locality ("ADDRESS: PLOT 7, TRANS-EKULU LAYOUT, NSUKKA, ...").
"""

from __future__ import annotations

import re

from ..patterns import US_STATE_CODES, US_STATE_NAMES
from ..spans import KEEP
from ..vocabulary import Lexicon
from ..words import casing, line_at
from . import recognizer
from .hospitals import BOUNDARY
from .places import COUNTRIES, FOREIGN_POSTCODE, LAST_POSTCODE, REGIONS, STREET_ONLY, US_STATES_LOWER, all_clinical

# the label of an address field at a line's start or after a bar (or "address:" inside a line: "paired to
# home address: ..."), and its value to the line's end, a bar or a wide gap before the next field
LABEL_RE = re.compile(
    r"(?m:(?:(?:^|\|)[ \t]*(?!(?i:e-?mail|ip|web|mac|internet|url)\b)(?:[A-Za-z'’]+[ \t]+){0,2}"
    r"|(?<=[ \t])(?<!(?i:ip) )(?<!(?i:mail) ))(?i:address|addr\.?)(?:[ \t]+(?i:of|for)[ \t]+[A-Za-z.]{1,12})?"
    r"[ \t]*:[ \t]*(?P<value>[^\n|\t]+?)(?=[ \t]*(?:$|\||\t|[ \t]{3,})))")
# elsewhere, a run of parts that opens with a house after a field's colon, a comma or a place word ("sent to",
# "From: <institution> tissue bank, No. 9, <street>, <town> - <PIN>, <state>"), to the end of its sentence;
# read only where it ends in a postcode
UNLABELLED_RE = re.compile(
    # (places12) or opening a line (a letterhead's "<house> <street>, <town>, <postcode>"), or after "address"
    # without its colon ("may head to home address <house> ...")
    # (places13) or after "home" ("...; home 12 <street>, <town>, <PIN>; emergency contact ..."), a list item's
    # dash ("2. <name> -- 12 <street>, <town> 03431 -- tel ...") or a form's wide gap ("DOB 05/28/1986  3 <street>, ...")
    r"(?:(?:^|(?<=\n))[ \t]*|(?:[,:;]|[-–]{1,2}|\b(?i:to|at|from|address|home))[ \t]+|(?<=\S)[ \t]{2,})"
    r"(?P<value>(?:(?i:apt|apartment|flat|unit|no|h\.?[ \t]*no|plot|blk|block)\.?[ \t]*\d|\d)[^\n|\t]*?)"
    # (an abbreviation's full stop does not end it: "Co. Offaly" goes on)
    # (places13: two spaces end it too, as a form's next field: "<house>, <town>, MN 56001  Cell ...")
    r"(?=(?<![ \t.](?:Co|CO|co|St|ST|st|Rd|RD|rd|Mt|MT|mt|No|NO|no))\.(?:\s|$)|;|\n|$|\||\t|[ \t]{2})")
_US_STATES = "|".join(sorted(US_STATE_CODES, key=len, reverse=True)
                      + [n.replace(" ", r"[ \t]+") for n in US_STATE_NAMES])
_YEAR = re.compile(r"(?:19|20)\d\d")
_POSTCODE = re.compile(rf"(?:{LAST_POSTCODE}|{FOREIGN_POSTCODE})")
# (places13) a doubled dash is one separator ("<house>, <town> <ZIP> -- tel ...")
_SEPARATOR = re.compile(r"[ \t]*(?:,|[-–]{1,2}(?=[ \t]))[ \t]*")
# a region's words ("SA", "Co. Offaly", "County Galway", "Ontario"), a US state, a country, "X State"
_COUNTRY = re.compile(rf"{COUNTRIES}")
_REGION = re.compile(
    rf"(?i:{REGIONS}|{COUNTRIES}|[a-z]+(?:[ \t]+[a-z]+)?[ \t]+(?:state|province|region|district))\.?")
# a value opening with a number or a house's unit word is a house ("12 ...", "H.No. 118", "Plot 7", "Blk 150")
_COUNTY = re.compile(r"(?i:co\.?|county)[ \t]")
_HOUSE_START = re.compile(r"(?i:\d|(?:h\.?[ \t]*no|house[ \t]+no|no|plot|blk|block|flat|apt|apartment|unit|lot|door|"
                          r"p\.?[ \t]?o\.?[ \t]+box|box|private[ \t]+bag)\.?[ \t]*\d)")
_WORDS = re.compile(r"[A-Za-z][A-Za-z.'’\-]*(?:[ \t]+[A-Za-z][A-Za-z.'’\-]*){0,3}")


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) of each part of ``text[start:end]`` between commas and spaced dashes."""
    parts, at = [], start
    while at < end:
        sep = _SEPARATOR.search(text, at, end)
        stop = sep.start() if sep else end
        if text[at:stop].strip():
            parts.append((at, stop))
        if sep is None:
            break
        at = max(sep.end(), at + 1)
    return parts


def _region(words: str) -> bool:
    return bool(_REGION.fullmatch(words)) or words.lower() in US_STATES_LOWER


def _locality(text: str, part: tuple[int, int], lexicon: Lexicon, strict: bool = True) -> bool:
    """A part of words alone that may name a town: no region, no clause word, not only clinical words, and
    (``strict``: before bare digits, which may be anything) capitalised where its line has capitals."""
    words = text[part[0]:part[1]]
    if (not _WORDS.fullmatch(words) or _region(words) or words.split()[0].lower() in BOUNDARY
            or all_clinical(words, lexicon)):
        return False
    return not strict or casing(line_at(text, part[0])) != "mixed" or words[0].isupper()


def _read(text: str, start: int, end: int, lexicon: Lexicon, labelled: bool) -> list[tuple[int, int, str]]:
    parts = _parts(text, start, end)
    if len(parts) < 2:
        return []
    house = bool(_HOUSE_START.match(text, parts[0][0]))
    spans: list[tuple[int, int, str]] = []
    town = None
    for i, (a, b) in enumerate(parts):
        if i == 0:
            continue
        code = _POSTCODE.fullmatch(text, a, b)
        if code is None:
            # a locality and a postcode in one part: "Singapore 696681", "Gympie SA 6939"
            last = re.search(rf"[ \t]+(?P<z>{_POSTCODE.pattern})$", text[a:b])
            if last is None or not _WORDS.fullmatch(text, a, a + last.start()):
                continue
            spans.append((a + last.start("z"), b, "ZIP"))
            strict = last.group("z").replace(" ", "").isdigit()
            words = text[a:a + last.start()]
            bare = re.sub(rf"(?:[ \t]+(?i:{REGIONS}|{_US_STATES}))\.?$", "", words)  # "Gympie SA" -> "Gympie"
            if _COUNTRY.fullmatch(bare) and re.search(r"\d", text[parts[i - 1][0]:parts[i - 1][1]]):
                town = (a, a + len(bare))  # a city-state right after its street (its own locality)
            elif bare != words or not _region(bare):
                town = (a, a + len(bare)) if _locality(text, (a, a + len(bare)), lexicon, strict) else None
            kept = [(a + len(bare), a + last.start())] if bare != words else [] if town else [(a, a + len(bare))]
            if town is None and _locality(text, parts[i - 1], lexicon, strict) and i > 1:
                town = parts[i - 1]
        else:
            spans.append((a, b, "ZIP"))
            strict = code.group().replace(" ", "").isdigit()
            before = [j for j in range(i - 1, 0, -1) if not _region(text[parts[j][0]:parts[j][1]])][:1]
            kept = parts[before[0] + 1:i] if before else []
            if before and _locality(text, parts[before[0]], lexicon, strict):
                town = parts[before[0]]
            elif i + 1 < len(parts) and _locality(text, parts[i + 1], lexicon, strict):
                town = parts[i + 1]
        break
    else:
        if not (labelled and house):
            return []
        towns = [p for p in parts[1:] if _locality(text, p, lexicon)]
        town, kept = (towns[-1] if towns else None), []
    # (places12) a region or a country passed over is kept (not PHI, and no other finding may take it for a name);
    # with no locality beside it, a labelled house and its postcode are still an address ("Singapore 536734")
    # (an Irish county is passed over but not kept: some writers count it a place, and the allow-list does not
    # know it; nor is a state after the postcode, "..., Nashik - 439 558, Kerala", which the line has already ended)
    kept = [(x, y) for x, y in kept if text[x:y].strip() and not _COUNTY.match(text, x, y)]
    if not (house or labelled) or (town is None and not (kept and house and labelled)):
        return []  # no locality, no address (a value the label opens may start with its street's name)
    spans += [(x, y, KEEP) for x, y in kept]
    if town is not None:
        spans.append((town[0], town[1], "LOCATION"))
    # the street: the parts before the locality, a region or the postcode, whichever comes first
    boundary = min(([town[0]] if town else []) + [a for a, _, t in spans if t in ("ZIP", KEEP)], default=end)
    street_end = max((b for _, b in parts if b <= boundary), default=None)
    if street_end is not None:
        spans.append((parts[0][0], street_end, "ADDRESS"))
    return spans


# (places13) a road known by its number is a street's name after a house number ("356 Route 9", "12 County Road 4")
NUMBERED_ROAD = re.compile(r"(?i:\b(?:route|rte|highway|hwy|state[ \t]+route|county[ \t]+road|sr|cr)[ \t]*\d{1,4}[A-Za-z]?$)")
# a house: its number (never a clock time, "0600") and at least one word of its street or block
_HOUSE_PART = re.compile(r"(?i:(?:apt|apartment|flat|unit|no|h\.?[ \t]*no|plot|blk|block)\.?[ \t]*\d+[A-Za-z]?"
                         r"|(?![01]\d[0-5]\d\b|2[0-3][0-5]\d\b)\d{1,6}[A-Za-z]?(?:[ \t/\-]\d+)?[ \t]+[A-Za-z])")


def _unlabelled_ok(text: str, found: list[tuple[int, int, str]], lexicon: Lexicon) -> bool:
    """Without a label the parts must read as an address on their own: a house (a number and its street's
    words, a few words before the first comma, no bracket), a locality that opens and ends with no clause word
    ("DUE TO VOID BY"), and a postcode with letters, at least three parts (street, locality, postcode) or a
    street's type ("96 WOMAN, MRN 5531" is a patient and a number); four digits of a year after a date's comma
    are no postcode ("(LMP Jan 7, 2025, EDD")."""
    kinds = {t: (a, b) for a, b, t in found}
    if not {"ADDRESS", "ZIP", "LOCATION"} <= kinds.keys():
        return False
    street, code, town = (text[slice(*kinds[t])] for t in ("ADDRESS", "ZIP", "LOCATION"))
    # (a number shaped like a clock time is a house only before a street's type: "1632 Harbour View Tce")
    house = _HOUSE_PART.match(street) or (re.match(r"\d{4}[ \t]+[A-Za-z]", street) and STREET_ONLY.search(street))
    if not house or len(street.split(",")[0].split()) > 9 or "(" in street:
        return False
    words = town.split()
    if words[-1].lower() in BOUNDARY or _YEAR.fullmatch(code):
        return False  # ("Thornaby on Wold" holds one inside)
    first, last = min(a for a, _, _ in found), max(b for _, b, _ in found)
    return (bool(re.search(r"[A-Za-z]", code)) or len(_parts(text, first, last)) >= 3
            or STREET_ONLY.search(street) is not None or NUMBERED_ROAD.search(street) is not None)


# (places12) a letterhead's address stacked on three lines: the house and street, the town, a postcode with letters
# (British, Irish, Canadian: "226 Ropewalk\n<town>\nFH4 4ZC"); no street type is needed where such a postcode
# closes the block. (places13) A unit may open the house line without its comma ("Apt 5 12 <street>"), a region may
# stand on its own line between the town and the postcode ("<town>\nCornwall\nTR1 3LJ", "<town>\nOyo State\n200284"),
# a state's code before it ("<town>\nWA 6230"); a postcode of bare digits closes the block where the house line
# names its street's type (or a numbered road) or a region or a state stands before it.
STACKED_RE = re.compile(
    r"(?m:^[ \t]*(?P<house>(?:(?i:apt|flat|unit)\.?[ \t]*\d{1,4}[A-Za-z]?,?[ \t]*|(?i:blk|block)\.?[ \t]*)?\d{1,5}[A-Za-z]?[ \t]+"
    # (a street's number and a Singapore unit may end it: "... West St 64 #12-449")
    r"[^\W\d_](?:[^\W\d_]|['’.\- ]){1,40}?(?:[ \t]+\d{1,4})?(?:[ \t]+#\d{1,3}-\d{1,4})?)[ \t]*,?[ \t]*\n"
    r"[ \t]*(?P<town>[A-Za-z][A-Za-z'’.\-]*(?:[ \t]+[A-Za-z][A-Za-z'’.\-]*){0,3})[ \t]*,?[ \t]*\n"
    r"(?:[ \t]*(?P<region>[A-Za-z][A-Za-z'’.\-]*(?:[ \t]+[A-Za-z][A-Za-z'’.\-]*){0,2})[ \t]*,?[ \t]*\n)?"
    rf"[ \t]*(?:(?P<state>[A-Z]{{2,3}})[ \t]+)?(?P<zip>{_POSTCODE.pattern})[ \t]*$)")


def _stacked(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    spans = []
    for m in STACKED_RE.finditer(text):
        region, state = m.group("region"), m.group("state")
        if state and not _region(state):
            continue
        if region and not (_region(region) or _COUNTY_NAME.fullmatch(region)):
            continue  # three lines of words: a name, a title, a department over a number is no address
        lettered = re.search(r"[A-Za-z]", m.group("zip")) is not None
        street = STREET_ONLY.search(m.group("house")) or NUMBERED_ROAD.search(m.group("house"))
        # (a street's type or a numbered road makes a house of clinical-looking words: "309 Bank Street", "12 Route 9")
        if not (lettered or street or region or state) or len(m.group("house").split()) > 7 \
                or (all_clinical(m.group("house"), lexicon) and not street) \
                or not _locality(text, m.span("town"), lexicon, False):
            continue
        spans += [(*m.span("house"), "ADDRESS"), (*m.span("town"), "LOCATION"), (*m.span("zip"), "ZIP")]
        spans += [(*m.span(g), KEEP) for g in ("region", "state") if m.group(g) and _region(m.group(g))]
    for m in STACKED_US_RE.finditer(text):
        if len(m.group("house").split()) <= 7 and (
                STREET_ONLY.search(m.group("house")) or NUMBERED_ROAD.search(m.group("house"))):
            spans.append((*m.span("house"), "ADDRESS"))
    return spans


# (places13) the line above a US address's last line "<town>, <ST> <ZIP>" is its street when it opens with a house number
# and names a street's type or a numbered road ("121 ROUTE 9\nKEENE, NH 03431")
STACKED_US_RE = re.compile(
    r"(?m:^[ \t]*(?P<house>\d{1,6}[A-Za-z]?[ \t]+[A-Za-z][A-Za-z0-9'’.\- ]{1,40}?)[ \t]*,?[ \t]*\n"
    rf"[ \t]*[A-Za-z][A-Za-z'’.\- ]{{1,30}},?[ \t]+(?i:{_US_STATES})\.?,?[ \t]+\d{{5}}(?:-\d{{4}})?\b)")
# an English, Welsh or Scottish county standing as a region line (kept: not PHI beside the town, as a state is)
_COUNTY_NAME = re.compile(r"(?i:[a-z]+shire|cornwall|cumbria|devon|dorset|durham|essex|kent|norfolk|suffolk|surrey|"
                          r"northumberland|rutland|somerset|fife|[a-z]+[ \t]+(?:state|province|region|district|county))")


@recognizer("address-lines", "ADDRESS", "LOCATION", "ZIP", languages=("en",))
def find_address_lines(text: str, lexicon: Lexicon):
    spans = _stacked(text, lexicon)
    for m in LABEL_RE.finditer(text):
        spans += _read(text, m.start("value"), m.end("value"), lexicon, labelled=True)
    for m in UNLABELLED_RE.finditer(text):
        found = _read(text, m.start("value"), m.end("value"), lexicon, labelled=False)
        if found and _unlabelled_ok(text, found, lexicon):
            spans += found
    return spans
