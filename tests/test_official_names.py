"""Every country, region and SDG label is the official one, checked against the source
tables kept in the repo (ontology/sources/, provenance in its README), and no two concepts
of one scheme share a preferred label in a language (a name must find one concept).
"""

from __future__ import annotations

import csv
import importlib.resources
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import pytest

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "ontology" / "sources"
M49_FILES = {"en": "en", "es": "es", "fr": "fr", "ru": "ru", "ar": "ar", "zh": "cn"}
SDG_TABLE = SOURCES / "sdg" / "sdg_goals_targets_indicators_2019.tsv"
COUNTRY = "https://w3id.org/gcmkg/country/"
REGION = "https://w3id.org/gcmkg/region/"
AREA_LEVELS = (("Global Code", "Global Name"), ("Region Code", "Region Name"),
               ("Sub-region Code", "Sub-region Name"),
               ("Intermediate Region Code", "Intermediate Region Name"))
SKOS = "http://www.w3.org/2004/02/skos/core#"


def vocab_files() -> list[Path]:
    folder = importlib.resources.files("gcmkg.ontology.vocab")
    return sorted(Path(str(folder.joinpath(p.name))) for p in folder.iterdir() if p.name.endswith(".ttl"))


@lru_cache(maxsize=None)
def store(name: str | None = None) -> ox.Store:
    s = ox.Store()
    for path in vocab_files():
        if name is None or path.name == name:
            s.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return s


@lru_cache(maxsize=None)
def pref_labels(name: str) -> dict[tuple[str, str], str]:
    """(concept IRI, language) -> preferred label, for one vocabulary file."""
    q = f"SELECT ?c ?l WHERE {{ ?c <{SKOS}prefLabel> ?l }}"
    return {(s["c"].value, s["l"].language): s["l"].value for s in store(name).query(q)}


@lru_cache(maxsize=None)
def m49_rows(lang: str) -> list[dict[str, str]]:
    with (SOURCES / "m49" / f"UNSD-{M49_FILES[lang]}.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def m49_area_names(lang: str) -> dict[str, str]:
    return {r[code]: r[name] for r in m49_rows(lang) for code, name in AREA_LEVELS if r[code]}


def ask(query: str, name: str = "countries.ttl") -> bool:
    return bool(store(name).query(query))


# --- the same names as the UN's M49 table --------------------------------------------------

@pytest.mark.parametrize("lang", sorted(M49_FILES))
def test_every_country_carries_the_uns_m49_name_in_each_un_language(lang):
    labels = pref_labels("countries.ttl")
    wrong = {r["ISO-alpha3 Code"]: (labels.get((COUNTRY + r["ISO-alpha3 Code"], lang)), r["Country or Area"])
             for r in m49_rows(lang)
             if labels.get((COUNTRY + r["ISO-alpha3 Code"], lang)) != r["Country or Area"]}
    assert len(m49_rows(lang)) == 248
    assert wrong == {}


@pytest.mark.parametrize("lang", sorted(M49_FILES))
def test_every_region_is_an_m49_area_with_the_uns_name(lang):
    labels = pref_labels("countries.ttl")
    areas = m49_area_names(lang)
    in_vocab = {c.removeprefix(REGION) for (c, _lang) in labels if c.startswith(REGION)}
    assert in_vocab == set(areas)  # no region the table lacks (830 Channel Islands is gone)
    wrong = {code: (labels.get((REGION + code, lang)), name) for code, name in areas.items()
             if labels.get((REGION + code, lang)) != name}
    assert wrong == {}


def test_each_country_sits_under_its_most_specific_m49_area():
    rows = store("countries.ttl").query(
        f"SELECT ?c ?b WHERE {{ ?c a <https://w3id.org/gcmkg/ontology#Country> ; <{SKOS}broader> ?b }}")
    broader = {s["c"].value.removeprefix(COUNTRY): s["b"].value.removeprefix(REGION) for s in rows}
    for r in m49_rows("en"):
        area = r["Intermediate Region Code"] or r["Sub-region Code"] or r["Region Code"] or r["Global Code"]
        assert broader[r["ISO-alpha3 Code"]] == area, r["ISO-alpha3 Code"]
    assert broader["TWN"] == broader["CHN"]  # the UN counts Taiwan under China (156)


def test_the_reported_wrong_names_are_now_the_uns():
    labels = pref_labels("countries.ttl")
    assert labels[(COUNTRY + "MDA", "en")] == "Republic of Moldova"
    assert labels[(COUNTRY + "CIV", "es")] == "Côte d’Ivoire"
    assert labels[(COUNTRY + "VEN", "fr")] == "Venezuela (République bolivarienne du)"
    assert labels[(COUNTRY + "BOL", "fr")] == "Bolivie (État plurinational de)"
    assert labels[(REGION + "053", "en")] == "Australia and New Zealand"
    assert labels[(REGION + "057", "en")] == "Micronesia"
    assert labels[(REGION + "018", "ru")] != labels[(COUNTRY + "ZAF", "ru")]
    flat = set(labels.values())
    assert not flat & {"Costa de Marfíl", "Moldova, Republic of", "Australasia", "Micronesian Region"}


def test_iso_and_cldr_forms_still_find_the_country_as_alternative_labels():
    assert ask(f'ASK {{ <{COUNTRY}MDA> <{SKOS}altLabel> "Moldova, Republic of"@en, "Moldova"@en }}')
    assert ask(f'ASK {{ <{REGION}053> <{SKOS}altLabel> "Australasia"@en }}')
    # An alternative label never repeats another concept's preferred label.
    assert not ask(f"""ASK {{ ?a <{SKOS}altLabel> ?l . ?b <{SKOS}prefLabel> ?l }}""")


def test_kosovo_and_taiwan_are_handled_as_the_uns_m49_says_and_say_so():
    assert ask(f"""ASK {{ <{COUNTRY}SRB> <{SKOS}scopeNote> ?n
        FILTER(CONTAINS(?n, "resolution 1244 (1999)") && CONTAINS(?n, "Kosovo")) }}""")
    assert ask(f"""ASK {{ <{COUNTRY}TWN> <{SKOS}scopeNote> ?n ; <{SKOS}editorialNote> ?e ;
        <{SKOS}altLabel> "Taiwan Province of China"@en
        FILTER(CONTAINS(?n, "part of China (numerical code 156)") && CONTAINS(?e, "no label here is verified")) }}""")
    assert not ask(f'ASK {{ ?k <{SKOS}prefLabel> ?l FILTER(STRSTARTS(STR(?l), "Kosovo")) }}')


# --- the same labels as the SDG table ------------------------------------------------------

def sdg_sources():
    yaml = pytest.importorskip("yaml")
    with SDG_TABLE.open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    with (SOURCES / "sdg" / "un_sdg_api_indicators_2022Q1.tsv").open(encoding="utf-8", newline="") as fh:
        api = {r["code"]: r for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)}
    titles = {}
    for lang in ("en", "es", "fr"):
        raw = yaml.safe_load((SOURCES / "sdg" / f"global_indicators_after_2020_review_{lang}.yml").read_text("utf-8"))
        titles[lang] = {k.removesuffix("-title").replace("-", "."): unicodedata.normalize("NFC", " ".join(str(v).split()))
                        for k, v in raw.items()}
    return table, api, titles


def sdg_concepts() -> dict[str, dict]:
    """IRI -> notation, deprecated flag and labels, from sdg.ttl."""
    q = f"""SELECT ?c ?n ?d WHERE {{ ?c <{SKOS}notation> ?n
        OPTIONAL {{ ?c <http://www.w3.org/2002/07/owl#deprecated> ?d }} }}"""
    out = {s["c"].value: {"code": s["n"].value, "deprecated": s["d"] is not None} for s in store("sdg.ttl").query(q)}
    for (iri, lang), label in pref_labels("sdg.ttl").items():
        out[iri].setdefault("labels", {})[lang] = label
    return out


def test_every_sdg_label_is_the_one_in_the_source_tables():
    table, api, titles = sdg_sources()
    concepts = sdg_concepts()
    wrong = {}
    for row in table:  # goals, targets and retired indicators keep the 2019 texts
        c = concepts[row["iri"]] if row["iri"] in concepts else None
        if c is None or (row["kind"] == "indicator" and not c["deprecated"]):
            continue
        for lang in ("en", "es", "fr"):
            expected = " ".join(row[f"label_{lang}"].split())
            if expected and c["labels"].get(lang) != expected:
                wrong[(row["code"], lang)] = (c["labels"].get(lang), expected)
    current = [c for c in concepts.values() if not c["deprecated"] and c["code"].count(".") == 2]
    assert len(current) == 232
    for c in current:
        code = c["code"]
        english = {titles["en"].get(code), " ".join(api[code]["description"].split())}
        if c["labels"]["en"] not in english:
            wrong[(code, "en")] = (c["labels"]["en"], english)
        for lang in ("es", "fr"):
            if c["labels"].get(lang) != titles[lang].get(code):
                wrong[(code, lang)] = (c["labels"].get(lang), titles[lang].get(code))
    assert wrong == {}


def test_the_migration_indicators_of_the_2020_review_are_there_in_three_languages():
    concepts = {c["code"]: c for c in sdg_concepts().values() if not c["deprecated"]}
    assert concepts["10.7.3"]["labels"]["en"].startswith("Number of people who died or disappeared")
    assert concepts["10.7.4"]["labels"]["es"].startswith("Proporción de la población integrada por refugiados")
    assert concepts["10.7.4"]["labels"]["fr"] == "Proportion de réfugiés dans la population, par pays d’origine"
    assert ask("""ASK { ?i <http://www.w3.org/2004/02/skos/core#notation> "10.7.3" ;
        <http://www.w3.org/2004/02/skos/core#broader> <http://metadata.un.org/sdg/10.7> ;
        <http://www.w3.org/2004/02/skos/core#editorialNote> ?n FILTER(CONTAINS(?n, "could not be confirmed")) }""",
               "sdg.ttl")


def test_retired_indicators_are_deprecated_with_their_replacement_and_every_change_is_noted():
    concepts = sdg_concepts()
    retired = {c["code"] for c in concepts.values() if c["deprecated"]}
    assert {"1.a.3", "8.9.2", "11.c.1", "13.3.2", "17.6.2"} <= retired
    assert ask(f"""ASK {{ <http://metadata.un.org/sdg/C170602> <http://purl.org/dc/terms/isReplacedBy>
        <http://metadata.un.org/sdg/C170601> ; <{SKOS}changeNote> ?n }}""", "sdg.ttl")
    table, _, titles = sdg_sources()
    old = {r["iri"]: " ".join(r["label_en"].split()) for r in table if r["kind"] == "indicator"}
    for iri, c in concepts.items():
        if iri in old and not c["deprecated"] and c["labels"]["en"] != old[iri]:
            # typographic differences aside, a changed wording carries a change note
            assert ask(f"ASK {{ <{iri}> <{SKOS}changeNote> ?n }}", "sdg.ttl") or \
                typographic(old[iri]) == typographic(c["labels"]["en"]), c["code"]


def typographic(text: str) -> str:
    """The wording with the UN files' interchangeable hyphens and slash spacing made alike."""
    return re.sub(r"[\u2010\u2011\u2013-]", "-", text).replace("/ ", "/").rstrip(".")


def test_target_12_3_has_its_own_texts_not_those_of_indicator_17_13_1():
    labels = pref_labels("sdg.ttl")
    target = "http://metadata.un.org/sdg/12.3"
    assert labels[(target, "en")].startswith("By 2030, halve per capita global food waste")
    assert "macroecon" not in labels[(target, "es")].lower()
    assert "macroécon" not in labels[(target, "fr")].lower()


# --- one preferred label, one concept ------------------------------------------------------

@pytest.mark.parametrize("name", [p.name for p in vocab_files() if p.name != "places.ttl"])
def test_no_two_concepts_of_one_scheme_share_a_preferred_label(name):
    q = f"""SELECT ?s ?l (COUNT(DISTINCT ?c) AS ?n) WHERE {{
        ?c <{SKOS}inScheme> ?s ; <{SKOS}prefLabel> ?l
        FILTER NOT EXISTS {{ ?c <http://www.w3.org/2002/07/owl#deprecated> true }}
    }} GROUP BY ?s ?l HAVING (COUNT(DISTINCT ?c) > 1)"""
    shared = [(s["l"].value, s["l"].language, int(s["n"].value)) for s in store(name).query(q)]
    assert shared == []


def test_two_places_of_one_country_share_a_name_only_when_iso_tells_them_apart_by_category():
    """Places are named per country ("Santa Cruz" is in Argentina and Bolivia): the rule holds within a
    country, where ISO 3166-2 itself gives one name to two subdivisions only of different categories
    (Maputo the city and Maputo the province), which the picker shows."""
    gcm = "https://w3id.org/gcmkg/ontology#"
    q = f"""SELECT ?a ?b WHERE {{
        ?a <{SKOS}broader> ?country ; <{SKOS}prefLabel> ?l . ?b <{SKOS}broader> ?country ; <{SKOS}prefLabel> ?l
        FILTER(STR(?a) < STR(?b))
        FILTER NOT EXISTS {{ ?a <{gcm}subdivisionCategory> ?x . ?b <{gcm}subdivisionCategory> ?y FILTER(?x != ?y) }}
    }}"""
    assert [(r["a"].value, r["b"].value) for r in store("places.ttl").query(q)] == []
    assert len(list(store("places.ttl").query(q.replace("FILTER NOT EXISTS", "FILTER EXISTS")))) > 0


def test_the_shared_label_check_catches_a_clash():
    """The check above is not vacuous: a second concept named like South Africa is caught."""
    s = ox.Store()
    s.load(path=str(next(p for p in vocab_files() if p.name == "countries.ttl")), format=ox.RdfFormat.TURTLE)
    s.update(f"""INSERT DATA {{ <{REGION}018> <{SKOS}prefLabel> "Южная Африка"@ru }}""")
    q = f"""ASK {{ ?a <{SKOS}inScheme> ?s ; <{SKOS}prefLabel> ?l . ?b <{SKOS}inScheme> ?s ;
        <{SKOS}prefLabel> ?l FILTER(?a != ?b) }}"""
    assert s.query(q)
