"""The counter page in a real headless browser (Chromium from Debian, system chromedriver)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the service extra is not installed")
uvicorn = pytest.importorskip("uvicorn", reason="the service extra is not installed")
pytest.importorskip("selenium", reason="selenium is not installed")

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from kratom_safety._service import create_app  # noqa: E402

CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
CHROMIUM = (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
)
NO_BROWSER = (
    "no headless browser installed: the counter-page test needs Chromium and chromedriver "
    "(Debian: apt-get install chromium chromium-driver; .ci/run installs them)"
)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    yield url
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None or not shutil.which(CHROMEDRIVER):
        pytest.skip(NO_BROWSER)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1200,1000",
        "--no-first-run",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _submit_list(browser: Any, base_url: str, text: str, substance: str = "kratom") -> None:
    browser.get(base_url + "/")
    meds = browser.find_element(By.ID, "meds")
    meds.clear()
    meds.send_keys(text)
    Select(browser.find_element(By.ID, "substance")).select_by_value(substance)
    browser.find_element(By.ID, "submit").click()
    WebDriverWait(browser, 20).until(ec.visibility_of_element_located((By.ID, "results")))


def test_a_typed_list_is_checked_and_rendered(browser: Any, base_url: str) -> None:
    _submit_list(
        browser,
        base_url,
        "oxycodone HCl 5 mg tab\nXanax 0.5mg\nsertraline\npatient refused\nstopped tramadol\n",
    )
    cards = browser.find_elements(By.CSS_SELECTOR, "article.finding")
    assert [c.get_attribute("data-interaction") for c in cards][:3] == [
        "KS-INT-0001",
        "KS-INT-0003",
    ]
    first = cards[0]
    # severity in colour AND in text
    badge = first.find_element(By.CSS_SELECTOR, ".badge.sev-major")
    assert badge.text.upper() == "SEVERITY: MAJOR"
    assert badge.value_of_css_property("background-color") in (
        "rgba(164, 22, 26, 1)",
        "rgb(164, 22, 26)",
    )
    assert "ACTION: AVOID" in first.text.upper() and "EVIDENCE: POSSIBLE" in first.text.upper()
    assert first.find_element(By.CSS_SELECTOR, ".management").text
    links = first.find_elements(By.CSS_SELECTOR, "dd ol a")
    assert links and all(a.get_attribute("href").startswith("https://") for a in links)
    assert "Hill 2022" in links[0].text
    assert browser.find_element(By.ID, "cumulative-section").is_displayed()
    assert "patient refused" in browser.find_element(By.ID, "unrecognized").text
    assert "stopped tramadol" in browser.find_element(By.ID, "negated").text
    statement = browser.find_element(By.ID, "statement").text
    assert (
        statement.startswith("2 interaction findings with kratom")
        and "Coverage is partial" in statement
    )
    assert "Checked 5 entries: 2 findings" in browser.find_element(By.ID, "status").text
    # focus moved to the results heading, for keyboard and screen-reader users
    assert browser.switch_to.active_element.get_attribute("id") == "results-heading"
    # no CSP violation or script error in the console
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


def test_no_finding_is_never_an_all_clear(browser: Any, base_url: str) -> None:
    _submit_list(
        browser, base_url, "amoxicillin\nzzqx herbal blend", substance="7-hydroxymitragynine"
    )
    assert not browser.find_elements(By.CSS_SELECTOR, "article.finding")
    assert "not evidence of safety" in browser.find_element(By.ID, "findings").text
    assert "zzqx herbal blend" in browser.find_element(By.ID, "unrecognized").text
    assert "7-hydroxymitragynine" in browser.find_element(By.ID, "meta").text


def test_keyboard_only_and_labels(browser: Any, base_url: str) -> None:
    browser.get(base_url + "/")
    for control in ("meds", "substance"):
        label = browser.find_element(By.CSS_SELECTOR, f"label[for='{control}']")
        assert label.text
    assert browser.find_element(By.TAG_NAME, "h1").text == "Kratom interaction check"
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)  # skip link
    body = browser.switch_to.active_element
    body.send_keys(Keys.TAB)
    active = browser.switch_to.active_element
    assert active.get_attribute("id") == "meds"
    active.send_keys("tramadol")
    active.send_keys(Keys.TAB)  # substance select
    browser.switch_to.active_element.send_keys(Keys.TAB)  # the button
    button = browser.switch_to.active_element
    assert button.get_attribute("id") == "submit"
    button.send_keys(Keys.ENTER)
    WebDriverWait(browser, 20).until(ec.visibility_of_element_located((By.ID, "results")))
    assert browser.find_elements(By.CSS_SELECTOR, "article.finding")


def test_errors_are_shown(browser: Any, base_url: str) -> None:
    browser.get(base_url + "/")
    browser.find_element(By.ID, "submit").click()
    assert "at least one medication" in browser.find_element(By.ID, "status").text
    _ = browser.find_element(By.ID, "meds")
    browser.execute_script(
        "document.getElementById('meds').value = Array(1002).join('aspirin\\n');"
    )
    browser.find_element(By.ID, "submit").click()
    WebDriverWait(browser, 20).until(ec.text_to_be_present_in_element((By.ID, "status"), "failed"))
    assert "more than 1000" in browser.find_element(By.ID, "status").text


def test_phone_width(browser: Any, base_url: str) -> None:
    browser.set_window_size(375, 800)
    try:
        _submit_list(browser, base_url, "oxycodone 5 mg\nXanax\nsertraline")
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"
        )
        assert overflow <= 0
        button = browser.find_element(By.ID, "submit")
        assert button.size["height"] >= 44  # a touch target
    finally:
        browser.set_window_size(1200, 1000)


def test_static_files_ship_with_the_package() -> None:
    from importlib.resources import files

    static = files("kratom_safety").joinpath("static")
    for name in ("index.html", "app.js", "style.css"):
        assert static.joinpath(name).is_file(), name
