"""Clean a sequence of paragraphs into the archived body (docs/CONTRACTS.md, "Clean body").

Input is the walker's paragraphs and images in page order; output is the body lines, the images
with their captions, and every credit met on the way (bylines, editors, photo credits). Which
lines are chrome (boilerplate, stop markers, footer patterns) is the profile's business.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lcnews.extract.bylines import (
    Credits,
    parse_byline,
    parse_labelled_line,
    photo_credit,
    split_dateline,
    split_trailing_byline,
)
from lcnews.extract.dates import find_date
from lcnews.extract.dom import Block
from lcnews.extract.rules import Rules

__all__ = ["CleanBody", "clean_blocks", "is_chrome"]

_CAPTION_OPENERS = (
    "图为",
    "圖為",
    "图為",
    "▲",
    "△",
    "上图",
    "下图",
    "上圖",
    "下圖",
    "图：",
    "圖：",
    "图:",
    "圖:",
)
_MAX_CAPTION = 200
_MAX_DATE_LINE = 100
# Dateline bylines only open one of the first few paragraphs.
_DATELINE_WINDOW = 3


@dataclass
class CleanBody:
    lines: list[str] = field(default_factory=list)
    images: list[dict[str, str]] = field(default_factory=list)
    credits: Credits = field(default_factory=Credits)
    source: str = ""
    source_raw: str = ""
    meta_lines: list[str] = field(default_factory=list)  # 来源/time lines met inside the body
    # short dated lines met on the way (post footers "发表于 …", "2003-7-24 钱江晚报"), in order
    date_lines: list[str] = field(default_factory=list)
    stopped_at: str = ""

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _has_year(text: str) -> bool:
    return "19" in text or "20" in text


def is_stop(line: str, rules: Rules) -> bool:
    return line.startswith(rules.stop_markers) if rules.stop_markers else False


def is_chrome(line: str, rules: Rules) -> bool:
    """Boilerplate or footer: a whole-line match or a footer pattern."""
    if line in rules.boilerplate or line.replace(" ", "") in rules.boilerplate:
        return True
    return any(rx.search(line) for rx in rules.line_res)


def _is_meta_line(line: str, rules: Rules) -> bool:
    """``来源:聊城日报  2022-01-13 09:14:06``, ``2005-04-28 11:13更新 来源:转载``, a bare stamp."""
    if len(line) > 100:
        return False
    if rules.source_re.match(line) and len(line) <= 80:
        return True
    hit = find_date(line)
    if hit is None:
        return False
    rest = len(line) - len(hit.raw)
    return rest <= 6 or (rest <= 60 and rules.pair_re.search(line) is not None)


def _looks_like_caption(block: Block, rules: Rules) -> bool:
    text = block.text
    if len(text) > _MAX_CAPTION:
        return False
    if block.caption_hint or text.startswith(_CAPTION_OPENERS):
        return True
    if photo_credit(text, rules) is not None:
        return True
    return block.centered and len(text) <= 120


def clean_blocks(
    blocks: list[Block], rules: Rules, *, title: str = "", generic: bool = False
) -> CleanBody:
    """Apply the clean-body rules. ``generic`` also drops link-heavy lines (menus, lists)."""
    out = CleanBody()
    lines = out.lines
    credits = out.credits
    norm_title = title.replace(" ", "")
    last_image: dict[str, str] | None = None  # the image a following caption belongs to
    seen_editor = False
    for block in blocks:
        if block.image is not None:
            last_image = {"src": block.image.src, "caption": ""}
            out.images.append(last_image)
            continue
        text = block.text
        after_image, last_image = last_image, None
        if len(text) <= _MAX_DATE_LINE and len(out.date_lines) < 50 and _has_year(text):
            out.date_lines.append(text)
        if is_stop(text, rules):
            if not lines:
                continue  # a "more pictures" link above the article does not end it
            out.stopped_at = text[:40]
            break
        if is_chrome(text, rules):
            continue
        if norm_title and text.replace(" ", "") == norm_title:
            continue
        if rules.breadcrumb_prefix_re.match(text) and (">" in text or "＞" in text):
            continue
        if generic and block.link_chars > 0.5 * len(text):
            continue
        labelled = parse_labelled_line(text, rules)
        if labelled is not None:
            got, source = labelled
            credits.merge(got)
            if source and not out.source:
                out.source, out.source_raw = source, text
            if got.editors:
                seen_editor = True
            continue
        if len(lines) < _DATELINE_WINDOW and _is_meta_line(text, rules):
            out.meta_lines.append(text)
            continue
        if after_image is not None and _looks_like_caption(block, rules):
            after_image["caption"] = text
            pc = photo_credit(text, rules)
            if pc:
                credits.add("photographer", pc.photographers)
            continue
        byline = parse_byline(text, rules)
        if byline is not None:
            credits.merge(byline)
            continue
        if block.caption_hint and len(text) <= _MAX_CAPTION:
            # a caption whose image did not survive (lazy loading, removed node)
            pc = photo_credit(text, rules)
            if pc:
                credits.add("photographer", pc.photographers)
            continue
        if seen_editor and lines:
            # the editor line closes the article; what follows is page furniture
            out.stopped_at = text[:40]
            break
        if len(lines) < _DATELINE_WINDOW:
            dl, rest = split_dateline(text, rules)
            if dl is not None:
                credits.merge(dl)
                text = rest
                if not text:
                    continue
        pc = photo_credit(text, rules) if len(text) <= 60 else None
        if pc is not None and pc.photographers and len(text) <= 40:
            credits.add("photographer", pc.photographers)
            continue
        lines.append(text)
    if lines:
        rest, tb = split_trailing_byline(lines[-1], rules, bare_names=generic)
        if tb is not None:
            credits.merge(tb)
            if rest:
                lines[-1] = rest
            else:
                lines.pop()
    return out
