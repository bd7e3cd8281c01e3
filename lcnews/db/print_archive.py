"""The print editions' part of the SQLite archive: each ``ArchiveAPI`` print method as one
transaction around ``lcnews.db.printed`` (kept apart so ``archive.py`` stays one concern per file).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from lcnews.db import printed
from lcnews.db.rows import now_iso


class PrintArchive:
    """Mixed into ``lcnews.db.archive.Archive`` (which provides ``conn`` and ``_txn``)."""

    @property
    def conn(self) -> sqlite3.Connection:  # provided by Archive
        raise NotImplementedError

    def _txn(self) -> contextlib.AbstractContextManager[None]:  # provided by Archive
        raise NotImplementedError

    def write_print_batch(
        self,
        articles: Iterable[Any],
        pages: Iterable[Any] = (),
        editions: Iterable[Any] = (),
        *,
        run_id: int | None = None,
        seen_at: str | None = None,
    ) -> dict[str, Any]:
        with self._txn():
            return printed.write_print(self.conn, articles, pages, editions, run_id, seen_at or now_iso())

    def known_print_articles(self, papers: Iterable[str] = ()) -> dict[tuple[str, int], dict[str, Any]]:
        return printed.known_print(self.conn, papers)

    def print_editions(
        self, *, paper: str | None = None, since: str | None = None, until: str | None = None
    ) -> list[dict[str, Any]]:
        return printed.editions(self.conn, paper, since, until)

    def print_article(self, paper: str, content_id: int) -> dict[str, Any] | None:
        return printed.article(self.conn, paper, content_id)

    def print_versions(self, paper: str, content_id: int) -> list[dict[str, Any]]:
        return printed.versions(self.conn, paper, content_id)

    def iter_print_articles(
        self,
        *,
        paper: str | None = None,
        since: str | None = None,
        until: str | None = None,
        batch_size: int = 500,
    ) -> Iterator[dict[str, Any]]:
        return printed.iter_print(self.conn, paper, since, until, batch_size)

    def search_print(self, query: str, **options: Any) -> list[dict[str, Any]]:
        return printed.search(self.conn, query, **options)

    def link_print_web(self) -> int:
        with self._txn():
            return printed.link_web(self.conn, now_iso())
