"""``build_site``: the replica as asked for (a state, a template, a skin, or chaos mode)."""

from __future__ import annotations

from .chaos import ChaosSite
from .model import build_model
from .site import ReplicaSite
from .skins import check_skin


def build_site(
    n_articles: int = 60,
    seed: int = 1,
    state: str = "initial",
    template: str | None = None,
    skin: str | None = None,
    chaos: int | None = None,
    new_articles: int | None = None,
) -> ReplicaSite:
    """Build the replica: ``state`` is "initial" or "later"; ``template="unknown"`` re-skins every article
    in a markup the site profile does not know; ``skin`` renders every page in another CMS's markup
    (a name of ``lcnews.testsite.SKINS``, "mixed" or "random:N"; see ``lcnews.testsite.skins``);
    ``chaos=SEED`` serves the site through seeded faults, traps and off-site redirects
    (``lcnews.testsite.chaos``); ``new_articles`` is how many articles the later state adds
    (default: 1%, at least 5)."""
    if skin is not None:
        check_skin(skin)
        if template is not None:
            raise ValueError("choose a template or a skin, not both")
    model = build_model(n_articles, seed, state, template, new_articles)
    if chaos is not None:
        if skin is not None:
            raise ValueError("chaos mode serves the site's own markup: no skin")
        return ChaosSite(model, chaos)
    return ReplicaSite(model, skin)
