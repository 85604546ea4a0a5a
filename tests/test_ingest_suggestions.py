"""Suggestions for a draft, each pointing at the words it came from, in English, Spanish and French."""

from __future__ import annotations

import pytest

from gcmkg.ingest.evidence import quoted_text
from gcmkg.ingest.read import read_documents
from gcmkg.ingest.suggestions import NORM, suggest
from ingest_documents import DATA, TEXTS, blocks, make_docx, make_pdf, make_xlsx

COUNTRY = "https://w3id.org/gcmkg/country/"
REGION = "https://w3id.org/gcmkg/region/"
ORG = "https://w3id.org/gcmkg/id/org/"


def values(suggestions, field):
    return {s.value for s in suggestions if s.field == field}


def documents_in_every_format(tmp_path, language):
    """The same test document as read from its own file, a PDF and a DOCX."""
    content = blocks(language)
    yield read_documents(TEXTS[language])[0]
    yield read_documents(make_pdf(tmp_path / f"{language}.pdf", [content[:2], content[2:]]))[0]
    yield read_documents(make_docx(tmp_path / f"{language}.docx", content))[0]


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_text_at_every_selector_is_the_quoted_text(tmp_path, language):
    checked = 0
    for document in documents_in_every_format(tmp_path, language):
        suggestions = suggest(document)
        assert suggestions, document.source
        for suggestion in suggestions:
            assert suggestion.evidence, suggestion
            for evidence in suggestion.evidence:
                at_position, exact = quoted_text(document, evidence["selector"])
                assert at_position == exact and exact.strip(), (document.source, suggestion.field)
                quote = evidence["selector"][0]
                start = evidence["selector"][1]["start"]
                assert document.text[:start].endswith(quote["prefix"])
                assert document.text[start:].startswith(exact + quote["suffix"])
                checked += 1
    assert checked > 20


def test_english_report_suggests_places_organisations_roles_and_dates():
    [document] = read_documents(DATA / "practice-en.md")
    found = suggest(document)
    assert {COUNTRY + "NPL", COUNTRY + "MYS", COUNTRY + "BGD", REGION + "035"} <= values(found, "dcterms:spatial")
    assert values(found, "gcm:implementingOrganisation") == {ORG + "iom"}
    assert values(found, "gcm:donorOrganisation") == {ORG + "undp"}
    assert values(found, "gcm:partnerOrganisation") == {ORG + "ilo"}
    assert "2018-03" in values(found, "schema:startDate")
    assert values(found, "gcm:ongoing") == {"true"}
    title = next(s for s in found if s.field == "dcterms:title")
    assert title.value == "Safe Labour Migration Corridor between Nepal and Malaysia" and title.language == "en"
    summary = next(s for s in found if s.field == "dcterms:abstract")
    assert summary.value.startswith("The Safe Labour Migration Corridor supports") and summary.value in document.text


def test_spanish_page_links_organisations_by_their_spanish_names_and_acronyms():
    [document] = read_documents(DATA / "practica-es.html")
    found = suggest(document)
    iom = next(s for s in found if s.field == "gcm:implementingOrganisation")
    assert iom.value == ORG + "iom" and iom.method == "gazetteer"
    assert {e["selector"][0]["exact"] for e in iom.evidence} == {"Organización Internacional para las Migraciones", "OIM"}
    assert values(found, "gcm:partnerOrganisation") == {ORG + "unicef"}
    assert "2019-07-01" in values(found, "schema:startDate") and "2023" in values(found, "schema:endDate")
    mexico = next(s for s in found if s.value == COUNTRY + "MEX")
    assert "mexicanas" in {e["selector"][0]["exact"] for e in mexico.evidence}, "the demonym is evidence too"
    assert REGION + "013" in values(found, "dcterms:spatial")  # Centroamérica


def test_french_report_with_typographic_apostrophes_and_regional_roll_up(tmp_path):
    path = tmp_path / "pratique.txt"
    path.write_text(TEXTS["fr"].read_text(encoding="utf-8").replace("'", "\u2019"), encoding="utf-8")
    [document] = read_documents(path)
    found = suggest(document)
    assert {COUNTRY + "SEN", COUNTRY + "MLI", COUNTRY + "GIN", COUNTRY + "CIV"} <= values(found, "dcterms:spatial")
    roll_up = next(s for s in found if s.value == REGION + "011")
    assert roll_up.method == "rule" and len(roll_up.evidence) >= 2
    assert values(found, "gcm:donorOrganisation") == {ORG + "european-union"}
    assert "2020-02-01" in values(found, "schema:startDate")
    cote = next(s for s in found if s.value == COUNTRY + "CIV")
    assert cote.evidence[0]["selector"][0]["exact"] == "Côte d\u2019Ivoire"


def test_pdf_evidence_names_its_page(tmp_path):
    content = blocks("fr")
    [document] = read_documents(make_pdf(tmp_path / "rapport.pdf", [content[:3], content[3:]]))
    guinea = next(s for s in suggest(document) if s.value == COUNTRY + "GIN")
    assert guinea.evidence[0]["page"] == 2


def test_spreadsheet_columns_fill_their_fields_with_the_cell_as_evidence(tmp_path):
    rows = [["Título", "Países", "Año de inicio", "Organización"],
            ["Ventanillas de atención al migrante", "México; Guatemala", 2019, "OIM"]]
    [document] = read_documents(make_xlsx(tmp_path / "practicas.xlsx", rows))
    found = suggest(document)
    assert values(found, "dcterms:title") == {"Ventanillas de atención al migrante"}
    assert values(found, "schema:startDate") == {"2019"}
    assert values(found, "gcm:implementingOrganisation") == {ORG + "iom"}
    assert {COUNTRY + "MEX", COUNTRY + "GTM"} <= values(found, "dcterms:spatial")
    assert all(e["locator"] == "Practices row 2" for s in found for e in s.evidence)


@pytest.mark.parametrize("name, jurisdiction, issuer, norm_type, adopted, in_force", [
    ("ley-es.md", "COL", "col-congress", "law", "2021-08-05", "2022-01-01"),
    ("loi-fr.md", "CAN", "can-parliament", "law", "2001-11-01", "2002-06-28"),
])
def test_national_norm_gets_type_jurisdiction_issuer_and_dates(name, jurisdiction, issuer, norm_type, adopted,
                                                               in_force):
    [document] = read_documents(DATA / name)
    found = suggest(document, NORM)
    assert COUNTRY + jurisdiction in values(found, "eli:jurisdiction")
    assert values(found, "eli:passed_by") == {ORG + issuer}
    assert values(found, "eli:type_document") == {f"https://w3id.org/gcmkg/norm-type/{norm_type}"}
    assert adopted in values(found, "eli:date_document")
    assert in_force in values(found, "eli:first_date_entry_in_force")
    assert not values(found, "schema:startDate"), "practice fields are not suggested for a norm"


def test_organisation_stored_by_a_curator_is_linked_by_its_name_and_acronym(tmp_path):
    from pyoxigraph import Literal, NamedNode, Quad

    from gcmkg.graph.oxigraph_store import OxigraphStore
    from gcmkg.ingest.gazetteer import build_gazetteer, stored_organisations

    skos = "http://www.w3.org/2004/02/skos/core#"
    foundation = NamedNode(ORG + "ecu-fundacion-migrantes-unidos")
    store = OxigraphStore()
    store.add_new_graphs([
        Quad(foundation, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
             NamedNode("http://www.w3.org/ns/org#Organization"), foundation),
        Quad(foundation, NamedNode(skos + "prefLabel"), Literal("Fundación Migrantes Unidos", language="es"), foundation),
        Quad(foundation, NamedNode(skos + "altLabel"), Literal("FMU", language="es"), foundation)])
    path = tmp_path / "informe.txt"
    path.write_text("El programa de acogida fue ejecutado por la Fundación Migrantes Unidos (FMU) en Ecuador"
                    " desde marzo de 2020, con la OIM como socia.", encoding="utf-8")
    [document] = read_documents(path)
    found = suggest(document, gazetteer=build_gazetteer(organisations=stored_organisations(store)))
    implementing = next(s for s in found if s.field == "gcm:implementingOrganisation")
    assert implementing.value == foundation.value
    assert {e["selector"][0]["exact"] for e in implementing.evidence} == {"Fundación Migrantes Unidos", "FMU"}
    assert values(found, "gcm:partnerOrganisation") == {ORG + "iom"}, "the demo organisations stay linked"
    assert "2020-03" in values(found, "schema:startDate")


def test_world_in_world_bank_is_no_place_but_a_country_in_a_name_still_is():
    from gcmkg.ingest.document import DocumentBuilder

    builder = DocumentBuilder("note.txt", "text", "en")
    builder.add("The pilot in Nepal is funded by the World Bank.")
    found = suggest(builder.build(), with_topics=False)
    assert values(found, "dcterms:spatial") == {COUNTRY + "NPL"}
    assert values(found, "gcm:donorOrganisation") == {ORG + "world-bank"}
