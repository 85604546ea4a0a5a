"""A reader (and a screen reader) opens /places as a short list of countries, each country's places a page.

/places held all 3,591 places at once (374 KB); it now lists the countries that have places, with how many
each has, and each country's provinces and cities are at /places?country=XXX. /api/vocabularies/places
still gives every place with its country.
"""

from __future__ import annotations

import html
import re

import httpx


def _page(site: str, path: str, lang: str = "en") -> httpx.Response:
    return httpx.get(site + path, headers={"Accept": "text/html", "Accept-Language": lang}, timeout=30)


def _places_by_country(site: str) -> dict[str, int]:
    """Country code -> how many places lie in it (at any depth), from the JSON API."""
    concepts = httpx.get(site + "/api/vocabularies/places", timeout=30).json()["concepts"]
    broader = {c["iri"]: c.get("broader") for c in concepts}
    out: dict[str, int] = {}
    for iri in broader:
        up = broader[iri]
        while up in broader:
            up = broader[up]
        out[up.rsplit("/", 1)[-1]] = out.get(up.rsplit("/", 1)[-1], 0) + 1
    return out


def test_the_places_page_lists_each_country_once_with_its_number_of_places(site):
    r = _page(site, "/places")
    assert r.status_code == 200 and len(r.content) < 100_000, len(r.content)
    text = html.unescape(r.text)
    listed = {code: int(n.replace(",", "")) for code, n in
              re.findall(r'href="/places\?country=([A-Z]{3})">[^<]+</a> <span class="hint">([\d,]+) places', text)}
    assert listed == _places_by_country(site)
    assert 'href="/place/' not in text.split("<main")[1], "no place is listed on the countries' page"


def test_a_countrys_page_lists_its_places_and_only_them(site):
    expected = _places_by_country(site)
    for code in ("BRA", "AFG"):
        text = html.unescape(_page(site, f"/places?country={code}").text)
        places = set(re.findall(r'href="(/place/[^"]+)"', text))
        assert len(places) == expected[code]
        assert 'href="/places"' in re.search(r'<nav class="breadcrumbs".*?</nav>', text, re.S).group(0)
    assert "Provincias y ciudades de Brasil" in _page(site, "/places?country=BRA", "es").text


def test_an_unknown_country_is_a_404_naming_it(site):
    r = _page(site, "/places?country=ZZZ")
    assert r.status_code == 404 and "ZZZ" in r.text
