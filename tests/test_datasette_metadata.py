"""lcnews.datasette.metadata: the site's name and URL come from the site profile."""

from __future__ import annotations

from importlib import resources

from lcnews.datasette.metadata import build_metadata, source_of
from lcnews.site import load_profile, parse_profile


def test_bundled_profile_names_the_site() -> None:
    source = source_of(load_profile())
    assert (source.name, source.url) == ("聊城新闻网 (lcxw.cn)", "https://www.lcxw.cn/")


def test_another_profile_names_another_site(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import tomllib

    data = tomllib.loads(resources.files("lcnews.profiles").joinpath("lcxw.toml").read_text("utf-8"))
    data["site"].update(name="测试站", origin="https://news.example.org")
    meta = build_metadata("archive", parse_profile(data))
    assert meta["source"] == "测试站 (news.example.org)" and meta["source_url"] == "https://news.example.org/"
    assert meta["title"] == "测试站 archive" and "测试站" in meta["license"]
