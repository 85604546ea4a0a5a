"""The faceted search pages: /practices, /norms and /search over both (their downloads: result_downloads.py).

A page is a function of its URL: the parameters become a SearchRequest
(web/facets.py), the search index answers with counts and one page of rows,
and this module lays out the facet panel — OR within a facet, AND across,
every value listed with its count, zero-count values disabled — the results,
the pagination, the downloads of the current results and the SPARQL query
that returns them.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field, replace
from functools import lru_cache
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse

from gcmkg.graph.concept_labels import ConceptLabels
from gcmkg.graph.search import InvalidParameter, SearchRequest, SearchResult
from gcmkg.graph.search_index import SearchIndex
from gcmkg.graph.search_facets import KIND, KIND_NAMES, KIND_WITHIN, KINDS
from gcmkg.graph.search_params import ShortValues, search_request, url_params
from gcmkg.graph.vocabulary_choices import fold
from gcmkg.names import WORLD

from .facets import FACET_BY_DIMENSION, FACETS, Facet
from .i18n import format_date, translator
from .render import reader, render
from .sparql_bridge import results_query

PAGES = {
    "practice": ("/practices", "Practices", "practice"),
    "norm": ("/norms", "Norms and instruments", "norm"),     # national norms and international instruments
    None: ("/search", "Search practices and norms", None),
}
SORT_NAMES = {"relevance": "Relevance", "newest": "Newest", "title": "Title", "scope": "Scope (global, regional, national)"}
# A kind facet value's name (the values are the kinds of KINDS): `norm` counts norms and instruments.
KIND_LABELS = {"practice": "Practices", "norm": "Norms and instruments", "instrument": "International instruments"}


@dataclass
class Option:
    """One value of a facet as shown: its label and count, whether chosen, the URL that toggles it."""
    value: str
    label: str
    count: int
    selected: bool
    href: str
    children: list["Option"] = field(default_factory=list)
    child_heading: str = ""

    @property
    def open(self) -> bool:
        return self.selected or any(c.selected or c.open for c in self.children)


@dataclass
class Box:
    facet: Facet
    heading: str
    options: list[Option]
    more: list[Option]
    selected: int
    left_out: int = 0             # values not listed in the panel (see all_href)
    all_href: str = ""


class Page:
    """What the search template needs, computed from the request and the result."""

    def __init__(self, request: Request, kind: str | None, sreq: SearchRequest, result: SearchResult):
        self.request, self.kind, self.sreq, self.result = request, kind, sreq, result
        state = request.app.state
        self.index: SearchIndex = state.search
        self.short: ShortValues = state.short_values
        self.labels: ConceptLabels = state.concept_labels
        self.lang = sreq.lang
        self._ = translator(self.lang)
        self.path = PAGES[kind][0]
        self.params = url_params(sreq, self.short, fixed_kind=kind)
        self._current = [(k, v) for k, v in self.params if k != "page"]
        self._current_query = urlencode(self._current)
        self._left_out: dict[str, int] = {}

    @property
    def counted_on(self) -> str:
        """The day the counts are taken on, as the reader reads dates."""
        return format_date(self.sreq.on_day, self.lang)

    def wider_toggle(self) -> tuple[str, str] | None:
        """With a country filter: the link that adds (or drops) the regional and global entries covering it."""
        if not self.sreq.filters.get("country"):
            return None
        if self.sreq.wider:
            return self.url([p for p in self._current if p[0] != "wider"]), self._(
                "Only the entries scoped to the chosen countries")
        return self.url(self._current + [("wider", "yes")]), self._(
            "Also the regional and global entries that cover the chosen countries")

    # -- URLs ----------------------------------------------------------------
    def url(self, params: list[tuple[str, str]], path: str | None = None) -> str:
        query = urlencode(params)
        return (path or self.path) + ("?" + query if query else "")

    def toggle(self, param: str, value: str) -> str:
        """The URL with `value` added to or removed from its facet (and back to page 1)."""
        if (param, value) in self._current:
            return self.url([p for p in self._current if p != (param, value)])
        added = _encoded(param, value)            # a panel builds hundreds of these: encode the rest once
        return f"{self.path}?{self._current_query}&{added}" if self._current_query else f"{self.path}?{added}"

    def without(self, *names: str) -> str:
        return self.url([(k, v) for k, v in self.params if k not in names])

    def page_url(self, page: int) -> str:
        return self.url(self.params + ([("page", str(page))] if page > 1 else []))

    # -- labels ----------------------------------------------------------------
    def value_label(self, dimension: str, iri: str, short: bool = True) -> str:
        """A value's name as its facet's declaration says (`label`), in the page's language."""
        how = FACET_BY_DIMENSION[dimension].label if dimension in FACET_BY_DIMENSION else "label"
        if how == "name":
            return self.index.label(iri, self.lang) or iri.rsplit("/", 1)[-1]
        if how == "kind":
            return self._(KIND_LABELS[KINDS[iri]])
        found = self.labels.get(iri, self.lang)
        if found is None:
            return iri.rsplit("/", 1)[-1]
        if how == "notation_short":
            return f"{found.notation}. {found.short if short else found.label}"
        if how == "notation_label":
            return f"{found.notation} {_shorten(found.label, 64) if short else found.label}"
        return found.short if short and how == "short" else found.label

    # -- the panel ---------------------------------------------------------------
    def _option(self, dimension: str, iri: str, count: int) -> Option:
        value = self.short.short(dimension, iri)
        selected = iri in self.sreq.filters.get(dimension, ())
        href = self.toggle(dimension, value) if count or selected else ""      # a disabled value links nowhere
        return Option(value, self.value_label(dimension, iri), count, selected, href)

    def _counts(self, dimension: str) -> dict[str, int]:
        return {fv.value: fv.count for fv in self.result.facets.get(dimension, [])}

    def boxes(self) -> list[Box]:
        out = []
        trees = {"goal_tree": self._goal_tree, "place_tree": self._place_tree}
        for facet in FACETS:
            if facet.parent is not None:
                continue                            # shown inside its parent's box
            if self.kind is not None and self.kind not in facet.kinds:
                continue
            options = trees[facet.panel](facet) if facet.panel in trees else self._flat(facet.name)
            if facet.values == KIND and self.kind is not None:
                # A page of one kind offers only the kinds narrower than its own (/norms: instruments only).
                options = [o for o in options if KIND_WITHIN.get(o.value) == self.kind]
                if not options:
                    continue
            more: list[Option] = []
            left_out = self._left_out.get(facet.name, 0)
            if facet.top and len(options) > facet.top:
                chosen = [o for o in options if o.selected]
                rest = [o for o in options if not o.selected]
                options, more = (chosen + rest)[:max(facet.top, len(chosen))], (chosen + rest)[max(facet.top, len(chosen)):]
            selected = sum(1 for _ in self._selected_in(facet))
            heading = (facet.box_heading or facet.heading).in_(self.lang)
            all_href = self.url([(k, v) for k, v in self.params if k != "page"],
                                f"{self.path}/facet/{facet.name}") if left_out else ""
            out.append(Box(facet, heading, options, more, selected, left_out, all_href))
        return out

    def _selected_in(self, facet: Facet):
        """The chosen values of a box: its facet's and those of the facets nested in it, at any depth."""
        dims = {facet.name}
        while True:
            nested = dims | {f.name for f in FACETS if f.parent in dims}
            if nested == dims:
                break
            dims = nested
        for d in dims:
            yield from self.sreq.filters.get(d, ())

    def _flat(self, dimension: str, everything: bool = False) -> list[Option]:
        facet = FACET_BY_DIMENSION[dimension]
        counts = self._counts(dimension)
        iris = list(counts)
        scheme_of = self.index.vocabulary.scheme if self.index.vocabulary else {}
        kind_scheme = dict(facet.kind_schemes).get(self.kind) if self.kind else None
        if kind_scheme:
            iris = [i for i in iris if scheme_of.get(i) == kind_scheme]
        most = facet.most
        if most and len(iris) > most and not everything:
            # Thousands of organisations: keep the chosen and the most frequent before labelling any.
            chosen = [i for i in self.sreq.filters.get(dimension, ()) if i in counts]
            kept = set(chosen)
            iris = chosen + heapq.nlargest(max(0, most - len(chosen)), (i for i in iris if i not in kept),
                                           key=counts.__getitem__)
            self._left_out[dimension] = len(counts) - len(iris)
        options = [self._option(dimension, iri, counts[iri]) for iri in iris]
        if facet.values == KIND:
            options.sort(key=lambda o: KIND_NAMES.index(o.value))     # a narrower kind after its broader one
        elif facet.order == "count":
            options.sort(key=lambda o: (-o.count, fold(o.label)))
        elif facet.order == "notation":
            options.sort(key=lambda o: self.labels.get(self.short.iri(dimension, o.value), "en").notation
                         if self.labels.get(self.short.iri(dimension, o.value), "en") else o.value)
        elif facet.order == "scheme":
            rank = {scheme: n for n, scheme in enumerate(facet.schemes)}
            options.sort(key=lambda o: (rank.get(scheme_of.get(self.short.iri(dimension, o.value)), len(rank)),
                                        fold(o.label)))
        return options

    def _goal_tree(self, facet: Facet) -> list[Option]:
        """The goals, each with its targets (the facet nested in it) below."""
        child = next(f.name for f in FACETS if f.parent == facet.name)
        goals = self._counts(facet.name)
        targets = self._counts(child)
        options = []
        for goal, count in goals.items():
            option = self._option(facet.name, goal, count)
            prefix = goal + "."
            option.children = [self._option(child, t, n) for t, n in targets.items() if t.startswith(prefix)]
            option.child_heading = self._("Targets of goal {n}", n=goal.rsplit("/", 1)[-1])
            options.append(option)
        return options

    def _place_tree(self, facet: Facet) -> list[Option]:
        """Regions, sub-regions and countries as the areas nest (graph/page_queries.area_tree)."""
        areas = self.request.app.state.areas
        counts = {d: self._counts(d) for d in ("region", "subregion", "country")}

        def node(iri: str) -> Option | None:
            area = areas.get(iri)
            dimension = "country" if area and area.is_country else next(
                (d for d in ("region", "subregion") if iri in counts[d]), None)
            if dimension is None:
                return None
            option = self._option(dimension, iri, counts[dimension][iri])
            if area:
                kids = [k for k in (node(c) for c in area.children) if k is not None]
                option.children = sorted(kids, key=lambda o: (not o.children, fold(o.label)))
                option.child_heading = self._("Within {place}", place=option.label)
            return option

        world = counts["region"].get(WORLD)
        top = [node(r) for r in counts["region"] if r != WORLD]
        options = sorted((o for o in top if o is not None), key=lambda o: fold(o.label))
        if world is not None:
            global_option = self._option("region", WORLD, world)
            global_option.label = self._("Global (the whole world)")
            options.insert(0, global_option)
        return options

    def chips(self) -> list[tuple[str, str, str]]:
        """(facet name, value label, URL without it) for each active filter."""
        out = []
        names = {f.name: f.heading.in_(self.lang) for f in FACETS}
        for k, v in self.params:
            if k in names:
                iri = self.short.iri(k, v)
                out.append((names[k], self.value_label(k, iri, short=False), self.toggle(k, v)))
            elif k == "q":
                out.append((self._("Text"), f"“{v}”", self.without("q")))
        if self.sreq.year_from is not None or self.sreq.year_to is not None:
            span = f"{self.sreq.year_from or '…'}–{self.sreq.year_to or '…'}"
            out.append((self._("Years"), span, self.without("year_from", "year_to")))
        return out

    # -- results ---------------------------------------------------------------------
    def rows(self) -> list[dict]:
        details = self.request.app.state.public.row_details([r.iri for r in self.result.rows], self.lang)
        out = []
        for r in self.result.rows:
            summary, summary_lang, status = details.get(r.iri, (None, None, None))
            places = [(p, self.value_label("country" if "/country/" in p else "region", p)) for p in r.countries + r.regions]
            if any(p == WORLD for p in r.regions):
                places = [(WORLD, self._("Global"))] + [p for p in places if p[0] != WORLD]
            out.append({
                "row": r, "summary": _shorten(summary or "", 260), "summary_lang": summary_lang,
                "status": (status, self.labels.label(status, self.lang)) if status else None,
                "places": places[:6], "more_places": max(0, len(places) - 6),
                "objectives": [(o, self.labels.get(o, self.lang)) for o in r.objectives]})
        return out

    def pages(self) -> dict:
        size = self.sreq.page_size
        last = max(1, math.ceil(self.result.total / size))
        current = min(self.sreq.page, last)
        window = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
        links = []
        previous = 0
        for n in window:
            if n - previous > 1:
                links.append(None)          # a gap
            links.append((n, self.page_url(n), n == current))
            previous = n
        return {"current": current, "last": last, "links": links,
                "prev": self.page_url(current - 1) if current > 1 else None,
                "next": self.page_url(current + 1) if current < last else None,
                "first_row": (current - 1) * size + 1, "last_row": min(self.result.total, current * size)}

    def sorts(self) -> list[tuple[str, str, bool]]:
        names = [s for s in SORT_NAMES if s != "relevance" or self.sreq.q]
        current = self.sreq.sort if (self.sreq.sort != "relevance" or self.sreq.q) else "newest"
        return [(s, self._(SORT_NAMES[s]), s == current) for s in names]

    def hidden_inputs(self, drop: tuple[str, ...]) -> list[tuple[str, str]]:
        return [(k, v) for k, v in self.params if k not in drop and k != "page"]

    def downloads(self) -> list[tuple[str, str]]:
        return [(fmt, self.url(self.params, f"{self.path}.{fmt}")) for fmt in ("csv", "json", "ttl")]

    def sparql_href(self) -> str:
        return "/sparql?" + urlencode({"edit": results_query(self.sreq)})


def facet_values_page(request: Request, kind: str | None, dimension: str) -> HTMLResponse:
    """Every value of one facet with its count under the current filters (for facets too long for the panel)."""
    lang = reader(request).lang
    facet = FACET_BY_DIMENSION.get(dimension)
    if facet is None or facet.parent is not None:
        return invalid_page(request, InvalidParameter("facet", f"no facet '{dimension}'"))
    try:
        sreq = search_request(page_params(request), request.app.state.short_values, kind=kind, lang=lang)
    except InvalidParameter as error:
        return invalid_page(request, error)
    sreq = replace(sreq, facets=(dimension,)) if hasattr(sreq, "facets") else sreq
    result = request.app.state.search.search(sreq)
    page = Page(request, kind, sreq, result)
    options = page._flat(dimension, everything=True)
    options.sort(key=lambda o: (not (o.count or o.selected), fold(o.label)))
    back = page.url([(k, v) for k, v in page.params if k != "page"])
    heading = facet.heading.in_(lang)
    return render(request, "facet_values.html", title=heading, heading=heading, options=options,
                  back=back, result=result)


@lru_cache(maxsize=16384)
def _encoded(param: str, value: str) -> str:
    """One `param=value` pair of a URL, encoded (the panel's values recur on every page)."""
    return urlencode([(param, value)])


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:") + "…"


def page_params(request: Request) -> dict[str, list[str]]:
    # `facets` (which counts to compute) is for API clients; a page always shows its whole panel.
    return {k: request.query_params.getlist(k) for k in request.query_params.keys() if k != "facets"}


def invalid_page(request: Request, error: InvalidParameter) -> HTMLResponse:
    _ = translator(reader(request).lang)
    return render(request, "error.html", status=422, title=_("Invalid parameter"),
                  heading=_("Invalid parameter"), detail=str(error), parameter=error.parameter, value=error.value)


def search_page(request: Request, kind: str | None) -> HTMLResponse:
    """/practices, /norms or /search: facets, results, pagination, downloads, the SPARQL bridge."""
    lang = reader(request).lang
    try:
        sreq = search_request(page_params(request), request.app.state.short_values, kind=kind, lang=lang)
    except InvalidParameter as error:
        return invalid_page(request, error)
    result = request.app.state.search.search(sreq)
    page = Page(request, kind, sreq, result)
    _ = page._
    title = _(PAGES[kind][1])
    return render(request, "search.html", title=title, heading=title, page=page, result=result, sreq=sreq,
                  kind=kind, action=PAGES[kind][0])
