"""The PostgreSQL archive (``lcnews[server]``): the same ``ArchiveAPI`` on a server a group shares.

Modules, bottom up: ``schema`` (the SQLite archive's tables in PostgreSQL types, plus its search
index), ``search`` (the query language compiled to a bigram GIN index; same semantics and ranking
as SQLite), ``store`` (writes), ``archive`` (``PgArchive``: connection, transactions, locks, reads), ``sync`` (a SQLite archive
copied in, incrementally). Opened through ``lcnews.db.open_archive("postgresql://…")``.
"""

from __future__ import annotations

from lcnews.db.pg.archive import PgArchive

__all__ = ["PgArchive"]
