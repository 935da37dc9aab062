"""The real server in headless Chromium: ask, follow up, open a citation in its document, deep links.

Set KB_SCREENSHOTS=docs to also save each state as a PNG (1280x900) for the README.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest

from _server import index_dir, live_server  # noqa: F401  (fixtures)

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
DUST = "到2025年各区降尘量要控制在多少？"
DUST_VALUE = "5吨/平方公里·月"
FENGTAI = "丰台区到2025年PM2.5浓度目标是多少？"
FOLLOW_UP = "那海淀区呢？"
DEEP_CLAUSE = "bj-action-2023:A2.T4#1"  # ':' and '#' must survive the URL

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
                "--window-size=1280,900", "--lang=zh-CN", f"--user-data-dir={profile}"):
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

    return driver.find_elements(By.CSS_SELECTOR, "#ask-chat .kb-card")


def shoot(driver, name: str, tmp_path: Path) -> Path:
    """A screenshot of the current state; copied to $KB_SCREENSHOTS/<name> when that is set."""
    shot = tmp_path / name
    driver.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("KB_SCREENSHOTS"):
        shutil.copy(shot, Path(os.environ["KB_SCREENSHOTS"]) / name)
    return shot


def ask(driver, question: str, turns: int):
    """Type a question and wait until the chat holds `turns` answers."""
    from selenium.webdriver.common.by import By

    box = driver.find_element(By.CSS_SELECTOR, "#ask-question textarea")
    box.send_keys(question)
    driver.find_element(By.ID, "ask-button").click()
    return wait(driver, lambda d: len(bot_messages(d)) >= turns and bot_messages(d)[-1])


def bot_messages(driver):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, "#ask-chat [data-testid=bot]")


def user_messages(driver):
    from selenium.webdriver.common.by import By

    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#ask-chat [data-testid=user]")]


def highlighted_clause_in_view(driver, clause_id: str):
    """The outline's highlighted clause, once it is the one asked for and scrolled into the window."""
    from selenium.webdriver.common.by import By

    found = driver.find_elements(By.CSS_SELECTOR, "#doc-outline .kb-clause.kb-hl")
    if not found or found[0].get_attribute("id") != f"c-{clause_id}" or not found[0].is_displayed():
        return None
    top, bottom, height = driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom, window.innerHeight];", found[0])
    return found[0] if 0 <= top and bottom <= height else None


def test_example_question_shows_cited_clause(browser, live_server, tmp_path):  # noqa: F811
    from selenium.webdriver.common.by import By

    open_page(browser, live_server)
    example = wait(browser, lambda d: d.find_element(
        By.XPATH, f"//*[@id='ask-examples']//button[normalize-space()='{DUST}']"))
    example.click()
    wait(browser, lambda d: any(DUST_VALUE in c.text for c in answer_cards(d)))

    answer = browser.find_element(By.CSS_SELECTOR, "#ask-chat .kb-answer").text
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
    # 复制引用 puts 《title》（文号） section, date on the clipboard (fallback path on plain http).
    card.find_element(By.CLASS_NAME, "kb-copy").click()
    copied = wait(browser, lambda d: d.execute_script("return window.kbLastCopied"), timeout=10)
    assert copied.startswith("《") and "》（" in copied and "年" in copied
    # A clipboard write that never settles (a permission or focus wait) still copies, by the fallback.
    browser.execute_script("window.kbLastCopied = null;"
                           "navigator.clipboard.writeText = () => new Promise(() => {});")
    card.find_element(By.CLASS_NAME, "kb-copy").click()
    assert wait(browser, lambda d: d.execute_script("return window.kbLastCopied"), timeout=10) == copied
    shoot(browser, "screenshot.png", tmp_path)


def test_conversation_citation_link_and_deep_link(browser, live_server, tmp_path):  # noqa: F811
    """Two turns, newest at the bottom; a citation's link opens its clause highlighted; so does a pasted link."""
    from selenium.webdriver.common.by import By

    open_page(browser, live_server)
    ask(browser, FENGTAI, 1)
    wait(browser, lambda d: answer_cards(d))
    ask(browser, FOLLOW_UP, 2)
    assert user_messages(browser) == [FENGTAI, FOLLOW_UP]
    last = bot_messages(browser)[-1]
    assert last.location["y"] > bot_messages(browser)[0].location["y"]  # newest below
    assert "Settings" not in browser.page_source and "Use via API" not in browser.page_source
    assert wait(browser, lambda d: d.find_element(By.ID, "ask-download").is_displayed())
    follow_up = browser.find_elements(By.CSS_SELECTOR, "#ask-chat [data-testid=user]")[-1]
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", follow_up)
    shoot(browser, "ui-conversation.png", tmp_path)

    link = bot_messages(browser)[0].find_element(By.CSS_SELECTOR, ".kb-card a.kb-goto")
    query = dict(p.split("=", 1) for p in urlsplit(link.get_attribute("href")).query.split("&"))
    clause_id = unquote(query["clause"])
    link.click()
    clause = wait(browser, lambda d: highlighted_clause_in_view(d, clause_id), timeout=20)
    assert "doc=" in browser.current_url and clause.text
    shoot(browser, "ui-clause.png", tmp_path)
    next(t for t in browser.find_elements(By.CSS_SELECTOR, "button[role=tab]") if t.text == "问答").click()
    assert wait(browser, lambda d: user_messages(d) == [FENGTAI, FOLLOW_UP])  # same page: the chat is kept

    doc_id = DEEP_CLAUSE.split(":")[0]
    browser.get(f"{live_server}/?doc={quote(doc_id, safe='')}&clause={quote(DEEP_CLAUSE, safe='')}")
    clause = wait(browser, lambda d: highlighted_clause_in_view(d, DEEP_CLAUSE), timeout=30)
    assert "新能源汽车" in clause.text
    shoot(browser, "ui-deeplink.png", tmp_path)


def test_targets_chart_for_a_query(browser, live_server, tmp_path):  # noqa: F811
    from selenium.webdriver.common.by import By

    open_page(browser, live_server)
    next(t for t in browser.find_elements(By.CSS_SELECTOR, "button[role=tab]") if t.text == "目标对比").click()
    box = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#indicator textarea"))
    box.send_keys("PM2.5")
    browser.find_element(By.ID, "targets-button").click()
    chart = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#targets-chart img"))[0]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", chart)
    shoot(browser, "ui-targets.png", tmp_path)


def test_typed_markup_is_shown_as_text(browser, live_server):  # noqa: F811
    from selenium.webdriver.common.by import By

    open_page(browser, live_server)
    query = "<script>window.kbInjected=1</script><img src=x onerror=\"window.kbInjected=2\">降尘量"
    ask(browser, query, 1)
    assert user_messages(browser) == [query]
    assert browser.execute_script("return window.kbInjected") is None
    assert not browser.find_elements(By.CSS_SELECTOR, "#ask-chat .message-content script, #ask-chat .message-content img")


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
