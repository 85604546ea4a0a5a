"""SELECT and ASK results written by hand, read back by Oxigraph's own parsers."""

from __future__ import annotations

import csv
import doctest
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, QueryResultsFormat, Triple

from gcmkg.api.sparql import result_formats
from gcmkg.api.sparql.result_formats import CSV, JSON, MEDIA_TYPES, TSV, XML, write_boolean, write_select

EX = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
PARSABLE = {JSON: QueryResultsFormat.JSON, XML: QueryResultsFormat.XML, TSV: QueryResultsFormat.TSV}

# One row per kind of term the endpoint may have to write.
TERMS = [
    NamedNode(EX + "practice/1"),
    NamedNode(EX + "a?b=c&d=é#frag"),
    BlankNode("b0"),
    Literal("plain"),
    Literal(""),
    Literal("Migración segura", language="es"),
    Literal("مرحبا", language="ar", direction=ox.BaseDirection.RTL),
    Literal("42", datatype=NamedNode(XSD + "integer")),
    Literal("2019-12-10", datatype=NamedNode(XSD + "date")),
    Literal('say "hi", then\nleave\r\n\ttabbed \\ back<slash> & more'),
    Literal("emoji 😀, CJK 移民, RTL עברית, zero-width \u200b, line sep \u2028"),
    Triple(NamedNode(EX + "s"), NamedNode(EX + "p"), Literal("quoted", language="en")),
]


@pytest.fixture(scope="module")
def store():
    store = ox.Store()
    for i, term in enumerate(TERMS):
        store.add(ox.Quad(NamedNode(f"{EX}row/{i:02}"), NamedNode(EX + "value"), term))
    return store


def solutions(store):
    """Each stored term, with ?missing unbound in every row and ?note bound in one."""
    return store.query(f"""SELECT ?row ?value ?missing ?note WHERE {{
        ?row <{EX}value> ?value OPTIONAL {{ ?row <{EX}note> ?missing }}
        BIND(IF(?row = <{EX}row/00>, "first", ?unbound) AS ?note) }} ORDER BY ?row""")


def as_dicts(results) -> list[dict]:
    names = [v.value for v in results.variables]
    return [{n: s[n] for n in names if s[n] is not None} for s in results]


@pytest.mark.parametrize("media_type", [JSON, XML, TSV])
def test_every_kind_of_term_reads_back_identical(store, media_type):
    expected = as_dicts(solutions(store))
    written = write_select(["row", "value", "missing", "note"], solutions(store), media_type)

    parsed = ox.parse_query_results(written.body, PARSABLE[media_type])
    assert [v.value for v in parsed.variables] == ["row", "value", "missing", "note"]
    assert as_dicts(parsed) == expected
    assert written.rows == len(TERMS) and not written.capped


@pytest.mark.parametrize("media_type", MEDIA_TYPES)
def test_rows_given_as_dicts_or_as_query_solutions_give_the_same_document(store, media_type):
    variables = ["row", "value", "missing", "note"]
    from_solutions = write_select(variables, solutions(store), media_type).body
    from_dicts = write_select(variables, as_dicts(solutions(store)), media_type).body
    assert from_solutions == from_dicts


def test_csv_is_what_oxigraph_itself_writes(store):
    ours = write_select(["row", "value", "missing", "note"], solutions(store), CSV).body
    assert ours == solutions(store).serialize(format=QueryResultsFormat.CSV)


def test_csv_reader_gets_back_lexical_forms_with_commas_quotes_and_line_breaks(store):
    body = write_select(["row", "value", "missing"], solutions(store), CSV).body.decode()
    table = list(csv.reader(io.StringIO(body, newline="")))
    assert table[0] == ["row", "value", "missing"]
    values = [r[1] for r in table[1:]]
    assert 'say "hi", then\nleave\r\n\ttabbed \\ back<slash> & more' in values
    assert "_:b0" in values and "42" in values and "Migración segura" in values
    assert all(r[2] == "" for r in table[1:])
    assert body.endswith("\r\n")


def test_xml_is_well_formed_even_when_a_literal_holds_characters_xml_cannot_carry():
    rows = [{"x": Literal("bell\x07 and nul\x00 end")}]
    body = write_select(["x"], rows, XML).body
    literal = ET.fromstring(body).find(".//{http://www.w3.org/2005/sparql-results#}literal")
    assert literal.text == "bell\ufffd and nul\ufffd end"
    parsed = ox.parse_query_results(body, QueryResultsFormat.XML)
    assert [s["x"].value for s in parsed] == ["bell\ufffd and nul\ufffd end"]


def test_json_control_characters_are_escaped_and_read_back():
    rows = [{"x": Literal("bell\x07 nul\x00")}]
    body = write_select(["x"], rows, JSON).body
    assert json.loads(body)["results"]["bindings"][0]["x"]["value"] == "bell\x07 nul\x00"
    assert [s["x"] for s in ox.parse_query_results(body, QueryResultsFormat.JSON)] == [Literal("bell\x07 nul\x00")]


@pytest.mark.parametrize("media_type", MEDIA_TYPES)
def test_result_cut_at_max_rows_is_still_a_complete_document_that_says_capped(store, media_type):
    written = write_select(["row", "value"], solutions(store), media_type, max_rows=3)
    assert written.capped and written.rows == 3
    if media_type == CSV:
        assert len(list(csv.reader(io.StringIO(written.body.decode(), newline="")))) == 1 + 3
    else:
        parsed = as_dicts(ox.parse_query_results(written.body, PARSABLE[media_type]))
        expected = [{k: v for k, v in row.items() if k in ("row", "value")} for row in as_dicts(solutions(store))]
        assert parsed == expected[:3]


def test_result_of_exactly_max_rows_is_not_capped(store):
    written = write_select(["row"], solutions(store), JSON, max_rows=len(TERMS))
    assert written.rows == len(TERMS) and not written.capped


@pytest.mark.parametrize("media_type", MEDIA_TYPES)
def test_empty_result_is_a_complete_document(media_type):
    written = write_select(["s", "p"], [], media_type)
    assert written.rows == 0 and not written.capped
    if media_type == CSV:
        assert written.body == b"s,p\r\n"
    else:
        parsed = ox.parse_query_results(written.body, PARSABLE[media_type])
        assert [v.value for v in parsed.variables] == ["s", "p"] and list(parsed) == []


@pytest.mark.parametrize("media_type", [JSON, XML, TSV])
@pytest.mark.parametrize("answer", [True, False])
def test_ask_answer_reads_back_in_every_format(media_type, answer):
    assert bool(ox.parse_query_results(write_boolean(answer, media_type), PARSABLE[media_type])) is answer


def test_ask_answer_in_csv_is_the_bare_word_as_oxigraph_writes_it():
    assert write_boolean(True, CSV) == ox.Store().query("ASK {}").serialize(format=QueryResultsFormat.CSV)
    assert write_boolean(False, CSV) == b"false"


def test_unknown_media_type_is_refused():
    with pytest.raises(ValueError, match="not a SPARQL results media type"):
        write_select(["x"], [], "text/html")
    with pytest.raises(ValueError):
        write_boolean(True, "application/json")


def test_examples_in_the_module_documentation_hold():
    assert doctest.testmod(result_formats, optionflags=doctest.NORMALIZE_WHITESPACE).failed == 0
