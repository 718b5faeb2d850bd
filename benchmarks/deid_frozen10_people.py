"""Set 10 people: hand-written first names and surnames by origin, each country's mix of origins, and
the many ways a note writes a name (surname first, initials, capitals, possessive, nickname).
"""

from __future__ import annotations

from dataclasses import dataclass

from deid_frozen10_core import P, chance, pick

POOLS = {
    "anglo": (["Gareth", "Rhiannon", "Callum", "Imogen", "Harriet", "Tobias", "Barnaby", "Rosalind", "Wilfred",
               "Clementine", "Ellis", "Tamsin", "Jocelyn", "Bronwyn", "Darcy", "Kirsty", "Alasdair", "Hamish",
               "Isla", "Freya", "Jasper", "Felicity", "Nell", "Travis", "Kayla", "Dwayne", "Shelby", "Brandon",
               "Tiffany", "Cody", "Misty", "Wyatt", "Dakota", "Tanisha", "DeShawn", "Latoya", "Marcus", "Hope",
               "Rose", "Pearl", "Ruby", "Grant", "Earl", "Royce", "Millicent", "Percival", "Bethany", "Lorraine"],
              ["Pennington", "Threlfall", "Ackroyd", "Haworth", "Entwistle", "Cowperthwaite", "Lethbridge",
               "Trevelyan", "Penhaligon", "Quayle", "Fairbairn", "Strachan", "Urquhart", "Dalgleish", "Ashworth",
               "Holroyd", "Sowerby", "Whitlock", "Bramley", "Fenwick", "Ridley", "Hebblethwaite", "Birtwistle",
               "Major", "Bishop", "Young", "Fox", "Short", "Bird", "Frost", "Moody", "Sharp", "Gray", "Snow",
               "Hill", "Marsh", "Coldwell", "Pruitt", "Blevins", "Hollingsworth", "Tolliver", "Wheeler-Scott",
               "Ashby-Clarke", "Kettlewell", "Rudd", "Petty", "Goodenough", "Swindells"]),
    "irish": (["Niamh", "Declan", "Siobhan", "Aoife", "Ciaran", "Padraig", "Orla", "Ruairi", "Colm", "Grainne",
               "Deirdre", "Eoin", "Sorcha", "Cathal", "Fionnuala", "Tadhg"],
              ["O'Driscoll", "Kinsella", "Mulrooney", "Brannigan", "Tierney", "Cassidy", "Hennessy", "Ó Briain",
               "MacNamara", "O'Shaughnessy", "Geraghty", "Mac Giolla Phádraig", "Lenihan", "Scanlon"]),
    "scots": (["Euan", "Fergus", "Eilidh", "Lachlan", "Morag", "Shona", "Iain", "Catriona"],
              ["MacLennan", "McIlroy", "Gillespie", "MacAskill", "Drummond", "McKechnie", "Buchan"]),
    "south_asian": (["Aarav", "Ishaan", "Priyanka", "Lakshmi", "Meenakshi", "Venkatesh", "Harpreet", "Gurpreet",
                     "Rajinder", "Anjali", "Deepika", "Suresh", "Kavitha", "Farhan", "Ayesha", "Imran", "Zainab",
                     "Sowmya", "Prakash", "Nandini", "Arjun", "Bhavana", "Mohammed Rafiq", "Shalini"],
                    ["Iyer", "Raghavan", "Chatterjee", "Deshpande", "Kulkarni", "Nair", "Pillai", "Menon", "Reddy",
                     "Naidu", "Sandhu", "Grewal", "Dhillon", "Siddiqui", "Qureshi", "Mukherjee", "Shetty", "Hegde",
                     "Krishnamurthy", "Venkataraman", "Gowda", "Patil", "Bhattacharjee"]),
    "chinese": (["Wei Ming", "Jun Hao", "Hui Min", "Xin Yi", "Zhi Wei", "Mei Ling", "Siew Ling", "Kok Leong",
                 "Li Na", "Jia Hui", "Boon Huat", "Shu Fen"],
                ["Tan", "Lim", "Ng", "Goh", "Teo", "Chua", "Ong", "Koh", "Sim", "Yeo", "Quek", "Lau"]),
    "malay": (["Nurul Aisyah", "Muhammad Hafiz", "Siti Khadijah", "Ahmad Faizal", "Nur Izzati"],
              ["Rahman", "Ismail", "Abdullah", "Hassan", "Osman"]),
    "filipino": (["Maria Luz", "Jose Rizalino", "Ma. Cristina", "Rommel", "Jerome", "Aileen", "Mylene", "Jhun",
                  "Marites", "Bong", "Lovely", "Princess", "Joy", "Efren"],
                 ["dela Cruz", "Santos", "Bautista", "Villanueva", "Dimaculangan", "Pangilinan", "Magbanua",
                  "Tolentino", "Sison", "Ocampo", "de Guzman", "Macaraeg", "Buenaventura"]),
    "yoruba_igbo": (["Oluwaseun", "Chiamaka", "Ngozi", "Emeka", "Chukwudi", "Adaeze", "Babatunde", "Folasade",
                     "Ifeoma", "Obinna", "Yetunde", "Aminu", "Hauwa", "Kelechi"],
                    ["Adeyemi", "Okonkwo", "Eze", "Nwosu", "Ogunleye", "Adebayo", "Balogun", "Olawale", "Ibekwe",
                     "Abubakar", "Danjuma", "Anyanwu", "Oyelaran", "Nnamdi-Ugwu"]),
    "east_african": (["Wanjiru", "Njeri", "Achieng", "Wambui", "Kiprotich", "Chebet", "Akinyi", "Nyambura",
                      "Otieno", "Baraka", "Zawadi", "Mutua"],
                     ["Kamau", "Otieno", "Mwangi", "Odhiambo", "Kipchoge", "Omondi", "Wekesa", "Njoroge", "Rotich",
                      "Chepkoech", "Onyango"]),
    "southern_african": (["Thandiwe", "Sipho", "Lungile", "Nomvula", "Bongani", "Zanele", "Thabo", "Palesa",
                          "Mandla", "Lerato", "Pieter", "Annelie", "Riaan", "Marelize"],
                         ["Dlamini", "Nkosi", "Mthembu", "Khumalo", "Ndlovu", "Mokoena", "Molefe", "van der Merwe",
                          "Botha", "Pretorius", "du Plessis", "Coetzee", "Steenkamp", "le Roux", "Venter"]),
    "maori_pacific": (["Aroha", "Wiremu", "Tāne", "Mere", "Hemi", "Sione", "Losa", "Mele", "Rawiri"],
                      ["Ngata", "Parata", "Te Rangi", "Tuhiwai", "Horomona", "Taufa", "Faleolo", "Tautahi"]),
    "french_ca": (["Geneviève", "Étienne", "Mathieu", "Josée", "Marie-Ève", "Jean-François", "Sylvie"],
                  ["Tremblay", "Gagnon", "Bouchard", "Lévesque", "Ouellette", "Côté", "St-Pierre", "Pelletier"]),
    "latino": (["Guadalupe", "Jesús", "Xiomara", "Yesenia", "Rigoberto", "Maricela", "Itzel", "Osvaldo"],
               ["Quintanilla", "Villarreal", "Montemayor", "de la Garza", "Zamora", "Cervantes", "Ybarra"]),
    "other": (["Yekaterina", "Dmitri", "Agnieszka", "Tomasz", "Yousef", "Noor", "Stavros", "Ingrid", "Lotte",
               "Giancarlo", "Bao", "Thi Lan", "Van Hung", "Oksana"],
              ["Volkova", "Brzezinski", "Kowalczyk", "Al-Harbi", "Haddad", "Papadopoulos", "van den Bosch",
               "Esposito", "DiMaggio", "Nguyen", "Tran", "de Sousa", "Lindqvist", "Shevchenko"]),
}

MIX = {
    "US": {"anglo": 6, "latino": 3, "other": 2, "south_asian": 1, "chinese": 1, "yoruba_igbo": 1, "irish": 1},
    "UK": {"anglo": 6, "scots": 2, "south_asian": 2, "irish": 1, "other": 1, "yoruba_igbo": 1},
    "IE": {"irish": 6, "anglo": 2, "other": 1, "filipino": 1},
    "CA": {"anglo": 4, "french_ca": 3, "south_asian": 1, "chinese": 1, "other": 1},
    "AU": {"anglo": 5, "other": 2, "chinese": 1, "south_asian": 1, "maori_pacific": 1},
    "NZ": {"anglo": 4, "maori_pacific": 4, "chinese": 1, "south_asian": 1},
    "IN": {"south_asian": 10},
    "ZA": {"southern_african": 8, "south_asian": 1, "anglo": 1},
    "SG": {"chinese": 6, "malay": 2, "south_asian": 2},
    "NG": {"yoruba_igbo": 10},
    "KE": {"east_african": 9, "south_asian": 1},
    "PH": {"filipino": 10},
}
NICK = {"Babatunde": "Tunde", "Oluwaseun": "Seun", "Percival": "Percy", "Millicent": "Millie", "Rosalind": "Roz",
        "Wilfred": "Wilf", "Jose Rizalino": "Riz", "Chukwudi": "Chuks", "Alasdair": "Ally", "Yekaterina": "Katya",
        "Dmitri": "Dima", "Bethany": "Beth", "Guadalupe": "Lupe", "Jean-François": "J-F", "Clementine": "Clem"}
# first names of women, for the notes whose patient must be one (postnatal visits)
FEMALE = {"Rhiannon", "Imogen", "Harriet", "Rosalind", "Clementine", "Tamsin", "Jocelyn", "Bronwyn", "Kirsty", "Isla",
          "Freya", "Felicity", "Nell", "Kayla", "Shelby", "Tiffany", "Misty", "Tanisha", "Latoya", "Hope", "Rose",
          "Pearl", "Ruby", "Millicent", "Bethany", "Lorraine", "Niamh", "Siobhan", "Aoife", "Orla", "Grainne",
          "Deirdre", "Sorcha", "Fionnuala", "Eilidh", "Morag", "Shona", "Catriona", "Priyanka", "Lakshmi",
          "Meenakshi", "Anjali", "Deepika", "Kavitha", "Ayesha", "Zainab", "Sowmya", "Nandini", "Bhavana", "Shalini",
          "Hui Min", "Xin Yi", "Mei Ling", "Siew Ling", "Li Na", "Jia Hui", "Shu Fen", "Nurul Aisyah", "Siti Khadijah",
          "Nur Izzati", "Maria Luz", "Ma. Cristina", "Aileen", "Mylene", "Marites", "Lovely", "Princess", "Joy",
          "Chiamaka", "Ngozi", "Adaeze", "Folasade", "Ifeoma", "Yetunde", "Hauwa", "Wanjiru", "Njeri", "Achieng",
          "Wambui", "Chebet", "Akinyi", "Nyambura", "Zawadi", "Thandiwe", "Lungile", "Nomvula", "Zanele", "Palesa",
          "Lerato", "Annelie", "Marelize", "Aroha", "Mere", "Losa", "Mele", "Geneviève", "Josée", "Marie-Ève",
          "Sylvie", "Guadalupe", "Xiomara", "Yesenia", "Maricela", "Itzel", "Yekaterina", "Agnieszka", "Noor",
          "Ingrid", "Lotte", "Thi Lan", "Oksana"}


@dataclass
class Person:
    first: str
    last: str
    origin: str
    middle: str = ""

    def full(self) -> str:
        if self.origin == "chinese":
            return f"{self.last} {self.first}"
        if self.origin == "malay":
            return f"{self.first} {pick_gender_link(self)} {self.last}"
        return f"{self.first} {self.last}"


def pick_gender_link(p: Person) -> str:
    return "bin" if p.first.split()[0] in ("Muhammad", "Ahmad") else "binti"


def person(rng, region: str) -> Person:
    mix = MIX[region]
    r = rng.randrange(sum(mix.values()))
    for origin, w in mix.items():
        if r < w:
            break
        r -= w
    firsts, lasts = POOLS[origin]
    last = pick(rng, lasts)
    if origin in ("anglo", "latino") and chance(rng, 0.06):
        other = pick(rng, lasts)
        if other != last and "-" not in other + last and " " not in other + last:
            last = f"{last}-{other}"
    mid = pick(rng, POOLS[origin][0]) if chance(rng, 0.2) and origin not in ("chinese", "malay") else ""
    return Person(pick(rng, firsts), last, origin, mid.split()[0] if mid else "")


def name(rng, p: Person, kind: str, form: str | None = None) -> str:
    """One way of writing the person's name, marked as ``kind`` (PATIENT / CLINICIAN / RELATIVE)."""
    f, l = p.first, p.last
    forms = ["full", "full", "last_first", "init_last", "last", "LAST_first", "first_mid_last", "first"]
    if kind == "CLINICIAN":
        forms = ["full", "init_last", "init_last", "last", "last", "initials", "full_init"]
    form = form or pick(rng, forms)
    if p.origin == "chinese" and form in ("full", "first_mid_last", "full_init"):
        return P(kind, f"{l} {f}")
    if p.origin == "malay" and form in ("full", "first_mid_last"):
        return P(kind, p.full())
    text = {
        "full": f"{f} {l}",
        "last_first": f"{l}, {f}",
        "LAST_first": f"{l.upper()}, {f}",
        "init_last": f"{f[0]}. {l}",
        "init_last_nodot": f"{f[0]} {l}",
        "last_init": f"{l} {f[0]}",
        "last": l,
        "first": f,
        "first_mid_last": f"{f} {p.middle[0] + '. ' if p.middle else ''}{l}",
        "initials": "".join(w[0] for w in (f.split() + l.replace("-", " ").split()) if w[0].isalpha()).upper(),
        "full_init": f"{f[0]}.{p.middle[0] + '.' if p.middle else ''} {l}",
        "initials_lower": "".join(w[0] for w in (f.split() + l.replace("-", " ").split()) if w[0].isalpha()).lower(),
        "upper": f"{f} {l}".upper(),
        "lower": f"{f} {l}".lower(),
        "nick": NICK.get(f, f),
        "surname_first": f"{l.upper()} {f}",
    }[form]
    return P(kind, text)


def possessive(rng, p: Person, kind: str) -> str:
    """``Name's`` with the ``'s`` outside the span (a surname ending in s takes a lone apostrophe)."""
    n = name(rng, p, kind, form=pick(rng, ["full", "last", "first"]))
    return n + ("'" if n.rstrip("\x03").endswith("s") else "'s")


# relation words without a sex: the surrogate names carry none, so a word must not contradict the name
RELATION = {"UK": ["partner", "spouse", "NOK", "next of kin", "carer", "sibling"],
            "US": ["spouse", "significant other", "adult child", "parent", "sibling", "emergency contact"],
            "IN": ["spouse", "attendant", "guardian", "in-law"], "NG": ["spouse", "sibling", "guardian", "relation"],
            "KE": ["guardian", "spouse", "caregiver"], "PH": ["watcher", "spouse", "guardian", "sibling"]}


def relation(rng, region: str) -> str:
    return pick(rng, RELATION.get(region, RELATION["UK"]))
