"""Entry pages: a practice, a national norm or an organisation, every field in the reader's language.

The fields, their names, groups and order come from graph/entry_view.py (read
from the SHACL shapes), the same view the JSON API serves; this module only
turns values into what a reader sees and adds the related entries, the
citation line and the embedded JSON-LD.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fastapi import Request
from fastapi.responses import HTMLResponse

from gcmkg.graph.entry_view import EntryView, Value, entry_view
from gcmkg.names import XSD

from . import queries
from .i18n import LANGUAGE_NAMES, format_date, translator
from .render import local_href, reader, render

DATE_TYPES = {XSD + "date", XSD + "gYear", XSD + "gYearMonth", XSD + "dateTime"}
LONG_TEXT = {"abstract", "benefitAndImpact", "keyLessons", "replicationRecommendations", "innovation"}
KIND_NAMES = {"practice": "Practice", "norm": "National norm", "organisation": "Organisation"}
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


def field_rows(view: EntryView, base: str) -> list[tuple[str, list[tuple[str, str, bool, list[Shown]]]]]:
    """(group heading, [(field key, field name, long text?, values)]) for the page."""
    out = []
    for group, fields in view.groups():
        rows = []
        for field, values in fields:
            if field.key == "title" and len(values) < 2:
                continue                    # the title is the page's heading; list it only with translations
            rows.append((field.key, field.name(view.lang), field.key in LONG_TEXT,
                         [shown(v, field.key, view.lang, base) for v in values]))
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


def entry_page(request: Request, iri: str, jsonld: str) -> HTMLResponse | None:
    """The page of a published entry, or None when `iri` is no practice, norm or organisation."""
    lang = reader(request).lang
    store = request.app.state.kg.public
    base = request.app.state.base_iri
    view = entry_view(store, iri, lang)
    if view is None:
        return None
    title_lang = next((v.lang for v in _values(view, "title") + _values(view, "prefLabel")
                       if v.text == view.title and v.lang), None)
    related = []
    if view.kind in ("practice", "norm"):
        ranked = queries.related_entries(store, iri)
        shared = {other: (o, p) for other, o, p in ranked}
        related = [(s, *shared[s.iri]) for s in queries.entry_summaries(store, [r[0] for r in ranked], lang)]
    involved = []
    if view.kind == "organisation":
        links = queries.entries_linking_to(store, iri)
        summaries = queries.entry_summaries(store, [e for e in links if e != iri], lang)
        _ = translator(lang)
        involved = [(s, sorted({_(ROLES[key]) for p in links[s.iri]
                                if (key := p.replace("#", "/").rsplit("/", 1)[-1]) in ROLES}))
                    for s in summaries if s.kind != "organisation"]
        involved.sort(key=lambda pair: (pair[0].kind, pair[0].title))
    url = str(request.base_url).rstrip("/") + request.url.path
    return render(request, "entry.html", title=view.title, view=view, title_lang=title_lang,
                  kind_name=KIND_NAMES[view.kind], groups=field_rows(view, base), related=related,
                  involved=involved, citation=citation(view, iri if iri.startswith("https://w3id.org/") else url, lang),
                  jsonld=jsonld.replace("</", "<\\/"), iri=iri)
