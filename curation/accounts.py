"""People and their roles: accounts, passwords (Argon2id), single sign-on identities and the audit log.

Roles: a *contributor* submits and edits their own drafts; a *curator* triages,
edits any draft, assigns reviewers, publishes and unpublishes; a *reviewer*
reviews what is assigned to them (marked UN or external, with organisation,
languages and GCM objectives of expertise); an *admin* manages accounts. One
person may hold several roles.

Each account has an opaque IRI (``BASE/agent/<random>``): the review store's
provenance names people by it, never by name or e-mail.
"""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from gcmkg.names import BASE

from . import db

CONTRIBUTOR, CURATOR, REVIEWER, ADMIN = "contributor", "curator", "reviewer", "admin"
ROLES = (CONTRIBUTOR, CURATOR, REVIEWER, ADMIN)
AFFILIATIONS = ("un", "external")
AGENT = BASE + "agent/"

# Argon2id with OWASP's profile (19 MiB, 2 passes, 1 lane): ~0.1 s a hash on a busy 2-core machine, where
# argon2-cffi's default (64 MiB, 3 passes, 4 lanes) took ~0.7 s and made each login a denial-of-service lever.
password_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


class AccountError(Exception):
    """A request about accounts that cannot be done, said in one line."""


@dataclass(frozen=True)
class Account:
    id: int
    iri: str
    email: str
    name: str
    organisation: str
    affiliation: str | None
    languages: tuple[str, ...]
    objectives: tuple[int, ...]
    roles: frozenset[str]
    disabled: bool
    has_password: bool

    def has(self, role: str) -> bool:
        return role in self.roles and not self.disabled


def generate_password() -> str:
    """A random password of about 120 bits, for accounts created on the command line or by the demo."""
    return secrets.token_urlsafe(15)


def _split(text: str) -> tuple[str, ...]:
    return tuple(x for x in text.split(",") if x)


def _check_roles(given) -> list[str]:
    unknown = [r for r in given if r not in ROLES]
    if unknown:
        raise AccountError(f"unknown role {unknown[0]!r} (roles: {', '.join(ROLES)})")
    return list(dict.fromkeys(given))


def _check_password(password: str) -> None:
    if len(password) < 12:
        raise AccountError("a password has at least 12 characters")


class Accounts:
    """The accounts of one deployment, over the curation database."""

    def __init__(self, engine: Engine):
        self.engine = engine

    # -- reading -------------------------------------------------------------
    def _account(self, conn, row) -> Account:
        held = frozenset(conn.scalars(select(db.roles.c.role).where(db.roles.c.account_id == row.id)))
        return Account(row.id, row.iri, row.email, row.name, row.organisation, row.affiliation,
                       _split(row.languages), tuple(int(o) for o in _split(row.objectives)), held,
                       row.disabled, row.password_hash is not None)

    def find(self, email: str) -> Account | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(db.accounts).where(db.accounts.c.email == email.strip().lower())).first()
            return self._account(conn, row) if row else None

    def get(self, email: str) -> Account:
        """The account with this e-mail, or AccountError."""
        found = self.find(email)
        if found is None:
            raise AccountError(f"no account with e-mail {email!r}")
        return found

    def by_id(self, account_id: int) -> Account:
        with self.engine.connect() as conn:
            row = conn.execute(select(db.accounts).where(db.accounts.c.id == account_id)).one()
            return self._account(conn, row)

    def list(self, role: str | None = None) -> list[Account]:
        """Every account (or those holding `role`), by e-mail."""
        query = select(db.accounts).order_by(db.accounts.c.email)
        if role:
            query = query.where(db.accounts.c.id.in_(select(db.roles.c.account_id).where(db.roles.c.role == role)))
        with self.engine.connect() as conn:
            return [self._account(conn, row) for row in conn.execute(query)]

    # -- writing -------------------------------------------------------------
    def add(self, email: str, name: str = "", roles=(CONTRIBUTOR,), *, organisation: str = "",
            affiliation: str | None = None, languages=(), objectives=(), password: str | None = None,
            actor: Account | None = None) -> Account:
        """Create an account; `password` None leaves it without one (invited, or single sign-on)."""
        email = email.strip().lower()
        if "@" not in email or len(email) > 320:
            raise AccountError(f"{email!r} is not an e-mail address")
        if affiliation is not None and affiliation not in AFFILIATIONS:
            raise AccountError(f"affiliation must be 'un' or 'external', not {affiliation!r}")
        held = _check_roles(roles)
        if REVIEWER in held and affiliation is None:
            raise AccountError("a reviewer is marked UN or external (--affiliation un|external)")
        if password is not None:
            _check_password(password)
        bad = [o for o in objectives if not 1 <= int(o) <= 23]
        if bad:
            raise AccountError(f"GCM objectives are numbered 1 to 23, not {bad[0]}")
        values = dict(iri=AGENT + uuid.uuid4().hex, email=email, name=name.strip(), organisation=organisation,
                      affiliation=affiliation, languages=",".join(languages),
                      objectives=",".join(str(int(o)) for o in objectives),
                      password_hash=password_hasher.hash(password) if password else None, disabled=False,
                      created_at=db.now())
        try:
            with self.engine.begin() as conn:
                account_id = conn.execute(insert(db.accounts).values(**values)).inserted_primary_key[0]
                if held:
                    conn.execute(insert(db.roles), [{"account_id": account_id, "role": r} for r in held])
                self._audit(conn, actor, "account.add", values["iri"], {"roles": held})
        except IntegrityError:
            raise AccountError(f"an account with e-mail {email!r} already exists") from None
        return self.get(email)

    def set_roles(self, email: str, add=(), remove=(), *, actor: Account | None = None) -> Account:
        """Grant and withdraw roles."""
        account = self.get(email)
        add, remove = _check_roles(add), _check_roles(remove)
        if REVIEWER in add and account.affiliation is None:
            raise AccountError("a reviewer is marked UN or external: add the account's affiliation first")
        with self.engine.begin() as conn:
            for role in add:
                if role not in account.roles:
                    conn.execute(insert(db.roles).values(account_id=account.id, role=role))
            if remove:
                conn.execute(delete(db.roles).where(db.roles.c.account_id == account.id, db.roles.c.role.in_(remove)))
            self._audit(conn, actor, "account.roles", account.iri, {"add": add, "remove": remove})
        return self.get(email)

    def disable(self, email: str, *, actor: Account | None = None) -> Account:
        """Disable an account: its sessions and API tokens end now, its history stays."""
        account = self.get(email)
        with self.engine.begin() as conn:
            conn.execute(update(db.accounts).where(db.accounts.c.id == account.id).values(disabled=True))
            conn.execute(delete(db.sessions).where(db.sessions.c.account_id == account.id))
            conn.execute(update(db.api_tokens).where(db.api_tokens.c.account_id == account.id,
                                                     db.api_tokens.c.revoked_at.is_(None))
                         .values(revoked_at=db.now()))
            self._audit(conn, actor, "account.disable", account.iri, {})
        return self.get(email)

    def set_password(self, account: Account, password: str, *, actor: Account | None = None) -> None:
        _check_password(password)
        with self.engine.begin() as conn:
            conn.execute(update(db.accounts).where(db.accounts.c.id == account.id)
                         .values(password_hash=password_hasher.hash(password)))
            self._audit(conn, actor or account, "account.password", account.iri, {})

    def password_matches(self, account: Account, password: str) -> bool:
        """Check a password against the stored Argon2id hash (rehashing it if the parameters changed)."""
        with self.engine.connect() as conn:
            stored = conn.scalar(select(db.accounts.c.password_hash).where(db.accounts.c.id == account.id))
        if stored is None:
            return False
        try:
            password_hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False
        if password_hasher.check_needs_rehash(stored):
            with self.engine.begin() as conn:
                conn.execute(update(db.accounts).where(db.accounts.c.id == account.id)
                             .values(password_hash=password_hasher.hash(password)))
        return True

    # -- single sign-on --------------------------------------------------------
    def link_identity(self, account: Account, provider: str, subject: str) -> None:
        """Let an OpenID Connect identity (issuer, subject) sign in as `account`."""
        with self.engine.begin() as conn:
            conn.execute(insert(db.identities).values(provider=provider, subject=subject, account_id=account.id,
                                                      created_at=db.now()))
            self._audit(conn, account, "identity.link", account.iri, {"provider": provider})

    def for_identity(self, provider: str, subject: str) -> Account | None:
        """The enabled account an identity signs in as, if any."""
        with self.engine.connect() as conn:
            account_id = conn.scalar(select(db.identities.c.account_id).where(
                db.identities.c.provider == provider, db.identities.c.subject == subject))
        if account_id is None:
            return None
        account = self.by_id(account_id)
        return None if account.disabled else account

    # -- audit -----------------------------------------------------------------
    @staticmethod
    def _audit(conn, actor: Account | None, action: str, target: str, detail: dict) -> None:
        conn.execute(insert(db.audit_log).values(at=db.now(), actor=actor.iri if actor else None, action=action,
                                                 target=target, detail=json.dumps(detail, sort_keys=True)))

    def audit(self, actor: Account | None, action: str, target: str = "", **detail) -> None:
        """Record that `actor` did `action` to `target` (who did what, when)."""
        with self.engine.begin() as conn:
            self._audit(conn, actor, action, target, detail)

    def audit_log(self, limit: int = 100) -> list[dict]:
        """The latest entries of the audit log, newest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(db.audit_log).order_by(db.audit_log.c.id.desc()).limit(limit))
            return [dict(r._mapping, detail=json.loads(r.detail or "{}")) for r in rows]
