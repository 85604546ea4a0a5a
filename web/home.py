"""The home page: a search box, the 23 objectives with their counts, totals, the latest approved
entries and a world map of entries per country (with the same numbers as a table)."""

from __future__ import annotations

from threading import Lock

from fastapi import Request
from fastapi.responses import HTMLResponse

from pyoxigraph import Literal, NamedNode

from gcmkg.graph import page_queries as queries
from gcmkg.graph.queries import PROLOGUE
from gcmkg.names import XSD
from gcmkg.graph.search import SearchRequest
from gcmkg.graph.store import Store

from . import world_map
from .i18n import translator
from .render import reader, render
from .search_pages import Page

# ORDER BY over every entry takes seconds at 100k; the latest date is one aggregate away, and the
# entries approved on it are an index look-up.
LATEST_DATE = PROLOGUE + "SELECT (MAX(?when) AS ?latest) WHERE { ?e gcm:reviewedOn ?when FILTER(?when < $before) }"
APPROVED_ON = PROLOGUE + """
SELECT ?e WHERE {
  ?e gcm:reviewedOn $when ; a ?kind FILTER(?kind IN (gcm:Practice, gcm:NationalNorm))
} LIMIT 6
"""
LATEST_COUNT = 6


class LatestApproved:
    """The latest approved entries, asked of the store once and again after each write."""

    def __init__(self, store: Store):
        self.store = store
        self._iris: list[str] | None = None
        self._lock = Lock()

    def invalidate(self, _changed=None) -> None:
        self._iris = None

    def iris(self) -> list[str]:
        with self._lock:
            if self._iris is None:
                self._iris = self._read()
            return self._iris

    def _read(self) -> list[str]:
        found: list[str] = []
        before = Literal("9999-12-31T23:59:59Z", datatype=NamedNode(XSD + "dateTime"))
        while len(found) < LATEST_COUNT:
            rows = self.store.select(LATEST_DATE, {"before": before})
            if not rows or "latest" not in rows[0]:
                break
            before = rows[0]["latest"]
            found.extend(r["e"].value for r in self.store.select(APPROVED_ON, {"when": before}))
        return found[:LATEST_COUNT]


def home_page(request: Request) -> HTMLResponse:
    lang = reader(request).lang
    _ = translator(lang)
    state = request.app.state
    labels, short, areas = state.concept_labels, state.short_values, state.areas
    sreq = SearchRequest(lang=lang, page_size=1, facets=("kind", "objective", "country", "region", "organisation"))
    result = state.search.search(sreq)
    facets = {d: {fv.value: fv.count for fv in values} for d, values in result.facets.items()}
    kinds = facets["kind"]
    objectives = [{"iri": o, "label": labels.get(o, lang), "count": n,
                   "href": f"/search?objective={short.short('objective', o)}"} for o, n in facets["objective"].items()]
    most = max((o["count"] for o in objectives), default=0)
    by_numeric = {a.numeric: a for a in areas.values() if a.is_country and a.numeric}
    countries = facets["country"]
    shapes = []
    for shape in world_map.shapes():
        area = by_numeric.get(shape.numeric)
        if area is None:
            continue
        n = countries.get(area.iri, 0)
        shapes.append({"d": shape.d, "level": world_map.bucket(n), "count": n, "iri": area.iri,
                       "label": labels.label(area.iri, lang)})
    table = sorted(((labels.label(c, lang), c, n) for c, n in countries.items() if n), key=lambda t: (-t[2], t[0]))
    latest = queries.entry_summaries(state.kg.public, state.latest.iris(), lang)
    regions = [(r, _("Global") if r == queries.WORLD else labels.label(r, lang), n)
               for r, n in facets["region"].items()]
    regions.sort(key=lambda r: (r[0] != queries.WORLD, r[1]))
    page = Page(request, None, sreq, result)
    return render(request, "home.html", totals={
        "practices": kinds.get("https://w3id.org/gcmkg/ontology#Practice", 0),
        "norms": kinds.get("https://w3id.org/gcmkg/ontology#NationalNorm", 0),
        "countries": sum(1 for n in countries.values() if n),
        "organisations": sum(1 for n in facets["organisation"].values() if n)},
        objectives=objectives, most=most, shapes=shapes, map_height=world_map.HEIGHT,
        map_width=world_map.WIDTH, legend=world_map.legend(), table=table, latest=latest, regions=regions,
        short=short, page=page)
