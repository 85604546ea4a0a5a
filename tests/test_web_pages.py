"""The policymakers' pages over real HTTP: a uvicorn server on the demo data, httpx as the reader's browser."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pyoxigraph as ox
import pytest


HTML = {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"}
PAGE_TYPES = ["/", "/practices", "/norms", "/search?objective=20", "/coverage", "/coverage?region=150", "/profiles",
              "/vocabularies", "/countries", "/gcm/objectives", "/gcm/objective/20", "/gcm/principle/human-rights",
              "/sdg", "/sdg/10", "/sdg/10.7", "/country/ARG", "/region/150", "/norm-type/law",
              "/id/practice/mda-diaspora-succeeds-at-home-dar-1-3", "/id/norm/arg-ley-25871-migraciones",
              "/id/org/iom", "/ontology", "/sparql"]
WORDS = {"en": "Search", "es": "Buscar", "fr": "Rechercher"}


def page(url: str, lang: str = "en", **params) -> httpx.Response:
    r = httpx.get(url, params=params or None, headers={**HTML, "Accept-Language": lang}, timeout=30)
    assert r.status_code == 200, (url, r.status_code, r.text[:500])
    return r


def result_count(text: str) -> int:
    return int(re.search(r'class="result-count" data-total="(\d+)"', text).group(1))


def links(text: str, css_class: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(rf'<a href="([^"]+)"[^>]*class="{css_class}"', text)]


def test_every_page_type_renders_in_english_spanish_and_french(site):
    for path in PAGE_TYPES:
        for lang, word in WORDS.items():
            r = page(site + path, lang)
            assert f'<html lang="{lang}">' in r.text, (path, lang)
            assert f">{word}</a>" in r.text, (path, lang)
            assert r.headers["content-language"] == lang
            assert 'class="skip-link"' in r.text and '<main id="main"' in r.text


def test_concept_labels_come_from_the_vocabularies_in_the_readers_language(site):
    assert "Remesas" in page(site + "/search", "es").text
    assert "Envois de fonds" in page(site + "/search", "fr").text
    objective = page(site + "/gcm/objective/20", "es").text
    assert "Objetivo 20 del Pacto Mundial" in objective and "Remesas" in objective


def test_the_language_switch_keeps_the_page_and_its_filters_and_is_remembered(site):
    r = page(site + "/search?objective=5&country=ARG", "en")
    switch = re.search(r'<a href="([^"]+)" hreflang="es" lang="es"', r.text).group(1)
    assert parse_qs(urlsplit(html.unescape(switch)).query) == {"objective": ["5"], "country": ["ARG"], "lang": ["es"]}
    spanish = httpx.get(site + html.unescape(switch), headers={**HTML, "Accept-Language": "en"})
    assert '<html lang="es">' in spanish.text and result_count(spanish.text) == result_count(r.text)
    assert spanish.cookies.get("gcmkg_lang") == "es"
    later = httpx.get(site + "/coverage", headers={**HTML, "Accept-Language": "en"}, cookies={"gcmkg_lang": "es"})
    assert '<html lang="es">' in later.text


def test_policymaker_filters_by_objective_and_country_in_a_plain_url(site):
    both = result_count(page(site + "/search?objective=5&country=ARG").text)
    objective = result_count(page(site + "/search?objective=5").text)
    either = result_count(page(site + "/search?objective=5&objective=20").text)
    assert 0 < both < objective < either
    api = httpx.get(site + "/api/search", params={"objective": "5", "country": "ARG"}).json()
    assert api["total"] == both
    norms = result_count(page(site + "/norms?objective=5&country=ARG").text)
    practices = result_count(page(site + "/practices?objective=5&country=ARG").text)
    assert norms + practices == both


def test_values_with_no_result_are_shown_disabled_not_hidden(site):
    text = page(site + "/search?country=ARG").text
    objectives = re.search(r'class="facet facet-objective".*?</section>', text, re.S).group(0)
    assert len(re.findall(r"<li", objectives)) == 23
    assert '<li class="off"><span class="v">1. Data <span class="n">0</span></span>' in objectives
    assert re.search(r'<a href="[^"]*objective=5[^"]*"[^>]*>5\. Regular pathways <span class="n">3</span>', objectives)


def test_sorting_and_pagination_are_urls_too(site):
    first = page(site + "/search?sort=title").text
    second = page(site + "/search?sort=title&page=2").text
    titles = re.findall(r'class="entry-title"><a href="([^"]+)"', first)
    assert len(titles) == 20 and not set(titles) & set(re.findall(r'class="entry-title"><a href="([^"]+)"', second))
    assert 'rel="next"' in first and 'aria-current="page"' in second
    assert '<option value="title" selected>' in first


def test_the_current_results_download_as_csv_json_and_turtle(site):
    text = page(site + "/norms?objective=5&region=019").text
    total = result_count(text)
    downloads = {m[1]: html.unescape(m[0]) for m in re.findall(r'<a href="([^"]+)" class="download" data-format="(\w+)"', text)}
    assert set(downloads) == {"csv", "json", "ttl"}
    rows = list(csv.DictReader(io.StringIO(httpx.get(site + downloads["csv"]).text)))
    assert len(rows) == total and all(r["kind"] == "norm" for r in rows)
    doc = httpx.get(site + downloads["json"]).json()
    assert doc["total"] == total == len(doc["rows"])
    turtle = httpx.get(site + downloads["ttl"])
    entries = {t.subject.value for t in ox.parse(turtle.content, format=ox.RdfFormat.TURTLE)
               if t.predicate.value.endswith("#type") and t.object.value.endswith("#NationalNorm")}
    assert entries == {r["iri"] for r in rows}


@pytest.mark.parametrize("query", ["objective=5&country=ARG", "sdg_target=10.7&kind=norm", "region=150&status=in-force",
                                   "subregion=419&year_from=2010&year_to=2020", "principle=human-rights&type=law",
                                   "organisation=iom", "sdg_goal=8&sdg_goal=16"])
def test_show_as_sparql_returns_the_same_results_as_the_page(site, query):
    text = page(site + "/search?" + query).text
    link = links(text, "sparql-link")[0]
    sparql = parse_qs(urlsplit(link).query)["edit"][0]
    editor = page(site + link).text
    assert html.escape(sparql, quote=False).split("\n")[-3] in editor     # the query fills the editor
    # A region with a computed status takes seconds on a busy machine: wait for the answer, not httpx's 5 s.
    r = httpx.get(site + "/sparql", params={"query": sparql}, headers={"Accept": "application/sparql-results+json"},
                  timeout=120)
    assert r.status_code == 200, r.text
    found = {b["e"]["value"] for b in r.json()["results"]["bindings"]}
    assert len(found) == result_count(text) > 0


def test_entry_page_shows_every_field_links_concepts_and_embeds_json_ld(site):
    text = page(site + "/id/practice/mda-diaspora-succeeds-at-home-dar-1-3", "fr").text
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1))
    assert data
    for link in ("/gcm/objective/19", "/gcm/principle/sustainable-development", "/sdg/10.7", "/country/MDA",
                 "/id/org/undp", "/practice-type/project-programme"):
        assert f'href="{link}"' in text, link
    assert "objectifs principaux" in text.lower()               # field names from the shapes, in French
    assert 'class="citation"' in text and "https://w3id.org/gcmkg/id/practice/mda-diaspora" in text
    assert "Fiches apparentées" in text


def test_from_a_concept_to_everything_linked_to_it(site):
    organisation = page(site + "/id/org/iom").text
    assert organisation.count('class="entry-item"') >= 5
    target = page(site + "/sdg/10.7").text
    assert 'href="/gcm/objective/23"' in target                  # the crosswalk
    assert "/search?sdg_target=10.7" in target


def test_country_page_is_a_normative_map(site):
    text = page(site + "/country/ARG").text
    assert text.count('class="timeline-row"') == 4
    assert "timeline-bar status-repealed" in text and "timeline-bar status-in-force" in text
    assert 'href="/id/norm/arg-decreto-138-2021"' in text
    assert text.count('class="is-covered"') + text.count('class="is-empty"') == 23
    # A strategy whose period ended is neither in force nor repealed.
    moldova = page(site + "/country/MDA").text
    assert "timeline-bar status-expired" in moldova and 'badge status-expired">Expired<' in moldova
    assert 'title="in force until 2025"' in moldova and "<td>2025</td>" in moldova     # its stated end


def test_coverage_matrix_cells_open_searches_with_as_many_results(site):
    for path in ("/coverage", "/coverage?region=019&kind=norm"):
        text = page(site + path).text
        assert 'class="cell is-empty"' in text
        cells = re.findall(r'<td class="cell heat-\d"><a href="([^"]+)"[^>]*>(\d+)</a>', text)
        assert cells
        for link, n in cells[:6]:
            assert result_count(page(site + html.unescape(link)).text) == int(n), link


def test_bad_parameters_get_422_naming_them_in_pages_and_api(site):
    r = httpx.get(site + "/search", params={"sort": "popular"}, headers=HTML)
    assert r.status_code == 422 and "sort" in r.text and "<html" in r.text
    for path, param in (("/api/practices?sort=popular", "sort"), ("/api/search?colour=red", "colour"),
                        ("/api/norms?page=0", "page"), ("/api/search?year_from=1990&year_to=1980", "year_from")):
        r = httpx.get(site + path)
        assert r.status_code == 422 and r.json()["parameter"] == param, path
    assert httpx.get(site + "/practices.csv?colour=red").json()["parameter"] == "colour"


def test_api_lists_entries_with_facet_counts_for_the_current_filter(site):
    doc = httpx.get(site + "/api/practices", params={"objective": "5", "lang": "fr", "page_size": 5}).json()
    assert doc["total"] >= 10 and len(doc["results"]) == 5 and doc["links"]["next"]
    assert {r["kind"] for r in doc["results"]} == {"practice"}
    objective = {v["short"]: v for v in doc["facets"]["objective"]}
    assert objective["5"]["selected"] and objective["5"]["count"] == doc["total"]
    assert objective["20"]["label"].startswith("Rendre les envois de fonds")  # the French title (Migration Network Hub)
    nxt = httpx.get(site + doc["links"]["next"]).json()
    assert nxt["page"] == 2 and {r["iri"] for r in nxt["results"]}.isdisjoint({r["iri"] for r in doc["results"]})
    assert "/api/practices" in httpx.get(site + "/openapi.json").json()["paths"]


def test_browsers_get_an_html_page_for_an_unknown_iri(site):
    r = httpx.get(site + "/id/practice/nothing-here", headers=HTML)
    assert r.status_code == 404 and "<html" in r.text
    assert httpx.get(site + "/id/practice/nothing-here").json()["type"].endswith("/not-found")


def test_every_interface_string_is_translated_into_spanish_and_french():
    from gcmkg.web import catalogue, coverage, entry_pages, facets, search_pages, vocabulary_pages
    from gcmkg.web.concept_pages import NOTES
    web = Path(catalogue.__file__).parent
    asked = set()
    pattern = re.compile(r'''\b_\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')''')
    for source in [*web.glob("templates/*.html"), *web.glob("*.py")]:
        asked |= {a or b for a, b in pattern.findall(source.read_text())}
    asked |= set(search_pages.SORT_NAMES.values()) \
        | set(entry_pages.ROLES.values()) | set(coverage.KINDS.values()) | set(search_pages.KIND_LABELS.values()) | {h for _p, h in NOTES} \
        | {p for p in vocabulary_pages.PURPOSES.values()} | {t for _path, t, _k in search_pages.PAGES.values()}
    missing = sorted(s for s in asked if s not in catalogue.CATALOGUE)
    assert not missing, missing
    # A facet's heading is part of its declaration, in every language.
    untranslated = [f.name for f in facets.FACETS for t in filter(None, (f.heading, f.box_heading))
                    if not (t.en and t.es and t.fr)]
    assert not untranslated, untranslated
    for text, (es, fr) in catalogue.CATALOGUE.items():
        fields = set(re.findall(r"\{\w+\}", text))
        assert set(re.findall(r"\{\w+\}", es)) == fields == set(re.findall(r"\{\w+\}", fr)), text


@pytest.mark.parametrize(("query", "parameter", "value"), [
    ({"country": "ZZZ"}, "country", "ZZZ"), ({"objective": "99"}, "objective", "99"), ({"type": "foo"}, "type", "foo"),
    ({"country": "a b"}, "country", "a b"), ({"objective": "<script>"}, "objective", "<script>")])
def test_an_unknown_filter_value_gets_a_422_page_in_the_readers_language(site, query, parameter, value):
    said = {"en": "is not a known value of the parameter", "es": "no es un valor conocido del parámetro",
            "fr": "n'est pas une valeur connue du paramètre"}
    for lang, sentence in said.items():
        r = httpx.get(site + "/practices", params=query, headers={**HTML, "Accept-Language": lang})
        assert r.status_code == 422, (query, r.status_code)
        text = html.unescape(r.text)
        assert f'<html lang="{lang}">' in r.text and sentence in text and value in text and parameter in text
        assert html.escape(value, quote=False) in r.text           # escaped, never markup
    assert httpx.get(site + "/coverage", params={"region": "ZZZ"}, headers=HTML).status_code == 422


def test_browsers_get_a_favicon(site):
    r = httpx.get(site + "/favicon.ico")
    assert r.status_code == 200 and r.headers["content-type"] == "image/x-icon"
    assert r.content[:4] == b"\x00\x00\x01\x00"                 # an ICO file
    assert httpx.get(site + "/static/favicon.svg").status_code == 200
    assert 'rel="icon"' in page(site + "/").text


def test_people_get_a_downloads_page_and_machines_the_dcat(site):
    for lang, heading in (("en", "Load them into another store"), ("es", "Cargarlos en otro almacén"),
                          ("fr", "Les charger dans un autre entrepôt")):
        text = page(site + "/dumps/", lang).text
        assert heading in text and "creativecommons.org/licenses/by/4.0" in text and "oxigraph load" in text
    files = re.findall(r'<tr class="dump"><td><a href="([^"]+)" download>.*?data-bytes="(\d+)".*?<time datetime="([\d-]+)"',
                       text, re.S)
    assert {f[0] for f in files} == {"/dumps/gcmkg.trig.gz", "/dumps/gcmkg.nq.gz"}
    for href, size, _date in files:
        assert len(httpx.get(site + href).content) == int(size)
    dcat = httpx.get(site + "/dumps/", headers={"Accept": "text/turtle"})
    assert dcat.headers["content-type"].startswith("text/turtle")
    graph = list(ox.parse(dcat.content, format=ox.RdfFormat.TURTLE))
    sizes = {t.object.value for t in graph if t.predicate.value == "http://www.w3.org/ns/dcat#byteSize"}
    assert sizes == {size for _href, size, _date in files}
    assert any(t.predicate.value == "http://purl.org/dc/terms/modified" for t in graph)


def test_the_downloads_page_recipe_loads_the_dump_into_oxigraph(site, tmp_path):
    import subprocess
    import sys
    text = html.unescape(page(site + "/dumps/").text)
    load = re.search(r"<code>(gunzip[^\n]*)", text).group(1)
    (tmp_path / "gcmkg.nq.gz").write_bytes(httpx.get(site + "/dumps/gcmkg.nq.gz").content)
    bin_dir = Path(sys.executable).parent
    done = subprocess.run(load, shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={"PATH": f"{bin_dir}:/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "gcmkg-db").is_dir()


def test_csv_downloads_carry_every_field_in_the_readers_language(site):
    text = page(site + "/practices?country=MDA", "es").text
    link = html.unescape(re.search(r'<a href="([^"]+)" class="download" data-format="csv"', text).group(1))
    r = httpx.get(site + link, headers={"Accept-Language": "es"})
    rows = {row["iri"]: row for row in csv.DictReader(io.StringIO(r.text))}
    assert len(rows) == result_count(text) and r.headers["content-language"] == "es"
    for column in ("summary", "start_date", "type", "objectives", "principles", "sdg_targets", "countries",
                   "implementing_organisations", "source", "page"):
        assert all(row[column] for row in rows.values()), column
    dar = rows["https://w3id.org/gcmkg/id/practice/mda-diaspora-succeeds-at-home-dar-1-3"]
    assert dar["countries"] == "República de Moldova"                    # the UN M49 Spanish name
    assert dar["type"] == "Proyecto/programa" and "Desarrollo sostenible" in dar["principles"]
    assert dar["objectives"].startswith("19. ") and "10.7" in dar["sdg_targets"].split("; ")
    assert dar["page"].endswith("/id/practice/mda-diaspora-succeeds-at-home-dar-1-3")
    norms = list(csv.DictReader(io.StringIO(httpx.get(site + "/norms.csv?country=ARG&lang=fr").text)))
    assert all(n["status"] for n in norms) and any(n["status"] == "Abrogée" for n in norms)
    # Every Argentine norm now has its day of adoption from its InfoLEG text (Decree 366/2025: 28 May 2025).
    assert all(n["date_adopted"] for n in norms)


def test_researchers_get_the_data_model_documented_in_their_language(site):
    for lang, heading, field in (("en", "The data model", "primary GCM objectives"),
                                 ("es", "El modelo de datos", "objetivos principales del Pacto Mundial"),
                                 ("fr", "Le modèle de données", "objectifs principaux du Pacte mondial")):
        text = html.unescape(page(site + "/ontology", lang).text)
        assert f"<h1>{heading}</h1>" in text and field in text
    # Each kind of entry with its fields from the shapes: property, range, cardinality, vocabulary.
    english = html.unescape(page(site + "/ontology", "en").text)
    row = re.search(r'<tr><th scope="row">primary GCM objectives.*?</tr>', english, re.S).group(0)
    assert "gcm:primaryObjective" in row and ">1..3<" in row and 'href="/gcm/objectives"' in row
    for name in ("gcm:Practice", "gcm:NationalNorm", "org:Organization", "eli:first_date_entry_in_force", "xsd:gYear"):
        assert name in text, name
    assert "<svg" in text and "gcm:enablesPractice" in text.split("<svg", 1)[1]          # the diagram
    assert "<code>https://w3id.org/gcmkg/ontology#</code>" in text                          # the prefixes
    turtle = re.findall(r'<pre class="turtle"[^>]*><code>(.*?)</code></pre>', text, re.S)
    assert len(turtle) == 2
    graphs = [list(ox.parse(t.encode(), format=ox.RdfFormat.TURTLE)) for t in turtle]
    kinds = {t.object.value.rsplit("#", 1)[-1] for g in graphs for t in g if t.predicate.value.endswith("#type")}
    assert {"Practice", "NationalNorm"} <= kinds
    assert 'href="/ontology"' in page(site + "/sparql").text
    assert "@prefix" in httpx.get(site + "/ontology", headers={"Accept": "text/turtle"}).text   # machines: the ontology
