"""lcnews.extract.tokens: the search index tokens of article text."""

from __future__ import annotations

from lcnews.extract.normalize import normalize
from lcnews.extract.tokens import index_text, index_tokens, token_text, tokens_key


def test_index_text_matches_the_reference_tokens() -> None:
    for title, body in [("", ""), ("a", ""), ("聊城，2025年", "新質生產力 ＡＢＣ\u3000x\ty"), ("😀a", "𠀀b,c")]:
        _key, ft, fb, ct, cb = index_text(title, body)
        for raw, tok, chars in ((title, ft, ct), (body, fb, cb)):
            s = token_text(normalize(raw))
            ref = " ".join([s[i : i + 2] for i in range(len(s) - 1)] + ([s[-1]] if s else []))
            assert tok == ref
            assert chars.split() == list(dict.fromkeys(c for c in normalize(raw) if c.isalnum()))
    assert index_text("聊城", "x")[1] == "聊城 城"


def test_index_tokens_are_the_bigrams_then_the_last_character() -> None:
    assert index_tokens("聊城，2025年") == "聊城 城， ，2 20 02 25 5年 年"


def test_one_character_is_its_own_token() -> None:
    assert index_tokens("钢") == "钢"


def test_punctuation_is_full_width_and_spaces_are_one_marker() -> None:
    assert token_text(normalize("a, b")) == "a，\uff5fb"


def test_tokens_key_changes_with_the_text() -> None:
    assert tokens_key("聊城", "新闻") != tokens_key("聊城", "新聞")
    assert index_text("聊城", "新闻")[0] == tokens_key("聊城", "新闻")
