"""lcnews.runner: the settings a crawl runs with, and its progress line."""

from __future__ import annotations

from types import SimpleNamespace

from lcnews.runner import _Progress, build_settings


def test_project_settings_are_loaded() -> None:
    settings = build_settings()
    assert settings.getbool("ROBOTSTXT_OBEY") and settings.getfloat("DOWNLOAD_DELAY") == 1.0


def test_overrides_win_at_command_line_priority() -> None:
    settings = build_settings({"DOWNLOAD_DELAY": 3, "LCNEWS_DB_PATH": "a.db"})
    assert settings.getfloat("DOWNLOAD_DELAY") == 3 and settings.getpriority("DOWNLOAD_DELAY") == 40
    assert settings.get("LCNEWS_DB_PATH") == "a.db"


def test_progress_line_counts_pages_articles_queue_and_errors() -> None:
    stats = {"response_received_count": 12, "lcnews/items/accepted": 7, "lcnews/errors/spider": 1, "lcnews/errors/x": 2}
    engine = SimpleNamespace(scheduler=[1, 2, 3], downloader=SimpleNamespace(active={4}))
    settings = build_settings({})
    crawler = SimpleNamespace(stats=SimpleNamespace(get_stats=lambda: stats), engine=engine, settings=settings)
    line = _Progress(crawler, enabled=False).line()
    assert line.startswith("00:00  pages 12  articles 7 (") and "queue 4  errors 3" in line
