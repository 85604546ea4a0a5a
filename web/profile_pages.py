"""The pages of the thematic profiles (gcmkg/profiles.py): comparison, inventory, implementation analysis.

- ``/profiles/{key}/compare?region=419``: the countries of a region × the profile's dimensions, each cell
  the value a norm gives the dimension, linking to the norm and quoting its provision;
- ``/profiles/{key}/inventory``: the practices and norms tagged with the profile's dimensions, by dimension,
  each count a faceted search;
- ``/profiles/{key}/analysis?country=COL`` (or ``?region=419``), and ``.csv``: for each GCM objective and
  dimension, which norms, practices and indicator data there are, and where they disagree.

:func:`country_section` is what a country page shows of each profile.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gcmkg.graph.page_queries import countries_under, named_area
from gcmkg.graph.search import InvalidParameter
from gcmkg.names import BASE
from gcmkg.problems import Problem, invalid_parameter
from gcmkg.profiles import PROFILES, Profile, in_language, profile

from .i18n import translator
from .render import local_href, reader, render

router = APIRouter(include_in_schema=False)
DEFAULT_REGION = "419"
# What a row of the analysis says when norms, practices and data disagree (Topic.finding).
FINDINGS = {"guaranteed-without-practice": "Guaranteed in law, no practice or data",
            "norms-without-practice": "Norms, no practice or data",
            "practices-without-norm": "Practices, no norm"}     # Latin America and the Caribbean, where the education framework was built


def _profile(key: str) -> Profile:
    try:
        return profile(key)
    except KeyError:
        raise Problem("not-found", 404, f"no thematic profile '{key}'") from None


def _dimensions(request: Request, p: Profile, lang: str) -> list[tuple[str, str]]:
    """(IRI, label) of the profile's dimensions, in the scheme's order."""
    return [(c["iri"], c["label"]) for c in request.app.state.public.scheme_concepts(p.dimension_scheme, lang)]


def _countries_of(request: Request, region: str) -> list[str]:
    return countries_under(request.app.state.areas, region)


def _area(request: Request, kind: str, code: str) -> str:
    """The IRI of a country (ISO alpha-3) or region (M49 code) named in the URL; 422 if there is none."""
    try:
        return named_area(request.app.state.areas, kind, code)
    except InvalidParameter as error:
        raise invalid_parameter(error) from None


# -- comparison ----------------------------------------------------------------------------------

@router.get("/profiles", response_class=HTMLResponse)
def profiles(request: Request):
    """The thematic profiles, each with its comparison, inventory and analysis (the main menu links here)."""
    lang = reader(request).lang
    _ = translator(lang)
    return render(request, "profiles.html", title=_("Thematic profiles"),
                  profiles=[(p, p.title_in(lang)) for p in PROFILES])


@router.get("/profiles/{key}")
def profile_home(key: str):
    """A profile's own address opens its comparison of national norms."""
    _profile(key)
    return RedirectResponse(f"/profiles/{key}/compare", status_code=303)


@router.get("/profiles/{key}/compare", response_class=HTMLResponse)
def compare(request: Request, key: str, region: str = DEFAULT_REGION):
    """Countries of a region × the profile's dimensions, each cell a norm's value with its quoted provision."""
    p, lang = _profile(key), reader(request).lang
    state = request.app.state
    region_iri = _area(request, "region", region)
    countries = _countries_of(request, region_iri)
    found = state.public.profile_assessments(p, countries)
    dimensions = _dimensions(request, p, lang)
    titles = {s.iri: s.title for s in state.public.entry_summaries(sorted({a.norm for a in found}), lang)}
    cells: dict[tuple[str, str], list] = {}
    for a in found:
        cells.setdefault((a.country, a.dimension), []).append(a)
    rows = [{"iri": c, "label": state.concept_labels.label(c, lang), "href": local_href(c),
             "cells": [cells.get((c, d), []) for d, _l in dimensions]}
            for c in sorted({a.country for a in found}, key=lambda c: state.concept_labels.label(c, lang))]
    labels = state.concept_labels
    region_label = labels.label(region_iri, lang)
    _ = translator(lang)
    return render(request, "profile_compare.html", title=_("{profile}: comparison of national norms",
                                                           profile=p.title_in(lang)),
                  profile=p, profile_title=p.title_in(lang), region=region, region_label=region_label,
                  dimensions=dimensions, rows=rows, titles=titles,
                  value_label=lambda v: labels.label(v, lang), unassessed=len(countries) - len(rows),
                  regions=_regions(request, lang))


def _regions(request: Request, lang: str) -> list[tuple[str, str]]:
    """The M49 regions under the World, for the region switch."""
    areas, labels = request.app.state.areas, request.app.state.concept_labels
    world = areas.get(BASE + "region/001")
    regions = [areas[c] for c in (world.children if world else []) if c in areas and not areas[c].is_country]
    subregions = [areas[c] for r in regions for c in r.children if c in areas and not areas[c].is_country]
    return [(a.code, labels.label(a.iri, lang)) for a in (*regions, *subregions)]


# -- inventory -----------------------------------------------------------------------------------

@router.get("/profiles/{key}/inventory", response_class=HTMLResponse)
def inventory(request: Request, key: str):
    """The practices (and norms) of the profile, by dimension, population and level: each count a search."""
    from .listing import count
    p, lang = _profile(key), reader(request).lang
    state, _ = request.app.state, translator(lang)
    short = state.short_values
    groups = []
    for f in p.facets:
        by_kind = {k: count(request, {"kind": [k]}, (f.name,))[f.name] for k in ("practice", "norm")}
        values = [(c["iri"], c["label"]) for c in state.public.scheme_concepts(f.scheme, lang)]
        groups.append({"name": f.name, "heading": in_language(f.heading, lang),
                       "rows": [{"label": label, "practices": by_kind["practice"].get(iri, 0),
                                 "norms": by_kind["norm"].get(iri, 0),
                                 "practices_href": f"/practices?{f.name}={short.short(f.name, iri)}",
                                 "norms_href": f"/norms?{f.name}={short.short(f.name, iri)}"}
                                for iri, label in values]})
    return render(request, "profile_inventory.html", title=_("{profile}: inventory of practices",
                                                             profile=p.title_in(lang)),
                  profile=p, profile_title=p.title_in(lang), groups=groups)


# -- implementation analysis ---------------------------------------------------------------------

@dataclass
class _Scope:
    code: str
    kind: str          # "country" | "region"
    iri: str
    label: str
    countries: list[str]


def _scope(request: Request, country: str | None, region: str | None, lang: str) -> _Scope:
    if country:
        iri = _area(request, "country", country)
        return _Scope(country, "country", iri, request.app.state.concept_labels.label(iri, lang), [iri])
    code = region or DEFAULT_REGION
    iri = _area(request, "region", code)
    return _Scope(code, "region", iri, request.app.state.concept_labels.label(iri, lang), _countries_of(request, iri))


def _analysis(request: Request, p: Profile, scope: _Scope, lang: str):
    dimensions = _dimensions(request, p, lang)
    found = request.app.state.public.implementation_analysis(p, scope.countries, [d for d, _l in dimensions])
    if scope.kind == "region":   # a region's analysis: the countries with anything to analyse
        found = [a for a in found if a.has_anything]
    return found, dict(dimensions)


@router.get("/profiles/{key}/analysis", response_class=HTMLResponse)
def analysis(request: Request, key: str, country: str | None = None, region: str | None = None):
    """Which objectives and dimensions have norms, practices and indicator data, and where they disagree."""
    p, lang = _profile(key), reader(request).lang
    state, _ = request.app.state, translator(lang)
    scope = _scope(request, country, region, lang)
    found, dimension_labels = _analysis(request, p, scope, lang)
    labels = state.concept_labels
    entries = sorted({e for a in found for t in a.topics.values() for e in (*t.norms, *t.practices)}
                     | {e for a in found for e in a.unenabled_practices})
    titles = {s.iri: s.title for s in state.public.entry_summaries(entries, lang)}
    query = f"country={scope.code}" if scope.kind == "country" else f"region={scope.code}"
    return render(request, "profile_analysis.html",
                  title=_("Analysis of implementation: {place}", place=scope.label),
                  profile=p, profile_title=p.title_in(lang), scope=scope, analyses=found,
                  label=lambda iri: dimension_labels.get(iri) or labels.label(iri, lang),
                  titles=titles, findings=FINDINGS, csv_href=f"/profiles/{p.key}/analysis.csv?{query}&lang={lang}",
                  json_href=f"/api/profiles/{p.key}/analysis?{query}&lang={lang}")


@router.get("/profiles/{key}/analysis.csv")
def analysis_csv(request: Request, key: str, country: str | None = None, region: str | None = None):
    """The analysis as CSV, one row per country and objective or dimension, headed in the reader's language."""
    p, lang = _profile(key), reader(request).lang
    _ = translator(lang)
    scope = _scope(request, country, region, lang)
    found, dimension_labels = _analysis(request, p, scope, lang)
    labels = request.app.state.concept_labels
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Country"), _("Kind"), _("Objective or dimension"), _("Label"), _("National norms"),
                     _("Practices"), _("Indicators with data"), _("Value in law"), _("Finding")])
    for a in found:
        for t in a.topics.values():
            finding = _(FINDINGS[t.finding]) if t.finding else ""
            writer.writerow([a.country.rsplit("/", 1)[-1], t.kind, t.iri,
                             dimension_labels.get(t.iri) or labels.label(t.iri, lang), len(t.norms), len(t.practices),
                             len(t.indicators), " ".join(sorted(v.rsplit("/", 1)[-1] for v in t.values)), finding])
        for practice in a.unenabled_practices:
            writer.writerow([a.country.rsplit("/", 1)[-1], "practice", practice, "", "", "", "", "",
                             _("Practice that no norm enables")])
    name = f"{p.key}-analysis-{scope.code}.csv"
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


# -- a country's page ----------------------------------------------------------------------------

def country_section(request: Request, country: str) -> list[dict]:
    """What a country page shows of each profile: the assessments of its norms, and where to go next."""
    lang = reader(request).lang
    state = request.app.state
    code = country.rsplit("/", 1)[-1]
    sections = []
    for p in PROFILES:
        if "country" not in p.sections:
            continue
        found = state.public.profile_assessments(p, [country])
        titles = {s.iri: s.title for s in state.public.entry_summaries(sorted({a.norm for a in found}), lang)}
        sections.append({"profile": p, "title": p.title_in(lang), "assessments": found, "titles": titles,
                         "dimensions": dict(_dimensions(request, p, lang)),
                         "values": {a.value: state.concept_labels.label(a.value, lang) for a in found},
                         "analysis_href": f"/profiles/{p.key}/analysis?country={code}",
                         "compare_href": f"/profiles/{p.key}/compare",
                         "inventory_href": f"/profiles/{p.key}/inventory"})
    return sections


def entry_section(request: Request, norm: str) -> list[dict]:
    """What a norm's page shows of each profile: its assessments, each at an anchor the comparison links to."""
    lang = reader(request).lang
    state = request.app.state
    sections = []
    for p in PROFILES:
        found = state.public.profile_assessments(p, norms=[norm]) if "entry" in p.sections else []
        if found:
            sections.append({"profile": p, "title": p.title_in(lang), "assessments": found,
                             "dimensions": dict(_dimensions(request, p, lang)),
                             "values": {a.value: state.concept_labels.label(a.value, lang) for a in found},
                             "compare_href": f"/profiles/{p.key}/compare"})
    return sections

