"""Hand-written person-name surrogates of the sixth frozen de-identification set.

Written for this set only (no package's name lists, no earlier generator): first names and surnames of
many origins, many of them ordinary English or clinical-looking words (Hope, Grant, Will, Payne, Blood),
multi-part surnames with particles (van der, de la, bin, O', Mc, Fitz) and hyphenated ones, nicknames,
and the staff titles and credentials written around clinicians' names.
"""

from __future__ import annotations

FIRST_NAMES = """
James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony
Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Edward Ronald Timothy Jason Jeffrey Ryan Jacob
Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Raymond Patrick Jack
Dennis Jerry Tyler Aaron Henry Douglas Peter Adam Nathan Zachary Walter Kyle Harold Carl Arthur Roger Keith
Lawrence Terry Sean Austin Noah Ethan Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah
Karen Nancy Lisa Betty Margaret Sandra Ashley Kimberly Emily Donna Michelle Dorothy Carol Amanda Melissa
Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Shirley Angela Helen Anna Brenda Pamela Nicole
Emma Samantha Katherine Christine Rachel Catherine Carolyn Janet Ruth Maria Heather Diane Virginia Julie
Joyce Victoria Olivia Kelly Lauren Joan Evelyn Judith Megan Cheryl Andrea Hannah Martha Frances Gloria
Teresa Kathryn Janice Jean Alice Doris Abigail Julia Judy Beverly Denise Marilyn Theresa Sophia Marie Diana
Natalie Isabella Charlotte Alexis Kayla Mildred Edna Gladys Ethel Florence Agnes Clarence Herbert Wilbur
Hope Grace Faith Joy Rose Ruby Pearl Iris Holly Ivy Dawn Amber Summer Winter Sunny Grant Hunter Chase Drew
Pat Guy Will Bill Sue Mark Frank Sterling Major Cash Dean Reed Lane Page Autumn Destiny Misty Crystal
Honey Rowan Patience Constance Charity Trinity Heaven Bishop Royal Price Young King Ward Marsh Temple
Jose Luis Carlos Juan Miguel Alejandro Javier Diego Sofia Valentina Camila Lucia Guadalupe Rosa Carmen
Pilar Ximena Mateo Santiago Marisol Esperanza Dolores Jesus Angel Ines Consuelo Rogelio
Chukwuemeka Ngozi Oluwaseun Adebayo Folake Kwame Kofi Ama Abena Yaw Akosua Chiamaka Emeka Ifeoma Babajide
Tunde Funmilayo Oumar Aminata Fatoumata Mamadou Ousmane Kelechi Obinna Wanjiru Njeri Achieng Baraka Zawadi
Amani Tesfaye Almaz Selam Abebe Makena Jabari Neema Thandiwe Sipho Lindiwe Bongani Nomvula
Priya Rahul Arjun Ananya Sanjay Deepika Vikram Lakshmi Ravi Sunita Aarav Kavya Harpreet Gurpreet Manpreet
Rajesh Anjali Nikhil Pooja Suresh Meena Farhan Ayesha Imran Nusrat Tahmina Rohan Divya Sita Ganesh Arvind
Wei Jing Xiaoming Mei Hiroshi Yuki Haruto Sakura Kenji Aiko Min-jun Seo-yeon Ji-woo Jae-hyun Hyun-woo Yuna
Takeshi Naoko Lan Jun Hui Ming Xiu Minh Linh Thanh Huong Anh Somchai Malee Siriporn Niran Rizal Siti Nurul
Agus Dewi Putri Joko Luzviminda Maricel Jericho Rodel Bayani
Ivan Dmitri Olga Svetlana Natasha Katarzyna Piotr Tomasz Agnieszka Jelena Milan Zoran Dragana Bogdan
Anastasia Yulia Oksana Mykola Vesna Radek Mohammed Ahmed Fatima Aisha Omar Khalid Layla Yousef Mariam
Hassan Hussein Noor Zainab Tariq Samira Karim Rania Nadia Ibrahim Salma Darius Farnaz Shirin Parisa Reza
Cyrus Arash Nasrin Golnar Kamran Roya Behrouz Emre Elif Mehmet Ayse Burak Zeynep Can Deniz Selin Oguz
Murat Ebru Siobhan Niamh Aoife Ciaran Eoin Padraig Sinead Declan Roisin Fionnuala Seamus Grainne Oisin
Caoimhe Ailsa Hamish Fraser Morag Eilidh Angus Lachlan Isla Kirsty Rhys Gethin Cerys Bethan Dafydd Gwyneth
Owain Sian Eluned Ieuan Carys Aroha Tane Wiremu Mere Hemi Anahera Ngaio Rangi Kahu Manaia Sione Losa Mele
Tevita Malakai Leilani Keoni Pita Salote Aiyana Chenoa Takoda Winona Dakota Cheyenne Sequoia Nayeli Kimi
Aponi Tallulah Onawa Avraham Yosef Moshe Shira Miriam Tova Chaim Rivka Yael Eliezer Devorah Noa Ari
Mordechai Esther Joao Goncalo Thiago Bruna Larissa Rafaela Fernanda Joaquim Conceicao Leandro Vitoria
Pieter Johannes Willem Annelies Sanne Daan Joost Marieke Riaan Elmarie Wouter Anneke Hendrik Stefanus Lars
Sven Ingrid Astrid Bjorn Freya Sigrid Nils Kari Henrik Annika Erik Liv Solveig Magnus Tuula Aino Giorgos
Dimitrios Eleni Katerina Nikos Sotiria Vasilis Anastasios Panagiota Theodora Yiannis Christos Giuseppe
Francesca Alessandro Giulia Matteo Chiara Lorenzo Giovanni Rosalba Salvatore Concetta Vincenzo Paola Luca
""".split()

SURNAMES = """
Hope Grant Rose Hunter Young Price King Wood Bishop Frank Joy Mark Rich Page Lane Ward Sharp Brown Payne
Temple Bell Moss Fox Stone Hill Marsh Green Black White Little Small Short Long Ball Bush Cross Lamb Nash
Reed Bond Dean Sterling Major Cash Chase Drew Guy Summers Winter Hart Best Gold Silver Church Hall Banks
Street Mann Love Wise Wolf Rice Fields Woods Brooks Knight Baker Cook Carpenter Mason Porter Walker Fisher
Parker Miller Taylor Smith Johnson Williams Jones Davis Wilson Moore Thomas Jackson Harris Martin Thompson
Clark Lewis Robinson Allen Wright Scott Adams Nelson Carter Mitchell Turner Campbell Evans Edwards Collins
Stewart Morris Murphy Rogers Cooper Peterson Gray Watson Sanders Bennett Barnes Ross Henderson Coleman
Jenkins Perry Powell Patterson Hughes Washington Butler Simmons Foster Bryant Alexander Russell Griffin
Hayes Myers Ford Hamilton Graham Sullivan Wallace West Cole Stevens Tucker Hardy Rivers Gentry Sweet Peace
Noble Golden Swift Quick Strong Stout Moody Savage Friend Bright Goodman Darling Fairweather Constable
Painter Chandler Fletcher Archer Bowman Sexton Abbott Pope Monk Dove Crane Swan Finch Sparrow Heron Blood
Bone Heal Nurse Doctor Care Hale Coffin Salmon Lemon Pepper Rainey Frost Snow Gale Storm Strange Able
Garcia Lopez Rodriguez Martinez Hernandez Gonzalez Perez Sanchez Ramirez Torres Flores Rivera Gomez Diaz
Morales Reyes Cruz Ortiz Gutierrez Chavez Ramos Ruiz Alvarez Mendoza Castillo Jimenez Vargas Santos Guzman
Herrera Medina Aguilar Vega Delgado Soto Fuentes Ibarra Navarro
Okafor Adeyemi Mensah Owusu Boateng Asante Nwosu Okonkwo Eze Balogun Diallo Traore Kone Ouedraogo Sow
Ndiaye Diop Abiodun Ogunleye Obi Agyeman Appiah Oyelaran Kamau Mwangi Otieno Ochieng Njoroge Wanjala Kiprop
Chebet Haile Bekele Mengistu Abdi Warsame Nakato Mugisha Okello Kariuki Dlamini Nkosi Ndlovu Khumalo
Mokoena Mthembu Zulu Naidoo Govender Moodley Pillay Sithole
Patel Shah Sharma Gupta Singh Kaur Reddy Iyer Nair Menon Chatterjee Banerjee Mukherjee Desai Joshi Kulkarni
Rao Khan Chaudhry Siddiqui Hussain Rahman Chowdhury Bhattacharya Ranganathan Venkatesan Fernando Perera
Jayawardena Thapa Gurung Bose Malhotra Kapoor Mehta
Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Lin Tanaka Suzuki Takahashi Watanabe Yamamoto
Nakamura Kobayashi Sato Ito Kim Lee Park Choi Jung Kang Cho Yoon Lim Han Ng Tan Lau Chan Wong Cheung Leung
Ho Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do Bautista Villanueva Mercado Aquino Wijaya Susanto
Hartono Gunawan Suwannarat Chaiyaporn Srisai Thammavong Phommachanh
Kowalski Nowak Wisniewska Wojcik Kowalczyk Ivanov Petrov Sokolov Smirnova Popova Kuznetsov Novak Horvat
Kovacevic Jovanovic Petrovic Dvorak Svoboda Novotna Shevchenko Bondarenko Kovalenko Tkachenko Zielinski
Lewandowski Mazur Kravchenko
Haddad Khoury Nasser Mansour Saleh Abdullah Aziz Farouk Hamdan Rahim Suleiman Abboud Darwish Bakr
Hosseini Rahimi Moradi Karimi Tehrani Jafari Rostami Ahmadi Sadeghi Esfahani Shirazi Mohammadi Ghorbani
Farahani Yilmaz Kaya Demir Sahin Celik Yildiz Ozturk Aydin Arslan Dogan Kilic Aslan Koc Kurt Polat
Byrne Kelly Walsh Ryan Doyle Brennan Gallagher Kavanagh Quinn Cunningham Fraser Buchanan Drummond Sinclair
Kerr Munro Ferguson Gillies Mackay Davies Pritchard Prosser Bevan Llewellyn Griffiths Morgan Rees Vaughan
Howells Lloyd Pugh Parry Ngata Parata Tamihana Rangihau Ruatapu Tautahi Faleolo Tuilagi Fonoti Vaifale
Tupou Fifita Taufa Kealoha Kahananui Nakoa Yazzie Begay Tsosie Benally Whitehorse Littlewolf Silverheels
Redcloud Runningwater Cohen Levy Goldberg Friedman Katz Shapiro Rosenberg Weiss Klein Adler Mizrahi
Abramowitz Feldman Blum Rubin Schwartz Horowitz Silva Oliveira Souza Pereira Costa Ferreira Almeida
Carvalho Gomes Ribeiro Barbosa Rocha Cardoso Teixeira Magalhaes Albuquerque Nascimento Botha Pretorius Nel
Visser Jansen Bakker Smit Mulder Vermeulen Steyn Coetzee Kruger Bosman Johansson Andersson Nilsson Larsen
Hansen Jensen Nielsen Eriksson Lindqvist Berg Dahl Haugen Virtanen Korhonen Makinen Lund Holm Sorensen
Bjornsson Magnusdottir Papadopoulos Georgiou Dimitriou Nikolaidis Konstantinou Papadakis Alexiou Vlachos
Christodoulou Economou Pappas Angelopoulos Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci
Marino Greco Bruno Gallo Conti Mancini Giordano Rizzo Lombardi Moretti
""".split()

# Multi-part, particle and hyphenated surnames (spaces and apostrophes inside one surname).
MULTI_SURNAMES = [
    "van der Merwe", "van der Berg", "van Wyk", "du Plessis", "de Vries", "van Dijk", "de Jong",
    "van den Heever", "de Klerk", "de la Cruz", "de la Fuente", "del Rosario", "dela Cruz", "dos Santos",
    "da Costa", "de Souza", "bin Hassan", "bin Salleh", "binti Ismail", "Al-Sayed", "Al-Hashimi", "El-Amin",
    "al-Masri", "Abu Bakar", "O'Brien", "O'Sullivan", "O'Connor", "O'Neill", "O'Reilly", "O'Donnell", "O'Shea",
    "O'Mahony", "McCarthy", "McLaughlin", "MacDonald", "MacLeod", "McKenzie", "McGregor", "McAllister",
    "McIntyre", "Fitzgerald", "FitzPatrick", "Fitzsimmons", "ap Rhys", "Te Awa", "Te Whata", "Two Bulls",
    "Many Goats", "Lone Elk", "Ben-David", "Di Stefano", "La Rosa", "Lo Bianco", "D'Angelo", "De Luca",
    "Garcia Lopez", "Hernandez Ruiz", "Smith-Okafor", "Garcia-Nguyen", "Hughes-Mensah", "Kaur-Bennett",
    "Jones-Parry", "Lloyd-Evans", "Taylor-Haddad", "Morales-Chen", "Ashworth-Kemp", "Rees-Morgan",
    "Fenwick-Dlamini", "Ortega-Whitfield", "Bell-Yazzie", "Okoro-Lindqvist", "St. Clair", "St John",
]

# Given name -> nicknames used in notes (the nickname is the person's name: PATIENT / RELATIVE / CLINICIAN).
NICKNAMES = {
    "Robert": ["Bob", "Bobby", "Rob", "Robbie"], "William": ["Bill", "Billy", "Will", "Liam"],
    "Patricia": ["Pat", "Patsy", "Trish"], "Elizabeth": ["Liz", "Beth", "Betsy", "Lizzie"],
    "Margaret": ["Peggy", "Maggie", "Meg"], "Richard": ["Rich", "Rick", "Dick"], "James": ["Jim", "Jimmy"],
    "Joseph": ["Joe", "Joey"], "Susan": ["Sue", "Suzy"], "Katherine": ["Kate", "Kathy", "Katie"],
    "Christopher": ["Chris", "Kit"], "Michael": ["Mike", "Mikey"], "Thomas": ["Tom", "Tommy"],
    "Edward": ["Ed", "Ted", "Eddie"], "Andrew": ["Drew", "Andy"], "Samuel": ["Sam", "Sammy"],
    "Jennifer": ["Jen", "Jenny"], "Deborah": ["Debbie", "Deb"], "Dorothy": ["Dot", "Dottie"],
    "Frances": ["Fran", "Frankie"], "Alejandro": ["Alex"], "Guadalupe": ["Lupe"], "Dolores": ["Lola"],
    "Oluwaseun": ["Seun"], "Chukwuemeka": ["Emeka"], "Dimitrios": ["Jimmy", "Takis"],
    "Giuseppe": ["Joe", "Pino"], "Francesca": ["Frankie", "Cesca"], "Ivan": ["Vanya"],
    "Anastasia": ["Stacey", "Nastya"], "Henry": ["Hank", "Harry"], "Lawrence": ["Larry"],
    "Douglas": ["Doug"], "Benjamin": ["Ben", "Benny"], "Harold": ["Hal"], "Mildred": ["Millie"],
    "Florence": ["Flo"], "Gwyneth": ["Gwen"], "Padraig": ["Paddy"], "Seamus": ["Jimmy"],
}

CLINICIAN_CREDENTIALS = [
    "MD", "DO", "RN", "NP", "PA-C", "LPN", "CNA", "MBBS", "MBChB", "FRCP", "FRACP", "FRCS", "MRCGP",
    "PharmD", "LCSW", "LMHC", "PhD", "AuD", "DPM", "RDMS", "RDCS", "CNMT", "R.T.(R)(M)", "CMA",
    "RGN", "RMN", "CCRN", "BSN", "MSW", "DNP", "CADC", "MA",
]

STAFF_ROLES = [
    "case manager", "charge nurse", "ward clerk", "unit secretary", "medical assistant", "sonographer",
    "audiologist", "podiatrist", "counsellor", "transcriptionist", "registrar", "consultant", "physio",
    "health visitor", "midwife", "dietetic assistant", "utilisation reviewer", "billing specialist",
    "patient liaison officer", "practice manager", "EEG technologist", "nuclear medicine technologist",
    "paramedic", "care coordinator", "embryologist", "athletic trainer",
]

RELATIVE_ROLES = [
    "wife", "husband", "daughter", "son", "mother", "mum", "mom", "father", "dad", "sister", "brother",
    "partner", "fiance", "grandson", "granddaughter", "niece", "nephew", "aunt", "uncle", "son-in-law",
    "daughter-in-law", "step-daughter", "neighbour", "friend", "carer", "foster mother", "guardian",
]
