"""`lcnews serve` in a real browser (headless Chromium), asserting on the DOM: the articles page's
search box ranks like `lcnews search` and highlights hits; an article page reads like an article;
the table is readable (column notes folded, excerpts, no squeezed titles); the dashboard draws its
charts from the library `lcnews serve` serves itself, with every other host unreachable.

Needs Debian's ``chromium`` and ``chromium-driver`` (CI installs them; README, "Development"); without
them the tests fail and say what to install: they are never skipped.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from lcnews.cli import cli
from lcnews.datasette.app import database_name
from lcnews.db import search as fts

pytestmark = pytest.mark.browser

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1300,1000",
    # Offline, as promised: every host but loopback fails at once (a CDN would leave charts undrawn).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]  # fmt: skip
CHROMIUM_MISSING = (
    "headless Chromium is needed for this test but {missing} is not installed: "
    "apt-get install -y chromium chromium-driver (Debian/Ubuntu; README, Development)"
)
STARTUP_SECONDS = 60
WORD = "东阿"  # two characters: what FTS5's trigram tokenizer cannot find


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve_command() -> list[str]:
    if "serve" in cli.commands:
        return [sys.executable, "-m", "lcnews", "serve"]
    # Until `serve` is registered on the main group, run the same click command standalone.
    return [sys.executable, "-c", "from lcnews.cli.serve import serve; serve()"]


@pytest.fixture(scope="module")
def server(replica_crawl: Any) -> Iterator[str]:
    assert replica_crawl.returncode == 0, replica_crawl.stderr
    port = _free_port()
    cmd = [*_serve_command(), "--db", str(replica_crawl.db), "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if proc.poll() is not None:
                out, err = proc.communicate()
                pytest.fail(f"lcnews serve exited with {proc.returncode}:\n{out}\n{err}")
            try:
                with urllib.request.urlopen(base + "/-/versions.json", timeout=2):
                    break
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    pytest.fail(f"lcnews serve did not answer on {base} in {STARTUP_SECONDS}s")
                time.sleep(0.2)
        yield f"{base}/{database_name(replica_crawl.db)}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        proc.stderr.close()


def chromium_paths() -> tuple[str, str]:
    """The Chromium binary and chromedriver, or the test fails saying what to install."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.fail(CHROMIUM_MISSING.format(missing="chromium" if not chromium else "chromedriver"), pytrace=False)
    return chromium, driver_path


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    chromium, driver_path = chromium_paths()
    with tempfile.TemporaryDirectory(prefix="lcnews-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]:
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
        try:
            yield driver
        finally:
            driver.quit()


def wait_for(browser: webdriver.Chrome, css: str) -> Any:
    return WebDriverWait(browser, 20).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css)))


def test_search_box_in_chromium_ranks_like_the_python_api(
    server: str, browser: webdriver.Chrome, replica_crawl: Any
) -> None:
    expected = [h["article_id"] for h in fts.search(str(replica_crawl.db), WORD, limit=50)]
    assert 0 < len(expected) < 50, "the word must hit some articles, all on one page"

    browser.get(server + "/articles")
    box = wait_for(browser, "#_search")
    box.clear()
    box.send_keys(WORD)
    box.send_keys(Keys.ENTER)
    WebDriverWait(browser, 20).until(expected_conditions.url_contains("_search="))
    wait_for(browser, "ol.lcnews-hits")

    assert browser.find_element(By.ID, "_search").get_attribute("value") == WORD
    hits = browser.find_elements(By.CSS_SELECTOR, "li.lcnews-hit")
    assert [int(h.get_attribute("data-article-id") or 0) for h in hits] == expected
    heading = browser.find_element(By.CSS_SELECTOR, "h3.lcnews-ranked-count")
    assert heading.is_displayed() and heading.text.startswith(f"{len(expected)} match")
    marks = browser.find_elements(By.CSS_SELECTOR, "li.lcnews-hit .lcnews-snippet mark")
    assert marks and {m.text for m in marks} == {WORD}


def test_article_page_reads_like_an_article(server: str, browser: webdriver.Chrome, replica_crawl: Any) -> None:
    row = replica_crawl.rows(
        "SELECT * FROM articles WHERE images != '[]' AND source != '' AND editors != '[]' AND authors != '[]'"
        " ORDER BY article_id LIMIT 1"
    )[0]
    browser.get(f"{server}/articles/{row['article_id']}")
    headline = wait_for(browser, "h1.lcnews-headline")
    assert headline.text == row["title"]
    assert headline.size["width"] > 400  # one line of text, not one character per line
    meta = browser.find_element(By.CSS_SELECTOR, "p.lcnews-meta").text
    assert row["source"] in meta and all(a in meta for a in json.loads(row["authors"]))
    assert row["published_at"][:16].replace("T", " ") in meta
    paragraphs = [p.text for p in browser.find_elements(By.CSS_SELECTOR, ".lcnews-body p")]
    assert paragraphs == row["body"].split("\n")
    captions = [f.text for f in browser.find_elements(By.CSS_SELECTOR, "figure.lcnews-figure figcaption")]
    assert captions == [i["caption"] for i in json.loads(row["images"]) if i.get("caption")]
    editors = browser.find_element(By.CSS_SELECTOR, "p.lcnews-editors").text
    assert all(e in editors for e in json.loads(row["editors"]))
    assert browser.find_element(By.CSS_SELECTOR, "a.lcnews-live").get_attribute("href") == row["url"]
    assert "article_id=" in (browser.find_element(By.CSS_SELECTOR, "a.lcnews-versions").get_attribute("href") or "")
    assert not browser.find_element(By.CSS_SELECTOR, "details.lcnews-record table").is_displayed()
    browser.save_screenshot(str(Path(tempfile.gettempdir()) / "lcnews-article-page.png"))


def test_articles_table_is_readable(server: str, browser: webdriver.Chrome) -> None:
    browser.get(server + "/articles")
    wait_for(browser, "table.rows-and-columns")
    notes = browser.find_element(By.CSS_SELECTOR, "details.lcnews-column-notes")
    assert notes.get_attribute("open") is None
    assert not browser.find_element(By.CSS_SELECTOR, "dl.column-descriptions").is_displayed()
    table = browser.find_element(By.CSS_SELECTOR, "table.rows-and-columns")
    assert table.location["y"] < 1800  # the data starts near the top, not after pages of notes
    titles = browser.find_elements(By.CSS_SELECTOR, "td.col-title")
    assert titles and min(t.size["width"] for t in titles) > 150
    bodies = browser.find_elements(By.CSS_SELECTOR, "td.col-body")
    assert bodies and all(len(b.text) <= 141 for b in bodies) and min(b.size["width"] for b in bodies) > 250
    assert not browser.find_element(By.CSS_SELECTOR, "td.col-raw_sha256").is_displayed()
    channel = browser.find_element(By.CSS_SELECTOR, "#facet-channel .lcnews-zh")
    assert channel.text


def test_dashboard_draws_its_charts_offline(server: str, browser: webdriver.Chrome, replica_crawl: Any) -> None:
    browser.get(f"{server}/-/dashboard?q={WORD}")
    WebDriverWait(browser, 20).until(lambda b: b.find_element(By.TAG_NAME, "body").get_attribute("data-charts-drawn"))
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-charts-drawn") == "4"
    trend = browser.execute_script(
        "var c = Chart.getChart(document.getElementById('chart-trend'));"
        "return [c.data.labels, c.data.datasets[0].data];"
    )
    expected = fts.trend(str(replica_crawl.db), WORD)
    assert [tuple(x) for x in zip(*trend, strict=True)] == expected
    for canvas in browser.find_elements(By.TAG_NAME, "canvas"):
        assert canvas.size["width"] > 200 and canvas.size["height"] > 150
    hosts = browser.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return new URL(e.name).host; });"
    )
    assert hosts and set(hosts) == {server.split("/")[2]}
    browser.save_screenshot(str(Path(tempfile.gettempdir()) / "lcnews-dashboard.png"))


def test_chromium_missing_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(pytest.fail.Exception, match="apt-get install -y chromium chromium-driver"):
        chromium_paths()
