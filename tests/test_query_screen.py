"""Which path a public query takes: answered at once as a lookup, checked by the full guard, or neither."""

from __future__ import annotations

import doctest

import pytest

from gcmkg.api.sparql import screen as query_screen
from gcmkg.api.sparql.screen import MAX_NESTING, TooDeep, screen


@pytest.mark.parametrize("text, lookup", [
    ("DESCRIBE <https://w3id.org/gcmkg/id/practice/1>", True),
    ("PREFIX id: <https://w3id.org/gcmkg/id/> DESCRIBE id:a <https://w3id.org/gcmkg/country/MDA>", True),
    ("describe <https://w3id.org/gcmkg/id/practice/1>  # the practice\n", True),
    ("DESCRIBE ?s WHERE { ?s ?p ?o }", False),
    ("DESCRIBE <https://w3id.org/gcmkg/id/practice/1> WHERE { ?s ?p ?o . ?a ?b ?c }", False),
    ("DESCRIBE <https://w3id.org/gcmkg/id/practice/1> FROM <https://w3id.org/gcmkg/graph/x>", False),
    ("DESCRIBE <https://w3id.org/gcmkg/id/practice/1> ?x", False),
    ("DESCRIBE " + " ".join(f"<https://w3id.org/gcmkg/id/practice/{i}>" for i in range(21)), False),
    ("SELECT * WHERE { <https://w3id.org/gcmkg/id/practice/1> ?p ?o }", False),
    # Regression: Oxigraph evaluates these clauses even with no WHERE; a "lookup" carrying them ran
    # 36 s past a 5 s timeout in the server process while every other request waited.
    ('DESCRIBE <http://a> HAVING (EXISTS { ?a ?b ?c . ?d a ?f FILTER(STR(?c)=CONCAT(STR(?f),"x")) })', False),
    ("DESCRIBE <http://a> ORDER BY (EXISTS { ?a ?b ?c })", False),
    ("DESCRIBE <http://a> GROUP BY ?x", False),
    ("DESCRIBE <http://a> VALUES ?x { 1 }", False),
    ("DESCRIBE <http://a> LIMIT 1", False),
])
def test_only_a_describe_of_constant_iris_and_nothing_else_is_a_lookup(text, lookup):
    assert screen(text).lookup is lookup


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1/> { ?s ?p ?o } }",
    "SELECT * WHERE { sErViCe <http://127.0.0.1/> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1/> { ?s ?p ?o } }",
    "SELECT * FROM <http://e/g> WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p 'social service' }",       # may be a false alarm: the guard decides
    "INSERT DATA { <http://e/a> <http://e/p> 1 }",      # no query form: the guard words the refusal
    "",
])
def test_a_text_that_could_hold_service_or_from_goes_to_the_full_guard(text):
    assert screen(text).needs_check


@pytest.mark.parametrize("text, form", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
    ("PREFIX e: <http://e/>\n# a comment\nBASE <http://e/> ask { ?s e:p ?o }", "ASK"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("DESCRIBE ?s WHERE { ?s ?p ?o }", "DESCRIBE"),
])
def test_an_ordinary_query_needs_no_parser_here_and_its_form_is_known(text, form):
    found = screen(text)
    assert (found.form, found.needs_check) == (form, False)


def test_nesting_past_the_limit_is_refused_before_any_parser_sees_it():
    screen("SELECT * WHERE " + "{" * MAX_NESTING + "}" * MAX_NESTING)
    with pytest.raises(TooDeep):
        screen("SELECT * WHERE " + "{" * (MAX_NESTING + 1) + "}" * (MAX_NESTING + 1))


def test_examples_in_the_module_documentation_hold():
    assert doctest.testmod(query_screen).failed == 0
