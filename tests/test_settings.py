"""lcnews.settings: the shipped defaults are polite; the loopback replica gets no delays."""

from __future__ import annotations

from lcnews import settings


def test_defaults_are_polite_for_a_real_host() -> None:
    assert settings.ROBOTSTXT_OBEY and settings.AUTOTHROTTLE_ENABLED
    assert settings.DOWNLOAD_DELAY >= 1 and settings.CONCURRENT_REQUESTS_PER_DOMAIN <= 2


def test_loopback_settings_remove_every_delay() -> None:
    loop = settings.LCNEWS_LOOPBACK_SETTINGS
    assert loop["DOWNLOAD_DELAY"] == 0 and loop["DOWNLOAD_DELAY_JITTER"] == 0
    assert loop["AUTOTHROTTLE_ENABLED"] is False and loop["LCNEWS_RETRY_BACKOFF_MAX"] == 0


def test_loopback_settings_name_only_existing_settings() -> None:
    assert set(settings.LCNEWS_LOOPBACK_SETTINGS) <= set(vars(settings))


def test_no_dead_fingerprinter_setting() -> None:
    assert not hasattr(settings, "REQUEST_FINGERPRINTER_IMPLEMENTATION")
