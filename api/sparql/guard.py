"""Decide whether a public SPARQL request may run: read-only queries, no SERVICE.

Oxigraph executes `SERVICE <address>` against any address, loopback
included, and cannot be told not to; a public endpoint that passed such a
query through would let anyone make the server call its own network. So
every query that could hold a SERVICE clause (screen.py decides
which) is parsed here with a real SPARQL parser (rdflib's) and its whole parse
tree is searched, at any nesting, before anything runs. Nothing is executed
here. A query the parser cannot read is refused too: whatever this guard
cannot see into does not run. The same parse tells the query's own dataset
(FROM, FROM NAMED), which the evaluator must then honour.

The parser is slow on long expressions (seconds for a few thousand terms) and
holds the GIL, so the public endpoint runs this check inside a query worker
process, within a time budget (pool.py), never in the server.

>>> check_query("SELECT * WHERE { ?s ?p ?o }").form
'SELECT'
>>> check_query("DROP ALL")
Traceback (most recent call last):
...
gcmkg.api.sparql.guard.QueryRefused: the public endpoint is read-only: DROP is an update operation
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from .screen import MAX_NESTING, nesting

FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
         "DescribeQuery": "DESCRIBE"}

_UPDATES = {"InsertData": "INSERT DATA", "DeleteData": "DELETE DATA", "DeleteWhere": "DELETE WHERE",
            "Modify": "DELETE/INSERT", "Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP",
            "Create": "CREATE", "Add": "ADD", "Move": "MOVE", "Copy": "COPY"}

# Only to word the refusal of an update the update parser could not read either.
_UPDATE_START = re.compile(
    r"^\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)

_CACHED_TEXT_LIMIT = 16_384  # longer texts are checked every time, so the cache stays small

# pyparsing is not thread-safe (rdflib issue #1282), and a garbled parse tree could hide a
# SERVICE clause: one parse at a time. The endpoint answers from threads.
_PARSING = threading.Lock()
_PARSE_STACK_BYTES = 256 * 2**20   # address space only; pages are touched as the parse goes deeper


@dataclass(frozen=True)
class CheckedQuery:
    """A query the guard let through: its form (SELECT, ASK, CONSTRUCT, DESCRIBE), its text, and its
    own dataset (the IRIs of its FROM and FROM NAMED clauses, prefixed names expanded; relative IRIs
    are left for the evaluator to resolve against the endpoint's base)."""
    form: str
    text: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @property
    def has_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


class QueryRefused(Exception):
    """The query may not run: `kind` is "malformed" or "forbidden"; `position` is (line, column) or None."""

    def __init__(self, kind: str, detail: str, position: tuple[int, int] | None = None):
        super().__init__(detail)
        self.kind, self.detail, self.position = kind, detail, position


def check_query(text: str) -> CheckedQuery:
    """The checked query, or QueryRefused saying what was refused and why."""
    if not isinstance(text, str):
        raise QueryRefused("malformed", "the query must be text")
    verdict = _cached_verdict(text) if len(text) <= _CACHED_TEXT_LIMIT else _verdict(text)
    if isinstance(verdict, QueryRefused):
        # A fresh exception each time: a cached one would carry the traceback of its first raise.
        raise QueryRefused(verdict.kind, verdict.detail, verdict.position)
    return verdict


def _verdict(text: str) -> CheckedQuery | QueryRefused:
    if nesting(text) > MAX_NESTING:
        return QueryRefused("malformed", f"the query nests brackets more than {MAX_NESTING} levels deep")
    try:
        with _PARSING:
            tree = _parse_on_a_deep_stack(text)
    except ParseBaseException as error:
        return _update_refusal(text) or QueryRefused(
            "malformed", f"the query could not be parsed: {error.msg} at line {error.lineno}, "
                         f"column {error.col}", (error.lineno, error.col))
    except RecursionError:
        return QueryRefused("malformed", "the query is nested too deeply to be checked")
    except Exception as error:  # noqa: BLE001 - anything the parser trips on is refused, never passed
        return QueryRefused("malformed", f"the query could not be parsed: {error}")

    body = tree[-1] if len(tree) == 2 else None
    form = FORMS.get(body.name) if isinstance(body, CompValue) else None
    if form is None:
        return QueryRefused("malformed", "the query has a structure the endpoint does not recognise")
    try:
        service = _find(tree, "ServiceGraphPattern")
    except RecursionError:  # pragma: no cover - the walk is iterative; kept as a last line
        return QueryRefused("malformed", "the query is nested too deeply to be checked")
    if service is not None:
        where = dict.get(service, "term")
        return QueryRefused("forbidden", "SERVICE is not allowed on the public endpoint "
                                         f"(this query calls SERVICE {_show(where)})")
    prefixes = {dict.get(d, "prefix") or "": str(dict.get(d, "iri")) for d in tree[0]
                if isinstance(d, CompValue) and d.name == "PrefixDecl"}
    undeclared = sorted({(dict.get(p, "prefix") or "") for p in _find_all(tree, "pname")} - prefixes.keys())
    if undeclared:
        names = ", ".join(f"'{p}:'" for p in undeclared)
        return QueryRefused("malformed", f"the prefix {names} is not declared (add PREFIX {undeclared[0]}: <...> "
                                         "before the query)" if len(undeclared) == 1 else
                            f"the prefixes {names} are not declared (add a PREFIX line for each)")
    default, named = [], []
    for clause in dict.get(body, "datasetClause") or ():
        for key, graphs in (("default", default), ("named", named)):
            term = dict.get(clause, key)
            if term is not None:
                graphs.append(_expand(term, prefixes))
    return CheckedQuery(form, text, tuple(default), tuple(named))


def _expand(term, prefixes: dict[str, str]) -> str:
    if isinstance(term, CompValue) and term.name == "pname":
        return prefixes[dict.get(term, "prefix") or ""] + (dict.get(term, "localname") or "")
    return str(term)


_cached_verdict = lru_cache(maxsize=1024)(_verdict)


def _parse_on_a_deep_stack(text: str):
    """parseQuery in a thread with a large stack: pyparsing recurses per nesting level, and queries
    that tools generate nest deeper than a default stack allows. How deep it may go is the process's
    recursion limit (raised in the query workers, where the guard runs for the public endpoint)."""
    outcome: dict = {}

    def parse() -> None:
        try:
            outcome["tree"] = parseQuery(text)
        except BaseException as error:  # noqa: BLE001 - handed to the caller as it is
            outcome["error"] = error

    previous = threading.stack_size(_PARSE_STACK_BYTES)
    try:
        thread = threading.Thread(target=parse, name="gcmkg-guard-parse")
        thread.start()
    except RuntimeError:   # no room for such a stack (a worker's memory cap): parse here, less deep
        parse()
    else:
        thread.join()
    finally:
        threading.stack_size(previous)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["tree"]


def _update_refusal(text: str) -> QueryRefused | None:
    """A read-only refusal if the text is (or plainly starts like) a SPARQL Update."""
    try:
        with _PARSING:
            request = parseUpdate(text).request
        operations = [_UPDATES.get(op.name, op.name) for op in request]
    except Exception:  # noqa: BLE001 - not a readable update either
        match = _UPDATE_START.match(text)
        operations = [match.group(1).upper()] if match else []
    if not operations:
        return None
    names = ", ".join(dict.fromkeys(operations))
    verb = "is an update operation" if len(operations) == 1 else "are update operations"
    return QueryRefused("forbidden", f"the public endpoint is read-only: {names} {verb}")


def _find(tree, name: str) -> CompValue | None:
    """The first parse-tree node called `name`, searching every branch (no recursion: deep trees are fine)."""
    return next(_find_all(tree, name), None)


def _find_all(tree, name: str):
    """Every parse-tree node called `name`."""
    stack, seen = [tree], set()
    while stack:
        node = stack.pop()
        if isinstance(node, str) or id(node) in seen:  # rdflib terms are str too
            continue
        seen.add(id(node))
        if isinstance(node, CompValue):
            if node.name == name:
                yield node
                continue
            stack.extend(dict.values(node))
        elif isinstance(node, ParseResults):
            stack.extend(node)
            stack.extend(node.values())  # named results, in case one is not also a list item
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())


def _show(term) -> str:
    if term is None:
        return "an endpoint"
    if isinstance(term, CompValue) and term.name == "pname":  # a prefixed name, as written
        return f"{dict.get(term, 'prefix') or ''}:{dict.get(term, 'localname') or ''}"
    return term.n3() if hasattr(term, "n3") else str(term)
