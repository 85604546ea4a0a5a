"""International instruments in the submission form (issue 13): a treaty with its parties, each a record of
sub-fields read from the shape of gcm:party's class, checked at the row and field, then published with its
parties on the instrument's page. Over HTTP against a real server on the demo data."""

from __future__ import annotations

import re

import httpx
import pytest

from curation_site import csrf_of, open_site, review_round

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


def post_new(browser: httpx.Client, data: dict) -> httpx.Response:
    form = browser.get("/curate/new/instrument")
    return browser.post("/curate/new/instrument", data={**data, "csrf": csrf_of(form.text)})


def test_a_contributor_files_an_instrument_with_its_parties_and_finds_them_on_return(site):
    with site.browser("alice_contributor") as browser:
        blank = browser.get("/curate/new/instrument", headers={"Accept-Language": "fr"})
        assert blank.status_code == 200 and "Instrument international" in blank.text
        assert 'name="party.1.dateEntryIntoForce"' in blank.text and "parties 2" in blank.text   # two rows at least
        saved = post_new(browser, instrument("Seasonal work agreement"))
        assert saved.status_code == 303, saved.text
        edit = saved.headers["location"].split("?")[0]
        assert re.fullmatch(r"/curate/entries/norm/seasonal-work-agreement-[0-9a-f]{8}/edit", edit)
        page = browser.get(edit).text
    assert re.search(r'name="party\.1\.dateConsent"[^>]*value="2021"', page)
    assert "Reserves article 4." in page and 'name="party.2.partyCountry"' in page    # a blank row to add one
    draft = httpx.get(f"{site.url}/api/curation/entries/{edit[len('/curate/entries/'):-len('/edit')]}",
                      headers={**site.token("alice_contributor"), "Accept": "text/turtle"}).text
    assert f"{BASE}country/NER" in draft and '"accession"' in draft and "Party" in draft


def test_a_bad_date_in_a_party_row_is_shown_at_that_row_and_field(site):
    with site.browser("alice_contributor") as browser:
        unread = post_new(browser, instrument("Agreement with a bad date", **{"party.1.dateConsent": ["15/01/2021"]}))
        assert unread.status_code == 422
        assert "parties 2: date of ratification or accession: “15/01/2021” is neither a date" in unread.text
        assert re.search(r'id="field-party\.1\.dateConsent"[^>]*has-error|class="form-field has-error" '
                         r'id="field-party\.1\.dateConsent"', unread.text)
        # A date that reads but breaks a rule of the party's shape: consent after the withdrawal.
        later = post_new(browser, instrument("Agreement left before it was ratified",
                                             **{"party.0.dateWithdrawal": ["2019-06-01"]}))
        assert later.status_code == 303
        page = browser.get(later.headers["location"].split("?")[0]).text
    problems = page.split('id="problems-party.0.dateConsent"')[1].split("</div>")[0]
    assert "no later than the withdrawal" in problems


def test_a_published_instrument_lists_its_parties_on_its_page(site):
    with site.browser("alice_contributor") as browser:
        saved = post_new(browser, instrument("Seasonal work agreement to publish"))
    entry_id = saved.headers["location"].split("?")[0][len("/curate/entries/"):-len("/edit")]
    review_round(site, entry_id)
    published = httpx.post(f"{site.url}/api/curation/entries/{entry_id}/transitions/publish",
                           headers=site.token("carlos_curator"))
    assert published.status_code == 200, published.text
    page = httpx.get(f"{site.url}/id/{entry_id}", headers={"Accept": "text/html"}).text
    assert "Mali" in page and "Niger" in page and "Reserves article 4." in page
    parties = httpx.get(f"{site.url}/api/norms/{entry_id.split('/')[1]}", params={"at": "2022-01-01"}).json()["parties"]
    assert len(parties) == 2
