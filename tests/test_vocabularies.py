"""The SKOS vocabularies that ship with gcmkg (ontology/vocab/*.ttl).

They are read from the installed package (gcmkg.ontology.vocab), as the application reads
them, and parsed with pyoxigraph.
"""

from __future__ import annotations

import importlib.resources
import importlib.util
import os
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = REPO / "scripts"
SDG_SOURCES = REPO / "ontology" / "sources" / "sdg"

VOCAB_FILES = [
    "gcm-objectives.ttl",
    "gcm-principles.ttl",
    "sdg.ttl",
    "countries.ttl",
    "gcm-sdg-crosswalk.ttl",
    "practice-types.ttl",
    "norm-types.ttl",
    "norm-statuses.ttl",
    "practice-statuses.ttl",
    "indicator-data.ttl",
    "review-statuses.ttl",
    "organisation-types.ttl",
    "languages.ttl",
    "places.ttl",
    "groupings.ttl",
]

PREFIXES = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX gcm: <https://w3id.org/gcmkg/ontology#>
PREFIX region: <https://w3id.org/gcmkg/region/>
PREFIX country: <https://w3id.org/gcmkg/country/>
PREFIX sdg: <http://metadata.un.org/sdg/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""

OBJECTIVES = "https://w3id.org/gcmkg/gcm/objectives"
PRINCIPLES = "https://w3id.org/gcmkg/gcm/principles"
SDG_SCHEME = "http://metadata.un.org/sdg"
COUNTRIES = "https://w3id.org/gcmkg/countries"


def vocab_path(name: str) -> Path:
    resource = importlib.resources.files("gcmkg.ontology.vocab").joinpath(name)
    return Path(str(resource))


@lru_cache(maxsize=None)
def store(*names: str) -> ox.Store:
    s = ox.Store()
    for name in names or VOCAB_FILES:
        s.load(path=str(vocab_path(name)), format=ox.RdfFormat.TURTLE)
    return s


def select(query: str, *names: str) -> list[dict[str, str]]:
    results = store(*names).query(PREFIXES + query)
    return [{v.value: (sol[v].value if sol[v] is not None else None) for v in results.variables}
            for sol in results]


def ask(query: str, *names: str) -> bool:
    return bool(store(*names).query(PREFIXES + query))


def values(query: str, *names: str) -> list[str]:
    return [next(iter(row.values())) for row in select(query, *names)]


# --- every file ------------------------------------------------------------------------

@pytest.mark.parametrize("name", VOCAB_FILES)
def test_each_vocabulary_ships_with_the_package_as_valid_turtle(name):
    path = vocab_path(name)
    assert path.is_file(), f"{name} is not in gcmkg.ontology.vocab"
    triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    assert triples


def test_every_concept_states_its_scheme_and_has_an_english_label():
    no_scheme = values("SELECT ?c WHERE { ?c a skos:Concept FILTER NOT EXISTS { ?c skos:inScheme ?s } }")
    # A place's ISO 3166-2 name is in its country's language, which the source does not give: no tag.
    no_label = values("""SELECT ?c WHERE { ?c a skos:Concept
        FILTER NOT EXISTS { ?c skos:prefLabel ?l FILTER(lang(?l) = "en" || (lang(?l) = "" && EXISTS { ?c a gcm:Place })) }
    }""")
    assert no_scheme == []
    assert no_label == []


def test_every_scheme_a_concept_belongs_to_is_declared_with_titles_in_three_languages():
    schemes = values("SELECT DISTINCT ?s WHERE { ?c skos:inScheme ?s }")
    assert len(schemes) == 13  # the crosswalk file has no scheme of its own
    for scheme in schemes:
        assert ask(f"ASK {{ <{scheme}> a skos:ConceptScheme }}"), scheme
        langs = set(values(f'SELECT (lang(?t) AS ?l) WHERE {{ <{scheme}> dcterms:title ?t }}'))
        assert {"en", "es", "fr"} <= langs, scheme


def test_no_concept_has_two_preferred_labels_in_one_language():
    clashes = select("""SELECT ?c ?lang WHERE { ?c skos:prefLabel ?l BIND(lang(?l) AS ?lang) }
                        GROUP BY ?c ?lang HAVING (COUNT(?l) > 1)""")
    assert clashes == []


def test_a_label_is_never_both_preferred_and_alternative():
    assert not ask("ASK { ?c skos:prefLabel ?l ; skos:altLabel ?l }")


# --- GCM objectives and principles ------------------------------------------------------

def test_the_compact_has_23_objectives_numbered_1_to_23():
    rows = select(f"""SELECT ?c ?n WHERE {{ ?c skos:inScheme <{OBJECTIVES}> ;
        skos:topConceptOf <{OBJECTIVES}> ; skos:notation ?n }}""")
    assert len(rows) == 23
    for row in rows:
        assert row["c"] == f"https://w3id.org/gcmkg/gcm/objective/{row['n']}"
    assert sorted(int(r["n"]) for r in rows) == list(range(1, 24))


def test_objectives_have_official_titles_in_three_languages_and_hub_short_labels():
    for n in range(1, 24):
        c = f"https://w3id.org/gcmkg/gcm/objective/{n}"
        langs = values(f"SELECT (lang(?l) AS ?g) WHERE {{ <{c}> skos:prefLabel ?l }}")
        assert sorted(langs) == ["en", "es", "fr"], n
        alt = set(values(f"SELECT (lang(?l) AS ?g) WHERE {{ <{c}> skos:altLabel ?l }}"))
        assert {"en", "es", "fr"} <= alt, n
    data = set(values("SELECT ?l WHERE { <https://w3id.org/gcmkg/gcm/objective/1> skos:altLabel ?l }"))
    assert {"Data", "Datos", "Données"} <= data
    # Short labels carry no leading number.
    numbered = values("SELECT ?l WHERE { ?c skos:inScheme <%s> ; skos:altLabel ?l FILTER(REGEX(?l, '^[0-9]')) }"
                      % OBJECTIVES)
    assert numbered == []


def test_the_hub_wording_of_objectives_13_and_20_is_searchable():
    assert ask("""ASK { <https://w3id.org/gcmkg/gcm/objective/13> skos:altLabel
        "Use immigration detention only as a measure of last resort and work towards alternatives"@en }""")
    assert ask("""ASK { <https://w3id.org/gcmkg/gcm/objective/20> skos:altLabel
        "Promote faster, safer and cheaper transfers of remittances and foster financial inclusion"@en }""")


def test_unverified_spanish_and_french_titles_are_flagged_and_checked_ones_cite_their_source():
    flagged = set(values(f"""SELECT ?c WHERE {{ ?c skos:inScheme <{OBJECTIVES}> ; skos:editorialNote ?n
        FILTER(lang(?n) = "en" && CONTAINS(?n, "A/RES/73/195")) }}"""))
    both = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 18, 19, 20, 21, 22, 23)
    checked = {f"https://w3id.org/gcmkg/gcm/objective/{n}" for n in both}  # both titles checked
    assert flagged == {f"https://w3id.org/gcmkg/gcm/objective/{n}" for n in range(1, 24)} - checked
    for lang, numbers in (("Spanish", both), ("French", range(1, 24))):
        for n in numbers:
            assert ask(f"""ASK {{ <https://w3id.org/gcmkg/gcm/objective/{n}> dcterms:source ?s
                FILTER(STRSTARTS(?s, "{lang} title checked against: ")) }}"""), (lang, n)
    assert ask('ASK { <https://w3id.org/gcmkg/gcm/objective/8> skos:prefLabel '
               '"Sauver des vies et mettre en place une action internationale coordonnée pour retrouver '
               'les migrants disparus"@fr }')


def test_hub_pages_are_linked_only_for_verified_term_ids():
    rows = select(f"SELECT ?c ?p WHERE {{ ?c skos:inScheme <{OBJECTIVES}> ; rdfs:seeAlso ?p }}")
    got = {int(r["c"].rsplit("/", 1)[1]): r["p"] for r in rows}
    assert got == {n: f"https://migrationnetwork.un.org/taxonomy/term/detail/{278 + n}"
                   for n in range(1, 24)}


def test_the_objectives_scheme_cites_the_resolution():
    assert ask(f'ASK {{ <{OBJECTIVES}> dcterms:source "A/RES/73/195" }}')


def test_the_compact_has_10_guiding_principles_lettered_a_to_j():
    rows = select(f"""SELECT ?c ?n WHERE {{ ?c skos:inScheme <{PRINCIPLES}> ;
        skos:topConceptOf <{PRINCIPLES}> ; skos:notation ?n }} ORDER BY ?n""")
    slugs = ["people-centred", "international-cooperation", "national-sovereignty",
             "rule-of-law-and-due-process", "sustainable-development", "human-rights",
             "gender-responsive", "child-sensitive", "whole-of-government-approach",
             "whole-of-society-approach"]
    assert [r["n"] for r in rows] == list("abcdefghij")
    assert [r["c"] for r in rows] == [f"https://w3id.org/gcmkg/gcm/principle/{s}" for s in slugs]
    for r in rows:
        langs = values(f"SELECT (lang(?l) AS ?g) WHERE {{ <{r['c']}> skos:prefLabel ?l }}")
        assert sorted(langs) == ["en", "es", "fr"]


# --- SDGs -------------------------------------------------------------------------------

def test_the_sdg_scheme_has_17_goals_169_targets_and_the_current_indicators():
    goals = values(f"SELECT ?g WHERE {{ ?g skos:topConceptOf <{SDG_SCHEME}> }}")
    targets = values(f"SELECT DISTINCT ?t WHERE {{ ?t skos:broader ?g . ?g skos:topConceptOf <{SDG_SCHEME}> }}")
    indicators = values(f"""SELECT DISTINCT ?i WHERE {{ ?i skos:broader ?t . ?t skos:broader ?g .
        ?g skos:topConceptOf <{SDG_SCHEME}> FILTER NOT EXISTS {{ ?i owl:deprecated true }} }}""")
    retired = values("SELECT ?i WHERE { ?i owl:deprecated true }", "sdg.ttl")
    assert sorted(goals) == sorted(f"http://metadata.un.org/sdg/{n}" for n in range(1, 18))
    assert len(targets) == 169
    # 232 indicators of 2019, minus the 9 concepts retired since, plus 9 added (10.7.3, 10.7.4, ...).
    assert len(indicators) == 232 and len(retired) == 9
    assert ask('ASK { ?s owl:versionInfo ?v FILTER(CONTAINS(?v, "2020 comprehensive review")) }', "sdg.ttl")


def test_sdg_concepts_use_the_uns_iris_and_codes():
    row = select("""SELECT ?n ?en ?es ?fr WHERE { sdg:10.7 skos:notation ?n ; skos:broader sdg:10 ;
        skos:prefLabel ?en, ?es, ?fr FILTER(lang(?en) = "en" && lang(?es) = "es" && lang(?fr) = "fr") }""")
    assert len(row) == 1 and row[0]["n"] == "10.7"
    assert row[0]["en"].startswith("Facilitate orderly, safe, regular and responsible migration")
    assert ask('ASK { sdg:C100701 skos:notation "10.7.1" ; skos:broader sdg:10.7 }')


def test_sdg_hierarchy_is_navigable_both_ways():
    assert not ask("ASK { ?a skos:broader ?b FILTER NOT EXISTS { ?b skos:narrower ?a } }", "sdg.ttl")
    assert not ask("ASK { ?b skos:narrower ?a FILTER NOT EXISTS { ?a skos:broader ?b } }", "sdg.ttl")


def test_sdg_labels_have_no_stray_whitespace():
    bad = values(r"""SELECT ?l WHERE { ?c skos:prefLabel ?l
        FILTER(REGEX(?l, "\\s\\s|^\\s|\\s$")) }""", "sdg.ttl")
    assert bad == []


# --- countries and regions --------------------------------------------------------------

def test_there_are_249_countries_with_typed_iso_codes():
    rows = select("""SELECT ?c ?a2 ?a3 ?num WHERE { ?c a gcm:Country ; skos:inScheme <%s> ;
        skos:notation ?a2, ?a3, ?num
        FILTER(datatype(?a2) = gcm:ISO3166Alpha2 && datatype(?a3) = gcm:ISO3166Alpha3
               && datatype(?num) = gcm:ISO3166Numeric) }""" % COUNTRIES)
    assert len(rows) == 249
    assert len({r["c"] for r in rows}) == 249
    for r in rows:
        assert r["c"] == f"https://w3id.org/gcmkg/country/{r['a3']}"
        assert re.fullmatch(r"[A-Z]{2}", r["a2"]) and re.fullmatch(r"[0-9]{3}", r["num"])
    for dt in ("ISO3166Alpha2", "ISO3166Alpha3", "ISO3166Numeric", "M49Code"):
        assert ask(f"ASK {{ gcm:{dt} a rdfs:Datatype ; rdfs:label ?l }}", "countries.ttl")


def test_country_names_come_in_the_un_languages():
    assert ask("""ASK { country:MDA skos:prefLabel "Republic of Moldova"@en ;
        skos:altLabel "Moldova"@en, "Moldova, Republic of"@en }""")
    for lang in ("ar", "es", "fr", "ru", "zh"):
        n = values(f"""SELECT (COUNT(?c) AS ?n) WHERE {{ ?c a gcm:Country ; skos:prefLabel ?l
            FILTER(lang(?l) = "{lang}") }}""")
        assert int(n[0]) >= 240, lang
    assert ask('ASK { country:FRA skos:prefLabel "France"@fr }')


def test_every_country_rolls_up_to_the_world():
    countries = set(values("SELECT ?c WHERE { ?c a gcm:Country }"))
    via_broader = set(values("SELECT ?c WHERE { ?c a gcm:Country ; skos:broader+ region:001 }"))
    via_one_triple = set(values("SELECT ?c WHERE { ?c a gcm:Country ; skos:broaderTransitive region:001 }"))
    assert len(countries) == 249
    assert via_broader == countries
    assert via_one_triple == countries


def test_broader_transitive_names_every_ancestor_and_nothing_else():
    """A facet can roll up with one triple pattern: ?x skos:broaderTransitive ?area."""
    missing = select("""SELECT ?x ?a WHERE { ?x skos:inScheme <%s> ; skos:broader+ ?a
        FILTER NOT EXISTS { ?x skos:broaderTransitive ?a } }""" % COUNTRIES)
    extra = select("""SELECT ?x ?a WHERE { ?x skos:inScheme <%s> ; skos:broaderTransitive ?a
        FILTER NOT EXISTS { ?x skos:broader+ ?a } }""" % COUNTRIES)
    assert missing == [] and extra == []


def test_regions_form_the_m49_tree_under_the_world():
    assert values(f"SELECT ?t WHERE {{ ?t skos:topConceptOf <{COUNTRIES}> }}") == [
        "https://w3id.org/gcmkg/region/001"]
    top = set(values("SELECT ?r WHERE { ?r a gcm:Region ; skos:broader region:001 }"))
    assert top == {f"https://w3id.org/gcmkg/region/{c}" for c in ("002", "019", "142", "150", "009")}
    for child, parent in (("202", "002"), ("015", "002"), ("014", "202"), ("419", "019"),
                          ("021", "019"), ("005", "419"), ("029", "419"), ("013", "419"),
                          ("151", "150"), ("154", "150")):
        assert ask(f"ASK {{ region:{child} a gcm:Region ; skos:broader region:{parent} . "
                   f"region:{parent} skos:narrower region:{child} }}"), child
    assert ask('ASK { region:419 skos:notation "419"^^gcm:M49Code }')
    # CLDR groupings that are not M49 areas never enter the tree.
    for code in ("EU", "EZ", "UN", "QO", "003"):
        assert not ask(f"ASK {{ <https://w3id.org/gcmkg/region/{code}> ?p ?o }}"), code


def test_region_names_come_in_the_six_un_languages():
    assert ask('ASK { region:002 skos:prefLabel "Afrique"@fr }')
    assert ask('ASK { region:419 skos:prefLabel "Latin America and the Caribbean"@en }')
    regions = values("SELECT ?r WHERE { ?r a gcm:Region }")
    for r in regions:
        langs = values(f"SELECT (lang(?l) AS ?g) WHERE {{ <{r}> skos:prefLabel ?l }}")
        assert sorted(langs) == ["ar", "en", "es", "fr", "ru", "zh"], r


def test_moldova_is_in_eastern_europe():
    assert ask("ASK { country:MDA skos:broader region:151 ; gcm:m49Region region:150 ; "
               "gcm:m49SubRegion region:151 }")
    assert ask("ASK { country:MDA skos:broaderTransitive region:151, region:150, region:001 }")


def test_brazil_is_in_south_america_latin_america_and_the_americas():
    assert ask("ASK { country:BRA skos:broader region:005 ; gcm:m49Region region:019 ; "
               "gcm:m49SubRegion region:419 }")
    assert ask("ASK { country:BRA skos:broaderTransitive region:005, region:419, region:019, region:001 }")


def test_antarctica_sits_directly_under_the_world_and_says_why():
    assert ask("ASK { country:ATA skos:broader region:001 ; skos:scopeNote ?n }")
    assert not ask("ASK { country:ATA gcm:m49Region ?r }")
    direct = values("SELECT ?c WHERE { ?c a gcm:Country ; skos:broader region:001 }")
    assert direct == ["https://w3id.org/gcmkg/country/ATA"]


def test_every_other_country_has_an_m49_region_and_sub_region():
    missing = values("""SELECT ?c WHERE { ?c a gcm:Country
        FILTER NOT EXISTS { ?c gcm:m49Region ?r ; gcm:m49SubRegion ?s } }""")
    assert missing == ["https://w3id.org/gcmkg/country/ATA"]
    wrong = select("""SELECT ?c WHERE { ?c gcm:m49Region ?r ; gcm:m49SubRegion ?s
        FILTER NOT EXISTS { ?s skos:broader ?r . ?r skos:broader region:001 } }""")
    assert wrong == []


# --- crosswalk --------------------------------------------------------------------------

def test_objective_20_on_remittances_matches_sdg_target_10c():
    assert ask("ASK { <https://w3id.org/gcmkg/gcm/objective/20> skos:relatedMatch sdg:10.c }")


def test_the_crosswalk_links_only_known_objectives_to_known_targets():
    rows = select("SELECT ?o ?t WHERE { ?o skos:relatedMatch ?t }", "gcm-sdg-crosswalk.ttl")
    assert rows
    for r in rows:
        assert ask(f"ASK {{ <{r['o']}> skos:inScheme <{OBJECTIVES}> }}"), r["o"]
        assert ask(f"ASK {{ <{r['t']}> skos:inScheme <{SDG_SCHEME}> ; skos:broader ?g . "
                   f"?g skos:topConceptOf <{SDG_SCHEME}> }}"), r["t"]


# --- small schemes ----------------------------------------------------------------------

SMALL_SCHEMES = {
    "practice-types": ("practice-type", ["project-programme", "partnership", "strategy-framework",
                                         "policy-law-regulation", "tool-guidance", "capacity-building",
                                         "research-data", "other"]),
    "norm-types": ("norm-type", ["constitution", "law", "decree", "regulation", "policy", "strategy",
                                 "plan", "ministerial-resolution", "agreement", "other"]),
    "norm-statuses": ("norm-status", ["in-force", "repealed", "amended", "not-yet-in-force", "expired"]),
    "practice-statuses": ("practice-status", ["planned", "ongoing", "completed"]),
    "indicator-data": ("indicator-data", ["yes", "no"]),
    "review-statuses": ("review-status", ["submitted", "in-review", "approved", "rejected"]),
    "organisation-types": ("organisation-type", ["un-entity", "intergovernmental", "government",
                                                 "local-government", "civil-society", "academia",
                                                 "private-sector", "trade-union",
                                                 "migrant-diaspora-organisation", "donor", "other"]),
}


@pytest.mark.parametrize("scheme", sorted(SMALL_SCHEMES))
def test_small_schemes_list_their_concepts_by_slug_in_three_languages(scheme):
    segment, slugs = SMALL_SCHEMES[scheme]
    iri = f"https://w3id.org/gcmkg/{scheme}"
    rows = select(f"""SELECT ?c ?n WHERE {{ ?c skos:inScheme <{iri}> ; skos:topConceptOf <{iri}> ;
        skos:notation ?n }}""", f"{scheme}.ttl")
    assert {r["c"]: r["n"] for r in rows} == {f"https://w3id.org/gcmkg/{segment}/{s}": s for s in slugs}
    for r in rows:
        langs = values(f"SELECT (lang(?l) AS ?g) WHERE {{ <{r['c']}> skos:prefLabel ?l }}", f"{scheme}.ttl")
        assert sorted(langs) == ["en", "es", "fr"], r["c"]


def test_review_statuses_are_typed_for_the_ontology():
    assert len(values("SELECT ?c WHERE { ?c a gcm:ReviewStatus }", "review-statuses.ttl")) == 4


# --- build scripts ----------------------------------------------------------------------

def run_script(script: str, output: Path, seed: str, *args: str) -> bytes:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    subprocess.run([sys.executable, str(SCRIPTS / script), "--output", str(output), *args],
                   check=True, env=env, capture_output=True)
    return output.read_bytes()


def header_versions(text: str) -> dict[str, str]:
    return dict(re.findall(r"([a-z-]+) ([0-9][0-9.]*) \(", text.split("@prefix", 1)[0]))


def test_the_countries_build_is_deterministic_and_matches_the_shipped_file(tmp_path):
    for module in ("pycountry", "babel"):
        if importlib.util.find_spec(module.split(".")[0]) is None:
            pytest.skip(f"{module} not installed (pip install -e '.[build-vocab]')")
    first = run_script("build_countries.py", tmp_path / "a.ttl", "1")
    second = run_script("build_countries.py", tmp_path / "b.ttl", "2")
    assert first == second
    shipped = vocab_path("countries.ttl").read_bytes()
    built_with = header_versions(shipped.decode("utf-8"))
    installed = header_versions(first.decode("utf-8"))
    if built_with != installed:
        pytest.skip(f"shipped file built with {built_with}, installed {installed}")
    assert first == shipped, "countries.ttl is stale: run scripts/build_countries.py"


def test_the_sdg_build_is_deterministic_and_matches_the_shipped_file(tmp_path):
    if importlib.util.find_spec("yaml") is None:
        pytest.skip("PyYAML not installed (pip install -e '.[build-vocab]')")
    first = run_script("build_sdg.py", tmp_path / "a.ttl", "1", "--sources", str(SDG_SOURCES))
    second = run_script("build_sdg.py", tmp_path / "b.ttl", "2", "--sources", str(SDG_SOURCES))
    assert first == second
    assert first == vocab_path("sdg.ttl").read_bytes(), "sdg.ttl is stale: run scripts/build_sdg.py"
