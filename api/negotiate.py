"""Content negotiation: pick a response format from the Accept header or a `format` parameter."""

from __future__ import annotations

from dataclasses import dataclass

from gcmkg.accept import parse_accept

from .problems import Problem


@dataclass(frozen=True)
class Format:
    name: str        # short name usable as ?format=
    media_type: str
    aliases: tuple[str, ...] = ()


# Aliases: the names other SPARQL servers and clients use in format= / output= / results=
# (SPARQLWrapper sends "turtle", "n3", "json-ld", "rdf+xml"...), then media types a client may send.
SPARQL_RESULTS = (
    Format("json", "application/sparql-results+json", ("srj", "sparql-results+json", "application/json")),
    Format("xml", "application/sparql-results+xml", ("srx", "sparql-results+xml", "application/xml",
                                                     "text/xml")),
    Format("csv", "text/csv", ("text/comma-separated-values",)),
    Format("tsv", "text/tab-separated-values", ("tab-separated-values",)),
)

RDF = (
    Format("ttl", "text/turtle", ("turtle", "n3", "text/n3", "text/rdf+n3", "application/x-turtle")),
    Format("nt", "application/n-triples", ("n-triples", "ntriples", "nt11", "text/plain")),
    Format("jsonld", "application/ld+json", ("json-ld", "json", "application/json")),
    Format("rdf", "application/rdf+xml", ("rdf+xml", "rdfxml", "xml", "application/xml", "text/xml")),
)

HTML = Format("html", "text/html", ("application/xhtml+xml",))


def choose(accept: str | None, offered: tuple[Format, ...], format_param: str | None = None) -> Format:
    """The best offered format; `format_param` (a short name or media type) wins over Accept.

    >>> choose("text/csv", SPARQL_RESULTS).name
    'csv'
    >>> choose("*/*", SPARQL_RESULTS).name
    'json'
    >>> choose(None, RDF, "jsonld").media_type
    'application/ld+json'
    """
    if format_param:
        wanted = format_param.split(";")[0].strip().lower()
        for f in offered:
            if wanted in (f.name, f.media_type, *f.aliases):
                return f
        names = ", ".join(f.name for f in offered)
        raise Problem("not-acceptable", 406, f"format '{format_param}' is not offered here (offered: {names})")
    for media, _q in parse_accept(accept):
        for f in offered:
            if media in (f.media_type, *f.aliases):
                return f
        if media in ("*/*", "application/*", "text/*"):
            family = media.split("/")[0]
            for f in offered:
                if family == "*" or f.media_type.startswith(family + "/"):
                    return f
    names = ", ".join(f.media_type for f in offered)
    raise Problem("not-acceptable", 406, f"none of the accepted types is offered (offered: {names})")


def offer(accept: str | None, offered: tuple[Format, ...], format_param: str | None = None
          ) -> tuple[str | None, str | None]:
    """`choose` without raising: (media type, None), or (None, why nothing offered is acceptable).

    >>> offer(None, SPARQL_RESULTS, "turtle")[0] is None
    True
    >>> offer(None, RDF, "turtle")
    ('text/turtle', None)
    """
    try:
        return choose(accept, offered, format_param).media_type, None
    except Problem as problem:
        return None, problem.detail


def wants_html(accept: str | None) -> bool:
    """True when a browser asks: text/html ranks above every machine format it accepts."""
    ranges = parse_accept(accept)
    return bool(ranges) and ranges[0][0] in ("text/html", "application/xhtml+xml")
