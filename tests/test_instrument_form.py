"""International instruments in the submission form (issue 13): a treaty with its parties, each a record of
sub-fields read from the shape of gcm:party's class, checked at the row and field, then published with its
parties on the instrument's page. Over HTTP against a real server on the demo data."""

from __future__ import annotations

import html
import io
import re

import httpx
import pytest
from openpyxl import load_workbook

from curation_site import csrf_of, field_problems, open_site, post_new, review_round, saved_entry

BASE = "https://w3id.org/gcmkg/"
STATUS_PAGE = "https://example.org/treaties/seasonal-work/status"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from open_site(tmp_path_factory.mktemp("instrument-form"))


def instrument(title: str, **changes) -> dict:
    data = {"title.text": [title], "title.lang": ["en"], "language": ["en"],
            "type_document": [BASE + "norm-type/agreement"], "addressesObjective": [BASE + "gcm/objective/5"],
            "normStatus": [BASE + "norm-status/in-force"], "abstract.text": ["A regional agreement on seasonal work."],
            "abstract.lang": ["en"], "source": ["https://example.org/treaties/seasonal-work"],
            "party.0.partyCountry": ["Mali"], "party.0.dateSigned": ["2019-03-01"],
            "party.0.dateConsent": ["2020-01-15"], "party.0.consentForm": ["ratification"],
            "party.0.dateEntryIntoForce": ["2020-04-01"], "party.0.partySource": [STATUS_PAGE],
            "party.1.partyCountry": ["Niger"], "party.1.dateConsent": ["2021"], "party.1.consentForm": ["accession"],
            "party.1.reservation.text": ["Reserves article 4."], "party.1.reservation.lang": ["en"],
            "party.1.partySource": [STATUS_PAGE]}
    data.update(changes)
    return data


def test_a_contributor_files_an_instrument_with_its_parties_and_finds_them_on_return(site):
    with site.browser("alice_contributor") as browser:
        blank = browser.get("/curate/new/instrument", headers={"Accept-Language": "fr"})
        assert blank.status_code == 200 and "Instrument international" in blank.text
        assert 'name="party.1.dateEntryIntoForce"' in blank.text and "parties 2" in blank.text   # two rows at least
        assert '<input type="radio" name="party.0.consentForm" value="accession">' in blank.text     # from sh:in
        assert "adhésion" in html.unescape(blank.text), "a form of consent in the reader's language"
        saved = post_new(browser, "instrument", instrument("Seasonal work agreement"))
        assert saved.status_code == 303, saved.text
        edit = saved.headers["location"].split("?")[0]
        assert re.fullmatch(r"/curate/entries/norm/seasonal-work-agreement-[0-9a-f]{8}/edit", edit)
        page = browser.get(edit).text
    assert re.search(r'name="party\.1\.dateConsent"[^>]*value="2021"', page)
    assert "Reserves article 4." in page and 'name="party.2.partyCountry"' in page    # a blank row to add one
    assert 'name="party.1.consentForm" value="accession" checked' in page
    draft = httpx.get(f"{site.url}/api/curation/entries/{edit[len('/curate/entries/'):-len('/edit')]}",
                      headers={**site.token("alice_contributor"), "Accept": "text/turtle"}).text
    assert f"{BASE}country/NER" in draft and '"accession"' in draft and "Party" in draft


def test_a_bad_date_in_a_party_row_is_shown_at_that_row_and_field(site):
    with site.browser("alice_contributor") as browser:
        unread = post_new(browser, "instrument",
                          instrument("Agreement with a bad date", **{"party.1.dateConsent": ["15/01/2021"]}))
        assert unread.status_code == 422
        assert "parties 2: date of ratification or accession: “15/01/2021” is neither a date" in unread.text
        assert re.search(r'id="field-party\.1\.dateConsent"[^>]*has-error|class="form-field has-error" '
                         r'id="field-party\.1\.dateConsent"', unread.text)
        # A date that reads but breaks a rule of the party's shape: consent after the withdrawal.
        later = post_new(browser, "instrument", instrument("Agreement left before it was ratified",
                                             **{"party.0.dateWithdrawal": ["2019-06-01"]}))
        assert later.status_code == 303
        page = browser.get(later.headers["location"].split("?")[0]).text
    assert "no later than the withdrawal" in field_problems(page, "party.0.dateConsent")


def test_a_published_instrument_lists_its_parties_on_its_page(site):
    with site.browser("alice_contributor") as browser:
        saved = post_new(browser, "instrument", instrument("Seasonal work agreement to publish"))
    entry_id = saved_entry(saved)
    review_round(site, entry_id)
    published = httpx.post(f"{site.url}/api/curation/entries/{entry_id}/transitions/publish",
                           headers=site.token("carlos_curator"))
    assert published.status_code == 200, published.text
    page = httpx.get(f"{site.url}/id/{entry_id}", headers={"Accept": "text/html"}).text
    assert "Mali" in page and "Niger" in page and "Reserves article 4." in page
    parties = httpx.get(f"{site.url}/api/norms/{entry_id.split('/')[1]}", params={"at": "2022-01-01"}).json()["parties"]
    assert len(parties) == 2


def test_an_instrument_and_its_parties_come_from_the_spreadsheet_template_with_problems_at_their_cells(site):
    answer = httpx.get(site.url + "/curate/template/instrument.xlsx", headers={"Accept-Language": "en"})
    assert answer.status_code == 200
    book = load_workbook(io.BytesIO(answer.content))
    assert book.sheetnames[:3] == ["entries", "translations", "parties"]
    entries, parties = book["entries"], book["parties"]

    def fill(sheet, row: int, values: dict) -> None:
        for key, value in values.items():
            column = next(c.column for c in sheet[1] if c.value and c.value.endswith(f"[{key}]"))
            sheet.cell(row, column).value = value
    fill(entries, 2, {"title@en": "Seasonal work agreement from a sheet", "language": "en",
                      "type_document": "agreement", "addressesObjective": "5", "normStatus": "in-force",
                      "abstract@en": "A regional agreement on seasonal work.",
                      "source": "https://example.org/treaties/sheet"})
    fill(parties, 2, {"party.row": 2, "party.partyCountry": "Mali", "party.dateConsent": "2020-01-15",
                      "party.partySource": STATUS_PAGE})
    fill(parties, 3, {"party.row": 2, "party.partyCountry": "NER", "party.dateConsent": "soon",
                      "party.reservation@fr": "Réserve sur l'article 4.", "party.partySource": STATUS_PAGE})
    body = io.BytesIO()
    book.save(body)
    with site.browser("alice_contributor") as browser:
        token = csrf_of(browser.get("/curate/upload/instrument").text)
        uploaded = browser.post("/curate/upload/instrument", data={"csrf": token},
                                files={"file": ("filled.xlsx", body.getvalue())})
        assert uploaded.status_code == 200, uploaded.text
        page = html.unescape(uploaded.text)
        consent = next(c.column_letter for c in parties[1] if c.value.endswith("[party.dateConsent]"))
        assert re.search(rf"<td>row 2, column parties!{consent}3</td><td>parties 2: date of ratification or "
                         rf"accession</td><td>“soon” is neither", page), page
        edit = re.search(r'href="(/curate/entries/norm/seasonal-work-agreement-from-a-sheet-[0-9a-f]+/edit)"', page)
        draft = html.unescape(browser.get(edit.group(1)).text)
    assert "Réserve sur l'article 4." in draft and re.search(r'name="party\.1\.partyCountry"[^>]*value="NER', draft)


def test_a_script_reads_and_saves_an_instruments_parties_through_the_json_api(site):
    with site.browser("alice_contributor") as browser:
        saved = post_new(browser, "instrument", instrument("Seasonal work agreement by script"))
    entry_id = saved_entry(saved)
    url, alice = f"{site.url}/api/curation/entries/{entry_id}", site.token("alice_contributor")
    got = httpx.get(url, headers=alice)
    parties = got.json()["party"]
    assert [p["partyCountry"] for p in parties] == [[f"{BASE}country/MLI"], [f"{BASE}country/NER"]]
    assert parties[1]["reservation"] == [{"value": "Reserves article 4.", "lang": "en"}]
    doc = {k: v for k, v in got.json().items() if k not in ("id", "iri", "state", "version", "actions")}
    doc["party"][0]["dateWithdrawal"] = ["2024-01-31"]
    put = httpx.put(url, json=doc, headers={**alice, "If-Match": got.headers["ETag"]})
    assert put.status_code == 200, put.text
    assert put.json()["party"][0]["dateWithdrawal"] == ["2024-01-31"] and len(put.json()["party"]) == 2
    bad = httpx.put(url, json={**doc, "party": [{"dateSigned": "soon"}]}, headers={**alice, "If-Match": put.headers["ETag"]})
    assert bad.status_code == 422 and bad.json()["parameter"] == "party.0.dateSigned"
