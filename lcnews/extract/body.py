"""Stage: body. The content's paragraphs cleaned into the archived body (docs/CONTRACTS.md, "Clean body").

Input is the walk's blocks of the content element in page order; output is the body lines, the
images with their captions, every credit met on the way (bylines, editors, photo credits), and the
meta lines and dated lines met inside the content (evidence for the time and source stages).
What counts as furniture is the vocabulary's and the profile's business (:mod:`lcnews.extract.rules`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lcnews.extract import vocab
from lcnews.extract.breadcrumb import looks_like_crumbs
from lcnews.extract.credits import (
    Credits,
    bracketed_names,
    parse_credit_line,
    photo_credit,
    split_dateline,
    split_trailing,
)
from lcnews.extract.dates import find_date
from lcnews.extract.dom import Block, ImageRef, norm_of
from lcnews.extract.normalize import normalize
from lcnews.extract.rules import Rules

__all__ = ["CleanBody", "clean_body", "is_boilerplate", "is_meta_line", "is_stop"]

_MAX_CAPTION = 200
# Text that merely shares its paragraph with an image is a caption when short; a paragraph that
# opens with an inline picture and goes on for sentences is the article's text.
_MAX_BESIDE_CAPTION = 40
_MAX_HEAD_LINE = 60
_MIN_ALT_CAPTION = 6  # an alt text shorter than this is a label, not a caption
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_MAX_META_LINE = 120
_DATELINE_WINDOW = 3  # datelines open one of the first few paragraphs
_MAX_DATE_LINE = 100
_BRACKETS = "【】[]()<>《》「」 :|·•-—"
_TOKEN_RE = re.compile(r"[\s|/·•]+|[【】\[\]()]+")
_END_MARK_RE = re.compile(r"\s*[(\[【]\s*(?:完|全文完|end|终)\s*[)\]】]\s*$|\s*[-—]+\s*(?:end|完)\s*[-—]+\s*$")


@dataclass
class CleanBody:
    lines: list[str] = field(default_factory=list)
    images: list[dict[str, str]] = field(default_factory=list)
    credits: Credits = field(default_factory=Credits)
    meta_lines: list[str] = field(default_factory=list)  # source/time lines met above the first paragraph
    date_lines: list[str] = field(default_factory=list)  # short dated lines inside the content, in order
    source_lines: list[str] = field(default_factory=list)  # "来源：X" lines inside the content
    # photo credits of captions ("本报记者 X 摄"): they follow the bylines' photographers
    caption_photographers: list[str] = field(default_factory=list)
    stopped_at: str = ""

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def is_stop(n: str, rules: Rules, *, notices: bool = True) -> bool:
    """A (normalised) line that opens what follows the article: related lists, comments, and
    (with ``notices``) disclaimers and calls to action."""
    core = n.lstrip(_BRACKETS + "■●▲◆★☆>》")
    return core.startswith(rules.stop_markers) or (notices and core.startswith(rules.notice_markers))


def is_boilerplate(n: str, rules: Rules) -> bool:
    """A (normalised) line made only of furniture words (分享到 微信 微博, 【打印】【关闭】, 字号：大 中 小)
    or matching a footer/licence/notice pattern."""
    compact = n.replace(" ", "").strip(_BRACKETS)
    if compact in rules.boilerplate or n.strip() in rules.boilerplate:
        return True
    if len(n) <= 60:
        tokens = [t for t in _TOKEN_RE.split(n.replace(":", " ")) if t]
        if tokens and all(t in rules.boilerplate or t in rules.not_names for t in tokens) and len(tokens) >= 2:
            return True
    if len(n) <= 40 and rules.counter_re.fullmatch(compact.strip(":")) is not None:
        return True
    return rules.furniture_re.search(n) is not None


def is_meta_line(text: str, n: str, rules: Rules) -> bool:
    """``来源:聊城日报  2022-01-13 09:14:06``, ``发布时间：… 浏览次数：…``, a bare time stamp."""
    if len(n) > _MAX_META_LINE:
        return False
    if rules.source_re.search(n) and len(n) <= 100:
        return True
    hit = find_date(text)
    if hit is None:
        return bool(rules.published_re.match(n) and len(n) <= 40 and any(c.isdigit() for c in n))
    rest = len(n) - len(hit.raw)
    if rest <= 8:
        return True
    return rest <= 80 and bool(rules.published_re.search(n) or rules.counter_re.search(n) or rules.label_re.search(n))


def _is_head_line(block: Block) -> bool:
    """A heading line of the article's head: an h1-h6, or an element classed as a kicker/subtitle."""
    if len(block.text) > _MAX_HEAD_LINE:
        return False
    if block.tag in _HEADINGS:
        return True
    owner = block.owner
    if owner is None:
        return False
    name = f"{owner.get('class') or ''} {owner.get('id') or ''}".lower()
    return bool(name.strip()) and any(s in name for s in vocab.SUBTITLE_CLASS_STEMS)


def _looks_like_caption(block: Block, n: str, rules: Rules) -> bool:
    text = block.text
    if len(text) > _MAX_CAPTION:
        return False
    if (block.caption_hint and not block.beside_image) or n.lstrip().startswith(rules.caption_openers):
        return True
    if photo_credit(text, rules) is not None:
        return True
    if block.beside_image and len(text) <= _MAX_BESIDE_CAPTION:
        return True
    return block.centered and len(text) <= 120


def clean_body(blocks: list[Block], rules: Rules, *, title: str = "", generic: bool = False) -> CleanBody:
    """Apply the clean-body rules. ``generic`` (no site selector vouched for the content) also drops
    link-heavy lines (menus, lists) and reads a bare ``（X）`` closing the last paragraph as a byline."""
    out = CleanBody()
    lines = out.lines
    credits = out.credits
    norm_title = normalize(title).replace(" ", "") if title else ""
    last_image: dict[str, str] | None = None  # the image a following caption belongs to
    refs: list[ImageRef] = []  # the images' own attributes, in the order of out.images
    seen_editor = False
    for block in blocks:
        if block.image is not None:
            last_image = {"src": block.image.src, "caption": ""}
            out.images.append(last_image)
            refs.append(block.image)
            continue
        text = block.text
        n = norm_of(block)
        after_image, last_image = last_image, None
        if len(text) <= _MAX_DATE_LINE and len(out.date_lines) < 50 and ("19" in text or "20" in text):
            out.date_lines.append(text)
        if is_stop(n, rules):
            if lines:
                out.stopped_at = text[:40]
                break
            continue  # a "more pictures" link above the article does not end it
        compact = n.replace(" ", "")
        if norm_title and (compact == norm_title or (not lines and compact.strip(_BRACKETS) == norm_title)):
            continue
        if is_boilerplate(n, rules):
            continue
        if not lines and _is_head_line(block):
            continue  # a kicker or subtitle (引题/副题) above the first paragraph
        if len(text) <= 200 and looks_like_crumbs(text, rules) and (not lines or block.link_chars):
            continue
        if generic and block.link_chars > 0.5 * len(text):
            continue
        got = parse_credit_line(text, rules, norm=n)
        if got is not None:
            credits.merge(got)
            # an editor line after the text closes the article (one above it is a byline block)
            seen_editor = seen_editor or (bool(got.editors) and bool(lines))
            continue
        if len(n) <= 40 and rules.source_re.match(n.lstrip(_BRACKETS)):
            out.source_lines.append(text)  # "来源：X" on a line of its own (often the last)
            continue
        if len(lines) < _DATELINE_WINDOW and not lines and is_meta_line(text, n, rules):
            out.meta_lines.append(text)
            continue
        if after_image is not None and _looks_like_caption(block, n, rules):
            after_image["caption"] = text
            pc = photo_credit(text, rules)
            if pc:
                out.caption_photographers.extend(pc.photographers)
            continue
        if (
            block.caption_hint
            and not block.beside_image
            and len(text) <= _MAX_CAPTION
            and block.tag in ("figcaption", "p", "div", "span", "td")
        ):
            # a caption whose image did not survive (lazy loading, removed node)
            pc = photo_credit(text, rules)
            if pc:
                out.caption_photographers.extend(pc.photographers)
            if out.images and not out.images[-1]["caption"]:
                out.images[-1]["caption"] = text
            continue
        if seen_editor and lines:
            out.stopped_at = text[:40]  # the editor line closed the article; what follows is furniture
            break
        if len(lines) < _DATELINE_WINDOW:
            dl, rest = split_dateline(text, rules)
            if dl is not None:
                credits.merge(dl)
                text = rest
                if not text:
                    continue
        pc = photo_credit(text, rules) if len(text) <= 40 else None
        if pc is not None and pc.photographers:
            out.caption_photographers.extend(pc.photographers)
            continue
        lines.append(text)
    _close(out, rules)
    _attribute_captions(out, refs, rules, norm_title)
    return out


def _attribute_captions(out: CleanBody, refs: list[ImageRef], rules: Rules, norm_title: str) -> None:
    """An image with no caption line may carry its caption in ``alt`` or ``title`` (a sentence
    or a photo credit, not the headline, a file name or a word like 图片)."""
    for image, ref in zip(out.images, refs, strict=True):
        if image["caption"]:
            continue
        for text in (ref.alt, ref.title):
            n = normalize(text).replace(" ", "")
            if len(n) < _MIN_ALT_CAPTION or n == norm_title or "." in n[-5:] or n in rules.boilerplate:
                continue
            if not any("\u3400" <= c <= "\u9fff" for c in n) or n in rules.not_names:
                continue
            image["caption"] = text
            pc = photo_credit(text, rules)
            if pc:
                out.caption_photographers.extend(pc.photographers)
            break


def _close(out: CleanBody, rules: Rules) -> None:
    """The last paragraph's closing marks and credits: ``…。（记者 X）``, ``（完）``, ``（编辑：X）``."""
    lines = out.lines
    for _ in range(3):
        if not lines:
            return
        last = lines[-1]
        m = _END_MARK_RE.search(normalize(last))
        if m:
            last = last[: m.start()].rstrip()
        rest, tb = split_trailing(last, rules, bare=True)
        if tb is None and (tb := bracketed_names(last, rules)) is not None:
            rest = ""
        if tb is not None:
            out.credits.merge(tb)
            last = rest
        if last == lines[-1]:
            return
        if last:
            lines[-1] = last
        else:
            lines.pop()
