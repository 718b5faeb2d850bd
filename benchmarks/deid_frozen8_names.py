"""Hand-written person-name surrogates of the eighth frozen English de-identification set.

No package's name list is used: every name below was typed for this set. Origins are mixed on
purpose (Anglo, Hispanic, West/East African, South/East/Southeast Asian, Slavic, Arabic, Persian,
Turkish, Irish/Scottish, Welsh, Maori/Pacific, Native American, Jewish, Portuguese/Brazilian,
Dutch/Afrikaans, Nordic, Greek, Italian) and many are ordinary or clinical-looking English words.
"""

from __future__ import annotations

_FIRST = """
Hope Grant Rose Hunter Young Price King Bishop Frank Joy Mark Rich Page Lane Ward Faith Grace Sunny
Summer Winter Dawn Amber Ruby Pearl Iris Holly Ivy Cash Chase Drew Pat Guy Will Bill Sue Sterling
Major Dean Reed Bond Nash Royal Rowan Sage Heath Clay Cliff Glen Dale Forrest River Storm Skye
Autumn April June May Hazel Olive Violet Willow Daisy Poppy Jasmine Scarlett Crystal Misty Destiny
Harmony Melody Trinity Patience Prudence Mercy Charity Constance Honor Justice Precious Blessing
Gift Comfort Godfrey Chidi Ngozi Adaeze Emeka Chiamaka Oluwaseun Folake Tunde Yetunde Kwame Kofi
Ama Akosua Yaw Abena Kwabena Amara Zainab Ibrahim Fatou Mamadou Aissatou Ousmane Wanjiru Kamau
Njeri Otieno Achieng Baraka Zawadi Tendai Farai Tatenda Sipho Thandiwe Lindiwe Bongani Nomvula
Themba Precious Lerato Kagiso Tshepo Priya Anjali Rohan Arjun Deepak Sunita Lakshmi Ravi Kavya
Aarav Ishaan Meera Harpreet Gurpreet Manpreet Sandeep Rajesh Pooja Nisha Vikram Farhan Tahmina
Nusrat Rahim Sadia Imran Ayesha Bilal Usman Hina Wei Ling Mei Jun Hao Xiuying Yifan Zhen Minh Linh
Thanh Tuan Huong Duc Hoa Jae-won Min-jun Seo-yeon Ji-ho Hyun Haruto Yui Sakura Kenji Hiroshi Aiko
Takumi Naoko Siti Nurul Ahmad Putri Dewi Agus Rizal Maria Jose Juan Carlos Lucia Camila Valentina
Mateo Santiago Alejandro Guadalupe Ximena Rocio Esperanza Dolores Consuelo Ramon Rafael Joaquin
Ines Catalina Pilar Milagros Yolanda Xochitl Itzel Joao Thiago Gabriela Leticia Rodrigo Luiz
Conceicao Fernanda Bruna Tiago Goncalo Beatriz Aleksandr Dmitri Olga Svetlana Natalia Yuri Oksana
Bogdan Katarzyna Piotr Agnieszka Tomasz Milena Dragan Zoran Jelena Vesna Miroslav Ahmed Fatima Omar
Khalid Layla Yasmin Hassan Hussein Mariam Noor Rania Tariq Samir Leila Dariush Parisa Shirin Arash
Navid Roya Farzaneh Kourosh Mehmet Ayse Emre Elif Burak Zeynep Mustafa Cem Deniz Seamus Siobhan
Niamh Aoife Padraig Ciaran Eoin Saoirse Grainne Declan Oisin Fionnuala Mairead Cormac Ailsa Hamish
Morag Isla Callum Fraser Kirsty Lachlan Euan Rhiannon Gwen Dafydd Cerys Emrys Bronwen Iolo Sian
Tegan Aroha Manaia Tane Wiremu Ngaio Hemi Mere Sione Losa Mele Tevita Malia Sefa Ikaika Leilani
Koa Keanu Kai Dakota Cheyenne Chayton Winona Kiona Nizhoni Ahanu Talulah Yazzie Tallulah Shoshana
Moshe Yael Avraham Miriam Chaim Rivka Eliezer Esther Mordechai Tova Noa Shmuel Pieter Joost Anouk
Sanne Femke Daan Bram Lieke Sven Anneke Willem Jannie Riaan Marlize Annelie Sigrid Ingrid Astrid
Bjorn Lars Nils Freya Soren Maja Oddny Leif Eirik Solveig Dimitrios Eleni Georgios Panagiota Nikos
Sofia Vasiliki Konstantinos Alexandra Giovanni Francesca Giuseppe Chiara Alessandro Rosaria Salvatore
Benedetta Enzo Lorenzo Margaret Elizabeth Robert William James Susan Linda Patricia Barbara Dorothy
Kenneth Harold Walter Eugene Mildred Edna Gladys Herbert Clarence Bernice Doris Irene Vernon Wilbur
Tiffany Brittany Kayden Jaxon Braxton Nevaeh Kinsley Ryder Everly Bentley Maverick Raelynn Colt
"""

_SURNAME = """
Hope Grant Rose Hunter Young Price King Wood Bishop Frank Joy Mark Rich Page Lane Ward Sharp Brown
Payne Temple Bell Moss Fox Stone Hill Marsh Green Black White Little Small Short Long Ball Bush Cross
Lamb Nash Reed Bond Dean Sterling Major Chase Drew Hart Swift Bright Best Golden Baker Cook Gardener
Shepherd Fisher Mason Porter Carter Turner Walker Booth Cole Frost Hale Knight Noble Pike Savage
Strong Wise Waters Rivers Brooks Banks Fields Meadows Woods Parks Law Love Moody Goodman Patient
Doctor Nurse Care Child Haddock Salmon Heart Bone Vein Blood Lung Burns Cope Pain Blister Hurt
Adeyemi Okafor Okonkwo Nwosu Eze Obi Chukwu Abubakar Balogun Adebayo Oyelaran Mensah Owusu Asante
Boateng Osei Appiah Diallo Traore Ndiaye Konate Keita Kamara Sesay Kiplagat Mwangi Njoroge Ochieng
Wanjala Kariuki Mutua Haile Tesfaye Bekele Girma Moyo Dlamini Nkosi Ndlovu Khumalo Mokoena Zulu
Patel Shah Sharma Gupta Iyer Nair Reddy Rao Menon Pillai Singh Kaur Gill Sandhu Chatterjee Banerjee
Mukherjee Das Bose Khan Chaudhry Qureshi Hussain Rahman Chowdhury Islam Begum Akhtar Siddiqui Wang
Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Lin Guo He Luo Tan Lim Ng Ong Goh Teo Lee
Kim Park Choi Jung Kang Cho Yoon Jang Lim Han Tanaka Suzuki Sato Takahashi Watanabe Ito Yamamoto
Nakamura Kobayashi Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do Santos Reyes Cruz Bautista Dela
Rosa Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Flores Rivera
Gomez Diaz Morales Ortiz Gutierrez Chavez Ramos Ruiz Alvarez Mendoza Castillo Jimenez Vargas Romero
Herrera Medina Aguilar Vega Silva Souza Oliveira Costa Pereira Ferreira Almeida Carvalho Ribeiro
Gomes Martins Araujo Barbosa Rocha Ivanov Petrov Smirnov Kuznetsov Popov Sokolov Volkov Novak
Kowalski Wisniewski Nowak Lewandowski Zielinski Horvat Kovacevic Jovanovic Petrovic Shevchenko
Bondarenko Haddad Khoury Nasser Mansour Saleh Aziz Hamdan Darwish Farouk Abdullah Hashemi Rahimi
Karimi Hosseini Mohammadi Jafari Tehrani Sadeghi Yilmaz Kaya Demir Sahin Celik Aydin Ozturk Arslan
Dogan Murphy Kelly Byrne Ryan Walsh Doyle Brennan Quinn Gallagher Donnelly Kavanagh Fitzgerald
MacLeod Campbell Stewart Fraser Mackenzie Robertson Sinclair Munro Drummond Jones Evans Davies
Griffiths Llewellyn Pritchard Vaughan Bowen Morgan Rees Parata Ngata Tuhoe Ruatapu Faleolo Tuilagi
Taufa Fifita Kealoha Kahale Begay Tsosie Yazzie Whitehorse Runningwater Redcloud Benally Cohen Levy
Friedman Goldberg Rosenberg Katz Shapiro Weiss Adler Mizrahi Peretz Azoulay Jansen Bakker Visser
Smit Meijer Mulder Bosman Botha Pretorius Venter Coetzee Nel Erasmus Hansen Johansen Nilsen Larsen
Lindqvist Bergstrom Eriksson Haugen Papadopoulos Georgiou Konstantinidis Pappas Nikolaidis Romano
Ricci Esposito Bruno Colombo Moretti Marino Greco Conti Gallo Mancini Rossi Ferrari Smith Johnson
Williams Miller Davis Wilson Anderson Thomas Taylor Moore Jackson Martin Thompson Harris Clark Lewis
Robinson Wright Hall Allen Scott Adams Nelson Mitchell Roberts Phillips Campbell Parker Edwards
Collins Stewart Morris Rogers Murray Crawford Spencer Fletcher Hodgson Ashworth Pemberton Whitfield
"""

_MULTI = """
van der Merwe|van der Berg|van den Heuvel|de la Cruz|de la Torre|de la Fuente|bin Hassan|bin Rahman|
binti Yusof|O'Brien|O'Sullivan|O'Connor|O'Neill|O'Hara|O'Dwyer|McCarthy|McAllister|McNamara|
McGregor|McKenna|MacDonald|MacPherson|FitzPatrick|Fitzgibbon|Fitzsimmons|Smith-Jones|Hart-Davis|
Okafor-Reid|Garcia-Lopez|Nakamura-Price|Sharma-Bell|Oyelaran-Moss|Ruiz-Temple|Kowalski-Grant|
Boateng-Hill|ap Rhys|da Silva|dos Santos|de Souza|di Marco|De Luca|Del Rio|van Wyk|van Rooyen|
ten Brink|Abu Bakr|Al-Sayed|Al-Amin|El-Masri|Ben-David|Bar-Lev|St. Clair|Le Roux|du Plessis|
Vander Zee|Mac an tSaoir|Ni Bhriain|Mac Giolla|te Whare|Nez-Begay
"""

_NICK = {
    "William": "Billy", "Robert": "Bobby", "Margaret": "Peggy", "Elizabeth": "Liz",
    "Patricia": "Trish", "Alexandra": "Sasha", "Aleksandr": "Sasha", "Dimitrios": "Jimmy",
    "Oluwaseun": "Seun", "Chiamaka": "Amaka", "Konstantinos": "Kostas", "Giuseppe": "Pino",
    "Katarzyna": "Kasia", "Salvatore": "Sal", "Alessandro": "Sandro", "Harold": "Hal",
    "Dorothy": "Dot", "Kenneth": "Ken", "Herbert": "Herb", "Rajesh": "Raj", "Mordechai": "Motti",
    "Francesca": "Frankie", "Eugene": "Gene", "Gurpreet": "Gary", "Susan": "Sue", "Williams": "Will",
}

FIRST_NAMES = tuple(dict.fromkeys(_FIRST.split()))
SURNAMES = tuple(dict.fromkeys(_SURNAME.split() + [s.strip() for s in _MULTI.split("|") if s.strip()]))
FEMALE_HINT = set("""Hope Rose Joy Faith Grace Sunny Summer Winter Dawn Amber Ruby Pearl Iris Holly Ivy
Sue Autumn April June May Hazel Olive Violet Willow Daisy Poppy Jasmine Scarlett Crystal Misty Destiny
Harmony Melody Trinity Patience Prudence Mercy Charity Constance Ngozi Adaeze Chiamaka Folake Yetunde
Ama Akosua Abena Amara Zainab Fatou Aissatou Wanjiru Njeri Achieng Zawadi Thandiwe Lindiwe Nomvula
Lerato Priya Anjali Sunita Lakshmi Kavya Meera Harpreet Pooja Nisha Tahmina Nusrat Sadia Ayesha Hina
Mei Xiuying Linh Huong Hoa Seo-yeon Yui Sakura Aiko Naoko Siti Nurul Putri Dewi Maria Lucia Camila
Valentina Guadalupe Ximena Rocio Esperanza Dolores Consuelo Ines Catalina Pilar Milagros Yolanda
Xochitl Itzel Gabriela Leticia Conceicao Fernanda Bruna Beatriz Olga Svetlana Natalia Oksana Katarzyna
Agnieszka Milena Jelena Vesna Fatima Layla Yasmin Mariam Noor Rania Leila Parisa Shirin Roya Farzaneh
Ayse Elif Zeynep Siobhan Niamh Aoife Saoirse Grainne Fionnuala Mairead Ailsa Morag Isla Kirsty
Rhiannon Gwen Cerys Bronwen Sian Tegan Aroha Ngaio Mere Losa Mele Malia Leilani Cheyenne Winona Kiona
Nizhoni Talulah Tallulah Shoshana Yael Miriam Rivka Esther Tova Noa Anouk Sanne Femke Lieke Anneke
Jannie Marlize Annelie Sigrid Ingrid Astrid Freya Maja Oddny Solveig Eleni Panagiota Sofia Vasiliki
Alexandra Francesca Chiara Rosaria Benedetta Margaret Elizabeth Susan Linda Patricia Barbara Dorothy
Mildred Edna Gladys Bernice Doris Irene Tiffany Brittany Nevaeh Kinsley Everly Raelynn Precious
Blessing Gift Comfort""".split())


def nickname(first: str) -> str | None:
    return _NICK.get(first)
