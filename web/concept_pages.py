"""Pages of concepts: GCM objectives, guiding principles, SDG goals and targets, regions, types, statuses.

Each page says what the concept is (labels, notes and links from its
vocabulary, in the reader's language), how it maps to the other schemes
(the GCM → SDG crosswalk), how many entries use it in each region, and the
latest of them, with a link to the faceted search holding the same filter.
"""

from __future__ import annotations

from functools import lru_cache

from fastapi import Request
from fastapi.responses import HTMLResponse

from gcmkg.graph import page_queries as queries
from gcmkg.graph.page_data import PageData
from gcmkg.graph.queries import pick, pick_language
from gcmkg.graph.search import FILTER_DIMENSIONS
from gcmkg.graph.vocabulary_choices import fold
from gcmkg.names import (DCTERMS, GCM, OBJECTIVES_SCHEME, PREFIXES, RDF, RDFS, SDG, SDG_SCHEME, SKOS, WORLD,
                          local_href)

from .i18n import format_date, translator
from .indicator_pages import objective_panels
from .listing import count, listing
from .render import reader, render

OBJECTIVE_BASE = PREFIXES["objective"]
REGION_BASE = PREFIXES["region"]
SCHEME_PAGES = {
    OBJECTIVES_SCHEME: "/gcm/objectives",
    "https://w3id.org/gcmkg/gcm/principles": "/gcm/principles",
    SDG_SCHEME: "/sdg",
    "https://w3id.org/gcmkg/countries": "/countries",
}
# Notes worth showing, in this order, with their headings.
NOTES = ((SKOS + "definition", "Definition"), (SKOS + "scopeNote", "Scope"), (DCTERMS + "description", "Description"),
         (RDFS + "comment", "Note"))


def facet_dimension(request: Request, iri: str) -> str | None:
    """The facet of the search index that `iri` is a value of (objective, sdg_target, region...), if any."""
    bitmaps = request.app.state.search.facets.bitmaps
    return next((d for d in FILTER_DIMENSIONS if d != "kind" and iri in bitmaps[d]), None)


def region_table(request: Request, dimension: str, iri: str) -> list[dict]:
    """Entries with this concept in each M49 region (and global ones), split into practices and norms."""
    lang = reader(request).lang
    labels = request.app.state.concept_labels
    by_kind = {k: count(request, {dimension: [iri], "kind": [k]}, ("region",))["region"] for k in ("practice", "norm")}
    rows = []
    for region in by_kind["practice"]:
        p, n = by_kind["practice"].get(region, 0), by_kind["norm"].get(region, 0)
        label = translator(lang)("Global") if region == WORLD else labels.label(region, lang)
        short = request.app.state.short_values
        rows.append({"iri": region, "label": label, "practices": p, "norms": n, "total": p + n,
                     "href": f"/search?{dimension}={short.short(dimension, iri)}&region={short.short('region', region)}"})
    rows.sort(key=lambda r: (r["iri"] != WORLD, r["label"]))
    return rows


@lru_cache(maxsize=4)
def _crosswalk(public: PageData) -> tuple[tuple[str, str], ...]:
    return tuple(public.crosswalk())


def crosswalk(request: Request) -> tuple[tuple[str, str], ...]:
    return _crosswalk(request.app.state.public)


def _notes(triples, iri: str, lang: str) -> list[tuple[str, str, str | None]]:
    _ = translator(lang)
    out = []
    for predicate, heading in NOTES:
        texts = queries.literal_texts(triples, iri, predicate)
        text = pick(texts, lang)
        if text:
            text_lang = pick_language(texts, lang)
            out.append((_(heading), text, text_lang if text_lang and text_lang != lang else None))
    return out


def concept_page(request: Request, iri: str, triples, jsonld: str) -> HTMLResponse:
    """The page of a SKOS concept of one of our vocabularies (countries have their own page)."""
    lang = reader(request).lang
    _ = translator(lang)
    labels = request.app.state.concept_labels
    found = labels.get(iri, lang)
    label = found.label if found else (pick(queries.literal_texts(triples, iri, SKOS + "prefLabel"), lang) or iri)
    schemes = queries.objects(triples, iri, SKOS + "inScheme")
    scheme = schemes[0] if schemes else None
    dimension = facet_dimension(request, iri)
    weight = None
    if iri.startswith(OBJECTIVE_BASE) and dimension:
        # `objectives=primary`: count the practices that have it as a primary objective only.
        weight = "primary" if request.query_params.get("objectives") == "primary" else "all"
        dimension = "primary_objective" if weight == "primary" else dimension
    context: dict = {"iri": iri, "label": label, "notation": found.notation if found else "",
                     "short": found.short if found and found.short != found.label else "",
                     "notes": _notes(triples, iri, lang), "jsonld": jsonld.replace("</", "<\\/"),
                     "scheme": (SCHEME_PAGES.get(scheme) or _local(request, scheme),
                                _scheme_title(request, scheme, lang)) if scheme else None,
                     "sources": [t.object.value for t in triples if t.subject.value == iri
                                 and t.predicate.value == DCTERMS + "source"],
                     "see_also": [t.object.value for t in triples if t.subject.value == iri
                                  and t.predicate.value == RDFS + "seeAlso"]}
    eyebrow = _("Concept")
    broader = [b for b in queries.objects(triples, iri, SKOS + "broader")]
    context["broader"] = [(b, labels.label(b, lang)) for b in broader]
    children = request.app.state.public.narrower(iri)
    context["narrower"] = []
    if iri.startswith(OBJECTIVE_BASE):
        eyebrow = _("GCM objective {n}", n=found.notation if found else iri.rsplit("/", 1)[-1])
        number = int(iri.rsplit("/", 1)[-1]) if iri.rsplit("/", 1)[-1].isdigit() else 0
        context["prev_next"] = [(OBJECTIVE_BASE + str(n), _("Objective {n}", n=n), rel)
                                for n, rel in ((number - 1, "prev"), (number + 1, "next")) if 1 <= n <= 23]
        context["mapped"] = [(t, labels.get(t, lang)) for o, t in crosswalk(request) if o == iri]
        context["mapped_heading"] = _("SDG targets this objective maps to")
        context["indicator_panels"] = objective_panels(request, iri, lang)   # only indicators with data
    elif iri.startswith(SDG):
        eyebrow = (_("SDG target {n}", n=found.notation) if dimension == "sdg_target" else
                   _("Sustainable Development Goal {n}", n=found.notation) if dimension == "sdg_goal" else
                   _("SDG indicator {n}", n=found.notation if found else ""))
        targets = {t for t, _n in children} | {iri}
        context["mapped"] = [(o, labels.get(o, lang)) for o, t in crosswalk(request) if t in targets]
        context["mapped_heading"] = _("GCM objectives mapped to this goal or its targets") \
            if dimension == "sdg_goal" else _("GCM objectives mapped to this target")
    elif iri.startswith(REGION_BASE):
        eyebrow = _("Region (UN M49 {code})", code=iri.rsplit("/", 1)[-1])
    elif GCM + "Grouping" in queries.objects(triples, iri, RDF + "type"):
        eyebrow = _("Grouping of countries")
        context.update(_grouping(request, iri, triples, dimension, lang))
        context["scheme"] = context["scheme"] or ("/groupings", _("Groupings of countries"))
    if children:
        child_counts: dict[str, int] = {}
        if dimension:
            for counts in count(request, {dimension: [iri]}, ("sdg_target", "subregion", "country")).values():
                child_counts.update(counts)
        by_label = iri.startswith(REGION_BASE)
        context["narrower"] = sorted(
            [(c, labels.get(c, lang), child_counts.get(c)) for c, _n in children],
            key=lambda x: (x[1].label if x[1] else x[0]) if by_label else _natural(x[1].notation if x[1] else ""))
    if dimension:
        context["listing"] = listing(request, {dimension: [iri]})
        context["regions"] = region_table(request, dimension, iri)
        context["dimension"] = dimension
        context["objectives"] = weight
    else:
        # Not a facet (an organisation type, a review status): the entries that link to it.
        public = request.app.state.public
        links = public.entries_linking_to(iri)
        context["linked"] = public.entry_summaries(list(links)[:200], lang)
    return render(request, "concept.html", title=label, eyebrow=eyebrow, **context)


def _grouping(request: Request, iri: str, triples, dimension: str | None, lang: str) -> dict:
    """A grouping's members with their entries counted under it, its associate members apart (they are not
    counted), and how and when its list was read."""
    labels = request.app.state.concept_labels
    counts = count(request, {dimension: [iri]}, ("country",))["country"] if dimension else {}

    def named(countries: list[str], counted: bool) -> list[tuple[str, str, int | None]]:
        return sorted(((c, labels.label(c, lang), counts.get(c, 0) if counted else None) for c in countries),
                      key=lambda m: fold(m[1]))
    read = queries.literal_texts(triples, iri, DCTERMS + "date")
    how = queries.literal_texts(triples, iri, SKOS + "editorialNote")
    text = pick(how, lang) or ""
    written_in = pick_language(how, lang)     # the fallback's language, if not ours
    return {"members": named(queries.objects(triples, iri, SKOS + "member"), True),
            "associates": named(queries.objects(triples, iri, GCM + "associateMember"), False),
            "read_on": format_date(next(iter(read.values())), lang) if read else "",
            "how_read": text, "how_read_lang": written_in if written_in and written_in != lang else None}


def _natural(notation: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in notation.replace("-", ".").split("."))


def _local(request: Request, iri: str | None) -> str:
    return local_href(iri, request.app.state.base_iri) if iri else ""


def _scheme_title(request: Request, scheme: str, lang: str) -> str:
    return request.app.state.public.labels([scheme], lang).get(scheme, scheme.rsplit("/", 1)[-1])
