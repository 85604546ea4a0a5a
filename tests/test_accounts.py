"""Accounts, roles, sessions, API tokens and one-time links, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import select, update

from curation_support import database_url, engine, postgres_url  # noqa: F401 - fixtures
from gcmkg.curation import db
from gcmkg.curation.accounts import AccountError, Accounts
from gcmkg.curation.sessions import (MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS, LoginRefused, Sessions,
                                     Throttled)

PASSWORD = "correct horse battery"


@pytest.fixture
def accounts(engine):
    return Accounts(engine)


@pytest.fixture
def sessions(accounts):
    return Sessions(accounts)


def test_admin_adds_a_reviewer_with_affiliation_languages_and_expertise(accounts):
    admin = accounts.add("Admin@Example.org", "Ada Admin", ["admin"], password=PASSWORD)
    reviewer = accounts.add("rita@un.example", "Rita Reviewer", ["reviewer", "contributor"], organisation="IOM",
                            affiliation="un", languages=["en", "fr"], objectives=[1, 15], actor=admin)
    assert admin.email == "admin@example.org"
    assert reviewer.roles == {"reviewer", "contributor"}
    assert (reviewer.affiliation, reviewer.languages, reviewer.objectives) == ("un", ("en", "fr"), (1, 15))
    assert reviewer.iri.startswith("https://w3id.org/gcmkg/agent/") and "rita" not in reviewer.iri.lower()
    assert [a.email for a in accounts.list("reviewer")] == ["rita@un.example"]
    log = accounts.audit_log()
    assert (log[0]["actor"], log[0]["action"], log[0]["target"]) == (admin.iri, "account.add", reviewer.iri)


def test_an_account_is_refused_with_a_clear_reason(accounts):
    accounts.add("a@example.org", "A")
    with pytest.raises(AccountError, match="already exists"):
        accounts.add("A@example.org", "A again")
    with pytest.raises(AccountError, match="unknown role 'editor'"):
        accounts.add("b@example.org", "B", ["editor"])
    with pytest.raises(AccountError, match="UN or external"):
        accounts.add("c@example.org", "C", ["reviewer"])
    with pytest.raises(AccountError, match="numbered 1 to 23"):
        accounts.add("d@example.org", "D", objectives=[24])
    with pytest.raises(AccountError, match="at least 12 characters"):
        accounts.add("e@example.org", "E", password="short")


def test_one_person_holds_several_roles_and_loses_one(accounts):
    accounts.add("cur@example.org", "Cur", ["contributor"], affiliation="external")
    assert accounts.set_roles("cur@example.org", add=["curator", "reviewer"]).roles == \
        {"contributor", "curator", "reviewer"}
    assert accounts.set_roles("cur@example.org", remove=["contributor"]).roles == {"curator", "reviewer"}


def test_passwords_are_kept_as_argon2id_hashes(accounts, engine):
    account = accounts.add("p@example.org", "P", password=PASSWORD)
    with engine.connect() as conn:
        stored = conn.scalar(select(db.accounts.c.password_hash).where(db.accounts.c.id == account.id))
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert accounts.password_matches(account, PASSWORD)
    assert not accounts.password_matches(account, PASSWORD + "!")


def test_login_opens_a_fresh_session_and_logout_everywhere_ends_them_all(accounts, sessions):
    accounts.add("s@example.org", "S", password=PASSWORD)
    account, first = sessions.login("s@example.org", PASSWORD, "10.0.0.1")
    assert sessions.session_account(first) == account
    _, renewed = sessions.login("S@example.org", PASSWORD, "10.0.0.1", replacing=first)
    assert renewed != first and sessions.session_account(first) is None, "login renews the session id"
    _, elsewhere = sessions.login("s@example.org", PASSWORD, "10.0.0.2")
    assert sessions.logout_everywhere(account) == 2
    assert sessions.session_account(renewed) is None and sessions.session_account(elsewhere) is None


def test_session_ids_are_hashed_at_rest_and_expire(accounts, sessions, engine):
    accounts.add("e@example.org", "E", password=PASSWORD)
    _, session_id = sessions.login("e@example.org", PASSWORD)
    with engine.begin() as conn:
        assert conn.scalar(select(db.sessions.c.id_hash)) != session_id
        conn.execute(update(db.sessions).values(expires_at=db.now()))
    assert sessions.session_account(session_id) is None


def test_login_is_throttled_per_account_even_with_the_right_password(accounts, sessions):
    accounts.add("t@example.org", "T", password=PASSWORD)
    for attempt in range(MAX_FAILURES_PER_ACCOUNT):
        with pytest.raises(LoginRefused):
            sessions.login("t@example.org", f"guess {attempt}", f"10.0.1.{attempt}")
    with pytest.raises(Throttled):
        sessions.login("t@example.org", PASSWORD, "10.0.2.1")


def test_login_is_throttled_per_address_across_accounts(accounts, sessions):
    accounts.add("victim@example.org", "V", password=PASSWORD)
    for n in range(MAX_FAILURES_PER_ADDRESS):
        with pytest.raises(LoginRefused):
            sessions.login(f"nobody{n}@example.org", "guess", "192.0.2.7")
    with pytest.raises(Throttled):
        sessions.login("victim@example.org", PASSWORD, "192.0.2.7")
    assert sessions.login("victim@example.org", PASSWORD, "192.0.2.8")[0].email == "victim@example.org"


def test_an_api_token_acts_with_one_role_is_hashed_at_rest_and_revocable(accounts, sessions, engine):
    account = accounts.add("bot@example.org", "Bot", ["contributor", "curator"])
    token = sessions.issue_token(account, "contributor", "import script")
    use = sessions.token_use(token)
    assert (use.account.email, use.role) == ("bot@example.org", "contributor")
    with engine.connect() as conn:
        assert token not in {r.token_hash for r in conn.execute(select(db.api_tokens))}
    with pytest.raises(AccountError, match="does not hold the role 'admin'"):
        sessions.issue_token(account, "admin")
    [listed] = sessions.tokens(account)
    sessions.revoke_token(account, listed["id"])
    assert sessions.token_use(token) is None
    assert sessions.token_use("gcmkg_forged") is None


def test_a_disabled_account_cannot_log_in_and_its_sessions_and_tokens_end(accounts, sessions):
    account = accounts.add("gone@example.org", "Gone", ["contributor"], password=PASSWORD)
    _, session_id = sessions.login("gone@example.org", PASSWORD)
    token = sessions.issue_token(account, "contributor")
    accounts.disable("gone@example.org")
    assert sessions.session_account(session_id) is None and sessions.token_use(token) is None
    with pytest.raises(LoginRefused):
        sessions.login("gone@example.org", PASSWORD)


def test_an_invitation_is_used_once(accounts, sessions):
    curator = accounts.add("cur@example.org", "Cur", ["curator"])
    secret = sessions.invite("new@example.org", ["reviewer"], curator)
    joined = sessions.accept_invitation(secret, "New Reviewer", PASSWORD, affiliation="external")
    assert joined.roles == {"reviewer"} and sessions.login("new@example.org", PASSWORD)
    with pytest.raises(AccountError, match="used or expired"):
        sessions.accept_invitation(secret, "Again", PASSWORD, affiliation="external")
    contributor = accounts.add("c@example.org", "C", ["contributor"])
    with pytest.raises(AccountError, match="only a curator or an admin"):
        sessions.invite("x@example.org", ["contributor"], contributor)
    with pytest.raises(AccountError, match="only an admin invites an admin"):
        sessions.invite("x@example.org", ["admin"], curator)


def test_an_expired_invitation_is_refused(accounts, sessions, engine):
    curator = accounts.add("cur@example.org", "Cur", ["curator"])
    secret = sessions.invite("late@example.org", ["contributor"], curator)
    with engine.begin() as conn:
        conn.execute(update(db.one_time_tokens).values(expires_at=db.now()))
    with pytest.raises(AccountError, match="used or expired"):
        sessions.accept_invitation(secret, "Late", PASSWORD)


def test_a_password_reset_works_once_and_ends_every_session(accounts, sessions):
    accounts.add("r@example.org", "R", password=PASSWORD)
    _, old_session = sessions.login("r@example.org", PASSWORD)
    assert sessions.request_password_reset("unknown@example.org") is None
    secret = sessions.request_password_reset("r@example.org")
    sessions.reset_password(secret, "a brand new passphrase")
    assert sessions.session_account(old_session) is None
    assert sessions.login("r@example.org", "a brand new passphrase")
    with pytest.raises(AccountError, match="used or expired"):
        sessions.reset_password(secret, "yet another passphrase")


def test_single_sign_on_identity_signs_in_as_the_account_with_its_roles(accounts):
    account = accounts.add("sso@example.org", "SSO", ["curator"])
    accounts.link_identity(account, "https://login.example.org", "subject-42")
    assert accounts.for_identity("https://login.example.org", "subject-42").roles == {"curator"}
    assert accounts.for_identity("https://login.example.org", "subject-43") is None


def test_a_session_opened_by_one_process_is_seen_by_another(accounts, sessions, database_url):
    accounts.add("shared@example.org", "Shared", password=PASSWORD)
    _, session_id = sessions.login("shared@example.org", PASSWORD)
    script = ("import sys; from gcmkg.curation import db; from gcmkg.curation.accounts import Accounts; "
              "from gcmkg.curation.sessions import Sessions; "
              "s = Sessions(Accounts(db.connect(sys.argv[1]))); print(s.session_account(sys.argv[2]).email); "
              "s.logout(sys.argv[2])")
    other = subprocess.run([sys.executable, "-c", script, database_url, session_id],
                           capture_output=True, text=True, timeout=60)
    assert other.stdout.strip() == "shared@example.org", other.stderr
    assert sessions.session_account(session_id) is None, "the other process's logout is seen here"
