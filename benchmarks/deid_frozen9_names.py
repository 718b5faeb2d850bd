"""Hand-written surrogate people for the ninth frozen de-identification set.

Every list here was typed for set 9 (no package name lists, no earlier set's lists).
Names come from many origins and include plenty that are ordinary English or
clinical-looking words (Hope, Grant, Stone, Marsh, Payne, Pearl ...), so that a
recogniser cannot lean on "capitalised word not in a dictionary".
"""

from __future__ import annotations

FIRST_NAMES = """
Hope Grant Rose Hunter Price King Frank Joy Mark Rich Page Lane Sterling Major Faith Grace Sunny
Summer Winter Dawn Amber Ruby Pearl Iris Holly Ivy Cash Chase Drew Pat Guy Will Bill Sue Dean Reed
Brooke Autumn Skye Misty Crystal Sage Hazel Jade Robin Faye Gay Dusty Rusty Buck Earl Duke Royal
Mercy Patience Prudence Charity Honor Verity Constance Felicity Trinity Destiny Liberty Harmony
Oliver Amelia Harry Isla Jack Freya George Poppy Charlie Evie Alfie Millie Thomas Daisy Arthur Florence
Margaret Dorothy Edith Mabel Agnes Harold Walter Cyril Norman Gladys Winifred Percy Reginald Doris
Alejandro Lucia Mateo Valentina Santiago Camila Diego Ximena Javier Guadalupe Rafael Paloma Ignacio
Rocio Maribel Yolanda Esperanza Consuelo Dolores Jesus Angel Concepcion Socorro Lupe Nacho Paco
Chidi Ngozi Emeka Adaeze Oluwaseun Folake Tunde Yetunde Kwame Ama Kofi Akosua Yaw Abena Kwabena
Amara Chiamaka Obinna Ifeoma Babajide Funmilayo Wanjiru Njeri Kamau Otieno Achieng Baraka Zawadi
Tendai Chipo Tatenda Nomvula Thabo Sipho Lerato Zanele Mandla Ayodele Bongani Naledi Mpho Palesa
Wei Mei Jun Xiu Hao Ling Yong Fang Hui Jian Hiroshi Yuki Haruto Sakura Kenji Aiko Takeshi Naoko
Minjun Seoyeon Jiho Haeun Dongwook Soojin Hyun Eunji Thanh Linh Minh Huong Tuan Ngoc Duc Phuong
Somchai Malee Arun Siriporn Budi Sri Putu Wayan Dewi Agus Rizal Nurul Siti Farah Aziz Mohd
Priya Rahul Ananya Vikram Deepa Sanjay Lakshmi Arjun Kavya Rohan Meera Harpreet Gurdeep Jaspreet
Sunita Rajesh Anjali Nikhil Shreya Imran Ayesha Bilal Sana Tariq Nadia Zubair Hina Kamal Rashida
Olga Dmitri Svetlana Nikolai Katarzyna Piotr Agnieszka Tomasz Bogdan Milena Vesna Dragan Jelena
Zoran Irina Yuri Natasha Oksana Taras Borys Halyna Miroslav Ludmila Stanislav Radek Zdenka
Mohammed Fatima Omar Layla Yusuf Khadija Hassan Mariam Khalid Noor Ibrahim Amira Tarek Salma
Reza Shirin Dariush Parisa Kourosh Nasrin Babak Golnaz Cyrus Roya Mehmet Ayse Emre Elif Burak
Zeynep Mustafa Ozlem Cem Deniz Seamus Siobhan Niamh Padraig Aoife Ciaran Grainne Eoin Roisin Declan
Oisin Caoimhe Fergus Morag Hamish Ailsa Lachlan Kirsty Dougal Isla Rhys Cerys Dafydd Bronwen Gethin
Sioned Iolo Angharad Tane Aroha Wiremu Mere Hemi Ngaire Rawiri Moana Sione Mele Tevita Losa Malia
Kai Koa Leilani Keanu Tallulah Cheyenne Dakota Winona Ahanu Takoda Nayeli Chayton Aiyana
Moshe Rivka Yitzhak Chaya Shlomo Devorah Avraham Miriam Eliezer Tova Mendel Batya
Joao Mariana Thiago Beatriz Goncalo Leticia Rodrigo Fernanda Afonso Ines Tiago Rafaela
Pieter Anneke Joost Marieke Sven Ingrid Lars Astrid Bjorn Sigrid Nils Freja Henrik Solveig Erik
Dimitrios Eleni Nikos Katerina Yannis Sofia Christos Vasiliki Giorgos Panagiota
Giuseppe Francesca Matteo Chiara Lorenzo Giulia Alessandro Federica Salvatore Rosaria Vincenzo
Bobby Tommy Jimmy Kathy Peggy Betty Debbie Sandy Mandy Terry Jerry Benny Lenny Bea Dot Nell Ted Fred
Mo Al Sal Dom Vinny Sonny Bud Chip Skip Kit Tess Bess Meg Liz Kate Ann Jo Em Val Lou
"""

SURNAMES = """
Hope Grant Rose Hunter Young Price King Wood Bishop Frank Joy Mark Rich Page Lane Ward Sharp Brown
Payne Temple Bell Moss Fox Stone Hill Marsh Green Black White Little Small Short Long Ball Bush Cross
Lamb Nash Reed Bond Dean Sterling Major Faith Grace Winter Summer Dawn Pearl Holly Cash Chase Drew
Guy Will Bill Sue Love Hart Heart Best Strong Wise Swift Hale Gill Ray Rush Wells Banks Brooks Fields
Head Foot Hand Bone Blood Nurse Doctor Mann Pain Lung Cross Burns Cole Coffin Body Stroke Bath Bed
Waters Rivers Lake Pool Bridge Ford Churchill Chambers Gates Marshall Sergeant Parsons Vicar Abbott
Carter Cooper Fletcher Fowler Gardener Glover Hooper Mason Miller Potter Salter Slater Thatcher
Turner Weaver Baker Butcher Cook Fisher Farmer Shepherd Smith Taylor Walker Webb Wright Archer
Garcia Hernandez Lopez Martinez Gonzalez Rodriguez Perez Sanchez Ramirez Torres Flores Rivera Gomez
Diaz Morales Ortiz Gutierrez Chavez Ramos Ruiz Vargas Castillo Jimenez Moreno Romero Alvarez Mendoza
Okafor Adeyemi Okonkwo Eze Nwosu Balogun Adebayo Oyelaran Mensah Asante Owusu Boateng Osei Appiah
Agyeman Kariuki Mwangi Otieno Ochieng Wanjala Kiprono Mutua Ndlovu Dlamini Khumalo Nkosi Mokoena
Zulu Moyo Chikwanha Banda Phiri Tembo Mbeki Diallo Traore Keita Coulibaly Sow Ba Ndiaye Diop
Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin He Gao Luo Tanaka Suzuki
Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi Kato Sato Kim Lee Park Choi Jung Kang Cho Yoon
Jang Lim Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do Ngo Duong Santos Reyes Cruz Bautista Ocampo
Villanueva Aquino Dela Cruz Wongsawat Srisuk Chaiyaporn Suharto Wijaya Halim Gunawan Rahman Ismail
Patel Shah Sharma Singh Kumar Gupta Reddy Iyer Nair Menon Pillai Rao Desai Joshi Mehta Chatterjee
Banerjee Mukherjee Das Bose Sandhu Gill Dhillon Grewal Chaudhry Qureshi Malik Khan Hussain Akhtar
Butt Siddiqui Ahmed Chowdhury Hossain Islam Begum Uddin Karim Nowak Kowalski Wisniewski Wojcik
Kaminski Lewandowski Zielinski Szymanski Dabrowski Ivanov Petrov Smirnov Sokolov Volkov Popescu
Novak Horvat Kovac Jovanovic Petrovic Nikolic Shevchenko Kovalenko Bondarenko Tkachenko Melnyk
Al-Rashid Haddad Khoury Nasser Saleh Mansour Farouk Abdullah Hamdan Darwish Aziz Bakr Jaber
Hosseini Mohammadi Rezaei Karimi Ahmadi Moradi Tehrani Jafari Sadeghi Yilmaz Kaya Demir Sahin Celik
Yildiz Ozturk Aydin Arslan Dogan Murphy Kelly Byrne Ryan Walsh Doyle Kavanagh Brennan Gallagher
Flanagan Quinn Nolan Keane Hegarty Cassidy Donnelly MacLeod Mackenzie Campbell Fraser Drummond
Munro Sinclair Lindsay Buchanan Robertson Urquhart Ferguson Jones Davies Evans Hughes Llewellyn
Pritchard Prosser Bowen Griffiths Vaughan Powell Morgan Tipene Ngata Parata Horomona Tuhiwai Walker
Fonoti Tuilagi Faleolo Taufa Havili Lolohea Nakamura Kahananui Redcloud Yazzie Begay Tsosie Benally
Whitehorse Runningwater Lonebear Littlefeather Cohen Levy Goldberg Friedman Katz Rosenberg
Schwartz Shapiro Weiss Horowitz Adler Mizrahi Ben-David Ferreira Oliveira Souza Pereira Almeida
Carvalho Ribeiro Rocha Nascimento Barbosa Cardoso Teixeira Bakker Visser Smit Meijer Mulder
De Vries Jansen Botha Pretorius Du Plessis Van Wyk Nel Venter Johansson Andersson Nilsson Larsen
Hansen Pedersen Lindqvist Halvorsen Virtanen Korhonen Papadopoulos Georgiou Nikolaidis Pappas
Konstantinou Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo
Conti De Luca Costa Giordano Mancini Lombardi
"""

# Multi-part, hyphenated and particle surnames: kept as whole strings.
SURNAMES_COMPOUND = [
    "van der Berg", "van der Merwe", "van den Heuvel", "de la Cruz", "de la Fuente", "de los Santos",
    "bin Abdullah", "bin Hassan", "binti Yusof", "O'Connor", "O'Sullivan", "O'Leary", "O'Brien",
    "O'Neill", "McCarthy", "McGregor", "MacDonald", "McAllister", "McKenna", "FitzGerald",
    "Fitzpatrick", "Fitzroy", "Smith-Jones", "Hughes-Owen", "Garcia-Lopez", "Okafor-Mensah",
    "Patel-Kerr", "Nguyen-Tran", "Al Zahrani", "El Amrani", "Abu Bakr", "da Silva", "dos Santos",
    "di Stefano", "Le Roux", "St. Clair", "Ap Rhys", "Te Huia", "Ben-Ami", "Kaur-Sandhu",
    "Lloyd-Webber", "Rees-Mogg", "Van Rensburg", "De Souza", "Mac an tSaoir", "Ni Bhriain",
]

NICKNAMES = {
    "William": "Bill", "Robert": "Bob", "Margaret": "Peggy", "Elizabeth": "Liz", "Richard": "Dick",
    "Katherine": "Kate", "Thomas": "Tommy", "James": "Jim", "Patricia": "Pat", "Edward": "Ted",
    "Dorothy": "Dot", "Susan": "Sue", "Alexander": "Sandy", "Francesca": "Frankie", "Giuseppe": "Beppe",
    "Oluwaseun": "Seun", "Babajide": "Jide", "Funmilayo": "Funmi", "Dmitri": "Dima", "Mohammed": "Mo",
}

CREDENTIALS = ["MD", "DO", "RN", "NP", "PA-C", "MBBS", "FRCP", "MRCGP", "RGN", "RMN", "CNS",
               "OT", "PT", "LCSW", "PharmD", "EMT-P", "BSc RN", "MBChB", "FRACP", "DipHE"]

STAFF_ROLES = ["Dr", "Dr.", "Nurse", "Sister", "Charge Nurse", "Matron", "Prof.", "Mr", "Ms", "Sr",
               "Paramedic", "OT", "Physio", "Reg", "SHO", "Consultant", "Locum Dr", "Tech",
               "Scribe", "Clerk", "Coordinator", "Pharmacist", "HCA", "Medic"]

RELATIVE_ROLES = ["wife", "husband", "daughter", "son", "mother", "mum", "mom", "father", "dad",
                  "sister", "brother", "partner", "fiance", "niece", "nephew", "granddaughter",
                  "grandson", "aunt", "uncle", "stepfather", "foster carer", "carer", "neighbour",
                  "cousin", "daughter-in-law", "son in law", "ex-wife", "guardian", "next of kin"]


def _split(block: str) -> list[str]:
    seen: dict[str, None] = {}
    for word in block.split():
        seen.setdefault(word, None)
    return list(seen)


FIRST = _split(FIRST_NAMES)
# "Dela Cruz" / "De Vries" etc. in the block are split on spaces; the compound list keeps them whole.
LAST = [w for w in _split(SURNAMES) if w not in {"Dela", "De", "Du", "Van"}] + SURNAMES_COMPOUND
