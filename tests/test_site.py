"""The site profile loads, validates, and can be replaced without code changes."""

from __future__ import annotations

from importlib import resources

import pytest

from lcnews.site import ProfileError, load_profile


def test_bundled_profile_has_seen_channels() -> None:
    profile = load_profile()
    slugs = {c.slug for c in profile.channels}
    assert {"yaowen/shendu", "yaowen/liaochengzhengqing", "bumen/caijing"} <= slugs


@pytest.mark.parametrize(
    "path",
    [
        "/yaowen/liaochengzhengqing/20220113/10887.html",
        "/yaowen/shendu/20231130/49424.html",
        "/bumen/minsheng/20251202/143262.html",
        "/yaowen/shendu/20250206/105692.html",
    ],
)
def test_article_pattern_matches_seen_urls(path: str) -> None:
    assert load_profile().article_re.match(path)


def test_profile_from_env_var(tmp_path, monkeypatch) -> None:
    bundled = resources.files("lcnews.profiles").joinpath("lcxw.toml").read_text("utf-8")
    custom = tmp_path / "p.toml"
    custom.write_text(bundled.replace('name = "聊城新闻网"', 'name = "测试站"'), encoding="utf-8")
    monkeypatch.setenv("LCNEWS_SITE_PROFILE", str(custom))
    assert load_profile().name == "测试站"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not = [valid", "not valid TOML"),
        ("[site]\norigin='https://x'\n", r"lacks the \[urls\] table"),
        ("[site]\norigin='https://x'\n[urls]\narticle='('\nlisting='/'\n", "bad regular expression"),
        ("[site]\norigin='https://x'\n[urls]\narticle='/(\\d+).html'\nlisting='/'\n", "named groups"),
    ],
    ids=["bad-toml", "missing-table", "bad-regex", "no-id-group"],
)
def test_bad_profile_gives_clear_error(tmp_path, content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProfileError, match=message):
        load_profile(path)


def test_missing_profile_file(tmp_path) -> None:
    with pytest.raises(ProfileError, match="cannot read"):
        load_profile(tmp_path / "nope.toml")


@pytest.mark.parametrize(
    ("key", "name", "layout"),
    [
        ("lcrb", "聊城日报", "/paper/pc/layout/202403/29/node_01.html"),
        ("lcwb", "聊城晚报", "/lcwb/pc/layout/202403/29/node_01.html"),
    ],
)
def test_bundled_profile_has_both_papers(key: str, name: str, layout: str) -> None:
    ep = load_profile().epaper
    assert ep is not None
    paper = ep.paper(key)
    assert paper is not None and (paper.name, ep.layout_path(paper, "2024-03-29")) == (name, layout)


@pytest.mark.parametrize(
    ("path", "match"),
    [
        ("/paper/pc/content/content_47875.html", True),
        ("/lcwb/pc/content/202608/28/content_9.html", True),
        ("/paper/pc/content/x.html", False),
    ],
)
def test_epaper_content_pattern_takes_both_url_forms(path: str, match: bool) -> None:
    ep = load_profile().epaper
    assert ep is not None and bool(ep.content_re.match(path)) is match


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (('layout = "/{dir}', 'layoutx = "/{dir}'), "lacks 'layout'"),
        (("content_pattern = '^/", "content_pattern = '^(/"), "bad regular expression"),
    ],
)
def test_bad_epaper_section_is_refused(tmp_path, monkeypatch, edit: tuple[str, str], message: str) -> None:
    bundled = resources.files("lcnews.profiles").joinpath("lcxw.toml").read_text("utf-8")
    custom = tmp_path / "p.toml"
    custom.write_text(bundled.replace(*edit), encoding="utf-8")
    with pytest.raises(ProfileError, match=message):
        load_profile(custom)
