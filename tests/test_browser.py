"""The real server in headless Chromium: ask a question, see the cited clause, nothing leaks out.

Set KB_SCREENSHOT=docs/screenshot.png to also save the answer page for the README.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from _server import index_dir, live_server  # noqa: F401  (fixtures)

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
DUST = "到2025年各区降尘量要控制在多少？"
DUST_VALUE = "5吨/平方公里·月"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium: apt-get install chromium chromium-driver"),
]


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="kb-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,1300", "--lang=zh-CN", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait(driver, condition, timeout: float = 60):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def open_page(driver, url: str):
    from selenium.webdriver.common.by import By

    driver.get(url + "/")
    return wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, "#ask-question textarea"))


def answer_cards(driver):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, "#ask-answer .kb-card")


def test_example_question_shows_cited_clause(browser, live_server, tmp_path):  # noqa: F811
    from selenium.webdriver.common.by import By

    open_page(browser, live_server)
    example = wait(browser, lambda d: d.find_element(By.XPATH, f"//div[contains(@class,'gallery')][normalize-space()='{DUST}']"))
    example.click()
    wait(browser, lambda d: any(DUST_VALUE in c.text for c in answer_cards(d)))

    answer = browser.find_element(By.CSS_SELECTOR, "#ask-answer .kb-answer").text
    assert DUST_VALUE in answer
    card = next(c for c in answer_cards(browser) if DUST_VALUE in c.find_element(By.CLASS_NAME, "kb-text").text)
    title = card.find_element(By.CLASS_NAME, "kb-title").text
    assert "《" in title and "生态环境保护规划》" in title
    assert card.find_element(By.CLASS_NAME, "kb-meta").text  # 文号 / date
    marks = [m.text for m in card.find_elements(By.CSS_SELECTOR, "mark.kb-num")]
    assert DUST_VALUE in marks

    # The clause in context: expanding shows the neighbouring clauses.
    card.find_element(By.TAG_NAME, "summary").click()
    context = wait(browser, lambda d: [e for e in card.find_elements(By.CLASS_NAME, "kb-ctx") if e.is_displayed()])
    assert len(context) >= 2

    shot = tmp_path / "answer.png"
    browser.execute_script("window.scrollTo(0, 0)")
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("KB_SCREENSHOT"):
        shutil.copy(shot, os.environ["KB_SCREENSHOT"])


def test_typed_markup_is_shown_as_text(browser, live_server):  # noqa: F811
    from selenium.webdriver.common.by import By

    box = open_page(browser, live_server)
    query = "<script>window.kbInjected=1</script><img src=x onerror=\"window.kbInjected=2\">降尘量"
    box.send_keys(query)
    browser.find_element(By.ID, "ask-button").click()
    asked = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#ask-answer .kb-asked"))
    assert "<script>window.kbInjected=1</script>" in asked.text
    assert browser.execute_script("return window.kbInjected") is None
    assert not browser.find_elements(By.CSS_SELECTOR, "#ask-answer script, #ask-answer img")


def test_search_tab_lists_ranked_clauses(browser, live_server):  # noqa: F811
    from selenium.webdriver.common.by import By

    open_page(browser, live_server)
    next(t for t in browser.find_elements(By.CSS_SELECTOR, "button[role=tab]") if t.text == "检索").click()
    box = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#search-query textarea"))
    box.send_keys("扬尘管控")
    browser.find_element(By.ID, "search-button").click()
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results .kb-card"))
    cards = browser.find_elements(By.CSS_SELECTOR, "#search-results .kb-card")
    assert len(cards) == 10 and "扬尘" in cards[0].text


def test_page_makes_no_outside_requests(browser, live_server):  # noqa: F811
    """Everything the page loads comes from the local server (offline use, no analytics)."""
    open_page(browser, live_server)
    local = urlsplit(live_server).netloc
    hosts = set()
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = urlsplit(message["params"]["request"]["url"])
            if url.scheme in ("http", "https", "ws", "wss"):
                hosts.add(url.netloc)
    assert hosts == {local}
