"""Notifications wait in the outbox and go out by SMTP when a server is configured (a local sink here)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy

import pytest
from aiosmtpd.controller import Controller
from pyoxigraph import NamedNode
from sqlalchemy import select

from conftest import free_port
from curation_support import PRACTICE, database_url, draft_triples, engine, open_workbench, postgres_url  # noqa: F401
from gcmkg.curation import db, outbox
from gcmkg.curation.accounts import Accounts
from gcmkg.curation.sessions import Sessions

ENTRY = NamedNode(PRACTICE)


class Inbox:
    """An SMTP sink: keeps every message it is given."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


@pytest.fixture
def smtp_sink():
    sink = Inbox()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield sink, f"127.0.0.1:{controller.port}"
    controller.stop()


def test_an_assigned_reviewer_is_told_by_mail_in_their_language(memory_kg, engine, smtp_sink):
    sink, smtp = smtp_sink
    wb, people = open_workbench(memory_kg, engine)
    wb.accounts.add("rev.fr@example.org", "Renée", ["reviewer"], affiliation="external", languages=["fr", "en"])
    wb.save_draft(people["alice_contributor"], ENTRY, draft_triples(), 0)
    wb.transition(people["alice_contributor"], ENTRY, "submit")
    wb.assign(people["carlos_curator"], ENTRY, wb.accounts.get("rev.fr@example.org"), due=dt.datetime(2027, 1, 15))
    assert outbox.send_pending(engine, None, "gcmkg@localhost") == 0, "no SMTP server: the mail waits"
    assert outbox.send_pending(engine, smtp, "curators@gcmkg.example") == 1
    [(recipients, message)] = sink.messages
    assert recipients == ["rev.fr@example.org"] and message["From"] == "curators@gcmkg.example"
    assert message["Subject"] == "Un examen vous est confié"
    assert PRACTICE in message.get_content() and "2027-01-15" in message.get_content()
    assert outbox.send_pending(engine, smtp, "curators@gcmkg.example") == 0, "sent once"
    [kept] = outbox.inbox(engine, wb.accounts.get("rev.fr@example.org").id)
    assert kept["sent_at"] is not None


def test_a_review_due_soon_gets_one_reminder(memory_kg, engine):
    wb, people = open_workbench(memory_kg, engine)
    wb.save_draft(people["alice_contributor"], ENTRY, draft_triples(), 0)
    wb.transition(people["alice_contributor"], ENTRY, "submit")
    wb.assign(people["carlos_curator"], ENTRY, people["una_reviewer"], due=db.now() + dt.timedelta(days=1))
    wb.assign(people["carlos_curator"], ENTRY, people["ext_one"], due=db.now() + dt.timedelta(days=30))
    assert outbox.remind_due_reviews(engine) == 1
    assert outbox.remind_due_reviews(engine) == 0
    assert [m["kind"] for m in outbox.inbox(engine, people["una_reviewer"].id)] == ["review_due", "assigned"]


def test_an_invitation_goes_by_mail_and_its_link_is_not_kept_once_sent(engine, smtp_sink):
    sink, smtp = smtp_sink
    accounts = Accounts(engine)
    curator = accounts.add("cur@example.org", "Cur", ["curator"])
    secret = Sessions(accounts).invite("newcomer@example.org", ["contributor"], curator, language="es",
                                       link=lambda s: f"https://gcmkg.example/invitation/{s}")
    assert outbox.send_pending(engine, smtp, "curators@gcmkg.example") == 1
    [(recipients, message)] = sink.messages
    assert recipients == ["newcomer@example.org"] and message["Subject"].startswith("Invitación")
    assert f"https://gcmkg.example/invitation/{secret}" in message.get_content()
    with engine.connect() as conn:
        assert all(secret not in row.body for row in conn.execute(select(db.outbox)))
