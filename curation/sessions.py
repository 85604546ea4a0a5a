"""Signing in: login with throttling, server-side sessions, API tokens, invitations and password resets.

Every secret handed out (session id, API token, invitation or reset link) is
random, shown once, and kept only as its SHA-256: the secrets are 256-bit
random strings, so a fast hash is enough and a leaked table opens nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select, update

from . import db, outbox
from .accounts import ROLES, Account, AccountError, Accounts, _check_roles

SESSION_LIFETIME = dt.timedelta(days=7)
INVITATION_LIFETIME = dt.timedelta(days=7)
RESET_LIFETIME = dt.timedelta(hours=2)
THROTTLE_WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5     # a guessed password needs many tries: five per quarter hour
MAX_FAILURES_PER_ADDRESS = 20    # one address trying many accounts
TOKEN_PREFIX = "gcmkg_"


class LoginRefused(AccountError):
    """Wrong e-mail or password, or a disabled account (the message does not say which)."""


class Throttled(AccountError):
    """Too many failed logins for this account or from this address; try again later."""


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class TokenUse:
    account: Account
    role: str          # an API token acts with this one role only

    def acting(self) -> Account:
        """The account as this token may act: holding only the token's role."""
        return dataclasses.replace(self.account, roles=frozenset({self.role}))


class Sessions:
    """Login, sessions, tokens and one-time links of one deployment."""

    def __init__(self, accounts: Accounts):
        self.accounts = accounts
        self.engine = accounts.engine

    # -- login -------------------------------------------------------------------
    def _failures(self, conn, key: str) -> int:
        since = db.now() - THROTTLE_WINDOW
        return conn.scalar(select(func.count()).select_from(db.login_failures)
                           .where(db.login_failures.c.key == key, db.login_failures.c.at > since))

    def login(self, email: str, password: str, address: str = "", *,
              replacing: str | None = None) -> tuple[Account, str]:
        """Check the password and open a session: returns the account and the new session id.

        A session id the browser already had (`replacing`) is ended, so a login
        always starts a fresh session (no session fixation). Failures count per
        account and per address; past the limit, even the right password is refused.
        """
        email = email.strip().lower()
        keys = [f"account:{email}", f"address:{address}"]
        with self.engine.connect() as conn:
            if self._failures(conn, keys[0]) >= MAX_FAILURES_PER_ACCOUNT \
                    or (address and self._failures(conn, keys[1]) >= MAX_FAILURES_PER_ADDRESS):
                raise Throttled("too many failed logins; try again in 15 minutes")
        account = self.accounts.find(email)
        if account is None or account.disabled or not self.accounts.password_matches(account, password):
            with self.engine.begin() as conn:
                # Failures older than the window count for nothing: drop them as new ones come.
                conn.execute(delete(db.login_failures).where(db.login_failures.c.at <= db.now() - THROTTLE_WINDOW))
                conn.execute(insert(db.login_failures), [{"key": k, "at": db.now()} for k in keys if k != "address:"])
            raise LoginRefused("wrong e-mail or password")
        with self.engine.begin() as conn:
            conn.execute(delete(db.login_failures).where(db.login_failures.c.key == keys[0]))
            if replacing:
                conn.execute(delete(db.sessions).where(db.sessions.c.id_hash == _hash(replacing)))
        return account, self.open_session(account, address)

    def open_session(self, account: Account, address: str = "") -> str:
        """A new session for `account` (after a password or single sign-on login); returns its id."""
        session_id = secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            conn.execute(delete(db.sessions).where(db.sessions.c.account_id == account.id,
                                                   db.sessions.c.expires_at <= db.now()))
            conn.execute(insert(db.sessions).values(id_hash=_hash(session_id), account_id=account.id,
                                                    created_at=db.now(), expires_at=db.now() + SESSION_LIFETIME,
                                                    address=address))
            self.accounts._audit(conn, account, "session.open", account.iri, {})
        return session_id

    def session_account(self, session_id: str | None) -> Account | None:
        """The account a session id belongs to, if the session is current and the account enabled."""
        if not session_id:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(db.sessions).where(db.sessions.c.id_hash == _hash(session_id))).first()
        if row is None or row.expires_at <= db.now():
            return None
        account = self.accounts.by_id(row.account_id)
        return None if account.disabled else account

    def logout(self, session_id: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(db.sessions).where(db.sessions.c.id_hash == _hash(session_id)))

    def logout_everywhere(self, account: Account) -> int:
        """End every session of `account`; returns how many there were."""
        with self.engine.begin() as conn:
            ended = conn.execute(delete(db.sessions).where(db.sessions.c.account_id == account.id)).rowcount
            self.accounts._audit(conn, account, "session.logout-everywhere", account.iri, {"sessions": ended})
        return ended

    # -- API tokens ---------------------------------------------------------------
    def issue_token(self, account: Account, role: str, label: str = "", *, actor: Account | None = None) -> str:
        """A new API token acting as `account` with one of its roles; the token is returned once."""
        _check_roles([role])
        if not account.has(role):
            raise AccountError(f"{account.email} does not hold the role {role!r}")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            token_id = conn.execute(insert(db.api_tokens).values(
                account_id=account.id, role=role, token_hash=_hash(token), label=label,
                created_at=db.now())).inserted_primary_key[0]
            self.accounts._audit(conn, actor or account, "token.issue", account.iri, {"id": token_id, "role": role})
        return token

    def tokens(self, account: Account) -> list[dict]:
        """The API tokens of an account (never their value): id, role, label, created, revoked."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(db.api_tokens.c.id, db.api_tokens.c.role, db.api_tokens.c.label,
                                       db.api_tokens.c.created_at, db.api_tokens.c.revoked_at)
                                .where(db.api_tokens.c.account_id == account.id).order_by(db.api_tokens.c.id))
            return [dict(r._mapping) for r in rows]

    def revoke_token(self, account: Account, token_id: int, *, actor: Account | None = None) -> None:
        with self.engine.begin() as conn:
            done = conn.execute(update(db.api_tokens).where(
                db.api_tokens.c.id == token_id, db.api_tokens.c.account_id == account.id,
                db.api_tokens.c.revoked_at.is_(None)).values(revoked_at=db.now())).rowcount
            if not done:
                raise AccountError(f"{account.email} has no live token {token_id}")
            self.accounts._audit(conn, actor or account, "token.revoke", account.iri, {"id": token_id})

    def token_use(self, token: str | None) -> TokenUse | None:
        """Who a presented API token acts as, and with which role; None if unknown, revoked or disabled."""
        if not token or not token.startswith(TOKEN_PREFIX):
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(db.api_tokens).where(db.api_tokens.c.token_hash == _hash(token),
                                                           db.api_tokens.c.revoked_at.is_(None))).first()
        if row is None:
            return None
        account = self.accounts.by_id(row.account_id)
        return TokenUse(account, row.role) if account.has(row.role) else None

    # -- invitations and password resets -----------------------------------------------
    def invite(self, email: str, roles, by: Account, *, link: Callable[[str], str] | None = None,
               language: str = "en") -> str:
        """A one-time invitation for `email` with `roles`, by a curator or admin; returns the secret.

        With `link` (secret -> URL of the page that accepts it), the invitation is
        also queued in the outbox for that address, in `language`.
        """
        if not (by.has("curator") or by.has("admin")):
            raise AccountError("only a curator or an admin invites")
        held = _check_roles(roles)
        if "admin" in held and not by.has("admin"):
            raise AccountError("only an admin invites an admin")
        if self.accounts.find(email):
            raise AccountError(f"an account with e-mail {email!r} already exists")
        secret = self._one_time("invitation", email.strip().lower(), None, ",".join(held), by, INVITATION_LIFETIME)
        if link is not None:
            outbox.enqueue(self.engine, None, language, "invitation", address=email.strip().lower(),
                           link=link(secret))
        return secret

    def accept_invitation(self, secret: str, name: str, password: str, **profile) -> Account:
        """Turn an invitation into an account with its roles; the invitation is used up."""
        row = self._use("invitation", secret)
        account = self.accounts.add(row.email, name, [r for r in row.roles.split(",") if r in ROLES], **profile)
        self.accounts.set_password(account, password)
        return account

    def request_password_reset(self, email: str, *, link: Callable[[str], str] | None = None) -> str | None:
        """A one-time reset secret for an enabled account, or None (the caller says the same either way).

        With `link` (secret -> URL), the reset link is queued in the outbox for the account.
        """
        account = self.accounts.find(email)
        if account is None or account.disabled:
            return None
        secret = self._one_time("password-reset", account.email, account.id, "", None, RESET_LIFETIME)
        if link is not None:
            language = account.languages[0] if account.languages else "en"
            outbox.enqueue(self.engine, account.id, language, "password_reset", link=link(secret))
        return secret

    def reset_password(self, secret: str, password: str) -> Account:
        """Set a new password with a reset secret, and end every session of the account."""
        row = self._use("password-reset", secret)
        account = self.accounts.by_id(row.account_id)
        self.accounts.set_password(account, password)
        self.logout_everywhere(account)
        return account

    def _one_time(self, purpose, email, account_id, roles, by, lifetime) -> str:
        secret = secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            conn.execute(insert(db.one_time_tokens).values(
                token_hash=_hash(secret), purpose=purpose, account_id=account_id, email=email, roles=roles,
                created_by=by.id if by else None, expires_at=db.now() + lifetime))
            self.accounts._audit(conn, by, purpose, email, {"roles": roles})
        return secret

    def _use(self, purpose: str, secret: str):
        with self.engine.begin() as conn:
            row = conn.execute(select(db.one_time_tokens).where(db.one_time_tokens.c.token_hash == _hash(secret),
                                                                db.one_time_tokens.c.purpose == purpose)).first()
            if row is None or row.used_at is not None or row.expires_at <= db.now():
                raise AccountError(f"this {purpose.replace('-', ' ')} link is unknown, used or expired")
            # Conditional update: of two simultaneous uses, one wins.
            won = conn.execute(update(db.one_time_tokens).where(db.one_time_tokens.c.token_hash == row.token_hash,
                                                                db.one_time_tokens.c.used_at.is_(None))
                               .values(used_at=db.now())).rowcount
            if not won:
                raise AccountError(f"this {purpose.replace('-', ' ')} link is unknown, used or expired")
        return row
