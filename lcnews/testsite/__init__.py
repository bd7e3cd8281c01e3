"""An offline, deterministic replica of lcxw.cn with exact ground truth (for tests, demo and benchmarks).

``build_site(n_articles, seed, state, template, skin)`` returns a :class:`ReplicaSite` whose ``truth`` lists
every article's expected fields and whose ``respond(method, path)`` answers requests;
:class:`ReplicaServer` serves it over HTTP on loopback. ``ReplicaSite.traps`` names the paths of the
deliberate traps (dead link, fail-once page, old-URL redirect, tracking-query duplicate, republished
article, robots-blocked articles, GBK pages, edited/removed articles). :data:`SKINS` names the
skins that render the same site in the markup of other CMS templates (``lcnews.testsite.skins``).
"""

from .build import build_site
from .server import ReplicaServer
from .site import ReplicaSite
from .skins import SKINS

__all__ = ["SKINS", "ReplicaServer", "ReplicaSite", "build_site"]
