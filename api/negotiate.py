"""Content negotiation: pick a response format from the Accept header or a `format` parameter."""

from __future__ import annotations

from dataclasses import dataclass

from .problems import Problem


@dataclass(frozen=True)
class Format:
    name: str        # short name usable as ?format=
    media_type: str
    aliases: tuple[str, ...] = ()


SPARQL_RESULTS = (
    Format("json", "application/sparql-results+json", ("application/json",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values"),
)

RDF = (
    Format("ttl", "text/turtle", ("application/x-turtle",)),
    Format("nt", "application/n-triples", ("text/plain",)),
    Format("jsonld", "application/ld+json", ("application/json",)),
    Format("rdf", "application/rdf+xml", ("application/xml", "text/xml")),
)

HTML = Format("html", "text/html", ("application/xhtml+xml",))


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges with their q values, best first (stable for equal q).

    >>> parse_accept("text/html;q=0.9, text/turtle, */*;q=0.1")
    [('text/turtle', 1.0), ('text/html', 0.9), ('*/*', 0.1)]
    """
    ranges = []
    for i, part in enumerate((header or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q, i))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(m, q) for m, q, _ in ranges if q > 0]


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
        for f in offered:
            if format_param.lower() in (f.name, f.media_type, *f.aliases):
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


def wants_html(accept: str | None) -> bool:
    """True when a browser asks: text/html ranks above every machine format it accepts."""
    ranges = parse_accept(accept)
    return bool(ranges) and ranges[0][0] in ("text/html", "application/xhtml+xml")
