"""The replica of the Founder e-paper (数字报) at lcrb.lcxw.cn: two papers, editions by day, exact truth.

``build_epaper(seed, days, state)`` returns an :class:`EpaperSite` (``truth``, ``editions``,
``respond``); serve it with :class:`lcnews.testsite.ReplicaServer` like the web replica.
"""

from .site import EpaperSite, build_epaper

__all__ = ["EpaperSite", "build_epaper"]
