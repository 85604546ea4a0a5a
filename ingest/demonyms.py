"""Adjectives of nationality for countries often named in migration reports, in en/es/fr.

CLDR and ISO carry no demonyms, so these are written out here; the Spanish and
French feminine and plural forms are derived from the masculine singular by
the regular endings only. Forms that are also the name of a language
("French", "Spanish") or of another group ("indio") are left out on purpose.
"""

from __future__ import annotations

# ISO alpha-3: (English forms, Spanish masculine singular, French masculine singular)
DEMONYMS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "MEX": (("Mexican",), "mexicano", "mexicain"),
    "GTM": (("Guatemalan",), "guatemalteco", "guatémaltèque"),
    "HND": (("Honduran",), "hondureño", "hondurien"),
    "SLV": (("Salvadoran", "Salvadorean"), "salvadoreño", "salvadorien"),
    "COL": (("Colombian",), "colombiano", "colombien"),
    "VEN": (("Venezuelan",), "venezolano", "vénézuélien"),
    "PER": (("Peruvian",), "peruano", "péruvien"),
    "ECU": (("Ecuadorian",), "ecuatoriano", "équatorien"),
    "CHL": (("Chilean",), "chileno", "chilien"),
    "BRA": (("Brazilian",), "brasileño", "brésilien"),
    "HTI": (("Haitian",), "haitiano", "haïtien"),
    "SEN": (("Senegalese",), "senegalés", "sénégalais"),
    "MLI": (("Malian",), "maliense", "malien"),
    "MAR": (("Moroccan",), "marroquí", "marocain"),
    "NGA": (("Nigerian",), "nigeriano", "nigérian"),
    "NER": (("Nigerien",), "nigerino", "nigérien"),
    "NPL": (("Nepali", "Nepalese"), "nepalí", "népalais"),
    "BGD": (("Bangladeshi",), "bangladesí", "bangladais"),
    "PHL": (("Filipino",), "filipino", "philippin"),
    "MYS": (("Malaysian",), "malasio", "malaisien"),
    "SYR": (("Syrian",), "sirio", "syrien"),
    "AFG": (("Afghan",), "afgano", "afghan"),
    "ETH": (("Ethiopian",), "etíope", "éthiopien"),
    "ERI": (("Eritrean",), "eritreo", "érythréen"),
    "SOM": (("Somali",), "somalí", "somalien"),
    "GHA": (("Ghanaian",), "ghanés", "ghanéen"),
    "CIV": (("Ivorian",), "marfileño", "ivoirien"),
    "TUN": (("Tunisian",), "tunecino", "tunisien"),
    "DZA": (("Algerian",), "argelino", "algérien"),
    "EGY": (("Egyptian",), "egipcio", "égyptien"),
    "UKR": (("Ukrainian",), "ucraniano", "ukrainien"),
    "CAN": (("Canadian",), "canadiense", "canadien"),
    "MDA": (("Moldovan",), "moldavo", "moldave"),
}


def spanish_forms(masculine: str) -> list[str]:
    """Regular feminine and plural forms: mexicano -> mexicana, mexicanos, mexicanas."""
    if masculine.endswith("o"):
        stem = masculine[:-1]
        return [masculine, stem + "a", stem + "os", stem + "as"]
    if masculine.endswith("és"):
        stem = masculine[:-2] + "es"
        return [masculine, stem + "a", stem + "es", stem + "as"]
    if masculine.endswith("í"):
        return [masculine, masculine + "es"]
    if masculine.endswith("e"):
        return [masculine, masculine + "s"]
    return [masculine]


def french_forms(masculine: str) -> list[str]:
    """Regular feminine and plural forms: malien -> malienne, maliens, maliennes."""
    if masculine.endswith("ien"):
        return [masculine, masculine + "ne", masculine + "s", masculine + "nes"]
    if masculine.endswith(("ais", "ois")):
        return [masculine, masculine + "e", masculine + "es"]
    if masculine.endswith("e"):
        return [masculine, masculine + "s"]
    return [masculine, masculine + "e", masculine + "s", masculine + "es"]


def demonym_forms(alpha3: str) -> list[tuple[str, str]]:
    """Every (form, language) of a country's demonym, or [] if none is listed."""
    if alpha3 not in DEMONYMS:
        return []
    english, spanish, french = DEMONYMS[alpha3]
    forms = []
    for word in english:  # "Mexicans", but not "Senegaleses" or "Nepalis"
        forms += [(word, "en")] + ([] if word.endswith(("ese", "i")) else [(word + "s", "en")])
    return forms + [(f, "es") for f in spanish_forms(spanish)] + [(f, "fr") for f in french_forms(french)]
