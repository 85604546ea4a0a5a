"""A researcher reads indicator data on the pages and through the JSON API: the same filters, the same
numbers, problems for bad parameters, downloads, a map, the data-availability matrix, country charts.
Generated cubes, loaded by `gcmkg indicators load`, served by a real `gcmkg serve`."""

from __future__ import annotations

import csv
import html
import io
import re

import httpx
import pytest

from indicator_cubes import AREAS, INDICATOR, YEARS, cube_site, empty_site, value  # noqa: F401 - fixtures

HTML = {"Accept": "text/html"}


def text_of(response) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", response.text))


def test_a_reader_is_told_plainly_that_no_indicator_data_is_loaded_yet(empty_site):
    listing = httpx.get(empty_site + "/indicators", headers=HTML)
    assert listing.status_code == 200 and "No indicator data is loaded yet" in text_of(listing)
    assert "Inbound mobility rate" in listing.text          # the definitions are there
    page = httpx.get(empty_site + f"/indicators/{INDICATOR}", headers=HTML)
    assert "No data is loaded for this indicator yet" in text_of(page) and "<svg class=\"indicator-chart" not in page.text
    assert "UNESCO Institute for Statistics" in page.text and "uis.unesco.org" in page.text   # the UIS citation
    assert "No indicator data is loaded yet" in text_of(httpx.get(empty_site + "/indicators/availability"))
    assert {i["observations"] for i in httpx.get(empty_site + "/api/indicators").json()} == {0}
    spanish = httpx.get(empty_site + "/indicators?lang=es", headers=HTML)
    assert "Todavía no hay datos de indicadores cargados" in text_of(spanish)


def test_a_researcher_filters_observations_by_country_period_and_sex_as_json(cube_site):
    r = httpx.get(cube_site + f"/api/indicators/{INDICATOR}/observations",
                  params={"area": ["ARG", "CHL"], "from": "2012", "to": "2014", "sex": "F"})
    assert r.status_code == 200, r.text
    doc = r.json()
    got = {(o["area"], o["period"]): o["value"] for o in doc["observations"]}
    assert got == {(a, str(y)): value(a, y, "F") for a in ("ARG", "CHL") for y in (2012, 2013, 2014)}
    assert doc["total"] == 6 and {o["sex"] for o in doc["observations"]} == {"F"}
    # Status filter: only the estimated year.
    estimated = httpx.get(cube_site + f"/api/indicators/{INDICATOR}/observations",
                          params={"area": "URY", "status": "E"}).json()["observations"]
    assert {(o["period"], o["sex"]) for o in estimated} == {("2020", s) for s in ("_T", "F", "M")}
    # Paging.
    first = httpx.get(cube_site + f"/api/indicators/{INDICATOR}/observations", params={"limit": 5}).json()
    second = httpx.get(cube_site + f"/api/indicators/{INDICATOR}/observations",
                       params={"limit": 5, "offset": 5}).json()
    assert first["total"] == len(AREAS) * len(YEARS) * 3 and len(first["observations"]) == 5
    assert first["observations"][-1] != second["observations"][0]
    detail = httpx.get(cube_site + f"/api/indicators/{INDICATOR}").json()
    assert detail["availability"]["ARG"] == [str(y) for y in YEARS]
    assert detail["datasets"][0]["codes"]["SEX"] == ["_T", "F", "M"]
    assert httpx.get(cube_site + "/api/indicators/availability").json()["indicators"]["inbound-mobile-students"] \
        == {"ARG": ["2020"], "CHL": ["2020"]}


@pytest.mark.parametrize(("params", "parameter"), [
    ({"area": "XXX"}, "area"), ({"from": "20x0"}, "from"), ({"from": "2015", "to": "2012"}, "from"),
    ({"level": "9"}, "level"), ({"sex": "Q"}, "sex"), ({"status": "Z"}, "status"), ({"limit": "0"}, "limit")])
def test_a_bad_parameter_is_a_problem_that_names_it(cube_site, params, parameter):
    r = httpx.get(cube_site + f"/api/indicators/{INDICATOR}/observations", params=params)
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["parameter"] == parameter and r.json()["type"].endswith("/invalid-parameter")
    page = httpx.get(cube_site + f"/indicators/{INDICATOR}", params=params, headers=HTML)
    assert page.status_code == 422 or parameter == "limit"


def test_an_unknown_indicator_is_not_found_and_the_api_is_documented(cube_site):
    assert httpx.get(cube_site + "/api/indicators/nothing/observations").json()["status"] == 404
    assert httpx.get(cube_site + "/indicators/nothing", headers=HTML).status_code == 404
    paths = httpx.get(cube_site + "/openapi.json").json()["paths"]
    documented = {p["name"] for p in paths["/api/indicators/{code}/observations"]["get"]["parameters"]}
    assert {"area", "from", "to", "sex", "level", "migration", "status", "limit", "offset"} <= documented
    assert "/api/indicators/availability" in paths


def test_the_indicator_page_shows_chart_table_and_summary_of_the_same_numbers_as_the_api(cube_site):
    params = {"area": ["ARG", "CHL"], "from": "2015", "sex": "M"}
    page = httpx.get(cube_site + f"/indicators/{INDICATOR}", params=params, headers=HTML)
    assert page.status_code == 200
    chart = re.search(r'<svg class="indicator-chart".*?</svg>', page.text, re.S).group(0)
    assert 'role="img"' in chart and chart.count('<g class="series">') == 2
    table = re.search(r'<table class="indicator-table">.*?</table>', page.text, re.S).group(0)
    cells = re.findall(r'<td class="num">([^<]*)</td>', table)
    api = httpx.get(cube_site + f"/api/indicators/{INDICATOR}/observations", params=params).json()["observations"]
    assert len(cells) == len(api) == 12
    assert cells[0] == f"{value('ARG', 2015, 'M'):g}" and cells[-1] == f"{value('CHL', 2020, 'M'):g} (E)"
    summary = text_of(httpx.get(cube_site + f"/indicators/{INDICATOR}", params=params))
    assert (f"Argentina rose from {value('ARG', 2015, 'M'):g} in 2015 to {value('ARG', 2020, 'M'):g} in 2020"
            in summary), summary
    assert "highest latest value: Chile" in summary
    # Downloads of the dataset, and the method with its citation.
    assert f"/indicators/{INDICATOR}/rate.sdmx.csv" in page.text and "https://uis.unesco.org/node/3079622" in page.text
    # With no countries chosen, the five with the latest data are charted.
    default = httpx.get(cube_site + f"/indicators/{INDICATOR}", headers=HTML).text
    assert default.count('<g class="series">') == 5


def test_the_indicator_page_reads_in_spanish_with_spanish_numbers(cube_site):
    page = httpx.get(cube_site + f"/indicators/{INDICATOR}", params={"area": "ARG", "sex": "F", "lang": "es"})
    said = text_of(page)
    assert "Argentina subió de 1,5 en 2010 a 11,5 en 2020" in said, said[:2000]
    assert "Evolución en el tiempo" in said


def test_the_datasets_download_as_csv_and_sdmx_csv(cube_site):
    sdmx = list(csv.reader(io.StringIO(httpx.get(cube_site + f"/indicators/{INDICATOR}/rate.sdmx.csv").text)))
    assert sdmx[0] == ["DATAFLOW", "REF_AREA", "TIME_PERIOD", "SEX", "OBS_VALUE", "OBS_STATUS"]
    assert len(sdmx) == 1 + len(AREAS) * len(YEARS) * 3 and sdmx[1][0] == "GCMKG:rate(1.0)"
    plain = list(csv.reader(io.StringIO(httpx.get(cube_site + f"/indicators/{INDICATOR}/rate.csv").text)))
    assert plain[0][0] == "REF_AREA" and ["ARG", "2010", "F", "1.5", "A"] in plain
    assert httpx.get(cube_site + f"/indicators/{INDICATOR}/other.csv").status_code == 404


def test_the_map_colours_countries_by_their_value_for_a_year_with_a_table_beside(cube_site):
    page = httpx.get(cube_site + f"/indicators/{INDICATOR}/map", params={"year": "2015"}, headers=HTML)
    assert page.status_code == 200
    levels = {label: int(level) for level, label in
              re.findall(r'class="country level-(\d)" d="[^"]*"><title>([^:<]+):', page.text)}
    assert levels["Argentina"] < levels["Uruguay"] and levels["France"] == 0
    rows = re.findall(r'<th scope="row"><a href="[^"]*">([^<]+)</a></th><td class="num">([^<]+)</td>', page.text)
    assert rows[0] == ("Uruguay", f"{value('URY', 2015):g}") and len(rows) == len(AREAS)
    assert httpx.get(cube_site + f"/indicators/{INDICATOR}/map", params={"year": "1999"},
                     headers=HTML).status_code == 422


def test_the_availability_matrix_shows_which_countries_have_data_for_which_years(cube_site):
    page = httpx.get(cube_site + "/indicators/availability", headers=HTML)
    said = text_of(page)
    assert "2010–2020" in said and "Uruguay" in said
    assert re.search(r"Argentina.*?2010–2020.*?2020", said, re.S)       # the rate, then the flows (by destination)


def test_a_country_page_shows_a_small_chart_only_where_there_is_data(cube_site):
    chile = httpx.get(cube_site + "/country/CHL", headers=HTML)
    assert 'class="indicator-panels"' in chile.text and "indicator-chart small" in chile.text
    assert f"Chile rose from {value('CHL', 2010):g} in 2010 to {value('CHL', 2020):g} in 2020" in text_of(chile)
    assert 'class="indicator-panels"' not in httpx.get(cube_site + "/country/FRA", headers=HTML).text


def test_the_indicator_iri_opens_its_page_in_a_browser(cube_site):
    page = httpx.get(cube_site + f"/indicator/{INDICATOR}", headers=HTML)
    assert page.status_code == 200 and 'class="indicator-meta"' in page.text
    assert "text/turtle" in httpx.get(cube_site + f"/indicator/{INDICATOR}",
                                      headers={"Accept": "text/turtle"}).headers["content-type"]


def test_a_new_version_of_a_dataset_is_what_the_pages_read_next(memory_kg):
    from gcmkg.graph.cubes import Dataset, put_dataset
    from gcmkg.graph.indicator_queries import ObservationFilter
    from gcmkg.graph.page_data import PageData
    from gcmkg.ingest.observations import Row

    def rows(years):
        return [Row(n, {"REF_AREA": "ARG", "TIME_PERIOD": str(y), "OBS_VALUE": str(y - 2000)})
                for n, y in enumerate(years, start=2)]
    columns = ["REF_AREA", "TIME_PERIOD", "OBS_VALUE"]
    public = PageData(memory_kg.public)
    put_dataset(memory_kg, Dataset("rate", INDICATOR, columns, rows(range(2010, 2015))))
    assert public.datasets(INDICATOR)[0].coverage == {"ARG": tuple(str(y) for y in range(2010, 2015))}
    put_dataset(memory_kg, Dataset("rate", INDICATOR, columns, rows([2019, 2020])))
    assert public.datasets(INDICATOR)[0].coverage == {"ARG": ("2019", "2020")}      # not the summary read before
    assert [o.value for o in public.observations(INDICATOR, ObservationFilter(("ARG",)))] == ["19", "20"]


def test_the_sparql_examples_over_the_cubes_answer_with_the_loaded_data(cube_site):
    from gcmkg.graph.example_queries import EXAMPLES

    def run(title: str) -> list[dict]:
        query = next(e.query for e in EXAMPLES if e.title.startswith(title))
        r = httpx.get(cube_site + "/sparql", params={"query": query},
                      headers={"Accept": "application/sparql-results+json"})
        assert r.status_code == 200, r.text
        return [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]
    over_time = run("Indicator values for a country over time")
    assert len(over_time) == len(YEARS) * 3 and {r["indicator"].rsplit("/", 1)[-1] for r in over_time} == {INDICATOR}
    covered = {(r["indicator"].rsplit("/", 1)[-1], r["country"].rsplit("/", 1)[-1]): r for r in
               run("Which countries have data for which indicator")}
    assert covered[(INDICATOR, "URY")]["periods"] == str(len(YEARS)) and ("inbound-mobile-students", "CHL") in covered
    formulas = run("Indicators computed from others")
    assert {r["indicator"].rsplit("/", 1)[-1] for r in formulas} == {"inbound-mobility-rate", "outbound-mobility-ratio",
                                                                     "net-flow-ratio"}


def test_a_flows_dataset_reads_as_a_table_of_the_largest_flows_with_a_sentence(cube_site):
    page = httpx.get(cube_site + "/indicators/inbound-mobile-students", headers=HTML)
    assert page.status_code == 200
    said = text_of(page)
    assert ("In 2020, 2 flows between pairs of countries, 150 students in all; the largest: Argentina to Chile, 100."
            in said)
    table = page.text[page.text.index('id="flows-flows"'):]
    rows = re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td><td class=\"num\">([^ <]+)", table)
    assert rows == [("Argentina", "Chile", "100"), ("Chile", "Argentina", "50")], "largest first"
    spanish = text_of(httpx.get(cube_site + "/indicators/inbound-mobile-students",
                                headers={**HTML, "Accept-Language": "es"}))
    assert "el mayor: de Argentina a Chile, 100." in spanish
    refused = httpx.get(cube_site + "/indicators/inbound-mobile-students", params={"flow_year": "1999"},
                        headers={"Accept": "application/json"})
    assert refused.status_code == 422 and refused.json()["parameter"] == "flow_year"
