"""The submission form is a view of the shapes: its fields, widgets, words and problems come from them."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph

from gcmkg.graph.vocabulary_choices import ORGANISATIONS, Choices, resolve, scheme_choices, search
from gcmkg.shapes.form import Given, entry_form, given_values, parse, problems, read_form, values_of
from gcmkg.shapes.validate import load_shapes, validate_entry

ENTRY = ox.NamedNode("https://w3id.org/gcmkg/id/practice/test-form")
COUNTRIES, SDG = "https://w3id.org/gcmkg/countries", "http://metadata.un.org/sdg"
OBJECTIVES = "https://w3id.org/gcmkg/gcm/objectives"


@pytest.fixture(scope="module")
def choices():
    from gcmkg.graph.open import open_knowledge_graph
    from gcmkg.ingest.rdf_input import parse_file
    from conftest import DATA
    kg = open_knowledge_graph(in_memory=True)
    kg.init()
    kg.load([parse_file(str(DATA / "entries.ttl"))])
    yield Choices(kg.public)
    kg.close()


def test_contributor_sees_the_practice_form_in_the_shapes_groups_and_order():
    form = entry_form("practice")
    groups = [g.label("en") for g, _fields in form.groups()]
    assert groups == ["Identification", "GCM and SDG alignment", "Scope and dates",
                      "Education of students on the move", "Description", "Organisations", "Sources"]
    keys = [f.key for f in form.fields]
    assert keys.index("primaryObjective") < keys.index("secondaryObjective") < keys.index("sdg")
    assert keys.index("startDate") < keys.index("endDate") < keys.index("ongoing")
    assert not {"reviewStatus", "reviewedBy", "reviewedOn"} & set(keys), "the workbench sets the review fields"
    assert [f.key for f in entry_form("organisation").fields][:2] == ["prefLabel", "altLabel"]


def test_each_widget_follows_what_the_shape_allows():
    form = entry_form("practice")
    widgets = {f.key: (f.widget, f.scheme) for f in form.fields}
    assert widgets["primaryObjective"] == widgets["secondaryObjective"] == ("choice", OBJECTIVES)
    assert widgets["guidingPrinciple"] == ("choice", "https://w3id.org/gcmkg/gcm/principles")
    assert widgets["sdg"] == ("choice", SDG) and widgets["spatial"] == ("choice", COUNTRIES)
    assert widgets["implementingOrganisation"] == ("organisation", ORGANISATIONS)
    assert widgets["title"][0] == widgets["abstract"][0] == widgets["keyLessons"][0] == "multilingual"
    assert widgets["startDate"][0] == "date-or-year" and widgets["ongoing"][0] == "yes-no"
    assert widgets["language"][0] == "language" and widgets["source"][0] == "link"
    assert form.field("primaryObjective").max_count == 3 and form.field("primaryObjective").required
    assert entry_form("norm").field("jurisdiction").scheme == COUNTRIES
    assert entry_form("norm").field("id_local").widget == "text"


@pytest.mark.parametrize(("lang", "name", "group"), [("en", "primary GCM objectives", "GCM and SDG alignment"),
                                                     ("es", "objetivos principales del Pacto Mundial",
                                                      "Alineación con el Pacto Mundial y los ODS"),
                                                     ("fr", "objectifs principaux du Pacte mondial",
                                                      "Alignement sur le Pacte mondial et les ODD")])
def test_names_descriptions_and_messages_come_in_the_users_language(lang, name, group):
    field = entry_form("practice").field("primaryObjective")
    assert field.name(lang) == name and field.field.group.label(lang) == group
    assert field.description(lang) and field.message(lang)
    assert lang == "en" or (field.message(lang) != field.message("en")
                            and field.description(lang) != field.description("en"))
    assert entry_form("practice").name(lang) in ("Practice", "Práctica", "Pratique")


EXTRA_SHAPE = """
@prefix gcmsh: <https://w3id.org/gcmkg/shapes#> .
@prefix gcm: <https://w3id.org/gcmkg/ontology#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
gcmsh:PracticeShape sh:property gcmsh:Practice-budget .
gcmsh:Practice-budget a sh:PropertyShape ;
    sh:path gcm:budgetNote ;
    sh:name "budget"@en , "presupuesto"@es , "budget"@fr ;
    sh:description "What the practice cost, as the source says."@en ;
    sh:group gcmsh:DescriptionGroup ;
    sh:order 2.5 ;
    sh:datatype rdf:langString ;
    sh:message "Write the budget as text tagged with its language."@en .
"""


def shapes_with_extra_field() -> Graph:
    graph = Graph()
    for triple in load_shapes():
        graph.add(triple)
    graph.parse(data=EXTRA_SHAPE, format="turtle")
    return graph


def test_a_field_added_to_a_shape_appears_on_the_form():
    form = read_form(shapes_with_extra_field(), "practice")
    keys = [f.key for f in form.fields]
    assert "budgetNote" not in [f.key for f in entry_form("practice").fields]
    assert keys.index("benefitAndImpact") < keys.index("budgetNote") < keys.index("keyLessons")
    budget = form.field("budgetNote")
    assert (budget.widget, budget.name("es"), budget.field.group.label("en")) == ("multilingual", "presupuesto",
                                                                                  "Description")
    triples, trouble = parse(form, ENTRY, {"budgetNote": [Given("About 2 million dollars", "en")]}, lambda s, t: None)
    assert trouble == [] and ox.Triple(ENTRY, ox.NamedNode("https://w3id.org/gcmkg/ontology#budgetNote"),
                                       ox.Literal("About 2 million dollars", language="en")) in triples


def test_what_the_user_typed_becomes_triples(choices):
    form = entry_form("practice")
    data = {"title.text": ["Interpreters in clinics", "Intérpretes en clínicas", ""],
            "title.lang": ["en", "es", "fr"],
            "primaryObjective": ["https://w3id.org/gcmkg/gcm/objective/15"],
            "spatial": ["argentina", "MDA"], "sdg": ["10.7"], "startDate": ["2019"], "endDate": ["2021-06-30"],
            "ongoing": ["false"], "implementingOrganisation": ["Ministerio de Pruebas"],
            "source": ["https://example.org/interpreters"], "language": ["en"]}
    values = given_values(form, data)
    assert values["title"] == [Given("Interpreters in clinics", "en"), Given("Intérpretes en clínicas", "es")]
    triples, trouble = parse(form, ENTRY, values, choices.resolve)
    assert trouble == []
    objects = {(t.predicate.value.rsplit("/", 1)[-1].rsplit("#", 1)[-1], str(t.object)) for t in triples}
    assert {("spatial", "<https://w3id.org/gcmkg/country/ARG>"), ("spatial", "<https://w3id.org/gcmkg/country/MDA>"),
            ("sdg", "<http://metadata.un.org/sdg/10.7>"),
            ("startDate", '"2019"^^<http://www.w3.org/2001/XMLSchema#gYear>'),
            ("endDate", '"2021-06-30"^^<http://www.w3.org/2001/XMLSchema#date>'),
            ("ongoing", '"false"^^<http://www.w3.org/2001/XMLSchema#boolean>'),
            ("implementingOrganisation", "<https://w3id.org/gcmkg/id/org/test-ministry>"),
            ("title", '"Intérpretes en clínicas"@es')} <= objects
    shown = values_of(form, ENTRY, triples, lambda scheme, iri: resolve_label(choices, scheme, iri))
    assert Given("Argentina") in shown["spatial"] and shown["startDate"] == [Given("2019")]


def resolve_label(choices, scheme, iri):
    return next(c.label("en") for c in choices.of(scheme) if c.iri == iri)


def test_what_cannot_be_read_is_reported_against_its_field_in_three_languages(choices):
    form = entry_form("practice")
    values = given_values(form, {"spatial": ["Atlantis"], "startDate": ["spring 2019"], "source": ["example.org"],
                                 "abstract.text": ["No language"], "abstract.lang": [""]})
    _triples, trouble = parse(form, ENTRY, values, choices.resolve)
    by_key = {p.key: p for p in trouble}
    assert set(by_key) == {"spatial", "startDate", "source", "abstract"}
    assert "Atlantis" in by_key["spatial"].message("fr") and "suggestions" in by_key["spatial"].message("fr")
    assert "AAAA-MM-DD" in by_key["startDate"].message("es")


def test_validation_problems_land_on_their_fields():
    form = entry_form("practice")
    triples, _ = parse(form, ENTRY, {"startDate": [Given("2020")], "endDate": [Given("2018")],
                                     "ongoing": [Given("true")]}, lambda s, t: None)
    graph = Graph()
    for t in triples:
        graph.parse(data=f"{t.subject} {t.predicate} {t.object} .", format="nt")
    found = problems(form, validate_entry(graph))
    keys = {p.key for p in found if p.severity == "Violation"}
    assert {"title", "abstract", "primaryObjective", "spatial", "startDate", "endDate"} <= keys
    title = next(p for p in found if p.key == "title")
    assert title.message("es").startswith("Indique al menos un título")
    assert any(p.key == "endDate" and "en curso" in p.message("es") for p in found), "ongoing with an end date"


def test_pickers_find_countries_sdg_targets_and_organisations_by_label_code_or_acronym(choices):
    countries = choices.of(COUNTRIES)
    assert search(countries, "argen")[0].code == "ARG" and resolve(countries, "AR").endswith("/country/ARG")
    assert resolve(countries, "Argentine") == "https://w3id.org/gcmkg/country/ARG", "a French label"
    argentina = next(c for c in countries if c.code == "ARG")
    assert argentina.broader == "https://w3id.org/gcmkg/region/005", "shown under its M49 region"
    sdg = choices.of(SDG)
    assert len(sdg) == 17 + 169, "goals and targets, not indicators"
    assert resolve(sdg, "10.7") == "http://metadata.un.org/sdg/10.7" and search(sdg, "10.")[0].code == "10.1"
    objectives = scheme_choices(choices.store, OBJECTIVES)
    assert [o.code for o in objectives][:3] == ["1", "2", "3"] and objectives[0].short("es") == "Datos"
    organisations = choices.of(ORGANISATIONS)
    assert resolve(organisations, "ministerio de pruebas") == "https://w3id.org/gcmkg/id/org/test-ministry"
    assert resolve(organisations, "nothing like it") is None


def test_a_field_added_to_a_shape_is_drawn_by_the_unchanged_template(choices):
    from gcmkg.web.entry_form_view import field_views, language_options
    from gcmkg.web.i18n import translator
    from gcmkg.web.render import ENV
    form = read_form(shapes_with_extra_field(), "practice")
    groups = field_views(form, {"budgetNote": [Given("Two million", "en")]}, [], choices.of, "es")
    html = ENV.get_template("_form_fields.html").render(groups=groups, datalists={}, lang="es",
                                                         _=translator("es"), languages_of_text=language_options("es"))
    budget = html[html.index('id="field-budgetNote"'):]
    assert "presupuesto" in budget[:600] and 'name="budgetNote.text"' in budget and ">Two million</textarea>" in budget
    assert html.index('id="field-benefitAndImpact"') < html.index('id="field-budgetNote"') \
        < html.index('id="field-keyLessons"')


def test_a_field_that_takes_a_country_offers_countries_not_regions(choices):
    from gcmkg.web.entry_form_view import field_views
    def options(kind, key):
        groups = field_views(entry_form(kind), {}, [], choices.of, "en")
        return next(v.options for _heading, fields in groups for v in fields if v.key == key)
    jurisdiction = options("norm", "jurisdiction")
    assert {"ARG", "MDA"} <= {o.code for o in jurisdiction} and not {"419", "001"} & {o.code for o in jurisdiction}
    assert next(o for o in jurisdiction if o.code == "ARG").under == "South America"
    assert {"419", "ARG"} <= {o.code for o in options("practice", "spatial")}, "a practice's scope may be a region"


def test_contributor_tags_any_entry_with_target_populations_and_isced_levels_from_the_shapes():
    for kind in ("practice", "norm"):
        form = entry_form(kind)
        assert form.field("targetPopulation").scheme == "https://w3id.org/gcmkg/target-populations"
        assert form.field("educationLevel").scheme == "https://w3id.org/gcmkg/isced-2011"
        assert form.field("educationDimension").widget == "choice"
    keys = [f.key for f in entry_form("norm").fields]
    assert "assessment" not in keys, "an assessment is a nested record, not one form field"
