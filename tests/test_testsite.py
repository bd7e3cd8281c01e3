"""Tests of the offline replica (lcnews.testsite): determinism, size, traps, encodings, states, server."""

from __future__ import annotations

import http.client
import re
import signal
import subprocess
import sys
import time
from functools import cache
from urllib.parse import urljoin, urlsplit

import pytest
from parsel import Selector

from lcnews.site import load_profile
from lcnews.testsite import ReplicaServer, ReplicaSite, build_site

PROFILE = load_profile()
SITE_HOSTS = {"www.lcxw.cn", "lcxw.cn"}


@cache
def site(n: int = 60, seed: int = 1, state: str = "initial", template: str | None = None) -> ReplicaSite:
    """Shared read-only sites (tests that exercise per-instance state build their own)."""
    return build_site(n, seed, state, template)


def get(s: ReplicaSite, path: str) -> tuple[int, dict[str, str], bytes]:
    return s.respond("GET", path)


def ok_articles(s: ReplicaSite) -> list[dict]:
    """Reachable 200 articles, minus the fail-once one (shared sites must not consume that trap)."""
    return [t for t in s.truth if t["status"] == 200 and t["reachable"] and t["path"] != s.traps["error_once"]]


def page_text(t: dict, body: bytes) -> str:
    return body.decode("gbk" if t["encoding"] == "gbk" else "utf-8")


def norm(text: str) -> str:
    return re.sub(r"[\s\u3000\xa0]+", " ", text).strip()


def site_links(page_path: str, html: str) -> list[str]:
    """On-site links of a page as path[?query], fragments dropped, absolute lcxw.cn links mapped home."""
    out = []
    base = "https://www.lcxw.cn" + page_path
    for h in Selector(text=html).css("a::attr(href)").getall():
        if h.startswith(("javascript:", "mailto:")):
            continue
        u = urlsplit(urljoin(base, h))
        if u.hostname not in SITE_HOSTS:
            continue
        out.append(u.path + (f"?{u.query}" if u.query else ""))
    return out


def crawl_listings(s: ReplicaSite) -> tuple[set[str], set[str]]:
    """Walk home + listings like a polite crawler; return (allowed article paths, robots-blocked ones)."""
    seen, queue = {"/"}, ["/"]
    allowed: set[str] = set()
    blocked: set[str] = set()
    while queue:
        path = queue.pop()
        status, headers, body = get(s, path)
        if status != 200 or "html" not in headers["Content-Type"]:
            continue
        for link in site_links(path.split("?")[0], body.decode("utf-8")):
            p = link.split("?")[0]
            if any(p.startswith(d) for d in s.robots_disallowed):
                if PROFILE.article_re.match(p):
                    blocked.add(p)
                continue
            if PROFILE.article_re.match(p):
                allowed.add(p)
            elif PROFILE.listing_re.match(p) and not any(r.search(p) for r in PROFILE.skip_res) and link not in seen:
                seen.add(link)
                queue.append(link)
    return allowed, blocked


# -- API, determinism, size ---------------------------------------------------------------------


def test_truth_has_the_contract_keys() -> None:
    keys = {
        "article_id",
        "url",
        "path",
        "paths",
        "channel",
        "channel_names",
        "title",
        "published_at",
        "published_raw",
        "source",
        "authors",
        "correspondents",
        "photographers",
        "editors",
        "body",
        "images",
        "template",
        "encoding",
        "reachable",
        "status",
        "state_note",
    }
    for t in site().truth:
        assert set(t) == keys


@pytest.mark.parametrize("state", ["initial", "later"])
def test_same_seed_gives_identical_bytes(state: str) -> None:
    a, b = build_site(60, 7, state), build_site(60, 7, state)
    assert a.truth == b.truth
    paths = ["/", "/robots.txt", "/yaowen/", "/yaowen/index_2.html", "/xianyu/", "/rexian/"]
    paths += [t["path"] for t in a.truth[::5]]
    for p in paths:
        assert get(a, p) == get(b, p), p


def test_different_seed_gives_different_site() -> None:
    assert [t["title"] for t in site(seed=1).truth] != [t["title"] for t in site(seed=2).truth]


@pytest.mark.parametrize("n", [10, 5000])
def test_size_knob(n: int) -> None:
    start = time.perf_counter()
    s = build_site(n, 3)
    assert time.perf_counter() - start < 2.0
    # The model, not the truth: truth generates every body, which benchmarks pay for, not this test.
    normal = [a for a in s.model.articles if a.kind == "normal"]
    assert len(normal) == n
    assert {a.template for a in normal} == {"a", "b"}
    status, _, body = get(s, normal[-1].path)
    assert status == 200 and body
    if n <= 10:
        assert len([t for t in s.truth if t["status"] == 200]) == n


def test_size_out_of_range_is_rejected() -> None:
    with pytest.raises(ValueError):
        build_site(5)


def test_ids_and_dates_rise_together_and_urls_are_canonical() -> None:
    truth = [t for t in site().truth if t["status"] == 200]
    ids = [t["article_id"] for t in truth]
    assert ids == sorted(ids) and ids[0] > 100000
    dates = [t["published_at"] for t in truth]
    assert dates == sorted(dates)
    for t in truth:
        assert t["url"] == "https://www.lcxw.cn" + t["path"] == "https://www.lcxw.cn" + t["paths"][0]
        m = PROFILE.article_re.match(t["path"])
        assert m and int(m["id"]) == t["article_id"] and m["channel"] == t["channel"]
        assert m["date"] == t["published_raw"][:10].replace("-", "")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", t["published_at"])


# -- reachability and robots --------------------------------------------------------------------


def test_every_reachable_article_is_linked_from_a_listing() -> None:
    s = site()
    allowed, blocked = crawl_listings(s)
    for t in s.truth:
        if t["reachable"]:
            assert set(t["paths"]) & allowed, t["path"]
        else:
            assert not set(t["paths"]) & allowed and t["path"] in blocked


def test_robots_txt_disallows_the_blocked_articles() -> None:
    s = site()
    status, headers, body = get(s, "/robots.txt")
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    assert [f"Disallow: {p}" for p in s.robots_disallowed] == [
        line for line in body.decode().splitlines() if line.startswith("Disallow")
    ]
    for p in s.traps["robots_blocked"]:
        assert any(p.startswith(d) for d in s.robots_disallowed)


def test_menu_has_required_items_and_a_channel_unknown_to_the_profile() -> None:
    html = get(site(), "/")[2].decode()
    menu = Selector(text=html).css(".nav a::text").getall()
    for label in ["锐评", "要闻", "视听", "图说", "热线", "部门", "县域", "数字报", "看电视", "听广播", "文化"]:
        assert label in menu
    assert "wenhua" not in {c.slug for c in PROFILE.channels}
    assert any(t["channel"] == "wenhua" for t in site(200).truth)


def test_home_mixes_link_forms_and_offsite_links() -> None:
    hrefs = Selector(text=get(site(), "/")[2].decode()).css("a::attr(href)").getall()
    assert any(h.startswith("https://www.lcxw.cn/") for h in hrefs)
    assert any(h.startswith("//www.lcxw.cn/") for h in hrefs)
    assert any(h.startswith("/") and not h.startswith("//") for h in hrefs)
    assert any(h.startswith("http://lcrb.lcxw.cn") for h in hrefs)
    assert any(h.startswith("http://www.dzwww.com") for h in hrefs)
    assert any("/zhuanti/" in h for h in hrefs)
    assert "#top" in hrefs


@pytest.mark.parametrize(
    "path,ctype",
    [
        ("/kandianshi/", "text/html"),
        ("/kandianshi/live/lctv1.m3u8", "application/vnd.apple.mpegurl"),
        ("/static/2025/css/base.css", "text/css"),
        ("/static/2025/js/jquery.min.js", "application/javascript"),
        ("/zhuanti/2025lianghui/", "text/html"),
    ],
)
def test_non_article_pages_are_served(path: str, ctype: str) -> None:
    status, headers, _ = get(site(), path)
    assert status == 200 and headers["Content-Type"].startswith(ctype)


def test_listing_paginates_with_next_link_to_the_end() -> None:
    s = site(300)
    path, pages, seen = "/yaowen/shehui/", 0, []
    while path:
        status, _, body = get(s, path)
        assert status == 200
        sel = Selector(text=body.decode())
        pages += 1
        dates = sel.css(".news-list .date::text").getall()
        seen += dates
        nxt = sel.xpath('//div[@class="pages"]/a[text()="下一页"]/@href').get()
        path = urljoin("https://www.lcxw.cn" + path, nxt).split("lcxw.cn")[1] if nxt else ""
    assert pages > 2 and seen == sorted(seen, reverse=True)
    assert len(seen) == len(s.model.listings["yaowen/shehui"])


def test_query_paged_listing() -> None:
    s = site(400)
    assert get(s, "/rexian/?page=2")[0] == 200
    assert get(s, "/rexian/?page=999")[0] == 404
    assert "?page=2" in get(s, "/rexian/")[2].decode()


def test_channel_without_trailing_slash_redirects() -> None:
    status, headers, _ = get(site(), "/yaowen")
    assert status == 301 and headers["Location"] == "/yaowen/"


# -- traps ---------------------------------------------------------------------------------------


def test_dead_link_in_listing_returns_404() -> None:
    s = site()
    dead = s.traps["not_found"]
    assert get(s, dead)[0] == 404
    assert dead in crawl_listings(s)[0]
    assert next(t for t in s.truth if t["path"] == dead)["status"] == 404


def test_error_once_then_ok_and_reset() -> None:
    s = build_site(60, 1)
    path = s.traps["error_once"]
    assert [get(s, path)[0] for _ in range(3)] == [500, 200, 200]
    s.reset()
    assert get(s, path)[0] == 500


def test_old_url_redirects_to_article() -> None:
    s = site()
    old, target = s.traps["redirect"]
    status, headers, _ = get(s, old)
    assert status == 301 and headers["Location"] == target and get(s, target)[0] == 200
    assert old in site_links("/", get(s, "/")[2].decode())


def test_tracking_query_link_serves_the_same_page() -> None:
    s = site()
    with_query = s.traps["tracking_duplicate"]
    plain = with_query.split("?")[0]
    assert get(s, with_query) == get(s, plain)
    links = site_links("/", get(s, "/")[2].decode()) + site_links("/yaowen/", get(s, "/yaowen/")[2].decode())
    assert with_query in links


def test_republished_article_is_one_article_under_two_paths() -> None:
    s = site()
    primary, second = s.traps["republished"]
    t = next(t for t in s.truth if t["path"] == primary)
    assert t["paths"] == [primary, second] and t["channel"] == "bumen/caijing"
    assert get(s, primary) == get(s, second)
    assert primary.rsplit("/", 1)[1] == second.rsplit("/", 1)[1]


def test_listing_page_links_the_same_article_twice_and_with_a_fragment() -> None:
    html = get(site(), "/yaowen/")[2].decode()
    hrefs = Selector(text=html).css(".main a::attr(href)").getall()
    assert len(hrefs) > len(set(hrefs))
    assert any("#comment" in h for h in hrefs)


# -- encodings -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "mode,header,meta",
    [
        ("gbk-header", "text/html; charset=gbk", None),
        ("gbk-meta", "text/html", "gb2312"),
        ("gbk-none", "text/html", None),
    ],
)
def test_gbk_pages(mode: str, header: str, meta: str | None) -> None:
    s = site()
    aid = s.traps["gbk"][mode]
    t = next(t for t in s.truth if t["article_id"] == aid)
    _, headers, body = get(s, t["path"])
    assert headers["Content-Type"] == header and t["encoding"] == "gbk"
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    text = body.decode("gbk")
    assert (f"charset={meta}" in text or f'charset="{meta}"' in text) if meta else "charset" not in text
    assert t["title"] in text


def test_gbk_share_is_about_a_tenth() -> None:
    specs = site(2000).model.articles
    share = sum(a.encoding == "gbk" for a in specs) / len(specs)
    assert 0.05 < share < 0.15


def test_gb2312_page_carries_a_gbk_only_character() -> None:
    s = site()
    t = next(t for t in s.truth if t["article_id"] == s.traps["gbk"]["gbk-meta"])
    assert t["editors"] == ["王堃"]
    with pytest.raises(UnicodeDecodeError):
        get(s, t["path"])[2].decode("gb2312")


# -- templates and content -----------------------------------------------------------------------


def _first(sel: Selector, kind: str) -> Selector | None:
    for css in PROFILE.selector(kind):
        found = sel.css(css)
        if found and norm("".join(found[0].css("::text").getall())):
            return found[0]
    return None


@pytest.mark.parametrize("template", ["a", "b"])
def test_known_templates_match_profile_selectors(template: str) -> None:
    s = site(100)
    for t in [t for t in ok_articles(s) if t["template"] == template][:10]:
        sel = Selector(text=page_text(t, get(s, t["path"])[2]))
        assert norm("".join(_first(sel, "title").css("::text").getall())) == t["title"]
        assert t["published_raw"] in "".join(_first(sel, "meta").css("::text").getall())
        assert norm("".join(_first(sel, "breadcrumb").css("::text").getall())).startswith("您的位置")
        assert _first(sel, "body") is not None


def test_unknown_template_matches_no_profile_selector() -> None:
    s = site(template="unknown")
    assert {t["template"] for t in s.truth} == {"unknown"}
    assert [t["path"] for t in s.truth] == [t["path"] for t in site().truth]
    for t in ok_articles(s)[:10]:
        sel = Selector(text=page_text(t, get(s, t["path"])[2]))
        for kind in ("title", "body", "meta", "breadcrumb"):
            assert _first(sel, kind) is None, kind
        assert f"<title>{t['title']}_聊城新闻网</title>" in page_text(t, get(s, t["path"])[2])


def test_page_paragraphs_contain_the_truth_body_in_order() -> None:
    s = site(100)
    for t in ok_articles(s):
        sel = Selector(text=page_text(t, get(s, t["path"])[2]))
        paras = [norm("".join(p.css("::text").getall())) for p in sel.css("#article-content p, #zoom p")]
        i = 0
        for line in t["body"].split("\n"):
            while i < len(paras) and line not in paras[i]:
                i += 1
            assert i < len(paras), (t["path"], line)
            i += 1
        for img in t["images"]:
            assert img["src"].startswith("https://www.lcxw.cn/")


def test_bodies_contain_no_boilerplate() -> None:
    labels = [
        *PROFILE.label("reporter"),
        *PROFILE.label("correspondent"),
        *PROFILE.label("editor"),
        *PROFILE.label("source"),
        *PROFILE.label("credits_authors"),
        *PROFILE.label("credits_other"),
        *PROFILE.label("dateline"),
        "■",
    ]
    for t in site(500).truth:
        for line in filter(None, t["body"].split("\n")):
            assert line == norm(line)
            assert line not in PROFILE.boilerplate_lines
            assert not line.startswith(PROFILE.stop_markers)
            assert not any(r.search(line) for r in PROFILE.line_res), line
            # "记者从…获悉" opens real paragraphs; a byline is a label followed by a space or colon.
            assert not re.match("(?:{})[ :：(（]".format("|".join(map(re.escape, labels))), line), line
            assert not line.endswith(("摄", ")", "）")), line
            assert t["title"] != line


def test_byline_forms_are_all_present_and_truth_names_are_bare() -> None:
    s = site(400)
    seen: set[str] = set()
    names = {n for t in s.truth for k in ("authors", "correspondents", "photographers", "editors") for n in t[k]}
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", n) for n in names)
    for t in [t for t in ok_articles(s) if t["template"] == "a"][:150]:
        html = page_text(t, get(s, t["path"])[2])
        for form in [
            "■ 本报记者",
            "■ 文/图 记者",
            "本报讯(记者",
            "本报讯（记者",
            "本报讯 (",
            "本报讯 （",
            "<p>本报记者 ",
            "<p>本报通讯员 ",
            "(记者 ",
            "（记者 ",
            "本期评论员",
            " 摄<",
        ]:
            if form in html:
                seen.add(form)
        if "■ 文/图 记者" in html:
            assert t["authors"][0] == t["photographers"][0]
        if not t["authors"]:
            assert "记者" not in html.split("article-content")[1].split("</div>")[0]
    assert len(seen) >= 11, seen
    assert any(not t["authors"] for t in s.truth)


def test_tricky_body_sentences_are_kept() -> None:
    bodies = "\n".join(t["body"] for t in site(300).truth)
    assert "编辑部" in bodies and "来源于" in bodies and "分享" in bodies


# -- later state ---------------------------------------------------------------------------------


def test_later_state_differs_only_as_described() -> None:
    a, b = site(), site(state="later")
    ta = {t["article_id"]: t for t in a.truth}
    tb = {t["article_id"]: t for t in b.truth}
    new = [i for i in tb if i not in ta]
    assert len(new) >= 5 and min(new) > max(ta) and all(tb[i]["state_note"] == "new" for i in new)
    assert min(tb[i]["published_at"] for i in new) > max(t["published_at"] for t in ta.values())
    notes = {i: tb[i]["state_note"] for i in ta if tb[i]["state_note"]}
    assert sorted(notes.values()) == ["edited", "removed"]
    for i, t in ta.items():
        note = tb[i]["state_note"]
        if note == "edited":
            assert tb[i]["title"] != t["title"]
            diff = [x for x, y in zip(t["body"].split("\n"), tb[i]["body"].split("\n"), strict=False) if x != y]
            assert len(diff) == 1 and len(t["body"].split("\n")) == len(tb[i]["body"].split("\n"))
            assert get(a, t["path"])[2] != get(b, t["path"])[2]
        elif note == "removed":
            assert tb[i]["status"] in (404, 410) and get(b, t["path"])[0] == tb[i]["status"]
        else:
            assert tb[i] == t
            if t["status"] == 200 and t["path"] != a.traps["error_once"]:
                assert get(a, t["path"]) == get(b, t["path"]), t["path"]
    newest = max(new)
    chan = tb[newest]["channel"]
    first = (
        Selector(text=get(b, f"/{chan}/")[2].decode())
        .css("#newsList li a::attr(href), .news-list li a.title::attr(href)")
        .get()
    )
    assert first and first.endswith(f"/{newest}.html")


# -- server and command line ---------------------------------------------------------------------


def test_server_serves_keeps_alive_and_logs() -> None:
    s = build_site(30, 1)
    with ReplicaServer(s) as server:
        assert server.base_url.startswith("http://127.0.0.1:")
        host, port = server.base_url.split("//")[1].split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=5)
        results = []
        for path in ["/", "/robots.txt", "/nope.html", s.traps["error_once"], s.traps["error_once"]]:
            conn.request("GET", path)
            r = conn.getresponse()
            body = r.read()
            results.append((path, r.status))
            if path == "/":
                assert body == get(s, "/")[2] and r.getheader("Content-Type") == "text/html; charset=utf-8"
        conn.request("HEAD", "/")
        r = conn.getresponse()
        assert r.read() == b"" and int(r.getheader("Content-Length")) > 1000
        conn.close()
        assert [st for _, st in results] == [200, 200, 404, 500, 200]
        assert server.request_log == [*results, ("/", 200)]
        server.clear_log()
        assert server.request_log == []


@pytest.mark.e2e
def test_command_line_prints_base_url_and_stops_on_sigterm() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "lcnews.testsite", "--articles", "20", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = proc.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", base)
        host, port = base.split("//")[1].split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=5)
        conn.request("GET", "/robots.txt")
        assert conn.getresponse().status == 200
        conn.close()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


def test_big_site_keeps_leaf_listings_under_the_profile_page_cap() -> None:
    from lcnews.testsite.render import page_count

    s = build_site(50_000, 1)
    for chan, entries in s.model.listings.items():
        if chan not in ("yaowen", "bumen"):  # parents repeat their children's articles
            assert page_count(len(entries), s.model.page_size) <= PROFILE.max_listing_pages, chan


def test_phrase_pools_are_gb2312_safe_except_the_deliberate_gbk_name() -> None:
    from lcnews.testsite import data

    for name, value in vars(data).items():
        if name.isupper() and name != "GBK_ONLY_NAME":
            for item in value if isinstance(value, (list, tuple)) else [value]:
                str(item).encode("gb2312")
    with pytest.raises(UnicodeEncodeError):
        data.GBK_ONLY_NAME.encode("gb2312")
