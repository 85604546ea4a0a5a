"""Entry pages: a practice, a national norm or an organisation, every field in the reader's language.

The fields, their names, groups and order come from graph/entry_view.py (read
from the SHACL shapes), the same view the JSON API serves; this module only
turns values into what a reader sees and adds the related entries, the
citation line and the embedded JSON-LD.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from fastapi import Request
from pyoxigraph import NamedNode
from fastapi.responses import HTMLResponse

from gcmkg.graph.entry_view import EntryView, Value
from gcmkg.graph.instrument_parties import day
from gcmkg.graph.search_facet_index import natural_key
from gcmkg.graph.search import SearchRequest
from gcmkg.graph.vocabulary_choices import fold
from gcmkg.names import SDG, XSD

from .i18n import LANGUAGE_NAMES, format_date, translator
from .listing import listing
from .profile_pages import entry_section
from .render import local_href, reader, render
from .search_pages import Page

DATE_TYPES = {XSD + "date", XSD + "gYear", XSD + "gYearMonth", XSD + "dateTime"}
LONG_TEXT = {"abstract", "benefitAndImpact", "keyLessons", "replicationRecommendations", "innovation"}
KIND_NAMES = {"practice": "Practice", "norm": "National norm", "organisation": "Organisation",
              "instrument": "International instrument"}
# How an organisation takes part in an entry, by property local name.
ROLES = {"implementingOrganisation": "implementing organisation", "partnerOrganisation": "partner",
         "donorOrganisation": "donor", "passed_by": "issuing body", "reviewedBy": "reviewer"}


@dataclass
class Shown:
    """One value as shown: text, a link (local or external), its language."""
    text: str
    href: str | None = None
    lang: str | None = None
    external: bool = False
    note: str | None = None     # "translated from Spanish (machine translation)"


TRANSLATION_NOTES = {"machine": "translated from {language} (machine translation)",
                     "human": "translated from {language} (human translation)",
                     None: "translated from {language}"}


def translation_note(view: EntryView, text_lang: str | None, lang: str) -> str | None:
    """What a reader is told beside a text in `text_lang` that is a translation, in the page's language."""
    record = view.translation_of(text_lang) if text_lang else None
    if record is None:
        return None
    source = record.translated_from or ""
    return translator(lang)(TRANSLATION_NOTES.get(record.method, TRANSLATION_NOTES[None]),
                            language=LANGUAGE_NAMES[lang].get(source, source))


def shown(value: Value, field_key: str, lang: str, base: str) -> Shown:
    _ = translator(lang)
    if value.iri:
        href = local_href(value.iri, base)
        external = href == value.iri
        text = value.iri if external and value.text == value.iri else value.text
        return Shown(text, href, None, external)
    if value.datatype in DATE_TYPES:
        return Shown(format_date(value.text, lang))
    if value.datatype == XSD + "boolean":
        return Shown(_("Yes") if value.text in ("true", "1") else _("No"))
    if value.datatype == XSD + "language":
        return Shown(LANGUAGE_NAMES[lang].get(value.text.lower(), value.text))
    return Shown(value.text, None, value.lang if value.lang and value.lang != lang else None)


def field_rows(view: EntryView, base: str, aside: frozenset[str] = frozenset()) \
        -> list[tuple[str, list[tuple[str, str, bool, list[Shown]]]]]:
    """(group heading, [(field key, field name, long text?, values)]) for the page; `aside`: fields the page
    shows elsewhere (the public page's side panel says when the entry was last checked)."""
    out = []
    for group, fields in view.groups():
        rows = []
        for field, values in fields:
            if field.key in aside or field.key == "title" and len(values) < 2:
                continue                    # the title is the page's heading; list it only with translations
            if all(v.iri for v in values):      # links: objectives and SDGs by number, the rest by name
                values = sorted(values, key=lambda v: natural_key(v.iri) if ("/objective/" in v.iri or
                                v.iri.startswith(SDG)) else (fold(v.text),))
            rows.append((field.key, field.name(view.lang), field.key in LONG_TEXT,
                         [replace(shown(v, field.key, view.lang, base), note=translation_note(view, v.lang, view.lang))
                          for v in values]))
        if rows:
            out.append((group, rows))
    return out


def _values(view: EntryView, key: str) -> list[Value]:
    return next((values for field, values in view.fields if field.key == key), [])


def citation(view: EntryView, url: str, lang: str) -> str:
    """A citation line: who, title, when, where it is published here, when it was read."""
    _ = translator(lang)
    if view.kind == "norm":
        who = ", ".join(v.text for v in _values(view, "jurisdiction"))
        ident = ", ".join(v.text for v in _values(view, "id_local"))
        when = next((v.text for v in _values(view, "date_document")), "")
        head = f"{who}. " + (f"{ident}: " if ident else "") + f"{view.title}"
        when_text = f" ({when[:4]})" if when else ""
    else:
        who = ", ".join(v.text for v in _values(view, "implementingOrganisation")
                        or _values(view, "passed_by"))
        when = next((v.text for v in _values(view, "startDate")), "")
        head = (f"{who}. " if who else "") + view.title
        when_text = f" ({when[:4]})" if when else ""
    accessed = format_date(date.today().isoformat(), lang)
    return f"{head}{when_text}. {_('GCM Knowledge Graph')}. {url} ({_('accessed {date}', date=accessed)})."


OBJECTIVE_KEYS = ("primaryObjective", "secondaryObjective", "addressesObjective")
PLACE_KEYS = ("spatial", "jurisdiction")


def related_entries(request: Request, view: EntryView, limit: int = 8) -> list[tuple[dict, int, int]]:
    """Entries sharing objectives and places with this one, most shared first: (row, objectives, places).

    Asked of the search index (entries with one of the objectives and one of the places, then with
    one of the objectives), so it stays fast at any size.
    """
    index = request.app.state.search
    objectives = {v.iri for key in OBJECTIVE_KEYS for v in _values(view, key) if v.iri}
    places = {v.iri for key in PLACE_KEYS for v in _values(view, key) if v.iri}
    if not objectives:
        return []
    vocabulary = index.vocabulary
    dimension = vocabulary.dimension if vocabulary else {}
    by_dimension: dict[str, list[str]] = {}
    for place in places:
        key = dimension.get(place)
        if key is None and vocabulary and vocabulary.country_of(place):    # a city: the entries of its country
            key, place = "country", vocabulary.country_of(place)
        elif key is None and vocabulary and place in vocabulary.grouping_iris:
            key = "grouping"
        by_dimension.setdefault(key or "country", []).append(place)
    attempts = [{"objective": sorted(objectives), d: sorted(p)} for d, p in by_dimension.items()]
    attempts.append({"objective": sorted(objectives)})
    lang = view.lang
    seen: dict[str, tuple] = {}
    last = None
    for filters in attempts:
        sreq = SearchRequest(filters=filters, sort="newest", lang=lang, page_size=100, facets=())
        last = index.search(sreq)
        for row in last.rows:
            if row.iri != view.iri and row.iri not in seen:
                shared_o = len(objectives & set(row.objectives))
                shared_p = len(places & set(row.countries + row.regions))
                seen[row.iri] = (row, shared_o, shared_p)
        if len(seen) >= limit:
            break
    best = sorted(seen.values(), key=lambda t: (-t[2], -t[1], -(t[0].year or 0), t[0].title))[:limit]
    if last is None or not best:
        return []
    page = Page(request, None, SearchRequest(lang=lang), replace(last, rows=[b[0] for b in best]))
    return [(row, o, p) for row, (_r, o, p) in zip(page.rows(), best)]


def peer_review(request: Request, view: EntryView) -> str | None:
    """"reviewed by 3 experts (1 UN, 2 external), approved on DATE" for an entry published through the
    workbench: how many reviewers and of which kind, never who (None: not published that way)."""
    curation = getattr(request.app.state, "curation", None)
    summary = curation.workbench.published_review(NamedNode(view.iri)) if curation is not None else None
    if summary is None or not summary.reviewers:
        return None
    _ = translator(view.lang)
    approved = next((v.text for v in _values(view, "reviewedOn")), "")
    text = _("reviewed by {n} experts ({un} UN, {external} external)", n=summary.reviewers, un=summary.un,
             external=summary.external)
    return text + (_(", approved on {date}", date=format_date(approved, view.lang)) if approved else "")


def last_checked(view: EntryView) -> str | None:
    """"Last checked against its source on DATE" when a curator recorded that check (gcm:lastChecked);
    None when nobody has re-checked the entry since it was written."""
    checked = next((v.text for v in _values(view, "lastChecked")), "")
    return translator(view.lang)("Last checked against its source on {date}.",
                                 date=format_date(checked, view.lang)) if checked else None


def entry_page(request: Request, iri: str, jsonld: str) -> HTMLResponse | None:
    """The page of a published entry, or None when `iri` is no practice, norm or organisation."""
    lang = reader(request).lang
    public = request.app.state.public
    base = request.app.state.base_iri
    view = public.entry(iri, lang)
    if view is None:
        return None
    title_lang = next((v.lang for v in _values(view, "title") + _values(view, "prefLabel")
                       if v.text == view.title and v.lang), None)
    related = related_entries(request, view) if view.kind in ("practice", "norm", "instrument") else []
    parties, status = [], None
    try:
        at = day(request.query_params.get("at"))
    except ValueError:
        at = day(None)
    labels = request.app.state.concept_labels
    if view.kind in ("norm", "instrument"):
        # The status as the amending chain makes it on the day (graph/amendments.py), with the amending norms.
        state, amenders = public.norm_status(iri, at)
        status = {"iri": state, "label": labels.label(state, lang) if state else "",
                  "amenders": public.entry_summaries(amenders, lang)}
    if view.kind == "practice":
        # Planned, ongoing or completed, from its dates on the day (graph/practice_status.py).
        state = public.practice_status(iri, at)
        status = {"iri": state, "label": labels.label(state, lang) if state else "", "amenders": []}
    if view.kind == "instrument":
        parties = [{**p, "label": labels.label(p["country"], lang)} for p in public.instrument_parties(iri, at)]
        parties.sort(key=lambda p: p["label"])
    involved, involved_listing, units = [], None, []
    if view.kind == "organisation":
        units = public.units(iri, lang)     # its regional offices and other units (org:subOrganizationOf)
        # Through the index (an organisation can take part in thousands of entries), roles for this page only.
        involved_listing = listing(request, {"organisation": [iri]}, size=20, facets=())
        links = public.links_to([r["row"].iri for r in involved_listing.rows], iri)
        _ = translator(lang)
        involved = [(r, sorted({_(ROLES[key]) for p in links.get(r["row"].iri, ())
                                if (key := p.replace("#", "/").rsplit("/", 1)[-1]) in ROLES}))
                    for r in involved_listing.rows]
    url = request.app.state.public_url + request.url.path
    return render(request, "entry.html", peer_review=peer_review(request, view), last_checked=last_checked(view), title=view.title, view=view, title_lang=title_lang,
                  title_note=translation_note(view, title_lang, lang),
                  kind_name=KIND_NAMES[view.kind], groups=field_rows(view, base, frozenset({"lastChecked"})), related=related,
                  involved=involved, involved_listing=involved_listing, units=units, parties=parties, at=at, chain=status, citation=citation(view, iri if iri.startswith("https://w3id.org/") else url, lang),
                  jsonld=jsonld.replace("</", "<\\/"), iri=iri,
                  profile_sections=entry_section(request, iri) if view.kind == "norm" else [])
