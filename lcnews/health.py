"""Why a request failed, in one word, and when a site has stopped answering (pure; no Scrapy).

The crawl log says one line per failure with its reason, the summary and ``crawl_runs`` count
failures by reason, and a run whose site stops answering winds down within a minute instead of
retrying every queued page for hours. Both read the words here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

# Exception class names (any module) -> reason. Twisted, Scrapy and the standard library each
# name the same failure in their own way; the reason is what a researcher can act on.
_REASONS: dict[str, str] = {
    # Scrapy >= 2.14 wraps the network errors of its download handlers in these
    "DownloadConnectionRefusedError": "refused",
    "CannotResolveHostError": "dns",
    "DownloadTimeoutError": "timeout",
    "DownloadCancelledError": "timeout",
    "DownloadFailedError": "connection_lost",
    "ResponseDataLossError": "truncated",
    # Twisted and the standard library
    "DNSLookupError": "dns",
    "gaierror": "dns",
    "ConnectionRefusedError": "refused",
    "ConnectError": "refused",
    "TimeoutError": "timeout",
    "TCPTimedOutError": "timeout",
    "UserTimeoutError": "timeout",
    "CancelledError": "timeout",
    "ConnectionLost": "connection_lost",
    "ConnectionDone": "connection_lost",
    "ConnectionAborted": "connection_lost",
    "ConnectionResetError": "connection_lost",
    "ResponseNeverReceived": "connection_lost",
    "ResponseFailed": "truncated",
    "_DataLoss": "truncated",
    "PotentialDataLoss": "truncated",
    "SSLError": "tls",
    "Error": "tls",  # OpenSSL.SSL.Error
    "NoRouteError": "unreachable_host",
    "IgnoreRequest": "ignored",
}

# Reasons that mean nobody answered at all (not a server that answered badly).
NETWORK_REASONS = frozenset({"dns", "refused", "timeout", "connection_lost", "tls", "unreachable_host"})


def failure_reason(exc: BaseException) -> str:
    """One word for a failed request: ``refused``, ``timeout``, ``dns``, ``http_503``, ..."""
    status = getattr(getattr(exc, "response", None), "status", None)
    if isinstance(status, int) and type(exc).__name__ == "HttpError":
        return f"http_{status}"
    for cls in type(exc).__mro__:
        reason = _REASONS.get(cls.__name__)
        if reason is not None:
            if cls.__name__ == "Error" and "SSL" not in type(exc).__module__:
                continue
            return reason
    return type(exc).__name__.lower()


@dataclass
class Reachability:
    """Answers and network failures of one site, in order; ``failed`` says when to give up.

    The site counts as unreachable after ``max_failures`` network failures in a row, or when
    network failures have gone on for ``max_seconds`` with no answer in between (slow timeouts).
    An answer of any HTTP status resets both: a server that answers 503 is up.
    """

    max_seconds: float = 60.0
    max_failures: int = 20
    clock: Callable[[], float] = time.monotonic
    failures: int = 0
    since: float | None = None
    last_reason: str = ""
    tripped: bool = False
    counts: dict[str, int] = field(default_factory=dict)

    def answered(self) -> None:
        self.failures = 0
        self.since = None

    def failed(self, reason: str) -> str | None:
        """Note one failed attempt; the message to stop with, once, when the site is gone."""
        if reason not in NETWORK_REASONS or self.tripped:
            return None
        now = self.clock()
        self.failures += 1
        self.last_reason = reason
        self.counts[reason] = self.counts.get(reason, 0) + 1
        if self.since is None:
            self.since = now
        quiet = now - self.since
        if self.failures >= self.max_failures or (self.failures >= 3 and quiet >= self.max_seconds):
            self.tripped = True
            return (
                f"site unreachable: {self.failures} attempts in a row failed over {quiet:.0f} s "
                f"with no answer (last: {reason})"
            )
        return None
