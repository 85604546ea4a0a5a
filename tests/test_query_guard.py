"""The public endpoint answers read-only queries and never runs SERVICE."""

from __future__ import annotations

import doctest
from concurrent.futures import ThreadPoolExecutor

import pytest

from gcmkg.api.sparql import guard as query_guard
from gcmkg.api.sparql.guard import QueryRefused, _cached_verdict, check_query

REMOTE = "<http://127.0.0.1:8080/sparql>"


def refusal(text: str) -> QueryRefused:
    with pytest.raises(QueryRefused) as caught:
        check_query(text)
    return caught.value


@pytest.mark.parametrize("text, form", [
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 10", "SELECT"),
    ("ASK { ?s a ?type }", "ASK"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("DESCRIBE <https://w3id.org/gcmkg/practice/1>", "DESCRIBE"),
    ("PREFIX gcm: <https://w3id.org/gcmkg/ontology#>\n# the practices of objective 19\n"
     "SELECT ?p (COUNT(*) AS ?n) FROM <https://w3id.org/gcmkg/graph/x> WHERE {\n"
     "  VALUES ?o { <https://w3id.org/gcmkg/gcm/objective/19> }\n  ?p gcm:primaryObjective ?o\n"
     "} GROUP BY ?p ORDER BY DESC(?n) OFFSET 5 LIMIT 5", "SELECT"),
])
def test_read_only_queries_are_let_through_with_their_form(text, form):
    checked = check_query(text)
    assert (checked.form, checked.text) == (form, text)


def test_service_clause_is_refused():
    error = refusal(f"SELECT * WHERE {{ SERVICE {REMOTE} {{ ?s ?p ?o }} }}")
    assert error.kind == "forbidden"
    assert str(error) == ("SERVICE is not allowed on the public endpoint "
                          "(this query calls SERVICE <http://127.0.0.1:8080/sparql>)")


def test_service_with_a_prefixed_name_is_refused_naming_it():
    # Regression: the refusal's message could not show a prefixed name, and the endpoint answered 500.
    error = refusal("PREFIX l: <http://127.0.0.1:8080/> SELECT * WHERE { SERVICE l:svc { ?s ?p ?o } }")
    assert error.kind == "forbidden" and "SERVICE l:svc" in error.detail


def test_an_undeclared_prefix_is_named_in_the_refusal():
    error = refusal("SELECT * WHERE { ?s foo:bar ?o }")
    assert error.kind == "malformed" and "'foo:'" in error.detail and "PREFIX foo:" in error.detail


def test_the_querys_own_dataset_is_reported_with_prefixed_names_expanded():
    checked = check_query("PREFIX g: <https://w3id.org/gcmkg/id/> SELECT * FROM g:a FROM <https://e/b> "
                          "FROM NAMED g:c WHERE { ?s ?p ?o }")
    assert checked.default_graphs == ("https://w3id.org/gcmkg/id/a", "https://e/b")
    assert checked.named_graphs == ("https://w3id.org/gcmkg/id/c",)
    assert not check_query("SELECT * WHERE { ?s ?p ?o }").has_dataset


def test_service_clause_is_refused_even_inside_a_subquery():
    error = refusal(f"SELECT ?x WHERE {{ {{ SELECT ?x WHERE {{ SERVICE {REMOTE} {{ ?x ?p ?o }} }} }} }}")
    assert error.kind == "forbidden" and "SERVICE" in error.detail


@pytest.mark.parametrize("where", [
    f"OPTIONAL {{ SERVICE {REMOTE} {{ ?s ?p ?o }} }}",
    f"{{ ?s ?p ?o }} UNION {{ SERVICE {REMOTE} {{ ?s ?p ?o }} }}",
    f"?s ?p ?o FILTER EXISTS {{ SERVICE {REMOTE} {{ ?s ?p ?o }} }}",
    f"?s ?p ?o FILTER NOT EXISTS {{ SERVICE {REMOTE} {{ ?s ?p ?o }} }}",
    f"?s ?p ?o FILTER (?o = 1 || EXISTS {{ SERVICE {REMOTE} {{ ?s ?p ?o }} }})",
    f"?s ?p ?o BIND (EXISTS {{ SERVICE {REMOTE} {{ ?s ?p ?o }} }} AS ?b)",
    f"?s ?p ?o MINUS {{ SERVICE {REMOTE} {{ ?s ?p ?o }} }}",
    f"GRAPH ?g {{ SERVICE {REMOTE} {{ ?s ?p ?o }} }}",
    f"{{ {{ {{ OPTIONAL {{ {{ SELECT * WHERE {{ GRAPH ?g {{ SERVICE {REMOTE} {{ ?s ?p ?o }} }} }} }} }} }} }} }}",
    "SERVICE SILENT ?endpoint { ?s ?p ?o }",
    f"service {REMOTE} {{ ?s ?p ?o }}",
    # rdflib expands \u escapes before parsing, as the SPARQL grammar says; Oxigraph 0.5 does not
    # (it rejects this text). Seeing more than Oxigraph sees is the safe side.
    f"\\u0053ERVICE {REMOTE} {{ ?s ?p ?o }}",
], ids=["optional", "union", "exists", "not-exists", "exists-in-expression", "bind-exists", "minus",
        "graph", "deeply-nested", "silent-variable", "lower-case", "unicode-escaped"])
def test_service_clause_is_refused_wherever_it_hides(where):
    assert refusal(f"SELECT * WHERE {{ {where} }}").kind == "forbidden"


@pytest.mark.parametrize("text", [
    f"ASK {{ SERVICE {REMOTE} {{ ?s ?p ?o }} }}",
    f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE {REMOTE} {{ ?s ?p ?o }} }}",
    f"DESCRIBE ?s WHERE {{ SERVICE {REMOTE} {{ ?s ?p ?o }} }}",
])
def test_service_clause_is_refused_in_every_query_form(text):
    assert refusal(text).kind == "forbidden"


def test_the_word_service_in_text_names_and_comments_is_not_a_service_clause():
    text = ('PREFIX service: <http://example.org/service#>\n'
            '# SERVICE <http://127.0.0.1/> { ?s ?p ?o }\n'
            'SELECT ?service WHERE { ?service service:name "SERVICE <http://127.0.0.1/> {}" ; '
            '<http://example.org/SERVICE> ?x FILTER(CONTAINS(?x, "social service")) }')
    assert check_query(text).form == "SELECT"


@pytest.mark.parametrize("text, operation", [
    ("INSERT DATA { <http://e/a> <http://e/p> 1 }", "INSERT DATA"),
    ("DELETE DATA { <http://e/a> <http://e/p> 1 }", "DELETE DATA"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE"),
    ("DELETE { ?s ?p ?o } INSERT { ?s ?p 2 } WHERE { ?s ?p ?o }", "DELETE/INSERT"),
    ("WITH <http://e/g> INSERT { ?s ?p 2 } WHERE { ?s ?p ?o }", "DELETE/INSERT"),
    ("LOAD <http://127.0.0.1:8080/data.ttl>", "LOAD"),
    ("LOAD SILENT <http://127.0.0.1/x> INTO GRAPH <http://e/g>", "LOAD"),
    ("CLEAR ALL", "CLEAR"),
    ("CREATE GRAPH <http://e/g>", "CREATE"),
    ("DROP GRAPH <http://e/g>", "DROP"),
    ("COPY <http://e/a> TO <http://e/b>", "COPY"),
    ("MOVE DEFAULT TO <http://e/b>", "MOVE"),
    ("ADD <http://e/a> TO <http://e/b>", "ADD"),
    ("PREFIX e: <http://e/>\nDROP SILENT GRAPH e:g ; LOAD <http://e/x>", "DROP, LOAD"),
])
def test_every_update_operation_is_refused_because_the_endpoint_is_read_only(text, operation):
    error = refusal(text)
    assert error.kind == "forbidden"
    assert error.detail.startswith(f"the public endpoint is read-only: {operation} ")


def test_a_broken_update_is_still_refused_as_an_update():
    error = refusal("PREFIX e: <http://e/>\ninsert data { e:a e:p ")
    assert error.kind == "forbidden"
    assert error.detail == "the public endpoint is read-only: INSERT is an update operation"


def test_a_query_with_an_update_appended_is_refused():
    assert refusal("SELECT * WHERE { ?s ?p ?o } ; DROP ALL").kind == "malformed"


def test_malformed_query_is_refused_with_line_and_column():
    error = refusal("SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?o = ) }")
    assert error.kind == "malformed"
    assert error.position == (3, 3)
    assert error.detail.startswith("the query could not be parsed: ") and "line 3, column 3" in error.detail


@pytest.mark.parametrize("text", ["", "   ", "SELEC * WHERE {}", "SELECT * WHERE { ?s ?p ?o"])
def test_text_that_is_no_query_is_refused_as_malformed(text):
    assert refusal(text).kind == "malformed"


def test_syntax_the_guard_cannot_read_is_refused_not_passed_through():
    # SPARQL 1.2 triple terms: Oxigraph would read them, rdflib cannot; the guard must not wave them on.
    assert refusal(f"SELECT * WHERE {{ <<( ?s ?p ?o )>> ?q ?z SERVICE {REMOTE} {{}} }}").kind == "malformed"


def test_query_nested_too_deeply_to_check_is_refused_not_crashed():
    error = refusal("SELECT * WHERE " + "{" * 5000 + "}" * 5000)
    assert error.kind == "malformed"


def test_query_that_is_not_text_is_refused():
    assert refusal(b"SELECT * WHERE {}").kind == "malformed"  # type: ignore[arg-type]


def test_repeated_queries_are_answered_from_the_cache_refusals_too():
    text = "SELECT ?cached WHERE { ?cached ?p ?o }"
    forbidden = f"SELECT ?cached WHERE {{ SERVICE {REMOTE} {{ ?cached ?p ?o }} }}"
    check_query(text), refusal(forbidden)
    hits = _cached_verdict.cache_info().hits
    assert check_query(text).form == "SELECT"
    first, again = refusal(forbidden), refusal(forbidden)
    assert _cached_verdict.cache_info().hits == hits + 3
    assert first is not again and first.detail == again.detail


def test_examples_in_the_module_documentation_hold():
    assert doctest.testmod(query_guard, optionflags=doctest.ELLIPSIS).failed == 0


def test_verdicts_stay_right_when_many_threads_check_at_once():
    # Distinct texts, so every one is parsed rather than read from the cache.
    texts = [(f"SELECT ?x{i} WHERE {{ OPTIONAL {{ SERVICE <http://127.0.0.1:{i}/> {{ ?x{i} ?p ?o }} }} }}", "forbidden")
             if i % 2 else (f"SELECT ?x{i} WHERE {{ OPTIONAL {{ ?x{i} ?p ?o }} }}", "SELECT") for i in range(200)]

    def verdict(text):
        try:
            return check_query(text).form
        except QueryRefused as error:
            return error.kind

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(verdict, [t for t, _ in texts])) == [expected for _, expected in texts]
