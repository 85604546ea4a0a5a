"""When an entry was last checked against its source (gcm:lastChecked, issue 13): a reader sees the day
on the entry page in their language and in the entry's JSON; an entry nobody re-checked says nothing."""

from __future__ import annotations

import html
from importlib import resources

import httpx
import rdflib

HTML = {"Accept": "text/html"}
GCM = rdflib.Namespace("https://w3id.org/gcmkg/ontology#")
CHECKED = "arg-ley-25871-migraciones"


# Where each entry type lives in the demo, and its page and API path segments.
ENTRY_TYPES = (("norms.ttl", GCM.NationalNorm, "norm", "norms"), ("practices.ttl", GCM.Practice, "practice", "practices"))


def _an_entry_nobody_re_checked() -> tuple[str, str, str]:
    """A demo entry without gcm:lastChecked, read from the demo files (the passes keep checking more):
    its page segment, API segment and id."""
    for filename, entry_class, page, api in ENTRY_TYPES:
        graph = rdflib.Graph().parse(resources.files("gcmkg.demo") / filename)
        unchecked = sorted(
            str(entry).rsplit("/", 1)[1]
            for entry in graph.subjects(rdflib.RDF.type, entry_class)
            if (entry, GCM.lastChecked, None) not in graph
        )
        if unchecked:
            return page, api, unchecked[0]
    raise AssertionError("every demo norm and practice is checked: this test needs an entry nobody re-checked")


def _page(site, path, lang):
    return html.unescape(httpx.get(site + path, params={"lang": lang}, headers=HTML).text)


def test_policymaker_sees_when_a_norm_was_last_checked_against_its_source(site):
    english = _page(site, f"/id/norm/{CHECKED}", "en")
    assert "Last checked against its source on 3 December 2026." in english
    assert english.lower().count("last checked") == 1, "said once, in the side panel, not again among the fields"
    spanish = _page(site, f"/id/norm/{CHECKED}", "es")
    assert "Comprobado por última vez con su fuente el" in spanish and "2026" in spanish
    assert "Vérifié pour la dernière fois auprès de sa source le" in _page(site, f"/id/norm/{CHECKED}", "fr")


def test_the_entry_json_carries_the_day_it_was_checked(site):
    doc = httpx.get(f"{site}/api/norms/{CHECKED}").json()
    assert doc["lastChecked"] == [{"value": "2026-12-03", "datatype": "http://www.w3.org/2001/XMLSchema#date"}]


def test_an_entry_not_re_checked_claims_no_check(site):
    page, api, not_checked = _an_entry_nobody_re_checked()
    assert "Last checked against its source" not in _page(site, f"/id/{page}/{not_checked}", "en")
    assert httpx.get(f"{site}/api/{api}/{not_checked}").json()["lastChecked"] == []
