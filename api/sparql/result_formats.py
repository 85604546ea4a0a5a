"""SELECT and ASK results in the four standard formats, written row by row.

pyoxigraph can serialise only a whole result; the public endpoint stops after
`max_rows` rows and must still send a well-formed document, so the formats are
written here: SPARQL 1.1 Query Results JSON and XML, CSV and TSV. Terms are
pyoxigraph's (IRIs, blank nodes, literals with language, direction or
datatype, and RDF 1.2 triple terms), written as Oxigraph writes them. The
writers are tuned for speed (one comprehension per document, no work for text
that needs no escaping): they run on every public answer.

>>> from pyoxigraph import Literal, NamedNode
>>> rows = [{"s": NamedNode("http://example.org/a"), "label": Literal("Å", language="sv")}]
>>> print(write_select(["s", "label"], rows, TSV).body.decode(), end="")
?s	?label
<http://example.org/a>	"Å"@sv
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from json.encoder import encode_basestring as _json_string

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolution, QuerySolutions, Triple

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
MEDIA_TYPES = (JSON, XML, CSV, TSV)

_XSD_STRING = NamedNode("http://www.w3.org/2001/XMLSchema#string")

Row = QuerySolution | Mapping[str, object]


@dataclass(frozen=True)
class Written:
    """A serialised SELECT result: the document, the rows it holds, and whether rows were left out."""
    body: bytes
    rows: int
    capped: bool


def write_select(variables: Sequence[str], rows: Iterable[Row], media_type: str,
                 *, max_rows: int | None = None) -> Written:
    """The rows as one complete document, stopping after `max_rows` (then `capped` says more existed).

    A row is a pyoxigraph QuerySolution or a dict from variable name to term;
    an unbound variable is None or absent.
    """
    write = _WRITERS[_known(media_type)]
    variables = list(variables)
    # A QuerySolution iterates over its terms in the result's variable order, None when unbound:
    # when those are the variables asked for, that is the fast way in.
    whole = isinstance(rows, QuerySolutions) and [v.value for v in rows.variables] == variables
    rows = iter(rows)
    taken = rows if max_rows is None else islice(rows, max_rows)
    if whole:
        terms = taken
    else:
        terms = ([r[v] for v in variables] if type(r) is QuerySolution else [r.get(v) for v in variables]
                 for r in taken)
    text, count = write(variables, terms)
    capped = max_rows is not None and next(rows, None) is not None
    return Written(text.encode("utf-8"), count, capped)


def write_boolean(value: bool, media_type: str) -> bytes:
    """An ASK answer. CSV and TSV have no standard form for it; like Oxigraph, they say `true` or `false`."""
    word = "true" if value else "false"
    media_type = _known(media_type)
    if media_type == JSON:
        return f'{{"head":{{}},"boolean":{word}}}'.encode()
    if media_type == XML:
        return f'<?xml version="1.0"?>\n<sparql xmlns="{_SRX}"><head/><boolean>{word}</boolean></sparql>\n'.encode()
    return word.encode()


def _known(media_type: str) -> str:
    if media_type not in MEDIA_TYPES:
        raise ValueError(f"not a SPARQL results media type: {media_type!r} (expected one of {', '.join(MEDIA_TYPES)})")
    return media_type


def _not_a_term(term):
    raise TypeError(f"not an RDF term: {term!r}")


# -- JSON --------------------------------------------------------------------
def _json_term(term) -> str:
    kind = type(term)
    if kind is NamedNode:
        return '{"type":"uri","value":' + _json_string(term.value) + "}"
    if kind is Literal:
        value = '{"type":"literal","value":' + _json_string(term.value)
        if term.language:
            value += ',"xml:lang":' + _json_string(term.language)
            if term.direction is not None:
                value += f',"its:dir":"{term.direction}"'
        elif term.datatype != _XSD_STRING:
            value += ',"datatype":' + _json_string(term.datatype.value)
        return value + "}"
    if kind is BlankNode:
        return '{"type":"bnode","value":' + _json_string(term.value) + "}"
    if kind is Triple:
        return (f'{{"type":"triple","value":{{"subject":{_json_term(term.subject)},'
                f'"predicate":{_json_term(term.predicate)},"object":{_json_term(term.object)}}}}}')
    _not_a_term(term)


def _write_json(variables, rows):
    keys = [_json_string(v) + ":" for v in variables]
    body = ["{" + ",".join([k + _json_term(t) for k, t in zip(keys, terms) if t is not None]) + "}"
            for terms in rows]
    head = '{"head":{"vars":[' + ",".join(map(_json_string, variables)) + ']},"results":{"bindings":[\n'
    return head + ",\n".join(body) + "\n]}}\n", len(body)


# -- XML ---------------------------------------------------------------------
_SRX = "http://www.w3.org/2005/sparql-results#"
_ITS = "http://www.w3.org/2005/11/its"
_XML_SPECIAL = re.compile("[&<>\"\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# XML 1.0 cannot carry these characters at all, not even as references; they become U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;"})


def _xml(text: str) -> str:
    if _XML_SPECIAL.search(text) is None:
        return text
    return _NOT_XML.sub("\ufffd", text).translate(_XML_ESCAPES)


def _xml_term(term) -> str:
    kind = type(term)
    if kind is NamedNode:
        return "<uri>" + _xml(term.value) + "</uri>"
    if kind is Literal:
        if term.language:
            attributes = f' xml:lang="{_xml(term.language)}"'
            if term.direction is not None:
                attributes += f' its:dir="{term.direction}"'
        elif term.datatype != _XSD_STRING:
            attributes = f' datatype="{_xml(term.datatype.value)}"'
        else:
            attributes = ""
        return f"<literal{attributes}>{_xml(term.value)}</literal>"
    if kind is BlankNode:
        return "<bnode>" + _xml(term.value) + "</bnode>"
    if kind is Triple:
        return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
                f"</predicate><object>{_xml_term(term.object)}</object></triple>")
    _not_a_term(term)


def _write_xml(variables, rows):
    opens = [f'<binding name="{_xml(v)}">' for v in variables]
    body = ["<result>" + "".join([o + _xml_term(t) + "</binding>" for o, t in zip(opens, terms) if t is not None])
            + "</result>\n" for terms in rows]
    names = "".join(f'<variable name="{_xml(v)}"/>' for v in variables)
    head = f'<?xml version="1.0"?>\n<sparql xmlns="{_SRX}" xmlns:its="{_ITS}"><head>{names}</head><results>\n'
    return head + "".join(body) + "</results></sparql>\n", len(body)


# -- CSV (RFC 4180: lexical forms only, CRLF line ends) ----------------------
_CSV_SPECIAL = re.compile('[",\r\n]')


def _csv_text(term) -> str:
    kind = type(term)
    if kind is NamedNode or kind is Literal:
        return term.value
    if term is None:
        return ""
    if kind is BlankNode:
        return "_:" + term.value
    if kind is Triple:
        return f"{_csv_text(term.subject)} {_csv_text(term.predicate)} {_csv_text(term.object)}"
    _not_a_term(term)


def _csv_field(text: str) -> str:
    if _CSV_SPECIAL.search(text) is None:
        return text
    return '"' + text.replace('"', '""') + '"'


def _write_csv(variables, rows):
    body = [",".join([_csv_field(_csv_text(t)) for t in terms]) + "\r\n" for terms in rows]
    return ",".join(map(_csv_field, variables)) + "\r\n" + "".join(body), len(body)


# -- TSV (terms in SPARQL syntax, LF line ends) ------------------------------
def _tsv_term(term) -> str:
    kind = type(term)
    if kind is NamedNode or kind is Literal or kind is BlankNode:
        # Oxigraph writes N-Triples, which escapes tabs and line breaks inside literals.
        return str(term)
    if term is None:
        return ""
    if kind is Triple:
        return f"<<( {_tsv_term(term.subject)} {_tsv_term(term.predicate)} {_tsv_term(term.object)} )>>"
    _not_a_term(term)


def _write_tsv(variables, rows):
    body = ["\t".join([_tsv_term(t) for t in terms]) + "\n" for terms in rows]
    return "\t".join("?" + v for v in variables) + "\n" + "".join(body), len(body)


_WRITERS = {JSON: _write_json, XML: _write_xml, CSV: _write_csv, TSV: _write_tsv}
