"""Which texts are translations (issue 13, "who and when"): an entry written in Spanish, its English texts
translated by a person and its French ones by a machine from the English. A reader sees it beside the texts
and in the JSON; a contributor says it in the form, the spreadsheet template or the JSON API, and is told at
the record's row and field when it cannot be true. Over HTTP against a real server on the demo data."""

from __future__ import annotations

import html
import io
import re

import httpx
import pytest
from openpyxl import load_workbook

from curation_site import field_problems, open_site_with, post_new, saved_entry
from form_support import valid_practice

SLUG = "bilingual-host-families"
BASE_ID = "https://w3id.org/gcmkg/id/practice/"
DATA = f"""
@prefix gcm: <https://w3id.org/gcmkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<https://w3id.org/gcmkg/id/practice/{SLUG}> a gcm:Practice ;
    dcterms:title "Familias de acogida en la frontera"@es , "Host families at the border"@en ,
        "Familles d'accueil à la frontière"@fr ;
    dcterms:language "es"^^xsd:language ;
    gcm:originalLanguage "es"^^xsd:language ;
    gcm:translation [ a gcm:Translation ; dcterms:language "en"^^xsd:language ;
                      gcm:translatedFrom "es"^^xsd:language ; gcm:translationMethod "human" ] ,
                    [ a gcm:Translation ; dcterms:language "fr"^^xsd:language ;
                      gcm:translatedFrom "en"^^xsd:language ; gcm:translationMethod "machine" ] ;
    dcterms:abstract "Familias acogen a niños migrantes no acompañados en la frontera."@es ,
        "Families host unaccompanied migrant children at the border."@en ,
        "Des familles accueillent des enfants migrants non accompagnés à la frontière."@fr ;
    gcm:practiceType <https://w3id.org/gcmkg/practice-type/project-programme> ;
    gcm:primaryObjective <https://w3id.org/gcmkg/gcm/objective/7> ;
    dcterms:spatial <https://w3id.org/gcmkg/country/CHL> ;
    schema:startDate "2019"^^xsd:gYear ;
    gcm:ongoing true ;
    gcm:implementingOrganisation <https://w3id.org/gcmkg/id/org/iom> ;
    dcterms:source <https://example.org/host-families/border> ;
    gcm:reviewStatus <https://w3id.org/gcmkg/review-status/approved> ;
    gcm:reviewedBy <https://w3id.org/gcmkg/id/org/gcmkg-demo-editors> ;
    gcm:reviewedOn "2026-12-03T00:00:00Z"^^xsd:dateTime .
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from open_site_with(tmp_path_factory.mktemp("translations"), DATA)


def page(site, lang: str) -> str:
    answer = httpx.get(f"{site.url}/id/practice/{SLUG}", headers={"Accept": "text/html", "Accept-Language": lang})
    assert answer.status_code == 200
    return html.unescape(answer.text)


def test_a_reader_sees_beside_each_text_whether_it_is_a_translation_and_from_what(site):
    english = page(site, "en")
    summaries = english.split('class="field field-abstract"')[1].split("</div>")[0]
    assert "(translated from English (machine translation))" in summaries.split('lang="fr"')[1]
    assert "(translated from Spanish (human translation))" not in summaries.split('lang="fr"')[1]
    # The English heading is itself a translation: the reader is told under it.
    assert re.search(r'<h1 id="entry-title">Host families at the border</h1>\s*'
                     r'<p class="translation-note">translated from Spanish \(human translation\)</p>', english)
    spanish = page(site, "es")
    assert "traducido de la versión en inglés (traducción automática)" in spanish
    assert '<p class="translation-note">' not in spanish, "the Spanish texts are the original"
    assert "traduit de la version en espagnol (traduction humaine)" in page(site, "fr")


def test_a_script_reads_the_original_language_and_the_translations_in_the_json(site):
    doc = httpx.get(f"{site.url}/api/practices/{SLUG}").json()
    assert [v["value"] for v in doc["originalLanguage"]] == ["es"]
    assert doc["translation"] == [
        {"language": "en", "translatedFrom": "es", "translationMethod": "human"},
        {"language": "fr", "translatedFrom": "en", "translationMethod": "machine"}]


def translated(title: str, **changes) -> dict:
    return valid_practice(**{"title.text": [title, f"{title} (es)"], "title.lang": ["en", "es"],
                             "originalLanguage": ["es"], "translation.0.language": ["en"],
                             "translation.0.translatedFrom": ["es"], "translation.0.translationMethod": ["machine"],
                             "source": [f"https://example.org/{abs(hash(title))}"], **changes})


def test_a_contributor_says_in_the_form_which_texts_are_a_machine_translation(site):
    with site.browser("alice_contributor") as browser:
        blank = html.unescape(browser.get("/curate/new/practice", headers={"Accept-Language": "es"}).text)
        assert 'name="translation.0.translatedFrom"' in blank and "traducciones" in blank
        assert '<input type="radio" name="translation.0.translationMethod" value="machine">' in blank
        assert "por una máquina" in blank, "who translated, in the reader's language"
        saved = post_new(browser, "practice", translated("Interpreters translated by machine"))
        assert saved.status_code == 303, saved.text
        edit = saved.headers["location"].split("?")[0]
        again = browser.get(edit).text
    assert 'name="translation.0.translationMethod" value="machine" checked' in again
    entry_id = edit[len("/curate/entries/"):-len("/edit")]
    draft = httpx.get(f"{site.url}/api/curation/entries/{entry_id}", headers=site.token("alice_contributor")).json()
    assert draft["translation"] == [{"language": ["en"], "translatedFrom": ["es"], "translationMethod": ["machine"]}]


def test_a_translation_that_cannot_be_true_is_shown_at_its_row_and_field(site):
    with site.browser("alice_contributor") as browser:
        # German texts the entry does not have, translated from Portuguese it was never written in.
        saved = post_new(browser, "practice", translated("Interpreters in German", **{
            "translation.0.language": ["de"], "translation.0.translatedFrom": ["pt"]}))
        assert saved.status_code == 303
        edit = html.unescape(browser.get(saved.headers["location"].split("?")[0]).text)
    assert "The entry has no text in the language of this translation" in field_problems(edit, "translation.0.language")
    source = field_problems(edit, "translation.0.translatedFrom")
    assert "from an original language of the entry or from another language it was translated into" in source


def test_a_script_saves_a_translation_record_through_the_json_api_and_learns_what_is_wrong_with_a_bad_one(site):
    with site.browser("alice_contributor") as browser:
        saved = post_new(browser, "practice", translated("Interpreters by script"))
    entry_id = saved_entry(saved)
    url, alice = f"{site.url}/api/curation/entries/{entry_id}", site.token("alice_contributor")
    got = httpx.get(url, headers=alice)
    doc = {k: v for k, v in got.json().items() if k not in ("id", "iri", "state", "version", "actions")}
    doc["translation"][0]["translationMethod"] = ["human"]
    put = httpx.put(url, json=doc, headers={**alice, "If-Match": got.headers["ETag"]})
    assert put.status_code == 200, put.text
    assert put.json()["translation"] == [{"language": ["en"], "translatedFrom": ["es"], "translationMethod": ["human"]}]
    # A draft may be unfinished: it is saved, and the shapes say what is wrong before it is submitted.
    bad = httpx.put(url, json={**doc, "translation": [{"language": "en", "translationMethod": "robot"}]},
                    headers={**alice, "If-Match": put.headers["ETag"]})
    assert bad.status_code == 200, bad.text
    problems = httpx.get(f"{url}/problems", headers=alice).json()
    assert {p["field"] for p in problems if p["severity"] == "Violation"} >= {"translatedFrom", "translationMethod"}


def test_the_spreadsheet_template_has_a_sheet_of_translations(site):
    answer = httpx.get(site.url + "/curate/template/practice.xlsx", headers={"Accept-Language": "en"})
    book = load_workbook(io.BytesIO(answer.content))
    headers = [c.value for c in book["translations"][1]]
    for key in ("translation.row", "translation.language", "translation.translatedFrom",
                "translation.translationMethod"):
        assert any(h and h.endswith(f"[{key}]") for h in headers), (key, headers)
    # The instructions give each column its own rule: a record's language is not the record language.
    guide = [" ".join(str(c) for c in row if c) for row in book["instructions"].iter_rows(values_only=True)]
    assert any("translation.language" in row and "per translation record" in row for row in guide), guide
    assert not any("translation.language" in row and "language of the record" in row for row in guide)


def test_a_reader_filters_by_the_language_an_entry_was_first_written_in_apart_from_the_record_language(site):
    doc = httpx.get(f"{site.url}/api/practices", params={"original_language": "es",
                                                       "facets": "original_language,language"}).json()
    assert f"https://w3id.org/gcmkg/id/practice/{SLUG}" in {r["iri"] for r in doc["results"]}
    originals = {v["short"]: v["count"] for v in doc["facets"]["original_language"]}
    assert originals["es"] == doc["total"]
    page = html.unescape(httpx.get(f"{site.url}/practices", params={"original_language": "es", "lang": "fr"},
                                   headers={"Accept": "text/html"}).text)
    assert re.search(r'<h3 id="facet-original_language">Langue originale', page)


def test_a_merge_offers_the_duplicates_translation_records_unticked():
    # They describe the duplicate's own texts; the entry it is merged into keeps its texts in its languages.
    from pyoxigraph import BlankNode, Literal, NamedNode, Triple

    from gcmkg.graph.merges import offers
    from gcmkg.names import GCM, RDF_TYPE, XSD
    into, merged, record = NamedNode(BASE_ID + "a"), NamedNode(BASE_ID + "b"), BlankNode("t")
    language = NamedNode("http://purl.org/dc/terms/language")
    taken = [Triple(merged, RDF_TYPE, NamedNode(GCM + "Practice")),
             Triple(merged, NamedNode(GCM + "translation"), record),
             Triple(record, language, Literal("fr", datatype=NamedNode(XSD + "language")))]
    offered = {o.key: o for o in offers(into, [Triple(into, RDF_TYPE, NamedNode(GCM + "Practice"))], merged, taken,
                                        GCM + "Practice")}
    assert offered["translation"].values == (record,) and not offered["translation"].default
