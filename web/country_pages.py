"""Country pages — the normative map: a country's norms on a timeline, its practices, and which GCM
objectives its entries cover and which they do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fastapi import Request
from fastapi.responses import HTMLResponse

from gcmkg.graph import page_queries as queries
from gcmkg.graph.instrument_parties import day
from gcmkg.graph.search import InvalidParameter
from gcmkg.names import WORLD

from .i18n import translator
from .indicator_pages import country_panels
from .listing import count, listing
from .profile_pages import country_section
from .render import reader, render
from .search_pages import invalid_page

OBJECTIVES = [f"https://w3id.org/gcmkg/gcm/objective/{n}" for n in range(1, 24)]
WIDER = 12          # regional and global initiatives listed on a country's page


@dataclass
class Bar:
    """One norm on the timeline: where its bar starts and ends, in % of the axis."""
    norm: queries.NormOnTimeline
    start: float
    end: float
    open_ended: bool
    marks: list[tuple[float, str, str]]      # (position %, kind, text)
    status_key: str


def _year(value: str | None) -> int | None:
    return int(value[:4]) if value and value[:4].isdigit() else None


def timeline(norms: list[queries.NormOnTimeline], lang: str) -> tuple[list[Bar], list[int], int, int]:
    """Bars for the norms, the axis ticks, and its first and last year."""
    _ = translator(lang)
    this_year = date.today().year
    years = [y for n in norms for y in (_year(n.adopted), _year(n.in_force), _year(n.repealed_on), _year(n.until))
             if y]
    if not years:
        return [], [], this_year, this_year
    first, last = min(years), max(max(years), this_year)
    first = first - first % 5
    span = max(1, last + 1 - first)

    def at(year: int) -> float:
        return round(100 * (year - first) / span, 2)
    bars = []
    for n in norms:
        start_year = _year(n.adopted) or _year(n.in_force)
        if start_year is None:
            continue
        status = (n.status or "").rsplit("/", 1)[-1]
        end_year = _year(n.repealed_on) if status == "repealed" else None
        if end_year is None and status in ("repealed", "expired"):
            end_year = _year(n.until)           # the stated last day in force
        marks = [(at(start_year), "adopted", _("adopted {year}", year=start_year))]
        if _year(n.in_force) and _year(n.in_force) != start_year:
            marks.append((at(_year(n.in_force)), "in-force", _("in force {year}", year=_year(n.in_force))))
        for _iri, when in n.amendments:
            if _year(when):
                marks.append((at(_year(when)), "amended", _("amended {year}", year=_year(when))))
        if end_year and status == "expired":
            marks.append((at(end_year), "expired", _("in force until {year}", year=end_year)))
        elif end_year:
            marks.append((at(end_year), "repealed", _("repealed {year}", year=end_year)))
        end = at(end_year) if end_year else 100.0
        bars.append(Bar(n, at(start_year), max(end, at(start_year) + 0.8), end_year is None, marks, status or "unknown"))
    step = 5 if span <= 40 else 10
    ticks = list(range(first, last + 1, step))
    return bars, [(t, at(t)) for t in ticks], first, last


def country_page(request: Request, iri: str, triples, jsonld: str) -> HTMLResponse:
    lang = reader(request).lang
    _ = translator(lang)
    state = request.app.state
    labels = state.concept_labels
    public = state.public
    label = labels.label(iri, lang)
    areas = state.areas
    trail = []
    up = areas[iri].broader if iri in areas else None
    while up and up != WORLD:
        trail.insert(0, (up, labels.label(up, lang)))
        up = areas[up].broader if up in areas else None
    try:
        at = day(request.query_params.get("at"))
    except ValueError as error:
        return invalid_page(request, InvalidParameter("at", str(error), value=request.query_params.get("at")))
    instruments = public.country_instruments(iri, at, lang)
    norms = public.country_norms(iri, lang)
    bars, ticks, first, last = timeline(norms, lang)
    names = {}
    for n in norms:
        for x in (n.status, n.type):
            if x:
                names[x] = labels.label(x, lang)
    practices = listing(request, {"country": [iri]}, kind="practice", size=10)
    by_kind = {k: count(request, {"country": [iri], "kind": [k]}, ("objective",))["objective"]
               for k in ("practice", "norm")}
    short = state.short_values
    objectives = []
    for o in OBJECTIVES:
        p, n = by_kind["practice"].get(o, 0), by_kind["norm"].get(o, 0)
        objectives.append({"iri": o, "label": labels.get(o, lang), "practices": p, "norms": n, "total": p + n,
                           "href": f"/search?objective={short.short('objective', o)}&country={short.short('country', iri)}"})
    covered = [o for o in objectives if o["total"]]
    # Regional and global entries that include the country: those scoped to its regions or the World.
    ancestors = []
    up = areas[iri].broader if iri in areas else None
    while up:
        ancestors.append(up)
        up = areas[up].broader if up in areas else None
    around = public.entries_scoped_to(ancestors, WIDER + 1)
    wider = public.entry_summaries(around[:WIDER], lang)
    places = sorted(((p, labels.label(p, lang), n) for p, n in public.places_with_entries(iri)),
                    key=lambda t: t[1])
    for n in norms:
        if n.place:
            names[n.place] = labels.label(n.place, lang)
    code = areas[iri].code if iri in areas else iri.rsplit("/", 1)[-1]
    return render(request, "country.html", title=label, iri=iri, label=label, code=code, trail=trail,
                  norms=norms, instruments=instruments, at=at, bars=bars, ticks=ticks, first=first, last=last, names=names,
                  practices=practices, objectives=objectives, covered=len(covered),
                  wider=wider, places=places, wider_total=f"{WIDER}+" if len(around) > WIDER else str(len(around)), jsonld=jsonld.replace("</", "<\\/"),
                  norms_href=f"/norms?country={short.short('country', iri)}",
                  profile_sections=country_section(request, iri),
                  indicator_panels=country_panels(request, code, lang))   # only indicators with data
