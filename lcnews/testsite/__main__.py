"""Command line: serve a replica until Ctrl-C / SIGTERM, printing the base URL first.

    python -m lcnews.testsite --articles 60 --seed 1 --state initial [--template unknown | --skin NAME] --port 0

``--skin`` takes a name of ``lcnews.testsite.SKINS``, "mixed" (a skin per article) or "random:N".
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from . import SKINS, ReplicaServer, build_site


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m lcnews.testsite", description="Serve the lcxw.cn replica.")
    ap.add_argument("--articles", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--state", choices=["initial", "later"], default="initial")
    ap.add_argument("--template", choices=["unknown"], default=None)
    ap.add_argument(
        "--skin",
        default=None,
        metavar="NAME",
        help=f"render the site in another CMS's markup: {', '.join(SKINS)}, mixed or random:N",
    )
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args(argv)
    try:
        site = build_site(args.articles, args.seed, args.state, args.template, args.skin)
    except ValueError as exc:
        ap.error(str(exc))
    stop = threading.Event()
    # SIGTERM must end the process cleanly (the demo and benchmarks stop the server that way).
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with ReplicaServer(site, args.host, args.port) as server:
        print(server.base_url, flush=True)
        try:
            while not stop.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
