"""The home page: a search box, the 23 objectives with their counts, totals, the latest approved
entries and a world map of entries per country (with the same numbers as a table)."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from gcmkg.graph.search import SearchRequest
from gcmkg.names import NATIONAL_NORM, PRACTICE, WORLD

from . import world_map
from .i18n import translator
from .render import reader, render
from .search_pages import Page


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
    latest = state.public.entry_summaries(state.latest.iris(), lang)
    regions = [(r, _("Global") if r == WORLD else labels.label(r, lang), n)
               for r, n in facets["region"].items()]
    regions.sort(key=lambda r: (r[0] != WORLD, r[1]))
    page = Page(request, None, sreq, result)
    return render(request, "home.html", totals={
        "practices": kinds.get(PRACTICE.value, 0),
        "norms": kinds.get(NATIONAL_NORM.value, 0),
        "countries": sum(1 for n in countries.values() if n),
        "organisations": sum(1 for n in facets["organisation"].values() if n)},
        objectives=objectives, most=most, shapes=shapes, map_height=world_map.HEIGHT,
        map_width=world_map.WIDTH, legend=world_map.legend(), table=table, latest=latest, regions=regions,
        short=short, page=page)
