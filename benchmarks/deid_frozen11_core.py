"""Set 11's note builder and its hand-written people (benchmarks/deid_make_frozen11.py).

A note is built piece by piece: plain strings are text, ``(TYPE, text)`` tuples are gold spans, so
an offset can never drift from its text. Surrogate names were typed by hand for this set.
"""

from __future__ import annotations

import random


class Note:
    """Text and gold spans written together; ``country`` is the form the note follows."""

    def __init__(self, rng: random.Random, country: str = "US"):
        self.rng = rng
        self.country = country
        self.parts: list[str] = []
        self.spans: list[tuple[str, int, int, str]] = []
        self.size = 0

    def add(self, *items) -> "Note":
        for item in items:
            if isinstance(item, tuple):
                typ, text = item
                if text:
                    self.spans.append((typ, self.size, self.size + len(text), text))
                self._put(text)
            else:
                self._put(item)
        return self

    def line(self, *items) -> "Note":
        return self.add(*items, "\n")

    def _put(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def recase(self, how: str) -> None:
        """All capitals or all lower case, as some hands type; spans keep their offsets."""
        text = self.text.upper() if how == "upper" else self.text.lower()
        self.parts, self.size = [text], len(text)
        self.spans = [(t, a, b, text[a:b]) for t, a, b, _ in self.spans]

    def ocr(self, rate: float) -> None:
        """Characters misread by a fax's OCR (same length, so spans keep their offsets)."""
        swap = {"0": "O", "O": "0", "1": "l", "l": "1", "5": "S", "S": "5", "8": "B", "e": "c", ".": ",", "I": "1", "m": "n"}
        text = "".join(swap[ch] if ch in swap and self.rng.random() < rate else ch for ch in self.text)
        self.parts, self.size = [text], len(text)
        self.spans = [(t, a, b, text[a:b]) for t, a, b, _ in self.spans]

# ---------------------------------------------------------------------------- people, by origin
FIRST = {
    "anglo": "Gareth Maisie Corin Tamsin Rhodri Philippa Lachlan Imogen Declan Niamh Ffion Hamish Orla Callum "
             "Bronwyn Alasdair Kirsty Fergus Tegan Rory Saoirse Ewan Briony Dougal Sinead Keeley Hollis "
             "Jolene Wendell Lorraine Darnell Tawny Garrett Marcy Dwayne Trudy Brock Shonda Clint Verna".split(),
    "hisp": "Xiomara Rigoberto Yesenia Anselmo Marisol Eusebio Guadalupe Heriberto Nayeli Fidencio Itzel "
            "Baudelio Rocio Porfirio Araceli Wilfredo Dulce Efrain Maricela Leoncio".split(),
    "indian": "Anusha Vivek Lakshmi Harpreet Gurmeet Sarita Rajendra Kavitha Manoj Deepika Sundar Pooja "
              "Ravindra Meenakshi Abhijit Shalini Tarun Bhavna Prakash Nirmala".split(),
    "filipino": "Rodelio Marites Jericho Rowena Danilo Lorna Arnel Cherry Ronaldo Jocelyn Bong Maricel "
                "Edgardo Analyn Teodoro".split(),
    "yoruba_igbo": "Olumide Ngozi Chukwuemeka Adaeze Babatunde Funmilayo Ikenna Yetunde Obinna Chiamaka "
                   "Oluwaseun Temitope Nnamdi Folasade".split(),
    "kenyan": "Wanjiru Otieno Achieng Kiprono Nyambura Mutua Jepkosgei Omondi Wambui Kamau Chebet Njoroge".split(),
    "afrikaans": "Hendrik Annelie Pieter Marietjie Wessel Elmarie Jaco Riana Francois Lize Thabo Nomvula "
                 "Sipho Zanele Lungile".split(),
    "chinese_malay": "Wei Ling Jun Hao Siew Mei Kok Leong Hui Min Nurul Aisyah Farhan Zulkifli Priya "
                     "Boon Keat".split(),
    "maori_pasifika": "Aroha Tane Mere Wiremu Ngaire Hemi Losa Sione Tavita Mele".split(),
}
LAST = {
    "anglo": "Pennington Ashworth Dunmore Featherstone Gillespie Haddock Inglis Kettering Lockhart Mabry "
             "Northcott Ormsby Pettigrew Quayle Rutland Slattery Thistlewood Underhill Vickery Wetherby "
             "Yardley Brackett Colquhoun Dimmock Everly Fairweather Gorman Hensley Kilbride Lomax".split(),
    "hisp": "Zamudio Villalobos Arreola Quintanilla Betancourt Cisneros Olivares Barrientos Echeverria "
            "Galarza Huerta Ledesma Montalvo Trevino Urquidi".split(),
    "indian": "Raghunathan Chatterjee Deshpande Iyengar Kulkarni Banerjee Sidhu Gill Naidu Pillai Mehrotra "
              "Venkataraman Choudhary Bhattacharya Rao".split(),
    "filipino": "Dimaculangan Macaraeg Pangilinan Bautista Villanueva Manalo Sarmiento Dizon Cayabyab "
                "Mangubat Soriano Tolentino".split(),
    "yoruba_igbo": "Adeyemi Okonkwo Olawale Nwosu Adebayo Eze Ogunleye Chukwu Okafor Ibekwe Akinola "
                   "Onyekachi".split(),
    "kenyan": "Kariuki Onyango Wekesa Mwangi Chepkoech Odhiambo Kimani Barasa Nyaga Rotich".split(),
    "afrikaans": "van der Merwe Botha Steyn du Plessis Coetzee Pretorius le Roux Venter Nkosi Dlamini "
                 "Mokoena Khumalo Ndlovu".split(),
    "chinese_malay": "Tan Lim Goh Teo Chua bin Ismail binti Rahman Ong Koh Sim".split(),
    "maori_pasifika": "Tawhiri Ngata Parata Fale Tuilagi Aumua Faleolo Te Rangi".split(),
}
# multi-word surnames typed with a space are joined again here
_JOIN = {"van": "van der Merwe", "du": "du Plessis", "le": "le Roux", "bin": "bin Ismail", "binti": "binti Rahman",
         "Te": "Te Rangi"}
for _k, _v in LAST.items():
    _out, _skip = [], 0
    for _i, _w in enumerate(_v):
        if _skip:
            _skip -= 1
            continue
        if _w in _JOIN:
            _full = _JOIN[_w]
            _out.append(_full)
            _skip = len(_full.split()) - 1
        else:
            _out.append(_w)
    LAST[_k] = _out
# names that are also ordinary English words, and names with particles or hyphens (used in moderation)
WORD_LAST = "Rose Hope Major Bishop Young Fox Marsh Frost Summers Little Sharp Bell Hill Moss Parish Baker " \
            "Hunter Wood Church Street Field Gay Hardy Noble Bliss Swift".split()
WORD_FIRST = "Hope Rose Faith Major Joy Grace Patience Hunter Sterling Dusty Summer Ivy Penny Bill".split()
ODD_LAST = ["O'Driscoll", "McAteer", "MacIsaac", "de la Cruz", "van Rensburg", "Fitzgerald-Boyle",
            "St. Clair", "D'Souza", "Ap Gwilym", "Ní Bhriain", "Okonkwo-Bell", "de Souza", "Van Wyk", "Mc Ginley"]
NICK = {"Teodoro": "Teddy", "Rodelio": "Odie", "Babatunde": "Tunde", "Oluwaseun": "Seun", "Chukwuemeka": "Emeka",
        "Philippa": "Pippa", "Alasdair": "Ali", "Rajendra": "Raju", "Guadalupe": "Lupe", "Wilfredo": "Freddy",
        "Hendrik": "Henk", "Marietjie": "Mari", "Lakshmi": "Lux", "Gareth": "Gaz", "Edgardo": "Egay"}

ORIGINS_BY_COUNTRY = {
    "US": ["anglo"] * 5 + ["hisp"] * 3 + ["indian", "filipino", "yoruba_igbo"],
    "UK": ["anglo"] * 5 + ["indian"] * 2 + ["yoruba_igbo"],
    "IE": ["anglo"] * 4 + ["yoruba_igbo"],
    "CA": ["anglo"] * 4 + ["indian", "filipino", "chinese_malay"],
    "AU": ["anglo"] * 4 + ["chinese_malay", "indian", "maori_pasifika"],
    "NZ": ["anglo"] * 3 + ["maori_pasifika"] * 2 + ["indian"],
    "IN": ["indian"],
    "ZA": ["afrikaans"] * 3 + ["indian", "anglo"],
    "SG": ["chinese_malay"] * 3 + ["indian"],
    "NG": ["yoruba_igbo"],
    "KE": ["kenyan"],
    "PH": ["filipino"],
}


class Person:
    def __init__(self, first: str, last: str, middle: str = ""):
        self.first, self.last, self.middle = first, last, middle

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    def form(self, rng: random.Random, forms: str = "full,lastfirst,init,last,first") -> str:
        """One written form of the name (the span text, without any title)."""
        f = rng.choice(forms.split(","))
        return {
            "full": self.full,
            "lastfirst": f"{self.last}, {self.first}",
            "LASTfirst": f"{self.last.upper()}, {self.first}",
            "LAST": f"{self.last.upper()} {self.first.upper()}",
            "init": f"{self.first[0]}. {self.last}",
            "initnodot": f"{self.first[0]} {self.last}",
            "last": self.last,
            "first": self.first,
            "lower": self.full.lower(),
            "mid": f"{self.first} {self.middle or 'J.'} {self.last}",
            "nick": f"{NICK.get(self.first, self.first)} {self.last}",
            "lastinit": f"{self.last} {self.first[0]}",
            "initials": f"{self.first[0]}{self.last[0]}",
        }[f]


FEMALE = set("""Maisie Tamsin Philippa Imogen Niamh Ffion Orla Bronwyn Kirsty Tegan Saoirse Briony Sinead Keeley Jolene
Lorraine Tawny Marcy Trudy Shonda Verna Xiomara Yesenia Marisol Guadalupe Nayeli Itzel Rocio Araceli Dulce Maricela Anusha
Lakshmi Sarita Kavitha Deepika Pooja Meenakshi Shalini Bhavna Nirmala Marites Rowena Lorna Cherry Jocelyn Maricel Analyn
Ngozi Adaeze Funmilayo Yetunde Chiamaka Folasade Wanjiru Achieng Nyambura Jepkosgei Wambui Chebet Annelie Marietjie Elmarie
Riana Lize Nomvula Zanele Lungile Ling Mei Min Nurul Aisyah Priya Siew Hui Aroha Mere Ngaire Losa Mele Hope Rose Faith Joy
Grace Patience Summer Ivy Penny""".split())


def person(rng: random.Random, country: str = "US", wordy: float = 0.06, sex: str = "") -> Person:
    """A surrogate of a country's mix of origins; ``sex`` "F" or "M" when the note's words need one."""
    for _ in range(40):
        p = _person(rng, country, wordy)
        if not sex or (p.first in FEMALE) == (sex == "F"):
            break
    return p


def _person(rng: random.Random, country: str, wordy: float) -> Person:
    origin = rng.choice(ORIGINS_BY_COUNTRY.get(country, ["anglo"]))
    first = rng.choice(FIRST[origin])
    last = rng.choice(LAST[origin])
    r = rng.random()
    if r < wordy:
        last = rng.choice(WORD_LAST)
    elif r < wordy * 1.8 and origin == "anglo":
        first = rng.choice(WORD_FIRST)
    elif r < wordy * 2.6 and country in ("US", "UK", "IE", "CA", "AU", "ZA", "IN"):
        last = rng.choice(ODD_LAST)
    if country == "US" and origin == "hisp" and rng.random() < 0.3:
        last = f"{last}-{rng.choice(LAST['hisp'])}"
    middle = rng.choice("ABCDEFGHJKLMNPRSTW") + "." if rng.random() < 0.5 else rng.choice(FIRST[origin])
    return Person(first, last, middle)


def family(rng: random.Random, p: Person, country: str, sex: str = "") -> Person:
    """A relative: often the patient's surname, sometimes not."""
    q = person(rng, country, sex=sex)
    if rng.random() < 0.6:
        q.last = p.last
    return q


def pick(rng: random.Random, seq):
    return seq[rng.randrange(len(seq))]


def where(rng: random.Random, others: list[str], us: float = 0.8) -> str:
    """The country whose forms a note follows: the US with probability ``us``, else one of ``others``."""
    return "US" if rng.random() < us else pick(rng, others)
