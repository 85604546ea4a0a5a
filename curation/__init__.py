"""The curators' workbench behind the pages: accounts, the review workflow, versions, publication, notifications.

- ``db``: the curation database (SQLite by default, PostgreSQL by URL) through SQLAlchemy Core;
- ``accounts`` and ``sessions``: people, roles, passwords, sessions, API tokens, one-time links;
- ``workflow``: the states of an entry and the transitions between them, declared once as data;
- ``reviews``: review records and the publication rule as RDF checked by SHACL (shapes/curation/);
- ``provenance``: versions, state changes, assignments, declarations and reviews as PROV-O records;
- ``versions``: every save of a draft, diffs per field, optimistic concurrency;
- ``publication``: the crash-safe move of an entry between the review and public stores;
- ``outbox``: notifications, sent by SMTP when one is configured;
- ``workbench``: the service the pages and the API call, tying the above together.
"""
