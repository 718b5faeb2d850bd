"""Hand-written person-name surrogates of frozen set 4 (no Faker, no census or package lists).

Given names and surnames from many origins, on purpose including names that are ordinary English
words (Hope, Grant, Will, Bishop, Wood, Price ...), two-part and hyphenated surnames, and nicknames.
Add names by appending to the strings below: given names are whitespace-separated, surnames are
comma-separated (so "de la Cruz" stays one surname).
"""

from __future__ import annotations

_FIRST = """
James Mary Robert Linda Dorothy Harold Eleanor Walter Margaret Eugene Beverly Clifford Judith Dale
Shirley Wayne Gloria Russell Lorraine Vernon Darlene Kyle Brittany Tyler Ashley Cody Amber Dustin
Heather Travis Misty Brandon Crystal Austin Kayla Logan Madison Hunter Paisley Brooklyn Colton Wyatt
Harper Everett Hazel Mabel Otis Agnes Clyde Opal Myrtle Homer Ethel Virgil Imogen Alistair Nigel
Gwendolyn Rupert Philippa Elizabeth Katherine Patricia William Richard Thomas Deborah Kenneth Bonnie
Hope Grant Rose Joy Will Mark Bill Rich Frank Faith Grace Dawn Summer Autumn April June May Ivy Lily
Daisy Pearl Ruby Sterling Chase Lance Glenn Dean Earl Guy Major Royal Precious Honor Patience Charity
Sunny Rusty Buck Sandy Stormy Destiny Trinity Justice Miles Art Bob Pat Sue Ray Don Gene Jay Drew Jack
Rocky Penny Candy Holly Heath King Page Young Wood Price
Jose Guadalupe Maria Juan Carmen Luis Yesenia Alejandro Xiomara Rafael Marisol Jesus Esperanza Joaquin
Dolores Ignacio Araceli Fernando Itzel Santiago Ximena Consuelo Refugio Eduardo Yadira Rigoberto
Lourdes Mateo Catalina Osvaldo Paloma Evaristo Maricela Anselmo Nayeli Graciela Heriberto Socorro
Chinedu Ngozi Oluwaseun Adaeze Kwame Akosua Kofi Abena Yaw Efua Babajide Folake Chiamaka Emeka Tunde
Funmilayo Ifeoma Obinna Yetunde Kwabena Ama Mamadou Fatoumata Ousmane Aminata Sekou Mariama Ibrahima
Adwoa Nnamdi Chukwuemeka Temitope Olamide Bisi Kayode
Priya Arjun Lakshmi Rajesh Sunita Vikram Ananya Sanjay Deepika Harpreet Gurpreet Manpreet Aarav Kavya
Nikhil Shreya Rohan Meenakshi Venkatesh Padma Imran Farhana Tahmina Rahul Sushila Ajit Nandini Karthik
Divya
Wei Xiaoling Jian Mei Hiroshi Yuki Kenji Sakura Haruto Aiko Min-jun Seo-yeon Ji-woo Hyun Thanh Linh
Minh Huong Quang Bao Phuong Tuan Lei Yun Takeshi Naoko Jae-won
Dmitri Olga Svetlana Vladimir Natasha Bogdan Katarzyna Wojciech Agnieszka Miroslav Zdenka Yevgenia
Oleksandr Tetyana Milos Jelena Radoslav Irina Stanislav Ludmila Piotr Bozena
Mohammed Fatima Ahmad Layla Omar Yasmin Khalid Nour Tariq Samira Hassan Amira Youssef Rania Bilal Huda
Karim Zainab Mustafa Leila Walid Salma
Siobhan Niamh Padraig Aoife Ciaran Declan Eoin Saoirse Roisin Cormac Grainne Oisin Brigid Seamus
Mairead Fionn Dervla Colm
Keola Leilani Kalani Makana Noelani Kainoa Malia Keanu Pualani Ikaika Kawika Nalani Mahina Kekoa
Takoda Winona Chayton Aiyana Dakota Kimimela Ahanu Hania Sahkyo Tallulah Wapasha Catori Elan Istas
Nikolaos Eleni Giuseppe Francesca Matthias Annika Sven Ingrid Lars Birgit Tomasz Zoltan Erzsebet Ravi
Anouk Joost Femke Dagny Bjorn Thiago Beatriz Goncalo Ines
"""

_SURNAMES = """
Young, Price, King, Wood, Bishop, Frank, Page, Lane, Ward, Moody, Sharp, Brown, Grant, Hunter, Rose,
Hope, Little, Strong, Black, White, Green, Gray, Hill, Rich, Best, Wise, Small, Long, Short, Parks,
Banks, Fields, Rivers, Street, Baker, Cook, Mason, Carpenter, Fisher, Hunt, Marsh, Dean, Knight,
Porter, Church, Bell, Stone, Waters, Winter, Summers, Love, Sweet, Golden, Cross, Case, Cash, Power,
Bond, Major, Moss, Reed, Frost, Sparrow, Crane, Fox, Wolf, Lamb, Bird, Drake, Swift, Noble, Pope,
Chambers, Booth, House, Hall, Bush, Berry, Cole, Day, Mayo, Graves, Joy, Will, Mark, Bill,
Whitaker, Hollingsworth, Pemberton, Ashby, Thornton, Caldwell, Blevins, Pruitt, Kincaid, Honeycutt,
Stallings, Varnell, Dobbins, Crenshaw, Ledbetter, Fairbanks, Whitlock, Overstreet, Mabry, Tillman,
Hargrove, Rutledge, Satterfield, Birdsong, Applewhite, Bynum, Tuttle, Gaskins,
Gutierrez, Villanueva, Castaneda, Ochoa, Quintero, Zamora, Arellano, Bautista, Cervantes, Espinoza,
Fuentes, Galindo, Hinojosa, Ibarra, Jaramillo, Lozano, Montoya, Navarro, Orozco, Pacheco, Quiroz,
Rosales, Saldana, Trevino, Uribe, Valdez, Zuniga, de la Cruz, de Leon, del Rio, de los Santos,
Garcia-Lopez, San Miguel, Ruiz,
Okafor, Adeyemi, Mensah, Boateng, Asante, Owusu, Nwosu, Eze, Okonkwo, Adebayo, Diallo, Traore, Keita,
Coulibaly, Toure, Sow, Bah, Nnamani, Oyelaran, Ogunleye, Akinola, Chukwu, Obi, Appiah, Darko,
Agyeman, Fofanah, Kamara, Sesay, Conteh,
Patel, Shah, Reddy, Iyer, Chatterjee, Banerjee, Krishnamurthy, Venkataraman, Gill, Sandhu, Dhillon,
Grewal, Chaudhry, Qureshi, Rahman, Hossain, Siddiqui, Menon, Pillai, Nair, Desai, Mehta, Joshi,
Kulkarni, Subramanian, Bhattacharya,
Nguyen, Tran, Pham, Le, Hoang, Vu, Dang, Bui, Nguyen-Tran, Le-Pham, Kim, Park, Choi, Jung, Kang,
Yoon, Lim, Wang, Zhang, Liu, Huang, Zhao, Xu, Sun, Tanaka, Watanabe, Yamamoto, Nakamura, Kobayashi,
Fujita, Ito, Sato, Ng, Wong, Leung, Chan, Lau, Cheung, Yeung, Ho,
Kowalski, Nowak, Wisniewski, Wojcik, Kaminski, Lewandowski, Zielinski, Szymanski, Dabrowski, Petrov,
Ivanova, Sokolov, Kuznetsov, Popescu, Horvath, Novak, Dvorak, Kovacs, Shevchenko, Bondarenko,
Kovalenko, Tkachenko, Jovanovic, Petrovic, Nikolic, Markovic, Babic,
Al-Sayed, Haddad, Khoury, Nasser, Mansour, Saleh, Abdullah, El-Amin, Hamdan, Farouk, Ibrahim, Bakr,
Aziz, Rashid, Darwish, Al-Khatib, Abu-Ghazaleh, Shaheen, Yousef, Najjar,
O'Neill, O'Brien, McCarthy, Gallagher, Doherty, Kennedy, Lynch, Murphy, Quinn, Byrne, Fitzgerald,
Mac Giolla, O'Sullivan, Donnelly, McLaughlin, Brennan, Kavanagh, Ni Bhriain, Costello, Dunne,
Kahananui, Akana, Kealoha, Kamakana, Keawe, Kaleikini, Mahoe, Nakoa, Kahale, Kanahele, Kaupu, Pali,
Yazzie, Begay, Tsosie, Benally, Runningwater, Two Bulls, Eagleheart, Whitehorse, Littlewolf,
Redcloud, Blackfeather, Manygoats, Attakai, Tohee, Silversmith, Tall Chief,
Van Der Berg, van Dijk, Van Houten, de Vries, Ter Haar, von Stein, Mueller, Schmidt, Fischer, Becker,
Hoffmann, Lindqvist, Johansson, Eriksen, Haugen, Papadopoulos, Georgiou, Rossi, Esposito, Bianchi,
Romano, Costa, Ferreira, Oliveira, Santos, Silva,
Smith-Jones, Harper-Vance, Okafor-Mensah, Baxter-Holmes, Rivera-Ortiz, Chen-Wallace, Kowalski-Reed,
St. Clair, St. John, D'Angelo, D'Souza, LaFleur, LeBlanc, DuBois, McIntyre, MacDonald
"""

# given name -> short forms a note may use instead
NICKNAMES = {
    "Robert": ["Bob", "Bobby", "Rob"], "William": ["Will", "Billy", "Bill"], "Margaret": ["Peggy", "Maggie"],
    "Elizabeth": ["Liz", "Betsy", "Beth"], "Richard": ["Rich", "Rick"], "James": ["Jim", "Jimmy"],
    "Katherine": ["Kate", "Kathy"], "Patricia": ["Pat", "Patty"], "Dorothy": ["Dot", "Dottie"],
    "Oluwaseun": ["Seun"], "Chukwuemeka": ["Emeka"], "Alejandro": ["Alex"], "Guadalupe": ["Lupe"],
    "Thomas": ["Tom", "Tommy"], "Deborah": ["Deb", "Debbie"], "Kenneth": ["Ken", "Kenny"],
    "Eugene": ["Gene"], "Francesca": ["Frankie"], "Nikolaos": ["Nick"], "Vladimir": ["Vova"],
    "Funmilayo": ["Funmi"], "Santiago": ["Santi"], "Mohammed": ["Mo"], "Kawika": ["Kawi"],
    "Svetlana": ["Sveta"], "Temitope": ["Tope"], "Harold": ["Hal"], "Walter": ["Walt"],
}

FIRST_NAMES = sorted(set(_FIRST.split()))
SURNAMES = sorted({s.strip() for s in _SURNAMES.replace("\n", " ").split(",") if s.strip()})
