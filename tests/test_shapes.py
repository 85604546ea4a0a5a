"""What a valid entry is (the SHACL shapes), and the two validators built from them.

The conformance cases live in tests/shapes_cases/*.ttl: each is a small entry,
valid or broken, whose header says which (focus node, property) pairs must be
reported::

    # expect: <https://w3id.org/gcmkg/id/practice/no-title> http://purl.org/dc/terms/title
    # expect: <https://w3id.org/gcmkg/id/practice/x> https://w3id.org/gcmkg/ontology#implementingOrganisation Warning
    # expect: nothing

Every case is validated together with shapes_cases/_context.ttl (the concepts
and organisation records the cases link to), by pyshacl one entry at a time and
by the compiled SPARQL on a pyoxigraph store; both must report exactly that set.
"""

from __future__ import annotations

import doctest
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS
import rdflib.namespace as rdf_namespace  # a module-level XSD would make pytest's collector warn

import gcmkg.shapes.compile as shapes_compile
import gcmkg.shapes.validate as shapes_validate
from gcmkg.shapes.compile import compile_shapes, in_order
from gcmkg.shapes.model import UnsupportedShapeError, read_shapes
from gcmkg.shapes.validate import Violation, load_shapes, validate_dataset, validate_entry, validate_one

CASES_DIR = Path(__file__).parent / "shapes_cases"
CONTEXT = CASES_DIR / "_context.ttl"
LANGUAGES = {"en", "es", "fr"}
GCMSH = "https://w3id.org/gcmkg/shapes#"


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    expected: frozenset[tuple[str, str | None]]
    severities: dict[tuple[str, str | None], str]


def _read_case(path: Path) -> Case:
    expected, severities = set(), {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"#\s*expect:\s*(.*)$", line)
        if not m or m.group(1).strip() == "nothing":
            continue
        focus, prop, *severity = m.group(1).split()
        key = (focus.strip("<>"), None if prop == "-" else prop)
        expected.add(key)
        severities[key] = severity[0] if severity else "Violation"
    return Case(path.stem, path, frozenset(expected), severities)


CASES = [_read_case(p) for p in sorted(CASES_DIR.glob("*.ttl")) if not p.name.startswith("_")]


def _entry_graph(*paths: Path) -> Graph:
    graph = Graph()
    for p in (CONTEXT, *paths):
        graph.parse(p, format="turtle")
    return graph


def _store(*paths: Path) -> pyoxigraph.Store:
    """A store as the bulk loader builds it: one named graph per entry file, the vocabulary in another."""
    store = pyoxigraph.Store()
    store.load(path=str(CONTEXT), format=pyoxigraph.RdfFormat.TURTLE,
               to_graph=pyoxigraph.NamedNode("urn:gcmkg:test:vocabulary"))
    for p in paths:
        store.load(path=str(p), format=pyoxigraph.RdfFormat.TURTLE,
                   to_graph=pyoxigraph.NamedNode(f"urn:gcmkg:test:case:{p.stem}"))
    return store


def _pairs(violations: list[Violation]) -> set[tuple[str, str | None]]:
    return {(v.focus_node, v.path) for v in violations}


def _check_severities(case: Case, violations: list[Violation]) -> None:
    for v in violations:
        assert v.severity == case.severities[(v.focus_node, v.path)], v


# --- conformance: both validators report exactly what each case expects -------------------------


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_curator_submission_is_judged_by_pyshacl_as_the_case_expects(case: Case):
    violations = validate_entry(_entry_graph(case.path))
    assert _pairs(violations) == case.expected
    _check_severities(case, violations)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bulk_load_is_judged_by_compiled_sparql_as_the_case_expects(case: Case):
    violations = validate_dataset(_store(case.path))
    assert _pairs(violations) == case.expected
    _check_severities(case, violations)


@pytest.mark.parametrize("case", [c for c in CASES if c.expected], ids=[c.name for c in CASES if c.expected])
def test_caller_cannot_tell_which_validator_ran(case: Case):
    assert validate_entry(_entry_graph(case.path)) == validate_dataset(_store(case.path))


def test_bulk_validation_of_every_case_at_once_finds_each_case_s_violations():
    everything = validate_dataset(_store(*(c.path for c in CASES)))
    # The cases share sources and titles with one another (argentina.gob.ar, "Ley de Migraciones"), which
    # the duplicate warnings rightly report once they sit in one store; each case alone says what it expects.
    expected = set().union(*(c.expected for c in CASES))
    across_cases = {v for v in everything if v.source_shape.endswith(("#Entry-sharedSource", "#Entry-sharedTitle"))
                    and (v.focus_node, v.path) not in expected}
    assert _pairs([v for v in everything if v not in across_cases]) == expected
    assert across_cases, "the shared sources between the cases are reported as possible duplicates"


def test_the_cases_cover_the_rules_curators_break_most():
    names = {c.name for c in CASES}
    assert {
        "valid-practice", "valid-norm", "valid-organisation", "practice-without-title",
        "objective-not-one-of-23", "end-before-start-dates", "end-before-start-years", "bad-url",
        "untagged-title", "two-english-titles", "norm-two-jurisdictions", "norm-jurisdiction-region",
        "approved-without-reviewer", "ongoing-with-end-date", "implementer-not-organisation",
    } <= names


# --- what a violation says ----------------------------------------------------------------------


def _one_violation(case_name: str) -> Violation:
    (case,) = [c for c in CASES if c.name == case_name]
    (violation,) = validate_entry(_entry_graph(case.path))
    return violation


def test_spanish_speaking_curator_reads_the_message_in_spanish():
    v = _one_violation("practice-without-title")
    assert v.message("es").startswith("Indique al menos un título")
    assert v.message("fr").startswith("Indiquez au moins un titre")
    assert v.message() == v.message("en") == v.messages["en"]


def test_message_in_an_unknown_language_falls_back_to_english():
    v = _one_violation("practice-without-title")
    assert v.message("de") == v.messages["en"]


def test_violation_names_the_offending_value_in_n_triples_form():
    v = _one_violation("bad-url")
    assert v.value == "<ftp://ftp.example.org/report.pdf>"
    assert v.source_shape == GCMSH + "Entry-source"
    v = _one_violation("untagged-title")
    assert v.value == '"Moldova diaspora engagement pilot"'
    (v, _) = [x for x in validate_entry(_entry_graph(CASES_DIR / "end-before-start-years.ttl"))]
    assert v.value == '"2015"^^<http://www.w3.org/2001/XMLSchema#gYear>'


def test_a_missing_value_has_no_value_and_an_entry_level_rule_names_its_property():
    assert _one_violation("practice-without-title").value is None
    v = _one_violation("ongoing-with-end-date")
    assert (v.path, v.value, v.source_shape) == ("https://schema.org/endDate", None,
                                                 GCMSH + "OngoingPracticeHasNoEndDate")


def test_organisation_a_practice_links_to_is_context_not_a_record_to_validate():
    graph = Graph().parse(CASES_DIR / "valid-practice.ttl", format="turtle")
    graph.parse(data="""
        @prefix org: <http://www.w3.org/ns/org#> . @prefix prov: <http://www.w3.org/ns/prov#> .
        <https://w3id.org/gcmkg/id/org/iom> a org:Organization .
        <https://w3id.org/gcmkg/id/org/arg-congreso> a org:Organization .
        <https://w3id.org/gcmkg/id/org/gcmkg-demo-editors> a org:Organization , prov:Agent .
    """, format="turtle")
    context = Graph().parse(CONTEXT, format="turtle")
    for concept in set(context.subjects(SKOS.inScheme, None)):  # the concepts, not the organisation records
        for p in (RDF.type, SKOS.inScheme):
            for o in context.objects(concept, p):
                graph.add((concept, p, o))
    assert validate_entry(graph) == []


# --- dates: a year stands for the whole year ----------------------------------------------------


def _date(s: str) -> Literal:
    return Literal(s, datatype=rdf_namespace.XSD.gYear if len(s) == 4 else rdf_namespace.XSD.date)


@pytest.mark.parametrize("start, end, ok", [
    ("2010-05-01", "2014-12-31", True),
    ("2015-01-01", "2014-12-31", False),
    ("2010", "2014", True),
    ("2015", "2014", False),
    ("2014", "2014", True),
    ("2010", "2010-03-01", True),
    ("2015", "2014-12-31", False),
    ("2014-06-01", "2014", True),
    ("2015-01-01", "2014", False),
])
def test_start_and_end_compare_as_days_or_as_years(start, end, ok):
    assert in_order(_date(start), _date(end)) is ok


def test_values_that_are_not_dates_cannot_be_in_order():
    assert not in_order(Literal("2010-13-45", datatype=rdf_namespace.XSD.date), _date("2014"))
    assert not in_order(Literal("soon"), _date("2014"))
    assert not in_order(URIRef("https://example.org/"), _date("2014"))


def test_pyshacl_still_cannot_order_years_which_is_why_gcmkg_compares_them_itself():
    # If rdflib learns xsd:gYear, pyshacl's sh:lessThanOrEquals may work on years and
    # validate.py could stop evaluating the pair constraints itself.
    assert Literal("2015", datatype=rdf_namespace.XSD.gYear).value is None


def test_pyshacl_running_the_sparql_rules_itself_finds_what_gcmkg_finds_running_them_once():
    # validate.py runs the SHACL-SPARQL rules (shapes/translation.ttl) itself, each query parsed once: pyshacl
    # parses a rule again for every focus node. Its own reading of them must give the same results.
    data = _entry_graph(CASES_DIR / "translation-rules-broken.ttl")
    _, report, _ = pyshacl.validate(data, shacl_graph=load_shapes(), inference="none", allow_warnings=True)
    rules = {str(s) for s in load_shapes().subjects(SH.sparql, None)}
    by_pyshacl = {(str(report.value(r, SH.focusNode)), str(report.value(r, SH.sourceShape)))
                  for r in report.objects(None, SH.result) if str(report.value(r, SH.sourceShape)) in rules}
    ours = {(v.focus_node, v.source_shape) for v in validate_entry(data) if v.source_shape in rules}
    assert ours == by_pyshacl and len(ours) == 4


# --- the shapes as the source of the submission form -------------------------------------------


def _languages(graph: Graph, node, predicate) -> set[str]:
    return {o.language for o in graph.objects(node, predicate) if isinstance(o, Literal)}


def _form_fields(graph: Graph) -> set:
    """Property shapes on a predicate of the entry: the form's fields (a longer path, such as the duplicate
    warnings' source-and-back, checks the entry but is no field of it)."""
    return {p for root in graph.subjects(SH.targetClass, None) for p in graph.objects(root, SH.property)
            if isinstance(graph.value(p, SH.path), URIRef)}


def test_every_form_field_has_a_name_description_order_and_group_in_three_languages():
    graph = load_shapes()
    fields = _form_fields(graph)
    assert len(fields) > 40
    for field in fields:
        assert _languages(graph, field, SH.name) >= LANGUAGES, field
        assert _languages(graph, field, SH.description) >= LANGUAGES, field
        assert isinstance(graph.value(field, SH.order), Literal), field
        assert (graph.value(field, SH.group), RDF.type, SH.PropertyGroup) in graph, field


def test_every_shape_that_can_report_has_a_message_in_three_languages():
    graph = load_shapes()
    reporting = _form_fields(graph) | set(graph.subjects(SH.targetClass, None))
    constrained = [s for s in reporting
                   if any(str(p).startswith(str(SH)) and p not in {SH.targetClass, SH.property, SH.path, SH.name,
                                                                    SH.description, SH.order, SH.group,
                                                                    SH.message, SH.severity}
                          for p in graph.predicates(s, None))]
    assert constrained
    for shape in constrained:
        assert _languages(graph, shape, SH.message) >= LANGUAGES, shape


def test_every_form_group_is_labelled_in_three_languages_and_ordered():
    graph = load_shapes()
    groups = set(graph.subjects(RDF.type, SH.PropertyGroup))
    assert len(groups) >= 7
    for group in groups:
        assert _languages(graph, group, RDFS.label) >= LANGUAGES, group
        assert isinstance(graph.value(group, SH.order), Literal), group


def test_shapes_are_read_from_the_installed_package():
    graph = load_shapes()
    for shape in ("PracticeShape", "NationalNormShape", "OrganisationShape", "ObjectiveConcept"):
        assert (URIRef(GCMSH + shape), RDF.type, SH.NodeShape) in graph


# --- the compiler keeps everyone to the supported subset ---------------------------------------


def _shapes_plus(turtle: str) -> Graph:
    graph = Graph()
    for triple in load_shapes():
        graph.add(triple)
    graph.parse(data="@prefix sh: <http://www.w3.org/ns/shacl#> . "
                     "@prefix gcmsh: <https://w3id.org/gcmkg/shapes#> . "
                     "@prefix gcm: <https://w3id.org/gcmkg/ontology#> . " + turtle, format="turtle")
    return graph


@pytest.mark.parametrize("turtle, complaint", [
    # beside other constraints its results would share their message and path
    ("""gcmsh:EndAfterStart a sh:NodeShape ; sh:targetClass gcm:Practice ; sh:nodeKind sh:IRI ;
            sh:sparql [ sh:select "SELECT $this WHERE { }" ] .""", "sh:sparql is only supported"),
    ("""gcmsh:EndAfterStart a sh:NodeShape ; sh:targetClass gcm:Practice ;
            sh:sparql [ sh:select "SELECT ?x WHERE { }" ] .""", "SELECT $this WHERE"),
    # prefixes declared in the shapes graph: the compiled query would not know them
    ("""gcmsh:EndAfterStart a sh:NodeShape ; sh:targetClass gcm:Practice ;
            sh:sparql [ sh:prefixes gcmsh: ; sh:select "SELECT $this WHERE { }" ] .""", "sh:prefixes"),
])
def test_compiler_refuses_a_sparql_constraint_it_cannot_run_alike_and_names_the_shape(turtle, complaint):
    with pytest.raises(UnsupportedShapeError, match=r"gcmsh:EndAfterStart.*" + re.escape(complaint)):
        compile_shapes(_shapes_plus(turtle))


@pytest.mark.parametrize("turtle, complaint", [
    ("gcmsh:X a sh:NodeShape ; sh:targetNode gcm:x .", "sh:targetNode"),
    ("gcmsh:X a sh:NodeShape ; sh:targetClass gcm:Practice ; sh:closed true .", "sh:closed"),
    ("gcmsh:X a sh:NodeShape ; sh:targetClass gcm:Practice ; "
     "sh:property [ sh:path [ sh:alternativePath ( gcm:a gcm:b ) ] ; sh:minCount 1 ] .", "sh:alternativePath"),
    ("gcmsh:X a sh:NodeShape ; sh:targetClass gcm:Practice ; "
     "sh:property [ sh:path ( gcm:a ) ; sh:minCount 1 ] .", "at least two steps"),
    ("gcmsh:X a sh:NodeShape ; sh:targetClass gcm:Practice ; "
     "sh:property [ sh:path gcm:a ; sh:or ( [ sh:pattern \"x\" ] [ sh:datatype gcm:y ] ) ] .", "sh:or members"),
    ("gcmsh:X a sh:NodeShape ; sh:targetClass gcm:Practice ; "
     "sh:not [ sh:property [ sh:path gcm:a ; sh:datatype gcm:y ] ] .", "sh:not may only wrap"),
])
def test_compiler_refuses_other_unsupported_constructs(turtle, complaint):
    with pytest.raises(UnsupportedShapeError, match=re.escape(complaint)):
        read_shapes(_shapes_plus(turtle))


@pytest.mark.parametrize("module", [shapes_compile, shapes_validate], ids=lambda m: m.__name__)
def test_docstring_examples_run(module):
    failures, _ = doctest.testmod(module)
    assert failures == 0


def test_every_compiled_check_selects_the_target_first():
    for check in compile_shapes(load_shapes()):
        first_pattern = check.query.split("WHERE {", 1)[1].strip()
        assert first_pattern.startswith("{ ?this <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"), check


# --- the form's validator: one entry, compiled SPARQL, the same answers as pyshacl ----------------
def _case_entries(path: Path) -> set[str]:
    return {q.subject.value for q in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
            if isinstance(q.subject, pyoxigraph.NamedNode) and q.predicate.value == str(RDF.type)}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_forms_one_entry_validator_agrees_with_pyshacl_on_every_case(case: Case):
    triples = [q for p in (CONTEXT, case.path) for q in pyoxigraph.parse(path=str(p),
                                                                         format=pyoxigraph.RdfFormat.TURTLE)]
    by_pyshacl = validate_entry(_entry_graph(case.path))
    entries = _case_entries(case.path)
    assert entries, "the case has an entry"
    for entry in entries:
        assert validate_one(entry, triples) == [v for v in by_pyshacl if v.focus_node == entry], entry
    assert _pairs([v for entry in entries for v in validate_one(entry, triples)]) == case.expected
