"""Hand-written surrogate people and places of frozen set 12 (invented for this set; no list copied).

Regions: US, UK, IE, CA, AU, NZ, IN, ZA, SG, NG, KE, PH. Each region has given names, family
names, towns with their postcode shape, street names and hospitals named after towns, saints
and people. A few names are also English words (Hope, Rose, Bishop, Fox), as real rosters have.
"""

FIRST = {
    "US": "Delroy Marisol Trevor Kaylee Brandon Shonda Earl Lupita Dwight Tamsin Hope Curtis Rhonda Jalen Margo Wendell "
          "Cassidy Orville Yesenia Garrett Lorna Deshawn Bettina Royce".split(),
    "UK": "Gareth Siobhan Nigel Bethan Alfie Imogen Rhys Pauline Callum Harriet Dougie Rose Tegan Clive Niamh Barnaby "
          "Maisie Hamish Fenella Aled".split(),
    "IE": "Cathal Aoife Padraig Grainne Eoin Sorcha Donal Mairead Tadhg Orla Fergal Brid Colm Roisin".split(),
    "CA": "Mathieu Genevieve Raymond Chantal Luc Brianna Gilles Solange Tyler Marie-Eve Jacques Nadine Wes".split(),
    "AU": "Brodie Kylie Shane Tahnee Darcy Jedda Lachlan Bronwyn Mitch Kirralee Warwick Shanae Troy".split(),
    "NZ": "Tane Aroha Wiremu Mereana Hemi Ngaire Rawiri Kiri Blair Anahera Corey Huia".split(),
    "IN": "Prakash Lakshmi Venkatesh Anjali Sudhir Meenakshi Arvind Kavitha Rajesh Deepa Harpreet Sunita Gopal Nandini".split(),
    "ZA": "Thabo Nomvula Pieter Annelie Sipho Lerato Johan Marietjie Bongani Zanele Ruan Precious".split(),
    "SG": "Wei Ling|Jun Hao|Mei Xin|Kok Leong|Siew Hoon|Boon Keng|Hui Min|Kumaravel|Nurul Ain|Farhan".split("|"),
    "NG": "Chukwuemeka Ngozi Babatunde Funmilayo Ifeanyi Adaeze Olumide Yetunde Emeka Halima Tunde Chiamaka".split(),
    "KE": "Wanjiru Otieno Akinyi Kiprono Njeri Mutua Chebet Kamau Atieno Wafula Nyokabi Kipchoge".split(),
    "PH": "Marites Rodel Jocelyn Arnel Maricel Jun-Jun Rowena Bong Analyn Reynaldo Lorelei Danilo".split(),
}

LAST = {
    "US": "Whitacre Okonkwo-Hale Brandvold Castellanos Pruitt Dunnigan Yazzie Hollingshead Bishop Kowalczyk Tran "
          "Vanderpool Fox Goldfarb Espinoza-Reyes Mahaffey Stroud Lindqvist Quarles Young Abernathy DeLuca".split(),
    "UK": "Pemberton Ashworth Rees-Jones Thistlewood Fairbairn Marsh Greenhalgh Oyelaran Heseltine Parsons Coutts "
          "Ogilvie Bradshaw Haque Winstanley Prendergast Major Trelawny".split(),
    "IE": "O'Dwyer McGillycuddy Ni Bhriain Fitzgerald Cusack Mac Giolla Phadraig Hennessy Tierney O'Shaughnessy "
          "Breathnach Kinsella Lenihan Rooney".split(),
    "CA": "Tremblay Gauthier Bouchard-Leroux Ouellet MacIsaac Desrosiers Sandhu Lapointe Chartrand St-Onge Wiebe".split(),
    "AU": "Pappas Kowalski Nguyen Fitzsimons Sweeney Abbott Kerr Tsakalos Harland Whitlam Cooper".split(),
    "NZ": "Te Whata Ngata Parata Tuhiwai Wihongi Brunton Faleolo Tipene McKenzie Horomona".split(),
    "IN": "Raghunathan Chaudhary Iyer Banerjee Deshpande Venkataraman Kulkarni Gill Menon Sengupta Pillai Trivedi".split(),
    "ZA": "Nkosi van der Merwe Dlamini Botha Mokoena du Plessis Khumalo Pretorius Mahlangu Naidoo Venter".split(),
    "SG": "Tan Lim Goh Ong Teo Chua Ramasamy Bin Osman Koh Seah Yeo".split(),
    "NG": "Okafor Adeyemi Eze Balogun Nwachukwu Ogunleye Abubakar Obi Adebayo Uchenna Akinola".split(),
    "KE": "Kariuki Odhiambo Wekesa Mwangi Chepkoech Njoroge Ouma Kibet Muthoni Barasa".split(),
    "PH": "Dela Cruz Bautista Macaraeg Villanueva Sison Pangilinan Agbayani Tolentino Manalastas Ocampo".split(),
}
# a few surnames of two words (Mac Giolla Phadraig, Dela Cruz, van der Merwe) are kept whole below
MULTI = {"Mac": "Mac Giolla Phadraig", "Dela": "Dela Cruz", "van": "van der Merwe", "Ni": "Ni Bhriain",
         "Bin": "Bin Osman", "Te": "Te Whata"}

# given names of the list above that are usually women's (the rest usually men's; Cassidy and Kiri are either)
FEMALE = set("""Marisol Kaylee Shonda Lupita Tamsin Hope Rhonda Margo Cassidy Yesenia Lorna Bettina Siobhan Bethan Imogen
Pauline Harriet Rose Tegan Niamh Maisie Fenella Aoife Grainne Sorcha Mairead Orla Brid Roisin Genevieve Chantal Brianna
Solange Marie-Eve Nadine Kylie Tahnee Jedda Bronwyn Kirralee Shanae Aroha Mereana Ngaire Kiri Anahera Huia Lakshmi Anjali
Meenakshi Kavitha Deepa Harpreet Sunita Nandini Nomvula Annelie Lerato Marietjie Zanele Precious Ngozi Funmilayo Adaeze
Yetunde Halima Chiamaka Wanjiru Akinyi Njeri Chebet Atieno Nyokabi Marites Jocelyn Maricel Rowena Analyn Lorelei""".split())
FEMALE |= {"Wei Ling", "Mei Xin", "Siew Hoon", "Hui Min", "Nurul Ain"}

NICK = {"Delroy": "Del", "Brandon": "Bran", "Dwight": "Dee", "Gareth": "Gaz", "Callum": "Cal", "Padraig": "Podge",
        "Chukwuemeka": "Emeka", "Babatunde": "Tunde", "Venkatesh": "Venky", "Reynaldo": "Rey", "Lachlan": "Lachie",
        "Wiremu": "Wi", "Bongani": "Bonga", "Mathieu": "Matt", "Rodel": "Odie", "Funmilayo": "Funmi"}

# town, postcode, state/county (empty when the form has none)
TOWNS = {
    "US": [("Ridgecrest", "93555", "CA"), ("Waxahachie", "75165", "TX"), ("Mankato", "56001", "MN"),
           ("Hagerstown", "21740", "MD"), ("Pocatello", "83201", "ID"), ("Bowling Green", "42101", "KY"),
           ("Lake Charles", "70601", "LA"), ("Altoona", "16601", "PA"), ("Dothan", "36301", "AL"),
           ("Keene", "03431", "NH"), ("Chillicothe", "45601", "OH"), ("Yakima", "98901", "WA")],
    "UK": [("Kendal", "LA9 4QR", "Cumbria"), ("Llandudno", "LL30 2BN", ""), ("Dunfermline", "KY12 7EQ", "Fife"),
           ("Barnsley", "S70 6TH", ""), ("Truro", "TR1 3LJ", "Cornwall"), ("Wolverhampton", "WV10 0QP", ""),
           ("Kettering", "NN16 8UZ", ""), ("Hexham", "NE46 1QJ", "Northumberland")],
    "IE": [("Ballinasloe", "H53 T9K2", "Co. Galway"), ("Mullingar", "N91 A4E7", "Co. Westmeath"),
           ("Dundalk", "A91 K5P3", "Co. Louth"), ("Clonmel", "E91 VX27", "Co. Tipperary"),
           ("Letterkenny", "F92 D6R8", "Co. Donegal"), ("Dublin 8", "D08 W2N6", "")],
    "CA": [("Kamloops", "V2C 1M4", "BC"), ("Sherbrooke", "J1H 5N4", "QC"), ("Thunder Bay", "P7B 6V4", "ON"),
           ("Moncton", "E1C 4B7", "NB"), ("Red Deer", "T4N 5E1", "AB"), ("Brandon", "R7A 2B3", "MB")],
    "AU": [("Toowoomba", "4350", "QLD"), ("Wagga Wagga", "2650", "NSW"), ("Bendigo", "3550", "VIC"),
           ("Mount Gambier", "5290", "SA"), ("Bunbury", "6230", "WA"), ("Launceston", "7250", "TAS")],
    "NZ": [("Whanganui", "4500", ""), ("Rotorua", "3010", ""), ("Invercargill", "9810", ""), ("Gisborne", "4010", ""),
           ("Timaru", "7910", ""), ("Whangarei", "0110", "")],
    "IN": [("Tiruchirappalli", "620017", "Tamil Nadu"), ("Nashik", "422005", "Maharashtra"),
           ("Ludhiana", "141001", "Punjab"), ("Thrissur", "680001", "Kerala"), ("Mysuru", "570004", "Karnataka"),
           ("Siliguri", "734001", "West Bengal")],
    "ZA": [("Polokwane", "0699", "Limpopo"), ("Mthatha", "5099", "Eastern Cape"), ("Upington", "8801", "Northern Cape"),
           ("Pietermaritzburg", "3201", "KZN"), ("Rustenburg", "0299", "North West"), ("George", "6529", "W Cape")],
    "SG": [("Tampines", "520823", ""), ("Jurong West", "640647", ""), ("Ang Mo Kio", "560415", ""),
           ("Bukit Batok", "650238", "")],
    "NG": [("Ibadan", "200284", "Oyo State"), ("Enugu", "400102", "Enugu State"), ("Kano", "700241", "Kano State"),
           ("Abeokuta", "110101", "Ogun State"), ("Owerri", "460281", "Imo State")],
    "KE": [("Eldoret", "30100", ""), ("Kisumu", "40100", ""), ("Nyeri", "10100", ""), ("Machakos", "90100", ""),
           ("Kakamega", "50100", "")],
    "PH": [("Tuguegarao", "3500", "Cagayan"), ("Dumaguete", "6200", "Negros Oriental"),
           ("San Fernando", "2000", "Pampanga"), ("Iloilo City", "5000", "Iloilo"), ("Tacloban", "6500", "Leyte")],
}

STREETS = {
    "US": "Sycamore Bend Rd|Old Mill Pike|Cottonwood Ln|W 14th St|Harrow Creek Dr|Route 9|Magnolia Ct|Pershing Ave".split("|"),
    "UK": "Fellside Road|Gorse Close|Chapel Lane|Wellington Terrace|Brook Street|The Paddocks|Kiln Way|Tanners Row".split("|"),
    "IE": "Bothar na Tra|Ard Mhuire|Convent Road|Main Street|Church View|Riverside Park|Clonard Grove".split("|"),
    "CA": "rue Wellington Nord|Tranquille Rd|Bay St|Mountain Ave|boul. Jacques-Cartier|Lakeshore Dr".split("|"),
    "AU": "Ruthven St|Baylis Street|Hargreaves St|Jubilee Hwy East|Spencer St|Wellington St".split("|"),
    "NZ": "Taupo Quay|Fenton Street|Dee Street|Gladstone Road|Stafford Street|Bank Street".split("|"),
    "IN": "Salai Road|Gangapur Road|Ferozepur Road|Round North|Sayyaji Rao Road|Hill Cart Road".split("|"),
    "ZA": "Thabo Mbeki St|Sutherland St|Schroder St|Church Street|Beyers Naude Dr|York St".split("|"),
    "SG": "Tampines St 81|Jurong West St 64|Ang Mo Kio Ave 4|Bukit Batok West Ave 8".split("|"),
    "NG": "Ring Road|Ogui Road|Zoo Road|Oke-Ilewo Road|Wetheral Road".split("|"),
    "KE": "Oloo Street|Kenyatta Avenue|Gakere Road|Ngei Road|Canon Awori Street".split("|"),
    "PH": "Bonifacio St|Perdices St|Consunji St|Iznart St|Real St".split("|"),
}

HOSPITALS = {
    "US": ["Mercy Ridgecrest Medical Center", "Saint Amadeus Hospital", "Hollingshead Memorial", "Tri-County Regional",
           "Keene Valley Clinic", "Our Lady of the Lake Regional", "Garrison Family Health", "Altoona Heart Institute"],
    "UK": ["Westmorland General Hospital", "Ysbyty Gwynedd", "Queen Margaret Hospital", "Royal Cornwall Hospital",
           "New Cross Hospital", "St Bede's Hospice", "Kettering General", "Hexham General"],
    "IE": ["Portiuncula University Hospital", "Midland Regional Hospital Mullingar", "Our Lady of Lourdes Hospital",
           "Tipperary University Hospital", "St James's Hospital", "Letterkenny University Hospital"],
    "CA": ["Royal Inland Hospital", "CHUS Fleurimont", "Thunder Bay Regional", "Hopital Dr-Georges-L.-Dumont",
           "Red Deer Regional", "Brandon Regional Health Centre"],
    "AU": ["Toowoomba Base Hospital", "St Vincent's Private Toowoomba", "Bendigo Health", "Bunbury Regional",
           "Launceston General Hospital", "Wagga Wagga Base"],
    "NZ": ["Whanganui Hospital", "Rotorua Hospital", "Southland Hospital", "Te Puia Springs", "Timaru Hospital"],
    "IN": ["Kauvery Trichy", "Sushrut Hospital Nashik", "Dayanand Medical College & Hospital", "Jubilee Mission Hospital",
           "JSS Hospital", "Neotia Getwel"],
    "ZA": ["Mankweng Hospital", "Nelson Mandela Academic", "Dr Harry Surtie Hospital", "Grey's Hospital",
           "Job Shimankana Tabane", "George Provincial"],
    "SG": ["Changi General Hospital", "Ng Teng Fong General", "Khoo Teck Puat Hospital", "Bukit Batok Polyclinic"],
    "NG": ["University College Hospital Ibadan", "Parklane Hospital", "Aminu Kano Teaching Hospital",
           "Federal Medical Centre Owerri", "Sacred Heart Hospital Lantoro"],
    "KE": ["Moi Teaching and Referral", "Jaramogi Oginga Odinga Teaching", "Outspan Hospital", "Machakos Level 5",
           "St Mary's Mission Hospital Mumias"],
    "PH": ["Cagayan Valley Medical Center", "Silliman University Medical Center", "Jose B. Lingad Memorial",
           "Western Visayas Medical Center", "Eastern Visayas Regional"],
}
# short codes staff write for the hospitals above (first letters), used in logs
EMAIL_DOMAINS = {"US": "mercyridge.org", "UK": "nhs.net", "IE": "hse.ie", "CA": "interiorhealth.ca",
                 "AU": "health.qld.gov.au", "NZ": "tewhatuora.govt.nz", "IN": "kauverytrichy.in", "ZA": "health.gov.za",
                 "SG": "singhealth.com.sg", "NG": "uch-ibadan.org.ng", "KE": "mtrh.go.ke", "PH": "cvmc.doh.gov.ph"}
WEBMAIL = ["gmail.com", "yahoo.co.uk", "outlook.com", "icloud.com", "bigpond.com", "rediffmail.com", "xtra.co.nz"]
