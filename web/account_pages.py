"""Signing in and out, invitations, password resets and one's own account page (with API tokens).

Every form here carries the CSRF token (curation/gate.py); the forms shown
before signing in are keyed by a pre-session cookie the page sets. A failed
login says the same whether the e-mail or the password was wrong, and a reset
request says the same whether the account exists.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from gcmkg.curation import gate
from gcmkg.curation.accounts import ROLES, Account, AccountError
from gcmkg.curation.sessions import Throttled

from .i18n import translator
from .render import reader, render

router = APIRouter(include_in_schema=False)



def _places(account: Account, _) -> list[tuple[str, str]]:
    """Where a signed-in person goes from their account page, by role."""
    places = [("/curate/mine", _("My submissions")), ("/curate/new/practice", _("Submit a practice"))]
    if account.has("curator"):
        places.append(("/curate/desk", _("Curators' desk")))
    if account.has("reviewer"):
        places.append(("/curate/reviews", _("My reviews")))
    return places + [("/curate/inbox", _("Inbox"))]


def _next(target: str | None) -> str:
    """Only a path on this site: never another host (`//evil`, `https://...`), never back to /login."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target \
            or target.startswith("/login"):
        return "/account"
    return target


def _translate(request: Request):
    return translator(reader(request).lang)


def _private(response: Response) -> Response:
    """Pages with secrets or personal data: never stored by a browser or a proxy."""
    response.headers["Cache-Control"] = "no-store"
    return response


def _form_page(request: Request, template: str, *, status: int = 200, **context) -> Response:
    gate.presession(request)
    response = render(request, template, status=status, csrf=gate.csrf_token(request), **context)
    return _private(gate.keep(request, response))


@router.get("/login")
def login_form(request: Request, next: str | None = None):
    _ = _translate(request)
    return _form_page(request, "login.html", title=_("Sign in"), next=_next(next))


@router.post("/login", dependencies=[Depends(gate.checked_csrf)])
def login(request: Request, email: str = Form(""), password: str = Form(""), next: str = Form("")):
    _ = _translate(request)
    try:
        _account, session = gate.sign_in(request, email, password)
    except Throttled:
        return _form_page(request, "login.html", status=429, title=_("Sign in"), next=_next(next), email=email,
                          error=_("Too many failed sign-ins. Try again in 15 minutes."))
    except AccountError:
        return _form_page(request, "login.html", status=401, title=_("Sign in"), next=_next(next), email=email,
                          error=_("Wrong e-mail or password."))
    return gate.keep(request, RedirectResponse(_next(next), status_code=303), session)


@router.post("/logout", dependencies=[Depends(gate.checked_csrf)])
def logout(request: Request):
    return gate.sign_out(request, RedirectResponse("/", status_code=303))


@router.post("/logout-everywhere", dependencies=[Depends(gate.checked_csrf)])
def logout_everywhere(request: Request, account: Account = Depends(gate.signed_in)):
    return gate.sign_out(request, RedirectResponse("/login", status_code=303), everywhere=True)


@router.get("/account")
def account_page(request: Request, account: Account = Depends(gate.signed_in), token: str | None = None):
    return _account_page(request, account)


def _account_page(request: Request, account: Account, *, status: int = 200, **shown) -> Response:
    _ = _translate(request)
    return _private(render(request, "account.html", status=status, title=_("Your account"), account=account,
                           places=_places(account, _), tokens=gate.curation(request).sessions.tokens(account),
                           csrf=gate.csrf_token(request), roles=ROLES, **shown))


@router.post("/account/tokens", dependencies=[Depends(gate.checked_csrf)])
def issue_token(request: Request, account: Account = Depends(gate.signed_in), role: str = Form(...),
                label: str = Form("")):
    """A new API token, shown once on the page that answers (never in a URL, never again)."""
    try:
        secret = gate.curation(request).sessions.issue_token(account, role, label[:100], actor=account)
    except AccountError as refused:
        return _account_page(request, account, status=422, error=str(refused))
    return _account_page(request, account, new_token=secret)


@router.post("/account/invitations", dependencies=[Depends(gate.checked_csrf)])
def invite(request: Request, account: Account = Depends(gate.signed_in), email: str = Form(""),
           roles: list[str] = Form(default=[])):
    """A curator or an admin invites someone: the one-time link goes out through the outbox."""
    _ = _translate(request)
    base = request.app.state.public_url
    try:
        gate.curation(request).sessions.invite(email, roles, account, link=lambda s: f"{base}/invitation/{s}",
                                               language=reader(request).lang)
        return _account_page(request, account, notice=_("Invitation sent to {email}.", email=email.strip()))
    except AccountError as refused:
        return _account_page(request, account, status=422, error=str(refused))


@router.post("/account/tokens/{token_id}/revoke", dependencies=[Depends(gate.checked_csrf)])
def revoke_token(request: Request, token_id: int, account: Account = Depends(gate.signed_in)):
    try:
        gate.curation(request).sessions.revoke_token(account, token_id, actor=account)
    except AccountError as refused:
        raise gate.problem_for(refused)
    return RedirectResponse("/account", status_code=303)


@router.get("/invitation/{secret}")
def invitation_form(request: Request, secret: str):
    _ = _translate(request)
    return _form_page(request, "invitation.html", title=_("Create your account"), secret=secret)


@router.post("/invitation/{secret}", dependencies=[Depends(gate.checked_csrf)])
def accept_invitation(request: Request, secret: str, name: str = Form(""), password: str = Form("")):
    _ = _translate(request)
    try:
        account = gate.curation(request).sessions.accept_invitation(secret, name.strip(), password,
                                                                    languages=[reader(request).lang])
    except AccountError as refused:
        return _form_page(request, "invitation.html", status=422, title=_("Create your account"), secret=secret,
                          name=name, error=str(refused))
    session = gate.curation(request).sessions.open_session(account, gate.client_address(request))
    return gate.keep(request, RedirectResponse("/account", status_code=303), session)


@router.get("/password-reset")
def reset_request_form(request: Request):
    _ = _translate(request)
    return _form_page(request, "password_reset.html", title=_("Reset your password"), sent=False)


@router.post("/password-reset", dependencies=[Depends(gate.checked_csrf)])
def request_reset(request: Request, email: str = Form("")):
    _ = _translate(request)
    base = request.app.state.public_url
    gate.curation(request).sessions.request_password_reset(email, link=lambda s: f"{base}/password-reset/{s}")
    # The same answer whether or not the account exists: the page does not tell who has one.
    return _form_page(request, "password_reset.html", title=_("Reset your password"), sent=True)


@router.get("/password-reset/{secret}")
def reset_form(request: Request, secret: str):
    _ = _translate(request)
    return _form_page(request, "password_new.html", title=_("Choose a new password"), secret=secret)


@router.post("/password-reset/{secret}", dependencies=[Depends(gate.checked_csrf)])
def reset(request: Request, secret: str, password: str = Form("")):
    _ = _translate(request)
    try:
        gate.curation(request).sessions.reset_password(secret, password)
    except AccountError as refused:
        return _form_page(request, "password_new.html", status=422, title=_("Choose a new password"),
                          secret=secret, error=str(refused))
    return RedirectResponse("/login", status_code=303)
