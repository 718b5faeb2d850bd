"""Writer 13's note kinds, part C (pathology, OCR'd fax, two-language visits, portal logs). Held out."""
from __future__ import annotations

from deid_frozen13_core import (dob, HOSP, Note, date, digits, email, ip, letters, mrn, nform, person, phone, place,
                                street)

KINDS_C = {}


def kind(cc):
    def deco(f):
        KINDS_C[f.__name__[2:]] = (f, cc)
        return f
    return deco


def P(s): return ("PATIENT", s)
def C(s): return ("CLINICIAN", s)
def R(s): return ("RELATIVE", s)
def D(s): return ("DATE", s)


def acc(r):
    return r.choice([f"S{r.randint(19, 26)}-{digits(r, 5)}", f"FC-{r.randint(2021, 2026)}-{digits(r, 4)}", f"{letters(r, 2)}{digits(r, 7)}"])


@kind("US")
def k_flow_cytometry_report(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r)
    n.add("FLOW CYTOMETRY - LEUKEMIA/LYMPHOMA PANEL\nAccession: ", ("ID_ACCESSION", acc(r)), "   Linked marrow: ", ("ID_ACCESSION", acc(r)), "\n")
    n.add("Patient: ", P(f"{l.upper()}, {f.upper()}"), "  MRN ", ("ID_MRN", mrn(r)), "  Collected ", D(date(r)), "\n")
    n.add("Result: 38% of events are CD19+ CD5+ CD23+ B cells, dim surface lambda, CD200 bright, FMC7 neg. Matutes score 5/5.\n"
          "Interpretation: chronic lymphocytic leukemia (WHO 2022). Residual cells banked ", ("ID_BIOBANK", f"HB{digits(r, 6)}"), ".\n")
    n.add("Pathologist: ", C(nform(r, *person(r), "fl")), ", MD; previous study ", ("YEAR", str(r.randint(2016, 2023))), " was negative.\n")
    return n, "US"


@kind("UK")
def k_fax_cytology_ocr(r, sloppy=None):
    """An OCR'd faxed cytology report: 0/O and 1/l confusions, a name wrapped over two lines (two spans)."""
    n = Note(sloppy)
    f, l = person(r, "UK")
    a = acc(r)
    a_ocr = a.replace("0", "O").replace("1", "l") if r.random() < 0.5 else a
    n.add("P4ge 1 of 2  ", D(date(r, "UK", "num")), " 14:O2  FR0M: Cytology ", ("HOSPITAL", r.choice(HOSP["UK"])), "  FAX ", ("FAX", phone(r, "UK")), "\n")
    n.add("=============================================\nLab No ", ("ID_ACCESSION", a_ocr), "   Surname: ", P(l.upper()), "\n")
    n.add("Forenames: ", P(f.upper()[:3]), "-\n", P(f.upper()[3:]) if len(f) > 4 else "", "   D0B ", D(dob(r, "UK", "num")), "\n")
    n.add("Specimen: urine cytology x3. Atypical urothelial cells (Paris System 2.0 cat. AUC). Suggest cysto.\n")
    n.add("Reported by Dr ", C(nform(r, *person(r, "UK"), "i")), " - copy to Mr ", C(person(r, "UK")[1]), " Urology\n")
    return n, "UK"


@kind("US")
def k_tumour_block_request(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r)
    town, st, z = place(r, "US")
    n.add("Subject: RE: block loan request - ", P(nform(r, f, l, "fl l")), "\n\nHi ", C(person(r)[0]), ",\n\n")
    n.add("Could you pull blocks ", ("ID_ACCESSION", acc(r)), " A3 and ", ("ID_ACCESSION", acc(r)), " B1 for the FoundationOne CDx send-out? "
          "Pt's DOB is ", D(dob(r, "US", "num")), ". Tumor content looked ~40% on the H&E. Please ship to ",
          ("ADDRESS", street(r)), ", ", ("LOCATION", town), ", ", st, " ", ("ZIP", z), ".\n\n")
    n.add("thx,\n", C(nform(r, *person(r), "f fl")), "\nMolecular Tumor Board coordinator | ", ("EMAIL", email(r, *person(r), "stambrose.org")), "\n")
    return n, "US"


@kind("US")
def k_promotora_visit(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r, "US")
    l = r.choice(["Villalobos", "Espinal", "Castellano", "Gutierrez-Ochoa", "de la Garza"])
    town, st, z = place(r, "US")
    n.add("VISITA DE PROMOTORA / CHW HOME VISIT   fecha ", D(date(r, "US", "num")), "\n")
    n.add("Participante: ", P(f"{f} {l}"), "  tel ", ("PHONE", phone(r)), "\n")
    n.add("Domicilio: ", ("ADDRESS", street(r)), " colonia cerca de ", ("LOCATION", town), " ", ("ZIP", z), "\n")
    n.add("Sra. ", P(l), " dice que no tiene glucometro desde diciembre. Vive con su hija ", R(r.choice(["Marisol", "Lupita", "Esperanza"])),
          " y su esposo ", R(r.choice(["Chuy", "Beto", "Rogelio"])), ". A1c last 9.1 (clinic). Dieta: mucha tortilla, coca. "
          "Referida a clinica ", ("HOSPITAL", r.choice(HOSP["US"])), ". Enrolled in portal: ", ("URL", f"https://mi-salud.org/p/{digits(r, 6)}"), "\n")
    n.add("Promotora: ", C(nform(r, *person(r), "f fl")), "\n")
    return n, "US"


@kind("IN")
def k_in_teleconsult_hub(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r, "IN")
    town, stt, pin = place(r, "IN")
    n.add("eSanjeevani-style TELECONSULT (Hub-Spoke)  Consult ID ", ("ID_ACCOUNT", f"TC{digits(r, 10)}"), "\n")
    n.add("Spoke: HWC ", ("LOCATION", town), "   Hub: ", ("HOSPITAL", r.choice(HOSP["IN"])), "\n")
    n.add("Patient: ", P(f"{f} {l}"), ", W/o ", R(nform(r, *person(r, "IN"), "fl")), ", ", ("LOCATION", town), " ", ("ZIP", pin), "  Mob ", ("PHONE", phone(r, "IN")), "\n")
    n.add("CHO note: mareez ko 3 din se bukhaar aur khansi hai, sputum nahi. SpO2 96%. Previous TB treatment in ", ("YEAR", str(r.randint(2015, 2022))), ".\n")
    n.add("Hub doctor: ", C(nform(r, *person(r, "IN"), "fl")), "  session link ", ("URL", f"https://esanjeevani.example.in/c/{letters(r, 6).lower()}"),
          "  client IP ", ("IP", ip(r)), "\nAdvice: CBNAAT sputum, Tab PCM 650 SOS, review via app in 3 days.\n")
    return n, "IN"


@kind("US")
def k_portal_upload_log(r, sloppy=None):
    n = Note(sloppy)
    f, l = person(r)
    n.add("PATIENT PORTAL - DOCUMENT UPLOAD LOG (admin view)\naccount: ", ("EMAIL", email(r, f, l)), "  proxy of: ", P(nform(r, f, l, "fl")), "\n")
    for _ in range(r.randint(2, 3)):
        n.add(D(date(r, "US", "iso")), " ", f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}", "  ", ("IP", ip(r)), "  ", r.choice(["upload", "view", "download"]), "  ",
              ("URL", f"https://myhealth.stambrose.org/docs/{digits(r, 8)}"), "\n")
    n.add("member since ", ("YEAR", str(r.randint(2012, 2024))), "; 2FA sms to ", ("PHONE", phone(r)), "\n")
    return n, "US"
