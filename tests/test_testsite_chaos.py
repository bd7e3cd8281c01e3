"""lcnews.testsite.chaos: the replica's seeded faults, traps and off-site entries, and their truth."""

from __future__ import annotations

import http.client
import re

import pytest

from lcnews.testsite import ReplicaServer, build_site
from lcnews.testsite.chaos import (
    ARTICLE_FAULTS,
    BIG_PAGE_BYTES,
    BURST,
    CHAIN_HOPS,
    FAULT_HEADER,
    ChaosSite,
)


def _site(chaos: int = 3) -> ChaosSite:
    site = build_site(n_articles=200, seed=7, chaos=chaos)
    assert isinstance(site, ChaosSite)
    return site


SITE = _site()


def _path_of(site: ChaosSite, fault: str) -> str:
    aid = next(a for a, f in sorted(site.chaos.faults.items()) if f == fault)
    return site.model.by_id[aid].path


def test_the_plan_is_seeded() -> None:
    assert _site().chaos_truth() == SITE.chaos_truth() != _site(chaos=4).chaos_truth()


def test_every_fault_is_planted_as_often_as_listed() -> None:
    planted: dict[str, int] = {}
    for fault in SITE.chaos.faults.values():
        planted[fault] = planted.get(fault, 0) + 1
    assert planted == ARTICLE_FAULTS


def test_served_is_every_reachable_article_but_the_redirect_loop() -> None:
    site = _site()
    loop = {a for a, f in site.chaos.faults.items() if f == "redirect_loop"}
    reachable = {t["article_id"] for t in site.truth if t["reachable"] and t["status"] == 200}
    assert site.chaos.served == reachable - loop and loop


def test_a_burst_answers_503_with_retry_after_then_the_page() -> None:
    site = _site()
    path = _path_of(site, "burst")
    answers = [site.respond("GET", path) for _ in range(BURST + 1)]
    assert [a[0] for a in answers] == [503] * BURST + [200] and answers[0][1]["Retry-After"] == "1"


@pytest.mark.parametrize("fault", ["reset", "truncate"])
def test_a_transport_fault_hits_the_first_request_only(fault: str) -> None:
    site = _site()
    path = _path_of(site, fault)
    first, second = site.respond("GET", path), site.respond("GET", path)
    assert first[1].get(FAULT_HEADER) == fault and FAULT_HEADER not in second[1] and second[0] == 200


def test_a_redirect_loop_comes_back_round() -> None:
    site = _site()
    hops = [_path_of(site, "redirect_loop")]
    for _ in range(3):
        status, headers, _body = site.respond("GET", hops[-1])
        assert status == 302
        hops.append(headers["Location"])
    assert hops[3] == hops[1]


def test_a_redirect_chain_lands_on_the_article_after_six_hops() -> None:
    site = _site()
    url, hops = _path_of(site, "redirect_chain"), 0
    while (answer := site.respond("GET", url))[0] == 302:
        url, hops = answer[1]["Location"], hops + 1
    assert hops == CHAIN_HOPS and answer[0] == 200 and url.startswith(_path_of(site, "redirect_chain") + "?")


@pytest.mark.parametrize(
    ("fault", "content_type", "codec"),
    [
        ("charset_lie_latin1", "text/html; charset=iso-8859-1", "utf-8"),
        ("charset_lie_utf8", "text/html; charset=utf-8", "gbk"),
        ("charset_missing", "text/html", "gbk"),
    ],
)
def test_a_charset_fault_keeps_the_text_under_a_wrong_or_no_declaration(
    fault: str, content_type: str, codec: str
) -> None:
    site = _site()
    status, headers, body = site.respond("GET", _path_of(site, fault))
    truth = next(t for t in site.truth if t["path"] == _path_of(site, fault))
    assert status == 200 and headers["Content-Type"] == content_type
    assert truth["title"] in body.decode(codec)


def test_the_big_page_is_over_five_megabytes() -> None:
    assert len(SITE.respond("GET", _path_of(SITE, "big_page"))[2]) > BIG_PAGE_BYTES


def test_malformed_html_closes_a_paragraph_inside_a_script() -> None:
    body = SITE.respond("GET", _path_of(SITE, "malformed"))[2].decode()
    assert re.search(r"<script>[^<]*</p>", body)


def test_an_endless_channels_last_page_leads_to_empty_pages_for_ever() -> None:
    site = _site()
    chan = site.chaos.endless[0]
    entries = site.model.listings[chan]
    pages = -(-len(entries) // site.model.page_size)
    last = f"/{chan}/" if pages == 1 else f"/{chan}/index_{pages}.html"
    assert "下一页" in site.respond("GET", last)[2].decode() and not site.is_trap(last)
    far = f"/{chan}/index_{pages + 400}.html"
    status, _h, body = site.respond("GET", far)
    assert status == 200 and "下一页" in body.decode() and site.is_trap(far)


def test_a_calendars_months_run_on() -> None:
    site = _site()
    chan = site.chaos.calendars[0]
    assert f"/{chan}/rili/2026/1/" in site.respond("GET", f"/{chan}/")[2].decode()
    status, _h, body = site.respond("GET", f"/{chan}/rili/2031/7/")
    assert status == 200 and f"/{chan}/rili/2031/8/" in body.decode() and site.is_trap(f"/{chan}/rili/2031/7/")


def test_off_site_entries_are_listed_and_leave_for_the_other_host() -> None:
    site = _site()
    site.other_origin = "http://localhost:9"
    listed = {
        aid for aid, (chan, path) in site.chaos.offsite.items() if path in site.respond("GET", f"/{chan}/")[2].decode()
    }
    answers = {aid: site.respond("GET", path) for aid, (_c, path) in site.chaos.offsite.items()}
    assert listed == set(site.chaos.offsite)
    assert all(
        a[1].get("Location", "").startswith("http://localhost:9/") or b"http://localhost:9/" in a[2]
        for a in answers.values()
    )
    assert not set(site.chaos.offsite) & {t["article_id"] for t in site.truth}


def _get(server: ReplicaServer, path: str, host: str | None = None) -> tuple[int, bytes]:
    port = int(server.base_url.rsplit(":", 1)[1])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": host} if host else {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@pytest.mark.parametrize("fault", ["reset", "truncate"])
def test_the_server_breaks_the_connection_once(fault: str) -> None:
    site = _site()
    with ReplicaServer(site) as server:
        with pytest.raises((ConnectionError, http.client.HTTPException)):
            _get(server, _path_of(site, fault))
        assert _get(server, _path_of(site, fault))[0] == 200


def test_the_server_records_requests_made_under_the_other_host_name() -> None:
    with ReplicaServer(_site()) as server:
        _get(server, "/")
        _get(server, "/robots.txt", host=server.other_origin.removeprefix("http://"))
        assert server.offsite_log == ["/robots.txt"]
