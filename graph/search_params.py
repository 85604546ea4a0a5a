"""A search's URL state: short facet values (`objective=20`, `country=MDA`) and the control parameters.

The JSON API and the pages read and write the same URLs through this
module. A facet value is written as the last segment of its IRI
(`objective=20`, `country=MDA`, `sdg_target=10.7`), or as its path under our
base when that segment is ambiguous (`type=norm-type/other`); a full IRI is
accepted too.
"""

from __future__ import annotations

from collections.abc import Mapping
from threading import Lock

from gcmkg.names import BASE, SDG

from .search import CONTROL_PARAMS, FILTER_DIMENSIONS, KIND_ALIASES, InvalidParameter, SearchRequest
from .search_facets import KIND_WITHIN, KINDS
from .search_index import SearchIndex

PAGE_SIZE = 20


def _segment(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


class ShortValues:
    """IRI <-> short URL value for each dimension, from the values the index knows."""

    def __init__(self, index: SearchIndex):
        self.index = index
        self._lock = Lock()
        self._short: dict[str, dict[str, str]] = {}
        self._iri: dict[str, dict[str, str]] = {}
        self._sizes: dict[str, int] = {}

    def _tables(self, dimension: str) -> tuple[dict[str, str], dict[str, str]]:
        size = len(self.index.facets.bitmaps[dimension])      # values are only ever added
        with self._lock:
            if self._sizes.get(dimension) != size:
                values = self.index.facet_values(dimension)
                segments: dict[str, int] = {}
                for iri in values:
                    segments[_segment(iri)] = segments.get(_segment(iri), 0) + 1
                short = {}
                for iri in values:
                    seg = _segment(iri)
                    if dimension == "kind":
                        short[iri] = KINDS.get(iri, seg)
                    elif segments[seg] == 1:
                        short[iri] = seg
                    elif iri.startswith(BASE):
                        short[iri] = iri[len(BASE):]
                    else:
                        short[iri] = iri
                self._short[dimension] = short
                self._iri[dimension] = {s: i for i, s in short.items()}
                self._sizes[dimension] = size
            return self._short[dimension], self._iri[dimension]

    def short(self, dimension: str, iri: str) -> str:
        return self._tables(dimension)[0].get(iri, iri)

    def iri(self, dimension: str, value: str) -> str:
        """The IRI of a short value; a full IRI passes; an unknown value is kept (it matches nothing)."""
        table = self._tables(dimension)[1]
        if value in table:
            return table[value]
        if dimension in ("sdg_goal", "sdg_target") and not value.startswith("http"):
            return SDG + value
        return value

    def known_iri(self, dimension: str, value: str) -> str:
        """The IRI of a value a reader typed, which must be a value the index knows.

        Raises InvalidParameter naming the parameter and the value otherwise: an unknown
        country or objective is a mistake to report, not an empty result.
        """
        iri = self.iri(dimension, value)
        if iri not in self._tables(dimension)[0]:
            raise InvalidParameter(dimension, f"unknown value {value!r}", value=value)
        return iri


def search_request(params: Mapping[str, list[str]], short: ShortValues, *, kind: str | None, lang: str,
                   page_size: int = PAGE_SIZE) -> SearchRequest:
    """The SearchRequest of a page's URL: short values turned into IRIs, the page's kind fixed.

    Raises InvalidParameter (naming the parameter) for a value that cannot be used.
    """
    converted: dict[str, list[str] | str] = {}
    for name, values in params.items():
        values = [v for v in values if v != ""]
        if not values or name == "lang":
            continue
        if name in FILTER_DIMENSIONS:
            if name == "kind" and kind is not None:
                # A page of one kind takes a narrower kind (/norms?kind=instrument); other kinds are its own.
                values = [v for v in values if KIND_WITHIN.get(v) == kind]
                if not values:
                    continue
            converted[name] = [short.known_iri(name, v) for v in values]
        elif name in CONTROL_PARAMS:
            converted[name] = values[-1]
        else:
            raise InvalidParameter(name, "unknown parameter")
    if kind is not None:
        converted.setdefault("kind", [kind])
    converted.setdefault("page_size", str(page_size))
    converted["lang"] = lang
    return SearchRequest.from_params(converted)


def url_params(request: SearchRequest, short: ShortValues, *, fixed_kind: str | None) -> list[tuple[str, str]]:
    """The URL parameters of a search, short values, in a stable order (for links and downloads)."""
    out: list[tuple[str, str]] = []
    if request.q:
        out.append(("q", request.q))
    for dimension in FILTER_DIMENSIONS:
        for iri in request.filters.get(dimension, ()):
            if dimension == "kind" and fixed_kind and iri == KIND_ALIASES[fixed_kind]:
                continue                    # the page's own kind is its path
            out.append((dimension, short.short(dimension, iri)))
    if request.year_from is not None:
        out.append(("year_from", str(request.year_from)))
    if request.year_to is not None:
        out.append(("year_to", str(request.year_to)))
    if request.sort != "relevance":
        out.append(("sort", request.sort))
    if request.at:
        out.append(("at", request.at))
    if request.wider:
        out.append(("wider", "yes"))
    return out
