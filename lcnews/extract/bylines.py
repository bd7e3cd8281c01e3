"""Bylines, credits and editor lines: recognise them and split them into bare names by role.

Forms handled (labels come from the profile): ``■ 本报记者 赵琦``, ``■ 文/图 记者 朱海波``,
``本报讯(记者 张承斌 通讯员 张亚林)…`` (dateline prefix), standalone ``本报记者 …`` /
``本报通讯员 …`` lines, a trailing ``(记者 刘庆功)``, labelled credits (``本期评论员:…``,
``栏目策划:…``), photo credits (``本报记者 赵鹏 摄``, ``摄影:X``) and editor lines
(``编辑:李明``, ``责任编辑:…``, ``初审编辑:… 责编:…``, ``(责编:萧潇、张妍)``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lcnews.extract.rules import Rules

__all__ = [
    "Credits",
    "parse_byline",
    "parse_labelled_line",
    "photo_credit",
    "split_dateline",
    "split_trailing_byline",
]

_MARKS = "■□●○▲△◆◇★☆▪▫•·*＊-—–|｜>》"
_OPEN = "([（【〔〖<《"
_CLOSE = ")]）】〕〗>》"
_SEP_RE = re.compile(r"[\s、,，;；/／]+")
_HAN_NAME_RE = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff][\u3400-\u9fff\uf900-\ufaff·•]{1,7}$")
_LATIN_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z.'\-]{0,30}$")
_LOOSE_NAME_RE = re.compile(r"^[^\s:：,，。;；!?！？()（）\[\]【】<>《》\"“”]{1,24}$")
_LONG_HAN_RE = re.compile(r"[\u3400-\u9fff]{9,}")
_PAREN_RE = re.compile(r"\s*[(（][^()（）]{0,40}[)）]")
# "罗科苏盈发自北京", "彭冲 山东冠县报道": the place a report was filed from is not a name
_FILED_FROM_RE = re.compile(r"(?:发自|發自)\S*$")
_REPORTED_RE = re.compile(r"^\S*(?:报道|報道)$")
# "受访者供图", "文受访者供图", "资料图片": a picture credit that names nobody
_PICTURE_CREDIT_RE = re.compile(r"(?:供图|供圖|提供|资料图|資料圖|图片|圖片)$")
_ORG_END = tuple("社网網报報台部局会會院委办辦厅廳所处處")
_MAX_BYLINE = 60


@dataclass
class Credits:
    authors: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    byline_raw: list[str] = field(default_factory=list)
    editor_raw: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)  # planners, video makers: named, no field

    def add(self, role: str, names: list[str]) -> None:
        target = {
            "author": [self.authors],
            "correspondent": [self.correspondents],
            "photographer": [self.photographers],
            "both": [self.authors, self.photographers],
            "editor": [self.editors],
            "other": [self.others],
        }.get(role, [])
        for lst in target:
            for n in names:
                if n not in lst:
                    lst.append(n)

    def merge(self, other: Credits) -> None:
        self.add("author", other.authors)
        self.add("correspondent", other.correspondents)
        self.add("photographer", other.photographers)
        self.add("editor", other.editors)
        self.add("other", other.others)
        self.byline_raw.extend(other.byline_raw)
        self.editor_raw.extend(other.editor_raw)

    @property
    def empty(self) -> bool:
        return not (
            self.authors or self.correspondents or self.photographers or self.editors or self.others
        )


def _strip_marks(text: str) -> str:
    text = text.strip().lstrip(_MARKS).strip()
    while len(text) > 1 and text[0] in _OPEN and text[-1] in _CLOSE:
        text = text[1:-1].strip()
    return text


def _names(segment: str, loose: bool) -> list[str] | None:
    """Bare names in a segment, or None when something in it is not a name."""
    segment = _PAREN_RE.sub(" ", segment)  # 周思博 (Joel Spolsky): the gloss is not another name
    tokens = [t.strip(_MARKS + _OPEN + _CLOSE + "。.") for t in _SEP_RE.split(segment)]
    tokens = [
        _FILED_FROM_RE.sub("", t)
        for t in tokens
        if t and not _REPORTED_RE.match(t) and not _PICTURE_CREDIT_RE.search(t)
    ]
    tokens = [t for t in tokens if t]
    out = []
    for t in tokens:
        if _LONG_HAN_RE.search(t):
            return None  # a clause, not a name
        if _HAN_NAME_RE.match(t) or _LATIN_NAME_RE.match(t) or (loose and _LOOSE_NAME_RE.match(t)):
            out.append(t)
        else:
            return None
    return out


def parse_byline(text: str, rules: Rules, *, require_label: bool = True) -> Credits | None:
    """Parse a whole string as a byline (``本报记者 赵琦 通讯员 李四``, ``文/图 记者 X``,
    ``本报记者 赵鹏 摄``); None when any part of it is not a label or a name."""
    core = _strip_marks(text)
    if not core or len(core) > _MAX_BYLINE:
        return None
    photo_only = False
    m = rules.photo_suffix_re.search(core)
    if m and m.start() > 0:
        photo_only = True
        core = core[: m.start()].strip()
    matches = list(rules.role_re.finditer(core))
    if require_label and not matches and not photo_only:
        return None
    credits = Credits()
    pieces: list[tuple[str, str]] = []
    pos = 0
    role = "author"
    for mt in matches:
        seg = core[pos : mt.start()]
        pieces.append((role, seg))
        new_role = rules.role_of(mt.group("label"))
        # "文/图 记者 X": the photo prefix and the reporter label describe the same names
        if (
            not seg.strip()
            and role in ("both", "photographer")
            and pieces[:-1]
            and new_role == "author"
        ):
            new_role = role
        role = new_role
        pos = mt.end()
    pieces.append((role, core[pos:]))
    found = False
    for i, (r, seg) in enumerate(pieces):
        seg = seg.strip()
        loose = seg.startswith((":", "："))
        seg = seg.lstrip(":：").strip()
        if not seg:
            continue
        if i == 0 and matches:
            return None  # text before the first label that is not a label: not a byline
        names = _names(seg, loose)
        if names is None:
            return None
        credits.add("photographer" if photo_only else r, names)
        found = found or bool(names)
    if not found:
        return None
    credits.byline_raw.append(text.strip())
    return credits


def parse_labelled_line(text: str, rules: Rules) -> tuple[Credits, str] | None:
    """A line made only of ``label:value`` pairs (编辑:X 来源:Y 本期评论员:Z).

    Returns the credits and the source value (``""`` when none); None when the line does not
    start with a known label or holds anything else."""
    core = _strip_marks(text)
    matches = list(rules.pair_re.finditer(core))
    if not matches or matches[0].start() != 0:
        return None
    credits = Credits()
    source = ""
    has_editor = False
    for i, mt in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(core)
        value = core[mt.end() : end].strip().strip(_OPEN + _CLOSE).strip()
        role = rules.role_of(mt.group("label"))
        if role == "source":
            source = value
            continue
        if not value:
            continue
        names = _names(value, loose=True)
        if names is None or len(value) > _MAX_BYLINE:
            return None
        credits.add(role, names)
        has_editor = has_editor or role == "editor"
    if credits.empty and not source:
        return None
    if has_editor:
        credits.editor_raw.append(text.strip())
    if credits.authors or credits.correspondents or credits.photographers or credits.others:
        credits.byline_raw.append(text.strip())
    return credits, source


def split_dateline(paragraph: str, rules: Rules) -> tuple[Credits | None, str]:
    """``本报讯(记者 张承斌 通讯员 张亚林)1月12日,…`` -> (credits, ``1月12日,…``)."""
    m = rules.dateline_re.match(paragraph)
    if not m:
        return None, paragraph
    credits = parse_byline(m.group("inner"), rules)
    if credits is None:
        return None, paragraph
    credits.byline_raw = [paragraph[: m.end()].strip()]
    return credits, paragraph[m.end() :].strip()


def split_trailing_byline(
    paragraph: str, rules: Rules, *, bare_names: bool = False
) -> tuple[str, Credits | None]:
    """``…工作。(记者 刘庆功)`` -> (``…工作。``, credits).

    ``bare_names`` also accepts a label-less ``(袁源)`` / ``(姚峰 上海报道)``: short Han names only,
    none ending like an organisation (新华社, 人民网)."""
    m = rules.trailing_re.search(paragraph)
    if not m:
        return paragraph, None
    inner = m.group("inner")
    if not rules.role_re.search(inner):
        if not bare_names:
            return paragraph, None
        names = _names(inner, loose=False)
        if not names or len(names) > 4 or any(len(n) > 3 or n.endswith(_ORG_END) for n in names):
            return paragraph, None
        credits = Credits()
        credits.add("author", names)
        credits.byline_raw = [paragraph[m.start() :].strip()]
        return paragraph[: m.start()].rstrip(), credits
    credits = parse_byline(inner, rules)
    if credits is None:
        return paragraph, None
    credits.byline_raw = [paragraph[m.start() :].strip()]
    return paragraph[: m.start()].rstrip(), credits


def photo_credit(caption: str, rules: Rules) -> Credits | None:
    """Photographers named at the end of a caption: ``…作业。本报记者 赵鹏 摄``."""
    m = rules.photo_suffix_re.search(caption)
    if not m:
        return None
    head = caption[: m.start()]
    # the credit starts after the last sentence punctuation or opening bracket
    cut = max(head.rfind(c) for c in "。！？；，,!?;：:(（【")
    tail = head[cut + 1 :] if cut >= 0 else head
    suffix = caption[m.start() :].strip().rstrip("。.)）")
    tokens = tail.split()
    # the credit is the longest run of trailing tokens that parses (the caption may run into it
    # without punctuation: "工人在作业 本报记者 赵鹏 摄")
    for k in range(min(len(tokens), 6), 0, -1):
        credits = parse_byline(" ".join(tokens[-k:]) + " " + suffix, rules, require_label=False)
        if credits is not None and credits.photographers:
            return credits
    return None
