"""A real gcmkg server over the demo data with the demo people as accounts, for the curation HTTP tests.

People sign in the way the server checks them: an API token (`Authorization:
Bearer`) for scripts, a session cookie for browsers — both issued here through
the curation database the server reads (its SQLite file beside the store).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from conftest import gcmkg, start_server, stop
from gcmkg.curation import db
from gcmkg.curation.accounts import Account, Accounts
from gcmkg.curation.demo import add_people
from gcmkg.curation.demo import sample_practice_json as practice_json  # noqa: F401 - for the tests
from gcmkg.curation.sessions import Sessions
from gcmkg.curation.gate import SESSION_COOKIE



@dataclass
class CurationSite:
    url: str
    store: Path
    sessions: Sessions
    people: dict[str, Account]      # by the e-mail's local part: "alice_contributor", "ext_one"...
    passwords: dict[str, str] = field(default_factory=dict)     # the same keys, when asked for

    def token(self, who: str, role: str | None = None) -> dict[str, str]:
        """Headers of a script acting as `who` with one of their roles (their first, by default)."""
        account = self.people[who]
        return {"Authorization": "Bearer " + self.sessions.issue_token(account, role or sorted(account.roles)[0])}

    def browser(self, who: str) -> httpx.Client:
        """A browser signed in as `who` (a session cookie), asking for pages."""
        session = self.sessions.open_session(self.people[who])
        return httpx.Client(base_url=self.url, cookies={SESSION_COOKIE: session}, headers={"Accept": "text/html"},
                            timeout=30)


def open_site(tmp_path: Path, *, passwords: bool = False, before_serving: Callable[[Path], None] | None = None):
    """Start the server; yields a CurationSite (with each person's password to sign in with, if asked),
    stops the server after. `before_serving(store)` may run commands on the store first (`gcmkg ingest`)."""
    store = tmp_path / "store"
    assert gcmkg("--store", str(store), "demo").returncode == 0
    engine = db.open_database(str(store))
    accounts = Accounts(engine)
    made = add_people(accounts, passwords=passwords)
    people = {_key(a): a for a in accounts.list()}
    secrets = {_key(a): password for a, password in made.values() if password}
    if before_serving is not None:
        before_serving(store)
    proc, url = start_server("--store", str(store))
    try:
        yield CurationSite(url, store, Sessions(accounts), people, secrets)
    finally:
        stop(proc)
        engine.dispose()


def open_site_with(folder: Path, turtle: str):
    """`open_site` with the entries of `turtle` loaded into the demo store first (`gcmkg load`)."""
    data = folder / "entries.ttl"
    data.write_text(turtle)

    def load(store: Path) -> None:
        loaded = gcmkg("--store", str(store), "load", str(data))
        assert loaded.returncode == 0, loaded.stderr
    yield from open_site(folder, before_serving=load)


def post_new(browser: httpx.Client, kind: str, data: dict) -> httpx.Response:
    """Fill in the new-entry form of `kind` ("practice", "instrument"...) with `data` and send it."""
    form = browser.get(f"/curate/new/{kind}")
    return browser.post(f"/curate/new/{kind}", data={**data, "csrf": csrf_of(form.text)})


def saved_entry(saved: httpx.Response) -> str:
    """The id (``practice/slug``) of the entry a form post saved, from the edit page it redirects to."""
    return saved.headers["location"].split("?")[0][len("/curate/entries/"):-len("/edit")]


def field_problems(page: str, key: str) -> str:
    """What an edit page says under the field `key` (``party.0.dateConsent``)."""
    return page.split(f'id="problems-{key}"')[1].split("</div>")[0]


def site_with_users(folder: Path, users: dict[str, list[str]], names: dict[str, str] | None = None):
    """A server on the demo store with `users` ({e-mail: roles}) made by `gcmkg user add`, as an operator
    makes them (named from `names`, else from their e-mail); yields (url, {e-mail: the password printed
    once}) and stops the server after."""
    store = folder / "store"
    assert gcmkg("--store", str(store), "demo").returncode == 0
    passwords = {}
    for email, roles in users.items():
        added = gcmkg("--store", str(store), "user", "add", email, "--name",
                      (names or {}).get(email) or email.split("@")[0].title(),
                      *[a for role in roles for a in ("--role", role)])
        assert added.returncode == 0, added.stderr
        passwords[email] = re.search(r"password \(shown once\): (\S+)", added.stdout).group(1)
    proc, url = start_server("--store", str(store))
    try:
        yield url, passwords
    finally:
        stop(proc)


def sign_in(client: httpx.Client, email: str, password: str, next_: str = "/account") -> httpx.Response:
    """Sign in through the login form, as a browser without JavaScript does."""
    page = client.get("/login", params={"next": next_}, headers={"Accept": "text/html"})
    return client.post("/login", data={"email": email, "password": password, "next": next_,
                                       "csrf": csrf_of(page.text)})


def _key(account: Account) -> str:
    return account.email.split("@")[0].replace(".", "_")


def csrf_of(html: str) -> str:
    """The CSRF token a page's forms carry."""
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def review_json(verdict: str = "approve") -> dict:
    from gcmkg.curation.reviews import CRITERIA
    return {"verdict": verdict, "comment": "Clear and well documented.",
            "assessments": {c: {"met": True, "justification": f"The entry is {c}: see its summary."}
                            for c in CRITERIA}}


def review_round(site, entry_id: str) -> None:
    """Submitted by Alice, assigned by Carlos to one UN and two external reviewers, who approve it."""
    alice, carlos = site.token("alice_contributor"), site.token("carlos_curator")
    assert httpx.post(f"{site.url}/api/curation/entries/{entry_id}/transitions/submit", headers=alice).status_code == 200
    for who in ("una_reviewer", "ext_one", "ext_two"):
        r = httpx.post(f"{site.url}/api/curation/entries/{entry_id}/assignments", headers=carlos,
                       json={"reviewer": site.people[who].email, "due": "2030-01-31"})
        assert r.status_code == 200, r.text
        reviewer = site.token(who)
        assert httpx.post(f"{site.url}/api/curation/entries/{entry_id}/conflict-declaration", headers=reviewer,
                          json={"conflict": False}).status_code == 200
        assert httpx.get(f"{site.url}/api/curation/entries/{entry_id}/review-copy", headers=reviewer).status_code == 200
        r = httpx.post(f"{site.url}/api/curation/entries/{entry_id}/reviews", headers=reviewer, json=review_json())
        assert r.status_code == 201, r.text
