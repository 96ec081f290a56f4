"""The citizens' pages in a real browser with JavaScript turned off, on a phone.

Chromium (the system's ``/usr/bin/chromium``, driven by Playwright) opens the
form of a real ``liveline serve`` on SQLite at a phone's viewport, sends
questions in Russian and in English, runs into a refusal, and finds its
question again after the server restarts. One screenshot of the form and one of
the status page go to ``bench/out/`` for a person to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect, sync_playwright
from serving import LivelineServer, create_open_event, liveline_env, serving

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SLUG = "direct-line"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE: ViewportSize = {"width": 390, "height": 844}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "bench" / "out"
STATUS_URL = re.compile(r"/s/([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\?accepted=1$")
TIMEOUT_MS = 10_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LivelineServer]:
    """One Liveline server on SQLite for the module, with an open event."""
    directory = tmp_path_factory.mktemp("browser")
    env = liveline_env(directory)
    create_open_event(directory, env, SLUG)
    with serving(directory, env) as started:
        yield started


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """The system's chromium, headless."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=TIMEOUT_MS
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh tab at a phone's size, with JavaScript disabled."""
    context = browser.new_context(
        java_script_enabled=False,
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def fill_question(page: Page, text: str, municipality: str) -> None:
    """Write the question and pick a municipality; tick nothing."""
    page.fill("#text", text)
    page.select_option("#municipality", municipality)


def send_form(page: Page) -> str:
    """Send the form and return the tracking code of the page it lands on."""
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(STATUS_URL)
    found = STATUS_URL.search(page.url)
    assert found, page.url
    return found[1]


def test_a_question_sent_from_the_form_lands_on_its_accepted_status_page(
    server: LivelineServer, page: Page
) -> None:
    text = "Когда в Нягани отремонтируют дорогу на улице Ленина?"
    page.goto(f"{server.base_url}/e/{SLUG}")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    fill_question(page, text, "Нягань")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "form-phone.png", full_page=True)

    code = send_form(page)
    expect(page.locator(".notice.good")).to_contain_text("Ваш вопрос принят")
    expect(page.locator(".notice.good .code")).to_have_text(code)
    expect(page.locator("blockquote")).to_have_text(text)
    page.screenshot(path=SCREENSHOTS / "status-phone.png", full_page=True)


def test_the_form_in_english_says_the_question_is_accepted_in_english(
    server: LivelineServer, page: Page
) -> None:
    page.goto(f"{server.base_url}/e/{SLUG}?lang=en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main form button[type=submit]")).to_have_text(
        "Send the question"
    )

    fill_question(page, "When will the road in Surgut be repaired?", "Сургут")
    code = send_form(page)
    expect(page.locator(".notice.good")).to_contain_text("Your question is accepted.")
    expect(page.locator(".notice.good .code")).to_have_text(code)
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_an_email_without_consent_is_refused_next_to_the_consent_box(
    server: LivelineServer, page: Page
) -> None:
    text = "Почему в школе №5 Сургута холодно?"
    page.goto(f"{server.base_url}/e/{SLUG}")
    page.fill("#text", text)
    page.fill("#email", "ivan@example.com")
    page.locator("main form button[type=submit]").click()

    error = page.locator("label[for=consent] + #consent-error")
    expect(error).to_have_text(
        "Чтобы оставить контакты, дайте согласие на обработку персональных данных."
    )
    expect(page.locator("#consent")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#text")).to_have_value(text)
    expect(page.locator("#email")).to_have_value("ivan@example.com")
    expect(page.locator(".notice.bad")).to_contain_text("Ваш вопрос ещё не отправлен.")
    assert STATUS_URL.search(page.url) is None


def test_the_status_page_still_shows_the_question_after_a_restart(
    server: LivelineServer, page: Page
) -> None:
    text = "Будет ли в Сургуте новая поликлиника?"
    page.goto(f"{server.base_url}/e/{SLUG}")
    fill_question(page, text, "Сургут")
    code = send_form(page)

    server.restart()
    page.goto(f"{server.base_url}/s/{code}")
    expect(page.locator("blockquote")).to_have_text(text)
    expect(page.locator("h1")).to_have_text("Прямая линия с губернатором")
    expect(page.get_by_text(code, exact=True).first).to_be_visible()
