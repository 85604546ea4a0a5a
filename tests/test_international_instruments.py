"""A policymaker looks up treaties with their parties: who is bound on a given day (issue 13).

The demo holds two instruments: the ECOWAS free-movement protocol (Burkina Faso, Mali and
Niger left ECOWAS on 29 January 2025) and the Ibero-American social security agreement
(in force for each State from its own date, Colombia last, 1 August 2023).
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import httpx
from pyoxigraph import NamedNode, RdfFormat, parse

from gcmkg.graph.instrument_parties import instruments_of, parties_of

HTML = {"Accept": "text/html"}
ECOWAS = "https://w3id.org/gcmkg/id/norm/ecowas-protocol-free-movement-1979"
IBERO = "https://w3id.org/gcmkg/id/norm/ibero-american-multilateral-agreement-social-security-2007"
ECOWAS_TITLE = "ECOWAS Protocol relating to Free Movement of Persons, Residence and Establishment"


def instruments_section(site: str, country: str, **params) -> str:
    text = html.unescape(httpx.get(f"{site}/country/{country}", params=params, headers=HTML).text)
    return text.split('id="instruments-heading"', 1)[1].split("</section>", 1)[0]


def test_country_page_lists_instruments_the_country_is_party_to_at_a_date(site):
    assert ECOWAS_TITLE in instruments_section(site, "MLI", at="2025-01-28")
    after = instruments_section(site, "MLI", at="2025-01-29")
    assert ECOWAS_TITLE not in after and "Mali is party to no published instrument on 29 January 2025." in after
    assert ECOWAS_TITLE not in instruments_section(site, "MLI")           # today
    assert ECOWAS_TITLE in instruments_section(site, "NGA")
    colombia = instruments_section(site, "COL", at="2023-07-31")
    assert "Social Security" not in colombia
    assert "Ibero-American Multilateral Agreement on Social Security" in instruments_section(site, "COL", at="2023-08-01")
    spanish = instruments_section(site, "MLI", at="2024-06-01", lang="es")
    assert "Instrumentos internacionales en los que Malí es parte" in spanish
    french = instruments_section(site, "MLI", at="2025-01-29", lang="fr")
    assert "Mali n'est partie à aucun instrument publié le 29 janvier 2025." in french, "dates as the reader writes them"


def test_the_parties_table_gives_its_dates_as_the_reader_writes_them(site):
    page = html.unescape(httpx.get(site + "/id/norm/ecowas-protocol-free-movement-1979",
                                   params={"lang": "es", "at": "2024-06-01"}, headers=HTML).text)
    table = page[page.index('<table class="parties">'):page.index("</table>", page.index('<table class="parties">'))]
    assert "Parte el 1 de junio de 2024" in table
    mali = table[table.index(">Malí</a>"):table.index("</tr>", table.index(">Malí</a>"))]
    assert "29 de enero de 2025" in mali and "2025-01-29" not in mali


def test_a_bad_date_on_the_country_page_is_named(site):
    r = httpx.get(site + "/country/MLI", params={"at": "29/01/2025"}, headers=HTML)
    assert r.status_code == 422 and "at" in r.text and "29/01/2025" in html.unescape(r.text)


def test_facets_count_an_instrument_for_its_parties_today_not_its_region(site):
    def titles(**params):
        doc = httpx.get(site + "/api/norms", params={**params, "page_size": 100}).json()
        return {r["title"] for r in doc["results"]}
    assert ECOWAS_TITLE in titles(country="NGA")
    assert ECOWAS_TITLE not in titles(country="MLI")                    # withdrew on 2025-01-29
    assert ECOWAS_TITLE in titles(subregion="011")                      # Western Africa, through Nigeria
    counts = httpx.get(site + "/api/norms", params={"subregion": "011", "facets": "country"}).json()
    by_country = {v["short"]: v["count"] for v in counts["facets"]["country"]}
    nigeria_norms = httpx.get(site + "/api/norms", params={"country": "NGA"}).json()["total"]
    assert by_country["NGA"] == nigeria_norms and not by_country.get("BFA") and not by_country.get("NER")
    assert "Ibero-American Multilateral Agreement on Social Security" in titles(country="COL")
    assert "Ibero-American Multilateral Agreement on Social Security" not in titles(country="MEX")   # not a party


def test_search_results_show_an_instrument_as_an_instrument(site):
    doc = httpx.get(site + "/api/norms", params={"country": "NGA"}).json()
    kinds = {r["title"]: r["kind"] for r in doc["results"]}
    assert kinds[ECOWAS_TITLE] == "instrument"
    page = html.unescape(httpx.get(site + "/norms", params={"country": "NGA"}, headers=HTML).text)
    assert 'class="badge kind-instrument">International instrument<' in page


def test_instrument_json_gives_each_party_with_its_dates_and_sources(site):
    slug = ECOWAS.rsplit("/", 1)[-1]
    before = httpx.get(f"{site}/api/norms/{slug}", params={"at": "2025-01-28"}).json()
    after = httpx.get(f"{site}/api/norms/{slug}", params={"at": "2025-01-29"}).json()
    assert before["kind"] == "instrument" and before["parties_on"] == "2025-01-28"
    mali = {p["country"].rsplit("/", 1)[-1]: p for p in before["parties"]}["MLI"]
    assert mali["party_on_date"] and mali["withdrawal"] == "2025-01-29"
    assert len(mali["sources"]) == 2           # deep links, not home pages
    assert all(s.startswith("https://") and urlsplit(s).path.strip("/") for s in mali["sources"])
    assert not {p["country"].rsplit("/", 1)[-1]: p for p in after["parties"]}["MLI"]["party_on_date"]
    assert len(before["parties"]) == 15
    bad = httpx.get(f"{site}/api/norms/{slug}", params={"at": "2025-02-30"})
    assert bad.status_code == 422 and bad.json()["parameter"] == "at"


def test_instrument_page_has_a_table_of_parties_on_a_date(site):
    text = html.unescape(httpx.get(site + "/id/norm/" + IBERO.rsplit("/", 1)[-1], params={"at": "2020-01-01"},
                                   headers=HTML).text)
    table = text.split('id="parties"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr><th scope="row"><a [^>]*>([^<]+)</a></th>\s*<td>(yes|no)</td>', table)
    bound = {name: answer for name, answer in rows}
    assert len(rows) == 13 and bound["Spain"] == "yes" and bound["Colombia"] == "no"
    assert "1 August 2023" in table and "www.seg-social.es" in table


PARTY_DATES = """
@prefix gcm: <https://w3id.org/gcmkg/ontology#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/gcmkg/id/norm/t> a gcm:InternationalInstrument ;
  gcm:reviewStatus <https://w3id.org/gcmkg/review-status/approved> ;
  eli:first_date_entry_in_force "2000-01-01"^^xsd:date ;
  gcm:party [ gcm:partyCountry <https://w3id.org/gcmkg/country/ARG> ] ,                      # founding, no dates
            [ gcm:partyCountry <https://w3id.org/gcmkg/country/BRA> ; gcm:dateSigned "1999"^^xsd:gYear ] ,  # signed only
            [ gcm:partyCountry <https://w3id.org/gcmkg/country/CHL> ; gcm:dateConsent "2005-03-01"^^xsd:date ;
              gcm:dateEntryIntoForce "2005-06-01"^^xsd:date ] ,
            [ gcm:partyCountry <https://w3id.org/gcmkg/country/PER> ; gcm:dateConsent "2001"^^xsd:gYear ;
              gcm:dateWithdrawal "2010-07-01"^^xsd:date ] .
"""


def test_who_is_a_party_follows_from_the_dates_of_each_record(memory_kg):
    store = memory_kg.public
    store.replace_graphs({NamedNode("https://w3id.org/gcmkg/id/norm/t"): list(parse(PARTY_DATES, format=RdfFormat.TURTLE))})

    def parties(at):
        return {c.rsplit("/", 1)[-1] for c in ("ARG", "BRA", "CHL", "PER")
                if instruments_of(store, "https://w3id.org/gcmkg/country/" + c, at)}
    assert parties("1999-12-31") == set()                       # the instrument is not yet in force
    assert parties("2000-01-01") == {"ARG"}                     # a founding party; Brazil only signed
    assert parties("2001-01-01") == {"ARG", "PER"}              # a year ("2001") stands for its first day
    assert parties("2005-05-31") == {"ARG", "PER"}              # Chile consented, not yet in force for it
    assert parties("2005-06-01") == {"ARG", "CHL", "PER"}
    assert parties("2010-07-01") == {"ARG", "CHL"}              # Peru's withdrawal took effect
    records = {p["country"].rsplit("/", 1)[-1]: p for p in parties_of(store, "https://w3id.org/gcmkg/id/norm/t", "2006")}
    assert records["BRA"]["signed"] == "1999" and not records["BRA"]["party_on_date"]
    assert records["CHL"]["party_on_date"] and records["CHL"]["consent"] == "2005-03-01"


def test_a_bad_date_in_a_party_record_is_named_at_its_instrument_when_loading(tmp_path):
    from conftest import gcmkg
    from gcmkg.graph.system_graphs import demo_files

    text = next(f for f in demo_files() if f.name == "instruments.ttl").read_text(encoding="utf-8")
    start = text.index("norm:ecowas-protocol-free-movement-1979 a")
    entry = text[:start] + text[start:text.index(" .\n\n", start) + 3]
    broken = tmp_path / "ecowas.ttl"
    broken.write_text(entry.replace('gcm:dateWithdrawal "2025-01-29"^^xsd:date', 'gcm:dateWithdrawal "2025-01-29"', 1),
                      encoding="utf-8")
    store = tmp_path / "store"
    assert gcmkg("--store", str(store), "init").returncode == 0
    refused = gcmkg("--store", str(store), "load", str(broken))
    assert refused.returncode == 2 and "internal error" not in refused.stderr
    assert f"{broken}: {ECOWAS}, property <https://w3id.org/gcmkg/ontology#dateWithdrawal>, value \"2025-01-29\"" \
        in refused.stderr, refused.stderr
