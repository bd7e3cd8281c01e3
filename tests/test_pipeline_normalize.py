"""lcnews.pipelines.normalize: fingerprints for articles that arrive without them."""

from __future__ import annotations

from lcnews.extract.normalize import content_hash
from lcnews.items import Article
from lcnews.pipelines.normalize import NormalizePipeline


def test_missing_fingerprints_are_filled() -> None:
    article = NormalizePipeline().process_item(Article(article_id=1, url="u", title="聊城", body="新闻正文"))
    assert article.content_hash == content_hash("聊城", "新闻正文") and article.simhash and article.index_text


def test_existing_fingerprints_are_kept() -> None:
    article = Article(article_id=1, url="u", title="聊城", body="新闻正文", content_hash="given", simhash="1")
    assert NormalizePipeline().process_item(article).content_hash == "given"
