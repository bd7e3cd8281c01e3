"""Every Scrapy and lcnews default in one place, grouped and commented.

lcnews settings are prefixed ``LCNEWS_``. `scrapy crawl lcxw` reads this module through scrapy.cfg;
the `lcnews` CLI loads it explicitly, so it works from any directory.
"""

from lcnews import __version__

BOT_NAME = "lcnews"
SPIDER_MODULES = ["lcnews.spiders"]
NEWSPIDER_MODULE = "lcnews.spiders"

# --- lcnews --------------------------------------------------------------------------------
# SQLite archive the pipelines write to. Required for crawls that archive.
LCNEWS_DB_PATH = ""
# Another origin serving the same paths (mirror, staging copy, the offline replica). Empty: the
# profile's origin. A loopback base URL is crawled at full speed (no delays), robots still obeyed.
LCNEWS_BASE_URL = ""
# Site profile TOML; empty uses the bundled lcnews/profiles/lcxw.toml (or $LCNEWS_SITE_PROFILE).
LCNEWS_SITE_PROFILE = ""
# Restrict a crawl to these channel slugs (and their sub-channels); empty = every channel.
LCNEWS_CHANNELS: list[str] = []
# Stop after this many articles have been archived (0 = no limit).
LCNEWS_MAX_ARTICLES = 0
# Worker processes that extract pages (CPU-bound) beside the crawl loop; 0 = extract in-process.
LCNEWS_EXTRACT_WORKERS = 1
# Seconds one page may take to extract before it is dropped (and its worker restarted).
LCNEWS_EXTRACT_TIMEOUT = 60.0
# Articles written to SQLite per transaction, at most. A batch is also committed once its oldest
# item (article, listing sighting, removal) has waited LCNEWS_ARCHIVE_FLUSH_SECONDS, so a killed
# crawl loses about a second of work. The first commit of a run waits only
# LCNEWS_ARCHIVE_FIRST_FLUSH_SECONDS (0: the first item is committed at once, so even a crawl killed
# seconds after it started has kept something), each later one up to twice as long as the one before.
LCNEWS_ARCHIVE_BATCH_SIZE = 200
LCNEWS_ARCHIVE_FLUSH_SECONDS = 1.0
LCNEWS_ARCHIVE_FIRST_FLUSH_SECONDS = 0.0
# Keep raw page bytes (compressed) in the archive so articles can be re-extracted offline.
LCNEWS_ARCHIVE_RAW_PAGES = True
# Incremental crawling: archived article pages older than this many days (by publish date) are
# not fetched again; listing paging stops after LCNEWS_LISTING_OVERLAP pages holding only archived
# articles. LCNEWS_FULL = True backfills everything.
LCNEWS_REVISIT_DAYS = 3
LCNEWS_LISTING_OVERLAP = 1
LCNEWS_FULL = False

# --- the e-paper (lcnews epaper) -----------------------------------------------------------
# Another origin for the e-paper (a replica); empty: the profile's [epaper] origin.
LCNEWS_EPAPER_BASE_URL = ""
# Paper keys to crawl (profile [[epaper.papers]]); empty: every paper.
LCNEWS_EPAPER_PAPERS: list[str] = []
# Editions from LCNEWS_EPAPER_SINCE to LCNEWS_EPAPER_UNTIL (YYYY-MM-DD; empty until: today, Beijing).
LCNEWS_EPAPER_SINCE = ""
LCNEWS_EPAPER_UNTIL = ""
# Days before a paper's newest archived edition whose layout pages a re-run walks again (edits,
# late pages); older days archived complete are not fetched at all.
LCNEWS_EPAPER_REVISIT_DAYS = 2
# The e-paper crawl's one pipeline (assembly and archive writes; an edition is a few dozen pages).
LCNEWS_EPAPER_PIPELINES = {"lcnews.pipelines.print_archive.PrintArchivePipeline": 100}
# Retry back-off: the n-th retry of a request waits LCNEWS_RETRY_BACKOFF_BASE * 2**(n-1) seconds,
# capped at LCNEWS_RETRY_BACKOFF_MAX (0 for loopback hosts).
LCNEWS_RETRY_BACKOFF_BASE = 2.0
LCNEWS_RETRY_BACKOFF_MAX = 60.0
# Layout-drift alarm (the CLI exits with status 4 when it goes off; docs/schema.md, "The
# layout-drift alarm"). Every rule is judged on the Wilson interval of a share of the run's articles
# at this confidence, so a small run needs overwhelming evidence before it alarms:
LCNEWS_DRIFT_CONFIDENCE = 0.99
# - a floor for the fields every article has: alarm when the whole interval is below it (0..1);
LCNEWS_DRIFT_MIN_COVERAGE = {
    "title": 0.95,
    "published_at": 0.95,
    "body": 0.95,
}
# - against the pooled counts of the archive's last LCNEWS_DRIFT_BASELINE_RUNS healthy runs
#   (finished, not alarmed): alarm when a field's interval (title, time, source, authors, body) lies
#   below the baseline's, or the generic extractor's share lies above the baseline's, by more than
#   LCNEWS_DRIFT_MAX_DROP. 0 baseline runs: no comparison (a run that accepts a new normal).
LCNEWS_DRIFT_BASELINE_RUNS = 5
LCNEWS_DRIFT_MAX_DROP = 0.05
# - plausibility (no baseline needed): alarm when the interval of the share of articles sharing one
#   title or one body (the largest such group, of LCNEWS_DRIFT_REPEAT_PAGES or more), with a source
#   that is a date or time, or with an author that is a channel name or a page word, lies above
#   LCNEWS_DRIFT_MAX_IMPLAUSIBLE.
LCNEWS_DRIFT_MAX_IMPLAUSIBLE = 0.2
LCNEWS_DRIFT_REPEAT_PAGES = 3
# A body shorter than this (characters) counts as missing for the coverage figures.
LCNEWS_DRIFT_MIN_BODY_CHARS = 20
# Runs (and baselines) with fewer articles than this are not judged at all.
LCNEWS_DRIFT_MIN_ARTICLES = 10
# Bounded crawling (lcnews/spiders/bounds.py): a listing page that shows no article its channel's
# pages had not shown this run (empty, or only links already seen) is "barren" and ends that
# channel's walk. Besides, a run spends at most this many barren pages per channel, and in all;
# a URL shape (numbers replaced by #: /yaowen/index_#.html, /rili/#/#/) that gave this many barren
# pages is a trap (calendars, index_N to infinity) and is not requested again; a listing URL
# with more path segments than LCNEWS_CRAWL_MAX_URL_DEPTH is refused. Each refusal is counted by
# reason in crawl_runs.stops.
LCNEWS_CRAWL_CHANNEL_BARREN_PAGES = 3
LCNEWS_CRAWL_RUN_BARREN_PAGES = 40
LCNEWS_CRAWL_SHAPE_BARREN_PAGES = 3
LCNEWS_CRAWL_MAX_URL_DEPTH = 6
# Settings a loopback base URL (the offline replica, a local mirror) gets instead of the polite
# defaults below: delays protect a real host, the replica is crawled at full speed (robots.txt is
# still obeyed). Applied by the spider at "spider" priority, so `-s NAME=VALUE` still wins.
LCNEWS_LOOPBACK_SETTINGS = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY_JITTER": 0,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "LCNEWS_RETRY_BACKOFF_MAX": 0,
}

# Shared frontier (lcnews.frontier): a Redis URL makes this process one worker of a crawl that
# several processes, on one host or many, share (queue and request fingerprints in Redis, a host's
# delay and concurrency shared by all of them); each worker writes to the same PostgreSQL archive.
LCNEWS_FRONTIER_URL = ""
# The shared crawl's name (its Redis keys are lcnews:<name>:...): workers with the same name share it.
LCNEWS_FRONTIER_NAME = "lcxw"
# The fleet's budget per host: requests running at once across all workers (0: the per-domain
# concurrency below) and seconds between request starts (empty: DOWNLOAD_DELAY below).
LCNEWS_FRONTIER_HOST_CONCURRENCY = 0
LCNEWS_FRONTIER_HOST_DELAY = ""
# A worker that has not beaten its heartbeat for this many seconds is dead: its requests go back.
LCNEWS_FRONTIER_HEARTBEAT_TTL = 10
# The heartbeat beats from a thread, so a busy event loop does not look dead; a loop that has not
# turned for this many seconds is wedged, and its heartbeat stops (its requests go back).
LCNEWS_FRONTIER_STALL_SECONDS = 120

# --- politeness ----------------------------------------------------------------------------
ROBOTSTXT_OBEY = True
USER_AGENT = f"lcnews/{__version__} (+https://github.com/lcnews/lcnews; research archive crawler)"
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
# Each delay varies by ±50% so requests do not tick like a metronome.
DOWNLOAD_DELAY_JITTER = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
# Retries for 5xx and timeouts, with back-off (lcnews.middlewares.BackoffRetryMiddleware).
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Redirects (3xx and <meta http-equiv=refresh>) are followed only within the site's hosts: an
# article that redirects to another host name is never fetched (lcnews/stop/offsite_redirect), a
# loop stops where it comes back round (redirect_loop), a chain at REDIRECT_MAX_TIMES hops
# (redirect_limit).
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "lcnews.middlewares.BackoffRetryMiddleware": 550,
    "lcnews.middlewares.SiteHealthMiddleware": 560,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "lcnews.middlewares.SiteMetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "lcnews.middlewares.SiteRedirectMiddleware": 600,
}
# A page that failed every retry is one WARNING line from the spider, with its reason (no
# traceback, no second line from the retry middleware); summary and crawl_runs count by reason.
RETRY_GIVE_UP_LOG_LEVEL = "DEBUG"
# The site is unreachable after this many network failures in a row, or after this many seconds of
# network failures with no answer: the run winds down and exits 3 ("site unreachable").
LCNEWS_UNREACHABLE_FAILURES = 20
LCNEWS_UNREACHABLE_SECONDS = 60.0
REDIRECT_ENABLED = True
REDIRECT_MAX_TIMES = 10
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
DEPTH_PRIORITY = 0

# --- pipelines -----------------------------------------------------------------------------
ITEM_PIPELINES = {
    "lcnews.pipelines.extract.ExtractPipeline": 100,
    "lcnews.pipelines.normalize.NormalizePipeline": 200,
    "lcnews.pipelines.dedupe.DedupePipeline": 300,
    "lcnews.pipelines.archive.ArchivePipeline": 400,
}

# Items handled in parallel per response (callbacks here yield at most a few dozen; Scrapy starts
# this many asyncio tasks for every response, so the default 100 is pure overhead).
CONCURRENT_ITEMS = 16

# --- framework -----------------------------------------------------------------------------
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
