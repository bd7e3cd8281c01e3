"""Per-field coverage and the layout-drift alarm: Wilson intervals against a pooled baseline, and
plausibility signals that presence misses."""

from __future__ import annotations

import random

import pytest

from lcnews.coverage import SIGNALS, Counts, Coverage, DriftRules, drift_alarms, wilson
from lcnews.items import Article
from lcnews.testsite import build_site

RULES = DriftRules()


def _article(
    i: int,
    *,
    generic: bool = False,
    title: str | None = None,
    authors: list[str] | None = None,
    source: str = "聊城日报",
    body: str | None = None,
) -> Article:
    return Article(
        article_id=i,
        url=f"u{i}",
        title=f"第{i}条新闻标题" if title is None else title,
        published_at="2025-01-01T00:00:00+08:00",
        source=source,
        body=f"正文第{i}段。" * 10 if body is None else body,
        extractor="generic" if generic else "site",
        authors=authors or [],
    )


def _coverage(n: int = 20, **kw: object) -> Coverage:
    cov = Coverage()
    for i in range(n):
        cov.add(_article(i, **kw))  # type: ignore[arg-type]
    return cov


def _truth_coverage(truths: list[dict]) -> Coverage:
    cov = Coverage()
    for t in truths:
        cov.add({**t, "extractor": "site"})
    return cov


@pytest.mark.parametrize(("k", "n"), [(0, 10), (5, 10), (10, 10), (139, 139), (1, 1000)])
def test_wilson_interval_holds_the_share(k: int, n: int) -> None:
    lo, hi = wilson(k, n)
    assert 0 <= lo <= k / n <= hi <= 1


def test_wilson_interval_narrows_with_more_articles() -> None:
    small, large = wilson(8, 10), wilson(800, 1000)
    assert small[1] - small[0] > 3 * (large[1] - large[0])


def test_wilson_interval_matches_the_formula() -> None:
    # 12 of 12 at 99%: the lower bound is n / (n + z^2), z = 2.5758
    assert wilson(12, 12)[0] == pytest.approx(12 / (12 + 2.5758**2), abs=1e-4)


def test_healthy_run_has_no_alarm() -> None:
    assert drift_alarms(_coverage(), RULES) == []


def test_healthy_run_against_its_own_kind_has_no_alarm() -> None:
    assert drift_alarms(_coverage(), RULES, _coverage(200).counts()) == []


def test_missing_titles_raise_alarm_even_on_a_first_run() -> None:
    cov = Coverage()
    for i in range(20):
        cov.add(_article(i, title="" if i % 2 else None))
    alarms = drift_alarms(cov, RULES)
    assert len(alarms) == 1 and alarms[0].startswith("title: present on 10 of 20 (50%")


def test_one_missing_title_in_twelve_is_not_below_the_floor() -> None:
    cov = Coverage()
    for i in range(12):
        cov.add(_article(i, title="" if i == 0 else None))
    assert drift_alarms(cov, RULES) == []


def test_first_run_on_unknown_markup_is_not_drift() -> None:
    assert drift_alarms(_coverage(generic=True), RULES, baseline=None) == []


def test_rise_of_generic_fallback_against_baseline_raises_alarm() -> None:
    alarms = drift_alarms(_coverage(40, generic=True), RULES, baseline=_coverage(40).counts())
    assert len(alarms) == 1 and alarms[0].startswith("generic extractor: 40 of 40 (100%")
    assert "up from 0 of 40 (0%" in alarms[0] and "the last 1 healthy run:" in alarms[0]


def test_fall_of_author_coverage_against_baseline_raises_alarm() -> None:
    alarms = drift_alarms(_coverage(40), RULES, baseline=_coverage(40, authors=["赵琦"]).counts())
    assert len(alarms) == 1 and alarms[0].startswith("authors: present on 0 of 40 (0%")


def test_tiny_runs_are_not_judged() -> None:
    cov = Coverage()
    for i in range(9):
        cov.add(_article(i, title="", authors=["首页"]))
    assert drift_alarms(cov, RULES) == []


def test_tiny_baselines_are_not_compared() -> None:
    assert drift_alarms(_coverage(40), RULES, baseline=_coverage(5, authors=["赵琦"]).counts()) == []


def _replica_runs(seed: int) -> tuple[Coverage, Coverage]:
    """The coverage of a replica's first 139 articles and of the 12 after them (ground truth)."""
    site = build_site(n_articles=151, seed=seed)
    truths = [t for t in site.truth if t["reachable"] and t["status"] == 200]
    truths.sort(key=lambda t: t["published_at"])
    return _truth_coverage(truths[:-12]), _truth_coverage(truths[-12:])


def _old_rule_cries_wolf(seed: int) -> bool:
    """The rule this alarm replaced: the last run's share, fixed 20 points, on sources or authors."""
    big, small = _replica_runs(seed)
    return any(big.shares()[f] - small.shares()[f] > 0.2 for f in ("source", "authors"))


# Seeds of the replica whose newest 12 articles have over 20 points fewer sources or authors than
# the 139 before them: ordinary days on which the old rule paged the researcher.
ORDINARY_BAD_LUCK = [s for s in range(1, 40) if _old_rule_cries_wolf(s)][:3]


def test_the_replica_has_unlucky_small_runs() -> None:
    assert len(ORDINARY_BAD_LUCK) == 3


@pytest.mark.parametrize("seed", ORDINARY_BAD_LUCK)
def test_an_ordinary_small_incremental_run_does_not_alarm(seed: int) -> None:
    big, small = _replica_runs(seed)
    assert drift_alarms(small, RULES, big.counts()) == []


@pytest.mark.parametrize("seed", ORDINARY_BAD_LUCK)
def test_a_small_run_that_lost_every_author_alarms(seed: int) -> None:
    big, small = _replica_runs(seed)
    counts = small.counts()
    counts.present["authors"] = 0
    assert [a.split(":")[0] for a in drift_alarms(counts, RULES, big.counts())] == ["authors"]


def test_random_healthy_runs_never_alarm_against_their_baseline() -> None:
    """400 runs of 10-60 articles drawn from the same site as their 5-run baseline: no alarm."""
    rng = random.Random(7)
    site = build_site(n_articles=300, seed=3)
    truths = [t for t in site.truth if t["reachable"] and t["status"] == 200]
    baseline = Counts.pooled(_truth_coverage(rng.sample(truths, 80)).counts() for _ in range(5))
    alarms = [
        drift_alarms(_truth_coverage(rng.sample(truths, rng.randint(10, 60))), RULES, baseline) for _ in range(400)
    ]
    assert [a for a in alarms if a] == []


def test_baseline_pools_several_runs() -> None:
    runs = [_coverage(10).counts(), _coverage(30, authors=["赵琦"]).counts()]
    pooled = Counts.pooled(runs)
    assert (pooled.runs, pooled.articles, pooled.present["authors"]) == (2, 40, 30)


def test_stored_coverage_reads_back_as_counts() -> None:
    cov = _coverage(12, title="聊城新闻网")
    assert Counts.from_record(cov.as_dict()) == cov.counts()


def test_a_record_without_plausibility_counts_reads_as_zero() -> None:
    counts = Counts.from_record({"articles": 5, "generic": 1, "present": {"title": 5}})
    assert counts.implausible == dict.fromkeys(SIGNALS, 0) and counts.present["body"] == 0


@pytest.mark.parametrize(
    ("signal", "kw"),
    [
        ("title_repeated", {"title": "聊城新闻网"}),
        ("body_repeated", {"body": "欢迎扫码关注本网公众号，获取更多本地消息。"}),
        ("source_is_time", {"source": "2025-01-01 10:30"}),
        ("source_is_time", {"source": "10:30"}),
        ("author_not_a_name", {"authors": ["分享"]}),
        ("author_not_a_name", {"authors": ["要闻"]}),
    ],
    ids=["logo-title", "notice-body", "source-date", "source-clock", "author-ui-word", "author-channel"],
)
def test_an_implausible_field_on_every_page_alarms(signal: str, kw: dict) -> None:
    cov = Coverage(not_names=frozenset(["要闻"]))
    for i in range(12):
        cov.add(_article(i, **kw))
    alarms = drift_alarms(cov, RULES)
    assert len(alarms) == 1 and alarms[0].startswith(f"implausible {signal}: 12 of 12")


@pytest.mark.parametrize(
    "kw",
    [{"source": "新华社"}, {"source": "聊城日报"}, {"authors": ["赵琦"]}, {"authors": ["张承斌", "胜前"]}],
    ids=["agency", "paper", "reporter", "two-names"],
)
def test_a_plausible_field_is_not_flagged(kw: dict) -> None:
    cov = Coverage(not_names=frozenset(["要闻"]))
    for i in range(12):
        cov.add(_article(i, **kw))
    assert sum(cov.implausible().values()) == 0


def test_a_title_on_two_pages_is_not_repeated() -> None:
    cov = Coverage()
    for i in range(12):
        cov.add(_article(i, title=f"标题{i // 2}"))
    assert cov.implausible()["title_repeated"] == 0


def test_a_few_repeated_titles_in_a_large_run_do_not_alarm() -> None:
    cov = Coverage()
    for i in range(100):
        cov.add(_article(i, title="今日聊城" if i < 5 else None))
    assert cov.implausible()["title_repeated"] == 5 and drift_alarms(cov, RULES) == []


def test_many_recurring_column_titles_do_not_alarm() -> None:
    """Ten columns of three articles each in a run of 60: many small groups, not one logo."""
    cov = Coverage()
    for i in range(60):
        cov.add(_article(i, title=f"专栏{i % 10}" if i < 30 else None))
    assert cov.implausible()["title_repeated"] == 3 and drift_alarms(cov, RULES) == []


@pytest.mark.parametrize(("n", "seed"), [(300, 2), (1000, 1)])
def test_the_replicas_titles_are_plausible(n: int, seed: int) -> None:
    truths = [t for t in build_site(n_articles=n, seed=seed).truth if t["reachable"] and t["status"] == 200]
    assert drift_alarms(_truth_coverage(truths), RULES) == []
