"""Third-party Chinese news pages with exact ground truth (docstring completed below)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from . import central, commercial, gov, local, newmedia, special
from .kit import ENCODINGS, Build, Family, PortalPage
from .text import make_story, notice_story

_ALL: tuple[Family, ...] = (
    *central.FAMILIES,
    *commercial.FAMILIES,
    *newmedia.FAMILIES,
    *local.FAMILIES,
    *gov.FAMILIES,
    *special.FAMILIES,
)
FAMILIES: dict[str, Family] = {f.name: f for f in _ALL}
_START = datetime(2023, 1, 3)
_SPAN_DAYS = 900


def generate_portal_pages(n: int, seed: int = 1) -> list[PortalPage]:
    """``n`` pages, families in turn (every family once in each run of ``len(FAMILIES)``), deterministic."""
    if n < 0:
        raise ValueError("n must be >= 0")
    return [_page(i, seed) for i in range(n)]


def _page(i: int, seed: int) -> PortalPage:
    family = _ALL[i % len(_ALL)]
    rng = random.Random(f"portals:{seed}:{i}")
    ts = _START + timedelta(days=rng.randrange(_SPAN_DAYS), hours=rng.randint(6, 22), minutes=rng.randrange(60),
                            seconds=rng.randrange(60))  # fmt: skip
    encoding = rng.choice(family.encodings)
    gbk_names = ENCODINGS[encoding][0] == "gbk" and rng.random() < 0.5
    story = notice_story(rng, ts) if family.kind == "notice" else make_story(rng, ts, family.n_par, gbk_names)
    url = family.url(rng, ts, i + 1)
    b = Build(rng, story, url, family.name, encoding)
    return b.finish(family.render(b))
