"""What a skin changes in an article's content, and the truth that follows (docs/CONTRACTS.md).

Skins render the same articles; three things are theirs: the byline form (a share of articles get one
of :data:`BYLINE_FORMS` instead of the site's), the editor line (:func:`editor_lines`) and how the
publish time is shown (:func:`shown_time`). Everything is drawn from a generator seeded by (site
seed, article id, skin name), so a page and its truth never depend on render order.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime

from .. import data
from ..model import Block, Content, norm_ws
from .spec import Skin

# People who appear only in other credit lines (校对/审核/监制): never editors, authors or body.
PROOFREADERS = ["韩冬", "邵云飞", "贾明", "秦雯"]
REVIEWERS = ["翟强", "柴文静", "鲁振华"]
SUPERVISORS = ["葛建", "苗青"]
KICKERS = ["新春走基层", "聚焦高质量发展", "奋进新征程 建功新时代", "锚定目标 实干争先"]

BYLINE_FORMS = (
    "wen-tu",
    "wen-tu-plain",
    "reporter-photo",
    "one-line",
    "colon",
    "corr-first",
    "trailing-full",
    "end-line",
)
EDITOR_FORMS = ("site", "编辑", "责任编辑", "paren", "paren-ascii", "bracket", "proof", "chain", "zebian")


def article_rng(seed: int, article_id: int, skin: Skin, what: str) -> random.Random:
    return random.Random(f"lcnews-skin:{seed}:{article_id}:{skin.name}:{what}")


# -- time ---------------------------------------------------------------------------------------


def shown_time(skin: Skin, ts: datetime) -> tuple[str, str]:
    """(published_raw, published_at) of a page in this skin.

    ``published_raw`` is the visible time string (no label). ``published_at`` carries the most
    precise time the page states: seconds only when the visible form or ``article:published_time``
    shows them, else ``:00`` (TRS PubDate and Founder's enpproperty date never add precision)."""
    raw = ts.strftime(skin.time_fmt)
    precise = "%S" in skin.time_fmt or skin.machine_time == "iso"
    at = ts if precise else ts.replace(second=0)
    return raw, f"{at:%Y-%m-%dT%H:%M:%S}+08:00"


# -- bylines ------------------------------------------------------------------------------------


def _plain(content: Content) -> tuple[list[Block], list[Block]]:
    """The content's blocks with the site's byline removed: (body blocks, removed head blocks)."""
    blocks: list[Block] = []
    for b in content.blocks:
        if b.kind in ("byline", "credit"):
            continue
        if b.kind == "p" and b.truth and b.text != b.truth:  # dateline prefix or trailing (记者 X)
            blocks.append(replace(b, text=b.truth))
        else:
            blocks.append(b)
    return blocks, [b for b in content.blocks if b.kind in ("byline", "credit")]


def _caption_photographers(blocks: list[Block]) -> list[str]:
    return [b.caption.split()[-2] for b in blocks if b.kind == "img" and b.caption.endswith(" 摄")]


def _names(rng: random.Random, pool: list[str], k: int, avoid: tuple[str, ...] = ()) -> list[str]:
    return rng.sample([x for x in pool if x not in avoid], k)


def restyle(content: Content, skin: Skin, rng: random.Random) -> Content:
    """The content with, for ``skin.byline_rate`` of articles, a byline of the skin's forms."""
    if not skin.byline_forms or rng.random() >= skin.byline_rate:
        return content
    form = rng.choice(skin.byline_forms)
    blocks, _ = _plain(content)
    reporters = _names(rng, data.REPORTERS, 2 if rng.random() < 0.2 else 1)
    rep = "、".join(reporters)
    corr = _names(rng, data.CORRESPONDENTS, 1)
    photo = _names(rng, data.PHOTOGRAPHERS, 1, avoid=tuple(reporters))
    authors, correspondents, photographers = list(reporters), [], []
    head: list[Block] = []
    paras = [i for i, b in enumerate(blocks) if b.kind == "p"]
    first, last = blocks[paras[0]], blocks[paras[-1]]
    if form == "wen-tu":
        head.append(Block("byline", text=f"文/记者 {rep} 图/{photo[0]}"))
        photographers += photo
    elif form == "wen-tu-plain":
        head.append(Block("byline", text=f"文/{rep}\u3000图/{photo[0]}"))
        photographers += photo
    elif form == "reporter-photo":
        head.append(Block("byline", text=f"记者 {rep} 摄影 {photo[0]}"))
        photographers += photo
    elif form == "one-line":
        head.append(Block("byline", text=f"本报记者 {rep} 本报通讯员 {corr[0]}"))
        correspondents += corr
    elif form == "colon":
        head.append(Block("byline", text=f"记者{skin.colon}{rep} 通讯员{skin.colon}{corr[0]}"))
        correspondents += corr
    elif form == "corr-first":
        blocks[paras[0]] = replace(first, text=f"本报讯（通讯员 {corr[0]} 记者 {rep}）{first.truth}")
        correspondents += corr
    elif form == "trailing-full":
        blocks[paras[-1]] = replace(last, text=f"{last.truth}（记者 {rep} 通讯员 {corr[0]}）")
        correspondents += corr
    elif form == "end-line":
        blocks.append(Block("byline", text=f"（本报记者 {rep}）"))
    else:
        raise ValueError(f"unknown byline form {form!r}")
    photographers += _caption_photographers(blocks)
    return replace(
        content,
        blocks=head + blocks,
        authors=authors,
        correspondents=correspondents,
        photographers=list(dict.fromkeys(photographers)),
    )


# -- editor lines -------------------------------------------------------------------------------


def editor_lines(content: Content, skin: Skin, rng: random.Random) -> list[str]:
    """The editor credit lines shown below the text ([] when the article names no editor).

    Only the 编辑/责任编辑/责编 name is an editor; 校对/审核/监制 names are other credits."""
    if not content.editors:
        return []
    ed, c = content.editors[0], skin.colon
    form = skin.editor_form
    if form == "site":
        return [content.editor_line]
    if form in ("编辑", "责任编辑"):
        return [f"{form}{c}{ed}"]
    if form == "zebian":
        return [f"责编{c}{ed}"]
    if form == "paren":
        return [f"（编辑：{ed}）"]
    if form == "paren-ascii":
        return [f"(责任编辑:{ed})"]
    if form == "bracket":
        return [f"[责任编辑:{ed}]"]
    if form == "proof":
        return [f"编辑 {ed} 校对 {rng.choice(PROOFREADERS)}"]
    if form == "chain":
        return [f"编辑{c}{ed}", f"审核{c}{rng.choice(REVIEWERS)}", f"监制{c}{rng.choice(SUPERVISORS)}"]
    raise ValueError(f"unknown editor form {form!r}")


def summary(content: Content, length: int = 40) -> str:
    """A listing or description teaser: the start of the first body paragraph."""
    first = content.body.split("\n", 1)[0]
    return norm_ws(first[:length]) + ("…" if len(first) > length else "")


def kicker(rng: random.Random) -> str:
    return rng.choice(KICKERS) if rng.random() < 0.3 else ""
