"""RDF from outside cannot stall or crash the parser: deep nesting is refused before parsing, with
the file and line, while ordinary nesting (and brackets inside strings) passes."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from conftest import gcmkg
from gcmkg.ingest.rdf_input import MAX_JSON_DEPTH, MAX_XML_DEPTH, RdfInputError, parse_bytes

XML_HEAD = ('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:e="http://example.org/">\n')


def nested_xml(depth: int) -> bytes:
    """Striped RDF/XML: a description inside a property inside a description..., `depth` pairs deep."""
    body = '<rdf:Description rdf:about="http://example.org/a"><e:p>\n' * depth
    return (XML_HEAD + body + "</e:p></rdf:Description>" * depth + "\n</rdf:RDF>").encode()


def nested_json(depth: int) -> bytes:
    body = '"http://example.org/p": {' * depth + '"@value": "a } ] { ["' + "}" * depth
    return ('{"@id": "http://example.org/a",\n ' + body + "}").encode()


def test_rdf_xml_nested_20000_deep_is_refused_with_file_and_line(tmp_path):
    deep = tmp_path / "deep.rdf"
    deep.write_bytes(nested_xml(20_000))     # 1.3 MB; the parser took over 20 s on it before the cap
    result = gcmkg("validate", str(deep))
    assert result.returncode == 2
    assert f"{deep}:{MAX_XML_DEPTH // 2 + 2}: RDF/XML elements nested more than {MAX_XML_DEPTH} deep" \
        in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_json_ld_nested_10000_deep_is_refused_instead_of_crashing_the_process(tmp_path):
    deep = tmp_path / "deep.jsonld"
    deep.write_bytes(nested_json(10_000))    # 240 KB; pyoxigraph overflowed its stack on it before the cap
    result = gcmkg("validate", str(deep))
    assert result.returncode == 2, result.stderr
    assert f"{deep}:2: JSON-LD nested more than {MAX_JSON_DEPTH} objects or arrays deep" in result.stderr


@pytest.mark.parametrize("data, fmt", [(nested_xml((MAX_XML_DEPTH - 1) // 2), ox.RdfFormat.RDF_XML),
                                       (nested_json(MAX_JSON_DEPTH - 1), ox.RdfFormat.JSON_LD)],
                         ids=["rdf-xml", "json-ld"])
def test_nesting_up_to_the_limit_is_read(data, fmt):
    assert len(parse_bytes(data, fmt, "ok").quads) >= 10


def test_brackets_inside_json_strings_do_not_count_as_nesting():
    text = '"' + "{[" * 100 + '\\"' + "]}" * 3 + '"'
    data = ('{"@id": "http://example.org/a", "http://example.org/p": ' + text + "}").encode()
    assert len(parse_bytes(data, ox.RdfFormat.JSON_LD, "strings").quads) == 1


def test_one_element_past_the_limit_is_refused():
    with pytest.raises(RdfInputError, match="nested more than"):
        parse_bytes(nested_json(MAX_JSON_DEPTH), ox.RdfFormat.JSON_LD, "deep.jsonld")
