"""Spreadsheet column headers (en/es/fr) and the field each one fills."""

from __future__ import annotations

import unicodedata

_HEADERS = {
    "dcterms:title": ["title", "name", "practice", "titulo", "nombre", "practica", "titre", "nom", "pratique"],
    "dcterms:abstract": ["summary", "description", "abstract", "resumen", "descripcion", "resume"],
    "dcterms:spatial": ["country", "countries", "location", "pais", "paises", "ubicacion", "pays", "lieu"],
    "schema:startDate": ["start year", "start date", "start", "year started", "ano de inicio", "fecha de inicio",
                         "inicio", "annee de debut", "date de debut", "debut"],
    "schema:endDate": ["end year", "end date", "end", "ano de fin", "fecha de fin", "fin", "annee de fin",
                       "date de fin"],
    "gcm:implementingOrganisation": ["implementing organisation", "implementing organization", "implementer",
                                     "implementing organisations", "organisation", "organization",
                                     "organizacion ejecutora", "organizacion", "organisation de mise en oeuvre"],
    "gcm:partnerOrganisation": ["partner", "partners", "partner organisations", "partner organizations", "socios",
                                "organizaciones asociadas", "partenaires", "partenaire"],
    "gcm:donorOrganisation": ["donor", "donors", "funder", "funders", "donantes", "donante", "bailleurs",
                              "bailleur", "bailleurs de fonds"],
}
_FIELD_OF = {header: field for field, headers in _HEADERS.items() for header in headers}


def field_for_column(header: str) -> str | None:
    """The field a column fills, from its header in en/es/fr (accents and case ignored).

    >>> field_for_column("Año de inicio")
    'schema:startDate'
    """
    plain = "".join(c for c in unicodedata.normalize("NFD", header.strip().lower()) if not unicodedata.combining(c))
    return _FIELD_OF.get(" ".join(plain.replace("_", " ").split()))
