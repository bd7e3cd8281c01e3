"""Tests of the replica's skins (lcnews.testsite.skins): pages, exact truth, determinism, pagination."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from functools import cache
from urllib.parse import urljoin, urlsplit

import pytest
from parsel import Selector

from lcnews.testsite import SKINS, ReplicaSite, build_site
from lcnews.testsite.skins import get_skin
from lcnews.testsite.skins.content import BYLINE_FORMS, EDITOR_FORMS
from lcnews.testsite.skins.listing import page_href

ALL = [*SKINS, "mixed", "random:1", "random:2", "random:7", "random:40"]
FAMILIES = {"dedecms", "phpcms", "trs", "founder", "empirecms", "sitefactory", "wordpress", "handmade-table"}
ARTICLE = re.compile(r"^/[a-z][a-z0-9_/-]*/\d{8}/\d+\.html$")
HOSTS = {"www.lcxw.cn", "lcxw.cn"}


@cache
def site(skin: str, n: int = 60, seed: int = 1, state: str = "initial") -> ReplicaSite:
    return build_site(n, seed, state, skin=skin)


def fetch(s: ReplicaSite, path: str) -> tuple[int, dict[str, str], bytes]:
    status, headers, body = s.respond("GET", path)
    if status == 500:  # the fail-once trap: the second answer is the page
        status, headers, body = s.respond("GET", path)
    return status, headers, body


def decode(headers: dict[str, str], body: bytes) -> str:
    in_header = re.search(r"charset=([\w-]+)", headers.get("Content-Type", ""))
    in_meta = re.search(rb"charset=\"?([\w-]+)", body[:2000])
    name = in_header.group(1) if in_header else in_meta.group(1).decode() if in_meta else ""
    if not name:  # undeclared: UTF-8 if it decodes, else GBK (the replica serves nothing else)
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            return body.decode("gbk")
    return body.decode("gbk" if name.lower() in ("gbk", "gb2312") else name)


def norm(text: str) -> str:
    return re.sub(r"[\s\u3000\xa0]+", " ", text).strip()


def body_text(page: str) -> str:
    """Visible text of <body>: no scripts, no comments, entities decoded, whitespace collapsed."""
    part = page[page.find("<body") :]
    part = re.sub(r"<script\b.*?</script>|<!--.*?-->", " ", part, flags=re.S)
    return norm(html.unescape(re.sub(r"<[^>]+>", "", part)))


def ok(s: ReplicaSite) -> list[dict]:
    return [t for t in s.truth if t["status"] == 200]


def page_of(s: ReplicaSite, t: dict) -> str:
    status, headers, body = fetch(s, t["path"])
    assert status == 200
    return decode(headers, body)


# -- the catalogue ------------------------------------------------------------------------------


def test_there_are_at_least_twelve_named_skins_across_the_families() -> None:
    assert len(SKINS) >= 12
    assert {s.family for s in SKINS.values()} >= FAMILIES | {"handmade-div"}


def test_random_skins_are_deterministic_and_differ() -> None:
    drawn = [get_skin(f"random:{n}") for n in range(8)]
    assert drawn == [get_skin(f"random:{n}") for n in range(8)]
    details = {(s.headline, s.title_form, s.meta_layout, s.para, s.pager) for s in drawn}
    assert len(details) == len(drawn)


def test_unknown_skin_is_rejected_with_the_choices() -> None:
    with pytest.raises(ValueError, match=r"dede-default.*'mixed' or 'random:N'"):
        build_site(20, 1, skin="joomla")


def test_template_and_skin_together_are_rejected() -> None:
    with pytest.raises(ValueError, match="not both"):
        build_site(20, 1, template="unknown", skin="dede-city")


def test_command_line_rejects_an_unknown_skin_without_a_traceback() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "lcnews.testsite", "--skin", "joomla"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2 and "unknown skin 'joomla'" in proc.stderr and "Traceback" not in proc.stderr


def test_mixed_gives_articles_many_skins() -> None:
    assert len({t["template"] for t in site("mixed").truth}) >= 10


# -- every page type -------------------------------------------------------------------------------


@pytest.mark.parametrize("skin", ALL)
def test_every_page_type_renders(skin: str) -> None:
    s = site(skin)
    for path in ["/", "/robots.txt", "/kandianshi/", "/zhuanti/2025lianghui/", *(f"/{c}/" for c in s.model.listings)]:
        assert fetch(s, path)[0] == 200, path
    for t in ok(s):
        status, headers, body = fetch(s, t["path"])
        assert status == 200 and headers["Content-Type"].startswith("text/html") and b"</html>" in body
    assert fetch(s, s.traps["not_found"])[0] == 404
    assert fetch(s, "/yaowen/no_such_page.html")[0] == 404


@pytest.mark.parametrize("skin", ALL)
def test_truth_keeps_the_contract_keys_and_names_the_skin(skin: str) -> None:
    s = site(skin)
    default = build_site(60, 1).truth
    assert [set(t) for t in s.truth] == [set(t) for t in default]
    assert [t["path"] for t in s.truth] == [t["path"] for t in default]
    assert [t["title"] for t in s.truth] == [t["title"] for t in default]
    names = set(SKINS) if skin == "mixed" else {skin}
    assert {t["template"] for t in s.truth} <= names
    for t in s.truth:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", t["published_at"])


# -- truth is on the page ---------------------------------------------------------------------------


def _own_texts(sel: Selector) -> set[str]:
    return {norm("".join(e.xpath("text()").getall())) for e in sel.xpath("//body//*")}


@pytest.mark.parametrize("skin", ALL)
def test_the_title_is_the_text_of_an_element(skin: str) -> None:
    s = site(skin)
    for t in ok(s):
        assert t["title"] in _own_texts(Selector(text=page_of(s, t))), t["path"]


@pytest.mark.parametrize("skin", ALL)
def test_the_raw_time_is_shown_and_agrees_with_published_at(skin: str) -> None:
    s = site(skin)
    for t in ok(s):
        assert t["published_raw"] in body_text(page_of(s, t)), t["path"]
        digits = re.findall(r"\d+", t["published_raw"])
        want = re.findall(r"\d+", t["published_at"][:19])
        assert [int(x) for x in digits] == [int(x) for x in want[: len(digits)]]


@pytest.mark.parametrize("skin", ALL)
def test_body_paragraphs_appear_in_page_order(skin: str) -> None:
    s = site(skin)
    for t in ok(s):
        text = body_text(page_of(s, t))
        pos = 0
        for line in t["body"].split("\n"):
            found = text.find(line, pos)
            assert found >= 0, (t["path"], line)
            pos = found + len(line)


@pytest.mark.parametrize("skin", ALL)
def test_names_source_and_captions_are_shown(skin: str) -> None:
    s = site(skin)
    for t in ok(s):
        page = page_of(s, t)
        text = body_text(page)
        attrs = {norm(a) for a in Selector(text=page).xpath("//img/@alt | //img/@title").getall()}
        for key in ("authors", "correspondents", "photographers", "editors"):
            for name in t[key]:  # a photo credit may sit in an alt/title-only caption
                assert name in text or any(name in a for a in attrs), (t["path"], key, name)
        assert t["source"] in text
        for img in t["images"]:
            assert img["caption"] in text or img["caption"] in attrs, (t["path"], img)


@pytest.mark.parametrize("skin", ALL)
def test_image_sources_resolve_to_the_truth(skin: str) -> None:
    s = site(skin)
    for t in ok(s):
        srcs = Selector(text=page_of(s, t)).xpath("//img/@src").getall()
        resolved = {urljoin(t["url"], x) for x in srcs}
        resolved = {"https:" + x[len("http:") :] if x.startswith("http:") else x for x in resolved}
        for img in t["images"]:
            assert img["src"] in resolved, (t["path"], img["src"])


def test_every_byline_and_editor_form_is_used_by_some_skin() -> None:
    assert set(BYLINE_FORMS) <= {f for s in SKINS.values() for f in s.byline_forms}
    assert set(EDITOR_FORMS) <= {s.editor_form for s in SKINS.values()}


@pytest.mark.parametrize("skin", [name for name, sk in SKINS.items() if sk.charset == "gbk"])
def test_gb2312_skins_serve_gb2312_text(skin: str) -> None:
    s = site(skin)
    trap = s.traps["gbk"]["gbk-meta"]  # the one page that declares gb2312 but needs GBK
    for path in ["/", "/yaowen/", *(t["path"] for t in ok(s) if t["article_id"] != trap)]:
        body = fetch(s, path)[2]
        body.decode("gb2312")  # raises on a character outside the declared charset


# -- determinism and states ---------------------------------------------------------------------------


@pytest.mark.parametrize("skin", ALL)
@pytest.mark.parametrize("state", ["initial", "later"])
def test_same_seed_gives_identical_bytes(skin: str, state: str) -> None:
    a, b = build_site(40, 3, state, skin=skin), build_site(40, 3, state, skin=skin)
    assert a.truth == b.truth
    paths = ["/", "/yaowen/", "/xianyu/", *(t["path"] for t in a.truth)]
    for p in paths:
        assert a.respond("GET", p) == b.respond("GET", p), p


@pytest.mark.parametrize("skin", ["dede-default", "trs-wcm", "wordpress", "mixed"])
def test_later_state_keeps_unchanged_articles_byte_for_byte(skin: str) -> None:
    a, b = site(skin), site(skin, state="later")
    ta = {t["article_id"]: t for t in a.truth}
    tb = {t["article_id"]: t for t in b.truth}
    assert len(tb) > len(ta)
    for i, t in ta.items():
        note = tb[i]["state_note"]
        if note == "edited":
            assert tb[i]["title"] != t["title"] and fetch(b, t["path"])[2] != fetch(a, t["path"])[2]
        elif note == "removed":
            assert fetch(b, t["path"])[0] == 410
        else:
            assert tb[i] == t
            if t["status"] == 200:
                assert fetch(a, t["path"]) == fetch(b, t["path"]), t["path"]
    for i in set(tb) - set(ta):
        assert fetch(b, tb[i]["path"])[0] == 200


# -- listings -----------------------------------------------------------------------------------------


def walk_listings(s: ReplicaSite) -> tuple[set[str], int]:
    """Follow <a href> links from the home page through channel listings only (no JavaScript);
    return (article paths linked, listing pages fetched)."""
    channels = tuple(f"/{c}/" for c in s.model.listings)
    queue, seen, articles = ["/"], {"/"}, set()
    while queue:
        path = queue.pop()
        status, headers, body = s.respond("GET", path)
        if status != 200:
            continue
        base = "https://www.lcxw.cn" + path
        for h in Selector(text=decode(headers, body)).xpath("//a/@href").getall():
            u = urlsplit(urljoin(base, h))
            if u.hostname not in HOSTS:
                continue
            link = u.path + (f"?{u.query}" if u.query else "")
            if ARTICLE.match(u.path):
                articles.add(u.path)
            elif u.path.startswith(channels) and not u.path.startswith(tuple(s.robots_disallowed)) and link not in seen:
                seen.add(link)
                queue.append(link)
    return articles, len(seen)


@pytest.mark.parametrize("skin", ALL)
def test_listing_pagination_reaches_every_article(skin: str) -> None:
    s = site(skin, n=300)
    found, pages = walk_listings(s)
    assert pages > len(s.model.listings)  # some channels have several pages
    for t in s.truth:
        if t["reachable"]:
            assert set(t["paths"]) & found, t["path"]


@pytest.mark.parametrize("skin", [*SKINS, "random:2"])
def test_the_second_listing_page_has_the_skins_form_only(skin: str) -> None:
    s = site(skin, n=300)
    assert s.skins is not None
    sk = s.skins.for_listing("yaowen/shehui")
    second = urljoin("/yaowen/shehui/", page_href(sk, "yaowen/shehui", 2))
    assert fetch(s, second)[0] == 200
    assert fetch(s, "/yaowen/shehui/index_0.html")[0] == 404
    if sk.pager == "index0":
        assert second.endswith("/index_1.html")


# -- truth decisions for ambiguous forms (docs/CONTRACTS.md, "Replica skins") -------------------------


def _truth_and_page(skin: str, pred) -> tuple[dict, str]:
    for n in (60, 200):
        s = site(skin, n=n)
        for t in ok(s):
            page = page_of(s, t)
            if pred(t, page):
                return t, page
    raise AssertionError("no such page")


def test_anonymous_author_field_means_no_author() -> None:
    t, _ = _truth_and_page("sitefactory", lambda t, p: "作者：佚名" in p)
    assert t["authors"] == []


def test_proofreader_is_not_an_editor() -> None:
    t, page = _truth_and_page("empire-cms", lambda t, p: " 校对 " in p)
    line = re.search(r"编辑 (\S+) 校对 (\S+)<", page)
    assert line and t["editors"] == [line.group(1)] and line.group(2) not in t["editors"]


def test_reviewer_and_supervisor_are_not_editors() -> None:
    t, page = _truth_and_page("table-gov", lambda t, p: "审核:" in p)
    line = re.search(r"编辑:(\S+?)\u3000审核", page)
    assert line and t["editors"] == [line.group(1)]


def test_time_without_seconds_is_on_the_minute() -> None:
    t, _ = _truth_and_page("trs-wcm", lambda t, p: True)
    assert t["published_at"].endswith(":00+08:00") and len(t["published_raw"]) == 16


def test_machine_readable_seconds_win_over_a_visible_minute() -> None:
    t, page = _truth_and_page("wordpress", lambda t, p: True)
    assert f'article:published_time" content="{t["published_at"]}"' in page
    assert "年" in t["published_raw"] and t["published_raw"].count(":") == 1


def test_alt_only_caption_is_the_caption() -> None:
    t, page = _truth_and_page("div-simple", lambda t, p: any(i["caption"] for i in t["images"]))
    cap = next(i["caption"] for i in t["images"] if i["caption"])
    assert f'alt="{cap}"' in page and cap not in body_text(page)


def test_kicker_is_neither_title_nor_body() -> None:
    t, page = _truth_and_page("founder-web", lambda t, p: re.search(r'<h3 class="yt">[^<]+</h3>', p) is not None)
    kick = re.search(r'<h3 class="yt">([^<]+)</h3>', page)
    assert kick and kick.group(1) not in t["title"] and kick.group(1) not in t["body"]


def test_byline_redrawn_forms_give_photographers_first() -> None:
    t, page = _truth_and_page("dede-default", lambda t, p: "文/记者 " in p and " 图/" in p)
    m = re.search(r"文/记者 (\S+) 图/([^<\s]+)", page)
    assert m and t["authors"] == m.group(1).split("、") and t["photographers"][0] == m.group(2)
