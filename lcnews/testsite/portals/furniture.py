"""Page furniture: menus, breadcrumbs, share bars, related lists, disclaimers, QR boxes, footers.

Every helper returns markup and records its text lines as lines that must never be body (and,
with ``inside=True``, as furniture that sits inside the content container). All wording is ours.
"""

from __future__ import annotations

from .kit import Build, esc
from .text import headline_pool

DISCLAIMERS = (
    "免责声明：本网转载的稿件仅为传递更多信息，不代表本站认同其中观点，也不对其真实性负责。如稿件涉及版权等问题，"
    "请在三十日内与本网联系，本网将及时核实处理。",
    "特别声明：本文由入驻平台的账号作者撰写并上传，观点只代表作者本人，平台仅提供信息发布和存储空间服务。",
    "版权声明：凡本网注明“来源：本网”的文字、图片和音视频，版权均属本网所有，未经书面授权，任何单位和个人不得转载、"
    "摘编或以其他方式使用；已获授权的，须在许可范围内使用并标明出处。违反上述声明者，本网将依法追究其法律责任。",
    "声明：本页面内容来自合作媒体，转载目的在于分享信息，文中观点不构成任何建议。投诉或版权事宜请联系编辑部邮箱。",
)


def lines(b: Build, texts: list[str], inside: bool = False) -> list[str]:
    return [b.furn(t, inside) for t in texts]


def menu(b: Build, items: tuple[str, ...], cls: str = "nav") -> str:
    links = "".join(f'<li><a href="/{i}/">{b.furn(t)}</a></li>' for i, t in enumerate(items))
    return f'<div class="{cls}"><ul>{links}</ul></div>'


def breadcrumb(b: Build, items: tuple[str, ...], label: str = "", sep: str = " &gt; ", cls: str = "crumb") -> str:
    parts = [f'<a href="/{i}/">{b.furn(t)}</a>' for i, t in enumerate(items)]
    lab = b.furn(label) if label else ""
    return f'<div class="{cls}">{lab}{sep.join(parts)}</div>'


def share_bar(b: Build, inside: bool = False, cls: str = "share") -> str:
    label = b.pick("分享到：", "分享：", "分享到")
    items = b.pick(("微信", "微博", "QQ空间"), ("微信", "新浪微博", "复制链接"), ("微信好友", "朋友圈", "微博"))
    b.furn(label + " " + " ".join(items), inside)
    links = "".join(f'<a href="javascript:void(0)" class="s{i}">{esc(t)}</a>' for i, t in enumerate(items))
    return f'<div class="{cls}"><span>{esc(label)}</span>{links}</div>'


def qr_box(b: Build, inside: bool = False, site: str = "") -> str:
    text = b.pick(
        "扫一扫 在手机上打开本页",
        f"微信扫一扫 关注{site or '我们'}",
        "扫描二维码 下载客户端",
        "用微信扫码 分享给好友和朋友圈",
    )
    return f'<div class="qrcode"><img src="/images/qrcode.png" alt="" /><p>{b.furn(text, inside)}</p></div>'


def print_bar(b: Build, inside: bool = False) -> str:
    text = b.pick(
        "【字体：大 中 小】 【打印】 【关闭】",
        "【打印本页】 【关闭窗口】",
        "字号：大 中 小 打印 关闭",
        "【我要纠错】 【打印】 【关闭】",
    )
    if "大 中 小" in text:
        b.trap("font_size_bar")
    return f'<div class="print">{b.furn(text, inside)}</div>'


def prev_next(b: Build, inside: bool = False) -> str:
    a, c = ([h for h in headline_pool(b.rng, 3) if h != b.story.title] + ["没有了", "没有了"])[:2]
    return (f'<div class="prenext"><p>{b.furn("上一篇：" + a, inside)}</p>'
            f'<p>{b.furn("下一篇：" + c, inside)}</p></div>')  # fmt: skip


def related(
    b: Build, heading: str = "", k: int = 5, dated: bool = True, inside: bool = False, cls: str = "related",
    days: float = -20,
) -> str:  # fmt: skip
    """A related list with (older) dates: dates recorded as distractors."""
    heading = heading or b.pick("相关阅读", "相关新闻", "推荐阅读", "延伸阅读", "相关推荐")
    items = []
    for i, h in enumerate(t for t in headline_pool(b.rng, k + 1) if t != b.story.title):
        if i >= k:
            break
        date = b.other_time(days + i * b.rng.uniform(-3, 2), b.pick("date", "min", "slash_date")) if dated else ""
        b.furn(h, inside)
        if date:
            b.furn(date, inside)
        items.append(f'<li><a href="/a/{i}.html">{esc(h)}</a>' + (f"<span>{date}</span>" if date else "") + "</li>")
    if dated:
        b.trap("related_dates")
    return f'<div class="{cls}"><h3>{b.furn(heading, inside)}</h3><ul>{"".join(items)}</ul></div>'


def hot_list(b: Build, heading: str = "", k: int = 6, cls: str = "hot") -> str:
    """A sidebar of other (newer) headlines with dates: dates recorded as distractors."""
    heading = heading or b.pick("热点排行", "24小时热闻", "点击排行", "今日推荐", "图片新闻")
    items = []
    for i, h in enumerate(t for t in headline_pool(b.rng, k + 1) if t != b.story.title):
        if i >= k:
            break
        date = b.other_time(b.rng.uniform(0.1, 3), b.pick("min", "date", "slash"))
        items.append(f'<li><a href="/h/{i}.html">{b.furn(h)}</a><em>{b.furn(date)}</em></li>')
    b.trap("sidebar_dates")
    return f'<div class="{cls}"><h3>{b.furn(heading)}</h3><ol>{"".join(items)}</ol></div>'


def video_strip(b: Build, inside: bool = False, k: int = 4) -> str:
    """Recommended videos with durations (03:25, which look like times) and dates."""
    items = []
    for i, h in enumerate(t for t in headline_pool(b.rng, k + 1) if t != b.story.title):
        if i >= k:
            break
        dur = f"{b.rng.randint(0, 9):02d}:{b.rng.randint(0, 59):02d}"
        items.append(f'<li><a href="/v/{i}.shtml"><img src="/v/{i}.jpg" /><span class="dur">{b.furn(dur, inside)}</span>'
                     f"<p>{b.furn(h, inside)}</p></a></li>")  # fmt: skip
    head = b.pick("视频推荐", "精彩视频", "更多视频")
    b.trap("video_recommend")
    return f'<div class="video-rec"><h4>{b.furn(head, inside)}</h4><ul>{"".join(items)}</ul></div>'


def disclaimer(b: Build, inside: bool = False, which: int | None = None, cls: str = "statement") -> str:
    text = DISCLAIMERS[which if which is not None else b.rng.randrange(len(DISCLAIMERS))]
    b.trap("disclaimer")
    return f'<div class="{cls}"><p>{b.furn(text, inside)}</p></div>'


def tags(b: Build, inside: bool = False) -> str:
    label = b.pick("标签：", "关键词：", "相关标签：", "文章关键词：")
    words = b.rng.sample(
        ["民生", "城市建设", "乡村振兴", "教育", "文旅", "交通", "生态", "营商环境", "社区", "医疗"], 3
    )
    b.furn(label + " " + " ".join(words), inside)
    return f'<div class="tags">{esc(label)}' + "".join(f'<a href="/tag/{w}">{esc(w)}</a> ' for w in words) + "</div>"


def comment_form(b: Build, inside: bool = False) -> str:
    texts = [b.pick("网友评论", "我要评论", "发表评论"), "用户名：", "密码：", "验证码：", "匿名发表",
             b.pick("评论仅代表网友个人观点，不代表本站立场。", "文明上网，理性发言，请遵守评论服务协议。"), "提交"]  # fmt: skip
    t = lines(b, texts, inside)
    return (f'<div class="comment"><h3>{t[0]}</h3><form action="/comment" method="post">'
            f'<label>{t[1]}<input name="u" /></label><label>{t[2]}<input type="password" name="p" /></label>'
            f'<label>{t[3]}<input name="code" /></label><label><input type="checkbox" />{t[4]}</label>'
            f'<textarea name="c"></textarea><p>{t[5]}</p><button type="submit">{t[6]}</button></form></div>')  # fmt: skip


def copyright_footer(b: Build, site: str, domain: str, start: int = 2001) -> str:
    year = b.story.ts.year + b.pick(0, 1)
    icp = f"{b.pick('京', '沪', '鲁', '苏', '浙')}ICP备{b.rng.randint(10000000, 99999999)}号"
    texts = [b.pick(f"Copyright © {start}-{year} {domain} All Rights Reserved", f"版权所有 © {site} {start}-{year}",
                    f"{site} 版权所有 {start}-{year} 未经授权请勿复制或建立镜像"),
             f"{icp}  违法和不良信息举报电话：{b.rng.randint(10, 99)}-{b.rng.randint(10000000, 99999999)}",
             b.pick("互联网新闻信息服务许可证", "信息网络传播视听节目许可证", f"地址：{b.story.city}市文化路{b.rng.randint(1, 300)}号")]  # fmt: skip
    b.trap("copyright_year")
    t = lines(b, texts)
    return f'<div class="footer"><p>{t[0]}</p><p>{t[1]}</p><p>{t[2]}</p></div>'


def app_promo(b: Build, site: str, inside: bool = False) -> str:
    text = b.pick(f"下载{site}客户端，随时随地看新闻", f"打开{site}APP，阅读体验更佳", "更多精彩内容，请关注官方客户端")
    return f'<div class="app-promo"><a href="/app/">{b.furn(text, inside)}</a></div>'


def report_line(b: Build, inside: bool = False) -> str:
    text = f"新闻报料热线：{b.rng.randint(1000, 9999)}-{b.rng.randint(1000000, 9999999)}　邮箱：news@{b.rng.randint(100, 999)}.cn"
    return f'<p class="baoliao">{b.furn(text, inside)}</p>'


def end_mark(b: Build) -> str:
    """A standalone （完） paragraph: shown, never body."""
    mark = b.pick("（完）", "(完)", "【完】")
    b.trap("end_mark")
    b.furn(mark)
    return mark
