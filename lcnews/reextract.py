"""Rebuild archived articles from their stored raw pages with the current extractor (offline).

The same ``assemble`` step as the crawl (``lcnews.extract.assemble``), through the archive interface:
any ``ArchiveAPI`` backend can be re-extracted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from lcnews.db.api import ArchiveAPI
from lcnews.db.cadence import Cadence
from lcnews.extract.assemble import assemble
from lcnews.extract.urls import SiteUrls
from lcnews.items import Article, RawPage
from lcnews.site import SiteProfile


@dataclass
class ReextractReport:
    articles: int = 0
    counts: Counter[str] = field(default_factory=Counter)  # archive outcome -> n
    missing_raw: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)
    changed_ids: list[int] = field(default_factory=list)  # ids whose title or body changed
    retried: int = 0  # stored pages that had given no article (extractor error, no body)
    recovered: list[int] = field(default_factory=list)  # of those, ids archived now


def reextract(
    archive: ArchiveAPI,
    profile: SiteProfile,
    *,
    batch_size: int = 200,
    flush_seconds: float = 1.0,
    progress: Callable[[int], None] | None = None,
) -> ReextractReport:
    """Re-extract every article that has a stored page; text changes become new versions. Pages
    stored without an article (the extractor raised or found no body) are retried too: those that
    now give a body are archived.

    The caller holds the archive's run lock. Nothing is fetched and no row is deleted. A batch is
    committed when full or after ``flush_seconds`` (the crawl's cadence), so a kill loses about a
    second of work.
    """
    report = ReextractReport()
    urls = SiteUrls(profile)
    batch: list[Article] = []
    cadence = Cadence(batch_size, flush_seconds, first_seconds=0.0)

    def flush() -> None:
        cadence.flushed()
        if not batch:
            return
        result = archive.write_batch(batch)
        for key in ("archived", "updated", "refreshed", "unchanged"):
            report.counts[key] += int(result.get(key, 0))
        for reason, n in (result.get("dropped") or {}).items():
            report.counts[f"dropped:{reason}"] += n
        batch.clear()

    rows = [
        (r["article_id"], r["raw_sha256"], r["channel"], r["url"], r.get("listing_url") or "")
        for r in archive.iter_articles()
    ]
    changed: set[int] = set()
    for article_id, sha, channel, url, listing_url in rows:
        report.articles += 1
        if progress:
            progress(report.articles)
        try:
            rec = archive.raw_page_record(sha) if sha else None
        except KeyError:
            rec = None
        if rec is None:
            report.missing_raw.append(article_id)
            continue
        page = RawPage(
            url=rec["url"] or url,
            canonical_url=rec["canonical_url"] or url,
            article_id=article_id,
            channel=channel,
            status=rec["status"] or 200,
            headers=rec["headers"],
            body=rec["body"],
            fetched_at=rec["fetched_at"] or "",
            listing_url=listing_url,
        )
        try:
            article = assemble(page, profile, urls)
        except Exception as exc:  # noqa: BLE001 - one bad page must not stop the rebuild
            report.failed[article_id] = repr(exc)
            continue
        current = archive.article(article_id) or {}
        if (current.get("title"), current.get("body")) != (article.title, article.body):
            changed.add(article_id)
        batch.append(article)
        cadence.added()
        if cadence.due():
            flush()
    flush()
    for rec in archive.unextracted_pages():
        report.retried += 1
        canonical = rec["canonical_url"] or rec["url"]
        ref = urls.classify(canonical)
        full = archive.raw_page_record(rec["sha256"])
        page = RawPage(
            url=full["url"] or canonical,
            canonical_url=canonical,
            article_id=rec["article_id"],
            channel=ref.channel,
            status=full["status"] or 200,
            headers=full["headers"],
            body=full["body"],
            fetched_at=full["fetched_at"] or "",
        )
        try:
            article = assemble(page, profile, urls)
        except Exception as exc:  # noqa: BLE001 - one bad page must not stop the rebuild
            report.failed[rec["article_id"]] = repr(exc)
            continue
        if article.body.strip():
            report.recovered.append(rec["article_id"])
            batch.append(article)
    flush()
    report.changed_ids = sorted(changed)
    return report
