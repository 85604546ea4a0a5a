"""The JSON twin of the thematic profiles' pages under /api/profiles: the comparison of national norms
(countries × dimensions, each value with its quoted provision and source) and the implementation analysis
(norms, practices and indicator data by objective and dimension, and where they disagree).

The numbers are the pages' own: both read graph's PageData (profile_assessments, implementation_analysis)
and the same area tree, so a page and its JSON cannot disagree.
"""

from __future__ import annotations

from fastapi import APIRouter, Path, Query, Request

from gcmkg.graph.page_queries import countries_under, named_area
from gcmkg.graph.search import InvalidParameter
from gcmkg.profiles import PROFILES, Profile, profile
from gcmkg.problems import Problem, invalid_parameter

from .json_api import INVALID, LANG, NOT_FOUND

router = APIRouter(prefix="/api/profiles", tags=["Thematic profiles"], responses=INVALID)
KEY = Path(description="The profile's key, e.g. education (GET /api/profiles lists them).")
DEFAULT_REGION = "419"   # Latin America and the Caribbean, where the education framework was built


def _profile(key: str) -> Profile:
    try:
        return profile(key)
    except KeyError:
        raise Problem("not-found", 404, f"no thematic profile '{key}' (GET /api/profiles lists them)") from None


def _area(request: Request, kind: str, code: str) -> str:
    try:
        return named_area(request.app.state.areas, kind, code)
    except InvalidParameter as error:
        raise invalid_parameter(error) from None


def _place(request: Request, iri: str, lang: str) -> dict:
    area = request.app.state.areas[iri]
    return {"code": area.code, "iri": iri, "label": request.app.state.concept_labels.label(iri, lang)}


@router.get("", summary="The thematic profiles and where their data is")
def list_profiles(lang: str = LANG) -> list[dict]:
    return [{"key": p.key, "title": p.title_in(lang), "dimension_scheme": p.dimension_scheme,
             "value_scheme": p.value_scheme, "facets": [f.name for f in p.facets],
             "compare": f"/api/profiles/{p.key}/compare", "analysis": f"/api/profiles/{p.key}/analysis",
             "page": f"/profiles/{p.key}/compare"} for p in PROFILES]


@router.get("/{key}/compare", summary="Countries of a region × the profile's dimensions, with quoted provisions",
            responses=NOT_FOUND)
def compare(request: Request, key: str = KEY, lang: str = LANG,
            region: str = Query(DEFAULT_REGION, max_length=3, description="UN M49 region code, e.g. 419.")) -> dict:
    """What each country's norms say on each dimension: the value, the norm, the provision quoted and its source.
    Countries without an assessed norm are counted in `unassessed`, not listed."""
    p = _profile(key)
    state = request.app.state
    region_iri = _area(request, "region", region)
    countries = countries_under(state.areas, region_iri)
    found = state.public.profile_assessments(p, countries)
    titles = {s.iri: s.title for s in state.public.entry_summaries(sorted({a.norm for a in found}), lang)}
    labels = state.concept_labels
    by_country: dict[str, list] = {}
    for a in found:
        by_country.setdefault(a.country, []).append(
            {"dimension": a.dimension, "value": a.value, "value_label": labels.label(a.value, lang),
             "norm": a.norm, "norm_title": titles.get(a.norm), "provision": a.provision,
             "provision_lang": a.provision_lang, "reference": a.reference, "source": a.source})
    return {"profile": p.key, "title": p.title_in(lang), "region": _place(request, region_iri, lang),
            "dimensions": [{"iri": c["iri"], "label": c["label"]}
                           for c in state.public.scheme_concepts(p.dimension_scheme, lang)],
            "countries": [{**_place(request, c, lang), "assessments": by_country[c]}
                          for c in sorted(by_country, key=lambda c: labels.label(c, lang))],
            "unassessed": len(countries) - len(by_country)}


@router.get("/{key}/analysis", summary="Norms, practices and indicator data by objective and dimension",
            responses=NOT_FOUND)
def analysis(request: Request, key: str = KEY, lang: str = LANG,
             country: str | None = Query(None, max_length=3, description="ISO 3166 alpha-3 code, e.g. COL."),
             region: str | None = Query(None, max_length=3,
                                        description="UN M49 region code (when no country), default 419.")) -> dict:
    """For a country, or each country of a region with anything to analyse: per GCM objective and profile
    dimension, the norms, practices and indicators with data, the values in law and the `finding` where they
    disagree (guaranteed-without-practice, norms-without-practice, practices-without-norm)."""
    p = _profile(key)
    state = request.app.state
    if country:
        scope_iri = _area(request, "country", country)
        countries = [scope_iri]
    else:
        scope_iri = _area(request, "region", region or DEFAULT_REGION)
        countries = countries_under(state.areas, scope_iri)
    dimensions = state.public.scheme_concepts(p.dimension_scheme, lang)
    found = state.public.implementation_analysis(p, countries, [d["iri"] for d in dimensions])
    if not country:
        found = [a for a in found if a.has_anything]
    labels = {d["iri"]: d["label"] for d in dimensions}
    return {"profile": p.key, "title": p.title_in(lang),
            "scope": {"kind": "country" if country else "region", **_place(request, scope_iri, lang)},
            "countries": [{**_place(request, a.country, lang), "indicators": a.indicators,
                           "practices_no_norm_enables": a.unenabled_practices, "findings": a.findings,
                           "topics": [{"iri": t.iri, "kind": t.kind,
                                       "label": labels.get(t.iri) or state.concept_labels.label(t.iri, lang),
                                       "norms": sorted(t.norms), "practices": sorted(t.practices),
                                       "indicators": sorted(t.indicators), "values_in_law": sorted(t.values),
                                       "finding": t.finding} for t in a.topics.values()]}
                          for a in found]}
