"""The site profile and the general vocabulary compiled into the patterns the stages use.

Stages never spell a label: they ask :func:`rules_for` for these compiled forms. Every pattern
here runs over :func:`~lcnews.extract.normalize.normalize` of a line (Simplified, half-width,
lowercase, same length as the line), so one spelling covers both scripts and both widths, and a
match's offsets slice the original line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from threading import Lock

from lcnews.extract import vocab
from lcnews.extract.normalize import normalize
from lcnews.site import SiteProfile, load_profile

__all__ = ["Rules", "default_profile", "rules_for"]

# Separators between a credit label and its names (after normalisation: ︱ becomes —, ： becomes :).
SEP = r"[\s:/|—\-–丨│]"


def _norm_all(words: Iterable[str]) -> tuple[str, ...]:
    out = dict.fromkeys(normalize(w).strip() for w in words if w and w.strip())
    return tuple(out)


def alt(words: Iterable[str]) -> str:
    """A regex alternation, longest spelling first (责任编辑 before 编辑)."""
    uniq = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w) for w in uniq) if uniq else r"(?!x)x"


@dataclass(frozen=True)
class Rules:
    """Compiled, normalised vocabulary of one profile (built once per profile)."""

    profile: SiteProfile
    site_names: tuple[str, ...]
    channel_names: frozenset[str]
    source_labels: tuple[str, ...]
    reporter_labels: tuple[str, ...]
    correspondent_labels: tuple[str, ...]
    author_labels: tuple[str, ...]
    photo_prefixes: tuple[str, ...]
    photo_suffixes: tuple[str, ...]
    both_prefixes: tuple[str, ...]
    editor_labels: tuple[str, ...]
    other_labels: tuple[str, ...]
    not_names: frozenset[str]
    boilerplate: frozenset[str]
    stop_markers: tuple[str, ...]  # related lists, comments, prev/next: nothing of the article after
    notice_markers: tuple[str, ...]  # notices: the body ends, its credit lines may still follow
    notice_openers: tuple[str, ...]
    breadcrumb_skip: frozenset[str]
    caption_openers: tuple[str, ...]
    # compiled, over normalised text
    label_re: re.Pattern[str]  # any credit label, with its role group name
    bare_label_re: re.Pattern[str]  # any credit label as spelled, no organisation glued in front
    source_re: re.Pattern[str]  # 来源: value
    published_re: re.Pattern[str]
    updated_re: re.Pattern[str]
    counter_re: re.Pattern[str]
    dateline_re: re.Pattern[str]
    furniture_re: re.Pattern[str]  # any footer / licence / notice line pattern, one alternation
    breadcrumb_re: re.Pattern[str]
    title_label_re: re.Pattern[str]

    def role_of(self, label: str) -> str:
        """The field a (normalised) credit label fills: author, correspondent, photographer,
        both (author and photographer), editor, other."""
        if label in self.both_prefixes:
            return "both"
        if label in self.editor_labels:
            return "editor"
        if label in self.correspondent_labels:
            return "correspondent"
        if label in self.photo_prefixes or label in self.photo_suffixes:
            return "photographer"
        if label in self.other_labels:
            return "other"
        return "author"  # reporters, 作者, 文, and "XX社记者" (an organisation glued to 记者)

    def is_site_name(self, text: str) -> bool:
        """Whether a short text names a site (the profile's names, or a general site-name form)."""
        n = normalize(text).strip()
        if not n:
            return False
        if any(n == s or (len(n) <= len(s) + 4 and s in n) for s in self.site_names):
            return True
        return 2 <= len(n) <= 16 and n.endswith(vocab.SITE_NAME_ENDINGS) and " " not in n.strip()

    def is_channel_name(self, text: str) -> bool:
        n = normalize(text).strip()
        return n in self.channel_names


def build_rules(profile: SiteProfile) -> Rules:
    lab = profile.label
    site_names = _norm_all([profile.name, *lab("site_names"), *lab("title_suffix")])
    channels = _norm_all([c.name for c in profile.channels] + [a for c in profile.channels for a in c.aliases])
    source = _norm_all([*vocab.SOURCE_LABELS, *lab("source")])
    reporter = _norm_all([*vocab.REPORTER_LABELS, *lab("reporter")])
    corr = _norm_all([*vocab.CORRESPONDENT_LABELS, *lab("correspondent")])
    author = _norm_all([*vocab.AUTHOR_LABELS, *lab("credits_authors")])
    photo_pfx = _norm_all([*vocab.PHOTO_PREFIXES, *lab("photo_prefix")])
    photo_sfx = _norm_all([*vocab.PHOTO_SUFFIXES, *lab("photographer_suffix")])
    both = _norm_all([*vocab.BOTH_PREFIXES, *lab("photo_both")])
    editor = _norm_all([*vocab.EDITOR_LABELS, *lab("editor")])
    other = _norm_all([*vocab.OTHER_CREDIT_LABELS, *lab("credits_other")])
    both = tuple(b for b in both if b not in photo_pfx)
    photo_pfx = tuple(p for p in photo_pfx if p not in both)
    # one-character labels (文, 图, 摄) only count with a separator after them
    short = [w for w in (*author, *photo_pfx) if len(w) == 1]
    longer_author = [w for w in author if len(w) > 1]
    longer_photo = [w for w in photo_pfx if len(w) > 1]
    org = r"[\u3400-\u9fff·]{0,12}?"
    label_re = re.compile(
        "(?:"
        rf"(?P<both>{alt(both)})"
        rf"|(?P<editor>{org}(?:{alt([e for e in editor if e.endswith('编辑')])})|{alt(editor)})"
        rf"|(?P<corr>{alt(corr)})"
        rf"|(?P<reporter>{org}(?:{alt([r for r in reporter if r.endswith('记者')])})|{alt(reporter)})"
        rf"|(?P<other>{alt(other)})"
        rf"|(?P<author>{alt(longer_author)})"
        rf"|(?P<photo>{alt(longer_photo)})"
        rf"|(?P<short>{alt(short)})(?=\s*[:/|—\-–丨│])"
        ")"
    )
    published = _norm_all([*vocab.PUBLISHED_LABELS, *lab("published")])
    updated = _norm_all(vocab.UPDATED_LABELS)
    counters = _norm_all(vocab.COUNTER_WORDS)
    dateline_words = _norm_all(lab("dateline"))
    dateline_re = re.compile(
        r"^\s*(?P<opener>"
        rf"(?:{alt(dateline_words)})"
        rf"|[^\s,，。()【】\[\]]{{1,24}}?(?:{alt(vocab.DATELINE_ENDINGS)})"
        r"|【[^】\s]{2,16}】"
        r")\s*[(\[【]\s*(?P<inner>[^()\[\]【】]{1,80}?)\s*[)\]】]\s*[:,，]?\s*"
    )
    furniture = [*vocab.FURNITURE_PATTERNS, *profile.line_patterns]
    return Rules(
        profile=profile,
        site_names=site_names,
        channel_names=frozenset(channels),
        source_labels=source,
        reporter_labels=reporter,
        correspondent_labels=corr,
        author_labels=author,
        photo_prefixes=photo_pfx,
        photo_suffixes=photo_sfx,
        both_prefixes=both,
        editor_labels=editor,
        other_labels=other,
        not_names=frozenset(_norm_all([*vocab.NOT_NAMES, *lab("not_names")])),
        boilerplate=frozenset(
            n.replace(" ", "") for n in _norm_all([*vocab.BOILERPLATE_LINES, *profile.boilerplate_lines])
        ),
        stop_markers=_norm_all([*vocab.STOP_MARKERS, *profile.stop_markers]),
        notice_markers=_norm_all(vocab.NOTICE_MARKERS),
        notice_openers=_norm_all(vocab.NOTICE_OPENERS),
        breadcrumb_skip=frozenset(_norm_all([*vocab.BREADCRUMB_SKIP, *lab("breadcrumb_skip")])),
        caption_openers=_norm_all(vocab.CAPTION_OPENERS),
        label_re=label_re,
        bare_label_re=re.compile(alt([*both, *editor, *corr, *reporter, *other, *longer_author, *longer_photo])),
        source_re=re.compile(
            rf"(?P<label>{alt(source)})\s*[:]\s*|(?:^|(?<=[\s|]))(?P<bare>{alt(vocab.SOURCE_LABELS_NO_COLON)})\s+"
        ),
        published_re=re.compile(rf"(?P<label>{alt(published)})\s*[:]?\s*"),
        updated_re=re.compile(rf"(?P<label>{alt(updated)})\s*[:]?\s*"),
        counter_re=re.compile(
            rf"(?:{alt(counters)})\s*(?:[:]|数|量|次数)?\s*(?:\d[\d,.]*\s*[万千kw]?\+?)?\s*{vocab.COUNTER_UNIT}?"
        ),
        dateline_re=dateline_re,
        furniture_re=re.compile("|".join(f"(?:{normalize(p)})" for p in furniture)),
        breadcrumb_re=re.compile(
            rf"^\s*(?:{alt(_norm_all([*vocab.BREADCRUMB_PREFIXES, *lab('breadcrumb_prefix')]))})\s*[:]?\s*"
        ),
        title_label_re=re.compile(rf"^\s*(?:{alt(_norm_all(vocab.TITLE_LABELS))})\s*:\s*"),
    )


_lock = Lock()
_cache: dict[int, Rules] = {}


@lru_cache(maxsize=1)
def default_profile() -> SiteProfile:
    """The bundled (or $LCNEWS_SITE_PROFILE) profile, loaded once."""
    return load_profile()


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
