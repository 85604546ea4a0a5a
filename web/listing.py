"""Entries and counts for a concept's page, asked of the search index like the search pages ask it.

An objective, SDG, country or region page shows a few entries and counts
for a filter; the link under them opens the faceted search with that very
filter, so the numbers on both pages are the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from gcmkg.graph.search import SearchRequest, SearchResult

from .render import reader
from .search_pages import Page


@dataclass
class Listing:
    result: SearchResult
    rows: list[dict]
    search_href: str              # the faceted search with the same filter

    @property
    def total(self) -> int:
        return self.result.total

    def counts(self, dimension: str) -> dict[str, int]:
        return {fv.value: fv.count for fv in self.result.facets.get(dimension, [])}


def listing(request: Request, filters: dict[str, list[str]], *, size: int = 8, sort: str = "newest",
            kind: str | None = None, facets: tuple[str, ...] = ("kind", "country")) -> Listing:
    """The first `size` entries under `filters` (newest first), the counts of `facets`, and the search URL."""
    if kind:
        filters = {**filters, "kind": [kind]}
    sreq = SearchRequest(filters=filters, sort=sort, lang=reader(request).lang, page_size=size, facets=facets)
    result = request.app.state.search.search(sreq)
    page = Page(request, None, sreq, result)
    target = {"practice": "/practices", "norm": "/norms"}.get(kind or "", "/search")
    params = [(k, v) for k, v in page.params if not (kind and k == "kind") and k != "sort"]
    return Listing(result, page.rows(), page.url(params, target))


def count(request: Request, filters: dict[str, list[str]], facets: tuple[str, ...]) -> dict[str, dict[str, int]]:
    """Counts only: for each of `facets`, value -> entries under `filters` (the value's own facet aside)."""
    sreq = SearchRequest(filters=filters, lang=reader(request).lang, page_size=1, facets=facets)
    result = request.app.state.search.search(sreq)
    return {d: {fv.value: fv.count for fv in result.facets.get(d, [])} for d in facets}
