"""The layout-drift alarm on real crawls of the replica: a template or skin change alarms (exit 4) while
the generic layer still archives every article; a first crawl of unknown markup is no drift; an
ordinary small incremental run after a big first run does not alarm; a headline slot showing the
same name on every page alarms through plausibility, though every article "has" a title."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import CrawlResult, crawl_replica

from lcnews.outcome import EXIT_DRIFT
from lcnews.testsite import ReplicaSite, build_site
from lcnews.testsite.model import build_model

pytestmark = pytest.mark.e2e

N, SEED = 40, 5
UNKNOWN = build_site(n_articles=N, seed=SEED, template="unknown")
EXPECTED = [t for t in UNKNOWN.truth if t["reachable"] and t["status"] == 200]


@pytest.fixture(scope="module")
def first_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("drift") / "first.db"
    result = crawl_replica(build_site(n_articles=N, seed=SEED), db)
    assert result.returncode == 0, result.stderr[-2000:]
    return db


@pytest.fixture(scope="module")
def changed_template_crawl(first_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    """The same site after a redesign, crawled again in full into the same archive."""
    db = tmp_path_factory.mktemp("drift2") / "a.db"
    shutil.copy(first_archive, db)
    return crawl_replica(build_site(n_articles=N, seed=SEED, template="unknown"), db, "--full")


@pytest.fixture(scope="module")
def unknown_first_crawl(tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    return crawl_replica(
        build_site(n_articles=N, seed=SEED, template="unknown"), tmp_path_factory.mktemp("drift3") / "a.db"
    )


def test_template_change_raises_drift_alarm(changed_template_crawl: CrawlResult) -> None:
    assert changed_template_crawl.returncode == EXIT_DRIFT, changed_template_crawl.stderr[-2000:]
    assert "LAYOUT DRIFT" in changed_template_crawl.stderr
    assert "generic extractor" in changed_template_crawl.stderr


def test_drift_recorded_in_crawl_runs(changed_template_crawl: CrawlResult) -> None:
    runs = changed_template_crawl.rows("select coverage, exit_code from crawl_runs order by run_id")
    first, second = (json.loads(r["coverage"]) for r in runs)
    assert first["shares"]["generic"] == 0.0 and not first["alarms"]
    assert second["shares"]["generic"] == 1.0 and second["alarms"]
    assert [r["exit_code"] for r in runs] == [0, EXIT_DRIFT]


def test_first_crawl_of_unknown_markup_is_not_drift(unknown_first_crawl: CrawlResult) -> None:
    assert unknown_first_crawl.returncode == 0, unknown_first_crawl.stderr[-2000:]


def test_unknown_template_still_archives_every_article(unknown_first_crawl: CrawlResult) -> None:
    ids = {r["article_id"] for r in unknown_first_crawl.rows("select article_id from articles")}
    assert ids == {t["article_id"] for t in EXPECTED}


@pytest.mark.parametrize("truth", EXPECTED, ids=[t["path"] for t in EXPECTED])
def test_generic_layer_gets_every_field(unknown_first_crawl: CrawlResult, truth: dict) -> None:
    row = unknown_first_crawl.rows("select * from articles where article_id = ?", truth["article_id"])[0]
    assert row["extractor"] == "generic"
    for name in ("title", "published_at", "source", "body"):
        assert row[name] == truth[name], name
    for name in ("authors", "correspondents", "photographers", "editors"):
        assert json.loads(row[name]) == truth[name], name


@pytest.fixture(scope="module")
def changed_skin_crawl(first_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    """The same site moved to another CMS (WordPress markup), crawled again in full."""
    db = tmp_path_factory.mktemp("drift4") / "a.db"
    shutil.copy(first_archive, db)
    return crawl_replica(build_site(n_articles=N, seed=SEED, skin="wordpress"), db, "--full")


def test_skin_change_raises_drift_alarm(changed_skin_crawl: CrawlResult) -> None:
    assert changed_skin_crawl.returncode == EXIT_DRIFT, changed_skin_crawl.stderr[-2000:]
    assert "LAYOUT DRIFT: generic extractor:" in changed_skin_crawl.stderr


# An incremental run of 12 new articles after a first run of 148: the replica seed whose 12 new
# articles have 23 points fewer authors than the first run (tests/test_coverage.py finds such seeds).
INC_N, INC_SEED, INC_NEW = 150, 22, 12


@pytest.fixture(scope="module")
def small_incremental_crawl(tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    db = tmp_path_factory.mktemp("drift5") / "a.db"
    first = crawl_replica(build_site(n_articles=INC_N, seed=INC_SEED), db)
    assert first.returncode == 0, first.stderr[-2000:]
    later = build_site(n_articles=INC_N, seed=INC_SEED, state="later", new_articles=INC_NEW)
    return crawl_replica(later, db)


def test_small_incremental_run_does_not_alarm(small_incremental_crawl: CrawlResult) -> None:
    assert small_incremental_crawl.returncode == 0, small_incremental_crawl.stderr[-2000:]
    assert "LAYOUT DRIFT" not in small_incremental_crawl.stderr


def test_small_incremental_run_is_judged_and_would_have_cried_wolf(small_incremental_crawl: CrawlResult) -> None:
    """The run was big enough to judge, and the old rule (last run, fixed 20 points) alarmed on it."""
    first, second = (json.loads(r["coverage"]) for r in small_incremental_crawl.rows("select coverage from crawl_runs"))
    assert second["articles"] == INC_NEW and not second["alarms"]
    assert any(first["shares"][f] - second["shares"][f] > 0.2 for f in ("source", "authors"))


LOGO = "今日聊城"  # a column name standing where the headline was


class LogoTitleSite(ReplicaSite):
    """The replica after a redesign whose headline slot (and <title>) shows one name on every page."""

    def respond(self, method: str, path_with_query: str) -> tuple[int, dict[str, str], bytes]:
        status, headers, body = super().respond(method, path_with_query)
        spec = self.model.by_path.get(path_with_query.split("?", maxsplit=1)[0])
        if status != 200 or spec is None:
            return status, headers, body
        enc = "gbk" if spec.encoding == "gbk" else "utf-8"
        text = re.sub(
            r'(<div class="content-title">|<h1[^>]*>)[^<]*', lambda m: m.group(1) + LOGO, body.decode(enc), count=1
        )
        text = re.sub(r"<title>[^<]*</title>", f"<title>{LOGO}</title>", text)
        return status, headers, text.encode(enc)


@pytest.fixture(scope="module")
def logo_title_crawl(tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    site = LogoTitleSite(build_model(N, SEED, "initial", None))
    return crawl_replica(site, tmp_path_factory.mktemp("drift6") / "a.db")


def test_logo_title_on_every_page_alarms_through_plausibility(logo_title_crawl: CrawlResult) -> None:
    assert logo_title_crawl.returncode == EXIT_DRIFT, logo_title_crawl.stderr[-2000:]
    assert "LAYOUT DRIFT: implausible title_repeated:" in logo_title_crawl.stderr


def test_logo_title_counts_as_present(logo_title_crawl: CrawlResult) -> None:
    """What presence alone saw: every article has a title (the alarm is plausibility's only)."""
    (run,) = logo_title_crawl.rows("select coverage from crawl_runs")
    cov = json.loads(run["coverage"])
    assert cov["shares"]["title"] == 1.0 and cov["implausible"]["title_repeated"] == cov["articles"]
    assert [a.split(":")[0] for a in cov["alarms"]] == ["implausible title_repeated"]
