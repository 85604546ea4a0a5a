"""Who is asking, over HTTP: the session cookie or an API token, and the CSRF token of every form.

The pages (web/) and the JSON API (api/) both come through here, so there is
one answer to "who is this request" and one CSRF rule:

- A browser signs in with a password and gets a server-side session whose id
  travels in an HttpOnly, SameSite=Lax cookie (``__Host-`` prefixed and Secure
  when the request came over https). The cookie is an ambient credential, so
  every write made with it must carry the CSRF token: an HMAC keyed by the
  session id, which another site can neither read nor compute.
- A script sends ``Authorization: Bearer gcmkg_...``; the token acts with its
  one role. A bearer header is never sent by a browser on its own, so such
  requests need no CSRF token, and the cookie is then ignored altogether.
- Forms shown before signing in (login, password reset, invitation) are keyed
  by a random pre-session cookie the page sets (`presession`).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.engine import Engine

from gcmkg.problems import Problem

from . import db, versions, workflow
from .accounts import Account, AccountError, Accounts
from .sessions import SESSION_LIFETIME, Sessions
from .workbench import Conflict, NotAllowed, NotFound, Workbench

log = logging.getLogger("gcmkg.curation")

SESSION_COOKIE, SECURE_SESSION_COOKIE = "gcmkg_session", "__Host-gcmkg_session"
PRESESSION_COOKIE, SECURE_PRESESSION_COOKIE = "gcmkg_presession", "__Host-gcmkg_presession"
CSRF_FIELD, CSRF_HEADER = "csrf", "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_UNKNOWN = object()


@dataclass(frozen=True)
class Curation:
    """The curation side of one deployment (app.state.curation)."""
    engine: Engine
    accounts: Accounts
    sessions: Sessions
    workbench: Workbench


def start(kg, store: str | None, accounts_db: str | None, scaled: bool) -> Curation | None:
    """Open the curation database and the workbench, or None when this deployment cannot curate:
    no review store, or a scaled set-up without a shared accounts database (a file per process
    would give each process its own accounts)."""
    if kg.review is None or (scaled and not accounts_db):
        log.info("curation is off: %s", "no review store" if kg.review is None else
                 "a SPARQL-server set-up needs accounts_db (GCMKG_ACCOUNTS_DB) shared by its processes")
        return None
    engine = db.open_database(store, accounts_db)
    accounts = Accounts(engine)
    return Curation(engine, accounts, Sessions(accounts), Workbench(kg, engine))


def curation(request: Request) -> Curation:
    """The deployment's curation side; 503 where there is none."""
    found = getattr(request.app.state, "curation", None)
    if found is None:
        raise Problem("unavailable", 503, "this server does not take submissions (no review store or "
                                          "no shared accounts database)")
    return found


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def session_id(request: Request) -> str | None:
    """The session id the browser sent, if any."""
    return request.cookies.get(SECURE_SESSION_COOKIE) or request.cookies.get(SESSION_COOKIE)


def _bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def caller(request: Request) -> Account | None:
    """The account behind the request (cached on it): a bearer token's, else the session cookie's."""
    cached = getattr(request.state, "gcmkg_caller", _UNKNOWN)
    if cached is not _UNKNOWN:
        return cached
    side = curation(request)
    token = _bearer(request)
    if token is not None:   # a wrong token is no one, even with a session cookie beside it
        use = side.sessions.token_use(token)
        account = use.acting() if use is not None else None
    else:
        account = side.sessions.session_account(session_id(request))
    request.state.gcmkg_caller = account
    return account


def signed_in(request: Request) -> Account:
    """FastAPI dependency: the caller's account, or a 401 problem (a browser's GET goes to /login)."""
    account = caller(request)
    if account is None:
        problem = Problem("unauthorised", 401, "sign in first, or send an API token "
                                               "(Authorization: Bearer gcmkg_...)")
        problem.headers["WWW-Authenticate"] = 'Bearer realm="gcmkg"'
        raise problem
    return account


# -- CSRF -------------------------------------------------------------------------------
def _csrf_key(request: Request) -> str | None:
    return session_id(request) or request.cookies.get(SECURE_PRESESSION_COOKIE) \
        or request.cookies.get(PRESESSION_COOKIE) or getattr(request.state, "gcmkg_presession", None)


def _token_for(key: str) -> str:
    return hmac.new(key.encode(), b"gcmkg-csrf", hashlib.sha256).hexdigest()


def csrf_token(request: Request) -> str:
    """The token every form of this page carries (hidden field `csrf`, or header X-CSRF-Token).

    Keyed by the session; a page shown before signing in must call `presession` first.
    """
    if _bearer(request) is not None:   # a script's request: its writes need no token
        return ""
    key = _csrf_key(request)
    if key is None:
        raise RuntimeError("a form shown before signing in needs gate.presession(request) first")
    return _token_for(key)


def presession(request: Request) -> None:
    """Give a signed-out browser the random key its forms' CSRF tokens are made from (set by `keep`)."""
    if _csrf_key(request) is None:
        request.state.gcmkg_presession = secrets.token_urlsafe(32)


async def checked_csrf(request: Request) -> None:
    """FastAPI dependency for writes: the form field or header must carry this browser's token.

    Requests with a bearer token are exempt: no browser sends one on its own.
    """
    if request.method in SAFE_METHODS or _bearer(request) is not None:
        return
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        given = (await request.form()).get(CSRF_FIELD)
    key = _csrf_key(request)
    if not isinstance(given, str) or key is None or not hmac.compare_digest(given, _token_for(key)):
        raise Problem("forbidden", 403, "missing or wrong CSRF token: reload the page and try again")


# -- signing in and out ---------------------------------------------------------------------
def keep(request: Request, response: Response, session: str | None = None) -> Response:
    """Set on `response` the cookies this request needs: a new session (after login), or the pre-session key."""
    secure = _secure(request)
    if session is not None:
        name = SECURE_SESSION_COOKIE if secure else SESSION_COOKIE
        response.set_cookie(name, session, max_age=int(SESSION_LIFETIME.total_seconds()), path="/",
                            httponly=True, samesite="lax", secure=secure)
    elif getattr(request.state, "gcmkg_presession", None) and not _csrf_key_from_cookies(request):
        name = SECURE_PRESESSION_COOKIE if secure else PRESESSION_COOKIE
        response.set_cookie(name, request.state.gcmkg_presession, path="/", httponly=True,
                            samesite="strict", secure=secure)
    return response


def _csrf_key_from_cookies(request: Request) -> bool:
    return any(request.cookies.get(n) for n in (SESSION_COOKIE, SECURE_SESSION_COOKIE,
                                                 PRESESSION_COOKIE, SECURE_PRESESSION_COOKIE))


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""


def sign_in(request: Request, email: str, password: str) -> tuple[Account, str]:
    """Check the password (throttled) and open a fresh session, ending the one the browser had.

    Raises sessions.LoginRefused / Throttled (AccountError) with a message fit to show.
    """
    return curation(request).sessions.login(email, password, client_address(request),
                                            replacing=session_id(request))


def sign_out(request: Request, response: Response, *, everywhere: bool = False) -> Response:
    """End this session (or every session of the account) and clear the cookie."""
    side = curation(request)
    account = caller(request)
    if everywhere and account is not None:
        side.sessions.logout_everywhere(account)
    elif session_id(request):
        side.sessions.logout(session_id(request))
    for name in (SESSION_COOKIE, SECURE_SESSION_COOKIE):
        response.delete_cookie(name, path="/", secure=name.startswith("__Host-"), httponly=True, samesite="lax")
    return response


def problem_for(error: Exception, lang: str = "en") -> Problem:
    """The HTTP problem for what the workbench or the accounts refused."""
    if isinstance(error, NotAllowed):
        return Problem("forbidden", 403, str(error))
    if isinstance(error, NotFound):
        return Problem("not-found", 404, str(error))
    if isinstance(error, versions.StaleVersion):
        return Problem("precondition-failed", 412, str(error), latest=error.latest)
    if isinstance(error, workflow.Refused):   # who may not: 403; not now (state, conditions): 409
        status, kind = {"own": (403, "forbidden"), "role": (403, "forbidden"),
                        "unknown": (422, "invalid-parameter")}.get(error.code, (409, "conflict"))
        return Problem(kind, status, error.message(lang), transition=error.transition)
    if isinstance(error, Conflict):
        return Problem("conflict", 409, str(error))
    if isinstance(error, AccountError):
        return Problem("invalid-parameter", 422, str(error))
    raise error
