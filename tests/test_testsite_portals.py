"""Tests of the third-party page generator (lcnews.testsite.portals): determinism, truth consistency, traps.

The page text here is read with a deliberately simple regex reader (no HTML parser), so a page whose
early ``</html>`` would stop a parser is still read whole: the truth is checked against what a reader sees.
"""

from __future__ import annotations

import html as _html
import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from lcnews.testsite.portals import FAMILIES, PortalPage, generate_portal_pages

N = 3 * len(FAMILIES)
_DROP = re.compile(r"<(script|style)\b.*?</\1>|<!--.*?-->", re.S | re.I)
_INLINE = re.compile(r"</?(?:a|span|em|i|b|strong|font|u|label)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")
_WS = re.compile(r"[\s\u3000\xa0]+")


@cache
def pages(n: int = N, seed: int = 1) -> tuple[PortalPage, ...]:
    return tuple(generate_portal_pages(n, seed))


def decoded(page: PortalPage) -> str:
    return page.html.decode(page.truth["encoding"])


def text_of(markup: str) -> str:
    """What a reader sees, whitespace collapsed: scripts/styles/comments dropped, inline tags joined."""
    s = _TAG.sub("\n", _INLINE.sub("", _DROP.sub("\n", markup)))
    return _WS.sub(" ", _html.unescape(s)).strip()


def page_text(page: PortalPage) -> str:
    return text_of(decoded(page))


def norm(s: str) -> str:
    return _WS.sub(" ", s).strip()


def span(markup: str, opening: str) -> str:
    """The element opened by ``opening`` (a tag prefix), to its balanced closing tag."""
    start = markup.index(opening)
    tag = re.match(r"<(\w+)", opening).group(1)  # type: ignore[union-attr]
    depth, pos = 0, start
    for m in re.compile(rf"<(/?){tag}\b[^>]*>", re.I).finditer(markup, start):
        depth += -1 if m.group(1) else 1
        pos = m.end()
        if depth == 0:
            break
    return markup[start:pos]


def ids(ps: tuple[PortalPage, ...]) -> list[str]:
    return [f"{i}-{p.family}" for i, p in enumerate(ps)]


ALL = pages()


def test_same_seed_same_pages() -> None:
    a, b = generate_portal_pages(40, seed=7), generate_portal_pages(40, seed=7)
    assert [(p.url, p.html, p.headers, p.truth) for p in a] == [(p.url, p.html, p.headers, p.truth) for p in b]


def test_other_seed_other_pages() -> None:
    a, b = generate_portal_pages(10, seed=7), generate_portal_pages(10, seed=8)
    assert all(x.html != y.html for x, y in zip(a, b, strict=True))


def test_every_family_generated_in_one_round() -> None:
    assert {p.family for p in generate_portal_pages(len(FAMILIES))} == set(FAMILIES)


def test_at_least_24_families() -> None:
    assert len(FAMILIES) >= 24


def test_negative_n_is_refused() -> None:
    with pytest.raises(ValueError):
        generate_portal_pages(-1)


@pytest.mark.parametrize("page", ALL, ids=ids(ALL))
def test_page_decodes_with_its_encoding(page: PortalPage) -> None:
    page.html.decode(page.truth["encoding"])  # strict: raises on a wrong truth


@pytest.mark.parametrize("page", ALL, ids=ids(ALL))
def test_every_truth_paragraph_is_on_the_page(page: PortalPage) -> None:
    text = page_text(page)
    missing = [p for p in page.truth["body"].split("\n") if p not in text]
    assert not missing


@pytest.mark.parametrize("page", ALL, ids=ids(ALL))
def test_body_paragraphs_are_clean_and_distinct(page: PortalPage) -> None:
    paras = page.truth["body"].split("\n")
    assert all(p == norm(p) and p for p in paras)
    assert len(set(paras)) == len(paras)
    assert (paras[0], paras[-1]) == (page.truth["first_paragraph"], page.truth["last_paragraph"])


@pytest.mark.parametrize("page", ALL, ids=ids(ALL))
def test_title_is_on_the_page_and_not_the_title_tag(page: PortalPage) -> None:
    t = page.truth["title"]
    assert t and t in page_text(page)
    title_tag = norm(_html.unescape(re.search(r"<title>(.*?)</title>", decoded(page), re.S).group(1)))  # type: ignore[union-attr]
    assert t in title_tag


@pytest.mark.parametrize("page", ALL, ids=ids(ALL))
def test_raw_publish_time_is_on_the_page_and_matches(page: PortalPage) -> None:
    t = page.truth
    assert t["published_raw"] in page_text(page)
    digits = [int(x) for x in re.findall(r"\d+", t["published_raw"])]
    want = [int(x) for x in re.findall(r"\d+", t["published_at"])][: len(digits)]
    assert digits == want
    assert t["published_at"].startswith(t["published_day"])
    assert t["published_has_time"] == ("T" in t["published_at"])


@pytest.mark.parametrize("page", ALL, ids=ids(ALL))
def test_people_and_source_are_on_the_page(page: PortalPage) -> None:
    text = page_text(page)
    t = page.truth
    for key in ("authors", "correspondents", "photographers", "editors"):
        assert all(n in text for n in t[key]), key
    assert t["source"] in text


@pytest.mark.parametrize("page", ALL, ids=ids(ALL))
def test_furniture_never_overlaps_the_body(page: PortalPage) -> None:
    # short labels (a menu's 政务服务, a site's name) may be words of the text too; lines are not
    body = page.truth["body"]
    assert not [line for line in page.truth["not_body"] if len(line) >= 8 and line in body]


@pytest.mark.parametrize("page", ALL, ids=ids(ALL))
def test_captions_are_on_the_page_and_not_body(page: PortalPage) -> None:
    text = page_text(page)
    for img in page.truth["images"]:
        assert img["src"].startswith("http")
        if img["caption"]:
            assert img["caption"] in text and img["caption"] not in page.truth["body"]


@pytest.mark.parametrize("page", ALL, ids=ids(ALL))
def test_furniture_inside_sits_in_the_container(page: PortalPage) -> None:
    markup = decoded(page)
    inside = " ".join(text_of(span(markup, c)) for c in page.truth["containers"])
    assert all(line in inside for line in page.truth["furniture_inside"])


@pytest.mark.parametrize("page", ALL, ids=ids(ALL))
def test_distractor_times_are_on_the_page_and_differ(page: PortalPage) -> None:
    markup = _html.unescape(decoded(page))
    assert all(d in markup and d != page.truth["published_raw"] for d in page.truth["distractor_times"])


# -- traps ----------------------------------------------------------------------------------------


def _before_last(page: PortalPage, marker: str) -> bool:
    markup = decoded(page)
    cut = markup.find(marker)
    # the early end tag comes before the last paragraph, and the page still has its real one at the end
    return 0 <= cut < markup.rfind(marker) and page.truth["last_paragraph"] not in text_of(markup[:cut])


def _h1_is_not_title(page: PortalPage) -> bool:
    h1 = re.search(r"<h1\b[^>]*>(.*?)</h1>", decoded(page), re.S)
    return bool(h1) and text_of(h1.group(1)) != page.truth["title"]  # type: ignore[union-attr]


def _og(page: PortalPage) -> str | None:
    m = re.search(r'<meta property="og:title" content="([^"]*)"', decoded(page))
    return _html.unescape(m.group(1)) if m else None


def _in_script_or_attr(page: PortalPage) -> bool:
    markup = decoded(page)
    scripts = " ".join(re.findall(r"<script\b.*?</script>", markup, re.S)) + " ".join(
        re.findall(r'data-[\w-]+="([^"]*)"', markup)
    )
    return any(d in scripts for d in page.truth["distractor_times"])


def _split(page: PortalPage) -> bool:
    markup, t = decoded(page), page.truth
    a, b = (span(markup, c) for c in t["containers"][:2])
    return (
        len(t["containers"]) == 2
        and t["first_paragraph"] in text_of(a)
        and t["last_paragraph"] in text_of(b)
        and a not in b
    )


def _after_last(page: PortalPage, pattern: str) -> bool:
    text = page_text(page)
    tail = text[text.index(page.truth["last_paragraph"]) + len(page.truth["last_paragraph"]) :]
    return re.match(pattern, tail.lstrip()) is not None


def _nb(page: PortalPage, pattern: str) -> bool:
    return any(re.search(pattern, line) for line in page.truth["not_body"])


def _declared(page: PortalPage) -> str:
    m = re.search(rb"charset=([\w-]+)", page.html[:600])
    return m.group(1).decode().lower() if m else ""


def _strict_gb2312_fails(data: bytes) -> bool:
    try:
        data.decode("gb2312")
    except UnicodeDecodeError:
        return True
    return False


TRAPS = {
    "early_html_end": lambda p: _before_last(p, "</html>"),
    "early_body_end": lambda p: _before_last(p, "</body>"),
    "td_br": lambda p: any(c.startswith("<td") and "<br" in span(decoded(p), c) for c in p.truth["containers"]),
    "split_body": _split,
    "multi_page": lambda p: "下一页" in page_text(p) and "_2." in decoded(p),
    "player_timestamp": _in_script_or_attr,
    "script_update_time": _in_script_or_attr,
    "related_dates": lambda p: any(d in page_text(p) for d in p.truth["distractor_times"]),
    "sidebar_dates": lambda p: any(d in page_text(p) for d in p.truth["distractor_times"]),
    "edit_note": lambda p: _nb(p, r"^本帖最后由 .+ 于 \d{4}-\d{1,2}-\d{1,2} \d\d:\d\d 编辑$"),
    "updated_time": lambda p: re.search(r"更新时间：\d{4}", page_text(p)) is not None,
    "meta_modified_time": lambda p: re.search(r'name="lastmodifiedtime" content="\d{4}', decoded(p)) is not None,
    "document_dates": lambda p: "成文日期" in page_text(p) and p.truth["distractor_times"][0] in page_text(p),
    "script_unix_times": lambda p: re.search(r'var ct = "\d{10}"', decoded(p)) is not None,
    "copyright_year": lambda p: re.search(r"(Copyright|版权所有).{0,12}\d{4}|\d{4}-\d{4}", page_text(p)) is not None,
    "og_stale": lambda p: _og(p) not in (None, p.truth["title"]),
    "logo_h1": _h1_is_not_title,
    "site_name_h1": _h1_is_not_title,
    "kicker": lambda p: p.truth["kicker"] in page_text(p) and p.truth["kicker"] not in p.truth["title"],
    "subtitle": lambda p: p.truth["subtitle"] in page_text(p) and p.truth["subtitle"] not in p.truth["title"],
    "split_time": lambda p: re.search(r'<span class="year">', decoded(p)) is not None,
    "dateline": lambda p: (
        re.search(r"(电|讯|消息|】).{0,20}" + re.escape(p.truth["first_paragraph"][:8]), page_text(p)) is not None
    ),
    "trailing_byline": lambda p: _after_last(p, r"[（(][\w ]{2,12}[）)]"),
    "end_mark": lambda p: _after_last(p, r"[（(【]完[）)】]"),
    "editor_code": lambda p: _nb(p, r"(_NB\d{4,5}| SF\d{3}| (PN|NJ|BJ)\d{3})"),
    "lying_charset": lambda p: _declared(p) not in {"", p.truth["encoding"].replace("gbk", "gb2312")},
    "disclaimer": lambda p: _nb(p, r"^(免责声明|特别声明|版权声明|声明)："),
    "ip_location": lambda p: re.search(r'<span class="post_place">', decoded(p)) is not None,
    "name_slash_paper": lambda p: _nb(p, r"^" + re.escape(p.truth["authors"][0]) + "/"),
    "original_title": lambda p: _nb(p, r"^原标题[:：]"),
    "back_to_portal": lambda p: "返回搜狐，查看更多" in span(decoded(p), p.truth["containers"][0]),
    "hashed_classes": lambda p: re.search(r'class="index_\w+__\w{5}"', decoded(p)) is not None,
    "body_in_json": lambda p: (
        p.truth["first_paragraph"] in "".join(re.findall(r'__NEXT_DATA__".*?>(.*?)</script>', decoded(p), re.S))
    ),
    "site_reporter_byline": lambda p: _nb(p, r"^澎湃新闻记者 "),
    "pipe_byline": lambda p: _nb(p, r"^界面新闻记者 \| "),
    "paywall_teaser": lambda p: _nb(p, "订阅") and len(p.truth["body"].split("\n")) <= 3,
    "video_recommend": lambda p: _nb(p, r"^\d\d:\d\d$"),
    "credit_lines": lambda p: _nb(p, r"^(记者|采写|执笔|文)"),
    "font_size_bar": lambda p: "大 中 小" in page_text(p),
    "short_article_long_furniture": lambda p: len(p.truth["body"]) < len(p.truth["long_block"]),
    "hidden_until_script": lambda p: "visibility: hidden" in p.truth["containers"][0],
    "forum_poster": lambda p: "楼主" in page_text(p) and p.truth["authors"][0] in page_text(p),
    "gallery_captions": lambda p: len(p.truth["images"]) >= 4 and all(i["caption"] for i in p.truth["images"]),
    "unlabelled_source": lambda p: ("来源：" + p.truth["source"]) not in page_text(p),
    "gbk_beyond_gb2312": lambda p: _strict_gb2312_fails(p.html),
    "dated_event_in_text": lambda p: re.search(r"\d{1,2}月\d{1,2}日", p.truth["body"]) is not None,
    "byline_wen": lambda p: _nb(p, r"^文/\w{2,4}$"),
    "byline_bracket": lambda p: _nb(p, r"^【文/\w{2,4}】$"),
    "byline_zuozhe_bar": lambda p: _nb(p, r"^作者︱\w{2,4}$"),
    "byline_zuozhe_tight": lambda p: _nb(p, r"^作者\w{2,4}$"),
    "time_element": lambda p: re.search(r"<time datetime=\"\d{4}-", decoded(p)) is not None,
    "meta_line_one_element": lambda p: (
        re.search(r'class="xinf-le">[^<]*来源：[^<]*\d{4}-\d\d-\d\d \d\d:\d\d</div>', decoded(p)) is not None
    ),
}
CLAIMED = [(t, p) for p in pages(4 * len(FAMILIES)) for t in p.truth["traps"]]


@pytest.mark.parametrize(("trap", "page"), CLAIMED, ids=[f"{t}-{p.family}-{i}" for i, (t, p) in enumerate(CLAIMED)])
def test_claimed_trap_is_really_there(trap: str, page: PortalPage) -> None:
    assert trap in TRAPS, f"no check for trap {trap}"
    assert TRAPS[trap](page)


@pytest.mark.parametrize("trap", ["early_html_end", "early_body_end", "split_body", "td_br", "multi_page", "player_timestamp",
                                  "lying_charset", "trailing_byline", "end_mark", "editor_code", "logo_h1", "og_stale"])  # fmt: skip
def test_each_structural_trap_occurs(trap: str) -> None:
    assert any(trap in p.truth["traps"] for p in pages(4 * len(FAMILIES)))


def test_cli_writes_pages_and_truth(tmp_path: Path) -> None:
    out = tmp_path / "pages"
    r = subprocess.run(
        [sys.executable, "-m", "lcnews.testsite.portals", "--out", str(out), "--n", "3"], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    assert [t["file"] for t in truth] == sorted(p.name for p in out.glob("*.html"))


def test_cli_refuses_a_file_as_out(tmp_path: Path) -> None:
    f = tmp_path / "x"
    f.write_text("")
    r = subprocess.run(
        [sys.executable, "-m", "lcnews.testsite.portals", "--out", str(f), "--n", "3"], capture_output=True, text=True
    )
    assert r.returncode == 1 and "not a directory" in r.stderr and "Traceback" not in r.stderr
