# Long file: the replica's model and its ground truth stay together (skeleton, content, states), so the truth cannot drift from what is served.
"""The replica's model: which articles exist, where, and what each one says (the ground truth).

``build_model`` eagerly creates only the cheap skeleton (ids, channels, timestamps, templates,
encodings, traps, listings) so that 50,000 articles build fast. The full content of an article
(title, byline, paragraphs, images) is generated on demand by ``make_content`` from a random
generator seeded by (seed, article id), so it never depends on build order or on the state:
the ``later`` state re-uses every ``initial`` article byte for byte.
"""

from __future__ import annotations

import bisect
import hashlib
import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from . import data

ERA_CUTOFF = datetime(2024, 9, 1)  # the site's redesign: older articles use template "b"
FIRST_DAY = datetime(2024, 1, 2)
LAST_DAY = datetime(2025, 12, 15)
TRACKING_QUERY = "?from=timeline&utm_source=wechat"


@dataclass
class ArticleSpec:
    """The skeleton of one article: everything listings and routing need, no text."""

    article_id: int
    channel: str
    channel_names: tuple[str, ...]
    ts: datetime  # Beijing time, naive
    era: str  # "a" | "b": decides markup details of the content (image paths, editor label)
    template: str  # "a" | "b" | "unknown"
    encoding: str = "utf-8"
    charset_mode: str = "utf-8"  # utf-8 | gbk-header | gbk-meta | gbk-none
    extra_paths: list[str] = field(default_factory=list)
    reachable: bool = True
    status: int = 200
    state_note: str = ""
    kind: str = "normal"  # normal | ghost (linked, never existed) | new (later state)

    @property
    def path(self) -> str:
        return f"/{self.channel}/{self.ts:%Y%m%d}/{self.article_id}.html"

    @property
    def paths(self) -> list[str]:
        return [self.path, *self.extra_paths]

    @property
    def published_raw(self) -> str:
        return f"{self.ts:%Y-%m-%d %H:%M:%S}"


@dataclass
class Block:
    """One block of the article body as shown; ``truth`` is its clean-body text (None = not body)."""

    kind: str  # p | byline | credit | img
    text: str = ""
    truth: str | None = None
    strong: bool = False
    src: str = ""  # img: site path of the image
    caption: str = ""  # img: caption as shown ("" = none)


@dataclass
class Content:
    title: str
    source: str
    blocks: list[Block]
    editor_line: str
    authors: list[str]
    correspondents: list[str]
    photographers: list[str]
    editors: list[str]

    @property
    def body(self) -> str:
        return "\n".join(b.truth for b in self.blocks if b.truth)

    @property
    def images(self) -> list[dict[str, str]]:
        return [{"src": data.ORIGIN + b.src, "caption": norm_ws(b.caption)} for b in self.blocks if b.kind == "img"]


_WS = re.compile(r"[\s\u3000\xa0]+")


def norm_ws(text: str) -> str:
    """The contract's whitespace rule: collapse runs (incl. U+3000, NBSP) to one space, strip."""
    return _WS.sub(" ", text).strip()


def _dedupe(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


@dataclass
class SiteModel:
    seed: int
    state: str
    template: str | None
    articles: list[ArticleSpec]  # sorted by id, incl. ghost / unreachable / new
    by_id: dict[int, ArticleSpec]
    by_path: dict[str, ArticleSpec]
    listings: dict[str, list[tuple[int, str]]]  # channel slug -> [(article id, path)] newest first
    related_pool: list[int]  # ascending ids eligible for 相关推荐
    traps: dict[str, object]
    edited_id: int
    removed_id: int
    page_size: int

    def related(self, spec: ArticleSpec, k: int = 6) -> list[ArticleSpec]:
        """The k public articles published just before this one (never the edited/removed ones and never
        newer ones, so an unchanged article's page stays byte-identical in the later state)."""
        ids = self.related_pool
        i = bisect.bisect_left(ids, spec.article_id)
        return [self.by_id[x] for x in reversed(ids[max(0, i - k) : i])]


# -- text generation ----------------------------------------------------------------------------

_SLOT = re.compile(r"\{(\w+)\}")
_FULLWIDTH = str.maketrans({",": "，", ":": "：", "(": "（", ")": "）"})


_POOLS = {
    "place": data.PLACES,
    "town": data.TOWNS,
    "company": data.COMPANIES,
    "industry": data.INDUSTRIES,
    "product": data.PRODUCTS,
    "dept": data.DEPARTMENTS,
    "person": data.PEOPLE,
    "position": data.POSITIONS,
    "topic": data.TOPICS,
    "landmark": data.LANDMARKS,
}
_FIRST_SENTENCES = [x for x in data.SENTENCES if not x.startswith("{md}")]


_COMPILED: dict[tuple[str, bool], list[str]] = {}


def _compiled(template: str, fullwidth: bool) -> list[str]:
    """Split a phrase template into literals and "\0slot" markers once (generation is the hot path).

    The full-width variant translates only the literals: slot values never hold , : ( )."""
    key = (template, fullwidth)
    parts = _COMPILED.get(key)
    if parts is None:
        parts = []
        for i, piece in enumerate(_SLOT.split(template)):
            if i % 2:
                parts.append("\0" + piece)
            elif piece:
                parts.append(piece.translate(_FULLWIDTH) if fullwidth else piece)
        _COMPILED[key] = parts
    return parts


class _Writer:
    """Fills phrase templates from the data pools with one article's random generator."""

    def __init__(self, rng: random.Random, ts: datetime, fullwidth: bool) -> None:
        self.rng = rng
        self.ts = ts
        self.fullwidth = fullwidth

    def md(self) -> str:
        d = self.ts - timedelta(days=self.rng.randint(0, 2))
        return f"{d.month}月{d.day}日"

    def slot(self, name: str) -> str:
        r = self.rng
        if name in _POOLS:
            return r.choice(_POOLS[name])
        if name == "n1":
            return str(r.randint(3, 30))
        if name == "n2":
            return str(r.randint(40, 900))
        if name == "n3":
            return str(r.randint(10, 5000))
        if name == "pct":
            return f"{r.randint(2, 35)}.{r.randint(0, 9)}"
        if name == "money":
            return f"{r.randint(1, 60)}.{r.randint(1, 9)}"
        if name == "md":
            return self.md()
        if name == "mon":
            return str(r.randint(1, 12))
        if name == "year":
            return str(self.ts.year)
        raise KeyError(name)

    def fill(self, template: str) -> str:
        parts = _compiled(template, self.fullwidth)
        return "".join(self.slot(p[1:]) if p[:1] == "\0" else p for p in parts)

    def paragraph(self, first: bool = False, tricky: bool = False) -> str:
        pool = _FIRST_SENTENCES if first else data.SENTENCES
        sentences = [self.fill(t) for t in self.rng.sample(pool, self.rng.randint(1, 3))]
        if tricky:
            sentences.insert(self.rng.randint(0, len(sentences)), self.fill(self.rng.choice(data.TRICKY_SENTENCES)))
        return "。".join(sentences) + "。"


def _names(rng: random.Random, pool: list[str], lo: int, hi: int) -> list[str]:
    return rng.sample(pool, rng.randint(lo, hi))


def _join(rng: random.Random, names: list[str]) -> str:
    return rng.choice([" ", "、", ","]).join(names)


def make_title(seed: int, spec: ArticleSpec) -> str:
    rng = random.Random(f"lcnews-replica:{seed}:{spec.article_id}:title")
    w = _Writer(rng, spec.ts, fullwidth=rng.random() < 0.5)
    title = w.fill(rng.choice(data.TITLES))
    return title


def _byline_form(rng: random.Random, channel: str) -> str:
    if channel == "ruiping":
        return rng.choice(["credits", "credits", "credits", "box"])
    if channel == "tushuo":
        return rng.choice(["photo", "photo", "box", "none"])
    return rng.choices(["box", "photo", "dateline", "standalone", "trailing", "none"], weights=[20, 8, 27, 12, 13, 20])[
        0
    ]


def make_content(seed: int, spec: ArticleSpec, edited: bool = False) -> Content:
    """Generate an article's full content and its truth (byline fields, clean body, images)."""
    rng = random.Random(f"lcnews-replica:{seed}:{spec.article_id}:body")
    fullwidth = rng.random() < 0.7
    w = _Writer(rng, spec.ts, fullwidth)
    colon = ":" if not fullwidth or rng.random() < 0.5 else "："
    title = make_title(seed, spec)
    source = rng.choice(data.SOURCES) if rng.random() < 0.85 else ""

    n_par = rng.randint(4, 10)
    if spec.charset_mode == "gbk-none":
        n_par = max(n_par, 8)  # charset detection needs enough text
    tricky_at = rng.randrange(n_par) if rng.random() < 0.35 else -1
    paras = [w.paragraph(first=(i == 0), tricky=(i == tricky_at)) for i in range(n_par)]
    blocks = [Block("p", text=p, truth=p) for p in paras]
    if n_par >= 6 and rng.random() < 0.3:  # a bold sub-heading paragraph
        sub = rng.choice(data.SUBHEADS)
        blocks.insert(rng.randint(2, n_par - 2), Block("p", text=sub, truth=sub, strong=True))

    authors: list[str] = []
    corr: list[str] = []
    photo: list[str] = []
    form = _byline_form(rng, spec.channel)
    head: list[Block] = []
    if form == "box":
        names = _names(rng, data.REPORTERS, 1, 2)
        authors += names
        head.append(Block("byline", text=f"■ 本报记者 {_join(rng, names)}"))
    elif form == "photo":
        name = rng.choice(data.REPORTERS)
        authors.append(name)
        photo.append(name)
        head.append(Block("byline", text=f"■ 文/图 记者 {name}"))
    elif form == "dateline":
        names = _names(rng, data.REPORTERS, 1, 2)
        cs = _names(rng, data.CORRESPONDENTS, 0, 2)
        authors += names
        corr += cs
        lp, rp = ("(", ")") if rng.random() < 0.5 else ("（", "）")
        inner = f"记者 {_join(rng, names)}" + (f" 通讯员 {_join(rng, cs)}" if cs else "")
        opener = "本报讯" + (" " if rng.random() < 0.3 else "") + lp + inner + rp
        first = blocks[0]
        first.truth = (w.md() or "") + ("，" if fullwidth else ",") + (first.truth or "")
        first.text = opener + first.truth
    elif form == "standalone":
        names = _names(rng, data.REPORTERS, 1, 2)
        authors += names
        head.append(Block("byline", text=f"本报记者 {_join(rng, names)}"))
        if rng.random() < 0.7:
            cs = _names(rng, data.CORRESPONDENTS, 1, 2)
            corr += cs
            head.append(Block("byline", text=f"本报通讯员 {_join(rng, cs)}"))
    elif form == "trailing":
        name = rng.choice(data.REPORTERS)
        authors.append(name)
        last = blocks[-1]
        last.text = (last.truth or "") + ("(记者 " + name + ")" if rng.random() < 0.5 else "（记者 " + name + "）")
    elif form == "credits":
        planner, commentator, video = (
            rng.choice(data.COMMENT_PLANNERS),
            rng.choice(data.COMMENTATORS),
            rng.choice(data.VIDEO_MAKERS),
        )
        authors.append(commentator)
        head += [
            Block("credit", text=f"栏目策划{colon}{planner}"),
            Block("credit", text=f"本期评论员{colon}{commentator}"),
            Block("credit", text=f"视频制作{colon}{video}"),
        ]

    # Images sit between paragraphs (never before the first or after the last).
    n_img = rng.randint(3, 5) if spec.channel == "tushuo" else rng.choice([0, 0, 0, 1, 1, 2])
    slots = sorted(rng.sample(range(1, len(blocks)), min(n_img, len(blocks) - 1)), reverse=True)
    for k, pos in enumerate(slots):
        if spec.era == "a":
            src = f"/uploads/image/{spec.ts:%Y%m%d}/{spec.article_id}{k:02d}.jpg"
        else:
            h = hashlib.sha1(f"{spec.article_id}:{k}".encode()).hexdigest()[:20]
            src = f"/d/file/{spec.ts:%Y/%m}/{h}.jpg"
        caption = ""
        if rng.random() < 0.85:
            caption = w.fill(rng.choice(data.CAPTIONS))
            if rng.random() < 0.6:
                p = rng.choice(data.PHOTOGRAPHERS)
                caption += f" 本报记者 {p} 摄"
        blocks.insert(pos, Block("img", src=src, caption=caption))
    # Photographers in page order: byline first, then captions top to bottom.
    for b in blocks:
        if b.kind == "img" and b.caption.endswith(" 摄"):
            photo.append(b.caption.split()[-2])

    editors: list[str] = []
    editor_line = ""
    if rng.random() < 0.95:
        ed = data.GBK_ONLY_NAME if spec.charset_mode == "gbk-meta" else rng.choice(data.EDITORS)
        editors.append(ed)
        label = "编辑" if spec.era == "a" else "责任编辑"
        editor_line = f"{label}{colon}{ed}"

    if edited:
        erng = random.Random(f"lcnews-replica:{seed}:{spec.article_id}:edit")
        ew = _Writer(erng, spec.ts, fullwidth)
        title = title + data.EDIT_TITLE_SUFFIX
        paras_idx = [i for i, b in enumerate(blocks) if b.kind == "p" and not b.strong]
        target = blocks[paras_idx[len(paras_idx) // 2]]
        new = ew.fill(data.EDIT_SENTENCE) + "。"
        # Keep any trailing byline the paragraph carries on the page.
        target.text = target.text.replace(target.truth or "", target.truth + new, 1) if target.truth else new
        target.truth = (target.truth or "") + new

    for b in blocks:
        if b.truth is not None:
            b.truth = norm_ws(b.truth)
    return Content(
        title=title,
        source=source,
        blocks=head + blocks,
        editor_line=editor_line,
        authors=_dedupe(authors),
        correspondents=_dedupe(corr),
        photographers=_dedupe(photo),
        editors=editors,
    )


# -- the skeleton -------------------------------------------------------------------------------


def _timestamps(rng: random.Random, n: int) -> list[datetime]:
    """n strictly rising Beijing times between FIRST_DAY and LAST_DAY, 07:00-22:30 each day."""
    span = (LAST_DAY - FIRST_DAY).days
    # The first and last day are always used so that both templates exist even for tiny sites.
    days = sorted([0, span] + [rng.randint(0, span) for _ in range(n - 2)])
    per_day: dict[int, int] = {}
    for d in days:
        per_day[d] = per_day.get(d, 0) + 1
    out: list[datetime] = []
    for d in sorted(per_day):
        for s in sorted(rng.randint(0, 15 * 3600 + 1800) for _ in range(per_day[d])):
            t = FIRST_DAY + timedelta(days=d, hours=7, seconds=s)
            if out and t <= out[-1]:
                t = out[-1] + timedelta(seconds=1)  # ids rise with time, so times must too
            out.append(t)
    return out


def _choose_channel(rng: random.Random) -> tuple[str, tuple[str, ...]]:
    slug, names, _ = rng.choices(data.ARTICLE_CHANNELS, weights=[c[2] for c in data.ARTICLE_CHANNELS])[0]
    return slug, names


def _set_channel(spec: ArticleSpec, slug: str) -> None:
    names = {c[0]: c[1] for c in data.ARTICLE_CHANNELS}
    names[data.NEIBU_CHANNEL[0]] = data.NEIBU_CHANNEL[1]
    spec.channel = slug
    spec.channel_names = names[slug]
    if slug == "yaowen/shendu" and spec.era == "b":
        spec.channel_names = ("要闻", data.SHENDU_OLD_NAME)


def build_model(
    n_articles: int, seed: int, state: str, template: str | None, new_articles: int | None = None
) -> SiteModel:
    if not 10 <= n_articles <= 50_000:
        raise ValueError("n_articles must be between 10 and 50,000")
    if state not in ("initial", "later"):
        raise ValueError("state must be 'initial' or 'later'")
    if template not in (None, "unknown"):
        raise ValueError("template must be None or 'unknown'")
    rng = random.Random(f"lcnews-replica:{seed}:skeleton")
    times = _timestamps(rng, n_articles)
    specs: list[ArticleSpec] = []
    aid = 105000 + rng.randint(0, 600)
    gaps: list[int] = []  # ids skipped by the counter (used by other content types on the real site)
    for t in times:
        era = "b" if t < ERA_CUTOFF else "a"
        slug, names = _choose_channel(rng)
        spec = ArticleSpec(aid, slug, names, t, era, template or era)
        _set_channel(spec, slug)
        specs.append(spec)
        step = rng.randint(1, 6)
        if step > 1:
            gaps.append(aid + 1)
        aid += step

    # -- traps, chosen with their own generator so they never shift the skeleton ---------------
    trng = random.Random(f"lcnews-replica:{seed}:traps")
    order = list(range(len(specs)))
    trng.shuffle(order)
    newest = sorted(range(len(specs)), reverse=True)[:10]
    edited_i, removed_i = newest[trng.randrange(len(newest))], None
    removed_i = next(i for i in newest[::-1] if i != edited_i)
    taken = {edited_i, removed_i}

    def take() -> ArticleSpec:
        i = next(i for i in order if i not in taken)
        taken.add(i)
        return specs[i]

    neibu = [take(), take()]
    for s in neibu:
        _set_channel(s, data.NEIBU_CHANNEL[0])
        s.reachable = False
    error_once = take()
    redirect = take()
    _set_channel(redirect, "yaowen/shendu")
    tracking = take()
    republished = take()
    _set_channel(republished, "bumen/caijing")
    republished.extra_paths.append(f"/yaowen/shehui/{republished.ts:%Y%m%d}/{republished.article_id}.html")
    # GBK: one page per declaration style, then ~7% more (so ~10% overall).
    gbk_modes = ["gbk-header", "gbk-meta", "gbk-none"]
    gbk_specs: dict[str, int] = {}
    for i in order:
        s = specs[i]
        if i in taken:  # keep encodings apart from the other traps so each can be tested alone
            continue
        mode = gbk_modes.pop(0) if gbk_modes else ("gbk-header" if trng.random() < 0.07 else "")
        if mode:
            if mode == "gbk-meta" and "gbk-meta" in gbk_specs:
                mode = "gbk-header"  # only one page carries the GBK-only editor name
            s.encoding, s.charset_mode = "gbk", mode
            gbk_specs.setdefault(mode, s.article_id)
    ghost_id = gaps[-1] if gaps else aid
    ghost_base = specs[-1] if ghost_id == aid else next(s for s in specs if s.article_id == ghost_id - 1)
    ghost = ArticleSpec(
        ghost_id,
        "yaowen/shehui",
        ("要闻", "社会"),
        ghost_base.ts,
        ghost_base.era,
        template or ghost_base.era,
        status=404,
        kind="ghost",
    )
    if ghost_id == aid:
        aid += 1
    specs.append(ghost)
    edited, removed = specs[edited_i], specs[removed_i]

    if state == "later":
        edited.state_note = "edited"
        removed.state_note = "removed"
        removed.status = 410
        lrng = random.Random(f"lcnews-replica:{seed}:later")
        t = times[-1]
        for _ in range(max(5, n_articles // 100) if new_articles is None else new_articles):
            t = t + timedelta(minutes=lrng.randint(20, 240))
            slug, names = _choose_channel(lrng)
            spec = ArticleSpec(aid, slug, names, t, "a", template or "a", state_note="new", kind="new")
            specs.append(spec)
            aid += lrng.randint(1, 6)
    specs.sort(key=lambda s: s.article_id)

    by_id = {s.article_id: s for s in specs}
    by_path: dict[str, ArticleSpec] = {}
    # Every channel has a listing, even an empty one: the menu links them all.
    listings: dict[str, list[tuple[int, str]]] = {c[0]: [] for c in data.ARTICLE_CHANNELS}
    listings[data.NEIBU_CHANNEL[0]] = []
    for s in specs:
        for p in s.paths:
            by_path[p] = s
            chan = p.rsplit("/", 2)[0].lstrip("/")
            listings.setdefault(chan, []).append((s.article_id, p))
    for parent, (_, children) in data.PARENT_CHANNELS.items():
        merged = [e for c in children for e in listings.get(c, [])]
        listings[parent] = merged
    for entries in listings.values():
        entries.sort(key=lambda e: e[0], reverse=True)

    exclude = {edited.article_id, removed.article_id}
    related_pool = [s.article_id for s in specs if s.kind == "normal" and s.reachable and s.article_id not in exclude]

    traps: dict[str, object] = {
        "not_found": ghost.path,
        "error_once": error_once.path,
        "redirect": (f"/html/{redirect.ts:%Y/%m}/{redirect.article_id}.shtml", redirect.path),
        "tracking_duplicate": tracking.path + TRACKING_QUERY,
        "republished": (republished.path, republished.extra_paths[0]),
        "robots_blocked": [s.path for s in neibu],
        "gbk": gbk_specs,
        "edited": edited.path,
        "removed": removed.path,
    }
    return SiteModel(
        seed,
        state,
        template,
        specs,
        by_id,
        by_path,
        listings,
        related_pool,
        traps,
        edited.article_id,
        removed.article_id,
        data.LISTING_PAGE_SIZE if n_articles <= data.BIG_SITE else data.LISTING_PAGE_SIZE_BIG,
    )
