"""Search and facets over the published entries: the one place a filter gets its meaning.

The JSON API and the web pages both answer searches through `SearchIndex`, a
derived index of the public store (SPARQL GROUP BY cannot serve a facet
panel: seconds per filter state at 100k entries, where this takes
milliseconds). The store stays the source of truth: the index is rebuilt
from it at start-up and told about every write.

    from gcmkg.graph.search_index import SearchIndex
    index = SearchIndex.build(kg.public)
    kg.on_change(index.apply_changes)
    result = index.search(SearchRequest(q="remesas", filters={"country": [BRA]}, sort="newest"))

This module holds what a caller passes and gets back (the request, its
validation, the result); `search_index` does the work.

Semantics, in one place:
- entries are the public practices and national norms;
- several values of one facet combine with OR, facets with each other and
  with the free text with AND;
- each facet's counts apply every filter except that facet's own
  (disjunctive), and list every known value, zeros included;
- a place counts under its sub-region and region, an SDG target under its
  goal; only an entry scoped to the World (region/001) counts under it;
- with `wider`, a country filter also finds the entries scoped to a region
  the country lies in (its sub-regions, region, the World), rolled up
  through M49;
- `at` (default today) is the day an instrument's parties, a norm's status
  (from its amenders) and a practice's status (from its dates) are taken on;
- free text matches an entry's own texts in every language or the labels,
  in every language, of the concepts and organisations it links to.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from .instrument_parties import day
from .search_facet_index import DIMENSIONS, FACETS, FacetValue
from .search_facets import KINDS

SORTS = ("relevance", "newest", "title", "scope")
MAX_PAGE_SIZE = 100
MAX_QUERY_LENGTH = 500
FILTER_DIMENSIONS = tuple(f.name for f in FACETS if f.filter)
# The parameters of a search that are not filters: the one list, for the API and the pages alike.
CONTROL_PARAMS = ("q", "sort", "page", "page_size", "year_from", "year_to", "lang", "facets", "at", "wider")
KIND_ALIASES = {name: iri for iri, name in KINDS.items()}        # "practice" -> gcm:Practice
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


class InvalidParameter(ValueError):
    """A search parameter that cannot be used; `parameter` names it (for a problem body), and
    `value` the value when the value itself is unknown (so a page can say so in the reader's language)."""

    def __init__(self, parameter: str, detail: str, value: str | None = None):
        self.parameter, self.value = parameter, value
        super().__init__(f"{parameter}: {detail}")


@dataclass(frozen=True)
class SearchRequest:
    """One search: free text, facet filters (dimension -> value IRIs), a year range, sort, page.

    >>> SearchRequest(sort="popular")
    Traceback (most recent call last):
    ...
    gcmkg.graph.search.InvalidParameter: sort: unknown sort 'popular'; use one of relevance, newest, title, scope
    """

    q: str = ""
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    year_from: int | None = None
    year_to: int | None = None
    sort: str = "relevance"
    lang: str = "en"
    page: int = 1
    page_size: int = 20
    facets: Sequence[str] = DIMENSIONS      # which facets to count (all by default)
    at: str | None = None                   # the day (YYYY-MM-DD or YYYY) parties and statuses are counted at; today
    wider: bool = False                     # a country filter also finds the regional and global entries covering it

    def __post_init__(self) -> None:
        if not isinstance(self.q, str) or len(self.q) > MAX_QUERY_LENGTH:
            raise InvalidParameter("q", f"must be text of at most {MAX_QUERY_LENGTH} characters")
        if self.sort not in SORTS:
            raise InvalidParameter("sort", f"unknown sort {self.sort!r}; use one of {', '.join(SORTS)}")
        if not isinstance(self.lang, str) or not _LANG.match(self.lang):
            raise InvalidParameter("lang", f"{self.lang!r} is not a language tag such as 'en' or 'es'")
        for name in ("year_from", "year_to"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 10000):
                raise InvalidParameter(name, f"{value!r} is not a year")
        if self.year_from is not None and self.year_to is not None and self.year_from > self.year_to:
            raise InvalidParameter("year_from", f"{self.year_from} is after year_to {self.year_to}")
        if not isinstance(self.page, int) or isinstance(self.page, bool) or self.page < 1:
            raise InvalidParameter("page", f"{self.page!r} is not a page number (1, 2, ...)")
        if (not isinstance(self.page_size, int) or isinstance(self.page_size, bool)
                or not 1 <= self.page_size <= MAX_PAGE_SIZE):
            raise InvalidParameter("page_size", f"{self.page_size!r} is not between 1 and {MAX_PAGE_SIZE}")
        if isinstance(self.facets, str) or any(d not in DIMENSIONS for d in self.facets):
            bad = self.facets if isinstance(self.facets, str) else next(d for d in self.facets if d not in DIMENSIONS)
            raise InvalidParameter("facets", f"unknown facet {bad!r} (facets: {', '.join(DIMENSIONS)})")
        object.__setattr__(self, "facets", tuple(dict.fromkeys(self.facets)))
        if self.at is not None:
            try:
                if not isinstance(self.at, str) or not self.at:
                    raise ValueError(f"{self.at!r} is not a date (YYYY-MM-DD or YYYY)")
                day(self.at)
            except ValueError as error:
                raise InvalidParameter("at", str(error), value=str(self.at)) from None
        filters: dict[str, tuple[str, ...]] = {}
        for dimension, values in dict(self.filters).items():
            if dimension not in FILTER_DIMENSIONS:
                hint = "; use year_from and year_to" if dimension == "year" else ""
                raise InvalidParameter(dimension, f"unknown facet{hint} (facets: {', '.join(FILTER_DIMENSIONS)})")
            if isinstance(values, str) or not all(isinstance(v, str) for v in values):
                raise InvalidParameter(dimension, "values must be a list of IRIs")
            if dimension == "kind":
                values = [KIND_ALIASES.get(v, v) for v in values]
            if values:
                filters[dimension] = tuple(dict.fromkeys(values))
        object.__setattr__(self, "filters", filters)

    @classmethod
    def from_params(cls, params: Mapping[str, str | Sequence[str]]) -> SearchRequest:
        """A request from URL query parameters (each a string or a list of strings), e.g. the API's.

        >>> SearchRequest.from_params({"objective": ["https://w3id.org/gcmkg/gcm/objective/7"], "page": "2"}).page
        2
        """
        def one(name: str) -> str | None:
            value = params.get(name)
            if value is None or isinstance(value, str):
                return value
            return value[-1] if value else None

        def number(name: str) -> int | None:
            text = one(name)
            if text in (None, ""):
                return None
            try:
                return int(text)
            except ValueError:
                raise InvalidParameter(name, f"{text!r} is not a whole number") from None

        unknown = [k for k in params if k not in CONTROL_PARAMS and k not in FILTER_DIMENSIONS]
        if unknown:
            raise InvalidParameter(unknown[0], "unknown parameter")
        filters = {d: [params[d]] if isinstance(params[d], str) else list(params[d])
                   for d in FILTER_DIMENSIONS if d in params}
        facets = params.get("facets")
        facets = DIMENSIONS if facets is None else [
            d for item in ([facets] if isinstance(facets, str) else facets) for d in item.split(",") if d]
        return cls(q=one("q") or "", filters=filters, year_from=number("year_from"), year_to=number("year_to"),
                   sort=one("sort") or "relevance", lang=one("lang") or "en",
                   page=number("page") or 1, page_size=number("page_size") or 20, facets=facets,
                   at=one("at") or None, wider=(one("wider") or "").lower() in ("yes", "true", "1"))

    @property
    def on_day(self) -> str:
        """The day the search counts at: `at`, or today."""
        return day(self.at)


class ResultRow(NamedTuple):
    """What a result list shows; the caller fetches the full entry from the store.

    A NamedTuple, as FacetValue: every search builds a page of them, and a frozen dataclass took ~3 us
    each to build (a twentieth of a filtered search at 10k entries).
    """

    iri: str
    kind: str                      # "practice" or "norm"
    title: str
    title_lang: str
    year: int | None
    countries: tuple[str, ...]
    regions: tuple[str, ...]       # regions the entry is scoped to as such (region/001 = global)
    objectives: tuple[str, ...]
    score: float | None = None     # relevance, when there is free text


@dataclass(frozen=True)
class SearchResult:
    """One page of results, the number of all results, and every facet's counts."""

    total: int
    page: int
    page_size: int
    rows: list[ResultRow]
    facets: dict[str, list[FacetValue]]
    year_range: tuple[int, int] | None    # years present under every filter but the year range


__all__ = ["DIMENSIONS", "FILTER_DIMENSIONS", "FacetValue", "InvalidParameter", "MAX_PAGE_SIZE", "ResultRow",
           "SORTS", "SearchRequest", "SearchResult"]
