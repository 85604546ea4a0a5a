"""The education profile over real HTTP (the demo data, a uvicorn server): the comparison of national norms,
a country's education section, the inventory found by the facets, and the implementation analysis with
its CSV export, in en/es/fr. The profile mechanism itself is shown with a second, test-only profile."""

from __future__ import annotations

import csv
import html
import io
import re

import httpx
import pytest
from rdflib import Graph

HTML = {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"}
BRA_NORM = "/id/norm/bra-resolucao-cne-ceb-1-2020"
COL_NORM = "/id/norm/col-circular-16-2018-atencion-escolar"
IPE = "/id/practice/chl-provisional-school-identifier"


def get(url: str, lang: str = "en", status: int = 200, **params) -> httpx.Response:
    r = httpx.get(url, params=params or None, headers={**HTML, "Accept-Language": lang}, timeout=60)
    assert r.status_code == status, (url, r.status_code, r.text[:500])
    return r


def test_policymaker_compares_latin_american_norms_dimension_by_dimension_with_the_quoted_provision(site):
    text = html.unescape(get(site + "/profiles/education/compare").text)
    assert "Comparison of national norms: Latin America and the Caribbean" in text
    rows = re.findall(r'<tr>\s*<th scope="row"><a href="/country/(\w+)">', text)
    assert rows == ["BRA", "COL"], "the countries with an assessed norm, by name"
    # Brazil's cell on language support: the value, the norm, the provision and the source it was read from.
    brazil = text[text.index('href="/country/BRA"'):text.index('href="/country/COL"')]
    cells = brazil.split("<td>")[1:]
    dimensions = re.findall(r'<th scope="col">([^<]+)</th>', text)[1:]
    language = cells[dimensions.index("Language support")]
    assert 'class="value value-guaranteed">Guaranteed' in language
    assert f'href="{BRA_NORM}#assessment-language-support"' in language
    assert "deverá ser feito na língua materna do estudante" in language and 'lang="pt"' in language
    assert 'href="https://sagresonline.com.br/' in language
    assert "no assessed norm" in cells[dimensions.index("Certification of studies")]


def test_a_cell_links_to_the_assessment_on_the_norms_own_page(site):
    compare = html.unescape(get(site + "/profiles/education/compare").text)
    assert f'href="{BRA_NORM}#assessment-language-support"' in compare
    norm = html.unescape(get(site + BRA_NORM, "es").text)
    section = norm[norm.index('id="assessment-language-support"'):]
    assert "Apoyo lingüístico" in section and "Garantizado" in section
    assert "língua materna" in section and 'href="https://sagresonline.com.br/' in section
    assert 'id="assessments-education"' not in get(site + "/id/norm/arg-ley-25871-migraciones").text


def test_comparison_speaks_the_readers_language_and_refuses_an_unknown_region(site):
    assert "Comparación de normas nacionales" in get(site + "/profiles/education/compare", "es").text
    assert "Comparaison des normes nationales" in get(site + "/profiles/education/compare", "fr").text
    assert "No norm of this region has been assessed yet." in get(site + "/profiles/education/compare",
                                                                   region="150").text
    get(site + "/profiles/education/compare", status=422, region="999")
    get(site + "/profiles/no-such-profile/compare", status=404)


def test_country_page_shows_its_education_profile_with_the_provision(site):
    text = html.unescape(get(site + "/country/COL").text)
    section = text[text.index('id="profile-education"'):]
    assert "Right to education regardless of migration status" in section
    assert f'href="{COL_NORM}"' in section and "(preámbulo)" in section
    assert "garantizar el derecho a la educación de todos los niños" in section
    assert 'href="/profiles/education/analysis?country=COL"' in section
    assert "has been assessed" in html.unescape(get(site + "/country/ARG").text), "a country without assessments"


def test_inventory_counts_open_the_faceted_search_that_finds_the_practices(site):
    text = html.unescape(get(site + "/profiles/education/inventory").text)
    links = dict(re.findall(r'<a href="(/practices\?education_dimension=[^"]+)">(\d+)</a>', text))
    assert links, "every tagged dimension links to its search"
    benefits = next(href for href in links if href.endswith("benefits"))
    found = html.unescape(get(site + benefits).text)
    assert IPE in found and int(links[benefits]) == 1
    by_population = get(site + "/norms", target_population="refugee").text
    assert BRA_NORM in by_population and COL_NORM not in by_population
    assert IPE in get(site + "/practices", education_level="0").text
    # The profile's vocabularies are browsable like the others.
    assert "Unaccompanied and separated children" in get(site + "/target-populations").text
    assert "Language support" in get(site + "/education-dimensions").text
    assert httpx.get(site + "/profiles/education", follow_redirects=True).url.path == "/profiles/education/compare"


def test_ministry_reads_where_law_practice_and_data_disagree_in_chile(site):
    text = html.unescape(get(site + "/profiles/education/analysis", country="CHL").text)
    assert "Analysis of implementation: Chile" in text
    assert "Practices, no norm" in text, "the IPE is a practice no Chilean norm covers on its dimensions"
    unenabled = text[text.index("Practices that no norm enables"):]
    assert f'href="{IPE}"' in unenabled
    assert "No indicator data for this country yet." in text


def test_ministry_downloads_the_analysis_as_csv_in_spanish(site):
    r = httpx.get(site + "/profiles/education/analysis.csv", params={"country": "BRA", "lang": "es"}, timeout=60)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="education-analysis-BRA.csv"' in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0][:3] == ["País", "Tipo", "Objetivo o dimensión"]
    language = next(row for row in rows if row[2].endswith("/education-dimension/language-support"))
    assert language[4] == "1" and language[7] == "guaranteed"
    assert language[8] == "Garantizado por ley, sin práctica ni datos"


def test_regional_analysis_lists_each_country_with_something_to_analyse(site):
    text = html.unescape(get(site + "/profiles/education/analysis", "fr", region="419").text)
    assert "Analyse de la mise en œuvre" in text
    for code in ("BRA", "CHL", "COL"):
        assert f'href="?country={code}"' in text


def test_researcher_reads_the_comparison_and_the_analysis_as_json_with_the_pages_numbers(site):
    # The main menu leads to the profiles, and each profile page to its JSON twin.
    home = html.unescape(get(site + "/", "es").text)
    assert '<a href="/profiles">Perfiles</a>' in home
    listing = html.unescape(get(site + "/profiles", "fr").text)
    assert "Profils thématiques" in listing and 'href="/profiles/education/compare"' in listing
    compare_page = html.unescape(get(site + "/profiles/education/compare").text)
    assert 'href="/api/profiles/education/compare?region=419&lang=en"' in compare_page

    profiles = httpx.get(site + "/api/profiles", params={"lang": "es"}, timeout=60).json()
    assert [(p["key"], p["title"]) for p in profiles] == [("education", "Educación de estudiantes en movilidad")]
    compare = httpx.get(site + "/api/profiles/education/compare", timeout=60).json()
    assert compare["region"]["code"] == "419"
    assert [c["code"] for c in compare["countries"]] == ["BRA", "COL"], "the page's rows, in the page's order"
    brazil = compare["countries"][0]["assessments"]
    language = next(a for a in brazil if a["dimension"].endswith("/language-support"))
    assert language["value_label"] == "Guaranteed" and language["norm"].endswith(BRA_NORM.rsplit("/", 1)[-1])
    assert "língua materna" in language["provision"] and language["provision_lang"] == "pt"
    assert language["source"].startswith("https://sagresonline.com.br/")
    assert "Language support" in [d["label"] for d in compare["dimensions"]]

    chile = httpx.get(site + "/api/profiles/education/analysis", params={"country": "CHL"}, timeout=60).json()
    assert chile["scope"] == {"kind": "country", "code": "CHL", "iri": "https://w3id.org/gcmkg/country/CHL",
                              "label": "Chile"}
    [country] = chile["countries"]
    assert country["practices_no_norm_enables"] == ["https://w3id.org/gcmkg" + IPE]
    assert "practices-without-norm" in {t["finding"] for t in country["topics"]}
    assert country["indicators"] == {}
    region = httpx.get(site + "/api/profiles/education/analysis", params={"region": "419"}, timeout=60).json()
    assert {"BRA", "CHL", "COL"} <= {c["code"] for c in region["countries"]}


def test_profile_json_names_a_bad_region_or_profile(site):
    r = httpx.get(site + "/api/profiles/education/compare", params={"region": "999"}, timeout=60)
    assert r.status_code == 422 and r.json()["parameter"] == "region" and r.json()["value"] == "999"
    r = httpx.get(site + "/api/profiles/education/analysis", params={"country": "XXX"}, timeout=60)
    assert r.status_code == 422 and r.json()["parameter"] == "country"
    assert httpx.get(site + "/api/profiles/health/compare", timeout=60).status_code == 404


# A generated cube (tests may use them; the demo ships none): flows of mobile students from and to Chile.
FLOWS = """DATAFLOW,ORIGIN,DESTINATION,TIME_PERIOD,OBS_VALUE,OBS_STATUS,COMMENT
GCMKG:flows(1.0),ARG,CHL,2020,100,A,
GCMKG:flows(1.0),CHL,PER,2020,50,A,
"""


def test_analysis_counts_the_indicators_with_observations_for_the_country(tmp_path):
    from conftest import gcmkg, start_server, stop
    store = tmp_path / "store"
    assert gcmkg("--store", str(store), "demo").returncode == 0
    flows = tmp_path / "flows.csv"
    flows.write_text(FLOWS, encoding="utf-8")
    loaded = gcmkg("--store", str(store), "indicators", "load", str(flows), "--dataset", "flows",
                   "--indicator", "inbound-mobile-students")
    assert loaded.returncode == 0, loaded.stderr
    proc, url = start_server("--store", str(store))
    try:
        assert "Indicators with data: 1." in get(url + "/profiles/education/analysis", country="CHL").text
        assert "No indicator data for this country yet." in get(url + "/profiles/education/analysis",
                                                                country="COL").text
    finally:
        stop(proc)


# -- the profile mechanism: a second sector is declared the same way ---------------------------------

HEALTH_SHAPES = """
@prefix gcmsh: <https://w3id.org/gcmkg/shapes#> . @prefix gcm: <https://w3id.org/gcmkg/ontology#> .
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
gcmsh:HealthPracticeProfile a sh:NodeShape ; sh:targetClass gcm:Practice ; sh:property gcmsh:Health-dimension .
gcmsh:Health-dimension a sh:PropertyShape ; sh:path gcm:healthDimension ;
    sh:name "health dimensions"@en , "dimensiones de salud"@es , "dimensions de santé"@fr ;
    sh:description "Health."@en , "Salud."@es , "Santé."@fr ; sh:group gcmsh:ScopeGroup ; sh:order 30 ;
    sh:node gcmsh:HealthDimensionConcept ;
    sh:message "Each health dimension must be a concept of the health dimensions scheme."@en ,
        "Cada dimensión de salud debe ser un concepto del esquema de dimensiones de salud."@es ,
        "Chaque dimension de santé doit être un concept du schéma des dimensions de santé."@fr .
gcmsh:HealthDimensionConcept a sh:NodeShape ;
    sh:property [ sh:path skos:inScheme ; sh:hasValue <https://w3id.org/gcmkg/health-dimensions> ] .
"""


@pytest.fixture
def health_profile(tmp_path, monkeypatch):
    """A tiny test-only second profile, declared like education: one Profile, one shapes file."""
    import gcmkg.profiles as profiles
    from gcmkg.shapes import form, validate
    shapes = tmp_path / "health.ttl"
    shapes.write_text(HEALTH_SHAPES, encoding="utf-8")
    health = profiles.Profile(
        key="health", title=("Health", "Salud", "Santé"), shapes=str(shapes), vocabulary="health.ttl",
        dimension_scheme="https://w3id.org/gcmkg/health-dimensions", value_scheme=profiles.education().value_scheme,
        tag_property="https://w3id.org/gcmkg/ontology#healthDimension",
        facets=(profiles.ProfileFacet("health_dimension", ("Health", "Salud", "Santé"), "Health dimension.",
                                      "https://w3id.org/gcmkg/ontology#healthDimension",
                                      "https://w3id.org/gcmkg/health-dimensions"),))
    caches = (validate.load_shapes, validate._shapes, validate.compiled_checks, form.entry_form)
    for cache in caches:
        cache.cache_clear()
    monkeypatch.setattr(profiles, "PROFILES", (*profiles.PROFILES, health))
    yield health
    monkeypatch.undo()
    for cache in caches:
        cache.cache_clear()


def test_a_second_sector_is_added_by_declaring_one_more_profile(health_profile):
    import pyoxigraph
    from gcmkg import profiles
    from gcmkg.shapes.form import entry_form
    from gcmkg.shapes.validate import validate_dataset, validate_entry
    assert "health_dimension" in [f.name for f in profiles.facets()]
    assert entry_form("practice").field("healthDimension").name("es") == "dimensiones de salud"
    practice = """@prefix gcm: <https://w3id.org/gcmkg/ontology#> .
        <https://w3id.org/gcmkg/id/practice/h> a gcm:Practice ;
            gcm:healthDimension <https://w3id.org/gcmkg/education-dimension/benefits> ."""
    # Reported by the profile's own shape (without the profile, the property would only be "unknown").
    wrong = ("https://w3id.org/gcmkg/id/practice/h", "https://w3id.org/gcmkg/ontology#healthDimension",
             "https://w3id.org/gcmkg/shapes#Health-dimension")
    found = validate_entry(Graph().parse(data=practice, format="turtle"))
    assert wrong in {(v.focus_node, v.path, v.source_shape) for v in found}
    store = pyoxigraph.Store()
    store.load(practice.encode(), format=pyoxigraph.RdfFormat.TURTLE, to_graph=pyoxigraph.NamedNode("urn:x:h"))
    assert wrong in {(v.focus_node, v.path, v.source_shape) for v in validate_dataset(store)}
