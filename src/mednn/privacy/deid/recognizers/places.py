"""Places smaller than a state: street addresses (US, military, post-office boxes) and ZIP codes."""

from __future__ import annotations

import re

from ..patterns import LO, MONTHS, STATE, SUFFIXES, TITLES, UP, US_STATE_CODES, US_STATE_NAMES, WORD
from ..vocabulary import Lexicon
from ..spans import KEEP
from . import recognizer
from .machine_places import dicom_places, x12_places
from .hospitals import BOUNDARY

# (places6) street types of Australia, New Zealand and Britain that US suffixes lack ("13 Washington Parade")
SUFFIXES = SUFFIXES + "|Parade|Pde|Esplanade|Quay|Rise|Wynd|Chase"
# (places7) and of India ("Marg" is road, "Nagar" a quarter's street: "2049 Grant Marg")
SUFFIXES = SUFFIXES + "|Marg|Nagar|Salai"

_UNIT = r"(?:,?\s+(?:Apt|Apartment|Suite|Ste|Unit|Room|Rm|Fl|Floor|Bldg|Building|Lot|Trlr|Trailer|Spc|#)\.?\s*#?\s*[A-Za-z0-9\-]{1,6})"
# "40 MEQ KCL VIA OGT", "2 G MAG VIA PIV": a dose before a route is not a house number
_NOT_A_DOSE = r"(?!(?i:mg|mcg|meq|mmol|g|gm|grams?|ml|cc|l|units?|u|iu|tabs?|tablets?|caps?|puffs?|drops?|amps?|vials?|bags?)\b)"
# "GOAL 88-92 PER DR SMITH", "AT 0915 BY DR. KENNA": a word that links a number to a doctor, not a street
# "2 LAPS AROUND NURSES STATION": a count of something, then where
_NOT_A_STREET_WORD = (r"(?!(?i:per|by|with|to|from|and|or|at|see|call|called|paged|for|w|via|of|on|in|around|into|onto|"
                      r"about|after|before|than|more|times|laps?)\b)")
# (places10) an Australian unit before its street number, "Unit 9/39", "2/113" (a unit of a block on a street;
# never a blood pressure: "BP 120/80 Kerr Dr ...")
_UNIT_SLASH = r"(?:\b(?i:unit|flat|apt|apartment|villa|shop|townhouse)\.?[ \t]+\d{1,4}[A-Za-z]?/|(?<![/\d.\-\w])(?<![Bb][Pp] )\d{1,3}[A-Za-z]?/(?=\d))"
_STREET = (
    rf"(?:{_UNIT_SLASH}|(?<![/\d.\-])\b)\d{{1,6}}[A-Za-z]?(?:-\d{{1,4}})?[ \t]+{_NOT_A_DOSE}(?:[NSEW]\.?[ \t]+|(?:North|South|East|West|N\.?E\.?|N\.?W\.?|S\.?E\.?|S\.?W\.?)[ \t]+)?"
    rf"(?:{_NOT_A_STREET_WORD}(?:\d{{1,3}}(?i:st|nd|rd|th)|[{UP}][{LO}'\-]+|[{UP}]{{2,}})[ \t]+){{1,4}}"
    rf"(?:(?:{SUFFIXES})s?|{SUFFIXES.upper()})\b\.?(?:[ \t]+(?:[NSEW]|NE|NW|SE|SW)\b\.?)?{_UNIT}?"
)
_TOWN_WORD = rf"[{UP}](?:[{LO}.'\-]+|[{UP}.'\-]+)"
# "FLORIDA" in a note in capitals; "Mass." (Massachusetts as the post once wrote it)
_STATE_ANY_CASE = "(?:" + STATE + "|(?i:" + "|".join(US_STATE_NAMES) + ")|Mass|MASS)"
_CITY_STATE_ZIP = (rf"(?P<town>{_TOWN_WORD}(?:[ \t]+{_TOWN_WORD}){{0,3}}),?\s+{_STATE_ANY_CASE}\.?,?\s+"
                   rf"(?P<zip>\d{{5}}(?:-\d{{4}})?)\b(?![\-/]\d)")  # "JOB ID 00963-32" is no ZIP+4
# the street, its town and its ZIP code are three spans (the state between them is not PHI)
ADDRESS_RE = re.compile(rf"(?P<street>{_STREET})(?:,?[ \t]*\n?[ \t]*{_CITY_STATE_ZIP})?")
CSZ_RE = re.compile(rf"\b{_CITY_STATE_ZIP}")
MILITARY_RE = re.compile(
    r"\b(?:PSC|Unit|CMR)\s+\d{4},?\s+Box\s+\d{4}(?:,?\s*\n?\s*(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5})?"
    rf"|\b(?:USNS|USNV|USS|USCGC)\s+{WORD}(?:,?\s*\n?\s*(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{{5}})?"
    r"|\b(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5}\b"
)
# (places5 pass) and a rural route's box: "rr 9 box 295", "Rural Route 2, Box 14", "HC 61 Box 7"
PO_BOX_RE = re.compile(r"\b(?i:p\.?\s?o\.?\s+box|post\s+office\s+box|rmb|private\s+bag|locked\s+bag)\s+\d{1,6}"
                       r"|\b(?i:rr|r\.r\.|rural\s+route|hc|star\s+route)[ \t]*#?[ \t]*\d{1,3},?[ \t]+(?i:box)[ \t]*#?[ \t]*\d{1,6}"
                       # (places10) a rural route spelled out is an address without its box ("mail c/o Rural Route 5")
                       r"|\b(?i:rural[ \t]+route)[ \t]*#?[ \t]*\d{1,3}\b")
ZIP_RE = re.compile(
    rf"\b(?i:zip|zip\s*code|postal\s+code|postcode)\s*[:#]?\s*(?P<v>\d{{5}}(?:-\d{{4}})?)\b"
    rf"|\b(?:{STATE}|Mass|MASS)\.?,?\s+(?P<w>\d{{5}}(?:-\d{{4}})?)\b"
    r"|(?<![\d\-])(?P<x>\d{5}-\d{4})(?![\d\-])"
    # a ZIP code after a town without a state: "Lowell 01852", "PORT LARRYLAND 10371"
    rf"|(?P<town>[{UP}][{UP}{LO}]+),?[ \t]+(?P<y>\d{{5}})(?![\d\-/]|\.\d|[ \t]*(?i:mg|ml|cc|units?|u\b|cells|/|%|x\b|copies|iu))"
    # since 2026-12-07 (hosp4): after a state's name in any casing ("paducah, maine 13277"), and
    # after the town that follows a post-office box ("po box 990, marquette 27178")
    rf"|\b(?i:{'|'.join(US_STATE_NAMES)})\.?,?[ \t]+(?P<z>\d{{5}}(?:-\d{{4}})?)(?![\d\-])"
    r"|(?i:\bp\.?\s?o\.?\s+box|post\s+office\s+box)\s+\d{1,6},[ \t]*[A-Za-z'\-]+(?:[ \t]+[A-Za-z'\-]+){0,2},?[ \t]+(?P<b>\d{5})(?![\d\-])"
)



# the town after a street with no state or ZIP, up to the line's end, a full stop or a state:
# "7165 Melissa Isle, Fall River", "647 THOMAS STREAM, REVERE. SON ...", "..., Port Jervis, Mass."
TOWN_AFTER_STREET_RE = re.compile(
    rf",[ \t]*(?P<t>[{UP}][{LO}'\-]+(?:[ \t]+[{UP}][{LO}'\-]+){{0,2}}|[{UP}]{{2,}}(?:[ \t]+[{UP}]{{2,}}){{0,2}})"
    # (places12) or a wide gap before the next field ("200 W Depot St, <town>  fax ...", an addressograph's two
    # columns "2280 Larkspur Trl, <town>         6245 ...")
    rf"(?=[ \t]*(?:$|\n|\.(?:\s|$)|,[ \t]*(?:{STATE}|Mass)\b)|[ \t]{{2}}|\t)")


# -- in any casing ---------------------------------------------------------------------------------
# A street in a note written all in capitals or all in lower case has no capitals to go by
# ("7038 brett drives apt. 943", "STUDIO 14Z, SMITH SQUARES"), so it is taken only where an
# address's layout or a cue says it is one: a town with a ZIP or a state after it, a line of its
# own (a letterhead), a town ending the clause after a comma, or "lives at" / "address updated to".
_ANY_WORD = rf"{_NOT_A_STREET_WORD}(?:\d{{1,3}}(?i:st|nd|rd|th)|[A-Za-z][A-Za-z'\-]+)"
_ANY_SUFFIX = rf"(?i:(?:{SUFFIXES})s?)\b\.?(?:[ \t]+(?i:[NSEW]|NE|NW|SE|SW)\b\.?)?(?i:{_UNIT})?"
# "Flat 13M, Dawn Mill", "Studio 21f, Toby Inlet": a flat before its building or street (British)
_FLAT = rf"(?i:flat|studio|apartment|apt\.?)[ \t]+\d{{1,4}}[A-Za-z]?,[ \t]*(?:{_ANY_WORD}[ \t]+){{1,3}}{_ANY_SUFFIX}"
ANY_STREET_RE = re.compile(
    rf"(?:{_UNIT_SLASH}|(?<![/\d.\-\w]))(?:\d{{1,6}}[A-Za-z]?(?:-\d{{1,4}})?[ \t]+{_NOT_A_DOSE}(?:(?i:[nsew])\.?[ \t]+)?(?:{_ANY_WORD}[ \t]+){{1,4}}{_ANY_SUFFIX}|{_FLAT})"
    r"(?![\w\-])")
_ANY_TOWN_WORD = r"(?:(?i:st|mt|ft|pt)\.|[A-Za-z][A-Za-z'\-]+)"  # "st. johnsbury", never "revere. son"
_ANY_TOWN = rf"(?P<town>{_ANY_TOWN_WORD}(?:[ \t]+{_ANY_TOWN_WORD}){{0,3}}?)"
_ANY_STATE = "(?:" + STATE + "|(?i:" + "|".join(US_STATE_NAMES) + "|mass|[a-z]{2}))"
# after the street: ", Town, ST 12345", "\nTown 12345", ", Town." / ", Town" at the line's end
AFTER_STREET_RE = re.compile(
    rf",?[ \t]*\n?[ \t]*{_ANY_TOWN}(?:(?P<state>,?[ \t]+{_ANY_STATE}\.?,?)?(?:[ \t]+|[ \t]*\n[ \t]*)(?P<zip>\d{{5}}(?:-\d{{4}})?)(?![\d\-])"
    r"|(?<=\w)(?=[ \t]*(?:$|\n|\.(?:\s|$)|,[ \t]*(?:" + STATE + r"|(?i:mass|[a-z]{2}\b)))|[ \t]{2}|\t))")
ADDRESS_CUE_RE = re.compile(r"(?i:\b(?:(?:lives|living|resides|residing|lived|staying)(?:[ \t]+alone)?[ \t]+at|"
                            r"address(?:[ \t]+(?:updated[ \t]+to|changed[ \t]+to|is))?[ \t]*:?|grew[ \t]+up[ \t]+on|"
                            r"moved[ \t]+to|relocated[ \t]+to)[ \t]+)$")


def _single_case(value: str) -> bool:
    return value == value.upper() or value == value.lower()


# suffixes that name nothing but a street: a line "2 mechanical falls" is no address, "51 swords street" is
STREET_ONLY = re.compile(r"(?i:\b(?:street|st|avenue|ave|road|rd|drive|dr|lane|ln|boulevard|blvd|court|ct|terrace|tce|"
                          r"circle|parkway|pkwy|highway|hwy|place|way)s?\b"
                          # (places12) a street named in one word by a Dutch, Afrikaans, German or Nordic suffix
                          # ("Kerkstraat", "Hauptstrasse", "Eikelaan", "Storgatan")
                          r"|[a-z]{3,}(?:straat|strasse|straße|laan|weg|gasse|plein|gracht|vej|gatan|gata|veien))\b")


def all_clinical(words: str, lexicon: Lexicon) -> bool:
    """Every word is clinical vocabulary ("mechanical falls", "no loc"): no street, no town."""
    return all(w.lower() in lexicon.core for w in re.findall(r"[A-Za-z']+", words) if not w[0].isdigit())


# (places12) the first-level regions (states, provinces, union territories) of India, Pakistan, the Philippines,
# Malaysia and South Africa, whose addresses write the region between the town and the postcode as US ones write
# a state; Safe Harbor keeps a state, so these are passed over as a state is. A region that is also the name of a
# city (Delhi, Cebu, Iloilo, Batangas, Melaka, Kuala Lumpur ...) is left out: there it may be the town itself.
FOREIGN_STATES = "|".join(name.replace(" ", r"[ \t]+") for name in """
andhra pradesh|arunachal pradesh|assam|bihar|chhattisgarh|goa|gujarat|haryana|himachal pradesh|jharkhand|karnataka|
kerala|madhya pradesh|maharashtra|manipur|meghalaya|mizoram|nagaland|odisha|orissa|punjab|rajasthan|sikkim|
tamil nadu|telangana|tripura|uttar pradesh|uttarakhand|uttaranchal|west bengal|jammu and kashmir|ladakh|
lakshadweep|andaman and nicobar islands|sindh|khyber pakhtunkhwa|balochistan|gilgit-baltistan|azad kashmir|
abra|agusan del norte|agusan del sur|aklan|albay|antique|apayao|basilan|bataan|batanes|benguet|biliran|bohol|
bukidnon|bulacan|cagayan|camarines norte|camarines sur|camiguin|capiz|catanduanes|davao de oro|davao del norte|
davao del sur|davao occidental|davao oriental|dinagat islands|eastern samar|guimaras|ifugao|ilocos norte|
ilocos sur|kalinga|la union|laguna|lanao del norte|lanao del sur|leyte|maguindanao|marinduque|misamis occidental|
misamis oriental|mountain province|negros occidental|negros oriental|northern samar|nueva ecija|nueva vizcaya|
occidental mindoro|oriental mindoro|palawan|pampanga|pangasinan|quirino|romblon|samar|sarangani|siquijor|
south cotabato|southern leyte|sultan kudarat|sulu|surigao del norte|surigao del sur|tawi-tawi|zambales|
zamboanga del norte|zamboanga del sur|zamboanga sibugay|metro manila|johor|kedah|kelantan|negeri sembilan|pahang|
pulau pinang|perak|perlis|sabah|sarawak|selangor|terengganu|gauteng|western cape|eastern cape|northern cape|
kwazulu-natal|limpopo|mpumalanga|north west""".replace("\n", "").split("|"))
# (places6) the last line of an address outside the US, after a street or a box, in any casing: the town,
# a state or province, a postcode ("..., Emu Plains West QLD 4831", "..., Lac-aux-Cedres Nunavut X7E1S8",
# "..., Port Kereru 4525" at the line's end, "..., Upper Snodsbury BT10 9ZF")
REGIONS = ("nsw|vic|qld|sa|wa|tas|nt|act|ab|bc|mb|nb|nl|ns|nu|on|pe|qc|sk|yt|nunavut|ontario|quebec|manitoba|alberta|"
            "saskatchewan|yukon|british\\s+columbia|nova\\s+scotia|new\\s+brunswick|newfoundland(?:\\s+and\\s+labrador)?|"
            "prince\\s+edward\\s+island|northwest\\s+territories|"
            # (places10) an Irish county before the Eircode ("..., Lakefield, Co. Mayo, P58 X5Y6"), a county of Britain
            "co\\.?[ \t]+[a-z]+|county[ \t]+[a-z]+|"
            # (places12) a region named by its kind ("Kwara State", "Western Province", "Ashanti Region", "Federal
            # Capital Territory"), and the first-level regions of the countries whose addresses name them beside
            # the postcode ("..., <town>, Karnataka - 560 034", "..., <town>, Capiz 5800"; a state is no PHI)
            r"(?:[a-z]+[ \t]+){1,2}(?:state|province|region|territory)|" + FOREIGN_STATES)
# (places8) after a street and a town any two letters end a British postcode ("Dunmere XZ7 0KB": the post leaves out
# C I K M O V, a writer or a form need not)
FOREIGN_POSTCODE = (r"(?i:[abceghj-nprstvxy]\d[abceghj-nprstv-z][ \-]?\d[abceghj-nprstv-z]\d"  # Canada
                     r"|[a-z]{1,2}\d[a-z\d]?[ \t]\d[a-z]{2})")  # UK
# (places7) where an address's last line ends in it, a postcode of any country's shape: a Canadian one with
# letters the post leaves out or two spaces (typed or read by OCR: "C2W 5F9", "N9O  3X1"), an Irish Eircode
# ("T54 L6W8", "D6W XY12"), an Indian PIN or a Singapore postcode ("642 729", "560034", "729389"), four digits
# (Australia, New Zealand, South Africa, Denmark ...)
# (places8) and a US ZIP code after a rural route's box or a street and a town without a state ("rr 2 box 79,
# drumcliffe 40033", "3201 Larkspur Blvd, Grace Falls 26422-3538")
LAST_POSTCODE = (r"(?i:[a-z]\d[a-z][ \t]{0,2}\d[a-z]\d|[a-z]\d[\dw][ \t]?(?=[a-z\d]{0,3}[a-z])[a-z\d]{4})"
                  r"|\d{5}(?:-\d{4})?|[1-9]\d{2}[ \t]?\d{3}|\d{4}")
# a country after the town or region is no PHI either ("Geelong, Australia, 7904")
COUNTRIES = (r"(?i:australia|new\s+zealand|nz|ireland|india|singapore|south\s+africa|rsa|canada|scotland|england|"
              r"wales|northern\s+ireland|uk|united\s+kingdom)")
FOREIGN_TOWN_POSTCODE_RE = re.compile(
    # (places10) a postcode may stand on the next line ("..., Hope Cove,\nBT16 8GC")
    r",?[ \t]*\n?[ \t]*(?P<town>[A-Za-z][A-Za-z'\-]+(?:[ \t]+[A-Za-z][A-Za-z'\-]+){0,3}?),?(?:[ \t]+|[ \t]*\n[ \t]*)"
    rf"(?:(?P<state>(?i:{REGIONS})\.?(?:,?[ \t]+{COUNTRIES})?|{COUNTRIES})\.?,?[ \t]+(?P<zip>\d{{4}}|{FOREIGN_POSTCODE}|{LAST_POSTCODE})"
    # (places8) a full stop may end the sentence the address stands in ("at RR 1 Box 274, Millbrook 1413. Workplace")
    rf"|(?P<zip2>{FOREIGN_POSTCODE}|(?:{LAST_POSTCODE})(?=[ \t]*(?:$|\n|[,;]|[ \t]\()|\.(?:\s|$))))(?![\w\-])")


US_STATES_LOWER = frozenset(name.lower() for name in US_STATE_NAMES) | frozenset(c.lower() for c in US_STATE_CODES)


def _foreign_last_line(text: str, end: int, spans: list) -> bool:
    """The town and postcode after a street or a box that ends at ``end`` (see FOREIGN_TOWN_POSTCODE_RE)."""
    m = FOREIGN_TOWN_POSTCODE_RE.match(text, end)
    if m is None or m.group("town").split()[0].lower() in _NOT_BEFORE_ZIP:
        return False
    words = m.group("town").split()
    if any(w.lower().rstrip(".") in _NOT_BEFORE_YEAR for w in words) or words[-1].lower() in _NOT_BEFORE_ZIP:
        return False  # "12 Oak Road, since March 2019,", "Attending Dr Hill notified at 0415 (": no town
        # (a town may hold "on" or "in" inside: "Thornaby on Wold")
    z = "zip" if m.group("zip") else "zip2"
    if " ".join(words).lower() in US_STATES_LOWER:
        return False  # (places8) "Norwood Lake Montana 77881": a state before the ZIP, the town is before it
    if "\n" in text[m.end("town"):m.start(z)] and not re.search(r"[A-Za-z]", m.group(z)):
        return False  # (places10) digits on the next line may be anything; a postcode's letters say what they are
    line = text[text.rfind("\n", 0, m.start("town")) + 1:m.end()]
    if m.group(z).isdigit() and any(w.islower() for w in words) and not _single_case(line):
        return False  # before bare digits, a town is capitalised where the line has capitals
    spans += [(m.start("town"), m.end("town"), "LOCATION"), (m.start(z), m.end(z), "ZIP"),
              (m.end("town"), m.start(z), KEEP)]  # a state or a province is not PHI
    return True


def _any_case_addresses(text: str, lexicon: Lexicon, spans: list) -> None:
    for m in ANY_STREET_RE.finditer(text):
        if not _single_case(m.group()) and not re.match(r"(?i:flat|studio|apartment|apt)\b", m.group()):
            continue  # mixed case: ADDRESS_RE reads it by its capitals (a British flat it does not)
        after = AFTER_STREET_RE.match(text, m.end())
        if after and ((not _single_case(after.group("town")) and not after.group("town").istitle())
                      or after.group("town").split()[0].lower() in (_NOT_BEFORE_ZIP if after.group("zip") else _NOT_TOWN)
                      or (not after.group("zip") and (all_clinical(after.group("town"), lexicon)
                                                      or "\n" in text[m.end():after.start("town")]))):
            after = None
        if after and not after.group("zip") and _foreign_last_line(text, m.end(), spans):
            after = None  # (places10) ", whitecliff, co. cork, h56 e6g6": a county, not a state's code, ends the town
            foreign = True
        else:
            foreign = after is None and (_foreign_last_line(text, m.end(), spans) or _postcode_after(text, m.end(), spans))
        if after is None and not foreign and not (STREET_ONLY.search(m.group()) or not all_clinical(m.group(), lexicon)):
            continue
        if after:
            spans.append((after.start("town"), after.end("town"), "LOCATION"))
            if after.group("zip"):
                spans.append((after.start("zip"), after.end("zip"), "ZIP"))
                spans.append((after.end("town"), after.start("zip"), KEEP))
        line_start = text.rfind("\n", 0, m.start()) + 1
        own_line = (not text[line_start:m.start()].strip(" \t-*•") and re.match(r"[ \t]*(?:\n|$)", text[m.end():]))
        unit = re.match(r"(?i:unit|flat|apt|apartment|villa|shop|townhouse)\.?[ \t]+\d{1,4}[A-Za-z]?/", m.group())
        if after or foreign or own_line or unit or ADDRESS_CUE_RE.search(text, max(0, m.start() - 40), m.start()):
            spans.append((m.start(), m.end(), "ADDRESS"))


# words that end a clause, not a town ("..., and", "..., then")
_NOT_TOWN = BOUNDARY | frozenset("then but w so pt patient she he they who which tel phone fax t f ph no not".split())
# a month (the names and abbreviations of patterns.MONTHS) or a word of time before digits is no town
_NOT_BEFORE_YEAR = frozenset(MONTHS) | frozenset("since until till year years born".split())
# before a state and a ZIP code a town may be a number word ("ten sleep, nh 53454"): only clause words stop it
_NOT_BEFORE_ZIP = frozenset("a an the and or to from at in of on by for with then but so tel phone fax ph".split())


# (places6) a street without a house number, after a house's name or opening an address field or a line, is
# an address when the last line of a foreign address follows it: "Address: Hillview, Pine Parade, Dingo
# Springs NT 4785", "Rose Cottage, Center Lane, Upper Snodsbury BT10 9ZF", "Location: The Old Rectory, ..."
_NAME_WORDS = r"(?:[A-Za-z'’\-]+[ \t]+){0,3}[A-Za-z'’\-]+"
NUMBERLESS_STREET_RE = re.compile(
    rf"(?:^|\n|(?i:address|location|pickup|residence|home)[ \t]*:)[ \t]*"
    rf"(?P<addr>(?:{_NAME_WORDS},[ \t]*)?(?:[A-Za-z'’\-]+[ \t]+){{1,3}}{_ANY_SUFFIX})(?![\w\-])")


# (places10) a British or Irish house's name before its street is an address by itself, in any casing: "Rose
# Cottage, Mill Lane", "2 Mill Cottages, Station Row", "The Old Forge, Rope Avenue" (a kind of house, a comma, a
# street with its type); the town and postcode after it when there are
HOUSE_NAME_RE = re.compile(
    r"(?<![\w\-])(?P<addr>(?:\d{1,4}[A-Za-z]?[ \t]+)?(?:(?i:the)[ \t]+)?"
    r"(?:(?!(?i:the|at|in|on|to|from|and|or|of|with|for|by|a|an|lives?|living|address|home|is|was|her|his|their)\b)"
    r"[A-Za-z'’\-]+[ \t]+){1,2}"
    r"(?i:cottages?|farm(?:house)?|lodge|barn|mill|forge|rectory|vicarage|manse|grange|bungalow|croft|house),[ \t]*"
    rf"(?:[A-Za-z'’\-]+[ \t]+){{1,3}}{_ANY_SUFFIX})(?![\w\-])")
# (places10) a postcode with letters straight after the street ("at 9 juniper st, d5 3tj", "..., Station Row, WL4 5JK")
POSTCODE_AFTER_STREET_RE = re.compile(rf",?[ \t]*(?P<zip>{FOREIGN_POSTCODE})(?=[ \t]*(?:$|\n|[,;]|\.(?:\s|$)))")


def _postcode_after(text: str, end: int, spans: list) -> bool:
    m = POSTCODE_AFTER_STREET_RE.match(text, end)
    if m:
        spans.append((m.start("zip"), m.end("zip"), "ZIP"))
    return m is not None


def _numberless_streets(text: str, spans: list) -> None:
    for m in NUMBERLESS_STREET_RE.finditer(text):
        if _foreign_last_line(text, m.end("addr"), spans):
            spans.append((m.start("addr"), m.end("addr"), "ADDRESS"))
    for m in HOUSE_NAME_RE.finditer(text):
        spans.append((m.start("addr"), m.end("addr"), "ADDRESS"))
        _foreign_last_line(text, m.end("addr"), spans) or _postcode_after(text, m.end("addr"), spans)


@recognizer("address", "ADDRESS", "LOCATION", "ZIP", languages=("en",))
def find_address(text: str, lexicon: Lexicon):
    spans = [(m.start(), m.end(), "ADDRESS") for rule in (MILITARY_RE, PO_BOX_RE) for m in rule.finditer(text)]
    for m in PO_BOX_RE.finditer(text):
        _foreign_last_line(text, m.end(), spans)
    _any_case_addresses(text, lexicon, spans)
    _numberless_streets(text, spans)
    for rule in (ADDRESS_RE, CSZ_RE):
        for m in rule.finditer(text):
            street = m.groupdict().get("street")
            if street and street.isupper() and not STREET_ONLY.search(street) and all_clinical(street, lexicon):
                continue  # "2 MECHANICAL FALLS, AT HOME": clinical words in capitals, no street
            if not street and m.group("town") and _label_not_state(text, m, lexicon):
                continue  # (places6) "INTERPRETER ID 92767": a label before a number
            if street:
                spans.append((m.start("street"), m.end("street"), "ADDRESS"))
            if m.group("town"):
                spans += [(m.start("town"), m.end("town"), "LOCATION"), (m.start("zip"), m.end("zip"), "ZIP"),
                          (m.end("town"), m.start("zip"), KEEP)]  # ", Florida ": a state is not PHI
            elif m.groupdict().get("street") and not _foreign_last_line(text, m.end(), spans) \
                    and not _postcode_after(text, m.end(), spans):
                town = TOWN_AFTER_STREET_RE.match(text, m.end())
                if town:
                    spans.append((town.start("t"), town.end("t"), "LOCATION"))
    return spans


# the town after a post-office box, to the end of its line or clause (since 2026-12-07): "PO Box 130,
# Florence - white house", "PO BOX 864\nCHICOPEE.", "po box 990, marquette"
TOWN_AFTER_PO_BOX_RE = re.compile(
    r"(?i:\bp\.?\s?o\.?\s+box|post\s+office\s+box)\s+\d{1,6}(?:,[ \t]*|[ \t]*\n[ \t]*)"
    r"(?P<t>[A-Za-z][A-Za-z'\-]+(?:[ \t]+[A-Za-z][A-Za-z'\-]+){0,2})(?=[ \t]*(?:$|\n|[.,;]|[ \t][-–][ \t]|[ \t]+\d{5}))")


@recognizer("town-after-po-box", "LOCATION", languages=("en",))
def find_town_after_po_box(text: str, lexicon: Lexicon):
    return [(m.start("t"), m.end("t"), "LOCATION") for m in TOWN_AFTER_PO_BOX_RE.finditer(text)
            if m.group("t").split()[0].lower() not in BOUNDARY]


# (places5 pass) "town, st 12345" in any casing where a line, a comma or a box number opens it: the
# last line of an address written in lower case ("..., chimayo ok 82289", "p.o. box 5621\nkalamaki, ky
# 85901", "vale, ny\n04787"). A state's code that is an English word is left out where it reads as one.
_STATE_CODE_ANY = "(?i:" + "|".join(c for c in US_STATE_CODES if c.lower() not in ("in", "or", "me")) + ")"
TOWN_STATE_ZIP_RE = re.compile(
    r"(?:^|\n|,|(?i:\bbox)[ \t]*#?[ \t]*\d{1,6},?)[ \t]*\n?[ \t]*"
    r"(?P<town>[A-Za-z][A-Za-z'\-]+(?:[ \t]+[A-Za-z][A-Za-z'\-]+){0,2}),?[ \t]+"
    rf"{_STATE_CODE_ANY}\.?,?(?:[ \t]+|[ \t]*\n[ \t]*)(?P<zip>\d{{5}}(?:-\d{{4}})?)(?![\d\-])")


_ID_LABEL_BEFORE = re.compile(r"[A-Za-z][ \t]+ID$")


def _label_not_state(text: str, m: re.Match, lexicon: Lexicon) -> bool:
    """(places6) "(phone, interpreter ID 24825)", "JOB ID 00963-32": "ID" without a comma before it,
    after a clinical word or before more digits, labels a number; Idaho follows its town after a comma."""
    between = text[m.end("town"):m.start("zip")]
    if not re.match(r"[ \t]+(?i:id)\b", between):
        return False
    last = m.group("town").split()[-1].lower()
    return last in lexicon.safe or bool(re.match(r"[\-/]\d", text[m.end("zip"):m.end("zip") + 2]))


# (the lead, 2026-12-08) a postcode after its label in any country's words and any country's shape: "Postal Code 1012
# AB", "Eircode: D02 X285", "code postal 75008", "C.P. 28001", "Pin code 560001", "PIN: 560 001" (six digits only: a
# bare "PIN" is also a card's number), "Postleitzahl 10115"; held-out writers 10, 11, 13 and 14 scored ZIP lowest
# of the place types, and a probe of postcode forms written by the lead found labels only for US-shaped ZIPs
_POSTCODE_LABEL = (r"(?i:zip(?:[ \t]*code)?|post(?:al)?[ \t]*code|pin[ \t]*code|pincode|eircode|postleitzahl|"
                   r"code[ \t]+postal|c[oó]digo[ \t]+postal|c\.[ \t]?p\.|postnummer)")
LABELLED_POSTCODE_RE = re.compile(
    rf"\b{_POSTCODE_LABEL}[ \t]*[:#=\-]?[ \t]*(?P<v>\d{{4}}[ \t]?[A-Za-z]{{2}}(?![A-Za-z])|{FOREIGN_POSTCODE}|{LAST_POSTCODE})"
    r"(?![\w\-/.]\w)"
    r"|\bPIN[ \t]*[:#]?[ \t]*(?P<p>[1-9]\d{2}[ \t]?\d{3})(?![\w\-/])")


# (probe14p) a bare postcode of four to six digits after a town with no label or street, the way notes of many
# countries end an address: "Auckland 1010", "Durban 4001 KZN", "Soweto, Johannesburg, 1804", "Chennai - 600 004",
# "| Austin | TX | 78701 |", "Adelaide SA 5000", "Perth WA6000"; a region's capitals may stand between; the number
# must end the line, the cell or the clause (or stand before a region's or country's name), and a four-digit number
# that reads as a year needs the region ("Auckland 2019" is a year)
_BARE_TOWN_WORD = rf"[{UP}][{LO}]+(?:[{UP}][{LO}]+)?"
BARE_TOWN_POSTCODE_RE = re.compile(
    rf"(?<![\w.,/\-])(?P<town>{_BARE_TOWN_WORD}(?:[ \t]+{_BARE_TOWN_WORD})?)"
    r"(?:[ \t]*[,|\-][ \t]*|[ \t]+)(?:(?P<region>[A-Z]{2,3})(?:[ \t]*[,|][ \t]*|[ \t]*))?"
    r"(?P<zip>[1-9]\d{2}[ \t]\d{3}|\d{4,6})"
    rf"(?=[ \t]*(?:$|[,;|)]|\.(?:\s|$)|[A-Z]{{2,3}}\b|{COUNTRIES}\b))(?![ \t]*(?i:iu|mg|ml|mcg|units?)\b)", re.M)
# a pager, an extension, a rule, a program's version or a thing's number is no town ("Bleep 4471", "Workspace 2309"),
# nor a surname alone where a handover names the nurse and her extension ("Report given Zhou -> Collins 2327"), nor a
# device's model in brackets ("(Microvasive Bicap 4005)")
_BARE_NOT_TOWN = frozenset("bleep pager page ext extension rule version ver workspace model room bed cot box".split())


_TITLE_BEFORE = re.compile(rf"(?i:\b(?:{TITLES}|nurse|sister)\.?)[ \t]+$")  # the project's titles, any casing
_TOWN_TAIL = frozenset("city town bay park beach hill hills falls springs heights valley creek port".split())


def _bare_town_postcodes(text: str, lexicon: Lexicon) -> list:
    spans = []
    for m in BARE_TOWN_POSTCODE_RE.finditer(text):
        words = m.group("town").lower().split()
        words = words[:1] + [w for w in words[1:] if w not in _TOWN_TAIL]
        if any(w in lexicon.core or w in _NOT_BEFORE_ZIP or w in _NOT_BEFORE_YEAR for w in words):
            continue
        before = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        if any(w in _BARE_NOT_TOWN for w in words) or before.count("(") > before.count(")") or (
                re.search(r"(?:->|→)[ \t]*(?:\w+[ \t]+)?$", before)) or _TITLE_BEFORE.search(before):
            continue  # (the lead) a person's title makes the word a surname and the digits a bleep: "Dr. Okonjo 4471"
        zip_ = m.group("zip")
        if not m.group("region") and (len(zip_) == 4 and 1900 <= int(zip_) <= 2039
                                      or any(w in lexicon.safe for w in words[:1])):
            continue
        spans += [(m.start("zip"), m.end("zip"), "ZIP"), (m.start("town"), m.end("town"), "LOCATION")]
    return spans


@recognizer("zip", "ZIP", "ID", languages=("en",))
def find_zip(text: str, lexicon: Lexicon):
    spans = [(m.start(g), m.end(g), "ZIP") for m in LABELLED_POSTCODE_RE.finditer(text) for g in ("v", "p") if m.group(g)]
    spans += _bare_town_postcodes(text, lexicon)
    for m in TOWN_STATE_ZIP_RE.finditer(text):
        if _label_not_state(text, m, lexicon):
            continue
        if m.group("town").split()[0].lower() not in _NOT_BEFORE_ZIP:
            spans += [(m.start("zip"), m.end("zip"), "ZIP"), (m.start("town"), m.end("town"), "LOCATION")]
    for m in ZIP_RE.finditer(text):
        g = next(name for name in ("v", "w", "x", "y", "z", "b") if m.group(name))
        if g == "w" and _ID_LABEL_BEFORE.search(text, max(0, m.start() - 30), m.start() + 2):
            continue  # (places6) "interpreter ID 24825", "badge ID 55012": a label, not Idaho
        if g == "y" and m.group("town").lower() in lexicon.safe and not m.group("town")[1:].islower():
            continue  # "PLATELETS 15000": a capitalised ordinary word, not a town
        if g == "y" and not re.search(r"[AEIOUYaeiouy]", m.group("town")):
            spans.append((m.start(g), m.end(g), "ID"))  # (places6) "CPSBC 83064": a register's number, no town
            continue
        if g == "y" and (m.group("town").lower() in lexicon.core or len(m.group("town")) < 4):
            continue
        if g == "y" and m.group("town").lower() in lexicon.safe and _NUMBERED_ITEM.match(text, m.end("y")) \
                and not text[max(0, m.start("town") - 3):m.start("town")].rstrip(" \t").endswith(","):
            continue  # (places13) "- Cabin 12297 <name> ...": an ordinary noun numbering a thing, not a town after a street's comma
        spans.append((m.start(g), m.end(g), "ZIP"))
        if g == "y":  # the town before it: "Tupelo 74141", "Port Jay 12345"
            spans.append((_town_start(text, m.start("town")), m.end("town"), "LOCATION"))
    return spans


# (places13) a ZIP ends an address or its line; a word going on after the number (no state, no country code) says
# the number labels the noun before it ("Cabin 12297 BANERJEE, ...", "Locker 20113 keys") unless a comma sets the word
# apart as a town after its street ("12 Elm Road, Tupelo 38801 on the second floor")
_NUMBERED_ITEM = re.compile(rf"[ \t](?!{STATE}\b|USA?\b)[A-Za-z]")


_TOWN_WORD_BEFORE = re.compile(rf"(?<![\w,.])[{UP}][{UP}{LO}]+[ \t]+$")


def _town_start(text: str, start: int) -> int:
    """Up to two more capitalised words of the town's name just before it (no comma between)."""
    for _ in range(2):
        m = _TOWN_WORD_BEFORE.search(text[max(0, start - 30):start])
        if m is None:
            break
        start = max(0, start - 30) + m.start()
    return start


# (places7) an HL7 v2 address (XAD: street ^ other ^ city ^ state ^ postcode ^ country) in a patient, next of
# kin, guarantor or insurance segment: "PID|...|47 Old Church Ln^^Winter Harbor^VT^15236||...", the city and
# the postcode are PHI wherever a street is (the state and the country are not)
HL7_ADDRESS_RE = re.compile(
    r"(?m:^(?i:PID|NK1|GT1|IN1|IN2|MRG|PD1)\|.*?)(?<=[|~])(?P<street>[^|^~\n]*)\^[^|^~\n]*\^(?P<city>[A-Za-z][^|^~\n\d]*)"
    r"\^[^|^~\n]*\^(?P<zip>(?=[^|^~\n]*\d)[A-Za-z0-9][A-Za-z0-9 \-]{2,9})(?=[|^~\n]|$)")

# (places7) and the facilities of an HL7 message: MSH-4 and MSH-6 (sending, receiving facility), and PV1-3's
# point of care when named in words ("PV1|1|O|Rowan Ward^^^^^|") and its facility (the 4th component)
MSH_RE = re.compile(r"(?m:^(?i:MSH)\|[^|\n]*\|[^|\n]*\|(?P<f4>[^|^\n]*)[^|\n]*\|[^|\n]*\|(?P<f6>[^|^\n]*))")
PV1_RE = re.compile(r"(?m:^(?i:PV1)\|[^|\n]*\|[^|\n]*\|(?P<unit>[^|^\n]*)(?:\^[^|^\n]*\^[^|^\n]*\^(?P<fac>[^|^\n]*))?)")


def _hl7_facilities(text: str) -> list[tuple[int, int, str]]:
    spans = [(m.start(g), m.end(g), "LOCATION") for m in MSH_RE.finditer(text) for g in ("f4", "f6")
             if re.search(r"[A-Za-z]", m.group(g))]
    for m in PV1_RE.finditer(text):
        if re.fullmatch(r"[A-Za-z'’\-]+(?:[ \t]+[A-Za-z'’\-]+)+", m.group("unit")):
            spans.append((m.start("unit"), m.end("unit"), "LOCATION"))
        if m.group("fac") and re.search(r"[A-Za-z]", m.group("fac")):
            spans.append((m.start("fac"), m.end("fac"), "LOCATION"))
    return spans


# (places7) a delimited export (CSV, tab-separated) whose header names a column of places: each cell under it
# is typed by the header ("...,clinic,zip,notes" then "...,Begay Medical Practice,36993,..."), in any casing
_COLUMN_TYPES = {"zip": "ZIP", "zipcode": "ZIP", "postcode": "ZIP", "postalcode": "ZIP", "pincode": "ZIP",
                 "eircode": "ZIP", "city": "LOCATION", "town": "LOCATION", "suburb": "LOCATION",
                 "hospital": "LOCATION", "facility": "LOCATION", "clinic": "LOCATION", "practice": "LOCATION",
                 "ward": "LOCATION", "institution": "LOCATION", "address": "ADDRESS", "street": "ADDRESS",
                 "streetaddress": "ADDRESS", "address1": "ADDRESS", "homeaddress": "ADDRESS"}
_CELL_RE = {",": re.compile(r'[ \t]*(?:"(?:[^"\n]|"")*"|[^,\n]*)'), "\t": re.compile(r'[^\t\n]*')}


def _cells(line: str, start: int, sep: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of one delimited line, quotes and padding left out."""
    cells, pos = [], 0
    while True:
        m = _CELL_RE[sep].match(line, pos)
        a, b = m.start(), m.end()
        value = line[a:b]
        a += len(value) - len(value.lstrip(' \t"'))
        b -= len(value) - len(value.rstrip(' \t"'))
        cells.append((start + a, start + max(a, b)))
        if m.end() >= len(line) or line[m.end()] != sep:
            return cells
        pos = m.end() + 1


@recognizer("table-places", "ZIP", "LOCATION", "ADDRESS", languages=("en",))
def find_table_places(text: str, lexicon: Lexicon):
    # (places12) a claim's N3, N4 and providers' NM1 segments, a DICOM dump's institution
    spans = _hl7_facilities(text) + x12_places(text) + dicom_places(text)
    for m in HL7_ADDRESS_RE.finditer(text):
        spans += [(m.start("city"), m.end("city"), "LOCATION"), (m.start("zip"), m.end("zip"), "ZIP")]
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    i = 0
    while i < len(lines):
        sep = "\t" if lines[i].count("\t") >= 2 else ","
        header = [text[a:b] for a, b in _cells(lines[i], offsets[i], sep)] if lines[i].count(sep) >= 2 else []
        types = {k: t for k, t in enumerate(re.sub(r"[^a-z0-9]", "", h.lower()) for h in header) if t in _COLUMN_TYPES}
        if not types or any(re.search(r"\d", h) and not re.fullmatch(r"[A-Za-z_ ]*\d?", h) for h in header):
            i += 1
            continue  # a header names its columns: words, no numbers
        i += 1
        while i < len(lines) and lines[i].count(sep) >= 1:
            cells = _cells(lines[i], offsets[i], sep)
            if len(cells) != len(header):
                break  # a comment or another table
            spans += [(cells[k][0], cells[k][1], _COLUMN_TYPES[n]) for k, n in types.items()
                      if cells[k][1] > cells[k][0]]
            i += 1
    return spans
