"""Set 14's surrogates, written by hand for this set: names, towns, streets, hospitals and domains per region.

Some surnames are also English words (Hope, Major, Bishop, Fox, Bell, Young, Rose, Wood) and a few first
names are (Grace, Faith, Joy, Hunter, Sunny) — as in real registers, not more often.
"""

from __future__ import annotations

import random


def _w(s: str) -> list[str]:
    return [x.replace("_", " ") for x in s.split()]


FIRST = {
    "US": _w("Darnell Kristen Mateo Shauna Trevor Lupita Caleb Ximena Dwayne Marisol Brody Keisha Tucker Yesenia "
             "Garrett Latrice Emmett Rosalind Joaquin Tamsin Desmond Ilse Wyatt Graciela Hunter Bettina Rashad "
             "Lorna Deshawn Abigail Quentin Marguerite Faith Ruben Colette Jamal Sunny Harlan Odette Vance"),
    "UK": _w("Callum Niamh Rhys Imogen Alfie Bethan Declan Harriet Kieran Freya Lachlan Poppy Hamish Siobhan "
             "Tobias Eilidh Rupert Morag Jude Lowri Nigel Phoebe Gareth Ottilie Stanley Ffion Barnaby Hope"),
    "IE": _w("Cathal Aoife Donnacha Gráinne Oisín Clodagh Tadhg Sorcha Fiachra Orla Ronan Eimear Colm Saoirse"),
    "CA": _w("Étienne Maëlle Brayden Geneviève Rémi Chantal Tanner Josée Hudson Mireille Kenji Avneet"),
    "AU": _w("Lachie Tahlia Brodie Kirra Jarrah Shanae Mitchell Courtney Bryce Jedda Cooper Maddison"),
    "NZ": _w("Tane Aroha Wiremu Mere Hemi Ngaire Rawiri Kahurangi Nikau Te_Aroha Sione Losana"),
    "IN": _w("Pranav Shalini Vikram Deepika Harsha Anjali Karthik Meenakshi Rohit Lavanya Sandeep Pooja "
             "Gurpreet Nandini Abhijit Swati Venkatesh Kavya Imran Farzana"),
    "ZA": _w("Thabo Nomvula Pieter Annelie Sipho Zanele Jaco Lerato Riaan Nandi Mpho Elna Kagiso Lindiwe"),
    "SG": _w("Wei_Ling Jun_Jie Siew_Mei Boon_Huat Hui_Min Kok_Wah Nurul Faizal Priya Ravindran"),
    "NG": _w("Chukwuemeka Ngozi Babatunde Folasade Ifeanyi Aisha Olumide Chiamaka Yakubu Funmilayo Tochukwu Hadiza"),
    "KE": _w("Wanjiru Otieno Achieng Kipchoge Nyambura Mwangi Akinyi Kiprop Wambui Omondi Chebet Njoroge"),
    "PH": _w("Maricel Jomar Rowena Arnel Lovely Jericho Marites Rommel Joy Dindo Charmaine Ronaldo"),
    "MY": _w("Ahmad_Faris Siti_Aminah Muhammad_Hafiz Nur_Izzati Chee_Keong Mei_Ling Suresh Kavitha"),
    "GH": _w("Kwabena Akosua Kofi Ama Yaw Efua Kwame Abena Kojo Adwoa Nana Esi"),
}

LAST = {
    "US": _w("Okafor-Briggs Vandermeer Castellanos Whitlock Delacroix McAllister Nakamura Pruitt Espinoza "
             "Haldane Kowalczyk Thibodeaux Abernathy Quintero Lindqvist O'Rourke Bishop Fox Holloway Tran "
             "Szymanski DeLuca Rutledge Baptiste Yazzie Blackwood Major Ferreira-Lopes Stoltzfus Kimura "
             "Gallardo Whitfield Van_Dusen Ochoa Merriweather Hope"),
    "UK": _w("Featherstone Ainsworth Cartwright MacLeod Pemberton Threlfall Bellingham Rowntree Haworth "
             "Llewellyn Prosser Fairbairn Oyelaran Bishop Young Wood Atherton Greenhalgh Mistry Bell Kettlewell"),
    "IE": _w("Ó_Súilleabháin Mac_Giolla Fitzgibbon Breathnach Kinsella Hegarty Ní_Bhriain Cullinane O'Dwyer Rose"),
    "CA": _w("Tremblay Gagnon Bouchard-Roy Fontaine Okonjo Sandhu Lévesque MacIsaac Pelletier Nguyen-Cloutier"),
    "AU": _w("Kowalski Papadakis Thorne McGillivray Nguyen Fitzroy Wallaby-Jones Cassar Hennessy Bonaccorso"),
    "NZ": _w("Ngata Tuhiwai Parata Rangihuna Faleolo Tipene Mahuika Henare Aperahama Taufa"),
    "IN": _w("Subramaniam Chattopadhyay Raghunathan Kulkarni Deshpande Iyengar Banerjee Siddiqui Reddy "
             "Bhattacharya Gowda Menon Dhillon Venkataraman Pillai"),
    "ZA": _w("Mokoena van_der_Merwe Dlamini Botha Nkosi du_Plessis Khumalo Pretorius Mahlangu Steenkamp Ndlovu Fourie"),
    "SG": _w("Tan Lim Goh Teo Ong Chua Koh Ramasamy bin_Osman Wee"),
    "NG": _w("Adeyemi Okonkwo Eze Olawale Ibrahim Nwosu Adebayo Chukwu Balogun Okafor Uche Abubakar"),
    "KE": _w("Kamau Odhiambo Mutua Kipkemboi Wafula Njeri Ochieng Kariuki Cheruiyot Mwangi Oduya Wekesa"),
    "PH": _w("dela_Cruz Villanueva Macaraeg Bautista Dimaculangan Santos Panganiban Tolentino Mercado Sison"),
    "MY": _w("bin_Abdullah binti_Ismail Lee Wong Subramaniam bin_Zakaria Yap Govindasamy"),
    "GH": _w("Mensah Asante Owusu Boateng Agyeman Osei Appiah Ofori Darko Amoako Quaye Addo"),
}

FEMALE = set(_w(
    "Kristen Shauna Lupita Ximena Marisol Keisha Yesenia Latrice Rosalind Tamsin Ilse Graciela Bettina Lorna Abigail "
    "Marguerite Faith Colette Sunny Odette Niamh Imogen Bethan Harriet Freya Poppy Siobhan Eilidh Morag Lowri Phoebe "
    "Ottilie Ffion Hope Aoife Gráinne Clodagh Sorcha Orla Eimear Saoirse Maëlle Geneviève Chantal Josée Mireille Avneet "
    "Tahlia Kirra Shanae Courtney Jedda Maddison Aroha Mere Ngaire Kahurangi Te_Aroha Losana Shalini Deepika Anjali "
    "Meenakshi Lavanya Pooja Nandini Swati Kavya Farzana Nomvula Annelie Zanele Lerato Nandi Elna Lindiwe Wei_Ling "
    "Siew_Mei Hui_Min Nurul Priya Ngozi Folasade Aisha Chiamaka Funmilayo Hadiza Wanjiru Achieng Nyambura Akinyi Wambui "
    "Chebet Maricel Rowena Lovely Marites Joy Charmaine Siti_Aminah Nur_Izzati Mei_Ling Kavitha Akosua Ama Efua Abena "
    "Adwoa Esi"))

NICK = {"Chukwuemeka": "Emeka", "Funmilayo": "Funmi", "Babatunde": "Tunde", "Wanjiru": "Shiru",
        "Abigail": "Abby", "Mitchell": "Mitch", "Lachlan": "Lachie", "Kahurangi": "Kahu", "Venkatesh": "Venky"}

TOWNS = {
    "US": _w("Wenatchee Paducah Bemidji Chillicothe Yakima Natchitoches Ypsilanti Kankakee Nacogdoches Rutland "
             "Hagerstown Petoskey Laramie Opelousas Keene Bozeman Tupelo Muncie"),
    "UK": _w("Kettering Morecambe Barnstaple Pontypridd Kirkcaldy Stockport Hexham Bridlington Wrexham Hereford "
             "Skelmersdale Dewsbury Grantham Bangor Truro Oswestry"),
    "IE": _w("Tullamore Ennis Letterkenny Portlaoise Clonmel Castlebar Navan Tralee Mullingar Ballina"),
    "CA": _w("Sudbury Trois-Rivières Moncton Kamloops Brandon Sherbrooke Lethbridge Timmins Nanaimo Rimouski"),
    "AU": _w("Toowoomba Wagga_Wagga Bendigo Mildura Rockhampton Bunbury Dubbo Ballarat Tamworth Geraldton"),
    "NZ": _w("Whangarei Gisborne Timaru Masterton Invercargill Rotorua Whanganui Taupo Blenheim Kaitaia"),
    "IN": _w("Hubballi Nashik Thrissur Vellore Mysuru Kozhikode Warangal Belagavi Tirunelveli Udupi"),
    "ZA": _w("Mthatha Polokwane Kimberley Mahikeng Stellenbosch Uitenhage Soshanguve Upington Empangeni Worcester"),
    "SG": _w("Tampines Ang_Mo_Kio Jurong_West Bukit_Batok Sengkang Toa_Payoh Woodlands Bedok"),
    "NG": _w("Enugu Ilorin Abeokuta Ogbomosho Owerri Zaria Onitsha Oshogbo Makurdi Ikeja"),
    "KE": _w("Nakuru Eldoret Kisumu Thika Machakos Nyeri Kakamega Kericho Naivasha Embu"),
    "PH": _w("Tarlac Batangas Iloilo Dumaguete Cabanatuan Lucena Tagbilaran Legazpi Dagupan Ormoc"),
    "MY": _w("Ipoh Seremban Kuantan Alor_Setar Taiping Muar Kluang Sibu"),
    "GH": _w("Kumasi Tamale Ho Sunyani Cape_Coast Koforidua Tema Techiman Wa Obuasi"),
}

STREETS = {
    "US": _w("Larkspur_Lane Old_Mill_Road Cottonwood_Dr Pettibone_St N_Sycamore_Ave Quarry_Hill_Rd Briarcliff_Ct "
             "Depot_Street Ridgeview_Terrace Tamarack_Way W_Elm_St County_Road_14"),
    "UK": _w("Cobden_Street Tanners_Lane Mafeking_Road Holly_Bank Ferndale_Crescent Gasworks_Lane Priory_Walk "
             "Bramley_Close Chapel_Fold Weaver's_Row"),
    "IE": _w("Bothar_na_Tra Church_View Ashgrove_Park Mill_Road Gortnamona Cluain_Ard St_Brendan's_Terrace"),
    "CA": _w("rue_Saint-Hubert Maple_Grove_Cres Rideau_Terrace Portage_Ave Côte-des-Neiges Jasper_Ave"),
    "AU": _w("Wattle_Street Jacaranda_Ave Banksia_Court Boundary_Rd Kurrajong_Pde Ironbark_Close"),
    "NZ": _w("Pohutukawa_Drive Kowhai_St Tainui_Road Rimu_Grove Matai_Crescent Te_Awa_Lane"),
    "IN": _w("3rd_Cross_Jayanagar MG_Road Nehru_Nagar Gandhi_Bazaar 2nd_Main_Vijayanagar Temple_Street"),
    "ZA": _w("Voortrekker_Road Jan_Smuts_Ave Protea_Street Kloof_Nek_Road Mandela_Drive Bree_Street"),
    "SG": _w("Tampines_St_42 Ang_Mo_Kio_Ave_3 Jurong_West_St_61 Bedok_North_Rd Toa_Payoh_Lor_1"),
    "NG": _w("Adeola_Odeku_Street Ogui_Road Allen_Avenue Old_Aba_Road Ahmadu_Bello_Way"),
    "KE": _w("Moi_Avenue Kenyatta_Road Oginga_Odinga_St Ronald_Ngala_St Eldama_Ravine_Rd"),
    "PH": _w("Rizal_St. Mabini_Ext. Purok_3_Brgy._San_Isidro P._Burgos_St. Luna_St."),
    "MY": _w("Jalan_Sultan_Idris Jalan_Tun_Razak Lorong_Mawar_5 Jalan_Bukit_Bintang Taman_Desa_Jaya"),
    "GH": _w("Liberation_Road Ring_Road_Central Kojo_Thompson_Rd Adum_Road Harper_Road"),
}

STATES = {"US": _w("WA KY MN OH LA MI IL TX VT MD WY NH MT MS IN"), "CA": _w("ON QC NB BC MB AB"),
          "AU": _w("QLD NSW VIC WA SA")}
UK_AREAS = _w("LS BD HX CF KY SK NE YO LL HR WN WF NG TR SY BT")

HOSPITALS = {
    "US": _w("Pettibone_Regional_Medical_Center St._Ambrose_Mercy_Hospital Chillicothe_General Yakima_Valley_Memorial "
             "Haldane_Children's_Hospital Kankakee_Community_Health Good_Shepherd_Infirmary Laramie_Basin_Hospital "
             "Whitcombe_Clinic North_Tamarack_Surgical_Center PRMC SAMH"),
    "UK": _w("Kettering_General St_Wilfrid's_Hospice Royal_Morecambe_Infirmary Hexham_War_Memorial "
             "Barnstaple_Community_Hospital Pontypridd_District_General Airedale_Vale_Hospital St_Cuthbert's "
             "RMI KGH Threlfall_House_Surgery"),
    "IE": _w("Tullamore_Regional_Hospital St_Finbarr's_Hospital University_Hospital_Ennis Letterkenny_UH Our_Lady_of_Lourdes "
             "Mercy_Tralee TRH"),
    "CA": _w("Hôpital_Sainte-Justine-du-Nord Kamloops_Royal_Inland Moncton_City_Hospital Sudbury_Health_Sciences_North "
             "Brandon_Regional_Health_Centre CHSN"),
    "AU": _w("Toowoomba_Base_Hospital Bendigo_Health Mildura_Base_Public St_Vincent's_Ballarat Dubbo_Base_Hospital "
             "Rockhampton_Hospital TBH"),
    "NZ": _w("Whangarei_Hospital Gisborne_Hospital Timaru_Hospital Wairau_Hospital Taupo_Hospital Rotorua_Hospital"),
    "IN": _w("Sri_Jayadeva_Institute KMC_Hubballi Amrita_Medical_College_Thrissur Christian_Medical_College_Vellore "
             "JSS_Hospital_Mysuru Baby_Memorial_Hospital"),
    "ZA": _w("Nelson_Mandela_Academic_Hospital Polokwane_Provincial Kimberley_Hospital_Complex Tygerberg "
             "Stellenbosch_Mediclinic Dora_Nginza NMAH"),
    "SG": _w("Tampines_General Sengkang_Community_Hospital Ang_Mo_Kio_Polyclinic Ng_Teng_Fong_General Woodlands_Health"),
    "NG": _w("University_of_Nigeria_Teaching_Hospital Ilorin_Teaching_Hospital LUTH Federal_Medical_Centre_Abeokuta "
             "UNTH Ahmadu_Bello_University_Teaching_Hospital"),
    "KE": _w("Nakuru_Level_5 Moi_Teaching_and_Referral_Hospital JOOTRH Thika_Level_5 Kenyatta_National_Hospital MTRH"),
    "PH": _w("Tarlac_Provincial_Hospital Batangas_Medical_Center Western_Visayas_Medical_Center Siliman_University_Medical_Center "
             "BatMC Ospital_ng_Lucena"),
    "MY": _w("Hospital_Raja_Permaisuri_Bainun Hospital_Tuanku_Jaafar Hospital_Tengku_Ampuan_Afzan Klinik_Kesihatan_Taiping HRPB"),
    "GH": _w("Komfo_Anokye_Teaching_Hospital Tamale_Teaching_Hospital Korle_Bu Ho_Teaching_Hospital KATH Cape_Coast_TH"),
}

ORG_DOMAINS = {
    "US": _w("pettiboneregional.org stambrosemercy.org yakimavalleymem.com haldanekids.org laramiebasin.net"),
    "UK": _w("kgh.nhs.uk morecambe-rmi.nhs.uk nhs.net threlfallsurgery.co.uk stwilfrids.org.uk"),
    "IE": _w("hse.ie tullamorerh.ie mercytralee.ie"), "CA": _w("hsnsudbury.ca rih-kamloops.ca horizonnb.ca"),
    "AU": _w("health.qld.gov.au bendigohealth.org.au svhb.com.au"), "NZ": _w("northlanddhb.org.nz tdh.org.nz"),
    "IN": _w("kmchubli.in amritathrissur.org cmcvellore.ac.in"), "ZA": _w("nmah.co.za tygerberg.org.za"),
    "SG": _w("tgh.com.sg skch.sg amkpoly.sg"), "NG": _w("unth.org.ng uith.gov.ng"), "KE": _w("mtrh.go.ke nakurulevel5.go.ke"),
    "PH": _w("batmc.doh.gov.ph wvmc.ph"), "MY": _w("hrpb.moh.gov.my htaa.gov.my"), "GH": _w("kath.gov.gh korlebu.gov.gh"),
}
MAIL_DOMAINS = _w("gmail.com yahoo.co.uk outlook.com hotmail.com icloud.com rediffmail.com yahoo.com.ph bigpond.com "
                  "xtra.co.nz mweb.co.za protonmail.com")


def name(rng: random.Random, region: str, sex: str | None = None) -> tuple[str, str]:
    pool = FIRST[region]
    if rng.random() < 0.12 and region not in ("SG", "MY"):  # migrants, marriages: names cross borders
        pool = FIRST[rng.choice(list(FIRST))]
    if sex:
        pool = [f for f in pool if (f in FEMALE) == (sex == "F")] or pool
    first = rng.choice(pool)
    last = rng.choice(LAST[region])
    if region in ("SG", "MY") and " " in first and rng.random() < 0.5:
        return first, last
    return first, last


def nick(first: str) -> str | None:
    return NICK.get(first)
