"""The coverage matrix: GCM objectives × regions (or × the countries of one region).

Each cell is the number of approved entries addressing the objective in the
place, computed by the search index with the same filters the faceted
search uses, so a cell's link opens a search that finds exactly that many
entries. Empty cells — no known practice or norm — are the point of the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import Request
from fastapi.responses import JSONResponse, Response

from gcmkg.problems import invalid_parameter

from gcmkg.names import PREFIXES, WORLD
from gcmkg.graph.instrument_parties import day
from gcmkg.graph.search import InvalidParameter, SearchRequest

from .i18n import format_date, translator
from .render import reader, render
from .search_pages import invalid_page

OBJECTIVES = [f"{PREFIXES['objective']}{n}" for n in range(1, 24)]
KINDS = {"practice": "Practices", "norm": "Norms and instruments"}
# `objectives=primary` counts a practice under its primary objectives only (a norm's objectives are all primary).
OBJECTIVE_WEIGHTS = {"all": "objective", "primary": "primary_objective"}
HEAT_LEVELS = 5


@dataclass
class Column:
    iri: str
    label: str
    code: str
    group: str | None = None          # sub-region label, when the columns are countries
    dimension: str = ""               # the facet counted: "region", "country", or "grouping" for a grouping's total
    total: int = 0
    href: str = ""


@dataclass
class Row:
    iri: str
    notation: str
    label: str
    short: str
    cells: list[tuple[int, int, str]] = field(default_factory=list)    # (count, heat level, href)
    total: int = 0
    href: str = ""

    @property
    def empty(self) -> int:
        return sum(1 for n, _level, _href in self.cells if not n)


def heat(count: int, maximum: int) -> int:
    """A colour level 1..5 for a count (0 stays 0), on a square-root scale so small counts still show.

    >>> [heat(n, 100) for n in (0, 1, 10, 50, 100)]
    [0, 1, 2, 4, 5]
    """
    if count <= 0 or maximum <= 0:
        return 0
    return max(1, min(HEAT_LEVELS, round(HEAT_LEVELS * (count / maximum) ** 0.5)))


def _search(request: Request, filters: dict, dimension: str, at: str | None) -> dict[str, int]:
    result = request.app.state.search.search(SearchRequest(filters=filters, page_size=1, facets=(dimension,), at=at))
    return {fv.value: fv.count for fv in result.facets[dimension]}


def _invalid(request: Request, error: InvalidParameter, as_json: bool) -> Response:
    if as_json:
        raise invalid_parameter(error)          # machines: the API's problem shape
    return invalid_page(request, error)


def coverage_page(request: Request, as_json: bool = False) -> Response:
    """The coverage matrix page, or (`as_json`) its JSON twin: the same counts, for machines."""
    lang = reader(request).lang
    _ = translator(lang)
    state = request.app.state
    labels, short, areas = state.concept_labels, state.short_values, state.areas
    kind = request.query_params.get("kind")
    if kind not in KINDS:
        kind = None
    kind_filter = {"kind": [kind]} if kind else {}
    region_param = request.query_params.get("region")
    try:
        region = short.known_iri("region", region_param) if region_param else None
    except InvalidParameter as error:
        return _invalid(request, error, as_json)
    if region and (region not in areas or region == WORLD or areas[region].is_country):
        region = None
    at = request.query_params.get("at") or None
    try:
        counted_on = day(at)
    except ValueError as error:
        return _invalid(request, InvalidParameter("at", str(error), value=at), as_json)
    weight = request.query_params.get("objectives")
    weight = weight if weight in OBJECTIVE_WEIGHTS else "all"
    by_objective = OBJECTIVE_WEIGHTS[weight]
    base_params = ([("kind", kind)] if kind else []) + ([("at", at)] if at else [])

    def search_href(pairs):
        from urllib.parse import urlencode
        target = {"practice": "/practices", "norm": "/norms"}.get(kind or "", "/search")
        return target + "?" + urlencode(pairs)

    # `by=grouping`: the member countries of each grouping of countries (a regional commission), under it.
    members: dict[str, list[str]] = {}
    vocabulary = state.search.vocabulary
    if region is None and request.query_params.get("by") == "grouping" and vocabulary:
        for member, groupings in vocabulary.groupings.items():
            for g in groupings:
                if member in areas and areas[member].is_country:
                    members.setdefault(g, []).append(member)
    columns: list[Column] = []
    if members:
        for g in sorted(members, key=lambda g: labels.label(g, lang)):
            # First the grouping as a whole (what a regional review reads), then each member country.
            columns.append(Column(g, labels.label(g, lang), short.short("grouping", g), labels.label(g, lang), "grouping"))
            for country in sorted(members[g], key=lambda c: labels.label(c, lang)):
                columns.append(Column(country, labels.label(country, lang), areas[country].code, labels.label(g, lang)))
        dimension = "country"
    elif region is None:
        # A national norm is never global: the Global column is for practices.
        top = ([] if kind == "norm" else [WORLD]) + sorted((a for a in areas[WORLD].children if not areas[a].is_country),
                                       key=lambda a: labels.label(a, lang))
        for r in top:
            label = _("Global") if r == WORLD else labels.label(r, lang)
            columns.append(Column(r, label, short.short("region", r)))
        dimension = "region"
    else:
        groups = []
        for child in areas[region].children:
            if areas[child].is_country:
                groups.append((None, child))
            else:
                stack = [child]
                while stack:
                    node = stack.pop()
                    for c in areas[node].children:
                        if areas[c].is_country:
                            groups.append((child, c))
                        else:
                            stack.append(c)
        groups.sort(key=lambda g: (labels.label(g[0], lang) if g[0] else "", labels.label(g[1], lang)))
        for group, country in groups:
            columns.append(Column(country, labels.label(country, lang), areas[country].code,
                                  labels.label(group, lang) if group else labels.label(region, lang)))
        dimension = "country"
    only_with_entries = region is not None and request.query_params.get("countries") == "with-entries"
    if only_with_entries:
        known = _search(request, {**kind_filter, "region": [region]}, "country", at)
        columns = [c for c in columns if known.get(c.iri)]
    # One search per objective: its counts over every column at once.
    for c in columns:
        c.dimension = c.dimension or dimension
    dimensions = sorted({c.dimension for c in columns})
    rows = []
    for objective in OBJECTIVES:
        filters = {by_objective: [objective], **kind_filter}
        if region:
            filters["region"] = [region]
        counts = {d: _search(request, filters, d, at) for d in dimensions}
        found = labels.get(objective, lang)
        row = Row(objective, found.notation if found else objective.rsplit("/", 1)[-1],
                  found.label if found else objective, found.short if found else "")
        for c in columns:
            row.cells.append((counts[c.dimension].get(c.iri, 0), 0, ""))
        rows.append(row)
    # The heat scale is the places' own: a grouping's total (the sum of its members, and more) would pale them.
    maximum = max((n for r in rows for (n, _l, _h), c in zip(r.cells, columns) if c.dimension == dimension), default=0)
    objective_totals = _search(request, {**kind_filter, **({"region": [region]} if region else {})}, by_objective, at)
    column_totals = {d: _search(request, kind_filter, d, at) for d in dimensions}
    for c in columns:
        c.total = column_totals[c.dimension].get(c.iri, 0)
        c.href = search_href(base_params + [(c.dimension, short.short(c.dimension, c.iri))])
    for r in rows:
        o = short.short(by_objective, r.iri)
        r.cells = [(n, heat(n, maximum), search_href(base_params + [(by_objective, o), (c.dimension, short.short(c.dimension, c.iri))]))
                   for (n, _l, _h), c in zip(r.cells, columns)]
        r.total = objective_totals.get(r.iri, 0)
        r.href = search_href(base_params + [(by_objective, o)] + ([("region", short.short("region", region))] if region else []))
    if as_json:
        return JSONResponse({
            "at": counted_on, "kind": kind, "objectives": weight, "region": region, "lang": lang,
            "columns": [{"iri": c.iri, "label": c.label, "counts": c.dimension, "total": c.total, "search": c.href}
                        for c in columns],
            "rows": [{"objective": r.iri, "notation": r.notation, "label": r.label, "total": r.total,
                      "counts": [n for n, _level, _href in r.cells]} for r in rows]})
    # Column groups (sub-regions) for the two-row header.
    spans: list[tuple[str, int]] = []
    for c in columns:
        if c.group is not None and spans and spans[-1][0] == c.group:
            spans[-1] = (c.group, spans[-1][1] + 1)
        elif c.group is not None:
            spans.append((c.group, 1))
    empty_cells = sum(r.empty for r in rows)
    regions = [(short.short("region", a), labels.label(a, lang)) for a in sorted(
        (a for a in areas[WORLD].children if not areas[a].is_country), key=lambda a: labels.label(a, lang))]
    gaps = [(c, [r for r in rows if not r.cells[i][0]]) for i, c in enumerate(columns)] \
        if region is None and not members else []
    title = (_("Coverage in {region}", region=labels.label(region, lang)) if region
             else _("Coverage by grouping of countries") if members else _("Coverage matrix"))
    return render(request, "coverage.html", title=title, heading=title, rows=rows, columns=columns, spans=spans,
                  kind=kind, kinds=KINDS, region=region, region_code=short.short("region", region) if region else None,
                  regions=regions, empty_cells=empty_cells, cells=len(rows) * len(columns), maximum=maximum,
                  gaps=gaps, levels=HEAT_LEVELS, only_with_entries=only_with_entries,
                  objectives=weight, by_grouping=bool(members), by_country=bool(region or members),
                  has_groupings=bool(vocabulary and vocabulary.grouping_iris), at=at if at and len(at) == 10 else "",
                  counted_on=format_date(counted_on, lang),
                  hidden=[(k, v) for k, v in request.query_params.multi_items() if k != "at"])
