"""A regional reviewer finds every grouping of countries on one page, and a programmer in its JSON twin."""

from __future__ import annotations

import html
import re

import httpx

ECA = "https://w3id.org/gcmkg/grouping/eca"
CARIBBEAN = "https://w3id.org/gcmkg/grouping/eclac-caribbean"


def _page(site: str, path: str, lang: str = "en") -> str:
    r = httpx.get(site + path, headers={"Accept": "text/html", "Accept-Language": lang})
    assert r.status_code == 200, r.text
    return html.unescape(r.text)


def test_a_regional_reviewer_reads_each_grouping_with_its_members_and_entries(site):
    api = httpx.get(site + "/api/vocabularies/groupings").json()
    by_iri = {g["iri"]: g for g in api["groupings"]}
    assert by_iri[ECA]["members"] == 54 and by_iri[ECA]["associate_members"] == 0
    assert by_iri[CARIBBEAN]["members"] == 16 and by_iri[CARIBBEAN]["associate_members"] == 13
    page = _page(site, "/groupings")
    for g in api["groupings"]:
        row = re.search(r'<tr>\s*<th scope="row"><a href="' + re.escape(g["html"]) + r'">(.*?)</tr>', page, re.S)
        assert row, g["iri"]
        cells = re.findall(r'<td class="num">(.*?)</td>', row.group(1), re.S)
        numbers = [re.sub(r"<[^>]+>", "", c).strip() for c in cells]
        assert numbers == [str(g["members"]), str(g["associate_members"]), str(g["entries"])]
        assert g["label"] in row.group(1) and g["sources"][0] in row.group(1)


def test_the_entries_counted_under_a_grouping_are_those_its_search_finds(site):
    for g in httpx.get(site + "/api/vocabularies/groupings").json()["groupings"]:
        assert httpx.get(site + g["search"]).json()["total"] == g["entries"]
    eca = next(g for g in httpx.get(site + "/api/vocabularies/groupings").json()["groupings"] if g["iri"] == ECA)
    assert eca["entries"] > 0
    assert f'href="/search?grouping=eca"' in _page(site, "/groupings")


def test_the_groupings_index_speaks_spanish_and_french(site):
    es = _page(site, "/groupings", "es")
    assert "Agrupaciones de países" in es and "Comisión Económica para África" in es and "Miembros asociados" in es
    fr = _page(site, "/groupings", "fr")
    assert "Groupements de pays" in fr and "Commission économique pour l'Afrique" in fr
    api = httpx.get(site + "/api/vocabularies/groupings", params={"lang": "fr"}).json()
    assert next(g for g in api["groupings"] if g["iri"] == ECA)["label"] == "Commission économique pour l'Afrique"


def test_the_index_is_reached_from_the_vocabularies_and_from_each_grouping(site):
    assert 'href="/groupings"' in _page(site, "/vocabularies")
    assert any(v["name"] == "groupings" and v["href"] == "/api/vocabularies/groupings"
               for v in httpx.get(site + "/api/vocabularies").json())
    for grouping in ("/grouping/eca", "/grouping/eclac-caribbean"):
        page = _page(site, grouping)
        breadcrumb = re.search(r'<nav class="breadcrumbs".*?</nav>', page, re.S).group(0)
        assert 'href="/groupings"' in breadcrumb
