"""`lcnews serve` in a real browser: type a Chinese word into the articles table's search box in
headless Chromium and get exactly the articles the Python search finds.

Needs Debian's ``chromium`` and ``chromium-driver`` (CI installs them); without them the test fails
and says so: it is never skipped.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
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

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
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
    return [sys.executable, "-c", "from lcnews.cli_tools import serve; serve()"]


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


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.fail(
            "headless Chromium is needed for this test but "
            + ("chromium" if not chromium else "chromedriver")
            + " is not installed: apt-get install -y chromium chromium-driver"
        )
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


def test_search_box_in_chromium_finds_what_the_python_api_finds(
    server: str, browser: webdriver.Chrome, replica_crawl: Any
) -> None:
    expected = {h["article_id"] for h in fts.search(str(replica_crawl.db), WORD, limit=fts.MAX_LIMIT)}
    assert 0 < len(expected) < 100, "the word must hit some articles, all on one page"

    browser.get(server + "/articles")
    box = WebDriverWait(browser, 20).until(expected_conditions.presence_of_element_located((By.ID, "_search")))
    box.clear()
    box.send_keys(WORD)
    box.send_keys(Keys.ENTER)
    WebDriverWait(browser, 20).until(expected_conditions.url_contains("_search="))
    WebDriverWait(browser, 20).until(
        expected_conditions.text_to_be_present_in_element((By.TAG_NAME, "h3"), "search matches")
    )

    assert browser.find_element(By.ID, "_search").get_attribute("value") == WORD
    heading = browser.find_element(By.TAG_NAME, "h3").text
    assert heading.startswith(f"{len(expected)} row")
    cells = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns td.col-article_id")
    assert {int(c.text) for c in cells} == expected
