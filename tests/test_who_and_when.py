"""Who and when (issue 13): the organisation that submits an entry and the date, apart from the one that
implements it; a unit inside its organisation (UNESCO's regional office inside UNESCO); partners that are
groups; the original language of the texts. On the pages, in the JSON and in the form, over HTTP."""

from __future__ import annotations

import httpx
import pytest

from curation_site import open_site_with

OFFICE = "org/unesco-regional-office-santiago"
PRACTICE = "practice/host-families-for-unaccompanied-children"
DATA = """
@prefix gcm: <https://w3id.org/gcmkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<https://w3id.org/gcmkg/id/org/unesco-regional-office-santiago> a org:Organization ;
    skos:prefLabel "UNESCO Regional Office for Education in Latin America and the Caribbean"@en ;
    org:classification <https://w3id.org/gcmkg/organisation-type/un-entity> ;
    org:subOrganizationOf <https://w3id.org/gcmkg/id/org/unesco> .

<https://w3id.org/gcmkg/id/practice/host-families-for-unaccompanied-children> a gcm:Practice ;
    dcterms:title "Familias de acogida para niños no acompañados"@es , "Host families for unaccompanied children"@en ;
    dcterms:language "en"^^xsd:language ;
    gcm:originalLanguage "es"^^xsd:language ;
    dcterms:abstract "Families host unaccompanied migrant children while their cases are heard."@en ;
    gcm:practiceType <https://w3id.org/gcmkg/practice-type/project-programme> ;
    gcm:primaryObjective <https://w3id.org/gcmkg/gcm/objective/7> ;
    dcterms:spatial <https://w3id.org/gcmkg/country/CHL> ;
    schema:startDate "2019"^^xsd:gYear ;
    gcm:ongoing true ;
    gcm:implementingOrganisation <https://w3id.org/gcmkg/id/org/unesco> ;
    gcm:partnerGroup "host families"@en , "familias de acogida"@es ;
    gcm:submittedBy <https://w3id.org/gcmkg/id/org/unesco-regional-office-santiago> ;
    dcterms:dateSubmitted "2024-05-02"^^xsd:date ;
    dcterms:source <https://example.org/host-families/chile> ;
    gcm:reviewStatus <https://w3id.org/gcmkg/review-status/approved> ;
    gcm:reviewedBy <https://w3id.org/gcmkg/id/org/gcmkg-demo-editors> ;
    gcm:reviewedOn "2026-12-03T00:00:00Z"^^xsd:dateTime .
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from open_site_with(tmp_path_factory.mktemp("who-and-when"), DATA)


def test_an_organisations_page_lists_its_units_and_a_units_page_says_what_it_is_part_of(site):
    parent = httpx.get(f"{site.url}/id/org/unesco", headers={"Accept": "text/html", "Accept-Language": "es"}).text
    assert "Unidades de esta organización" in parent and f'href="/id/{OFFICE}"' in parent
    office = httpx.get(f"{site.url}/id/{OFFICE}", headers={"Accept": "text/html"}).text
    assert "Part of" in office and 'href="/id/org/unesco"' in office
    units = httpx.get(f"{site.url}/api/organisations/unesco").json()["units"]
    assert [u["iri"] for u in units] == [f"https://w3id.org/gcmkg/id/{OFFICE}"]


def test_a_practice_says_who_submitted_it_and_when_apart_from_who_implements_it(site):
    doc = httpx.get(f"{site.url}/api/practices/{PRACTICE.split('/')[1]}").json()
    assert doc["submittedBy"][0]["iri"].endswith(OFFICE) and doc["implementingOrganisation"][0]["iri"].endswith(
        "org/unesco")
    assert doc["dateSubmitted"] == [{"value": "2024-05-02", "datatype": "http://www.w3.org/2001/XMLSchema#date"}]
    assert doc["originalLanguage"][0]["value"] == "es"
    assert {"value": "host families", "lang": "en"} in doc["partnerGroup"]
    page = httpx.get(f"{site.url}/id/{PRACTICE}", headers={"Accept": "text/html", "Accept-Language": "fr"}).text
    for words in ("Organisation soumettante", "Date de soumission", "Langue originale", "Groupes partenaires"):
        assert words in page, words


def test_the_form_asks_who_submits_when_in_which_language_first_and_which_groups_take_part(site):
    with site.browser("alice_contributor") as browser:
        form = browser.get("/curate/new/practice").text
        organisation = browser.get("/curate/new/organisation").text
    for name in ('name="submittedBy"', 'name="dateSubmitted"', 'name="originalLanguage"', 'name="partnerGroup.text"'):
        assert name in form, name
    assert 'name="subOrganizationOf"' in organisation
