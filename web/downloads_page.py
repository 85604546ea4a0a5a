"""The downloads page (/dumps/ for browsers): the dump files, their size and date, the licence, and how to
load them into another store. Machines asking for RDF get the same files described in DCAT (api/dumps.py)."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from .i18n import format_number, translator
from .render import reader, render

LICENCE = "https://creativecommons.org/licenses/by/4.0/"
FORMATS = {"application/trig": "TriG", "application/n-quads": "N-Quads"}


def human_size(size: int, lang: str) -> str:
    """Bytes as a reader writes them.

    >>> human_size(1_234_567, "en"), human_size(1_234_567, "fr"), human_size(950, "es")
    ('1.2 MB', '1,2 MB', '950 B')
    """
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            text = f"{size / scale:.1f}"
            return (text if lang == "en" else text.replace(".", ",")) + " " + unit
    return format_number(size, lang) + " B"


def downloads_page(request: Request, dumps) -> HTMLResponse:
    """The page; `dumps` are api/dumps.Dump records of the store as it is now."""
    lang = reader(request).lang
    files = [{"name": d.name, "href": f"/dumps/{d.name}", "format": FORMATS.get(d.media_type, d.media_type),
              "media_type": d.media_type, "size": human_size(d.size, lang), "bytes": d.size,
              "date": d.modified.date().isoformat()} for d in dumps]
    return render(request, "downloads.html", title=translator(lang)("Downloads"), files=files, licence=LICENCE,
                  public_url=request.app.state.public_url)
