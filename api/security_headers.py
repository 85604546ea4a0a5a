"""Security headers on every response, as the outermost ASGI layer of the app.

Outermost, so that answers made before the router (the SPARQL `QueryLane`,
CORS pre-flights) and errors get them too. The Content-Security-Policy is
one the pages satisfy: scripts and style sheets only from this server (the
front-end packages are vendored from npm, no CDN), no inline script, no
framing by other sites. Inline `style="..."` attributes stay allowed: the
pages draw bars and timelines with them, and they cannot run code.
"""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .problems import Problem, problem_response

log = logging.getLogger("gcmkg.api")

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))

HEADERS: tuple[tuple[bytes, bytes], ...] = tuple((k.encode(), v.encode()) for k, v in (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),                  # frame-ancestors for browsers without CSP level 2
    ("Cross-Origin-Opener-Policy", "same-origin"),
))


class SecurityHeaders:
    """ASGI middleware adding `HEADERS` to every HTTP response (a header a route set itself is kept).

    An exception that escapes the app becomes a 500 problem with the same headers, logged here,
    rather than the server's bare plain-text error.
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {name.lower() for name, _ in message.get("headers", ())}
                message["headers"] = [*message.get("headers", ()),
                                      *((k, v) for k, v in HEADERS if k.lower() not in present)]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if started:
                raise
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            response = problem_response(Problem("internal", 500, "the server met an unexpected error"))
            await response(scope, receive, send_with_headers)
