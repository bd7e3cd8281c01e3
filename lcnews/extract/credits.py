"""Credits: recognise bylines, credit lines and editor lines, and split them into bare names by role.

A credit line is a run of ``label names`` groups and nothing else: ``■ 文/图 记者 X``, ``本报记者 X``,
``记者 X 通讯员 Y``, ``文/记者 X 图/Y``, ``编辑 X 校对 Y``, ``（编辑：X）``, ``作者︱X``, ``采写：X``,
``X 摄``; a dateline opens a paragraph (``本报讯（记者 X 通讯员 Y）…``, ``XX社某地5月9日电（记者 X）``);
a trailing ``（记者 X）`` closes one. Labels and their roles come from :mod:`lcnews.extract.rules`.

Every function matches on the normalised line (same length as the line) and slices names out of
the original, so names keep the page's own script. A name must look like one: a Chinese personal
name (two to four Han characters, a ``·`` for transliterated names) or, after an explicit label and
separator, a short pen name; never a UI word, a channel or site name, or a clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lcnews.extract import vocab
from lcnews.extract.normalize import normalize
from lcnews.extract.rules import Rules

__all__ = [
    "Credits",
    "bracketed_names",
    "credits_in_text",
    "is_name",
    "parse_credit_line",
    "photo_credit",
    "split_dateline",
    "split_trailing",
]

_MARKS = "■□●○▲△◆◇★☆▪▫•·*＊#~-—–|>》»\u3000 "
_OPEN = "([【〔〖<《「『"
_CLOSE = ")]】〕〗>》」』"
_TOKEN_SEP_RE = re.compile(r"[\s、,;/|]+")
_HAN = r"\u3400-\u9fff\uf900-\ufaff"
_HAN_NAME_RE = re.compile(rf"^[{_HAN}]{{2,4}}$")
_TRANSLIT_RE = re.compile(rf"^[{_HAN}]{{1,8}}[·•.][{_HAN}·•.]{{1,12}}$")
_LATIN_RE = re.compile(r"^[a-z][a-z0-9_.'\-]{1,23}$")
_PEN_RE = re.compile(rf"^[{_HAN}a-z0-9_]{{2,8}}$")
# Characters that do not occur in personal names but do in the clauses that follow a label
# ("记者了解到", "作者认为"): one is enough to reject a token.
_NOT_IN_NAMES = frozenset("的了是从到对把被将就都这那们说获悉称示认为记者表据于在和与及或等个之其此该该")
# An editor's staff code after the name: "张三_NB1234", "张三 SF001", "张三（实习）".
_CODE_RE = re.compile(r"^[a-z]{1,4}\d{2,6}$|^\d{3,6}$")
_EDITOR_CODE_SUFFIX_RE = re.compile(r"[_\-][a-z]{0,4}\d{2,6}$")
_GLOSS_RE = re.compile(r"[(\[][^()\[\]]{0,16}[)\]]")
_TRAILING_RE = re.compile(r"[(\[【]\s*(?P<inner>[^()\[\]【】]{2,60}?)\s*[)\]】]\s*[。.]?\s*$")
_MAX_CREDIT_LINE = 80


@dataclass
class Credits:
    authors: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)  # planners, producers: named, no field
    byline_raw: list[str] = field(default_factory=list)
    editor_raw: list[str] = field(default_factory=list)

    def add(self, role: str, names: list[str]) -> None:
        targets = {
            "author": (self.authors,),
            "correspondent": (self.correspondents,),
            "photographer": (self.photographers,),
            "both": (self.authors, self.photographers),
            "editor": (self.editors,),
            "other": (self.others,),
        }.get(role, ())
        for lst in targets:
            for n in names:
                if n not in lst:
                    lst.append(n)

    def merge(self, other: Credits) -> None:
        for role, names in (
            ("author", other.authors),
            ("correspondent", other.correspondents),
            ("photographer", other.photographers),
            ("editor", other.editors),
            ("other", other.others),
        ):
            self.add(role, names)
        for raw in other.byline_raw:
            if raw not in self.byline_raw:
                self.byline_raw.append(raw)
        for raw in other.editor_raw:
            if raw not in self.editor_raw:
                self.editor_raw.append(raw)

    @property
    def people(self) -> bool:
        """Whether a reporter, correspondent or photographer is named."""
        return bool(self.authors or self.correspondents or self.photographers)

    @property
    def empty(self) -> bool:
        return not (self.people or self.editors or self.others)


def _strip(n: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of ``n[start:end]`` without marks and one pair of enclosing brackets."""
    while start < end and n[start] in _MARKS:
        start += 1
    while end > start and n[end - 1] in _MARKS + "。.:":
        end -= 1
    while end - start > 2 and n[start] in _OPEN and n[end - 1] in _CLOSE:
        start, end = start + 1, end - 1
        while start < end and n[start] in _MARKS:
            start += 1
        while end > start and n[end - 1] in _MARKS + "。.:":
            end -= 1
    return start, end


def is_name(token: str, rules: Rules, *, loose: bool = False, norm: str | None = None) -> bool:
    """Whether a token is a person's name: two to four Han characters, or a transliterated name
    with ``·``; with ``loose`` (after an explicit label and separator) also a short pen name."""
    n = norm if norm is not None else normalize(token)
    if not n or n in rules.not_names or rules.is_channel_name(n):
        return False
    if _HAN_NAME_RE.match(n):
        # a family name may be a function word elsewhere (于, 和, 那): test the given name only
        rest = n[1:] if n[0] in vocab.SURNAMES else n
        if any(c in _NOT_IN_NAMES for c in rest):
            return False
        if len(n) >= 3 and n.endswith(vocab.ORG_ENDINGS) and not n.startswith(vocab.COMPOUND_SURNAMES):
            return loose and len(n) == 3 and n[0] in vocab.SURNAMES and not n.endswith(("社", "网", "报", "台"))
        if len(n) == 4 and not (n.startswith(vocab.COMPOUND_SURNAMES) or loose):
            return n[0] in vocab.SURNAMES and n[1] in vocab.SURNAMES  # 张王丽华: two family names
        return not rules.is_site_name(n)
    if _TRANSLIT_RE.match(n):
        return True
    if loose:
        return bool(_PEN_RE.match(n) or _LATIN_RE.match(n)) and not rules.is_site_name(n)
    return False


def _names(orig: str, n: str, rules: Rules, role: str, loose: bool, glued: bool = False) -> list[str] | None:
    """The names in one label's value, or None when something in it is not a name. ``glued``
    (the value follows its label with no space or separator: 记者张三) needs a family name first."""
    if _GLOSS_RE.search(n):
        # a gloss in brackets (实习生, an English name): drop it from both views alike
        keep = [(m.start(), m.end()) for m in _GLOSS_RE.finditer(n)]
        parts_o, parts_n, pos = [], [], 0
        for a, b in keep:
            parts_o.append(orig[pos:a] + " ")
            parts_n.append(n[pos:a] + " ")
            pos = b
        orig, n = "".join(parts_o) + orig[pos:], "".join(parts_n) + n[pos:]
    out: list[str] = []
    pos = 0
    for m in _TOKEN_SEP_RE.finditer(n + " "):
        tok_n, tok_o = n[pos : m.start()], orig[pos : m.start()]
        pos = m.end()
        a, b = _strip(tok_n, 0, len(tok_n))
        tok_n, tok_o = tok_n[a:b], tok_o[a:b]
        if not tok_n:
            continue
        if role == "editor":
            if _CODE_RE.match(tok_n) and out:
                continue  # a staff code after the name
            cm = _EDITOR_CODE_SUFFIX_RE.search(tok_n)
            if cm:
                tok_n, tok_o = tok_n[: cm.start()], tok_o[: cm.start()]
        if tok_n.startswith(vocab.FILED_FROM) or tok_n.endswith(vocab.FILED_FROM):
            continue  # 发自北京 / 北京报道: where it was filed
        for filed in vocab.FILED_FROM:
            i = tok_n.find(filed)
            if i >= 2:
                tok_n, tok_o = tok_n[:i], tok_o[:i]
                break
        if tok_n.endswith(vocab.PICTURE_CREDIT_ENDINGS):
            continue  # 受访者供图: a picture credit naming nobody
        if not is_name(tok_o, rules, loose=loose, norm=tok_n):
            halves = _two_glued_names(tok_o, tok_n, rules)
            if halves is None:
                return None
            out.extend(halves)  # 罗科苏盈: two two-character names printed without a space
            continue
        if glued and not out and not _surname_first(tok_n):
            return None
        out.append(tok_o)
    return out


def _two_glued_names(orig: str, n: str, rules: Rules) -> list[str] | None:
    """Four Han characters that are no one name but two two-character ones, each beginning with a
    common family name (a print byline that lost its space)."""
    if len(n) != 4 or len(orig) != 4 or not _HAN_NAME_RE.match(n) or n.startswith(vocab.COMPOUND_SURNAMES):
        return None
    if n[0] not in vocab.SURNAMES or n[2] not in vocab.SURNAMES:
        return None
    halves = [(orig[:2], n[:2]), (orig[2:], n[2:])]
    if not all(is_name(o, rules, norm=h) for o, h in halves):
        return None
    return [o for o, _ in halves]


_ROLE_OF_GROUP = {"both": "both", "editor": "editor", "corr": "correspondent", "reporter": "author", "other": "other"}


def _labels(n: str, rules: Rules, start: int, end: int) -> list[tuple[int, int, str]]:
    """Credit labels in ``n[start:end]`` that stand at a boundary (start, or after a separator or
    a bracket), as (start, end, role)."""
    out = []
    for m in rules.label_re.finditer(n, start, end):
        a = m.start()
        if a > start and n[a - 1] not in " :/|—-–、,;()[]【】丨│" and n[a - 1] not in _MARKS:
            # glued to the previous word: only a reporter label (张三记者?) would be, and it is not
            # a label there; a label glued after names is common only with a space
            continue
        kind = m.lastgroup or "author"
        label = m.group(kind)
        role = rules.role_of(label) if kind in ("author", "photo", "short") else _ROLE_OF_GROUP[kind]
        out.append((a, m.end(), role))
    return out


def parse_credit_line(line: str, rules: Rules, *, norm: str | None = None) -> Credits | None:
    """The credits of a line that holds nothing else; None when any part of it is not a label or
    a name. A line of labels with empty values (``摄影/ 编辑/``) gives empty credits (still a
    credit line: not body text)."""
    n = norm if norm is not None else normalize(line)
    if len(n) > _MAX_CREDIT_LINE:
        return None
    start, end = _strip(n, 0, len(n))
    if start >= end:
        return None
    credits = Credits()
    # a photo credit suffix: "X 摄", "X/摄", "X 摄影"
    photo_end = None
    for sfx in rules.photo_suffixes:
        if n.endswith(sfx, start, end):
            cut = end - len(sfx)
            if cut > start and n[cut - 1] in " /":
                photo_end = cut
                break
    labels = _labels(n, rules, start, photo_end or end)
    if not labels and photo_end is None:
        return _name_and_org(line, n, rules, start, end)
    found = False
    # text before the first label: names only when a photo suffix closes the line ("X 摄")
    first = labels[0][0] if labels else (photo_end or end)
    head_n, head_o = n[start:first].strip(), line[start:first].strip()
    if head_n:
        if photo_end is None or labels:
            return None
        names = _names(head_o, head_n, rules, "photographer", loose=False)
        if not names:
            return None
        credits.add("photographer", names)
        found = True
    carry = ""  # "文/图 记者 X": a label with no names of its own describes the next label's names
    for i, (_, b, label_role) in enumerate(labels):
        role = "both" if carry in ("both", "photographer") and label_role == "author" else label_role
        carry = ""
        stop = labels[i + 1][0] if i + 1 < len(labels) else (photo_end or end)
        seg_n, seg_o = n[b:stop], line[b:stop]
        sep = bool(seg_n) and (seg_n[0] in ":/|—-–丨│" or seg_n.lstrip().startswith((":", "/")))
        glued = bool(seg_n) and not sep and not seg_n[0].isspace()
        a2, b2 = _strip(seg_n, 0, len(seg_n))
        seg_n, seg_o = seg_n[a2:b2].lstrip(":/|—-–丨│ "), seg_o[a2:b2].lstrip(":/|—-–丨│：︱ ")
        if not seg_n:
            carry = role
            continue
        if photo_end is not None and i == len(labels) - 1 and role in ("author", "both"):
            role = "photographer" if role == "author" and not credits.authors else role
        names = _names(seg_o, seg_n, rules, role, loose=sep, glued=glued)
        if names is None:
            if (len(labels) == 1 or role == "other") and _short_value(seg_n) and (sep or role == "other"):
                # "作者：佚名", "出品：某某区融媒体中心", "编辑：admin", "供稿 某某局 摄影/ X": a credit
                # naming no person (an organisation, nobody)
                continue
            return None
        credits.add(role, names)
        found = found or bool(names)
    raw = line.strip()
    if credits.editors:
        credits.editor_raw.append(raw)
    if credits.people or credits.others:
        credits.byline_raw.append(raw)
    return credits


def _name_and_org(line: str, n: str, rules: Rules, start: int, end: int) -> Credits | None:
    """``X/报社名``, ``X（报社名）``: one or two names, then the paper or site they write for."""
    m = re.fullmatch(r"(?P<names>[^/()\[\]]{2,12}?)\s*(?:/|\(|\[)\s*(?P<org>[^/()\[\]]{2,16}?)\s*[)\]]?", n[start:end])
    if not m or not rules.is_site_name(m.group("org")):
        return None
    a, b = start + m.start("names"), start + m.end("names")
    names = _names(line[a:b], n[a:b], rules, "author", loose=False)
    if not names or len(names) > 2 or not all(_surname_first(normalize(x)) for x in names):
        return None
    got = Credits()
    got.add("author", names)
    got.byline_raw.append(line.strip())
    return got


def _short_value(n: str) -> bool:
    """A credit's value that is a short name of something (no sentence in it)."""
    return 0 < len(n) <= 24 and not re.search(r"[。!?;,，、]", n) and not any(c.isdigit() for c in n)


def split_dateline(paragraph: str, rules: Rules) -> tuple[Credits | None, str]:
    """``本报讯（记者 X 通讯员 Y）1月12日，…`` -> (credits, ``1月12日，…``)."""
    n = normalize(paragraph)
    m = rules.dateline_re.match(n)
    if not m:
        return None, paragraph
    inner = m.group("inner")
    credits = parse_credit_line(paragraph[m.start("inner") : m.end("inner")], rules, norm=inner)
    if credits is None or not credits.people:
        return None, paragraph
    credits.byline_raw = [paragraph[: m.end()].strip()]
    return credits, paragraph[m.end() :].strip()


def split_trailing(paragraph: str, rules: Rules, *, bare: bool = False) -> tuple[str, Credits | None]:
    """``…工作。（记者 X）`` -> (``…工作。``, credits); with ``bare`` also a label-less ``（X）``
    of one to three personal names (a generic page's closing credit)."""
    n = normalize(paragraph)
    m = _TRAILING_RE.search(n)
    if not m or m.start() == 0:
        return paragraph, None
    inner_n = m.group("inner")
    inner_o = paragraph[m.start("inner") : m.end("inner")]
    credits = parse_credit_line(inner_o, rules, norm=inner_n)
    if credits is None and bare:
        names = _names(inner_o, inner_n, rules, "author", loose=False)
        if names and len(names) <= 3 and all(_surname_first(normalize(x)) for x in names):
            credits = Credits()
            credits.add("author", names)
    if credits is None or credits.empty:
        return paragraph, None
    raw = paragraph[m.start() :].strip()
    credits.byline_raw = [raw] if credits.people else []
    credits.editor_raw = [raw] if credits.editors else []
    return paragraph[: m.start()].rstrip(), credits


def bracketed_names(line: str, rules: Rules) -> Credits | None:
    """A closing line that is only ``（X）`` or ``（X、Y）``: the writer's signature that many
    Chinese papers print at an article's end. Strict: one to three Han names, each beginning
    with a common family name (so ``（完）``, ``（图）`` or a note are not names)."""
    n = normalize(line)
    m = _TRAILING_RE.fullmatch(n)
    if not m:
        return None
    inner_n = m.group("inner")
    inner_o = line[m.start("inner") : m.end("inner")] if len(line) == len(n) else inner_n
    names = _names(inner_o, inner_n, rules, "author", loose=False)
    if not names or len(names) > 3 or not all(_surname_first(normalize(x)) for x in names):
        return None
    credits = Credits()
    credits.add("author", names)
    credits.byline_raw = [line.strip()]
    return credits


def _surname_first(n: str) -> bool:
    return bool(n) and (n[0] in vocab.SURNAMES or n.startswith(vocab.COMPOUND_SURNAMES))


def bare_names(line: str, rules: Rules) -> list[str]:
    """A line that is only one to three personal names (under a headline): strict Han names that
    begin with a common family name."""
    n = normalize(line)
    if not n or len(n) > 16:
        return []
    names = _names(line, n, rules, "author", loose=False)
    if not names or len(names) > 3:
        return []
    if not all(_HAN_NAME_RE.match(normalize(x)) and _surname_first(normalize(x)) for x in names):
        return []
    return names


def credits_in_text(text: str, rules: Rules, roles: tuple[str, ...] = ("author", "correspondent", "both")) -> Credits:
    """Labelled credits inside a longer line (a meta line ``作者：X 来源：Y 2024-05-09``): each
    label with an explicit separator, then the names up to the first token that is not one."""
    n = normalize(text)
    found = Credits()
    labels = _labels(n, rules, 0, len(n))
    for i, (a, b, role) in enumerate(labels):
        if role not in roles and not (role == "photographer" and "photographer" in roles):
            continue
        rest = n[b:]
        sep = re.match(r"\s*[:/|—丨│]\s*|\s+", rest)
        explicit = bool(sep and sep.group().strip())
        glued = sep is None  # 作者X: the name right after the label
        if role == "author" and not explicit and not glued and not n[a:b].endswith("记者"):
            continue  # "作者 X" inside a longer line is too weak; 记者 X is a label everywhere
        start = b + (sep.end() if sep else 0)
        stop = labels[i + 1][0] if i + 1 < len(labels) else len(n)
        for rx in (rules.counter_re, rules.source_re, rules.published_re, rules.updated_re):
            m2 = rx.search(n, start, stop)
            if m2 is not None and m2.end() > m2.start():
                stop = m2.start()
        names: list[str] = []
        for m in _TOKEN_SEP_RE.finditer(n[start:stop] + " "):
            tok_n = n[start : start + m.start()]
            tok_o = text[start : start + m.start()]
            start = start + m.end()
            a2, b2 = _strip(tok_n, 0, len(tok_n))
            tok_n, tok_o = tok_n[a2:b2], tok_o[a2:b2]
            if not tok_n:
                continue
            if not is_name(tok_o, rules, loose=explicit, norm=tok_n):
                break
            if glued and not names and not _surname_first(tok_n):
                break
            names.append(tok_o)
        if names:
            found.add(role, names)
    if found.people:
        found.byline_raw.append(text.strip())
    return found


def photo_credit(caption: str, rules: Rules) -> Credits | None:
    """Photographers named in a caption: ``…作业。本报记者 X 摄``, ``（X 摄）``, ``图/X``."""
    n = normalize(caption)
    end = len(n)
    while end > 0 and n[end - 1] in " 。.)]】":
        end -= 1
    for sfx in rules.photo_suffixes:
        if n.endswith(sfx, 0, end):
            break
    else:
        return _photo_prefix(caption, n, rules)
    head = n[: end - len(sfx)]
    cut = max(head.rfind(c) for c in "。!?;,:([【")
    tail_start = cut + 1 if cut >= 0 else 0
    tokens = [m for m in re.finditer(r"\S+", head[tail_start:])]
    # the longest run of trailing tokens that parses as a credit (a caption may run into it
    # without punctuation: "工人在作业 本报记者 X 摄")
    for k in range(min(len(tokens), 6), 0, -1):
        a = tail_start + tokens[-k].start()
        got = parse_credit_line(caption[a:end], rules, norm=n[a:end])
        if got is not None and got.photographers:
            return got
        if got is not None and got.authors and not got.photographers:
            got.photographers = list(got.authors)
            return got
    return None


def _photo_prefix(caption: str, n: str, rules: Rules) -> Credits | None:
    """``图/X``, ``摄影：X`` at the start or end of a caption."""
    m = re.search(
        r"(?:^|[\s(\[【])(?:图|摄影|图片)\s*[/:]\s*(?P<names>[^\s)\]】]{2,12}(?:\s+[^\s)\]】]{2,4}){0,2})\s*[)\]】]?\s*$",
        n,
    )
    if not m:
        return None
    names = _names(caption[m.start("names") : m.end("names")], m.group("names"), rules, "photographer", loose=True)
    if not names:
        return None
    got = Credits()
    got.add("photographer", names)
    return got
