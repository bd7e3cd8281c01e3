"""The profile's label spellings compiled into the patterns the extractors use (once per profile).

Logic modules never spell a label: they ask :func:`rules_for` for these compiled forms, so a
spelling the site changes is a one-line edit in the profile TOML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from threading import Lock

from lxml import etree

from lcnews.site import SiteProfile, load_profile

__all__ = ["Rules", "default_profile", "rules_for"]

_COLON = r"\s*[:：]\s*"


def _crumb_xpath(prefixes: tuple[str, ...]) -> etree.XPath:
    """Text nodes that may open a breadcrumb; ``contains`` on the shortest spellings only (a
    spelling containing another adds nothing), the exact check is done on the hits in Python."""
    short = [p for p in prefixes if p and not any(q != p and q in p for q in prefixes)]
    cond = " or ".join(f"contains(., {_xpath_str(p)})" for p in short) or "false()"
    return etree.XPath(f"//body//text()[{cond}]")


def _xpath_str(s: str) -> str:
    return f"'{s}'" if "'" not in s else f'"{s}"'


def _alt(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation, longest spelling first so 责任编辑 wins over 编辑."""
    uniq = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in uniq) if uniq else r"(?!x)x"


@dataclass
class Rules:
    profile: SiteProfile
    source_labels: tuple[str, ...]
    editor_labels: tuple[str, ...]
    author_credit_labels: tuple[str, ...]
    other_credit_labels: tuple[str, ...]
    reporter_labels: tuple[str, ...]
    correspondent_labels: tuple[str, ...]
    photo_suffixes: tuple[str, ...]
    photo_prefixes: tuple[str, ...]
    boilerplate: frozenset[str]
    stop_markers: tuple[str, ...]
    line_res: tuple[re.Pattern[str], ...]
    title_suffixes: tuple[str, ...]
    breadcrumb_skip: frozenset[str]
    breadcrumb_prefix_re: re.Pattern[str]
    # compiled
    role_re: re.Pattern[str]  # any role label inside a byline
    pair_re: re.Pattern[str]  # "label:" for labelled credit/editor/source pairs
    dateline_re: re.Pattern[str]
    trailing_re: re.Pattern[str]
    photo_suffix_re: re.Pattern[str]
    source_re: re.Pattern[str]
    published_re: re.Pattern[str]  # a publication-time label (发布时间, 发表于, Posted)
    time_re: re.Pattern[str]  # that or a weaker one (时间, 日期)
    stamp_re: re.Pattern[str]  # that, or a view counter beside the date (阅读 1234 次)
    poster_re: re.Pattern[str]  # a forum/blog post footer naming its poster
    not_names: frozenset[str]
    breadcrumb_xpath: etree.XPath

    def role_of(self, label: str) -> str:
        """Field a label fills: author, correspondent, photographer, both, editor, source, other."""
        if label in self.editor_labels:
            return "editor"
        if label in self.source_labels:
            return "source"
        if label in self.correspondent_labels:
            return "correspondent"
        if label in self.photo_prefixes:
            return "photographer" if not any(c in label for c in "文") else "both"
        if label in self.photo_suffixes:
            return "photographer"
        if label in self.other_credit_labels:
            return "other"
        if label in self.author_credit_labels or label in self.reporter_labels:
            return "author"
        if any(label.endswith(r) for r in self.reporter_labels):
            return "author"
        if any(label.endswith(c) for c in self.correspondent_labels):
            return "correspondent"
        return "author"


def build_rules(profile: SiteProfile) -> Rules:
    lab = profile.label
    source = lab("source")
    editor = lab("editor")
    credits_a = lab("credits_authors")
    credits_o = lab("credits_other")
    reporter = lab("reporter")
    corr = lab("correspondent")
    photo_sfx = lab("photographer_suffix")
    photo_pfx = lab("photo_prefix")
    dateline = lab("dateline")
    # Reporter labels may carry an organisation glued in front (新华社记者, 光明日报记者).
    org = r"(?:[\u3400-\u9fffA-Za-z·]{1,10}?)?"
    short_pfx = [p for p in photo_pfx if len(p) == 1]
    long_pfx = [p for p in photo_pfx if len(p) > 1]
    role_alt = "|".join(
        x
        for x in (
            f"{org}(?:{_alt(reporter)})",
            _alt(corr),
            _alt(credits_a + credits_o),
            _alt(long_pfx),
            # a one-character prefix (图) only counts when a slash/colon/space follows
            f"(?:{_alt(short_pfx)})(?=\\s*[/:：\\s])" if short_pfx else "",
            f"(?:{_alt([s for s in photo_sfx if len(s) > 1])})(?=\\s*[:：])",
        )
        if x
    )
    role_re = re.compile(f"(?P<label>{role_alt})")
    pair_labels = source + editor + credits_a + credits_o + reporter + corr + photo_sfx
    pair_labels += lab("author_pair")
    pair_re = re.compile(f"(?P<label>{_alt(pair_labels)}){_COLON}")
    dateline_re = re.compile(
        rf"^\s*(?P<opener>[^\s,，。()（）]{{0,12}}?(?:{_alt(dateline)}))\s*"
        r"[(（](?P<inner>[^()（）]{1,80})[)）]\s*"
    )
    trailing_re = re.compile(r"\s*[(（](?P<inner>[^()（）]{2,60})[)）]\s*[。.]?\s*$")
    photo_suffix_re = re.compile(rf"\s*[/／]?\s*(?:{_alt(photo_sfx)})\s*[)）]?\s*[。.]?\s*$")
    source_re = re.compile(
        rf"(?P<label>{_alt(source)}){_COLON}(?P<value>.*?)(?=\s{{2,}}|\s*(?:19|20)\d\d[-/.年]|\s+(?:{_alt(editor + credits_a + reporter)})\s*[:：]|$)"
    )
    return Rules(
        profile=profile,
        source_labels=source,
        editor_labels=editor,
        author_credit_labels=credits_a,
        other_credit_labels=credits_o,
        reporter_labels=reporter,
        correspondent_labels=corr,
        photo_suffixes=photo_sfx,
        photo_prefixes=photo_pfx,
        boilerplate=frozenset(profile.boilerplate_lines),
        stop_markers=profile.stop_markers,
        line_res=profile.line_res,
        title_suffixes=lab("title_suffix"),
        breadcrumb_skip=frozenset(lab("breadcrumb_skip")),
        breadcrumb_prefix_re=re.compile(rf"^\s*(?:{_alt(lab('breadcrumb_prefix'))})\s*[:：]?\s*"),
        role_re=role_re,
        pair_re=pair_re,
        dateline_re=dateline_re,
        trailing_re=trailing_re,
        photo_suffix_re=photo_suffix_re,
        source_re=source_re,
        published_re=re.compile(_alt(lab("published"))),
        time_re=re.compile(_alt(lab("published") + lab("time"))),
        stamp_re=re.compile(
            _alt(lab("published") + lab("time"))
            + (rf"|(?:{_alt(lab('view_counter'))})\s*[:：]?\s*\d+" if lab("view_counter") else "")
        ),
        # "ggjj 发表于 2005-9-15 11:46:00", "发布时间 2005/05/17 22:11:42 by 眉间尺",
        # "本贴由大卫于2005年8月12日16:12:21在…发表", "由海姑娘张贴 @ 2005-06-14 03:25:55"
        poster_re=re.compile(
            rf"^(?P<a>[^\s:：|]{{2,20}})\s*(?:{_alt(lab('published'))})"
            r"|(?:^|\s)by\s+(?P<b>[^\s〓|]{2,20})"
            r"|由(?P<c>[^\s于於]{1,12})[于於]\s*(?:19|20)\d\d.{0,40}?(?:发表|發表)"
            r"|^由(?P<d>[^\s@]{1,12}?)(?:张贴|張貼)\s*@?\s*(?:19|20)\d\d"
        ),
        not_names=frozenset(lab("not_names")),
        breadcrumb_xpath=_crumb_xpath(lab("breadcrumb_prefix")),
    )


_lock = Lock()
_cache: dict[int, Rules] = {}
_default: SiteProfile | None = None


def default_profile() -> SiteProfile:
    """The bundled (or $LCNEWS_SITE_PROFILE) profile, loaded once."""
    global _default
    with _lock:
        if _default is None:
            _default = load_profile()
        return _default


def rules_for(profile: SiteProfile | None) -> Rules:
    profile = profile or default_profile()
    key = id(profile)
    with _lock:
        rules = _cache.get(key)
        if rules is None or rules.profile is not profile:
            rules = build_rules(profile)
            if len(_cache) > 32:
                _cache.clear()
            _cache[key] = rules
        return rules
