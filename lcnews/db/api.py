"""The archive interface: what lcnews outside ``lcnews.db`` may ask of an archive, whatever stores it.

The crawl's pipelines and spider, the CLI, ``lcnews reextract``, ``lcnews export`` and the history
view use an archive only through ``ArchiveAPI`` (opened by ``lcnews.db.open_archive``). The SQLite
file (``lcnews.db.archive.Archive``) is one implementation; a second backend implements the same
methods with the same meaning, and raises the same ``lcnews.db.errors`` exceptions:

* ``ArchiveLocked`` when another run holds the archive, ``ArchiveNotFound``/``CorruptArchive``/
  ``UnwritablePath`` when it cannot be opened, ``QueryError`` for a query or filter it cannot run,
  ``ArchiveError`` for anything else it refuses. Nothing archived is ever deleted.
* Each write method is one transaction: all of it is stored, or none.
* Articles are read back as dicts keyed like the ``articles`` columns (docs/schema.md), list and
  dict columns decoded; ``Article``/``RawPage`` dataclasses or mappings are accepted for writing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from types import TracebackType
from typing import Any, Protocol, Self, runtime_checkable

from lcnews.items import Gone

ExportRows = tuple[list[str], Iterator[tuple[Any, ...]]]
# An ordered, lazy ``map(func, items)``: the builtin, or one whose calls run in worker processes
# (``lcnews.pipelines.workerpool.PoolMap``); ``func`` is a module-level function of the backend.
# meta key prefix of a resumable job's progress (``write_batch(job=...)``; docs/schema.md)
JOB_KEY = "job:"
BatchMap = Callable[[Callable[[Any], Any], Iterable[Any]], Iterator[Any]]


@runtime_checkable
class ArchiveAPI(Protocol):
    """One open archive. ``with open_archive(location) as archive:`` closes it (and its lock)."""

    @property
    def location(self) -> str:
        """Where the archive is (a file path, a database URL), for messages."""
        ...

    @property
    def readonly(self) -> bool: ...

    @property
    def index_stale(self) -> bool:
        """Opened read-only with a search index older than this code (search refuses it)."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def close(self) -> None:
        """Release the run lock (if held) and the connection."""
        ...

    # --- runs: one writing run at a time ------------------------------------------------------

    def acquire_run_lock(self) -> None:
        """Take the run lock without waiting (``ArchiveLocked`` when another run holds it)."""
        ...

    def release_run_lock(self) -> None: ...

    def start_run(self, settings: Mapping[str, Any], *, base_url: str = "") -> int:
        """Take the run lock and record a new run; returns its ``run_id``."""
        ...

    def finish_run(self, run_id: int, stats: Mapping[str, Any], *, status: str = "finished") -> None:
        """Store a run's figures (keys named like ``crawl_runs`` columns) and release the lock."""
        ...

    def runs(self) -> list[dict[str, Any]]:
        """Every run, oldest first (``settings``, ``dropped``, ``coverage`` decoded)."""
        ...

    # --- writing -------------------------------------------------------------------------------

    def write_batch(
        self,
        articles: Iterable[Any],
        raw_pages: Iterable[Any] = (),
        *,
        run_id: int | None = None,
        seen_at: str | None = None,
        channels: Iterable[tuple[int, str, str]] = (),
        gone: Iterable[Gone] = (),
        job: tuple[str, Mapping[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Archive articles (and the raw pages they carry), listing sightings (``channels``, as
        ``record_channels``) and removals (``gone``, as ``mark_gone``) in one transaction; returns
        ``{"archived", "updated", "refreshed", "unchanged", "raw_pages", "withdrawn", "dead_links",
        "dropped": {reason: n}}``. Changed title or body makes a new version; same text refreshes
        metadata in place. ``job`` = (name, state): the progress of a resumable job (``lcnews
        reextract``), stored in the same transaction, so what ``job_state(name)`` says was written."""
        ...

    def job_state(self, name: str) -> dict[str, Any] | None:
        """The state last stored with ``write_batch(job=(name, state))``; None if never."""
        ...

    def record_channels(self, entries: Iterable[tuple[int, str, str]], *, seen_at: str | None = None) -> None:
        """Record (article_id, channel, listing_url) sightings of listing pages."""
        ...

    def mark_gone(self, gone: Gone) -> bool:
        """A page answered 404/410: True if an archived article was marked withdrawn, False if the
        link was recorded as dead (never archived)."""
        ...

    def mark_channels_complete(self, channels: Iterable[str], run_id: int | None) -> None:
        """Channels whose whole listing a finished run walked (incremental runs may stop early)."""
        ...

    def rebuild_index(self, *, batch_map: BatchMap = map) -> int:
        """Rebuild the search index from the articles; returns the articles indexed. The index rows
        of each batch of articles are computed through ``batch_map`` (worker processes, in order)."""
        ...

    # --- reading -------------------------------------------------------------------------------

    def known_articles(self) -> Mapping[int, str | None]:
        """article_id → published_at of every archived article (a read-only mapping; a backend may
        keep it compact)."""
        ...

    def dead_link_ids(self) -> set[int]: ...

    def complete_channels(self) -> set[str]: ...

    def article(self, article_id: int) -> dict[str, Any] | None: ...

    def versions(self, article_id: int) -> list[dict[str, Any]]:
        """Earlier versions, oldest first (the current one is ``article()``)."""
        ...

    def channels(self, article_id: int) -> list[dict[str, Any]]:
        """Where the article was listed: channel, listing_url, first_seen_at, last_seen_at."""
        ...

    def iter_articles(
        self,
        *,
        channel: str | None = None,
        since: str | None = None,
        until: str | None = None,
        include_withdrawn: bool = True,
        batch_size: int = 500,
    ) -> Iterator[dict[str, Any]]:
        """Every article, by ``published_at`` then id."""
        ...

    def raw_page_record(self, sha256: str) -> dict[str, Any]:
        """A stored page: sha256, url, canonical_url, article_id, status, headers (dict), body
        (bytes as fetched), fetched_at, encoding. ``KeyError`` when not stored."""
        ...

    def unextracted_pages(self) -> list[dict[str, Any]]:
        """Pages stored without an article (the extractor raised or found no body), the newest per
        article id: sha256, url, canonical_url, article_id, fetched_at."""
        ...

    def export_rows(
        self,
        *,
        query: str | None = None,
        channel: str | None = None,
        since: str | None = None,
        until: str | None = None,
        author: str | None = None,
        source: str | None = None,
        batch_size: int = 200,
    ) -> ExportRows:
        """Column names and every matching row as stored (JSON columns as text), by article_id."""
        ...

    def search(self, query: str, **options: Any) -> list[dict[str, Any]]:
        """Hits: url, article_id, title, published_at, channel, source, authors, withdrawn_at,
        snippet, score. Options as in ``lcnews.db.search.search``: limit, offset, channel (a slug or
        its Chinese name; an unknown one is a ``QueryError``), since, until, author, source (exact),
        author_contains, source_contains (substring), sort ("relevance" | "newest" | "oldest"),
        marks, snippet_width. The query syntax is ``lcnews.db.syntax``'s."""
        ...

    def search_count(self, query: str, **filters: Any) -> int:
        """How many articles ``search`` would find."""
        ...

    def trend(self, query: str, *, by: str = "month", **filters: Any) -> list[tuple[str, int]]:
        """(period, matching articles) per month / week / year of ``published_at``, oldest first,
        every period between the first and the last hit included; filters as in ``search``."""
        ...


@runtime_checkable
class PrintArchiveAPI(Protocol):
    """An archive that also holds the print editions (docs/schema.md, "The print editions").

    A backend implements these beside ``ArchiveAPI`` to hold e-paper articles; ``lcnews.db.print_archive``
    returns the open archive as one, or says plainly that its backend does not hold them yet.
    The same rules as ``ArchiveAPI``: one transaction per write method, nothing deleted.
    """

    def write_print_batch(
        self,
        articles: Iterable[Any],
        pages: Iterable[Any] = (),
        editions: Iterable[Any] = (),
        *,
        run_id: int | None = None,
        seen_at: str | None = None,
    ) -> dict[str, Any]:
        """Archive print articles (``PrintArticle`` or mappings, with the raw pages they carry), the
        layout pages seen (``PrintPageSeen``: stored in ``print_pages``, their bytes in ``raw_pages``)
        and editions (``EditionSeen``) in one transaction. One row per (paper, content_id); changed
        pretitle/title/subtitle/body makes a version; a copy (same content hash, same edition, other
        id) is dropped. Returns ``{"archived", "updated", "refreshed", "unchanged", "raw_pages",
        "pages", "editions", "dropped": {reason: n}}``."""
        ...

    def known_print_articles(self, papers: Iterable[str] = ()) -> dict[tuple[str, int], dict[str, Any]]:
        """(paper, content_id) → {"title", "edition_date"} of every archived print article (of ``papers``)."""
        ...

    def print_editions(
        self, *, paper: str | None = None, since: str | None = None, until: str | None = None
    ) -> list[dict[str, Any]]:
        """``print_editions`` rows (``missing`` a bool), by paper then date."""
        ...

    def print_article(self, paper: str, content_id: int) -> dict[str, Any] | None: ...

    def print_versions(self, paper: str, content_id: int) -> list[dict[str, Any]]:
        """Earlier versions, oldest first."""
        ...

    def iter_print_articles(
        self,
        *,
        paper: str | None = None,
        since: str | None = None,
        until: str | None = None,
        batch_size: int = 500,
    ) -> Iterator[dict[str, Any]]:
        """Every print article (JSON columns decoded), by edition date, paper, page, position."""
        ...

    def search_print(self, query: str, **options: Any) -> list[dict[str, Any]]:
        """Print hits (``kind`` "print", url, paper, paper_name, edition_date, page_no, page_name,
        pretitle, title, subtitle, authors, snippet, score); options limit, offset, paper, since,
        until, page_no, sort, marks, snippet_width; the query syntax is ``search``'s."""
        ...

    def link_print_web(self) -> int:
        """Record print↔web near-duplicate pairs in ``print_web_links``; returns the links added."""
        ...
