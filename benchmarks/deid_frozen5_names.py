"""Hand-written person-name surrogates for the fifth frozen de-identification set.

Written for benchmarks/deid_make_frozen5.py only, without reference to mednn's own word lists or any
name package. Names of many origins; a deliberate share are ordinary English or clinical-looking words
(Hope, Grant, Payne, Blood, Nurse, Cough, Foot, Church, London, Florence ...), so that a de-identifier
cannot rely on "not an English word". Multi-part surnames keep their particles (da, bin, ben, Mac, ap).
"""

from __future__ import annotations


def _words(block: str) -> tuple[str, ...]:
    return tuple(block.split())


FIRST_NAMES: tuple[str, ...] = _words("""
James Mary Robert Patricia Michael Linda William Barbara David Elizabeth Richard Susan Joseph Jessica
Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony Betty Donald Margaret Steven Sandra Paul
Ashley Andrew Kimberly Joshua Emily Kenneth Donna Kevin Michelle Brian Dorothy George Carol Edward Amanda
Ronald Melissa Timothy Deborah Jason Stephanie Jeffrey Rebecca Ryan Sharon Jacob Laura Gary Cynthia
Hope Grant Rose Hunter Joy Mark Frank Rich Page Lane Ward Faith Grace Summer Autumn Dawn Crystal Amber
Ruby Pearl Ivy Iris Holly Heather Violet Daisy Hazel Sky River Rain Stormy Forest Bishop King Price
Jordan Georgia Austin Dallas Florence Paris London Sydney Brooklyn Savannah Phoenix Houston Cairo
Jose Maria Juan Carmen Luis Rosa Carlos Ana Jesus Guadalupe Miguel Lucia Alejandro Ximena Santiago
Esperanza Rafael Dolores Ignacio Pilar Rocio Consuelo Marisol Yesenia Joaquin Mateo Itzel Xochitl
Emeka Chinwe Ngozi Oluwaseun Adebayo Folake Kwame Ama Kofi Akosua Yaw Abena Tunde Chiamaka Ifeoma
Obinna Amara Zainab Musa Aminata Mamadou Fatoumata Ousmane Awa Sekou Kadiatou Babajide Temitope
Wanjiru Njeri Kamau Otieno Achieng Baraka Zawadi Tendai Farai Thandiwe Sipho Nomvula Lungile Abebe
Tsion Selam Dawit Meron Yohannes Hana Ayana
Wei Li Ming Jing Hui Xiaoling Jian Yan Fang Lei Qiang Mei Hiroshi Yuki Haruto Sakura Kenji Aiko Takeshi
Emi Minjun Jiwoo Seoyeon Hyunwoo Soojin Jae Eunji Dong Thanh Linh Minh Huong Tuan Lan Quang Phuong
Somchai Niran Kanya Malee Arjun Priya Rahul Ananya Vikram Deepa Sanjay Lakshmi Rohan Kavya Aditya Meera
Rajesh Sunita Harpreet Gurpreet Manjit Jaspreet Ravi Anjali Nisha Farhan Imran Ayesha Bilal Nusrat
Tahmina Rizwan Sadia Kamal Dilnoza Jose-Luis Maricel Jericho Rosalinda Dante Marites Bayani Ligaya
Olga Ivan Natasha Dmitri Svetlana Sergei Katarzyna Piotr Agnieszka Tomasz Zofia Bogdan Milena Vesna
Dragan Jelena Oksana Taras Yulia Andriy Irina Mikhail Ludmila Stanislav Radek Zuzana
Mohammed Fatima Ahmed Aisha Omar Layla Yusuf Mariam Khalid Noor Hassan Samira Tariq Huda Karim Rania
Reza Shirin Dariush Parisa Farzad Laleh Arash Golnaz Babak Nasrin Kourosh Mahsa
Mehmet Ayse Mustafa Elif Emre Zeynep Burak Esra Kemal Ozlem Cem Gulsen
Siobhan Padraig Niamh Ciaran Aoife Eoin Saoirse Declan Roisin Fergus Ailsa Hamish Morag Iain Kirsty
Callum Isla Rhys Cerys Dafydd Bronwen Gethin Seren Llywelyn Angharad Ieuan Carys
Sione Mele Tevita Losana Keoni Leilani Kalani Malia Pita Aroha Tane Ngaire Moana Wiremu Tui
Aiyana Chenoa Dakota Takoda Winona Ahanu Kimimela Tallulah Nayeli Cheyenne Sequoia Kiona
Moshe Rivka Yael Avraham Shira Eliezer Chaya Menachem Tova Yitzhak Esther Baruch Leah Shlomo
Joao Conceicao Thiago Fernanda Rodrigo Leticia Goncalo Ines Vinicius Raimunda Edson Luana
Bubba Tex Junior Precious Unique Destiny Charity Patience Mercy Blessing Goodluck Godswill Comfort
Earl Vern Merle Gene Dale Lyle Wendell Mavis Opal Bertha Ethel Myrtle Agnes Mildred Clarence Homer
""")

NICKNAMES: dict[str, str] = {
    "William": "Bill", "Robert": "Bobby", "Richard": "Dick", "Elizabeth": "Liz", "Margaret": "Peggy",
    "James": "Jimmy", "Patricia": "Trish", "Michael": "Mikey", "Katarzyna": "Kasia", "Alejandro": "Alex",
    "Oluwaseun": "Seun", "Jose": "Pepe", "Guadalupe": "Lupe", "Dolores": "Lola", "Mohammed": "Mo",
    "Thomas": "Tommy", "Joseph": "Joey", "Timothy": "Tim", "Edward": "Ted", "Kimberly": "Kim",
    "Deborah": "Debbie", "Rebecca": "Becky", "Matthew": "Matty", "Christopher": "Topher",
    "Aleksandr": "Sasha", "Dmitri": "Dima", "Svetlana": "Sveta", "Yitzhak": "Itzik", "Ignacio": "Nacho",
    "Francisco": "Paco", "Anthony": "Tony", "Dorothy": "Dot", "Mildred": "Millie", "Clarence": "Sonny",
}

SURNAMES: tuple[str, ...] = _words("""
Smith Johnson Williams Jones Miller Davis Wilson Anderson Taylor Moore Jackson Martin Thompson White
Harris Clark Lewis Robinson Walker Hall Allen Wright Scott Green Baker Adams Nelson Hill Campbell
Mitchell Roberts Carter Phillips Evans Turner Parker Collins Edwards Stewart Morris Murphy Cook Rogers
Hope Grant Rose Hunter Young Price King Wood Bishop Frank Joy Mark Rich Page Lane Ward Sharp Brown Bone
Payne Temple Heart Blood Nurse Doctor Sickles Burns Cough Foot Hand Street Church London Paris Jordan
Georgia Austin Dallas Florence Bell Gay Love Moody Strong Wise Little Short Long Low Hardy Able
Small Black Gray Green Marsh Moss Stone Brook Field Meadows Banks Fox Wolf Lamb Bird Swan Crow Finch
Cross Chase Cash Case Bond Sterling Silver Gold Steel Iron Glass Mann Guy Hart Christmas Easter Winter
Summers Spring Frost Snow Rain Storm Hale Bland Pain Sore Lung Bowel Vein Pulse Cotton Lemon Oates Rice
Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Flores Rivera Gomez Diaz
Reyes Morales Cruz Ortiz Gutierrez Chavez Ramos Ruiz Alvarez Mendoza Castillo Jimenez Vasquez Romero
Herrera Medina Aguilar Vargas Guzman Salazar Delgado Cervantes Villanueva Espinoza Olvera Zuniga
Okafor Adeyemi Okonkwo Nwosu Eze Balogun Adebayo Oyelaran Mensah Asante Boateng Owusu Osei Appiah
Diallo Traore Keita Toure Coulibaly Ndiaye Sow Kamara Sesay Bangura Kariuki Mwangi Odhiambo Wanjala
Kiprop Chebet Nkosi Dlamini Mokoena Moyo Chikwanha Tesfaye Bekele Haile Girma Abate Wolde
Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin Luo Tanaka Suzuki Takahashi
Watanabe Yamamoto Nakamura Kobayashi Sato Ito Kim Lee Park Choi Jung Kang Cho Yoon Nguyen Tran Le Pham
Hoang Vu Dang Bui Do Ngo Duong Ly Srisai Chaiyaporn Wongsakul Suwannarat Santos Reyes-Cruz Bautista
Dela-Cruz Mendoza-Lim Aquino Villareal Macapagal Patel Shah Singh Kaur Sharma Gupta Kumar Reddy Iyer
Nair Menon Pillai Banerjee Chatterjee Mukherjee Desai Joshi Mehta Bose Rao Chowdhury Rahman Hossain
Siddiqui Qureshi Malik Chaudhry Bhatti Ahmed Khan Hussain
Kowalski Nowak Wisniewski Wojcik Kaminski Lewandowski Zielinski Szymanski Ivanov Petrov Smirnov
Volkov Sokolov Popov Kuznetsova Novak Horvat Kovacevic Petrovic Jovanovic Shevchenko Bondarenko
Kovalenko Melnyk Dvorak Svoboda Haddad Khoury Nasser Saleh Mansour Hamdan Aziz Farouk Abdullah
Al-Sayed Al-Harbi El-Amin Abu-Bakr Hosseini Rahimi Tehrani Moradi Karimi Jafari Ahmadi Sadeghi Yilmaz
Kaya Demir Sahin Celik Yildiz Ozturk Aydin Arslan Dogan Kilic
O'Brien O'Sullivan O'Connor Murphy Kelly Byrne Ryan Doyle McCarthy Gallagher Flanagan Quigley Nolan
MacDonald MacLeod MacKenzie Mackintosh Macaulay McAllister Fraser Cameron Munro Sinclair Buchanan
Davies Jenkins Llewellyn Pritchard Powell Vaughan Bowen Griffiths Rees Morgan Prothero Bevan
Tupou Fifita Vaipulu Taufa Kealoha Kahananui Akana Tuilagi Fonoti Ngata Parata Tawhiri
Begay Yazzie Tsosie Benally Nez Whitehorse Redcloud Runningwater Two-Bears Yellowhorse Manygoats
Cohen Levy Goldberg Friedman Katz Rosenberg Shapiro Kaplan Weiss Schwartz Horowitz Rabinowitz
Silva Oliveira Souza Pereira Costa Ferreira Almeida Carvalho Ribeiro Gomes Araujo Barbosa Teixeira
Nascimento Cavalcanti Moreira Figueiredo
Smith-Jones Garcia-Lopez Okafor-Bell Ashby-Kerr Lloyd-Webber Fonseca-Reid Rahman-Price Nakamura-Hill
""")

MULTIPART_SURNAMES: tuple[str, ...] = (
    "da Silva", "da Costa", "dos Santos", "de la Cruz", "de los Santos", "van der Merwe", "van Dyke",
    "bin Salleh", "bin Abdullah", "ben Haim", "ben David", "Mac an tSaoir", "ap Rhys", "ap Gwilym",
    "Abu Samra", "al Rashid", "de Souza Lima", "Ferreira da Rocha", "St. Clair", "St. John", "Le Blanc",
    "Des Jardins", "Van Buren", "von Essen", "della Rosa", "Ní Bhriain", "Ó Súilleabháin",
)

# names that look like clinical words in a note: kept apart so styles can choose them on purpose
CLINICAL_LOOKING_SURNAMES: tuple[str, ...] = _words("""
Payne Heart Blood Nurse Doctor Sickles Burns Cough Foot Hand Bone Pain Sore Lung Bowel Vein Pulse
Church Temple Street Bishop Hope Grant Rose Young Price King Wood Cross Case Chase Frost Hale Strong
""")


def all_surnames() -> tuple[str, ...]:
    """Single and multi-part surnames in one tuple (a stable order, so a seed picks the same name)."""
    return SURNAMES + MULTIPART_SURNAMES


if __name__ == "__main__":
    print(len(FIRST_NAMES), "first names,", len(all_surnames()), "surnames")
