"""Rendering a page: the Jinja environment, the reader's language and what every template may use.

Every page is a plain GET URL; the language is `?lang=` (remembered in a
cookie so the links of the page keep it), else the cookie, else
Accept-Language. Responses say `Vary: Accept, Accept-Language, Cookie`.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from gcmkg.names import local_href

from .i18n import COOKIE, LANGUAGES, choose_language, format_date, format_number, translator

WEB = Path(str(files("gcmkg.web")))

ENV = Environment(loader=FileSystemLoader(str(WEB / "templates")), autoescape=select_autoescape(),
                  trim_blocks=True, lstrip_blocks=True)


@dataclass(frozen=True)
class Reader:
    """Who is reading: the language of the page and whether they chose it with `?lang=`."""
    lang: str
    explicit: bool


def reader(request: Request) -> Reader:
    lang, explicit = choose_language(request.query_params.get("lang"), request.cookies.get(COOKIE),
                                     request.headers.get("accept-language"))
    return Reader(lang, explicit)


def with_params(request: Request, drop: tuple[str, ...] = (), **changes) -> str:
    """The current URL with some parameters changed (None removes one), for links that keep the state."""
    items = [(k, v) for k, v in request.query_params.multi_items() if k not in changes and k not in drop]
    for k, v in changes.items():
        if v is None:
            continue
        if isinstance(v, (list, tuple)):
            items.extend((k, str(x)) for x in v)
        else:
            items.append((k, str(v)))
    query = urlencode(items)
    return request.url.path + ("?" + query if query else "")


def render(request: Request, template: str, *, status: int = 200, title: str = "", **context) -> HTMLResponse:
    """The page `template` in the reader's language, with the common context every template uses."""
    who = reader(request)
    _ = translator(who.lang)
    base = request.app.state.base_iri
    switch = [{"code": code, "name": name, "href": with_params(request, lang=code), "current": code == who.lang}
              for code, name in LANGUAGES.items()]
    html = ENV.get_template(template).render(
        request=request, lang=who.lang, _=_, title=title, languages=switch,
        href=lambda iri: local_href(iri, base),
        date=lambda v: format_date(v, who.lang), number=lambda n: format_number(n, who.lang),
        url=lambda **changes: with_params(request, **changes),
        path=request.url.path, **context)
    response = HTMLResponse(html, status_code=status, headers={
        "Vary": "Accept, Accept-Language, Cookie", "Content-Language": who.lang})
    if who.explicit and request.cookies.get(COOKIE) != who.lang:
        response.set_cookie(COOKIE, who.lang, max_age=365 * 24 * 3600, samesite="lax")
    return response
