"""A first look at a public query, in microseconds and without a parser: which path it takes.

The full guard (guard.py) parses with rdflib's pyparsing grammar,
which costs from milliseconds to tens of seconds on long expressions and
holds the GIL all that time; it runs in a killable worker process, within a
time budget, and only where it is needed. It is needed only where the text
could hold a SERVICE clause or a dataset clause (FROM / FROM NAMED): SPARQL
keywords cannot be escaped or split, so a text that does not contain the
letters "service" or "from" anywhere (strings, IRIs and comments included,
after expanding \\u escapes) holds neither, and Oxigraph's own parser in the
worker is all the checking it needs.

A lookup, DESCRIBE of a few constant IRIs and nothing else, is recognised by
a strict pattern: anything more (WHERE, FROM, HAVING, ORDER BY, GROUP BY,
VALUES, a variable) is not a lookup, since Oxigraph evaluates those clauses
even without a WHERE.

>>> screen("SELECT * WHERE { ?s ?p ?o }")
Screening(form='SELECT', needs_check=False, lookup=False)
>>> screen("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }").needs_check
True
>>> screen("DESCRIBE <https://w3id.org/gcmkg/id/practice/1>").lookup
True
>>> screen("DESCRIBE <http://a> HAVING (EXISTS { ?a ?b ?c })").lookup
False
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_LOOKUP_RESOURCES = 20
# Brackets ({, ( and [ together) a query may nest. Measured: Oxigraph parses 1,000 levels in 4 ms and
# crashes its process near 5,000; rdflib's parser (the guard) takes about 0.7 s at 320 levels.
MAX_NESTING = 500

_IRIREF = r"""<[^<>"{}|^`\\\x00-\x20]*>"""
_PNAME = r"(?:[A-Za-z][\w.-]*)?:[A-Za-z0-9_][\w-]*"   # a strict subset of SPARQL's prefixed names
_SKIP = r"(?:\s+|\#[^\n\r]*)"
_PROLOGUE = re.compile(rf"(?:{_SKIP}|BASE{_SKIP}*{_IRIREF}|PREFIX{_SKIP}+(?:[A-Za-z][\w.-]*)?:{_SKIP}*{_IRIREF})*",
                       re.IGNORECASE | re.ASCII)
_FORM = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w-])", re.IGNORECASE | re.ASCII)
_LOOKUP = re.compile(rf"DESCRIBE(?:{_SKIP}*{_IRIREF}|{_SKIP}+{_PNAME})+{_SKIP}*", re.IGNORECASE | re.ASCII)
_LOOKUP_TERM = re.compile(rf"{_IRIREF}|{_PNAME}", re.ASCII)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_NEEDS_PARSER = ("service", "from")
_BRACKET = re.compile(r"[{}()\[\]]")


@dataclass(frozen=True)
class Screening:
    """`form`: the query form its first keyword names (None if the prologue could not be read);
    `needs_check`: only the full parse may decide; `lookup`: DESCRIBE of constant IRIs alone."""
    form: str | None
    needs_check: bool
    lookup: bool


class TooDeep(ValueError):
    """The query nests brackets deeper than MAX_NESTING."""


def screen(text: str) -> Screening:
    """Which path the query takes. Refuses only what no parser may be given: nesting past MAX_NESTING
    (TooDeep); everything else is for the guard or Oxigraph to judge, in a worker."""
    if nesting(text) > MAX_NESTING:
        raise TooDeep(f"the query nests brackets more than {MAX_NESTING} levels deep")
    start = _PROLOGUE.match(text).end()
    found = _FORM.match(text, start)
    form = found.group(1).upper() if found else None
    lookup = form == "DESCRIBE" and _is_lookup(text, start)
    return Screening(form, needs_check=form is None or _may_hold_service_or_dataset(text), lookup=lookup)


def nesting(text: str) -> int:
    """The deepest nesting of brackets, counted on the raw text (brackets in strings count too:
    an overestimate, which only matters past MAX_NESTING).

    >>> nesting("SELECT * WHERE { { ?s ?p ?o FILTER(?o = (1)) } }")
    4
    """
    depth = deepest = 0
    for match in _BRACKET.finditer(text):
        if match.group() in "{([":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(0, depth - 1)
    return deepest


def _is_lookup(text: str, start: int) -> bool:
    match = _LOOKUP.fullmatch(text, start)
    if match is None:
        return False
    terms = _LOOKUP_TERM.findall(text, start + len("DESCRIBE"))
    return 0 < len(terms) <= MAX_LOOKUP_RESOURCES


def _may_hold_service_or_dataset(text: str) -> bool:
    expanded = _ESCAPE.sub(_unescape, text)
    folded = {text.lower(), expanded.lower(), expanded.casefold()}
    return any(word in variant for word in _NEEDS_PARSER for variant in folded)


def _unescape(match: re.Match) -> str:
    code = int(match.group(1) or match.group(2), 16)
    return chr(code) if code <= 0x10FFFF else ""
