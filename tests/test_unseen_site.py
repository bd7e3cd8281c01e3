"""A small site of the same URL shapes but markup and pagination forms the profile never saw:
the crawl still finds every article (pagination followed by its link text) and extracts it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import run_cli

ARTICLES = {
    f"/yaowen/shehui/2025031{i}/20{i}00.html": (
        f"东昌府区第{i}期便民服务活动举行",
        f"2025-03-1{i} 09:3{i}:00",
        f"3月1{i}日，东昌府区在古楼街道开展第{i}期便民服务活动，现场为群众办理业务{i}0余件。",
    )
    for i in range(1, 8)
}
PATHS = sorted(ARTICLES, reverse=True)


def _article(path: str) -> bytes:
    title, when, text = ARTICLES[path]
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{title} - 聊城新闻网</title></head>
<body><div class="topbar"><a href="/">首页</a> <a href="/yaowen/shehui/">社会</a></div>
<div class="wrap"><div class="ttl">{title}</div>
<div class="sub">来源:聊城日报  {when}</div>
<div class="txt"><p>{text}</p><p>活动持续到当天下午，工作人员还向群众发放了政策宣传资料两千余份，并现场解答了群众提出的问题。</p>
<p>编辑:王琳</p></div>
<div class="rel"><h3>相关推荐</h3><ul><li><a href="/yaowen/shehui/">更多</a> 2025-03-01 10:00:00</li></ul></div></div>
<div class="ft">聊城新闻网 2006-2025 版权所有 鲁ICP备09083931号</div></body></html>""".encode()


def _listing(page: int) -> bytes:
    per = 3
    chunk = PATHS[(page - 1) * per : page * per]
    items = "".join(f'<div class="row"><a href="{p}">{ARTICLES[p][0]}</a></div>' for p in chunk)
    pages = (len(PATHS) + per - 1) // per
    nav = "".join(f'<a href="/yaowen/shehui/list.php?pn={n}">{n}</a> ' for n in range(1, pages + 1))
    if page < pages:
        nav += f'<a href="/yaowen/shehui/list.php?pn={page + 1}">下一页</a>'
    return f'<html><head><meta charset="utf-8"></head><body>{items}<div class="pg">{nav}</div></body></html>'.encode()


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        path, _, query = self.path.partition("?")
        status, body = 404, b"not found"
        if path == "/robots.txt":
            status, body = 200, b"User-agent: *\nAllow: /\n"
        elif path == "/":
            status, body = 200, '<html><body><a href="/yaowen/shehui/">社会</a></body></html>'.encode()
        elif path == "/yaowen/shehui/":
            status, body = 200, _listing(1)
        elif path == "/yaowen/shehui/list.php":
            status, body = 200, _listing(int(query.split("=")[1]))
        elif path in ARTICLES:
            status, body = 200, _article(path)
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def unseen_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_pagination_in_an_unknown_url_form_is_followed(unseen_server: str, tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "a.db"
    proc = run_cli("crawl", "--db", str(db), "--base-url", unseen_server, "--no-progress", "--channel", "yaowen/shehui")
    assert proc.returncode == 0, proc.stderr[-2000:]
    with sqlite3.connect(db) as conn:
        rows = {
            r[0]: r[1:] for r in conn.execute("select url, title, published_at, source, editors, body from articles")
        }
    assert set(rows) == {"https://www.lcxw.cn" + p for p in PATHS}
    for path, (title, when, text) in ARTICLES.items():
        got_title, published, source, editors, body = rows["https://www.lcxw.cn" + path]
        assert (got_title, published, source, editors) == (
            title,
            when.replace(" ", "T") + "+08:00",
            "聊城日报",
            '["王琳"]',
        )
        assert body.splitlines()[0] == text and "相关推荐" not in body and "版权所有" not in body
