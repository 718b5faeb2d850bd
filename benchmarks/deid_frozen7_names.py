"""Hand-written person-name surrogates for the seventh frozen English set.

Written for this set only (no package name lists).  Many names are ordinary
English or clinical-looking words on purpose (Hope, Grant, Ward, Bishop, Joy).
"""

FIRST = """
James Mary Robert Linda Michael Susan David Karen Thomas Nancy Daniel Betty Paul Sandra Kevin Donna
Brian Carol George Ruth Edward Sharon Ronald Helen Gary Debra Jason Diane Scott Joyce Eric Gloria
Hope Grant Rose Hunter Frank Joy Mark Rich Faith Grace Sunny Summer Winter Dawn Amber Ruby Pearl Iris
Holly Ivy Chase Drew Pat Guy Will Bill Sue Sterling Major Dean Lane Page Price King Bishop Temple Reed
Jose Maria Juan Carmen Luis Rosa Miguel Lucia Alejandro Guadalupe Javier Marisol Diego Ximena Rafael Pilar
Jesus Consuelo Ignacio Paloma Rodrigo Itzel Mateo Yolanda Santiago Inmaculada
Chinedu Ngozi Oluwaseun Folake Emeka Adaeze Kwame Abena Kofi Akosua Yaw Efua Tunde Bisi Chiamaka Obinna
Amara Kelechi Babajide Yetunde Ama Kwesi Nana Adwoa
Wanjiru Otieno Achieng Kamau Njeri Mwangi Zawadi Baraka Amani Tendai Chipo Thabo Lerato Sipho Nomvula
Mandla Zanele Bongani Palesa Lindiwe
Wei Jing Hao Mei Xiaoling Jun Li Yan Zhen Ying Hiroshi Yuki Haruto Sakura Kenji Aiko Minjun Seoyeon
Jiho Eunji Hyun Soojin Takeshi Emiko
Priya Rahul Ananya Arjun Lakshmi Sanjay Deepa Vikram Kavitha Ravi Sunita Anil Pooja Suresh Meera Rajesh
Harpreet Gurpreet Manpreet Jaswinder Nusrat Farhan Tahmina Rashid Sadia Imran
Nguyen Thao Linh Minh Huong Duc Tuan Mai Anh Siti Nurul Ahmad Putri Budi Dewi Rizal Maricel Jericho
Rowena Arnel Somchai Malee Sokha Dara
Ivan Olga Dmitri Svetlana Katarzyna Piotr Tomasz Agnieszka Milan Jelena Bogdan Zofia Oksana Taras
Mohammed Fatima Ahmed Aisha Omar Layla Khalid Yasmin Hassan Noor Tariq Samira Yusuf Mariam Karim Huda
Dariush Shirin Reza Parisa Kaveh Nasrin Arash Roya Mehmet Ayse Emre Zeynep Burak Elif Mustafa Hatice
Siobhan Niamh Padraig Aoife Ciaran Saoirse Eoin Roisin Declan Caoimhe Fergus Isla Hamish Morag Angus
Eilidh Rhys Cerys Dafydd Bethan Gethin Sian Owain Ffion
Aroha Wiremu Mere Tane Ngaire Hemi Sione Losa Mele Tevita Malia Lagi
Aiyana Takoda Winona Dakota Cheyenne Kiona Chayton Nayeli
Moshe Rivka Yitzhak Chana Shlomo Devorah Avraham Esther Mendel Tova
Joao Ana Thiago Leticia Rafaela Goncalo Bruno Fernanda Caio Beatriz
Jan Anke Pieter Marieke Willem Femke Johan Annelie Hendrik Elsje
Lars Ingrid Bjorn Astrid Sven Freya Nils Sigrid Erik Liv Magnus Solveig
Yiannis Eleni Nikos Despina Giorgos Katerina Stavros Athena
Giuseppe Francesca Marco Chiara Alessandro Giulia Luca Serena Matteo Rosaria
Brittany Tyler Kayla Dustin Shaniqua DeShawn Jamal Latoya Tremaine Keisha Marquis Ebony
""".split()

SURNAMES = """
Smith Johnson Williams Jones Miller Davis Wilson Anderson Taylor Moore Jackson Harris Martin Thompson
Hope Grant Rose Hunter Young Price King Wood Bishop Frank Joy Mark Rich Page Lane Ward Sharp Brown Payne
Temple Bell Moss Fox Stone Hill Marsh Green Black White Little Small Short Long Ball Bush Cross Lamb
Nash Reed Bond Dean Sterling Major Faith Grace Winter Summers Dawn Pearl Holly Chase Drew Guy Will
Baker Cook Carter Parker Turner Fisher Mason Hale Hardy Gentle Sweet Swift Stout Strong Wise Blood Payne
Heart Pain Bone Burns Care Nurse Doctor Kidney Vein Chest Lung Trunk Sick Hurt Fever Bowel
Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Flores Rivera Gomez
Diaz Morales Ortiz Gutierrez Chavez Ramos Ruiz Alvarez Mendoza Castillo Jimenez Vargas Romero
Okafor Adeyemi Okonkwo Nwosu Balogun Oyelaran Eze Mensah Asante Boateng Owusu Darko Acheampong Appiah
Kamara Sesay Diallo Traore Keita Toure Ndiaye Kouyate Mutua Kariuki Odhiambo Wekesa Nkosi Dlamini
Mokoena Khumalo Ndlovu Moyo Banda Phiri Mwale
Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Lin Guo Tanaka Suzuki Takahashi Watanabe
Yamamoto Nakamura Kobayashi Saito Kim Park Choi Jung Kang Yoon Jang Lim
Patel Sharma Singh Kumar Gupta Reddy Iyer Nair Menon Rao Desai Mehta Chatterjee Banerjee Mukherjee
Pillai Krishnan Subramanian Agarwal Chowdhury Rahman Hossain Siddiqui Qureshi Malik Khan Sandhu Gill
Nguyen Tran Le Pham Hoang Vo Dang Bui Santos Reyes Cruz Bautista Villanueva Dela Cruz Mercado Aquino
Wongsakul Srisai Chanthavong Suharto Wijaya Halim Tanoto
Ivanov Petrov Smirnov Kowalski Nowak Wisniewski Wojcik Novak Horvat Kovac Popescu Shevchenko Kovalenko
Bondarenko Dvorak Jankowski
Al-Sayed Haddad Nasser Khoury Mansour Abdullah Hussein Farouk Saleh Rahimi Hosseini Tehrani Karimi
Moradi Jafari Yilmaz Kaya Demir Celik Sahin Ozturk Aydin Arslan
Murphy Kelly Byrne Ryan Walsh Doyle Gallagher Kavanagh Brennan Quinn MacLeod Campbell Stewart Fraser
Robertson Sinclair Munro Ross Morrison Davies Evans Hughes Lloyd Powell Pritchard Vaughan Llewellyn
Morgan Griffiths
Ngata Parata Tuhoe Walker Tupou Faleolo Taufa Leota Aumua Fonoti
Begay Yazzie Tsosie Nez Benally Redcloud Whitehorse Runningwater Eagleheart
Cohen Levy Goldberg Friedman Katz Rosenbaum Schwartz Weiss Abramowitz Feldman Shapiro Birnbaum
Silva Oliveira Souza Pereira Costa Carvalho Almeida Ferreira Rocha Barbosa Azevedo Magalhaes
Jansen Visser Bakker Smit Mulder Bosman Pretorius Botha Venter Coetzee Steyn
Johansson Andersson Nilsson Larsen Hansen Lindqvist Berg Haugen Solberg Virtanen Korhonen
Papadopoulos Georgiou Dimitriou Nikolaidis Christodoulou Russo Ferrari Esposito Bianchi Romano
Colombo Ricci Marino Greco Conti De Luca Bruno
Washington Jefferson Freeman Booker Merriweather
""".split()

MULTI_SURNAMES = [
    "van der Berg", "van der Merwe", "de la Cruz", "de la Fuente", "bin Abdullah", "bin Yusof",
    "binti Hassan", "O'Brien", "O'Connell", "O'Sullivan", "O'Neill", "McAllister", "McBride",
    "McGregor", "McKenzie", "MacDonald", "Fitzgerald", "Fitzpatrick", "Fitzroy", "Smith-Jones",
    "Garcia-Lopez", "Okafor-Bell", "Hughes-Nwosu", "Lloyd-Price", "ten Hoeve", "van Wyk",
    "de Souza", "dos Santos", "da Silva", "Abu Bakar", "El-Amin", "Ben-David", "St. Clair",
    "Le Roux", "Du Plessis", "Martinez Ruiz", "Ap Rhys", "Ni Bhriain", "Mac an tSaoi",
    "Hoang-Tran", "Kaur Sandhu", "Vaughan-Lamb", "Grant-Little", "Fox-Temple",
]

NICK = {
    "William": "Billy", "Will": "Willy", "Robert": "Bob", "Michael": "Mike", "Patricia": "Trish",
    "Elizabeth": "Liz", "Margaret": "Peggy", "Richard": "Dick", "James": "Jim", "Thomas": "Tommy",
    "Edward": "Ted", "Daniel": "Danny", "Katarzyna": "Kasia", "Alejandro": "Alex",
    "Francesca": "Frankie", "Giuseppe": "Beppe", "Oluwaseun": "Seun", "Babajide": "Jide",
    "Chiamaka": "Amaka", "Dmitri": "Dima", "Yitzhak": "Itzik", "Siobhan": "Shiv", "Susan": "Susie",
    "Kenji": "Ken", "Rajesh": "Raj", "Nikos": "Niko", "Margarita": "Rita", "Ronald": "Ronnie",
}
