"""Rebuild archived articles from their stored raw pages with the current extractor (offline).

The same ``assemble`` step as the crawl (``lcnews.extract.assemble``), through the archive interface:
any ``ArchiveAPI`` backend can be re-extracted. Pages are extracted in batches through an ordered
``map`` (``batch_map``: the builtin, in this process, or ``lcnews.pipelines.workerpool.PoolMap``
over worker processes) while this process writes the results, one transaction per batch, in article
id order. Each batch's transaction also stores the job's progress (``write_batch(job=...)``), so a
run that is killed continues after the last committed article when started again.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from lcnews.db.api import ArchiveAPI, BatchMap
from lcnews.db.cadence import Cadence
from lcnews.extract import EXTRACTOR_VERSION
from lcnews.extract.assemble import assemble
from lcnews.extract.urls import SiteUrls
from lcnews.items import Article, RawPage
from lcnews.site import SiteProfile

JOB = "reextract"  # the job's name in the archive (meta key job:reextract)
JOB_PAGES = 50  # pages per job sent to a worker (results are written batch_size at a time)

Record = dict[str, Any]  # a stored page with the article's listing facts
Outcome = tuple[int, Article | None, str]  # (article_id, article or None, error)


@dataclass
class ReextractReport:
    articles: int = 0  # articles this run handled
    counts: collections.Counter[str] = field(default_factory=collections.Counter)  # this run's archive outcomes
    missing_raw: list[int] = field(default_factory=list)  # this run's
    failed: dict[int, str] = field(default_factory=dict)  # this run's
    changed_ids: list[int] = field(default_factory=list)  # this run's ids whose title or body changed
    retried: int = 0  # stored pages that had given no article (extractor error, no body), retried
    recovered: list[int] = field(default_factory=list)  # of those, ids archived now
    total: int = 0  # articles in the archive when the job started
    resumed_after: int | None = None  # the last article id a killed run had committed
    resumed_done: int = 0  # articles that run had handled
    missing_before: int = 0  # missing/failed/changed counts of the resumed part
    failed_before: int = 0
    changed_before: int = 0

    @property
    def missing_total(self) -> int:
        return self.missing_before + len(self.missing_raw)

    @property
    def failed_total(self) -> int:
        return self.failed_before + len(self.failed)

    @property
    def changed_total(self) -> int:
        return self.changed_before + len(self.changed_ids)


@functools.lru_cache(maxsize=4)
def _profile_of(packed: bytes) -> tuple[SiteProfile, SiteUrls]:
    """The profile a job names, unpickled once per process: its compiled rules are cached per
    profile object (``lcnews.extract.rules.rules_for``), so every job must see the same object."""
    profile: SiteProfile = pickle.loads(packed)
    return profile, SiteUrls(profile)


def extract_records(job: tuple[bytes, list[Record]]) -> list[Outcome]:
    """Assemble stored pages (the job a worker process runs; the profile pickled): one bad page
    fails alone."""
    packed, records = job
    profile, urls = _profile_of(packed)
    out: list[Outcome] = []
    for rec in records:
        page = RawPage(
            url=rec["url"],
            canonical_url=rec["canonical_url"],
            article_id=rec["article_id"],
            channel=rec["channel"],
            status=rec["status"],
            headers=rec["headers"],
            body=rec["body"],
            fetched_at=rec["fetched_at"],
            listing_url=rec["listing_url"],
        )
        try:
            out.append((page.article_id, assemble(page, profile, urls), ""))
        except Exception as exc:  # noqa: BLE001 - one bad page must not stop the rebuild
            out.append((page.article_id, None, repr(exc)))
    return out


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def reextract(
    archive: ArchiveAPI,
    profile: SiteProfile,
    *,
    batch_size: int = 200,
    flush_seconds: float = 1.0,
    progress: Callable[[int, int], None] | None = None,
    batch_map: BatchMap = map,
    restart: bool = False,
) -> ReextractReport:
    """Re-extract every article that has a stored page; text changes become new versions. Pages
    stored without an article (the extractor raised or found no body) are retried too: those that
    now give a body are archived.

    A batch is committed when full or after ``flush_seconds`` (the crawl's cadence,
    ``lcnews.db.cadence``), with the job's progress; ``progress(done, total)`` is called after each.
    A job a killed run left unfinished (same extractor version) is continued after its last
    committed article, unless ``restart``: a kill loses about a second of work. The caller holds
    the archive's run lock. Nothing is fetched and no row is deleted.
    """
    report = ReextractReport()
    ids = sorted(archive.known_articles())
    state = None if restart else archive.job_state(JOB)
    resume = bool(state and state.get("status") == "running" and state.get("extractor_version") == EXTRACTOR_VERSION)
    after = -1
    if state is not None and resume:
        after = int(state["after_id"])
        report.resumed_after, report.resumed_done = after, int(state["done"])
        report.missing_before = int(state.get("missing_raw", 0))
        report.failed_before = int(state.get("failed", 0))
        report.changed_before = int(state.get("changed", 0))
        report.total = int(state.get("total", len(ids)))
        started = str(state.get("started_at") or _now())
    else:
        report.total = len(ids)
        started = _now()
    # (ids, {id: (title, body)}) of each job handed to batch_map, in order, until its result is back
    sent: collections.deque[tuple[list[int], dict[int, tuple[str, str]]]] = collections.deque()

    packed = pickle.dumps(profile, protocol=pickle.HIGHEST_PROTOCOL)

    def jobs() -> Iterator[tuple[bytes, list[Record]]]:
        columns, rows = archive.export_rows()
        col = {c: i for i, c in enumerate(columns)}
        ids_in_job: list[int] = []
        texts: dict[int, tuple[str, str]] = {}
        records: list[Record] = []
        for row in rows:
            article_id = int(row[col["article_id"]])
            if article_id <= after:
                continue
            ids_in_job.append(article_id)
            rec = _record(archive, row, col)
            if rec is not None:
                texts[article_id] = (row[col["title"]], row[col["body"]])
                records.append(rec)
            if len(ids_in_job) >= min(JOB_PAGES, batch_size):
                sent.append((ids_in_job, texts))
                yield packed, records
                ids_in_job, texts, records = [], {}, []
        if ids_in_job:
            sent.append((ids_in_job, texts))
            yield packed, records

    batch: list[Article] = []
    batch_last = after
    cadence = Cadence(batch_size, flush_seconds, first_seconds=0.0)

    def flush(status: str = "running") -> None:
        nonlocal batch
        cadence.flushed()
        state = {
            "status": status,
            "extractor_version": EXTRACTOR_VERSION,
            "started_at": started,
            "updated_at": _now(),
            "after_id": batch_last,
            "done": report.resumed_done + report.articles,
            "total": report.total,
            "missing_raw": report.missing_total,
            "failed": report.failed_total,
            "changed": report.changed_total,
        }
        result = archive.write_batch(batch, job=(JOB, state))
        for key in ("archived", "updated", "refreshed", "unchanged"):
            report.counts[key] += int(result.get(key, 0))
        for reason, n in (result.get("dropped") or {}).items():
            report.counts[f"dropped:{reason}"] += n
        batch = []
        if progress:
            progress(report.resumed_done + report.articles, report.total)

    for outcomes in batch_map(extract_records, jobs()):
        ids_in_job, texts = sent.popleft()
        got = {aid: (article, error) for aid, article, error in outcomes}
        for article_id in ids_in_job:
            report.articles += 1
            batch_last = article_id
            if article_id not in texts:
                report.missing_raw.append(article_id)
                continue
            article, error = got[article_id]
            if article is None:
                report.failed[article_id] = error
                continue
            if texts[article_id] != (article.title, article.body):
                report.changed_ids.append(article_id)
            batch.append(article)
            cadence.added()
        if cadence.due():
            flush()
    # Pages stored without an article (the extractor raised or found no body): retried every run.
    retry = _unextracted_records(archive, SiteUrls(profile))
    jobs_of_retry = [(packed, retry[i : i + JOB_PAGES]) for i in range(0, len(retry), JOB_PAGES)]
    for outcomes in batch_map(extract_records, jobs_of_retry):
        for article_id, article, error in outcomes:
            report.retried += 1
            if article is None:
                report.failed[article_id] = error
            elif article.body.strip():
                report.recovered.append(article_id)
                batch.append(article)
                cadence.added()
        if cadence.due():
            flush()
    flush("finished")
    return report


def _unextracted_records(archive: ArchiveAPI, urls: SiteUrls) -> list[Record]:
    """The stored pages that gave no article, as ``extract_records`` takes them (channel from the URL)."""
    out: list[Record] = []
    for page in archive.unextracted_pages():
        rec = archive.raw_page_record(page["sha256"])
        canonical = rec["canonical_url"] or rec["url"]
        out.append({
            "url": rec["url"] or canonical,
            "canonical_url": canonical,
            "article_id": page["article_id"],
            "channel": urls.classify(canonical).channel,
            "status": rec["status"] or 200,
            "headers": rec["headers"],
            "body": rec["body"],
            "fetched_at": rec["fetched_at"] or "",
            "listing_url": "",
        })  # fmt: skip
    return out


def _record(archive: ArchiveAPI, row: tuple[Any, ...], col: dict[str, int]) -> Record | None:
    """The stored page of an ``export_rows`` row, as ``extract_records`` takes it; None if not stored."""
    sha = row[col["raw_sha256"]]
    try:
        rec = archive.raw_page_record(sha) if sha else None
    except KeyError:
        rec = None
    if rec is None:
        return None
    url = row[col["url"]]
    return {
        "url": rec["url"] or url,
        "canonical_url": rec["canonical_url"] or url,
        "article_id": int(row[col["article_id"]]),
        "channel": row[col["channel"]],
        "status": rec["status"] or 200,
        "headers": rec["headers"],
        "body": rec["body"],
        "fetched_at": rec["fetched_at"] or "",
        "listing_url": row[col["listing_url"]] or "",
    }
