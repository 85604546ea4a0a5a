"""Vocabulary pages: the list of schemes, and each scheme as a browsable tree with entry counts."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import Request
from fastapi.responses import HTMLResponse

from gcmkg.graph.queries import SCHEMES
from gcmkg.graph.search import InvalidParameter, SearchRequest
from gcmkg.graph.vocabulary_choices import fold
from gcmkg.names import WORLD
from gcmkg.problems import Problem

from .concept_pages import SCHEME_PAGES
from .i18n import translator
from .listing import count
from .render import local_href, reader, render

# What each vocabulary is for, in a sentence (English; translated by the catalogue).
PURPOSES = {
    "objectives": "The 23 objectives of the Global Compact for Safe, Orderly and Regular Migration.",
    "principles": "The ten cross-cutting guiding principles of the Global Compact.",
    "sdg": "The Sustainable Development Goals, their targets and indicators, with the UN's own identifiers.",
    "countries": "Countries and the UN M49 regions, sub-regions and intermediate regions they belong to.",
    "practice-types": "Kinds of practice, as the Migration Network Hub classifies them.",
    "norm-types": "Kinds of national norm: laws, decrees, policies, strategies, plans...",
    "norm-statuses": "Whether a national norm is in force, amended or repealed.",
    "review-statuses": "Where an entry is in the review workflow; only approved entries are published.",
    "organisation-types": "Kinds of organisation that implement, fund or issue entries.",
    "places": "Provinces, states and cities (ISO 3166-2 first-level subdivisions, and cities), each under its "
              "country.",
    # Not a scheme: SKOS collections of countries (/groupings).
    "groupings": "Groupings of countries beyond the UN M49 regions (a regional commission, a regional economic "
                 "community), each with its member list as read from its official pages; an entry in a member "
                 "country counts under the grouping.",
}
# Schemes whose deep levels are long lists better shown on the concept pages.
MAX_DEPTH = {"sdg": 2}


@dataclass
class Node:
    iri: str
    notation: str | None
    label: str
    short: str | None
    count: int | None
    children: list["Node"] = field(default_factory=list)
    size: int = 0                       # the concepts below it (a country's places)


def _by_label(nodes: list[Node]) -> None:
    """Siblings in alphabetical order, accents aside, those with children first, at every depth."""
    nodes.sort(key=lambda n: (not n.children, fold(n.label)))     # Bādghīs before Balkh
    for node in nodes:
        _by_label(node.children)


def scheme_href(request: Request, name: str, iri: str) -> str:
    return SCHEME_PAGES.get(iri) or local_href(iri, request.app.state.base_iri)


def _counts(request: Request) -> dict[str, int]:
    result = request.app.state.search.search(SearchRequest(page_size=1))
    return {fv.value: fv.count for values in result.facets.values() for fv in values}


def vocabularies_page(request: Request) -> HTMLResponse:
    lang = reader(request).lang
    _ = translator(lang)
    public = request.app.state.public
    titles = public.labels(SCHEMES.values(), lang)
    sizes = public.scheme_sizes(SCHEMES.values())
    items = []
    for name, iri in SCHEMES.items():
        items.append({"name": name, "iri": iri, "title": titles.get(iri, name), "purpose": _(PURPOSES.get(name, "")),
                      "href": scheme_href(request, name, iri), "size": sizes.get(iri, 0),
                      "api": f"/api/vocabularies/{name}?lang={lang}"})
    groupings = {"title": _("Groupings of countries"), "purpose": _(PURPOSES["groupings"]), "href": "/groupings",
                 "size": len(public.groupings(lang)), "api": f"/api/vocabularies/groupings?lang={lang}"}
    return render(request, "vocabularies.html", title=_("Vocabularies"), items=items, groupings=groupings)


def groupings_page(request: Request) -> HTMLResponse:
    """/groupings: every grouping of countries, its source, members and the entries counted under it."""
    lang = reader(request).lang
    _ = translator(lang)
    state = request.app.state
    counts = count(request, {}, ("grouping",))["grouping"]
    rows = [{**vars(g), "href": local_href(g.iri, state.base_iri), "entries": counts.get(g.iri, 0),
             "search": f"/search?grouping={state.short_values.short('grouping', g.iri)}"}
            for g in state.public.groupings(lang)]
    return render(request, "groupings.html", title=_("Groupings of countries"), groupings=rows,
                  purpose=_(PURPOSES["groupings"]), api=f"/api/vocabularies/groupings?lang={lang}")


def scheme_page(request: Request, scheme: str, jsonld: str | None = None) -> HTMLResponse:
    """One vocabulary as a tree: regions → sub-regions → countries, goals → targets, flat lists."""
    lang = reader(request).lang
    _ = translator(lang)
    name = next((n for n, i in SCHEMES.items() if i == scheme), scheme.rsplit("/", 1)[-1])
    if name == "places":
        return places_page(request, scheme, jsonld)
    public = request.app.state.public
    concepts = public.scheme_concepts(scheme, lang)
    counts = _counts(request)
    nodes = {c["iri"]: Node(c["iri"], c.get("notation"), c["label"] or c["iri"], c.get("short_label"),
                            counts.get(c["iri"])) for c in concepts}
    roots = []
    for c in concepts:
        parent = c.get("broader")
        if parent in nodes:
            nodes[parent].children.append(nodes[c["iri"]])
        else:
            roots.append(nodes[c["iri"]])
    if name == "countries":
        _by_label(roots)
        world = [r for r in roots if r.iri == WORLD]
        if world:
            roots = world[0].children
    title = public.labels([scheme], lang).get(scheme, name)
    return render(request, "scheme.html", title=title, heading=title, name=name, scheme=scheme, roots=roots,
                  purpose=_(PURPOSES.get(name, "")), size=len(concepts), max_depth=MAX_DEPTH.get(name, 9),
                  jsonld=(jsonld or "").replace("</", "<\\/"), api=f"/api/vocabularies/{name}?lang={lang}",
                  is_ours=scheme.startswith("https://w3id.org/gcmkg/"))


def places_page(request: Request, scheme: str, jsonld: str | None = None) -> HTMLResponse:
    """/places: the countries that have provinces and cities, with how many each has; with `country=BRA`, that
    country's places as a tree. Thousands of places would make one page a long download and a longer read."""
    lang = reader(request).lang
    _ = translator(lang)
    state = request.app.state
    public, labels = state.public, state.concept_labels
    title = public.labels([scheme], lang).get(scheme, "places")
    common = dict(name="places", scheme=scheme, scheme_title=title, purpose=_(PURPOSES["places"]),
                  jsonld=(jsonld or "").replace("</", "<\\/"), api=f"/api/vocabularies/places?lang={lang}",
                  is_ours=True, max_depth=9)
    code = request.query_params.get("country")
    if code is None:
        per_country = public.places_per_country()
        roots = [Node(c, None, labels.label(c, lang), None, None, size=n) for c, n in per_country.items()]
        roots.sort(key=lambda n: fold(n.label))
        return render(request, "scheme.html", title=title, heading=title, roots=roots, country=None,
                      size=sum(per_country.values()), **common)
    try:
        country_iri = state.short_values.known_iri("country", code.upper())
    except InvalidParameter:
        country_iri = None
    concepts = public.scheme_concepts(scheme, lang, under=country_iri) if country_iri else []
    if not concepts:
        raise Problem("not-found", 404, f"no places of a country '{code}' (country=BRA, as on /places)")
    counts = _counts(request)
    country = Node(country_iri, None, labels.label(country_iri, lang), None, counts.get(country_iri),
                   size=len(concepts))
    nodes = {c["iri"]: Node(c["iri"], c.get("notation"), c["label"] or c["iri"], c.get("short_label"),
                            counts.get(c["iri"])) for c in concepts}
    for c in concepts:
        nodes.get(c.get("broader"), country).children.append(nodes[c["iri"]])
    _by_label(country.children)
    heading = _("Provinces and cities of {country}", country=country.label)
    return render(request, "scheme.html", title=heading, heading=heading, roots=[country], country=country,
                  size=len(concepts), **common)
