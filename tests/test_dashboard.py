"""The dashboard in a real browser: Playwright driving Debian's Chromium (/usr/bin/chromium)
against uvicorn on a free localhost port. Saves the README's screenshots to docs/img/ when NEWSGRAPH_SCREENSHOTS=1."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from .web_support import Server, demo_database, hostile_database, screenshot_dir

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1360, "height": 900}

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing: install it with `make browser` "
                                                     "(Debian's chromium; Playwright's own download does not work offline)"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with Server(demo_database(tmp_path_factory)) as srv:
        yield srv


class Watch:
    """A page that records every request and every script error or dialog."""

    def __init__(self, browser, origin: str):
        self.page = browser.new_page(viewport=VIEWPORT)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.origin = origin

    def go(self, path: str):
        self.page.goto(self.origin + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def check(self) -> None:
        assert not self.errors, self.errors
        assert not self.dialogs, self.dialogs
        foreign = [u for u in self.requests if not u.startswith(self.origin + "/")]
        assert not foreign, f"requests left the app: {foreign}"


def shot(page, name: str, max_height: int = 2000) -> None:
    IMG = screenshot_dir()
    height = min(page.evaluate("document.documentElement.scrollHeight"), max_height)
    page.screenshot(path=str(IMG / name), full_page=True, clip={"x": 0, "y": 0, "width": VIEWPORT["width"], "height": height})


def test_overview(browser, server):
    w = Watch(browser, server.url)
    page = w.go("/")
    assert page.locator("h1").inner_text() == "Overview"
    assert page.locator(".stat").first.inner_text().startswith("14")
    assert page.locator("svg[aria-label='events over time'] rect").count() > 5
    assert page.locator("svg[aria-label='network of who acts on whom'] .node").count() > 3
    assert page.locator("#json-twin").get_attribute("href") == "/api/overview"
    shot(page, "overview.png")
    w.check()
    page.close()


def test_search_open_article_click_quote_and_actor(browser, server):
    w = Watch(browser, server.url)
    page = w.go("/")
    page.fill(".search input", "El Fasher shelling")
    page.press(".search input", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=El\+Fasher"))
    page.wait_for_selector(".results li")
    assert "bm25" in page.locator(".page-head .meta").inner_text()
    first = page.locator(".results li a.title").first
    assert first.inner_text().startswith("Shelling kills civilians")
    first.click()
    page.wait_for_selector("#article-text .hl")
    assert page.locator("h1").inner_text().startswith("Shelling kills civilians")
    assert page.locator("#article-text .hl-quote").count() > 5
    assert page.locator("#article-text .hl-event").count() > 3

    # a quote: its record with the chain of sources drawn as a path
    page.locator("#article-text .hl-quote", has_text="Most of the dead were women").first.click()
    record = page.locator("#record")
    assert "direct statement" in record.text_content()
    assert "Most of the dead were women and children" in record.locator("blockquote").inner_text()
    hops = record.locator(".chain .hop").all_inner_texts()
    assert hops[0] == "AFP" and len(hops) >= 2
    assert "a volunteer" in record.text_content()
    assert page.locator("#article-text .hl.selected").count() >= 1
    shot(page, "article.png", max_height=1500)

    # an event trigger
    page.locator("#article-text .hl-event", has_text="accused").first.click()
    assert "ACCUSE" in record.text_content() and "claimed" in record.text_content()

    # an actor: its record, then its page
    page.locator("#article-text .hl-actor", has_text="RSF").first.click()
    assert "Rapid Support Forces" in record.text_content()
    record.locator("#record-actor-link").click()
    page.wait_for_url(re.compile(r"/actors/sdn\.rsf$"))
    page.wait_for_selector("svg[aria-label='timeline']")
    assert page.locator("h1").inner_text() == "Rapid Support Forces"
    assert "What it says" in page.locator("main").inner_text()
    w.check()
    page.close()


def test_actor_page_network(browser, server):
    w = Watch(browser, server.url)
    page = w.go("/actors/al-shabab")
    page.wait_for_selector("svg.net .node")
    assert page.locator("h1").inner_text() == "al-Shabab"
    assert page.locator("svg.net .node.ego").count() == 1
    edges = page.locator("svg.net path.edge")
    assert edges.count() >= 2
    colours = {edges.nth(i).get_attribute("stroke") for i in range(edges.count())}
    assert colours <= {"#2a9d8f", "#d1495b", "#8d99ae"}
    assert page.locator("svg[aria-label='timeline'] rect").count() > 0
    shot(page, "actor.png")
    # a neighbour in the network leads to its page
    page.locator("svg.net .node:not(.ego)").first.click()
    page.wait_for_url(re.compile(r"/actors/(?!al-shabab)"))
    w.check()
    page.close()


def test_events_explorer_filters_and_map(browser, server):
    w = Watch(browser, server.url)
    page = w.go("/events")
    page.wait_for_selector(".events-table")
    assert page.locator("svg.map path.country.has").count() >= 5
    assert page.locator("svg.map circle.bubble").count() >= 5
    page.select_option("select[name=type]", "ASSAULT")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"type=ASSAULT"))
    page.wait_for_selector(".events-table")
    types = page.locator(".events-table tbody .chip.type").all_inner_texts()
    assert types and set(types) == {"ASSAULT"}
    assert page.locator("#json-twin").get_attribute("href").startswith("/api/events?type=ASSAULT")
    page.goto(server.url + "/events")
    page.wait_for_selector(".events-table")
    shot(page, "events.png", max_height=1700)
    page.locator("svg.map circle.bubble").first.click()
    page.wait_for_url(re.compile(r"country=[A-Z]{3}"))
    page.wait_for_selector(".events-table")
    w.check()
    page.close()


def test_quotes_explorer(browser, server):
    w = Watch(browser, server.url)
    page = w.go("/quotes?anonymous=true")
    page.wait_for_selector(".quote-card")
    cards = page.locator(".quotes .quote-card")
    assert cards.count() == 25
    assert all("anonymous" in t for t in cards.all_inner_texts())
    assert page.locator(".quotes .chain .hop.first").count() == 25
    page.goto(server.url + "/quotes?contested=true")
    page.wait_for_selector(".quote-card")
    assert "Disputes:" in page.locator(".quotes").inner_text()
    page.goto(server.url + "/quotes")
    page.wait_for_selector(".quote-card")
    shot(page, "quotes.png", max_height=1500)
    w.check()
    page.close()


def test_hostile_article_is_shown_as_text_and_nothing_runs(browser, tmp_path_factory):
    with Server(hostile_database(tmp_path_factory)) as srv:
        w = Watch(browser, srv.url)
        page = w.go("/search?q=attack+test+headline")
        page.wait_for_selector(".results li")
        link = page.locator(".results li a.title", has_text="Attack test headline").first
        assert "<script>" in link.inner_text()
        link.click()
        page.wait_for_selector("#article-text")
        text = page.locator("#article-text").inner_text()
        for literal in ('<img src=x onerror="window.__pwned=2">', '<b onmouseover="window.__pwned=3">',
                        "&amp; &lt;script&gt;", "<svg onload=window.__pwned=5>"):
            assert literal in text, literal
        assert "<script>" in page.locator("h1").inner_text()
        for selector in ("main img", "main script", "main svg[onload]", "main b", "[onerror]", "[onmouseover]"):
            assert page.locator(selector).count() == 0, selector
        for hl in page.locator("#article-text .hl").all()[:30]:
            hl.click()
            hl.hover()
        page.goto(srv.url + "/quotes?q=reject")
        page.wait_for_selector(".quote-card")
        assert "<svg onload" in page.locator(".quotes").inner_text()
        page.goto(srv.url + "/")
        page.wait_for_selector(".stat")
        assert page.evaluate("typeof window.__pwned") == "undefined"
        w.check()
        page.close()
