"""Body, byline and credit renderers shared by the families (each records its truth as it renders)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from urllib.parse import urljoin

from .kit import Build, attr, esc, norm_ws

# -- images ---------------------------------------------------------------------------------------


def image_src(b: Build, base: str = "/uploadfiles", ext: str = "jpg") -> str:
    h = hashlib.md5(f"{b.url}{len(b.images)}".encode()).hexdigest()[:16]
    return f"{base}/{b.story.ts:%Y%m}/{b.story.ts:%d}/{h}.{ext}"


def caption(b: Build) -> str:
    """A caption as shown, photographer credits recorded; "" when the image has none."""
    if not b.story.captions or b.chance(0.12):
        return ""
    cap = b.story.captions[len(b.images) % len(b.story.captions)]
    form = b.pick("plain", "paren", "tri", "tu_wei", "tu_slash", "reporter")
    if form == "plain":
        return cap + "。"
    name = b.people()[0]
    b.record("摄", [name])
    return {
        "paren": f"{cap}（{name} 摄）",
        "tri": f"▲{cap}。记者 {name} 摄",
        "tu_wei": f"图为{cap}。{name} 摄",
        "tu_slash": f"{cap}\u3000图/{name}",
        "reporter": f"{cap}。本报记者 {name} 摄",
    }[form]


def image(b: Build, caption_tag: str = "p", lazy: str = "", base: str = "/uploadfiles", wrap: str = "p") -> str:
    """An image with its caption below it; the caption goes to images, never to the body."""
    src = image_src(b, base)
    cap = caption(b)
    b.images.append({"src": urljoin(b.url, src), "caption": norm_ws(cap)})
    if cap:
        b.not_body.append(norm_ws(cap))
    img = f'<img src="{src}" alt="" />'
    if lazy:
        img = f'<img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" {lazy}="{src}" />'
    cap_html = ""
    if cap:
        if caption_tag == "p":
            cap_html = f'<p style="text-align: center;">{esc(cap)}</p>'
        elif caption_tag == "figure":
            return f"<figure>{img}<figcaption>{esc(cap)}</figcaption></figure>"
        else:  # a tag with a class, e.g. 'p class="pictext"'
            name = caption_tag.split(maxsplit=1)[0]
            cap_html = f"<{caption_tag}>{esc(cap)}</{name}>"
    return f'<{wrap} style="text-align: center;">{img}</{wrap}>{cap_html}'


# -- body -----------------------------------------------------------------------------------------


def paragraphs(
    b: Build,
    style: str = "p",
    indent: str = "",
    n_images: int = 0,
    lead: str = "",
    tail: str = "",
    p_attr: str = "",
    image_fn: Callable[[Build], str] | None = None,
    only: slice | None = None,
) -> str:
    """The truth paragraphs as markup.

    ``lead`` (a dateline such as ``新华社青岚5月9日电（记者 X）``) opens the first paragraph and ``tail``
    (``（完）``, ``（记者 X）``) closes the last: both are shown, neither is body. ``style``: p, div,
    br (one block, ``<br>`` between paragraphs), span (``<p><span>``), section (WeChat editors).
    """
    paras = b.paragraphs if only is None else b.paragraphs[only]
    slots = sorted(b.rng.sample(range(len(paras)), min(n_images, len(paras))))
    out: list[str] = []
    for i, text in enumerate(paras):
        if i in slots:
            out.append((image_fn or image)(b))
        shown = esc(text)
        if i == 0 and lead:
            shown = esc(lead) + shown
        if i == len(paras) - 1 and tail:
            shown += esc(tail)
        if style == "br":
            out.append(f"{indent}{shown}<br />" + b.pick("", "<br />", "\n<br />"))
        elif style == "div":
            out.append(f"<div{p_attr}>{indent}{shown}</div>")
        elif style == "span":
            out.append(f'<p{p_attr}><span style="font-size: 16px;">{indent}{shown}</span></p>')
        elif style == "section":
            out.append(f'<section><p{p_attr}><span style="letter-spacing: 1px;">{shown}</span></p></section>')
        else:
            out.append(f"<p{p_attr}>{indent}{shown}</p>")
    for part in (lead, tail):  # shown inside a paragraph: not body, but not a line of furniture either
        if part:
            b.not_body.append(norm_ws(part))
            b.attached.append(norm_ws(part))
    return "\n".join(out)


def dateline(b: Build, kind: str) -> str:
    """A wire/paper dateline that opens the first paragraph (not body), bylines recorded."""
    ts = b.story.ts
    md = f"{ts.month}月{ts.day}日"
    city = b.story.city
    b.trap("dateline")
    if kind == "xinhua":
        names = b.people(b.pick(1, 2, 2))
        b.record("记者", names)
        return f"新华社{city}{md}电（记者{'、'.join(names)}）"
    if kind == "chinanews":
        names = b.people(b.pick(1, 1, 2))
        b.record("记者", names)
        return f"中新网{city}{md}电 (记者 {' '.join(names)})"
    if kind == "benbao":
        r = b.people(1)
        b.record("记者", r)
        form = b.pick("full", "loose", "short")
        if form == "short":
            return f"本报讯(记者 {r[0]})"
        c = b.people(1)
        b.record("通讯员", c)
        return f"本报讯（记者 {r[0]} 通讯员 {c[0]}）" if form == "full" else f"本报讯 记者{r[0]} 通讯员{c[0]} "
    if kind == "cctv":
        form = b.pick("plain", "program", "reporter")
        if form == "reporter":
            return "央视网消息（" + b.credit("记者", 1, " ") + "）："
        return "央视网消息（新闻联播）：" if form == "program" else "央视网消息："
    if kind == "site":
        return f"{city}网讯 "
    if kind == "caixin":
        names = b.people(1)
        b.record("记者", names)
        return f"【财新网】（记者 {names[0]}）"
    if kind == "chinadaily":
        return f"中国日报网{md}电 "
    raise ValueError(kind)


# -- bylines and credits (text, not escaped: callers pass them through ``b.furn``) ------------------


def byline(b: Build, form: str) -> str:
    """A standalone byline line in one of the forms pages use."""
    if form == "benbao":
        r = b.credit("本报记者", b.pick(1, 2), " ", " ")
        return r + (" " + b.credit("本报通讯员", 1, " ") if b.chance(0.5) else "")
    if form == "wen":
        return b.credit("文", 1, "/")
    if form == "wen_tu":
        return b.credit("文", 1, "/记者 ") + " " + b.credit("图", 1, "/")
    if form == "wentu":  # 文/图 记者 X: author and photographer at once
        names = b.people(1)
        b.record("记者", names)
        b.record("摄影", names)
        return f"文/图 记者 {names[0]}"
    if form == "bracket":
        return "【" + b.credit("文", 1, "/") + "】"
    if form == "zuozhe_bar":
        return b.credit("作者", 1, "︱")
    if form == "zuozhe_tight":
        return b.credit("作者", 1, "")
    if form == "zuozhe":
        return b.credit("作者", b.pick(1, 2), b.colon(), " ")
    if form == "caixie":
        return b.credit("采写", 2, b.colon(), " ")
    if form == "zhibi":
        return b.credit("执笔", 1, "/")
    if form == "pipe":
        return b.credit("记者", 1, " | ")
    if form == "jizhe":
        return b.credit("记者", b.pick(1, 2), " ", " ") + (" " + b.credit("通讯员", 1, " ") if b.chance(0.4) else "")
    raise ValueError(form)


def editor_code(b: Build, name: str, style: str) -> str:
    if style == "nb":
        return f"{name}_NB{b.rng.randint(1000, 19999)}"
    if style == "sf":
        return f"{name} SF{b.rng.randint(1, 99):03d}"
    if style == "pn":
        return f"{name} {b.pick('PN', 'NJ', 'BJ')}{b.rng.randint(1, 99):03d}"
    return name


def editor_line(b: Build, form: str, code: str = "") -> str:
    """A closing credit line in one of the forms pages use; names recorded, codes stripped."""
    if form in {"zeren", "zeren_bracket", "zebian", "bianji", "bianji_paren", "bianji_bracket"}:
        names = b.people(2 if form == "zebian" else 1)
        label = {"zeren": "责任编辑", "zeren_bracket": "责任编辑", "zebian": "责编"}.get(form, "编辑")
        b.record(label, names)
        if code:
            b.trap("editor_code")
        shown = "、".join(editor_code(b, n, code) for n in names)
        if form == "zeren":
            return f"责任编辑{b.colon()}{shown}"
        if form == "zeren_bracket":
            return f"【责任编辑{b.pick(':', '：')}{shown}】"
        if form == "zebian":
            return f"(责编：{shown})"
        if form == "bianji_bracket":
            return f"【编辑{b.pick(':', '：')}{shown}】"
        if form == "bianji_paren":
            return f"（编辑：{shown}）"
        return f"编辑{b.colon()}{shown}"
    if form == "bianji_jiaodui":
        return b.credit("编辑", 1, " ") + " " + b.credit("校对", 1, " ")
    if form == "shenhe":
        return b.credit("编辑", 1, b.colon()) + "\u3000" + b.credit("审核", 1, b.colon())
    if form == "gonggao":
        org = f"{b.story.city}市" + b.pick("委宣传部", "文化馆", "科技局")
        return f"供稿 {org} " + b.credit("摄影", 1, "/ ") + " " + b.credit("编辑", 1, "/ ")
    if form == "jianzhi":
        return b.credit("监制", 1, b.colon()) + " " + f"出品{b.colon()}{b.story.city}融媒"
    if form == "sanshen":
        return "  ".join(b.credit(x, 1, "：") for x in ("一审", "二审", "三审"))
    if form == "chushen":
        return b.credit("初审编辑", 1, "：") + "\u3000" + b.credit("责任编辑", 1, "：")
    raise ValueError(form)


def trailing_byline(b: Build) -> str:
    """A trailing ``（X）`` after the last paragraph: the paragraph's writer."""
    names = b.people(b.pick(1, 1, 2))
    b.record("记者", names)
    b.trap("trailing_byline")
    return b.pick("（", "(") + " ".join(names) + b.pick("）", ")")


def img_attrs(lazy: str, src: str) -> str:
    return f'{lazy}="{attr(src)}"' if lazy else f'src="{attr(src)}"'


def original_title(b: Build) -> str:
    """A reposted story's ``原标题：…`` line at the top of the text: neither body nor title."""
    from .text import headline_pool

    other = next(h for h in [*headline_pool(b.rng, 4), "本地新闻一则"] if h != b.title)
    b.trap("original_title")
    return b.furn(f"原标题{b.pick('：', ':')}{other}", inside=True)


def hashed(b: Build, name: str) -> str:
    """A CSS-modules class name (``index_title__Ab3x9``): the same name differs from build to build."""
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return f"index_{name}__{''.join(b.rng.choice(alphabet) for _ in range(5))}"
