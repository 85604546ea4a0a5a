"""Reading RDF files from outside: format by extension, size cap, no XML entities, bounded nesting.

Everything gcmkg parses from outside comes through here, so the guards hold
for the command line and, later, for uploads alike.
"""

from __future__ import annotations

import itertools
import re
import xml.parsers.expat
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

# RDF/XML with a DTD can declare nested entities: under 1 KB of it stalls
# rdflib for minutes and can abort a pyoxigraph process. No RDF we accept
# needs a DTD, so any DOCTYPE or ENTITY declaration is refused outright.
_XML_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)

# Deep nesting costs the parsers far more than its size: pyoxigraph took 2.3 s for RDF/XML
# nested 8,000 elements deep (0.5 MB), 20 s at 16,000; JSON-LD took 1.3 s at 1,000 levels
# (7 KB) and crashed the process at 10,000 (a stack overflow). Real data nests a few levels
# (gcmkg's own exports: under 10), so input nested deeper than this is refused before parsing.
# JSON-LD's cost grows with the square of each object's depth, hence its lower limit.
MAX_XML_DEPTH = 64
MAX_JSON_DEPTH = 32

FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES, ".ntriples": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS, ".nquads": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML, ".xml": ox.RdfFormat.RDF_XML,
}

DEFAULT_MAX_BYTES = 512 * 1024 * 1024
# Files of line-based formats larger than this are not parsed into memory: the load stages
# them on disk and validates and writes them in chunks of entries (graph/streamed_load.py).
# Held in memory, a file takes about 16 times its size (a 189 MB file: 3 GiB).
STREAM_ABOVE = 16 * 1024 * 1024
STREAMABLE = (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS)


class RdfInputError(ValueError):
    """Input that cannot be read as RDF; the message names the source and where in it."""


@dataclass(frozen=True)
class ParsedFile:
    source: str
    quads: list[ox.Quad]
    data: bytes = b""              # the checked bytes, so a validator can bulk-load them again in Rust
    format: ox.RdfFormat | None = None
    base_iri: str | None = None


@dataclass(frozen=True)
class LargeFile:
    """A file too big to parse into memory: read by the load itself, from disk, in chunks."""

    source: str
    path: Path
    format: ox.RdfFormat
    base_iri: str


def format_for(path: str | Path) -> ox.RdfFormat:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise RdfInputError(f"{path}: unknown RDF file type '{suffix or '(none)'}' (known: {known})")
    return FORMATS[suffix]


def parse_bytes(data: bytes, fmt: ox.RdfFormat, source: str, *,
                max_bytes: int = DEFAULT_MAX_BYTES, base_iri: str | None = None) -> ParsedFile:
    """Parse untrusted bytes; errors say `source:line:column: what`."""
    if len(data) > max_bytes:
        raise RdfInputError(f"{source}: {len(data):,} bytes is over the limit of {max_bytes:,}")
    if fmt == ox.RdfFormat.RDF_XML and _XML_DTD.search(data):
        line = data[: _XML_DTD.search(data).start()].count(b"\n") + 1
        raise RdfInputError(f"{source}:{line}: RDF/XML with a DOCTYPE or ENTITY declaration is refused "
                            "(entity expansion can exhaust the parser)")
    if fmt == ox.RdfFormat.RDF_XML:
        _refuse_deep_xml(data, source)
    elif fmt == ox.RdfFormat.JSON_LD:
        _refuse_deep_json(data, source)
    try:
        quads = list(ox.parse(data, format=fmt, base_iri=base_iri))
    except SyntaxError as error:
        raise syntax_error(error, source) from None
    return ParsedFile(source, quads, data, fmt, base_iri)


def syntax_error(error: SyntaxError, source: str) -> RdfInputError:
    """A parser's SyntaxError as `source:line:column: what`."""
    where = f"{source}:{error.lineno}:{error.offset}" if error.lineno else source
    detail = re.sub(r"\s*\([^()]*, line \d+\)$|\s*\(line \d+\)$", "", str(error))
    detail = re.sub(r"^Parser error at line \d+ column \d+: ", "", detail)   # reading from a file says it twice
    return RdfInputError(f"{where}: {detail}")


class _TooDeep(Exception):
    pass


def _refuse_deep_xml(data: bytes, source: str, limit: int = MAX_XML_DEPTH) -> None:
    """Refuse RDF/XML whose elements nest deeper than `limit`, naming the line (expat: streaming, in C)."""
    parser = xml.parsers.expat.ParserCreate()
    depth = 0

    def start(_name, _attributes):
        nonlocal depth
        depth += 1
        if depth > limit:
            raise _TooDeep(parser.CurrentLineNumber)

    def end(_name):
        nonlocal depth
        depth -= 1

    parser.StartElementHandler, parser.EndElementHandler = start, end
    try:
        parser.Parse(data, True)
    except _TooDeep as deep:
        raise RdfInputError(f"{source}:{deep.args[0]}: RDF/XML elements nested more than {limit} deep are "
                            "refused (deep nesting can stall the parser)") from None
    except xml.parsers.expat.ExpatError:
        pass  # not well-formed: the RDF parser reports it, with its position


_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_JSON_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_DEPTH_STEP = {ord("{"): 1, ord("["): 1, ord("}"): -1, ord("]"): -1}


def _refuse_deep_json(data: bytes, source: str, limit: int = MAX_JSON_DEPTH) -> None:
    """Refuse JSON(-LD) whose objects and arrays nest deeper than `limit`, naming the line."""
    brackets = _JSON_STRING.sub(b'""', data).translate(None, _NOT_BRACKETS)
    if max(itertools.accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0) <= limit:
        return
    depth = 0   # rare: walk again to say where
    for token in _JSON_TOKEN.finditer(data):
        depth += _DEPTH_STEP.get(token.group()[0], 0)   # 0 for a string
        if depth > limit:
            line = data.count(b"\n", 0, token.start()) + 1
            raise RdfInputError(f"{source}:{line}: JSON-LD nested more than {limit} objects or arrays deep is "
                                "refused (deep nesting can crash the parser)")


def parse_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
               stream_above: int | None = None) -> ParsedFile | LargeFile:
    """Read one RDF file, its format chosen by its extension.

    With `stream_above`, a Turtle, TriG, N-Triples or N-Quads file larger than that many bytes
    is not read here: a LargeFile says where it is, for a load that streams it.
    """
    path = Path(path)
    fmt = format_for(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise RdfInputError(f"{path}: {size:,} bytes is over the limit of {max_bytes:,}")
        if stream_above is not None and size > stream_above and fmt in STREAMABLE:
            return LargeFile(str(path), path, fmt, path.resolve().as_uri())
        data = path.read_bytes()
    except OSError as error:
        raise RdfInputError(f"{path}: cannot read: {error.strerror or error}") from None
    return parse_bytes(data, fmt, str(path), max_bytes=max_bytes, base_iri=path.resolve().as_uri())
