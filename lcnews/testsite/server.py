"""``ReplicaServer``: serve a ``ReplicaSite`` over HTTP/1.1 on loopback in a daemon thread.

Quiet (no request logging to stderr), keep-alive, and it records every request as
(path_with_query, status) so tests can assert what a crawler fetched and in which order; a request
made under another host name (``other_origin``: the same server as ``localhost``, where a chaos
site's off-site redirects point) is recorded in ``offsite_log`` too. A site's ``X-Replica-Fault``
header is acted on, never sent: ``reset`` (the connection is reset, no answer), ``truncate`` (half
the body, then the connection closes), ``stall=SECONDS`` (the answer waits). ``latency``
makes every response wait that long (one thread per connection, so requests overlap), like a
distant host: benchmarks of shared crawls are latency-bound then, as real crawls are.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Protocol


class Responder(Protocol):
    """A replica (the web site, the e-paper): answers one request."""

    def respond(self, method: str, path_with_query: str) -> tuple[int, dict[str, str], bytes]: ...


FAULT_HEADER = "X-Replica-Fault"
OTHER_HOST = "localhost"


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
        self.first_at: float | None = None  # time.monotonic() of the first and the last request answered
        self.last_at: float | None = None
        self.host = host
        self.port = port
        self.request_log: list[tuple[str, int]] = []
        self.offsite_log: list[str] = []  # requests made under another host name (other_origin)
        self._log_lock = threading.Lock()
        self._httpd: _QuietServer | None = None
        self._thread: threading.Thread | None = None
        self.down = False  # go_down(): the site stops answering

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("server not started")
        return f"http://{self.host}:{self._httpd.server_address[1]}"

    @property
    def other_origin(self) -> str:
        """This server under another host name: a different site to a crawler of ``base_url``."""
        if self._httpd is None:
            raise RuntimeError("server not started")
        return f"http://{OTHER_HOST}:{self._httpd.server_address[1]}"

    def clear_log(self) -> None:
        with self._log_lock:
            self.request_log.clear()
            self.offsite_log.clear()
            self.max_active = self.active

    def _record(self, path: str, status: int) -> None:
        with self._log_lock:
            self.request_log.append((path, status))
            self.last_at = time.monotonic()
            if self.first_at is None:
                self.first_at = self.last_at

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
                host = (self.headers.get("Host") or "").lower()
                if host.split(":")[0] == OTHER_HOST:
                    with server._log_lock:
                        server.offsite_log.append(self.path)
                fault = headers.pop(FAULT_HEADER, "")
                if fault == "reset":
                    self._reset()
                    return
                if fault.startswith("stall="):
                    time.sleep(float(fault.partition("=")[2]))
                self.send_response(status)
                for k, v in headers.items():
                    if k.lower() != "content-length":
                        self.send_header(k, v)
                length = headers.get("Content-Length", str(len(body)))
                self.send_header("Content-Length", length)
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body[: len(body) // 2] if fault == "truncate" else body)
                if fault == "truncate":
                    self.wfile.flush()
                    self._reset()

            def _reset(self) -> None:
                # SO_LINGER 0: close() sends a TCP reset instead of an orderly FIN.
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.close_connection = True
                self.connection.close()

            do_GET = do_HEAD = do_POST = _serve

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler

    def start(self) -> ReplicaServer:
        if self._httpd is not None:
            return self
        self._httpd = _QuietServer((self.host, self.port), self._handler())
        if hasattr(self.site, "other_origin"):  # a chaos site's off-site redirects point there
            self.site.other_origin = self.other_origin
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
