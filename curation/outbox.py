"""Notifications: rows of an outbox, sent by SMTP when a server is configured, else kept for each user's inbox.

A notification is written in the same breath as what caused it and sent
later (:func:`send_pending`), so a mail server that is down delays mail but
never a review. Each message is in the recipient's first language.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from email.message import EmailMessage

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from . import db

#: kind -> language -> (subject, body); {entry} is the entry's IRI, {due} a date, {link} a one-time link.
MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    "assigned": {
        "en": ("A review is assigned to you", "You are asked to review {entry}. Please declare any conflict of "
               "interest before you open it. The review is due on {due}."),
        "es": ("Se le ha asignado una revisión", "Se le pide revisar {entry}. Declare cualquier conflicto de "
               "intereses antes de abrirla. La revisión vence el {due}."),
        "fr": ("Un examen vous est confié", "Il vous est demandé d'examiner {entry}. Déclarez tout conflit "
               "d'intérêts avant de l'ouvrir. L'examen est attendu le {due}."),
    },
    "review_due": {
        "en": ("A review is due", "Your review of {entry} is due on {due}."),
        "es": ("Una revisión vence pronto", "Su revisión de {entry} vence el {due}."),
        "fr": ("Un examen arrive à échéance", "Votre examen de {entry} est attendu le {due}."),
    },
    "changes_requested": {
        "en": ("Changes are requested", "The curators ask for changes to {entry}. {note}"),
        "es": ("Se solicitan cambios", "Los curadores solicitan cambios en {entry}. {note}"),
        "fr": ("Des modifications sont demandées", "Les curateurs demandent des modifications de {entry}. {note}"),
    },
    "approved": {
        "en": ("Your submission is published", "{entry} was approved and is now public."),
        "es": ("Su propuesta está publicada", "{entry} fue aprobada y ya es pública."),
        "fr": ("Votre soumission est publiée", "{entry} a été approuvée et est désormais publique."),
    },
    "rejected": {
        "en": ("Your submission was not accepted", "{entry} was not accepted. {note}"),
        "es": ("Su propuesta no fue aceptada", "{entry} no fue aceptada. {note}"),
        "fr": ("Votre soumission n'a pas été retenue", "{entry} n'a pas été retenue. {note}"),
    },
    "invitation": {
        "en": ("You are invited to the GCM Knowledge Graph", "Follow this link to create your account "
               "(it works once, within 7 days): {link}"),
        "es": ("Invitación al Grafo de Conocimiento del PMM", "Siga este enlace para crear su cuenta "
               "(funciona una vez, durante 7 días): {link}"),
        "fr": ("Invitation au graphe de connaissances du PMM", "Suivez ce lien pour créer votre compte "
               "(valable une fois, pendant 7 jours) : {link}"),
    },
    "password_reset": {
        "en": ("Resetting your password", "Follow this link to choose a new password (it works once, "
               "within 2 hours): {link}\nIf you did not ask for it, ignore this message."),
        "es": ("Restablecer su contraseña", "Siga este enlace para elegir una nueva contraseña (funciona una "
               "vez, durante 2 horas): {link}\nSi no lo solicitó, ignore este mensaje."),
        "fr": ("Réinitialiser votre mot de passe", "Suivez ce lien pour choisir un nouveau mot de passe "
               "(valable une fois, pendant 2 heures) : {link}\nSi vous ne l'avez pas demandé, ignorez ce message."),
    },
}
# Messages carrying a one-time secret: their text is blanked once sent, so the table holds no live link.
SECRET_KINDS = frozenset({"invitation", "password_reset"})


def enqueue(engine: Engine, account_id: int | None, language: str, kind: str, entry: str = "", *,
            address: str | None = None, **params) -> None:
    """Queue a notification of `kind` about `entry` for an account (or an `address` without one),
    in `language` (else English)."""
    with engine.begin() as conn:
        queue(conn, account_id, language, kind, entry, address=address, **params)


def queue(conn: Connection, account_id: int | None, language: str, kind: str, entry: str = "", *,
          address: str | None = None, **params) -> None:
    """`enqueue` inside the caller's transaction: the notification is queued with the act that causes it."""
    texts = MESSAGES[kind]
    subject, body = texts.get(language) or texts["en"]
    values = {"entry": entry, "due": "", "note": "", "link": "", **params}
    conn.execute(insert(db.outbox).values(account_id=account_id, address=address, kind=kind, entry=entry,
                                          subject=subject, body=body.format(**values).strip(), created_at=db.now()))


def inbox(engine: Engine, account_id: int) -> list[dict]:
    """An account's notifications, newest first (sent or not): what the inbox page shows."""
    with engine.connect() as conn:
        rows = conn.execute(select(db.outbox).where(db.outbox.c.account_id == account_id)
                            .order_by(db.outbox.c.id.desc()))
        return [dict(r._mapping) for r in rows]


def send_pending(engine: Engine, smtp: str | None, mail_from: str, *, limit: int = 100) -> int:
    """Send unsent notifications through `smtp` ("host:port"); returns how many went. None: keep them."""
    if not smtp:
        return 0
    host, _, port = smtp.rpartition(":")
    with engine.connect() as conn:
        rows = conn.execute(select(db.outbox.c.id, db.outbox.c.kind, db.outbox.c.subject, db.outbox.c.body,
                                   func.coalesce(db.outbox.c.address, db.accounts.c.email).label("email"))
                            .outerjoin(db.accounts, db.accounts.c.id == db.outbox.c.account_id)
                            .where(db.outbox.c.sent_at.is_(None), db.outbox.c.attempts < 5)
                            .order_by(db.outbox.c.id).limit(limit)).all()
    sent = 0
    if not rows:
        return 0
    with smtplib.SMTP(host or "localhost", int(port or 25), timeout=30) as server:
        for row in rows:
            message = EmailMessage()
            message["From"], message["To"], message["Subject"] = mail_from, row.email, row.subject
            message.set_content(row.body)
            try:
                server.send_message(message)
            except smtplib.SMTPException as error:   # this recipient refused; the others still go
                with engine.begin() as conn:
                    conn.execute(update(db.outbox).where(db.outbox.c.id == row.id)
                                 .values(attempts=db.outbox.c.attempts + 1, error=str(error)[:500]))
                continue
            with engine.begin() as conn:
                conn.execute(update(db.outbox).where(db.outbox.c.id == row.id)
                             .values(sent_at=db.now(), attempts=db.outbox.c.attempts + 1, error="",
                                     **({"body": ""} if row.kind in SECRET_KINDS else {})))
            sent += 1
    return sent


def remind_due_reviews(engine: Engine, within: dt.timedelta = dt.timedelta(days=2)) -> int:
    """Queue a "review due" reminder for each review due within `within` and not yet given (once each)."""
    horizon = db.now() + within
    a, o = db.assignments, db.outbox
    with engine.connect() as conn:
        due = conn.execute(
            select(a.c.entry, a.c.reviewer_id, a.c.due, db.accounts.c.languages)
            .join(db.accounts, db.accounts.c.id == a.c.reviewer_id)
            .where(a.c.due.is_not(None), a.c.due <= horizon, a.c.reviewed_at.is_(None),
                   a.c.conflict.is_not(True),
                   ~select(o.c.id).where(o.c.account_id == a.c.reviewer_id, o.c.entry == a.c.entry,
                                         o.c.kind == "review_due").exists())).all()
    for row in due:
        enqueue(engine, row.reviewer_id, (row.languages or "en").split(",")[0], "review_due", row.entry,
                due=f"{row.due:%Y-%m-%d}")
    return len(due)
