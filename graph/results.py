"""Query results for people (a table) and for programs (standard SPARQL result formats)."""

from __future__ import annotations

import pyoxigraph as ox

from .store import Store

_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "json": ox.QueryResultsFormat.JSON}


def _cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value + (f"@{term.language}" if term.language else "")
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


def table(variables: list[str], rows: list[list[str]]) -> str:
    """A plain-text table, columns as wide as their widest cell (capped at 60)."""
    widths = [min(60, max([len(v)] + [len(r[i]) for r in rows])) for i, v in enumerate(variables)]
    line = lambda cells: "  ".join(c[:w].ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    out = [line(variables), line(["-" * w for w in widths])] + [line(r) for r in rows]
    return "\n".join(out) + f"\n({len(rows)} rows)\n"


def run_query(store: Store, sparql: str, fmt: str) -> str:
    """Run `sparql` on the store and render it as table, csv or json (CONSTRUCT/DESCRIBE: Turtle)."""
    result = store.run(sparql)
    if isinstance(result, ox.QueryBoolean):
        return result.serialize(format=ox.QueryResultsFormat.JSON).decode() + "\n" if fmt == "json" \
            else ("true\n" if bool(result) else "false\n")
    if isinstance(result, ox.QuerySolutions):
        if fmt in _FORMATS:
            return result.serialize(format=_FORMATS[fmt]).decode()
        variables = [v.value for v in result.variables]
        return table(variables, [[_cell(s[v]) for v in variables] for s in result])
    return ox.serialize(list(result), format=ox.RdfFormat.TURTLE).decode()
