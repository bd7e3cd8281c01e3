"""``ReplicaServer``: serve a ``ReplicaSite`` over HTTP/1.1 on loopback in a daemon thread.

Quiet (no request logging to stderr), keep-alive, and it records every request as
(path_with_query, status) so tests can assert what a crawler fetched and in which order. ``latency``
makes every response wait that long (one thread per connection, so requests overlap), like a
distant host: benchmarks of shared crawls are latency-bound then, as real crawls are.
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Protocol


class Responder(Protocol):
    """A replica (the web site, the e-paper): answers one request."""

    def respond(self, method: str, path_with_query: str) -> tuple[int, dict[str, str], bytes]: ...


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients that drop a keep-alive connection mid-request are normal during crawls.
        pass


class ReplicaServer:
    """Context manager (or start()/stop()) serving a replica site at ``base_url``."""

    def __init__(self, site: Responder, host: str = "127.0.0.1", port: int = 0, latency: float = 0.0) -> None:
        self.site = site
        self.latency = latency  # seconds each response waits (a far-away host; requests overlap)
        self.active = 0  # requests being answered now, and the most at once (politeness checks)
        self.max_active = 0
        self.host = host
        self.port = port
        self.request_log: list[tuple[str, int]] = []
        self._log_lock = threading.Lock()
        self._httpd: _QuietServer | None = None
        self._thread: threading.Thread | None = None
        self.down = False  # go_down(): the site stops answering

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("server not started")
        return f"http://{self.host}:{self._httpd.server_address[1]}"

    def clear_log(self) -> None:
        with self._log_lock:
            self.request_log.clear()
            self.max_active = self.active

    def _record(self, path: str, status: int) -> None:
        with self._log_lock:
            self.request_log.append((path, status))

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            server_version = "nginx"
            sys_version = ""

            def _serve(self) -> None:
                if server.down:
                    self.close_connection = True  # hang up without a word, like a dead upstream
                    return
                with server._log_lock:
                    server.active += 1
                    server.max_active = max(server.max_active, server.active)
                try:
                    self._answer()
                finally:
                    with server._log_lock:
                        server.active -= 1

            def _answer(self) -> None:
                if server.latency > 0:
                    time.sleep(server.latency)
                status, headers, body = server.site.respond(self.command, self.path)
                server._record(self.path, status)
                self.send_response(status)
                for k, v in headers.items():
                    if k.lower() != "content-length":
                        self.send_header(k, v)
                length = headers.get("Content-Length", str(len(body)))
                self.send_header("Content-Length", length)
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            do_GET = do_HEAD = do_POST = _serve

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler

    def start(self) -> ReplicaServer:
        if self._httpd is not None:
            return self
        self._httpd = _QuietServer((self.host, self.port), self._handler())
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1}, name="lcnews-replica", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    def go_down(self) -> None:
        """The site stops answering: open connections are hung up on, new ones refused."""
        self.down = True
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()

    def __enter__(self) -> ReplicaServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
